//! Cross-validation of the attribution taggers on a training split.
//!
//! PolNeAR dev is 84 articles, and retraining alone moves its figures by about ±0.5 content
//! F1, so a knob tuned or a feature judged on dev is partly a fit to dev; tuning on train
//! itself is worse, since the models have memorised it (the cue tagger finds train's rare cues
//! because it saw them). Cross-validation gives a held-out judgement from train alone: the
//! articles are dealt into k folds, each fold is analysed by taggers trained on the other
//! k − 1, and the out-of-fold records of all folds (ten times dev's size for PolNeAR train)
//! are scored together against train's annotations. Each fold's records come from the whole
//! analysis, read as `whosaid extract` reads a text file, so they score what users get.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use rayon::prelude::*;
use whosaid_nlp::attribution::Attributor;
use whosaid_read::{Format, Payload, RawInput, ReadOptions, read_document};

use crate::polnear::{self, GoldDocument};
use crate::score;

/// `cross-validate-attribution`: the command-line arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The training split folder (with text/ and attributions/).
    pub dir: PathBuf,
    /// Number of folds; article i (in name order) is held out in fold i mod k.
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Passes over the data when training each fold's taggers.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// Cue biases to score the out-of-fold records at (comma-separated); by default the
    /// bias the analysis uses.
    #[arg(
        long,
        value_delimiter = ',',
        allow_negative_numbers = true,
        default_values_t = [whosaid_nlp::attribution::CUE_BIAS]
    )]
    pub cue_bias: Vec<f32>,
    /// Pruning thresholds to score the fold models at (comma-separated): feature buckets
    /// whose weights are all below it are dropped, as `train-attribution --prune` does.
    #[arg(
        long,
        value_delimiter = ',',
        default_values_t = [whosaid_nlp::attribution::PRUNE]
    )]
    pub prune: Vec<f32>,
    /// Folder for the out-of-fold records, one FORMAT.md JSONL file per bias
    /// (`bias-12.jsonl`), for the evaluators' scorer or `score-attribution --details`.
    #[arg(long, default_value = "target/eval/crossval")]
    pub out: PathBuf,
}

/// Train k fold models, analyse each fold's held-out articles at every bias, and print
/// the headline figures of the out-of-fold records per bias.
pub fn run(args: &Args) -> anyhow::Result<()> {
    anyhow::ensure!(args.folds >= 2, "--folds needs at least 2 folds");
    anyhow::ensure!(
        !args.cue_bias.is_empty(),
        "--cue-bias needs at least one bias"
    );
    let docs = polnear::load_split(&args.dir)?;
    anyhow::ensure!(
        docs.len() >= args.folds,
        "{} has {} articles, fewer than {} folds",
        args.dir.display(),
        docs.len(),
        args.folds
    );
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let started = std::time::Instant::now();

    // One fold's training holds two models of 2^20 buckets; rayon runs as many at once as
    // there are cores.
    let records: Vec<Vec<Vec<String>>> = (0..args.folds)
        .into_par_iter()
        .map(|fold| -> anyhow::Result<Vec<Vec<String>>> {
            let (held_out, training): (Vec<_>, Vec<_>) = docs
                .iter()
                .enumerate()
                .partition(|(i, _)| i % args.folds == fold);
            let training: Vec<_> = training
                .iter()
                .map(|(_, d)| polnear::training_document(d))
                .collect();
            let trained = whosaid_nlp::attribution::train(&training, args.epochs, |_, _, _| {});
            eprintln!(
                "fold {}/{}: trained on {} articles ({:.0?})",
                fold + 1,
                args.folds,
                training.len(),
                started.elapsed()
            );
            // Records by (pruning threshold, bias), in the order of `settings`.
            let mut by_setting = Vec::new();
            for &min in &args.prune {
                let mut attributor = trained.pruned(min);
                for &bias in &args.cue_bias {
                    attributor.set_cue_bias(bias);
                    by_setting.push(
                        held_out
                            .iter()
                            .map(|(_, doc)| record_line(&args.dir, doc, &attributor))
                            .collect(),
                    );
                }
            }
            Ok(by_setting)
        })
        .collect::<anyhow::Result<_>>()?;

    println!(
        "| prune | cue bias | content P | content R | content F1 | direct F1 | indirect F1 | source exact F1 | cue exact F1 | e2e F1 |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let settings = args
        .prune
        .iter()
        .flat_map(|&min| args.cue_bias.iter().map(move |&bias| (min, bias)));
    for (b, (min, bias)) in settings.enumerate() {
        // One threshold: the files are named by bias alone, as before thresholds existed.
        let name = if args.prune.len() == 1 {
            format!("bias-{bias}.jsonl")
        } else {
            format!("prune-{min}-bias-{bias}.jsonl")
        };
        let path = args.out.join(name);
        let file = std::fs::File::create(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let mut out = std::io::BufWriter::new(file);
        for fold in &records {
            for line in &fold[b] {
                writeln!(out, "{line}")?;
            }
        }
        out.flush()?;
        let h = score::headline(&args.dir, &path)?;
        println!(
            "| {min} | {bias} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |",
            h.content_p,
            h.content_r,
            h.content_f1,
            h.direct_f1,
            h.indirect_f1,
            h.source_exact_f1,
            h.cue_exact_f1,
            h.e2e_f1
        );
    }
    eprintln!(
        "{} folds of {} articles, out-of-fold records in {} ({:.0?})",
        args.folds,
        docs.len(),
        args.out.display(),
        started.elapsed()
    );
    Ok(())
}

/// The FORMAT.md record of one held-out article, read as `whosaid extract` reads a text
/// file and analysed with the fold's taggers.
fn record_line(dir: &Path, doc: &GoldDocument, attributor: &Attributor) -> String {
    let path = dir.join("text").join(&doc.name);
    let raw = RawInput::new(
        path.to_string_lossy(),
        Format::Text,
        Payload::Bytes(doc.text.clone().into_bytes()),
    );
    let record = match read_document(raw, &ReadOptions::default()) {
        Ok(document) => {
            let mut record = whosaid_core::Record::of_document(&document);
            whosaid_nlp::analyze_with(&document, attributor).fill(&mut record);
            record
        }
        Err(error) => whosaid_core::Record::failed(path.to_string_lossy(), error),
    };
    serde_json::to_string(&record).expect("a record serialises")
}
