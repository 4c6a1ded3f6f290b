//! The HTML reader on pages written for the tests (see `fixtures/html/README.md`): what
//! a user of the record sees in `article`.

use whosaid_core::{Document, Offsets};
use whosaid_read::Hints;
use whosaid_read::html::read_html;

fn read(name: &str) -> Document {
    let path = format!("{}/tests/fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"));
    let html = std::fs::read_to_string(&path).expect("fixture exists");
    read_html(&path, &html, &Hints::default()).expect("fixture is an article")
}

#[test]
fn jsonld_graph_gives_headline_author_by_reference_date_with_zone_and_section() {
    let doc = read("jsonld-graph.html");
    let meta = &doc.meta;
    assert_eq!(
        meta.headline.as_deref(),
        Some("Harbour strike ends after nine days")
    );
    assert_eq!(meta.byline.as_deref(), Some("Mara Lindqvist"));
    // The article's publication time, not the WebPage's nor the modification.
    assert_eq!(meta.published.as_deref(), Some("2025-03-14T16:05:00+01:00"));
    assert_eq!(meta.section.as_deref(), Some("Business"));
    assert_eq!(meta.site_name.as_deref(), Some("The Coastal Ledger"));
    assert_eq!(meta.language.as_deref(), Some("en"));
}

#[test]
fn headline_repeated_at_the_top_of_the_body_is_removed() {
    let doc = read("jsonld-graph.html");
    let first = doc.paragraph_texts().next().unwrap();
    assert!(
        first.starts_with("PORTHAVEN (Ledger) —"),
        "first paragraph: {first}"
    );
    assert!(!doc.body().contains("Harbour strike ends after nine days"));
}

#[test]
fn dateline_is_recorded_and_kept_in_the_body() {
    let doc = read("jsonld-graph.html");
    assert_eq!(doc.meta.dateline.as_deref(), Some("PORTHAVEN"));
    assert!(doc.body().contains("PORTHAVEN (Ledger) — Dock workers"));
}

#[test]
fn body_is_paragraphs_joined_by_blank_lines_and_spans_point_into_it() {
    let doc = read("jsonld-graph.html");
    assert_eq!(doc.offsets, Offsets::Body);
    assert!(doc.paragraphs.len() >= 4);
    let body = doc.body();
    for (span, text) in doc.paragraphs.iter().zip(doc.paragraph_texts()) {
        assert_eq!(&body[span.start..span.end], text);
    }
    assert!(body.contains("\n\n“We got what we came for,”"));
    assert!(!body.contains("All rights reserved"));
}

#[test]
fn figure_credit_in_its_own_element_is_split_from_the_caption() {
    let doc = read("jsonld-graph.html");
    let image = doc
        .meta
        .images
        .iter()
        .find(|i| i.credit.is_some())
        .expect("a credited image");
    assert_eq!(
        image.caption.as_deref(),
        Some("Dockers walk back through the main gate on Friday morning.")
    );
    assert_eq!(image.credit.as_deref(), Some("Jonas Berg"));
    // The JSON-LD caption is recorded too.
    assert!(
        doc.meta
            .images
            .iter()
            .any(|i| i.caption.as_deref() == Some("Dockers return to work on Friday."))
    );
}

#[test]
fn meta_tags_fill_in_without_jsonld_and_local_time_stays_without_offset() {
    let doc = read("meta-only.html");
    let meta = &doc.meta;
    assert_eq!(
        meta.headline.as_deref(),
        Some("Council approves the new tram line")
    );
    assert_eq!(meta.byline.as_deref(), Some("Tomas Ekberg"));
    assert_eq!(meta.published.as_deref(), Some("2024-11-05T18:30:00"));
    assert_eq!(meta.section.as_deref(), Some("Local Politics"));
}

#[test]
fn credit_written_in_parentheses_is_split_from_the_caption() {
    let doc = read("meta-only.html");
    let image = &doc.meta.images[0];
    assert_eq!(
        image.caption.as_deref(),
        Some("Councillors vote on the tram line on Tuesday.")
    );
    assert_eq!(image.credit.as_deref(), Some("Riverton Daily/Ana Soto"));
}

#[test]
fn several_authors_are_joined_and_the_site_posing_as_author_is_dropped() {
    let doc = read("reportage-array.html");
    assert_eq!(
        doc.meta.byline.as_deref(),
        Some("Petra Holm and Karl Weiss")
    );
    assert_eq!(doc.meta.published.as_deref(), Some("2023-07-02"));
    assert_eq!(doc.meta.section.as_deref(), Some("World"));
}

#[test]
fn byline_element_and_time_element_when_nothing_is_declared() {
    let doc = read("byline-dom.html");
    let meta = &doc.meta;
    // The article's <h1>, not the logo's; the title's site suffix is not in it.
    assert_eq!(
        meta.headline.as_deref(),
        Some("School meals to be free for all pupils")
    );
    assert_eq!(meta.byline.as_deref(), Some("JOHANNA REED"));
    assert_eq!(meta.published.as_deref(), Some("2025-03-02T07:45:00"));
}

#[test]
fn title_suffix_is_removed_when_the_page_has_no_h1() {
    let html = r#"<html><head><title>Bridge reopens after repairs | Riverton Daily</title>
        <meta property="og:site_name" content="Riverton Daily"></head><body><article>
        <p>The old stone bridge over the river reopened to traffic on Monday after eight months of repairs to its arches and foundations.</p>
        <p>Engineers said the work should keep the bridge safe for another century, though heavy lorries will still be kept off it.</p>
        </article></body></html>"#;
    let doc = read_html("p.html", html, &Hints::default()).unwrap();
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Bridge reopens after repairs")
    );
}
