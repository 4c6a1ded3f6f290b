//! The store's behaviour as a user meets it: speakers recognised across articles (and
//! namesakes kept apart), statements merged across outlets, syndicated copies grouped,
//! repeated ingests changing nothing, searches and their errors, exports.

use whosaid_store::{Added, ExportFormat, ExportTable, Record, SearchQuery, Store, StoreError};

/// A minimal analysed article: `speakers` are (local id, name, titles), `quotes` are
/// (speaker local id, words). Spans point into the body.
fn article(
    location: &str,
    published: &str,
    body_lead: &str,
    speakers: &[(&str, &str, &[&str])],
    quotes: &[(&str, &str)],
) -> Record {
    let mut body = body_lead.to_owned();
    let mut quote_values = Vec::new();
    for (speaker, words) in quotes {
        body.push_str("\n\n");
        let start = body.len();
        body.push_str(words);
        let end = body.len();
        let name = speakers
            .iter()
            .find(|(id, _, _)| id == speaker)
            .map(|(_, name, _)| *name)
            .unwrap();
        quote_values.push(serde_json::json!({
            "kind": "direct",
            "content": {"start": start, "end": end, "text": words},
            "cue": null, "source": null,
            "speaker": {"entity": speaker, "name": name},
        }));
    }
    let entities: Vec<_> = speakers
        .iter()
        .map(|(id, name, titles)| {
            serde_json::json!({"id": id, "type": "person", "name": name, "titles": titles,
                "mentions": [{"start": 0, "end": 0, "text": ""}]})
        })
        .collect();
    let value = serde_json::json!({
        "id": format!("{:x}", body.len() * 7919 + body.bytes().map(|b| b as usize).sum::<usize>()),
        "path": location,
        "error": null,
        "offsets": "body",
        "article": {"headline": "A headline", "published": published, "url": location,
                    "body": body, "images": []},
        "entities": entities,
        "quotes": quote_values,
    });
    serde_json::from_value(value).unwrap()
}

/// What a file written before schema 9 lacks: the articles that gave each alias.
const BEFORE_9: &str = "ALTER TABLE entity_aliases DROP COLUMN articles;";

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("test.db")).unwrap();
    (dir, store)
}

fn speaker_names(store: &Store) -> Vec<(String, i64)> {
    store
        .speakers(100)
        .unwrap()
        .into_iter()
        .map(|s| (s.name, s.statements))
        .collect()
}

const LONG: &str = "The talks in the capital resumed on Monday after a week of silence, with \
    both delegations meeting behind closed doors at the foreign ministry while protesters \
    gathered outside and the markets waited for any sign of progress on the tariffs.";

#[test]
fn one_person_under_several_names_is_one_speaker() {
    let (_dir, mut store) = open();
    let records = [
        // Only "President Trump" first: a surname with a title.
        article(
            "https://a.example/1",
            "2025-01-02",
            "Lead one.",
            &[("e1", "Trump", &["president"])],
            &[("e1", "“We will end it.”")],
        ),
        article(
            "https://b.example/2",
            "2025-01-03",
            "Lead two.",
            &[("e1", "Donald Trump", &["president"])],
            &[("e1", "“We want a deal.”")],
        ),
        article(
            "https://c.example/3",
            "2025-01-04",
            "Lead three.",
            &[("e1", "Donald J. Trump", &[])],
            &[("e1", "“It was rigged.”")],
        ),
        article(
            "https://d.example/4",
            "2025-01-05",
            "Lead four.",
            &[("e1", "Trump", &[])],
            &[("e1", "“Big things are coming.”")],
        ),
    ];
    store.add_batch(records.iter()).unwrap();
    assert_eq!(speaker_names(&store), [("Donald Trump".to_owned(), 4)]);
    let profile = store.speaker("Trump").unwrap();
    assert_eq!(profile.summary.name, "Donald Trump");
    assert!(profile.aliases.contains(&"Donald J. Trump".to_owned()));
    let hits = store
        .search(&SearchQuery {
            speaker: Some("Donald J. Trump".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 4);
}

#[test]
fn two_johnsons_are_never_merged() {
    let (_dir, mut store) = open();
    let records = [
        article(
            "https://a.example/1",
            "2025-02-01",
            "Lead one.",
            &[("e1", "Boris Johnson", &["prime minister"])],
            &[("e1", "“Get Brexit done.”")],
        ),
        article(
            "https://b.example/2",
            "2025-02-02",
            "Lead two.",
            &[("e1", "Mike Johnson", &["speaker"])],
            &[("e1", "“The House will vote.”")],
        ),
        // A surname with a title that tells them apart.
        article(
            "https://c.example/3",
            "2025-02-03",
            "Lead three.",
            &[("e1", "Johnson", &["speaker"])],
            &[("e1", "“The bill is dead.”")],
        ),
        // A bare surname: either of them; it stays apart rather than guessed.
        article(
            "https://d.example/4",
            "2025-02-04",
            "Lead four.",
            &[("e1", "Johnson", &[])],
            &[("e1", "“No comment.”")],
        ),
    ];
    store.add_batch(records.iter()).unwrap();
    let mut names = speaker_names(&store);
    names.sort();
    assert_eq!(
        names,
        [
            ("Boris Johnson".to_owned(), 1),
            ("Johnson".to_owned(), 1),
            ("Mike Johnson".to_owned(), 2),
        ]
    );
    let boris = store.speaker("Boris Johnson").unwrap();
    assert_eq!(boris.most_repeated[0].content, "“Get Brexit done.”");
    // "Johnson" names several speakers; the profile says so.
    let either = store.speaker("Johnson").unwrap();
    assert!(!either.also_matching.is_empty());
}

/// "Bob", the CIA base chief a story names only so, is not "Cabo Bob" of another page: a
/// familiar first name alone is a given name, whatever the order of the articles.
#[test]
fn a_familiar_first_name_alone_is_no_surname() {
    let bob = || {
        article(
            "https://a.example/benghazi",
            "2025-02-01",
            "Lead one.",
            &[("e1", "Bob", &[])],
            &[("e1", "“Wait.”")],
        )
    };
    let cabo = || {
        article(
            "https://b.example/cabo",
            "2025-02-02",
            "Lead two.",
            &[("e1", "Cabo Bob", &[])],
            &[("e1", "“Try the burritos.”")],
        )
    };
    for records in [[bob(), cabo()], [cabo(), bob()]] {
        let (_dir, mut store) = open();
        for record in &records {
            store.add_batch(std::iter::once(record)).unwrap();
        }
        let mut names = speaker_names(&store);
        names.sort();
        assert_eq!(names, [("Bob".to_owned(), 1), ("Cabo Bob".to_owned(), 1)]);
    }
}

/// The writer's "I" of a review page is not "Survey I" of a poll report: a letter alone
/// is no surname.
#[test]
fn a_letter_alone_is_no_surname() {
    let writer = article(
        "https://a.example/review",
        "2025-02-01",
        "Lead one.",
        &[("e1", "I", &[])],
        &[("e1", "“I made two pots of coffee.”")],
    );
    let survey = article(
        "https://b.example/poll",
        "2025-02-02",
        "Lead two.",
        &[("e1", "I. Survey I", &[])],
        &[("e1", "“Less bias than any other sample.”")],
    );
    let (_dir, mut store) = open();
    store.add_batch([survey, writer].iter()).unwrap();
    let mut names = speaker_names(&store);
    names.sort();
    assert_eq!(names, [("I".to_owned(), 1), ("I. Survey I".to_owned(), 1)]);
}

fn biden_formally() -> Record {
    article(
        "https://a.example/biden-1",
        "2025-02-01",
        "Lead one.",
        &[("e1", "Joseph R. Biden Jr.", &["president"])],
        &[("e1", "“We will rebuild the bridges.”")],
    )
}

fn biden_familiarly() -> Record {
    article(
        "https://b.example/biden-2",
        "2025-02-02",
        "Lead two.",
        &[("e1", "Joe Biden", &[])],
        &[("e1", "“Folks, here is the deal.”")],
    )
}

#[test]
fn a_name_printed_without_its_accents_is_the_same_person() {
    let (_dir, mut store) = open();
    let mut records = articles_quoting("le-monde", "François Hollande", &["president"], 1);
    records.extend(articles_quoting("wire", "Francois Hollande", &[], 1));
    store.add_batch(records.iter()).unwrap();
    assert_eq!(speaker_names(&store), [("François Hollande".to_owned(), 2)]);
}

/// Outlets set the apostrophe of "O'Malley" as a typewriter or a typographic one: the
/// same person either way; a file written before schema 8 kept the two apart and joins
/// them when opened.
#[test]
fn a_name_with_either_apostrophe_is_the_same_person() {
    let (_dir, mut store) = open();
    let mut records = articles_quoting("curly", "Martin O’Malley", &["governor"], 1);
    records.extend(articles_quoting("straight", "Martin O'Malley", &[], 1));
    store.add_batch(records.iter()).unwrap();
    assert_eq!(speaker_names(&store), [("Martin O’Malley".to_owned(), 2)]);
    drop(store);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .add_batch(articles_quoting("curly", "Martin O’Malley", &["governor"], 1).iter())
            .unwrap();
        // The key whosaid gave him before schema 8, so that the other spelling, met
        // later, became another person.
        store
            .connection()
            .execute_batch("UPDATE entities SET key = 'martin o’malley', surname = 'o’malley'")
            .unwrap();
    }
    {
        let mut store = Store::open(&path).unwrap();
        store
            .add_batch(articles_quoting("straight", "Martin O'Malley", &[], 1).iter())
            .unwrap();
        assert_eq!(speaker_names(&store).len(), 2);
        store
            .connection()
            .execute_batch(&format!("{BEFORE_9} PRAGMA user_version = 7;"))
            .unwrap();
    }
    let store = Store::open_read_only(&path).unwrap();
    // The one already under the new key keeps its spelling.
    assert_eq!(speaker_names(&store), [("Martin O'Malley".to_owned(), 2)]);
    assert_eq!(search_words(&store, "straight").len(), 1);
    drop(store);
    assert_index_matches_statements(&path);
}

/// A person is shown under the name most articles give them, not the first one stored:
/// "Jim Comey" met first gives way to "James Comey", which two articles use; a file written
/// before schema 9 gets the name from its quotations when opened.
#[test]
fn a_person_is_shown_under_the_name_most_articles_use() {
    let records = {
        let mut r = articles_quoting("first", "Jim Comey", &["director"], 1);
        r.extend(articles_quoting("second", "James Comey", &[], 1));
        r.extend(articles_quoting("third", "James B. Comey Jr.", &[], 1));
        r.extend(articles_quoting("fourth", "James Comey", &[], 1));
        r
    };
    let (_dir, mut store) = open();
    let run = store.begin_ingest(&["test".to_owned()]).unwrap();
    store.add_batch(records.iter()).unwrap();
    store.finish_ingest(run, 4, 0, 0).unwrap();
    assert_eq!(speaker_names(&store), [("James Comey".to_owned(), 4)]);
    let hits = search_words(&store, "statement first");
    assert_eq!(hits[0].speaker.as_deref(), Some("James Comey"));
    drop(store);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.add_batch(records.iter()).unwrap();
        assert_eq!(speaker_names(&store), [("Jim Comey".to_owned(), 4)]);
        store
            .connection()
            .execute_batch(&format!("{BEFORE_9} PRAGMA user_version = 8;"))
            .unwrap();
    }
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(speaker_names(&store), [("James Comey".to_owned(), 4)]);
    drop(store);
    assert_index_matches_statements(&path);
}

#[test]
fn a_familiar_first_name_is_the_same_person() {
    let (_dir, mut store) = open();
    store
        .add_batch([&biden_formally(), &biden_familiarly()])
        .unwrap();
    assert_eq!(
        speaker_names(&store),
        [("Joseph R. Biden Jr.".to_owned(), 2)]
    );
}

/// A file written before schema 4 keyed "Joe Biden" as `joe biden`, apart from "Joseph R.
/// Biden Jr.": opened by this whosaid, the two are one person.
#[test]
fn a_schema_3_database_joins_familiar_and_formal_first_names_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.add_batch([&biden_familiarly()]).unwrap();
        // The key whosaid gave "Joe Biden" before schema 4.
        store
            .connection()
            .execute(
                "UPDATE entities SET key = 'joe biden' WHERE name = 'Joe Biden'",
                [],
            )
            .unwrap();
    }
    {
        let mut store = Store::open(&path).unwrap();
        store.add_batch([&biden_formally()]).unwrap();
        let mut names = speaker_names(&store);
        names.sort();
        assert_eq!(
            names,
            [
                ("Joe Biden".to_owned(), 1),
                ("Joseph R. Biden Jr.".to_owned(), 1)
            ]
        );
        store
            .connection()
            .execute_batch(&format!("{BEFORE_9} PRAGMA user_version = 3;"))
            .unwrap();
    }
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(
        speaker_names(&store),
        [("Joseph R. Biden Jr.".to_owned(), 2)]
    );
    assert_eq!(search_words(&store, "folks").len(), 1);
    drop(store);
    assert_index_matches_statements(&path);
}

#[test]
fn a_surname_seen_first_joins_the_full_name_when_it_arrives() {
    let (_dir, mut store) = open();
    let first = article(
        "https://a.example/1",
        "2025-03-01",
        "Lead one.",
        &[("e1", "Okafor", &["senator"])],
        &[("e1", "“The vote is close.”")],
    );
    store.add_batch([&first]).unwrap();
    assert_eq!(speaker_names(&store), [("Okafor".to_owned(), 1)]);
    let second = article(
        "https://b.example/2",
        "2025-03-02",
        "Lead two.",
        &[("e1", "Maria Okafor", &["senator"])],
        &[("e1", "“The vote is close.”"), ("e1", "“We will win.”")],
    );
    store.add_batch([&second]).unwrap();
    // One speaker, and the statement made in both articles is one statement reported twice.
    assert_eq!(speaker_names(&store), [("Maria Okafor".to_owned(), 2)]);
    let profile = store.speaker("Okafor").unwrap();
    assert_eq!(profile.most_repeated[0].content, "“The vote is close.”");
    assert_eq!(profile.most_repeated[0].occurrences, 2);
    // The statement can still be found by its words.
    let hits = store
        .search(&SearchQuery {
            text: Some("vote close".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].speaker.as_deref(), Some("Maria Okafor"));
}

/// `n` articles in which `name` (with `titles`) says something different each time.
fn articles_quoting(site: &str, name: &str, titles: &[&str], n: usize) -> Vec<Record> {
    (0..n)
        .map(|i| {
            article(
                &format!("https://{site}.example/{i}"),
                &format!("2016-05-{:02}", i + 1),
                &format!("Lead {i} of {site}."),
                &[("e1", name, titles)],
                &[("e1", &format!("“Statement number {i} from {site}.”"))],
            )
        })
        .collect()
}

fn bare_obama(location: &str, titles: &[&str], words: &str) -> Record {
    article(
        location,
        "2016-06-01",
        "Lead of the bare surname.",
        &[("e1", "Obama", titles)],
        &[("e1", words)],
    )
}

/// A bare surname in an article that gives no first name is the namesake the corpus names
/// far more often than all the others ("President Obama" in 2016 news is Barack Obama,
/// though Michelle Obama has been quoted too); namesakes named about as often ("Bush":
/// Jeb and George W.) stay apart from it.
#[test]
fn a_bare_surname_is_the_namesake_the_corpus_names_far_more_often() {
    let (_dir, mut store) = open();
    let mut records = articles_quoting("barack", "Barack Obama", &["president"], 5);
    // A misread title makes her share "president" with him: titles alone cannot decide.
    records.extend(articles_quoting(
        "michelle",
        "Michelle Obama",
        &["lady", "president"],
        1,
    ));
    records.extend(articles_quoting("jeb", "Jeb Bush", &["governor"], 5));
    records.extend(articles_quoting(
        "george",
        "George W. Bush",
        &["president"],
        4,
    ));
    store.add_batch(records.iter()).unwrap();
    store
        .add_batch([
            &bare_obama("https://x.example/1", &["president"], "“Yes we can.”"),
            &bare_obama("https://x.example/2", &[], "“Hope is coming.”"),
            &article(
                "https://x.example/3",
                "2016-06-02",
                "Lead of Bush.",
                &[("e1", "Bush", &[])],
                &[("e1", "“Read my lips.”")],
            ),
        ])
        .unwrap();
    let names = speaker_names(&store);
    assert!(names.contains(&("Barack Obama".to_owned(), 7)), "{names:?}");
    assert!(
        names.contains(&("Michelle Obama".to_owned(), 1)),
        "{names:?}"
    );
    assert!(names.contains(&("Bush".to_owned(), 1)), "{names:?}");
    assert!(!names.iter().any(|(name, _)| name == "Obama"), "{names:?}");
}

/// A surname stored as a person of its own, before anyone of that name was known well
/// enough, joins that person at the end of the ingest that makes them so; a single
/// namesake named once does not take over a surname with another title.
#[test]
fn a_surname_stored_early_joins_its_person_when_the_ingest_ends() {
    let (_dir, mut store) = open();
    let run = store.begin_ingest(&["corpus".to_owned()]).unwrap();
    // Each Obama named once so far: a bare "Obama" could be either.
    let mut records = articles_quoting("barack", "Barack Obama", &["president"], 1);
    records.extend(articles_quoting("michelle", "Michelle Obama", &["lady"], 1));
    store.add_batch(records.iter()).unwrap();
    store
        .add_batch([
            &bare_obama("https://x.example/1", &[], "“Yes we can.”"),
            &article(
                "https://x.example/2",
                "2016-06-02",
                "Lead of the judge.",
                &[("e1", "Berman", &["judge"])],
                &[("e1", "“The sentence is probation.”")],
            ),
        ])
        .unwrap();
    // Now Barack Obama is named in five articles, Michelle Obama in one.
    let mut records = articles_quoting("barack-later", "Barack Obama", &["president"], 4);
    records.extend(articles_quoting("wayne", "Wayne Berman", &[], 1));
    store.add_batch(records.iter()).unwrap();
    // Until the ingest ends, the early surname is a speaker of its own.
    assert!(speaker_names(&store).contains(&("Obama".to_owned(), 1)));
    store.finish_ingest(run, 9, 0, 0).unwrap();
    let names = speaker_names(&store);
    assert!(names.contains(&("Barack Obama".to_owned(), 6)), "{names:?}");
    assert!(!names.iter().any(|(name, _)| name == "Obama"), "{names:?}");
    // "Judge Berman" is not known to be Wayne Berman, met once in another article.
    assert!(names.contains(&("Berman".to_owned(), 1)), "{names:?}");
    assert!(names.contains(&("Wayne Berman".to_owned(), 1)), "{names:?}");
    let hits = search_words(&store, "yes we can");
    assert_eq!(hits[0].speaker.as_deref(), Some("Barack Obama"));
}

/// A file written before schema 5 kept a bare "Obama" apart from Barack Obama, and
/// "Francois Hollande" apart from "François Hollande": opened by this whosaid, the surname
/// is Barack Obama's and the two Hollandes are one, statements and full-text index
/// included.
#[test]
fn a_schema_4_database_gives_bare_surnames_to_their_person_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut store = Store::open(&path).unwrap();
        let mut records = articles_quoting("barack", "Barack Obama", &["president"], 1);
        records.extend(articles_quoting("michelle", "Michelle Obama", &["lady"], 1));
        records.push(bare_obama("https://x.example/1", &[], "“Yes we can.”"));
        records.extend(articles_quoting(
            "barack-later",
            "Barack Obama",
            &["president"],
            4,
        ));
        store.add_batch(records.iter()).unwrap();
        assert!(speaker_names(&store).contains(&("Obama".to_owned(), 1)));
        // Before schema 5 a key kept its accents.
        store
            .add_batch(articles_quoting("le-monde", "François Hollande", &[], 1).iter())
            .unwrap();
        store
            .connection()
            .execute(
                "UPDATE entities SET key = 'françois hollande' WHERE name = 'François Hollande'",
                [],
            )
            .unwrap();
        // Opened again: the writer's cache knew the key it had given.
        drop(store);
        let mut store = Store::open(&path).unwrap();
        store
            .add_batch(articles_quoting("wire", "Francois Hollande", &[], 1).iter())
            .unwrap();
        assert!(speaker_names(&store).contains(&("Francois Hollande".to_owned(), 1)));
        store
            .connection()
            .execute_batch(&format!("{BEFORE_9} PRAGMA user_version = 4;"))
            .unwrap();
    }
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(
        speaker_names(&store),
        [
            ("Barack Obama".to_owned(), 6),
            ("Francois Hollande".to_owned(), 2),
            ("Michelle Obama".to_owned(), 1)
        ]
    );
    assert_eq!(
        search_words(&store, "yes we can")[0].speaker.as_deref(),
        Some("Barack Obama")
    );
    drop(store);
    assert_index_matches_statements(&path);
}

/// An article quoting one organization, `name`, as its only speaker.
fn organization_quoted(location: &str, name: &str, words: &str) -> Record {
    let mut record = article(
        location,
        "2025-04-01",
        LONG,
        &[("e1", name, &[])],
        &[("e1", words)],
    );
    record.entities[0].kind = whosaid_core::EntityType::Organization;
    record
}

/// "Apple Inc." in one article and "Apple" in another are one company; a file written
/// before schema 7 kept them apart and joins them when opened.
#[test]
fn a_company_with_and_without_its_legal_form_is_one_speaker() {
    let (_dir, mut store) = open();
    store
        .add_batch([&organization_quoted(
            "https://a.example/1",
            "Apple Inc.",
            "“Sales rose.”",
        )])
        .unwrap();
    store
        .add_batch([&organization_quoted(
            "https://b.example/2",
            "Apple",
            "“We disagree.”",
        )])
        .unwrap();
    assert_eq!(speaker_names(&store), [("Apple Inc.".to_owned(), 2)]);

    drop(store);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        // As a writer before schema 7 left "Apple Inc.": keyed with its legal form.
        let mut store = Store::open(&path).unwrap();
        store
            .add_batch([&organization_quoted(
                "https://b.example/2",
                "Apple Inc.",
                "“We disagree.”",
            )])
            .unwrap();
        store
            .connection()
            .execute_batch("UPDATE entities SET key = 'apple inc' WHERE name = 'Apple Inc.'")
            .unwrap();
    }
    {
        // So "Apple", met later, became another company.
        let mut store = Store::open(&path).unwrap();
        store
            .add_batch([&organization_quoted(
                "https://a.example/1",
                "Apple",
                "“Sales rose.”",
            )])
            .unwrap();
        assert_eq!(speaker_names(&store).len(), 2);
        store
            .connection()
            .execute_batch(&format!("{BEFORE_9} PRAGMA user_version = 6;"))
            .unwrap();
    }
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(speaker_names(&store), [("Apple".to_owned(), 2)]);
    assert_eq!(
        search_words(&store, "disagree")[0].speaker.as_deref(),
        Some("Apple")
    );
    drop(store);
    assert_index_matches_statements(&path);
}

/// When a surname-only speaker joins the full name, the statement both made becomes one,
/// first reported on the earlier day, whichever of the two rows survives; date filters see
/// every day it was reported.
#[test]
fn a_statement_joined_with_its_twin_keeps_the_first_report() {
    let (_dir, mut store) = open();
    // Stored first but published last: the full name, a senator.
    let full_name = article(
        "https://a.example/1",
        "2025-03-20",
        "Lead one.",
        &[("e1", "Maria Okafor", &["senator"])],
        &[("e1", "“The vote is close.”")],
    );
    // A minister Okafor: maybe someone else, so kept apart for now.
    let surname = article(
        "https://b.example/2",
        "2025-03-01",
        "Lead two.",
        &[("e1", "Okafor", &["minister"])],
        &[("e1", "“The vote is close.”")],
    );
    // Maria Okafor is the minister too: the surname-only speaker is her.
    let both_titles = article(
        "https://c.example/3",
        "2025-03-25",
        "Lead three.",
        &[("e1", "Maria Okafor", &["senator", "minister"])],
        &[("e1", "“We will win.”")],
    );
    for record in [&full_name, &surname, &both_titles] {
        store.add_batch([record]).unwrap();
    }
    assert_eq!(speaker_names(&store), [("Maria Okafor".to_owned(), 2)]);
    let search = |since: &str, until: &str| {
        store
            .search(&SearchQuery {
                text: Some("vote".into()),
                since: Some(since.into()),
                until: Some(until.into()),
                ..Default::default()
            })
            .unwrap()
    };
    let all = search("2025-01-01", "2025-12-31");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].published.as_deref(), Some("2025-03-01"));
    assert_eq!(
        all[0].article_id, 2,
        "the first report is the earlier article"
    );
    assert_eq!(search("2025-03-01", "2025-03-01").len(), 1);
    assert_eq!(search("2025-03-15", "2025-03-25").len(), 1);
    assert!(search("2025-03-02", "2025-03-19").is_empty());
    assert!(search("2025-04-01", "2025-12-31").is_empty());
    assert!(search("2024-01-01", "2025-02-28").is_empty());
}

/// A database of schema 1 (before `last_published`, and possibly with a joined statement
/// that kept its later report as its first) is brought up to date when opened, even to be
/// read.
#[test]
fn an_older_database_gets_its_reports_dates_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let speakers: &[(&str, &str, &[&str])] = &[("e1", "Ida Brekke", &[])];
    let quote = [("e1", "“The strike goes on.”")];
    {
        let mut store = Store::open(&path).unwrap();
        let records = [
            article(
                "https://a.example/1",
                "2025-01-02",
                "One.",
                speakers,
                &quote,
            ),
            article(
                "https://a.example/2",
                "2025-03-02",
                "Two.",
                speakers,
                &quote,
            ),
        ];
        store.add_batch(records.iter()).unwrap();
        // What an older whosaid could leave behind.
        store
            .connection()
            .execute_batch(
                "UPDATE statements SET first_published = '2025-03-02', first_article = 2;
                 ALTER TABLE statements DROP COLUMN last_published;
                 ALTER TABLE quotes DROP COLUMN parts;
                 ALTER TABLE entity_aliases DROP COLUMN articles;
                 PRAGMA user_version = 1;",
            )
            .unwrap();
    }
    // Opened to be read (`whosaid search`, `serve`), it is brought up to date first.
    let store = Store::open_read_only(&path).unwrap();
    let dates: (String, i64, String) = store
        .connection()
        .query_row(
            "SELECT first_published, first_article, last_published FROM statements",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(dates, ("2025-01-02".to_owned(), 1, "2025-03-02".to_owned()));
}

/// One article that names a person by surname alone (its own entity, the tagger did not
/// join them) before their full name: the full name absorbs the surname as it is stored,
/// and the statements of both land on the one person instead of failing the batch.
#[test]
fn a_surname_and_its_full_name_in_one_article_are_one_speaker() {
    let (_dir, mut store) = open();
    let both = article(
        "https://a.example/1",
        "2025-03-01",
        "Lead one.",
        &[("e1", "Okafor", &[]), ("e2", "Maria Okafor", &[])],
        &[("e1", "“The vote is close.”"), ("e2", "“We will win.”")],
    );
    store.add_batch([&both]).unwrap();
    assert_eq!(speaker_names(&store), [("Maria Okafor".to_owned(), 2)]);
}

#[test]
fn a_wire_story_in_several_outlets_is_one_story_and_one_statement() {
    let (_dir, mut store) = open();
    let speakers: &[(&str, &str, &[&str])] = &[("e1", "Anneke Visser", &["minister"])];
    let quote = [("e1", "“The budget will balance by next year.”")];
    let later = article(
        "https://later.example/x",
        "2025-04-02T10:00:00",
        LONG,
        speakers,
        &quote,
    );
    let earlier_text = format!("{LONG} Reporting by the wire desk.");
    let earlier = article(
        "https://first.example/y",
        "2025-04-01T09:00:00",
        &earlier_text,
        speakers,
        &quote,
    );
    let unrelated = article(
        "https://other.example/z",
        "2025-04-03",
        "Storms closed three ports along the coast on Thursday and ferries were cancelled \
         until further notice, the coastguard said, as winds reached record strength and \
         thousands of homes lost power across the northern islands overnight.",
        speakers,
        &[("e1", "“Stay at home tonight.”")],
    );
    store.add_batch([&later, &earlier, &unrelated]).unwrap();
    let stories: Vec<(i64, i64, Option<String>)> = store
        .connection()
        .prepare("SELECT id, articles, first_outlet FROM stories ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(stories.len(), 2, "{stories:?}");
    assert_eq!(stories[0].1, 2);
    assert_eq!(stories[0].2.as_deref(), Some("first.example"));
    let view = store.article("https://later.example/x").unwrap();
    assert_eq!(view.same_story.len(), 1);
    let hits = store
        .search(&SearchQuery {
            text: Some("budget".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].occurrences, 2);
    assert_eq!(hits[0].outlet.as_deref(), Some("first.example"));
    // Filters look at every outlet that reported it.
    let later_only = SearchQuery {
        text: Some("budget".into()),
        outlet: Some("later.example".into()),
        ..Default::default()
    };
    assert_eq!(store.search(&later_only).unwrap().len(), 1);
    let before = SearchQuery {
        text: Some("budget".into()),
        until: Some("2025-03-31".into()),
        ..Default::default()
    };
    assert!(store.search(&before).unwrap().is_empty());
}

#[test]
fn storing_the_same_records_again_changes_nothing() {
    let (_dir, mut store) = open();
    let records = [
        article(
            "https://a.example/1",
            "2025-01-02",
            LONG,
            &[("e1", "Greta Lindqvist", &["chancellor"])],
            &[("e1", "“We stay the course.”")],
        ),
        Record::failed("broken.html", "the file is not text (it looks binary)"),
    ];
    let first = store.add_batch(records.iter()).unwrap();
    assert!(matches!(first[0], Added::Article { quotes: 1, .. }));
    assert_eq!(first[1], Added::Failed);
    let snapshot = dump(&store);
    let again = store.add_batch(records.iter()).unwrap();
    assert_eq!(again, [Added::Duplicate, Added::Failed]);
    assert_eq!(dump(&store), snapshot);
    let errors = store.errors().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, "broken.html");
}

#[test]
fn malformed_searches_get_sentences_not_crashes() {
    let (_dir, mut store) = open();
    let record = article(
        "https://a.example/1",
        "2025-01-02",
        "Lead.",
        &[("e1", "Ida Brekke", &[])],
        &[("e1", "“Patience has not paid a single bill.”")],
    );
    store.add_batch([&record]).unwrap();
    let bad = |query: SearchQuery| store.search(&query).unwrap_err();
    let error = bad(SearchQuery {
        text: Some("bill AND (".into()),
        ..Default::default()
    });
    assert!(matches!(error, StoreError::BadQuery { .. }), "{error}");
    assert!(error.to_string().contains("could not be understood"));
    let error = bad(SearchQuery {
        since: Some("last week".into()),
        ..Default::default()
    });
    assert!(error.to_string().contains("YYYY-MM-DD"), "{error}");
    let error = bad(SearchQuery {
        speaker: Some("Nobody Known".into()),
        ..Default::default()
    });
    assert!(error.to_string().contains("no speaker"), "{error}");
    // Punctuation and SQL in plain words is just words.
    let odd = SearchQuery {
        text: Some("bill'); DROP TABLE quotes; --".into()),
        ..Default::default()
    };
    assert!(store.search(&odd).unwrap().is_empty());
    let words = SearchQuery {
        text: Some("single bill".into()),
        ..Default::default()
    };
    assert_eq!(
        store.search(&words).unwrap()[0].snippet,
        "“Patience has not paid a [single] [bill].”"
    );
}

#[test]
fn exports_write_every_row_with_a_header() {
    let (_dir, mut store) = open();
    let record = article(
        "https://a.example/1",
        "2025-01-02",
        "Lead.",
        &[("e1", "Ida Brekke", &[])],
        &[("e1", "“One, two.”"), ("e1", "“Three.”")],
    );
    store.add_batch([&record]).unwrap();
    let mut csv = Vec::new();
    let rows = store
        .export(ExportTable::Quotes, ExportFormat::Csv, &mut csv)
        .unwrap();
    assert_eq!(rows, 2);
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("quote_id,statement_id,article_id,"));
    assert!(csv.contains("\"“One, two.”\""), "{csv}");
    let mut jsonl = Vec::new();
    store
        .export(ExportTable::Speakers, ExportFormat::Jsonl, &mut jsonl)
        .unwrap();
    let line: serde_json::Value = serde_json::from_slice(&jsonl).unwrap();
    assert_eq!(line["name"], "Ida Brekke");
    assert_eq!(line["statements"], 2);
}

#[test]
fn missing_databases_and_second_writers_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none.db");
    let error = Store::open_read_only(&path).unwrap_err();
    assert!(error.to_string().contains("whosaid ingest"), "{error}");
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![7u8; 4096]).unwrap();
    let error = Store::open(&junk).unwrap_err();
    assert!(
        error.to_string().contains("not a whosaid database"),
        "{error}"
    );
    let db = dir.path().join("w.db");
    let _held = whosaid_store::WriteLock::acquire(&db, false).unwrap();
    let error = whosaid_store::WriteLock::acquire(&db, false).unwrap_err();
    assert!(
        error.to_string().contains("another whosaid ingest"),
        "{error}"
    );
}

/// Every row of every table but the run log, in order.
fn dump(store: &Store) -> Vec<String> {
    let conn = store.connection();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'statements_fts%'
             AND name NOT LIKE 'sqlite_%' AND name <> 'ingests' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for table in tables {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let columns = statement.column_count();
        let mut rows = statement.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let values: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            out.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    out
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_exports_read_back_with_their_values() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;
    let (dir, mut store) = open();
    let record = article(
        "https://a.example/1",
        "2025-01-02",
        "Lead.",
        &[("e1", "Ida Brekke", &[])],
        &[("e1", "“One, two.”"), ("e1", "“Three.”")],
    );
    store.add_batch([&record]).unwrap();
    let path = dir.path().join("quotes.parquet");
    let rows = store
        .export_parquet(ExportTable::Quotes, std::fs::File::create(&path).unwrap())
        .unwrap();
    assert_eq!(rows, 2);
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), 2);
    let schema = reader.metadata().file_metadata().schema_descr();
    let names: Vec<&str> = schema.columns().iter().map(|c| c.name()).collect();
    assert_eq!(names[..3], ["quote_id", "statement_id", "article_id"]);
    let content = names.iter().position(|n| *n == "content").unwrap();
    let speaker = names.iter().position(|n| *n == "speaker").unwrap();
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows[0].get_string(content).unwrap(), "“One, two.”");
    assert_eq!(rows[1].get_string(speaker).unwrap(), "Ida Brekke");
    assert_eq!(rows[1].get_long(0).unwrap(), 2);
}

#[test]
fn newest_first_orders_by_publication() {
    let (_dir, mut store) = open();
    let speakers: &[(&str, &str, &[&str])] = &[("e1", "Ida Brekke", &[])];
    let records = [
        article(
            "https://a.example/1",
            "2025-01-02",
            "One.",
            speakers,
            &[("e1", "“The strike goes on, day one.”")],
        ),
        article(
            "https://a.example/2",
            "2025-03-02",
            "Two.",
            speakers,
            &[("e1", "“The strike goes on and on.”")],
        ),
        article(
            "https://a.example/3",
            "2025-02-02",
            "Three.",
            speakers,
            &[("e1", "“The strike goes on, says the union.”")],
        ),
    ];
    store.add_batch(records.iter()).unwrap();
    let newest = SearchQuery {
        text: Some("strike".into()),
        order: whosaid_store::Order::Newest,
        ..Default::default()
    };
    let days: Vec<String> = store
        .search(&newest)
        .unwrap()
        .into_iter()
        .map(|h| h.published.unwrap())
        .collect();
    assert_eq!(days, ["2025-03-02", "2025-02-02", "2025-01-02"]);
    let second_page = SearchQuery {
        limit: Some(1),
        offset: Some(1),
        ..newest
    };
    let page = store.search(&second_page).unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].published.as_deref(), Some("2025-02-02"));
    assert!(page[0].snippet.contains("[strike]"));
}

/// Newest first over a word in most statements walks the statements from the latest
/// instead of sorting every match: the pages must be the same as the sort gives.
#[test]
fn newest_first_over_a_common_word_pages_by_publication() {
    let (_dir, mut store) = open();
    let speakers: &[(&str, &str, &[&str])] = &[("e1", "Ida Brekke", &[])];
    let records: Vec<Record> = (0..1_200)
        .map(|i| {
            // Days out of order, several statements a day, one in ten without the word.
            let day = 1 + (i * 37) % 28;
            let words = if i % 10 == 0 {
                format!("“The talks went on, round {i}.”")
            } else {
                format!("“The strike goes on, round {i}.”")
            };
            article(
                &format!("https://a.example/{i}"),
                &format!("2025-02-{day:02}T{:02}:00:00", i % 24),
                &format!("Article {i}."),
                speakers,
                &[("e1", words.as_str())],
            )
        })
        .collect();
    store.add_batch(records.iter()).unwrap();
    let mut expected: Vec<(String, i64)> = store
        .connection()
        .prepare(
            "SELECT first_published, id FROM statements WHERE content LIKE '%strike%'
             ORDER BY first_published DESC, id DESC",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(expected.len(), 1_080);
    expected.truncate(60);
    let mut got = Vec::new();
    for page in 0..3 {
        let hits = store
            .search(&SearchQuery {
                text: Some("strike".into()),
                order: whosaid_store::Order::Newest,
                limit: Some(20),
                offset: Some(page * 20),
                ..Default::default()
            })
            .unwrap();
        got.extend(hits.into_iter().map(|h| h.statement_id));
    }
    let expected_ids: Vec<i64> = expected.iter().map(|(_, id)| *id).collect();
    assert_eq!(got, expected_ids);
}

/// An ingest creating a database while readers open it (`whosaid search` as the first
/// `whosaid ingest` starts), and two programs upgrading an older file at once: nobody
/// makes anybody fail. A reader never writes the first schema (it is told the file has
/// no tables yet); an upgrade step made meanwhile by another program is skipped.
#[test]
fn opening_a_database_being_created_or_upgraded_races_nobody() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..10 {
        let path = dir.path().join(format!("new{round}.db"));
        let (writer, readers) = std::thread::scope(|s| {
            let readers: Vec<_> = (0..3)
                .map(|_| {
                    s.spawn(|| {
                        (0..50)
                            .map(|_| match Store::open_read_only(&path) {
                                Ok(_) => Ok(()),
                                Err(StoreError::Missing(_)) => Ok(()),
                                Err(e) if e.to_string().contains("no whosaid tables yet") => Ok(()),
                                Err(e) => Err(e.to_string()),
                            })
                            .collect::<Result<Vec<()>, String>>()
                    })
                })
                .collect();
            let writer = s.spawn(|| Store::open(&path).map(drop).map_err(|e| e.to_string()));
            (
                writer.join().unwrap(),
                readers
                    .into_iter()
                    .map(|r| r.join().unwrap())
                    .collect::<Vec<_>>(),
            )
        });
        assert_eq!(writer, Ok(()), "round {round}");
        for reader in readers {
            assert!(reader.is_ok(), "round {round}: {reader:?}");
        }
    }

    // Two programs upgrading the same schema-1 file at once both succeed.
    for round in 0..10 {
        let path = dir.path().join(format!("old{round}.db"));
        drop(Store::open(&path).unwrap());
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch(
                "ALTER TABLE statements DROP COLUMN last_published; ALTER TABLE quotes DROP COLUMN parts; ALTER TABLE entity_aliases DROP COLUMN articles; PRAGMA user_version = 1;",
            )
            .unwrap();
        let opened: Vec<Result<(), String>> = std::thread::scope(|s| {
            let both: Vec<_> = (0..2)
                .map(|_| s.spawn(|| Store::open(&path).map(drop).map_err(|e| e.to_string())))
                .collect();
            both.into_iter().map(|t| t.join().unwrap()).collect()
        });
        assert_eq!(opened, [Ok(()), Ok(())], "round {round}");
    }

    // A SQLite file that is not whosaid's: explained, and left as it is.
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE other (x)")
        .unwrap();
    let err = Store::open_read_only(&other).unwrap_err().to_string();
    assert!(err.contains("has no whosaid tables yet"), "{err}");
    let version: i64 = rusqlite::Connection::open(&other)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 0, "the reader wrote to a file that is not its own");
}

/// An analysed article (written for these tests) quoting `speaker` in one quotation of
/// `kind` interrupted by narration: `pieces` alternate the speaker's words and the
/// reporter's ("“…,”", " Trump said in the Oval Office. ", "“…”"). The cue is `cue` and the
/// source the speaker's surname, both found in the first narration; `mentions` are other
/// entities (name, kind) named in the body. Spans point into the body.
fn interrupted(
    location: &str,
    published: &str,
    speaker: &str,
    kind: &str,
    cue: &str,
    pieces: &[&str],
    mentions: &[(&str, &str)],
) -> Record {
    let mut body = format!("A report from {location}.\n\n");
    let start = body.len();
    let mut parts = Vec::new();
    let mut narration = None;
    for (i, piece) in pieces.iter().enumerate() {
        let at = body.len();
        body.push_str(piece);
        if i % 2 == 0 {
            parts.push(serde_json::json!({"start": at, "end": body.len(), "text": piece}));
        } else if narration.is_none() {
            narration = Some(at);
        }
    }
    let end = body.len();
    let narration = narration.expect("a narration between two parts");
    let span_of = |word: &str, from: usize| {
        let at = from + body[from..].find(word).expect("the word is in the body");
        serde_json::json!({"start": at, "end": at + word.len(), "text": word})
    };
    let surname = speaker.rsplit(' ').next().unwrap();
    let source = span_of(surname, narration);
    let mut entities = vec![
        serde_json::json!({"id": "e1", "type": "person", "name": speaker,
        "mentions": [source]}),
    ];
    for (i, (name, entity_kind)) in mentions.iter().enumerate() {
        entities.push(
            serde_json::json!({"id": format!("e{}", i + 2), "type": entity_kind,
            "name": name, "mentions": [span_of(name, 0)]}),
        );
    }
    let value = serde_json::json!({
        "id": format!("{:x}", body.len() * 7919 + body.bytes().map(|b| b as usize).sum::<usize>()),
        "path": location,
        "error": null,
        "offsets": "body",
        "article": {"headline": "A headline", "published": published, "url": location,
                    "body": body, "images": []},
        "entities": entities,
        "quotes": [{
            "kind": kind,
            "content": {"start": start, "end": end, "text": &body[start..end]},
            "cue": span_of(cue, narration), "source": source,
            "speaker": {"entity": "e1", "name": speaker},
            "parts": parts,
        }],
    });
    serde_json::from_value(value).unwrap()
}

fn search_words(store: &Store, words: &str) -> Vec<whosaid_store::StatementHit> {
    store
        .search(&SearchQuery {
            text: Some(words.into()),
            ..Default::default()
        })
        .unwrap()
}

/// The full-text index of the database at `path` agrees with the statements it indexes
/// (FTS5 checks an external-content index against its table; the check is an insert, so
/// it needs a connection that may write).
fn assert_index_matches_statements(path: &std::path::Path) {
    Store::open(path)
        .unwrap()
        .connection()
        .execute(
            "INSERT INTO statements_fts (statements_fts) VALUES ('integrity-check')",
            [],
        )
        .expect("the full-text index matches the statements");
}

const BREKKE: [&str; 3] = [
    "“We have been patient for eleven months with Nordhavn Port,”",
    " said Ida Brekke, who chairs the dockers' union. ",
    "“Nobody takes this decision lightly.”",
];
const BREKKE_WORDS: &str = "“We have been patient for eleven months with Nordhavn Port,” … “Nobody takes this decision lightly.”";

/// “…,” said Ida Brekke, who chairs the dockers' union. “…”: the statement is her words;
/// the reporter's are neither in it, nor found by a search, nor among who she talks about.
#[test]
fn an_interrupted_quotation_is_stored_as_the_speakers_words() {
    let (_dir, mut store) = open();
    let record = interrupted(
        "https://a.example/strike",
        "2025-03-04",
        "Ida Brekke",
        "direct",
        "said",
        &BREKKE,
        &[
            ("dockers' union", "organization"),
            ("Nordhavn Port", "organization"),
        ],
    );
    store.add_batch([&record]).unwrap();

    let profile = store.speaker("Ida Brekke").unwrap();
    assert_eq!(profile.most_repeated[0].content, BREKKE_WORDS);
    assert!(search_words(&store, "dockers").is_empty());
    assert!(search_words(&store, "chairs").is_empty());
    let found = search_words(&store, "patient lightly");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].speaker.as_deref(), Some("Ida Brekke"));
    // She talks about the port, named in her words, not the union the reporter names.
    let about: Vec<&str> = profile
        .talks_about
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(about, ["Nordhavn Port"]);

    // The article still knows where the quotation is, and where each of its parts.
    let view = store.article("https://a.example/strike").unwrap();
    let quote = &view.quotes[0];
    assert_eq!(quote.content, BREKKE_WORDS);
    let (start, end) = quote.content_span.unwrap();
    assert_eq!(&view.body[start..end], BREKKE.concat());
    let parts: Vec<&str> = quote
        .part_spans
        .iter()
        .map(|&(s, e)| &view.body[s..e])
        .collect();
    assert_eq!(parts, [BREKKE[0], BREKKE[2]]);

    let mut jsonl = Vec::new();
    store
        .export(ExportTable::Quotes, ExportFormat::Jsonl, &mut jsonl)
        .unwrap();
    let row: serde_json::Value = serde_json::from_slice(&jsonl).unwrap();
    assert_eq!(row["content"], BREKKE_WORDS);
    let spans: Vec<[usize; 2]> = serde_json::from_str(row["parts"].as_str().unwrap()).unwrap();
    assert_eq!(
        spans,
        quote
            .part_spans
            .iter()
            .map(|&(s, e)| [s, e])
            .collect::<Vec<_>>()
    );
}

const TRUMP_FIRST: &str =
    "“We will be speaking, and I think will perhaps do something that’ll be significant,”";
const TRUMP_SECOND: &str = "“We want to end that war.”";

/// Trump's two quotations as the wire printed them, with its narration between.
fn trump_on_the_wire() -> Record {
    interrupted(
        "https://wire.example/trump",
        "2025-01-31T14:15:00",
        "Donald Trump",
        "direct",
        "said",
        &[
            TRUMP_FIRST,
            " Trump said in exchange with reporters in the Oval Office. ",
            TRUMP_SECOND,
        ],
        &[],
    )
}

/// The same quotations as a paper printed them on `published`, with shorter narration.
fn trump_in_the_paper(published: &str) -> Record {
    interrupted(
        "https://paper.example/news/trump",
        published,
        "Donald Trump",
        "direct",
        "told",
        &[TRUMP_FIRST, " Trump told reporters. ", TRUMP_SECOND],
        &[],
    )
}

/// The same quotation in two outlets whose narration between its parts differs, and in a
/// third that printed it in one piece: one statement, reported three times.
#[test]
fn the_same_interrupted_quotation_from_two_outlets_is_one_statement() {
    let (_dir, mut store) = open();
    let wire = trump_on_the_wire();
    let paper = trump_in_the_paper("2025-02-01T08:00:00");
    let whole = article(
        "https://blog.example/trump",
        "2025-02-02",
        "Lead.",
        &[("e1", "Donald Trump", &[])],
        &[(
            "e1",
            "“We will be speaking, and I think will perhaps do something that’ll be significant. We want to end that war.”",
        )],
    );
    store.add_batch([&wire, &paper, &whole]).unwrap();

    let hits = search_words(&store, "significant");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].occurrences, 3);
    assert_eq!(hits[0].content, format!("{TRUMP_FIRST} … {TRUMP_SECOND}"));
    assert_eq!(hits[0].outlet.as_deref(), Some("wire.example"));
    assert_eq!(speaker_names(&store), [("Donald Trump".to_owned(), 1)]);
    // Every outlet's report is an occurrence of it.
    let from_the_paper = SearchQuery {
        text: Some("significant".into()),
        outlet: Some("paper.example".into()),
        ..Default::default()
    };
    assert_eq!(
        store.search(&from_the_paper).unwrap()[0].statement_id,
        hits[0].statement_id
    );
    assert!(search_words(&store, "Oval").is_empty());
    assert!(search_words(&store, "told").is_empty());
}

/// A database written before schema 3 stored an interrupted quotation from its first part
/// to its last, narration included, keyed by all of it. Opened by this whosaid, a direct
/// quotation's statement becomes the speaker's words, the reports that differed only by
/// their narration become one statement, and a new report joins it. A mixed or indirect
/// one, with no quotation marks to find its parts by, keeps what was stored.
#[test]
fn a_schema_2_database_gets_the_speakers_words_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let wire = trump_on_the_wire();
    let paper = trump_in_the_paper("2025-01-30T08:00:00");
    let port = interrupted(
        "https://port.example/strike",
        "2025-03-04",
        "Lena Holm",
        "indirect",
        "said",
        &[
            "it regretted the strike",
            ", Holm said, and insisted ",
            "that its latest offer was final",
        ],
        &[],
    );
    {
        // What a whosaid before schema 3 wrote: it read `content` and ignored `parts`.
        let mut store = Store::open(&path).unwrap();
        let mut old_records = [wire, paper, port.clone()];
        for record in &mut old_records {
            record.quotes[0].parts.clear();
        }
        store.add_batch(old_records.iter()).unwrap();
        store
            .connection()
            .execute_batch(&format!(
                "ALTER TABLE quotes DROP COLUMN parts; {BEFORE_9} PRAGMA user_version = 2;"
            ))
            .unwrap();
        assert_eq!(search_words(&store, "significant").len(), 2);
        assert_eq!(search_words(&store, "Oval").len(), 1);
    }

    let store = Store::open_read_only(&path).unwrap();
    let hits = search_words(&store, "significant");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].content, format!("{TRUMP_FIRST} … {TRUMP_SECOND}"));
    assert_eq!(hits[0].occurrences, 2);
    assert_eq!(hits[0].published.as_deref(), Some("2025-01-30T08:00:00"));
    assert!(search_words(&store, "Oval").is_empty());
    assert!(search_words(&store, "told").is_empty());
    assert_index_matches_statements(&path);
    // `show` marks the parts it found again.
    let view = store.article("https://wire.example/trump").unwrap();
    let parts: Vec<&str> = view.quotes[0]
        .part_spans
        .iter()
        .map(|&(s, e)| &view.body[s..e])
        .collect();
    assert_eq!(parts, [TRUMP_FIRST, TRUMP_SECOND]);
    // The limit: an indirect quotation keeps its narration, as stored.
    let kept = search_words(&store, "insisted");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].content, port.quotes[0].content.text);
    drop(store);

    // A new report of the same words, its parts from the analysis, joins the statement.
    let mut store = Store::open(&path).unwrap();
    let blog = interrupted(
        "https://blog.example/trump",
        "2025-02-02",
        "Donald Trump",
        "direct",
        "added",
        &[TRUMP_FIRST, " Trump said, and added: ", TRUMP_SECOND],
        &[],
    );
    store.add_batch([&blog]).unwrap();
    let hits = search_words(&store, "significant");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].occurrences, 3);
    assert_index_matches_statements(&path);
}
