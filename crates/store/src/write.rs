//! Writing documents and their records: one transaction per batch, idempotent by content hash.

use std::collections::BTreeSet;

use rusqlite::{params, OptionalExtension, Transaction};
use sitrep_core::Span;
use sitrep_events::EventRecord;

use crate::cluster::{self, Profile};
use crate::schema::COUNT_KINDS;
use crate::{now, BatchSummary, Ingested, Result, Store};

impl Store {
    /// Stores a batch of documents with their records, in one transaction: either the whole
    /// batch is committed or nothing of it is (a killed process loses at most this batch).
    ///
    /// A document whose id is stored with the same content hash is skipped. One stored with
    /// another hash (a changed page) has its old reports, quotes, figures and evidence removed,
    /// the events they belonged to recomputed, and the new version's records written and
    /// clustered.
    pub fn write_batch(&mut self, items: &[Ingested]) -> Result<BatchSummary> {
        let tx = self.conn.transaction()?;
        let mut sum = BatchSummary::default();
        let at = now();
        for item in items {
            write_one(&tx, item, &at, &mut sum)?;
        }
        tx.commit()?;
        Ok(sum)
    }
}

fn write_one(tx: &Transaction, item: &Ingested, at: &str, sum: &mut BatchSummary) -> Result<()> {
    let doc = &item.doc;
    let stored: Option<String> = tx
        .prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")?
        .query_row([&doc.id], |r| r.get(0))
        .optional()?;
    let notes = serde_json::to_string(&doc.notes)?;
    let published = doc.published.as_ref().map(|p| p.date.to_string());
    // One parameter list for both statements: a changed page keeps its id and takes the new
    // values, a new page is inserted with them.
    let sql = match stored {
        Some(h) if h == doc.content_hash => {
            sum.unchanged += 1;
            return Ok(());
        }
        Some(_) => {
            remove_records(tx, &doc.id)?;
            sum.replaced += 1;
            "UPDATE documents SET source_path = ?2, source_item = ?3, format = ?4, url = ?5,
               canonical_url = ?6, title = ?7, published = ?8, language = ?9, text = ?10,
               content_hash = ?11, notes = ?12, ingested_at = ?13
             WHERE id = ?1"
        }
        None => {
            sum.new += 1;
            "INSERT INTO documents (id, source_path, source_item, format, url, canonical_url,
               title, published, language, text, content_hash, notes, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
        }
    };
    tx.prepare_cached(sql)?.execute(params![
        doc.id,
        doc.source.path,
        doc.source.item.map(|i| i as i64),
        doc.source.format,
        doc.url,
        doc.canonical_url,
        doc.title,
        published,
        doc.language,
        doc.text,
        doc.content_hash,
        notes,
        at
    ])?;

    // Evidence rows are numbered in the order they are written, per document.
    let mut seq = 0i64;
    for e in &item.events {
        let row = insert_report(tx, &doc.id, e)?;
        for ev in &e.evidence {
            insert_evidence(
                tx,
                &mut seq,
                &doc.id,
                "event",
                &e.id,
                &ev.field,
                &ev.text,
                ev.span,
                Some(ev.sentence),
            )?;
        }
        sum.reports += 1;
        if cluster::is_event(e.modality) {
            let profile = Profile::of_record(e);
            match cluster::best_match(tx, &profile)? {
                Some((event, _)) => {
                    let source = doc.url.as_deref().unwrap_or(&doc.source.path);
                    cluster::join(tx, row, event, e, source)?;
                    sum.reports_joined += 1;
                }
                None => {
                    cluster::create(tx, row, &profile, e.event_type.as_str())?;
                    sum.events_created += 1;
                }
            }
        }
    }
    for q in &item.quotes {
        tx.prepare_cached(
            "INSERT INTO quotes (record_id, doc_id, text, start, end, speaker, verb, record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            q.id,
            doc.id,
            q.text,
            q.span.start as i64,
            q.span.end as i64,
            q.speaker.as_ref().map(|s| s.name.clone()),
            q.verb,
            serde_json::to_string(q)?
        ])?;
        insert_evidence(
            tx, &mut seq, &doc.id, "quote", &q.id, "quote", &q.text, q.span, None,
        )?;
        if let Some(s) = &q.speaker {
            insert_evidence(
                tx, &mut seq, &doc.id, "quote", &q.id, "speaker", &s.mention, s.span, None,
            )?;
        }
        if let (Some(v), Some(span)) = (&q.verb, q.verb_span) {
            insert_evidence(tx, &mut seq, &doc.id, "quote", &q.id, "verb", v, span, None)?;
        }
        sum.quotes += 1;
    }
    for f in &item.figures {
        tx.prepare_cached(
            "INSERT INTO figures (record_id, doc_id, kind, best, min, max, country, lat, lon,
               date_start, record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            f.id,
            doc.id,
            f.kind,
            f.value.best,
            f.value.min,
            f.value.max,
            f.location.as_ref().map(|l| l.country.clone()),
            f.location.as_ref().map(|l| l.lat),
            f.location.as_ref().map(|l| l.lon),
            f.date.as_ref().and_then(|d| d.start).map(|d| d.to_string()),
            serde_json::to_string(f)?
        ])?;
        let words = f.value.span.slice(&doc.text);
        insert_evidence(
            tx,
            &mut seq,
            &doc.id,
            "figure",
            &f.id,
            &f.kind,
            words,
            f.value.span,
            Some(f.sentence),
        )?;
        sum.figures += 1;
    }
    Ok(())
}

/// Removes a document's records (not the document) and recomputes the events they were in.
fn remove_records(tx: &Transaction, doc_id: &str) -> Result<()> {
    let events: BTreeSet<i64> = {
        let mut st = tx.prepare_cached(
            "SELECT DISTINCT cluster_id FROM reports WHERE doc_id = ?1 AND cluster_id IS NOT NULL",
        )?;
        let rows = st.query_map([doc_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for table in ["evidence", "reports", "quotes", "figures"] {
        // Table names are constants of ours.
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE doc_id = ?1"))?
            .execute([doc_id])?;
    }
    for e in events {
        cluster::recompute(tx, e)?;
    }
    Ok(())
}

fn insert_report(tx: &Transaction, doc_id: &str, e: &EventRecord) -> Result<i64> {
    use rusqlite::types::Value as V;
    let mut cols = String::from(
        "record_id, doc_id, event_type, mode, modality, date_start, date_end, date_precision,
         date_source, location, admin1, country, lat, lon, geo_precision, actor, recipient,
         confidence, record",
    );
    for k in COUNT_KINDS {
        cols.push_str(&format!(", {k}_best, {k}_min, {k}_max"));
    }
    let n = 19 + 3 * COUNT_KINDS.len();
    let placeholders: Vec<String> = (1..=n).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO reports ({cols}) VALUES ({})",
        placeholders.join(", ")
    );
    let s = |x: Option<String>| x.map(V::Text).unwrap_or(V::Null);
    let f = |x: Option<f64>| x.map(V::Real).unwrap_or(V::Null);
    let date = e.date.as_ref();
    let loc = e.location.as_ref();
    let modality = serde_json::to_value(e.modality)?
        .as_str()
        .unwrap_or("asserted")
        .to_string();
    let mut v: Vec<V> = vec![
        V::Text(e.id.clone()),
        V::Text(doc_id.to_string()),
        V::Text(e.event_type.as_str().to_string()),
        s(e.mode.clone()),
        V::Text(modality),
        s(date.and_then(|d| d.start).map(|d| d.to_string())),
        s(date.and_then(|d| d.end).map(|d| d.to_string())),
        s(date.map(|d| d.precision.clone())),
        s(date.map(|d| d.source.clone())),
        s(loc.map(|l| l.name.clone())),
        s(loc.and_then(|l| l.admin1.clone())),
        s(loc.map(|l| l.country.clone())),
        f(loc.map(|l| l.lat)),
        f(loc.map(|l| l.lon)),
        loc.map(|l| V::Integer(l.precision.into()))
            .unwrap_or(V::Null),
        V::Text(serde_json::to_string(&e.actor)?),
        V::Text(serde_json::to_string(&e.recipient)?),
        V::Real(f64::from(e.confidence)),
        V::Text(slim_record(e)?),
    ];
    let c = &e.counts;
    for count in [
        &c.killed,
        &c.injured,
        &c.arrested,
        &c.abducted,
        &c.displaced,
    ] {
        match count {
            Some(k) => v.extend([V::Real(k.best), f(k.min), f(k.max)]),
            None => v.extend([V::Null, V::Null, V::Null]),
        }
    }
    tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(v))?;
    Ok(tx.last_insert_rowid())
}

/// A record as stored: without its evidence list, which the `evidence` table holds (readers put
/// it back, see `query::restore_evidence`). Half of a record's JSON was that copy.
pub(crate) fn slim_record(e: &EventRecord) -> Result<String> {
    let slim = EventRecord {
        evidence: Vec::new(),
        ..e.clone()
    };
    Ok(serde_json::to_string(&slim)?)
}

#[allow(clippy::too_many_arguments)]
fn insert_evidence(
    tx: &Transaction,
    seq: &mut i64,
    doc_id: &str,
    kind: &str,
    record_id: &str,
    field: &str,
    text: &str,
    span: Span,
    sentence: Option<Span>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO evidence (doc_id, record_kind, record_id, seq, field, start, end,
           byte_start, byte_end, text, sentence_start, sentence_end, sentence_byte_start,
           sentence_byte_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        doc_id,
        kind,
        record_id,
        *seq,
        field,
        span.start as i64,
        span.end as i64,
        span.byte_start as i64,
        span.byte_end as i64,
        text,
        sentence.map(|s| s.start as i64),
        sentence.map(|s| s.end as i64),
        sentence.map(|s| s.byte_start as i64),
        sentence.map(|s| s.byte_end as i64)
    ])?;
    *seq += 1;
    Ok(())
}
