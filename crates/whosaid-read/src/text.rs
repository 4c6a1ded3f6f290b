//! Scraped plain text: the article among the debris a scraper leaves around it.
//!
//! STUB: the real implementation is being written (issue 2); this one takes every
//! blank-line-separated block as a paragraph and the first as the headline.

use whosaid_core::{Document, ReadError, Span};

use crate::Hints;

/// Read scraped plain text into a document whose spans point into `input`.
pub fn read_text(path: &str, input: String, hints: &Hints) -> Result<Document, ReadError> {
    let mut paragraphs = Vec::new();
    let mut offset = 0;
    for block in input.split("\n\n") {
        let span = Span::new(offset, offset + block.len()).trim(&input);
        if !span.is_empty() {
            paragraphs.push(span);
        }
        offset += block.len() + 2;
    }
    let headline = paragraphs.first().copied();
    let mut doc = Document::from_input(path, input, paragraphs.into_iter().skip(1).collect());
    doc.headline_span = headline;
    doc.meta.headline = headline.map(|h| h.slice(&doc.text).to_owned());
    doc.meta.url = hints.url.clone();
    Ok(doc)
}
