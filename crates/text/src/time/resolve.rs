//! Calendar arithmetic: turns a parsed expression into a TIMEX3-style value and an interval,
//! using the reference date for whatever the text leaves implicit.
//!
//! Conventions (news reports the past):
//! - a day or month without a year, and a bare weekday, take the most recent occurrence on or
//!   before the reference date (the same day counts);
//! - "last"/"dernier" means strictly before, "next"/"prochain" strictly after, "this"/"ce" the
//!   nearest occurrence;
//! - a weekday written with the date ("samedi 29 mai") picks the year, within one of the
//!   reference's, in which that date falls on that weekday;
//! - in a clause the pack's tense cues mark as future ("aura lieu le 3 mars", "will meet on
//!   Thursday"), and after "until", the first occurrence on or after the reference is taken;
//! - "N weeks ago" is a day (TimeML convention), "N months ago" a month, "N years ago" a year.

use chrono::{Datelike, Duration, NaiveDate};

use super::lexicon::{Season, TimeUnit};
use super::{Precision, TimeKind};

/// Which occurrence of an underspecified date is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// The most recent one on or before the reference date.
    Default,
    /// The most recent one strictly before ("dernier", "last").
    Last,
    /// The first one strictly after ("prochain", "next").
    Next,
    /// The nearest one ("ce", "this").
    This,
    /// The first one on or after the reference date (a clause in the future tense).
    Upcoming,
}

/// A parsed time expression, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// A calendar date, month or year, possibly without its year.
    Cal {
        year: Option<i32>,
        /// A two-digit year, completed from the reference date's century.
        short_year: Option<i32>,
        month: Option<u32>,
        day: Option<u32>,
        /// The weekday written with the date ("samedi 29 mai"), which pins its year.
        weekday: Option<u32>,
        dir: Dir,
    },
    /// The weekend `offset` weeks from the one the direction points to ("ce week-end").
    Weekend { offset: i32, dir: Dir },
    /// A weekday alone.
    Weekday { wd: u32, dir: Dir },
    /// A day relative to the reference date (`hier` = -1).
    RelDay(i32),
    /// A unit relative to the reference date (`la semaine dernière` = Week, -1).
    RelPeriod(TimeUnit, i32),
    /// `n` units before (negative) or after the reference date.
    Shift(TimeUnit, i32),
    /// A season; generic when it has neither year nor direction.
    Season {
        season: Season,
        year: Option<i32>,
        dir: Option<Dir>,
    },
    /// A decade, as its first year.
    Decade(i32),
    /// A duration; `None` quantity for "quelques jours".
    Duration(Option<u32>, TimeUnit),
    /// Every unit.
    SetUnit(TimeUnit),
    /// Every such weekday.
    SetWeekday(u32),
}

/// A resolved expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    pub kind: TimeKind,
    pub value: Option<String>,
    pub precision: Precision,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub relative: bool,
}

impl Resolved {
    fn unresolved(kind: TimeKind, precision: Precision, relative: bool) -> Resolved {
        Resolved {
            kind,
            value: None,
            precision,
            start: None,
            end: None,
            relative,
        }
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn last_day_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1)?.pred_opt()
}

fn day(d: NaiveDate, relative: bool) -> Resolved {
    Resolved {
        kind: TimeKind::Date,
        value: Some(d.format("%Y-%m-%d").to_string()),
        precision: Precision::Day,
        start: Some(d),
        end: Some(d),
        relative,
    }
}

fn month(y: i32, m: u32, relative: bool) -> Option<Resolved> {
    Some(Resolved {
        kind: TimeKind::Date,
        value: Some(format!("{y:04}-{m:02}")),
        precision: Precision::Month,
        start: Some(ymd(y, m, 1)?),
        end: Some(last_day_of_month(y, m)?),
        relative,
    })
}

fn year(y: i32, relative: bool) -> Option<Resolved> {
    Some(Resolved {
        kind: TimeKind::Date,
        value: Some(format!("{y:04}")),
        precision: Precision::Year,
        start: Some(ymd(y, 1, 1)?),
        end: Some(ymd(y, 12, 31)?),
        relative,
    })
}

fn week(d: NaiveDate, relative: bool, weekend: bool) -> Option<Resolved> {
    let monday = d.checked_sub_signed(Duration::days(i64::from(
        d.weekday().num_days_from_monday(),
    )))?;
    let iso = d.iso_week();
    let (value, start, end) = if weekend {
        (
            format!("{:04}-W{:02}-WE", iso.year(), iso.week()),
            monday.checked_add_signed(Duration::days(5))?,
            monday.checked_add_signed(Duration::days(6))?,
        )
    } else {
        (
            format!("{:04}-W{:02}", iso.year(), iso.week()),
            monday,
            monday.checked_add_signed(Duration::days(6))?,
        )
    };
    Some(Resolved {
        kind: TimeKind::Date,
        value: Some(value),
        precision: Precision::Week,
        start: Some(start),
        end: Some(end),
        relative,
    })
}

fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + n;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// Completes a two-digit year with the century that puts it at most ten years after `reference`
/// (or 1950-2049 without a reference).
fn full_year(short: i32, reference: Option<NaiveDate>) -> i32 {
    match reference {
        Some(r) => {
            let century = r.year().div_euclid(100) * 100;
            let y = century + short;
            if y > r.year() + 10 {
                y - 100
            } else {
                y
            }
        }
        None if short >= 50 => 1900 + short,
        None => 2000 + short,
    }
}

/// The year in which month `m` (and day `d`) falls given the direction and reference.
fn infer_year(m: u32, d: Option<u32>, dir: Dir, r: NaiveDate) -> Option<i32> {
    let ry = r.year();
    // Compare (month, day) against the reference; a missing day compares by month only.
    let key = |y: i32| -> Option<(i32, u32, u32)> {
        match d {
            Some(d) => ymd(y, m, d).map(|_| (y, m, d)),
            None => Some((y, m, 0)),
        }
    };
    let rkey = |y: i32| (y, r.month(), if d.is_some() { r.day() } else { 0 });
    // Look at most a few years around (29 February needs a leap year).
    let candidates: Vec<i32> = match dir {
        Dir::Next | Dir::Upcoming => (ry..=ry + 8).collect(),
        _ => (ry - 8..=ry + 1).rev().collect(),
    };
    match dir {
        Dir::Default | Dir::This => candidates
            .into_iter()
            .find(|&y| key(y).is_some_and(|k| k <= rkey(ry))),
        Dir::Last => candidates
            .into_iter()
            .find(|&y| key(y).is_some_and(|k| k < rkey(ry))),
        Dir::Next => candidates
            .into_iter()
            .find(|&y| key(y).is_some_and(|k| k > rkey(ry))),
        Dir::Upcoming => candidates
            .into_iter()
            .find(|&y| key(y).is_some_and(|k| k >= rkey(ry))),
    }
}

/// The year, within one of the reference's, in which `m`/`d` falls on weekday `wd`
/// (Monday = 0), nearest the reference. A given date has the same weekday only every 5 to 11
/// years, so at most one year of the three matches.
fn year_of_weekday(m: u32, d: u32, wd: u32, r: NaiveDate) -> Option<i32> {
    (r.year() - 1..=r.year() + 1)
        .filter_map(|y| ymd(y, m, d).map(|date| (y, date)))
        .filter(|(_, date)| date.weekday().num_days_from_monday() == wd % 7)
        .min_by_key(|(_, date)| (*date - r).num_days().abs())
        .map(|(y, _)| y)
}

/// The offset in days from the reference to weekday `wd` in direction `dir`.
fn weekday_offset(r: NaiveDate, wd: u32, dir: Dir) -> i64 {
    let rw = i64::from(r.weekday().num_days_from_monday());
    let wd = i64::from(wd % 7);
    let back = (rw - wd).rem_euclid(7);
    let fwd = (wd - rw).rem_euclid(7);
    match dir {
        Dir::Default => -back,
        Dir::Last if back == 0 => -7,
        Dir::Last => -back,
        Dir::Next if fwd == 0 => 7,
        Dir::Next | Dir::Upcoming => fwd,
        Dir::This if back <= 3 => -back,
        Dir::This => fwd,
    }
}

fn season_months(s: Season) -> (u32, &'static str) {
    match s {
        Season::Spring => (3, "SP"),
        Season::Summer => (6, "SU"),
        Season::Autumn => (9, "FA"),
        Season::Winter => (12, "WI"),
    }
}

fn season(s: Season, y: i32, relative: bool) -> Option<Resolved> {
    let (m, code) = season_months(s);
    let (ey, em) = add_months(y, m, 2);
    Some(Resolved {
        kind: TimeKind::Date,
        value: Some(format!("{y:04}-{code}")),
        precision: Precision::Season,
        start: Some(ymd(y, m, 1)?),
        end: Some(last_day_of_month(ey, em)?),
        relative,
    })
}

fn unit_code(u: TimeUnit) -> (&'static str, &'static str) {
    match u {
        TimeUnit::Minute => ("PT", "M"),
        TimeUnit::Hour => ("PT", "H"),
        TimeUnit::Day => ("P", "D"),
        TimeUnit::Week | TimeUnit::Weekend => ("P", "W"),
        TimeUnit::Month => ("P", "M"),
        TimeUnit::Year => ("P", "Y"),
    }
}

/// Resolves `e` against `reference`. Relative expressions without a reference come back with no
/// value but `relative: true`.
pub(crate) fn resolve(e: &Expr, reference: Option<NaiveDate>) -> Resolved {
    resolve_opt(e, reference).unwrap_or_else(|| {
        let (kind, precision, relative) = shape(e);
        Resolved::unresolved(kind, precision, relative)
    })
}

/// The kind, precision and relativity an expression has whether or not it resolves.
fn shape(e: &Expr) -> (TimeKind, Precision, bool) {
    match e {
        Expr::Cal {
            year,
            short_year,
            month,
            day,
            ..
        } => {
            let p = if day.is_some() {
                Precision::Day
            } else if month.is_some() {
                Precision::Month
            } else {
                Precision::Year
            };
            (TimeKind::Date, p, year.is_none() || short_year.is_some())
        }
        Expr::Weekday { .. } | Expr::RelDay(_) => (TimeKind::Date, Precision::Day, true),
        Expr::Weekend { .. } => (TimeKind::Date, Precision::Week, true),
        Expr::RelPeriod(u, _) | Expr::Shift(u, _) => (TimeKind::Date, unit_precision(*u), true),
        Expr::Season { year, dir, .. } => (
            TimeKind::Date,
            Precision::Season,
            year.is_none() && dir.is_some(),
        ),
        Expr::Decade(_) => (TimeKind::Date, Precision::Decade, false),
        Expr::Duration(..) => (TimeKind::Duration, Precision::Unknown, false),
        Expr::SetUnit(_) | Expr::SetWeekday(_) => (TimeKind::Set, Precision::Unknown, false),
    }
}

fn unit_precision(u: TimeUnit) -> Precision {
    match u {
        TimeUnit::Minute | TimeUnit::Hour | TimeUnit::Day => Precision::Day,
        TimeUnit::Week | TimeUnit::Weekend => Precision::Week,
        TimeUnit::Month => Precision::Month,
        TimeUnit::Year => Precision::Year,
    }
}

fn resolve_opt(e: &Expr, reference: Option<NaiveDate>) -> Option<Resolved> {
    match *e {
        Expr::Cal {
            year: y,
            short_year,
            month: m,
            day: d,
            weekday,
            dir,
        } => {
            let explicit = y.or(short_year.map(|s| full_year(s, reference)));
            let relative = y.is_none();
            let pinned = match (explicit, m, d, weekday, reference) {
                (None, Some(m), Some(d), Some(wd), Some(r)) => year_of_weekday(m, d, wd, r),
                _ => None,
            };
            let y = match (explicit.or(pinned), m) {
                (Some(y), _) => y,
                (None, Some(m)) => infer_year(m, d, dir, reference?)?,
                (None, None) => return None,
            };
            match (m, d) {
                (Some(m), Some(d)) => Some(day(ymd(y, m, d)?, relative)),
                (Some(m), None) => month(y, m, relative),
                (None, None) => year(y, relative),
                (None, Some(_)) => None,
            }
        }
        Expr::Weekday { wd, dir } => {
            let r = reference?;
            let offset = weekday_offset(r, wd, dir);
            Some(day(r.checked_add_signed(Duration::days(offset))?, true))
        }
        Expr::Weekend { offset, dir } => {
            let r = reference?;
            let saturday = r.checked_add_signed(Duration::days(weekday_offset(r, 5, dir)))?;
            week(
                saturday.checked_add_signed(Duration::weeks(i64::from(offset)))?,
                true,
                true,
            )
        }
        Expr::RelDay(n) => Some(day(
            reference?.checked_add_signed(Duration::days(i64::from(n)))?,
            true,
        )),
        Expr::RelPeriod(u, n) => {
            let r = reference?;
            match u {
                TimeUnit::Minute | TimeUnit::Hour | TimeUnit::Day => Some(day(
                    r.checked_add_signed(Duration::days(i64::from(n)))?,
                    true,
                )),
                TimeUnit::Week | TimeUnit::Weekend => week(
                    r.checked_add_signed(Duration::weeks(i64::from(n)))?,
                    true,
                    u == TimeUnit::Weekend,
                ),
                TimeUnit::Month => {
                    let (y, m) = add_months(r.year(), r.month(), n);
                    month(y, m, true)
                }
                TimeUnit::Year => year(r.year().checked_add(n)?, true),
            }
        }
        Expr::Shift(u, n) => {
            let r = reference?;
            match u {
                TimeUnit::Minute | TimeUnit::Hour => Some(day(r, true)),
                TimeUnit::Day => Some(day(
                    r.checked_add_signed(Duration::days(i64::from(n)))?,
                    true,
                )),
                TimeUnit::Week | TimeUnit::Weekend => Some(day(
                    r.checked_add_signed(Duration::weeks(i64::from(n)))?,
                    true,
                )),
                TimeUnit::Month => {
                    let (y, m) = add_months(r.year(), r.month(), n);
                    month(y, m, true)
                }
                TimeUnit::Year => year(r.year().checked_add(n)?, true),
            }
        }
        Expr::Season {
            season: s,
            year: Some(y),
            ..
        } => season(s, y, false),
        Expr::Season {
            season: s,
            year: None,
            dir: None,
        } => {
            let (_, code) = season_months(s);
            Some(Resolved {
                kind: TimeKind::Date,
                value: Some(format!("XXXX-{code}")),
                precision: Precision::Season,
                start: None,
                end: None,
                relative: false,
            })
        }
        Expr::Season {
            season: s,
            year: None,
            dir: Some(dir),
        } => {
            let r = reference?;
            let (m, _) = season_months(s);
            // The year of the season containing (or last starting before) the reference.
            let (sy, sm) = (r.year(), m);
            let start_this = if sm <= r.month() { sy } else { sy - 1 };
            let current = {
                let (ey, em) = add_months(start_this, sm, 2);
                (ey, em) >= (r.year(), r.month())
            };
            let y = match dir {
                Dir::This => start_this,
                Dir::Upcoming if current => start_this,
                Dir::Upcoming => start_this + 1,
                Dir::Default | Dir::Last if current => start_this - 1,
                Dir::Default | Dir::Last => start_this,
                Dir::Next => start_this + 1,
            };
            season(s, y, true)
        }
        Expr::Decade(y0) => Some(Resolved {
            kind: TimeKind::Date,
            value: Some(format!("{:03}X", y0.div_euclid(10))),
            precision: Precision::Decade,
            start: Some(ymd(y0, 1, 1)?),
            end: Some(ymd(y0 + 9, 12, 31)?),
            relative: false,
        }),
        Expr::Duration(n, u) => {
            let (p, c) = unit_code(u);
            let q = n.map_or_else(|| "X".to_string(), |n| n.to_string());
            Some(Resolved {
                kind: TimeKind::Duration,
                value: Some(format!("{p}{q}{c}")),
                precision: Precision::Unknown,
                start: None,
                end: None,
                relative: false,
            })
        }
        Expr::SetUnit(u) => {
            let (p, c) = unit_code(u);
            Some(Resolved::with_value(TimeKind::Set, format!("{p}1{c}")))
        }
        Expr::SetWeekday(wd) => Some(Resolved::with_value(
            TimeKind::Set,
            format!("XXXX-WXX-{}", wd % 7 + 1),
        )),
    }
}

impl Resolved {
    fn with_value(kind: TimeKind, value: String) -> Resolved {
        Resolved {
            kind,
            value: Some(value),
            precision: Precision::Unknown,
            start: None,
            end: None,
            relative: false,
        }
    }
}

/// The year a date-like expression resolves to, for completing the other end of a range.
pub(crate) fn resolved_year(e: &Expr, reference: Option<NaiveDate>) -> Option<i32> {
    resolve(e, reference).start.map(|d| d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2020, 2, 28) // a Friday
    }

    fn val(e: Expr) -> Option<String> {
        resolve(&e, r()).value
    }

    #[test]
    fn years_are_inferred_backwards() {
        let cal = |m, d, dir| Expr::Cal {
            year: None,
            short_year: None,
            month: Some(m),
            day: d,
            weekday: None,
            dir,
        };
        assert_eq!(
            val(cal(3, Some(3), Dir::Default)).as_deref(),
            Some("2019-03-03")
        );
        assert_eq!(
            val(cal(3, Some(3), Dir::Next)).as_deref(),
            Some("2020-03-03")
        );
        assert_eq!(
            val(cal(2, Some(28), Dir::Default)).as_deref(),
            Some("2020-02-28")
        );
        assert_eq!(val(cal(9, None, Dir::Default)).as_deref(), Some("2019-09"));
        assert_eq!(val(cal(2, None, Dir::Default)).as_deref(), Some("2020-02"));
        assert_eq!(val(cal(2, None, Dir::Last)).as_deref(), Some("2019-02"));
        assert_eq!(
            val(cal(2, Some(29), Dir::Default)).as_deref(),
            Some("2016-02-29")
        );
    }

    #[test]
    fn weekdays_and_weeks() {
        let wd = |wd, dir| val(Expr::Weekday { wd, dir });
        assert_eq!(wd(3, Dir::Default).as_deref(), Some("2020-02-27"));
        assert_eq!(wd(4, Dir::Default).as_deref(), Some("2020-02-28"));
        assert_eq!(wd(4, Dir::Last).as_deref(), Some("2020-02-21"));
        assert_eq!(wd(3, Dir::Next).as_deref(), Some("2020-03-05"));
        assert_eq!(
            val(Expr::RelPeriod(TimeUnit::Week, -1)).as_deref(),
            Some("2020-W08")
        );
        assert_eq!(
            val(Expr::RelPeriod(TimeUnit::Month, -2)).as_deref(),
            Some("2019-12")
        );
        assert_eq!(
            val(Expr::Shift(TimeUnit::Day, -3)).as_deref(),
            Some("2020-02-25")
        );
    }

    #[test]
    fn unresolved_without_reference() {
        let res = resolve(&Expr::RelDay(-1), None);
        assert_eq!(res.value, None);
        assert!(res.relative);
    }
}
