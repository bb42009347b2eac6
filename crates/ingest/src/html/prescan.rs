//! A byte-level pass that slims the page before it reaches html5ever, whose tokenizer reads
//! every character one at a time: whatever is cut here is work the parser never does.
//!
//! - **Raw text.** `<script>`, `<style>` and `<svg>` are emptied and comments dropped. On the
//!   benchmark pages scripts and style sheets are more than half of the bytes. Their end is easy
//!   to find without a full tokenizer: a script's or style sheet's content is raw text that ends at
//!   the first `</script` or `</style`, and a comment ends at the first `-->`. An inline SVG
//!   (icons, charts) is markup, not raw text, but it holds no article text and SVG seldom nests,
//!   so it is cut at its first `</svg`; a nested one's leftover end tag is ignored by the parser.
//!   JSON-LD scripts are kept whole, since the metadata reader needs them.
//! - **Attributes.** Start tags lose the attributes nobody reads (`src`, `srcset`, `data-*`,
//!   `href` outside `<link>`, `width`, `alt`, ...): a third of the bytes left after the first
//!   step. Kept are those `dom::Attr` stands for and those the tree builder itself looks at
//!   (`type` for `<input type=hidden>` in tables, `encoding`, `shadowrootmode`); formatting
//!   elements other than `<a>` keep all theirs, since the tree builder compares their attributes
//!   when it re-opens misnested ones (an `<a>` is closed by the next `<a>`, so its attributes are
//!   never compared). The tags are lexed as the HTML tokenizer does (quoted and unquoted values,
//!   `/>`, stray quotes), so the parser builds the same tree, minus attributes nobody reads.
//! - **Line breaks.** Each whitespace run holding a line break becomes one space. html5ever
//!   emits every line break as a token of its own and then copies the text it splits; the
//!   extractor collapses whitespace anyway.
//!
//! Raw-text elements whose content is not markup (`<title>`, `<textarea>`, `<noscript>`,
//! `<iframe>`, `<xmp>`, `<noembed>`, `<noframes>`) are copied untouched, as is everything from
//! `<plaintext>` on. Edge cases this pass reads differently from a browser (the "double-escaped"
//! `<!--<script>` state inside a script, a comment inside a `<title>`) only change which
//! furniture text reaches the parser, never make it fail.

use std::borrow::Cow;

/// Nesting depth past which further start tags (and as many end tags) are dropped.
///
/// html5ever checks element scopes by walking its stack of open elements, so parse time grows
/// with the square of the nesting depth: 10,000 levels cost 0.15 s, 100,000 levels 25 s. Real
/// pages nest a few dozen levels; below this cap nothing changes, above it the text is kept and
/// only the excess tags go.
const MAX_DEPTH: usize = 2_000;

/// Elements that never get an end tag or whose end tag is optional: not counted in the depth,
/// since a page of 10,000 unclosed `<p>` or `<li>` is flat, not deep.
fn uncounted(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"option",
        b"optgroup",
        b"tr",
        b"td",
        b"th",
        b"tbody",
        b"thead",
        b"tfoot",
        b"colgroup",
        b"rb",
        b"rt",
        b"rp",
        b"html",
        b"head",
        b"body",
        b"frame",
        b"keygen",
        b"basefont",
        b"bgsound",
        b"image",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// HTML's whitespace in tags and between them (a carriage return counts: the tokenizer turns it
/// into a line feed).
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// How a start tag's name makes this pass treat the element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Content emptied (script, style, svg).
    Emptied,
    /// Content is text up to the matching end tag, copied as is.
    RawText,
    /// Everything after the tag is text.
    Plaintext,
    /// Formatting element whose attributes the tree builder compares: kept whole.
    Formatting,
    Ordinary,
}

/// `name` in ASCII lowercase, in `buf`; `None` when it does not fit (no name this pass looks
/// for is that long).
fn lowercase<'b>(name: &[u8], buf: &'b mut [u8; 16]) -> Option<&'b [u8]> {
    let out = buf.get_mut(..name.len())?;
    out.copy_from_slice(name);
    out.make_ascii_lowercase();
    Some(out)
}

fn kind(name: &[u8]) -> Kind {
    let mut buf = [0u8; 16];
    match lowercase(name, &mut buf) {
        Some(b"script" | b"style" | b"svg") => Kind::Emptied,
        Some(
            b"title" | b"textarea" | b"noscript" | b"iframe" | b"xmp" | b"noembed" | b"noframes",
        ) => Kind::RawText,
        Some(b"plaintext") => Kind::Plaintext,
        Some(
            b"b" | b"big" | b"code" | b"em" | b"font" | b"i" | b"nobr" | b"s" | b"small"
            | b"strike" | b"strong" | b"tt" | b"u",
        ) => Kind::Formatting,
        _ => Kind::Ordinary,
    }
}

/// Whether an attribute of a start tag named `tag` survives the pass: those in
/// `dom::Attr` stands for (a test checks the two lists agree), and those the tree builder reads.
fn keeps(tag: &[u8], attr: &[u8]) -> bool {
    let mut buf = [0u8; 16];
    match lowercase(attr, &mut buf) {
        // Read only on <link rel=canonical>; on links it is a URL per <a>.
        Some(b"href") => tag.eq_ignore_ascii_case(b"link"),
        Some(
            b"class" | b"id" | b"role" | b"style" | b"hidden" | b"aria-hidden" | b"itemprop"
            | b"itemtype" | b"content" | b"property" | b"name" | b"http-equiv" | b"rel" | b"type"
            | b"datetime" | b"pubdate" | b"lang",
        ) => true,
        // The tree builder's own: <input type=hidden> in tables (above), MathML annotations,
        // declarative shadow roots.
        Some(b"encoding" | b"shadowrootmode") => true,
        _ => false,
    }
}

/// One attribute of a start tag, as byte ranges of the page.
#[derive(Clone, Copy)]
struct AttrSpan {
    name: (usize, usize),
    /// The value as written, quotes included; `None` for a bare attribute.
    value: Option<(usize, usize)>,
}

/// A start tag as the HTML tokenizer reads it.
struct StartTag {
    name_end: usize,
    /// Index just past the closing `>`.
    end: usize,
    self_closing: bool,
}

/// Lexes the start tag whose name starts at `name_at`, following the tokenizer's states (tag
/// name, before/after attribute name, attribute value, self-closing start tag). `None` when the
/// page ends inside the tag, which the tokenizer then drops.
fn lex_start_tag(b: &[u8], name_at: usize, attrs: &mut Vec<AttrSpan>) -> Option<StartTag> {
    attrs.clear();
    let n = b.len();
    let mut i = name_at;
    while i < n && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name_end = i;
    loop {
        // Before attribute name (also after a value, and after an attribute name when no `=`
        // follows: the same characters do the same things there).
        while i < n && is_space(b[i]) {
            i += 1;
        }
        match b.get(i)? {
            b'>' => {
                return Some(StartTag {
                    name_end,
                    end: i + 1,
                    self_closing: false,
                })
            }
            b'/' => {
                i += 1;
                if *b.get(i)? == b'>' {
                    return Some(StartTag {
                        name_end,
                        end: i + 1,
                        self_closing: true,
                    });
                }
                // A stray slash is ignored.
                continue;
            }
            _ => {}
        }
        // Attribute name; its first character may be `=`.
        let name_start = i;
        i += 1;
        while i < n && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = (name_start, i);
        while i < n && is_space(b[i]) {
            i += 1;
        }
        if *b.get(i)? != b'=' {
            attrs.push(AttrSpan { name, value: None });
            continue;
        }
        i += 1;
        while i < n && is_space(b[i]) {
            i += 1;
        }
        let value_start = i;
        match *b.get(i)? {
            q @ (b'"' | b'\'') => {
                i = memchr::memchr(q, &b[i + 1..]).map(|off| i + 1 + off + 1)?;
            }
            // `a=>`: an empty value, and the tag ends.
            b'>' => {}
            _ => {
                while i < n && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
            }
        }
        attrs.push(AttrSpan {
            name,
            value: Some((value_start, i)),
        });
    }
}

/// The output, built lazily: until something changes, the page is returned as is.
struct Out<'a> {
    html: &'a str,
    out: Option<String>,
    /// Everything before `copied` has been handled (copied to `out`, or skipped).
    copied: usize,
}

impl<'a> Out<'a> {
    /// Copies the page up to `from`, then skips to `to`.
    fn skip(&mut self, from: usize, to: usize) -> &mut String {
        let html = self.html;
        let o = self
            .out
            .get_or_insert_with(|| String::with_capacity(html.len()));
        o.push_str(&html[self.copied..from]);
        self.copied = to;
        o
    }

    fn finish(self) -> Cow<'a, str> {
        match self.out {
            None => Cow::Borrowed(self.html),
            Some(mut o) => {
                if self.copied < self.html.len() {
                    o.push_str(&self.html[self.copied..]);
                }
                Cow::Owned(o)
            }
        }
    }
}

/// Returns `html` slimmed as the module docs describe.
pub(crate) fn slim(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out = Out {
        html,
        out: None,
        copied: 0,
    };
    let mut attrs: Vec<AttrSpan> = Vec::new();
    let mut at = 0usize;
    let mut depth = 0usize;
    let mut dropped = 0usize;
    while let Some(off) = memchr::memchr3(b'<', b'\n', b'\r', &b[at..]) {
        let p = at + off;
        if b[p] != b'<' {
            // A whitespace run holding a line break becomes one space.
            let mut start = p;
            while start > at && is_space(b[start - 1]) {
                start -= 1;
            }
            let mut end = p + 1;
            while end < b.len() && is_space(b[end]) {
                end += 1;
            }
            out.skip(start, end).push(' ');
            at = end;
            continue;
        }
        let lt = p;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            // Comment: "<!-->" and "<!--->" are complete (empty) comments.
            let body = lt + 4;
            let end = if b[body..].starts_with(b">") {
                Some(body + 1)
            } else if b[body..].starts_with(b"->") {
                Some(body + 2)
            } else {
                memchr::memmem::find(&b[body..], b"-->").map(|i| body + i + 3)
            };
            // An unclosed comment runs to the end of the page, as in a browser.
            let end = end.unwrap_or(b.len());
            out.skip(lt, end);
            at = end;
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_at = if closing { lt + 2 } else { lt + 1 };
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            at = lt + 1;
            continue;
        }
        if closing {
            let name = tag_name(b, name_at);
            let k = kind(name);
            if k == Kind::RawText {
                depth = depth.saturating_sub(1);
            } else if matches!(k, Kind::Formatting | Kind::Ordinary) && !uncounted(name) {
                if dropped > 0 {
                    dropped -= 1;
                    let end =
                        memchr::memchr(b'>', &b[name_at..]).map_or(b.len(), |i| name_at + i + 1);
                    out.skip(lt, end);
                    at = end;
                    continue;
                }
                depth = depth.saturating_sub(1);
            }
            at = lt + 1;
            continue;
        }
        let Some(tag) = lex_start_tag(b, name_at, &mut attrs) else {
            // The page ends inside this tag, which the parser drops: leave the rest alone.
            break;
        };
        let name = &b[name_at..tag.name_end];
        match kind(name) {
            Kind::Emptied => {
                let close = find_close(b, tag.end, name);
                let Some(close) = close else {
                    // No end tag: the element runs to the end of the page; drop its content.
                    out.skip(tag.end, b.len());
                    break;
                };
                if name.eq_ignore_ascii_case(b"script") && contains_ci(&b[lt..tag.end], b"ld+json")
                {
                    at = close;
                    continue;
                }
                // Keep the tags: the tree keeps an (empty) element where the page had one.
                out.skip(tag.end, close);
                at = close;
            }
            Kind::RawText => {
                depth += 1;
                match find_close(b, tag.end, name) {
                    Some(close) => at = close,
                    None => break,
                }
            }
            Kind::Plaintext => break,
            Kind::Formatting | Kind::Ordinary => {
                // The parser drops a line feed right after <pre> or <listing>; leave it in place
                // so that it still does.
                let lf_at =
                    if name.eq_ignore_ascii_case(b"pre") || name.eq_ignore_ascii_case(b"listing") {
                        match b.get(tag.end..tag.end + 2) {
                            Some(b"\r\n") => tag.end + 2,
                            _ if matches!(b.get(tag.end), Some(b'\n' | b'\r')) => tag.end + 1,
                            _ => tag.end,
                        }
                    } else {
                        tag.end
                    };
                if !uncounted(name) {
                    if depth >= MAX_DEPTH {
                        dropped += 1;
                        out.skip(lt, tag.end);
                        at = tag.end;
                        continue;
                    }
                    depth += 1;
                }
                at = lf_at;
                if kind(name) == Kind::Formatting
                    || attrs.iter().all(|a| keeps(name, &b[a.name.0..a.name.1]))
                {
                    continue;
                }
                let o = out.skip(lt, tag.end);
                o.push('<');
                o.push_str(&html[name_at..tag.name_end]);
                for a in attrs.iter().filter(|a| keeps(name, &b[a.name.0..a.name.1])) {
                    o.push(' ');
                    o.push_str(&html[a.name.0..a.name.1]);
                    if let Some((from, to)) = a.value {
                        o.push('=');
                        if from == to {
                            o.push_str("\"\"");
                        } else {
                            o.push_str(&html[from..to]);
                        }
                    }
                }
                // The space keeps a last unquoted value from swallowing the slash.
                o.push_str(if tag.self_closing { " />" } else { ">" });
            }
        }
    }
    out.finish()
}

/// The tag name starting at `b[from]`, up to whitespace, `/` or `>`, as the tokenizer reads it.
fn tag_name(b: &[u8], from: usize) -> &[u8] {
    let rest = b.get(from..).unwrap_or(&[]);
    let len = rest
        .iter()
        .position(|&c| is_space(c) || c == b'/' || c == b'>')
        .unwrap_or(rest.len());
    &rest[..len]
}

/// Index of the `<` of the first end tag `</name` (any case, followed by whitespace, `/`, `>`
/// or the end of the page) at or after `from`.
fn find_close(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(i) = memchr::memmem::find(&b[at..], b"</") {
        let lt = at + i;
        let after = lt + 2 + name.len();
        if starts_with_ci(&b[lt + 2..], name)
            && match b.get(after) {
                None => true,
                Some(&c) => is_space(c) || c == b'/' || c == b'>',
            }
        {
            return Some(lt);
        }
        at = lt + 2;
    }
    None
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::super::dom::{Attr, Dom, NONE};
    use super::*;

    #[test]
    fn empties_scripts_styles_and_comments() {
        let html =
            "<p>a</p><script>var x = '<p>no</p>';</script><STYLE>p{}</STYLE><!-- c --><p>b</p>";
        assert_eq!(
            slim(html),
            "<p>a</p><script></script><STYLE></STYLE><p>b</p>"
        );
    }

    #[test]
    fn keeps_json_ld_and_lookalikes() {
        let html = r#"<script type="application/ld+json">{"a":1}</script><scripts>x</scripts><styled>y</styled><script"x>z</script"x>"#;
        assert_eq!(slim(html), html);
    }

    #[test]
    fn slims_attributes_and_line_breaks() {
        let html =
            "<div class=\"a\" data-x='1' onclick=\"f()\">\n  <a href=\"/x\" title=t>lien</a>\r\n\
            <img src=x alt=\"y\" /><link rel=canonical href=/c><input type=hidden value=1>\
            <b data-k=1>g</b><p  ID=k   data-y>t\n\n</p></div>";
        assert_eq!(
            slim(html),
            "<div class=\"a\"> <a>lien</a> <img /><link rel=canonical href=/c><input type=hidden>\
            <b data-k=1>g</b><p ID=k>t </p></div>"
        );
        // Values are copied as written; an empty one stays empty.
        assert_eq!(
            slim("<p class='a>b' x=\"1\" id=\"\" lang= fr data-a=>"),
            "<p class='a>b' id=\"\" lang=fr data-a=\"\">".replace(" data-a=\"\"", "")
        );
        // Raw-text elements are left alone, line breaks included.
        let raw = "<title>a\n<b data-x=1></title><textarea data-x>\n</textarea>";
        assert_eq!(slim(raw), raw);
        // The line feed the parser drops after <pre> is kept for it to drop.
        assert_eq!(slim("<pre data-x>\n\n x</pre>"), "<pre>\n x</pre>");
    }

    #[test]
    fn keeps_every_attribute_the_extractor_reads() {
        for name in super::super::dom::ATTR_NAMES {
            assert!(keeps(b"link", name.as_bytes()), "{name}");
            assert!(keeps(b"LINK", name.to_uppercase().as_bytes()), "{name}");
        }
        assert!(!keeps(b"a", b"href"));
        assert!(!keeps(b"img", b"src"));
        assert!(!keeps(b"div", b"data-class"));
    }

    #[test]
    fn caps_nesting_depth() {
        let deep = "<div>".repeat(MAX_DEPTH + 10) + "x" + &"</div>".repeat(MAX_DEPTH + 10);
        let expected = "<div>".repeat(MAX_DEPTH) + "x" + &"</div>".repeat(MAX_DEPTH);
        assert_eq!(slim(&deep), expected);
        // Unclosed paragraphs are not nesting.
        let flat = "<p>a".repeat(MAX_DEPTH * 2);
        assert_eq!(slim(&flat), flat);
    }

    #[test]
    fn unclosed_and_truncated_input() {
        assert_eq!(slim("<p>a<!-- never closed"), "<p>a");
        assert_eq!(slim("<p>a<script>x"), "<p>a<script>");
        assert_eq!(slim("<p>a<script"), "<p>a<script");
        assert_eq!(slim("<p data-x=\"a>b"), "<p data-x=\"a>b");
        assert_eq!(slim("<!-->x"), "x");
        assert_eq!(slim("<"), "<");
        assert_eq!(slim("é<script>é</script>é"), "é<script></script>é");
    }

    /// What the extractor can see of a page: every element with its parent and the attributes
    /// it reads, and all the text, whitespace collapsed.
    fn visible(html: &str) -> (Vec<String>, String) {
        let d = Dom::parse_document(html);
        let mut elements = Vec::new();
        let mut text = String::new();
        for n in &d.nodes {
            if !n.is_element() {
                text.push_str(&n.text);
                continue;
            }
            let parent = match n.parent {
                NONE => String::new(),
                p => d.nodes[p as usize].name.to_string(),
            };
            // `href` is dropped on purpose outside <link>.
            let attrs: Vec<_> = d
                .attrs_of(n)
                .iter()
                .filter(|(a, _)| *a != Attr::Href || &*n.name == "link")
                .collect();
            elements.push(format!("{parent}>{} {attrs:?}", n.name));
        }
        (
            elements,
            text.split_whitespace().collect::<Vec<_>>().join(" "),
        )
    }

    /// Tag soup from a fixed seed: misnested formatting, tables, foreign content, odd
    /// attribute syntax, line breaks. Besides what it empties on purpose (scripts, styles, SVG,
    /// comments), the pass must not change what the parser builds.
    #[test]
    fn parser_sees_the_same_page() {
        const PIECES: &[&str] = &[
            "<div class=\"a b\" data-x='1'>",
            "</div>",
            "<p>",
            "</p>",
            "<a href=\"/x\" class=k>",
            "</a>",
            "<b title=\"t\">",
            "<b title=\"u\">",
            "</b>",
            "<i>",
            "</i>",
            "<font size=2 color=red>",
            "<table data-t=1>",
            "<tr>",
            "<td colspan=2>",
            "</td>",
            "</table>",
            "texte ",
            "mot",
            "\n  ",
            "\r\n",
            "\n\n\t",
            "<br/>",
            "<img src=x alt=\"y\" />",
            "<input type=hidden value=1>",
            "<input value=2>",
            "<span id=s data-a=\"x>y\">",
            "</span>",
            "<meta name=author content='A B'>",
            "<link rel=canonical href=/c>",
            "<pre data-p>\n",
            "</pre>",
            "<ul><li data-i=1>",
            "<li>",
            "</ul>",
            "<p class=x/>",
            "<div a=>",
            "<div \"q\"=1 c=\"d\"e=f>",
            "<div / id=z/ data-w>",
            "&amp; &lt;",
            "<math><annotation-xml encoding=\"text/html\"><p>m",
            "</math>",
            // (An SVG's content is dropped on purpose, so none here, and no comments: dropping
            // one can join two runs of table text, which moves whitespace out of a table.)
            "<svg data-v=1></svg>",
            "<template shadowrootmode=open data-s><p>s</p></template>",
            "<section hidden data-h>",
            "<x-custom data-q=1>",
            "</x-custom>",
            "<h1 itemprop=headline data-h1>",
            "</h1>",
            "<time datetime=2020-01-01 data-t>",
            "<title>t <b data-x>\n</title>",
            "<noscript><img src=n></noscript>",
            "<form data-f>",
            "<select data-s><option value=1>o</select>",
            "<body class=late data-b>",
            "<html lang=fr data-l>",
        ];
        let mut seed: u64 = 0x5eed;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for _ in 0..400 {
            let len = 1 + next() % 60;
            let page: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
            assert_eq!(visible(&page), visible(&slim(&page)), "{page:?}");
            // Cut anywhere (inside a tag, a value, a comment), too.
            let mut cut = next() % page.len().max(1);
            while !page.is_char_boundary(cut) {
                cut -= 1;
            }
            let page = &page[..cut];
            if page.matches("<svg").count() > page.matches("</svg>").count() {
                // An unclosed SVG is emptied to the end of the page.
                continue;
            }
            assert_eq!(visible(page), visible(&slim(page)), "{page:?}");
        }
    }
}
