//! E-mails as a mail program writes them (`tests/emails/`, written by Python's `email` package
//! with `make_emails.py`) imported as articles: the words of the message in order, the
//! paragraphs counted, no header in the text, the sender and date as the source, attachments
//! listed.

mod support;

use std::path::{Path, PathBuf};

use marginalia_io::import::import_article;
use support::stadium_article;

fn emails() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/emails")
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

fn paragraphs(text: &str) -> usize {
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

#[test]
fn a_plain_message_is_its_subject_then_its_words() {
    let (headline, body) = stadium_article();
    let imported = import_article(&emails().join("plain.eml")).unwrap_or_else(|e| panic!("{e}"));
    let subject = format!("{headline} – statement");
    assert_eq!(imported.title, subject);
    let expected = format!("{subject}\n{}", body.join("\n"));
    assert_eq!(words(&imported.text), words(&expected));
    assert_eq!(paragraphs(&imported.text), body.len() + 1);
    assert_eq!(
        (imported.source.as_str(), imported.date.as_str()),
        (
            "Zoë Adams <zoe.adams@example.org>",
            "2026-03-02T10:15:00+01:00"
        )
    );
    for header in [
        "From:",
        "Subject:",
        "Content-Type",
        "quoted-printable",
        "=?utf-8",
    ] {
        assert!(!imported.text.contains(header), "{header} in the text");
    }
    assert!(imported.attachments.is_empty());
}

#[test]
fn an_html_message_is_read_as_a_page_and_its_attachments_are_listed() {
    let (headline, body) = stadium_article();
    let imported = import_article(&emails().join("html_with_attachments.eml"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.title, headline);
    let expected = format!("{headline}\n{}", body.join("\n"));
    assert_eq!(words(&imported.text), words(&expected));
    assert_eq!(paragraphs(&imported.text), body.len() + 1);
    assert_eq!(
        (imported.source.as_str(), imported.date.as_str()),
        ("Press Office <press@example.gov>", "2026-03-03T09:00:00Z")
    );
    let attachments: Vec<(&str, &str)> = imported
        .attachments
        .iter()
        .map(|a| (a.name.as_str(), a.mime.as_str()))
        .collect();
    assert_eq!(
        attachments,
        [
            ("statement.txt", "text/plain"),
            ("Budget 2026.pdf", "application/pdf")
        ]
    );
    assert_eq!(
        imported.attachments[0].bytes,
        "Full statement follows.\n".len()
    );
}

#[test]
fn an_e_mail_opens_as_a_document_with_its_sender_as_source_and_its_date() {
    let options = marginalia_io::NewDocumentOptions::default();
    let (doc, _) = marginalia_io::new_document(&emails().join("plain.eml"), None, options)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.article.source, "Zoë Adams <zoe.adams@example.org>");
    assert_eq!(doc.article.date, "2026-03-02T10:15:00+01:00");
}

#[test]
fn a_file_named_eml_that_is_no_message_says_so() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("notes.eml");
    std::fs::write(&path, "just some words, no headers").unwrap_or_else(|e| panic!("{e}"));
    let error = import_article(&path).map(|_| ()).unwrap_err().to_string();
    assert!(error.contains("cannot be read as an e-mail"), "{error}");
    assert!(error.contains(".eml"), "{error}");
}

#[test]
fn an_attachment_is_saved_under_a_safe_name_beside_the_e_mail() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let email = support::email_copy(dir.path(), "html_with_attachments.eml");
    let attachments = marginalia_io::email::attachments_of(&email);
    assert!(
        attachments
            .iter()
            .all(marginalia_io::email::Attachment::opens_as_article)
    );
    let pdf = marginalia_io::email::save_attachment(&email, 1).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pdf, dir.path().join("Budget 2026.pdf"));
    let missing = marginalia_io::email::save_attachment(&email, 2).err();
    assert!(missing.is_some_and(|e| e.to_string().contains("no attachment 3")));
}
