//! Bylines: who wrote the article, without "By", job titles, agencies, dates or emails.
//!
//! A byline names people ("Jane Doe and John Roe") or, when no person signs, an agency
//! ("Associated Press"). An agency after people is where they work, not an author, and
//! is dropped ("By Jane Doe, Reuters" → "Jane Doe"). Shouted bylines are put in the case
//! people write names ("BY JOHN MCDONALD" → "John McDonald"); a reader that has the
//! whole document should prefer the spelling the document itself uses elsewhere
//! ([`mixed_case_spelling`]).

use aho_corasick::AhoCorasick;

use super::case::{is_shouted, title_case_name};
use super::lexicon::{lexicon, outlet};

/// Leading words that introduce a byline, longest first, in small letters.
const INTRODUCERS: &[&str] = &[
    "additional reporting by",
    "contributing:",
    "reporting by",
    "written by",
    "story by",
    "words by",
    "posted by",
    "authors:",
    "author:",
    "by:",
    "by",
];

/// Separators after which a byline carries other information (outlet, date, role).
const SEPARATORS: &[&str] = &[
    " | ", "|", " · ", "·", " • ", "•", ";", " — ", " – ", " - ", " / ", "\n",
];

/// Strip a leading "By" (or "Written by", "Reporting by") from `s`.
fn strip_introducer(s: &str) -> &str {
    for intro in INTRODUCERS {
        if s.len() > intro.len()
            && s.is_char_boundary(intro.len())
            && s[..intro.len()].eq_ignore_ascii_case(intro)
        {
            let rest = &s[intro.len()..];
            if intro.ends_with(':') || rest.starts_with(|c: char| c.is_whitespace() || c == ':') {
                return rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
            }
        }
    }
    s
}

/// The words of one comma-separated segment: is it a job title, an outlet or junk
/// rather than a name?
fn is_role_or_outlet(segment: &str) -> bool {
    let lex = lexicon();
    outlet(segment).is_some()
        || segment
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .any(|w| lex.roles.contains(w.to_lowercase().as_str()))
}

/// True when the last word of `piece` ends newspaper names: "Herald", "Times", "Post".
fn ends_like_outlet(piece: &str) -> bool {
    piece
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|w| lexicon().outlet_words.contains(w.to_lowercase().as_str()))
}

/// True when every word of `s` can belong to a list of names: capitalised words,
/// initials, particles, "and"/"&", credentials in capitals ("MD", "Ph.D.").
fn is_name_list(s: &str) -> bool {
    let lex = lexicon();
    let mut names = 0;
    for word in s.split_whitespace() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty() {
            continue;
        }
        let lower = bare.to_lowercase();
        if lower == "and" || lex.particles.contains(lower.as_str()) {
            continue;
        }
        if !bare.starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
        names += 1;
    }
    (1..=16).contains(&names)
}

/// Clean a byline: strip "By", job titles, agency suffixes, dates, emails and "Updated";
/// put shouted names in title case. `None` when nothing that names an author is left.
///
/// ```
/// use whosaid_read::article::byline::clean_byline;
///
/// assert_eq!(clean_byline("BY ASSOCIATED PRESS").as_deref(), Some("Associated Press"));
/// assert_eq!(clean_byline("By Jane Doe, Reuters").as_deref(), Some("Jane Doe"));
/// assert_eq!(clean_byline("Jane Doe | Reuters").as_deref(), Some("Jane Doe"));
/// assert_eq!(clean_byline("By JOHN MCDONALD and Jane Doe").as_deref(), Some("John McDonald and Jane Doe"));
/// assert_eq!(clean_byline("By Staff"), None);
/// assert_eq!(clean_byline("By the numbers"), None);
/// ```
pub fn clean_byline(s: &str) -> Option<String> {
    let lex = lexicon();
    let s = strip_introducer(s.trim());
    let first = s.split_whitespace().next().unwrap_or("");
    let first_bare = first.trim_end_matches([',', '.']).to_lowercase();
    let after_first = s[first.len()..].trim_start();
    if lex.calendar.contains(first_bare.as_str())
        && (first.ends_with(',') || after_first.starts_with(|c: char| c.is_ascii_digit()))
    {
        // "By July 2013, …", "By Friday, …": a sentence about time, not a name.
        return None;
    }
    // The first part before a separator carries the names; what follows a separator is
    // an outlet, a date or a role.
    let cut = SEPARATORS
        .iter()
        .filter_map(|sep| s.find(sep))
        .min()
        .unwrap_or(s.len());
    let main = &s[..cut];

    // Stop at the first word that cannot be part of a name list: an email, a handle, a
    // number, "Updated", or "in"/"for" introducing a place or an outlet ("Jane Doe in
    // Kyiv", "Jane Doe for The Washington Post").
    let mut end = main.len();
    let mut words = main.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let offset = word.as_ptr() as usize - main.as_ptr() as usize;
        let lower = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let next_capital = words
            .peek()
            .is_some_and(|n| n.starts_with(|c: char| c.is_uppercase()));
        if word.contains('@')
            || word.contains("://")
            || word.chars().any(|c| c.is_ascii_digit())
            || lex.byline_junk.contains(lower.as_str())
            || ((lower == "in" || lower == "for" || lower == "at") && next_capital)
        {
            end = offset;
            break;
        }
    }
    let main = main[..end]
        .trim()
        .trim_end_matches([',', ':', '-', '–', '—'])
        .trim();

    // Comma- and "and"-separated pieces: names are kept; job titles and outlets are
    // dropped ("Jane Doe, Staff Writer", "Jane Doe, CNN", "Jane Doe, Transport
    // Correspondent and John O'Brien"); credentials stay with their name ("Jane Doe, MD").
    let mut people: Vec<String> = Vec::new();
    let mut dropped = false;
    for segment in main.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let segment = segment.strip_prefix("and ").unwrap_or(segment);
        for (k, piece) in segment
            .split(" and ")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .enumerate()
        {
            // After a comma, a name ending like a newspaper's is where the author works
            // ("Jane Doe, Coastline Herald").
            let newspaper = k == 0 && !people.is_empty() && ends_like_outlet(piece);
            if newspaper || is_role_or_outlet(piece) {
                if people.is_empty() && outlet(piece).is_some() && main.trim() == piece {
                    // An agency alone is the byline ("By Associated Press").
                    people.push(piece.to_owned());
                }
                dropped = true;
                continue;
            }
            match people.last_mut() {
                Some(person) if is_credential(piece) => {
                    person.push_str(", ");
                    person.push_str(piece);
                }
                _ => people.push(piece.to_owned()),
            }
        }
    }
    // Keep the byline as printed unless something had to go.
    let joined = if dropped {
        join_names(&people)
    } else {
        main.trim().to_owned()
    };
    let joined = joined.trim();
    if joined.is_empty() || joined.len() > 200 {
        return None;
    }
    if let Some(agency) = outlet(joined) {
        return Some(agency.to_owned());
    }
    if !is_name_list(joined) {
        return None;
    }
    Some(unshout(joined))
}

/// A credential after a name: "MD", "Ph.D.", "RD".
fn is_credential(piece: &str) -> bool {
    !piece.contains(' ')
        && piece.len() <= 6
        && (piece.contains('.') || piece.chars().all(|c| c.is_uppercase() || c == '.'))
}

/// "A", "A and B", "A, B and C".
fn join_names(people: &[String]) -> String {
    match people {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Title-case each run of two or more words in capitals ("JOHN MCDONALD and Jane Doe" →
/// "John McDonald and Jane Doe"); a lone capitalised word is a credential ("MD") or an
/// abbreviation and stays.
fn unshout(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run: Vec<&str> = Vec::new();
    let flush = |out: &mut String, run: &mut Vec<&str>| {
        if run.is_empty() {
            return;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if run.len() >= 2 && run.iter().any(|w| is_shouted(w)) {
            out.push_str(&title_case_name(&run.join(" ")));
        } else {
            out.push_str(run[0]);
        }
        run.clear();
    };
    for word in s.split_whitespace() {
        let capitals =
            word.chars().any(char::is_uppercase) && !word.chars().any(char::is_lowercase);
        if capitals {
            run.push(word);
            if word.ends_with(',') {
                // Runs stop at commas, so credentials ("Jane Doe, MD, RD") stay apart.
                flush(&mut out, &mut run);
            }
        } else {
            flush(&mut out, &mut run);
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    flush(&mut out, &mut run);
    out
}

/// The first spelling of `name` in `text` (compared without regard to ASCII case) that is
/// not shouted, when there is one: a byline printed "BY ASSOCIATED PRESS" over a
/// widget that reads "Associated Press's Profile Picture" is "Associated Press".
///
/// ```
/// use whosaid_read::article::byline::mixed_case_spelling;
///
/// let text = "BY JANE MCDOE\n\nJane McDoe's Profile Picture";
/// assert_eq!(mixed_case_spelling("Jane Mcdoe", text), Some("Jane McDoe"));
/// assert_eq!(mixed_case_spelling("John Roe", text), None);
/// ```
pub fn mixed_case_spelling<'t>(name: &str, text: &'t str) -> Option<&'t str> {
    if name.is_empty() {
        return None;
    }
    let finder = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([name])
        .ok()?;
    finder
        .find_iter(text)
        .map(|m| &text[m.range()])
        .find(|found| found.chars().any(char::is_lowercase) && !is_word_continued(text, found))
}

/// True when `found` (a slice of `text`) is glued to letters on either side, so it is
/// part of a longer word.
fn is_word_continued(text: &str, found: &str) -> bool {
    let start = found.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + found.len();
    text[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        || text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}
