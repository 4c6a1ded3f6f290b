//! Bylines as pages write them, to the names of who wrote the article.
//!
//! "By JANE DOE and John Roe | Updated Jan. 5, 2024", "Written by Jane Doe
//! (jane@example.com)", "Author: Jane Doe", "JD Jane Doe" (initials of an avatar) all
//! become the names alone; placeholders ("Staff", "admin") become nothing. Several
//! authors are joined as "A, B and C".
//!
//! PENDING UNIFICATION: `crate::article::byline::clean_byline` is being written for the
//! plain-text reader; this module is the HTML reader's copy until it lands.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{key, squash};

/// Words that introduce a byline.
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:written|posted|published|reported|compiled|produced|created|article|story|words|recipe|text|photos?(?: and words)?|edited|reviewed|medically reviewed|fact[- ]checked)\s+by\b|by\b|from\b|authors?\b|contributors?\b|writer\b|posted\b)\s*[:\-–—]?\s*",
    )
    .expect("valid regex")
});

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").expect("valid regex"));

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"https?://\S+|www\.\S+").expect("valid regex"));

static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)@\w+").expect("valid regex"));

/// Where a byline stops being names: a date, an update note, a reading time.
static TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(?:on|last)\s+)?\b(?:updated|published|posted|modified|last updated|reviewed|\d+\s*min(?:ute)?s?\s+read|read time|reading time|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr|jul(?:y)?|aug|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:may|june?|april|august)\s+\d)\b.*$|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b.*$|\b(?:19|20)\d{2}\b.*$",
    )
    .expect("valid regex")
});

/// Placeholders that name no one.
const PLACEHOLDERS: &[&str] = &[
    "staff",
    "staff writer",
    "staff writers",
    "staff reporter",
    "staff report",
    "editorial staff",
    "editorial team",
    "the editorial team",
    "editor",
    "editors",
    "the editors",
    "admin",
    "administrator",
    "site admin",
    "author",
    "the author",
    "authors",
    "guest",
    "guest author",
    "guest post",
    "contributor",
    "anonymous",
    "unknown",
    "user",
    "webmaster",
    "wordpress",
    "default",
    "null",
    "none",
    "n a",
];

/// Clean one byline string into names, or `None` when no name is left.
///
/// ```
/// use whosaid_read::html::byline::clean_byline;
/// assert_eq!(clean_byline("By JANE DOE | Updated Jan. 5, 2024").as_deref(), Some("JANE DOE"));
/// assert_eq!(clean_byline("Written by Jane Doe (jane@example.com)").as_deref(), Some("Jane Doe"));
/// assert_eq!(clean_byline("Staff"), None);
/// ```
pub fn clean_byline(raw: &str) -> Option<String> {
    let text = super::text::clean_inline(raw);
    if text.is_empty() || text.len() > 300 {
        return None;
    }
    let text = EMAIL.replace_all(&text, " ");
    let text = URL.replace_all(&text, " ");
    let text = HANDLE.replace_all(&text, " ");
    // A separator ends the names: "Jane Doe | Politics", "Jane Doe • March 3".
    let text = text
        .split(['|', '•', '·', '\n', '⋅', '—', '–'])
        .map(str::trim)
        .find(|part| !part.is_empty() && LEAD.replace(part, "").trim().len() > 1)
        .unwrap_or("")
        .to_owned();
    let mut text = squash(&text);
    // Leading words may repeat: "Posted by: Author: Jane".
    for _ in 0..3 {
        let stripped = LEAD.replace(&text, "").trim().to_owned();
        if stripped == text {
            break;
        }
        text = stripped;
    }
    let text = TAIL.replace(&text, "");
    let text = text
        .trim_matches(|c: char| c.is_whitespace() || ",;:-–—()[]·•|/".contains(c))
        .replace("()", "");
    let text = squash(&text);
    let text = strip_initials_avatar(&text);
    let text = text.trim_end_matches(" and").trim_end_matches(',').trim();
    if text.is_empty() || PLACEHOLDERS.contains(&key(text).as_str()) {
        return None;
    }
    if !plausible_names(text) {
        return None;
    }
    Some(text.to_owned())
}

/// "JD Jane Doe" → "Jane Doe": an avatar's initials in front of the name they abbreviate.
fn strip_initials_avatar(text: &str) -> String {
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return String::new();
    };
    let rest: Vec<&str> = words.collect();
    let is_initials = (2..=3).contains(&first.chars().count())
        && first.chars().all(|c| c.is_uppercase() && c.is_alphabetic());
    if is_initials && rest.len() >= first.chars().count() {
        let initials: String = rest
            .iter()
            .take(first.chars().count())
            .filter_map(|w| w.chars().next())
            .collect();
        if initials == first {
            return rest.join(" ");
        }
    }
    text.to_owned()
}

/// A string of names is short and made of words, not a sentence.
fn plausible_names(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let names =
        1 + text.matches(',').count() + text.matches(" and ").count() + text.matches(" & ").count();
    words <= 5 * names && text.chars().any(char::is_alphabetic) && !text.ends_with('.')
        || (words <= 4 && text.chars().any(char::is_alphabetic))
}

/// Join several authors the way a byline reads: "A", "A and B", "A, B and C".
pub fn join_names(names: &[String]) -> Option<String> {
    match names {
        [] => None,
        [one] => Some(one.clone()),
        [init @ .., last] => Some(format!("{} and {last}", init.join(", "))),
    }
}

/// True when `name` is the site or its owner rather than a person: it equals one of
/// `sites`, or one contains the other ("The Daily Planet" / "Daily Planet").
pub fn is_site_name(name: &str, sites: &[String]) -> bool {
    let name = key(name);
    if name.is_empty() {
        return false;
    }
    sites.iter().any(|site| {
        let site = key(site);
        !site.is_empty()
            && (site == name
                || site.replace(' ', "") == name.replace(' ', "")
                || (site.len() >= 4 && name.starts_with(&site) && name.len() <= site.len() + 12)
                || name.strip_prefix("the ").is_some_and(|n| n == site)
                || site.strip_prefix("the ").is_some_and(|s| s == name))
    })
}

/// Split a string that names several people ("A, B and C", "A; B", "A & B") into names.
pub fn split_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split([';', ',']) {
        for name in part.split(" and ").flat_map(|p| p.split(" & ")) {
            let name = name.trim();
            if !name.is_empty() {
                out.push(name.to_owned());
            }
        }
    }
    out
}
