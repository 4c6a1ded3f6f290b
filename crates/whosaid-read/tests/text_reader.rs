//! Behaviour of the scraped-text reader a user would notice, one case at a time.

use whosaid_read::text::read_text;
use whosaid_read::{Hints, ReadErrorKind};

fn read(input: &str) -> whosaid_read::Document {
    read_text("t.txt", input.to_owned(), &Hints::default()).unwrap()
}

fn paragraphs(doc: &whosaid_read::Document) -> Vec<&str> {
    doc.paragraph_texts().collect()
}

#[test]
fn the_containers_title_finds_a_headline_below_site_text() {
    let input = "Subscribe to The Ledger for $1\n\nLedger Extra Edition\n\n\
                 Mayor unveils housing plan\n\nThe mayor on Monday unveiled a plan to build 5,000 homes.\n\n\
                 Critics said it came too late.\n";
    let hints = Hints {
        title: Some("Mayor unveils housing plan | The Ledger".into()),
        ..Hints::default()
    };
    let doc = read_text("t.txt", input.to_owned(), &hints).unwrap();
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Mayor unveils housing plan")
    );
    assert_eq!(
        paragraphs(&doc),
        [
            "The mayor on Monday unveiled a plan to build 5,000 homes.",
            "Critics said it came too late."
        ]
    );
}

#[test]
fn hints_fill_what_the_text_does_not_say_and_never_override_it() {
    let input = "Mayor unveils housing plan\n\nThe mayor on Monday unveiled a plan.\n";
    let hints = Hints {
        url: Some("https://example.com/housing".into()),
        published: Some("2025-02-03T09:30:00Z".into()),
        ..Hints::default()
    };
    let doc = read_text("t.txt", input.to_owned(), &hints).unwrap();
    assert_eq!(
        doc.meta.published.as_deref(),
        Some("2025-02-03T09:30:00+00:00")
    );
    assert_eq!(doc.meta.url.as_deref(), Some("https://example.com/housing"));

    let dated =
        "Mayor unveils housing plan\n\nFeb 1, 2025\n\nThe mayor on Monday unveiled a plan.\n";
    let doc = read_text("t.txt", dated.to_owned(), &hints).unwrap();
    assert_eq!(doc.meta.published.as_deref(), Some("2025-02-01"));
}

#[test]
fn a_title_hint_that_the_text_does_not_hold_still_names_the_article() {
    let input = "The mayor on Monday unveiled a plan to build 5,000 homes across the city, \
                 the largest such effort in decades, officials said at a news conference.\n";
    let hints = Hints {
        title: Some("Mayor unveils housing plan".into()),
        ..Hints::default()
    };
    let doc = read_text("t.txt", input.to_owned(), &hints).unwrap();
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Mayor unveils housing plan")
    );
    assert_eq!(doc.headline_span, None);
    assert_eq!(doc.paragraphs.len(), 1);
}

#[test]
fn a_single_paragraph_is_body_not_headline() {
    let doc = read("“We are close,” the minister said.\n");
    assert_eq!(doc.meta.headline, None);
    assert_eq!(paragraphs(&doc), ["“We are close,” the minister said."]);
}

#[test]
fn a_story_that_opens_with_its_dateline_has_no_headline_to_lose() {
    let doc = read("NATIONAL NEWS\n\nWASHINGTON (AP) — The Senate voted.\n\nThe House is next.\n");
    assert_eq!(doc.meta.headline, None);
    assert_eq!(doc.meta.section.as_deref(), Some("National News"));
    assert_eq!(doc.meta.dateline.as_deref(), Some("WASHINGTON"));
    assert_eq!(
        paragraphs(&doc),
        ["WASHINGTON (AP) — The Senate voted.", "The House is next."]
    );
}

#[test]
fn the_headline_repeated_at_the_end_is_not_body() {
    let doc = read(
        "Talks resume in Geneva\n\nDiplomats met on Monday.\n\nThey meet again Tuesday.\n\nTalks resume in Geneva\n",
    );
    assert_eq!(
        paragraphs(&doc),
        ["Diplomats met on Monday.", "They meet again Tuesday."]
    );
    assert!(doc.headline_span.unwrap().start == 0);
}

#[test]
fn a_truncated_caption_and_its_full_version_are_one_picture() {
    let input = "Talks resume in Geneva\n\n\
                 Diplomats arrive at the Palais des Nations in Geneva for a second round of t...\n\n\
                 Diplomats arrive at the Palais des Nations in Geneva for a second round of talks. (AP Photo/Jane Doe)\n\n\
                 Diplomats met on Monday for a second round of talks.\n\nThey meet again Tuesday.\n";
    let doc = read(input);
    assert_eq!(doc.meta.images.len(), 1);
    assert_eq!(
        doc.meta.images[0].credit.as_deref(),
        Some("AP Photo/Jane Doe")
    );
    assert_eq!(
        doc.meta.images[0].caption.as_deref(),
        Some("Diplomats arrive at the Palais des Nations in Geneva for a second round of talks.")
    );
    assert_eq!(doc.paragraphs.len(), 2);
}

/// Without blank lines, a wrapped paragraph ends at a line too short to have been
/// wrapped. (A last line that is nearly full cannot be told from a wrapped one.)
#[test]
fn windows_line_endings_and_hard_wrapping_without_blank_lines() {
    let input = "Drought deepens across the plains\r\n\
                 Reservoirs across the region are holding about half the water they\r\n\
                 usually do at this time of year, and farmers say they are changing\r\n\
                 what they plant this spring.\r\n\
                 State water officials have not announced restrictions, but they have\r\n\
                 asked irrigation districts to prepare plans.\r\n\
                 Forecasters expect below-normal rainfall through April and May.\r\n";
    let doc = read(input);
    assert_eq!(
        doc.meta.headline.as_deref(),
        Some("Drought deepens across the plains")
    );
    let got = paragraphs(&doc);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(got[0].ends_with("changing\r\nwhat they plant this spring."));
    assert_eq!(
        got[2],
        "Forecasters expect below-normal rainfall through April and May."
    );
}

#[test]
fn blank_input_and_page_furniture_alone_are_errors_with_a_sentence() {
    let err = read_text("blank.txt", " \n\n\t\n".into(), &Hints::default()).unwrap_err();
    assert_eq!(err.kind(), ReadErrorKind::Empty);
    assert!(err.message().contains("blank.txt"));
    let err = read_text(
        "menu.txt",
        "Share\n\nAdvertisement\n\nSubscribe\n".into(),
        &Hints::default(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ReadErrorKind::NoContent);
    // A menu's labels, none of them a sentence, are not an article either.
    let err = read_text(
        "nav.txt",
        "Home\nWorld\nSport\nLog in\n".into(),
        &Hints::default(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ReadErrorKind::NoContent);
    assert!(err.message().contains("nav.txt holds no article text"));
    // One short sentence is.
    let doc = read_text(
        "brief.txt",
        "Bridge closed\n\nPolice shut it.\n".into(),
        &Hints::default(),
    )
    .unwrap();
    assert_eq!(paragraphs(&doc), ["Police shut it."]);
}

#[test]
fn a_standfirst_above_the_byline_is_the_description() {
    let input = "Talks resume in Geneva\n\nA second round opens with both sides far apart on borders\n\n\
                 By Jane Doe\n\nJan 31, 2025\n\nDiplomats met on Monday.\n\nThey meet again Tuesday.\n";
    let doc = read(input);
    assert_eq!(
        doc.meta.description.as_deref(),
        Some("A second round opens with both sides far apart on borders")
    );
    assert_eq!(
        paragraphs(&doc),
        ["Diplomats met on Monday.", "They meet again Tuesday."]
    );
}

#[test]
fn advertisements_inside_the_body_do_not_push_the_first_paragraph_out() {
    let input = "Talks resume in Geneva\n\nDiplomats met on Monday for a second round.\n\n\
                 Advertisement\n\nThey meet again Tuesday, officials said.\n";
    let doc = read(input);
    assert_eq!(
        paragraphs(&doc),
        [
            "Diplomats met on Monday for a second round.",
            "They meet again Tuesday, officials said."
        ]
    );
    assert_eq!(doc.meta.description, None);
}

proptest::proptest! {
    /// Whatever the text, the reader does not panic, and every span it returns is a
    /// trimmed, in-order slice of the input on character boundaries.
    #[test]
    fn any_text_reads_without_panic_into_valid_spans(input in "(\\PC{0,40}[\\n ]{0,3}){0,30}") {
        if let Ok(doc) = read_text("p.txt", input.clone(), &Hints::default()) {
            let mut last_end = 0;
            for span in &doc.paragraphs {
                proptest::prop_assert!(span.start >= last_end && span.end <= input.len());
                proptest::prop_assert!(input.is_char_boundary(span.start) && input.is_char_boundary(span.end));
                let text = &input[span.start..span.end];
                proptest::prop_assert!(!text.is_empty() && text.trim() == text);
                last_end = span.end;
            }
            if let Some(h) = doc.headline_span {
                proptest::prop_assert!(input.is_char_boundary(h.start) && input.is_char_boundary(h.end));
                proptest::prop_assert!(doc.paragraphs.iter().all(|p| p.overlap(h) == 0));
            }
        }
    }
}

#[test]
fn a_date_after_the_first_paragraphs_does_not_take_them_out_of_the_body() {
    let input = "Talks resume in Geneva\n\nA second round opens with both sides far apart\n\n\
                 By Jane Doe\n\nDiplomats met on Monday.\n\nJan 31, 2025\n\nThey meet again Tuesday.\n";
    let doc = read(input);
    assert_eq!(
        doc.meta.description.as_deref(),
        Some("A second round opens with both sides far apart")
    );
    assert_eq!(
        paragraphs(&doc),
        ["Diplomats met on Monday.", "They meet again Tuesday."]
    );
    assert_eq!(doc.meta.published.as_deref(), Some("2025-01-31"));
}

#[test]
fn quoted_words_that_open_like_a_widget_stay_in_the_body() {
    let input = "Skaters lead the way\n\nThe women met a group of boys under the tracks.\n\n\
                 “Follow us,” Ms. Okafor said, and the children walked behind her.\n\n\
                 \"Sign up now, it's free,\" the organizer told them.\n\n\
                 \"Follow Pam Key on Twitter @pamkeyNEN.\"\n";
    assert_eq!(
        paragraphs(&read(input)),
        [
            "The women met a group of boys under the tracks.",
            "“Follow us,” Ms. Okafor said, and the children walked behind her.",
            "\"Sign up now, it's free,\" the organizer told them.",
        ]
    );
}

#[test]
fn a_paragraph_ending_in_a_stray_quotation_mark_is_text_not_a_caption() {
    // PolNeAR train (HuffPost, 2015-11-08): the closing mark typed as an opening one. The
    // lone mark after the last full stop once read as a picture credit, and the whole
    // quotation went into the images as a caption.
    let input = "Carson defends himself\n\n\
                 He said he was being targeted because he was a threat.\n\n\
                 “They can look at the polling data,” he said. “They see that. “\n\n\
                 This story has been updated.\n";
    let doc = read(input);
    assert_eq!(
        paragraphs(&doc),
        [
            "He said he was being targeted because he was a threat.",
            "“They can look at the polling data,” he said. “They see that. “",
            "This story has been updated.",
        ]
    );
    assert!(doc.meta.images.is_empty());
}
