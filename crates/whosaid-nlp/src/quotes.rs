//! The quotation layer: what the taggers find, completed by what quotation marks make
//! certain.
//!
//! The taggers ([`crate::attribution`]) read one paragraph around each cue. Quotation
//! marks carry structure beyond that, which news writing follows closely enough for rules:
//!
//! - **A quotation goes on after its attribution**: “…,” Trump said. “We want…” — the
//!   quotation that opens the next sentence is the same speaker's, and so is a quotation
//!   that runs on into the following paragraphs (opened again, never closed).
//! - **A cue that introduces the next paragraph**: "Hugh Hill, a doctor, said:" followed by
//!   a quoted paragraph.
//! - **A dash after a quotation names its speaker**: “…” — Commissioner Ana Ruiz.
//! - **A quotation nobody is said to have said** is still a statement: it is kept with no
//!   cue and no speaker, when it is long enough to be one (scare quotes and titles such as
//!   “The Apprentice” are not).

use whosaid_core::Span;

use crate::attribution::Attribution;
use crate::marks::Quotation;
use crate::prepare::{Block, Prepared};
use crate::token::TokenKind;

/// A quotation of fewer words than this, with no cue of its own, is a scare quote or a
/// title rather than a statement.
const MIN_STATEMENT_WORDS: usize = 5;

/// Complete the taggers' attributions with what the quotation marks say; returns every
/// statement of the document in text order. Cues without content are dropped unless a
/// quotation in the next paragraph is theirs.
pub fn complete(text: &str, prepared: &Prepared, mut found: Vec<Attribution>) -> Vec<Attribution> {
    let top: Vec<&Quotation> = prepared
        .quotations
        .iter()
        .filter(|q| q.depth == 0)
        .collect();
    let mut claimed: Vec<bool> = vec![false; top.len()];

    // A content never cuts a quotation in two: a boundary inside one moves out to its mark.
    for a in &mut found {
        for part in &mut a.content {
            for q in top.iter().filter(|q| q.paragraph == a.block) {
                if q.outer.start < part.end && part.end < q.outer.end && part.start <= q.outer.start
                {
                    part.end = q.outer.end;
                }
                if q.outer.start < part.start && part.start < q.outer.end && part.end >= q.outer.end
                {
                    part.start = q.outer.start;
                }
            }
        }
    }

    // Which quotations the taggers' contents already hold.
    for a in &found {
        for (i, q) in top.iter().enumerate() {
            if covered(q.inner, &a.content) {
                claimed[i] = true;
            }
        }
    }

    // 1. Quotations that go on after their attribution, in the paragraph and beyond.
    let cues: Vec<Span> = found.iter().filter_map(|a| a.cue).collect();
    for a in found.iter_mut().filter(|a| !a.content.is_empty()) {
        let Some(cue) = a.cue else { continue };
        let block = &prepared.blocks[a.block];
        let Some(last) = a.content.last().copied() else {
            continue;
        };
        let ends_in_quote = top
            .iter()
            .any(|q| q.paragraph == a.block && q.outer.overlap(last) * 2 > last.len());
        let attribution_end = a.source.map_or(cue.end, |s| s.end.max(cue.end));
        if !ends_in_quote || cue.start < last.end || attribution_end < last.end {
            continue;
        }
        let cue_sentence = sentence_of_byte(block, cue.start);
        let next = top.iter().position(|q| {
            q.paragraph == a.block
                && q.outer.start >= attribution_end
                && q.open.is_some_and(|o| opens_sentence(block, o))
                && q.open
                    .is_some_and(|o| block.sentence_of[o] as usize != cue_sentence)
        });
        let Some(i) = next else { continue };
        let q = top[i];
        let other_cue_between = cues
            .iter()
            .any(|c| *c != cue && c.start >= attribution_end && c.start < q.outer.end);
        if claimed[i] || other_cue_between {
            continue;
        }
        claimed[i] = true;
        a.content.push(q.outer);
        extend_over_paragraphs(&top, &mut claimed, i, &mut a.content);
    }

    // 2. A cue ending its paragraph with a colon introduces the quotation that opens the
    //    next paragraph.
    for a in found.iter_mut().filter(|a| a.content.is_empty()) {
        let block = &prepared.blocks[a.block];
        let ends_with_colon = block
            .tokens
            .last()
            .is_some_and(|t| t.kind == TokenKind::Punct && t.text(text) == ":");
        if !ends_with_colon {
            continue;
        }
        let next = top
            .iter()
            .position(|q| q.paragraph == a.block + 1 && q.open == Some(0));
        if let Some(i) = next
            && !claimed[i]
        {
            claimed[i] = true;
            a.content.push(top[i].outer);
            extend_over_paragraphs(&top, &mut claimed, i, &mut a.content);
        }
    }
    found.retain(|a| !a.content.is_empty());

    // 3. Quotations no attribution holds: a dash names the speaker, or nobody does.
    for i in 0..top.len() {
        let q = top[i];
        if claimed[i] || q.continues {
            continue;
        }
        let block = &prepared.blocks[q.paragraph];
        if block.is_headline || statement_words(block, q) < MIN_STATEMENT_WORDS {
            continue;
        }
        claimed[i] = true;
        let mut content = vec![q.outer];
        extend_over_paragraphs(&top, &mut claimed, i, &mut content);
        let (cue, source) = match dash_attribution(text, block, q) {
            Some((cue, source)) => (Some(cue), Some(source)),
            None => (None, None),
        };
        found.push(Attribution {
            block: q.paragraph,
            cue,
            source,
            content,
        });
    }

    found.sort_by_key(|a| a.content_hull().map(|h| (h.start, h.end)));
    found
}

/// Whether at least half of `inner` lies inside `parts`.
fn covered(inner: Span, parts: &[Span]) -> bool {
    let inside: usize = parts.iter().map(|p| p.overlap(inner)).sum();
    !inner.is_empty() && inside * 2 >= inner.len()
}

/// Quotations opened again in the following paragraphs continue quotation `i` while it is
/// left open at the end of its paragraph.
fn extend_over_paragraphs(
    top: &[&Quotation],
    claimed: &mut [bool],
    mut i: usize,
    content: &mut Vec<Span>,
) {
    while top[i].close.is_none() {
        let paragraph = top[i].paragraph + 1;
        let Some(j) = top
            .iter()
            .position(|q| q.paragraph == paragraph && q.continues)
        else {
            break;
        };
        if claimed[j] {
            break;
        }
        claimed[j] = true;
        content.push(top[j].outer);
        i = j;
    }
}

fn sentence_of_byte(block: &Block, at: usize) -> usize {
    let t = block
        .token_at_or_after(at)
        .min(block.len().saturating_sub(1));
    block.sentence_of.get(t).map_or(0, |&s| s as usize)
}

/// The token opens its sentence (possibly after a dash or bracket).
fn opens_sentence(block: &Block, token: usize) -> bool {
    let sentence = block.sentence_of[token] as usize;
    block.sentences[sentence].start == token
}

/// Words inside a quotation.
fn statement_words(block: &Block, q: &Quotation) -> usize {
    block
        .tokens_in(q.inner)
        .filter(|&t| block.tokens[t].kind == TokenKind::Word)
        .count()
}

/// “…” — Jane Doe: the dash is the cue, the capitalised words after it the source.
fn dash_attribution(text: &str, block: &Block, q: &Quotation) -> Option<(Span, Span)> {
    let close = q.close?;
    let mut t = close + 1;
    // A comma or full stop may sit between the closing mark and the dash.
    while t < block.len() && matches!(block.tokens[t].text(text), "," | ".") {
        t += 1;
    }
    let dash = block.tokens.get(t)?;
    if !matches!(dash.text(text), "—" | "―" | "–" | "-" | "--") {
        return None;
    }
    let start = t + 1;
    let mut end = start;
    while end < block.len() {
        let token = &block.tokens[end];
        let word = token.text(text);
        let capitalised = token.kind == TokenKind::Word && word.starts_with(char::is_uppercase);
        let joiner = matches!(word, "." | "-")
            || (token.kind == TokenKind::Word
                && end > start
                && matches!(word, "de" | "van" | "von" | "al" | "bin" | "da"));
        if !(capitalised || joiner) {
            break;
        }
        end += 1;
    }
    while end > start && block.tokens[end - 1].kind != TokenKind::Word {
        end -= 1;
    }
    (end > start).then(|| (dash.span, block.span_of(start, end)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::prepare;

    fn paragraphs(text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let span = Span::new(offset, offset + line.len()).trim(text);
            if !span.is_empty() {
                spans.push(span);
            }
            offset += line.len();
        }
        spans
    }

    fn texts(
        text: &str,
        found: &[Attribution],
    ) -> Vec<(Vec<String>, Option<String>, Option<String>)> {
        found
            .iter()
            .map(|a| {
                (
                    a.content.iter().map(|p| p.slice(text).to_owned()).collect(),
                    a.cue.map(|c| c.slice(text).to_owned()),
                    a.source.map(|s| s.slice(text).to_owned()),
                )
            })
            .collect()
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let start = text.find(needle).unwrap();
        Span::new(start, start + needle.len())
    }

    #[test]
    fn a_quotation_after_the_attribution_is_the_same_speakers() {
        let text =
            "“We will be speaking,” Trump said in the Oval Office. “We want to end that war.”\n";
        let prepared = prepare(text, None, &paragraphs(text));
        let tagged = vec![Attribution {
            block: 0,
            cue: Some(span_of(text, "said")),
            source: Some(span_of(text, "Trump")),
            content: vec![span_of(text, "“We will be speaking,”")],
        }];
        let done = complete(text, &prepared, tagged);
        assert_eq!(
            texts(text, &done),
            [(
                vec![
                    "“We will be speaking,”".to_owned(),
                    "“We want to end that war.”".to_owned()
                ],
                Some("said".to_owned()),
                Some("Trump".to_owned())
            )]
        );
    }

    #[test]
    fn a_colon_cue_takes_the_quoted_paragraphs_after_it() {
        let text = "Hugh Hill, a doctor, said:\n“The ward is full.\n“We have no beds left.”\nThe hospital declined to comment.\n";
        let prepared = prepare(text, None, &paragraphs(text));
        let tagged = vec![Attribution {
            block: 0,
            cue: Some(span_of(text, "said")),
            source: Some(span_of(text, "Hugh Hill")),
            content: vec![],
        }];
        let done = complete(text, &prepared, tagged);
        assert_eq!(done.len(), 1);
        assert_eq!(
            texts(text, &done)[0].0,
            ["“The ward is full.", "“We have no beds left.”"]
        );
    }

    #[test]
    fn a_dash_after_a_quotation_names_the_speaker_and_scare_quotes_are_left_alone() {
        let text = "“The most unqualified child to ever run for president.” ― Francisco Herrero\nThe “elites” met again.\n";
        let prepared = prepare(text, None, &paragraphs(text));
        let done = complete(text, &prepared, vec![]);
        assert_eq!(
            texts(text, &done),
            [(
                vec!["“The most unqualified child to ever run for president.”".to_owned()],
                Some("―".to_owned()),
                Some("Francisco Herrero".to_owned())
            )]
        );
    }

    #[test]
    fn an_unattributed_statement_is_kept_without_a_speaker() {
        let text = "“We will not give up our homes to anyone, ever,” read a banner at the gate.\n";
        let prepared = prepare(text, None, &paragraphs(text));
        let done = complete(text, &prepared, vec![]);
        assert_eq!(done.len(), 1);
        assert_eq!(done[0].cue, None);
        assert_eq!(done[0].source, None);
    }
}
