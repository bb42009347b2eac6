//! sitrep's store: one SQLite file holding documents, the event records coded from them
//! (`reports`), the real-world events those reports describe (`events`, clusters across sources),
//! quotations, figures, the evidence spans behind every field, and per-document ingest errors.
//!
//! Why SQLite: one file an analyst can copy, open from Python or R, and query while an ingest is
//! running (WAL). Every write goes through [`Store::write_batch`], one transaction per batch, so a
//! killed process loses at most the batch in flight and the next run carries on from what was
//! committed. Documents are keyed by id and content hash, which makes re-ingesting idempotent and
//! lets a changed page replace its old records.
//!
//! Clustering ([`cluster`]) is incremental: each new report joins the best matching existing event
//! or starts one; only the events it touches are recomputed.
//!
//! The read side ([`Store::events`], [`Store::event`], [`Store::document`], [`Store::stats`],
//! [`Store::export`]) is what `sitrep serve` and `sitrep export` are built on. All SQL takes its
//! values as bound parameters.

pub mod check;
pub mod cluster;
mod export;
mod model;
mod query;
pub mod schema;
pub mod synth;
mod write;

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

pub use check::CheckReport;
pub use export::ExportFormat;
pub use model::*;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite reported an error.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The file was written by a newer sitrep.
    #[error(
        "the database has schema version {found}, newer than this sitrep supports ({supported}): \
         upgrade sitrep"
    )]
    NewerSchema {
        /// The file's version.
        found: u32,
        /// The newest version this binary knows.
        supported: u32,
    },
    /// A stored JSON value could not be read or written.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Writing an export failed.
    #[error("write: {0}")]
    Io(#[from] std::io::Error),
    /// CSV output failed.
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Parquet output failed.
    #[cfg(feature = "parquet")]
    #[error("Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// Arrow array building failed.
    #[cfg(feature = "parquet")]
    #[error("Arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// A caller's argument is not valid (bad cursor, unknown format...).
    #[error("{0}")]
    Invalid(String),
}

/// The store's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An open sitrep database.
///
/// A `Store` is one SQLite connection: `Send`, not `Sync`. A server opens one per worker (WAL
/// lets readers run beside the single writer).
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens `path`, creating the file and its schema when absent and migrating an older schema.
    /// Sets WAL journaling, `synchronous=NORMAL` (durable at each checkpoint, and never corrupt
    /// on a crash: WAL's guarantee) and foreign keys.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        Self::configure(&conn)?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// Opens an existing database for reading only (never creates nor migrates it): a server's
    /// read connections, exports, checks.
    ///
    /// The connection is opened read-write with `query_only` set, because a read-only SQLite
    /// handle cannot open a WAL database whose `-shm` file is absent (after a clean shutdown);
    /// on a read-only file system it falls back to a plain read-only handle.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let conn = match Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ) {
            Ok(c) => c,
            Err(_) => Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?,
        };
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "query_only", "ON")?;
        let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > schema::SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                found,
                supported: schema::SCHEMA_VERSION,
            });
        }
        if found == 0 {
            return Err(Error::Invalid(format!(
                "{} is not a sitrep database (no schema)",
                path.display()
            )));
        }
        Ok(Store { conn })
    }

    fn configure(conn: &Connection) -> Result<()> {
        // A second process (a reader, or an ingest that is being replaced) may hold the lock for
        // a moment: wait instead of failing.
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Bigger page cache than the 2 MB default: the clustering lookups and index updates of a
        // batch stay in memory.
        conn.pragma_update(None, "cache_size", -65536)?;
        Ok(())
    }

    /// Sets SQLite's page cache of this connection, in megabytes (64 for [`Store::open`], 2 for
    /// [`Store::open_read_only`]). A bulk load into a database bigger than the cache spends its
    /// time re-reading index pages; a server's readers keep coming back to the same index pages.
    /// A one-pass reader (an export) gains nothing from a bigger one.
    pub fn set_cache_mb(&self, mb: u32) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", -(i64::from(mb) * 1024))?;
        Ok(())
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Row counts of every table.
    pub fn totals(&self) -> Result<Totals> {
        let n = |table: &str| -> Result<u64> {
            // Table names are our own constants, never input.
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                    r.get::<_, i64>(0)
                })? as u64)
        };
        Ok(Totals {
            documents: n("documents")?,
            reports: n("reports")?,
            events: n("events")?,
            quotes: n("quotes")?,
            figures: n("figures")?,
            evidence: n("evidence")?,
            errors: n("errors")?,
        })
    }

    /// Records per-document ingest failures (`(source, message)`), in one transaction.
    pub fn record_errors(&mut self, errors: &[(String, String)]) -> Result<()> {
        if errors.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        {
            let mut st =
                tx.prepare_cached("INSERT INTO errors (source, message, at) VALUES (?1, ?2, ?3)")?;
            let at = now();
            for (source, message) in errors {
                st.execute((source, message, &at))?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every event report's record id with the id of the event (cluster) it belongs to, in
    /// insertion order: what clustering evaluations compare with the truth.
    pub fn report_clusters(&self) -> Result<Vec<(String, Option<i64>)>> {
        let mut st = self
            .conn
            .prepare("SELECT record_id, cluster_id FROM reports ORDER BY id")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes the WAL back into the main file (what a clean shutdown does).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

/// The current UTC time, RFC 3339, to the second.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
