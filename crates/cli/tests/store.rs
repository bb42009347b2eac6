//! `sitrep ingest`, `sitrep export` and `sitrep db check` on real databases: idempotency, a
//! changed page replacing its records, a real process killed with SIGKILL mid-ingest, exports.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::*;
use sitrep_store::{Store, Totals};

fn totals(db: &Path) -> Totals {
    Store::open_read_only(db).unwrap().totals().unwrap()
}

fn ingest(db: &Path, paths: &[&str]) -> std::process::Output {
    let mut args = vec!["ingest", "--db", db.to_str().unwrap()];
    args.extend_from_slice(paths);
    let out = sitrep(&args);
    assert!(
        out.status.code() == Some(0),
        "ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn check_ok(db: &Path) {
    let out = sitrep(&["db", "check", "--db", db.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "db check: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], true);
}

#[test]
fn ingesting_twice_adds_nothing() {
    let dir = TempDir::new("store-idem");
    let db = dir.0.join("a.db");
    let examples = examples().display().to_string();
    ingest(&db, &[&examples]);
    let first = totals(&db);
    assert!(
        first.documents >= 10 && first.reports > 0 && first.events > 0,
        "{first:?}"
    );
    assert!(first.events <= first.reports);
    let out = ingest(&db, &[&examples]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(" 0 new,"), "{stderr}");
    assert_eq!(totals(&db), first);
    check_ok(&db);
}

fn jsonl(id: &str, text: &str) -> String {
    serde_json::json!({
        "id": id,
        "url": format!("https://wire.example/{id}"),
        "title": "Attaque",
        "published": "2024-03-05",
        "language": "fr",
        "text": text,
    })
    .to_string()
        + "\n"
}

#[test]
fn a_changed_page_replaces_its_records() {
    let dir = TempDir::new("store-replace");
    let db = dir.0.join("a.db");
    let v1 = "Au moins 12 civils ont été tués lundi dans une attaque à Maiduguri, au Nigeria, \
              a indiqué un responsable local.";
    let v2 = "Au moins 19 civils ont été tués lundi dans une attaque à Maiduguri, au Nigeria, \
              a indiqué un responsable local. « C'est un carnage », a déclaré le gouverneur.";
    let f = dir.file("feed.jsonl", jsonl("page-1", v1).as_bytes());
    let other = dir.file(
        "other.jsonl",
        jsonl(
            "page-2",
            "Des manifestants ont défilé mardi à Paris contre la réforme des retraites.",
        )
        .as_bytes(),
    );
    ingest(&db, &[&f, &other]);
    let before = totals(&db);
    let doc = Store::open_read_only(&db)
        .unwrap()
        .document("page-1")
        .unwrap()
        .unwrap();
    assert!(doc.text.trim_end().ends_with(v1), "{}", doc.text);

    std::fs::write(&f, jsonl("page-1", v2)).unwrap();
    let out = ingest(&db, &[&f, &other]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 unchanged, 1 replaced"), "{stderr}");
    let after = totals(&db);
    assert_eq!(after.documents, before.documents);
    let store = Store::open_read_only(&db).unwrap();
    let doc = store.document("page-1").unwrap().unwrap();
    assert!(doc.text.contains("carnage"));
    // Every span now indexes the new text.
    for s in &doc.spans {
        let words: String = doc
            .text
            .chars()
            .skip(s.start)
            .take(s.end - s.start)
            .collect();
        assert_eq!(words, s.text, "{s:?}");
    }
    // The event carries the new figure, not the old one.
    for r in &doc.reports {
        if let Some(id) = r.event_id {
            let e = store.event(id).unwrap().unwrap();
            assert!(e
                .reports
                .iter()
                .all(|rep| rep.doc_id != "page-1" || rep.record["doc_id"] == "page-1"));
            if let Some(k) = e.event.killed {
                assert_ne!(k.best, 12.0);
            }
        }
    }
    drop(store);
    check_ok(&db);
}

/// A folder of `n` short French and English wire stories, each distinct.
fn corpus(dir: &Path, n: usize) {
    let towns = [
        "Maiduguri",
        "Mogadiscio",
        "Gao",
        "Kaboul",
        "Alep",
        "Bamako",
        "Djibo",
        "Kismayo",
    ];
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let town = towns[i % towns.len()];
        let text = if i % 2 == 0 {
            format!(
                "Attaque meurtrière à {town}\n\nAu moins {} personnes ont été tuées lundi dans une \
                 attaque contre un marché de {town}, a indiqué un responsable local. Le bilan fait \
                 aussi état de {} blessés, selon la dépêche numéro {i}.",
                3 + i % 40,
                1 + i % 17
            )
        } else {
            format!(
                "Deadly attack in {town}\n\nAt least {} people were killed on Monday in an attack \
                 on a market in {town}, a local official said. Another {} were wounded, according \
                 to dispatch number {i}.",
                3 + i % 40,
                1 + i % 17
            )
        };
        std::fs::write(dir.join(format!("{i:05}.txt")), text).unwrap();
    }
}

#[test]
fn a_killed_ingest_loses_no_committed_batch_and_the_next_run_completes_it() {
    let dir = TempDir::new("store-crash");
    let docs = dir.0.join("docs");
    corpus(&docs, 2000);
    let docs = docs.display().to_string();
    let args = |db: &Path| -> Vec<String> {
        [
            "ingest",
            "--published",
            "2024-03-05",
            "--batch",
            "64",
            "--db",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([db.display().to_string(), docs.clone()])
        .collect()
    };

    // A clean, single run: the reference counts.
    let clean = dir.0.join("clean.db");
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args(&clean))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let want = totals(&clean);
    assert_eq!(want.documents, 2000);

    // The same ingest, killed with SIGKILL once some batches are committed.
    let db = dir.0.join("killed.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args(&db))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        std::thread::sleep(Duration::from_millis(50));
        let committed = Store::open_read_only(&db)
            .and_then(|s| s.totals())
            .map(|t| t.documents)
            .unwrap_or(0);
        if committed >= 300 || Instant::now() > deadline {
            break;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("ingest ended before it could be killed: {status}");
        }
    }
    // `Child::kill` sends SIGKILL on Unix: no handler, no clean shutdown.
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());
    let partial = totals(&db);
    assert!(
        partial.documents > 0 && partial.documents < want.documents,
        "killed too late or too early: {partial:?}"
    );
    // Only whole batches were committed.
    assert_eq!(partial.documents % 64, 0, "{partial:?}");
    check_ok(&db);

    // The next run continues: the final database is the clean run's.
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args(&db))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{} unchanged", partial.documents)),
        "{stderr}"
    );
    assert_eq!(totals(&db), want);
    check_ok(&db);
}

#[test]
fn exports_have_their_formats_and_filters_work() {
    let dir = TempDir::new("store-export");
    let db = dir.0.join("a.db");
    ingest(&db, &[&examples().display().to_string()]);
    let db = db.to_str().unwrap();
    let export = |extra: &[&str]| {
        let mut args = vec!["export", "--db", db];
        args.extend_from_slice(extra);
        let out = sitrep(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };

    let csv = export(&["--format", "acled-csv"]);
    let header = csv.lines().next().unwrap();
    assert_eq!(header, sitrep_events::export::ACLED_COLUMNS.join(","));
    assert!(csv.lines().count() > 1);

    let tsv = export(&["--format", "cameo-tsv"]);
    assert!(tsv.starts_with("GLOBALEVENTID\tSQLDATE\t"));

    let geo: serde_json::Value = serde_json::from_str(&export(&["--format", "geojson"])).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert!(!features.is_empty());
    for f in features {
        assert_eq!(f["geometry"]["type"], "Point");
        assert_eq!(f["geometry"]["coordinates"].as_array().unwrap().len(), 2);
    }

    let all = json_lines_of(&export(&["--format", "plover-jsonl"]));
    assert!(all.len() >= features.len());
    for e in &all {
        assert!(e["n_sources"].as_u64().unwrap() >= 1);
        assert!(e["event_type"].is_string());
    }

    // Filters: each narrows to what it says.
    let assault = json_lines_of(&export(&["--format", "plover-jsonl", "--type", "assault"]));
    assert!(!assault.is_empty() && assault.len() < all.len());
    assert!(assault.iter().all(|e| e["event_type"] == "ASSAULT"));
    let country = all
        .iter()
        .find_map(|e| e["location"]["country"].as_str())
        .unwrap()
        .to_string();
    let by_country = json_lines_of(&export(&[
        "--format",
        "plover-jsonl",
        "--country",
        &country,
    ]));
    assert!(!by_country.is_empty());
    assert!(by_country
        .iter()
        .all(|e| e["location"]["country"] == country.as_str()));
    let dated: Vec<&str> = all
        .iter()
        .filter_map(|e| e["date"]["start"].as_str())
        .collect();
    let day = dated.iter().max().unwrap().to_string();
    let since = json_lines_of(&export(&["--format", "plover-jsonl", "--since", &day]));
    assert!(!since.is_empty());
    assert!(since
        .iter()
        .all(|e| e["date"]["start"].as_str().unwrap() >= day.as_str()));
    let multi = json_lines_of(&export(&["--format", "plover-jsonl", "--min-sources", "2"]));
    assert!(multi.iter().all(|e| e["n_sources"].as_u64().unwrap() >= 2));
    let f = &features[0];
    let (lon, lat) = (
        f["geometry"]["coordinates"][0].as_f64().unwrap(),
        f["geometry"]["coordinates"][1].as_f64().unwrap(),
    );
    let bbox = format!("{},{},{},{}", lon - 0.5, lat - 0.5, lon + 0.5, lat + 0.5);
    let boxed: serde_json::Value =
        serde_json::from_str(&export(&["--format", "geojson", "--bbox", &bbox])).unwrap();
    let boxed = boxed["features"].as_array().unwrap();
    assert!(!boxed.is_empty() && boxed.len() < features.len());
    for g in boxed {
        let c = &g["geometry"]["coordinates"];
        assert!((c[0].as_f64().unwrap() - lon).abs() <= 0.5);
        assert!((c[1].as_f64().unwrap() - lat).abs() <= 0.5);
    }
    let nobody = json_lines_of(&export(&[
        "--format",
        "plover-jsonl",
        "--actor",
        "zzzz-nobody",
    ]));
    assert!(nobody.is_empty());

    // Parquet goes to a file.
    let pq = dir.0.join("events.parquet");
    export(&["--format", "parquet", "-o", pq.to_str().unwrap()]);
    let bytes = std::fs::read(&pq).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    let out = sitrep(&["export", "--db", db, "--format", "parquet"]);
    assert_eq!(out.status.code(), Some(2));

    // A missing database is an error, not an empty export.
    let out = sitrep(&[
        "export",
        "--db",
        "/nonexistent/x.db",
        "--format",
        "acled-csv",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

fn json_lines_of(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
