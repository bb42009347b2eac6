//! The read side: filtered, cursor-paginated event lists, one event with its sources and
//! evidence, one document with its annotated spans, and statistics.
//!
//! Pages are ordered newest first by `(date_start, id)`, and the cursor is the last row's
//! `(date_start, id)`: a page costs an index range scan however deep it is (no OFFSET).

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};

use sitrep_core::Span;
use sitrep_events::Evidence;

use crate::schema::{COUNT_KINDS, STATS_MAX_SOURCES};
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

// An actor or bbox filter can be answered two ways: fetch the matching events by index (the
// actor index, the R*Tree), read each one's date and sort them, which costs a row read per
// match (~4-5 us on a million events); or walk the date order newest first and test each event
// until a page is full, which passes over about `limit * events / matches` events. A bbox is
// tested inside the date index itself (~0.1 us an event); an actor by a probe of the actor
// index (~1.4 us). The two costs meet near these numbers of matches (measured on 1,000,584
// events, pages of 100: a box of 3,759 events walks in 3 ms and sorts in 18 ms, one of 599
// walks in 13 ms and sorts in 3 ms; an actor on 35,765 events walks in 3-6 ms and sorts in
// 154 ms). Near them, either way costs a few milliseconds; far from them, the wrong one costs
// up to a hundred times more.

/// Up to this many events in the box, they are fetched from the R*Tree and sorted.
pub(crate) const BBOX_BY_TREE_MAX: i64 = 1_500;
/// Up to this many events naming a matching actor, they are fetched from the actor index and
/// sorted.
pub(crate) const ACTOR_BY_INDEX_MAX: i64 = 5_000;
/// More names than this match the words (a word as short as `a`): test each event's names.
const ACTOR_NAMES_MAX: usize = 1_000;

/// How an actor filter is looked up.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ActorLookup {
    /// No event names anyone whose name contains the words.
    Nothing,
    /// The ids of the matching names (in `actor_names`), few events carry them: fetch those
    /// events from the actor index.
    Names(Vec<i64>),
    /// The ids of the matching names, many events carry them: walk the date order and probe
    /// the actor index for each event.
    Probe(Vec<i64>),
    /// Too many names match: test each event's own list of names along the date order.
    Scan(String),
}

/// The parts of a filter whose best query depends on the data, decided before the query runs
/// ([`Store::plan`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Plan {
    /// `None` when the filter names no actor.
    pub actor: Option<ActorLookup>,
    /// Whether the bbox's events are few enough to fetch from the R*Tree.
    pub bbox_by_tree: bool,
}

/// The `WHERE` clause of a filter over `events e`, and its bound values.
pub(crate) fn where_clause(f: &EventFilter, plan: &Plan) -> (String, Vec<Value>) {
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
    match &plan.actor {
        None => {}
        Some(ActorLookup::Nothing) => bind("0", vec![]),
        Some(ActorLookup::Names(ids)) => {
            let marks = vec!["$"; ids.len()].join(", ");
            bind(
                &format!("e.id IN (SELECT event_id FROM event_actors WHERE name_id IN ({marks}))"),
                ids.iter().map(|&i| Value::Integer(i)).collect(),
            );
        }
        Some(ActorLookup::Probe(ids)) => {
            let marks = vec!["$"; ids.len()].join(", ");
            bind(
                &format!(
                    "EXISTS (SELECT 1 FROM event_actors a
                             WHERE a.name_id IN ({marks}) AND a.event_id = e.id)"
                ),
                ids.iter().map(|&i| Value::Integer(i)).collect(),
            );
        }
        Some(ActorLookup::Scan(needle)) => {
            bind(
                "instr(e.actor_names, $) > 0",
                vec![Value::Text(needle.clone())],
            );
        }
    }
    if let Some(b) = f.bbox {
        let corners = vec![
            Value::Real(b.min_lon),
            Value::Real(b.max_lon),
            Value::Real(b.min_lat),
            Value::Real(b.max_lat),
        ];
        if plan.bbox_by_tree {
            // Few events in the box: fetch them from the R*Tree, then order them.
            bind(
                "e.id IN (SELECT id FROM events_rtree WHERE min_lon >= $ AND max_lon <= $
                          AND min_lat >= $ AND max_lat <= $)",
                corners,
            );
        } else {
            // Many: walking the date index newest first and testing each event's point stops
            // as soon as a page is full, where materialising every id in the box first cost
            // ~0.5 s on a million events.
            bind("e.lon BETWEEN $ AND $ AND e.lat BETWEEN $ AND $", corners);
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

/// The lower-case words an actor filter looks for, if any.
fn actor_needle(f: &EventFilter) -> Option<String> {
    f.actor
        .as_ref()
        .map(|a| a.trim().to_lowercase())
        .filter(|a| !a.is_empty())
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

/// Whether a stored record's evidence list is empty (records are stored without it since
/// schema version 2; version-1 records keep their inline copy).
pub(crate) fn lacks_evidence(record: &serde_json::Value) -> bool {
    match record.get("evidence") {
        None => true,
        Some(v) => v.as_array().is_some_and(|a| a.is_empty()),
    }
}

/// Puts an event record's evidence list back from the `evidence` table when the stored record
/// has none (a version-1 record's inline copy is left as it is).
pub(crate) fn restore_evidence(
    conn: &rusqlite::Connection,
    record: &mut serde_json::Value,
    doc_id: &str,
    record_id: &str,
) -> Result<()> {
    if !lacks_evidence(record) {
        return Ok(());
    }
    let evidence = record_evidence(conn, doc_id, record_id)?;
    if let Some(obj) = record.as_object_mut() {
        obj.insert("evidence".into(), serde_json::to_value(evidence)?);
    }
    Ok(())
}

/// The evidence of one event record, in the record's order.
pub(crate) fn record_evidence(
    conn: &rusqlite::Connection,
    doc_id: &str,
    record_id: &str,
) -> Result<Vec<Evidence>> {
    let mut st = conn.prepare_cached(
        "SELECT field, text, start, end, byte_start, byte_end, sentence_start, sentence_end,
                sentence_byte_start, sentence_byte_end
         FROM evidence WHERE doc_id = ?1 AND record_kind = 'event' AND record_id = ?2
         ORDER BY seq",
    )?;
    let rows = st.query_map([doc_id, record_id], |r| {
        let at = |i: usize| -> rusqlite::Result<usize> { Ok(r.get::<_, i64>(i)? as usize) };
        let opt = |i: usize| -> rusqlite::Result<Option<usize>> {
            Ok(r.get::<_, Option<i64>>(i)?.map(|x| x as usize))
        };
        let span = Span {
            start: at(2)?,
            end: at(3)?,
            byte_start: at(4)?,
            byte_end: at(5)?,
        };
        // Event evidence always has its sentence; its byte offsets are stored since version 2,
        // whose records are the only ones whose evidence is read from here.
        let (ss, se) = (opt(6)?.unwrap_or(span.start), opt(7)?.unwrap_or(span.end));
        let sentence = Span {
            start: ss,
            end: se,
            byte_start: opt(8)?.unwrap_or(ss),
            byte_end: opt(9)?.unwrap_or(se),
        };
        Ok(Evidence {
            field: r.get(0)?,
            text: r.get(1)?,
            span,
            sentence,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Per-bucket sums, folded into [`Stats`].
#[derive(Default)]
struct StatsFold {
    events: u64,
    by_day: std::collections::BTreeMap<String, (u64, f64)>,
    by_type: std::collections::HashMap<String, (u64, f64)>,
    by_country: std::collections::HashMap<String, (u64, f64)>,
}

fn bump(e: &mut (u64, f64), n: u64, killed: f64) {
    e.0 += n;
    e.1 += killed;
}

/// Conditions over one statistics table, with their bound values: each `$` is the next value.
#[derive(Clone, Default)]
struct Conds {
    sql: Vec<String>,
    values: Vec<Value>,
}

impl Conds {
    /// Adds `cond`, whose `$`, if any, is `v`.
    fn and(mut self, cond: &str, v: Option<Value>) -> Conds {
        self.sql.push(cond.to_string());
        self.values.extend(v);
        self
    }

    /// Adds `cond`, whose `$`s are `vs` in order.
    fn and_all(mut self, cond: &str, vs: Vec<Value>) -> Conds {
        self.sql.push(cond.to_string());
        self.values.extend(vs);
        self
    }

    /// The `WHERE` clause, `$`s numbered.
    fn clause(&self) -> String {
        if self.sql.is_empty() {
            return "1".into();
        }
        let mut out = String::new();
        let mut n = 0;
        for ch in self.sql.join(" AND ").chars() {
            if ch == '$' {
                n += 1;
                out.push_str(&format!("?{n}"));
            } else {
                out.push(ch);
            }
        }
        out
    }
}

/// `YYYY-MM` of a day.
fn month_of(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

/// The first day of the month after `d`'s.
fn next_month(d: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    chrono::NaiveDate::from_ymd_opt(y, m, 1)
}

/// The first day of `d`'s month.
fn month_start(d: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    d.with_day(1)
}

impl StatsFold {
    /// Counts `n` events in the total and the type and country bars.
    fn add_bars(&mut self, event_type: String, country: String, n: u64, killed: f64) {
        self.events += n;
        bump(self.by_type.entry(event_type).or_default(), n, killed);
        bump(self.by_country.entry(country).or_default(), n, killed);
    }

    /// Counts `n` events on the timeline (undated ones are left out).
    fn add_day(&mut self, day: String, n: u64, killed: f64) {
        if !day.is_empty() {
            bump(self.by_day.entry(day).or_default(), n, killed);
        }
    }

    fn finish(self) -> Stats {
        let bucket = |(key, (events, killed)): (String, (u64, f64))| Bucket {
            key,
            events,
            killed,
        };
        // Most frequent first, then by key.
        let ranked = |m: std::collections::HashMap<String, (u64, f64)>| {
            let mut v: Vec<Bucket> = m.into_iter().map(bucket).collect();
            v.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.key.cmp(&b.key)));
            v
        };
        Stats {
            events: self.events,
            by_day: self.by_day.into_iter().map(bucket).collect(),
            by_type: ranked(self.by_type),
            by_country: ranked(self.by_country),
        }
    }
}

impl Store {
    /// Decides how the data-dependent parts of `filter` (actor, bbox) are looked up.
    pub(crate) fn plan(&self, filter: &EventFilter) -> Result<Plan> {
        let mut plan = Plan::default();
        if let Some(needle) = actor_needle(filter) {
            // Distinct names are few next to events (thousands against a million): test them
            // all, then count their events by index, up to the point where scanning wins.
            let ids: Vec<i64> = {
                let mut st = self.conn.prepare_cached(&format!(
                    "SELECT id FROM actor_names WHERE instr(name, ?1) > 0 LIMIT {}",
                    ACTOR_NAMES_MAX + 1
                ))?;
                let rows = st.query_map([&needle], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            plan.actor = Some(if ids.is_empty() {
                ActorLookup::Nothing
            } else if ids.len() > ACTOR_NAMES_MAX {
                ActorLookup::Scan(needle)
            } else {
                let marks = vec!["?"; ids.len()].join(", ");
                let n: i64 = self
                    .conn
                    .prepare_cached(&format!(
                    "SELECT count(*) FROM (SELECT 1 FROM event_actors WHERE name_id IN ({marks})
                     LIMIT {ACTOR_BY_INDEX_MAX})"
                ))?
                    .query_row(rusqlite::params_from_iter(ids.iter()), |r| r.get(0))?;
                if n < ACTOR_BY_INDEX_MAX {
                    ActorLookup::Names(ids)
                } else {
                    ActorLookup::Probe(ids)
                }
            });
        }
        if let Some(b) = filter.bbox {
            let n: i64 = self
                .conn
                .prepare_cached(&format!(
                    "SELECT count(*) FROM (SELECT 1 FROM events_rtree
                       WHERE min_lon >= ?1 AND max_lon <= ?2 AND min_lat >= ?3 AND max_lat <= ?4
                       LIMIT {BBOX_BY_TREE_MAX})"
                ))?
                .query_row(params![b.min_lon, b.max_lon, b.min_lat, b.max_lat], |r| {
                    r.get(0)
                })?;
            plan.bbox_by_tree = n < BBOX_BY_TREE_MAX;
        }
        Ok(plan)
    }

    /// A page of events matching `filter`, newest first. `cursor` is the `next_cursor` of the
    /// previous page; `limit` is clamped to 1..=1000.
    pub fn events(
        &self,
        filter: &EventFilter,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<EventPage> {
        let plan = self.plan(filter)?;
        self.events_planned(filter, &plan, cursor, limit)
    }

    /// [`Store::events`] with the lookup decided by the caller.
    pub(crate) fn events_planned(
        &self,
        filter: &EventFilter,
        plan: &Plan,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<EventPage> {
        let limit = limit.clamp(1, 1000);
        let (mut clause, mut values) = where_clause(filter, plan);
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
            restore_evidence(&self.conn, &mut rep.record, &rep.doc_id, &rep.record_id)?;
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
             FROM evidence WHERE {cond} ORDER BY start, seq"
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
    ///
    /// Filters on dates, country, type and up to [`STATS_MAX_SOURCES`] sources are answered
    /// from the `event_stats` aggregate, whose rows the `events` triggers keep current; actor
    /// and bbox filters from the matching events themselves ([`Store::stats_from_events`]).
    pub fn stats(&self, filter: &EventFilter) -> Result<Stats> {
        if filter.bbox.is_none() && actor_needle(filter).is_some() {
            match self.plan(filter)?.actor {
                Some(ActorLookup::Nothing) => return Ok(StatsFold::default().finish()),
                Some(ActorLookup::Names(ids) | ActorLookup::Probe(ids)) => {
                    return self.stats_by_actor(filter, &ids)
                }
                _ => {}
            }
        }
        let aggregate = actor_needle(filter).is_none()
            && filter.bbox.is_none()
            && filter.min_sources.is_none_or(|n| n <= STATS_MAX_SOURCES);
        if !aggregate {
            return self.stats_from_events(filter);
        }
        // What every table is filtered by besides dates.
        let mut base = Conds::default();
        if let Some(t) = filter.event_type {
            base = base.and("event_type = $", Some(Value::Text(t.as_str().into())));
        }
        if let Some(c) = &filter.country {
            // Events without a country are `''` here and NULL in `events`, where no country
            // filter matches them.
            base = base.and(
                "country = $ AND country <> ''",
                Some(Value::Text(c.trim().to_uppercase())),
            );
        }
        if let Some(n) = filter.min_sources {
            base = base.and("sources >= $", Some(Value::Integer(n.into())));
        }
        let typed = filter.event_type.is_some() || filter.country.is_some();
        let day = |c: Conds, op: &str, d: chrono::NaiveDate| {
            c.and(&format!("day {op} $"), Some(Value::Text(d.to_string())))
        };

        let mut fold = StatsFold::default();
        // The type and country bars (and the total): whole months from `stats_month`, the days of
        // months the range cuts from `stats_detail`.
        let (since, until) = (filter.since, filter.until);
        let whole_from = since.and_then(|d| {
            if month_start(d) == Some(d) {
                Some(d)
            } else {
                next_month(d)
            }
        });
        let whole_to = until.and_then(|d| {
            if next_month(d).and_then(|n| n.pred_opt()) == Some(d) {
                Some(d)
            } else {
                month_start(d).and_then(|m| m.pred_opt())
            }
        });
        let no_whole_month = match (whole_from, whole_to) {
            (Some(a), Some(b)) => a > b,
            _ => false,
        };
        if since.is_none() && until.is_none() {
            self.fold_bars(&mut fold, "stats_month", base.clone())?;
        } else if no_whole_month {
            let mut c = base.clone().and("day <> ''", None);
            if let Some(d) = since {
                c = day(c, ">=", d);
            }
            if let Some(d) = until {
                c = day(c, "<=", d);
            }
            self.fold_bars(&mut fold, "stats_detail", c)?;
        } else {
            let mut months = base.clone().and("month <> ''", None);
            if let Some(d) = whole_from {
                months = months.and("month >= $", Some(Value::Text(month_of(d))));
            }
            if let Some(d) = whole_to {
                months = months.and("month <= $", Some(Value::Text(month_of(d))));
            }
            self.fold_bars(&mut fold, "stats_month", months)?;
            if let (Some(a), Some(b)) = (since, whole_from) {
                if a < b {
                    let c = day(day(base.clone(), ">=", a), "<", b);
                    self.fold_bars(&mut fold, "stats_detail", c)?;
                }
            }
            if let (Some(a), Some(b)) = (whole_to, until) {
                if a < b {
                    let c = day(day(base.clone(), ">", a), "<=", b);
                    self.fold_bars(&mut fold, "stats_detail", c)?;
                }
            }
        }
        // The timeline.
        let mut days = base.and("day <> ''", None);
        if let Some(d) = since {
            days = day(days, ">=", d);
        }
        if let Some(d) = until {
            days = day(days, "<=", d);
        }
        let (table, dims_of_day) = if typed {
            ("stats_detail", days)
        } else {
            ("stats_day", days)
        };
        let sql = format!(
            "SELECT day, sum(events), sum(killed) FROM {table} WHERE {} GROUP BY day",
            dims_of_day.clause()
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(dims_of_day.values))?;
        while let Some(r) = rows.next()? {
            fold.add_day(r.get(0)?, r.get::<_, i64>(1)? as u64, r.get(2)?);
        }
        Ok(fold.finish())
    }

    /// Statistics of the events naming any of the actor names `ids`, read from the actor
    /// index, whose rows carry what the statistics count. An event naming two of the names is
    /// counted once.
    fn stats_by_actor(&self, filter: &EventFilter, ids: &[i64]) -> Result<Stats> {
        let marks = vec!["$"; ids.len()].join(", ");
        let mut c = Conds::default().and_all(
            &format!("name_id IN ({marks})"),
            ids.iter().map(|&i| Value::Integer(i)).collect(),
        );
        if let Some(d) = filter.since {
            c = c.and("date_start >= $", Some(Value::Text(d.to_string())));
        }
        if let Some(d) = filter.until {
            c = c.and(
                "date_start <= $ AND date_start <> ''",
                Some(Value::Text(d.to_string())),
            );
        }
        if let Some(country) = &filter.country {
            c = c.and(
                "country = $",
                Some(Value::Text(country.trim().to_uppercase())),
            );
        }
        if let Some(t) = filter.event_type {
            c = c.and("event_type = $", Some(Value::Text(t.as_str().into())));
        }
        if let Some(n) = filter.min_sources {
            c = c.and("n_sources >= $", Some(Value::Integer(n.into())));
        }
        let sql = format!(
            "SELECT event_id, date_start, event_type, coalesce(country, ''), killed_best
             FROM event_actors WHERE {}",
            c.clause()
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(c.values))?;
        let mut seen = std::collections::HashSet::new();
        let mut fold = StatsFold::default();
        while let Some(r) = rows.next()? {
            if ids.len() > 1 && !seen.insert(r.get::<_, i64>(0)?) {
                continue;
            }
            let killed = r.get::<_, Option<f64>>(4)?.unwrap_or(0.0);
            fold.add_day(r.get(1)?, 1, killed);
            fold.add_bars(r.get(2)?, r.get(3)?, 1, killed);
        }
        Ok(fold.finish())
    }

    /// Adds the type and country sums of `table`'s rows matching `conds` to `fold`.
    fn fold_bars(&self, fold: &mut StatsFold, table: &str, conds: Conds) -> Result<()> {
        // Table names are the crate's constants.
        // Summed here rather than by a GROUP BY, which would sort the rows first: the keys are
        // a few dozen types and countries.
        let sql = format!(
            "SELECT event_type, country, events, killed FROM {table} WHERE {}",
            conds.clause()
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(conds.values))?;
        while let Some(r) = rows.next()? {
            let (n, killed) = (r.get::<_, i64>(2)? as u64, r.get::<_, f64>(3)?);
            fold.events += n;
            for (map, i) in [(&mut fold.by_type, 0), (&mut fold.by_country, 1)] {
                let key = r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)?;
                match map.get_mut(key) {
                    Some(e) => bump(e, n, killed),
                    None => {
                        map.insert(key.to_string(), (n, killed));
                    }
                }
            }
        }
        Ok(())
    }

    /// The same figures as [`Store::stats`], computed from the matching events one by one (what
    /// `stats` does for actor and bbox filters, and what `check` compares the aggregate with).
    pub fn stats_from_events(&self, filter: &EventFilter) -> Result<Stats> {
        let mut plan = self.plan(filter)?;
        // Every matching event is read here (there is no page to fill), so fetching them by
        // index is cheapest however many they are.
        if let Some(ActorLookup::Probe(ids)) = &plan.actor {
            plan.actor = Some(ActorLookup::Names(ids.clone()));
        }
        plan.bbox_by_tree = true;
        let (clause, values) = where_clause(filter, &plan);
        let sql = format!(
            "SELECT e.date_start, e.event_type, coalesce(e.country, ''), e.killed_best
             FROM events e WHERE {clause}"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(values))?;
        let mut fold = StatsFold::default();
        while let Some(r) = rows.next()? {
            let killed = r.get::<_, Option<f64>>(3)?.unwrap_or(0.0);
            fold.add_day(r.get(0)?, 1, killed);
            fold.add_bars(r.get(1)?, r.get(2)?, 1, killed);
        }
        Ok(fold.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{Synth, SynthConfig};
    use crate::{BBox, Ingested};

    fn filled(tag: &str) -> Store {
        let p = std::env::temp_dir().join(format!("sitrep-plan-{tag}-{}.db", std::process::id()));
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
        }
        let mut store = Store::open(&p).unwrap();
        let items: Vec<Ingested> = Synth::new(SynthConfig::default())
            .take(900)
            .map(|r| r.item)
            .collect();
        for chunk in items.chunks(100) {
            store.write_batch(chunk).unwrap();
        }
        store
    }

    fn pages(store: &Store, f: &EventFilter, plan: &Plan) -> Vec<i64> {
        let mut out = Vec::new();
        let mut cursor = None;
        loop {
            let p = store
                .events_planned(f, plan, cursor.as_deref(), 23)
                .unwrap();
            out.extend(p.events.iter().map(|e| e.id));
            match p.next_cursor {
                Some(c) => cursor = Some(c),
                None => return out,
            }
        }
    }

    #[test]
    fn index_lookups_and_scans_give_the_same_pages() {
        let store = filled("lookups");
        for needle in ["army", "police", "shabaab", "al", "e"] {
            let f = EventFilter {
                actor: Some(needle.to_uppercase()),
                country: (needle == "e").then(|| "SYR".to_string()),
                ..Default::default()
            };
            let ids: Vec<i64> = {
                let mut st = store
                    .conn
                    .prepare("SELECT id FROM actor_names WHERE instr(name, ?1) > 0")
                    .unwrap();
                let rows = st.query_map([needle], |r| r.get(0)).unwrap();
                rows.collect::<rusqlite::Result<_>>().unwrap()
            };
            let by_index = pages(
                &store,
                &f,
                &Plan {
                    actor: Some(ActorLookup::Names(ids.clone())),
                    ..Plan::default()
                },
            );
            let by_probe = pages(
                &store,
                &f,
                &Plan {
                    actor: Some(ActorLookup::Probe(ids.clone())),
                    ..Plan::default()
                },
            );
            let by_scan = pages(
                &store,
                &f,
                &Plan {
                    actor: Some(ActorLookup::Scan(needle.into())),
                    ..Plan::default()
                },
            );
            assert_eq!(by_probe, by_scan, "{needle}");
            assert!(!by_index.is_empty(), "{needle}");
            assert_eq!(by_index, by_scan, "{needle}");
            assert_eq!(pages(&store, &f, &store.plan(&f).unwrap()), by_scan);
        }
        for (bbox, country) in [
            ((36.0, 35.0, 37.0, 36.5), None),
            ((-10.0, 0.0, 50.0, 40.0), None),
            ((-10.0, 0.0, 50.0, 40.0), Some("MLI")),
            ((36.0, 35.0, 37.0, 36.5), Some("FRA")),
        ] {
            let f = EventFilter {
                bbox: Some(BBox {
                    min_lon: bbox.0,
                    min_lat: bbox.1,
                    max_lon: bbox.2,
                    max_lat: bbox.3,
                }),
                country: country.map(str::to_string),
                ..Default::default()
            };
            let plan = |tree| Plan {
                bbox_by_tree: tree,
                ..Plan::default()
            };
            let by_tree = pages(&store, &f, &plan(true));
            assert_eq!(by_tree, pages(&store, &f, &plan(false)), "{f:?}");
            assert_eq!(by_tree, pages(&store, &f, &store.plan(&f).unwrap()));
            if country != Some("FRA") {
                assert!(!by_tree.is_empty(), "{f:?}");
            }
        }
    }
}
