//! `sitrep-eval`: runs the measurements from the command line.
//!
//! ```text
//! sitrep-eval timebank [DIR] [--json] [--errors N]
//! ```
//! `DIR` defaults to `/work/shared/gold/fr-timebank`.

use std::path::PathBuf;
use std::process::ExitCode;

use sitrep_eval::{timebank_with, Config};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut dir = PathBuf::from("/work/shared/gold/fr-timebank");
    let mut json = false;
    let mut config = Config::default();
    match args.next().as_deref() {
        Some("timebank") => {}
        _ => {
            eprintln!("usage: sitrep-eval timebank [DIR] [--json] [--errors N]");
            return ExitCode::from(2);
        }
    }
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--errors" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => config.errors = n,
                None => {
                    eprintln!("--errors needs a number");
                    return ExitCode::from(2);
                }
            },
            _ => dir = PathBuf::from(a),
        }
    }
    match timebank_with(&dir, &sitrep_lang_fr::French, &config) {
        Ok(report) if json => match serde_json::to_string_pretty(&report) {
            Ok(s) => {
                println!("{s}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
