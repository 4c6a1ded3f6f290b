//! `whosaid extract`: one analysis record per input document, in input order.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use whosaid_core::Record;

use crate::commands::InputArgs;
use crate::pipeline;

/// How records are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON record per line (FORMAT.md).
    Jsonl,
    /// One JSON array of records, indented.
    Json,
    /// A summary a person reads in the terminal.
    Text,
}

/// Arguments of `whosaid extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = OutputFormat::Jsonl)]
    format: OutputFormat,
}

/// Run `whosaid extract`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    crate::commands::configure_threads(args.input.threads)?;
    let options = args.input.read_options();
    let stdout = std::io::stdout().lock();
    let mut out = BufWriter::with_capacity(1 << 16, stdout);
    let format = args.format;
    let mut first = true;
    if format == OutputFormat::Json {
        out.write_all(b"[")?;
    }
    let totals = pipeline::run(
        args.input.paths,
        options,
        |doc| whosaid_nlp::record_of(&doc),
        |record| {
            let result = write_record(&mut out, &record, format, first);
            first = false;
            result
        },
    )?;
    if format == OutputFormat::Json {
        out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
    }
    out.flush().context("cannot write the output")?;
    eprintln!("{}", totals.summary());
    Ok(if totals.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn write_record(
    out: &mut impl Write,
    record: &Record,
    format: OutputFormat,
    first: bool,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Jsonl => {
            serde_json::to_writer(&mut *out, record)?;
            out.write_all(b"\n")
        }
        OutputFormat::Json => {
            out.write_all(if first { b"\n" } else { b",\n" })?;
            serde_json::to_writer_pretty(&mut *out, record)?;
            Ok(())
        }
        OutputFormat::Text => write_text(out, record),
    }
}

/// The terminal view: the article's metadata, its body, then its statements.
fn write_text(out: &mut impl Write, record: &Record) -> std::io::Result<()> {
    writeln!(out, "── {}", record.path)?;
    if let Some(error) = &record.error {
        writeln!(out, "error: {error}\n")?;
        return Ok(());
    }
    for warning in &record.warnings {
        writeln!(out, "warning: {warning}")?;
    }
    let Some(article) = &record.article else {
        return Ok(());
    };
    let fields = [
        ("headline", &article.headline),
        ("published", &article.published),
        ("section", &article.section),
        ("byline", &article.byline),
        ("dateline", &article.dateline),
        ("url", &article.url),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            writeln!(out, "{name:>9}: {value}")?;
        }
    }
    for image in &article.images {
        let caption = image.caption.as_deref().unwrap_or("(no caption)");
        match &image.credit {
            Some(credit) => writeln!(out, "    image: {caption} [{credit}]")?,
            None => writeln!(out, "    image: {caption}")?,
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", article.body)?;
    if !record.quotes.is_empty() {
        writeln!(out, "\nstatements:")?;
    }
    for quote in &record.quotes {
        let speaker = quote
            .speaker
            .as_ref()
            .map_or("(unattributed)", |s| s.name.as_str());
        let cue = quote.cue.as_ref().map_or("", |c| c.text.as_str());
        writeln!(out, "  {speaker} [{cue}] {}", quote.content.text)?;
    }
    writeln!(out)
}
