//! Sentences: runs of tokens inside one paragraph.
//!
//! A rule splitter tuned for news: a sentence ends at `.`, `!`, `?` or `…` (with any
//! closing quotation marks and brackets that follow) when the next token can start a
//! sentence. Titles and initials ("Sen.", "J."), month abbreviations before a number and
//! abbreviations with inner periods ("U.S.") do not end a sentence unless a typical
//! sentence opener follows.

use crate::token::{QuoteChar, Token, TokenKind};

/// A sentence: a run of tokens `start..end` (indices into the token list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

impl Sentence {
    /// Token indices of the sentence.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the sentence holds no token.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Abbreviations (without their period) that never end a sentence: titles that stand
/// before a name.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Gen", "Lt",
    "Col", "Sgt", "Capt", "Cmdr", "Adm", "Maj", "Rev", "Fr", "Hon", "Pres", "Supt", "Atty", "Insp",
    "Msgr", "Sr", "Jr", "St", "Mt", "Ft", "No", "Nos", "vs", "v", "Vol", "pp", "Gens", "Cpl",
    "Pvt", "Brig", "Lt.Col",
];

/// Month abbreviations: they do not end a sentence when a number follows ("Jan. 31").
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Words that typically open a sentence: after an abbreviation with periods ("U.S."),
/// one of these means the abbreviation did end the sentence.
const OPENERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "A",
    "An",
    "This",
    "That",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "On",
    "At",
    "As",
    "If",
    "When",
    "After",
    "Before",
    "While",
    "Some",
    "Many",
    "Most",
    "Others",
    "Still",
    "Yet",
    "So",
    "Meanwhile",
    "However",
    "Now",
    "Then",
    "Last",
    "Earlier",
    "Later",
    "For",
    "With",
    "Asked",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
];

fn is_terminator(token: &Token, text: &str) -> bool {
    token.kind == TokenKind::Punct && matches!(token.text(text), "." | "!" | "?" | "…")
}

fn is_closing(token: &Token, text: &str) -> bool {
    match token.kind {
        TokenKind::Quote(q) => !matches!(
            q,
            QuoteChar::DoubleOpen | QuoteChar::SingleOpen | QuoteChar::GuillemetOpen
        ),
        TokenKind::Punct => matches!(token.text(text), ")" | "]"),
        _ => false,
    }
}

/// A straight mark with space before it and a word glued after it opens a quotation:
/// `years. "I don't know` — it starts the next sentence rather than closing this one. So
/// does a run of them: the New York Times' two apostrophes (`tensely. ''There was`).
fn opens_straight(tokens: &[Token], i: usize) -> bool {
    let straight = |t: &Token| {
        matches!(
            t.kind,
            TokenKind::Quote(QuoteChar::DoubleStraight | QuoteChar::SingleStraight)
        )
    };
    if !straight(&tokens[i]) || i == 0 || tokens[i - 1].span.end >= tokens[i].span.start {
        return false;
    }
    let mut last = i;
    while tokens
        .get(last + 1)
        .is_some_and(|n| straight(n) && n.span.start == tokens[last].span.end)
    {
        last += 1;
    }
    tokens
        .get(last + 1)
        .is_some_and(|n| n.span.start == tokens[last].span.end && n.is_wordlike())
}

fn can_open_sentence(token: &Token, text: &str) -> bool {
    match token.kind {
        TokenKind::Word => token
            .text(text)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase()),
        TokenKind::Number => true,
        TokenKind::Quote(q) => !matches!(q, QuoteChar::DoubleClose | QuoteChar::GuillemetClose),
        TokenKind::Punct => matches!(token.text(text), "(" | "[" | "—" | "-" | "$"),
    }
}

/// Split `tokens` (the tokens of one paragraph of `text`) into sentences.
pub fn split_sentences(tokens: &[Token], text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let ends_here = if is_terminator(token, text) {
            period_ends_sentence(tokens, i, text)
        } else if token.kind == TokenKind::Word && token.text(text).ends_with('.') {
            // "U.S." at the end of a sentence carries the full stop inside the token.
            abbreviation_ends_sentence(tokens, i, text)
        } else {
            false
        };
        if ends_here {
            let mut end = i + 1;
            // Repeated terminators ("?!", "...") and closing marks belong to this sentence.
            while end < tokens.len()
                && (is_terminator(&tokens[end], text) || is_closing(&tokens[end], text))
                && !opens_straight(tokens, end)
            {
                end += 1;
            }
            if end >= tokens.len() || can_open_sentence(&tokens[end], text) {
                sentences.push(Sentence { start, end });
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start < tokens.len() {
        sentences.push(Sentence {
            start,
            end: tokens.len(),
        });
    }
    sentences
}

fn period_ends_sentence(tokens: &[Token], i: usize, text: &str) -> bool {
    if tokens[i].text(text) != "." || i == 0 {
        return true;
    }
    let prev = &tokens[i - 1];
    // The period must be glued to the word before to make an abbreviation of it.
    if prev.span.end != tokens[i].span.start || prev.kind != TokenKind::Word {
        return true;
    }
    let word = prev.text(text);
    if TITLES.contains(&word) {
        return false;
    }
    let next = tokens.get(i + 1);
    // "Sen. Jeff Merkley (D-Ore.), Sherrod Brown…": an abbreviation closing a bracket
    // that the sentence goes on after.
    if next.is_some_and(|n| n.text(text) == ")")
        && tokens.get(i + 2).is_some_and(|after| {
            matches!(after.text(text), "," | ";" | ":" | "—" | "–")
                || after.text(text).starts_with(char::is_lowercase)
        })
    {
        return false;
    }
    if MONTHS.contains(&word) && next.is_some_and(|n| n.kind == TokenKind::Number) {
        return false;
    }
    // An initial: "J. Smith", "Donald J. Trump". But a letter ending a sentence before a
    // pronoun is a word: "wrote Le Pen on X. She added…", "Plan B. It failed."
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return !next.is_some_and(|n| {
            n.kind == TokenKind::Word
                && n.text(text).starts_with(char::is_uppercase)
                && !matches!(n.text(text), "He" | "She" | "It" | "They" | "We" | "The")
        });
    }
    true
}

fn abbreviation_ends_sentence(tokens: &[Token], i: usize, text: &str) -> bool {
    match tokens.get(i + 1) {
        None => true,
        Some(next) => match next.kind {
            TokenKind::Word => OPENERS.contains(&next.text(text)),
            TokenKind::Quote(q) => matches!(q, QuoteChar::DoubleOpen),
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;
    use whosaid_core::Span;

    fn sentences(text: &str) -> Vec<&str> {
        let tokens = tokenize(text, Span::new(0, text.len()));
        split_sentences(&tokens, text)
            .iter()
            .map(|s| &text[tokens[s.start].span.start..tokens[s.end - 1].span.end])
            .collect()
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            sentences("“We want to end that war. That war would have not started.” Next one."),
            [
                "“We want to end that war.",
                "That war would have not started.”",
                "Next one."
            ]
        );
    }

    #[test]
    fn two_apostrophes_after_a_full_stop_open_the_next_sentence() {
        assert_eq!(
            sentences("He gripped her hands. ''It was icy,'' he said. ''Fine.'' Done."),
            [
                "He gripped her hands.",
                "''It was icy,'' he said.",
                "''Fine.''",
                "Done."
            ]
        );
    }

    #[test]
    fn question_inside_quote_before_cue_is_not_an_end() {
        assert_eq!(
            sentences("“Why now?” she asked. Nobody knew."),
            ["“Why now?” she asked.", "Nobody knew."]
        );
    }

    #[test]
    fn straight_mark_opening_the_next_quotation_starts_the_next_sentence() {
        assert_eq!(
            sentences(r#""These are strange days," he said. "I don't know.""#),
            [
                r#""These are strange days," he said."#,
                r#""I don't know.""#
            ]
        );
        assert_eq!(
            sentences(r#"He said "no." Then he left."#),
            [r#"He said "no.""#, "Then he left."]
        );
    }

    #[test]
    fn abbreviation_inside_brackets_does_not_split() {
        assert_eq!(
            sentences(
                "Sen. Jeff Merkley (D-Ore.), Sherrod Brown (D-Ohio) and others said so. Then more."
            ),
            [
                "Sen. Jeff Merkley (D-Ore.), Sherrod Brown (D-Ohio) and others said so.",
                "Then more."
            ]
        );
    }

    #[test]
    fn a_letter_before_a_pronoun_ends_its_sentence() {
        assert_eq!(
            sentences("It was all talk, wrote Le Pen on X. She added more."),
            ["It was all talk, wrote Le Pen on X.", "She added more."]
        );
        assert_eq!(
            sentences("Donald J. Trump spoke. Harry S. Truman did not."),
            ["Donald J. Trump spoke.", "Harry S. Truman did not."]
        );
    }

    #[test]
    fn titles_initials_and_dates_do_not_split() {
        assert_eq!(
            sentences("Sen. John J. Smith spoke on Jan. 31 in Washington. He left."),
            [
                "Sen. John J. Smith spoke on Jan. 31 in Washington.",
                "He left."
            ]
        );
    }

    #[test]
    fn abbreviation_at_sentence_end_splits_before_an_opener() {
        assert_eq!(
            sentences("He is focused on the U.S. He said so."),
            ["He is focused on the U.S.", "He said so."]
        );
        assert_eq!(
            sentences("The U.S. Senate voted."),
            ["The U.S. Senate voted."]
        );
    }
}
