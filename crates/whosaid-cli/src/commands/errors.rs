//! `whosaid errors`: the documents an ingest could not store, and why.

use std::io::Write;
use std::process::ExitCode;

use crate::commands::DbArg;

/// Arguments of `whosaid errors`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArg,

    /// Print JSON lines instead of text.
    #[arg(long)]
    json: bool,
}

/// Run `whosaid errors`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open_read_only()?;
    let errors = store.errors()?;
    let mut out = std::io::stdout().lock();
    for error in &errors {
        if args.json {
            serde_json::to_writer(&mut out, error)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}: {}", error.path, error.message)?;
        }
    }
    if !args.json {
        eprintln!(
            "{} document{} could not be stored",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        );
    }
    Ok(ExitCode::SUCCESS)
}
