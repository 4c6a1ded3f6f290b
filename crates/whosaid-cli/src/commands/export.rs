//! `whosaid export`: the database's quotations, articles or speakers as JSON lines or CSV.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use whosaid_store::{ExportFormat, ExportTable};

use crate::commands::DbArg;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum What {
    /// One row per quotation: statement, speaker, article, outlet, date, spans.
    Quotes,
    /// One row per article: metadata, syndication group, body.
    Articles,
    /// One row per speaker: names, titles, totals.
    Speakers,
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Apache Parquet (needs --output; built with the `parquet` feature).
    Parquet,
}

/// Arguments of `whosaid export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArg,

    /// Which table.
    #[arg(long, value_enum, default_value_t = What::Quotes)]
    what: What,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Jsonl)]
    format: Format,

    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Run `whosaid export`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open_read_only()?;
    let table = match args.what {
        What::Quotes => ExportTable::Quotes,
        What::Articles => ExportTable::Articles,
        What::Speakers => ExportTable::Speakers,
    };
    let format = match args.format {
        Format::Jsonl => ExportFormat::Jsonl,
        Format::Csv => ExportFormat::Csv,
        Format::Parquet => return export_parquet(&store, table, args.output.as_deref()),
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let rows = store.export(table, format, &mut out)?;
    out.flush().context("cannot write the export")?;
    eprintln!("{rows} rows exported");
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "parquet")]
fn export_parquet(
    store: &whosaid_store::Store,
    table: ExportTable,
    output: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let path = output.context("a Parquet export is a binary file: name it with --output FILE")?;
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let rows = store.export_parquet(table, BufWriter::new(file))?;
    eprintln!("{rows} rows exported to {}", path.display());
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "parquet"))]
fn export_parquet(
    _store: &whosaid_store::Store,
    _table: ExportTable,
    _output: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "this whosaid was built without Parquet; build it with `cargo build --release --features parquet` (or export --format csv or jsonl)"
    )
}
