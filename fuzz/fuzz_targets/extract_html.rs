//! Any HTML reduces to article text without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marginalia_io::html;

/// A tighter clock than an import's, so that an input that escapes the budget shows up as a
/// libFuzzer timeout instead of passing unnoticed.
const BUDGET: html::Budget = html::Budget {
    time: std::time::Duration::from_secs(2),
    nodes: html::Budget::IMPORT.nodes,
};

fuzz_target!(|html: &str| {
    // A page over budget is refused with a reason; one within it reads to clean text.
    if let Ok(extracted) = html::extract(html, BUDGET) {
        assert!(!extracted.text.contains('\r'));
    }
});
