//! Any bytes as a JSONL dump: every line read or refused with a sentence, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid_read::ReadOptions;
use whosaid_read::jsonl::JsonlReader;

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions {
        max_document_bytes: 1 << 20,
        ..ReadOptions::default()
    };
    let reader = JsonlReader::new("fuzz.jsonl", std::io::Cursor::new(data.to_vec()), &options);
    for item in reader {
        if let Err(failure) = item {
            assert!(!failure.error.message().is_empty());
        }
    }
});
