//! Annotators: what a document says and who says it.
//!
//! - [`token`]: words, numbers, punctuation and quotation marks as byte spans.
//! - [`sentence`]: sentences inside a paragraph.
//! - [`marks`]: quotation marks paired into quotations, over paragraphs.
#![deny(missing_docs)]

pub mod marks;
pub mod sentence;
pub mod token;
