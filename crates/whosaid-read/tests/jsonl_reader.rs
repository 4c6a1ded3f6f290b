//! The JSONL reader: one article per line, field names from the options.

use std::io::Cursor;
use std::path::PathBuf;

use whosaid_read::jsonl::JsonlReader;
use whosaid_read::{
    Failure, Format, Inputs, JsonlFields, Payload, RawInput, ReadErrorKind, ReadOptions,
};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn read(lines: &str, options: &ReadOptions) -> Vec<Result<RawInput, Failure>> {
    JsonlReader::new("d.jsonl", Cursor::new(lines.to_owned()), options).collect()
}

fn text_of(raw: &RawInput) -> &str {
    match &raw.payload {
        Payload::Text(t) => t,
        Payload::Bytes(_) => panic!("JSONL fields are already text"),
    }
}

#[test]
fn articles_become_text_or_html_inputs_with_hints() {
    for name in ["jsonl/articles.jsonl", "jsonl/articles.jsonl.gz"] {
        let path = fixture(name);
        let items: Vec<RawInput> = Inputs::new(vec![path.clone()], ReadOptions::default())
            .map(|i| i.unwrap())
            .collect();
        let paths: Vec<&str> = items.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                format!("{path}#ap-1"),
                format!("{path}#1002"),
                format!("{path}#3")
            ]
        );

        let bridge = &items[0];
        assert_eq!(bridge.format, Format::Text);
        assert!(text_of(bridge).starts_with("The old river bridge reopened"));
        assert_eq!(
            bridge.hints.url.as_deref(),
            Some("https://news.example.com/bridge")
        );
        assert_eq!(bridge.hints.published.as_deref(), Some("2025-02-03"));
        assert_eq!(
            bridge.hints.title.as_deref(),
            Some("Bridge reopens after repairs")
        );

        let peace = &items[1];
        assert_eq!(peace.format, Format::Html);
        assert!(text_of(peace).starts_with("<!DOCTYPE html>"));
        assert_eq!(
            peace.hints.published.as_deref(),
            Some("2025-01-31T14:15:00")
        );

        assert_eq!(items[2].hints.url, None);
    }
}

#[test]
fn text_wins_over_html_and_empty_fields_are_reported() {
    let items = read(
        concat!(
            r#"{"text": "The text.", "html": "<p>The page.</p>"}"#,
            "\n",
            r#"{"text": "  ", "html": "<p>Only the page.</p>"}"#,
            "\n",
            r#"{"text": "", "html": null}"#,
            "\n",
            r#"{"html": " "}"#,
            "\n",
        ),
        &ReadOptions::default(),
    );
    let first = items[0].as_ref().unwrap();
    assert_eq!((first.format, text_of(first)), (Format::Text, "The text."));
    let second = items[1].as_ref().unwrap();
    assert_eq!(
        (second.format, text_of(second)),
        (Format::Html, "<p>Only the page.</p>")
    );
    let third = items[2].as_ref().unwrap_err();
    assert_eq!(third.error.kind(), ReadErrorKind::Empty);
    assert_eq!(
        third.error.to_string(),
        "line 3 of d.jsonl has an empty \"text\" field"
    );
    assert_eq!(
        items[3].as_ref().unwrap_err().error.to_string(),
        "line 4 of d.jsonl has an empty \"html\" field"
    );
}

#[test]
fn field_names_come_from_the_options() {
    let options = ReadOptions {
        jsonl: JsonlFields {
            text: "maintext".into(),
            html: "raw".into(),
            url: "link".into(),
            date: "date_publish".into(),
            title: "headline".into(),
            id: "uuid".into(),
        },
        ..ReadOptions::default()
    };
    let items = read(
        concat!(
            r#"{"uuid": "x-1", "maintext": "Body.", "link": "https://e.com/1", "date_publish": "2024-05-01 10:00:00", "headline": "H"}"#,
            "\n",
            r#"{"text": "not the field we asked for"}"#,
            "\n",
        ),
        &options,
    );
    let raw = items[0].as_ref().unwrap();
    assert_eq!(raw.path, "d.jsonl#x-1");
    assert_eq!(raw.hints.url.as_deref(), Some("https://e.com/1"));
    assert_eq!(raw.hints.published.as_deref(), Some("2024-05-01 10:00:00"));
    assert_eq!(raw.hints.title.as_deref(), Some("H"));
    assert_eq!(
        items[1].as_ref().unwrap_err().error.to_string(),
        "line 2 of d.jsonl has no \"maintext\" field and no \"raw\" field"
    );
}

#[test]
fn ids_that_cannot_name_a_record_give_way_to_the_line_number() {
    let long = "x".repeat(300);
    let items = read(
        &format!(
            "{{\"id\": \"{long}\", \"text\": \"a\"}}\n{{\"id\": \"\", \"text\": \"b\"}}\n{{\"id\": [1], \"text\": \"c\"}}\n{{\"id\": 7, \"text\": \"d\"}}\n"
        ),
        &ReadOptions::default(),
    );
    let paths: Vec<&str> = items
        .iter()
        .map(|i| i.as_ref().unwrap().path.as_str())
        .collect();
    assert_eq!(paths, ["d.jsonl#1", "d.jsonl#2", "d.jsonl#3", "d.jsonl#7"]);
}

#[test]
fn blank_lines_crlf_and_a_bom_are_fine() {
    let items = read(
        "\u{feff}{\"text\": \"a\"}\r\n\r\n   \n{\"text\": \"b\"}",
        &ReadOptions::default(),
    );
    let paths: Vec<&str> = items
        .iter()
        .map(|i| i.as_ref().unwrap().path.as_str())
        .collect();
    assert_eq!(paths, ["d.jsonl#1", "d.jsonl#4"]);
}

#[test]
fn invalid_utf8_on_a_line_is_named() {
    let mut bytes = b"{\"text\": \"ok\"}\n{\"text\": \"caf".to_vec();
    bytes.extend_from_slice(b"\xe9\"}\n{\"text\": \"fine\"}\n");
    let items: Vec<_> =
        JsonlReader::new("d.jsonl", Cursor::new(bytes), &ReadOptions::default()).collect();
    assert_eq!(items.len(), 3);
    let bad = items[1].as_ref().unwrap_err();
    assert_eq!(bad.error.kind(), ReadErrorKind::Encoding);
    assert_eq!(
        bad.error.to_string(),
        "line 2 of d.jsonl is not valid UTF-8 (at byte 14), and JSON text must be"
    );
    assert!(items[2].is_ok());
}

#[test]
fn a_line_over_the_limit_is_refused_and_the_next_is_read() {
    let options = ReadOptions {
        max_document_bytes: 1000,
        ..ReadOptions::default()
    };
    let long = format!("{{\"text\": \"{}\"}}", "a".repeat(5000));
    let items = read(&format!("{long}\n{{\"text\": \"short\"}}\n"), &options);
    let refused = items[0].as_ref().unwrap_err();
    assert_eq!(refused.path, "d.jsonl#1");
    assert_eq!(refused.error.kind(), ReadErrorKind::TooLarge);
    assert_eq!(
        refused.error.to_string(),
        "line 1 of d.jsonl is 4.9 KB, more than the limit of 1000 bytes for one document; raise the limit with --max-document-mb"
    );
    assert_eq!(items[1].as_ref().unwrap().path, "d.jsonl#2");
}

#[test]
fn an_empty_file_or_one_of_blank_lines_says_so() {
    let empty = read("", &ReadOptions::default());
    assert_eq!(
        empty[0].as_ref().unwrap_err().error.to_string(),
        "d.jsonl holds no JSON lines (the file is empty)"
    );
    let blank = read("\n\n  \n", &ReadOptions::default());
    assert_eq!(
        blank[0].as_ref().unwrap_err().error.to_string(),
        "d.jsonl holds no JSON lines (it has only blank lines)"
    );
}

#[test]
fn a_truncated_jsonl_gz_keeps_the_lines_before_the_cut() {
    let line = "{\"text\": \"Officials said the talks would resume on Monday.\"}\n";
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut encoder, line.repeat(2000).as_bytes()).unwrap();
    let mut gz = encoder.finish().unwrap();
    gz.truncate(gz.len() - 10);
    let items: Vec<_> =
        JsonlReader::new("d.jsonl.gz", Cursor::new(gz), &ReadOptions::default()).collect();
    let (last, good) = items.split_last().unwrap();
    assert!(good.len() > 1000 && good.iter().all(Result::is_ok));
    let message = last.as_ref().unwrap_err().error.to_string();
    assert!(
        message.starts_with("the gzip stream of d.jsonl.gz ends early (truncated file) after "),
        "{message}"
    );
}
