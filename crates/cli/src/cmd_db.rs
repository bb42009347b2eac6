//! `sitrep db check`: verify a database (SQLite integrity, foreign keys, orphan evidence,
//! events whose source counts disagree with their reports).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};

/// `sitrep db` options.
#[derive(Args)]
pub struct DbArgs {
    #[command(subcommand)]
    pub command: DbCommand,
}

/// Database maintenance.
#[derive(Subcommand)]
pub enum DbCommand {
    /// Check integrity: exit 0 when sound, 1 when something is wrong (printed as JSON).
    Check {
        /// The database.
        #[arg(long, default_value = "sitrep.db")]
        db: PathBuf,
    },
}

pub fn run(args: DbArgs) -> Result<ExitCode> {
    match args.command {
        DbCommand::Check { db } => {
            let store = crate::cmd_export::open_existing(&db)?;
            let report = store.check()?;
            let totals = store.totals()?;
            println!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({
                    "ok": report.ok(),
                    "check": report,
                    "totals": totals,
                }))?
            );
            if report.ok() {
                eprintln!("sitrep: {}: ok", db.display());
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("sitrep: {}: problems found", db.display());
                Ok(ExitCode::from(1))
            }
        }
    }
}
