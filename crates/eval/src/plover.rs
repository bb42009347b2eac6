//! Event types and actor countries against the PLOVER gold standard records
//! (`PLOVER_GSR_CAMEO.txt`, 322 English wire sentences from the CAMEO manual).
//!
//! PLOVER is sitrep's native ontology, and these are the only gold records coded in it: each
//! sentence has one event type and its source and target actors, each with the CAMEO actor code
//! whose first three letters are the country.
//!
//! The file is a JSON list of objects, read leniently: if the whole file does not parse, each
//! top-level `{...}` object is parsed on its own (trailing commas tolerated) and the ones that
//! still fail are counted as bad records. `source`/`target` may be a list of actors, one actor
//! object, or a stray string (one record has `"target": "diplomatic"`), which counts as no actor.
//! The `DOCUMENT` header record is not a sentence.
//!
//! The GSR predates the 16-type ontology and uses some older names; they are mapped as the
//! PLOVER manual's CAMEO -> PLOVER table (Table 7.1) maps the CAMEO categories they come from:
//!
//! | GSR | PLOVER | manual |
//! |---|---|---|
//! | DEMAND | REQUEST | 10 DEMAND -> REQUEST |
//! | FIGHT | ASSAULT | 19 FIGHT -> ASSAULT (20 mass violence -> ASSAULT, mode unconventional) |
//! | DISAPPROVE | ACCUSE | 11 DISAPPROVE -> ACCUSE |
//! | INVESTIGATE | ACCUSE | 09 INVESTIGATE -> ACCUSE (mode investigate) |
//! | EXHIBIT FORCE POSTURE | MOBILIZE | 15 -> MOBILIZE |
//! | REDUCE RELATIONS | SANCTION | 16 -> SANCTION |
//!
//! Any other name is one of the 16 types, or counted in `unmapped_event_types` and left out of the
//! event-type score.
//!
//! Scores, on the most confident asserted event ([`pick_event_in`], ACLED's scope ignored):
//! - **event type**: the picked event's type equals the gold type; **event type (any)**: some
//!   returned event has it;
//! - **actor country**: over sentences with a coded source actor, the set of countries of the
//!   picked event's actors equals the set of the gold source actors' countries;
//! - **recipient country**: the same for targets, over sentences with a coded target.
//!
//! Countries compare as ISO 3166-1 alpha-3 upper case. CAMEO codes that are not ISO are
//! converted (JAP -> JPN, ITL -> ITA, VTN -> VNM; others of the classic CAMEO list too); the
//! PLOVER pseudo-countries (IGO, NGO, IMG, ISM, MNC) compare as they are; sitrep's finer
//! UNO and EUR compare as CAMEO's IGO ([`sitrep_events::mapping::cameo_country`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use sitrep_core::{DateSource, Document, LanguageSource, Published, Source};
use sitrep_events::EventType;

use crate::acled::{confusion_add, pick_event_in, write_confusion, Confusion, Score, NONE_LABEL};
pub use crate::acled::{Coder, EvalError};

/// One gold actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldActor {
    /// The actor's words (`actorText`).
    pub text: String,
    /// CAMEO actor code (`code`).
    pub code: String,
    /// Sector (`sector`), when given.
    pub sector: Option<String>,
}

impl GoldActor {
    /// The actor's country as ISO alpha-3 (or PLOVER pseudo-country), from the first three
    /// letters of the CAMEO code.
    pub fn country(&self) -> Option<String> {
        cameo_country(&self.code)
    }
}

/// One gold sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldSentence {
    /// Record id (`PLOVER-GSR01-AGREE-0001`).
    pub id: String,
    /// The sentence.
    pub text: String,
    /// The event name as written in the file (`DEMAND`, `AGREE`, ...).
    pub event: String,
    /// The event as a PLOVER type, when the name maps to one.
    pub event_type: Option<EventType>,
    /// Source actors.
    pub source: Vec<GoldActor>,
    /// Target actors.
    pub target: Vec<GoldActor>,
    /// `mode`, when non-empty.
    pub mode: Option<String>,
    /// `date` (all 2000-01-01 in the file).
    pub date: Option<NaiveDate>,
}

/// Maps a GSR event name to a PLOVER type (see the module table).
pub fn gsr_event_type(name: &str) -> Option<EventType> {
    let n: String = name
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase();
    match n.as_str() {
        "DEMAND" => Some(EventType::Request),
        "FIGHT" => Some(EventType::Assault),
        "DISAPPROVE" | "INVESTIGATE" => Some(EventType::Accuse),
        "EXHIBITFORCEPOSTURE" | "POSTURE" => Some(EventType::Mobilize),
        "REDUCERELATIONS" => Some(EventType::Sanction),
        other => EventType::parse(other),
    }
}

/// The ISO alpha-3 (or PLOVER pseudo-country) in a CAMEO actor code: its first three letters,
/// with CAMEO's non-ISO country codes converted.
pub fn cameo_country(code: &str) -> Option<String> {
    let head: String = code.trim().chars().take(3).collect::<String>();
    if head.chars().count() != 3 || !head.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let head = head.to_ascii_uppercase();
    let iso = match head.as_str() {
        "JAP" => "JPN",
        "ITL" => "ITA",
        "VTN" => "VNM",
        "UKG" => "GBR",
        "GMY" => "DEU",
        "ROM" => "ROU",
        "ZAR" => "COD",
        "SPN" => "ESP",
        "KUW" => "KWT",
        "LEB" => "LBN",
        "SUD" => "SDN",
        "PAL" => "PSE",
        other => other,
    };
    Some(iso.to_string())
}

/// Reads the GSR file leniently: the sentences, and the number of records that could not be
/// parsed.
pub fn read_gold(path: &Path) -> Result<(Vec<GoldSentence>, usize), EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let (records, bad) = parse_records(&text);
    if records.is_empty() && bad == 0 {
        return Err(EvalError::Malformed {
            path: path.to_path_buf(),
            message: "no JSON object found".into(),
        });
    }
    Ok((records.iter().filter_map(sentence).collect(), bad))
}

/// Parses the file as a JSON list, else object by object.
fn parse_records(text: &str) -> (Vec<Value>, usize) {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => return (items, 0),
        Ok(obj @ Value::Object(_)) => return (vec![obj], 0),
        _ => {}
    }
    let mut records = Vec::new();
    let mut bad = 0;
    for chunk in top_level_objects(text) {
        match serde_json::from_str::<Value>(chunk)
            .or_else(|_| serde_json::from_str::<Value>(&drop_trailing_commas(chunk)))
        {
            Ok(v @ Value::Object(_)) => records.push(v),
            _ => bad += 1,
        }
    }
    (records, bad)
}

/// The `{...}` objects at the outermost object level of `text` (inside a list or not), found by
/// brace matching that skips strings.
fn top_level_objects(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, None);
    let (mut in_string, mut escaped) = (false, false);
    for (i, c) in text.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => {
                if depth == 0 {
                    start = Some(i);
                }
                depth += 1;
            }
            '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    if let Some(s) = start.take() {
                        out.push(&text[s..=i]);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Removes commas directly before `}` or `]` (outside strings).
fn drop_trailing_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}') | Some(']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A gold sentence from one record, or `None` for the DOCUMENT header and records without text.
fn sentence(v: &Value) -> Option<GoldSentence> {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::trim);
    let event = s("event").unwrap_or("");
    let text = s("text").unwrap_or("");
    if event.eq_ignore_ascii_case("DOCUMENT") || text.is_empty() {
        return None;
    }
    Some(GoldSentence {
        id: s("id").unwrap_or("").to_string(),
        text: text.to_string(),
        event: event.to_string(),
        event_type: gsr_event_type(event),
        source: actors(v.get("source")),
        target: actors(v.get("target")),
        mode: s("mode").filter(|m| !m.is_empty()).map(str::to_string),
        date: s("date").and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
    })
}

fn actors(v: Option<&Value>) -> Vec<GoldActor> {
    let one = |a: &Value| {
        let s = |k: &str| a.get(k).and_then(Value::as_str).map(str::trim);
        let code = s("code").unwrap_or("");
        let text = s("actorText").unwrap_or("");
        (!code.is_empty() || !text.is_empty()).then(|| GoldActor {
            text: text.to_string(),
            code: code.to_string(),
            sector: s("sector").filter(|x| !x.is_empty()).map(str::to_string),
        })
    };
    match v {
        Some(Value::Array(items)) => items.iter().filter_map(one).collect(),
        Some(obj @ Value::Object(_)) => one(obj).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// The document the coder sees for a sentence: the sentence as text, the record's date as the
/// publication date, English declared.
pub fn to_document(s: &GoldSentence, path: &Path, item: usize) -> Document {
    Document {
        id: s.id.clone(),
        source: Source {
            path: path.display().to_string(),
            item: Some(item),
            format: "json",
        },
        url: None,
        canonical_url: None,
        title: None,
        published: s.date.map(|date| Published {
            date,
            datetime: None,
            source: DateSource::Record,
        }),
        modified: None,
        authors: Vec::new(),
        site_name: None,
        language: Some("en".to_string()),
        language_source: LanguageSource::Declared,
        content_hash: sitrep_core::stable_hash(&[s.text.as_bytes()]),
        text: s.text.clone(),
        encoding: None,
        notes: Vec::new(),
    }
}

/// The figures of a PLOVER GSR run.
#[derive(Debug, Clone, Serialize)]
pub struct PloverReport {
    /// The gold file.
    pub file: String,
    /// Sentences read.
    pub sentences: usize,
    /// Records that could not be parsed.
    pub bad_records: usize,
    /// Sentences coded (all, or the first `limit`).
    pub evaluated: usize,
    /// Sentences for which the coder returned at least one event.
    pub with_events: usize,
    /// Gold event names with no PLOVER type, with their counts (left out of the type scores).
    pub unmapped_event_types: BTreeMap<String, usize>,
    /// Type of the picked event.
    pub event_type: Score,
    /// Gold type among the types of all returned events.
    pub event_type_any: Score,
    /// Gold type -> predicted type of the picked event -> sentences.
    pub confusion: Confusion,
    /// Actor countries (set equality), over sentences with a coded source.
    pub actor_country: Score,
    /// Recipient countries (set equality), over sentences with a coded target.
    pub recipient_country: Score,
}

/// Runs the coder over the GSR sentences (the first `limit` when given).
pub fn evaluate(
    path: &Path,
    coder: &dyn Coder,
    limit: Option<usize>,
) -> Result<PloverReport, EvalError> {
    let (gold, bad_records) = read_gold(path)?;
    let n = limit.map_or(gold.len(), |l| l.min(gold.len()));
    let mut report = PloverReport {
        file: path.display().to_string(),
        sentences: gold.len(),
        bad_records,
        evaluated: n,
        with_events: 0,
        unmapped_event_types: BTreeMap::new(),
        event_type: Score::default(),
        event_type_any: Score::default(),
        confusion: Confusion::new(),
        actor_country: Score::default(),
        recipient_country: Score::default(),
    };
    for (i, s) in gold[..n].iter().enumerate() {
        let events = coder.code(&to_document(s, path, i + 1));
        if !events.is_empty() {
            report.with_events += 1;
        }
        let event = pick_event_in(&events, false);
        match s.event_type {
            Some(t) => {
                report
                    .event_type
                    .add(event.is_some_and(|e| e.event_type == t));
                report
                    .event_type_any
                    .add(events.iter().any(|e| e.event_type == t));
                let predicted = event.map_or(NONE_LABEL, |e| e.event_type.as_str());
                confusion_add(&mut report.confusion, t.as_str(), predicted);
                if std::env::var_os("SITREP_EVAL_MISSES").is_some() && predicted != t.as_str() {
                    let all: Vec<&str> = events.iter().map(|e| e.event_type.as_str()).collect();
                    eprintln!(
                        "type miss {}: gold {}, got {predicted} (all {all:?}): {}",
                        s.id,
                        t.as_str(),
                        s.text
                    );
                }
            }
            None => {
                *report
                    .unmapped_event_types
                    .entry(s.event.clone())
                    .or_default() += 1
            }
        }
        let gold_set = |actors: &[GoldActor]| -> BTreeSet<String> {
            actors.iter().filter_map(GoldActor::country).collect()
        };
        let predicted_set = |actors: &[sitrep_events::ActorRef]| -> BTreeSet<String> {
            actors
                .iter()
                .filter_map(sitrep_events::mapping::cameo_country)
                .collect()
        };
        let misses = std::env::var_os("SITREP_EVAL_MISSES").is_some();
        let source = gold_set(&s.source);
        if !source.is_empty() {
            let got = event.map(|e| predicted_set(&e.actor));
            report.actor_country.add(got.as_ref() == Some(&source));
            if misses && got.as_ref() != Some(&source) {
                eprintln!(
                    "actor miss {}: gold {source:?}, got {got:?} {:?}: {}",
                    s.id,
                    event.map(|e| mentions(&e.actor)),
                    s.text
                );
            }
        }
        let target = gold_set(&s.target);
        if !target.is_empty() {
            let got = event.map(|e| predicted_set(&e.recipient));
            report.recipient_country.add(got.as_ref() == Some(&target));
            if misses && got.as_ref() != Some(&target) {
                eprintln!(
                    "recipient miss {}: gold {target:?}, got {got:?} {:?}: {}",
                    s.id,
                    event.map(|e| mentions(&e.recipient)),
                    s.text
                );
            }
        }
    }
    Ok(report)
}

/// The words each actor was resolved from, for the miss listing.
fn mentions(actors: &[sitrep_events::ActorRef]) -> Vec<&str> {
    actors.iter().map(|a| a.mention.as_str()).collect()
}

fn short_type(t: &str) -> String {
    t.chars().take(9).collect()
}

impl fmt::Display for PloverReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "PLOVER GSR evaluation: {}", self.file)?;
        writeln!(
            f,
            "sentences {} (bad records {}), evaluated {}, with events {}",
            self.sentences, self.bad_records, self.evaluated, self.with_events
        )?;
        if !self.unmapped_event_types.is_empty() {
            writeln!(f, "unmapped gold types: {:?}", self.unmapped_event_types)?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "{:<32} {:>7} {:>7} {:>8}",
            "metric", "correct", "total", "accuracy"
        )?;
        writeln!(f, "{:<32} {}", "event type", self.event_type)?;
        writeln!(
            f,
            "{:<32} {}",
            "event type (any event)", self.event_type_any
        )?;
        writeln!(f, "{:<32} {}", "actor country", self.actor_country)?;
        writeln!(f, "{:<32} {}", "recipient country", self.recipient_country)?;
        writeln!(f)?;
        writeln!(f, "event types (rows gold, columns predicted):")?;
        let known: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        write_confusion(f, &self.confusion, &known, short_type)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::Span;
    use sitrep_events::mapping;
    use sitrep_events::{ActorRef, Counts, EventRecord, Modality};

    const GSR: &str = "/work/shared/gold/plover-gsr/PLOVER_GSR_CAMEO.txt";

    const SMALL: &str = r#"[
{ "id": "DOC-0", "event": "DOCUMENT", "eventText": "header" },
{ "id": "T-1", "date": "2000-01-01",
  "source": [{"actorText": "Ruritanian army", "code": "RUR", "sector": "MIL"}],
  "target": [{"actorText": "rebels", "code": "RURREB"}],
  "event": "FIGHT", "text": "Ruritanian troops shelled rebel positions on Monday." },
{ "id": "T-2", "date": "2000-01-01",
  "source": {"actorText": "Tokyo", "code": "JAP"},
  "target": "diplomatic",
  "event": "DEMAND", "text": "Tokyo urged talks.", },
{ "id": "T-3", "event": "YIELD", "text": "Something gave way." },
{ "id": "T-4", "event": "AGREE", "text": broken }
]"#;

    fn span() -> Span {
        Span {
            start: 0,
            end: 0,
            byte_start: 0,
            byte_end: 0,
        }
    }

    fn actor(country: &str) -> ActorRef {
        ActorRef {
            name: country.into(),
            country: Some(country.into()),
            sector: Vec::new(),
            kind: "government".into(),
            wikidata: None,
            role: None,
            affiliation: None,
            backed_by: None,
            mention: country.into(),
            span: span(),
            inferred: None,
            ethnicity: None,
            country_from: None,
        }
    }

    fn record(t: EventType, actor_c: &str, recipient_c: &str) -> EventRecord {
        EventRecord {
            record: "event".into(),
            id: "e".into(),
            doc_id: "d".into(),
            event_type: t,
            mode: None,
            context: Vec::new(),
            actor: vec![actor(actor_c)],
            recipient: vec![actor(recipient_c)],
            location: None,
            date: None,
            counts: Counts::default(),
            modality: Modality::Asserted,
            claimed_by: None,
            evidence: Vec::new(),
            confidence: 0.5,
            quad_code: mapping::quad_code(t),
            acled: None,
            cameo: mapping::cameo(t, None),
        }
    }

    fn temp_file(name: &str, body: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("sitrep-eval-plover-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let p = dir.join(name);
        std::fs::write(&p, body).expect("write temp file");
        p
    }

    #[test]
    fn old_names_map_to_plover_types() {
        assert_eq!(gsr_event_type("DEMAND"), Some(EventType::Request));
        assert_eq!(gsr_event_type("FIGHT"), Some(EventType::Assault));
        assert_eq!(gsr_event_type("DISAPPROVE"), Some(EventType::Accuse));
        assert_eq!(gsr_event_type("INVESTIGATE"), Some(EventType::Accuse));
        assert_eq!(gsr_event_type("agree"), Some(EventType::Agree));
        assert_eq!(gsr_event_type("YIELD"), None);
    }

    #[test]
    fn countries_from_cameo_codes() {
        assert_eq!(cameo_country("RURREB").as_deref(), Some("RUR"));
        assert_eq!(cameo_country("JAP").as_deref(), Some("JPN"));
        assert_eq!(cameo_country("igo").as_deref(), Some("IGO"));
        assert_eq!(cameo_country("X1"), None);
        assert_eq!(cameo_country(""), None);
    }

    #[test]
    fn lenient_parse_recovers_objects() {
        let path = temp_file("small.txt", SMALL);
        let (gold, bad) = read_gold(&path).expect("gold");
        // The list is not valid JSON (a trailing comma, a bare word): objects are parsed one by
        // one; the header is skipped, the broken object counted.
        assert_eq!(bad, 1);
        assert_eq!(gold.len(), 3);
        assert_eq!(gold[0].event_type, Some(EventType::Assault));
        assert_eq!(gold[0].target[0].country().as_deref(), Some("RUR"));
        assert_eq!(gold[1].source.len(), 1);
        assert!(gold[1].target.is_empty());
        assert_eq!(gold[2].event_type, None);
    }

    #[test]
    fn scores_a_small_file() {
        let path = temp_file("score.txt", SMALL);
        let coder = |doc: &Document| match doc.id.as_str() {
            "T-1" => vec![record(EventType::Assault, "RUR", "RUR")],
            "T-2" => vec![
                record(EventType::Consult, "USA", "USA"),
                record(EventType::Request, "JPN", "CHN"),
            ],
            _ => Vec::new(),
        };
        let r = evaluate(&path, &coder, None).expect("report");
        assert_eq!((r.sentences, r.evaluated, r.with_events), (3, 3, 2));
        assert_eq!((r.event_type.correct, r.event_type.total), (1, 2));
        assert_eq!(r.event_type_any.correct, 2);
        assert_eq!((r.actor_country.correct, r.actor_country.total), (1, 2));
        assert_eq!(
            (r.recipient_country.correct, r.recipient_country.total),
            (1, 1)
        );
        assert_eq!(r.unmapped_event_types.get("YIELD"), Some(&1));
        assert_eq!(r.confusion["REQUEST"]["CONSULT"], 1);
        assert!(r.to_string().contains("recipient country"));
    }

    #[test]
    fn gold_file_with_empty_coder() {
        let path = Path::new(GSR);
        if !path.exists() {
            return;
        }
        let nothing = |_: &Document| Vec::<EventRecord>::new();
        let r = evaluate(path, &nothing, None).expect("report");
        assert_eq!(r.sentences, 322);
        assert_eq!(r.bad_records, 0);
        assert!(
            r.unmapped_event_types.is_empty(),
            "{:?}",
            r.unmapped_event_types
        );
        assert_eq!(r.event_type.total, 322);
        for s in [
            r.event_type,
            r.event_type_any,
            r.actor_country,
            r.recipient_country,
        ] {
            assert_eq!((s.correct, s.accuracy), (0, 0.0));
        }
        assert!(r.actor_country.total > 300);
        assert!(r.recipient_country.total > 200);
        // The fallback parser reads the real file the same way.
        let text = std::fs::read_to_string(path).expect("read");
        let objects = top_level_objects(&text);
        assert_eq!(objects.len(), 323);
    }
}
