//! The statistical part: an averaged perceptron ([`crate::perceptron`]) tagging every
//! sentence with BIO tags for PER, ORG, LOC and MISC, over word, shape and lexicon
//! features. Trained by `whosaid-eval train-ner` on the training part of wikigold (its
//! first 116 of 145 documents; the rest is the dev part `eval-ner` measures on); the
//! weights are `models/ner.bin`, compiled in.

use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

use whosaid_core::Span;

use super::gazetteer::{
    Gazetteer, PlaceKind, TokenLex, WordHasher, base_form, flag, possessive_len,
};
use crate::perceptron::{FeatureHasher, FeatureSeq, Model, Rows, Scratch, Trainer, bio_allowed};
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
    /// The rows of the features that are looked up rather than hashed (`None` for a
    /// model in training, whose table is not packed).
    tables: Option<Box<NerTables>>,
    /// Unique to each loaded model: whose rows a [`WordCache`] holds.
    id: u64,
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
    /// For each token, its [`word_shape`] (an index into [`SHAPES`]).
    shapes: Vec<u8>,
    /// For each token, its lower-case form ([`Block::lower`]).
    lowers: Vec<&'t str>,
    /// For each token, its lower-case form without a possessive ([`base_form`]).
    pub words: Vec<&'t str>,
    /// For each token, a word whose first letter is upper-case.
    pub capitalized: Vec<bool>,
    segments: Vec<Range<usize>>,
    features: FeatureSeq,
    /// For each token of the block, the rows of its word's templates (filled on demand:
    /// [`WordRows::UNSET`] until then).
    word_rows: Vec<WordRows>,
    /// Emission scores of a part, [`STRIDE`] floats per token.
    emission: Vec<f32>,
    /// The decoder's back pointers.
    back: Vec<[u8; SUMMED]>,
    /// The tags of a part, kept from part to part.
    tags: Vec<usize>,
    scratch: Scratch,
}

impl<'t> DocScratch<'t> {
    pub fn new(text: &'t str, prepared: &'t Prepared) -> DocScratch<'t> {
        let mut s = DocScratch::default();
        let tokens = prepared.blocks.iter().map(Block::len).sum::<usize>();
        s.lower_seen.reserve(tokens / 2);
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
    pub fn lookup(&mut self, text: &str, block: &'t Block) {
        self.lowers.clear();
        self.lowers.extend((0..block.len()).map(|i| block.lower(i)));
        self.words.clear();
        self.words.extend(self.lowers.iter().map(|w| base_form(w)));
        Gazetteer::get().lookup_words(&self.lowers, &self.words, &mut self.lex);
        self.shapes.clear();
        self.capitalized.clear();
        for t in &block.tokens {
            let (shape, first_upper) = word_shape(t.text(text), t.kind);
            self.shapes.push(shape);
            self.capitalized.push(first_upper);
        }
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
        let bytes_all = bytes;
        let model = Model::load(&mut bytes)?;
        if model.tags() != TAGS.len() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "not an entity model (wrong number of tags)",
            ));
        }
        let tables = NerTables::new(&model, bytes_all);
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        Ok(Tagger { model, tables, id })
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
        let rows = self.model.rows();
        let mut features = std::mem::take(&mut doc.features);
        let mut segments = std::mem::take(&mut doc.segments);
        let mut word_rows = std::mem::take(&mut doc.word_rows);
        word_rows.clear();
        word_rows.resize(block.len(), WordRows::UNSET);
        let mut cache = WORD_CACHE.take();
        cache.claim(self.id);
        for sentence in &block.sentences {
            segment(sentence.range(), &doc.shapes, &mut segments);
            for seg in &segments {
                let tags = match (&self.tables, rows) {
                    (Some(tables), Some(rows)) => {
                        if let Some(weights) = rows.weights::<STRIDE>() {
                            // The rows summed as they are found.
                            let mut sums = Sums {
                                weights,
                                acc: [0.0; STRIDE],
                                out: std::mem::take(&mut doc.emission),
                            };
                            sums.out.clear();
                            feature_rows(
                                block,
                                sentence.range(),
                                seg.clone(),
                                doc,
                                (tables, rows),
                                (&mut word_rows, &mut cache),
                                &mut sums,
                            );
                            let mut tags = std::mem::take(&mut doc.tags);
                            match &tables.viterbi {
                                Some(v) => v.decode(&sums.out, &mut doc.back, &mut tags),
                                None => self.model.decode_emissions_into(
                                    &mut sums.out,
                                    &[],
                                    &mut doc.scratch,
                                    &mut tags,
                                ),
                            }
                            doc.emission = sums.out;
                            tags
                        } else {
                            features.clear();
                            feature_rows(
                                block,
                                sentence.range(),
                                seg.clone(),
                                doc,
                                (tables, rows),
                                (&mut word_rows, &mut cache),
                                &mut features,
                            );
                            self.model
                                .decode_rows_biased(&features, &[], &mut doc.scratch)
                        }
                    }
                    _ => {
                        featurize(
                            block,
                            sentence.range(),
                            seg.clone(),
                            doc,
                            hasher,
                            &mut features,
                        );
                        self.model.decode(&features, &mut doc.scratch)
                    }
                };
                collect(&tags, seg.start, b, out);
                doc.tags = tags;
            }
        }
        doc.features = features;
        doc.segments = segments;
        doc.word_rows = word_rows;
        WORD_CACHE.set(cache);
    }
}

/// The word shapes [`word_shape`] gives, by index; [`SHAPE_OUT`] ("_") stands for a token
/// beyond the sentence.
const SHAPES: [&str; 23] = [
    "x", "Xx", "X", "XX", "Xx-x", "XxX", "X.X.", "xX", "x.x.", "xd", "x-x", "d", "dddd", "Q", ",",
    ".", "(", ")", "-", ":", "&", "p", "_",
];
/// Shape indices.
mod sh {
    pub const X_LOWER: u8 = 0;
    pub const XX_LOWER: u8 = 1;
    pub const X: u8 = 2;
    pub const XX: u8 = 3;
    pub const X_HYPHEN: u8 = 4;
    pub const X_INNER: u8 = 5;
    pub const INITIALS: u8 = 6;
    pub const LOWER_UPPER: u8 = 7;
    pub const LOWER_PERIODS: u8 = 8;
    pub const WITH_DIGIT: u8 = 9;
    pub const LOWER_HYPHEN: u8 = 10;
    pub const NUMBER: u8 = 11;
    pub const YEAR: u8 = 12;
    pub const QUOTE: u8 = 13;
    pub const COMMA: u8 = 14;
    pub const PERIOD: u8 = 15;
    pub const OPEN: u8 = 16;
    pub const CLOSE: u8 = 17;
    pub const DASH: u8 = 18;
    pub const COLON: u8 = 19;
    pub const AMPERSAND: u8 = 20;
    pub const PUNCT: u8 = 21;
}
/// Index of "_" in [`SHAPES`].
const SHAPE_OUT: usize = 22;
/// Number of shape indices, "_" included.
const SHX: usize = SHAPES.len();

/// Is a shape capitalised (a possible name)? ("Xx", "X", "XX", "Xx-x", "XxX", "X.X.",
/// "xX": the first eight shapes but "x".)
fn is_cap_shape(shape: u8) -> bool {
    (sh::XX_LOWER..=sh::LOWER_UPPER).contains(&shape)
}

/// The parts of a sentence worth tagging: every capitalised word with one token of context
/// on each side, parts less than two tokens apart merged ("Bank of America" is one part).
/// The rest is lower-case text where names do not occur; skipping it makes tagging
/// several times cheaper. Training reads the same parts, so the model sees what it tags.
fn segment(sentence: Range<usize>, shapes: &[u8], out: &mut Vec<Range<usize>>) {
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
/// An index into [`SHAPES`], and whether `word` is a word whose first letter is
/// upper-case.
fn word_shape(word: &str, kind: TokenKind) -> (u8, bool) {
    match kind {
        TokenKind::Number => {
            return (
                if word.len() == 4 {
                    sh::YEAR
                } else {
                    sh::NUMBER
                },
                false,
            );
        }
        TokenKind::Quote(_) => return (sh::QUOTE, false),
        TokenKind::Punct => {
            let shape = match word {
                "," => sh::COMMA,
                "." => sh::PERIOD,
                "(" | "[" => sh::OPEN,
                ")" | "]" => sh::CLOSE,
                "-" | "—" | "–" => sh::DASH,
                ":" | ";" => sh::COLON,
                "&" => sh::AMPERSAND,
                _ => sh::PUNCT,
            };
            return (shape, false);
        }
        TokenKind::Word => {}
    }
    let mut c = Counts::default();
    let bytes = word.as_bytes();
    // ASCII, one byte at a time (for ASCII, `char::is_uppercase` is
    // `u8::is_ascii_uppercase`, and so on); any other byte sends the word to the loop
    // over its characters below.
    let mut any = 0u8;
    let mut after_lower = 0u8;
    for &b in bytes {
        let class = BYTE_CLASS[usize::from(b)];
        any |= class;
        c.upper += u32::from(class & UPPER);
        c.lower += u32::from((class & LOWER) >> 1);
        // An upper-case letter after a lower-case one.
        c.inner_upper |= class & after_lower != 0;
        after_lower |= (class & LOWER) >> 1;
    }
    c.first_upper = bytes
        .first()
        .is_some_and(|&b| BYTE_CLASS[usize::from(b)] & UPPER != 0);
    c.digit = any & DIGIT != 0;
    c.period = any & PERIOD != 0;
    c.hyphen = any & HYPHEN != 0;
    if any & OTHER != 0 {
        c = Counts::default();
        c.first_upper = word.chars().next().is_some_and(char::is_uppercase);
        for ch in word.chars() {
            if ch.is_uppercase() {
                c.upper += 1;
                c.inner_upper |= c.lower > 0;
            } else if ch.is_lowercase() {
                c.lower += 1;
            } else if ch.is_ascii_digit() {
                c.digit = true;
            } else if ch == '.' {
                c.period = true;
            } else if ch == '-' {
                c.hyphen = true;
            }
        }
    }
    let shape = if c.period {
        if c.upper > 0 {
            sh::INITIALS
        } else {
            sh::LOWER_PERIODS
        }
    } else if c.digit {
        sh::WITH_DIGIT
    } else if c.first_upper {
        if c.lower == 0 {
            if c.upper == 1 { sh::X } else { sh::XX }
        } else if c.hyphen {
            sh::X_HYPHEN
        } else if c.inner_upper {
            sh::X_INNER
        } else {
            sh::XX_LOWER
        }
    } else if c.upper > 0 {
        sh::LOWER_UPPER
    } else if c.hyphen {
        sh::LOWER_HYPHEN
    } else {
        sh::X_LOWER
    };
    (shape, c.first_upper)
}

/// Classes of bytes for [`word_shape`]: ASCII letters by case, digits, '.', '-', and
/// [`OTHER`] for the bytes of non-ASCII characters.
const UPPER: u8 = 1;
const LOWER: u8 = 2;
const DIGIT: u8 = 4;
const PERIOD: u8 = 8;
const HYPHEN: u8 = 16;
const OTHER: u8 = 32;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LOWER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c == b'.' {
            PERIOD
        } else if c == b'-' {
            HYPHEN
        } else if c >= 0x80 {
            OTHER
        } else {
            0
        };
        b += 1;
    }
    t
};

/// What [`word_shape`] counts in a word: its first letter's case, upper- and lower-case
/// letters (an upper-case one after a lower-case one is "inner"), digits, periods, hyphens.
#[derive(Default)]
struct Counts {
    first_upper: bool,
    upper: u32,
    lower: u32,
    inner_upper: bool,
    digit: bool,
    period: bool,
    hyphen: bool,
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
            SHAPES[usize::from(doc.shapes[i as usize])]
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
        let cap = is_cap_shape(doc.shapes[i]);
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

// ------------------------------------------------------------------ rows

// The same features as [`featurize`], as rows of the packed weight table and in the same
// order (so the emission sums add the same weights in the same order: the scores are bit
// for bit the same). Templates whose parts take few values (shapes, lexicon tags, flags)
// have their rows looked up once when the model is loaded ([`NerTables`]); the word
// templates are hashed once per token of a block ([`WordRows`]); the rest finish a hash
// whose first parts were hashed at load.

/// FNV-1a, as [`FeatureHasher::bucket`] computes it part by part (the same values).
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The hash state of a template before its first part.
fn seed(template: u32) -> u64 {
    FNV_OFFSET ^ u64::from(template).wrapping_mul(0x9E37_79B9)
}

/// The hash state after one more part.
#[inline(always)]
fn part(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    (h ^ 0xff).wrapping_mul(FNV_PRIME)
}

/// The bucket of a hash state after its last part.
#[inline(always)]
fn finish(h: u64, mask: u32) -> u32 {
    (h ^ (h >> 29) ^ (h >> 47)) as u32 & mask
}

/// [`place_tag`]'s values by index: the place kinds, "in", "-".
const PLACE_TAGS: [&str; 7] = ["country", "capital", "state", "city", "region", "in", "-"];
/// [`org_tag`]'s values, also the title's ("B", "I", "-").
const BIO: [&str; 3] = ["B", "I", "-"];
/// [`name_class`]'s values by index.
const NAME_CLASSES: [&str; 4] = ["FS", "F", "S", "-"];

fn place_index(lex: &TokenLex) -> usize {
    if lex.place > 0 {
        match lex.place_kind {
            Some(PlaceKind::Country) => 0,
            Some(PlaceKind::Capital) => 1,
            Some(PlaceKind::State) => 2,
            Some(PlaceKind::City) => 3,
            Some(PlaceKind::Region) => 4,
            None => 6,
        }
    } else if lex.in_place {
        5
    } else {
        6
    }
}

fn org_index(lex: &TokenLex) -> usize {
    if lex.org > 0 {
        0
    } else if lex.in_org {
        1
    } else {
        2
    }
}

fn title_index(lex: &TokenLex) -> usize {
    if lex.title > 0 {
        0
    } else if lex.in_title {
        1
    } else {
        2
    }
}

fn name_class_index(flags: u32) -> usize {
    match (flags & flag::FIRST != 0, flags & flag::SURNAME != 0) {
        (true, true) => 0,
        (true, false) => 1,
        (false, true) => 2,
        (false, false) => 3,
    }
}

/// The rows of a word's templates (1 to 5 and 10: the word alone, as the token, its
/// neighbours, and its last three letters) and the hash states of the two templates that
/// go on with a shape (11: its last two letters, 12: the word before a token).
#[derive(Clone, Copy, Debug)]
struct WordRows {
    rows: [u32; 6],
    suffix2: u64,
    before: u64,
}

impl WordRows {
    /// Not looked up yet.
    const UNSET: WordRows = WordRows {
        rows: [u32::MAX; 6],
        suffix2: 0,
        before: 0,
    };

    fn of(word: &str, rows: Rows<'_>, mask: u32) -> WordRows {
        let b = word.as_bytes();
        let row = |template: u32, bytes: &[u8]| rows.row(finish(part(seed(template), bytes), mask));
        WordRows {
            rows: [
                row(1, b),
                row(2, b),
                row(3, b),
                row(4, b),
                row(5, b),
                row(10, suffix(word, 3).as_bytes()),
            ],
            suffix2: part(seed(11), suffix(word, 2).as_bytes()),
            before: part(seed(12), b),
        }
    }

    fn is_unset(&self) -> bool {
        self.rows[0] == u32::MAX
    }
}

/// Slots of the [`WordCache`] (a power of two).
const WORD_SLOTS: usize = 4096;
/// Longest word (bytes) the cache keeps.
const WORD_KEY: usize = 23;

thread_local! {
    static WORD_CACHE: RefCell<WordCache> = RefCell::default();
}

/// A direct-mapped cache from a word to its [`WordRows`], per thread: frequent words
/// ("the", "said", a story's names) are not hashed six times at every occurrence.
#[derive(Debug, Default)]
struct WordCache {
    /// The [`Tagger::id`] of the model the rows are from.
    owner: u64,
    slots: Vec<WordSlot>,
}

#[derive(Clone, Copy, Debug)]
#[repr(C, align(64))]
struct WordSlot {
    /// Length (0: empty), then the word's bytes.
    key: [u8; WORD_KEY + 1],
    rows: WordRows,
}

impl WordCache {
    /// Make the cache hold `owner`'s rows (emptied if it held another model's).
    fn claim(&mut self, owner: u64) {
        if self.slots.is_empty() || self.owner != owner {
            self.owner = owner;
            self.slots = vec![
                WordSlot {
                    key: [0; WORD_KEY + 1],
                    rows: WordRows::UNSET,
                };
                WORD_SLOTS
            ];
        }
    }

    /// The rows of `word`, from the cache or computed (and kept).
    fn get(&mut self, word: &str, rows: Rows<'_>, mask: u32) -> WordRows {
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > WORD_KEY {
            return WordRows::of(word, rows, mask);
        }
        let mut h = WordHasher::default();
        h.write(bytes);
        let slot = &mut self.slots
            [(h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize % WORD_SLOTS];
        if usize::from(slot.key[0]) == bytes.len() && &slot.key[1..=bytes.len()] == bytes {
            return slot.rows;
        }
        let found = WordRows::of(word, rows, mask);
        slot.key[0] = bytes.len() as u8;
        slot.key[1..=bytes.len()].copy_from_slice(bytes);
        slot.rows = found;
        found
    }
}

/// The NER model's rows of the templates whose parts take few values, found once when the
/// model is loaded, indexed by [`SHAPES`], [`PLACE_TAGS`], [`BIO`], [`NAME_CLASSES`], flag
/// bits, and 0 for a binary feature's named value ("cap", "title", "dem", "first", "seen",
/// "pos", "q"), 1 for the other.
struct NerTables {
    mask: u32,
    bias: u32,
    t6: [u32; SHX],
    t7: [[u32; SHX]; SHX],
    t8: [[u32; SHX]; SHX],
    t9: Vec<[[u32; SHX]; SHX]>,
    t14: [[u32; 2]; 7],
    t15: [[u32; SHX]; 7],
    t16: [[u32; SHX]; 7],
    t17: [[u32; 2]; 3],
    t18: [[u32; SHX]; 3],
    t19: [[u32; SHX]; 3],
    t20: [[u32; 2]; 3],
    t21: [[u32; SHX]; 2],
    t22: [[[u32; SHX]; SHX]; 2],
    t23: [[u32; SHX]; 2],
    t24: [[[u32; 2]; SHX]; 2],
    t25: [[u32; SHX]; 2],
    t26: [[u32; SHX]; 2],
    t27: [[u32; SHX]; 2],
    t28: [[[u32; 2]; 2]; 2],
    /// Templates 30, 31, 32: a flag's name and the token's shape.
    flags: [[[u32; SHX]; 9]; 3],
    /// Template 13's hash state after the token's shape.
    t13: [u64; SHX],
    /// Template 33's hash state after the three name classes and the previous shape.
    t33: Vec<[[[u64; SHX]; 4]; 4]>,
    /// The words beyond the sentence.
    start: WordRows,
    end: WordRows,
    /// The model's transitions, for decoding (`None` if the model bytes could not be
    /// read for them).
    viterbi: Option<Viterbi>,
}

impl std::fmt::Debug for NerTables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NerTables").finish_non_exhaustive()
    }
}

impl NerTables {
    /// The tables of a loaded (packed) model; `file` is the model file it was loaded from.
    fn new(model: &Model, file: &[u8]) -> Option<Box<NerTables>> {
        let rows = model.rows()?;
        let hasher = model.hasher();
        let mask = u32::try_from(hasher.buckets() - 1).ok()?;
        let row = |template: u32, parts: &[&str]| rows.row(hasher.bucket(template, parts));
        let state = |template: u32, parts: &[&str]| {
            parts
                .iter()
                .fold(seed(template), |h, p| part(h, p.as_bytes()))
        };
        let sh = |s: usize| SHAPES[s];
        const CAP: [&str; 2] = ["cap", "low"];
        let yes = |name: &'static str| move |v: usize| if v == 0 { name } else { "-" };
        let (title, dem, seen, pos, q) =
            (yes("title"), yes("dem"), yes("seen"), yes("pos"), yes("q"));
        const POSITION: [&str; 2] = ["first", "rest"];
        use std::array::from_fn;
        Some(Box::new(NerTables {
            mask,
            bias: row(0, &["bias"]),
            t6: from_fn(|a| row(6, &[sh(a)])),
            t7: from_fn(|a| from_fn(|b| row(7, &[sh(a), sh(b)]))),
            t8: from_fn(|a| from_fn(|b| row(8, &[sh(a), sh(b)]))),
            t9: (0..SHX)
                .map(|a| from_fn(|b| from_fn(|c| row(9, &[sh(a), sh(b), sh(c)]))))
                .collect(),
            t14: from_fn(|p| from_fn(|c| row(14, &[PLACE_TAGS[p], CAP[c]]))),
            t15: from_fn(|p| from_fn(|a| row(15, &[PLACE_TAGS[p], sh(a)]))),
            t16: from_fn(|p| from_fn(|a| row(16, &[PLACE_TAGS[p], sh(a)]))),
            t17: from_fn(|o| from_fn(|c| row(17, &[BIO[o], CAP[c]]))),
            t18: from_fn(|o| from_fn(|a| row(18, &[BIO[o], sh(a)]))),
            t19: from_fn(|o| from_fn(|a| row(19, &[BIO[o], sh(a)]))),
            t20: from_fn(|t| from_fn(|c| row(20, &[BIO[t], CAP[c]]))),
            t21: from_fn(|t| from_fn(|a| row(21, &[title(t), sh(a)]))),
            t22: from_fn(|d| from_fn(|a| from_fn(|b| row(22, &[dem(d), sh(a), sh(b)])))),
            t23: from_fn(|d| from_fn(|a| row(23, &[dem(d), sh(a)]))),
            t24: from_fn(|p| from_fn(|a| from_fn(|s| row(24, &[POSITION[p], sh(a), seen(s)])))),
            t25: from_fn(|s| from_fn(|a| row(25, &[seen(s), sh(a)]))),
            t26: from_fn(|p| from_fn(|a| row(26, &[pos(p), sh(a)]))),
            t27: from_fn(|v| from_fn(|a| row(27, &[q(v), sh(a)]))),
            t28: from_fn(|t| from_fn(|d| from_fn(|p| row(28, &[title(t), dem(d), POSITION[p]])))),
            flags: from_fn(|k| {
                from_fn(|bit| from_fn(|a| row(30 + k as u32, &[flag::NAMES[bit], sh(a)])))
            }),
            t13: from_fn(|a| state(13, &[sh(a)])),
            t33: (0..4)
                .map(|p| {
                    from_fn(|c| {
                        from_fn(|n| {
                            from_fn(|a| {
                                state(
                                    33,
                                    &[NAME_CLASSES[p], NAME_CLASSES[c], NAME_CLASSES[n], sh(a)],
                                )
                            })
                        })
                    })
                })
                .collect(),
            start: WordRows::of("<s>", rows, mask),
            end: WordRows::of("</s>", rows, mask),
            viterbi: Viterbi::read(file),
        }))
    }
}

/// Where [`feature_rows`] puts a token's rows.
trait RowSink {
    /// The next feature's row.
    fn add(&mut self, row: u32);
    /// The token is done.
    fn end_token(&mut self);
}

impl RowSink for FeatureSeq {
    #[inline(always)]
    fn add(&mut self, row: u32) {
        self.push(row);
    }

    #[inline(always)]
    fn end_token(&mut self) {
        FeatureSeq::end_token(self);
    }
}

/// Floats per row of the NER model's packed table (nine tags, padded).
const STRIDE: usize = 16;
/// The floats of a row that are summed: the tags, rounded up to whole vectors (the
/// decoder reads the tags only).
const SUMMED: usize = 12;
const _: () = assert!(SUMMED >= TAGS.len() && SUMMED <= STRIDE);

/// Each token's rows summed as they come, in the order they come (the sums
/// [`Model::decode_rows_biased`] would make of the same rows, bit for bit): emission scores
/// for [`Model::decode_emissions`], [`STRIDE`] floats per token.
struct Sums<'a> {
    weights: &'a [[f32; STRIDE]],
    acc: [f32; STRIDE],
    out: Vec<f32>,
}

impl RowSink for Sums<'_> {
    #[inline(always)]
    // Indexed by a constant range: the zip of two sub-slices compiles to a loop that
    // is not unrolled, about 12M instructions more on PolNeAR dev.
    #[allow(clippy::needless_range_loop)]
    fn add(&mut self, row: u32) {
        let w = &self.weights[row as usize];
        for k in 0..SUMMED {
            self.acc[k] += w[k];
        }
    }

    #[inline(always)]
    fn end_token(&mut self) {
        self.out.extend_from_slice(&self.acc);
        self.acc = [0.0; STRIDE];
    }
}

/// The best tag sequence for the emission scores of a part: [`Model::decode_emissions`]
/// (the same sums, comparisons and ties, so the same tags) with the loops turned round.
/// For each token it goes over the previous tags and updates every next tag's best at
/// once (whole vectors of [`SUMMED`] next tags), keeping a later previous tag only when it
/// scores strictly higher, as the model's decoder does going over the previous tags of
/// each next tag in order.
#[derive(Clone, Debug)]
struct Viterbi {
    /// Score of each tag at the start (minus infinity where it may not start).
    start: [f32; SUMMED],
    /// `by_prev[prev][next]`: the transition's score, minus infinity where it is not
    /// allowed (and for the padding tags).
    by_prev: [Lanes; TAGS.len()],
}

/// A score for each next tag, padded (aligned for whole-vector loads).
#[derive(Clone, Copy, Debug)]
#[repr(C, align(16))]
struct Lanes([f32; SUMMED]);

impl Viterbi {
    /// The transitions of a model file (see [`Model::save`]: magic, tag count, bits, then
    /// `allowed[prev * tags + next]` bytes and `transitions[prev * tags + next]` floats,
    /// `prev == tags` being the start).
    fn read(file: &[u8]) -> Option<Viterbi> {
        const T: usize = TAGS.len();
        let u32_at = |at: usize| -> Option<u32> {
            let b = file.get(at..at + 4)?;
            Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        if u32_at(8)? as usize != T {
            return None;
        }
        let allowed = file.get(16..16 + (T + 1) * T)?;
        let at = 16 + (T + 1) * T;
        let score = |prev: usize, next: usize| -> Option<f32> {
            let w = f32::from_bits(u32_at(at + 4 * (prev * T + next))?);
            Some(if allowed[prev * T + next] != 0 {
                w
            } else {
                f32::NEG_INFINITY
            })
        };
        let mut v = Viterbi {
            start: [f32::NEG_INFINITY; SUMMED],
            by_prev: [Lanes([f32::NEG_INFINITY; SUMMED]); T],
        };
        for next in 0..T {
            v.start[next] = score(T, next)?;
            for prev in 0..T {
                v.by_prev[prev].0[next] = score(prev, next)?;
            }
        }
        Some(v)
    }

    /// For each next tag, the best score over the previous tags (of scores `score`) and
    /// the first previous tag that has it (0 when none is allowed). The previous tag is
    /// kept as a float, so that the whole loop is vector operations.
    #[inline(never)]
    fn best_previous(&self, score: &[f32; SUMMED]) -> ([f32; SUMMED], [f32; SUMMED]) {
        let mut best = [f32::NEG_INFINITY; SUMMED];
        let mut arg = [0.0f32; SUMMED];
        for (prev, by_prev) in self.by_prev.iter().enumerate() {
            let p = score[prev];
            let prev = prev as f32;
            for next in 0..SUMMED {
                let s = p + by_prev.0[next];
                let better = s > best[next];
                best[next] = if better { s } else { best[next] };
                arg[next] = if better { prev } else { arg[next] };
            }
        }
        (best, arg)
    }

    /// The tags of `emission` ([`STRIDE`] floats per token, the tags first), into `tags`.
    fn decode(&self, emission: &[f32], back: &mut Vec<[u8; SUMMED]>, tags: &mut Vec<usize>) {
        const T: usize = TAGS.len();
        let n = emission.len() / STRIDE;
        if n == 0 {
            tags.clear();
            return;
        }
        back.clear();
        back.resize(n, [0; SUMMED]);
        let (rows, _) = emission.as_chunks::<STRIDE>();
        let mut score = [f32::NEG_INFINITY; SUMMED];
        for (i, (e, back)) in rows.iter().zip(back.iter_mut()).enumerate() {
            if i == 0 {
                for next in 0..T {
                    score[next] = e[next] + self.start[next];
                }
                continue;
            }
            let (best, arg) = self.best_previous(&score);
            for next in 0..SUMMED {
                score[next] = best[next] + e[next];
                back[next] = arg[next] as u8;
            }
        }
        crate::perceptron::way_back_into(&score, T, back, tags);
    }
}

/// [`featurize`]'s features of the tokens of `part` as rows of the model's table (see
/// above), given to `out` in the same order; `word_rows` holds the block's words' rows
/// found so far.
fn feature_rows(
    block: &Block,
    sentence: Range<usize>,
    part_range: Range<usize>,
    doc: &DocScratch<'_>,
    (t, rows): (&NerTables, Rows<'_>),
    (word_rows, cache): (&mut [WordRows], &mut WordCache),
    out: &mut impl RowSink,
) {
    let (first, end) = (sentence.start, sentence.end);
    // The words of the part and two tokens either side.
    let (from, to) = (
        part_range.start.saturating_sub(2).max(first),
        (part_range.end + 2).min(end),
    );
    for (rows_of, word) in word_rows[from..to].iter_mut().zip(&doc.words[from..to]) {
        if rows_of.is_unset() {
            *rows_of = cache.get(word, rows, t.mask);
        }
    }
    let word_rows = &*word_rows;
    let none = TokenLex::default();
    let at = |j: usize| -> (&WordRows, usize, &TokenLex) {
        (&word_rows[j], usize::from(doc.shapes[j]), &doc.lex[j])
    };
    let row = |h: u64| rows.row(finish(h, t.mask));
    for i in part_range {
        let (w, s, l) = at(i);
        let (prev, sp, lp) = if i > first {
            at(i - 1)
        } else {
            (&t.start, SHAPE_OUT, &none)
        };
        let (next, sn, ln) = if i + 1 < end {
            at(i + 1)
        } else {
            (&t.end, SHAPE_OUT, &none)
        };
        let prev2 = if i > first + 1 {
            &word_rows[i - 2]
        } else {
            &t.start
        };
        let next2 = if i + 2 < end {
            &word_rows[i + 2]
        } else {
            &t.end
        };
        let next_word = if i + 1 < end {
            doc.words[i + 1]
        } else {
            "</s>"
        };
        let cap = usize::from(!is_cap_shape(doc.shapes[i]));
        let position = usize::from(i != first);
        let seen = usize::from(!(cap == 0 && doc.lower_seen.contains(doc.words[i])));
        let possessive = usize::from(doc.words[i].len() == doc.lowers[i].len());
        let quoted = usize::from(block.quote_depth[i] == 0);
        let title_before = usize::from(!(i > first && doc.title_end[i - 1]));
        let demonym_before = usize::from(lp.demonym == 0);
        let demonym_here = usize::from(l.demonym == 0);
        let shape = SHAPES[s].as_bytes();
        // In template order, one at a time (each row is added as it is found).
        out.add(t.bias);
        out.add(w.rows[0]);
        out.add(prev.rows[1]);
        out.add(next.rows[2]);
        out.add(prev2.rows[3]);
        out.add(next2.rows[4]);
        out.add(t.t6[s]);
        out.add(t.t7[sp][s]);
        out.add(t.t8[s][sn]);
        out.add(t.t9[sp][s][sn]);
        out.add(w.rows[5]);
        out.add(row(part(w.suffix2, shape)));
        out.add(row(part(prev.before, shape)));
        out.add(row(part(t.t13[s], next_word.as_bytes())));
        out.add(t.t14[place_index(l)][cap]);
        out.add(t.t15[place_index(lp)][s]);
        out.add(t.t16[place_index(ln)][s]);
        out.add(t.t17[org_index(l)][cap]);
        out.add(t.t18[org_index(lp)][s]);
        out.add(t.t19[org_index(ln)][s]);
        out.add(t.t20[title_index(l)][cap]);
        out.add(t.t21[title_before][s]);
        out.add(t.t22[demonym_here][s][sn]);
        out.add(t.t23[demonym_before][s]);
        out.add(t.t24[position][s][seen]);
        out.add(t.t25[seen][s]);
        out.add(t.t26[possessive][s]);
        out.add(t.t27[quoted][s]);
        out.add(t.t28[title_before][demonym_before][position]);
        for (k, flags) in [l.flags, lp.flags, ln.flags].into_iter().enumerate() {
            let mut f = flags;
            while f != 0 {
                let bit = f.trailing_zeros() as usize;
                f &= f - 1;
                out.add(t.flags[k][bit][s]);
            }
        }
        let h = t.t33[name_class_index(lp.flags)][name_class_index(l.flags)]
            [name_class_index(ln.flags)][sp];
        out.add(row(part(part(h, shape), SHAPES[sn].as_bytes())));
        out.end_token();
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
        tables: None,
        id: 0,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Wire copy with what the features look at: titles, nationalities, places,
    /// organizations, possessives, quotations, initials, accents, numbers, capitals.
    const TEXTS: [&str; 3] = [
        "WASHINGTON (AP) — Russian President Vladimir Putin met Sen. Elizabeth Warren's \
         staff in Kyiv’s center on Monday, the White House said. \"We will see,\" said \
         George W. Bush, 78, in New York. René Lévesque of the Parti Québécois and the \
         iPhone maker Apple Inc. disagreed; McDonald's and AT&T did not.",
        "The U.S. Department of Justice, the FBI and Mayor Bill de Blasio's office — all \
         in 2019 — said the Co-Chair of the Democratic National Committee, Mr. O'Neill, \
         would speak. X\u{2019}s fans, the G7 and 3M watched.",
        "Trump slammed Bush. Cruz said Monday that Curiel was biased.",
    ];

    fn prepared(text: &str) -> Prepared {
        let paragraphs: Vec<Span> = vec![Span::new(0, text.len())];
        prepare(text, None, &paragraphs)
    }

    /// Every part of every sentence of the texts, with the document's lookups.
    fn for_each_part(mut f: impl FnMut(&Block, Range<usize>, Range<usize>, &DocScratch<'_>)) {
        for text in TEXTS {
            let prep = prepared(text);
            let mut doc = DocScratch::new(text, &prep);
            let mut segments = Vec::new();
            for block in &prep.blocks {
                doc.lookup(text, block);
                for sentence in &block.sentences {
                    segment(sentence.range(), &doc.shapes, &mut segments);
                    for seg in segments.clone() {
                        f(block, sentence.range(), seg, &doc);
                    }
                }
            }
        }
    }

    #[test]
    fn rows_are_the_rows_of_the_hashed_features() {
        let tagger = Tagger::builtin();
        let tables = tagger
            .tables
            .as_deref()
            .expect("the built-in model is packed");
        let rows = tagger.model.rows().expect("packed");
        let hasher = tagger.model.hasher();
        let mut cache = WordCache::default();
        cache.claim(tagger.id);
        let mut parts = 0;
        for_each_part(|block, sentence, part, doc| {
            let mut hashed = FeatureSeq::default();
            featurize(
                block,
                sentence.clone(),
                part.clone(),
                doc,
                hasher,
                &mut hashed,
            );
            let mut word_rows = vec![WordRows::UNSET; block.len()];
            let mut found = FeatureSeq::default();
            feature_rows(
                block,
                sentence,
                part,
                doc,
                (tables, rows),
                (&mut word_rows, &mut cache),
                &mut found,
            );
            assert_eq!(found.len(), hashed.len());
            for i in 0..hashed.len() {
                let expected: Vec<u32> = hashed.get(i).iter().map(|&b| rows.row(b)).collect();
                assert_eq!(found.get(i), &expected[..], "token {i}");
            }
            parts += 1;
        });
        assert!(parts > 5);
    }

    #[test]
    fn summed_rows_decode_as_the_model_does() {
        let tagger = Tagger::builtin();
        let tables = tagger
            .tables
            .as_deref()
            .expect("the built-in model is packed");
        let viterbi = tables.viterbi.as_ref().expect("transitions read");
        let rows = tagger.model.rows().expect("packed");
        let weights = rows.weights::<STRIDE>().expect("nine tags in rows of 16");
        let mut cache = WordCache::default();
        cache.claim(tagger.id);
        let mut scratch = Scratch::default();
        let mut back = Vec::new();
        for_each_part(|block, sentence, part, doc| {
            let mut word_rows = vec![WordRows::UNSET; block.len()];
            let mut seq = FeatureSeq::default();
            feature_rows(
                block,
                sentence.clone(),
                part.clone(),
                doc,
                (tables, rows),
                (&mut word_rows, &mut cache),
                &mut seq,
            );
            let mut sums = Sums {
                weights,
                acc: [0.0; STRIDE],
                out: Vec::new(),
            };
            feature_rows(
                block,
                sentence,
                part,
                doc,
                (tables, rows),
                (&mut word_rows, &mut cache),
                &mut sums,
            );
            let expected = tagger.model.decode_rows_biased(&seq, &[], &mut scratch);
            let mut emission = sums.out.clone();
            assert_eq!(
                tagger
                    .model
                    .decode_emissions(&mut emission, &[], &mut scratch),
                expected
            );
            let mut tags = Vec::new();
            viterbi.decode(&sums.out, &mut back, &mut tags);
            assert_eq!(tags, expected);
        });
    }

    #[test]
    fn viterbi_breaks_ties_as_the_model_does() {
        let tagger = Tagger::builtin();
        let viterbi = tagger
            .tables
            .as_deref()
            .and_then(|t| t.viterbi.as_ref())
            .expect("read");
        let mut scratch = Scratch::default();
        let mut back = Vec::new();
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for n in 1..40 {
            let mut emission = vec![0.0f32; n * STRIDE];
            for (k, e) in emission.iter_mut().enumerate() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Few values, so that many scores tie; the padding is left at zero.
                if k % STRIDE < TAGS.len() {
                    *e = (seed % 3) as f32 - 1.0;
                }
            }
            let expected = tagger
                .model
                .decode_emissions(&mut emission.clone(), &[], &mut scratch);
            let mut tags = Vec::new();
            viterbi.decode(&emission, &mut back, &mut tags);
            assert_eq!(tags, expected, "length {n}");
        }
    }

    /// [`word_shape`] before the byte classes: characters.
    fn shape_by_chars(word: &str) -> (u8, bool) {
        let first = word.chars().next().unwrap_or(' ');
        let (mut upper, mut lower, mut digit, mut inner) = (0, 0, 0, false);
        let (mut period, mut hyphen) = (false, false);
        for (k, c) in word.chars().enumerate() {
            if c.is_uppercase() {
                upper += 1;
                if k > 0 && lower > 0 {
                    inner = true;
                }
            } else if c.is_lowercase() {
                lower += 1;
            } else if c.is_ascii_digit() {
                digit += 1;
            } else if c == '.' {
                period = true;
            } else if c == '-' {
                hyphen = true;
            }
        }
        let shape = if period {
            if upper > 0 { "X.X." } else { "x.x." }
        } else if digit > 0 {
            "xd"
        } else if first.is_uppercase() {
            if lower == 0 {
                if upper == 1 { "X" } else { "XX" }
            } else if hyphen {
                "Xx-x"
            } else if inner {
                "XxX"
            } else {
                "Xx"
            }
        } else if upper > 0 {
            "xX"
        } else if hyphen {
            "x-x"
        } else {
            "x"
        };
        let id = SHAPES.iter().position(|&s| s == shape).expect("a shape") as u8;
        (id, first.is_uppercase())
    }

    #[test]
    fn word_shapes_by_bytes_are_those_by_characters() {
        for word in [
            "a",
            "the",
            "The",
            "THE",
            "I",
            "McDonald",
            "iPhone",
            "U.S.",
            "e.g.",
            "Co-Chair",
            "well-known",
            "G7",
            "3M",
            "René",
            "ÉLYSÉE",
            "élysée",
            "Straße",
            "ﬁne",
            "Ǆemal",
            "o'neill",
            "O'Neill",
            "X’s",
            "",
            "-",
            "x-",
            "A-",
            "AbC",
            "aBc",
            "日本",
        ] {
            assert_eq!(
                word_shape(word, TokenKind::Word),
                shape_by_chars(word),
                "{word:?}"
            );
        }
    }
}
