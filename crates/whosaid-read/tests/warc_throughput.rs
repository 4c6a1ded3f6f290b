//! How fast WARC reading alone goes: records cut out of a gzipped archive into raw inputs,
//! no decoding or extraction. Ignored by default; run it in release mode:
//!
//! ```sh
//! cargo test --release -p whosaid-read --test warc_throughput -- --ignored --nocapture
//! ```
//!
//! The archive is synthetic (written here, about 2,000 pages of made-up text among requests,
//! metadata and images, Common Crawl's record mix), so the figure is for the reader, not
//! for any particular crawl.
//!
//! Measured 2026-11-26 on the 2-core development machine (AMD EPYC, other builds running,
//! load average 3): from the `.warc.gz` (26 MB, 132 MB of records), 250–330 MB/s of records
//! (about 50–65 MB/s of compressed file), against 240–400 MB/s for gunzip alone into
//! nothing: cutting records costs little beside decompression. From the uncompressed,
//! cached `.warc`, 2–3.5 GB/s.

#[path = "fixtures/warc/writer.rs"]
mod writer;

use std::io::Write;
use std::time::Instant;

use whosaid_read::{Inputs, Payload, ReadOptions};
use writer::*;

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "on",
    "Friday",
    "that",
    "talks",
    "would",
    "resume",
    "in",
    "Geneva",
    "officials",
    "told",
    "reporters",
    "after",
    "a",
    "meeting",
    "with",
    "the",
    "council",
    "“We",
    "are",
    "close,”",
    "she",
    "added",
    "government",
    "agreement",
    "border",
    "week",
    "spring",
];

/// Made-up prose of about `len` bytes; a small LCG keeps it the same on every run.
fn prose(seed: &mut u64, len: usize) -> String {
    let mut out = String::with_capacity(len + 16);
    while out.len() < len {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.push_str(WORDS[(*seed >> 33) as usize % WORDS.len()]);
        out.push(if (*seed >> 20).is_multiple_of(13) {
            '\n'
        } else {
            ' '
        });
    }
    out
}

fn write_archive(path: &std::path::Path, pages: usize) -> (u64, u64) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut seed = 42u64;
    let mut raw_bytes = 0u64;
    let mut n = 0;
    let mut put = |record: Vec<u8>, file: &mut std::io::BufWriter<std::fs::File>| {
        raw_bytes += record.len() as u64;
        file.write_all(&gzip(&record)).unwrap();
    };
    put(
        typed(
            "warcinfo",
            0,
            None,
            "application/warc-fields",
            b"software: throughput test\r\n",
        ),
        &mut file,
    );
    for i in 0..pages {
        let uri = format!("https://news.example.com/2025/{i}");
        n += 1;
        put(
            typed(
                "request",
                n,
                Some(&uri),
                "application/http; msgtype=request",
                b"GET / HTTP/1.1\r\n\r\n",
            ),
            &mut file,
        );
        let body = prose(&mut seed, 60_000);
        let page = format!(
            "<html><head><title>Story {i}</title></head><body><article><p>{body}</p></article></body></html>"
        );
        let response = http(
            "200 OK",
            &[("Content-Type", "text/html; charset=utf-8")],
            page.as_bytes(),
        );
        n += 1;
        put(
            typed(
                "response",
                n,
                Some(&uri),
                "application/http; msgtype=response",
                &response,
            ),
            &mut file,
        );
        n += 1;
        put(
            typed(
                "metadata",
                n,
                Some(&uri),
                "application/warc-fields",
                b"fetchTimeMs: 100\r\n",
            ),
            &mut file,
        );
        if i % 4 == 0 {
            let image: Vec<u8> = (0..20_000u32)
                .map(|j| (j.wrapping_mul(2654435761) >> 13) as u8)
                .collect();
            let response = http("200 OK", &[("Content-Type", "image/jpeg")], &image);
            n += 1;
            put(
                typed(
                    "response",
                    n,
                    Some(&format!("{uri}.jpg")),
                    "application/http; msgtype=response",
                    &response,
                ),
                &mut file,
            );
        }
    }
    file.flush().unwrap();
    (std::fs::metadata(path).unwrap().len(), raw_bytes)
}

#[test]
#[ignore = "a measurement, not a check: run it in release mode with --ignored --nocapture"]
fn warc_reading_throughput() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("crawl.warc.gz");
    let (gz_bytes, raw_bytes) = write_archive(&gz, 2000);
    let plain = dir.path().join("crawl.warc");
    {
        let mut out = std::fs::File::create(&plain).unwrap();
        let mut input = flate2::read::MultiGzDecoder::new(std::fs::File::open(&gz).unwrap());
        std::io::copy(&mut input, &mut out).unwrap();
    }
    // The floor: gunzip alone, into nothing.
    let started = Instant::now();
    let mut input = flate2::read::MultiGzDecoder::new(std::io::BufReader::new(
        std::fs::File::open(&gz).unwrap(),
    ));
    std::io::copy(&mut input, &mut std::io::sink()).unwrap();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "gunzip alone: {seconds:.2} s: {:.0} MB/s of records",
        raw_bytes as f64 / 1e6 / seconds
    );
    for (path, label) in [(&gz, "crawl.warc.gz"), (&plain, "crawl.warc")] {
        let started = Instant::now();
        let inputs = Inputs::new(
            vec![path.to_string_lossy().into_owned()],
            ReadOptions::default(),
        );
        let stats = inputs.stats();
        let mut documents = 0;
        let mut payload = 0;
        for item in inputs {
            let raw = item.unwrap();
            documents += 1;
            if let Payload::Bytes(b) = &raw.payload {
                payload += b.len();
            }
        }
        let seconds = started.elapsed().as_secs_f64();
        let mb = |b: u64| b as f64 / 1e6;
        let file = std::fs::metadata(path).unwrap().len();
        println!(
            "{label}: {:.0} MB on disk, {:.0} MB of records, {documents} pages ({:.0} MB), {} records skipped, {seconds:.2} s: {:.0} MB/s of records, {:.0} MB/s of file",
            mb(file),
            mb(raw_bytes),
            mb(payload as u64),
            stats.skipped(),
            mb(raw_bytes) / seconds,
            mb(file) / seconds,
        );
        assert_eq!(documents, 2000);
    }
    let _ = gz_bytes;
}
