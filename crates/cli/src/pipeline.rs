//! The document loop shared by every command: expand paths, read files in parallel, analyse each
//! document with its language pack, hand results to a sink in input order, report failures.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use rayon::prelude::*;
use sitrep_core::Document;
use sitrep_ingest::{IngestConfig, IngestError};
use sitrep_text::{Analysis, LanguageRegistry};

use crate::InputArgs;

/// The language packs this binary ships.
pub fn registry() -> LanguageRegistry {
    let mut r = LanguageRegistry::new();
    r.register(Box::new(sitrep_lang_fr::French));
    r.register(Box::new(sitrep_lang_en::English));
    r
}

/// A document and what the text layer found in it (`None` when no pack covers its language).
pub struct Analysed {
    pub doc: Document,
    pub analysis: Option<Analysis>,
    /// Entity mentions, when the command asked for them.
    pub mentions: Option<Vec<sitrep_gazetteer::Mention>>,
    /// Events, quotes and figures, when the command asked for them.
    pub coded: Option<sitrep_coding::Coded>,
}

/// Which stages past the text layer a command needs.
#[derive(Clone, Copy, Default)]
pub struct Stages {
    /// Recognise and resolve actors and places.
    pub entities: bool,
    /// Code events (implies entities).
    pub events: bool,
}

/// Counts for the end-of-run summary and the exit code.
#[derive(Default)]
pub struct Tally {
    pub documents: usize,
    pub failed: usize,
}

/// Files per parallel batch: enough to keep every core busy, small enough that output starts at
/// once and memory stays flat on folders of any size.
const BATCH: usize = 64;

/// Reads every input, analyses each document, and calls `sink` for each in input order.
pub fn run_documents(
    input: &InputArgs,
    stages: Stages,
    mut sink: impl FnMut(Analysed) -> Result<()>,
) -> Result<Tally> {
    let cfg = IngestConfig {
        published: input.published,
        language: input.lang.clone(),
        max_document_bytes: input.max_document_bytes,
        ..IngestConfig::default()
    };
    let registry = registry();
    let (files, errors) = sitrep_ingest::expand_paths(&input.paths);
    let mut tally = Tally::default();
    for e in &errors {
        report(e);
        tally.failed += 1;
    }
    // Deeply nested markup is walked iteratively, but parsers and serializers may still recurse:
    // big stacks make 10,000-level pages safe.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(input.threads.unwrap_or(0))
        .stack_size(256 << 20)
        .build()?;
    let progress = progress_bar(files.len());
    for chunk in files.chunks(BATCH) {
        let results: Vec<Vec<Result<Analysed, IngestError>>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|path: &PathBuf| {
                    sitrep_ingest::read_path(path, &cfg)
                        .into_iter()
                        .map(|r| r.map(|doc| analyse(doc, &registry, stages)))
                        .collect()
                })
                .collect()
        });
        for file in results {
            for item in file {
                match item {
                    Ok(a) => {
                        tally.documents += 1;
                        sink(a)?;
                    }
                    Err(e) => {
                        tally.failed += 1;
                        report(&e);
                    }
                }
            }
            progress.inc(1);
        }
    }
    progress.finish_and_clear();
    Ok(tally)
}

/// Runs the text layer on one document with its language's pack.
pub fn analyse(mut doc: Document, registry: &LanguageRegistry, stages: Stages) -> Analysed {
    let pack = doc.language.as_deref().and_then(|l| registry.get(l));
    let mut mentions = None;
    let mut coded = None;
    let analysis = match pack {
        Some(lang) => {
            let a = sitrep_text::analyze(&doc.text, lang, doc.reference_date());
            if stages.entities || stages.events {
                // Both stages compare tokens by their name keys: computed once for both.
                let keys = sitrep_gazetteer::token_keys(&doc.text, &a);
                let m = sitrep_gazetteer::recognize_with_keys(
                    &doc.text,
                    &a,
                    &keys,
                    lang,
                    doc.reference_date(),
                );
                if stages.events {
                    coded = Some(sitrep_coding::code_with_keys(&doc, &a, &m, &keys, lang));
                }
                mentions = Some(m);
            }
            Some(a)
        }
        None => {
            let code = doc.language.as_deref().unwrap_or("unknown");
            doc.notes.push(format!(
                "no language pack for {code:?} (packs: {}): text passed through without analysis",
                registry.codes().join(", ")
            ));
            None
        }
    };
    Analysed {
        doc,
        analysis,
        mentions,
        coded,
    }
}

fn report(e: &IngestError) {
    eprintln!("sitrep: skipped: {e}");
}

fn progress_bar(files: usize) -> indicatif::ProgressBar {
    if files < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{elapsed_precise} [{bar:30}] {pos}/{len} files {per_sec} ETA {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// The exit code for a finished run.
pub fn exit_code(t: &Tally) -> std::process::ExitCode {
    if t.failed > 0 {
        std::process::ExitCode::from(1)
    } else {
        std::process::ExitCode::SUCCESS
    }
}
