//! People, organizations and places: recognised mentions with the parts of a person's
//! mention parsed (title, nationality, the name itself).
//!
//! Three layers, cheapest evidence last to be overruled:
//!
//! 1. [`gazetteer`]: compiled-in word lists (census first names with gender and surnames,
//!    GeoNames places, demonyms, titles, organizations) looked up once per token.
//! 2. [`Tagger`]: an averaged perceptron over word, shape and lexicon features, BIO tags
//!    for PER/ORG/LOC/MISC, trained on the training part of wikigold (`whosaid-eval
//!    train-ner`; `eval-ner` measures it on the dev part).
//! 3. Rules over its output ([`recognize`]): a capitalised title makes the name after it a
//!    person; titles, party words and nationality adjectives before a person's name join
//!    the mention; known organizations and countries the tagger missed are added; a name
//!    the body establishes is found again wherever it recurs (the surname alone, the
//!    Title Case headline), and in the headline nothing else is believed without the
//!    body's or a lexicon's support.
//!
//! ```
//! use whosaid_core::{EntityType, Span};
//! use whosaid_nlp::{entities::recognize, prepare::prepare};
//!
//! let text = "Russian President Vladimir Putin met officials in Moscow.";
//! let prepared = prepare(text, None, &[Span::new(0, text.len())]);
//! let mentions = recognize(text, &prepared);
//! let putin = &mentions[0];
//! assert_eq!(putin.kind, EntityType::Person);
//! assert_eq!(putin.span.slice(text), "Russian President Vladimir Putin");
//! assert_eq!(putin.name.slice(text), "Vladimir Putin");
//! assert_eq!(putin.title.as_deref(), Some("president"));
//! assert_eq!(putin.nationality.as_deref(), Some("Russia"));
//! ```

mod gazetteer;
pub(crate) use gazetteer::{Gazetteer, WordHashMap};
mod rules;
mod tagger;

use whosaid_core::{EntityType, Span};

use crate::prepare::Prepared;

pub use tagger::{DEFAULT_BITS, NerDocument, NerLabel, TAGS, Tagged, Tagger, train};

/// A person's grammatical gender as names and titles suggest it (for pronouns).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// "he", "his": a male first name or title ("Mr.", "King").
    Male,
    /// "she", "her": a female first name or title ("Mrs.", "Queen").
    Female,
}

/// One mention of a named entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The whole mention, titles included ("Russian President Vladimir Putin").
    pub span: Span,
    /// Person, organization or place.
    pub kind: EntityType,
    /// The name alone ("Vladimir Putin"); equal to `span` when there is nothing around it.
    pub name: Span,
    /// The role or title, lower-case ("president"), when the mention gives one.
    pub title: Option<String>,
    /// The country a nationality adjective names ("Russia" for "Russian"), when given.
    pub nationality: Option<String>,
    /// Gender suggested by a first name or a title, when it does (a title wins: "Ms.
    /// Marty Walz").
    pub gender: Option<Gender>,
    /// True when that gender comes from the first name alone, a guess a pronoun may
    /// correct; false when a title ("Mr.", "Mrs.") gives it.
    pub gender_from_name: bool,
    /// Index of the block (headline or paragraph) it is in.
    pub block: usize,
}

/// Every entity mention of a prepared document, in text order, by the built-in model.
pub fn recognize(text: &str, prepared: &Prepared) -> Vec<Mention> {
    recognize_with(Tagger::builtin(), text, prepared)
}

/// Like [`recognize`], with a given tagger (for evaluating a model being trained).
pub fn recognize_with(tagger: &Tagger, text: &str, prepared: &Prepared) -> Vec<Mention> {
    rules::recognize(tagger, text, prepared)
}
