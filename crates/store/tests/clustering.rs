//! Clustering across sources, measured on generated multi-source report sets (B-cubed), and
//! the cases that must never merge.

use sitrep_store::synth::{score_store, Synth, SynthConfig, SynthReport};
use sitrep_store::{Ingested, Store};

fn temp_db(tag: &str) -> std::path::PathBuf {
    let p = std::env::temp_dir().join(format!("sitrep-store-{tag}-{}.db", std::process::id()));
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
    }
    p
}

fn ingest(store: &mut Store, reports: &[SynthReport]) {
    let items: Vec<Ingested> = reports.iter().map(|r| r.item.clone()).collect();
    for chunk in items.chunks(256) {
        store.write_batch(chunk).unwrap();
    }
}

/// The floor is what the clusterer reaches on this generator, minus a margin: a regression
/// below it is a real loss of precision or recall.
#[test]
fn bcubed_on_generated_multi_source_reports() {
    let db = temp_db("bcubed");
    let mut store = Store::open(&db).unwrap();
    let reports: Vec<SynthReport> = Synth::new(SynthConfig::default()).take(3000).collect();
    ingest(&mut store, &reports);
    let s = score_store(&store, &reports).unwrap();
    eprintln!("B-cubed on {} reports: {s:?}", reports.len());
    assert!(s.f1 >= 0.85, "{s:?}");
    assert!(s.precision >= 0.85, "{s:?}");
    assert!(s.recall >= 0.80, "{s:?}");
    assert!(store.check().unwrap().ok());
}

fn one(day: &str, lat: f64, lon: f64, id: &str) -> Ingested {
    // Take a generated report and move it: the rest (type, actors, text) stays realistic.
    let mut r = Synth::new(SynthConfig {
        confounders: 0.0,
        source_weights: vec![1.0],
        ..SynthConfig::default()
    })
    .find(|r| r.item.events[0].event_type == sitrep_events::EventType::Assault)
    .unwrap()
    .item;
    r.doc.id = id.into();
    r.doc.content_hash = id.into();
    let e = &mut r.events[0];
    e.id = format!("ev-{id}");
    e.doc_id = id.into();
    let d: chrono::NaiveDate = day.parse().unwrap();
    let date = e.date.as_mut().unwrap();
    date.start = Some(d);
    date.end = Some(d);
    date.precision = "day".into();
    let loc = e.location.get_or_insert_with(|| unreachable!());
    loc.lat = lat;
    loc.lon = lon;
    loc.precision = 4;
    r
}

#[test]
fn distinct_events_are_not_merged() {
    let db = temp_db("distinct");
    let mut store = Store::open(&db).unwrap();
    // The same town on the same day: one event from two sources.
    store
        .write_batch(&[
            one("2024-03-01", 35.93, 36.63, "a"),
            one("2024-03-01", 35.94, 36.64, "b"),
        ])
        .unwrap();
    // Re-dated by a day: still the same event.
    store
        .write_batch(&[one("2024-03-02", 35.93, 36.63, "c")])
        .unwrap();
    assert_eq!(store.totals().unwrap().events, 1);
    // Three days later in the same town: another event.
    store
        .write_batch(&[one("2024-03-05", 35.93, 36.63, "d")])
        .unwrap();
    // The same day, 200 km away: another event.
    store
        .write_batch(&[one("2024-03-01", 35.93 - 1.8, 36.63, "e")])
        .unwrap();
    let clusters = store.report_clusters().unwrap();
    let of = |id: &str| {
        clusters
            .iter()
            .find(|c| c.0 == format!("ev-{id}"))
            .unwrap()
            .1
            .unwrap()
    };
    assert_eq!(of("a"), of("b"));
    assert_eq!(of("a"), of("c"));
    assert_ne!(of("a"), of("d"));
    assert_ne!(of("a"), of("e"));
    assert_ne!(of("d"), of("e"));
    assert_eq!(store.totals().unwrap().events, 3);
    let ev = store.event(of("a")).unwrap().unwrap();
    assert_eq!(ev.event.n_sources, 3);
    assert!(store.check().unwrap().ok());
}
