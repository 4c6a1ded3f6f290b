//! Recognising the same wire story in the outlets that republished it.
//!
//! Each body becomes a MinHash signature over its 5-word shingles (64 minima, one per
//! hash function). Two bodies' signatures agree in a share of positions that estimates
//! the Jaccard similarity of their shingle sets, so a story reprinted with a different
//! headline, an extra paragraph or a trimmed ending still matches, while two stories on the
//! same event in different words do not. Finding candidates without comparing every pair
//! is the usual banding: 16 bands of 4 minima each are hashed and stored; articles that
//! share a band are compared in full. With 16×4 a pair at similarity 0.5 shares a band
//! with probability 1-(1-0.5⁴)¹⁶ ≈ 0.64, at 0.7 about 0.98, at 0.8 over 0.999.
//!
//! Written here rather than taken from a crate: the whole method is the fifty lines below,
//! and the signature must stay byte-stable across versions since it is stored.

use xxhash_rust::xxh3::xxh3_64;

/// Hash functions in a signature.
pub(crate) const HASHES: usize = 64;
/// Bands of [`ROWS`] minima each.
pub(crate) const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
/// Words per shingle.
const SHINGLE: usize = 5;
/// Estimated Jaccard similarity from which two bodies are the same story.
pub(crate) const SAME_STORY: f64 = 0.5;
/// Bodies shorter than this many words are not grouped: too little to tell.
const MIN_WORDS: usize = 25;

/// A body's MinHash signature.
pub(crate) type Signature = [u32; HASHES];

/// The signature of a body, or `None` for a body too short to compare.
pub(crate) fn signature(body: &str) -> Option<Signature> {
    let mut lower = Vec::new();
    let words: Vec<u64> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| word_hash(w, &mut lower))
        .collect();
    if words.len() < MIN_WORDS {
        return None;
    }
    let mut minima = [u32::MAX; HASHES];
    for window in words.windows(SHINGLE) {
        let shingle = window.iter().fold(0u64, |acc, w| {
            acc.rotate_left(13) ^ w.wrapping_mul(0x9E37_79B9_7F4A_7C15)
        });
        for (i, min) in minima.iter_mut().enumerate() {
            let value = (splitmix64(shingle ^ SEEDS[i]) >> 32) as u32;
            if value < *min {
                *min = value;
            }
        }
    }
    Some(minima)
}

/// The hash of a word's lower case. ASCII words (nearly all in English news) are lowered
/// into a reused buffer: `str::to_lowercase` allocated a string for every word of every
/// body, a third of the signature's cost. Both give the same bytes for ASCII.
fn word_hash(word: &str, lower: &mut Vec<u8>) -> u64 {
    if word.is_ascii() {
        lower.clear();
        lower.extend(word.bytes().map(|b| b.to_ascii_lowercase()));
        xxh3_64(lower)
    } else {
        xxh3_64(word.to_lowercase().as_bytes())
    }
}

/// The band hashes of a signature, as stored in `article_bands` (the band's index is
/// mixed in, so equal minima in different bands do not collide).
pub(crate) fn bands(signature: &Signature) -> [i64; BANDS] {
    let mut out = [0i64; BANDS];
    for (band, chunk) in signature.chunks(ROWS).enumerate() {
        let mut bytes = Vec::with_capacity(ROWS * 4 + 1);
        bytes.push(band as u8);
        for value in chunk {
            bytes.extend_from_slice(&value.to_le_bytes());
        }
        out[band] = xxh3_64(&bytes) as i64;
    }
    out
}

/// Estimated Jaccard similarity of two bodies.
pub(crate) fn similarity(a: &Signature, b: &Signature) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / HASHES as f64
}

/// A signature as stored (little-endian u32s).
pub(crate) fn to_blob(signature: &Signature) -> Vec<u8> {
    signature.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A stored signature, or `None` if the blob is not one.
pub(crate) fn from_blob(blob: &[u8]) -> Option<Signature> {
    if blob.len() != HASHES * 4 {
        return None;
    }
    let mut out = [0u32; HASHES];
    for (value, bytes) in out.iter_mut().zip(blob.chunks_exact(4)) {
        *value = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    }
    Some(out)
}

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// One seed per hash function, fixed forever (signatures are stored).
const SEEDS: [u64; HASHES] = {
    let mut seeds = [0u64; HASHES];
    let mut i = 0;
    let mut state = 0x5157_4F53_4149_4421u64; // "WHOSAID!"
    while i < HASHES {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        seeds[i] = z ^ (z >> 31);
        i += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Russian President Vladimir Putin on Friday praised U.S. President Donald \
        Trump as a clever and pragmatic man who is focused on the interests of his country, and \
        said he was ready to meet him. The Kremlin said no meeting had been arranged. Trump has \
        said repeatedly he wouldn't have allowed the conflict to start if he had been president. \
        Putin said the two countries always had a business-like, pragmatic but also trusting \
        relationship, and that it was better to meet and talk calmly about the issues.";

    #[test]
    fn a_reprint_with_other_debris_is_the_same_story() {
        let reprint = format!(
            "Posted 3:15 PM. {STORY} Copyright 2025 The Associated Press. All rights reserved."
        );
        let a = signature(STORY).unwrap();
        let b = signature(&reprint).unwrap();
        assert!(similarity(&a, &b) >= SAME_STORY, "{}", similarity(&a, &b));
        let shared = bands(&a).iter().filter(|x| bands(&b).contains(x)).count();
        assert!(shared > 0);
    }

    #[test]
    fn another_story_on_the_same_event_is_not() {
        let other = "Vladimir Putin says he is ready for talks with Donald Trump, the Kremlin \
            said on Friday, as fighting continued in eastern Ukraine. Officials in Kyiv said \
            any deal reached without Ukraine would not be accepted, and European leaders \
            called for more military aid to be sent before the summer offensive begins.";
        let a = signature(STORY).unwrap();
        let b = signature(other).unwrap();
        assert!(similarity(&a, &b) < 0.2, "{}", similarity(&a, &b));
    }

    #[test]
    fn word_hashes_are_those_of_the_lower_cased_words() {
        // Signatures are stored: the ASCII shortcut must hash exactly what
        // `str::to_lowercase` gives, and other words still go through it.
        let mut buffer = Vec::new();
        for word in [
            "Putin",
            "KREMLIN",
            "u",
            "2025",
            "Zürich",
            "ΣΟΦΙΑ",
            "İstanbul",
            "x9Y",
        ] {
            assert_eq!(
                word_hash(word, &mut buffer),
                xxh3_64(word.to_lowercase().as_bytes()),
                "{word}"
            );
        }
        let mut mixed = String::from(STORY);
        mixed.push_str(" Zürich's ΣΟΦΙΑ and İstanbul officials SAID so.");
        let words: Vec<u64> = mixed
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| xxh3_64(w.to_lowercase().as_bytes()))
            .collect();
        let mut minima = [u32::MAX; HASHES];
        for window in words.windows(SHINGLE) {
            let shingle = window.iter().fold(0u64, |acc, w| {
                acc.rotate_left(13) ^ w.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            });
            for (i, min) in minima.iter_mut().enumerate() {
                *min = (*min).min((splitmix64(shingle ^ SEEDS[i]) >> 32) as u32);
            }
        }
        assert_eq!(signature(&mixed), Some(minima));
    }

    #[test]
    fn short_bodies_are_not_grouped_and_blobs_round_trip() {
        assert!(signature("Too short to tell.").is_none());
        let a = signature(STORY).unwrap();
        assert_eq!(from_blob(&to_blob(&a)), Some(a));
        assert_eq!(from_blob(b"junk"), None);
    }
}
