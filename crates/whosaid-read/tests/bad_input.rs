//! Bad input is data too: every broken file becomes a record with a clear sentence (or a
//! usable document with a warning), and the documents around it are still read, in order.
//!
//! The fixtures are described in `fixtures/bad/README.md`; the two cases too large to
//! commit (a 200 MB line, 100,000 nested `<div>`s) are written here into temp files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use whosaid_read::{
    Document, Inputs, ReadError, ReadErrorKind, ReadOptions, SourceStats, read_document,
};

/// Tests that allocate a lot, or measure memory, run one at a time.
static HEAVY: Mutex<()> = Mutex::new(());

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// What became of one document: its path, and the document or why not.
type Outcome = (String, Result<Document, ReadError>);

/// One outcome per document, as the CLI would print them: path and document or error.
fn read_all(paths: &[String], options: &ReadOptions) -> (Vec<Outcome>, Arc<SourceStats>) {
    let inputs = Inputs::new(paths.to_vec(), options.clone());
    let stats = inputs.stats();
    let outcomes = inputs
        .map(|item| match item {
            Ok(raw) => {
                let path = raw.path.clone();
                (path, read_document(raw, options))
            }
            Err(failure) => (failure.path, Err(failure.error)),
        })
        .collect();
    (outcomes, stats)
}

fn short(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

/// `(file name, error sentence or "ok")` of each outcome.
fn summary(outcomes: &[Outcome]) -> Vec<(String, String)> {
    outcomes
        .iter()
        .map(|(path, result)| {
            let what = match result {
                Ok(_) => "ok".to_owned(),
                Err(e) => e.message().replace(&fixture(""), ""),
            };
            (short(path), what)
        })
        .collect()
}

fn error_of(outcome: &Outcome) -> &ReadError {
    outcome.1.as_ref().expect_err("an error")
}

fn story() -> String {
    fixture("bad/story.txt")
}

#[test]
fn empty_and_whitespace_files_say_so_and_the_run_goes_on() {
    let (outcomes, _) = read_all(
        &[
            story(),
            fixture("bad/empty.txt"),
            fixture("bad/whitespace.txt"),
            story(),
        ],
        &ReadOptions::default(),
    );
    assert_eq!(
        summary(&outcomes),
        [
            ("story.txt".into(), "ok".into()),
            ("empty.txt".into(), "the file is empty".into()),
            (
                "whitespace.txt".into(),
                "the file holds only whitespace".into()
            ),
            ("story.txt".into(), "ok".into()),
        ]
    );
    assert_eq!(error_of(&outcomes[1]).kind(), ReadErrorKind::Empty);
}

#[test]
fn a_binary_file_is_named_for_what_it_is() {
    let (outcomes, _) = read_all(
        &[fixture("bad/pixel.png"), story()],
        &ReadOptions::default(),
    );
    let error = error_of(&outcomes[0]);
    assert_eq!(error.kind(), ReadErrorKind::Binary);
    assert_eq!(
        error.message(),
        "this looks like a binary file (PNG image), not text"
    );
    assert!(outcomes[1].1.is_ok());
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let (outcomes, _) = read_all(
        &[
            fixture("bad/latin1.txt"),
            fixture("bad/broken-utf8.txt"),
            fixture("bad/utf16.txt"),
        ],
        &ReadOptions::default(),
    );
    let latin1 = outcomes[0].1.as_ref().unwrap();
    assert!(latin1.text.contains("Hélène Duval"), "{}", latin1.text);
    assert_eq!(
        latin1.warnings,
        ["the text is not valid UTF-8 and declares no charset; it was read as Windows-1252"]
    );
    let broken = outcomes[1].1.as_ref().unwrap();
    assert!(broken.text.contains("had \u{FFFD} cost"), "{}", broken.text);
    assert!(
        broken.text.contains("café"),
        "the valid UTF-8 around it is kept"
    );
    assert_eq!(broken.warnings.len(), 1);
    assert!(broken.warnings[0].starts_with("1 invalid UTF-8 byte sequence was replaced"));
    let utf16 = outcomes[2].1.as_ref().unwrap();
    assert!(utf16.text.starts_with("Bridge reopens") && utf16.warnings.is_empty());
}

#[test]
fn a_truncated_gzip_file_says_it_ends_early() {
    let (outcomes, _) = read_all(
        &[fixture("bad/truncated.txt.gz"), story()],
        &ReadOptions::default(),
    );
    let error = error_of(&outcomes[0]);
    assert_eq!(error.kind(), ReadErrorKind::Compression);
    assert_eq!(
        error.message(),
        format!(
            "the gzip stream of {} ends early (truncated file)",
            fixture("bad/truncated.txt.gz")
        )
    );
    assert!(outcomes[1].1.is_ok());
}

#[test]
fn a_truncated_warc_gz_yields_the_records_before_the_cut_then_one_failure() {
    let (outcomes, stats) = read_all(
        &[fixture("bad/truncated.warc.gz"), story()],
        &ReadOptions::default(),
    );
    assert_eq!(
        summary(&outcomes),
        [
            ("truncated.warc.gz#3".into(), "ok".into()),
            (
                "truncated.warc.gz".into(),
                "the gzip stream of bad/truncated.warc.gz ends early (truncated file) after 7 records".into()
            ),
            ("story.txt".into(), "ok".into()),
        ]
    );
    assert_eq!(
        stats.skipped(),
        6,
        "warcinfo, request, metadata, image, redirect, revisit"
    );
}

#[test]
fn a_malformed_warc_record_between_good_ones_costs_only_itself() {
    for name in [
        "bad/malformed-between.warc.gz",
        "bad/malformed-between.warc",
    ] {
        let (outcomes, _) = read_all(&[fixture(name)], &ReadOptions::default());
        let file = short(name);
        assert_eq!(
            summary(&outcomes),
            [
                (format!("{file}#2"), "ok".into()),
                (
                    format!("{file}#3"),
                    format!(
                        "record 3 of {name} is malformed: its header line \"WARC-Type response\" has no colon; reading resumes at the next record"
                    )
                ),
                (format!("{file}#4"), "ok".into()),
            ],
            "{name}"
        );
        assert_eq!(error_of(&outcomes[1]).kind(), ReadErrorKind::Container);
        let market = outcomes[2].1.as_ref().unwrap();
        assert!(market.text.contains("Martin Vogel"));
    }
}

#[test]
fn a_warc_record_whose_length_overruns_its_gzip_member_is_reported_and_the_next_is_read() {
    let (outcomes, _) = read_all(
        &[fixture("bad/wrong-length.warc.gz")],
        &ReadOptions::default(),
    );
    let summary = summary(&outcomes);
    assert_eq!(summary.len(), 2, "{summary:?}");
    assert_eq!(summary[0].0, "wrong-length.warc.gz#2");
    assert!(
        summary[0].1.contains("its Content-Length says")
            && summary[0].1.contains("but its gzip member holds only"),
        "{}",
        summary[0].1
    );
    assert_eq!(summary[1], ("wrong-length.warc.gz#3".into(), "ok".into()));
}

#[test]
fn a_jsonl_file_with_bad_lines_between_good_ones_reports_each_by_line_number() {
    let (outcomes, _) = read_all(&[fixture("jsonl/bad-lines.jsonl")], &ReadOptions::default());
    let file = fixture("jsonl/bad-lines.jsonl");
    let summary = summary(&outcomes);
    let expected = [
        ("bad-lines.jsonl#ap-1".to_owned(), "ok".to_owned()),
        ("bad-lines.jsonl#2".into(), "line 2 of jsonl/bad-lines.jsonl is not valid JSON: EOF while parsing a string at column 49".into()),
        ("bad-lines.jsonl#4".into(), "ok".into()),
        ("bad-lines.jsonl#5".into(), "line 5 of jsonl/bad-lines.jsonl is a JSON array, not an object".into()),
        ("bad-lines.jsonl#6".into(), "line 6 of jsonl/bad-lines.jsonl has no \"text\" field and no \"html\" field".into()),
        ("bad-lines.jsonl#7".into(), "line 7 of jsonl/bad-lines.jsonl has a \"text\" field that is a JSON number, not a string".into()),
        ("bad-lines.jsonl#1002".into(), "ok".into()),
    ];
    assert_eq!(summary, expected, "{file}");
}

fn peak_rss_reset() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The process's peak resident memory since the last reset, in bytes.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Write `size` bytes of one line of `unit`s (then `tail`) without holding them in memory.
fn write_long_line(path: &Path, head: &[u8], unit: &[u8], size: usize, tail: &[u8]) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    file.write_all(head).unwrap();
    let block = unit.repeat(64 * 1024 / unit.len());
    let mut written = 0;
    while written < size {
        let n = block.len().min(size - written);
        file.write_all(&block[..n]).unwrap();
        written += n;
    }
    file.write_all(tail).unwrap();
    file.flush().unwrap();
}

const MB: usize = 1024 * 1024;

#[test]
fn a_200_mb_single_line_is_refused_quickly_without_buffering_it() {
    let _heavy = HEAVY.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let good = r#"{"id": "after", "text": "Talks resumed on Friday, officials said."}"#;
    let jsonl = dir.path().join("huge.jsonl");
    write_long_line(
        &jsonl,
        br#"{"id": "huge", "text": ""#,
        b"word ",
        200 * MB,
        format!("\"}}\n{good}\n").as_bytes(),
    );
    let text = dir.path().join("huge.txt");
    write_long_line(&text, b"", b"word ", 200 * MB, b"\n");
    let unnamed = dir.path().join("huge-without-extension");
    std::fs::rename(dir.path().join("huge.txt"), &unnamed).unwrap();
    let paths: Vec<String> = [&jsonl, &unnamed]
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();

    // A limit below the line's size but well above the memory a streaming reader needs.
    let options = ReadOptions {
        max_document_bytes: 16 * MB,
        ..ReadOptions::default()
    };
    let measured = peak_rss_reset();
    let before = peak_rss().unwrap_or(0);
    let started = Instant::now();
    let (outcomes, _) = read_all(&paths, &options);
    let elapsed = started.elapsed();
    let grew = peak_rss().unwrap_or(0).saturating_sub(before);

    assert_eq!(outcomes.len(), 3);
    let line = error_of(&outcomes[0]);
    assert_eq!(outcomes[0].0, format!("{}#1", paths[0]));
    assert_eq!(line.kind(), ReadErrorKind::TooLarge);
    assert_eq!(
        line.message(),
        format!(
            "line 1 of {} is 200.0 MB, more than the limit of 16 MB for one document; raise the limit with --max-document-mb",
            paths[0]
        )
    );
    assert_eq!(
        outcomes[1].0,
        format!("{}#after", paths[0]),
        "the next line is read"
    );
    assert!(outcomes[1].1.is_ok());
    let file = error_of(&outcomes[2]);
    assert_eq!(
        file.message(),
        format!(
            "{} is 200.0 MB, more than the limit of 16 MB for one document; raise the limit with --max-document-mb",
            paths[1]
        )
    );
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");
    if measured {
        assert!(
            grew < 64 * MB as u64,
            "peak memory grew by {} MB",
            grew / MB as u64
        );
    }
}

#[test]
fn a_gzip_bomb_is_refused_at_the_limit() {
    let _heavy = HEAVY.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.txt.gz");
    {
        let file = std::fs::File::create(&bomb).unwrap();
        let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
        let zeros = vec![b' '; MB];
        for _ in 0..256 {
            gz.write_all(&zeros).unwrap();
        }
        gz.finish().unwrap();
    }
    assert!(std::fs::metadata(&bomb).unwrap().len() < 4 * MB as u64);
    let options = ReadOptions {
        max_document_bytes: 8 * MB,
        ..ReadOptions::default()
    };
    let path = bomb.to_string_lossy().into_owned();
    let (outcomes, _) = read_all(std::slice::from_ref(&path), &options);
    assert_eq!(
        error_of(&outcomes[0]).message(),
        format!(
            "{path} decompresses to more than 8 MB, more than the limit of 8 MB for one document; raise the limit with --max-document-mb"
        )
    );
}

#[test]
fn deeply_nested_html_is_read_or_refused_but_never_crashes() {
    let _heavy = HEAVY.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.html");
    let mut page = String::from("<!DOCTYPE html><html><head><title>Deep page</title></head><body>");
    page.push_str(&"<div>".repeat(100_000));
    page.push_str("<p>“We are still here,” the minister said at the bottom of the page.</p>");
    page.push_str(&"</div>".repeat(100_000));
    page.push_str("</body></html>");
    std::fs::write(&deep, page).unwrap();
    let paths = [story(), deep.to_string_lossy().into_owned(), story()];
    // The CLI's workers have large stacks; so does this thread, to test the reader, not
    // the test harness's default.
    let outcomes = std::thread::Builder::new()
        .stack_size(256 * MB)
        .spawn(move || read_all(&paths, &ReadOptions::default()).0)
        .unwrap()
        .join()
        .expect("reading a deep page must not crash");
    assert_eq!(outcomes.len(), 3);
    assert!(outcomes[0].1.is_ok() && outcomes[2].1.is_ok());
    match &outcomes[1].1 {
        Ok(doc) => assert!(doc.text.contains("We are still here"), "{}", doc.text),
        Err(e) => assert!(
            e.message()
                .ends_with(|c: char| c.is_alphanumeric() || c == ')'),
            "{e}"
        ),
    }
}
