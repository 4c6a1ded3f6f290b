//! Part-of-speech tags a user of the attribution taggers would notice: the reporting verb,
//! a noun that looks like a verb, names with periods, pronouns, modals.
//!
//! Sentences are written for the test. The speed measurement reads PolNeAR's training
//! texts from `../shared/data` and is ignored by default:
//! `cargo test --release -p whosaid-nlp --test pos -- --ignored --nocapture`.

use rstest::rstest;
use whosaid_core::Span;
use whosaid_nlp::pos::{PosTagger, Tag, tag};
use whosaid_nlp::prepare::prepare;

/// The tag of the first token written exactly `word` in `text` (one paragraph).
fn tag_of(text: &str, word: &str) -> Tag {
    let prepared = prepare(text, None, &[Span::new(0, text.len())]);
    let block = &prepared.blocks[0];
    let tags = tag(block, text);
    let at = block
        .tokens
        .iter()
        .position(|t| t.text(text) == word)
        .unwrap_or_else(|| panic!("{word:?} is not a token of {text:?}"));
    tags[at]
}

#[rstest]
#[case::said_is_past_tense("The senator said the bill would pass.", "said", Tag::Vbd)]
#[case::said_after_quote("“We will win,” Trump said on Tuesday.", "said", Tag::Vbd)]
#[case::claims_the_noun("The claims were false, officials said.", "claims", Tag::Nns)]
#[case::claims_the_verb("He claims the election was stolen.", "claims", Tag::Vbz)]
#[case::report_the_noun("A report released Monday found no fraud.", "report", Tag::Nn)]
#[case::us_is_a_name("U.S. officials said the talks would continue.", "U.S.", Tag::Nnp)]
#[case::possessive_name("Russia’s foreign ministry denied it.", "Russia’s", Tag::Nnp)]
#[case::he("Asked about the deal, he declined to comment.", "he", Tag::Prp)]
#[case::his("She criticized his remarks on immigration.", "his", Tag::PrpPoss)]
#[case::will_is_modal("The president will sign the order on Friday.", "will", Tag::Md)]
#[case::that_after_said("She said that the vote was fair.", "that", Tag::In)]
fn tags_in_context(#[case] text: &str, #[case] word: &str, #[case] expected: Tag) {
    assert_eq!(tag_of(text, word), expected, "{word:?} in {text:?}");
}

#[test]
fn claims_is_a_verb_or_a_noun_by_context() {
    assert!(tag_of("He claims victory.", "claims").is_verb());
    assert!(tag_of("His claims of victory were premature.", "claims").is_noun());
    assert!(tag_of("U.S. officials said so.", "U.S.").is_proper());
    assert!(tag_of("They said so.", "They").is_pronoun());
}

#[test]
fn builtin_model_loads_and_tags_every_token() {
    let tagger = PosTagger::builtin();
    let text = "Officials said Tuesday that the U.S. would not send troops.";
    let prepared = prepare(text, None, &[Span::new(0, text.len())]);
    let tags = tagger.tag(&prepared.blocks[0], text);
    assert_eq!(tags.len(), prepared.blocks[0].len());
    assert_eq!(tags.last(), Some(&Tag::Punct));
}

#[test]
fn every_tag_has_a_name_that_maps_back() {
    for tag in Tag::ALL {
        assert_eq!(Tag::ALL[tag as usize], tag);
        // The merged classes are not Penn tags; every other name reads back as itself.
        if !matches!(
            tag,
            Tag::Wh | Tag::Punct | Tag::Quote | Tag::Sym | Tag::Other
        ) {
            assert_eq!(Tag::from_penn(tag.name()), tag, "{}", tag.name());
        }
    }
    assert_eq!(Tag::from_penn("EX"), Tag::Prp);
    assert_eq!(Tag::from_penn("WRB"), Tag::Wh);
    assert_eq!(Tag::from_penn("``"), Tag::Quote);
}

/// Tagging speed over PolNeAR's training texts (prepared beforehand; only tagging is
/// timed). Prints the rate; asserts nothing about it.
#[test]
#[ignore = "reads ../shared/data; run in release with --ignored --nocapture"]
fn tagging_speed_on_polnear_train() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/polnear/train/text");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("PolNeAR train texts") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read_to_string(path).unwrap());
        }
    }
    let started = std::time::Instant::now();
    let prepared: Vec<_> = texts
        .iter()
        .map(|text| {
            let mut paragraphs = Vec::new();
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                let span = Span::new(offset, offset + line.len()).trim(text);
                if !span.is_empty() {
                    paragraphs.push(span);
                }
                offset += line.len();
            }
            prepare(text, None, &paragraphs)
        })
        .collect();
    let prepare_time = started.elapsed();
    let tagger = PosTagger::builtin();
    let tokens: usize = prepared
        .iter()
        .flat_map(|p| &p.blocks)
        .map(|b| b.len())
        .sum();
    // Warm up (model load, page faults), then time a few passes.
    let mut checksum = 0usize;
    for (p, text) in prepared.iter().zip(&texts) {
        for block in &p.blocks {
            checksum += tagger.tag(block, text).len();
        }
    }
    let passes = 3;
    let started = std::time::Instant::now();
    for _ in 0..passes {
        for (p, text) in prepared.iter().zip(&texts) {
            for block in &p.blocks {
                checksum += tagger.tag(block, text).len();
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64() / f64::from(passes);
    assert_eq!(checksum, tokens * (passes as usize + 1));
    println!(
        "{} articles, {tokens} tokens: tagging {:.3} µs/token, {:.0} tokens/s, {:.0} articles/s \
         on one core (prepare alone: {:.3} µs/token)",
        texts.len(),
        elapsed * 1e6 / tokens as f64,
        tokens as f64 / elapsed,
        texts.len() as f64 / elapsed,
        prepare_time.as_secs_f64() * 1e6 / tokens as f64,
    );
}
