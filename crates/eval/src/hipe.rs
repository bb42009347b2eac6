//! Named-entity recognition against CLEF-HIPE-2020 (historical French and English newspapers,
//! OCR text): precision, recall and F1 of recognised persons, places and organisations, by type,
//! with exact and overlapping span matching.
//!
//! The documents are rebuilt from the token table (a space between tokens unless the token is
//! marked `NoSpaceAfter`), so gold offsets and predicted offsets index the same text. Entity types
//! are HIPE's coarse literal types (`pers`, `loc`, `org`); `time` and `prod` are not scored.
//!
//! Linking is not scored: HIPE links to Wikidata, sitrep's places link to GeoNames, and no
//! registry package ships a mapping between the two.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use sitrep_core::{stable_hash, DateSource, Document, LanguageSource, Published, Source};

use crate::timebank::EvalError;

/// A predicted or gold entity: character span and coarse type (`pers`, `loc`, `org`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// `pers`, `loc` or `org`.
    pub kind: String,
}

/// One HIPE document with its gold entities.
pub struct HipeDoc {
    /// The rebuilt document.
    pub doc: Document,
    /// Gold entities.
    pub gold: Vec<Entity>,
}

/// Precision, recall and F1 of one type.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Prf {
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Exact matches (same span and type).
    pub exact: usize,
    /// Overlapping matches (same type, spans overlap).
    pub overlap: usize,
}

impl Prf {
    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            0.0
        } else {
            a as f64 / b as f64
        }
    }
    /// (precision, recall, F1) with exact or overlap matching.
    pub fn scores(&self, exact: bool) -> (f64, f64, f64) {
        let m = if exact { self.exact } else { self.overlap };
        let p = Self::ratio(m, self.predicted);
        let r = Self::ratio(m, self.gold);
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// The report.
#[derive(Debug, Default, Serialize)]
pub struct HipeReport {
    /// File scored.
    pub path: String,
    /// Documents.
    pub documents: usize,
    /// Scores by type, plus `all`.
    pub by_type: BTreeMap<String, Prf>,
}

impl fmt::Display for HipeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "HIPE-2020 NER: {} ({} documents)",
            self.path, self.documents
        )?;
        writeln!(
            f,
            "{:<6} {:>6} {:>6}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
            "type", "gold", "pred", "P", "R", "F1", "P~", "R~", "F1~"
        )?;
        for (t, s) in &self.by_type {
            let (p, r, f1) = s.scores(true);
            let (po, ro, fo) = s.scores(false);
            writeln!(
                f,
                "{t:<6} {:>6} {:>6}   {p:>6.3} {r:>6.3} {f1:>6.3}   {po:>6.3} {ro:>6.3} {fo:>6.3}",
                s.gold, s.predicted
            )?;
        }
        write!(f, "(exact span; ~ = overlapping span, same type)")
    }
}

/// Reads a HIPE TSV file into documents.
pub fn read(path: &Path) -> Result<Vec<HipeDoc>, EvalError> {
    let content = std::fs::read_to_string(path).map_err(|e| EvalError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let mut docs = Vec::new();
    let mut lang = String::from("en");
    let mut date: Option<NaiveDate> = None;
    let mut id = String::new();
    let mut text = String::new();
    let mut gold: Vec<Entity> = Vec::new();
    let mut open: Option<Entity> = None;
    let mut chars = 0usize;
    let flush = |id: &str,
                 text: &mut String,
                 gold: &mut Vec<Entity>,
                 open: &mut Option<Entity>,
                 chars: &mut usize,
                 lang: &str,
                 date: Option<NaiveDate>,
                 docs: &mut Vec<HipeDoc>| {
        if let Some(e) = open.take() {
            gold.push(e);
        }
        if !text.trim().is_empty() {
            let t = std::mem::take(text);
            docs.push(HipeDoc {
                doc: Document {
                    id: id.to_string(),
                    source: Source {
                        path: path.display().to_string(),
                        item: Some(docs.len() + 1),
                        format: "text",
                    },
                    url: None,
                    canonical_url: None,
                    title: None,
                    published: date.map(|d| Published {
                        date: d,
                        datetime: None,
                        source: DateSource::Record,
                    }),
                    modified: None,
                    authors: Vec::new(),
                    site_name: None,
                    language: Some(lang.to_string()),
                    language_source: LanguageSource::Declared,
                    content_hash: stable_hash(&[t.as_bytes()]),
                    text: t,
                    encoding: None,
                    notes: Vec::new(),
                },
                gold: std::mem::take(gold),
            });
        }
        text.clear();
        *chars = 0;
    };
    for line in content.lines() {
        if let Some(meta) = line.strip_prefix("# ") {
            if let Some(v) = meta.strip_prefix("language = ") {
                lang = v.trim().to_string();
            } else if let Some(v) = meta.strip_prefix("date = ") {
                date = NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok();
            } else if let Some(v) = meta.strip_prefix("document_id = ") {
                flush(
                    &id, &mut text, &mut gold, &mut open, &mut chars, &lang, date, &mut docs,
                );
                id = v.trim().to_string();
            }
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 10 || f[0] == "TOKEN" || line.trim().is_empty() {
            continue;
        }
        let (token, tag, misc) = (f[0], f[1], f[9]);
        let start = chars;
        text.push_str(token);
        chars += token.chars().count();
        let end = chars;
        let kind = tag.get(2..).unwrap_or("").to_string();
        if tag.starts_with("B-")
            || (tag.starts_with("I-") && open.as_ref().is_none_or(|o| o.kind != kind))
        {
            if let Some(e) = open.take() {
                gold.push(e);
            }
            open = Some(Entity { start, end, kind });
        } else if tag.starts_with("I-") {
            if let Some(o) = open.as_mut() {
                o.end = end;
            }
        } else if let Some(e) = open.take() {
            gold.push(e);
        }
        if misc.contains("EndOfLine") && !misc.contains("NoSpaceAfter") {
            text.push('\n');
            chars += 1;
        } else if !misc.contains("NoSpaceAfter") {
            text.push(' ');
            chars += 1;
        }
    }
    flush(
        &id, &mut text, &mut gold, &mut open, &mut chars, &lang, date, &mut docs,
    );
    for d in &mut docs {
        d.gold
            .retain(|e| matches!(e.kind.as_str(), "pers" | "loc" | "org"));
    }
    Ok(docs)
}

/// Scores a recognizer on a HIPE file.
pub fn evaluate(
    path: &Path,
    recognizer: &dyn Fn(&Document) -> Vec<Entity>,
    limit: Option<usize>,
) -> Result<HipeReport, EvalError> {
    let docs = read(path)?;
    let mut report = HipeReport {
        path: path.display().to_string(),
        ..HipeReport::default()
    };
    for d in docs.iter().take(limit.unwrap_or(usize::MAX)) {
        report.documents += 1;
        let pred: Vec<Entity> = recognizer(&d.doc)
            .into_iter()
            .filter(|e| matches!(e.kind.as_str(), "pers" | "loc" | "org"))
            .collect();
        for t in ["pers", "loc", "org", "all"] {
            let g: Vec<&Entity> = d
                .gold
                .iter()
                .filter(|e| t == "all" || e.kind == t)
                .collect();
            let p: Vec<&Entity> = pred.iter().filter(|e| t == "all" || e.kind == t).collect();
            let s = report.by_type.entry(t.to_string()).or_default();
            s.gold += g.len();
            s.predicted += p.len();
            s.exact += p
                .iter()
                .filter(|x| {
                    g.iter()
                        .any(|y| y.start == x.start && y.end == x.end && y.kind == x.kind)
                })
                .count();
            s.overlap += p
                .iter()
                .filter(|x| {
                    g.iter()
                        .any(|y| y.start < x.end && x.start < y.end && y.kind == x.kind)
                })
                .count();
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilds_text_and_spans() {
        let dir = std::env::temp_dir().join(format!("hipe-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("t.tsv");
        std::fs::write(&p, "TOKEN\tNE-COARSE-LIT\tA\tB\tC\tD\tE\tF\tG\tMISC\n# language = fr\n# date = 1900-01-02\n# document_id = d1\nà\tO\tO\tO\tO\tO\tO\t_\t_\t_\nLa\tB-loc\tO\tO\tO\tO\tO\t_\t_\t_\nRochelle\tI-loc\tO\tO\tO\tO\tO\t_\t_\tNoSpaceAfter\n.\tO\tO\tO\tO\tO\tO\t_\t_\t_\n").unwrap();
        let docs = read(&p).unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        let chars: Vec<char> = d.doc.text.chars().collect();
        let g = &d.gold[0];
        assert_eq!(
            chars[g.start..g.end].iter().collect::<String>(),
            "La Rochelle"
        );
        let r = evaluate(
            &p,
            &|_d| {
                vec![Entity {
                    start: 2,
                    end: 13,
                    kind: "loc".into(),
                }]
            },
            None,
        )
        .unwrap();
        assert_eq!(r.by_type["loc"].exact, 1);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn gold_files_parse_when_present() {
        let p = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/gold/hipe2020-dev/HIPE-data-v1.4-dev-fr.tsv");
        if !p.exists() {
            return;
        }
        let docs = read(&p).unwrap();
        assert_eq!(docs.len(), 43);
        assert!(docs.iter().map(|d| d.gold.len()).sum::<usize>() > 1000);
    }
}
