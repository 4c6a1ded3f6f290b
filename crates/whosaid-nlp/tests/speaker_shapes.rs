//! Who speaks, in shapes wire copy uses every day and whosaid used to get wrong: a person
//! named by age, a name inside someone else's description ("an aide to Trump"), a relative
//! pronoun as the source ("Nowak, who said…"), a bare title ("one Labour MP"), and a
//! refusal to comment, which is no statement at all.

use whosaid_core::Document;

/// (content, source, speaker name) of every statement of a document of paragraphs.
fn statements(paragraphs: &[&str]) -> Vec<(String, String, String)> {
    statements_of(&Document::from_body_paragraphs(
        "speakers.txt",
        paragraphs.iter().copied(),
    ))
}

/// (content, source, speaker name) of every statement of a document.
fn statements_of(doc: &Document) -> Vec<(String, String, String)> {
    whosaid_nlp::analyze(doc)
        .quotes
        .into_iter()
        .map(|q| {
            (
                q.content.text,
                q.source.map(|s| s.text).unwrap_or_default(),
                q.speaker.map(|s| s.name).unwrap_or_default(),
            )
        })
        .collect()
}

fn speaker_of(paragraphs: &[&str], content: &str) -> String {
    speaker_in(&statements(paragraphs), content)
}

/// The speaker name of the statement among `found` whose content contains `content`.
fn speaker_in(found: &[(String, String, String)], content: &str) -> String {
    statement_with(found, content).2.clone()
}

#[test]
fn the_n_year_old_is_the_person_given_that_age() {
    let story = [
        "Finance minister Rachel Reeves spoke in London on Tuesday.",
        "Reeves, 46, insisted the economy would grow by 1.5% next year.",
        "“I'm confident,” the 46-year-old said.",
    ];
    assert_eq!(speaker_of(&story, "I'm confident"), "Rachel Reeves");
    // With no age given before, the description is nobody the text names.
    let unknown = ["“We will rebuild,” the 52-year-old said."];
    assert_eq!(speaker_of(&unknown, "We will rebuild"), "the 52-year-old");
}

#[test]
fn a_name_after_a_preposition_in_the_source_is_not_the_speaker() {
    let aide = ["“The deal is dead,” an aide to Senator Ted Cruz said on Monday."];
    assert_eq!(
        speaker_of(&aide, "The deal is dead"),
        "an aide to Senator Ted Cruz"
    );
    let analysts = ["Rates will fall next month, according to analysts polled by Reuters."];
    assert_eq!(
        speaker_of(&analysts, "Rates will fall"),
        "analysts polled by Reuters"
    );
    // Those who speak for the name are the name.
    let spokesman = ["“The deal is dead,” a spokesman for Senator Ted Cruz said on Monday."];
    assert_eq!(speaker_of(&spokesman, "The deal is dead"), "Ted Cruz");
}

#[test]
fn a_relative_pronoun_speaks_for_the_phrase_before_it() {
    let named = ["The plan was attacked by Paul Nowak, who said it would hurt working people."];
    assert_eq!(speaker_of(&named, "hurt working people"), "Paul Nowak");
    let group = ["Teachers met leaders of the union, which said the strike would go ahead."];
    assert_eq!(speaker_of(&group, "strike would go ahead"), "the union");
    // A state or a country may speak through "which" (and a name the entity tagger took
    // for a place still does); "who" after a place looks for the person before it.
    let state = [
        "The Republican nominee has made a big play for Pennsylvania, which has insisted that the election is fair.",
    ];
    assert_eq!(speaker_of(&state, "the election is fair"), "Pennsylvania");
    // After a dash or an opening bracket, and the second of two joined clauses.
    let story = statements(&[
        "Senator Ted Cruz of Texas, who last year threatened to shut down the government, and who has been hoping to win the state, said the plan would fail.",
        "The rally was also attended by David Duke (who said the candidate would win easily) and by several hundred protesters.",
    ]);
    assert_eq!(speaker_in(&story, "to win the state"), "Ted Cruz");
    assert_eq!(speaker_in(&story, "would win easily"), "David Duke");
}

#[test]
fn who_after_an_apposition_is_the_person_it_describes() {
    // Shapes from PolNeAR train, where "who" used to be the speaker's name.
    let origin = [
        "“That is a concern,” said Alan Berger, a gynecologist from Englewood, New Jersey, who said he is friendly with the family.",
    ];
    assert_eq!(speaker_of(&origin, "he is friendly"), "Alan Berger");
    let office = [
        "The remarks were derided by Armin Laschet, the leader of the opposition in North Rhine-Westphalia, who suggested that Mr. Jäger resign.",
    ];
    assert_eq!(speaker_of(&office, "Mr. Jäger resign"), "Armin Laschet");
    let suffix = [
        "The idea prompted a harsh response from Donald Trump Jr., who suggested in an interview that the aide was wrong.",
    ];
    assert_eq!(
        speaker_of(&suffix, "the aide was wrong"),
        "Donald Trump Jr."
    );
    // A common noun after the preposition is what "who" stands for.
    let leadership = [
        "Her tone was softer than that of her campaign's leadership, who complained that the rules were unfair.",
    ];
    assert_eq!(
        speaker_of(&leadership, "the rules were unfair"),
        "her campaign's leadership"
    );
}

/// The statement of `found` whose content contains `content`.
fn statement_with<'a>(
    found: &'a [(String, String, String)],
    content: &str,
) -> &'a (String, String, String) {
    found
        .iter()
        .find(|(c, _, _)| c.contains(content))
        .unwrap_or_else(|| panic!("no statement with {content:?} in {found:?}"))
}

#[test]
fn the_subject_of_a_relative_clause_before_the_cue_is_the_source() {
    // Shapes from PolNeAR, where the last noun phrase of the clause ("families", "his
    // distaste for the candidate") was taken for the source and the speaker.
    let story = statements(&[
        "Anna Moreno, who took over as head of outreach after the previous director quit because of his distaste for the candidate, said young voters are interested in the race.",
        "Carl Dunmore, who runs the party's get-out-the-vote effort for farmers' families, said, \"We will win this county.\"",
    ]);
    let (_, source, speaker) = statement_with(&story, "young voters are interested");
    assert_eq!(speaker, "Anna Moreno");
    assert!(
        source.starts_with("Anna Moreno, who took over"),
        "{source:?}"
    );
    // The clause is the source's, not part of what was said.
    let (content, _, speaker) = statement_with(&story, "We will win this county");
    assert_eq!(speaker, "Carl Dunmore");
    assert_eq!(content, "\"We will win this county.\"");
}

#[test]
fn it_speaks_as_the_organization_or_document_that_spoke_just_before() {
    let company = [
        "In a blog post on Friday, Twitter said violent threats had long been against its rules.",
        "It added that it has worked with groups that counter extremist recruitment.",
    ];
    assert_eq!(speaker_of(&company, "it has worked with groups"), "Twitter");
    let email = [
        "“I can beat Hillary Clinton. Donald can't,” the email read. It stated that Trump is rattled.",
    ];
    assert_eq!(speaker_of(&email, "Trump is rattled"), "the email");
    // A sentence with another subject in between: "it" may be that subject.
    let between = [
        "The council said the carbon tax should stay.",
        "The tax made fuel more expensive. It encouraged people to drive less, the study found.",
    ];
    let found = statements(&between);
    assert!(
        !found.iter().any(|(_, s, n)| s == "It" && n != "It"),
        "{found:?}"
    );
    // A person is never "it".
    let person = ["Ms. Lopez said the bill was flawed. It added that the vote should wait."];
    assert_eq!(speaker_of(&person, "the vote should wait"), "It");
}

#[test]
fn a_bare_title_is_a_description_not_a_name() {
    let story = ["“It's a disaster,” said one Labour MP."];
    assert_eq!(speaker_of(&story, "It's a disaster"), "one Labour MP");
}

#[test]
fn a_refusal_to_comment_is_not_a_statement() {
    let story = [
        "“There is no money left,” Reeves told parliament.",
        "A Treasury spokeswoman declined to comment on the leaked figures.",
        "The minister refused to say whether she would resign.",
    ];
    let found = statements(&story);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.contains("There is no money left"));
}

#[test]
fn a_pronoun_never_speaks_for_someone_named_in_its_own_statement() {
    let story = [
        "Senator John Kerry spoke first at the rally on Monday.",
        "“Joe Biden cannot win this race,” he said.",
        "People like Bobby Scott, he said, should run for the seat.",
    ];
    assert_eq!(speaker_of(&story, "Joe Biden cannot win"), "John Kerry");
    assert_eq!(speaker_of(&story, "People like Bobby Scott"), "John Kerry");
}

#[test]
fn the_next_he_is_the_speaker_not_the_man_he_quoted() {
    let story = [
        "“I told Barack Obama it would never work,” Donald Trump said at the rally.",
        "“It's a disaster,” he said.",
    ];
    assert_eq!(speaker_of(&story, "It's a disaster"), "Donald Trump");
}

#[test]
fn the_next_she_is_the_speaker_not_the_woman_she_spoke_about() {
    let story = [
        "Hillary Clinton is not consistent on race, said Tyresha McClenney, a voter in Charlotte.",
        "“It's only when the media gets a video,” she said.",
    ];
    assert_eq!(
        speaker_of(&story, "only when the media"),
        "Tyresha McClenney"
    );
}

#[test]
fn a_she_carries_the_thread_through_sentences_that_name_nobody_else() {
    let story = [
        "Attorney General Loretta Lynch spoke to reporters on Tuesday.",
        "She has faced questions since meeting Bill Clinton while the department investigated his wife, Hillary Clinton.",
        "She said she was not aware of a backlash.",
        "“People tend not to say those things to the attorney general,” she said.",
    ];
    assert_eq!(
        speaker_of(&story, "People tend not to say"),
        "Loretta Lynch"
    );
}

#[test]
fn a_she_tells_the_gender_a_name_did_not() {
    // "Casey" is a man's name and a woman's; once a "she" is hers, a "he" is not.
    let story = [
        "Donald Trump unveiled a child-care plan on Tuesday.",
        "“It leaves out many families,” said Casey Mathur, an economist at the institute.",
        "“There are few details,” she said.",
        "“It will help every family,” he said.",
    ];
    assert_eq!(
        speaker_of(&story, "It will help every family"),
        "Donald Trump"
    );
}

#[test]
fn a_name_typed_with_either_apostrophe_is_one_person() {
    let story = [
        "Police Commissioner James O’Neill spoke at the scene on Sunday.",
        "Asked to describe the device that caused the explosion, O'Neill said, \"Not going to go into that.\"",
    ];
    assert_eq!(speaker_of(&story, "Not going to go into"), "James O’Neill");
}

#[test]
fn a_surname_the_entity_tagger_missed_is_still_the_person_named_before() {
    // "Obama Friday said" is no name to the entity tagger, but the source is Obama's
    // surname and he is the only Obama in the story.
    let story = [
        "President Barack Obama spoke in Ohio on Thursday.",
        "Obama Friday said the economy was improving.",
    ];
    assert_eq!(
        speaker_of(&story, "the economy was improving"),
        "Barack Obama"
    );
    // The end of a name of several words, and a first name alone, when one person has it.
    let ends = [
        "Rep. Debbie Wasserman Schultz spoke in Ohio on Thursday.",
        "Wasserman Schultz Friday said the party was united.",
    ];
    assert_eq!(
        speaker_of(&ends, "the party was united"),
        "Debbie Wasserman Schultz"
    );
    let first = [
        "Hillary Clinton spoke in Ohio on Thursday.",
        "Hillary Friday said the economy was improving.",
    ];
    assert_eq!(
        speaker_of(&first, "the economy was improving"),
        "Hillary Clinton"
    );
    // Two people of that surname: the bare surname is neither.
    let two = [
        "President Barack Obama and Michelle Obama spoke in Ohio on Thursday.",
        "Obama Friday said the economy was improving.",
    ];
    assert_eq!(speaker_of(&two, "the economy was improving"), "Obama");
}

#[test]
fn a_title_or_a_first_name_tells_which_of_a_family_speaks() {
    // "Mr." and "Mrs." choose between two Clintons, whoever was named last.
    let couple = [
        "Bill Clinton and Hillary Clinton spoke in Ohio on Thursday.",
        "Mrs. Clinton said the economy was improving.",
        "Mr. Clinton said the plan would work.",
    ];
    assert_eq!(
        speaker_of(&couple, "the economy was improving"),
        "Hillary Clinton"
    );
    assert_eq!(speaker_of(&couple, "the plan would work"), "Bill Clinton");
    // A first name alone is that person; it does not make her the Trump a bare
    // surname stands for.
    let family = [
        "Melania Trump spoke in Ohio on Thursday.",
        "Later Donald Trump said the economy was improving.",
        "Melania said she was proud of her husband.",
        "Trump said the plan would work.",
    ];
    assert_eq!(
        speaker_of(&family, "she was proud of her husband"),
        "Melania Trump"
    );
    assert_eq!(speaker_of(&family, "the plan would work"), "Donald Trump");
}

#[test]
fn a_name_that_modifies_someone_elses_title_does_not_speak() {
    let story = [
        "Hillary Clinton spoke in Ohio on Thursday.",
        "Clinton spokesman Brian Fallon said the email issue was over.",
        "Former Obama adviser David Axelrod said the race was close.",
        "Clinton aides said the event went well.",
    ];
    assert_eq!(
        speaker_of(&story, "the email issue was over"),
        "Brian Fallon"
    );
    assert_eq!(speaker_of(&story, "the race was close"), "David Axelrod");
    // Her aides speak for themselves: a group, not Clinton.
    assert_eq!(speaker_of(&story, "the event went well"), "Clinton aides");
}

/// "They" speaks for the group its sentence or the one before is about, named as the
/// article names it; a plural subject that is not people ("Polls") leaves it "they".
#[test]
fn they_is_the_group_the_sentence_before_is_about() {
    assert_eq!(
        speaker_of(
            &[
                "House Republicans stalled the measure because they said the wording was an unacceptable trap."
            ],
            "the wording"
        ),
        "House Republicans"
    );
    assert_eq!(
        speaker_of(
            &[
                "Several veteran Republicans with close ties to the governor met on Monday.",
                "They said the debate would be a trap for her.",
            ],
            "the debate would be a trap"
        ),
        "Several veteran Republicans"
    );
    assert_eq!(
        speaker_of(
            &[
                "Professors Marsh and Okoye studied migrants in France.",
                "In Canada, they write, faith is a bridge.",
            ],
            "faith is a bridge"
        ),
        "Professors Marsh and Okoye"
    );
    // People named by what they do, not only members of a body.
    assert_eq!(
        speaker_of(
            &[
                "Officials in Kyiv were skeptical of the meeting.",
                "They said the talks changed nothing.",
            ],
            "the talks changed nothing"
        ),
        "Officials in Kyiv"
    );
    assert_eq!(
        speaker_of(
            &[
                "Polls show that a majority of Americans want change.",
                "They say the political system is broken.",
            ],
            "the political system is broken"
        ),
        "They"
    );
}

/// "…, said NAME, a description": an inverted attribution after a comma is the named
/// person's, not that of a name in the words before it; "…, told AFP" names the outlet
/// told, not the speaker. (Written in the shape of PolNeAR sentences where the role
/// tagger took a phrase before the cue.)
#[test]
fn the_name_after_an_inverted_cue_speaks() {
    assert_eq!(
        speaker_of(
            &[
                "But Mrs. Warren would do well to begin ''mending fences'' with Mr. Booker, said Daniel Pfeiffer, a former senior adviser to the Obama campaign."
            ],
            "mending fences"
        ),
        "Daniel Pfeiffer"
    );
    assert_eq!(
        speaker_of(
            &[
                "Last month, Danish voters dealt a blow to the government by rejecting a pact backed by the main parties. The rejection of the pact marks \"the start of a revolt\" against Brussels, said Pia Kjaersgaard, founder of the Danish People's Party."
            ],
            "the start of a revolt"
        ),
        "Pia Kjaersgaard"
    );
    assert_eq!(
        speaker_of(
            &[
                "“We are going to win this election,” Senator Jeff Sessions, a close adviser to Trump, told AFP."
            ],
            "win this election"
        ),
        "Jeff Sessions"
    );
}

#[test]
fn a_speaker_described_between_commas_is_named_without_the_description() {
    let story = [
        "Congress failed to pass the spending bill on Friday night.",
        "“The deal is dead and nobody in this building can revive it,” Murphy, the head of the budget committee, said.",
    ];
    assert_eq!(speaker_of(&story, "The deal is dead"), "Murphy");
}

#[test]
fn a_quotation_before_a_future_cue_is_the_speakers() {
    let story = [
        "President Barack Obama will speak on Wednesday night in Philadelphia.",
        "“Until you’ve sat at that desk, you don’t know what it’s like to manage a crisis,” he will say. “But Hillary’s been in the room.”",
    ];
    assert_eq!(speaker_of(&story, "Until you’ve sat"), "Barack Obama");
    assert!(
        statements(&story)
            .iter()
            .any(|(c, _, _)| c.contains("Until you’ve sat") && c.contains("in the room"))
    );
}

#[test]
fn people_joined_by_and_speak_as_a_group_not_as_one_of_them() {
    let story = |source: &str| {
        [
            "Congress failed to pass the spending bill on Friday night.".to_owned(),
            format!("“We will vote against this bill on Monday morning,” {source} said."),
        ]
    };
    for source in [
        "Trump and Pence",
        "Smith, Jones and Lee",
        "Ann Smith and her husband",
    ] {
        let paragraphs = story(source);
        let paragraphs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        assert_eq!(speaker_of(&paragraphs, "We will vote"), source);
    }
    // One name with "and" in it is still that one.
    let paragraphs = story("Secretary of Health and Human Services Xavier Becerra");
    let paragraphs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    assert_eq!(speaker_of(&paragraphs, "We will vote"), "Xavier Becerra");
}

#[test]
fn a_nationality_whose_adjective_is_not_the_countrys_stem_still_fits() {
    let story = |description: &str| {
        [
            "French President Emmanuel Macron on Tuesday urged European leaders to raise military spending.".to_owned(),
            format!("{description} said Europe had been naive about its defense for too long."),
        ]
    };
    let speaker = |description: &str| {
        let paragraphs = story(description);
        let paragraphs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        speaker_of(&paragraphs, "Europe had been naive")
    };
    assert_eq!(speaker("The French leader"), "Emmanuel Macron");
    assert_eq!(speaker("The French president"), "Emmanuel Macron");
    // Another nationality is someone else.
    assert_eq!(speaker("The German president"), "The German president");
}

#[test]
fn a_family_name_first_is_the_person_named_in_full() {
    let story = [
        "President Joe Biden and Chinese leader Xi Jinping met for four hours on Wednesday.",
        "Xi said the world was big enough for both countries to succeed.",
    ];
    assert_eq!(speaker_of(&story, "the world was big enough"), "Xi Jinping");
}

#[test]
fn a_quotation_said_according_to_a_readout_is_the_speakers() {
    let story = [
        "President Joe Biden and Chinese leader Xi Jinping met for four hours on Wednesday.",
        "\"Planet Earth is big enough for the two countries to succeed,\" the Chinese leader said, according to a Chinese readout.",
    ];
    let found = statements(&story);
    assert!(
        found.iter().any(
            |(content, _, speaker)| content.starts_with("\"Planet Earth")
                && content.ends_with("succeed,\"")
                && speaker == "Xi Jinping"
        ),
        "{found:?}"
    );
}

#[test]
fn the_company_is_the_organization_the_story_is_about() {
    let story = [
        "Apple Inc shares fell 4% on Friday after weaker iPhone sales in China, its third-largest market.",
        "\"The China story is broken,\" said Dan Ives, an analyst at Wedbush Securities.",
        "\"We remain very optimistic about China,\" the company said in a statement.",
    ];
    assert_eq!(speaker_of(&story, "We remain very optimistic"), "Apple Inc");
    // With no organization named before, the description speaks for itself.
    let alone = ["\"We remain very optimistic about China,\" the company said in a statement."];
    assert_eq!(
        speaker_of(&alone, "We remain very optimistic"),
        "the company"
    );
}

#[test]
fn the_end_of_a_fuller_name_is_that_person_and_her_pronoun_follows() {
    let story = [
        "Stacy Davis Gates, president of the Chicago Teachers Union, said the union would not return until the city put its promises in writing.",
        "\"My kids have been home for eight days,\" said Keisha Brown, a nurse with three children in public schools. She said she supported the teachers.",
        "Davis Gates dismissed the mayor's warning. \"The money is there,\" she said. \"It has always been there.\"",
    ];
    assert_eq!(
        speaker_of(&story, "The money is there"),
        "Stacy Davis Gates"
    );
}

#[test]
fn a_company_whose_name_is_also_a_surname_is_the_company() {
    // "Apple" is a census surname: without a person of that name in the story, the
    // known company wins, and "the company" speaks for it.
    let story = [
        "Apple shares fell 4% on Friday after weaker iPhone sales in China, its third-largest market.",
        "\"The China story is broken,\" said Dan Ives, an analyst at Wedbush Securities. Apple has not commented.",
        "\"We remain very optimistic about China,\" the company said in a statement.",
    ];
    assert_eq!(speaker_of(&story, "very optimistic"), "Apple");
    // A person the story named in full keeps the bare surname.
    let story = [
        "Former New York mayor Michael Bloomberg spoke in Richmond on Tuesday.",
        "\"We need a plan for the cities,\" Bloomberg said.",
    ];
    assert_eq!(
        speaker_of(&story, "a plan for the cities"),
        "Michael Bloomberg"
    );
}

#[test]
fn a_ministry_is_not_the_union_named_before_it() {
    let story = [
        "Unions called for a ninth day of strikes. Laurent Berger, head of the CFDT union, said the president had lied.",
        "The interior ministry said in a statement that 1.1 million people had marched across France.",
        "The CFDT union said in a statement that the strikes would go on.",
    ];
    assert_eq!(
        speaker_of(&story, "1.1 million people"),
        "The interior ministry"
    );
    // A union is still the union the story named, called so or by its name.
    let story = [
        "Sara Nelson, president of the Association of Flight Attendants, spoke on Monday.",
        "The union said in a statement that its members would strike.",
    ];
    assert_eq!(
        speaker_of(&story, "its members would strike"),
        "Association of Flight Attendants"
    );
}

#[test]
fn an_age_no_one_was_given_is_the_person_named_just_before() {
    let story = [
        "\"He is showing contempt for workers,\" Laurent Berger, 54, told France Inter radio.",
        "Prime Minister Elisabeth Borne said on Tuesday that the government would not withdraw the bill. The 61-year-old added that talks with unions remained possible.",
    ];
    assert_eq!(speaker_of(&story, "talks with unions"), "Elisabeth Borne");
    // Two people named just before: no guess.
    let story = [
        "Prime Minister Elisabeth Borne met union leader Sophie Binet on Tuesday. The 61-year-old said talks with unions remained possible.",
    ];
    assert_eq!(speaker_of(&story, "talks with unions"), "The 61-year-old");
}

#[test]
fn a_career_is_the_person_just_named() {
    let story = [
        "French President Emmanuel Macron on Wednesday defended his plan to raise the retirement age.",
        "\"I will not give in to the street,\" the former banker told TF1 television in an interview.",
    ];
    assert_eq!(
        speaker_of(&story, "give in to the street"),
        "Emmanuel Macron"
    );
    // "The lawyer for the family" is someone new.
    let story = [
        "Police chief Anna Weber said the officers had acted lawfully.",
        "\"They shot an unarmed man,\" the lawyer for the family said.",
    ];
    assert_ne!(speaker_of(&story, "an unarmed man"), "Anna Weber");
}

#[test]
fn the_agency_is_the_regulator_not_the_company() {
    let story = [
        "Tesla is recalling more than 2 million vehicles, U.S. safety regulators said Wednesday.",
        "The National Highway Traffic Safety Administration said the recall followed a two-year investigation. The agency said the controls \"may not be sufficient to prevent driver misuse.\"",
        "Tesla said in a statement that it disagreed with the analysis.",
    ];
    assert_eq!(
        speaker_of(&story, "may not be sufficient"),
        "National Highway Traffic Safety Administration"
    );
    // An agency known by its initials is an agency.
    let story = [
        "The FBI opened an inquiry into the emails on Friday.",
        "The agency said in a statement that it would not comment further.",
    ];
    assert_eq!(speaker_of(&story, "would not comment further"), "FBI");
}

#[test]
fn a_spokesman_named_after_the_one_he_speaks_for_speaks() {
    let story = [
        "Senate Republican leader Mitch McConnell said his members had \"serious concerns\" about the bill.",
        "A spokesman for McConnell, David Popp, said the senator would not support the measure in its current form.",
    ];
    assert_eq!(speaker_of(&story, "would not support"), "David Popp");
    // Unnamed, the spokesman speaks for him.
    let story = [
        "Senate Republican leader Mitch McConnell said his members had \"serious concerns\" about the bill.",
        "A spokesman for McConnell said the senator would not support the measure in its current form.",
    ];
    assert_eq!(speaker_of(&story, "would not support"), "Mitch McConnell");
}

#[test]
fn neither_of_two_people_nor_a_persons_associates_is_that_person() {
    let story = [
        "Ted Cruz and Chris Christie spoke at the forum on Tuesday.",
        "Neither Cruz nor Christie mentioned the administration's efforts to combat the epidemic.",
        "Several Cruz associates said he could campaign in New Hampshire.",
    ];
    assert_eq!(
        speaker_of(&story, "the administration's efforts"),
        "Neither Cruz nor Christie"
    );
    assert_eq!(
        speaker_of(&story, "he could campaign"),
        "Several Cruz associates"
    );
}

#[test]
fn a_full_name_of_the_other_gender_is_not_the_bare_surname_named_before() {
    let story = [
        "President Obama is rolling out a new campaign message.",
        "“My name may not be on the ballot, but our progress is on the ballot,” Mr. Obama said on Saturday.",
        "The campaign plans to employ Mr. Obama and the first lady, Michelle Obama, in the final weeks.",
        "“It's about me,” Mr. Obama told the audience.",
    ];
    assert_eq!(speaker_of(&story, "our progress"), "Obama");
    assert_eq!(speaker_of(&story, "about me"), "Obama");
}

/// "Assad" and "al-Assad" after "Bashar al-Assad": the family name without its article
/// is the man named before.
#[test]
fn a_family_name_with_or_without_its_article_is_the_person_named_before() {
    let paragraphs = [
        "Syrian President Bashar al-Assad said on Sunday that the war would end soon.",
        "The opposition rejected the claim. Assad added that foreign troops must leave.",
        "\u{201c}We will win,\u{201d} al-Assad told the crowd.",
    ];
    for content in [
        "the war would end soon",
        "foreign troops must leave",
        "We will win",
    ] {
        assert_eq!(
            speaker_of(&paragraphs, content),
            "Bashar al-Assad",
            "{content}"
        );
    }
}

/// A pope or a sovereign named by one given name is known by it with the title: the
/// speaker is "Pope Francis", not any "Francis"; with a surname the name stands.
#[test]
fn a_pope_or_a_king_named_by_one_name_keeps_the_title() {
    let paragraphs = [
        "Pope Francis said he prayed for peace. Francis later added that the war was a defeat.",
        "King Charles said the nation grieved.",
        "Saudi Prince Alwaleed bin Talal said he would sell his stake. Prince Alwaleed said the deal was fair.",
    ];
    assert_eq!(
        speaker_of(&paragraphs, "he prayed for peace"),
        "Pope Francis"
    );
    assert_eq!(
        speaker_of(&paragraphs, "the war was a defeat"),
        "Pope Francis"
    );
    assert_eq!(
        speaker_of(&paragraphs, "the nation grieved"),
        "King Charles"
    );
    assert_eq!(
        speaker_of(&paragraphs, "the deal was fair"),
        "Alwaleed bin Talal"
    );
}

/// "The Russian foreign minister", "the prime minister": a description with words before
/// its head is the person with that title; "the vice president" is not the president.
#[test]
fn a_description_with_a_compound_role_is_the_person_with_that_title() {
    let paragraphs = [
        "Russian Foreign Minister Sergei Lavrov said Moscow was open to talks. The Russian foreign minister added that sanctions had failed.",
        "President Joe Biden met Vice President Kamala Harris on Monday. Biden said the bill would pass. The vice president said the law was unfair.",
    ];
    assert_eq!(
        speaker_of(&paragraphs, "sanctions had failed"),
        "Sergei Lavrov"
    );
    assert_eq!(
        speaker_of(&paragraphs, "the law was unfair"),
        "Kamala Harris"
    );
}

/// "Apple Inc." and a later "Apple" are one company: one entity, and the statements of
/// both names have the same speaker.
#[test]
fn a_company_named_with_and_without_its_legal_form_is_one_speaker() {
    let paragraphs = [
        "Apple Inc. said on Tuesday that sales of its phones had risen in China.",
        "Apple said it expected the growth to continue next year.",
    ];
    let doc = Document::from_body_paragraphs("speakers.txt", paragraphs);
    let analysis = whosaid_nlp::analyze(&doc);
    let companies: Vec<&str> = analysis
        .entities
        .iter()
        .filter(|e| e.kind == whosaid_core::EntityType::Organization)
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(companies.len(), 1, "{companies:?}");
    let speakers: Vec<_> = analysis
        .quotes
        .iter()
        .map(|q| q.speaker.as_ref().and_then(|s| s.entity.clone()))
        .collect();
    assert_eq!(speakers.len(), 2);
    assert!(
        speakers[0].is_some() && speakers[0] == speakers[1],
        "{speakers:?}"
    );
}

/// "The Kentucky senator said…" after "Sen. Rand Paul": a state (a word that names no
/// nation) cannot be checked, so it does not rule out the nearest senator; before, the
/// speaker stayed "The Kentucky senator". A nationality still has to fit.
#[test]
fn a_description_with_a_state_is_the_nearest_person_with_that_title() {
    let paragraphs = [
        "Sen. Susan Collins voted for the bill. Her colleague, Sen. Rand Paul, opposed it. The Kentucky senator said it spent too much.",
    ];
    assert_eq!(speaker_of(&paragraphs, "spent too much"), "Rand Paul");
    let paragraphs =
        ["Sen. Rand Paul opposed the bill. The Russian senator said it spent too much."];
    assert_eq!(
        speaker_of(&paragraphs, "spent too much"),
        "The Russian senator"
    );
}

/// "Analysts at Goldman Sachs raised… “…,” they wrote": the group "they" stands for is
/// named with where it is from, not "Analysts" alone (any analysts, in the store).
#[test]
fn a_group_is_named_with_the_firm_it_is_from() {
    let paragraphs = [
        "Analysts at Goldman Sachs raised their Brent forecast to $95 a barrel. “The cut is a clear signal,” they wrote in a note.",
    ];
    assert_eq!(
        speaker_of(&paragraphs, "clear signal"),
        "Analysts at Goldman Sachs"
    );
}

/// A quotation of two sentences before "she said": the pronoun had looked three sentences
/// back from itself, which reached only the son, and stayed "she". Failing a person there,
/// the sentences before the quotation opens are looked at too.
#[test]
fn a_she_after_a_long_quotation_is_the_woman_named_before_it() {
    let story = [
        "Margaret Hollis has picked apples here since she was six. Her son, Daniel Hollis, took over a decade ago.",
        "“We tried everything,” he said.",
        "“My father wanted to pull it out in 1975. I wouldn't let him,” she said.",
    ];
    assert_eq!(speaker_of(&story, "We tried everything"), "Daniel Hollis");
    assert_eq!(speaker_of(&story, "My father wanted"), "Margaret Hollis");
}

/// "the CEO" is the person given the title "chief executive", and "the chief executive"
/// the one given "CEO"; the capital letters of "CEO" had been read as a nationality.
#[test]
fn the_ceo_is_the_chief_executive() {
    let story = [
        "Chief executive Priya Raman announced the cuts on Tuesday.",
        "Asked on the call whether further cuts were possible, the CEO said: “I'm not going to make promises about the future.”",
    ];
    assert_eq!(speaker_of(&story, "make promises"), "Priya Raman");
    let story = [
        "Nimbus CEO Priya Raman announced the cuts on Tuesday.",
        "The chief executive said the company would hire again next year.",
    ];
    assert_eq!(speaker_of(&story, "hire again"), "Priya Raman");
}

/// Sport names a player again by position or by nationality alone: "the French defender",
/// "The Belgian, 33,". The nationality the article never gave the player does not rule
/// them out; a people ("The Saudis have said") is not a person.
#[test]
fn a_player_named_again_by_position_or_nationality_is_the_player_just_named() {
    let story = [
        "William Saliba played down the incident. “Maybe there was a little contact, I don't know,” the French defender said.",
    ];
    assert_eq!(speaker_of(&story, "little contact"), "William Saliba");
    let story = [
        "Kevin De Bruyne came off the bench at halftime. The Belgian, 33, said he had felt “completely fine.”",
    ];
    assert_eq!(speaker_of(&story, "completely fine"), "Kevin De Bruyne");
    let story = [
        "Barack Obama is expected to declassify the pages. The Saudis have said for years that they would support the release of the pages.",
    ];
    assert_ne!(speaker_of(&story, "support the release"), "Barack Obama");
}

/// "Sources close to the prime minister said": the role tagger took "the prime minister"
/// for the source, which made her the speaker of what her circle said.
#[test]
fn people_close_to_someone_are_not_that_person() {
    let story = [
        "Theresa May faced a leadership challenge on Monday.",
        "Sources close to the prime minister said she would not resign.",
    ];
    assert_eq!(
        speaker_of(&story, "would not resign"),
        "Sources close to the prime minister"
    );
}

/// An anonymous source, a diplomat or an analyst does not speak with the voice of the
/// body named before their role, as a spokesperson does.
#[test]
fn a_source_or_an_analyst_of_a_body_does_not_speak_for_it() {
    let story = [
        "A Treasury source said the chancellor regarded the policy as a test.",
        "An EU diplomat said the talks had stalled.",
        "A Pentagon spokesman said the troops would stay.",
    ];
    assert_eq!(
        speaker_of(&story, "regarded the policy"),
        "A Treasury source"
    );
    assert_eq!(speaker_of(&story, "talks had stalled"), "An EU diplomat");
    assert_eq!(speaker_of(&story, "troops would stay"), "Pentagon");
}

/// The subject of the cue's clause, when the role tagger left the source out: before a
/// relative clause set off by commas ("The sources, who spoke on condition of anonymity
/// because…, said"), and before its own verb when the cue is a participle ("The president
/// attacked Biden, saying…", where the first name of the sentence, Biden, had been taken).
#[test]
fn the_subject_of_the_clause_speaks_when_the_tagger_left_it_out() {
    let story = [
        "The sources, who spoke on condition of anonymity because the deliberations are confidential, said there was no appetite for a surprise.",
    ];
    assert_eq!(speaker_of(&story, "no appetite"), "The sources");
    let story = ["The president attacked Biden on Tuesday, saying he had failed the country."];
    assert_eq!(speaker_of(&story, "failed the country"), "The president");
}

/// An "and" inside the description after a name ("Stein, a physician from Massachusetts
/// and longtime Green Party activist") joins two of its descriptions, not two people: the
/// speaker had been the whole phrase, and no one in the store.
#[test]
fn an_and_inside_a_description_does_not_make_a_group() {
    let story = [
        "Jill Stein spoke at the rally on Monday.",
        "Stein, a physician from Massachusetts and longtime Green Party activist, said the party had been unfair to Sanders.",
        "Rudy Giuliani appeared on MSNBC on Tuesday.",
        "Giuliani, who served as U.S. attorney and as associate attorney general, said the case was clear.",
    ];
    assert_eq!(speaker_of(&story, "unfair to Sanders"), "Jill Stein");
    assert_eq!(speaker_of(&story, "case was clear"), "Rudy Giuliani");
    let story = ["Clinton and Sanders, who met in Brooklyn, said the debate would go ahead."];
    assert_ne!(
        speaker_of(&story, "debate would go ahead"),
        "Hillary Clinton"
    );
}

/// "“…,” she said" four sentences after the only woman the reporter named, with her quoted
/// words and a sentence about the crowd between: the pronoun had looked three sentences back
/// and stayed "she". Further back, up to eight sentences, a single person known to be of
/// that gender is the one.
#[test]
fn a_she_further_back_is_the_only_woman_named_there() {
    let story = [
        "Chancellor Angela Merkel defended her refugee policy at a party rally in Karlsruhe on Monday.",
        "“We will manage this,” Merkel said. “Germany is a strong country.”",
        "The crowd of about 1,000 delegates applauded for several minutes. Some held up signs. Others stayed silent.",
        "“Nobody said it would be easy,” she said.",
    ];
    assert_eq!(
        speaker_of(&story, "Nobody said it would be easy"),
        "Angela Merkel"
    );
}

#[test]
fn i_in_the_writers_own_words_is_the_one_person_who_signed() {
    let paragraphs = [
        "I have argued for years that the party would lose its way.",
        "“We will win in November,” Senator Mark Kelly said. “I am sure of it.”",
    ];
    let speakers = |byline: Option<&str>| {
        let mut doc = Document::from_body_paragraphs("column.txt", paragraphs);
        doc.meta.byline = byline.map(str::to_owned);
        statements_of(&doc)
    };
    let signed = speakers(Some("Jane Doe"));
    assert_eq!(speaker_in(&signed, "the party would lose"), "Jane Doe");
    // The "I" inside a quotation is the person quoted.
    assert_eq!(speaker_in(&signed, "We will win"), "Mark Kelly");
    // An agency or two authors: "I" stays "I".
    for byline in [
        None,
        Some("Associated Press"),
        Some("Jane Doe and John Roe"),
    ] {
        assert_eq!(
            speaker_in(&speakers(byline), "the party would lose"),
            "I",
            "{byline:?}"
        );
    }
}

#[test]
fn a_campaign_description_is_the_candidate_named_just_before_of_that_party() {
    // The person named inside the quotation is not the one the reporter describes.
    let nominee = [
        "Lashing out, Donald Trump said the justice's mind is shot.",
        "“Justice Ginsburg has embarrassed all,” the presumptive Republican presidential nominee said.",
    ];
    assert_eq!(
        speaker_of(&nominee, "Justice Ginsburg has embarrassed all"),
        "Donald Trump"
    );
    let candidate = [
        "Ben Carson says he is under attack because of his rise in the polls.",
        "“There's no question I'm getting special scrutiny,” the Republican presidential candidate told CBS.",
    ];
    assert_eq!(speaker_of(&candidate, "special scrutiny"), "Ben Carson");
    // A title of the other party rules the person out.
    let other_party = [
        "Republican presidential nominee Donald Trump spoke in Ohio on Monday.",
        "“We will win this state,” the Democratic presidential nominee said.",
    ];
    assert_eq!(
        speaker_of(&other_party, "We will win this state"),
        "the Democratic presidential nominee"
    );
}

#[test]
fn a_groups_name_leaves_out_the_relative_clause_about_it() {
    let story = [
        "Indiana politicians, who granted Carrier tax breaks and other incentives, said the company broke its promise.",
    ];
    assert_eq!(
        speaker_of(&story, "the company broke its promise"),
        "Indiana politicians"
    );
}

#[test]
fn a_pronoun_corrects_the_gender_a_first_name_only_guessed() {
    // "Marty" is mostly a man's name in the census lists; Marty Walz is a woman.
    let story = [
        "“We talk a lot,” said Marty Walz, chair of the advisory council.",
        "Walz approaches it a bit more diplomatically. She said she would rather see money spent on the election.",
    ];
    assert_eq!(
        speaker_of(&story, "money spent on the election"),
        "Marty Walz"
    );
    // Someone named in passing does not speak for a "she" no one else fits.
    let passing = [
        "Her room is plastered with the same Justin Timberlake posters from her tween years.",
        "“Who wants to live at home at 29?” she said.",
    ];
    assert_eq!(speaker_of(&passing, "Who wants to live at home"), "she");
    // A title says more than a first name: "Ms. Marty Walz" is a woman from the start.
    let titled = [
        "Ms. Marty Walz chairs the council, and Mark Tolman leads the union.",
        "“We will win,” she said.",
    ];
    assert_eq!(speaker_of(&titled, "We will win"), "Marty Walz");
}

#[test]
fn a_name_printed_with_a_no_break_space_is_shown_with_a_plain_one() {
    let story = ["FBI Director James\u{a0}Comey said the emails had been classified."];
    assert_eq!(
        speaker_of(&story, "the emails had been classified"),
        "James Comey"
    );
}

#[test]
fn a_relative_named_in_passing_does_not_take_the_bare_surname() {
    let story = [
        "Sen. Ted Cruz endorsed Donald Trump on Friday after months of insults.",
        "Trump had retweeted an unflattering photo of Heidi Cruz during the primary.",
        "“I am not in the habit of supporting people who attack my wife,” Cruz said in July.",
    ];
    assert_eq!(speaker_of(&story, "not in the habit"), "Ted Cruz");
    // Named as the one who acts, the relative does.
    let acting = [
        "Sen. Ted Cruz endorsed Donald Trump on Friday after months of insults.",
        "Heidi Cruz spoke to voters in Iowa on Saturday.",
        "“We are grateful for every vote,” Cruz said.",
    ];
    assert_eq!(speaker_of(&acting, "grateful for every vote"), "Heidi Cruz");
    // Named in apposition to a word of kinship, even inside a statement's source that runs
    // over the apposition, the relative does not.
    let widow = [
        "Dorothy Woods, whose husband, Navy SEAL Ty Woods, was one of four Americans killed \
         in the 2012 attack, discussed the controversy with radio host Hugh Hewitt on Thursday.",
        "Woods said she does not believe the Khans should be immune from criticism.",
    ];
    assert_eq!(speaker_of(&widow, "immune from criticism"), "Dorothy Woods");
}

#[test]
fn a_description_with_a_two_word_state_or_a_retired_career_is_the_person_just_named() {
    let governor = [
        "Gov. Chris Christie of New Jersey has been running fifth in New Hampshire.",
        "“He went for the easy political vote,” the New Jersey governor said.",
    ];
    assert_eq!(
        speaker_of(&governor, "easy political vote"),
        "Chris Christie"
    );
    let surgeon = [
        "Ben Carson addressed the media on Tuesday.",
        "The retired neurosurgeon said the scrutiny of his past was unfair.",
    ];
    assert_eq!(speaker_of(&surgeon, "scrutiny of his past"), "Ben Carson");
    // In apposition, a description is the person it follows, whoever else holds the title.
    let apposition = [
        "Gov. Chris Christie endorsed Donald Trump on Friday.",
        "Christine Todd Whitman, the former New Jersey governor, told reporters she would rather vote for Hillary Clinton.",
    ];
    assert_eq!(
        speaker_of(&apposition, "rather vote for Hillary Clinton"),
        "Christine Todd Whitman"
    );
}

#[test]
fn they_speaks_as_the_group_that_spoke_just_before() {
    let groups = [
        "Clark's comments further the mob mentality fostered by Trump, the groups say. They argue that Clinton should lead by example.",
    ];
    assert_eq!(
        speaker_of(&groups, "Clinton should lead by example"),
        "the groups"
    );
    // A chain of "it": the second is the first's.
    let chain = [
        "“I can beat Hillary Clinton,” the email read. It stated that Trump is rattled. It said that Trump supports higher taxes.",
    ];
    assert_eq!(
        speaker_of(&chain, "Trump supports higher taxes"),
        "the email"
    );
    // Things are no group: "they" stays "they".
    let things = [
        "Mrs. Schlafly's pronouncements drove her antagonists to distraction, though they suspected that her language was deliberate.",
    ];
    assert_ne!(
        speaker_of(&things, "her language was deliberate"),
        "Mrs. Schlafly's pronouncements"
    );
}

/// A pronoun after a sentence naming several people is the one who spoke there, else one
/// known to be of its gender before one whose name tells none.
#[test]
fn a_pronoun_is_the_one_who_spoke_in_the_sentence_before() {
    let widow = [
        "Dorothy Woods discussed the controversy with radio host Hugh Hewitt on Thursday.",
        "Regarding Trump’s rhetoric following Khizr Khan’s speech at the convention, Woods \
         shared her belief that none of it was beyond the pale.",
        "“The way I see it,” she elaborated, “no one ever questioned his sacrifice.”",
    ];
    assert_eq!(speaker_of(&widow, "The way I see it"), "Dorothy Woods");
    let congressman = [
        "Republican Rep. Lee Zeldin of New York, a Trump supporter, said it will help both \
         the candidate and the speaker if they can work through their differences.",
        "“I don’t think it’s do or die, any endorsement in particular,” he said outside the \
         building.",
    ];
    assert_eq!(speaker_of(&congressman, "do or die"), "Lee Zeldin");
}

/// A generational suffix is no surname: "Admiral Harris" is "Adm. Harry B. Harris Jr."
/// named before. It still tells two people apart: "Donald Trump Jr." is not "Donald J.
/// Trump", and "Donald Jr." is his son, named in either order.
#[test]
fn a_generational_suffix_is_no_surname_but_tells_father_from_son() {
    let admiral = [
        "Adm. Harry B. Harris Jr., the commander of American forces in the Pacific, spoke.",
        "“We will not be deterred,” Admiral Harris said.",
    ];
    assert_eq!(
        speaker_of(&admiral, "not be deterred"),
        "Harry B. Harris Jr"
    );
    let family = [
        "Donald J. Trump accepted the nomination on Thursday.",
        "His son Donald Jr. announced the votes of New York.",
        "“It was a great honor,” Donald Trump Jr. said.",
        "“We did it,” Donald Jr. said later.",
    ];
    let found = statements(&family);
    assert_eq!(speaker_in(&found, "great honor"), "Donald Trump Jr.");
    assert_eq!(speaker_in(&found, "We did it"), "Donald Trump Jr.");
}

/// "Ms. Acosta" after "Melba Acosta Febo": a Spanish name's first surname names its
/// bearer alone (12 statements of a Times story had gone to a separate "Acosta").
#[test]
fn the_first_of_two_surnames_names_the_person() {
    let story = [
        "The bank was run by Melba Acosta Febo until last year.",
        "“The law did not include the public corporations,” Ms. Acosta said.",
    ];
    assert_eq!(
        speaker_of(&story, "public corporations"),
        "Melba Acosta Febo"
    );
}

/// "The Obama administration said": the government speaks as a body of its own, neither
/// Barack Obama nor an organization called "Obama".
#[test]
fn an_administration_or_a_campaign_speaks_for_itself() {
    let story = [
        "Barack Obama spoke on Monday.",
        "The Obama administration said it would appeal the ruling.",
    ];
    assert_eq!(
        speaker_of(&story, "appeal the ruling"),
        "Obama administration"
    );
}

#[test]
fn a_pronoun_after_a_description_is_the_person_described() {
    // PolNeAR train: Romney is quoted, then the story turns to Trump by a description
    // alone, with a possessive; every "he" after it used to be Romney.
    let story = statements(&[
        "The letter cites statements from presumptive nominee Donald Trump and from Mitt Romney.",
        "\"We mourn the victims,\" Romney tweeted on Monday.",
        "Meanwhile, the current GOP nominee’s support for the community is unprecedented. While he has said he believes marriage is between a man and a woman, he has also praised the nuptials of gay friends.",
    ]);
    assert_eq!(speaker_in(&story, "We mourn the victims"), "Mitt Romney");
    assert_eq!(speaker_in(&story, "he believes marriage"), "Donald Trump");
    assert_eq!(speaker_in(&story, "the nuptials"), "Donald Trump");
    // In its own sentence a description is not the first person a "he" looks back to.
    let bush = statements(&[
        "Former President George W. Bush campaigned for his brother in South Carolina on Monday. The former president spoke hours after Donald Trump held a news conference in which he said the war had been a mistake.",
    ]);
    assert_eq!(speaker_in(&bush, "the war had been"), "Donald Trump");
}

#[test]
fn a_leader_of_something_named_after_it_is_that_person() {
    // "The leader" fits anyone the article named; "the leader of the Anti-Defamation
    // League" is someone new, here named right after.
    let story = statements(&[
        "Jewish groups condemned Donald Trump's proposal on Tuesday.",
        "The leader of the Anti-Defamation League, Jonathan Greenblatt, warned that such a ban would be \"unacceptable.\" He said American Jews know what it means to be singled out.",
    ]);
    assert_eq!(speaker_in(&story, "unacceptable"), "Jonathan Greenblatt");
    assert_eq!(
        speaker_in(&story, "American Jews know"),
        "Jonathan Greenblatt"
    );
}

#[test]
fn a_title_holder_named_only_in_the_quotation_is_not_the_description() {
    // The reporter's "the former president" is not the President Obama of the quoted
    // words; with no former president named, the description stays what it says.
    let story = statements(&[
        "Bill Clinton joined the campaign in Brooklyn on Monday. “Sometimes I feel he is running harder against President Obama and me than against the other side,” the former president said.",
    ]);
    assert_ne!(speaker_in(&story, "running harder"), "Obama");
}

#[test]
fn it_is_the_document_the_sentence_before_names() {
    // PolNeAR train shapes: the document is named, not quoted, before "It said".
    let report = statements(&[
        "The report also provided details of data breaches in which employees leaving the regulator took documents with them. It said current officials had failed to act.",
    ]);
    assert_eq!(
        speaker_in(&report, "current officials had failed"),
        "The report"
    );
    let memo = statements(&[
        "In his proposed bill, Salceda cited a 2001 memorandum issued by the immigration agency. It says foreign nationals who insult the country may be barred.",
    ]);
    assert_eq!(
        speaker_in(&memo, "foreign nationals who insult"),
        "a 2001 memorandum"
    );
}

#[test]
fn they_after_the_words_they_said_looks_back_to_the_group() {
    // PolNeAR train: the sentence of ", they said," opens with what they said.
    let story = statements(&[
        "Former prosecutors said investigators were probably feeling the pressure of time because of the election. Take action before the election, they said, and you risk being perceived as partisan.",
    ]);
    assert_eq!(
        speaker_in(&story, "Take action before the election"),
        "Former prosecutors"
    );
    // A group opening the same sentence is still the one.
    let same = statements(&[
        "Other Republican candidates said they support charter schools, but they would not advocate for them on the federal level, because those decisions should be left to states, they said.",
    ]);
    assert_eq!(
        speaker_in(&same, "those decisions should be left"),
        "Other Republican candidates"
    );
}

/// (type, name, mentions) of every entity of a document of paragraphs.
fn entities(paragraphs: &[&str]) -> Vec<(whosaid_core::EntityType, String, usize)> {
    let doc = Document::from_body_paragraphs("entities.txt", paragraphs.iter().copied());
    whosaid_nlp::analyze(&doc)
        .entities
        .into_iter()
        .map(|e| (e.kind, e.name, e.mentions.len()))
        .collect()
}

#[test]
fn a_surname_read_as_a_place_or_organization_is_the_person_named_before() {
    use whosaid_core::EntityType::{Organization, Person, Place};
    // The entity tagger takes "Trump" in "surrender to Trump" for a place and in "The
    // Trump troops" for an organization; "Clinton camp" for a place. Each is the one
    // person of that surname the story named.
    let story = [
        "Donald Trump spoke on Monday. The Trump troops embraced their nominee.",
        "The flag of surrender to Trump waved over the hall.",
        "Hillary Clinton said the Clinton camp has high expectations.",
    ];
    let found = entities(&story);
    let named = |name: &str| -> Vec<_> { found.iter().filter(|e| e.1 == name).collect() };
    assert!(named("Trump").is_empty(), "{found:?}");
    assert!(named("Clinton").is_empty(), "{found:?}");
    assert_eq!(
        named("Donald Trump"),
        [&(Person, "Donald Trump".to_owned(), 3)]
    );
    assert_eq!(
        named("Hillary Clinton"),
        [&(Person, "Hillary Clinton".to_owned(), 2)]
    );
    // Not a state's or a capital's name, nor a company the lexicon knows.
    let places = [
        "Kerry Washington visited Washington on Monday.",
        "Michael Bloomberg said Bloomberg reported it first.",
    ];
    let found = entities(&places);
    assert!(
        found.contains(&(Place, "Washington".to_owned(), 1)),
        "{found:?}"
    );
    assert!(
        found.contains(&(Organization, "Bloomberg".to_owned(), 1)),
        "{found:?}"
    );
}

#[test]
fn a_persons_camp_or_team_speaks_as_a_group_not_as_the_person() {
    // The group is the source; it is never forced onto the person it is named after.
    let story = [
        "Hillary Clinton spoke in Ohio on Monday. Barack Obama spoke in Iowa.",
        "The Clinton camp said it was happy with the debate.",
        "The Obama team said the speech was late.",
        "Obama administration officials said the deal was fine.",
    ];
    let found = statements(&story);
    assert_eq!(
        speaker_in(&found, "happy with the debate"),
        "The Clinton camp"
    );
    assert_eq!(speaker_in(&found, "the speech was late"), "The Obama team");
    assert_eq!(
        speaker_in(&found, "the deal was fine"),
        "Obama administration officials"
    );
}

#[test]
fn they_speaks_as_the_people_named_nearest_before_it() {
    // No group opens the sentence, but the people "they" stands for are named just
    // before it: as an object, or as the source of the statement before.
    let analysts = [
        "Syria gets little attention on the campaign trail. That frustrates many analysts because they believe that a shift in policy will come only when Mr. Obama has left office.",
    ];
    assert_eq!(
        speaker_of(&analysts, "a shift in policy will come"),
        "many analysts"
    );
    let researchers = [
        "Congress boosted funding in 2016, yet it is still less than half of what researchers say they need every year. It is an investment, they say, that would be recouped in three years.",
    ];
    assert_eq!(
        speaker_of(&researchers, "It is an investment"),
        "researchers"
    );
    // Two people named together are nearer than the voters before them, and no noun names
    // them: "they" stays "they" rather than become the voters.
    let pair = [
        "Polls show independents are undecided. As Johnson and Weld stumped across New England, they were recognized by voters - something new in the past three weeks, they said.",
    ];
    assert_eq!(speaker_of(&pair, "they were recognized"), "they");
    // People a preposition governs are not who "they" is.
    let governed = [
        "Her speech offered mild reassurance to voters leaning toward her. The debate could be decisive, they say.",
    ];
    assert_eq!(
        speaker_of(&governed, "The debate could be decisive"),
        "they"
    );
}

#[test]
fn the_company_is_the_one_named_nearest_before_it() {
    // Apple is named most often, but the company just named is Exxon Mobil.
    let story = [
        "Apple rose 2 percent after Apple reported strong iPhone sales, and Apple shares led the market.",
        "The Dow was held back partly by a drop in the oil giant Exxon Mobil. The company reported its smallest quarterly profit in 17 years.",
    ];
    assert_eq!(
        speaker_of(&story, "its smallest quarterly profit"),
        "Exxon Mobil"
    );
    // "according to" names who speaks, and "the group" is that foundation.
    let golf = [
        "Boca West Country Club has four courses. Boca West Country Club is thriving.",
        "There are four million fewer players than a decade ago, according to the National Golf Foundation. Almost 650 courses have closed since 2006, the group says.",
    ];
    assert_eq!(
        speaker_of(&golf, "Almost 650 courses"),
        "National Golf Foundation"
    );
    // No public body is "the company", and the group of a study is no organization.
    let senate = [
        "The Senate passed the bill on Tuesday. \"We call on other businesses to join us,\" the company tweeted.",
        "In the trial, the control group showed modest rises in stress, the researchers at Georgetown University said. The control group said the test was hard.",
    ];
    let found = statements(&senate);
    assert_eq!(
        speaker_in(&found, "We call on other businesses"),
        "the company"
    );
    assert_eq!(speaker_in(&found, "the test was hard"), "The control group");
}

#[test]
fn a_persons_camp_labelling_a_paragraph_speaks_as_the_camp() {
    // A label of a person's camp names someone (so the paragraph is a statement), but the
    // camp speaks, not the person.
    let story = [
        "Hillary Clinton spoke in Iowa on Monday. Donald Trump spoke in Ohio.",
        "Clinton camp: Trump’s Islamaphobia threatens national security.",
    ];
    let found = statements(&story);
    let camp = statement_with(&found, "threatens national security");
    assert_eq!(
        (camp.1.as_str(), camp.2.as_str()),
        ("Clinton camp", "Clinton camp")
    );
}

#[test]
fn a_surname_read_as_an_organization_before_the_full_name_is_that_person() {
    use whosaid_core::EntityType::Person;
    let story = [
        "The Obama administration's deal was attacked on Monday by Barack Obama's critics.",
        "Barack Obama said the deal would hold.",
    ];
    let found = entities(&story);
    assert!(found.iter().all(|e| e.1 != "Obama"), "{found:?}");
    assert!(
        found.contains(&(Person, "Barack Obama".to_owned(), 3)),
        "{found:?}"
    );
}

#[test]
fn who_after_a_plural_apposition_is_the_group_not_a_name_inside_the_phrase_before() {
    // "centrists" is no apposition of "the Bush years", whose person is only a modifier.
    let story = [
        "George W. Bush left office in 2009. Obama inspired a generation of young voters: idealists who wanted a complete break from the Bush years, centrists who were angry about the Iraq War and said it was a mistake.",
    ];
    assert_eq!(speaker_of(&story, "it was a mistake"), "centrists");
    // A name before a one-person apposition still speaks.
    let reeves = ["Rachel Reeves, the chancellor, who spoke on Monday, said taxes would rise."];
    assert_eq!(speaker_of(&reeves, "taxes would rise"), "Rachel Reeves");
}

#[test]
fn an_apposition_taken_for_the_source_reaches_back_to_the_name_it_describes() {
    // The role tagger takes "a former party chairman" for the source; the committee named
    // inside it must not speak, nor may the words after the apposition join the source.
    let story = [
        "Howard Dean spoke in Vermont on Monday.",
        "Dean, a former Democratic National Committee chairman and presidential candidate, poked at Trump's persistent sniffing during the Monday night debate, tweeting, “Notice Trump sniffing all the time. Coke user?”",
    ];
    let found = statements(&story);
    let tweet = statement_with(&found, "Coke user?");
    assert_eq!(
        (tweet.1.as_str(), tweet.2.as_str()),
        (
            "Dean, a former Democratic National Committee chairman and presidential candidate",
            "Howard Dean"
        )
    );
}

#[test]
fn a_pronoun_with_a_contraction_speaks_as_the_pronoun() {
    // The source is the word as written ("We’ve"); the speaker's name is the pronoun.
    let story = [
        "The committee met on Tuesday.",
        "We’ve argued for years that the rules are too loose, and they’re saying the same thing now.",
    ];
    let found = statements(&story);
    let argued = statement_with(&found, "the rules are too loose");
    assert_eq!((argued.1.as_str(), argued.2.as_str()), ("We’ve", "We"));
}
