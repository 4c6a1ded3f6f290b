//! Bytes to text: byte-order marks, HTTP and `<meta>` charsets, binary files, invalid UTF-8.
//!
//! STUB: the real implementation is being written (issue 2); this one accepts UTF-8 only.

use whosaid_core::{ReadError, ReadErrorKind};

use crate::{Format, ReadOptions};

/// Text decoded from bytes, and what a person should know about how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, UTF-8.
    pub text: String,
    /// The encoding it was decoded from ("UTF-8", "windows-1252").
    pub encoding: &'static str,
    /// Notes on a decoding that was not clean ("3 invalid byte sequences replaced").
    pub warnings: Vec<String>,
}

/// Decode the bytes of one document of `format`, with the charset an HTTP header gave.
pub fn decode(
    bytes: &[u8],
    _format: Format,
    _http_charset: Option<&str>,
    _options: &ReadOptions,
) -> Result<Decoded, ReadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
            warnings: Vec::new(),
        }),
        Err(_) => Err(ReadError::new(
            ReadErrorKind::Encoding,
            "the file is not valid UTF-8",
        )),
    }
}
