//! Case tables for the article helpers the text and HTML readers share: dates, bylines,
//! datelines, captions and credits.

use rstest::rstest;
use whosaid_read::article::byline::{clean_byline, mixed_case_spelling};
use whosaid_read::article::credit::split_caption_credit;
use whosaid_read::article::dateline::detect_dateline;
use whosaid_read::article::dates::{parse_published, parse_stamp};
use whosaid_read::article::lexicon::{Debris, debris};

#[rstest]
// The forms news sites print, with and without zones.
#[case("Jan 31, 2025, 2:15 PM", Some("2025-01-31T14:15:00"))]
#[case("January 31, 2025 at 2:15 p.m. ET", Some("2025-01-31T14:15:00-05:00"))]
#[case("July 4, 2025 at 9:00 a.m. ET", Some("2025-07-04T09:00:00-04:00"))]
#[case(
    "Updated 3:04 PM EST, Fri January 31, 2025",
    Some("2025-01-31T15:04:00-05:00")
)]
#[case(
    "Published Wednesday, March 19, 2025, 2:00 PM EDT",
    Some("2025-03-19T14:00:00-04:00")
)]
#[case("31 January 2025", Some("2025-01-31"))]
#[case("31st January 2025", Some("2025-01-31"))]
#[case("Jan. 31, 2025", Some("2025-01-31"))]
#[case("Sept. 5, 2024", Some("2024-09-05"))]
#[case("2025-01-31T14:15:00Z", Some("2025-01-31T14:15:00+00:00"))]
#[case("2025-01-31T14:15:00.000+01:00", Some("2025-01-31T14:15:00+01:00"))]
#[case("2025-01-31", Some("2025-01-31"))]
#[case("Fri 31 Jan 2025 14.15 GMT", Some("2025-01-31T14:15:00+00:00"))]
#[case("Fri, 31 Jan 2025 14:15:00 +0000", Some("2025-01-31T14:15:00+00:00"))]
#[case("31 January 2025 • 2:15pm", Some("2025-01-31T14:15:00"))]
#[case("Friday 31 January 2025 14:15 BST", Some("2025-01-31T14:15:00+01:00"))]
#[case("March 14, 20259:42 AM GMT", Some("2025-03-14T09:42:00+00:00"))]
#[case("Jan 31, 2025 12:05 AM PT", Some("2025-01-31T00:05:00-08:00"))]
#[case("01/31/2025", Some("2025-01-31"))]
#[case("31/01/2025", Some("2025-01-31"))]
#[case("31.01.2025 14:15", Some("2025-01-31T14:15:00"))]
#[case("2025/01/31", Some("2025-01-31"))]
#[case(
    "Published 10:03 AM IST, January 31, 2025",
    Some("2025-01-31T10:03:00+05:30")
)]
// Not publication dates: relative, time alone, no year, impossible, prose.
#[case("2 hours ago", None)]
#[case("Updated 2 hrs ago", None)]
#[case("yesterday", None)]
#[case("Published 10:03 AM GMT+1", None)]
#[case("Jan 31", None)]
#[case("February 30, 2025", None)]
#[case("On Jan 31, 2025, Trump signed the order.", None)]
#[case("", None)]
fn published_dates(#[case] input: &str, #[case] expected: Option<&str>) {
    assert_eq!(parse_published(input).as_deref(), expected, "{input:?}");
}

#[rstest]
#[case("Updated 3:04 PM EST, Fri January 31, 2025", true, false)]
#[case("Last modified: 31 January 2025", true, false)]
#[case("Published Jan 31, 2025", false, true)]
#[case("Posted on January 31, 2025", false, true)]
#[case("Jan 31, 2025", false, false)]
fn stamps_say_whether_they_publish_or_update(
    #[case] input: &str,
    #[case] updated: bool,
    #[case] published: bool,
) {
    let stamp = parse_stamp(input).unwrap();
    assert_eq!(
        (stamp.updated, stamp.published),
        (updated, published),
        "{input:?}"
    );
}

#[rstest]
#[case("BY ASSOCIATED PRESS", Some("Associated Press"))]
#[case("By Jane Doe, Reuters", Some("Jane Doe"))]
#[case("By Jane Doe and John Roe", Some("Jane Doe and John Roe"))]
#[case("Jane Doe | Reuters", Some("Jane Doe"))]
#[case("Jane Doe, CNN", Some("Jane Doe"))]
#[case("By JANE DOE", Some("Jane Doe"))]
#[case(
    "By JOHN MCDONALD and CONAN O'BRIEN",
    Some("John McDonald and Conan O'Brien")
)]
#[case("BY JEAN-PAUL DE LA CRUZ", Some("Jean-Paul de la Cruz"))]
#[case("By Jane Doe, Staff Writer", Some("Jane Doe"))]
#[case(
    "By Jane Doe, Transport Correspondent and John Roe",
    Some("Jane Doe and John Roe")
)]
#[case("By Jane Doe jane.doe@example.com", Some("Jane Doe"))]
#[case("By Jane Doe Updated 3:04 PM EST", Some("Jane Doe"))]
#[case("By Jane Doe | January 30, 2025", Some("Jane Doe"))]
#[case("Jane Doe in Kyiv", Some("Jane Doe"))]
#[case("By Jane Doe for The Washington Post", Some("Jane Doe"))]
#[case("Written by: Jane Doe", Some("Jane Doe"))]
#[case("Author: Jane Doe (jane@example.com)", Some("Jane Doe"))]
#[case("By admin", None)]
#[case(
    "Reporting by Jane Doe in London; Editing by John Roe",
    Some("Jane Doe")
)]
#[case("By Jane Doe, MD", Some("Jane Doe, MD"))]
#[case("By Maren Olsby, Coastline Herald", Some("Maren Olsby"))]
#[case("By Jane Doe and John Post", Some("Jane Doe and John Post"))]
#[case("By Reuters", Some("Reuters"))]
#[case("By The Associated Press", Some("The Associated Press"))]
#[case("By Staff", None)]
#[case("By Staff Reports", None)]
#[case("By the numbers", None)]
#[case("By July 2013, the show was renamed", None)]
#[case("By Friday, talks had collapsed", None)]
#[case("", None)]
fn bylines(#[case] input: &str, #[case] expected: Option<&str>) {
    assert_eq!(clean_byline(input).as_deref(), expected, "{input:?}");
}

#[test]
fn shouted_bylines_prefer_the_documents_own_spelling() {
    let text = "BY ASSOCIATED PRESS\n\nAssociated Press's Profile Picture";
    assert_eq!(
        mixed_case_spelling("Associated Press", text),
        Some("Associated Press")
    );
    // Only a mixed-case spelling counts, and not one inside a longer word.
    assert_eq!(
        mixed_case_spelling("Jane Doe", "BY JANE DOE\nJane Doesworth"),
        None
    );
}

#[rstest]
#[case("WASHINGTON (AP) — President Donald Trump said", Some(("WASHINGTON", "WASHINGTON (AP) — ")))]
#[case("LONDON (Reuters) - Britain's economy grew", Some(("LONDON", "LONDON (Reuters) - ")))]
#[case("KYIV, Ukraine — Russian drones struck", Some(("KYIV, Ukraine", "KYIV, Ukraine — ")))]
#[case("NEW YORK, Jan 31 (Reuters) - Wall Street rose", Some(("NEW YORK", "NEW YORK, Jan 31 (Reuters) - ")))]
#[case("NASHUA, N.H. - At the moment Chris Christie", Some(("NASHUA, N.H.", "NASHUA, N.H. - ")))]
#[case("ST. LOUIS (AP) — A judge ruled", Some(("ST. LOUIS", "ST. LOUIS (AP) — ")))]
#[case("UNITED NATIONS (AP) — The Security Council", Some(("UNITED NATIONS", "UNITED NATIONS (AP) — ")))]
#[case("WASHINGTON -- The Senate voted", Some(("WASHINGTON", "WASHINGTON -- ")))]
#[case("Washington (CNN) — President Donald Trump", Some(("Washington", "Washington (CNN) — ")))]
#[case("Washington\nCNN\n — \nPresident Donald Trump", Some(("Washington", "Washington\nCNN\n — \n")))]
// Not datelines: kickers, outlets, ordinary sentences, compound words.
#[case("EXCLUSIVE – Roger Stone: Don't trust the machines", None)]
#[case("CNN — The network said", None)]
#[case("Washington — the city, not the state — voted", None)]
#[case("WASHINGTON-based groups said", None)]
#[case("The president said — again — that talks were near.", None)]
#[case("WASHINGTON (AP) —", None)]
#[case::two_letters("AI — the technology everyone talks about", None)]
fn datelines(#[case] paragraph: &str, #[case] expected: Option<(&str, &str)>) {
    let got = detect_dateline(paragraph).map(|d| (d.place, &paragraph[..d.len]));
    let got = got
        .as_ref()
        .map(|(place, prefix)| (place.as_str(), *prefix));
    assert_eq!(got, expected, "{paragraph:?}");
}

#[rstest]
#[case(
    "President Donald Trump speaks in the Oval Office. (AP Photo/Evan Vucci)",
    "President Donald Trump speaks in the Oval Office.",
    Some("AP Photo/Evan Vucci")
)]
#[case(
    "Flooding in Valencia. (Getty Images)",
    "Flooding in Valencia.",
    Some("Getty Images")
)]
#[case(
    "Flooding in Valencia (Photo by Jane Doe/Getty Images)",
    "Flooding in Valencia",
    Some("Jane Doe/Getty Images")
)]
#[case(
    "Zelenskyy in Kyiv on Friday. Photograph: Efrem Lukatsky/AP",
    "Zelenskyy in Kyiv on Friday.",
    Some("Efrem Lukatsky/AP")
)]
#[case(
    "Crowds gather in Kyiv. Photo: Jane Doe/Reuters",
    "Crowds gather in Kyiv.",
    Some("Jane Doe/Reuters")
)]
#[case(
    "Trump in the Oval Office on Friday.Credit...Doug Mills/The New York Times",
    "Trump in the Oval Office on Friday.",
    Some("Doug Mills/The New York Times")
)]
#[case(
    "Trump at the White House. Evan Vucci/AP",
    "Trump at the White House.",
    Some("Evan Vucci/AP")
)]
#[case(
    "A fire in Odesa. Press service/Handout via REUTERS",
    "A fire in Odesa.",
    Some("Press service/Handout via REUTERS")
)]
#[case("Credit: ASSOCIATED PRESS", "", Some("ASSOCIATED PRESS"))]
#[case("(AP Photo/Evan Vucci)", "", Some("AP Photo/Evan Vucci"))]
#[case("(Getty Images)", "", Some("Getty Images"))]
#[case("Reuters/Jane Doe", "", Some("Reuters/Jane Doe"))]
#[case("Image: Getty Images", "", Some("Getty Images"))]
#[case("Image source, Getty Images", "", Some("Getty Images"))]
#[case("Getty.", "", Some("Getty"))]
// Shapes the HTML reader brought: a paper and its photographer, a courtesy, an agency
// after the last sentence, a photographer "for" an agency.
#[case(
    "Councillors vote on Tuesday. (Riverton Daily/Ana Soto)",
    "Councillors vote on Tuesday.",
    Some("Riverton Daily/Ana Soto")
)]
#[case(
    "The couple in 1962. Courtesy of the family",
    "The couple in 1962.",
    Some("Courtesy of the family")
)]
#[case(
    "Crowds gather on Monday. Getty Images",
    "Crowds gather on Monday.",
    Some("Getty Images")
)]
#[case(
    "Smoke over Kyiv. Jane Doe for AFP",
    "Smoke over Kyiv.",
    Some("Jane Doe for AFP")
)]
// Not credits: a politician's party, a poll's sources, a tweet's link, plain prose.
#[case("Sen. Ted Cruz (R-Texas)", "Sen. Ted Cruz (R-Texas)", None)]
#[case("Which will it be (Yes/No)", "Which will it be (Yes/No)", None)]
#[case(
    "Trump leads in Indiana. [HuffPost, NBC/WSJ/Marist, ARG]",
    "Trump leads in Indiana. [HuffPost, NBC/WSJ/Marist, ARG]",
    None
)]
#[case(
    "Stands empty. pic.twitter.com/9zj0xslwSA",
    "Stands empty. pic.twitter.com/9zj0xslwSA",
    None
)]
#[case(
    "The big picture: talks resume Monday.",
    "The big picture: talks resume Monday.",
    None
)]
fn captions_and_credits(#[case] input: &str, #[case] caption: &str, #[case] credit: Option<&str>) {
    assert_eq!(split_caption_credit(input), (caption, credit), "{input:?}");
}

#[rstest]
#[case("date 2025-01-31 Close", Some(Debris::Widget))]
#[case("Associated Press's Profile Picture", Some(Debris::Widget))]
#[case("Share", Some(Debris::Widget))]
#[case("Share this article", Some(Debris::Widget))]
#[case("Advertisement", Some(Debris::Widget))]
#[case("Read more", Some(Debris::Trailer))]
#[case("Sign up for The Morning newsletter", Some(Debris::Widget))]
#[case("Subscribe", Some(Debris::Widget))]
#[case("Follow us", Some(Debris::Widget))]
#[case("Listen to this article", Some(Debris::Widget))]
#[case("Comments", Some(Debris::Trailer))]
#[case("12 Comments", Some(Debris::Widget))]
#[case("Related", Some(Debris::Trailer))]
#[case("Most read", Some(Debris::Trailer))]
#[case(
    "Copyright 2025 The Associated Press. All rights reserved.",
    Some(Debris::Widget)
)]
#[case("© 2025 Reuters", Some(Debris::Widget))]
#[case(
    "We use cookies to improve your experience on our site.",
    Some(Debris::Widget)
)]
#[case("5 min read", Some(Debris::Widget))]
// Prose that opens like debris stays.
#[case("Share prices fell sharply on Friday.", None)]
#[case("Comments from the minister drew criticism.", None)]
#[case("Related charges were filed on Friday.", None)]
#[case("Follow the money, the senator said.", None)]
fn debris_phrases(#[case] input: &str, #[case] expected: Option<Debris>) {
    assert_eq!(debris(input), expected, "{input:?}");
}
