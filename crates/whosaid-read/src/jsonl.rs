//! JSONL dumps (`.jsonl`, `.ndjson`, `.jsonl.gz`): one article per line.
//!
//! [`JsonlReader`] streams the lines of one file and yields one [`RawInput`] per line that
//! is a JSON object with a text or an HTML field (names from [`JsonlFields`]). When a line
//! has both, the text wins: it is the article as its producer already extracted it, and
//! its spans point straight into it. The URL, date and title fields become [`Hints`].
//!
//! A line that cannot be an article (not JSON, not an object, no text or HTML field, a
//! field that is not a string, an empty article) becomes a [`Failure`] naming its line
//! number, and reading goes on with the next line; blank lines are passed over. A line
//! longer than [`ReadOptions::max_document_bytes`] is refused without being stored: the
//! reader streams past it, so memory stays flat whatever the file holds.
//!
//! In `path#id`, `id` is the line's id field when it is a short string or a number, the
//! line number (counting from 1) otherwise.
//!
//! [`JsonlFields`]: crate::JsonlFields
//!
//! ```
//! use whosaid_read::{Format, ReadOptions, jsonl::JsonlReader};
//!
//! let lines = "{\"id\": \"a1\", \"text\": \"Talks resume.\", \"url\": \"https://example.com/a\"}\n\n[1, 2]\n";
//! let mut reader = JsonlReader::new("dump.jsonl", std::io::Cursor::new(lines), &ReadOptions::default());
//! let raw = reader.next().unwrap().unwrap();
//! assert_eq!((raw.path.as_str(), raw.format), ("dump.jsonl#a1", Format::Text));
//! let bad = reader.next().unwrap().unwrap_err();
//! assert_eq!(bad.path, "dump.jsonl#3");
//! assert_eq!(bad.error.to_string(), "line 3 of dump.jsonl is a JSON array, not an object");
//! ```

use std::io::Read;
use std::sync::Arc;

use serde_json::Value;
use whosaid_core::{ReadError, ReadErrorKind};

use crate::source::stream::{Line, Stream, read_line_limited};
use crate::source::{SourceStats, shown, size_text, stream_failure, too_large};
use crate::{Failure, Format, Hints, JsonlFields, Payload, RawInput, ReadOptions};

/// An id longer than this is not used in `path#id`: the line number is shorter.
const MAX_ID_CHARS: usize = 128;

/// The documents of one JSONL file, one per line, in order.
pub struct JsonlReader {
    stream: Option<Stream>,
    path: String,
    max: usize,
    fields: JsonlFields,
    stats: Arc<SourceStats>,
    line_number: u64,
    /// Lines that were not blank.
    lines: u64,
    pending: Option<Failure>,
    buffer: Vec<u8>,
}

impl std::fmt::Debug for JsonlReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonlReader")
            .field("path", &self.path)
            .field("line_number", &self.line_number)
            .finish_non_exhaustive()
    }
}

impl JsonlReader {
    /// The documents of the JSONL file `input` (gzipped or not: the bytes tell), named
    /// `path` in records and messages.
    pub fn new<R: Read + Send + 'static>(
        path: impl Into<String>,
        input: R,
        options: &ReadOptions,
    ) -> JsonlReader {
        let path = path.into();
        match Stream::open(Box::new(input)) {
            Ok(stream) => JsonlReader::from_stream(path, stream, options, Arc::default()),
            Err(err) => {
                let failure = stream_failure(path.clone(), &err, None);
                let mut reader =
                    JsonlReader::from_stream(path, Stream::empty(), options, Arc::default());
                reader.pending = Some(failure);
                reader
            }
        }
    }

    pub(crate) fn from_stream(
        path: String,
        stream: Stream,
        options: &ReadOptions,
        stats: Arc<SourceStats>,
    ) -> JsonlReader {
        JsonlReader {
            stream: Some(stream),
            path,
            max: options.max_document_bytes,
            fields: options.jsonl.clone(),
            stats,
            line_number: 0,
            lines: 0,
            pending: None,
            buffer: Vec::new(),
        }
    }

    /// A handle on the running counts (JSONL skips nothing; blank lines are not records).
    pub fn stats(&self) -> Arc<SourceStats> {
        Arc::clone(&self.stats)
    }

    fn failure(&self, kind: ReadErrorKind, why: impl std::fmt::Display) -> Failure {
        Failure {
            path: format!("{}#{}", self.path, self.line_number),
            error: ReadError::new(
                kind,
                format!("line {} of {} {why}", self.line_number, shown(&self.path)),
            ),
        }
    }

    /// The article on the line in the buffer.
    fn article(&self) -> Result<RawInput, Failure> {
        let line = self.buffer.strip_suffix(b"\r").unwrap_or(&self.buffer);
        let line = if self.line_number == 1 {
            line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line)
        } else {
            line
        };
        if let Err(err) = std::str::from_utf8(line) {
            return Err(self.failure(
                ReadErrorKind::Encoding,
                format_args!(
                    "is not valid UTF-8 (at byte {}), and JSON text must be",
                    err.valid_up_to() + 1
                ),
            ));
        }
        let value: Value = serde_json::from_slice(line).map_err(|err| {
            let text = err.to_string();
            let what = text.split(" at line ").next().unwrap_or(&text);
            self.failure(
                ReadErrorKind::Container,
                format_args!("is not valid JSON: {what} at column {}", err.column()),
            )
        })?;
        let Value::Object(mut object) = value else {
            return Err(self.failure(
                ReadErrorKind::Container,
                format_args!("is a JSON {}, not an object", json_kind(&value)),
            ));
        };
        let text = self.string_field(&mut object, &self.fields.text)?;
        let html = self.string_field(&mut object, &self.fields.html)?;
        let (format, content) = match (text, html) {
            (Some(text), _) if !text.trim().is_empty() => (Format::Text, text),
            (_, Some(html)) if !html.trim().is_empty() => (Format::Html, html),
            (Some(_), _) => {
                return Err(self.failure(
                    ReadErrorKind::Empty,
                    format_args!("has an empty \"{}\" field", self.fields.text),
                ));
            }
            (None, Some(_)) => {
                return Err(self.failure(
                    ReadErrorKind::Empty,
                    format_args!("has an empty \"{}\" field", self.fields.html),
                ));
            }
            (None, None) => {
                return Err(self.failure(
                    ReadErrorKind::Container,
                    format_args!(
                        "has no \"{}\" field and no \"{}\" field",
                        self.fields.text, self.fields.html
                    ),
                ));
            }
        };
        let hints = Hints {
            url: scalar(object.get(&self.fields.url)),
            published: scalar(object.get(&self.fields.date)),
            fetched: None,
            title: scalar(object.get(&self.fields.title)),
            http_charset: None,
        };
        let id = scalar(object.get(&self.fields.id))
            .filter(|id| {
                !id.is_empty()
                    && id.chars().count() <= MAX_ID_CHARS
                    && !id.chars().any(char::is_control)
            })
            .unwrap_or_else(|| self.line_number.to_string());
        Ok(RawInput {
            path: format!("{}#{id}", self.path),
            format,
            payload: Payload::Text(content),
            hints,
        })
    }

    /// A field that must be a string when present; `null` counts as absent.
    fn string_field(
        &self,
        object: &mut serde_json::Map<String, Value>,
        name: &str,
    ) -> Result<Option<String>, Failure> {
        match object.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(self.failure(
                ReadErrorKind::Container,
                format_args!(
                    "has a \"{name}\" field that is a JSON {}, not a string",
                    json_kind(&other)
                ),
            )),
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Result<RawInput, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(failure) = self.pending.take() {
            self.stream = None;
            return Some(Err(failure));
        }
        loop {
            let stream = self.stream.as_mut()?;
            let line = match read_line_limited(stream, &mut self.buffer, self.max) {
                Ok(line) => line,
                Err(err) => {
                    self.stream = None;
                    let after = match self.line_number {
                        0 => None,
                        1 => Some("line 1".to_owned()),
                        n => Some(format!("{n} lines")),
                    };
                    return Some(Err(stream_failure(self.path.clone(), &err, after)));
                }
            };
            match line {
                Line::End => {
                    self.stream = None;
                    if self.lines == 0 {
                        let what = if self.line_number == 0 {
                            "the file is empty"
                        } else {
                            "it has only blank lines"
                        };
                        return Some(Err(Failure {
                            error: ReadError::new(
                                ReadErrorKind::Empty,
                                format!("{} holds no JSON lines ({what})", shown(&self.path)),
                            ),
                            path: self.path.clone(),
                        }));
                    }
                    return None;
                }
                Line::TooLong(length) => {
                    self.line_number += 1;
                    self.lines += 1;
                    let what = format!(
                        "line {} of {} is {}",
                        self.line_number,
                        shown(&self.path),
                        size_text(length)
                    );
                    return Some(Err(Failure {
                        path: format!("{}#{}", self.path, self.line_number),
                        error: too_large(&what, self.max),
                    }));
                }
                Line::Read => {
                    self.line_number += 1;
                    if self.buffer.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    self.lines += 1;
                    let item = self.article();
                    // A long line once read must not pin its buffer for the rest of the file.
                    if self.buffer.capacity() > 1 << 20 {
                        self.buffer = Vec::new();
                    }
                    return Some(item);
                }
            }
        }
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A string or number field as text; anything else is ignored.
fn scalar(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
