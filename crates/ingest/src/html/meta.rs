//! Page metadata: title, dates, authors, site name, URLs, language and description.
//!
//! Sources are read in order of trust. JSON-LD comes first because the publisher writes it for
//! search engines, about this very article (not the site). OpenGraph and `article:*` meta tags come
//! next, then the many ad-hoc meta names (Dublin Core, Sailthru, Parse.ly, ...), then a
//! `<time datetime>` in the page (which may as well be a comment's or a sidebar's date, hence its
//! low rank), and last a date in the URL path, which gives the day at best.

use serde_json::Value;
use sitrep_core::{DateSource, Published};

use super::dates::{date_from_url, parse_date};
use super::dom::{push_collapsed, Attr, Dom, Tag};

/// The JSON-LD `@type`s that describe the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "scholarlyarticle",
    "techarticle",
    "report",
];

/// Largest JSON-LD block worth parsing; bigger ones are data dumps, not article metadata.
const MAX_JSON_LD: usize = 2_000_000;

/// What the JSON-LD of a page says about its article.
#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    description: Option<String>,
    url: Option<String>,
    language: Option<String>,
    /// Dates of a non-article object (WebPage, ...), used only when no article object has any.
    fallback_published: Option<String>,
    fallback_modified: Option<String>,
}

/// Metadata gathered from one page.
#[derive(Default)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub h1: Option<String>,
    pub published: Option<Published>,
    pub modified: Option<Published>,
    pub authors: Vec<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub description: Option<String>,
}

/// Collects metadata from the page. `url` is the address the page was fetched from, if known.
pub(crate) fn collect(dom: &Dom, url: Option<&str>) -> Meta {
    // Lowercased meta key -> content, first occurrence kept (pages repeat tags, the first is the
    // page's own; later ones often come from embedded widgets).
    let mut metas: Vec<(String, &str)> = Vec::new();
    let mut json_ld_blocks: Vec<String> = Vec::new();
    let mut html_lang: Option<&str> = None;
    let mut title_tag: Option<String> = None;
    let mut h1_in_article: Option<String> = None;
    let mut h1_any: Option<String> = None;
    let mut canonical: Option<&str> = None;
    let mut time_marked: Option<&str> = None;
    let mut time_in_article: Option<&str> = None;
    let mut time_any: Option<&str> = None;
    let mut itemprop_authors: Vec<String> = Vec::new();
    let mut rel_authors: Vec<String> = Vec::new();

    // Whether each node lies inside an <article> (or an element marked as the article body),
    // computed top-down from the parent's flag.
    let n = dom.len();
    let mut in_article = vec![false; n];
    let mut in_svg = vec![false; n];
    for i in 0..n {
        let node = &dom.nodes[i];
        let parent = node.parent as usize;
        let (p_article, p_invisible) = if parent < n {
            (in_article[parent], in_svg[parent])
        } else {
            (false, false)
        };
        in_article[i] = p_article
            || node.tag == Tag::Article
            || dom
                .attr(i, Attr::ItemType)
                .is_some_and(|t| t.contains("Article") || t.contains("BlogPosting"));
        in_svg[i] = p_invisible || (node.tag == Tag::Invisible);
        if node.tag == Tag::Text || in_svg[i] {
            continue;
        }
        if !node.is_element() {
            continue;
        }
        match node.tag {
            Tag::Html if html_lang.is_none() => html_lang = dom.attr(i, Attr::Lang),
            Tag::Meta => {
                let content = dom.attr(i, Attr::Content).unwrap_or("");
                if content.trim().is_empty() {
                    continue;
                }
                for key_attr in [Attr::Property, Attr::Name, Attr::ItemProp, Attr::HttpEquiv] {
                    if let Some(k) = dom.attr(i, key_attr) {
                        let k = k.trim().to_ascii_lowercase();
                        if !metas.iter().any(|(m, _)| *m == k) {
                            metas.push((k, content));
                        }
                    }
                }
            }
            Tag::Link => {
                let rel = dom.attr(i, Attr::Rel).unwrap_or("").to_ascii_lowercase();
                if canonical.is_none() && rel.split_whitespace().any(|r| r == "canonical") {
                    canonical = dom.attr(i, Attr::Href);
                }
            }
            Tag::Title if title_tag.is_none() => {
                let t = dom.text_of(i);
                if !t.is_empty() {
                    title_tag = Some(t);
                }
            }
            Tag::Script => {
                let ty = dom.attr(i, Attr::Type).unwrap_or("").to_ascii_lowercase();
                if ty.contains("ld+json") {
                    let mut text = String::new();
                    for j in i + 1..node.end as usize {
                        if dom.nodes[j].tag == Tag::Text {
                            text.push_str(&dom.nodes[j].text);
                        }
                    }
                    if text.len() <= MAX_JSON_LD {
                        json_ld_blocks.push(text);
                    }
                }
            }
            Tag::H1 => {
                let slot = if in_article[i] {
                    &mut h1_in_article
                } else {
                    &mut h1_any
                };
                if slot.is_none() {
                    let t = dom.text_of(i);
                    if !t.is_empty() {
                        *slot = Some(t);
                    }
                }
            }
            Tag::Time => {
                let value = dom.attr(i, Attr::Datetime);
                if let Some(v) = value {
                    // A <time> marked as the publication date beats any other.
                    let marked = dom
                        .attr(i, Attr::ItemProp)
                        .or_else(|| dom.attr(i, Attr::Class))
                        .or_else(|| dom.attr(i, Attr::Pubdate))
                        .is_some_and(|s| {
                            let s = s.to_ascii_lowercase();
                            s.contains("publish") || s.contains("pubdate") || s.is_empty()
                        });
                    if marked {
                        time_marked = time_marked.or(Some(v));
                    } else if in_article[i] {
                        time_in_article = time_in_article.or(Some(v));
                    } else {
                        time_any = time_any.or(Some(v));
                    }
                }
            }
            Tag::A => {
                let rel = dom.attr(i, Attr::Rel).unwrap_or("");
                if rel.eq_ignore_ascii_case("author") && rel_authors.len() < 5 {
                    let t = dom.text_of(i);
                    if !t.is_empty() && t.len() < 80 && !rel_authors.contains(&t) {
                        rel_authors.push(t);
                    }
                }
            }
            _ => {}
        }
        if dom.attr(i, Attr::ItemProp) == Some("author")
            && node.tag != Tag::Meta
            && itemprop_authors.len() < 5
        {
            // The name may be the element's text or a nested itemprop="name".
            let name_el = (i + 1..node.end as usize)
                .find(|&j| dom.attr(j, Attr::ItemProp) == Some("name"))
                .unwrap_or(i);
            let t = dom
                .attr(name_el, Attr::Content)
                .map(str::to_string)
                .unwrap_or_else(|| dom.text_of(name_el));
            if !t.is_empty() && t.len() < 80 && !itemprop_authors.contains(&t) {
                itemprop_authors.push(t);
            }
        }
    }

    let meta = |keys: &[&str]| -> Option<&str> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(m, _)| m == k)
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
        })
    };

    let ld = json_ld_blocks
        .iter()
        .fold(JsonLd::default(), |acc, b| read_json_ld(b, acc));

    let mut out = Meta::default();

    // Dates: JSON-LD, then meta tags, then <time>, then the URL.
    let meta_published = [
        "article:published_time",
        "og:article:published_time",
        "article:published",
        "datepublished",
        "date",
        "pubdate",
        "publish-date",
        "publish_date",
        "publishdate",
        "dc.date.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "dc.date.created",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
        "published-date",
        "og:published_time",
        "date.available",
        "cxenseparse:recs:publishtime",
    ];
    let meta_modified = [
        "article:modified_time",
        "og:updated_time",
        "datemodified",
        "dcterms.modified",
        "dc.date.modified",
        "last-modified",
    ];
    out.published = ld
        .published
        .as_deref()
        .and_then(|s| parse_date(s, DateSource::JsonLd))
        .or_else(|| {
            meta_published
                .iter()
                .find_map(|k| meta(&[k]).and_then(|s| parse_date(s, DateSource::Meta)))
        })
        .or_else(|| {
            ld.fallback_published
                .as_deref()
                .and_then(|s| parse_date(s, DateSource::JsonLd))
        })
        .or_else(|| {
            time_marked
                .or(time_in_article)
                .or(time_any)
                .and_then(|s| parse_date(s, DateSource::TimeElement))
        });
    out.modified = ld
        .modified
        .as_deref()
        .and_then(|s| parse_date(s, DateSource::JsonLd))
        .or_else(|| {
            meta_modified
                .iter()
                .find_map(|k| meta(&[k]).and_then(|s| parse_date(s, DateSource::Meta)))
        })
        .or_else(|| {
            ld.fallback_modified
                .as_deref()
                .and_then(|s| parse_date(s, DateSource::JsonLd))
        });

    out.url = meta(&["og:url"]).map(str::to_string);
    out.canonical_url = canonical
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    if out.published.is_none() {
        // The page's own address first, then what it declares.
        out.published = [
            url,
            out.canonical_url.as_deref(),
            out.url.as_deref(),
            ld.url.as_deref(),
        ]
        .into_iter()
        .flatten()
        .find_map(date_from_url);
    }

    out.site_name = meta(&["og:site_name", "application-name", "al:android:app_name"])
        .map(str::to_string)
        .or(ld.publisher);
    out.description = meta(&["og:description", "description", "twitter:description"])
        .map(clean)
        .or(ld.description);

    // Authors: JSON-LD, meta names that hold names (not profile URLs), microdata, rel=author.
    let mut authors = ld.authors;
    if authors.is_empty() {
        for k in [
            "author",
            "article:author",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "byl",
            "twitter:creator",
        ] {
            if let Some(v) = meta(&[k]) {
                if v.contains("://") || v.starts_with('@') {
                    continue;
                }
                let v = v.strip_prefix("By ").unwrap_or(v);
                for name in v.split([',', ';']).map(str::trim).filter(|s| !s.is_empty()) {
                    push_author(&mut authors, name);
                }
                break;
            }
        }
    }
    if authors.is_empty() {
        for a in itemprop_authors.iter().chain(rel_authors.iter()) {
            push_author(&mut authors, a);
        }
    }
    out.authors = authors;

    out.lang = html_lang
        .and_then(iso639)
        .or_else(|| meta(&["content-language", "language", "dc.language"]).and_then(iso639))
        .or_else(|| meta(&["og:locale"]).and_then(iso639))
        .or_else(|| ld.language.as_deref().and_then(iso639));

    // Title: og:title, JSON-LD headline, <h1>, <title>; then the site's name trimmed off.
    out.h1 = h1_in_article.or(h1_any);
    let raw_title = meta(&["og:title", "twitter:title"])
        .map(clean)
        .or(ld.headline)
        .or_else(|| out.h1.clone())
        .or(title_tag);
    out.title = raw_title
        .map(|t| strip_site_suffix(&t, out.site_name.as_deref(), url.or(out.url.as_deref())))
        .filter(|t| !t.is_empty());
    out
}

fn clean(s: &str) -> String {
    let mut out = String::new();
    push_collapsed(&mut out, s);
    out.trim_end().to_string()
}

fn push_author(authors: &mut Vec<String>, name: &str) {
    let name = clean(name);
    if !name.is_empty() && name.len() < 100 && !authors.contains(&name) && authors.len() < 20 {
        authors.push(name);
    }
}

/// "fr-FR", "fr_FR", "FR" -> "fr"; anything that is not a two-letter code -> None.
fn iso639(raw: &str) -> Option<String> {
    let primary = raw.trim().split(['-', '_', ',', ';']).next()?.trim();
    (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| primary.to_ascii_lowercase())
}

/// Removes a trailing (or leading) site name from a title: "Un titre - Le Monde" -> "Un titre".
///
/// Only a segment that names the site (its declared name, or its domain) is removed, so that a
/// headline which itself contains a dash keeps all of its words.
fn strip_site_suffix(title: &str, site: Option<&str>, url: Option<&str>) -> String {
    let title = title.trim();
    let host_word = url.and_then(|u| {
        let host = u
            .split_once("://")
            .map_or(u, |(_, r)| r)
            .split('/')
            .next()?;
        let host = host.trim_start_matches("www.");
        Some(host.split('.').next()?.to_lowercase())
    });
    // Letters only, lowercase, common accents folded: "Libération" names liberation.fr.
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .map(fold_accent)
            .collect()
    };
    let names_site = |seg: &str| -> bool {
        let seg_s = squash(seg);
        if seg_s.is_empty() {
            return false;
        }
        site.is_some_and(|s| {
            let s = squash(s);
            !s.is_empty() && (s == seg_s || s.contains(&seg_s) || seg_s.contains(&s))
        }) || host_word
            .as_deref()
            .is_some_and(|h| !h.is_empty() && (seg_s.contains(h) || h.contains(&seg_s)))
    };
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " : "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if !head.trim().is_empty() && names_site(tail) {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if !tail.trim().is_empty() && names_site(head) {
                return tail.trim().to_string();
            }
        }
    }
    title.to_string()
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' => 'i',
        'ô' | 'ö' | 'ó' | 'õ' => 'o',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        _ => c,
    }
}

/// Parses one JSON-LD block and folds what it says into `acc`. Invalid JSON is retried once with
/// raw control characters blanked (a frequent publisher bug); if still invalid, it is ignored.
fn read_json_ld(block: &str, mut acc: JsonLd) -> JsonLd {
    let trimmed = block
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim();
    let value: Value = match serde_json::from_str(trimmed) {
        Ok(v) => v,
        Err(_) => {
            let blanked: String = trimmed
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            match serde_json::from_str(&blanked) {
                Ok(v) => v,
                Err(_) => return acc,
            }
        }
    };
    // Iterative walk: arrays, @graph, and nested objects (mainEntity, ...).
    let mut stack: Vec<&Value> = vec![&value];
    let mut visited = 0usize;
    while let Some(v) = stack.pop() {
        visited += 1;
        if visited > 10_000 {
            break;
        }
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(obj) => {
                let is_article = obj.get("@type").is_some_and(type_matches);
                if is_article {
                    let s = |k: &str| obj.get(k).and_then(string_of);
                    if acc.headline.is_none() {
                        acc.headline = s("headline").or_else(|| s("name")).map(|h| clean(&h));
                    }
                    if acc.published.is_none() {
                        acc.published = s("datePublished").or_else(|| s("dateCreated"));
                    }
                    if acc.modified.is_none() {
                        acc.modified = s("dateModified");
                    }
                    if acc.authors.is_empty() {
                        if let Some(a) = obj.get("author").or_else(|| obj.get("creator")) {
                            names_of(a, &mut acc.authors);
                        }
                    }
                    if acc.publisher.is_none() {
                        if let Some(p) = obj.get("publisher") {
                            let mut names = Vec::new();
                            names_of(p, &mut names);
                            acc.publisher = names.into_iter().next();
                        }
                    }
                    if acc.description.is_none() {
                        acc.description = s("description").map(|d| clean(&d));
                    }
                    if acc.url.is_none() {
                        acc.url = s("url");
                    }
                    if acc.language.is_none() {
                        acc.language = s("inLanguage");
                    }
                } else {
                    if acc.fallback_published.is_none() {
                        acc.fallback_published = obj.get("datePublished").and_then(string_of);
                    }
                    if acc.fallback_modified.is_none() {
                        acc.fallback_modified = obj.get("dateModified").and_then(string_of);
                    }
                }
                for (k, child) in obj.iter() {
                    if k == "@graph" || k == "mainEntity" || k == "mainEntityOfPage" || k == "@list"
                    {
                        stack.push(child);
                    }
                }
            }
            _ => {}
        }
    }
    acc
}

fn type_matches(t: &Value) -> bool {
    match t {
        Value::String(s) => {
            let s = s.rsplit('/').next().unwrap_or(s).to_ascii_lowercase();
            ARTICLE_TYPES.contains(&s.as_str())
        }
        Value::Array(a) => a
            .iter()
            .any(|x| matches!(x, Value::String(_)) && type_matches(x)),
        _ => false,
    }
}

fn string_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(a) => a.iter().find_map(string_of),
        _ => None,
    }
}

/// Names from an author/publisher value: a string, an object with `name`, or an array of those.
fn names_of(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if !s.contains("://") => push_author(out, s),
        Value::Object(o) => {
            if let Some(name) = o.get("name").and_then(string_of) {
                push_author(out, &name);
            }
        }
        Value::Array(a) => {
            for x in a.iter().take(20) {
                if !matches!(x, Value::Array(_)) {
                    names_of(x, out);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_site_names_only() {
        assert_eq!(
            strip_site_suffix("Un titre - Le Monde", Some("Le Monde"), None),
            "Un titre"
        );
        assert_eq!(
            strip_site_suffix(
                "Grève : la SNCF - un bilan | Libération",
                None,
                Some("https://www.liberation.fr/x")
            ),
            "Grève : la SNCF - un bilan"
        );
        assert_eq!(
            strip_site_suffix("Covid - ce que l'on sait", Some("Le Monde"), None),
            "Covid - ce que l'on sait"
        );
    }

    #[test]
    fn language_codes() {
        assert_eq!(iso639("fr-FR").as_deref(), Some("fr"));
        assert_eq!(iso639("en_GB").as_deref(), Some("en"));
        assert_eq!(iso639("french"), None);
    }
}
