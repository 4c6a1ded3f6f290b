//! Bytes to text: byte-order marks, HTTP and `<meta>` charsets, binary files, invalid UTF-8.
//!
//! [`decode`] settles the charset in this order, with `encoding_rs`:
//!
//! 1. A byte-order mark (UTF-8, UTF-16LE, UTF-16BE) wins over everything, as in browsers.
//! 2. Binary input is refused: known magic numbers (PNG, JPEG, PDF, ZIP, gzip…), NUL bytes
//!    or many control bytes ([`ReadErrorKind::Binary`]). UTF-16 without a BOM is told
//!    apart from binary by its pattern of NUL bytes, and decoded.
//! 3. Bytes that are valid UTF-8 are UTF-8, whatever a header declares: declarations are
//!    often wrong, and valid UTF-8 with non-ASCII letters by chance almost never happens.
//!    (ISO-2022-JP, which is 7-bit, is the exception: it is honoured when declared.)
//! 4. Otherwise the declared charset is used: the HTTP `Content-Type` charset, then for
//!    HTML a `<meta charset>` or `http-equiv` declaration (or an XML declaration) in the
//!    first 4 KB.
//! 5. Invalid UTF-8 with no (other) charset declared is still a usable document, so it is
//!    decoded, with a warning: when the bytes are clearly a legacy 8-bit encoding (no valid
//!    multi-byte UTF-8 sequence, or fewer valid ones than broken ones) they are read as
//!    Windows-1252, the encoding such files nearly always are in news text; when a few
//!    broken sequences sit in otherwise valid UTF-8 they are replaced by U+FFFD.
//!
//! Empty or whitespace-only input is [`ReadErrorKind::Empty`].
//!
//! ```
//! use whosaid_read::{Format, ReadOptions, decode::decode};
//!
//! let decoded = decode(b"caf\xe9 cr\xe8me", Format::Text, None, &ReadOptions::default()).unwrap();
//! assert_eq!(decoded.text, "café crème");
//! assert_eq!(decoded.encoding, "windows-1252");
//! assert_eq!(decoded.warnings.len(), 1);
//! ```

use encoding_rs::{Encoding, ISO_2022_JP, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use whosaid_core::{ReadError, ReadErrorKind};

use crate::source::{size_text, too_large};
use crate::{Format, ReadOptions};

/// Bytes looked at to tell binary from text, and UTF-16 from binary.
const SAMPLE_BYTES: usize = 8 * 1024;
/// Bytes of HTML searched for a `<meta>` charset declaration.
const PRESCAN_BYTES: usize = 4 * 1024;

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
///
/// Never panics; refuses empty, binary and oversized input with a sentence that says why.
pub fn decode(
    bytes: &[u8],
    format: Format,
    http_charset: Option<&str>,
    options: &ReadOptions,
) -> Result<Decoded, ReadError> {
    if bytes.len() > options.max_document_bytes {
        return Err(too_large(
            &format!("the document is {}", size_text(bytes.len() as u64)),
            options.max_document_bytes,
        ));
    }
    if bytes.is_empty() {
        return Err(ReadError::new(ReadErrorKind::Empty, "the file is empty"));
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return finish(decode_with(encoding, &bytes[bom..], Vec::new()));
    }
    if let Some(kind) = magic_number(bytes) {
        return Err(binary(kind));
    }
    let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
    if let Some(encoding) = utf16_without_bom(sample) {
        return finish(decode_with(encoding, bytes, Vec::new()));
    }
    if let Some(why) = binary_content(sample) {
        return Err(binary(why));
    }

    let mut warnings = Vec::new();
    let declared = declared_charset(bytes, format, http_charset, &mut warnings);
    if declared == Some(ISO_2022_JP) {
        return finish(decode_with(ISO_2022_JP, bytes, warnings));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            warnings: Vec::new(),
        });
    }
    match declared {
        Some(encoding) if encoding != UTF_8 => finish(decode_with(encoding, bytes, warnings)),
        _ => {
            let said = if declared == Some(UTF_8) {
                "although it declares UTF-8"
            } else {
                "and declares no charset"
            };
            let (valid_multibyte, invalid) = utf8_quality(bytes);
            if valid_multibyte == 0 || invalid > valid_multibyte {
                warnings.push(format!(
                    "the text is not valid UTF-8 {said}; it was read as Windows-1252"
                ));
                finish(decode_with(WINDOWS_1252, bytes, warnings))
            } else {
                let text = String::from_utf8_lossy(bytes).into_owned();
                let sequences = if invalid == 1 {
                    "1 invalid UTF-8 byte sequence was".to_owned()
                } else {
                    format!("{invalid} invalid UTF-8 byte sequences were")
                };
                warnings.push(format!(
                    "{sequences} replaced with U+FFFD (the text is UTF-8 with a few broken characters)"
                ));
                finish(Decoded {
                    text,
                    encoding: UTF_8.name(),
                    warnings,
                })
            }
        }
    }
}

/// Refuse text that holds nothing but whitespace.
fn finish(decoded: Decoded) -> Result<Decoded, ReadError> {
    if decoded.text.trim().is_empty() {
        return Err(ReadError::new(
            ReadErrorKind::Empty,
            "the file holds only whitespace",
        ));
    }
    Ok(decoded)
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8], mut warnings: Vec<String>) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        warnings.push(format!(
            "some bytes are not valid {} and were replaced with U+FFFD",
            encoding.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        warnings,
    }
}

fn binary(what: &str) -> ReadError {
    ReadError::new(
        ReadErrorKind::Binary,
        format!("this looks like a binary file ({what}), not text"),
    )
}

/// The kind of file a known magic number at the start says.
fn magic_number(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"PK\x05\x06", "ZIP archive"),
        (b"\x1f\x8b", "gzip-compressed data"),
        (b"BZh", "bzip2-compressed data"),
        (b"\xFD7zXZ\x00", "xz-compressed data"),
        (b"\x28\xB5\x2F\xFD", "zstd-compressed data"),
        (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
        (b"Rar!\x1a\x07", "RAR archive"),
        (b"\x7fELF", "executable program"),
        (b"MZ\x90\x00", "Windows program"),
        (b"\xCA\xFE\xBA\xBE", "Java class or Mach-O program"),
        (b"\xCF\xFA\xED\xFE", "Mach-O program"),
        (b"\x00asm", "WebAssembly module"),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"OggS", "Ogg audio or video"),
        (b"ID3", "MP3 audio"),
        (b"fLaC", "FLAC audio"),
        (b"II*\x00", "TIFF image"),
        (b"MM\x00*", "TIFF image"),
        (b"\x00\x00\x01\x00", "icon image"),
        (b"wOFF", "web font"),
        (b"wOF2", "web font"),
        (b"PAR1", "Parquet file"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "Microsoft Office document",
        ),
    ];
    if let Some(&(_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        // "BZh" and "ID3" are short enough to open a sentence; ask for more evidence.
        if kind == "bzip2-compressed data"
            && !bytes.get(3).is_some_and(|b| (b'1'..=b'9').contains(b))
        {
            return None;
        }
        if kind == "MP3 audio" && bytes.get(3).is_none_or(|&b| b >= 0x10) {
            return None;
        }
        return Some(kind);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" {
        return Some(match &bytes[8..12] {
            b"WEBP" => "WebP image",
            b"WAVE" => "WAV audio",
            b"AVI " => "AVI video",
            _ => "RIFF media file",
        });
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some(match &bytes[8..12] {
            b"avif" | b"avis" => "AVIF image",
            b"heic" | b"heix" | b"mif1" => "HEIC image",
            _ => "MP4 or QuickTime video",
        });
    }
    None
}

/// UTF-16 without a byte-order mark: ASCII-range text in UTF-16 has a NUL in every other
/// byte, on one side only.
fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    if sample.len() < 16 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(odd) && rarely(even) {
        Some(UTF_16LE)
    } else if mostly(even) && rarely(odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Why `sample` is not text, if it is not: NUL bytes, or many control bytes that text in
/// any 8-bit or UTF-8 encoding does not hold.
fn binary_content(sample: &[u8]) -> Option<&'static str> {
    let nul = sample.iter().filter(|&&b| b == 0).count();
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B | 0))
        .count();
    // A stray NUL in a large scraped page is not enough; a few in a small sample are.
    if nul > 0 && (nul * 200 >= sample.len() || nul >= 8) {
        return Some("it holds NUL bytes");
    }
    if (control + nul) * 10 >= sample.len() && control + nul >= 4 {
        return Some("it holds many control bytes");
    }
    None
}

/// The charset the HTTP header, or else the HTML itself, declares. A label encoding_rs
/// does not know is noted in `warnings` and ignored.
fn declared_charset(
    bytes: &[u8],
    format: Format,
    http_charset: Option<&str>,
    warnings: &mut Vec<String>,
) -> Option<&'static Encoding> {
    if let Some(label) = http_charset.map(str::trim).filter(|l| !l.is_empty()) {
        match Encoding::for_label(label.as_bytes()) {
            Some(encoding) if encoding != REPLACEMENT => return Some(encoding),
            _ => warnings.push(format!(
                "the HTTP header declares a charset whosaid does not know (\"{label}\")"
            )),
        }
    }
    if format != Format::Html {
        return None;
    }
    let label = prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)])?;
    match Encoding::for_label(&label) {
        // A page that says it is UTF-16 in ASCII bytes is not: browsers read it as UTF-8.
        Some(encoding) if encoding == UTF_16BE || encoding == UTF_16LE => Some(UTF_8),
        Some(encoding) if encoding.name() == "x-user-defined" => Some(WINDOWS_1252),
        Some(encoding) if encoding != REPLACEMENT => Some(encoding),
        _ => {
            warnings.push(format!(
                "the page declares a charset whosaid does not know (\"{}\")",
                String::from_utf8_lossy(&label)
            ));
            None
        }
    }
}

/// The charset label of the first `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">`, or of an XML declaration, in `head`.
fn prescan(head: &[u8]) -> Option<Vec<u8>> {
    let lower = head.to_ascii_lowercase();
    if lower.starts_with(b"<?xml")
        && let Some(end) = memchr::memchr(b'>', &lower)
        && let Some(label) = attribute_value(&lower[..end], b"encoding")
    {
        return Some(label);
    }
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + at + 5;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        if let Some(label) = attribute_value(&lower[start..end], b"charset") {
            return Some(label);
        }
        from = end;
    }
    None
}

/// The value after `name` `=` in a tag's text, unquoted: `charset="utf-8"`,
/// `content="text/html; charset=iso-8859-1"`.
fn attribute_value(tag: &[u8], name: &[u8]) -> Option<Vec<u8>> {
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&tag[from..], name) {
        let mut i = from + at + name.len();
        from = i;
        while tag.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if tag.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while tag
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let value: Vec<u8> = tag[i..]
            .iter()
            .take_while(|b| {
                !b.is_ascii_whitespace() && !matches!(b, b'"' | b'\'' | b';' | b'/' | b'>')
            })
            .copied()
            .collect();
        if !value.is_empty() {
            return Some(value);
        }
    }
    None
}

/// How UTF-8-like invalid UTF-8 is: the number of valid multi-byte characters, and the
/// number of broken sequences.
fn utf8_quality(bytes: &[u8]) -> (usize, usize) {
    let mut valid_multibyte = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (valid_multibyte, invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> Result<Decoded, ReadError> {
        decode(bytes, Format::Text, None, &ReadOptions::default())
    }

    fn html(bytes: &[u8], http: Option<&str>) -> Decoded {
        decode(bytes, Format::Html, http, &ReadOptions::default()).unwrap()
    }

    #[test]
    fn byte_order_marks_win() {
        let d = text(b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("hello", "UTF-8"));
        let d = text(b"\xFF\xFEh\x00i\x00").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("hi", "UTF-16LE"));
        let d = text(b"\xFE\xFF\x00h\x00i").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("hi", "UTF-16BE"));
    }

    #[test]
    fn utf16_without_bom_is_text_not_binary() {
        let bytes: Vec<u8> = "Officials said talks would resume."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let d = text(&bytes).unwrap();
        assert_eq!(d.text, "Officials said talks would resume.");
    }

    #[test]
    fn declared_charsets_are_honoured_when_the_bytes_are_not_utf8() {
        let d = html(b"<p>Fran\xe7ais</p>", Some("iso-8859-1"));
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("<p>Français</p>", "windows-1252")
        );
        assert!(d.warnings.is_empty());
        let page =
            b"<html><head><meta charset=\"windows-1251\"></head><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        assert!(html(page, None).text.contains("Привет"));
        let page = b"<meta http-equiv='Content-Type' content='text/html; charset=koi8-r'><p>\xf0\xd2\xc9\xd7\xc5\xd4";
        assert!(html(page, None).text.contains("Привет"));
    }

    #[test]
    fn valid_utf8_wins_over_a_wrong_declaration() {
        let d = html("<p>Zürich</p>".as_bytes(), Some("iso-8859-1"));
        assert_eq!(d.text, "<p>Zürich</p>");
    }

    #[test]
    fn a_few_broken_sequences_in_utf8_are_replaced_with_a_warning() {
        let d = text(
            "Zürich, Genève, Montréal \u{2014} "
                .as_bytes()
                .iter()
                .chain(b"\xff end")
                .copied()
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.ends_with("\u{FFFD} end"));
        assert_eq!(
            d.warnings,
            [
                "1 invalid UTF-8 byte sequence was replaced with U+FFFD (the text is UTF-8 with a few broken characters)"
            ]
        );
    }

    #[test]
    fn empty_and_binary_input_is_refused_with_a_sentence() {
        assert_eq!(text(b"").unwrap_err().message(), "the file is empty");
        assert_eq!(text(b" \n\t\r\n").unwrap_err().kind(), ReadErrorKind::Empty);
        let png = text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap_err();
        assert_eq!(
            png.message(),
            "this looks like a binary file (PNG image), not text"
        );
        assert_eq!(
            text(b"%PDF-1.7\n").unwrap_err().kind(),
            ReadErrorKind::Binary
        );
        let nul = text(b"abc\x00\x00\x01\x02\x03def\x00").unwrap_err();
        assert_eq!(nul.kind(), ReadErrorKind::Binary);
    }

    #[test]
    fn prose_that_opens_like_a_magic_number_is_still_text() {
        assert!(text(b"BZh is not a word").is_ok());
        assert!(text(b"ID3 tags are metadata").is_ok());
    }
}
