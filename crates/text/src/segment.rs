//! Tokens and sentences.
//!
//! Tokenisation keeps numbers whole across their separators (`1 800` with a normal, no-break or
//! narrow no-break space, `1,7`, `1.800`) and splits a language's elisions off the following word
//! (`l’OTAN` -> `l’` + `OTAN`). Sentence splitting ends a sentence at `.`, `!`, `?` or `…` (after any
//! closing quotes or brackets) when the next word starts like a sentence, unless the period belongs
//! to an abbreviation, an initial or a number; and always at a paragraph break, so headlines without
//! final punctuation are sentences of their own.

use serde::Serialize;
use sitrep_core::{OffsetMap, Span};

use crate::Language;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (and inner hyphens, apostrophes and periods: `al-Assad`, `aujourd'hui`, `U.S.`).
    Word,
    /// Digits, with inner separators.
    Number,
    /// An elided article or pronoun with its apostrophe: `l’`, `d'`, `qu’`.
    Elision,
    /// Any other non-space character.
    Punct,
}

/// A token with its offsets into the text.
#[derive(Debug, Clone, Serialize)]
pub struct Token {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }
}

/// A sentence, or a headline, caption or other line that stands alone.
#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    /// Where it is (trimmed of surrounding spaces).
    pub span: Span,
    /// 0-based paragraph number (paragraphs are separated by blank lines or single line breaks).
    pub paragraph: usize,
    /// Index of its first token in [`crate::Analysis::tokens`] and one past its last.
    pub tokens: (usize, usize),
}

/// Apostrophes French and other languages elide with.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

/// Spaces that may separate groups of thousands: space, no-break space, narrow no-break space,
/// thin space.
pub(crate) fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Splits `text` into tokens.
///
/// `_map` is not needed any more: a token's character offsets are counted by the scan as it goes
/// (the map's two binary searches per token were a tenth of tokenisation). It stays in the
/// signature for callers.
pub fn tokenize(text: &str, lang: &dyn Language, _map: &OffsetMap) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    // The scan reads the text in place, keeping each position as (character index, byte
    // offset): collecting every character with its offset first was a third of this function.
    // The character at byte `b` and its length in bytes.
    let at = |b: usize| -> Option<(char, usize)> {
        let &x = bytes.get(b)?;
        if x.is_ascii() {
            return Some((char::from(x), 1));
        }
        let c = text.get(b..)?.chars().next()?;
        Some((c, c.len_utf8()))
    };
    // Whether bytes `a..b` are one of the pack's elided heads ("l" in "l’OTAN").
    let elided = |a: usize, b: usize| {
        let head = text.get(a..b).unwrap_or("");
        lang.elisions().iter().any(|e| e.eq_ignore_ascii_case(head))
    };
    let span = |(ca, ba): (usize, usize), (cb, bb): (usize, usize)| Span {
        start: ca,
        end: cb,
        byte_start: ba,
        byte_end: bb,
    };
    let digit_at = |b: usize| bytes.get(b).is_some_and(u8::is_ascii_digit);
    // ASCII digits after byte `b` (a character that is not ASCII has no ASCII byte in it).
    let digits_from = |b: usize| {
        bytes
            .get(b..)
            .unwrap_or(&[])
            .iter()
            .take_while(|d| d.is_ascii_digit())
            .count()
    };
    let (mut ci, mut b) = (0usize, 0usize);
    while let Some((c, len)) = at(b) {
        if c.is_whitespace() {
            ci += 1;
            b += len;
            continue;
        }
        let start = (ci, b);
        if c.is_ascii_digit() {
            // Digits, then groups: [.,] digit+ | group-space ddd (exactly three digits).
            let (mut jc, mut jb) = (ci, b);
            while digit_at(jb) {
                jc += 1;
                jb += 1;
            }
            while let Some((sep, sl)) = at(jb) {
                let digits_after = digits_from(jb + sl);
                if (sep == '.' || sep == ',') && digits_after > 0 {
                    jc += 1 + digits_after;
                    jb += 1 + digits_after;
                } else if is_group_space(sep) && digits_after == 3 {
                    // "1 800" but not "2011 33" (group must follow 1-3 digits) nor "33 2020".
                    let group_len = bytes
                        .get(b..jb)
                        .unwrap_or(&[])
                        .iter()
                        .rev()
                        .take_while(|d| d.is_ascii_digit())
                        .count();
                    let next_is_digit = digit_at(jb + sl + 3);
                    if group_len <= 3 && !next_is_digit {
                        jc += 4;
                        jb += sl + 3;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            tokens.push(Token {
                span: span(start, (jc, jb)),
                kind: TokenKind::Number,
            });
            (ci, b) = (jc, jb);
            continue;
        }
        if is_word_char(c) {
            let (mut jc, mut jb) = (ci + 1, b + len);
            while let Some((d, dl)) = at(jb) {
                if is_word_char(d) {
                    jc += 1;
                    jb += dl;
                    continue;
                }
                let joins = d == '-' || is_apostrophe(d) || d == '.';
                let Some((_, xl)) = at(jb + dl).filter(|&(x, _)| joins && is_word_char(x)) else {
                    break;
                };
                // Elision: "l’OTAN" -> "l’" + "OTAN" when the pack lists "l".
                if is_apostrophe(d) && elided(b, jb) {
                    break;
                }
                // "U.S." keeps its dots; "fin.Le" (missing space) does not.
                if d == '.' {
                    let next_is_upper_single = at(jb + dl + xl).is_some_and(|(y, _)| y == '.');
                    if !next_is_upper_single {
                        break;
                    }
                }
                jc += 2;
                jb += dl + xl;
            }
            // An elided head keeps its apostrophe.
            if let Some((d, dl)) = at(jb) {
                if is_apostrophe(d) && elided(b, jb) {
                    tokens.push(Token {
                        span: span(start, (jc + 1, jb + dl)),
                        kind: TokenKind::Elision,
                    });
                    (ci, b) = (jc + 1, jb + dl);
                    continue;
                }
            }
            // "U.S." ends with its final period.
            if bytes.get(jb) == Some(&b'.') && bytes.get(b..jb).is_some_and(|w| w.contains(&b'.')) {
                jc += 1;
                jb += 1;
            }
            tokens.push(Token {
                span: span(start, (jc, jb)),
                kind: TokenKind::Word,
            });
            (ci, b) = (jc, jb);
            continue;
        }
        tokens.push(Token {
            span: span(start, (ci + 1, b + len)),
            kind: TokenKind::Punct,
        });
        ci += 1;
        b += len;
    }
    tokens
}

fn is_closing(c: &str) -> bool {
    matches!(c, "»" | "”" | "\"" | "’" | "'" | ")" | "]" | "›")
}

fn is_opening(c: &str) -> bool {
    matches!(
        c,
        "«" | "“" | "\"" | "(" | "[" | "‘" | "‹" | "—" | "–" | "-"
    )
}

/// Splits `text` into sentences, using `tokens` from [`tokenize`] on the same text.
pub fn sentences(
    text: &str,
    tokens: &[Token],
    lang: &dyn Language,
    map: &OffsetMap,
) -> Vec<Sentence> {
    let mut out = Vec::new();
    if tokens.is_empty() {
        return out;
    }
    let abbreviations = lang.abbreviations();
    let mut paragraph = 0usize;
    let mut first = 0usize;
    let push = |first: usize, last: usize, paragraph: usize, out: &mut Vec<Sentence>| {
        if last < first {
            return;
        }
        out.push(Sentence {
            span: map.span(tokens[first].span.byte_start, tokens[last].span.byte_end),
            paragraph,
            tokens: (first, last + 1),
        });
    };
    let mut k = 0;
    while k < tokens.len() {
        // A line break between this token and the next ends the sentence and the paragraph.
        let next_gap = tokens
            .get(k + 1)
            .map(|n| &text[tokens[k].span.byte_end..n.span.byte_start]);
        let t = tokens[k].text(text);
        let mut end_here = false;
        let mut last = k;
        if tokens[k].kind == TokenKind::Punct && matches!(t, "." | "!" | "?" | "…") {
            // Swallow closing quotes and brackets that belong to this sentence.
            while let Some(n) = tokens.get(last + 1) {
                let gap = &text[tokens[last].span.byte_end..n.span.byte_start];
                if n.kind == TokenKind::Punct
                    && (is_closing(n.text(text)) || matches!(n.text(text), "." | "!" | "?" | "…"))
                    && !gap.contains('\n')
                {
                    last += 1;
                } else {
                    break;
                }
            }
            end_here = match tokens.get(last + 1) {
                None => true,
                Some(n) => {
                    let gap = &text[tokens[last].span.byte_end..n.span.byte_start];
                    if gap.contains('\n') {
                        true
                    } else if gap.is_empty() {
                        false
                    } else {
                        let nt = n.text(text);
                        let starts_sentence = nt
                            .chars()
                            .next()
                            .map(|c| c.is_uppercase() || c.is_ascii_digit())
                            .unwrap_or(false)
                            || is_opening(nt);
                        starts_sentence
                            && (t != "." || !period_is_not_final(text, tokens, k, abbreviations))
                    }
                }
            };
        }
        let line_break = match next_gap {
            Some(g) if !end_here => g.contains('\n'),
            _ => false,
        };
        if end_here || line_break {
            push(first, last, paragraph, &mut out);
            let gap_after = tokens
                .get(last + 1)
                .map(|n| &text[tokens[last].span.byte_end..n.span.byte_start])
                .unwrap_or("");
            if gap_after.contains('\n') {
                paragraph += 1;
            }
            first = last + 1;
            k = last + 1;
            continue;
        }
        k += 1;
    }
    if first < tokens.len() {
        push(first, tokens.len() - 1, paragraph, &mut out);
    }
    out
}

/// Whether the period at token `k` belongs to an abbreviation or an initial rather than ending a
/// sentence.
fn period_is_not_final(text: &str, tokens: &[Token], k: usize, abbreviations: &[&str]) -> bool {
    if k == 0 {
        return false;
    }
    let prev = &tokens[k - 1];
    // The period must be glued to the word before it.
    if prev.span.byte_end != tokens[k].span.byte_start || prev.kind != TokenKind::Word {
        return false;
    }
    let w = prev.text(text);
    // A single capital letter is an initial ("J. Smith").
    let mut cs = w.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    let lower = w.to_lowercase();
    abbreviations.iter().any(|a| *a == lower)
}
