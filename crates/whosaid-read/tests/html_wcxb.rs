//! Regression on the 711 WCXB dev article pages, run when `WHOSAID_SHARED_DATA=1` and
//! `../shared/data/wcxb-dev-articles` is present (skipped otherwise): no page panics,
//! and the body word F1 (the scorer's micro bag-of-words, re-implemented here on
//! ASCII-lower-cased `\w+` tokens) stays above a floor well under the measured 0.944.

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;

use whosaid_read::{Format, Payload, RawInput, ReadOptions, read_document};

const BODY_F1_FLOOR: f64 = 0.93;

fn shared() -> Option<PathBuf> {
    if std::env::var("WHOSAID_SHARED_DATA").ok().as_deref() != Some("1") {
        return None;
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    dir.join("data/wcxb-dev-articles/html")
        .is_dir()
        .then_some(dir)
}

fn tokens(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for t in text
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|t| !t.is_empty())
    {
        *out.entry(t.to_lowercase()).or_insert(0) += 1;
    }
    out
}

#[test]
fn wcxb_dev_pages_read_without_panic_and_body_f1_holds() {
    let Some(shared) = shared() else {
        eprintln!("skipped: set WHOSAID_SHARED_DATA=1 with ../shared/data present");
        return;
    };
    let gold_path = shared.join("eval/wcxb-dev/gold.jsonl");
    let gold = std::fs::read_to_string(gold_path).expect("gold");
    let (mut overlap, mut npred, mut ngold, mut docs) = (0usize, 0usize, 0usize, 0usize);
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let name = row["doc"].as_str().unwrap();
        let Some(gold_body) = row["body"].as_str() else {
            continue;
        };
        let gz = std::fs::read(shared.join("data/wcxb-dev-articles/html").join(name)).unwrap();
        let mut bytes = Vec::new();
        flate2::read::MultiGzDecoder::new(gz.as_slice())
            .read_to_end(&mut bytes)
            .unwrap();
        let raw = RawInput::new(name, Format::Html, Payload::Bytes(bytes));
        let body = read_document(raw, &ReadOptions::default())
            .map(|d| d.body())
            .unwrap_or_default();
        let (p, g) = (tokens(&body), tokens(gold_body));
        overlap += p
            .iter()
            .map(|(t, c)| (*c).min(*g.get(t).unwrap_or(&0)))
            .sum::<usize>();
        npred += p.values().sum::<usize>();
        ngold += g.values().sum::<usize>();
        docs += 1;
    }
    assert!(docs > 700, "read {docs} documents");
    let (p, r) = (overlap as f64 / npred as f64, overlap as f64 / ngold as f64);
    let f1 = 2.0 * p * r / (p + r);
    eprintln!("WCXB dev: {docs} documents, body P {p:.3} R {r:.3} F1 {f1:.3}");
    assert!(
        f1 > BODY_F1_FLOOR,
        "body F1 {f1:.3} fell below {BODY_F1_FLOOR}"
    );
}
