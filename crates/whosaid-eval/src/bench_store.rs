//! The writer alone: `whosaid-eval bench-store RECORDS.jsonl DB`.
//!
//! Reads analysis records (`whosaid extract --format jsonl` output) into memory, then
//! stores them into the database with `Store::add_batch`, `batch` records per
//! transaction (256, as `whosaid ingest` does), and prints the time spent in
//! `add_batch` alone. Without the analysis in the way, a profile or an instruction count
//! of this run (`valgrind --tool=callgrind --toggle-collect='*store_all*'`) is the store's
//! own cost per article.

use std::io::BufRead;
use std::path::Path;
use std::time::{Duration, Instant};

use whosaid_store::{Record, Store};

pub fn run(records: &Path, db: &Path, batch: usize) -> anyhow::Result<()> {
    anyhow::ensure!(batch > 0, "--batch must be at least 1");
    let file = std::io::BufReader::new(std::fs::File::open(records)?);
    let mut all = Vec::new();
    for line in file.lines() {
        let line = line?;
        if !line.trim().is_empty() {
            all.push(serde_json::from_str::<Record>(&line)?);
        }
    }
    let mut store = Store::open(db)?;
    let writing = store_all(&mut store, &all, batch)?;
    let seconds = writing.as_secs_f64();
    println!(
        "{} records stored in {:.3} s of add_batch (wall): {:.3} ms per record",
        all.len(),
        seconds,
        seconds * 1e3 / all.len().max(1) as f64
    );
    Ok(())
}

/// The timed part, kept out of line so that a profiler can count it alone
/// (`--toggle-collect='*store_all*'`).
#[inline(never)]
fn store_all(store: &mut Store, records: &[Record], batch: usize) -> anyhow::Result<Duration> {
    let mut writing = Duration::ZERO;
    for chunk in records.chunks(batch) {
        let start = Instant::now();
        store.add_batch(chunk)?;
        writing += start.elapsed();
    }
    Ok(writing)
}
