//! `sitrep ingest`: code documents in parallel and store them, their records and the events they
//! report into a SQLite database.
//!
//! The document loop is `pipeline`'s (same reading, same analysis, same order) with two
//! differences that storing needs: ingest errors are kept (they go to the `errors` table as well
//! as stderr, and `run_documents` only prints them), and documents are analysed in parallel
//! across files as well as within them, so one big JSONL or WARC file uses every core. Writing
//! happens on a thread of its own, one transaction per batch, while the next batch is coded.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use rayon::prelude::*;
use sitrep_ingest::{IngestConfig, IngestError};
use sitrep_store::{BatchSummary, Ingested, Store};

use crate::pipeline::{self, Stages};
use crate::InputArgs;

/// `sitrep ingest` options.
#[derive(Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The database file (created when absent).
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Documents per transaction: a killed ingest loses at most one batch.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
}

/// Files read per parallel round (as in `pipeline`).
const FILES_PER_ROUND: usize = 64;

/// A batch for the writer: documents, and `(source, message)` errors.
type Batch = (Vec<Ingested>, Vec<(String, String)>);

fn error_row(e: &IngestError) -> (String, String) {
    // Every IngestError displays as "INPUT: why".
    let msg = e.to_string();
    match msg.split_once(": ") {
        Some((source, why)) => (source.to_string(), why.to_string()),
        None => (String::new(), msg),
    }
}

pub fn run(args: IngestArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let store = Store::open(&args.db)
        .with_context(|| format!("cannot open database {}", args.db.display()))?;
    let batch_size = args.batch.max(1);
    let input = &args.input;
    let cfg = IngestConfig {
        published: input.published,
        language: input.lang.clone(),
        max_document_bytes: input.max_document_bytes,
        ..IngestConfig::default()
    };
    let registry = pipeline::registry();
    let stages = Stages {
        events: true,
        ..Stages::default()
    };
    let (files, path_errors) = sitrep_ingest::expand_paths(&input.paths);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(input.threads.unwrap_or(0))
        .stack_size(256 << 20)
        .build()?;

    // The writer owns the store; two batches in flight keep the coder busy while it commits.
    let (send, recv) = mpsc::sync_channel::<Batch>(2);
    let writer = std::thread::spawn(move || -> Result<(BatchSummary, Store)> {
        let mut store = store;
        let mut sum = BatchSummary::default();
        for (items, errors) in recv {
            let s = store.write_batch(&items)?;
            store.record_errors(&errors)?;
            sum.add(&s);
        }
        Ok((sum, store))
    });

    let progress = progress_bar(files.len());
    let mut documents = 0usize;
    let mut failed = 0usize;
    let mut pending: Vec<Ingested> = Vec::with_capacity(batch_size);
    let mut pending_errors: Vec<(String, String)> = Vec::new();
    for e in &path_errors {
        eprintln!("sitrep: skipped: {e}");
        pending_errors.push(error_row(e));
        failed += 1;
    }
    let mut writer_gone = false;
    'files: for chunk in files.chunks(FILES_PER_ROUND) {
        let read: Vec<_> = pool.install(|| {
            chunk
                .par_iter()
                .map(|p| sitrep_ingest::read_path(p, &cfg))
                .collect::<Vec<_>>()
        });
        let read: Vec<_> = read.into_iter().flatten().collect();
        let analysed: Vec<_> = pool.install(|| {
            read.into_par_iter()
                .map(|r| r.map(|doc| pipeline::analyse(doc, &registry, stages)))
                .collect()
        });
        for item in analysed {
            match item {
                Ok(a) => {
                    documents += 1;
                    let (events, quotes, figures) = match a.coded {
                        Some(c) => (c.events, c.quotes, c.figures),
                        None => Default::default(),
                    };
                    pending.push(Ingested {
                        doc: a.doc,
                        events,
                        quotes,
                        figures,
                    });
                }
                Err(e) => {
                    eprintln!("sitrep: skipped: {e}");
                    pending_errors.push(error_row(&e));
                    failed += 1;
                }
            }
            if pending.len() >= batch_size {
                let batch = (
                    std::mem::take(&mut pending),
                    std::mem::take(&mut pending_errors),
                );
                if send.send(batch).is_err() {
                    writer_gone = true;
                    break 'files;
                }
            }
        }
        progress.inc(chunk.len() as u64);
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        progress.set_message(format!(
            "{documents} documents, {:.0} documents/s",
            documents as f64 / secs
        ));
    }
    if !writer_gone && (!pending.is_empty() || !pending_errors.is_empty()) {
        let _ = send.send((pending, pending_errors));
    }
    drop(send);
    progress.finish_and_clear();
    let (sum, store) = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the database writer panicked"))??;
    store.checkpoint()?;
    let totals = store.totals()?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "sitrep: ingested {documents} documents in {secs:.1} s ({:.0} documents/s): \
         {} new, {} unchanged, {} replaced; {} event reports ({} joined an existing event, \
         {} started one), {} quotes, {} figures; {failed} errors",
        documents as f64 / secs.max(1e-3),
        sum.new,
        sum.unchanged,
        sum.replaced,
        sum.reports,
        sum.reports_joined,
        sum.events_created,
        sum.quotes,
        sum.figures,
    );
    eprintln!(
        "sitrep: {} now holds {} documents, {} reports, {} events, {} errors",
        args.db.display(),
        totals.documents,
        totals.reports,
        totals.events,
        totals.errors
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn progress_bar(files: usize) -> indicatif::ProgressBar {
    if files < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{elapsed_precise} [{bar:30}] {pos}/{len} files, {msg} ETA {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
