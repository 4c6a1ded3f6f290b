//! `whosaid search`: statements by words, speaker, date, outlet and kind.

use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;
use whosaid_store::{Order, SearchQuery, StatementHit};

use crate::commands::DbArg;

/// Statement kinds, for `--kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// The whole statement in quotation marks.
    Direct,
    /// A paraphrase with quoted words in it.
    Mixed,
    /// Reported speech without quotation marks.
    Indirect,
}

/// Arguments of `whosaid search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words to find (all of them, any order); "a phrase in double quotes", OR, NOT and
    /// prefix* work too. Leave out to list the latest statements.
    #[arg(value_name = "WORDS")]
    query: Option<String>,

    #[command(flatten)]
    db: DbArg,

    /// Only statements of this speaker (a name they appear under, e.g. "Putin").
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,

    /// Only statements reported on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DAY")]
    since: Option<String>,

    /// Only statements reported on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DAY")]
    until: Option<String>,

    /// Only statements reported by this outlet (site name or host).
    #[arg(long, value_name = "OUTLET")]
    outlet: Option<String>,

    /// Only statements of this kind.
    #[arg(long, value_enum)]
    kind: Option<Kind>,

    /// At most this many statements.
    #[arg(long, short = 'n', default_value_t = 20)]
    limit: usize,

    /// Skip this many first (the next page).
    #[arg(long, default_value_t = 0)]
    offset: usize,

    /// Best match first (bm25) or the latest first.
    #[arg(long, value_enum, default_value_t = SortOrder::Relevance)]
    order: SortOrder,

    /// Print JSON lines instead of text.
    #[arg(long)]
    json: bool,
}

/// Result orders, for `--order`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SortOrder {
    /// Best match first.
    Relevance,
    /// Latest reported first.
    Newest,
}

/// Run `whosaid search`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open_read_only()?;
    let query = SearchQuery {
        text: args.query,
        speaker: args.speaker,
        since: args.since,
        until: args.until,
        outlet: args.outlet,
        kind: args.kind.map(|k| {
            match k {
                Kind::Direct => "direct",
                Kind::Mixed => "mixed",
                Kind::Indirect => "indirect",
            }
            .to_owned()
        }),
        limit: Some(args.limit),
        offset: Some(args.offset),
        order: match args.order {
            SortOrder::Relevance => Order::Relevance,
            SortOrder::Newest => Order::Newest,
        },
    };
    let hits = store.search(&query)?;
    let mut out = std::io::stdout().lock();
    for (i, hit) in hits.iter().enumerate() {
        if args.json {
            serde_json::to_writer(&mut out, hit)?;
            writeln!(out)?;
        } else {
            write_hit(&mut out, args.offset + i + 1, hit, true)?;
        }
    }
    if !args.json && hits.is_empty() {
        eprintln!("no statement matches");
    }
    Ok(ExitCode::SUCCESS)
}

/// A statement as the terminal shows it: who, what kind, where and when, then the words.
pub fn write_hit(
    out: &mut impl Write,
    number: usize,
    hit: &StatementHit,
    snippet: bool,
) -> std::io::Result<()> {
    let speaker = hit.speaker.as_deref().unwrap_or("(unattributed)");
    let mut source = Vec::new();
    if let Some(outlet) = &hit.outlet {
        source.push(outlet.clone());
    }
    if let Some(published) = &hit.published {
        source.push(published.clone());
    }
    source.push(format!("article {}", hit.article_id));
    if hit.occurrences > 1 {
        source.push(format!(
            "reported in {}",
            crate::commands::count(hit.occurrences, "article")
        ));
    }
    writeln!(
        out,
        "{number:>3}. {speaker} ({}) · {}",
        hit.kind,
        source.join(" · ")
    )?;
    let words = if snippet { &hit.snippet } else { &hit.content };
    writeln!(out, "     {}", words.replace('\n', " "))?;
    if let Some(headline) = &hit.headline {
        writeln!(out, "     in: {headline}")?;
    }
    writeln!(out)
}
