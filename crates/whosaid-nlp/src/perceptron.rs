//! An averaged structured perceptron over hashed features, with Viterbi decoding.
//!
//! Written by hand because the job is small and specific: no crate on crates.io offers a
//! sequence tagger that trains in Rust, decodes without allocation per token, and saves
//! to a compact file we can commit. A model is a table of weights indexed by
//! `(feature hash bucket, tag)` plus a tag-transition matrix; tags that may not follow
//! each other (an `I-` after `O`) are forbidden in decoding.
//!
//! Features are `u32` buckets produced by [`FeatureHasher`]; each token has a short list
//! of them. Training uses the averaged perceptron (Collins 2002) with lazy averaging.

use std::io::{Read, Write};

/// The transitions of a BIO tag set laid out as `O, B-x, I-x, B-y, I-y, …` (the attribution
/// and NER taggers' layout): an `I-` tag may only follow its `B-` or itself. Pass it to
/// [`Model::new`].
pub fn bio_allowed(prev: Option<usize>, next: usize) -> bool {
    if next == 0 || next % 2 == 1 {
        return true;
    }
    matches!(prev, Some(p) if p == next || p == next - 1)
}

/// Hashes feature strings into buckets of a fixed-size table.
#[derive(Clone, Copy, Debug)]
pub struct FeatureHasher {
    bits: u32,
}

impl FeatureHasher {
    /// A hasher into `2^bits` buckets.
    pub fn new(bits: u32) -> FeatureHasher {
        FeatureHasher { bits }
    }

    /// Number of buckets.
    pub fn buckets(&self) -> usize {
        1 << self.bits
    }

    /// The bucket of a feature made of a template number and some parts.
    #[inline]
    pub fn bucket(&self, template: u32, parts: &[&str]) -> u32 {
        // The loop of `Partial::then`, kept in this form: it is inlined in the
        // featurizers that hash slices of parts.
        let mut h = Partial::new(template).0;
        for part in parts {
            h = fnv1a(h, part.as_bytes());
            h ^= 0xff;
            h = h.wrapping_mul(FNV_PRIME);
        }
        self.finish(Partial(h))
    }

    /// The bucket of a feature whose hash state after all its parts is `partial`.
    #[inline(always)]
    pub fn finish(&self, partial: Partial) -> u32 {
        let h = partial.0;
        // Fold the high bits in: FNV's low bits are weak.
        let folded = (h ^ (h >> 29) ^ (h >> 47)) as u32;
        folded & ((1u32 << self.bits) - 1)
    }
}

/// The tags of the best path of a Viterbi pass: from the last token's scores (its first
/// `tags` lanes are the tags; on a tie the last of them wins, as `max_by` gives) back
/// through each token's best previous tag. Shared by the generic decoder and the
/// entity tagger's own vectorised pass, which keep their rows `W` lanes wide.
/// Written into `path` (its contents replaced), a buffer the caller keeps.
pub(crate) fn way_back_into<const W: usize>(
    last: &[f32; W],
    tags: usize,
    backs: &[[u8; W]],
    path: &mut Vec<usize>,
) {
    path.clear();
    path.resize(backs.len(), 0);
    let mut cur = (0..tags)
        .max_by(|&a, &b| last[a].total_cmp(&last[b]))
        .unwrap_or(0);
    for i in (0..backs.len()).rev() {
        path[i] = cur;
        cur = usize::from(backs[i][cur]);
    }
}

/// A feature's hash with its template and its first parts hashed, the rest to follow:
/// featurizers keep the state after parts that take few values (or that many features
/// share) and go on from it, rather than hashing those parts again for every token.
/// `Partial::new(t).then(a).then(b)` finished is `bucket(t, &[a, b])`, the same value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partial(u64);

impl Partial {
    /// The state of a feature of template `template` before its first part.
    #[inline(always)]
    pub fn new(template: u32) -> Partial {
        // FNV-1a: fast on short strings, stable across platforms and releases (the
        // committed model depends on it never changing).
        Partial(0xcbf2_9ce4_8422_2325 ^ u64::from(template).wrapping_mul(0x9E37_79B9))
    }

    /// The state after one more part.
    #[inline(always)]
    pub fn then(self, part: &str) -> Partial {
        let h = fnv1a_short(self.0, part.as_bytes()) ^ 0xff;
        Partial(h.wrapping_mul(FNV_PRIME))
    }
}

const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over `bytes` from state `h`, eight bytes a load: the same value as a loop over
/// the bytes, with less loop overhead per byte.
#[inline(always)]
fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    let (words, rest) = bytes.as_chunks::<8>();
    for word in words {
        let v = u64::from_le_bytes(*word);
        for k in 0..8 {
            h = (h ^ ((v >> (8 * k)) & 0xff)).wrapping_mul(FNV_PRIME);
        }
    }
    for &b in rest {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    h
}

/// [`fnv1a`] with the last bytes (most parts are shorter than eight) without a loop: a
/// jump on their count, then straight-line steps.
#[inline(always)]
fn fnv1a_short(mut h: u64, bytes: &[u8]) -> u64 {
    let (words, rest) = bytes.as_chunks::<8>();
    for word in words {
        let v = u64::from_le_bytes(*word);
        for k in 0..8 {
            h = (h ^ ((v >> (8 * k)) & 0xff)).wrapping_mul(FNV_PRIME);
        }
    }
    let step = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    match *rest {
        [] => h,
        [a] => step(h, a),
        [a, b] => step(step(h, a), b),
        [a, b, c] => step(step(step(h, a), b), c),
        [a, b, c, d] => step(step(step(step(h, a), b), c), d),
        [a, b, c, d, e] => step(step(step(step(step(h, a), b), c), d), e),
        [a, b, c, d, e, f] => step(step(step(step(step(step(h, a), b), c), d), e), f),
        _ => rest.iter().fold(h, |h, &b| step(h, b)),
    }
}

/// The features of a sequence of tokens, in one flat buffer (no allocation per token).
#[derive(Clone, Debug, Default)]
pub struct FeatureSeq {
    ids: Vec<u32>,
    ends: Vec<usize>,
}

impl FeatureSeq {
    /// Empty the sequence, keeping its buffers.
    pub fn clear(&mut self) {
        self.ids.clear();
        self.ends.clear();
    }

    /// Add a feature to the token being built.
    pub fn push(&mut self, feature: u32) {
        self.ids.push(feature);
    }

    /// Add a token with these features (one reservation, rather than one per feature).
    pub fn push_token(&mut self, features: &[u32]) {
        self.ids.extend_from_slice(features);
        self.end_token();
    }

    /// Close the token being built; the next pushes go to the next token.
    pub fn end_token(&mut self) {
        self.ends.push(self.ids.len());
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there is no token.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The features of every token, one after the other.
    pub fn ids(&self) -> &[u32] {
        &self.ids
    }

    /// The features of token `i`.
    pub fn get(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.ids[start..self.ends[i]]
    }
}

/// A trained (or training) model: weights per (bucket, tag), transitions per (tag, tag).
#[derive(Clone, Debug)]
pub struct Model {
    tags: usize,
    bits: u32,
    weights: Weights,
    /// `transitions[prev * tags + next]`; `prev == tags` is the start state.
    transitions: Vec<f32>,
    /// `allowed[prev * tags + next]`, same layout.
    allowed: Vec<bool>,
}

/// The weight table, in one of two layouts holding the same numbers.
#[derive(Clone, Debug)]
enum Weights {
    /// `weights[bucket * tags + tag]`, every bucket: what training updates.
    Dense(Vec<f32>),
    /// Only the buckets with a non-zero weight (see [`Packed`]): what a loaded model
    /// decodes with.
    Packed(Packed),
}

/// A read-only weight table for decoding. Most buckets of a trained model are empty
/// (a quarter of the attribution models' 2^20 are not), and a dense table of 2^20
/// buckets x 3 or 5 tags is 12 to 20 MB read at random: a cache miss per feature.
/// Packed, the rows of the non-empty buckets take 3 to 5 MB, and a feature whose bucket
/// is empty reads only the small index (16 bytes per 64 buckets).
///
/// Rows are `stride` floats (the tags rounded up to a power of two, padded with zeros)
/// so that a row never straddles two cache lines and sums are whole vector additions;
/// row 0 is all zeros and stands for every empty bucket. Adding a zero leaves a sum
/// unchanged (sums start at +0.0, so never meet -0.0), and each tag's sum still adds its
/// weights in feature order: the scores are bit for bit those of the dense table.
#[derive(Clone, Debug)]
struct Packed {
    stride: usize,
    index: Vec<IndexWord>,
    rows: Vec<f32>,
}

/// `(i / tags, i % tags)`, with the attribution, entity and part-of-speech taggers' tag
/// counts as constants, so that no division instruction runs for each weight loaded.
#[inline(always)]
fn bucket_and_tag(i: usize, tags: usize) -> (usize, usize) {
    match tags {
        3 => (i / 3, i % 3),
        5 => (i / 5, i % 5),
        9 => (i / 9, i % 9),
        27 => (i / 27, i % 27),
        _ => (i / tags, i % tags),
    }
}

/// 64 buckets of the index: which are non-empty, and the row of the first of them.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
struct IndexWord {
    bits: u64,
    /// Number of non-empty buckets before these 64, plus one (row 0 is the empty row).
    base: u32,
}

impl Packed {
    /// Packs `(index, weight)` pairs (`index = bucket * tags + tag`) given in increasing
    /// index order; a repeated index keeps its last weight.
    fn new(tags: usize, bits: u32, pairs: &[(usize, f32)]) -> Packed {
        let stride = tags.next_power_of_two();
        let buckets = 1usize << bits;
        let mut index = vec![IndexWord::default(); buckets.div_ceil(64)];
        // A row for each run of pairs of one bucket, all allocated at once (counted
        // first) rather than grown bucket by bucket: models are loaded at every start.
        let mut runs = 0;
        let mut last_bucket = usize::MAX;
        for &(i, _) in pairs {
            let bucket = bucket_and_tag(i, tags).0;
            runs += usize::from(bucket != last_bucket);
            last_bucket = bucket;
        }
        let mut rows = vec![0.0f32; (runs + 1) * stride];
        let mut row = 0;
        last_bucket = usize::MAX;
        for &(i, w) in pairs {
            let (bucket, tag) = bucket_and_tag(i, tags);
            if bucket != last_bucket {
                index[bucket / 64].bits |= 1 << (bucket % 64);
                row += 1;
                last_bucket = bucket;
            }
            rows[row * stride + tag] = w;
        }
        let mut base = 1u32;
        for word in &mut index {
            word.base = base;
            base += word.bits.count_ones();
        }
        Packed {
            stride,
            index,
            rows,
        }
    }

    /// The row of `bucket`: 0 when it is empty. Branch-free, so that the loads of a
    /// token's features can all be in flight at once.
    #[inline(always)]
    fn row(&self, bucket: u32) -> usize {
        let word = self.index[(bucket >> 6) as usize];
        let bit = bucket & 63;
        let below = (word.bits & ((1u64 << bit) - 1)).count_ones();
        let present = ((word.bits >> bit) & 1) as usize;
        (word.base + below) as usize * present
    }

    /// The non-zero weights as `(index, weight)`, in index order.
    fn pairs(&self, tags: usize) -> impl Iterator<Item = (usize, f32)> + '_ {
        self.index.iter().enumerate().flat_map(move |(k, word)| {
            (0..64usize)
                .filter(move |bit| word.bits >> bit & 1 == 1)
                .enumerate()
                .flat_map(move |(r, bit)| {
                    let row = (word.base as usize + r) * self.stride;
                    let bucket = k * 64 + bit;
                    (0..tags)
                        .map(move |tag| (bucket * tags + tag, self.rows[row + tag]))
                        .filter(|(_, w)| *w != 0.0)
                })
        })
    }

    /// `out[i * stride..][..stride]`: the summed rows of token `i`'s features.
    fn emissions<const S: usize>(
        &self,
        features: &FeatureSeq,
        out: &mut [f32],
        rows_of: &mut Vec<u32>,
    ) {
        // First every feature's row (index reads only, all independent), then the sums.
        rows_of.clear();
        rows_of.extend(features.ids.iter().map(|&f| self.row(f) as u32));
        self.sum_rows::<S>(rows_of, &features.ends, out);
    }

    /// `out[i * stride..][..stride]`: the sum of the rows `rows[ends[i - 1]..ends[i]]`,
    /// added in order.
    fn sum_rows<const S: usize>(&self, rows_of: &[u32], ends: &[usize], out: &mut [f32]) {
        let (rows, _) = self.rows.as_chunks::<S>();
        let (outs, _) = out.as_chunks_mut::<S>();
        let mut start = 0;
        for (sum, &end) in outs.iter_mut().zip(ends) {
            let mut acc = [0.0f32; S];
            for &r in &rows_of[start..end] {
                let row = &rows[r as usize];
                for (a, w) in acc.iter_mut().zip(row) {
                    *a += w;
                }
            }
            *sum = acc;
            start = end;
        }
    }
}

/// Read access to a loaded model's packed weight table, for featurizers that find the
/// rows of some features without hashing them (a template whose parts take few values
/// can have its rows looked up once). A row is `stride` floats, the tags first; row 0
/// is all zeros and stands for every empty bucket.
#[derive(Clone, Copy, Debug)]
pub struct Rows<'a> {
    packed: &'a Packed,
}

impl<'a> Rows<'a> {
    /// The row of `bucket`: 0 when it is empty.
    #[inline(always)]
    pub fn row(&self, bucket: u32) -> u32 {
        self.packed.row(bucket) as u32
    }

    /// Floats per row.
    pub fn stride(&self) -> usize {
        self.packed.stride
    }

    /// The rows as arrays of `S` floats; `None` unless `S` is the stride.
    pub fn weights<const S: usize>(&self) -> Option<&'a [[f32; S]]> {
        (S == self.packed.stride).then(|| self.packed.rows.as_chunks::<S>().0)
    }
}

impl Model {
    /// An empty model for `tags` tags over `2^bits` feature buckets; `allowed(prev, next)`
    /// says which tag may follow which (`prev == None` at the start of a sequence).
    pub fn new(tags: usize, bits: u32, allowed: impl Fn(Option<usize>, usize) -> bool) -> Model {
        let mut mask = vec![false; (tags + 1) * tags];
        for prev in 0..=tags {
            for next in 0..tags {
                mask[prev * tags + next] = allowed((prev < tags).then_some(prev), next);
            }
        }
        Model {
            tags,
            bits,
            weights: Weights::Dense(vec![0.0; (1usize << bits) * tags]),
            transitions: vec![0.0; (tags + 1) * tags],
            allowed: mask,
        }
    }

    /// The dense weight table, unpacked first if the model was loaded.
    fn dense_mut(&mut self) -> &mut Vec<f32> {
        if let Weights::Packed(p) = &self.weights {
            let mut dense = vec![0.0; (1usize << self.bits) * self.tags];
            for (i, w) in p.pairs(self.tags) {
                dense[i] = w;
            }
            self.weights = Weights::Dense(dense);
        }
        match &mut self.weights {
            Weights::Dense(weights) => weights,
            Weights::Packed(_) => unreachable!("unpacked above"),
        }
    }

    /// The same model with its weights in the packed table that loaded models decode
    /// with (a trained model has them in the dense table training updates).
    pub fn into_packed(self) -> Model {
        match self.weights {
            Weights::Packed(_) => self,
            Weights::Dense(ref dense) => {
                let pairs: Vec<(usize, f32)> = dense
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| **w != 0.0)
                    .map(|(i, w)| (i, *w))
                    .collect();
                let packed = Packed::new(self.tags, self.bits, &pairs);
                Model {
                    weights: Weights::Packed(packed),
                    ..self
                }
            }
        }
    }

    /// The same model, packed, without the feature buckets whose weights are all smaller
    /// than `min` in magnitude: they change few decisions, and every bucket kept is a row
    /// the taggers may have to fetch from memory.
    pub fn pruned(self, min: f32) -> Model {
        let tags = self.tags;
        let model = self.into_packed();
        let Weights::Packed(packed) = &model.weights else {
            unreachable!("packed above")
        };
        // `pairs` comes in index order, so a bucket's weights are next to each other.
        let pairs: Vec<(usize, f32)> = packed.pairs(tags).collect();
        let kept = pairs
            .chunk_by(|a, b| a.0 / tags == b.0 / tags)
            .filter(|bucket| bucket.iter().any(|(_, w)| w.abs() >= min))
            .flatten()
            .copied()
            .collect::<Vec<_>>();
        let packed = Packed::new(tags, model.bits, &kept);
        Model {
            weights: Weights::Packed(packed),
            ..model
        }
    }

    /// Number of non-empty feature buckets (rows) of a packed model.
    pub fn rows_in_use(&self) -> usize {
        match &self.weights {
            Weights::Packed(packed) => packed.rows.len() / packed.stride - 1,
            Weights::Dense(dense) => dense
                .chunks(self.tags)
                .filter(|row| row.iter().any(|w| *w != 0.0))
                .count(),
        }
    }

    /// The packed weight table; `None` for a model in training (see [`Model::into_packed`]).
    pub fn rows(&self) -> Option<Rows<'_>> {
        match &self.weights {
            Weights::Packed(packed) => Some(Rows { packed }),
            Weights::Dense(_) => None,
        }
    }

    /// Number of tags.
    pub fn tags(&self) -> usize {
        self.tags
    }

    /// The hasher matching this model's table size.
    pub fn hasher(&self) -> FeatureHasher {
        FeatureHasher::new(self.bits)
    }

    /// The emission scores of every token (`stride` floats each) for bucket features.
    #[cfg(test)]
    pub(crate) fn emissions_of(&self, features: &FeatureSeq) -> Vec<f32> {
        let mut out = vec![0.0; features.len() * self.stride()];
        self.emissions(features, &mut out, &mut Vec::new());
        out
    }

    /// Row width of the emission scores [`Model::emissions`] writes.
    fn stride(&self) -> usize {
        match &self.weights {
            Weights::Dense(_) => self.tags,
            Weights::Packed(p) => p.stride,
        }
    }

    /// The emission scores of every token, `stride()` floats per token (the tags first).
    fn emissions(&self, features: &FeatureSeq, out: &mut [f32], rows_of: &mut Vec<u32>) {
        match &self.weights {
            Weights::Dense(weights) => {
                let t = self.tags;
                for (i, scores) in out.chunks_exact_mut(t).enumerate() {
                    scores.fill(0.0);
                    for &f in features.get(i) {
                        let row = &weights[f as usize * t..(f as usize + 1) * t];
                        for (s, w) in scores.iter_mut().zip(row) {
                            *s += w;
                        }
                    }
                }
            }
            Weights::Packed(p) => match p.stride {
                1 => p.emissions::<1>(features, out, rows_of),
                2 => p.emissions::<2>(features, out, rows_of),
                4 => p.emissions::<4>(features, out, rows_of),
                8 => p.emissions::<8>(features, out, rows_of),
                16 => p.emissions::<16>(features, out, rows_of),
                32 => p.emissions::<32>(features, out, rows_of),
                _ => p.emissions::<64>(features, out, rows_of),
            },
        }
    }

    /// The best tag sequence for a sequence of tokens, each given by its features.
    /// `scratch` is reused between calls to avoid allocation.
    pub fn decode(&self, features: &FeatureSeq, scratch: &mut Scratch) -> Vec<usize> {
        self.decode_biased(features, &[], scratch)
    }

    /// Like [`Model::decode`], with `bias[tag]` added to every token's score for `tag`:
    /// a knob to trade precision for recall of a tag without retraining.
    pub fn decode_biased(
        &self,
        features: &FeatureSeq,
        bias: &[f32],
        scratch: &mut Scratch,
    ) -> Vec<usize> {
        let n = features.len();
        if n == 0 {
            return Vec::new();
        }
        let mut emission = std::mem::take(&mut scratch.emission);
        emission.clear();
        emission.resize(n * self.stride(), 0.0);
        self.emissions(features, &mut emission, &mut scratch.rows);
        let tags = self.decode_emissions(&mut emission, bias, scratch);
        scratch.emission = emission;
        tags
    }

    /// Like [`Model::decode_biased`], for features given as rows of the packed table
    /// ([`Rows::row`]) rather than buckets: the same scores, without the index reads.
    pub fn decode_rows_biased(
        &self,
        rows: &FeatureSeq,
        bias: &[f32],
        scratch: &mut Scratch,
    ) -> Vec<usize> {
        let n = rows.len();
        let Weights::Packed(p) = &self.weights else {
            panic!("decode_rows_biased needs a packed model (Model::into_packed)");
        };
        if n == 0 {
            return Vec::new();
        }
        let mut emission = std::mem::take(&mut scratch.emission);
        emission.clear();
        emission.resize(n * p.stride, 0.0);
        match p.stride {
            1 => p.sum_rows::<1>(&rows.ids, &rows.ends, &mut emission),
            2 => p.sum_rows::<2>(&rows.ids, &rows.ends, &mut emission),
            4 => p.sum_rows::<4>(&rows.ids, &rows.ends, &mut emission),
            8 => p.sum_rows::<8>(&rows.ids, &rows.ends, &mut emission),
            16 => p.sum_rows::<16>(&rows.ids, &rows.ends, &mut emission),
            32 => p.sum_rows::<32>(&rows.ids, &rows.ends, &mut emission),
            _ => p.sum_rows::<64>(&rows.ids, &rows.ends, &mut emission),
        }
        let tags = self.decode_emissions(&mut emission, bias, scratch);
        scratch.emission = emission;
        tags
    }

    /// The best tag sequence given every token's emission scores, `stride` floats per
    /// token (the stride of [`Model::rows`]; the tags first), with `bias[tag]` added to
    /// them.
    pub fn decode_emissions(
        &self,
        emission: &mut [f32],
        bias: &[f32],
        scratch: &mut Scratch,
    ) -> Vec<usize> {
        let mut tags = Vec::new();
        self.decode_emissions_into(emission, bias, scratch, &mut tags);
        tags
    }

    /// [`Model::decode_emissions`] into a buffer the caller keeps (its contents
    /// replaced): taggers that decode sentence after sentence allocate nothing per
    /// sentence.
    pub fn decode_emissions_into(
        &self,
        emission: &mut [f32],
        bias: &[f32],
        scratch: &mut Scratch,
        tags: &mut Vec<usize>,
    ) {
        match self.tags {
            3 => self.viterbi::<3>(emission, bias, scratch, tags),
            5 => self.viterbi::<5>(emission, bias, scratch, tags),
            9 => self.viterbi::<9>(emission, bias, scratch, tags),
            _ => *tags = self.viterbi_any(emission, bias, scratch),
        }
    }

    /// [`Model::decode_emissions`] for any number of tags.
    fn viterbi_any(&self, emission: &mut [f32], bias: &[f32], scratch: &mut Scratch) -> Vec<usize> {
        let t = self.tags;
        let stride = self.stride();
        let n = emission.len() / stride;
        if n == 0 {
            return Vec::new();
        }
        scratch.score.clear();
        scratch.score.resize(n * t, f32::NEG_INFINITY);
        scratch.back.clear();
        scratch.back.resize(n * t, 0);
        for i in 0..n {
            let emission = &mut emission[i * stride..i * stride + t];
            for (e, b) in emission.iter_mut().zip(bias) {
                *e += b;
            }
            for (next, &e) in emission.iter().enumerate() {
                if i == 0 {
                    if self.allowed[t * t + next] {
                        scratch.score[next] = e + self.transitions[t * t + next];
                    }
                    continue;
                }
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0;
                for prev in 0..t {
                    if !self.allowed[prev * t + next] {
                        continue;
                    }
                    let s = scratch.score[(i - 1) * t + prev] + self.transitions[prev * t + next];
                    if s > best {
                        best = s;
                        arg = prev;
                    }
                }
                scratch.score[i * t + next] = best + e;
                scratch.back[i * t + next] = arg;
            }
        }
        let mut tags = vec![0; n];
        let last = &scratch.score[(n - 1) * t..n * t];
        let mut cur = (0..t)
            .max_by(|&a, &b| last[a].total_cmp(&last[b]))
            .unwrap_or(0);
        for i in (0..n).rev() {
            tags[i] = cur;
            cur = scratch.back[i * t + cur];
        }
        tags
    }

    /// [`Model::decode_emissions`] for a model of `T` tags: the same steps, with the
    /// forbidden transitions as minus infinity instead of skipped (a sum with minus
    /// infinity never beats the best, which starts at minus infinity, so the same
    /// maxima and the same arguments), and only the previous token's scores kept.
    fn viterbi<const T: usize>(
        &self,
        emission: &mut [f32],
        bias: &[f32],
        scratch: &mut Scratch,
        tags: &mut Vec<usize>,
    ) {
        let stride = self.stride();
        let n = emission.len() / stride;
        if n == 0 {
            tags.clear();
            return;
        }
        // `transitions[next][prev]`, `start[next]`: forbidden ones minus infinity.
        let score_of = |prev: usize, next: usize| {
            if self.allowed[prev * T + next] {
                self.transitions[prev * T + next]
            } else {
                f32::NEG_INFINITY
            }
        };
        let start: [f32; T] = std::array::from_fn(|next| score_of(T, next));
        let transitions: [[f32; T]; T] =
            std::array::from_fn(|next| std::array::from_fn(|prev| score_of(prev, next)));
        scratch.back8.clear();
        scratch.back8.resize(n * T, 0);
        let (backs, _) = scratch.back8.as_chunks_mut::<T>();
        let mut score = [f32::NEG_INFINITY; T];
        for (i, back) in backs.iter_mut().enumerate() {
            let mut e = [0.0f32; T];
            e.copy_from_slice(&emission[i * stride..i * stride + T]);
            for (e, b) in e.iter_mut().zip(bias) {
                *e += b;
            }
            if i == 0 {
                for next in 0..T {
                    score[next] = e[next] + start[next];
                }
                continue;
            }
            let previous = score;
            for next in 0..T {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0;
                for (prev, (&p, &t)) in previous.iter().zip(&transitions[next]).enumerate() {
                    let s = p + t;
                    if s > best {
                        best = s;
                        arg = prev;
                    }
                }
                score[next] = best + e[next];
                back[next] = arg as u8;
            }
        }
        way_back_into(&score, T, backs, tags);
    }

    /// Write the model compactly: only non-zero weights, as (index, value) pairs.
    pub fn save(&self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(MAGIC)?;
        out.write_all(&u32::try_from(self.tags).unwrap_or(u32::MAX).to_le_bytes())?;
        out.write_all(&self.bits.to_le_bytes())?;
        for &a in &self.allowed {
            out.write_all(&[u8::from(a)])?;
        }
        for &w in &self.transitions {
            out.write_all(&w.to_le_bytes())?;
        }
        let nonzero: Vec<(u32, f32)> = match &self.weights {
            Weights::Dense(weights) => weights
                .iter()
                .enumerate()
                .filter(|(_, w)| **w != 0.0)
                .map(|(i, w)| (i, *w))
                .collect::<Vec<_>>(),
            Weights::Packed(p) => p.pairs(self.tags).collect(),
        }
        .into_iter()
        .map(|(i, w)| (u32::try_from(i).unwrap_or(u32::MAX), w))
        .collect();
        out.write_all(
            &u32::try_from(nonzero.len())
                .unwrap_or(u32::MAX)
                .to_le_bytes(),
        )?;
        // Delta-encoded indices compress well; values as f32.
        let mut prev = 0u32;
        for (i, w) in nonzero {
            out.write_all(&(i - prev).to_le_bytes())?;
            out.write_all(&w.to_le_bytes())?;
            prev = i;
        }
        Ok(())
    }

    /// Read a model written by [`Model::save`].
    pub fn load(input: &mut impl Read) -> std::io::Result<Model> {
        let bad = |why: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, why.to_owned());
        let mut magic = [0u8; 8];
        input.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(bad("not a whosaid perceptron model"));
        }
        let tags = read_u32(input)? as usize;
        let bits = read_u32(input)?;
        if tags == 0 || tags > 64 || bits > 26 {
            return Err(bad("model header out of range"));
        }
        let mut allowed = vec![false; (tags + 1) * tags];
        for a in &mut allowed {
            let mut b = [0u8; 1];
            input.read_exact(&mut b)?;
            *a = b[0] != 0;
        }
        let mut transitions = vec![0.0; (tags + 1) * tags];
        for w in &mut transitions {
            *w = read_f32(input)?;
        }
        let size = (1usize << bits) * tags;
        let count = read_u32(input)? as usize;
        // All the pairs read at once (eight bytes each), then decoded: two small reads
        // per weight cost more than the rest of loading.
        let mut bytes = vec![0u8; count * 8];
        input.read_exact(&mut bytes)?;
        let mut pairs = Vec::with_capacity(count);
        let mut index = 0usize;
        for pair in bytes.as_chunks::<8>().0 {
            let [d0, d1, d2, d3, w0, w1, w2, w3] = *pair;
            index += u32::from_le_bytes([d0, d1, d2, d3]) as usize;
            if index >= size {
                return Err(bad("weight index out of range"));
            }
            pairs.push((index, f32::from_le_bytes([w0, w1, w2, w3])));
        }
        let weights = Weights::Packed(Packed::new(tags, bits, &pairs));
        Ok(Model {
            tags,
            bits,
            weights,
            transitions,
            allowed,
        })
    }
}

const MAGIC: &[u8; 8] = b"WSPERC01";

fn read_u32(input: &mut impl Read) -> std::io::Result<u32> {
    let mut b = [0u8; 4];
    input.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn read_f32(input: &mut impl Read) -> std::io::Result<f32> {
    let mut b = [0u8; 4];
    input.read_exact(&mut b)?;
    Ok(f32::from_le_bytes(b))
}

/// Buffers reused by [`Model::decode`].
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    score: Vec<f32>,
    back: Vec<usize>,
    /// Back pointers of the decoders specialised by tag count.
    back8: Vec<u8>,
    emission: Vec<f32>,
    rows: Vec<u32>,
}

/// Trains a [`Model`] with the averaged perceptron.
#[derive(Debug)]
pub struct Trainer {
    model: Model,
    /// Sum of each weight's value over time, for averaging.
    totals: Vec<f64>,
    /// The step at which each weight last changed.
    stamps: Vec<u64>,
    trans_totals: Vec<f64>,
    trans_stamps: Vec<u64>,
    step: u64,
    scratch: Scratch,
}

impl Trainer {
    /// Start training `model` (usually fresh from [`Model::new`]).
    pub fn new(mut model: Model) -> Trainer {
        let w = model.dense_mut().len();
        let t = model.transitions.len();
        Trainer {
            model,
            totals: vec![0.0; w],
            stamps: vec![0; w],
            trans_totals: vec![0.0; t],
            trans_stamps: vec![0; t],
            step: 0,
            scratch: Scratch::default(),
        }
    }

    /// Learn from one sequence with its gold tags; returns the number of wrong tags the
    /// current model predicted.
    pub fn learn(&mut self, features: &FeatureSeq, gold: &[usize]) -> usize {
        self.step += 1;
        let predicted = self.model.decode(features, &mut self.scratch);
        let wrong = predicted.iter().zip(gold).filter(|(p, g)| p != g).count();
        if wrong == 0 {
            return 0;
        }
        let t = self.model.tags;
        for i in 0..features.len() {
            let feats = features.get(i);
            let (g, p) = (gold[i], predicted[i]);
            let (gp, pp) = if i == 0 {
                (t, t)
            } else {
                (gold[i - 1], predicted[i - 1])
            };
            if g != p {
                for &f in feats {
                    self.bump(f as usize * t + g, 1.0);
                    self.bump(f as usize * t + p, -1.0);
                }
            }
            if g != p || gp != pp {
                self.bump_transition(gp * t + g, 1.0);
                self.bump_transition(pp * t + p, -1.0);
            }
        }
        wrong
    }

    fn bump(&mut self, index: usize, delta: f32) {
        let elapsed = (self.step - self.stamps[index]) as f64;
        let weights = self.model.dense_mut();
        self.totals[index] += elapsed * f64::from(weights[index]);
        self.stamps[index] = self.step;
        weights[index] += delta;
    }

    fn bump_transition(&mut self, index: usize, delta: f32) {
        let elapsed = (self.step - self.trans_stamps[index]) as f64;
        self.trans_totals[index] += elapsed * f64::from(self.model.transitions[index]);
        self.trans_stamps[index] = self.step;
        self.model.transitions[index] += delta;
    }

    /// The averaged model.
    pub fn finish(mut self) -> Model {
        let step = self.step.max(1);
        let weights = self.model.dense_mut();
        for (i, weight) in weights.iter_mut().enumerate() {
            let total = self.totals[i] + (step - self.stamps[i]) as f64 * f64::from(*weight);
            // Round tiny averages to zero so the saved file holds only weights that matter.
            let avg = (total / step as f64) as f32;
            *weight = if avg.abs() < 1e-4 { 0.0 } else { avg };
        }
        for i in 0..self.model.transitions.len() {
            let total = self.trans_totals[i]
                + (step - self.trans_stamps[i]) as f64 * f64::from(self.model.transitions[i]);
            self.model.transitions[i] = (total / step as f64) as f32;
        }
        self.model
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Learn a toy tagging: a word tagged 1 when it follows "said", else 0.
    #[test]
    fn learns_a_simple_pattern_and_round_trips() {
        let hasher = FeatureHasher::new(10);
        let sentences: Vec<Vec<&str>> = vec![
            vec!["she", "said", "yes"],
            vec!["he", "said", "no"],
            vec!["yes", "is", "good"],
            vec!["they", "said", "maybe", "so"],
        ];
        let featurize = |words: &[&str]| -> FeatureSeq {
            let mut seq = FeatureSeq::default();
            for i in 0..words.len() {
                let prev = if i > 0 { words[i - 1] } else { "<s>" };
                seq.push(hasher.bucket(0, &[words[i]]));
                seq.push(hasher.bucket(1, &[prev]));
                seq.end_token();
            }
            seq
        };
        let gold = |words: &[&str]| -> Vec<usize> {
            (0..words.len())
                .map(|i| usize::from(i > 0 && words[i - 1] == "said"))
                .collect()
        };
        let mut trainer = Trainer::new(Model::new(2, 10, |_, _| true));
        for _ in 0..10 {
            for s in &sentences {
                trainer.learn(&featurize(s), &gold(s));
            }
        }
        let model = trainer.finish();
        let test = ["we", "said", "perhaps"];
        let mut scratch = Scratch::default();
        assert_eq!(model.decode(&featurize(&test), &mut scratch), [0, 0, 1]);
        let mut bytes = Vec::new();
        model.save(&mut bytes).unwrap();
        let loaded = Model::load(&mut bytes.as_slice()).unwrap();
        assert_eq!(loaded.decode(&featurize(&test), &mut scratch), [0, 0, 1]);
    }

    #[test]
    fn forbidden_transitions_are_never_decoded() {
        // Tag 1 may never follow tag 0.
        let model = Model::new(2, 4, |prev, next| !(prev == Some(0) && next == 1));
        let mut scratch = Scratch::default();
        let mut seq = FeatureSeq::default();
        seq.end_token();
        seq.end_token();
        let tags = model.decode(&seq, &mut scratch);
        assert!(!(tags[0] == 0 && tags[1] == 1));
    }

    /// A loaded model decodes with the packed table: same scores, same file.
    #[test]
    fn packed_weights_decode_and_save_like_dense_ones() {
        let mut dense = Model::new(5, 8, |_, _| true);
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let weights = dense.dense_mut();
        for _ in 0..300 {
            let i = (next() % weights.len() as u64) as usize;
            weights[i] = (next() % 2001) as f32 / 1000.0 - 1.0;
        }
        let mut bytes = Vec::new();
        dense.save(&mut bytes).unwrap();
        let packed = Model::load(&mut bytes.as_slice()).unwrap();
        assert!(matches!(packed.weights, Weights::Packed(_)));
        let mut again = Vec::new();
        packed.save(&mut again).unwrap();
        assert_eq!(bytes, again);
        let mut seq = FeatureSeq::default();
        for _ in 0..40 {
            for _ in 0..(next() % 12) {
                seq.push((next() % 256) as u32);
            }
            seq.end_token();
        }
        let (mut a, mut b) = (Scratch::default(), Scratch::default());
        assert_eq!(dense.decode(&seq, &mut a), packed.decode(&seq, &mut b));
        let (mut ea, mut eb) = (vec![0.0; 40 * 5], vec![0.0; 40 * 8]);
        dense.emissions(&seq, &mut ea, &mut Vec::new());
        packed.emissions(&seq, &mut eb, &mut Vec::new());
        for i in 0..40 {
            for t in 0..5 {
                assert_eq!(ea[i * 5 + t].to_bits(), eb[i * 8 + t].to_bits());
            }
        }
    }

    /// Pruning drops a bucket only when every weight in it is small, keeps the others'
    /// weights exactly (small ones included), and at 0 keeps everything.
    #[test]
    fn pruning_drops_whole_buckets_of_small_weights() {
        let mut dense = Model::new(3, 4, |_, _| true);
        let weights = dense.dense_mut();
        // Bucket 1: all small. Bucket 2: one large weight among small ones. Bucket 5:
        // a large negative weight.
        weights[3..6].copy_from_slice(&[0.5, -1.5, 1.0]);
        weights[6..9].copy_from_slice(&[0.1, 2.5, -0.2]);
        weights[15..18].copy_from_slice(&[0.0, -3.0, 0.0]);
        let original = dense.clone().into_packed();
        assert_eq!(original.rows_in_use(), 3);
        assert_eq!(dense.clone().pruned(0.0).rows_in_use(), 3);
        let pruned = dense.pruned(2.0);
        assert_eq!(pruned.rows_in_use(), 2);
        let (rows, all) = (pruned.rows().unwrap(), original.rows().unwrap());
        let weights = |rows: Rows<'_>, bucket: u32| -> Vec<f32> {
            let row = rows.row(bucket) as usize * rows.stride();
            rows.packed.rows[row..row + 3].to_vec()
        };
        assert_eq!(rows.row(1), 0, "bucket 1 is gone");
        assert_eq!(weights(rows, 2), weights(all, 2));
        assert_eq!(weights(rows, 2), vec![0.1, 2.5, -0.2]);
        assert_eq!(weights(rows, 5), vec![0.0, -3.0, 0.0]);
    }

    /// The decoders specialised by tag count find what the generic one finds, with
    /// forbidden transitions, ties and a bias.
    #[test]
    fn specialised_viterbi_agrees_with_the_generic_one() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for tags in [3usize, 5, 9] {
            let mut model = Model::new(tags, 6, bio_allowed);
            for w in &mut model.transitions {
                // Few distinct values, so that ties happen.
                *w = (next() % 5) as f32 - 2.0;
            }
            let model = model.into_packed();
            let stride = model.stride();
            let bias: Vec<f32> = (0..tags).map(|t| if t == 1 { 1.5 } else { 0.0 }).collect();
            for len in [1usize, 2, 7, 40] {
                let emission: Vec<f32> = (0..len * stride)
                    .map(|_| (next() % 7) as f32 * 0.5 - 1.5)
                    .collect();
                let (mut a, mut b) = (emission.clone(), emission);
                let (mut sa, mut sb) = (Scratch::default(), Scratch::default());
                assert_eq!(
                    model.decode_emissions(&mut a, &bias, &mut sa),
                    model.viterbi_any(&mut b, &bias, &mut sb),
                    "{tags} tags, {len} tokens"
                );
            }
        }
    }

    /// Decoding rows gives what decoding their buckets gives.
    #[test]
    fn rows_decode_like_buckets() {
        let mut dense = Model::new(3, 8, bio_allowed);
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let weights = dense.dense_mut();
        for _ in 0..200 {
            let i = (next() % weights.len() as u64) as usize;
            weights[i] = (next() % 2001) as f32 / 1000.0 - 1.0;
        }
        let packed = dense.into_packed();
        let table = packed.rows().unwrap();
        let (mut buckets, mut rows) = (FeatureSeq::default(), FeatureSeq::default());
        for _ in 0..30 {
            for _ in 0..(next() % 9) {
                let b = (next() % 256) as u32;
                buckets.push(b);
                rows.push(table.row(b));
            }
            buckets.end_token();
            rows.end_token();
        }
        let bias = [0.0, 0.7, 0.0];
        let (mut a, mut b) = (Scratch::default(), Scratch::default());
        assert_eq!(
            packed.decode_biased(&buckets, &bias, &mut a),
            packed.decode_rows_biased(&rows, &bias, &mut b)
        );
    }

    /// The bucket of a feature is FNV-1a over its parts byte by byte, each part followed
    /// by 0xff, however it is computed: the committed models depend on these values.
    #[test]
    fn buckets_are_fnv_over_the_parts() {
        let reference = |template: u32, parts: &[&str]| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(template).wrapping_mul(0x9E37_79B9);
            for part in parts {
                for &b in part.as_bytes().iter().chain(&[0xff]) {
                    h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                }
            }
            ((h ^ (h >> 29) ^ (h >> 47)) as u32) & ((1 << 20) - 1)
        };
        let hasher = FeatureHasher::new(20);
        let words = [
            "",
            "a",
            "of",
            "the",
            "said",
            "speech",
            "country",
            "’s",
            "président",
            "headquarters",
            "internationalisation",
            "<s>",
        ];
        for (t, a) in words.iter().enumerate() {
            for b in words {
                let t = t as u32 * 7;
                let expected = reference(t, &[a, b]);
                assert_eq!(hasher.bucket(t, &[a, b]), expected);
                assert_eq!(hasher.finish(Partial::new(t).then(a).then(b)), expected);
                assert_eq!(hasher.bucket(t, &[a]), reference(t, &[a]));
            }
        }
    }

    #[test]
    fn garbage_is_not_a_model() {
        assert!(Model::load(&mut &b"not a model at all"[..]).is_err());
    }
}
