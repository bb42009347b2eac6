//! `sitrep eval`: accuracy against the gold data in `../shared/gold` (read in place, never copied).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use sitrep_core::Document;
use sitrep_events::{EventRecord, PlaceRef};

use crate::pipeline::{self, Stages};

/// Options of `sitrep eval`.
#[derive(Args)]
pub struct EvalArgs {
    /// Which measurement: `timebank`, `acled`, `geocode`, `plover`, `hipe`.
    #[arg(value_parser = ["timebank", "acled", "geocode", "plover", "hipe"])]
    pub what: String,
    /// The gold file or folder (defaults to the one under ../shared/gold).
    pub path: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Score only the first N rows.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Error examples to list (timebank).
    #[arg(long, default_value_t = 10)]
    pub errors: usize,
}

fn default_path(what: &str) -> PathBuf {
    PathBuf::from(match what {
        "timebank" => "../shared/gold/fr-timebank",
        "plover" => "../shared/gold/plover-gsr/PLOVER_GSR_CAMEO.txt",
        "hipe" => "../shared/gold/hipe2020-dev/HIPE-data-v1.4-dev-fr.tsv",
        _ => "../shared/gold/acled-afghanistan-2020-03/acled.csv",
    })
}

fn print<T: serde::Serialize + std::fmt::Display>(report: &T, json: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(report)?);
    } else {
        println!("{report}");
    }
    Ok(())
}

/// Runs the pipeline's stages on one document, as the commands do (one registry per thread).
fn analysed(doc: &Document, stages: Stages) -> pipeline::Analysed {
    thread_local! {
        static REGISTRY: sitrep_text::LanguageRegistry = pipeline::registry();
    }
    REGISTRY.with(|r| pipeline::analyse(doc.clone(), r, stages))
}

const ENTITIES: Stages = Stages {
    entities: true,
    events: false,
};

/// The coder the harnesses score: exactly what `sitrep extract` runs on a document.
fn code(doc: &Document) -> Vec<EventRecord> {
    let stages = Stages {
        events: true,
        entities: false,
    };
    analysed(doc, stages)
        .coded
        .map(|c| c.events)
        .unwrap_or_default()
}

/// The geocoder the geocoding harness scores: the most precise place named, first one first.
fn geocode(doc: &Document) -> Option<PlaceRef> {
    analysed(doc, ENTITIES)
        .mentions?
        .iter()
        .filter_map(|m| m.place.clone())
        .enumerate()
        .max_by_key(|(i, p)| (p.precision.min(4), std::cmp::Reverse(*i)))
        .map(|(_, p)| p)
}

/// The recognizer the NER harness scores: `sitrep entities`, mapped to HIPE's coarse types.
fn entities(doc: &Document) -> Vec<sitrep_eval::hipe::Entity> {
    use sitrep_gazetteer::MentionKind::*;
    analysed(doc, ENTITIES)
        .mentions
        .unwrap_or_default()
        .into_iter()
        .filter_map(|m| {
            let kind = match m.kind {
                // A nationality adjective ("les frappes russes") names no place: HIPE does not
                // mark it.
                Country if m.place.is_none() => return None,
                Person => "pers",
                Place | Country | Government => "loc",
                Organization | Igo | ArmedGroup => "org",
                Group | Role => return None,
            };
            Some(sitrep_eval::hipe::Entity {
                start: m.span.start,
                end: m.span.end,
                kind: kind.into(),
            })
        })
        .collect()
}

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let path = args
        .path
        .clone()
        .unwrap_or_else(|| default_path(&args.what));
    anyhow::ensure!(
        path.exists(),
        "{} not found (the gold data lives in ../shared/gold)",
        path.display()
    );
    match args.what.as_str() {
        "timebank" => {
            let config = sitrep_eval::Config {
                errors: args.errors,
            };
            let report = sitrep_eval::timebank_with(&path, &sitrep_lang_fr::French, &config)
                .context("timebank")?;
            print(&report, args.json)?;
        }
        "acled" => {
            let coder = |d: &Document| code(d);
            let report =
                sitrep_eval::acled::evaluate(&path, &coder, args.limit).context("acled")?;
            print(&report, args.json)?;
        }
        "geocode" => {
            let report = sitrep_eval::acled::evaluate_geocoding(&path, &geocode, args.limit)
                .context("geocode")?;
            print(&report, args.json)?;
        }
        "plover" => {
            let coder = |d: &Document| code(d);
            let report =
                sitrep_eval::plover::evaluate(&path, &coder, args.limit).context("plover")?;
            print(&report, args.json)?;
        }
        "hipe" => {
            let report =
                sitrep_eval::hipe::evaluate(&path, &entities, args.limit).context("hipe")?;
            print(&report, args.json)?;
        }
        _ => unreachable!("clap restricts the values"),
    }
    Ok(ExitCode::SUCCESS)
}
