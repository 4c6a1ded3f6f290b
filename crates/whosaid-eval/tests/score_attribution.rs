//! The Rust scorer against the evaluators' Python scorer, on PolNeAR dev. Run when
//! `WHOSAID_SHARED_DATA=1` and `../shared` is present (skipped otherwise):
//!
//! `WHOSAID_SHARED_DATA=1 cargo test -p whosaid-eval --test score_attribution`
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
