//! The body as paragraphs: trafilatura's text, cut at its block breaks, without the
//! headline it often repeats at the top.

use super::text::key;

/// How many leading paragraphs are checked for a repeated headline or byline.
const HEAD_WINDOW: usize = 3;

/// The paragraphs of trafilatura's text output (blocks separated by `\n`), with a
/// leading repetition of one of `titles` removed.
pub fn paragraphs(text: &str, titles: &[&str]) -> Vec<String> {
    let mut paragraphs: Vec<String> = text
        .split('\n')
        .map(str::trim)
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
            paragraphs.remove(i);
            break;
        }
        i += 1;
    }
    paragraphs
}
