//! Any bytes as an HTML page: charset, parse, guard, extraction; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid_read::{Format, Payload, RawInput, ReadOptions, read_document};

fuzz_target!(|data: &[u8]| {
    let raw = RawInput::new("fuzz.html", Format::Html, Payload::Bytes(data.to_vec()));
    let _ = read_document(raw, &ReadOptions::default());
});
