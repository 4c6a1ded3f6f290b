//! A quotation that runs over several paragraphs, written as news writes it: each
//! paragraph of the quotation opens with a mark and only the last one closes. Whichever
//! paragraph holds the attribution, the whole quotation is one statement of that speaker;
//! before, the paragraphs after the first were lost or left without a speaker.

use whosaid_core::Document;

/// (speaker name, the content's parts) of every statement of a document.
fn statements(paragraphs: &[&str]) -> Vec<(String, Vec<String>)> {
    let doc = Document::from_body_paragraphs("paragraphs.txt", paragraphs.iter().copied());
    whosaid_nlp::analyze(&doc)
        .quotes
        .into_iter()
        .map(|q| {
            let parts = if q.parts.is_empty() {
                vec![q.content.text]
            } else {
                q.parts.into_iter().map(|p| p.text).collect()
            };
            (q.speaker.map(|s| s.name).unwrap_or_default(), parts)
        })
        .collect()
}

fn one(speaker: &str, parts: &[&str]) -> Vec<(String, Vec<String>)> {
    vec![(
        speaker.to_owned(),
        parts.iter().map(|p| (*p).to_owned()).collect(),
    )]
}

#[test]
fn a_quotation_opened_after_the_cue_goes_on_over_the_next_paragraphs() {
    assert_eq!(
        statements(&[
            "Jones said: “We have been working on this plan for a very long time and it will finally pay off.",
            "“The workers of this city deserve much better than what they have been given so far.",
            "“We will not stop until the job is done.”",
            "The council meets again on Monday.",
        ]),
        one(
            "Jones",
            &[
                "“We have been working on this plan for a very long time and it will finally pay off.",
                "“The workers of this city deserve much better than what they have been given so far.",
                "“We will not stop until the job is done.”",
            ]
        )
    );
}

#[test]
fn the_attribution_in_the_last_paragraph_speaks_for_the_ones_before() {
    assert_eq!(
        statements(&[
            "The mayor spoke for an hour.",
            "“The first paragraph of a long quotation runs on for a while before it stops.",
            "“The second paragraph of it ends the statement here,” said Maria Lopez.",
        ]),
        one(
            "Maria Lopez",
            &[
                "“The first paragraph of a long quotation runs on for a while before it stops.",
                "“The second paragraph of it ends the statement here,”",
            ]
        )
    );
}

#[test]
fn a_quotation_going_on_after_the_attribution_goes_on_over_paragraphs() {
    assert_eq!(
        statements(&[
            "“There is no alternative to dialogue,” Peskov told reporters. “We have said so many times before today.",
            "“We will keep trying to talk with everyone who wants to.”",
        ]),
        one(
            "Peskov",
            &[
                "“There is no alternative to dialogue,”",
                "“We have said so many times before today.",
                "“We will keep trying to talk with everyone who wants to.”",
            ]
        )
    );
}

/// A scraped page that opens an excerpt's paragraphs with straight marks and quotes inside
/// it with curly ones: the curly paragraph is a quotation of its own, not the excerpt's
/// continuation.
#[test]
fn a_paragraph_opening_with_another_kind_of_mark_does_not_continue() {
    let found = statements(&[
        "\"The campaign bus was late again and the crowd had been waiting for hours in the cold.",
        "“We are going to win this state and then we are going to win the whole thing,” Maria Lopez said.",
    ]);
    let lopez: Vec<_> = found.iter().filter(|(s, _)| s == "Maria Lopez").collect();
    assert_eq!(lopez.len(), 1, "{found:?}");
    assert_eq!(
        lopez[0].1,
        ["“We are going to win this state and then we are going to win the whole thing,”"]
    );
}
