//! English counts written as ranges, next to the look-alikes that are not counts.

use sitrep_lang_en::English;
use sitrep_text::{analyze, Qualifier};

/// Text, value, min, max and qualifier of a count.
type Count = (String, f64, Option<f64>, Option<f64>, Qualifier);

fn counts(text: &str) -> Vec<Count> {
    analyze(text, &English, None)
        .numbers
        .into_iter()
        .map(|n| (n.text, n.value, n.min, n.max, n.qualifier))
        .collect()
}

#[test]
fn a_hyphenated_range_is_a_count_from_its_lower_bound() {
    let c = counts("5-6 policemen were killed and 2–4 militants were wounded.");
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(
        c[0],
        (
            "5-6".into(),
            5.0,
            Some(5.0),
            Some(6.0),
            Qualifier::Approximately
        )
    );
    assert_eq!(c[1].0, "2–4");
    assert_eq!((c[1].2, c[1].3), (Some(2.0), Some(4.0)));
}

#[test]
fn scores_dates_and_codes_are_not_ranges() {
    for text in [
        "The home side won 3-0 on Sunday.",
        "It happened on 2020-03-05 at dawn.",
        "Talks were held on 3-4 March in Doha.",
        "Call 555-1234 for details.",
        "Flight 12-345-67 landed.",
    ] {
        let c = counts(text);
        assert!(
            c.iter().all(|n| n.3.is_none()),
            "{text}: read a range in {c:?}"
        );
    }
}
