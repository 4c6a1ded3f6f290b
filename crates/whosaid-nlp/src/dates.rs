//! Dates in the text, made absolute from the publication date where one is known.
//!
//! STUB: being written (issue 3).

use whosaid_core::Span;

use crate::prepare::Prepared;

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

/// Every date expression of a prepared document; `published` is the article's ISO 8601
/// publication date or date-time, when known.
pub fn find_dates(_text: &str, _prepared: &Prepared, _published: Option<&str>) -> Vec<DateMention> {
    Vec::new()
}
