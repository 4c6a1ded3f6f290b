//! The user's document, end to end: `whosaid extract` on the seed must find every statement
//! `expected.json` requires, with the right speaker, attribute nothing wrongly, and name the
//! people, organizations and places a careful reader finds.
//!
//! The rules are expected.json's own (its `rules` field): a required quote is found when an
//! extracted content contains the expected content, or lies inside it covering at least
//! 80% of it, and the resolved speaker is the expected one; an optional quote may be found
//! or not, but never with a person who did not say it; every extracted quote must match a
//! listed one.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed_record() -> Value {
    let seed = repo().join("examples/articles/ap-trump-putin-2025-01-31.txt");
    let output = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["extract", seed.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn expected() -> Value {
    let path = repo().join("crates/whosaid-read/tests/fixtures/seed/expected.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// expected.json's matching rule, on text.
fn matches(extracted: &str, expected: &str) -> bool {
    extracted.contains(expected)
        || (expected.contains(extracted)
            && extracted.chars().count() * 5 >= expected.chars().count() * 4)
}

fn speaker(quote: &Value) -> Option<&str> {
    quote["speaker"]["name"].as_str()
}

#[test]
fn every_required_statement_is_found_with_its_speaker() {
    let record = seed_record();
    let quotes = record["quotes"].as_array().unwrap();
    for want in expected()["quotes"].as_array().unwrap() {
        if want["required"] != true {
            continue;
        }
        let content = want["content"].as_str().unwrap();
        let found: Vec<&Value> = quotes
            .iter()
            .filter(|q| matches(q["content"]["text"].as_str().unwrap(), content))
            .collect();
        assert!(!found.is_empty(), "not found: {content}");
        assert!(
            found.iter().any(|q| speaker(q) == want["speaker"].as_str()),
            "{content}: speaker {:?}, expected {}",
            found.iter().map(|q| speaker(q)).collect::<Vec<_>>(),
            want["speaker"]
        );
    }
}

#[test]
fn nothing_is_attributed_wrongly_or_invented() {
    let record = seed_record();
    let listed = expected();
    let listed = listed["quotes"].as_array().unwrap();
    for quote in record["quotes"].as_array().unwrap() {
        let text = quote["content"]["text"].as_str().unwrap();
        let matching: Vec<&Value> = listed
            .iter()
            .filter(|want| matches(text, want["content"].as_str().unwrap()))
            .collect();
        assert!(
            !matching.is_empty(),
            "an extracted quote matches no listed one: {text}"
        );
        // Found with a speaker: it must be someone who said one of the statements it holds.
        if let Some(name) = speaker(quote) {
            assert!(
                matching
                    .iter()
                    .any(|want| want["speaker"].as_str() == Some(name)),
                "{text}: attributed to {name}"
            );
        }
    }
}

#[test]
fn the_people_and_places_of_the_story_are_named() {
    let record = seed_record();
    let entities = record["entities"].as_array().unwrap();
    let named = |kind: &str, name: &str| {
        entities
            .iter()
            .find(|e| e["type"] == kind && e["name"].as_str().unwrap().eq_ignore_ascii_case(name))
    };
    let expected = expected();
    for (name, mentions) in expected["entities"]["person"].as_object().unwrap() {
        let entity = named("person", name).unwrap_or_else(|| panic!("person {name} not found"));
        let found: Vec<&str> = entity["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["text"].as_str().unwrap())
            .collect();
        for mention in mentions.as_array().unwrap() {
            let mention = mention.as_str().unwrap();
            assert!(
                found.contains(&mention),
                "{name}: mention {mention:?} not in {found:?}"
            );
        }
    }
    for kind in ["organization", "place"] {
        for name in expected["entities"][kind].as_array().unwrap() {
            let name = name.as_str().unwrap();
            assert!(named(kind, name).is_some(), "{kind} {name} not found");
        }
    }
    // Nobody is invented: every person entity is one the reader finds.
    let people: Vec<&str> = expected["entities"]["person"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for e in entities.iter().filter(|e| e["type"] == "person") {
        assert!(
            people.contains(&e["name"].as_str().unwrap()),
            "invented person {}",
            e["name"]
        );
    }
}

#[test]
fn on_friday_is_the_publication_day() {
    let record = seed_record();
    let dates = record["dates"].as_array().unwrap();
    let friday = dates
        .iter()
        .find(|d| d["text"] == "on Friday")
        .expect("“on Friday” is found");
    assert_eq!(friday["date"], "2025-01-31");
}
