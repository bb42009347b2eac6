//! A byte-level pass that empties `<script>`, `<style>` and `<svg>` elements and drops comments
//! before the page reaches html5ever.
//!
//! On the benchmark pages, scripts and style sheets are more than half of the bytes, and html5ever
//! tokenizes their content character by character only for the extractor to throw it away. Their
//! end is easy to find without a full tokenizer: the content of a script or style element is raw
//! text that ends at the first `</script` or `</style` (any case), and a comment ends at the first
//! `-->`. An inline SVG (icons, charts) is markup, not raw text, but it holds no article text and
//! SVG seldom nests, so it is cut at its first `</svg`; a nested one's leftover end tag is ignored
//! by the parser. JSON-LD scripts are kept whole, since the metadata reader needs them. The result parses
//! to the same tree minus those contents. Edge cases this pass reads differently from a browser
//! (the "double-escaped" `<!--<script>` state inside a script, a `<script` inside an attribute
//! value) only change which furniture text reaches the parser, never make it fail.

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

/// The tag name starting at `b[from]` (letters, digits, `-`, `:`).
fn tag_name(b: &[u8], from: usize) -> &[u8] {
    let rest = b.get(from..).unwrap_or(&[]);
    let len = rest
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b':'))
        .unwrap_or(rest.len());
    &rest[..len]
}

/// Returns `html` with script and style contents (except JSON-LD) and comments removed.
pub(crate) fn strip_raw_text(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    // Everything before `copied` has been handled (copied to `out`, or skipped).
    let mut copied = 0usize;
    let mut at = 0usize;
    let mut depth = 0usize;
    let mut dropped = 0usize;
    while let Some(off) = memchr::memchr(b'<', &b[at..]) {
        let lt = at + off;
        let rest = &b[lt + 1..];
        // Depth bookkeeping for ordinary start and end tags (see MAX_DEPTH).
        let (closing, name_at) = if rest.first() == Some(&b'/') {
            (true, lt + 2)
        } else {
            (false, lt + 1)
        };
        if b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            let name = tag_name(b, name_at);
            let special = name.eq_ignore_ascii_case(b"script")
                || name.eq_ignore_ascii_case(b"style")
                || name.eq_ignore_ascii_case(b"svg");
            if !special && !uncounted(name) {
                let drop = if closing {
                    if dropped > 0 {
                        dropped -= 1;
                        true
                    } else {
                        depth = depth.saturating_sub(1);
                        false
                    }
                } else if depth >= MAX_DEPTH {
                    dropped += 1;
                    true
                } else {
                    depth += 1;
                    false
                };
                if drop {
                    let end =
                        memchr::memchr(b'>', &b[name_at..]).map_or(b.len(), |i| name_at + i + 1);
                    let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
                    o.push_str(&html[copied..lt]);
                    copied = end;
                    at = end;
                    continue;
                }
            }
            if closing || !special {
                at = lt + 1;
                continue;
            }
        }
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
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..lt]);
            copied = end;
            at = end;
            continue;
        }
        let name: &[u8] = if starts_with_ci(rest, b"script") {
            b"script"
        } else if starts_with_ci(rest, b"style") {
            b"style"
        } else if starts_with_ci(rest, b"svg") {
            b"svg"
        } else {
            at = lt + 1;
            continue;
        };
        // The name must end there ("<scripts>" or "<styled-box>" are other elements).
        let after_name = lt + 1 + name.len();
        match b.get(after_name) {
            Some(c) if c.is_ascii_whitespace() || *c == b'>' || *c == b'/' => {}
            _ => {
                at = lt + 1;
                continue;
            }
        }
        let Some(gt) = memchr::memchr(b'>', &b[after_name..]).map(|i| after_name + i) else {
            break;
        };
        let open_tag = &b[lt..gt];
        let content_start = gt + 1;
        let close = find_close(b, content_start, name);
        let Some(close) = close else {
            // No end tag: the element runs to the end of the page; drop its content.
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..content_start]);
            copied = b.len();
            break;
        };
        if name == b"script" && contains_ci(open_tag, b"ld+json") {
            at = close;
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
        // Keep the tags: the tree keeps an (empty) element where the page had one.
        o.push_str(&html[copied..content_start]);
        copied = close;
        at = close;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            if copied < html.len() {
                o.push_str(&html[copied..]);
            }
            Cow::Owned(o)
        }
    }
}

/// Index of the `<` of the first `</name` (any case) at or after `from`.
fn find_close(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(i) = memchr::memmem::find(&b[at..], b"</") {
        let lt = at + i;
        if starts_with_ci(&b[lt + 2..], name) {
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
    use super::*;

    #[test]
    fn empties_scripts_styles_and_comments() {
        let html =
            "<p>a</p><script>var x = '<p>no</p>';</script><STYLE>p{}</STYLE><!-- c --><p>b</p>";
        assert_eq!(
            strip_raw_text(html),
            "<p>a</p><script></script><STYLE></STYLE><p>b</p>"
        );
    }

    #[test]
    fn keeps_json_ld_and_lookalikes() {
        let html = r#"<script type="application/ld+json">{"a":1}</script><scripts>x</scripts><styled>y</styled>"#;
        assert_eq!(strip_raw_text(html), html);
    }

    #[test]
    fn caps_nesting_depth() {
        let deep = "<div>".repeat(MAX_DEPTH + 10) + "x" + &"</div>".repeat(MAX_DEPTH + 10);
        let expected = "<div>".repeat(MAX_DEPTH) + "x" + &"</div>".repeat(MAX_DEPTH);
        assert_eq!(strip_raw_text(&deep), expected);
        // Unclosed paragraphs are not nesting.
        let flat = "<p>a".repeat(MAX_DEPTH * 2);
        assert_eq!(strip_raw_text(&flat), flat);
    }

    #[test]
    fn unclosed_and_truncated_input() {
        assert_eq!(strip_raw_text("<p>a<!-- never closed"), "<p>a");
        assert_eq!(strip_raw_text("<p>a<script>x"), "<p>a<script>");
        assert_eq!(strip_raw_text("<p>a<script"), "<p>a<script");
        assert_eq!(strip_raw_text("<!-->x"), "x");
        assert_eq!(strip_raw_text("<"), "<");
        assert_eq!(
            strip_raw_text("é<script>é</script>é"),
            "é<script></script>é"
        );
    }
}
