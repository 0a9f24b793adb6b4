//! Any HTML reduces to article text without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|html: &str| {
    let extracted = marginalia::io::html::extract(html);
    assert!(!extracted.text.contains('\r'));
});
