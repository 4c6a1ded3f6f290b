//! Byte streams under the readers: a buffered file or stdin that can be peeked at for
//! sniffing, transparently gunzipped when it starts with the gzip magic, and cut into
//! lines without ever holding more than a bounded amount in memory.
//!
//! Gzip is decoded member by member rather than with `flate2`'s `MultiGzDecoder` because
//! the WARC reader needs to see member boundaries: Common Crawl writes one gzip member per
//! record, so a record whose `Content-Length` runs past its member can be reported and
//! reading can resume at the next member instead of losing the rest of the file.

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// Size of every read buffer: large enough that a line or a header rarely spans two
/// refills, small enough to keep memory flat.
const BUFFER_BYTES: usize = 64 * 1024;

/// A buffered reader that can guarantee a few bytes ahead ([`Peekable::peek`]), which
/// `BufReader` cannot: sniffing a format or spotting `WARC/` at a buffer's edge needs it.
pub(crate) struct Peekable<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    filled: usize,
}

impl<R: Read> Peekable<R> {
    pub(crate) fn new(inner: R) -> Peekable<R> {
        Peekable {
            inner,
            buf: vec![0; BUFFER_BYTES].into_boxed_slice(),
            pos: 0,
            filled: 0,
        }
    }

    /// Up to `n` (at most the buffer size) bytes ahead, fewer only at the end of input.
    pub(crate) fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        let n = n.min(self.buf.len());
        if self.filled - self.pos < n {
            self.buf.copy_within(self.pos..self.filled, 0);
            self.filled -= self.pos;
            self.pos = 0;
            while self.filled < n {
                match self.inner.read(&mut self.buf[self.filled..]) {
                    Ok(0) => break,
                    Ok(read) => self.filled += read,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        let end = self.filled.min(self.pos + n);
        Ok(&self.buf[self.pos..end])
    }
}

impl<R: Read> Read for Peekable<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Peekable<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.filled {
            self.pos = 0;
            self.filled = 0;
            loop {
                match self.inner.read(&mut self.buf) {
                    Ok(read) => {
                        self.filled = read;
                        break;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(&self.buf[self.pos..self.filled])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.filled);
    }
}

/// What went wrong in a gzip stream, so the message can say "truncated" or "corrupt".
#[derive(Debug)]
pub(crate) struct GzipError {
    /// The stream ended before the end of a member: the file is truncated.
    pub(crate) truncated: bool,
    /// The decoder's own words.
    pub(crate) detail: String,
}

impl std::fmt::Display for GzipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.detail)
    }
}

impl std::error::Error for GzipError {}

fn gzip_error(err: io::Error) -> io::Error {
    if err.get_ref().is_some_and(|e| e.is::<GzipError>()) {
        return err;
    }
    let truncated = err.kind() == io::ErrorKind::UnexpectedEof;
    io::Error::new(
        io::ErrorKind::InvalidData,
        GzipError {
            truncated,
            detail: err.to_string(),
        },
    )
}

/// The gzip error behind an I/O error, when it is one.
pub(crate) fn as_gzip_error(err: &io::Error) -> Option<&GzipError> {
    err.get_ref().and_then(|e| e.downcast_ref::<GzipError>())
}

/// Concatenated gzip members decoded one after the other. A single buffer refill never
/// mixes two members, and [`GzMembers::member`] says which one the buffered bytes are from.
pub(crate) struct GzMembers<R: BufRead> {
    decoder: Option<GzDecoder<R>>,
    buf: Box<[u8]>,
    pos: usize,
    filled: usize,
    member: u64,
    consumed_in_member: u64,
    failed: bool,
}

impl<R: BufRead> GzMembers<R> {
    pub(crate) fn new(inner: R) -> GzMembers<R> {
        GzMembers {
            decoder: Some(GzDecoder::new(inner)),
            buf: vec![0; BUFFER_BYTES].into_boxed_slice(),
            pos: 0,
            filled: 0,
            member: 0,
            consumed_in_member: 0,
            failed: false,
        }
    }

    /// Decode more of the current member into the free end of the buffer; at the end of
    /// the member, start the next one only when `cross` allows and the buffer is empty.
    /// Returns the number of bytes added (0 at the end of input, or at the end of the member
    /// when it may not cross).
    fn refill(&mut self, cross: bool) -> io::Result<usize> {
        if self.failed {
            return Ok(0);
        }
        loop {
            let Some(decoder) = self.decoder.as_mut() else {
                return Ok(0);
            };
            match decoder.read(&mut self.buf[self.filled..]) {
                Ok(0) if self.filled == self.buf.len() => return Ok(0),
                Ok(0) => {}
                Ok(n) => {
                    self.filled += n;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.failed = true;
                    return Err(gzip_error(e));
                }
            }
            // The member is complete: is there another?
            if !cross || self.pos != self.filled {
                return Ok(0);
            }
            let mut inner = self
                .decoder
                .take()
                .map(GzDecoder::into_inner)
                .expect("decoder");
            let next = match inner.fill_buf() {
                Ok(next) => next,
                Err(e) => {
                    self.failed = true;
                    return Err(e);
                }
            };
            if next.is_empty() {
                return Ok(0);
            }
            if next[0] != 0x1f {
                self.failed = true;
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    GzipError {
                        truncated: false,
                        detail: "data that is not gzip follows the last gzip member".into(),
                    },
                ));
            }
            self.decoder = Some(GzDecoder::new(inner));
            self.member += 1;
            self.consumed_in_member = 0;
            self.pos = 0;
            self.filled = 0;
        }
    }

    /// Index of the member the buffered bytes come from (0 for the first).
    pub(crate) fn member(&self) -> u64 {
        self.member
    }

    /// True when nothing of the current member has been consumed yet.
    pub(crate) fn at_member_start(&self) -> bool {
        self.consumed_in_member == 0
    }

    /// Up to `n` bytes ahead within the current member.
    pub(crate) fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        let n = n.min(self.buf.len());
        if self.pos == self.filled {
            self.fill_buf()?;
        }
        if self.filled - self.pos < n {
            self.buf.copy_within(self.pos..self.filled, 0);
            self.filled -= self.pos;
            self.pos = 0;
            while self.filled < n {
                if self.refill(false)? == 0 {
                    break;
                }
            }
        }
        let end = self.filled.min(self.pos + n);
        Ok(&self.buf[self.pos..end])
    }
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for GzMembers<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.filled {
            self.pos = 0;
            self.filled = 0;
            self.refill(true)?;
        }
        Ok(&self.buf[self.pos..self.filled])
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.filled - self.pos);
        self.pos += n;
        self.consumed_in_member += n as u64;
    }
}

/// The raw input under every reader.
type Raw = Peekable<Box<dyn Read + Send>>;

/// A file or stdin, gunzipped when it is gzip.
pub(crate) enum Stream {
    /// Not compressed.
    Plain(Raw),
    /// Gzip, decoded member by member.
    Gzip(Box<GzMembers<Raw>>),
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Stream::Plain(_) => "Stream::Plain",
            Stream::Gzip(_) => "Stream::Gzip",
        })
    }
}

impl Stream {
    /// A stream over `input`, decompressing it when it starts with the gzip magic number
    /// (whatever the file is called: the bytes decide, not the name).
    pub(crate) fn open(input: Box<dyn Read + Send>) -> io::Result<Stream> {
        let mut raw = Peekable::new(input);
        if raw.peek(2)? == [0x1f, 0x8b] {
            Ok(Stream::Gzip(Box::new(GzMembers::new(raw))))
        } else {
            Ok(Stream::Plain(raw))
        }
    }

    /// A stream with nothing in it.
    pub(crate) fn empty() -> Stream {
        Stream::Plain(Peekable::new(Box::new(io::empty())))
    }

    /// True when the input is gzip-compressed.
    pub(crate) fn is_gzip(&self) -> bool {
        matches!(self, Stream::Gzip(_))
    }

    /// Up to `n` bytes ahead (decompressed), fewer at the end of the input or of a member.
    pub(crate) fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        match self {
            Stream::Plain(raw) => raw.peek(n),
            Stream::Gzip(gz) => gz.peek(n),
        }
    }

    /// Index of the gzip member the buffered bytes belong to; always 0 when not gzip.
    pub(crate) fn member(&self) -> u64 {
        match self {
            Stream::Plain(_) => 0,
            Stream::Gzip(gz) => gz.member(),
        }
    }

    /// True at the very start of a gzip member; never for an uncompressed stream, whose
    /// records cannot be told apart by anything but their headers.
    pub(crate) fn at_member_start(&self) -> bool {
        match self {
            Stream::Plain(_) => false,
            Stream::Gzip(gz) => gz.at_member_start(),
        }
    }
}

impl Read for Stream {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(raw) => raw.read(out),
            Stream::Gzip(gz) => gz.read(out),
        }
    }
}

impl BufRead for Stream {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Stream::Plain(raw) => raw.fill_buf(),
            Stream::Gzip(gz) => gz.fill_buf(),
        }
    }

    fn consume(&mut self, n: usize) {
        match self {
            Stream::Plain(raw) => raw.consume(n),
            Stream::Gzip(gz) => gz.consume(n),
        }
    }
}

/// How reading one line ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// No more input.
    End,
    /// A line is in the buffer, without its `\n` (a `\r` before it is kept).
    Read,
    /// The line was longer than the limit: it was streamed past, not kept. Its length.
    TooLong(u64),
}

/// Read one line into `line` (cleared first), keeping at most `limit` bytes: a longer line
/// is read to its end without being stored, so a gigabyte-long line costs no memory.
pub(crate) fn read_line_limited<R: BufRead + ?Sized>(
    input: &mut R,
    line: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Line> {
    line.clear();
    let mut total: u64 = 0;
    let mut too_long = false;
    loop {
        let available = input.fill_buf()?;
        if available.is_empty() {
            return Ok(if total == 0 {
                Line::End
            } else if too_long {
                Line::TooLong(total)
            } else {
                Line::Read
            });
        }
        let (take, ends) = match memchr::memchr(b'\n', available) {
            Some(i) => (i, true),
            None => (available.len(), false),
        };
        if !too_long {
            if line.len() + take > limit {
                too_long = true;
                line.clear();
                line.shrink_to(BUFFER_BYTES);
            } else {
                // Grow by doubling, but never past the limit: a line just under the limit
                // must not cost twice the limit.
                let needed = line.len() + take;
                if needed > line.capacity() {
                    let target = (line.capacity() * 2).max(needed).min(limit.max(needed));
                    line.reserve_exact(target - line.len());
                }
                line.extend_from_slice(&available[..take]);
            }
        }
        total += take as u64;
        input.consume(take + usize::from(ends));
        if ends {
            return Ok(if too_long {
                Line::TooLong(total)
            } else {
                Line::Read
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(parts: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        for part in parts {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(part).unwrap();
            out.extend(enc.finish().unwrap());
        }
        out
    }

    #[test]
    fn members_are_read_one_after_the_other_and_numbered() {
        let bytes = gzip(&[b"first\n", b"second\n", b"third\n"]);
        let mut stream = Stream::open(Box::new(io::Cursor::new(bytes))).unwrap();
        assert!(stream.is_gzip());
        let mut seen = Vec::new();
        loop {
            let buf = stream.fill_buf().unwrap().to_vec();
            if buf.is_empty() {
                break;
            }
            let n = buf.len();
            seen.push((stream.member(), String::from_utf8(buf).unwrap()));
            stream.consume(n);
        }
        assert_eq!(
            seen,
            [
                (0, "first\n".to_owned()),
                (1, "second\n".to_owned()),
                (2, "third\n".to_owned())
            ]
        );
    }

    #[test]
    fn a_truncated_member_is_a_truncation_error() {
        let mut bytes = gzip(&[b"first\n", &[b'x'; 5000]]);
        bytes.truncate(bytes.len() - 20);
        let mut stream = Stream::open(Box::new(io::Cursor::new(bytes))).unwrap();
        let err = io::copy(&mut stream, &mut io::sink()).unwrap_err();
        assert!(as_gzip_error(&err).unwrap().truncated);
    }

    #[test]
    fn long_lines_are_streamed_past() {
        let mut input = io::Cursor::new(b"short\nthis line is too long\r\nok\n".to_vec());
        let mut line = Vec::new();
        assert_eq!(
            read_line_limited(&mut input, &mut line, 10).unwrap(),
            Line::Read
        );
        assert_eq!(line, b"short");
        assert_eq!(
            read_line_limited(&mut input, &mut line, 10).unwrap(),
            Line::TooLong(22)
        );
        assert_eq!(
            read_line_limited(&mut input, &mut line, 10).unwrap(),
            Line::Read
        );
        assert_eq!(line, b"ok");
        assert_eq!(
            read_line_limited(&mut input, &mut line, 10).unwrap(),
            Line::End
        );
    }

    #[test]
    fn peek_sees_across_buffer_refills() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut raw = Peekable::new(io::Cursor::new(data.clone()));
        let first = raw.fill_buf().unwrap().len();
        raw.consume(first - 2);
        assert_eq!(raw.peek(10).unwrap(), &data[first - 2..first + 8]);
    }
}
