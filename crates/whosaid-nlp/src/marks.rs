//! Quotation marks paired into quotations.
//!
//! News uses curly, straight and angle marks, nests single marks inside double ones,
//! writes headline quotations with single marks (AP style), and lets a quotation run over
//! several paragraphs: a paragraph that opens a quotation without closing it continues in
//! the next paragraph, which opens again. This module finds those spans; deciding whether
//! a quotation is a statement (and whose) is left to [`crate::quotes`].
//!
//! Straight marks (`"` and `'`) are decided from their neighbours: a mark after a space
//! and before a letter opens, a mark after a letter and before a space or punctuation
//! closes. A `’` or `'` inside or at the end of a word is an apostrophe unless a single
//! quotation is open and it can close it.

use whosaid_core::Span;

use crate::token::{QuoteChar, Token, TokenKind};

/// One quotation found in a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// Index of the paragraph it sits in.
    pub paragraph: usize,
    /// Token index of the opening mark, or `None` when the paragraph continues a quotation
    /// from the one before without opening it again.
    pub open: Option<usize>,
    /// Token index of the closing mark; `None` when the paragraph ends inside it.
    pub close: Option<usize>,
    /// Bytes from the opening mark to the closing mark, both included.
    pub outer: Span,
    /// Bytes between the marks.
    pub inner: Span,
    /// Single marks (‘…’): nested quotations and AP-style headlines.
    pub single: bool,
    /// Depth: 0 for a top-level quotation, 1 for one nested inside another.
    pub depth: u8,
    /// The quotation continues a quotation left open at the end of the paragraph before.
    pub continues: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// An apostrophe or an unpaired mark: not part of a quotation.
    None,
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// Left-flanking: the mark is followed by something and preceded by space, start or an
/// opening bracket/dash — it can open.
fn can_open(text: &str, span: Span, floor: usize) -> bool {
    let before = if span.start > floor {
        char_before(text, span.start)
    } else {
        None
    };
    let after = char_after(text, span.end);
    let before_ok = before.is_none_or(|c| {
        c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | ':')
    });
    let after_ok = after.is_some_and(|c| !c.is_whitespace());
    before_ok && after_ok
}

/// Right-flanking: preceded by something that is not a space — it can close.
fn can_close(text: &str, span: Span, floor: usize) -> bool {
    let before = if span.start > floor {
        char_before(text, span.start)
    } else {
        None
    };
    before.is_some_and(|c| !c.is_whitespace())
}

/// Find the quotations of each paragraph. `paragraphs[i]` is the token list of paragraph
/// `i`, `bounds[i]` its byte span in `text`.
pub fn find_quotations(text: &str, paragraphs: &[Vec<Token>], bounds: &[Span]) -> Vec<Quotation> {
    let mut out = Vec::new();
    // The style of a double quotation left open by the paragraph before.
    let mut carried_open: Option<MarkStyle> = None;
    for (p, tokens) in paragraphs.iter().enumerate() {
        let floor = bounds[p].start;
        let first_is_open_double = tokens.first().is_some_and(|t| {
            matches!(
                t.kind,
                TokenKind::Quote(QuoteChar::DoubleOpen | QuoteChar::GuillemetOpen)
            ) || (t.kind == TokenKind::Quote(QuoteChar::DoubleStraight)
                && can_open(text, t.span, floor))
        }) || (doubled_at(tokens, 0)
            && can_open(
                text,
                Span::new(tokens[0].span.start, tokens[1].span.end),
                floor,
            ));
        // A paragraph that continues a quotation opens again with a mark (AP style); a
        // paragraph that does not was never a continuation: the quotation simply ended.
        // The mark is the one that opened the quotation: a scraped page that opens an
        // excerpt's paragraphs with straight marks and quotes inside it with curly ones
        // ("Kevin was snoring. / “Here he is, babe,” she said.) is not continuing.
        let continues = first_is_open_double && carried_open == Some(mark_style(tokens, 0));
        carried_open = pair_paragraph(text, p, tokens, bounds[p], continues, &mut out);
    }
    out
}

/// How a double quotation mark is written; a quotation is continued with the mark it
/// was opened with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MarkStyle {
    /// “ ” (and „ ‟).
    Curly,
    /// ".
    Straight,
    /// '' (two straight single marks).
    Doubled,
    /// « ».
    Guillemet,
}

/// The style of the double mark at token `i` (its first token when doubled).
fn mark_style(tokens: &[Token], i: usize) -> MarkStyle {
    if doubled_at(tokens, i) {
        return MarkStyle::Doubled;
    }
    match tokens.get(i).map(|t| t.kind) {
        Some(TokenKind::Quote(QuoteChar::DoubleStraight)) => MarkStyle::Straight,
        Some(TokenKind::Quote(QuoteChar::GuillemetOpen | QuoteChar::GuillemetClose)) => {
            MarkStyle::Guillemet
        }
        _ => MarkStyle::Curly,
    }
}

/// Pair the marks of one paragraph; returns the style of the double quotation left open
/// at its end, if one is.
fn pair_paragraph(
    text: &str,
    p: usize,
    tokens: &[Token],
    bounds: Span,
    continues: bool,
    out: &mut Vec<Quotation>,
) -> Option<MarkStyle> {
    // Open quotations: (token index, single?)
    let mut stack: Vec<(usize, bool)> = Vec::new();
    let floor = bounds.start;
    let single_pairs = single_mark_roles(text, tokens, floor);
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let TokenKind::Quote(mut q) = token.kind else {
            i += 1;
            continue;
        };
        // Two straight single marks side by side ('') are one double mark, as texts
        // from news archives print them: the mark spans both, an opening mark is
        // recorded at its first token and a closing one at its second.
        let mut span = token.span;
        let doubled = doubled_at(tokens, i);
        if doubled {
            q = QuoteChar::DoubleStraight;
            span = Span::new(token.span.start, tokens[i + 1].span.end);
        }
        let double_open = stack.iter().any(|&(_, single)| !single);
        let role = if q.is_single() {
            single_pairs[i]
        } else {
            let opens = can_open(text, span, floor);
            let closes = can_close(text, span, floor);
            match q {
                // Curly marks typed the wrong way round happen ("”What is…" opening a
                // paragraph): when the neighbours say the opposite of the shape and
                // nothing contradicts it, the neighbours win.
                QuoteChar::DoubleClose if opens && !closes && !double_open => Role::Open,
                // An opening mark that opens nothing (a space or the paragraph's end
                // after it) closes the quotation left open: “They see that. “
                QuoteChar::DoubleOpen if !opens && double_open => Role::Close,
                QuoteChar::DoubleOpen | QuoteChar::GuillemetOpen => Role::Open,
                QuoteChar::DoubleClose | QuoteChar::GuillemetClose => Role::Close,
                _ => match (opens, closes) {
                    (true, false) => Role::Open,
                    (false, true) => Role::Close,
                    _ if double_open => Role::Close,
                    _ => Role::Open,
                },
            }
        };
        let at = i;
        i += if doubled { 2 } else { 1 };
        let i = if doubled && role == Role::Close {
            at + 1
        } else {
            at
        };
        match role {
            Role::Open => stack.push((i, q.is_single())),
            Role::Close => {
                // Close the innermost open quotation of the same kind; anything opened
                // inside it and never closed is dropped (a stray mark).
                if let Some(pos) = stack
                    .iter()
                    .rposition(|&(_, single)| single == q.is_single())
                {
                    let (open, single) = stack[pos];
                    stack.truncate(pos);
                    // The paragraph's first mark re-opens the quotation of the one before.
                    let continued = continues && open == 0 && !single;
                    out.push(quotation(
                        p,
                        Some(open),
                        Some(i),
                        tokens,
                        bounds,
                        single,
                        pos,
                        continued,
                    ));
                } else if !q.is_single() && stack.is_empty() {
                    // A close with nothing open: the paragraph continues a quotation whose
                    // opening mark is missing, or is sloppy text. Count it as a quotation
                    // from the start of the paragraph only when continuing.
                    if continues {
                        out.push(quotation(p, None, Some(i), tokens, bounds, false, 0, true));
                    }
                }
            }
            Role::None => {}
        }
    }
    // A double quotation still open runs to the end of the paragraph.
    let left_open = stack.iter().find(|&&(_, single)| !single).copied();
    if let Some((open, _)) = left_open {
        let depth = stack.iter().position(|&(o, _)| o == open).unwrap_or(0);
        out.push(quotation(
            p,
            Some(open),
            None,
            tokens,
            bounds,
            false,
            depth,
            continues && open == 0,
        ));
        return Some(mark_style(tokens, open));
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn quotation(
    paragraph: usize,
    open: Option<usize>,
    close: Option<usize>,
    tokens: &[Token],
    bounds: Span,
    single: bool,
    depth: usize,
    continues: bool,
) -> Quotation {
    let outer_start = open.map_or(bounds.start, |o| tokens[o].span.start);
    let inner_start = open.map_or(bounds.start, |o| {
        let last = if !single && doubled_at(tokens, o) {
            o + 1
        } else {
            o
        };
        tokens[last].span.end
    });
    let outer_end = close.map_or(bounds.end, |c| tokens[c].span.end);
    let inner_end = close.map_or(bounds.end, |c| {
        let first = if !single && c > 0 && doubled_at(tokens, c - 1) {
            c - 1
        } else {
            c
        };
        tokens[first].span.start
    });
    Quotation {
        paragraph,
        open,
        close,
        outer: Span::new(outer_start, outer_end),
        inner: Span::new(inner_start, inner_end.max(inner_start)),
        single,
        depth: u8::try_from(depth).unwrap_or(u8::MAX),
        continues,
    }
}

/// Decide, for the single marks of a paragraph, which open, which close and which are
/// apostrophes. A single mark opens only when a later single mark can close it before
/// the enclosing double quotation (if any) closes; everything else is an apostrophe.
fn single_mark_roles(text: &str, tokens: &[Token], floor: usize) -> Vec<Role> {
    let mut roles = vec![Role::None; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        let TokenKind::Quote(q) = tokens[i].kind else {
            i += 1;
            continue;
        };
        if doubled_at(tokens, i) {
            i += 2;
            continue;
        }
        let is_opener = match q {
            QuoteChar::SingleOpen => true,
            QuoteChar::SingleStraight => can_open(text, tokens[i].span, floor),
            _ => false,
        };
        if !is_opener {
            i += 1;
            continue;
        }
        // Look for the closing partner before a double mark that would end the
        // enclosing quotation.
        let mut partner = None;
        for (j, token) in tokens.iter().enumerate().skip(i + 1) {
            if doubled_at(tokens, j) || (j > 0 && doubled_at(tokens, j - 1)) {
                // A double mark ('') ends or opens something else.
                break;
            }
            match token.kind {
                TokenKind::Quote(QuoteChar::SingleClose | QuoteChar::SingleStraight)
                    if can_close(text, token.span, floor) && closes_here(text, token.span) =>
                {
                    partner = Some(j);
                    break;
                }
                TokenKind::Quote(QuoteChar::DoubleClose | QuoteChar::GuillemetClose) => break,
                _ => {}
            }
        }
        if let Some(j) = partner {
            roles[i] = Role::Open;
            roles[j] = Role::Close;
            i = j + 1;
        } else {
            i += 1;
        }
    }
    roles
}

/// Whether tokens `i` and `i + 1` are two straight single marks with nothing between
/// them: the double mark ('') of texts from news archives ("''We will win,'' she said.").
fn doubled_at(tokens: &[Token], i: usize) -> bool {
    let straight = |t: &Token| t.kind == TokenKind::Quote(QuoteChar::SingleStraight);
    tokens.get(i..i + 2).is_some_and(|pair| {
        straight(&pair[0]) && straight(&pair[1]) && pair[0].span.end == pair[1].span.start
    })
}

/// A closing single mark is followed by a space, punctuation or the end — not by a
/// letter, which would make it an apostrophe ("don’t", "Russia’s").
fn closes_here(text: &str, span: Span) -> bool {
    char_after(text, span.end).is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn quotations(paragraphs: &[&str]) -> Vec<(String, Quotation)> {
        let text = paragraphs.join("\n\n");
        let mut bounds = Vec::new();
        let mut start = 0;
        for p in paragraphs {
            bounds.push(Span::new(start, start + p.len()));
            start += p.len() + 2;
        }
        let tokens: Vec<_> = bounds.iter().map(|b| tokenize(&text, *b)).collect();
        find_quotations(&text, &tokens, &bounds)
            .into_iter()
            .map(|q| (q.inner.slice(&text).to_owned(), q))
            .collect()
    }

    #[test]
    fn curly_quotes_pair_and_apostrophes_are_ignored() {
        let qs = quotations(&[
            "“We will be speaking, and I think will perhaps do something that’ll be significant,” Trump said. “We want to end that war.”",
        ]);
        let inner: Vec<_> = qs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            inner,
            [
                "We will be speaking, and I think will perhaps do something that’ll be significant,",
                "We want to end that war."
            ]
        );
    }

    #[test]
    fn ap_headline_single_quotes() {
        let qs = quotations(&[
            "Trump says he and Putin could do something ‘significant’ toward ending Russia’s war in Ukraine",
        ]);
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].0, "significant");
        assert!(qs[0].1.single);
    }

    #[test]
    fn nested_single_inside_double() {
        let qs = quotations(&["He said: \"Our friends taunt us: 'You will be thrown out.'\""]);
        let mut inner: Vec<_> = qs.iter().map(|(t, q)| (t.as_str(), q.depth)).collect();
        inner.sort_by_key(|&(_, d)| d);
        assert_eq!(
            inner,
            [
                ("Our friends taunt us: 'You will be thrown out.'", 0),
                ("You will be thrown out.", 1)
            ]
        );
    }

    #[test]
    fn straight_double_quotes_pair() {
        let qs = quotations(&["\"Yes,\" she said, \"we did.\""]);
        let inner: Vec<_> = qs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(inner, ["Yes,", "we did."]);
    }

    #[test]
    fn quotation_running_over_paragraphs() {
        let qs = quotations(&[
            "“The first paragraph of the statement.",
            "“The second, which ends it,” she said.",
            "Unrelated paragraph.",
        ]);
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].1.close, None);
        assert!(!qs[0].1.continues);
        assert!(qs[1].1.continues);
        assert_eq!(qs[1].0, "The second, which ends it,");
    }

    #[test]
    fn a_mark_typed_the_wrong_way_round_still_opens() {
        let qs = quotations(&["”What is most infuriating is the noise.” ― Nell Grey"]);
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].0, "What is most infuriating is the noise.");
    }

    #[test]
    fn an_opening_mark_ending_the_paragraph_closes_the_quotation() {
        let qs = quotations(&[
            "“They can see I’m the candidate,” he said. “They see that. “",
            "This story has been updated.",
        ]);
        let texts: Vec<&str> = qs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            ["They can see I’m the candidate,", "They see that. "]
        );
        assert!(qs.iter().all(|(_, q)| q.close.is_some()));
    }

    #[test]
    fn two_straight_single_marks_are_one_double_mark() {
        let qs = quotations(&[
            "''Follow us,'' Ms. Okafor said. ''The plaza is near.''",
            "He called it ''the 'best' plan,'' and left.",
        ]);
        let found: Vec<_> = qs
            .iter()
            .map(|(t, q)| (t.as_str(), q.single, q.depth))
            .collect();
        assert_eq!(
            found,
            [
                ("Follow us,", false, 0),
                ("The plaza is near.", false, 0),
                ("best", true, 1),
                ("the 'best' plan,", false, 0),
            ]
        );
    }

    #[test]
    fn a_quotation_in_doubled_marks_runs_over_paragraphs() {
        let qs = quotations(&[
            "''The first paragraph of the statement.",
            "''The second, which ends it,'' she said.",
        ]);
        assert_eq!(qs.len(), 2);
        assert!(qs[1].1.continues);
        assert_eq!(qs[1].0, "The second, which ends it,");
    }

    #[test]
    fn plural_possessive_is_not_a_quote() {
        let qs = quotations(&["The officials’ report said ‘no’ to the plan."]);
        let inner: Vec<_> = qs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(inner, ["no"]);
    }
}
