//! What one unit is, judged on its own text: debris, a timestamp, a byline, a credit, a
//! captioned picture, an outlet's name, or text (headline or body).

use whosaid_core::Span;

use crate::article::byline::clean_byline;
use crate::article::credit::split_caption_credit;
use crate::article::dates::{Stamp, parse_stamp};
use crate::article::lexicon::{self, Debris, is_section_word, normalize, outlet};

/// What one unit is.
#[derive(Clone, Debug)]
pub(crate) enum Kind {
    /// Headline or body candidate.
    Text,
    /// A widget, button or notice.
    Widget,
    /// A heading opening the trailing lists.
    Trailer,
    /// No letter or digit: rules, dashes, stars.
    Rule,
    /// A timestamp line.
    Date(Box<Stamp>),
    /// A byline line, cleaned, with the timestamp printed beside the name, if any;
    /// `trailing` for "Reporting by …" staff credits after a story.
    Byline {
        name: String,
        stamp: Option<Box<Stamp>>,
        trailing: bool,
    },
    /// A line that is an outlet's name ("Reuters", "BBC News, Washington").
    Outlet(&'static str),
    /// A picture credit on its own line (span relative to the unit).
    Credit(Span),
    /// A caption with its credit (spans relative to the unit).
    Caption { caption: Span, credit: Span },
    /// A caption behind a label, without a credit: "Image caption, Trump spoke".
    CaptionText(Span),
    /// A caption cut short ("… of the W...") and printed in full right after.
    Truncated,
}

/// Openers of a byline line, after any bracket or dash.
const BYLINE_OPENERS: &[&str] = &["by ", "by:", "written by ", "words by ", "story by "];
/// Openers of the staff credits printed after a wire story.
const TRAILING_BYLINE_OPENERS: &[&str] =
    &["reporting by ", "additional reporting by ", "contributing:"];

pub(crate) fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Ends like a sentence: the last character closes a sentence or a quotation.
pub(crate) fn ends_sentence(s: &str) -> bool {
    s.ends_with(['.', '!', '?', '"', '”', '’', '…'])
}

/// Prose: a sentence or more, as opposed to a label, a link or a name.
pub(crate) fn is_prose(s: &str, words: usize) -> bool {
    (words >= 8 && s.chars().any(char::is_lowercase)) || (words >= 4 && ends_sentence(s))
}

/// A short line that can label what follows: a section, a kicker, a breadcrumb, a tag.
pub(crate) fn is_label_like(s: &str, words: usize) -> bool {
    let short = (1..=5).contains(&words) || (words <= 12 && breadcrumb_tail(s).is_some());
    short
        && s.len() <= 100
        && !s.chars().any(|c| c.is_ascii_digit())
        && !s.contains(": ")
        && !s.ends_with(['.', '!', '?', ',', ';', ':', '"', '”', '\'', '’'])
}

/// Breadcrumb separators: "Home > News > Politics".
const CRUMB_SEPARATORS: &[&str] = &[" > ", " › ", " » ", " / ", " | ", " · "];

/// The last part of a breadcrumb, when `s` is one.
pub(crate) fn breadcrumb_tail(s: &str) -> Option<&str> {
    CRUMB_SEPARATORS
        .iter()
        .filter_map(|sep| s.rfind(sep).map(|i| &s[i + sep.len()..]))
        .min_by_key(|tail| tail.len())
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// True when a word of `s` names a section ("NATIONAL NEWS", "World news").
pub(crate) fn has_section_word(s: &str) -> bool {
    let mut norm = String::with_capacity(s.len());
    normalize(s, &mut norm);
    norm.split(' ').any(is_section_word)
}

/// A headline's shape: a few words, not a sentence that ends with a full stop.
pub(crate) fn is_headline_shaped(s: &str, words: usize) -> bool {
    (2..=30).contains(&words) && s.len() <= 250 && !s.ends_with('.')
}

/// The span of `part` (a slice of `text`) relative to `text`.
fn span_in(text: &str, part: &str) -> Span {
    let start = part.as_ptr() as usize - text.as_ptr() as usize;
    Span::new(start, start + part.len())
}

/// "Image caption, Trump spoke on Friday" → "Trump spoke on Friday".
fn labelled_caption(text: &str) -> Option<&str> {
    ["image caption", "caption"].iter().find_map(|label| {
        if !starts_with_ignore_case(text, label) {
            return None;
        }
        let rest = &text[label.len()..];
        rest.strip_prefix(',')
            .or_else(|| rest.strip_prefix(':'))
            .map(str::trim)
            .filter(|r| !r.is_empty())
    })
}

/// Cheap test before running the date patterns.
fn may_hold_date(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || text.contains("ago") || text.contains("yesterday")
}

/// A timestamp worth recording: a date, a relative date, or a time stated with a zone
/// or a "Published"/"Updated" marker ("9:05 p.m." alone heads a live-blog entry).
fn is_timestamp(stamp: &Stamp) -> bool {
    stamp.date.is_some()
        || stamp.relative
        || (stamp.time.is_some()
            && (stamp.offset_seconds().is_some() || stamp.published || stamp.updated))
}

/// A byline line, with a date printed beside the name: "By Jane Doe, Reuters",
/// "(Reporting by Jane Doe; Editing by John Roe)", "Posted on January 31, 2025 by Jane Doe".
fn byline_line(text: &str, words: usize) -> Option<Kind> {
    // A byline is not a sentence ("By July 2013, the show was renamed."); staff credits
    // in brackets run longer.
    let sentence = words >= 6 && ends_sentence(text.trim_end_matches(')'));
    let bracketed = text.starts_with('(');
    if !((words <= 20 && !sentence) || (words <= 40 && bracketed)) {
        return None;
    }
    let opened = text.trim_start_matches(['(', '-', '–', '—', ' ']);
    let trailing = TRAILING_BYLINE_OPENERS
        .iter()
        .any(|o| starts_with_ignore_case(opened, o));
    let leading = BYLINE_OPENERS
        .iter()
        .any(|o| starts_with_ignore_case(opened, o));
    if trailing || leading {
        let name = clean_byline(opened.trim_end_matches([')', '.']))?;
        let stamp = may_hold_date(text)
            .then(|| parse_stamp(text))
            .flatten()
            .filter(|s| s.date.is_some())
            .map(Box::new);
        return Some(Kind::Byline {
            name,
            stamp,
            trailing,
        });
    }
    // "Posted on January 31, 2025 by Jane Doe".
    if words <= 14 {
        let lower = text.to_ascii_lowercase();
        let at = lower.rfind(" by ")?;
        let stamp = parse_stamp(&text[..at]).filter(|s| s.date.is_some() && s.unexplained == 0)?;
        let name = clean_byline(&text[at + 4..])?;
        return Some(Kind::Byline {
            name,
            stamp: Some(Box::new(stamp)),
            trailing: false,
        });
    }
    None
}

/// Classify one unit on its own text; `next` is the text of the unit after it.
pub(crate) fn classify(text: &str, words: usize, next: Option<&str>) -> Kind {
    if !text.chars().any(char::is_alphanumeric) {
        return Kind::Rule;
    }
    if let Some(cut) = text.strip_suffix("...").or_else(|| text.strip_suffix('…')) {
        let cut = cut.trim_end();
        if cut.len() >= 15 && next.is_some_and(|n| n.starts_with(cut)) {
            return Kind::Truncated;
        }
    }
    if let Some(kind) = byline_line(text, words) {
        return kind;
    }
    if let Some(caption) = labelled_caption(text) {
        return Kind::CaptionText(span_in(text, caption));
    }
    if words <= 40 {
        match lexicon::debris(text) {
            Some(Debris::Widget) => return Kind::Widget,
            Some(Debris::Trailer) => return Kind::Trailer,
            None => {}
        }
    }
    // An outlet's name alone is the site or the agency that signs the story, not a
    // picture credit.
    if words <= 6
        && let Some(name) = outlet(text)
    {
        return Kind::Outlet(name);
    }
    if words <= 80
        && let (caption, Some(credit)) = split_caption_credit(text)
    {
        let credit = span_in(text, credit);
        if caption.is_empty() {
            return Kind::Credit(credit);
        }
        return Kind::Caption {
            caption: span_in(text, caption),
            credit,
        };
    }
    if words <= 14
        && may_hold_date(text)
        && let Some(stamp) = parse_stamp(text)
        && is_timestamp(&stamp)
        && stamp.unexplained <= 1
    {
        return Kind::Date(Box::new(stamp));
    }
    // "Reuters home", "CNN logo": an outlet's name on a button.
    if words <= 5 {
        for (at, _) in text.match_indices(' ') {
            if let Some(name) = outlet(&text[..at])
                && lexicon::debris(&text[at..]) == Some(Debris::Widget)
            {
                return Kind::Outlet(name);
            }
        }
    }
    // "BBC News, Washington": an outlet and a place.
    if words <= 6
        && let Some((head, _)) = text.split_once(", ")
        && let Some(name) = outlet(head)
    {
        return Kind::Outlet(name);
    }
    if words <= 8 && (text.contains(" | ") || text.contains(", ")) {
        // "Jane Doe | Reuters", "Jane Doe, CNN".
        let last = text.rsplit([',', '|']).next().unwrap_or("");
        if outlet(last).is_some()
            && let Some(name) = clean_byline(text)
            && outlet(&name).is_none()
        {
            return Kind::Byline {
                name,
                stamp: None,
                trailing: false,
            };
        }
    }
    Kind::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Kind {
        classify(text, text.split_whitespace().count(), None)
    }

    #[test]
    fn bylines_with_dates_beside_them() {
        let Kind::Byline { name, stamp, .. } = kind("Posted on January 31, 2025 by Jane Doe")
        else {
            panic!("not a byline");
        };
        assert_eq!(name, "Jane Doe");
        assert_eq!(stamp.unwrap().to_iso().unwrap(), "2025-01-31");
        let Kind::Byline { name, stamp, .. } = kind("By Jane Doe | Jan 31, 2025 2:15 PM") else {
            panic!("not a byline");
        };
        assert_eq!(name, "Jane Doe");
        assert_eq!(stamp.unwrap().to_iso().unwrap(), "2025-01-31T14:15:00");
    }

    #[test]
    fn sentences_that_open_like_bylines_are_text() {
        assert!(matches!(
            kind("By July 2013, the show was renamed “The Hour.”"),
            Kind::Text
        ));
        assert!(matches!(
            kind("By Friday, the talks had collapsed."),
            Kind::Text
        ));
        assert!(matches!(kind("9:05 p.m."), Kind::Text));
    }

    #[test]
    fn staff_credits_are_trailing_bylines() {
        let Kind::Byline { name, trailing, .. } =
            kind("(Reporting by Jane Doe in London; Editing by John Roe.)")
        else {
            panic!("not a byline");
        };
        assert_eq!(name, "Jane Doe");
        assert!(trailing);
    }
}
