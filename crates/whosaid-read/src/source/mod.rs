//! Paths to raw inputs: files, directories, globs and stdin, containers opened.
//!
//! [`Inputs`] turns the paths a person typed into a stream of [`RawInput`]s, one document
//! at a time and in a deterministic order:
//!
//! - a **file** is one document (`.txt`, `.html`…) or a container of many (`.warc`,
//!   `.jsonl`); any of them may be gzipped. The name decides the format; when the name does
//!   not tell (no or an unknown extension, stdin), the first bytes do ([`sniff`]).
//!   Compression is always decided by the bytes (the gzip magic number), never by the name.
//! - a **directory** is walked recursively, entries sorted by name. Hidden entries (name
//!   starting with `.`) and files whose extension says they are not documents (images,
//!   PDFs, archives, media, fonts, scripts and stylesheets) are passed over and counted in
//!   [`SourceStats::skipped_files`]; everything else is read, sniffed if need be. A
//!   directory with nothing to read is a [`Failure`].
//! - a **glob pattern** (`news/*.html`, `crawl/**/*.warc.gz`) is expanded with the `glob`
//!   crate, in its sorted order, with the same rules as a directory walk (a `*` does not
//!   match a leading dot); a pattern that matches nothing is a [`Failure`] saying so.
//! - `-` is standard input, sniffed.
//!
//! Inside containers, the path of a document is `path#N`: for a WARC, N is the record's
//! position among all records of the file (1 = the first record, usually `warcinfo`), which
//! does not change when whosaid learns to keep more kinds of record; for JSONL, the line's
//! id field, or its line number.
//!
//! Nothing is read whole into memory except one document at a time: containers stream,
//! and a document larger than [`ReadOptions::max_document_bytes`] is refused before it is
//! read (by its size on disk, or by reading at most one byte past the limit of a
//! decompressed stream).

pub(crate) mod stream;

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use whosaid_core::{ReadError, ReadErrorKind};

use crate::jsonl::JsonlReader;
use crate::warc::WarcReader;
use crate::{Failure, Format, Payload, RawInput, ReadOptions};
use stream::Stream;

/// How many bytes (decompressed) the format sniffer looks at.
const SNIFF_BYTES: usize = 8 * 1024;

/// Counts kept while inputs stream by, readable from another thread.
#[derive(Debug, Default)]
pub struct SourceStats {
    skipped: AtomicU64,
    skipped_files: AtomicU64,
}

impl SourceStats {
    /// Container records passed over because they hold no article (WARC requests,
    /// metadata, non-HTML responses).
    pub fn skipped(&self) -> u64 {
        self.skipped.load(Ordering::Relaxed)
    }

    /// Directory and glob entries passed over: hidden files and folders, and files whose
    /// extension says they are not documents (images, PDFs, archives…).
    pub fn skipped_files(&self) -> u64 {
        self.skipped_files.load(Ordering::Relaxed)
    }

    pub(crate) fn add_skipped(&self) {
        self.skipped.fetch_add(1, Ordering::Relaxed);
    }

    fn add_skipped_file(&self) {
        self.skipped_files.fetch_add(1, Ordering::Relaxed);
    }
}

/// What a file holds, once the name or the first bytes have told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// One plain-text document.
    Text,
    /// One HTML page.
    Html,
    /// A WARC archive: many records.
    Warc,
    /// JSON lines: one article per line.
    Jsonl,
}

/// The documents under a list of paths, one at a time, in order.
pub struct Inputs {
    args: std::vec::IntoIter<String>,
    glob: Option<Globbed>,
    walk: Option<Walk>,
    container: Option<Container>,
    options: ReadOptions,
    stats: Arc<SourceStats>,
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("remaining_args", &self.args.as_slice())
            .field("options", &self.options)
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

struct Globbed {
    pattern: String,
    paths: glob::Paths,
    matched: u64,
    passed_over: u64,
}

struct Walk {
    root: String,
    entries: walkdir::IntoIter,
    documents: u64,
}

enum Container {
    Warc(WarcReader),
    Jsonl(JsonlReader),
}

/// What opening one path gave.
enum Opened {
    /// One document, or why it failed.
    One(Result<RawInput, Failure>),
    /// A container whose documents follow.
    Container(Container),
    /// A directory whose walk has started.
    Walk,
}

impl Inputs {
    /// Documents under `paths`: files, directories (recursive), globs, `-` for stdin.
    pub fn new(paths: Vec<String>, options: ReadOptions) -> Inputs {
        Inputs {
            args: paths.into_iter(),
            glob: None,
            walk: None,
            container: None,
            options,
            stats: Arc::default(),
        }
    }

    /// A handle on the running counts.
    pub fn stats(&self) -> Arc<SourceStats> {
        Arc::clone(&self.stats)
    }

    /// The next path of the walk in progress, or the walk's own failure.
    fn next_walked(&mut self) -> Option<Result<String, Failure>> {
        let walk = self.walk.as_mut()?;
        loop {
            let entry = match walk.entries.next() {
                None => {
                    let walk = self.walk.take()?;
                    if walk.documents == 0 {
                        return Some(Err(Failure {
                            error: ReadError::new(
                                ReadErrorKind::Empty,
                                format!(
                                    "the directory {} holds no file whosaid reads (hidden files and images, PDFs, archives and the like are passed over)",
                                    walk.root
                                ),
                            ),
                            path: walk.root,
                        }));
                    }
                    return None;
                }
                Some(Err(err)) => return Some(Err(walk_failure(&walk.root, &err))),
                Some(Ok(entry)) => entry,
            };
            if entry.depth() == 0 {
                continue;
            }
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if entry.file_type().is_dir() {
                if hidden {
                    walk.entries.skip_current_dir();
                    self.stats.add_skipped_file();
                }
                continue;
            }
            let path = entry.path().to_string_lossy().into_owned();
            if hidden || !entry.file_type().is_file() || !is_document_name(&path) {
                self.stats.add_skipped_file();
                continue;
            }
            walk.documents += 1;
            return Some(Ok(path));
        }
    }

    /// The next match of the glob in progress (a directory match starts a walk).
    fn next_globbed(&mut self) -> Option<Result<String, Failure>> {
        let globbed = self.glob.as_mut()?;
        loop {
            match globbed.paths.next() {
                None => {
                    let globbed = self.glob.take()?;
                    if globbed.matched == 0 {
                        let message = if globbed.passed_over == 0 {
                            format!("no file matches the pattern {}", globbed.pattern)
                        } else {
                            format!(
                                "the pattern {} matches only files whosaid passes over (hidden files, images, PDFs, archives and the like)",
                                globbed.pattern
                            )
                        };
                        return Some(Err(Failure {
                            error: ReadError::new(ReadErrorKind::Io, message),
                            path: globbed.pattern,
                        }));
                    }
                    return None;
                }
                Some(Err(err)) => {
                    let path = err.path().to_string_lossy().into_owned();
                    return Some(Err(Failure {
                        error: ReadError::io(&path, err.error()),
                        path,
                    }));
                }
                Some(Ok(path)) => {
                    let hidden = path
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                    let path = path.to_string_lossy().into_owned();
                    if Path::new(&path).is_dir() {
                        globbed.matched += 1;
                        return Some(Ok(path));
                    }
                    if hidden || !is_document_name(&path) {
                        self.stats.add_skipped_file();
                        globbed.passed_over += 1;
                        continue;
                    }
                    globbed.matched += 1;
                    return Some(Ok(path));
                }
            }
        }
    }

    /// Open one path: a file, a directory (starts a walk), or stdin.
    fn open_path(&mut self, path: String) -> Opened {
        if path == "-" {
            let input: Box<dyn Read + Send> = Box::new(io::stdin());
            return open_input(path, input, None, &self.options, &self.stats);
        }
        let metadata = match std::fs::metadata(&path) {
            Ok(metadata) => metadata,
            Err(err) => return Opened::One(Err(io_failure(path, &err))),
        };
        if metadata.is_dir() {
            let entries = walkdir::WalkDir::new(&path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter();
            self.walk = Some(Walk {
                root: path,
                entries,
                documents: 0,
            });
            return Opened::Walk;
        }
        match File::open(&path) {
            Ok(file) => {
                let size = metadata.is_file().then_some(metadata.len());
                open_input(path, Box::new(file), size, &self.options, &self.stats)
            }
            Err(err) => Opened::One(Err(io_failure(path, &err))),
        }
    }

    /// The next path to open, from the walk, the glob or the arguments, in that order.
    fn next_path(&mut self) -> Option<Result<String, Failure>> {
        loop {
            if self.walk.is_some() {
                if let Some(next) = self.next_walked() {
                    return Some(next);
                }
                continue;
            }
            if self.glob.is_some() {
                if let Some(next) = self.next_globbed() {
                    return Some(next);
                }
                continue;
            }
            let arg = self.args.next()?;
            if arg != "-" && is_glob(&arg) && !Path::new(&arg).exists() {
                let options = glob::MatchOptions {
                    case_sensitive: true,
                    require_literal_separator: true,
                    require_literal_leading_dot: true,
                };
                match glob::glob_with(&arg, options) {
                    Ok(paths) => {
                        self.glob = Some(Globbed {
                            pattern: arg,
                            paths,
                            matched: 0,
                            passed_over: 0,
                        });
                        continue;
                    }
                    Err(err) => {
                        return Some(Err(Failure {
                            error: ReadError::new(
                                ReadErrorKind::Io,
                                format!("{arg} is not a valid glob pattern: {}", err.msg),
                            ),
                            path: arg,
                        }));
                    }
                }
            }
            return Some(Ok(arg));
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<RawInput, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(container) = self.container.as_mut() {
                let next = match container {
                    Container::Warc(reader) => reader.next(),
                    Container::Jsonl(reader) => reader.next(),
                };
                match next {
                    Some(item) => return Some(item),
                    None => self.container = None,
                }
            }
            let path = match self.next_path()? {
                Ok(path) => path,
                Err(failure) => return Some(Err(failure)),
            };
            match self.open_path(path) {
                Opened::One(item) => return Some(item),
                Opened::Container(container) => self.container = Some(container),
                Opened::Walk => {}
            }
        }
    }
}

/// Open a file or stdin whose path is `path`: one document, or a container.
fn open_input(
    path: String,
    input: Box<dyn Read + Send>,
    size: Option<u64>,
    options: &ReadOptions,
    stats: &Arc<SourceStats>,
) -> Opened {
    let mut stream = match Stream::open(input) {
        Ok(stream) => stream,
        Err(err) => return Opened::One(Err(io_failure(path, &err))),
    };
    let by_name = if path == "-" {
        None
    } else {
        kind_from_name(&path)
    };
    let kind = match by_name {
        Some(kind) => kind,
        None => match stream.peek(SNIFF_BYTES) {
            Ok(head) => sniff(head),
            Err(err) => return Opened::One(Err(stream_failure(path, &err, None))),
        },
    };
    match kind {
        Kind::Warc => Opened::Container(Container::Warc(WarcReader::from_stream(
            path,
            stream,
            options,
            Arc::clone(stats),
        ))),
        Kind::Jsonl => Opened::Container(Container::Jsonl(JsonlReader::from_stream(
            path,
            stream,
            options,
            Arc::clone(stats),
        ))),
        Kind::Text | Kind::Html => {
            let format = if kind == Kind::Html {
                Format::Html
            } else {
                Format::Text
            };
            Opened::One(read_one(path, stream, size, format, options))
        }
    }
}

/// Read a whole single-document file, refusing it unread when it is too large.
fn read_one(
    path: String,
    mut stream: Stream,
    size: Option<u64>,
    format: Format,
    options: &ReadOptions,
) -> Result<RawInput, Failure> {
    let max = options.max_document_bytes;
    let gzip = stream.is_gzip();
    if let Some(size) = size.filter(|&size| !gzip && size > max as u64) {
        return Err(Failure {
            error: too_large(&format!("{} is {}", shown(&path), size_text(size)), max),
            path,
        });
    }
    let expected = if gzip { 0 } else { size.unwrap_or(0) as usize };
    let mut bytes = Vec::with_capacity(expected.min(max));
    // One byte past the limit tells "too large" without reading the rest: a gzip bomb
    // costs at most `max` bytes of memory.
    if let Err(err) = (&mut stream).take(max as u64 + 1).read_to_end(&mut bytes) {
        return Err(stream_failure(path, &err, None));
    }
    if bytes.len() > max {
        let what = if gzip {
            format!(
                "{} decompresses to more than {}",
                shown(&path),
                size_text(max as u64)
            )
        } else {
            format!("{} is larger than {}", shown(&path), size_text(max as u64))
        };
        return Err(Failure {
            error: too_large(&what, max),
            path,
        });
    }
    Ok(RawInput::new(path, format, Payload::Bytes(bytes)))
}

/// The format a file name says, or `None` when it does not tell (the content will).
pub fn kind_from_name(path: &str) -> Option<Kind> {
    let name = Path::new(path)
        .file_name()?
        .to_string_lossy()
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let (_, ext) = name.rsplit_once('.')?;
    match ext {
        "txt" | "text" => Some(Kind::Text),
        "html" | "htm" | "xhtml" | "shtml" => Some(Kind::Html),
        "warc" => Some(Kind::Warc),
        "jsonl" | "ndjson" => Some(Kind::Jsonl),
        _ => None,
    }
}

/// Extensions of files that are surely not documents: passed over in directory walks and
/// glob matches (a file named explicitly is always read, and said to be binary if it is).
const NOT_DOCUMENTS: &[&str] = &[
    // images
    "png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "ico", "svg", "avif", "heic",
    // documents whosaid does not read
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "epub",
    // archives and compressed files that are not gzip
    "zip", "tar", "tgz", "bz2", "xz", "zst", "7z", "rar", // audio, video, fonts
    "mp3", "mp4", "m4a", "wav", "ogg", "webm", "mov", "avi", "flac", "woff", "woff2", "ttf", "otf",
    // web assets, programs, databases, crawl indexes
    "css", "js", "mjs", "map", "wasm", "exe", "dll", "so", "dylib", "o", "a", "class", "jar", "pyc",
    "sqlite", "db", "parquet", "arrow", "cdx", "cdxj", "idx",
];

fn is_document_name(path: &str) -> bool {
    let Some(name) = Path::new(path).file_name() else {
        return true;
    };
    let name = name.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rsplit_once('.') {
        Some((_, ext)) => !NOT_DOCUMENTS.contains(&ext),
        None => true,
    }
}

fn is_glob(arg: &str) -> bool {
    arg.contains(['*', '?', '['])
}

/// Tell the format of a document from its first (decompressed) bytes: `WARC/` opens a
/// WARC; a first line that is a JSON object opens JSONL; markup at the start is HTML;
/// anything else is text (binary files are caught when decoding).
pub fn sniff(head: &[u8]) -> Kind {
    if head.starts_with(b"WARC/") {
        return Kind::Warc;
    }
    let body = skip_bom_and_space(head);
    if body.first() == Some(&b'{') && first_line_is_object(body) {
        return Kind::Jsonl;
    }
    if looks_like_html(head) {
        return Kind::Html;
    }
    Kind::Text
}

fn skip_bom_and_space(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn first_line_is_object(body: &[u8]) -> bool {
    match memchr::memchr(b'\n', body) {
        Some(end) => serde_json::from_slice::<serde_json::Value>(&body[..end])
            .is_ok_and(|value| value.is_object()),
        None => {
            // The whole sample is one line: either a one-line file or a long first line
            // cut by the sample; an object key right after the brace is enough to tell.
            serde_json::from_slice::<serde_json::Value>(body).is_ok_and(|value| value.is_object())
                || skip_bom_and_space(&body[1..]).first() == Some(&b'"')
        }
    }
}

/// True when the start of `head` is markup: a tag, a doctype or a comment first, or
/// `<html`, `<head` or `<body` within the first kilobyte.
pub(crate) fn looks_like_html(head: &[u8]) -> bool {
    let body = skip_bom_and_space(head);
    let window = &body[..body.len().min(1024)];
    let lower = window.to_ascii_lowercase();
    let contains = |needle: &[u8]| memchr::memmem::find(&lower, needle).is_some();
    match window {
        [b'<', b'!', ..] => true,
        [b'<', c, ..] if c.is_ascii_alphabetic() => true,
        _ => contains(b"<html") || contains(b"<head") || contains(b"<body"),
    }
}

/// A path as a person reads it in a message: `-` is standard input.
pub(crate) fn shown(path: &str) -> &str {
    if path == "-" { "standard input" } else { path }
}

/// A size in bytes, as a person reads it.
pub(crate) fn size_text(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        if bytes.is_multiple_of(MB) {
            format!("{} MB", bytes / MB)
        } else {
            format!("{:.1} MB", bytes as f64 / MB as f64)
        }
    } else if bytes >= 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else if bytes == 1 {
        "1 byte".to_owned()
    } else {
        format!("{bytes} bytes")
    }
}

/// The error for a document over the size limit: `what` says how large it is.
pub(crate) fn too_large(what: &str, max: usize) -> ReadError {
    ReadError::new(
        ReadErrorKind::TooLarge,
        format!(
            "{what}, more than the limit of {} for one document; raise the limit with --max-document-mb",
            size_text(max as u64)
        ),
    )
}

fn io_failure(path: String, err: &io::Error) -> Failure {
    Failure {
        error: ReadError::io(shown(&path), err),
        path,
    }
}

/// A failure while reading a (possibly gzipped) stream: truncation and corruption are
/// worded as such. `after` is how many records were read before, for containers.
pub(crate) fn stream_failure(path: String, err: &io::Error, after: Option<String>) -> Failure {
    let after = after.map(|a| format!(" after {a}")).unwrap_or_default();
    let error = match stream::as_gzip_error(err) {
        Some(gz) if gz.truncated => ReadError::new(
            ReadErrorKind::Compression,
            format!(
                "the gzip stream of {} ends early (truncated file){after}",
                shown(&path)
            ),
        ),
        Some(gz) => ReadError::new(
            ReadErrorKind::Compression,
            format!(
                "the gzip stream of {} is corrupt{after} ({})",
                shown(&path),
                gz.detail
            ),
        ),
        None => {
            let io = ReadError::io(shown(&path), err);
            ReadError::new(io.kind(), format!("{}{after}", io.message()))
        }
    };
    Failure { path, error }
}

fn walk_failure(root: &str, err: &walkdir::Error) -> Failure {
    let path = err
        .path()
        .map_or_else(|| root.to_owned(), |p| p.to_string_lossy().into_owned());
    let error = if let Some(ancestor) = err.loop_ancestor() {
        ReadError::new(
            ReadErrorKind::Io,
            format!(
                "cannot read {path}: it is a symbolic link back to {}, which would loop forever",
                ancestor.display()
            ),
        )
    } else if let Some(io) = err.io_error() {
        ReadError::io(&path, io)
    } else {
        ReadError::new(ReadErrorKind::Io, format!("cannot read {path}: {err}"))
    };
    Failure { path, error }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_tell_the_format_through_gz() {
        assert_eq!(kind_from_name("a/b.warc.gz"), Some(Kind::Warc));
        assert_eq!(kind_from_name("b.JSONL"), Some(Kind::Jsonl));
        assert_eq!(kind_from_name("b.ndjson.gz"), Some(Kind::Jsonl));
        assert_eq!(kind_from_name("b.htm.gz"), Some(Kind::Html));
        assert_eq!(kind_from_name("b.txt"), Some(Kind::Text));
        assert_eq!(kind_from_name("b.gz"), None);
        assert_eq!(kind_from_name("README"), None);
    }

    #[test]
    fn sniffing_tells_containers_markup_and_text() {
        assert_eq!(sniff(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"), Kind::Warc);
        assert_eq!(
            sniff(b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n"),
            Kind::Jsonl
        );
        assert_eq!(sniff(b"\xEF\xBB\xBF  {\"text\": \"a\"}"), Kind::Jsonl);
        assert_eq!(sniff(b"{\"text\": \"cut by the sampl"), Kind::Jsonl);
        assert_eq!(sniff(b"{not json}\nmore"), Kind::Text);
        assert_eq!(sniff(b"\n<!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(sniff(b"<div>hi</div>"), Kind::Html);
        assert_eq!(sniff(b"Some title\n\n<html> appears later"), Kind::Html);
        assert_eq!(
            sniff(b"Peace talks resume\n\n\"We are close,\" she said."),
            Kind::Text
        );
        assert_eq!(sniff(b"3 < 4 and 5 > 2"), Kind::Text);
    }

    #[test]
    fn non_documents_are_told_by_extension() {
        assert!(!is_document_name("x/photo.JPG"));
        assert!(!is_document_name("x/a.tar.gz"));
        assert!(is_document_name("x/a.warc.gz"));
        assert!(is_document_name("x/README"));
        assert!(is_document_name("x/story.md"));
    }

    #[test]
    fn sizes_read_like_a_person_says_them() {
        assert_eq!(size_text(64 * 1024 * 1024), "64 MB");
        assert_eq!(size_text(200 * 1024 * 1024 + 3), "200.0 MB");
        assert_eq!(size_text(1536), "1.5 KB");
        assert_eq!(size_text(12), "12 bytes");
    }
}
