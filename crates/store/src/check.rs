//! `sitrep db check`: is the file sound, and do the events agree with their reports?

use serde::Serialize;

use crate::{Result, Store};

/// What [`Store::check`] found. `ok()` when every list is empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CheckReport {
    /// The schema version of the file.
    pub schema_version: u32,
    /// `PRAGMA integrity_check` messages other than `ok`.
    pub integrity: Vec<String>,
    /// Foreign-key violations: `table rowid -> parent`.
    pub foreign_keys: Vec<String>,
    /// Evidence rows whose record does not exist.
    pub orphan_evidence: u64,
    /// Reports pointing at a missing event.
    pub dangling_reports: u64,
    /// Events whose `n_sources` or `n_reports` disagree with their reports (or that have none).
    pub inconsistent_events: Vec<i64>,
    /// Events missing from, or misplaced in, the spatial index.
    pub rtree_mismatches: u64,
    /// Rows of the statistics tables that differ from the events' own counts.
    pub stats_mismatches: u64,
    /// Differences between the actor index (`event_actors`) and the events' actor names and
    /// counted fields.
    pub actor_index_mismatches: u64,
}

impl CheckReport {
    /// Whether nothing is wrong.
    pub fn ok(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_keys.is_empty()
            && self.orphan_evidence == 0
            && self.dangling_reports == 0
            && self.inconsistent_events.is_empty()
            && self.rtree_mismatches == 0
            && self.stats_mismatches == 0
            && self.actor_index_mismatches == 0
    }
}

impl Store {
    /// Checks the file's integrity, its foreign keys, orphan evidence, and that every event's
    /// source and report counts agree with its reports.
    pub fn check(&self) -> Result<CheckReport> {
        let mut rep = CheckReport {
            schema_version: self.schema_version()?,
            ..CheckReport::default()
        };
        {
            let mut st = self.conn.prepare("PRAGMA integrity_check")?;
            let rows = st.query_map([], |r| r.get::<_, String>(0))?;
            for msg in rows {
                let msg = msg?;
                if msg != "ok" {
                    rep.integrity.push(msg);
                }
            }
        }
        {
            let mut st = self.conn.prepare("PRAGMA foreign_key_check")?;
            let rows = st.query_map([], |r| {
                Ok(format!(
                    "{} row {} -> {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?.unwrap_or(-1),
                    r.get::<_, String>(2)?
                ))
            })?;
            for v in rows {
                rep.foreign_keys.push(v?);
            }
        }
        let count = |sql: &str| -> Result<u64> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        rep.orphan_evidence = count(
            "SELECT count(*) FROM evidence v WHERE NOT CASE v.record_kind
               WHEN 'event' THEN EXISTS (SELECT 1 FROM reports r
                                         WHERE r.record_id = v.record_id AND r.doc_id = v.doc_id)
               WHEN 'quote' THEN EXISTS (SELECT 1 FROM quotes q
                                         WHERE q.record_id = v.record_id AND q.doc_id = v.doc_id)
               WHEN 'figure' THEN EXISTS (SELECT 1 FROM figures f
                                          WHERE f.record_id = v.record_id AND f.doc_id = v.doc_id)
               ELSE 0 END",
        )?;
        rep.dangling_reports = count(
            "SELECT count(*) FROM reports r WHERE r.cluster_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.cluster_id)",
        )?;
        {
            let mut st = self.conn.prepare(
                "SELECT e.id FROM events e
                 LEFT JOIN (SELECT cluster_id, count(*) AS n, count(DISTINCT doc_id) AS d
                            FROM reports WHERE cluster_id IS NOT NULL GROUP BY cluster_id) r
                   ON r.cluster_id = e.id
                 WHERE r.n IS NULL OR r.n <> e.n_reports OR r.d <> e.n_sources
                 ORDER BY e.id LIMIT 1000",
            )?;
            let rows = st.query_map([], |r| r.get::<_, i64>(0))?;
            for id in rows {
                rep.inconsistent_events.push(id?);
            }
        }
        // R*Tree coordinates are 32-bit floats: compare with a tolerance.
        rep.rtree_mismatches = count(
            "SELECT (SELECT count(*) FROM events e WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM events_rtree t WHERE t.id = e.id
                              AND abs(t.min_lat - e.lat) < 0.001 AND abs(t.min_lon - e.lon) < 0.001))
                  + (SELECT count(*) FROM events_rtree t
                       WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = t.id AND e.lat IS NOT NULL))",
        )?;
        for t in &crate::schema::STATS_TABLES {
            rep.stats_mismatches += count(&t.check_sql())?;
        }
        rep.actor_index_mismatches = self.actor_index_mismatches()?
            + count(
                "SELECT count(*) FROM event_actors a JOIN events e ON e.id = a.event_id
                 WHERE a.date_start IS NOT e.date_start OR a.event_type IS NOT e.event_type
                    OR a.country IS NOT e.country OR a.n_sources IS NOT e.n_sources
                    OR a.killed_best IS NOT e.killed_best",
            )?;
        Ok(rep)
    }

    /// Compares every event's actor names with the actor index, in both directions: both are
    /// read in event order and merged, so memory stays at one event's names.
    fn actor_index_mismatches(&self) -> Result<u64> {
        use std::collections::BTreeSet;
        let mut bad = 0;
        let mut links = self.conn.prepare(
            "SELECT a.event_id, coalesce(n.name, '') FROM event_actors a
             LEFT JOIN actor_names n ON n.id = a.name_id ORDER BY a.event_id",
        )?;
        let mut links = links.query([])?;
        let mut link: Option<(i64, String)> = match links.next()? {
            Some(r) => Some((r.get(0)?, r.get(1)?)),
            None => None,
        };
        let mut events = self
            .conn
            .prepare("SELECT id, actor_names FROM events ORDER BY id")?;
        let mut events = events.query([])?;
        while let Some(r) = events.next()? {
            let id: i64 = r.get(0)?;
            let names: String = r.get(1)?;
            let names: BTreeSet<String> = names
                .split('\n')
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect();
            let mut indexed = BTreeSet::new();
            while let Some((event, name)) = link.take() {
                if event > id {
                    link = Some((event, name));
                    break;
                }
                if event < id {
                    // A link to an event that does not exist.
                    bad += 1;
                } else {
                    indexed.insert(name);
                }
                link = match links.next()? {
                    Some(r) => Some((r.get(0)?, r.get(1)?)),
                    None => None,
                };
            }
            if indexed != names {
                bad += 1;
            }
        }
        // Links past the last event.
        while link.is_some() {
            bad += 1;
            link = match links.next()? {
                Some(r) => Some((r.get(0)?, r.get(1)?)),
                None => None,
            };
        }
        // Names no event carries.
        bad += self.conn.query_row(
            "SELECT count(*) FROM actor_names n
             WHERE NOT EXISTS (SELECT 1 FROM event_actors a WHERE a.name_id = n.id)",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64;
        Ok(bad)
    }
}
