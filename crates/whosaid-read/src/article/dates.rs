//! Publication dates as news sites print them, turned into ISO 8601.
//!
//! Sites print dates in many orders ("Jan 31, 2025, 2:15 PM", "Updated 3:04 PM EST, Fri
//! January 31, 2025", "Fri 31 Jan 2025 14.15 GMT", "2025-01-31T14:15:00Z"). The parser
//! finds a date, a time and a zone anywhere in the string, then checks that what is left
//! is only filler ("Published", "Updated", weekday names, "at", "on"), so that a sentence
//! that merely mentions a date is not taken for a timestamp.
//!
//! What comes out ([`Stamp::to_iso`]):
//! - a zone was given: `2025-01-31T14:15:00-05:00`. `Z`, `UTC` and `GMT` give `+00:00`.
//!   `EST`/`EDT` (and the other explicit US abbreviations) are taken as printed, even
//!   when a site prints "EST" in July. `ET`, `CT`, `MT`, `PT` follow the US rule for the
//!   date: daylight time from 2:00 on the second Sunday of March to 2:00 on the first
//!   Sunday of November (first Sunday of April to last Sunday of October before 2007).
//!   `IST` is India (+05:30) and `CST` is US Central: the common readings in English news.
//! - a time without a zone: local time without offset, `2025-01-31T14:15:00`.
//! - a date alone: `2025-01-31`.
//! - a time without a date, or a relative date ("2 hours ago", "yesterday"): no
//!   publication date ([`parse_published`] returns `None`).
//!
//! Numeric dates with slashes are read month first (US) unless the first number cannot be
//! a month ("31/01/2025"); dates with dots are read day first ("31.01.2025").
//!
//! Three entry points, for three kinds of string (all on the same parser, [`parse_stamp`]):
//! - [`parse_published`]: a line printed as a timestamp ("Updated 3:04 PM EST, Fri January
//!   31, 2025"); a sentence that mentions a date is not one. The scraped-text reader.
//! - [`parse_written_date`]: a date shown among other words ("By Jane Doe, Jan. 5, 2024 at
//!   2:30 pm"), as pages print them in date-marked elements.
//! - [`parse_machine_date`]: a value a machine wrote in a date field (an HTML `datetime` or
//!   `content` attribute, JSON-LD, a feed), which may also be a Unix timestamp or
//!   `20250131`.
//!
//! The last two serve the HTML reader, which trusts a date only when it is plausible as a
//! web article's (from [`MIN_PUBLISHED_YEAR`]) and when its day and month cannot be read
//! the other way round ("03/10/2023" is refused there, [`Stamp::order_guessed`]: pages
//! from everywhere use both orders, and a page gives its date in other places too).

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use regex::Regex;

/// Month names as an alternation; the month is the text of the group.
const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

// Machines write the month and day without leading zeros too ("2025-1-5").
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{1,2})-(\d{1,2})").expect("ISO date pattern"));
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{MONTH}\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b,?\s+(\d{{4}})\b"
    ))
    .expect("month-day-year pattern")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{MONTH}\b\.?,?\s+(\d{{4}})\b"
    ))
    .expect("day-month-year pattern")
});
static YEAR_SLASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b").expect("year-first slash pattern")
});
static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})([/.])(\d{1,2})[/.](\d{4}|\d{2})\b").expect("numeric date pattern")
});
/// A year glued to the time that follows it, as one agency's pages print it:
/// "January 31, 20252:15 PM EST".
static GLUED_YEAR_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:19|20)\d{2})(\d{1,2}:\d{2})").expect("glued year-time pattern")
});
static CLOCK_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\bT|\b)(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?(?:\s*([ap])\.?\s?m\b\.?)?",
    )
    .expect("clock time pattern")
});
static HOUR_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})\s*([ap])\.?\s?m\b\.?").expect("hour time pattern")
});
static ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*\(?\s*(?:(?P<z>Z)\b|(?i:utc|gmt)(?:\s*(?P<us>[+-])(?P<uh>\d{1,2})(?::?(?P<um>\d{2}))?)?|(?P<ns>[+-])(?P<nh>\d{2})(?::?(?P<nm>\d{2}))?\b|(?P<abbr>[A-Za-z]{2,5})\b)\)?",
    )
    .expect("zone pattern")
});
/// A Unix timestamp in seconds, or in milliseconds (the last three digits), from 2001 to
/// 2033: a bare number is a date only in a field a machine filled with one.
static UNIX_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(1\d{9})(\d{3})?$").expect("Unix time pattern"));
/// A compact machine date, with or without a time: "20250131", "20250131T141500".
static COMPACT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:19|20)\d{2})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$")
        .expect("compact date pattern")
});
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$|-)").expect("URL date pattern")
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:\d+|an?|one|two|three|few)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|months?|y|yrs?|years?)\s+ago\b|\b(?:just now|yesterday|today|moments? ago)\b",
    )
    .expect("relative date pattern")
});

/// Words a timestamp line may carry beside its date, time and zone.
const FILLER: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "first",
    "on",
    "at",
    "date",
    "time",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "the",
    "of",
];

/// A time zone as a site names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Zone {
    /// A fixed offset, in seconds east of UTC.
    Fixed(i32),
    /// A US zone named without saying standard or daylight time ("ET"): its standard
    /// offset, one hour more in daylight time.
    Us(i32),
}

const HOUR: i32 = 3600;

fn zone_of_abbreviation(abbr: &str) -> Option<Zone> {
    let fixed = |h: i32, m: i32| Some(Zone::Fixed(h * HOUR + m * 60));
    match abbr.to_ascii_uppercase().as_str() {
        "UTC" | "GMT" | "UT" | "WET" => fixed(0, 0),
        "EST" => fixed(-5, 0),
        "EDT" => fixed(-4, 0),
        "CST" => fixed(-6, 0),
        "CDT" => fixed(-5, 0),
        "MST" => fixed(-7, 0),
        "MDT" => fixed(-6, 0),
        "PST" => fixed(-8, 0),
        "PDT" => fixed(-7, 0),
        "AKST" => fixed(-9, 0),
        "AKDT" => fixed(-8, 0),
        "HST" => fixed(-10, 0),
        "ET" => Some(Zone::Us(-5 * HOUR)),
        "CT" => Some(Zone::Us(-6 * HOUR)),
        "MT" => Some(Zone::Us(-7 * HOUR)),
        "PT" => Some(Zone::Us(-8 * HOUR)),
        "BST" | "CET" | "WEST" => fixed(1, 0),
        "CEST" | "EET" => fixed(2, 0),
        "EEST" | "MSK" => fixed(3, 0),
        "IST" => Some(Zone::Fixed(5 * HOUR + 30 * 60)),
        "HKT" | "SGT" | "AWST" => fixed(8, 0),
        "JST" | "KST" => fixed(9, 0),
        "ACST" => Some(Zone::Fixed(9 * HOUR + 30 * 60)),
        "AEST" => fixed(10, 0),
        "AEDT" => fixed(11, 0),
        "NZST" => fixed(12, 0),
        "NZDT" => fixed(13, 0),
        _ => None,
    }
}

/// True when US daylight saving time is in effect at this local date and time.
fn us_daylight_time(date: NaiveDate, time: NaiveTime) -> bool {
    let year = date.year();
    let (start, end) = if year >= 2007 {
        (
            NaiveDate::from_weekday_of_month_opt(year, 3, Weekday::Sun, 2),
            NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Sun, 1),
        )
    } else {
        let last_october_sunday = (1..=5)
            .rev()
            .find_map(|n| NaiveDate::from_weekday_of_month_opt(year, 10, Weekday::Sun, n));
        (
            NaiveDate::from_weekday_of_month_opt(year, 4, Weekday::Sun, 1),
            last_october_sunday,
        )
    };
    let (Some(start), Some(end)) = (start, end) else {
        return false;
    };
    let two = NaiveTime::from_hms_opt(2, 0, 0).expect("2:00 is a time");
    let at = date.and_time(time);
    at >= start.and_time(two) && at < end.and_time(two)
}

/// What a timestamp string says: a date, a time, a zone, and how sure we are that the
/// string is a timestamp at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// The calendar date, when the string gives one.
    pub date: Option<NaiveDate>,
    /// The time of day, when the string gives one.
    pub time: Option<NaiveTime>,
    zone: Option<Zone>,
    /// The string says the date is an update ("Updated", "Last modified").
    pub updated: bool,
    /// The string says the date is the publication ("Published", "Posted").
    pub published: bool,
    /// The string gives a relative date ("2 hours ago", "yesterday").
    pub relative: bool,
    /// The date is written in numbers only and both of the first two could be the month
    /// ("03/10/2023"): it was read month first, the US order, which may be wrong.
    pub order_guessed: bool,
    /// Words that are neither date, time, zone nor timestamp filler: 0 for a clean
    /// timestamp, more when the string is a sentence that mentions a date.
    pub unexplained: usize,
}

impl Stamp {
    /// The zone's offset from UTC in seconds east, when a zone was given and can be
    /// resolved (a US zone named without "standard"/"daylight" needs the date and time).
    pub fn offset_seconds(&self) -> Option<i32> {
        match self.zone? {
            Zone::Fixed(seconds) => Some(seconds),
            Zone::Us(standard) => {
                let (date, time) = (self.date?, self.time?);
                Some(
                    standard
                        + if us_daylight_time(date, time) {
                            HOUR
                        } else {
                            0
                        },
                )
            }
        }
    }

    /// This stamp on `date`, for a time printed on its own ("10:03 AM GMT") whose date is
    /// known from elsewhere.
    pub fn on_date(mut self, date: NaiveDate) -> Stamp {
        self.date = Some(date);
        self
    }

    /// ISO 8601: `2025-01-31T14:15:00-05:00`, `2025-01-31T14:15:00` or `2025-01-31`;
    /// `None` without a date.
    pub fn to_iso(&self) -> Option<String> {
        let date = self.date?;
        let Some(time) = self.time else {
            return Some(date.format("%Y-%m-%d").to_string());
        };
        let mut out = date.and_time(time).format("%Y-%m-%dT%H:%M:%S").to_string();
        if let Some(offset) = self.offset_seconds() {
            let sign = if offset < 0 { '-' } else { '+' };
            let minutes = offset.abs() / 60;
            out.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
        }
        Some(out)
    }
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let month = match lower.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(month)
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1900..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

fn num<T: std::str::FromStr>(caps: &regex::Captures<'_>, i: usize) -> Option<T> {
    caps.get(i)?.as_str().parse().ok()
}

/// The first date in `s`, with the bytes it covers and whether its day and month could
/// be the other way round.
fn find_date(s: &str) -> Option<(NaiveDate, Range<usize>, bool)> {
    if let Some(c) = ISO_DATE.captures(s)
        && let Some(d) = ymd(num(&c, 1)?, num(&c, 2)?, num(&c, 3)?)
    {
        return Some((d, c.get(0)?.range(), false));
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(s)
        && let Some(d) = ymd(num(&c, 3)?, month_number(&c[1])?, num(&c, 2)?)
    {
        return Some((d, c.get(0)?.range(), false));
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(s)
        && let Some(d) = ymd(num(&c, 3)?, month_number(&c[2])?, num(&c, 1)?)
    {
        return Some((d, c.get(0)?.range(), false));
    }
    if let Some(c) = YEAR_SLASH.captures(s)
        && let Some(d) = ymd(num(&c, 1)?, num(&c, 2)?, num(&c, 3)?)
    {
        return Some((d, c.get(0)?.range(), false));
    }
    if let Some(c) = NUMERIC_DATE.captures(s) {
        let (a, b): (u32, u32) = (num(&c, 1)?, num(&c, 3)?);
        let year_text = &c[4];
        let mut year: i32 = year_text.parse().ok()?;
        if year_text.len() == 2 {
            year += if year < 70 { 2000 } else { 1900 };
        }
        let day_first = &c[2] == "." || a > 12;
        let (month, day) = if day_first { (b, a) } else { (a, b) };
        if let Some(d) = ymd(year, month, day) {
            let guessed = a <= 12 && b <= 12 && a != b;
            return Some((d, c.get(0)?.range(), guessed));
        }
    }
    None
}

/// The first time of day in `s`, with the bytes it covers.
fn find_time(s: &str) -> Option<(NaiveTime, Range<usize>)> {
    let to_24 = |hour: u32, meridiem: Option<&str>| -> Option<u32> {
        match meridiem.map(|m| m.to_ascii_lowercase()) {
            None => (hour < 24).then_some(hour),
            Some(m) if (1..=12).contains(&hour) => Some(match (m.as_str(), hour) {
                ("a", 12) => 0,
                ("a", h) => h,
                (_, 12) => 12,
                (_, h) => h + 12,
            }),
            Some(_) => None,
        }
    };
    for c in CLOCK_TIME.captures_iter(s) {
        let hour = to_24(num(&c, 1)?, c.get(4).map(|m| m.as_str()));
        let minute: u32 = num(&c, 2)?;
        let second: u32 = c.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?;
        if let Some(t) = hour.and_then(|h| NaiveTime::from_hms_opt(h, minute, second)) {
            return Some((t, c.get(0)?.range()));
        }
    }
    let c = HOUR_TIME.captures(s)?;
    let hour = to_24(num(&c, 1)?, Some(&c[2]))?;
    Some((NaiveTime::from_hms_opt(hour, 0, 0)?, c.get(0)?.range()))
}

/// The zone right at the start of `s` (after a time), with the bytes it covers.
fn find_zone(s: &str) -> Option<(Zone, usize)> {
    let c = ZONE.captures(s)?;
    let end = c.get(0)?.end();
    let hm = |sign: &str, h: i32, m: i32| {
        let seconds = h * HOUR + m * 60;
        Zone::Fixed(if sign == "-" { -seconds } else { seconds })
    };
    if c.name("z").is_some() {
        return Some((Zone::Fixed(0), end));
    }
    if let Some(sign) = c.name("us") {
        let h = c.name("uh")?.as_str().parse().ok()?;
        let m = c.name("um").map_or(Some(0), |m| m.as_str().parse().ok())?;
        return Some((hm(sign.as_str(), h, m), end));
    }
    if let Some(sign) = c.name("ns") {
        let h = c.name("nh")?.as_str().parse().ok()?;
        let m = c.name("nm").map_or(Some(0), |m| m.as_str().parse().ok())?;
        // "+99:99" is no zone: the digits are something else.
        if h > 14 || m >= 60 {
            return None;
        }
        return Some((hm(sign.as_str(), h, m), end));
    }
    if let Some(abbr) = c.name("abbr") {
        return zone_of_abbreviation(abbr.as_str()).map(|z| (z, end));
    }
    // "UTC" or "GMT" with no offset after it.
    Some((Zone::Fixed(0), end))
}

/// Blank out `range` of `masked` so later patterns and the filler check skip it.
fn mask(masked: &mut String, range: Range<usize>) {
    let spaces = " ".repeat(range.len());
    masked.replace_range(range, &spaces);
}

/// Read a timestamp string: its date, time and zone, wherever they stand in it.
///
/// `None` when the string holds neither a date, a time nor a relative date. Check
/// [`Stamp::unexplained`] before trusting a string that may be prose.
///
/// ```
/// use whosaid_read::article::dates::parse_stamp;
///
/// let stamp = parse_stamp("Updated 3:04 PM EST, Fri January 31, 2025").unwrap();
/// assert!(stamp.updated);
/// assert_eq!(stamp.to_iso().as_deref(), Some("2025-01-31T15:04:00-05:00"));
/// assert_eq!(parse_stamp("On Jan 31, 2025, Trump spoke").unwrap().unexplained, 2);
/// ```
pub fn parse_stamp(s: &str) -> Option<Stamp> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 || !s.bytes().any(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let glued = GLUED_YEAR_TIME.replace(s, "$1 $2");
    let mut masked = glued.into_owned();
    let mut stamp = Stamp {
        date: None,
        time: None,
        zone: None,
        updated: false,
        published: false,
        relative: false,
        order_guessed: false,
        unexplained: 0,
    };
    let relative: Vec<Range<usize>> = RELATIVE.find_iter(&masked).map(|m| m.range()).collect();
    for range in relative {
        stamp.relative = true;
        mask(&mut masked, range);
    }
    if let Some((date, range, guessed)) = find_date(&masked) {
        stamp.date = Some(date);
        stamp.order_guessed = guessed;
        mask(&mut masked, range);
    }
    if let Some((time, range)) = find_time(&masked) {
        stamp.time = Some(time);
        let mut end = range.end;
        if let Some((zone, len)) = find_zone(&masked[end..]) {
            stamp.zone = Some(zone);
            end += len;
        }
        mask(&mut masked, range.start..end);
    }
    if stamp.date.is_none() && stamp.time.is_none() && !stamp.relative {
        return None;
    }
    for word in masked.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let lower = word.to_lowercase();
        match lower.as_str() {
            "updated" | "modified" => stamp.updated = true,
            "published" | "posted" => stamp.published = true,
            w if FILLER.contains(&w) => {}
            _ => stamp.unexplained += 1,
        }
    }
    Some(stamp)
}

/// A publication date or date-time string, human or machine, as ISO 8601 (see the
/// module documentation for the forms and zones); `None` when the string is not a
/// timestamp, has no calendar date, or is relative ("2 hours ago").
///
/// ```
/// use whosaid_read::article::dates::parse_published;
///
/// assert_eq!(parse_published("Jan 31, 2025, 2:15 PM").as_deref(), Some("2025-01-31T14:15:00"));
/// assert_eq!(
///     parse_published("January 31, 2025 at 2:15 p.m. ET").as_deref(),
///     Some("2025-01-31T14:15:00-05:00")
/// );
/// assert_eq!(parse_published("31 January 2025").as_deref(), Some("2025-01-31"));
/// assert_eq!(parse_published("2 hours ago"), None);
/// ```
pub fn parse_published(s: &str) -> Option<String> {
    let stamp = parse_stamp(s)?;
    if stamp.unexplained > 0 {
        return None;
    }
    stamp.to_iso()
}

/// Earliest year taken as a web article's publication year by [`parse_written_date`] and
/// [`parse_machine_date`]: older "dates" in pages are placeholders (the Unix epoch,
/// 1900-01-01), ids or founding years.
pub const MIN_PUBLISHED_YEAR: i32 = 1995;

/// Latest year taken as a publication year: later ones are mistakes or event dates.
const MAX_PUBLISHED_YEAR: i32 = 2100;

fn plausible(date: NaiveDate) -> bool {
    (MIN_PUBLISHED_YEAR..=MAX_PUBLISHED_YEAR).contains(&date.year())
}

/// A date shown among other words ("Published Jan. 5, 2024", "By Jane Doe | 5 March
/// 2024, 14:30") as ISO 8601, with the time and zone when the text gives them; `None`
/// when there is no date, when its day and month could be read either way
/// ([`Stamp::order_guessed`]), or when it is older than [`MIN_PUBLISHED_YEAR`].
///
/// Unlike [`parse_published`], words around the date are allowed: pages print dates in
/// elements that hold a name, a label or a reading time too.
///
/// ```
/// use whosaid_read::article::dates::parse_written_date;
///
/// assert_eq!(parse_written_date("Updated: Jan. 5, 2024").as_deref(), Some("2024-01-05"));
/// assert_eq!(parse_written_date("5 March 2024, 14:30").as_deref(), Some("2024-03-05T14:30:00"));
/// assert_eq!(parse_written_date("03/10/2023"), None);
/// ```
pub fn parse_written_date(text: &str) -> Option<String> {
    let stamp = parse_stamp(text)?;
    if stamp.order_guessed || !plausible(stamp.date?) {
        return None;
    }
    stamp.to_iso()
}

/// A date a machine wrote in a date field (an HTML `datetime` or `content` attribute, a
/// JSON-LD value) as ISO 8601, or `None` when it is not a plausible publication date.
///
/// ISO 8601 and RFC 2822 keep their time and zone; a Unix timestamp is UTC; anything else
/// is read as [`parse_written_date`] reads it.
///
/// ```
/// use whosaid_read::article::dates::parse_machine_date;
///
/// assert_eq!(parse_machine_date("2025-01-31T14:15:00Z").as_deref(), Some("2025-01-31T14:15:00+00:00"));
/// assert_eq!(parse_machine_date("2025-01-31T14:15:00.000-0500").as_deref(), Some("2025-01-31T14:15:00-05:00"));
/// assert_eq!(parse_machine_date("2025-01-31 14:15").as_deref(), Some("2025-01-31T14:15:00"));
/// assert_eq!(parse_machine_date("1738332900").as_deref(), Some("2025-01-31T14:15:00+00:00"));
/// assert_eq!(parse_machine_date("1970-01-01"), None);
/// ```
pub fn parse_machine_date(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || value.len() > 80 {
        return None;
    }
    if let Some(c) = UNIX_TIME.captures(value) {
        let at = chrono::DateTime::from_timestamp(num(&c, 1)?, 0)?;
        return plausible(at.date_naive())
            .then(|| at.format("%Y-%m-%dT%H:%M:%S+00:00").to_string());
    }
    if let Some(c) = COMPACT_DATE.captures(value) {
        let date = ymd(num(&c, 1)?, num(&c, 2)?, num(&c, 3)?).filter(|d| plausible(*d))?;
        let Some(hour) = c.get(4) else {
            return Some(date.format("%Y-%m-%d").to_string());
        };
        let second = c.get(6).map_or(Some(0), |s| s.as_str().parse().ok())?;
        let time = NaiveTime::from_hms_opt(hour.as_str().parse().ok()?, num(&c, 5)?, second)?;
        return Some(date.and_time(time).format("%Y-%m-%dT%H:%M:%S").to_string());
    }
    parse_written_date(value)
}

/// The offset ("+01:00") of an ISO 8601 date-time this module wrote, if it has one.
///
/// ```
/// use whosaid_read::article::dates::offset_of;
///
/// assert_eq!(offset_of("2025-01-31T14:15:00+01:00"), Some("+01:00"));
/// assert_eq!(offset_of("2025-01-31T14:15:00"), None);
/// ```
pub fn offset_of(iso: &str) -> Option<&str> {
    (iso.len() == 25).then(|| &iso[19..])
}

/// The same instant as the ISO 8601 date-time `iso`, written with `offset` ("-05:00").
///
/// ```
/// use whosaid_read::article::dates::with_offset;
///
/// assert_eq!(
///     with_offset("2025-12-19T02:41:41+00:00", "-05:00").as_deref(),
///     Some("2025-12-18T21:41:41-05:00")
/// );
/// ```
pub fn with_offset(iso: &str, offset: &str) -> Option<String> {
    let at = chrono::DateTime::parse_from_rfc3339(iso).ok()?;
    let zone = format!("2000-01-01T00:00:00{offset}")
        .parse::<chrono::DateTime<chrono::FixedOffset>>()
        .ok()?
        .timezone();
    Some(
        at.with_timezone(&zone)
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
    )
}

/// The day in an address like `https://example.com/2025/12/18/story/` ("2025-12-18").
///
/// ```
/// use whosaid_read::article::dates::url_day;
///
/// assert_eq!(url_day("https://example.com/2025/12/18/story/").as_deref(), Some("2025-12-18"));
/// ```
pub fn url_day(url: &str) -> Option<String> {
    let c = URL_DATE.captures(url)?;
    let date = ymd(num(&c, 1)?, num(&c, 2)?, num(&c, 3)?).filter(|d| plausible(*d))?;
    Some(date.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eastern_time_follows_the_us_rule() {
        // 2025: daylight time from 9 March 02:00 to 2 November 02:00.
        let at = |s: &str| parse_published(s);
        assert_eq!(
            at("March 8, 2025 12:00 PM ET").unwrap(),
            "2025-03-08T12:00:00-05:00"
        );
        assert_eq!(
            at("March 9, 2025 3:00 AM ET").unwrap(),
            "2025-03-09T03:00:00-04:00"
        );
        assert_eq!(
            at("November 1, 2025 11:00 PM ET").unwrap(),
            "2025-11-01T23:00:00-04:00"
        );
        assert_eq!(
            at("November 2, 2025 2:30 AM ET").unwrap(),
            "2025-11-02T02:30:00-05:00"
        );
        // The rule before 2007: first Sunday of April to last Sunday of October.
        assert_eq!(
            at("April 1, 2006 12:00 PM ET").unwrap(),
            "2006-04-01T12:00:00-05:00"
        );
        assert_eq!(
            at("April 2, 2006 12:00 PM ET").unwrap(),
            "2006-04-02T12:00:00-04:00"
        );
        assert_eq!(
            at("October 29, 2006 12:00 PM PT").unwrap(),
            "2006-10-29T12:00:00-08:00"
        );
    }

    #[test]
    fn a_time_alone_has_no_date_until_one_is_given() {
        let stamp = parse_stamp("Published 10:03 AM GMT+1").unwrap();
        assert_eq!(stamp.to_iso(), None);
        let date = NaiveDate::from_ymd_opt(2025, 1, 31).unwrap();
        assert_eq!(
            stamp.on_date(date).to_iso().unwrap(),
            "2025-01-31T10:03:00+01:00"
        );
    }
}
