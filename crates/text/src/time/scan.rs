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

/// One token with its byte range, where its folded text is, and its lexicon id.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whether folding changed the token: its folded text is then `fold_start..fold_end` of
    /// [`Tokens::folds`], else the token's own text (lowercase ASCII, digits, most punctuation).
    folded: bool,
    fold_start: usize,
    fold_end: usize,
    /// The lexicon's id of the folded text (see [`Compiled::intern`]); 0 for a word no phrase
    /// holds.
    pub id: u32,
}

/// A text's tokens. The folded forms that differ from the text are written one after the other
/// into one string: a `String` (or a `Cow`) per token was most of the tokenizer's cost.
pub(crate) struct Tokens<'a> {
    pub toks: Vec<Tok>,
    folds: String,
    text: &'a str,
}

impl Tokens<'_> {
    /// The folded text of `t`.
    pub fn fold(&self, t: &Tok) -> &str {
        let folded = if t.folded {
            self.folds.get(t.fold_start..t.fold_end)
        } else {
            self.text.get(t.start..t.end)
        };
        folded.unwrap_or("")
    }
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

/// Whether `b` is an ASCII character that `char::is_whitespace` accepts (tab to carriage
/// return, and space; `u8::is_ascii_whitespace` leaves out the vertical tab).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Splits `text` into tokens: runs of letters, runs of ASCII digits, and every other non-space
/// character alone. Linear in the text length.
pub(crate) fn tokenize(text: &str) -> Tokens<'_> {
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 4);
    let mut folds = String::new();
    let bytes = text.as_bytes();
    // The character at byte `j`, when it is not ASCII.
    let wide_at = |j: usize| text.get(j..).and_then(|r| r.chars().next());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        // Whether the token's text is ASCII, and holds a capital or a backquote (which
        // `fold_char` changes; it leaves other ASCII as it is).
        let mut ascii = true;
        let mut changed = false;
        let kind = if b.is_ascii_digit() {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            Kind::Num
        } else if b.is_ascii() {
            if b.is_ascii_alphabetic() {
                Kind::Word
            } else {
                i += 1;
                if is_ascii_space(b) {
                    continue;
                }
                changed = b == b'`';
                Kind::Punct
            }
        } else {
            let Some(c) = wide_at(i) else {
                break;
            };
            if c.is_alphabetic() {
                Kind::Word
            } else {
                i += c.len_utf8();
                if c.is_whitespace() {
                    continue;
                }
                ascii = false;
                Kind::Punct
            }
        };
        if kind == Kind::Word {
            // A run of letters, ASCII or not.
            while let Some(&c) = bytes.get(i) {
                if c.is_ascii_alphabetic() {
                    changed |= c.is_ascii_uppercase();
                    i += 1;
                } else if c.is_ascii() {
                    break;
                } else {
                    match wide_at(i) {
                        Some(w) if w.is_alphabetic() => {
                            ascii = false;
                            i += w.len_utf8();
                        }
                        _ => break,
                    }
                }
            }
        }
        let raw = text.get(start..i).unwrap_or("");
        let fold_start = folds.len();
        let folded = if !ascii {
            for c in raw.chars() {
                fold_char(c, &mut folds);
            }
            true
        } else if changed {
            // What `fold_char` does to ASCII: capitals lowered, the backquote an apostrophe.
            folds.extend(raw.bytes().map(|b| {
                char::from(if b == b'`' {
                    b'\''
                } else {
                    b.to_ascii_lowercase()
                })
            }));
            true
        } else {
            false
        };
        toks.push(Tok {
            start,
            end: i,
            kind,
            folded,
            fold_start,
            fold_end: folds.len(),
            id: 0,
        });
    }
    Tokens { toks, folds, text }
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
        let tokens = tokenize(s);
        tokens
            .toks
            .iter()
            .map(|t| {
                let next = self.ids.len() as u32 + 1;
                *self.ids.entry(tokens.fold(t).to_string()).or_insert(next)
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
    /// The future (`true`) and past (`false`) cue words, lowercase; a word in both lists is a
    /// future cue, as the future list is read first.
    pub cues: FxHashMap<String, bool>,
    /// Future-tense endings, lowercase, with their length in characters.
    pub future_cue_suffixes: Vec<(String, usize)>,
    /// The last bytes of `future_cue_suffixes` (all bytes when one is empty): a word ending in
    /// none of them has none of the endings.
    pub suffix_last_bytes: [bool; 256],
    /// Every word of the phrases above, with its id.
    pub vocab: FxHashMap<String, u32>,
    /// Indexed by id: the [`rule`]s that can begin at the word (a bit each). Every rule's first
    /// token is a number or the first word of one of a few phrase lists; a rule is tried only
    /// where its bit is set, so the parser skips most words at once and tries, at the others,
    /// only the few rules they can begin (every rule was tried at every word that began any
    /// phrase: "en", "de", "et", "of" begin none).
    pub rule_starts: Vec<u32>,
    /// The byte length of the longest word in `vocab`.
    longest_word: usize,
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
            cues: lower(lex.past_cues)
                .into_iter()
                .map(|w| (w, false))
                .chain(lower(lex.future_cues).into_iter().map(|w| (w, true)))
                .collect(),
            future_cue_suffixes: lower(lex.future_cue_suffixes)
                .into_iter()
                .map(|s| {
                    let n = s.chars().count();
                    (s, n)
                })
                .collect(),
            suffix_last_bytes: [false; 256],
            vocab: FxHashMap::default(),
            rule_starts: Vec::new(),
            longest_word: 0,
        };
        c.vocab = v.ids;
        for (suffix, _) in &c.future_cue_suffixes {
            match suffix.as_bytes().last() {
                Some(&b) => c.suffix_last_bytes[usize::from(b)] = true,
                None => c.suffix_last_bytes = [true; 256],
            }
        }
        c.longest_word = c.vocab.keys().map(String::len).max().unwrap_or(0);
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
    pub fn intern(&self, tokens: &mut Tokens<'_>) {
        let Tokens { toks, folds, text } = tokens;
        for t in toks.iter_mut() {
            let fold = if t.folded {
                folds.get(t.fold_start..t.fold_end)
            } else {
                text.get(t.start..t.end)
            };
            // A word longer than every lexicon word is none of them: no hashing.
            t.id = match fold {
                Some(f) if f.len() <= self.longest_word => self.vocab.get(f).copied().unwrap_or(0),
                _ => 0,
            };
        }
    }

    /// The rules that can begin at token `t`.
    pub fn starts(&self, t: &Tok) -> u32 {
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
        let tokens = tokenize("le 1er mars, aujourd’hui 1960s");
        let t: Vec<&str> = tokens.toks.iter().map(|t| tokens.fold(t)).collect();
        assert_eq!(
            t,
            ["le", "1", "er", "mars", ",", "aujourd", "'", "hui", "1960", "s"]
        );
    }

    #[test]
    fn folds_accents_and_case() {
        let t = tokenize("Été DÉCEMBRE `x");
        assert_eq!(t.fold(&t.toks[0]), "ete");
        assert_eq!(t.fold(&t.toks[1]), "decembre");
        assert_eq!(t.fold(&t.toks[2]), "'");
    }
}
