//! `sitrep entities`: mentions of actors and places with their resolutions, one JSON object per
//! document.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;
use sitrep_core::{Published, Source};
use sitrep_gazetteer::Mention;

use crate::pipeline::{self, Analysed, Stages};
use crate::EntitiesArgs;

#[derive(Serialize)]
struct EntitiesRecord<'a> {
    doc_id: &'a str,
    source: &'a Source,
    language: Option<&'a str>,
    published: Option<&'a Published>,
    mentions: &'a [Mention],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

pub fn run(args: EntitiesArgs) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let tally = pipeline::run_documents(
        &args.input,
        Stages {
            entities: true,
            ..Stages::default()
        },
        |a: Analysed| {
            let rec = EntitiesRecord {
                doc_id: &a.doc.id,
                source: &a.doc.source,
                language: a.doc.language.as_deref(),
                published: a.doc.published.as_ref(),
                mentions: a.mentions.as_deref().unwrap_or(&[]),
                notes: &a.doc.notes,
            };
            serde_json::to_writer(&mut out, &rec)?;
            out.write_all(b"\n")?;
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(pipeline::exit_code(&tally))
}
