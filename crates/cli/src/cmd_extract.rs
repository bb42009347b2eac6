//! `sitrep extract`: events, quotations and figures.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use sitrep_events::export;

use crate::pipeline::{self, Analysed, Stages};
use crate::ExtractArgs;

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let out = BufWriter::new(stdout.lock());
    let stages = Stages {
        events: true,
        ..Stages::default()
    };
    let tally = match args.format.as_str() {
        "jsonl" => {
            let mut out = out;
            let t = pipeline::run_documents(&args.input, stages, |a: Analysed| {
                let Some(c) = a.coded else { return Ok(()) };
                for e in &c.events {
                    serde_json::to_writer(&mut out, e)?;
                    out.write_all(b"\n")?;
                }
                for q in &c.quotes {
                    serde_json::to_writer(&mut out, q)?;
                    out.write_all(b"\n")?;
                }
                for f in &c.figures {
                    serde_json::to_writer(&mut out, f)?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            })?;
            out.into_inner().map_err(|e| e.into_error())?.flush()?;
            t
        }
        format => {
            let acled = format == "acled-csv";
            let mut w = csv::WriterBuilder::new()
                .delimiter(if acled { b',' } else { b'\t' })
                .from_writer(out);
            if acled {
                w.write_record(export::ACLED_COLUMNS)?;
            } else {
                w.write_record(export::CAMEO_COLUMNS)?;
            }
            let t = pipeline::run_documents(&args.input, stages, |a: Analysed| {
                let Some(c) = a.coded else { return Ok(()) };
                let source = a
                    .doc
                    .url
                    .clone()
                    .unwrap_or_else(|| a.doc.source.to_string());
                for e in &c.events {
                    if acled {
                        let notes = e
                            .evidence
                            .first()
                            .map(|ev| ev.sentence.slice(&a.doc.text))
                            .unwrap_or("");
                        if let Some(row) = export::acled_row(e, &source, notes) {
                            w.write_record(&row)?;
                        }
                    } else {
                        w.write_record(export::cameo_row(e, &source))?;
                    }
                }
                Ok(())
            })?;
            w.flush()?;
            t
        }
    };
    Ok(pipeline::exit_code(&tally))
}
