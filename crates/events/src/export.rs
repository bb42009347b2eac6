//! Flat row formats for events: ACLED's CSV columns (so existing ACLED scripts read sitrep's output
//! unchanged) and a GDELT-like CAMEO TSV. Shared by `sitrep extract` and `sitrep export`.

use crate::{ActorRef, EventRecord};

/// ACLED's column names, in ACLED's order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// GDELT-like columns for the CAMEO TSV.
pub const CAMEO_COLUMNS: [&str; 16] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "SOURCEURL",
];

fn names(v: &[ActorRef]) -> (String, String) {
    let first = v.first().map(|a| a.name.clone()).unwrap_or_default();
    let rest = v
        .iter()
        .skip(1)
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    (first, rest)
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The ACLED row of an event, or `None` when the event is outside ACLED's scope (verbal events,
/// negated or hypothetical ones). `source` names the document (URL or path); `notes` is the
/// evidence sentence.
pub fn acled_row(e: &EventRecord, source: &str, notes: &str) -> Option<Vec<String>> {
    let acled = e.acled.as_ref()?;
    if !matches!(
        e.modality,
        crate::Modality::Asserted | crate::Modality::Reported
    ) {
        return None;
    }
    let date = e.date.as_ref();
    let (actor1, assoc1) = names(&e.actor);
    let (actor2, assoc2) = names(&e.recipient);
    let time_precision = match date.map(|d| d.precision.as_str()) {
        Some("day") => "1",
        Some("week") | Some("month") => "2",
        _ => "3",
    };
    let disorder = match acled.event_type.as_str() {
        "Protests" | "Riots" => "Demonstrations",
        "Strategic developments" => "Strategic developments",
        _ => "Political violence",
    };
    let inter = |x: Option<u8>| x.map(|v| v.to_string()).unwrap_or_default();
    let interaction = match (acled.inter1, acled.inter2) {
        (Some(a), Some(b)) => format!("{}{}", a.min(b), a.max(b)),
        (Some(a), None) => format!("{a}0"),
        _ => String::new(),
    };
    let loc = e.location.as_ref();
    let start = date.and_then(|d| d.start);
    Some(vec![
        e.id.clone(),
        start.map(|d| d.to_string()).unwrap_or_default(),
        start
            .map(|d| d.format("%Y").to_string())
            .unwrap_or_default(),
        time_precision.into(),
        disorder.into(),
        acled.event_type.clone(),
        acled.sub_event_type.clone(),
        actor1,
        assoc1,
        inter(acled.inter1),
        actor2,
        assoc2,
        inter(acled.inter2),
        interaction,
        if acled.inter2 == Some(7) {
            "Civilian targeting".into()
        } else {
            String::new()
        },
        String::new(),
        String::new(),
        loc.map(|p| p.country.clone()).unwrap_or_default(),
        loc.and_then(|p| p.admin1.clone()).unwrap_or_default(),
        loc.and_then(|p| p.admin2.clone()).unwrap_or_default(),
        String::new(),
        loc.map(|p| p.name.clone()).unwrap_or_default(),
        loc.map(|p| format!("{:.4}", p.lat)).unwrap_or_default(),
        loc.map(|p| format!("{:.4}", p.lon)).unwrap_or_default(),
        loc.map(|p| match p.precision {
            4 | 5 => "1",
            2 | 3 => "2",
            _ => "3",
        })
        .unwrap_or("")
        .into(),
        source.into(),
        String::new(),
        notes.into(),
        e.counts
            .killed
            .as_ref()
            .map(|k| num(k.best))
            .unwrap_or_else(|| "0".into()),
        String::new(),
        String::new(),
    ])
}

/// The CAMEO TSV row of an event.
pub fn cameo_row(e: &EventRecord, source: &str) -> Vec<String> {
    let a1 = e.actor.first();
    let a2 = e.recipient.first();
    let loc = e.location.as_ref();
    vec![
        e.id.clone(),
        e.date
            .as_ref()
            .and_then(|d| d.start)
            .map(|d| d.format("%Y%m%d").to_string())
            .unwrap_or_default(),
        a1.map(|a| a.name.clone()).unwrap_or_default(),
        a1.and_then(|a| a.country.clone()).unwrap_or_default(),
        a1.and_then(|a| a.sector.first().cloned())
            .unwrap_or_default(),
        a2.map(|a| a.name.clone()).unwrap_or_default(),
        a2.and_then(|a| a.country.clone()).unwrap_or_default(),
        a2.and_then(|a| a.sector.first().cloned())
            .unwrap_or_default(),
        e.cameo.root.clone(),
        e.cameo.root.chars().take(2).collect(),
        e.cameo.quad_class.to_string(),
        loc.map(|p| {
            [
                Some(p.name.clone()),
                p.admin1.clone(),
                Some(p.country.clone()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
        })
        .unwrap_or_default(),
        loc.map(|p| p.country.clone()).unwrap_or_default(),
        loc.map(|p| format!("{:.4}", p.lat)).unwrap_or_default(),
        loc.map(|p| format!("{:.4}", p.lon)).unwrap_or_default(),
        source.into(),
    ]
}
