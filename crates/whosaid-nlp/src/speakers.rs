//! In-document coreference for speakers: every mention of the same person, organization
//! or place gathered into one entity, so that a quotation whose source is "he", "Trump" or
//! "the Russian leader" is attributed to the fullest name the article gives.
//!
//! Speakers are a document-level decision: all mentions are collected first, clustered,
//! and only then are sources resolved.
//!
//! - **Names**: a full name opens a person; a later surname alone ("Trump"), a title with
//!   the surname ("President Trump") or the same full name joins it. A surname seen before
//!   any full name ("Trump says…" in a headline) joins the full name that comes later. Two
//!   people who share a surname are never merged: a bare surname goes to the one named
//!   most recently.
//! - **Pronouns** (he, him, his, she, her…): the first compatible person earlier in the
//!   sentence (the subject, usually), else the first one of the sentences before — a
//!   person the reporter names before one named in what someone said — else one later in
//!   the same sentence ("Asked if he…, Trump said"). A pronoun that is a statement's source
//!   never stands for a person named in that statement ("“Biden cannot win,” he said").
//!   A resolved "he" or "she" is itself a candidate for the pronouns after it. Gender comes
//!   from first names and titles, or from a pronoun already resolved to the person;
//!   unknown gender is compatible with both.
//! - **Descriptions** ("the president", "the Russian leader"): the most recent person whose
//!   title or nationality fits. "The company", "the group": the organization named nearest
//!   before, else the one the story names most (`organization_described`).
//! - **Groups** ("officials", "the two sides", "the Clinton camp") stay nominal speakers:
//!   they are never forced onto a person. A source "they" speaks as the group its sentence
//!   or the one before is about, when that is plainly people ("Senate Democrats blocked
//!   the bill because they said…"; `group_of_they`), else as the people named nearest
//!   before it (`people_named_before`: "That frustrates many analysts because they
//!   believe…"), and stays "they" otherwise.
//! - **A surname read as a place or an organization** by the entity tagger ("surrender to
//!   Trump") is the one person of that surname named before (`person_of_surname`).

use whosaid_core::names::{without_legal_form, without_name_article};
use whosaid_core::{EntityType, Span};

use crate::entities::{Gazetteer, Gender, Mention, WordHashMap};
use crate::prepare::Prepared;
use crate::token::TokenKind;

/// One entity of the document and where the text refers to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// Person, organization or place.
    pub kind: EntityType,
    /// The fullest name the document gives.
    pub name: String,
    /// Every mention: names, and for people the pronouns and descriptions resolved to them.
    pub mentions: Vec<Span>,
    /// Titles seen with the name, lower-case ("president").
    pub titles: Vec<String>,
    /// Nationality seen with the name ("Russia").
    pub nationality: Option<String>,
    /// Gender suggested by a first name or title.
    pub gender: Option<Gender>,
    /// True while that gender is only a first name's guess (no title, no pronoun yet).
    gender_from_name: bool,
    /// Lower-case surname (people) or name (others): what a bare mention is matched on.
    key: String,
    /// Lower-case first name, when a full name was given.
    first: Option<String>,
}

/// The entities of a document and a way from any span to the entity it names.
#[derive(Clone, Debug, Default)]
pub struct Coreference {
    /// Entities in order of first mention.
    pub clusters: Vec<Cluster>,
    /// Every resolved mention (names, pronouns, descriptions) with its cluster, by start.
    pub(crate) resolved: Vec<(Span, usize)>,
}

impl Coreference {
    /// The last person mentioned inside `range` (a name, or a pronoun or description
    /// resolved to one).
    pub fn person_within(&self, range: Span) -> Option<Span> {
        self.resolved
            .iter()
            .filter(|(span, c)| {
                range.contains(*span) && self.clusters[*c].kind == EntityType::Person
            })
            .map(|&(span, _)| span)
            .next_back()
    }

    /// True when `phrase` is the mention of a place, but for a leading "the".
    pub fn is_a_place(&self, text: &str, phrase: Span) -> bool {
        let words = phrase.slice(text);
        let skip = words.len() - words.trim_start_matches("the ").len();
        self.resolved.iter().any(|(span, c)| {
            self.clusters[*c].kind == EntityType::Place
                && span.start <= phrase.start + skip
                && span.end >= phrase.end
        })
    }

    /// The entity a source mention refers to: a name or resolved pronoun or description
    /// inside it. A person wins over the organization around them ("White House press
    /// secretary Karoline Leavitt" is Leavitt), and someone named as an owner does not
    /// speak ("Trump's spokesman Steven Cheung" is Cheung; "the president's spokeswoman"
    /// nobody named). Otherwise the first wins ("Lawrence B. Cummings, his former partner").
    pub fn entity_of(&self, text: &str, source: Span) -> Option<usize> {
        // An owner is followed by the rest of the noun phrase: a source that is only
        // "Trump's" or "his" (the tagger stopped there) still names its speaker.
        let owner = |span: &Span| {
            let after = &text[span.end..source.end.max(span.end)];
            let possessive = after.starts_with("'s") || after.starts_with("’s");
            let determiner = matches!(
                span.slice(text).to_lowercase().as_str(),
                "his" | "her" | "their" | "its"
            );
            let rest = after.trim_start_matches(['\'', '’', 's']).trim_start();
            (possessive || determiner) && !rest.is_empty()
        };
        // A name governed by a preposition inside the source modifies someone else: "an
        // aide to Trump", "analysts polled by Reuters", "a source close to the Kremlin" are
        // not Trump, Reuters, the Kremlin. Those who speak for the name are it: "a
        // spokeswoman for the ministry", "a statement from the White House".
        let governed_directly = |span: &Span| {
            let before = text[source.start..span.start.max(source.start)].trim_end();
            if before.ends_with(|c: char| !c.is_alphanumeric()) {
                return false;
            }
            let words: Vec<String> = before
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            let mut last = words.iter().rev().map(String::as_str);
            let word = match last.next() {
                Some("the" | "a" | "an") => last.next(),
                other => other,
            };
            let preposition = matches!(
                word,
                Some(
                    "by" | "to"
                        | "of"
                        | "for"
                        | "at"
                        | "from"
                        | "with"
                        | "in"
                        | "among"
                        | "against"
                        | "about"
                        | "near"
                        | "behind"
                        | "within"
                )
            );
            preposition
                && !words
                    .iter()
                    .any(|w| SPEAKS_FOR.contains(&w.as_str()) || DOCUMENTS.contains(&w.as_str()))
        };
        let inside: Vec<(Span, usize)> = self
            .resolved
            .iter()
            .filter(|(span, c)| {
                source.overlap(*span) > 0 && self.clusters[*c].kind != EntityType::Place
            })
            .copied()
            .collect();
        let person = |c: usize| self.clusters[c].kind == EntityType::Person;
        // "aides to Clinton and Sanders": a name joined to a governed one is governed too.
        let governed = |span: &Span| {
            governed_directly(span)
                || inside.iter().any(|(other, _)| {
                    other.end <= span.start
                        && matches!(
                            text[other.end..span.start].trim(),
                            "and" | "or" | "and the" | "or the"
                        )
                        && governed_directly(other)
                })
        };
        // "one Labour MP", "GOP voters": members of a body speak for themselves, not for it
        // (while "a Treasury spokeswoman" or "a White House official" speak for theirs).
        let member = |span: &Span| {
            let after = text[span.end..source.end.max(span.end)].trim_start();
            let next = after
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .next()
                .unwrap_or("")
                .to_lowercase();
            MEMBERS.contains(&next.as_str()) || CIRCLES.contains(&next.as_str())
        };
        // "Clinton spokesman Brian Fallon", "former Obama adviser David Axelrod": a
        // person's name that modifies the words leading to another person's name is not
        // the one speaking; the second person is.
        let modifier = |span: &Span, c: usize| {
            person(c)
                && inside.iter().any(|(other, oc)| {
                    let between = text.get(span.end..other.start).unwrap_or("");
                    person(*oc)
                        && *oc != c
                        && other.start > span.end
                        && between.starts_with(' ')
                        // Words between, or a title opening the second mention ("Clinton
                        // spokesman Brian Fallon"); two names side by side are one name
                        // the tagger split.
                        && (!between.trim().is_empty()
                            || text[other.start..].starts_with(char::is_lowercase))
                        // Nouns only: no conjunction, preposition or verb ("Hannity over
                        // Trump", "Trump named Cruz" are two people, one of them speaking).
                        && between.split_whitespace().all(|w| {
                            w.chars().all(|ch| ch.is_lowercase() || ch == '-')
                                && w.chars().any(char::is_alphabetic)
                                && !w.ends_with("ed")
                                && !matches!(
                                    w,
                                    "and" | "or" | "nor" | "but" | "of" | "for" | "to" | "at"
                                        | "from" | "with" | "in" | "by" | "on" | "over" | "than"
                                        | "about" | "against" | "after" | "before" | "like"
                                        | "as" | "versus" | "vs" | "said" | "says" | "told"
                                        | "tells" | "and/or"
                                )
                        })
                })
        };
        let speaks = |span: &Span, c: usize| {
            !owner(span) && !governed(span) && !member(span) && !modifier(span, c)
        };
        // "A spokesman for McConnell, David Popp": the spokesman, named in apposition after
        // the one he speaks for, is who speaks.
        let named_spokesperson = inside.iter().find(|(span, c)| {
            person(*c)
                && inside.iter().any(|(other, _)| {
                    text.get(other.end..span.start) == Some(", ")
                        && text.get(source.start..other.start).is_some_and(|before| {
                            before
                                .split_whitespace()
                                .any(|w| SPOKESPEOPLE.contains(&w.to_lowercase().as_str()))
                        })
                })
        });
        if let Some(&(_, c)) = named_spokesperson {
            return Some(c);
        }
        inside
            .iter()
            .find(|(span, c)| person(*c) && speaks(span, *c))
            .or_else(|| inside.iter().find(|(span, c)| speaks(span, *c)))
            .map(|&(_, c)| c)
    }
}

/// People who speak for someone else, named in apposition after that someone ("a
/// spokesman for McConnell, David Popp").
const SPOKESPEOPLE: &[&str] = &["spokesman", "spokeswoman", "spokesperson", "representative"];

/// Words of a source whose name after a preposition is the speaker ("a spokesman for X").
const SPEAKS_FOR: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "spokesmen",
    "spokeswomen",
    "representative",
    "representatives",
    "statement",
    "statements",
    "release",
    "communique",
    "announcement",
    // Who acts for the name: "the government of President Poroshenko".
    "government",
    "administration",
    "campaign",
    "office",
];

/// What a name published says what the name says: "a count by The Associated Press", "a
/// new poll by Gallup", "a report in Politico". Words of [`SPEAKS_FOR`] too; a plural of
/// them is never a group of people ([`names_people`]).
const DOCUMENTS: &[&str] = &[
    "report",
    "reports",
    "poll",
    "polls",
    "polling",
    "survey",
    "surveys",
    "study",
    "studies",
    "analysis",
    "count",
    "tally",
    "article",
    "story",
    "editorial",
    "research",
    "data",
    "figures",
    "estimates",
    "letter",
    "email",
    "memo",
    "ad",
    "video",
    "tweet",
    "post",
    "filing",
    "document",
    "documents",
    "transcript",
    "emails",
    "book",
    "review",
    "lawsuit",
    "suit",
    "complaint",
    "petition",
    "motion",
];

/// Whether a group's head noun names people for certain: members of a body or a person's
/// circle ("voters", "lawmakers", "aides", [`MEMBERS`]).
pub(crate) fn names_people(word: &str) -> bool {
    MEMBERS.contains(&word)
}

/// Whether a plural noun names people by what they do or where they stand ("officials",
/// "diplomats", "residents"): such a subject is a group "they" can stand for. Wider than
/// [`names_people`], which also decides who speaks for an organization.
fn names_people_in_general(word: &str) -> bool {
    names_people(word) || PEOPLE.contains(&word)
}

/// Plural nouns for people in news, beyond [`MEMBERS`].
const PEOPLE: &[&str] = &[
    "officials",
    "diplomats",
    "negotiators",
    "ministers",
    "leaders",
    "authorities",
    "police",
    "officers",
    "investigators",
    "prosecutors",
    "lawyers",
    "attorneys",
    "judges",
    "regulators",
    "experts",
    "analysts",
    "economists",
    "scientists",
    "researchers",
    "doctors",
    "observers",
    "commentators",
    "pollsters",
    "journalists",
    "reporters",
    "residents",
    "citizens",
    "protesters",
    "demonstrators",
    "organizers",
    "witnesses",
    "workers",
    "employees",
    "executives",
    "students",
    "teachers",
    "parents",
    "families",
    "farmers",
    "soldiers",
    "troops",
    "victims",
    "survivors",
    "governors",
    "mayors",
    "spokesmen",
    "spokespeople",
];

/// Whether a common noun can head the phrase of someone who speaks: people ("officials",
/// "an official", "aides"), a role or career ("the president", "the businessman") or a
/// document that speaks for its author ("the complaint").
pub(crate) fn can_speak(noun: &str) -> bool {
    names_people_by_role(noun) || names_a_document(noun)
}

/// Whether a common noun names people or a person by what they do: "officials", "an
/// official", a role or a career ("the president", "the businessman").
fn names_people_by_role(noun: &str) -> bool {
    names_people_in_general(noun)
        || PEOPLE.iter().any(|p| p.strip_suffix('s') == Some(noun))
        || is_role_head(noun)
        || is_career_head(noun)
}

/// Whether a noun names a document that speaks for its author ("poll", "reports",
/// [`DOCUMENTS`]).
pub(crate) fn names_a_document(word: &str) -> bool {
    DOCUMENTS.contains(&word)
}

/// Heads after an organization's name that make the source its members, not the body.
const MEMBERS: &[&str] = &[
    "mp",
    "mps",
    "mep",
    "meps",
    "lawmaker",
    "lawmakers",
    "legislator",
    "legislators",
    "senator",
    "senators",
    "congressman",
    "congresswoman",
    "congressmen",
    "member",
    "members",
    "voter",
    "voters",
    "supporter",
    "supporters",
    "activist",
    "activists",
    "candidate",
    "candidates",
    "hopeful",
    "hopefuls",
    "delegate",
    "delegates",
    "strategist",
    "strategists",
    "operative",
    "operatives",
    "donor",
    "donors",
    "councillor",
    "councillors",
    "insider",
    "insiders",
    "critic",
    "critics",
    "rival",
    "rivals",
    // Nor do those who speak without its voice: "a Treasury source", "an EU diplomat",
    // "Goldman Sachs analysts".
    "source",
    "sources",
    "diplomat",
    "diplomats",
    "analyst",
    "analysts",
    "economist",
    "economists",
    // A person's circle speaks for itself too: "Clinton aides", "Trump allies".
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "ally",
    "allies",
    "backer",
    "backers",
    "confidant",
    "confidants",
    "loyalist",
    "loyalists",
    "staffer",
    "staffers",
    "appointee",
    "appointees",
    "associate",
    "associates",
    "surrogate",
    "surrogates",
    "pollster",
    "pollsters",
    "lawyer",
    "lawyers",
    "attorney",
    "attorneys",
];

/// Whether a word after a person's name makes a group around them ("camp", "campaign",
/// [`CIRCLES`]).
pub(crate) fn names_a_circle(word: &str) -> bool {
    CIRCLES.contains(&word)
}

/// Heads after a person's name that make the source a group around them, not the person:
/// "the Clinton camp", "the Obama team", "Obama administration officials".
const CIRCLES: &[&str] = &[
    "camp",
    "camps",
    "campaign",
    "campaigns",
    "administration",
    "team",
    "operation",
    "network",
    "machine",
];

/// The gender of a third-person pronoun ("he", "him", "his", "himself"; "she", "her",
/// "hers", "herself"), contracted subjects included ("he's said", "she'll argue": one
/// token each). A `match`, not a list search: it runs for every word of the body.
fn pronoun_gender(word: &str) -> Option<Gender> {
    match word {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => contracted_subject(word).and_then(pronoun_gender),
    }
}

/// "he" of "he's", "he’d", "he'll" (and the same of "she"): a subject pronoun with its
/// auxiliary in one token.
fn contracted_subject(word: &str) -> Option<&'static str> {
    let (subject, rest) = if let Some(rest) = word.strip_prefix("he") {
        ("he", rest)
    } else {
        ("she", word.strip_prefix("she")?)
    };
    let auxiliary = rest.strip_prefix('\'').or_else(|| rest.strip_prefix('’'))?;
    matches!(auxiliary, "s" | "d" | "ll").then_some(subject)
}

/// The gender of a noun that names someone without a name ("a 29-year-old Berlin
/// woman"). A `match`, not a list search: it runs for every word of the document.
fn gendered_noun(word: &str) -> Option<Gender> {
    match word {
        "man" | "men" | "father" | "husband" | "son" | "boy" | "brother" | "grandfather"
        | "widower" => Some(Gender::Male),
        "woman" | "women" | "mother" | "wife" | "daughter" | "girl" | "sister" | "grandmother"
        | "widow" => Some(Gender::Female),
        _ => None,
    }
}

/// Heads of descriptions that refer to a person by role.
fn is_role_head(word: &str) -> bool {
    // A `match`, not a list search: looked up for every "the" of the body.
    matches!(
        word,
        "president"
            | "ceo"
            | "leader"
            | "senator"
            | "governor"
            | "minister"
            | "secretary"
            | "chancellor"
            | "mayor"
            | "candidate"
            | "nominee"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "chairman"
            | "chairwoman"
            | "executive"
            | "judge"
            | "general"
            | "premier"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "pope"
            | "congressman"
            | "congresswoman"
            | "representative"
            | "ambassador"
            | "billionaire"
            | "businessman"
            | "businesswoman"
            | "tycoon"
            | "commissioner"
            | "director"
            | "attorney"
            | "prosecutor"
            | "lawmaker"
            | "speaker"
            | "dictator"
            | "monarch"
            | "chief"
    )
}

/// Words that say which minister or leader a description means ("the Russian foreign
/// minister", "the prime minister", "the supreme leader"): the head after them decides.
fn is_role_modifier(word: &str) -> bool {
    // A `match`, not a list search: looked up for every "the" of the body.
    matches!(
        word,
        "foreign"
            | "prime"
            | "defense"
            | "defence"
            | "finance"
            | "interior"
            | "economy"
            | "trade"
            | "energy"
            | "health"
            | "justice"
            | "vice"
            | "deputy"
            | "supreme"
            | "top"
            | "senior"
            | "first"
            | "chief"
    )
}

/// Titles that belong to the name of a person known by one given name ("Pope Francis").
const REGNAL_TITLES: &[&str] = &[
    "pope", "king", "queen", "prince", "princess", "emperor", "empress",
];

/// Gather the mentions of a document into entities and resolve pronouns and
/// descriptions to people.
///
/// `statements` are the (source, content parts) of the document's statements: a pronoun
/// that is a statement's source never stands for a person named in that statement's
/// content ("“Joe Biden cannot win,” he said" is not Biden speaking).
pub fn resolve(
    text: &str,
    prepared: &Prepared,
    mentions: &[Mention],
    statements: &[(Span, &[Span])],
) -> Coreference {
    let mut coref = Coreference::default();
    // The clusters of each key, one map per kind (indexed by `kind_slot`): looked up by a
    // borrowed key, where a (kind, key) tuple would need the key cloned for every lookup;
    // hashed as the lexicons' words are (never iterated, so the order is no matter).
    let mut by_key: [WordHashMap<String, Vec<usize>>; 3] = Default::default();
    let kind_slot = |kind: EntityType| match kind {
        EntityType::Person => 0,
        EntityType::Organization => 1,
        EntityType::Place => 2,
    };
    // Where each person was last named with their surname (byte, by cluster; 0 for never,
    // as a missing entry counted).
    let mut surname_seen: Vec<usize> = Vec::new();
    // Person mentions, for pronoun resolution: (block, sentence, span, cluster).
    let mut people: Vec<(usize, u32, Span, usize)> = Vec::new();

    // Whether a person's full name makes them the one a later bare surname means: not a
    // relative met in passing as the object of a verb or a preposition ("a photo of Heidi
    // Cruz", "Trump accused Rafael Cruz…") or in apposition to a word of kinship ("his
    // son, Eric Trump"), after which "Cruz said" is still Ted Cruz; otherwise a
    // statement's source does. (A bare surname always does: it was resolved.)
    let acts = |m: &Mention| {
        let Some(block) = prepared.blocks.get(m.block) else {
            return true;
        };
        let name = block.tokens_in(m.span);
        let (t, end) = (name.start, name.end);
        let Some(before) = t.checked_sub(1) else {
            return true;
        };
        // A relative named in apposition ("Dorothy Woods, whose husband, Navy SEAL Ty
        // Woods, was killed", "her son Eric Trump") is met in passing, even inside a
        // statement's source that runs over the apposition.
        let kin = |i: usize| {
            matches!(
                block.lower(i),
                "husband"
                    | "wife"
                    | "son"
                    | "daughter"
                    | "father"
                    | "mother"
                    | "brother"
                    | "sister"
                    | "widow"
                    | "widower"
            )
        };
        if kin(before) || before > 0 && block.lower(before) == "," && kin(before - 1) {
            return false;
        }
        if statements.iter().any(|(source, _)| source.contains(m.span)) {
            return true;
        }
        // An owner is the topic ("to Marco Rubio's speech", "In Hillary Clinton's race").
        let owner = text[m.span.end..].starts_with(['\'', '’'])
            || end < block.len() && matches!(block.lower(end), "'s" | "’s" | "'" | "’");
        let object = block.tags(text)[before].is_verb()
            || matches!(
                block.lower(before),
                "of" | "to"
                    | "with"
                    | "for"
                    | "by"
                    | "from"
                    | "against"
                    | "about"
                    | "at"
                    | "on"
                    | "into"
                    | "toward"
                    | "towards"
            );
        owner || !object || block.sentence_of[before] != block.sentence_of[t]
    };
    let mut ordered: Vec<&Mention> = mentions.iter().collect();
    ordered.sort_by_key(|m| m.span.start);
    for m in ordered {
        let name = m.name.slice(text);
        let words: Vec<&str> = name_words(name);
        let Some(&last) = words.last() else { continue };
        let c = match m.kind {
            EntityType::Person => {
                // "Assad" and "al-Assad" are the "Bashar al-Assad" named before.
                let key = name_key(last);
                let key = match without_name_article(&key) {
                    family if family.len() < key.len() => family.to_owned(),
                    _ => key,
                };
                let first = (words.len() >= 2).then(|| name_key(words[0]));
                let candidates: &[usize] = by_key[kind_slot(m.kind)]
                    .get(&key)
                    .map_or(&[], Vec::as_slice);
                // The mention's gender, where known, is the person's: "Mr. Clinton" is the
                // Clinton who is a man, however recently Hillary was named.
                let fits_gender = |c: &usize| match (m.gender, coref.clusters[*c].gender) {
                    (Some(g), Some(cg)) => g == cg,
                    _ => true,
                };
                let found = match &first {
                    // A full name joins a person of the same name, or a bare surname seen
                    // before any full name; a different first name is a different person,
                    // and so is a bare surname of the other gender ("President Obama",
                    // "Mr. Obama", then "the first lady, Michelle Obama").
                    Some(f) => candidates
                        .iter()
                        .rev()
                        .copied()
                        .find(|c| match &coref.clusters[*c].first {
                            // "Donald Trump Jr." is not "Donald J. Trump".
                            Some(cf) => {
                                cf == f
                                    && same_suffix(
                                        generational_suffix(&coref.clusters[*c].name),
                                        generational_suffix(name),
                                    )
                            }
                            None => fits_gender(c),
                        })
                        // "Davis Gates" after "Stacy Davis Gates": the end of a fuller name.
                        .or_else(|| {
                            candidates
                                .iter()
                                .rev()
                                .copied()
                                .find(|&c| coref.clusters[c].fuller_name_ends_with(&words))
                        })
                        // "Donald Jr." and "Donald Trump Jr.", in either order: the
                        // same first name and suffix.
                        .or_else(|| {
                            let suffix = generational_suffix(name);
                            if suffix.is_empty() {
                                return None;
                            }
                            (0..coref.clusters.len()).rev().find(|&c| {
                                coref.clusters[c].goes_by(f)
                                    && same_suffix(
                                        generational_suffix(&coref.clusters[c].name),
                                        suffix,
                                    )
                            })
                        })
                        // "Xi" in a headline, then "Xi Jinping": a family name first, no
                        // known given name, named alone before.
                        .or_else(|| {
                            if is_first_name(f) {
                                return None;
                            }
                            by_key[kind_slot(m.kind)]
                                .get(f)?
                                .iter()
                                .rev()
                                .copied()
                                .find(|&c| {
                                    coref.clusters[c].first.is_none()
                                        && name_word_count(&coref.clusters[c].name) == 1
                                })
                        }),
                    // A bare surname joins the person of that surname named most recently;
                    // failing one, a known first name alone ("Hillary", "Jeb") the
                    // person of that first name named most recently.
                    None => {
                        // Named most recently by the surname: "Melania" does not
                        // make Melania the Trump a later bare "Trump" is.
                        let latest = |c: &usize| surname_seen.get(*c).copied().unwrap_or(0);
                        let first_name = || {
                            if !is_first_name(&key) {
                                return None;
                            }
                            (0..coref.clusters.len())
                                .filter(|&c| coref.clusters[c].goes_by(&key))
                                .max_by_key(latest)
                        };
                        // "Xi" after "Xi Jinping", "Kim" after "Kim Jong Un": the family
                        // name comes first in Chinese and Korean names. A word that is no
                        // known given name, first in a full name named before, is that.
                        let family_name_first = || {
                            if is_first_name(&key) {
                                return None;
                            }
                            (0..coref.clusters.len())
                                .filter(|&c| {
                                    coref.clusters[c].kind == EntityType::Person
                                        && coref.clusters[c].first.as_deref() == Some(key.as_str())
                                })
                                .max_by_key(latest)
                        };
                        // "Ms. Acosta" after "Melba Acosta Febo": a Spanish name's
                        // first surname (the father's) names its bearer alone, as
                        // "Rodham" may "Hillary Rodham Clinton". A word that is no given
                        // name, next to last in a full name of three words or more.
                        let paternal_surname = || {
                            if is_first_name(&key) {
                                return None;
                            }
                            (0..coref.clusters.len())
                                .filter(|&c| {
                                    let cluster = &coref.clusters[c];
                                    let words = name_words(&cluster.name);
                                    cluster.kind == EntityType::Person
                                        && words.len() >= 3
                                        && same_name_key(words[words.len() - 2], &key)
                                })
                                .max_by_key(latest)
                        };
                        // Of two never named as actors, the first named.
                        let latest_then_first = |c: &usize| (latest(c), std::cmp::Reverse(*c));
                        candidates
                            .iter()
                            .copied()
                            .filter(fits_gender)
                            .max_by_key(latest_then_first)
                            .or_else(|| candidates.iter().copied().max_by_key(latest_then_first))
                            .or_else(first_name)
                            .or_else(family_name_first)
                            .or_else(paternal_surname)
                    }
                };
                let c = found.unwrap_or_else(|| {
                    let c = coref.new_cluster(m.kind, name, key.clone());
                    by_key[kind_slot(m.kind)]
                        .entry(key.clone())
                        .or_default()
                        .push(c);
                    c
                });
                let cluster = &mut coref.clusters[c];
                if cluster.key == key && (first.is_none() || acts(m)) {
                    if surname_seen.len() <= c {
                        surname_seen.resize(c + 1, 0);
                    }
                    surname_seen[c] = m.span.start;
                }
                if first.is_some() && cluster.first.is_none() {
                    cluster.first = first;
                }
                // (Suffixes counted: "Donald Trump Jr." is fuller than "Donald Jr.".)
                if name_word_count_with_suffixes(&cluster.name)
                    < name_word_count_with_suffixes(name)
                {
                    cluster.name = name.to_owned();
                }
                c
            }
            // "the Trump campaign", "surrender to Trump", "the Obama administration": a
            // surname the tagger read as a place or an organization is the one person of
            // that surname named before.
            EntityType::Organization | EntityType::Place
                if words.len() == 1
                    && let Some(c) = person_of_surname(&coref, last) =>
            {
                c
            }
            // "Davis Gates" after "Stacy Davis Gates", read as an organization: the end of a
            // person's fuller name is that person.
            EntityType::Organization
                if words.len() >= 2
                    && let Some(c) = person_ending_with(&coref, &words) =>
            {
                c
            }
            _ => {
                // "Apple Inc." and a later "Apple" are one company.
                let key = match m.kind {
                    EntityType::Organization => name_key(without_legal_form(name)),
                    _ => name_key(name),
                };
                match by_key[kind_slot(m.kind)]
                    .get(&key)
                    .and_then(|v| v.first().copied())
                {
                    Some(c) => c,
                    None => {
                        let c = coref.new_cluster(m.kind, name, key.clone());
                        by_key[kind_slot(m.kind)].entry(key).or_default().push(c);
                        c
                    }
                }
            }
        };
        let cluster = &mut coref.clusters[c];
        cluster.mentions.push(m.span);
        if let Some(t) = &m.title
            && !cluster.titles.contains(t)
        {
            cluster.titles.push(t.clone());
        }
        if cluster.nationality.is_none() {
            cluster.nationality.clone_from(&m.nationality);
        }
        if cluster.gender.is_none() {
            cluster.gender = m.gender;
            cluster.gender_from_name = m.gender_from_name;
        }
        coref.resolved.push((m.span, c));
        if coref.clusters[c].kind == EntityType::Person {
            people.push(person_entry(prepared, m.block, m.span, c));
        }
    }

    // "Pope Francis", "King Charles", "Prince Harry": a person the article names by one
    // given name and such a title is known by both; "Francis" alone would be any Francis,
    // in the article's speakers and across a corpus. Named with a surname too
    // ("Prince Alwaleed bin Talal"), the name stands as it is.
    for cluster in &mut coref.clusters {
        if cluster.kind != EntityType::Person || name_word_count(&cluster.name) != 1 {
            continue;
        }
        if let Some(title) = cluster
            .titles
            .iter()
            .find(|t| REGNAL_TITLES.contains(&t.as_str()))
        {
            let mut titled = title[..1].to_uppercase() + &title[1..];
            titled.push(' ');
            titled.push_str(&cluster.name);
            cluster.name = titled;
        }
    }

    // "The Obama administration's deal was attacked by Barack Obama's critics": a surname
    // read as a place or an organization before the full name came is that person too,
    // as it is after it (`person_of_surname` above).
    let strays: Vec<(usize, usize)> = (0..coref.clusters.len())
        .filter(|&x| {
            coref.clusters[x].kind != EntityType::Person
                && name_word_count(&coref.clusters[x].name) == 1
        })
        .filter_map(|x| Some((x, person_of_surname(&coref, &coref.clusters[x].name)?)))
        .collect();
    if !strays.is_empty() {
        merge_into_people(prepared, &mut coref, &mut people, &strays);
    }

    resolve_pronouns_and_descriptions(text, prepared, &mut coref, &people, statements);
    coref.resolved.sort_by_key(|(s, _)| s.start);
    for cluster in &mut coref.clusters {
        cluster.mentions.sort();
        // "James\u{a0}Comey": a name is shown with plain spaces, whatever the page put
        // between its words (a no-break space, a line break).
        if cluster.name.chars().any(|c| c.is_whitespace() && c != ' ') {
            cluster.name = cluster
                .name
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    coref
}

/// A person's mention as pronoun resolution reads it: (block, sentence, span, cluster).
fn person_entry(prepared: &Prepared, b: usize, span: Span, c: usize) -> (usize, u32, Span, usize) {
    let block = &prepared.blocks[b];
    let t = block
        .token_at_or_after(span.start)
        .min(block.len().saturating_sub(1));
    let sentence = block.sentence_of.get(t).copied().unwrap_or(0);
    (b, sentence, span, c)
}

/// Each (stray, person) pair's stray cluster joins the person: its mentions, its resolved
/// spans, its place among the people pronouns may stand for. The strays are then removed
/// and every cluster index after them shifted down.
fn merge_into_people(
    prepared: &Prepared,
    coref: &mut Coreference,
    people: &mut Vec<(usize, u32, Span, usize)>,
    strays: &[(usize, usize)],
) {
    for &(stray, person) in strays {
        let mentions = std::mem::take(&mut coref.clusters[stray].mentions);
        for &span in &mentions {
            let Some(b) = prepared.block_containing(span) else {
                continue;
            };
            people.push(person_entry(prepared, b, span, person));
        }
        coref.clusters[person].mentions.extend(mentions);
        for (_, c) in coref.resolved.iter_mut() {
            if *c == stray {
                *c = person;
            }
        }
    }
    people.sort_by_key(|&(_, _, span, _)| span.start);
    let removed: Vec<usize> = strays.iter().map(|&(stray, _)| stray).collect();
    let new_index = |c: usize| c - removed.iter().filter(|&&r| r < c).count();
    for (_, c) in coref.resolved.iter_mut() {
        *c = new_index(*c);
    }
    for entry in people.iter_mut() {
        entry.3 = new_index(entry.3);
    }
    let mut index = 0;
    coref.clusters.retain(|_| {
        index += 1;
        !removed.contains(&(index - 1))
    });
}

/// The person whose fuller name ends with these words ("Davis Gates" of "Stacy Davis
/// Gates"), when exactly one does.
fn person_ending_with(coref: &Coreference, words: &[&str]) -> Option<usize> {
    let mut fits = coref
        .clusters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == EntityType::Person && c.fuller_name_ends_with(words));
    match (fits.next(), fits.next()) {
        (Some((c, _)), None) => Some(c),
        _ => None,
    }
}

/// The one person named before with a first name and `surname` ("Donald Trump" for
/// "Trump"), for a one-word mention the tagger took for a place or an organization. Not
/// when the word is a country, capital, state or region ("Washington" with Kerry
/// Washington in the text) or an organization the lexicon knows ("Bloomberg" with Michael
/// Bloomberg), and not when the person's first word is no known first name: a name
/// misread as a person ("Century Fox") is no reason to believe "Fox" one.
fn person_of_surname(coref: &Coreference, surname: &str) -> Option<usize> {
    let c = person_ending_with(coref, &[surname])?;
    let has_first_name = coref.clusters[c]
        .first
        .as_deref()
        .is_some_and(is_first_name);
    (has_first_name && !Gazetteer::get().is_well_known_place_or_org(&name_key(surname)))
        .then_some(c)
}

impl Coreference {
    /// A new entity named `name`, with no mentions yet; returns its index.
    fn new_cluster(&mut self, kind: EntityType, name: &str, key: String) -> usize {
        self.clusters.push(Cluster {
            kind,
            name: name.to_owned(),
            mentions: Vec::new(),
            titles: Vec::new(),
            nationality: None,
            gender: None,
            gender_from_name: false,
            key,
            first: None,
        });
        self.clusters.len() - 1
    }

    /// The one person a bare name stands for, as a recognised mention of it would be
    /// matched: "Brafman" is Ben Brafman when he is the only Brafman named, "De Blasio"
    /// the end of Bill de Blasio's name, "Hillary" Hillary Clinton when no one else has
    /// that first name. For sources the entity tagger did not take for a name ("Obama
    /// Friday said…", a surname at the start of a paragraph); `None` unless `name` is one
    /// to three capitalised words and exactly one person fits (two Johnsons: neither).
    pub fn person_by_name(&self, name: &str) -> Option<usize> {
        let words = name_words(name);
        let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
        if words.is_empty() || words.len() > 3 || !words.iter().all(capitalised) {
            return None;
        }
        let key = &name_key(words[words.len() - 1]);
        let first = (words.len() >= 2).then(|| name_key(words[0]));
        let first = first.as_ref();
        // Only a known first name: junk clusters ("Both Sanders") have first words too.
        let alone_a_first_name = words.len() == 1 && is_first_name(key);
        let mut fits = self.clusters.iter().enumerate().filter(|(_, c)| {
            if c.kind != EntityType::Person {
                return false;
            }
            let surname = &c.key == key
                && match (first, &c.first) {
                    (Some(f), Some(cf)) => f == cf,
                    (Some(_), None) => false,
                    _ => true,
                };
            let end_of_name = words.len() >= 2 && c.name_ends_with(&words, false);
            // "Xi" for Xi Jinping: a family name first, no known given name.
            let family_name_first =
                words.len() == 1 && !is_first_name(key) && c.first.as_ref() == Some(key);
            surname || end_of_name || alone_a_first_name && c.goes_by(key) || family_name_first
        });
        match (fits.next(), fits.next()) {
            (Some((c, _)), None) => Some(c),
            _ => None,
        }
    }

    /// Add the names found in text around the body (captions, credits, bylines): a name
    /// the body already gives joins its entity, any other becomes an entity of its own.
    /// Pronouns there are not resolved and nobody speaks there.
    pub fn absorb_asides(&mut self, text: &str, mentions: &[Mention]) {
        for m in mentions {
            let mut name = m.name.slice(text);
            let mut span = m.span;
            // "(AP Photo/Evan Vucci)": the agency is AP; "Photo" is the credit's wording.
            if m.kind == EntityType::Organization
                && let Some(agency) = name
                    .strip_suffix(" Photos")
                    .or_else(|| name.strip_suffix(" Photo"))
            {
                name = agency;
                span = Span::new(m.name.start, m.name.start + agency.len());
            }
            let words = name_words(name);
            let Some(&last) = words.last() else { continue };
            let first =
                (m.kind == EntityType::Person && words.len() >= 2).then(|| name_key(words[0]));
            let key = match m.kind {
                EntityType::Person => name_key(last),
                _ => name_key(name),
            };
            let found = self.clusters.iter().position(|c| {
                c.kind == m.kind
                    && c.key == key
                    && match (&first, &c.first) {
                        (Some(f), Some(cf)) => f == cf,
                        _ => true,
                    }
            });
            let c = found.unwrap_or_else(|| {
                let c = self.new_cluster(m.kind, name, key);
                let cluster = &mut self.clusters[c];
                cluster.first = first;
                cluster.nationality.clone_from(&m.nationality);
                cluster.gender = m.gender;
                cluster.gender_from_name = m.gender_from_name;
                c
            });
            let cluster = &mut self.clusters[c];
            cluster.mentions.push(span);
            cluster.mentions.sort();
            if let Some(t) = &m.title
                && !cluster.titles.contains(t)
            {
                cluster.titles.push(t.clone());
            }
        }
    }
}

/// Whether a lower-case name word is a first name of the census lists.
pub(crate) fn is_first_name(key: &str) -> bool {
    Gazetteer::get().first_name_gender(key).is_some()
}

impl Cluster {
    /// Its name's words end with `words`, compared as keys (lower-case, one apostrophe
    /// for both); with `longer`, its name also has more words. Word by word over the
    /// borrowed name: no keys or word lists are built (this runs for every candidate).
    fn name_ends_with(&self, words: &[&str], longer: bool) -> bool {
        let count = name_word_count(&self.name);
        if count < words.len() || longer && count == words.len() {
            return false;
        }
        self.name
            .split_whitespace()
            .map(without_possessive)
            .filter(|w| !w.is_empty())
            .take(count)
            .skip(count - words.len())
            .zip(words)
            .all(|(a, b)| same_name_key(a, b))
    }

    /// Its name is longer than `words` and ends with them ("Stacy Davis Gates" and "Davis
    /// Gates").
    fn fuller_name_ends_with(&self, words: &[&str]) -> bool {
        self.name_ends_with(words, true)
    }

    /// A person whose full name opens with this first name (lower-case).
    fn goes_by(&self, first: &str) -> bool {
        self.kind == EntityType::Person && self.first.as_deref() == Some(first)
    }
}

/// How a name or name word is matched: lower-case, with the typographic apostrophe as the
/// plain one ("O’Neill" and "O'Neill" in one article are one person).
fn name_key(name: &str) -> String {
    // One allocation where there is nothing to replace: most names are ASCII (lower-cased
    // the same by either function) and most others have no typographic apostrophe.
    if name.is_ascii() {
        return name.to_ascii_lowercase();
    }
    let lower = name.to_lowercase();
    if lower.contains('’') {
        lower.replace('’', "'")
    } else {
        lower
    }
}

/// Whether two name words have the same [`name_key`], without building either key when
/// both are ASCII (keys are compared for every candidate of every mention).
fn same_name_key(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        name_key(a) == name_key(b)
    }
}

/// The number of [`name_words`] of a name, without collecting them.
fn name_word_count(name: &str) -> usize {
    let all = name_word_count_with_suffixes(name);
    all - generational_suffixes(name, all)
}

fn name_word_count_with_suffixes(name: &str) -> usize {
    name.split_whitespace()
        .map(without_possessive)
        .filter(|w| !w.is_empty())
        .count()
}

/// How many of a name's `all` words at its end are a generational suffix ("Harry B.
/// Harris Jr.", "Harry Hurt III"): the surname is the word before them, so that "Admiral
/// Harris" is the admiral named in full before. At least two words stay: "Donald Jr."
/// is not some "Donald" of the story.
fn generational_suffixes(name: &str, all: usize) -> usize {
    let suffixes = name
        .split_whitespace()
        .rev()
        .take_while(|w| is_generational(w.trim_end_matches(['.', ','])))
        .count();
    if suffixes + 2 <= all { suffixes } else { 0 }
}

/// "Jr", "Sr", "II", "III", "IV", in any case.
fn is_generational(word: &str) -> bool {
    ["jr", "sr", "ii", "iii", "iv"]
        .iter()
        .any(|s| word.eq_ignore_ascii_case(s))
}

/// The generational suffix a name of two words or more ends with ("Jr." of "Donald
/// Trump Jr.", and of "Donald Jr." too, which keeps it among its words: see
/// [`generational_suffixes`]), or "" when it has none.
fn generational_suffix(name: &str) -> &str {
    let mut words = name.split_whitespace();
    let last = words.next_back().unwrap_or("").trim_end_matches(['.', ',']);
    if words.next().is_some() && is_generational(last) {
        last
    } else {
        ""
    }
}

/// Two generational suffixes are the same ("Jr." and "Jr", "III" and "iii").
fn same_suffix(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// The words of a name, without a possessive ending ("Trump’s" → "Trump") or a
/// generational suffix ("Jr.").
fn name_words(name: &str) -> Vec<&str> {
    let count = name_word_count(name);
    name.split_whitespace()
        .map(without_possessive)
        .filter(|w| !w.is_empty())
        .take(count)
        .collect()
}

/// A name word without its possessive ending: every trailing "’s", then every trailing
/// "'s", then every trailing apostrophe, as `trim_end_matches` with those patterns in that
/// order would (run for every word of every name; a string pattern there builds a
/// substring searcher each time, `strip_suffix` only compares the last bytes).
fn without_possessive(word: &str) -> &str {
    // Most words end in none of 's', '\'' or the last byte of '’' (0x99): nothing to trim.
    if !matches!(word.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
        return word;
    }
    let mut w = word;
    while let Some(rest) = w.strip_suffix("’s") {
        w = rest;
    }
    while let Some(rest) = w.strip_suffix("'s") {
        w = rest;
    }
    w.trim_end_matches(['’', '\''])
}

fn resolve_pronouns_and_descriptions(
    text: &str,
    prepared: &Prepared,
    coref: &mut Coreference,
    people: &[(usize, u32, Span, usize)],
    statements: &[(Span, &[Span])],
) {
    // Sentences in document order, to walk back over paragraph boundaries. (Looked up for
    // every pronoun and candidate, so an offset table rather than a hashed map.)
    let first_sentence = prepared.first_sentence_numbers();
    // Whether a mention in block `b` stands inside quotation marks.
    let in_quotation = |b: usize, span: Span| {
        let block = &prepared.blocks[b];
        let t = block
            .token_at_or_after(span.start)
            .min(block.len().saturating_sub(1));
        block.quote_depth.get(t).is_some_and(|&d| d > 0)
    };
    let order = |b: usize, s: u32| match prepared.blocks.get(b) {
        Some(block) if (s as usize) < block.sentences.len() => first_sentence[b] + s as usize,
        _ => 0,
    };
    // The candidates grow as subject pronouns are resolved, in text order: in "Lynch met
    // the press. She said… / She has faced…" the second "She" looks back to a sentence
    // that names nobody but a "She" already known to be Lynch.
    let mut people: Vec<(usize, u32, Span, usize)> = people.to_vec();
    people.sort_by_key(|&(pb, ps, span, _)| (order(pb, ps), span.start));
    // What a pronoun looks back to: the people, and the descriptions resolved to them
    // (which the descriptions after them do not count among the people named).
    let mut antecedents = people.clone();
    let insert_sorted = |list: &mut Vec<(usize, u32, Span, usize)>,
                         entry: (usize, u32, Span, usize)| {
        let key = (order(entry.0, entry.1), entry.2.start);
        let at = list.partition_point(|&(pb, ps, span, _)| (order(pb, ps), span.start) < key);
        list.insert(at, entry);
    };
    let mut added: Vec<(Span, usize)> = Vec::new();
    // The descriptions resolved so far (few: a linear search is enough).
    let mut described: Vec<Span> = Vec::new();
    // Where the reporter names someone by a gendered noun ("a 29-year-old Berlin woman"),
    // as sentence orders: found once per document, and only when a pronoun needs it.
    let gendered_nouns = std::cell::OnceCell::new();
    let noun_sentences = |g: Gender| -> &[usize] {
        let (male, female) = gendered_nouns.get_or_init(|| {
            let (mut male, mut female) = (Vec::new(), Vec::new());
            for (bb, blk) in prepared.blocks.iter().enumerate() {
                for t in (0..blk.len()).filter(|&t| blk.quote_depth[t] == 0) {
                    match gendered_noun(blk.lower(t)) {
                        Some(Gender::Male) => male.push(order(bb, blk.sentence_of[t])),
                        Some(Gender::Female) => female.push(order(bb, blk.sentence_of[t])),
                        None => {}
                    }
                }
            }
            (male, female)
        });
        match g {
            Gender::Male => male,
            Gender::Female => female,
        }
    };
    for (b, block) in prepared.blocks.iter().enumerate() {
        if block.is_headline {
            continue;
        }
        for i in 0..block.len() {
            let token = &block.tokens[i];
            // Inside a quotation "he" and "him" are the speaker's words, seen from the
            // speaker: resolving them from the reporter's sentences would be wrong.
            if token.kind != TokenKind::Word || block.quote_depth[i] > 0 {
                continue;
            }
            let word = block.lower(i);
            let gender = pronoun_gender(word);
            // Only pronouns and descriptions ("the …") are resolved: the other words need
            // nothing more.
            if gender.is_none() && word != "the" {
                continue;
            }
            let here = order(b, block.sentence_of[i]);
            let fits = |c: usize, g: Gender| coref.clusters[c].gender.is_none_or(|cg| cg == g);
            // A mention inside a statement's source: someone who spoke there.
            let spoke = |span: Span| statements.iter().any(|(source, _)| source.contains(span));
            if let Some(g) = gender {
                let pos = token.span.start;
                // The content of the statement this pronoun is the source of.
                let own_words: Vec<Span> = statements
                    .iter()
                    .filter(|(source, _)| source.contains(token.span))
                    .flat_map(|(_, content)| content.iter().copied())
                    .collect();
                let fits = |c: usize, span: Span, g: Gender| {
                    fits(c, g) && !own_words.iter().any(|w| w.contains(span))
                };
                // The people named in sentences `lo..hi` (orders), in list order. `people`
                // is sorted by (sentence order, start), so they are one run of it, found by
                // binary search: the same people in the same order as a filter over the
                // whole list would give, without reading everyone for every pronoun.
                let in_sentences = |lo: usize, hi: usize| {
                    let at = antecedents.partition_point(|&(pb, ps, _, _)| order(pb, ps) < lo);
                    antecedents[at..]
                        .iter()
                        .take_while(move |&&(pb, ps, _, _)| order(pb, ps) < hi)
                };
                // 1. The first compatible person earlier in the same sentence.
                //    Named, not described: the description that opens "The former
                //    president spoke hours after Mr. Trump, who…, held a news conference in
                //    which he continued…" is not the "he".
                let same = in_sentences(here, here + 1).find(|&&(_, _, span, c)| {
                    span.end <= pos && fits(c, span, g) && !described.contains(&span)
                });
                // 2. The first compatible person of the nearest sentence before (up to 3).
                //    A person the reporter names comes before one named in what someone
                //    said: after "“I told Obama no,” Trump said." or "McLenney said
                //    Clinton doesn't listen." the next "he" or "she" is the speaker.
                let reported = |pb: usize, span: Span| {
                    in_quotation(pb, span)
                        || statements
                            .iter()
                            .any(|(_, content)| content.iter().any(|c| c.contains(span)))
                };
                // A quotation of several sentences before its "she said" is one turn:
                // failing a person in the three sentences before the pronoun, those
                // before the quotation opens are looked at.
                let opens = own_words
                    .iter()
                    .filter(|w| w.start < pos && block.span.contains(**w))
                    .map(|w| {
                        // The first word: an opening mark may end the sentence before.
                        let mut t = block.token_at_or_after(w.start);
                        while t + 1 < block.len() && block.tokens[t].kind != TokenKind::Word {
                            t += 1;
                        }
                        order(b, block.sentence_of[t])
                    })
                    .min()
                    .unwrap_or(here);
                // In that sentence, the one who spoke there (the first person of a
                // statement's source) comes first, then one known to be of the pronoun's
                // gender, then one of no known gender: "Regarding Trump's rhetoric
                // following Khizr Khan's speech, Woods shared her belief…. “…,” she
                // elaborated" is Dorothy Woods; "Rep. Lee Zeldin, a Trump supporter,
                // said… “…,” he said" is Zeldin, whose first name tells no gender.
                let back_from = |from: usize, in_statement: bool| {
                    (1..=3).find_map(|back| {
                        let target = from.checked_sub(back)?;
                        let candidates = || {
                            in_sentences(target, target + 1).filter(|&&(pb, _, span, c)| {
                                fits(c, span, g) && reported(pb, span) == in_statement
                            })
                        };
                        candidates()
                            .find(|&&(_, _, span, _)| spoke(span))
                            .or_else(|| {
                                candidates().min_by_key(|&&(_, _, _, c)| {
                                    coref.clusters[c].gender != Some(g)
                                })
                            })
                    })
                };
                // Further back, up to eight sentences, only when a single person known to
                // be of that gender is named there by the reporter: "“…,” he said" after
                // two paragraphs of his quoted words and one about his audience. (Known,
                // so that an organization the entity tagger took for a person is not it.)
                let only_one_further = || {
                    let from = opens.min(here);
                    // Orders `o` with `o < from && from - o <= 8`.
                    let mut found =
                        in_sentences(from.saturating_sub(8), from).filter(|&&(pb, _, span, c)| {
                            coref.clusters[c].gender == Some(g)
                                && fits(c, span, g)
                                && !reported(pb, span)
                        });
                    let first = found.next()?;
                    if !found.all(|other| other.3 == first.3) {
                        return None;
                    }
                    // "A 29-year-old Berlin woman… “Filth out!” she wrote": someone of that
                    // gender named by a noun in between may be the one.
                    let since = order(first.0, first.1);
                    let someone_else = noun_sentences(g).iter().any(|&o| o > since && o <= here);
                    (!someone_else).then_some(first)
                };
                let before = || {
                    back_from(here, false)
                        .or_else(|| back_from(here, true))
                        .or_else(|| (opens < here).then(|| back_from(opens, false)).flatten())
                        .or_else(only_one_further)
                };
                // 3. Cataphora: a compatible person later in the same sentence.
                let after = || {
                    in_sentences(here, here + 1)
                        .find(|&&(_, _, span, c)| span.start > pos && fits(c, span, g))
                };
                let subject = matches!(contracted_subject(word).unwrap_or(word), "he" | "she");
                // 4. "Marty Walz, chair of the council… Walz approaches it more
                //    diplomatically. She said…": no one of that gender near, and the one
                //    person the reporter named in this sentence or the one before has a
                //    gender only a first name guessed ("Marty" is mostly a man's name).
                //    The pronoun of a statement tells it.
                let guessed = || {
                    if !subject || own_words.is_empty() {
                        return None;
                    }
                    let mut named = in_sentences(here.saturating_sub(1), here + 1)
                        .filter(|&&(pb, _, span, _)| span.end <= pos && !reported(pb, span));
                    let first = named.next()?;
                    let (pb, ps, span, c) = *first;
                    // Someone who speaks or acts there: a statement's source or the
                    // sentence's first words ("…posters of Justin Timberlake. “…,” she
                    // said" is not him).
                    let block = &prepared.blocks[pb];
                    let opening = block.sentences[ps as usize].start;
                    let opening = (opening..block.len())
                        .find(|&t| block.tokens[t].kind == TokenKind::Word)
                        .map(|t| block.tokens[t].span.start);
                    let acts = opening == Some(span.start) || spoke(span);
                    let cluster = &coref.clusters[c];
                    (acts
                        && cluster.gender_from_name
                        && cluster.gender != Some(g)
                        && named.all(|other| other.3 == c))
                    .then_some(first)
                };
                if let Some(&(_, _, _, c)) = same.or_else(before).or_else(after).or_else(guessed) {
                    added.push((token.span, c));
                    // A "she" tells the gender a first name did not ("President Obama",
                    // "Aparna Mathur"), or only guessed: the next "he" will not go to her.
                    let cluster = &mut coref.clusters[c];
                    if cluster.gender_from_name {
                        cluster.gender = Some(g);
                        cluster.gender_from_name = false;
                    }
                    cluster.gender.get_or_insert(g);
                    // Only a subject carries the thread ("writing songs about him" does
                    // not make "him" the next sentence's speaker).
                    if subject {
                        let entry = (b, block.sentence_of[i], token.span, c);
                        insert_sorted(&mut people, entry);
                        insert_sorted(&mut antecedents, entry);
                    }
                }
                continue;
            }
            // Descriptions: "the [former] [Russian] president", "the 46-year-old", of
            // someone named in the last six sentences.
            if word == "the" {
                let near = |pb: usize, ps: u32| {
                    let o = order(pb, ps);
                    o <= here && here - o <= 6
                };
                let adjacent = |pb: usize, ps: u32| {
                    let o = order(pb, ps);
                    o <= here && here - o <= 1
                };
                // A person named inside someone's quoted words is not one the reporter
                // names again by a description.
                if let Some(found) =
                    description_at(text, block, i, &people, coref, near, adjacent, in_quotation)
                        .or_else(|| age_description_at(text, block, i, &people, near, adjacent))
                {
                    // The person named again is the one the next "he" or "she" looks back
                    // to, as after a name: "Meanwhile, the current GOP nominee’s support… is
                    // unprecedented. While he’s said…" is not the Romney quoted before.
                    // A possessive one only leads the way: "the president’s party" is no
                    // mention of the president in a statement's source.
                    let (span, c) = found;
                    let last = block.lower(block.tokens_in(span).end - 1);
                    let possessive = without_possessive(last).len() < last.len();
                    if !possessive {
                        added.push(found);
                    }
                    described.push(span);
                    insert_sorted(&mut antecedents, (b, block.sentence_of[i], span, c));
                }
            }
        }
    }
    for (span, c) in added {
        coref.clusters[c].mentions.push(span);
        coref.resolved.push((span, c));
    }
}

/// A description starting at token `i` ("the"), resolved to the most recent person
/// before it whose title or nationality fits. A role or career no one was given ("“I will
/// not give in,” the former banker told TF1" after "President Emmanuel Macron defended…")
/// is the one person named in the sentence before it or earlier in its own, unless a
/// phrase after it makes it someone new ("the lawyer for the family").
#[allow(clippy::too_many_arguments)] // three closures over the resolver's state; a struct would only rename them
fn description_at(
    text: &str,
    block: &crate::prepare::Block,
    i: usize,
    people: &[(usize, u32, Span, usize)],
    coref: &Coreference,
    near: impl Fn(usize, u32) -> bool,
    adjacent: impl Fn(usize, u32) -> bool,
    quoted: impl Fn(usize, Span) -> bool,
) -> Option<(Span, usize)> {
    // "Christine Todd Whitman, the former New Jersey governor": a description in
    // apposition is the person just named, not another who holds that title.
    // (Not "At a press conference in Chelsea, the mayor said": a name after a
    // preposition ends an opening phrase.)
    if let Some(comma) = i.checked_sub(1).map(|c| &block.tokens[c])
        && comma.text(text) == ","
        && people.iter().any(|&(_, _, span, _)| {
            if span.end != comma.span.start {
                return false;
            }
            let name = block.tokens_in(span);
            name.len() >= 2
                && name.start.checked_sub(1).is_none_or(|t| {
                    !matches!(
                        block.tags(text)[t],
                        crate::pos::Tag::In | crate::pos::Tag::To
                    )
                })
        })
    {
        return None;
    }
    let mut j = i + 1;
    let mut nationality: Option<&str> = None;
    let mut nationality_at = 0;
    let mut role: Vec<&str> = Vec::new();
    // "the presumptive Republican presidential nominee": a party says nothing of
    // nationality; it rules out whoever was given a title with the other party.
    let mut party: Option<&str> = None;
    while j < block.len() && j <= i + 5 {
        let w = block.lower(j);
        if matches!(
            w,
            "former"
                | "then"
                | "late"
                | "current"
                | "outgoing"
                | "incoming"
                | "then-"
                | "presumptive"
                | "retired"
                | "longtime"
                | "presidential"
                | "likely"
                | "apparent"
        ) {
            j += 1;
            continue;
        }
        if matches!(w, "republican" | "democratic" | "gop") {
            party = Some(if w == "gop" { "republican" } else { w });
            j += 1;
            continue;
        }
        if is_role_modifier(w) {
            role.push(w);
            j += 1;
            continue;
        }
        // "the CEO": a capitalised role is the head, not a nationality.
        if is_role_head(w) {
            break;
        }
        let original = block.tokens[j].text(text);
        if original.starts_with(char::is_uppercase) {
            match nationality {
                None => nationality = Some(original),
                // "the New Jersey governor", "the South Carolina senator": a place of two
                // words, right after the first.
                Some(first)
                    if j == nationality_at + 1
                        && !first.contains(' ')
                        && is_role_head(block.lower((j + 1).min(block.len() - 1))) =>
                {
                    let start = block.tokens[nationality_at].span.start;
                    nationality = Some(&text[start..block.tokens[j].span.end]);
                }
                Some(_) => break,
            }
            nationality_at = j;
            j += 1;
            continue;
        }
        break;
    }
    // "the current GOP nominee’s support": the possessive is the head's.
    let head = without_possessive(block.lower(j.min(block.len() - 1)));
    let career = is_career_head(head);
    // A capitalised word that names no nation ("the Kentucky senator", "the Maine
    // Republican") says what the article cannot check: it does not rule anyone out.
    let unchecked = nationality
        .is_some_and(|adj| !crate::entities::Gazetteer::get().is_demonym(&adj.to_lowercase()));
    // The one person named in the sentence before, whom the text gave no other
    // nationality: how a description the article's titles cannot check is resolved.
    // The people named near the description and before `start`, nearest first.
    let near = &near;
    let people_before = |start: usize| {
        people
            .iter()
            .rev()
            .filter(move |&&(pb, ps, s, _)| s.end <= start && near(pb, ps))
    };
    // A person the text names with the other party ("Republican presidential nominee
    // Donald Trump") is not "the Democratic presidential nominee".
    let party_fits = |c: usize| {
        party.is_none_or(|p| {
            let others: &[&str] = if p == "republican" {
                &["Democratic", "Democrat"]
            } else {
                &["Republican", "GOP"]
            };
            !coref.clusters[c]
                .mentions
                .iter()
                .any(|m| others.iter().any(|o| m.slice(text).contains(o)))
        })
    };
    let just_before = |span: Span| {
        let reporters = people_before(span.start).filter(|&&(pb, _, s, _)| !quoted(pb, s));
        one_person_just_before(reporters, &adjacent, |_| false).filter(|&c| {
            party_fits(c)
                && match (nationality, &coref.clusters[c].nationality) {
                    (Some(adj), Some(country)) => demonym_matches(adj, country),
                    // A nationality the article did not give that person does not rule them
                    // out; a capitalised word that is none ("the Lincoln actor") does.
                    (Some(_), None) => !unchecked,
                    (None, _) => true,
                }
        })
    };
    if j >= block.len() || !is_role_head(head) && !career {
        // "Kevin De Bruyne came off the bench. The Belgian, 33, said…": a nationality
        // alone, as the subject.
        let alone = j == i + 2
            && (j >= block.len()
                || block.tokens[j].kind == TokenKind::Punct
                || block.tags(text)[j].is_verb());
        // Singular: "The Saudis have said" is a people, not a person.
        if alone && !unchecked && nationality.is_some_and(|adj| !adj.ends_with('s')) {
            let span = block.span_of(i, j);
            return just_before(span).map(|c| (span, c));
        }
        return None;
    }
    // "a former rival, the retired neurosurgeon Ben Carson": the name that follows is
    // who the description is.
    if let Some(next) = block.tokens.get(j + 1)
        && people
            .iter()
            .any(|&(_, _, span, _)| span.start == next.span.start)
    {
        return None;
    }
    // "the president of the company" is not about a person named before.
    let span = block.span_of(i, j + 1);
    let start = span.start;
    let nation_fits = |c: usize| match (nationality, &coref.clusters[c].nationality) {
        (Some(adj), Some(country)) => demonym_matches(adj, country),
        (Some(_), None) => false,
        (None, _) => true,
    };
    // With its modifiers the role is the title's end: "the vice president" is not the
    // president, "the foreign minister" not the finance minister.
    role.push(head);
    let phrase = role.join(" ");
    // "CEO" and "chief executive" are one title.
    let spelled_out = |t: &str| {
        t.replace("chief executive officer", "ceo")
            .replace("chief executive", "ceo")
    };
    let phrase = spelled_out(&phrase);
    let last_words = format!(" {phrase}");
    let fits = |t: &String| {
        let t = if t.contains("chief executive") {
            std::borrow::Cow::Owned(spelled_out(t))
        } else {
            std::borrow::Cow::Borrowed(t.as_str())
        };
        if phrase.contains(' ') {
            t == phrase || t.ends_with(&last_words)
        } else {
            t.split_whitespace().any(|w| w == phrase)
        }
    };
    // "The leader of the Anti-Defamation League, Jonathan Greenblatt": someone new.
    let of_something = j + 1 < block.len() && matches!(block.lower(j + 1), "of" | "for" | "at");
    // Only a title the article gave fits a description with such a word ("the Christian
    // leader" is not any leader).
    let titled = people_before(start).find(|&&(pb, _, s, c)| {
        // Named in someone's quoted words: not whom the reporter describes ("“…running
        // harder against President Obama and me…,” the former president said").
        if quoted(pb, s) {
            return false;
        }
        let title_fits = head == "leader" && !unchecked && party.is_none() && !of_something
            || coref.clusters[c].titles.iter().any(fits);
        title_fits && party_fits(c) && (nation_fits(c) || unchecked)
    });
    if let Some(best) = titled {
        return Some((span, best.3));
    }
    // Titles are looked up, not guessed: "the president" after "Clinton criticized the
    // plan" may well be Obama. Careers are how a story names its own people again.
    // So is a campaign's: "Trump said… “…,” the Republican nominee said."
    let career = career
        || matches!(
            head,
            "billionaire"
                | "businessman"
                | "businesswoman"
                | "tycoon"
                | "nominee"
                | "candidate"
                | "front-runner"
                | "frontrunner"
        );
    let someone_new = !career
        || j + 1 < block.len()
            && matches!(
                block.lower(j + 1),
                "of" | "for" | "at" | "with" | "from" | "who"
            );
    if someone_new {
        return None;
    }
    just_before(span).map(|c| (span, c))
}

/// The one person named in the sentence before a description or earlier in its own
/// (`candidates` nearest first, `adjacent` telling those sentences), when no other person is
/// named there and that person's mention is not `excluded` (given another age). Wire copy
/// names a person again by age or career right after naming them.
fn one_person_just_before<'p>(
    candidates: impl Iterator<Item = &'p (usize, u32, Span, usize)>,
    adjacent: impl Fn(usize, u32) -> bool,
    excluded: impl Fn(Span) -> bool,
) -> Option<usize> {
    let mut last = candidates
        .filter(|&&(pb, ps, _, _)| adjacent(pb, ps))
        .map(|&(_, _, s, c)| (excluded(s), c));
    let (ruled_out, one) = last.next()?;
    (!ruled_out && last.all(|(_, c)| c == one)).then_some(one)
}

/// Careers wire copy uses to name again a person it has just named ("the former banker",
/// "the 57-year-old scientist" without the age): not titles, so never found among a
/// person's titles.
fn is_career_head(word: &str) -> bool {
    // A `match`, not a list search: looked up for every "the" of the body.
    matches!(
        word,
        "banker"
            | "lawyer"
            | "economist"
            | "scientist"
            | "physician"
            | "surgeon"
            | "neurosurgeon"
            | "doctor"
            | "actor"
            | "actress"
            | "singer"
            | "author"
            | "writer"
            | "entrepreneur"
            | "investor"
            | "activist"
            | "politician"
            | "veteran"
            | "coach"
            | "founder"
            | "diplomat"
            | "mogul"
            | "magnate"
            | "financier"
            | "developer"
            | "philanthropist"
            // Sport: a report names its players again by position.
            | "striker"
            | "midfielder"
            | "defender"
            | "goalkeeper"
            | "winger"
            | "forward"
            | "quarterback"
            | "pitcher"
            | "golfer"
            | "champion"
            | "manager"
    )
}

/// An age description starting at token `i` ("the"): "the 46-year-old", resolved to the
/// most recent person before it whom the text gave that age ("Reeves, 46," or "46-year-old
/// Rachel Reeves"). Wire copy names people by age as often as by title. With no age given
/// before, "Elisabeth Borne said… The 61-year-old added…" is the one person named in the
/// sentence before it (or earlier in its own); with two people there it stays unresolved.
fn age_description_at(
    text: &str,
    block: &crate::prepare::Block,
    i: usize,
    people: &[(usize, u32, Span, usize)],
    near: impl Fn(usize, u32) -> bool,
    adjacent: impl Fn(usize, u32) -> bool,
) -> Option<(Span, usize)> {
    let word = block.tokens.get(i + 1)?.text(text);
    let age = word
        .strip_suffix("-year-old")
        .or_else(|| word.strip_suffix("‑year‑old"))?;
    if age.is_empty() || !age.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let span = block.span_of(i, i + 2);
    let given_age = |mention: Span| {
        // "Reeves, 46," / "Reeves, 46." — the age in apposition right after the name.
        let after = text[mention.end..].strip_prefix(", ").and_then(|rest| {
            let rest = rest.strip_prefix(age)?;
            Some(!rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
        });
        // "46-year-old Rachel Reeves"
        let before = text[..mention.start]
            .trim_end()
            .strip_suffix(word)
            .is_some_and(|b| !b.ends_with(|c: char| c.is_ascii_alphanumeric()));
        after == Some(true) || before
    };
    let near = &near;
    let before = || {
        people
            .iter()
            .rev()
            .filter(move |&&(pb, ps, s, _)| s.end <= span.start && near(pb, ps))
    };
    if let Some(best) = before().find(|&&(_, _, s, _)| given_age(s)) {
        return Some((span, best.3));
    }
    // No one was given this age: the one person named just before, unless the text gave
    // that person another age ("Berger, 54,").
    let other_age = |s: Span| {
        text[s.end..]
            .strip_prefix(", ")
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    };
    one_person_just_before(before(), adjacent, other_age).map(|c| (span, c))
}

/// "Russian" names Russia, "Ukrainian" Ukraine: a loose prefix match is enough here,
/// because the nationality was itself recognised from such an adjective.
fn demonym_matches(adjective: &str, country: &str) -> bool {
    let a = adjective.to_lowercase();
    // "French" and France, "Dutch" and the Netherlands: the lexicon knows; the stem guess
    // below is for adjectives it lacks.
    if let Some(known) = crate::entities::Gazetteer::get().country_of_demonym(&a) {
        return known.eq_ignore_ascii_case(country);
    }
    let c = country.to_lowercase();
    let stem = c.trim_end_matches('a').trim_end_matches('e');
    a.starts_with(stem.get(..stem.len().min(4)).unwrap_or(stem))
}

/// Nouns that name an organization by what it is: "the company said" speaks for the
/// company the article is about.
const ORGANIZATION_HEADS: &[&str] = &[
    "company",
    "firm",
    "group",
    "bank",
    "agency",
    "ministry",
    "department",
    "network",
    "carmaker",
    "automaker",
    "retailer",
    "airline",
    "insurer",
    "lender",
    "union",
    "organization",
    "organisation",
    "startup",
    "broadcaster",
    "publisher",
    "regulator",
    "conglomerate",
    "manufacturer",
    "chipmaker",
];

/// The organization a description such as "the company" or "the German carmaker" stands
/// for: of those named before it (outside `skip`, the dateline's agency), the one named
/// most often, else the first named. None when the source is no such description or no organization is named
/// before it.
pub(crate) fn organization_described(
    text: &str,
    coref: &Coreference,
    source: Span,
    skip: Option<Span>,
) -> Option<usize> {
    let phrase = source.slice(text).trim().to_lowercase();
    let words: Vec<&str> = phrase.split_whitespace().collect();
    if !(2..=3).contains(&words.len())
        || words[0] != "the"
        || !ORGANIZATION_HEADS.contains(words.last()?)
    {
        return None;
    }
    // "The interior ministry" is no union named before it: an institution's description
    // fits an organization whose name holds its head ("Interior Ministry") or that a
    // mention calls so ("the CFDT union"), and with a modifier, whose name holds that
    // too. Other descriptions ("the company", "the German carmaker", "the network" for
    // CNN) fit any.
    let head = *words.last()?;
    let institution = matches!(head, "ministry" | "department" | "union" | "agency");
    let modifier = (words.len() == 3).then(|| words[1]);
    // "The rights group" is an organization, "the control group" or "the high-earning
    // group" of a study or a poll is not.
    if head == "group" && modifier.is_some_and(|m| !GROUP_KINDS.contains(&m)) {
        return None;
    }
    // A union is often an association or a federation by name; an agency an
    // administration, a bureau or a commission, or known by its initials ("the
    // FBI"), which no company of the story is ("Tesla").
    let heads: &[&str] = match head {
        "union" => &[
            "union",
            "association",
            "federation",
            "workers",
            "teamsters",
            "guild",
        ],
        "agency" => &[
            "agency",
            "administration",
            "bureau",
            "commission",
            "service",
            "department",
            "office",
            "authority",
            "board",
        ],
        _ => &[head],
    };
    let fits = |c: usize| {
        if !institution {
            return true;
        }
        coref.clusters[c].mentions.iter().any(|m| {
            let named = m.slice(text).to_lowercase();
            let next_word = text[m.end..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            let initials = head == "agency" && {
                let raw = m.slice(text).trim();
                raw.len() >= 2 && raw.chars().all(|c| c.is_ascii_uppercase() || c == '.')
            };
            let called_so = initials
                || named
                    .split_whitespace()
                    .any(|w| heads.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
                || heads.contains(&next_word.as_str());
            called_so && modifier.is_none_or(|w| named.contains(w))
        })
    };
    // A government body, a court, a party or a school is no company and no group ("the
    // company tweeted" after "the Senate passed…").
    let public_body = |c: usize| {
        !institution
            && coref.clusters[c].name.split_whitespace().any(|w| {
                PUBLIC_BODY_WORDS.contains(
                    &w.to_lowercase()
                        .trim_matches(|c: char| !c.is_alphanumeric()),
                )
            })
    };
    // Where someone works is not what the story is about: "an analyst at Wedbush
    // Securities", "a spokesman for Amazon".
    let affiliation = |span: Span| {
        let mut before = text[..span.start]
            .rsplit(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            });
        let preposition = before.next();
        let noun = match before.next() {
            Some(w) if matches!(w.as_str(), "the" | "a" | "an") => before.next(),
            other => other,
        };
        matches!(
            preposition.as_deref(),
            Some("at" | "of" | "with" | "from" | "for")
        ) && noun.is_some_and(|n| is_person_noun(&n))
    };
    let mut named: Vec<usize> = Vec::new();
    let mut nearest: Option<(Span, usize)> = None;
    for &(span, c) in &coref.resolved {
        if span.end <= source.start
            && !skip.is_some_and(|s| s.contains(span))
            && coref.clusters[c].kind == EntityType::Organization
            && fits(c)
            && !public_body(c)
        {
            if !named.contains(&c) {
                named.push(c);
            }
            if !affiliation(span) && nearest.is_none_or(|(at, _)| at.start < span.start) {
                nearest = Some((span, c));
            }
        }
    }
    // The one named nearest before, in its paragraph or the two before: "…a drop in the
    // oil giant Exxon Mobil. The company reported…", "…according to the National Golf
    // Foundation. Almost 650 courses have closed, the group says".
    let near = nearest
        .filter(|(at, _)| {
            text[at.end..source.start]
                .matches(whosaid_core::PARAGRAPH_SEPARATOR)
                .count()
                <= 2
        })
        .map(|(_, c)| c);
    // Else, of those named before it, the one the article names most often, and of
    // equals the first named, the story's subject: "the company" in a story about Apple
    // that quotes an analyst of Wedbush Securities is Apple.
    near.or_else(|| {
        named
            .iter()
            .enumerate()
            .max_by_key(|&(order, &c)| (coref.clusters[c].mentions.len(), std::cmp::Reverse(order)))
            .map(|(_, &c)| c)
    })
}

/// What a group that is an organization is for: "the rights group", "the trade group".
const GROUP_KINDS: &[&str] = &[
    "rights",
    "advocacy",
    "trade",
    "lobbying",
    "lobby",
    "industry",
    "business",
    "activist",
    "campaign",
    "civil",
    "consumer",
    "watchdog",
    "environmental",
    "conservative",
    "liberal",
    "progressive",
    "militant",
    "terrorist",
    "rebel",
    "extremist",
    "jihadist",
    "insurgent",
    "media",
    "investment",
    "banking",
    "hacker",
    "hacking",
    "pressure",
    "interest",
    "veterans",
    "student",
    "parent",
    "parents",
];

/// Words of the names of public bodies, courts, parties and schools, which "the company"
/// or "the group" does not describe.
const PUBLIC_BODY_WORDS: &[&str] = &[
    "senate",
    "house",
    "congress",
    "parliament",
    "department",
    "ministry",
    "administration",
    "court",
    "party",
    "committee",
    "commission",
    "council",
    "government",
    "police",
    "army",
    "university",
    "college",
    "school",
];

/// Whether the head noun of a subject names someone who can be quoted: people by role or
/// kin ("the senator", "his ex-wife", "authorities") or a document ("the report").
pub(crate) fn names_a_speaker(word: &str) -> bool {
    let word = word.strip_prefix("ex-").unwrap_or(word);
    can_speak(word) || is_person_noun(word) || gendered_noun(word).is_some()
}

/// A noun for a person by what they do ("analyst", "spokesman", "professor"), singular or
/// plural.
fn is_person_noun(word: &str) -> bool {
    names_people_by_role(word)
        || MEMBERS.iter().any(|p| p.strip_suffix('s') == Some(word))
        || matches!(word, "professor" | "professors" | "fellow" | "fellows")
}

/// The group a source "they" (in block `b`) stands for: the plural subject of its own sentence before it
/// ("Senate Democrats blocked the bill because they said…"), else of the sentences before
/// it in the paragraph or of the last sentence of the paragraph before ("Several senior
/// Democrats … cited another debate. They compared…"), the nearest such subject only. A
/// subject that is itself "they" carries the chain on. The subject must be people: a
/// group the article reports speaking (the source of a statement, or a phrase ending in
/// the same word), a capitalised group ("Democrats"), people named by what they do
/// ([`names_people_in_general`]: "voters", "aides", "officials"), or two named together ("Mr.
/// Bush and Mr. Christie"). "Polls show… They are hungry for change" stays "they".
pub(crate) fn group_of_they(
    text: &str,
    prepared: &Prepared,
    coref: &Coreference,
    sources: &[Span],
    b: usize,
    source: Span,
) -> Option<Span> {
    if !source.slice(text).trim().eq_ignore_ascii_case("they") {
        return None;
    }
    let pronoun = prepared.blocks[b].tokens_in(source).start;
    let sentence = prepared.blocks[b].sentence_of[pronoun] as usize;
    // (block, sentence, tokens before) to read, nearest first.
    let mut candidates = vec![(b, sentence, pronoun)];
    for back in 1..=2 {
        if let Some(s) = sentence.checked_sub(back) {
            candidates.push((b, s, prepared.blocks[b].sentences[s].end));
        }
    }
    // The paragraph before may hold no sentence at all (an empty block of a page).
    if sentence == 0
        && b > 0
        && let Some(last) = prepared.blocks[b - 1].sentences.len().checked_sub(1)
    {
        candidates.push((b - 1, last, prepared.blocks[b - 1].sentences[last].end));
    }
    // "Take action before the election, they said, and you risk…": after a comma the
    // pronoun's own sentence may open with the words they said, not with who they are.
    let after_the_words = pronoun > 0 && prepared.blocks[b].lower(pronoun - 1) == ",";
    for (b, s, limit) in candidates {
        match sentence_opening(text, prepared, coref, sources, b, s, limit) {
            Opening::Group(group) => return Some(group),
            Opening::Nothing => continue,
            // There, a sentence that opens with no group is no reason to stop looking.
            Opening::NoGroup if after_the_words && limit == pronoun => continue,
            Opening::NoGroup => return None,
        }
    }
    None
}

/// What opens a sentence, for a "they" after it: a group of people, a subject that is no
/// group, or nothing that settles it (a chain of "they", a circumstance with no comma).
#[derive(Debug)]
enum Opening {
    Group(Span),
    NoGroup,
    Nothing,
}

/// The subject opening sentence `s` of block `b`, read up to token `limit`, as the group a
/// "they" after it may stand for ([`group_of_they`]).
fn sentence_opening(
    text: &str,
    prepared: &Prepared,
    coref: &Coreference,
    sources: &[Span],
    b: usize,
    s: usize,
    limit: usize,
) -> Opening {
    use crate::pos::Tag;
    let block = &prepared.blocks[b];
    let tags = block.tags(text);
    let mut i = block.sentences[s].start;
    let skip = |i: &mut usize| {
        while *i < limit
            && (matches!(tags[*i], Tag::Cc | Tag::Rb | Tag::Punct | Tag::Quote)
                || matches!(
                    block.lower(*i),
                    "but" | "and" | "yet" | "so" | "still" | "also"
                )
                || block.quote_depth[*i] > 0)
        {
            *i += 1;
        }
    };
    skip(&mut i);
    // An opening circumstance ("In Michigan a week ago, they…") before the subject.
    if i < limit && matches!(tags[i], Tag::In | Tag::Wh) {
        let Some(comma) = (i..limit).take(16).find(|&t| block.lower(t) == ",") else {
            return Opening::Nothing;
        };
        i = comma + 1;
        skip(&mut i);
    }
    if i >= limit {
        return Opening::Nothing;
    }
    if block.lower(i) == "they" {
        // The chain goes on: "They acknowledge… But they are convinced…".
        return Opening::Nothing;
    }
    let start = i;
    let mut joined = false;
    while i < limit {
        let tag = tags[i];
        let in_phrase = tag.is_noun()
            || matches!(tag, Tag::Dt | Tag::Jj | Tag::Cd | Tag::PrpPoss | Tag::Pos)
            || (i == start && matches!(block.lower(i), "he" | "she"));
        let and = block.lower(i) == "and"
            && i > start
            && i + 1 < limit
            && (tags[i + 1].is_noun() || matches!(tags[i + 1], Tag::Dt | Tag::PrpPoss | Tag::Jj));
        if !(in_phrase || and) {
            break;
        }
        joined |= and;
        i += 1;
    }
    let end = i;
    // The subject's verb comes next, or after a phrase that qualifies it ("Several
    // senior Democrats with longtime ties to both Clintons cited…").
    let verb_follows = end < limit
        && (tags[end].is_verb()
            || (tags[end] == Tag::In
                && block.lower(end) != "of"
                && (end..limit)
                    .take(12)
                    .take_while(|&t| tags[t] != Tag::Punct)
                    .any(|t| tags[t].is_verb())));
    if end == start || !verb_follows {
        return Opening::NoGroup;
    }
    let head = end - 1;
    let plural = matches!(tags[head], Tag::Nns | Tag::Nnps) || joined;
    if !plural {
        return Opening::NoGroup;
    }
    // "Analysts at Goldman Sachs raised…": a short phrase naming where they are from
    // is part of the group's name.
    let mut named_end = end;
    if end < limit && matches!(block.lower(end), "at" | "from" | "with" | "in") {
        let name_end = (end + 1..limit)
            .take(4)
            .take_while(|&t| matches!(tags[t], Tag::Nnp | Tag::Nnps))
            .last()
            .map(|t| t + 1);
        if let Some(name_end) = name_end
            && name_end < limit
            && tags[name_end].is_verb()
        {
            named_end = name_end;
        }
    }
    let phrase = block.span_of(start, end);
    // "Sanders is relying…": a person whose name ends in s is one person (one the
    // article names in full: the tagger takes "Democrats" for a person too).
    let one_person = coref.entity_of(text, phrase).is_some_and(|c| {
        coref.clusters[c].kind == EntityType::Person && coref.clusters[c].name.contains(' ')
    });
    if one_person && !joined {
        return Opening::NoGroup;
    }
    let head_word = block.lower(head);
    let speaks = sources.iter().any(|s| {
        s.overlap(phrase) > 0
            || s.slice(text)
                .trim_end_matches([',', '.'])
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(head_word))
    });
    let people = !names_a_document(head_word)
        && (names_people_in_general(head_word)
            || speaks
            || tags[head] == Tag::Nnps
            || (joined && (start..end).any(|t| tags[t].is_proper())));
    if people {
        Opening::Group(block.span_of(start, named_end))
    } else {
        Opening::NoGroup
    }
}

/// Failing a group that opens a sentence ([`group_of_they`]) or a statement just before
/// (`analyze`), the people a "they" at token `pronoun` of block `b` stands for are the
/// plural noun for people nearest before it, in its own sentence or the one before,
/// outside quotation marks, with the words that qualify it:
/// "That frustrates many analysts because they believe…", "…less than what researchers
/// say they need. It's an investment, they say", "Democrats and Republicans in Congress
/// who agree… They slammed…". A noun for people is one of [`names_people_in_general`] or
/// a political or national group ("Democrats", "Millennials", "Americans").
pub(crate) fn people_named_before(
    text: &str,
    prepared: &Prepared,
    b: usize,
    pronoun: usize,
) -> Option<Span> {
    use crate::pos::Tag;
    let block = &prepared.blocks[b];
    let tags = block.tags(text);
    let sentence = block.sentence_of[pronoun] as usize;
    let from = block.sentences[sentence.saturating_sub(1)].start;
    let people = |t: usize| {
        let word = block.lower(t);
        matches!(tags[t], Tag::Nns | Tag::Nnps)
            && block.quote_depth[t] == 0
            && (names_people_in_general(word)
                || names_a_public(word)
                || tags[t] == Tag::Nnps && Gazetteer::get().is_demonym(word))
    };
    // Back over the words that qualify the noun ("many World Bank watchers", "GOP
    // voters") and over a group joined to it ("Democrats and Republicans").
    let phrase_start = |head: usize| {
        let in_phrase = |t: usize| {
            matches!(
                tags[t],
                Tag::Dt | Tag::Jj | Tag::Cd | Tag::Nn | Tag::Nnp | Tag::Nns | Tag::Nnps | Tag::Pos
            ) && block.sentence_of[t] == block.sentence_of[head]
                && block.quote_depth[t] == 0
        };
        let mut start = head;
        while start > from {
            if in_phrase(start - 1) {
                start -= 1;
            } else if start >= from + 2 && block.lower(start - 1) == "and" && people(start - 2) {
                start -= 2;
            } else {
                break;
            }
        }
        start
    };
    // Two named together ("Johnson and Weld stumped…", "He and his partner came…") are
    // nearer than any group before them: "they" is the two, whom no noun names.
    let named_pair = |t: usize| {
        let one = |t: usize| matches!(tags[t], Tag::Nnp | Tag::Prp | Tag::PrpPoss);
        block.lower(t) == "and" && t > from && t + 1 < pronoun && one(t - 1) && one(t + 1)
    };
    let mut found = None;
    for t in (from..pronoun).rev() {
        if named_pair(t) {
            return None;
        }
        if !people(t) {
            continue;
        }
        // People a preposition governs are seldom who "they" is: "…reassurance to voters
        // leaning…, the debate could be decisive, they say".
        let start = phrase_start(t);
        // (A conjunction before them opens a clause they are the subject of: "To the
        // extent that voters outside New York know Bloomberg, they…".)
        let governed = start > 0
            && matches!(tags[start - 1], Tag::In | Tag::To)
            && !matches!(
                block.lower(start - 1),
                "that"
                    | "because"
                    | "if"
                    | "while"
                    | "although"
                    | "though"
                    | "whether"
                    | "since"
                    | "as"
                    | "when"
                    | "once"
                    | "unless"
                    | "until"
                    | "after"
                    | "before"
            );
        if !governed {
            found = Some((start, t));
            break;
        }
    }
    let (start, head) = found?;
    // "Democrats and Republicans in Congress": where they sit, when a name says it.
    let mut end = head + 1;
    if end + 1 < pronoun && matches!(block.lower(end), "in" | "at" | "from") {
        let name_end = (end + 1..pronoun)
            .take(4)
            .take_while(|&t| matches!(tags[t], Tag::Nnp | Tag::Nnps))
            .last();
        if let Some(last) = name_end {
            end = last + 1;
        }
    }
    Some(block.span_of(start, end))
}

/// Plural nouns for the public or people of a party, a persuasion or a generation, beyond
/// [`names_people_in_general`] ("voters"): "they" may stand for them ("people",
/// "Democrats", "conservatives", "Millennials").
fn names_a_public(word: &str) -> bool {
    matches!(
        word,
        "people"
            | "democrats"
            | "republicans"
            | "conservatives"
            | "liberals"
            | "progressives"
            | "independents"
            | "moderates"
            | "libertarians"
            | "evangelicals"
            | "socialists"
            | "populists"
            | "millennials"
            | "americans"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `without_possessive` is the faster spelling of the three `trim_end_matches`; the
    /// words that tell them apart (repeated endings, one kind of apostrophe exposing the
    /// other) must come out the same.
    #[test]
    fn without_possessive_trims_as_trim_end_matches() {
        let old = |w: &str| -> String {
            w.trim_end_matches("’s")
                .trim_end_matches("'s")
                .trim_end_matches(['’', '\''])
                .to_owned()
        };
        for w in [
            "",
            "s",
            "'",
            "’",
            "'s",
            "’s",
            "Trump",
            "Trump’s",
            "Trump's",
            "Jones'",
            "Jones’",
            "Bass",
            "X’s’s",
            "X's's",
            "X’s's",
            "X's’s",
            "X'’s",
            "X’'s",
            "X's'",
            "X’s’",
            "''s",
            "’’",
            "Ö’s",
            "O’Neill",
            "O’Neill’s",
            "a™",
            "é",
        ] {
            assert_eq!(without_possessive(w), old(w), "{w:?}");
        }
    }
}
