//! The analysis record: one JSON object per document, the contract of `FORMAT.md`.
//!
//! Field names and meanings here are fixed by that contract; fields may be added, never
//! renamed. Everything is plain data with serde, so the record can be printed by the CLI,
//! returned by the HTTP API and converted by the Python bindings the same way.

use serde::{Deserialize, Serialize};

use crate::{Document, Image, Offsets, TextSpan};

/// Kind of a named entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EntityType {
    /// A human being.
    Person,
    /// A company, agency, party, government body, team.
    Organization,
    /// A country, city, region, building.
    Place,
}

/// One entity of the document and every mention of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entity {
    /// Identifier inside this record ("e1"), referred to by `speaker.entity`.
    pub id: String,
    /// Person, organization or place.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The fullest name the document gives ("Donald Trump").
    pub name: String,
    /// Every place the document mentions it.
    pub mentions: Vec<TextSpan>,
    /// People: titles and roles the document gives them, lower-case ("president").
    /// An addition to FORMAT.md.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    /// People: the country of a nationality the document gives them ("Russia" for
    /// "Russian President Vladimir Putin"). An addition to FORMAT.md.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
}

/// How a statement is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum QuoteKind {
    /// The whole content is inside quotation marks.
    Direct,
    /// A paraphrase that contains quoted words.
    Mixed,
    /// Reported speech without quotation marks.
    Indirect,
}

/// Who a statement is attributed to, after resolving the source mention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Speaker {
    /// The entity's id in this record, when the speaker is one of the document's entities.
    pub entity: Option<String>,
    /// The speaker's fullest name in the document, or the group ("officials").
    pub name: String,
}

/// One statement: what was said, the cue that reports it, and who said it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// What was said.
    pub content: TextSpan,
    /// The reporting verb or phrase ("said", "according to"); `null` when there is none.
    pub cue: Option<TextSpan>,
    /// The mention that names the speaker ("he", "Trump"); `null` when there is none.
    pub source: Option<TextSpan>,
    /// Who the source resolves to; `null` for an unattributed quote.
    pub speaker: Option<Speaker>,
    /// The content's parts when the cue or source interrupts it (“…,” she said, “…”):
    /// `content` then spans from the first part to the last. An addition to FORMAT.md.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<TextSpan>,
}

/// A date expression and the date it means (an addition to FORMAT.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DateRef {
    /// Where the expression is ("on Friday").
    #[serde(flatten)]
    pub span: TextSpan,
    /// ISO 8601 at the precision the text gives ("2025-01-31", "2025-01", "2022"); `null`
    /// when it is relative and the publication date is unknown.
    pub date: Option<String>,
    /// "day", "week" (the date is its Monday), "month" or "year".
    pub precision: String,
}

/// The `article` object of the record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Article {
    /// The headline, once.
    pub headline: Option<String>,
    /// ISO 8601; local time without an offset when the page gives no zone.
    pub published: Option<String>,
    /// Section label.
    pub section: Option<String>,
    /// Authors or agency, without "By".
    pub byline: Option<String>,
    /// The dateline place.
    pub dateline: Option<String>,
    /// Pictures with caption and credit.
    pub images: Vec<Image>,
    /// Clean body text, paragraphs separated by a blank line.
    pub body: String,
    /// Canonical address, when known (an addition to FORMAT.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The outlet's name, when known (an addition to FORMAT.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// Declared language, when known (an addition to FORMAT.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// One line of `whosaid extract --format jsonl`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Record {
    /// Stable content id: hex hash of the whitespace-normalised body. `null` on error.
    pub id: Option<String>,
    /// Input path, or `path#record` for a record inside a WARC or JSONL file.
    pub path: String,
    /// Why the document could not be read, as a sentence; `null` when it was read.
    pub error: Option<String>,
    /// What span offsets point into; `null` on error.
    pub offsets: Option<Offsets>,
    /// Things to know about a document that was still usable (an addition to FORMAT.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The clean article; `null` on error.
    pub article: Option<Article>,
    /// People, organizations and places.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Every statement found.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Date expressions made absolute (an addition to FORMAT.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<DateRef>,
    /// Where each paragraph of `article.body` sits in the input, when `offsets` is
    /// `input` (an addition to FORMAT.md): with it a span of the input becomes a span of
    /// the body (the store keeps bodies, not inputs). Empty when `offsets` is `body`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<crate::Span>,
}

impl Record {
    /// The record of a document that was read, before annotation: no entities or quotes.
    pub fn of_document(doc: &Document) -> Record {
        let meta = &doc.meta;
        Record {
            id: Some(doc.content_id()),
            path: doc.path.clone(),
            error: None,
            offsets: Some(doc.offsets),
            warnings: doc.warnings.clone(),
            article: Some(Article {
                headline: meta.headline.clone(),
                published: meta.published.clone(),
                section: meta.section.clone(),
                byline: meta.byline.clone(),
                dateline: meta.dateline.clone(),
                images: meta.images.clone(),
                body: doc.body(),
                url: meta.url.clone(),
                site_name: meta.site_name.clone(),
                language: meta.language.clone(),
            }),
            entities: Vec::new(),
            quotes: Vec::new(),
            dates: Vec::new(),
            paragraphs: match doc.offsets {
                Offsets::Input => doc.paragraphs.clone(),
                Offsets::Body => Vec::new(),
            },
        }
    }

    /// The record of a document that could not be read.
    pub fn failed(path: impl Into<String>, error: impl std::fmt::Display) -> Record {
        Record {
            id: None,
            path: path.into(),
            error: Some(error.to_string()),
            offsets: None,
            warnings: Vec::new(),
            article: None,
            entities: Vec::new(),
            quotes: Vec::new(),
            dates: Vec::new(),
            paragraphs: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_record_keeps_path_and_sentence() {
        let rec = Record::failed("x.txt", "the file is empty");
        let json = serde_json::to_value(&rec).unwrap();
        assert_eq!(json["path"], "x.txt");
        assert_eq!(json["error"], "the file is empty");
        assert!(json["article"].is_null());
    }

    #[test]
    fn record_uses_format_md_names() {
        let doc = Document::from_body_paragraphs("p.html", ["Hello there."]);
        let json = serde_json::to_value(Record::of_document(&doc)).unwrap();
        assert_eq!(json["offsets"], "body");
        assert_eq!(json["article"]["body"], "Hello there.");
        assert!(json["article"]["images"].as_array().unwrap().is_empty());
        assert!(json["quotes"].as_array().unwrap().is_empty());
        assert_eq!(json["id"].as_str().unwrap().len(), 32);
        let quote = Quote {
            kind: QuoteKind::Direct,
            content: TextSpan {
                start: 0,
                end: 5,
                text: "Hello".into(),
            },
            cue: None,
            source: None,
            speaker: None,
            parts: vec![],
        };
        let q = serde_json::to_value(quote).unwrap();
        assert_eq!(q["kind"], "direct");
        assert!(q["speaker"].is_null());
        let e = Entity {
            id: "e1".into(),
            kind: EntityType::Person,
            name: "A B".into(),
            mentions: vec![],
            titles: vec![],
            nationality: None,
        };
        assert_eq!(serde_json::to_value(e).unwrap()["type"], "person");
    }
}
