//! Cutting scraped text into candidate paragraphs ("units") without moving a byte.
//!
//! Paragraphs arrive separated by blank lines, by single newlines (one paragraph a
//! line), or hard-wrapped at a fixed width with the paragraph's lines running on. A
//! unit is one paragraph as a span of the input; a wrapped paragraph's span crosses the
//! newlines inside it.

use whosaid_core::Span;

/// One line of the input, trimmed.
#[derive(Clone, Copy, Debug)]
struct Line {
    /// Span of the trimmed line.
    span: Span,
    /// Characters in the trimmed line.
    chars: usize,
    /// Leading whitespace characters before the text.
    indent: usize,
}

/// One candidate paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    /// The paragraph's text in the input, trimmed, a list bullet left out.
    pub span: Span,
    /// Which blank-line-separated block it belongs to.
    pub block: usize,
    /// Whitespace-separated words.
    pub words: usize,
}

const BULLETS: &[char] = &['•', '·', '▪', '◦', '●', '*', '-', '–', '‣', '∙'];

/// Byte length of a list bullet and the space after it at the start of `s`.
fn bullet_len(s: &str) -> usize {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(b), Some(sp))
            if BULLETS.contains(&b) && (sp == ' ' || sp == '\t' || sp == '\u{a0}') =>
        {
            b.len_utf8() + sp.len_utf8()
        }
        _ => 0,
    }
}

/// True when `s` opens a numbered list item: "1. ", "2) ".
fn is_numbered_item(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && matches!(s.as_bytes().get(digits), Some(b'.' | b')'))
        && matches!(s.as_bytes().get(digits + 1), Some(b' '))
}

/// The wrap width of a hard-wrapped text, or `None` when lines are not wrapped.
///
/// Hard-wrapped text has most lines close to one width (at most 100 columns) and
/// almost none longer; text with one paragraph a line has long lines of any length.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| l.chars > 0)
        .map(|l| l.chars)
        .collect();
    if lens.len() < 6 {
        return None;
    }
    lens.sort_unstable();
    let width = lens[(lens.len() * 95 / 100).min(lens.len() - 1)];
    if !(40..=100).contains(&width) {
        return None;
    }
    let near = lens.iter().filter(|&&l| l * 100 >= width * 75).count();
    let over = lens.iter().filter(|&&l| l * 100 > width * 130).count();
    (near * 10 >= lens.len() * 4 && over * 50 <= lens.len()).then_some(width)
}

/// Characters at which a sentence or a quotation can end a line.
fn ends_closed(s: &str) -> bool {
    s.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', '\'', ')', ']', '…'])
}

/// True when `next` continues the paragraph of `prev` rather than opening a new one.
fn runs_on(input: &str, prev: &Line, next: &Line, wrap: Option<usize>) -> bool {
    let next_text = next.span.slice(input);
    if bullet_len(next_text) > 0 || is_numbered_item(next_text) {
        return false;
    }
    let prev_text = prev.span.slice(input);
    if let Some(width) = wrap {
        if next.indent > prev.indent {
            // An indented first line opens a paragraph.
            return false;
        }
        let first_word = next_text
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count());
        // A wrapping program moves a word to the next line only when it does not fit.
        if prev.chars + 1 + first_word > width {
            return true;
        }
    }
    // A line broken in mid-sentence: no closing punctuation, a small letter next.
    !ends_closed(prev_text) && next_text.starts_with(char::is_lowercase)
}

/// Cut `input` into units, in order.
pub(crate) fn segment(input: &str) -> Vec<Unit> {
    let mut lines = Vec::new();
    let mut pos = 0;
    for raw in input.split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        let rest = body.trim_start();
        let lead = body.len() - rest.len();
        let text = rest.trim_end();
        lines.push(Line {
            span: Span::new(pos + lead, pos + lead + text.len()),
            chars: text.chars().count(),
            indent: body[..lead].chars().count(),
        });
        pos += raw.len();
    }
    let wrap = wrap_width(&lines);

    let mut units = Vec::new();
    let mut block = 0;
    let mut current: Option<(Span, Line)> = None;
    let push = |units: &mut Vec<Unit>, span: Span, block: usize| {
        let text = span.slice(input);
        let skip = bullet_len(text);
        let span = Span::new(span.start + skip, span.end).trim(input);
        if !span.is_empty() {
            units.push(Unit {
                span,
                block,
                words: span.slice(input).split_whitespace().count(),
            });
        }
    };
    for line in &lines {
        if line.span.is_empty() {
            if let Some((span, _)) = current.take() {
                push(&mut units, span, block);
                block += 1;
            }
            continue;
        }
        current = match current {
            Some((span, prev)) if runs_on(input, &prev, line, wrap) => {
                Some((Span::new(span.start, line.span.end), *line))
            }
            Some((span, _)) => {
                push(&mut units, span, block);
                Some((line.span, *line))
            }
            None => Some((line.span, *line)),
        };
    }
    if let Some((span, _)) = current {
        push(&mut units, span, block);
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<&str> {
        segment(input).iter().map(|u| u.span.slice(input)).collect()
    }

    #[test]
    fn blank_lines_and_single_newlines_both_separate_paragraphs() {
        let input =
            "Headline here\n\nFirst paragraph is here.\nSecond one follows it.\n\n\nThird.\n";
        assert_eq!(
            texts(input),
            [
                "Headline here",
                "First paragraph is here.",
                "Second one follows it.",
                "Third."
            ]
        );
    }

    #[test]
    fn hard_wrapped_lines_run_on_and_short_lines_end_paragraphs() {
        let input = "\
The president said on Friday that his administration had held very
serious talks with Russia about the war and that a meeting could come
soon.
Officials in Kyiv said they had not been told about any such talks and
that no meeting would decide the future of Ukraine without Ukraine at
the table.
Markets barely moved.
";
        let got = texts(input);
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(got[0].ends_with("could come\nsoon."));
        assert_eq!(got[2], "Markets barely moved.");
    }

    #[test]
    fn bullets_are_left_out_of_the_span() {
        assert_eq!(
            texts("Key points\n• One thing.\n- Another thing."),
            ["Key points", "One thing.", "Another thing."]
        );
    }

    #[test]
    fn a_line_broken_mid_sentence_runs_on() {
        assert_eq!(
            texts("He said the talks were\ngoing well."),
            ["He said the talks were\ngoing well."]
        );
    }
}
