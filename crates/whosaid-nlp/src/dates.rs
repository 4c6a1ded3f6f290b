//! Dates in the text, made absolute from the publication date where one is known.
//!
//! [`find_dates`] walks the tokens of every prepared block once, left to right; at each
//! token it tries the shapes news uses, longest first, and a match consumes its tokens.
//! Every word is looked up once in a table built from the calendar names below and the
//! word lists of `data/dates.txt`; nothing is allocated but the mentions returned.
//!
//! # The rules
//!
//! - **Spans** are the expression a reader would highlight: the preposition "on" (before a
//!   day) or "in" (before a month or a year) is included, and so are the words that make
//!   the value ("last", "next", "this", "earlier this", "later this", "early", "late").
//!   A possessive "’s" is left out ("Friday’s meeting" → "Friday"). A year that modifies
//!   a noun is the year alone ("the 2016 election" → "2016").
//! - **Weekdays** ("Friday", "on Friday", "Tuesday night") lie within a week of
//!   publication, and the sentence decides on which side. The tense marker nearest to the
//!   weekday wins, looked for first in its clause (up to commas, dashes, brackets
//!   and words like "that" or "and") and then in the whole sentence. Future markers are
//!   "will", "’ll", "shall", "won’t", "next", "upcoming", "tomorrow"; "expected",
//!   "plans", "scheduled", "set", "going" and their kin before "to"; "scheduled",
//!   "set", "slated", "due" before "for"; and, in a headline, "to" between two words
//!   ("Trump to meet Putin Friday"). Past markers are past-tense verbs (a list of
//!   irregular ones and words in "-ed", but not a passive participle after "be": in "will
//!   be announced" the "will" tells), "ago", "last" and "yesterday". "since Friday" is
//!   past, "toward Friday" and "ahead of Friday" future, and so is "by Friday" when nothing
//!   marks a tense ("power back by Friday"). Future → the next such day on or after the
//!   publication day; past or no marker → the most recent one on or before it (news
//!   reports what happened). "last Friday" is 1–7 days before, "next Friday" 1–7 days
//!   after; "this Friday" follows the tense like a bare weekday.
//! - **A month and day without a year** takes the year (the publication year or one of
//!   the two around it) that puts it nearest the publication date, so "Dec. 30" in an
//!   article of Jan. 2 is the previous year.
//! - **A month alone** ("in June") follows the tense, but only a marker in its own clause
//!   counts (a wrong guess costs a year): past → the most recent such month up to the
//!   publication month, future → the next one from it, no marker → the nearest (the
//!   earlier on a tie). "last June" is the most recent June before the publication
//!   month, "next June" the first after it, "this June" the one of the publication year,
//!   "June of last year" the one of the year before.
//! - **Relative words** count from the publication day: "today", "tonight", "this
//!   morning" are that day; "yesterday", "last night" the day before; "this/last/next
//!   week" a week given by its Monday; "this/last/next month" and "… year" likewise;
//!   "two days ago" (Day), "three weeks ago" (Week), "six months ago" (Month), "a year
//!   ago" (Year). "this weekend" is not resolved: a weekend is no week.
//! - **Years** are four digits between 1900 and 2100 in a year-like context: after "in",
//!   "since", "by", "from", "early" and their kin; after "the", "his", "a" or a
//!   possessive and before a word ("Trump’s 2016 campaign"); before a word like
//!   "election" or "campaign"; in parentheses; or after "to"/"and" right after another
//!   date ("from 2019 to 2022"). Never after "$", "No.", "Room" and the like, nor before
//!   "people", "troops", "percent" and other counted nouns. Decades ("the 1990s") are
//!   not dates here: a Year value would claim one year.
//! - **Without a publication date**, whatever the text states keeps its value ("Jan. 31,
//!   2025", "January 2024", "in 2022"); whatever needs the publication date ("Jan. 31",
//!   "on Friday", "last week", "in June") gets `value: None`.
//! - **Not dates**: "May" and "March" need a day, a year or a context word ("in May"), so
//!   "Theresa May", "may be" and "the March on Washington" are left alone, and so are
//!   other months that are first names ("April Ryan"). A weekday inside a name is skipped
//!   ("Good Friday Agreement", "Black Friday", "The Sunday Times", "Saturday Night
//!   Live"), and so are "every Friday", "that November" (a day of the story, not counted
//!   from publication) and "the last week of the campaign".

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use whosaid_core::Span;

use crate::prepare::{Block, Prepared};
use crate::token::TokenKind;

/// Month names and abbreviations: number, and whether it is an abbreviation (which needs
/// a day or a year after it to count).
const MONTHS: &[(&str, u32, bool)] = &[
    ("january", 1, false),
    ("february", 2, false),
    ("march", 3, false),
    ("april", 4, false),
    ("may", 5, false),
    ("june", 6, false),
    ("july", 7, false),
    ("august", 8, false),
    ("september", 9, false),
    ("october", 10, false),
    ("november", 11, false),
    ("december", 12, false),
    ("jan", 1, true),
    ("feb", 2, true),
    ("mar", 3, true),
    ("apr", 4, true),
    ("jun", 6, true),
    ("jul", 7, true),
    ("aug", 8, true),
    ("sep", 9, true),
    ("sept", 9, true),
    ("oct", 10, true),
    ("nov", 11, true),
    ("dec", 12, true),
];

/// True when a phrase contains a full month or weekday name ("in July", "Monday"): a
/// time, not someone (the speakers' relative clauses ask).
pub fn names_a_month_or_day(phrase: &str) -> bool {
    phrase
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .any(|w| {
            MONTHS.iter().any(|&(m, _, abbr)| !abbr && m == w)
                || WEEKDAYS.iter().any(|&(d, _, abbr)| !abbr && d == w)
        })
}

/// Months that are also a common word or a first name: alone, they need a context word.
const AMBIGUOUS_MONTHS: &[u32] = &[3, 4, 5, 6, 8];

/// Weekday names; the abbreviations count only before a month and day ("Fri., Jan. 31").
const WEEKDAYS: &[(&str, Weekday, bool)] = &[
    ("monday", Weekday::Mon, false),
    ("tuesday", Weekday::Tue, false),
    ("wednesday", Weekday::Wed, false),
    ("thursday", Weekday::Thu, false),
    ("friday", Weekday::Fri, false),
    ("saturday", Weekday::Sat, false),
    ("sunday", Weekday::Sun, false),
    ("mon", Weekday::Mon, true),
    ("tue", Weekday::Tue, true),
    ("tues", Weekday::Tue, true),
    ("wed", Weekday::Wed, true),
    ("thu", Weekday::Thu, true),
    ("thur", Weekday::Thu, true),
    ("thurs", Weekday::Thu, true),
    ("fri", Weekday::Fri, true),
    ("sat", Weekday::Sat, true),
    ("sun", Weekday::Sun, true),
];

/// Words naming a day by its distance from the publication day.
const DAY_WORDS: &[(&str, i64)] = &[
    ("today", 0),
    ("tonight", 0),
    ("yesterday", -1),
    ("tomorrow", 1),
];

/// Parts of a day that may follow a day word ("Tuesday night", "yesterday morning").
const DAY_PARTS: &[&str] = &["morning", "afternoon", "evening", "night"];

/// Calendar units for "last week", "two days ago".
const UNITS: &[(&str, Unit)] = &[
    ("day", Unit::Day),
    ("days", Unit::Day),
    ("week", Unit::Week),
    ("weeks", Unit::Week),
    ("month", Unit::Month),
    ("months", Unit::Month),
    ("year", Unit::Year),
    ("years", Unit::Year),
];

/// Counts spelled out before "days ago".
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
];

/// The word lists of `data/dates.txt`, one bit each; the file's sections say what each
/// list is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum List {
    TimeLead,
    PersonLead,
    OfLead,
    RangeLink,
    YearNoun,
    YearAfter,
    NotYearBefore,
    CountNoun,
    Determiner,
    YearDeterminer,
    Ordinal,
    NamedDayBefore,
    NamedDayAfter,
    PastLead,
    FutureLead,
    Future,
    FutureBeforeTo,
    FutureBeforeFor,
    Past,
    NotPastEd,
    Clause,
}

const SECTIONS: &[(&str, List)] = &[
    ("time_lead", List::TimeLead),
    ("person_lead", List::PersonLead),
    ("of_lead", List::OfLead),
    ("range_link", List::RangeLink),
    ("year_noun", List::YearNoun),
    ("year_after", List::YearAfter),
    ("not_year_before", List::NotYearBefore),
    ("count_noun", List::CountNoun),
    ("determiner", List::Determiner),
    ("year_determiner", List::YearDeterminer),
    ("ordinal", List::Ordinal),
    ("named_day_before", List::NamedDayBefore),
    ("named_day_after", List::NamedDayAfter),
    ("past_lead", List::PastLead),
    ("future_lead", List::FutureLead),
    ("future", List::Future),
    ("future_before_to", List::FutureBeforeTo),
    ("future_before_for", List::FutureBeforeFor),
    ("past", List::Past),
    ("not_past_ed", List::NotPastEd),
    ("clause", List::Clause),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shift {
    This,
    Last,
    Next,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unmarked,
}

/// What a word can start.
#[derive(Clone, Copy, Debug)]
enum Lex {
    Month {
        month: u32,
        abbr: bool,
    },
    Weekday {
        day: Weekday,
        abbr: bool,
    },
    DayWord(i64),
    Shift(Shift),
    /// "earlier" / "later", before "this week" or "today".
    Edge,
    /// "early" / "late", before a month or a year.
    Modifier,
    Count(u32),
}

/// Everything known about a word: what it can start, and the lists it is in.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    lex: Option<Lex>,
    lists: u32,
}

/// The multiply-rotate hash rustc uses. The table holds a few hundred fixed words, so
/// there is no flooding to defend against, and SipHash cost more than the rest of the
/// scan.
#[derive(Clone, Copy, Debug, Default)]
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Words = HashMap<&'static str, Entry, BuildHasherDefault<FxHasher>>;

/// One table for every word, so the scan does a single lookup per token.
static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut map = Words::default();
    let mut put = |w: &'static str, lex: Lex| map.entry(w).or_default().lex = Some(lex);
    for &(w, month, abbr) in MONTHS {
        put(w, Lex::Month { month, abbr });
    }
    for &(w, day, abbr) in WEEKDAYS {
        put(w, Lex::Weekday { day, abbr });
    }
    for &(w, offset) in DAY_WORDS {
        put(w, Lex::DayWord(offset));
    }
    for &(w, n) in NUMBER_WORDS {
        put(w, Lex::Count(n));
    }
    put("this", Lex::Shift(Shift::This));
    put("last", Lex::Shift(Shift::Last));
    put("next", Lex::Shift(Shift::Next));
    put("earlier", Lex::Edge);
    put("later", Lex::Edge);
    put("early", Lex::Modifier);
    put("late", Lex::Modifier);
    let mut list = None;
    for line in include_str!("../data/dates.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            list = SECTIONS.iter().find(|(n, _)| *n == name).map(|&(_, l)| l);
            assert!(list.is_some(), "data/dates.txt: unknown section [{name}]");
            continue;
        }
        if let Some(l) = list {
            map.entry(line).or_default().lists |= 1 << l as u32;
        }
    }
    map
});

/// For each first byte, the lengths (bit `n` for `n` bytes) of the words that start
/// something: most tokens are turned away by this without hashing.
static STARTS: LazyLock<[u16; 256]> = LazyLock::new(|| {
    let mut starts = [0u16; 256];
    for (w, e) in WORDS.iter() {
        if e.lex.is_some() && w.len() < 16 {
            starts[usize::from(w.as_bytes()[0])] |= 1 << w.len();
        }
    }
    starts
});

fn entry(word: &str) -> Entry {
    WORDS.get(word).copied().unwrap_or_default()
}

fn is(word: &str, list: List) -> bool {
    entry(word).lists & (1 << list as u32) != 0
}

fn unit(word: &str) -> Option<Unit> {
    UNITS.iter().find(|(w, _)| *w == word).map(|&(_, u)| u)
}

/// A date expression and the date it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// The expression ("on Friday", "Jan. 31", "last week", "in 2022").
    pub span: Span,
    /// The date it resolves to, ISO 8601 at the precision the text gives: "2025-01-31",
    /// "2025-01", "2022", or a week as its Monday "2025-01-20" with `precision` Week;
    /// `None` when relative and no publication date is known.
    pub value: Option<String>,
    /// Day, week, month or year.
    pub precision: Precision,
}

/// How precise a date expression is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precision {
    /// A day.
    Day,
    /// A week (the value is its Monday).
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
}

/// Every date expression of a prepared document, in text order; `published` is the
/// article's ISO 8601 publication date or date-time, when known (only its date part is
/// used; one that cannot be read counts as unknown).
///
/// ```
/// use whosaid_core::Span;
/// use whosaid_nlp::dates::{Precision, find_dates};
/// use whosaid_nlp::prepare::prepare;
///
/// let text = "President Donald Trump on Friday said talks will resume next week.";
/// let prepared = prepare(text, None, &[Span::new(0, text.len())]);
/// let dates = find_dates(text, &prepared, Some("2025-01-31T14:15:00"));
/// assert_eq!(dates[0].span.slice(text), "on Friday");
/// assert_eq!(dates[0].value.as_deref(), Some("2025-01-31"));
/// assert_eq!(dates[1].span.slice(text), "next week");
/// assert_eq!(dates[1].value.as_deref(), Some("2025-02-03"));
/// assert_eq!(dates[1].precision, Precision::Week);
/// ```
pub fn find_dates(text: &str, prepared: &Prepared, published: Option<&str>) -> Vec<DateMention> {
    let anchor = published
        .and_then(|p| p.get(..10))
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let mut out = Vec::new();
    for block in &prepared.blocks {
        let mut scan = Scan {
            text,
            block,
            anchor,
            last: None,
        };
        let mut i = 0;
        while i < block.len() {
            match scan.at(i) {
                Some(hit) => {
                    out.push(scan.mention(&hit));
                    scan.last = Some(hit);
                    i = hit.end;
                }
                None => i += 1,
            }
        }
    }
    out
}

/// A match: tokens `first..end`, and what they mean.
#[derive(Clone, Copy, Debug)]
struct Hit {
    first: usize,
    end: usize,
    precision: Precision,
    /// The day, the week's Monday, the month's first day or the year's Jan. 1.
    value: Option<NaiveDate>,
}

impl Hit {
    fn new(first: usize, end: usize, precision: Precision, value: Option<NaiveDate>) -> Hit {
        Hit {
            first,
            end,
            precision,
            value,
        }
    }

    fn from(self, first: usize) -> Hit {
        Hit { first, ..self }
    }
}

/// One block being scanned.
struct Scan<'a> {
    text: &'a str,
    block: &'a Block,
    anchor: Option<NaiveDate>,
    /// The previous hit in this block, for ranges ("from January to March").
    last: Option<Hit>,
}

impl Scan<'_> {
    /// The lower-cased token at `i` without a possessive "’s"; "" outside the block.
    fn key(&self, i: usize) -> &str {
        if i >= self.block.len() {
            return "";
        }
        let w = self.block.lower(i);
        w.strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .filter(|s| !s.is_empty())
            .unwrap_or(w)
    }

    fn key_before(&self, i: usize) -> &str {
        if i == 0 { "" } else { self.key(i - 1) }
    }

    /// True when the token at `i` is in `list`.
    fn is(&self, i: usize, list: List) -> bool {
        is(self.key(i), list)
    }

    /// True when the token before `i` is in `list`.
    fn after(&self, i: usize, list: List) -> bool {
        i > 0 && self.is(i - 1, list)
    }

    fn is_possessive(&self, i: usize) -> bool {
        i < self.block.len() && self.key(i).len() != self.block.lower(i).len()
    }

    fn is_word(&self, i: usize) -> bool {
        i < self.block.len() && self.block.tokens[i].kind == TokenKind::Word
    }

    fn is_capitalized(&self, i: usize) -> bool {
        i < self.block.len()
            && self.block.tokens[i]
                .text(self.text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        i < self.block.len()
            && self.block.tokens[i].kind == TokenKind::Punct
            && self.block.lower(i) == p
    }

    fn starts_sentence(&self, i: usize) -> bool {
        let s = self.block.sentence_of[i] as usize;
        let mut k = self.block.sentences[s].start;
        // Opening quotation marks and brackets do not count as the first word.
        while k < i && !self.block.tokens[k].is_wordlike() {
            k += 1;
        }
        k == i
    }

    fn lex(&self, i: usize) -> Option<Lex> {
        if !self.is_word(i) {
            return None;
        }
        let key = self.key(i);
        let starts = STARTS[usize::from(key.as_bytes()[0])];
        if key.len() >= 16 || starts & (1 << key.len()) == 0 {
            return None;
        }
        entry(key).lex
    }

    /// A day of the month: "31", "31st".
    fn day_number(&self, i: usize) -> Option<u32> {
        if i >= self.block.len() {
            return None;
        }
        let w = self.block.lower(i);
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if !matches!(&w[digits.len()..], "" | "st" | "nd" | "rd" | "th")
            || digits.is_empty()
            || digits.len() > 2
            || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let d: u32 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    }

    /// A plausible year: four digits, 1900–2100.
    fn year_number(&self, i: usize) -> Option<i32> {
        if i >= self.block.len() || self.block.tokens[i].kind != TokenKind::Number {
            return None;
        }
        year_of(self.block.lower(i))
    }

    /// True when the word before `i` links it to the hit that ended just before it.
    fn continues_range(&self, i: usize) -> bool {
        i >= 1 && self.last.is_some_and(|h| h.end == i - 1) && self.is(i - 1, List::RangeLink)
    }

    /// The match starting at token `i`, if any.
    fn at(&self, i: usize) -> Option<Hit> {
        let hit = match self.lex(i) {
            Some(Lex::Month { month, abbr }) => self.month_first(i, month, abbr, None),
            Some(Lex::Weekday { day, abbr }) => self.weekday(i, day, abbr, None),
            Some(Lex::DayWord(offset)) => self.day_word(i, offset),
            Some(Lex::Shift(shift)) => self.shifted(i, shift),
            Some(Lex::Edge) => match self.lex(i + 1) {
                Some(Lex::Shift(Shift::This)) => self.shifted(i + 1, Shift::This),
                Some(Lex::DayWord(0)) => self.day_word(i + 1, 0),
                _ => None,
            }
            .map(|h| h.from(i)),
            Some(Lex::Modifier) => self.modified(i),
            Some(Lex::Count(n)) => self.ago(i, n),
            _ => match self.block.tokens[i].kind {
                TokenKind::Number => self.number(i),
                TokenKind::Word => self.hyphenated(i),
                _ => None,
            },
        }?;
        // "on Friday", "in January", "in 2022": the preposition belongs to the expression.
        let lead = self.key_before(hit.first);
        let takes = match hit.precision {
            Precision::Day => lead == "on",
            Precision::Month | Precision::Year => lead == "in",
            Precision::Week => false,
        };
        Some(if takes && self.last.is_none_or(|h| h.end != hit.first) {
            hit.from(hit.first - 1)
        } else {
            hit
        })
    }

    /// "Jan. 31", "January 31, 2025", "January 2024", "in January", starting at the
    /// month `i`; `shift` when "last", "next" or "this" came before it.
    fn month_first(&self, i: usize, month: u32, abbr: bool, shift: Option<Shift>) -> Option<Hit> {
        if !self.is_capitalized(i) {
            return None;
        }
        let mut j = i + 1;
        if abbr && self.is_punct(j, ".") {
            j += 1;
        }
        if shift.is_none() {
            if let Some(day) = self.day_number(j) {
                return self.month_day(i, j + 1, month, day);
            }
            if let Some(year) = self.year_number(j) {
                return Some(Hit::new(i, j + 1, Precision::Month, ymd(year, month, 1)));
            }
            if self.key(j) == "of" {
                if let Some(year) = self.year_number(j + 1) {
                    return Some(Hit::new(i, j + 2, Precision::Month, ymd(year, month, 1)));
                }
                // "February of last year".
                if let Some(Lex::Shift(s)) = self.lex(j + 1)
                    && self.key(j + 2) == "year"
                {
                    let value = self
                        .anchor
                        .and_then(|a| ymd(a.year() + step(s) as i32, month, 1));
                    return Some(Hit::new(i, j + 3, Precision::Month, value));
                }
            }
        }
        if abbr || shift.is_none() && !self.bare_month_is_date(i, month) {
            return None;
        }
        // The end of a range follows its start: "from November to March" spans a new year.
        if shift.is_none()
            && self.continues_range(i)
            && let Some(Hit {
                precision: Precision::Month,
                value: Some(start),
                ..
            }) = self.last
        {
            let year = start.year() + i32::from(month < start.month());
            return Some(Hit::new(i, i + 1, Precision::Month, ymd(year, month, 1)));
        }
        let value = self.anchor.and_then(|a| {
            let (m, am) = (month, a.month());
            let year = match shift {
                Some(Shift::This) => a.year(),
                Some(Shift::Last) => a.year() - i32::from(m >= am),
                Some(Shift::Next) => a.year() + i32::from(m <= am),
                None => match self.tense(i, i + 1, false) {
                    Tense::Past => a.year() - i32::from(m > am),
                    Tense::Future => a.year() + i32::from(m < am),
                    // The nearest, the earlier on a tie (six months either way).
                    Tense::Unmarked if (m + 12 - am) % 12 < 6 => a.year() + i32::from(m < am),
                    Tense::Unmarked => a.year() - i32::from(m > am),
                },
            };
            ymd(year, month, 1)
        });
        Some(Hit::new(i, i + 1, Precision::Month, value))
    }

    /// A month name with nothing after it is a date only in a date-like context.
    fn bare_month_is_date(&self, i: usize, month: u32) -> bool {
        let ambiguous = AMBIGUOUS_MONTHS.contains(&month);
        let led = self.after(i, List::TimeLead) && !(month == 5 && self.after(i, List::PersonLead))
            || self.after(i, List::PastLead)
            || self.after(i, List::FutureLead)
            || self.key_before(i) == "of" && i >= 2 && self.is(i - 2, List::OfLead)
            || self.continues_range(i);
        if led {
            return true;
        }
        if ambiguous {
            // "Theresa May", "April Ryan", "the March for Life": only a possessive of the
            // less ambiguous ones ("June’s jobs report") passes.
            return self.is_possessive(i) && month != 5 && month != 3;
        }
        // "the November election" is a date; "every November" or "that November" is
        // not one counted from publication, "November Smith" a name.
        let before_name = self.is_word(i + 1) && self.is_capitalized(i + 1);
        !(self.after(i, List::Ordinal) || before_name)
    }

    /// The day `day` of `month` (tokens from `i`), with the year that may follow at `j`.
    fn month_day(&self, i: usize, j: usize, month: u32, day: u32) -> Option<Hit> {
        // Feb. 29 exists in a leap year; Feb. 30 never.
        ymd(2000, month, day)?;
        let k = if self.is_punct(j, ",") { j + 1 } else { j };
        if let Some(year) = self.year_number(k) {
            return ymd(year, month, day).map(|d| Hit::new(i, k + 1, Precision::Day, Some(d)));
        }
        let value = self.anchor.and_then(|a| {
            (a.year() - 1..=a.year() + 1)
                .filter_map(|y| ymd(y, month, day))
                .min_by_key(|d| (*d - a).num_days().abs())
        });
        Some(Hit::new(i, j, Precision::Day, value))
    }

    /// "Friday", "Tuesday night", "Friday, Jan. 31, 2025", starting at the weekday `i`;
    /// `shift` when "last", "next" or "this" came before it.
    fn weekday(&self, i: usize, day: Weekday, abbr: bool, shift: Option<Shift>) -> Option<Hit> {
        if !self.is_capitalized(i) {
            return None;
        }
        let mut j = i + 1;
        if abbr {
            if !self.is_punct(j, ".") {
                return None;
            }
            j += 1;
        }
        if shift.is_none() {
            // An absolute date with its weekday: the date decides.
            let k = if self.is_punct(j, ",") { j + 1 } else { j };
            if let Some(Lex::Month { month, abbr }) = self.lex(k)
                && let Some(h) = self.month_first(k, month, abbr, None)
                && h.precision == Precision::Day
            {
                return Some(h.from(i));
            }
            if abbr
                || self.after(i, List::Determiner)
                || self.after(i, List::Ordinal)
                || i > 0 && self.is_capitalized(i - 1) && self.after(i, List::NamedDayBefore)
            {
                return None;
            }
        }
        // "Saturday Night Live" is a name; in a title-case headline "Friday Night" a time.
        let next = self.key(j);
        if self.is_capitalized(j)
            && is(next, List::NamedDayAfter)
            && !(self.block.is_headline && DAY_PARTS.contains(&next))
        {
            return None;
        }
        let end = if !self.is_possessive(i) && DAY_PARTS.contains(&next) {
            j + 1
        } else {
            j
        };
        let value = self.anchor.map(|a| {
            let back = i64::from(
                (7 + a.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7,
            );
            let ahead = (7 - back) % 7;
            match shift {
                Some(Shift::Last) => add_days(a, -(if back == 0 { 7 } else { back })),
                Some(Shift::Next) => add_days(a, if ahead == 0 { 7 } else { ahead }),
                Some(Shift::This) | None => match self.tense(i, end, true) {
                    Tense::Future => add_days(a, ahead),
                    Tense::Past | Tense::Unmarked => add_days(a, -back),
                },
            }
        });
        Some(Hit::new(i, end, Precision::Day, value))
    }

    /// "today", "yesterday morning", "tonight".
    fn day_word(&self, i: usize, offset: i64) -> Option<Hit> {
        // "USA Today", "the Today show", "The Tonight Show": capitalized inside a sentence.
        if self.is_capitalized(i) && !self.block.is_headline && !self.starts_sentence(i) {
            return None;
        }
        // "a tomorrow where", "the leaders of tomorrow": no day.
        let before = self.key_before(i);
        if before == "usa"
            || before == "of"
            || self.after(i, List::Determiner)
            || matches!(self.key(i + 1), "show" | "program")
        {
            return None;
        }
        let end = if self.key(i) != "tonight"
            && !self.is_possessive(i)
            && DAY_PARTS.contains(&self.key(i + 1))
        {
            i + 2
        } else {
            i + 1
        };
        let value = self.anchor.map(|a| add_days(a, offset));
        Some(Hit::new(i, end, Precision::Day, value))
    }

    /// "last Friday", "next week", "this year", "last night", "last January".
    fn shifted(&self, i: usize, shift: Shift) -> Option<Hit> {
        // "the last week of the campaign", "his next year", "at last".
        if self.after(i, List::Determiner)
            || self.key_before(i) == "at"
            || i > 0 && self.is_possessive(i - 1)
        {
            return None;
        }
        let j = i + 1;
        match self.lex(j) {
            Some(Lex::Weekday { day, abbr: false }) => {
                return self.weekday(j, day, false, Some(shift)).map(|h| h.from(i));
            }
            Some(Lex::Month { month, abbr: false }) => {
                return self
                    .month_first(j, month, false, Some(shift))
                    .map(|h| h.from(i));
            }
            _ => {}
        }
        let next = self.key(j);
        let n = step(shift);
        if let Some(u) = unit(next)
            && !next.ends_with('s')
        {
            let (precision, value) = match u {
                Unit::Day => return None,
                Unit::Week => (
                    Precision::Week,
                    self.anchor.map(|a| add_days(monday(a), 7 * n)),
                ),
                Unit::Month => (
                    Precision::Month,
                    self.anchor.and_then(|a| add_months(first_of_month(a), n)),
                ),
                Unit::Year => (
                    Precision::Year,
                    self.anchor.and_then(|a| ymd(a.year() + n as i32, 1, 1)),
                ),
            };
            return Some(Hit::new(i, j + 1, precision, value));
        }
        let offset = match (shift, next) {
            (Shift::Last, "night" | "evening") => -1,
            (Shift::This, "morning" | "afternoon" | "evening") => 0,
            _ => return None,
        };
        let value = self.anchor.map(|a| add_days(a, offset));
        Some(Hit::new(i, j + 1, Precision::Day, value))
    }

    /// "early January", "late 2022".
    fn modified(&self, i: usize) -> Option<Hit> {
        let j = i + 1;
        let hit = match self.lex(j) {
            Some(Lex::Month { month, abbr: false }) => self.month_first(j, month, false, None)?,
            _ => {
                let year = self.year_number(j)?;
                if self.is(j + 1, List::CountNoun) {
                    return None;
                }
                Hit::new(j, j + 1, Precision::Year, ymd(year, 1, 1))
            }
        };
        matches!(hit.precision, Precision::Month | Precision::Year).then_some(hit.from(i))
    }

    /// "mid-January", "late-2007": one token.
    fn hyphenated(&self, i: usize) -> Option<Hit> {
        let w = self.block.lower(i);
        if !matches!(w.as_bytes()[0], b'm' | b'e' | b'l') {
            return None;
        }
        let rest = ["mid-", "early-", "late-"]
            .iter()
            .find_map(|p| w.strip_prefix(p))?;
        if let Some(Lex::Month { month, abbr: false }) = entry(rest).lex {
            let value = self.anchor.and_then(|a| {
                let year = match self.tense(i, i + 1, false) {
                    Tense::Future => a.year() + i32::from(month < a.month()),
                    Tense::Past | Tense::Unmarked => a.year() - i32::from(month > a.month()),
                };
                ymd(year, month, 1)
            });
            return Some(Hit::new(i, i + 1, Precision::Month, value));
        }
        let year = year_of(rest)?;
        Some(Hit::new(i, i + 1, Precision::Year, ymd(year, 1, 1)))
    }

    /// "two days ago", "a year ago".
    fn ago(&self, i: usize, n: u32) -> Option<Hit> {
        let u = unit(self.key(i + 1))?;
        if self.key(i + 2) != "ago" {
            return None;
        }
        let n = i64::from(n);
        let value = self.anchor.and_then(|a| match u {
            Unit::Day => Some(add_days(a, -n)),
            Unit::Week => Some(monday(add_days(a, -7 * n))),
            Unit::Month => add_months(first_of_month(a), -n),
            Unit::Year => ymd(a.year() - i32::try_from(n).ok()?, 1, 1),
        });
        let precision = match u {
            Unit::Day => Precision::Day,
            Unit::Week => Precision::Week,
            Unit::Month => Precision::Month,
            Unit::Year => Precision::Year,
        };
        Some(Hit::new(i, i + 3, precision, value))
    }

    /// A number: "2025-01-31", "31 January 2025", "3 days ago", "in 2022".
    fn number(&self, i: usize) -> Option<Hit> {
        let w = self.block.lower(i);
        let b = w.as_bytes();
        if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
            let date = NaiveDate::parse_from_str(w, "%Y-%m-%d").ok()?;
            return Some(Hit::new(i, i + 1, Precision::Day, Some(date)));
        }
        if let Some(Lex::Month { month, abbr }) = self.lex(i + 1)
            && let Some(day) = self.day_number(i)
            && self.is_capitalized(i + 1)
        {
            let j = if abbr && self.is_punct(i + 2, ".") {
                i + 3
            } else {
                i + 2
            };
            return self.month_day(i, j, month, day);
        }
        if w.len() <= 3
            && unit(self.key(i + 1)).is_some()
            && self.key(i + 2) == "ago"
            && let Ok(n) = w.parse::<u32>()
        {
            return self.ago(i, n);
        }
        let year = self.year_number(i)?;
        self.is_year_context(i)
            .then(|| Hit::new(i, i + 1, Precision::Year, ymd(year, 1, 1)))
    }

    fn is_year_context(&self, i: usize) -> bool {
        let (before, after) = (self.key_before(i), self.key(i + 1));
        if is(before, List::NotYearBefore) || is(after, List::CountNoun) {
            return false;
        }
        if is(before, List::TimeLead)
            || is(before, List::YearAfter)
            || is(after, List::YearNoun)
            || before == "of" && i >= 2 && self.is(i - 2, List::OfLead)
            || before == "(" && after == ")"
            // "the favourite for 2016.", "for 2016 and beyond".
            || before == "for" && (!self.is_word(i + 1) || is(after, List::Clause))
            || self.continues_range(i)
        {
            return true;
        }
        // "the 2016 election", "Trump’s 2016 rivals", "a 2009 report".
        (is(before, List::YearDeterminer) || i > 0 && self.is_possessive(i - 1))
            && self.is_word(i + 1)
    }

    /// Which side of publication the words around tokens `start..end` put them on: a
    /// lead word first ("since", "toward"), then the nearest tense marker in the clause,
    /// then (when `whole_sentence`) in the sentence.
    fn tense(&self, start: usize, end: usize, whole_sentence: bool) -> Tense {
        if self.after(start, List::PastLead) {
            return Tense::Past;
        }
        if self.after(start, List::FutureLead)
            || start >= 2 && self.key(start - 1) == "of" && self.key(start - 2) == "ahead"
        {
            return Tense::Future;
        }
        let block = self.block;
        let sentence = block.sentences[block.sentence_of[start] as usize];
        // Quotation marks are no boundary ("he’ll be “very competitive” in November"),
        // but only markers at the date's own quotation depth count: a quoted "will" is
        // the speaker's ("said Monday “it will be hard”").
        let depth = block.quote_depth[start];
        let is_boundary = |k: usize| match block.tokens[k].kind {
            TokenKind::Quote(_) => false,
            TokenKind::Punct => matches!(
                block.lower(k),
                "," | ";" | ":" | "—" | "–" | "(" | ")" | "[" | "]"
            ),
            _ => is(block.lower(k), List::Clause),
        };
        let mut lo = start;
        while lo > sentence.start && !is_boundary(lo - 1) {
            lo -= 1;
        }
        let mut hi = end;
        while hi < sentence.end && !is_boundary(hi) {
            hi += 1;
        }
        let scopes = [(lo, hi), (sentence.start, sentence.end)];
        for &(lo, hi) in &scopes[..if whole_sentence { 2 } else { 1 }] {
            for d in 1..=(start - lo).max(hi.saturating_sub(end)) {
                if start >= lo + d
                    && block.quote_depth[start - d] == depth
                    && let Some(t) = self.marker(start - d)
                {
                    return t;
                }
                if end + d <= hi
                    && block.quote_depth[end + d - 1] == depth
                    && let Some(t) = self.marker(end + d - 1)
                {
                    return t;
                }
            }
        }
        // "power back by Wednesday": with no tense marked around it, a day something is
        // due by is ahead ("repairs were completed by Friday" has its past marker).
        if start > 0 && self.key(start - 1) == "by" {
            return Tense::Future;
        }
        Tense::Unmarked
    }

    /// The tense token `k` marks, if any.
    fn marker(&self, k: usize) -> Option<Tense> {
        if !self.is_word(k) {
            return None;
        }
        let w = self.block.lower(k);
        if is(w, List::Future) || w.ends_with("’ll") || w.ends_with("'ll") {
            return Some(Tense::Future);
        }
        let then = self.key(k + 1);
        if then == "to" && is(w, List::FutureBeforeTo)
            || then == "for" && is(w, List::FutureBeforeFor)
        {
            return Some(Tense::Future);
        }
        // Headline style: "Trump to meet Putin Friday".
        if self.block.is_headline
            && w == "to"
            && k > 0
            && self.is_word(k - 1)
            && self.is_word(k + 1)
        {
            return Some(Tense::Future);
        }
        // A participle after "be" is passive ("will be announced"): its auxiliary tells.
        if k > 0 && matches!(self.block.lower(k - 1), "be" | "being") {
            return None;
        }
        let regular_past = w.len() >= 4 && w.ends_with("ed") && !is(w, List::NotPastEd);
        (regular_past || is(w, List::Past)).then_some(Tense::Past)
    }

    fn mention(&self, hit: &Hit) -> DateMention {
        let tokens = &self.block.tokens;
        let last = hit.end - 1;
        let mut end = tokens[last].span.end;
        // "Friday’s meeting": the date is "Friday".
        if self.is_possessive(last) {
            end -= self.block.lower(last).len() - self.key(last).len();
        }
        let value = hit.value.map(|d| match hit.precision {
            Precision::Day | Precision::Week => {
                format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
            }
            Precision::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Precision::Year => format!("{:04}", d.year()),
        });
        DateMention {
            span: Span::new(tokens[hit.first].span.start, end),
            value,
            precision: hit.precision,
        }
    }
}

/// Four digits, 1900–2100.
fn year_of(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

fn step(shift: Shift) -> i64 {
    match shift {
        Shift::This => 0,
        Shift::Last => -1,
        Shift::Next => 1,
    }
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    let shifted = if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    };
    shifted.unwrap_or(d)
}

fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let m = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 {
        d.checked_add_months(m)
    } else {
        d.checked_sub_months(m)
    }
}

fn monday(d: NaiveDate) -> NaiveDate {
    add_days(d, -i64::from(d.weekday().num_days_from_monday()))
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_of_the_data_file_is_loaded() {
        for &(name, list) in SECTIONS {
            assert!(
                WORDS.values().any(|e| e.lists & (1 << list as u32) != 0),
                "[{name}] is empty"
            );
        }
        assert!(is("troops", List::CountNoun) && is("since", List::PastLead));
        assert!(matches!(
            entry("sept").lex,
            Some(Lex::Month {
                month: 9,
                abbr: true
            })
        ));
    }
}
