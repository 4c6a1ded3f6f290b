//! `whosaid speakers` (who speaks most) and `whosaid speaker NAME` (one speaker in full).

use std::io::Write;
use std::process::ExitCode;

use whosaid_store::{SearchQuery, SpeakerProfile, Store};

use crate::commands::search::write_hit;
use crate::commands::{DbArg, count};

/// Arguments of `whosaid speakers`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    db: DbArg,

    /// How many speakers.
    #[arg(long, short = 'n', default_value_t = 25)]
    top: usize,

    /// Print JSON lines instead of text.
    #[arg(long)]
    json: bool,
}

/// Arguments of `whosaid speaker`.
#[derive(Debug, clap::Args)]
pub struct OneArgs {
    /// A name the speaker appears under ("Putin", "Vladimir Putin").
    name: String,

    #[command(flatten)]
    db: DbArg,

    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Run `whosaid speakers`.
pub fn run_list(args: ListArgs) -> anyhow::Result<ExitCode> {
    let store = args.db.open_read_only()?;
    let speakers = store.speakers(args.top)?;
    let mut out = std::io::stdout().lock();
    if !args.json {
        writeln!(
            out,
            "{:>10} {:>8} {:>8}  speaker",
            "statements", "quotes", "articles"
        )?;
    }
    for speaker in &speakers {
        if args.json {
            serde_json::to_writer(&mut out, speaker)?;
            writeln!(out)?;
        } else {
            let span = match (&speaker.first, &speaker.last) {
                (Some(first), Some(last)) if first != last => format!("  {first} … {last}"),
                (Some(day), _) => format!("  {day}"),
                _ => String::new(),
            };
            writeln!(
                out,
                "{:>10} {:>8} {:>8}  {} ({}){span}",
                speaker.statements, speaker.quotes, speaker.articles, speaker.name, speaker.kind
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Run `whosaid speaker NAME`.
pub fn run_one(args: OneArgs) -> anyhow::Result<ExitCode> {
    let store = args.db.open_read_only()?;
    let profile = store.speaker(&args.name)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &profile)?;
        writeln!(out)?;
    } else {
        write_profile(&mut out, &profile)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Widest bar of the weekly chart, in characters.
const CHART_WIDTH: i64 = 40;

fn write_profile(out: &mut impl Write, profile: &SpeakerProfile) -> std::io::Result<()> {
    let s = &profile.summary;
    writeln!(out, "{} ({})", s.name, s.kind)?;
    let span = match (&s.first, &s.last) {
        (Some(first), Some(last)) => format!(", {first} … {last}"),
        _ => String::new(),
    };
    writeln!(
        out,
        "{}, {} in {}{span}",
        count(s.statements, "statement"),
        count(s.quotes, "quotation"),
        count(s.articles, "article")
    )?;
    if !profile.titles.is_empty() {
        writeln!(out, "titles: {}", profile.titles.join(", "))?;
    }
    if !profile.aliases.is_empty() {
        writeln!(out, "also named: {}", profile.aliases.join(", "))?;
    }
    if !profile.also_matching.is_empty() {
        writeln!(
            out,
            "(the name also matches: {}; give a fuller name to see them)",
            profile.also_matching.join(", ")
        )?;
    }
    if !profile.weeks.is_empty() {
        writeln!(out, "\nstatements per week:")?;
        let most = profile
            .weeks
            .iter()
            .map(|w| w.statements)
            .max()
            .unwrap_or(1)
            .max(1);
        for week in &profile.weeks {
            let width = ((week.statements * CHART_WIDTH + most - 1) / most) as usize;
            writeln!(
                out,
                "  {} {} {}",
                week.week,
                "█".repeat(width),
                week.statements
            )?;
        }
    }
    if !profile.talks_about.is_empty() {
        writeln!(out, "\ntalks about:")?;
        for about in &profile.talks_about {
            writeln!(
                out,
                "  {} ({}) in {}",
                about.name,
                about.kind,
                count(about.statements, "statement")
            )?;
        }
    }
    if !profile.most_repeated.is_empty() {
        writeln!(out, "\nmost reported statements:")?;
        for (i, hit) in profile.most_repeated.iter().enumerate() {
            write_hit(out, i + 1, hit, false)?;
        }
    }
    Ok(())
}

/// Who said what: the top speakers of the database, each with their statements.
pub fn print_who_said_what(store: &Store, speakers: usize, each: usize) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    for speaker in store.speakers(speakers)? {
        writeln!(
            out,
            "{} ({})",
            speaker.name,
            count(speaker.statements, "statement")
        )?;
        let query = SearchQuery {
            limit: Some(each),
            ..SearchQuery::default()
        };
        let hits = store.statements_of(speaker.id, &query)?;
        for hit in hits {
            let place = [hit.outlet.clone(), hit.published.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            let place = if place.is_empty() {
                String::new()
            } else {
                format!("  [{place}]")
            };
            writeln!(
                out,
                "  {:<8} {}{place}",
                hit.kind,
                hit.content.replace('\n', " ")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
