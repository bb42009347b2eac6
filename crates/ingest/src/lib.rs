//! Ingestion: whatever a user has (a saved page, a feed, a crawl, a folder of thousands of files,
//! standard input) becomes clean [`Document`]s.
//!
//! ```text
//! path ──▶ bytes ──▶ (gunzip) ──▶ sniff format ──▶ html | text | jsonl | feed | warc
//!                                                     │
//!                       decode charset, extract main text and metadata, detect language
//!                                                     ▼
//!                                          Vec<Result<Document, IngestError>>
//! ```
//!
//! One input file can hold many documents (feed items, WARC records, JSONL lines), so every
//! reader returns a list of per-document results: a bad item is an error in the list, never the
//! end of the batch.
//!
//! **Architecture invariant:** this crate never reaches the network and never panics on input;
//! it knows nothing of sentences, events or storage.
#![warn(missing_docs)]

mod encoding;
mod feed;
pub mod html;
pub mod langid;
mod warc;

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use sitrep_core::{stable_hash, DateSource, Document, LanguageSource, Published, Source};

/// How to read inputs.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    /// Publication date to use when a document has none (`--published`). It never overrides a
    /// date the document states.
    pub published: Option<NaiveDate>,
    /// Force this language (`--lang`), skipping detection.
    pub language: Option<String>,
    /// Largest single document (HTML page, text file, decoded record) read, in bytes. Larger ones
    /// are reported and skipped: a 50 MB "page" is a dump, not an article.
    pub max_document_bytes: usize,
    /// Largest input file (a WARC or JSONL container) read, in bytes, after decompression.
    pub max_file_bytes: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            published: None,
            language: None,
            max_document_bytes: 16 << 20,
            max_file_bytes: 2 << 30,
        }
    }
}

/// Why one document (or a whole input) could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read.
    #[error("{input}: cannot read: {error}")]
    Io {
        /// The input.
        input: String,
        /// The OS error.
        error: std::io::Error,
    },
    /// The input holds no bytes, or only whitespace.
    #[error("{input}: empty input")]
    Empty {
        /// The input.
        input: String,
    },
    /// The input is binary data (an image, an archive), not text.
    #[error("{input}: binary data, not a text document ({detail})")]
    Binary {
        /// The input.
        input: String,
        /// What gave it away.
        detail: String,
    },
    /// The input is larger than the configured limit.
    #[error("{input}: too large: {size} bytes (limit {limit}; see --max-document-bytes)")]
    TooLarge {
        /// The input.
        input: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The input is a damaged feed, WARC, gzip or JSONL record.
    #[error("{input}: malformed {format}: {detail}")]
    Malformed {
        /// The input (with item number inside a container).
        input: String,
        /// The format that failed.
        format: &'static str,
        /// The parser's message.
        detail: String,
    },
    /// Nothing that looks like article text was found.
    #[error("{input}: no article text found")]
    NoText {
        /// The input.
        input: String,
    },
}

/// The input formats sitrep reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An HTML page.
    Html,
    /// Plain text: the first line is the headline.
    Text,
    /// One JSON document per line: `{"id","url","title","published","language","text"|"html"}`.
    Jsonl,
    /// RSS, Atom or JSON Feed.
    Feed,
    /// WARC (the `.gz` layer is removed before sniffing).
    Warc,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Feed => "feed",
            Format::Warc => "warc",
        }
    }
}

/// The result of reading one input: its documents and errors, in input order.
pub type Items = Vec<Result<Document, IngestError>>;

/// Lists the files under `paths`, recursively and in a stable (sorted) order. Hidden files and
/// directories are skipped. Paths that cannot be listed come back as errors.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<IngestError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut stack: Vec<PathBuf> = paths.iter().rev().cloned().collect();
    while let Some(p) = stack.pop() {
        if p.as_os_str() == "-" {
            files.push(p);
            continue;
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => match std::fs::read_dir(&p) {
                Ok(rd) => {
                    let mut children: Vec<PathBuf> = rd
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|c| {
                            !c.file_name()
                                .and_then(|n| n.to_str())
                                .is_some_and(|n| n.starts_with('.') || not_a_document(n))
                        })
                        .collect();
                    children.sort();
                    stack.extend(children.into_iter().rev());
                }
                Err(error) => errors.push(IngestError::Io {
                    input: p.display().to_string(),
                    error,
                }),
            },
            Ok(_) => files.push(p),
            Err(error) => errors.push(IngestError::Io {
                input: p.display().to_string(),
                error,
            }),
        }
    }
    (files, errors)
}

/// Files met while walking a folder that are not news documents: code, images, archives of other
/// kinds, databases, and the README/LICENSE files that come with corpora. Files named explicitly on
/// the command line are always read.
fn not_a_document(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let stem_is = |s: &str| lower == s || lower.starts_with(&format!("{s}."));
    if stem_is("readme") || stem_is("license") || stem_is("licence") || stem_is("copying") {
        return true;
    }
    let ext = lower.rsplit('.').next().unwrap_or("");
    matches!(
        ext,
        "py" | "rs"
            | "js"
            | "mjs"
            | "ts"
            | "css"
            | "sh"
            | "toml"
            | "lock"
            | "yml"
            | "yaml"
            | "png"
            | "jpg"
            | "jpeg"
            | "gif"
            | "webp"
            | "svg"
            | "ico"
            | "pdf"
            | "zip"
            | "tar"
            | "7z"
            | "db"
            | "sqlite"
            | "wal"
            | "shm"
            | "exe"
            | "so"
            | "dll"
            | "mp3"
            | "mp4"
            | "woff"
            | "woff2"
            | "ttf"
    )
}

/// Reads one file (or standard input for `-`) into documents.
pub fn read_path(path: &Path, cfg: &IngestConfig) -> Items {
    let name = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        match std::io::stdin()
            .take(cfg.max_file_bytes + 1)
            .read_to_end(&mut buf)
        {
            Ok(_) => buf,
            Err(error) => return vec![Err(IngestError::Io { input: name, error })],
        }
    } else {
        match std::fs::metadata(path) {
            Ok(m) if m.len() > cfg.max_file_bytes => {
                return vec![Err(IngestError::TooLarge {
                    input: name,
                    size: m.len(),
                    limit: cfg.max_file_bytes,
                })]
            }
            Err(error) => return vec![Err(IngestError::Io { input: name, error })],
            _ => {}
        }
        match std::fs::read(path) {
            Ok(b) => b,
            Err(error) => return vec![Err(IngestError::Io { input: name, error })],
        }
    };
    read_bytes(&bytes, &name, cfg)
}

/// Reads documents from bytes. `name` is the source path reported in documents and errors; its
/// extension helps choose the format.
pub fn read_bytes(bytes: &[u8], name: &str, cfg: &IngestConfig) -> Items {
    let mut out = Items::new();
    let lower_name = name.to_ascii_lowercase();
    let mut data = std::borrow::Cow::Borrowed(bytes);
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut buf = Vec::new();
        let res = flate2::read::MultiGzDecoder::new(bytes)
            .take(cfg.max_file_bytes + 1)
            .read_to_end(&mut buf);
        if let Err(e) = res {
            // Keep what was decompressed: complete records before the damage are still good.
            out.push(Err(IngestError::Malformed {
                input: name.to_string(),
                format: "gzip",
                detail: format!(
                    "{e} (after {} decompressed bytes; earlier content kept)",
                    buf.len()
                ),
            }));
        }
        if buf.len() as u64 > cfg.max_file_bytes {
            out.push(Err(IngestError::TooLarge {
                input: name.to_string(),
                size: buf.len() as u64,
                limit: cfg.max_file_bytes,
            }));
            return out;
        }
        data = std::borrow::Cow::Owned(buf);
    }
    let data: &[u8] = &data;
    if data.iter().all(|b| b.is_ascii_whitespace()) {
        if out.is_empty() {
            out.push(Err(IngestError::Empty {
                input: name.to_string(),
            }));
        }
        return out;
    }
    let format = sniff(data, &lower_name);
    if format != Format::Warc {
        if let Some(detail) = binary_evidence(data) {
            out.push(Err(IngestError::Binary {
                input: name.to_string(),
                detail,
            }));
            return out;
        }
    }
    let source = |item: Option<usize>, format: Format| Source {
        path: name.to_string(),
        item,
        format: format.name(),
    };
    match format {
        Format::Html | Format::Text => {
            if data.len() > cfg.max_document_bytes {
                out.push(Err(IngestError::TooLarge {
                    input: name.to_string(),
                    size: data.len() as u64,
                    limit: cfg.max_document_bytes as u64,
                }));
                return out;
            }
            let decoded = encoding::decode(data, None, format == Format::Html);
            let doc = if format == Format::Html {
                from_html(&decoded.text, source(None, format), None, cfg)
            } else {
                from_text(&decoded.text, source(None, format), cfg)
            };
            out.push(doc.map(|mut d| {
                d.encoding = Some(decoded.report);
                d
            }));
        }
        Format::Jsonl => {
            let decoded = encoding::decode(data, None, false);
            for (n, line) in decoded.text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                out.push(from_json_line(line, source(Some(n + 1), format), cfg));
            }
        }
        Format::Feed => match feed::read(data) {
            Ok((site, items)) => {
                for it in items {
                    let src = source(Some(it.item), format);
                    out.push(from_feed_item(it, site.clone(), src, cfg));
                }
            }
            Err(detail) => out.push(Err(IngestError::Malformed {
                input: name.to_string(),
                format: "feed",
                detail,
            })),
        },
        Format::Warc => {
            let read = warc::read(data);
            for (record, detail) in read.errors {
                out.push(Err(IngestError::Malformed {
                    input: source(Some(record), format).to_string(),
                    format: "warc",
                    detail,
                }));
            }
            for page in read.pages {
                let src = source(Some(page.record), format);
                if page.body.len() > cfg.max_document_bytes {
                    out.push(Err(IngestError::TooLarge {
                        input: src.to_string(),
                        size: page.body.len() as u64,
                        limit: cfg.max_document_bytes as u64,
                    }));
                    continue;
                }
                let decoded = encoding::decode(&page.body, page.charset.as_deref(), true);
                let record_date = page
                    .date
                    .as_deref()
                    .and_then(|d| parse_datetime(d, DateSource::Record));
                out.push(
                    from_html(&decoded.text, src, page.url.as_deref(), cfg).map(|mut d| {
                        d.encoding = Some(decoded.report);
                        if d.published.is_none() {
                            if let Some(p) = record_date {
                                d.notes
                                    .push("published date is the crawl date (WARC-Date)".into());
                                d.published = Some(p);
                                d.notes.retain(|n| !n.starts_with("no publication date"));
                            }
                        }
                        d
                    }),
                );
            }
        }
    }
    out
}

/// Chooses the reader from the file name and the first bytes.
fn sniff(data: &[u8], lower_name: &str) -> Format {
    let head_len = data.len().min(2048);
    let head = String::from_utf8_lossy(&data[..head_len]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let name = lower_name.trim_end_matches(".gz");
    if head.starts_with("warc/") {
        return Format::Warc;
    }
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        return Format::Jsonl;
    }
    let looks_feed = head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf");
    if name.ends_with(".rss") || name.ends_with(".atom") || (looks_feed && !head.contains("<html"))
    {
        return Format::Feed;
    }
    if name.ends_with(".json") && head.contains("jsonfeed.org") {
        return Format::Feed;
    }
    if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml") {
        return Format::Html;
    }
    if name.ends_with(".txt") || name.ends_with(".text") {
        return Format::Text;
    }
    if head.starts_with('{') {
        return Format::Jsonl;
    }
    if head.starts_with("<!doctype")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.contains("<head")
    {
        return Format::Html;
    }
    if head.starts_with('<') && head.contains("</p>") {
        return Format::Html;
    }
    Format::Text
}

/// Why `data` looks binary, if it does: NUL bytes or a high share of control characters in the
/// first 8 KB (UTF-16 text with a BOM is text).
fn binary_evidence(data: &[u8]) -> Option<String> {
    if data.starts_with(&[0xff, 0xfe]) || data.starts_with(&[0xfe, 0xff]) {
        return None;
    }
    let head = &data[..data.len().min(8192)];
    let nuls = head.iter().filter(|&&b| b == 0).count();
    if nuls > 0 {
        return Some(format!(
            "{nuls} NUL bytes in the first {} bytes",
            head.len()
        ));
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if controls * 20 > head.len() {
        return Some(format!(
            "{controls} control bytes in the first {} bytes",
            head.len()
        ));
    }
    None
}

fn from_html(
    html: &str,
    source: Source,
    url: Option<&str>,
    cfg: &IngestConfig,
) -> Result<Document, IngestError> {
    let article = html::extract_article(html, url);
    let mut meta = Meta {
        url: url.map(str::to_string).or(article.url),
        canonical_url: article.canonical_url,
        title: article.title,
        published: article.published,
        modified: article.modified,
        authors: article.authors,
        site_name: article.site_name,
        markup_language: article.lang.as_deref().and_then(langid::normalize_tag),
        declared_language: None,
        record_id: None,
    };
    if meta.title.is_none() {
        meta.title = article.text.lines().next().map(str::to_string);
    }
    finish(article.text, source, meta, cfg)
}

fn from_text(text: &str, source: Source, cfg: &IngestConfig) -> Result<Document, IngestError> {
    let text = drop_furniture_lines(&normalize_text(text));
    let meta = Meta {
        title: text.lines().next().map(|l| l.trim().to_string()),
        ..Meta::default()
    };
    finish(text, source, meta, cfg)
}

fn from_json_line(line: &str, source: Source, cfg: &IngestConfig) -> Result<Document, IngestError> {
    let malformed = |detail: String| IngestError::Malformed {
        input: source.to_string(),
        format: "jsonl",
        detail,
    };
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| malformed(e.to_string()))?;
    let obj = v
        .as_object()
        .ok_or_else(|| malformed("line is not a JSON object".into()))?;
    let s = |k: &str| obj.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let record_id = obj.get("id").and_then(|x| match x {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    });
    let published = match s("published") {
        Some(p) => Some(
            parse_datetime(&p, DateSource::Record)
                .ok_or_else(|| malformed(format!("cannot read published date {p:?}")))?,
        ),
        None => None,
    };
    let declared_language = s("language").as_deref().and_then(langid::normalize_tag);
    let mut doc = if let Some(text) = s("text") {
        let text = normalize_text(&text);
        let title = s("title");
        // A title given apart from the text is the headline: put it first, as pages do.
        let text = match &title {
            Some(t) if !text.starts_with(t.trim()) && !t.trim().is_empty() => {
                format!("{}\n\n{}", t.trim(), text)
            }
            _ => text,
        };
        let meta = Meta {
            url: s("url"),
            title: title.or_else(|| text.lines().next().map(str::to_string)),
            published,
            declared_language,
            record_id,
            ..Meta::default()
        };
        finish(text, source.clone(), meta, cfg)?
    } else if let Some(html) = s("html") {
        let mut doc = from_html(&html, source.clone(), s("url").as_deref(), cfg)?;
        if let Some(id) = record_id {
            doc.id = id;
        }
        if let Some(p) = published {
            doc.published = Some(p);
            doc.notes.retain(|n| !n.starts_with("no publication date"));
        }
        if let Some(t) = s("title") {
            doc.title = Some(t);
        }
        if let (Some(l), None) = (declared_language, cfg.language.as_ref()) {
            doc.language = Some(l);
            doc.language_source = LanguageSource::Declared;
        }
        doc
    } else {
        return Err(malformed("record has neither \"text\" nor \"html\"".into()));
    };
    doc.source = source;
    Ok(doc)
}

fn from_feed_item(
    it: feed::FeedItem,
    site: Option<String>,
    source: Source,
    cfg: &IngestConfig,
) -> Result<Document, IngestError> {
    let mut text = String::new();
    if let Some(t) = &it.title {
        text.push_str(t);
    }
    if !it.body.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&it.body);
    }
    let meta = Meta {
        url: it.url,
        title: it.title,
        published: it.published.map(|d| Published {
            date: d.date_naive(),
            datetime: Some(d.fixed_offset()),
            source: DateSource::Record,
        }),
        authors: it.authors,
        site_name: site,
        markup_language: it.language.as_deref().and_then(langid::normalize_tag),
        ..Meta::default()
    };
    finish(text, source, meta, cfg)
}

#[derive(Default)]
struct Meta {
    url: Option<String>,
    canonical_url: Option<String>,
    title: Option<String>,
    published: Option<Published>,
    modified: Option<Published>,
    authors: Vec<String>,
    site_name: Option<String>,
    markup_language: Option<String>,
    declared_language: Option<String>,
    record_id: Option<String>,
}

/// Builds the document: id, language, dates and notes.
fn finish(
    text: String,
    source: Source,
    meta: Meta,
    cfg: &IngestConfig,
) -> Result<Document, IngestError> {
    if text.trim().is_empty() {
        return Err(IngestError::NoText {
            input: source.to_string(),
        });
    }
    let mut notes = Vec::new();
    // Detection is skipped when the user or the record declares the language.
    let declared = cfg.language.is_some() || meta.declared_language.is_some();
    let detected = if declared {
        None
    } else {
        langid::detect(&text)
    };
    let (language, language_source) =
        if let Some(l) = cfg.language.as_deref().and_then(langid::normalize_tag) {
            (Some(l), LanguageSource::Declared)
        } else if let Some(l) = meta.declared_language {
            (Some(l), LanguageSource::Declared)
        } else {
            match (meta.markup_language, detected) {
                (Some(m), Some(d)) if m == d => (Some(m), LanguageSource::Markup),
                // Templates often keep a site-wide lang attribute: a long text outvotes it.
                (Some(m), Some(d)) => {
                    if text.len() > 300 {
                        notes.push(format!(
                            "page declares language {m:?} but the text reads as {d:?}"
                        ));
                        (Some(d.to_string()), LanguageSource::Detected)
                    } else {
                        (Some(m), LanguageSource::Markup)
                    }
                }
                (Some(m), None) => (Some(m), LanguageSource::Markup),
                (None, Some(d)) => (Some(d.to_string()), LanguageSource::Detected),
                (None, None) => (None, LanguageSource::Unknown),
            }
        };
    let published = meta.published.or_else(|| {
        cfg.published.map(|date| Published {
            date,
            datetime: None,
            source: DateSource::User,
        })
    });
    if published.is_none() {
        notes.push(
            "no publication date: relative dates stay unresolved (pass --published DATE)".into(),
        );
    }
    let content_hash = stable_hash(&[text.as_bytes()]);
    let id = match (
        &meta.record_id,
        meta.canonical_url.as_ref().or(meta.url.as_ref()),
    ) {
        (Some(id), _) => id.clone(),
        (None, Some(url)) => format!("u{}", stable_hash(&[url.as_bytes()])),
        (None, None) => format!("t{content_hash}"),
    };
    Ok(Document {
        id,
        source,
        url: meta.url,
        canonical_url: meta.canonical_url,
        title: meta.title,
        published,
        modified: meta.modified,
        authors: meta.authors,
        site_name: meta.site_name,
        language,
        language_source,
        text,
        encoding: None,
        content_hash,
        notes,
    })
}

/// Removes page furniture copied along with a story ("Quitter la version mobile", "Partager sur
/// Facebook", "Lire aussi"): lines that the HTML extractor would call furniture and that do not
/// end like a sentence. Text saved from a browser often carries them.
fn drop_furniture_lines(text: &str) -> String {
    // Paragraphs joined by a blank line, their kept lines by a line break, written straight
    // into one string: a `String` per paragraph and two joins copied every text three times.
    let mut out = String::with_capacity(text.len());
    let mut paragraphs = 0;
    for para in text.split("\n\n") {
        let mut kept = para.lines().filter(|l| {
            let t = l.trim();
            let sentence_end = t.ends_with(['.', '!', '?', '»', '"', '”', ':']);
            sentence_end || !html::content::is_furniture(t, t.chars().count())
        });
        let Some(first) = kept.next() else {
            continue;
        };
        if paragraphs > 0 {
            out.push_str("\n\n");
        }
        paragraphs += 1;
        out.push_str(first);
        for line in kept {
            out.push('\n');
            out.push_str(line);
        }
    }
    out
}

/// Line endings to `\n`, trailing spaces trimmed, runs of blank lines to one, outer blank lines
/// removed.
fn normalize_text(text: &str) -> String {
    let text = text.trim_start_matches('\u{feff}');
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// Reads a date or timestamp: RFC 3339, ISO date-times without zone, RFC 2822, `YYYY-MM-DD`.
pub fn parse_datetime(s: &str, source: DateSource) -> Option<Published> {
    let s = s.trim();
    if let Ok(dt) = DateTime::<FixedOffset>::parse_from_rfc3339(s) {
        return Some(Published {
            date: dt.date_naive(),
            datetime: Some(dt),
            source,
        });
    }
    if let Ok(dt) = DateTime::<FixedOffset>::parse_from_rfc2822(s) {
        return Some(Published {
            date: dt.date_naive(),
            datetime: Some(dt),
            source,
        });
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, f) {
            return Some(Published {
                date: dt.date(),
                datetime: None,
                source,
            });
        }
    }
    let head = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .map(|date| Published {
            date,
            datetime: None,
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> IngestConfig {
        IngestConfig::default()
    }

    #[test]
    fn plain_text_headline_and_paragraphs() {
        let docs = read_bytes(
            b"Titre du jour\r\n\r\n\r\nPremier paragraphe.  \r\nSuite.\r\n",
            "a.txt",
            &cfg(),
        );
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.text, "Titre du jour\n\nPremier paragraphe.\nSuite.");
        assert_eq!(d.title.as_deref(), Some("Titre du jour"));
        assert!(d.published.is_none());
        assert!(d.notes.iter().any(|n| n.contains("no publication date")));
    }

    #[test]
    fn user_date_fills_in_only_when_missing() {
        let c = IngestConfig {
            published: NaiveDate::from_ymd_opt(2020, 2, 28),
            ..cfg()
        };
        let docs = read_bytes(b"{\"id\":\"x\",\"text\":\"Bonjour tout le monde, ceci est un texte.\",\"published\":\"2021-01-02\"}\n{\"text\":\"Sans date, ceci est un texte.\"}\n", "d.jsonl", &c);
        assert_eq!(
            docs[0]
                .as_ref()
                .unwrap()
                .published
                .as_ref()
                .unwrap()
                .date
                .to_string(),
            "2021-01-02"
        );
        let p = docs[1].as_ref().unwrap().published.as_ref().unwrap();
        assert_eq!(
            (p.date.to_string(), p.source),
            ("2020-02-28".to_string(), DateSource::User)
        );
    }

    #[test]
    fn bad_jsonl_line_does_not_lose_the_others() {
        let docs = read_bytes(b"{\"id\":\"a\",\"text\":\"Un texte assez long pour la langue.\"}\n{oops\n[1]\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"Another text that is long enough.\"}\n", "d.jsonl", &cfg());
        assert_eq!(docs.len(), 5);
        assert!(docs[0].is_ok() && docs[4].is_ok());
        assert!(matches!(docs[1], Err(IngestError::Malformed { .. })));
        assert!(docs[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("d.jsonl#2"));
        assert!(docs[3]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("neither"));
    }

    #[test]
    fn ids_are_stable_and_content_based() {
        let a = read_bytes(b"Titre\n\nTexte identique.", "a.txt", &cfg());
        let b = read_bytes(b"Titre\n\nTexte identique.", "b.txt", &cfg());
        assert_eq!(a[0].as_ref().unwrap().id, b[0].as_ref().unwrap().id);
    }

    #[test]
    fn empty_binary_and_truncated_inputs_are_errors() {
        assert!(matches!(
            read_bytes(b"", "e.txt", &cfg())[0],
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            read_bytes(b" \n\t", "e.txt", &cfg())[0],
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            read_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "x.html", &cfg())[0],
            Err(IngestError::Binary { .. })
        ));
        // A truncated gzip of a text file: the error is reported.
        let mut gz = Vec::new();
        {
            use std::io::Write;
            let mut e = flate2::write::GzEncoder::new(&mut gz, flate2::Compression::default());
            e.write_all("Un long texte répété. ".repeat(2000).as_bytes())
                .unwrap();
            e.finish().unwrap();
        }
        gz.truncate(gz.len() / 2);
        let docs = read_bytes(&gz, "t.txt.gz", &cfg());
        assert!(docs
            .iter()
            .any(|d| matches!(d, Err(IngestError::Malformed { format: "gzip", .. }))));
    }

    #[test]
    fn oversized_documents_are_refused() {
        let c = IngestConfig {
            max_document_bytes: 1000,
            ..cfg()
        };
        let big = "<html><body>".to_string() + &"<p>mot</p>".repeat(500) + "</body></html>";
        assert!(matches!(
            read_bytes(big.as_bytes(), "big.html", &c)[0],
            Err(IngestError::TooLarge { .. })
        ));
    }

    #[test]
    fn folder_walks_skip_code_images_and_readmes() {
        assert!(
            not_a_document("README.md")
                && not_a_document("make_warc.py")
                && not_a_document("photo.JPG")
        );
        assert!(
            !not_a_document("page.html")
                && !not_a_document("crawl.warc.gz")
                && !not_a_document("notes.txt")
        );
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"WARC/1.0\r\n", "x"), Format::Warc);
        assert_eq!(sniff(b"<?xml version='1.0'?><rss>", "x.xml"), Format::Feed);
        assert_eq!(sniff(b"<!DOCTYPE html><html>", "x"), Format::Html);
        assert_eq!(sniff(b"{\"id\":1}", "x"), Format::Jsonl);
        assert_eq!(sniff(b"Hello", "x"), Format::Text);
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_datetime("2020-02-28T10:00:00+01:00", DateSource::Record)
                .unwrap()
                .date
                .to_string(),
            "2020-02-28"
        );
        assert_eq!(
            parse_datetime("Fri, 28 Feb 2020 10:00:00 GMT", DateSource::Record)
                .unwrap()
                .date
                .to_string(),
            "2020-02-28"
        );
        assert_eq!(
            parse_datetime("2020-02-28", DateSource::Record)
                .unwrap()
                .date
                .to_string(),
            "2020-02-28"
        );
        assert!(parse_datetime("hier", DateSource::Record).is_none());
    }
}

#[cfg(test)]
mod furniture_tests {
    use super::*;

    #[test]
    fn plain_text_furniture_lines_are_dropped_sentences_kept() {
        let text = "Titre\n\nAu moins 3 morts. Partager sur Facebook ne figure pas ici.\n\nPartager sur Facebook\n\nQuitter la version mobile";
        let out = drop_furniture_lines(text);
        assert_eq!(
            out,
            "Titre\n\nAu moins 3 morts. Partager sur Facebook ne figure pas ici."
        );
    }
}
