//! The dashboard in a real browser: builds a database from `examples/` with `sitrep ingest`, then
//! runs `node tests/browser/run.mjs <sitrep> <db>`, which starts `sitrep serve` and drives Debian's
//! Chromium through playwright-core (map points, a filter changing the table, a click showing
//! highlighted evidence; screenshots in target/browser-artifacts/). Skipped, saying why, when
//! Chromium, Node or the test's node_modules are missing (`.ci/run` installs all three).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{examples, sitrep, TempDir};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn missing() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!(
            "{chromium} not found (apt-get install -y chromium)"
        ));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node not found (apt-get install -y nodejs npm)".into());
    }
    if !repo()
        .join("tests/browser/node_modules/playwright-core")
        .is_dir()
    {
        return Some("tests/browser/node_modules missing (npm ci --prefix tests/browser)".into());
    }
    None
}

#[test]
fn dashboard_in_chromium() {
    if let Some(why) = missing() {
        eprintln!("browser test skipped: {why}");
        return;
    }
    let dir = TempDir::new("browser");
    let db = dir.0.join("examples.db");
    let db_s = db.display().to_string();
    let ex = examples().display().to_string();
    let out = sitrep(&["ingest", "--db", &db_s, &ex]);
    assert!(
        db.exists(),
        "sitrep ingest made no database: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = Command::new("node")
        .arg(repo().join("tests/browser/run.mjs"))
        .arg(env!("CARGO_BIN_EXE_sitrep"))
        .arg(&db)
        .current_dir(repo())
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        run.status.success(),
        "browser test failed:\n{stdout}\n{stderr}"
    );
}
