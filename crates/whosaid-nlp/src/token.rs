//! Tokens: words, numbers, punctuation and quotation marks, each a byte span.
//!
//! The tokenizer is written by hand because news text needs a few decisions no general
//! tokenizer makes the way we want: apostrophes inside words stay in the word
//! ("Russia’s", "don’t"), abbreviations with inner periods stay whole ("U.S.", "p.m."),
//! and every quotation mark is its own token whose role (opening, closing) is decided
//! later from its neighbours. It allocates one `Vec` per text and nothing per token.

use whosaid_core::Span;
use whosaid_core::chars::is_zero_width;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods ("Zelenskyy",
    /// "don’t", "U.S.", "well-known").
    Word,
    /// Digits, possibly with inner separators ("2,000", "3.5", "2022").
    Number,
    /// A quotation mark: “ ” „ « » ‹ › " and the single ‘ ’ ' when they are not
    /// apostrophes inside a word.
    Quote(QuoteChar),
    /// Any other non-space character: punctuation, symbols.
    Punct,
}

/// The quotation mark characters, by shape. Whether a mark opens or closes depends on its
/// neighbours and is decided by [`crate::quotes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteChar {
    /// “ (also „ and ‟): opens a double quotation.
    DoubleOpen,
    /// ”: closes a double quotation.
    DoubleClose,
    /// ": either.
    DoubleStraight,
    /// ‘ (also ‚ and ‛): opens a single quotation.
    SingleOpen,
    /// ’: closes a single quotation, or is an apostrophe.
    SingleClose,
    /// ': either, or an apostrophe.
    SingleStraight,
    /// « (and ‹): opens a guillemet quotation.
    GuillemetOpen,
    /// » (and ›): closes a guillemet quotation.
    GuillemetClose,
}

impl QuoteChar {
    fn of(c: char) -> Option<QuoteChar> {
        Some(match c {
            '“' | '„' | '‟' => QuoteChar::DoubleOpen,
            '”' => QuoteChar::DoubleClose,
            '"' => QuoteChar::DoubleStraight,
            '‘' | '‚' | '‛' => QuoteChar::SingleOpen,
            '’' => QuoteChar::SingleClose,
            '\'' => QuoteChar::SingleStraight,
            '«' | '‹' => QuoteChar::GuillemetOpen,
            '»' | '›' => QuoteChar::GuillemetClose,
            _ => return None,
        })
    }

    /// True for the single marks (‘ ’ ').
    pub fn is_single(self) -> bool {
        matches!(
            self,
            QuoteChar::SingleOpen | QuoteChar::SingleClose | QuoteChar::SingleStraight
        )
    }
}

/// One token: its kind and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Word, number, punctuation or quotation mark.
    pub kind: TokenKind,
    /// Byte range in the text that was tokenized.
    pub span: Span,
}

impl Token {
    /// The token's bytes in `text`.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }

    /// True for words and numbers.
    pub fn is_wordlike(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// Combining marks (accents typed as separate code points) belong to the letter before.
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// Characters that can be invisible parts of a word (soft hyphen, zero-width joiners).
fn is_invisible(c: char) -> bool {
    c == '\u{00AD}' || is_zero_width(c)
}

/// Split `text[range]` into tokens; spans are offsets into `text`.
pub fn tokenize(text: &str, range: Span) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(range.len() / 5 + 1);
    tokenize_into(text, range, &mut tokens);
    tokens
}

/// Like [`tokenize`], appending to `tokens`.
pub fn tokenize_into(text: &str, range: Span, tokens: &mut Vec<Token>) {
    let slice = range.slice(text);
    let bytes = slice.as_bytes();
    let base = range.start;
    // Byte positions rather than a `char_indices` iterator: most characters are ASCII,
    // read without decoding, and a word's letters are skipped in a tight loop.
    let mut pos = 0;
    while let Some(c) = char_at(slice, pos) {
        let i = pos;
        pos += c.len_utf8();
        // `char::is_whitespace` of the ASCII characters; none of them is invisible.
        let skip = if c.is_ascii() {
            matches!(c, ' ' | '\t'..='\r')
        } else {
            c.is_whitespace() || is_invisible(c)
        };
        if skip {
            continue;
        }
        let start = base + i;
        if let Some(q) = QuoteChar::of(c) {
            tokens.push(Token {
                kind: TokenKind::Quote(q),
                span: Span::new(start, start + c.len_utf8()),
            });
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token {
                kind: TokenKind::Punct,
                span: Span::new(start, start + c.len_utf8()),
            });
            continue;
        }
        // A word or a number: extend over word characters and the joiners that may sit
        // between two of them (apostrophe, hyphen, period, comma in numbers).
        let mut end = start + c.len_utf8();
        let mut all_digits = c.is_ascii_digit();
        let mut has_inner_period = false;
        // Where the current hyphen-separated part began: "D-N.C." is "D" and "N.C.".
        let mut part_start = start;
        loop {
            // ASCII letters and digits, the word characters of most words.
            while let Some(&b) = bytes.get(pos)
                && b.is_ascii_alphanumeric()
            {
                all_digits &= b.is_ascii_digit();
                pos += 1;
                end = base + pos;
            }
            let j = pos;
            let Some(next) = char_at(slice, j) else {
                break;
            };
            // The ASCII word characters were taken above.
            if !next.is_ascii() && (is_word_char(next) || is_invisible(next)) {
                all_digits &= next.is_ascii_digit() || is_invisible(next);
                end = base + j + next.len_utf8();
                pos = j + next.len_utf8();
                continue;
            }
            // A joiner counts only when a word character follows it.
            let after = char_at(slice, j + next.len_utf8());
            let joins = match next {
                '\'' | '’' => after.is_some_and(char::is_alphabetic) && !all_digits,
                '-' | '‑' => after.is_some_and(is_word_char),
                '.' => {
                    // "U.S.", "p.m.", "3.5": a period between letters or digits.
                    after.is_some_and(|a| a.is_alphanumeric())
                        && (all_digits || end - part_start <= 2 || has_inner_period)
                }
                ',' => all_digits && after.is_some_and(|a| a.is_ascii_digit()),
                '&' => after.is_some_and(char::is_uppercase) && end - start <= 2,
                _ => false,
            };
            if !joins {
                break;
            }
            if next == '.' {
                has_inner_period = true;
            }
            pos = j + next.len_utf8();
            end = base + pos;
            if matches!(next, '-' | '‑') {
                part_start = end;
            }
        }
        // A trailing period belongs to an abbreviation with inner periods: "U.S." keeps it.
        if has_inner_period
            && !all_digits
            && bytes.get(pos) == Some(&b'.')
            && text[start..end]
                .split(['.', '-', '‑'])
                .all(|part| part.chars().count() <= 2)
        {
            end = base + pos + 1;
            pos += 1;
        }
        // A possessive plural ("officials’ ") leaves its ’ as a quotation-mark token; the
        // quotation pairing decides what it is.
        let kind = if all_digits {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        tokens.push(Token {
            kind,
            span: Span::new(start, end),
        });
    }
}

/// The character of `slice` starting at byte `pos` (a character boundary), if any.
#[inline(always)]
fn char_at(slice: &str, pos: usize) -> Option<char> {
    match *slice.as_bytes().get(pos)? {
        b if b < 0x80 => Some(char::from(b)),
        _ => slice[pos..].chars().next(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, Span::new(0, text.len()))
            .iter()
            .map(|t| t.text(text))
            .collect()
    }

    #[test]
    fn apostrophes_inside_words_stay() {
        assert_eq!(
            words("Russia’s war, don't"),
            ["Russia’s", "war", ",", "don't"]
        );
    }

    #[test]
    fn quotation_marks_are_tokens() {
        let text = "“We want to end that war,” Trump said.";
        let toks = tokenize(text, Span::new(0, text.len()));
        assert_eq!(toks[0].kind, TokenKind::Quote(QuoteChar::DoubleOpen));
        assert_eq!(toks[0].text(text), "“");
        assert_eq!(words(text)[7..9], [",", "”"]);
    }

    #[test]
    fn abbreviations_and_numbers_stay_whole() {
        assert_eq!(
            words("U.S. interests at 2:15 p.m. cost $2,000.50."),
            [
                "U.S.",
                "interests",
                "at",
                "2",
                ":",
                "15",
                "p.m.",
                "cost",
                "$",
                "2,000.50",
                "."
            ]
        );
    }

    #[test]
    fn sentence_period_is_its_own_token() {
        assert_eq!(words("in 2022. Then"), ["in", "2022", ".", "Then"]);
        assert_eq!(words("the war."), ["the", "war", "."]);
    }

    #[test]
    fn party_and_state_abbreviations_stay_whole() {
        assert_eq!(
            words("Rep. G.K. Butterfield (D-N.C.), head"),
            [
                "Rep",
                ".",
                "G.K.",
                "Butterfield",
                "(",
                "D-N.C.",
                ")",
                ",",
                "head"
            ]
        );
        assert_eq!(
            words("Sen. Jeff Merkley (D-Ore.)"),
            ["Sen", ".", "Jeff", "Merkley", "(", "D-Ore", ".", ")"]
        );
    }

    #[test]
    fn hyphenated_words_stay_whole() {
        assert_eq!(
            words("business-like — pragmatic"),
            ["business-like", "—", "pragmatic"]
        );
    }

    #[test]
    fn spans_are_offsets_into_the_whole_text() {
        let text = "skip this. Keep that";
        let toks = tokenize(text, Span::new(11, text.len()));
        assert_eq!(toks[0].span, Span::new(11, 15));
    }

    /// The tokenizer as it was written first, over `char_indices`: what the byte-position
    /// one must give.
    fn tokenize_reference(text: &str, range: Span, tokens: &mut Vec<Token>) {
        let slice = range.slice(text);
        let base = range.start;
        let mut chars = slice.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() || is_invisible(c) {
                continue;
            }
            let start = base + i;
            if let Some(q) = QuoteChar::of(c) {
                tokens.push(Token {
                    kind: TokenKind::Quote(q),
                    span: Span::new(start, start + c.len_utf8()),
                });
                continue;
            }
            if !is_word_char(c) {
                tokens.push(Token {
                    kind: TokenKind::Punct,
                    span: Span::new(start, start + c.len_utf8()),
                });
                continue;
            }
            // A word or a number: extend over word characters and the joiners that may sit
            // between two of them (apostrophe, hyphen, period, comma in numbers).
            let mut end = start + c.len_utf8();
            let mut all_digits = c.is_ascii_digit();
            let mut has_inner_period = false;
            // Where the current hyphen-separated part began: "D-N.C." is "D" and "N.C.".
            let mut part_start = start;
            while let Some(&(j, next)) = chars.peek() {
                if is_word_char(next) || is_invisible(next) {
                    all_digits &= next.is_ascii_digit() || is_invisible(next);
                    end = base + j + next.len_utf8();
                    chars.next();
                    continue;
                }
                // A joiner counts only when a word character follows it.
                let after = slice[j + next.len_utf8()..].chars().next();
                let joins = match next {
                    '\'' | '’' => after.is_some_and(char::is_alphabetic) && !all_digits,
                    '-' | '‑' => after.is_some_and(is_word_char),
                    '.' => {
                        // "U.S.", "p.m.", "3.5": a period between letters or digits.
                        after.is_some_and(|a| a.is_alphanumeric())
                            && (all_digits || end - part_start <= 2 || has_inner_period)
                    }
                    ',' => all_digits && after.is_some_and(|a| a.is_ascii_digit()),
                    '&' => after.is_some_and(char::is_uppercase) && end - start <= 2,
                    _ => false,
                };
                if !joins {
                    break;
                }
                if next == '.' {
                    has_inner_period = true;
                }
                chars.next();
                end = base + j + next.len_utf8();
                if matches!(next, '-' | '‑') {
                    part_start = end;
                }
            }
            // A trailing period belongs to an abbreviation with inner periods: "U.S." keeps it.
            if has_inner_period
                && !all_digits
                && let Some(&(j, '.')) = chars.peek()
                && text[start..end]
                    .split(['.', '-', '‑'])
                    .all(|part| part.chars().count() <= 2)
            {
                end = base + j + 1;
                chars.next();
            }
            // A possessive plural ("officials’ ") leaves its ’ as a quotation-mark token; the
            // quotation pairing decides what it is.
            let kind = if all_digits {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            tokens.push(Token {
                kind,
                span: Span::new(start, end),
            });
        }
    }

    #[test]
    fn byte_positions_give_the_tokens_of_char_indices() {
        let cases = [
            "",
            "U.S. interests at 2:15 p.m. cost $2,000.50. Rep. G.K. Butterfield (D-N.C.), head",
            "Sen. Jeff Merkley (D-Ore.) said “We ‘want’ peace,” don’t officials’ 3.5 A&M AT&T",
            "ca\u{301}fe\u{ad}s na\u{200b}i\u{308}ve x\u{feff}y Zelenskyy’s — «war» ‑x- 1,2,3 ,4",
            "e.g. i.e. U.S.A. a.b.c.d. 1.2.3. x.y.z.. 'tis rock'n'roll 99' '99 7-Eleven -",
        ];
        // Characters that take every branch, mixed by a fixed pseudo-random sequence.
        let alphabet: Vec<char> = "aZ9.,'’-‑& \u{a0}\u{301}\u{ad}“”\"«»é漢\u{2009}\u{200b}(:"
            .chars()
            .collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut generated = Vec::new();
        for _ in 0..2000 {
            let mut s = String::new();
            for _ in 0..24 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            generated.push(s);
        }
        for text in cases
            .iter()
            .copied()
            .chain(generated.iter().map(String::as_str))
        {
            let mut expected = Vec::new();
            tokenize_reference(text, Span::new(0, text.len()), &mut expected);
            assert_eq!(
                tokenize(text, Span::new(0, text.len())),
                expected,
                "{text:?}"
            );
        }
    }
}
