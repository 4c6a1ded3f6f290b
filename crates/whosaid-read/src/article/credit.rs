//! Picture captions and their credits: "… in Washington. (AP Photo/Evan Vucci)".
//!
//! Credits come in a few shapes: in parentheses at the end ("(AP Photo/Evan Vucci)",
//! "(Getty Images)", "(Riverton Daily/Ana Soto)"), after a label ("Photo: Jane
//! Doe/Reuters", "Photograph: Evan Vucci/AP", "Credit: ASSOCIATED PRESS", "Image source,
//! Getty Images", "Courtesy of the family"), or as a bare agency or "Name/Agency" after
//! the caption's last sentence ("… on Friday. Evan Vucci/AP", "… on Monday. Getty
//! Images", "… in Kyiv. Jane Doe for AFP"). A credit is kept as printed, except for its
//! label: "AP Photo/Evan Vucci" keeps "AP Photo" (that is how AP credits), "Photo: Jane
//! Doe/Reuters" becomes "Jane Doe/Reuters" ([`strip_credit_label`]).
//!
//! Both readers split captions here: the scraped-text reader on caption lines, the HTML
//! reader on `<figcaption>` and JSON-LD captions.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::lexicon::{lexicon, outlet};

/// Labels that introduce a credit, in small letters.
const LABELS: &[&str] = &[
    "illustration by",
    "courtesy of",
    "photo credit",
    "image credit",
    "picture credit",
    "photograph by",
    "photographs by",
    "photo by",
    "photos by",
    "image by",
    "photograph",
    "photographs",
    "photo",
    "photos",
    "image source",
    "image",
    "picture",
    "pictures",
    "credit",
    "credits",
    "illustration",
    "courtesy",
];

static LABEL_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(LABELS)
        .expect("credit labels")
});

/// Words of `s` as written: runs of letters and digits.
fn word_runs(s: &str) -> impl Iterator<Item = &str> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Words of `s` in small letters.
fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    word_runs(s).map(str::to_lowercase)
}

/// How many words [`words`] gives for `s`, without building them: it runs on every short
/// paragraph of every page, most of which are not credits at all.
fn word_count(s: &str) -> usize {
    word_runs(s).count()
}

/// True when `s` (the inside of parentheses, or a bare "Name/Agency") reads as a credit.
fn is_credit(s: &str) -> bool {
    let lex = lexicon();
    let n = word_count(s);
    if n == 0 || n > 12 {
        return false;
    }
    // "(WARNING: Video contains graphic images.)": a label that is no credit word opens a
    // note to the reader, whatever words follow it.
    if let Some((label, _)) = s.split_once(':')
        && !words(label).any(|w| lex.credit.contains(w.as_str()))
    {
        return false;
    }
    if words(s).any(|w| lex.credit.contains(w.as_str())) {
        return true;
    }
    s.contains('/')
        && (s.split('/').any(|side| {
            outlet(side).is_some() || words(side).any(|w| lex.credit_agency.contains(w.as_str()))
        }) || is_name_slash_name(s))
}

/// "Riverton Daily/Ana Soto": a publication and a photographer, each capitalised, one of
/// them two words or more ("Yes/No" and "Trump/Pence" are not credits).
fn is_name_slash_name(s: &str) -> bool {
    let Some((left, right)) = s.split_once('/') else {
        return false;
    };
    let side = |part: &str| {
        let part = part.trim();
        part.starts_with(char::is_uppercase) && word_count(part) <= 4
    };
    s.chars().all(is_name_char)
        && !right.contains('/')
        && side(left)
        && side(right)
        && (word_count(left) >= 2 || word_count(right) >= 2)
}

/// Characters of a "Name/Agency" credit: letters, spaces, slashes and the punctuation of
/// names. Anything else (brackets, digits, "pic.twitter.com/…") is not a credit.
fn is_name_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | '-' | '/')
}

/// True when all of `s` is a credit name with no caption: "Getty Images", "Reuters",
/// "Getty.", "Evan Vucci/AP".
fn is_bare_credit(s: &str) -> bool {
    let lex = lexicon();
    let s = s.trim().trim_end_matches('.');
    if s.is_empty() || s.len() > 80 {
        return false;
    }
    // At least one word: a lone mark ending a paragraph ("…he said. “They see that. “")
    // is no credit.
    outlet(s).is_some()
        || ((1..=3).contains(&word_count(s))
            && words(s)
                .all(|w| lex.credit.contains(w.as_str()) || lex.credit_agency.contains(w.as_str())))
        || (s.contains('/') && s.chars().all(is_name_char) && word_count(s) <= 6 && is_credit(s))
}

/// A credit without its leading label: "Photo: Jonas Berg" → "Jonas Berg", "Photo by Jane
/// Doe" → "Jane Doe"; "AP Photo/Evan Vucci" stays as AP prints it.
///
/// ```
/// use whosaid_read::article::credit::strip_credit_label;
///
/// assert_eq!(strip_credit_label("Photo: Jonas Berg"), "Jonas Berg");
/// assert_eq!(strip_credit_label("AP Photo/Evan Vucci"), "AP Photo/Evan Vucci");
/// ```
pub fn strip_credit_label(credit: &str) -> &str {
    let credit = credit.trim();
    if let Some(m) = LABEL_FINDER.find(credit).filter(|m| m.start() == 0) {
        let rest = &credit[m.end()..];
        let word_ends = rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric());
        let is_ap_style = rest.starts_with('/');
        // "Courtesy of the family" says who gave the picture: the words stay.
        let courtesy = credit[..m.end()].ends_with(" of");
        if word_ends && !is_ap_style && !courtesy {
            let rest = rest.trim_start_matches([':', ',', ' ', '\u{a0}']);
            if !rest.is_empty() {
                return rest.trim();
            }
        }
    }
    credit
}

/// Trim what separates a caption from its credit.
fn clean_caption(caption: &str) -> &str {
    caption
        .trim()
        .trim_end_matches(['|', '-', '–', '—', '/', ':'])
        .trim_end()
}

/// Split a caption from its credit: `(caption, Some(credit))` when `s` ends with a
/// credit, `(s, None)` when it has none. A line that is only a credit gives an empty
/// caption.
///
/// ```
/// use whosaid_read::article::credit::split_caption_credit;
///
/// assert_eq!(
///     split_caption_credit("Trump at the White House. (AP Photo/Evan Vucci)"),
///     ("Trump at the White House.", Some("AP Photo/Evan Vucci"))
/// );
/// assert_eq!(split_caption_credit("Credit: ASSOCIATED PRESS"), ("", Some("ASSOCIATED PRESS")));
/// assert_eq!(split_caption_credit("Sen. Ted Cruz (R-Texas)"), ("Sen. Ted Cruz (R-Texas)", None));
/// // Sentences of an article, not captions (PolNeAR dev and train):
/// let warning = "He was shot at his car. (WARNING: Video contains graphic images.)";
/// assert_eq!(split_caption_credit(warning), (warning, None));
/// let initial = "Mr. Trump called it ''a disgrace,'' blaming Michael R. Bloomberg.";
/// assert_eq!(split_caption_credit(initial), (initial, None));
/// assert_eq!(
///     split_caption_credit("Trump in Ohio on Monday. MICHAEL B. THOMAS via Getty Images."),
///     ("Trump in Ohio on Monday.", Some("MICHAEL B. THOMAS via Getty Images"))
/// );
/// assert_eq!(
///     split_caption_credit("MICHAEL B. THOMAS via Getty Images."),
///     ("", Some("MICHAEL B. THOMAS via Getty Images"))
/// );
/// let brief = "Stopping brain inflammation may be the key to combating the disease. [HuffPost.]";
/// assert_eq!(split_caption_credit(brief), (brief, None));
/// let stray_mark = "“We won,” he said. “They see that. “";
/// assert_eq!(split_caption_credit(stray_mark), (stray_mark, None));
/// ```
pub fn split_caption_credit(s: &str) -> (&str, Option<&str>) {
    let t = s.trim();
    if t.is_empty() {
        return (t, None);
    }
    // "(AP Photo/Evan Vucci)", "(Getty Images)" at the end.
    if let Some(inner_end) = t.strip_suffix(')').map(str::len)
        && let Some(open) = t[..inner_end].rfind('(')
    {
        let inner = &t[open + 1..inner_end];
        if !inner.contains(['(', ')']) && is_credit(inner) {
            return (clean_caption(&t[..open]), Some(strip_credit_label(inner)));
        }
    }
    // "Photo: Jane Doe/Reuters", "… Photograph: Evan Vucci/AP", "Image source, Getty".
    for m in LABEL_FINDER
        .find_iter(t)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let before = &t[..m.start()];
        let after = &t[m.end()..];
        let opens_segment = before.trim_end().is_empty()
            || before
                .trim_end()
                .ends_with(['.', '|', '-', '–', '—', ';', '!', '?', '”', '"', ')']);
        let label = &t[m.start()..m.end()];
        let labelled = after.starts_with(':')
            || after.starts_with(", ")
            // "…on Friday.Credit...Doug Mills/The New York Times"
            || after.starts_with("...")
            || after.starts_with('…')
            || (label.len() > 6
                && (label.ends_with(" by") || label.ends_with(" of"))
                && after.starts_with(' '));
        let credit = after.trim_start_matches([':', ',', '.', '…']).trim();
        let credit_words = word_count(credit);
        if opens_segment && labelled && (1..=10).contains(&credit_words) {
            let credit = if label.ends_with(" of") {
                // "Courtesy of the family": the label is part of what it says.
                t[m.start()..].trim()
            } else {
                credit
            };
            return (clean_caption(before), Some(credit.trim_end_matches('.')));
        }
    }
    // A line that is only a credit name: "Getty Images", "Reuters/Jane Doe", "Getty.".
    if is_bare_credit(t) {
        return ("", Some(t.trim_end_matches('.')));
    }
    // "… on Friday. Evan Vucci/AP", "… March 14, 2025. Press service of Ukraine/Handout
    // via REUTERS", "… on Monday. Getty Images": a credit after the caption's last
    // sentence.
    // After an initial the name goes on: "…blaming Michael R. Bloomberg." is a sentence;
    // in "… Monday. MICHAEL B. THOMAS via Getty Images" the credit starts at "MICHAEL".
    let after_initial = |dot: usize| {
        let mut before = t[..dot].chars().rev();
        before.next().is_some_and(char::is_uppercase)
            && before.next().is_none_or(|c| !c.is_alphanumeric())
    };
    let mut last_stop = t.rfind(". ");
    while let Some(dot) = last_stop.filter(|&dot| after_initial(dot)) {
        last_stop = t[..dot].rfind(". ");
    }
    match last_stop {
        // "…may be the key to combating the disease. [HuffPost.]": a source in square
        // brackets after a news brief links to the story; it credits no picture.
        Some(dot) if t[dot + 2..].trim_start().starts_with('[') => {}
        Some(dot) => {
            let tail = t[dot + 2..].trim().trim_end_matches('.');
            if is_trailing_credit(tail) || is_bare_credit(tail) {
                return (clean_caption(&t[..dot + 1]), Some(tail));
            }
        }
        // "MICHAEL B. THOMAS via Getty Images." alone on its line.
        None if is_trailing_credit(t.trim_end_matches('.')) => {
            return ("", Some(t.trim_end_matches('.')));
        }
        None => {}
    }
    (t, None)
}

/// A credit after a caption's last sentence: names and agencies joined by slashes, "via"
/// or "for", ending with an agency or opening with one ("Evan Vucci/AP", "Handout via
/// REUTERS", "REUTERS/Jane Doe", "Jane Doe for AFP").
fn is_trailing_credit(tail: &str) -> bool {
    let lex = lexicon();
    let n = word_count(tail);
    if !(1..=14).contains(&n) || !tail.chars().all(is_name_char) {
        return false;
    }
    if !(tail.contains('/') || tail.contains(" via ") || tail.contains(" for ")) {
        return false;
    }
    let is_agency = |part: &str| {
        let part = part.trim();
        outlet(part).is_some()
            || (word_count(part) <= 2
                && words(part).all(|w| {
                    lex.credit_agency.contains(w.as_str()) || lex.credit.contains(w.as_str())
                }))
    };
    let last = tail.rsplit(['/']).next().unwrap_or("");
    let last = last.rsplit(" via ").next().unwrap_or(last);
    let last = last.rsplit(" for ").next().unwrap_or(last);
    let first = tail.split('/').next().unwrap_or("");
    is_agency(last) || (tail.contains('/') && is_agency(first))
}

/// True when all of `s` is a credit, without a caption.
pub fn is_credit_line(s: &str) -> bool {
    matches!(split_caption_credit(s), ("", Some(_)))
}
