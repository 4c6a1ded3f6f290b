//! The part-of-speech tagger's silver data, training and agreement report.
//!
//! We have no gold part-of-speech data, so spaCy's `en_core_web_sm` labels unlabelled news
//! for us ("silver" labels) and our tagger learns to agree with it. The round trip keeps
//! our tokenization authoritative:
//!
//! 1. `dump-tokens DIR...` prints each document with *our* tokens (byte spans, from
//!    [`whosaid_nlp::prepare::prepare`], one paragraph per non-empty line);
//! 2. `tools/silver_pos.py` runs spaCy over the same paragraphs and gives every one of our
//!    tokens a Penn tag;
//! 3. `train-pos SILVER.jsonl` re-prepares each text, checks that the tokens are the same,
//!    and trains (`--holdout` first reports agreement on a tenth of the documents);
//! 4. `eval-pos SILVER.jsonl` reports a model's agreement with spaCy on a silver file
//!    made from texts no model was trained on.
//!
//! PolNeAR's dev split is the attribution evaluation's held-out set: `dump-tokens` refuses
//! it unless asked for `--held-out` (a file for `eval-pos` only), and `train-pos` refuses
//! any silver file that contains it.
//!
//! The committed model (`crates/whosaid-nlp/models/pos.bin`, 2.1 MB) was made so, spaCy
//! 3.8 with `en_core_web_sm` 3.8.0 (`E=target/release/whosaid-eval`):
//!
//! ```text
//! $E dump-tokens ../shared/data/polnear/train/text ../shared/data/wcxb-dev-articles/ground-truth \
//!     > target/silver/tokens.jsonl     # 1550 documents, 2,287,594 tokens
//! python tools/silver_pos.py < target/silver/tokens.jsonl > target/silver/pos.jsonl
//! $E dump-tokens --held-out ../shared/data/polnear/dev/text > target/silver/dev-tokens.jsonl
//! python tools/silver_pos.py < target/silver/dev-tokens.jsonl > target/silver/dev-pos.jsonl
//! $E train-pos target/silver/pos.jsonl --bits 18 --epochs 8 --min-weight 2.5 \
//!     --out crates/whosaid-nlp/models/pos.bin
//! $E eval-pos target/silver/dev-pos.jsonl --model crates/whosaid-nlp/models/pos.bin
//! ```

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use whosaid_core::Span;
use whosaid_nlp::pos::{PosTagger, Tag, TaggedDocument, TrainOptions};
use whosaid_nlp::prepare::prepare;

/// Paths that hold the attribution evaluation's held-out texts: tagging them would leak
/// the development set into a model the attribution taggers read.
const HELD_OUT: &[&str] = &["polnear/dev", "polnear-dev"];

/// True when `path` lies in one of the [`HELD_OUT`] folders.
fn is_held_out(path: &str) -> bool {
    let shown = path.replace('\\', "/");
    HELD_OUT.iter().any(|h| shown.contains(h))
}

/// One paragraph per non-empty line, trimmed: how the PolNeAR and WCXB texts are laid out.
pub fn line_paragraphs(text: &str) -> Vec<Span> {
    let mut paragraphs = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let span = Span::new(offset, offset + line.len()).trim(text);
        if !span.is_empty() {
            paragraphs.push(span);
        }
        offset += line.len();
    }
    paragraphs
}

/// A line of `dump-tokens`' output.
#[derive(Debug, Serialize)]
struct TokenDump<'a> {
    doc: &'a str,
    text: &'a str,
    paragraphs: Vec<[usize; 2]>,
    tokens: Vec<[usize; 2]>,
}

/// A line of the silver file: a dump line with one Penn tag per token.
#[derive(Debug, Deserialize)]
struct SilverLine {
    doc: String,
    text: String,
    tokens: Vec<[usize; 2]>,
    tags: Vec<String>,
}

/// The texts of `dir`: PolNeAR `*.txt` files as they are, WCXB `*.json` ground truths by
/// their `main_content`. Sorted by file name so every run sees the same order.
fn texts_of(dir: &Path, held_out: bool) -> anyhow::Result<Vec<(String, String)>> {
    if !held_out && is_held_out(&dir.to_string_lossy()) {
        bail!(
            "{} holds evaluation texts for attribution; silver data must not include them",
            dir.display()
        );
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "json")))
        .collect();
    paths.sort();
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        let raw = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let text = if path.extension().is_some_and(|e| e == "json") {
            let value: serde_json::Value = serde_json::from_str(&raw)
                .with_context(|| format!("{} is not JSON", path.display()))?;
            match value["ground_truth"]["main_content"].as_str() {
                Some(body) => body.to_owned(),
                None => {
                    eprintln!("{}: no ground_truth.main_content, skipped", path.display());
                    continue;
                }
            }
        } else {
            raw
        };
        out.push((path.to_string_lossy().into_owned(), text));
    }
    Ok(out)
}

/// `dump-tokens`: every document of `dirs` as one JSON line with our tokens; `held_out`
/// admits the held-out folders (for an `eval-pos` file, never for training).
pub fn dump_tokens(dirs: &[PathBuf], held_out: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let (mut docs, mut tokens) = (0usize, 0usize);
    for dir in dirs {
        for (doc, text) in texts_of(dir, held_out)? {
            let paragraphs = line_paragraphs(&text);
            let prepared = prepare(&text, None, &paragraphs);
            let spans: Vec<[usize; 2]> = prepared
                .blocks
                .iter()
                .flat_map(|b| b.tokens.iter().map(|t| [t.span.start, t.span.end]))
                .collect();
            tokens += spans.len();
            docs += 1;
            let line = TokenDump {
                doc: &doc,
                text: &text,
                paragraphs: paragraphs.iter().map(|p| [p.start, p.end]).collect(),
                tokens: spans,
            };
            serde_json::to_writer(&mut *out, &line)?;
            out.write_all(b"\n")?;
        }
    }
    eprintln!("{docs} documents, {tokens} tokens");
    Ok(())
}

/// Read a silver file into training documents; a document whose tokens are no longer ours
/// (the tokenizer changed since the dump) is an error: regenerate the silver data.
fn load_silver(path: &Path) -> anyhow::Result<Vec<(String, TaggedDocument)>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut docs = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let silver: SilverLine = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a silver line", path.display(), n + 1))?;
        if silver.tags.len() != silver.tokens.len() {
            bail!(
                "{}: {} tokens but {} tags",
                silver.doc,
                silver.tokens.len(),
                silver.tags.len()
            );
        }
        let prepared = prepare(&silver.text, None, &line_paragraphs(&silver.text));
        let mut tags = Vec::with_capacity(prepared.blocks.len());
        let mut k = 0;
        for block in &prepared.blocks {
            let mut block_tags = Vec::with_capacity(block.len());
            for token in &block.tokens {
                let Some(&[start, end]) = silver.tokens.get(k) else {
                    bail!(
                        "{}: fewer silver tokens than ours; regenerate the silver data",
                        silver.doc
                    );
                };
                if token.span != Span::new(start, end) {
                    bail!(
                        "{}: token {k} is {:?} here but {start}..{end} in the silver data; \
                         regenerate the silver data",
                        silver.doc,
                        token.span
                    );
                }
                block_tags.push(Tag::from_penn(&silver.tags[k]));
                k += 1;
            }
            tags.push(block_tags);
        }
        if k != silver.tokens.len() {
            bail!(
                "{}: more silver tokens than ours; regenerate the silver data",
                silver.doc
            );
        }
        docs.push((
            silver.doc,
            TaggedDocument {
                text: silver.text,
                prepared,
                tags,
            },
        ));
    }
    Ok(docs)
}

/// Coarse classes for the verb/noun confusion.
fn class(tag: Tag) -> usize {
    if tag.is_verb() {
        0
    } else if tag.is_noun() {
        1
    } else {
        2
    }
}

/// Token agreement in one line.
fn agreement(tagger: &PosTagger, docs: &[&TaggedDocument]) -> String {
    let (mut right, mut total) = (0usize, 0usize);
    for doc in docs {
        for (block, gold) in doc.prepared.blocks.iter().zip(&doc.tags) {
            let predicted = tagger.tag(block, &doc.text);
            right += gold.iter().zip(&predicted).filter(|(g, p)| g == p).count();
            total += gold.len();
        }
    }
    format!(
        "agreement {:.2}% of {total} tokens",
        100.0 * right as f64 / total.max(1) as f64
    )
}

/// How often `tagger` agrees with the silver tags of `docs`, printed.
fn report(tagger: &PosTagger, docs: &[&TaggedDocument]) {
    let n = Tag::ALL.len();
    let mut confusion = vec![0usize; n * n];
    let mut classes = [[0usize; 3]; 3];
    let (mut words, mut words_right) = (0usize, 0usize);
    for doc in docs {
        for (block, gold) in doc.prepared.blocks.iter().zip(&doc.tags) {
            let predicted = tagger.tag(block, &doc.text);
            for ((g, p), token) in gold.iter().zip(&predicted).zip(&block.tokens) {
                confusion[*g as usize * n + *p as usize] += 1;
                classes[class(*g)][class(*p)] += 1;
                if token.is_wordlike() {
                    words += 1;
                    words_right += usize::from(g == p);
                }
            }
        }
    }
    let total: usize = confusion.iter().sum();
    let right: usize = (0..n).map(|t| confusion[t * n + t]).sum();
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "agreement with spaCy: {:.2}% of {total} tokens, {:.2}% of {words} words and numbers",
        pct(right, total),
        pct(words_right, words)
    );
    let (mut verbs_exact, mut verbs_total) = (0usize, 0usize);
    for tag in Tag::ALL.into_iter().filter(|t| t.is_verb()) {
        let t = tag as usize;
        verbs_exact += confusion[t * n + t];
        verbs_total += (0..n).map(|p| confusion[t * n + p]).sum::<usize>();
    }
    println!(
        "spaCy verbs (VB*/MD, {verbs_total} tokens): {:.2}% same tag, {:.2}% tagged a verb",
        pct(verbs_exact, verbs_total),
        pct(classes[0][0], verbs_total)
    );
    let names = ["verb", "noun", "other"];
    println!("coarse confusion (rows spaCy, columns ours): verb = VB*/MD, noun = NN*");
    println!("{:>8} {:>9} {:>9} {:>9}", "", names[0], names[1], names[2]);
    for (g, row) in classes.iter().enumerate() {
        println!("{:>8} {:>9} {:>9} {:>9}", names[g], row[0], row[1], row[2]);
    }
    let verbs: usize = classes[0].iter().sum();
    let nouns: usize = classes[1].iter().sum();
    println!(
        "spaCy verbs we call nouns: {:.2}%; spaCy nouns we call verbs: {:.2}%",
        pct(classes[0][1], verbs),
        pct(classes[1][0], nouns)
    );
    println!("per tag (spaCy count, recall, precision):");
    for tag in Tag::ALL {
        let t = tag as usize;
        let gold: usize = (0..n).map(|p| confusion[t * n + p]).sum();
        let predicted: usize = (0..n).map(|g| confusion[g * n + t]).sum();
        println!(
            "  {:<6} {:>8} {:>7.2}% {:>7.2}%",
            tag.name(),
            gold,
            pct(confusion[t * n + t], gold),
            pct(confusion[t * n + t], predicted)
        );
    }
}

/// `train-pos`: with `holdout`, train on nine documents in ten and report agreement on
/// the tenth for each pruning threshold of `min_weights`; then (with `out`) train on
/// everything and save, pruned with the last threshold.
pub fn train(
    silver: &Path,
    options: TrainOptions,
    min_weights: &[f32],
    holdout: bool,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    let docs = load_silver(silver)?;
    if let Some((doc, _)) = docs.iter().find(|(doc, _)| is_held_out(doc)) {
        bail!("{doc} is a held-out text: train on a silver file without them");
    }
    let tokens: usize = docs
        .iter()
        .map(|(_, d)| d.tags.iter().map(Vec::len).sum::<usize>())
        .sum();
    eprintln!("{} documents, {tokens} tokens", docs.len());
    let started = std::time::Instant::now();
    let progress = |epoch: usize, wrong: f64| {
        eprintln!(
            "epoch {epoch}: {:.2}% tokens wrong ({:.0?})",
            wrong * 100.0,
            started.elapsed()
        );
    };
    if holdout {
        // Every tenth document by name order (the file's order) is held out: the split
        // mixes both corpora and every publisher.
        let (train, test): (Vec<_>, Vec<_>) =
            docs.iter().enumerate().partition(|(i, _)| i % 10 != 9);
        let train: Vec<&TaggedDocument> = train.into_iter().map(|(_, (_, d))| d).collect();
        let test: Vec<&TaggedDocument> = test.into_iter().map(|(_, (_, d))| d).collect();
        eprintln!(
            "holdout: training on {} documents, testing on {}",
            train.len(),
            test.len()
        );
        let full = whosaid_nlp::pos::train(&train, options, progress);
        for (k, &min_weight) in min_weights.iter().enumerate() {
            let tagger = full.pruned(min_weight);
            let mut bytes = Vec::new();
            tagger.save(&mut bytes)?;
            println!(
                "weights below {min_weight} dropped: model {} bytes, {}",
                bytes.len(),
                agreement(&tagger, &test)
            );
            if k + 1 == min_weights.len() {
                report(&tagger, &test);
            }
        }
    }
    if let Some(out) = out {
        let all: Vec<&TaggedDocument> = docs.iter().map(|(_, d)| d).collect();
        let min_weight = min_weights.last().copied().unwrap_or(0.0);
        let tagger = whosaid_nlp::pos::train(&all, options, progress).pruned(min_weight);
        let mut bytes = Vec::new();
        tagger.save(&mut bytes)?;
        std::fs::write(out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
        eprintln!("saved {} bytes to {}", bytes.len(), out.display());
    }
    Ok(())
}

/// `eval-pos`: agreement of a model (the built-in one unless `model` is given) with the
/// silver tags of `silver`, and its tagging speed over those texts; `min_weights` first
/// reports the size and agreement of the model pruned at each threshold.
pub fn eval(silver: &Path, model: Option<&Path>, min_weights: &[f32]) -> anyhow::Result<()> {
    let docs = load_silver(silver)?;
    let loaded;
    let tagger = match model {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            loaded = PosTagger::load(&bytes)
                .with_context(|| format!("{} is not a part-of-speech model", path.display()))?;
            &loaded
        }
        None => PosTagger::builtin(),
    };
    let docs: Vec<&TaggedDocument> = docs.iter().map(|(_, d)| d).collect();
    println!("{} documents", docs.len());
    for &min_weight in min_weights {
        let pruned = tagger.pruned(min_weight);
        let mut bytes = Vec::new();
        pruned.save(&mut bytes)?;
        println!(
            "weights below {min_weight} dropped: model {} bytes, {}",
            bytes.len(),
            agreement(&pruned, &docs)
        );
    }
    report(tagger, &docs);
    // The report has tagged everything once (model loaded, pages warm): time one more
    // pass of tagging alone.
    let mut tokens = 0usize;
    let started = std::time::Instant::now();
    for doc in &docs {
        for block in &doc.prepared.blocks {
            tokens += tagger.tag(block, &doc.text).len();
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "tagging: {:.0} tokens/s on one core ({tokens} tokens in {elapsed:.3} s)",
        tokens as f64 / elapsed.max(1e-9)
    );
    Ok(())
}
