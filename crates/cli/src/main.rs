//! `sitrep`: the command line. Thin glue over the pipeline crates: flags here, work there.
//!
//! Exit codes: 0 when every document was read, 1 when some documents failed (each failure is
//! printed on stderr and the rest of the batch is still processed), 2 on usage or fatal errors.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod cmd_db;
mod cmd_entities;
mod cmd_eval;
mod cmd_export;
mod cmd_extract;
mod cmd_ingest;
mod cmd_read;
mod cmd_serve;
mod pipeline;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// sitrep turns raw news (pages, feeds, crawls, folders) into structured event data.
#[derive(Parser)]
#[command(name = "sitrep", version, about, long_about = None, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "\
Examples:
  sitrep read examples/fr-wire-idleb-style.html
  sitrep read --published 2020-02-28 ../shared/seed/idleb-fr.txt
  sitrep read --format text examples/
  cat page.html | sitrep read -
  sitrep bench read";

#[derive(Subcommand)]
enum Command {
    /// Read documents and print, for each, its metadata, clean text, sentences, quotations,
    /// counts and time expressions as one JSON object per line.
    #[command(
        after_help = "Examples:\n  sitrep read examples/\n  sitrep read --format text --published 2024-06-05 examples/plain-fr.txt\n  sitrep read --tokens crawl.warc.gz"
    )]
    Read(ReadArgs),
    /// Recognise people, organisations, armed groups, governments and places, resolved to coded
    /// actors (country, sector, Wikidata id) and geocoded places (GeoNames), as JSON lines.
    #[command(
        after_help = "Examples:\n  sitrep entities examples/fr-wire-idleb-style.html\n  sitrep entities --published 2020-02-28 story.txt"
    )]
    Entities(EntitiesArgs),
    /// Code events (PLOVER, with ACLED and CAMEO mappings), quotations and figures, each with its
    /// evidence spans: JSON lines, ACLED-compatible CSV or GDELT-like CAMEO TSV.
    #[command(
        after_help = "Examples:\n  sitrep extract examples/\n  sitrep extract --format acled-csv ~/scrapes/ > events.csv\n  sitrep extract --published 2020-02-28 story.txt"
    )]
    Extract(ExtractArgs),
    /// Measure accuracy against gold data: `timebank` (French dates), `acled` (event coding on
    /// ACLED notes), `geocode` (places in ACLED notes), `plover` (PLOVER gold sentences).
    #[command(
        after_help = "Examples:\n  sitrep eval timebank ../shared/gold/fr-timebank\n  sitrep eval acled ../shared/gold/acled-afghanistan-2020-03/acled.csv\n  sitrep eval geocode ../shared/gold/acled-somalia-2025/acled.csv --limit 2000\n  sitrep eval plover ../shared/gold/plover-gsr/PLOVER_GSR_CAMEO.txt --json"
    )]
    Eval(cmd_eval::EvalArgs),
    /// Measure throughput and peak memory on a generated corpus, against a named baseline.
    #[command(
        after_help = "Examples:\n  sitrep bench read\n  sitrep bench read --articles 50000\n  sitrep bench entities"
    )]
    Bench(bench::BenchArgs),
    /// Code documents and store them, their records and the events they report (clustered
    /// across sources) in a SQLite database. Re-ingesting is idempotent; a changed page
    /// replaces its records.
    #[command(
        after_help = "Examples:\n  sitrep ingest examples/\n  sitrep ingest --db news.db ~/scrapes/ crawl.warc.gz"
    )]
    Ingest(cmd_ingest::IngestArgs),
    /// Export a database's events: PLOVER JSONL, ACLED CSV, CAMEO TSV, GeoJSON or Parquet.
    #[command(
        after_help = "Examples:\n  sitrep export --db sitrep.db --format acled-csv > events.csv\n  sitrep export --db sitrep.db --format parquet -o events.parquet --country SYR --since 2020-01-01\n  sitrep export --format geojson --bbox 35,34,38,37 --min-sources 2"
    )]
    Export(cmd_export::ExportArgs),
    /// Database maintenance: `sitrep db check --db FILE`.
    Db(cmd_db::DbArgs),
    /// Serve the HTTP API and the dashboard (map, timeline, filters, evidence) over a database.
    #[command(
        after_help = "Examples:\n  sitrep serve --db sitrep.db\n  sitrep serve --db sitrep.db --bind 127.0.0.1:8080\n  SITREP_TOKEN=secret sitrep serve --db sitrep.db   # also accepts POST /api/documents"
    )]
    Serve(cmd_serve::ServeArgs),
}

/// Options shared by every command that reads documents.
#[derive(Args, Clone)]
pub struct InputArgs {
    /// Files or folders to read (HTML, text, JSONL, RSS/Atom, WARC, .gz of these); `-` reads
    /// standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for documents that state none; relative dates ("jeudi",
    /// "yesterday") resolve against it.
    #[arg(long, value_parser = parse_date)]
    pub published: Option<chrono::NaiveDate>,
    /// Force the language (ISO 639-1, e.g. `fr`) instead of detecting it.
    #[arg(long)]
    pub lang: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Largest single document to read, in bytes.
    #[arg(long, default_value_t = 16 << 20)]
    pub max_document_bytes: usize,
}

/// `sitrep read` options.
#[derive(Args)]
pub struct ReadArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format: `json` (one object per line) or `text` (clean text for reading).
    #[arg(long, default_value = "json", value_parser = ["json", "text"])]
    pub format: String,
    /// Include every token with its offsets in the JSON output.
    #[arg(long)]
    pub tokens: bool,
}

/// `sitrep entities` options.
#[derive(Args)]
pub struct EntitiesArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

/// `sitrep extract` options.
#[derive(Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "acled-csv", "cameo-tsv"])]
    pub format: String,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Read(args) => cmd_read::run(args),
        Command::Entities(args) => cmd_entities::run(args),
        Command::Extract(args) => cmd_extract::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Ingest(args) => cmd_ingest::run(args),
        Command::Export(args) => cmd_export::run(args),
        Command::Db(args) => cmd_db::run(args),
        Command::Eval(args) => cmd_eval::run(args),
        Command::Serve(args) => cmd_serve::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`sitrep read ... | head`) is not an error.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("sitrep: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
