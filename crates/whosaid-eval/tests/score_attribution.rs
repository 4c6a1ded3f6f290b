//! The Rust scorer against the evaluators' Python scorer, on PolNeAR dev. Run when
//! `WHOSAID_SHARED_DATA=1` and `../shared` is present (skipped otherwise):
//!
//! `WHOSAID_SHARED_DATA=1 cargo test -p whosaid-eval --test score_attribution`
//!
//! Besides the recorded Python output below, two tests run the Python scorer itself
//! (`python3`; skipped with a message when it is missing) on the same prediction file as
//! ours and compare every figure both report: on the fixture, and on predictions made by
//! damaging the whole dev gold in every way an engine can.
//!
//! The fixture `tests/fixtures/polnear-dev-3docs.jsonl` is whosaid's `predict-attribution`
//! output (2026-11-27, the models of commit 2498b14 with work in progress) for three dev
//! articles, edited by hand so that each rule gets exercised: a content end cutting the
//! closing ” in two (its `text` left as it was: a span_text_mismatch), a source shortened
//! to the bare name, a source and a cue removed, an opening mark left out of a content, a
//! false alarm removed, a `path` without `.txt` under a folder, a duplicate record, a record
//! for an unknown text, and a record with `error` for a fourth article. The other 80
//! articles have no record: their gold quotes are all missed, hence the low recall.

use std::path::PathBuf;
use std::process::Command;

fn shared() -> Option<PathBuf> {
    if std::env::var("WHOSAID_SHARED_DATA").ok().as_deref() != Some("1") {
        return None;
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    dir.join("data/polnear/dev/attributions")
        .is_dir()
        .then_some(dir)
}

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/polnear-dev-3docs.jsonl")
}

fn score(shared: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid-eval"))
        .arg("score-attribution")
        .arg("--gold")
        .arg(shared.join("data/polnear/dev"))
        .args(args)
        .output()
        .expect("whosaid-eval runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The text report without the table the Python scorer does not print.
fn python_part(report: &str) -> String {
    let mut out = Vec::new();
    let mut skipping = false;
    for line in report.lines() {
        if line.is_empty() {
            skipping = true;
            continue;
        }
        if skipping && line.starts_with("SUMMARY") {
            skipping = false;
        }
        if !skipping {
            out.push(line);
        }
    }
    out.join("\n")
}

/// `python3 ../shared/eval/score_attribution.py --gold ../shared/eval/polnear-dev \
///    --pred crates/whosaid-eval/tests/fixtures/polnear-dev-3docs.jsonl`
/// (Python 3.11, the scorer as of 2026-11-26), verbatim:
const PYTHON_FIXTURE: &str = r#"
== polnear-dev: 84 docs, 4 with a record (1 with error); 2192 gold quotes (683 direct), 16 predicted
   prediction issues: records_in_no_gold_set=1, duplicate_records=1, span_text_mismatch=1
criterion  | content P   R    F1 | src-exact P R F1  | src-ovl P  R  F1  | spk-acc | cue-ex F1 cue-ov F1 | name strict surname (n) | e2e F1
exact-raw  |  31.2   0.2   0.5 |  80.0  80.0  80.0 | 100.0 100.0 100.0 |  100.0  |    88.9      88.9 |       -      -   (   0) |   0.5
exact      |  37.5   0.3   0.5 |  83.3  83.3  83.3 | 100.0 100.0 100.0 |  100.0  |    90.9      90.9 |       -      -   (   0) |   0.5
cov>=0.3   |  81.2   0.6   1.2 |  60.0  54.5  57.1 |  70.0  63.6  66.7 |   61.5  |    72.0      80.0 |       -      -   (   0) |   0.7
cov>=0.5   |  75.0   0.5   1.1 |  60.0  54.5  57.1 |  70.0  63.6  66.7 |   58.3  |    69.6      78.3 |       -      -   (   0) |   0.6
cov>=0.8   |  62.5   0.5   0.9 |  75.0  66.7  70.6 |  87.5  77.8  82.4 |   70.0  |    84.2      94.7 |       -      -   (   0) |   0.6
m2o>=0.5   |  81.2   0.5   1.0 |  (many-to-one, see header)             |   72.7  |                     |                         |   0.7
direct / indirect split (content P R F1 | e2e F1):
exact-raw  | direct  50.0   0.4   0.9 |   0.9  || indirect  20.0   0.1   0.3 |   0.3
exact      | direct  66.7   0.6   1.2 |   1.2  || indirect  20.0   0.1   0.3 |   0.3
cov>=0.3   | direct 100.0   0.7   1.5 |   1.5  || indirect  70.0   0.5   1.1 |   0.4
cov>=0.5   | direct 100.0   0.7   1.5 |   1.5  || indirect  60.0   0.5   0.9 |   0.3
cov>=0.8   | direct 100.0   0.7   1.5 |   1.5  || indirect  40.0   0.3   0.7 |   0.3
SUMMARY polnear-dev: content F1 exact=0.5 cov.5=1.1 GGT .3=1.2/.8=0.9 direct-F1(.5)=1.5 src-ovl F1(.5)=66.7 spk-acc .3/.8=61.5/70.0 e2e F1(.5)=0.6
"#;

/// `python3 ../shared/eval/score_attribution.py --gold ../shared/eval/polnear-dev --oracle`
const PYTHON_ORACLE: &str = r#"
== polnear-dev: 84 docs, 84 with a record (0 with error); 2192 gold quotes (683 direct), 2192 predicted
criterion  | content P   R    F1 | src-exact P R F1  | src-ovl P  R  F1  | spk-acc | cue-ex F1 cue-ov F1 | name strict surname (n) | e2e F1
exact-raw  | 100.0 100.0 100.0 | 100.0 100.0 100.0 | 100.0 100.0 100.0 |  100.0  |   100.0     100.0 |       -      -   (   0) | 100.0
exact      | 100.0 100.0 100.0 | 100.0 100.0 100.0 | 100.0 100.0 100.0 |  100.0  |   100.0     100.0 |       -      -   (   0) | 100.0
cov>=0.3   | 100.0 100.0 100.0 | 100.0 100.0 100.0 | 100.0 100.0 100.0 |  100.0  |   100.0     100.0 |       -      -   (   0) | 100.0
cov>=0.5   | 100.0 100.0 100.0 | 100.0 100.0 100.0 | 100.0 100.0 100.0 |  100.0  |   100.0     100.0 |       -      -   (   0) | 100.0
cov>=0.8   | 100.0 100.0 100.0 | 100.0 100.0 100.0 | 100.0 100.0 100.0 |  100.0  |   100.0     100.0 |       -      -   (   0) | 100.0
m2o>=0.5   | 100.0 100.0 100.0 |  (many-to-one, see header)             |  100.0  |                     |                         | 100.0
direct / indirect split (content P R F1 | e2e F1):
exact-raw  | direct 100.0 100.0 100.0 | 100.0  || indirect 100.0 100.0 100.0 | 100.0
exact      | direct 100.0 100.0 100.0 | 100.0  || indirect 100.0 100.0 100.0 | 100.0
cov>=0.3   | direct 100.0 100.0 100.0 | 100.0  || indirect 100.0 100.0 100.0 | 100.0
cov>=0.5   | direct 100.0 100.0 100.0 | 100.0  || indirect 100.0 100.0 100.0 | 100.0
cov>=0.8   | direct 100.0 100.0 100.0 | 100.0  || indirect 100.0 100.0 100.0 | 100.0
SUMMARY polnear-dev: content F1 exact=100.0 cov.5=100.0 GGT .3=100.0/.8=100.0 direct-F1(.5)=100.0 src-ovl F1(.5)=100.0 spk-acc .3/.8=100.0/100.0 e2e F1(.5)=100.0
"#;

#[test]
fn rust_scorer_prints_what_the_python_scorer_prints_on_the_fixture() {
    let Some(shared) = shared() else {
        eprintln!("skipped: set WHOSAID_SHARED_DATA=1 with ../shared/data present");
        return;
    };
    let fixture = fixture();
    let report = score(&shared, &["--pred", fixture.to_str().unwrap()]);
    assert_eq!(python_part(&report), PYTHON_FIXTURE.trim());
}

#[test]
fn rust_scorer_agrees_with_python_to_four_decimals_on_the_fixture() {
    let Some(shared) = shared() else {
        eprintln!("skipped: set WHOSAID_SHARED_DATA=1 with ../shared/data present");
        return;
    };
    let fixture = fixture();
    let json = score(&shared, &["--pred", fixture.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let m = &v["polnear-dev"]["metrics"];
    // From the same command with --json: per criterion, content P R F1, source exact and
    // overlap F1, cue exact and overlap F1, speaker accuracy, e2e F1, direct and indirect
    // content F1.
    #[rustfmt::skip]
    let python: [(&str, [f64; 11]); 5] = [
        ("exact-raw", [31.25, 0.2281, 0.4529, 80.0, 100.0, 88.8889, 88.8889, 100.0, 0.4529, 0.8708, 0.2633]),
        ("exact", [37.5, 0.2737, 0.5435, 83.3333, 100.0, 90.9091, 90.9091, 100.0, 0.5435, 1.1611, 0.2633]),
        ("cov>=0.3", [81.25, 0.5931, 1.1775, 57.1429, 66.6667, 72.0, 80.0, 61.5385, 0.7246, 1.4535, 1.0523]),
        ("cov>=0.5", [75.0, 0.5474, 1.087, 57.1429, 66.6667, 69.5652, 78.2609, 58.3333, 0.6341, 1.4535, 0.9206]),
        ("cov>=0.8", [62.5, 0.4562, 0.9058, 70.5882, 82.3529, 84.2105, 94.7368, 70.0, 0.6341, 1.4535, 0.6572]),
    ];
    for (crit, want) in python {
        let c = &m[crit];
        let got = [
            &c["content"]["p"],
            &c["content"]["r"],
            &c["content"]["f1"],
            &c["source_exact"]["f1"],
            &c["source_overlap"]["f1"],
            &c["cue_exact"]["f1"],
            &c["cue_overlap"]["f1"],
            &c["speaker_acc_ggt"]["acc"],
            &c["e2e"]["f1"],
            &c["split"]["direct"]["content"]["f1"],
            &c["split"]["indirect"]["content"]["f1"],
        ]
        .map(|x| x.as_f64().unwrap());
        assert_eq!(got, want, "{crit}");
    }
    let m2o = &m["m2o>=0.5"];
    let got = [
        &m2o["p"],
        &m2o["r"],
        &m2o["f1"],
        &m2o["speaker_acc"]["acc"],
        &m2o["e2e_f1"],
    ]
    .map(|x| x.as_f64().unwrap());
    assert_eq!(got, [81.25, 0.5018, 0.9975, 72.7273, 0.7246]);
}

#[test]
fn gold_read_from_brat_scores_itself_as_the_python_oracle_does() {
    let Some(shared) = shared() else {
        eprintln!("skipped: set WHOSAID_SHARED_DATA=1 with ../shared/data present");
        return;
    };
    let report = score(&shared, &["--oracle"]);
    assert_eq!(python_part(&report), PYTHON_ORACLE.trim());
}

#[test]
fn details_name_the_wrong_source_and_cue_of_a_pair_with_both_versions() {
    let Some(shared) = shared() else {
        eprintln!("skipped: set WHOSAID_SHARED_DATA=1 with ../shared/data present");
        return;
    };
    let fixture = fixture();
    let details =
        std::env::temp_dir().join(format!("whosaid-score-details-{}.txt", std::process::id()));
    score(
        &shared,
        &[
            "--pred",
            fixture.to_str().unwrap(),
            "--details",
            details.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&details).unwrap();
    let _ = std::fs::remove_file(&details);
    // The fixture removed this quote's cue; its source runs on past the gold's.
    let pair = text
        .split("\nPAIR ")
        .find(|e| e.starts_with("direct gold 1560..1636 pred 1560..1636"))
        .expect("the Pruitt quote is listed");
    assert!(
        pair.contains("wrong source (overlapping), wrong cue"),
        "{pair}"
    );
    assert!(pair.contains("cue:    gold said  |  pred -"), "{pair}");
    assert!(
        pair.contains("pred Scott Pruitt, the Republican attorney general of Oklahoma, one of the states suing the EPA,"),
        "{pair}"
    );
    // A miss that a prediction half covers says so.
    assert!(text.contains("MISSED indirect 3569..3668 (prediction 3631..3668 covers 46% of it)"));
    assert!(text.contains(
        "== breitbart_2016-09-12_stealth-over-health-hillary-clin.txt (no record): 6 gold"
    ));
}

// ---------------------------------------------------------------- the two scorers, live

/// `python3`, when it runs.
fn python3() -> Option<&'static str> {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some("python3")
}

/// The evaluators' scorer with `--json` on a prediction file: its JSON object.
fn python_json(shared: &std::path::Path, pred: &std::path::Path) -> serde_json::Value {
    let out = Command::new("python3")
        .arg(shared.join("eval/score_attribution.py"))
        .arg("--gold")
        .arg(shared.join("eval/polnear-dev"))
        .arg("--pred")
        .arg(pred)
        .arg("--json")
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the Python scorer prints JSON")
}

/// Every figure of `python` is in `rust` with the same value (the Rust scorer reports more:
/// `by_kind`); `path` names the place of a difference.
fn assert_subset(python: &serde_json::Value, rust: &serde_json::Value, path: &str) {
    use serde_json::Value;
    match (python, rust) {
        (Value::Object(p), Value::Object(r)) => {
            for (k, v) in p {
                let r = r
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k}: missing in the Rust report"));
                assert_subset(v, r, &format!("{path}.{k}"));
            }
        }
        (Value::Number(p), Value::Number(r)) => {
            let (p, r) = (p.as_f64().unwrap(), r.as_f64().unwrap());
            assert!((p - r).abs() < 1e-9, "{path}: Python {p}, Rust {r}");
        }
        _ => assert_eq!(python, rust, "{path}"),
    }
}

/// Both scorers on one prediction file: the same figures wherever both report one, and the
/// same SUMMARY line.
fn assert_scorers_agree(shared: &std::path::Path, pred: &std::path::Path) {
    let python = python_json(shared, pred);
    let rust: serde_json::Value = serde_json::from_str(&score(
        shared,
        &["--pred", pred.to_str().unwrap(), "--json"],
    ))
    .unwrap();
    assert_subset(&python["polnear-dev"], &rust["polnear-dev"], "polnear-dev");
    assert_eq!(python["summary"], rust["summary"]);
}

/// A small deterministic generator (64-bit LCG), so that the test needs no crate.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Predictions made from the dev gold by damaging it in every way an engine can: contents
/// exact, with their quotation marks, cut short, run long, cut in the middle of a character,
/// split in two (many-to-one), merged with the next one; sources and cues dropped, shortened,
/// moved, invented; quotes missed; false alarms; a `text` that is not at its offsets;
/// offsets out of range; a record with `error`; a document with no record.
fn damaged_gold(shared: &std::path::Path) -> String {
    use serde_json::{Value, json};
    let gold = std::fs::read_to_string(shared.join("eval/polnear-dev/gold.jsonl")).unwrap();
    let mut rng = Lcg(2026);
    let mut out = String::new();
    for (n, line) in gold.lines().enumerate() {
        let g: Value = serde_json::from_str(line).unwrap();
        let doc = g["doc"].as_str().unwrap();
        let text = std::fs::read(shared.join("eval/polnear-dev/text").join(doc)).unwrap();
        if n % 29 == 5 {
            continue; // no record
        }
        if n % 31 == 7 {
            out.push_str(&json!({"path": doc, "error": "unreadable"}).to_string());
            out.push('\n');
            continue;
        }
        let len = text.len();
        let span = |rng: &mut Lcg, s: usize, e: usize| -> Value {
            let (s, e) = (s.min(len), e.min(len).max(s.min(len)));
            match (rng.next(10), std::str::from_utf8(&text[s..e])) {
                (0, _) => json!({"start": s, "end": e, "text": "not the text"}),
                (1 | 2, _) | (_, Err(_)) => json!({"start": s, "end": e}),
                (_, Ok(t)) => json!({"start": s, "end": e, "text": t}),
            }
        };
        let hull = |v: &Value| -> Option<(usize, usize)> {
            let ranges = v.as_array()?;
            let s = ranges.iter().filter_map(|r| r[0].as_u64()).min()? as usize;
            let e = ranges.iter().filter_map(|r| r[1].as_u64()).max()? as usize;
            Some((s, e))
        };
        let quotes = g["quotes"].as_array().unwrap();
        let mut preds = Vec::new();
        for (i, q) in quotes.iter().enumerate() {
            let (s, e) = hull(&q["content"]).unwrap();
            let w = e - s;
            let contents: Vec<(usize, usize)> = match rng.next(12) {
                0 => continue,                                      // missed
                1 => vec![(s.saturating_sub(1), (e + 1).min(len))], // with the marks around it
                2 => vec![(s, s + w / 3)],                          // cut short
                3 => vec![(s, s + 2 * w / 3)],
                4 => vec![(s.saturating_sub(40), (e + 40).min(len))], // run long
                5 => vec![(s + 1, e.saturating_sub(2).max(s + 1))],   // may cut a character
                6 => vec![(s, s + w / 2), (s + w / 2, e)],            // split in two
                7 => match quotes.get(i + 1).and_then(|n| hull(&n["content"])) {
                    Some((_, e2)) => vec![(s, e2.max(e))], // merged with the next
                    None => vec![(s, e)],
                },
                8 => vec![(e, (e + 60).min(len))], // beside it: a false alarm
                _ => vec![(s, e)],
            };
            for (cs, ce) in contents {
                let part = |rng: &mut Lcg, key: &str| -> Value {
                    match (rng.next(8), hull(&q[key])) {
                        (0, _) => Value::Null,
                        (1, _) => span(rng, cs.saturating_sub(30), cs.saturating_sub(20)),
                        (2, Some((a, b))) => span(rng, a, b.saturating_sub(2).max(a)),
                        (3, Some((a, b))) => span(rng, a.saturating_sub(5), b + 3),
                        (_, Some((a, b))) => span(rng, a, b),
                        (_, None) => Value::Null,
                    }
                };
                let (source, cue) = (
                    part(&mut rng, "source_ranges"),
                    part(&mut rng, "cue_ranges"),
                );
                preds.push(json!({
                    "kind": "indirect",
                    "content": span(&mut rng, cs, ce),
                    "source": source,
                    "cue": cue,
                    "speaker": null,
                }));
            }
        }
        if n % 13 == 0 {
            preds.push(json!({"content": {"start": len - 5, "end": len + 10}, "source": null, "cue": null}));
            preds.push(json!({"content": null}));
        }
        let path = if n % 2 == 0 {
            format!("some/folder/{doc}")
        } else {
            doc.trim_end_matches(".txt").to_string()
        };
        out.push_str(
            &json!({"path": path, "error": null, "offsets": "input", "quotes": preds}).to_string(),
        );
        out.push('\n');
    }
    out
}

#[test]
fn rust_and_python_scorers_agree_on_the_fixture_run_live() {
    let Some(shared) = shared() else {
        eprintln!("skipped: set WHOSAID_SHARED_DATA=1 with ../shared/data present");
        return;
    };
    if python3().is_none() {
        eprintln!("skipped: python3 is not installed (the evaluators' scorer needs it)");
        return;
    }
    assert_scorers_agree(&shared, &fixture());
}

#[test]
fn rust_and_python_scorers_agree_on_damaged_gold_for_the_whole_dev_set() {
    let Some(shared) = shared() else {
        eprintln!("skipped: set WHOSAID_SHARED_DATA=1 with ../shared/data present");
        return;
    };
    if python3().is_none() {
        eprintln!("skipped: python3 is not installed (the evaluators' scorer needs it)");
        return;
    }
    let pred = std::env::temp_dir().join(format!(
        "whosaid-score-damaged-{}.jsonl",
        std::process::id()
    ));
    std::fs::write(&pred, damaged_gold(&shared)).unwrap();
    let python = python_json(&shared, &pred);
    // The damage reaches every rule: records missing and in error, bad spans, mismatched
    // texts, many predictions.
    let rep = &python["polnear-dev"]["report"];
    for key in [
        "records_with_error",
        "invalid_spans",
        "span_text_mismatch",
        "pred_quotes_without_content",
    ] {
        assert!(rep[key].as_u64().unwrap() > 0, "{key}: {rep}");
    }
    assert!(rep["docs_with_record"].as_u64().unwrap() < 84, "{rep}");
    assert_scorers_agree(&shared, &pred);
    let _ = std::fs::remove_file(&pred);
}

/// `attribution DIR` runs the given whosaid as `whosaid extract --format jsonl DIR/text` and
/// scores what it prints: here a stand-in that prints the fixture.
#[cfg(unix)]
#[test]
fn attribution_runs_whosaid_extract_on_the_texts_and_scores_its_records() {
    use std::os::unix::fs::PermissionsExt;
    let Some(shared) = shared() else {
        eprintln!("skipped: set WHOSAID_SHARED_DATA=1 with ../shared/data present");
        return;
    };
    let dir = std::env::temp_dir().join(format!("whosaid-attribution-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fake = dir.join("whosaid");
    let args_seen = dir.join("args");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\necho \"$@\" > '{}'\ncat '{}'\n",
            args_seen.display(),
            fixture().display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let errors = dir.join("errors.txt");
    let kept = dir.join("pred.jsonl");
    let split = shared.join("data/polnear/dev");
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid-eval"))
        .arg("attribution")
        .arg(&split)
        .arg("--whosaid")
        .arg(&fake)
        .arg("--errors")
        .arg(&errors)
        .arg("--pred-out")
        .arg(&kept)
        .output()
        .expect("whosaid-eval runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    assert_eq!(python_part(&report), PYTHON_FIXTURE.trim());
    assert_eq!(
        std::fs::read_to_string(&args_seen).unwrap().trim(),
        format!("extract --format jsonl {}", split.join("text").display())
    );
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        std::fs::read(fixture()).unwrap()
    );
    assert!(
        std::fs::read_to_string(&errors)
            .unwrap()
            .contains("MISSED indirect 3569..3668 (prediction 3631..3668 covers 46% of it)")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
