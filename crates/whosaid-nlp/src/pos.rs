//! Part-of-speech tags: "claims" the noun or the verb, "said" a past tense, "U.S." a name.
//!
//! The attribution taggers need to tell verbs from nouns and to see where clauses start;
//! this module gives every token of a [`Block`] a [`Tag`] from a reduced Penn Treebank
//! set. The tagger is an averaged structured perceptron ([`crate::perceptron`]): word,
//! lower-cased word, prefixes and suffixes of one to four letters, shape, and the
//! neighbouring words within the sentence, with the previous tag seen through the model's
//! tag transitions (Viterbi).
//!
//! There is no gold part-of-speech data for our tokenization, so the model learned to
//! agree with spaCy's `en_core_web_sm` on unlabelled news ("silver" labels; see
//! `whosaid-eval train-pos`). A token that joins what spaCy splits takes the tag of its
//! first part ("Russia’s" is a proper noun, "don’t" a present-tense verb, "can’t" a
//! modal), a hyphenated compound the tag of its head ("Russian-backed" an adjective).
//!
//! ```
//! use whosaid_core::Span;
//! use whosaid_nlp::pos::{Tag, tag};
//! use whosaid_nlp::prepare::prepare;
//!
//! let text = "The president said the claims were false.";
//! let prepared = prepare(text, None, &[Span::new(0, text.len())]);
//! let tags = tag(&prepared.blocks[0], text);
//! assert_eq!(tags[2], Tag::Vbd); // said
//! assert_eq!(tags[4], Tag::Nns); // claims
//! ```
//!
//! Tagging allocates per block, never per token: features are hashed straight from the
//! block's lower-cased buffer and token spans into `u32` buckets, without building
//! strings.

use std::cell::RefCell;
use std::io::Write;
use std::sync::LazyLock;

use crate::perceptron::{FeatureSeq, Model, Trainer};
use crate::prepare::{Block, Prepared};

/// A part-of-speech tag: the Penn Treebank tags attribution needs kept apart (every verb
/// form, the four nouns, personal and possessive pronouns), the rest merged into broad
/// classes (all adjectives, all adverbs, all wh-words, punctuation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Tag {
    /// Verb, base form: "will *say*", "to *go*" (VB).
    Vb,
    /// Verb, past tense: "she *said*" (VBD).
    Vbd,
    /// Verb, third person singular present: "he *claims*" (VBZ).
    Vbz,
    /// Verb, other present: "they *say*", "*don’t*" (VBP).
    Vbp,
    /// Verb, past participle: "has *said*", "was *told*" (VBN).
    Vbn,
    /// Verb, gerund or present participle: "*saying*" (VBG).
    Vbg,
    /// Modal: "*will*", "*could*", "*can’t*" (MD).
    Md,
    /// Noun, singular or mass: "*claim*" (NN).
    Nn,
    /// Noun, plural: "*claims*" (NNS).
    Nns,
    /// Proper noun, singular: "*Trump*", "*U.S.*", "*Russia’s*" (NNP).
    Nnp,
    /// Proper noun, plural: "*Democrats*" (NNPS).
    Nnps,
    /// Personal pronoun, and existential "there": "*he*", "*them*" (PRP, EX).
    Prp,
    /// Possessive pronoun: "*his*", "*their*" (PRP$).
    PrpPoss,
    /// Determiner and predeterminer: "*the*", "*all* the" (DT, PDT).
    Dt,
    /// Preposition or subordinating conjunction: "*in*", "*that*", "*because*" (IN).
    In,
    /// "to" (TO).
    To,
    /// Adjective, any degree: "*false*", "*bigger*" (JJ, JJR, JJS, AFX).
    Jj,
    /// Adverb, any degree: "*not*", "*also*" (RB, RBR, RBS).
    Rb,
    /// Particle: "pointed *out*" (RP).
    Rp,
    /// Coordinating conjunction: "*and*", "*but*" (CC).
    Cc,
    /// Number: "*2,000*", "*three*" (CD).
    Cd,
    /// Wh-word: "*who*", "*which*", "*when*", "*whose*" (WDT, WP, WP$, WRB).
    Wh,
    /// Possessive ending standing alone: the ’ of "officials’" (POS).
    Pos,
    /// Punctuation other than quotation marks: , . : ; — ( ) (Penn's punctuation tags).
    Punct,
    /// Quotation mark (`` and '').
    Quote,
    /// Symbol: "$", "%", "#" ($, SYM).
    Sym,
    /// Anything else: interjections, foreign words, list markers, addresses (UH, FW, LS,
    /// ADD, XX).
    Other,
}

impl Tag {
    /// Every tag, in the order of their numbers (`tag as usize`).
    pub const ALL: [Tag; 27] = [
        Tag::Vb,
        Tag::Vbd,
        Tag::Vbz,
        Tag::Vbp,
        Tag::Vbn,
        Tag::Vbg,
        Tag::Md,
        Tag::Nn,
        Tag::Nns,
        Tag::Nnp,
        Tag::Nnps,
        Tag::Prp,
        Tag::PrpPoss,
        Tag::Dt,
        Tag::In,
        Tag::To,
        Tag::Jj,
        Tag::Rb,
        Tag::Rp,
        Tag::Cc,
        Tag::Cd,
        Tag::Wh,
        Tag::Pos,
        Tag::Punct,
        Tag::Quote,
        Tag::Sym,
        Tag::Other,
    ];

    /// The Penn Treebank name where the tag is one Penn tag ("VBD", "PRP$"), else the
    /// class's name ("JJ" for every adjective, "WH", "PUNCT", "QUOTE", "SYM", "OTHER").
    pub fn name(self) -> &'static str {
        match self {
            Tag::Vb => "VB",
            Tag::Vbd => "VBD",
            Tag::Vbz => "VBZ",
            Tag::Vbp => "VBP",
            Tag::Vbn => "VBN",
            Tag::Vbg => "VBG",
            Tag::Md => "MD",
            Tag::Nn => "NN",
            Tag::Nns => "NNS",
            Tag::Nnp => "NNP",
            Tag::Nnps => "NNPS",
            Tag::Prp => "PRP",
            Tag::PrpPoss => "PRP$",
            Tag::Dt => "DT",
            Tag::In => "IN",
            Tag::To => "TO",
            Tag::Jj => "JJ",
            Tag::Rb => "RB",
            Tag::Rp => "RP",
            Tag::Cc => "CC",
            Tag::Cd => "CD",
            Tag::Wh => "WH",
            Tag::Pos => "POS",
            Tag::Punct => "PUNCT",
            Tag::Quote => "QUOTE",
            Tag::Sym => "SYM",
            Tag::Other => "OTHER",
        }
    }

    /// The tag a Penn Treebank tag (as spaCy writes them) falls into.
    pub fn from_penn(penn: &str) -> Tag {
        match penn {
            "VB" => Tag::Vb,
            "VBD" => Tag::Vbd,
            "VBZ" => Tag::Vbz,
            "VBP" => Tag::Vbp,
            "VBN" => Tag::Vbn,
            "VBG" => Tag::Vbg,
            "MD" => Tag::Md,
            "NN" => Tag::Nn,
            "NNS" => Tag::Nns,
            "NNP" => Tag::Nnp,
            "NNPS" => Tag::Nnps,
            "PRP" | "EX" => Tag::Prp,
            "PRP$" => Tag::PrpPoss,
            "DT" | "PDT" => Tag::Dt,
            "IN" => Tag::In,
            "TO" => Tag::To,
            "JJ" | "JJR" | "JJS" | "AFX" => Tag::Jj,
            "RB" | "RBR" | "RBS" => Tag::Rb,
            "RP" => Tag::Rp,
            "CC" => Tag::Cc,
            "CD" => Tag::Cd,
            "WDT" | "WP" | "WP$" | "WRB" => Tag::Wh,
            "POS" => Tag::Pos,
            "``" | "''" => Tag::Quote,
            "," | "." | ":" | "-LRB-" | "-RRB-" | "HYPH" | "NFP" => Tag::Punct,
            "$" | "#" | "SYM" => Tag::Sym,
            _ => Tag::Other,
        }
    }

    /// True for verbs in any form and for modals.
    pub fn is_verb(self) -> bool {
        matches!(
            self,
            Tag::Vb | Tag::Vbd | Tag::Vbz | Tag::Vbp | Tag::Vbn | Tag::Vbg | Tag::Md
        )
    }

    /// True for common and proper nouns.
    pub fn is_noun(self) -> bool {
        matches!(self, Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Nnps)
    }

    /// True for a finite verb: past, present or modal ("said", "says", "say", "will").
    pub fn is_finite(self) -> bool {
        matches!(self, Tag::Vbd | Tag::Vbz | Tag::Vbp | Tag::Md)
    }

    /// True for the words a plain noun phrase is made of: determiners, adjectives, numbers,
    /// nouns and possessive pronouns ("his former business partner").
    pub fn in_noun_phrase(self) -> bool {
        matches!(
            self,
            Tag::Dt | Tag::Jj | Tag::Cd | Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Nnps | Tag::PrpPoss
        )
    }

    /// True for proper nouns (names).
    pub fn is_proper(self) -> bool {
        matches!(self, Tag::Nnp | Tag::Nnps)
    }

    /// True for personal and possessive pronouns.
    pub fn is_pronoun(self) -> bool {
        matches!(self, Tag::Prp | Tag::PrpPoss)
    }
}

// ------------------------------------------------------------------ features

/// Per-token hashes computed once per block; features combine them with neighbours'.
#[derive(Clone, Copy, Debug, Default)]
struct TokenHashes {
    near: Near,
    /// The word as written when it has capitals; 0 when it equals `lower`.
    raw: u64,
    prefix: [u64; 4],
    suffix: [u64; 4],
}

/// What the features of a token and of its neighbours read of it: the hashes of its
/// lower-cased word, its shape and its three-letter suffix, and its sentence.
#[derive(Clone, Copy, Debug, Default)]
struct Near {
    lower: u64,
    shape: u64,
    suffix: u64,
    sentence: u32,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Hash values standing for "no token": before and after the sentence.
const BEFORE: u64 = 0x5bd1_e995_0000_0001;
const AFTER: u64 = 0x5bd1_e995_0000_0002;

fn step(h: u64, c: char) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(FNV_PRIME)
}

fn hash_str(s: &str) -> u64 {
    s.chars().fold(FNV_OFFSET, step)
}

impl TokenHashes {
    fn of(block: &Block, text: &str, i: usize) -> TokenHashes {
        let lower = block.lower(i);
        let mut h = FNV_OFFSET;
        let mut prefix = [0u64; 4];
        let mut n = 0;
        for c in lower.chars() {
            h = step(h, c);
            if n < 4 {
                prefix[n] = h;
            }
            n += 1;
        }
        // Short words: the longer prefixes and suffixes are the whole word.
        for p in prefix.iter_mut().skip(n.min(4)) {
            *p = h;
        }
        let mut suffix = [0u64; 4];
        let mut s = FNV_OFFSET ^ 0x5u64;
        let mut m = 0;
        for c in lower.chars().rev().take(4) {
            s = step(s, c);
            suffix[m] = s;
            m += 1;
        }
        for x in suffix.iter_mut().skip(m) {
            *x = s;
        }
        let raw_text = block.tokens[i].text(text);
        let raw = if raw_text == lower {
            0
        } else {
            hash_str(raw_text)
        };
        TokenHashes {
            near: Near {
                lower: h,
                shape: shape_hash(raw_text),
                suffix: suffix[2],
                sentence: block.sentence_of[i],
            },
            raw,
            prefix,
            suffix,
        }
    }
}

/// The hash of a word's shape: capitals to X, small letters to x, digits to d, anything
/// else as itself, runs longer than three cut ("Trump" Xxxx, "U.S." X.X., "2,000" d,ddd).
fn shape_hash(word: &str) -> u64 {
    let mut h = FNV_OFFSET ^ 0x7u64;
    let (mut last, mut run) = ('\0', 0);
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if class == last {
            run += 1;
            if run > 3 {
                continue;
            }
        } else {
            (last, run) = (class, 1);
        }
        h = step(h, class);
    }
    h
}

/// The bucket of feature `template` over the hashes `a` and `b` (0 for a one-part
/// feature). A multiply-xorshift mix whose high bits make the bucket; the committed model
/// depends on it never changing.
fn bucket(shift: u32, template: u64, a: u64, b: u64) -> u32 {
    let mut x = a ^ template.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd) ^ b;
    x = (x ^ (x >> 32)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    (x >> shift) as u32
}

/// Buffers reused from block to block, so that tagging allocates per block only what the
/// perceptron's decoder returns.
#[derive(Debug, Default)]
pub struct Workspace {
    hashes: Vec<TokenHashes>,
    /// Per token: what its neighbours' features read of it.
    near: Vec<Near>,
    features: FeatureSeq,
    /// The weights of the [`OWN`] features of each token not in the word cache, in order.
    own: Vec<(u32, u32)>,
    /// The weights of each token's [`CONTEXT`] features and of its word as written
    /// (an empty range when it has no capitals): [`PER_TOKEN`] a token.
    ranges: Vec<(u32, u32)>,
    /// Per token: the weights of its word as written, until `ranges` is filled.
    raw: Vec<(u32, u32)>,
    scores: Vec<Lanes>,
    /// Per token: the [`WordCache`] slot holding its word's first sums (hit), or the slot
    /// to fill (miss, flagged with [`MISS`]), or `u32::MAX` (too long to keep).
    slots: Vec<u32>,
    words: WordCache,
    /// Sums to store in the cache once the block is done: (slot, token, sums).
    fresh: Vec<(u32, u32, Sums)>,
}

/// The number of a token's first features that depend on the token's own text only (bias,
/// lower-cased word, prefixes, suffixes, shape): their weights are summed first, so the
/// partial sum after them is the same for every occurrence of the same text.
const OWN: usize = 11;
/// Ranges of [`Workspace::ranges`] per token: the context features and the word as written.
const PER_TOKEN: usize = CONTEXT + 1;
/// Slots of the [`WordCache`] (a power of two).
const WORD_SLOTS: usize = 16384;
/// Longest token text (bytes) the cache keeps.
const WORD_KEY: usize = 23;
/// Flag of [`Workspace::slots`] for a token whose slot must be filled.
const MISS: u32 = 1 << 31;

/// A direct-mapped cache from a token's text to the sum of its first [`OWN`] features'
/// weights (bit for bit what summing them again gives): frequent words ("the", "said")
/// skip eleven of their twenty-odd weight-table reads, most of them cache misses. It also
/// keeps what depends on the text alone and the other features read (the hashes its
/// neighbours read, the weights of the word as written), so that a word met before is
/// neither hashed nor looked up again but for its context features.
#[derive(Debug, Default)]
struct WordCache {
    /// The [`PosTagger::id`] of the model the sums are from.
    owner: u64,
    words: Vec<CachedWord>,
    rows: Vec<AlignedRow>,
}

/// A [`WordCache`] slot's word and what its text alone decides.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(64))]
struct CachedWord {
    /// Length (0 = empty), then the text's bytes, then zeros.
    key: [u8; WORD_KEY + 1],
    lower: u64,
    shape: u64,
    suffix: u64,
    raw: (u32, u32),
}

#[derive(Clone, Copy, Debug)]
#[repr(C, align(64))]
struct AlignedRow(Sums);

impl WordCache {
    /// The slot for `word`: `Ok` when it holds the word, `Err` when the word may be
    /// stored there, `None` when the word is too long to keep.
    #[inline(always)]
    fn find(&mut self, owner: u64, word: &str) -> Option<Result<u32, u32>> {
        if self.words.is_empty() || self.owner != owner {
            self.owner = owner;
            self.words = vec![CachedWord::default(); WORD_SLOTS];
            self.rows = vec![AlignedRow(Sums([0.0; SUMS])); WORD_SLOTS];
        }
        let key = WordCache::key(word)?;
        let w = |k: usize| {
            u64::from_le_bytes([
                key[k],
                key[k + 1],
                key[k + 2],
                key[k + 3],
                key[k + 4],
                key[k + 5],
                key[k + 6],
                key[k + 7],
            ])
        };
        // Any mix of the key's bytes will do: the slot decides speed, never a sum.
        let hash = (w(0) ^ w(8).rotate_left(21) ^ w(16).rotate_left(42))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = (hash >> (64 - WORD_SLOTS.trailing_zeros())) as usize % WORD_SLOTS;
        if self.words[slot].key == key {
            Some(Ok(slot as u32))
        } else {
            Some(Err(slot as u32))
        }
    }

    /// Length, bytes and zeros; `None` for the empty word and words too long to keep.
    #[inline(always)]
    fn key(word: &str) -> Option<[u8; WORD_KEY + 1]> {
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > WORD_KEY {
            return None;
        }
        let mut key = [0u8; WORD_KEY + 1];
        key[0] = bytes.len() as u8;
        for (k, &b) in key[1..].iter_mut().zip(bytes) {
            *k = b;
        }
        Some(key)
    }

    fn store(&mut self, slot: usize, word: &str, near: &Near, raw: (u32, u32), row: &Sums) {
        if let Some(key) = WordCache::key(word) {
            self.words[slot] = CachedWord {
                key,
                lower: near.lower,
                shape: near.shape,
                suffix: near.suffix,
                raw,
            };
            self.rows[slot] = AlignedRow(*row);
        }
    }
}

/// Template and hashes of the features of a token's own text, the first [`OWN`] of its
/// features, in order: bias, lower-cased word, prefixes, suffixes, shape. One call of
/// `emit` each, so that the template is a constant where `emit` mixes it.
#[inline(always)]
fn own_features(h: &TokenHashes, mut emit: impl FnMut(u64, u64, u64)) {
    emit(0, 1, 0);
    emit(1, h.near.lower, 0);
    emit(3, h.prefix[0], 0);
    emit(4, h.prefix[1], 0);
    emit(5, h.prefix[2], 0);
    emit(6, h.prefix[3], 0);
    emit(7, h.suffix[0], 0);
    emit(8, h.suffix[1], 0);
    emit(9, h.suffix[2], 0);
    emit(10, h.suffix[3], 0);
    emit(11, h.near.shape, 0);
}

/// The number of a token's features that read its neighbours (after the [`OWN`] ones).
const CONTEXT: usize = 11;

/// Template and hashes of the [`CONTEXT`] features of token `i` that read its neighbours
/// within its sentence (BEFORE/AFTER beyond it), in order: their words, suffixes and
/// shapes, and bigrams. One call of `emit` each, as for [`own_features`].
#[inline(always)]
fn context_features(near: &[Near], i: usize, mut emit: impl FnMut(u64, u64, u64)) {
    let h = &near[i];
    let at = |offset: isize| -> Option<&Near> {
        let j = i.checked_add_signed(offset)?;
        near.get(j).filter(|t| t.sentence == h.sentence)
    };
    let (p1, p2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    let before = |t: Option<&Near>, f: fn(&Near) -> u64| t.map_or(BEFORE, f);
    let after = |t: Option<&Near>, f: fn(&Near) -> u64| t.map_or(AFTER, f);
    let prev = before(p1, |t| t.lower);
    let next = after(n1, |t| t.lower);
    let first = u64::from(prev == BEFORE);
    emit(12, prev, 0);
    emit(13, before(p2, |t| t.lower), 0);
    emit(14, next, 0);
    emit(15, after(n2, |t| t.lower), 0);
    emit(16, before(p1, |t| t.suffix), 0);
    emit(17, after(n1, |t| t.suffix), 0);
    emit(18, before(p1, |t| t.shape), h.shape);
    emit(19, h.shape, after(n1, |t| t.shape));
    emit(20, prev, h.lower);
    emit(21, h.lower, next);
    emit(22, first, h.shape);
}

/// Template of the feature of the word as written, when it has capitals (the last one).
const RAW: u64 = 2;

/// Fill `work.features` with the features of every token of `block`.
fn featurize(block: &Block, text: &str, bits: u32, work: &mut Workspace) {
    let n = block.len();
    work.hashes.clear();
    work.hashes
        .extend((0..n).map(|i| TokenHashes::of(block, text, i)));
    work.near.clear();
    work.near.extend(work.hashes.iter().map(|h| h.near));
    let out = &mut work.features;
    out.clear();
    let shift = 64 - bits;
    for (i, h) in work.hashes.iter().enumerate() {
        own_features(h, |template, a, b| out.push(bucket(shift, template, a, b)));
        context_features(&work.near, i, |template, a, b| {
            out.push(bucket(shift, template, a, b));
        });
        if h.raw != 0 {
            out.push(bucket(shift, RAW, h.raw, 0));
        }
        out.end_token();
    }
}

// ------------------------------------------------------------------ tagging

/// Number of tags.
const T: usize = Tag::ALL.len();
/// Scores are kept in rows of `LANES` floats (the tags, then one lane of padding, aligned
/// to 16 bytes) so that the decoder's inner loops are whole vector operations: seven SSE
/// vectors a row, whose loads fold into the additions.
const LANES: usize = 28;

#[derive(Clone, Copy, Debug)]
#[repr(C, align(16))]
struct Lanes([f32; LANES]);

/// Emission sums are added up in 32 lanes: a weight's tag, masked to five bits, indexes
/// them without a bounds check. Lanes from [`T`] on stay zero.
const SUMS: usize = 32;

#[derive(Clone, Copy, Debug)]
#[repr(C, align(16))]
struct Sums([f32; SUMS]);

/// Buckets with at least this many weights are kept as a dense row ([`PosTagger::dense`]):
/// one vector addition of the row costs fewer instructions than that many scalar ones.
const DENSE_MIN: usize = 8;

/// A trained tagger.
///
/// Training and the model file are [`crate::perceptron`]'s; tagging uses its own copy of
/// the weights, laid out for speed:
/// - weights sparse, bucket by bucket (`starts` into `entries`): a pruned model has a
///   few weights per bucket, and a dense table (2^18 buckets × 27 tags) would be 28 MB
///   read at random, one cache miss per feature; this is about 2 MB;
/// - only the non-empty buckets (two in five) have a start, found through a bitmap with
///   ranks (64 KB, which stays in cache): a feature whose bucket is empty costs no
///   cache miss, and the others read a start table of 430 KB rather than 1 MB;
/// - transitions as 32-float rows, and a Viterbi pass that takes maxima over whole rows
///   and finds the best previous tag only on the way back: a few hundred vector
///   operations per token instead of the generic decoder's 27 × 27 scalar steps.
#[derive(Clone)]
pub struct PosTagger {
    /// The model file, kept for [`PosTagger::save`].
    file: Vec<u8>,
    /// Unique to each loaded model (clones share it): whose sums a [`WordCache`] holds.
    id: u64,
    bits: u32,
    /// Which buckets have weights, 64 buckets a word.
    index: Vec<BucketWord>,
    /// `entries[starts[r]..starts[r + 1]]`: the weights of the `r`-th non-empty bucket,
    /// counting from 1; `r = 0` stands for every empty bucket and has none.
    starts: Vec<u32>,
    /// A bucket of [`DENSE_MIN`] weights or more has a single entry whose tag is
    /// `SUMS + d`: its weights are `dense[d]`, zero for the tags it has none for.
    entries: Vec<Entry>,
    dense: Vec<Lanes>,
    /// Score of each tag at the start of a block.
    start: Lanes,
    /// `transitions[prev]`: score of each next tag after `prev`.
    transitions: Vec<Lanes>,
    /// `previous[next]`: `transitions[prev][next]` at lane `prev`, for the way back.
    previous: Vec<Lanes>,
    /// The lowest and the highest transition from each tag (minus infinity in the
    /// padding lane).
    low: Lanes,
    high: Lanes,
}

impl std::fmt::Debug for PosTagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PosTagger")
            .field("bits", &self.bits)
            .field("file_bytes", &self.file.len())
            .finish_non_exhaustive()
    }
}

static BUILTIN: LazyLock<PosTagger> = LazyLock::new(|| {
    PosTagger::load(include_bytes!("../models/pos.bin"))
        .expect("the built-in part-of-speech model is compiled in and valid")
});

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::default();
}

/// The tags of every token of `block` by the built-in model.
pub fn tag(block: &Block, text: &str) -> Vec<Tag> {
    PosTagger::builtin().tag(block, text)
}

/// The tags of every block of `prepared` by the built-in model, block by block.
pub fn tag_all(prepared: &Prepared, text: &str) -> Vec<Vec<Tag>> {
    let tagger = PosTagger::builtin();
    prepared
        .blocks
        .iter()
        .map(|b| tagger.tag(b, text))
        .collect()
}

impl PosTagger {
    /// The model compiled into the binary (read once, on first use).
    pub fn builtin() -> &'static PosTagger {
        &BUILTIN
    }

    /// A tagger from a model file's bytes (as written by [`PosTagger::save`]).
    pub fn load(bytes: &[u8]) -> std::io::Result<PosTagger> {
        let file = ModelFile::parse(bytes)?;
        if file.tags != T {
            return Err(invalid("not a part-of-speech model: wrong number of tags"));
        }
        if !(8..=24).contains(&file.bits) {
            return Err(invalid("part-of-speech model: table size out of range"));
        }
        let buckets = 1usize << file.bits;
        // The file's weights come in index order, hence bucket by bucket.
        let mut index = vec![BucketWord::default(); buckets / 64];
        let mut starts = vec![0u32, 0];
        let mut entries = Vec::with_capacity(file.weights.len());
        let mut dense = Vec::new();
        let mut last = usize::MAX;
        let mut from = 0;
        for &(at, weight) in &file.weights {
            let (bucket, tag) = (at as usize / T, at as usize % T);
            if bucket >= buckets {
                return Err(invalid("weight index out of range"));
            }
            if bucket != last {
                if last != usize::MAX && bucket < last {
                    return Err(invalid("weights out of order"));
                }
                if last != usize::MAX {
                    finish_bucket(&mut entries, &mut dense, &mut starts, from);
                }
                index[bucket / 64].bits |= 1 << (bucket % 64);
                from = entries.len();
                starts.push(from as u32);
                last = bucket;
            }
            entries.push(Entry {
                tag: tag as u32,
                weight,
            });
        }
        if last != usize::MAX {
            finish_bucket(&mut entries, &mut dense, &mut starts, from);
        }
        let mut rank = 1u32;
        for word in &mut index {
            word.rank = rank;
            rank += word.bits.count_ones();
        }
        // Padding lanes can never win: they start and stay at minus infinity.
        let mut start = Lanes([f32::NEG_INFINITY; LANES]);
        let mut transitions = vec![Lanes([f32::NEG_INFINITY; LANES]); T];
        let mut previous = vec![Lanes([f32::NEG_INFINITY; LANES]); T];
        #[allow(clippy::needless_range_loop)] // prev == T is the start row, not an index
        for prev in 0..=T {
            for next in 0..T {
                let at = prev * T + next;
                let score = if file.allowed[at] {
                    file.transitions[at]
                } else {
                    f32::NEG_INFINITY
                };
                if prev == T {
                    start.0[next] = score;
                } else {
                    transitions[prev].0[next] = score;
                    previous[next].0[prev] = score;
                }
            }
        }
        let mut low = Lanes([f32::NEG_INFINITY; LANES]);
        let mut high = Lanes([f32::NEG_INFINITY; LANES]);
        for ((l, h), row) in low.0.iter_mut().zip(&mut high.0).zip(&transitions) {
            (*l, *h) = (f32::INFINITY, f32::NEG_INFINITY);
            for &t in &row.0[..T] {
                *l = if t < *l { t } else { *l };
                *h = if t > *h { t } else { *h };
            }
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Ok(PosTagger {
            file: bytes.to_vec(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            bits: file.bits,
            index,
            starts,
            entries,
            dense,
            start,
            transitions,
            previous,
            low,
            high,
        })
    }

    /// Write the model file.
    pub fn save(&self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(&self.file)
    }

    /// The tags of every token of `block`, with this thread's reusable buffers.
    pub fn tag(&self, block: &Block, text: &str) -> Vec<Tag> {
        WORKSPACE.with(|work| match work.try_borrow_mut() {
            Ok(mut work) => self.tag_with(block, text, &mut work),
            // Only reached if a caller tags from inside a tagging call.
            Err(_) => self.tag_with(block, text, &mut Workspace::default()),
        })
    }

    /// The tags of every token of `block`, with buffers the caller keeps.
    pub fn tag_with(&self, block: &Block, text: &str, work: &mut Workspace) -> Vec<Tag> {
        if block.is_empty() {
            return Vec::new();
        }
        let shift = 64 - self.bits;
        let Workspace {
            near,
            own,
            ranges,
            raw,
            slots,
            words,
            ..
        } = work;
        // Tokens whose text is in the word cache start from its sums and take its
        // hashes; the others are hashed and their own features located.
        near.clear();
        own.clear();
        raw.clear();
        slots.clear();
        for i in 0..block.len() {
            let word = block.tokens[i].text(text);
            let sentence = block.sentence_of[i];
            let found = words.find(self.id, word);
            if let Some(Ok(slot)) = found {
                let cached = &words.words[slot as usize];
                near.push(Near {
                    lower: cached.lower,
                    shape: cached.shape,
                    suffix: cached.suffix,
                    sentence,
                });
                raw.push(cached.raw);
                slots.push(slot);
            } else {
                let h = TokenHashes::of(block, text, i);
                near.push(h.near);
                raw.push(if h.raw != 0 {
                    self.range(bucket(shift, RAW, h.raw, 0))
                } else {
                    (0, 0)
                });
                // The buckets first, then their weights: a closure that only mixes
                // hashes is inlined at the eleven calls, one that also looked up and
                // pushed was called eleven times.
                let mut buckets = [0u32; OWN];
                let mut k = 0;
                own_features(&h, |template, a, b| {
                    buckets[k % OWN] = bucket(shift, template, a, b);
                    k += 1;
                });
                own.extend(buckets.map(|b| self.range(b)));
                slots.push(match found {
                    Some(Err(slot)) => slot | MISS,
                    _ => u32::MAX,
                });
            }
        }
        // Every feature's weights located first (independent reads, all in flight at
        // once), then summed token by token.
        ranges.clear();
        for (i, &raw) in raw.iter().enumerate() {
            let mut token = [(0u32, 0u32); PER_TOKEN];
            let mut k = 0;
            context_features(near, i, |template, a, b| {
                token[k % CONTEXT] = self.range(bucket(shift, template, a, b));
                k += 1;
            });
            token[CONTEXT] = raw;
            ranges.extend_from_slice(&token);
        }
        // Then the first weight of each, read and dropped: independent loads that bring
        // the weights' cache lines in together, before the sums wait on them one by one.
        for &(from, _) in own.iter() {
            if let Some(e) = self.entries.get(from as usize) {
                std::hint::black_box(e.weight);
            }
        }
        for &(from, _) in ranges.iter() {
            if let Some(e) = self.entries.get(from as usize) {
                std::hint::black_box(e.weight);
            }
        }
        // The same for the word cache's sums.
        for &slot in slots.iter() {
            if slot & MISS == 0 {
                std::hint::black_box(words.rows.get(slot as usize).map(|r| r.0.0[0]));
            }
        }
        self.viterbi(block, text, work)
    }

    /// `entries[from..to]`: the weights of `bucket`. Branch-free.
    #[inline(always)]
    fn range(&self, bucket: u32) -> (u32, u32) {
        let word = self.index[(bucket >> 6) as usize];
        let bit = bucket & 63;
        let below = (word.bits & ((1u64 << bit) - 1)).count_ones();
        let present = ((word.bits >> bit) & 1) as usize;
        let r = (word.rank + below) as usize * present;
        (self.starts[r], self.starts[r + 1])
    }

    /// Add the weights of the buckets `entries[from..to]` of `ranges` to `emission`,
    /// feature by feature. Each tag's weights in feature order, whether sparse or dense:
    /// a dense row's zeros change no sum (but for the sign of a zero sum, which no later
    /// sum or comparison sees), so the sums are bit for bit those of the sparse weights.
    /// Not inlined: as a function of its own the dense rows' additions are vectorised.
    #[inline(never)]
    fn add(&self, emission: &mut Sums, ranges: &[(u32, u32)]) {
        for &(from, to) in ranges {
            for entry in &self.entries[from as usize..to as usize] {
                let tag = entry.tag as usize;
                if tag < SUMS {
                    emission.0[tag % SUMS] += entry.weight;
                } else if let Some(row) = self.dense.get(tag - SUMS) {
                    for (e, w) in emission.0.iter_mut().zip(&row.0) {
                        *e += w;
                    }
                }
            }
        }
    }

    /// The best tag sequence: forward maxima row by row, then the way back.
    fn viterbi(&self, block: &Block, text: &str, work: &mut Workspace) -> Vec<Tag> {
        let Workspace {
            near,
            own,
            ranges,
            raw,
            scores,
            slots,
            words,
            fresh,
            ..
        } = work;
        fresh.clear();
        let n = slots.len();
        scores.clear();
        scores.resize(n, Lanes([f32::NEG_INFINITY; LANES]));
        let mut own_at = 0;
        for i in 0..n {
            let slot = slots[i];
            let mut emission = Sums([0.0f32; SUMS]);
            if slot & MISS == 0 {
                // The word's own features, summed when it was first met.
                emission = words.rows[slot as usize].0;
            } else {
                self.add(&mut emission, &own[own_at..own_at + OWN]);
                own_at += OWN;
                if slot != u32::MAX {
                    // Stored after the block: its other tokens may still read the slot.
                    fresh.push((slot & !MISS, i as u32, emission));
                }
            }
            self.add(&mut emission, &ranges[i * PER_TOKEN..(i + 1) * PER_TOKEN]);
            let mut best = if i == 0 {
                self.start
            } else {
                let previous = &scores[i - 1].0;
                let mut best = Lanes([f32::NEG_INFINITY; LANES]);
                // The row whose lowest sum is the highest makes every lane of `best` at
                // least `floor` (rounding keeps order); a row whose highest sum is below
                // it cannot raise any lane and is skipped. The maxima are those of every
                // row, and the rows taken are seldom more than four of 27.
                let mut sums = Lanes([0.0; LANES]);
                for ((s, a), b) in sums.0.iter_mut().zip(previous).zip(&self.low.0) {
                    *s = a + b;
                }
                let floor = max_lane(&sums);
                for ((s, a), b) in sums.0.iter_mut().zip(previous).zip(&self.high.0) {
                    *s = a + b;
                }
                let mut rows = 0u32;
                for (k, &s) in sums.0.iter().enumerate() {
                    rows |= u32::from(s >= floor) << k;
                }
                while rows != 0 {
                    let p = rows.trailing_zeros() as usize;
                    rows &= rows - 1;
                    let (Some(&from), Some(transition)) =
                        (previous.get(p), self.transitions.get(p))
                    else {
                        continue;
                    };
                    for (b, t) in best.0.iter_mut().zip(&transition.0) {
                        // `b > s`, not `s > b`: the maximum in place (one MAXPS). The
                        // two differ only for equal sums, and then only in the sign of
                        // a zero, which no later sum or comparison sees.
                        let s = from + t;
                        *b = if *b > s { *b } else { s };
                    }
                }
                best
            };
            for (b, e) in best.0.iter_mut().zip(&emission.0) {
                *b += e;
            }
            scores[i] = best;
        }
        for (slot, i, row) in fresh.drain(..) {
            let i = i as usize;
            words.store(
                slot as usize,
                block.tokens[i].text(text),
                &near[i],
                raw[i],
                &row,
            );
        }
        let mut tags = vec![Tag::Other; n];
        let last = &scores[n - 1].0;
        let mut cur = (0..T).fold(0, |a, b| if last[b] >= last[a] { b } else { a });
        for i in (0..n).rev() {
            tags[i] = Tag::ALL[cur];
            if i > 0 {
                cur = first_best(&scores[i - 1], &self.previous[cur]);
            }
        }
        tags
    }

    /// The same tagger without the weights smaller than `min` in magnitude: most of an
    /// averaged perceptron's weights are tiny and barely move a decision, and the model
    /// file stores every non-zero weight.
    pub fn pruned(&self, min: f32) -> PosTagger {
        let mut file = ModelFile::parse(&self.file).expect("a loaded model parses");
        file.weights.retain(|(_, w)| w.abs() >= min);
        PosTagger::load(&file.to_bytes()).expect("pruning keeps the model valid")
    }
}

/// The first tag `p` of the highest `scores[p] + transitions[p]` (one column of the
/// transitions): what a scalar loop keeping only strictly higher sums finds, in whole
/// vector operations. Scores are never NaN, so the highest sum equals one of them; the
/// padding lane is minus infinity and comes after every tag.
#[inline(always)]
fn first_best(scores: &Lanes, transitions: &Lanes) -> usize {
    let mut sums = Lanes([0.0; LANES]);
    for ((s, a), b) in sums.0.iter_mut().zip(&scores.0).zip(&transitions.0) {
        *s = a + b;
    }
    let max = max_lane(&sums);
    let mut mask = 0u32;
    for (k, &s) in sums.0.iter().enumerate() {
        mask |= u32::from(s == max) << k;
    }
    // No lane equals the maximum only if a sum is NaN; the scalar loop then kept tag 0.
    if mask == 0 {
        0
    } else {
        (mask.trailing_zeros() as usize).min(T - 1)
    }
}

/// Close the bucket whose weights are `entries[from..]`: to a dense row when there are
/// many; its end is the next bucket's start.
#[inline(always)]
fn finish_bucket(
    entries: &mut Vec<Entry>,
    dense: &mut Vec<Lanes>,
    starts: &mut [u32],
    from: usize,
) {
    if entries.len() - from >= DENSE_MIN {
        let mut row = Lanes([0.0; LANES]);
        for e in entries.drain(from..) {
            row.0[e.tag as usize % LANES] = e.weight;
        }
        entries.push(Entry {
            tag: (SUMS + dense.len()) as u32,
            weight: 0.0,
        });
        dense.push(row);
    }
    if let Some(end) = starts.last_mut() {
        *end = entries.len() as u32;
    }
}

/// The highest lane of `x`.
#[inline(always)]
fn max_lane(x: &Lanes) -> f32 {
    let mut top = [x.0[0], x.0[1], x.0[2], x.0[3]];
    for chunk in x.0[4..].chunks_exact(4) {
        for (t, &s) in top.iter_mut().zip(chunk) {
            *t = if *t > s { *t } else { s };
        }
    }
    // Through memory: without it LLVM vectorises the last four lanes' maximum into a
    // tangle of shuffles several times longer.
    let top = std::hint::black_box(top);
    let a = if top[0] > top[1] { top[0] } else { top[1] };
    let b = if top[2] > top[3] { top[2] } else { top[3] };
    if a > b { a } else { b }
}

/// 64 buckets of [`PosTagger::index`]: one bit per non-empty bucket, and the rank of the
/// first of them (counting from 1).
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
struct BucketWord {
    bits: u64,
    rank: u32,
}

/// One non-zero weight of a bucket.
#[derive(Clone, Copy, Debug)]
struct Entry {
    tag: u32,
    weight: f32,
}

fn invalid(why: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, why.to_owned())
}

/// The model file of [`crate::perceptron::Model::save`], read in the open: that module
/// keeps its weights private (other taggers share it), and the tagger wants them in its
/// own layout. Magic, tag count and table bits, the allowed-transition mask and the
/// transitions (`(tags + 1) × tags`, the start state last), then (index delta, weight)
/// pairs of the non-zero weights (`index = bucket × tags + tag`).
struct ModelFile {
    tags: usize,
    bits: u32,
    allowed: Vec<bool>,
    transitions: Vec<f32>,
    weights: Vec<(u32, f32)>,
}

const MAGIC: &[u8; 8] = b"WSPERC01";

impl ModelFile {
    fn parse(bytes: &[u8]) -> std::io::Result<ModelFile> {
        let mut at = 0usize;
        let mut take = |n: usize| -> std::io::Result<&[u8]> {
            let part = bytes
                .get(at..at + n)
                .ok_or_else(|| invalid("model file cut short"))?;
            at += n;
            Ok(part)
        };
        if take(8)? != MAGIC {
            return Err(invalid("not a whosaid perceptron model"));
        }
        let word = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let tags = word(take(4)?) as usize;
        let bits = word(take(4)?);
        if tags == 0 || tags > 64 || bits > 26 {
            return Err(invalid("model header out of range"));
        }
        let cells = (tags + 1) * tags;
        let allowed = take(cells)?.iter().map(|&b| b != 0).collect();
        let transitions = take(cells * 4)?
            .chunks_exact(4)
            .map(|b| f32::from_bits(word(b)))
            .collect();
        let count = word(take(4)?) as usize;
        let pairs = take(count.checked_mul(8).ok_or_else(|| invalid("bad count"))?)?;
        let mut index = 0u32;
        let mut weights = Vec::with_capacity(count);
        for pair in pairs.chunks_exact(8) {
            index = index
                .checked_add(word(&pair[..4]))
                .ok_or_else(|| invalid("weight index out of range"))?;
            weights.push((index, f32::from_bits(word(&pair[4..]))));
        }
        Ok(ModelFile {
            tags,
            bits,
            allowed,
            transitions,
            weights,
        })
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.transitions.len() * 5 + self.weights.len() * 8);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&u32::try_from(self.tags).unwrap_or(u32::MAX).to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend(self.allowed.iter().map(|&a| u8::from(a)));
        for w in &self.transitions {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(
            &u32::try_from(self.weights.len())
                .unwrap_or(u32::MAX)
                .to_le_bytes(),
        );
        let mut prev = 0u32;
        for &(index, w) in &self.weights {
            out.extend_from_slice(&(index - prev).to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
            prev = index;
        }
        out
    }
}

// ------------------------------------------------------------------ training

/// A document with a (silver) tag for every token, block by block.
#[derive(Clone, Debug)]
pub struct TaggedDocument {
    /// The text the blocks' spans point into.
    pub text: String,
    /// The document prepared as the tagger will see it.
    pub prepared: Prepared,
    /// One tag per token of each block.
    pub tags: Vec<Vec<Tag>>,
}

/// How to train.
#[derive(Clone, Copy, Debug)]
pub struct TrainOptions {
    /// Log2 of the number of feature buckets.
    pub bits: u32,
    /// Passes over the data.
    pub epochs: usize,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            bits: 18,
            epochs: 8,
        }
    }
}

/// Train a tagger on `documents`; `progress` is told each epoch's share of wrong tags.
pub fn train(
    documents: &[&TaggedDocument],
    options: TrainOptions,
    mut progress: impl FnMut(usize, f64),
) -> PosTagger {
    let mut trainer = Trainer::new(Model::new(Tag::ALL.len(), options.bits, |_, _| true));
    let mut work = Workspace::default();
    let mut gold = Vec::new();
    // A fixed shuffle per epoch: deterministic training, less order bias.
    let mut order: Vec<usize> = (0..documents.len()).collect();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for epoch in 0..options.epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let (mut wrong, mut total) = (0usize, 0usize);
        for &d in &order {
            let doc = documents[d];
            for (block, tags) in doc.prepared.blocks.iter().zip(&doc.tags) {
                if block.is_empty() {
                    continue;
                }
                featurize(block, &doc.text, options.bits, &mut work);
                gold.clear();
                gold.extend(tags.iter().map(|&t| t as usize));
                wrong += trainer.learn(&work.features, &gold);
                total += block.len();
            }
        }
        progress(epoch + 1, wrong as f64 / total.max(1) as f64);
    }
    let mut file = Vec::new();
    trainer
        .finish()
        .save(&mut file)
        .expect("writing to a Vec cannot fail");
    PosTagger::load(&file).expect("a freshly trained model is valid")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::perceptron::Scratch;
    use whosaid_core::Span;

    fn document(text: &str, tags: &[Tag]) -> TaggedDocument {
        let prepared = crate::prepare::prepare(text, None, &[Span::new(0, text.len())]);
        assert_eq!(prepared.blocks[0].len(), tags.len(), "{text}");
        TaggedDocument {
            text: text.to_owned(),
            prepared,
            tags: vec![tags.to_vec()],
        }
    }

    /// The fast decoder finds what the generic perceptron decoder finds.
    #[test]
    fn fast_viterbi_agrees_with_the_perceptron_decoder() {
        use Tag::*;
        let docs = [
            document("He claims victory .", &[Prp, Vbz, Nn, Punct]),
            document("The claims were false .", &[Dt, Nns, Vbd, Jj, Punct]),
            document(
                "Officials said it would rain .",
                &[Nns, Vbd, Prp, Md, Vb, Punct],
            ),
        ];
        let refs: Vec<&TaggedDocument> = docs.iter().collect();
        let options = TrainOptions {
            bits: 10,
            epochs: 5,
        };
        let tagger = train(&refs, options, |_, _| {});
        let model = Model::load(&mut tagger.file.as_slice()).unwrap();
        let mut work = Workspace::default();
        let mut scratch = Scratch::default();
        for text in [
            "She claims the claims were false .",
            "He said it .",
            "Officials claims rain victory .",
        ] {
            let prepared = crate::prepare::prepare(text, None, &[Span::new(0, text.len())]);
            let block = &prepared.blocks[0];
            let fast = tagger.tag_with(block, text, &mut work);
            featurize(block, text, options.bits, &mut work);
            let generic: Vec<Tag> = model
                .decode(&work.features, &mut scratch)
                .into_iter()
                .map(|t| Tag::ALL[t])
                .collect();
            assert_eq!(fast, generic, "{text}");
        }
        assert_eq!(
            tagger.tag_with(&docs[0].prepared.blocks[0], &docs[0].text, &mut work),
            docs[0].tags[0]
        );
    }

    /// The built-in model's fast path (dense rows, word cache, skipped Viterbi rows, the
    /// way back in whole rows) finds what the generic perceptron decoder finds from the
    /// features of `featurize`, on words met once and again, with and without capitals,
    /// too long for the word cache, in several sentences.
    #[test]
    fn the_fast_path_agrees_with_the_perceptron_decoder_on_the_builtin_model() {
        let tagger = PosTagger::builtin();
        let model = Model::load(&mut tagger.file.as_slice()).unwrap();
        let mut work = Workspace::default();
        let mut scratch = Scratch::default();
        let texts = [
            "The president said the claims were false. The claims, the president said, \
             were made by the press. “False,” said the press secretary, Sarah Huckabee \
             Sanders, on Tuesday.",
            "Officials at the Organisation-for-Economic-Co-operation-and-Development said \
             2,000 U.S. jobs would go. THE DEAL IS OFF! Mr. O’Neill didn’t say why; he \
             wouldn’t. Officials said it would rain.",
            "He claims victory. She claims the claims were false. They said so.",
        ];
        for _ in 0..2 {
            for text in texts {
                let prepared = crate::prepare::prepare(text, None, &[Span::new(0, text.len())]);
                for block in &prepared.blocks {
                    if block.is_empty() {
                        continue;
                    }
                    let fast = tagger.tag_with(block, text, &mut work);
                    featurize(block, text, tagger.bits, &mut work);
                    let generic: Vec<Tag> = model
                        .decode(&work.features, &mut scratch)
                        .into_iter()
                        .map(|t| Tag::ALL[t])
                        .collect();
                    assert_eq!(fast, generic, "{text}");
                }
            }
        }
    }

    /// Tags from a warm word cache (words met before, by this model or another) are the
    /// tags of a fresh workspace.
    #[test]
    fn the_word_cache_changes_no_tag() {
        let text = "The president said the claims were false. The claims, the president \
                    said, were made by the press. “False,” said the press secretary.";
        let prepared = crate::prepare::prepare(text, None, &[Span::new(0, text.len())]);
        let block = &prepared.blocks[0];
        let builtin = PosTagger::builtin();
        let pruned = builtin.pruned(0.5);
        let mut shared = Workspace::default();
        for _ in 0..3 {
            for tagger in [builtin, &pruned] {
                let fresh = tagger.tag_with(block, text, &mut Workspace::default());
                assert_eq!(tagger.tag_with(block, text, &mut shared), fresh);
            }
        }
    }

    #[test]
    fn pruning_drops_small_weights_and_keeps_the_format() {
        let doc = document("He said it .", &[Tag::Prp, Tag::Vbd, Tag::Prp, Tag::Punct]);
        let tagger = train(
            &[&doc],
            TrainOptions {
                bits: 10,
                epochs: 3,
            },
            |_, _| {},
        );
        let pruned = tagger.pruned(1e9);
        assert!(pruned.file.len() < tagger.file.len());
        assert!(PosTagger::load(&pruned.file).is_ok());
        assert!(Model::load(&mut pruned.file.as_slice()).is_ok());
    }

    #[test]
    fn garbage_is_not_a_model() {
        assert!(PosTagger::load(b"WSPERC01 and then nothing").is_err());
        assert!(PosTagger::load(b"").is_err());
    }
}
