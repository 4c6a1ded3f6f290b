//! Entity recognition: train the tagger on wikigold (`train-ner`), measure it on a
//! held-out part of wikigold and its speed on news text (`eval-ner`).
//!
//! wikigold (Balasuriya et al. 2009, CC-BY 4.0) is CoNLL-formatted Wikipedia text with
//! IOB1 tags for PER, ORG, LOC and MISC. Each document becomes a text whose sentences are
//! paragraphs, tokens joined by spaces; a possessive `'s` is glued back to its word, as
//! news prints it and as our tokenizer keeps it. Entities are compared as exact byte spans.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use whosaid_core::{EntityType, Span};
use whosaid_nlp::entities::{self, NerDocument, NerLabel, Tagger};
use whosaid_nlp::prepare::prepare;

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
    /// Share of documents (from the start) to train on; the rest is evaluated.
    #[arg(long, default_value_t = 0.8)]
    train_share: f64,
    /// Passes over the training part.
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// log2 of the feature table size.
    #[arg(long, default_value_t = entities::DEFAULT_BITS)]
    bits: u32,
    /// Weights smaller than this are dropped, as `train-ner` does before saving.
    #[arg(long, default_value_t = 0.05)]
    prune: f32,
    /// Print every miss and false alarm of the full recognizer.
    #[arg(long)]
    details: bool,
    /// Instead: time the built-in recognizer over the `.txt` files of this folder
    /// (e.g. ../shared/data/polnear/train/text).
    #[arg(long, value_name = "DIR")]
    speed: Option<PathBuf>,
    /// Instead: print the built-in recognizer's mentions in this text file (paragraphs
    /// are its non-empty lines).
    #[arg(long, value_name = "FILE")]
    show: Option<PathBuf>,
}

/// `train-ner`: train on all of wikigold and save the model.
pub fn train(args: TrainArgs) -> anyhow::Result<()> {
    let docs = load_wikigold(&args.conll)?;
    let tagger = fit(&docs, args.epochs, args.bits);
    let mut bytes = Vec::new();
    tagger.save(&mut bytes, args.prune)?;
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "saved {} ({} KB) from {} documents",
        args.out.display(),
        bytes.len() / 1024,
        docs.len()
    );
    Ok(())
}

/// `eval-ner`: train on the first part of wikigold, report entity P/R/F1 on the rest.
pub fn eval(args: EvalArgs) -> anyhow::Result<()> {
    if let Some(dir) = &args.speed {
        return speed(dir);
    }
    if let Some(file) = &args.show {
        return show(file);
    }
    let docs = load_wikigold(&args.conll)?;
    let cut = ((docs.len() as f64) * args.train_share).round() as usize;
    let (train_docs, test_docs) = docs.split_at(cut.min(docs.len()));
    let tagger = fit(train_docs, args.epochs, args.bits);
    // Evaluate what would be saved: the pruned model.
    let mut bytes = Vec::new();
    tagger.save(&mut bytes, args.prune)?;
    let tagger = Tagger::load(&bytes)?;
    println!(
        "wikigold: trained on {} documents, evaluated on {} (model {} KB)",
        train_docs.len(),
        test_docs.len(),
        bytes.len() / 1024
    );
    let mut tagger_score = Score::default();
    let mut full_score = Score::default();
    for doc in test_docs {
        let prepared = prepare(&doc.text, None, &doc.paragraphs);
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
        let gold3: Vec<(Span, &str)> = gold.iter().filter(|g| g.1 != "MISC").copied().collect();
        let found: Vec<(Span, &str)> = entities::recognize_with(&tagger, &doc.text, &prepared)
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
        full_score.add(&doc.text, &gold3, &found, args.details);
    }
    println!("\ntagger alone (exact entity spans):");
    tagger_score.print(&["PER", "ORG", "LOC", "MISC"]);
    println!("\nrecognizer (tagger + lexicons + rules; MISC dropped):");
    full_score.print(&["PER", "ORG", "LOC"]);
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
