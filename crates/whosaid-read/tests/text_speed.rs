//! How fast the scraped-text reader runs, on one thread, over PolNeAR's train texts.
//!
//! ```text
//! WHOSAID_SHARED_DATA=1 cargo test --release -p whosaid-read --test text_speed -- --ignored --nocapture
//! ```
//!
//! Prints documents and megabytes per second; in a release build it fails below 1,000
//! documents per second, the floor the reader is meant to stay well above.

use std::path::Path;
use std::time::{Duration, Instant};

use whosaid_read::text::read_text;

#[test]
#[ignore = "a measurement: run with --release -- --ignored --nocapture"]
fn polnear_train_documents_per_second_on_one_thread() {
    if std::env::var("WHOSAID_SHARED_DATA").as_deref() != Ok("1") {
        eprintln!("skipped: set WHOSAID_SHARED_DATA=1 to read ../shared/data");
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/polnear/train/text");
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.sort();
    assert!(!texts.is_empty());
    let bytes: usize = texts.iter().map(String::len).sum();

    // Warm up the lazily built word lists and patterns, then measure whole passes over
    // the corpus for at least two seconds. Cloning the input is part of the cost a
    // caller pays (the document owns its text) and is kept in the measurement.
    for text in &texts {
        read_text("warm", text.clone(), &Default::default()).unwrap();
    }
    let start = Instant::now();
    let mut docs = 0usize;
    let mut passes = 0usize;
    let mut paragraphs = 0usize;
    while start.elapsed() < Duration::from_secs(2) {
        for text in &texts {
            let doc = read_text("bench", text.clone(), &Default::default()).unwrap();
            paragraphs += doc.paragraphs.len();
            docs += 1;
        }
        passes += 1;
    }
    let seconds = start.elapsed().as_secs_f64();
    let per_second = docs as f64 / seconds;
    eprintln!(
        "{} documents ({:.1} MB) x {passes} passes in {seconds:.2} s: {per_second:.0} documents/s, \
         {:.1} MB/s, {paragraphs} paragraphs",
        texts.len(),
        bytes as f64 / 1e6,
        (bytes * passes) as f64 / 1e6 / seconds,
    );
    if !cfg!(debug_assertions) {
        assert!(
            per_second >= 1000.0,
            "{per_second:.0} documents/s is below the floor"
        );
    }
}
