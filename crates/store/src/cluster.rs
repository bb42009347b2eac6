//! Event clustering across sources: which reports describe the same real-world event.
//!
//! GDELT counts reports, so one kidnapping told by 366 articles is 366 records. sitrep counts
//! events: each report coded from a document joins the best matching existing event, or starts a
//! new one. A report matches an event when
//!
//! - their PLOVER types belong to the same family ([`family`]),
//! - their actors are compatible: on each side (actor, recipient) the country sets intersect, or
//!   one side is unknown,
//! - their places are close for their precision: both city-level within 25 km, district 50 km,
//!   province 100 km or the same province, country-level the same country; an unknown place is
//!   compatible (at a cost in the score),
//! - their dates are within a day of each other, where each date is a period as precise as the
//!   text was (a day, a week, a month): "re-dated by a day" is the commonest disagreement between
//!   wires (time zones, "yesterday" read on the next day's edition, the publication date taken
//!   as a fallback).
//!
//! Among matching events the closest in time and space wins ([`score`]); ties go to the oldest.
//! Reports dated only to a year or an open range, or not dated at all, start their own event and
//! never attract others: nothing says two of them are the same.
//!
//! Clustering is incremental by construction: a report is compared with the events in its date
//! window (an indexed range over `events(family, date_precision, date_start)`), and only the event
//! it joins is recomputed ([`recompute`]) from its reports: representative date and place (the
//! most precise, then the most cited), counts reconciled as UCDP does (best = the median report,
//! low = the lowest, high = the highest), the representative actors, the sources.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use sitrep_events::{Count, EventDate, EventRecord, EventType, Modality, PlaceRef};

use crate::schema::COUNT_KINDS;
use crate::Result;

/// The family a PLOVER type clusters with. Types that wires routinely swap for one happening
/// share a family (talks that end in an agreement are CONSULT in one report and AGREE in
/// another; aid is AID or COOPERATE); violent and coercive types stay apart, since an arrest and
/// a killing on the same day in the same town are usually two events.
pub fn family(t: EventType) -> &'static str {
    match t {
        EventType::Agree | EventType::Consult => "AGREE_CONSULT",
        EventType::Cooperate | EventType::Aid => "COOPERATE_AID",
        other => other.as_str(),
    }
}

/// How precisely a date is known, for matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DatePrecision {
    /// A day.
    Day,
    /// A week.
    Week,
    /// A month.
    Month,
    /// A year, a range, an open period: never clustered.
    Coarse,
}

impl DatePrecision {
    /// From a record's precision word.
    pub fn parse(s: &str) -> DatePrecision {
        match s {
            "day" => DatePrecision::Day,
            "week" => DatePrecision::Week,
            "month" => DatePrecision::Month,
            _ => DatePrecision::Coarse,
        }
    }
}

/// A closed period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// How precise.
    pub precision: DatePrecision,
}

/// A geocoded point.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// 1 country, 2 admin1, 3 admin2, 4 city, 5 sub-city.
    pub precision: u8,
    /// ISO alpha-3.
    pub country: String,
    /// First-level division.
    pub admin1: Option<String>,
}

/// What matching compares, for a report or an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// [`family`] of the type.
    pub family: &'static str,
    /// When (`None`: undated).
    pub date: Option<Period>,
    /// Where (`None`: unknown).
    pub place: Option<Point>,
    /// Countries of the actor side.
    pub actor_countries: BTreeSet<String>,
    /// Countries of the recipient side.
    pub recipient_countries: BTreeSet<String>,
}

impl Profile {
    /// The profile of an event record.
    pub fn of_record(e: &EventRecord) -> Profile {
        Profile {
            family: family(e.event_type),
            date: e.date.as_ref().and_then(period_of),
            place: e.location.as_ref().map(|p| Point {
                lat: p.lat,
                lon: p.lon,
                precision: p.precision,
                country: p.country.clone(),
                admin1: p.admin1.clone(),
            }),
            actor_countries: e.actor.iter().filter_map(|a| a.country.clone()).collect(),
            recipient_countries: e
                .recipient
                .iter()
                .filter_map(|a| a.country.clone())
                .collect(),
        }
    }

    /// Whether this report may join an event at all.
    pub fn clusterable(&self) -> bool {
        self.date
            .is_some_and(|d| d.precision != DatePrecision::Coarse)
    }
}

fn period_of(d: &EventDate) -> Option<Period> {
    let start = d.start?;
    let end = d.end?;
    if end < start {
        return None;
    }
    Some(Period {
        start,
        end,
        precision: DatePrecision::parse(&d.precision),
    })
}

/// Whether a report with this modality describes an event that happened (and so belongs to an
/// event cluster). Negated, hypothetical, future and historical reports are stored but counted
/// in no event.
pub fn is_event(m: Modality) -> bool {
    matches!(m, Modality::Asserted | Modality::Reported)
}

/// Days two periods are apart (0 when they overlap).
pub fn gap_days(a: &Period, b: &Period) -> i64 {
    let g1 = (a.start - b.end).num_days();
    let g2 = (b.start - a.end).num_days();
    g1.max(g2).max(0)
}

/// Great-circle distance in kilometres.
pub fn distance_km(a_lat: f64, a_lon: f64, b_lat: f64, b_lon: f64) -> f64 {
    let r = 6371.0088_f64;
    let (p1, p2) = (a_lat.to_radians(), b_lat.to_radians());
    let dp = (b_lat - a_lat).to_radians();
    let dl = (b_lon - a_lon).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().min(1.0).asin()
}

/// The largest distance at which two places of these precisions may be one event's place, or
/// `None` when only the country can be compared.
pub fn radius_km(precision: u8) -> Option<f64> {
    match precision {
        4.. => Some(25.0),
        3 => Some(50.0),
        2 => Some(100.0),
        _ => None,
    }
}

/// The largest date gap, in days, between matching reports.
pub const MAX_GAP_DAYS: i64 = 1;

fn sides_compatible(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    a.is_empty() || b.is_empty() || a.intersection(b).next().is_some()
}

/// How well a report matches an event: `None` when it cannot be the same event, else a cost
/// (lower is better) made of the date gap, the distance relative to the allowed radius, and
/// small penalties for what is unknown.
pub fn score(report: &Profile, event: &Profile) -> Option<f64> {
    if report.family != event.family {
        return None;
    }
    let (rd, ed) = (report.date?, event.date?);
    if rd.precision == DatePrecision::Coarse || ed.precision == DatePrecision::Coarse {
        return None;
    }
    let gap = gap_days(&rd, &ed);
    if gap > MAX_GAP_DAYS {
        return None;
    }
    if !sides_compatible(&report.actor_countries, &event.actor_countries)
        || !sides_compatible(&report.recipient_countries, &event.recipient_countries)
    {
        return None;
    }
    let mut cost = gap as f64;
    // A day-precise date matched against a month is a weaker match than two equal days.
    if rd.precision != ed.precision {
        cost += 0.3;
    }
    match (&report.place, &event.place) {
        (Some(a), Some(b)) => {
            let coarser = a.precision.min(b.precision);
            match radius_km(coarser) {
                Some(radius) => {
                    let d = distance_km(a.lat, a.lon, b.lat, b.lon);
                    let same_admin1 = coarser == 2
                        && a.country == b.country
                        && a.admin1.is_some()
                        && a.admin1 == b.admin1;
                    if d > radius && !same_admin1 {
                        return None;
                    }
                    if coarser <= 2 && a.country != b.country {
                        return None;
                    }
                    cost += (d / radius).min(1.0);
                }
                None => {
                    if a.country != b.country {
                        return None;
                    }
                    cost += 0.8;
                }
            }
        }
        // Unknown place: compatible, but any event with a known nearby place is preferred.
        _ => cost += 0.9,
    }
    let unknown_sides = [
        &report.actor_countries,
        &event.actor_countries,
        &report.recipient_countries,
        &event.recipient_countries,
    ]
    .iter()
    .filter(|s| s.is_empty())
    .count();
    cost += 0.05 * unknown_sides as f64;
    Some(cost)
}

/// The date window, per event date precision, in which events are looked up for a report
/// dated `p`: events whose start falls in it may be within [`MAX_GAP_DAYS`] of `p`.
fn lookup_windows(p: &Period) -> [(&'static str, NaiveDate, NaiveDate); 3] {
    let g = chrono::Days::new(MAX_GAP_DAYS as u64);
    let hi = p.end + g;
    let lo = |span: u64| p.start - chrono::Days::new(span) - g;
    [
        ("day", lo(0), hi),
        ("week", lo(7), hi),
        ("month", lo(31), hi),
    ]
}

fn parse_set(s: &str) -> BTreeSet<String> {
    s.split(' ')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn join_set(s: &BTreeSet<String>) -> String {
    s.iter().cloned().collect::<Vec<_>>().join(" ")
}

/// The best event for a report, if any (`(event id, cost)`).
pub(crate) fn best_match(tx: &Transaction, report: &Profile) -> Result<Option<(i64, f64)>> {
    let Some(period) = report.date.filter(|_| report.clusterable()) else {
        return Ok(None);
    };
    let mut st = tx.prepare_cached(
        "SELECT id, date_start, date_end, date_precision, lat, lon, geo_precision, country, admin1,
                actor_countries, recipient_countries
         FROM events
         WHERE family = ?1 AND date_precision = ?2 AND date_start BETWEEN ?3 AND ?4",
    )?;
    let mut best: Option<(i64, f64)> = None;
    for (precision, lo, hi) in lookup_windows(&period) {
        let mut rows = st.query(params![
            report.family,
            precision,
            lo.to_string(),
            hi.to_string()
        ])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let start: String = r.get(1)?;
            let end: String = r.get(2)?;
            let (Ok(start), Ok(end)) = (start.parse(), end.parse()) else {
                continue;
            };
            let place = match (r.get::<_, Option<f64>>(4)?, r.get::<_, Option<f64>>(5)?) {
                (Some(lat), Some(lon)) => Some(Point {
                    lat,
                    lon,
                    precision: r.get::<_, Option<u8>>(6)?.unwrap_or(1),
                    country: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                    admin1: r.get(8)?,
                }),
                _ => None,
            };
            let event = Profile {
                family: report.family,
                date: Some(Period {
                    start,
                    end,
                    precision: DatePrecision::parse(precision),
                }),
                place,
                actor_countries: parse_set(&r.get::<_, String>(9)?),
                recipient_countries: parse_set(&r.get::<_, String>(10)?),
            };
            if let Some(cost) = score(report, &event) {
                let better = match best {
                    None => true,
                    Some((bid, bcost)) => cost < bcost || (cost == bcost && id < bid),
                };
                if better {
                    best = Some((id, cost));
                }
            }
        }
    }
    Ok(best)
}

/// Starts a new event for a stored report.
pub(crate) fn create(
    tx: &Transaction,
    report_row: i64,
    report: &Profile,
    event_type: &str,
) -> Result<i64> {
    tx.prepare_cached("INSERT INTO events (family, event_type) VALUES (?1, ?2)")?
        .execute(params![report.family, event_type])?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached("UPDATE reports SET cluster_id = ?1 WHERE id = ?2")?
        .execute(params![id, report_row])?;
    recompute(tx, id)?;
    Ok(id)
}

/// Events up to this many reports are recomputed from all their reports at every join.
pub const FULL_RECOMPUTE_UP_TO: i64 = 64;

/// Adds a stored report to an event.
///
/// Small events are recomputed from all their reports. A big event (a massacre told by
/// thousands of articles) would make that quadratic, so past [`FULL_RECOMPUTE_UP_TO`] reports a
/// join updates what can be updated exactly from the new report alone (report and source counts,
/// low and high figures, actor countries and names, sources), and the full recomputation (the
/// median "best" figure, representative date, place and actors) runs when the number of reports
/// reaches a power of two or a multiple of 256: amortised constant work per report, and the
/// representative fields lag by less than a quarter of the reports.
pub(crate) fn join(
    tx: &Transaction,
    report_row: i64,
    event: i64,
    report: &EventRecord,
    source: &str,
) -> Result<()> {
    tx.prepare_cached("UPDATE reports SET cluster_id = ?1 WHERE id = ?2")?
        .execute(params![event, report_row])?;
    let n: i64 = tx
        .prepare_cached("SELECT n_reports FROM events WHERE id = ?1")?
        .query_row([event], |r| r.get(0))?;
    let n = n + 1;
    if n <= FULL_RECOMPUTE_UP_TO || (n as u64).is_power_of_two() || n % 256 == 0 {
        return recompute(tx, event);
    }
    let seen_doc: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM reports WHERE cluster_id = ?1 AND doc_id = ?2 AND id <> ?3)",
        )?
        .query_row(params![event, report.doc_id, report_row], |r| r.get(0))?;
    let mut cols = String::from("actor_countries, recipient_countries, actor_names, sources");
    for k in COUNT_KINDS {
        cols.push_str(&format!(", {k}_best, {k}_low, {k}_high"));
    }
    let (mut ac, mut rc, old_names, mut sources, mut counts) = tx
        .prepare_cached(&format!("SELECT {cols} FROM events WHERE id = ?1"))?
        .query_row([event], |r| {
            let mut counts: [Option<(f64, f64, f64)>; 5] = [None; 5];
            for (i, c) in counts.iter_mut().enumerate() {
                let b = 4 + 3 * i;
                if let (Some(best), Some(low), Some(high)) =
                    (r.get(b)?, r.get(b + 1)?, r.get(b + 2)?)
                {
                    *c = Some((best, low, high));
                }
            }
            Ok((
                parse_set(&r.get::<_, String>(0)?),
                parse_set(&r.get::<_, String>(1)?),
                r.get::<_, String>(2)?,
                serde_json::from_str::<Vec<String>>(&r.get::<_, String>(3)?).unwrap_or_default(),
                counts,
            ))
        })?;
    let mut names: BTreeSet<String> = old_names
        .split('\n')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect();
    for a in &report.actor {
        ac.extend(a.country.clone());
        names.insert(a.name.to_lowercase());
    }
    for a in &report.recipient {
        rc.extend(a.country.clone());
        names.insert(a.name.to_lowercase());
    }
    if sources.len() < 100 && !sources.iter().any(|s| s == source) {
        sources.push(source.to_string());
    }
    let c = &report.counts;
    for (slot, new) in counts.iter_mut().zip([
        &c.killed,
        &c.injured,
        &c.arrested,
        &c.abducted,
        &c.displaced,
    ]) {
        if let Some(k) = new {
            let lo = k.min.unwrap_or(k.best).min(k.best);
            let hi = k.max.unwrap_or(k.best).max(k.best);
            *slot = Some(match *slot {
                Some((best, low, high)) => (best, low.min(lo), high.max(hi)),
                None => (k.best, lo, hi),
            });
        }
    }
    let mut sql = String::from(
        "UPDATE events SET n_reports = n_reports + 1, n_sources = n_sources + ?2,
           actor_countries = ?3, recipient_countries = ?4, actor_names = ?5, sources = ?6",
    );
    let names = names.into_iter().collect::<Vec<_>>().join("\n");
    index_actor_names(tx, event, &old_names, &names)?;
    let mut values: Vec<rusqlite::types::Value> = vec![
        event.into(),
        i64::from(!seen_doc).into(),
        join_set(&ac).into(),
        join_set(&rc).into(),
        names.into(),
        serde_json::to_string(&sources)?.into(),
    ];
    for (k, c) in COUNT_KINDS.iter().zip(counts) {
        let i = values.len() + 1;
        sql.push_str(&format!(
            ", {k}_best = ?{i}, {k}_low = ?{}, {k}_high = ?{}",
            i + 1,
            i + 2
        ));
        let opt = |x: Option<f64>| {
            x.map(rusqlite::types::Value::Real)
                .unwrap_or(rusqlite::types::Value::Null)
        };
        values.extend([
            opt(c.map(|c| c.0)),
            opt(c.map(|c| c.1)),
            opt(c.map(|c| c.2)),
        ]);
    }
    sql.push_str(" WHERE id = ?1");
    tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

/// A report's place as `recompute` reads it: name, admin1, country, lat, lon, precision.
type MemberPlace = (Option<String>, Option<String>, Option<String>, f64, f64, u8);
/// A report's figure: best, min, max.
type Figure = (f64, Option<f64>, Option<f64>);

/// One report of an event, as `recompute` reads it.
#[derive(Debug, Clone)]
struct Member {
    row: i64,
    doc_id: String,
    source: String,
    event_type: String,
    date: Option<(String, String, String)>,
    place: Option<MemberPlace>,
    counts: [Option<Figure>; 5],
    actor: String,
    recipient: String,
    confidence: f64,
}

/// Most frequent value; ties go to the value seen first.
fn most_cited<T: Ord + Clone>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut n: BTreeMap<T, (usize, usize)> = BTreeMap::new();
    for (i, v) in values.enumerate() {
        let e = n.entry(v).or_insert((0, i));
        e.0 += 1;
    }
    n.into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(v, _)| v)
}

/// Best, low and high of one count over an event's reports: best is the median report's
/// figure (the lower middle one for an even number, so that it is a figure someone reported),
/// low the lowest bound, high the highest.
pub fn reconcile(figures: &[(f64, Option<f64>, Option<f64>)]) -> Option<(f64, f64, f64)> {
    if figures.is_empty() {
        return None;
    }
    let mut bests: Vec<f64> = figures.iter().map(|f| f.0).collect();
    bests.sort_by(f64::total_cmp);
    let best = bests[(bests.len() - 1) / 2];
    let low = figures
        .iter()
        .map(|f| f.1.unwrap_or(f.0).min(f.0))
        .fold(f64::INFINITY, f64::min);
    let high = figures
        .iter()
        .map(|f| f.2.unwrap_or(f.0).max(f.0))
        .fold(f64::NEG_INFINITY, f64::max);
    Some((best, low, high))
}

fn actor_info(json: &str, countries: &mut BTreeSet<String>, names: &mut BTreeSet<String>) {
    if let Ok(serde_json::Value::Array(v)) = serde_json::from_str::<serde_json::Value>(json) {
        for a in v {
            if let Some(c) = a.get("country").and_then(|c| c.as_str()) {
                countries.insert(c.to_string());
            }
            if let Some(n) = a.get("name").and_then(|c| c.as_str()) {
                names.insert(n.to_lowercase());
            }
        }
    }
}

/// Recomputes one event from its reports, or deletes it when it has none left.
pub(crate) fn recompute(tx: &Transaction, event: i64) -> Result<()> {
    let mut cols = String::new();
    for k in COUNT_KINDS {
        cols.push_str(&format!(", r.{k}_best, r.{k}_min, r.{k}_max"));
    }
    let sql = format!(
        "SELECT r.id, r.doc_id, coalesce(d.url, d.source_path), r.event_type,
                r.date_start, r.date_end, r.date_precision,
                r.location, r.admin1, r.country, r.lat, r.lon, r.geo_precision,
                r.actor, r.recipient, r.confidence {cols}
         FROM reports r JOIN documents d ON d.id = r.doc_id
         WHERE r.cluster_id = ?1 ORDER BY r.id"
    );
    let members: Vec<Member> = {
        let mut st = tx.prepare_cached(&sql)?;
        let rows = st.query_map([event], |r| {
            let date = match (
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ) {
                (Some(s), Some(e), Some(p)) => Some((s, e, p)),
                _ => None,
            };
            let place = match (r.get::<_, Option<f64>>(10)?, r.get::<_, Option<f64>>(11)?) {
                (Some(lat), Some(lon)) => Some((
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    lat,
                    lon,
                    r.get::<_, Option<u8>>(12)?.unwrap_or(1),
                )),
                _ => None,
            };
            let mut counts = [None; 5];
            for (i, c) in counts.iter_mut().enumerate() {
                let base = 16 + 3 * i;
                if let Some(best) = r.get::<_, Option<f64>>(base)? {
                    *c = Some((best, r.get(base + 1)?, r.get(base + 2)?));
                }
            }
            Ok(Member {
                row: r.get(0)?,
                doc_id: r.get(1)?,
                source: r.get(2)?,
                event_type: r.get(3)?,
                date,
                place,
                counts,
                actor: r.get(13)?,
                recipient: r.get(14)?,
                confidence: r.get(15)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let old_names: String = tx
        .prepare_cached("SELECT actor_names FROM events WHERE id = ?1")?
        .query_row([event], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    if members.is_empty() {
        index_actor_names(tx, event, &old_names, "")?;
        tx.prepare_cached("DELETE FROM events_rtree WHERE id = ?1")?
            .execute([event])?;
        tx.prepare_cached("DELETE FROM events WHERE id = ?1")?
            .execute([event])?;
        return Ok(());
    }

    let event_type = most_cited(members.iter().map(|m| m.event_type.clone())).unwrap_or_default();
    // Date: the most precise precision any report gives, then the most cited period among them.
    let best_precision = members
        .iter()
        .filter_map(|m| m.date.as_ref())
        .map(|d| DatePrecision::parse(&d.2))
        .min();
    let date = best_precision.and_then(|p| {
        most_cited(
            members
                .iter()
                .filter_map(|m| m.date.clone())
                .filter(|d| DatePrecision::parse(&d.2) == p),
        )
    });
    // Place: the most precise, then the most cited at that precision.
    let best_geo = members
        .iter()
        .filter_map(|m| m.place.as_ref())
        .map(|p| p.5)
        .max();
    let place_key = best_geo.and_then(|g| {
        most_cited(
            members
                .iter()
                .filter_map(|m| m.place.as_ref())
                .filter(|p| p.5 == g)
                .map(|p| (p.0.clone(), p.2.clone())),
        )
    });
    let place = place_key.and_then(|k| {
        members
            .iter()
            .filter_map(|m| m.place.as_ref())
            .find(|p| Some(p.5) == best_geo && (p.0.clone(), p.2.clone()) == k)
            .cloned()
    });
    // Representative report: the one that says most (place precision, both sides named), then
    // the most confident; its actors and record stand for the event.
    let rep = members
        .iter()
        .max_by(|a, b| {
            let key = |m: &Member| {
                (
                    m.place.as_ref().map(|p| p.5).unwrap_or(0),
                    !m.actor.starts_with("[]") as u8 + !m.recipient.starts_with("[]") as u8,
                )
            };
            key(a)
                .cmp(&key(b))
                .then(a.confidence.total_cmp(&b.confidence))
                .then(b.row.cmp(&a.row))
        })
        .cloned()
        .unwrap_or_else(|| members[0].clone());
    let mut counts: [Option<(f64, f64, f64)>; 5] = [None; 5];
    for (i, c) in counts.iter_mut().enumerate() {
        let figs: Vec<_> = members.iter().filter_map(|m| m.counts[i]).collect();
        *c = reconcile(&figs);
    }
    let (mut ac, mut rc, mut names) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for m in &members {
        actor_info(&m.actor, &mut ac, &mut names);
        actor_info(&m.recipient, &mut rc, &mut names);
    }
    let docs: BTreeSet<&str> = members.iter().map(|m| m.doc_id.as_str()).collect();
    let mut sources: Vec<&str> = Vec::new();
    for m in &members {
        if !sources.contains(&m.source.as_str()) && sources.len() < 100 {
            sources.push(&m.source);
        }
    }

    // The representative record, rewritten with the event's date, place and reconciled counts:
    // what the row exports (ACLED, CAMEO, PLOVER JSONL) are built from.
    let (record_json, notes): (String, Option<String>) = tx
        .prepare_cached(
            "SELECT r.record,
                    (SELECT substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)
                     FROM evidence e WHERE e.doc_id = r.doc_id AND e.record_kind = 'event'
                       AND e.record_id = r.record_id AND e.sentence_start IS NOT NULL
                     ORDER BY e.seq LIMIT 1)
             FROM reports r JOIN documents d ON d.id = r.doc_id WHERE r.id = ?1",
        )?
        .query_row([rep.row], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let record = match serde_json::from_str::<EventRecord>(&record_json) {
        Ok(mut rec) => {
            rec.id = format!("evt{event}");
            if let Some(t) = EventType::parse(&event_type) {
                rec.event_type = t;
            }
            if let Some((s, e, p)) = &date {
                if rec.date.as_ref().map(|d| (d.start, d.end))
                    != Some((s.parse().ok(), e.parse().ok()))
                {
                    rec.date = Some(EventDate {
                        value: if s == e {
                            s.clone()
                        } else {
                            format!("{s}/{e}")
                        },
                        start: s.parse().ok(),
                        end: e.parse().ok(),
                        precision: p.clone(),
                        source: "sources".into(),
                        span: None,
                    });
                }
            }
            if let (Some(p), Some(loc)) = (&place, rec.location.as_mut()) {
                if (loc.lat, loc.lon) != (p.3, p.4) {
                    *loc = PlaceRef {
                        name: p.0.clone().unwrap_or_default(),
                        geonameid: None,
                        admin1: p.1.clone(),
                        admin2: None,
                        country: p.2.clone().unwrap_or_default(),
                        lat: p.3,
                        lon: p.4,
                        feature: loc.feature.clone(),
                        precision: p.5,
                        mention: loc.mention.clone(),
                        span: loc.span,
                    };
                }
            }
            let slots: [&mut Option<Count>; 5] = [
                &mut rec.counts.killed,
                &mut rec.counts.injured,
                &mut rec.counts.arrested,
                &mut rec.counts.abducted,
                &mut rec.counts.displaced,
            ];
            for (slot, c) in slots.into_iter().zip(counts) {
                let Some((best, low, high)) = c else { continue };
                match slot.as_mut() {
                    Some(count) => {
                        count.best = best;
                        count.min = Some(low);
                        count.max = Some(high);
                    }
                    // The representative report gives no figure but others do: the event has
                    // one all the same, with no words of its own in this document.
                    None => {
                        *slot = Some(Count {
                            min: Some(low),
                            max: Some(high),
                            best,
                            qualifier: "reconciled".into(),
                            victims: None,
                            span: sitrep_core::Span {
                                start: 0,
                                end: 0,
                                byte_start: 0,
                                byte_end: 0,
                            },
                            claimed_by: None,
                        })
                    }
                }
            }
            serde_json::to_string(&rec)?
        }
        Err(_) => record_json,
    };

    let mut sql = String::from(
        "UPDATE events SET event_type = ?2, date_start = ?3, date_end = ?4, date_precision = ?5,
           location = ?6, admin1 = ?7, country = ?8, lat = ?9, lon = ?10, geo_precision = ?11,
           n_reports = ?12, n_sources = ?13, actor = ?14, recipient = ?15,
           actor_countries = ?16, recipient_countries = ?17, actor_names = ?18, sources = ?19,
           notes = ?20, record = ?21, rep_report = ?22",
    );
    let mut n = 23;
    for k in COUNT_KINDS {
        sql.push_str(&format!(
            ", {k}_best = ?{}, {k}_low = ?{}, {k}_high = ?{}",
            n,
            n + 1,
            n + 2
        ));
        n += 3;
    }
    sql.push_str(" WHERE id = ?1");
    let mut values: Vec<rusqlite::types::Value> = Vec::with_capacity(n);
    use rusqlite::types::Value as V;
    let opt_s = |s: Option<String>| s.map(V::Text).unwrap_or(V::Null);
    let opt_f = |f: Option<f64>| f.map(V::Real).unwrap_or(V::Null);
    values.push(V::Integer(event));
    values.push(V::Text(event_type));
    let (ds, de, dp) = date.unwrap_or_default();
    values.push(V::Text(ds));
    values.push(V::Text(de));
    values.push(V::Text(dp));
    let (pn, pa, pc, plat, plon, pg) = match place {
        Some((n, a, c, lat, lon, g)) => (n, a, c, Some(lat), Some(lon), Some(g as i64)),
        None => (None, None, None, None, None, None),
    };
    values.push(opt_s(pn));
    values.push(opt_s(pa));
    values.push(opt_s(pc));
    values.push(opt_f(plat));
    values.push(opt_f(plon));
    values.push(pg.map(V::Integer).unwrap_or(V::Null));
    values.push(V::Integer(members.len() as i64));
    values.push(V::Integer(docs.len() as i64));
    values.push(V::Text(rep.actor.clone()));
    values.push(V::Text(rep.recipient.clone()));
    values.push(V::Text(join_set(&ac)));
    values.push(V::Text(join_set(&rc)));
    let names = names.into_iter().collect::<Vec<_>>().join("\n");
    index_actor_names(tx, event, &old_names, &names)?;
    values.push(V::Text(names));
    values.push(V::Text(serde_json::to_string(&sources)?));
    values.push(V::Text(notes.unwrap_or_default()));
    values.push(V::Text(record));
    values.push(V::Integer(rep.row));
    for c in counts {
        match c {
            Some((b, l, h)) => values.extend([V::Real(b), V::Real(l), V::Real(h)]),
            None => values.extend([V::Null, V::Null, V::Null]),
        }
    }
    tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    match (plat, plon) {
        (Some(lat), Some(lon)) => {
            tx.prepare_cached(
                "INSERT OR REPLACE INTO events_rtree (id, min_lon, max_lon, min_lat, max_lat)
                 VALUES (?1, ?2, ?2, ?3, ?3)",
            )?
            .execute(params![event, lon, lat])?;
        }
        _ => {
            tx.prepare_cached("DELETE FROM events_rtree WHERE id = ?1")?
                .execute([event])?;
        }
    }
    Ok(())
}

/// Keeps the actor index (`actor_names`, `event_actors`) in step with an event's
/// `actor_names` column, given its old and new values (lower-case names, one per line). A name
/// no event carries any more leaves `actor_names`.
pub(crate) fn index_actor_names(tx: &Transaction, event: i64, old: &str, new: &str) -> Result<()> {
    if old == new {
        return Ok(());
    }
    let split = |s: &'_ str| -> BTreeSet<String> {
        s.split('\n')
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (old, new) = (split(old), split(new));
    let id_of = |name: &str| -> Result<Option<i64>> {
        Ok(tx
            .prepare_cached("SELECT id FROM actor_names WHERE name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?)
    };
    for name in old.difference(&new) {
        let Some(id) = id_of(name)? else { continue };
        tx.prepare_cached("DELETE FROM event_actors WHERE name_id = ?1 AND event_id = ?2")?
            .execute(params![id, event])?;
        tx.prepare_cached(
            "DELETE FROM actor_names WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM event_actors WHERE name_id = ?1)",
        )?
        .execute([id])?;
    }
    for name in new.difference(&old) {
        let id = match id_of(name)? {
            Some(id) => id,
            None => {
                tx.prepare_cached("INSERT INTO actor_names (name) VALUES (?1)")?
                    .execute([name])?;
                tx.last_insert_rowid()
            }
        };
        // With the event's counted fields as they are now; the `event_actors_sync` trigger
        // follows their later changes.
        tx.prepare_cached(
            "INSERT OR IGNORE INTO event_actors (name_id, event_id, date_start, event_type,
               country, n_sources, killed_best)
             SELECT ?1, id, date_start, event_type, country, n_sources, killed_best
             FROM events WHERE id = ?2",
        )?
        .execute(params![id, event])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(day: &str, lat: f64, lon: f64, prec: u8, ac: &[&str]) -> Profile {
        let d: NaiveDate = day.parse().unwrap();
        Profile {
            family: "ASSAULT",
            date: Some(Period {
                start: d,
                end: d,
                precision: DatePrecision::Day,
            }),
            place: Some(Point {
                lat,
                lon,
                precision: prec,
                country: "SYR".into(),
                admin1: Some("Idlib".into()),
            }),
            actor_countries: ac.iter().map(|s| s.to_string()).collect(),
            recipient_countries: BTreeSet::new(),
        }
    }

    #[test]
    fn a_day_apart_in_the_same_town_matches() {
        let a = p("2020-02-27", 35.86, 36.8, 4, &["SYR"]);
        let b = p("2020-02-28", 35.87, 36.81, 4, &[]);
        assert!(score(&a, &b).is_some());
    }

    #[test]
    fn two_days_apart_or_200_km_apart_do_not() {
        let a = p("2020-02-27", 35.86, 36.8, 4, &["SYR"]);
        assert!(score(&a, &p("2020-02-29", 35.86, 36.8, 4, &["SYR"])).is_none());
        // Aleppo to Homs: ~180 km.
        assert!(score(&a, &p("2020-02-27", 34.73, 36.71, 4, &["SYR"])).is_none());
        // Incompatible actors.
        assert!(score(&a, &p("2020-02-27", 35.86, 36.8, 4, &["TUR"])).is_none());
    }

    #[test]
    fn reconcile_is_median_min_max() {
        let r = reconcile(&[
            (12.0, None, None),
            (10.0, Some(10.0), None),
            (15.0, None, Some(20.0)),
        ]);
        assert_eq!(r, Some((12.0, 10.0, 20.0)));
        assert_eq!(
            reconcile(&[(4.0, None, None), (6.0, None, None)]),
            Some((4.0, 4.0, 6.0))
        );
    }
}
