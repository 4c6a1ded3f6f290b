//! Pictures of the article with their captions and credits: `<figure>` with
//! `<figcaption>` (a credit in its own element, or written into the caption), and the
//! captions JSON-LD gives.

use trafilatura::dom::{Document, NodeId};
use whosaid_core::Image;

use super::jsonld::LdImage;
use super::text::squash;
use crate::article::credit::{split_caption_credit, strip_credit_label};
use crate::article::lexicon::key;

/// Most pictures recorded for one article.
const MAX_IMAGES: usize = 40;

/// Classes of the element that holds a credit inside a caption.
const CREDIT_MARKS: &[&str] = &[
    "credit",
    "copyright",
    "photographer",
    "attribution",
    "byline",
    "source",
    "courtesy",
];

/// The article's pictures: figures of the page, then JSON-LD images not seen there.
pub fn images(doc: &Document, ld_images: &[LdImage]) -> Vec<Image> {
    let mut out: Vec<Image> = Vec::new();
    for figure in doc.query_selector_all(doc.root(), "figure") {
        if out.len() >= MAX_IMAGES {
            break;
        }
        if in_furniture(doc, figure) {
            continue;
        }
        let url = doc
            .query_selector(figure, "img")
            .and_then(|img| {
                doc.get_attribute(img, "src")
                    .filter(|s| !s.starts_with("data:"))
                    .or_else(|| doc.get_attribute(img, "data-src"))
            })
            .filter(|s| !s.is_empty());
        let caption_el = doc.query_selector(figure, "figcaption");
        let credit_el = credit_element(doc, figure);
        let credit_text =
            credit_el.map(|c| strip_credit_label(&squash(&doc.text_content(c))).to_owned());
        let (caption, credit) = match caption_el {
            Some(cap) => {
                let full = squash(&doc.text_content(cap));
                match credit_text.filter(|c| !c.is_empty()) {
                    Some(credit) => {
                        let raw_credit = squash(&doc.text_content(credit_el.expect("some")));
                        let caption = squash(&full.replace(&raw_credit, ""));
                        let caption = caption.trim_end_matches(['|', '/', '-', '(', ')']).trim();
                        (
                            (!caption.is_empty()).then(|| caption.to_owned()),
                            Some(credit),
                        )
                    }
                    None => caption_and_credit(&full),
                }
            }
            None => (None, credit_text.filter(|c| !c.is_empty())),
        };
        if caption.is_none() && credit.is_none() {
            continue;
        }
        let image = Image {
            caption,
            credit,
            url,
        };
        if !out.contains(&image) {
            out.push(image);
        }
    }
    for ld in ld_images {
        if out.len() >= MAX_IMAGES {
            break;
        }
        let Some(caption_text) = ld.caption.as_deref() else {
            continue;
        };
        let (caption, split_credit) = match ld.credit {
            Some(_) => (Some(caption_text.to_owned()), None),
            None => caption_and_credit(caption_text),
        };
        let seen = out
            .iter()
            .any(|i| i.caption.as_deref().map(key) == caption.as_deref().map(key));
        if !seen {
            out.push(Image {
                caption,
                credit: ld.credit.clone().or(split_credit),
                url: ld.url.clone(),
            });
        }
    }
    out
}

/// A caption's text and its credit, each when there is one.
fn caption_and_credit(text: &str) -> (Option<String>, Option<String>) {
    let text = squash(text);
    let (caption, credit) = split_caption_credit(&text);
    (
        (!caption.is_empty()).then(|| caption.to_owned()),
        credit.map(str::to_owned),
    )
}

/// The element in a figure that holds the credit, if the page marks one.
fn credit_element(doc: &Document, figure: NodeId) -> Option<NodeId> {
    let selector = CREDIT_MARKS
        .iter()
        .map(|m| format!(r#"[class*="{m}"]"#))
        .collect::<Vec<_>>()
        .join(", ");
    doc.query_selector_all(figure, &selector)
        .into_iter()
        .find(|&id| {
            let text = doc.text_content(id);
            let len = text.trim().len();
            (2..=150).contains(&len)
        })
}

fn in_furniture(doc: &Document, id: NodeId) -> bool {
    let mut node = doc.parent(id);
    for _ in 0..40 {
        let Some(n) = node else { break };
        if matches!(doc.tag_name(n), "nav" | "aside" | "footer") {
            return true;
        }
        node = doc.parent(n);
    }
    false
}
