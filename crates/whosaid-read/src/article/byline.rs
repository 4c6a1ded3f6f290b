//! Bylines: who wrote the article, without "By", job titles, agencies, dates or emails.
//!
//! A byline names people ("Jane Doe and John Roe") or, when no person signs, an agency
//! ("Associated Press"). An agency after people is where they work, not an author, and
//! is dropped ("By Jane Doe, Reuters" → "Jane Doe"). Placeholders name no one ("Staff",
//! "admin"); an avatar's initials before a name are not part of it ("JD Jane Doe").
//! Several authors are joined as "A, B and C" ([`join_names`]).
//!
//! The two readers meet bylines in different dress, so there are two entry points over
//! one clean-up:
//! - [`clean_byline`]: a line printed in the article ("BY JOHN MCDONALD and Jane Doe").
//!   Scraped text is full of short lines that are not bylines, so what is left must read
//!   as capitalised names; shouted names are put in the case people write them ("John
//!   McDonald"). A reader that has the whole document should prefer the spelling the
//!   document itself uses elsewhere ([`mixed_case_spelling`]).
//! - [`clean_declared_byline`]: a value the page declares as its author (a `<meta>` tag,
//!   JSON-LD, a byline element). The page says it is a name, so names in small letters
//!   count ("jane doe"), the case is the page's own, and ";" separates authors
//!   ("Jane Doe; John Roe") rather than ending them.
//!
//! [`split_names`] and [`is_site_name`] help a reader that has several candidates.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::case::{is_shouted, title_case_name};
use super::lexicon::{key, lexicon, outlet};

/// Where a byline string comes from; see the module documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    Printed,
    Declared,
}

/// Leading words that introduce a byline, longest first, in small letters.
const INTRODUCERS: &[&str] = &[
    "additional reporting by",
    "medically reviewed by",
    "photos and words by",
    "fact-checked by",
    "fact checked by",
    "reporting by",
    "written by",
    "posted by",
    "published by",
    "reported by",
    "compiled by",
    "produced by",
    "created by",
    "article by",
    "story by",
    "words by",
    "recipe by",
    "text by",
    "photos by",
    "photo by",
    "edited by",
    "reviewed by",
    "contributors",
    "contributor",
    "contributing",
    "authors",
    "author",
    "writer",
    "posted",
    "from",
    "by",
];

/// Separators after which a byline carries other information (outlet, date, role).
const SEPARATORS: &[&str] = &["|", "·", "•", "⋅", "—", "–", "―", "\n"];

/// Separators that end the names in a printed line only ("Reporting by Jane Doe; Editing
/// by John Roe", "Jane Doe - Reuters", "Jane Doe / CNN"). In an author field a page
/// declares, ";" stands between authors and a spaced hyphen or slash inside a team's
/// name ("GURUS - Drupal").
const PRINTED_SEPARATORS: &[&str] = &[";", " - ", " / "];

/// Emails, web addresses and social handles: contacts, not names.
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|www\.\S+|(?:^|\s)@\w+")
        .expect("contact pattern")
});

/// Strip leading "By", "Written by", "Author:" (repeated: "Posted by: Author: Jane").
fn strip_introducers(mut s: &str) -> &str {
    for _ in 0..3 {
        let Some(rest) = strip_introducer(s) else {
            break;
        };
        s = rest;
    }
    s
}

/// `s` without one leading introducer, when it opens with one.
fn strip_introducer(s: &str) -> Option<&str> {
    INTRODUCERS.iter().find_map(|intro| {
        let head = s.get(..intro.len())?;
        let rest = &s[intro.len()..];
        let word_ends =
            rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace() || ":-–—".contains(c));
        (head.eq_ignore_ascii_case(intro) && word_ends)
            .then(|| rest.trim_start_matches(|c: char| c.is_whitespace() || ":-–—".contains(c)))
    })
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

/// A declared author is short and made of words, not a sentence: at most five words a
/// name, or four words in all.
fn is_plausible_declared(s: &str) -> bool {
    let words = s.split_whitespace().count();
    let names = 1 + s.matches(',').count() + s.matches(" and ").count() + s.matches(" & ").count();
    let alphabetic = s.chars().any(char::is_alphabetic);
    alphabetic && ((words <= 5 * names && !s.ends_with('.')) || words <= 4)
}

/// "JD Jane Doe" → "Jane Doe": an avatar's initials in front of the name they abbreviate.
fn strip_initials_avatar(s: &str) -> &str {
    let mut words = s.split_whitespace();
    let Some(first) = words.next() else {
        return s;
    };
    let letters = first.chars().count();
    let is_initials =
        (2..=3).contains(&letters) && first.chars().all(|c| c.is_uppercase() && c.is_alphabetic());
    if !is_initials {
        return s;
    }
    let initials: String = words
        .clone()
        .take(letters)
        .filter_map(|w| w.chars().next())
        .collect();
    if initials == first && words.count() >= letters {
        return s[first.len()..].trim_start();
    }
    s
}

/// The part of `s` before the first separator that holds more than an introducer ("By |
/// Jane Doe | Politics" → "Jane Doe").
fn names_part(s: &str, origin: Origin) -> &str {
    let printed: &[&str] = match origin {
        Origin::Printed => PRINTED_SEPARATORS,
        Origin::Declared => &[],
    };
    let mut rest = s;
    loop {
        let cut = SEPARATORS
            .iter()
            .chain(printed)
            .filter_map(|sep| rest.find(sep).map(|at| (at, sep.len())))
            .min();
        let (part, next) = match cut {
            Some((at, len)) => (&rest[..at], Some(&rest[at + len..])),
            None => (rest, None),
        };
        let stripped = strip_introducers(part.trim());
        if stripped
            .trim()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .count()
            > 1
        {
            return part;
        }
        match next {
            Some(next) => rest = next,
            None => return "",
        }
    }
}

/// Where the names of `s` end: at the first word that cannot be part of a name list: an
/// email, a handle, a number, "Updated", a date ("December 3, 2025"), or, in a printed
/// line, "in"/"for"/"at" introducing a place or an outlet ("Jane Doe in Kyiv", "Jane Doe
/// for The Washington Post"). A declared name keeps such words ("Center for Drug
/// Evaluation", "Audiophile On"): there "on" ends the names only before a date ("BeauHD
/// on Friday").
fn names_end(s: &str, origin: Origin) -> usize {
    let lex = lexicon();
    let mut words = s.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let offset = word.as_ptr() as usize - s.as_ptr() as usize;
        let lower = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let next = words.peek().copied().unwrap_or("");
        let next_capital = next.starts_with(|c: char| c.is_uppercase());
        let next_lower = next
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let date_follows = next.starts_with(|c: char| c.is_ascii_digit())
            || lex.calendar.contains(next_lower.as_str());
        let junk = match origin {
            Origin::Printed => lex.byline_junk.contains(lower.as_str()),
            Origin::Declared if lower == "on" => {
                date_follows || lex.byline_junk.contains(next_lower.as_str())
            }
            Origin::Declared => lex.byline_junk.contains(lower.as_str()),
        };
        let place_or_outlet = origin == Origin::Printed
            && (lower == "in" || lower == "for" || lower == "at")
            && next_capital;
        if word.contains('@')
            || word.contains("://")
            || junk
            || (lex.calendar.contains(lower.as_str()) && date_follows)
            || place_or_outlet
        {
            return offset;
        }
        if let Some(glued) = glued_tail(word, date_follows) {
            return offset + glued;
        }
    }
    s.len()
}

/// Where a word glued to what follows the names ends: at a digit ("Becker7", from "Brian
/// Becker7 min read") or at a capital opening an update note or a date ("DoeUpdated",
/// "KimDecember 17"). Pages glue the texts of neighbouring elements together, and so
/// does text copied from them.
fn glued_tail(word: &str, date_follows: bool) -> Option<usize> {
    let lex = lexicon();
    let mut previous_lower = false;
    for (i, c) in word.char_indices() {
        if previous_lower && c.is_uppercase() {
            let tail = &word[i..];
            let end = tail
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(tail.len());
            let letters = tail[..end].to_lowercase();
            let date_after = date_follows || tail[end..].starts_with(|c: char| c.is_ascii_digit());
            if (lex.byline_junk.contains(letters.as_str()) && letters != "on")
                || (lex.calendar.contains(letters.as_str()) && date_after)
            {
                return Some(i);
            }
        }
        previous_lower = c.is_lowercase();
    }
    word.find(|c: char| c.is_ascii_digit())
}

/// Characters that surround names without being part of them.
fn is_wrapping(c: char) -> bool {
    c.is_whitespace() || ",;:-–—()[]·•|/".contains(c)
}

/// Clean a byline line printed in the article: strip "By", job titles, agency suffixes,
/// dates, emails and "Updated"; put shouted names in title case. `None` when nothing
/// that names an author is left, or when the line does not read as capitalised names.
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
    clean(s, Origin::Printed)
}

/// Clean an author the page declares (a `<meta>` tag, JSON-LD, a byline element): the
/// same clean-up as [`clean_byline`], but names may be in small letters, keep the case
/// the page gives them, and may be separated by ";". `None` for placeholders and for
/// text that is a sentence, not names.
///
/// ```
/// use whosaid_read::article::byline::clean_declared_byline;
///
/// assert_eq!(clean_declared_byline("By JANE DOE | Updated Jan. 5, 2024").as_deref(), Some("JANE DOE"));
/// assert_eq!(clean_declared_byline("Written by Jane Doe (jane@example.com)").as_deref(), Some("Jane Doe"));
/// assert_eq!(clean_declared_byline("jane doe").as_deref(), Some("jane doe"));
/// assert_eq!(clean_declared_byline("Staff"), None);
/// ```
pub fn clean_declared_byline(s: &str) -> Option<String> {
    clean(s, Origin::Declared)
}

fn clean(s: &str, origin: Origin) -> Option<String> {
    let lex = lexicon();
    let s = s.trim();
    if s.is_empty() || s.len() > 300 {
        return None;
    }
    let without_contacts = CONTACT.replace_all(s, " ").replace("()", "");
    let part = names_part(&without_contacts, origin);
    let part = strip_introducers(part.trim_matches(is_wrapping));
    let first = part.split_whitespace().next().unwrap_or("");
    let first_bare = first.trim_end_matches([',', '.']).to_lowercase();
    let after_first = part[first.len()..].trim_start();
    if lex.calendar.contains(first_bare.as_str())
        && (first.ends_with(',') || after_first.starts_with(|c: char| c.is_ascii_digit()))
    {
        // "By July 2013, …", "By Friday, …": a sentence about time, not a name.
        return None;
    }
    let main = part[..names_end(part, origin)].trim_matches(is_wrapping);
    let main: String = strip_initials_avatar(main)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let main = main.trim_end_matches(" and").trim_matches(is_wrapping);
    if origin == Origin::Declared && !is_plausible_declared(main) {
        return None;
    }

    // Comma- and "and"-separated pieces: names are kept; job titles, outlets and
    // placeholders are dropped ("Jane Doe, Staff Writer", "Jane Doe, CNN", "Jane Doe,
    // Transport Correspondent and John O'Brien"); credentials stay with their name
    // ("Jane Doe, MD").
    let segments: &[char] = match origin {
        Origin::Printed => &[','],
        Origin::Declared => &[',', ';'],
    };
    let mut people: Vec<String> = Vec::new();
    let mut dropped = false;
    for segment in main
        .split(segments)
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let segment = segment.strip_prefix("and ").unwrap_or(segment);
        for (k, piece) in segment
            .split(" and ")
            .flat_map(|p| p.split(" & "))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .enumerate()
        {
            // After a comma, a name ending like a newspaper's is where the author works
            // ("Jane Doe, Coastline Herald").
            let newspaper = k == 0 && !people.is_empty() && ends_like_outlet(piece);
            // A page's own author field may name a team ("Podium Staff", "News Desk"):
            // there only placeholders and outlets go.
            let not_a_name = match origin {
                Origin::Printed => newspaper || is_role_or_outlet(piece),
                Origin::Declared => outlet(piece).is_some(),
            };
            if not_a_name || is_placeholder(piece) || is_calendar_only(piece) {
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
    // Keep the byline as printed unless something had to go, or authors were listed
    // with ";" (a declared "Jane Doe; John Roe" reads "Jane Doe and John Roe").
    let joined = if dropped || main.contains(';') {
        join_names(&people)?
    } else {
        main.to_owned()
    };
    let joined = joined.trim();
    if joined.is_empty() || joined.len() > 200 {
        return None;
    }
    if let Some(agency) = outlet(joined) {
        return Some(agency.to_owned());
    }
    match origin {
        Origin::Printed => is_name_list(joined).then(|| unshout(joined)),
        Origin::Declared => Some(joined.to_owned()),
    }
}

/// True when `piece` is what content systems put in an author field when no one is named.
fn is_placeholder(piece: &str) -> bool {
    lexicon().placeholders.contains(key(piece).as_str())
}

/// True when every word of `piece` is a month or a weekday ("Dec", "October"): what is
/// left of a date, not a name.
fn is_calendar_only(piece: &str) -> bool {
    let lex = lexicon();
    let mut words = piece
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some() && words.all(|w| lex.calendar.contains(w.to_lowercase().as_str()))
}

/// A credential after a name: "MD", "Ph.D.", "RD".
fn is_credential(piece: &str) -> bool {
    !piece.contains(' ')
        && piece.len() <= 6
        && (piece.contains('.') || piece.chars().all(|c| c.is_uppercase() || c == '.'))
}

/// Join several authors the way a byline reads: "A", "A and B", "A, B and C"; `None`
/// for no one.
///
/// ```
/// use whosaid_read::article::byline::join_names;
///
/// let names = ["Jane Doe", "John Roe", "Ann Poe"].map(String::from);
/// assert_eq!(join_names(&names).as_deref(), Some("Jane Doe, John Roe and Ann Poe"));
/// assert_eq!(join_names(&[]), None);
/// ```
pub fn join_names(names: &[String]) -> Option<String> {
    match names {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
    }
}

/// Split a string that names several people ("A, B and C", "A; B", "A & B") into names,
/// each as written.
///
/// ```
/// use whosaid_read::article::byline::split_names;
///
/// assert_eq!(split_names("Jane Doe, John Roe & Ann Poe"), ["Jane Doe", "John Roe", "Ann Poe"]);
/// ```
pub fn split_names(text: &str) -> Vec<String> {
    text.split([';', ','])
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" & "))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// True when `name` is the site or its owner rather than a person: it equals one of
/// `sites`, or one contains the other ("The Daily Planet" / "Daily Planet", "Daily Planet
/// Staff").
///
/// ```
/// use whosaid_read::article::byline::is_site_name;
///
/// let sites = ["Daily Planet".to_owned()];
/// assert!(is_site_name("The Daily Planet", &sites));
/// assert!(!is_site_name("Jane Doe", &sites));
/// ```
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_glued_to_the_names_are_cut_off() {
        assert_eq!(
            clean_declared_byline("Cazzy MagennisLast Updated: August 3").as_deref(),
            Some("Cazzy Magennis")
        );
        assert_eq!(
            clean_declared_byline("Luke KimDecember 17, 2025").as_deref(),
            Some("Luke Kim")
        );
        assert_eq!(
            clean_declared_byline("Brian Becker7 min read").as_deref(),
            Some("Brian Becker")
        );
        // "McDonald" has a capital after a small letter, and is a name.
        assert_eq!(
            clean_byline("By John McDonald").as_deref(),
            Some("John McDonald")
        );
    }

    #[test]
    fn a_capital_whose_small_letter_is_longer_does_not_panic() {
        // Found by the property tests: 'Ⱥ' is two bytes, 'ⱥ' three.
        let _ = clean_byline("aºȺ\u{1daa1}\na");
        let _ = clean_declared_byline("aºȺ\u{1daa1}\na");
    }

    #[test]
    fn declared_authors_keep_team_names_and_list_across_semicolons() {
        let clean = |s| clean_declared_byline(s);
        assert_eq!(
            clean("Jane Doe; John Roe").as_deref(),
            Some("Jane Doe and John Roe")
        );
        assert_eq!(clean("Podium Staff").as_deref(), Some("Podium Staff"));
        assert_eq!(
            clean("Center for Drug Evaluation and Research").as_deref(),
            Some("Center for Drug Evaluation and Research")
        );
        assert_eq!(clean("BeauHD on Friday").as_deref(), Some("BeauHD"));
        assert_eq!(clean("Written By"), None);
        assert_eq!(clean("October"), None);
        // A printed line is stricter: a team is a role, "for" introduces an outlet.
        assert_eq!(clean_byline("By Podium Staff"), None);
    }
}
