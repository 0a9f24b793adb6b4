//! Any bytes given as an article decode to text without CR, or are refused; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(decoded) = marginalia_io::import::decode(bytes) {
        assert!(!decoded.text.contains('\r'));
        assert!(!decoded.text.contains('\0'));
    }
});
