//! Time expressions, normalised against a reference date. (Placeholder: being written.)

use chrono::NaiveDate;
use serde::Serialize;
use sitrep_core::{OffsetMap, Span};

use crate::Language;

/// Words a language uses for dates. Filled by each language pack.
#[derive(Debug)]
pub struct TimeLexicon {
    /// Lowercase month names and abbreviations with their number (1-12).
    pub months: &'static [(&'static str, u32)],
    /// Lowercase weekday names, Monday = 0.
    pub weekdays: &'static [(&'static str, u32)],
}

/// A time expression found in the text.
#[derive(Debug, Clone, Serialize)]
pub struct TimeMention {
    /// Where it is.
    pub span: Span,
    /// Its words.
    pub text: String,
}

/// Finds time expressions in `text`.
pub fn find_times(
    _text: &str,
    _lang: &dyn Language,
    _reference: Option<NaiveDate>,
    _map: &OffsetMap,
) -> Vec<TimeMention> {
    Vec::new()
}
