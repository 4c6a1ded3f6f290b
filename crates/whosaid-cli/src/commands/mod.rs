//! One module per subcommand.

pub mod errors;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod search;
pub mod serve;
pub mod show;
pub mod speakers;

use std::path::PathBuf;

use whosaid_read::{JsonlFields, ReadOptions};

/// The inputs every reading command takes: paths, threads, size limit, JSONL fields.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Files, directories (read recursively), glob patterns, or `-` for standard input.
    /// Text, HTML, WARC and JSONL, optionally gzipped; the format comes from the file
    /// name, or from the content when the name does not tell.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,

    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    /// Refuse documents larger than this many megabytes (decompressed) with an error
    /// record rather than reading them.
    #[arg(long, value_name = "MB", default_value_t = 64)]
    max_document_mb: usize,

    /// JSONL: the field holding the plain-text article.
    #[arg(long, value_name = "NAME", default_value = "text")]
    jsonl_text: String,
    /// JSONL: the field holding the HTML page.
    #[arg(long, value_name = "NAME", default_value = "html")]
    jsonl_html: String,
    /// JSONL: the field holding the URL.
    #[arg(long, value_name = "NAME", default_value = "url")]
    jsonl_url: String,
    /// JSONL: the field holding the publication date.
    #[arg(long, value_name = "NAME", default_value = "date")]
    jsonl_date: String,
    /// JSONL: the field holding the title.
    #[arg(long, value_name = "NAME", default_value = "title")]
    jsonl_title: String,
    /// JSONL: the field holding a record id (used in `path#id`; the line number otherwise).
    #[arg(long, value_name = "NAME", default_value = "id")]
    jsonl_id: String,
}

impl InputArgs {
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            max_document_bytes: self.max_document_mb.saturating_mul(1024 * 1024),
            jsonl: JsonlFields {
                text: self.jsonl_text.clone(),
                html: self.jsonl_html.clone(),
                url: self.jsonl_url.clone(),
                date: self.jsonl_date.clone(),
                title: self.jsonl_title.clone(),
                id: self.jsonl_id.clone(),
            },
        }
    }
}

/// The database a command works on.
#[derive(Debug, clap::Args)]
pub struct DbArg {
    /// The database file (SQLite). Default: $WHOSAID_DB, else ./whosaid.db.
    #[arg(long, value_name = "FILE", env = "WHOSAID_DB")]
    db: Option<PathBuf>,
}

impl DbArg {
    /// The path given, or the default.
    pub fn path(&self) -> PathBuf {
        self.db
            .clone()
            .unwrap_or_else(|| PathBuf::from("whosaid.db"))
    }

    /// Open the database for reading.
    pub fn open_read_only(&self) -> anyhow::Result<whosaid_store::Store> {
        Ok(whosaid_store::Store::open_read_only(self.path())?)
    }
}

/// `1 statement`, `2 statements`: a count with its noun.
pub fn count(n: i64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Size the worker pool once, before any parallel work.
///
/// Worker stacks are large because HTML trees from the wild can be deeply nested and the
/// extractors walk them recursively; a deep page must become an error record, not a crash.
pub fn configure_threads(threads: Option<usize>) -> anyhow::Result<()> {
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK_BYTES);
    if let Some(n) = threads {
        anyhow::ensure!(n > 0, "--threads must be at least 1");
        builder = builder.num_threads(n);
    }
    builder.build_global()?;
    Ok(())
}

const WORKER_STACK_BYTES: usize = 256 * 1024 * 1024;
