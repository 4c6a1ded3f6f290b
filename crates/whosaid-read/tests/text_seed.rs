//! The seed document: the scraped wire story the project started from must come out of
//! the plain-text reader exactly as its users' `expected.json` says.

use std::path::Path;

use serde_json::Value;
use whosaid_read::{Format, Payload, RawInput, ReadOptions, read_document};

const SEED: &str = "tests/fixtures/seed/000_9628709f8aff7fc1.txt";
const EXPECTED: &str = "tests/fixtures/seed/expected.json";

fn fixture(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn str_field<'a>(article: &'a Value, key: &str) -> &'a str {
    article[key]
        .as_str()
        .unwrap_or_else(|| panic!("expected.json: article.{key} is not a string"))
}

#[test]
fn seed_article_matches_expected_json() {
    let input = fixture(SEED);
    let expected: Value = serde_json::from_str(&fixture(EXPECTED)).unwrap();
    let article = &expected["article"];
    // Read through the public entry point, as bytes from a file.
    let raw = RawInput::new(
        SEED,
        Format::Text,
        Payload::Bytes(input.clone().into_bytes()),
    );
    let doc = read_document(raw, &ReadOptions::default()).unwrap();
    let meta = &doc.meta;

    assert_eq!(
        meta.headline.as_deref(),
        Some(str_field(article, "headline"))
    );
    assert_eq!(
        meta.published.as_deref(),
        Some(str_field(article, "published_local"))
    );
    assert_eq!(meta.section.as_deref(), Some(str_field(article, "section")));
    assert_eq!(meta.byline.as_deref(), Some(str_field(article, "byline")));
    assert_eq!(
        meta.dateline.as_deref(),
        Some(str_field(article, "dateline"))
    );

    let images: Vec<(Option<&str>, Option<&str>)> = meta
        .images
        .iter()
        .map(|i| (i.caption.as_deref(), i.credit.as_deref()))
        .collect();
    let want_images: Vec<(Option<&str>, Option<&str>)> = article["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["caption"].as_str(), i["credit"].as_str()))
        .collect();
    assert_eq!(images, want_images);

    let paragraphs: Vec<&str> = doc.paragraph_texts().collect();
    assert_eq!(
        paragraphs.len() as u64,
        article["body_paragraphs"].as_u64().unwrap(),
        "{paragraphs:#?}"
    );
    let body = doc.body();
    assert!(
        body.starts_with(str_field(article, "body_starts_with")),
        "{body}"
    );
    assert!(
        body.ends_with(str_field(article, "body_ends_with")),
        "{body}"
    );
    for debris in article["not_in_body"].as_array().unwrap() {
        let debris = debris.as_str().unwrap();
        assert!(!body.contains(debris), "debris {debris:?} is in the body");
    }
    if article["headline_not_repeated_in_body"].as_bool() == Some(true) {
        assert!(
            !body.contains(str_field(article, "headline")),
            "headline repeated in body"
        );
    }
}

#[test]
fn seed_spans_point_into_the_original_input() {
    let input = fixture(SEED);
    let doc = whosaid_read::text::read_text(SEED, input.clone(), &Default::default()).unwrap();
    assert_eq!(doc.text, input, "the document text is the input, unchanged");
    for span in doc.paragraphs.iter().chain(doc.headline_span.iter()) {
        let text = &input[span.start..span.end];
        assert_eq!(span.slice(&doc.text), text);
        assert!(!text.trim().is_empty());
        assert_eq!(text.trim(), text, "spans are trimmed");
    }
    let headline = doc.headline_span.unwrap();
    assert_eq!(Some(headline.slice(&input)), doc.meta.headline.as_deref());
    // The headline span is the one at the top, not the repeat at the end.
    assert!(headline.end < doc.paragraphs[0].start);
    // Paragraphs are in reading order and do not overlap.
    for pair in doc.paragraphs.windows(2) {
        assert!(pair[0].end < pair[1].start);
    }
}
