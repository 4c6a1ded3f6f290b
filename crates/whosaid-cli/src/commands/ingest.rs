//! `whosaid ingest`: read, analyse and store articles in the database.
//!
//! The shared pipeline reads and analyses on all cores; this thread writes, one
//! transaction per batch. An article already stored (same content) is not analysed again,
//! so a repeated ingest is quick and changes nothing, and an ingest killed at any point
//! resumes where its last committed batch ended.

use std::cell::RefCell;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use whosaid_core::{Document, Record};
use whosaid_store::{Added, Store, WriteLock};

use crate::commands::{DbArg, InputArgs};
use crate::pipeline;

/// Arguments of `whosaid ingest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,

    #[command(flatten)]
    db: DbArg,

    /// If another ingest is writing to the database, wait for it to finish instead of
    /// stopping.
    #[arg(long)]
    wait: bool,

    /// When done, print who said what: the speakers with the most statements in the
    /// database and their statements.
    #[arg(long)]
    print: bool,

    /// Documents written per transaction: large enough that commits cost little, small
    /// enough that a killed ingest redoes little.
    #[arg(long, value_name = "N", default_value_t = 256)]
    commit_every: usize,

    /// Never draw the progress bar (it is drawn only when standard error is a terminal).
    #[arg(long, short)]
    quiet: bool,
}

thread_local! {
    /// Each worker's own read-only connection, to skip articles already stored.
    static STORED: RefCell<Option<Store>> = const { RefCell::new(None) };
}

/// Run `whosaid ingest`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    crate::commands::configure_threads(args.input.threads)?;
    let db = args.db.path();
    let lock = WriteLock::acquire(&db, args.wait)?;
    let mut store = Store::open(&db)?;
    let run_id = store.begin_ingest(&args.input.paths)?;

    let bytes_read = Arc::new(AtomicU64::new(0));
    let progress = Progress::start(&args.input.paths, args.quiet, Arc::clone(&bytes_read));
    anyhow::ensure!(args.commit_every > 0, "--commit-every must be at least 1");
    let commit_every = args.commit_every;
    let mut pending: Vec<Record> = Vec::with_capacity(commit_every);
    let mut counts = Counts::default();
    let db_for_workers = db.clone();
    let totals = pipeline::run_counting(
        args.input.paths.clone(),
        args.input.read_options(),
        move |doc| analyse_unless_stored(doc, &db_for_workers),
        |record| {
            pending.push(record);
            if pending.len() >= commit_every {
                write(&mut store, &mut pending, &mut counts, &progress)?;
            }
            Ok(())
        },
        Some(bytes_read),
    )?;
    write(&mut store, &mut pending, &mut counts, &progress)?;
    progress.finish();
    store.finish_ingest(run_id, counts.added, counts.duplicates, counts.failed)?;
    drop(lock);

    let mut line = format!(
        "{} added, {} already stored, {} failed",
        counts.added, counts.duplicates, counts.failed
    );
    if counts.failed > 0 {
        line.push_str(" (`whosaid errors` lists why)");
    }
    if totals.skipped > 0 || totals.skipped_files > 0 {
        line.push_str(&format!(
            "; {} container records and {} files passed over",
            totals.skipped, totals.skipped_files
        ));
    }
    eprintln!("{line}; database {}", db.display());
    let held: Vec<String> = store
        .counts()?
        .iter()
        .map(|(what, n)| format!("{n} {what}"))
        .collect();
    eprintln!("it now holds {}", held.join(", "));
    if args.print {
        crate::commands::speakers::print_who_said_what(&store, 20, 8)?;
    }
    Ok(if counts.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The record of a document: analysed, unless its content is already in the database —
/// then only read (the writer will see it is a duplicate and leave it).
fn analyse_unless_stored(doc: Document, db: &Path) -> Record {
    let stored = STORED.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            *cell = Store::open_read_only(db).ok();
            if let Some(store) = cell.as_ref() {
                // Keys only: keep resident memory flat as the database grows.
                let _ = store.set_memory_map(0);
            }
        }
        cell.as_ref()
            .and_then(|store| {
                let location = doc.meta.url.as_deref().unwrap_or(&doc.path);
                store.contains(&doc.content_id(), location).ok()
            })
            .unwrap_or(false)
    });
    if stored {
        Record::of_document(&doc)
    } else {
        whosaid_nlp::record_of(&doc)
    }
}

#[derive(Debug, Default)]
struct Counts {
    added: u64,
    duplicates: u64,
    failed: u64,
    quotes: u64,
}

fn write(
    store: &mut Store,
    pending: &mut Vec<Record>,
    counts: &mut Counts,
    progress: &Progress,
) -> std::io::Result<()> {
    if pending.is_empty() {
        return Ok(());
    }
    let outcomes = store
        .add_batch(pending.iter())
        .map_err(std::io::Error::other)?;
    for outcome in outcomes {
        match outcome {
            Added::Article { quotes, .. } => {
                counts.added += 1;
                counts.quotes += quotes as u64;
            }
            Added::Duplicate => counts.duplicates += 1,
            Added::Failed => counts.failed += 1,
        }
    }
    progress.update(pending.len() as u64, counts);
    pending.clear();
    Ok(())
}

/// The progress bar on standard error: documents, documents/s, MB/s, errors and, when
/// the inputs' size is known beforehand (plain files, nothing compressed), how far along
/// and the time left.
struct Progress {
    bar: ProgressBar,
    bytes_read: Arc<AtomicU64>,
    sized: bool,
    documents: AtomicU64,
}

impl Progress {
    fn start(paths: &[String], quiet: bool, bytes_read: Arc<AtomicU64>) -> Progress {
        let total = if quiet || !std::io::stderr().is_terminal() {
            None
        } else {
            total_bytes(paths)
        };
        let bar = match total {
            Some(total) => ProgressBar::new(total),
            None => ProgressBar::no_length(),
        };
        let draw = if quiet {
            ProgressDrawTarget::hidden()
        } else {
            // Hidden by indicatif itself when standard error is not a terminal.
            ProgressDrawTarget::stderr()
        };
        bar.set_draw_target(draw);
        let template = if total.is_some() {
            "{spinner} [{elapsed_precise}] {wide_bar} {percent}% · {msg} · ETA {eta}"
        } else {
            "{spinner} [{elapsed_precise}] {msg}"
        };
        bar.set_style(
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress {
            bar,
            bytes_read,
            sized: total.is_some(),
            documents: AtomicU64::new(0),
        }
    }

    fn update(&self, documents: u64, counts: &Counts) {
        let done = self.documents.fetch_add(documents, Ordering::Relaxed) + documents;
        let bytes = self.bytes_read.load(Ordering::Relaxed);
        let seconds = self.bar.elapsed().as_secs_f64().max(1e-3);
        if self.sized {
            self.bar.set_position(bytes);
        }
        self.bar.set_message(format!(
            "{done} documents ({:.0}/s, {:.1} MB/s) · {} added, {} already stored, {} errors · {} quotations",
            done as f64 / seconds,
            bytes as f64 / 1e6 / seconds,
            counts.added,
            counts.duplicates,
            counts.failed,
            counts.quotes,
        ));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The bytes under `paths` when all are plain, uncompressed files or directories of them;
/// `None` otherwise (standard input, globs, gzip: sizes that say nothing beforehand).
fn total_bytes(paths: &[String]) -> Option<u64> {
    let mut total = 0;
    for path in paths {
        let path = PathBuf::from(path);
        let meta = std::fs::metadata(&path).ok()?;
        let files: Box<dyn Iterator<Item = (PathBuf, u64)>> = if meta.is_dir() {
            Box::new(
                walkdir::WalkDir::new(&path)
                    .into_iter()
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_file())
                    .filter_map(|e| Some((e.path().to_path_buf(), e.metadata().ok()?.len()))),
            )
        } else {
            Box::new(std::iter::once((path, meta.len())))
        };
        for (file, size) in files {
            if file.extension().is_some_and(|e| e == "gz") {
                return None;
            }
            total += size;
        }
    }
    Some(total)
}
