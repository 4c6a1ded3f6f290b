//! Character classes that the reader and the analysis must agree on.

/// Zero-width characters (spaces, joiners, word joiner, byte-order mark), which
/// `char::is_whitespace` and `str::trim` keep. Pages put them between words and as
/// spacer paragraphs (WCXB dev 2035 has paragraphs of a lone zero-width joiner), so the
/// reader treats a paragraph of nothing else as empty and the tokenizer keeps them
/// inside the word they sit in.
///
/// ```
/// use whosaid_core::chars::is_zero_width;
///
/// assert!(is_zero_width('\u{200D}'));
/// assert!(!is_zero_width(' '));
/// ```
pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}
