//! A document: clean text plus what is known about where it came from.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

/// One news article (or feed item, or WARC record) after ingestion.
///
/// `text` is the clean main text: headline, a blank line, then the article's paragraphs separated
/// by blank lines. Every later span points into it.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Stable id: the input's own id (JSONL), else a hash of its URL, else a hash of its text.
    pub id: String,
    /// Where the document was read from.
    pub source: Source,
    /// The page's URL, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The canonical URL the page declares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    /// Headline or title.
    pub title: Option<String>,
    /// Publication date; `None` says that no date was found nor given.
    pub published: Option<Published>,
    /// Last modification date, when the page states one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<Published>,
    /// Authors, as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Site or publisher name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// ISO 639-1 code of the text's language, when known.
    pub language: Option<String>,
    /// How `language` was decided.
    pub language_source: LanguageSource,
    /// The clean main text.
    pub text: String,
    /// How the raw bytes were decoded, for inputs that were bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<EncodingReport>,
    /// Hash of `text`: tells a changed version of a page from the same one.
    pub content_hash: String,
    /// Things a user should know about this document (no date, language without a pack, ...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Document {
    /// The date relative expressions resolve against: the publication date, when known.
    pub fn reference_date(&self) -> Option<NaiveDate> {
        self.published.as_ref().map(|p| p.date)
    }
}

/// Where a document was read from: a file path (or `-` for standard input) and, inside a feed,
/// WARC or JSONL file, the 1-based item or record number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// File path, or `-` for standard input.
    pub path: String,
    /// 1-based position of the item inside a container file (feed item, WARC record, JSONL line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    /// The input format: `html`, `text`, `jsonl`, `rss`, `atom`, `warc`.
    pub format: &'static str,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.item {
            Some(i) => write!(f, "{}#{}", self.path, i),
            None => write!(f, "{}", self.path),
        }
    }
}

/// A publication or modification date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Published {
    /// The calendar date (in the timezone the page states).
    pub date: NaiveDate,
    /// The full timestamp, when the page gives a time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datetime: Option<DateTime<FixedOffset>>,
    /// Where the date was found.
    pub source: DateSource,
}

/// Where a document's date came from, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// Given by the user (`--published`).
    User,
    /// A field of the input record (JSONL `published`, a feed item's date, a WARC date).
    Record,
    /// JSON-LD `NewsArticle`/`Article` `datePublished`.
    JsonLd,
    /// OpenGraph / `article:published_time` and other meta tags.
    Meta,
    /// A `<time datetime>` element.
    TimeElement,
    /// A date in the URL path (`/2020/02/28/`).
    Url,
}

/// How a document's language was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LanguageSource {
    /// Given by the user (`--lang`) or the input record.
    Declared,
    /// The page's `<html lang>` or meta language, confirmed by the text.
    Markup,
    /// Detected from the text.
    Detected,
    /// Not known: text too short or empty.
    Unknown,
}

/// How raw bytes were turned into text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EncodingReport {
    /// WHATWG encoding name, e.g. `UTF-8`, `windows-1252`.
    pub name: &'static str,
    /// What decided it.
    pub source: EncodingSource,
    /// Number of malformed byte sequences replaced by U+FFFD.
    pub replaced: usize,
}

/// What decided a document's character encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EncodingSource {
    /// A byte-order mark.
    Bom,
    /// A `Content-Type` charset (HTTP header in a WARC record, or an XML declaration).
    Http,
    /// `<meta charset>` or `<meta http-equiv="Content-Type">`.
    Meta,
    /// The bytes were valid UTF-8.
    Utf8,
    /// Statistical detection (chardetng).
    Detected,
}
