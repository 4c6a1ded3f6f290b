//! Byte ranges into a text, and the `{start, end, text}` form the record prints.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into one text.
///
/// Every annotation whosaid makes is a `Span` into the text it was found in, so that any
/// result can be traced back to the exact bytes of the input. A `Span` does not know which
/// text it belongs to; the [`Document`](crate::Document) that owns it does.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    ///
    /// # Panics
    /// When `end < start`: an inverted range is always a bug in the caller.
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "inverted span {start}..{end}");
        Span { start, end }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The bytes of `text` this span covers.
    ///
    /// # Panics
    /// When the span lies outside `text` or cuts a UTF-8 character: spans are made on
    /// character boundaries of the text they point into.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// The same span with leading and trailing whitespace of `text` removed.
    pub fn trim(&self, text: &str) -> Span {
        let inner = self.slice(text);
        let start = self.start + (inner.len() - inner.trim_start().len());
        let end = self.end - (inner.len() - inner.trim_end().len());
        if start >= end {
            Span::new(start, start)
        } else {
            Span::new(start, end)
        }
    }

    /// True when `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Number of bytes the two spans share.
    pub fn overlap(&self, other: Span) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }

    /// This span moved `by` bytes to the right.
    pub fn shift(&self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(range: std::ops::Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

/// A span together with the text it covers, as printed in the analysis record.
///
/// The text is redundant with the offsets on purpose: a reader of the JSON can check a
/// span without the input at hand, and a test can see at a glance what was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TextSpan {
    /// First byte, into the text named by the record's `offsets`.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Exactly the bytes `start..end`.
    pub text: String,
}

impl TextSpan {
    /// The span `span` of `text`, with its bytes copied out.
    pub fn of(span: Span, text: &str) -> TextSpan {
        TextSpan {
            start: span.start,
            end: span.end,
            text: span.slice(text).to_owned(),
        }
    }

    /// The bare byte range.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_keeps_inner_bytes_and_moves_offsets() {
        let text = "  “We want to end that war.”  ";
        let span = Span::new(0, text.len()).trim(text);
        assert_eq!(span.slice(text), "“We want to end that war.”");
        assert_eq!(span.start, 2);
    }

    #[test]
    fn trim_of_blank_is_empty() {
        assert!(Span::new(0, 3).trim("   ").is_empty());
    }

    #[test]
    fn overlap_counts_shared_bytes() {
        assert_eq!(Span::new(0, 10).overlap(Span::new(5, 20)), 5);
        assert_eq!(Span::new(0, 10).overlap(Span::new(10, 20)), 0);
        assert!(Span::new(0, 10).contains(Span::new(2, 10)));
    }

    #[test]
    fn text_span_copies_exact_bytes() {
        let text = "Putin said “yes”.";
        let start = text.find('“').unwrap();
        let ts = TextSpan::of(Span::new(start, text.len() - 1), text);
        assert_eq!(ts.text, "“yes”");
        assert_eq!(&text[ts.start..ts.end], ts.text);
    }
}
