//! Any bytes as a scraped-text file: decoded and cleaned, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid_read::{Format, Payload, RawInput, ReadOptions, read_document};

fuzz_target!(|data: &[u8]| {
    let raw = RawInput::new("fuzz.txt", Format::Text, Payload::Bytes(data.to_vec()));
    let _ = read_document(raw, &ReadOptions::default());
});
