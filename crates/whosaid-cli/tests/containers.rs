//! WARC and JSONL end to end: `whosaid extract` on archives and dumps gives one record per
//! article, named `path#N` (WARC record number) or `path#id` (JSONL id or line number),
//! with the URL and date the container gives. The fixtures are described in
//! `crates/whosaid-read/tests/fixtures/{warc,jsonl}/README.md`.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../whosaid-read/tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn extract(args: &[&str]) -> (Vec<Value>, String, Option<i32>) {
    let output = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("extract")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let records = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (records, stderr, output.status.code())
}

fn field<'a>(record: &'a Value, pointer: &str) -> Option<&'a str> {
    record.pointer(pointer).and_then(Value::as_str)
}

#[test]
fn a_news_crawl_warc_gives_its_pages_with_record_numbers_and_urls() {
    for name in ["warc/news.warc.gz", "warc/news-1.0.warc"] {
        let path = fixture(name);
        let (records, stderr, code) = extract(&[&path]);
        let paths: Vec<&str> = records.iter().map(|r| field(r, "/path").unwrap()).collect();
        assert_eq!(
            paths,
            [
                format!("{path}#3"),
                format!("{path}#8"),
                format!("{path}#9")
            ]
        );
        assert!(records.iter().all(|r| r["error"].is_null()), "{records:?}");
        let urls: Vec<&str> = records
            .iter()
            .map(|r| field(r, "/article/url").unwrap())
            .collect();
        assert_eq!(
            urls,
            [
                "https://news.example.com/2025/01/31/peace-talks",
                "https://news.example.com/2025/01/30/harbour-delay",
                "https://news.example.com/2025/01/29/strawberries",
            ]
        );
        let bodies: Vec<&str> = records
            .iter()
            .map(|r| field(r, "/article/body").unwrap())
            .collect();
        assert!(bodies[0].contains("“We are closer than we have ever been,” the foreign minister"));
        // Windows-1252, chunked and gzip-encoded in the archive: read back intact.
        assert!(bodies[1].contains("Inês Moreira"), "{}", bodies[1]);
        assert!(bodies[2].contains("Martin Vogel"));
        assert_eq!(records[0]["offsets"], "body");
        assert!(
            stderr
                .lines()
                .last()
                .unwrap()
                .starts_with("3 read, 0 failed, 6 archive records skipped"),
            "{stderr}"
        );
        assert_eq!(code, Some(0));
    }
}

#[test]
fn a_warc_page_without_a_date_of_its_own_takes_the_fetch_date() {
    let (records, _, _) = extract(&[&fixture("warc/news.warc.gz")]);
    for record in &records {
        let published = field(record, "/article/published").unwrap_or_default();
        assert!(published.starts_with("2025-01-31T14:20:05"), "{record}");
    }
}

#[test]
fn a_jsonl_dump_gives_one_record_a_line_with_ids_urls_and_dates() {
    for name in ["jsonl/articles.jsonl", "jsonl/articles.jsonl.gz"] {
        let path = fixture(name);
        let (records, stderr, code) = extract(&[&path]);
        let paths: Vec<&str> = records.iter().map(|r| field(r, "/path").unwrap()).collect();
        assert_eq!(
            paths,
            [
                format!("{path}#ap-1"),
                format!("{path}#1002"),
                format!("{path}#3")
            ]
        );
        assert!(records.iter().all(|r| r["error"].is_null()), "{records:?}");

        let bridge = &records[0];
        assert_eq!(
            bridge["offsets"], "input",
            "a text field is the input spans point into"
        );
        assert_eq!(
            field(bridge, "/article/url"),
            Some("https://news.example.com/bridge")
        );
        assert_eq!(field(bridge, "/article/published"), Some("2025-02-03"));
        assert!(
            field(bridge, "/article/body")
                .unwrap()
                .contains("Carla Mendes")
        );

        let peace = &records[1];
        assert_eq!(peace["offsets"], "body", "an html field is markup");
        assert_eq!(
            field(peace, "/article/url"),
            Some("https://news.example.com/2025/01/31/peace-talks")
        );
        assert!(
            field(peace, "/article/published")
                .unwrap_or_default()
                .starts_with("2025-01-31T14:15"),
            "{peace}"
        );
        assert!(
            field(peace, "/article/body")
                .unwrap()
                .contains("Jonas Brandt")
        );

        assert!(
            stderr
                .lines()
                .last()
                .unwrap()
                .starts_with("3 read, 0 failed"),
            "{stderr}"
        );
        assert_eq!(code, Some(0));
    }
}

#[test]
fn jsonl_field_names_are_options() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("news-please.jsonl");
    std::fs::write(
        &dump,
        concat!(
            r#"{"uuid": "n1", "maintext": "Officials said the bridge would reopen on Monday.\n\n“It is safe,” the city engineer said.", "link": "https://e.com/bridge", "date_publish": "2024-05-01"}"#,
            "\n"
        ),
    )
    .unwrap();
    let path = dump.to_string_lossy().into_owned();
    let (records, _, code) = extract(&[
        "--jsonl-text",
        "maintext",
        "--jsonl-url",
        "link",
        "--jsonl-date",
        "date_publish",
        "--jsonl-id",
        "uuid",
        &path,
    ]);
    assert_eq!(
        field(&records[0], "/path"),
        Some(format!("{path}#n1").as_str())
    );
    assert_eq!(
        field(&records[0], "/article/url"),
        Some("https://e.com/bridge")
    );
    assert_eq!(field(&records[0], "/article/published"), Some("2024-05-01"));
    assert_eq!(code, Some(0));
}

#[test]
fn a_directory_of_containers_is_read_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("b")).unwrap();
    std::fs::copy(fixture("warc/news.warc.gz"), root.join("b/crawl.warc.gz")).unwrap();
    std::fs::copy(fixture("jsonl/articles.jsonl"), root.join("a.jsonl")).unwrap();
    std::fs::copy(fixture("bad/story.txt"), root.join("c.txt")).unwrap();
    std::fs::write(root.join("logo.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let (records, _, code) = extract(&[&root.to_string_lossy()]);
    let base = format!("{}/", root.display());
    let paths: Vec<String> = records
        .iter()
        .map(|r| field(r, "/path").unwrap().replace(&base, ""))
        .collect();
    assert_eq!(
        paths,
        [
            "a.jsonl#ap-1",
            "a.jsonl#1002",
            "a.jsonl#3",
            "b/crawl.warc.gz#3",
            "b/crawl.warc.gz#8",
            "b/crawl.warc.gz#9",
            "c.txt"
        ]
    );
    assert_eq!(code, Some(0));
}
