//! The parallel, ordered, memory-bounded run that every command shares: inputs are read
//! on one thread, analysed on all cores, and handed back in input order.
//!
//! Inputs arrive in batches of at most [`BATCH_DOCUMENTS`] documents or
//! [`BATCH_BYTES`] bytes. While the worker threads analyse one batch, the reading thread
//! prepares the next, and at most [`BATCHES_AHEAD`] batches wait: memory is bounded by a
//! few batches however many documents stream through, and the output order is the input
//! order because each batch is collected in order.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::sync_channel;

use rayon::prelude::*;
use whosaid_core::Record;
use whosaid_read::{Failure, Inputs, Payload, RawInput, ReadOptions, read_document};

/// Documents per batch: enough to keep every core busy between two hand-overs.
const BATCH_DOCUMENTS: usize = 256;
/// Raw bytes per batch, so that a batch of large pages does not grow without bound.
const BATCH_BYTES: usize = 32 * 1024 * 1024;
/// Batches read ahead of the one being analysed.
const BATCHES_AHEAD: usize = 2;

/// Totals of one run, for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Documents that became a record without error.
    pub read: u64,
    /// Documents whose record carries an error.
    pub failed: u64,
    /// Documents read with a warning.
    pub warned: u64,
    /// Container records passed over (not articles).
    pub skipped: u64,
    /// Files passed over in directory walks and globs (images, stylesheets, hidden files).
    pub skipped_files: u64,
}

impl Totals {
    /// The line printed on stderr at the end of a run: `N read, M failed`, then what
    /// else is worth knowing.
    pub fn summary(&self) -> String {
        let mut line = format!("{} read, {} failed", self.read, self.failed);
        if self.warned > 0 {
            line.push_str(&format!(", {} with warnings", self.warned));
        }
        if self.skipped > 0 {
            line.push_str(&format!(
                ", {} skipped (not HTML responses)",
                plural(self.skipped, "archive record", "archive records")
            ));
        }
        if self.skipped_files > 0 {
            line.push_str(&format!(
                ", {} passed over in directories (hidden, or not documents by their name)",
                plural(self.skipped_files, "file", "files")
            ));
        }
        line
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Read every document under `paths`, turn each into a record with `analyse`, and hand
/// the records to `sink` in input order. Returns the totals.
///
/// `analyse` runs on all cores; `sink` runs on the calling thread. A document whose
/// reading or analysis panics becomes an error record: one bad page never ends a run.
pub fn run<A, S>(
    paths: Vec<String>,
    options: ReadOptions,
    analyse: A,
    sink: S,
) -> std::io::Result<Totals>
where
    A: Fn(whosaid_core::Document) -> Record + Sync,
    S: FnMut(Record) -> std::io::Result<()>,
{
    run_counting(paths, options, analyse, sink, None)
}

/// [`run`], adding the bytes of every input read to `bytes_read` as it goes (for a
/// progress bar's MB/s).
pub fn run_counting<A, S>(
    paths: Vec<String>,
    options: ReadOptions,
    analyse: A,
    mut sink: S,
    bytes_read: Option<Arc<AtomicU64>>,
) -> std::io::Result<Totals>
where
    A: Fn(whosaid_core::Document) -> Record + Sync,
    S: FnMut(Record) -> std::io::Result<()>,
{
    let inputs = Inputs::new(paths, options.clone());
    let stats = inputs.stats();
    let (sender, receiver) = sync_channel::<Vec<Result<RawInput, Failure>>>(BATCHES_AHEAD);
    let reader = std::thread::Builder::new()
        .name("whosaid-read".into())
        .spawn(move || {
            let mut batch = Vec::with_capacity(BATCH_DOCUMENTS);
            let mut bytes = 0;
            for item in inputs {
                let size = match &item {
                    Ok(raw) => payload_len(&raw.payload),
                    Err(_) => 0,
                };
                bytes += size;
                if let Some(counter) = &bytes_read {
                    counter.fetch_add(size as u64, Ordering::Relaxed);
                }
                batch.push(item);
                if batch.len() >= BATCH_DOCUMENTS || bytes >= BATCH_BYTES {
                    if sender.send(std::mem::take(&mut batch)).is_err() {
                        return; // the consumer stopped (output closed): stop reading.
                    }
                    bytes = 0;
                }
            }
            if !batch.is_empty() {
                let _ = sender.send(batch);
            }
        })?;

    let mut totals = Totals::default();
    let mut outcome = Ok(());
    for batch in receiver {
        let records: Vec<Record> = batch
            .into_par_iter()
            .map(|item| record_of(item, &options, &analyse))
            .collect();
        for record in records {
            if record.error.is_some() {
                totals.failed += 1;
            } else {
                totals.read += 1;
                if !record.warnings.is_empty() {
                    totals.warned += 1;
                }
            }
            if let Err(e) = sink(record) {
                outcome = Err(e);
                break;
            }
        }
        if outcome.is_err() {
            break;
        }
    }
    // Dropping the receiver (above, when the loop ends) lets the reader thread finish.
    let _ = reader.join();
    totals.skipped = stats.skipped();
    totals.skipped_files = stats.skipped_files();
    outcome.map(|()| totals)
}

fn payload_len(payload: &Payload) -> usize {
    match payload {
        Payload::Bytes(b) => b.len(),
        Payload::Text(t) => t.len(),
    }
}

/// One raw input to its record, with panics turned into error records.
fn record_of<A>(item: Result<RawInput, Failure>, options: &ReadOptions, analyse: &A) -> Record
where
    A: Fn(whosaid_core::Document) -> Record,
{
    let raw = match item {
        Ok(raw) => raw,
        Err(failure) => return Record::failed(failure.path, failure.error),
    };
    let path = raw.path.clone();
    whosaid_core::catch_document_panic(|| match read_document(raw, options) {
        Ok(doc) => analyse(doc),
        Err(error) => Record::failed(path.as_str(), error),
    })
    .unwrap_or_else(|error| Record::failed(path, error))
}
