//! Any bytes given as a PDF give text or an error that says what is wrong; never a panic,
//! never a hang. Each input is also tried behind a PDF's opening line, so that the reader
//! gets past its first check.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for input in [bytes.to_vec(), [b"%PDF-1.7\n".as_slice(), bytes].concat()] {
        match marginalia_io::pdf::read(&input) {
            Ok(pdf) => assert!(!pdf.text.contains('\0')),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
});
