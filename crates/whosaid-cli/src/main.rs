//! `whosaid`: who said what, about whom, when, and where it was published.
//!
//! Each subcommand lives in its own module under `commands/`; the parallel, ordered run
//! they share is in `pipeline`.

mod commands;
mod pipeline;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Who said what, about whom, when, and where it was published.
#[derive(Debug, Parser)]
#[command(name = "whosaid", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read articles and print one analysis record per document (FORMAT.md).
    Extract(commands::extract::Args),
    /// Read, analyse and store articles in the database (resumable; repeated runs change
    /// nothing).
    Ingest(commands::ingest::Args),
    /// Search the stored statements.
    Search(commands::search::Args),
    /// The speakers with the most statements.
    Speakers(commands::speakers::ListArgs),
    /// One speaker: statements per week, who they talk about, most reported statements.
    Speaker(commands::speakers::OneArgs),
    /// One stored article with its quotations marked.
    Show(commands::show::Args),
    /// The documents that could not be stored, and why.
    Errors(commands::errors::Args),
    /// Quotations, articles or speakers as JSON lines, CSV or Parquet.
    Export(commands::export::Args),
    /// The web page and the HTTP API over the database (JSON, with an OpenAPI document).
    Serve(commands::serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Extract(args) => commands::extract::run(args),
        Command::Ingest(args) => commands::ingest::run(args),
        Command::Search(args) => commands::search::run(args),
        Command::Speakers(args) => commands::speakers::run_list(args),
        Command::Speaker(args) => commands::speakers::run_one(args),
        Command::Show(args) => commands::show::run(args),
        Command::Errors(args) => commands::errors::run(args),
        Command::Export(args) => commands::export::run(args),
        Command::Serve(args) => commands::serve::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            // A closed pipe (`whosaid extract … | head`) is how a reader says "enough".
            if let Some(io) = error.downcast_ref::<std::io::Error>()
                && io.kind() == std::io::ErrorKind::BrokenPipe
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("whosaid: {error:#}");
            ExitCode::from(2)
        }
    }
}
