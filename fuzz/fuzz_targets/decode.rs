//! Any bytes through the charset decoder, as text or HTML, with or without an HTTP
//! charset (the first byte chooses): never a panic, never empty text on success.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid_read::decode::decode;
use whosaid_read::{Format, ReadOptions};

const LABELS: &[&str] = &["utf-8", "iso-8859-1", "windows-1251", "shift_jis", "utf-16le", "gb18030", "bogus"];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let format = if choice & 1 == 0 { Format::Text } else { Format::Html };
    let charset = LABELS.get(usize::from(choice >> 1) % (LABELS.len() + 1));
    if let Ok(decoded) = decode(bytes, format, charset.copied(), &ReadOptions::default()) {
        assert!(!decoded.text.trim().is_empty());
    }
});
