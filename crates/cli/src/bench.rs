//! `sitrep bench`: throughput and peak memory of the pipeline, with a named baseline measured in
//! the same run.
//!
//! `bench read` runs exactly what `sitrep read` runs per document (ingest, language ID, text
//! layer, JSON serialisation) on a corpus built from the bundled examples, on one thread (the
//! articles/s/core figure) and on all threads. The baseline is the naive way to use a command-line
//! coder: one `sitrep read` process per article.

use std::io::Write;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use rayon::prelude::*;
use sitrep_ingest::IngestConfig;

use crate::pipeline;

/// Options of `sitrep bench`.
#[derive(Args)]
pub struct BenchArgs {
    /// What to measure: `read` (ingest and text layer), `extract` (read, entities and event
    /// coding: the whole of `sitrep extract`) or `entities` (recognition and resolution alone, in
    /// MB of text per second, with the gazetteer's start-up time).
    #[arg(default_value = "read", value_parser = ["read", "extract", "entities"])]
    pub what: String,
    /// Plain-text articles in the generated corpus.
    #[arg(long, default_value_t = 20_000)]
    pub articles: usize,
    /// HTML pages in the generated corpus.
    #[arg(long, default_value_t = 2_000)]
    pub pages: usize,
    /// Articles read by the one-process-per-article baseline.
    #[arg(long, default_value_t = 40)]
    pub baseline: usize,
}

const PLAIN_FR: &str = include_str!("../../../examples/plain-fr.txt");
const DOCS_JSONL: &str = include_str!("../../../examples/docs.jsonl");
const PAGE_FR: &str = include_str!("../../../examples/fr-wire-idleb-style.html");
const PAGE_EN: &str = include_str!("../../../examples/en-wire-somalia-style.html");

/// Plain-text articles in French and English, each made unique so that no cache can help.
fn text_corpus(n: usize) -> Vec<String> {
    let mut seeds: Vec<String> = vec![PLAIN_FR.to_string()];
    for line in DOCS_JSONL.lines() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
            if let (Some(t), Some(title)) = (v["text"].as_str(), v["title"].as_str()) {
                seeds.push(format!("{title}\n\n{t}"));
            }
        }
    }
    (0..n)
        .map(|i| format!("{} ({i})", seeds[i % seeds.len()]))
        .collect()
}

fn page_corpus(n: usize) -> Vec<String> {
    let seeds = [PAGE_FR, PAGE_EN];
    (0..n)
        .map(|i| seeds[i % 2].replacen("</body>", &format!("<!-- {i} --></body>"), 1))
        .collect()
}

/// The ingest options of every benchmark: a fixed publication date, so runs are comparable.
fn bench_config() -> IngestConfig {
    IngestConfig {
        published: chrono::NaiveDate::from_ymd_opt(2024, 6, 5),
        ..IngestConfig::default()
    }
}

/// A pool of `threads` workers with room for deep documents on their stacks.
fn bench_pool(threads: usize) -> Result<rayon::ThreadPool> {
    Ok(rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(256 << 20)
        .build()?)
}

/// The header of the one-thread / all-threads table.
fn write_columns(out: &mut impl Write, cores: usize) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<44} {:>14} {:>14}",
        "",
        "1 thread",
        format!("{cores} threads")
    )
}

/// Runs the per-document work of `sitrep read` over `corpus` on `threads` threads; returns the
/// documents per second and the number of documents read.
fn measure(
    corpus: &[String],
    name: &str,
    threads: usize,
    stages: pipeline::Stages,
) -> Result<(f64, usize)> {
    let registry = pipeline::registry();
    let cfg = bench_config();
    let pool = bench_pool(threads)?;
    let start = Instant::now();
    let docs: usize = pool.install(|| {
        corpus
            .par_iter()
            .map(|text| {
                let mut n = 0;
                for doc in sitrep_ingest::read_bytes(text.as_bytes(), name, &cfg)
                    .into_iter()
                    .flatten()
                {
                    let a = pipeline::analyse(doc, &registry, stages);
                    let mut sink = std::io::sink();
                    let written = match &a.coded {
                        Some(c) => {
                            serde_json::to_writer(&mut sink, &(&c.events, &c.quotes, &c.figures))
                        }
                        None => serde_json::to_writer(&mut sink, &(&a.doc, &a.analysis)),
                    };
                    if written.is_ok() {
                        n += 1;
                    }
                }
                n
            })
            .sum()
    });
    let secs = start.elapsed().as_secs_f64();
    Ok((docs as f64 / secs, docs))
}

/// One `sitrep read` process per article, as a shell loop over files would run it.
fn baseline(corpus: &[String], n: usize, command: &str) -> Result<f64> {
    let exe = std::env::current_exe().context("cannot find the sitrep binary")?;
    let dir = std::env::temp_dir().join(format!("sitrep-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut paths = Vec::new();
    for (i, text) in corpus.iter().take(n).enumerate() {
        let p = dir.join(format!("{i}.txt"));
        std::fs::write(&p, text)?;
        paths.push(p);
    }
    let start = Instant::now();
    for p in &paths {
        let status = Command::new(&exe)
            .args([command, "--published", "2024-06-05", "-j", "1"])
            .arg(p)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        anyhow::ensure!(
            status.success(),
            "baseline process failed on {}",
            p.display()
        );
    }
    let secs = start.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(paths.len() as f64 / secs)
}

/// Peak resident set size of this process, in MiB (Linux `VmHWM`).
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// `bench entities`: recognition alone over documents whose text layer is computed before the
/// clock starts, in MB of text per second; the gazetteer's and actor index's first use is timed
/// separately as start-up.
fn run_entities(args: &BenchArgs, cores: usize) -> Result<ExitCode> {
    let registry = pipeline::registry();
    let start = Instant::now();
    let geo = sitrep_gazetteer::GeoStore::get();
    let actors = sitrep_gazetteer::actors::ActorIndex::get();
    let startup = start.elapsed().as_secs_f64();
    // The engine's own memory, before the corpus and its analyses are held for timing.
    let engine_rss = peak_rss_mib();
    let cfg = bench_config();
    // (text, analysis, language code, reference date) per document.
    let mut docs = Vec::new();
    for text in text_corpus(args.articles) {
        for doc in sitrep_ingest::read_bytes(text.as_bytes(), "a.txt", &cfg)
            .into_iter()
            .flatten()
        {
            let Some(lang) = doc.language.as_deref().and_then(|l| registry.get(l)) else {
                continue;
            };
            let date = doc.reference_date();
            let a = sitrep_text::analyze(&doc.text, lang, date);
            docs.push((doc.text, a, lang, date));
        }
    }
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let time = |threads: usize| -> Result<(f64, usize)> {
        let pool = bench_pool(threads)?;
        let t = Instant::now();
        let mentions: usize = pool.install(|| {
            docs.par_iter()
                .map(|(text, a, lang, date)| {
                    sitrep_gazetteer::recognize(text, a, *lang, *date).len()
                })
                .sum()
        });
        Ok((bytes as f64 / 1e6 / t.elapsed().as_secs_f64(), mentions))
    };
    time(1)?; // warm-up
    let (mb1, mentions) = time(1)?;
    let (mbn, _) = time(cores)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "sitrep bench entities: {cores} cores")?;
    writeln!(
        out,
        "corpus: {} plain-text articles ({:.1} MB), French and English, from examples/",
        docs.len(),
        bytes as f64 / 1e6
    )?;
    writeln!(
        out,
        "gazetteer start-up (first use: {} entities, {} actor entries): {:.1} ms",
        geo.len(),
        actors.entries.len(),
        startup * 1e3
    )?;
    write_columns(&mut out, cores)?;
    writeln!(
        out,
        "{:<44} {:>14.2} {:>14.2}",
        "recognition, MB of text/s", mb1, mbn
    )?;
    writeln!(out, "mentions per pass: {mentions}")?;
    if let Some(rss) = engine_rss {
        writeln!(out, "peak RSS after gazetteer start-up: {rss:.0} MiB")?;
    }
    if let Some(rss) = peak_rss_mib() {
        writeln!(
            out,
            "peak RSS: {rss:.0} MiB (with all {} analysed articles held in memory for timing; \
             it grows with --articles)",
            docs.len()
        )?;
    }
    writeln!(
        out,
        "targets: >= 5 MB/s/core, start-up < 100 ms, RSS < 300 MB"
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn run(args: BenchArgs) -> Result<ExitCode> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if args.what == "entities" {
        return run_entities(&args, cores);
    }
    let texts = text_corpus(args.articles);
    let pages = page_corpus(args.pages);
    let text_bytes: usize = texts.iter().map(String::len).sum();
    let page_bytes: usize = pages.iter().map(String::len).sum();
    let mut out = std::io::stdout().lock();
    writeln!(out, "sitrep bench {}: {} cores", args.what, cores)?;
    writeln!(
        out,
        "corpus: {} plain-text articles ({:.1} MB), {} HTML pages ({:.1} MB), French and English, from examples/",
        texts.len(),
        text_bytes as f64 / 1e6,
        pages.len(),
        page_bytes as f64 / 1e6
    )?;
    let stages = pipeline::Stages {
        events: args.what == "extract",
        ..pipeline::Stages::default()
    };
    // Warm up (page faults, lazy statics, the gazetteer's first use) before timing.
    measure(&texts[..texts.len().min(200)], "w.txt", 1, stages)?;
    let (t1, n1) = measure(&texts, "a.txt", 1, stages)?;
    let (tn, _) = measure(&texts, "a.txt", cores, stages)?;
    let (h1, m1) = measure(&pages, "a.html", 1, stages)?;
    let (hn, _) = measure(&pages, "a.html", cores, stages)?;
    let base = baseline(&texts, args.baseline, &args.what)?;
    write_columns(&mut out, cores)?;
    writeln!(
        out,
        "{:<44} {:>14.0} {:>14.0}",
        format!("plain text, articles/s ({})", args.what),
        t1,
        tn
    )?;
    writeln!(
        out,
        "{:<44} {:>14.0} {:>14.0}",
        format!("HTML pages, articles/s ({})", args.what),
        h1,
        hn
    )?;
    writeln!(
        out,
        "{:<44} {:>14.1}",
        "baseline: one process per article, articles/s", base
    )?;
    writeln!(
        out,
        "speed-up over the baseline (1 thread, plain text): {:.0}x",
        t1 / base
    )?;
    writeln!(out, "documents read: {n1} plain text, {m1} HTML")?;
    if let Some(rss) = peak_rss_mib() {
        writeln!(
            out,
            "peak RSS: {rss:.0} MiB (corpus held in memory included)"
        )?;
    }
    writeln!(
        out,
        "targets: >= 5000 plain-text articles/s/core, >= 500 HTML articles/s/core"
    )?;
    Ok(ExitCode::SUCCESS)
}
