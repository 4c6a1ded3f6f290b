//! The word lists of `crates/whosaid-read/data/`: debris phrases, section words, outlets,
//! credit words, name particles.
//!
//! The lists are compiled into the binary (`include_str!`) and parsed once, on first use.
//! Short strings are compared in a normalised form (see [`normalize`]) so that one entry
//! covers "Share", "SHARE:" and "share →".

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

const DEBRIS_TXT: &str = include_str!("../../data/debris.txt");
const WORDS_TXT: &str = include_str!("../../data/words.txt");
const OUTLETS_TXT: &str = include_str!("../../data/outlets.txt");

/// Paragraphs longer than this many bytes are never debris: widgets are short, and the
/// limit keeps the check cheap on long body paragraphs.
const MAX_DEBRIS_BYTES: usize = 600;

/// What kind of debris a short paragraph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Debris {
    /// A widget, button, box or notice ("Share", "Advertisement", "5 min read",
    /// "Copyright 2025 The Associated Press. All rights reserved."): removed wherever it
    /// appears.
    Widget,
    /// A heading that opens the lists after an article ("Related", "Most read", "Tags:
    /// …"): when only short lines follow it, the article ends there.
    Trailer,
}

/// The parsed lists.
#[derive(Debug)]
pub(crate) struct Lexicon {
    lines: HashSet<&'static str>,
    prefixes: HashSet<&'static str>,
    max_prefix_words: usize,
    short_prefixes: HashSet<&'static str>,
    suffixes: HashSet<&'static str>,
    max_suffix_words: usize,
    contains: AhoCorasick,
    /// The `[contains]` phrases matched on raw text, ignoring ASCII case: a cheap test
    /// before normalising a long paragraph.
    contains_raw: AhoCorasick,
    trailers: HashSet<&'static str>,
    social: HashSet<&'static str>,
    pub(crate) sections: HashSet<&'static str>,
    pub(crate) minor: HashSet<&'static str>,
    pub(crate) roles: HashSet<&'static str>,
    pub(crate) byline_junk: HashSet<&'static str>,
    pub(crate) placeholders: HashSet<&'static str>,
    pub(crate) particles: HashSet<&'static str>,
    pub(crate) credit: HashSet<&'static str>,
    pub(crate) credit_agency: HashSet<&'static str>,
    pub(crate) not_places: HashSet<&'static str>,
    pub(crate) calendar: HashSet<&'static str>,
    pub(crate) outlet_words: HashSet<&'static str>,
    /// Normalised outlet name → the name as the outlet spells it.
    outlets: HashMap<String, &'static str>,
    /// Outlet names, as spelled, longest first (for building patterns).
    pub(crate) outlet_names: Vec<&'static str>,
}

/// Entries of a `[section]`-structured list, with the section they belong to. Lines
/// starting with `#` are comments.
fn entries(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    let mut section = "";
    text.lines().filter_map(move |line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            return None;
        }
        Some((section, line))
    })
}

fn build() -> Lexicon {
    let mut lex = Lexicon {
        lines: HashSet::new(),
        prefixes: HashSet::new(),
        max_prefix_words: 0,
        short_prefixes: HashSet::new(),
        suffixes: HashSet::new(),
        max_suffix_words: 0,
        contains: AhoCorasick::new::<_, &str>([]).expect("empty automaton"),
        contains_raw: AhoCorasick::new::<_, &str>([]).expect("empty automaton"),
        trailers: HashSet::new(),
        social: HashSet::new(),
        sections: HashSet::new(),
        minor: HashSet::new(),
        roles: HashSet::new(),
        byline_junk: HashSet::new(),
        placeholders: HashSet::new(),
        particles: HashSet::new(),
        credit: HashSet::new(),
        credit_agency: HashSet::new(),
        not_places: HashSet::new(),
        calendar: HashSet::new(),
        outlet_words: HashSet::new(),
        outlets: HashMap::new(),
        outlet_names: Vec::new(),
    };
    let mut contains = Vec::new();
    for (section, entry) in entries(DEBRIS_TXT) {
        let words = entry.split(' ').count();
        match section {
            "line" => {
                lex.lines.insert(entry);
            }
            "prefix" => {
                lex.prefixes.insert(entry);
                lex.max_prefix_words = lex.max_prefix_words.max(words);
            }
            "short-prefix" => {
                lex.short_prefixes.insert(entry);
                lex.max_prefix_words = lex.max_prefix_words.max(words);
            }
            "suffix" => {
                lex.suffixes.insert(entry);
                lex.max_suffix_words = lex.max_suffix_words.max(words);
            }
            "contains" => contains.push(format!(" {entry} ")),
            "trailer" => {
                lex.trailers.insert(entry);
            }
            "social" => {
                lex.social.insert(entry);
            }
            other => panic!("data/debris.txt: unknown section [{other}]"),
        }
    }
    lex.contains = AhoCorasick::new(&contains).expect("data/debris.txt [contains] patterns");
    // The raw prefilter looks for each phrase's longest word: punctuation between the
    // words of a phrase ("sign up for our" vs "Sign-up for our") would defeat the phrase.
    let longest_words: Vec<&str> = contains
        .iter()
        .filter_map(|p| {
            p.split(' ')
                .filter(|w| !w.is_empty())
                .max_by_key(|w| w.len())
        })
        .collect();
    lex.contains_raw = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&longest_words)
        .expect("data/debris.txt [contains] words");
    for (section, entry) in entries(WORDS_TXT) {
        let set = match section {
            "section" => &mut lex.sections,
            "minor" => &mut lex.minor,
            "role" => &mut lex.roles,
            "byline-junk" => &mut lex.byline_junk,
            "placeholder" => &mut lex.placeholders,
            "particle" => &mut lex.particles,
            "credit" => &mut lex.credit,
            "credit-agency" => &mut lex.credit_agency,
            "not-place" => &mut lex.not_places,
            "calendar" => &mut lex.calendar,
            "outlet-word" => &mut lex.outlet_words,
            other => panic!("data/words.txt: unknown section [{other}]"),
        };
        set.insert(entry);
    }
    let mut buf = String::new();
    for (_, name) in entries(OUTLETS_TXT) {
        normalize(name, &mut buf);
        lex.outlets.insert(buf.clone(), name);
        lex.outlet_names.push(name);
    }
    lex.outlet_names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    lex
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

/// The lists, parsed on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    &LEXICON
}

/// Write the normalised form of `s` into `out`: small letters, each run of digits as
/// `0`, straight apostrophes, `&` kept, `©` read as the word "copyright", any other
/// punctuation read as a space, single spaces, no space at either end.
///
/// ```
/// let mut out = String::new();
/// whosaid_read::article::lexicon::normalize("© 2025 Editor’s PICKS →", &mut out);
/// assert_eq!(out, "copyright 0 editor's picks");
/// ```
pub fn normalize(s: &str, out: &mut String) {
    out.clear();
    // A separator was seen since the last character kept.
    let mut space = false;
    // The last character kept stands for a run of digits.
    let mut digits = false;
    let open_word = |out: &mut String, space: &mut bool| {
        if *space && !out.is_empty() {
            out.push(' ');
        }
        *space = false;
    };
    for c in s.chars() {
        if c.is_ascii_alphabetic() {
            open_word(out, &mut space);
            out.push(c.to_ascii_lowercase());
            digits = false;
        } else if c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric()) {
            if digits && !space {
                continue;
            }
            open_word(out, &mut space);
            out.push('0');
            digits = true;
        } else if c.is_alphabetic() {
            open_word(out, &mut space);
            out.extend(c.to_lowercase());
            digits = false;
        } else if matches!(c, '\'' | '’' | '‘' | 'ʼ' | '&') {
            open_word(out, &mut space);
            out.push(if c == '&' { '&' } else { '\'' });
            digits = false;
        } else if c == '©' {
            space = true;
            open_word(out, &mut space);
            out.push_str("copyright");
            space = true;
            digits = false;
        } else {
            space = true;
            digits = false;
        }
    }
    while out.ends_with('\'') {
        out.pop();
    }
}

/// A comparison key for names and titles: the small letters and digits of each word,
/// single spaces. Unlike [`normalize`], numbers and apostrophes count ("7News" is not
/// "9News", "O'Brien" is "O Brien").
///
/// ```
/// use whosaid_read::article::lexicon::key;
///
/// assert_eq!(key("The GUARDIAN — Jane O'Brien"), "the guardian jane o brien");
/// ```
pub fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Whether `s` is debris, and which kind.
///
/// ```
/// use whosaid_read::article::lexicon::{debris, Debris};
///
/// assert_eq!(debris("Share this article"), Some(Debris::Widget));
/// assert_eq!(debris("Associated Press's Profile Picture"), Some(Debris::Widget));
/// assert_eq!(debris("Related:"), Some(Debris::Trailer));
/// assert_eq!(debris("Share prices fell on Friday."), None);
/// ```
pub fn debris(s: &str) -> Option<Debris> {
    let s = s.trim();
    if s.is_empty() || s.len() > MAX_DEBRIS_BYTES || quotes_someone(s) {
        return None;
    }
    let words = s.split_whitespace().count();
    if words > 40 {
        return None;
    }
    let lex = lexicon();
    let mut norm = String::with_capacity(s.len().min(120));
    if words > 12 {
        // Only prefixes and phrases inside can make a long paragraph debris: normalise
        // its first words, and the whole only when a phrase may be in it.
        let cut = s
            .split_whitespace()
            .nth(lex.max_prefix_words + 1)
            .map_or(s.len(), |w| w.as_ptr() as usize - s.as_ptr() as usize);
        normalize(&s[..cut], &mut norm);
        if let Some(found) = debris_by_prefix(s, &norm, words, lex) {
            return Some(found);
        }
        if words <= 30 && lex.contains_raw.is_match(s) {
            normalize(s, &mut norm);
            return debris_normalized(s, &norm);
        }
        return None;
    }
    normalize(s, &mut norm);
    debris_normalized(s, &norm)
}

/// A paragraph that opens with a quotation and goes on after it is someone's words with
/// their attribution ("“Follow us,” Ms. Okafor said.", "\"Don't miss this chance,\" he
/// said."), never a widget's label, however its first words read once the marks are
/// normalised away. A paragraph that is all one quotation is judged on its words: some
/// scrapes wrap widgets in marks ("\"Related:\"", "\"Follow Pam Key on Twitter
/// @pamkey.\"").
fn quotes_someone(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix(['"', '“', '„', '«'])
        .or_else(|| s.strip_prefix("''"))
    else {
        return false;
    };
    let close = ["\"", "”", "»", "''"]
        .iter()
        .filter_map(|mark| rest.find(mark).map(|at| at + mark.len()))
        .min();
    close.is_some_and(|end| rest[end..].chars().any(char::is_alphanumeric))
}

/// The prefix rules alone, on the normalised first words of `s`.
fn debris_by_prefix(s: &str, norm: &str, words: usize, lex: &Lexicon) -> Option<Debris> {
    if let Some(colon) = s.find(':').filter(|&c| c <= 40) {
        let mut head = String::with_capacity(colon);
        normalize(&s[..colon], &mut head);
        if lex.trailers.contains(head.as_str()) {
            return Some(Debris::Trailer);
        }
    }
    let prefixed = word_prefixes(norm, lex.max_prefix_words)
        .any(|p| lex.prefixes.contains(p) || (words <= 6 && lex.short_prefixes.contains(p)));
    if prefixed || (words <= 30 && is_follow_line(s, norm, lex)) {
        return Some(Debris::Widget);
    }
    None
}

/// [`debris`] of `s` whose whole normalised form is `norm`.
pub(crate) fn debris_normalized(s: &str, norm: &str) -> Option<Debris> {
    let lex = lexicon();
    if norm.is_empty() {
        return None;
    }
    if lex.trailers.contains(norm) {
        return Some(Debris::Trailer);
    }
    let words = norm.split(' ').count();
    if words <= 12 && lex.lines.contains(norm) {
        return Some(Debris::Widget);
    }
    if let Some(found) = debris_by_prefix(s, norm, words, lex) {
        return Some(found);
    }
    if words <= 12 && word_suffixes(norm, lex.max_suffix_words).any(|p| lex.suffixes.contains(p)) {
        return Some(Debris::Widget);
    }
    if words <= 30 && lex.contains_raw.is_match(s) {
        let padded = format!(" {norm} ");
        if lex.contains.is_match(&padded) {
            return Some(Debris::Widget);
        }
    }
    None
}

/// "Follow Jane Doe on Twitter @janedoe.", "Follow us on Instagram".
fn is_follow_line(s: &str, norm: &str, lex: &Lexicon) -> bool {
    let Some(rest) = norm.strip_prefix("follow ") else {
        return false;
    };
    s.contains('@')
        || rest
            .split(" on ")
            .skip(1)
            .any(|after| lex.social.contains(after.split(' ').next().unwrap_or("")))
}

/// The first 1, 2, … `max` words of `norm`.
fn word_prefixes(norm: &str, max: usize) -> impl Iterator<Item = &str> {
    norm.match_indices(' ')
        .map(|(i, _)| &norm[..i])
        .chain(std::iter::once(norm))
        .take(max)
}

/// The last 1, 2, … `max` words of `norm`.
fn word_suffixes(norm: &str, max: usize) -> impl Iterator<Item = &str> {
    norm.rmatch_indices(' ')
        .map(|(i, _)| &norm[i + 1..])
        .chain(std::iter::once(norm))
        .take(max)
}

/// The outlet `s` names, spelled as the outlet spells it: "ASSOCIATED PRESS" →
/// "Associated Press", "reuters" → "Reuters".
///
/// ```
/// use whosaid_read::article::lexicon::outlet;
///
/// assert_eq!(outlet("ASSOCIATED PRESS"), Some("Associated Press"));
/// assert_eq!(outlet("Jane Doe"), None);
/// ```
pub fn outlet(s: &str) -> Option<&'static str> {
    let s = s.trim();
    if s.is_empty() || s.len() > 60 {
        return None;
    }
    let mut norm = String::with_capacity(s.len());
    normalize(s, &mut norm);
    lexicon().outlets.get(norm.as_str()).copied()
}

/// True when the (small-letter) word is one that names a section or desk ("news",
/// "politics", "world").
pub fn is_section_word(word: &str) -> bool {
    lexicon().sections.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        let lex = lexicon();
        assert!(lex.lines.contains("0 min read"));
        assert!(lex.lines.contains("advertisement"));
        assert!(lex.sections.contains("news"));
        assert!(lex.particles.contains("van"));
        assert_eq!(outlet("The Associated Press"), Some("The Associated Press"));
    }

    #[test]
    fn normalize_collapses_digits_and_punctuation() {
        let mut out = String::new();
        normalize("date 2025-01-31 Close", &mut out);
        assert_eq!(out, "date 0 0 0 close");
        normalize("  Share:  ", &mut out);
        assert_eq!(out, "share");
        normalize("5 MIN READ", &mut out);
        assert_eq!(out, "0 min read");
    }

    #[test]
    fn debris_kinds() {
        assert_eq!(debris("Advertisement"), Some(Debris::Widget));
        assert_eq!(debris("5 min read"), Some(Debris::Widget));
        assert_eq!(
            debris("Copyright 2025 The Associated Press. All rights reserved."),
            Some(Debris::Widget)
        );
        assert_eq!(
            debris("Sign up for our morning newsletter"),
            Some(Debris::Widget)
        );
        assert_eq!(
            debris("Follow Jane Doe on Twitter @janedoe."),
            Some(Debris::Widget)
        );
        assert_eq!(debris("Most read"), Some(Debris::Trailer));
        assert_eq!(debris("Tags: Russia, Ukraine"), Some(Debris::Trailer));
        assert_eq!(debris("Follow the money, the senator said."), None);
        assert_eq!(debris("“Follow us,” Ms. Okafor said."), None);
        assert_eq!(debris("\"Don't miss this chance,\" he said."), None);
        assert_eq!(debris("''Sign up now,'' the organizer said."), None);
        assert_eq!(debris("\"Related:\""), Some(Debris::Trailer));
        assert_eq!(
            debris("\"Follow Pam Key on Twitter @pamkeyNEN.\""),
            Some(Debris::Widget)
        );
        assert_eq!(debris("Copyright law has not kept up, she said."), None);
        assert_eq!(debris("Related charges were filed on Friday."), None);
    }
}
