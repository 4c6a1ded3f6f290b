//! The statistical part: an averaged perceptron ([`crate::perceptron`]) tagging every
//! sentence with BIO tags for PER, ORG, LOC and MISC, over word, shape and lexicon
//! features. Trained by `whosaid-eval train-ner` on the training part of wikigold (its
//! first 116 of 145 documents; the rest is the dev part `eval-ner` measures on); the
//! weights are `models/ner.bin`, compiled in.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::LazyLock;

use whosaid_core::Span;

use super::gazetteer::{Gazetteer, TokenLex, WordHasher, base_form, flag, possessive_len};
use crate::perceptron::{FeatureHasher, FeatureSeq, Model, Scratch, Trainer, bio_allowed};
use crate::prepare::{Block, Prepared, prepare};
use crate::token::TokenKind;

/// The tagger's labels (MISC is learned, so that the tagger knows what is not a person,
/// organization or place, and dropped afterwards).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NerLabel {
    /// A person.
    Person,
    /// An organization.
    Organization,
    /// A place.
    Place,
    /// Another name: events, works, nationalities, products.
    Misc,
}

impl NerLabel {
    /// All labels, in tag order.
    pub const ALL: [NerLabel; 4] = [
        NerLabel::Person,
        NerLabel::Organization,
        NerLabel::Place,
        NerLabel::Misc,
    ];

    /// The CoNLL name: PER, ORG, LOC, MISC.
    pub fn conll(self) -> &'static str {
        match self {
            NerLabel::Person => "PER",
            NerLabel::Organization => "ORG",
            NerLabel::Place => "LOC",
            NerLabel::Misc => "MISC",
        }
    }

    fn begin_tag(self) -> usize {
        1 + 2 * self as usize
    }

    fn of_tag(tag: usize) -> Option<NerLabel> {
        (tag > 0).then(|| NerLabel::ALL[(tag - 1) / 2])
    }
}

/// Tags: O, then a (B, I) pair per label in [`NerLabel::ALL`] order.
pub const TAGS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

/// log2 of the feature table size: 2^15 buckets × 9 tags of f32 is 1.2 MB in memory, small
/// enough to stay in cache while decoding; on held-out wikigold 2^15, 2^16 and 2^18 score
/// within noise of each other, and decoding was memory-bound at 2^17.
pub const DEFAULT_BITS: u32 = 15;

/// One entity the tagger found: its block, token range and label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tagged {
    /// Index of the block.
    pub block: usize,
    /// Token indices in the block.
    pub tokens: Range<usize>,
    /// What it is.
    pub label: NerLabel,
}

/// The trained tagger.
#[derive(Debug)]
pub struct Tagger {
    model: Model,
}

/// Per-document work buffers and document-wide facts, reused over the blocks.
#[derive(Debug, Default)]
pub(crate) struct DocScratch<'t> {
    /// Lower-case words the document prints in lower case somewhere: a capitalised
    /// occurrence of one of them is probably a sentence opener, not a name.
    pub lower_seen: HashSet<&'t str, BuildHasherDefault<WordHasher>>,
    pub lex: Vec<TokenLex>,
    /// For each token, a title ends on it.
    title_end: Vec<bool>,
    /// For each token, its [`word_shape`].
    shapes: Vec<&'static str>,
    segments: Vec<Range<usize>>,
    features: FeatureSeq,
    scratch: Scratch,
}

impl<'t> DocScratch<'t> {
    pub fn new(text: &'t str, prepared: &'t Prepared) -> DocScratch<'t> {
        let mut s = DocScratch::default();
        for block in &prepared.blocks {
            if block.is_headline {
                continue;
            }
            for (i, t) in block.tokens.iter().enumerate() {
                if t.kind == TokenKind::Word
                    && text[t.span.start..].starts_with(|c: char| c.is_lowercase())
                {
                    s.lower_seen.insert(base_form(block.lower(i)));
                }
            }
        }
        s
    }

    /// Look up a block's tokens; fills `lex` and the derived per-token facts.
    pub fn lookup(&mut self, text: &str, block: &Block) {
        Gazetteer::get().lookup_block(block, &mut self.lex);
        self.shapes.clear();
        self.shapes.extend(
            block
                .tokens
                .iter()
                .map(|t| word_shape(t.text(text), t.kind)),
        );
        self.title_end.clear();
        self.title_end.resize(block.len(), false);
        for i in 0..block.len() {
            let len = usize::from(self.lex[i].title);
            if len > 0 {
                self.title_end[i + len - 1] = true;
            }
        }
    }
}

impl Tagger {
    /// The model built into the binary (loaded once).
    pub fn builtin() -> &'static Tagger {
        static TAGGER: LazyLock<Tagger> = LazyLock::new(|| {
            Tagger::load(include_bytes!("../../models/ner.bin"))
                .expect("the committed NER model is readable")
        });
        &TAGGER
    }

    /// A tagger from model bytes written by [`Tagger::save`].
    pub fn load(mut bytes: &[u8]) -> std::io::Result<Tagger> {
        let model = Model::load(&mut bytes)?;
        if model.tags() != TAGS.len() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "not an entity model (wrong number of tags)",
            ));
        }
        Ok(Tagger { model })
    }

    /// Write the model; weights smaller than `prune` in magnitude are dropped (they
    /// change almost no decision and would only make the file bigger).
    pub fn save(&self, out: &mut impl std::io::Write, prune: f32) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        self.model.save(&mut bytes)?;
        out.write_all(&prune_saved(&bytes, prune)?)
    }

    /// Entities of every block of a prepared document, as the tagger sees them.
    pub fn tag(&self, text: &str, prepared: &Prepared) -> Vec<Tagged> {
        let mut doc = DocScratch::new(text, prepared);
        let mut out = Vec::new();
        for (b, block) in prepared.blocks.iter().enumerate() {
            doc.lookup(text, block);
            self.tag_block(block, b, &mut doc, &mut out);
        }
        out
    }

    /// Tag one block whose lexicon lookup is in `doc`.
    pub(crate) fn tag_block(
        &self,
        block: &Block,
        b: usize,
        doc: &mut DocScratch<'_>,
        out: &mut Vec<Tagged>,
    ) {
        let hasher = self.model.hasher();
        let mut features = std::mem::take(&mut doc.features);
        let mut segments = std::mem::take(&mut doc.segments);
        for sentence in &block.sentences {
            segment(sentence.range(), &doc.shapes, &mut segments);
            for seg in &segments {
                featurize(
                    block,
                    sentence.range(),
                    seg.clone(),
                    doc,
                    hasher,
                    &mut features,
                );
                let tags = self.model.decode(&features, &mut doc.scratch);
                collect(&tags, seg.start, b, out);
            }
        }
        doc.features = features;
        doc.segments = segments;
    }
}

/// Is a shape capitalised (a possible name)?
fn is_cap_shape(shape: &str) -> bool {
    matches!(shape, "Xx" | "X" | "XX" | "Xx-x" | "XxX" | "X.X." | "xX")
}

/// The parts of a sentence worth tagging: every capitalised word with one token of context
/// on each side, parts less than two tokens apart merged ("Bank of America" is one part).
/// The rest is lower-case text where names do not occur; skipping it makes tagging
/// several times cheaper. Training reads the same parts, so the model sees what it tags.
fn segment(sentence: Range<usize>, shapes: &[&'static str], out: &mut Vec<Range<usize>>) {
    out.clear();
    for i in sentence.clone() {
        if !is_cap_shape(shapes[i]) {
            continue;
        }
        let start = i.saturating_sub(1).max(sentence.start);
        let end = (i + 2).min(sentence.end);
        match out.last_mut() {
            Some(last) if start <= last.end + 1 => last.end = last.end.max(end),
            _ => out.push(start..end),
        }
    }
}

/// Runs of B I* tags as entities.
fn collect(tags: &[usize], base: usize, block: usize, out: &mut Vec<Tagged>) {
    let mut i = 0;
    while i < tags.len() {
        let Some(label) = NerLabel::of_tag(tags[i]) else {
            i += 1;
            continue;
        };
        let start = i;
        i += 1;
        while i < tags.len() && tags[i] == label.begin_tag() + 1 {
            i += 1;
        }
        out.push(Tagged {
            block,
            tokens: base + start..base + i,
            label,
        });
    }
}

/// A finer word shape than [`crate::prepare::shape`]: names need "McX", initials, hyphens.
fn word_shape(word: &str, kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Number => return if word.len() == 4 { "dddd" } else { "d" },
        TokenKind::Quote(_) => return "Q",
        TokenKind::Punct => {
            return match word {
                "," => ",",
                "." => ".",
                "(" | "[" => "(",
                ")" | "]" => ")",
                "-" | "—" | "–" => "-",
                ":" | ";" => ":",
                "&" => "&",
                _ => "p",
            };
        }
        TokenKind::Word => {}
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    let (mut upper, mut lower, mut digit, mut inner_upper) = (0, 0, 0, false);
    let mut has_period = false;
    let mut has_hyphen = false;
    for (k, c) in word.chars().enumerate() {
        if c.is_uppercase() {
            upper += 1;
            if k > 0 && lower > 0 {
                inner_upper = true;
            }
        } else if c.is_lowercase() {
            lower += 1;
        } else if c.is_ascii_digit() {
            digit += 1;
        } else if c == '.' {
            has_period = true;
        } else if c == '-' {
            has_hyphen = true;
        }
    }
    if has_period {
        return if upper > 0 { "X.X." } else { "x.x." };
    }
    if digit > 0 {
        return "xd";
    }
    if first.is_uppercase() {
        if lower == 0 {
            return if upper == 1 { "X" } else { "XX" };
        }
        if has_hyphen {
            return "Xx-x";
        }
        if inner_upper {
            return "XxX";
        }
        return "Xx";
    }
    if upper > 0 {
        return "xX";
    }
    if has_hyphen { "x-x" } else { "x" }
}

fn suffix(word: &str, n: usize) -> &str {
    let start = word.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &word[start..]
}

fn place_tag(lex: &TokenLex) -> &'static str {
    if lex.place > 0 {
        lex.place_name()
    } else if lex.in_place {
        "in"
    } else {
        "-"
    }
}

fn org_tag(lex: &TokenLex) -> &'static str {
    if lex.org > 0 {
        "B"
    } else if lex.in_org {
        "I"
    } else {
        "-"
    }
}

/// Features of one sentence `range` of `block`.
/// Features of the tokens of `part`, a part of the sentence `sentence` of `block` (whose
/// lookups are in `doc`).
fn featurize(
    block: &Block,
    sentence: Range<usize>,
    part: Range<usize>,
    doc: &DocScratch<'_>,
    hasher: FeatureHasher,
    out: &mut FeatureSeq,
) {
    out.clear();
    let (first, end) = (sentence.start, sentence.end);
    let word = |i: isize| -> &str {
        if i < first as isize {
            "<s>"
        } else if i >= end as isize {
            "</s>"
        } else {
            base_form(block.lower(i as usize))
        }
    };
    let shape = |i: isize| -> &'static str {
        if i < first as isize || i >= end as isize {
            "_"
        } else {
            doc.shapes[i as usize]
        }
    };
    let none = TokenLex::default();
    let lex = |i: isize| -> &TokenLex {
        if i < first as isize || i >= end as isize {
            &none
        } else {
            &doc.lex[i as usize]
        }
    };
    let title_end =
        |i: isize| -> bool { i >= first as isize && i < end as isize && doc.title_end[i as usize] };
    for i in part {
        let k = i as isize;
        let w = word(k);
        let sh = shape(k);
        let (prev, next) = (word(k - 1), word(k + 1));
        let (sp, sn) = (shape(k - 1), shape(k + 1));
        let l = lex(k);
        let cap = is_cap_shape(sh);
        let capclass = if cap { "cap" } else { "low" };
        let position = if i == first { "first" } else { "rest" };
        let seen = if cap && doc.lower_seen.contains(w) {
            "seen"
        } else {
            "-"
        };
        let possessive = if possessive_len(block.lower(i)) > 0 {
            "pos"
        } else {
            "-"
        };
        let quoted = if block.quote_depth[i] > 0 { "q" } else { "-" };
        let title_before = if title_end(k - 1) { "title" } else { "-" };
        let demonym_before = if lex(k - 1).demonym > 0 { "dem" } else { "-" };
        let demonym_here = if l.demonym > 0 { "dem" } else { "-" };
        let title_here = if l.title > 0 {
            "B"
        } else if l.in_title {
            "I"
        } else {
            "-"
        };
        for (template, parts) in [
            (0, &["bias"][..]),
            (1, &[w][..]),
            (2, &[prev][..]),
            (3, &[next][..]),
            (4, &[word(k - 2)][..]),
            (5, &[word(k + 2)][..]),
            (6, &[sh][..]),
            (7, &[sp, sh][..]),
            (8, &[sh, sn][..]),
            (9, &[sp, sh, sn][..]),
            (10, &[suffix(w, 3)][..]),
            (11, &[suffix(w, 2), sh][..]),
            (12, &[prev, sh][..]),
            (13, &[sh, next][..]),
            (14, &[place_tag(l), capclass][..]),
            (15, &[place_tag(lex(k - 1)), sh][..]),
            (16, &[place_tag(lex(k + 1)), sh][..]),
            (17, &[org_tag(l), capclass][..]),
            (18, &[org_tag(lex(k - 1)), sh][..]),
            (19, &[org_tag(lex(k + 1)), sh][..]),
            (20, &[title_here, capclass][..]),
            (21, &[title_before, sh][..]),
            (22, &[demonym_here, sh, sn][..]),
            (23, &[demonym_before, sh][..]),
            (24, &[position, sh, seen][..]),
            (25, &[seen, sh][..]),
            (26, &[possessive, sh][..]),
            (27, &[quoted, sh][..]),
            (28, &[title_before, demonym_before, position][..]),
        ] {
            out.push(hasher.bucket(template, parts));
        }
        // Single-word lexicon memberships, with the shape (a capitalised first name is
        // evidence; "will" is not) and with the neighbours' memberships.
        push_flags(l.flags, 30, sh, hasher, out);
        push_flags(lex(k - 1).flags, 31, sh, hasher, out);
        push_flags(lex(k + 1).flags, 32, sh, hasher, out);
        out.push(hasher.bucket(
            33,
            &[
                name_class(lex(k - 1).flags),
                name_class(l.flags),
                name_class(lex(k + 1).flags),
                sp,
                sh,
                sn,
            ],
        ));
        out.end_token();
    }
}

/// First name, surname, both or neither.
fn name_class(flags: u32) -> &'static str {
    match (flags & flag::FIRST != 0, flags & flag::SURNAME != 0) {
        (true, true) => "FS",
        (true, false) => "F",
        (false, true) => "S",
        (false, false) => "-",
    }
}

fn push_flags(flags: u32, template: u32, shape: &str, hasher: FeatureHasher, out: &mut FeatureSeq) {
    let mut f = flags;
    while f != 0 {
        let bit = f.trailing_zeros() as usize;
        f &= f - 1;
        out.push(hasher.bucket(template, &[flag::NAMES[bit], shape]));
    }
}

// ------------------------------------------------------------------ training

/// One training document: text, the paragraphs to read, gold entities as byte spans.
#[derive(Clone, Debug)]
pub struct NerDocument {
    /// The text spans point into.
    pub text: String,
    /// Paragraph spans.
    pub paragraphs: Vec<Span>,
    /// Gold entities.
    pub entities: Vec<(Span, NerLabel)>,
}

/// Gold tags of a block: a token starting inside a gold span is tagged with it.
fn gold_tags(block: &Block, entities: &[(Span, NerLabel)], tags: &mut Vec<usize>) {
    tags.clear();
    tags.resize(block.len(), 0);
    for (span, label) in entities {
        if !block.span.contains(*span) {
            continue;
        }
        let mut first = true;
        for t in block.tokens_in(*span) {
            if block.tokens[t].span.start >= span.start && block.tokens[t].span.start < span.end {
                tags[t] = label.begin_tag() + usize::from(!first);
                first = false;
            }
        }
    }
}

/// Train a tagger for `epochs` passes over `documents` with a `2^bits` feature table;
/// `progress` is told each epoch's share of wrong tags.
pub fn train(
    documents: &[NerDocument],
    epochs: usize,
    bits: u32,
    mut progress: impl FnMut(usize, f64),
) -> Tagger {
    let prepared: Vec<Prepared> = documents
        .iter()
        .map(|d| prepare(&d.text, None, &d.paragraphs))
        .collect();
    let hasher = FeatureHasher::new(bits);
    let mut trainer = Trainer::new(Model::new(TAGS.len(), bits, bio_allowed));
    // Features do not change between epochs: compute them once.
    let mut sequences: Vec<(FeatureSeq, Vec<usize>)> = Vec::new();
    let mut tags = Vec::new();
    for (doc, prep) in documents.iter().zip(&prepared) {
        let mut scratch = DocScratch::new(&doc.text, prep);
        let mut segments = Vec::new();
        for block in &prep.blocks {
            scratch.lookup(&doc.text, block);
            gold_tags(block, &doc.entities, &mut tags);
            for sentence in &block.sentences {
                segment(sentence.range(), &scratch.shapes, &mut segments);
                for seg in &segments {
                    let mut features = FeatureSeq::default();
                    featurize(
                        block,
                        sentence.range(),
                        seg.clone(),
                        &scratch,
                        hasher,
                        &mut features,
                    );
                    let mut gold = tags[seg.clone()].to_vec();
                    // A part may cut a (lower-case) entity: it then begins there.
                    if gold[0] > 0 && gold[0] % 2 == 0 {
                        gold[0] -= 1;
                    }
                    sequences.push((features, gold));
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..sequences.len()).collect();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let (mut wrong, mut total) = (0, 0);
        for &s in &order {
            let (features, gold) = &sequences[s];
            wrong += trainer.learn(features, gold);
            total += gold.len();
        }
        progress(epoch + 1, wrong as f64 / total.max(1) as f64);
    }
    Tagger {
        model: trainer.finish(),
    }
}

/// Rewrite a saved model (see [`Model::save`]: header, then delta-coded `(index, weight)`
/// pairs) without the weights smaller than `prune`.
fn prune_saved(bytes: &[u8], prune: f32) -> std::io::Result<Vec<u8>> {
    let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "truncated model");
    let u32_at = |at: usize| -> std::io::Result<u32> {
        let b = bytes.get(at..at + 4).ok_or_else(bad)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let tags = u32_at(8)? as usize;
    let header = 16 + (tags + 1) * tags + 4 * (tags + 1) * tags;
    let count = u32_at(header)? as usize;
    let mut kept = Vec::with_capacity(count);
    let (mut index, mut at) = (0u32, header + 4);
    for _ in 0..count {
        index += u32_at(at)?;
        let w = f32::from_bits(u32_at(at + 4)?);
        if w.abs() >= prune {
            kept.push((index, w));
        }
        at += 8;
    }
    let mut out = bytes[..header].to_vec();
    out.extend_from_slice(&u32::try_from(kept.len()).unwrap_or(u32::MAX).to_le_bytes());
    let mut prev = 0u32;
    for (i, w) in kept {
        out.extend_from_slice(&(i - prev).to_le_bytes());
        out.extend_from_slice(&w.to_le_bytes());
        prev = i;
    }
    Ok(out)
}
