//! `sitrep serve`: the HTTP API and dashboard over a database (crate `sitrep-serve`), with the
//! coding pipeline plugged in for `POST /api/documents`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;
use clap::Args;
use sitrep_serve::{CodeError, Coder, Ingested, ServeConfig, Server, StoreCoder, Submission};

use crate::pipeline::{self, Stages};

/// `sitrep serve` options.
#[derive(Args)]
pub struct ServeArgs {
    /// The database (built with `sitrep ingest --db FILE`).
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Address and port to listen on (port 0 picks a free one). Loopback by default: reading
    /// needs no authentication.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Bearer token that turns on `POST /api/documents` (also read from SITREP_TOKEN).
    #[arg(long)]
    pub token: Option<String>,
    /// Read connections (concurrent queries).
    #[arg(long, default_value_t = 4)]
    pub readers: usize,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 2 << 20)]
    pub max_body_bytes: usize,
}

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let token = args
        .token
        .or_else(|| std::env::var("SITREP_TOKEN").ok())
        .filter(|t| !t.trim().is_empty());
    let cfg = ServeConfig {
        db: args.db.clone(),
        bind: args.bind,
        token: token.clone(),
        readers: args.readers.max(1),
        body_limit: args.max_body_bytes,
    };
    let coder: Option<Arc<dyn Coder>> = token
        .is_some()
        .then(|| Arc::new(StoreCoder::new(&args.db, Box::new(analyse))) as Arc<dyn Coder>);
    let submission = if coder.is_some() { "on" } else { "off" };
    let server = Server::bind(&cfg, coder)?;
    let addr = server.local_addr()?;
    eprintln!(
        "sitrep: serving http://{addr}/ (database {}, submission {submission}); Ctrl-C stops",
        args.db.display()
    );
    server.run()?;
    Ok(ExitCode::SUCCESS)
}

/// Codes a submission as `sitrep ingest` codes a JSONL record.
fn analyse(submission: Submission) -> Result<Ingested, CodeError> {
    let cfg = sitrep_ingest::IngestConfig::default();
    let doc = sitrep_ingest::read_bytes(&submission.to_jsonl(), "submission.jsonl", &cfg)
        .into_iter()
        .next()
        .ok_or_else(|| CodeError::Invalid("no document in the submission".into()))?
        .map_err(|e| CodeError::Invalid(e.to_string()))?;
    let stages = Stages {
        events: true,
        ..Stages::default()
    };
    let registry = registry();
    let a = pipeline::analyse(doc, registry, stages);
    let coded = a.coded.unwrap_or_default();
    Ok(Ingested {
        doc: a.doc,
        events: coded.events,
        quotes: coded.quotes,
        figures: coded.figures,
    })
}

/// The language packs, built once.
fn registry() -> &'static sitrep_text::LanguageRegistry {
    static REGISTRY: std::sync::OnceLock<sitrep_text::LanguageRegistry> =
        std::sync::OnceLock::new();
    REGISTRY.get_or_init(pipeline::registry)
}
