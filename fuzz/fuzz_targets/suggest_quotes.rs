//! Any text gives quote suggestions without a panic, each exactly the text at its offsets, in
//! order and none overlapping another.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for quote in marginalia_core::quotes::suggest(text) {
        assert!(quote.start < quote.end && quote.end <= chars.len());
        assert!(quote.start >= last_end);
        assert_eq!(chars[quote.start..quote.end].iter().collect::<String>(), quote.text);
        last_end = quote.end;
    }
});
