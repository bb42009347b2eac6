//! The database schema and its migrations.
//!
//! The schema version lives in SQLite's own `PRAGMA user_version`, so a file says which version
//! wrote it without a table of its own. Each migration is one numbered SQL step; `migrate` runs
//! the steps a file lacks, each in its own transaction, and refuses a file written by a newer
//! binary (its tables may mean things this binary does not know).
//!
//! Dates are ISO `YYYY-MM-DD` text, which sorts as dates do. An unknown event date is `''` rather
//! than NULL so that `(date_start, id)` row-value comparisons (the cursor) stay total.

use rusqlite::{Connection, Transaction};

use crate::{Error, Result};

/// The count kinds carried by reports and events, in column order.
pub const COUNT_KINDS: [&str; 5] = ["killed", "injured", "arrested", "abducted", "displaced"];

/// Events' `n_sources` are counted in the statistics tables ([`STATS_TABLES`]) up to this many
/// sources; a `min_sources` filter above it is answered from `events` itself.
pub const STATS_MAX_SOURCES: u32 = 8;

/// One migration step: SQL, then (optionally) code for what SQL cannot do alone.
struct Migration {
    sql: &'static str,
    then: Option<fn(&Transaction) -> Result<()>>,
}

/// Migration steps: `MIGRATIONS[i]` takes a file from version `i` to `i + 1`.
const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: V1,
        then: None,
    },
    Migration {
        sql: V2,
        then: Some(v2_fill),
    },
    Migration {
        sql: V3,
        then: None,
    },
    Migration {
        sql: V4,
        then: None,
    },
    Migration {
        sql: V5,
        then: None,
    },
];

/// 1: the first schema.
const V1: &str = r#"
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    source_path   TEXT NOT NULL,
    source_item   INTEGER,
    format        TEXT NOT NULL,
    url           TEXT,
    canonical_url TEXT,
    title         TEXT,
    published     TEXT,
    language      TEXT,
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    notes         TEXT NOT NULL DEFAULT '[]',
    ingested_at   TEXT NOT NULL
);
CREATE INDEX documents_url ON documents(url);

-- Real-world events: clusters of reports from one or more documents.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    family         TEXT NOT NULL,
    event_type     TEXT NOT NULL,
    date_start     TEXT NOT NULL DEFAULT '',
    date_end       TEXT NOT NULL DEFAULT '',
    date_precision TEXT NOT NULL DEFAULT '',
    location       TEXT,
    admin1         TEXT,
    country        TEXT,
    lat            REAL,
    lon            REAL,
    geo_precision  INTEGER,
    n_reports      INTEGER NOT NULL DEFAULT 0,
    n_sources      INTEGER NOT NULL DEFAULT 0,
    killed_best REAL, killed_low REAL, killed_high REAL,
    injured_best REAL, injured_low REAL, injured_high REAL,
    arrested_best REAL, arrested_low REAL, arrested_high REAL,
    abducted_best REAL, abducted_low REAL, abducted_high REAL,
    displaced_best REAL, displaced_low REAL, displaced_high REAL,
    actor               TEXT NOT NULL DEFAULT '[]',
    recipient           TEXT NOT NULL DEFAULT '[]',
    actor_countries     TEXT NOT NULL DEFAULT '',
    recipient_countries TEXT NOT NULL DEFAULT '',
    actor_names         TEXT NOT NULL DEFAULT '',
    sources             TEXT NOT NULL DEFAULT '[]',
    notes               TEXT NOT NULL DEFAULT '',
    record              TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_date ON events(date_start, id);
CREATE INDEX events_country_date ON events(country, date_start, id);
CREATE INDEX events_type_date ON events(event_type, date_start, id);
CREATE INDEX events_sources_date ON events(n_sources, date_start, id);
-- Candidate lookup for clustering: same family, date window.
CREATE INDEX events_cluster ON events(family, date_precision, date_start);
CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);

-- One coded event record from one document.
CREATE TABLE reports (
    id             INTEGER PRIMARY KEY,
    record_id      TEXT NOT NULL,
    doc_id         TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    cluster_id     INTEGER REFERENCES events(id),
    event_type     TEXT NOT NULL,
    mode           TEXT,
    modality       TEXT NOT NULL,
    date_start     TEXT,
    date_end       TEXT,
    date_precision TEXT,
    date_source    TEXT,
    location       TEXT,
    admin1         TEXT,
    country        TEXT,
    lat            REAL,
    lon            REAL,
    geo_precision  INTEGER,
    killed_best REAL, killed_min REAL, killed_max REAL,
    injured_best REAL, injured_min REAL, injured_max REAL,
    arrested_best REAL, arrested_min REAL, arrested_max REAL,
    abducted_best REAL, abducted_min REAL, abducted_max REAL,
    displaced_best REAL, displaced_min REAL, displaced_max REAL,
    actor          TEXT NOT NULL,
    recipient      TEXT NOT NULL,
    confidence     REAL NOT NULL,
    record         TEXT NOT NULL
);
CREATE INDEX reports_doc ON reports(doc_id);
CREATE INDEX reports_cluster ON reports(cluster_id, doc_id);
CREATE INDEX reports_record ON reports(record_id);

CREATE TABLE quotes (
    id         INTEGER PRIMARY KEY,
    record_id  TEXT NOT NULL,
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    speaker    TEXT,
    verb       TEXT,
    record     TEXT NOT NULL
);
CREATE INDEX quotes_doc ON quotes(doc_id);

CREATE TABLE figures (
    id         INTEGER PRIMARY KEY,
    record_id  TEXT NOT NULL,
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    best       REAL NOT NULL,
    min        REAL,
    max        REAL,
    country    TEXT,
    lat        REAL,
    lon        REAL,
    date_start TEXT,
    record     TEXT NOT NULL
);
CREATE INDEX figures_doc ON figures(doc_id);

-- The words behind every field of every record (events, quotes, figures).
CREATE TABLE evidence (
    id             INTEGER PRIMARY KEY,
    doc_id         TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    record_kind    TEXT NOT NULL,
    record_id      TEXT NOT NULL,
    field          TEXT NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    byte_start     INTEGER NOT NULL,
    byte_end       INTEGER NOT NULL,
    text           TEXT NOT NULL,
    sentence_start INTEGER,
    sentence_end   INTEGER
);
CREATE INDEX evidence_doc ON evidence(doc_id);
CREATE INDEX evidence_record ON evidence(record_id);

CREATE TABLE errors (
    id      INTEGER PRIMARY KEY,
    source  TEXT NOT NULL,
    message TEXT NOT NULL,
    at      TEXT NOT NULL
);
"#;

/// 2: smaller rows, event statistics kept up to date, an index of actor names.
///
/// - Records are stored without their `evidence` list (the `evidence` table holds it, and now
///   also the sentence's byte offsets, the one thing it lacked): half of a report's record and
///   of an event's were a copy of their evidence. Readers put the list back from the table
///   (`query::restore_evidence`); records written by version 1 keep their inline copy, which
///   readers use as it is. `events.rep_report` names the report whose evidence an event's
///   record carries.
/// - [`STATS_TABLES`]: event counts and killed sums by day, month, type, country and number of
///   sources, kept by triggers on `events` in the transaction that changes the event, so that
///   `/api/stats` reads small aggregate rows instead of every event.
/// - `actor_names` (each distinct lower-case actor or recipient name once) and `event_actors`
///   (which events name it), kept by the clusterer: an actor filter finds its names in the
///   small table, then its events by index, instead of testing every event's names.
const V2: &str = r#"
ALTER TABLE evidence ADD COLUMN sentence_byte_start INTEGER;
ALTER TABLE evidence ADD COLUMN sentence_byte_end INTEGER;
ALTER TABLE events ADD COLUMN rep_report INTEGER;

CREATE TABLE actor_names (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE event_actors (
    name_id  INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (name_id, event_id)
) WITHOUT ROWID;
CREATE INDEX event_actors_event ON event_actors(event_id);
"#;

/// 3: the indexes that list events in date order also carry what filters test (country, type,
/// number of sources, coordinates), so a query that walks one of them (a big bbox, a country
/// with a minimum of sources, a type in one country) reads an event's row only when it matches,
/// not for every event it passes over: on a million events a bbox page walks ~500 entries.
const V3: &str = r#"
DROP INDEX events_date;
CREATE INDEX events_date ON events(date_start, id, country, event_type, n_sources, lon, lat);
DROP INDEX events_country_date;
CREATE INDEX events_country_date
    ON events(country, date_start, id, event_type, n_sources, lon, lat);
DROP INDEX events_type_date;
CREATE INDEX events_type_date ON events(event_type, date_start, id, country, n_sources, lon, lat);
"#;

/// 4: evidence rows are stored by document and record (a `WITHOUT ROWID` table keyed by
/// `(doc_id, record_kind, record_id, seq)`, `seq` numbering a document's rows in the order they
/// were written), so a record's evidence is one short range instead of an index lookup and a
/// row read per span (the PLOVER export restores it for every event), and the two indexes the
/// old table needed (by document, by record) are gone.
const V4: &str = r#"
CREATE TABLE evidence_by_record (
    doc_id              TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    record_kind         TEXT NOT NULL,
    record_id           TEXT NOT NULL,
    seq                 INTEGER NOT NULL,
    field               TEXT NOT NULL,
    start               INTEGER NOT NULL,
    end                 INTEGER NOT NULL,
    byte_start          INTEGER NOT NULL,
    byte_end            INTEGER NOT NULL,
    text                TEXT NOT NULL,
    sentence_start      INTEGER,
    sentence_end        INTEGER,
    sentence_byte_start INTEGER,
    sentence_byte_end   INTEGER,
    PRIMARY KEY (doc_id, record_kind, record_id, seq)
) WITHOUT ROWID;
INSERT INTO evidence_by_record
SELECT doc_id, record_kind, record_id, row_number() OVER (PARTITION BY doc_id ORDER BY id) - 1,
       field, start, end, byte_start, byte_end, text, sentence_start, sentence_end,
       sentence_byte_start, sentence_byte_end
FROM evidence ORDER BY doc_id, record_kind, record_id, id;
DROP TABLE evidence;
ALTER TABLE evidence_by_record RENAME TO evidence;
"#;

/// 5: `event_actors` rows carry their event's start day, type, country, number of sources and
/// best killed figure, kept by a trigger on `events`, so statistics for an actor filter are read
/// from the actor index alone (the actor filter cannot use the aggregates: one event counts
/// once however many of its names match) instead of from every matching event's row: on a
/// million events, a name carried by a quarter of them took 0.8 s.
const V5: &str = r#"
ALTER TABLE event_actors ADD COLUMN date_start TEXT;
ALTER TABLE event_actors ADD COLUMN event_type TEXT;
ALTER TABLE event_actors ADD COLUMN country TEXT;
ALTER TABLE event_actors ADD COLUMN n_sources INTEGER;
ALTER TABLE event_actors ADD COLUMN killed_best REAL;
UPDATE event_actors SET (date_start, event_type, country, n_sources, killed_best) =
    (SELECT e.date_start, e.event_type, e.country, e.n_sources, e.killed_best
     FROM events e WHERE e.id = event_actors.event_id);
CREATE TRIGGER event_actors_sync
AFTER UPDATE OF date_start, event_type, country, n_sources, killed_best ON events
WHEN old.date_start IS NOT new.date_start OR old.event_type IS NOT new.event_type
  OR old.country IS NOT new.country OR old.n_sources IS NOT new.n_sources
  OR old.killed_best IS NOT new.killed_best
BEGIN
    UPDATE event_actors SET date_start = new.date_start, event_type = new.event_type,
        country = new.country, n_sources = new.n_sources, killed_best = new.killed_best
    WHERE event_id = new.id;
END;
"#;

/// One aggregate of events: its table and its key columns, each with the expression that
/// computes it from an `events` row (`{r}` stands for `new` or `old` in triggers, for the
/// table when filling).
pub(crate) struct StatsTable {
    pub name: &'static str,
    pub key: &'static [(&'static str, &'static str)],
}

/// The aggregates `Store::stats` reads. Each row holds `events` (a count) and `killed` (the sum
/// of the events' best killed figures) for one combination of its key.
///
/// - `stats_day`: by day alone, for the timeline when no type or country is asked for (a few
///   rows a day).
/// - `stats_month`: by month, type, country, for the type and country bars over whole months
///   (a few hundred rows a month).
/// - `stats_detail`: by day, type, country: the edges of a date range that cuts months, and
///   the timeline of a type or a country (about as many rows as events, but 40 bytes each).
///
/// `sources` is the number of sources up to [`STATS_MAX_SOURCES`] (more count as that many),
/// so `min_sources` filters up to it are sums too. An undated event has day and month `''`.
pub(crate) const STATS_TABLES: [StatsTable; 3] = [
    StatsTable {
        name: "stats_day",
        key: &[("day", "{r}.date_start"), ("sources", SOURCES)],
    },
    StatsTable {
        name: "stats_month",
        key: &[
            ("month", "substr({r}.date_start, 1, 7)"),
            ("event_type", "{r}.event_type"),
            ("country", "coalesce({r}.country, '')"),
            ("sources", SOURCES),
        ],
    },
    StatsTable {
        name: "stats_detail",
        key: &[
            ("day", "{r}.date_start"),
            ("event_type", "{r}.event_type"),
            ("country", "coalesce({r}.country, '')"),
            ("sources", SOURCES),
        ],
    },
];

const SOURCES: &str = "min({r}.n_sources, 8)";

impl StatsTable {
    fn exprs(&self, r: &str) -> Vec<String> {
        self.key.iter().map(|(_, e)| e.replace("{r}", r)).collect()
    }

    fn columns(&self) -> String {
        self.key
            .iter()
            .map(|(c, _)| *c)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A query counting the rows of this table that differ from the same sums computed from
    /// `events` (missing, extra or wrong rows).
    pub(crate) fn check_sql(&self) -> String {
        let t = self.name;
        let fill = self.fill();
        let same = self
            .key
            .iter()
            .map(|(c, _)| format!("s.{c} = f.{c}"))
            .collect::<Vec<_>>()
            .join(" AND ");
        format!(
            "WITH fresh AS ({fill})
             SELECT (SELECT count(*) FROM fresh f WHERE NOT EXISTS (
                         SELECT 1 FROM {t} s WHERE {same} AND s.events = f.events
                           AND abs(s.killed - f.killed) < 1e-6))
                  + (SELECT count(*) FROM {t} s WHERE NOT EXISTS (
                         SELECT 1 FROM fresh f WHERE {same}))"
        )
    }

    /// The sums of this table computed from `events`.
    fn fill(&self) -> String {
        format!(
            "SELECT {}, count(*) AS events, total(killed_best) AS killed FROM events GROUP BY {}",
            self.exprs("events")
                .iter()
                .zip(self.key)
                .map(|(e, (c, _))| format!("{e} AS {c}"))
                .collect::<Vec<_>>()
                .join(", "),
            (1..=self.key.len())
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }

    /// The table, its fill from `events`, and the triggers that keep it.
    fn sql(&self) -> String {
        let (t, cols) = (self.name, self.columns());
        let text_or_int = |c: &str| if c == "sources" { "INTEGER" } else { "TEXT" };
        let defs: String = self
            .key
            .iter()
            .map(|(c, _)| format!("{c} {} NOT NULL, ", text_or_int(c)))
            .collect();
        let of = |r: &str| -> String {
            self.key
                .iter()
                .zip(self.exprs(r))
                .map(|((c, _), e)| format!("{c} = {e}"))
                .collect::<Vec<_>>()
                .join(" AND ")
        };
        let remove = format!(
            "UPDATE {t} SET events = events - 1, killed = killed - coalesce(old.killed_best, 0)
               WHERE {old};
             DELETE FROM {t} WHERE {old} AND events <= 0;",
            old = of("old")
        );
        let add = format!(
            "INSERT INTO {t} ({cols}, events, killed)
               VALUES ({new}, 1, coalesce(new.killed_best, 0))
               ON CONFLICT ({cols})
               DO UPDATE SET events = events + 1, killed = killed + excluded.killed;",
            new = self.exprs("new").join(", ")
        );
        let changed = self
            .exprs("old")
            .iter()
            .zip(self.exprs("new"))
            .map(|(o, n)| format!("({o}) IS NOT ({n})"))
            .chain(["old.killed_best IS NOT new.killed_best".to_string()])
            .collect::<Vec<_>>()
            .join(" OR ");
        format!(
            "CREATE TABLE {t} ({defs}events INTEGER NOT NULL, killed REAL NOT NULL,
                 PRIMARY KEY ({cols})) WITHOUT ROWID;
             INSERT INTO {t} ({cols}, events, killed) {fill};
             CREATE TRIGGER {t}_insert AFTER INSERT ON events BEGIN {add} END;
             CREATE TRIGGER {t}_delete AFTER DELETE ON events BEGIN {remove} END;
             CREATE TRIGGER {t}_update
               AFTER UPDATE OF date_start, event_type, country, n_sources, killed_best ON events
               WHEN {changed}
               BEGIN {remove} {add} END;",
            fill = self.fill(),
        )
    }
}

/// The second half of version 2: the statistics tables and the actor index, filled from what
/// a version-1 file holds.
fn v2_fill(tx: &Transaction) -> Result<()> {
    for t in &STATS_TABLES {
        tx.execute_batch(&t.sql())?;
    }
    backfill_actor_index(tx)
}

/// Fills the actor index from the events of a version-1 file, with the version-2 tables (the
/// clusterer's own code writes the latest version's).
fn backfill_actor_index(tx: &Transaction) -> Result<()> {
    let mut read = tx.prepare("SELECT id, actor_names FROM events WHERE actor_names <> ''")?;
    let mut add_name = tx.prepare("INSERT OR IGNORE INTO actor_names (name) VALUES (?1)")?;
    let mut link = tx.prepare(
        "INSERT OR IGNORE INTO event_actors (name_id, event_id)
         SELECT id, ?2 FROM actor_names WHERE name = ?1",
    )?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let names: String = r.get(1)?;
        for name in names.split('\n').filter(|x| !x.is_empty()) {
            add_name.execute([name])?;
            link.execute(rusqlite::params![name, id])?;
        }
    }
    Ok(())
}

/// The schema version this binary writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings `conn` up to [`SCHEMA_VERSION`].
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (i, step) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(step.sql)?;
        if let Some(then) = step.then {
            then(&tx)?;
        }
        // `user_version` cannot take a bound parameter; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sources_cap_is_the_one_in_the_triggers() {
        assert_eq!(
            SOURCES,
            format!("min({{r}}.n_sources, {STATS_MAX_SOURCES})")
        );
    }
}
