//! Scrapes in the shapes other outlets print, each with the article a careful reader
//! finds in it (`tests/fixtures/text/*.json`). The fixtures were written for these tests;
//! see `tests/fixtures/text/README.md`.

use std::path::{Path, PathBuf};

use serde_json::Value;
use whosaid_read::text::read_text;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// A string field that must be present in the expectation (`null` allowed), compared
/// exactly.
fn check_field(errors: &mut Vec<String>, expected: &Value, key: &str, got: Option<&str>) {
    let Some(want) = expected.get(key) else {
        errors.push(format!("expectation lacks {key:?}"));
        return;
    };
    if want.as_str() != got {
        errors.push(format!("{key}: expected {want}, got {got:?}"));
    }
}

/// Fields that may be left out of an expectation; checked when present.
fn check_optional(errors: &mut Vec<String>, expected: &Value, key: &str, got: Option<&str>) {
    if expected.get(key).is_some() {
        check_field(errors, expected, key, got);
    }
}

#[test]
fn every_fixture_reads_as_its_expectation_says() {
    let files = fixtures();
    assert!(
        files.len() >= 10,
        "expected at least 10 fixtures, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for txt in &files {
        let name = txt.file_name().unwrap().to_string_lossy().into_owned();
        let input = std::fs::read_to_string(txt).unwrap();
        let json = txt.with_extension("json");
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(&json).unwrap_or_else(|e| panic!("{}: {e}", json.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", json.display()));
        let doc = read_text(&name, input.clone(), &Default::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let meta = &doc.meta;
        let mut errors = Vec::new();

        check_field(&mut errors, &expected, "headline", meta.headline.as_deref());
        check_field(
            &mut errors,
            &expected,
            "published",
            meta.published.as_deref(),
        );
        check_field(&mut errors, &expected, "section", meta.section.as_deref());
        check_field(&mut errors, &expected, "byline", meta.byline.as_deref());
        check_field(&mut errors, &expected, "dateline", meta.dateline.as_deref());
        check_optional(
            &mut errors,
            &expected,
            "site_name",
            meta.site_name.as_deref(),
        );
        check_optional(
            &mut errors,
            &expected,
            "description",
            meta.description.as_deref(),
        );

        let images: Vec<Value> = meta
            .images
            .iter()
            .map(|i| serde_json::json!({"caption": i.caption, "credit": i.credit}))
            .collect();
        if Some(&Value::Array(images.clone())) != expected.get("images") {
            errors.push(format!(
                "images: expected {}, got {}",
                expected["images"],
                Value::Array(images)
            ));
        }

        // The headline span is where the headline is, and never inside the body.
        if let Some(span) = doc.headline_span {
            if Some(span.slice(&input)) != meta.headline.as_deref() {
                errors.push("headline span does not hold the headline".into());
            }
            if doc.paragraphs.iter().any(|p| p.overlap(span) > 0) {
                errors.push("headline span overlaps the body".into());
            }
        }

        let body = doc.body();
        let count = doc.paragraphs.len() as u64;
        if Some(count) != expected["body_paragraphs"].as_u64() {
            errors.push(format!(
                "body_paragraphs: expected {}, got {count}:\n{}",
                expected["body_paragraphs"],
                doc.paragraph_texts().collect::<Vec<_>>().join("\n--\n")
            ));
        }
        if !body.starts_with(expected["body_starts_with"].as_str().unwrap()) {
            errors.push(format!(
                "body does not start as expected: {:?}",
                &body[..body.len().min(120)]
            ));
        }
        if !body.ends_with(expected["body_ends_with"].as_str().unwrap()) {
            let tail = &body[body.floor_char_boundary(body.len().saturating_sub(120))..];
            errors.push(format!("body does not end as expected: {tail:?}"));
        }
        for want in expected["in_body"].as_array().into_iter().flatten() {
            let want = want.as_str().unwrap();
            if !body.contains(want) {
                errors.push(format!("missing from body: {want:?}"));
            }
        }
        for debris in expected["not_in_body"].as_array().into_iter().flatten() {
            let debris = debris.as_str().unwrap();
            if body.contains(debris) {
                errors.push(format!("debris in body: {debris:?}"));
            }
        }
        if let Some(headline) = meta.headline.as_deref()
            && body.contains(headline)
        {
            errors.push("headline repeated in the body".into());
        }
        // Spans are trimmed slices of the input, in order, not overlapping.
        for pair in doc.paragraphs.windows(2) {
            if pair[0].end > pair[1].start {
                errors.push("paragraph spans overlap or are out of order".into());
            }
        }
        for span in &doc.paragraphs {
            let text = span.slice(&input);
            if text.trim() != text || text.is_empty() {
                errors.push(format!("untrimmed or empty paragraph span {span:?}"));
            }
        }
        if !errors.is_empty() {
            failures.push(format!("{name}:\n  {}", errors.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
