//! Time expressions against the French TimeBank (ISO-TimeML, 108 news documents, 1999-2003).
//!
//! For each `*.tml` file: the document creation time (`<DCT><TIMEX3 value=…>`) becomes the
//! reference date; the content of `<TEXT>` with every tag removed and XML entities decoded is
//! the plain text, and each gold `TIMEX3` keeps its byte range in that plain text, so gold and
//! predicted spans index the same string. [`find_times`](sitrep_text::time::find_times) runs on
//! the plain text.
//!
//! Scoring, over gold `TIMEX3` of type `DATE` inside `TEXT` (the DCT is not in `TEXT`):
//! - **recall**: share of gold dates overlapped by some predicted mention;
//! - **accuracy**: share of gold dates whose best-overlapping prediction (most shared bytes) has
//!   exactly the gold value. Range mentions are scored through their ends ("entre 1990 et 1999"
//!   has two gold dates). Values are compared on their date part: the part before `T`, so gold
//!   `1999-05-19T14:00` and a predicted `1999-05-19` agree (the date is right; times of day are
//!   out of scope). Gold values that are not calendar dates (`XXXX-05`, `1999-SU`, `196X`,
//!   `P1M`, `PRESENT_REF`) count, and are misses unless produced exactly;
//! - **accuracy (calendar)**: the same over gold values of the form `YYYY`, `YYYY-MM`,
//!   `YYYY-MM-DD` or `YYYY-Www` only;
//! - **precision**: share of predicted mentions (range ends counted separately) overlapping some
//!   gold `TIMEX3` of any type (`DATE`, `TIME`, `DURATION`, `SET`).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use sitrep_text::time::{find_times_in, TimeMention};
use sitrep_text::Language;

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// What was being read.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The directory holds no `.tml` file.
    #[error("no .tml documents in {0}")]
    NoDocuments(PathBuf),
    /// A document is not ISO-TimeML as expected.
    #[error("{path}: {message}")]
    Malformed {
        /// The document.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// Options of a run.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// How many error examples to keep in the report (the `--errors N` option).
    pub errors: usize,
}

/// One gold date the system got wrong, for reading.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorExample {
    /// Document id (file stem).
    pub doc: String,
    /// Error category, as counted in [`TimebankReport::error_categories`].
    pub category: String,
    /// Gold words.
    pub gold_text: String,
    /// Gold value.
    pub gold_value: String,
    /// Best-overlapping predicted words, if any.
    pub predicted_text: Option<String>,
    /// Its value.
    pub predicted_value: Option<String>,
}

/// The figures of one run.
#[derive(Debug, Clone, Serialize)]
pub struct TimebankReport {
    /// Documents read.
    pub documents: usize,
    /// Gold `DATE` timexes in `TEXT`.
    pub gold_dates: usize,
    /// Of which with a calendar value (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-Www`).
    pub gold_calendar: usize,
    /// Gold dates overlapped by a prediction.
    pub detected: usize,
    /// Gold dates whose best-overlapping prediction has the gold value.
    pub correct: usize,
    /// Calendar-valued gold dates predicted with the gold value.
    pub correct_calendar: usize,
    /// Predicted mentions (range ends counted separately).
    pub predicted: usize,
    /// Predicted mentions overlapping a gold timex of any type.
    pub predicted_matching: usize,
    /// `detected / gold_dates`.
    pub recall: f64,
    /// `correct / gold_dates`: the headline figure.
    pub accuracy: f64,
    /// `correct_calendar / gold_calendar`: accuracy excluding non-calendar gold values.
    pub accuracy_calendar: f64,
    /// `predicted_matching / predicted`.
    pub precision: f64,
    /// Error categories with their counts, most frequent first.
    pub error_categories: Vec<(String, usize)>,
    /// Up to [`Config::errors`] examples.
    pub errors: Vec<ErrorExample>,
}

/// A gold `TIMEX3` with its byte range in the plain text.
#[derive(Debug, Clone)]
struct Gold {
    start: usize,
    end: usize,
    kind: String,
    value: String,
    creation_time: bool,
}

/// One TimeML document as plain text, reference date and gold timexes.
#[derive(Debug)]
struct Document {
    id: String,
    text: String,
    dct: NaiveDate,
    timexes: Vec<Gold>,
}

/// Runs the evaluation on the `.tml` files of `dir` (or of `dir/Data`) with default options.
pub fn timebank(dir: &Path, lang: &dyn Language) -> Result<TimebankReport, EvalError> {
    timebank_with(dir, lang, &Config::default())
}

/// Runs the evaluation with `config`.
pub fn timebank_with(
    dir: &Path,
    lang: &dyn Language,
    config: &Config,
) -> Result<TimebankReport, EvalError> {
    let dir = if dir.join("Data").is_dir() {
        dir.join("Data")
    } else {
        dir.to_path_buf()
    };
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| EvalError::Io { path, source }
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(io(&dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(EvalError::NoDocuments(dir));
    }
    let mut acc = Tally::default();
    for path in &files {
        let raw = std::fs::read_to_string(path).map_err(io(path))?;
        let doc = parse_document(path, &raw)?;
        let predicted = find_times_in(&doc.text, lang, Some(doc.dct));
        acc.score(&doc, &predicted, config);
    }
    Ok(acc.report(files.len()))
}

/// The category of a prediction that overlaps no gold timex.
const SPURIOUS: &str = "predicted, no gold timex";

#[derive(Default)]
struct Tally {
    gold_dates: usize,
    gold_calendar: usize,
    detected: usize,
    correct: usize,
    correct_calendar: usize,
    predicted: usize,
    predicted_matching: usize,
    categories: BTreeMap<String, usize>,
    errors: Vec<ErrorExample>,
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// The value's date part: everything before `T`.
fn date_part(v: &str) -> &str {
    v.split('T').next().unwrap_or(v)
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-Www`.
fn is_calendar(v: &str) -> bool {
    let b = v.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        8 => digits(0..4) && &b[4..6] == b"-W" && digits(6..8),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

/// The shape of a gold value, for error categories.
fn value_class(v: &str) -> &'static str {
    if is_calendar(v) {
        match v.len() {
            4 => "year",
            7 => "month",
            8 => "week",
            _ => "day",
        }
    } else if v.starts_with('P') {
        "duration/set"
    } else if v.ends_with("_REF") {
        "reference word"
    } else if v.starts_with("XXXX") {
        "unanchored (XXXX)"
    } else if ["SP", "SU", "FA", "WI"].iter().any(|s| v.ends_with(s)) {
        "season"
    } else if v.ends_with('X') {
        "decade/century"
    } else {
        "other"
    }
}

impl Tally {
    fn score(&mut self, doc: &Document, predicted: &[TimeMention], config: &Config) {
        // Range ends are scored as mentions of their own.
        let flat: Vec<&TimeMention> = predicted
            .iter()
            .flat_map(|m| {
                if m.parts.is_empty() {
                    vec![m]
                } else {
                    m.parts.iter().collect()
                }
            })
            .collect();
        let gold: Vec<&Gold> = doc.timexes.iter().filter(|g| !g.creation_time).collect();
        self.predicted += flat.len();
        for m in &flat {
            let s = (m.span.byte_start, m.span.byte_end);
            if gold.iter().any(|g| overlap(s, (g.start, g.end)) > 0) {
                self.predicted_matching += 1;
            } else if self.errors.len() < config.errors {
                self.errors.push(ErrorExample {
                    doc: doc.id.clone(),
                    category: SPURIOUS.to_string(),
                    gold_text: String::new(),
                    gold_value: String::new(),
                    predicted_text: Some(m.text.clone()),
                    predicted_value: m.value.clone(),
                });
            }
        }
        for g in gold.iter().filter(|g| g.kind == "DATE") {
            let gv = date_part(&g.value);
            let calendar = is_calendar(gv);
            self.gold_dates += 1;
            self.gold_calendar += usize::from(calendar);
            let gs = (g.start, g.end);
            let detected = predicted
                .iter()
                .any(|m| overlap((m.span.byte_start, m.span.byte_end), gs) > 0);
            let best = flat
                .iter()
                .map(|m| (overlap((m.span.byte_start, m.span.byte_end), gs), *m))
                .filter(|(o, _)| *o > 0)
                .max_by_key(|(o, m)| (*o, std::cmp::Reverse(m.span.byte_start)))
                .map(|(_, m)| m);
            self.detected += usize::from(detected);
            let pv = best.and_then(|m| m.value.as_deref()).map(date_part);
            if pv == Some(gv) {
                self.correct += 1;
                self.correct_calendar += usize::from(calendar);
                continue;
            }
            let outcome = match (detected, pv) {
                (false, _) => "missed",
                (true, None) => "found, no value",
                (true, Some(_)) => "wrong value",
            };
            let category = format!("{outcome}: gold {}", value_class(gv));
            *self.categories.entry(category.clone()).or_default() += 1;
            if self.errors.len() < config.errors {
                self.errors.push(ErrorExample {
                    doc: doc.id.clone(),
                    category,
                    gold_text: doc.text.get(g.start..g.end).unwrap_or("").to_string(),
                    gold_value: g.value.clone(),
                    predicted_text: best.map(|m| m.text.clone()),
                    predicted_value: best.and_then(|m| m.value.clone()),
                });
            }
        }
    }

    fn report(self, documents: usize) -> TimebankReport {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let mut categories: Vec<(String, usize)> = self.categories.into_iter().collect();
        let spurious = self.predicted - self.predicted_matching;
        if spurious > 0 {
            categories.push((SPURIOUS.to_string(), spurious));
        }
        categories.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        TimebankReport {
            documents,
            gold_dates: self.gold_dates,
            gold_calendar: self.gold_calendar,
            detected: self.detected,
            correct: self.correct,
            correct_calendar: self.correct_calendar,
            predicted: self.predicted,
            predicted_matching: self.predicted_matching,
            recall: ratio(self.detected, self.gold_dates),
            accuracy: ratio(self.correct, self.gold_dates),
            accuracy_calendar: ratio(self.correct_calendar, self.gold_calendar),
            precision: ratio(self.predicted_matching, self.predicted),
            error_categories: categories,
            errors: self.errors,
        }
    }
}

impl fmt::Display for TimebankReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "French TimeBank, {} documents, gold DATE timexes",
            self.documents
        )?;
        writeln!(f, "{:<44} {:>7} {:>11}", "measure", "value", "count")?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, v: f64, a: usize, b: usize| {
            writeln!(f, "{name:<44} {v:>7.3} {:>11}", format!("{a}/{b}"))
        };
        row(
            f,
            "value accuracy (all gold values)",
            self.accuracy,
            self.correct,
            self.gold_dates,
        )?;
        row(
            f,
            "value accuracy (calendar gold values only)",
            self.accuracy_calendar,
            self.correct_calendar,
            self.gold_calendar,
        )?;
        row(
            f,
            "detection recall",
            self.recall,
            self.detected,
            self.gold_dates,
        )?;
        row(
            f,
            "precision (vs gold TIMEX3 of any type)",
            self.precision,
            self.predicted_matching,
            self.predicted,
        )?;
        if !self.error_categories.is_empty() {
            writeln!(f, "\nerror categories")?;
            for (c, n) in &self.error_categories {
                writeln!(f, "  {n:>5}  {c}")?;
            }
        }
        if !self.errors.is_empty() {
            writeln!(f, "\nerrors")?;
            for e in &self.errors {
                writeln!(
                    f,
                    "  {} [{}] gold {:?}={} predicted {:?}={}",
                    e.doc,
                    e.category,
                    e.gold_text,
                    e.gold_value,
                    e.predicted_text.as_deref().unwrap_or("-"),
                    e.predicted_value.as_deref().unwrap_or("-"),
                )?;
            }
        }
        Ok(())
    }
}

/// The value of attribute `name` in the inside of a tag (`TIMEX3 tid="t1" value="…"`).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    loop {
        let at = rest.find(name)?;
        let before_ok = at == 0 || rest[..at].ends_with(char::is_whitespace);
        let after = &rest[at + name.len()..];
        let after_trim = after.trim_start();
        if before_ok && after_trim.starts_with('=') {
            let v = after_trim[1..].trim_start();
            let quote = v.chars().next()?;
            if quote == '"' || quote == '\'' {
                let body = &v[1..];
                return body.find(quote).map(|e| &body[..e]);
            }
            return None;
        }
        rest = after;
    }
}

/// Decodes the XML entity at the start of `s` (just after `&`); returns it and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.find(';')?;
    if end > 10 {
        return None;
    }
    let name = &s[..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code = if let Some(h) = name.strip_prefix("#x") {
                u32::from_str_radix(h, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

fn parse_document(path: &Path, raw: &str) -> Result<Document, EvalError> {
    let bad = |message: &str| EvalError::Malformed {
        path: path.to_path_buf(),
        message: message.to_string(),
    };
    let dct_at = raw.find("<DCT>").ok_or_else(|| bad("no <DCT>"))?;
    let dct_tag_end = raw[dct_at..]
        .find("</DCT>")
        .map(|e| dct_at + e)
        .ok_or_else(|| bad("unclosed <DCT>"))?;
    let dct_value =
        attribute(&raw[dct_at..dct_tag_end], "value").ok_or_else(|| bad("DCT without value"))?;
    let dct = dct_value
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .ok_or_else(|| bad("DCT value is not a date"))?;
    let start = raw.find("<TEXT>").ok_or_else(|| bad("no <TEXT>"))? + "<TEXT>".len();
    let end = raw[start..]
        .find("</TEXT>")
        .map(|e| start + e)
        .ok_or_else(|| bad("unclosed <TEXT>"))?;
    let body = &raw[start..end];

    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Vec<Gold> = Vec::new();
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let close = rest.find('>').ok_or_else(|| bad("unclosed tag"))?;
                let tag = &rest[1..close];
                rest = &rest[close + 1..];
                if let Some(inner) = tag.strip_prefix("TIMEX3") {
                    if inner.trim_end().ends_with('/') {
                        continue; // empty timex: no words to find
                    }
                    open.push(Gold {
                        start: text.len(),
                        end: text.len(),
                        kind: attribute(inner, "type").unwrap_or("").to_string(),
                        value: attribute(inner, "value").unwrap_or("").to_string(),
                        creation_time: attribute(inner, "functionInDocument")
                            == Some("CREATION_TIME"),
                    });
                } else if tag.starts_with("/TIMEX3") {
                    let mut g = open
                        .pop()
                        .ok_or_else(|| bad("</TIMEX3> without <TIMEX3>"))?;
                    g.end = text.len();
                    timexes.push(g);
                }
            }
            '&' => match entity(&rest[1..]) {
                Some((ch, len)) => {
                    text.push(ch);
                    rest = &rest[1 + len..];
                }
                None => {
                    text.push('&');
                    rest = &rest[1..];
                }
            },
            _ => {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    timexes.sort_by_key(|g| (g.start, g.end));
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Document {
        id,
        text,
        dct,
        timexes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_keeps_alignment() {
        let raw = "<TimeML><DCT><TIMEX3 functionInDocument=\"CREATION_TIME\" tid=\"t1\" \
                   type=\"DATE\" value=\"1999-05-17\" /></DCT><TEXT>\nIl est <EVENT eid=\"e1\">parti</EVENT> \
                   <TIMEX3 tid=\"t2\" type=\"DATE\" value=\"1999-05-16\">hier</TIMEX3> &amp; \
                   <TIMEX3 tid=\"t3\" type=\"DATE\" value=\"1999\">en été</TIMEX3>.</TEXT></TimeML>";
        let doc = parse_document(Path::new("x.tml"), raw).expect("parses");
        assert_eq!(doc.dct, NaiveDate::from_ymd_opt(1999, 5, 17).expect("date"));
        assert_eq!(doc.text, "\nIl est parti hier & en été.");
        assert_eq!(doc.timexes.len(), 2);
        let g = &doc.timexes[1];
        assert_eq!(&doc.text[g.start..g.end], "en été");
        assert_eq!(g.value, "1999");
        assert_eq!(&doc.text[doc.timexes[0].start..doc.timexes[0].end], "hier");
    }

    #[test]
    fn calendar_values() {
        assert!(is_calendar("1999"));
        assert!(is_calendar("1999-05"));
        assert!(is_calendar("1999-W05"));
        assert!(is_calendar("1999-05-19"));
        assert!(!is_calendar("XXXX-05"));
        assert!(!is_calendar("1999-SU"));
        assert!(!is_calendar("196X"));
        assert_eq!(date_part("1999-05-19T14:00"), "1999-05-19");
    }
}
