//! PDFs as newsrooms receive them (`tests/pdfs/`, printed by Chromium and exported by
//! `LibreOffice` with `make_pdfs.py`) imported as articles: the words in order, the paragraphs
//! counted, no running header, footer or page number; hyphenated words joined again; columns
//! read one after the other; footnotes after the text. Each is also read by poppler's
//! `pdftotext`, the usual tool, and compared: where it is installed (and always under CI).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use marginalia_io::import::{ImportError, import_article};
use marginalia_io::pdf::PdfError;

fn pdf(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pdfs")
        .join(name)
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(pdf(&format!("{name}.expected.txt"))).unwrap_or_else(|e| panic!("{e}"))
}

/// The words of `text`, list bullets left out.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .filter(|w| !matches!(*w, "•" | "-" | "–"))
        .collect()
}

/// The share of `want`'s words `got` has in the same order, list bullets aside.
fn word_accuracy(got: &str, want: &str) -> f64 {
    support::word_accuracy(&words(got), &words(want))
}

/// What the printing software put around the article: none of it belongs in the text.
const RUNNING: [&str; 6] = [
    "The Harbour Gazette",
    "PRESS RELEASE",
    "Page 1",
    "file://",
    "1/3",
    "2/3",
];

struct Reading {
    accuracy: f64,
    paragraphs: usize,
    running: Vec<&'static str>,
}

fn reading(text: &str, want: &str) -> Reading {
    Reading {
        accuracy: word_accuracy(text, want),
        paragraphs: text.split('\n').filter(|p| !p.trim().is_empty()).count(),
        running: RUNNING.into_iter().filter(|r| text.contains(r)).collect(),
    }
}

/// Reads `name`.pdf, checks it against its source, and gives what was read and its text.
fn check(name: &str) -> (Reading, String) {
    let want = expected(name);
    let article = import_article(&pdf(&format!("{name}.pdf"))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        Some(article.title.as_str()),
        want.lines().next(),
        "{name}: title"
    );
    let ours = reading(&article.text, &want);
    let want_paragraphs = want.lines().count();
    println!(
        "{name}: word accuracy {:.4}, {} paragraphs of {want_paragraphs}",
        ours.accuracy, ours.paragraphs
    );
    assert!(
        ours.accuracy >= 0.995,
        "{name}: word accuracy {}\n{}",
        ours.accuracy,
        article.text
    );
    assert!(
        ours.paragraphs.abs_diff(want_paragraphs) <= 1,
        "{name}: {} paragraphs, {want_paragraphs} wanted\n{}",
        ours.paragraphs,
        article.text
    );
    assert!(
        ours.running.is_empty(),
        "{name}: {:?} in the text",
        ours.running
    );
    for c in ['\u{AD}', '\u{2010}', '\u{FB01}', '\u{FB02}', '\u{FB03}'] {
        assert!(!article.text.contains(c), "{name}: {c:?} left in the text");
    }
    (ours, article.text)
}

/// poppler's reading of the same file, where `pdftotext` is installed; under CI it must be.
fn pdftotext(name: &str) -> Option<Reading> {
    let output = match Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf(&format!("{name}.pdf")))
        .arg("-")
        .output()
    {
        Ok(output) => output,
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "pdftotext is needed under CI: {e}"
            );
            return None;
        }
    };
    let text = String::from_utf8_lossy(&output.stdout);
    // Its paragraphs are separated by an empty line; its lines by a line break.
    let paragraphs = text
        .replace("\n\n", "\u{0}")
        .replace('\n', " ")
        .replace('\u{0}', "\n");
    let theirs = reading(&paragraphs, &expected(name));
    println!(
        "{name}, pdftotext: word accuracy {:.4}, {} paragraphs, running lines {:?}",
        theirs.accuracy, theirs.paragraphs, theirs.running
    );
    Some(theirs)
}

/// [`check`], then the same file read by `pdftotext`; the text read.
fn check_beside_pdftotext(name: &str) -> String {
    let (ours, text) = check(name);
    if let Some(theirs) = pdftotext(name) {
        assert!(
            ours.accuracy >= theirs.accuracy,
            "{name}: pdftotext reads more words right"
        );
        // The comparison sees what it should: the usual reading keeps the running lines.
        assert!(
            !theirs.running.is_empty(),
            "{name}: pdftotext dropped the running lines too"
        );
    }
    text
}

#[test]
fn chromium_prints_one_column_with_its_header_and_page_numbers() {
    check_beside_pdftotext("chromium-one-column");
}

#[test]
fn chromium_prints_two_justified_hyphenated_columns_under_a_headline() {
    let text = check_beside_pdftotext("chromium-two-columns");
    // Words the line break hyphenated are whole again; hyphens of the words' own are kept.
    for word in [
        "investigation",
        "well-known",
        "long-term",
        "fifty-page",
        "efficient",
    ] {
        assert!(text.contains(word), "{word} missing");
    }
    // The left column is read before the right one.
    let left = text.find("Among them:").unwrap_or(usize::MAX);
    let right = text.find("Consumer groups said").unwrap_or(0);
    assert!(left < right, "columns out of order");
}

#[test]
fn libreoffice_exports_a_report_with_a_footnote_list_table_and_columns() {
    let text = check_beside_pdftotext("libreoffice");
    assert!(
        text.ends_with("1 Interview recorded on 2 March."),
        "the footnote comes after the text"
    );
    assert!(text.contains("\n• fifteen years to pay back\nSeats 42,000\n"));
}

fn pdf_error(path: &Path) -> PdfError {
    match import_article(path) {
        Err(ImportError::Pdf { why, .. }) => why,
        other => panic!("{}: {other:?}", path.display()),
    }
}

#[test]
fn a_scan_a_locked_file_and_a_broken_one_say_why_and_what_to_do() {
    let scan = pdf_error(&pdf("scan.pdf"));
    assert!(matches!(scan, PdfError::NoText { pages: 1 }), "{scan:?}");
    assert!(scan.to_string().contains("text recognition (OCR)"));
    let locked = pdf_error(&pdf("encrypted.pdf"));
    assert!(matches!(locked, PdfError::Encrypted), "{locked:?}");
    assert!(locked.to_string().contains("without one"));
    let broken = pdf_error(&pdf("broken.pdf"));
    assert!(matches!(broken, PdfError::Broken(_)), "{broken:?}");
    let message = import_article(&pdf("broken.pdf"))
        .err()
        .map(|e| e.to_string());
    assert!(message.is_some_and(|m| m.contains("broken.pdf cannot be opened as an article")));
}

#[test]
fn a_pdf_is_read_as_one_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let renamed = dir.path().join("statement.txt");
    std::fs::copy(pdf("libreoffice.pdf"), &renamed).unwrap_or_else(|e| panic!("{e}"));
    let article = import_article(&renamed).unwrap_or_else(|e| panic!("{e}"));
    assert!(article.text.starts_with(&article.title));
    assert!(article.text.contains("Key figures:"));
}

#[test]
fn damaged_pdfs_give_an_error_never_a_panic() {
    let whole = std::fs::read(pdf("chromium-two-columns.pdf")).unwrap_or_else(|e| panic!("{e}"));
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut read = 0;
    for _ in 0..60 {
        let mut bytes = whole.clone();
        for _ in 0..8 {
            let at = usize::try_from(next() % bytes.len() as u64).unwrap_or_default();
            bytes[at] = (next() & 0xFF) as u8;
        }
        if next() % 2 == 0 {
            let cut = bytes.len() - usize::try_from(next() % 2_000).unwrap_or_default();
            bytes.truncate(cut);
        }
        // Whatever the damage: text, or an error that says what is wrong.
        match marginalia_io::pdf::read(&bytes) {
            Ok(text) => read += usize::from(!text.text.is_empty()),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    println!("{read} of 60 damaged copies still gave text");
}

#[test]
fn import_and_suggest_read_a_pdf_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let output = dir.path().join("report.ron");
    let path = pdf("libreoffice.pdf");
    let (path, output_arg) = (path.to_string_lossy(), output.to_string_lossy());
    let imported = support::marginalia(&["import", &path, "-o", &output_arg]);
    let said = String::from_utf8_lossy(&imported.stdout);
    assert!(imported.status.success(), "{said}");
    assert!(said.contains("a PDF of 2 pages"), "{said}");
    let doc = marginalia_io::format::load(&output).unwrap_or_else(|e| panic!("{e}"));
    assert!(doc.article.path.ends_with("libreoffice.pdf"));
    assert!(doc.article.text().contains("Key figures:"));

    let suggested =
        support::marginalia(&["suggest", &pdf("chromium-one-column.pdf").to_string_lossy()]);
    let said = String::from_utf8_lossy(&suggested.stdout);
    assert!(suggested.status.success(), "{said}");
    assert!(said.contains("Sarah Whitcombe"), "{said}");
}

#[test]
fn annotations_on_an_article_move_onto_the_pdf_printed_from_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // The article as first received: the text the PDF was printed from.
    let text_version = dir.path().join("court.txt");
    std::fs::write(&text_version, expected("chromium-one-column"))
        .unwrap_or_else(|e| panic!("{e}"));
    let ron = dir.path().join("court.ron");
    let options = marginalia_io::NewDocumentOptions::default();
    let (mut doc, _) = marginalia_io::new_document(&text_version, Some(&ron), options)
        .unwrap_or_else(|e| panic!("{e}"));
    let quotes = [
        "a more callous breach of trust.",
        "lived a double life",
        "Enough is enough.",
    ];
    let spans: Vec<(usize, usize, Option<&str>)> = quotes
        .iter()
        .map(|q| {
            let byte = doc.article.text().find(q).unwrap_or_else(|| panic!("{q}"));
            let start = doc.article.text()[..byte].chars().count();
            (start, start + q.chars().count(), None)
        })
        .collect();
    let edit = marginalia_core::Edit::annotate_quotes(&doc, &spans, "claim")
        .unwrap_or_else(|| panic!("nothing to annotate"));
    doc.apply(edit).unwrap_or_else(|e| panic!("{e}"));
    marginalia_io::format::save(&doc, &ron).unwrap_or_else(|e| panic!("{e}"));

    // The new version is the PDF: every quotation lands on the same words of its text.
    let out = dir.path().join("court.pdf.ron");
    let reanchored = support::marginalia(&[
        "reanchor",
        &ron.to_string_lossy(),
        "--article",
        &pdf("chromium-one-column.pdf").to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
    ]);
    let said = String::from_utf8_lossy(&reanchored.stdout);
    assert!(reanchored.status.success(), "{said}");
    let moved = marginalia_io::format::load(&out).unwrap_or_else(|e| panic!("{e}"));
    assert!(moved.orphans().is_empty(), "{said}");
    let mut exact: Vec<&str> = moved
        .annotations()
        .iter()
        .map(|a| a.exact.as_str())
        .collect();
    exact.sort_unstable();
    let mut want = quotes.to_vec();
    want.sort_unstable();
    assert_eq!(exact, want);
    assert!(moved.article.path.ends_with("chromium-one-column.pdf"));
}
