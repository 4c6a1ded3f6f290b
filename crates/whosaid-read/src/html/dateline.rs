//! Datelines: the place a wire story opens with ("WASHINGTON (AP) —", "LONDON, Jan 5
//! (Reuters) -", "KYIV, Ukraine —"). The text stays in the body; the place is recorded.
//!
//! PENDING UNIFICATION: `crate::article::dateline::detect_dateline` is being written for
//! the plain-text reader; this module is the HTML reader's copy until it lands.

use std::sync::LazyLock;

use regex::Regex;

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?P<place>\p{Lu}[\p{Lu}.'\-]+(?:\s+\p{Lu}[\p{Lu}.'\-]+){0,3})      # WASHINGTON, NEW YORK
        (?:,\s*\p{Lu}[\p{L}.'\-]*(?:\s+\p{Lu}[\p{L}.'\-]*){0,3})?       # , Ukraine / , Calif.
        (?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})? # , Jan 5
        \s*(?:\((?P<agency>[\p{L}\s.&/]{2,30})\))?                       # (AP)
        \s*(?:—|–|--|-)\s+\S",
    )
    .expect("valid regex")
});

/// The dateline place of a body's first paragraph, when it opens with one.
///
/// ```
/// use whosaid_read::html::dateline::detect_dateline;
/// assert_eq!(detect_dateline("WASHINGTON (AP) — The Senate voted.").as_deref(), Some("WASHINGTON"));
/// assert_eq!(detect_dateline("KYIV, Ukraine — Drones struck."), Some("KYIV".to_owned()));
/// assert_eq!(detect_dateline("The Senate voted on Tuesday."), None);
/// ```
pub fn detect_dateline(paragraph: &str) -> Option<String> {
    let head = &paragraph[..floor_char_boundary(paragraph, 120)];
    let c = DATELINE.captures(head)?;
    let place = c["place"].trim_end_matches(['.', '-', '\'']);
    // One capitalised short word ("A —", "I:") is a sentence, not a place.
    if place.chars().filter(|ch| ch.is_alphabetic()).count() < 3 {
        return None;
    }
    Some(place.to_owned())
}

fn floor_char_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}
