//! Bad input, end to end: the built `whosaid` on broken files between good ones. Each
//! broken file gets a record with a clear `error` (or a warning when it is still usable),
//! the other records are there in input order, the summary counts it, and the exit code
//! says whether anything failed.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const MB: usize = 1024 * 1024;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../whosaid-read/tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// What one run printed, and how it ended.
struct Run {
    records: Vec<Value>,
    stderr: String,
    code: Option<i32>,
}

impl Run {
    fn summary(&self) -> &str {
        self.stderr.lines().last().unwrap_or("")
    }

    fn paths(&self) -> Vec<String> {
        self.records
            .iter()
            .map(|r| short(r["path"].as_str().unwrap()))
            .collect()
    }

    fn record(&self, path_end: &str) -> &Value {
        self.records
            .iter()
            .find(|r| r["path"].as_str().unwrap().ends_with(path_end))
            .unwrap_or_else(|| panic!("no record for {path_end}: {:?}", self.paths()))
    }

    fn error(&self, path_end: &str) -> String {
        let record = self.record(path_end);
        record["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{path_end} has no error: {record}"))
            .to_owned()
    }
}

fn whosaid(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("extract")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the whosaid binary runs");
    parse(&output.stdout, &output.stderr, output.status.code())
}

fn parse(stdout: &[u8], stderr: &[u8], code: Option<i32>) -> Run {
    let records = String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON record"))
        .collect();
    Run {
        records,
        stderr: String::from_utf8_lossy(stderr).into_owned(),
        code,
    }
}

fn short(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

#[test]
fn each_broken_file_gets_a_sentence_and_the_run_goes_on_in_order() {
    let run = whosaid(&[
        &fixture("bad/story.txt"),
        &fixture("bad/empty.txt"),
        &fixture("bad/pixel.png"),
        &fixture("bad/latin1.txt"),
        &fixture("bad/truncated.txt.gz"),
        &fixture("bad/truncated.warc.gz"),
        &fixture("bad/malformed-between.warc.gz"),
        &fixture("jsonl/bad-lines.jsonl"),
        &fixture("bad/whitespace.txt"),
        &fixture("bad/story.txt"),
    ]);
    assert_eq!(
        run.paths(),
        [
            "story.txt",
            "empty.txt",
            "pixel.png",
            "latin1.txt",
            "truncated.txt.gz",
            "truncated.warc.gz#3",
            "truncated.warc.gz",
            "malformed-between.warc.gz#2",
            "malformed-between.warc.gz#3",
            "malformed-between.warc.gz#4",
            "bad-lines.jsonl#ap-1",
            "bad-lines.jsonl#2",
            "bad-lines.jsonl#4",
            "bad-lines.jsonl#5",
            "bad-lines.jsonl#6",
            "bad-lines.jsonl#7",
            "bad-lines.jsonl#1002",
            "whitespace.txt",
            "story.txt",
        ]
    );
    assert_eq!(run.error("empty.txt"), "the file is empty");
    assert_eq!(
        run.error("whitespace.txt"),
        "the file holds only whitespace"
    );
    assert_eq!(
        run.error("pixel.png"),
        "this looks like a binary file (PNG image), not text"
    );
    assert_eq!(
        run.error("truncated.txt.gz"),
        format!(
            "the gzip stream of {} ends early (truncated file)",
            fixture("bad/truncated.txt.gz")
        )
    );
    assert_eq!(
        run.error("truncated.warc.gz"),
        format!(
            "the gzip stream of {} ends early (truncated file) after 7 records",
            fixture("bad/truncated.warc.gz")
        )
    );
    assert!(
        run.error("malformed-between.warc.gz#3")
            .ends_with("is malformed: its header line \"WARC-Type response\" has no colon; reading resumes at the next record")
    );
    assert!(
        run.error("bad-lines.jsonl#2")
            .contains("bad-lines.jsonl is not valid JSON: EOF while parsing a string at column 49")
    );
    assert!(
        run.error("bad-lines.jsonl#5")
            .ends_with("is a JSON array, not an object")
    );

    // A usable document with a warning is read, not failed.
    let latin1 = run.record("latin1.txt");
    assert!(latin1["error"].is_null());
    assert_eq!(
        latin1["warnings"][0],
        "the text is not valid UTF-8 and declares no charset; it was read as Windows-1252"
    );
    assert!(
        latin1["article"]["body"]
            .as_str()
            .unwrap()
            .contains("Hélène Duval")
    );

    // Every error is a sentence that names no Rust type and ends cleanly.
    for record in &run.records {
        if let Some(error) = record["error"].as_str() {
            assert!(
                !error.is_empty() && !error.contains("Error {") && !error.contains("Os {"),
                "{error}"
            );
        }
    }
    let failed = run.records.iter().filter(|r| !r["error"].is_null()).count();
    let read = run.records.len() - failed;
    assert_eq!((read, failed), (9, 10));
    assert!(
        run.summary().starts_with("9 read, 10 failed"),
        "{}",
        run.summary()
    );
    assert_eq!(run.code, Some(1), "something failed: the exit code says so");
}

#[test]
fn warnings_alone_do_not_fail_the_run() {
    let run = whosaid(&[
        &fixture("bad/latin1.txt"),
        &fixture("bad/broken-utf8.txt"),
        &fixture("bad/utf16.txt"),
    ]);
    assert_eq!(run.records.len(), 3);
    assert!(run.records.iter().all(|r| r["error"].is_null()));
    let broken = run.record("broken-utf8.txt");
    assert!(
        broken["warnings"][0]
            .as_str()
            .unwrap()
            .starts_with("1 invalid UTF-8 byte sequence was replaced with U+FFFD")
    );
    assert!(
        run.summary()
            .starts_with("3 read, 0 failed, 2 with warnings"),
        "{}",
        run.summary()
    );
    assert_eq!(run.code, Some(0));
}

#[test]
fn a_missing_file_and_a_glob_that_matches_nothing_are_records_too() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir
        .path()
        .join("missing.txt")
        .to_string_lossy()
        .into_owned();
    let pattern = dir.path().join("*.html").to_string_lossy().into_owned();
    let run = whosaid(&[&missing, &pattern, &fixture("bad/story.txt")]);
    assert_eq!(
        run.error("missing.txt"),
        format!("cannot read {missing}: no such file or directory")
    );
    assert_eq!(
        run.error("*.html"),
        format!("no file matches the pattern {pattern}")
    );
    assert!(run.record("story.txt")["error"].is_null());
    assert!(
        run.summary().starts_with("1 read, 2 failed"),
        "{}",
        run.summary()
    );
    assert_eq!(run.code, Some(1));
}

/// Write one line of `size` bytes of `unit`s, between `head` and `tail`, in pieces.
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

/// Run whosaid, watching its peak resident memory (VmHWM) while it runs.
fn whosaid_watched(args: &[&str]) -> (Run, Option<u64>, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("extract")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).unwrap();
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stderr.read_to_end(&mut buf).unwrap();
        buf
    });
    let mut peak = None;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        let hwm = std::fs::read_to_string(&status_file).ok().and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        });
        if let Some(kb) = hwm {
            peak = Some(peak.unwrap_or(0).max(kb * 1024));
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let elapsed = started.elapsed();
    let run = parse(&out.join().unwrap(), &err.join().unwrap(), status.code());
    (run, peak, elapsed)
}

#[test]
fn a_200_mb_single_line_is_refused_cleanly_quickly_and_in_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("huge.jsonl");
    let good = r#"{"id": "after", "text": "Talks resumed on Friday, officials said."}"#;
    write_long_line(
        &jsonl,
        br#"{"id": "huge", "text": ""#,
        b"word ",
        200 * MB,
        format!("\"}}\n{good}\n").as_bytes(),
    );
    let text = dir.path().join("huge.txt");
    write_long_line(&text, b"", b"word ", 200 * MB, b"\n");
    let jsonl = jsonl.to_string_lossy().into_owned();
    let text = text.to_string_lossy().into_owned();

    let (run, peak, elapsed) = whosaid_watched(&[&jsonl, &text, &fixture("bad/story.txt")]);
    assert_eq!(
        run.paths(),
        ["huge.jsonl#1", "huge.jsonl#after", "huge.txt", "story.txt"]
    );
    assert_eq!(
        run.error("huge.jsonl#1"),
        format!(
            "line 1 of {jsonl} is 200.0 MB, more than the limit of 64 MB for one document; raise the limit with --max-document-mb"
        )
    );
    assert_eq!(
        run.error("huge.txt"),
        format!(
            "{text} is 200.0 MB, more than the limit of 64 MB for one document; raise the limit with --max-document-mb"
        )
    );
    assert!(run.record("huge.jsonl#after")["error"].is_null());
    assert!(
        run.summary().starts_with("2 read, 2 failed"),
        "{}",
        run.summary()
    );
    assert_eq!(run.code, Some(1));
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");
    // At most the 64 MB limit is ever buffered for the line; reading it whole would need
    // over 200 MB, and a String copy of it twice that.
    if let Some(peak) = peak {
        assert!(
            peak < 160 * MB as u64,
            "peak memory {} MB",
            peak / MB as u64
        );
    }
}

#[test]
fn deeply_nested_html_does_not_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.html");
    let mut page = String::from("<!DOCTYPE html><html><head><title>Deep page</title></head><body>");
    page.push_str(&"<div>".repeat(100_000));
    page.push_str(
        "<p>“We are still here,” the minister said at the bottom of a very deep page.</p>",
    );
    page.push_str(&"</div>".repeat(100_000));
    page.push_str("</body></html>");
    std::fs::write(&deep, page).unwrap();
    let deep = deep.to_string_lossy().into_owned();
    let run = whosaid(&[&fixture("bad/story.txt"), &deep, &fixture("bad/story.txt")]);
    assert_eq!(
        run.paths(),
        ["story.txt", "deep.html", "story.txt"],
        "{}",
        run.stderr
    );
    let record = run.record("deep.html");
    match record["error"].as_str() {
        None => assert!(
            record["article"]["body"]
                .as_str()
                .unwrap()
                .contains("We are still here")
        ),
        Some(error) => assert!(!error.contains("internal error"), "{error}"),
    }
}

#[test]
fn standard_input_is_read_and_sniffed() {
    let story = std::fs::read(fixture("bad/story.txt")).unwrap();
    let jsonl = std::fs::read(fixture("jsonl/articles.jsonl.gz")).unwrap();
    for (input, paths) in [(story, vec!["-"]), (jsonl, vec!["-#ap-1", "-#1002", "-#3"])] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .args(["extract", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        std::thread::spawn(move || stdin.write_all(&input));
        let output = child.wait_with_output().unwrap();
        let run = parse(&output.stdout, &output.stderr, output.status.code());
        let got: Vec<&str> = run
            .records
            .iter()
            .map(|r| r["path"].as_str().unwrap())
            .collect();
        assert_eq!(got, paths);
        assert!(
            run.records.iter().all(|r| r["error"].is_null()),
            "{:?}",
            run.records
        );
        assert_eq!(run.code, Some(0));
    }
}
