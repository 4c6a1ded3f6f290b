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
use crate::lexicon::{CueClass, CueLexicon};
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

    own_sentence_before_another(text, prepared, &mut found);

    // Which quotations the taggers' contents already hold.
    for a in &found {
        for (i, q) in top.iter().enumerate() {
            if covered(q.inner, &a.content) {
                claimed[i] = true;
            }
        }
    }

    // 0. “…,” he will say. — a quotation the taggers left out, attributed right after it
    //    in the plainest shape news has. The cue tagger learned PolNeAR's wide sense of
    //    attribution and misses some of these (modal and future cues, "notes",
    //    "answers"); without this step the quotation had no speaker.
    for (i, q) in top.iter().enumerate() {
        let block = &prepared.blocks[q.paragraph];
        let Some((cue, source)) = attribution_after_quotation(text, block, q) else {
            continue;
        };
        // The cue tagger may have found the verb while the role tagger gave it no content
        // or no source.
        if let Some(a) = found
            .iter_mut()
            .find(|a| a.cue.is_some_and(|c| c.overlap(cue) > 0))
        {
            if a.content.is_empty() && !claimed[i] {
                claimed[i] = true;
                a.content.push(q.outer);
            }
            if a.source.is_none() && a.content.iter().any(|p| p.contains(q.inner)) {
                a.source = Some(source);
            }
            continue;
        }
        // Held by another attribution only as part of this one, the quotation still
        // gets its own: "“…,” the Chinese leader said, according to a Chinese readout".
        let nested = found
            .iter()
            .any(|a| a.content.iter().any(|p| p.contains(cue)));
        if claimed[i] && !nested {
            continue;
        }
        claimed[i] = true;
        found.push(Attribution {
            block: q.paragraph,
            cue: Some(cue),
            source: Some(source),
            content: vec![q.outer],
        });
    }

    // 1. Quotations that go on after their attribution, in the paragraph and beyond.
    let cues: Vec<Span> = found.iter().filter_map(|a| a.cue).collect();
    for a in found.iter_mut().filter(|a| !a.content.is_empty()) {
        let Some(cue) = a.cue else { continue };
        let block = &prepared.blocks[a.block];
        // The words before the cue; a part the role tagger put after it ("he tells
        // hundreds of supporters at a rally") is no reason to stop.
        let Some(last) = a.content.iter().rev().find(|p| p.end <= cue.start).copied() else {
            continue;
        };
        let ends_in_quote = mostly_quoted(&top, a.block, last);
        let attribution_end = a.source.map_or(cue.end, |s| s.end.max(cue.end));
        if !ends_in_quote || cue.start < last.end || attribution_end < last.end {
            continue;
        }
        let cue_sentence = sentence_of_byte(block, cue.start);
        // A whole sentence in quotation marks or a statement's worth of words:
        // '"Non-paper" is a diplomatic term' opens a sentence with a term, not with more of
        // the speaker's words.
        let ends_sentence = |q: &Quotation| {
            statement_words(block, q) >= MIN_STATEMENT_WORDS
                || q.close.is_some_and(|c| {
                    c + 1 >= block.len() || block.sentence_of[c + 1] != block.sentence_of[c]
                })
        };
        let next = top.iter().position(|q| {
            q.paragraph == a.block
                && q.outer.start >= attribution_end
                && q.open.is_some_and(|o| opens_sentence(block, o))
                && (q.close.is_none() || ends_sentence(q))
                && q.open
                    .is_some_and(|o| block.sentence_of[o] as usize != cue_sentence)
        });
        let Some(i) = next else { continue };
        let q = top[i];
        // A cue inside the source's own relative clause ("said Peter Morgan, who has
        // been challenging the industry") is not another attribution.
        let other_cue_between = cues.iter().any(|c| {
            *c != cue
                && c.start >= last.end
                && c.start < q.outer.end
                && !a.source.is_some_and(|s| s.contains(*c))
                && sentence_of_byte(block, c.start) != cue_sentence
        });
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
    // 2b. A cue with a source, then an adjunct or the person addressed, then a comma and
    //     the quotation: "Beck joked, again using an exaggerated Southern accent, “Amen,
    //     brother!”", "Htay Oo told the Reuters news agency simply, "We lost."". The
    //     role tagger gave the cue no content; nothing but those words (no finite verb,
    //     no quotation, at most a dozen tokens) stands between it and the marks.
    for a in found
        .iter_mut()
        .filter(|a| a.content.is_empty() && a.source.is_some())
    {
        let Some(cue) = a.cue else { continue };
        let block = &prepared.blocks[a.block];
        let cue_end = block.tokens_in(cue).end;
        let next = top.iter().position(|q| {
            q.paragraph == a.block && q.open.is_some_and(|o| o > cue_end && o <= cue_end + 12)
        });
        let Some(i) = next else { continue };
        let open = top[i].open.unwrap_or_default();
        let tags = block.tags(text);
        let adjunct_only = matches!(block.lower(open - 1), "," | ":")
            && (cue_end..open).all(|t| block.quote_depth[t] == 0 && !tags[t].is_finite());
        if adjunct_only && !claimed[i] {
            claimed[i] = true;
            a.content.push(top[i].outer);
        }
    }
    // 3. A cue whose content the role tagger missed, in the plain shapes grammar settles:
    //    "According to X, Y." and "X told reporters the plan would fail."
    for a in found.iter_mut().filter(|a| a.content.is_empty()) {
        content_by_grammar(text, prepared, a);
    }
    // … and the same shape where the role tagger took the part before the attribution
    // but stopped at it: "The middle fifth paid 8.9 percent, the agency said in a June
    // report, and those in the bottom fifth paid 0.8 percent."
    for a in found.iter_mut().filter(|a| a.content.len() == 1) {
        if let Some((head, Some(rest))) = parenthetical_attribution(text, prepared, a)
            && a.content[0].end == head.end
            && a.content[0].start >= head.start
            && !cues.iter().any(|c| rest.contains(*c))
        {
            a.content.push(rest);
        }
    }
    found.retain(|a| !a.content.is_empty());
    // 3b. Reported speech put before its attribution, without quotation marks, when the
    //     taggers found no cue there: "The vote was rigged, he claimed."
    let trailing = trailing_attributions(text, prepared, &found);
    found.extend(trailing);

    // 4. “…!” X shouted to the crowd. “…”: a quotation that ends right before the
    //    attribution of the quotation after it is the same speaker's.
    for a in found.iter_mut() {
        let (Some(cue), Some(first)) = (a.cue, a.content.first().copied()) else {
            continue;
        };
        let attribution_start = a.source.map_or(cue.start, |s| s.start.min(cue.start));
        if first.start < cue.end {
            continue;
        }
        let block = &prepared.blocks[a.block];
        // Between the quotation and the cue: the source and its description, no other
        // quotation, no end of sentence.
        let before = top.iter().position(|q| {
            q.paragraph == a.block
                && q.outer.end <= attribution_start
                && statement_words(block, q) >= MIN_STATEMENT_WORDS
                && {
                    let gap = block.tokens_in(Span::new(q.outer.end, cue.start));
                    let cue_sentence = sentence_of_byte(block, cue.start) as u32;
                    // The quotation is said, not named at the end of another sentence
                    // ("…according to his book ''The Art of the Deal.'' Mr. Trump said…"):
                    // it opens its sentence or shares the cue's.
                    let said = q.open.is_none_or(|o| {
                        opens_sentence(block, o) || block.sentence_of[o] == cue_sentence
                    });
                    said && gap.len() <= 25
                        && gap.clone().all(|t| block.sentence_of[t] == cue_sentence)
                        && !top.iter().any(|other| {
                            other.paragraph == a.block
                                && other.outer.start >= q.outer.end
                                && other.outer.end <= cue.start
                                && statement_words(block, other) >= MIN_STATEMENT_WORDS
                        })
                        && !cues
                            .iter()
                            .any(|c| c.start >= q.outer.end && c.start < cue.start)
                }
        });
        if let Some(i) = before
            && !claimed[i]
            && top[i].close.is_some()
        {
            claimed[i] = true;
            a.content.insert(0, top[i].outer);
        }
    }

    // 5. A paragraph that is one quotation and nothing else, right after a paragraph whose
    //    last statement ends in a quotation, goes on with that speaker:
    //    “No one is writing songs for Hillary,” he said. / “Right now, the vote is…”
    for i in 0..top.len() {
        let q = top[i];
        if claimed[i] || q.continues || q.paragraph == 0 {
            continue;
        }
        let block = &prepared.blocks[q.paragraph];
        if !is_whole_paragraph(block, q) || block.is_headline {
            continue;
        }
        let previous = found
            .iter_mut()
            .filter(|a| a.block + 1 == q.paragraph && a.cue.is_some())
            .max_by_key(|a| a.content_hull().map_or(0, |h| h.end));
        let Some(a) = previous else { continue };
        let prev_block = &prepared.blocks[a.block];
        let ends_in_quote = ends_in_quotation(&top, a);
        // Its last statement must also be the paragraph's last words.
        let last_end = a.content_hull().map_or(0, |h| h.end);
        let tail_plain = a.cue.is_some_and(|c| {
            c.start > last_end || {
                let after = prev_block.token_at_or_after(last_end);
                (after..prev_block.len()).all(|t| prev_block.tokens[t].kind == TokenKind::Punct)
            }
        });
        if ends_in_quote && tail_plain {
            claimed[i] = true;
            a.content.push(q.outer);
            extend_over_paragraphs(&top, &mut claimed, i, &mut a.content);
        }
    }

    // 5b. A quotation that runs over paragraphs is one statement whichever step or
    //     tagger found a part of it: a statement holding a quotation left open at the end
    //     of its paragraph takes the paragraphs that continue it (“… / “… / “…” after
    //     "Jones said: “…"), and one holding a continuation takes the paragraphs it
    //     continues (“… / “…,” said Lopez: both are Lopez's). Without this the
    //     continuations were lost: step 6 leaves them to the statement they continue.
    for a in found.iter_mut() {
        extend_both_ways(&top, &mut claimed, a);
    }

    // 5b. "Christie… blasted Clinton as a “disgrace”": a quotation no attribution holds,
    //     right after "as", in the frame of a verb that characterizes its object. The
    //     words are the subject's; refine finds the subject as it does for any cue
    //     without a source.
    for i in 0..top.len() {
        if claimed[i] || top[i].continues {
            continue;
        }
        if let Some((cue, object_start)) = characterized_as(text, prepared, top[i]) {
            claimed[i] = true;
            found.push(Attribution {
                block: top[i].paragraph,
                cue: Some(cue),
                source: None,
                content: vec![Span::new(object_start, top[i].outer.end)],
            });
        }
    }

    // 6. Quotations no attribution holds: a dash names the speaker, or nobody does.
    for i in 0..top.len() {
        let q = top[i];
        if claimed[i] || q.continues {
            continue;
        }
        let block = &prepared.blocks[q.paragraph];
        // A short quotation is a scare quote or a title, unless a dash names who said it
        // (“It was terrifying.” — Carlos Mendez).
        let dash = dash_attribution(text, block, q).filter(|_| {
            // Short, it must be a sentence of its own ("The “elites” — Smith and Jones —
            // met" is a scare quote before a parenthesis).
            statement_words(block, q) >= MIN_STATEMENT_WORDS
                || q.open.is_some_and(|o| opens_sentence(block, o))
        });
        if block.is_headline
            || (dash.is_none()
                && (statement_words(block, q) < MIN_STATEMENT_WORDS
                    || reads_as_a_title(text, block, q)
                    || credited_to_an_author(text, block, q)))
        {
            continue;
        }
        claimed[i] = true;
        let mut content = vec![q.outer];
        extend_over_paragraphs(&top, &mut claimed, i, &mut content);
        let (cue, source) = match dash {
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

/// The token "as" right before the quotation opening at `open`, an article between
/// allowed ("as a “disgrace”"), if there is one.
fn as_before_quotation(block: &Block, open: usize) -> Option<usize> {
    let mut as_at = open.checked_sub(1)?;
    if matches!(block.lower(as_at), "a" | "an" | "the") {
        as_at = as_at.checked_sub(1)?;
    }
    (block.lower(as_at) == "as").then_some(as_at)
}

/// The part is an object of a few words, "as" (and an article) and a quotation that ends
/// it: "Clinton as a “disgrace”".
fn characterization_ends(text: &str, prepared: &Prepared, block_index: usize, part: Span) -> bool {
    let block = &prepared.blocks[block_index];
    let Some(open) = prepared
        .quotations
        .iter()
        .find(|q| q.paragraph == block_index && q.outer.end == part.end && q.depth == 0)
        .and_then(|q| q.open)
    else {
        return false;
    };
    let Some(as_at) = as_before_quotation(block, open) else {
        return false;
    };
    let first = block.token_at_or_after(part.start);
    let tags = block.tags(text);
    first < as_at
        && as_at - first <= MAX_CHARACTERIZED_OBJECT
        && (first..as_at).all(|t| !tags[t].is_verb() && block.quote_depth[t] == 0)
}

/// The longest object a characterizing verb takes before "as" ("32% of Republican claims
/// as “false”"), in tokens.
const MAX_CHARACTERIZED_OBJECT: usize = 8;

/// "blasted Clinton as a “disgrace”", "has been steadily pounding Trump as a “con artist”",
/// "rated 22% of Democratic claims as “entirely true”": the cue (the verb, active and not a
/// form of "be" or "have") and the start of its object, when the quotation `q` follows
/// "as" (and an article) after an object of a few words right after that verb.
fn characterized_as(text: &str, prepared: &Prepared, q: &Quotation) -> Option<(Span, usize)> {
    use crate::pos::Tag;
    let open = q.open?;
    q.close?;
    let block = &prepared.blocks[q.paragraph];
    if block.is_headline {
        return None;
    }
    let as_at = as_before_quotation(block, open)?;
    // Not "words such as “ambassador”", "as well as".
    if as_at == 0 || matches!(block.lower(as_at - 1), "such" | "well" | "so" | "same") {
        return None;
    }
    let sentence_start = block.sentences[block.sentence_of[as_at] as usize].start;
    let tags = block.tags(text);
    // Back over the object to the verb.
    let mut verb = as_at;
    loop {
        if verb == sentence_start || as_at - verb > MAX_CHARACTERIZED_OBJECT {
            return None;
        }
        verb -= 1;
        let tag = tags[verb];
        if block.quote_depth[verb] > 0 || block.tokens[verb].kind != TokenKind::Word {
            // Only words (and the % of a figure) stand in the object.
            if block.tokens[verb].text(text) != "%" {
                return None;
            }
            continue;
        }
        if tag.is_verb() {
            break;
        }
    }
    let object_start = verb + 1;
    // A noun phrase: not "referred to as", "going after Trump as", "ask what counts as".
    let noun_phrase = object_start < as_at
        && !matches!(tags[object_start], Tag::In | Tag::To | Tag::Rb | Tag::Rp)
        && matches!(
            tags[as_at - 1],
            Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Nnps | Tag::Prp
        )
        && (object_start..as_at).all(|t| tags[t] != Tag::Wh);
    let active = matches!(tags[verb], Tag::Vbd | Tag::Vbz | Tag::Vbp | Tag::Vbg);
    let auxiliary = matches!(
        block.lower(verb),
        "is" | "was" | "are" | "were" | "be" | "been" | "being" | "has" | "have" | "had"
    );
    (noun_phrase && active && !auxiliary && verb > sentence_start).then(|| {
        (
            block.tokens[verb].span,
            block.tokens[object_start].span.start,
        )
    })
}

/// '“Posthumous books could come with a lot of dollar signs,” by Boston Globe's Joseph P.
/// Kahn': a quotation credited with "by" and a name is the title of a work (an article, a
/// book, a song) — the reading lists of newsletters are made of them; nobody said it.
fn credited_to_an_author(text: &str, block: &Block, q: &Quotation) -> bool {
    let Some(close) = q.close else { return false };
    let mut next = close + 1;
    if next < block.len() && block.lower(next) == "," {
        next += 1;
    }
    next + 1 < block.len()
        && block.lower(next) == "by"
        && block.tokens[next + 1]
            .text(text)
            .starts_with(char::is_uppercase)
}

/// “How the Grinch Stole Christmas,” / ''Secret Lives of the Super Rich,'': words in Title
/// Case (every word capitalised but short function words, two or more capitalised after
/// the first) name a book, a show or a headline; nobody said them. Out of fold on PolNeAR
/// train such unattributed quotations were 19 false alarms against 9 statements.
fn reads_as_a_title(text: &str, block: &Block, q: &Quotation) -> bool {
    in_title_case(text, block, q, 2)
}

/// The quotation's words are capitalised but for short function words, with at least
/// `capitalised_after_first` capitalised after the first word.
fn in_title_case(text: &str, block: &Block, q: &Quotation, capitalised_after_first: usize) -> bool {
    let tokens = block.tokens_in(q.inner);
    let words: Vec<&str> = tokens
        .filter(|&t| block.tokens[t].kind == TokenKind::Word)
        .map(|t| block.tokens[t].text(text))
        .collect();
    let capitalised = |w: &&str| w.starts_with(char::is_uppercase);
    let small = |w: &&str| {
        matches!(
            w.to_lowercase().as_str(),
            "a" | "an"
                | "the"
                | "of"
                | "in"
                | "on"
                | "and"
                | "or"
                | "to"
                | "for"
                | "is"
                | "at"
                | "by"
                | "with"
                | "from"
                | "as"
                | "but"
                | "nor"
                | "vs"
        )
    };
    words.len() >= 2
        && words.iter().all(|w| capitalised(w) || small(w))
        && words.iter().skip(1).filter(|w| capitalised(w)).count() >= capitalised_after_first
}

/// Whether a cue's words hold a verb of speech or belief of the lexicon, which takes a
/// clause ("said", "told", "believes"), rather than a stance or an act ("praised").
fn takes_a_clause(lexicon: &CueLexicon, words: &[&str]) -> bool {
    (0..words.len()).any(|k| {
        lexicon
            .match_at(&words[k..])
            .is_some_and(|(entry, _)| matches!(entry.class, CueClass::Speech | CueClass::Belief))
    })
}

/// The content grammar alone gives a cue the role tagger left without one (step 3 of
/// [`complete`]): the sentence around an attribution set inside it, or the clause after a
/// verb of speech ([`clause_of_cue`]). Leaves the content empty when neither shape fits.
fn content_by_grammar(text: &str, prepared: &Prepared, a: &mut Attribution) {
    // "She was not surprised, her advisers said Friday, because…": an attribution set
    // inside a sentence that goes on after it reports the whole sentence, not the words
    // after its cue ("Friday, because…").
    if let Some((head, Some(rest))) = parenthetical_attribution(text, prepared, a)
        && only_an_adjunct_after_cue(text, prepared, a, head, rest)
    {
        a.content.extend([head, rest]);
        return;
    }
    clause_of_cue(text, prepared, a);
    if a.content.is_empty()
        && let Some((head, rest)) = parenthetical_attribution(text, prepared, a)
    {
        a.content.push(head);
        a.content.extend(rest);
    }
}

/// "…according to his book ''The Art of the Deal.'' Mr. Trump said a smaller Gulfstream
/// jet would have cost more…": the role tagger, drawn to quotation marks, may give a cue
/// a quotation of another sentence while the cue's own sentence reports a clause.
/// - When every part of the content lies outside the cue's sentence and grammar finds the
///   content inside it ([`content_by_grammar`]), that content replaces the tagger's; the
///   quotation is then free for its own attribution.
/// - When some parts lie inside and the others outside, the outside parts before the cue
///   that another attribution's content also holds are that attribution's ("“…,” Brafman
///   said, “I have never had…” Reluctantly, Brafman said he had come to…"). Parts after
///   it may be the speaker's words going on, and stay.
fn own_sentence_before_another(text: &str, prepared: &Prepared, found: &mut [Attribution]) {
    for k in 0..found.len() {
        let a = &found[k];
        let Some(cue) = a.cue else { continue };
        let block = &prepared.blocks[a.block];
        let cue_tokens = block.tokens_in(cue);
        if a.content.is_empty() || cue_tokens.is_empty() {
            continue;
        }
        // Words, not marks: a quotation's opening '' may be split onto the sentence before.
        let sentence = block.sentence_of[cue_tokens.start];
        let inside = |part: Span| {
            block.tokens_in(part).any(|t| {
                block.sentence_of[t] == sentence && block.tokens[t].kind == TokenKind::Word
            })
        };
        if a.content.iter().all(|&part| !inside(part)) {
            let mut own = Attribution {
                content: Vec::new(),
                ..a.clone()
            };
            content_by_grammar(text, prepared, &mut own);
            if !own.content.is_empty() {
                found[k] = own;
            }
            continue;
        }
        let held_by_another = |part: Span| {
            found.iter().enumerate().any(|(j, other)| {
                j != k
                    && other.block == a.block
                    && other.content.iter().any(|p| p.overlap(part) > 0)
            })
        };
        let kept: Vec<Span> = a
            .content
            .iter()
            .copied()
            .filter(|&part| inside(part) || part.end > cue.start || !held_by_another(part))
            .collect();
        if kept.len() < found[k].content.len() {
            found[k].content = kept;
        }
    }
}

/// Fill in the content of a cue the role tagger left without one, when grammar alone
/// settles it: "According to X, Y." (X the source, Y the content) with the cue opening its
/// sentence, and a verb of speech or belief followed by its clause ("X told reporters the
/// plan would fail", "X said on Sunday that…"). The role tagger learned these shapes from
/// PolNeAR's long news sentences and misses them when the clause is short; anything less
/// plain is left alone (the cue is then dropped, as before).
fn clause_of_cue(text: &str, prepared: &Prepared, a: &mut Attribution) {
    let Some(cue) = a.cue else { return };
    let block = &prepared.blocks[a.block];
    let cue_tokens = block.tokens_in(cue);
    if cue_tokens.is_empty() || block.quote_depth[cue_tokens.start] > 0 {
        return;
    }
    let sentence = &block.sentences[block.sentence_of[cue_tokens.start] as usize];
    if block.lower(sentence.end - 1) == "?" {
        return;
    }
    // The clause ends before the sentence's closing punctuation.
    let mut end = sentence.end;
    while end > cue_tokens.end && block.tokens[end - 1].kind == TokenKind::Punct {
        end -= 1;
    }
    let is_comma = |i: usize| block.tokens[i].kind == TokenKind::Punct && block.lower(i) == ",";
    let tags = block.tags(text);
    use crate::pos::Tag;
    let is_verb = |i: usize| {
        matches!(
            tags[i],
            Tag::Vb | Tag::Vbd | Tag::Vbz | Tag::Vbp | Tag::Vbn | Tag::Vbg | Tag::Md
        )
    };
    let plain_clause = |range: std::ops::Range<usize>| {
        let words = range
            .clone()
            .filter(|&i| block.tokens[i].kind == TokenKind::Word)
            .count();
        words >= MIN_REPORTED_WORDS
            && matches!(
                block.tokens[range.start].kind,
                TokenKind::Word | TokenKind::Number
            )
            && range.clone().any(is_verb)
            && range
                .clone()
                .all(|i| !matches!(block.tokens[i].kind, TokenKind::Quote(_)))
    };

    if block.lower(cue_tokens.start) == "according" {
        let opens = (sentence.start..cue_tokens.start)
            .all(|i| matches!(block.lower(i), "but" | "and" | "yet" | "still" | ","));
        let Some(comma) = (cue_tokens.end..end).find(|&i| is_comma(i)) else {
            return;
        };
        if !opens || comma == cue_tokens.end || !plain_clause(comma + 1..end) {
            return;
        }
        a.source = Some(block.span_of(cue_tokens.end, comma));
        a.content.push(block.span_of(comma + 1, end));
        return;
    }

    let lexicon = CueLexicon::get();
    let words: Vec<&str> = cue_tokens.clone().map(|i| block.lower(i)).collect();
    if !takes_a_clause(lexicon, &words) {
        return;
    }
    // "It's the first time a candidate has made it an issue, said Robert Egge, executive
    // director of…": a finite verb right after a comma with a name after it is inverted.
    // What was said is the clause before the comma, and the name its source. (The role
    // tagger sometimes took words of that clause for the source.)
    if let Some(comma) = cue_tokens.start.checked_sub(1)
        && comma > sentence.start
        && is_comma(comma)
        && cue_tokens.end < end
        && matches!(tags[cue_tokens.end], Tag::Nnp | Tag::Nnps)
        && matches!(tags[cue_tokens.start], Tag::Vbd | Tag::Vbz)
        && !lexicon.names_the_told(block.lower(cue_tokens.start))
    {
        let opening = clause_opening(block, &sentence.range());
        let head = opening..comma;
        let head_words = head
            .clone()
            .filter(|&i| block.tokens[i].kind == TokenKind::Word)
            .count();
        if head_words >= 3
            && plain_clause(head.clone())
            && !SUBORDINATORS.contains(&block.lower(opening))
        {
            let name_end = (cue_tokens.end..end)
                .find(|&i| !matches!(tags[i], Tag::Nnp | Tag::Nnps))
                .unwrap_or(end);
            // The source takes in an apposition that describes the name (", executive
            // director of the Alzheimer's Impact Movement"), as PolNeAR marks it.
            let source_end = if name_end + 1 < end
                && is_comma(name_end)
                && (opens_a_named_or_determined_phrase(tags[name_end + 1])
                    || matches!(tags[name_end + 1], Tag::Nn | Tag::Nns | Tag::Jj))
            {
                (name_end + 1..end).find(|&i| is_comma(i)).unwrap_or(end)
            } else {
                name_end
            };
            a.source = Some(block.span_of(cue_tokens.end, source_end));
            a.content.push(block.span_of(head.start, head.end));
        }
        return;
    }
    // "…, said Jeffrey Trimble, a senior official who…": after an inverted cue comes its
    // source, not what was said.
    if a.source.is_some_and(|s| s.start >= cue.end) {
        return;
    }
    let mut start = cue_tokens.end;
    // The person told: a pronoun or a short noun phrase ("reporters", "the BBC").
    if words.last().is_some_and(|w| lexicon.names_the_told(w)) {
        use crate::pos::Tag;
        if start < end && matches!(tags[start], Tag::Dt | Tag::PrpPoss) {
            start += 1;
        }
        let noun_start = start;
        while start < end
            && start < noun_start + 4
            && matches!(
                tags[start],
                Tag::Prp | Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Nnps | Tag::Jj
            )
        {
            start += 1;
        }
        if start == noun_start {
            return;
        }
    }
    // "said — on Twitter, as it happens — that…": an aside between dashes, then "that".
    let is_dash = |i: usize| matches!(block.lower(i), "—" | "–" | "--" | "-");
    if start < end
        && is_dash(start)
        && let Some(close) = (start + 1..end.min(start + 14)).find(|&i| is_dash(i))
        && close + 1 < end
        && block.lower(close + 1) == "that"
    {
        start = close + 1;
    }
    // "that" opens the clause, right away or after a short phrase ("on Sunday that").
    if let Some(that) = (start..end.min(start + 6))
        .take_while(|&i| !is_comma(i) && !is_verb(i))
        .find(|&i| block.lower(i) == "that")
    {
        start = that + 1;
    } else if start < end && matches!(tags[start], crate::pos::Tag::In | crate::pos::Tag::To) {
        return;
    }
    if start < end && plain_clause(start..end) {
        a.content.push(block.span_of(start, end));
    }
}

/// "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt." / "Too often, Mr.
/// Clarke said, the debate is infected…" / "People like Scott, he said.": an attribution
/// set between commas inside the sentence it reports (or after its last comma). What the
/// speaker said is the sentence around the attribution: returned are the part before it
/// and, when the sentence goes on as a clause, the part after it — not the part after an
/// inverted attribution when it describes the source ("…, said Jeffrey Trimble, a senior
/// official…"), nor narration that a participle, a relative pronoun or "a/an" opens
/// ("…, he said, adding…", "…, who…", "…, a policy that…"). [`complete`] uses them when
/// the role tagger found the cue and its source but no content, or only the part before.
fn parenthetical_attribution(
    text: &str,
    prepared: &Prepared,
    a: &Attribution,
) -> Option<(Span, Option<Span>)> {
    use crate::pos::Tag;
    let (Some(cue), Some(source)) = (a.cue, a.source) else {
        return None;
    };
    let block = &prepared.blocks[a.block];
    let cue_tokens = block.tokens_in(cue);
    let source_tokens = block.tokens_in(source);
    if cue_tokens.is_empty() || source_tokens.is_empty() {
        return None;
    }
    let sentence = &block.sentences[block.sentence_of[cue_tokens.start] as usize];
    let range = sentence.range();
    if block.lower(range.end - 1) == "?" {
        return None;
    }
    let attribution =
        source_tokens.start.min(cue_tokens.start)..source_tokens.end.max(cue_tokens.end);
    if attribution.start <= range.start || attribution.end > range.end {
        return None;
    }
    // Quoted words are for the rules over quotations, except quoted words inside a
    // paraphrase ("“Boots on the ground” would be appropriate, Carson said"): the words
    // after them are the speaker's too. Not when the quotation is a sentence of its own
    // ending in a comma ("“…,” said Russell, …"), nor when the sentence opens inside a
    // quotation begun before it, and no quotation may touch the attribution.
    let is_mark = |i: usize| matches!(block.tokens[i].kind, TokenKind::Quote(_));
    let head = range.start..attribution.start - 1;
    let quoted_words_open_it = !holds_quotation(block, attribution.start - 1..range.end)
        && (block.quote_depth[range.start] == 0 || is_mark(range.start))
        && !head.clone().any(|i| {
            is_mark(i)
                && ((i > range.start && block.lower(i - 1) == ",")
                    || (i + 1 < range.end && block.lower(i + 1) == ","))
        })
        && head
            .rev()
            .take_while(|&i| !holds_quotation(block, i..i + 1))
            .filter(|&i| block.tokens[i].kind == TokenKind::Word)
            .count()
            >= 2;
    if holds_quotation(block, range.clone()) && !quoted_words_open_it {
        return None;
    }
    let inverted = cue_tokens.start < source_tokens.start;
    let tags = block.tags(text);
    // Between the source and its cue, an auxiliary or adverb at most ("has also said").
    let (gap_start, gap_end) = if inverted {
        (cue_tokens.end, source_tokens.start)
    } else {
        (source_tokens.end, cue_tokens.start)
    };
    if gap_end.saturating_sub(gap_start) > 2
        || (gap_start..gap_end).any(|i| !matches!(tags[i], Tag::Rb | Tag::Md) && !tags[i].is_verb())
    {
        return None;
    }
    let is_comma = |i: usize| block.tokens[i].kind == TokenKind::Punct && block.lower(i) == ",";
    // A comma right before the attribution, with the clause's opening before it.
    let before = attribution.start - 1;
    if !is_comma(before) {
        return None;
    }
    let mut end = range.end;
    while end > attribution.end && block.tokens[end - 1].kind == TokenKind::Punct {
        end -= 1;
    }
    // After the attribution: adjuncts without a verb ("in a June report", "on Tuesday")
    // up to the next comma or the end of the sentence.
    let close = (attribution.end..end).find(|&i| is_comma(i)).unwrap_or(end);
    if close - attribution.end > 6 || (attribution.end..close).any(|i| tags[i].is_verb()) {
        return None;
    }
    let opening = clause_opening(block, &range);
    let head = opening..before;
    let head_words = head
        .clone()
        .filter(|&i| block.tokens[i].kind == TokenKind::Word)
        .count();
    // "Q: …", "(It's not…", "PORTLAND, Maine - On Friday…": a label, an aside or a
    // dateline is not a clause the attribution interrupts; nor is a relative pronoun a
    // source.
    let marked = head.clone().any(|i| {
        matches!(
            block.lower(i),
            ":" | "(" | ")" | "-" | "—" | "–" | "--" | ";"
        )
    });
    if head_words == 0 || marked || tags[source_tokens.start] == Tag::Wh {
        return None;
    }
    let rest = if close < end {
        close + 1..end
    } else {
        end..end
    };
    let rest_is_statement = !rest.is_empty() && {
        let first = rest.start;
        let narration = matches!(tags[first], Tag::Vbg | Tag::Wh)
            || matches!(
                block.lower(first),
                "who" | "which" | "whose" | "adding" | "citing"
            );
        // After an inverted attribution a noun phrase describes the source.
        // So does any phrase an indefinite article opens ("…, Sanders said, a policy that
        // could…").
        let apposition = matches!(block.lower(first), "a" | "an")
            || inverted
                && (matches!(tags[first], Tag::Dt | Tag::PrpPoss | Tag::Jj)
                    || tags[first].is_noun());
        !narration && !apposition && rest.clone().any(|i| tags[i].is_verb())
    };
    // Without a statement after it, the part before must be a clause of its own, not a
    // circumstance ("During the same interview, he said…", "When asked, he said…").
    let circumstance = tags[opening] == Tag::In || SUBORDINATORS.contains(&block.lower(opening));
    if !rest_is_statement && (circumstance || !head.clone().any(|i| tags[i].is_verb())) {
        return None;
    }
    // A single word before the attribution ("Now, she said, the Christians and Muslims
    // don't mix much"; "Greensboro, Sexton said, made him question…") opens the
    // statement only when a clause follows it; alone it is a vocative or a label.
    if head_words < 2 && !rest_is_statement {
        return None;
    }
    Some((
        block.span_of(head.start, head.end),
        rest_is_statement.then(|| block.span_of(rest.start, rest.end)),
    ))
}

/// Whether the words between an attribution and the part after it are only an adjunct
/// ("said Friday,", "said in a statement,") and the part before it is no circumstance:
/// then "She was not surprised, her advisers said Friday, because…" reports the whole
/// sentence. In "Speaking last week, Kiedis said his band, AKA Danger Mouse, wrote…" the
/// cue's object follows it, which [`clause_of_cue`] takes; in "…, lawmakers said Friday,
/// as they bristled at…" the part after it is narration.
fn only_an_adjunct_after_cue(
    text: &str,
    prepared: &Prepared,
    a: &Attribution,
    head: Span,
    rest: Span,
) -> bool {
    use crate::pos::Tag;
    let (Some(cue), Some(source)) = (a.cue, a.source) else {
        return false;
    };
    let block = &prepared.blocks[a.block];
    let tags = block.tags(text);
    let head_tokens = block.tokens_in(head);
    let opening = head_tokens.start;
    if matches!(tags[opening], Tag::In | Tag::Vbg | Tag::Vbn)
        || SUBORDINATORS.contains(&block.lower(opening))
    {
        return false;
    }
    // "…, lawmakers said Friday, as they bristled at…": what happened as they spoke.
    let rest_opening = block.tokens_in(rest).start;
    if matches!(
        block.lower(rest_opening),
        "as" | "while" | "when" | "after" | "before" | "amid" | "during"
    ) {
        return false;
    }
    let after = block.tokens_in(cue).end.max(block.tokens_in(source).end);
    let gap = after..block.tokens_in(rest).start.saturating_sub(1);
    gap.is_empty()
        || matches!(tags[gap.start], Tag::In | Tag::Rb)
        || ADJUNCT_OPENERS.contains(&block.lower(gap.start))
        || crate::dates::names_a_month_or_day(block.lower(gap.start))
}

/// Words besides days and months that open a time adjunct after a cue ("said last week").
const ADJUNCT_OPENERS: &[&str] = &[
    "yesterday",
    "today",
    "tonight",
    "last",
    "this",
    "earlier",
    "later",
];

/// Whether a quotation mark or quoted word lies in `range` of the block: reported speech
/// without quotation marks is what the rules over plain sentences look for.
fn holds_quotation(block: &Block, range: std::ops::Range<usize>) -> bool {
    range
        .clone()
        .any(|i| block.quote_depth[i] > 0 || matches!(block.tokens[i].kind, TokenKind::Quote(_)))
}

/// Where the clause of a sentence opens: after a leading "But", "And", "Yet" or "So".
fn clause_opening(block: &Block, range: &std::ops::Range<usize>) -> usize {
    if matches!(block.lower(range.start), "but" | "and" | "yet" | "so") {
        range.start + 1
    } else {
        range.start
    }
}

/// Subordinators that make the clause before a comma a circumstance, not what was said
/// ("When asked about the vote, he said…").
const SUBORDINATORS: &[&str] = &[
    "when", "while", "as", "after", "before", "because", "since", "if", "although", "though",
    "once", "until", "unless", "whether", "asked",
];

/// "The vote was rigged, he claimed." / "We will win, said Smith.": a sentence without
/// quotation marks whose last comma is followed by a short attribution — a source and a
/// verb of the lexicon marked `clause`, or the verb and then its source — and nothing
/// else but adjuncts ("on Tuesday", "told reporters"). The clause before the comma is the
/// content. PolNeAR, which the cue tagger learned from, writes this shape mostly with
/// quotation marks, and the tagger misses it without them; attributions the taggers
/// found (`found`) are left alone.
fn trailing_attributions(
    text: &str,
    prepared: &Prepared,
    found: &[Attribution],
) -> Vec<Attribution> {
    use crate::pos::Tag;
    let lexicon = CueLexicon::get();
    let mut out = Vec::new();
    for (b, block) in prepared.blocks.iter().enumerate() {
        for sentence in &block.sentences {
            let range = sentence.range();
            if range.is_empty()
                || matches!(block.lower(range.end - 1), "?" | ":")
                || holds_quotation(block, range.clone())
            {
                continue;
            }
            let mut end = range.end;
            while end > range.start && block.tokens[end - 1].kind == TokenKind::Punct {
                end -= 1;
            }
            // The attribution follows the last comma ("…, he claimed"), or the one before
            // when an apposition describes an inverted source ("…, said Robert Egge,
            // executive director of the Alzheimer's Impact Movement").
            let mut commas = (range.start..end).rev().filter(|&i| block.lower(i) == ",");
            let last = commas.next();
            let before_last = last.and(commas.next());
            let candidates = [
                last.map(|last| (last, end, None)),
                before_last.zip(last).map(|(b, l)| (b, l, Some(l + 1..end))),
            ];
            for (comma, end, apposition) in candidates.into_iter().flatten() {
                if end <= comma + 2 || end - comma > 9 || comma < range.start + 3 {
                    continue;
                }
                let tail: Vec<&str> = (comma + 1..end).map(|i| block.lower(i)).collect();
                let Some((k, len)) = (0..tail.len()).find_map(|k| {
                    lexicon
                        .match_at(&tail[k..])
                        .filter(|(entry, _)| entry.follows_clause)
                        .map(|(_, len)| (k, len))
                }) else {
                    continue;
                };
                let cue = comma + 1 + k..comma + 1 + k + len;
                let cue_span = block.span_of(cue.start, cue.end);
                // The clause opens the sentence, after a conjunction at most.
                let opening = clause_opening(block, &range);
                if found
                    .iter()
                    .any(|a| a.cue.is_some_and(|c| c.overlap(cue_span) > 0))
                    || SUBORDINATORS.contains(&block.lower(opening))
                    // "Hope Hicks", "the United States": a capitalised word is a name.
                    || block.tokens[cue.start].text(text).starts_with(char::is_uppercase)
                {
                    continue;
                }
                let tags = block.tags(text);
                // A finite verb: "…, conceding the race" and "pledged delegates" are not
                // attributions; inverted, only a past or present of a verb that is not "tell"
                // ("…, said Smith"; "…, told The Huffington Post" has no source).
                let finite = if k > 0 {
                    matches!(tags[cue.start], Tag::Vbd | Tag::Vbz | Tag::Vbp)
                } else {
                    matches!(tags[cue.start], Tag::Vbd | Tag::Vbz)
                        && !lexicon.names_the_told(block.lower(cue.start))
                };
                // "In the text of the post, Wallnau wrote" opens with a circumstance, not a
                // clause.
                let circumstance = matches!(tags[opening], Tag::In)
                    && !(opening..comma).any(|i| block.lower(i) == ",");
                if !finite || circumstance {
                    continue;
                }
                let nominal = |i: usize| in_noun_phrase(tags[i]);
                // The source: before the verb ("he claimed"), or after it ("said Smith") up to
                // an adjunct.
                let source = if k > 0 {
                    comma + 1..cue.start
                } else {
                    let stop = (cue.end..end)
                        .find(|&i| matches!(tags[i], Tag::In | Tag::To | Tag::Punct | Tag::Rb))
                        .unwrap_or(end);
                    cue.end..stop
                };
                let after = if k > 0 { cue.end..end } else { source.end..end };
                // Inverted, the source is a name or a determined phrase ("said Smith", "said
                // the minister"), not a bare noun (", pledged delegates").
                let inverted_ok = k > 0
                    || source
                        .clone()
                        .next()
                        .is_some_and(|i| opens_a_named_or_determined_phrase(tags[i]));
                let source_ok = !source.is_empty()
                    && inverted_ok
                    && source.len() <= 6
                    && source.clone().all(nominal)
                    && (tags[source.end - 1].is_noun() || tags[source.end - 1] == Tag::Prp);
                // Nothing after but adjuncts: no verb of a clause of the attribution's own.
                let adjuncts_only = after.clone().all(|i| !tags[i].is_verb());
                let head = range.start..comma;
                let words = head
                    .clone()
                    .filter(|&i| block.tokens[i].kind == TokenKind::Word)
                    .count();
                let clause_ok = words >= 3 && head.clone().any(|i| tags[i].is_verb());
                // The apposition describes the inverted source: it opens a noun phrase
                // ("executive director of…", "a Facebook director", "who teaches…").
                let apposition_ok = apposition.clone().is_none_or(|rest| {
                    k == 0
                        && !rest.is_empty()
                        && (opens_a_named_or_determined_phrase(tags[rest.start])
                            || matches!(tags[rest.start], Tag::Nn | Tag::Nns | Tag::Jj)
                            || block.lower(rest.start) == "who")
                });
                let clause_ok = clause_ok && apposition_ok;
                if source_ok && adjuncts_only && clause_ok {
                    out.push(Attribution {
                        block: b,
                        cue: Some(cue_span),
                        // The apposition is part of the source, as PolNeAR marks it.
                        source: Some(
                            block.span_of(
                                source.start,
                                apposition.map_or(source.end, |rest| rest.end),
                            ),
                        ),
                        content: vec![block.span_of(head.start, head.end)],
                    });
                    break;
                }
            }
        }
    }
    out
}

/// A word that can stand in a source's noun phrase: a noun, a pronoun, a determiner, an
/// adjective, a possessive or a number.
fn in_noun_phrase(tag: crate::pos::Tag) -> bool {
    use crate::pos::Tag;
    tag.is_noun()
        || matches!(
            tag,
            Tag::Prp | Tag::Dt | Tag::Jj | Tag::PrpPoss | Tag::Cd | Tag::Pos
        )
}

/// A source after an inverted cue opens with a name or a determiner ("said Smith", "said
/// the minister"), never with a bare noun (", pledged delegates").
fn opens_a_named_or_determined_phrase(tag: crate::pos::Tag) -> bool {
    use crate::pos::Tag;
    matches!(tag, Tag::Nnp | Tag::Nnps | Tag::Dt | Tag::PrpPoss | Tag::Cd)
}

/// Whether the last part of an attribution's content is mostly a quotation of its block.
fn ends_in_quotation(top: &[&Quotation], a: &Attribution) -> bool {
    a.content
        .last()
        .is_some_and(|last| mostly_quoted(top, a.block, *last))
}

/// Whether more than half of `part` (in paragraph `block`) is a quotation.
fn mostly_quoted(top: &[&Quotation], block: usize, part: Span) -> bool {
    top.iter()
        .any(|q| q.paragraph == block && q.outer.overlap(part) * 2 > part.len())
}

/// Whether quotation `q` is its paragraph, from the first token to the last mark (only
/// punctuation after it).
fn is_whole_paragraph(block: &Block, q: &Quotation) -> bool {
    q.open == Some(0)
        && q.close
            .is_some_and(|c| (c + 1..block.len()).all(|t| block.tokens[t].kind == TokenKind::Punct))
}

/// Whether at least half of `inner` lies inside `parts`.
fn covered(inner: Span, parts: &[Span]) -> bool {
    let inside: usize = parts.iter().map(|p| p.overlap(inner)).sum();
    !inner.is_empty() && inside * 2 >= inner.len()
}

/// [`extend_over_paragraphs`] from the last quotation `a` holds, and the same backwards
/// from the first: a continuation's quotation left open in the paragraph before (and the
/// one before that, while they continue) joins the front of the content.
fn extend_both_ways(top: &[&Quotation], claimed: &mut [bool], a: &mut Attribution) {
    let holds = |q: &Quotation, content: &[Span]| covered(q.inner, content);
    if let Some(i) = top
        .iter()
        .rposition(|q| q.close.is_none() && holds(q, &a.content))
    {
        extend_over_paragraphs(top, claimed, i, &mut a.content);
    }
    let Some(mut j) = top.iter().position(|q| q.continues && holds(q, &a.content)) else {
        return;
    };
    while top[j].continues {
        let paragraph = top[j].paragraph;
        let Some(k) = top
            .iter()
            .rposition(|q| q.paragraph + 1 == paragraph && q.close.is_none())
        else {
            break;
        };
        if claimed[k] || holds(top[k], &a.content) {
            break;
        }
        claimed[k] = true;
        a.content.insert(0, top[k].outer);
        j = k;
    }
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

/// “…,” he will say. / “…,” Viguerie notes. / “…?” asked Sanders. / “…,” Murphy, the head
/// of the PAC, tweeted. A quotation closed on a comma, a question or exclamation mark or a
/// dash, followed in its sentence by a speech verb of the lexicon with its subject before
/// it (after a modal or an adverb at most) or a name after it. Returns the cue and the
/// source.
fn attribution_after_quotation(text: &str, block: &Block, q: &Quotation) -> Option<(Span, Span)> {
    use crate::pos::Tag;
    let close = q.close?;
    let tags = block.tags(text);
    let lexicon = CueLexicon::get();
    let mut t = close + 1;
    let comma_after = t < block.len() && block.lower(t) == ",";
    let closed_on = block.lower(close.checked_sub(1)?);
    if !comma_after && !matches!(closed_on, "," | "?" | "!" | "—" | "–" | "--" | "…") {
        return None;
    }
    if comma_after {
        t += 1;
    }
    // “Cruz,” after "someone shouted," is what the cue before it reports.
    if let Some(open) = q.open
        && open >= 2
        && block.lower(open - 1) == ","
        && lexicon.match_at(&[block.lower(open - 2)]).is_some()
    {
        return None;
    }
    // The attribution's words: up to the end of the sentence or the next quotation mark.
    let stop = (t..block.len())
        .find(|&i| tags[i] == Tag::Quote || matches!(block.lower(i), "." | "!" | "?" | ";" | ":"))
        .unwrap_or(block.len());
    let words: Vec<&str> = (t..stop).map(|i| block.lower(i)).collect();
    let speech_at = |i: usize| {
        lexicon
            .match_at(&words[i - t..])
            .filter(|(entry, _)| entry.class == CueClass::Speech)
            .map(|(entry, len)| (entry, i..i + len))
    };
    let nominal = |i: usize| in_noun_phrase(tags[i]);
    let phrase_ok = |r: &std::ops::Range<usize>| {
        !r.is_empty()
            && r.len() <= 6
            && r.clone().all(nominal)
            && (tags[r.end - 1].is_noun() || tags[r.end - 1] == Tag::Prp)
    };
    if t >= stop {
        return None;
    }
    // Inverted: "asked Sanders", "said the 46-year-old" (but "…, told The Huffington
    // Post" names the person told, not the speaker).
    if let Some((entry, cue)) = speech_at(t)
        && matches!(tags[t], Tag::Vbd | Tag::Vbz)
        && !entry.names_the_told
    {
        let end = (cue.end..stop)
            .find(|&i| !nominal(i) || tags[i] == Tag::In)
            .unwrap_or(stop);
        let source = cue.end..end;
        let determined = source
            .clone()
            .next()
            .is_some_and(|i| opens_a_named_or_determined_phrase(tags[i]));
        return (determined && phrase_ok(&source)).then(|| {
            (
                block.span_of(cue.start, cue.end),
                block.span_of(source.start, source.end),
            )
        });
    }
    // The subject first: a pronoun, a name or a short noun phrase, ending at the first
    // word that reads as the cue ("Viguerie notes": both words look like nouns).
    if tags[t] == Tag::Prp && !matches!(block.lower(t), "he" | "she" | "they" | "i" | "we" | "it") {
        return None;
    }
    (t + 1..stop.min(t + 7)).find_map(|end| {
        let source = t..end;
        if !phrase_ok(&source) {
            return None;
        }
        let mut v = end;
        // "Murphy, the head of Right to Rise USA, tweeted": a description between commas.
        if v < stop && block.lower(v) == "," && tags[t].is_proper() {
            let closing = (v + 1..stop.min(v + 15)).find(|&i| block.lower(i) == ",")?;
            // No verb of its own ("Right to Rise" is a name).
            if (v + 1..closing).any(|i| {
                tags[i].is_verb() && !block.tokens[i].text(text).starts_with(char::is_uppercase)
            }) {
                return None;
            }
            v = closing + 1;
        }
        // "he will say", "she later wrote": the modal and the adverb are part of the cue,
        // as PolNeAR marks them.
        let cue_start = v;
        while v < stop && v - cue_start < 2 && matches!(tags[v], Tag::Md | Tag::Rb) {
            v += 1;
        }
        if v >= stop {
            return None;
        }
        let (_, cue) = speech_at(v)?;
        // A verb (a past read as a participle too: "Murphy, …, tweeted"), or a
        // plural-looking "notes" the tagger read as a noun right before the sentence ends.
        let verb = matches!(tags[v], Tag::Vb | Tag::Vbd | Tag::Vbz | Tag::Vbp | Tag::Vbn)
            || (tags[v] == Tag::Nns && cue.end == stop);
        verb.then(|| {
            (
                block.span_of(cue_start, cue.end),
                block.span_of(source.start, source.end),
            )
        })
    })
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

/// Clean the attributions with what the entities say: negated and questioning cues are not
/// statements, a source is cut to the name it holds or found as the subject when the tagger
/// missed it, a quotation introduced by a colon ("Trump was coy: “…”") gets its speaker, and
/// fragments too short to be a statement are dropped. `names` are the spans of person and
/// organization mentions, in text order.
pub fn refine(
    text: &str,
    prepared: &Prepared,
    names: &[Span],
    found: Vec<Attribution>,
) -> Vec<Attribution> {
    let cues: Vec<Span> = found.iter().filter_map(|a| a.cue).collect();
    // "X has praised Y and even called him Z": a source found inside the content of an
    // earlier attribution of the same sentence is that attribution's object; the
    // coordinated cue shares the earlier subject. Not when the earlier content holds the
    // cue too: in "Trump said Clinton once described the deal as…" Clinton is the subject
    // of a clause Trump reports, and she does the describing.
    let shared: Vec<Option<Span>> = found
        .iter()
        .map(|a| {
            let source = a.source?;
            let cue = a.cue?;
            // "…, while others argued": a subject of its own, right before its cue and
            // after a contrast, is not an earlier attribution's object.
            let block = &prepared.blocks[a.block];
            let subject = block.tokens_in(source);
            let verbless = subject.clone().all(|t| {
                !matches!(
                    block.lower(t),
                    "is" | "was" | "are" | "were" | "has" | "have" | "had" | "be" | "been"
                )
            });
            let own_subject = verbless
                && block.tokens_in(cue).start <= subject.end + 2
                && contrast_before(block, subject.start.saturating_sub(1), subject.start + 1)
                    .is_some();
            if own_subject {
                return None;
            }
            found
                .iter()
                .find(|b| {
                    b.block == a.block
                        && b.cue.is_some_and(|bc| bc.end <= source.start)
                        && b.content.iter().any(|c| c.contains(source))
                        && !b.content.iter().any(|c| c.contains(cue))
                })
                .and_then(|b| b.source)
        })
        .collect();
    // "Rep. Briscoe Cain, who wrote the bill, called the ruling “disappointing”": a cue
    // in a relative clause inside another attribution's source reports nothing of what
    // that attribution's cue reports ("called the ruling…" is not what Cain wrote).
    let outer_cues: Vec<Option<Span>> = found
        .iter()
        .map(|a| {
            let (cue, own) = (a.cue?, a.source?);
            if !matches!(own.slice(text), "who" | "which" | "that") {
                return None;
            }
            found
                .iter()
                .find(|b| b.source.is_some_and(|s| s.contains(cue) && s.contains(own)))
                .and_then(|b| b.cue)
        })
        .collect();
    let found: Vec<Attribution> = found
        .into_iter()
        .zip(shared)
        .zip(outer_cues)
        .map(|((mut a, shared), outer)| {
            if shared.is_some() {
                a.source = shared;
            }
            if let Some(outer) = outer {
                a.content.retain(|part| !part.contains(outer));
                // "…, who wrote the bill, called…": an act in the clause that describes
                // a speaker is background, not a statement, when it reports a bare
                // object.
                if content_words(prepared, &a) < 3 {
                    a.content.clear();
                }
            }
            a
        })
        .filter(|a| !a.content.is_empty())
        .collect();
    // "“I am voting for Bernie,” said Nicky Driscoll, who said Sanders is honest": a part
    // before the cue that another attribution holds, with that one's cue between the
    // part and this cue, is that attribution's, not this one's. So is a part before the
    // cue inside what an earlier cue reports: in "Thune called the vote “a missed
    // opportunity” and said his party would try again" (one subject, two verbs), the
    // quotation is what he called the vote, not what he said. (Only when a part of its
    // own is left.)
    let trimmed: Vec<Option<Vec<Span>>> = found
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let cue = a.cue?;
            let block = &prepared.blocks[a.block];
            let sentence_of = |at: usize| sentence_of_byte(block, at);
            let held_by_another = |part: &Span| {
                // Another cue between the part and this one holds it.
                let held_between = part.end <= cue.start
                    && found.iter().enumerate().any(|(j, b)| {
                        j != i
                            && b.cue
                                .is_some_and(|bc| part.end <= bc.start && bc.end <= cue.start)
                            && b.content.contains(part)
                    });
                // Another cue of the same source holds it, nearer before it than this one:
                // "called the vote “…” and said…", "promised X and said Y".
                let nearer_cue_of_the_source = found.iter().enumerate().any(|(j, b)| {
                    j != i
                        && b.block == a.block
                        && a.source.is_some()
                        && b.source == a.source
                        && b.cue.is_some_and(|bc| {
                            bc.end <= part.start && (part.end <= cue.start || bc.start > cue.start)
                        })
                        && b.content.iter().any(|c| c.contains(*part))
                });
                // "NetChoice welcomed the decision. “…,” said Chris Marchese": a part in a
                // later sentence that the attribution of its own sentence holds is that
                // one's.
                let in_a_later_sentence = part.start >= cue.end
                    && sentence_of(part.start) != sentence_of(cue.start)
                    && found.iter().enumerate().any(|(j, b)| {
                        j != i
                            && b.block == a.block
                            && b.cue.is_some_and(|bc| {
                                bc.start >= part.end
                                    && sentence_of(bc.start) == sentence_of(part.start)
                            })
                            && b.content.contains(part)
                    });
                // "DuVernay said she felt … “most people don’t know about that
                // loop-hole,” she said. “We have no context…”": a part before the cue that
                // holds another attribution's cue, outside quotation marks, is what that
                // one reports.
                let holds_another_cue = part.end <= cue.start
                    && found.iter().enumerate().any(|(j, b)| {
                        j != i
                            && b.block == a.block
                            && b.cue.is_some_and(|bc| {
                                part.contains(bc)
                                    && block.quote_depth[block.token_at_or_after(bc.start)] == 0
                            })
                    });
                // "X said officers were … “This was a targeted attack,” she told
                // reporters. “We do not believe…”": a part after another cue of a later
                // sentence, which holds it too, goes on that one's quotation.
                let held_after_a_later_cue = part.start >= cue.end
                    && found.iter().enumerate().any(|(j, b)| {
                        j != i
                            && b.block == a.block
                            && b.cue.is_some_and(|bc| {
                                bc.start >= cue.end
                                    && bc.end <= part.start
                                    && sentence_of(bc.start) != sentence_of(cue.start)
                                    && !is_negated(block, bc)
                            })
                            && b.content.contains(part)
                    });
                // "The bank kept rates unchanged, as expected, and Lagarde said policymakers
                // needed more evidence that inflation was…": a part after a later cue of
                // another source, inside more of what that cue reports, is that one's.
                // (A participle with no source of its own, "attacked Trump, saying…",
                // goes on the same report.)
                let inside_a_later_report = part.start >= cue.end
                    && found.iter().enumerate().any(|(j, b)| {
                        j != i
                            && b.block == a.block
                            && b.source.is_some()
                            && b.source != a.source
                            && b.cue.is_some_and(|bc| {
                                bc.start >= cue.end
                                    && bc.end <= part.start
                                    && !is_negated(block, bc)
                            })
                            && b.content
                                .iter()
                                .any(|c| c.contains(*part) && c.len() > part.len())
                    });
                held_between
                    || nearer_cue_of_the_source
                    || in_a_later_sentence
                    || holds_another_cue
                    || held_after_a_later_cue
                    || inside_a_later_report
            };
            let kept: Vec<Span> = a
                .content
                .iter()
                .copied()
                .filter(|part| !held_by_another(part))
                .collect();
            (!kept.is_empty() && kept.len() < a.content.len()).then_some(kept)
        })
        .collect();
    let mut found = found;
    for (a, kept) in found.iter_mut().zip(trimmed) {
        if let Some(kept) = kept {
            a.content = kept;
        }
    }
    // "Brzeski noted that energy prices had fallen faster than expected. “That gives them
    // room,” he said.": a part that runs on into a later sentence ends before a quotation
    // of that sentence which another cue reports.
    let held: Vec<(usize, Span, Span)> = found
        .iter()
        .filter_map(|b| Some((b.block, b.cue?, &b.content)))
        .flat_map(|(block, cue, content)| content.iter().map(move |c| (block, cue, *c)))
        .collect();
    for a in &mut found {
        let Some(cue) = a.cue else { continue };
        let block = &prepared.blocks[a.block];
        for part in &mut a.content {
            let cut = held
                .iter()
                .filter(|&&(b, other_cue, c)| {
                    b == a.block
                        && other_cue != cue
                        && c != *part
                        && part.start < c.start
                        && c.end <= part.end
                        && part.start >= cue.end
                        && sentence_of_byte(block, c.start) != sentence_of_byte(block, cue.start)
                        && sentence_of_byte(block, other_cue.start)
                            == sentence_of_byte(block, c.start)
                })
                .map(|&(_, _, c)| c.start)
                .min();
            if let Some(at) = cut {
                // Without the sentence's own full stop ("…than expected."), as
                // reported speech ends elsewhere; "U.S." keeps its dot.
                let kept = text[part.start..at].trim_end();
                let kept = match kept.strip_suffix(['.', ',']) {
                    Some(rest)
                        if rest.ends_with(|c: char| c.is_lowercase() || c.is_ascii_digit()) =>
                    {
                        rest
                    }
                    _ => kept,
                };
                let end = part.start + kept.len();
                if end > part.start {
                    part.end = end;
                }
            }
        }
    }
    let mut out: Vec<Attribution> = Vec::with_capacity(found.len());
    let mut unnamed_sources: Vec<Attribution> = Vec::new();
    for mut a in found {
        headline_cue_is_its_verb(prepared, &mut a);
        stop_at_next_cue(text, prepared, &cues, &mut a);
        let block = &prepared.blocks[a.block];
        let mut asked_of_subject = false;
        if let Some(cue) = a.cue {
            let first = block.tokens_in(cue).start;
            let words: Vec<&str> = block.tokens_in(cue).map(|t| block.lower(t)).collect();
            asked_of_subject = asked_of_the_subject(block, first, &words);
            let negated = is_negated(block, cue);
            // "declined to comment on the figures", "refused to say whether…": a refusal
            // to speak reports no statement either.
            let refused = matches!(
                words.first().copied(),
                Some(
                    "declined"
                        | "declines"
                        | "decline"
                        | "declining"
                        | "refused"
                        | "refuses"
                        | "refuse"
                        | "refusing"
                )
            ) && block.len() > first + 2
                && block.lower(first + 1) == "to"
                && matches!(
                    block.lower(first + 2),
                    "comment"
                        | "say"
                        | "discuss"
                        | "elaborate"
                        | "speculate"
                        | "answer"
                        | "respond"
                        | "confirm"
                        | "specify"
                        | "identify"
                        | "name"
                        | "disclose"
                        | "reveal"
                );
            // "A witness, who asked not to be named, said…": a wish to stay unnamed is not
            // what the witness said.
            let end = block.tokens_in(cue).end;
            let unnamed = matches!(words.last().copied(), Some("asked" | "requested"))
                && block.len() > end + 2
                && block.lower(end) == "not"
                && block.lower(end + 1) == "to"
                && block.lower(end + 2) == "be";
            // "Ceasefire talks stall", "Peace talks collapse": negotiations, not speech.
            let negotiations = matches!(words.as_slice(), ["talks"] | ["talk"])
                && !matches!(
                    (first + 1 < block.len()).then(|| block.lower(first + 1)),
                    Some("about" | "of" | "to" | "with" | "up" | "tough")
                );
            // "Asked if he…": the reporter's question, not a statement.
            let sentence_start = block.sentences[block.sentence_of[first] as usize].start;
            let question = words.first() == Some(&"asked") && first == sentence_start
                || asks_yes_or_no(block, first);
            if unnamed {
                // Not a statement, but its source is the subject of the sentence's next
                // verb ("…, said she heard…").
                unnamed_sources.push(a);
                continue;
            }
            if negated || refused || negotiations || question {
                continue;
            }
        }
        drop_the_reporters_question(prepared, &mut a);
        drop_narration_after_quotation(text, prepared, &mut a);
        drop_stray_fragments(text, prepared, &mut a);
        leave_the_cues_adverb(prepared, &mut a);
        reach_the_reported_verb(prepared, &mut a);
        finish_the_cues_manner(text, prepared, &mut a);
        extend_over_relative_clause(text, prepared, &mut a);
        extend_to_clause_end(text, prepared, &cues, names, &mut a);
        take_fronted_part(text, prepared, &cues, &mut a);
        stop_at_closing_bracket(text, prepared, &mut a);
        if a.content.is_empty() || !long_enough(prepared, &a) {
            continue;
        }
        if let Some(name) = inverted_source(text, block, names, &a) {
            a.source = Some(name);
        } else if a.source.is_none() {
            split_inverted_source_from_content(text, block, &mut a);
        }
        a.source = match (a.source, a.cue) {
            (Some(s), Some(cue)) => repair_source(text, block, names, s, cue),
            (source, _) => source,
        };
        if let (Some(source), Some(cue)) = (a.source, a.cue)
            && let Some(subject) = object_taken_for_participle_subject(text, block, source, cue)
            && a.content.iter().all(|c| c.overlap(subject) == 0)
        {
            a.source = Some(subject);
        }
        // A source that reached back over a relative clause the tagger had taken for
        // content leaves the content what is outside it.
        if let Some(source) = a.source
            && a.content.len() > 1
        {
            a.content.retain(|part| !source.contains(*part));
        }
        if a.source.is_none()
            && let Some(cue) = a.cue
        {
            // A participle cue ("…, saying he should…") reports the subject of its clause:
            // the source of the attribution before it in the same sentence, else the first
            // name of the sentence before the cue.
            let sentence = block.sentence_of[block.tokens_in(cue).start];
            let in_sentence = |p: &&Attribution| {
                p.block == a.block
                    && p.cue
                        .is_some_and(|c| block.sentence_of[block.tokens_in(c).start] == sentence)
            };
            let previous = out
                .iter()
                .rev()
                .find(in_sentence)
                .or_else(|| unnamed_sources.iter().rev().find(in_sentence));
            a.source = previous
                .and_then(|p| p.source)
                .or_else(|| subject_phrase_of_clause(text, block, cue, &a.content))
                .or_else(|| subject_of_finite_cue(text, block, cue, &a.content))
                .or_else(|| subject_of_participle(text, block, cue, &a.content))
                .or_else(|| subject_before(block, names, cue, &a.content));
        }
        // "Powell, asked about the election, declined…": the question is put to the
        // subject, who is not its speaker; who asked is not said.
        if asked_of_subject {
            a.source = None;
        }
        out.push(a);
    }
    // A quotation introduced by a colon after a name: "Trump was coy: “…”".
    for a in out.iter_mut().filter(|a| a.cue.is_none()) {
        let block = &prepared.blocks[a.block];
        let Some(first) = a.content.first() else {
            continue;
        };
        let open = block.tokens_in(*first).start;
        if open == 0 || block.tokens[open - 1].text(text) != ":" {
            continue;
        }
        let colon = open - 1;
        let sentence = &block.sentences[block.sentence_of[colon] as usize];
        let clause_start = (sentence.start..colon)
            .rev()
            .find(|&t| block.tokens[t].text(text) == "," && block.quote_depth[t] == 0)
            .map_or(sentence.start, |t| t + 1);
        let clause = block.span_of(clause_start, colon);
        let Some(name) = names.iter().rev().find(|n| clause.contains(**n)) else {
            continue;
        };
        let after_name = block.token_at_or_after(name.end);
        if after_name < colon && colon - after_name <= 4 {
            a.source = Some(*name);
            a.cue = Some(block.span_of(after_name, colon));
        }
    }
    out.retain(|a| !names_a_work(text, prepared, a) && !labels_the_page(text, a));
    let cues: Vec<Span> = out.iter().filter_map(|a| a.cue).collect();
    let second_statements: Vec<Attribution> = out
        .iter_mut()
        .filter_map(|a| split_at_a_second_cue(text, prepared, &cues, a))
        .collect();
    out.extend(second_statements);
    out.extend(headline_colon_attributions(text, prepared, names, &out));
    out.extend(nested_quotation_attributions(prepared, names));
    out
}

/// Participles of speech that open a second statement of the same speaker after the
/// first: "“…,” she said, adding that…", "…, arguing “…”". PolNeAR train and dev keep each
/// as an attribution of its own (11 of 11 joined contents over these words), where an
/// adjunct ("referring to…", "according to…", "drawing cheers") leaves one statement.
const SECOND_CUES: &[&str] = &[
    "adding",
    "saying",
    "arguing",
    "explaining",
    "remarking",
    "reasoning",
];

/// A content joined over ", adding" (or another of [`SECOND_CUES`], or ", going on to
/// say") after its cue is two statements: the parts before stay, the rest becomes the
/// participle's statement, with the same source. Returns that second statement, unless
/// one of `cues` (the taggers') already is its cue.
fn split_at_a_second_cue(
    text: &str,
    prepared: &Prepared,
    cues: &[Span],
    a: &mut Attribution,
) -> Option<Attribution> {
    let cue = a.cue?;
    if a.content.len() < 2 {
        return None;
    }
    let block = &prepared.blocks[a.block];
    // The first gap between parts that comes after the cue.
    let k = (1..a.content.len())
        .find(|&k| a.content[k - 1].end <= cue.start && cue.end <= a.content[k].start)?;
    let gap = block.tokens_in(Span::new(cue.end, a.content[k].start));
    let mut second: Option<(usize, usize)> = None;
    for t in gap.clone() {
        if block.quote_depth[t] > 0 || t == 0 || block.tokens[t - 1].text(text) != "," {
            continue;
        }
        let word = block.lower(t);
        if SECOND_CUES.contains(&word) {
            second = Some((t, t + 1));
            break;
        }
        // "going on to say", "went on to add".
        if matches!(word, "going" | "went")
            && t + 3 < block.len()
            && block.lower(t + 1) == "on"
            && block.lower(t + 2) == "to"
            && matches!(block.lower(t + 3), "say" | "add" | "argue")
        {
            second = Some((t, t + 4));
            break;
        }
    }
    let (first, end) = second?;
    let second_cue = block.span_of(first, end);
    // The taggers found that cue: its statement is theirs, this one only ends before it.
    if cues.iter().any(|c| c.overlap(second_cue) > 0) {
        a.content.truncate(k);
        return None;
    }
    // What follows the participle in the gap ("that…") is the second statement's too.
    let mut from = end;
    while from < gap.end && matches!(block.tokens[from].text(text), "," | ":") {
        from += 1;
    }
    let mut content: Vec<Span> = Vec::new();
    if from < gap.end {
        let mut to = gap.end;
        while to > from && matches!(block.tokens[to - 1].text(text), "," | ":") {
            to -= 1;
        }
        if to > from {
            content.push(block.span_of(from, to));
        }
    }
    content.extend(a.content.drain(k..));
    Some(Attribution {
        block: a.block,
        cue: Some(second_cue),
        source: a.source,
        content,
    })
}

/// Labels a page puts before a colon to say what kind of text follows ("WARNING: Video
/// contains graphic images.", "LONG READS: …", "VIDEO: …", "UPDATE: …"). The taggers read
/// them as a transcript's speaker labels ("PENCE: Well, look…").
const PAGE_LABELS: &[&str] = &[
    "warning",
    "note",
    "editor's note",
    "editor’s note",
    "update",
    "updated",
    "correction",
    "clarification",
    "disclosure",
    "video",
    "watch",
    "photo",
    "photos",
    "audio",
    "listen",
    "related",
    "read more",
    "see also",
    "long reads",
    "long read",
    "breaking",
    "breaking news",
    "live",
    "exclusive",
    "developing",
    "bulletin",
];

/// A page's label before a colon ([`PAGE_LABELS`]) taken for a speaker: nobody said what
/// follows it.
fn labels_the_page(text: &str, a: &Attribution) -> bool {
    let (Some(source), Some(cue)) = (a.source, a.cue) else {
        return false;
    };
    // From the source to the colon: the tagger may take one word of the label ("LONG").
    let label = text.get(source.start..cue.start).unwrap_or_default();
    cue.slice(text) == ":" && is_page_label(label)
}

/// One of [`PAGE_LABELS`], in any case.
fn is_page_label(label: &str) -> bool {
    let label = label.trim();
    PAGE_LABELS.iter().any(|l| label.eq_ignore_ascii_case(l))
}

/// Nouns that name a work right before its title: "her self-published book ''A Choice,
/// Not an Echo''", "the film “Guardians of the Galaxy”", and after a comma: "his 2002 book,
/// ''Make Your Kid a Millionaire,''".
const WORK_NOUNS: &[&str] = &[
    "book",
    "books",
    "novel",
    "memoir",
    "film",
    "films",
    "movie",
    "movies",
    "show",
    "shows",
    "series",
    "song",
    "songs",
    "album",
    "documentary",
    "play",
    "musical",
    "column",
];

/// Words besides [`WORK_NOUNS`] that introduce a work's title right before it: "starred
/// in “Guardians of the Galaxy”", "a collection called ''Yuge!: 30 Years of Doonesbury on
/// Trump.''". Not "titled": "released a memo titled “The Facts on Where the Race Stands”"
/// gives the memo's gist, and PolNeAR counts it. Never before a comma: "called, “…”" is
/// the shape of speech.
const WORK_VERBS_BEFORE_TITLE: &[&str] = &["called", "named", "in", "and"];

/// The top-level quotation that is the whole content of `a`, marks included, if it is one.
fn whole_quotation<'p>(prepared: &'p Prepared, a: &Attribution) -> Option<&'p Quotation> {
    let [part] = a.content.as_slice() else {
        return None;
    };
    prepared
        .quotations
        .iter()
        .find(|q| q.depth == 0 && q.paragraph == a.block && q.outer == *part)
}

/// A statement whose whole content is one quotation in title case right after a word
/// that names a work is that work's title: the taggers gave "Serafinowicz, who's starred in
/// “Parks and Recreation” and “Guardians of the Galaxy,” posted the clip" a statement.
fn names_a_work(text: &str, prepared: &Prepared, a: &Attribution) -> bool {
    let Some(q) = whole_quotation(prepared, a) else {
        return false;
    };
    let block = &prepared.blocks[a.block];
    let Some(open) = q.open.filter(|&o| o > 0) else {
        return false;
    };
    // After a word that names a work, one capitalised word more is title enough
    // ("the film “Guardians of the Galaxy”").
    let first_capitalised = block
        .tokens_in(q.inner)
        .find(|&t| block.tokens[t].kind == TokenKind::Word)
        .is_some_and(|t| block.tokens[t].text(text).starts_with(char::is_uppercase));
    if !first_capitalised || !in_title_case(text, block, q, 1) {
        return false;
    }
    // "his 2002 book, ''Make Your Kid a Millionaire,''": a work's noun, a comma, its title.
    let after_comma =
        open >= 2 && block.lower(open - 1) == "," && WORK_NOUNS.contains(&block.lower(open - 2));
    // "his ''Keepin' It Real'' radio program": the title names the work after it.
    let before_work = q.close.is_some_and(|close| {
        close + 1 < block.len() && WORK_AFTER_TITLE.contains(&block.lower(close + 1))
    });
    let before = block.lower(open - 1);
    WORK_NOUNS.contains(&before)
        || WORK_VERBS_BEFORE_TITLE.contains(&before)
        || after_comma
        || before_work
}

/// Nouns that name a work right after its title: "the “Keepin' It Real” radio program",
/// "the “Meet the Press” interview".
const WORK_AFTER_TITLE: &[&str] = &[
    "radio",
    "program",
    "programme",
    "show",
    "series",
    "podcast",
    "segment",
    "documentary",
    "film",
    "movie",
    "album",
    "song",
    "book",
    "column",
    "tour",
];

/// "“President Xi said to me, ‘We want a deal,’ and I believe him,” Trump wrote": a
/// quotation inside a quotation, introduced by a name and a verb of speech
/// (with "to me" or "me" after it) right before it, is what that person said — as the
/// outer speaker reports it. The outer quotation stays the outer speaker's whole. The
/// taggers do not look for cues inside quotation marks: PolNeAR's annotators rarely
/// marked these.
fn nested_quotation_attributions(prepared: &Prepared, names: &[Span]) -> Vec<Attribution> {
    let mut added = Vec::new();
    for q in prepared.quotations.iter().filter(|q| q.depth == 1) {
        let (Some(open), Some(_)) = (q.open, q.close) else {
            continue;
        };
        let block = &prepared.blocks[q.paragraph];
        // Back over "," or ":", then "to me" / "me" / "us", to the verb.
        let mut t = open;
        if t > 0 && matches!(block.lower(t - 1), "," | ":") {
            t -= 1;
        }
        if t >= 2 && block.lower(t - 2) == "to" && matches!(block.lower(t - 1), "me" | "us") {
            t -= 2;
        } else if t >= 1 && matches!(block.lower(t - 1), "me" | "us") {
            t -= 1;
        }
        let Some(verb) = t.checked_sub(1) else {
            continue;
        };
        let speech = matches!(
            block.lower(verb),
            "said"
                | "says"
                | "say"
                | "told"
                | "tells"
                | "asked"
                | "asks"
                | "added"
                | "wrote"
                | "writes"
                | "replied"
                | "answered"
                | "shouted"
                | "yelled"
        );
        if !speech || verb == 0 || block.quote_depth[verb] == 0 {
            continue;
        }
        // The speaker: a name ending right before the verb. (Not a pronoun: inside the
        // quotation it points into the speaker's story, which coreference over the
        // article does not follow.)
        let before = block.tokens[verb - 1].span;
        let source = names
            .iter()
            .find(|n| n.end == before.end && block.quote_depth[block.tokens_in(**n).start] > 0)
            .copied();
        let Some(source) = source else { continue };
        added.push(Attribution {
            block: q.paragraph,
            cue: Some(block.tokens[verb].span),
            source: Some(source),
            content: vec![q.outer],
        });
    }
    added
}

/// "Lynch: No outside influence on FBI probe into Clinton emails", "Poll: Clinton and
/// Trump in dead heat": a headline that opens with a short name and a colon attributes
/// what follows to it — the colon is the cue. Only where no attribution holds the words
/// after the colon already (a quotation after the colon has its own rule), with a
/// capitalised source of at most six words that names someone ("BOOM:", "Monday's
/// Morning Email:" are labels) and at least two words after it.
fn headline_colon_attributions(
    text: &str,
    prepared: &Prepared,
    names: &[Span],
    found: &[Attribution],
) -> Vec<Attribution> {
    let mut added = Vec::new();
    for (b, block) in prepared.blocks.iter().enumerate() {
        if !block.is_headline || block.is_empty() {
            continue;
        }
        let Some(colon) = (0..block.len()).find(|&t| block.tokens[t].text(text) == ":") else {
            continue;
        };
        let source_words = (0..colon)
            .filter(|&t| block.tokens[t].kind == TokenKind::Word)
            .count();
        let starts_capitalised = block.tokens[0].text(text).starts_with(char::is_uppercase);
        if colon == 0 || source_words == 0 || source_words > 6 || !starts_capitalised {
            continue;
        }
        // The content: to the end of the headline, without its closing period.
        let mut end = block.len();
        while end > colon + 1 && block.tokens[end - 1].kind == TokenKind::Punct {
            end -= 1;
        }
        let content_words = (colon + 1..end)
            .filter(|&t| block.tokens[t].kind == TokenKind::Word)
            .count();
        if content_words < 2 {
            continue;
        }
        let source = block.span_of(0, colon);
        if !names.iter().any(|n| source.contains(*n)) {
            continue;
        }
        let content = block.span_of(colon + 1, end);
        if found
            .iter()
            .any(|a| a.content.iter().any(|c| c.overlap(content) > 0))
        {
            continue;
        }
        added.push(Attribution {
            block: b,
            cue: Some(block.span_of(colon, colon + 1)),
            source: Some(source),
            content: vec![content],
        });
    }
    added
}

/// "…in its dealings with Central Asia, said Nargis Kassenova, an international
/// relations expert": a verb of speech right after a comma and right before a name that
/// ends the sentence or is followed by a comma is an inverted attribution, and the name
/// is its source, whatever the role tagger took before the cue (it took "Central Asia").
/// Not "…, said Clinton reached out", where a verb follows the name.
fn inverted_source(text: &str, block: &Block, names: &[Span], a: &Attribution) -> Option<Span> {
    let cue = a.cue?;
    if a.source.is_some_and(|s| s.start >= cue.end) {
        return None;
    }
    let cue_tokens = block.tokens_in(cue);
    if cue_tokens.len() != 1 || cue_tokens.start == 0 {
        return None;
    }
    let verb = cue_tokens.start;
    if block.tokens[verb - 1].text(text) != "," || block.quote_depth[verb] > 0 {
        return None;
    }
    // Not a verb whose object is the person told or the outlet ("…, told AFP", "…,
    // reports USA Today"): that name is not the speaker.
    let lexicon = CueLexicon::get();
    let word = block.lower(verb);
    let speech = lexicon
        .match_at(&[word])
        .is_some_and(|(entry, _)| entry.class == CueClass::Speech)
        && !lexicon.names_the_told(word)
        && !word.starts_with("report");
    if !speech || verb + 1 >= block.len() {
        return None;
    }
    let next = block.tokens[verb + 1].span.start;
    let name = names.iter().find(|n| n.start == next)?;
    let after = block.token_at_or_after(name.end);
    let sentence_end = block.sentences[block.sentence_of[verb] as usize].end;
    let ends = after >= sentence_end
        || matches!(block.tokens[after].text(text), "," | "." | "!" | "?" | ";")
            && (after + 1 >= sentence_end
                || block.tokens[after].text(text) == ","
                || block.tokens[after].text(text) == ";");
    ends.then_some(*name)
}

/// "Part of the problem, say experts like Paul Bauman, a Canadian geophysicist, is the
/// ground itself": after an inverted cue set between commas, the tagger may run the content
/// on over the source. The source is the noun phrase right after the cue (with its
/// apposition), and what was said resumes at the first comma followed by a verb.
fn split_inverted_source_from_content(text: &str, block: &Block, a: &mut Attribution) {
    use crate::pos::Tag;
    let Some(cue) = a.cue else { return };
    let cue_tokens = block.tokens_in(cue);
    if cue_tokens.is_empty() || cue_tokens.start == 0 || block.lower(cue_tokens.start - 1) != "," {
        return;
    }
    let speech = CueLexicon::get()
        .match_at(&[block.lower(cue_tokens.start)])
        .is_some_and(|(entry, _)| entry.class == CueClass::Speech);
    let Some(k) = a
        .content
        .iter()
        .position(|p| block.tokens_in(*p).start == cue_tokens.end && p.start >= cue.end)
    else {
        return;
    };
    let part = block.tokens_in(a.content[k]);
    let tags = block.tags(text);
    // (A part with no token, left at the block's end by a cue that ends it, has no word
    // to test.)
    if !speech
        || part.is_empty()
        || !matches!(
            tags[part.start],
            Tag::Dt | Tag::Jj | Tag::Cd | Tag::PrpPoss | Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Nnps
        )
    {
        return;
    }
    let resumes = (part.start + 1..part.end).find(|&i| {
        block.lower(i - 1) == ","
            && block.quote_depth[i] == 0
            && (tags[i].is_verb() || tags[i] == Tag::Md)
            && tags[i] != Tag::Vbg
    });
    let Some(resume) = resumes else { return };
    let source_end = resume - 1;
    if source_end - part.start > 15
        || (part.start..source_end).any(|i| tags[i].is_verb() || block.quote_depth[i] > 0)
    {
        return;
    }
    a.source = Some(block.span_of(part.start, source_end));
    a.content[k] = block.span_of(resume, part.end);
}

/// "Trump calls talks with Xi ‘very productive’": in a headline, where the part-of-speech
/// tagger reads "calls talks" as nouns and verb, the cue tagger took both words for the
/// cue. A cue that opens with a verb of the cue lexicon and goes on past the lexicon's
/// phrase ends with that phrase; the words after it open the content.
fn headline_cue_is_its_verb(prepared: &Prepared, a: &mut Attribution) {
    let block = &prepared.blocks[a.block];
    let (true, Some(cue), Some(first)) = (block.is_headline, a.cue, a.content.first().copied())
    else {
        return;
    };
    let tokens = block.tokens_in(cue);
    if tokens.len() < 2 || first.start < cue.end {
        return;
    }
    let words: Vec<&str> = tokens.clone().map(|t| block.lower(t)).collect();
    let Some((entry, len)) = CueLexicon::get().match_at(&words) else {
        return;
    };
    if len >= words.len() || entry.class != CueClass::Speech || !words[0].ends_with('s') {
        return;
    }
    // "hints at", "apologizes for", "refuses to": a particle belongs to the verb.
    let rest = tokens.start + len;
    if block.tokens[rest].kind != TokenKind::Word
        || matches!(
            block.lower(rest),
            "to" | "at"
                | "for"
                | "of"
                | "on"
                | "about"
                | "with"
                | "in"
                | "over"
                | "from"
                | "up"
                | "out"
                | "back"
                | "off"
                | "down"
                | "against"
                | "into"
        )
    {
        return;
    }
    a.cue = Some(block.span_of(tokens.start, rest));
    a.content[0] = Span::new(block.tokens[rest].span.start, first.end);
}

/// "did not say who", "never said", "didn't suggest": a negated cue reports no statement.
fn is_negated(block: &Block, cue: Span) -> bool {
    let tokens = block.tokens_in(cue);
    let negation =
        |w: &str| matches!(w, "not" | "never" | "n't") || w.ends_with("n't") || w.ends_with("n’t");
    tokens.clone().any(|t| negation(block.lower(t)))
        || tokens
            .start
            .checked_sub(1)
            .is_some_and(|t| matches!(block.lower(t), "not" | "never" | "n't"))
}

/// "When asked about the deal, …", "Powell, asked about the election, declined…", "Trump
/// was asked to condemn the group": "asked" in the passive puts a question to the person
/// named, who is not its speaker; who asked is not said. PolNeAR annotates such a
/// question with its topic as the content and no source, so it is kept that way (dropping
/// them cost 0.17 content F1 out of fold, 53 attributions right but for the source). The
/// active "Hannity asked Trump whether…" and the inverted "“Why?” asked Trump" keep
/// their speaker.
fn asked_of_the_subject(block: &Block, first: usize, words: &[&str]) -> bool {
    let Some(k) = words.iter().position(|w| *w == "asked") else {
        return false;
    };
    let asked = first + k;
    let before = asked.checked_sub(1).map(|t| block.lower(t));
    let after = (asked + 1 < block.len()).then(|| block.lower(asked + 1));
    let passive = matches!(
        before,
        Some("was" | "were" | "is" | "are" | "be" | "been" | "being" | "get" | "gets" | "got")
    );
    let when_asked = matches!(
        before,
        Some("when" | "whenever" | "while" | "once" | "if" | "after" | "before" | "unless")
    );
    // After a comma only with what a question to someone goes on with: "…, asked about
    // X," — never the inverted cue of a quotation ("“Is it fair,” asked Smith").
    let appositive = before == Some(",")
        && block.quote_depth[asked] == 0
        && matches!(
            after,
            Some("about" | "whether" | "if" | "why" | "what" | "how" | "who" | "to" | "for")
        );
    passive || when_asked || appositive
}

/// The cue's sentence is the writer's yes-or-no question ("Did Hain tell reporters the
/// plan would fail?"): an auxiliary opens it and a question mark closes it, outside any
/// quotation. It asks whether something was said; it does not report it.
fn asks_yes_or_no(block: &Block, cue: usize) -> bool {
    let sentence = &block.sentences[block.sentence_of[cue] as usize];
    let last = sentence.end - 1;
    block.quote_depth[cue] == 0
        && block.quote_depth[last] == 0
        && block.lower(last) == "?"
        && matches!(
            block.lower(sentence.start),
            "did"
                | "does"
                | "do"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "is"
                | "was"
                | "are"
                | "were"
                | "can"
                | "could"
                | "should"
        )
}

/// "David Duke (who said the candidate would win easily) and several hundred
/// protesters": a cue inside brackets reports no further than the bracket that closes
/// them. Content parts after it are dropped, a part across it is cut there.
fn stop_at_closing_bracket(text: &str, prepared: &Prepared, a: &mut Attribution) {
    let Some(cue) = a.cue else { return };
    let block = &prepared.blocks[a.block];
    let at = block.tokens_in(cue).start;
    let sentence_start = block.sentences[block.sentence_of[at] as usize].start;
    // The bracket the cue stands in: an opening one before it, in its sentence, not
    // closed before it.
    let mut depth = 0usize;
    let mut opened = false;
    for t in (sentence_start..at).rev() {
        match block.tokens[t].text(text) {
            ")" => depth += 1,
            "(" if depth == 0 => {
                opened = true;
                break;
            }
            "(" => depth -= 1,
            _ => {}
        }
    }
    if !opened {
        return;
    }
    let Some(close) = (at..block.len()).find(|&t| block.tokens[t].text(text) == ")") else {
        return;
    };
    let limit = block.tokens[close].span.start;
    if a.content.iter().all(|c| c.end <= limit) {
        return;
    }
    a.content.retain(|c| c.start < limit);
    for part in &mut a.content {
        if part.end > limit {
            let last = block.tokens_in(Span::new(part.start, limit)).end;
            // Up to the last token before the bracket.
            part.end = block.tokens[last.max(1) - 1].span.end.min(limit);
        }
    }
    a.content.retain(|c| c.start < c.end);
}

/// Reported speech ends where the next attribution begins: "has praised the Russian leader
/// and even called him…" — the content of "praised" stops before "and even called".
fn stop_at_next_cue(text: &str, prepared: &Prepared, cues: &[Span], a: &mut Attribution) {
    let Some(own) = a.cue else { return };
    let block = &prepared.blocks[a.block];
    for part in &mut a.content {
        // Every other cue inside the part, in order: the first may be nested in what is
        // reported ("said that there appeared to be…") while a later one opens a clause
        // of its own ("…, whereas Petraeus acknowledged…").
        let mut inner: Vec<Span> = cues
            .iter()
            .copied()
            .filter(|c| *c != own && part.start < c.start && c.start < part.end)
            .collect();
        inner.sort_by_key(|c| c.start);
        for (k, next) in inner.into_iter().enumerate() {
            if let Some(end) = end_before_cue(text, block, *part, next, k == 0) {
                *part = end;
                break;
            }
        }
    }
}

/// Where `part` ends if the cue `next` inside it opens another attribution rather than
/// one nested in what is reported; `None` when the part goes on over it. `first`: `next`
/// is the first cue inside the part.
fn end_before_cue(
    text: &str,
    block: &Block,
    part: Span,
    next: Span,
    first_cue: bool,
) -> Option<Span> {
    let t = block.token_at_or_after(next.start);
    if t >= block.len() || block.quote_depth[t] > 0 {
        return None;
    }
    // Back over the words that join the two clauses ("and even", ", also").
    let mut end = t;
    let mut coordinated = false;
    let first = block.token_at_or_after(part.start);
    while end > first
        && (TRAILING_SPILL.contains(&block.lower(end - 1))
            || matches!(block.tokens[end - 1].text(text), "," | ";" | "—" | "–"))
    {
        coordinated |= matches!(block.lower(end - 1), "and" | "but" | ";");
        end -= 1;
    }
    // "Some warned that taxes could slow hiring, while others argued…": a cue whose
    // subject follows a contrast is another group's view, not part of this one's.
    if let Some(w) = contrast_before(block, first, t) {
        let mut stop = w;
        while stop > first && matches!(block.tokens[stop - 1].text(text), "," | ";") {
            stop -= 1;
        }
        return (stop > first).then(|| block.span_of(first, stop));
    }
    // A cue coordinated with this one ("vowed to end the war, and criticized Biden")
    // ends the content. Only the first cue inside it: after a cue nested in what is
    // reported, a coordinated verb is more often that clause's ("said that she's glad
    // Clinton appeared to be better and looks forward to…").
    if coordinated {
        if !first_cue {
            return None;
        }
        return (end > first).then(|| block.span_of(first, end));
    }
    // So does a clause of its own joined to this one: "…pledged delegates alone, and they
    // say that…", "…about the project, but officials said…". PolNeAR never reads such a
    // clause as part of the first content (0 of 152 on train). A bare "and" is left: it
    // joins subjects too ("which she and her aides said…").
    let subject = (t.saturating_sub(6).max(first)..t).rev().find(|&i| {
        block.quote_depth[i] == 0
            && (matches!(block.tokens[i].text(text), "," | ";" | ":")
                || matches!(block.lower(i), "and" | "but" | "that"))
    })?;
    let joined = match block.lower(subject) {
        ";" => true,
        "but" => true,
        "and" => subject > first && block.tokens[subject - 1].text(text) == ",",
        _ => false,
    };
    let mut stop = subject;
    while stop > first && matches!(block.tokens[stop - 1].text(text), "," | ";") {
        stop -= 1;
    }
    (joined && stop > first && subject + 1 < t).then(|| block.span_of(first, stop))
}

/// The token of "while" or "whereas" opening the clause of the cue at token `cue`: at most
/// four tokens of subject between ("while others argued", "whereas the party's leaders
/// said"), none of them before `first`.
fn contrast_before(block: &crate::prepare::Block, first: usize, cue: usize) -> Option<usize> {
    (cue.saturating_sub(5).max(first)..cue)
        .rev()
        .find(|&i| matches!(block.lower(i), "while" | "whereas") && block.quote_depth[i] == 0)
}

/// praised Trump as a “clever and pragmatic man” who is focused on U.S. interests: a
/// relative clause hanging on the quoted words is part of what is reported.
fn extend_over_relative_clause(text: &str, prepared: &Prepared, a: &mut Attribution) {
    let Some(cue) = a.cue else { return };
    let block = &prepared.blocks[a.block];
    let Some(last) = a.content.last_mut() else {
        return;
    };
    if last.end < cue.end {
        return;
    }
    let next = block.token_at_or_after(last.end);
    let ends_on_quote = next > 0 && matches!(block.tokens[next - 1].kind, TokenKind::Quote(_));
    if !ends_on_quote
        || next >= block.len()
        || !matches!(block.lower(next), "who" | "which" | "that")
    {
        return;
    }
    let sentence = &block.sentences[block.sentence_of[next] as usize];
    let mut end = sentence.end;
    while end > next && matches!(block.tokens[end - 1].text(text), "." | "!" | "?" | ";") {
        end -= 1;
    }
    // Only to the end of the sentence, and only when no other quotation starts on the way.
    if (next..end).all(|t| block.quote_depth[t] == 0) {
        *last = Span::new(last.start, block.tokens[end - 1].span.end);
    }
}

/// Whether the tokens before `next` are a quotation closed the way news closes one before
/// its attribution: `,”` (or `?”`, `!”`).
fn ends_with_tagged_quotation(text: &str, block: &Block, next: usize) -> bool {
    next >= 2
        && matches!(block.tokens[next - 1].kind, TokenKind::Quote(_))
        && matches!(block.tokens[next - 2].text(text), "," | "?" | "!")
}

/// "criticized Biden's administration for spending billions on aid for Kyiv [to help it
/// fight back against Russia]": reported speech after its cue that stops short of the end
/// of its sentence goes on to the end of the sentence, or to the comma that sets off
/// another attribution (", officials said", ", according to X"). The taggers often stop
/// at a comma or a subordinate clause; what follows the cue up to the end of the sentence
/// is, in news, nearly always still what was said (PolNeAR train: content F1 82.7 -> 85.3).
/// A content that is only a name is left alone.
fn extend_to_clause_end(
    text: &str,
    prepared: &Prepared,
    cues: &[Span],
    names: &[Span],
    a: &mut Attribution,
) {
    let Some(cue) = a.cue else { return };
    let block = &prepared.blocks[a.block];
    let Some(last) = a.content.last_mut() else {
        return;
    };
    // "sided with Putin over intelligence officials…": a content that is only someone's
    // name is the object of the verb, not something said, and stays as it is.
    let only_a_name = names
        .iter()
        .any(|n| n.overlap(*last) * 10 >= last.len() * 9);
    // "blasted Clinton as a “disgrace” Wednesday on…": the object and its
    // characterization right after the cue end with the quotation.
    let characterized = block.tokens_in(cue).end == block.token_at_or_after(last.start)
        && characterization_ends(text, prepared, a.block, *last);
    if last.end < cue.end || only_a_name || characterized {
        return;
    }
    let next = block.token_at_or_after(last.end);
    if next >= block.len() || next == 0 {
        return;
    }
    let sentence = &block.sentences[block.sentence_of[next - 1] as usize];
    if block.sentence_of[next] != block.sentence_of[next - 1] {
        return;
    }
    let mut end = sentence.end;
    while end > next && matches!(block.tokens[end - 1].text(text), "." | "!" | "?") {
        end -= 1;
    }
    if end <= next {
        return;
    }
    let rest = block.span_of(next, end);
    for c in cues.iter().filter(|c| rest.overlap(**c) > 0) {
        let at = block.token_at_or_after(c.start);
        // Back over a short source to the comma or the "and" that sets the other
        // attribution off (", officials said"; "and even called him").
        if let Some(joint) = (next..at)
            .rev()
            .take(6)
            .find(|&t| matches!(block.lower(t), "," | "and" | "but" | ";"))
        {
            end = end.min(joint);
        } else if ends_with_tagged_quotation(text, block, next)
            && at <= next + 4
            && (next..at).all(|t| {
                block.tokens[t].kind == TokenKind::Word || block.tokens[t].text(text) == "."
            })
        {
            // "…because “most people don’t know about that loop-hole,” she said. “We
            // have…”": a cue right after a quotation closed on a comma (its source at most
            // a few words between) is that quotation's attribution, not more of this
            // content.
            end = end.min(next);
        }
    }
    // "…if he had been in office, even though he was president…": a concession after a
    // comma is the reporter's, not the speaker's — unless "that" opens a second clause
    // of the same cue ("said Obama advanced this agenda, but that there is still more
    // to do"; a demonstrative "but that is…" is the reporter's again).
    let tags = block.tags(text);
    // (The tagger reads some such "that" as a determiner: after a verb that takes a
    // clause, a verb right after it is what tells the demonstrative; "referenced a report,
    // but that report concerned…" is the reporter's.)
    let cue_words: Vec<&str> = block.tokens_in(cue).map(|t| block.lower(t)).collect();
    let takes_clause = takes_a_clause(CueLexicon::get(), &cue_words);
    let second_clause = |t: usize| {
        t + 3 < end
            && matches!(block.lower(t + 1), "but" | "yet")
            && block.lower(t + 2) == "that"
            && (tags[t + 2] == crate::pos::Tag::In || takes_clause && !tags[t + 3].is_verb())
    };
    if let Some(comma) = (next..end).find(|&t| {
        block.tokens[t].text(text) == ","
            && t + 1 < end
            && matches!(
                block.lower(t + 1),
                "even" | "although" | "though" | "despite" | "whereas" | "while" | "but" | "yet"
            )
            && !second_clause(t)
    }) {
        end = comma;
    }
    while end > next
        && matches!(
            block.tokens[end - 1].text(text),
            "," | ";" | ":" | "—" | "–"
        )
    {
        end -= 1;
    }
    if end > next {
        *last = Span::new(last.start, block.tokens[end - 1].span.end);
    }
}

/// "Even in her hometown of Miami, Ferre said, Trump has the potential to do well": an
/// attribution set off by commas inside the sentence it reports. What comes before it, from
/// the start of the sentence, is the beginning of the content the tagger found after it.
fn take_fronted_part(text: &str, prepared: &Prepared, cues: &[Span], a: &mut Attribution) {
    let (Some(cue), Some(source), Some(first)) = (a.cue, a.source, a.content.first().copied())
    else {
        return;
    };
    let block = &prepared.blocks[a.block];
    let (start, end) = (cue.start.min(source.start), cue.end.max(source.end));
    if first.start < end {
        return;
    }
    let opening = block.token_at_or_after(start);
    let closing = block.token_at_or_after(end);
    let begins = block.token_at_or_after(first.start);
    // A comma on each side, and the content right after the second one.
    if opening < 2
        || closing >= block.len()
        || block.tokens[opening - 1].text(text) != ","
        || block.tokens[closing].text(text) != ","
        || begins != closing + 1
        || block.sentence_of[opening - 1] != block.sentence_of[begins]
    {
        return;
    }
    // Only a reporting verb of the lexicon ("said", "argued", "believes") makes the clause
    // a parenthesis; "Peppered with questions, Mr. Putin lingered, …" is narration. And a
    // quotation after it is introduced by what comes before ("In a statement, X said, “…”").
    let cue_words: Vec<&str> = block.tokens_in(cue).map(|t| block.lower(t)).collect();
    let reporting = CueLexicon::get()
        .match_at(&cue_words)
        .is_some_and(|(entry, len)| len == cue_words.len() && entry.class != CueClass::Phrase);
    if !reporting || matches!(block.tokens[begins].kind, TokenKind::Quote(_)) {
        return;
    }
    let sentence = &block.sentences[block.sentence_of[opening - 1] as usize];
    let mut from = sentence.start;
    while from < opening - 1 && matches!(block.tokens[from].kind, TokenKind::Quote(_)) {
        from += 1;
    }
    let words = (from..opening - 1)
        .filter(|&t| block.tokens[t].kind == TokenKind::Word)
        .count();
    if words < 2 {
        return;
    }
    let fronted = block.span_of(from, opening - 1);
    // Another attribution, or a quotation mark, in the fronted part: not one sentence
    // interrupted by this attribution.
    if cues.iter().any(|c| fronted.overlap(*c) > 0)
        || (from..opening - 1).any(|t| block.quote_depth[t] > 0)
    {
        return;
    }
    a.content.insert(0, fronted);
}

/// "Asked whether the president would veto the bill, Jean-Pierre said, “…”": the words
/// of the clause opened by "Asked" are the reporter's question; a part of the content
/// that lies in it, before the attribution, is dropped.
fn drop_the_reporters_question(prepared: &Prepared, a: &mut Attribution) {
    let Some(cue) = a.cue else { return };
    if a.content.len() < 2 {
        return;
    }
    let block = &prepared.blocks[a.block];
    let cue_token = block.tokens_in(cue).start;
    a.content.retain(|part| {
        let first = block.tokens_in(*part).start;
        if first >= block.len() || part.start > cue.start {
            return true;
        }
        let sentence = &block.sentences[block.sentence_of[first] as usize];
        let question_end = (sentence.start + 1..cue_token)
            .find(|&t| block.lower(t) == ",")
            .filter(|_| block.lower(sentence.start) == "asked");
        question_end.is_none_or(|comma| block.tokens[comma].span.start < part.end)
    });
}

/// Content parts left of the cue that are neither quotations nor three words long are the
/// tagger's spill-over (the end of a clause the cue's subject sits in). Not the subject of
/// a sentence the attribution interrupts: in "The plan, Smith said, would cost $5 billion"
/// "The plan" is a noun phrase that opens the sentence, a comma alone stands between it and
/// the attribution, and the content goes on after the cue with the subject's verb.
fn drop_stray_fragments(text: &str, prepared: &Prepared, a: &mut Attribution) {
    let Some(cue) = a.cue else { return };
    if a.content.len() < 2 {
        return;
    }
    let block = &prepared.blocks[a.block];
    let tags = block.tags(text);
    let attribution_start = a.source.map_or(cue.start, |s| s.start.min(cue.start));
    // The part after the cue opens with the subject's verb ("…, would cost"): its sentence.
    let predicate_sentence = a.content.iter().find_map(|p| {
        let tokens = block.tokens_in(*p);
        (p.start > cue.start
            && !tokens.is_empty()
            && (tags[tokens.start].is_verb() || tags[tokens.start] == crate::pos::Tag::Md))
            .then(|| block.sentence_of[tokens.start])
    });
    let interrupted_subject = |part: &Span| {
        if part.end > attribution_start {
            return false;
        }
        let tokens = block.tokens_in(*part);
        let between = block.tokens_in(Span::new(part.end, attribution_start));
        !tokens.is_empty()
            && predicate_sentence == Some(block.sentence_of[tokens.start])
            && opens_sentence(block, tokens.start)
            && tokens.clone().all(|t| in_noun_phrase(tags[t]))
            && matches!(tags[tokens.end - 1], t if t.is_noun() || t == crate::pos::Tag::Prp)
            && !ADJUNCT_OPENERS.contains(&block.lower(tokens.start))
            && !crate::dates::names_a_month_or_day(block.lower(tokens.start))
            && between.len() == 1
            && block.lower(between.start) == ","
    };
    a.content.retain(|part| {
        let quoted = prepared.quotations.iter().any(|q| q.outer == *part);
        let words = block
            .tokens_in(*part)
            .filter(|&t| block.tokens[t].kind == TokenKind::Word)
            .count();
        quoted || part.start > cue.start || words >= 3 || interrupted_subject(part)
    });
}

/// "“There is nothing to discuss,” an official told the AP on condition of anonymity
/// because he was not authorized to speak": after a quotation and its cue, words outside
/// quotation marks are the reporter's, unless "that" or a colon opens them as more of what
/// was said.
fn drop_narration_after_quotation(text: &str, prepared: &Prepared, a: &mut Attribution) {
    let Some(cue) = a.cue else { return };
    let Some(first) = a.content.first() else {
        return;
    };
    let opens_with_quotation = first.end <= cue.start
        && prepared
            .quotations
            .iter()
            .any(|q| q.depth == 0 && q.outer.contains(*first) && first.start <= q.outer.start);
    if a.content.len() < 2 || !opens_with_quotation {
        return;
    }
    // "had served in Vietnam - ''13 months in living hell'' - and said he was convinced
    // that…": a quotation with a conjunction between it and the cue (outside the source)
    // belongs to the clause before; the cue reports the clause after it.
    // A quotation closed on a comma, "!" or "?" hands over to its attribution, whatever
    // stands between ("“…,” Blunt, after a long pause, said of Cruz").
    let first = *first;
    let block = &prepared.blocks[a.block];
    let hands_over = block
        .tokens_in(first)
        .rev()
        .find(|&t| !matches!(block.tokens[t].kind, TokenKind::Quote(_)))
        .is_some_and(|t| matches!(block.lower(t), "," | "!" | "?"));
    let detached = !hands_over
        && block.tokens_in(Span::new(first.end, cue.start)).any(|t| {
            matches!(
                block.lower(t),
                "and" | "but" | "until" | "then" | "before" | "after"
            ) && !a.source.is_some_and(|s| s.contains(block.tokens[t].span))
        });
    if detached {
        a.content.retain(|part| *part != first);
        return;
    }
    a.content.retain(|part| {
        if part.start < cue.end {
            return true;
        }
        // A quotation's later paragraphs are parts in blocks of their own.
        let Some(b) = prepared.block_containing(*part) else {
            return true;
        };
        let block = &prepared.blocks[b];
        let tokens = block.tokens_in(*part);
        if tokens.is_empty() {
            return true;
        }
        let quoted = tokens
            .clone()
            .any(|t| matches!(block.tokens[t].kind, TokenKind::Quote(_)));
        let opened = tokens.start > 0
            && (block.lower(tokens.start) == "that"
                || block.tokens[tokens.start - 1].text(text) == ":");
        quoted || opened
    });
}

/// "The chancellor is understood to have told colleagues that the budget…", "was said
/// to have warned that…": the passive is the reporter's hedge over the subject's own
/// statement. The cue runs to the speech verb, and what was said starts after the people
/// told and "that"; the subject, left as the source, is found like any subject.
fn reach_the_reported_verb(prepared: &Prepared, a: &mut Attribution) {
    let Some(cue) = a.cue else { return };
    let block = &prepared.blocks[a.block];
    let cue_tokens = block.tokens_in(cue);
    let hedged = cue_tokens.len() == 2 && hedges(block, cue_tokens.start);
    let Some(first) = a.content.first_mut() else {
        return;
    };
    let start = block.tokens_in(*first).start;
    if !hedged || start != cue_tokens.end || start + 3 > block.len() {
        return;
    }
    if block.lower(start) != "to" || block.lower(start + 1) != "have" {
        return;
    }
    let lexicon = CueLexicon::get();
    let words: Vec<&str> = (start + 2..block.len().min(start + 6))
        .map(|t| block.lower(t))
        .collect();
    let Some((entry, length)) = lexicon.match_at(&words) else {
        return;
    };
    if entry.class != CueClass::Speech {
        return;
    }
    let verb_end = start + 2 + length;
    let mut said = verb_end;
    // "told colleagues that…": the people told are not what was said.
    if lexicon.names_the_told(words[0])
        && let Some(that) = (said..block.len().min(said + 5)).find(|&t| block.lower(t) == "that")
    {
        said = that;
    }
    if said < block.len() && block.lower(said) == "that" {
        said += 1;
    }
    if said >= block.tokens_in(*first).end {
        return;
    }
    a.cue = Some(Span::new(cue.start, block.tokens[verb_end - 1].span.end));
    *first = Span::new(block.tokens[said].span.start, first.end);
}

/// Whether the words at `at` are a reporter's hedge in the passive: "is understood",
/// "was said", "are believed".
fn hedges(block: &Block, at: usize) -> bool {
    at + 1 < block.len()
        && matches!(block.lower(at), "is" | "was" | "are" | "were")
        && matches!(
            block.lower(at + 1),
            "understood" | "said" | "believed" | "reported" | "thought" | "known"
        )
}

/// "“I have been called worse,” Ms. Ortiz said with a laugh": the tagger, which learned
/// PolNeAR's "said with a grin" and "shot back with a laugh", may stop after "with". The
/// manner is part of the cue (as PolNeAR annotates it) when it is a short noun phrase that
/// ends the clause and holds none of the content.
fn finish_the_cues_manner(text: &str, prepared: &Prepared, a: &mut Attribution) {
    let Some(cue) = a.cue else { return };
    let block = &prepared.blocks[a.block];
    let cue_tokens = block.tokens_in(cue);
    if cue_tokens.len() < 2 || block.lower(cue_tokens.end - 1) != "with" {
        return;
    }
    let tags = block.tags(text);
    let mut j = cue_tokens.end;
    if j < block.len() && matches!(block.lower(j), "a" | "an" | "the") {
        j += 1;
    }
    while j < block.len() && matches!(tags[j], crate::pos::Tag::Jj) {
        j += 1;
    }
    let nouns = j;
    while j < block.len() && tags[j].is_noun() && block.tokens[j].kind == TokenKind::Word {
        j += 1;
    }
    let ends_clause = j == block.len()
        || block.tokens[j].kind == TokenKind::Punct
            && matches!(
                block.tokens[j].text(text),
                "." | "," | ";" | "!" | "?" | "—"
            );
    if j == nouns || j - cue_tokens.end > 4 || !ends_clause {
        return;
    }
    let manner = block.span_of(cue_tokens.end, j);
    if a.content.iter().any(|part| part.overlap(manner) > 0) {
        return;
    }
    a.cue = Some(Span::new(cue.start, manner.end));
}

/// "Trump has said repeatedly he wouldn't have allowed…": an adverb right after the cue
/// tells how it was said, not what; the content starts after it.
fn leave_the_cues_adverb(prepared: &Prepared, a: &mut Attribution) {
    let Some(cue) = a.cue else { return };
    let block = &prepared.blocks[a.block];
    let Some(first) = a.content.first_mut() else {
        return;
    };
    let tokens = block.tokens_in(*first);
    if tokens.len() < 4 || block.quote_depth[tokens.start] > 0 {
        return;
    }
    let cue_end = block.tokens_in(cue).end;
    let word = block.lower(tokens.start);
    let adverb = block.tokens[tokens.start].kind == TokenKind::Word
        && word.len() > 4
        && word.ends_with("ly")
        && !matches!(
            word,
            "only" | "early" | "family" | "italy" | "july" | "likely"
        );
    if cue_end == tokens.start && adverb {
        let mut start = tokens.start + 1;
        if block.lower(start) == "," {
            start += 1;
        }
        *first = Span::new(block.tokens[start].span.start, first.end);
    }
}

/// The fewest words of reported speech that make a statement: "Trump said he disagreed",
/// "Moscow agreed" and "has defended the company" are two. One-word contents are mostly
/// the tagger's debris ("which", "that", "those"). Chosen out of fold on PolNeAR train
/// (`whosaid-eval cross-validate-attribution`): at 3, content F1 75.6 (P 86.6, R 67.1); at
/// 2, 76.1 (86.1 / 68.1); at 1, 76.1 (85.9 / 68.3), with the additions mostly debris.
const MIN_REPORTED_WORDS: usize = 2;

/// Reported speech needs a few words to be a statement; a quotation needs none.
fn long_enough(prepared: &Prepared, a: &Attribution) -> bool {
    let quoted = a.content.iter().any(|part| {
        prepared
            .quotations
            .iter()
            .any(|q| q.depth == 0 && part.overlap(q.outer) > 0)
    });
    quoted || content_words(prepared, a) >= MIN_REPORTED_WORDS
}

/// The words of an attribution's content.
fn content_words(prepared: &Prepared, a: &Attribution) -> usize {
    a.content
        .iter()
        .map(|part| {
            prepared
                .blocks
                .iter()
                .find(|b| b.span.contains(*part))
                .map_or(0, |b| {
                    b.tokens_in(*part)
                        .filter(|&t| b.tokens[t].kind == TokenKind::Word)
                        .count()
                })
        })
        .sum()
}

/// A source stripped of the tagger's spill-over ("President Donald Trump on Friday" →
/// "President Donald Trump", "leader and even" → "leader"); `None` when nothing is left, or
/// when it is a noun phrase inside a prepositional phrase after the sentence's named
/// subject ("Trump in his 2024 campaign vowed": the speaker is Trump, not the campaign).
fn repair_source(
    text: &str,
    block: &Block,
    names: &[Span],
    source: Span,
    cue: Span,
) -> Option<Span> {
    let tokens = block.tokens_in(source);
    let (mut start, mut end) = (tokens.start, tokens.end);
    while start < end && LEADING_SPILL.contains(&block.lower(start)) {
        start += 1;
    }
    let opened = |upto: usize| {
        (start..upto)
            .filter(|&t| block.tokens[t].text(text) == "(")
            .count()
    };
    let closed = |upto: usize| {
        (start..upto)
            .filter(|&t| block.tokens[t].text(text) == ")")
            .count()
    };
    while end > start {
        let t = end - 1;
        let token = &block.tokens[t];
        let word = token.text(text);
        // A closing bracket stays when it closes one of the source's own ("(R-Ga.)").
        let keeps_bracket = word == ")" && opened(end) >= closed(end);
        let punct = !matches!(token.kind, TokenKind::Word | TokenKind::Number) && !keeps_bracket;
        if punct || TRAILING_SPILL.contains(&block.lower(t)) {
            end -= 1;
        } else {
            break;
        }
    }
    if start >= end {
        return None;
    }
    let mut source = block.span_of(start, end);
    // "Downing Street rejected…" with the source "Street": a name is never cut in two.
    // Only over capitalised words and the dots of initials, in the same sentence: the
    // entity tagger's span may begin a word early ("wife Democratic presidential…").
    let (cut, bound) = (
        source,
        if cue.end <= source.start {
            usize::MAX
        } else {
            cue.start
        },
    );
    let sentence = block.sentence_of[start];
    let name_like = |from: usize, to: usize| {
        (from..to).all(|t| {
            let word = block.tokens[t].text(text);
            block.sentence_of[t] == sentence
                && (word == "." || word.starts_with(|c: char| c.is_uppercase()))
        })
    };
    for n in names.iter().filter(|n| n.overlap(cut) > 0) {
        let first = block.token_at_or_after(n.start);
        if n.start < source.start && name_like(first, start) {
            source.start = n.start;
        }
        let last = block.tokens_in(*n).end;
        if n.end > source.end && n.end <= bound && name_like(end, last) {
            source.end = n.end;
        }
    }
    let holds_name = names.iter().any(|n| n.overlap(source) > 0);
    if !holds_name && source.end <= cue.start {
        let mut back = start;
        while back > 0
            && matches!(
                block.lower(back - 1),
                "his" | "her" | "its" | "their" | "the" | "a" | "an"
            )
        {
            back -= 1;
        }
        // "after the company reported": with its verb right after it, the phrase is the
        // subject of a clause, and "after", "since" and "before" join that clause.
        let subject_of_cue = block.token_at_or_after(cue.start) == end;
        let after_preposition = back > 0
            && match block.lower(back - 1) {
                "in" | "at" | "during" | "on" => true,
                "since" | "after" | "before" => !subject_of_cue,
                _ => false,
            };
        let sentence_start = block.tokens[block.sentences[block.sentence_of[start] as usize].start]
            .span
            .start;
        let subject_before = names
            .iter()
            .any(|n| n.start >= sentence_start && n.end <= source.start);
        if after_preposition && subject_before {
            return None;
        }
    }
    let source = with_people_close_to(text, block, source, cue);
    let source = with_relative_clause_head(text, block, names, source, cue);
    let source = with_appositive(text, block, source, cue);
    Some(with_name_before_apposition(text, block, names, source, cue))
}

/// "Dean, a former Democratic National Committee chairman, poked at Trump, tweeting…": the
/// role tagger sometimes takes the apposition alone for the source, and its speaker would be
/// the committee. An apposition set off by commas right after the name that opens the
/// sentence reaches back to that name, as PolNeAR's annotators mark such sources.
fn with_name_before_apposition(
    text: &str,
    block: &Block,
    names: &[Span],
    source: Span,
    cue: Span,
) -> Span {
    use crate::pos::Tag;
    let tokens = block.tokens_in(source);
    let (start, end) = (tokens.start, tokens.end);
    let tags = block.tags(text);
    if source.end > cue.start
        || start < 2
        || end >= block.tokens.len()
        || block.tokens[start - 1].text(text) != ","
        || block.tokens[end].text(text) != ","
        || !matches!(tags[start], Tag::Dt | Tag::Jj | Tag::PrpPoss)
    {
        return source;
    }
    let sentence_start = block.sentences[block.sentence_of[start] as usize].start;
    let before_comma = block.tokens[start - 2].span.end;
    names
        .iter()
        .find(|n| n.end == before_comma && block.token_at_or_after(n.start) == sentence_start)
        .map_or(source, |name| Span::new(name.start, source.end))
}

/// "Rucker Culpepper, who runs Clinton's get-out-the-vote effort for military veterans'
/// families, said": the role tagger takes the last noun phrase before the cue ("families",
/// "a sales manager", "the presidency") where the subject is the name the relative clause
/// hangs on. A source that ends the clause right before ", cue" and sits inside ", who …"
/// or ", whose …" after a name of the same sentence reaches back to that name, as PolNeAR's
/// annotators mark such sources.
fn with_relative_clause_head(
    text: &str,
    block: &Block,
    names: &[Span],
    source: Span,
    cue: Span,
) -> Span {
    let start = block.token_at_or_after(source.start);
    let end = block.tokens_in(source).end;
    let cue_start = block.token_at_or_after(cue.start);
    if source.end > cue.start || end + 1 != cue_start || block.tokens[end].text(text) != "," {
        return source;
    }
    let sentence_start = block.sentences[block.sentence_of[start] as usize].start;
    // Back over the clause's words to its relative pronoun; a comma or a quotation on the
    // way means the source is not inside the clause.
    let mut t = start;
    while t > sentence_start {
        t -= 1;
        let word = block.tokens[t].text(text);
        if block.quote_depth[t] > 0 || matches!(word, "," | ";" | ":" | "(" | ")") {
            return source;
        }
        if matches!(block.lower(t), "who" | "whose") {
            break;
        }
    }
    if t < 2 || t <= sentence_start || block.tokens[t - 1].text(text) != "," {
        return source;
    }
    let before_comma = block.tokens[t - 2].span.end;
    names
        .iter()
        .find(|n| n.end == before_comma && block.token_at_or_after(n.start) >= sentence_start)
        .map_or(source, |name| Span::new(name.start, source.end))
}

/// "Sources close to the prime minister said…": the role tagger sometimes takes the
/// person the sources are close to for the source, which makes the prime minister the
/// speaker. A source right after "close to", "familiar with", "loyal to" or "allied with"
/// takes in the people before it ("Sources", "two people", "a senior aide").
fn with_people_close_to(text: &str, block: &Block, source: Span, cue: Span) -> Span {
    use crate::pos::Tag;
    let start = block.token_at_or_after(source.start);
    if source.end > cue.start || start < 3 {
        return source;
    }
    let linked = matches!(
        (block.lower(start - 2), block.lower(start - 1)),
        ("close", "to")
            | ("closer", "to")
            | ("familiar", "with")
            | ("loyal", "to")
            | ("allied", "with")
    );
    let tags = block.tags(text);
    let head = start - 3;
    if !linked || !matches!(tags[head], Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Nnps) {
        return source;
    }
    let sentence_start = block.sentences[block.sentence_of[head] as usize].start;
    let mut first = head;
    while first > sentence_start
        && first + 4 > head
        && matches!(
            tags[first - 1],
            Tag::Dt | Tag::Jj | Tag::Cd | Tag::Nn | Tag::Nns
        )
    {
        first -= 1;
    }
    Span::new(block.tokens[first].span.start, source.end)
}

/// "Brian Fallon, the campaign’s press secretary, noted": a source that stops at the name
/// before an appositive set off by commas right before the cue takes the appositive in.
fn with_appositive(text: &str, block: &Block, source: Span, cue: Span) -> Span {
    let end = block.token_at_or_after(source.end);
    let cue_start = block.token_at_or_after(cue.start);
    if source.end > cue.start
        || end >= cue_start
        || block.tokens[end].text(text) != ","
        || cue_start - end > 16
    {
        return source;
    }
    let between = end + 1..cue_start;
    let closing = between
        .clone()
        .rev()
        .find(|&t| block.tokens[t].text(text) == ",");
    // The second comma must sit right before the cue, with only words between the two.
    let Some(close) = closing else { return source };
    let plain = (end + 1..close).all(|t| {
        block.quote_depth[t] == 0
            && matches!(block.tokens[t].kind, TokenKind::Word | TokenKind::Number)
            || matches!(block.tokens[t].text(text), "(" | ")" | "-" | "’s" | "'s")
    });
    // A noun phrase, not a clause: no verb opens it and none is finite ("Dean, a former
    // party chairman, poked at Trump, tweeting…": "poked at Trump" describes no one).
    let tags = block.tags(text);
    let clause = tags[end + 1].is_verb() || (end + 1..close).any(|t| tags[t].is_finite());
    // Not an adjunct ("Clinton, at Monday’s debate, said", "Trump, speaking to veterans,
    // said", ", in particular,"), and not a second one after an appositive already taken.
    let first = block.lower(end + 1);
    let adjunct = matches!(
        first,
        "at" | "in"
            | "on"
            | "during"
            | "after"
            | "before"
            | "speaking"
            | "writing"
            | "for"
            | "with"
            | "however"
            | "meanwhile"
            | "too"
            | "also"
            | "though"
            | "which"
    ) || first.ends_with("ing");
    let has_comma = block
        .tokens_in(source)
        .any(|t| block.tokens[t].text(text) == ",");
    if close + 1 == cue_start && close > end + 1 && plain && !clause && !adjunct && !has_comma {
        Span::new(source.start, block.tokens[close - 1].span.end)
    } else {
        source
    }
}

/// Words the tagger lets into the front of a source.
const LEADING_SPILL: &[&str] = &[
    "and", "or", "but", "even", "also", "then", "with", "while", "as",
];
/// Words the tagger lets into the end of a source: function words, adverbs, days.
const TRAILING_SPILL: &[&str] = &[
    "and",
    "or",
    "but",
    "even",
    "also",
    "the",
    "a",
    "an",
    "to",
    "of",
    "in",
    "on",
    "for",
    "with",
    "by",
    "at",
    "as",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "then",
    "later",
    "earlier",
    "recently",
    "repeatedly",
    "publicly",
    "previously",
    "since",
    "friday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "night",
    "morning",
    "afternoon",
    "evening",
    "last",
    "week",
    "month",
    "year",
];

/// The noun phrase opening the cue's sentence when it is the subject of the cue's
/// clause: followed by a relative clause set off by commas right before the cue ("The
/// sources, who spoke on condition of anonymity because…, said"), or by its own verb when
/// the cue is a participle after a comma ("Supporters of the law reject that label,
/// saying…"; "The president attacked Biden, saying…", where the first name, Biden, is not
/// the subject).
fn subject_phrase_of_clause(
    text: &str,
    block: &Block,
    cue: Span,
    content: &[Span],
) -> Option<Span> {
    use crate::pos::Tag;
    let tags = block.tags(text);
    let cue_start = block.tokens_in(cue).start;
    let sentence = &block.sentences[block.sentence_of[cue_start] as usize];
    let start = clause_opening(block, &sentence.range());
    let noun_phrase_end = |from: usize| {
        let mut i = from;
        while i < cue_start && i < from + 5 && tags[i].in_noun_phrase() {
            i += 1;
        }
        (i > from && tags[i - 1].is_noun()).then_some(i)
    };
    let mut end = noun_phrase_end(start)?;
    // "Supporters of the law", "Officials in Kyiv".
    if end + 1 < cue_start
        && matches!(block.lower(end), "of" | "at" | "in" | "from")
        && let Some(after) = noun_phrase_end(end + 1)
    {
        end = after;
    }
    if end > cue_start || block.quote_depth[start] > 0 {
        return None;
    }
    // "The chancellor is understood to have told…" (see `reach_the_reported_verb`).
    let hedged_report = end == cue_start
        && hedges(block, cue_start)
        && block.tokens_in(cue).len() > 4
        && block.lower(cue_start + 2) == "to"
        && block.lower(cue_start + 3) == "have";
    if end == cue_start && !hedged_report {
        return None;
    }
    let comma_before_cue = cue_start > 0 && block.lower(cue_start - 1) == ",";
    let relative_clause = block.lower(end) == ","
        && matches!(block.lower(end + 1), "who" | "which" | "whose")
        && comma_before_cue;
    let participle =
        comma_before_cue && block.lower(cue_start).ends_with("ing") && tags[end].is_finite();
    // Someone who can speak: a name, people, a role or a document ("The lawsuit, which
    // will be filed on Friday, focuses on…" and "Sanders's victory, which…, confirmed…"
    // are no one's words).
    let head = end - 1;
    let speaks =
        matches!(tags[head], Tag::Nnp | Tag::Nnps) || crate::speakers::can_speak(block.lower(head));
    let source = block.span_of(start, end);
    ((relative_clause || participle || hedged_report)
        && speaks
        && content.iter().all(|c| c.overlap(source) == 0))
    .then_some(source)
}

/// "Authorities in North-Rhine Westphalia, the German state next to Belgium, announced…",
/// "His ex-wife agreed, but also contended that…": the role tagger leaves some finite cues
/// without a source when the subject is long or set apart from its verb. The source is the
/// noun phrase that opens the clause right before the verb, over adverbs and over an aside
/// set off by commas (an apposition stays with the phrase, as PolNeAR marks it); for a
/// second verb joined by "and" or "but", the first verb's subject.
fn subject_of_finite_cue(text: &str, block: &Block, cue: Span, content: &[Span]) -> Option<Span> {
    use crate::pos::Tag;
    let tags = block.tags(text);
    let cue_tokens = block.tokens_in(cue);
    let verb = cue_tokens.clone().find(|&t| tags[t] != Tag::Rb)?;
    if !tags[verb].is_finite() || block.quote_depth[verb] > 0 {
        return None;
    }
    // Not a passive ("He was charged", "It is expected"), whose subject is no speaker, nor
    // a verb that only says how things look ("She appears to…", "It seems").
    let be = |i: usize| {
        matches!(
            block.lower(i),
            "is" | "are" | "was" | "were" | "be" | "been" | "being" | "'s" | "’s"
        )
    };
    let passive = cue_tokens
        .clone()
        .any(|i| be(i) && i + 1 < block.len() && tags[i + 1] == Tag::Vbn);
    let looks = matches!(
        block.lower(verb),
        "seem" | "seems" | "seemed" | "appear" | "appears" | "appeared"
    );
    if passive || looks {
        return None;
    }
    let sentence_start = block.sentences[block.sentence_of[verb] as usize].start;
    let source = subject_before_verb(text, block, sentence_start, cue_tokens.start, true)?;
    content
        .iter()
        .all(|c| c.overlap(source) == 0)
        .then_some(source)
}

/// "Late last month, the company wrote a letter to Columbia's president, Lee C. Bollinger,
/// calling…": a participle cue after a comma reports the subject of the nearest finite
/// verb before it in its sentence, not the first name there (the president is the one
/// written to).
fn subject_of_participle(text: &str, block: &Block, cue: Span, content: &[Span]) -> Option<Span> {
    use crate::pos::Tag;
    let tags = block.tags(text);
    let cue_start = block.tokens_in(cue).start;
    if cue_start == 0 || block.lower(cue_start - 1) != "," || tags[cue_start] != Tag::Vbg {
        return None;
    }
    let sentence_start = block.sentences[block.sentence_of[cue_start] as usize].start;
    let last = last_finite_verb(block, tags, sentence_start..cue_start - 1)?;
    let verb = verb_group_start(tags, sentence_start, last);
    let source = subject_before_verb(text, block, sentence_start, verb, true)?;
    content
        .iter()
        .all(|c| c.overlap(source) == 0)
        .then_some(source)
}

/// "The Jeb Bush campaign is releasing a new online ad aimed at John Kasich, questioning…",
/// "the company wrote a letter to Columbia's president, Lee C. Bollinger, calling…": the
/// role tagger takes the noun phrase right before a participle's comma for its source,
/// where that phrase is the object of the clause's verb. When the source sits after the
/// nearest finite verb of its sentence (not a verb of speech, after which the name is an
/// inverted source: "…,” said Devine, adding") and that verb has a subject that can speak,
/// the subject is the source.
fn object_taken_for_participle_subject(
    text: &str,
    block: &Block,
    source: Span,
    cue: Span,
) -> Option<Span> {
    use crate::pos::Tag;
    let tags = block.tags(text);
    let cue_start = block.tokens_in(cue).start;
    let source_tokens = block.tokens_in(source);
    if cue_start < 2
        || tags[cue_start] != Tag::Vbg
        || block.lower(cue_start - 1) != ","
        || source_tokens.end + 1 != cue_start
        || source_tokens.is_empty()
    {
        return None;
    }
    let sentence_start = block.sentences[block.sentence_of[cue_start] as usize].start;
    let last = last_finite_verb(block, tags, sentence_start..source_tokens.start)?;
    // The participle describes what one has or is ("we have Hillary Clinton, dangling…").
    let speech = CueLexicon::get()
        .match_at(&[block.lower(last)])
        .is_some_and(|(entry, _)| entry.class == CueClass::Speech);
    let linking = matches!(block.lower(last), "has" | "have" | "had")
        && tags.get(last + 1).is_none_or(|t| !t.is_verb());
    if speech || linking || (last..source_tokens.start).any(|i| block.quote_depth[i] > 0) {
        return None;
    }
    let verb = verb_group_start(tags, sentence_start, last);
    let subject = subject_before_verb(text, block, sentence_start, verb, true)?;
    (subject.end <= source.start).then_some(subject)
}

/// The subject noun phrase that ends right before token `at` (see [`subject_of_finite_cue`]).
fn subject_before_verb(
    text: &str,
    block: &Block,
    sentence_start: usize,
    at: usize,
    may_join: bool,
) -> Option<Span> {
    use crate::pos::Tag;
    let tags = block.tags(text);
    let mut t = at;
    while t > sentence_start
        && (tags[t - 1] == Tag::Rb || matches!(block.lower(t - 1), "all" | "both"))
    {
        t -= 1;
    }
    if t <= sentence_start {
        return None;
    }
    // "agreed, but also contended": the subject of the verb before the conjunction, when
    // nothing but that verb's own words stands between.
    if matches!(block.lower(t - 1), "and" | "but") {
        let mut joint = t - 1;
        if joint > sentence_start && block.lower(joint - 1) == "," {
            joint -= 1;
        }
        let first = (sentence_start..joint)
            .rev()
            .find(|&i| tags[i].is_finite())?;
        if !may_join
            || (first..joint).any(|i| {
                block.quote_depth[i] > 0 || matches!(block.lower(i), "," | ";" | "that" | ":")
            })
        {
            return None;
        }
        let verb = verb_group_start(tags, sentence_start, first);
        return subject_before_verb(text, block, sentence_start, verb, false);
    }
    // An aside set off by commas: ", the German state next to Belgium,", ", in fact,".
    let mut aside = None;
    if block.lower(t - 1) == "," {
        let close = t - 1;
        let open = (sentence_start..close)
            .rev()
            .find(|&i| block.lower(i) == ",")?;
        if close - open > 16 || (open + 1..close).any(|i| block.quote_depth[i] > 0) {
            return None;
        }
        aside = Some((open, close));
        t = open;
    }
    if t <= sentence_start {
        return None;
    }
    let head = t - 1;
    let in_phrase = |i: usize| tags[i].in_noun_phrase() || tags[i] == Tag::Pos;
    let start = if tags[head] == Tag::Prp {
        // Not the "it" or "there" of "it is expected", "there was".
        if matches!(block.lower(head), "it" | "there") {
            return None;
        }
        head
    } else if tags[head].is_noun() {
        let mut start = t;
        while start > sentence_start && t - start < 10 {
            let i = start - 1;
            // "Authorities in North-Rhine Westphalia", "surveys of New Hampshire voters".
            let linked = PHRASE_LINKS.contains(&block.lower(i))
                && i > sentence_start
                && in_phrase(i - 1)
                && !names_a_time(block.lower(i + 1));
            if in_phrase(i) || linked {
                start -= 1;
            } else {
                break;
            }
        }
        start
    } else {
        return None;
    };
    // The phrase opens the clause: the sentence's start, after "But"/"And", or past an
    // adverb that opens the sentence ("Even China, …, said"). After a comma, what comes
    // before is an opening adjunct ("In recent weeks, Reid…") or the name the phrase is an
    // apposition of ("Senator Sheldon Whitehouse, a Democrat from Rhode Island, …, has
    // proposed"), which the source then takes in.
    let opening = clause_opening(block, &(sentence_start..head));
    let mut start = start;
    let opens = if start <= opening || (start - 1 == opening && tags[start - 1] == Tag::Rb) {
        true
    } else if block.lower(start - 1) == "," && opening < start - 1 {
        let adjunct = matches!(
            tags[opening],
            Tag::In | Tag::Rb | Tag::Wh | Tag::Vbg | Tag::Cd
        ) || SUBORDINATORS.contains(&block.lower(opening))
            || names_a_time(block.lower(start - 2));
        let named_before = (opening..start - 1)
            .all(|i| in_phrase(i) || PHRASE_LINKS.contains(&block.lower(i)))
            && matches!(tags[start - 2], Tag::Nnp | Tag::Nnps)
            && start - 1 - opening <= 10;
        if named_before && !adjunct {
            start = opening;
        }
        adjunct || named_before
    } else {
        false
    };
    let speaks = (matches!(tags[head], Tag::Nnp | Tag::Nnps | Tag::Prp)
        || crate::speakers::names_a_speaker(block.lower(head)))
        && !names_a_time(block.lower(head));
    if !opens || !speaks || (start..t).any(|i| block.quote_depth[i] > 0) {
        return None;
    }
    // An apposition that describes the subject joins it; an aside does not.
    let end = match aside {
        Some((open, close))
            if opens_a_named_or_determined_phrase(tags[open + 1])
                && !(open + 1..close).any(|i| tags[i].is_verb()) =>
        {
            close
        }
        _ => t,
    };
    Some(block.span_of(start, end))
}

/// Prepositions that join a noun phrase to the one before it in a subject ("Authorities in
/// North-Rhine Westphalia", "surveys of New Hampshire voters").
const PHRASE_LINKS: &[&str] = &["of", "in", "at", "from", "for"];

/// The last finite verb of `range` (token indices of one sentence) outside quotations.
fn last_finite_verb(
    block: &Block,
    tags: &[crate::pos::Tag],
    range: std::ops::Range<usize>,
) -> Option<usize> {
    range
        .rev()
        .find(|&i| tags[i].is_finite() && block.quote_depth[i] == 0)
}

/// Where the verb group of the finite verb at `verb` starts: back over its auxiliaries and
/// adverbs ("has long maintained"), not before `sentence_start`.
fn verb_group_start(tags: &[crate::pos::Tag], sentence_start: usize, verb: usize) -> usize {
    let mut start = verb;
    while start > sentence_start
        && (tags[start - 1].is_finite() || tags[start - 1] == crate::pos::Tag::Rb)
    {
        start -= 1;
    }
    start
}

/// Words that end a phrase of time ("Last week", "On Tuesday"), which opens a clause as an
/// adjunct and is never its subject.
fn names_a_time(word: &str) -> bool {
    matches!(
        word,
        "week"
            | "weeks"
            | "month"
            | "months"
            | "year"
            | "years"
            | "day"
            | "days"
            | "night"
            | "morning"
            | "afternoon"
            | "evening"
            | "weekend"
            | "today"
            | "yesterday"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// The first name of the cue's sentence before the cue, outside quotations and content:
/// the subject a participle or a tagger miss leaves implicit.
fn subject_before(block: &Block, names: &[Span], cue: Span, content: &[Span]) -> Option<Span> {
    let t = block.tokens_in(cue).start;
    let sentence = &block.sentences[block.sentence_of[t] as usize];
    let from = block.tokens[sentence.start].span.start;
    names
        .iter()
        .filter(|n| n.start >= from && n.end <= cue.start)
        .filter(|n| content.iter().all(|c| c.overlap(**n) == 0))
        .find(|n| {
            let i = block.token_at_or_after(n.start);
            i < block.len() && block.quote_depth[i] == 0
        })
        .copied()
}

/// A label of an interview transcript opens at most this many words ("SEN. JOHN SMITH").
const MAX_LABEL_WORDS: usize = 4;
/// A speaker's turn goes on over at most this many paragraphs without a label.
const MAX_TURN_PARAGRAPHS: usize = 4;

/// A paragraph that is one quotation and nothing else, attributed nowhere, right after a
/// paragraph whose last sentence has one named subject: "Fire chief Luis Navarro delivered
/// a blunt warning to residents on Tuesday. / “If you are told to leave, leave.”" News
/// brings a speaker on in one sentence and gives the words in the next paragraph; a reader
/// takes them as that person's (or that body's). Only when the sentence names no one else,
/// holds no quotation, and the name is its subject (a title at most before it, a verb
/// right after it).
pub fn speaker_of_the_paragraph_before(
    text: &str,
    prepared: &Prepared,
    names: &[Span],
    mut found: Vec<Attribution>,
) -> Vec<Attribution> {
    use crate::pos::Tag;
    for a in found
        .iter_mut()
        .filter(|a| a.cue.is_none() && a.source.is_none() && a.block > 0)
    {
        let Some(q) = whole_quotation(prepared, a) else {
            continue;
        };
        let block = &prepared.blocks[a.block];
        if q.continues
            || !is_whole_paragraph(block, q)
            || statement_words(block, q) < MIN_STATEMENT_WORDS
        {
            continue;
        }
        let before = &prepared.blocks[a.block - 1];
        if before.is_headline || before.quote_depth.iter().any(|&d| d > 0) {
            continue;
        }
        let Some(last) = before.sentences.last() else {
            continue;
        };
        let range = last.range();
        if range.is_empty() {
            continue;
        }
        let sentence = before.span_of(range.start, range.end);
        let mut named = names.iter().filter(|n| sentence.contains(**n));
        let (Some(&name), None) = (named.next(), named.next()) else {
            continue;
        };
        let tags = before.tags(text);
        let first = before.token_at_or_after(name.start);
        let end = before.tokens_in(name).end;
        let title_only = first - range.start <= 3
            && (range.start..first).all(|t| before.tokens[t].kind == TokenKind::Word);
        let mut verb = end;
        while verb < range.end && tags[verb] == Tag::Rb {
            verb += 1;
        }
        let verb_after = verb < range.end && tags[verb].is_finite();
        if title_only && verb_after {
            a.source = Some(name);
        }
    }
    found
}

/// Interview transcripts: paragraphs opening with a speaker's label and a colon
/// ("WALLACE: Let’s start…", "Q: Did you…", "PENCE: Well, look…"). Each turn is a
/// statement of the labelled speaker — the label is the source, the colon the cue — and runs
/// over the paragraphs without a label up to the next turn. A document is a transcript only
/// when it has at least two turns and at least two speakers; capitalised labels ("Bush:")
/// must recur, shouted ones ("TRUMP:") need not. Whatever the taggers and the quotation
/// marks found for a turn (the turn's own label as a cue, a quotation run over the whole
/// exchange by marks reopened in every paragraph) gives way to the turns; attributions
/// nested in a turn with a cue of their own stay.
pub fn transcript(text: &str, prepared: &Prepared, found: Vec<Attribution>) -> Vec<Attribution> {
    let labels: Vec<Option<(Span, Span, usize)>> = prepared
        .blocks
        .iter()
        .map(|block| turn_label(text, block))
        .collect();
    let keys: Vec<Option<String>> = labels
        .iter()
        .map(|l| l.map(|(source, _, _)| source.slice(text).to_lowercase()))
        .collect();
    let mut distinct: Vec<&String> = keys.iter().flatten().collect();
    distinct.sort();
    distinct.dedup();
    if keys.iter().flatten().count() < 2 || distinct.len() < 2 {
        return found;
    }
    // "VIDEO:" before a clip's words in a transcript is no one's turn, and ends the turn
    // before it.
    let page_labelled: Vec<bool> = labels
        .iter()
        .map(|l| l.is_some_and(|(source, _, _)| is_page_label(source.slice(text))))
        .collect();
    let kept: Vec<bool> = labels
        .iter()
        .zip(&keys)
        .zip(&page_labelled)
        .map(|((label, key), &page_label)| {
            if page_label {
                return false;
            }
            let Some((source, _, _)) = label else {
                return false;
            };
            let shouted = !source.slice(text).chars().any(char::is_lowercase);
            shouted
                || keys
                    .iter()
                    .flatten()
                    .filter(|k| Some(*k) == key.as_ref())
                    .count()
                    >= 2
        })
        .collect();
    if kept.iter().filter(|&&k| k).count() < 2 {
        return found;
    }
    let mut turns: Vec<Attribution> = Vec::new();
    for (b, label) in labels.iter().enumerate() {
        let Some((source, cue, first)) = *label else {
            continue;
        };
        if !kept[b] {
            continue;
        }
        let block = &prepared.blocks[b];
        let Some(end) = last_word_end(block, first) else {
            continue;
        };
        let mut content = vec![Span::new(block.tokens[first].span.start, end)];
        // The paragraphs up to the next turn, when one comes soon.
        let next = (b + 1..prepared.blocks.len().min(b + 2 + MAX_TURN_PARAGRAPHS))
            .find(|&n| kept[n] || page_labelled[n]);
        if let Some(next) = next {
            for n in b + 1..next {
                let block = &prepared.blocks[n];
                let Some(opening) = block.opening() else {
                    continue;
                };
                // "(CROSSTALK.)", "[…]": stage directions are nobody's words.
                if matches!(block.tokens[opening].text(text), "(" | "[") {
                    continue;
                }
                if let Some(end) = last_word_end(block, opening) {
                    content.push(Span::new(block.tokens[opening].span.start, end));
                }
            }
        }
        turns.push(Attribution {
            block: b,
            cue: Some(cue),
            source: Some(source),
            content,
        });
    }
    // What gives way: quotations nobody is said to have said that overlap a turn, and
    // attributions cued by a turn's label. Nested attributions with a cue of their own
    // inside a turn stay.
    let mut out: Vec<Attribution> = found
        .into_iter()
        .filter(|a| {
            let Some(content) = a.content_hull() else {
                return true;
            };
            !turns.iter().any(|t| match (a.cue, t.source, t.cue) {
                (None, _, _) => t.content_hull().is_some_and(|h| h.overlap(content) > 0),
                (Some(c), Some(source), Some(colon)) => {
                    Span::new(source.start, colon.end).overlap(c) > 0
                }
                _ => false,
            })
        })
        .collect();
    out.extend(turns);
    out.sort_by_key(|a| a.content_hull().map(|h| (h.start, h.end)));
    out
}

/// The speaker's label opening a paragraph of a transcript, after any quotation mark: up to
/// [`MAX_LABEL_WORDS`] capitalised words (and the full stops of titles) and a colon, with a
/// statement after it. Returns the label, the colon and the first token after it.
pub(crate) fn turn_label(text: &str, block: &Block) -> Option<(Span, Span, usize)> {
    if block.is_headline {
        return None;
    }
    let start = block.opening()?;
    let mut t = start;
    let mut words = 0;
    while t < block.len() {
        let token = &block.tokens[t];
        let word = token.text(text);
        if token.kind == TokenKind::Word && word.starts_with(char::is_uppercase) {
            words += 1;
        } else if !(word == "." && words > 0) {
            break;
        }
        t += 1;
    }
    if words == 0
        || words > MAX_LABEL_WORDS
        || t >= block.len()
        || block.tokens[t].text(text) != ":"
    {
        return None;
    }
    let colon = t;
    let statement = (colon + 1..block.len())
        .filter(|&t| block.tokens[t].kind == TokenKind::Word)
        .take(3)
        .count();
    (statement >= 3).then(|| {
        (
            block.span_of(start, colon),
            block.tokens[colon].span,
            colon + 1,
        )
    })
}

/// The end of the last word, number or punctuation of a paragraph from token `from`,
/// leaving out closing quotation marks.
fn last_word_end(block: &Block, from: usize) -> Option<usize> {
    (from..block.len())
        .rev()
        .find(|&t| !matches!(block.tokens[t].kind, TokenKind::Quote(_)))
        .map(|t| block.tokens[t].span.end)
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
    fn an_empty_part_after_an_inverted_cue_that_ends_the_paragraph_is_left_alone() {
        // A cue tagger eager enough (cross-validation at a cue bias of 24) left such a part,
        // and the split read the tag of the token after the paragraph's last.
        let text = "It is the ground itself, said\n";
        let prepared = prepare(text, None, &paragraphs(text));
        let cue = span_of(text, "said");
        let mut a = Attribution {
            block: 0,
            cue: Some(cue),
            source: None,
            content: vec![Span::new(cue.end, cue.end)],
        };
        split_inverted_source_from_content(text, &prepared.blocks[0], &mut a);
        assert_eq!(
            (a.source, a.content),
            (None, vec![Span::new(cue.end, cue.end)])
        );
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
    fn a_quotation_the_taggers_left_gets_the_attribution_after_it() {
        let cases = [
            (
                "“You don’t know what it’s like to send young people to war,” he will say. “But Hillary’s been in the room.”\n",
                vec![
                    "“You don’t know what it’s like to send young people to war,”",
                    "“But Hillary’s been in the room.”",
                ],
                "will say",
                "he",
            ),
            (
                "“Cruz appeals to Reagan Democrats in every state we have polled,” Viguerie notes.\n",
                vec!["“Cruz appeals to Reagan Democrats in every state we have polled,”"],
                "notes",
                "Viguerie",
            ),
            (
                "“Are there any questions about health care I can answer?” asked Sanders.\n",
                vec!["“Are there any questions about health care I can answer?”"],
                "asked",
                "Sanders",
            ),
            (
                "“Not us but we can’t argue with it!” Murphy, the head of Right to Rise USA, tweeted on Friday.\n",
                vec!["“Not us but we can’t argue with it!”"],
                "tweeted",
                "Murphy",
            ),
        ];
        for (text, contents, cue, source) in cases {
            let prepared = prepare(text, None, &paragraphs(text));
            let done = complete(text, &prepared, Vec::new());
            assert_eq!(
                texts(text, &done),
                [(
                    contents.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                    Some(cue.to_owned()),
                    Some(source.to_owned())
                )],
                "{text}"
            );
        }
        // Not an attribution: the quotation is what someone likes, or a title.
        for text in [
            "“The Walking Dead and other zombie shows,” the senator likes to watch.\n",
            "“Making America great again for all of us,” his slogan reads on every hat.\n",
        ] {
            let prepared = prepare(text, None, &paragraphs(text));
            let done = complete(text, &prepared, Vec::new());
            assert!(
                done.iter().all(|a| a.cue.is_none()),
                "{text}: {:?}",
                texts(text, &done)
            );
        }
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

    /// The tagger's content for "cue" in `text`, as `extend_to_clause_end` leaves it.
    fn extended(
        text: &str,
        cue: &str,
        content: &str,
        names: &[&str],
        other_cues: &[&str],
    ) -> String {
        let prepared = prepare(text, None, &paragraphs(text));
        let mut a = Attribution {
            block: 0,
            cue: Some(span_of(text, cue)),
            source: None,
            content: vec![span_of(text, content)],
        };
        let mut cues = vec![span_of(text, cue)];
        cues.extend(other_cues.iter().map(|c| span_of(text, c)));
        let names: Vec<Span> = names.iter().map(|n| span_of(text, n)).collect();
        extend_to_clause_end(text, &prepared, &cues, &names, &mut a);
        a.content[0].slice(text).to_owned()
    }

    #[test]
    fn reported_speech_runs_to_the_end_of_its_sentence() {
        let text = "He criticized the aid for Kyiv to help it fight back against Russia.\n";
        assert_eq!(
            extended(text, "criticized", "the aid for Kyiv", &[], &[]),
            "the aid for Kyiv to help it fight back against Russia"
        );
    }

    #[test]
    fn but_not_over_another_attribution_or_the_reporters_concession() {
        let text = "He said the plan would fail, officials said.\n";
        assert_eq!(
            extended(text, "said", "the plan", &[], &["officials said"]),
            "the plan would fail"
        );
        let text = "Trump has said he would have stopped it, even though he was president then.\n";
        assert_eq!(
            extended(text, "has said", "he would have", &[], &[]),
            "he would have stopped it"
        );
        let text = "Trump has praised the leader and even called him smart.\n";
        assert_eq!(
            extended(text, "has praised", "the leader", &[], &["called"]),
            "the leader"
        );
    }

    #[test]
    fn a_name_alone_is_an_object_not_a_statement() {
        let text = "Trump sided with Putin over U.S. intelligence officials.\n";
        assert_eq!(
            extended(text, "sided with", "Putin", &["Putin"], &[]),
            "Putin"
        );
    }

    #[test]
    fn an_interview_transcript_gives_each_turn_to_its_speaker() {
        let text = "Partial transcript as follows:\n\
                    \"WALLACE: Will Gennifer Flowers actually be there tomorrow night?\n\
                    \"PENCE: Well, look, this is serious business.\n\
                    \"The American people have an important choice to make.\n\
                    \"(CROSSTALK.)\n\
                    \"WALLACE: Governor, I want to try to get one more in.\n";
        let prepared = prepare(text, None, &paragraphs(text));
        // What the quotation marks alone make of it: one quotation over the exchange.
        let marks = vec![Attribution {
            block: 1,
            cue: None,
            source: None,
            content: vec![Span::new(span_of(text, "WALLACE").start, text.len() - 1)],
        }];
        let done = transcript(text, &prepared, marks);
        assert_eq!(
            texts(text, &done),
            [
                (
                    vec!["Will Gennifer Flowers actually be there tomorrow night?".to_owned()],
                    Some(":".to_owned()),
                    Some("WALLACE".to_owned())
                ),
                (
                    vec![
                        "Well, look, this is serious business.".to_owned(),
                        "The American people have an important choice to make.".to_owned()
                    ],
                    Some(":".to_owned()),
                    Some("PENCE".to_owned())
                ),
                (
                    vec!["Governor, I want to try to get one more in.".to_owned()],
                    Some(":".to_owned()),
                    Some("WALLACE".to_owned())
                ),
            ]
        );
        // One labelled paragraph is not a transcript.
        let text = "UPDATE: The vote was moved to Tuesday, officials said.\n";
        let prepared = prepare(text, None, &paragraphs(text));
        assert!(transcript(text, &prepared, Vec::new()).is_empty());
    }
}
