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
    pub fn bucket(&self, template: u32, parts: &[&str]) -> u32 {
        // FNV-1a: fast on short strings, stable across platforms and releases (the
        // committed model depends on it never changing).
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(template).wrapping_mul(0x9E37_79B9);
        for part in parts {
            for &b in part.as_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
            h ^= 0xff;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // Fold the high bits in: FNV's low bits are weak.
        let folded = (h ^ (h >> 29) ^ (h >> 47)) as u32;
        folded & ((1u32 << self.bits) - 1)
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
    weights: Vec<f32>,
    /// `transitions[prev * tags + next]`; `prev == tags` is the start state.
    transitions: Vec<f32>,
    /// `allowed[prev * tags + next]`, same layout.
    allowed: Vec<bool>,
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
            weights: vec![0.0; (1usize << bits) * tags],
            transitions: vec![0.0; (tags + 1) * tags],
            allowed: mask,
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

    fn emission(&self, features: &[u32], scores: &mut [f32]) {
        scores.fill(0.0);
        for &f in features {
            let row = &self.weights[f as usize * self.tags..(f as usize + 1) * self.tags];
            for (s, w) in scores.iter_mut().zip(row) {
                *s += w;
            }
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
        let t = self.tags;
        if n == 0 {
            return Vec::new();
        }
        scratch.score.clear();
        scratch.score.resize(n * t, f32::NEG_INFINITY);
        scratch.back.clear();
        scratch.back.resize(n * t, 0);
        scratch.emission.resize(t, 0.0);
        for i in 0..n {
            self.emission(features.get(i), &mut scratch.emission);
            for (e, b) in scratch.emission.iter_mut().zip(bias) {
                *e += b;
            }
            for next in 0..t {
                let e = scratch.emission[next];
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
        let nonzero: Vec<(u32, f32)> = self
            .weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != 0.0)
            .map(|(i, w)| (u32::try_from(i).unwrap_or(u32::MAX), *w))
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
        let mut weights = vec![0.0; (1usize << bits) * tags];
        let count = read_u32(input)?;
        let mut index = 0usize;
        for _ in 0..count {
            index += read_u32(input)? as usize;
            let w = read_f32(input)?;
            *weights
                .get_mut(index)
                .ok_or_else(|| bad("weight index out of range"))? = w;
        }
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
    emission: Vec<f32>,
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
    pub fn new(model: Model) -> Trainer {
        let w = model.weights.len();
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
        self.totals[index] += elapsed * f64::from(self.model.weights[index]);
        self.stamps[index] = self.step;
        self.model.weights[index] += delta;
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
        for i in 0..self.model.weights.len() {
            let total =
                self.totals[i] + (step - self.stamps[i]) as f64 * f64::from(self.model.weights[i]);
            // Round tiny averages to zero so the saved file holds only weights that matter.
            let avg = (total / step as f64) as f32;
            self.model.weights[i] = if avg.abs() < 1e-4 { 0.0 } else { avg };
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

    #[test]
    fn garbage_is_not_a_model() {
        assert!(Model::load(&mut &b"not a model at all"[..]).is_err());
    }
}
