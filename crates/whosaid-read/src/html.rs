//! HTML pages: the main content with `trafilatura`, and the metadata it does not give.
//!
//! STUB: the real implementation is being written (issue 2).

use whosaid_core::{Document, ReadError, ReadErrorKind};

use crate::Hints;

/// Read an HTML page into a document whose spans point into its clean body.
pub fn read_html(path: &str, html: &str, hints: &Hints) -> Result<Document, ReadError> {
    let result = trafilatura::extract(html, &trafilatura::Options::default())
        .map_err(|e| ReadError::new(ReadErrorKind::NoContent, e.to_string()))?;
    let mut doc = Document::from_body_paragraphs(path, result.content_text.split('\n'));
    doc.meta.headline = Some(result.metadata.title).filter(|t| !t.is_empty());
    doc.meta.url = hints.url.clone();
    Ok(doc)
}
