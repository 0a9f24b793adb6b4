//! Any bytes given as an annotation file load or are refused with a message; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(doc) = marginalia_io::format::parse(std::path::Path::new("fuzz.ron"), bytes) {
        // What loads saves, and what it saves loads back equal.
        let text = marginalia_io::format::to_ron_string(&doc).unwrap_or_default();
        let again =
            marginalia_io::format::parse(std::path::Path::new("again.ron"), text.as_bytes());
        assert_eq!(again.ok().as_ref(), Some(&doc));
    }
});
