//! Why an input could not be read.
//!
//! Bad input is data too: a reader turns it into a [`ReadError`] whose message is a
//! sentence a person understands ("the gzip stream ends before its end marker: the file
//! is truncated"), the caller prints it in the record's `error` field and goes on with the
//! next document.

/// What went wrong, for callers that react differently (count, retry, skip).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// The operating system refused: missing file, permission denied.
    Io,
    /// The input holds nothing to read.
    Empty,
    /// The input is not text (an image, an executable, a zip file).
    Binary,
    /// The input is larger than the configured limit.
    TooLarge,
    /// The bytes cannot be decoded as text.
    Encoding,
    /// A compressed stream is truncated or corrupt.
    Compression,
    /// A container (WARC record, JSONL line) is malformed.
    Container,
    /// The page was read but holds no article text.
    NoContent,
    /// The input's format is not one whosaid reads.
    Unsupported,
}

/// An input that could not be read, with a sentence saying why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ReadError {
    kind: ReadErrorKind,
    message: String,
}

impl ReadError {
    /// An error of `kind`, explained by `message` (a sentence, no trailing period needed).
    pub fn new(kind: ReadErrorKind, message: impl Into<String>) -> ReadError {
        ReadError {
            kind,
            message: message.into(),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> ReadErrorKind {
        self.kind
    }

    /// The sentence that explains it.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// An I/O error on `path`, worded for a person.
    pub fn io(path: &str, err: &std::io::Error) -> ReadError {
        use std::io::ErrorKind as K;
        let why = match err.kind() {
            K::NotFound => "no such file or directory".to_owned(),
            K::PermissionDenied => "permission denied".to_owned(),
            K::IsADirectory => "it is a directory".to_owned(),
            K::UnexpectedEof => "the file ends too early".to_owned(),
            _ => err.to_string(),
        };
        ReadError::new(ReadErrorKind::Io, format!("cannot read {path}: {why}"))
    }
}

/// Run the reading and analysis of one document, turning a panic into the sentence its
/// record's `error` carries, so that one bad page never ends a run. Every place that
/// turns documents into records (`whosaid extract` and `ingest`, the Python package) goes
/// through it, so they all say the same thing.
pub fn catch_document_panic<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_owned());
        format!(
            "whosaid failed on this document (an internal error: {what}); please report it with the input"
        )
    })
}
