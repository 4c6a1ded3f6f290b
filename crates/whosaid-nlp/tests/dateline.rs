//! The dateline the reader found is a place, never a speaker, however the taggers read it.

use whosaid_core::{Document, EntityType};

fn analysed(dateline: &str, paragraphs: &[&str]) -> whosaid_nlp::Analysis {
    let mut doc = Document::from_body_paragraphs("story.html", paragraphs.iter().copied());
    doc.meta.dateline = Some(dateline.to_owned());
    whosaid_nlp::analyze(&doc)
}

#[test]
fn a_shouted_dateline_is_a_place_and_does_not_speak() {
    let analysis = analysed(
        "PORT KELLAN, Norland",
        &[
            "PORT KELLAN, Norland — More than 900 dock workers walked off the job at Port Kellan \
             on Tuesday after talks over pay and shift patterns broke down.",
            "“Nobody takes this decision lightly,” said Ida Brekke, who chairs the union.",
        ],
    );
    let kellan: Vec<_> = analysis
        .entities
        .iter()
        .filter(|e| e.name.to_lowercase().contains("kellan"))
        .collect();
    assert!(!kellan.is_empty(), "{:?}", analysis.entities);
    assert!(
        kellan.iter().all(|e| e.kind == EntityType::Place),
        "{kellan:?}"
    );
    let speakers: Vec<&str> = analysis
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref().map(|s| s.name.as_str()))
        .collect();
    assert!(
        !speakers.iter().any(|s| s.to_lowercase().contains("kellan")),
        "{speakers:?}"
    );
    assert!(speakers.contains(&"Ida Brekke"), "{speakers:?}");
}

#[test]
fn a_person_named_after_the_dateline_place_stays_a_person() {
    let analysis = analysed(
        "WASHINGTON",
        &[
            "WASHINGTON — “The union was always fragile,” historian Martha Washington said on \
           Tuesday.",
        ],
    );
    let person = analysis
        .entities
        .iter()
        .find(|e| e.name == "Martha Washington")
        .unwrap_or_else(|| panic!("{:?}", analysis.entities));
    assert_eq!(person.kind, EntityType::Person);
    assert_eq!(
        analysis.quotes[0].speaker.as_ref().map(|s| s.name.as_str()),
        Some("Martha Washington")
    );
}

#[test]
fn a_shouted_place_of_short_words_is_spelled_as_a_name() {
    let analysis = analysed(
        "NEW YORK",
        &["NEW YORK (AP) — Apple shares fell 4% on Friday after weaker iPhone sales in China."],
    );
    let names: Vec<&str> = analysis
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Place)
        .map(|e| e.name.as_str())
        .collect();
    assert!(names.contains(&"New York"), "{names:?}");
    // Acronyms stay as they are.
    assert!(analysis.entities.iter().all(|e| e.name != "Ap"));
}

/// An organization's acronym of four letters or more stays in capitals: "NATO", not
/// "Nato" (the un-shouting meant for a dateline's "WASHINGTON"). The dateline still reads
/// as a name.
#[test]
fn an_acronym_of_four_letters_or_more_is_spelled_as_printed() {
    let analysis = analysed(
        "WASHINGTON",
        &[
            "WASHINGTON (AP) — NATO said on Friday that the alliance would meet. MSNBC reported the talks.",
        ],
    );
    let names: Vec<&str> = analysis.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"NATO"), "{names:?}");
    assert!(names.contains(&"Washington"), "{names:?}");
    assert!(!names.contains(&"Nato"), "{names:?}");
}
