//! Annotators: what a document says and who says it.
//!
//! - [`token`]: words, numbers, punctuation and quotation marks as byte spans.
//! - [`sentence`]: sentences inside a paragraph.
//! - [`perceptron`]: the averaged structured perceptron our taggers are trained with.
//! - [`marks`]: quotation marks paired into quotations, over paragraphs.
//! - [`prepare`]: the shared first pass (tokens, sentences, quotations per block).
//! - [`pos`]: part-of-speech tags (verbs, nouns, names, pronouns) by a trained tagger.
//! - [`attribution`]: cues, sources and contents by two trained taggers.
//! - [`quotes`]: the taggers' attributions completed by what quotation marks make certain.
//! - [`entities`]: people, organizations and places.
//! - [`dates`]: date expressions made absolute.
//! - [`speakers`]: coreference: names, pronouns and descriptions gathered into entities.
//!
//! [`analyze`] runs them all on a `Document`; [`record_of`] gives its FORMAT.md record.
#![deny(missing_docs)]

pub use analyze::{Analysis, analyze, analyze_with, record_of};

mod analyze;
pub mod attribution;
pub mod dates;
pub mod entities;
pub mod lexicon;
pub mod marks;
pub mod perceptron;
pub mod pos;
pub mod prepare;
pub mod quotes;
pub mod sentence;
pub mod speakers;
pub mod token;
