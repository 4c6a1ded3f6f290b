//! WARC archives (`.warc`, `.warc.gz`), the shape of Common Crawl's news crawl.
//!
//! [`WarcReader`] streams the records of one archive and yields one [`RawInput`] per
//! `response` record whose HTTP payload is an HTML page with a 2xx status: the HTTP body
//! (de-chunked and gunzipped when the headers say so), with `WARC-Target-URI`, `WARC-Date`
//! and the HTTP charset as [`Hints`]. Every other record (`warcinfo`, `request`,
//! `metadata`, `revisit`, redirects, errors, images, PDFs…) is skipped and counted in
//! [`SourceStats::skipped`]. Memory holds one record's headers and at most one page at a
//! time: bodies that are skipped are streamed past, never stored.
//!
//! The parser is hand-written rather than the `warc` crate because of bad input: that crate
//! (0.4, via `libflate`) reads a whole block into memory at whatever size `Content-Length`
//! claims, cannot say where one gzip member ends, and stops at the first malformed record.
//! Here a malformed record becomes a [`Failure`] and reading resumes: at the next gzip
//! member when each record has its own member (Common Crawl's layout, so a wrong
//! `Content-Length` costs one record), otherwise at the next line that starts with `WARC/`.
//! A truncated `.warc.gz` yields the records before the cut, then one failure that says so.
//!
//! In `path#N`, N is the record's position among all records of the file, counting from 1
//! (`warcinfo` is usually `#1`); a malformed record takes its number too.
//!
//! ```
//! use whosaid_read::{ReadOptions, warc::WarcReader};
//!
//! let page = "<html><body><p>“We are close,” she said.</p></body></html>";
//! let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
//! let warc = format!(
//!     "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/a\r\n\
//!      WARC-Date: 2025-01-31T14:15:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
//!      Content-Length: {}\r\n\r\n{http}\r\n\r\n",
//!     http.len()
//! );
//! let mut reader = WarcReader::new("crawl.warc", std::io::Cursor::new(warc), &ReadOptions::default());
//! let raw = reader.next().unwrap().unwrap();
//! assert_eq!(raw.path, "crawl.warc#1");
//! assert_eq!(raw.hints.url.as_deref(), Some("https://example.com/a"));
//! assert!(reader.next().is_none());
//! ```

use std::io::{self, BufRead, Read};
use std::sync::Arc;

use whosaid_core::{ReadError, ReadErrorKind};

use crate::source::stream::{Line, Stream, read_line_limited};
use crate::source::{SourceStats, looks_like_html, shown, size_text, stream_failure, too_large};
use crate::{Failure, Format, Hints, Payload, RawInput, ReadOptions};

/// A WARC header (or HTTP header block) may not be longer than this: real ones are a few
/// hundred bytes, and the limit keeps a garbage "header" from filling memory.
const HEADER_LIMIT: usize = 64 * 1024;

/// The documents of one WARC archive, one at a time, in order.
pub struct WarcReader {
    stream: Option<Stream>,
    path: String,
    max: usize,
    stats: Arc<SourceStats>,
    /// Records whose header has been read (or attempted): the number of the current one.
    records: u64,
    /// Records read to their end.
    completed: u64,
    /// The stream is not at a record boundary: look for the next `WARC/` line.
    resync: Option<bool>,
    /// A header that fails right after a resync belongs to the damage already reported.
    quiet: bool,
    /// Set when the first failure on opening is waiting to be handed out.
    pending: Option<Failure>,
    done: bool,
    line: Vec<u8>,
}

impl std::fmt::Debug for WarcReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarcReader")
            .field("path", &self.path)
            .field("records", &self.records)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

/// What one step of reading gave.
enum Step {
    Doc(RawInput),
    Skipped,
    Failed(Failure),
    /// Garbage passed over quietly while resynchronising.
    Nothing,
    End,
}

/// A WARC record's named fields.
struct Header {
    fields: Vec<(String, String)>,
    content_length: u64,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl WarcReader {
    /// The documents of the WARC archive `input` (gzipped or not: the bytes tell), named
    /// `path` in records and messages.
    pub fn new<R: Read + Send + 'static>(
        path: impl Into<String>,
        input: R,
        options: &ReadOptions,
    ) -> WarcReader {
        let path = path.into();
        let stats = Arc::default();
        match Stream::open(Box::new(input)) {
            Ok(stream) => WarcReader::from_stream(path, stream, options, stats),
            Err(err) => {
                let mut reader = WarcReader::from_parts(path.clone(), None, options, stats);
                reader.pending = Some(stream_failure(path, &err, None));
                reader
            }
        }
    }

    pub(crate) fn from_stream(
        path: String,
        stream: Stream,
        options: &ReadOptions,
        stats: Arc<SourceStats>,
    ) -> WarcReader {
        WarcReader::from_parts(path, Some(stream), options, stats)
    }

    fn from_parts(
        path: String,
        stream: Option<Stream>,
        options: &ReadOptions,
        stats: Arc<SourceStats>,
    ) -> WarcReader {
        WarcReader {
            stream,
            path,
            max: options.max_document_bytes,
            stats,
            records: 0,
            completed: 0,
            resync: None,
            quiet: false,
            pending: None,
            done: false,
            line: Vec::new(),
        }
    }

    /// A handle on the counts of skipped records.
    pub fn stats(&self) -> Arc<SourceStats> {
        Arc::clone(&self.stats)
    }

    fn record_path(&self) -> String {
        format!("{}#{}", self.path, self.records)
    }

    fn failure(&self, kind: ReadErrorKind, message: String) -> Failure {
        Failure {
            path: self.record_path(),
            error: ReadError::new(kind, message),
        }
    }

    fn records_text(&self) -> String {
        match self.completed {
            1 => "1 record".to_owned(),
            n => format!("{n} records"),
        }
    }

    /// Read one record (or the garbage before one).
    fn step(&mut self) -> io::Result<Step> {
        let Some(stream) = self.stream.as_mut() else {
            return Ok(Step::End);
        };
        if let Some(at_line_start) = self.resync.take() {
            match scan_to_record(stream, at_line_start, self.max.max(1 << 20) as u64)? {
                Scan::Found => {}
                Scan::End => return Ok(Step::End),
                Scan::GaveUp(scanned) => {
                    self.done = true;
                    let message = format!(
                        "no WARC record starts in the {} after record {} of {}; the rest of the file is not read",
                        size_text(scanned),
                        self.records,
                        shown(&self.path)
                    );
                    return Ok(Step::Failed(Failure {
                        path: self.path.clone(),
                        error: ReadError::new(ReadErrorKind::Container, message),
                    }));
                }
            }
        }
        if !skip_line_breaks(stream)? {
            return Ok(Step::End);
        }
        let at_member_start = stream.at_member_start();
        self.records += 1;
        let header = match read_header(stream, &mut self.line)? {
            Ok(header) => header,
            Err(HeaderError::Truncated) => {
                self.done = true;
                let message = format!(
                    "record {} of {} is cut short: the file ends inside its header (truncated file)",
                    self.records,
                    shown(&self.path)
                );
                return Ok(Step::Failed(
                    self.failure(ReadErrorKind::Container, message),
                ));
            }
            Err(HeaderError::Malformed(why)) => {
                self.resync = Some(true);
                if self.quiet {
                    self.records -= 1;
                    return Ok(Step::Nothing);
                }
                self.quiet = true;
                let message = format!(
                    "record {} of {} is malformed: {why}; reading resumes at the next record",
                    self.records,
                    shown(&self.path)
                );
                return Ok(Step::Failed(
                    self.failure(ReadErrorKind::Container, message),
                ));
            }
        };
        self.quiet = false;
        let length = header.content_length;
        let mut block = Block {
            stream,
            remaining: length,
            read: 0,
            at_member_start,
            cut: Cut::No,
        };
        let context = Context {
            path: &self.path,
            record: self.records,
            max: self.max,
        };
        let step = match header.get("WARC-Type") {
            Some(kind) if kind.eq_ignore_ascii_case("response") => {
                response(&header, &mut block, &mut self.line, &context)?
            }
            Some(_) => {
                io::copy(&mut block, &mut io::sink())?;
                Step::Skipped
            }
            None => {
                io::copy(&mut block, &mut io::sink())?;
                Step::Failed(context.failure(
                    ReadErrorKind::Container,
                    "it has no WARC-Type field, so whosaid cannot tell what it holds".into(),
                ))
            }
        };
        let (read, cut) = (block.read, block.cut);
        match cut {
            Cut::No => {}
            Cut::EndOfFile => {
                self.done = true;
                let message = format!(
                    "record {} of {} is cut short: its Content-Length says {length} bytes but the file ends after {read} (truncated file)",
                    self.records,
                    shown(&self.path)
                );
                return Ok(Step::Failed(
                    self.failure(ReadErrorKind::Container, message),
                ));
            }
            Cut::NextMember => {
                self.completed += 1;
                let message = format!(
                    "record {} of {} is malformed: its Content-Length says {length} bytes but its gzip member holds only {read}; reading resumes at the next record",
                    self.records,
                    shown(&self.path)
                );
                return Ok(Step::Failed(
                    self.failure(ReadErrorKind::Container, message),
                ));
            }
        }
        let Some(stream) = self.stream.as_mut() else {
            return Ok(Step::End);
        };
        if !end_of_record(stream)? {
            self.resync = Some(false);
            self.quiet = true;
            let message = format!(
                "record {} of {} is malformed: it does not end where its Content-Length ({length} bytes) says; reading resumes at the next record",
                self.records,
                shown(&self.path)
            );
            return Ok(Step::Failed(
                self.failure(ReadErrorKind::Container, message),
            ));
        }
        self.completed += 1;
        Ok(step)
    }
}

impl Iterator for WarcReader {
    type Item = Result<RawInput, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(failure) = self.pending.take() {
            self.done = true;
            return Some(Err(failure));
        }
        while !self.done {
            match self.step() {
                Ok(Step::Doc(raw)) => return Some(Ok(raw)),
                Ok(Step::Failed(failure)) => return Some(Err(failure)),
                Ok(Step::Skipped) => self.stats.add_skipped(),
                Ok(Step::Nothing) => {}
                Ok(Step::End) => {
                    self.done = true;
                    self.stream = None;
                    if self.records == 0 {
                        return Some(Err(Failure {
                            error: ReadError::new(
                                ReadErrorKind::Empty,
                                format!(
                                    "{} holds no WARC record (the file is empty)",
                                    shown(&self.path)
                                ),
                            ),
                            path: self.path.clone(),
                        }));
                    }
                }
                Err(err) => {
                    self.done = true;
                    self.stream = None;
                    let after = self.records_text();
                    return Some(Err(stream_failure(self.path.clone(), &err, Some(after))));
                }
            }
        }
        None
    }
}

/// Where the record being read is, for messages.
struct Context<'a> {
    path: &'a str,
    record: u64,
    max: usize,
}

impl Context<'_> {
    fn failure(&self, kind: ReadErrorKind, why: String) -> Failure {
        Failure {
            path: format!("{}#{}", self.path, self.record),
            error: ReadError::new(
                kind,
                format!("record {} of {}: {why}", self.record, shown(self.path)),
            ),
        }
    }
}

/// Why a block stopped before its `Content-Length`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cut {
    No,
    /// The input ended.
    EndOfFile,
    /// The record began a gzip member and the next member starts with a WARC header: the
    /// `Content-Length` is wrong, and the next record is intact.
    NextMember,
}

/// One record's block: at most `Content-Length` bytes of the stream.
struct Block<'a> {
    stream: &'a mut Stream,
    remaining: u64,
    read: u64,
    at_member_start: bool,
    cut: Cut,
}

impl Read for Block<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Block<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.remaining == 0 || self.cut != Cut::No {
            return Ok(&[]);
        }
        let member = self.stream.member();
        let (len, next_record) = {
            let buf = self.stream.fill_buf()?;
            (buf.len(), buf.starts_with(b"WARC/"))
        };
        if len == 0 {
            self.cut = Cut::EndOfFile;
            return Ok(&[]);
        }
        if self.stream.member() != member && self.at_member_start && next_record {
            self.cut = Cut::NextMember;
            return Ok(&[]);
        }
        let n = (len as u64).min(self.remaining) as usize;
        Ok(&self.stream.fill_buf()?[..n])
    }

    fn consume(&mut self, n: usize) {
        self.stream.consume(n);
        self.remaining -= n as u64;
        self.read += n as u64;
    }
}

enum HeaderError {
    Truncated,
    Malformed(String),
}

/// Skip the line breaks between records; false at the end of the input.
fn skip_line_breaks(stream: &mut Stream) -> io::Result<bool> {
    loop {
        let buf = stream.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let breaks = buf
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let more = breaks < buf.len();
        stream.consume(breaks);
        if more {
            return Ok(true);
        }
    }
}

/// After a block: the `\r\n\r\n` that ends a record. True when it is there (or the input or
/// the gzip member ends, which is as good), false when something else follows: the
/// `Content-Length` was wrong.
fn end_of_record(stream: &mut Stream) -> io::Result<bool> {
    let mut breaks = 0;
    loop {
        let member = stream.member();
        let buf = stream.fill_buf()?;
        if buf.is_empty() || stream.member() != member {
            return Ok(true);
        }
        let buf = stream.fill_buf()?;
        let n = buf
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .take(4 - breaks)
            .count();
        let stopped = n < buf.len();
        stream.consume(n);
        breaks += n;
        if breaks == 4 || stopped {
            return Ok(breaks > 0);
        }
    }
}

/// Read a WARC header: the version line, then fields up to a blank line.
fn read_header(stream: &mut Stream, line: &mut Vec<u8>) -> io::Result<Result<Header, HeaderError>> {
    match read_line_limited(stream, line, 256)? {
        Line::End => return Ok(Err(HeaderError::Truncated)),
        Line::TooLong(_) => {
            return Ok(Err(HeaderError::Malformed(
                "it does not start with a WARC version line".into(),
            )));
        }
        Line::Read => {}
    }
    let version = trim_cr(line);
    if !version.starts_with(b"WARC/") {
        return Ok(Err(HeaderError::Malformed(format!(
            "it does not start with a WARC version line (it starts with \"{}\")",
            preview(version)
        ))));
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut used = 0;
    loop {
        let limit = HEADER_LIMIT.saturating_sub(used);
        match read_line_limited(stream, line, limit)? {
            Line::End => return Ok(Err(HeaderError::Truncated)),
            Line::TooLong(_) => {
                return Ok(Err(HeaderError::Malformed(format!(
                    "its header is longer than {}",
                    size_text(HEADER_LIMIT as u64)
                ))));
            }
            Line::Read => {}
        }
        used += line.len() + 1;
        let text = trim_cr(line);
        if text.is_empty() {
            break;
        }
        if matches!(text[0], b' ' | b'\t')
            && let Some((_, value)) = fields.last_mut()
        {
            value.push(' ');
            value.push_str(String::from_utf8_lossy(text).trim());
            continue;
        }
        let Some(colon) = memchr::memchr(b':', text) else {
            return Ok(Err(HeaderError::Malformed(format!(
                "its header line \"{}\" has no colon",
                preview(text)
            ))));
        };
        let name = String::from_utf8_lossy(&text[..colon]).trim().to_owned();
        let value = String::from_utf8_lossy(&text[colon + 1..])
            .trim()
            .to_owned();
        fields.push((name, value));
    }
    let length = fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .map(|(_, v)| v.as_str());
    let content_length = match length.map(str::parse::<u64>) {
        Some(Ok(length)) => length,
        Some(Err(_)) => {
            return Ok(Err(HeaderError::Malformed(format!(
                "its Content-Length \"{}\" is not a number",
                length.map(|l| preview(l.as_bytes())).unwrap_or_default()
            ))));
        }
        None => {
            return Ok(Err(HeaderError::Malformed(
                "it has no Content-Length field".into(),
            )));
        }
    };
    Ok(Ok(Header {
        fields,
        content_length,
    }))
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The start of a line, printable, for a message.
fn preview(bytes: &[u8]) -> String {
    let text: String = String::from_utf8_lossy(&bytes[..bytes.len().min(40)])
        .chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if bytes.len() > 40 {
        format!("{text}…")
    } else {
        text
    }
}

enum Scan {
    Found,
    End,
    GaveUp(u64),
}

/// Move to the next line (or gzip member) that starts with `WARC/`, reading at most
/// `limit` bytes: a damaged file, or a gzip bomb of garbage, cannot keep the reader busy
/// for ever.
fn scan_to_record(stream: &mut Stream, mut at_line_start: bool, limit: u64) -> io::Result<Scan> {
    const MAGIC: &[u8] = b"WARC/";
    let mut scanned = 0u64;
    loop {
        if scanned > limit {
            return Ok(Scan::GaveUp(scanned));
        }
        let member = stream.member();
        let buf = stream.fill_buf()?;
        if buf.is_empty() {
            return Ok(Scan::End);
        }
        if stream.member() != member {
            at_line_start = true;
        }
        let buf = stream.fill_buf()?;
        let starts = at_line_start
            .then_some(0)
            .into_iter()
            .chain(memchr::memchr_iter(b'\n', buf).map(|i| i + 1));
        let mut outcome = None;
        for start in starts {
            if start + MAGIC.len() <= buf.len() {
                if &buf[start..start + MAGIC.len()] == MAGIC {
                    outcome = Some((start, true));
                    break;
                }
            } else {
                // Too close to the end of the buffer to tell: look from there.
                outcome = Some((start, false));
                break;
            }
        }
        match outcome {
            Some((start, true)) => {
                stream.consume(start);
                return Ok(Scan::Found);
            }
            Some((start, false)) => {
                stream.consume(start);
                scanned += start as u64;
                if stream.peek(MAGIC.len())?.starts_with(MAGIC) {
                    return Ok(Scan::Found);
                }
                if stream.peek(1)?.is_empty() {
                    return Ok(Scan::End);
                }
                // Not a record: go on after this line start.
                stream.consume(1);
                scanned += 1;
                at_line_start = false;
            }
            None => {
                let n = buf.len();
                stream.consume(n);
                scanned += n as u64;
                at_line_start = false;
            }
        }
    }
}

/// A `response` record: the HTML page inside, or why it is skipped.
fn response(
    header: &Header,
    block: &mut Block<'_>,
    line: &mut Vec<u8>,
    context: &Context<'_>,
) -> io::Result<Step> {
    let record_type = header.get("Content-Type").map(str::to_ascii_lowercase);
    let is_http = match &record_type {
        Some(t) => t.starts_with("application/http"),
        None => block.fill_buf()?.starts_with(b"HTTP/"),
    };
    let mut http = Vec::new();
    let content_type = if is_http {
        match read_http_head(block, line)? {
            Ok((status, fields)) => {
                if !(200..300).contains(&status) {
                    io::copy(block, &mut io::sink())?;
                    return Ok(Step::Skipped);
                }
                http = fields;
            }
            Err(why) => {
                io::copy(block, &mut io::sink())?;
                return Ok(Step::Failed(context.failure(ReadErrorKind::Container, why)));
            }
        }
        field(&http, "Content-Type").map(str::to_owned)
    } else {
        header.get("Content-Type").map(str::to_owned)
    };
    let mime = content_type.as_deref().map(|ct| {
        ct.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    let declared_html = match mime.as_deref() {
        Some("text/html" | "application/xhtml+xml") => true,
        None | Some("") => false,
        Some(_) => {
            io::copy(block, &mut io::sink())?;
            return Ok(Step::Skipped);
        }
    };
    if block.remaining > context.max as u64 {
        let size = block.remaining;
        io::copy(block, &mut io::sink())?;
        return Ok(Step::Failed(Failure {
            path: format!("{}#{}", context.path, context.record),
            error: too_large(
                &format!(
                    "the page in record {} of {} is {}",
                    context.record,
                    shown(context.path),
                    size_text(size)
                ),
                context.max,
            ),
        }));
    }
    let mut body = Vec::with_capacity(block.remaining as usize);
    block.read_to_end(&mut body)?;
    if block.cut != Cut::No {
        return Ok(Step::Nothing);
    }
    if !declared_html && !looks_like_html(&body[..body.len().min(4096)]) {
        return Ok(Step::Skipped);
    }
    if field(&http, "Transfer-Encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"))
        && let Some(dechunked) = dechunk(&body)
    {
        body = dechunked;
    }
    if let Some(encoding) = field(&http, "Content-Encoding") {
        match decompress(encoding, body, context) {
            Ok(decoded) => body = decoded,
            Err(failure) => return Ok(Step::Failed(failure)),
        }
    }
    let hints = Hints {
        url: header
            .get("WARC-Target-URI")
            .map(|uri| uri.trim_start_matches('<').trim_end_matches('>').to_owned()),
        published: None,
        fetched: header.get("WARC-Date").map(str::to_owned),
        title: None,
        http_charset: content_type.as_deref().and_then(charset_param),
    };
    Ok(Step::Doc(RawInput {
        path: format!("{}#{}", context.path, context.record),
        format: Format::Html,
        payload: Payload::Bytes(body),
        hints,
    }))
}

fn field<'f>(fields: &'f [(String, String)], name: &str) -> Option<&'f str> {
    fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The `charset` parameter of a `Content-Type` value.
pub(crate) fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_owned())
            .filter(|v| !v.is_empty())
    })
}

/// The status line and header fields of the HTTP response in a block.
#[allow(clippy::type_complexity)]
fn read_http_head(
    block: &mut Block<'_>,
    line: &mut Vec<u8>,
) -> io::Result<Result<(u16, Vec<(String, String)>), String>> {
    match read_line_limited(block, line, 8 * 1024)? {
        Line::Read => {}
        Line::End => return Ok(Err("the response record holds no HTTP response".into())),
        Line::TooLong(_) => {
            return Ok(Err(
                "the HTTP status line of the response is unreadable".into()
            ));
        }
    }
    let status_line = trim_cr(line);
    let status = status_line
        .starts_with(b"HTTP/")
        .then(|| status_line.split(|&b| b == b' ').nth(1))
        .flatten()
        .and_then(|code| std::str::from_utf8(code).ok()?.parse::<u16>().ok());
    let Some(status) = status else {
        return Ok(Err(format!(
            "the response's HTTP status line cannot be read (\"{}\")",
            preview(status_line)
        )));
    };
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut used = 0;
    loop {
        match read_line_limited(block, line, HEADER_LIMIT.saturating_sub(used))? {
            // A response cut right after its headers (no body) is still a response.
            Line::End => break,
            Line::TooLong(_) => {
                return Ok(Err(format!(
                    "the HTTP header of the response is longer than {}",
                    size_text(HEADER_LIMIT as u64)
                )));
            }
            Line::Read => {}
        }
        used += line.len() + 1;
        let text = trim_cr(line);
        if text.is_empty() {
            break;
        }
        if matches!(text[0], b' ' | b'\t') {
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(String::from_utf8_lossy(text).trim());
            }
            continue;
        }
        // A line without a colon is tolerated, as browsers do.
        if let Some(colon) = memchr::memchr(b':', text) {
            fields.push((
                String::from_utf8_lossy(&text[..colon]).trim().to_owned(),
                String::from_utf8_lossy(&text[colon + 1..])
                    .trim()
                    .to_owned(),
            ));
        }
    }
    Ok(Ok((status, fields)))
}

/// Undo HTTP chunked transfer-encoding; `None` when the body is not chunked after all
/// (crawlers such as Common Crawl store the decoded body but keep the header).
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let end = memchr::memchr(b'\n', rest)?;
        let size_line = std::str::from_utf8(&rest[..end]).ok()?;
        let size_text = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[end + 1..];
        if size == 0 {
            return Some(out);
        }
        if rest.len() < size {
            return None;
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))?;
    }
}

/// Undo HTTP content-encoding, within the document size limit. A body that does not look
/// encoded is returned as it is: archives often store the decoded body under the original
/// header.
fn decompress(encoding: &str, body: Vec<u8>, context: &Context<'_>) -> Result<Vec<u8>, Failure> {
    let encoding = encoding.trim().to_ascii_lowercase();
    let limited = |reader: &mut dyn Read| -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        reader.take(context.max as u64 + 1).read_to_end(&mut out)?;
        Ok(out)
    };
    let decoded = match encoding.as_str() {
        "" | "identity" | "none" => return Ok(body),
        "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
            limited(&mut flate2::read::MultiGzDecoder::new(&body[..]))
        }
        "deflate" if !looks_like_html(&body[..body.len().min(1024)]) => {
            limited(&mut flate2::read::ZlibDecoder::new(&body[..]))
                .or_else(|_| limited(&mut flate2::read::DeflateDecoder::new(&body[..])))
        }
        _ if looks_like_html(&body[..body.len().min(1024)]) => return Ok(body),
        "gzip" | "x-gzip" | "deflate" => return Ok(body),
        other => {
            return Err(context.failure(
                ReadErrorKind::Unsupported,
                format!("the page is compressed with \"{other}\", which whosaid cannot decompress"),
            ));
        }
    };
    match decoded {
        Ok(out) if out.len() > context.max => Err(Failure {
            path: format!("{}#{}", context.path, context.record),
            error: too_large(
                &format!(
                    "the page in record {} of {} decompresses to more than {}",
                    context.record,
                    shown(context.path),
                    size_text(context.max as u64)
                ),
                context.max,
            ),
        }),
        Ok(out) => Ok(out),
        Err(err) => Err(context.failure(
            ReadErrorKind::Compression,
            format!("the page says it is {encoding}-compressed but cannot be decompressed ({err})"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n").unwrap(),
            b"Hello, world"
        );
        assert_eq!(dechunk(b"<html>not chunked</html>"), None);
    }

    #[test]
    fn charset_comes_from_the_content_type() {
        assert_eq!(
            charset_param("text/html; charset=\"ISO-8859-1\"").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(charset_param("text/html"), None);
    }
}
