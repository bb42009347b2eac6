//! Counts: digits in either convention, number words, scale words, approximate nouns and the
//! qualifiers in front of them.
//!
//! A [`NumberMention`] is a value or a range with its [`Qualifier`] and the span of everything that
//! supports it (`au moins 33`, `plus de 1 800`, `1,7 million`, `des centaines de milliers`).
//!
//! Years, dates, times, percentages, ordinals, money and phone-like strings are *not* counts and are
//! left out: event coding reads this list for casualty figures, and a year read as a death toll is
//! the worst error such a system can make.

use std::borrow::Cow;
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};
use sitrep_core::{OffsetMap, Span};

use crate::segment::is_apostrophe;
use crate::{Language, Token, TokenKind};

/// The number vocabulary of one language.
#[derive(Debug)]
pub struct NumberLexicon {
    /// Whether `,` is the decimal separator (French `1,7`) rather than a thousands separator
    /// (English `1,800`).
    pub decimal_comma: bool,
    /// Lowercase number words and what they mean.
    pub words: &'static [(&'static str, NumberWord)],
    /// Words that multiply a unit just before them instead of adding to it (French `vingt` in
    /// `quatre-vingts`).
    pub multiplying: &'static [&'static str],
    /// Words allowed between two number words (`vingt et un`, `one hundred and five`).
    pub joiners: &'static [&'static str],
    /// Words linking a scale or approximate noun to what it counts or to a larger scale (`de`,
    /// `d'`, `of`): `des centaines de milliers`, `hundreds of thousands`.
    pub linkers: &'static [&'static str],
    /// Lowercase qualifier phrases (words separated by single spaces; an elided word keeps its
    /// apostrophe as `'`: `plus d'`).
    pub qualifiers: &'static [(&'static str, Qualifier)],
    /// Lowercase words after a number that make it a non-count (`pour cent`, `percent`, `euros`,
    /// `ans` when it gives an age is *not* listed: ages are not counts but are rare before victims).
    pub non_count_after: &'static [&'static str],
}

/// What a number word means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberWord {
    /// A value that adds up: `trois`, `seventeen`, `trente`, `ninety`.
    Unit(u32),
    /// An indefinite article that counts as one only before a scale or an approximate noun
    /// (`une dizaine`, `a hundred`): alone it is not a count.
    Article,
    /// Multiplies what precedes it by 100: `cent`, `hundred`.
    Hundred,
    /// A scale: `mille`/`thousand` (1e3), `million(s)` (1e6), `milliard(s)`/`billion` (1e9).
    /// `plural` marks the plural form, which alone (`des millions de`) reads as a vague range.
    Scale {
        /// The multiplier.
        value: f64,
        /// Whether this is the plural form.
        plural: bool,
    },
    /// A noun of approximate quantity: `dizaine` (10), `centaine`, `millier`, `dozen`. The plural
    /// (`des dizaines`, `dozens`) reads as a range from twice the value to the next order of
    /// magnitude.
    Approx {
        /// The quantity.
        value: f64,
        /// Whether this is the plural form.
        plural: bool,
    },
}

/// How a count is qualified in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Stated as is.
    Exact,
    /// `au moins`, `at least`, `pas moins de`: `min` is the value.
    AtLeast,
    /// `plus de`, `more than`, `over`: the value is an exclusive minimum.
    MoreThan,
    /// `près de`, `nearly`, `almost`: close to, usually below, the value.
    Nearly,
    /// `quelque`, `environ`, `some`, `about`, or an approximate noun (`une dizaine`).
    Approximately,
    /// `jusqu'à`, `up to`, `as many as`: the value is a maximum.
    AtMost,
    /// `moins de`, `fewer than`, `less than`: an exclusive maximum.
    LessThan,
}

/// A count found in the text.
#[derive(Debug, Clone, Serialize)]
pub struct NumberMention {
    /// Qualifier, number and scale words together.
    pub span: Span,
    /// The words of `span`.
    pub text: String,
    /// The nominal value (`33` for `au moins 33`, `1700000` for `1,7 million`; for a vague plural
    /// such as `des centaines`, the lower bound).
    #[serde(serialize_with = "compact_f64")]
    pub value: f64,
    /// Lower bound, when the text gives or implies one.
    #[serde(serialize_with = "compact_opt_f64")]
    pub min: Option<f64>,
    /// Upper bound, when the text gives or implies one.
    #[serde(serialize_with = "compact_opt_f64")]
    pub max: Option<f64>,
    /// How the text qualifies it.
    pub qualifier: Qualifier,
    /// The word right after the number (past `de`/`of`), usually what is counted: `soldats`,
    /// `civils`, `people`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
}

fn compact_f64<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

fn compact_opt_f64<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => compact_f64(v, s),
        None => s.serialize_none(),
    }
}

/// Lowercase token text with typographic apostrophes made ASCII, for lexicon lookups.
///
/// Borrowed when the token is already in that form (ASCII without capitals, the common case):
/// one `String` per token of every document was a third of this module's time.
fn norm(t: &str) -> Cow<'_, str> {
    // ASCII has no typographic apostrophe, and lowercasing it is byte by byte.
    if t.is_ascii() {
        return if t.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(t.to_ascii_lowercase())
        } else {
            Cow::Borrowed(t)
        };
    }
    // Most words with accents are lowercase already ("été", "réfugiés"): then nothing changes.
    let unchanged = |c: char| {
        if c.is_ascii() {
            return !c.is_ascii_uppercase();
        }
        let mut l = c.to_lowercase();
        c != '’' && c != 'ʼ' && c != '‘' && l.next() == Some(c) && l.next().is_none()
    };
    if t.chars().all(unchanged) {
        return Cow::Borrowed(t);
    }
    Cow::Owned(
        t.chars()
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

/// A lexicon's number words by their text; the first entry wins, as a scan of the list would
/// give.
type WordIndex = FxHashMap<&'static str, &'static NumberWord>;

/// A phrase's words, in order.
type Words = Vec<&'static str>;

/// A lexicon's lists, indexed for the look-ups made at every token or every number.
#[derive(Default)]
struct Index {
    words: WordIndex,
    /// Qualifier phrases by their last word, in list order, with their words and qualifier.
    qualifiers: FxHashMap<&'static str, Vec<(Words, Qualifier)>>,
    /// Non-count phrases by their first word, with their words.
    non_count_after: FxHashMap<&'static str, Vec<Words>>,
}

/// The index of `lex`, built once per lexicon and process: looking a word up by scanning the
/// whole list, at every token of every document, was a third of this module's time, and the
/// qualifier and non-count phrases were split and compared at every number.
fn word_index(lex: &NumberLexicon) -> Arc<Index> {
    type Cache = Mutex<FxHashMap<(usize, usize), Arc<Index>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(FxHashMap::default()));
    let mut guard = match cache.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    // Keyed by the list itself: lexicons are static data.
    let words: &'static [(&'static str, NumberWord)] = lex.words;
    guard
        .entry((words.as_ptr() as usize, words.len()))
        .or_insert_with(|| {
            let mut index = Index::default();
            for (k, v) in words {
                index.words.entry(*k).or_insert(v);
            }
            for (phrase, q) in lex.qualifiers {
                let ws: Words = phrase.split(' ').collect();
                if let Some(&last) = ws.last() {
                    index.qualifiers.entry(last).or_default().push((ws, *q));
                }
            }
            for phrase in lex.non_count_after {
                let ws: Words = phrase.split(' ').collect();
                if let Some(&first) = ws.first() {
                    index.non_count_after.entry(first).or_default().push(ws);
                }
            }
            Arc::new(index)
        })
        .clone()
}

fn word(words: &WordIndex, w: &str) -> Option<&'static NumberWord> {
    words.get(w).copied()
}

/// `x % m`, kept out of line: inlined, the compiler computed the remainders of `joiner_fits` and
/// `Acc::push` (two `fmod` calls) at every token `read_number` looked at, used or not.
#[inline(never)]
fn rem(x: f64, m: f64) -> f64 {
    x % m
}

/// Reads a digit token under the language's separator convention.
fn parse_digits(t: &str, decimal_comma: bool) -> Option<f64> {
    let cleaned: String = t
        .chars()
        .filter(|c| !crate::segment::is_group_space(*c))
        .collect();
    let (group, decimal) = if decimal_comma {
        ('.', ',')
    } else {
        (',', '.')
    };
    // A group separator must be followed by exactly three digits each time; otherwise the other
    // convention is being used and the separator is a decimal point ("1.7" in French text).
    let mut out = String::with_capacity(cleaned.len());
    let parts: Vec<&str> = cleaned.split([group, decimal]).collect();
    let seps: Vec<char> = cleaned
        .chars()
        .filter(|c| *c == group || *c == decimal)
        .collect();
    out.push_str(parts.first()?);
    for (sep, part) in seps.iter().zip(parts.iter().skip(1)) {
        if *sep == group && part.len() == 3 && !out.contains('.') {
            out.push_str(part);
        } else if !out.contains('.') {
            out.push('.');
            out.push_str(part);
        } else {
            return None;
        }
    }
    out.parse::<f64>().ok()
}

fn is_word_token(tokens: &[Token], i: usize) -> bool {
    tokens
        .get(i)
        .map(|t| matches!(t.kind, TokenKind::Word | TokenKind::Elision))
        .unwrap_or(false)
}

/// Finds counts in `text`, given its `tokens`.
pub fn find_numbers(
    text: &str,
    tokens: &[Token],
    lang: &dyn Language,
    map: &OffsetMap,
) -> Vec<NumberMention> {
    let lex = lang.numbers();
    let index = word_index(lex);
    let words = &index.words;
    let lower: Vec<Cow<str>> = tokens.iter().map(|t| norm(t.text(text))).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(parsed) = read_number(text, tokens, &lower, i, lex, words) else {
            i += 1;
            continue;
        };
        let Parsed {
            end,
            value,
            mut min,
            mut max,
            approx,
            digits_only,
        } = parsed;
        let next = end; // token index after the number
        if digits_only {
            if let Some((range_end, hi)) =
                digit_range(text, tokens, &lower, i, end, value, lang, &index)
            {
                // "5-6 policemen", "2–4 militants": a count given as a range; its value is the
                // lower bound, as casualty datasets code it.
                let head = head_noun(tokens, &lower, range_end, lex);
                let span = map.span(
                    tokens[i].span.byte_start,
                    tokens[range_end - 1].span.byte_end,
                );
                out.push(NumberMention {
                    text: span.slice(text).to_string(),
                    span,
                    value,
                    min: Some(value),
                    max: Some(hi),
                    qualifier: Qualifier::Approximately,
                    head,
                });
                i = range_end;
                continue;
            }
        }
        if digits_only && !is_count_digits(text, tokens, &lower, i, end) {
            i = end.max(i + 1);
            continue;
        }
        if followed_by_non_count(&lower, next, &index)
            || (lower
                .get(next)
                .is_some_and(|w| lex.linkers.contains(&w.as_ref()))
                && followed_by_non_count(&lower, next + 1, &index))
        {
            i = end;
            continue;
        }
        // Qualifier: the longest listed phrase ending right before the number.
        let mut qualifier = if approx {
            Qualifier::Approximately
        } else {
            Qualifier::Exact
        };
        let mut start = i;
        let mut best = 0;
        // Only the phrases whose last word is the one before the number, in list order.
        let ending_here = i
            .checked_sub(1)
            .and_then(|k| index.qualifiers.get(lower[k].as_ref()));
        for (ws, q) in ending_here.into_iter().flatten() {
            let n = ws.len();
            let matches = n <= i
                && ws
                    .iter()
                    .rev()
                    .enumerate()
                    .all(|(k, w)| lower[i - 1 - k] == *w);
            if matches && n > best {
                best = n;
                start = i - n;
                qualifier = *q;
            }
        }
        match qualifier {
            Qualifier::AtLeast | Qualifier::MoreThan => {
                min = Some(min.unwrap_or(value));
            }
            Qualifier::AtMost | Qualifier::LessThan => {
                max = Some(value);
                min = None;
            }
            _ => {}
        }
        let head = head_noun(tokens, &lower, next, lex);
        let span = map.span(tokens[start].span.byte_start, tokens[end - 1].span.byte_end);
        out.push(NumberMention {
            text: span.slice(text).to_string(),
            span,
            value,
            min,
            max,
            qualifier,
            head,
        });
        i = end;
    }
    out
}

/// A count range written with a hyphen or a dash glued to two plain numbers, `lo-hi` with lo <
/// hi ("5-6 policemen"); returns the token after it and `hi`. Scores ("3-0"), dates ("2020-03-05",
/// "3-4 March") and codes are not ranges.
#[allow(clippy::too_many_arguments)]
fn digit_range(
    text: &str,
    tokens: &[Token],
    lower: &[Cow<'_, str>],
    i: usize,
    end: usize,
    lo: f64,
    lang: &dyn Language,
    index: &Index,
) -> Option<(usize, f64)> {
    let plain = |k: usize| {
        tokens.get(k).filter(|t| {
            let s = t.text(text);
            !s.is_empty()
                && s.len() <= 5
                && s.bytes().all(|b| b.is_ascii_digit())
                && !s.starts_with('0')
        })
    };
    let glued = |a: usize, b: usize| matches!((tokens.get(a), tokens.get(b)), (Some(x), Some(y)) if x.span.byte_end == y.span.byte_start);
    if end != i + 1 || plain(i).is_none() || plain(end + 1).is_none() {
        return None;
    }
    if !matches!(tokens[end].text(text), "-" | "–") || !glued(i, end) || !glued(end, end + 1) {
        return None;
    }
    // "5-6-7", "5-6/..." are codes or dates.
    if glued(end + 1, end + 2) || (i > 0 && glued(i - 1, i)) {
        return None;
    }
    let (lo_digits, hi_digits) = (tokens[i].text(text).len(), tokens[end + 1].text(text).len());
    // "555-1234": a phone number's groups, not a range.
    if lo_digits >= 3 && hi_digits > lo_digits {
        return None;
    }
    let hi: f64 = tokens[end + 1].text(text).parse().ok()?;
    if !(lo < hi && hi <= 100_000.0) {
        return None;
    }
    let next = end + 2;
    let month = lower
        .get(next)
        .is_some_and(|w| lang.times().months.iter().any(|(m, _)| norm(m) == *w));
    (!month && !followed_by_non_count(lower, next, index)).then_some((next, hi))
}

/// The text between tokens `a` and `b`.
fn gap_between<'t>(text: &'t str, tokens: &[Token], a: usize, b: usize) -> &'t str {
    text.get(tokens[a].span.byte_end..tokens[b].span.byte_start)
        .unwrap_or("")
}

struct Parsed {
    end: usize,
    value: f64,
    min: Option<f64>,
    max: Option<f64>,
    approx: bool,
    digits_only: bool,
}

/// Splits a word token on its inner hyphens ("trente-trois", "quatre-vingt-dix").
fn parts(w: &str) -> impl Iterator<Item = &str> {
    w.split('-').filter(|p| !p.is_empty())
}

/// Whether every hyphen-separated part of `w` is a number word or a joiner.
fn all_number_parts(w: &str, lex: &NumberLexicon, words: &WordIndex) -> bool {
    // Asked at every word of a text, and most have no hyphen: then the word is its one part, and
    // a joiner alone is no number. One look-up, no splitting.
    if !w.contains('-') {
        return !w.is_empty() && word(words, w).is_some();
    }
    let mut any = false;
    for p in parts(w) {
        if word(words, p).is_some() {
            any = true;
        } else if !lex.joiners.contains(&p) {
            return false;
        }
    }
    any
}

/// The running state of a number being read, word by word.
#[derive(Clone, Copy, Default)]
struct Acc {
    total: f64,
    current: f64,
    have_base: bool,
    article: bool,
    approx: bool,
    digits_only: bool,
    after_joiner: bool,
    plural_range: Option<(f64, f64)>,
}

impl Acc {
    /// Adds one number word; `false` when the word cannot continue this number.
    fn push(&mut self, p: &str, w: &NumberWord, lex: &NumberLexicon) -> bool {
        let after_joiner = std::mem::take(&mut self.after_joiner);
        match *w {
            NumberWord::Unit(n) => {
                let n = f64::from(n);
                if self.digits_only || self.plural_range.is_some() {
                    return false;
                }
                if lex.multiplying.contains(&p) && self.current > 0.0 && self.current < 10.0 {
                    self.current *= n;
                } else if self.current > 0.0 && rem(self.current, 10.0) != 0.0 && n < 100.0 {
                    // "trois quatre": two numbers, not one.
                    return false;
                } else {
                    self.current += n;
                }
                self.have_base = true;
            }
            NumberWord::Article => {
                if self.have_base {
                    if !after_joiner {
                        return false;
                    }
                    // "vingt et un", "trente-et-une".
                    self.current += 1.0;
                } else {
                    self.article = true;
                }
            }
            NumberWord::Hundred => {
                if self.digits_only || self.plural_range.is_some() {
                    return false;
                }
                self.current = self.current.max(1.0) * 100.0;
                self.have_base = true;
            }
            NumberWord::Scale { value, plural } => {
                if self.plural_range.is_some() {
                    if !plural {
                        return false;
                    }
                    self.plural_range = Some(scale_range(value, self.plural_range));
                } else if self.have_base {
                    self.total += self.current.max(1.0) * value;
                    self.current = 0.0;
                } else if plural && !self.article {
                    // "des millions de", "millions of": vague.
                    self.plural_range = Some(scale_range(value, None));
                    self.approx = true;
                } else {
                    // "mille soldats", "a million people".
                    self.total += value;
                }
                self.have_base = true;
                self.digits_only = false;
            }
            NumberWord::Approx { value, plural } => {
                if plural {
                    if self.have_base && self.plural_range.is_none() {
                        return false;
                    }
                    self.plural_range = Some(scale_range(value, self.plural_range));
                } else if self.article || self.have_base {
                    // "une dizaine", "a dozen". Without an article the noun is ambiguous
                    // ("en quarantaine"), so it is not read alone.
                    self.total += value * self.current.max(1.0);
                    self.current = 0.0;
                } else {
                    return false;
                }
                self.approx = true;
                self.have_base = true;
                self.digits_only = false;
            }
        }
        true
    }

    /// Whether a joiner here can link to the number word `next` ("vingt et un", "hundred and
    /// five", but not "deux et trois").
    fn joiner_fits(&self, next: Option<&NumberWord>) -> bool {
        if !self.have_base || self.digits_only || self.plural_range.is_some() {
            return false;
        }
        let limit = if rem(self.current, 100.0) == 0.0 {
            100.0
        } else {
            10.0
        };
        match next {
            Some(NumberWord::Unit(n)) => {
                (self.current > 0.0 && rem(self.current, 10.0) == 0.0 || self.total > 0.0)
                    && f64::from(*n) < limit
            }
            Some(NumberWord::Article) => self.current > 0.0 && rem(self.current, 10.0) == 0.0,
            _ => false,
        }
    }
}

/// Reads one number starting at token `i`: digits or number words, then scale words and
/// approximate nouns.
fn read_number(
    text: &str,
    tokens: &[Token],
    lower: &[Cow<'_, str>],
    i: usize,
    lex: &NumberLexicon,
    words: &WordIndex,
) -> Option<Parsed> {
    let gap = |a: usize, b: usize| gap_between(text, tokens, a, b);
    let mut acc = Acc::default();
    let mut j = i;
    if tokens[i].kind == TokenKind::Number {
        acc.current = parse_digits(tokens[i].text(text), lex.decimal_comma)?;
        acc.have_base = true;
        acc.digits_only = true;
        j += 1;
    }
    while j < tokens.len() {
        if j > i && gap(j - 1, j).contains('\n') {
            break;
        }
        let w = lower[j].as_ref();
        if j > i && lex.joiners.contains(&w) {
            let next = lower
                .get(j + 1)
                .and_then(|n| parts(n).next())
                .and_then(|p| word(words, p));
            if is_word_token(tokens, j + 1) && acc.joiner_fits(next) {
                acc.after_joiner = true;
                j += 1;
                continue;
            }
            break;
        }
        if j > i && acc.plural_range.is_some() && lex.linkers.contains(&w) {
            // "des centaines de milliers", "hundreds of thousands".
            let next = lower.get(j + 1).and_then(|n| word(words, n));
            if matches!(
                next,
                Some(NumberWord::Scale { plural: true, .. })
                    | Some(NumberWord::Approx { plural: true, .. })
            ) {
                j += 1;
                continue;
            }
            break;
        }
        if !is_word_token(tokens, j) || !all_number_parts(w, lex, words) {
            break;
        }
        let mut trial = acc;
        let mut fits = true;
        for p in parts(w) {
            if lex.joiners.contains(&p) {
                trial.after_joiner = true;
                continue;
            }
            match word(words, p) {
                Some(nw) if trial.push(p, nw, lex) => {}
                _ => {
                    fits = false;
                    break;
                }
            }
        }
        if !fits {
            break;
        }
        acc = trial;
        j += 1;
    }
    if !acc.have_base || j == i {
        return None;
    }
    if let Some((lo, hi)) = acc.plural_range {
        return Some(Parsed {
            end: j,
            value: lo,
            min: Some(lo),
            max: Some(hi),
            approx: true,
            digits_only: false,
        });
    }
    Some(Parsed {
        end: j,
        value: acc.total + acc.current,
        min: None,
        max: None,
        approx: acc.approx,
        digits_only: acc.digits_only,
    })
}

/// The range a vague plural denotes: "des dizaines" 20..99, "des centaines" 200..999,
/// "des centaines de milliers" 200,000..999,999.
fn scale_range(value: f64, inner: Option<(f64, f64)>) -> (f64, f64) {
    match inner {
        // The larger noun scales the range before it.
        Some((lo, hi)) => (lo * value, (hi + 1.0) * value - 1.0),
        None => {
            let magnitude = 10f64.powi(value.log10().floor() as i32 + 1);
            (2.0 * value, magnitude - 1.0)
        }
    }
}

/// Whether a plain digit token (no scale word) is a count rather than a year, a time, a date, an
/// ordinal, a percentage or part of a phone number.
fn is_count_digits(
    text: &str,
    tokens: &[Token],
    lower: &[Cow<'_, str>],
    i: usize,
    end: usize,
) -> bool {
    let gap = |a: usize, b: usize| gap_between(text, tokens, a, b);
    let t = tokens[i].text(text);
    let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
    let plain = digits.len() == t.len();
    // Years: unseparated four-digit numbers in 1800..=2100. Counts that large are written with a
    // group separator in edited news ("1 950", "1,950").
    if plain && digits.len() == 4 {
        if let Ok(y) = digits.parse::<u32>() {
            if (1800..=2100).contains(&y) {
                return false;
            }
        }
    }
    // Leading zero: codes, phone numbers, times ("07", "0800").
    if plain && digits.len() > 1 && digits.starts_with('0') {
        return false;
    }
    // Glued to letters: ordinals and units ("35e", "1er", "5th", "14h30", "10km").
    if let Some(n) = tokens.get(end) {
        if n.span.byte_start == tokens[end - 1].span.byte_end {
            let nt = n.text(text);
            if n.kind == TokenKind::Word {
                return false;
            }
            // "14:30", "27/02", "3-0", "10.", "50%"
            if matches!(nt, ":" | "/" | "%" | "-" | "‰" | "°") {
                return false;
            }
        }
    }
    if i > 0 {
        let p = &tokens[i - 1];
        if p.span.byte_end == tokens[i].span.byte_start {
            let pt = p.text(text);
            // "+33", "n°5", "#3", "/2020", "$5", "€5", "£5"
            if matches!(
                pt,
                "+" | "°" | "#" | "/" | "$" | "€" | "£" | "-" | ":" | "º" | "№"
            ) {
                return false;
            }
        }
        // "No. 5", "n° 5"
        if matches!(lower[i - 1].as_ref(), "n°" | "no" | "nº" | "°") {
            return false;
        }
    }
    // Phone-like: three or more digit groups in a row separated by single spaces, dots or dashes.
    let mut run = 1;
    let mut k = end;
    while k < tokens.len() && tokens[k].kind == TokenKind::Number && gap(k - 1, k).len() <= 1 {
        run += 1;
        k += 1;
    }
    let mut k = i;
    while k > 0 && tokens[k - 1].kind == TokenKind::Number && gap(k - 1, k).len() <= 1 {
        run += 1;
        k -= 1;
    }
    if run >= 3 {
        return false;
    }
    true
}

/// Whether the words after a number make it a non-count ("pour cent", "percent", "euros").
fn followed_by_non_count(lower: &[Cow<'_, str>], next: usize, index: &Index) -> bool {
    let Some(phrases) = lower
        .get(next)
        .and_then(|w| index.non_count_after.get(w.as_ref()))
    else {
        return false;
    };
    phrases.iter().any(|ws| {
        ws.iter()
            .enumerate()
            .all(|(k, w)| lower.get(next + k).is_some_and(|t| t.as_ref() == *w))
    })
}

/// The word a count applies to: the next word, past a linker (`de`, `d'`, `of`).
fn head_noun(
    tokens: &[Token],
    lower: &[Cow<'_, str>],
    next: usize,
    lex: &NumberLexicon,
) -> Option<String> {
    let mut k = next;
    // "1,7 million de Syriens", "hundreds of people", "33 soldats".
    for _ in 0..2 {
        let w = lower.get(k)?;
        let t = tokens.get(k)?;
        if lex.linkers.contains(&w.as_ref()) || t.kind == TokenKind::Elision {
            k += 1;
            continue;
        }
        if t.kind == TokenKind::Word {
            return Some(w.to_string());
        }
        return None;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_follow_the_language_convention() {
        assert_eq!(parse_digits("1 800", true), Some(1800.0));
        assert_eq!(parse_digits("1\u{202f}800", true), Some(1800.0));
        assert_eq!(parse_digits("1,7", true), Some(1.7));
        assert_eq!(parse_digits("1.800", true), Some(1800.0));
        assert_eq!(parse_digits("1,800", false), Some(1800.0));
        assert_eq!(parse_digits("1.7", false), Some(1.7));
        assert_eq!(parse_digits("1,234,567", false), Some(1_234_567.0));
        assert_eq!(parse_digits("1.7", true), Some(1.7));
    }

    #[test]
    fn vague_plurals_span_an_order_of_magnitude() {
        assert_eq!(scale_range(10.0, None), (20.0, 99.0));
        assert_eq!(scale_range(100.0, None), (200.0, 999.0));
        assert_eq!(
            scale_range(1000.0, Some((200.0, 999.0))),
            (200_000.0, 999_999.0)
        );
    }
}
