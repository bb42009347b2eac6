//! English words for dates and times: the data the language-neutral time grammar in
//! `sitrep_text::time` reads. Everything English about dates lives here.

use sitrep_text::time::{Season::*, TimeUnit::*};
use sitrep_text::TimeLexicon;

pub(crate) static LEXICON: TimeLexicon = TimeLexicon {
    months: &[
        ("january", 1),
        ("jan", 1),
        ("february", 2),
        ("feb", 2),
        ("march", 3),
        ("mar", 3),
        ("april", 4),
        ("apr", 4),
        ("may", 5),
        ("june", 6),
        ("jun", 6),
        ("july", 7),
        ("jul", 7),
        ("august", 8),
        ("aug", 8),
        ("september", 9),
        ("sep", 9),
        ("sept", 9),
        ("october", 10),
        ("oct", 10),
        ("november", 11),
        ("nov", 11),
        ("december", 12),
        ("dec", 12),
    ],
    weekdays: &[
        ("monday", 0),
        ("tuesday", 1),
        ("wednesday", 2),
        ("thursday", 3),
        ("friday", 4),
        ("saturday", 5),
        ("sunday", 6),
    ],
    // Month-first, as in US wire copy; unambiguous dates (27/02) are read either way.
    numeric_day_first: false,
    month_day_order: true,
    ordinal_suffixes: &["st", "nd", "rd", "th"],
    day_words: &[],
    date_articles: &["the"],
    day_month_links: &["of"],
    relative_days: &[
        ("yesterday", -1),
        ("the day before yesterday", -2),
        ("today", 0),
        ("tomorrow", 1),
        ("the day after tomorrow", 2),
        ("this morning", 0),
        ("this afternoon", 0),
        ("this evening", 0),
        ("tonight", 0),
        ("last night", -1),
    ],
    day_parts: &["morning", "afternoon", "evening", "night"],
    relative_periods: &[
        ("this week", Week, 0),
        ("last week", Week, -1),
        ("next week", Week, 1),
        ("this weekend", Weekend, 0),
        ("last weekend", Weekend, -1),
        ("next weekend", Weekend, 1),
        ("this month", Month, 0),
        ("last month", Month, -1),
        ("next month", Month, 1),
        ("this year", Year, 0),
        ("last year", Year, -1),
        ("next year", Year, 1),
    ],
    past_prefixes: &["last", "this past"],
    past_suffixes: &[],
    future_prefixes: &["next", "this coming"],
    future_suffixes: &[],
    this_prefixes: &["this"],
    year_prefixes: &[
        "in", "since", "year", "during", "until", "till", "by", "before", "after", "around",
        "circa", "between", "season", "fiscal",
    ],
    year_weak_prefixes: &["of", "from"],
    month_prefixes: &[
        "in", "since", "during", "until", "by", "of", "from", "before", "after",
    ],
    boundary_prefixes: &[
        "early",
        "late",
        "mid",
        "mid-",
        "the end of",
        "the beginning of",
        "the start of",
        "the middle of",
    ],
    since: &["since"],
    until: &["until", "till", "up to"],
    ranges: &[
        ("between", "and"),
        ("from", "to"),
        ("from", "until"),
        ("from", "through"),
    ],
    coordinators: &["and", "or"],
    ago_prefixes: &[],
    ago_suffixes: &["ago", "earlier"],
    later_prefixes: &["in"],
    later_suffixes: &["later", "from now"],
    units: &[
        ("minute", Minute),
        ("minutes", Minute),
        ("hour", Hour),
        ("hours", Hour),
        ("day", Day),
        ("days", Day),
        ("week", Week),
        ("weeks", Week),
        ("month", Month),
        ("months", Month),
        ("year", Year),
        ("years", Year),
    ],
    cardinals: &[
        ("a", 1),
        ("an", 1),
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("fifteen", 15),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("hundred", 100),
    ],
    vague_quantities: &["a few", "few", "several", "many"],
    set_prefixes: &["every", "each"],
    // "fall" is left out: "the fall of Aleppo" is not a season.
    seasons: &[
        ("spring", Spring),
        ("summer", Summer),
        ("autumn", Autumn),
        ("winter", Winter),
    ],
    season_prefixes: &["in the", "in", "during the", "the", "this", "of"],
    decade_prefixes: &["the"],
    decade_suffixes: &["s", "'s"],
    holidays: &[
        ("christmas day", 12, 25),
        ("christmas", 12, 25),
        ("new year's eve", 12, 31),
        ("new year's day", 1, 1),
        ("halloween", 10, 31),
        ("independence day", 7, 4),
    ],
    future_cues: &["will", "shall", "ll", "won", "scheduled", "upcoming"],
    future_cue_suffixes: &[],
    past_cues: &["was", "were", "had", "did", "said", "told", "has", "have"],
};

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use sitrep_text::time::{find_times_in, Precision, TimeKind, TimeMention};

    use crate::English;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// Reference: Friday 2020-02-28.
    fn times(text: &str) -> Vec<TimeMention> {
        find_times_in(text, &English, Some(d(2020, 2, 28)))
    }

    fn value(text: &str) -> String {
        let t = times(text);
        assert_eq!(t.len(), 1, "{text}: {t:#?}");
        t[0].value.clone().unwrap_or_default()
    }

    #[test]
    fn written_and_numeric_dates() {
        assert_eq!(value("on Feb. 27"), "2020-02-27");
        assert_eq!(value("on February 27, 2020, in Ankara"), "2020-02-27");
        assert_eq!(value("on 27 Feb 2020"), "2020-02-27");
        assert_eq!(value("the 27th of February"), "2020-02-27");
        assert_eq!(value("27/02/2020"), "2020-02-27");
        assert_eq!(value("03/04/2020"), "2020-03-04");
        assert_eq!(value("2020-02-27"), "2020-02-27");
        assert_eq!(value("on March 3"), "2019-03-03");
        assert_eq!(value("next March 3"), "2020-03-03");
    }

    #[test]
    fn weekdays_and_relative() {
        assert_eq!(value("on Thursday"), "2020-02-27");
        assert_eq!(value("next Thursday"), "2020-03-05");
        assert_eq!(value("last Friday"), "2020-02-21");
        assert_eq!(value("Tuesday night"), "2020-02-25");
        assert_eq!(value("yesterday"), "2020-02-27");
        assert_eq!(value("today"), "2020-02-28");
        assert_eq!(value("tomorrow"), "2020-02-29");
        assert_eq!(value("last week"), "2020-W08");
        assert_eq!(value("last month"), "2020-01");
        assert_eq!(value("last year"), "2019");
        assert_eq!(value("three days ago"), "2020-02-25");
        assert_eq!(value("two weeks ago"), "2020-02-14");
        assert_eq!(value("They will meet on Thursday."), "2020-03-05");
        assert_eq!(value("He said on Thursday."), "2020-02-27");
    }

    #[test]
    fn months_years_and_intervals() {
        assert_eq!(value("in September 2018"), "2018-09");
        assert_eq!(value("in September"), "2019-09");
        assert_eq!(value("in 2011"), "2011");
        assert!(times("1,800 civilians and 1 800 more").is_empty());
        assert!(times("They may march").is_empty());
        let t = times("since 2011");
        assert_eq!(t[0].kind, TimeKind::Range);
        assert_eq!(t[0].precision, Precision::Range);
        assert_eq!(t[0].start, Some(d(2011, 1, 1)));
        assert_eq!(t[0].end, None);
        assert_eq!(value("between March 3 and 5"), "2019-03-03/2019-03-05");
        assert_eq!(value("from 2011 to 2015"), "2011/2015");
        assert_eq!(value("in the 1960s"), "196X");
        assert_eq!(value("for three days"), "P3D");
    }
}
