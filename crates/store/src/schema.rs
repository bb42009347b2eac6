//! The database schema and its migrations.
//!
//! The schema version lives in SQLite's own `PRAGMA user_version`, so a file says which version
//! wrote it without a table of its own. Each migration is one numbered SQL step; `migrate` runs
//! the steps a file lacks, each in its own transaction, and refuses a file written by a newer
//! binary (its tables may mean things this binary does not know).
//!
//! Dates are ISO `YYYY-MM-DD` text, which sorts as dates do. An unknown event date is `''` rather
//! than NULL so that `(date_start, id)` row-value comparisons (the cursor) stay total.

use rusqlite::Connection;

use crate::{Error, Result};

/// The count kinds carried by reports and events, in column order.
pub const COUNT_KINDS: [&str; 5] = ["killed", "injured", "arrested", "abducted", "displaced"];

/// Migration steps: `MIGRATIONS[i]` takes a file from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r#"
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
"#,
];

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
        tx.execute_batch(step)?;
        // `user_version` cannot take a bound parameter; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    Ok(())
}
