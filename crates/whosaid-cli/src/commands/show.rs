//! `whosaid show ARTICLE`: one stored article with its quotations marked.
//!
//! In a terminal each speaker's words take a colour, the words naming the speaker are bold
//! and the cue is underlined; elsewhere (a pipe, a file, or NO_COLOR set) quotations are
//! wrapped in ⟦ ⟧ with the speaker's number, so the marks survive without escape codes.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use whosaid_store::ArticleView;

use crate::commands::DbArg;

/// Arguments of `whosaid show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article: its number, content id (or its start), URL or path.
    article: String,

    #[command(flatten)]
    db: DbArg,

    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Run `whosaid show`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open_read_only()?;
    let view = store.article(&args.article)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &view)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    write_article(&mut out, &view, colour)?;
    Ok(ExitCode::SUCCESS)
}

/// Colours for speakers, in order of first appearance (ANSI foreground codes).
const PALETTE: &[u8] = &[36, 33, 35, 32, 34, 31, 96, 93, 95, 92, 94, 91];

/// What a byte of the body is part of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Mark {
    /// 1 + index of the speaker whose quotation covers it (0: none).
    speaker: usize,
    cue: bool,
    source: bool,
}

fn write_article(out: &mut impl Write, view: &ArticleView, colour: bool) -> std::io::Result<()> {
    if let Some(headline) = &view.headline {
        writeln!(out, "{headline}")?;
    }
    let facts: Vec<String> = [
        view.outlet.clone(),
        view.published.clone(),
        view.byline.clone(),
        view.dateline.clone(),
        view.url.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    writeln!(out, "article {} · {}", view.id, facts.join(" · "))?;
    writeln!(out)?;

    // Speakers numbered in order of appearance.
    let mut speakers: Vec<String> = Vec::new();
    let mut marks = vec![Mark::default(); view.body.len()];
    for quote in &view.quotes {
        let who = quote
            .speaker
            .clone()
            .unwrap_or_else(|| "(unattributed)".into());
        let number = match speakers.iter().position(|s| *s == who) {
            Some(i) => i + 1,
            None => {
                speakers.push(who);
                speakers.len()
            }
        };
        let mut paint = |span: Option<(usize, usize)>, f: &dyn Fn(&mut Mark)| {
            if let Some((start, end)) = span {
                for mark in marks
                    .get_mut(start..end.min(view.body.len()))
                    .into_iter()
                    .flatten()
                {
                    f(mark);
                }
            }
        };
        // An interrupted quotation is marked part by part: the narration between its
        // parts ("Trump said in the Oval Office.") is the reporter's, not the speaker's.
        if quote.part_spans.is_empty() {
            paint(quote.content_span, &|m| m.speaker = number);
        }
        for &part in &quote.part_spans {
            paint(Some(part), &|m| m.speaker = number);
        }
        paint(quote.cue_span, &|m| m.cue = true);
        paint(quote.source_span, &|m| m.source = true);
    }

    let mut current = Mark::default();
    let mut run_start = 0;
    let end = view.body.len();
    // One step past the end closes the last run.
    let steps = marks.iter().copied().chain([Mark::default()]).enumerate();
    for (i, mark) in steps {
        // Only cut at character boundaries.
        if mark == current && i < end || !view.body.is_char_boundary(i) {
            continue;
        }
        let text = &view.body[run_start..i];
        write_run(out, text, current, mark, colour)?;
        current = mark;
        run_start = i;
    }
    writeln!(out)?;
    if !speakers.is_empty() {
        writeln!(out)?;
        writeln!(out, "speakers:")?;
        for (i, who) in speakers.iter().enumerate() {
            if colour {
                let code = PALETTE[i % PALETTE.len()];
                writeln!(out, "  \x1b[{code}m■\x1b[0m {} {who}", i + 1)?;
            } else {
                writeln!(out, "  {} {who}", i + 1)?;
            }
        }
    }
    let outside: Vec<_> = view
        .quotes
        .iter()
        .filter(|q| q.content_span.is_none() && q.part_spans.is_empty())
        .collect();
    if !outside.is_empty() {
        writeln!(out, "\nquotations outside the body (headline):")?;
        for quote in outside {
            let who = quote.speaker.as_deref().unwrap_or("(unattributed)");
            writeln!(out, "  {who}: {}", quote.content)?;
        }
    }
    if !view.same_story.is_empty() {
        writeln!(
            out,
            "\nthe same story in {}:",
            crate::commands::count(view.same_story.len() as i64, "other article")
        )?;
        for other in &view.same_story {
            let id = other.id;
            let about = [other.outlet.clone(), other.published.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>();
            writeln!(out, "  article {id} {}", about.join(" · "))?;
        }
    }
    Ok(())
}

/// Write one run of equally marked text, opening and closing marks around it.
fn write_run(
    out: &mut impl Write,
    text: &str,
    mark: Mark,
    next: Mark,
    colour: bool,
) -> std::io::Result<()> {
    if colour {
        if mark == Mark::default() {
            return out.write_all(text.as_bytes());
        }
        let mut codes = Vec::new();
        if mark.speaker > 0 {
            codes.push(PALETTE[(mark.speaker - 1) % PALETTE.len()].to_string());
        }
        if mark.cue {
            codes.push("4".into());
        }
        if mark.source {
            codes.push("1".into());
        }
        return write!(out, "\x1b[{}m{text}\x1b[0m", codes.join(";"));
    }
    out.write_all(text.as_bytes())?;
    // Plain marks: open a quotation when the speaker changes to one, close it after.
    if mark.speaker != next.speaker {
        if mark.speaker > 0 {
            write!(out, "⟧{}", superscript(mark.speaker))?;
        }
        if next.speaker > 0 {
            out.write_all("⟦".as_bytes())?;
        }
    }
    Ok(())
}

fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}
