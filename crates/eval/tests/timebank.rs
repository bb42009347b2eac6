//! Regression guard on the French TimeBank; skipped when the gold data is not on this machine.

use std::path::Path;

use sitrep_eval::{timebank_with, Config};

#[test]
fn french_timebank_accuracy_floor() {
    let dir = Path::new("/work/shared/gold/fr-timebank");
    if !dir.exists() {
        eprintln!("note: {} not found, skipping", dir.display());
        return;
    }
    let report = timebank_with(dir, &sitrep_lang_fr::French, &Config { errors: 0 }).expect("runs");
    eprintln!("{report}");
    assert_eq!(report.documents, 108);
    assert!(report.gold_dates > 200, "{}", report.gold_dates);
    // Floors just under the figures reached; a drop means a rule broke.
    assert!(
        report.accuracy >= FLOOR_ACCURACY,
        "accuracy {}",
        report.accuracy
    );
    assert!(
        report.accuracy_calendar >= FLOOR_CALENDAR,
        "calendar {}",
        report.accuracy_calendar
    );
    assert!(report.recall >= FLOOR_RECALL, "recall {}", report.recall);
    assert!(
        report.precision >= FLOOR_PRECISION,
        "precision {}",
        report.precision
    );
}

const FLOOR_ACCURACY: f64 = 0.85;
const FLOOR_CALENDAR: f64 = 0.87;
const FLOOR_RECALL: f64 = 0.90;
const FLOOR_PRECISION: f64 = 0.90;
