//! Types every whosaid crate shares.
//!
//! - [`Span`]: a byte range into one text. Every annotation is a span, so every result
//!   leads back to the exact bytes of the input.
//! - [`Document`]: what a reader makes of one input: the text spans point into
//!   ([`Offsets`] says whether that is the original input or the clean body), the body as
//!   paragraph spans, and the article's metadata ([`ArticleMeta`]).
//! - [`Record`]: the analysis record `whosaid extract` prints, field for field the
//!   contract of `FORMAT.md`.
//! - [`chars`]: character classes the reader and the analysis share (zero-width marks).
//! - [`names`]: the parts of people's names that every crate matches the same way.
//! - [`ReadError`]: why an input could not be read, as a sentence a person understands.
//!
//! ```
//! use whosaid_core::{Document, Record};
//!
//! let doc = Document::from_body_paragraphs("page.html", ["“We want peace,” she said."]);
//! let record = Record::of_document(&doc);
//! assert_eq!(record.article.unwrap().body, "“We want peace,” she said.");
//! ```
#![deny(missing_docs)]

pub mod chars;
mod document;
mod error;
pub mod names;
mod record;
mod span;

pub use document::{ArticleMeta, Document, Image, Offsets, PARAGRAPH_SEPARATOR, content_id};
pub use error::{ReadError, ReadErrorKind, catch_document_panic};
pub use record::{Article, DateRef, Entity, EntityType, Quote, QuoteKind, Record, Speaker};
pub use span::{Span, TextSpan};
