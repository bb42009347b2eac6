//! The time grammar: finds expressions in the token stream, left to right, longest match first.
//!
//! Every rule is a shape over lexicon categories, never a word:
//!
//! - numeric dates: `2020-02-27`, `27/02/2020`, `27.02.2020`, `27/02` (order from the lexicon,
//!   unless a component above 12 decides);
//! - written dates: `[article] [weekday] day [ordinal] [link] month [year] [past/future]` and,
//!   where the language allows, `month day [,] [year]`; `month year`; a month alone only after a
//!   licensing word (`en septembre`), a direction word or with a past/future suffix;
//! - weekdays with an optional direction and part of day (`mardi soir`, `next Thursday`);
//! - relative days and periods from the lexicon (`hier`, `la semaine dernière`);
//! - shifts (`il y a trois jours`, `three days ago`), durations (`trois jours`), sets
//!   (`chaque mois`), seasons, decades, fixed holidays;
//! - a bare four-digit year only after a licensing word (`en 2011`, `since 2011`), never inside
//!   a grouped number (`1 800`, `1,800`);
//! - intervals: `since X` (open end), `until X`, `between X and Y` with ellipsis on either side
//!   (`entre le 3 et le 5 mars`, `between March 3 and 5`), `1982-1990`.
//!
//! Each rule looks ahead a bounded number of tokens, so the scan is linear in the text.

use super::lexicon::TimeUnit;
use super::resolve::{Dir, Expr};
use super::scan::{rule, Compiled, Kind, Phrase, PhraseList, Phrases, Tok, Tokens};

/// An expression over tokens `start..end`.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub expr: Expr,
    pub start: usize,
    pub end: usize,
}

/// What the scanner found at one place.
#[derive(Debug, Clone)]
pub(crate) enum Found {
    /// One expression.
    Single(Hit),
    /// An interval over tokens `start..end`, with either end possibly open.
    Range {
        start: usize,
        end: usize,
        from: Option<Hit>,
        to: Option<Hit>,
    },
}

impl Found {
    /// One past the last token.
    pub fn end(&self) -> usize {
        match self {
            Found::Single(h) => h.end,
            Found::Range { end, .. } => *end,
        }
    }
}

/// The grammar over one text's tokens.
pub(crate) struct Parser<'a> {
    pub toks: &'a [Tok],
    /// Where `toks`' folded texts are.
    pub tokens: &'a Tokens<'a>,
    pub lex: &'a Compiled,
    pub text: &'a str,
}

impl<'a> Parser<'a> {
    /// Every expression, in text order, not overlapping.
    pub fn find_all(&self) -> Vec<Found> {
        let mut out = Vec::new();
        let mut i = 0;
        // The explicit year of the last expression, and the token where it ended.
        let mut last_year: Option<(YearPair, usize)> = None;
        while i < self.toks.len() {
            // No expression starts at a word that begins no rule.
            if self.starts(i) == 0 {
                i += 1;
                continue;
            }
            if let Some((a, b)) = self.coordination(i) {
                if self.found_at(i).is_none_or(|f| f.end() <= b.end) {
                    let tense = self.tense(a.start, b.end);
                    for mut h in [a, b] {
                        apply_tense(&mut h.expr, tense);
                        i = h.end;
                        out.push(Found::Single(h));
                    }
                    continue;
                }
            }
            match self.found_at(i) {
                Some(mut f) => {
                    let end = match &mut f {
                        Found::Single(h) => {
                            // "en 97 (en janvier ..., en octobre ...)": a month without a year
                            // takes the year just given in the same sentence.
                            if let Some((y, at)) = last_year {
                                if !(at..h.start).any(|k| self.is_stop(k)) {
                                    inherit_year(&mut h.expr, y);
                                }
                            }
                            let tense = self.tense(h.start, h.end);
                            apply_tense(&mut h.expr, tense);
                            last_year = explicit_year(&h.expr).map(|y| (y, h.end));
                            h.end
                        }
                        Found::Range {
                            start,
                            end,
                            from,
                            to,
                        } => {
                            let tense = self.tense(*start, *end);
                            for h in [from, to].into_iter().flatten() {
                                apply_tense(&mut h.expr, tense);
                            }
                            *end
                        }
                    };
                    out.push(f);
                    i = end.max(i + 1);
                }
                None => i += 1,
            }
        }
        out
    }

    /// The tense of the clause around tokens `start..end`: the nearest cue within the sentence
    /// and a few words, `Some(true)` for the future, `Some(false)` for the past.
    fn tense(&self, start: usize, end: usize) -> Option<bool> {
        const WINDOW: usize = 12;
        let stop = |k: usize| self.is_stop(k);
        let mut before = (0..start).rev().take(WINDOW).take_while(|&k| !stop(k));
        let mut after = (end..self.toks.len())
            .take(WINDOW)
            .take_while(|&k| !stop(k));
        loop {
            let (b, a) = (before.next(), after.next());
            if b.is_none() && a.is_none() {
                return None;
            }
            for k in [b, a].into_iter().flatten() {
                if let Some(t) = self.cue(k) {
                    return Some(t);
                }
            }
        }
    }

    /// Whether token `k` ends a sentence or clause.
    fn is_stop(&self, k: usize) -> bool {
        self.kind(k) == Some(Kind::Punct) && matches!(self.fold(k), "." | "!" | "?" | ";")
    }

    /// Whether token `k` is a future (`true`) or past (`false`) cue.
    fn cue(&self, k: usize) -> Option<bool> {
        let t = self.toks.get(k)?;
        if t.kind != Kind::Word {
            return None;
        }
        let raw = self.text.get(t.start..t.end)?;
        // Borrowed when lowercasing changes nothing: this runs at up to 24 words per expression.
        let lower: std::borrow::Cow<str> = if raw.bytes().all(|b| b.is_ascii_lowercase()) {
            raw.into()
        } else {
            raw.to_lowercase().into()
        };
        // The cue word may be elided and glued: "l'a", "qu'il sera" are separate tokens anyway.
        if let Some(&future) = self.lex.cues.get(lower.as_ref()) {
            return Some(future);
        }
        // No ending can match a word whose last byte ends none: the rest gives `None` then.
        let last = lower.as_bytes().last().copied()?;
        if !self.lex.suffix_last_bytes[usize::from(last)] {
            return None;
        }
        let first_upper = raw.chars().next().is_some_and(char::is_uppercase);
        if first_upper && !raw.chars().all(|c| !c.is_lowercase()) {
            return None; // a proper noun: "Sandra", "Jura"
        }
        let n = lower.chars().count();
        self.lex
            .future_cue_suffixes
            .iter()
            .any(|(s, len)| lower.ends_with(s.as_str()) && n >= len + 2)
            .then_some(true)
    }

    // ---- token helpers ----------------------------------------------------------------------

    /// The rules that can begin at token `i` (none past the end).
    fn starts(&self, i: usize) -> u32 {
        self.toks.get(i).map_or(0, |t| self.lex.starts(t))
    }

    fn fold(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| self.tokens.fold(t))
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.kind(i) == Some(Kind::Punct) && self.fold(i) == p
    }

    /// Whether token `i` follows token `i - 1` with no space between.
    fn glued(&self, i: usize) -> bool {
        match (
            i.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(i),
        ) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// Whether the gap before token `i` is exactly one space-like character (digit grouping).
    fn single_space_before(&self, i: usize) -> bool {
        match (
            i.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(i),
        ) {
            (Some(a), Some(b)) => {
                let gap = self.text.get(a.end..b.start).unwrap_or("");
                let mut cs = gap.chars();
                matches!((cs.next(), cs.next()), (Some(c), None) if c != '\n' && c.is_whitespace())
            }
            _ => false,
        }
    }

    fn match_at(&self, i: usize, p: &Phrase) -> Option<usize> {
        let end = i.checked_add(p.len())?;
        if end > self.toks.len() {
            return None;
        }
        let toks = self.toks.get(i..end)?;
        toks.iter().zip(p).all(|(t, &w)| t.id == w).then_some(end)
    }

    fn longest(&self, i: usize, list: &Phrases) -> Option<usize> {
        // Most tokens begin no phrase of the list: its index says so without a scan, and only
        // the phrases that begin with the token are tried.
        let id = self.toks.get(i)?.id;
        if !list.may_start(id) {
            return None;
        }
        list.starting_with(id)
            .filter_map(|(p, _)| self.match_at(i, p))
            .max()
    }

    fn longest_with<T: Copy>(&self, i: usize, list: &PhraseList<T>) -> Option<(usize, T)> {
        let id = self.toks.get(i)?.id;
        if !list.may_start(id) {
            return None;
        }
        // In list order, the first of the longest wins, as over the whole list.
        let mut best: Option<(usize, T)> = None;
        for (p, v) in list.starting_with(id) {
            if let Some(e) = self.match_at(i, p) {
                if best.is_none_or(|(b, _)| e > b) {
                    best = Some((e, *v));
                }
            }
        }
        best
    }

    /// Whether one of `list` ends just before token `i`.
    fn ends_before(&self, i: usize, list: &Phrases) -> bool {
        let Some(last) = i.checked_sub(1).and_then(|k| self.toks.get(k)) else {
            return false;
        };
        if !list.may_end(last.id) {
            return false;
        }
        list.ending_with(last.id)
            .any(|p| i.checked_sub(p.len()).and_then(|s| self.match_at(s, p)) == Some(i))
    }

    /// The value and digit count of number token `i`.
    fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        let fold = self.tokens.fold(t);
        if t.kind != Kind::Num || fold.len() > 4 {
            return None;
        }
        Some((fold.parse().ok()?, fold.len()))
    }

    /// Whether number token `i` stands alone rather than inside `1 800`, `1,800` or `1,5`.
    fn standalone(&self, i: usize) -> bool {
        let is_sep = |k: usize| self.is_punct(k, ",") || self.is_punct(k, ".");
        let digits = self.num(i).map_or(0, |(_, n)| n);
        if i >= 2
            && is_sep(i - 1)
            && self.glued(i)
            && self.glued(i - 1)
            && self.kind(i - 2) == Some(Kind::Num)
        {
            return false;
        }
        if i >= 1
            && self.kind(i - 1) == Some(Kind::Num)
            && digits == 3
            && self.single_space_before(i)
        {
            return false;
        }
        if is_sep(i + 1)
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.kind(i + 2) == Some(Kind::Num)
        {
            return false;
        }
        if self.kind(i + 1) == Some(Kind::Num)
            && self.fold(i + 1).len() == 3
            && self.single_space_before(i + 1)
            && digits <= 3
        {
            return false;
        }
        true
    }

    /// Whether token `i` ends a phrase: end of text or punctuation.
    fn is_break(&self, i: usize) -> bool {
        self.kind(i).is_none_or(|k| k == Kind::Punct)
    }

    // ---- atoms ------------------------------------------------------------------------------

    /// A day of the month: `27`, `1er`, `27th`, `premier`.
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        if let Some((d, n)) = self.num(i) {
            if n > 2 || !(1..=31).contains(&d) || !self.standalone(i) {
                return None;
            }
            if self.kind(i + 1) == Some(Kind::Word) && self.glued(i + 1) {
                let e = self.longest(i + 1, &self.lex.ordinal_suffixes)?;
                return (e == i + 2).then_some((d, e));
            }
            if self.is_punct(i + 1, ":") && self.glued(i + 1) {
                return None;
            }
            return Some((d, i + 1));
        }
        self.longest_with(i, &self.lex.day_words)
            .map(|(e, d)| (d, e))
    }

    /// A month name; an abbreviation's period is taken when a number follows (`Feb. 27`).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let (e, m) = self.longest_with(i, &self.lex.months)?;
        if self.is_punct(e, ".") && self.glued(e) && self.kind(e + 1) == Some(Kind::Num) {
            return Some((m, e + 1));
        }
        Some((m, e))
    }

    fn weekday_at(&self, i: usize) -> Option<(u32, usize)> {
        self.longest_with(i, &self.lex.weekdays)
            .map(|(e, w)| (w, e))
    }

    /// A four-digit year, not inside a grouped number nor glued to letters.
    fn year4_at(&self, i: usize) -> Option<(i32, usize)> {
        let (y, n) = self.num(i)?;
        if n != 4 || !(1100..=2199).contains(&y) || !self.standalone(i) {
            return None;
        }
        if self.kind(i + 1) == Some(Kind::Word) && self.glued(i + 1) {
            return None;
        }
        Some((y as i32, i + 1))
    }

    /// The year after a month: four digits, `'98`, or two digits that cannot be a day.
    /// Returns `(year, short year, end)`.
    fn year_after(&self, i: usize, after_day: bool) -> Option<(Option<i32>, Option<i32>, usize)> {
        let j = if self.is_punct(i, ",") && self.num(i + 1).is_some() {
            i + 1
        } else {
            i
        };
        if let Some((y, e)) = self.year4_at(j) {
            return Some((Some(y), None, e));
        }
        if self.is_punct(j, "'") && self.glued(j + 1) {
            if let Some((y, 2)) = self.num(j + 1) {
                return Some((None, Some(y as i32), j + 2));
            }
        }
        if let Some((y, 2)) = self.num(j) {
            let glued_word = self.kind(j + 1) == Some(Kind::Word) && self.glued(j + 1);
            if !glued_word && self.standalone(j) && (y > 31 || (after_day && self.is_break(j + 1)))
            {
                return Some((None, Some(y as i32), j + 1));
            }
        }
        None
    }

    fn suffix_dir(&self, i: usize) -> (Dir, usize) {
        if let Some(e) = self.longest(i, &self.lex.past_suffixes) {
            (Dir::Last, e)
        } else if let Some(e) = self.longest(i, &self.lex.future_suffixes) {
            (Dir::Next, e)
        } else {
            (Dir::Default, i)
        }
    }

    fn prefix_dir(&self, i: usize) -> (Dir, usize) {
        if let Some(e) = self.longest(i, &self.lex.past_prefixes) {
            (Dir::Last, e)
        } else if let Some(e) = self.longest(i, &self.lex.future_prefixes) {
            (Dir::Next, e)
        } else if let Some(e) = self.longest(i, &self.lex.this_prefixes) {
            (Dir::This, e)
        } else {
            (Dir::Default, i)
        }
    }

    fn day_part(&self, i: usize) -> usize {
        self.longest(i, &self.lex.day_parts).unwrap_or(i)
    }

    /// A quantity before a unit: a number, a number word, or a vague word (`None`).
    fn quantity_at(&self, i: usize) -> Option<(Option<u32>, usize)> {
        if let Some((n, digits)) = self.num(i) {
            if digits <= 4
                && self.standalone(i)
                && !(self.is_punct(i + 1, ".") && self.glued(i + 1))
            {
                return Some((Some(n), i + 1));
            }
            return None;
        }
        if let Some((e, n)) = self.longest_with(i, &self.lex.cardinals) {
            return Some((Some(n), e));
        }
        self.longest(i, &self.lex.vague_quantities)
            .map(|e| (None, e))
    }

    // ---- rules ------------------------------------------------------------------------------

    /// `2020-02-27`, `27/02/2020`, `27.02.2020`, `27/02`.
    fn numeric(&self, i: usize) -> Option<(Expr, usize)> {
        let (a, na) = self.num(i)?;
        if i >= 1 && self.glued(i) && matches!(self.fold(i - 1), "/" | "-" | ".") {
            return None;
        }
        let sep = self.fold(i + 1);
        if !matches!(sep, "/" | "-" | ".") || !self.glued(i + 1) || !self.glued(i + 2) {
            return None;
        }
        let (b, nb) = self.num(i + 2)?;
        let third = if self.fold(i + 3) == sep && self.glued(i + 3) && self.glued(i + 4) {
            self.num(i + 4)
        } else {
            None
        };
        let cal = |y: Option<i32>, sy: Option<i32>, m: u32, d: u32| Expr::Cal {
            year: y,
            short_year: sy,
            month: Some(m),
            day: Some(d),
            weekday: None,
            dir: Dir::Default,
        };
        let trailing = |e: usize| {
            (self.glued(e) && matches!(self.kind(e), Some(Kind::Num) | Some(Kind::Word)))
                || (self.glued(e) && matches!(self.fold(e), "/" | "-") && self.glued(e + 1))
        };
        match (na, third) {
            (4, Some((d, 2))) if sep == "-" && nb == 2 => {
                let ok = (1..=12).contains(&b) && (1..=31).contains(&d) && !trailing(i + 5);
                ok.then(|| (cal(Some(a as i32), None, b, d), i + 5))
            }
            (1 | 2, Some((y, ny))) if nb <= 2 && (ny == 4 || (ny == 2 && sep != ".")) => {
                if trailing(i + 5) {
                    return None;
                }
                let (d, m) = self.order(a, b)?;
                let (year, short) = if ny == 4 {
                    (Some(y as i32), None)
                } else {
                    (None, Some(y as i32))
                };
                Some((cal(year, short, m, d), i + 5))
            }
            (2, None) if sep == "/" && nb == 2 => {
                if trailing(i + 3) {
                    return None;
                }
                let (d, m) = self.order(a, b)?;
                Some((cal(None, None, m, d), i + 3))
            }
            _ => None,
        }
    }

    /// Day and month from two numbers, in the language's order unless one is above 12.
    fn order(&self, a: u32, b: u32) -> Option<(u32, u32)> {
        let valid = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
        let first = if self.lex.numeric_day_first {
            (a, b)
        } else {
            (b, a)
        };
        let second = (first.1, first.0);
        if valid(first.0, first.1) {
            Some(first)
        } else if valid(second.0, second.1) {
            Some(second)
        } else {
            None
        }
    }

    /// `1982-1990`, `2002/2003`: two years, the second later.
    fn year_range(&self, i: usize) -> Option<Found> {
        let (a, e) = self.year4_at(i)?;
        if !matches!(self.fold(e), "-" | "/") || !self.glued(e) || !self.glued(e + 1) {
            return None;
        }
        let (b, e2) = self.year4_at(e + 1)?;
        if b <= a || b - a > 100 {
            return None;
        }
        let y = |y: i32, s: usize, e: usize| Hit {
            expr: Expr::Cal {
                year: Some(y),
                short_year: None,
                month: None,
                day: None,
                weekday: None,
                dir: Dir::Default,
            },
            start: s,
            end: e,
        };
        Some(Found::Range {
            start: i,
            end: e2,
            from: Some(y(a, i, e)),
            to: Some(y(b, e + 1, e2)),
        })
    }

    /// `mars-avril`: two months joined by a hyphen.
    fn month_range(&self, i: usize) -> Option<Found> {
        let (a, e) = self.month_at(i)?;
        if !self.is_punct(e, "-") || !self.glued(e) || !self.glued(e + 1) {
            return None;
        }
        let (b, e2) = self.month_at(e + 1)?;
        let m = |m: u32, s: usize, e: usize| Hit {
            expr: Expr::Cal {
                year: None,
                short_year: None,
                month: Some(m),
                day: None,
                weekday: None,
                dir: Dir::Default,
            },
            start: s,
            end: e,
        };
        Some(Found::Range {
            start: i,
            end: e2,
            from: Some(m(a, i, e)),
            to: Some(m(b, e + 1, e2)),
        })
    }

    /// Written dates, months and weekdays.
    fn calendar(&self, i: usize, licensed: bool) -> Option<(Expr, usize)> {
        let starts = [Some(i), self.longest(i, &self.lex.date_articles)];
        let mut best: Option<(Expr, usize)> = None;
        for j in starts.into_iter().flatten() {
            if let Some((e, end)) = self.calendar_core(j, licensed || j > i) {
                if best.as_ref().is_none_or(|(_, b)| end > *b) {
                    best = Some((e, end));
                }
            }
        }
        best
    }

    fn calendar_core(&self, i: usize, licensed: bool) -> Option<(Expr, usize)> {
        if self.starts(i) & rule::CALENDAR_CORE == 0 {
            return None;
        }
        let (pdir, j) = self.prefix_dir(i);
        // "d'ici le 30 juin": an article may follow the direction word.
        let j = if j > i {
            self.longest(j, &self.lex.date_articles).unwrap_or(j)
        } else {
            j
        };
        let wd = self.weekday_at(j);
        let k = match wd {
            Some((_, e)) if self.is_punct(e, ",") => e + 1,
            Some((_, e)) => e,
            None => j,
        };
        let weekday = wd.map(|(w, _)| w);
        let cal = |y, sy, m, d, dir| Expr::Cal {
            year: y,
            short_year: sy,
            month: Some(m),
            day: d,
            weekday: if d.is_some() { weekday } else { None },
            dir,
        };
        // day [ordinal] [link] month [year] [suffix]
        if let Some((d, e)) = self.day_at(k) {
            let e = self.longest(e, &self.lex.day_month_links).unwrap_or(e);
            if let Some((m, e)) = self.month_at(e) {
                return Some(self.finish_day(cal, m, d, pdir, e));
            }
        }
        if let Some((m, e)) = self.month_at(k) {
            if self.lex.month_day_order {
                if let Some((d, e2)) = self.day_at(e) {
                    return Some(self.finish_day(cal, m, d, pdir, e2));
                }
            }
            if let Some((y, sy, e2)) = self.year_after(e, false) {
                return Some((cal(y, sy, m, None, Dir::Default), e2));
            }
            let (sdir, e2) = self.suffix_dir(e);
            let dir = if sdir != Dir::Default { sdir } else { pdir };
            let ok = licensed
                || dir != Dir::Default
                || self.ends_before(k, &self.lex.month_prefixes)
                || self.ends_before(k, &self.lex.boundary_prefixes);
            // "de sept ...": a month abbreviation that is also a number word needs more than a
            // licensing word to be a month.
            let numeral = self.longest_with(k, &self.lex.cardinals).is_some();
            if ok && wd.is_none() && (!numeral || dir != Dir::Default) {
                return Some((cal(None, None, m, None, dir), e2));
            }
        }
        let (w, e) = wd?;
        let e = self.day_part(e);
        let (sdir, e2) = self.suffix_dir(e);
        let dir = if sdir != Dir::Default { sdir } else { pdir };
        Some((Expr::Weekday { wd: w, dir }, self.day_part(e2)))
    }

    fn finish_day(
        &self,
        cal: impl Fn(Option<i32>, Option<i32>, u32, Option<u32>, Dir) -> Expr,
        m: u32,
        d: u32,
        pdir: Dir,
        e: usize,
    ) -> (Expr, usize) {
        if let Some((y, sy, e2)) = self.year_after(e, true) {
            return (cal(y, sy, m, Some(d), Dir::Default), self.day_part(e2));
        }
        let (sdir, e2) = self.suffix_dir(e);
        let dir = if sdir != Dir::Default { sdir } else { pdir };
        (cal(None, None, m, Some(d), dir), self.day_part(e2))
    }

    /// A bare year after a licensing word.
    fn year(&self, i: usize, licensed: bool) -> Option<(Expr, usize)> {
        if let Some((yy, 2)) = self.num(i) {
            // "en 97": a two-digit year after a year word, closing its phrase.
            let ok = self.ends_before(i, &self.lex.year_prefixes)
                && self.standalone(i)
                && self.is_break(i + 1);
            return ok.then_some((
                Expr::Cal {
                    year: None,
                    short_year: Some(yy as i32),
                    month: None,
                    day: None,
                    weekday: None,
                    dir: Dir::Default,
                },
                i + 1,
            ));
        }
        let (y, e) = self.year4_at(i)?;
        let ok = licensed
            || self.ends_before(i, &self.lex.year_prefixes)
            || self.ends_before(i, &self.lex.boundary_prefixes)
            || (self.ends_before(i, &self.lex.year_weak_prefixes) && self.is_break(e));
        ok.then_some((
            Expr::Cal {
                year: Some(y),
                short_year: None,
                month: None,
                day: None,
                weekday: None,
                dir: Dir::Default,
            },
            e,
        ))
    }

    fn relative_day(&self, i: usize) -> Option<(Expr, usize)> {
        let (e, n) = self.longest_with(i, &self.lex.relative_days)?;
        let e = self.day_part(e);
        // "aujourd'hui vendredi": the weekday restates the day.
        let e = self.weekday_at(e).map_or(e, |(_, e2)| e2);
        Some((Expr::RelDay(n), e))
    }

    fn relative_period(&self, i: usize) -> Option<(Expr, usize)> {
        let (e, (u, n)) = self.longest_with(i, &self.lex.relative_periods)?;
        if u == TimeUnit::Weekend {
            return Some((
                Expr::Weekend {
                    offset: n,
                    dir: Dir::Default,
                },
                e,
            ));
        }
        Some((Expr::RelPeriod(u, n), e))
    }

    /// `il y a trois jours`, `three days ago`, `dans deux semaines`, and plain durations.
    fn shift_or_duration(&self, i: usize) -> Option<(Expr, usize)> {
        if let Some(j) = self.longest(i, &self.lex.ago_prefixes) {
            if let Some((Some(n), k)) = self.quantity_at(j) {
                if let Some((e, u)) = self.longest_with(k, &self.lex.units) {
                    return Some((Expr::Shift(u, -(n.min(10_000) as i32)), e));
                }
            }
        }
        if let Some(j) = self.longest(i, &self.lex.later_prefixes) {
            if let Some((Some(n), k)) = self.quantity_at(j) {
                if let Some((e, u)) = self.longest_with(k, &self.lex.units) {
                    return Some((Expr::Shift(u, n.min(10_000) as i32), e));
                }
            }
        }
        let (q, k) = self.quantity_at(i)?;
        let (e, u) = self.longest_with(k, &self.lex.units)?;
        if let Some(n) = q {
            let n = n.min(10_000) as i32;
            if let Some(e2) = self.longest(e, &self.lex.ago_suffixes) {
                return Some((Expr::Shift(u, -n), e2));
            }
            if let Some(e2) = self.longest(e, &self.lex.later_suffixes) {
                return Some((Expr::Shift(u, n), e2));
            }
        }
        Some((Expr::Duration(q, u), e))
    }

    fn set(&self, i: usize) -> Option<(Expr, usize)> {
        let j = self.longest(i, &self.lex.set_prefixes)?;
        if let Some((e, u)) = self.longest_with(j, &self.lex.units) {
            return Some((Expr::SetUnit(u), e));
        }
        let (w, e) = self.weekday_at(j)?;
        // Plural weekday names ("tous les lundis", "every Mondays") end in a glued letter.
        let e = if self.kind(e) == Some(Kind::Word) && self.glued(e) && self.fold(e).len() == 1 {
            e + 1
        } else {
            e
        };
        Some((Expr::SetWeekday(w), e))
    }

    fn season(&self, i: usize) -> Option<(Expr, usize)> {
        let (pdir, j) = self.prefix_dir(i);
        let (j, has_prefix) = match self.longest(j, &self.lex.season_prefixes) {
            Some(e) => (e, true),
            None => (j, false),
        };
        let (e, s) = self.longest_with(j, &self.lex.seasons)?;
        let e2 = self.longest(e, &self.lex.day_month_links).unwrap_or(e);
        if let Some((y, e3)) = self.year4_at(e2) {
            return Some((
                Expr::Season {
                    season: s,
                    year: Some(y),
                    dir: None,
                },
                e3,
            ));
        }
        let (sdir, e2) = self.suffix_dir(e);
        let dir = if sdir != Dir::Default { sdir } else { pdir };
        if dir == Dir::Default && !has_prefix {
            return None;
        }
        let dir = (dir != Dir::Default).then_some(dir);
        Some((
            Expr::Season {
                season: s,
                year: None,
                dir,
            },
            e2,
        ))
    }

    fn decade(&self, i: usize) -> Option<(Expr, usize)> {
        let (j, has_prefix) = match self.longest(i, &self.lex.decade_prefixes) {
            Some(e) => (e, true),
            None => (i, false),
        };
        let (n, digits) = self.num(j)?;
        if n % 10 != 0 {
            return None;
        }
        let y0 = match digits {
            2 => 1900 + n as i32,
            4 if (1100..=2190).contains(&n) => n as i32,
            _ => return None,
        };
        let suffix = if self.glued(j + 1) {
            self.longest(j + 1, &self.lex.decade_suffixes)
        } else {
            None
        };
        let ok = match suffix {
            Some(_) => true,
            None => has_prefix && self.lex.decade_suffixes.is_empty(),
        };
        if !ok || !self.standalone(j) {
            return None;
        }
        Some((Expr::Decade(y0), suffix.unwrap_or(j + 1)))
    }

    fn holiday(&self, i: usize) -> Option<(Expr, usize)> {
        let (e, (m, d)) = self.longest_with(i, &self.lex.holidays)?;
        if let Some((y, e2)) = self.year4_at(e) {
            return Some((
                Expr::Cal {
                    year: Some(y),
                    short_year: None,
                    month: Some(m),
                    day: Some(d),
                    weekday: None,
                    dir: Dir::Default,
                },
                e2,
            ));
        }
        let (dir, e2) = self.suffix_dir(e);
        Some((
            Expr::Cal {
                year: None,
                short_year: None,
                month: Some(m),
                day: Some(d),
                weekday: None,
                dir,
            },
            e2,
        ))
    }

    /// `début octobre`, `fin 2011`, `mid-March`: the boundary joins the span, the value stays.
    fn bounded(&self, i: usize) -> Option<(Expr, usize)> {
        let j = self.longest(i, &self.lex.boundary_prefixes)?;
        self.single(j, true).map(|h| (h.expr, h.end))
    }

    /// The longest single expression starting at token `i`.
    fn single(&self, i: usize, licensed: bool) -> Option<Hit> {
        // A rule that cannot begin at token `i` finds nothing there: it is not tried.
        let m = self.starts(i);
        let on = |bit: u32| m & bit != 0;
        // Each candidate is weighed as soon as it is found, in rule order (the first of the
        // longest wins): an array of all eleven, most of them `None`, was copied whole.
        let mut best: Option<Hit> = None;
        let mut weigh = |found: Option<(Expr, usize)>| {
            if let Some((expr, end)) = found {
                if end > i && best.as_ref().is_none_or(|b| end > b.end) {
                    best = Some(Hit {
                        expr,
                        start: i,
                        end,
                    });
                }
            }
        };
        if on(rule::NUMERIC) {
            weigh(self.numeric(i));
        }
        if on(rule::CALENDAR) {
            weigh(self.calendar(i, licensed));
        }
        if on(rule::YEAR) {
            weigh(self.year(i, licensed));
        }
        if on(rule::RELATIVE_DAY) {
            weigh(self.relative_day(i));
        }
        if on(rule::RELATIVE_PERIOD) {
            weigh(self.relative_period(i));
        }
        if on(rule::SHIFT) {
            weigh(self.shift_or_duration(i));
        }
        if on(rule::SET) {
            weigh(self.set(i));
        }
        if on(rule::SEASON) {
            weigh(self.season(i));
        }
        if on(rule::DECADE) {
            weigh(self.decade(i));
        }
        if on(rule::HOLIDAY) {
            weigh(self.holiday(i));
        }
        if !licensed && on(rule::BOUNDED) {
            weigh(self.bounded(i));
        }
        best
    }

    /// One end of an interval: a full expression, or a day alone (`entre le 3 et ...`).
    fn endpoint(&self, i: usize) -> Option<Hit> {
        let full = self.single(i, true);
        Self::pick_endpoint(full, self.elided_day(i))
    }

    /// A day alone, after an optional article: `3`, `le 3`.
    fn elided_day(&self, i: usize) -> Option<Hit> {
        if self.starts(i) & rule::ELIDED_DAY == 0 {
            return None;
        }
        let j = self.longest(i, &self.lex.date_articles).unwrap_or(i);
        self.day_at(j).map(|(d, e)| Hit {
            expr: Expr::Cal {
                year: None,
                short_year: None,
                month: None,
                day: Some(d),
                weekday: None,
                dir: Dir::Default,
            },
            start: i,
            end: e,
        })
    }

    /// The longer of a full expression and a day alone; the full one when they tie.
    fn pick_endpoint(full: Option<Hit>, elided: Option<Hit>) -> Option<Hit> {
        match (full, elided) {
            (Some(f), Some(e)) if e.end > f.end => Some(e),
            (Some(f), _) => Some(f),
            (None, e) => e,
        }
    }

    /// `les 6 et 13 avril`: a bare day coordinated with a full date; two dates, not an interval.
    fn coordination(&self, i: usize) -> Option<(Hit, Hit)> {
        // The first end must be a bare day, and no full expression is one (every rule gives a
        // month, a year, or no calendar day): without a day alone at `i` there is no
        // coordination, and the full expression (the costliest parse, tried at every
        // candidate token) is not needed.
        let elided = self.elided_day(i)?;
        let mut a = Self::pick_endpoint(self.single(i, true), Some(elided))?;
        if !matches!(
            a.expr,
            Expr::Cal {
                month: None,
                day: Some(_),
                ..
            }
        ) {
            return None;
        }
        let k = self.longest(a.end, &self.lex.coordinators)?;
        let mut b = self.endpoint(k)?;
        if matches!(b.expr, Expr::Cal { month: None, .. }) {
            return None;
        }
        complete_range(&mut a.expr, &mut b.expr).then_some((a, b))
    }

    fn closed_range(&self, i: usize) -> Option<Found> {
        for (open, join) in &self.lex.ranges {
            let Some(j) = self.match_at(i, open) else {
                continue;
            };
            let Some(mut a) = self.endpoint(j) else {
                continue;
            };
            let Some(k) = self.match_at(a.end, join) else {
                continue;
            };
            let Some(mut b) = self.endpoint(k) else {
                continue;
            };
            if !complete_range(&mut a.expr, &mut b.expr) {
                continue;
            }
            return Some(Found::Range {
                start: i,
                end: b.end,
                from: Some(a),
                to: Some(b),
            });
        }
        None
    }

    fn open_range(&self, i: usize) -> Option<Found> {
        if let Some(j) = self.longest(i, &self.lex.since) {
            let h = self.single(j, true)?;
            return Some(match h.expr {
                Expr::Duration(..) | Expr::SetUnit(_) | Expr::SetWeekday(_) => Found::Single(h),
                _ => Found::Range {
                    start: i,
                    end: h.end,
                    from: Some(h),
                    to: None,
                },
            });
        }
        let j = self.longest(i, &self.lex.until)?;
        let mut h = self.single(j, true)?;
        // "jusqu'au 30 juin": a bound not yet reached at the time of writing.
        apply_tense(&mut h.expr, Some(true));
        Some(match h.expr {
            Expr::Duration(..) | Expr::SetUnit(_) | Expr::SetWeekday(_) => Found::Single(h),
            _ => Found::Range {
                start: i,
                end: h.end,
                from: None,
                to: Some(h),
            },
        })
    }

    fn found_at(&self, i: usize) -> Option<Found> {
        let m = self.starts(i);
        if m == 0 {
            return None;
        }
        let on = |bit: u32| m & bit != 0;
        let end = |f: &Found| match f {
            Found::Single(h) => h.end,
            Found::Range { end, .. } => *end,
        };
        // Each candidate is weighed as soon as it is found, in rule order (the first of the
        // longest wins): an array of all five, most of them `None`, was copied whole.
        let mut best: Option<Found> = None;
        let mut weigh = |f: Option<Found>| {
            if let Some(f) = f {
                if best.as_ref().is_none_or(|b| end(&f) > end(b)) {
                    best = Some(f);
                }
            }
        };
        if on(rule::CLOSED_RANGE) {
            weigh(self.closed_range(i));
        }
        if on(rule::OPEN_RANGE) {
            weigh(self.open_range(i));
        }
        if on(rule::YEAR_RANGE) {
            weigh(self.year_range(i));
        }
        if on(rule::MONTH_RANGE) {
            weigh(self.month_range(i));
        }
        weigh(self.single(i, false).map(Found::Single));
        best
    }
}

/// A full year or a two-digit one.
type YearPair = (Option<i32>, Option<i32>);

/// The explicit (full, short) year of a calendar expression.
fn explicit_year(e: &Expr) -> Option<YearPair> {
    match e {
        Expr::Cal {
            year, short_year, ..
        } if year.is_some() || short_year.is_some() => Some((*year, *short_year)),
        _ => None,
    }
}

/// Gives a month without year (and without weekday or direction) the year `y`.
fn inherit_year(e: &mut Expr, y: YearPair) {
    if let Expr::Cal {
        year: year @ None,
        short_year: short @ None,
        month: Some(_),
        weekday: None,
        dir: Dir::Default,
        ..
    } = e
    {
        *year = y.0;
        *short = y.1;
    }
}

/// Reads a date without year, a bare weekday or weekend, or an unanchored season forward in a
/// future-tense clause; anchors an unanchored season backward in a past-tense one.
fn apply_tense(e: &mut Expr, tense: Option<bool>) {
    let Some(future) = tense else {
        return;
    };
    match e {
        Expr::Cal {
            year: None,
            short_year: None,
            month: Some(_),
            dir,
            ..
        }
        | Expr::Weekday { dir, .. }
        | Expr::Weekend { offset: 0, dir }
            if future && *dir == Dir::Default =>
        {
            *dir = Dir::Upcoming;
        }
        Expr::Season {
            year: None,
            dir: dir @ None,
            ..
        } => *dir = Some(if future { Dir::Upcoming } else { Dir::Default }),
        _ => {}
    }
}

fn is_dated(e: &Expr) -> bool {
    !matches!(
        e,
        Expr::Duration(..) | Expr::SetUnit(_) | Expr::SetWeekday(_)
    )
}

/// Fills an elided month (and year) from the other end of an interval. False when the pair is
/// not an interval of dates (`entre 10 et 20 morts`).
fn complete_range(a: &mut Expr, b: &mut Expr) -> bool {
    if !is_dated(a) || !is_dated(b) {
        return false;
    }
    let bare = |e: &Expr| {
        matches!(
            e,
            Expr::Cal {
                month: None,
                day: Some(_),
                ..
            }
        )
    };
    match (bare(a), bare(b)) {
        (true, true) => false,
        (true, false) => {
            if let (
                Expr::Cal {
                    year, month, dir, ..
                },
                Expr::Cal {
                    year: by,
                    month: bm @ Some(_),
                    dir: bdir,
                    ..
                },
            ) = (&mut *a, &*b)
            {
                *year = *by;
                *month = *bm;
                *dir = *bdir;
                true
            } else {
                false
            }
        }
        (false, true) => {
            if let (
                Expr::Cal {
                    year: ay,
                    month: am @ Some(_),
                    dir: adir,
                    ..
                },
                Expr::Cal {
                    year, month, dir, ..
                },
            ) = (&*a, &mut *b)
            {
                *year = *ay;
                *month = *am;
                *dir = *adir;
                true
            } else {
                false
            }
        }
        (false, false) => true,
    }
}
