//! Time expressions, normalised against a reference date.
//!
//! Event coding needs *when*: "jeudi" in a story dated Friday 2020-02-28 is 2020-02-27, "en
//! septembre 2018" is the month 2018-09, "depuis 2011" an interval opened in 2011. This module
//! finds such expressions and gives each a TIMEX3-style value (`2020-02-27`, `2018-09`,
//! `2020-W09`, `2011`, `P3D`, `XXXX-SU`) plus the inclusive interval of days it denotes.
//!
//! Layout:
//! - [`lexicon`]: the [`TimeLexicon`] a language pack fills with words;
//! - `scan`: a tokenizer that folds case, accents and apostrophes;
//! - `parse`: the language-neutral grammar (shapes over lexicon categories);
//! - `resolve`: calendar arithmetic against the reference date.
//!
//! Without a reference date, relative expressions ("hier", "le 3 mars") are still found, with
//! `value: None` and `relative: true`. The scan is linear in the text and never panics.

pub mod lexicon;
mod parse;
mod resolve;
mod scan;

use chrono::NaiveDate;
use serde::Serialize;
use sitrep_core::{OffsetMap, Span};

use crate::Language;

pub use lexicon::{Season, TimeLexicon, TimeUnit};
use parse::{Found, Hit, Parser};
use resolve::{resolve, resolved_year, Expr, Resolved};

/// What kind of time expression a mention is (the TIMEX3 `type`, with intervals apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeKind {
    /// A point or period on the calendar: a day, week, month, season, year or decade.
    Date,
    /// An interval between two dates, either end possibly open (`depuis 2011`).
    Range,
    /// An amount of time (`trois jours`), not anchored on the calendar.
    Duration,
    /// A recurring time (`chaque mois`, `every Monday`).
    Set,
}

/// The granularity of a mention's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A single day.
    Day,
    /// An ISO week (or its weekend).
    Week,
    /// A calendar month.
    Month,
    /// A season.
    Season,
    /// A calendar year.
    Year,
    /// A decade.
    Decade,
    /// An interval between two dates.
    Range,
    /// Not on the calendar (durations, sets) or not resolved.
    Unknown,
}

/// A time expression found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeMention {
    /// Where it is.
    pub span: Span,
    /// Its words, as written.
    pub text: String,
    /// Date, range, duration or set.
    pub kind: TimeKind,
    /// TIMEX3-style normalised value: `2020-02-27`, `2020-02`, `2020`, `2020-W09`, `2020-SU`,
    /// `196X`, `P3D`, `XXXX-WXX-1`; for ranges `start/end` with `..` for an open side
    /// (`2011/..`). `None` when it could not be resolved (a relative expression without a
    /// reference date).
    pub value: Option<String>,
    /// Granularity of the value.
    pub precision: Precision,
    /// First day of the denoted interval, inclusive.
    pub start: Option<NaiveDate>,
    /// Last day of the denoted interval, inclusive; `None` for an open end ("depuis 2011").
    pub end: Option<NaiveDate>,
    /// Whether resolving it needs the reference date ("hier", "le 3 mars", "jeudi").
    pub relative: bool,
    /// For a range, its ends as mentions of their own ("entre le 3 et le 5 mars" has "le 3"
    /// valued 2019-03-03 and "le 5 mars"); empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<TimeMention>,
}

/// Finds time expressions in `text` with the words of `lang`, resolving them against
/// `reference` (usually the publication date). Mentions come in text order and do not overlap.
pub fn find_times(
    text: &str,
    lang: &dyn Language,
    reference: Option<NaiveDate>,
    map: &OffsetMap,
) -> Vec<TimeMention> {
    // The compiled lexicon is built once per language and process: compiling it per document
    // cost more than parsing most articles.
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Arc<scan::Compiled>>>> = OnceLock::new();
    let compiled = {
        let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
        let mut guard = match cache.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        guard
            .entry(lang.code())
            .or_insert_with(|| Arc::new(scan::Compiled::new(lang.times())))
            .clone()
    };
    find_compiled(text, &compiled, reference, map)
}

/// [`find_times`] with a lexicon rather than a whole language pack.
#[allow(dead_code)]
pub(crate) fn find_with_lexicon(
    text: &str,
    lexicon: &TimeLexicon,
    reference: Option<NaiveDate>,
    map: &OffsetMap,
) -> Vec<TimeMention> {
    find_compiled(text, &scan::Compiled::new(lexicon), reference, map)
}

fn find_compiled(
    text: &str,
    lex: &scan::Compiled,
    reference: Option<NaiveDate>,
    map: &OffsetMap,
) -> Vec<TimeMention> {
    let mut tokens = scan::tokenize(text);
    lex.intern(&mut tokens);
    let toks = &tokens.toks;
    let parser = Parser {
        toks,
        tokens: &tokens,
        lex,
        text,
    };
    let bytes = |s: usize, e: usize| -> Option<(usize, usize)> {
        let a = toks.get(s)?.start;
        let b = toks.get(e.checked_sub(1)?)?.end;
        (a < b).then_some((a, b))
    };
    let mention = |s: usize, e: usize, r: Resolved| -> Option<TimeMention> {
        let (a, b) = bytes(s, e)?;
        Some(TimeMention {
            span: map.span(a, b),
            text: text.get(a..b)?.to_string(),
            kind: r.kind,
            value: r.value,
            precision: r.precision,
            start: r.start,
            end: r.end,
            relative: r.relative,
            parts: Vec::new(),
        })
    };
    let mut out = Vec::new();
    for found in parser.find_all() {
        match found {
            Found::Single(h) => out.extend(mention(h.start, h.end, resolve(&h.expr, reference))),
            Found::Range {
                start,
                end,
                from,
                to,
            } => {
                let (from, to, aligned) = align_years(from, to, reference);
                let rt = to.as_ref().map(|h| resolve(&h.expr, reference));
                let mut rf = from.as_ref().map(|h| resolve(&h.expr, reference));
                if let (true, Some(f), Some(t)) = (aligned, rf.as_mut(), rt.as_ref()) {
                    f.relative |= t.relative;
                }
                let value = match (&rf, &rt) {
                    (Some(a), Some(b)) => match (&a.value, &b.value) {
                        (Some(x), Some(y)) => Some(format!("{x}/{y}")),
                        _ => None,
                    },
                    (Some(a), None) => a.value.as_ref().map(|x| format!("{x}/..")),
                    (None, Some(b)) => b.value.as_ref().map(|y| format!("../{y}")),
                    (None, None) => None,
                };
                let range = Resolved {
                    kind: TimeKind::Range,
                    value,
                    precision: Precision::Range,
                    start: rf.as_ref().and_then(|r| r.start),
                    end: rt.as_ref().and_then(|r| r.end),
                    relative: rf.as_ref().is_some_and(|r| r.relative)
                        || rt.as_ref().is_some_and(|r| r.relative),
                };
                let mut parts = Vec::new();
                for (h, r) in [(from, rf), (to, rt)] {
                    if let (Some(h), Some(r)) = (h, r) {
                        parts.extend(mention(h.start, h.end, r));
                    }
                }
                if let Some(mut m) = mention(start, end, range) {
                    m.parts = parts;
                    out.push(m);
                }
            }
        }
    }
    out
}

/// [`find_times`] for a whole text, building its offset map.
pub fn find_times_in(
    text: &str,
    lang: &dyn Language,
    reference: Option<NaiveDate>,
) -> Vec<TimeMention> {
    find_times(text, lang, reference, &OffsetMap::new(text))
}

/// In "du 28 décembre au 3 janvier" with no year, the two ends must be consecutive: the start
/// takes the end's year, or the year before when its month comes later. Returns whether the
/// start's year was taken from the end.
fn align_years(
    from: Option<Hit>,
    to: Option<Hit>,
    reference: Option<NaiveDate>,
) -> (Option<Hit>, Option<Hit>, bool) {
    let (Some(mut a), Some(b)) = (from.clone(), to.clone()) else {
        return (from, to, false);
    };
    if let (
        Expr::Cal {
            year: year @ None,
            short_year: None,
            month: Some(am),
            dir,
            ..
        },
        Expr::Cal {
            month: Some(bm), ..
        },
    ) = (&mut a.expr, &b.expr)
    {
        if let Some(by) = resolved_year(&b.expr, reference) {
            *year = Some(if *am > *bm { by - 1 } else { by });
            *dir = resolve::Dir::Default;
            return (Some(a), Some(b), true);
        }
    }
    (Some(a), Some(b), false)
}

#[cfg(test)]
mod tests;
