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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Extract(args) => commands::extract::run(args),
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
