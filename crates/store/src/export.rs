//! Streaming exports of events: rows are read from one SQLite cursor and written as they come,
//! so exporting millions of events takes the memory of one row (one row group for Parquet).
//!
//! Every row is an event (a cluster across sources), not a report: its record is the
//! representative report's, rewritten with the event's date, place and reconciled counts.
//! The ACLED CSV and CAMEO TSV rows come from `sitrep_events::export`, the same builders as
//! `sitrep extract`, so the columns match ACLED's names exactly.

use std::io::Write;

use rusqlite::Row;
use sitrep_events::{export as rows, EventRecord};

use crate::query::{record_evidence, summary_columns, summary_of, where_clause, SUMMARY_WIDTH};
use crate::{EventFilter, EventSummary, Result, Store};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One PLOVER-style JSON record per event, with its sources and reconciled counts.
    PloverJsonl,
    /// ACLED's CSV columns (events in ACLED's scope only).
    AcledCsv,
    /// GDELT-like CAMEO TSV.
    CameoTsv,
    /// A GeoJSON FeatureCollection of points (events with coordinates only).
    GeoJson,
    /// Apache Parquet, one row per event (needs the `parquet` feature).
    Parquet,
}

impl ExportFormat {
    /// Every format's name, as the command line spells it.
    pub const NAMES: [&'static str; 5] = [
        "plover-jsonl",
        "acled-csv",
        "cameo-tsv",
        "geojson",
        "parquet",
    ];

    /// The command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::PloverJsonl => "plover-jsonl",
            ExportFormat::AcledCsv => "acled-csv",
            ExportFormat::CameoTsv => "cameo-tsv",
            ExportFormat::GeoJson => "geojson",
            ExportFormat::Parquet => "parquet",
        }
    }
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<ExportFormat, String> {
        Ok(match s {
            "plover-jsonl" | "jsonl" => ExportFormat::PloverJsonl,
            "acled-csv" => ExportFormat::AcledCsv,
            "cameo-tsv" => ExportFormat::CameoTsv,
            "geojson" => ExportFormat::GeoJson,
            "parquet" => ExportFormat::Parquet,
            other => {
                return Err(format!(
                    "unknown export format {other:?} (expected one of {})",
                    ExportFormat::NAMES.join(", ")
                ))
            }
        })
    }
}

/// One exported event: its summary, its rewritten record, sources and notes.
pub(crate) struct ExportRow {
    pub summary: EventSummary,
    pub record: String,
    pub sources: Vec<String>,
    pub notes: String,
    /// The document and record id of the report whose record stands for the event (whose
    /// evidence the event's PLOVER record carries).
    pub rep: Option<(String, String)>,
}

fn export_row(r: &Row) -> rusqlite::Result<ExportRow> {
    let sources: String = r.get(SUMMARY_WIDTH + 1)?;
    let rep = match (
        r.get::<_, Option<String>>(SUMMARY_WIDTH + 3)?,
        r.get::<_, Option<String>>(SUMMARY_WIDTH + 4)?,
    ) {
        (Some(doc), Some(rec)) => Some((doc, rec)),
        _ => None,
    };
    Ok(ExportRow {
        summary: summary_of(r)?,
        record: r.get(SUMMARY_WIDTH)?,
        sources: serde_json::from_str(&sources).unwrap_or_default(),
        notes: r.get(SUMMARY_WIDTH + 2)?,
        rep,
    })
}

fn names(v: &serde_json::Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(|x| x.get("name")?.as_str()).collect())
        .unwrap_or_default()
}

impl Store {
    /// Writes the events `filter` covers to `writer` in `format`, oldest first, streaming.
    /// Returns the number of rows written (events outside ACLED's scope are not ACLED rows;
    /// events without coordinates are not GeoJSON points).
    pub fn export<W: Write + Send>(
        &self,
        filter: &EventFilter,
        format: ExportFormat,
        writer: W,
    ) -> Result<usize> {
        let plan = self.plan(filter)?;
        let (clause, values) = where_clause(filter, &plan);
        // Only the PLOVER records carry evidence, found through the representative report.
        let (rep, join) = if format == ExportFormat::PloverJsonl {
            (
                "rr.doc_id, rr.record_id",
                "LEFT JOIN reports rr ON rr.id = e.rep_report",
            )
        } else {
            ("NULL, NULL", "")
        };
        let sql = format!(
            "SELECT {}, e.record, e.sources, e.notes, {rep} FROM events e {join} WHERE {clause}
             ORDER BY e.date_start, e.id",
            summary_columns()
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(values))?;
        let mut next = move || -> Result<Option<ExportRow>> {
            match rows.next()? {
                Some(r) => Ok(Some(export_row(r)?)),
                None => Ok(None),
            }
        };
        match format {
            ExportFormat::PloverJsonl => plover_jsonl(&self.conn, &mut next, writer),
            ExportFormat::AcledCsv | ExportFormat::CameoTsv => {
                delimited(&mut next, format == ExportFormat::AcledCsv, writer)
            }
            ExportFormat::GeoJson => geojson(&mut next, writer),
            ExportFormat::Parquet => parquet_out(&mut next, writer),
        }
    }
}

type Next<'a> = dyn FnMut() -> Result<Option<ExportRow>> + 'a;

/// What the stored records hold in place of their evidence (`serde_json` writes it so).
const NO_EVIDENCE: &str = "\"evidence\":[]";

/// One JSON object per line: the event's record as stored (the representative report's,
/// rewritten with the event's date, place and counts) with its evidence put back, then
/// `event_id`, `n_sources`, `n_reports`, `sources` and `counts_reconciled`. The record's text
/// is spliced rather than parsed and written again: its fields keep the order `sitrep extract`
/// writes them in, and the export does not build a tree per event.
fn plover_jsonl<W: Write>(conn: &rusqlite::Connection, next: &mut Next, mut w: W) -> Result<usize> {
    let mut n = 0;
    while let Some(row) = next()? {
        let record = row.record.trim();
        let body = match record.strip_suffix('}') {
            Some(b) if record.starts_with('{') => b,
            // Not an object (never written by this crate): the extra fields alone.
            _ => "{",
        };
        match (&row.rep, body.find(NO_EVIDENCE)) {
            (Some((doc, rec)), Some(at)) => {
                w.write_all(&body.as_bytes()[..at])?;
                w.write_all(b"\"evidence\":")?;
                serde_json::to_writer(&mut w, &record_evidence(conn, doc, rec)?)?;
                w.write_all(&body.as_bytes()[at + NO_EVIDENCE.len()..])?;
            }
            _ => w.write_all(body.as_bytes())?,
        }
        if body.trim_end() != "{" {
            w.write_all(b",")?;
        }
        let s = &row.summary;
        let mut counts = serde_json::Map::new();
        for (k, c) in [
            ("killed", s.killed),
            ("injured", s.injured),
            ("arrested", s.arrested),
            ("abducted", s.abducted),
            ("displaced", s.displaced),
        ] {
            if let Some(c) = c {
                counts.insert(k.into(), serde_json::to_value(c)?);
            }
        }
        writeln!(
            w,
            "\"event_id\":{},\"n_sources\":{},\"n_reports\":{},\"sources\":{},\"counts_reconciled\":{}}}",
            s.id,
            s.n_sources,
            s.n_reports,
            serde_json::to_string(&row.sources)?,
            serde_json::Value::Object(counts)
        )?;
        n += 1;
    }
    w.flush()?;
    Ok(n)
}

fn delimited<W: Write>(next: &mut Next, acled: bool, w: W) -> Result<usize> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(if acled { b',' } else { b'\t' })
        .from_writer(w);
    if acled {
        out.write_record(rows::ACLED_COLUMNS)?;
    } else {
        out.write_record(rows::CAMEO_COLUMNS)?;
    }
    let mut n = 0;
    while let Some(row) = next()? {
        let Ok(rec) = serde_json::from_str::<EventRecord>(&row.record) else {
            continue;
        };
        if acled {
            let source = row.sources.join("; ");
            if let Some(r) = rows::acled_row(&rec, &source, &row.notes) {
                out.write_record(&r)?;
                n += 1;
            }
        } else {
            let source = row.sources.first().map(String::as_str).unwrap_or("");
            out.write_record(rows::cameo_row(&rec, source))?;
            n += 1;
        }
    }
    out.flush()?;
    Ok(n)
}

fn geojson<W: Write>(next: &mut Next, mut w: W) -> Result<usize> {
    w.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    let mut n = 0;
    while let Some(row) = next()? {
        let s = &row.summary;
        let (Some(lat), Some(lon)) = (s.lat, s.lon) else {
            continue;
        };
        let feature = serde_json::json!({
            "type": "Feature",
            "id": s.id,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "id": s.id,
                "event_type": s.event_type,
                "date_start": s.date_start,
                "date_end": s.date_end,
                "date_precision": s.date_precision,
                "location": s.location,
                "admin1": s.admin1,
                "country": s.country,
                "geo_precision": s.geo_precision,
                "n_sources": s.n_sources,
                "killed": s.killed.map(|c| c.best),
                "injured": s.injured.map(|c| c.best),
                "actor": names(&s.actor).join("; "),
                "recipient": names(&s.recipient).join("; "),
            }
        });
        if n > 0 {
            w.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut w, &feature)?;
        n += 1;
    }
    w.write_all(b"\n]}\n")?;
    w.flush()?;
    Ok(n)
}

#[cfg(not(feature = "parquet"))]
fn parquet_out<W: Write + Send>(_: &mut Next, _: W) -> Result<usize> {
    Err(crate::Error::Invalid(
        "this sitrep was built without Parquet support (cargo feature `parquet`)".into(),
    ))
}

#[cfg(feature = "parquet")]
fn parquet_out<W: Write + Send>(next: &mut Next, w: W) -> Result<usize> {
    use std::sync::Arc;

    use arrow_array::builder::{Date32Builder, Float64Builder, Int64Builder, StringBuilder};
    use arrow_array::{ArrayRef, RecordBatch};
    use arrow_schema::{DataType, Field, Schema};
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;

    const COUNT_NAMES: [&str; 5] = ["killed", "injured", "arrested", "abducted", "displaced"];
    // Rows per record batch and per row group: a row group is held in memory until written, so
    // this bounds the export's memory whatever the number of events.
    const BATCH: usize = 8192;
    const ROW_GROUP: usize = 65536;

    let mut fields = vec![
        Field::new("id", DataType::Int64, false),
        Field::new("event_type", DataType::Utf8, false),
        Field::new("date_start", DataType::Date32, true),
        Field::new("date_end", DataType::Date32, true),
        Field::new("date_precision", DataType::Utf8, true),
        Field::new("location", DataType::Utf8, true),
        Field::new("admin1", DataType::Utf8, true),
        Field::new("country", DataType::Utf8, true),
        Field::new("latitude", DataType::Float64, true),
        Field::new("longitude", DataType::Float64, true),
        Field::new("geo_precision", DataType::Int64, true),
        Field::new("n_sources", DataType::Int64, false),
        Field::new("n_reports", DataType::Int64, false),
    ];
    for k in COUNT_NAMES {
        for part in ["best", "low", "high"] {
            fields.push(Field::new(format!("{k}_{part}"), DataType::Float64, true));
        }
    }
    for f in [
        "actor1",
        "actor1_country",
        "actor2",
        "actor2_country",
        "sources",
        "notes",
    ] {
        fields.push(Field::new(f, DataType::Utf8, true));
    }
    let schema = Arc::new(Schema::new(fields));
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_size(ROW_GROUP)
        .build();
    let mut writer = ArrowWriter::try_new(w, schema.clone(), Some(props))?;

    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let day = |s: &Option<String>| -> Option<i32> {
        let d: chrono::NaiveDate = s.as_deref()?.parse().ok()?;
        i32::try_from((d - epoch).num_days()).ok()
    };
    let first = |v: &serde_json::Value, key: &str| -> Option<String> {
        Some(v.as_array()?.first()?.get(key)?.as_str()?.to_string())
    };

    let mut n = 0;
    let mut done = false;
    while !done {
        let mut id = Int64Builder::with_capacity(BATCH);
        let mut strings: Vec<StringBuilder> = (0..6).map(|_| StringBuilder::new()).collect();
        let mut date_start = Date32Builder::with_capacity(BATCH);
        let mut date_end = Date32Builder::with_capacity(BATCH);
        let mut floats: Vec<Float64Builder> = (0..2 + 15)
            .map(|_| Float64Builder::with_capacity(BATCH))
            .collect();
        let mut ints: Vec<Int64Builder> =
            (0..3).map(|_| Int64Builder::with_capacity(BATCH)).collect();
        let mut tail: Vec<StringBuilder> = (0..6).map(|_| StringBuilder::new()).collect();
        let mut in_batch = 0;
        while in_batch < BATCH {
            let Some(row) = next()? else {
                done = true;
                break;
            };
            let s = &row.summary;
            id.append_value(s.id);
            strings[0].append_value(&s.event_type);
            date_start.append_option(day(&s.date_start));
            date_end.append_option(day(&s.date_end));
            strings[1].append_option(s.date_precision.as_deref());
            strings[2].append_option(s.location.as_deref());
            strings[3].append_option(s.admin1.as_deref());
            strings[4].append_option(s.country.as_deref());
            floats[0].append_option(s.lat);
            floats[1].append_option(s.lon);
            ints[0].append_option(s.geo_precision.map(i64::from));
            ints[1].append_value(s.n_sources.into());
            ints[2].append_value(s.n_reports.into());
            for (i, c) in [s.killed, s.injured, s.arrested, s.abducted, s.displaced]
                .into_iter()
                .enumerate()
            {
                floats[2 + 3 * i].append_option(c.map(|c| c.best));
                floats[3 + 3 * i].append_option(c.map(|c| c.low));
                floats[4 + 3 * i].append_option(c.map(|c| c.high));
            }
            tail[0].append_option(first(&s.actor, "name"));
            tail[1].append_option(first(&s.actor, "country"));
            tail[2].append_option(first(&s.recipient, "name"));
            tail[3].append_option(first(&s.recipient, "country"));
            tail[4].append_value(row.sources.join("; "));
            tail[5].append_value(&row.notes);
            in_batch += 1;
        }
        if in_batch == 0 {
            break;
        }
        let mut cols: Vec<ArrayRef> = vec![
            Arc::new(id.finish()),
            Arc::new(strings[0].finish()),
            Arc::new(date_start.finish()),
            Arc::new(date_end.finish()),
        ];
        for b in strings.iter_mut().skip(1).take(4) {
            cols.push(Arc::new(b.finish()));
        }
        cols.push(Arc::new(floats[0].finish()));
        cols.push(Arc::new(floats[1].finish()));
        for b in ints.iter_mut() {
            cols.push(Arc::new(b.finish()));
        }
        for b in floats.iter_mut().skip(2) {
            cols.push(Arc::new(b.finish()));
        }
        for b in tail.iter_mut() {
            cols.push(Arc::new(b.finish()));
        }
        let batch = RecordBatch::try_new(schema.clone(), cols)?;
        writer.write(&batch)?;
        n += in_batch;
    }
    writer.close()?;
    Ok(n)
}
