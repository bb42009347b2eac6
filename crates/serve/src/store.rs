//! The sitrep store behind the seams: [`Reader`] over one read-only SQLite connection per pool
//! slot, and [`StoreCoder`], which stores what the binary's pipeline codes from a submission.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sitrep_store::{BBox, EventFilter, Ingested, Store};

use crate::backend::{CodeError, Coder, ReadError, Reader, Submission};
use crate::error::ServeError;
use crate::pool::Opener;
use crate::query::{EventsQuery, Filters};

/// Opens read-only connections to `db`, which must exist: a server never creates a database.
pub fn opener(db: &Path) -> Result<Opener<Box<dyn Reader>>, ServeError> {
    if !db.is_file() {
        return Err(ServeError::Database {
            path: db.display().to_string(),
            message: "no such file (build one with `sitrep ingest --db FILE PATH...`)".into(),
        });
    }
    let path = db.to_path_buf();
    Ok(Box::new(move || {
        let store = Store::open_read_only(&path).map_err(|e| e.to_string())?;
        // Readers answer many small queries that come back to the same index pages.
        store.set_cache_mb(64).map_err(|e| e.to_string())?;
        Ok(Box::new(store) as Box<dyn Reader>)
    }))
}

fn filter(f: &Filters) -> EventFilter {
    EventFilter {
        since: f.since,
        until: f.until,
        country: f.country.clone(),
        event_type: f.event_type,
        actor: f.actor.clone(),
        bbox: f.bbox.map(|[min_lon, min_lat, max_lon, max_lat]| BBox {
            min_lon,
            min_lat,
            max_lon,
            max_lat,
        }),
        min_sources: f.min_sources,
    }
}

fn err(e: sitrep_store::Error) -> ReadError {
    match e {
        sitrep_store::Error::Invalid(m) => ReadError::BadRequest(m),
        e => ReadError::Failed(e.to_string()),
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<Vec<u8>, ReadError> {
    serde_json::to_vec(v).map_err(|e| ReadError::Failed(format!("JSON: {e}")))
}

impl Reader for Store {
    fn events(&mut self, q: &EventsQuery) -> Result<Vec<u8>, ReadError> {
        let page =
            Store::events(self, &filter(&q.filters), q.cursor.as_deref(), q.limit).map_err(err)?;
        to_json(&page)
    }

    fn event(&mut self, id: &str) -> Result<Option<Vec<u8>>, ReadError> {
        // Event ids are integers: anything else names no event.
        let Ok(id) = id.parse::<i64>() else {
            return Ok(None);
        };
        Store::event(self, id)
            .map_err(err)?
            .map(|d| to_json(&d))
            .transpose()
    }

    fn document(&mut self, id: &str) -> Result<Option<Vec<u8>>, ReadError> {
        Store::document(self, id)
            .map_err(err)?
            .map(|d| to_json(&d))
            .transpose()
    }

    fn stats(&mut self, f: &Filters) -> Result<Vec<u8>, ReadError> {
        to_json(&Store::stats(self, &filter(f)).map_err(err)?)
    }
}

/// Turns a submission into a document and its coded records (the binary's pipeline).
pub type Analyse = Box<dyn Fn(Submission) -> Result<Ingested, CodeError> + Send + Sync>;

/// A [`Coder`] that runs `analyse` and writes the result with one write connection, opened at
/// the first submission (readers never block on it: WAL).
pub struct StoreCoder {
    db: PathBuf,
    analyse: Analyse,
    writer: Mutex<Option<Store>>,
}

impl StoreCoder {
    /// Codes with `analyse`, stores into `db`.
    pub fn new(db: impl Into<PathBuf>, analyse: Analyse) -> StoreCoder {
        StoreCoder {
            db: db.into(),
            analyse,
            writer: Mutex::new(None),
        }
    }
}

impl Coder for StoreCoder {
    fn code(&self, submission: Submission) -> Result<serde_json::Value, CodeError> {
        let item = (self.analyse)(submission)?;
        let id = item.doc.id.clone();
        let failed = |e: sitrep_store::Error| CodeError::Failed(format!("store: {e}"));
        let mut guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            *guard = Some(Store::open(&self.db).map_err(failed)?);
        }
        let store = guard
            .as_mut()
            .ok_or_else(|| CodeError::Failed("no write connection".into()))?;
        let summary = store
            .write_batch(std::slice::from_ref(&item))
            .map_err(failed)?;
        let stored = Store::document(store, &id).map_err(failed)?;
        let status = if summary.new > 0 {
            "new"
        } else if summary.replaced > 0 {
            "replaced"
        } else {
            "unchanged"
        };
        Ok(serde_json::json!({
            "document_id": id,
            "status": status,
            "language": stored.as_ref().and_then(|d| d.language.clone()),
            "title": stored.as_ref().and_then(|d| d.title.clone()),
            "reports": stored.map(|d| d.reports).unwrap_or_default(),
            "summary": summary,
        }))
    }
}
