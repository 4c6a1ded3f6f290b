//! Clean articles must come through the scraped-text reader whole.
//!
//! PolNeAR's texts are articles without debris: the headline on the first line, then
//! the paragraphs. Reading them must keep the headline as the headline and every line of
//! prose in the body. These tests read `../shared/data` and run only when
//! `WHOSAID_SHARED_DATA=1` (the data is not part of the repository).

use std::path::{Path, PathBuf};

use whosaid_read::text::read_text;

/// Lines a reader may drop although they read like prose: calls to action printed after
/// some articles ("Follow Jane Doe on Twitter @jdoe.", "Sign up to get an email …") and
/// the wire's staff credits ("(Reporting by Jane Doe; Editing by John Roe.)").
const MAY_DROP: &[&str] = &[
    "Follow ",
    "Sign up",
    "Subscribe",
    "Want to receive this in your inbox",
    "Reporting by",
    "Additional reporting by",
    "additional reporting by",
    "Contributing:",
];

/// True when `line` opens (after brackets or dashes) with one of [`MAY_DROP`].
fn may_drop(line: &str) -> bool {
    let opened = line.trim_start_matches(['(', '-', '–', '—', ' ', '"', '“']);
    MAY_DROP.iter().any(|p| opened.starts_with(p))
}

fn shared_data(relative: &str) -> Option<PathBuf> {
    if std::env::var("WHOSAID_SHARED_DATA").as_deref() != Ok("1") {
        eprintln!("skipped: set WHOSAID_SHARED_DATA=1 to read ../shared/data");
        return None;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(relative);
    assert!(
        dir.is_dir(),
        "WHOSAID_SHARED_DATA=1 but {} is missing",
        dir.display()
    );
    Some(dir)
}

fn texts(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// A line of prose: several words, small letters among them.
fn is_prose(line: &str) -> bool {
    line.split_whitespace().count() >= 5 && line.chars().any(char::is_lowercase)
}

#[test]
fn polnear_train_articles_keep_their_headline_and_every_prose_line() {
    if let Some(dir) = shared_data("polnear/train/text") {
        check_clean_articles(&dir, 800);
    }
}

#[test]
fn polnear_dev_articles_keep_their_headline_and_every_prose_line() {
    if let Some(dir) = shared_data("polnear/dev/text") {
        check_clean_articles(&dir, 80);
    }
}

fn check_clean_articles(dir: &Path, at_least: usize) {
    let files = texts(dir);
    assert!(
        files.len() >= at_least,
        "expected at least {at_least} texts in {}",
        dir.display()
    );
    let mut prose_lines = 0;
    let mut lost: Vec<String> = Vec::new();
    let mut headline_errors: Vec<String> = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let input = std::fs::read_to_string(path).unwrap();
        let doc = read_text(&name, input.clone(), &Default::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));

        // The headline is the first line (a trailing ";" may be left out).
        let first_line = input.lines().next().unwrap().trim();
        match doc.headline_span {
            Some(span)
                if first_line.starts_with(span.slice(&input))
                    && span.len() * 2 > first_line.len() => {}
            other => headline_errors.push(format!(
                "{name}: headline {:?}, first line {first_line:?}",
                other.map(|s| s.slice(&input))
            )),
        }

        // Every prose line after the first, from its first to its last letter (a list
        // bullet may be left out), lies inside a body paragraph; or it went where the
        // reader says: a picture's caption or credit, or the standfirst.
        let mut offset = 0;
        for (n, raw_line) in input.split_inclusive('\n').enumerate() {
            let line_start = offset;
            offset += raw_line.len();
            let line = raw_line.trim();
            if n == 0 || !is_prose(line) {
                continue;
            }
            prose_lines += 1;
            let first = raw_line.find(char::is_alphanumeric).unwrap();
            let last = raw_line.rfind(char::is_alphanumeric).unwrap();
            let (start, end) = (line_start + first, line_start + last + 1);
            let in_body = doc
                .paragraphs
                .iter()
                .any(|p| p.start <= start && end <= p.end);
            let elsewhere = doc.meta.description.as_deref() == Some(line)
                || doc.meta.images.iter().any(|i| {
                    i.caption
                        .as_deref()
                        .is_some_and(|c| !c.is_empty() && line.starts_with(c))
                        // A picture credit alone on its line ("Scott Olson via Getty
                        // Images.").
                        || i.caption.is_none()
                            && i.credit.as_deref().is_some_and(|c| line.starts_with(c))
                });
            if !in_body && !elsewhere && !may_drop(line) {
                lost.push(format!("{name}:{}: {line}", n + 1));
            }
        }
    }
    eprintln!(
        "{} articles, {prose_lines} prose lines, {} lost, {} headline errors",
        files.len(),
        lost.len(),
        headline_errors.len()
    );
    assert!(
        headline_errors.is_empty() && lost.is_empty(),
        "headlines:\n{}\nprose lines lost:\n{}",
        headline_errors.join("\n"),
        lost.join("\n")
    );
}
