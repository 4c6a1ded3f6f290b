//! Publication dates as pages write them, to ISO 8601.
//!
//! The time of day and the zone are kept: a date-time with an offset when the page gives
//! a zone, a local date-time without one when it does not, a bare date when only the day
//! is known. Pages write dates as ISO 8601 (with or without seconds, fractions, `Z` or
//! `+0100`), as RFC 2822 (`Tue, 14 Jan 2025 10:00:00 GMT`), as Unix timestamps, or in
//! words (`January 31, 2025`, `31 Jan 2025`).
//!
//! PENDING UNIFICATION: `crate::article::dates::parse_published` is being written for
//! the plain-text reader; this module is the HTML reader's copy until it lands.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;

/// Earliest year taken as a publication year: older "dates" are ids or placeholders.
const MIN_YEAR: i32 = 1995;
/// Latest year taken: pages from the future are mistakes or event dates.
const MAX_YEAR: i32 = 2100;

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*
        (?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})
        (?:[T\s]+
            (?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?
            \s*(?P<z>Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2})?
        )?",
    )
    .expect("valid regex")
});

static SLASHED_YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<y>\d{4})[/.](?P<mo>\d{1,2})[/.](?P<d>\d{1,2})\b").expect("valid regex")
});

static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<y>(?:19|20)\d{2})(?P<mo>\d{2})(?P<d>\d{2})(?:T?(?P<h>\d{2})(?P<mi>\d{2})(?P<s>\d{2})?)?\s*$")
        .expect("valid regex")
});

static TIMESTAMP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(1\d{9})(\d{3})?\s*$").expect("valid regex"));

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<mo>{MONTHS})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b"
    ))
    .expect("valid regex")
});

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<mo>{MONTHS})\.?,?\s+(?P<y>\d{{4}})\b"
    ))
    .expect("valid regex")
});

static NUMERIC_DMY_OR_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})\b").expect("valid regex")
});

static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?")
        .expect("valid regex")
});

/// A machine-written date (a `content` or `datetime` attribute, a JSON-LD value) as
/// ISO 8601, or `None` when it is not a plausible publication date.
///
/// ```
/// use whosaid_read::html::dates::parse_machine_date;
/// assert_eq!(parse_machine_date("2025-01-31T14:15:00Z").as_deref(), Some("2025-01-31T14:15:00+00:00"));
/// assert_eq!(parse_machine_date("2025-01-31T14:15:00.000-0500").as_deref(), Some("2025-01-31T14:15:00-05:00"));
/// assert_eq!(parse_machine_date("2025-01-31 14:15").as_deref(), Some("2025-01-31T14:15:00"));
/// assert_eq!(parse_machine_date("2025-01-31").as_deref(), Some("2025-01-31"));
/// ```
pub fn parse_machine_date(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || value.len() > 80 {
        return None;
    }
    if let Some(c) = ISO.captures(value) {
        let date = ymd(&c["y"], &c["mo"], &c["d"])?;
        let Some(h) = c.name("h") else {
            return Some(date.format("%Y-%m-%d").to_string());
        };
        let time = NaiveTime::from_hms_opt(
            h.as_str().parse().ok()?,
            c["mi"].parse().ok()?,
            c.name("s").map_or(Some(0), |s| s.as_str().parse().ok())?,
        )?;
        let local = NaiveDateTime::new(date, time).format("%Y-%m-%dT%H:%M:%S");
        return Some(match c.name("z").map(|z| z.as_str()) {
            None => local.to_string(),
            Some(zone) => format!("{local}{}", offset(zone)?),
        });
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(value) {
        return plausible(dt.date_naive()).then(|| dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
    }
    if let Some(c) = TIMESTAMP.captures(value) {
        let secs: i64 = c[1].parse().ok()?;
        let dt = DateTime::from_timestamp(secs, 0)?;
        return plausible(dt.date_naive())
            .then(|| dt.format("%Y-%m-%dT%H:%M:%S+00:00").to_string());
    }
    if let Some(c) = COMPACT.captures(value) {
        let date = ymd(&c["y"], &c["mo"], &c["d"])?;
        if let Some(h) = c.name("h") {
            let time = NaiveTime::from_hms_opt(
                h.as_str().parse().ok()?,
                c["mi"].parse().ok()?,
                c.name("s").map_or(Some(0), |s| s.as_str().parse().ok())?,
            )?;
            return Some(
                NaiveDateTime::new(date, time)
                    .format("%Y-%m-%dT%H:%M:%S")
                    .to_string(),
            );
        }
        return Some(date.format("%Y-%m-%d").to_string());
    }
    if let Some(c) = SLASHED_YMD.captures(value) {
        return ymd(&c["y"], &c["mo"], &c["d"]).map(|d| d.format("%Y-%m-%d").to_string());
    }
    parse_written_date(value)
}

/// A date written for people ("Published January 31, 2025 at 2:15 pm", "31 Jan 2025",
/// "01/31/2025") as ISO 8601: the day, and the local time when one follows the date.
///
/// ```
/// use whosaid_read::html::dates::parse_written_date;
/// assert_eq!(parse_written_date("Updated: Jan. 5, 2024").as_deref(), Some("2024-01-05"));
/// assert_eq!(parse_written_date("5 March 2024, 14:30").as_deref(), Some("2024-03-05T14:30:00"));
/// ```
pub fn parse_written_date(text: &str) -> Option<String> {
    if text.len() > 300 {
        return None;
    }
    let (date, end) = if let Some(c) = MONTH_DAY_YEAR.captures(text) {
        (
            ymd(&c["y"], &month_number(&c["mo"])?.to_string(), &c["d"])?,
            c.get(0)?.end(),
        )
    } else if let Some(c) = DAY_MONTH_YEAR.captures(text) {
        (
            ymd(&c["y"], &month_number(&c["mo"])?.to_string(), &c["d"])?,
            c.get(0)?.end(),
        )
    } else if let Some(c) = NUMERIC_DMY_OR_MDY.captures(text) {
        let a: u32 = c["a"].parse().ok()?;
        let b: u32 = c["b"].parse().ok()?;
        // Day and month are told apart only when one of them cannot be a month.
        let (m, d) = match (a > 12, b > 12) {
            (true, false) => (b, a),
            (false, true) => (a, b),
            _ => return None,
        };
        (
            ymd(&c["y"], &m.to_string(), &d.to_string())?,
            c.get(0)?.end(),
        )
    } else {
        return None;
    };
    // A clock time right after the date ("at 2:15 pm", ", 14:30").
    let tail = &text[end..];
    let tail = &tail[..tail.len().min(24)];
    if let Some(c) = CLOCK.captures(tail) {
        let lead = &tail[..c.get(0)?.start()];
        if lead.chars().all(|ch| !ch.is_alphanumeric()) || lead.trim().eq_ignore_ascii_case("at") {
            let mut h: u32 = c["h"].parse().ok()?;
            if let Some(ampm) = c.name("ampm") {
                let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
                if h == 12 {
                    h = 0;
                }
                if pm {
                    h += 12;
                }
            }
            if let Some(time) = NaiveTime::from_hms_opt(
                h,
                c["mi"].parse().ok()?,
                c.name("s").map_or(Some(0), |s| s.as_str().parse().ok())?,
            ) {
                return Some(
                    NaiveDateTime::new(date, time)
                        .format("%Y-%m-%dT%H:%M:%S")
                        .to_string(),
                );
            }
        }
    }
    Some(date.format("%Y-%m-%d").to_string())
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    plausible(date).then_some(date)
}

fn plausible(date: NaiveDate) -> bool {
    use chrono::Datelike;
    (MIN_YEAR..=MAX_YEAR).contains(&date.year())
}

fn offset(zone: &str) -> Option<String> {
    match zone {
        "Z" | "UTC" | "GMT" => return Some("+00:00".into()),
        _ => {}
    }
    let sign = &zone[..1];
    let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        2 => (&digits[..2], "00"),
        4 => (&digits[..2], &digits[2..]),
        _ => return None,
    };
    let (hn, mn): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (hn <= 14 && mn < 60).then(|| format!("{sign}{h}:{m}"))
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    let idx = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| n.starts_with(m))?;
    Some(idx as u32 + 1)
}

/// The offset ("+01:00") of an ISO 8601 date-time this module wrote, if it has one.
pub fn offset_of(iso: &str) -> Option<&str> {
    (iso.len() == 25).then(|| &iso[19..])
}

/// The same instant written with `offset` ("-05:00").
pub fn with_offset(iso: &str, offset: &str) -> Option<String> {
    let dt = DateTime::parse_from_rfc3339(iso).ok()?;
    let zone: chrono::FixedOffset = format!("2000-01-01T00:00:00{offset}")
        .parse::<DateTime<chrono::FixedOffset>>()
        .ok()?
        .timezone();
    Some(
        dt.with_timezone(&zone)
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
    )
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$|-)").expect("valid regex")
});

/// The day in an address like "https://example.com/2025/12/18/story/" ("2025-12-18").
pub fn url_day(url: &str) -> Option<String> {
    let c = URL_DATE.captures(url)?;
    ymd(&c[1], &c[2], &c[3]).map(|d| d.format("%Y-%m-%d").to_string())
}
