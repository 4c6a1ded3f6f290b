//! Letter case: shouted labels and names made readable.

use super::lexicon::lexicon;

/// True when `s` has at least two capital letters and no small letter: "NATIONAL NEWS".
pub(crate) fn is_shouted(s: &str) -> bool {
    let mut upper = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        }
    }
    upper >= 2
}

/// Capitalise the first letter of `part` and lower the rest.
fn push_capitalised(out: &mut String, part: &str) {
    let mut chars = part.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        for c in chars {
            out.extend(c.to_lowercase());
        }
    }
}

/// A shouted label in title case: "NATIONAL NEWS" → "National News", "NEWS AND
/// POLITICS" → "News and Politics". Abbreviations keep their capitals ("U.S. NEWS" →
/// "U.S. News", "UK POLITICS" → "UK Politics").
pub(crate) fn title_case_label(s: &str) -> String {
    let lex = lexicon();
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if i > 0 && lex.minor.contains(lower.as_str()) {
            out.push_str(&lower);
        } else if word.contains('.') || (letters == 2 && word.chars().all(char::is_uppercase)) {
            out.push_str(word);
        } else {
            for (j, part) in word.split('-').enumerate() {
                if j > 0 {
                    out.push('-');
                }
                push_capitalised(&mut out, part);
            }
        }
    }
    out
}

fn is_roman_numeral(word: &str) -> bool {
    matches!(word, "II" | "III" | "IV" | "VI" | "VII" | "VIII")
}

/// One part of a name between hyphens: "MCDONALD" → "McDonald", "O'BRIEN" → "O'Brien",
/// "DOE'S" → "Doe's".
fn push_name_part(out: &mut String, part: &str) {
    let mut start = 0;
    let mut prev_len = 0;
    let ends = part
        .char_indices()
        .filter(|(_, c)| *c == '\'' || *c == '’')
        .chain(std::iter::once((part.len(), ' ')));
    for (end, apostrophe) in ends {
        let piece = &part[start..end];
        let len = piece.chars().count();
        if start > 0 && len == 1 && prev_len > 1 {
            // A one-letter tail after an apostrophe is a possessive or a contraction
            // ("DOE'S"); a one-letter head before it is a prefix of the name ("O'BRIEN").
            out.push_str(&piece.to_lowercase());
        } else if len > 3 && piece.is_char_boundary(2) && piece[..2].eq_ignore_ascii_case("mc") {
            out.push_str("Mc");
            push_capitalised(out, &piece[2..]);
        } else {
            push_capitalised(out, piece);
        }
        if end < part.len() {
            out.push(apostrophe);
            start = end + apostrophe.len_utf8();
        }
        prev_len = len;
    }
}

/// A shouted name in the case people write it: "JANE DOE" → "Jane Doe", "JOHN
/// MCDONALD" → "John McDonald", "CONAN O'BRIEN" → "Conan O'Brien", "JEAN-PAUL DE LA
/// CRUZ" → "Jean-Paul de la Cruz", "JANE DOE AND JOHN ROE" → "Jane Doe and John Roe".
pub(crate) fn title_case_name(s: &str) -> String {
    let lex = lexicon();
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        let bare = lower.trim_end_matches([',', '.']);
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if bare == "and" || bare == "&" || (i > 0 && lex.particles.contains(bare)) {
            out.push_str(&lower);
        } else if letters <= 1 || is_roman_numeral(word.trim_end_matches([',', '.'])) {
            // Initials ("J.") and numerals ("III") stay as written.
            out.push_str(word);
        } else {
            for (j, part) in word.split('-').enumerate() {
                if j > 0 {
                    out.push('-');
                }
                push_name_part(&mut out, part);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_inner_capitals() {
        assert_eq!(title_case_name("JOHN MCDONALD"), "John McDonald");
        assert_eq!(title_case_name("CONAN O'BRIEN"), "Conan O'Brien");
        assert_eq!(
            title_case_name("JEAN-PAUL DE LA CRUZ"),
            "Jean-Paul de la Cruz"
        );
        assert_eq!(
            title_case_name("JANE DOE AND JOHN ROE"),
            "Jane Doe and John Roe"
        );
        assert_eq!(
            title_case_name("MARTIN LUTHER KING III"),
            "Martin Luther King III"
        );
        assert_eq!(title_case_name("J. ROE"), "J. Roe");
    }

    #[test]
    fn labels_keep_abbreviations() {
        assert_eq!(title_case_label("NATIONAL NEWS"), "National News");
        assert_eq!(title_case_label("NEWS AND POLITICS"), "News and Politics");
        assert_eq!(title_case_label("U.S. NEWS"), "U.S. News");
        assert_eq!(title_case_label("UK POLITICS"), "UK Politics");
    }

    #[test]
    fn shouting_needs_two_capitals_and_no_small_letter() {
        assert!(is_shouted("NATIONAL NEWS"));
        assert!(!is_shouted("National News"));
        assert!(!is_shouted("A"));
    }
}
