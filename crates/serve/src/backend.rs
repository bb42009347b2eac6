//! The two seams between HTTP and the rest of sitrep.
//!
//! [`Reader`] is one read connection to the event database; each method answers with the JSON
//! body ready to send, so a page of 500 events goes from SQLite rows to bytes without an
//! intermediate tree. [`Coder`] codes a submitted page and stores the result; the binary provides
//! it (it owns the language packs and the coding pipeline), so this crate knows HTTP and nothing
//! of how text becomes events.

use serde::{Deserialize, Serialize};

use crate::query::{EventsQuery, Filters};

/// Why a read failed.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The request cannot be answered as asked (a cursor from another query or a corrupt one).
    #[error("{0}")]
    BadRequest(String),
    /// The database failed.
    #[error("{0}")]
    Failed(String),
}

/// One read connection to the event database.
pub trait Reader: Send + 'static {
    /// `{"events": [...], "next_cursor": "..."|null}`.
    fn events(&mut self, q: &EventsQuery) -> Result<Vec<u8>, ReadError>;
    /// One event with its sources and evidence, or `None` for an unknown id.
    fn event(&mut self, id: &str) -> Result<Option<Vec<u8>>, ReadError>;
    /// One document with its text and annotated spans, or `None` for an unknown id.
    fn document(&mut self, id: &str) -> Result<Option<Vec<u8>>, ReadError>;
    /// Counts by day, type and country of the events the filters select.
    fn stats(&mut self, f: &Filters) -> Result<Vec<u8>, ReadError>;
}

/// A page or text to code, as `POST /api/documents` receives it. The fields are those of a
/// `sitrep read` JSONL record, so the same reader decodes both.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Plain text of an article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A whole HTML page (main text and metadata are extracted from it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date (`YYYY-MM-DD` or RFC 3339): relative dates resolve against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// ISO 639-1 language code; detected when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Submission {
    /// Checks that exactly one of `text` and `html` holds something.
    pub fn validate(&self) -> Result<(), String> {
        let has = |s: &Option<String>| s.as_deref().is_some_and(|t| !t.trim().is_empty());
        match (has(&self.text), has(&self.html)) {
            (true, false) | (false, true) => Ok(()),
            (false, false) => Err("expected a non-empty \"text\" or \"html\" field".into()),
            (true, true) => Err("give \"text\" or \"html\", not both".into()),
        }
    }

    /// The submission as one JSONL record, the shape `sitrep_ingest::read_bytes` reads from a
    /// `.jsonl` input.
    pub fn to_jsonl(&self) -> Vec<u8> {
        // Serialising a struct of strings cannot fail.
        let mut line = serde_json::to_vec(self).unwrap_or_default();
        line.push(b'\n');
        line
    }
}

/// Why a submission was not coded.
#[derive(Debug, thiserror::Error)]
pub enum CodeError {
    /// The input holds no readable document (answered 422).
    #[error("{0}")]
    Invalid(String),
    /// Coding or storing failed (answered 500).
    #[error("{0}")]
    Failed(String),
}

/// Codes a submission and stores it; answers what was stored (document id, event ids, ...).
pub trait Coder: Send + Sync + 'static {
    /// Runs on a blocking thread.
    fn code(&self, submission: Submission) -> Result<serde_json::Value, CodeError>;
}
