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

/// Every filter the aggregates answer, and some they do not (they fall back to the events).
fn stats_filters() -> Vec<EventFilter> {
    let d = |s: &str| Some(s.parse::<chrono::NaiveDate>().unwrap());
    let mut out = vec![EventFilter::default()];
    // Ranges that cut months, cover whole ones, start or end on a month's edge, or fall inside
    // one month; open on either side.
    for (since, until) in [
        (d("2024-03-17"), d("2024-09-04")),
        (d("2024-03-01"), d("2024-08-31")),
        (d("2024-03-01"), d("2024-09-04")),
        (d("2024-02-10"), d("2024-02-20")),
        (d("2024-02-29"), d("2024-03-01")),
        (d("2024-06-15"), None),
        (None, d("2024-06-15")),
        (d("2024-07-01"), None),
        (None, d("2024-05-31")),
        (d("2024-09-01"), d("2024-03-01")),
    ] {
        out.push(EventFilter {
            since,
            until,
            ..Default::default()
        });
    }
    out.push(EventFilter {
        country: Some("syr".into()),
        ..Default::default()
    });
    out.push(EventFilter {
        event_type: Some(EventType::Protest),
        since: d("2024-04-12"),
        ..Default::default()
    });
    out.push(EventFilter {
        country: Some("NGA".into()),
        event_type: Some(EventType::Assault),
        since: d("2024-01-20"),
        until: d("2024-10-10"),
        min_sources: Some(2),
        ..Default::default()
    });
    for n in [0, 1, 2, 3, 8, 9] {
        out.push(EventFilter {
            min_sources: Some(n),
            ..Default::default()
        });
    }
    out.push(EventFilter {
        country: Some("XXX".into()),
        ..Default::default()
    });
    for actor in ["army", "police", "nobody-is-called-this"] {
        out.push(EventFilter {
            actor: Some(actor.into()),
            ..Default::default()
        });
    }
    out.push(EventFilter {
        actor: Some("ARMY".into()),
        country: Some("NGA".into()),
        event_type: Some(EventType::Assault),
        since: d("2024-02-03"),
        until: d("2024-11-30"),
        min_sources: Some(2),
        ..Default::default()
    });
    out
}

fn assert_stats_agree(store: &Store) {
    for f in stats_filters() {
        let fast = store.stats(&f).unwrap();
        let slow = store.stats_from_events(&f).unwrap();
        assert_eq!(fast, slow, "{f:?}");
    }
    let all = store.stats(&EventFilter::default()).unwrap();
    assert_eq!(all.events, store.totals().unwrap().events);
    let report = store.check().unwrap();
    assert!(report.ok(), "{report:?}");
}

#[test]
fn stats_from_the_aggregates_equal_stats_counted_from_the_events() {
    let (mut store, reports) = filled("stats", 1500);
    assert_stats_agree(&store);

    // Re-ingesting changes nothing.
    let items: Vec<Ingested> = reports.iter().map(|r| r.item.clone()).collect();
    store.write_batch(&items).unwrap();
    assert_stats_agree(&store);

    // Changed pages: another death toll, another day, another country, or no event at all
    // (which deletes an event told by that page alone).
    let mut changed = Vec::new();
    for (i, item) in items.iter().enumerate().filter(|(i, _)| i % 37 == 0) {
        let mut c = item.clone();
        c.doc.content_hash = format!("changed-{i}");
        match i % 4 {
            0 => {
                if let Some(e) = c.events.first_mut() {
                    let k = e.counts.killed.get_or_insert_with(|| sitrep_events::Count {
                        best: 0.0,
                        min: None,
                        max: None,
                        qualifier: "exact".into(),
                        victims: None,
                        span: sitrep_core::Span {
                            start: 0,
                            end: 0,
                            byte_start: 0,
                            byte_end: 0,
                        },
                        claimed_by: None,
                    });
                    k.best += 7.0;
                }
            }
            1 => {
                if let Some(date) = c.events.first_mut().and_then(|e| e.date.as_mut()) {
                    date.start = date.start.map(|d| d + chrono::Days::new(40));
                    date.end = date.end.map(|d| d + chrono::Days::new(40));
                }
            }
            2 => {
                if let Some(loc) = c.events.first_mut().and_then(|e| e.location.as_mut()) {
                    loc.country = "ZZZ".into();
                }
            }
            _ => c.events.clear(),
        }
        changed.push(c);
    }
    let s = store.write_batch(&changed).unwrap();
    assert_eq!(s.replaced, changed.len());
    assert_stats_agree(&store);
}

#[test]
fn records_come_back_whole_with_their_evidence() {
    let (store, reports) = filled("records", 300);
    let mut checked = 0;
    for r in reports.iter().take(60) {
        let item = &r.item;
        let doc = store.document(&item.doc.id).unwrap().unwrap();
        let Some(event_id) = doc.reports.first().and_then(|x| x.event_id) else {
            continue;
        };
        let detail = store.event(event_id).unwrap().unwrap();
        let rep = detail
            .reports
            .iter()
            .find(|x| x.doc_id == item.doc.id)
            .unwrap();
        let mut back: sitrep_events::EventRecord =
            serde_json::from_value(rep.record.clone()).unwrap();
        // serde_json reads floats back to within an ulp or so.
        if let (Some(a), Some(b)) = (back.location.as_mut(), item.events[0].location.as_ref()) {
            assert!((a.lat - b.lat).abs() < 1e-9 && (a.lon - b.lon).abs() < 1e-9);
            (a.lat, a.lon) = (b.lat, b.lon);
        }
        assert_eq!(back, item.events[0]);
        assert!(!back.evidence.is_empty());
        checked += 1;
    }
    assert!(checked > 30);
    // The PLOVER export's records carry their representative report's evidence.
    let mut out = Vec::new();
    let n = store
        .export(&EventFilter::default(), ExportFormat::PloverJsonl, &mut out)
        .unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), n);
    for v in &lines {
        let ev = v["evidence"].as_array().unwrap();
        assert!(!ev.is_empty(), "{v}");
        let doc = store
            .document(v["doc_id"].as_str().unwrap())
            .unwrap()
            .unwrap();
        for e in ev {
            let (a, b) = (
                e["span"]["byte_start"].as_u64().unwrap() as usize,
                e["span"]["byte_end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&doc.text[a..b], e["text"].as_str().unwrap());
            let (a, b) = (
                e["sentence"]["byte_start"].as_u64().unwrap() as usize,
                e["sentence"]["byte_end"].as_u64().unwrap() as usize,
            );
            assert!(doc.text.get(a..b).is_some());
        }
    }
}

#[test]
fn actor_filters_find_names_by_index_and_by_scan_alike() {
    let (store, _) = filled("actors", 800);
    let all = |f: &EventFilter| {
        let mut out = Vec::new();
        let mut cursor = None;
        loop {
            let p = store.events(f, cursor.as_deref(), 100).unwrap();
            out.extend(p.events.into_iter().map(|e| e.id));
            match p.next_cursor {
                Some(c) => cursor = Some(c),
                None => return out,
            }
        }
    };
    let every = all(&EventFilter::default());
    for needle in ["army", "SHABAAB", "police", "al-", "nobody-is-called-this"] {
        let found = all(&EventFilter {
            actor: Some(needle.into()),
            ..Default::default()
        });
        // The same events as testing every event's names.
        let want: Vec<i64> = every
            .iter()
            .copied()
            .filter(|&id| {
                let e = store.event(id).unwrap().unwrap();
                e.reports.iter().any(|r| {
                    ["actor", "recipient"].iter().any(|side| {
                        r.record[side].as_array().unwrap().iter().any(|a| {
                            a["name"]
                                .as_str()
                                .unwrap()
                                .to_lowercase()
                                .contains(&needle.to_lowercase())
                        })
                    })
                })
            })
            .collect();
        assert_eq!(found, want, "{needle}");
        let stats = store
            .stats(&EventFilter {
                actor: Some(needle.into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(stats.events as usize, want.len());
    }
}

/// A version-1 file (records with their evidence inline, no statistics tables, no actor index)
/// is migrated in place: its statistics and actor index are filled from its events, its records
/// read back as they were, and new batches keep everything in step.
#[test]
fn a_version_1_file_is_migrated_and_keeps_working() {
    let db = temp_db("v1");
    let reports: Vec<SynthReport> = Synth::new(SynthConfig::default()).take(700).collect();
    let items: Vec<Ingested> = reports.iter().map(|r| r.item.clone()).collect();
    {
        let mut store = Store::open(&db).unwrap();
        for chunk in items[..500].chunks(100) {
            store.write_batch(chunk).unwrap();
        }
    }
    // Turn it back into what version 1 wrote.
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "UPDATE reports SET record = json_set(record, '$.evidence', (
                 SELECT json_group_array(json(x)) FROM (
                     SELECT json_object('field', v.field, 'text', v.text,
                         'span', json_object('start', v.start, 'end', v.end,
                                             'byte_start', v.byte_start, 'byte_end', v.byte_end),
                         'sentence', json_object('start', v.sentence_start, 'end', v.sentence_end,
                                                 'byte_start', v.sentence_byte_start,
                                                 'byte_end', v.sentence_byte_end)) AS x
                     FROM evidence v WHERE v.doc_id = reports.doc_id
                       AND v.record_kind = 'event' AND v.record_id = reports.record_id
                     ORDER BY v.seq)));
             UPDATE events SET record = json_set(record, '$.evidence', (
                 SELECT json_extract(r.record, '$.evidence') FROM reports r
                 WHERE r.id = events.rep_report));
             DROP TABLE stats_day; DROP TABLE stats_month; DROP TABLE stats_detail;
             DROP TRIGGER stats_day_insert; DROP TRIGGER stats_day_update;
             DROP TRIGGER stats_day_delete; DROP TRIGGER stats_month_insert;
             DROP TRIGGER stats_month_update; DROP TRIGGER stats_month_delete;
             DROP TRIGGER stats_detail_insert; DROP TRIGGER stats_detail_update;
             DROP TRIGGER stats_detail_delete;
             DROP TRIGGER event_actors_sync;
             DROP TABLE event_actors; DROP TABLE actor_names;
             CREATE TABLE evidence_v1 (
                 id INTEGER PRIMARY KEY,
                 doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                 record_kind TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL,
                 start INTEGER NOT NULL, end INTEGER NOT NULL, byte_start INTEGER NOT NULL,
                 byte_end INTEGER NOT NULL, text TEXT NOT NULL,
                 sentence_start INTEGER, sentence_end INTEGER);
             INSERT INTO evidence_v1 (doc_id, record_kind, record_id, field, start, end,
                 byte_start, byte_end, text, sentence_start, sentence_end)
             SELECT doc_id, record_kind, record_id, field, start, end, byte_start, byte_end,
                    text, sentence_start, sentence_end
             FROM evidence ORDER BY doc_id, seq;
             DROP TABLE evidence;
             ALTER TABLE evidence_v1 RENAME TO evidence;
             CREATE INDEX evidence_doc ON evidence(doc_id);
             CREATE INDEX evidence_record ON evidence(record_id);
             ALTER TABLE events DROP COLUMN rep_report;
             PRAGMA user_version = 1;",
        )
        .unwrap();
        let triggers: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(triggers, 0);
    }
    let mut store = Store::open(&db).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        sitrep_store::schema::SCHEMA_VERSION
    );
    assert_stats_agree(&store);
    // Inline evidence is read as it is.
    let doc = store.document(&items[3].doc.id).unwrap().unwrap();
    let ev = store
        .event(doc.reports[0].event_id.unwrap())
        .unwrap()
        .unwrap();
    let rep = ev
        .reports
        .iter()
        .find(|r| r.doc_id == items[3].doc.id)
        .unwrap();
    assert_eq!(
        rep.record["evidence"],
        serde_json::to_value(&items[3].events[0].evidence).unwrap()
    );
    let police = store
        .events(
            &EventFilter {
                actor: Some("police".into()),
                ..Default::default()
            },
            None,
            1000,
        )
        .unwrap();
    assert!(!police.events.is_empty());
    // New batches, some joining old events, keep the aggregates and the index exact.
    for chunk in items[500..].chunks(50) {
        store.write_batch(chunk).unwrap();
    }
    assert_stats_agree(&store);
    let mut jsonl = Vec::new();
    store
        .export(
            &EventFilter::default(),
            ExportFormat::PloverJsonl,
            &mut jsonl,
        )
        .unwrap();
    for line in String::from_utf8(jsonl).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(!v["evidence"].as_array().unwrap().is_empty(), "{v}");
    }
}
