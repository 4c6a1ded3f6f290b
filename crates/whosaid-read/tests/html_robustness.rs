//! Pages that are not articles, or built to hurt: the reader answers quickly with a
//! document or a clear error, and never overflows the stack.

use std::time::{Duration, Instant};

use whosaid_read::html::read_html;
use whosaid_read::{Hints, ReadErrorKind};

/// Run `read_html` on a thread with the 2 MiB stack worker threads get by default, so
/// that a recursion the guard missed fails this test instead of passing on a big stack.
fn read_on_small_stack(
    html: String,
) -> (
    Result<whosaid_core::Document, whosaid_read::ReadError>,
    Duration,
) {
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let start = Instant::now();
            let result = read_html("deep.html", &html, &Hints::default());
            (result, start.elapsed())
        })
        .expect("thread starts");
    handle.join().expect("the reader did not panic")
}

const STORY: &str = "The regional council agreed on Thursday to rebuild the flooded library, \
    with work starting in the spring and the doors reopening within two years.";

#[test]
fn hundred_thousand_nested_divs_give_the_article_without_overflow() {
    let n = 100_000;
    let html = format!(
        "<html><body>{}<p>{STORY}</p><p>{STORY}</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let (result, took) = read_on_small_stack(html);
    let doc = result.expect("the text survives flattening");
    assert!(doc.body().contains("rebuild the flooded library"));
    assert!(
        doc.warnings.iter().any(|w| w.contains("nests elements")),
        "the user is told: {:?}",
        doc.warnings
    );
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

#[test]
fn hundred_thousand_unclosed_bold_tags_return_quickly() {
    let html = format!(
        "<html><body><p>{}{STORY}</p></body></html>",
        "<b>".repeat(100_000)
    );
    let (result, took) = read_on_small_stack(html);
    match result {
        Ok(doc) => assert!(doc.body().contains("flooded library")),
        Err(e) => assert!(!e.message().is_empty()),
    }
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

#[test]
fn nested_tables_and_spans_do_not_overflow() {
    for unit in ["<table><tr><td>", "<span>", "<a href=x>", "<li><ul>"] {
        let html = format!("<html><body>{}{STORY}</body></html>", unit.repeat(30_000));
        let (result, took) = read_on_small_stack(html);
        if let Err(e) = result {
            assert!(!e.message().is_empty());
        }
        assert!(took < Duration::from_secs(20), "{unit}: took {took:?}");
    }
}

#[test]
fn index_page_without_article_text_is_a_clear_error() {
    let path = format!(
        "{}/tests/fixtures/html/index-page.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(path).unwrap();
    let err = read_html("index-page.html", &html, &Hints::default()).unwrap_err();
    assert_eq!(err.kind(), ReadErrorKind::NoContent);
    assert_eq!(
        err.message(),
        "the page holds no article text (it may be an index page or need JavaScript)"
    );
}

#[test]
fn empty_and_blank_pages_are_errors_not_panics() {
    for html in [
        "",
        "   \n",
        "<html></html>",
        "<",
        "<<<>>>",
        "<!--",
        "<script>",
    ] {
        let result = read_html("x.html", html, &Hints::default());
        let err = result.expect_err("nothing to read");
        assert!(!err.message().is_empty(), "{html:?}");
    }
}

#[test]
fn pages_with_too_many_elements_are_refused_with_a_reason() {
    let html = format!("<html><body>{}</body></html>", "<br>".repeat(1_000_001));
    let err = read_html("big.html", &html, &Hints::default()).unwrap_err();
    assert_eq!(err.kind(), ReadErrorKind::Unsupported);
    assert!(err.message().contains("elements"), "{}", err.message());
}
