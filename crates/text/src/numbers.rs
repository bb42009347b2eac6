//! Numbers. (Placeholder: being written.)
use serde::Serialize;
use sitrep_core::{OffsetMap, Span};

use crate::{Language, Token};

/// Number words of a language.
#[derive(Debug)]
pub struct NumberLexicon {
    /// Whether `,` is the decimal separator (French) rather than the thousands separator (English).
    pub decimal_comma: bool,
    /// Lowercase number words.
    pub words: &'static [(&'static str, NumberWord)],
    /// Lowercase qualifier phrases.
    pub qualifiers: &'static [(&'static str, Qualifier)],
}

/// What a number word means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberWord {
    /// A plain value.
    Value(f64),
}

/// How a number is qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// As stated.
    Exact,
}

/// A number found in the text.
#[derive(Debug, Clone, Serialize)]
pub struct NumberMention {
    /// Where it is.
    pub span: Span,
}

/// Finds numbers.
pub fn find_numbers(_text: &str, _tokens: &[Token], _lang: &dyn Language, _map: &OffsetMap) -> Vec<NumberMention> {
    Vec::new()
}
