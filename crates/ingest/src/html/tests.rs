//! Behaviour of [`super::extract_article`] on small hand-written pages.

use super::*;
use sitrep_core::DateSource;

/// A French news page with every kind of furniture around a three-paragraph article.
const PAGE_FR: &str = r##"<!DOCTYPE html>
<html lang="fr-FR">
<head>
<meta charset="utf-8">
<title>Crue de la Loire : les digues ont tenu - La Gazette du Val</title>
<meta property="og:site_name" content="La Gazette du Val">
<meta name="description" content="Les digues ont résisté à la crue.">
<link rel="canonical" href="https://gazette.example/val/crue-loire">
<script>var tracker = "<p>ne doit pas sortir</p>";</script>
<style>.share{color:red}</style>
</head>
<body>
<div id="cookie-banner"><p>Nous utilisons des cookies pour améliorer votre expérience de lecture sur notre site.</p><button>Accepter</button></div>
<header class="site-header"><a href="/">La Gazette du Val</a>
  <nav><ul><li><a href="/politique">Politique</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li></ul></nav>
</header>
<main>
<article>
  <h1>Crue de la Loire : les digues ont tenu</h1>
  <div class="share-buttons"><a href="#">Partager sur Facebook</a> <a href="#">Partager sur Twitter</a></div>
  <div class="article-body">
    <p>La montée des eaux a atteint son maximum dans la nuit de mardi à mercredi, sans provoquer de rupture des ouvrages de protection le long du fleuve.</p>
    <p>« Nous avons passé la nuit sur les berges, mais les digues ont parfaitement joué leur rôle », a expliqué le maire de la commune, soulagé, devant la mairie.</p>
    <p>Les services de l'État maintiennent toutefois la vigilance orange jusqu'à jeudi, car de nouvelles pluies sont attendues sur le bassin versant en amont.</p>
  </div>
  <section class="related-articles"><h2>Sur le même sujet</h2>
    <ul><li><a href="/a">Les crues de l'an dernier en images et en chiffres détaillés</a></li>
    <li><a href="/b">Comment les digues sont entretenues dans le département</a></li></ul>
  </section>
  <section id="comments"><h2>Commentaires</h2>
    <div class="comment"><p>Bravo aux équipes qui ont surveillé les berges toute la nuit, vraiment impressionnant.</p></div>
  </section>
</article>
</main>
<footer><p>© La Gazette du Val, tous droits réservés.</p><a href="?mobile=0">Quitter la version mobile</a></footer>
</body>
</html>"##;

#[test]
fn french_page_keeps_article_and_drops_furniture() {
    let a = extract_article(PAGE_FR, None);
    assert_eq!(
        a.title.as_deref(),
        Some("Crue de la Loire : les digues ont tenu")
    );
    let expected = "Crue de la Loire : les digues ont tenu\n\n\
        La montée des eaux a atteint son maximum dans la nuit de mardi à mercredi, sans provoquer \
        de rupture des ouvrages de protection le long du fleuve.\n\n\
        « Nous avons passé la nuit sur les berges, mais les digues ont parfaitement joué leur \
        rôle », a expliqué le maire de la commune, soulagé, devant la mairie.\n\n\
        Les services de l'État maintiennent toutefois la vigilance orange jusqu'à jeudi, car de \
        nouvelles pluies sont attendues sur le bassin versant en amont.";
    assert_eq!(a.text, expected);
    for furniture in [
        "Partager",
        "cookies",
        "Politique",
        "Sur le même sujet",
        "Les crues de l'an dernier",
        "Commentaires",
        "Bravo",
        "Quitter la version mobile",
        "droits réservés",
        "ne doit pas sortir",
    ] {
        assert!(
            !a.text.contains(furniture),
            "{furniture:?} leaked into the text"
        );
    }
    assert_eq!(a.lang.as_deref(), Some("fr"));
    assert_eq!(a.site_name.as_deref(), Some("La Gazette du Val"));
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://gazette.example/val/crue-loire")
    );
    assert_eq!(
        a.description.as_deref(),
        Some("Les digues ont résisté à la crue.")
    );
}

#[test]
fn paragraphs_without_p_tags_and_line_breaks() {
    let html = "<html><body><div class=\"menu\"><a href=\"/\">Accueil</a> | <a href=\"/x\">Contact</a></div>\
        <div class=\"texte\">Le conseil municipal a voté le budget lundi soir, après trois heures de débat animé.<br><br>\
        L'opposition a dénoncé « une hausse injustifiée » des tarifs de la cantine scolaire, sans obtenir de modification.\
        </div></body></html>";
    let a = extract_article(html, None);
    assert_eq!(
        a.paragraphs,
        vec![
            "Le conseil municipal a voté le budget lundi soir, après trois heures de débat animé.",
            "L'opposition a dénoncé « une hausse injustifiée » des tarifs de la cantine scolaire, sans obtenir de modification.",
        ]
    );
    assert!(!a.text.contains("Accueil"));
}

#[test]
fn json_ld_metadata_is_preferred() {
    let html = r#"<html><head>
        <meta property="og:title" content="Titre OG">
        <meta property="article:published_time" content="2021-01-01T00:00:00Z">
        <script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Le Site"},
          {"@type":["NewsArticle"],"headline":"Titre JSON-LD","datePublished":"2020-02-28T10:15:00+01:00",
           "dateModified":"2020-02-29T08:00:00+01:00",
           "author":[{"@type":"Person","name":"Claire Martin"},{"@type":"Person","name":"Paul Durand"}],
           "publisher":{"@type":"Organization","name":"Le Quotidien"}}]}
        </script></head><body><p>Texte.</p></body></html>"#;
    let a = extract_article(html, None);
    let p = a.published.expect("published");
    assert_eq!(p.source, DateSource::JsonLd);
    assert_eq!(p.date.to_string(), "2020-02-28");
    assert_eq!(
        p.datetime.map(|d| d.to_rfc3339()).as_deref(),
        Some("2020-02-28T10:15:00+01:00")
    );
    assert_eq!(
        a.modified.map(|m| m.date.to_string()).as_deref(),
        Some("2020-02-29")
    );
    assert_eq!(a.authors, vec!["Claire Martin", "Paul Durand"]);
    assert_eq!(a.site_name.as_deref(), Some("Le Quotidien"));
    // og:title comes first for the title, by the documented order.
    assert_eq!(a.title.as_deref(), Some("Titre OG"));
}

#[test]
fn json_ld_array_and_invalid_blocks() {
    let html = r#"<html><head>
        <script type="application/ld+json">{ not json at all </script>
        <script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"ReportageNewsArticle","headline":"Reportage","datePublished":"2019-11-05","author":"Léa Petit"}]</script>
        </head><body></body></html>"#;
    let a = extract_article(html, None);
    assert_eq!(a.title.as_deref(), Some("Reportage"));
    assert_eq!(
        a.published.map(|p| (p.date.to_string(), p.source)),
        Some(("2019-11-05".to_string(), DateSource::JsonLd))
    );
    assert_eq!(a.authors, vec!["Léa Petit"]);
}

#[test]
fn meta_dates_and_authors() {
    let html = r#"<html><head>
        <meta property="article:published_time" content="2020-03-01T09:00:00+01:00">
        <meta property="article:modified_time" content="2020-03-02T09:00:00+01:00">
        <meta name="author" content="Jeanne Roux">
        </head><body></body></html>"#;
    let a = extract_article(html, None);
    let p = a.published.expect("published");
    assert_eq!(
        (p.date.to_string(), p.source),
        ("2020-03-01".into(), DateSource::Meta)
    );
    assert_eq!(
        a.modified.map(|m| m.date.to_string()).as_deref(),
        Some("2020-03-02")
    );
    assert_eq!(a.authors, vec!["Jeanne Roux"]);

    for (name, value) in [
        ("date", "2020-03-01"),
        ("pubdate", "20200301"),
        ("DC.date.issued", "2020-03-01"),
        ("sailthru.date", "Sun, 01 Mar 2020 09:00:00 +0100"),
        ("parsely-pub-date", "2020-03-01T08:00:00Z"),
    ] {
        let html = format!(r#"<html><head><meta name="{name}" content="{value}"></head></html>"#);
        let a = extract_article(&html, None);
        assert_eq!(
            a.published.map(|p| (p.date.to_string(), p.source)),
            Some(("2020-03-01".to_string(), DateSource::Meta)),
            "{name}"
        );
    }
}

#[test]
fn time_element_prefers_the_article() {
    let html = r#"<html><body>
        <div class="top-bar"><time datetime="2024-06-01">Aujourd'hui</time></div>
        <article><time datetime="2020-02-28T07:30:00+01:00">28 février 2020</time>
        <p>Un paragraphe assez long pour être retenu comme texte de l'article.</p></article>
        </body></html>"#;
    let a = extract_article(html, None);
    let p = a.published.expect("published");
    assert_eq!(
        (p.date.to_string(), p.source),
        ("2020-02-28".into(), DateSource::TimeElement)
    );
}

#[test]
fn url_dates() {
    let a = extract_article(
        "<html><body><p>Rien.</p></body></html>",
        Some("https://journal.example/societe/2020/02/28/un-titre_42.html"),
    );
    let p = a.published.expect("published");
    assert_eq!(
        (p.date.to_string(), p.source),
        ("2020-02-28".into(), DateSource::Url)
    );
    let b = extract_article(
        r#"<html><head><link rel="canonical" href="https://journal.example/2020-02-28/un-titre"></head></html>"#,
        None,
    );
    assert_eq!(
        b.published.map(|p| p.date.to_string()).as_deref(),
        Some("2020-02-28")
    );
}

#[test]
fn title_fallbacks_and_site_suffix() {
    let a = extract_article(
        "<html><head><title>Grève dans les transports - Le Monde</title><meta property=\"og:site_name\" content=\"Le Monde\"></head><body></body></html>",
        None,
    );
    assert_eq!(a.title.as_deref(), Some("Grève dans les transports"));
    let b = extract_article(
        "<html><head><title>Accueil | Site</title></head><body><h1>Le vrai titre</h1></body></html>",
        None,
    );
    assert_eq!(b.title.as_deref(), Some("Le vrai titre"));
}

#[test]
fn lang_sources() {
    let a = extract_article(
        r#"<html><head><meta property="og:locale" content="fr_FR"></head></html>"#,
        None,
    );
    assert_eq!(a.lang.as_deref(), Some("fr"));
    let b = extract_article(
        r#"<html><head><meta http-equiv="content-language" content="en-GB"></head></html>"#,
        None,
    );
    assert_eq!(b.lang.as_deref(), Some("en"));
}

#[test]
fn empty_and_garbage_input() {
    let a = extract_article("", None);
    assert_eq!(a.text, "");
    assert_eq!(a.title, None);
    assert_eq!(extract_article("   \n ", None).text, "");
    // Binary garbage decoded as text, broken markup, unclosed everything.
    let garbage: String = (0u32..5000)
        .map(|i| char::from_u32((i * 7919) % 0x3000).unwrap_or('\u{fffd}'))
        .collect();
    let _ = extract_article(&garbage, None);
    let _ = extract_article("<html><body><p>Un <b>texte <i>mal <a href='x'>fermé", None);
    let _ = extract_article("<script>", None);
    let _ = extract_article("<!--", None);
    let _ = extract_article("<<<>>></p></div></body>", Some("not a url"));
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 10_000;
    let mut html = String::from("<html><body>");
    html.push_str(&"<div>".repeat(depth));
    html.push_str("<p>Un paragraphe au fond de dix mille blocs imbriqués, qui doit ressortir.</p>");
    html.push_str(&"</div>".repeat(depth));
    html.push_str("</body></html>");
    // Run on a thread with an explicit 8 MB stack, as the requirement states.
    let text = std::thread::Builder::new()
        .stack_size(8 * 1024 * 1024)
        .spawn(move || extract_article(&html, None).text)
        .expect("spawn")
        .join()
        .expect("no stack overflow");
    assert!(text.contains("dix mille blocs"), "{text}");

    // Unclosed inline nesting, which html5ever handles differently.
    let html = "<span>".repeat(10_000) + "fin";
    let text = std::thread::Builder::new()
        .stack_size(8 * 1024 * 1024)
        .spawn(move || extract_article(&html, None).text)
        .expect("spawn")
        .join()
        .expect("no stack overflow");
    assert!(text.contains("fin"));
}

#[test]
fn english_furniture_is_dropped() {
    let html = r##"<html lang="en"><body>
        <div class="newsletter-signup"><p>Sign up for our daily newsletter and never miss a story again.</p></div>
        <article><h1>Council approves new bridge</h1>
        <p>The city council approved the construction of a new pedestrian bridge on Tuesday, after months of debate.</p>
        <p>"This bridge will connect two neighbourhoods that have been apart for too long," the mayor said.</p>
        <p>Advertisement</p>
        <p>Work is expected to begin next spring and to last about eighteen months, officials said.</p>
        <div class="social-share"><a href="#">Share on Facebook</a><a href="#">Tweet</a></div>
        <aside><h3>Related stories</h3><ul><li><a href="/1">Old bridge closes for repairs after inspection</a></li></ul></aside>
        </article>
        <div class="cookie-consent">We use cookies to improve your experience. By continuing you accept our cookie policy.</div>
        </body></html>"##;
    let a = extract_article(html, None);
    assert_eq!(a.lang.as_deref(), Some("en"));
    assert_eq!(a.paragraphs.len(), 3, "{:#?}", a.paragraphs);
    assert!(a
        .text
        .starts_with("Council approves new bridge\n\nThe city council"));
    assert!(a.text.contains("\"This bridge will connect"));
    for furniture in ["newsletter", "Advertisement", "Share", "Related", "cookies"] {
        assert!(!a.text.contains(furniture), "{furniture:?} leaked");
    }
}

#[test]
fn deep_tree_walks_are_iterative() {
    // Past the prescan's depth cap: the flat tree and every pass over it must cope with html5ever
    // trees of any depth on an 8 MB stack.
    let html =
        "<div>".repeat(10_000) + "<p>Une phrase assez longue, au fond de l'arbre, pour voter.</p>";
    let paragraphs = std::thread::Builder::new()
        .stack_size(8 * 1024 * 1024)
        .spawn(move || {
            let flat = dom::Dom::parse_document(&html);
            let _ = meta::collect(&flat, None);
            content::paragraphs(&flat, &[])
        })
        .expect("spawn")
        .join()
        .expect("no stack overflow");
    assert_eq!(paragraphs.len(), 1);
}

/// The element names of a flat tree, in document order.
fn element_names(d: &dom::Dom) -> Vec<String> {
    d.nodes
        .iter()
        .filter(|n| n.is_element())
        .map(|n| n.name.to_string())
        .collect()
}

#[test]
fn tree_sink_follows_the_parsers_moves() {
    // Foster parenting: text inside a table but outside any cell is moved before the table.
    let d = dom::Dom::parse_document("<table><tr><td>cell</td></tr>stray</table>");
    assert_eq!(d.text_of(0), "stray cell");

    // Adoption agency: a paragraph opened inside <b> that closes after it is taken out of the
    // <b>, and a new <b> is opened inside it (reparent_children, insert_before).
    let d = dom::Dom::parse_document("<b>un<p>deux</b>trois</p>");
    assert_eq!(element_names(&d), ["html", "head", "body", "b", "p", "b"]);
    let p = d
        .nodes
        .iter()
        .position(|n| n.tag == dom::Tag::P)
        .expect("p");
    let body = d
        .nodes
        .iter()
        .position(|n| n.tag == dom::Tag::Body)
        .expect("body");
    assert_eq!(d.nodes[p].parent as usize, body);
    assert_eq!(d.text_of(p), "deuxtrois");

    // Template contents belong to the template, whose subtree is never text.
    let d = dom::Dom::parse_document("<template><p>caché</p></template><p>vu</p>");
    let t = d
        .nodes
        .iter()
        .position(|n| n.name.as_ref() == "template")
        .expect("template");
    assert_eq!(d.nodes[t + 1].parent as usize, t);
    assert_eq!(d.nodes[t].end as usize, t + 3);
    assert_eq!(d.text_of(0), "vu");

    // Adjacent text runs are one node; kept attributes are read back, others dropped.
    let d = dom::Dom::parse_document("<p class=\"a\" data-x=\"1\">un &amp;\ndeux</p>");
    let p = d
        .nodes
        .iter()
        .position(|n| n.tag == dom::Tag::P)
        .expect("p");
    assert_eq!(d.attr(p, dom::Attr::Class), Some("a"));
    assert_eq!(d.nodes[p].end as usize, p + 2);
    assert_eq!(&*d.nodes[p + 1].text, "un &\ndeux");

    // A second <body> tag adds the attributes the first one lacked.
    let d = dom::Dom::parse_document("<body class=\"a\"><p>x<body id=\"b\" class=\"c\">");
    let body = d
        .nodes
        .iter()
        .position(|n| n.tag == dom::Tag::Body)
        .expect("body");
    assert_eq!(d.attr(body, dom::Attr::Class), Some("a"));
    assert_eq!(d.attr(body, dom::Attr::Id), Some("b"));
}

#[test]
fn text_helpers_match_their_char_by_char_definitions() {
    // The definition push_collapsed implements with an ASCII fast path.
    fn reference(out: &mut String, s: &str) -> usize {
        let mut added = 0;
        let mut pending_space = false;
        for c in s.chars() {
            if c.is_whitespace() || c.is_control() {
                pending_space |= c.is_whitespace();
                continue;
            }
            if pending_space && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
                added += 1;
            }
            pending_space = false;
            out.push(c);
            added += 1;
        }
        if pending_space && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
            added += 1;
        }
        added
    }
    let alphabet = [
        "a", "é", " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\0", "\u{7f}", "\u{85}", "\u{a0}",
        "\u{2009}", "\u{3000}", ",", "،", "，", "\u{fffd}", "x\u{300}", "中", "😀", "\u{1c}",
    ];
    let mut seed: u64 = 7;
    for _ in 0..3000 {
        let mut s = String::new();
        for _ in 0..(seed % 12) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s.push_str(alphabet[(seed >> 33) as usize % alphabet.len()]);
        }
        for prefix in ["", "x", "x "] {
            let (mut a, mut b) = (prefix.to_string(), prefix.to_string());
            assert_eq!(
                dom::push_collapsed(&mut a, &s),
                reference(&mut b, &s),
                "{s:?}"
            );
            assert_eq!(a, b, "{s:?}");
        }
        assert_eq!(
            content::count_commas(&s),
            s.matches([',', '،', '，']).count(),
            "{s:?}"
        );
    }
}

#[test]
fn truncated_and_garbled_pages_do_not_panic() {
    // Every prefix of a real-looking page: cuts inside tags, attribute values, comments,
    // scripts, entities and multi-byte characters.
    for cut in (0..PAGE_FR.len()).filter(|&c| PAGE_FR.is_char_boundary(c)) {
        let _ = extract_article(&PAGE_FR[..cut], None);
    }
    // Markup-shaped garbage: quotes, slashes, equals signs, NULs and stray brackets in tags.
    let pieces = [
        "<",
        ">",
        "</",
        "/>",
        "=",
        "\"",
        "'",
        "<div",
        "<p ",
        "<a href=",
        "<script>",
        "</script",
        "<!--",
        "-->",
        "<svg",
        "<title>",
        "</title",
        "<pre>\n",
        "&",
        "&#x",
        ";",
        "\0",
        "\r\n",
        " ",
        "x",
        "é",
        "\u{fffd}",
        "<table>",
        "<td>",
        "<b>",
        "<math>",
        "<plaintext>",
    ];
    let mut seed: u64 = 42;
    for _ in 0..2000 {
        let mut page = String::new();
        for _ in 0..(seed % 80) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            page.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let _ = extract_article(&page, Some("https://example.org/2024/01/02/x"));
    }
}

#[test]
fn attr_names_are_the_attributes_read() {
    // Each name is read, as an attribute of its own.
    let read: Vec<dom::Attr> = dom::ATTR_NAMES
        .iter()
        .filter_map(|n| dom::Attr::of(&html5ever::LocalName::from(*n)))
        .collect();
    assert_eq!(read.len(), dom::ATTR_NAMES.len());
    for (i, a) in read.iter().enumerate() {
        assert!(!read[..i].contains(a), "{a:?} twice");
    }
    assert_eq!(dom::Attr::of(&html5ever::LocalName::from("src")), None);
}
