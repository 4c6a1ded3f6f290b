//! Datelines: the place (and agency) a wire story opens with, "WASHINGTON (AP) — ".
//!
//! The dateline stays in the body (it is part of the first sentence as printed) and is
//! also recorded as metadata. The recorded place is the place as printed, with its region
//! when one is given ("KYIV, Ukraine", "NASHUA, N.H."): the region tells Paris, France from
//! Paris, Texas. The date some agencies add ("NEW YORK, Jan 31 (Reuters) -") and the
//! agency are not part of the place.
//!
//! A place in capitals needs only the dash after it ("WASHINGTON — "); a place in title
//! case needs an agency too ("Washington (CNN) — "), because a title-case word and a dash
//! open plenty of ordinary sentences. A place has three letters at least: "AI — " and
//! "US — " open sentences about them.
//!
//! Both readers record the place this module finds: the scraped-text reader on the
//! paragraph that opens the story, the HTML reader on the body's first paragraph.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{lexicon, outlet};

/// A dateline at the start of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The place, as printed: "WASHINGTON", "KYIV, Ukraine".
    pub place: String,
    /// Byte length of the whole dateline prefix, dash and following spaces included: the
    /// paragraph's own text starts at this offset.
    pub len: usize,
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let agencies: Vec<String> = lexicon()
        .outlet_names
        .iter()
        .filter(|name| name.len() <= 5 && name.chars().all(|c| c.is_ascii_uppercase()))
        .map(|name| regex::escape(name))
        .collect();
    let pattern = format!(
        r"(?x)^
        (?:
            (?P<shout>\p{{Lu}}[\p{{Lu}}.'’\-]+(?:\x20\p{{Lu}}[\p{{Lu}}.'’\-]*){{0,3}})
            (?P<sregion>,\x20\p{{Lu}}[\p{{L}}.'’\-]*(?:\x20\p{{Lu}}[\p{{L}}.'’\-]*){{0,2}})?
          |
            (?P<title>\p{{Lu}}\p{{Ll}}[\p{{L}}.'’\-]*(?:\x20\p{{Lu}}\p{{Ll}}[\p{{L}}.'’\-]*){{0,2}}
                (?:,\x20\p{{Lu}}[\p{{L}}.'’\-]*(?:\x20\p{{Lu}}[\p{{L}}.'’\-]*)?)?)
        )
        (?:,\x20(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\x20\d{{1,2}})?
        (?P<agency>\s*\([^()\n]{{1,40}}\)|\s+(?:{agencies}))?
        (?:\s*[—–―]\s*|\s*--?\s+)
        ",
        agencies = agencies.join("|"),
    );
    Regex::new(&pattern).expect("dateline pattern")
});

/// The dateline `paragraph` opens with, if any.
///
/// ```
/// use whosaid_read::article::dateline::detect_dateline;
///
/// let text = "KYIV, Ukraine — Russian drones struck the capital overnight.";
/// let d = detect_dateline(text).unwrap();
/// assert_eq!(d.place, "KYIV, Ukraine");
/// assert_eq!(&text[d.len..], "Russian drones struck the capital overnight.");
/// assert_eq!(detect_dateline("The president said — again — that talks were near."), None);
/// ```
pub fn detect_dateline(paragraph: &str) -> Option<Dateline> {
    // A dateline is short: looking at the first bytes keeps long paragraphs cheap.
    let mut head_len = paragraph.len().min(120);
    while !paragraph.is_char_boundary(head_len) {
        head_len -= 1;
    }
    let head = &paragraph[..head_len];
    let caps = DATELINE.captures(head)?;
    let whole = caps.get(0)?;
    if whole.end() >= paragraph.trim_end().len() {
        return None;
    }
    let place = if let Some(shout) = caps.name("shout") {
        let mut first_word = shout
            .as_str()
            .split(' ')
            .next()
            .unwrap_or("")
            .to_lowercase();
        first_word.retain(char::is_alphabetic);
        if lexicon().not_places.contains(first_word.as_str()) || outlet(shout.as_str()).is_some() {
            // "EXCLUSIVE – Roger Stone: …", "UPDATE — …", "CNN —": a kicker or an outlet,
            // not a place.
            return None;
        }
        if shout.as_str().chars().filter(|c| c.is_alphabetic()).count() < 3 {
            return None;
        }
        let end = caps.name("sregion").map_or(shout.end(), |r| r.end());
        &head[shout.start()..end]
    } else {
        // A place in title case is a dateline only with its agency.
        caps.name("agency")?;
        caps.name("title")?.as_str()
    };
    Some(Dateline {
        place: place.trim().to_owned(),
        len: whole.end(),
    })
}
