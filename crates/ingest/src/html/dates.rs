//! Date parsing for the forms news pages use in their metadata and URLs.
//!
//! Pages write dates as RFC 3339 (`2020-02-28T10:00:00+01:00`), looser ISO 8601 (no colon in the
//! offset, no seconds, a space instead of `T`, fractional seconds, no zone at all), RFC 2822
//! (`Fri, 28 Feb 2020 10:00:00 +0100`, from feeds and `sailthru.date`), a bare `YYYY-MM-DD`, or
//! compact `YYYYMMDD`. A date without a zone keeps only its calendar day: inventing a zone would
//! make the timestamp look more precise than the page is.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use sitrep_core::{DateSource, Published};

/// Years outside this range are treated as parsing accidents (ids, prices, `0001-01-01`
/// placeholders), not publication dates.
const MIN_YEAR: i32 = 1990;
const MAX_YEAR: i32 = 2100;

fn plausible(d: NaiveDate) -> bool {
    use chrono::Datelike;
    (MIN_YEAR..=MAX_YEAR).contains(&d.year())
}

/// Parses a date or timestamp as found in a meta tag, JSON-LD or `<time datetime>`.
pub(crate) fn parse_date(raw: &str, source: DateSource) -> Option<Published> {
    let s = raw.trim();
    if s.len() < 8 || s.len() > 64 {
        return None;
    }
    let with_zone = |dt: DateTime<FixedOffset>| {
        let date = dt.date_naive();
        plausible(date).then_some(Published {
            date,
            datetime: Some(dt),
            source,
        })
    };
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return with_zone(dt);
    }
    // ISO 8601 variants with an explicit offset.
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return with_zone(dt);
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return with_zone(dt);
    }
    // A trailing "Z" on a format chrono's `%z` does not take ("2020-02-28T10:00Z").
    if let Some(body) = s.strip_suffix('Z').or_else(|| s.strip_suffix(" UTC")) {
        for fmt in ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
            if let Ok(ndt) = NaiveDateTime::parse_from_str(body, fmt) {
                return with_zone(ndt.and_utc().fixed_offset());
            }
        }
    }
    // No zone: keep the day only.
    let date_only = |date: NaiveDate| {
        plausible(date).then_some(Published {
            date,
            datetime: None,
            source,
        })
    };
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(ndt) = NaiveDateTime::parse_from_str(s, fmt) {
            return date_only(ndt.date());
        }
    }
    // A bare day, possibly followed by something chrono cannot read (a named zone, a time
    // in another form): the leading `YYYY-MM-DD` or `YYYY/MM/DD` is still trustworthy.
    let head = s.get(..10).unwrap_or(s);
    for fmt in ["%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(head, fmt) {
            return date_only(d);
        }
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y%m%d") {
            return date_only(d);
        }
    }
    None
}

/// Finds a date in a URL path: `/2020/02/28/`, `/2020-02-28/`, `/20200228/` or those forms
/// followed by a slug (`/2020-02-28-some-title`).
pub(crate) fn date_from_url(url: &str) -> Option<Published> {
    // Only the path: a query string may hold anything (ids, cache busters).
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme
        .split(['?', '#'])
        .next()
        .unwrap_or(after_scheme);
    let b = path.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let slice = b.get(from..from + n)?;
        if slice.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(slice).ok()?.parse().ok()
        } else {
            None
        }
    };
    let make = |y: u32, m: u32, d: u32| -> Option<Published> {
        let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
        plausible(date).then_some(Published {
            date,
            datetime: None,
            source: DateSource::Url,
        })
    };
    for (i, &c) in b.iter().enumerate() {
        if c != b'/' {
            continue;
        }
        let start = i + 1;
        let Some(y) = digits(start, 4) else { continue };
        // The year must stand alone: "/12345678901/" is an id, not a date.
        match b.get(start + 4) {
            Some(b'/') | Some(b'-') | Some(b'_') => {
                let sep = b[start + 4];
                let Some(m) = digits(start + 5, 2) else {
                    continue;
                };
                if b.get(start + 7) != Some(&sep) {
                    continue;
                }
                let Some(d) = digits(start + 8, 2) else {
                    continue;
                };
                if b.get(start + 10).is_some_and(u8::is_ascii_digit) {
                    continue;
                }
                if let Some(p) = make(y, m, d) {
                    return Some(p);
                }
            }
            Some(x) if x.is_ascii_digit() => {
                let (Some(m), Some(d)) = (digits(start + 4, 2), digits(start + 6, 2)) else {
                    continue;
                };
                if b.get(start + 8).is_some_and(u8::is_ascii_digit) {
                    continue;
                }
                if let Some(p) = make(y, m, d) {
                    return Some(p);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(p: Option<Published>) -> Option<String> {
        p.map(|p| p.date.to_string())
    }

    #[test]
    fn parses_common_forms() {
        let m = DateSource::Meta;
        assert_eq!(
            day(parse_date("2020-02-28T10:00:00+01:00", m)).as_deref(),
            Some("2020-02-28")
        );
        assert_eq!(
            day(parse_date("2020-02-28T23:30:00.000-0500", m)).as_deref(),
            Some("2020-02-28")
        );
        assert_eq!(
            day(parse_date("Fri, 28 Feb 2020 10:00:00 +0100", m)).as_deref(),
            Some("2020-02-28")
        );
        assert_eq!(
            day(parse_date("2020-02-28", m)).as_deref(),
            Some("2020-02-28")
        );
        assert_eq!(
            day(parse_date("2020-02-28 10:00", m)).as_deref(),
            Some("2020-02-28")
        );
        assert_eq!(
            day(parse_date("20200228", m)).as_deref(),
            Some("2020-02-28")
        );
        let z = parse_date("2020-02-28T10:00Z", m).and_then(|p| p.datetime);
        assert_eq!(
            z.map(|d| d.to_rfc3339()).as_deref(),
            Some("2020-02-28T10:00:00+00:00")
        );
        // No zone: the day only.
        assert!(parse_date("2020-02-28T10:00:00", m).is_some_and(|p| p.datetime.is_none()));
        assert!(parse_date("not a date", m).is_none());
        assert!(parse_date("0001-01-01", m).is_none());
    }

    #[test]
    fn finds_dates_in_urls() {
        for url in [
            "https://ex.fr/monde/2020/02/28/un-titre_123.html",
            "https://ex.fr/2020-02-28/un-titre",
            "https://ex.fr/news/20200228/titre",
            "https://ex.fr/2020_02_28_titre",
        ] {
            assert_eq!(
                day(date_from_url(url)).as_deref(),
                Some("2020-02-28"),
                "{url}"
            );
        }
        assert!(date_from_url("https://ex.fr/article/1234567890").is_none());
        assert!(date_from_url("https://ex.fr/a?d=2020/02/28/").is_none());
        assert!(date_from_url("https://ex.fr/2020/13/45/").is_none());
    }
}
