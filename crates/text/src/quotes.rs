//! Quotations: `« … »`, `“ … ”`, `„ … “` and straight `" … "`, including quotations that run over
//! several paragraphs.
//!
//! Newspapers continue a long quotation into a new paragraph by opening it again without closing
//! the previous one (French `«`, English `“`). So an open quotation that reaches a paragraph
//! break continues if the next paragraph starts with the same opening mark; otherwise it is closed
//! at the end of its paragraph and flagged `unterminated`.

use serde::Serialize;
use sitrep_core::{OffsetMap, Span};

/// A quotation.
#[derive(Debug, Clone, Serialize)]
pub struct Quotation {
    /// The quotation with its marks.
    pub span: Span,
    /// The quoted words, without marks and surrounding spaces.
    pub content: Span,
    /// The quoted words (continuation marks of later paragraphs included as written).
    pub text: String,
    /// Number of paragraphs it runs over.
    pub paragraphs: usize,
    /// Set when no closing mark was found before the paragraph ended.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unterminated: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Marks {
    Guillemets,
    Curly,
    Low,
    Straight,
}

impl Marks {
    fn opening(c: char, prev: Option<char>, next: Option<char>) -> Option<Marks> {
        match c {
            '«' => Some(Marks::Guillemets),
            '“' => Some(Marks::Curly),
            '„' => Some(Marks::Low),
            '"' if prev.is_none_or(|p| p.is_whitespace() || "([{—–-:".contains(p))
                && next.is_some_and(|n| !n.is_whitespace()) =>
            {
                Some(Marks::Straight)
            }
            _ => None,
        }
    }

    fn closes(self, c: char) -> bool {
        match self {
            Marks::Guillemets => c == '»',
            Marks::Curly => c == '”',
            Marks::Low => c == '“' || c == '”',
            Marks::Straight => c == '"',
        }
    }
}

struct Open {
    marks: Marks,
    start: usize,
    depth: usize,
    paragraphs: usize,
}

/// Finds quotations in `text`.
pub fn find_quotes(text: &str, map: &OffsetMap) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut open: Option<Open> = None;
    let bytes = text.as_bytes();
    // Only line breaks and quotation marks do anything here, so the scan jumps between the bytes
    // that can begin one: `\n`, `"`, and the lead bytes of `«` `»` (0xC2) and `“` `”` `„`
    // (0xE2). Every other character only became the next one's `prev`, which is now read back
    // from the text where a straight quote needs it.
    let mut i = 0;
    // The reopening mark of a continued quotation was taken as a straight quote for `prev`; no
    // mark is whitespace or opening punctuation, so reading the real character is the same.
    while i < bytes.len() {
        if !matches!(bytes[i], b'\n' | b'"' | 0xC2 | 0xE2) {
            i += 1;
            continue;
        }
        // A candidate byte is ASCII or a lead byte, so `i` is a character boundary.
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let after = i + c.len_utf8();
        if c == '\n' {
            if let Some(o) = open.as_mut() {
                // Does the next paragraph reopen the same quotation?
                let rest = &text[i..];
                let para_start = rest.trim_start();
                let continues = para_start.chars().next().is_some_and(|n| {
                    Marks::opening(n, None, para_start.chars().nth(1)) == Some(o.marks)
                });
                if continues {
                    o.paragraphs += 1;
                    // Skip the reopening mark so it is not read as a new quotation.
                    let skip_to = text.len() - para_start.len();
                    i = skip_to + para_start.chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                if let Some(o) = open.take() {
                    push(&mut out, text, map, o, i, true);
                }
            }
            i = after;
            continue;
        }
        let prev = text.get(..i).and_then(|r| r.chars().next_back());
        let next = text.get(after..).and_then(|r| r.chars().next());
        match open.as_mut() {
            Some(o)
                if o.marks.closes(c)
                    && !(o.marks == Marks::Straight
                        && Marks::opening(c, prev, next).is_some()
                        && o.depth > 1) =>
            {
                o.depth -= 1;
                if o.depth == 0 {
                    if let Some(o) = open.take() {
                        push(&mut out, text, map, o, after, false);
                    }
                }
            }
            Some(o) => {
                if Marks::opening(c, prev, next) == Some(o.marks) && o.marks != Marks::Straight {
                    o.depth += 1;
                }
            }
            None => {
                if let Some(m) = Marks::opening(c, prev, next) {
                    open = Some(Open {
                        marks: m,
                        start: i,
                        depth: 1,
                        paragraphs: 1,
                    });
                }
            }
        }
        i = after;
    }
    if let Some(o) = open.take() {
        push(&mut out, text, map, o, text.len(), true);
    }
    out
}

fn push(
    out: &mut Vec<Quotation>,
    text: &str,
    map: &OffsetMap,
    o: Open,
    end: usize,
    unterminated: bool,
) {
    let whole = &text[o.start..end];
    let mut inner_start = o.start + whole.chars().next().map_or(0, char::len_utf8);
    let mut inner_end = if unterminated {
        end
    } else {
        end - whole.chars().last().map_or(0, char::len_utf8)
    };
    let inner = &text[inner_start..inner_end.max(inner_start)];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    inner_start += lead;
    inner_end = inner_end.saturating_sub(trail).max(inner_start);
    if inner_end == inner_start {
        return;
    }
    let content = map.span(inner_start, inner_end);
    out.push(Quotation {
        span: map.span(o.start, end),
        text: content.slice(text).to_string(),
        content,
        paragraphs: o.paragraphs,
        unterminated,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<String> {
        find_quotes(text, &OffsetMap::new(text))
            .into_iter()
            .map(|q| q.text)
            .collect()
    }

    #[test]
    fn french_guillemets_with_inner_spaces() {
        assert_eq!(
            quotes("appelant à une « fin immédiate » de l’offensive"),
            vec!["fin immédiate"]
        );
    }

    #[test]
    fn quotation_over_two_paragraphs() {
        let text = "« Nous avons tout perdu.\n\n« Il ne reste rien », a-t-il dit.";
        let q = find_quotes(text, &OffsetMap::new(text));
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].paragraphs, 2);
        assert!(q[0].text.starts_with("Nous avons"));
        assert!(q[0].text.ends_with("Il ne reste rien"));
    }

    #[test]
    fn english_curly_and_straight_quotes() {
        assert_eq!(
            quotes("He said: “We will stay.” Then \"no comment\" was all."),
            vec!["We will stay.", "no comment"]
        );
    }

    #[test]
    fn unclosed_quote_stops_at_paragraph_end() {
        let q = find_quotes(
            "« Pas fini\n\nAutre chose.",
            &OffsetMap::new("« Pas fini\n\nAutre chose."),
        );
        assert_eq!(q.len(), 1);
        assert!(q[0].unterminated);
        assert_eq!(q[0].text, "Pas fini");
    }

    #[test]
    fn nested_curly_inside_guillemets() {
        assert_eq!(
            quotes("« Il a parlé d’une “ligne rouge” hier », dit-il."),
            vec!["Il a parlé d’une “ligne rouge” hier"]
        );
    }
}
