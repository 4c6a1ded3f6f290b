//! The document a reader produces: the text annotations point into, the clean body as
//! paragraph spans, and the article's metadata.

use serde::{Deserialize, Serialize};

use crate::Span;

/// What the spans of a document (and of its analysis record) point into.
///
/// Serialized as `"input"` or `"body"`, the `offsets` field of the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Offsets {
    /// The original input as it arrived (decoded to UTF-8): plain text, the seed among it.
    /// Cleaning drops debris around the body but never moves a span.
    Input,
    /// `article.body`: documents recovered from markup, whose visible text is not a
    /// substring of the input.
    Body,
}

/// A picture that belongs to the article: its caption and its credit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Image {
    /// What the caption says, without the credit.
    pub caption: Option<String>,
    /// Who took or supplied the picture: "AP Photo/Evan Vucci", "Getty Images".
    pub credit: Option<String>,
    /// Where the picture is, when the page says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The article's metadata, as far as the input tells it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// The headline, once, without the site name.
    pub headline: Option<String>,
    /// ISO 8601 publication date and time: with its offset when the page gives a zone,
    /// local time without one otherwise, a bare date when no time is known.
    pub published: Option<String>,
    /// The section or desk label ("National News").
    pub section: Option<String>,
    /// Who wrote it: people or an agency, without "By" ("Associated Press").
    pub byline: Option<String>,
    /// The dateline place, when the body opens with one ("WASHINGTON").
    pub dateline: Option<String>,
    /// Pictures with their captions and credits.
    pub images: Vec<Image>,
    /// The canonical address of the article, when known.
    pub url: Option<String>,
    /// The outlet's name, when the page says ("Reuters", "The Guardian").
    pub site_name: Option<String>,
    /// Two-letter language code, when the page declares one.
    pub language: Option<String>,
    /// The standfirst or summary the page declares.
    pub description: Option<String>,
}

/// One article, read and cleaned, ready to annotate.
///
/// `text` is what every span points into: for plain-text input it is the whole original
/// input, for markup it is the clean body itself ([`Offsets`]). The body is the sequence of
/// `paragraphs`; [`Document::body`] joins them with blank lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The input path, or `path#record` for a record inside a container file.
    pub path: String,
    /// What `text` is: the original input or the clean body.
    pub offsets: Offsets,
    /// The text all spans point into.
    pub text: String,
    /// The body's paragraphs, in reading order, as spans into `text`.
    pub paragraphs: Vec<Span>,
    /// Where the headline sits in `text`, when it is part of it (plain-text input).
    pub headline_span: Option<Span>,
    /// Text around the body that names people and organizations without stating
    /// anything: picture captions, photo credits, bylines, as spans into `text` (plain-text
    /// input only; for markup they live in `meta` alone). Entities are looked for there,
    /// statements are not.
    pub asides: Vec<Span>,
    /// What the reader learned about the article.
    pub meta: ArticleMeta,
    /// Things a person should know about how the document was read ("decoded as
    /// Windows-1252"), although the document is usable.
    pub warnings: Vec<String>,
}

impl Document {
    /// A document whose spans point into the clean body: markup input.
    ///
    /// `paragraphs` are the body's paragraphs in order; they are joined with a blank line,
    /// so the text spans point into is exactly `article.body`.
    pub fn from_body_paragraphs<I, S>(path: impl Into<String>, paragraphs: I) -> Document
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut text = String::new();
        let mut spans = Vec::new();
        for paragraph in paragraphs {
            let paragraph = paragraph.as_ref().trim();
            if paragraph.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push_str(PARAGRAPH_SEPARATOR);
            }
            let start = text.len();
            text.push_str(paragraph);
            spans.push(Span::new(start, text.len()));
        }
        Document {
            path: path.into(),
            offsets: Offsets::Body,
            text,
            paragraphs: spans,
            headline_span: None,
            asides: Vec::new(),
            meta: ArticleMeta::default(),
            warnings: Vec::new(),
        }
    }

    /// A document whose spans point into the original input: plain text. `paragraphs`
    /// are the spans of `input` that make up the body.
    pub fn from_input(path: impl Into<String>, input: String, paragraphs: Vec<Span>) -> Document {
        debug_assert!(paragraphs.iter().all(|p| p.end <= input.len()));
        Document {
            path: path.into(),
            offsets: Offsets::Input,
            text: input,
            paragraphs,
            headline_span: None,
            asides: Vec::new(),
            meta: ArticleMeta::default(),
            warnings: Vec::new(),
        }
    }

    /// The text of each body paragraph, in order.
    pub fn paragraph_texts(&self) -> impl Iterator<Item = &str> {
        self.paragraphs.iter().map(|p| p.slice(&self.text))
    }

    /// The clean body: paragraphs separated by a blank line.
    pub fn body(&self) -> String {
        if self.offsets == Offsets::Body {
            return self.text.clone();
        }
        let mut body = String::with_capacity(self.paragraphs.iter().map(|p| p.len() + 2).sum());
        for (i, paragraph) in self.paragraph_texts().enumerate() {
            if i > 0 {
                body.push_str(PARAGRAPH_SEPARATOR);
            }
            body.push_str(paragraph);
        }
        body
    }

    /// A stable identifier of the article's content: the hash of its whitespace-normalised
    /// body, so the same article read from a text file, a page or an archive gets the same id.
    pub fn content_id(&self) -> String {
        content_id(self.paragraph_texts())
    }
}

/// Paragraphs of a body are separated by one blank line.
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// The content id of a body given as paragraphs: 128-bit XXH3 of the words joined by
/// single spaces, in hex. Whitespace and paragraph breaks do not change it.
pub fn content_id<'a>(paragraphs: impl Iterator<Item = &'a str>) -> String {
    // The words are joined into one buffer and hashed at once: the same digest as feeding
    // a streaming hasher word by word (XXH3 is defined on the bytes, however they arrive),
    // at a third of the cost — its per-call overhead dominated on short words.
    let mut joined = Vec::new();
    for paragraph in paragraphs {
        push_words(paragraph, &mut joined);
    }
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&joined))
}

/// Append the words of `text` (split where [`str::split_whitespace`] splits) to `joined`,
/// each after a space unless `joined` is empty. A byte scan that decodes only the
/// non-ASCII characters: the same words as `split_whitespace`, at a fraction of its
/// per-character cost on the mostly ASCII text of news.
fn push_words(text: &str, joined: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (space, len) = space_at(text, i);
        if space {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        while i < bytes.len() {
            // Printable ASCII other than the space, most of a word's bytes, in one test.
            if bytes[i].wrapping_sub(0x21) < 0x5f {
                i += 1;
                continue;
            }
            let (space, len) = space_at(text, i);
            if space {
                break;
            }
            i += len;
        }
        push_word(&bytes[start..i], joined);
    }
}

/// Whether the character of `text` at byte `i` is whitespace, and its length.
#[inline(always)]
fn space_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes()[i] {
        // `char::is_whitespace` of the ASCII characters.
        b' ' | b'\t'..=b'\r' => (true, 1),
        b if b < 0x80 => (false, 1),
        _ => text[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
    }
}

fn push_word(word: &[u8], joined: &mut Vec<u8>) {
    if !joined.is_empty() {
        joined.push(b' ');
    }
    joined.extend_from_slice(word);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_paragraphs_are_joined_by_a_blank_line_and_spans_point_into_it() {
        let doc = Document::from_body_paragraphs("a.html", ["  First one. ", "", "Second."]);
        assert_eq!(doc.text, "First one.\n\nSecond.");
        assert_eq!(doc.body(), doc.text);
        let texts: Vec<_> = doc.paragraph_texts().collect();
        assert_eq!(texts, ["First one.", "Second."]);
    }

    #[test]
    fn input_documents_build_the_body_from_spans() {
        let input = "NEWS\n\nFirst one.\nSecond.\nShare".to_owned();
        let doc = Document::from_input("a.txt", input, vec![Span::new(6, 16), Span::new(17, 24)]);
        assert_eq!(doc.body(), "First one.\n\nSecond.");
    }

    #[test]
    fn content_ids_are_the_streamed_hash_of_the_words() {
        // Content ids are stored: hashing the joined words at once must give what the
        // streaming hasher gave, word by word.
        let paragraphs = [
            "  Putin said  on\tFriday ",
            "",
            "that he — the president — was ready.",
        ];
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut first = true;
        for word in paragraphs.iter().flat_map(|p| p.split_whitespace()) {
            if !first {
                hasher.update(b" ");
            }
            hasher.update(word.as_bytes());
            first = false;
        }
        assert_eq!(
            content_id(paragraphs.into_iter()),
            format!("{:032x}", hasher.digest128())
        );
        assert_eq!(
            content_id(std::iter::empty()),
            format!("{:032x}", xxhash_rust::xxh3::Xxh3::new().digest128())
        );
    }

    #[test]
    fn words_are_split_where_split_whitespace_splits() {
        let texts = [
            "",
            " ",
            "one",
            "  Putin said\u{a0}on\tFriday \u{2009}that\u{3000}he\u{85}was\u{200b}ready. ",
            "\u{1680}x\u{2028}y\u{2029}z\u{202f}w\u{205f}v\u{1c}u\u{b}t\u{c}s\r\n",
            "Zelenskyy’s «war» — 2,000 €\u{feff}",
        ];
        for text in texts {
            let mut joined = Vec::new();
            push_words(text, &mut joined);
            let expected: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(
                String::from_utf8(joined).unwrap(),
                expected.join(" "),
                "{text:?}"
            );
        }
    }

    #[test]
    fn content_id_ignores_whitespace_layout() {
        let a = Document::from_body_paragraphs("a", ["One  two", "three"]);
        let b = Document::from_input("b", "One two three".into(), vec![Span::new(0, 13)]);
        assert_eq!(a.content_id(), b.content_id());
        let c = Document::from_body_paragraphs("c", ["One two four"]);
        assert_ne!(a.content_id(), c.content_id());
    }
}
