//! Word and ODF files as word processors write them (`tests/documents/`, written by
//! python-docx and by `LibreOffice` with `make_documents.py`) imported as articles: the words in
//! order, the paragraphs counted; no running header, footer, comment or deleted change; lists,
//! tables and footnotes kept.

mod support;

use std::path::Path;

use marginalia_io::import::import_article;
use support::stadium_article;

fn imported(name: &str) -> (String, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/documents")
        .join(name);
    let article = import_article(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    (article.title, article.text)
}

/// The lines a document should give: the article, with `first_extra` after its first
/// paragraph and `second_extra` after its second, then the list and the table, then `notes`.
fn expected(first_extra: &str, second_extra: &str, notes: &[&str]) -> Vec<String> {
    let (headline, paragraphs) = stadium_article();
    let mut lines = vec![headline];
    for (i, p) in paragraphs.into_iter().enumerate() {
        let extra = [first_extra, second_extra]
            .get(i)
            .copied()
            .unwrap_or_default();
        lines.push(format!("{p}{extra}"));
    }
    lines.extend(
        [
            "Key figures:",
            "- a $400 million public loan",
            "- fifteen years to pay back",
            "Seats | 42,000",
            "Opening | 2029",
        ]
        .map(str::to_owned),
    );
    lines.extend(notes.iter().map(|n| (*n).to_owned()));
    lines
}

fn check(name: &str, want: &[String]) {
    let (title, text) = imported(name);
    assert_eq!(title, stadium_article().0, "{name}: title");
    let got: Vec<&str> = text.lines().collect();
    let words = |lines: &[&str]| {
        lines
            .join(" ")
            .split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let want_lines: Vec<&str> = want.iter().map(String::as_str).collect();
    assert_eq!(words(&got), words(&want_lines), "{name}: words");
    assert_eq!(got.len(), want.len(), "{name}: paragraphs\n{text}");
    for absent in [
        "PRESS RELEASE",
        "EMBARGOED",
        "Page 1",
        "Check the loan figure",
        "was deleted",
    ] {
        assert!(!text.contains(absent), "{name}: {absent:?} in the text");
    }
}

#[test]
fn python_docx_writes_a_word_file_read_in_order() {
    check("python-docx.docx", &expected("", "", &[]));
}

#[test]
fn libreoffice_writes_an_odt_read_with_its_footnote_and_tracked_changes() {
    let notes = ["[1] Figures from the governor's office."];
    check(
        "libreoffice.odt",
        &expected("[1]", " Talks continue.", &notes),
    );
}

#[test]
fn libreoffice_writes_a_word_file_read_with_its_footnote_and_tracked_changes() {
    let notes = ["[1] Figures from the governor's office."];
    check(
        "libreoffice.docx",
        &expected("[1]", " Talks continue.", &notes),
    );
}
