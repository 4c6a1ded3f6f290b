//! Readers: news as it really arrives, turned into [`Document`]s.
//!
//! Reading happens in two steps so that the cheap, sequential part (opening files,
//! walking directories, cutting WARC and JSONL containers into records) stays apart from
//! the expensive, parallel part (decoding, cleaning scraped text, extracting an article
//! from HTML):
//!
//! 1. [`Inputs`] walks the paths it is given (files, directories, globs, `-` for stdin),
//!    opens containers, and yields one [`RawInput`] per document, in order, one at a time.
//!    A file or record that cannot be opened yields a [`Failure`] in its place, so
//!    nothing is dropped silently.
//! 2. [`read_document`] turns one [`RawInput`] into a [`Document`]: it decodes the bytes
//!    ([`decode`]), then hands the text to the scraped-text reader ([`text`]) or the
//!    HTML reader ([`html`]). It is pure and `Send`, so callers run it on all cores.
//!
//! ```
//! use whosaid_read::{Format, Payload, RawInput, ReadOptions, read_document};
//!
//! let raw = RawInput::new("story.txt", Format::Text, Payload::Text(
//!     "Peace is near, officials say\n\n“We are close,” the minister said.\n".into()));
//! let doc = read_document(raw, &ReadOptions::default()).unwrap();
//! assert_eq!(doc.meta.headline.as_deref(), Some("Peace is near, officials say"));
//! ```
#![deny(missing_docs)]

pub mod article;
pub mod decode;
pub mod html;
pub mod jsonl;
pub mod source;
pub mod text;
pub mod warc;

pub use source::{Inputs, SourceStats};
pub use whosaid_core::{Document, ReadError, ReadErrorKind};

/// What kind of document a [`RawInput`] holds once containers are opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text, usually scraped from a page: debris around an article.
    Text,
    /// An HTML page.
    Html,
}

/// The bytes or text of one document, before decoding and cleaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Payload {
    /// Undecoded bytes (a file, a WARC record body): [`decode`] chooses the charset.
    Bytes(Vec<u8>),
    /// Text that is already decoded (a JSONL field, an in-memory string).
    Text(String),
}

/// What a container says about a document, beside its content.
///
/// These fill the article's metadata where the document itself says nothing, except
/// `url`, which the page's own canonical address does not override.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    /// Where the document was fetched (`WARC-Target-URI`, a JSONL `url` field).
    pub url: Option<String>,
    /// A date or date-time given by the container (a JSONL `date` field). A WARC's fetch
    /// date is *not* a publication date and is only used when the page gives none.
    pub published: Option<String>,
    /// When the container's date is when the page was fetched, not published.
    pub fetched: Option<String>,
    /// A title given by the container (a JSONL `title` field).
    pub title: Option<String>,
    /// The charset of an HTTP `Content-Type` header, when there was one.
    pub http_charset: Option<String>,
}

/// One document as it came out of its file or container, not yet decoded or cleaned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawInput {
    /// The input path, or `path#record` inside a container.
    pub path: String,
    /// Plain text or HTML.
    pub format: Format,
    /// The content.
    pub payload: Payload,
    /// What the container said about it.
    pub hints: Hints,
}

impl RawInput {
    /// A raw input with no hints.
    pub fn new(path: impl Into<String>, format: Format, payload: Payload) -> RawInput {
        RawInput {
            path: path.into(),
            format,
            payload,
            hints: Hints::default(),
        }
    }
}

/// An input that could not be opened or cut out of its container, in the place the
/// document would have taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The path (or `path#record`) of what failed.
    pub path: String,
    /// Why.
    pub error: ReadError,
}

/// Field names of a JSONL input: which keys hold the text, the HTML and the metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonlFields {
    /// Key of the plain-text article (default `text`).
    pub text: String,
    /// Key of the HTML page (default `html`).
    pub html: String,
    /// Key of the URL (default `url`).
    pub url: String,
    /// Key of the publication date (default `date`).
    pub date: String,
    /// Key of the title (default `title`).
    pub title: String,
    /// Key of a record id used in `path#id` (default `id`; the line number otherwise).
    pub id: String,
}

impl Default for JsonlFields {
    fn default() -> Self {
        JsonlFields {
            text: "text".into(),
            html: "html".into(),
            url: "url".into(),
            date: "date".into(),
            title: "title".into(),
            id: "id".into(),
        }
    }
}

/// Settings shared by every reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// A document larger than this many bytes (decompressed) is refused with an error
    /// rather than read: it keeps memory flat when a file is not what it claims.
    pub max_document_bytes: usize,
    /// Field names of JSONL inputs.
    pub jsonl: JsonlFields,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_document_bytes: 64 * 1024 * 1024,
            jsonl: JsonlFields::default(),
        }
    }
}

/// Decode and clean one raw input into a [`Document`].
///
/// Never panics on any input; whatever cannot be read becomes a [`ReadError`] with a
/// sentence that says why.
pub fn read_document(raw: RawInput, options: &ReadOptions) -> Result<Document, ReadError> {
    read_decoded(decode_input(raw, options)?)
}

/// One document's text once decoded, with what its container said and what decoding
/// noticed: the first half of [`read_document`], for callers that keep the text too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedInput {
    /// The input path, or `path#record` inside a container.
    pub path: String,
    /// Plain text or HTML.
    pub format: Format,
    /// The text, UTF-8.
    pub text: String,
    /// What the container said about it.
    pub hints: Hints,
    /// Notes on a decoding that was not clean; they come first in the document's warnings.
    pub warnings: Vec<String>,
}

/// Decode a raw input's bytes (charset, byte-order marks; binary, empty and oversized
/// input refused with a sentence). Text that arrived decoded is only checked for size.
pub fn decode_input(raw: RawInput, options: &ReadOptions) -> Result<DecodedInput, ReadError> {
    let RawInput {
        path,
        format,
        payload,
        hints,
    } = raw;
    let (text, warnings) = match payload {
        Payload::Text(text) if text.len() > options.max_document_bytes => {
            return Err(source::too_large(
                &format!("the document is {}", source::size_text(text.len() as u64)),
                options.max_document_bytes,
            ));
        }
        Payload::Text(text) => (text, Vec::new()),
        Payload::Bytes(bytes) => {
            let decoded = decode::decode(&bytes, format, hints.http_charset.as_deref(), options)?;
            (decoded.text, decoded.warnings)
        }
    };
    Ok(DecodedInput {
        path,
        format,
        text,
        hints,
        warnings,
    })
}

/// Clean a decoded input into a [`Document`]: the second half of [`read_document`].
pub fn read_decoded(input: DecodedInput) -> Result<Document, ReadError> {
    let DecodedInput {
        path,
        format,
        text,
        hints,
        warnings,
    } = input;
    let mut doc = match format {
        Format::Text => text::read_text(&path, text, &hints)?,
        Format::Html => html::read_html(&path, &text, &hints)?,
    };
    doc.warnings.splice(0..0, warnings);
    // The container's date stands in only when the document gives none of its own: a
    // JSONL `date` field is a publication date; a WARC fetch date is the closest thing
    // an archive knows (Common Crawl's news crawl fetches within hours of publication).
    if doc.meta.published.is_none() {
        doc.meta.published = hints
            .published
            .as_deref()
            .or(hints.fetched.as_deref())
            .and_then(|date| {
                // Dumps carry machine dates (ISO 8601, Unix seconds) or what a page printed.
                article::dates::parse_machine_date(date)
                    .or_else(|| article::dates::parse_published(date))
            });
    }
    Ok(doc)
}
