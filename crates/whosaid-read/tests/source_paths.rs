//! Paths to inputs: directories walked in order, globs, sniffing, and what is passed over.

use std::io::Write;
use std::path::{Path, PathBuf};

use whosaid_read::{Format, Inputs, ReadErrorKind, ReadOptions};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// `(path relative to root, "text" | "html" | error sentence)` for each input.
fn listing(paths: &[String], root: &Path) -> Vec<(String, String)> {
    let root = format!("{}/", root.display());
    Inputs::new(paths.to_vec(), ReadOptions::default())
        .map(|item| match item {
            Ok(raw) => (
                raw.path.replace(&root, ""),
                match raw.format {
                    Format::Text => "text".to_owned(),
                    Format::Html => "html".to_owned(),
                },
            ),
            Err(f) => (
                f.path.replace(&root, ""),
                f.error.to_string().replace(&root, ""),
            ),
        })
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

const PAGE: &[u8] = b"<!DOCTYPE html><html><body><p>A page.</p></body></html>";
const STORY: &[u8] = b"Headline\n\nA story.\n";

/// A folder with documents, containers, hidden files and files that are not documents.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "b.txt", STORY);
    write(root, "a.html", PAGE);
    write(root, "notes", STORY);
    write(root, "page.gz", &gzip(PAGE));
    write(root, "photo.jpg", b"\xFF\xD8\xFF\xE0 not really a photo");
    write(root, ".hidden.txt", STORY);
    write(root, ".git/config", b"[core]\n");
    write(root, "sub/c.txt", STORY);
    write(
        root,
        "sub/dump",
        b"{\"id\": \"x\", \"text\": \"From a dump.\"}\n{\"text\": \"Another.\"}\n",
    );
    write(
        root,
        "sub/deeper/crawl.warc.gz",
        &std::fs::read(fixture("warc/news.warc.gz")).unwrap(),
    );
    write(root, "sub/style.css", b"body { color: red }");
    dir
}

#[test]
fn a_directory_is_walked_in_name_order_passing_over_hidden_and_non_document_files() {
    let dir = corpus();
    let root = dir.path().to_string_lossy().into_owned();
    let inputs = Inputs::new(vec![root.clone()], ReadOptions::default());
    let stats = inputs.stats();
    let paths: Vec<String> = inputs
        .map(|item| item.unwrap().path.replace(&format!("{root}/"), ""))
        .collect();
    assert_eq!(
        paths,
        [
            "a.html",
            "b.txt",
            "notes",
            "page.gz",
            "sub/c.txt",
            "sub/deeper/crawl.warc.gz#3",
            "sub/deeper/crawl.warc.gz#8",
            "sub/deeper/crawl.warc.gz#9",
            "sub/dump#x",
            "sub/dump#2",
        ]
    );
    assert_eq!(
        stats.skipped_files(),
        4,
        ".git, .hidden.txt, photo.jpg, style.css"
    );
    assert_eq!(stats.skipped(), 6, "the WARC's records that are not pages");
}

#[test]
fn formats_come_from_names_and_else_from_the_bytes() {
    let dir = corpus();
    let root = dir.path();
    let paths: Vec<String> = ["a.html", "b.txt", "notes", "page.gz"]
        .iter()
        .map(|n| root.join(n).to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        listing(&paths, root),
        pairs(&[
            ("a.html", "html"),
            ("b.txt", "text"),
            ("notes", "text"),
            ("page.gz", "html")
        ])
    );
}

#[test]
fn a_file_named_explicitly_is_read_even_when_its_name_says_it_is_not_a_document() {
    let dir = corpus();
    let photo = dir.path().join("photo.jpg").to_string_lossy().into_owned();
    // Read, and refused when decoded (the test of that is in bad_input.rs).
    assert_eq!(
        listing(&[photo], dir.path()),
        pairs(&[("photo.jpg", "text")])
    );
}

#[test]
fn globs_expand_in_order_and_say_when_they_match_nothing() {
    let dir = corpus();
    let root = dir.path();
    let pattern = |p: &str| format!("{}/{p}", root.display());
    assert_eq!(
        listing(&[pattern("*.txt"), pattern("sub/*.txt")], root),
        pairs(&[("b.txt", "text"), ("sub/c.txt", "text")])
    );
    assert_eq!(
        listing(&[pattern("*.jpg"), pattern("*.xml")], root),
        pairs(&[
            (
                "*.jpg",
                "the pattern *.jpg matches only files whosaid passes over (hidden files, images, PDFs, archives and the like)"
            ),
            ("*.xml", "no file matches the pattern *.xml"),
        ]),
        "a glob passes over what a directory walk would"
    );
    let items = listing(&[pattern("s*")], root);
    assert_eq!(
        items.len(),
        6,
        "a directory that matches is walked: {items:?}"
    );
    let broken = listing(&[pattern("[")], root);
    assert!(
        broken[0].1.contains("is not a valid glob pattern"),
        "{broken:?}"
    );
}

#[test]
fn missing_files_and_empty_directories_are_failures_that_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("empty")).unwrap();
    write(root, "only-hidden/.x.txt", STORY);
    let items: Vec<_> = Inputs::new(
        vec![
            root.join("missing.txt").to_string_lossy().into_owned(),
            root.join("empty").to_string_lossy().into_owned(),
            root.join("only-hidden").to_string_lossy().into_owned(),
        ],
        ReadOptions::default(),
    )
    .map(|i| i.unwrap_err())
    .collect();
    let base = format!("{}/", root.display());
    let messages: Vec<String> = items
        .iter()
        .map(|f| f.error.to_string().replace(&base, ""))
        .collect();
    assert_eq!(
        messages,
        [
            "cannot read missing.txt: no such file or directory",
            "the directory empty holds no file whosaid reads (hidden files and images, PDFs, archives and the like are passed over)",
            "the directory only-hidden holds no file whosaid reads (hidden files and images, PDFs, archives and the like are passed over)",
        ]
    );
    assert_eq!(items[0].error.kind(), ReadErrorKind::Io);
}

#[test]
fn a_file_over_the_limit_is_refused_by_its_size() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "big.txt", &vec![b'a'; 3 * 1024 * 1024]);
    let path = dir.path().join("big.txt").to_string_lossy().into_owned();
    let options = ReadOptions {
        max_document_bytes: 1024 * 1024,
        ..ReadOptions::default()
    };
    let failure = Inputs::new(vec![path.clone()], options)
        .next()
        .unwrap()
        .unwrap_err();
    assert_eq!(failure.error.kind(), ReadErrorKind::TooLarge);
    assert_eq!(
        failure.error.to_string(),
        format!(
            "{path} is 3 MB, more than the limit of 1 MB for one document; raise the limit with --max-document-mb"
        )
    );
}

#[test]
fn the_order_of_the_arguments_is_the_order_of_the_inputs() {
    let dir = corpus();
    let root = dir.path();
    let paths: Vec<String> = ["sub/c.txt", "a.html", "sub/dump", "b.txt"]
        .iter()
        .map(|n| root.join(n).to_string_lossy().into_owned())
        .collect();
    let listed: Vec<String> = listing(&paths, root).into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        listed,
        ["sub/c.txt", "a.html", "sub/dump#x", "sub/dump#2", "b.txt"]
    );
}
