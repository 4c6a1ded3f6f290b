//! The WARC reader on archives shaped like Common Crawl's news crawl, and on broken ones.

#[path = "fixtures/warc/writer.rs"]
mod writer;

use std::io::Cursor;
use std::path::PathBuf;

use whosaid_read::warc::WarcReader;
use whosaid_read::{
    Failure, Format, Inputs, Payload, RawInput, ReadErrorKind, ReadOptions, decode::decode,
};
use writer::*;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn read(bytes: Vec<u8>, options: &ReadOptions) -> Vec<Result<RawInput, Failure>> {
    WarcReader::new("t.warc", Cursor::new(bytes), options).collect()
}

/// `path → "ok"` or `path → error sentence`, in order.
fn outline(items: &[Result<RawInput, Failure>]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|item| match item {
            Ok(raw) => (raw.path.clone(), "ok".to_owned()),
            Err(f) => (f.path.clone(), f.error.to_string()),
        })
        .collect()
}

fn bytes_of(raw: &RawInput) -> &[u8] {
    match &raw.payload {
        Payload::Bytes(b) => b,
        Payload::Text(t) => t.as_bytes(),
    }
}

fn html_response(n: u32, uri: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    typed(
        "response",
        n,
        Some(uri),
        "application/http; msgtype=response",
        &http("200 OK", headers, body),
    )
}

#[test]
fn news_crawl_yields_its_three_pages_and_skips_the_rest() {
    for name in ["warc/news.warc.gz", "warc/news-1.0.warc"] {
        let path = fixture(name);
        let inputs = Inputs::new(vec![path.clone()], ReadOptions::default());
        let stats = inputs.stats();
        let items: Vec<RawInput> = inputs.map(|item| item.unwrap()).collect();
        let paths: Vec<&str> = items.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                format!("{path}#3"),
                format!("{path}#8"),
                format!("{path}#9")
            ],
            "{name}"
        );
        assert_eq!(stats.skipped(), 6, "{name}");
        assert!(items.iter().all(|r| r.format == Format::Html));

        let peace = &items[0];
        assert_eq!(peace.hints.url.as_deref(), Some(PEACE_URI));
        assert_eq!(peace.hints.fetched.as_deref(), Some("2025-01-31T14:20:05Z"));
        assert_eq!(
            peace.hints.published, None,
            "a fetch date is not a publication date"
        );
        assert_eq!(peace.hints.http_charset.as_deref(), Some("utf-8"));
        assert_eq!(
            bytes_of(peace),
            news_page("Peace talks resume in Geneva", PEACE, Some("utf-8")).as_bytes()
        );

        // Chunked, gzip-encoded, Windows-1252: undone in that order, then decoded.
        let harbour = &items[1];
        assert_eq!(harbour.hints.url.as_deref(), Some(HARBOUR_URI));
        assert_eq!(harbour.hints.http_charset.as_deref(), Some("windows-1252"));
        let text = decode(
            bytes_of(harbour),
            Format::Html,
            harbour.hints.http_charset.as_deref(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(
            text.text,
            news_page("Harbour terminal delayed", HARBOUR, None)
        );
        assert!(text.warnings.is_empty());

        let market = &items[2];
        assert_eq!(market.hints.url.as_deref(), Some(MARKET_URI));
        assert_eq!(market.hints.http_charset, None);
    }
}

#[test]
fn records_may_be_uncompressed_lf_only_and_without_http() {
    let page = news_page("Bare page", MARKET, None);
    let bare = String::from_utf8(typed(
        "response",
        1,
        Some("https://example.com/bare"),
        "text/html",
        page.as_bytes(),
    ))
    .unwrap()
    .replace("\r\n", "\n");
    // The block shrank by nothing (the page has no CR), but the header lost its CRs.
    let items = read(bare.into_bytes(), &ReadOptions::default());
    assert_eq!(outline(&items), [("t.warc#1".into(), "ok".into())]);
    assert_eq!(bytes_of(items[0].as_ref().unwrap()), page.as_bytes());
}

#[test]
fn statuses_other_than_2xx_and_pages_that_are_not_html_are_skipped() {
    let page = news_page("Page", PEACE, None);
    let records = [
        typed(
            "response",
            1,
            Some("https://e.com/404"),
            "application/http; msgtype=response",
            &http(
                "404 Not Found",
                &[("Content-Type", "text/html")],
                b"<html>gone</html>",
            ),
        ),
        typed(
            "response",
            2,
            Some("https://e.com/500"),
            "application/http; msgtype=response",
            &http(
                "500 Internal Server Error",
                &[("Content-Type", "text/html")],
                b"<html>oops</html>",
            ),
        ),
        html_response(
            3,
            "https://e.com/feed.json",
            &[("Content-Type", "application/json")],
            b"{\"a\": 1}",
        ),
        html_response(
            4,
            "https://e.com/plain",
            &[],
            b"just some plain text, no markup at all",
        ),
        html_response(
            5,
            "https://e.com/x",
            &[("Content-Type", "application/xhtml+xml; charset=UTF-8")],
            page.as_bytes(),
        ),
        typed(
            "resource",
            6,
            Some("file:///page.html"),
            "text/html",
            page.as_bytes(),
        ),
        typed(
            "conversion",
            7,
            Some("https://e.com/x"),
            "text/plain",
            b"text",
        ),
    ];
    let reader = WarcReader::new(
        "t.warc.gz",
        Cursor::new(gzip_members(&records)),
        &ReadOptions::default(),
    );
    let stats = reader.stats();
    let items: Vec<_> = reader.collect();
    assert_eq!(outline(&items), [("t.warc.gz#5".into(), "ok".into())]);
    assert_eq!(
        items[0].as_ref().unwrap().hints.http_charset.as_deref(),
        Some("UTF-8")
    );
    assert_eq!(stats.skipped(), 6);
}

#[test]
fn a_content_length_beyond_the_end_of_the_file_is_a_truncated_record() {
    let mut bytes = news_records()[..3].concat();
    bytes.truncate(bytes.len() - 100);
    let items = read(bytes, &ReadOptions::default());
    let outline = outline(&items);
    assert_eq!(outline.len(), 1, "{outline:?}");
    assert_eq!(outline[0].0, "t.warc#3");
    assert!(
        outline[0]
            .1
            .starts_with("record 3 of t.warc is cut short: its Content-Length says ")
            && outline[0].1.ends_with(" (truncated file)"),
        "{}",
        outline[0].1
    );
}

#[test]
fn a_file_that_ends_inside_a_header_is_a_truncated_record() {
    let mut bytes = news_records()[..2].concat();
    bytes.extend_from_slice(b"WARC/1.1\r\nWARC-Type: response\r\n");
    let items = read(bytes, &ReadOptions::default());
    assert_eq!(
        outline(&items),
        [(
            "t.warc#3".into(),
            "record 3 of t.warc is cut short: the file ends inside its header (truncated file)"
                .into()
        )]
    );
}

#[test]
fn an_uncompressed_record_with_a_wrong_length_is_reported_and_reading_resyncs() {
    let records = news_records();
    let bytes = [
        records[0].clone(),
        overlong_record(),
        records[8].clone(),
        records[7].clone(),
    ]
    .concat();
    let items = read(bytes, &ReadOptions::default());
    let outline = outline(&items);
    assert_eq!(outline.len(), 2, "{outline:?}");
    assert_eq!(outline[0].0, "t.warc#2");
    assert!(
        outline[0]
            .1
            .contains("does not end where its Content-Length"),
        "{}",
        outline[0].1
    );
    // The overlong block swallowed the start of the market record; the harbour page is next.
    let harbour = items[1].as_ref().unwrap();
    assert_eq!(harbour.hints.url.as_deref(), Some(HARBOUR_URI));
}

#[test]
fn a_file_that_is_not_a_warc_says_so_once() {
    let bytes = b"Hello, this is a plain text file\nwith a few lines\nof nothing.\n".repeat(100);
    let items = read(bytes, &ReadOptions::default());
    assert_eq!(
        outline(&items),
        [(
            "t.warc#1".into(),
            "record 1 of t.warc is malformed: it does not start with a WARC version line (it starts with \"Hello, this is a plain text file\"); reading resumes at the next record".into()
        )]
    );
    assert_eq!(
        items[0].as_ref().unwrap_err().error.kind(),
        ReadErrorKind::Container
    );
}

#[test]
fn an_empty_warc_says_it_is_empty() {
    let items = read(Vec::new(), &ReadOptions::default());
    assert_eq!(
        outline(&items),
        [(
            "t.warc".into(),
            "t.warc holds no WARC record (the file is empty)".into()
        )]
    );
}

#[test]
fn a_page_over_the_limit_is_refused_and_the_next_one_read() {
    let big = format!(
        "<html><body><p>{}</p></body></html>",
        "word ".repeat(100_000)
    );
    let records = [
        html_response(
            1,
            "https://e.com/big",
            &[("Content-Type", "text/html")],
            big.as_bytes(),
        ),
        html_response(
            2,
            MARKET_URI,
            &[("Content-Type", "text/html")],
            b"<html><p>small</p></html>",
        ),
    ];
    let options = ReadOptions {
        max_document_bytes: 100_000,
        ..ReadOptions::default()
    };
    let items = read(gzip_members(&records), &options);
    assert_eq!(
        outline(&items),
        [
            ("t.warc#1".into(), "the page in record 1 of t.warc is 488.3 KB, more than the limit of 97.7 KB for one document; raise the limit with --max-document-mb".into()),
            ("t.warc#2".into(), "ok".into()),
        ]
    );
    assert_eq!(
        items[0].as_ref().unwrap_err().error.kind(),
        ReadErrorKind::TooLarge
    );
}

#[test]
fn a_gzip_bomb_inside_a_record_is_refused_at_the_limit() {
    let bomb = gzip(&vec![b' '; 50 * 1024 * 1024]);
    let records = [
        html_response(
            1,
            "https://e.com/bomb",
            &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
            &bomb,
        ),
        html_response(
            2,
            MARKET_URI,
            &[("Content-Type", "text/html")],
            b"<html><p>small</p></html>",
        ),
    ];
    let options = ReadOptions {
        max_document_bytes: 1024 * 1024,
        ..ReadOptions::default()
    };
    let items = read(gzip_members(&records), &options);
    assert_eq!(
        outline(&items),
        [
            ("t.warc#1".into(), "the page in record 1 of t.warc decompresses to more than 1 MB, more than the limit of 1 MB for one document; raise the limit with --max-document-mb".into()),
            ("t.warc#2".into(), "ok".into()),
        ]
    );
}

#[test]
fn an_encoding_whosaid_cannot_undo_is_named() {
    let records = [html_response(
        1,
        "https://e.com/br",
        &[("Content-Type", "text/html"), ("Content-Encoding", "br")],
        &[0x1b, 0x2f, 0x00, 0xa4, 0x3c, 0x9f, 0x12, 0x88],
    )];
    let items = read(records.concat(), &ReadOptions::default());
    let failure = items[0].as_ref().unwrap_err();
    assert_eq!(failure.error.kind(), ReadErrorKind::Unsupported);
    assert_eq!(
        failure.error.to_string(),
        "record 1 of t.warc: the page is compressed with \"br\", which whosaid cannot decompress"
    );
}

#[test]
fn a_declared_encoding_over_a_decoded_body_is_ignored() {
    // Archives such as Common Crawl store the decoded body but may keep the header.
    let page = b"<html><body><p>already decoded</p></body></html>";
    let records = [html_response(
        1,
        "https://e.com/a",
        &[
            ("Content-Type", "text/html"),
            ("Content-Encoding", "gzip"),
            ("Transfer-Encoding", "chunked"),
        ],
        page,
    )];
    let items = read(records.concat(), &ReadOptions::default());
    assert_eq!(bytes_of(items[0].as_ref().unwrap()), page);
}

#[test]
fn data_after_the_last_gzip_member_is_reported() {
    let mut bytes = gzip_members(&news_records()[..3]);
    bytes.extend_from_slice(b"this is not gzip");
    let items = read(bytes, &ReadOptions::default());
    let outline = outline(&items);
    assert_eq!(outline[0], ("t.warc#3".into(), "ok".into()));
    assert_eq!(
        outline[1],
        (
            "t.warc".into(),
            "the gzip stream of t.warc is corrupt after 3 records (data that is not gzip follows the last gzip member)".into()
        )
    );
}

#[test]
fn a_garbage_header_after_a_resync_is_not_reported_twice() {
    let records = news_records();
    let mut bytes = records[0].clone();
    bytes.extend_from_slice(b"garbage line\r\nWARC/ but not a header\r\nmore garbage\r\n\r\n");
    bytes.extend_from_slice(&records[2]);
    let items = read(bytes, &ReadOptions::default());
    let outline = outline(&items);
    assert_eq!(outline.len(), 2, "{outline:?}");
    assert!(
        outline[0]
            .1
            .contains("does not start with a WARC version line")
    );
    assert_eq!(outline[1], ("t.warc#3".into(), "ok".into()));
}
