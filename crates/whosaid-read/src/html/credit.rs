//! Photo credits inside captions: "Crowds gather. (AP Photo/Evan Vucci)" → the caption
//! "Crowds gather." and the credit "AP Photo/Evan Vucci".
//!
//! PENDING UNIFICATION: `crate::article::credit::split_caption_credit` is being written
//! for the plain-text reader; this module is the HTML reader's copy until it lands.

use std::sync::LazyLock;

use regex::Regex;

/// A credit in parentheses or brackets at the end: "(AP Photo/Evan Vucci)".
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*[(\[]\s*((?:photo|image|picture|credit|courtesy|file|illustration|ap|afp|reuters|getty|epa)[^()\[\]]{0,80}|[^()\[\]]{0,60}(?:/|\bvia\b)\s*[^()\[\]]{0,60}(?:photo|images?|pictures?|press|ap|afp|reuters|getty|epa|pool|shutterstock|alamy|agency)|[\p{Lu}][^()\[\]/]{1,40}/\s*[\p{Lu}][^()\[\]/]{1,40})\s*[)\]]\s*$")
        .expect("valid regex")
});

/// A credit introduced by a label: "Photo: Jane Doe", "Credit: Getty Images".
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[.\s|])\s*((?:photo(?:graph)?|image|picture|credit|photo credit|courtesy|source|illustration|foto)(?:\s+by)?\s*[:/]\s*.{2,100}|(?:photo(?:graph)?|image|picture)\s+(?:by|courtesy(?: of)?)\s+.{2,100}|courtesy(?: of)?\s+.{2,100})$")
        .expect("valid regex")
});

/// An agency's name closing the caption: "… on Monday. Getty Images".
static AGENCY_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.!?”\s|/-])\s*((?:[\p{Lu}][\p{L}.'-]*\s+){0,4}(?:for\s+)?(?:Getty Images|AFP(?: via Getty Images)?|Reuters|Shutterstock|Alamy(?: Stock Photo)?|AP Photo|Associated Press|EPA(?:-EFE)?|Bloomberg|NurPhoto|iStock(?:photo)?|Unsplash|Pexels|Xinhua|ANP|dpa|Pool)(?:/[^.]{1,60})?)\s*\.?$")
        .expect("valid regex")
});

/// Split a caption into what it says and who is credited, when it carries a credit.
///
/// ```
/// use whosaid_read::html::credit::split_caption_credit;
/// let (caption, credit) = split_caption_credit("President speaks in Ohio. (AP Photo/Evan Vucci)");
/// assert_eq!(caption.as_deref(), Some("President speaks in Ohio."));
/// assert_eq!(credit.as_deref(), Some("AP Photo/Evan Vucci"));
/// ```
pub fn split_caption_credit(text: &str) -> (Option<String>, Option<String>) {
    let text = super::text::squash(text);
    for re in [&*BRACKETED, &*LABELLED, &*AGENCY_TAIL] {
        if let Some(c) = re.captures(&text) {
            let whole = c.get(0).expect("match");
            let credit = c[1].trim().trim_end_matches('.').trim();
            let caption = text[..whole.start()]
                .trim()
                .trim_end_matches(['|', '/', '-'])
                .trim();
            let credit = strip_label(credit);
            if credit.is_empty() {
                continue;
            }
            return (
                (!caption.is_empty()).then(|| caption.to_owned()),
                Some(credit),
            );
        }
    }
    ((!text.is_empty()).then_some(text), None)
}

/// "Photo: Jane Doe" → "Jane Doe"; "AP Photo/Evan Vucci" stays as it is.
pub fn strip_label(credit: &str) -> String {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:photo(?:graph)? credit|photo(?:graph)?|image|picture|credit|source|illustration|foto)(?:\s+by)?\s*[:]\s*|^(?:photo(?:graph)?|image|picture)\s+by\s+")
            .expect("valid regex")
    });
    super::text::squash(&LABEL.replace(credit.trim(), ""))
}
