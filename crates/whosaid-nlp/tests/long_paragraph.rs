//! A page scraped without paragraph breaks is one enormous paragraph: every statement in it
//! must still be found, each with its own speaker and words (the role tagger reads a
//! window around each cue there, so the work grows with the length, not its square).

use whosaid_core::Document;

#[test]
fn every_statement_of_a_page_long_paragraph_is_found() {
    let names = [
        "Alice Moreau",
        "Brian Okafor",
        "Carla Jensen",
        "Dmitri Ivanov",
    ];
    let sentences: Vec<String> = (0..600)
        .map(|i| {
            format!(
                "{} said the plan for district {i} would work.",
                names[i % names.len()]
            )
        })
        .collect();
    let paragraph = sentences.join(" ");
    let doc = Document::from_body_paragraphs("long.html", [paragraph.as_str()]);
    let analysis = whosaid_nlp::analyze(&doc);
    assert_eq!(analysis.quotes.len(), sentences.len());
    for (i, quote) in analysis.quotes.iter().enumerate() {
        assert_eq!(
            quote.content.text,
            format!("the plan for district {i} would work")
        );
        let speaker = quote
            .speaker
            .as_ref()
            .expect("every statement has a speaker");
        assert_eq!(speaker.name, names[i % names.len()]);
    }
}
