//! The whole analysis of one document, and its translation into the record's `entities`,
//! `quotes` and `dates`.
//!
//! ```
//! use whosaid_core::Document;
//!
//! let doc = Document::from_body_paragraphs("a.html", [
//!     "“We want to end that war,” President Donald Trump said on Friday.",
//! ]);
//! let analysis = whosaid_nlp::analyze(&doc);
//! let quote = &analysis.quotes[0];
//! assert_eq!(quote.speaker.as_ref().unwrap().name, "Donald Trump");
//! ```

use std::sync::LazyLock;

use whosaid_core::{
    DateRef, Document, Entity, EntityType, Offsets, Quote, QuoteKind, Record, Span, Speaker,
    TextSpan,
};

use crate::attribution::{Attribution, Attributor};
use crate::dates::{Precision, find_dates};
use crate::entities::{Mention, recognize};
use crate::prepare::{Prepared, prepare};
use crate::quotes::turn_label;
use crate::speakers::{Coreference, group_of_they, organization_described, resolve};
use crate::token::TokenKind;

/// What the analysis found in one document, in the record's terms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    /// People, organizations and places, with every mention.
    pub entities: Vec<Entity>,
    /// Every statement, in text order.
    pub quotes: Vec<Quote>,
    /// Date expressions, made absolute where the publication date allows.
    pub dates: Vec<DateRef>,
}

impl Analysis {
    /// Put the analysis into a record made from the same document.
    pub fn fill(self, record: &mut Record) {
        record.entities = self.entities;
        record.quotes = self.quotes;
        record.dates = self.dates;
    }
}

/// The taggers, loaded once per process from the models compiled into the binary, with
/// the cue bias they were tuned with.
static ATTRIBUTOR: LazyLock<Attributor> = LazyLock::new(|| {
    // The models are part of the binary; failing to read them is a build defect.
    Attributor::builtin()
        .expect("the attribution models compiled into whosaid are readable")
        .with_cue_bias(crate::attribution::CUE_BIAS)
});

/// Analyse one document: statements with their speakers, entities, dates.
pub fn analyze(doc: &Document) -> Analysis {
    analyze_with(doc, &ATTRIBUTOR)
}

/// [`analyze`] with other attribution taggers than the built-in ones (models being
/// trained or cross-validated); everything else is the same analysis.
pub fn analyze_with(doc: &Document, attributor: &Attributor) -> Analysis {
    let text = doc.text.as_str();
    // For markup the headline is not part of the body spans point into: it is not read.
    let headline = match doc.offsets {
        Offsets::Input => doc.headline_span,
        Offsets::Body => None,
    };
    let prepared = prepare(text, headline, &doc.paragraphs);
    let mut mentions = recognize(text, &prepared);
    let dateline = dateline_span(doc);
    if let Some(place) = doc.meta.dateline.as_deref() {
        type_dateline_places(text, place, &mut mentions);
    }
    // "NEW YORK (Reuters) -": the agency of the dateline filed the story; it is nobody's
    // source.
    let lead = dateline.map(|d| dateline_lead(text, d));
    let names: Vec<Span> = mentions
        .iter()
        .filter(|m| m.kind != EntityType::Place)
        .filter(|m| !lead.is_some_and(|l| l.contains(m.span)))
        .map(|m| m.span)
        .collect();
    let tagged = attributor.attribute(text, &prepared);
    let attributions = crate::quotes::complete(text, &prepared, tagged);
    let attributions = crate::quotes::refine(text, &prepared, &names, attributions);
    let attributions = crate::quotes::transcript(text, &prepared, attributions);
    let mut attributions =
        crate::quotes::speaker_of_the_paragraph_before(text, &prepared, &names, attributions);
    // "MIAMI (AP) — A hospital … will not reopen, officials said": the dateline is the
    // reporter's, not part of what the officials said.
    if let Some(lead) = lead {
        for part in attributions.iter_mut().flat_map(|a| a.content.iter_mut()) {
            if part.start < lead.end && part.end > lead.end {
                part.start = lead.end;
            }
        }
    }
    for a in &mut attributions {
        if a.source
            .is_some_and(|s| addresses_the_reader(text, &prepared, a.block, s))
        {
            a.source = None;
        }
    }
    let statements: Vec<(Span, &[Span])> = attributions
        .iter()
        .filter_map(|a| Some((a.source?, a.content.as_slice())))
        .collect();
    let mut coref = resolve(text, &prepared, &mentions, &statements);
    if !doc.asides.is_empty() {
        let asides = prepare(text, None, &doc.asides);
        coref.absorb_asides(text, &recognize(text, &asides));
    }

    let entities = entities_of(text, &coref);
    let statements: Vec<&Attribution> = attributions
        .iter()
        .filter(|a| !names_only_someone(&prepared, &coref, a))
        .filter(|a| !labelled_by_no_one(text, &prepared, &coref, a))
        // The dateline says where and by whom the story was filed; it never speaks.
        .filter(|a| !matches!((a.source, lead), (Some(s), Some(d)) if s.overlap(d) > 0))
        .collect();
    let statements = one_statement_per_content(statements);
    let sources: Vec<Span> = statements.iter().filter_map(|a| a.source).collect();
    let interviewed = interviewee(text, &prepared, &coref);
    let mut quotes: Vec<Quote> = statements
        .iter()
        .filter(|a| !second_hand(&prepared, a, &statements))
        .filter_map(|a| quote_of(text, &prepared, &coref, &sources, lead, interviewed, a))
        .collect();
    it_speaks_as_before(text, &prepared, &coref, &mut quotes);
    it_is_the_document_before(text, &prepared, &mut quotes);
    they_are_the_people_named_before(text, &prepared, &mut quotes);
    if let Some(author) = doc.meta.byline.as_deref().and_then(one_person_signs) {
        the_author_is_i(text, &prepared, &coref, author, &mut quotes);
    }
    let dates = find_dates(text, &prepared, doc.meta.published.as_deref())
        .into_iter()
        .map(|d| DateRef {
            span: TextSpan::of(d.span, text),
            date: d.value,
            precision: match d.precision {
                Precision::Day => "day",
                Precision::Week => "week",
                Precision::Month => "month",
                Precision::Year => "year",
            }
            .to_owned(),
        })
        .collect();
    Analysis {
        entities,
        quotes,
        dates,
    }
}

/// The record of a document with its analysis.
pub fn record_of(doc: &Document) -> Record {
    let mut record = Record::of_document(doc);
    analyze(doc).fill(&mut record);
    record
}

/// Where the dateline ("PORT KELLAN, Norland") sits: at the head of the first paragraph.
fn dateline_span(doc: &Document) -> Option<Span> {
    let dateline = doc.meta.dateline.as_deref()?;
    let first = *doc.paragraphs.first()?;
    let opening = doc.text.get(first.start..first.start + dateline.len())?;
    opening
        .eq_ignore_ascii_case(dateline)
        .then(|| Span::new(first.start, first.start + dateline.len()))
}

/// The dateline with what follows it up to the story's first word: the agency in
/// parentheses and the dash ("MIAMI (AP) — ", "LONDON, Jan. 5 (Reuters) - ").
fn dateline_lead(text: &str, dateline: Span) -> Span {
    let rest = &text[dateline.end..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    // The dash ends the lead when it comes soon after the dateline (a date and an agency
    // at most in between).
    let dash = rest[..line_end.min(40)]
        .match_indices(['—', '–', '-'])
        .find(|(at, mark)| {
            *mark != "-" || (rest[..*at].ends_with(' ') && rest[at + 1..].starts_with(' '))
        })
        .map(|(at, mark)| at + mark.len());
    let Some(end) = dash else {
        return dateline;
    };
    let skipped = rest[end..].len() - rest[end..].trim_start_matches([' ', '-']).len();
    Span::new(dateline.start, dateline.end + end + skipped)
}

/// The reader found the dateline, so its parts are places whatever the tagger thought:
/// a shouted "PORT KELLAN" looks like a person's name to it, and so does the "Kellan" of
/// "Port Kellan" in a headline. A mention is retyped when it lies inside a spelling of a
/// dateline part ("George Washington" holds "Washington" but starts before it: kept).
fn type_dateline_places(text: &str, dateline: &str, mentions: &mut [Mention]) {
    let parts: Vec<&str> = dateline
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let bytes = text.as_bytes();
    for mention in mentions.iter_mut() {
        let end = mention.name.end;
        let inside_a_part = parts.iter().any(|part| {
            let Some(start) = end.checked_sub(part.len()) else {
                return false;
            };
            start <= mention.name.start
                && (start == 0 || !bytes[start - 1].is_ascii_alphanumeric())
                && text
                    .get(start..end)
                    .is_some_and(|spelled| spelled.eq_ignore_ascii_case(part))
        });
        if inside_a_part {
            mention.kind = EntityType::Place;
        }
    }
}

fn entity_id(index: usize) -> String {
    format!("e{}", index + 1)
}

/// The cluster an [`entity_id`] names.
fn cluster_of<'c>(coref: &'c Coreference, id: &str) -> Option<&'c crate::speakers::Cluster> {
    let n: usize = id.strip_prefix('e')?.parse().ok()?;
    coref.clusters.get(n.checked_sub(1)?)
}

fn entities_of(text: &str, coref: &Coreference) -> Vec<Entity> {
    coref
        .clusters
        .iter()
        .enumerate()
        .map(|(i, c)| Entity {
            id: entity_id(i),
            kind: c.kind,
            name: spelled_name(text, c.kind, &c.name),
            mentions: c.mentions.iter().map(|&m| TextSpan::of(m, text)).collect(),
            titles: c.titles.clone(),
            nationality: c.nationality.clone(),
        })
        .collect()
}

/// A name as the document spells it in running text: a shouted "WASHINGTON" (dateline)
/// or "ASSOCIATED PRESS" (byline) takes the mixed-case spelling found elsewhere in the
/// text, else each word is capitalised; "AP" and "U.S." stay as they are, and so does an
/// organization's one word in capitals that the text never writes otherwise: "NATO",
/// "NASA", "OPEC" are acronyms ("Nato" was the name of the alliance).
fn spelled_name(text: &str, kind: EntityType, name: &str) -> String {
    let shouted = name.chars().any(char::is_alphabetic)
        && !name.chars().any(char::is_lowercase)
        && name
            .split_whitespace()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3);
    if !shouted || !name.is_ascii() {
        return name.to_owned();
    }
    let bytes = text.as_bytes();
    let n = name.len();
    let word_edge = |at: usize| at == 0 || at >= bytes.len() || !bytes[at].is_ascii_alphanumeric();
    // The whole text is scanned: the first byte, in either case, is tested before the
    // full comparison (the name is ASCII and has a letter, so it is not empty).
    let (lower, upper) = (
        name.as_bytes()[0].to_ascii_lowercase(),
        name.as_bytes()[0].to_ascii_uppercase(),
    );
    for at in 0..bytes.len().saturating_sub(n - 1) {
        if bytes[at] != lower && bytes[at] != upper {
            continue;
        }
        let found = &bytes[at..at + n];
        if found.eq_ignore_ascii_case(name.as_bytes())
            && found.iter().any(u8::is_ascii_lowercase)
            && (at == 0 || word_edge(at - 1))
            && word_edge(at + n)
        {
            return text[at..at + n].to_owned();
        }
    }
    if kind == EntityType::Organization && !name.contains(' ') {
        return name.to_owned();
    }
    name.split(' ')
        .enumerate()
        .map(|(i, w)| {
            // Short words are initials and acronyms ("AP", "U.S."), but for the few short
            // words place names are made of ("NEW YORK", "SAN JOSE", "BAY OF PIGS").
            let lower = w.to_ascii_lowercase();
            if i > 0 && matches!(lower.as_str(), "of" | "and" | "the" | "de" | "del" | "la") {
                return lower;
            }
            let place_word = matches!(
                lower.as_str(),
                "new" | "san" | "los" | "las" | "el" | "the" | "fort" | "bay" | "sao" | "rio"
            );
            if w.chars().filter(|c| c.is_alphabetic()).count() <= 3 && !place_word {
                return w.to_owned();
            }
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_string() + &chars.as_str().to_lowercase()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Q&A with Vice President Joe Biden" … "A: It's a big mistake.": in an interview set
/// as questions and answers, "A" is the person interviewed — the person the headline and
/// the introduction name most often before the first answer. `None` when the document has
/// fewer than two answers or names nobody before them.
fn interviewee(text: &str, prepared: &Prepared, coref: &Coreference) -> Option<usize> {
    let mut answers = prepared
        .blocks
        .iter()
        .filter(|b| answer_label(text, b).is_some());
    let first = answers.next()?;
    answers.next()?;
    let mut mentions = vec![0usize; coref.clusters.len()];
    for &(span, c) in &coref.resolved {
        if span.end <= first.span.start && coref.clusters[c].kind == EntityType::Person {
            mentions[c] += 1;
        }
    }
    // The most often named; of equals, the first named.
    mentions
        .iter()
        .enumerate()
        .filter(|&(_, &n)| n > 0)
        .max_by_key(|&(c, &n)| (n, std::cmp::Reverse(c)))
        .map(|(c, _)| c)
}

/// The label of a paragraph that answers in an interview: the transcript label "A".
fn answer_label(text: &str, block: &crate::prepare::Block) -> Option<Span> {
    turn_label(text, block)
        .map(|(label, _, _)| label)
        .filter(|label| label.slice(text) == "A")
}

fn quote_of(
    text: &str,
    prepared: &Prepared,
    coref: &Coreference,
    sources: &[Span],
    lead: Option<Span>,
    interviewed: Option<usize>,
    a: &Attribution,
) -> Option<Quote> {
    let hull = a.content_hull()?;
    let content = TextSpan::of(hull, text);
    let kind = kind_of(prepared, a);
    let speaker = a.source.map(|source| {
        // "A: It's a big mistake." in a questions-and-answers interview: the person
        // interviewed answers.
        let block = &prepared.blocks[a.block];
        if let Some(c) = interviewed
            && answer_label(text, block) == Some(source)
        {
            return Speaker {
                entity: Some(entity_id(c)),
                name: coref.clusters[c].name.clone(),
            };
        }
        // "They" speaks as the group the sentence or the one before is about, named as
        // the article names it ("Senate Republican leaders", "She and her defenders"),
        // never as one of its members.
        if let Some(group) = group_of_they(text, prepared, coref, sources, a.block, source) {
            return Speaker {
                entity: None,
                name: nominal_name(group.slice(text)),
            };
        }
        // "the union, which endorsed…": a relative pronoun speaks for what it follows.
        let source = antecedent(text, prepared, coref, source).unwrap_or(source);
        // "Trump and Pence", "Ann Smith and her husband": people joined by "and" speak as
        // the group, never as one of them.
        if joins_people(text, coref, source) {
            return Speaker {
                entity: None,
                name: nominal_name(source.slice(text).trim()),
            };
        }
        // "Murphy, the head of the PAC": the name before the description is who speaks
        // (but "Smith, Jones and Lee" are three).
        let head = match source.slice(text).split_once(", ") {
            Some((name, description)) if description.starts_with(char::is_lowercase) => name,
            _ => source.slice(text),
        }
        .trim();
        let entity = coref
            .entity_of(text, source)
            .filter(|&c| coref.clusters[c].kind != EntityType::Place)
            .or_else(|| coref.person_by_name(head))
            .or_else(|| organization_described(text, coref, source, lead));
        match entity {
            Some(c) => Speaker {
                entity: Some(entity_id(c)),
                name: coref.clusters[c].name.clone(),
            },
            // A group or a description nobody in the text fits: the source itself speaks.
            _ => Speaker {
                entity: None,
                name: nominal_name(head),
            },
        }
    });
    let parts = if a.content.len() > 1 {
        a.content.iter().map(|&p| TextSpan::of(p, text)).collect()
    } else {
        Vec::new()
    };
    Some(Quote {
        kind,
        content,
        cue: a.cue.map(|c| TextSpan::of(c, text)),
        source: a.source.map(|s| TextSpan::of(s, text)),
        speaker,
        parts,
    })
}

/// The byline when it names one person ("Jane Doe", "JANE DOE"): two to four capitalised
/// words, the first a known first name; not an agency ("Associated Press") nor two
/// authors ("Jane Doe and John Roe"), for whom "I" could be either.
fn one_person_signs(byline: &str) -> Option<&str> {
    let byline = byline.trim();
    let words: Vec<&str> = byline.split_whitespace().collect();
    let first_name = words
        .first()
        .is_some_and(|w| crate::speakers::is_first_name(&w.to_lowercase()));
    let capitalised = words
        .iter()
        .all(|w| w.starts_with(|c: char| c.is_uppercase()) && !w.contains([',', '&', '/']));
    ((2..=4).contains(&words.len()) && first_name && capitalised).then_some(byline)
}

/// "I think Mr. Trump will win" in the writer's own words (a column, an essay): outside
/// any quotation and any interview turn, "I" is whoever signed the article. Inside a
/// quotation "I" is the person quoted, and is left to the quotation's speaker.
fn the_author_is_i(
    text: &str,
    prepared: &Prepared,
    coref: &Coreference,
    author: &str,
    quotes: &mut [Quote],
) {
    let entity = coref.person_by_name(author);
    for quote in quotes.iter_mut() {
        let Some(source) = quote.source.as_ref() else {
            continue;
        };
        if !matches!(without_contraction(source.text.trim()), "I" | "me")
            || quote.speaker.as_ref().is_none_or(|s| s.entity.is_some())
        {
            continue;
        }
        let Some(b) = prepared.block_containing(Span::new(source.start, source.end)) else {
            continue;
        };
        let block = &prepared.blocks[b];
        let t = block.tokens_in(Span::new(source.start, source.end)).start;
        if t >= block.len() || block.quote_depth[t] > 0 || turn_label(text, block).is_some() {
            continue;
        }
        quote.speaker = Some(Speaker {
            entity: entity.map(entity_id),
            name: entity.map_or_else(|| author.to_owned(), |c| coref.clusters[c].name.clone()),
        });
    }
}

/// "Twitter said… It added that…", "“…,” the email read. It stated that…": a source "it"
/// that resolved to nothing speaks as the speaker of the nearest statement before it — in
/// its sentence or the one before — when that
/// speaker is an organization or one thing the text names ("the email", "the company"),
/// never a person, a place, a group or another pronoun. Likewise "they" for a group named
/// by a plural noun ("the groups say. They argue…"). `quotes` are in text order, so a
/// chain ("It said… It added…") follows the first.
fn it_speaks_as_before(text: &str, prepared: &Prepared, coref: &Coreference, quotes: &mut [Quote]) {
    // (block, sentence number within the document, token) of a byte.
    let first_sentence = prepared.first_sentence_numbers();
    let place = |at: usize| -> Option<(usize, usize, usize)> {
        let b = prepared.block_containing(Span::new(at, at + 1))?;
        let block = &prepared.blocks[b];
        let t = block.token_at_or_after(at).min(block.len().checked_sub(1)?);
        let s = block.sentence_of[t] as usize;
        Some((b, first_sentence[b] + s, t))
    };
    for q in 0..quotes.len() {
        let Some(source) = quotes[q].source.as_ref() else {
            continue;
        };
        // Still the pronoun itself: not a "they" already given its group.
        let unresolved = quotes[q].speaker.as_ref().is_some_and(|s| {
            s.entity.is_none() && s.name.trim().eq_ignore_ascii_case(source.text.trim())
        });
        let word = source.text.trim();
        let plural = word.eq_ignore_ascii_case("they");
        if !unresolved || !(plural || word.eq_ignore_ascii_case("it")) {
            continue;
        }
        let Some((b, here, at)) = place(source.start) else {
            continue;
        };
        let start = source.start;
        // The nearest statement before, by where its source stands.
        let Some(before) = (0..quotes.len())
            .filter(|&p| p != q)
            .filter_map(|p| Some((p, quotes[p].source.as_ref()?)))
            .filter(|(_, s)| s.end <= start)
            .max_by_key(|(_, s)| s.start)
            .map(|(p, _)| p)
        else {
            continue;
        };
        let Some(their_source) = quotes[before].source.as_ref() else {
            continue;
        };
        let Some((pb, there, last)) = place(their_source.end.saturating_sub(1)) else {
            continue;
        };
        // Nothing else can have become "it" in between: the statement before is in the
        // same sentence, ended before "it" ("Twitter said…, and it added…"), or in the
        // sentence right before, with "it" the subject that opens this one ("…,” the
        // email read. It stated…", "“…,” it recommended." after "The council opposed…").
        let near = match here.checked_sub(there) {
            Some(0) => quotes[before].content.end <= start,
            Some(1) => opens_its_sentence(text, &prepared.blocks[b], at),
            _ => false,
        };
        if !near {
            continue;
        }
        let Some(speaker) = quotes[before].speaker.clone() else {
            continue;
        };
        // A chain: "It said… It added…", the first already resolved in this pass.
        let resolved_before = their_source.text.trim().eq_ignore_ascii_case(word)
            && speaker.name != their_source.text.trim();
        let fits = match speaker.entity.as_deref() {
            _ if resolved_before => true,
            // "the groups who wrote to her say. They argue that…", "according to show
            // insiders. They said…": a source resolved to no entity (no person, no
            // organization) with a plural noun before any comma or relative clause.
            _ if plural => {
                let block = &prepared.blocks[pb];
                let tags = block.tags(text);
                let span = Span::new(their_source.start, their_source.end);
                // Things are no group that speaks: "Mrs. Schlafly's pronouncements drove her
                // antagonists to distraction, though they…".
                let thing = |w: &str| {
                    crate::speakers::names_a_document(w)
                        || ["ments", "tions", "ings", "nesses"]
                            .iter()
                            .any(|s| w.ends_with(s))
                };
                speaker.entity.is_none()
                    && block
                        .tokens_in(span)
                        .take_while(|&t| {
                            !matches!(block.lower(t), "," | "who" | "which" | "that" | "(")
                        })
                        .any(|t| {
                            matches!(tags[t], crate::pos::Tag::Nns | crate::pos::Tag::Nnps)
                                && !thing(block.lower(t))
                        })
            }
            Some(id) => cluster_of(coref, id).is_some_and(|c| c.kind == EntityType::Organization),
            None => {
                // One thing named by a common noun: "the email", "the company"; not
                // "officials", "the spokesman", a name nobody recognised, or "they".
                let block = &prepared.blocks[pb];
                let word = block.lower(last);
                block.tags(text)[last] == crate::pos::Tag::Nn
                    && (crate::speakers::names_a_document(word)
                        || !crate::speakers::can_speak(word))
            }
        };
        if fits {
            quotes[q].speaker = Some(speaker);
        }
    }
}

/// The block and token of a statement's source when that source is `pronoun` ("it",
/// "they") and its speaker is still the pronoun itself, resolved to nothing.
fn unresolved_pronoun_at(
    prepared: &Prepared,
    quote: &Quote,
    pronoun: &str,
) -> Option<(usize, usize)> {
    let source = quote.source.as_ref()?;
    let unresolved = quote
        .speaker
        .as_ref()
        .is_some_and(|s| s.entity.is_none() && s.name.trim().eq_ignore_ascii_case(pronoun));
    if !unresolved || !source.text.trim().eq_ignore_ascii_case(pronoun) {
        return None;
    }
    let b = prepared.block_containing(Span::new(source.start, source.end))?;
    let at = prepared.blocks[b].token_at_or_after(source.start);
    (at < prepared.blocks[b].len()).then_some((b, at))
}

/// "That frustrates many analysts because they believe…": a source "they" that neither a
/// group opening its sentence nor a statement just before resolved speaks as the people
/// named nearest before it ([`crate::speakers::people_named_before`]).
fn they_are_the_people_named_before(text: &str, prepared: &Prepared, quotes: &mut [Quote]) {
    for quote in quotes.iter_mut() {
        let Some((b, at)) = unresolved_pronoun_at(prepared, quote, "they") else {
            continue;
        };
        if let Some(people) = crate::speakers::people_named_before(text, prepared, b, at) {
            quote.speaker = Some(Speaker {
                entity: None,
                name: nominal_name(people.slice(text)),
            });
        }
    }
}

/// Only quoted words, punctuation, conjunctions and adverbs stand before token `at` in its
/// sentence: "…,” the email read. It stated…", "But it added…".
fn opens_its_sentence(text: &str, block: &crate::prepare::Block, at: usize) -> bool {
    use crate::pos::Tag;
    let tags = block.tags(text);
    let sentence = &block.sentences[block.sentence_of[at] as usize];
    (sentence.start..at)
        .all(|t| block.quote_depth[t] > 0 || matches!(tags[t], Tag::Punct | Tag::Cc | Tag::Rb))
}

/// "The report also provided details of data breaches… It said…", "Salceda cited a 2001
/// memorandum issued by the immigration agency. It says…": a source "it" still resolved
/// to nothing, opening its sentence, speaks as the first document the sentence before
/// names (a report, letter, memo, post, video, affidavit, press release…), in the words
/// that sentence names it by.
fn it_is_the_document_before(text: &str, prepared: &Prepared, quotes: &mut [Quote]) {
    use crate::pos::Tag;
    let document = |w: &str| {
        crate::speakers::names_a_document(w)
            || matches!(
                w,
                "memorandum" | "affidavit" | "release" | "statement" | "indictment" | "ruling"
            )
    };
    // The sentence (block, sentence) of each "it" resolved here, with its document: "It
    // also pointed up a core complaint: … ''…,'' it added" is still the letter.
    let mut resolved: Vec<((usize, usize), String)> = Vec::new();
    for quote in quotes.iter_mut() {
        let Some((b, at)) = unresolved_pronoun_at(prepared, quote, "it") else {
            continue;
        };
        let block = &prepared.blocks[b];
        let s = block.sentence_of[at] as usize;
        if !opens_its_sentence(text, block, at) {
            continue;
        }
        // The sentence before: in this paragraph, else the last of the one before.
        let (pb, ps) = match s.checked_sub(1) {
            Some(ps) => (b, ps),
            None => match b.checked_sub(1) {
                Some(pb) if !prepared.blocks[pb].sentences.is_empty() => {
                    (pb, prepared.blocks[pb].sentences.len() - 1)
                }
                _ => continue,
            },
        };
        if let Some((_, name)) = resolved.iter().find(|(at, _)| *at == (pb, ps)) {
            let name = name.clone();
            resolved.push(((b, s), name.clone()));
            quote.speaker = Some(Speaker { entity: None, name });
            continue;
        }
        let before = &prepared.blocks[pb];
        let before_tags = before.tags(text);
        let sentence = before.sentences[ps].range();
        let Some(head) = sentence.clone().find(|&t| {
            before.quote_depth[t] == 0 && before_tags[t] == Tag::Nn && document(before.lower(t))
        }) else {
            continue;
        };
        // The noun phrase it heads: "The report", "Rubio's press release", "a 2001
        // memorandum"; a determiner opens it ("on Monday his second ad" is "his second ad").
        let mut first = head;
        while first > sentence.start
            && before.quote_depth[first - 1] == 0
            && matches!(
                before_tags[first - 1],
                Tag::Dt | Tag::Jj | Tag::Nn | Tag::Nnp | Tag::Cd | Tag::PrpPoss | Tag::Pos
            )
        {
            first -= 1;
            if matches!(before_tags[first], Tag::Dt | Tag::PrpPoss) {
                break;
            }
        }
        let phrase = before.span_of(first, head + 1).slice(text).to_owned();
        resolved.push(((b, s), phrase.clone()));
        quote.speaker = Some(Speaker {
            entity: None,
            name: phrase,
        });
    }
}

/// Whether a source joins a person to someone else with "and" (or "&", "or", "nor"), the
/// person's name before it or right after it: "Trump and Pence", "Ann Smith and her
/// husband" and "Neither Cruz nor Christie" do;
/// "Secretary of Health and Human Services Xavier Becerra" (the "and" is the title's)
/// does not.
fn joins_people(text: &str, coref: &Coreference, source: Span) -> bool {
    let names: Vec<(Span, usize)> = coref
        .resolved
        .iter()
        .copied()
        .filter(|(span, _)| source.contains(*span))
        .collect();
    source
        .slice(text)
        .match_indices(['&', 'a', 'o', 'n'])
        .any(|(at, _)| {
            let at = source.start + at;
            let word = &text[at..];
            let conjunction = |c: &str| {
                word.starts_with(c) && text[..at].ends_with(' ') && word[c.len()..].starts_with(' ')
            };
            let is_and = word.starts_with('&')
                || conjunction("and")
                || conjunction("or")
                || conjunction("nor");
            is_and
                && !names
                    .iter()
                    .any(|(span, _)| span.start <= at && at < span.end)
                && names.iter().any(|&(span, c)| {
                    // The person's name before the "and", or right after it.
                    let right_after = span.start == at + word.find(' ').unwrap_or(0) + 1;
                    // "Nefzi, a chemistry professor and a member of the board", "Tiberi, a
                    // member of the Ways and Means Committee": an "and" inside the
                    // apposition after the name joins two of its descriptions, or two words
                    // of a name, unless a person's name follows it.
                    let after_and = at + word.find(' ').unwrap_or(0) + 1;
                    let person_after = names.iter().any(|&(other, oc)| {
                        other.start == after_and && coref.clusters[oc].kind == EntityType::Person
                    });
                    let in_apposition = span.end <= at
                        && text[span.end..at]
                            .strip_prefix(',')
                            .is_some_and(|rest| rest.trim_start().starts_with(char::is_lowercase))
                        && !person_after;
                    (span.end <= at && !in_apposition || right_after)
                        && coref.clusters[c].kind == EntityType::Person
                })
        })
}

/// The noun phrase a relative pronoun source ("who", "which", "that") stands for: "one
/// Labour MP, who asked…" is the MP, "Reeves, the chancellor, who said…" is Reeves (across
/// the apposition when its head is a person), "the union, which endorsed…" the union. None
/// for any other source, or when no noun phrase ends right before the pronoun.
fn antecedent(text: &str, prepared: &Prepared, coref: &Coreference, source: Span) -> Option<Span> {
    let word = source.slice(text).trim().to_lowercase();
    if !matches!(word.as_str(), "who" | "whom" | "which" | "that") {
        return None;
    }
    let block = &prepared.blocks[prepared.block_containing(source)?];
    let pronoun = block.tokens_in(source).start;
    // "Senator Ted Cruz of Texas, who last year threatened…, and who has been hoping": the
    // second of two joined relative clauses stands for what the first does.
    if pronoun > 0 && block.lower(pronoun - 1) == "and" {
        let sentence_start = block.sentences[block.sentence_of[pronoun] as usize].start;
        let first = (sentence_start..pronoun - 1).rev().find(|&t| {
            block.quote_depth[t] == 0 && block.lower(t) == word.as_str() && t + 1 < pronoun - 1
        });
        if let Some(first) = first {
            return antecedent(text, prepared, coref, block.tokens[first].span);
        }
    }
    let tags = block.tags(text);
    // The noun phrase ending before token `end` (exclusive), optionally after a comma, a
    // dash or an opening bracket ("Ted Cruz—who", "David Duke (who").
    let phrase_before = |end: usize| -> Option<(usize, usize)> {
        let mut end = end;
        if end > 0
            && matches!(
                block.tokens[end - 1].text(text),
                "," | "—" | "–" | "-" | "("
            )
        {
            end -= 1;
        }
        let mut start = end;
        while start > 0 {
            use crate::pos::Tag;
            let tag = tags[start - 1];
            let joins = tag.is_noun()
                || matches!(tag, Tag::Jj | Tag::Dt | Tag::PrpPoss | Tag::Cd | Tag::Pos);
            if !joins || block.quote_depth[start - 1] > 0 {
                break;
            }
            start -= 1;
        }
        // A phrase needs a noun at its end ("the union", not "the").
        (start < end && tags[end - 1].is_noun()).then_some((start, end))
    };
    let is_who = matches!(word.as_str(), "who" | "whom");
    let Some((start, end)) = phrase_before(pronoun) else {
        // "Donald Trump Jr., who suggested…": no noun right before the comma.
        return is_who
            .then(|| person_before_apposition(text, block, coref, pronoun))
            .flatten();
    };
    let phrase = block.span_of(start, end);
    let named = coref.entity_of(text, phrase);
    let names_someone = named.is_some();
    let names_a_person = named.is_some_and(|c| coref.clusters[c].kind == EntityType::Person);
    // "Alan Berger, a gynecologist from Englewood, New Jersey, who said…", "Armin Laschet,
    // the leader of the opposition in North-Rhine Westphalia, who…": "who" is the person
    // the apposition describes, not the place or the body named at its end ("than that of
    // her campaign's leadership, who…" is the leadership: no name ends it).
    if is_who
        && !names_a_person
        && tags[end - 1].is_proper()
        && start > 0
        && matches!(tags[start - 1], crate::pos::Tag::In)
        && let Some(person) = person_before_apposition(text, block, coref, pronoun)
    {
        return Some(person);
    }
    // "Nicky Driscoll, 24, from Manchester, who said…", "released in July, which
    // showed…": a place before "who", or a date, is not who speaks; the last person named
    // before in the sentence is, else nobody the text names. A place before "which" is
    // ("Pennsylvania, which has voted Democratic", "Russia, which denied it"; and names
    // the tagger took for places, "the Daily Beast, which ran…").
    let proper = (start..end).all(|t| {
        tags[t].is_proper() || matches!(tags[t], crate::pos::Tag::Dt | crate::pos::Tag::Cd)
    });
    if proper && !names_someone {
        // Not "an ad targeting Iowa that attacks…" (no comma: the ad) nor "the ACLU of
        // Oregon, which…" (the place ends a longer name).
        let place_speaks = !is_who
            && block.tokens[pronoun - 1].text(text) == ","
            && (start == 0 || block.lower(start - 1) != "of");
        if !crate::dates::names_a_month_or_day(phrase.slice(text))
            && (place_speaks || !coref.is_a_place(text, phrase))
        {
            return Some(phrase);
        }
        let sentence = &block.sentences[block.sentence_of[start] as usize];
        let before = block.span_of(sentence.start, start);
        // Only across an apposition of age and origin (", 24, from"), never across a verb.
        let person = coref
            .person_within(before)
            .filter(|person| {
                text[person.end..phrase.start]
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.starts_with(char::is_lowercase))
                    .all(|w| matches!(w, "from" | "of" | "in" | "at" | "near" | "the" | "a" | "an"))
            })
            .or_else(|| {
                is_who
                    .then(|| person_before_apposition(text, block, coref, pronoun))
                    .flatten()
            });
        return person.or(Some(source));
    }
    if !names_someone
        && start > 0
        && block.tokens[start - 1].text(text) == ","
        && let Some((s2, e2)) = phrase_before(start)
    {
        // "Reeves, the chancellor, who…": the name before the apposition. The name is what
        // that phrase is, and the apposition one person: not "…from the Bush years,
        // centrists who were angry".
        let named = block.span_of(s2, e2);
        let one = !matches!(tags[end - 1], crate::pos::Tag::Nns | crate::pos::Tag::Nnps);
        let name_ends_it = coref.resolved.iter().any(|(span, c)| {
            span.overlap(named) > 0
                && span.end == named.end
                && coref.clusters[*c].kind == EntityType::Person
        });
        if one
            && name_ends_it
            && coref
                .entity_of(text, named)
                .is_some_and(|c| coref.clusters[c].kind == EntityType::Person)
        {
            return Some(named);
        }
    }
    Some(phrase)
}

/// The person named last before the relative pronoun at token `pronoun` when only an
/// apposition stands between them: a comma right before the pronoun, and between the name
/// and it no verb, no quotation, no "and"/"or" and at most 16 tokens ("Alan Berger, a
/// gynecologist from Englewood, New Jersey, who…", "Donald Trump Jr., who…"). "Smith met
/// the teachers, who…" has a verb between, and gives `None`.
fn person_before_apposition(
    text: &str,
    block: &crate::prepare::Block,
    coref: &Coreference,
    pronoun: usize,
) -> Option<Span> {
    if pronoun == 0 || block.tokens[pronoun - 1].text(text) != "," {
        return None;
    }
    let sentence = &block.sentences[block.sentence_of[pronoun] as usize];
    if sentence.start >= pronoun {
        return None;
    }
    let person = coref.person_within(block.span_of(sentence.start, pronoun))?;
    let between = block.tokens_in(Span::new(person.end, block.tokens[pronoun].span.start));
    let tags = block.tags(text);
    let apposition = between.len() <= 16
        && between.clone().all(|t| {
            !tags[t].is_verb()
                && block.quote_depth[t] == 0
                && !matches!(block.lower(t), "and" | "or" | "&")
        });
    apposition.then_some(person)
}

/// "Please note that…", "Keep in mind that…", "Let's hope…": the writer speaking to the
/// reader, in the imperative, is no one quoted. The tagger takes the imperative for the
/// source ("Please" 10 times, "Keep" or "Bear" 6 on WCXB's pages); the statement is the writer's
/// own, as PolNeAR marks "Let's hope…" (a statement with no source).
fn addresses_the_reader(text: &str, prepared: &Prepared, block: usize, source: Span) -> bool {
    let block = &prepared.blocks[block];
    let tokens = block.tokens_in(source);
    let opens_sentence = tokens.start < block.tokens.len()
        && block.sentences[block.sentence_of[tokens.start] as usize].start == tokens.start;
    let word = source.slice(text).trim().to_lowercase().replace('’', "'");
    opens_sentence
        && matches!(
            word.as_str(),
            "please" | "let's" | "let us" | "keep" | "bear" | "note" | "remember" | "imagine"
        )
}

/// "Pros: Easy to set up.", "Key Services: audits, tax returns", "Tip: Use a tripod.": a
/// paragraph that opens with a label and a colon is a turn of speech when the label names
/// someone (a person or an organization the text names, a person of the document in
/// capitals, "TAPPER:", the Q and A of an interview) or when what follows sounds like
/// someone talking (a quotation mark, "I", "we"; not "you", which in a guide is the
/// reader: "Tip: You can…"). Guides and product pages label
/// their paragraphs with words that are neither: on WCXB's pages the analysis made 1,396
/// statements of such labels ("Pros" 27, "Key Services" 25, "Cost" 21…).
fn labelled_by_no_one(
    text: &str,
    prepared: &Prepared,
    coref: &Coreference,
    a: &Attribution,
) -> bool {
    let (Some(cue), Some(source)) = (a.cue, a.source) else {
        return false;
    };
    if cue.slice(text) != ":" {
        return false;
    }
    let block = &prepared.blocks[a.block];
    let label = block.tokens_in(source);
    if block.opening() != Some(label.start) || label.end != block.tokens_in(cue).start {
        return false;
    }
    let words = source.slice(text).trim();
    let last_word = words.rsplit(' ').next().unwrap_or("").to_lowercase();
    let interview_turn = matches!(words, "Q" | "A");
    let tagged_name = coref
        .entity_of(text, source)
        .is_some_and(|c| coref.clusters[c].kind != EntityType::Place);
    // "FYI: We only recommend…", "Case Studies: View all case studies.", "Buy: check
    // price…": the writer's own headings, even when "we" follows. Words the page also
    // writes in lower case, naming no one who speaks, are no name.
    // (Not the Q and A of an interview: "a" is a common word too.)
    let writers_label = WRITERS_LABELS.contains(&words.to_lowercase().as_str())
        || (!crate::speakers::can_speak(&last_word)
            && !interview_turn
            && words
                .split_whitespace()
                .all(|w| written_in_lower_case(text, prepared, &w.to_lowercase())));
    if writers_label && !tagged_name {
        return true;
    }
    // In the label's own paragraph (a transcript's turn runs on over the next ones).
    let talking = a
        .content
        .iter()
        .filter(|part| block.span.contains(**part))
        .any(|&part| {
            block.tokens_in(part).any(|t| {
                matches!(block.tokens[t].kind, TokenKind::Quote(_))
                    || matches!(block.lower(t), "i" | "me" | "my" | "we" | "us" | "our")
            })
        });
    if talking {
        return false;
    }
    let named = tagged_name
        || interview_turn
        || coref.person_by_name(words).is_some()
        // A name the entity tagger missed at the head of a paragraph ("Ann Coulter:",
        // "Gingrich:"): two or three words ending in a surname, or one surname that is
        // no common word.
        || label_is_a_name(text, prepared, words)
        // A speaker's name in capitals, as transcripts print it ("WALLACE:").
        || (words.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !words.chars().any(char::is_lowercase))
        // What a poll or a report found, as headlines put it ("Poll: Clinton leads").
        || crate::speakers::names_a_document(&last_word)
        // A person's camp, as headlines put it ("Clinton camp: …", "Trump campaign: …").
        || (crate::speakers::names_a_circle(&last_word) && coref.person_within(source).is_some());
    !named
}

/// Labels with which guides and reviews head their own notes to the reader.
const WRITERS_LABELS: &[&str] = &[
    "fyi",
    "tip",
    "pro tip",
    "note",
    "please note",
    "update",
    "disclosure",
    "bottom line",
    "the bottom line",
    "verdict",
    "our verdict",
    "photo",
    "image",
    "credit",
];

/// Whether the page writes this (lower-case) word in lower case somewhere: a common word.
fn written_in_lower_case(text: &str, prepared: &Prepared, word: &str) -> bool {
    prepared
        .blocks
        .iter()
        .any(|b| b.tokens.iter().any(|t| t.text(text) == word))
}

/// A paragraph's label that the entity tagger did not take for a name but the name lists
/// do: a first name and a surname ("Ann Coulter"), or a surname the page never writes in
/// lower case ("Gingrich", not "Light").
fn label_is_a_name(text: &str, prepared: &Prepared, label: &str) -> bool {
    let gazetteer = crate::entities::Gazetteer::get();
    let words: Vec<&str> = label.split_whitespace().collect();
    let Some(last) = words.last() else {
        return false;
    };
    let capitalised = words.iter().all(|w| w.starts_with(char::is_uppercase));
    let last = last.to_lowercase();
    // A word the page also writes in lower case is a common word ("Cost", "Light").
    let written_lower = || written_in_lower_case(text, prepared, &last);
    capitalised
        && match words.len() {
            1 => gazetteer.is_surname(&last) && !written_lower(),
            2 | 3 => {
                gazetteer.is_surname(&last)
                    && gazetteer
                        .first_name_gender(&words[0].to_lowercase())
                        .is_some()
            }
            _ => false,
        }
}

/// "has criticized Ukrainian President Volodymyr Zelenskyy": a content that is only a
/// mention of someone, outside quotation marks, says nothing that was said.
fn names_only_someone(prepared: &Prepared, coref: &Coreference, a: &Attribution) -> bool {
    let [part] = a.content.as_slice() else {
        return false;
    };
    let quoted = prepared
        .quotations
        .iter()
        .any(|q| q.depth == 0 && q.outer.overlap(*part) > 0);
    !quoted
        && coref
            .clusters
            .iter()
            .flat_map(|c| &c.mentions)
            .any(|m| m.overlap(*part) * 10 >= part.len() * 9)
}

/// "Trump said Clinton hopes her successor will…": an indirect statement that lies inside
/// the words of another statement is that statement's speaker's account of it, not a
/// statement the article reports; a "who said what" record gives it to the outer speaker
/// alone. (Its own quoted words, a mixed or direct statement, stay: they are the inner
/// speaker's.) An unattributed quotation inside a statement is part of it, not a statement
/// nobody made. Measured out of fold on PolNeAR train (`whosaid-eval
/// cross-validate-attribution`), where such inner statements were 30% right: content F1
/// 74.8 → 75.5, direct 91.5 → 91.7, end-to-end 65.2 → 66.3; the annotators nest one
/// attribution in another's content for under 1% of attributions.
fn second_hand(prepared: &Prepared, a: &Attribution, statements: &[&Attribution]) -> bool {
    let Some(inner) = a.content_hull() else {
        return false;
    };
    statements.iter().any(|b| {
        b.content_hull()
            .is_some_and(|outer| outer.contains(inner) && outer != inner)
    }) && (a.cue.is_none() || kind_of(prepared, a) == QuoteKind::Indirect)
}

/// The same words reported twice ("According to the school's post, al Ashry said he…",
/// "“…,” he wrote" after "Fallon fired back:") are one statement: a reader sees it once,
/// and PolNeAR's annotators pair one cue with a content (4 of 19,832 train attributions
/// share their content). Of the statements with the same content the one kept has a
/// source, then a cue, then the cue nearest to the words: "said" in "According to GMA
/// News, Salceda said…" rather than the outer "According to".
fn one_statement_per_content(statements: Vec<&Attribution>) -> Vec<&Attribution> {
    let rank = |a: &Attribution| {
        let hull = a.content_hull();
        let distance = match (a.cue, hull) {
            (Some(cue), Some(hull)) if cue.end <= hull.start => hull.start - cue.end,
            (Some(cue), Some(hull)) if cue.start >= hull.end => cue.start - hull.end,
            (Some(_), Some(_)) => 0,
            _ => usize::MAX,
        };
        (a.source.is_none(), a.cue.is_none(), distance)
    };
    // Each statement's content and rank once; the pairs are compared below.
    let keys: Vec<_> = statements
        .iter()
        .enumerate()
        .map(|(i, a)| (a.content_hull(), (rank(a), i)))
        .collect();
    statements
        .iter()
        .zip(&keys)
        .filter(|(_, (hull, key))| {
            hull.is_none() || !keys.iter().any(|(other, k)| other == hull && k < key)
        })
        .map(|(a, _)| *a)
        .collect()
}

/// A group source as a name: without the punctuation around it. A name the entity tagger
/// missed stays a name: "Minyon Moore, a senior adviser to the Clinton campaign" is
/// "Minyon Moore" (capitalised words before an apposition).
fn nominal_name(source: &str) -> String {
    fn trim(s: &str) -> &str {
        s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '—' | '-' | ':'))
    }
    let mut source = trim(source);
    // "Indiana politicians, who granted Carrier tax breaks": the relative clause says
    // more about them, it is not their name.
    if let Some(at) = [", who ", ", which ", ", whose ", ", whom "]
        .iter()
        .filter_map(|r| source.find(r))
        .min()
        .filter(|&at| at > 0)
    {
        source = trim(&source[..at]);
    }
    let source = without_contraction(source);
    if let Some((head, _)) = source.split_once(", ") {
        let words: Vec<&str> = head.split_whitespace().collect();
        let determiner = matches!(
            words.first().map(|w| w.to_lowercase()).as_deref(),
            Some("the" | "a" | "an" | "one" | "some" | "many" | "most" | "all" | "both")
        );
        if (2..=4).contains(&words.len())
            && !determiner
            && words.iter().all(|w| w.starts_with(char::is_uppercase))
        {
            return head.to_owned();
        }
    }
    source.to_owned()
}

/// "I’ve", "you’ll", "we're": a personal pronoun written with its verb's contraction is
/// the pronoun (WCXB's guides and blogs named 590 speakers "you’ll", "I’ve", "I’d"…).
fn without_contraction(word: &str) -> &str {
    let Some((pronoun, ending)) = word.split_once(['’', '\'']) else {
        return word;
    };
    let personal = matches!(
        pronoun.to_ascii_lowercase().as_str(),
        "i" | "you" | "we" | "they" | "he" | "she" | "it"
    );
    if personal && matches!(ending, "ve" | "ll" | "re" | "d" | "m" | "s") {
        pronoun
    } else {
        word
    }
}

/// Direct when every part is one quotation from mark to mark; mixed when quotation marks
/// appear inside; indirect otherwise.
fn kind_of(prepared: &Prepared, a: &Attribution) -> QuoteKind {
    let block_of = |span: Span| prepared.block_containing(span).map(|i| &prepared.blocks[i]);
    let mut all_quoted = true;
    let mut any_mark = false;
    for &part in &a.content {
        let Some(block) = block_of(part) else {
            all_quoted = false;
            continue;
        };
        let tokens = block.tokens_in(part);
        let marks = tokens
            .clone()
            .filter(|&t| matches!(block.tokens[t].kind, TokenKind::Quote(_)))
            .count();
        any_mark |= marks > 0;
        // A quotation inside another is quoted words too: "… said to me, ‘We want a
        // deal,’ …".
        let quoted = prepared
            .quotations
            .iter()
            .any(|q| q.outer.contains(part) && part.len() * 10 >= q.outer.len() * 9);
        all_quoted &= quoted;
    }
    if all_quoted {
        QuoteKind::Direct
    } else if any_mark {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}
