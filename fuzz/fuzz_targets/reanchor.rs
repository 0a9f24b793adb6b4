//! Re-anchoring any annotation on any text places it on its quote (or near it) or makes it an
//! orphan; placed annotations always lie inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marginalia_core::{Annotation, AnnotationId, Article};

fuzz_target!(|input: (&str, &str, u16, u16)| {
    let (old_text, new_text, a, b) = input;
    let old = Article::new(old_text.to_owned());
    let (start, end) = (usize::from(a.min(b)), usize::from(a.max(b)));
    let Some(ann) = Annotation::on_text(
        &old,
        AnnotationId(1),
        "claim",
        start,
        end.min(old.len_chars()),
    ) else {
        return;
    };
    if ann.start >= ann.end {
        return;
    }
    let new = Article::new(new_text.to_owned());
    let result = marginalia_core::anchor::reanchor(std::slice::from_ref(&ann), &new);
    assert_eq!(result.placed.len() + result.orphans.len(), 1);
    for placed in &result.placed {
        assert_eq!(
            new.slice_chars(placed.start, placed.end),
            Some(placed.exact.as_str())
        );
    }
});
