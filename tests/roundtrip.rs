//! Save then load gives back the same document, over arbitrary Unicode text and spans.

use std::path::Path;

use marginalia_core::markup::test_labels;
use marginalia_core::{Annotation, AnnotationId, Article, Document, Edit, Speaker, SpeakerId};
use marginalia_io::format;
use proptest::prelude::*;

/// Text mixing the characters that break naive writers: quotes, backslashes, emoji,
/// right-to-left script, combining marks, control characters and line breaks.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("“”’".to_owned()),
        Just("👋🏽".to_owned()),
        Just("👨‍👩‍👧".to_owned()),
        Just("שלום".to_owned()),
        Just("e\u{301}".to_owned()),
        Just("\u{200F}\u{FEFF}".to_owned()),
        Just("\n".to_owned()),
        Just("\t".to_owned()),
        Just(" ".to_owned()),
        Just("#[r\"]#".to_owned()),
        "\\PC{0,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 1..40).prop_map(|v| v.concat())
}

fn document(text: String, spans: &[(usize, usize, usize, String)]) -> Document {
    let mut doc = Document::new(Article::new(text), test_labels());
    doc.article.title = "T \"quoted\" \\ 👋".to_owned();
    doc.annotator = "Zoë \u{5D3}".to_owned();
    doc.modified = "2026-11-28T00:00:00Z".to_owned();
    let speaker = Speaker {
        id: SpeakerId(1),
        name: "נועה".to_owned(),
        role: "\"role\"".to_owned(),
    };
    doc.apply(Edit::add_speaker(&doc, speaker)).ok();
    let len = doc.article.len_chars();
    for (n, (a, b, label, note)) in (1u64..).zip(spans) {
        let (start, end) = (a % (len + 1), b % (len + 1));
        let (start, end) = (start.min(end), start.max(end));
        if start == end {
            continue;
        }
        let label = ["claim", "denial", "reaction"][label % 3];
        if let Some(mut ann) = Annotation::on_text(&doc.article, AnnotationId(n), label, start, end)
        {
            ann.note.clone_from(note);
            ann.speaker = (n % 2 == 0).then_some(SpeakerId(1));
            doc.apply(Edit::AddAnnotation(ann)).ok();
        }
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn save_then_load_is_identity(
        text in tricky_text(),
        spans in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>(), tricky_text()), 0..12),
    ) {
        let doc = document(text, &spans);
        let written = format::to_ron_string(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = format::parse(Path::new("prop.ron"), written.as_bytes())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&loaded, &doc);
        let again = format::to_ron_string(&loaded).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(again, written);
    }

    #[test]
    fn offsets_are_code_points(text in tricky_text(), a in any::<usize>(), b in any::<usize>()) {
        let article = Article::new(text.clone());
        let chars: Vec<char> = text.chars().collect();
        let len = chars.len();
        let (start, end) = ((a % (len + 1)).min(b % (len + 1)), (a % (len + 1)).max(b % (len + 1)));
        let expected: String = chars.get(start..end).unwrap_or_default().iter().collect();
        prop_assert_eq!(article.slice_chars(start, end), Some(expected.as_str()));
    }
}

mod reanchoring {
    use marginalia_core::anchor::reanchor;
    use marginalia_core::{Annotation, AnnotationId, Article};
    use proptest::prelude::*;

    fn words() -> impl Strategy<Value = String> {
        prop::collection::vec("[a-zé👍“”]{1,8}", 20..60).prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100))]

        /// Text inserted or removed outside a span never moves it off its own words.
        #[test]
        fn edits_outside_a_span_keep_it_on_its_text(
            text in words(),
            a in any::<usize>(),
            len in 3usize..20,
            insert in "[a-z ]{1,30}",
            before in any::<bool>(),
        ) {
            let article = Article::new(text.clone());
            let n = article.len_chars();
            prop_assume!(n > len + 2);
            let start = a % (n - len);
            let Some((start, end)) = article.snap_selection(start, start + len) else { return Ok(()); };
            let ann = Annotation::on_text(&article, AnnotationId(1), "claim", start, end).unwrap();
            let chars: Vec<char> = text.chars().collect();
            let edited: String = if before {
                chars[..start].iter().collect::<String>() + &insert + &chars[start..].iter().collect::<String>()
            } else {
                chars[..end].iter().collect::<String>() + &insert + &chars[end..].iter().collect::<String>()
            };
            let new_article = Article::new(edited);
            let result = reanchor(std::slice::from_ref(&ann), &new_article);
            prop_assert!(result.orphans.is_empty());
            let placed = &result.placed[0];
            prop_assert_eq!(new_article.slice_chars(placed.start, placed.end), Some(ann.exact.as_str()));
        }

        /// Deleting a span's text makes it an orphan or places it on an identical quote elsewhere
        /// (the same words said twice) — never on other words.
        #[test]
        fn deleting_a_span_never_places_it_on_other_words(
            text in words(),
            a in any::<usize>(),
            len in 6usize..20,
        ) {
            let article = Article::new(text.clone());
            let n = article.len_chars();
            prop_assume!(n > len + 2);
            let start = a % (n - len);
            let Some((start, end)) = article.snap_selection(start, start + len) else { return Ok(()); };
            let ann = Annotation::on_text(&article, AnnotationId(1), "claim", start, end).unwrap();
            let chars: Vec<char> = text.chars().collect();
            let edited: String = chars[..start].iter().chain(chars[end..].iter()).collect();
            let new_article = Article::new(edited);
            let result = reanchor(std::slice::from_ref(&ann), &new_article);
            for placed in &result.placed {
                let found = new_article.slice_chars(placed.start, placed.end).unwrap_or_default();
                // Approximate placement may shift by a few characters of a near-identical quote.
                let same = found == ann.exact;
                let close = strsim(found, &ann.exact) >= 0.8;
                prop_assert!(same || close, "placed on {:?} for {:?}", found, ann.exact);
            }
        }
    }

    /// Share of equal characters by edit distance.
    fn strsim(a: &str, b: &str) -> f64 {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut previous = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let current = row[j + 1];
                row[j + 1] = (previous + usize::from(ca != cb))
                    .min(row[j] + 1)
                    .min(current + 1);
                previous = current;
            }
        }
        1.0 - row[b.len()] as f64 / a.len().max(b.len()).max(1) as f64
    }
}
