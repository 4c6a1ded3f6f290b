//! Read HTML pages (`.html` or gzipped `.html.gz`) and print one FORMAT.md record per
//! line, in the order given, on one thread.
//!
//! It stands in for `whosaid extract` on gzipped pages until the file walker reads
//! them, so that `eval/extraction.sh` measures the HTML reader alone:
//!
//! ```sh
//! cargo run --release -p whosaid-read --example extract_html -- ../shared/data/wcxb-dev-articles/html/*.html.gz
//! ```

use std::io::{BufWriter, Read, Write};

use whosaid_core::Record;
use whosaid_read::{Format, Payload, RawInput, ReadOptions, read_document};

fn main() {
    let options = ReadOptions::default();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for path in std::env::args().skip(1) {
        let record = match load(&path) {
            Ok(bytes) => {
                let raw = RawInput::new(path.clone(), Format::Html, Payload::Bytes(bytes));
                match read_document(raw, &options) {
                    Ok(doc) => Record::of_document(&doc),
                    Err(e) => Record::failed(&path, e),
                }
            }
            Err(e) => Record::failed(&path, e),
        };
        let line = serde_json::to_string(&record).expect("a record always serializes");
        if writeln!(out, "{line}").is_err() {
            // The reader of our output went away (`| head`): stop quietly.
            return;
        }
    }
    let _ = out.flush();
}

/// The bytes of a page, gunzipped when the name ends in `.gz`.
fn load(path: &str) -> Result<Vec<u8>, String> {
    let raw = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    if !path.ends_with(".gz") {
        return Ok(raw);
    }
    let mut bytes = Vec::new();
    flate2::read::MultiGzDecoder::new(raw.as_slice())
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot gunzip {path}: {e}"))?;
    Ok(bytes)
}
