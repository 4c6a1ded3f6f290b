//! Attribution: cues, their sources and their contents, found by two trained taggers.
//!
//! 1. The **cue tagger** reads each sentence and marks reporting cues ("said", "according
//!    to", "insisted") with BIO tags.
//! 2. For every cue, the **role tagger** reads the cue's paragraph and marks the source
//!    ("Trump", "he", "officials") and the content of *that* cue, with features relative to
//!    the cue: side, distance, sentence, commas and quotation marks in between. This is
//!    how semantic-role labellers condition on a predicate; it lets one paragraph hold
//!    several attributions, and a content run over several sentences of its paragraph.
//!
//! Both are averaged perceptrons ([`crate::perceptron`]) trained on PolNeAR's training
//! split by `whosaid-eval train-attribution`; their weights are committed under `models/`.

use std::cell::RefCell;
use std::ops::Range;

use whosaid_core::Span;

use crate::lexicon::{CueClass, CueLexicon};
use crate::perceptron::{
    FeatureHasher, FeatureSeq, Model, Partial, Rows, Scratch, Trainer, bio_allowed,
};
use crate::prepare::{Block, Prepared, shape};
use crate::token::TokenKind;

/// Tags of the cue tagger.
pub const CUE_TAGS: [&str; 3] = ["O", "B-CUE", "I-CUE"];
/// Tags of the role tagger.
pub const ROLE_TAGS: [&str; 5] = ["O", "B-SRC", "I-SRC", "B-CON", "I-CON"];

const O: usize = 0;
const B_CUE: usize = 1;
const I_CUE: usize = 2;
const B_SRC: usize = 1;
const I_SRC: usize = 2;
const B_CON: usize = 3;
const I_CON: usize = 4;

/// Feature table sizes (log2 of the number of buckets).
const CUE_BITS: u32 = 20;
const ROLE_BITS: u32 = 20;

/// One attribution found in a document, as byte spans into the document text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// Index of the block (headline or paragraph) of the cue, or of the content when there
    /// is no cue.
    pub block: usize,
    /// The cue; `None` for an unattributed quotation.
    pub cue: Option<Span>,
    /// The source mention, when one was found.
    pub source: Option<Span>,
    /// The content's parts in order (more than one when the cue or source interrupts it,
    /// or when a quotation goes on after the attribution). Empty only for a cue whose
    /// content the tagger did not find in its paragraph (see [`crate::quotes`]).
    pub content: Vec<Span>,
}

impl Attribution {
    /// From the first byte of the content to its last; `None` when there is no content.
    pub fn content_hull(&self) -> Option<Span> {
        let (first, last) = (self.content.first()?, self.content.last()?);
        Some(Span::new(first.start, last.end))
    }
}

/// Added to the cue tagger's score for starting a cue in the analysis (see
/// [`Attributor::with_cue_bias`]). PolNeAR annotates a long tail of rare cues the tagger is
/// unsure of; on PolNeAR train (the split it learned from, bias tried at 0, 4, 8, 12, 16,
/// 24) content F1 at cov>=0.5 rose 85.1, 85.4, 85.6, 85.8, 85.9, 85.8 and end-to-end F1
/// peaked at 8–12 (77.0) while source exact F1 fell from 86.1 to 85.6 at 12: 12 is the
/// balance. Held out (`whosaid-eval cross-validate-attribution --cue-bias 4,8,…,56`, 5
/// folds of train, 2026-12-07) end-to-end F1 is flat from 12 to 32 (68.3, 68.4, 68.5, 68.6
/// at 24, 68.5, 68.4) while content F1 rises to 77.7 at 40 and source exact F1 falls; on
/// dev, 24 gave end-to-end 73.1 against 73.3 and direct 93.9 against 94.4, so 12 stays.
/// Retune after retraining the cue model.
pub const CUE_BIAS: f32 = 12.0;

/// Feature buckets whose weights are all below this in magnitude are dropped from the
/// saved models (`whosaid-eval train-attribution --prune`, [`Attributor::pruned`]): the
/// averaged perceptron leaves hundreds of thousands of tiny weights that change few
/// decisions, and every row kept is memory the taggers read at random.
pub const PRUNE: f32 = 2.0;

/// The two trained taggers and the lexicon they use.
#[derive(Debug)]
pub struct Attributor {
    cue: Model,
    role: Model,
    cue_bias: [f32; 3],
    /// The role model's rows of the templates whose parts take few values.
    role_rows: Box<RoleRows>,
    /// The same for the cue model.
    cue_rows: Box<CueTables>,
}

impl Attributor {
    /// Taggers from their saved (or freshly trained) models.
    pub fn new(cue: Model, role: Model) -> Attributor {
        let (cue, role) = (cue.into_packed(), role.into_packed());
        let role_rows = Box::new(RoleRows::new(&role));
        let cue_rows = CueTables::new(&cue);
        Attributor {
            cue,
            role,
            cue_bias: [0.0; 3],
            role_rows,
            cue_rows,
        }
    }

    /// The same taggers without the feature buckets whose weights are all below `min` in
    /// magnitude ([`Model::pruned`]); the cue bias is kept. See [`PRUNE`].
    pub fn pruned(&self, min: f32) -> Attributor {
        let mut pruned =
            Attributor::new(self.cue.clone().pruned(min), self.role.clone().pruned(min));
        pruned.cue_bias = self.cue_bias;
        pruned
    }

    /// Non-empty feature buckets of the cue and the role model.
    pub fn rows_in_use(&self) -> (usize, usize) {
        (self.cue.rows_in_use(), self.role.rows_in_use())
    }

    /// Favour (positive) or disfavour (negative) starting a cue: a recall/precision knob.
    pub fn with_cue_bias(mut self, bias: f32) -> Attributor {
        self.set_cue_bias(bias);
        self
    }

    /// [`Attributor::with_cue_bias`] in place (one trained model scored at several biases).
    pub fn set_cue_bias(&mut self, bias: f32) {
        self.cue_bias[B_CUE] = bias;
    }

    /// The models built into the binary.
    pub fn builtin() -> std::io::Result<Attributor> {
        let cue = Model::load(&mut &include_bytes!("../models/attribution-cue.bin")[..])?;
        let role = Model::load(&mut &include_bytes!("../models/attribution-role.bin")[..])?;
        Ok(Attributor::new(cue, role))
    }

    /// Every cue of a prepared document with its source and content as the taggers see
    /// them; a cue whose content is not in its paragraph comes with an empty content.
    pub fn attribute(&self, text: &str, prepared: &Prepared) -> Vec<Attribution> {
        let lexicon = CueLexicon::get();
        let mut scratch = Scratch::default();
        let mut emission = Vec::new();
        let mut out = Vec::new();
        let rows = self.role.rows().expect("Attributor::new packs its models");
        let mut context: Option<BlockContext<'_>> = None;
        // Buffers reused from block to block and cue to cue.
        let mut cue_buffers = CueBuffers::default();
        let (mut decoded, mut tags) = (Vec::new(), Vec::new());
        for (b, block) in prepared.blocks.iter().enumerate() {
            let context = match &mut context {
                Some(context) => {
                    context.fill(block, text, lexicon, prepared, b);
                    context
                }
                None => context.insert(BlockContext::new(block, text, lexicon, prepared, b)),
            };
            self.cues(context, &mut emission, &mut scratch, &mut cue_buffers);
            for cue in cue_buffers.cues.iter().cloned() {
                let window = role_window(block, &cue);
                context.role_emissions(
                    cue.clone(),
                    window.clone(),
                    &self.role_rows,
                    rows,
                    self.role.hasher(),
                    &mut emission,
                );
                self.role
                    .decode_emissions_into(&mut emission, &[], &mut scratch, &mut decoded);
                tags.clear();
                tags.resize(block.len(), O);
                tags[window].copy_from_slice(&decoded);
                out.push(assemble(block, b, cue, &tags));
            }
        }
        out
    }

    /// Token ranges of the cues of a block, in `buffers.cues`. Kept out of line, so that
    /// profiles tell the cue tagger's time from the role tagger's.
    #[inline(never)]
    fn cues(
        &self,
        context: &BlockContext<'_>,
        emission: &mut Vec<f32>,
        scratch: &mut Scratch,
        buffers: &mut CueBuffers,
    ) {
        let CueBuffers {
            cues,
            tags,
            context: sentence_context,
        } = buffers;
        cues.clear();
        let rows = self.cue.rows().expect("Attributor::new packs its models");
        let weights = rows
            .weights::<CUE_STRIDE>()
            .expect("the cue model has three tags");
        for sentence in &context.block.sentences {
            emission.clear();
            context.cue_rows(
                sentence.range(),
                &self.cue_rows,
                rows,
                self.cue.hasher(),
                sentence_context,
                |features| {
                    emission.extend_from_slice(&sum_rows([0.0; CUE_STRIDE], features, weights))
                },
            );
            self.cue
                .decode_emissions_into(emission, &self.cue_bias, scratch, tags);
            collect_runs(tags, B_CUE, I_CUE, sentence.start, cues);
        }
    }
}

/// What [`Attributor::cues`] fills, kept from block to block.
#[derive(Default)]
struct CueBuffers {
    /// The cues found.
    cues: Vec<Range<usize>>,
    /// The tags of a sentence.
    tags: Vec<usize>,
    context: CueContext,
}

/// A token's emission scores: the weights of its `N` rows added in order to `start`.
/// From zero, as `Model::decode_rows_biased` adds them (so the same scores, bit for
/// bit). Out of line: inlined in a featurizer, the row loads were hoisted among the
/// featurizing and the sums spilled.
#[inline(never)]
fn sum_rows<const N: usize, const S: usize>(
    start: [f32; S],
    features: &[u32; N],
    weights: &[[f32; S]],
) -> [f32; S] {
    let mut acc = start;
    for &f in features {
        for (a, w) in acc.iter_mut().zip(&weights[f as usize]) {
            *a += w;
        }
    }
    acc
}

/// Paragraphs longer than this many tokens are role-tagged only around each cue.
const LONG_BLOCK: usize = 400;
/// Sentences on each side of the cue's sentence that the role tagger reads in a long block.
const WINDOW_SENTENCES: usize = 3;

/// The tokens the role tagger reads for one cue: the whole paragraph, as it was trained,
/// except in a paragraph far longer than news paragraphs are (a page scraped without
/// paragraph breaks), where reading all of it for every cue would make the work grow
/// with the square of its length; there the cue's sentence and three on each side.
fn role_window(block: &Block, cue: &Range<usize>) -> Range<usize> {
    if block.len() <= LONG_BLOCK {
        return 0..block.len();
    }
    let sentence = block.sentence_of[cue.start] as usize;
    let first = sentence.saturating_sub(WINDOW_SENTENCES);
    let last = (sentence + WINDOW_SENTENCES).min(block.sentences.len() - 1);
    block.sentences[first].start..block.sentences[last].end
}

/// Runs of `begin inside*` tags, as token ranges offset by `base`.
fn collect_runs(
    tags: &[usize],
    begin: usize,
    inside: usize,
    base: usize,
    out: &mut Vec<Range<usize>>,
) {
    let mut i = 0;
    while i < tags.len() {
        if tags[i] == begin {
            let start = i;
            i += 1;
            while i < tags.len() && tags[i] == inside {
                i += 1;
            }
            out.push(base + start..base + i);
        } else {
            i += 1;
        }
    }
}

/// Turn the role tags of one cue into an attribution: the source nearest the cue, and
/// every content run.
fn assemble(block: &Block, b: usize, cue: Range<usize>, tags: &[usize]) -> Attribution {
    let mut sources = Vec::new();
    let mut contents = Vec::new();
    collect_runs(tags, B_SRC, I_SRC, 0, &mut sources);
    collect_runs(tags, B_CON, I_CON, 0, &mut contents);
    let distance = |r: &Range<usize>| {
        if r.end <= cue.start {
            cue.start - r.end
        } else {
            r.start.saturating_sub(cue.end)
        }
    };
    let source = sources
        .iter()
        .min_by_key(|r| distance(r))
        .map(|r| block.span_of(r.start, r.end));
    let content = contents
        .iter()
        .map(|r| block.span_of(r.start, r.end))
        .collect();
    Attribution {
        block: b,
        cue: Some(block.span_of(cue.start, cue.end)),
        source,
        content,
    }
}

/// What the featurizers need to know about a block, computed once.
struct BlockContext<'a> {
    block: &'a Block,
    /// The lower-cased words of the tokens ([`Block::lower`]).
    words: Vec<&'a str>,
    /// For each token, the class of a lexicon cue starting there.
    cue_class: Vec<Option<CueClass>>,
    /// For each token, whether it continues a multi-word lexicon cue.
    in_cue_phrase: Vec<bool>,
    /// For each token, the lemma of a lexicon cue starting there.
    lemma: Vec<Option<&'static str>>,
    /// Quotations of this block as token ranges (marks included).
    quotations: Vec<Range<usize>>,
    /// Part-of-speech tag names of the tokens.
    pos: Vec<&'static str>,
    /// The same tags as numbers ([`crate::pos::Tag`] as `u8`), for table look-ups.
    pos_id: Vec<u8>,
    /// Shapes of the tokens ([`shape`]).
    shapes: Vec<&'static str>,
    /// Prefix counts of commas and of quotation marks: `commas[i]` before token `i`.
    commas: Vec<u32>,
    marks: Vec<u32>,
    /// Role-feature buckets that depend only on a token and its side of the cue, the
    /// same for every cue of the block: hashed on first use, then reused.
    role_local: RefCell<RoleLocal>,
    /// The sums of the same features' weights in the role model's table (filled on
    /// first use, by token and side), for decoding: added once per token and side
    /// instead of once per token and cue.
    role_local_sums: RefCell<Vec<Option<[f32; ROLE_STRIDE]>>>,
    /// Each token's word as an index into [`AUXILIARIES`] (its length for none).
    aux_id: Vec<u8>,
    /// Each token's shape as an index into [`SHAPES`] (`u8::MAX` for a shape not there).
    shape_id: Vec<u8>,
    /// Whether a token's shape is not in [`SHAPES`].
    unknown_shape: bool,
    /// Each token's [`BlockContext::class`] as an index into [`CLASSES`].
    class_id: Vec<u8>,
}

/// The templates of [`BlockContext::role_features`] whose parts are the side and the
/// token's own context only.
const ROLE_LOCAL: [u32; 11] = [1, 2, 7, 8, 12, 18, 19, 22, 23, 25, 26];

/// Cached [`ROLE_LOCAL`] buckets, by token and side (L, R, C).
#[derive(Default)]
struct RoleLocal {
    /// The hasher's bucket count the cache was filled for.
    buckets: usize,
    values: Vec<Option<[u32; ROLE_LOCAL.len()]>>,
}

impl<'a> BlockContext<'a> {
    fn new(
        block: &'a Block,
        text: &'a str,
        lexicon: &'static CueLexicon,
        prepared: &Prepared,
        index: usize,
    ) -> BlockContext<'a> {
        let mut context = BlockContext {
            block,
            words: Vec::new(),
            cue_class: Vec::new(),
            in_cue_phrase: Vec::new(),
            lemma: Vec::new(),
            quotations: Vec::new(),
            pos: Vec::new(),
            pos_id: Vec::new(),
            shapes: Vec::new(),
            commas: Vec::new(),
            marks: Vec::new(),
            role_local: RefCell::default(),
            role_local_sums: RefCell::default(),
            aux_id: Vec::new(),
            shape_id: Vec::new(),
            unknown_shape: false,
            class_id: Vec::new(),
        };
        context.fill(block, text, lexicon, prepared, index);
        context
    }

    /// The context of another block of the same document, in this one's buffers: a
    /// document's blocks are read one after the other, and a dozen vectors per block
    /// allocated and freed cost more than filling them.
    fn fill(
        &mut self,
        block: &'a Block,
        text: &'a str,
        lexicon: &'static CueLexicon,
        prepared: &Prepared,
        index: usize,
    ) {
        let n = block.len();
        self.block = block;
        let words = &mut self.words;
        words.clear();
        words.extend((0..n).map(|i| block.lower(i)));
        let (cue_class, lemma, in_cue_phrase) = (
            &mut self.cue_class,
            &mut self.lemma,
            &mut self.in_cue_phrase,
        );
        cue_class.clear();
        cue_class.resize(n, None);
        lemma.clear();
        lemma.resize(n, None);
        in_cue_phrase.clear();
        in_cue_phrase.resize(n, false);
        for i in 0..n {
            if let Some((entry, len)) = lexicon.match_at(&words[i..n.min(i + 4)]) {
                cue_class[i] = Some(entry.class);
                lemma[i] = Some(entry.lemma.as_str());
                for flag in in_cue_phrase.iter_mut().skip(i + 1).take(len - 1) {
                    *flag = true;
                }
            }
        }
        let (commas, marks) = (&mut self.commas, &mut self.marks);
        commas.clear();
        commas.resize(n + 1, 0);
        marks.clear();
        marks.resize(n + 1, 0);
        for i in 0..n {
            let t = &block.tokens[i];
            commas[i + 1] =
                commas[i] + u32::from(t.kind == TokenKind::Punct && t.text(text) == ",");
            marks[i + 1] = marks[i] + u32::from(matches!(t.kind, TokenKind::Quote(_)));
        }
        self.quotations.clear();
        self.quotations.extend(
            prepared
                .quotations
                .iter()
                .filter(|q| q.paragraph == index)
                .map(|q| block.tokens_in(q.outer)),
        );
        let pos_tags = block.tags(text);
        self.class_id.clear();
        self.class_id.extend((0..n).map(|i| match cue_class[i] {
            Some(CueClass::Speech) => 0,
            Some(CueClass::Belief) => 1,
            Some(CueClass::Phrase) => 2,
            None if in_cue_phrase[i] => 3,
            None => 4,
        }));
        self.shapes.clear();
        self.shapes
            .extend(block.tokens.iter().map(|t| shape(t, text)));
        self.shape_id.clear();
        self.shape_id
            .extend(self.shapes.iter().map(|&sh| shape_index(sh)));
        self.unknown_shape = self.shape_id.contains(&u8::MAX);
        self.aux_id.clear();
        self.aux_id.extend(words.iter().map(|w| aux_index(w)));
        self.pos_id.clear();
        self.pos_id.extend(pos_tags.iter().map(|&t| t as u8));
        self.pos.clear();
        self.pos.extend(pos_tags.iter().map(|&t| t.name()));
        // The per-token caches of the role tagger hold the previous block's rows.
        let role_local = self.role_local.get_mut();
        role_local.buckets = 0;
        role_local.values.clear();
        self.role_local_sums.get_mut().clear();
    }

    fn word(&self, i: isize) -> &'a str {
        if i < 0 {
            "<s>"
        } else {
            self.words.get(i as usize).copied().unwrap_or("</s>")
        }
    }

    fn pos(&self, i: isize) -> &'static str {
        if i < 0 || i as usize >= self.block.len() {
            "_"
        } else {
            self.pos[i as usize]
        }
    }

    fn shape(&self, i: isize) -> &'static str {
        if i < 0 || i as usize >= self.block.len() {
            "_"
        } else {
            self.shapes[i as usize]
        }
    }

    fn class(&self, i: isize) -> &'static str {
        if i < 0 || i as usize >= self.block.len() {
            return "_";
        }
        match self.cue_class[i as usize] {
            Some(c) => c.name(),
            None if self.in_cue_phrase[i as usize] => "cont",
            None => "none",
        }
    }

    /// Per token of a sentence: a quotation mark within three tokens before or after
    /// (outside quotations only, an index into [`NEAR_QUOTE`]); the auxiliary or
    /// negation before a verb chain (an index into [`AUXILIARIES`], its length for none);
    /// the tag of a noun or pronoun (a possible subject) within three tokens before
    /// ([`POS_TAGS`] for none).
    fn cue_context(&self, range: Range<usize>, context: &mut CueContext) {
        let (first, last) = (range.start, range.end - 1);
        context.near.clear();
        context.near.extend(range.clone().map(|i| {
            if self.block.quote_depth[i] > 0 {
                return 0;
            }
            // Quotation marks among the three tokens before and after, by prefix counts.
            let marks = &self.marks;
            let before = marks[i] > marks[i.saturating_sub(3).max(first)];
            let after = marks[(i + 4).min(last + 1)] > marks[i + 1];
            match (before, after) {
                (true, true) => 1,
                (true, false) => 2,
                (false, true) => 3,
                (false, false) => 4,
            }
        }));
        context.aux.clear();
        context.aux.extend(range.clone().map(|i| {
            let mut j = i;
            while j > first {
                j -= 1;
                let a = self.aux_id[j];
                if usize::from(a) < AUXILIARIES.len() {
                    return a;
                }
                if !self.pos[j].starts_with("RB") {
                    break;
                }
            }
            AUXILIARIES.len() as u8
        }));
        context.subject.clear();
        context.subject.extend(range.map(|i| {
            let start = i.saturating_sub(3).max(first);
            let found = (start..i).rev().find_map(|j| {
                let p = self.pos[j];
                (p.starts_with("NN") || p == "PRP").then_some(self.pos_id[j])
            });
            found.unwrap_or(POS_TAGS as u8)
        }));
    }

    /// Features of the cue tagger for the tokens of one sentence.
    fn cue_features(&self, range: Range<usize>, hasher: FeatureHasher, out: &mut FeatureSeq) {
        out.clear();
        let bias = hasher.bucket(0, &["bias"]);
        let (first, last) = (range.start, range.end - 1);
        let has_quote = if range.clone().any(|i| self.block.quote_depth[i] > 0) {
            "q"
        } else {
            "-"
        };
        let mut context = CueContext::default();
        self.cue_context(range.clone(), &mut context);
        let near_quote: Vec<&str> = context
            .near
            .iter()
            .map(|&k| NEAR_QUOTE[k as usize])
            .collect();
        let aux: Vec<&str> = context
            .aux
            .iter()
            .map(|&a| AUXILIARIES.get(a as usize).copied().unwrap_or("-"))
            .collect();
        let subject: Vec<&str> = context
            .subject
            .iter()
            .map(|&p| {
                crate::pos::Tag::ALL
                    .get(p as usize)
                    .map_or("nosubj", |t| t.name())
            })
            .collect();
        for i in range {
            let k = i as isize;
            let w = self.word(k);
            let prev = if i == first { "<s>" } else { self.word(k - 1) };
            let next = if i == last { "</s>" } else { self.word(k + 1) };
            let inq = if self.block.quote_depth[i] > 0 {
                "in"
            } else {
                "out"
            };
            let class = self.class(k);
            let suffix = suffix(w, 3);
            let position = if i == first {
                "first"
            } else if i == last {
                "last"
            } else {
                "mid"
            };
            // The parts every template below shares, looked up once; then the templates
            // in order, each hashed with its parts in a fixed-size array.
            let (w_2, w2) = (self.word(k - 2), self.word(k + 2));
            let (sh_1, sh, sh1, sh2) = (
                self.shape(k - 1),
                self.shape(k),
                self.shape(k + 1),
                self.shape(k + 2),
            );
            let (p_1, p, p1) = (self.pos(k - 1), self.pos(k), self.pos(k + 1));
            let (class_1, class1) = (self.class(k - 1), self.class(k + 1));
            let st = stem(w);
            let suffix2 = crate::attribution::suffix(w, 2);
            let (near, aux, subject) = (near_quote[i - first], aux[i - first], subject[i - first]);
            out.push(bias);
            out.push(hasher.bucket(1, &[w]));
            out.push(hasher.bucket(2, &[prev]));
            out.push(hasher.bucket(3, &[next]));
            out.push(hasher.bucket(4, &[w_2]));
            out.push(hasher.bucket(5, &[w2]));
            out.push(hasher.bucket(6, &[prev, w]));
            out.push(hasher.bucket(7, &[w, next]));
            out.push(hasher.bucket(8, &[suffix]));
            out.push(hasher.bucket(9, &[sh]));
            out.push(hasher.bucket(10, &[sh_1, sh]));
            out.push(hasher.bucket(11, &[sh, sh1]));
            out.push(hasher.bucket(12, &[inq, w]));
            out.push(hasher.bucket(13, &[class]));
            out.push(hasher.bucket(14, &[class, sh_1]));
            out.push(hasher.bucket(15, &[class, next]));
            out.push(hasher.bucket(16, &[class_1, w]));
            out.push(hasher.bucket(17, &[position, class]));
            out.push(hasher.bucket(18, &[class, inq]));
            out.push(hasher.bucket(19, &[class, sh1, sh2]));
            out.push(hasher.bucket(20, &[class, prev, w_2]));
            out.push(hasher.bucket(21, &[st]));
            out.push(hasher.bucket(22, &[st, next]));
            out.push(hasher.bucket(23, &[sh_1, st, inq]));
            out.push(hasher.bucket(24, &[p]));
            out.push(hasher.bucket(25, &[p_1, p]));
            out.push(hasher.bucket(26, &[p, p1]));
            out.push(hasher.bucket(27, &[p, next]));
            out.push(hasher.bucket(28, &[p, class, inq]));
            out.push(hasher.bucket(29, &[p_1, p, p1]));
            out.push(hasher.bucket(30, &[st, p1]));
            out.push(hasher.bucket(31, &[p_1, st]));
            out.push(hasher.bucket(32, &[p, has_quote]));
            out.push(hasher.bucket(33, &[class, has_quote, p]));
            out.push(hasher.bucket(34, &[class1, p]));
            out.push(hasher.bucket(35, &[p, next, w2]));
            out.push(hasher.bucket(36, &[p, near]));
            out.push(hasher.bucket(37, &[aux, p]));
            out.push(hasher.bucket(38, &[subject, p]));
            out.push(hasher.bucket(39, &[suffix2, p]));
            out.end_token();
        }
    }

    /// Features of the role tagger for every token of the block, relative to `cue`.
    fn role_features(
        &self,
        cue: Range<usize>,
        window: Range<usize>,
        hasher: FeatureHasher,
        out: &mut FeatureSeq,
    ) {
        out.clear();
        let block = self.block;
        let cue_sentence = block.sentence_of[cue.start] as i64;
        let cue_word = block.lower(cue.start);
        let cue_lemma = self.lemma[cue.start].unwrap_or(cue_word);
        let cue_class = self.class(cue.start as isize);
        let after_cue = self.word(cue.end as isize);
        let cue_pos = self.pos(cue.start as isize);
        // Buckets of the two templates that join the cue's tag with the side and the
        // distance, or the side, sentence and token's tag: few values per cue, hashed once.
        let mut by_distance = [None; 3 * DISTANCE_BUCKETS.len()];
        let mut by_tag = vec![None; 3 * 5 * crate::pos::Tag::ALL.len()];
        // Commas and quotation marks between each token and the cue, by prefix counts.
        let n = block.len();
        let (commas, marks) = (&self.commas, &self.marks);
        let mut memo = self.role_local.borrow_mut();
        if memo.buckets != hasher.buckets() || memo.values.len() != 3 * n {
            memo.buckets = hasher.buckets();
            memo.values.clear();
            memo.values.resize(3 * n, None);
        }
        let between = |counts: &[u32], i: usize| count_between(counts, &cue, i);
        let adjacent = self.quotations_next_to(&cue);
        for i in window {
            let k = i as isize;
            let (side, side_index, distance) = if i < cue.start {
                ("L", 0, cue.start - i)
            } else if i >= cue.end {
                ("R", 1, i + 1 - cue.end)
            } else {
                ("C", 2, 0)
            };
            let db_index = distance_index(distance);
            let db = DISTANCE_BUCKETS[db_index];
            let rel_index =
                ((block.sentence_of[i] as i64 - cue_sentence).clamp(-2, 2) + 2) as usize;
            let rel = ["-2", "-1", "0", "+1", "+2"][rel_index];
            let w = self.word(k);
            let sh = self.shape(k);
            let inq = if block.quote_depth[i] > 0 {
                "in"
            } else {
                "out"
            };
            let adj = if adjacent.iter().any(|q| q.contains(&i)) {
                "adjq"
            } else {
                "-"
            };
            let c = count_bucket(between(commas, i));
            let m = count_bucket(between(marks, i));
            let near = if distance <= 3 { w } else { "-" };
            let local = *memo.values[3 * i + side_index]
                .get_or_insert_with(|| self.role_local_buckets(i, side, hasher));
            let [l1, l2, l7, l8, l12, l18, l19, l22, l23, l25, l26] = local;
            let bucket = |template, parts: &[&str]| hasher.bucket(template, parts);
            // In template order: the emission sums add the weights in this order.
            for feature in [
                bucket(0, &[side, db]),
                l1,
                l2,
                bucket(3, &[side, rel, inq]),
                bucket(4, &[side, cue_lemma]),
                bucket(5, &[side, c, rel]),
                bucket(6, &[side, m, inq]),
                l7,
                l8,
                bucket(9, &[side, db, sh]),
                bucket(10, &[side, db, near]),
                bucket(11, &[rel]),
                l12,
                bucket(13, &[side, adj]),
                bucket(14, &[side, cue_lemma, inq]),
                bucket(15, &[side, cue_class, db]),
                bucket(16, &[side, after_cue, db]),
                bucket(17, &[side, rel, c, m]),
                l18,
                l19,
                bucket(20, &[side, adj, inq, rel]),
                bucket(21, &[side, cue_word, db]),
                l22,
                l23,
                bucket(24, &[side, db, self.pos(k)]),
                l25,
                l26,
                *by_distance[side_index * DISTANCE_BUCKETS.len() + db_index]
                    .get_or_insert_with(|| bucket(27, &[side, cue_pos, db])),
                *by_tag[(side_index * 5 + rel_index) * crate::pos::Tag::ALL.len()
                    + self.pos_id[i] as usize]
                    .get_or_insert_with(|| bucket(28, &[side, cue_pos, rel, self.pos(k)])),
            ] {
                out.push(feature);
            }
            out.end_token();
        }
    }
}

/// How many of the things `counts` counts (prefix counts: commas, quotation marks) lie
/// between token `i` and the cue; none for a token of the cue.
fn count_between(counts: &[u32], cue: &Range<usize>, i: usize) -> u32 {
    if i < cue.start {
        counts[cue.start] - counts[i + 1]
    } else if i >= cue.end {
        counts[i] - counts[cue.end]
    } else {
        0
    }
}

impl BlockContext<'_> {
    /// The quotations next to the cue: closing at most four tokens before it or opening
    /// at most four after it.
    fn quotations_next_to(&self, cue: &Range<usize>) -> Vec<&Range<usize>> {
        self.quotations
            .iter()
            .filter(|q| {
                (q.end <= cue.start && cue.start - q.end <= 4)
                    || (q.start >= cue.end && q.start - cue.end <= 4)
            })
            .collect()
    }

    /// The [`ROLE_LOCAL`] buckets of token `i` on `side` of a cue.
    fn role_local_buckets(
        &self,
        i: usize,
        side: &str,
        hasher: FeatureHasher,
    ) -> [u32; ROLE_LOCAL.len()] {
        let block = self.block;
        let k = i as isize;
        let (w, sh) = (self.word(k), self.shape(k));
        let sentence = &block.sentences[block.sentence_of[i] as usize];
        let edge = if i == sentence.start {
            "start"
        } else if i + 1 == sentence.end {
            "end"
        } else {
            "mid"
        };
        let parts: [&[&str]; ROLE_LOCAL.len()] = [
            &[side, w],
            &[side, sh],
            &[side, self.word(k - 1)],
            &[side, self.word(k + 1)],
            &[side, edge, sh],
            &[side, sh, self.shape(k - 1)],
            &[side, sh, self.shape(k + 1)],
            &[side, self.class(k)],
            &[side, self.pos(k)],
            &[side, self.pos(k - 1), self.pos(k)],
            &[side, self.pos(k), self.pos(k + 1)],
        ];
        std::array::from_fn(|j| hasher.bucket(ROLE_LOCAL[j], parts[j]))
    }
}

/// The shapes [`shape`] gives, for tables indexed by shape.
const SHAPES: [&str; 17] = [
    "d", "dddd", "ddd+", "Q", ",", ".", ":", ";", "?", "—", "(", ")", "p", "X.X.", "XXXX", "Xxxx",
    "xxxx",
];
/// The index of shape `sh` in [`SHAPES`]; `u8::MAX` for a shape not there.
fn shape_index(sh: &str) -> u8 {
    // A match on the few strings rather than a search comparing each in turn.
    let k = match sh {
        "d" => 0,
        "dddd" => 1,
        "ddd+" => 2,
        "Q" => 3,
        "," => 4,
        "." => 5,
        ":" => 6,
        ";" => 7,
        "?" => 8,
        "—" => 9,
        "(" => 10,
        ")" => 11,
        "p" => 12,
        "X.X." => 13,
        "XXXX" => 14,
        "Xxxx" => 15,
        "xxxx" => 16,
        _ => return u8::MAX,
    };
    debug_assert_eq!(SHAPES[k], sh);
    k as u8
}

/// A token's side of the cue, in the order of the role tables' first index.
const SIDES: [&str; 3] = ["L", "R", "C"];
/// Inside or outside a quotation, in the order of the role tables' index.
const INQ: [&str; 2] = ["in", "out"];
/// In a quotation next to the cue or not, in the order of the role tables' index.
const ADJ: [&str; 2] = ["adjq", "-"];
/// Sentences from the cue's, clamped to ±2, in the order of the role tables' index.
const REL: [&str; 5] = ["-2", "-1", "0", "+1", "+2"];
/// [`count_bucket`]'s names, in the order of the role tables' index.
const COUNTS: [&str; 4] = ["0", "1", "2", "3+"];
/// Number of part-of-speech tags.
const POS_TAGS: usize = crate::pos::Tag::ALL.len();
/// No row found yet, in the per-cue tables.
const UNSET: u32 = u32::MAX;

/// The role model's rows of the [`BlockContext::role_features`] templates whose parts are
/// the side, distance, sentence, counts and tags only (no word, no cue): found once when
/// the model is loaded, instead of hashing them for every token of every cue.
#[derive(Debug)]
struct RoleRows {
    t0: [[u32; 10]; 3],
    t9: [[[u32; SHAPES.len()]; 10]; 3],
    /// Template 10 for a token more than three tokens from the cue (its word is "-").
    t10_far: [[u32; 10]; 3],
    /// The weights of templates 3, 5, 6, 11, 13, 17 and 20 (side, sentence from the
    /// cue's, in a quotation or not, next to one or not, commas and quotation marks
    /// between), added in that order: the same for every token of the same values, so
    /// added once when the model is loaded. Indexed by [`few_index`].
    few: Vec<[f32; ROLE_STRIDE]>,
    /// The templates that join the cue's class or tag with the side and distance or
    /// sentence and tag: by side, then the cue's class ([`CLASSES`]) or tag, found once
    /// here rather than hashed for every cue (template 28 took most of the per-cue
    /// hashing: a row for each side, sentence and tag a cue's window has).
    t15: [[[u32; 10]; CLASS_OUT]; 3],
    t27: [[[u32; 10]; POS_TAGS]; 3],
    t28: [[[[u32; POS_TAGS]; 5]; POS_TAGS]; 3],
    t24: [[[u32; POS_TAGS]; 10]; 3],
    /// The [`ROLE_LOCAL`] templates, by side first: the hash states after the side of
    /// those whose other part is a word (1, 7, 8), the rows of the others (shapes,
    /// sentence edge, class, tags; a neighbour's shape or tag "_" last).
    l1: [Partial; 3],
    l2: [[u32; SHAPES.len()]; 3],
    l7: [Partial; 3],
    l8: [Partial; 3],
    /// By edge of the sentence ([`EDGES`]), then shape.
    l12: [[[u32; SHAPES.len()]; 3]; 3],
    l18: [[[u32; SHX]; SHAPES.len()]; 3],
    l19: [[[u32; SHX]; SHAPES.len()]; 3],
    l22: [[u32; CLASS_OUT]; 3],
    l23: [[u32; POS_TAGS]; 3],
    l25: [[[u32; POS_TAGS]; POSX]; 3],
    l26: [[[u32; POSX]; POS_TAGS]; 3],
}

/// [`BlockContext::role_local_buckets`]' places of a token in its sentence, in the order
/// of [`RoleRows::l12`].
const EDGES: [&str; 3] = ["start", "end", "mid"];

/// Index into [`RoleRows::few`] of side `s`, sentence `r` (in [`REL`]), quotation `q`
/// (in [`INQ`]), adjacent quotation `a` (in [`ADJ`]), commas `c` and marks `m` (in
/// [`COUNTS`]).
fn few_index(s: usize, r: usize, q: usize, a: usize, c: usize, m: usize) -> usize {
    ((((s * REL.len() + r) * INQ.len() + q) * ADJ.len() + a) * COUNTS.len() + c) * COUNTS.len() + m
}

impl RoleRows {
    fn new(model: &Model) -> RoleRows {
        let rows = model.rows().expect("a packed model");
        let weights = rows
            .weights::<ROLE_STRIDE>()
            .expect("the role model has five tags");
        let hasher = model.hasher();
        let row = |template: u32, parts: &[&str]| rows.row(hasher.bucket(template, parts));
        let db = DISTANCE_BUCKETS;
        let pos = |p: usize| crate::pos::Tag::ALL[p].name();
        let mut few = vec![[0.0; ROLE_STRIDE]; few_index(SIDES.len(), 0, 0, 0, 0, 0)];
        for (s, side) in SIDES.iter().enumerate() {
            for (r, rel) in REL.iter().enumerate() {
                for (q, inq) in INQ.iter().enumerate() {
                    for (a, adj) in ADJ.iter().enumerate() {
                        for (c, commas) in COUNTS.iter().enumerate() {
                            for (m, marks) in COUNTS.iter().enumerate() {
                                let features = [
                                    row(3, &[side, rel, inq]),
                                    row(5, &[side, commas, rel]),
                                    row(6, &[side, marks, inq]),
                                    row(11, &[rel]),
                                    row(13, &[side, adj]),
                                    row(17, &[side, rel, commas, marks]),
                                    row(20, &[side, adj, inq, rel]),
                                ];
                                few[few_index(s, r, q, a, c, m)] =
                                    sum_rows([0.0; ROLE_STRIDE], &features, weights);
                            }
                        }
                    }
                }
            }
        }
        use std::array::from_fn;
        RoleRows {
            t0: from_fn(|s| from_fn(|d| row(0, &[SIDES[s], db[d]]))),
            t9: from_fn(|s| from_fn(|d| from_fn(|h| row(9, &[SIDES[s], db[d], SHAPES[h]])))),
            t10_far: from_fn(|s| from_fn(|d| row(10, &[SIDES[s], db[d], "-"]))),
            few,
            t15: from_fn(|s| from_fn(|k| from_fn(|d| row(15, &[SIDES[s], CLASSES[k], db[d]])))),
            t27: from_fn(|s| from_fn(|c| from_fn(|d| row(27, &[SIDES[s], pos(c), db[d]])))),
            t28: from_fn(|s| {
                from_fn(|c| from_fn(|r| from_fn(|p| row(28, &[SIDES[s], pos(c), REL[r], pos(p)]))))
            }),
            t24: from_fn(|s| from_fn(|d| from_fn(|p| row(24, &[SIDES[s], db[d], pos(p)])))),
            l1: from_fn(|s| Partial::new(1).then(SIDES[s])),
            l2: from_fn(|s| from_fn(|h| row(2, &[SIDES[s], SHAPES[h]]))),
            l7: from_fn(|s| Partial::new(7).then(SIDES[s])),
            l8: from_fn(|s| Partial::new(8).then(SIDES[s])),
            l12: from_fn(|s| from_fn(|e| from_fn(|h| row(12, &[SIDES[s], EDGES[e], SHAPES[h]])))),
            l18: from_fn(|s| {
                from_fn(|h| from_fn(|a| row(18, &[SIDES[s], SHAPES[h], shape_name(a)])))
            }),
            l19: from_fn(|s| {
                from_fn(|h| from_fn(|b| row(19, &[SIDES[s], SHAPES[h], shape_name(b)])))
            }),
            l22: from_fn(|s| from_fn(|c| row(22, &[SIDES[s], CLASSES[c]]))),
            l23: from_fn(|s| from_fn(|p| row(23, &[SIDES[s], pos(p)]))),
            l25: from_fn(|s| from_fn(|a| from_fn(|p| row(25, &[SIDES[s], pos_name(a), pos(p)])))),
            l26: from_fn(|s| from_fn(|p| from_fn(|b| row(26, &[SIDES[s], pos(p), pos_name(b)])))),
        }
    }
}

impl BlockContext<'_> {
    /// The rows of [`BlockContext::role_local_buckets`], the templates of few values
    /// looked up in `tables` and the word templates hashed on from the state after the
    /// side.
    fn role_local_rows(
        &self,
        i: usize,
        s: usize,
        tables: &RoleRows,
        rows: Rows<'_>,
        hasher: FeatureHasher,
    ) -> [u32; ROLE_LOCAL.len()] {
        let shape = |j: usize| self.shape_id.get(j).map_or(SH_OUT, |&h| usize::from(h));
        let (sh_1, sh, sh1) = (
            i.checked_sub(1).map_or(SH_OUT, shape),
            shape(i),
            shape(i + 1),
        );
        if sh == usize::from(u8::MAX) || sh_1 == usize::from(u8::MAX) || sh1 == usize::from(u8::MAX)
        {
            // A shape the tables do not know: hash every feature.
            return self
                .role_local_buckets(i, SIDES[s], hasher)
                .map(|bucket| rows.row(bucket));
        }
        let pos = |j: usize| self.pos_id.get(j).map_or(POS_OUT, |&p| usize::from(p));
        let (p_1, p, p1) = (i.checked_sub(1).map_or(POS_OUT, pos), pos(i), pos(i + 1));
        let sentence = &self.block.sentences[self.block.sentence_of[i] as usize];
        let edge = if i == sentence.start {
            0
        } else if i + 1 == sentence.end {
            1
        } else {
            2
        };
        let word = |start: Partial, j: usize| {
            let w = self.words.get(j).copied().unwrap_or("</s>");
            rows.row(hasher.finish(start.then(w)))
        };
        let before = if i == 0 {
            rows.row(hasher.finish(tables.l7[s].then("<s>")))
        } else {
            word(tables.l7[s], i - 1)
        };
        [
            word(tables.l1[s], i),
            tables.l2[s][sh],
            before,
            word(tables.l8[s], i + 1),
            tables.l12[s][edge][sh],
            tables.l18[s][sh][sh_1],
            tables.l19[s][sh][sh1],
            tables.l22[s][usize::from(self.class_id[i])],
            tables.l23[s][p],
            tables.l25[s][p_1][p],
            tables.l26[s][p][p1],
        ]
    }
}

/// The role model's rows of the templates that join the cue's words (its lemma, first
/// word, the word after it) with the side and the distance or quotation, hashed as
/// tokens need them ([`UNSET`] until then).
struct CueRows {
    t4: [u32; 3],
    t14: [[u32; 2]; 3],
    t16: [[u32; 10]; 3],
    t21: [[u32; 10]; 3],
}

/// The row in `slot`, found with `find` the first time.
#[inline(always)]
fn row_in(slot: &mut u32, find: impl FnOnce() -> u32) -> u32 {
    if *slot == UNSET {
        *slot = find();
    }
    *slot
}

impl BlockContext<'_> {
    /// The role tagger's emission scores (8 floats per token, the tags first) for the
    /// tokens of `window` relative to `cue`: the sums of the rows of the features
    /// [`BlockContext::role_features`] gives, with the rows of the templates that take
    /// few values looked up in tables rather than hashed, and groups of rows added once
    /// rather than for every token of every cue: those that do not depend on the cue
    /// ([`ROLE_LOCAL`]) once per token and side, those of the few-valued templates
    /// ([`RoleRows::few`]) when the model is loaded, those of the cue, side, distance
    /// and quotation once per cue and such values. So the same scores but for the order
    /// of addition: equal to those of `Model::emissions_of` up to rounding in the last
    /// bits.
    #[allow(clippy::too_many_arguments)]
    fn role_emissions(
        &self,
        cue: Range<usize>,
        window: Range<usize>,
        tables: &RoleRows,
        rows: Rows<'_>,
        hasher: FeatureHasher,
        out: &mut Vec<f32>,
    ) {
        let weights = rows
            .weights::<ROLE_STRIDE>()
            .expect("the role model has five tags");
        let block = self.block;
        let n = block.len();
        let cue_sentence = block.sentence_of[cue.start] as i64;
        let cue_word = block.lower(cue.start);
        let cue_lemma = self.lemma[cue.start].unwrap_or(cue_word);
        let after_cue = self.word(cue.end as isize);
        // The cue's class and tag as table indices (the cue is in the block, so neither
        // is "_").
        let cue_class = usize::from(self.class_id[cue.start]);
        let cue_pos = usize::from(self.pos_id[cue.start]);
        let t15: [&[u32; 10]; 3] = std::array::from_fn(|s| &tables.t15[s][cue_class]);
        let t27: [&[u32; 10]; 3] = std::array::from_fn(|s| &tables.t27[s][cue_pos]);
        let t28: [&[[u32; POS_TAGS]; 5]; 3] = std::array::from_fn(|s| &tables.t28[s][cue_pos]);
        let mut per_cue = CueRows {
            t4: [UNSET; 3],
            t14: [[UNSET; 2]; 3],
            t16: [[UNSET; 10]; 3],
            t21: [[UNSET; 10]; 3],
        };
        let row = |template: u32, parts: &[&str]| rows.row(hasher.bucket(template, parts));
        let (commas, marks) = (&self.commas, &self.marks);
        let mut local = self.role_local_sums.borrow_mut();
        if local.len() != 3 * n {
            local.clear();
            local.resize(3 * n, None);
        }
        let between = |counts: &[u32], i: usize| count_between(counts, &cue, i);
        let adjacent = self.quotations_next_to(&cue);
        // The weights of the templates that depend on the cue, the side, the distance and
        // the quotation only (0, 4, 14, 15, 16, 21, 27), added once per cue for each
        // such (side, distance, quotation) a token has; bit `k` of `cue_filled` says
        // whether `cue_sums[k]` is.
        let mut cue_sums = [[0.0f32; ROLE_STRIDE]; 3 * DISTANCE_BUCKETS.len() * INQ.len()];
        let mut cue_filled = 0u64;
        const _: () = assert!(3 * DISTANCE_BUCKETS.len() * INQ.len() <= 64);
        out.clear();
        out.reserve(window.len() * ROLE_STRIDE);
        for i in window {
            let (s, distance) = if i < cue.start {
                (0, cue.start - i)
            } else if i >= cue.end {
                (1, i + 1 - cue.end)
            } else {
                (2, 0)
            };
            let side = SIDES[s];
            let d = distance_index(distance);
            let r = ((block.sentence_of[i] as i64 - cue_sentence).clamp(-2, 2) + 2) as usize;
            let q = usize::from(block.quote_depth[i] == 0);
            let a = usize::from(!adjacent.iter().any(|range| range.contains(&i)));
            let c = count_index(between(commas, i));
            let m = count_index(between(marks, i));
            let p = self.pos_id[i] as usize;
            // The cue-independent rows, summed once per token and side.
            let local_sum = *local[3 * i + s].get_or_insert_with(|| {
                let l = self.role_local_rows(i, s, tables, rows, hasher);
                sum_rows([0.0; ROLE_STRIDE], &l, weights)
            });
            let t9 = match self.shape_id[i] {
                u8::MAX => row(9, &[side, DISTANCE_BUCKETS[d], self.shapes[i]]),
                h => tables.t9[s][d][h as usize],
            };
            let t10 = if distance <= 3 {
                row(10, &[side, DISTANCE_BUCKETS[d], self.words[i]])
            } else {
                tables.t10_far[s][d]
            };
            let k = (s * DISTANCE_BUCKETS.len() + d) * INQ.len() + q;
            if cue_filled >> k & 1 == 0 {
                let db = DISTANCE_BUCKETS[d];
                let features = [
                    tables.t0[s][d],
                    row_in(&mut per_cue.t4[s], || row(4, &[side, cue_lemma])),
                    row_in(&mut per_cue.t14[s][q], || {
                        row(14, &[side, cue_lemma, INQ[q]])
                    }),
                    t15[s][d],
                    row_in(&mut per_cue.t16[s][d], || row(16, &[side, after_cue, db])),
                    row_in(&mut per_cue.t21[s][d], || row(21, &[side, cue_word, db])),
                    t27[s][d],
                ];
                cue_sums[k] = sum_rows([0.0; ROLE_STRIDE], &features, weights);
                cue_filled |= 1 << k;
            }
            // The sums of the cue-independent templates ([`ROLE_LOCAL`]: 1, 2, 7, 8, 12,
            // 18, 19, 22, 23, 25, 26), of the per-cue ones above and of the few-valued
            // ones ([`RoleRows::few`]), then the four rows left. Not the bucket
            // featurizer's order of addition, so a score may differ from
            // `Model::emissions_of`'s in the last bits (float addition is not
            // associative); the decoded tags on the check corpora are the same.
            let few = &tables.few[few_index(s, r, q, a, c, m)];
            let mut start = local_sum;
            for ((x, y), z) in start.iter_mut().zip(&cue_sums[k]).zip(few) {
                *x = *x + y + z;
            }
            let features = [t9, t10, tables.t24[s][d][p], t28[s][r][p]];
            out.extend_from_slice(&sum_rows(start, &features, weights));
        }
    }
}

/// The per-token facts of a sentence [`BlockContext::cue_context`] gives.
#[derive(Default)]
struct CueContext {
    near: Vec<u8>,
    aux: Vec<u8>,
    subject: Vec<u8>,
}

/// [`BlockContext::cue_context`]'s quotation marks near a token.
const NEAR_QUOTE: [&str; 5] = ["in", "qq", "q_", "_q", "__"];
/// [`BlockContext::class`]'s values, in the order of the cue tables' index.
const CLASSES: [&str; 6] = ["speech", "belief", "phrase", "cont", "none", "_"];
/// Index of a shape, class or tag beyond the block ("_").
const SH_OUT: usize = SHAPES.len();
const CLASS_OUT: usize = CLASSES.len() - 1;
const POS_OUT: usize = POS_TAGS;
const SHX: usize = SHAPES.len() + 1;
const POSX: usize = POS_TAGS + 1;

/// The name of shape index `h` ([`SHAPES`], then "_").
fn shape_name(h: usize) -> &'static str {
    SHAPES.get(h).copied().unwrap_or("_")
}

/// The name of tag index `p` (the tags, then "_").
fn pos_name(p: usize) -> &'static str {
    crate::pos::Tag::ALL.get(p).map_or("_", |t| t.name())
}

/// The cue model's rows of the [`BlockContext::cue_features`] templates whose parts are
/// shapes, classes, tags and flags only (no word): found once when the model is loaded.
/// Indexed by [`SHAPES`], [`CLASSES`] and tag numbers, each with "_" last.
struct CueTables {
    bias: u32,
    t9: [u32; SHX],
    t10: [[u32; SHX]; SHX],
    t11: [[u32; SHX]; SHX],
    t13: [u32; 6],
    t14: [[u32; SHX]; 6],
    t17: [[u32; 6]; 3],
    t18: [[u32; 2]; 6],
    t19: [[[u32; SHX]; SHX]; 6],
    t24: [u32; POSX],
    t25: [[u32; POSX]; POSX],
    t26: [[u32; POSX]; POSX],
    t28: [[[u32; 2]; 6]; POSX],
    t29: [[[u32; POSX]; POSX]; POSX],
    t32: [[u32; 2]; POSX],
    t33: [[[u32; POSX]; 2]; 6],
    t34: [[u32; POSX]; 6],
    t36: [[u32; 5]; POSX],
    t37: [[u32; POSX]; AUXILIARIES.len() + 1],
    /// By the subject's tag ("nosubj" last), then the token's.
    t38: [[u32; POSX]; POSX],
    /// The hash states after the first part of the templates that go on with words,
    /// when that part takes few values: by quotation (12), class (15, 16, 20), the
    /// previous token's shape (23) or a tag (27, 31, 35).
    p12: [Partial; 2],
    p15: [Partial; 6],
    p16: [Partial; 6],
    p20: [Partial; 6],
    p23: [Partial; SHX],
    p27: [Partial; POSX],
    p31: [Partial; POSX],
    p35: [Partial; POSX],
}

impl std::fmt::Debug for CueTables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CueTables").finish_non_exhaustive()
    }
}

impl CueTables {
    fn new(model: &Model) -> Box<CueTables> {
        let rows = model.rows().expect("a packed model");
        let hasher = model.hasher();
        let row = |template: u32, parts: &[&str]| rows.row(hasher.bucket(template, parts));
        let (sh, cl, pos) = (shape_name, |c: usize| CLASSES[c], pos_name);
        const POSITION: [&str; 3] = ["first", "last", "mid"];
        const HAS_QUOTE: [&str; 2] = ["q", "-"];
        let aux = |a: usize| AUXILIARIES.get(a).copied().unwrap_or("-");
        let subject = |p: usize| crate::pos::Tag::ALL.get(p).map_or("nosubj", |t| t.name());
        use std::array::from_fn;
        let mut t = Box::new(CueTables {
            bias: row(0, &["bias"]),
            t9: from_fn(|a| row(9, &[sh(a)])),
            t10: from_fn(|a| from_fn(|b| row(10, &[sh(a), sh(b)]))),
            t11: from_fn(|a| from_fn(|b| row(11, &[sh(a), sh(b)]))),
            t13: from_fn(|c| row(13, &[cl(c)])),
            t14: from_fn(|c| from_fn(|a| row(14, &[cl(c), sh(a)]))),
            t17: from_fn(|x| from_fn(|c| row(17, &[POSITION[x], cl(c)]))),
            t18: from_fn(|c| from_fn(|q| row(18, &[cl(c), INQ[q]]))),
            t19: from_fn(|c| from_fn(|a| from_fn(|b| row(19, &[cl(c), sh(a), sh(b)])))),
            t24: from_fn(|p| row(24, &[pos(p)])),
            t25: from_fn(|a| from_fn(|p| row(25, &[pos(a), pos(p)]))),
            t26: from_fn(|p| from_fn(|b| row(26, &[pos(p), pos(b)]))),
            t28: from_fn(|p| from_fn(|c| from_fn(|q| row(28, &[pos(p), cl(c), INQ[q]])))),
            t29: [[[0; POSX]; POSX]; POSX],
            t32: from_fn(|p| from_fn(|h| row(32, &[pos(p), HAS_QUOTE[h]]))),
            t33: from_fn(|c| from_fn(|h| from_fn(|p| row(33, &[cl(c), HAS_QUOTE[h], pos(p)])))),
            t34: from_fn(|c| from_fn(|p| row(34, &[cl(c), pos(p)]))),
            t36: from_fn(|p| from_fn(|k| row(36, &[pos(p), NEAR_QUOTE[k]]))),
            t37: from_fn(|a| from_fn(|p| row(37, &[aux(a), pos(p)]))),
            t38: from_fn(|j| from_fn(|p| row(38, &[subject(j), pos(p)]))),
            p12: from_fn(|q| Partial::new(12).then(INQ[q])),
            p15: from_fn(|c| Partial::new(15).then(cl(c))),
            p16: from_fn(|c| Partial::new(16).then(cl(c))),
            p20: from_fn(|c| Partial::new(20).then(cl(c))),
            p23: from_fn(|a| Partial::new(23).then(sh(a))),
            p27: from_fn(|p| Partial::new(27).then(pos(p))),
            p31: from_fn(|p| Partial::new(31).then(pos(p))),
            p35: from_fn(|p| Partial::new(35).then(pos(p))),
        });
        for a in 0..POSX {
            for p in 0..POSX {
                for b in 0..POSX {
                    t.t29[a][p][b] = row(29, &[pos(a), pos(p), pos(b)]);
                }
            }
        }
        t
    }
}

impl BlockContext<'_> {
    /// The cue tagger's features for the tokens of one sentence as rows of the cue
    /// model's table: those of [`BlockContext::cue_features`], in the same order, with
    /// the templates of [`CueTables`] looked up rather than hashed.
    fn cue_rows(
        &self,
        range: Range<usize>,
        tables: &CueTables,
        rows: Rows<'_>,
        hasher: FeatureHasher,
        context: &mut CueContext,
        mut token: impl FnMut(&[u32; CUE_FEATURES]),
    ) {
        if self.unknown_shape {
            // A shape the tables do not know: hash every feature.
            let mut buckets = FeatureSeq::default();
            self.cue_features(range, hasher, &mut buckets);
            for i in 0..buckets.len() {
                let features = buckets.get(i);
                token(&std::array::from_fn(|j| rows.row(features[j])));
            }
            return;
        }
        let (first, last) = (range.start, range.end - 1);
        let has_quote = usize::from(!range.clone().any(|i| self.block.quote_depth[i] > 0));
        self.cue_context(range.clone(), context);
        let n = self.block.len() as isize;
        let shape = |k: isize| -> usize {
            if k < 0 || k >= n {
                SH_OUT
            } else {
                self.shape_id[k as usize] as usize
            }
        };
        let class = |k: isize| -> usize {
            if k < 0 || k >= n {
                CLASS_OUT
            } else {
                self.class_id[k as usize] as usize
            }
        };
        let pos = |k: isize| -> usize {
            if k < 0 || k >= n {
                POS_OUT
            } else {
                self.pos_id[k as usize] as usize
            }
        };
        for i in range {
            let k = i as isize;
            let w = self.word(k);
            let prev = if i == first { "<s>" } else { self.word(k - 1) };
            let next = if i == last { "</s>" } else { self.word(k + 1) };
            let q = usize::from(self.block.quote_depth[i] == 0);
            let inq = INQ[q];
            let c = class(k);
            let position = if i == first {
                0
            } else if i == last {
                1
            } else {
                2
            };
            let (w_2, w2) = (self.word(k - 2), self.word(k + 2));
            let (sh_1, sh, sh1, sh2) = (shape(k - 1), shape(k), shape(k + 1), shape(k + 2));
            let (p_1, p, p1) = (pos(k - 1), pos(k), pos(k + 1));
            let (class_1, class1) = (class(k - 1), class(k + 1));
            let st = stem(w);
            let j = i - first;
            let (near, aux, subject) = (
                context.near[j] as usize,
                context.aux[j] as usize,
                context.subject[j] as usize,
            );
            // Each hashed template from its first part's state when that takes few
            // values, else from the template's; parts chained, not iterated.
            let start = Partial::new;
            let feature = |partial: Partial| rows.row(hasher.finish(partial));
            let features = [
                tables.bias,
                feature(start(1).then(w)),
                feature(start(2).then(prev)),
                feature(start(3).then(next)),
                feature(start(4).then(w_2)),
                feature(start(5).then(w2)),
                feature(start(6).then(prev).then(w)),
                feature(start(7).then(w).then(next)),
                feature(start(8).then(suffix(w, 3))),
                tables.t9[sh],
                tables.t10[sh_1][sh],
                tables.t11[sh][sh1],
                feature(tables.p12[q].then(w)),
                tables.t13[c],
                tables.t14[c][sh_1],
                feature(tables.p15[c].then(next)),
                feature(tables.p16[class_1].then(w)),
                tables.t17[position][c],
                tables.t18[c][q],
                tables.t19[c][sh1][sh2],
                feature(tables.p20[c].then(prev).then(w_2)),
                feature(start(21).then(st)),
                feature(start(22).then(st).then(next)),
                feature(tables.p23[sh_1].then(st).then(inq)),
                tables.t24[p],
                tables.t25[p_1][p],
                tables.t26[p][p1],
                feature(tables.p27[p].then(next)),
                tables.t28[p][c][q],
                tables.t29[p_1][p][p1],
                feature(start(30).then(st).then(pos_name(p1))),
                feature(tables.p31[p_1].then(st)),
                tables.t32[p][has_quote],
                tables.t33[c][has_quote][p],
                tables.t34[class1][p],
                feature(tables.p35[p].then(next).then(w2)),
                tables.t36[p][near],
                tables.t37[aux][p],
                tables.t38[subject][p],
                feature(start(39).then(suffix(w, 2)).then(pos_name(p))),
            ];
            token(&features);
        }
    }
}

/// Features of the cue tagger per token.
const CUE_FEATURES: usize = 40;
/// Floats per row of the cue model's packed table (three tags, padded).
const CUE_STRIDE: usize = 4;
/// Floats per row of the role model's packed table (five tags, padded).
const ROLE_STRIDE: usize = 8;

/// The index of [`count_bucket`]'s name for `c` in [`COUNTS`].
fn count_index(c: u32) -> usize {
    (c as usize).min(3)
}

/// Auxiliaries and negations that precede a cue verb ("did not mention", "has endorsed").
const AUXILIARIES: [&str; 24] = [
    "not", "n't", "never", "did", "does", "do", "has", "have", "had", "will", "would", "is", "are",
    "was", "were", "be", "been", "could", "should", "can", "may", "might", "to", "also",
];

/// The index of `word` in [`AUXILIARIES`], its length for a word not there.
fn aux_index(word: &str) -> u8 {
    // A match on the few strings rather than a search comparing each in turn.
    let a = match word {
        "not" => 0,
        "n't" => 1,
        "never" => 2,
        "did" => 3,
        "does" => 4,
        "do" => 5,
        "has" => 6,
        "have" => 7,
        "had" => 8,
        "will" => 9,
        "would" => 10,
        "is" => 11,
        "are" => 12,
        "was" => 13,
        "were" => 14,
        "be" => 15,
        "been" => 16,
        "could" => 17,
        "should" => 18,
        "can" => 19,
        "may" => 20,
        "might" => 21,
        "to" => 22,
        "also" => 23,
        _ => AUXILIARIES.len(),
    };
    a as u8
}

/// A crude stem: inflection suffixes cut off, so that the rare forms of a verb share what
/// was learned from its common ones ("worries", "worried" → "worri").
fn stem(word: &str) -> &str {
    for suffix in ["ing", "ied", "ies", "ed", "es", "s", "e"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.len() >= 3
        {
            return stem;
        }
    }
    word
}

fn suffix(word: &str, n: usize) -> &str {
    let start = word.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &word[start..]
}

/// Names of the token distance buckets, indexed by [`distance_index`].
const DISTANCE_BUCKETS: [&str; 10] = [
    "0", "1", "2", "3", "4", "5-6", "7-10", "11-15", "16-25", "26+",
];

fn distance_index(d: usize) -> usize {
    match d {
        0..=4 => d,
        5..=6 => 5,
        7..=10 => 6,
        11..=15 => 7,
        16..=25 => 8,
        _ => 9,
    }
}

fn count_bucket(c: u32) -> &'static str {
    match c {
        0 => "0",
        1 => "1",
        2 => "2",
        _ => "3+",
    }
}

// ------------------------------------------------------------------ training

/// One training document: its text, the blocks to read, and its gold attributions.
#[derive(Clone, Debug)]
pub struct TrainingDocument {
    /// The text spans point into.
    pub text: String,
    /// Paragraph spans (the headline, when the corpus annotates it, as its first paragraph).
    pub paragraphs: Vec<Span>,
    /// Gold attributions: (cue parts, source parts, content parts).
    pub gold: Vec<GoldSpans>,
}

/// The gold spans of one attribution.
#[derive(Clone, Debug, Default)]
pub struct GoldSpans {
    /// Cue parts.
    pub cue: Vec<Span>,
    /// Source parts.
    pub source: Vec<Span>,
    /// Content parts.
    pub content: Vec<Span>,
}

/// Mark tokens of `block` covered by `spans` with `begin`/`inside` tags in `tags`.
fn mark(block: &Block, spans: &[Span], begin: usize, inside: usize, tags: &mut [usize]) {
    for span in spans {
        let range = block.tokens_in(*span);
        let mut first = true;
        for t in range {
            // A token counts when it starts inside the span: brat spans may cut words.
            if block.tokens[t].span.start >= span.start && block.tokens[t].span.start < span.end {
                tags[t] = if first { begin } else { inside };
                first = false;
            }
        }
    }
}

/// Train both taggers for `epochs` passes over `documents`; `progress` is told the
/// epoch and the share of wrong tags on the way.
pub fn train(
    documents: &[TrainingDocument],
    epochs: usize,
    mut progress: impl FnMut(&str, usize, f64),
) -> Attributor {
    let lexicon = CueLexicon::get();
    let prepared: Vec<Prepared> = documents
        .iter()
        .map(|d| crate::prepare::prepare(&d.text, None, &d.paragraphs))
        .collect();
    let mut cue_trainer = Trainer::new(Model::new(CUE_TAGS.len(), CUE_BITS, bio_allowed));
    let mut role_trainer = Trainer::new(Model::new(ROLE_TAGS.len(), ROLE_BITS, bio_allowed));
    let cue_hasher = FeatureHasher::new(CUE_BITS);
    let role_hasher = FeatureHasher::new(ROLE_BITS);
    let mut features = FeatureSeq::default();
    // A fixed shuffle of the documents per epoch: deterministic training, less order bias.
    let mut order: Vec<usize> = (0..documents.len()).collect();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let (mut cue_wrong, mut cue_total, mut role_wrong, mut role_total) = (0, 0, 0, 0);
        for &d in &order {
            let doc = &documents[d];
            let prep = &prepared[d];
            for (b, block) in prep.blocks.iter().enumerate() {
                if block.is_empty() {
                    continue;
                }
                let context = BlockContext::new(block, &doc.text, lexicon, prep, b);
                let mut cue_tags = vec![O; block.len()];
                for g in &doc.gold {
                    mark(block, &g.cue, B_CUE, I_CUE, &mut cue_tags);
                }
                for sentence in &block.sentences {
                    context.cue_features(sentence.range(), cue_hasher, &mut features);
                    cue_wrong += cue_trainer.learn(&features, &cue_tags[sentence.range()]);
                    cue_total += sentence.len();
                }
                for g in &doc.gold {
                    let Some(first_cue) = g.cue.first() else {
                        continue;
                    };
                    if !block.span.contains(*first_cue) {
                        continue;
                    }
                    let cue_range = block.tokens_in(*first_cue);
                    if cue_range.is_empty() {
                        continue;
                    }
                    let mut role_tags = vec![O; block.len()];
                    mark(block, &g.content, B_CON, I_CON, &mut role_tags);
                    mark(block, &g.source, B_SRC, I_SRC, &mut role_tags);
                    // The cue itself is neither source nor content of its own attribution.
                    for t in cue_range.clone() {
                        role_tags[t] = O;
                    }
                    let window = 0..block.len();
                    context.role_features(cue_range, window, role_hasher, &mut features);
                    role_wrong += role_trainer.learn(&features, &role_tags);
                    role_total += block.len();
                }
            }
        }
        progress("cue", epoch + 1, cue_wrong as f64 / cue_total.max(1) as f64);
        progress(
            "role",
            epoch + 1,
            role_wrong as f64 / role_total.max(1) as f64,
        );
    }
    Attributor::new(cue_trainer.finish(), role_trainer.finish())
}

impl Attributor {
    /// Save both models to files.
    pub fn save(
        &self,
        cue_path: &std::path::Path,
        role_path: &std::path::Path,
    ) -> std::io::Result<()> {
        let mut cue = std::io::BufWriter::new(std::fs::File::create(cue_path)?);
        self.cue.save(&mut cue)?;
        let mut role = std::io::BufWriter::new(std::fs::File::create(role_path)?);
        self.role.save(&mut role)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [&str; 3] = [
        "“We will not back down,” said Sen. Maria Lopez-Garcia, D-N.Y., on Tuesday. \
         The U.S. plan, she added, \"has failed 3 times since 2019\" — and the 12,000 workers \
         know it.\n\nAccording to officials, the talks (which began in May) could resume; \
         others were not so sure! Critics have long argued that the NATO deal was flawed, \
         and they did not mention it again? “It’s over,” he told reporters.",
        "HEADLINE: Trump says he is ‘confident’\n\nPresident Trump said Friday that he had \
         spoken with Putin. “We’re going to do something,” Trump told reporters, adding \
         that the talks were “very productive.” Peskov, the Kremlin spokesman, declined \
         to comment but noted: the 2,000-strong force would stay.",
        include_str!("../../../examples/articles/written-harbour-strike.txt"),
    ];

    /// Every block of `text` with its context, for the built-in taggers.
    fn contexts(text: &str, f: impl Fn(&BlockContext<'_>)) {
        let paragraphs: Vec<Span> = {
            let mut spans = Vec::new();
            let mut start = 0;
            for part in text.split("\n\n") {
                spans.push(Span::new(start, start + part.len()));
                start += part.len() + 2;
            }
            spans
        };
        let prepared = crate::prepare::prepare(text, None, &paragraphs);
        for (b, block) in prepared.blocks.iter().enumerate() {
            if block.is_empty() {
                continue;
            }
            f(&BlockContext::new(
                block,
                text,
                CueLexicon::get(),
                &prepared,
                b,
            ));
        }
    }

    /// The cue features found through the tables are the rows of the hashed ones.
    #[test]
    fn cue_rows_are_the_rows_of_the_cue_features() {
        let attributor = Attributor::builtin().unwrap();
        let rows = attributor.cue.rows().unwrap();
        let hasher = attributor.cue.hasher();
        for text in TEXTS {
            contexts(text, |context| {
                let (mut buckets, mut fast) = (FeatureSeq::default(), FeatureSeq::default());
                let mut sentence = CueContext::default();
                let mut scratch = Scratch::default();
                let mut expected_cues = Vec::new();
                for s in &context.block.sentences {
                    context.cue_features(s.range(), hasher, &mut buckets);
                    fast.clear();
                    context.cue_rows(
                        s.range(),
                        &attributor.cue_rows,
                        rows,
                        hasher,
                        &mut sentence,
                        |features| fast.push_token(features),
                    );
                    let expected: Vec<u32> = buckets.ids().iter().map(|&b| rows.row(b)).collect();
                    assert_eq!(fast.ids(), expected.as_slice());
                    assert_eq!(fast.len(), buckets.len());
                    let tags = attributor.cue.decode_rows_biased(
                        &fast,
                        &attributor.cue_bias,
                        &mut scratch,
                    );
                    collect_runs(&tags, B_CUE, I_CUE, s.start, &mut expected_cues);
                }
                // The cues found from the rows summed as they come are those found by
                // decoding the rows.
                let mut buffers = CueBuffers::default();
                attributor.cues(context, &mut Vec::new(), &mut scratch, &mut buffers);
                assert_eq!(buffers.cues, expected_cues);
            });
        }
    }

    /// The role emissions computed through the tables are those of the hashed features,
    /// for a cue at every token of every block, up to rounding. Not bit for bit:
    /// `role_emissions` adds groups of rows summed beforehand (per token and side, per
    /// cue, when the model is loaded), the hashed path adds all in template order, and
    /// float addition is not associative. Each way's rounding error is at most `(n - 1) * EPSILON / 2` times
    /// the sum of the magnitudes of the `n` weights added, so the two differ by at most
    /// `n * EPSILON` times it. A row left out or taken from the wrong place moves a
    /// score by a whole weight, far beyond that (checked when this was written, by
    /// leaving out a cue-independent row, a cue row, a row of the few-valued table:
    /// scores off by 9, 36 and 87 against bounds of 0.006, 0.002 and 0.002; the closest
    /// score stays 9 times within its bound).
    #[test]
    fn role_emissions_are_those_of_the_role_features() {
        let attributor = Attributor::builtin().unwrap();
        let (model, rows) = (&attributor.role, attributor.role.rows().unwrap());
        let weights = rows.weights::<ROLE_STRIDE>().unwrap();
        for text in TEXTS {
            contexts(text, |context| {
                let n = context.block.len();
                let mut features = FeatureSeq::default();
                let mut fast = Vec::new();
                for start in 0..n {
                    for len in [1, 2] {
                        let cue = start..(start + len).min(n);
                        let window = role_window(context.block, &cue);
                        context.role_features(
                            cue.clone(),
                            window.clone(),
                            model.hasher(),
                            &mut features,
                        );
                        let expected = model.emissions_of(&features);
                        context.role_emissions(
                            cue,
                            window,
                            &attributor.role_rows,
                            rows,
                            model.hasher(),
                            &mut fast,
                        );
                        assert_eq!(fast.len(), expected.len());
                        for (k, (&a, &b)) in fast.iter().zip(&expected).enumerate() {
                            let token = features.get(k / ROLE_STRIDE);
                            let magnitude: f32 = token
                                .iter()
                                .map(|&f| weights[rows.row(f) as usize][k % ROLE_STRIDE].abs())
                                .sum();
                            let bound = token.len() as f32 * f32::EPSILON * magnitude;
                            let diff = (a - b).abs();
                            assert!(
                                diff <= bound,
                                "score {k} for the cue at {start}, {len} long: {a} against {b} (bound {bound})"
                            );
                        }
                    }
                }
            });
        }
    }

    /// [`aux_index`] finds every word of [`AUXILIARIES`] where it is.
    #[test]
    fn aux_index_is_the_position_in_auxiliaries() {
        for (a, word) in AUXILIARIES.iter().enumerate() {
            assert_eq!(usize::from(aux_index(word)), a);
        }
        assert_eq!(usize::from(aux_index("said")), AUXILIARIES.len());
    }

    /// [`shape_index`] finds every shape of [`SHAPES`] where it is.
    #[test]
    fn shape_index_is_the_position_in_shapes() {
        for (k, sh) in SHAPES.iter().enumerate() {
            assert_eq!(usize::from(shape_index(sh)), k);
        }
        assert_eq!(shape_index("_"), u8::MAX);
    }

    /// Every shape the tokenizer's [`shape`] gives is in the tables' list.
    #[test]
    fn the_tables_know_every_shape() {
        let text = "a Ab ABC A.B. 1 12 123 1234 12345 “x” ‘y’ \" , . : ; ? ! — – - ― ( ) [ ] & % $ # / … é É";
        let prepared = crate::prepare::prepare(text, None, &[Span::new(0, text.len())]);
        for block in &prepared.blocks {
            for token in &block.tokens {
                let sh = shape(token, text);
                assert!(SHAPES.contains(&sh), "{sh:?} of {:?}", token.text(text));
            }
        }
    }
}
