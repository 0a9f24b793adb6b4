//! The hard cases every export consumer is tried on (`hard-cases.ron` beside this file is what
//! this builds; `tests/export.rs` holds them equal).
#![allow(
    clippy::unwrap_used,
    clippy::cast_possible_truncation,
    reason = "a failed unwrap is a failed test, and offsets here are small"
)]

use marginalia_core::{Annotation, AnnotationId, Document, Edit, Speaker, SpeakerId};

/// The article every export consumer is tried on in CI (`.ci/consumers`): a tab, a form feed,
/// U+2028, U+2029 and NEL inside spans, emoji with joiners, Hebrew and Arabic, combining marks,
/// `<script>` and Markdown markup in the text and the notes, label names with `<`, `>`, `|` and
/// `&`, custom labels, nested and overlapping spans, and a thread two answers deep.
pub fn hard_cases() -> Document {
    let text = "Consumers of every export\n\n\
        Mayor Ana Ruiz said\t“the budget is balanced” on Monday, and added: “no cuts\u{0C}this \
        year\u{2028}or next\u{85}at all.”\n\n\
        “We did it 👩‍👩‍👧 🎉 together,” said Lee Park, whose post read <script>alert(1)</script> \
        & *stars* _under_ [link](x) #tag \\ back.\n\n\
        אבי כהן אמר: «התקציב אינו מאוזן». قال الوزير «لن نتراجع» أمس.\n\n\
        Jose\u{301} Nguye\u{302}\u{303}n called it “a fair plan\u{2029}for all”.\n";
    let mut doc = Document::new(
        marginalia_core::Article::new(text.to_owned()),
        marginalia_io::default_labels(),
    );
    doc.article.title = "Consumers of every export <b>&amp;</b>".to_owned();
    doc.article.source = "Marginalia tests".to_owned();
    doc.article.path = "hard-cases.txt".to_owned();
    doc.annotator = "Ana <Q> | Ruiz".to_owned();
    doc.modified = "2026-11-30T08:00:00Z".to_owned();
    for (name, key) in [("Odd <b>|name</b>", "4"), ("Fact-check & verify", "5")] {
        doc.apply(Edit::add_label_named(&doc, name, [120, 60, 200], key))
            .unwrap();
    }
    let (odd, check) = (doc.labels()[3].id.clone(), doc.labels()[4].id.clone());
    for (n, name) in ["Ana Ruiz", "Lee <Park> | 🎉", "אבי כהן", "الوزير"]
        .into_iter()
        .enumerate()
    {
        let speaker = Speaker {
            id: SpeakerId(n as u64 + 1),
            name: name.to_owned(),
            role: String::new(),
        };
        doc.apply(Edit::add_speaker(&doc, speaker)).unwrap();
    }
    // (words, label, speaker, answers, note); each span is the first place its words occur.
    let spans: [(&str, &str, u64, u64, &str); 10] = [
        (
            "said\t“the budget is balanced”",
            "claim",
            1,
            0,
            "tab <script>x</script>",
        ),
        (
            "no cuts\u{0C}this year\u{2028}or next\u{85}at all.",
            "claim",
            1,
            0,
            "a\u{0C}b\u{2028}c\u{85}d\te",
        ),
        (
            "We did it 👩‍👩‍👧 🎉 together",
            "reaction",
            2,
            1,
            "&amp; *not* _markup_ [x](y) # \\",
        ),
        (
            "<script>alert(1)</script> & *stars* _under_ [link](x) #tag \\ back.",
            &odd,
            2,
            0,
            "",
        ),
        ("התקציב אינו מאוזן", "denial", 3, 1, "עברית"),
        ("لن نتراجع", "reaction", 4, 5, "عربي"),
        ("Jose\u{301} Nguye\u{302}\u{303}n", &check, 0, 0, ""),
        ("a fair plan\u{2029}for all", "claim", 0, 0, ""),
        ("budget", &odd, 0, 0, "nested inside a claim"),
        (
            "balanced” on Monday, and",
            &check,
            0,
            0,
            "overlaps the first claim",
        ),
    ];
    for (words, label, speaker, answers, note) in spans {
        let byte = text.find(words).unwrap();
        let start = text[..byte].chars().count();
        let end = start + words.chars().count();
        let id = doc.next_annotation_id();
        let mut ann = Annotation::on_text(&doc.article, id, label, start, end).unwrap();
        ann.speaker = (speaker > 0).then_some(SpeakerId(speaker));
        ann.responds_to = (answers > 0).then_some(AnnotationId(answers));
        ann.note = note.to_owned();
        doc.apply(Edit::AddAnnotation(ann)).unwrap();
    }
    rate_hard_cases(&mut doc);
    doc
}

/// Verdicts on the hard cases: a rating renamed with markup, a conclusion with a line break, a
/// `</script>` and quotes, sources with `&` and `|`, one rating off the scale.
fn rate_hard_cases(doc: &mut Document) {
    doc.article.date = "2026-11-29".to_owned();
    let mut scale = doc.scale().clone();
    for rating in &mut scale.ratings {
        if rating.id == "mostly-true" {
            rating.name = "Mostly <true> & | fair".to_owned();
        }
    }
    doc.apply(Edit::SetScale(scale)).unwrap();
    let verdicts = [
        (
            1,
            "false",
            "The budget shows a deficit \"of 3 %\".\nSee </script> p. 4.",
            "",
        ),
        (
            2,
            "mostly-true",
            "Cuts were *delayed*, not dropped — #2",
            "https://example.org/checks?id=2&x=«y»",
        ),
        (5, "unsupported", "אין נתונים", ""),
    ];
    for (id, rating, conclusion, url) in verdicts {
        let verdict = marginalia_core::Verdict {
            rating: rating.to_owned(),
            conclusion: conclusion.to_owned(),
            sources: vec![
                "https://example.org/budget?year=2026&page=4".to_owned(),
                "Council minutes | p. 3 <b>".to_owned(),
            ],
            by: "Ana <Q> | Ruiz".to_owned(),
            date: "2026-11-30T09:15:00Z".to_owned(),
            url: url.to_owned(),
        };
        let edit = Edit::SetVerdict {
            id: AnnotationId(id),
            verdict: Some(verdict),
        };
        doc.apply(edit).unwrap();
    }
}
