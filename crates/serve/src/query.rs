//! Query-string parameters of `/api/events` and `/api/stats`, parsed and checked before any SQL
//! runs: a bad value is a 400 that names the parameter.

use chrono::NaiveDate;
use sitrep_events::EventType;

use crate::error::ApiError;

/// Default page size of `/api/events`.
pub const DEFAULT_LIMIT: usize = 100;
/// Largest page size of `/api/events`.
pub const MAX_LIMIT: usize = 500;

/// Filters shared by `/api/events` and `/api/stats`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Events on or after this day.
    pub since: Option<NaiveDate>,
    /// Events on or before this day.
    pub until: Option<NaiveDate>,
    /// ISO 3166-1 alpha-3, upper case.
    pub country: Option<String>,
    /// PLOVER event type.
    pub event_type: Option<EventType>,
    /// Words of an actor's name.
    pub actor: Option<String>,
    /// `[min_lon, min_lat, max_lon, max_lat]`.
    pub bbox: Option<[f64; 4]>,
    /// At least this many distinct sources.
    pub min_sources: Option<u32>,
}

/// A page request of `/api/events`.
#[derive(Debug, Clone, PartialEq)]
pub struct EventsQuery {
    /// What to select.
    pub filters: Filters,
    /// Where the previous page stopped (opaque, from `next_cursor`).
    pub cursor: Option<String>,
    /// Page size, 1..=500.
    pub limit: usize,
}

/// Parses the query string of `/api/events`.
pub fn events_query(raw: Option<&str>) -> Result<EventsQuery, ApiError> {
    let mut filters = Filters::default();
    let mut cursor = None;
    let mut limit = DEFAULT_LIMIT;
    for (k, v) in pairs(raw)? {
        match k.as_str() {
            "cursor" => {
                if !v.is_empty() {
                    if v.len() > 512 {
                        return Err(ApiError::bad_request("cursor: too long"));
                    }
                    cursor = Some(v);
                }
            }
            "limit" => {
                limit = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=MAX_LIMIT).contains(n))
                    .ok_or_else(|| {
                        ApiError::bad_request(format!(
                            "limit: expected a whole number from 1 to {MAX_LIMIT}, got {v:?}"
                        ))
                    })?;
            }
            _ => filter_param(&mut filters, &k, v, true)?,
        }
    }
    check(&filters)?;
    Ok(EventsQuery {
        filters,
        cursor,
        limit,
    })
}

/// Parses the query string of `/api/stats` (the filters only).
pub fn stats_query(raw: Option<&str>) -> Result<Filters, ApiError> {
    let mut filters = Filters::default();
    for (k, v) in pairs(raw)? {
        filter_param(&mut filters, &k, v, false)?;
    }
    check(&filters)?;
    Ok(filters)
}

/// Decodes `a=1&b=2`; a repeated parameter is an error rather than a silent choice.
fn pairs(raw: Option<&str>) -> Result<Vec<(String, String)>, ApiError> {
    let raw = raw.unwrap_or("");
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw)
        .map_err(|e| ApiError::bad_request(format!("query string: {e}")))?;
    for (i, (k, _)) in pairs.iter().enumerate() {
        if pairs[..i].iter().any(|(p, _)| p == k) {
            return Err(ApiError::bad_request(format!("{k}: given more than once")));
        }
    }
    Ok(pairs)
}

const PARAMS: &str = "since, until, country, type, actor, bbox, min_sources";

fn filter_param(f: &mut Filters, k: &str, v: String, paged: bool) -> Result<(), ApiError> {
    // An empty value is no filter: what an HTML form sends for a blank field.
    let v = v.trim().to_string();
    if v.is_empty() {
        return match k {
            "since" | "until" | "country" | "type" | "actor" | "bbox" | "min_sources" => Ok(()),
            _ => Err(unknown(k, paged)),
        };
    }
    match k {
        "since" => f.since = Some(date(k, &v)?),
        "until" => f.until = Some(date(k, &v)?),
        "country" => {
            if v.len() != 3 || !v.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(ApiError::bad_request(format!(
                    "country: expected an ISO 3166-1 alpha-3 code such as SYR, got {v:?}"
                )));
            }
            f.country = Some(v.to_ascii_uppercase());
        }
        "type" => {
            f.event_type = Some(EventType::parse(&v).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "type: expected a PLOVER event type ({}), got {v:?}",
                    EventType::ALL.map(|t| t.as_str()).join(", ")
                ))
            })?)
        }
        "actor" => {
            if v.chars().count() > 200 {
                return Err(ApiError::bad_request("actor: longer than 200 characters"));
            }
            f.actor = Some(v);
        }
        "bbox" => f.bbox = Some(bbox(&v)?),
        "min_sources" => {
            f.min_sources = Some(v.parse::<u32>().map_err(|_| {
                ApiError::bad_request(format!("min_sources: expected a whole number, got {v:?}"))
            })?)
        }
        _ => return Err(unknown(k, paged)),
    }
    Ok(())
}

fn unknown(k: &str, paged: bool) -> ApiError {
    let extra = if paged { ", cursor, limit" } else { "" };
    ApiError::bad_request(format!("unknown parameter {k:?} (known: {PARAMS}{extra})"))
}

fn date(k: &str, v: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map_err(|_| ApiError::bad_request(format!("{k}: expected YYYY-MM-DD, got {v:?}")))
}

fn bbox(v: &str) -> Result<[f64; 4], ApiError> {
    let bad = || {
        ApiError::bad_request(format!(
            "bbox: expected minlon,minlat,maxlon,maxlat with -180<=lon<=180, -90<=lat<=90, \
             min<=max, got {v:?}"
        ))
    };
    let parts: Vec<f64> = v
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    let [a, b, c, d] = parts[..] else {
        return Err(bad());
    };
    let lon = -180.0..=180.0;
    let lat = -90.0..=90.0;
    if !(lon.contains(&a) && lon.contains(&c) && lat.contains(&b) && lat.contains(&d))
        || a > c
        || b > d
    {
        return Err(bad());
    }
    Ok([a, b, c, d])
}

fn check(f: &Filters) -> Result<(), ApiError> {
    if let (Some(s), Some(u)) = (f.since, f.until) {
        if s > u {
            return Err(ApiError::bad_request(format!(
                "since ({s}) is after until ({u})"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_filter() {
        let q = events_query(Some(
            "since=2020-02-01&until=2020-02-29&country=syr&type=assault&actor=Turkish%20army\
             &bbox=35,35,38,37.5&min_sources=2&cursor=abc&limit=50",
        ))
        .unwrap();
        assert_eq!(q.limit, 50);
        assert_eq!(q.cursor.as_deref(), Some("abc"));
        let f = q.filters;
        assert_eq!(f.country.as_deref(), Some("SYR"));
        assert_eq!(f.event_type, Some(EventType::Assault));
        assert_eq!(f.actor.as_deref(), Some("Turkish army"));
        assert_eq!(f.bbox, Some([35.0, 35.0, 38.0, 37.5]));
        assert_eq!(f.min_sources, Some(2));
        assert_eq!(f.since, NaiveDate::from_ymd_opt(2020, 2, 1));
    }

    #[test]
    fn defaults_and_blank_fields() {
        let q = events_query(None).unwrap();
        assert_eq!(q.limit, DEFAULT_LIMIT);
        assert_eq!(q.filters, Filters::default());
        let q = events_query(Some("country=&type=&since=&cursor=")).unwrap();
        assert_eq!(q.filters, Filters::default());
        assert_eq!(q.cursor, None);
    }

    #[test]
    fn rejects_bad_values_naming_the_parameter() {
        for (q, word) in [
            ("limit=0", "limit"),
            ("limit=501", "limit"),
            ("limit=ten", "limit"),
            ("since=2020-13-01", "since"),
            ("country=Syria", "country"),
            ("type=BOMB", "type"),
            ("bbox=1,2,3", "bbox"),
            ("bbox=10,0,5,1", "bbox"),
            ("bbox=0,0,200,1", "bbox"),
            ("min_sources=-1", "min_sources"),
            ("since=2020-03-01&until=2020-02-01", "since"),
            ("colour=red", "colour"),
            ("type=AID&type=AGREE", "type"),
        ] {
            let e = events_query(Some(q)).unwrap_err();
            assert_eq!(e.status, axum::http::StatusCode::BAD_REQUEST, "{q}");
            assert!(e.message.contains(word), "{q}: {}", e.message);
        }
        assert!(stats_query(Some("limit=10")).is_err());
    }
}
