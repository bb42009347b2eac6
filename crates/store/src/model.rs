//! The store's public types: what goes in (`Ingested`), what comes back from writes and queries.

use serde::{Deserialize, Serialize};
use sitrep_core::Document;
use sitrep_events::{EventRecord, EventType, FigureRecord, QuoteRecord};

/// One document and everything coded from it: the unit [`crate::Store::write_batch`] stores.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The document.
    pub doc: Document,
    /// Its event records.
    pub events: Vec<EventRecord>,
    /// Its quotations.
    pub quotes: Vec<QuoteRecord>,
    /// Its figures.
    pub figures: Vec<FigureRecord>,
}

/// What one batch changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchSummary {
    /// Documents never seen before.
    pub new: usize,
    /// Documents already stored with the same content hash: nothing written.
    pub unchanged: usize,
    /// Documents stored before with another content hash: old records replaced.
    pub replaced: usize,
    /// Event reports written.
    pub reports: usize,
    /// Quotations written.
    pub quotes: usize,
    /// Figures written.
    pub figures: usize,
    /// Events (clusters) started by a report.
    pub events_created: usize,
    /// Reports that joined an existing event.
    pub reports_joined: usize,
}

impl BatchSummary {
    /// Adds another summary into this one.
    pub fn add(&mut self, o: &BatchSummary) {
        self.new += o.new;
        self.unchanged += o.unchanged;
        self.replaced += o.replaced;
        self.reports += o.reports;
        self.quotes += o.quotes;
        self.figures += o.figures;
        self.events_created += o.events_created;
        self.reports_joined += o.reports_joined;
    }
}

/// Row counts of the store's tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[allow(missing_docs)]
pub struct Totals {
    pub documents: u64,
    pub reports: u64,
    pub events: u64,
    pub quotes: u64,
    pub figures: u64,
    pub evidence: u64,
    pub errors: u64,
}

/// A longitude/latitude box.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct BBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl std::str::FromStr for BBox {
    type Err = String;

    /// Parses `min_lon,min_lat,max_lon,max_lat` (the GeoJSON/OGC order).
    fn from_str(s: &str) -> Result<BBox, String> {
        let v: Vec<f64> = s
            .split(',')
            .map(|x| x.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|e| format!("bbox: {e}: expected min_lon,min_lat,max_lon,max_lat"))?;
        let [min_lon, min_lat, max_lon, max_lat] = v[..] else {
            return Err("bbox: expected four numbers: min_lon,min_lat,max_lon,max_lat".into());
        };
        if !(min_lon <= max_lon && min_lat <= max_lat) || v.iter().any(|x| !x.is_finite()) {
            return Err("bbox: expected min_lon <= max_lon and min_lat <= max_lat".into());
        }
        Ok(BBox {
            min_lon,
            min_lat,
            max_lon,
            max_lat,
        })
    }
}

/// Which events a query, a statistic or an export covers. Every field narrows; the default
/// covers everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventFilter {
    /// Events starting on or after this day.
    pub since: Option<chrono::NaiveDate>,
    /// Events starting on or before this day.
    pub until: Option<chrono::NaiveDate>,
    /// ISO 3166-1 alpha-3 of the event's location.
    pub country: Option<String>,
    /// PLOVER type.
    pub event_type: Option<EventType>,
    /// Case-insensitive substring of any actor's or recipient's name.
    pub actor: Option<String>,
    /// Events whose point lies in this box.
    pub bbox: Option<BBox>,
    /// At least this many distinct source documents.
    pub min_sources: Option<u32>,
}

/// Best, low and high figures of one count, reconciled across reports as UCDP does.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CountRange {
    /// The median report's figure.
    pub best: f64,
    /// The lowest figure reported.
    pub low: f64,
    /// The highest figure reported.
    pub high: f64,
}

/// One event (cluster) as listed by [`crate::Store::events`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventSummary {
    /// The event's id.
    pub id: i64,
    /// PLOVER type (the most reported one among its reports).
    pub event_type: String,
    /// First day (`None` when no report dates it).
    pub date_start: Option<String>,
    /// Last day.
    pub date_end: Option<String>,
    /// `day`, `week`, `month`, `year`, `range`.
    pub date_precision: Option<String>,
    /// Place name.
    pub location: Option<String>,
    /// First-level division.
    pub admin1: Option<String>,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// 1 country, 2 admin1, 3 admin2, 4 city, 5 sub-city.
    pub geo_precision: Option<u8>,
    /// Distinct source documents.
    pub n_sources: u32,
    /// Reports (one document may report an event twice).
    pub n_reports: u32,
    /// Killed.
    pub killed: Option<CountRange>,
    /// Injured.
    pub injured: Option<CountRange>,
    /// Arrested.
    pub arrested: Option<CountRange>,
    /// Abducted.
    pub abducted: Option<CountRange>,
    /// Displaced.
    pub displaced: Option<CountRange>,
    /// Representative actor (a list of `ActorRef`).
    pub actor: serde_json::Value,
    /// Representative recipient.
    pub recipient: serde_json::Value,
}

/// A page of events, newest first, and the cursor of the next page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventPage {
    /// The events.
    pub events: Vec<EventSummary>,
    /// Pass it back to get the next page; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// An annotated stretch of a document's text: the evidence for one field of one record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceSpan {
    /// `event`, `quote` or `figure`.
    pub record_kind: String,
    /// The record's id.
    pub record_id: String,
    /// The field (`trigger`, `actor`, `location`, `killed`, `quote`, `speaker`...).
    pub field: String,
    /// The words.
    pub text: String,
    /// Characters (what Python and JavaScript index by).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Bytes of the UTF-8 text.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
    /// The sentence, in characters, when known.
    pub sentence_start: Option<usize>,
    /// One past the sentence's last character.
    pub sentence_end: Option<usize>,
}

/// One report of an event, with its document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportDetail {
    /// The event record's id.
    pub record_id: String,
    /// The document's id.
    pub doc_id: String,
    /// The document's title.
    pub doc_title: Option<String>,
    /// The document's URL.
    pub doc_url: Option<String>,
    /// The document's publication date.
    pub published: Option<String>,
    /// The whole event record as coded.
    pub record: serde_json::Value,
    /// Its evidence spans.
    pub evidence: Vec<EvidenceSpan>,
}

/// An event with all its reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventDetail {
    /// The event.
    #[serde(flatten)]
    pub event: EventSummary,
    /// The source documents' URLs (or paths).
    pub sources: Vec<String>,
    /// Its reports.
    pub reports: Vec<ReportDetail>,
}

/// A document's event reports, with the events they were clustered into.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentReport {
    /// The event record's id.
    pub record_id: String,
    /// PLOVER type.
    pub event_type: String,
    /// `asserted`, `negated`...
    pub modality: String,
    /// The event (cluster) it belongs to; `None` for negated, hypothetical, future or
    /// historical reports, which are stored but describe no event.
    pub event_id: Option<i64>,
}

/// A stored document with its text and every annotated span.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[allow(missing_docs)]
pub struct DocumentDetail {
    pub id: String,
    pub source_path: String,
    pub source_item: Option<u64>,
    pub format: String,
    pub url: Option<String>,
    pub canonical_url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub content_hash: String,
    pub notes: Vec<String>,
    pub ingested_at: String,
    /// The clean text every span indexes.
    pub text: String,
    /// Its event reports.
    pub reports: Vec<DocumentReport>,
    /// Evidence of every record of the document, in text order.
    pub spans: Vec<EvidenceSpan>,
}

/// One bar of a histogram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bucket {
    /// The day, type or country.
    pub key: String,
    /// Events.
    pub events: u64,
    /// Sum of the events' best killed figures.
    pub killed: f64,
}

/// Counts of the events a filter covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Events in all.
    pub events: u64,
    /// By start day (undated events are left out), in date order.
    pub by_day: Vec<Bucket>,
    /// By PLOVER type, most frequent first.
    pub by_type: Vec<Bucket>,
    /// By country, most frequent first (events without a country are `""`).
    pub by_country: Vec<Bucket>,
}
