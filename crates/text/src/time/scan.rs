//! A small tokenizer for the time grammar, and phrase lists compiled from a [`TimeLexicon`].
//!
//! The grammar works on its own tokens rather than the segmenter's: it needs digits and letters
//! split (`1er` is `1` + `er`, `1960s` is `1960` + `s`), every punctuation mark on its own, the
//! gaps between tokens (to tell `1 800` from `en 1800`), and a folded form (lowercase, no
//! accents, one apostrophe and one hyphen) so lexicon phrases match however the text is typed.

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
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub fold: String,
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
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    let mut cur: Option<(usize, Kind)> = None;
    let flush = |toks: &mut Vec<Tok>, cur: &mut Option<(usize, Kind)>, end: usize| {
        if let Some((start, kind)) = cur.take() {
            let mut fold = String::with_capacity(end - start);
            for c in text.get(start..end).unwrap_or("").chars() {
                fold_char(c, &mut fold);
            }
            toks.push(Tok {
                start,
                end,
                kind,
                fold,
                id: 0,
            });
        }
    };
    for (i, c) in text.char_indices() {
        let kind = if c.is_ascii_digit() {
            Some(Kind::Num)
        } else if c.is_alphabetic() {
            Some(Kind::Word)
        } else if c.is_whitespace() {
            None
        } else {
            Some(Kind::Punct)
        };
        match (kind, cur) {
            (Some(k), Some((_, ck))) if k == ck && k != Kind::Punct => {}
            (Some(k), _) => {
                flush(&mut toks, &mut cur, i);
                cur = Some((i, k));
            }
            (None, _) => flush(&mut toks, &mut cur, i),
        }
    }
    flush(&mut toks, &mut cur, text.len());
    toks
}

/// A lexicon phrase as the ids of its folded tokens: matching compares integers, where string
/// comparisons over every phrase of every list were a third of the text layer's time.
pub(crate) type Phrase = Vec<u32>;

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
                *self.ids.entry(t.fold).or_insert(next)
            })
            .collect()
    }

    fn phrases(&mut self, list: &[&str]) -> Vec<Phrase> {
        list.iter()
            .map(|s| self.phrase(s))
            .filter(|p| !p.is_empty())
            .collect()
    }

    fn with<T: Copy>(&mut self, list: &[(&str, T)]) -> Vec<(Phrase, T)> {
        list.iter()
            .map(|(s, v)| (self.phrase(s), *v))
            .filter(|(p, _)| !p.is_empty())
            .collect()
    }
}

fn lower(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_lowercase()).collect()
}

/// A [`TimeLexicon`] with every phrase tokenized and folded once per call.
pub(crate) struct Compiled {
    pub months: Vec<(Phrase, u32)>,
    pub weekdays: Vec<(Phrase, u32)>,
    pub numeric_day_first: bool,
    pub month_day_order: bool,
    pub ordinal_suffixes: Vec<Phrase>,
    pub day_words: Vec<(Phrase, u32)>,
    pub date_articles: Vec<Phrase>,
    pub day_month_links: Vec<Phrase>,
    pub relative_days: Vec<(Phrase, i32)>,
    pub day_parts: Vec<Phrase>,
    pub relative_periods: Vec<(Phrase, (TimeUnit, i32))>,
    pub past_prefixes: Vec<Phrase>,
    pub past_suffixes: Vec<Phrase>,
    pub future_prefixes: Vec<Phrase>,
    pub future_suffixes: Vec<Phrase>,
    pub this_prefixes: Vec<Phrase>,
    pub year_prefixes: Vec<Phrase>,
    pub year_weak_prefixes: Vec<Phrase>,
    pub month_prefixes: Vec<Phrase>,
    pub boundary_prefixes: Vec<Phrase>,
    pub since: Vec<Phrase>,
    pub until: Vec<Phrase>,
    pub ranges: Vec<(Phrase, Phrase)>,
    pub coordinators: Vec<Phrase>,
    pub ago_prefixes: Vec<Phrase>,
    pub ago_suffixes: Vec<Phrase>,
    pub later_prefixes: Vec<Phrase>,
    pub later_suffixes: Vec<Phrase>,
    pub units: Vec<(Phrase, TimeUnit)>,
    pub cardinals: Vec<(Phrase, u32)>,
    pub vague_quantities: Vec<Phrase>,
    pub set_prefixes: Vec<Phrase>,
    pub seasons: Vec<(Phrase, Season)>,
    pub season_prefixes: Vec<Phrase>,
    pub decade_prefixes: Vec<Phrase>,
    pub decade_suffixes: Vec<Phrase>,
    pub holidays: Vec<(Phrase, (u32, u32))>,
    pub future_cues: Vec<String>,
    pub future_cue_suffixes: Vec<String>,
    pub past_cues: Vec<String>,
    /// Every word of the phrases above, with its id.
    pub vocab: FxHashMap<String, u32>,
    /// Indexed by id: whether the word starts a phrase. A time expression can only start at a
    /// number, a punctuation mark or such a word, so the parser skips every other word at once.
    pub starters: Vec<bool>,
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
            relative_periods: lex
                .relative_periods
                .iter()
                .map(|(s, u, o)| (v.phrase(s), (*u, *o)))
                .filter(|(p, _)| !p.is_empty())
                .collect(),
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
            holidays: lex
                .holidays
                .iter()
                .map(|(s, m, d)| (v.phrase(s), (*m, *d)))
                .filter(|(p, _)| !p.is_empty())
                .collect(),
            future_cues: lower(lex.future_cues),
            future_cue_suffixes: lower(lex.future_cue_suffixes),
            past_cues: lower(lex.past_cues),
            vocab: FxHashMap::default(),
            starters: Vec::new(),
        };
        c.vocab = v.ids;
        c.starters = vec![false; c.vocab.len() + 1];
        for id in c.first_words() {
            c.starters[id as usize] = true;
        }
        c
    }

    /// Gives each token the id of its folded text in this lexicon.
    pub fn intern(&self, toks: &mut [Tok]) {
        for t in toks {
            t.id = self.vocab.get(&t.fold).copied().unwrap_or(0);
        }
    }

    /// Whether token `t` starts no phrase (and so no expression).
    /// Punctuation counts too: every rule starts at a number or a lexicon phrase.
    pub fn starts_nothing(&self, t: &Tok) -> bool {
        t.kind != Kind::Num && !self.starters.get(t.id as usize).copied().unwrap_or(false)
    }

    fn first_words(&self) -> Vec<u32> {
        let mut out = Vec::new();
        let mut add = |p: &Phrase| {
            if let Some(&w) = p.first() {
                out.push(w);
            }
        };
        for list in [
            &self.ordinal_suffixes,
            &self.date_articles,
            &self.day_month_links,
            &self.day_parts,
            &self.past_prefixes,
            &self.past_suffixes,
            &self.future_prefixes,
            &self.future_suffixes,
            &self.this_prefixes,
            &self.year_prefixes,
            &self.year_weak_prefixes,
            &self.month_prefixes,
            &self.boundary_prefixes,
            &self.since,
            &self.until,
            &self.coordinators,
            &self.ago_prefixes,
            &self.ago_suffixes,
            &self.later_prefixes,
            &self.later_suffixes,
            &self.vague_quantities,
            &self.set_prefixes,
            &self.season_prefixes,
            &self.decade_prefixes,
            &self.decade_suffixes,
        ] {
            list.iter().for_each(&mut add);
        }
        self.months.iter().for_each(|(p, _)| add(p));
        self.weekdays.iter().for_each(|(p, _)| add(p));
        self.day_words.iter().for_each(|(p, _)| add(p));
        self.relative_days.iter().for_each(|(p, _)| add(p));
        self.relative_periods.iter().for_each(|(p, _)| add(p));
        self.units.iter().for_each(|(p, _)| add(p));
        self.cardinals.iter().for_each(|(p, _)| add(p));
        self.seasons.iter().for_each(|(p, _)| add(p));
        self.holidays.iter().for_each(|(p, _)| add(p));
        for (a, b) in &self.ranges {
            add(a);
            add(b);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_digits_letters_and_punctuation() {
        let t: Vec<String> = tokenize("le 1er mars, aujourd’hui 1960s")
            .into_iter()
            .map(|t| t.fold)
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
