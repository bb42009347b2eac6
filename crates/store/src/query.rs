//! The read side: filtered, cursor-paginated event lists, one event with its sources and
//! evidence, one document with its annotated spans, and statistics.
//!
//! Pages are ordered newest first by `(date_start, id)`, and the cursor is the last row's
//! `(date_start, id)`: a page costs an index range scan however deep it is (no OFFSET).

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};

use crate::schema::COUNT_KINDS;
use crate::{
    Bucket, CountRange, DocumentDetail, DocumentReport, Error, EventDetail, EventFilter, EventPage,
    EventSummary, EvidenceSpan, ReportDetail, Result, Stats, Store,
};

/// The columns [`summary_of`] reads, in order.
pub(crate) fn summary_columns() -> String {
    let mut s = String::from(
        "e.id, e.event_type, e.date_start, e.date_end, e.date_precision, e.location, e.admin1,
         e.country, e.lat, e.lon, e.geo_precision, e.n_sources, e.n_reports, e.actor, e.recipient",
    );
    for k in COUNT_KINDS {
        s.push_str(&format!(", e.{k}_best, e.{k}_low, e.{k}_high"));
    }
    s
}

/// Number of columns of [`summary_columns`].
pub(crate) const SUMMARY_WIDTH: usize = 15 + 3 * COUNT_KINDS.len();

fn nonempty(s: Option<String>) -> Option<String> {
    s.filter(|x| !x.is_empty())
}

/// Reads an [`EventSummary`] from a row that starts with [`summary_columns`].
pub(crate) fn summary_of(r: &rusqlite::Row) -> rusqlite::Result<EventSummary> {
    let json = |i: usize| -> rusqlite::Result<serde_json::Value> {
        let s: String = r.get(i)?;
        Ok(serde_json::from_str(&s).unwrap_or(serde_json::Value::Array(vec![])))
    };
    let mut counts = [None; 5];
    for (i, c) in counts.iter_mut().enumerate() {
        let b = 15 + 3 * i;
        if let (Some(best), Some(low), Some(high)) = (
            r.get::<_, Option<f64>>(b)?,
            r.get::<_, Option<f64>>(b + 1)?,
            r.get::<_, Option<f64>>(b + 2)?,
        ) {
            *c = Some(CountRange { best, low, high });
        }
    }
    Ok(EventSummary {
        id: r.get(0)?,
        event_type: r.get(1)?,
        date_start: nonempty(r.get(2)?),
        date_end: nonempty(r.get(3)?),
        date_precision: nonempty(r.get(4)?),
        location: r.get(5)?,
        admin1: r.get(6)?,
        country: r.get(7)?,
        lat: r.get(8)?,
        lon: r.get(9)?,
        geo_precision: r.get(10)?,
        n_sources: r.get(11)?,
        n_reports: r.get(12)?,
        actor: json(13)?,
        recipient: json(14)?,
        killed: counts[0],
        injured: counts[1],
        arrested: counts[2],
        abducted: counts[3],
        displaced: counts[4],
    })
}

/// Boxes smaller than this (in square degrees, about 110 km by 110 km at the equator) are looked
/// up in the R*Tree; bigger ones are tested row by row along the date order.
const BBOX_RTREE_MAX_AREA: f64 = 1.0;

/// The `WHERE` clause of a filter over `events e`, and its bound values.
pub(crate) fn where_clause(f: &EventFilter) -> (String, Vec<Value>) {
    let mut conds: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    let mut bind = |cond: &str, v: Vec<Value>| {
        let mut c = cond.to_string();
        for x in v {
            values.push(x);
            // `$` marks a value; it becomes a numbered `?N` as it is bound, so conditions compose.
            c = c.replacen('$', &format!("?{}", values.len()), 1);
        }
        conds.push(c);
    };
    if let Some(d) = f.since {
        bind("e.date_start >= $", vec![Value::Text(d.to_string())]);
    }
    if let Some(d) = f.until {
        bind(
            "e.date_start <= $ AND e.date_start <> ''",
            vec![Value::Text(d.to_string())],
        );
    }
    if let Some(c) = &f.country {
        bind("e.country = $", vec![Value::Text(c.trim().to_uppercase())]);
    }
    if let Some(t) = f.event_type {
        bind("e.event_type = $", vec![Value::Text(t.as_str().into())]);
    }
    if let Some(a) = f.actor.as_ref().filter(|a| !a.trim().is_empty()) {
        bind(
            "instr(e.actor_names, $) > 0",
            vec![Value::Text(a.trim().to_lowercase())],
        );
    }
    if let Some(b) = f.bbox {
        let area = (b.max_lon - b.min_lon) * (b.max_lat - b.min_lat);
        if area < BBOX_RTREE_MAX_AREA {
            // A small box holds few events: fetch them from the R*Tree, then order them.
            bind(
                "e.id IN (SELECT id FROM events_rtree WHERE min_lon >= $ AND max_lon <= $
                          AND min_lat >= $ AND max_lat <= $)",
                vec![
                    Value::Real(b.min_lon),
                    Value::Real(b.max_lon),
                    Value::Real(b.min_lat),
                    Value::Real(b.max_lat),
                ],
            );
        } else {
            // A big box holds many: walking the date index newest first and testing each
            // event's point stops as soon as a page is full, where materialising every id in
            // the box from the R*Tree first cost ~0.5 s on a million events.
            bind(
                "e.lon BETWEEN $ AND $ AND e.lat BETWEEN $ AND $",
                vec![
                    Value::Real(b.min_lon),
                    Value::Real(b.max_lon),
                    Value::Real(b.min_lat),
                    Value::Real(b.max_lat),
                ],
            );
        }
    }
    if let Some(n) = f.min_sources {
        bind("e.n_sources >= $", vec![Value::Integer(n.into())]);
    }
    let clause = if conds.is_empty() {
        "1".to_string()
    } else {
        conds.join(" AND ")
    };
    (clause, values)
}

fn parse_cursor(c: &str) -> Result<(String, i64)> {
    let bad = || Error::Invalid(format!("bad cursor {c:?}"));
    let (date, id) = c.rsplit_once('_').ok_or_else(bad)?;
    let id: i64 = id.parse().map_err(|_| bad())?;
    if !(date.is_empty() || chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok()) {
        return Err(bad());
    }
    Ok((date.to_string(), id))
}

impl Store {
    /// A page of events matching `filter`, newest first. `cursor` is the `next_cursor` of the
    /// previous page; `limit` is clamped to 1..=1000.
    pub fn events(
        &self,
        filter: &EventFilter,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<EventPage> {
        let limit = limit.clamp(1, 1000);
        let (mut clause, mut values) = where_clause(filter);
        if let Some(c) = cursor {
            let (date, id) = parse_cursor(c)?;
            values.push(Value::Text(date));
            values.push(Value::Integer(id));
            clause.push_str(&format!(
                " AND (e.date_start, e.id) < (?{}, ?{})",
                values.len() - 1,
                values.len()
            ));
        }
        values.push(Value::Integer(limit as i64 + 1));
        let sql = format!(
            "SELECT {} FROM events e WHERE {clause}
             ORDER BY e.date_start DESC, e.id DESC LIMIT ?{}",
            summary_columns(),
            values.len()
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(values), summary_of)?;
        let mut events: Vec<EventSummary> = rows.collect::<rusqlite::Result<_>>()?;
        let next_cursor = if events.len() > limit {
            events.truncate(limit);
            events
                .last()
                .map(|e| format!("{}_{}", e.date_start.as_deref().unwrap_or(""), e.id))
        } else {
            None
        };
        Ok(EventPage {
            events,
            next_cursor,
        })
    }

    /// One event with its reports, their documents and their evidence spans.
    pub fn event(&self, id: i64) -> Result<Option<EventDetail>> {
        let sql = format!(
            "SELECT {}, e.sources FROM events e WHERE e.id = ?1",
            summary_columns()
        );
        let Some((event, sources)) = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], |r| {
                Ok((summary_of(r)?, r.get::<_, String>(SUMMARY_WIDTH)?))
            })
            .optional()?
        else {
            return Ok(None);
        };
        let sources: Vec<String> = serde_json::from_str(&sources).unwrap_or_default();
        let mut st = self.conn.prepare_cached(
            "SELECT r.record_id, r.doc_id, d.title, d.url, d.published, r.record
             FROM reports r JOIN documents d ON d.id = r.doc_id
             WHERE r.cluster_id = ?1 ORDER BY r.id",
        )?;
        let rows = st.query_map([id], |r| {
            let record: String = r.get(5)?;
            Ok(ReportDetail {
                record_id: r.get(0)?,
                doc_id: r.get(1)?,
                doc_title: r.get(2)?,
                doc_url: r.get(3)?,
                published: r.get(4)?,
                record: serde_json::from_str(&record).unwrap_or(serde_json::Value::Null),
                evidence: Vec::new(),
            })
        })?;
        let mut reports: Vec<ReportDetail> = rows.collect::<rusqlite::Result<_>>()?;
        for rep in &mut reports {
            rep.evidence = self.evidence_where(
                "doc_id = ?1 AND record_kind = 'event' AND record_id = ?2",
                params![rep.doc_id, rep.record_id],
            )?;
        }
        Ok(Some(EventDetail {
            event,
            sources,
            reports,
        }))
    }

    fn evidence_where(&self, cond: &str, p: impl rusqlite::Params) -> Result<Vec<EvidenceSpan>> {
        let sql = format!(
            "SELECT record_kind, record_id, field, text, start, end, byte_start, byte_end,
                    sentence_start, sentence_end
             FROM evidence WHERE {cond} ORDER BY start, id"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(p, |r| {
            Ok(EvidenceSpan {
                record_kind: r.get(0)?,
                record_id: r.get(1)?,
                field: r.get(2)?,
                text: r.get(3)?,
                start: r.get::<_, i64>(4)? as usize,
                end: r.get::<_, i64>(5)? as usize,
                byte_start: r.get::<_, i64>(6)? as usize,
                byte_end: r.get::<_, i64>(7)? as usize,
                sentence_start: r.get::<_, Option<i64>>(8)?.map(|x| x as usize),
                sentence_end: r.get::<_, Option<i64>>(9)?.map(|x| x as usize),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One document with its text, its event reports and every annotated span.
    pub fn document(&self, id: &str) -> Result<Option<DocumentDetail>> {
        let doc = self
            .conn
            .prepare_cached(
                "SELECT id, source_path, source_item, format, url, canonical_url, title,
                        published, language, content_hash, notes, ingested_at, text
                 FROM documents WHERE id = ?1",
            )?
            .query_row([id], |r| {
                let notes: String = r.get(10)?;
                Ok(DocumentDetail {
                    id: r.get(0)?,
                    source_path: r.get(1)?,
                    source_item: r.get::<_, Option<i64>>(2)?.map(|x| x as u64),
                    format: r.get(3)?,
                    url: r.get(4)?,
                    canonical_url: r.get(5)?,
                    title: r.get(6)?,
                    published: r.get(7)?,
                    language: r.get(8)?,
                    content_hash: r.get(9)?,
                    notes: serde_json::from_str(&notes).unwrap_or_default(),
                    ingested_at: r.get(11)?,
                    text: r.get(12)?,
                    reports: Vec::new(),
                    spans: Vec::new(),
                })
            })
            .optional()?;
        let Some(mut doc) = doc else { return Ok(None) };
        {
            let mut st = self.conn.prepare_cached(
                "SELECT record_id, event_type, modality, cluster_id FROM reports
                 WHERE doc_id = ?1 ORDER BY id",
            )?;
            let rows = st.query_map([id], |r| {
                Ok(DocumentReport {
                    record_id: r.get(0)?,
                    event_type: r.get(1)?,
                    modality: r.get(2)?,
                    event_id: r.get(3)?,
                })
            })?;
            doc.reports = rows.collect::<rusqlite::Result<_>>()?;
        }
        doc.spans = self.evidence_where("doc_id = ?1", [id])?;
        Ok(Some(doc))
    }

    /// Event counts (and killed sums) by day, type and country for the events `filter` covers.
    pub fn stats(&self, filter: &EventFilter) -> Result<Stats> {
        let (clause, values) = where_clause(filter);
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM events e WHERE {clause}"),
            rusqlite::params_from_iter(values.iter()),
            |r| r.get(0),
        )?;
        let buckets = |key: &str, extra: &str, order: &str| -> Result<Vec<Bucket>> {
            let sql = format!(
                "SELECT {key}, count(*), coalesce(sum(e.killed_best), 0) FROM events e
                 WHERE {clause} {extra} GROUP BY 1 ORDER BY {order}"
            );
            let mut st = self.conn.prepare_cached(&sql)?;
            let rows = st.query_map(rusqlite::params_from_iter(values.iter()), |r| {
                Ok(Bucket {
                    key: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                    events: r.get::<_, i64>(1)? as u64,
                    killed: r.get(2)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(Stats {
            events: total as u64,
            by_day: buckets("e.date_start", "AND e.date_start <> ''", "1")?,
            by_type: buckets("e.event_type", "", "2 DESC, 1")?,
            by_country: buckets("e.country", "", "2 DESC, 1")?,
        })
    }
}
