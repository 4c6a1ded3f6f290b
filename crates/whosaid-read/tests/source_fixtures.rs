//! The committed fixtures under `tests/fixtures/{warc,jsonl,bad}` are made by the writer in
//! `fixtures/warc/writer.rs`; this test keeps them honest. To rebuild them after changing
//! the writer: `WHOSAID_BLESS_FIXTURES=1 cargo test -p whosaid-read --test source_fixtures`.

#[path = "fixtures/warc/writer.rs"]
mod writer;

use std::io::Read;
use std::path::PathBuf;

use writer::*;

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

const STORY: &str = "Bridge reopens after repairs\n\n\
    The old river bridge reopened to traffic on Monday after eight months of repairs.\n\n\
    “It is good to have our bridge back,” said Carla Mendes, who runs the café at its northern end.\n\n\
    City engineers said the work had cost less than planned.\n";

const LATIN1_STORY: &str = "Café owners welcome tourists\n\n\
    Café owners in the old town said on Friday that the season had started early.\n\n\
    “We had our first crêpes sold in February,” said Hélène Duval, who owns a café near the cathedral.\n";

/// A 1×1 PNG image, with correct checksums.
fn pixel_png() -> Vec<u8> {
    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
        out
    }
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut zlib, &[0, 255, 255, 255]).unwrap();
    let idat = zlib.finish().unwrap();
    let ihdr = [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &idat));
    png.extend(chunk(b"IEND", b""));
    png
}

/// Every fixture file, by its path under `tests/fixtures`.
fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let news = news_records();
    let warc_1_0: Vec<u8> = news
        .iter()
        .flat_map(|r| {
            let mut r = r.clone();
            r[..8].copy_from_slice(b"WARC/1.0");
            r
        })
        .collect();
    let news_gz = gzip_members(&news);
    // Cut in the middle of record 8's gzip member: records 1–7 are whole.
    let cut = gzip_members(&news[..7]).len() + gzip(&news[7]).len() / 2;

    let articles = [
        r#"{"id": "ap-1", "url": "https://news.example.com/bridge", "date": "2025-02-03", "title": "Bridge reopens after repairs", "text": "The old river bridge reopened to traffic on Monday.\n\n“It is good to have our bridge back,” said Carla Mendes."}"#.to_owned(),
        format!(
            r#"{{"id": 1002, "url": "{PEACE_URI}", "date": "2025-01-31T14:15:00", "html": {}}}"#,
            serde_json::to_string(&news_page("Peace talks resume in Geneva", PEACE, None)).unwrap()
        ),
        r#"{"title": "Strawberries draw record crowds", "text": "Farmers' markets reported record crowds.\n\n“People have waited all winter for this,” said Martin Vogel."}"#.to_owned(),
    ];
    let articles_jsonl = articles.join("\n") + "\n";
    let bad_lines = [
        articles[0].clone(),
        r#"{"id": "broken", "text": "an unterminated string}"#.to_owned(),
        String::new(),
        articles[2].clone(),
        "[1, 2, 3]".to_owned(),
        r#"{"id": "no-body", "url": "https://news.example.com/empty"}"#.to_owned(),
        r#"{"id": "wrong-type", "text": 42}"#.to_owned(),
        articles[1].clone(),
    ]
    .join("\n")
        + "\n";

    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(LATIN1_STORY);
    let mut broken_utf8 = STORY.as_bytes().to_vec();
    let at = STORY.find("cost").unwrap();
    broken_utf8.splice(at..at, [0xC3, b' ']);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(STORY.encode_utf16().flat_map(u16::to_le_bytes));
    let story_gz = gzip(STORY.repeat(20).as_bytes());

    vec![
        ("warc/news.warc.gz", news_gz.clone()),
        ("warc/news-1.0.warc", warc_1_0),
        ("jsonl/articles.jsonl", articles_jsonl.clone().into_bytes()),
        ("jsonl/articles.jsonl.gz", gzip(articles_jsonl.as_bytes())),
        ("jsonl/bad-lines.jsonl", bad_lines.into_bytes()),
        ("bad/truncated.warc.gz", news_gz[..cut].to_vec()),
        (
            "bad/malformed-between.warc.gz",
            gzip_members(&[
                news[0].clone(),
                news[2].clone(),
                damaged_record(),
                news[8].clone(),
            ]),
        ),
        (
            "bad/wrong-length.warc.gz",
            gzip_members(&[news[0].clone(), overlong_record(), news[8].clone()]),
        ),
        (
            "bad/malformed-between.warc",
            [
                news[0].clone(),
                news[2].clone(),
                damaged_record(),
                news[8].clone(),
            ]
            .concat(),
        ),
        ("bad/empty.txt", Vec::new()),
        ("bad/whitespace.txt", b"  \n\n\t \r\n".to_vec()),
        ("bad/pixel.png", pixel_png()),
        ("bad/latin1.txt", latin1.into_owned()),
        ("bad/broken-utf8.txt", broken_utf8),
        ("bad/utf16.txt", utf16),
        (
            "bad/truncated.txt.gz",
            story_gz[..story_gz.len() * 2 / 3].to_vec(),
        ),
        ("bad/story.txt", STORY.as_bytes().to_vec()),
    ]
}

/// What a gzip file decompresses to, and whether it ended in an error.
fn gunzip(bytes: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    let failed = flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .is_err();
    (out, failed)
}

#[test]
fn committed_fixtures_are_what_the_writer_makes() {
    let bless = std::env::var_os("WHOSAID_BLESS_FIXTURES").is_some();
    for (name, bytes) in fixtures() {
        let path = fixture_dir().join(name);
        if bless {
            std::fs::write(&path, &bytes).unwrap();
            continue;
        }
        let committed = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{name}: {e}; rebuild with WHOSAID_BLESS_FIXTURES=1"));
        if name.ends_with(".gz") {
            // Compressed bytes depend on the compressor's version; what they hold must not.
            let (want, want_failed) = gunzip(&bytes);
            let (got, got_failed) = gunzip(&committed);
            assert_eq!(got_failed, want_failed, "{name}: truncation differs");
            if !want_failed {
                assert!(got == want, "{name} differs from what the writer makes");
            }
        } else {
            assert!(
                committed == bytes,
                "{name} differs from what the writer makes"
            );
        }
    }
}
