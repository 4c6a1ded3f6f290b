//! People, organizations and places: recognised mentions with the parts of a person's
//! mention parsed (title, nationality, the name itself).
//!
//! STUB: being written (issue 3).

use whosaid_core::{EntityType, Span};

use crate::prepare::Prepared;

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
    /// Gender suggested by a first name or a title, when it does.
    pub gender: Option<Gender>,
    /// Index of the block (headline or paragraph) it is in.
    pub block: usize,
}

/// Every entity mention of a prepared document, in text order.
pub fn recognize(_text: &str, _prepared: &Prepared) -> Vec<Mention> {
    Vec::new()
}
