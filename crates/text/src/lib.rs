//! The text layer: turns a document's clean text into the units event coding needs.
//!
//! Stages, in order, each one a function over the text and the [`Language`] pack:
//!
//! 1. [`segment`]: tokens (with French elisions split off) and sentences (abbreviation-aware);
//! 2. [`quotes`]: quotations `« … »`, `“ … ”`, `" … "`, across paragraphs;
//! 3. [`time`]: time expressions, normalised against the document's reference date;
//! 4. [`numbers`]: counts with qualifiers (`au moins 33`, `1,7 million`), years and dates excluded.
//!
//! [`analyze`] runs them all and returns an [`Analysis`], whose spans all index the input text.
//!
//! **Architecture invariant:** nothing in this crate knows a word of any language. Words live in
//! the packs (`sitrep-lang-fr`, `sitrep-lang-en`, ...) behind the [`Language`] trait; this crate holds
//! the algorithms that read them.
#![warn(missing_docs)]

pub mod entities;
pub mod language;
pub mod numbers;
pub mod quotes;
pub mod segment;
pub mod time;

use chrono::NaiveDate;
use serde::Serialize;
use sitrep_core::OffsetMap;

pub use entities::{EntityLexicon, EventLexicon};
pub use language::{Language, LanguageRegistry};
pub use numbers::{NumberLexicon, NumberMention, NumberWord, Qualifier};
pub use quotes::Quotation;
pub use segment::{Sentence, Token, TokenKind};
pub use time::{TimeLexicon, TimeMention};

/// Everything the text layer found in one text.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// Sentences in text order; headlines and other unpunctuated lines are sentences too.
    pub sentences: Vec<Sentence>,
    /// Tokens in text order. Not serialized by default: large, and derivable.
    #[serde(skip)]
    pub tokens: Vec<Token>,
    /// Quotations in text order.
    pub quotes: Vec<Quotation>,
    /// Counts and other numeric quantities (never years, dates, times or ordinals).
    pub numbers: Vec<NumberMention>,
    /// Time expressions with their normalised values.
    pub times: Vec<TimeMention>,
}

/// Runs every stage of the text layer over `text`.
///
/// `reference` is the date relative expressions ("jeudi", "yesterday") resolve against, usually
/// the publication date; without it they are returned unresolved, with their text.
pub fn analyze(text: &str, lang: &dyn Language, reference: Option<NaiveDate>) -> Analysis {
    let map = OffsetMap::new(text);
    let tokens = segment::tokenize(text, lang, &map);
    let sentences = segment::sentences(text, &tokens, lang, &map);
    let quotes = quotes::find_quotes(text, &map);
    let times = time::find_times(text, lang, reference, &map);
    let mut numbers = numbers::find_numbers(text, &tokens, lang, &map);
    // A number inside a time expression ("27 février 2020", "en 2011") is part of a date, not a count.
    // Tested against the times sorted by start with the greatest end so far: one binary search
    // per number instead of a scan of every time of the text (quadratic on long texts).
    let mut by_start: Vec<(usize, usize)> = times
        .iter()
        .map(|t| (t.span.byte_start, t.span.byte_end))
        .collect();
    by_start.sort_unstable();
    let mut max_end = 0;
    let max_ends: Vec<usize> = by_start
        .iter()
        .map(|&(_, e)| {
            max_end = max_end.max(e);
            max_end
        })
        .collect();
    numbers.retain(|n| {
        // The times that start before the number ends overlap it when one ends after it starts.
        let before = by_start.partition_point(|&(s, _)| s < n.span.byte_end);
        before
            .checked_sub(1)
            .is_none_or(|i| max_ends[i] <= n.span.byte_start)
    });
    Analysis {
        sentences,
        tokens,
        quotes,
        numbers,
        times,
    }
}
