//! `whosaid-eval`: accuracy reports against the shared development data, model training,
//! and benchmarks. Not published; run from the repository root, e.g.
//! `cargo run --release -p whosaid-eval -- train-attribution ../shared/data/polnear/train`.

mod bench_search;
mod bench_store;
mod crossval;
mod ner;
mod polnear;
mod pos;
mod score;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "whosaid-eval",
    about = "Accuracy, training and benchmarks for whosaid"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Train the attribution taggers on a PolNeAR split and save them.
    TrainAttribution {
        /// The training split folder (with text/ and attributions/).
        dir: PathBuf,
        /// Passes over the data.
        #[arg(long, default_value_t = 8)]
        epochs: usize,
        /// Where to write the models.
        #[arg(long, default_value = "crates/whosaid-nlp/models")]
        out: PathBuf,
        /// Drop the feature buckets whose weights are all below this in magnitude.
        #[arg(long, default_value_t = whosaid_nlp::attribution::PRUNE)]
        prune: f32,
    },
    /// Prune saved attribution models in place: drop the feature buckets whose weights
    /// are all below `--min` in magnitude (what `train-attribution --prune` does when it
    /// saves), without retraining.
    PruneAttribution {
        /// The folder of attribution-cue.bin and attribution-role.bin.
        #[arg(long, default_value = "crates/whosaid-nlp/models")]
        models: PathBuf,
        /// The threshold.
        #[arg(long, default_value_t = whosaid_nlp::attribution::PRUNE)]
        min: f32,
    },
    /// Judge the attribution taggers by k-fold cross-validation on a training split: each
    /// fold analysed by taggers trained on the others, the out-of-fold records scored
    /// together (per cue bias), so that knobs and features are chosen without dev.
    CrossValidateAttribution(crossval::Args),
    /// Run the attribution taggers over a PolNeAR split and print FORMAT.md-like records
    /// (quotes only) for the evaluators' scorer.
    PredictAttribution {
        /// The split folder (with text/).
        dir: PathBuf,
        /// Added to the score of starting a cue (recall/precision knob); by default the
        /// bias the analysis uses.
        #[arg(long, default_value_t = whosaid_nlp::attribution::CUE_BIAS, allow_negative_numbers = true)]
        cue_bias: f32,
    },
    /// Print each text of DIRs (PolNeAR `*.txt`, WCXB ground-truth `*.json`) as a JSON
    /// line with our tokens, for `tools/silver_pos.py` to tag.
    DumpTokens {
        /// Folders of texts.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Admit the attribution evaluation's held-out folders (PolNeAR dev), for an
        /// `eval-pos` file; `train-pos` refuses such a file.
        #[arg(long)]
        held_out: bool,
    },
    /// Train the part-of-speech tagger on silver tags (from `tools/silver_pos.py`).
    TrainPos {
        /// The silver JSON lines.
        silver: PathBuf,
        /// Passes over the data.
        #[arg(long, default_value_t = whosaid_nlp::pos::TrainOptions::default().epochs)]
        epochs: usize,
        /// Log2 of the number of feature buckets.
        #[arg(long, default_value_t = whosaid_nlp::pos::TrainOptions::default().bits)]
        bits: u32,
        /// Weights smaller than this in magnitude are dropped from the model. A list
        /// (`0.1,0.3`) makes `--holdout` report each; the last one is saved.
        #[arg(long, value_delimiter = ',', default_value = "2.5")]
        min_weight: Vec<f32>,
        /// First train on 90% of the documents and report agreement on the rest.
        #[arg(long)]
        holdout: bool,
        /// Train on everything and write the model here.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Agreement of the part-of-speech tagger with spaCy on a silver file of texts it was
    /// not trained on (e.g. PolNeAR dev, dumped with `--held-out`), and tagging speed.
    EvalPos {
        /// The silver JSON lines.
        silver: PathBuf,
        /// A model file to evaluate instead of the built-in one.
        #[arg(long)]
        model: Option<PathBuf>,
        /// First report size and agreement with the weights smaller than each of these
        /// (`0.5,1,2`) dropped.
        #[arg(long, value_delimiter = ',')]
        min_weight: Vec<f32>,
    },
    /// Train the entity tagger on wikigold and save it.
    TrainNer(ner::TrainArgs),
    /// Entity P/R/F1 on a held-out part of wikigold (or `--speed DIR`, `--show FILE`).
    EvalNer(ner::EvalArgs),
    /// Score FORMAT.md predictions against a PolNeAR split's attributions, as the
    /// evaluators' score_attribution.py does (plus source/cue by kind and --details).
    ScoreAttribution(score::Args),
    /// Run `whosaid extract` over a PolNeAR split's texts and score its records against the
    /// split's attributions, as `score-attribution` does (e.g. `attribution
    /// ../shared/data/polnear/dev --errors errors.txt`).
    Attribution(score::AttributionArgs),
    /// Summarise a PolNeAR split: documents, attributions, spans.
    PolnearStats {
        /// The split folder (with text/ and attributions/).
        dir: PathBuf,
    },
    /// Write a synthetic news corpus (made-up stories in the shape of scraped wire copy,
    /// a third of them reprints in other outlets) for benchmarks: JSON lines with id,
    /// url, date and text, or one .txt file per article.
    GenCorpus {
        /// Number of articles.
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        /// Seed: the same seed gives the same corpus.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where: a .jsonl file (or - for standard output), or a folder for --text.
        #[arg(long, default_value = "-")]
        out: PathBuf,
        /// One .txt file per article in the folder --out, instead of JSON lines.
        #[arg(long)]
        text: bool,
    },
    /// Time searches on a whosaid database: words drawn from its statements, alone and
    /// with a speaker, date or kind filter; prints p50/p90/p99 latency in a Markdown table.
    BenchSearch {
        /// The database.
        db: PathBuf,
        /// Searches of each shape.
        #[arg(long, default_value_t = 500)]
        queries: usize,
        /// Write the searches as `/api/search?…` paths to this file instead of timing
        /// them (for an HTTP load generator).
        #[arg(long)]
        urls: Option<PathBuf>,
    },
    /// Time the store's writer alone: analysis records (`whosaid extract --format jsonl`)
    /// stored into a database in batches, as `whosaid ingest` does.
    BenchStore {
        /// The records, one JSON object a line.
        records: PathBuf,
        /// The database (created if missing).
        db: PathBuf,
        /// Records per transaction.
        #[arg(long, default_value_t = 256)]
        batch: usize,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::TrainAttribution {
            dir,
            epochs,
            out,
            prune,
        } => {
            let docs = polnear::load_split(&dir)?;
            let training: Vec<_> = docs.iter().map(polnear::training_document).collect();
            let started = std::time::Instant::now();
            let model = whosaid_nlp::attribution::train(&training, epochs, |what, epoch, err| {
                eprintln!(
                    "epoch {epoch} {what}: {:.2}% tokens wrong ({:.0?})",
                    err * 100.0,
                    started.elapsed()
                );
            });
            let model = model.pruned(prune);
            std::fs::create_dir_all(&out)?;
            model.save(
                &out.join("attribution-cue.bin"),
                &out.join("attribution-role.bin"),
            )?;
            eprintln!("saved to {}", out.display());
        }
        Command::PruneAttribution { models, min } => {
            let (cue_path, role_path) = (
                models.join("attribution-cue.bin"),
                models.join("attribution-role.bin"),
            );
            let load = |path: &std::path::Path| -> anyhow::Result<whosaid_nlp::perceptron::Model> {
                let bytes = std::fs::read(path)
                    .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
                Ok(whosaid_nlp::perceptron::Model::load(&mut &bytes[..])?)
            };
            let (cue, role) = (load(&cue_path)?, load(&role_path)?);
            let before = (cue.rows_in_use(), role.rows_in_use());
            let pruned = whosaid_nlp::attribution::Attributor::new(cue, role).pruned(min);
            pruned.save(&cue_path, &role_path)?;
            let after = pruned.rows_in_use();
            eprintln!(
                "pruned at {min}: cue rows {} -> {}, role rows {} -> {}",
                before.0, after.0, before.1, after.1
            );
        }
        Command::PredictAttribution { dir, cue_bias } => {
            let docs = polnear::load_split(&dir)?;
            let attributor =
                whosaid_nlp::attribution::Attributor::builtin()?.with_cue_bias(cue_bias);
            let started = std::time::Instant::now();
            for doc in &docs {
                let training = polnear::training_document(doc);
                let prepared = whosaid_nlp::prepare::prepare(&doc.text, None, &training.paragraphs);
                let tagged = attributor.attribute(&doc.text, &prepared);
                let found = whosaid_nlp::quotes::complete(&doc.text, &prepared, tagged);
                let quotes: Vec<_> = found
                    .iter()
                    .map(|a| {
                        let span = |s: whosaid_core::Span| serde_json::json!({"start": s.start, "end": s.end, "text": s.slice(&doc.text)});
                        serde_json::json!({
                            "kind": "indirect",
                            "content": a.content_hull().map(span),
                            "cue": a.cue.map(span),
                            "source": a.source.map(span),
                            "speaker": null,
                        })
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::json!({"path": doc.name, "error": null, "offsets": "input", "quotes": quotes})
                );
            }
            eprintln!("{} documents in {:.2?}", docs.len(), started.elapsed());
        }
        Command::CrossValidateAttribution(args) => crossval::run(&args)?,
        Command::DumpTokens { dirs, held_out } => {
            pos::dump_tokens(&dirs, held_out, &mut std::io::stdout().lock())?
        }
        Command::TrainPos {
            silver,
            epochs,
            bits,
            min_weight,
            holdout,
            out,
        } => pos::train(
            &silver,
            whosaid_nlp::pos::TrainOptions { bits, epochs },
            &min_weight,
            holdout,
            out.as_deref(),
        )?,
        Command::EvalPos {
            silver,
            model,
            min_weight,
        } => pos::eval(&silver, model.as_deref(), &min_weight)?,
        Command::TrainNer(args) => ner::train(args)?,
        Command::EvalNer(args) => ner::eval(args)?,
        Command::ScoreAttribution(args) => score::run(&args)?,
        Command::Attribution(args) => score::run_attribution(&args)?,
        Command::GenCorpus {
            articles,
            seed,
            out,
            text,
        } => gen_corpus(articles, seed, &out, text)?,
        Command::BenchSearch { db, queries, urls } => {
            bench_search::run(&db, queries, urls.as_deref())?
        }
        Command::BenchStore { records, db, batch } => bench_store::run(&records, &db, batch)?,
        Command::PolnearStats { dir } => {
            let docs = polnear::load_split(&dir)?;
            let n: usize = docs.iter().map(|d| d.attributions.len()).sum();
            println!("{} documents, {n} attributions", docs.len());
        }
    }
    Ok(())
}

fn gen_corpus(articles: usize, seed: u64, out: &std::path::Path, text: bool) -> anyhow::Result<()> {
    use std::io::Write;
    let corpus = whosaid_eval::corpus::Corpus::new(seed).take(articles);
    if text {
        std::fs::create_dir_all(out)?;
        for article in corpus {
            std::fs::write(out.join(format!("{}.txt", article.id)), &article.text)?;
        }
        return Ok(());
    }
    let mut sink: Box<dyn Write> = if out == std::path::Path::new("-") {
        Box::new(std::io::BufWriter::new(std::io::stdout().lock()))
    } else {
        Box::new(std::io::BufWriter::new(std::fs::File::create(out)?))
    };
    for article in corpus {
        writeln!(sink, "{}", article.to_jsonl())?;
    }
    sink.flush()?;
    Ok(())
}
