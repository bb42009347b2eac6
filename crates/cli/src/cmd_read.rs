//! `sitrep read`: documents with their text layer, as JSON lines or readable text.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;
use sitrep_core::Document;
use sitrep_text::{Analysis, Token};

use crate::pipeline::{self, Analysed};
use crate::ReadArgs;

/// One output line of `sitrep read --format json`.
#[derive(Serialize)]
struct ReadRecord<'a> {
    #[serde(flatten)]
    doc: &'a Document,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    analysis: Option<&'a Analysis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<&'a [Token]>,
}

pub fn run(args: ReadArgs) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let json = args.format == "json";
    let tally =
        pipeline::run_documents(&args.input, pipeline::Stages::default(), |a: Analysed| {
            if json {
                let rec = ReadRecord {
                    doc: &a.doc,
                    analysis: a.analysis.as_ref(),
                    tokens: if args.tokens {
                        a.analysis.as_ref().map(|x| x.tokens.as_slice())
                    } else {
                        None
                    },
                };
                serde_json::to_writer(&mut out, &rec)?;
                out.write_all(b"\n")?;
            } else {
                let d = &a.doc;
                writeln!(
                    out,
                    "=== {} | {} | {} | published {}",
                    d.id,
                    d.source,
                    d.language.as_deref().unwrap_or("?"),
                    d.published
                        .as_ref()
                        .map_or("unknown".to_string(), |p| p.date.to_string())
                )?;
                writeln!(out, "{}\n", d.text)?;
            }
            Ok(())
        })?;
    out.flush()?;
    Ok(pipeline::exit_code(&tally))
}
