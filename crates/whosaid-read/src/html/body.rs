//! The body as paragraphs: trafilatura's text, cut at its block breaks, without the
//! headline it often repeats at the top.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{squash, unescape};
use crate::article::lexicon::key;
use whosaid_core::chars::is_zero_width;

/// The end of a block in trafilatura's serialized content.
static BLOCK_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</(?:p|h[1-6]|li|blockquote|pre|div|tr|dd|dt|figcaption|table|ul|ol|section|article)\s*>|<br\s*/?>")
        .expect("valid regex")
});

static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").expect("valid regex"));

/// Blocks of trafilatura's content HTML, one per line: some of its fallback paths give
/// the text as one run without block breaks.
pub fn blocks_of_html(html: &str) -> String {
    let marked = BLOCK_END.replace_all(html, "\n");
    TAG.replace_all(&marked, " ")
        .split('\n')
        .map(|line| squash(&unescape(line)))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// How many leading paragraphs are checked for a repeated headline or byline.
const HEAD_WINDOW: usize = 3;

/// The paragraphs of trafilatura's text output (blocks separated by `\n`), with a
/// leading repetition of one of `titles` removed.
pub fn paragraphs(text: &str, titles: &[&str]) -> Vec<String> {
    let mut paragraphs: Vec<String> = text
        .split('\n')
        .map(|p| p.trim_matches(|c: char| c.is_whitespace() || is_zero_width(c)))
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    let title_keys: Vec<String> = titles
        .iter()
        .map(|t| key(t))
        .filter(|k| !k.is_empty())
        .collect();
    let mut i = 0;
    while i < paragraphs.len().min(HEAD_WINDOW) {
        let k = key(&paragraphs[i]);
        if !k.is_empty() && title_keys.contains(&k) && paragraphs.len() > 1 {
            // The <h1> and a repeated headline paragraph may both be there.
            paragraphs.remove(i);
            continue;
        }
        i += 1;
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_of_zero_width_spacers_are_dropped() {
        let text = "Videos are snappier.\n\u{200d}\n\u{feff} \nPeople want to swipe.\u{200b}";
        assert_eq!(
            paragraphs(text, &[]),
            ["Videos are snappier.", "People want to swipe."]
        );
    }
}
