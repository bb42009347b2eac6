//! Tests of the grammar with an invented toy language: the algorithms must work from lexicon
//! data alone, whatever the words.

use chrono::NaiveDate;
use sitrep_core::OffsetMap;

use super::lexicon::{TimeLexicon, TimeUnit};
use super::{find_with_lexicon, TimeKind, TimeMention};

/// A made-up language: months `mona`..`monc`, weekdays `dayzero`.., yesterday `yon`.
static TOY: TimeLexicon = TimeLexicon {
    months: &[("mona", 1), ("monb", 2), ("monc", 3)],
    weekdays: &[("dayzero", 0), ("dayfour", 4)],
    numeric_day_first: false,
    month_day_order: true,
    ordinal_suffixes: &["x"],
    day_words: &[],
    date_articles: &["ze"],
    day_month_links: &[],
    relative_days: &[("yon", -1)],
    day_parts: &[],
    relative_periods: &[("ze past wok", TimeUnit::Week, -1)],
    past_prefixes: &["pre"],
    past_suffixes: &[],
    future_prefixes: &["post"],
    future_suffixes: &[],
    this_prefixes: &[],
    year_prefixes: &["inna"],
    year_weak_prefixes: &[],
    month_prefixes: &["inna"],
    boundary_prefixes: &[],
    since: &["sinz"],
    until: &[],
    ranges: &[("twixt", "und")],
    coordinators: &["und"],
    ago_prefixes: &[],
    ago_suffixes: &["bak"],
    later_prefixes: &[],
    later_suffixes: &[],
    units: &[("dayz", TimeUnit::Day)],
    cardinals: &[("tri", 3)],
    vague_quantities: &[],
    set_prefixes: &[],
    seasons: &[],
    season_prefixes: &[],
    decade_prefixes: &[],
    decade_suffixes: &[],
    holidays: &[],
    future_cues: &["wil"],
    future_cue_suffixes: &["ura"],
    past_cues: &["wos"],
};

fn find(text: &str) -> Vec<TimeMention> {
    let r = NaiveDate::from_ymd_opt(2020, 2, 28);
    find_with_lexicon(text, &TOY, r, &OffsetMap::new(text))
}

fn values(text: &str) -> Vec<String> {
    find(text)
        .into_iter()
        .map(|m| m.value.unwrap_or_default())
        .collect()
}

#[test]
fn a_new_language_is_only_data() {
    assert_eq!(values("ze monb 27x, 2020"), ["2020-02-27"]);
    assert_eq!(values("yon and dayzero"), ["2020-02-27", "2020-02-24"]);
    assert_eq!(values("post dayzero"), ["2020-03-02"]);
    assert_eq!(values("inna monc"), ["2019-03"]);
    assert_eq!(values("tri dayz bak"), ["2020-02-25"]);
    assert_eq!(values("ze past wok"), ["2020-W08"]);
    assert_eq!(values("twixt monc 3 und 5"), ["2019-03-03/2019-03-05"]);
    assert_eq!(values("sinz inna 2011"), ["2011"]);
    assert_eq!(values("sinz 2011"), ["2011/.."]);
    // Tense cues from the lexicon turn the reading forward.
    assert_eq!(values("it wil be monc 3"), ["2020-03-03"]);
    assert_eq!(values("it gonura be monc 3"), ["2020-03-03"]);
    assert_eq!(values("it wos monc 3"), ["2019-03-03"]);
    assert_eq!(values("it wos dayzero"), ["2020-02-24"]);
    assert_eq!(values("it wil be dayzero"), ["2020-03-02"]);
}

#[test]
fn numeric_order_comes_from_the_lexicon() {
    // Month-first language: 03/04 is 4 March; 27/02 is unambiguous.
    assert_eq!(values("03/04/2020"), ["2020-03-04"]);
    assert_eq!(values("27/02/2020"), ["2020-02-27"]);
    assert_eq!(values("2020-02-27"), ["2020-02-27"]);
}

#[test]
fn bare_numbers_are_not_years() {
    assert!(find("1 800 and 1,800 and 1800 and 2011").is_empty());
    assert_eq!(values("inna 2011"), ["2011"]);
    let t = find("inna 2011");
    assert_eq!(t[0].kind, TimeKind::Date);
}

#[test]
fn long_noise_is_linear_and_safe() {
    let text = "twixt ze 3 und ".repeat(2000) + &"é’-/.:".repeat(2000);
    let _ = find(&text);
}
