//! E-mail (`.eml`, RFC 5322 with MIME): the subject as the headline, the sender as the source
//! and the date as the article's date, the text part as the article (or the HTML part, read as
//! HTML import reads a page), and the attachments listed and saved to open as articles.
//! Encoded words, transfer encodings and charsets are decoded by `mail-parser`; no header is
//! ever part of the text.

use mail_parser::{MessageParser, MimeHeaders, PartType};

use super::html::{self, Budget, TooComplex};

/// An attachment of an e-mail, as listed in the article's details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// Its file name, as the message gives it (or "attachment N").
    pub name: String,
    /// Its MIME type, such as `application/pdf`.
    pub mime: String,
    /// Its size once decoded, in bytes.
    pub bytes: usize,
}

/// What an e-mail holds for annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    /// The subject, or empty.
    pub subject: String,
    /// Who sent it: `Jane Doe <jane@example.org>`.
    pub source: String,
    /// When it was sent, in RFC 3339 (`2026-03-02T10:15:00+01:00`), or empty.
    pub date: String,
    /// The headline (the subject), a blank line, then the body.
    pub text: String,
    /// The attachments, in the order of the message.
    pub attachments: Vec<Attachment>,
}

/// Why an e-mail could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EmailError {
    /// Not an e-mail at all.
    #[error("it is not an e-mail message (no headers were found)")]
    NotEmail,
    /// Nothing in it to annotate.
    #[error("the message has no text part and no HTML part")]
    NoBody,
    /// Its HTML part is too complex.
    #[error("its HTML part is too complex to read ({0})")]
    TooComplex(TooComplex),
}

impl Attachment {
    /// Whether Marginalia can open it as an article: a PDF, Word, `OpenDocument`, text,
    /// Markdown, HTML or e-mail file, by its name or its MIME type.
    pub fn opens_as_article(&self) -> bool {
        self.extension()
            .is_some_and(|e| super::import::ARTICLE_EXTENSIONS.contains(&e.as_str()))
            || extension_for(&self.mime).is_some()
    }

    /// What it is, in words a reader knows ("PDF", "Word document"), by its MIME type, else
    /// by its name; the MIME type itself for any other kind.
    pub fn kind(&self) -> &str {
        ARTICLE_KINDS
            .iter()
            .find(|(_, mime, _)| *mime == self.mime)
            .or_else(|| {
                let extension = self.extension()?;
                ARTICLE_KINDS.iter().find(|(e, _, _)| *e == extension)
            })
            .map_or(self.mime.as_str(), |(_, _, words)| words)
    }

    /// Its name's extension, in lower case.
    fn extension(&self) -> Option<String> {
        std::path::Path::new(&self.name)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
    }
}

/// The kinds of attachment that open as articles: file extension, MIME type, and the words
/// the window names them by.
const ARTICLE_KINDS: &[(&str, &str, &str)] = &[
    ("pdf", "application/pdf", "PDF"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word document",
    ),
    (
        "odt",
        "application/vnd.oasis.opendocument.text",
        "OpenDocument text",
    ),
    ("txt", "text/plain", "text"),
    ("md", "text/markdown", "Markdown"),
    ("html", "text/html", "web page"),
    ("eml", "message/rfc822", "e-mail"),
];

/// The file extension for an article's MIME type.
fn extension_for(mime: &str) -> Option<&'static str> {
    ARTICLE_KINDS
        .iter()
        .find(|(_, m, _)| *m == mime)
        .map(|(extension, _, _)| *extension)
}

/// Why an attachment could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum AttachmentError {
    /// The e-mail could not be read again.
    #[error("the e-mail {0} cannot be read again: {1}")]
    Email(std::path::PathBuf, String),
    /// It has no attachment with that number.
    #[error("the e-mail has no attachment {0}")]
    Missing(usize),
    /// The file could not be written.
    #[error("cannot write {0}: {1}")]
    Write(std::path::PathBuf, std::io::Error),
}

/// Saves attachment `index` of the e-mail at `email` beside it, under the attachment's own
/// name made safe for a file name, and returns where. A file already there is never
/// replaced: the same bytes are that file, other bytes get a new name ("report (2).pdf").
pub fn save_attachment(
    email: &std::path::Path,
    index: usize,
) -> Result<std::path::PathBuf, AttachmentError> {
    let unreadable = |why: String| AttachmentError::Email(email.to_owned(), why);
    let bytes = super::format::read_capped(email, super::import::MAX_ARTICLE_BYTES)
        .map_err(|e| unreadable(e.to_string()))?;
    let message = MessageParser::default()
        .parse(&bytes)
        .ok_or_else(|| unreadable("it is not an e-mail message".to_owned()))?;
    let part = message
        .attachments()
        .nth(index)
        .ok_or(AttachmentError::Missing(index + 1))?;
    let name = file_name_for(part.attachment_name(), &mime_of(part), index);
    let contents = part.contents();
    let folder = email.parent().unwrap_or(std::path::Path::new(""));
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => (stem, format!(".{extension}")),
        _ => (name.as_str(), String::new()),
    };
    for n in 1.. {
        let target = if n == 1 {
            folder.join(&name)
        } else {
            folder.join(format!("{stem} ({n}){extension}"))
        };
        match std::fs::read(&target) {
            Ok(existing) if existing == contents => return Ok(target),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(AttachmentError::Write(target, e)),
        }
        return match write_new(&target, contents) {
            Ok(()) => Ok(target),
            // Made by someone else in the meantime: try the next name.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => Err(AttachmentError::Write(target, e)),
        };
    }
    unreachable!("the names run out only after usize::MAX tries")
}

/// Writes `bytes` to a new file at `path`; never over an existing one. A failed write leaves
/// no file behind.
fn write_new(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if written.is_err() {
        let _ = std::fs::remove_file(path);
    }
    written
}

/// A file name for an attachment: its own name without any folder or character a file system
/// refuses, given the extension of its MIME type when it has none.
fn file_name_for(name: Option<&str>, mime: &str, index: usize) -> String {
    let name = name
        .and_then(|n| n.rsplit(['/', '\\']).next())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect::<String>();
    let name = name.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let mut name = if name.is_empty() {
        format!("attachment {}", index + 1)
    } else {
        name.to_owned()
    };
    if !name.contains('.')
        && let Some(extension) = extension_for(mime)
    {
        name = format!("{name}.{extension}");
    }
    name
}

/// A part's MIME type, such as `application/pdf`; `application/octet-stream` when it gives none.
fn mime_of(part: &mail_parser::MessagePart) -> String {
    part.content_type().map_or_else(
        || "application/octet-stream".to_owned(),
        |ct| format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or("octet-stream")),
    )
}

/// The attachments of the e-mail at `path`; none when it cannot be read.
pub fn attachments_of(path: &std::path::Path) -> Vec<Attachment> {
    super::format::read_capped(path, super::import::MAX_ARTICLE_BYTES)
        .ok()
        .and_then(|bytes| read(&bytes).ok())
        .map(|email| email.attachments)
        .unwrap_or_default()
}

/// Reads an e-mail message from its bytes.
pub fn read(bytes: &[u8]) -> Result<Email, EmailError> {
    let message = MessageParser::default()
        .parse(bytes)
        .filter(|m| !m.headers().is_empty())
        .ok_or(EmailError::NotEmail)?;
    let subject = message.subject().unwrap_or_default().trim().to_owned();
    let sender = message.from().and_then(|from| from.first()).map(|addr| {
        match (addr.name(), addr.address()) {
            (Some(name), Some(address)) => format!("{name} <{address}>"),
            (Some(name), None) => name.to_owned(),
            (None, Some(address)) => address.to_owned(),
            (None, None) => String::new(),
        }
    });
    let source = sender.unwrap_or_default();
    let date = message
        .date()
        .map(mail_parser::DateTime::to_rfc3339)
        .unwrap_or_default();
    let body = body_of(&message)?;
    let body = super::import::normalize_newlines(&body);
    let body = body.trim();
    // An HTML part often opens with the subject as its heading: it is the headline once.
    let opens_with_subject = body
        .lines()
        .next()
        .is_some_and(|line| line.trim() == subject);
    let text = if subject.is_empty() || opens_with_subject {
        body.to_owned()
    } else {
        format!("{subject}\n\n{body}")
    };
    let attachments = message
        .attachments()
        .enumerate()
        .map(|(i, part)| Attachment {
            name: part
                .attachment_name()
                .map_or_else(|| format!("attachment {}", i + 1), str::to_owned),
            mime: mime_of(part),
            bytes: part.contents().len(),
        })
        .collect();
    Ok(Email {
        subject,
        source,
        date,
        text,
        attachments,
    })
}

/// The first text part, else the first HTML part read as a page.
fn body_of(message: &mail_parser::Message) -> Result<String, EmailError> {
    let text = message.text_bodies().find_map(|part| match &part.body {
        PartType::Text(text) => Some(text.to_string()),
        _ => None,
    });
    if let Some(text) = text {
        return Ok(text);
    }
    let html = message
        .html_bodies()
        .find_map(|part| match &part.body {
            PartType::Html(html) => Some(html.to_string()),
            _ => None,
        })
        .ok_or(EmailError::NoBody)?;
    let page = html::extract(&html, Budget::IMPORT).map_err(EmailError::TooComplex)?;
    Ok(page.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attachment_is_named_by_its_kind_in_words() {
        let of = |name: &str, mime: &str| Attachment {
            name: name.to_owned(),
            mime: mime.to_owned(),
            bytes: 1,
        };
        let word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        assert_eq!(of("budget.docx", word).kind(), "Word document");
        assert_eq!(of("scan", "application/pdf").kind(), "PDF");
        // A generic type, known by its name.
        assert_eq!(
            of("notes.odt", "application/octet-stream").kind(),
            "OpenDocument text"
        );
        assert_eq!(of("logo.png", "image/png").kind(), "image/png");
        assert!(!of("logo.png", "image/png").opens_as_article());
        assert!(of("scan", "application/pdf").opens_as_article());
    }

    #[test]
    fn a_plain_message_gives_its_subject_sender_and_text() {
        let raw = b"From: =?utf-8?q?Zo=C3=AB_Adams?= <zoe@example.org>\r\n\
Date: Mon, 2 Mar 2026 10:15:00 +0100\r\n\
Subject: =?utf-8?q?Council_=E2=80=9Cwill_act=E2=80=9D?=\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
The mayor said: =E2=80=9CWe will act.=E2=80=9D\r\n\
\r\n\
More later.\r\n";
        let email = read(raw).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(email.subject, "Council “will act”");
        assert_eq!(
            (email.source.as_str(), email.date.as_str()),
            ("Zoë Adams <zoe@example.org>", "2026-03-02T10:15:00+01:00")
        );
        assert_eq!(
            email.text,
            "Council “will act”\n\nThe mayor said: “We will act.”\n\nMore later."
        );
        assert!(email.attachments.is_empty());
    }

    #[test]
    fn what_is_not_a_message_is_refused() {
        assert_eq!(read(b"").unwrap_err(), EmailError::NotEmail);
    }
}
