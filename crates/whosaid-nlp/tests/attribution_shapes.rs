//! Plain shapes of reported speech that news writes every day, each with a short clause:
//! the role tagger, trained on PolNeAR's long sentences, missed the content of every one
//! of these (`quotes::clause_of_cue` fills it in when grammar settles it).

use whosaid_core::Document;

/// (content, cue, source, speaker name) of every statement of a one-paragraph document.
fn statements(paragraph: &str) -> Vec<(String, String, String, String)> {
    statements_of(&Document::from_body_paragraphs("shapes.txt", [paragraph]))
}

/// (content, cue, source, speaker name) of every statement of `doc`.
fn statements_of(doc: &Document) -> Vec<(String, String, String, String)> {
    whosaid_nlp::analyze(doc)
        .quotes
        .into_iter()
        .map(|q| {
            (
                q.content.text,
                q.cue.map(|c| c.text).unwrap_or_default(),
                q.source.map(|s| s.text).unwrap_or_default(),
                q.speaker.map(|s| s.name).unwrap_or_default(),
            )
        })
        .collect()
}

fn one(
    content: &str,
    cue: &str,
    source: &str,
    speaker: &str,
) -> Vec<(String, String, String, String)> {
    vec![(content.into(), cue.into(), source.into(), speaker.into())]
}

#[test]
fn according_to_before_a_short_clause() {
    assert_eq!(
        statements("According to the police, the driver was drunk."),
        one(
            "the driver was drunk",
            "According to",
            "the police",
            "the police"
        )
    );
    assert_eq!(
        statements(
            "The talks began on Monday. According to officials, the meeting went well. Both sides will meet again."
        ),
        one(
            "the meeting went well",
            "According to",
            "officials",
            "officials"
        )
    );
}

#[test]
fn told_reporters_without_that() {
    assert_eq!(
        statements("Former Labour minister Peter Hain told reporters the plan would fail."),
        one(
            "the plan would fail",
            "told",
            "Former Labour minister Peter Hain",
            "Peter Hain"
        )
    );
}

#[test]
fn a_question_or_a_phrase_is_not_made_a_statement() {
    // "told" with no clause after it, and a question: nothing to report.
    assert_eq!(statements("Hain told reporters about the plan."), vec![]);
    assert_eq!(
        statements("Did Hain tell reporters the plan would fail?"),
        vec![]
    );
}

/// A person named in the source speaks, not the organization before their title, nor
/// the person whose spokesman they are (both used to be taken: the first name inside the
/// source won).
#[test]
fn the_person_in_a_titled_source_speaks() {
    let speaker = |paragraph: &str| statements(paragraph).pop().map(|s| s.3);
    assert_eq!(
        speaker(
            "According to White House press secretary Karoline Leavitt, the meeting went well."
        ),
        Some("Karoline Leavitt".into())
    );
    assert_eq!(
        speaker("NBC News moderator Matt Lauer said the debate would go ahead on Monday."),
        Some("Matt Lauer".into())
    );
    assert_eq!(
        speaker("Trump's spokesman Steven Cheung said the president would sign the bill."),
        Some("Steven Cheung".into())
    );
    // Nobody named speaks: the description is the speaker.
    assert_eq!(
        speaker("Donald Trump won in 2016. Trump's lawyer said the case had no merit."),
        Some("Trump's lawyer".into())
    );
}

/// The adverb after the cue says how it was said, not what (the seed's careful reader
/// leaves "repeatedly" out of Trump's words).
#[test]
fn the_cues_adverb_is_not_content() {
    let contents: Vec<String> =
        statements("Trump has said repeatedly he wouldn't have allowed the conflict to start if he had been in office.")
            .into_iter()
            .map(|s| s.0)
            .collect();
    assert_eq!(
        contents,
        ["he wouldn't have allowed the conflict to start if he had been in office"]
    );
}

#[test]
fn a_contrast_starts_another_groups_statement() {
    let found = statements(
        "Some warned that higher taxes could slow hiring, while others argued the plan was overdue.",
    );
    assert_eq!(
        found,
        vec![
            (
                "that higher taxes could slow hiring".to_owned(),
                "warned".to_owned(),
                "Some".to_owned(),
                "Some".to_owned()
            ),
            (
                "the plan was overdue".to_owned(),
                "argued".to_owned(),
                "others".to_owned(),
                "others".to_owned()
            ),
        ]
    );
}

#[test]
fn after_a_quotation_and_its_cue_the_reporters_words_are_not_content() {
    assert_eq!(
        statements(
            "“There is nothing to discuss,” a senior Russian official told The Associated Press on condition of anonymity because he was not authorized to speak publicly."
        ),
        one(
            "“There is nothing to discuss,”",
            "told",
            "a senior Russian official",
            "a senior Russian official"
        )
    );
}

#[test]
fn reported_speech_before_its_attribution_without_quotation_marks() {
    assert_eq!(
        statements("The vote in the northern provinces was rigged from the start, he claimed."),
        one(
            "The vote in the northern provinces was rigged from the start",
            "claimed",
            "he",
            "he"
        )
    );
    assert_eq!(
        statements("The economy is stronger than ever, the president insisted on Tuesday."),
        one(
            "The economy is stronger than ever",
            "insisted",
            "the president",
            "the president"
        )
    );
    assert_eq!(
        statements("We will win this election and we will win it big, said Smith."),
        one(
            "We will win this election and we will win it big",
            "said",
            "Smith",
            "Smith"
        )
    );
    // Look-alikes: a name, a participle, a circumstance before the comma.
    for narration in [
        "The crowd cheered for the candidate, his family and his aide, Hope Hicks.",
        "Sanders lost the primary by a wide margin, conceding the race.",
        "In the text accompanying the video post, Wallnau wrote:",
        "Ceasefire talks stall as both sides trade blame.",
    ] {
        assert_eq!(statements(narration), vec![], "{narration}");
    }
}

#[test]
fn a_short_quotation_signed_with_a_dash_is_a_statement() {
    assert_eq!(
        statements("“It was terrifying.” — Carlos Mendez, a fisherman from Key West."),
        one(
            "“It was terrifying.”",
            "—",
            "Carlos Mendez",
            "Carlos Mendez"
        )
    );
    // A scare quote before a parenthesis between dashes is not.
    assert_eq!(
        statements("The “elites” — Smith and Jones — met again."),
        vec![]
    );
}

#[test]
fn a_quotation_attributed_before_is_not_the_next_cues_content() {
    let found = statements(
        "“I am voting for Bernie,” said Nicky Driscoll, 24, from Manchester, who said Sanders is honest.",
    );
    let contents: Vec<&str> = found.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(contents, ["“I am voting for Bernie,”", "Sanders is honest"]);
    assert_eq!(found[1].3, "Nicky Driscoll");
}

/// The parts of the one statement of a paragraph, with its speaker.
fn parts_and_speaker(paragraph: &str) -> (Vec<String>, String) {
    let doc = Document::from_body_paragraphs("shapes.txt", [paragraph]);
    let quotes = whosaid_nlp::analyze(&doc).quotes;
    assert_eq!(
        quotes.len(),
        1,
        "one statement in {paragraph:?}: {quotes:#?}"
    );
    let q = &quotes[0];
    let parts = if q.parts.is_empty() {
        vec![q.content.text.clone()]
    } else {
        q.parts.iter().map(|p| p.text.clone()).collect()
    };
    let speaker = q
        .speaker
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    (parts, speaker)
}

#[test]
fn an_attribution_set_inside_the_sentence_it_reports() {
    // Both sides of the attribution are the speaker's words.
    assert_eq!(
        parts_and_speaker(
            "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999."
        ),
        (
            vec![
                "Lenox was a juggernaut".to_owned(),
                "until it went bankrupt in 1999".to_owned()
            ],
            "Clarke".to_owned()
        )
    );
    assert_eq!(
        parts_and_speaker(
            "The middle fifth paid 8.9 percent, the agency said in a June report, and those in the bottom fifth paid 0.8 percent."
        )
        .0,
        vec![
            "The middle fifth paid 8.9 percent",
            "and those in the bottom fifth paid 0.8 percent"
        ]
    );
    // After an inverted attribution a description of the source is not what was said,
    // nor is the reporter's apposition to the statement.
    assert_eq!(
        parts_and_speaker(
            "Russian stations dropped the service in 2005, said Jeffrey Trimble, a senior official who oversees the broadcasts."
        )
        .0,
        vec!["Russian stations dropped the service in 2005"]
    );
    assert_eq!(
        parts_and_speaker(
            "Migrants from Central America would be treated as a distinct group, Sanders said, a policy that could make it easier for them to stay."
        )
        .0,
        vec!["Migrants from Central America would be treated as a distinct group"]
    );
}

#[test]
fn a_circumstance_before_the_attribution_is_no_statement() {
    let doc = Document::from_body_paragraphs(
        "shapes.txt",
        ["During the same interview, he said, the mood was tense."],
    );
    let quotes = whosaid_nlp::analyze(&doc).quotes;
    assert!(
        quotes
            .iter()
            .all(|q| !q.content.text.starts_with("During the same interview")
                || q.content.text.contains("the mood was tense")),
        "{quotes:#?}"
    );
}

#[test]
fn a_belief_reported_inside_a_statement_is_the_reporters_statement() {
    // What the spokesman says Obama hopes is the spokesman's statement: the record must
    // not also give Obama (or, worse, the spokesman) a second statement "that his
    // successor will push…" of its own.
    assert_eq!(
        statements(
            "The spokesman said Obama hopes that his successor will push for the same goals."
        ),
        one(
            "Obama hopes that his successor will push for the same goals",
            "said",
            "The spokesman",
            "The spokesman"
        )
    );
    assert_eq!(
        statements("The mayor said the police chief believes the protests will end soon."),
        one(
            "the police chief believes the protests will end soon",
            "said",
            "The mayor",
            "The mayor"
        )
    );
}

#[test]
fn quoted_words_reported_inside_a_statement_keep_their_speaker() {
    // The marked words are Clinton's, reported by Trump: both statements stay, and the
    // describing is Clinton's, not Trump's.
    let found = statements(
        "Trump said Clinton once described the Trans-Pacific Partnership as “the gold standard” of trade deals.",
    );
    let speaker_of = |cue: &str| {
        found
            .iter()
            .find(|(_, c, _, _)| c == cue)
            .map(|(_, _, _, speaker)| speaker.as_str())
    };
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(speaker_of("said"), Some("Trump"));
    assert_eq!(speaker_of("once described"), Some("Clinton"));
}

#[test]
fn a_quotation_inside_a_statement_is_no_statement_of_its_own() {
    // The second quotation is part of what Trump claimed, not an unattributed quotation
    // beside it.
    assert_eq!(
        statements(
            "Trump has long claimed that voting fraud is “a big, big problem in this country” but “nobody has the guts to talk about it.”"
        ),
        one(
            "that voting fraud is “a big, big problem in this country” but “nobody has the guts to talk about it.”",
            "has long claimed",
            "Trump",
            "Trump"
        )
    );
}

/// Texts from news archives print a double quotation mark as two apostrophes (''…''),
/// as The New York Times's pages in PolNeAR do: the quotation is direct, and it is what
/// its cue reports, not the narration after it.
#[test]
fn two_apostrophes_are_a_double_quotation_mark() {
    let kinds = |paragraph: &str| -> Vec<(String, whosaid_core::QuoteKind)> {
        let doc = Document::from_body_paragraphs("shapes.txt", [paragraph]);
        whosaid_nlp::analyze(&doc)
            .quotes
            .into_iter()
            .map(|q| (q.content.text, q.kind))
            .collect()
    };
    assert_eq!(
        kinds("''We want to help,'' Ms. Okafor said."),
        [(
            "''We want to help,''".to_owned(),
            whosaid_core::QuoteKind::Direct
        )]
    );
    assert_eq!(
        statements("''Follow us,'' Ms. Okafor said, and the children, curious, walked behind her."),
        one("''Follow us,''", "said", "Ms. Okafor", "Okafor")
    );
}

/// "said A, but that B": "that" after the "but" opens a second clause of the same cue, so
/// the speaker's words go on; a demonstrative "but that is…" is the reporter's comment.
#[test]
fn but_that_continues_what_was_said() {
    assert_eq!(
        statements("The mayor said the plan had cut crime, but that there was still more to do."),
        one(
            "the plan had cut crime, but that there was still more to do",
            "said",
            "The mayor",
            "The mayor"
        )
    );
    assert_eq!(
        statements(
            "The mayor said the plan had cut crime, but that is not enough for the council."
        ),
        one("the plan had cut crime", "said", "The mayor", "The mayor")
    );
}

/// Words in Title Case between quotation marks name a film, a book or a show; nobody said
/// them. A quotation with words of a sentence is still kept, unattributed.
#[test]
fn a_title_in_quotation_marks_is_not_a_statement() {
    assert_eq!(
        statements(
            "The actor, who starred in “How the Grinch Stole Christmas,” a film that made millions, moved to Texas."
        ),
        []
    );
    let chant = statements("The crowd chanted “we want our country back” as the doors closed.");
    assert!(
        chant
            .iter()
            .any(|s| s.0.contains("“we want our country back”")),
        "{chant:?}"
    );
}

/// A guide labels its paragraphs ("Pros:", "Cons:", "Tip:"): a label is a speaker only
/// when it names someone, or when what follows it sounds like someone talking ("I",
/// "we", a quotation mark; a guide's "you" is the reader).
#[test]
fn a_paragraph_label_is_a_speaker_only_when_it_names_someone() {
    let doc = Document::from_body_paragraphs(
        "guide.txt",
        [
            "The best budget laptops of the year, tested by our editors.",
            "The Acme Air 14 is the lightest of the lot.",
            "Pros: A bright screen, a long battery life and a sturdy case.",
            "Cons: The keyboard is cramped and the speakers are weak.",
            "Tip: You can dim the screen to make the battery last longer.",
            "The Zenbook Go is the cheapest.",
            "Pros: A fast processor and a good webcam for the price.",
            "Cons: The battery lasts five hours at most.",
            "Tip: Your old charger will work with it.",
            // The writer's own notes, even with "we": no one is quoted.
            "FYI: We ran each laptop for two weeks in our lab before this review.",
            "Case Studies: View all the case studies of our testing lab.",
            "Q: What would you change first?",
            "A: I would fix the keyboard before anything else.",
        ],
    );
    let speakers: Vec<String> = whosaid_nlp::analyze(&doc)
        .quotes
        .into_iter()
        .filter_map(|q| q.source.map(|s| s.text))
        .collect();
    assert_eq!(speakers, ["Q", "A"]);
}

/// A second clause with a speaker of its own, joined by ", and", "but" or a contrast, is
/// a second statement: the first one's content ends before it, and the second one is not
/// swallowed by the first.
#[test]
fn a_joined_clause_with_its_own_speaker_is_a_second_statement() {
    let contents = |paragraph: &str| -> Vec<(String, String)> {
        statements(paragraph)
            .into_iter()
            .map(|(content, _, source, _)| (content, source))
            .collect()
    };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(c, s)| (c.to_string(), s.to_string()))
            .collect()
    };
    assert_eq!(
        contents(
            "The mayor said that the bridge would open in May, and her aides say that the tolls will stay low."
        ),
        pairs(&[
            ("that the bridge would open in May", "The mayor"),
            ("that the tolls will stay low", "her aides"),
        ])
    );
    assert_eq!(
        contents(
            "The minister told reporters that the budget was balanced, but officials said the deficit would grow."
        ),
        pairs(&[
            ("the budget was balanced", "The minister"),
            ("the deficit would grow", "officials"),
        ])
    );
    // The first cue inside the content ("appeared") is nested in what was said; the
    // contrast after it still ends the content.
    assert_eq!(
        contents(
            "Dr. Lena Ortiz said that the vaccine appeared to be safe, whereas the agency acknowledged that it had not finished its review."
        ),
        pairs(&[
            ("that the vaccine appeared to be safe", "Dr. Lena Ortiz"),
            ("that it had not finished its review", "the agency"),
        ])
    );
}

/// Quoted words that open a paraphrase are part of what the speaker said, with the
/// attribution after it: “Boots on the ground” would be appropriate, Carson said.
#[test]
fn quoted_words_inside_a_paraphrase_before_the_attribution() {
    assert_eq!(
        statements(
            "\"Troops on the border\" would be a mistake, Democratic candidate Maria Lopez said after the vote."
        ),
        one(
            "\"Troops on the border\" would be a mistake",
            "said",
            "Democratic candidate Maria Lopez",
            "Maria Lopez"
        )
    );
    // A quotation ending in a comma before its attribution is the statement itself.
    assert_eq!(
        statements("“We will win this,” said Ms. Rowe, the campaign's manager."),
        one(
            "“We will win this,”",
            "said",
            "Ms. Rowe, the campaign's manager",
            "Rowe"
        )
    );
}

/// "Asked whether…, X said, “…”": the clause opened by "Asked" is the reporter's question,
/// not part of what X said (the role tagger took it as the content's first part).
#[test]
fn the_reporters_question_is_not_the_answer() {
    assert_eq!(
        statements(
            "Asked whether the president would veto the bill, press secretary Karine Jean-Pierre said, “We’ve been very clear.”"
        ),
        one(
            "“We’ve been very clear.”",
            "said",
            "press secretary Karine Jean-Pierre",
            "Karine Jean-Pierre"
        )
    );
}

/// A question put to someone ("Powell, asked about the election, …", "When asked about
/// the deal, …", "Trump was asked to condemn…") is not that person's: the one asked had
/// been made the speaker of the question. Who asked is not said, so it has no speaker (as
/// PolNeAR annotates it). Someone who asks keeps the question.
#[test]
fn the_one_asked_is_not_the_speaker_of_the_question() {
    assert_eq!(
        statements("Powell, asked about the election, declined to speculate."),
        one("the election", "asked about", "", "")
    );
    assert_eq!(
        statements("When asked about the deal, Trump said it was the best ever."),
        vec![
            (
                "the deal".into(),
                "asked about".into(),
                "".into(),
                "".into()
            ),
            (
                "it was the best ever".into(),
                "said".into(),
                "Trump".into(),
                "Trump".into()
            )
        ]
    );
    assert_eq!(
        statements("Trump was asked to condemn the group. He refused."),
        one("to condemn the group", "was asked", "", "")
    );
    assert_eq!(
        statements("Hannity asked Trump whether he would deport all illegal immigrants."),
        one(
            "whether he would deport all illegal immigrants",
            "asked",
            "Hannity",
            "Hannity"
        )
    );
    assert_eq!(
        statements("“Is it fair?” asked Trump."),
        one("“Is it fair?”", "asked", "Trump", "Trump")
    );
}

#[test]
fn two_verbs_of_one_speaker_each_report_their_own_words() {
    let found = statements(
        "Sen. John Thune of South Dakota called the vote “a missed opportunity” and said his party would try again next month.",
    );
    let said: Vec<&str> = found
        .iter()
        .filter(|(_, cue, _, _)| cue == "said")
        .map(|(content, _, _, _)| content.as_str())
        .collect();
    assert_eq!(said, ["his party would try again next month"], "{found:?}");
    assert!(
        found
            .iter()
            .any(|(content, cue, _, speaker)| cue == "called"
                && content.contains("a missed opportunity")
                && speaker == "John Thune"),
        "{found:?}"
    );
}

/// The statements of a one-paragraph story whose reader found `dateline`.
fn quotes_under_dateline(dateline: &str, paragraph: &str) -> Vec<whosaid_core::Quote> {
    let mut doc = Document::from_body_paragraphs("dateline.txt", [paragraph]);
    doc.meta.dateline = Some(dateline.to_owned());
    whosaid_nlp::analyze(&doc).quotes
}

#[test]
fn the_dateline_is_not_part_of_what_was_said() {
    let quotes = quotes_under_dateline(
        "MIAMI",
        "MIAMI (AP) — A hospital damaged by the hurricane will not fully reopen until spring, officials said Wednesday.",
    );
    let contents: Vec<&str> = quotes.iter().map(|q| q.content.text.as_str()).collect();
    assert_eq!(
        contents,
        ["A hospital damaged by the hurricane will not fully reopen until spring"]
    );
}

#[test]
fn a_quotation_in_the_next_sentence_is_its_own_attributions() {
    let found = statements(
        "NetChoice, a trade group that sued to block the law, welcomed the decision. \"The court's ruling is a victory for free speech online,\" said Chris Marchese, the group's counsel.",
    );
    let holders: Vec<&str> = found
        .iter()
        .filter(|(content, _, _, _)| content.contains("victory for free speech"))
        .map(|(_, _, _, speaker)| speaker.as_str())
        .collect();
    assert_eq!(holders, ["Chris Marchese"], "{found:?}");
}

#[test]
fn the_agency_of_the_dateline_never_speaks() {
    let quotes = quotes_under_dateline(
        "NEW YORK",
        "NEW YORK (Reuters) - Apple Inc shares fell 4% on Friday after the company reported weaker-than-expected iPhone sales in China, its third-largest market.",
    );
    assert!(!quotes.is_empty());
    for q in &quotes {
        let speaker = q.speaker.as_ref().map(|s| s.name.as_str());
        assert_ne!(speaker, Some("Reuters"), "{:?}", q.content.text);
    }
    let reported = quotes
        .iter()
        .find(|q| q.cue.as_ref().is_some_and(|c| c.text == "reported"));
    assert_eq!(
        reported
            .and_then(|q| q.source.as_ref())
            .map(|s| s.text.as_str()),
        Some("the company")
    );
}

#[test]
fn an_attribution_inside_a_sentence_reports_the_whole_sentence() {
    // A time adjunct after the cue is not the start of what was said.
    let found = statements(
        "But she was not surprised that the Leave campaign won, her advisers said Friday, because she understands the extent of voter anger.",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].0,
        "she was not surprised that the Leave campaign won, her advisers said Friday, because she understands the extent of voter anger"
    );
    assert_eq!(found[0].3, "her advisers");
}

#[test]
fn a_short_subject_before_the_attribution_is_part_of_the_statement() {
    assert_eq!(
        statements("The plan, Smith said on Tuesday, would cost $5 billion over ten years."),
        one(
            "The plan, Smith said on Tuesday, would cost $5 billion over ten years",
            "said",
            "Smith",
            "Smith"
        )
    );
}

#[test]
fn the_source_after_an_inverted_cue_is_not_what_was_said() {
    let found = statements(
        "Part of the problem in detecting tunnels, say experts like Paul Bauman, a Canadian geophysicist, is the ground itself.",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].2,
        "experts like Paul Bauman, a Canadian geophysicist"
    );
    assert_eq!(found[0].1, "say");
}

#[test]
fn a_relative_clause_in_the_source_does_not_take_the_main_clause() {
    let found = statements(
        "Rep. Briscoe Cain (R-Deer Park), who wrote the bill, called the ruling \"disappointing.\"",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "called");
    assert_eq!(found[0].3, "Briscoe Cain");
}

#[test]
fn less_common_verbs_of_speech_after_a_quotation() {
    // "snapped" and "gushed" were missing from data/cues.txt: the short quotation was
    // dropped as a scare quote and the longer one kept with no speaker.
    assert_eq!(
        statements("“You weren’t invited,” Trump snapped."),
        one("“You weren’t invited,”", "snapped", "Trump", "Trump")
    );
    assert_eq!(
        statements("“It was the most beautiful thing I have ever seen,” the mayor gushed."),
        one(
            "“It was the most beautiful thing I have ever seen,”",
            "gushed",
            "the mayor",
            "the mayor"
        )
    );
}

/// "X said … “quoted words,” she said. “More.”": the first content ends with the quotation
/// its own attribution ("she said") follows, and does not take that attribution in.
#[test]
fn a_content_ends_before_the_attribution_of_its_last_quotation() {
    let found = statements(
        "DuVernay said she felt the 13th Amendment was worth examining because “most people don’t know about that loop-hole,” she said. “We have no context for the current moment if we don’t know where we came from.”",
    );
    let first = found
        .iter()
        .find(|(_, cue, source, _)| cue == "said" && source == "DuVernay")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(
        first.0.ends_with("loop-hole,”"),
        "the content runs on: {:?}",
        first.0
    );
    assert!(
        !found
            .iter()
            .any(|(content, ..)| content.contains("she said")),
        "{found:?}"
    );
}

/// Two words are a statement: "he disagreed", "she objected". (Three were needed, and
/// such statements were dropped.)
#[test]
fn a_two_word_clause_is_a_statement() {
    assert_eq!(
        statements("Trump said he disagreed."),
        one("he disagreed", "said", "Trump", "Trump")
    );
    assert_eq!(
        statements("The mayor said she objected."),
        one("she objected", "said", "The mayor", "The mayor")
    );
    // One word is not: "said that." reports nothing.
    assert_eq!(statements("Trump said that."), vec![]);
    // Where the role tagger gives the cue no content, the clause after it is taken by
    // grammar, and two words are enough there too ("Moscow agreed" had been dropped).
    assert_eq!(
        statements("Trump said Moscow agreed."),
        one("Moscow agreed", "said", "Trump", "Trump")
    );
    assert_eq!(
        statements("Biden said Moscow refused."),
        one("Moscow refused", "said", "Biden", "Biden")
    );
}

/// (content, cue, source, speaker) of a plain-text article: a headline, then one paragraph.
fn headline_statements(headline: &str, body: &str) -> Vec<(String, String, String, String)> {
    let input = format!("{headline}\n\n{body}\n");
    let body_start = headline.len() + 2;
    let mut doc = Document::from_input(
        "headline.txt",
        input,
        vec![whosaid_core::Span::new(body_start, body_start + body.len())],
    );
    doc.headline_span = Some(whosaid_core::Span::new(0, headline.len()));
    statements_of(&doc)
}

/// "Lynch: No outside influence on FBI probe": a headline opening with a name and a colon
/// is that name's statement, the colon its cue. A label before the colon ("BOOM:") names
/// nobody and says nothing.
#[test]
fn a_name_and_a_colon_open_a_headline_statement() {
    for (headline, body, content, source, speaker) in [
        (
            "Lynch: No outside influence on FBI probe into Clinton emails.",
            "Attorney General Loretta Lynch spoke to reporters on Monday in Washington.",
            "No outside influence on FBI probe into Clinton emails",
            "Lynch",
            "Loretta Lynch",
        ),
        (
            "Putin: Russia will respond to any threat.",
            "Russian President Vladimir Putin spoke in Moscow on Monday.",
            "Russia will respond to any threat",
            "Putin",
            "Vladimir Putin",
        ),
        (
            "Merkel: Europe must take its fate into its own hands.",
            "German Chancellor Angela Merkel spoke in Munich on Sunday.",
            "Europe must take its fate into its own hands",
            "Merkel",
            "Angela Merkel",
        ),
    ] {
        let found = headline_statements(headline, body);
        assert!(
            found.contains(&(content.into(), ":".into(), source.into(), speaker.into())),
            "{headline}: {found:?}"
        );
    }
    let found = headline_statements(
        "BOOM: the markets fell again on Monday.",
        "Stocks dropped for a third day.",
    );
    assert!(found.iter().all(|q| q.1 != ":"), "{found:?}");
}

/// "X said officers were … “This was a targeted attack,” she told reporters. “We do not
/// believe…”": the last quotation goes on what she told reporters, and is not also part of
/// what she said before (the role tagger gave it to both, so it was reported twice).
#[test]
fn a_quotation_after_a_later_cue_is_that_cues_alone() {
    let found = statements(
        "Inspector Sarah Jones said officers were working around the clock to find the gunman. “This was a targeted attack,” she told reporters at the scene. “We do not believe there is a wider risk to the public.”",
    );
    let with_risk: Vec<&str> = found
        .iter()
        .filter(|(content, ..)| content.contains("wider risk"))
        .map(|(_, cue, ..)| cue.as_str())
        .collect();
    assert_eq!(with_risk, ["told"], "{found:?}");
    assert!(
        found
            .iter()
            .any(|(content, cue, ..)| cue == "said" && content.ends_with("to find the gunman")),
        "{found:?}"
    );
}

/// "A witness, who asked not to be named, said…": the wish to stay unnamed is no
/// statement; what the witness said is, and it is the witness's.
#[test]
fn asking_not_to_be_named_is_not_a_statement() {
    assert_eq!(
        statements("A witness, who asked not to be named, said she heard gunshots."),
        one("she heard gunshots", "said", "who", "A witness")
    );
}

/// A quotation inside a quotation, introduced by a name and a verb of speech, is that
/// person's words as the outer speaker reports them; the outer quotation stays whole. A
/// pronoun before the verb is not followed into the speaker's story.
#[test]
fn a_named_quotation_inside_a_quotation_is_that_persons() {
    let found = statements(
        "“President Xi said to me, ‘We want a deal,’ and I believe him,” Trump wrote on Friday.",
    );
    assert!(
        found.iter().any(
            |(content, cue, _, speaker)| content.starts_with("“President Xi")
                && cue == "wrote"
                && speaker == "Trump"
        ),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            "‘We want a deal,’".into(),
            "said".into(),
            "President Xi".into(),
            "Xi".into()
        )),
        "{found:?}"
    );
    let found = statements("“He said to me, ‘We want a deal,’ and I believe him,” Trump wrote.");
    assert_eq!(found.len(), 1, "{found:?}");
}

/// An AP headline "X calls Y ‘Z’": the cue is "calls", and what is called opens the
/// content (the cue tagger had taken "calls talks" for the cue, as the part-of-speech
/// tagger read "talks" as the verb). A particle stays with its verb ("hints at").
#[test]
fn a_headline_cue_ends_with_its_verb() {
    let found = headline_statements(
        "Trump calls talks with Xi ‘very productive’",
        "The story follows here with more text about it.",
    );
    assert_eq!(
        found,
        one("talks with Xi ‘very productive’", "calls", "Trump", "Trump")
    );
}

/// "…, said Robert Egge, executive director of …": reported speech before an inverted
/// attribution whose source an apposition describes. The role tagger gave the cue no
/// content and the statement was lost; the clause before the comma is now its content, and
/// the source is the name with its apposition, as PolNeAR marks it.
#[test]
fn an_inverted_attribution_with_an_apposition_reports_the_clause_before_it() {
    assert_eq!(
        statements(
            "It is the first time a candidate has made the disease a major campaign issue, said Robert Egge, executive director of the Alzheimer's Impact Movement."
        ),
        one(
            "It is the first time a candidate has made the disease a major campaign issue",
            "said",
            "Robert Egge, executive director of the Alzheimer's Impact Movement",
            "Robert Egge"
        )
    );
}

/// "Beck joked, again using an exaggerated Southern accent, “Amen, brother!”": an adjunct
/// between the cue and the quotation; the role tagger gave the cue no content and the
/// quotation was kept with no speaker.
#[test]
fn an_adjunct_between_cue_and_quotation_leaves_the_quotation_the_speakers() {
    assert_eq!(
        statements(
            "Beck joked, again using an exaggerated Southern accent, “Amen, brother! Come on up and get baptized!”"
        ),
        one(
            "“Amen, brother! Come on up and get baptized!”",
            "joked",
            "Beck",
            "Beck"
        )
    );
}

/// The addressee stands between the cue and the quotation: "Htay Oo told the Reuters news
/// agency simply, "We lost."" (PolNeAR train, Washington Post). The role tagger gave the
/// cue no content, and the short quotation was lost as a scare quote.
#[test]
fn an_addressee_between_cue_and_quotation_leaves_the_quotation_the_speakers() {
    assert_eq!(
        statements(
            "Htay Oo, its acting chairman, told the Reuters news agency simply, \"We lost.\" T-shirts quickly appeared in front of the party's headquarters."
        ),
        one(
            "\"We lost.\"",
            "told",
            "Htay Oo, its acting chairman",
            "Htay Oo"
        )
    );
}

/// The same shape when the role tagger found the cue but took words of the clause before
/// it for the source and left it without content: the clause had been replaced by the
/// apposition after the name ("Robert Egge, executive director of…, whose advocates…").
/// The name and its apposition are the source, the clause before the comma the content.
#[test]
fn an_inverted_attribution_the_role_tagger_misread_reports_the_clause_before_it() {
    assert_eq!(
        statements(
            "It's the first time a presidential candidate has made Alzheimer's a major campaign issue, said Robert Egge, executive director of the Alzheimer's Impact Movement, whose advocates lean on all 2016 campaigns to take up the issue."
        )[0],
        (
            "It's the first time a presidential candidate has made Alzheimer's a major campaign issue".into(),
            "said".into(),
            "Robert Egge, executive director of the Alzheimer's Impact Movement".into(),
            "Robert Egge".into()
        )
    );
}

/// "…, as expected, and President Christine Lagarde said policymakers needed more evidence
/// that…": the role tagger gave "as expected" a second part inside what Lagarde said, and
/// Lagarde's statement was lost under it. A part after a later cue of another source,
/// inside more of what that cue reports, is that cue's.
#[test]
fn a_part_inside_what_a_later_source_said_is_that_sources() {
    let found = statements(
        "The European Central Bank kept interest rates unchanged on Thursday, as expected, and President Christine Lagarde said policymakers needed more evidence that inflation was heading back to target.",
    );
    assert!(
        found.iter().any(|(content, cue, _, speaker)| content
            == "policymakers needed more evidence that inflation was heading back to target"
            && cue == "said"
            && speaker == "Christine Lagarde"),
        "{found:?}"
    );
}

/// "Brzeski noted that energy prices had fallen faster than expected. “That gives them
/// room,” he said.": the reported speech ran on into the next sentence's quotation, which
/// is the later cue's; it now ends with its own sentence. (Straight marks: with curly ones
/// the taggers already stopped at the full stop.)
#[test]
fn reported_speech_ends_before_a_later_sentences_quotation_of_another_cue() {
    let found = statements(
        "Carsten Brzeski, ING's global head of macro, noted that energy prices had fallen faster than expected. \"That gives them room,\" he said.",
    );
    assert_eq!(
        found[0].0, "that energy prices had fallen faster than expected",
        "{found:?}"
    );
    assert_eq!(found[1].0, "\"That gives them room,\"", "{found:?}");
}

/// "…said it was “entirely possible”, but that walking had the advantage of being free": a
/// second "that" clause of the same verb of speech is still what was said, though the
/// tagger reads its "that" as a determiner.
#[test]
fn a_second_that_clause_after_but_is_still_what_was_said() {
    let found = statements(
        "Asked whether other forms of exercise might work as well, Hancock said it was “entirely possible”, but that walking had the advantage of being free.",
    );
    assert!(
        found.iter().any(|(content, _, _, _)| content
            == "it was “entirely possible”, but that walking had the advantage of being free"),
        "{found:?}"
    );
}

#[test]
fn the_same_words_reported_twice_are_one_statement() {
    // "According to" frames "Salceda said": one statement, the nearer cue's.
    assert_eq!(
        statements(
            "According to GMA News, Salceda said the “ugliness of utterances, largely unprompted and undeserved” had hurt the talks."
        ),
        one(
            "the “ugliness of utterances, largely unprompted and undeserved” had hurt the talks",
            "said",
            "Salceda",
            "Salceda"
        )
    );
    let found = statements(
        "Scott’s relatives, including his wife, watched the police videos on Thursday, according to their attorneys, and said they came away with “more questions than answers.”",
    );
    let came_away: Vec<_> = found
        .iter()
        .filter(|(content, ..)| content.contains("more questions"))
        .collect();
    assert_eq!(came_away.len(), 1, "{found:?}");
    assert_eq!(came_away[0].1, "said");
}

#[test]
fn the_manner_after_with_is_part_of_the_cue() {
    let found = statements(
        "She shrugged off the criticism. “I have been called worse,” Ms. Ortiz said with a laugh.",
    );
    let quote = found
        .iter()
        .find(|(content, ..)| content.contains("called worse"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(quote.1, "said with a laugh");
    // "agreed with the plan": the noun phrase is what was agreed with, not a manner.
    let found = statements("Mr. Blake agreed with the plan, he said.");
    assert!(
        found.iter().all(|(_, cue, ..)| !cue.ends_with("the plan")),
        "{found:?}"
    );
}

#[test]
fn a_hedged_passive_reports_the_subjects_statement() {
    assert_eq!(
        statements(
            "The chancellor is understood to have told colleagues that the budget would be delayed."
        ),
        one(
            "the budget would be delayed",
            "is understood to have told",
            "The chancellor",
            "The chancellor"
        )
    );
    assert_eq!(
        statements("The minister was said to have warned that the plan would fail."),
        one(
            "the plan would fail",
            "was said to have warned",
            "The minister",
            "The minister"
        )
    );
}

#[test]
fn a_quotation_after_the_attribution_goes_on_even_when_the_cue_names_its_audience() {
    let found = statements(
        "“Let’s put this thing away,” he tells hundreds of screaming supporters at a victory party in Spartanburg. “And let’s make America great again.”",
    );
    assert!(
        found.iter().any(|(content, cue, ..)| cue == "tells"
            && content.contains("put this thing away")
            && content.contains("make America great again")),
        "{found:?}"
    );
    // A term opening the next sentence is not more of the speaker's words.
    let found = statements(
        "“If they can't, turn into nonpaper and send nonsecure,” Clinton wrote when they were having problems. “Non-paper” is a diplomatic term for a discussion draft.",
    );
    assert!(
        found
            .iter()
            .all(|(content, ..)| !content.contains("Non-paper")),
        "{found:?}"
    );
}

#[test]
fn a_quoted_paragraph_after_a_sentence_about_one_person_is_theirs() {
    let doc = Document::from_body_paragraphs(
        "fires.txt",
        [
            "Fire chief Luis Navarro delivered a blunt warning to residents on Tuesday.",
            "“If you are told to leave, leave. Do not wait to see the flames.”",
            "Officials said more than 2,000 homes were at risk.",
        ],
    );
    let found = statements_of(&doc);
    let warning = found
        .iter()
        .find(|(content, ..)| content.contains("told to leave"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(warning.3, "Luis Navarro");
    // Two people in the sentence before: the reader cannot tell, nor can whosaid.
    let doc = Document::from_body_paragraphs(
        "talks.txt",
        [
            "Mayor Helena Strand met union leader Ida Brekke on Monday.",
            "“We will not accept another delay to the negotiations this year.”",
        ],
    );
    let found = statements_of(&doc);
    let delay = found
        .iter()
        .find(|(content, ..)| content.contains("another delay"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(delay.3, "", "{found:?}");
}

#[test]
fn a_source_never_cuts_a_name_in_two() {
    let found = statements(
        "Downing Street rejected suggestions that the prime minister was out of touch. The prime minister's official spokesperson told reporters that the government was \"absolutely focused\" on encouraging eligible pensioners to apply for pension credit, and that take-up had already risen.",
    );
    let rejected = found
        .iter()
        .find(|(_, cue, ..)| cue == "rejected")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(rejected.2, "Downing Street", "{found:?}");
}

#[test]
fn one_word_before_an_attribution_inside_a_sentence_opens_the_statement() {
    let doc = Document::from_body_paragraphs(
        "church.txt",
        [
            "Kepler, the organist at the church across the street, remembered when the mosque still had a cross. Now, she said, the two congregations rarely meet. \"We don't go over there, and they don't come over here,\" she said.",
        ],
    );
    let found = statements_of(&doc);
    let rarely = found
        .iter()
        .find(|(content, ..)| content.contains("rarely meet"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!((rarely.1.as_str(), rarely.2.as_str()), ("said", "she"));
    // The quotation after it keeps its own attribution.
    assert!(
        found
            .iter()
            .any(|(content, ..)| content.starts_with("\"We don't go over there")),
        "{found:?}"
    );
}

#[test]
fn a_cue_keeps_the_clause_of_its_own_sentence_over_a_title_in_the_sentence_before() {
    let found = statements(
        "In 1988 he paid $8 million for a Boeing 727 owned by a troubled oil company, according to his memoir ''The Art of the Deal.'' Mr. Trump said a smaller jet would have cost twice as much.",
    );
    let said = found
        .iter()
        .find(|(_, cue, source, _)| cue == "said" && source == "Mr. Trump")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(said.0, "a smaller jet would have cost twice as much");
    assert!(
        !found
            .iter()
            .any(|(content, ..)| content.contains("''The Art of the Deal.''")
                && !content.contains("Boeing")),
        "a book title is no statement: {found:?}"
    );
}

#[test]
fn two_apostrophes_after_a_full_stop_open_the_next_sentence_and_its_quotation() {
    // The New York Times writes quotation marks as two apostrophes; the attribution set
    // inside the sentence before them reports that sentence, not the quotation.
    let found = statements(
        "When she finally noticed Mr. Rogan, her eyes widened with surprise, he said, and she gripped his hands tensely. ''There was some iciness there and a bit of a grimace,'' he said.",
    );
    assert!(
        found.iter().any(
            |(content, ..)| content.starts_with("When she finally noticed")
                && content.ends_with("gripped his hands tensely")
        ),
        "{found:?}"
    );
    let iciness: Vec<_> = found
        .iter()
        .filter(|(content, ..)| content.contains("iciness"))
        .collect();
    assert_eq!(iciness.len(), 1, "{found:?}");
    assert!(iciness[0].0.starts_with("''There"), "{found:?}");
}

#[test]
fn a_cue_leaves_the_quotation_before_its_sentence_to_that_quotations_own_cue() {
    let found = statements(
        "The sentence surprised everyone in the courtroom. “Judge,” Brafman said, “I have never had that happen in any case in thirty-seven years. I have never seen a defendant lose his two points.” Reluctantly, Brafman said he had come to the conclusion that I was being prosecuted for who I am.",
    );
    assert!(
        found.iter().any(|(content, cue, source, _)| content
            == "he had come to the conclusion that I was being prosecuted for who I am"
            && cue == "said"
            && source == "Brafman"),
        "{found:?}"
    );
    // The quotation is given once, to the attribution inside it.
    let never: Vec<_> = found
        .iter()
        .filter(|(content, ..)| content.contains("never seen a defendant"))
        .collect();
    assert_eq!(never.len(), 1, "{found:?}");
    assert!(never[0].0.starts_with("“Judge,”"), "{found:?}");
}

#[test]
fn an_aside_between_dashes_after_the_cue_is_skipped_to_its_clause() {
    assert_eq!(
        statements("The mayor said — on Twitter, as it happens — that the budget would be cut."),
        one("the budget would be cut", "said", "The mayor", "The mayor")
    );
}

#[test]
fn a_title_credited_to_its_author_is_no_statement() {
    let doc = Document::from_body_paragraphs(
        "reads.txt",
        [
            "—\"Posthumous books could come with a lot of dollar signs,\" by Boston Globe's Joseph P. Kahn: http://bit.ly/1NSbMIk.",
            "\"We will not close the museum while I am its director,\" the new director said.",
        ],
    );
    let found = statements_of(&doc);
    assert!(
        !found
            .iter()
            .any(|(content, ..)| content.contains("Posthumous")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(content, ..)| content.contains("We will not close the museum")),
        "{found:?}"
    );
}

#[test]
fn the_title_of_a_work_is_no_statement_of_who_made_it() {
    let found = statements(
        "The comedian, who starred in the film \"Guardians of the Galaxy,\" posted the clip on Thursday. A collection from the cartoonist Garry Trudeau is called ''Yuge!: 30 Years of Doonesbury on Trump.''",
    );
    assert!(
        !found
            .iter()
            .any(|(content, ..)| content.contains("Guardians") || content.contains("Yuge")),
        "{found:?}"
    );
    // The work's noun before a comma, or right after the title (shapes of PolNeAR dev,
    // which the taggers gave a speaker).
    let found = statements(
        "In his 2009 book, ''Raise Your Kids Right,'' Mr. Baker suggested looking at the things on your credit card statement. By 9 a.m. Sunday, the Rev. Tom Hart began taking calls from listeners to his \"Keeping It Real\" radio program who said they were worried.",
    );
    assert!(
        !found
            .iter()
            .any(|(content, ..)| content.contains("Raise Your") || content.contains("Keeping It")),
        "{found:?}"
    );
    // A nickname in what someone called someone is still a statement.
    let found = statements("Trump called \"Crooked Hillary\" a liar on Monday.");
    assert!(
        found
            .iter()
            .any(|(content, cue, ..)| content.contains("Crooked Hillary") && cue == "called"),
        "{found:?}"
    );
}

#[test]
fn a_paragraph_of_invisible_characters_before_they_is_no_crash() {
    // A web page (WCXB dev 2035) put zero-width joiners between its paragraphs: a block
    // without a sentence, which the search for the group "they" names used to index.
    let doc = Document::from_body_paragraphs(
        "zwj.txt",
        [
            "Officials at the agency met on Monday.",
            "\u{200d}",
            "They said the plan would fail.",
        ],
    );
    let found = statements_of(&doc);
    assert!(
        found
            .iter()
            .any(|(content, cue, ..)| content == "the plan would fail" && cue == "said"),
        "{found:?}"
    );
}

#[test]
fn the_answers_of_a_question_and_answer_interview_are_the_interviewees() {
    let doc = Document::from_body_paragraphs(
        "interview.txt",
        [
            "Actress Diane Guerrero has become a familiar figure. Guerrero spoke to us about her new book.",
            "Q: You open your book on May 17, 2001. What did you find?",
            "A: I came home from school and my parents were gone.",
            "Q: Did anyone take care of you?",
            "A: No, no one did. It was as if I had never existed.",
        ],
    );
    let found = statements_of(&doc);
    let answers: Vec<_> = found
        .iter()
        .filter(|(_, _, source, _)| source == "A")
        .collect();
    assert_eq!(answers.len(), 2, "{found:?}");
    assert!(
        answers
            .iter()
            .all(|(.., speaker)| speaker == "Diane Guerrero"),
        "{found:?}"
    );
}

#[test]
fn a_contracted_pronoun_is_resolved_like_the_pronoun() {
    let found = statements(
        "Senator Maria Alvarez toured the flooded town on Monday. She’s said that the state will pay for the repairs.",
    );
    let said = found
        .iter()
        .find(|(content, ..)| content.contains("the state will pay"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(
        (said.2.as_str(), said.3.as_str()),
        ("She’s", "Maria Alvarez")
    );
}

/// A page's label before a colon is nobody's voice: "(WARNING: Video contains graphic
/// images.)" (PolNeAR dev, Western Journal) gave a statement by "WARNING", and "LONG
/// READS: …" one by "LONG". A transcript's label still speaks.
#[test]
fn a_page_label_before_a_colon_is_no_speaker() {
    let found = statements(
        "He was tased and then shot after he approached his vehicle. (WARNING: Video contains graphic images.)",
    );
    assert!(
        found.iter().all(|(_, _, source, _)| source != "WARNING"),
        "{found:?}"
    );
    let found = statements(
        "LONG READS: The week's best stories about the campaign, chosen by our editors.",
    );
    assert!(
        found
            .iter()
            .all(|(_, _, source, _)| !source.starts_with("LONG")),
        "{found:?}"
    );
}

/// In a transcript, "VIDEO:" before a clip's words is no one's turn, and the turn before
/// it ends there (PolNeAR train, Breitbart: the clip was given to "VIDEO", and without
/// the label to the moderator before it).
#[test]
fn a_clip_labelled_video_in_a_transcript_is_no_ones_turn() {
    let doc = Document::from_body_paragraphs(
        "transcript.txt",
        [
            "RAMOS: Secretary Clinton, you sent an e-mail to your daughter that night.",
            "VIDEO: They all told me it was a video when they knew it was not the video.",
            "CLINTON: I understand the feelings of grief and loss that the families have.",
            "RAMOS: Do you think the families are lying about what you told them?",
        ],
    );
    let found = statements_of(&doc);
    assert!(
        found.iter().all(|(content, _, source, _)| source != "VIDEO"
            && !(source == "RAMOS" && content.contains("a video"))),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(content, _, source, _)| source == "CLINTON" && content.contains("grief")),
        "{found:?}"
    );
}

/// A scare quote in the clause before "and said" is not what was said: "had served in
/// Vietnam - ''13 months in living hell'' - and said he was convinced…" (PolNeAR train,
/// NYT) gave Elkins the scare quote and dropped the clause after "said".
#[test]
fn a_quotation_before_and_said_leaves_the_cue_its_clause() {
    let found = statements(
        "One of the men, Jessie Elkins, 70, had served in Vietnam - ''13 months in living hell'' - and said he was convinced that Mr. Trump's rash nature would lead America into an unnecessary war.",
    );
    assert!(
        found.iter().any(|(content, cue, _, speaker)| cue == "said"
            && content.starts_with("he was convinced")
            && speaker == "Jessie Elkins"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .all(|(content, _, _, _)| !content.contains("living hell")),
        "{found:?}"
    );
}

/// A title's full stop before the name: "candidate Dr. Ben Carson says" (PolNeAR train,
/// Breitbart) gave the statement to a person called "Dr", and "Sen." to one called "Sen".
#[test]
fn a_title_before_the_name_is_not_the_speaker() {
    let found = statements(
        "GOP presidential candidate Dr. Ben Carson says Democrat Hillary Clinton is not fit to serve as president.",
    );
    assert!(
        found
            .iter()
            .any(|(_, cue, _, speaker)| cue == "says" && speaker == "Ben Carson"),
        "{found:?}"
    );
}

#[test]
fn a_statement_inside_brackets_ends_at_the_closing_bracket() {
    let found = statements(
        "The rally was also attended by David Duke (who said the candidate would win easily) and by several hundred protesters.",
    );
    let (content, cue, _, speaker) = found
        .iter()
        .find(|(_, cue, ..)| cue == "said")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(cue, "said");
    assert_eq!(speaker, "David Duke");
    assert_eq!(content, "the candidate would win easily");
}

#[test]
fn a_characterization_with_a_partial_quote_is_the_subjects_statement() {
    // PolNeAR dev shapes the taggers missed: a verb, its object, "as" and a quotation.
    let found = statements(
        "Senate Minority Leader Harry Reid (D-Nev.), in particular, has been steadily pounding Trump as a “con artist” just as he did with Romney in 2012. Christie, who has campaigned heavily for Donald Trump, blasted Clinton as a “disgrace” Wednesday on a radio show.",
    );
    let of = |quoted: &str| {
        found
            .iter()
            .find(|(content, ..)| content.contains(quoted))
            .unwrap_or_else(|| panic!("no statement with {quoted:?} in {found:?}"))
    };
    let (content, cue, _, speaker) = of("con artist");
    assert_eq!(
        (content.as_str(), cue.as_str(), speaker.as_str()),
        ("Trump as a “con artist”", "pounding", "Harry Reid")
    );
    let (content, cue, _, speaker) = of("disgrace");
    assert_eq!(
        (content.as_str(), cue.as_str(), speaker.as_str()),
        ("Clinton as a “disgrace”", "blasted", "Christie")
    );
}

#[test]
fn a_second_cue_after_the_first_opens_a_statement_of_its_own() {
    // "“…,” the mayor said, adding that…": two statements, the first no longer holding
    // "the mayor said, adding that…" (shapes of PolNeAR dev).
    let found = statements(
        "\"We need change,\" the New York businessman said, arguing that he will bring a \"common-sense\" approach to the demands of being commander in chief. \"We do not see a link to terrorism,\" the mayor said, adding that it would take \"more hours\" before details emerge.",
    );
    let contents: Vec<&str> = found.iter().map(|(c, ..)| c.as_str()).collect();
    assert!(contents.contains(&"\"We need change,\""), "{found:?}");
    assert!(
        contents.contains(&"\"We do not see a link to terrorism,\""),
        "{found:?}"
    );
    assert!(
        contents
            .iter()
            .any(|c| c.starts_with("that it would take \"more hours\"")),
        "{found:?}"
    );
}

/// "Please note that…", "Keep in mind that…", "Let's hope…": the writer speaks to the
/// reader in the imperative, and the imperative is no one's name (WCXB's guides gave
/// statements by "Please" and "Keep"). The statement stays, with no speaker, as PolNeAR
/// marks "Let's hope…".
#[test]
fn an_imperative_to_the_reader_is_no_speaker() {
    for paragraph in [
        "Please note that the museum is closed on Mondays.",
        "Keep in mind that most rental companies set a minimum age.",
        "Let’s hope the trend continues into next year.",
    ] {
        let found = statements(paragraph);
        assert_eq!(found.len(), 1, "{paragraph}: {found:?}");
        assert_eq!(found[0].2, "", "{paragraph}: {found:?}");
    }
}

/// A finite cue the role tagger left without a source reports the subject of its clause:
/// over an apposition ("Even China, Pyongyang's only ally, said"), for a second verb
/// joined by "but" ("His ex-wife agreed, but also contended"), and with a long subject
/// and an apposition after it (PolNeAR dev and train, where these had no speaker).
#[test]
fn a_finite_cue_without_a_source_reports_the_subject_of_its_clause() {
    let source_of = |paragraph: &str, content: &str| {
        let found = statements(paragraph);
        found
            .iter()
            .find(|s| s.0.contains(content))
            .map(|s| s.2.clone())
            .unwrap_or_else(|| panic!("no statement with {content:?}: {found:?}"))
    };
    assert_eq!(
        source_of(
            "Even China, Pyongyang's only ally, said it was \"resolutely opposed\" to the test.",
            "resolutely opposed"
        ),
        "China, Pyongyang's only ally"
    );
    assert_eq!(
        source_of(
            "His ex-wife agreed, but also contended that since she is not running for office, she should not have to sacrifice her privacy.",
            "sacrifice her privacy"
        ),
        "His ex-wife"
    );
    assert_eq!(
        source_of(
            "Authorities in North-Rhine Westphalia, the German state next to Belgium, announced that the border would close.",
            "the border would close"
        ),
        "Authorities in North-Rhine Westphalia, the German state next to Belgium"
    );
}

/// A participle after a comma reports the subject of the verb before it, not the first
/// name of the sentence, which may be that verb's object (PolNeAR train, USA Today: the
/// claim was given to Trump University, the one sued).
#[test]
fn a_participle_reports_the_subject_of_the_verb_before_it() {
    let found = statements(
        "The attorney general of the state of New York sued Trump University in 2013, claiming that students were defrauded.",
    );
    let claim = found
        .iter()
        .find(|s| s.0.contains("students were defrauded"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(claim.2, "The attorney general of the state of New York");
    // The role tagger took the place named before the comma for the source.
    let found = statements(
        "Senator Maria Lopez spoke out Tuesday about the flooding in Tulsa, Oklahoma, arguing that the city needs federal help.",
    );
    let help = found
        .iter()
        .find(|s| s.0.contains("needs federal help"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(help.2, "Senator Maria Lopez");
}
