//! The keys entities are matched on across articles.
//!
//! Within one article the analysis has already joined "Donald Trump", "Trump", "he" and
//! "the president" into one entity whose name is the fullest the article gives. Across
//! articles the store matches those names:
//! - a person's key is first and last name, lower-cased, without middle names, initials,
//!   periods or suffixes, a familiar first name in its formal form: "Donald J. Trump" and
//!   "Donald Trump" share `donald trump`, "Joe Biden" and "Joseph R. Biden Jr." `joseph
//!   biden`, "François Hollande" and "Francois Hollande" `francois hollande` (without
//!   accents), while "Boris Johnson" and "Mike Johnson" never meet;
//! - a person named by surname alone ("Trump", from "President Trump") is matched in
//!   `ingest` against the full names with that surname (see `resolve_person` there);
//! - organizations and places match on their lower-cased name without a leading "the" and
//!   without periods ("U.S." = "US"), organizations also without a legal form at the end
//!   ("Apple Inc." = "Apple");
//! - in every key an apostrophe is the typewriter one: outlets print "Martin O’Malley" and
//!   "Martin O'Malley", "Dinesh D’Souza" and "Dinesh D'Souza" for the same person.

use whosaid_core::names::{without_legal_form, without_name_article};

/// How a person's name is matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PersonKey {
    /// `first last`, or the surname alone when that is all there is.
    pub key: String,
    /// Lower-cased last name.
    pub surname: String,
    /// Only a surname is known.
    pub partial: bool,
}

/// Familiar first names and the formal name each stands for (`data/nicknames.txt`).
fn formal_first_name(first: &str) -> &str {
    static NICKNAMES: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    NICKNAMES
        .get_or_init(|| {
            include_str!("../data/nicknames.txt")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once(' '))
                .map(|(familiar, formal)| (familiar.trim(), formal.trim()))
                .collect()
        })
        .get(first)
        .copied()
        .unwrap_or(first)
}

/// A word that alone names no one by surname, so that a person named only by it is
/// never linked to a full name ending with it:
/// - a familiar form of a first name ("bob", "bill", "joe"): a story that names someone
///   only so (the CIA base chief "Bob") names no one of that surname ("Cabo Bob"
///   elsewhere);
/// - a single letter: the writer's "I" of a review page is not "Survey I" of a poll
///   report ("…samples identified by letters A through I. Survey I showed…").
pub(crate) fn never_a_surname(word: &str) -> bool {
    word.chars().count() == 1 || formal_first_name(word) != word
}

/// Name endings that are not part of the surname.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "v", "phd", "md"];

/// A typographic apostrophe or a mark printed for one (’ ‘ ʼ ` ´) as the typewriter
/// apostrophe: keys compare names however the outlet typeset them.
fn plain_apostrophe(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' | '\u{00b4}' => '\'',
        _ => c,
    }
}

/// The key of a person's name, or `None` when the name has no letters.
pub(crate) fn person_key(name: &str) -> Option<PersonKey> {
    let mut words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| {
            let lower = w
                .chars()
                .filter(|c| *c != '.')
                .map(plain_apostrophe)
                .flat_map(char::to_lowercase);
            if w.is_ascii() {
                lower.collect::<String>()
            } else {
                without_accents(lower)
            }
        })
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    while words.len() > 1 && words.last().is_some_and(|w| SUFFIXES.contains(&w.as_str())) {
        words.pop();
    }
    // "Bashar al-Assad", "Bashar Assad" and "Assad": the Arabic article written onto a
    // family name is no part of the key.
    if let Some(last) = words.last_mut() {
        let family = without_name_article(last);
        if family.len() < last.len() {
            *last = family.to_owned();
        }
    }
    let surname = words.last()?.clone();
    if words.len() == 1 {
        return Some(PersonKey {
            key: surname.clone(),
            surname,
            partial: true,
        });
    }
    Some(PersonKey {
        key: format!("{} {}", formal_first_name(&words[0]), surname),
        surname,
        partial: false,
    })
}

/// Letters without their accents ("françois" → "francois", "lópez" → "lopez"): outlets
/// print the same name with and without them. Decomposed (NFD), the marks are characters
/// of their own, left out.
fn without_accents(chars: impl Iterator<Item = char>) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    chars.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// The key of an organization's or place's name.
pub(crate) fn plain_key(name: &str) -> String {
    let lower: String = name
        .chars()
        .filter(|c| *c != '.')
        .map(plain_apostrophe)
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
}

/// The key of an organization's name: [`plain_key`] without the legal form at its end
/// ("Apple Inc." is `apple`, as "Apple" is).
pub(crate) fn organization_key(name: &str) -> String {
    plain_key(without_legal_form(name))
}

/// The words of a statement, for recognising the same statement in another article:
/// lower-cased letters and digits, quotation marks, punctuation and spacing ignored.
pub(crate) fn statement_words(content: &str) -> String {
    let mut out = String::with_capacity(content.len());
    for word in content
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            // Most words: the same lower case as below, without a char at a time.
            let start = out.len();
            out.push_str(word);
            out[start..].make_ascii_lowercase();
            continue;
        }
        out.extend(word.chars().flat_map(char::to_lowercase).map(|c| match c {
            '’' => '\'',
            c => c,
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arabic_article_on_a_family_name_is_not_part_of_the_key() {
        let full = person_key("Bashar al-Assad").unwrap();
        assert_eq!(full.key, "bashar assad");
        assert_eq!(person_key("Bashar Assad").unwrap(), full);
        assert_eq!(person_key("al-Assad").unwrap().surname, "assad");
        assert_eq!(person_key("Abdel Fattah el-Sisi").unwrap().surname, "sisi");
        // Not a prefix of any word: "Alan Elkins" keeps its surname.
        assert_eq!(person_key("Alan Elkins").unwrap().surname, "elkins");
    }

    #[test]
    fn middle_names_initials_and_suffixes_do_not_change_a_persons_key() {
        let full = person_key("Donald Trump").unwrap();
        assert_eq!(full.key, "donald trump");
        assert!(!full.partial);
        assert_eq!(person_key("Donald J. Trump").unwrap(), full);
        assert_eq!(
            person_key("Donald John Trump Jr.").unwrap().key,
            "donald trump"
        );
        assert_eq!(
            person_key("Martin Luther King Jr.").unwrap().surname,
            "king"
        );
    }

    #[test]
    fn a_name_with_or_without_its_accents_is_one_key() {
        let key = |name| person_key(name).unwrap();
        assert_eq!(key("François Hollande"), key("Francois Hollande"));
        assert_eq!(key("Andrés Manuel López Obrador").surname, "obrador");
        assert_eq!(key("Peña").key, "pena");
        assert_ne!(key("François Hollande"), key("François Fillon"));
    }

    #[test]
    fn typographic_and_typewriter_apostrophes_are_one_key() {
        assert_eq!(
            person_key("Martin O’Malley").unwrap(),
            person_key("Martin O'Malley").unwrap()
        );
        assert_eq!(person_key("Dinesh D’Souza").unwrap().surname, "d'souza");
        assert_eq!(
            organization_key("McDonald’s"),
            organization_key("McDonald's")
        );
        assert_eq!(plain_key("Côte d’Ivoire"), plain_key("Côte d'Ivoire"));
    }

    #[test]
    fn a_familiar_first_name_is_the_formal_one() {
        assert_eq!(
            person_key("Joe Biden").unwrap(),
            person_key("Joseph R. Biden Jr.").unwrap()
        );
        assert_eq!(
            person_key("Chuck Grassley").unwrap().key,
            "charles grassley"
        );
        // Forms that stand for several names are left as they are.
        assert_eq!(person_key("Chris Christie").unwrap().key, "chris christie");
        assert_ne!(person_key("Mike Johnson"), person_key("Boris Johnson"));
    }

    #[test]
    fn people_who_share_a_surname_get_different_keys() {
        let boris = person_key("Boris Johnson").unwrap();
        let mike = person_key("Mike Johnson").unwrap();
        assert_ne!(boris.key, mike.key);
        assert_eq!(boris.surname, mike.surname);
    }

    #[test]
    fn a_surname_alone_is_a_partial_key() {
        let trump = person_key("Trump").unwrap();
        assert!(trump.partial);
        assert_eq!(trump.surname, "trump");
        assert_eq!(person_key("  "), None);
    }

    #[test]
    fn organizations_match_without_the_article_or_periods() {
        assert_eq!(plain_key("The Kremlin"), plain_key("Kremlin"));
        assert_eq!(plain_key("U.S."), "us");
        assert_eq!(plain_key("The"), "the");
        assert_eq!(organization_key("Apple Inc."), organization_key("Apple"));
        assert_eq!(organization_key("Alphabet, Inc."), "alphabet");
        assert_ne!(organization_key("Ford Motor Co."), organization_key("Ford"));
    }

    #[test]
    fn statement_words_lower_ascii_and_other_words_alike() {
        // Statement keys are stored: the ASCII shortcut must give what to_lowercase gives.
        let text = "“We DON’T want WAR,” Ms. Ödön-İris said: 'NO’ — 42x";
        let reference: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .map(|w| w.trim_matches(|c| c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>())
            .map(|w| w.replace('’', "'"))
            .collect();
        assert_eq!(statement_words(text), reference.join(" "));
        assert!(statement_words(text).starts_with("we don't want war ms ödön i"));
    }

    #[test]
    fn the_same_statement_is_recognised_across_quotation_styles() {
        assert_eq!(
            statement_words("“We don’t want war,” "),
            statement_words("\"We don't want WAR\"")
        );
        assert_ne!(
            statement_words("we want war"),
            statement_words("we want peace")
        );
    }
}
