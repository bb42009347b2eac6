//! Spans into a document's text and the map that converts byte offsets to character offsets.

use serde::{Deserialize, Serialize};

/// A half-open range of a document's text, in characters (`start..end`) and bytes.
///
/// `start`/`end` count Unicode scalar values, so `text[start:end]` in Python gives the same
/// words; `byte_start`/`byte_end` slice the Rust `str`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First character, counted in Unicode scalar values.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// First byte in the UTF-8 text.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
}

impl Span {
    /// The text this span covers. Returns `""` when the span does not fit `text`, which only
    /// happens when a span is used with another document's text.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.byte_start..self.byte_end).unwrap_or("")
    }

    /// Whether two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.byte_start < other.byte_end && other.byte_start < self.byte_end
    }
}

/// Converts byte offsets of one text into character offsets in `O(log n)` per lookup.
///
/// It stores one entry per multi-byte character only, so pure-ASCII text costs nothing.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// `(byte offset just after a multi-byte char, extra bytes so far)`, increasing.
    steps: Vec<(usize, usize)>,
    len: usize,
}

impl OffsetMap {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> OffsetMap {
        let mut steps = Vec::new();
        let mut extra = 0usize;
        // Every character longer than one byte starts with a lead byte (0xC0 and above) that
        // gives its length, and no other byte is one: reading bytes, not decoding every
        // character, finds the same steps.
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b >= 0xC0 {
                let l = if b >= 0xF0 {
                    4
                } else if b >= 0xE0 {
                    3
                } else {
                    2
                };
                extra += l - 1;
                steps.push((i + l, extra));
            }
        }
        OffsetMap {
            steps,
            len: text.len(),
        }
    }

    /// The character offset of a byte offset that lies on a character boundary.
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        let idx = self.steps.partition_point(|&(b, _)| b <= byte);
        let extra = if idx == 0 { 0 } else { self.steps[idx - 1].1 };
        byte - extra
    }

    /// A [`Span`] for the byte range `start..end`.
    pub fn span(&self, byte_start: usize, byte_end: usize) -> Span {
        Span {
            start: self.char_offset(byte_start),
            end: self.char_offset(byte_end),
            byte_start,
            byte_end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_python_indexing() {
        let text = "l’OTAN à Idleb: 1 800";
        let map = OffsetMap::new(text);
        let b = text.find("Idleb").unwrap();
        let span = map.span(b, b + "Idleb".len());
        let chars: Vec<char> = text.chars().collect();
        let s: String = chars[span.start..span.end].iter().collect();
        assert_eq!(s, "Idleb");
        assert_eq!(span.slice(text), "Idleb");
        assert_eq!(map.char_offset(text.len()), chars.len());
    }

    #[test]
    fn ascii_text_needs_no_steps() {
        let map = OffsetMap::new("plain ascii");
        assert_eq!(map.char_offset(5), 5);
    }
}
