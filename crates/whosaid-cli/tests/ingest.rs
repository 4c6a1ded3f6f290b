//! `whosaid ingest` and the commands that read the database, run as a user runs them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use whosaid_store::Store;

fn whosaid() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_whosaid"));
    command.env_remove("WHOSAID_DB");
    command
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles")
}

fn run(args: &[&str], db: &Path) -> Output {
    whosaid()
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .expect("whosaid runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every row of every table but the run log (`ingests`), in order, as text.
fn dump(db: &Path) -> Vec<String> {
    let store = Store::open_read_only(db).unwrap();
    let conn = store.connection();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'statements_fts_%'
             AND name <> 'ingests' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for table in tables {
        let mut statement = conn
            .prepare(&format!("SELECT rowid, * FROM {table}"))
            .or_else(|_| conn.prepare(&format!("SELECT * FROM {table}")))
            .unwrap();
        let columns = statement.column_count();
        let mut rows: Vec<String> = statement
            .query_map([], |row| {
                Ok((0..columns)
                    .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join(" | "))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        out.extend(rows.into_iter().map(|r| format!("{table}: {r}")));
    }
    out
}

#[test]
fn the_examples_are_ingested_once_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("examples.db");
    let first = run(&["ingest", examples().to_str().unwrap(), "--print"], &db);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stderr).contains("3 added, 0 already stored, 0 failed"));
    let printed = text(&first.stdout);
    assert!(printed.contains("Donald Trump ("), "{printed}");
    assert!(printed.contains("Vladimir Putin ("), "{printed}");
    let before = dump(&db);

    let again = run(&["ingest", examples().to_str().unwrap()], &db);
    assert!(again.status.success());
    assert!(text(&again.stderr).contains("0 added, 3 already stored, 0 failed"));
    assert_eq!(dump(&db), before, "a second ingest changed the database");

    let found = run(&["search", "pragmatic", "--speaker", "Putin"], &db);
    assert!(found.status.success(), "{}", text(&found.stderr));
    let found = text(&found.stdout);
    assert!(found.contains("Vladimir Putin (mixed)"), "{found}");
    assert!(found.contains("[pragmatic]"), "{found}");

    let json = run(&["search", "war", "--kind", "direct", "--json"], &db);
    for line in text(&json.stdout).lines() {
        let hit: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(hit["kind"], "direct");
    }

    let speaker = run(&["speaker", "Trump"], &db);
    let speaker = text(&speaker.stdout);
    assert!(speaker.starts_with("Donald Trump (person)"), "{speaker}");
    assert!(
        speaker.contains("statements per week:\n  2025-01-27 █"),
        "{speaker}"
    );
    assert!(speaker.contains("talks about:"), "{speaker}");

    // The article with quotations marked (plain marks: stdout is not a terminal).
    let shown = run(&["show", "1"], &db);
    let shown = text(&shown.stdout);
    assert!(shown.contains("⟦“I don’t want to say that.”⟧¹"), "{shown}");
    // An interrupted quotation is marked part by part, the reporter's words left out.
    assert!(
        shown.contains(
            "significant,”⟧¹ Trump said in exchange with reporters in the Oval Office. ⟦“We want"
        ),
        "{shown}"
    );
    assert!(shown.contains("speakers:\n  1 Donald Trump"), "{shown}");

    let bad = run(&["search", "war AND ("], &db);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("could not be understood"));
    let missing = run(&["show", "99"], &db);
    assert!(text(&missing.stderr).contains("no article \"99\""));

    let csv = run(&["export", "--what", "quotes", "--format", "csv"], &db);
    let csv = text(&csv.stdout);
    let quotes: i64 = Store::open_read_only(&db)
        .unwrap()
        .connection()
        .query_row("SELECT count(*) FROM quotes", [], |r| r.get(0))
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.records().count() as i64, quotes);
}

#[test]
fn broken_documents_are_kept_as_errors_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(
        examples().join("written-harbour-strike.txt"),
        input.join("good.txt"),
    )
    .unwrap();
    std::fs::write(
        input.join("broken.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0],
    )
    .unwrap();
    let db = dir.path().join("e.db");
    let out = run(&["ingest", input.to_str().unwrap()], &db);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed document makes the exit code 1"
    );
    assert!(text(&out.stderr).contains("1 added, 0 already stored, 1 failed"));
    let errors = run(&["errors"], &db);
    let errors = text(&errors.stdout);
    assert!(errors.contains("broken.txt: "), "{errors}");
    let nothing = run(&["search", "x"], &dir.path().join("absent.db"));
    assert!(text(&nothing.stderr).contains("there is no whosaid database"));
}

/// A corpus big enough that an ingest is still running when it is killed.
fn write_corpus(path: &Path, articles: usize) {
    let lines: Vec<String> = whosaid_eval::corpus::Corpus::new(11)
        .take(articles)
        .map(|a| a.to_jsonl())
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

fn stored_articles(db: &Path) -> i64 {
    Store::open_read_only(db)
        .ok()
        .and_then(|s| {
            s.connection()
                .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
                .ok()
        })
        .unwrap_or(0)
}

#[test]
fn an_ingest_killed_with_sigkill_resumes_to_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let articles = 400;
    write_corpus(&corpus, articles);
    let args = |db: &Path| -> Vec<String> {
        vec![
            "ingest".into(),
            corpus.to_str().unwrap().into(),
            "--db".into(),
            db.to_str().unwrap().into(),
            "--threads".into(),
            "1".into(),
            "--commit-every".into(),
            "5".into(),
        ]
    };

    let whole = dir.path().join("whole.db");
    let out = whosaid().args(args(&whole)).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(stored_articles(&whole), articles as i64);

    let killed = dir.path().join("killed.db");
    let mut child = whosaid()
        .args(args(&killed))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while stored_articles(&killed) < 40 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the ingest did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // While it runs, a second ingest of the same database is told so and stops.
    let second = whosaid().args(args(&killed)).output().unwrap();
    assert_eq!(second.status.code(), Some(2));
    assert!(
        text(&second.stderr).contains("another whosaid ingest is writing to"),
        "{}",
        text(&second.stderr)
    );
    // Readers are not blocked meanwhile.
    assert!(run(&["speakers"], &killed).status.success());
    child.kill().unwrap(); // SIGKILL on Unix: no clean-up runs
    child.wait().unwrap();
    let at_kill = stored_articles(&killed);
    assert!(
        at_kill < articles as i64,
        "the ingest finished before it was killed; the test proves nothing"
    );

    let resumed = whosaid().args(args(&killed)).output().unwrap();
    assert!(resumed.status.success(), "{}", text(&resumed.stderr));
    let summary = text(&resumed.stderr);
    assert!(
        summary.contains(&format!(
            "{} added, {at_kill} already stored",
            articles as i64 - at_kill
        )),
        "{summary}"
    );
    let whole_rows = dump(&whole);
    assert!(whole_rows.len() > articles * 5);
    assert_eq!(dump(&killed), whole_rows);
}
