//! Extracts the main text of HTML pages and reports the extractor's speed.
//!
//! Usage: `extract_html FILE...` where each FILE is `.html` or `.html.gz`. Prints one JSON line
//! per file: `{"file","text","title","published","seconds"}`; on stderr, the pages per second of
//! process CPU time (what `bench/extraction/eval.py` compares with trafilatura).

use std::io::{Read, Write};
use std::time::Instant;

fn read_page(path: &str) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    let bytes = if path.ends_with(".gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
        out
    } else {
        bytes
    };
    // Valid UTF-8 (the usual case) is taken as is, without the copy `from_utf8_lossy` makes.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Process CPU time (user + system) in seconds, from /proc/self/stat; None where unavailable.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is parenthesised and may contain spaces.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // Linux reports clock ticks; USER_HZ is 100 on every mainstream configuration.
    Some((utime + stime) / 100.0)
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: extract_html FILE.html[.gz]...");
        std::process::exit(2);
    }
    let cpu_start = cpu_seconds();
    let wall = Instant::now();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut pages = 0usize;
    for path in &paths {
        let html = match read_page(path) {
            Ok(h) => h,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let t = Instant::now();
        let article = sitrep_ingest::html::extract_article(&html, None);
        let seconds = t.elapsed().as_secs_f64();
        pages += 1;
        let line = serde_json::json!({
            "file": path,
            "text": article.text,
            "title": article.title,
            "published": article.published.as_ref().map(|p| p.datetime.map_or_else(|| p.date.to_string(), |d| d.to_rfc3339())),
            "seconds": seconds,
        });
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    let _ = out.flush();
    let wall = wall.elapsed().as_secs_f64();
    match cpu_seconds().zip(cpu_start) {
        Some((end, start)) if end > start => eprintln!(
            "{pages} pages, {:.3} CPU s, {:.1} pages/CPU-s ({:.1} pages/wall-s)",
            end - start,
            pages as f64 / (end - start),
            pages as f64 / wall.max(1e-9)
        ),
        _ => eprintln!(
            "{pages} pages, {wall:.3} wall s, {:.1} pages/wall-s",
            pages as f64 / wall.max(1e-9)
        ),
    }
}
