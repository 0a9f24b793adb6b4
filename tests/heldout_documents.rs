//! Documents made from news articles written after the readers were (`tests/heldout/a` and
//! `b`, made by `make_heldout.py`): PDFs printed by Chromium and exported by `LibreOffice`, Word
//! files from python-docx and `LibreOffice`, an `OpenDocument` file, and two e-mails. In each set
//! of ten: word accuracy at least 99.5 % (none under 98 %), no running header, footer, page
//! number or mail header in the text, and the paragraphs counted right (±1) in at least nine.

mod support;

use std::path::Path;

use marginalia_io::import::import_article;

/// What the making software put around each article.
const AROUND: [&str; 12] = [
    "FOR IMMEDIATE RELEASE",
    "Page 1",
    "The Harbour Gazette",
    "Metro Transit News",
    "Press office",
    "file://",
    "1 / 2",
    "From:",
    "Subject:",
    "Date:",
    "newsroom@example.org",
    "report.pdf",
];

/// The share of `want`'s words `got` has in the same order.
fn word_accuracy(got: &str, want: &str) -> f64 {
    let got: Vec<&str> = got.split_whitespace().collect();
    let want: Vec<&str> = want.split_whitespace().collect();
    support::word_accuracy(&got, &want)
}

#[test]
fn a_first_set_of_ten_documents_reads_as_its_articles() {
    check_set("a");
}

#[test]
fn a_second_set_of_ten_documents_reads_as_its_articles() {
    check_set("b");
}

fn check_set(set: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/heldout")
        .join(set);
    let mut documents: Vec<_> = std::fs::read_dir(root.join("docs"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    documents.sort();
    assert_eq!(documents.len(), 10);
    let (mut total, mut lowest, mut counted_right) = (0.0, 1.0_f64, 0);
    let mut around = Vec::new();
    for document in &documents {
        let stem = document
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let want = std::fs::read_to_string(root.join("articles").join(format!("{stem}.txt")))
            .unwrap_or_else(|e| panic!("{e}"));
        let text = import_article(document)
            .unwrap_or_else(|e| panic!("{e}"))
            .text;
        let accuracy = word_accuracy(&text, &want);
        let paragraphs = text.lines().filter(|l| !l.trim().is_empty()).count();
        let wanted = want.lines().filter(|l| !l.trim().is_empty()).count();
        let found: Vec<&str> = AROUND.into_iter().filter(|a| text.contains(a)).collect();
        println!(
            "{set}: {:<28} word accuracy {accuracy:.4}, paragraphs {paragraphs} of {wanted}{}",
            document
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default(),
            if found.is_empty() {
                String::new()
            } else {
                format!(", around: {found:?}")
            }
        );
        total += accuracy;
        lowest = lowest.min(accuracy);
        counted_right += usize::from(paragraphs.abs_diff(wanted) <= 1);
        around.extend(found);
    }
    let mean = total / documents.len() as f64;
    println!(
        "{set}: mean word accuracy {mean:.4}, lowest {lowest:.4}, paragraphs right in {counted_right} of 10"
    );
    assert!(
        mean >= 0.995 && lowest >= 0.98,
        "word accuracy {mean}, lowest {lowest}"
    );
    assert!(around.is_empty(), "{around:?} in the text");
    assert!(
        counted_right >= 9,
        "paragraphs right in {counted_right} of 10"
    );
}
