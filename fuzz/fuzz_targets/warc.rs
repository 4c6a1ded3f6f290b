//! Any bytes as a WARC archive (gzipped when they start with the gzip magic): every record
//! read, never a panic, never more memory than the document limit allows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid_read::ReadOptions;
use whosaid_read::warc::WarcReader;

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions {
        max_document_bytes: 1 << 20,
        ..ReadOptions::default()
    };
    let reader = WarcReader::new("fuzz.warc", std::io::Cursor::new(data.to_vec()), &options);
    for item in reader {
        if let Err(failure) = item {
            assert!(!failure.error.message().is_empty());
        }
    }
});
