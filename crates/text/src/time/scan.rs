//! A small tokenizer for the time grammar, and phrase lists compiled from a [`TimeLexicon`].
//!
//! The grammar works on its own tokens rather than the segmenter's: it needs digits and letters
//! split (`1er` is `1` + `er`, `1960s` is `1960` + `s`), every punctuation mark on its own, the
//! gaps between tokens (to tell `1 800` from `en 1800`), and a folded form (lowercase, no
//! accents, one apostrophe and one hyphen) so lexicon phrases match however the text is typed.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::lexicon::{Season, TimeLexicon, TimeUnit};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters.
    Word,
    /// ASCII digits.
    Num,
    /// One other non-space character.
    Punct,
}

/// One token with its byte range and folded text.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Borrowed from the text when folding changes nothing (lowercase ASCII, digits, most
    /// punctuation): no allocation for most tokens.
    pub fold: Cow<'a, str>,
    /// The lexicon's id of `fold` (see [`Compiled::intern`]); 0 for a word no phrase holds.
    pub id: u32,
}

/// Lowercases and strips the accents of Latin letters; unifies apostrophes and hyphens.
pub(crate) fn fold_char(c: char, out: &mut String) {
    let c = match c {
        '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
        '‐' | '‑' | '‒' | '–' => '-',
        _ => c,
    };
    for l in c.to_lowercase() {
        let base = match l {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'œ' => {
                out.push('o');
                'e'
            }
            'æ' => {
                out.push('a');
                'e'
            }
            other => other,
        };
        out.push(base);
    }
}

/// Splits `text` into tokens. Linear in the text length.
pub(crate) fn tokenize<'a>(text: &'a str) -> Vec<Tok<'a>> {
    let mut toks: Vec<Tok<'a>> = Vec::with_capacity(text.len() / 4);
    let mut cur: Option<(usize, Kind)> = None;
    let flush = |toks: &mut Vec<Tok<'a>>, cur: &mut Option<(usize, Kind)>, end: usize| {
        if let Some((start, kind)) = cur.take() {
            let raw = text.get(start..end).unwrap_or("");
            // `fold_char` leaves ASCII other than capitals and the backquote as it is.
            let fold = if raw
                .bytes()
                .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'`')
            {
                Cow::Borrowed(raw)
            } else if raw.is_ascii() {
                // What `fold_char` does to ASCII, byte by byte: capitals lowered, the backquote
                // an apostrophe.
                Cow::Owned(
                    raw.bytes()
                        .map(|b| {
                            char::from(if b == b'`' {
                                b'\''
                            } else {
                                b.to_ascii_lowercase()
                            })
                        })
                        .collect(),
                )
            } else {
                let mut fold = String::with_capacity(end - start);
                for c in raw.chars() {
                    fold_char(c, &mut fold);
                }
                Cow::Owned(fold)
            };
            toks.push(Tok {
                start,
                end,
                kind,
                fold,
                id: 0,
            });
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII, most of any text, is classified from its byte (the same classes as the
        // `char` tests below give it); other characters are decoded.
        let (kind, len) = if b.is_ascii() {
            let kind = if b.is_ascii_digit() {
                Some(Kind::Num)
            } else if b.is_ascii_alphabetic() {
                Some(Kind::Word)
            } else if char::from(b).is_whitespace() {
                None
            } else {
                Some(Kind::Punct)
            };
            (kind, 1)
        } else {
            let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            let kind = if c.is_alphabetic() {
                Some(Kind::Word)
            } else if c.is_whitespace() {
                None
            } else {
                Some(Kind::Punct)
            };
            (kind, c.len_utf8())
        };
        match (kind, cur) {
            (Some(k), Some((_, ck))) if k == ck && k != Kind::Punct => {}
            (Some(k), _) => {
                flush(&mut toks, &mut cur, i);
                cur = Some((i, k));
            }
            (None, _) => flush(&mut toks, &mut cur, i),
        }
        i += len;
    }
    flush(&mut toks, &mut cur, text.len());
    toks
}

/// A lexicon phrase as the ids of its folded tokens: matching compares integers, where string
/// comparisons over every phrase of every list were a third of the text layer's time.
pub(crate) type Phrase = Vec<u32>;

/// A list of phrases, each with a value, indexed by the ids of their first and last words.
/// The parser tries many lists at every candidate token, and most tokens begin (or end) no phrase
/// of a given list: a bit set of those ids says so exactly, and when a token does begin one,
/// only the phrases that begin with it are tried (they were all tried, on a 128-bit signature
/// whose collisions let a third of the lists through).
pub(crate) struct PhraseList<T> {
    pub items: Vec<(Phrase, T)>,
    firsts: Vec<u64>,
    lasts: Vec<u64>,
    /// `(first word, item index)`, sorted: the items that begin with a word, in list order.
    by_first: Vec<(u32, usize)>,
    /// `(last word, item index)`, sorted.
    by_last: Vec<(u32, usize)>,
}

/// A list of phrases without values.
pub(crate) type Phrases = PhraseList<()>;

fn set_bit(set: &mut Vec<u64>, id: u32) {
    let w = id as usize / 64;
    if set.len() <= w {
        set.resize(w + 1, 0);
    }
    set[w] |= 1u64 << (id % 64);
}

fn has_bit(set: &[u64], id: u32) -> bool {
    set.get(id as usize / 64)
        .is_some_and(|w| w & (1u64 << (id % 64)) != 0)
}

/// The entries of a sorted `(word, index)` list whose word is `id`, in index order.
fn entries(index: &[(u32, usize)], id: u32) -> impl Iterator<Item = usize> + '_ {
    let lo = index.partition_point(|&(w, _)| w < id);
    index
        .get(lo..)
        .unwrap_or(&[])
        .iter()
        .take_while(move |&&(w, _)| w == id)
        .map(|&(_, k)| k)
}

impl<T> PhraseList<T> {
    fn new(items: Vec<(Phrase, T)>) -> PhraseList<T> {
        let mut firsts = Vec::new();
        let mut lasts = Vec::new();
        let mut by_first = Vec::new();
        let mut by_last = Vec::new();
        for (k, (p, _)) in items.iter().enumerate() {
            if let (Some(&f), Some(&l)) = (p.first(), p.last()) {
                set_bit(&mut firsts, f);
                set_bit(&mut lasts, l);
                by_first.push((f, k));
                by_last.push((l, k));
            }
        }
        by_first.sort_unstable();
        by_last.sort_unstable();
        PhraseList {
            items,
            firsts,
            lasts,
            by_first,
            by_last,
        }
    }

    /// Whether some phrase begins with the word `id`.
    pub fn may_start(&self, id: u32) -> bool {
        has_bit(&self.firsts, id)
    }

    /// Whether some phrase ends with the word `id`.
    pub fn may_end(&self, id: u32) -> bool {
        has_bit(&self.lasts, id)
    }

    /// The phrases that begin with the word `id`, with their values, in list order.
    pub fn starting_with(&self, id: u32) -> impl Iterator<Item = &(Phrase, T)> + '_ {
        entries(&self.by_first, id).filter_map(|k| self.items.get(k))
    }

    /// The phrases that end with the word `id`, in list order.
    pub fn ending_with(&self, id: u32) -> impl Iterator<Item = &Phrase> + '_ {
        entries(&self.by_last, id).filter_map(|k| self.items.get(k).map(|(p, _)| p))
    }

    /// Whether the list has no phrase.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The phrases, in lexicon order.
    pub fn phrases(&self) -> impl Iterator<Item = &Phrase> {
        self.items.iter().map(|(p, _)| p)
    }
}

/// The words of a lexicon's phrases, each with an id from 1.
#[derive(Default)]
struct Vocab {
    ids: FxHashMap<String, u32>,
}

impl Vocab {
    fn phrase(&mut self, s: &str) -> Phrase {
        tokenize(s)
            .into_iter()
            .map(|t| {
                let next = self.ids.len() as u32 + 1;
                *self.ids.entry(t.fold.into_owned()).or_insert(next)
            })
            .collect()
    }

    fn phrases(&mut self, list: &[&str]) -> Phrases {
        PhraseList::new(
            list.iter()
                .map(|s| (self.phrase(s), ()))
                .filter(|(p, _)| !p.is_empty())
                .collect(),
        )
    }

    fn with<T: Copy>(&mut self, list: &[(&str, T)]) -> PhraseList<T> {
        PhraseList::new(
            list.iter()
                .map(|(s, v)| (self.phrase(s), *v))
                .filter(|(p, _)| !p.is_empty())
                .collect(),
        )
    }
}

fn lower(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_lowercase()).collect()
}

/// A [`TimeLexicon`] with every phrase tokenized and folded once per call.
pub(crate) struct Compiled {
    pub months: PhraseList<u32>,
    pub weekdays: PhraseList<u32>,
    pub numeric_day_first: bool,
    pub month_day_order: bool,
    pub ordinal_suffixes: Phrases,
    pub day_words: PhraseList<u32>,
    pub date_articles: Phrases,
    pub day_month_links: Phrases,
    pub relative_days: PhraseList<i32>,
    pub day_parts: Phrases,
    pub relative_periods: PhraseList<(TimeUnit, i32)>,
    pub past_prefixes: Phrases,
    pub past_suffixes: Phrases,
    pub future_prefixes: Phrases,
    pub future_suffixes: Phrases,
    pub this_prefixes: Phrases,
    pub year_prefixes: Phrases,
    pub year_weak_prefixes: Phrases,
    pub month_prefixes: Phrases,
    pub boundary_prefixes: Phrases,
    pub since: Phrases,
    pub until: Phrases,
    pub ranges: Vec<(Phrase, Phrase)>,
    pub coordinators: Phrases,
    pub ago_prefixes: Phrases,
    pub ago_suffixes: Phrases,
    pub later_prefixes: Phrases,
    pub later_suffixes: Phrases,
    pub units: PhraseList<TimeUnit>,
    pub cardinals: PhraseList<u32>,
    pub vague_quantities: Phrases,
    pub set_prefixes: Phrases,
    pub seasons: PhraseList<Season>,
    pub season_prefixes: Phrases,
    pub decade_prefixes: Phrases,
    pub decade_suffixes: Phrases,
    pub holidays: PhraseList<(u32, u32)>,
    pub future_cues: Vec<String>,
    pub future_cue_suffixes: Vec<String>,
    pub past_cues: Vec<String>,
    /// Every word of the phrases above, with its id.
    pub vocab: FxHashMap<String, u32>,
    /// Indexed by id: the [`rule`]s that can begin at the word (a bit each). Every rule's first
    /// token is a number or the first word of one of a few phrase lists; a rule is tried only
    /// where its bit is set, so the parser skips most words at once and tries, at the others,
    /// only the few rules they can begin (every rule was tried at every word that began any
    /// phrase: "en", "de", "et", "of" begin none).
    pub rule_starts: Vec<u32>,
}

/// The grammar's rules, as bits of [`Compiled::rule_starts`].
pub(crate) mod rule {
    pub const CLOSED_RANGE: u32 = 1 << 0;
    pub const OPEN_RANGE: u32 = 1 << 1;
    pub const YEAR_RANGE: u32 = 1 << 2;
    pub const MONTH_RANGE: u32 = 1 << 3;
    pub const NUMERIC: u32 = 1 << 4;
    pub const CALENDAR: u32 = 1 << 5;
    pub const YEAR: u32 = 1 << 6;
    pub const RELATIVE_DAY: u32 = 1 << 7;
    pub const RELATIVE_PERIOD: u32 = 1 << 8;
    pub const SHIFT: u32 = 1 << 9;
    pub const SET: u32 = 1 << 10;
    pub const SEASON: u32 = 1 << 11;
    pub const DECADE: u32 = 1 << 12;
    pub const HOLIDAY: u32 = 1 << 13;
    pub const BOUNDED: u32 = 1 << 14;
    /// A day alone (`le 3`), the first end of a coordination.
    pub const ELIDED_DAY: u32 = 1 << 15;
    /// What `calendar_core` reads first: a direction word, a weekday, a day or a month.
    pub const CALENDAR_CORE: u32 = 1 << 16;
    /// The rules that can begin at a number token: a day, a year or a quantity.
    pub const AT_NUMBER: u32 =
        YEAR_RANGE | NUMERIC | CALENDAR | YEAR | SHIFT | DECADE | ELIDED_DAY | CALENDAR_CORE;
}

impl Compiled {
    /// Compiles `lex`.
    pub fn new(lex: &TimeLexicon) -> Compiled {
        let mut v = Vocab::default();
        let mut c = Compiled {
            months: v.with(lex.months),
            weekdays: v.with(lex.weekdays),
            numeric_day_first: lex.numeric_day_first,
            month_day_order: lex.month_day_order,
            ordinal_suffixes: v.phrases(lex.ordinal_suffixes),
            day_words: v.with(lex.day_words),
            date_articles: v.phrases(lex.date_articles),
            day_month_links: v.phrases(lex.day_month_links),
            relative_days: v.with(lex.relative_days),
            day_parts: v.phrases(lex.day_parts),
            relative_periods: PhraseList::new(
                lex.relative_periods
                    .iter()
                    .map(|(s, u, o)| (v.phrase(s), (*u, *o)))
                    .filter(|(p, _)| !p.is_empty())
                    .collect(),
            ),
            past_prefixes: v.phrases(lex.past_prefixes),
            past_suffixes: v.phrases(lex.past_suffixes),
            future_prefixes: v.phrases(lex.future_prefixes),
            future_suffixes: v.phrases(lex.future_suffixes),
            this_prefixes: v.phrases(lex.this_prefixes),
            year_prefixes: v.phrases(lex.year_prefixes),
            year_weak_prefixes: v.phrases(lex.year_weak_prefixes),
            month_prefixes: v.phrases(lex.month_prefixes),
            boundary_prefixes: v.phrases(lex.boundary_prefixes),
            since: v.phrases(lex.since),
            until: v.phrases(lex.until),
            ranges: lex
                .ranges
                .iter()
                .map(|(a, b)| (v.phrase(a), v.phrase(b)))
                .filter(|(a, b)| !a.is_empty() && !b.is_empty())
                .collect(),
            coordinators: v.phrases(lex.coordinators),
            ago_prefixes: v.phrases(lex.ago_prefixes),
            ago_suffixes: v.phrases(lex.ago_suffixes),
            later_prefixes: v.phrases(lex.later_prefixes),
            later_suffixes: v.phrases(lex.later_suffixes),
            units: v.with(lex.units),
            cardinals: v.with(lex.cardinals),
            vague_quantities: v.phrases(lex.vague_quantities),
            set_prefixes: v.phrases(lex.set_prefixes),
            seasons: v.with(lex.seasons),
            season_prefixes: v.phrases(lex.season_prefixes),
            decade_prefixes: v.phrases(lex.decade_prefixes),
            decade_suffixes: v.phrases(lex.decade_suffixes),
            holidays: PhraseList::new(
                lex.holidays
                    .iter()
                    .map(|(s, m, d)| (v.phrase(s), (*m, *d)))
                    .filter(|(p, _)| !p.is_empty())
                    .collect(),
            ),
            future_cues: lower(lex.future_cues),
            future_cue_suffixes: lower(lex.future_cue_suffixes),
            past_cues: lower(lex.past_cues),
            vocab: FxHashMap::default(),
            rule_starts: Vec::new(),
        };
        c.vocab = v.ids;
        c.rule_starts = c.rule_starts();
        c
    }

    /// For every word id, the rules whose first token it can be. Each entry mirrors the first
    /// thing its rule in `parse.rs` reads at its first token (a rule that starts with an optional
    /// phrase also lists what may follow it there); numbers are in [`rule::AT_NUMBER`].
    fn rule_starts(&self) -> Vec<u32> {
        use rule::*;
        let mut starts = vec![0u32; self.vocab.len() + 1];
        let mut mark = |bits: u32, phrases: &mut dyn Iterator<Item = &Phrase>| {
            for p in phrases {
                if let Some(s) = p.first().and_then(|&w| starts.get_mut(w as usize)) {
                    *s |= bits;
                }
            }
        };
        // `calendar` may begin with an article, then (in `calendar_core`) a direction word, a
        // weekday, a day or a month; `season` with a direction word, a season word or a season.
        let dir = CALENDAR | CALENDAR_CORE | SEASON;
        mark(CLOSED_RANGE, &mut self.ranges.iter().map(|(open, _)| open));
        mark(OPEN_RANGE, &mut self.since.phrases());
        mark(OPEN_RANGE, &mut self.until.phrases());
        mark(
            MONTH_RANGE | CALENDAR | CALENDAR_CORE,
            &mut self.months.phrases(),
        );
        mark(CALENDAR | ELIDED_DAY, &mut self.date_articles.phrases());
        mark(dir, &mut self.past_prefixes.phrases());
        mark(dir, &mut self.future_prefixes.phrases());
        mark(dir, &mut self.this_prefixes.phrases());
        mark(CALENDAR | CALENDAR_CORE, &mut self.weekdays.phrases());
        mark(
            CALENDAR | CALENDAR_CORE | ELIDED_DAY,
            &mut self.day_words.phrases(),
        );
        mark(RELATIVE_DAY, &mut self.relative_days.phrases());
        mark(RELATIVE_PERIOD, &mut self.relative_periods.phrases());
        mark(SHIFT, &mut self.ago_prefixes.phrases());
        mark(SHIFT, &mut self.later_prefixes.phrases());
        mark(SHIFT, &mut self.cardinals.phrases());
        mark(SHIFT, &mut self.vague_quantities.phrases());
        mark(SET, &mut self.set_prefixes.phrases());
        mark(SEASON, &mut self.season_prefixes.phrases());
        mark(SEASON, &mut self.seasons.phrases());
        mark(DECADE, &mut self.decade_prefixes.phrases());
        mark(HOLIDAY, &mut self.holidays.phrases());
        mark(BOUNDED, &mut self.boundary_prefixes.phrases());
        starts
    }

    /// Gives each token the id of its folded text in this lexicon.
    pub fn intern(&self, toks: &mut [Tok<'_>]) {
        for t in toks {
            t.id = self.vocab.get(t.fold.as_ref()).copied().unwrap_or(0);
        }
    }

    /// The rules that can begin at token `t`.
    pub fn starts(&self, t: &Tok<'_>) -> u32 {
        let words = self.rule_starts.get(t.id as usize).copied().unwrap_or(0);
        if t.kind == Kind::Num {
            words | rule::AT_NUMBER
        } else {
            words
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_digits_letters_and_punctuation() {
        let t: Vec<String> = tokenize("le 1er mars, aujourd’hui 1960s")
            .into_iter()
            .map(|t| t.fold.into_owned())
            .collect();
        assert_eq!(
            t,
            ["le", "1", "er", "mars", ",", "aujourd", "'", "hui", "1960", "s"]
        );
    }

    #[test]
    fn folds_accents_and_case() {
        let t = tokenize("Été DÉCEMBRE");
        assert_eq!(t[0].fold, "ete");
        assert_eq!(t[1].fold, "decembre");
    }
}
