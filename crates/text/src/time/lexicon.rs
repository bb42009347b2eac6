//! [`TimeLexicon`]: every word the time-expression grammar needs, supplied by a language pack.
//!
//! The grammar in this module tree is language-neutral: it knows shapes ("a day number, then a
//! month name, then maybe a year"), not words. Each field below is a list of phrases a pack fills
//! in; phrases are matched case- and accent-insensitively, token by token, so `"aujourd'hui"`
//! matches `Aujourd’hui` and `"la semaine dernière"` matches `la semaine derniere`.
//! A new language is added by writing one static `TimeLexicon` value, no code.

use serde::Serialize;

/// A calendar unit, as used by relative expressions ("last week"), durations ("three days") and
/// sets ("every month").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// A minute (durations only).
    Minute,
    /// An hour (durations only).
    Hour,
    /// A day.
    Day,
    /// A week, Monday to Sunday (ISO 8601).
    Week,
    /// Saturday and Sunday of a week.
    Weekend,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

/// A season, with its TIMEX3 code (`SP`, `SU`, `FA`, `WI`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Season {
    /// March to May.
    Spring,
    /// June to August.
    Summer,
    /// September to November.
    Autumn,
    /// December to February.
    Winter,
}

/// Words a language uses for dates and times. Each pack provides one static value.
///
/// All phrases are lowercase; accents and apostrophe styles are folded when matching. Lists that
/// a language does not need are left empty.
#[derive(Debug)]
pub struct TimeLexicon {
    /// Month names and abbreviations with their number (1-12): `("février", 2)`, `("feb", 2)`.
    pub months: &'static [(&'static str, u32)],
    /// Weekday names with their number, Monday = 0.
    pub weekdays: &'static [(&'static str, u32)],
    /// Whether ambiguous numeric dates (`03/04/2020`) are day-first. Unambiguous ones (`27/02`)
    /// are read correctly either way.
    pub numeric_day_first: bool,
    /// Whether a month name may come before the day number (`February 27`). A day number before
    /// the month (`27 février`, `27 Feb`) is always accepted.
    pub month_day_order: bool,
    /// Suffixes glued to a day number to make it ordinal: `er` (1er), `st`, `th`.
    pub ordinal_suffixes: &'static [&'static str],
    /// Day numbers written as words: `("premier", 1)`, `("first", 1)`.
    pub day_words: &'static [(&'static str, u32)],
    /// Articles that may open a date and belong to its span: `le`, `the`.
    pub date_articles: &'static [&'static str],
    /// Words between a day and its month: `of` in "the 27th of February".
    pub day_month_links: &'static [&'static str],
    /// Days named relative to the reference date, with their offset in days: `("hier", -1)`,
    /// `("ce matin", 0)`, `("tomorrow", 1)`.
    pub relative_days: &'static [(&'static str, i32)],
    /// Parts of a day that may follow a weekday or relative day and join its span: `soir`,
    /// `morning`. The date stays the day's.
    pub day_parts: &'static [&'static str],
    /// Periods named relative to the reference date: `("la semaine dernière", Week, -1)`,
    /// `("cette année", Year, 0)`, `("next month", Month, 1)`.
    pub relative_periods: &'static [(&'static str, TimeUnit, i32)],
    /// Words before a weekday, month or season pointing to the previous one: `last`.
    pub past_prefixes: &'static [&'static str],
    /// Words after a weekday, date, month or season pointing to the previous one: `dernier`.
    pub past_suffixes: &'static [&'static str],
    /// Words before a weekday, month or season pointing to the next one: `next`.
    pub future_prefixes: &'static [&'static str],
    /// Words after a weekday, date, month or season pointing to the next one: `prochain`.
    pub future_suffixes: &'static [&'static str],
    /// Demonstratives before a weekday or season meaning the nearest one: `ce`, `this`.
    pub this_prefixes: &'static [&'static str],
    /// Words after which a bare four-digit number is a year: `en`, `depuis`, `in`, `since`,
    /// `année`, `year`. Not part of the span.
    pub year_prefixes: &'static [&'static str],
    /// Words after which a four-digit number is a year only if punctuation or the end of the
    /// text follows: `de`, `of` (`plus de 1800 civils` is a count, `le recensement de 1990.` a
    /// year).
    pub year_weak_prefixes: &'static [&'static str],
    /// Words after which a month name alone denotes that month: `en`, `depuis`, `in`.
    pub month_prefixes: &'static [&'static str],
    /// Words marking the start, middle or end of a month or year that join its span and license
    /// a bare month or year: `début`, `fin`, `mi`, `early`, `late`.
    pub boundary_prefixes: &'static [&'static str],
    /// Words opening an interval with an open end: `depuis`, `since`.
    pub since: &'static [&'static str],
    /// Words opening an interval that ends at the following date: `jusqu'au`, `until`.
    pub until: &'static [&'static str],
    /// Opening and joining words of a closed interval: `("entre", "et")`, `("du", "au")`,
    /// `("between", "and")`, `("from", "to")`.
    pub ranges: &'static [(&'static str, &'static str)],
    /// Words coordinating two dates that share their month: `et` in "les 6 et 13 avril".
    pub coordinators: &'static [&'static str],
    /// Words before a quantity of units counting back from the reference date: `il y a`.
    pub ago_prefixes: &'static [&'static str],
    /// Words after a quantity of units counting back from the reference date: `ago`.
    pub ago_suffixes: &'static [&'static str],
    /// Words before a quantity of units counting forward from the reference date: `dans`.
    pub later_prefixes: &'static [&'static str],
    /// Words after a quantity of units counting forward from the reference date: `from now`.
    pub later_suffixes: &'static [&'static str],
    /// Unit nouns, singular and plural: `("jours", Day)`, `("years", Year)`.
    pub units: &'static [(&'static str, TimeUnit)],
    /// Small cardinal numbers written as words: `("trois", 3)`, `("a", 1)`.
    pub cardinals: &'static [(&'static str, u32)],
    /// Vague quantities before a unit: `quelques`, `plusieurs`, `several`.
    pub vague_quantities: &'static [&'static str],
    /// Words making a recurring set of a unit or weekday: `chaque`, `tous les`, `every`.
    pub set_prefixes: &'static [&'static str],
    /// Season names.
    pub seasons: &'static [(&'static str, Season)],
    /// Words before a season name that make it a time expression (`l'`, `en`, `the`); a season
    /// word alone is not one (French `été` is also a participle).
    pub season_prefixes: &'static [&'static str],
    /// Words before a decade number: `années` in "les années 60", `the` in "the 1960s".
    pub decade_prefixes: &'static [&'static str],
    /// Suffixes glued to a decade number: `s` in "1960s". When non-empty, a decade needs one.
    pub decade_suffixes: &'static [&'static str],
    /// Fixed-date holidays with their month and day: `("noël", 12, 25)`.
    pub holidays: &'static [(&'static str, u32, u32)],
    /// Words of the clause marking the future (`sera`, `aura`, `will`): a date without a year,
    /// a bare weekday or an unanchored season in such a clause is looked for forward, from the
    /// reference date on, instead of backward. Matched on the lowercase word, accents kept.
    pub future_cues: &'static [&'static str],
    /// Verb endings marking the future (`era`, `dra`): a lowercase (or all-caps) word of at
    /// least two more letters ending so is a future cue.
    pub future_cue_suffixes: &'static [&'static str],
    /// Words of the clause marking the past (`a`, `ont`, `was`), which keep the default
    /// backward reading when they are nearer than any future cue.
    pub past_cues: &'static [&'static str],
}
