//! Paths to raw inputs: files, directories, globs and stdin, containers opened.
//!
//! STUB: the real implementation is being written (issue 2); this one reads plain files.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use whosaid_core::ReadError;

use crate::{Failure, Format, Payload, RawInput, ReadOptions};

/// Counts kept while inputs stream by, readable from another thread.
#[derive(Debug, Default)]
pub struct SourceStats {
    skipped: AtomicU64,
}

impl SourceStats {
    /// Container records passed over because they hold no article (WARC requests,
    /// metadata, non-HTML responses).
    pub fn skipped(&self) -> u64 {
        self.skipped.load(Ordering::Relaxed)
    }
}

/// The documents under a list of paths, one at a time, in order.
#[derive(Debug)]
pub struct Inputs {
    paths: std::vec::IntoIter<String>,
    #[allow(dead_code)]
    options: ReadOptions,
    stats: Arc<SourceStats>,
}

impl Inputs {
    /// Documents under `paths`: files, directories (recursive), globs, `-` for stdin.
    pub fn new(paths: Vec<String>, options: ReadOptions) -> Inputs {
        Inputs {
            paths: paths.into_iter(),
            options,
            stats: Arc::default(),
        }
    }

    /// A handle on the running counts.
    pub fn stats(&self) -> Arc<SourceStats> {
        Arc::clone(&self.stats)
    }
}

impl Iterator for Inputs {
    type Item = Result<RawInput, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        let path = self.paths.next()?;
        Some(match std::fs::read(&path) {
            Ok(bytes) => {
                let format = if path.ends_with(".html") {
                    Format::Html
                } else {
                    Format::Text
                };
                Ok(RawInput::new(path, format, Payload::Bytes(bytes)))
            }
            Err(e) => Err(Failure {
                error: ReadError::io(&path, &e),
                path,
            }),
        })
    }
}
