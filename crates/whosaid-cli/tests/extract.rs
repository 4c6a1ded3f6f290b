//! `whosaid extract` as a user runs it: output formats, input order across batches and
//! threads, and the bundled examples of the README's main job.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn whosaid(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .output()
        .expect("whosaid runs")
}

fn jsonl(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("every line is one JSON record"))
        .collect()
}

#[test]
fn the_seed_comes_out_as_the_user_expects_it() {
    let seed = repo_root().join("examples/articles/ap-trump-putin-2025-01-31.txt");
    let output = whosaid(&["extract", seed.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let records = jsonl(&output);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record["offsets"], "input");
    assert!(record["error"].is_null());
    let article = &record["article"];
    assert_eq!(
        article["headline"],
        "Trump says he and Putin could do something ‘significant’ toward ending Russia’s war in Ukraine"
    );
    assert_eq!(article["published"], "2025-01-31T14:15:00");
    assert_eq!(article["section"], "National News");
    assert_eq!(article["byline"], "Associated Press");
    assert_eq!(article["dateline"], "WASHINGTON");
    assert_eq!(article["images"][0]["credit"], "AP Photo/Evan Vucci");
    let body = article["body"].as_str().unwrap();
    assert_eq!(body.split("\n\n").count(), 11);
    assert!(body.starts_with("WASHINGTON (AP) — President Donald Trump on Friday said"));
    assert_eq!(record["id"].as_str().unwrap().len(), 32);
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "1 read, 0 failed"
    );
}

#[test]
fn json_format_is_one_valid_array_and_text_format_reads_like_an_article() {
    let examples = repo_root().join("examples/articles");
    let json = whosaid(&["extract", "--format", "json", examples.to_str().unwrap()]);
    assert!(json.status.success());
    let array: Value =
        serde_json::from_slice(&json.stdout).expect("--format json is one JSON document");
    assert_eq!(array.as_array().unwrap().len(), 3);

    let text = whosaid(&["extract", "--format", "text", examples.to_str().unwrap()]);
    let shown = String::from_utf8_lossy(&text.stdout);
    assert!(shown.contains("headline: Lindqvist council backs river bridge after late-night vote"));
    assert!(shown.contains("byline: Associated Press"));
    assert!(
        !shown.contains("Profile Picture"),
        "debris stays out of the article"
    );

    // A directory with nothing to read is said so, in a record: still one valid array.
    let empty = tempfile::tempdir().unwrap();
    let none = whosaid(&[
        "extract",
        "--format",
        "json",
        empty.path().to_str().unwrap(),
    ]);
    let array: Value = serde_json::from_slice(&none.stdout).unwrap();
    assert_eq!(array.as_array().unwrap().len(), 1);
    assert!(
        array[0]["error"]
            .as_str()
            .unwrap()
            .contains("holds no file whosaid reads")
    );
}

#[test]
fn records_come_out_in_input_order_across_batches_and_threads() {
    // More documents than one batch holds, on several threads, with failures mixed in:
    // the output order must still be the input order.
    let dir = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for i in 0..700 {
        let name = format!("{i:04}.txt");
        let path = dir.path().join(&name);
        if i % 97 == 0 {
            std::fs::write(&path, "").unwrap(); // an empty file: an error record in its place
        } else {
            std::fs::write(
                &path,
                format!("Story number {i}\n\nOfficials said the count is {i}.\n"),
            )
            .unwrap();
        }
        expected.push(path.to_string_lossy().into_owned());
    }
    let output = whosaid(&["extract", "--threads", "3", dir.path().to_str().unwrap()]);
    let records = jsonl(&output);
    let paths: Vec<&str> = records
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, expected);
    for (i, record) in records.iter().enumerate() {
        if i % 97 == 0 {
            assert!(record["error"].is_string(), "{record}");
        } else {
            assert_eq!(record["article"]["headline"], format!("Story number {i}"));
        }
    }
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "692 read, 8 failed",
        "summary counts every document"
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "a failure makes the exit status non-zero"
    );
}

#[test]
fn a_usage_mistake_is_explained() {
    let output = whosaid(&["extract", "--format", "yaml", "x.txt"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("invalid value 'yaml'"), "{stderr}");
}

#[test]
fn a_jsonl_date_in_unix_seconds_becomes_the_publication_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dump.jsonl");
    std::fs::write(
        &path,
        concat!(
            r#"{"id": "a", "date": 1738332900, "text": "Talks resume\n\nBoth sides said talks would resume."}"#,
            "\n",
            r#"{"id": "b", "date": "2025-01-31", "text": "Talks resume\n\nBoth sides said talks would resume soon."}"#,
            "\n"
        ),
    )
    .unwrap();
    let output = whosaid(&["extract", path.to_str().unwrap()]);
    let records = jsonl(&output);
    assert_eq!(
        records[0]["article"]["published"],
        "2025-01-31T14:15:00+00:00"
    );
    assert_eq!(records[1]["article"]["published"], "2025-01-31");
}
