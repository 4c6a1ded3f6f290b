//! The attribution scorer: FORMAT.md predictions against PolNeAR's brat annotations.
//!
//! It computes what the evaluators' `../shared/eval/score_attribution.py` computes, with the
//! same definitions (its docstring is the specification), so that a figure we print is a
//! figure they would print: greedy one-to-one pairing of gold and predicted contents (gold
//! in text order, each takes the best still-unpaired prediction, ties to the earlier one),
//! the same `TRIM` set for exact matches, coverage counted in code points, the same
//! direct/indirect rule, many-to-one matching, and a text report whose table and `SUMMARY`
//! line are laid out like theirs. Two differences, both additions:
//!
//! - the gold is read straight from a PolNeAR split folder (`text/` + `attributions/`, the
//!   first annotator file per article, as the evaluators' `gold.jsonl` is made), so the
//!   train split can be scored too;
//! - a second table gives precision, recall and F1 of content, source and cue for direct and
//!   indirect quotes apart, and `--details` writes an error listing to learn from.
//!
//! Python decodes byte ranges with `surrogateescape`; a prediction may cut a character, so
//! every text test here works on [`Unit`]s, which are exactly Python's code points of such a
//! decoding.

mod report;

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Serialize;
use serde_json::Value;
use whosaid_core::Span;

use crate::polnear;

/// `score-attribution`: the command-line arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The PolNeAR split folder with `text/` and `attributions/`
    /// (e.g. ../shared/data/polnear/dev); reported as the set `polnear-<folder name>`.
    #[arg(long)]
    pub gold: PathBuf,
    /// FORMAT.md JSONL predictions (repeatable). A record belongs to the gold text whose
    /// file name is the basename of its `path`.
    #[arg(long, required_unless_present = "oracle")]
    pub pred: Vec<PathBuf>,
    /// Score the gold against itself (content, source and cue hulls): a self-check.
    #[arg(long)]
    pub oracle: bool,
    #[command(flatten)]
    pub output: Output,
}

/// How the report is given; shared by `score-attribution` and `attribution`.
#[derive(Debug, clap::Args)]
pub struct Output {
    /// Print one JSON object instead of the tables (the SUMMARY line goes to stderr).
    #[arg(long)]
    pub json: bool,
    /// Write the error listing, per document, under cov>=0.5: missed gold quotes, false
    /// alarms, pairs with a wrong source or cue or other content ends, both versions side by
    /// side. Plain text, or one JSON object per document when FILE ends in `.jsonl`.
    #[arg(long, alias = "details", value_name = "FILE")]
    pub errors: Option<PathBuf>,
}

/// `attribution`: the command-line arguments.
#[derive(Debug, clap::Args)]
pub struct AttributionArgs {
    /// The PolNeAR split folder with `text/` and `attributions/`
    /// (e.g. ../shared/data/polnear/dev).
    pub dir: PathBuf,
    /// The whosaid program to run. By default the `whosaid` next to this program, which
    /// `cargo run` first builds (same profile, same target folder) so that the figures are
    /// those of the code in the checkout.
    #[arg(long, value_name = "BIN")]
    pub whosaid: Option<PathBuf>,
    /// Keep whosaid's records (FORMAT.md JSONL) in FILE (for the evaluators' scorer).
    #[arg(long, value_name = "FILE")]
    pub pred_out: Option<PathBuf>,
    #[command(flatten)]
    pub output: Output,
}

/// Run the scorer and print its report.
pub fn run(args: &Args) -> anyhow::Result<()> {
    report(&args.gold, &args.pred, args.oracle, &args.output)
}

/// Run `whosaid extract` over the split's texts, as the evaluators do, then score its
/// records like `score-attribution`.
pub fn run_attribution(args: &AttributionArgs) -> anyhow::Result<()> {
    let text = args.dir.join("text");
    if !text.is_dir() || !args.dir.join("attributions").is_dir() {
        anyhow::bail!(
            "{} is not a PolNeAR split folder (with text/ and attributions/)",
            args.dir.display()
        );
    }
    let bin = whosaid_binary(args.whosaid.as_deref())?;
    let kept = args.pred_out.is_some();
    let pred = match &args.pred_out {
        Some(path) => path.clone(),
        None => std::env::temp_dir().join(format!(
            "whosaid-eval-attribution-{}.jsonl",
            std::process::id()
        )),
    };
    let out =
        std::fs::File::create(&pred).with_context(|| format!("cannot write {}", pred.display()))?;
    let started = std::time::Instant::now();
    let status = std::process::Command::new(&bin)
        .args(["extract", "--format", "jsonl"])
        .arg(&text)
        .stdout(out)
        .status()
        .with_context(|| format!("cannot run {}", bin.display()))?;
    eprintln!(
        "{} extract --format jsonl {}: {} ({:.2?} wall)",
        bin.display(),
        text.display(),
        status,
        started.elapsed()
    );
    // A document whosaid could not read is an error record (exit status 1), scored as
    // predicting nothing; no records at all is a failure of the run.
    let printed = std::fs::metadata(&pred).map_or(0, |m| m.len());
    let result = if status.success() || (status.code() == Some(1) && printed > 0) {
        report(&args.dir, std::slice::from_ref(&pred), false, &args.output)
    } else {
        Err(anyhow::anyhow!("{} failed: {status}", bin.display()))
    };
    if !kept {
        let _ = std::fs::remove_file(&pred);
    }
    result
}

/// The `whosaid` program: the one given, else the one next to this program. Under
/// `cargo run` (which sets `CARGO` and `CARGO_MANIFEST_DIR`) it is built first with this
/// program's profile and target folder, so that a stale binary is never measured.
fn whosaid_binary(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(bin) = given {
        return Ok(bin.to_path_buf());
    }
    let exe = std::env::current_exe().context("cannot locate whosaid-eval")?;
    let dir = exe.parent().context("whosaid-eval has no folder")?;
    let bin = dir.join(format!("whosaid{}", std::env::consts::EXE_SUFFIX));
    let target = dir.parent().filter(|t| t.join("CACHEDIR.TAG").is_file());
    if let (Some(cargo), Some(manifest), Some(target), Some(profile)) = (
        std::env::var_os("CARGO"),
        std::env::var_os("CARGO_MANIFEST_DIR"),
        target,
        dir.file_name().and_then(|p| p.to_str()),
    ) {
        let profile = if profile == "debug" { "dev" } else { profile };
        let workspace = Path::new(&manifest).join("../../Cargo.toml");
        eprintln!("building whosaid ({profile} profile) …");
        let status = std::process::Command::new(cargo)
            .args(["build", "-q", "-p", "whosaid-cli", "--profile", profile])
            .arg("--manifest-path")
            .arg(&workspace)
            .arg("--target-dir")
            .arg(target)
            .status()
            .context("cannot run cargo build")?;
        anyhow::ensure!(status.success(), "cargo build -p whosaid-cli failed");
    }
    anyhow::ensure!(
        bin.is_file(),
        "no whosaid program at {}: build it (cargo build --release -p whosaid-cli) or give --whosaid BIN",
        bin.display()
    );
    Ok(bin)
}

/// Score prediction files (or the oracle) against a PolNeAR split and print the report.
fn report(gold: &Path, pred: &[PathBuf], oracle_run: bool, output: &Output) -> anyhow::Result<()> {
    let set = set_name(gold);
    let docs = load_gold(gold)?;
    let mut issues = Issues::default();
    let preds = if oracle_run {
        oracle(&docs)
    } else {
        load_pred(pred, &docs, &mut issues)?
    };
    let scored = evaluate(&docs, &preds);
    let report = Report::new(&docs, &preds, issues);
    let summary = format!("SUMMARY {}", report::summary(&set, &scored.metrics));
    if output.json {
        let mut out = serde_json::Map::new();
        out.insert(
            set.clone(),
            serde_json::json!({"report": report, "metrics": scored.metrics}),
        );
        out.insert("summary".into(), summary.clone().into());
        println!("{}", serde_json::to_string_pretty(&out)?);
        eprintln!("{summary}");
    } else {
        println!("{}", report::text(&set, &report, &scored.metrics));
        println!("{summary}");
    }
    if let Some(path) = &output.errors {
        let jsonl = path.extension().is_some_and(|e| e == "jsonl");
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let mut out = std::io::BufWriter::new(file);
        report::details(&mut out, &set, &docs, &preds, &scored.detail_pairs, jsonl)?;
        std::io::Write::flush(&mut out)?;
    }
    Ok(())
}

/// The figures a model change is judged by (cov>=0.5, as in EVALUATION.md): content P, R
/// and F1 for all quotes, content F1 of direct and indirect ones, source and cue exact F1,
/// end-to-end F1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Headline {
    pub content_p: f64,
    pub content_r: f64,
    pub content_f1: f64,
    pub direct_f1: f64,
    pub indirect_f1: f64,
    pub source_exact_f1: f64,
    pub cue_exact_f1: f64,
    pub e2e_f1: f64,
}

/// Score the records of `pred` against the split folder `gold` and give the headline
/// figures (the same computation as `score-attribution`).
pub fn headline(gold: &Path, pred: &Path) -> anyhow::Result<Headline> {
    let docs = load_gold(gold)?;
    let mut issues = Issues::default();
    let preds = load_pred(&[pred.to_path_buf()], &docs, &mut issues)?;
    let metrics = evaluate(&docs, &preds).metrics;
    let m = metrics.get(DETAIL_CRITERION);
    Ok(Headline {
        content_p: m.content.p,
        content_r: m.content.r,
        content_f1: m.content.f1,
        direct_f1: m.split.direct.content.f1,
        indirect_f1: m.split.indirect.content.f1,
        source_exact_f1: m.source_exact.f1,
        cue_exact_f1: m.cue_exact.f1,
        e2e_f1: m.e2e.f1,
    })
}

/// `polnear-dev` for `…/polnear/dev`: the name the evaluators' gold folder has.
fn set_name(dir: &Path) -> String {
    let base = dir
        .components()
        .next_back()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("polnear-{base}")
}

// ---------------------------------------------------------------- text, as Python sees it

/// Marks that make a quote direct wherever they are in its content.
const DOUBLE_QUOTES: &str = "\"\u{201c}\u{201d}\u{201e}\u{ab}\u{bb}\u{201f}";
/// Marks that make a quote direct when its content starts with one.
const SINGLE_OPEN: &str = "'\u{2018}";
/// What `exact` trims from both ends of both spans.
const TRIM: &str = " \t\r\n\u{a0}.,;:!?-\u{2013}\u{2014}\u{2026}()[]'\"\u{2018}\u{2019}\u{201a}\u{201b}\u{201c}\u{201d}\u{201e}\u{201f}\u{ab}\u{bb}";

/// One code point of a byte range decoded with Python's `surrogateescape`: a character, or
/// one byte that is not part of a valid UTF-8 sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Char(char),
    Byte(u8),
}

impl Unit {
    fn len(self) -> usize {
        match self {
            Unit::Char(c) => c.len_utf8(),
            Unit::Byte(_) => 1,
        }
    }

    fn is_in(self, set: &str) -> bool {
        matches!(self, Unit::Char(c) if set.contains(c))
    }

    /// Python's `str.isspace` (which, unlike Unicode White_Space, includes U+001C..U+001F).
    fn is_py_space(self) -> bool {
        matches!(self, Unit::Char(c) if c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
    }
}

fn decode(bytes: &[u8]) -> Vec<Unit> {
    let mut out = Vec::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.extend(chunk.valid().chars().map(Unit::Char));
        out.extend(chunk.invalid().iter().map(|&b| Unit::Byte(b)));
    }
    out
}

/// `len(data[s:e].decode("utf-8", "surrogateescape"))`.
fn code_points(bytes: &[u8]) -> usize {
    bytes
        .utf8_chunks()
        .map(|c| c.valid().chars().count() + c.invalid().len())
        .sum()
}

/// `data[s:e]` with Python's slicing: clamped, empty when inverted.
fn bytes(data: &[u8], start: usize, end: usize) -> &[u8] {
    let end = end.min(data.len());
    let start = start.min(end);
    &data[start..end]
}

/// The span without leading and trailing `TRIM` characters; a span of nothing but those
/// (a cue ":") is kept as it is.
fn trim(data: &[u8], span: Span) -> Span {
    let units = decode(bytes(data, span.start, span.end));
    let left = units.iter().take_while(|u| u.is_in(TRIM)).count();
    if left >= units.len() {
        return span;
    }
    let right = units.iter().rev().take_while(|u| u.is_in(TRIM)).count();
    let start = span.start + units[..left].iter().map(|u| u.len()).sum::<usize>();
    let end = span.end
        - units[units.len() - right..]
            .iter()
            .map(|u| u.len())
            .sum::<usize>();
    Span { start, end }
}

fn hull(ranges: &[Span]) -> Span {
    let start = ranges.iter().map(|r| r.start).min().unwrap_or(0);
    let end = ranges.iter().map(|r| r.end).max().unwrap_or(0);
    Span { start, end }
}

/// Bytes two range lists share (every pair of ranges counted, as Python does).
fn inter_bytes(a: &[Span], b: &[Span]) -> usize {
    a.iter()
        .flat_map(|x| b.iter().map(move |y| x.overlap(*y)))
        .sum()
}

/// Code points two range lists share.
fn inter_code_points(a: &[Span], b: &[Span], data: &[u8]) -> usize {
    let mut n = 0;
    for x in a {
        for y in b {
            let (s, e) = (x.start.max(y.start), x.end.min(y.end));
            if e > s {
                n += code_points(bytes(data, s, e));
            }
        }
    }
    n
}

fn size_bytes(ranges: &[Span]) -> usize {
    ranges.iter().map(|r| r.end.saturating_sub(r.start)).sum()
}

fn size_code_points(ranges: &[Span], data: &[u8]) -> usize {
    ranges
        .iter()
        .map(|r| code_points(bytes(data, r.start, r.end)))
        .sum()
}

fn merge(mut ranges: Vec<Span>) -> Vec<Span> {
    ranges.sort();
    let mut out: Vec<Span> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Direct: the content holds a double quotation mark or starts with a single one, or a
/// double mark stands right before it or right after it (after `,.;:!?`), so that an engine
/// leaving the marks out of its spans is classed the same.
fn is_direct(data: &[u8], ranges: &[Span]) -> bool {
    let mut first = None;
    for r in ranges {
        for u in decode(bytes(data, r.start, r.end)) {
            if u.is_in(DOUBLE_QUOTES) {
                return true;
            }
            if first.is_none() && !u.is_py_space() {
                first = Some(u);
            }
        }
    }
    if first.is_some_and(|u| u.is_in(SINGLE_OPEN)) {
        return true;
    }
    let h = hull(ranges);
    let before = decode(bytes(data, h.start.saturating_sub(4), h.start))
        .last()
        .copied();
    let after = decode(bytes(data, h.end, h.end.saturating_add(8)))
        .into_iter()
        .find(|u| !u.is_in(",.;:!?"));
    [before, after]
        .into_iter()
        .flatten()
        .any(|u| u.is_in(DOUBLE_QUOTES))
}

// ---------------------------------------------------------------- gold and predictions

/// One attribution, gold or predicted; spans are byte ranges into the gold text.
#[derive(Clone, Debug)]
struct Quote {
    /// Predictions have one range; gold contents can be discontinuous.
    content: Vec<Span>,
    hull: Span,
    source: Option<Vec<Span>>,
    cue: Option<Vec<Span>>,
    direct: bool,
}

impl Quote {
    fn new(data: &[u8], content: Vec<Span>, source: Vec<Span>, cue: Vec<Span>) -> Quote {
        let some = |v: Vec<Span>| (!v.is_empty()).then_some(v);
        Quote {
            hull: hull(&content),
            direct: is_direct(data, &content),
            content,
            source: some(source),
            cue: some(cue),
        }
    }
}

/// A gold document.
#[derive(Debug)]
struct Doc {
    name: String,
    text: String,
    gold: Vec<Quote>,
}

impl Doc {
    fn data(&self) -> &[u8] {
        self.text.as_bytes()
    }
}

fn load_gold(dir: &Path) -> anyhow::Result<Vec<Doc>> {
    if !dir.join("attributions").is_dir() {
        anyhow::bail!(
            "{} is not a PolNeAR split folder (with text/ and attributions/)",
            dir.display()
        );
    }
    let docs = polnear::load_split(dir)?;
    Ok(docs
        .into_iter()
        .map(|d| {
            let data = d.text.as_bytes();
            let mut gold: Vec<Quote> = d
                .attributions
                .iter()
                .map(|a| Quote::new(data, a.content.clone(), a.source.clone(), a.cue.clone()))
                .collect();
            // Stable, like Python's sort: quotes with the same hull keep the file's order.
            gold.sort_by_key(|q| q.hull);
            Doc {
                name: d.name,
                text: d.text,
                gold,
            }
        })
        .collect())
}

/// What went wrong in the prediction files; reported, never fatal.
#[derive(Clone, Debug, Default, Serialize)]
struct Issues {
    bad_json_lines: usize,
    records_in_no_gold_set: usize,
    duplicate_records: usize,
    records_with_error: usize,
    invalid_spans: usize,
    span_text_mismatch: usize,
    pred_quotes_without_content: usize,
}

/// Predictions per gold document (same index); `None` when the document has no record.
type Preds = Vec<Option<Vec<Quote>>>;

/// The gold document a record's `path` names: its basename without any `#record`, with
/// or without `.txt`.
fn doc_key(path: &str, names: &HashMap<&str, usize>) -> Option<usize> {
    let file = path.split('#').next().unwrap_or("");
    let base = file.rsplit('/').next().unwrap_or("");
    names
        .get(base)
        .or_else(|| names.get(format!("{base}.txt").as_str()))
        .copied()
}

/// Python's truth value of a JSON value (`if r.get("error")`).
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// Python's `int(x)` for what a JSON offset can reasonably be.
fn py_int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_u64().map(|_| i64::MAX))
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.is_finite())
                    .map(|f| f.trunc() as i64)
            }),
        Value::Bool(b) => Some(i64::from(*b)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A `{start, end, text}` object as a span of `data`: out-of-range offsets are clamped and
/// counted, a `text` that is not the bytes at the offsets is counted (the offsets win).
fn span_of(v: Option<&Value>, data: &[u8], issues: &mut Issues) -> Option<Span> {
    let obj = v?.as_object()?;
    let (mut s, mut e) = (
        py_int(obj.get("start").filter(|v| !v.is_null())?)?,
        py_int(obj.get("end").filter(|v| !v.is_null())?)?,
    );
    let len = i64::try_from(data.len()).unwrap_or(i64::MAX);
    if !(0 <= s && s <= e && e <= len) {
        issues.invalid_spans += 1;
        s = s.clamp(0, len);
        e = e.clamp(0, len);
        if s > e {
            return None;
        }
    }
    let span = Span::new(s as usize, e as usize);
    if let Some(text) = obj.get("text").filter(|t| !t.is_null())
        && text.as_str().map(str::as_bytes) != Some(&data[span.start..span.end])
    {
        issues.span_text_mismatch += 1;
    }
    Some(span)
}

fn load_pred(paths: &[PathBuf], docs: &[Doc], issues: &mut Issues) -> anyhow::Result<Preds> {
    let names: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.name.as_str(), i))
        .collect();
    let mut out: Preds = vec![None; docs.len()];
    for path in paths {
        let file =
            std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        for line in std::io::BufReader::new(file).lines() {
            let line = line.with_context(|| format!("cannot read {}", path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            let Ok(Value::Object(record)) = serde_json::from_str::<Value>(&line) else {
                issues.bad_json_lines += 1;
                continue;
            };
            let path = record.get("path").and_then(Value::as_str).unwrap_or("");
            let Some(k) = doc_key(path, &names) else {
                issues.records_in_no_gold_set += 1;
                continue;
            };
            if out[k].is_some() {
                issues.duplicate_records += 1;
                continue;
            }
            if truthy(record.get("error")) {
                issues.records_with_error += 1;
                out[k] = Some(Vec::new());
                continue;
            }
            let data = docs[k].data();
            let mut quotes = Vec::new();
            let listed = record.get("quotes").and_then(Value::as_array);
            for q in listed.into_iter().flatten() {
                let content = q
                    .as_object()
                    .and_then(|q| span_of(q.get("content"), data, issues));
                let Some(content) = content else {
                    issues.pred_quotes_without_content += 1;
                    continue;
                };
                let source = span_of(q.get("source"), data, issues);
                let cue = span_of(q.get("cue"), data, issues);
                quotes.push(Quote::new(
                    data,
                    vec![content],
                    source.into_iter().collect(),
                    cue.into_iter().collect(),
                ));
            }
            quotes.sort_by_key(|q| q.hull);
            out[k] = Some(quotes);
        }
    }
    Ok(out)
}

/// The gold quotes as predictions: content, source and cue hulls.
fn oracle(docs: &[Doc]) -> Preds {
    docs.iter()
        .map(|d| {
            let quotes = d
                .gold
                .iter()
                .map(|g| {
                    let h = |v: &Option<Vec<Span>>| v.iter().map(|r| hull(r)).collect();
                    Quote::new(d.data(), vec![g.hull], h(&g.source), h(&g.cue))
                })
                .collect();
            Some(quotes)
        })
        .collect()
}

// ---------------------------------------------------------------- matching

/// How a predicted content may match a gold one.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Criterion {
    /// Same bytes as the gold hull.
    ExactRaw,
    /// Same bytes after `TRIM` of both.
    Exact,
    /// The prediction covers at least this share of the gold's code points.
    Coverage(f64),
}

const CRITERIA: [(&str, Criterion); 5] = [
    ("exact-raw", Criterion::ExactRaw),
    ("exact", Criterion::Exact),
    ("cov>=0.3", Criterion::Coverage(0.3)),
    ("cov>=0.5", Criterion::Coverage(0.5)),
    ("cov>=0.8", Criterion::Coverage(0.8)),
];

/// The criterion whose pairs `--details` lists.
const DETAIL_CRITERION: &str = "cov>=0.5";

/// GGT's greedy one-to-one pairing: gold quotes in order, each takes the still-unpaired
/// prediction with the highest score if it reaches `threshold`, ties to the earlier one.
fn greedy(
    n_gold: usize,
    n_pred: usize,
    mut score: impl FnMut(usize, usize) -> f64,
    threshold: f64,
) -> Vec<(usize, usize)> {
    let mut remaining: Vec<usize> = (0..n_pred).collect();
    let mut pairs = Vec::new();
    for gi in 0..n_gold {
        let mut best: Option<(usize, f64)> = None;
        for (k, &pi) in remaining.iter().enumerate() {
            let s = score(gi, pi);
            if s >= threshold && best.is_none_or(|(_, b)| s > b) {
                best = Some((k, s));
            }
        }
        if let Some((k, _)) = best {
            pairs.push((gi, remaining.remove(k)));
        }
    }
    pairs
}

/// The pairs of one document under `criterion`.
fn pair_up(
    data: &[u8],
    golds: &[Quote],
    preds: &[Quote],
    criterion: Criterion,
) -> Vec<(usize, usize)> {
    match criterion {
        Criterion::ExactRaw => greedy(
            golds.len(),
            preds.len(),
            |g, p| f64::from(u8::from(golds[g].hull == preds[p].hull)),
            1.0,
        ),
        Criterion::Exact => {
            let tg: Vec<Span> = golds.iter().map(|q| trim(data, q.hull)).collect();
            let tp: Vec<Span> = preds.iter().map(|q| trim(data, q.hull)).collect();
            greedy(
                golds.len(),
                preds.len(),
                |g, p| f64::from(u8::from(tg[g] == tp[p])),
                1.0,
            )
        }
        Criterion::Coverage(t) => {
            let sizes: Vec<usize> = golds
                .iter()
                .map(|q| size_code_points(&q.content, data))
                .collect();
            greedy(
                golds.len(),
                preds.len(),
                |g, p| {
                    if sizes[g] == 0 {
                        return 0.0;
                    }
                    inter_code_points(&preds[p].content, &golds[g].content, data) as f64
                        / sizes[g] as f64
                },
                t,
            )
        }
    }
}

/// Equal after `TRIM` of both hulls.
fn span_eq(data: &[u8], a: &[Span], b: &[Span]) -> bool {
    trim(data, hull(a)) == trim(data, hull(b))
}

// ---------------------------------------------------------------- metrics

/// Python's `round(x, 4)`: correctly rounded, ties to even (as Rust's formatting is).
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

fn ratio(a: usize, n: usize) -> f64 {
    if n == 0 { 0.0 } else { a as f64 / n as f64 }
}

/// Precision, recall and F1 in percent (rounded to 4 places) with their counts.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
struct Prf {
    p: f64,
    r: f64,
    f1: f64,
    tp: usize,
    n_pred: usize,
    n_gold: usize,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r != 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn prf(tp: usize, n_pred: usize, n_gold: usize) -> Prf {
    let (p, r) = (ratio(tp, n_pred), ratio(tp, n_gold));
    Prf {
        p: round4(100.0 * p),
        r: round4(100.0 * r),
        f1: round4(100.0 * f1(p, r)),
        tp,
        n_pred,
        n_gold,
    }
}

/// Hits counted on the predicted side and on the gold side separately: a direct/indirect
/// split classes a pair by its prediction for precision and by its gold for recall.
#[derive(Clone, Copy, Debug, Default)]
struct Sides {
    hits_p: usize,
    n_p: usize,
    hits_g: usize,
    n_g: usize,
}

impl Sides {
    fn prf(self) -> Prf {
        let (p, r) = (ratio(self.hits_p, self.n_p), ratio(self.hits_g, self.n_g));
        Prf {
            p: round4(100.0 * p),
            r: round4(100.0 * r),
            f1: round4(100.0 * f1(p, r)),
            tp: self.hits_g,
            n_pred: self.n_p,
            n_gold: self.n_g,
        }
    }
}

/// A share in percent over `n` cases; `None` when there are none.
#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
struct Acc {
    acc: Option<f64>,
    hits: usize,
    n: usize,
}

fn pct(hits: usize, n: usize) -> Acc {
    Acc {
        // Python computes `100 * a / n` with an integer product first.
        acc: (n > 0).then(|| round4((100 * hits) as f64 / n as f64)),
        hits,
        n,
    }
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
struct SplitScores {
    content: Prf,
    e2e_f1: f64,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
struct Split {
    direct: SplitScores,
    indirect: SplitScores,
}

/// Content, source and cue for one kind of quote (an addition to the Python report).
#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
struct KindScores {
    content: Prf,
    source_exact: Prf,
    source_overlap: Prf,
    cue_exact: Prf,
    cue_overlap: Prf,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
struct ByKind {
    all: KindScores,
    direct: KindScores,
    indirect: KindScores,
}

/// The figures of one criterion, named as in the Python scorer's JSON.
#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
struct CriterionScores {
    content: Prf,
    source_exact: Prf,
    source_overlap: Prf,
    speaker_acc_ggt: Acc,
    cue_exact: Prf,
    cue_overlap: Prf,
    /// PolNeAR resolves no speaker names, so these have no cases (kept for the layout).
    name_strict: Acc,
    name_surname: Acc,
    e2e: Prf,
    split: Split,
    by_kind: ByKind,
}

/// The many-to-one figures.
#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
struct ManyToOne {
    threshold: f64,
    p: f64,
    r: f64,
    f1: f64,
    gold_found: usize,
    pred_correct: usize,
    n_gold: usize,
    n_pred: usize,
    speaker_acc: Acc,
    e2e_f1: f64,
}

/// Every criterion's figures, in the report's order.
#[derive(Clone, Debug, PartialEq)]
struct Metrics {
    criteria: Vec<(&'static str, CriterionScores)>,
    m2o: ManyToOne,
}

impl Metrics {
    fn get(&self, name: &str) -> &CriterionScores {
        &self
            .criteria
            .iter()
            .find(|(n, _)| *n == name)
            .expect("a known criterion")
            .1
    }
}

impl Serialize for Metrics {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.criteria.len() + 1))?;
        for (name, scores) in &self.criteria {
            map.serialize_entry(name, scores)?;
        }
        map.serialize_entry("m2o>=0.5", &self.m2o)?;
        map.end()
    }
}

/// Counts over the documents for one criterion and one kind of quote.
#[derive(Clone, Copy, Debug, Default)]
struct KindCounts {
    content: Sides,
    source_exact: Sides,
    source_overlap: Sides,
    cue_exact: Sides,
    cue_overlap: Sides,
    e2e: Sides,
}

impl KindCounts {
    fn scores(&self) -> KindScores {
        KindScores {
            content: self.content.prf(),
            source_exact: self.source_exact.prf(),
            source_overlap: self.source_overlap.prf(),
            cue_exact: self.cue_exact.prf(),
            cue_overlap: self.cue_overlap.prf(),
        }
    }
}

/// How a pair's source or cue compares: both present and equal after trimming, both
/// present and sharing a byte, and who has one.
#[derive(Clone, Copy, Debug)]
struct PartCheck {
    gold: bool,
    pred: bool,
    exact: bool,
    overlap: bool,
}

fn check_part(data: &[u8], gold: &Option<Vec<Span>>, pred: &Option<Vec<Span>>) -> PartCheck {
    match (gold, pred) {
        (Some(g), Some(p)) => PartCheck {
            gold: true,
            pred: true,
            exact: span_eq(data, g, p),
            overlap: inter_bytes(g, p) > 0,
        },
        _ => PartCheck {
            gold: gold.is_some(),
            pred: pred.is_some(),
            exact: false,
            overlap: false,
        },
    }
}

/// GGT's speaker match: the sources share a byte, or neither quote has one.
fn speaker_ok(source: PartCheck) -> bool {
    source.overlap || (!source.gold && !source.pred)
}

fn add_part(sides: &mut Sides, hit: bool, check: PartCheck, on_pred: bool, on_gold: bool) {
    if on_pred && check.pred {
        sides.n_p += 1;
        sides.hits_p += usize::from(hit);
    }
    if on_gold && check.gold {
        sides.n_g += 1;
        sides.hits_g += usize::from(hit);
    }
}

/// The result of scoring: the figures and the pairs `--details` lists.
#[derive(Debug)]
struct Scored {
    metrics: Metrics,
    /// Per document, the pairs under [`DETAIL_CRITERION`].
    detail_pairs: Vec<Vec<(usize, usize)>>,
}

fn evaluate(docs: &[Doc], preds: &Preds) -> Scored {
    let empty = Vec::new();
    let mut criteria = Vec::new();
    let mut detail_pairs = Vec::new();
    for (name, criterion) in CRITERIA {
        // [all, direct, indirect]
        let mut kinds = [KindCounts::default(); 3];
        let mut spk = 0;
        for (di, doc) in docs.iter().enumerate() {
            let data = doc.data();
            let golds = &doc.gold;
            let ps = preds[di].as_ref().unwrap_or(&empty);
            let pairs = pair_up(data, golds, ps, criterion);
            for g in golds {
                for k in [0, kind_index(g.direct)] {
                    kinds[k].content.n_g += 1;
                    kinds[k].e2e.n_g += 1;
                }
            }
            for p in ps {
                for k in [0, kind_index(p.direct)] {
                    kinds[k].content.n_p += 1;
                    kinds[k].e2e.n_p += 1;
                }
            }
            for &(gi, pi) in &pairs {
                let (g, p) = (&golds[gi], &ps[pi]);
                let source = check_part(data, &g.source, &p.source);
                let cue = check_part(data, &g.cue, &p.cue);
                let ok = speaker_ok(source);
                spk += usize::from(ok);
                for (k, c) in kinds.iter_mut().enumerate() {
                    let on_gold = k == 0 || k == kind_index(g.direct);
                    let on_pred = k == 0 || k == kind_index(p.direct);
                    if on_gold {
                        c.content.hits_g += 1;
                        c.e2e.hits_g += usize::from(ok);
                    }
                    if on_pred {
                        c.content.hits_p += 1;
                        c.e2e.hits_p += usize::from(ok);
                    }
                    add_part(&mut c.source_exact, source.exact, source, on_pred, on_gold);
                    add_part(
                        &mut c.source_overlap,
                        source.overlap,
                        source,
                        on_pred,
                        on_gold,
                    );
                    add_part(&mut c.cue_exact, cue.exact, cue, on_pred, on_gold);
                    add_part(&mut c.cue_overlap, cue.overlap, cue, on_pred, on_gold);
                }
            }
            if name == DETAIL_CRITERION {
                detail_pairs.push(pairs);
            }
        }
        let all = &kinds[0];
        let n_pairs = all.content.hits_g;
        let split = |c: &KindCounts| SplitScores {
            content: c.content.prf(),
            e2e_f1: split_e2e(c.e2e),
        };
        criteria.push((
            name,
            CriterionScores {
                content: prf(n_pairs, all.content.n_p, all.content.n_g),
                source_exact: all.source_exact.prf(),
                source_overlap: all.source_overlap.prf(),
                speaker_acc_ggt: pct(spk, n_pairs),
                cue_exact: all.cue_exact.prf(),
                cue_overlap: all.cue_overlap.prf(),
                name_strict: pct(0, 0),
                name_surname: pct(0, 0),
                e2e: prf(spk, all.content.n_p, all.content.n_g),
                split: Split {
                    direct: split(&kinds[1]),
                    indirect: split(&kinds[2]),
                },
                by_kind: ByKind {
                    all: kinds[0].scores(),
                    direct: kinds[1].scores(),
                    indirect: kinds[2].scores(),
                },
            },
        ));
    }
    Scored {
        metrics: Metrics {
            criteria,
            m2o: many_to_one(docs, preds, 0.5),
        },
        detail_pairs,
    }
}

fn kind_index(direct: bool) -> usize {
    if direct { 1 } else { 2 }
}

/// Python's `_split_e2e`, with its order of operations.
fn split_e2e(s: Sides) -> f64 {
    let (p, r) = (ratio(s.hits_p, s.n_p), ratio(s.hits_g, s.n_g));
    if p + r != 0.0 {
        round4(100.0 * 2.0 * p * r / (p + r))
    } else {
        0.0
    }
}

/// Many-to-one: each prediction joins the gold quote it overlaps most (Jaccard of bytes,
/// ties to the earlier gold); a gold quote is found when the union of its predictions covers
/// at least `threshold` of its code points, and all those predictions are then correct.
fn many_to_one(docs: &[Doc], preds: &Preds, threshold: f64) -> ManyToOne {
    let (mut n_gold, mut n_pred, mut found, mut correct, mut spk_g, mut spk_p) = (0, 0, 0, 0, 0, 0);
    for (di, doc) in docs.iter().enumerate() {
        let data = doc.data();
        let golds = &doc.gold;
        let ps: &[Quote] = preds[di].as_deref().unwrap_or(&[]);
        n_gold += golds.len();
        n_pred += ps.len();
        let mut joined: Vec<Vec<&Quote>> = vec![Vec::new(); golds.len()];
        for p in ps {
            let mut best: Option<usize> = None;
            let mut best_j = 0.0;
            for (gi, g) in golds.iter().enumerate() {
                let n = inter_bytes(&p.content, &g.content);
                if n == 0 {
                    continue;
                }
                let j = n as f64 / (size_bytes(&p.content) + size_bytes(&g.content) - n) as f64;
                if j > best_j {
                    best = Some(gi);
                    best_j = j;
                }
            }
            if let Some(gi) = best {
                joined[gi].push(p);
            }
        }
        for (g, ps) in golds.iter().zip(&joined) {
            if ps.is_empty() {
                continue;
            }
            let n = size_code_points(&g.content, data);
            let union = merge(ps.iter().flat_map(|p| p.content.iter().copied()).collect());
            if n > 0 && inter_code_points(&union, &g.content, data) as f64 / n as f64 >= threshold {
                found += 1;
                correct += ps.len();
                let ok = ps
                    .iter()
                    .filter(|p| speaker_ok(check_part(data, &g.source, &p.source)))
                    .count();
                spk_g += usize::from(ok > 0);
                spk_p += ok;
            }
        }
    }
    let (p, r) = (ratio(correct, n_pred), ratio(found, n_gold));
    let (pe, re) = (ratio(spk_p, n_pred), ratio(spk_g, n_gold));
    let f = |p: f64, r: f64| {
        if p + r != 0.0 {
            round4(100.0 * 2.0 * p * r / (p + r))
        } else {
            0.0
        }
    };
    ManyToOne {
        threshold,
        p: round4(100.0 * p),
        r: round4(100.0 * r),
        f1: f(p, r),
        gold_found: found,
        pred_correct: correct,
        n_gold,
        n_pred,
        speaker_acc: pct(spk_g, found),
        e2e_f1: f(pe, re),
    }
}

/// The counts at the head of the report.
#[derive(Clone, Debug, Serialize)]
struct Report {
    #[serde(flatten)]
    issues: Issues,
    gold_docs: usize,
    docs_with_record: usize,
    gold_quotes: usize,
    gold_direct: usize,
    pred_quotes: usize,
}

impl Report {
    fn new(docs: &[Doc], preds: &Preds, issues: Issues) -> Report {
        Report {
            issues,
            gold_docs: docs.len(),
            docs_with_record: preds.iter().flatten().count(),
            gold_quotes: docs.iter().map(|d| d.gold.len()).sum(),
            gold_direct: docs
                .iter()
                .flat_map(|d| &d.gold)
                .filter(|q| q.direct)
                .count(),
            pred_quotes: preds.iter().flatten().map(Vec::len).sum(),
        }
    }
}

#[cfg(test)]
mod tests;
