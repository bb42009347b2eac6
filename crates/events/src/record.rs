//! The records sitrep produces: events (PLOVER-based), quotations and figures.
//!
//! Field names follow PLOVER's JSONL where PLOVER has one (`event_type`, `mode`, `context`,
//! `actor`, `recipient`), with sitrep's additions: evidence spans for every field, modality,
//! per-event counts with qualifiers, and the ACLED and CAMEO mappings carried on each record.

use serde::{Deserialize, Serialize};
use sitrep_core::Span;

/// PLOVER's sixteen event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[allow(missing_docs)]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    /// All sixteen, in PLOVER's order.
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    /// The upper-case PLOVER name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    /// Parses a PLOVER name, case-insensitively.
    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// An actor as resolved from the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// Canonical name ("Syrian government", "Mevlut Cavusoglu", "NATO").
    pub name: String,
    /// ISO 3166-1 alpha-3, or a PLOVER pseudo-country (IGO, NGO, UNO, EUR, ISM, IMG, MNC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// PLOVER sector codes (GOV, MIL, COP, REB, CVL, IGO, JRN, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sector: Vec<String>,
    /// `person`, `organization`, `government`, `armed_group`, `population`, ...
    pub kind: String,
    /// Wikidata id, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// Role of a person ("foreign minister", "secretary general").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The organisation a person or body belongs to ("NATO" for its secretary general).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// The sponsor of a force ("des forces soutenues par l'Iran": IRN).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backed_by: Option<String>,
    /// The words of the mention this actor was resolved from.
    pub mention: String,
    /// Where they are.
    pub span: Span,
    /// Set when no word of the text names this actor and the coder inferred it from the event's
    /// place: `location` (a material event with no one named as its recipient is directed at
    /// the country where it happens, as CAMEO and PLOVER coders code it), `visited` (a visit with
    /// no host named is to the government of the country visited), `protested` (a protest with
    /// no target named is aimed at the government of the country where it happens) or
    /// `protesters_home` (else at the protesters' own government) or `domestic` (a state organ's
    /// act at home that names no target is aimed at its own country). `mention` and `span` are
    /// then the words of the place, of the protesters, or of the state organ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred: Option<String>,
    /// For an ethnic group named by a demonym ("ethnic Albanians"), the country the demonym
    /// names (ALB). Not its `country`: an ethnic group belongs to the country it lives in,
    /// which the coder takes from where the event happens, as CAMEO and PLOVER code it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<String>,
    /// Set when no word of the mention gives `country` and the coder took it from the event:
    /// `location` (the country where the event happens: "police" in Baghdad are Iraq's),
    /// `story` (the country the story is mostly about), `same_side` (the state named with them:
    /// "the Sudanese government and the rebels") or `other_side` (the state acting on them:
    /// "Egyptian police dispersed demonstrators").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_from: Option<String>,
}

impl ActorRef {
    /// An actor that a place stands for (a country named as a party, the government of a
    /// country visited, the country an event is done in), resolved from the place's own words.
    pub fn for_place(
        p: &PlaceRef,
        name: String,
        kind: &str,
        sector: Vec<String>,
        inferred: Option<&str>,
    ) -> ActorRef {
        ActorRef::inferred_state(
            &p.country,
            name,
            kind,
            sector,
            (p.mention.clone(), p.span),
            inferred,
        )
    }

    /// A country or its government that no words name, inferred from the words at `at` (a
    /// place, the protesters, a state organ): see [`ActorRef::inferred`].
    pub fn inferred_state(
        country: &str,
        name: String,
        kind: &str,
        sector: Vec<String>,
        at: (String, Span),
        inferred: Option<&str>,
    ) -> ActorRef {
        ActorRef {
            name,
            country: Some(country.to_string()),
            sector,
            kind: kind.to_string(),
            wikidata: None,
            role: None,
            affiliation: None,
            backed_by: None,
            mention: at.0,
            span: at.1,
            inferred: inferred.map(str::to_string),
            ethnicity: None,
            country_from: None,
        }
    }
}

/// Whether `code` is one of PLOVER's pseudo-countries for actors that are no state
/// (organisations, movements, firms) rather than an ISO alpha-3 code.
pub fn is_pseudo_country(code: &str) -> bool {
    ["IGO", "UNO", "NGO", "EUR", "ISM", "IMG", "MNC"].contains(&code)
}

/// A place, geocoded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceRef {
    /// Canonical name.
    pub name: String,
    /// GeoNames id, when the place is a GeoNames feature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u64>,
    /// First-level division name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Second-level division name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin2: Option<String>,
    /// ISO 3166-1 alpha-3.
    pub country: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// `country`, `admin1`, `city`, ...
    pub feature: String,
    /// PLOVER/ACLED-like resolution: 1 country, 2 admin1, 3 admin2, 4 city or town, 5 sub-city.
    pub precision: u8,
    /// The words of the mention.
    pub mention: String,
    /// Where they are.
    pub span: Span,
}

/// A date or period an event is placed at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    /// TIMEX3-like value: `2020-02-27`, `2018-09`, `2011`, `2011/..`.
    pub value: String,
    /// First day of the period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<chrono::NaiveDate>,
    /// Last day of the period (absent for open ranges).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<chrono::NaiveDate>,
    /// `day`, `week`, `month`, `year`, `range`.
    pub precision: String,
    /// `text` (stated in the article) or `publication` (the publication date as a fallback).
    pub source: String,
    /// The time expression, when the date comes from the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// A count of victims or participants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    /// Lower bound (the stated value for `exact` and `at_least`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Upper bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Best single figure (UCDP's "best").
    pub best: f64,
    /// `exact`, `at_least`, `more_than`, `nearly`, `approximately`, `at_most`, `less_than`.
    pub qualifier: String,
    /// The group counted ("soldats turcs", "civilians").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub victims: Option<String>,
    /// The number's words.
    pub span: Span,
    /// Who claims the figure, when it is a party's claim rather than a report ("Al Shabaab
    /// claimed to have killed 3 soldiers").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_by: Option<String>,
}

/// Per-event counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct Counts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub killed: Option<Count>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub injured: Option<Count>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrested: Option<Count>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abducted: Option<Count>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub displaced: Option<Count>,
}

/// Whether an event is reported as having happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Reported as fact.
    Asserted,
    /// Reported as not having happened.
    Negated,
    /// Possible, conditional.
    Hypothetical,
    /// Announced or intended.
    Future,
    /// A claim attributed to a source, not confirmed by the writer.
    Reported,
    /// A past event cited as background.
    Historical,
}

/// The words supporting one field of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The field: `trigger`, `actor`, `recipient`, `location`, `date`, `killed`, ...
    pub field: String,
    /// The words.
    pub text: String,
    /// Where they are.
    pub span: Span,
    /// The sentence holding them.
    pub sentence: Span,
}

/// ACLED's coding of an event, where it falls in ACLED's scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcledCoding {
    /// ACLED event type ("Battles", "Explosions/Remote violence", ...).
    pub event_type: String,
    /// ACLED sub-event type ("Air/drone strike", ...).
    pub sub_event_type: String,
    /// ACLED actor category of the actor (1 state forces ... 8 external/other forces).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inter1: Option<u8>,
    /// ACLED actor category of the recipient.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inter2: Option<u8>,
}

/// CAMEO's coding of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CameoCoding {
    /// Two-digit CAMEO root code.
    pub root: String,
    /// QuadClass 1-4 (verbal cooperation, material cooperation, verbal conflict, material conflict).
    pub quad_class: u8,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Always `event`.
    pub record: String,
    /// Stable id: the same input gives the same id.
    pub id: String,
    /// The document's id.
    pub doc_id: String,
    /// PLOVER event type.
    pub event_type: EventType,
    /// PLOVER mode (`aerial`, `phone`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// PLOVER contexts, where evident.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
    /// Who did it (a compound actor is one list).
    pub actor: Vec<ActorRef>,
    /// To whom.
    pub recipient: Vec<ActorRef>,
    /// Where it happened.
    pub location: Option<PlaceRef>,
    /// When.
    pub date: Option<EventDate>,
    /// Victims and participants.
    pub counts: Counts,
    /// Asserted, negated, hypothetical...
    pub modality: Modality,
    /// For reported claims: who claims it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claimed_by: Option<ActorRef>,
    /// The words behind every field.
    pub evidence: Vec<Evidence>,
    /// 0..1.
    pub confidence: f32,
    /// PLOVER quad code (1-4).
    pub quad_code: u8,
    /// ACLED mapping, where in ACLED's scope.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acled: Option<AcledCoding>,
    /// CAMEO mapping.
    pub cameo: CameoCoding,
}

/// A quotation with its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// Always `quote`.
    pub record: String,
    /// Stable id.
    pub id: String,
    /// The document's id.
    pub doc_id: String,
    /// The quoted words.
    pub text: String,
    /// The quotation with its marks.
    pub span: Span,
    /// Who said it.
    pub speaker: Option<ActorRef>,
    /// The speech verb ("a déclaré", "said").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verb: Option<String>,
    /// Where the verb is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verb_span: Option<Span>,
}

/// A count that belongs to no single event: displaced people, refugees hosted, a cumulative toll.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureRecord {
    /// Always `figure`.
    pub record: String,
    /// Stable id.
    pub id: String,
    /// The document's id.
    pub doc_id: String,
    /// `displaced`, `refugees`, `population`, `killed_total`, ...
    pub kind: String,
    /// The figure.
    pub value: Count,
    /// Where.
    pub location: Option<PlaceRef>,
    /// When, or since when.
    pub date: Option<EventDate>,
    /// The sentence.
    pub sentence: Span,
}
