//! Property tests on stable: arbitrary and mutated bytes through every reader. None may
//! panic or hang, and every error must be a sentence (no debug dump, no line break).
//! The same readers are fuzzed with cargo-fuzz under `fuzz/` (see `fuzz/README.md`); this
//! suite is what CI runs. More cases: `PROPTEST_CASES=10000 cargo test --test fuzz_readers`.

#[path = "fixtures/warc/writer.rs"]
mod writer;

use std::io::Cursor;

use proptest::prelude::*;
use whosaid_read::jsonl::JsonlReader;
use whosaid_read::warc::WarcReader;
use whosaid_read::{
    Failure, Format, Payload, RawInput, ReadError, ReadOptions, decode::decode, read_document,
};

/// `PROPTEST_CASES` raises (or lowers) every block's number of cases.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn assert_sentence(message: &str) {
    assert!(!message.trim().is_empty(), "an empty error");
    assert!(
        !message.contains('\n'),
        "a message on several lines: {message:?}"
    );
    assert!(
        !message.contains(" { ") && !message.contains("Custom {") && !message.contains("Os {"),
        "a debug dump, not a sentence: {message}"
    );
}

fn check_error(error: &ReadError) {
    assert_sentence(error.message());
}

/// Small limits, so that the size checks are exercised too.
fn options() -> ReadOptions {
    ReadOptions {
        max_document_bytes: 64 * 1024,
        ..ReadOptions::default()
    }
}

fn check_items(items: impl Iterator<Item = Result<RawInput, Failure>>, limit: usize) -> usize {
    let mut n = 0;
    for item in items {
        n += 1;
        assert!(n <= limit, "the reader does not stop");
        match item {
            Ok(raw) => {
                let len = match &raw.payload {
                    Payload::Bytes(b) => b.len(),
                    Payload::Text(t) => t.len(),
                };
                assert!(
                    len <= options().max_document_bytes,
                    "a document over the limit"
                );
            }
            Err(failure) => check_error(&failure.error),
        }
    }
    n
}

/// A byte edit: overwrite, insert, delete, or cut the input at a position.
#[derive(Clone, Debug)]
enum Edit {
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Cut(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Set(at, b)),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..16)
        )
            .prop_map(|(at, b)| Edit::Insert(at, b)),
        (any::<usize>(), 1..64usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        any::<usize>().prop_map(Edit::Cut),
        // Edits that hit the places a parser depends on.
        Just(Edit::Insert(0, b"WARC/1.1\r\n".to_vec())),
        Just(Edit::Insert(
            usize::MAX / 2,
            b"\r\nContent-Length: 99999999999\r\n".to_vec()
        )),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        if bytes.is_empty() {
            break;
        }
        let at = |i: usize| i % bytes.len();
        match edit {
            Edit::Set(i, b) => {
                let i = at(*i);
                bytes[i] = *b;
            }
            Edit::Insert(i, b) => {
                let i = at(*i);
                bytes.splice(i..i, b.iter().copied());
            }
            Edit::Delete(i, n) => {
                let i = at(*i);
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
            Edit::Cut(i) => {
                let i = at(*i);
                bytes.truncate(i);
            }
        }
    }
    bytes
}

fn news_plain() -> Vec<u8> {
    writer::news_records().concat()
}

fn news_gz() -> Vec<u8> {
    writer::gzip_members(&writer::news_records())
}

const LABELS: &[&str] = &[
    "utf-8",
    "iso-8859-1",
    "windows-1251",
    "shift_jis",
    "utf-16le",
    "gb18030",
    "x-unknown",
    "",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn decode_never_panics_and_explains_itself(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
        html in any::<bool>(),
        label in proptest::sample::select(LABELS),
    ) {
        let format = if html { Format::Html } else { Format::Text };
        let charset = (!label.is_empty()).then_some(label);
        match decode(&bytes, format, charset, &options()) {
            Ok(decoded) => {
                prop_assert!(!decoded.text.trim().is_empty());
                for warning in &decoded.warnings {
                    assert_sentence(warning);
                }
            }
            Err(error) => check_error(&error),
        }
    }

    #[test]
    fn decode_reads_any_utf8_text_as_itself(text in "\\PC{1,200}") {
        prop_assume!(!text.trim().is_empty());
        if let Ok(decoded) = decode(text.as_bytes(), Format::Text, None, &options()) {
            prop_assert_eq!(decoded.text, text);
            prop_assert!(decoded.warnings.is_empty());
        }
    }

    #[test]
    fn warc_reader_survives_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        check_items(WarcReader::new("f.warc", Cursor::new(bytes.clone()), &options()), 10_000);
        let gz = writer::gzip(&bytes);
        check_items(WarcReader::new("f.warc.gz", Cursor::new(gz), &options()), 10_000);
    }

    #[test]
    fn warc_reader_survives_damaged_archives(edits in proptest::collection::vec(edit(), 1..6)) {
        let plain = apply(news_plain(), &edits);
        let n = check_items(WarcReader::new("f.warc", Cursor::new(plain), &options()), 1000);
        prop_assert!(n <= 40);
        let gz = apply(news_gz(), &edits);
        let n = check_items(WarcReader::new("f.warc.gz", Cursor::new(gz), &options()), 1000);
        prop_assert!(n <= 40);
    }

    #[test]
    fn jsonl_reader_survives_arbitrary_lines(
        lines in proptest::collection::vec(
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..200),
                "\\{\"(text|html|id|url|date|title)\": (\"[^\"\\\\]{0,40}\"|[0-9]{1,5}|null|\\[\\]|\\{\\}|true)(, \"(text|html|id)\": \"[a-z ]{0,20}\")?\\}"
                    .prop_map(String::into_bytes),
            ],
            0..20,
        ),
        gzip in any::<bool>(),
    ) {
        let mut bytes = lines.join(&b'\n');
        let line_count = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
        if gzip {
            bytes = writer::gzip(&bytes);
        }
        let n = check_items(JsonlReader::new("f.jsonl", Cursor::new(bytes), &options()), 10_000);
        prop_assert!(n <= line_count);
    }

    #[test]
    fn read_document_never_panics_on_text(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let raw = RawInput::new("f.txt", Format::Text, Payload::Bytes(bytes));
        if let Err(error) = read_document(raw, &options()) {
            check_error(&error);
        }
    }

    #[test]
    fn read_document_never_panics_on_scraped_text(text in "(\\PC{0,60}[\n]{0,3}){0,30}") {
        let raw = RawInput::new("f.txt", Format::Text, Payload::Text(text));
        if let Err(error) = read_document(raw, &options()) {
            check_error(&error);
        }
    }
}

proptest! {
    // The HTML reader does much more per document: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]

    #[test]
    fn read_document_never_panics_on_html_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let raw = RawInput::new("f.html", Format::Html, Payload::Bytes(bytes));
        if let Err(error) = read_document(raw, &options()) {
            check_error(&error);
        }
    }

    #[test]
    fn read_document_never_panics_on_tag_soup(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("<p>".to_owned()), Just("</p>".to_owned()), Just("<div>".to_owned()),
                Just("</div>".to_owned()), Just("<article>".to_owned()), Just("<h1>".to_owned()),
                Just("<script>".to_owned()), Just("<!--".to_owned()), Just("-->".to_owned()),
                Just("<meta charset=\"koi8-r\">".to_owned()), Just("“".to_owned()), Just("”".to_owned()),
                Just("<time datetime=\"2025-01-31\">".to_owned()), Just("<a href=\"x\">".to_owned()),
                "[A-Za-z ,.\u{e9}\u{2014}]{0,30}",
            ],
            0..80,
        ),
    ) {
        let raw = RawInput::new("f.html", Format::Html, Payload::Text(parts.concat()));
        if let Err(error) = read_document(raw, &options()) {
            check_error(&error);
        }
    }
}
