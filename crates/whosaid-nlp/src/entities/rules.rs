//! From the tagger's spans to [`Mention`]s: the rules news text needs and wikigold cannot
//! teach (titles before names, datelines, Title Case headlines, a surname standing for
//! the full name later on).

use std::ops::Range;

use whosaid_core::names::{NAME_ARTICLES, without_name_article};
use whosaid_core::{EntityType, Span};

use super::Mention;
use super::gazetteer::{
    Gazetteer, PlaceKind, TokenLex, WordHashMap, base_form, flag, possessive_len,
};
use super::tagger::{DocScratch, NerLabel, Tagged, Tagger};
use crate::lexicon::CueLexicon;
use crate::pos::Tag;
use crate::prepare::{Block, Prepared};
use crate::token::TokenKind;

/// Why a candidate is believed: in a headline only some reasons count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// The statistical tagger.
    Tagger,
    /// A capitalised title before a capitalised name.
    Title,
    /// A lexicon entry: a known organization or a country, capital, state or region.
    Lexicon,
    /// A name the document established elsewhere.
    Known,
    /// Capitalised words the lexicons do not know whose last word the body uses alone
    /// for a speaker.
    Recurring,
}

#[derive(Clone, Debug)]
struct Candidate {
    kind: EntityType,
    /// Tokens of the name.
    name: Range<usize>,
    source: Source,
}

/// Names established by the body, for finding them again.
#[derive(Debug, Default)]
struct Known {
    /// Lower-case surnames (and single names) of people.
    people: WordHashMap<String, ()>,
    /// Lower-case first words of the people the body names in full ("donald" of
    /// "Donald Trump", "xi" of "Xi Jinping").
    given: WordHashMap<String, ()>,
    /// Lower-case single-word organizations and places, with their kind.
    single: WordHashMap<String, EntityType>,
    /// Lower-case words the body prints alone (no capitalised word either side) as the
    /// subject of a verb of speech or after an inverted one ("Haaland told", "said
    /// Haaland"), or alone after an honorific ("Ms. Nwanguma"): the way news refers to a
    /// person by surname after naming them in full.
    lone_speakers: WordHashMap<String, ()>,
}

impl Known {
    /// Whether the word at token `i` is the surname or single name of a person the
    /// document named before.
    fn person(&self, block: &Block, i: usize) -> bool {
        self.people.contains_key(base_form(block.lower(i)))
    }
}

/// Every mention of the document.
pub(super) fn recognize(tagger: &Tagger, text: &str, prepared: &Prepared) -> Vec<Mention> {
    let mut doc = DocScratch::new(text, prepared);
    let mut known = Known {
        lone_speakers: lone_speakers(text, prepared),
        ..Known::default()
    };
    let mut mentions = Vec::new();
    let mut tagged = Vec::new();
    // The body first, so that the headline can be read in the light of it.
    let order = prepared
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.is_headline)
        .chain(
            prepared
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| b.is_headline),
        );
    for (b, block) in order {
        if block.is_empty() {
            continue;
        }
        doc.lookup(text, block);
        tagged.clear();
        tagger.tag_block(block, b, &mut doc, &mut tagged);
        let guarded = block.is_headline || is_shouting(block, text);
        let candidates = block_candidates(text, block, &doc, &tagged, &mut known, guarded);
        for c in candidates {
            mentions.push(build(text, block, b, &doc.lex, &c));
        }
    }
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    mentions
}

/// Verbs of speech whose subject (or, after them, inverted subject) is a source.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "explained",
    "insisted",
    "argued",
    "noted",
    "replied",
    "warned",
    "acknowledged",
    "admitted",
    "stated",
    "tweeted",
    "recalled",
];

/// The words of the body's paragraphs that stand alone, capitalised, next to a verb of
/// speech: "Haaland told Sky Sports", "said Haaland.", or after an honorific: "Ms.
/// Nwanguma" (see [`Known::lone_speakers`]).
fn lone_speakers(text: &str, prepared: &Prepared) -> WordHashMap<String, ()> {
    let mut out = WordHashMap::default();
    for block in prepared.blocks.iter().filter(|b| !b.is_headline) {
        let n = block.len();
        let word = |i: usize| block.tokens[i].kind == TokenKind::Word;
        let cap = |i: usize| is_capitalized(block, text, i);
        for i in 0..n {
            if !cap(i) || is_all_caps(block, text, i) {
                continue;
            }
            let start = sentence_start(block, i);
            let prev_cap = i > start && cap(i - 1);
            let next_cap = i + 1 < n && cap(i + 1);
            // "Ms. Nwanguma", as the Times names everyone again: an honorific before one
            // capitalised word makes that word a surname.
            let honorific = |t: usize| matches!(block.lower(t), "mr" | "mrs" | "ms" | "dr");
            let after_honorific = i >= 1 && honorific(i - 1)
                || i >= 2 && block.lower(i - 1) == "." && honorific(i - 2);
            if after_honorific && !next_cap && possessive_len(block.lower(i)) == 0 {
                out.insert(base_form(block.lower(i)).to_owned(), ());
                continue;
            }
            if prev_cap || next_cap {
                continue;
            }
            let before = i > start && word(i - 1) && SPEECH_VERBS.contains(&block.lower(i - 1));
            let after = i + 1 < n
                && word(i + 1)
                && SPEECH_VERBS.contains(&block.lower(i + 1))
                && possessive_len(block.lower(i)) == 0;
            // ("So I said": the writer is no one's surname.)
            let w = base_form(block.lower(i));
            if (before || after) && w.chars().count() >= 2 {
                out.insert(w.to_owned(), ());
            }
        }
    }
    out
}

/// A line in capitals ("NATIONAL NEWS", "BY ASSOCIATED PRESS"): its words' shape says
/// nothing about names.
fn is_shouting(block: &Block, text: &str) -> bool {
    let mut words = 0;
    for t in &block.tokens {
        if t.kind == TokenKind::Word {
            let w = t.text(text);
            if w.chars().any(char::is_lowercase) {
                return false;
            }
            words += 1;
        }
    }
    words >= 2
}

fn is_capitalized(block: &Block, text: &str, i: usize) -> bool {
    let t = &block.tokens[i];
    t.kind == TokenKind::Word && text[t.span.start..].starts_with(char::is_uppercase)
}

fn is_all_caps(block: &Block, text: &str, i: usize) -> bool {
    let w = block.tokens[i].text(text);
    block.tokens[i].kind == TokenKind::Word
        && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !w.chars().any(char::is_lowercase)
}

/// Whether the sentence of token `i` is written in Title Case, as headlines and
/// subheadings are: nearly every word of four letters or more is capitalised.
fn title_cased_sentence(text: &str, block: &Block, i: usize) -> bool {
    let sentence = &block.sentences[block.sentence_of[i] as usize];
    let (mut long, mut capitalised) = (0, 0);
    for t in sentence.start..sentence.end {
        if block.tokens[t].kind == TokenKind::Word && block.tokens[t].text(text).len() >= 4 {
            long += 1;
            capitalised += usize::from(is_capitalized(block, text, t));
        }
    }
    long >= 3 && capitalised * 10 >= long * 9
}

fn sentence_start(block: &Block, i: usize) -> usize {
    block.sentences[block.sentence_of[i] as usize].start
}

fn sentence_end(block: &Block, i: usize) -> usize {
    block.sentences[block.sentence_of[i] as usize].end
}

/// The candidates of one block, without overlaps, in token order.
fn block_candidates(
    text: &str,
    block: &Block,
    doc: &DocScratch<'_>,
    tagged: &[Tagged],
    known: &mut Known,
    guarded: bool,
) -> Vec<Candidate> {
    let lex = &doc.lex;
    let n = block.len();
    let mut covered = vec![false; n];
    let mut out: Vec<Candidate> = Vec::new();
    let push = |c: Candidate, covered: &mut Vec<bool>, out: &mut Vec<Candidate>| {
        if c.name.is_empty() || c.name.clone().any(|t| covered[t]) {
            return;
        }
        for t in c.name.clone() {
            covered[t] = true;
        }
        out.push(c);
    };

    // 1. A capitalised title makes the capitalised words after it a person's name (in a
    //    Title Case headline only a name the body knows or that opens with a first name).
    for j in 0..n {
        if let Some(name) = name_after_title(text, block, lex, doc, j) {
            let name = with_name_particles(text, block, lex, name);
            let name = if guarded {
                ending_on_known_surname(block, known, name)
            } else {
                name
            };
            if guarded
                && confirm(block, lex, &name, EntityType::Person, known).is_none()
                && !(name.len() >= 2 && is_first_name(&lex[name.start]))
            {
                continue;
            }
            push(
                Candidate {
                    kind: EntityType::Person,
                    name,
                    source: Source::Title,
                },
                &mut covered,
                &mut out,
            );
        }
    }

    // 2. The tagger, cleaned.
    for t in split_at_possessive(block, lex, tagged).iter() {
        let kind = match t.label {
            NerLabel::Person => EntityType::Person,
            NerLabel::Organization => EntityType::Organization,
            NerLabel::Place => EntityType::Place,
            // "Conservative Solutions PAC", "Supreme Court": what the tagger calls
            // miscellaneous but an organization's word ends (or opens) is one.
            NerLabel::Misc if names_an_organization(block, &t.tokens) => EntityType::Organization,
            NerLabel::Misc => continue,
        };
        let Some(name) = clean(text, block, lex, doc, kind, t.tokens.clone()) else {
            continue;
        };
        // What is left of an organization cut down to a known place was the place
        // ("Thousands of Chicago" → "Chicago").
        let kind = if kind == EntityType::Organization
            && name.start > t.tokens.start
            && usize::from(lex[name.start].place) == name.len()
        {
            EntityType::Place
        } else {
            kind
        };
        // The party's name as an organization stays ("Democrats" for the party).
        if names_a_group(text, block, lex, known, kind, &name) {
            continue;
        }
        // A known organization that the tagger cut short ("ASSOCIATED" of "ASSOCIATED
        // PRESS"), ran past, or took for a place ("the White House"): the lexicon's words
        // are the name, and its type wins ("Apple shares fell" is the company, though Apple
        // is a surname too) but over a single name the document gave a person before
        // ("Bloomberg" after "Michael Bloomberg"), which the surname rule below restores.
        let (name, kind) = match known_org_over(lex, &name) {
            Some(org) if org.start <= name.start && org.end >= name.end => {
                (org, EntityType::Organization)
            }
            Some(org) if org.len() >= 2 => (org.start.min(name.start)..org.end.max(name.end), kind),
            _ => (name, kind),
        };
        // A surname the document knows as a person is that person, whatever the tagger
        // made of this occurrence.
        let kind = if name.len() == 1 && known.person(block, name.start)
            || looks_like_full_name(text, block, lex, &name)
        {
            EntityType::Person
        } else {
            kind
        };
        // "told Sky Sports": a person's name does not end in an outlet's word; the tagger,
        // which reads the object of "told" as a person, took the outlet for one (a place
        // so named stays: "Newport News"). "Manchester City beat Arsenal": a city and a
        // club's word are the club.
        let outlet = kind == EntityType::Person
            && name.len() >= 2
            && OUTLET_WORDS.contains(&base_form(block.lower(name.end - 1)));
        // "Mercury LLC", "Conservative Solutions PAC": nor in a company's or an
        // institution's word, unless the name lists know it as a surname ("Frank Church")
        // or a first name opens it. "Team Clinton", person or place to the tagger, is the
        // campaign.
        let last = &lex[name.end - 1];
        let institution = kind == EntityType::Person
            && name.len() >= 2
            && last.flags & (flag::ORG_CUE | flag::ORG_HEAD) != 0
            && last.flags & flag::SURNAME == 0
            && lex[name.start].flags & flag::FIRST == 0
            || name.len() == 2 && block.lower(name.start) == "team";
        let kind = if outlet
            || institution
            || kind == EntityType::Person && spelled_as_a_brand(text, block, &name)
            || kind != EntityType::Organization && is_club(block, lex, &name)
        {
            EntityType::Organization
        } else {
            kind
        };
        // "Hany Farid", "Minyon Moore", "Newt Gingrich": a name the tagger has never seen
        // it reads as a place or an organization, or it leaves out a first name it has
        // never seen ("Berhanu Nega"). When the body prints the last word alone as a
        // speaker ("Farid said"), the words are a person's name in full.
        let (name, kind) = match named_speaker(text, block, doc, known, &covered, kind, &name) {
            Some(full) => (full, EntityType::Person),
            None => (name, kind),
        };
        // "The Obama administration said": a leader's government or campaign speaks as a
        // body of its own; it is not the person (nor "Obama" an organization).
        // ("Hillary Clinton’s campaign" and "the Bernie Sanders campaign" name the person
        // too: a possessive or a full name keeps the mention, which may be the only one
        // giving the full name.)
        let (name, kind) = if kind != EntityType::Place
            && (name.len() == 1 || kind == EntityType::Organization)
            && name.end < n
            && matches!(block.lower(name.end), "administration" | "campaign")
            && possessive_len(block.lower(name.end - 1)) == 0
        {
            (name.start..name.end + 1, EntityType::Organization)
        } else {
            (name, kind)
        };
        let name = if kind == EntityType::Person {
            with_name_particles(text, block, lex, name)
        } else {
            name
        };
        // "Chief Justice John Roberts Did Not Say", "Debbie Wasserman Schultz Resigns": in a
        // Title Case line the name ends on the surname the body knows.
        let name = if guarded && kind == EntityType::Person {
            ending_on_known_surname(block, known, name)
        } else {
            name
        };
        let source = if guarded {
            match confirm(block, lex, &name, kind, known) {
                Some(s) => s,
                None => continue,
            }
        } else {
            Source::Tagger
        };
        push(Candidate { kind, name, source }, &mut covered, &mut out);
    }

    // 3. What the lexicons know and the tagger missed.
    for i in 0..n {
        if covered[i] {
            continue;
        }
        if let Some(mut c) = lexicon_candidate(text, block, lex, doc, i) {
            // "Bloomberg said" after "Michael Bloomberg": the person, not the company.
            if c.kind == EntityType::Organization && c.name.len() == 1 && known.person(block, i) {
                c.kind = EntityType::Person;
            }
            push(c, &mut covered, &mut out);
        }
    }

    // 4. "MANCHESTER, England — Erling Haaland scored twice…" and later "…," Haaland
    //    told Sky Sports": two or three capitalised words that the tagger and the
    //    lexicons left alone, whose last word the body prints alone as a speaker, are a
    //    person's name given in full before the surname stands for it.
    if !guarded {
        let mut i = 0;
        while i < n {
            if covered[i] || !is_capitalized(block, text, i) {
                i += 1;
                continue;
            }
            let limit = sentence_end(block, i);
            let mut end = i;
            while end < limit && !covered[end] && is_capitalized(block, text, end) {
                end += 1;
                if possessive_len(block.lower(end - 1)) > 0 {
                    break;
                }
            }
            if let Some(name) = full_name_of_a_speaker(text, block, doc, known, i..end) {
                push(
                    Candidate {
                        kind: EntityType::Person,
                        name,
                        source: Source::Recurring,
                    },
                    &mut covered,
                    &mut out,
                );
            } else if company_saying_it(text, block, doc, i..end) {
                push(
                    Candidate {
                        kind: EntityType::Organization,
                        name: i..end,
                        source: Source::Recurring,
                    },
                    &mut covered,
                    &mut out,
                );
            }
            i = end;
        }
    }

    // 5. Names the document established (this block included), found again.
    if !guarded {
        learn(text, block, &out, known);
    }
    for i in 0..n {
        if covered[i] || !(doc.capitalized[i] || is_article_name(block, text, i)) {
            continue;
        }
        let w = doc.words[i];
        let kind = if known.people.contains_key(w) {
            Some(EntityType::Person)
        } else {
            known.single.get(w).copied()
        };
        if let Some(kind) = kind
            && !names_a_group(text, block, lex, known, kind, &(i..i + 1))
        {
            // Not a part of a longer capitalised name ("Trump Tower").
            let next_cap = i + 1 < n && is_capitalized(block, text, i + 1) && !covered[i + 1];
            let prev_cap = i > sentence_start(block, i) && is_capitalized(block, text, i - 1);
            // (A Title Case line capitalises every word: there, neighbours say nothing.)
            if kind == EntityType::Person && !guarded && (next_cap || (prev_cap && !covered[i - 1]))
            {
                continue;
            }
            push(
                Candidate {
                    kind,
                    name: i..i + 1,
                    source: Source::Known,
                },
                &mut covered,
                &mut out,
            );
        }
    }
    out.sort_by_key(|c| c.name.start);
    out
}

/// "JavaScript", "NordProtect", "LinkedIn", "Proton VPN": a capital inside the last word
/// after lower-case letters, or a last word in capitals after words that are not,
/// spells a company or a product, never a person's surname ("McConnell", "DeSantis",
/// "LaGuardia" and "DiCaprio" open with a family-name prefix; "RoseAnn" is a given name,
/// first; "Harry Hurt III" ends with a generation, "Anila Chadha MD" with a credential,
/// "George H.W. Bush" has initials).
fn spelled_as_a_brand(text: &str, block: &Block, name: &Range<usize>) -> bool {
    let mut words = name
        .clone()
        .filter(|&i| block.tokens[i].kind == TokenKind::Word)
        .map(|i| block.tokens[i].text(text));
    let Some(first) = words.next() else {
        return false;
    };
    let (last, several) = match words.last() {
        Some(last) => (last, true),
        None => (first, false),
    };
    // (ASCII words only: "ChÃ¡vez" is a name whose accent was read in the wrong
    // encoding, its "Ã" an "A" and a combining tilde.)
    let camel = last.is_ascii()
        && last.char_indices().skip(1).any(|(at, c)| {
            let prefix = &last[..at];
            c.is_ascii_uppercase()
                && prefix.ends_with(|p: char| p.is_ascii_lowercase())
                && !matches!(
                    prefix,
                    "Mc" | "Mac"
                        | "De"
                        | "Di"
                        | "Du"
                        | "Da"
                        | "La"
                        | "Le"
                        | "Van"
                        | "Vande"
                        | "Vander"
                        | "Von"
                        | "Fitz"
                )
        });
    let shouted = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .all(|c| c.is_ascii_uppercase() || c == '-' || c.is_ascii_digit())
    };
    // Not a generation, a person's credential ("Anila Chadha MD"), nor two capitals: the
    // initials of a reference list ("Belin RJ") or a state ("Clyde OH") say no brand.
    let personal = matches!(
        last.trim_end_matches('.'),
        "II" | "III"
            | "IV"
            | "JR"
            | "SR"
            | "MD"
            | "PHD"
            | "DDS"
            | "RN"
            | "CPA"
            | "CFA"
            | "CFP"
            | "CPP"
            | "MBA"
            | "ESQ"
            | "LCSW"
            | "DVM"
            | "MPH"
    ) || last.chars().count() <= 2;
    let acronym = several && shouted(last) && !personal && !shouted(first);
    camel || acronym
}

/// Two words or more that end in a word only an organization's name ends with ("PAC",
/// "Committee", "Inc.") or open with one ("Department of Labor"). Not the other
/// organization words: works the tagger rightly calls miscellaneous end in them too
/// ("Crashing the Party", "Eat the Press", "Consumer Advocate TV").
fn names_an_organization(block: &Block, name: &Range<usize>) -> bool {
    let last = block.lower(name.end - 1).trim_end_matches('.');
    let first = block.lower(name.start);
    // (A colon inside is a title's: "University Life: A Pilot Study".)
    let titled = name.clone().any(|i| block.lower(i) == ":");
    name.len() >= 2
        && !titled
        && (matches!(
            last,
            "pac"
                | "inc"
                | "corp"
                | "corporation"
                | "llc"
                | "ltd"
                | "plc"
                | "committee"
                | "commission"
                | "agency"
                | "department"
                | "ministry"
                | "foundation"
                | "association"
                | "institute"
                | "university"
                | "caucus"
        ) || matches!(first, "department" | "ministry" | "university"))
}

/// The tagger's spans, with a person's name after a possessive taken out as a span of
/// its own: the tagger reads "National Review’s Ian Tuttle" as one person, and a
/// possessive ends a name ([`clean`]), which left "National Review" a person and Ian
/// Tuttle no one. What is before the possessive is the organization the lexicon knows,
/// else what the tagger said it was ("Clinton’s Robby Mook").
fn split_at_possessive<'a>(
    block: &Block,
    lex: &[TokenLex],
    tagged: &'a [Tagged],
) -> std::borrow::Cow<'a, [Tagged]> {
    let owner = |t: &Tagged| {
        (t.tokens.start..t.tokens.end.saturating_sub(2))
            .find(|&i| possessive_len(block.lower(i)) > 0)
            .filter(|&p| {
                t.label == NerLabel::Person
                    && block.tokens[p + 1].kind == TokenKind::Word
                    && is_first_name(&lex[p + 1])
            })
    };
    // Most blocks have none: the tagger's spans as they are.
    if !tagged.iter().any(|t| owner(t).is_some()) {
        return std::borrow::Cow::Borrowed(tagged);
    }
    let mut out = Vec::with_capacity(tagged.len() + 1);
    for t in tagged {
        let (s, e) = (t.tokens.start, t.tokens.end);
        match owner(t) {
            Some(p) => {
                let label = if usize::from(lex[s].org) == p + 1 - s {
                    NerLabel::Organization
                } else {
                    t.label
                };
                out.push(Tagged {
                    tokens: s..p + 1,
                    label,
                    ..t.clone()
                });
                out.push(Tagged {
                    tokens: p + 1..e,
                    ..t.clone()
                });
            }
            None => out.push(t.clone()),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Last words of an outlet's name ("Sky Sports", "Fox News", "Talk Radio"), never of a
/// person's.
const OUTLET_WORDS: &[&str] = &[
    "sports",
    "news",
    "radio",
    "television",
    "tv",
    "network",
    "magazine",
    "media",
    "broadcasting",
];

/// Second words of a football club named after its city ("Manchester City", "Leeds
/// United").
const CLUB_WORDS: &[&str] = &[
    "city",
    "united",
    "rovers",
    "athletic",
    "wanderers",
    "albion",
    "hotspur",
    "fc",
];

/// A city's name and a club's word ("Manchester City", "Leicester City", "Newcastle
/// United"), the whole no place the lexicon knows ("Mexico City", "Kansas City" are), nor
/// a town named so ("Carson City").
fn is_club(block: &Block, lex: &[TokenLex], name: &Range<usize>) -> bool {
    let s = name.start;
    name.len() == 2
        && lex[s].place == 1
        && lex[s].place_kind == Some(PlaceKind::City)
        && CLUB_WORDS.contains(&block.lower(s + 1))
        && !matches!(
            block.lower(s),
            "carson" | "union" | "boulder" | "elizabeth" | "mason" | "culver"
        )
}

/// The capitalised words `run` (a maximal run of them, none covered) as a person's full
/// name when its last word is one the body uses alone for a speaker
/// ([`Known::lone_speakers`]) and no word of it is known as anything but a name.
fn full_name_of_a_speaker(
    text: &str,
    block: &Block,
    doc: &DocScratch<'_>,
    known: &Known,
    run: Range<usize>,
) -> Option<Range<usize>> {
    let lex = &doc.lex;
    let (s, e) = (run.start, run.end);
    if !(2..=3).contains(&run.len()) {
        return None;
    }
    // The run is all there is of the name: not a part of a longer capitalised phrase,
    // nor "the Haaland Foundation".
    let start = sentence_start(block, s);
    if s > start && (is_capitalized(block, text, s - 1) || block.lower(s - 1) == "the") {
        return None;
    }
    if e < sentence_end(block, s) && is_capitalized(block, text, e) {
        return None;
    }
    // A surname the document gave a person before stands for that person ("Both
    // Sanders", "Dump Trump" are no new names; rule 5 finds the surname).
    let last = base_form(block.lower(e - 1));
    if !known.lone_speakers.contains_key(last) || known.people.contains_key(last) {
        return None;
    }
    (unknown_proper_nouns(text, block, lex, &run) && !capitalised_to_open(block, doc, s))
        .then_some(run)
}

/// "Then Haaland said", "(See Sexton's timeline)": a word capitalised because it opens
/// the sentence, written in lower case elsewhere and no first name, or an imperative, is
/// no first name.
fn capitalised_to_open(block: &Block, doc: &DocScratch<'_>, i: usize) -> bool {
    doc.lower_seen.contains(doc.words[i]) && doc.lex[i].flags & flag::FIRST == 0
        || is_imperative(block, i)
}

/// The tagger's `name` (of `kind`) as the full name of a person the body quotes by
/// surname: its last word is one the body prints alone next to a verb of speech
/// ([`Known::lone_speakers`]), and every word of it, with at most one capitalised word
/// before that the tagger left out, reads as a name and nothing else. Places do not
/// speak, and an organization is not quoted by the last word of its name ("Goldman
/// Sachs" is no "Sachs said").
fn named_speaker(
    text: &str,
    block: &Block,
    doc: &DocScratch<'_>,
    known: &Known,
    covered: &[bool],
    kind: EntityType,
    name: &Range<usize>,
) -> Option<Range<usize>> {
    let lex = &doc.lex;
    let last = base_form(block.lower(name.end - 1));
    // "Ban Ki-moon", then "Ban recalled": a Korean name, its family name first and its
    // given name of two syllables joined by a hyphen ("Ki-moon", "Jae-in", "Jong-un").
    // (Not "Trump Tower" though "Trump said".)
    let first = base_form(block.lower(name.start));
    let korean_given = |w: &str| {
        w.split_once('-').is_some_and(|(a, b)| {
            a.chars().next().is_some_and(char::is_uppercase)
                && b.len() >= 2
                && b.chars().all(|c| c.is_ascii_lowercase())
        })
    };
    let family_first = || {
        kind != EntityType::Person
            && name.len() == 2
            && korean_given(block.tokens[name.start + 1].text(text))
            && known.lone_speakers.contains_key(first)
            && !known.people.contains_key(first)
            && lex[name.start].flags & flag::FIRST == 0
    };
    if name.len() > 3 || !(known.lone_speakers.contains_key(last) || family_first()) {
        return None;
    }
    // A place's name may be a person's too ("Moore", "Warren") when the lists know it as
    // a first name or a surname.
    let name_word = |i: usize| {
        let named = lex[i].flags & (flag::FIRST | flag::SURNAME) != 0;
        is_capitalized(block, text, i) && reads_as_a_name_only(text, block, lex, i, named)
    };
    let mut full = name.clone();
    let start = sentence_start(block, name.start);
    if name.len() == 1
        && full.start > start
        && !covered[full.start - 1]
        && name_word(full.start - 1)
        && possessive_len(block.lower(full.start - 1)) == 0
        && !known.person(block, full.start - 1)
    {
        full.start -= 1;
    }
    if full.len() < 2 || (kind == EntityType::Person && full == *name) {
        return None;
    }
    // "Both Sanders", "Dump Trump": a surname the document gave a person before, after a
    // word that is no first name, is that person (rule 5 finds the surname).
    if known.people.contains_key(last) && lex[full.start].flags & flag::FIRST == 0 {
        return None;
    }
    let whole_place = usize::from(lex[full.start].place) == full.len();
    let possessive_inside = (full.start..full.end - 1).any(|i| possessive_len(block.lower(i)) > 0);
    (full.clone().all(name_word)
        && !capitalised_to_open(block, doc, full.start)
        && !whole_place
        && !possessive_inside)
        .then_some(full)
}

/// The imperatives that open a reader's aside ("(See Sexton's timeline)", "Read
/// Smith's column"): capitalised only because they open the sentence, and in the name
/// lists too (the census counts "See" as a surname and a first name), so neither the
/// tagger nor the lists tell them from a name.
fn is_imperative(block: &Block, i: usize) -> bool {
    matches!(
        block.lower(i),
        "see" | "read" | "watch" | "meet" | "listen" | "click" | "visit" | "follow"
    )
}

/// "Nimbus Cloud said it would cut 1,200 jobs": two or three capitalised words nothing
/// else took, opening the sentence, no first name among them, that say something of
/// "it" or "its" are a company speaking of itself.
fn company_saying_it(text: &str, block: &Block, doc: &DocScratch<'_>, run: Range<usize>) -> bool {
    let lex = &doc.lex;
    let (s, e) = (run.start, run.end);
    (2..=3).contains(&run.len())
        && e + 1 < sentence_end(block, s)
        && (sentence_start(block, s)..s).all(|i| block.tokens[i].kind != TokenKind::Word)
        && matches!(block.lower(e), "said" | "says" | "announced")
        && matches!(block.lower(e + 1), "it" | "its")
        && run.clone().all(|i| lex[i].flags & flag::FIRST == 0)
        && !doc.lower_seen.contains(doc.words[s])
        && unknown_proper_nouns(text, block, lex, &run)
}

/// Every word of `run` read as a singular proper noun ("While Will", "Several
/// Democrats", "Professors Foner" open with a conjunction, a determiner or a plural), in
/// no list as anything but a name.
fn unknown_proper_nouns(text: &str, block: &Block, lex: &[TokenLex], run: &Range<usize>) -> bool {
    run.clone()
        .all(|i| reads_as_a_name_only(text, block, lex, i, false))
}

/// Token `i` read as a singular proper noun, not in capitals, and in no list as anything
/// but a name: no month or weekday, organization, title, nationality or party word, nor a
/// place unless `place_too`.
fn reads_as_a_name_only(
    text: &str,
    block: &Block,
    lex: &[TokenLex],
    i: usize,
    place_too: bool,
) -> bool {
    let l = &lex[i];
    block.tags(text)[i] == Tag::Nnp
        && !is_all_caps(block, text, i)
        && l.flags & (flag::MONTH | flag::WEEKDAY | flag::ORG_CUE | flag::ORG_HEAD) == 0
        && l.org == 0
        && !l.in_org
        && l.title == 0
        && !l.in_title
        && l.demonym == 0
        && l.modifier == 0
        && (place_too || l.place == 0 && !l.in_place)
}

/// The longest known organization that overlaps `name` and is not a strict part of it
/// ("New York Times" inside "New York Times Company" stays the tagger's).
fn known_org_over(lex: &[TokenLex], name: &Range<usize>) -> Option<Range<usize>> {
    let floor = name.start.saturating_sub(8);
    (floor..name.end)
        .filter(|&j| lex[j].org > 0)
        .map(|j| j..j + usize::from(lex[j].org))
        .filter(|org| {
            org.end > name.start
                && (org == name || !(org.start >= name.start && org.end <= name.end))
        })
        .max_by_key(|org| org.len())
}

/// `name` cut after the last of its words that is a surname the body knows, when its own
/// last word is none.
fn ending_on_known_surname(block: &Block, known: &Known, name: Range<usize>) -> Range<usize> {
    if known.person(block, name.end - 1) {
        return name;
    }
    match (name.start..name.end - 1)
        .rev()
        .find(|&k| known.person(block, k))
    {
        Some(k) => name.start..k + 1,
        None => name,
    }
}

/// In a headline or a line in capitals, a candidate of the tagger counts only when the
/// body or a lexicon backs it.
fn confirm(
    block: &Block,
    lex: &[TokenLex],
    name: &Range<usize>,
    kind: EntityType,
    known: &Known,
) -> Option<Source> {
    let last = base_form(block.lower(name.end - 1));
    if kind == EntityType::Person && known.people.contains_key(last) {
        // "Big-Name Senator Endorsed Trump": before a surname the body knows, a Title
        // Case line's capitalised verb is no first name. The first word must be one, or
        // the first word of a person the body names in full ("Xi Jinping").
        let first = base_form(block.lower(name.start));
        let named = name.len() == 1
            || is_first_name(&lex[name.start])
            || known.given.contains_key(first)
            || known.people.contains_key(first);
        return named.then_some(Source::Known);
    }
    if name.len() == 1 && known.single.get(last) == Some(&kind) {
        return Some(Source::Known);
    }
    let l = &lex[name.start];
    if usize::from(l.org) == name.len()
        || (l.is_strong_place() && usize::from(l.place) == name.len())
    {
        return Some(Source::Lexicon);
    }
    None
}

/// "Democrats", "Republicans", "Muslims", "Hispanics": one capitalised plural (a plural
/// proper noun to the part-of-speech tagger) that no name list knows is a group of people,
/// not a person or a place (CoNLL's MISC, OntoNotes' NORP); the tagger gave "Democrats"
/// both. Typed an organization (`kind`), it stays: the party. A surname or first name
/// ending in s ("Sanders", "Francis"), a person the document named in full, or a known
/// place or organization stays a name.
fn names_a_group(
    text: &str,
    block: &Block,
    lex: &[TokenLex],
    known: &Known,
    kind: EntityType,
    name: &Range<usize>,
) -> bool {
    if name.len() != 1 || kind == EntityType::Organization {
        return false;
    }
    let i = name.start;
    if known.person(block, i) {
        return false;
    }
    let l = &lex[i];
    block.tags(text)[i] == crate::pos::Tag::Nnps
        && block.lower(i).ends_with('s')
        && l.flags & (flag::FIRST | flag::SURNAME) == 0
        && l.place == 0
        && l.org == 0
}

fn is_first_name(l: &TokenLex) -> bool {
    l.flags & flag::FIRST != 0 && l.flags & flag::PARTICLE == 0
}

/// Two or three capitalised words opening with a first name, none of them naming an
/// organization or a place: "Evan Vucci", not "George Washington University".
fn looks_like_full_name(text: &str, block: &Block, lex: &[TokenLex], name: &Range<usize>) -> bool {
    if !(2..=3).contains(&name.len()) || !is_first_name(&lex[name.start]) {
        return false;
    }
    name.clone().all(|i| {
        let l = &lex[i];
        is_capitalized(block, text, i)
            && !is_all_caps(block, text, i)
            && l.flags & (flag::ORG_CUE | flag::ORG_HEAD) == 0
            && l.org == 0
            && l.place == 0
            && !l.in_place
            && l.demonym == 0
    })
}

/// Lower-case words inside a name between capitalised ones ("Bill de Blasio", "Ursula von
/// der Leyen"). Not the gazetteer's `PARTICLES`, which are capitalised words that are
/// names only with more around them.
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "der", "den", "du", "dos", "das", "van", "von", "ter", "le",
    "la", "bin", "bint", "ibn", "al",
];

/// A lower-case word of [`NAME_PARTICLES`] at token `i`.
fn is_name_particle(block: &Block, text: &str, i: usize) -> bool {
    !is_capitalized(block, text, i) && NAME_PARTICLES.contains(&block.lower(i))
}

/// A token such as "al-Assad": an article of [`NAME_ARTICLES`] and a capitalised name.
fn is_article_name(block: &Block, text: &str, i: usize) -> bool {
    let t = &block.tokens[i];
    if t.kind != TokenKind::Word {
        return false;
    }
    let word = t.text(text);
    // Every article opens with 'a' or 'e' (asked of nearly every lower-case word).
    if !matches!(word.as_bytes().first(), Some(b'a' | b'e')) {
        return false;
    }
    NAME_ARTICLES.iter().any(|a| {
        word.len() > a.len()
            && word.starts_with(a)
            && word[a.len()..].starts_with(char::is_uppercase)
    })
}

/// A person's name run on over the lower-case parts that belong to it: "Bashar" +
/// "al-Assad", "Mohammed" + "bin Salman", "Ursula" + "von der Leyen", "Luiz Inácio" + "da
/// Silva". The tagger, which reads a lower-case word as the end of a name, stops before
/// them, and the speaker was "Bashar". A particle is taken only with the capitalised
/// word after it, and not when that word is a date, a title, an organization or a
/// country ("a summit of Putin de France" is no name).
fn with_name_particles(
    text: &str,
    block: &Block,
    lex: &[TokenLex],
    name: Range<usize>,
) -> Range<usize> {
    if name.is_empty() {
        return name;
    }
    let limit = sentence_end(block, name.start);
    let particle = |n: usize| n < limit && is_name_particle(block, text, n);
    let name_word = |n: usize| {
        n < limit
            && is_capitalized(block, text, n)
            && lex[n].flags & (flag::MONTH | flag::WEEKDAY | flag::ORG_CUE | flag::ORG_HEAD) == 0
            && lex[n].title == 0
            && lex[n].org == 0
            && !lex[n].is_strong_place()
    };
    let mut e = name.end;
    // Not past a possessive: "Trump's al-Qaida remarks".
    while possessive_len(block.lower(e - 1)) == 0 {
        if e < limit && is_article_name(block, text, e) {
            e += 1;
            continue;
        }
        let mut k = e;
        while k < e + 2 && particle(k) {
            k += 1;
        }
        if k > e && (name_word(k) || is_article_name(block, text, k)) {
            e = k + 1;
            continue;
        }
        break;
    }
    name.start..e
}

/// Tokens of a person's name after a capitalised title whose first token is `j`.
fn name_after_title(
    text: &str,
    block: &Block,
    lex: &[TokenLex],
    doc: &DocScratch<'_>,
    j: usize,
) -> Option<Range<usize>> {
    let l = &lex[j];
    if l.title == 0 || !is_capitalized(block, text, j) || l.org > l.title {
        return None;
    }
    let title = &Gazetteer::get().titles[usize::from(l.title_id)];
    if !title.capitalized {
        return None;
    }
    // "Martin Luther King Jr.", "Billie Jean King", "Steven M. Rosenthal": right after a
    // name word, a title's word is a name or an initial, not a title ("King Jr" was a
    // person, and "M." as in "Monsieur" made "Rosenthal" the name).
    if j > sentence_start(block, j) && is_capitalized(block, text, j - 1) {
        let p = &lex[j - 1];
        if p.flags & (flag::FIRST | flag::SURNAME) != 0
            && p.title == 0
            && p.modifier == 0
            && p.demonym == 0
            && p.org == 0
            && p.place == 0
            && possessive_len(block.lower(j - 1)) == 0
            // Read as a proper noun: "Even Mr. Peck of SunTrust" opens with an adverb.
            && matches!(block.tags(text)[j - 1], Tag::Nnp | Tag::Nnps)
        {
            return None;
        }
    }
    let start = j + usize::from(l.title);
    let end_limit = sentence_end(block, j).min(start + 5);
    let particle = |n: usize| n < end_limit && is_name_particle(block, text, n);
    let capitalised_at = |n: usize| n < end_limit && is_capitalized(block, text, n);
    let mut k = start;
    while k < end_limit {
        let lk = &lex[k];
        if is_capitalized(block, text, k) {
            let w = base_form(block.lower(k));
            // A common word in capitals (a Title Case headline) ends the name.
            let common =
                doc.lower_seen.contains(w) && lk.flags & (flag::FIRST | flag::SURNAME) == 0;
            if common || lk.title > 0 && k == start || lk.flags & (flag::MONTH | flag::WEEKDAY) != 0
            {
                break;
            }
            if lk.flags & (flag::ORG_CUE | flag::ORG_HEAD) != 0 || lk.org > 0 || lk.demonym > 0 {
                return None;
            }
            k += 1;
            if possessive_len(block.lower(k - 1)) > 0 {
                break;
            }
            continue;
        }
        // A lower-case particle inside the name ("Mayor Bill de Blasio", "Gen. Ursula von
        // der Leyen") when a capitalised word follows it.
        if k > start
            && particle(k)
            && (capitalised_at(k + 1) || particle(k + 1) && capitalised_at(k + 2))
        {
            k += 1;
            continue;
        }
        // An initial's period ("George W. Bush") when a capitalised word follows.
        if block.tokens[k].text(text) == "."
            && k > start
            && block.tokens[k - 1].span.len() == 1
            && k + 1 < end_limit
            && is_capitalized(block, text, k + 1)
        {
            k += 1;
            continue;
        }
        break;
    }
    // A name ends on a word, not on an initial's period.
    while k > start && block.tokens[k - 1].kind != TokenKind::Word {
        k -= 1;
    }
    (k > start).then_some(start..k)
}

/// Trim a tagged span to its name: no leading titles or articles, no trailing punctuation;
/// `None` when nothing name-like is left.
fn clean(
    text: &str,
    block: &Block,
    lex: &[TokenLex],
    doc: &DocScratch<'_>,
    kind: EntityType,
    tokens: Range<usize>,
) -> Option<Range<usize>> {
    let (mut s, mut e) = (tokens.start, tokens.end);
    // "Summer Lee said…" in an article that also writes "the summer": the tagger, which
    // weighs a word seen in lower case, left the first name out of the name it found. A
    // capitalised first name opening the sentence right before a person's name is the
    // name's (not a month, a title, a place or an organization: "April", "Virginia").
    if kind == EntityType::Person && s > 0 {
        let p = s - 1;
        let lp = &lex[p];
        if block.tokens[p].kind == TokenKind::Word
            && is_capitalized(block, text, p)
            && lp.flags & flag::FIRST != 0
            && lp.flags & (flag::MONTH | flag::WEEKDAY) == 0
            && lp.title == 0
            && lp.place == 0
            && lp.org == 0
            // "Will Cruz's gambit do any better?": a modal or a verb, not a first name.
            && !block.tags(text)[p].is_verb()
            && (sentence_start(block, p)..p).all(|i| block.tokens[i].kind != TokenKind::Word)
        {
            s = p;
        }
    }
    // "Trump slammed Bush", "Cruz said Monday", "Friday that Curiel": the tagger ran a
    // name over a verb or a conjunction into the next capitalised word. The name is the
    // part before it, or the part after when the part before is only a date.
    let tags = block.tags(text);
    // In a headline every word is capitalised: "Hillary Clinton Slams Donald Trump" has
    // its verb capitalised too. A verb that no name list knows ends the name there.
    // Looked at only when a cheaper test has passed: most names never need it.
    let title_case_memo = std::cell::OnceCell::new();
    let first = s;
    let title_case = || {
        *title_case_memo
            .get_or_init(|| block.is_headline || title_cased_sentence(text, block, first))
    };
    let headline_verb = |i: usize| {
        lex[i].flags & (flag::FIRST | flag::SURNAME) == 0
            && (matches!(tags[i], Tag::Vbz | Tag::Vbd)
                || CueLexicon::get().match_at(&[block.lower(i)]).is_some())
            && title_case()
    };
    if let Some(cut) = (s + 1..e.saturating_sub(1)).find(|&i| {
        block.tokens[i].kind == TokenKind::Word
            && if is_capitalized(block, text, i) {
                headline_verb(i)
            } else {
                tags[i].is_verb()
                    || matches!(
                        block.lower(i),
                        "that"
                            | "than"
                            | "over"
                            | "here"
                            | "who"
                            | "vs"
                            | "versus"
                            | "has"
                            | "was"
                            // "Trump v. Trump", a court case: two parties, no one's name.
                            | "v"
                    )
            }
    }) {
        let only_dates = (s..cut).all(|i| {
            block.tokens[i].kind != TokenKind::Word
                || lex[i].flags & (flag::MONTH | flag::WEEKDAY) != 0
        });
        if only_dates {
            s = cut + 1;
        } else {
            e = cut;
        }
    }
    loop {
        if s >= e {
            return None;
        }
        let l = &lex[s];
        let word = block.tokens[s].kind == TokenKind::Word;
        let article = matches!(block.lower(s), "the" | "a" | "an");
        // "While Trump…", "Although Klein…", "Many Millennials want…": a conjunction or a
        // quantifier capitalised because it opens the sentence is not the first word of
        // the name after it.
        let conjunction = s + 1 < e
            && matches!(
                block.lower(s),
                "many"
                    | "most"
                    | "some"
                    | "several"
                    | "few"
                    | "all"
                    | "these"
                    | "those"
                    | "while"
                    | "although"
                    | "though"
                    | "if"
                    | "so"
                    | "like"
                    | "unlike"
                    | "but"
                    | "and"
                    | "even"
                    | "when"
                    | "because"
                    | "since"
                    | "after"
                    | "before"
                    | "despite"
                    | "until"
                    | "unless"
                    | "whether"
                    | "once"
            );
        // "Thousands of Chicago teachers": a quantity opening the sentence is no part of
        // the name after it.
        let quantity_of = s + 1 < e
            && block.lower(s + 1) == "of"
            && matches!(
                block.lower(s),
                "thousands" | "hundreds" | "dozens" | "millions" | "scores" | "tens"
            );
        if quantity_of {
            s += 2;
            continue;
        }
        // "Both Sanders and Clinton", "Neither Johnson nor", "Given Obama's record", "(See
        // Sexton's timeline)": a word capitalised because it opens the sentence or a
        // parenthesis (or stands in a headline), and read as no noun (a determiner, a
        // preposition, a verb…) or written in lower case elsewhere in the article, is not
        // the first word of the name after it, unless it is a first name ("Will Smith")
        // other than the imperatives ([`is_imperative`]).
        let opener = kind == EntityType::Person
            && s + 1 < e
            && word
            && (!tags[s].is_noun()
                || is_imperative(block, s)
                || doc.lower_seen.contains(base_form(block.lower(s))))
            && (l.flags & flag::FIRST == 0 || is_imperative(block, s))
            && !is_all_caps(block, text, s)
            && (title_case()
                || (sentence_start(block, s)..s).all(|i| block.tokens[i].kind != TokenKind::Word)
                || s > 0 && matches!(block.tokens[s - 1].text(text), "(" | "["));
        if opener {
            s += 1;
            continue;
        }
        if !word
            || article
            || conjunction
            || !is_capitalized(block, text, s) && block.tokens[s].kind != TokenKind::Number
        {
            s += 1;
            continue;
        }
        if kind == EntityType::Person {
            let skip = usize::from(l.title.max(l.modifier).max(l.demonym));
            if skip > 0 && s + skip < e {
                s += skip;
                continue;
            }
        }
        break;
    }
    // A parenthesis ends a name: "Ed Rendell (D), a Clinton supporter" is Ed Rendell; the
    // party after him is no part of his name.
    if let Some(p) = (s + 1..e).find(|&i| matches!(block.tokens[i].text(text), "(" | "[")) {
        e = p;
    }
    // A possessive ends a name: "Associated Press's Profile Picture" is the agency's.
    if let Some(p) = (s..e - 1).find(|&i| possessive_len(block.lower(i)) > 0) {
        e = p + 1;
    }
    while e > s {
        let t = &block.tokens[e - 1];
        let keep_period = t.text(text) == "."
            && e - 1 > s
            && matches!(
                block.lower(e - 2),
                "jr" | "sr" | "inc" | "co" | "corp" | "ltd" | "st"
            );
        if t.kind == TokenKind::Word || t.kind == TokenKind::Number || keep_period {
            break;
        }
        e -= 1;
    }
    // "Obama Friday said": a weekday after a name is the date of the sentence. When what
    // is left is a place ("Fort Pierce, Florida Friday, Clinton said"), the tagger took
    // place and date for a person: no person is there.
    let before_weekdays = e;
    while e > s + 1 && lex[e - 1].flags & flag::WEEKDAY != 0 {
        e -= 1;
    }
    if e < before_weekdays && kind == EntityType::Person && e == s + 1 && lex[s].is_strong_place() {
        return None;
    }
    if s >= e {
        return None;
    }
    // "I've", "I'm": the writer, capitalised as every "I" is, is no one's name. (Either
    // apostrophe, read in place: no copy of the word with the typographic one replaced.)
    if block.lower(s).strip_prefix('i').is_some_and(|rest| {
        matches!(
            rest.strip_prefix('\'').or_else(|| rest.strip_prefix('’')),
            Some("ve" | "m" | "d" | "ll")
        )
    }) {
        return None;
    }
    // "candidate Dr. Ben Carson": the tagger may stop at the title's full stop. A title
    // alone ("Dr", "Sen") names no one; the name after it is found on its own.
    if kind == EntityType::Person
        && usize::from(lex[s].title) >= e - s
        && lex[s].flags & (flag::FIRST | flag::SURNAME) == 0
    {
        return None;
    }
    // A party or other word that only qualifies a person ("his Democratic opponent",
    // "Republican lawmakers") is not a person's name unless the name lists know it
    // ("Green").
    if kind == EntityType::Person
        && usize::from(lex[s].modifier.max(lex[s].demonym)) >= e - s
        && lex[s].flags & (flag::FIRST | flag::SURNAME) == 0
    {
        return None;
    }
    // "F. I made two pots", "letters A through I. Survey I showed": a name ending in the
    // writer's "I" is none (a regnal "Elizabeth I" follows a given name).
    if kind == EntityType::Person
        && e - s >= 2
        && block.tokens[e - 1].text(text) == "I"
        && !(is_first_name(&lex[e - 2]) && e - s == 2)
    {
        return None;
    }
    // "Democratic presidential candidate", "Republican lawmakers", "Latino voters": a
    // party or community adjective alone, before the noun it qualifies, is no entity of
    // any kind (the tagger made "Democratic" a place or an organization in most
    // political stories). "Labour said" and "the Democratic Party" stay.
    if e - s == 1 {
        let word = block.lower(s);
        let qualifier = usize::from(lex[s].modifier) == 1
            && lex[s].title == 0
            && lex[s].flags & flag::FIRST == 0
            || matches!(
                word,
                "latino"
                    | "latina"
                    | "latinos"
                    | "hispanic"
                    // "Muslim immigration", "a fake Southern accent": a faith or a
                    // region before a noun.
                    | "muslim"
                    | "christian"
                    | "jewish"
                    | "catholic"
                    | "evangelical"
                    | "hindu"
                    | "sikh"
                    | "buddhist"
                    | "mormon"
                    | "islamic"
                    | "southern"
                    | "northern"
                    | "western"
                    | "eastern"
            );
        let before_noun = e < block.len()
            && block.tokens[e].kind == TokenKind::Word
            && !is_capitalized(block, text, e)
            && (tags[e].is_noun() || tags[e] == crate::pos::Tag::Jj);
        if qualifier && (before_noun || word == "democratic") {
            return None;
        }
    }
    // The word tokens, walked again where needed rather than collected.
    let words = || (s..e).filter(|&i| block.tokens[i].kind == TokenKind::Word);
    let first_word = words().next()?;
    // "Hurricane Delta", "Typhoon Haiyan", "Storm Ciarán": a storm is named like a person
    // and is none.
    let storm = |i: usize| {
        matches!(
            block.lower(i),
            "hurricane" | "typhoon" | "cyclone" | "storm" | "tropical"
        )
    };
    if kind == EntityType::Person && (storm(s) || s > 0 && storm(s - 1)) {
        return None;
    }
    // An initial alone ("W..." cut short), a nationality ("Russians"), a common noun's
    // abbreviation ("AI", "SEO experts") or a pronoun ("We" of a Title Case heading, "How
    // We Tested") is not a name.
    if words().nth(1).is_none() {
        let w = base_form(block.lower(first_word));
        let gazetteer = Gazetteer::get();
        let pronoun = matches!(
            w,
            "we" | "us"
                | "our"
                | "you"
                | "your"
                | "they"
                | "them"
                | "their"
                | "he"
                | "him"
                | "his"
                | "she"
                | "her"
                | "it"
                | "its"
                | "me"
                | "my"
        );
        if w.chars().count() == 1
            || pronoun
            || gazetteer.is_demonym(w)
            || gazetteer.is_common_abbreviation(w)
        {
            return None;
        }
    }
    // Dates and bare titles are not names.
    if words().all(|i| {
        lex[i].flags & (flag::MONTH | flag::WEEKDAY) != 0 || lex[i].title as usize == e - i
    }) {
        return None;
    }
    // "Alexandria, Va., Lazar said", "a trucker from Joplin, Mo., who…": a state as AP
    // abbreviates it after a city, in the forms the gazetteer leaves out because they are
    // also words or names ("Va", "Mo", "Pa"), is a place there, not a person.
    if e - s == 1
        && matches!(
            block.lower(s),
            "del"
                | "ga"
                | "ill"
                | "ind"
                | "la"
                | "mass"
                | "md"
                | "miss"
                | "mo"
                | "pa"
                | "va"
                | "wash"
        )
        && block.tokens.get(e).is_some_and(|t| t.text(text) == ".")
        && s >= 2
        && block.tokens[s - 1].text(text) == ","
        && is_capitalized(block, text, s - 2)
    {
        return None;
    }
    // "(D-Mass.)": a party and a state after a politician's name.
    let first = block.tokens[s].text(text);
    if s > 0
        && block.tokens[s - 1].text(text) == "("
        && first.len() > 2
        && ["D-", "R-", "I-"].iter().any(|p| first.starts_with(p))
    {
        return None;
    }
    // A lone capitalised common word opening a sentence ("Asked").
    if e - s == 1 && s == sentence_start(block, s) {
        let w = base_form(block.lower(s));
        let l = &lex[s];
        let named = l.flags & (flag::FIRST | flag::SURNAME) != 0 || l.place > 0 || l.org > 0;
        if doc.lower_seen.contains(w) && !named {
            return None;
        }
        // "Anyone who expects…", "Still, he said…": part of speech reads a pronoun or an
        // adverb where the tagger read a person.
        if kind == EntityType::Person && !named && !matches!(tags[s], Tag::Nnp | Tag::Nnps) {
            return None;
        }
        // "Still, he said…", "True enough.": census surnames too,
        // but read as an adverb or an adjective there, and no first name.
        if kind == EntityType::Person
            && l.flags & flag::FIRST == 0
            && l.place == 0
            && l.org == 0
            && matches!(tags[s], Tag::Rb | Tag::Jj | Tag::In)
        {
            return None;
        }
    }
    Some(s..e)
}

/// A known organization or a country/capital/state/region at token `i` that the tagger
/// left alone.
fn lexicon_candidate(
    text: &str,
    block: &Block,
    lex: &[TokenLex],
    doc: &DocScratch<'_>,
    i: usize,
) -> Option<Candidate> {
    let l = &lex[i];
    if l.org == 0 && l.place == 0 || !is_capitalized(block, text, i) {
        return None;
    }
    let caps = || is_all_caps(block, text, i);
    let first_of_sentence = i == sentence_start(block, i);
    let w = base_form(block.lower(i));
    let common = doc.lower_seen.contains(w);
    let n = block.len();
    if l.org > 0 {
        let len = usize::from(l.org);
        // "House prices", "Apple pie": a one-word name that is a common word counts
        // inside a sentence, or in capitals ("FBI"), or opening a sentence before a word
        // only a company or an institution comes before ("Apple shares fell", "Google
        // said", "Tesla's").
        let company_word_after = i + 1 < n
            && matches!(
                block.lower(i + 1),
                "shares"
                    | "stock"
                    | "said"
                    | "says"
                    | "announced"
                    | "reported"
                    | "declined"
                    | "spokesman"
                    | "spokeswoman"
                    | "'s"
                    | "’s"
            );
        if len > 1 || caps() || (!common && (!first_of_sentence || company_word_after)) {
            return Some(Candidate {
                kind: EntityType::Organization,
                name: i..i + len,
                source: Source::Lexicon,
            });
        }
    }
    if l.place > 0 {
        let len = usize::from(l.place);
        let next_cap = i + len < n && is_capitalized(block, text, i + len);
        // The dateline: "WASHINGTON (AP) —" opens a paragraph in capitals.
        let dateline = i == 0 && caps();
        if dateline || (l.is_strong_place() && !common && !next_cap) {
            return Some(Candidate {
                kind: EntityType::Place,
                name: i..i + len,
                source: Source::Lexicon,
            });
        }
    }
    None
}

/// Remember what the body established.
fn learn(text: &str, block: &Block, candidates: &[Candidate], known: &mut Known) {
    for c in candidates {
        let last = base_form(block.lower(c.name.end - 1));
        match c.kind {
            EntityType::Person => {
                let words = c
                    .name
                    .clone()
                    .filter(|&i| block.tokens[i].kind == TokenKind::Word)
                    .count();
                // A surname alone is believed from a full name, a title, or the tagger.
                if words >= 2 {
                    let first = base_form(block.lower(c.name.start));
                    known.given.insert(first.to_owned(), ());
                }
                // ("Elizabeth I" makes no writer's "I" a mention of the queen: a letter is
                // no surname.)
                if (words >= 2 || c.source != Source::Known) && last.chars().count() > 1 {
                    known.people.insert(last.to_owned(), ());
                    // "Assad" after "Bashar al-Assad".
                    let family = without_name_article(last);
                    if family != last {
                        known.people.insert(family.to_owned(), ());
                    }
                }
            }
            kind if c.name.len() == 1 && is_capitalized(block, text, c.name.start) => {
                known.single.entry(last.to_owned()).or_insert(kind);
            }
            _ => {}
        }
    }
}

/// The mention of a candidate: for a person, titles, party words and a nationality
/// adjective before the name join the span.
fn build(text: &str, block: &Block, b: usize, lex: &[TokenLex], c: &Candidate) -> Mention {
    let g = Gazetteer::get();
    let last = &block.tokens[c.name.end - 1];
    let end = last.span.end - possessive_len(last.text(text));
    let name = Span::new(block.tokens[c.name.start].span.start, end);
    let mut mention = Mention {
        span: name,
        kind: c.kind,
        name,
        title: None,
        nationality: None,
        gender: None,
        gender_from_name: false,
        block: b,
    };
    if c.kind != EntityType::Person {
        return mention;
    }
    let floor = sentence_start(block, c.name.start);
    let mut pos = c.name.start;
    let mut title_gender = None;
    let mut title_generic = false;
    let mut has_title = false;
    for _ in 0..6 {
        if pos == floor {
            break;
        }
        if let Some(j) = phrase_ending_at(lex, floor, pos, |l| l.title) {
            let title = &g.titles[usize::from(lex[j].title_id)];
            if !has_title {
                has_title = true;
                title_gender = title.gender;
                // "spokesman", "chairman", "congressman" are printed for women too
                // ("Trump spokesman Hope Hicks"): they do not outweigh a first name.
                title_generic = title.normalized.ends_with("man");
                if !title.normalized.is_empty() {
                    mention.title = Some(title.normalized.clone());
                }
            }
            pos = j;
            continue;
        }
        if !has_title {
            break;
        }
        if let Some(j) = phrase_ending_at(lex, floor, pos, |l| l.modifier) {
            pos = j;
            continue;
        }
        if mention.nationality.is_none()
            && let Some(j) = phrase_ending_at(lex, floor, pos, |l| l.demonym)
        {
            mention.nationality = Some(g.countries[usize::from(lex[j].country_id)].clone());
            pos = j;
            continue;
        }
        break;
    }
    mention.span = Span::new(block.tokens[pos].span.start, end);
    let words = c
        .name
        .clone()
        .filter(|&i| block.tokens[i].kind == TokenKind::Word)
        .count();
    let first_name = (words >= 2)
        .then(|| g.first_name_gender(block.lower(c.name.start)))
        .flatten();
    let title_gender = title_gender.filter(|_| !(title_generic && first_name.is_some()));
    mention.gender = title_gender.or(first_name);
    mention.gender_from_name = title_gender.is_none() && first_name.is_some();
    mention
}

/// The first token of the longest phrase (by `len`) that ends just before `pos`.
fn phrase_ending_at(
    lex: &[TokenLex],
    floor: usize,
    pos: usize,
    len: impl Fn(&TokenLex) -> u8,
) -> Option<usize> {
    (floor.max(pos.saturating_sub(6))..pos).find(|&j| usize::from(len(&lex[j])) == pos - j)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_article_name` rejects a word by its first byte before trying the articles.
    #[test]
    fn name_articles_open_with_a_or_e() {
        assert!(NAME_ARTICLES.iter().all(|a| a.starts_with(['a', 'e'])));
    }
}
