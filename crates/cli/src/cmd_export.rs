//! `sitrep export`: events from a database as PLOVER JSONL, ACLED CSV, CAMEO TSV, GeoJSON or
//! Parquet, filtered, streamed (millions of rows in the memory of a few).

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Args;
use sitrep_events::EventType;
use sitrep_store::{BBox, EventFilter, ExportFormat, Store};

/// Event filters, shared by the commands that read a database.
#[derive(Args, Clone, Default)]
pub struct FilterArgs {
    /// Events starting on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = crate::parse_date)]
    pub since: Option<chrono::NaiveDate>,
    /// Events starting on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = crate::parse_date)]
    pub until: Option<chrono::NaiveDate>,
    /// ISO 3166-1 alpha-3 country of the event's place (e.g. SYR).
    #[arg(long)]
    pub country: Option<String>,
    /// PLOVER event type (e.g. ASSAULT, PROTEST).
    #[arg(long = "type", value_parser = parse_type)]
    pub event_type: Option<EventType>,
    /// Substring of an actor's or recipient's name (case-insensitive).
    #[arg(long)]
    pub actor: Option<String>,
    /// Box: min_lon,min_lat,max_lon,max_lat.
    #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
    pub bbox: Option<BBox>,
    /// At least this many distinct source documents.
    #[arg(long)]
    pub min_sources: Option<u32>,
}

fn parse_type(s: &str) -> Result<EventType, String> {
    EventType::parse(s).ok_or_else(|| {
        format!(
            "unknown PLOVER type {s:?} (one of {})",
            EventType::ALL.map(|t| t.as_str()).join(", ")
        )
    })
}

fn parse_bbox(s: &str) -> Result<BBox, String> {
    s.parse()
}

impl FilterArgs {
    pub fn filter(&self) -> EventFilter {
        EventFilter {
            since: self.since,
            until: self.until,
            country: self.country.clone(),
            event_type: self.event_type,
            actor: self.actor.clone(),
            bbox: self.bbox,
            min_sources: self.min_sources,
        }
    }
}

/// `sitrep export` options.
#[derive(Args)]
pub struct ExportArgs {
    /// The database (built with `sitrep ingest`).
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Output format.
    #[arg(long, value_parser = ExportFormat::NAMES)]
    pub format: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Output file (standard output when absent; Parquet needs a file).
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

/// Opens an existing database (never creates one: a typo in `--db` is an error, not an empty
/// export).
pub fn open_existing(db: &std::path::Path) -> Result<Store> {
    if !db.is_file() {
        bail!(
            "no database at {} (build one with `sitrep ingest --db FILE PATH...`)",
            db.display()
        );
    }
    Store::open_read_only(db).with_context(|| format!("cannot open database {}", db.display()))
}

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let format: ExportFormat = args.format.parse().map_err(anyhow::Error::msg)?;
    let store = open_existing(&args.db)?;
    let filter = args.filters.filter();
    let n = match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let mut w = BufWriter::with_capacity(1 << 20, file);
            let n = store.export(&filter, format, &mut w)?;
            w.flush()?;
            n
        }
        None => {
            if format == ExportFormat::Parquet {
                bail!("Parquet is a binary format: write it to a file with -o FILE");
            }
            let mut w = BufWriter::with_capacity(1 << 16, std::io::stdout());
            let n = store.export(&filter, format, &mut w)?;
            w.flush()?;
            n
        }
    };
    eprintln!("sitrep: exported {n} events as {}", format.as_str());
    Ok(ExitCode::SUCCESS)
}
