//! The store's public API on generated reports: batches, idempotency, replacement, queries with
//! filters and cursors, event and document details, statistics, exports, checks, migrations.

use std::collections::HashSet;

use sitrep_events::EventType;
use sitrep_store::synth::{Synth, SynthConfig, SynthReport};
use sitrep_store::{BBox, Error, EventFilter, ExportFormat, Ingested, Store};

fn temp_db(tag: &str) -> std::path::PathBuf {
    let p = std::env::temp_dir().join(format!("sitrep-api-{tag}-{}.db", std::process::id()));
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
    }
    p
}

fn filled(tag: &str, n: usize) -> (Store, Vec<SynthReport>) {
    let mut store = Store::open(temp_db(tag)).unwrap();
    let reports: Vec<SynthReport> = Synth::new(SynthConfig::default()).take(n).collect();
    let items: Vec<Ingested> = reports.iter().map(|r| r.item.clone()).collect();
    for chunk in items.chunks(100) {
        store.write_batch(chunk).unwrap();
    }
    (store, reports)
}

#[test]
fn batches_are_idempotent_and_changed_documents_replace_their_records() {
    let (mut store, reports) = filled("idem", 500);
    let before = store.totals().unwrap();
    assert_eq!(before.documents, 500);
    let items: Vec<Ingested> = reports.iter().map(|r| r.item.clone()).collect();
    let s = store.write_batch(&items).unwrap();
    assert_eq!((s.new, s.unchanged, s.replaced, s.reports), (0, 500, 0, 0));
    assert_eq!(store.totals().unwrap(), before);

    // A changed version of one page: same id, new text and count.
    let mut changed = items[0].clone();
    changed.doc.text.push_str(" Updated.");
    changed.doc.content_hash = "changed".into();
    let old_killed = changed.events[0].counts.killed.as_ref().map(|k| k.best);
    if let Some(k) = changed.events[0].counts.killed.as_mut() {
        k.best += 1000.0;
    }
    let s = store.write_batch(&[changed.clone()]).unwrap();
    assert_eq!((s.new, s.replaced, s.reports), (0, 1, 1));
    let after = store.totals().unwrap();
    assert_eq!(after.documents, before.documents);
    assert_eq!(after.reports, before.reports);
    let doc = store.document(&changed.doc.id).unwrap().unwrap();
    assert!(doc.text.ends_with("Updated."));
    if old_killed.is_some() {
        let ev = doc.reports[0].event_id.unwrap();
        let e = store.event(ev).unwrap().unwrap();
        assert!(e.event.killed.unwrap().high >= 1000.0);
    }
    assert!(store.check().unwrap().ok(), "{:?}", store.check().unwrap());
}

#[test]
fn pages_follow_the_cursor_without_gaps_or_repeats() {
    let (store, _) = filled("pages", 800);
    let total = store.totals().unwrap().events as usize;
    let mut seen = HashSet::new();
    let mut cursor: Option<String> = None;
    let mut last: Option<(String, i64)> = None;
    loop {
        let page = store
            .events(&EventFilter::default(), cursor.as_deref(), 37)
            .unwrap();
        for e in &page.events {
            assert!(seen.insert(e.id), "repeated {}", e.id);
            let key = (e.date_start.clone().unwrap_or_default(), e.id);
            if let Some(prev) = &last {
                assert!(key < *prev, "not newest first");
            }
            last = Some(key);
        }
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(seen.len(), total);
    assert!(matches!(
        store.events(&EventFilter::default(), Some("garbage"), 10),
        Err(Error::Invalid(_))
    ));
}

#[test]
fn filters_narrow_to_what_they_say() {
    let (store, _) = filled("filters", 800);
    let all = |f: &EventFilter| {
        let mut out = Vec::new();
        let mut cursor = None;
        loop {
            let p = store.events(f, cursor.as_deref(), 1000).unwrap();
            out.extend(p.events);
            match p.next_cursor {
                Some(c) => cursor = Some(c),
                None => return out,
            }
        }
    };
    let syr = all(&EventFilter {
        country: Some("syr".into()),
        ..Default::default()
    });
    assert!(!syr.is_empty());
    assert!(syr.iter().all(|e| e.country.as_deref() == Some("SYR")));
    let protests = all(&EventFilter {
        event_type: Some(EventType::Protest),
        ..Default::default()
    });
    assert!(!protests.is_empty() && protests.iter().all(|e| e.event_type == "PROTEST"));
    let since: chrono::NaiveDate = "2024-06-01".parse().unwrap();
    let until: chrono::NaiveDate = "2024-06-30".parse().unwrap();
    let june = all(&EventFilter {
        since: Some(since),
        until: Some(until),
        ..Default::default()
    });
    assert!(!june.is_empty());
    assert!(june.iter().all(|e| {
        let d: chrono::NaiveDate = e.date_start.as_deref().unwrap().parse().unwrap();
        d >= since && d <= until
    }));
    // Around Idlib.
    let bbox = BBox {
        min_lon: 36.0,
        min_lat: 35.0,
        max_lon: 37.0,
        max_lat: 36.5,
    };
    let boxed = all(&EventFilter {
        bbox: Some(bbox),
        ..Default::default()
    });
    assert!(!boxed.is_empty());
    assert!(boxed.iter().all(|e| {
        let (lat, lon) = (e.lat.unwrap(), e.lon.unwrap());
        (35.0..=36.5).contains(&lat) && (36.0..=37.0).contains(&lon)
    }));
    // A small box goes through the R*Tree: the same answer as testing every event.
    let small = BBox {
        min_lon: 36.5,
        min_lat: 35.7,
        max_lon: 36.9,
        max_lat: 36.0,
    };
    let by_tree = all(&EventFilter {
        bbox: Some(small),
        ..Default::default()
    });
    let by_scan: Vec<_> = all(&EventFilter::default())
        .into_iter()
        .filter(|e| match (e.lat, e.lon) {
            (Some(lat), Some(lon)) => (35.7..=36.0).contains(&lat) && (36.5..=36.9).contains(&lon),
            _ => false,
        })
        .collect();
    assert!(!by_tree.is_empty());
    assert_eq!(
        by_tree.iter().map(|e| e.id).collect::<Vec<_>>(),
        by_scan.iter().map(|e| e.id).collect::<Vec<_>>()
    );
    let multi = all(&EventFilter {
        min_sources: Some(3),
        ..Default::default()
    });
    assert!(!multi.is_empty() && multi.iter().all(|e| e.n_sources >= 3));
    let shabaab = all(&EventFilter {
        actor: Some("SHABAAB".into()),
        ..Default::default()
    });
    assert!(!shabaab.is_empty());
    assert!(shabaab.iter().all(|e| e.country.as_deref() != Some("FRA")));
    let stats = store
        .stats(&EventFilter {
            country: Some("SYR".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(stats.events as usize, syr.len());
    assert_eq!(stats.by_country.len(), 1);
    assert_eq!(
        stats.by_type.iter().map(|b| b.events).sum::<u64>(),
        stats.events
    );
}

#[test]
fn an_event_shows_its_sources_and_evidence_and_a_document_its_spans() {
    let (store, _) = filled("detail", 400);
    let page = store
        .events(
            &EventFilter {
                min_sources: Some(2),
                ..Default::default()
            },
            None,
            5,
        )
        .unwrap();
    let e = store.event(page.events[0].id).unwrap().unwrap();
    assert!(e.event.n_sources >= 2);
    assert_eq!(e.reports.len() as u32, e.event.n_reports);
    assert!(e.sources.len() >= 2);
    for r in &e.reports {
        assert!(r.doc_url.is_some());
        assert!(!r.evidence.is_empty());
        let doc = store.document(&r.doc_id).unwrap().unwrap();
        for s in &doc.spans {
            let words: String = doc
                .text
                .chars()
                .skip(s.start)
                .take(s.end - s.start)
                .collect();
            assert_eq!(words, s.text);
            assert_eq!(&doc.text[s.byte_start..s.byte_end], s.text);
        }
        assert!(doc.reports.iter().any(|x| x.event_id == Some(e.event.id)));
    }
    assert!(store.event(-1).unwrap().is_none());
    assert!(store.document("nope").unwrap().is_none());
}

#[test]
fn exports_stream_every_format() {
    let (store, _) = filled("export", 300);
    let events = store.totals().unwrap().events as usize;
    let f = EventFilter::default();
    let mut jsonl = Vec::new();
    assert_eq!(
        store
            .export(&f, ExportFormat::PloverJsonl, &mut jsonl)
            .unwrap(),
        events
    );
    let mut csv = Vec::new();
    let n = store.export(&f, ExportFormat::AcledCsv, &mut csv).unwrap();
    assert!(n > 0 && n <= events);
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("event_id_cnty,event_date,year,time_precision,"));
    assert_eq!(csv.lines().count(), n + 1);
    let mut geo = Vec::new();
    let n = store.export(&f, ExportFormat::GeoJson, &mut geo).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&geo).unwrap();
    assert_eq!(v["features"].as_array().unwrap().len(), n);
    let mut tsv = Vec::new();
    assert_eq!(
        store.export(&f, ExportFormat::CameoTsv, &mut tsv).unwrap(),
        events
    );
    let mut pq = Vec::new();
    assert_eq!(
        store.export(&f, ExportFormat::Parquet, &mut pq).unwrap(),
        events
    );
    assert!(pq.starts_with(b"PAR1"));
}

#[test]
fn a_newer_schema_is_refused_and_reopening_is_harmless() {
    let db = temp_db("schema");
    {
        let s = Store::open(&db).unwrap();
        assert_eq!(
            s.schema_version().unwrap(),
            sitrep_store::schema::SCHEMA_VERSION
        );
    }
    // Reopening runs no migration twice.
    assert!(Store::open(&db).unwrap().check().unwrap().ok());
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
    }
    assert!(matches!(
        Store::open(&db),
        Err(Error::NewerSchema { found: 99, .. })
    ));
    assert!(matches!(
        Store::open_read_only(&db),
        Err(Error::NewerSchema { .. })
    ));
}
