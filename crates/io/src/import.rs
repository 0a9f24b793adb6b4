//! Article import: bytes on disk to *the text* every offset refers to. Decodes (UTF-8, a BOM,
//! UTF-16, or a detected legacy encoding), refuses what is not text, turns CRLF and lone CR
//! into LF, and reduces HTML to its readable article text. Nothing else is changed.

use std::path::{Path, PathBuf};

use encoding_rs::Encoding;

/// Largest article file imported, in bytes.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// Extensions of the files read as articles: what the chooser offers, a corpus reads and an
/// e-mail attachment opens as.
pub const ARTICLE_EXTENSIONS: [&str; 8] = ["txt", "md", "html", "htm", "eml", "docx", "odt", "pdf"];

/// Why an article could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is over [`MAX_ARTICLE_BYTES`].
    #[error("{path} is larger than the {max} bytes an article may have; split it or trim it")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The cap.
        max: u64,
    },
    /// The bytes are not text.
    #[error(
        "{path} does not hold text ({what}), whatever its name says; Marginalia reads articles \
         saved as plain text, Markdown, HTML, PDF, Word, OpenDocument or an e-mail (.eml): save the \
         article in one of those and open that"
    )]
    NotText {
        /// The file.
        path: PathBuf,
        /// What it looks like instead.
        what: String,
    },
    /// The HTML page would take too long, or too much memory, to read.
    #[error(
        "{path} is an HTML page too complex to read as an article ({why}); save the article's \
         text from your browser as a .txt file and import that"
    )]
    TooComplex {
        /// The file.
        path: PathBuf,
        /// What ran out.
        why: super::html::TooComplex,
    },
    /// An e-mail that cannot be read as one.
    #[error(
        "{path} cannot be read as an e-mail: {why}; save the message from your mail program as \
         an .eml file (or its text as a .txt file) and open that"
    )]
    Email {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        why: super::email::EmailError,
    },
    /// A Word or ODF file that cannot be read as one.
    #[error(
        "{path} cannot be read: {why}; save it again from your word processor (or its text as a \
         .txt file) and open that"
    )]
    Office {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        why: super::office::OfficeError,
    },
    /// A PDF that gives no article.
    #[error("{path} cannot be opened as an article: {why}")]
    Pdf {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        why: super::pdf::PdfError,
    },
    /// Decoding left nothing to annotate.
    #[error("{path} holds no text to annotate")]
    Empty {
        /// The file.
        path: PathBuf,
    },
}

/// What kind of article a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleKind {
    /// Plain text.
    Text,
    /// Markdown, kept as written.
    Markdown,
    /// An HTML page, reduced to its article text.
    Html,
}

/// An article read from disk, ready to annotate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedArticle {
    /// A title found in the file (HTML headline, Markdown heading) or made from its name.
    pub title: String,
    /// The normalized text.
    pub text: String,
    /// The encoding the bytes were read in.
    pub encoding: &'static str,
    /// Whether that encoding was guessed (no BOM, not UTF-8).
    pub encoding_guessed: bool,
    /// Who published or sent it, where the file says (an e-mail's sender).
    pub source: String,
    /// When it was published or sent, where the file says (an e-mail's date, RFC 3339).
    pub date: String,
    /// An e-mail's attachments.
    pub attachments: Vec<super::email::Attachment>,
    /// What kind of document it was read from ("a PDF of 3 pages"); empty for a text file.
    pub document: String,
}

impl ImportedArticle {
    /// How it was read, for the one reading it: "a PDF of 3 pages", "read as UTF-8", "read as
    /// windows-1252 (guessed: check the text)".
    pub fn read_as(&self) -> String {
        if !self.document.is_empty() {
            self.document.clone()
        } else if self.encoding_guessed {
            format!("read as {} (guessed: check the text)", self.encoding)
        } else {
            format!("read as {}", self.encoding)
        }
    }
}

/// Reads and normalizes the article at `path`.
pub fn import_article(path: &Path) -> Result<ImportedArticle, ImportError> {
    let bytes = super::format::read_capped(path, MAX_ARTICLE_BYTES).map_err(|source| {
        if source.kind() == std::io::ErrorKind::FileTooLarge {
            ImportError::TooLarge {
                path: path.to_owned(),
                max: MAX_ARTICLE_BYTES,
            }
        } else {
            ImportError::Read {
                path: path.to_owned(),
                source,
            }
        }
    })?;
    match extension_of(path).as_str() {
        "eml" => return import_email(path, &bytes),
        "docx" => return import_office(path, super::office::read_docx(&bytes), "a Word document"),
        "odt" => {
            return import_office(
                path,
                super::office::read_odt(&bytes),
                "an OpenDocument text",
            );
        }
        "pdf" => return import_pdf(path, &bytes),
        _ => {}
    }
    if bytes.starts_with(b"%PDF-") {
        return import_pdf(path, &bytes);
    }
    let decoded = decode(&bytes).map_err(|what| ImportError::NotText {
        path: path.to_owned(),
        what,
    })?;
    let kind = kind_of(path, &decoded.text);
    let stem = file_stem_title(path);
    let (title, text) = match kind {
        ArticleKind::Html => {
            let extracted = super::html::extract(&decoded.text, super::html::Budget::IMPORT)
                .map_err(|why| ImportError::TooComplex {
                    path: path.to_owned(),
                    why,
                })?;
            let title = if extracted.title.is_empty() {
                stem
            } else {
                extracted.title
            };
            (title, extracted.text)
        }
        ArticleKind::Markdown => (markdown_title(&decoded.text).unwrap_or(stem), decoded.text),
        ArticleKind::Text => (text_title(&decoded.text).unwrap_or(stem), decoded.text),
    };
    imported(
        path,
        ImportedArticle {
            title,
            text,
            encoding: decoded.encoding,
            encoding_guessed: decoded.guessed,
            source: String::new(),
            date: String::new(),
            attachments: Vec::new(),
            document: String::new(),
        },
    )
}

/// `article`, unless it holds no text to annotate.
fn imported(path: &Path, article: ImportedArticle) -> Result<ImportedArticle, ImportError> {
    if article.text.trim().is_empty() {
        return Err(ImportError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(article)
}

/// Reads an e-mail (`.eml`): its subject as the title and the text's first line.
fn import_email(path: &Path, bytes: &[u8]) -> Result<ImportedArticle, ImportError> {
    let email = super::email::read(bytes).map_err(|why| ImportError::Email {
        path: path.to_owned(),
        why,
    })?;
    let title = if email.subject.is_empty() {
        file_stem_title(path)
    } else {
        email.subject
    };
    imported(
        path,
        ImportedArticle {
            title,
            text: email.text,
            encoding: "UTF-8",
            encoding_guessed: false,
            source: email.source,
            date: email.date,
            attachments: email.attachments,
            document: "an e-mail".to_owned(),
        },
    )
}

/// Reads the text layer of a PDF.
fn import_pdf(path: &Path, bytes: &[u8]) -> Result<ImportedArticle, ImportError> {
    let pdf = super::pdf::read(bytes).map_err(|why| ImportError::Pdf {
        path: path.to_owned(),
        why,
    })?;
    let pages = if pdf.pages == 1 {
        "1 page".to_owned()
    } else {
        format!("{} pages", pdf.pages)
    };
    document(path, pdf.title, pdf.text, format!("a PDF of {pages}"))
}

/// Reads a Word or ODF file.
fn import_office(
    path: &Path,
    read: Result<super::office::OfficeText, super::office::OfficeError>,
    kind: &str,
) -> Result<ImportedArticle, ImportError> {
    let office = read.map_err(|why| ImportError::Office {
        path: path.to_owned(),
        why,
    })?;
    document(path, office.title, office.text, kind.to_owned())
}

/// A document's text as an article: the title its properties give, else its first line as a
/// text file's, else its file name.
fn document(
    path: &Path,
    title: Option<String>,
    text: String,
    kind: String,
) -> Result<ImportedArticle, ImportError> {
    let title = title
        .or_else(|| text_title(&text))
        .unwrap_or_else(|| file_stem_title(path));
    imported(
        path,
        ImportedArticle {
            title,
            text,
            encoding: "UTF-8",
            encoding_guessed: false,
            source: String::new(),
            date: String::new(),
            attachments: Vec::new(),
            document: kind,
        },
    )
}

/// The lower-case extension of `path`, or empty.
fn extension_of(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// A title made from a file's name: "stadium-deal.txt" → "stadium deal".
fn file_stem_title(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_default()
}

/// Text decoded from bytes, with line endings normalized.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM dropped, CRLF and CR turned into LF.
    pub text: String,
    /// The encoding's name.
    pub encoding: &'static str,
    /// Whether the encoding was guessed.
    pub guessed: bool,
}

/// Decodes article bytes, or says what they look like when they are not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            return Err(format!(
                "it starts with a {} mark but is not valid {}",
                encoding.name(),
                encoding.name()
            ));
        }
        return finish(&text, encoding, false);
    }
    if let Some(what) = known_binary(bytes) {
        return Err(what.to_owned());
    }
    if looks_binary(bytes) {
        return Err("it holds binary data: control characters or NUL bytes".to_owned());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text, encoding_rs::UTF_8, false);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(format!(
            "it is neither UTF-8 nor readable as {}, the closest legacy encoding",
            encoding.name()
        ));
    }
    finish(&text, encoding, true)
}

fn finish(text: &str, encoding: &'static Encoding, guessed: bool) -> Result<Decoded, String> {
    if text.contains('\0') {
        return Err("it holds NUL characters".to_owned());
    }
    Ok(Decoded {
        text: normalize_newlines(text),
        encoding: encoding.name(),
        guessed,
    })
}

/// Turns CRLF and lone CR into LF; nothing else changes.
pub fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a zip archive or office document"),
        (b"%PDF-", "a PDF document"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\x7FELF", "a program"),
        (b"RIFF", "a media file"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, what)| what)
}

/// Whether the first 64 KiB have a NUL byte or more than 1 in 100 control bytes.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or_default();
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    controls * 100 > head.len()
}

fn kind_of(path: &Path, text: &str) -> ArticleKind {
    match extension_of(path).as_str() {
        "html" | "htm" | "xhtml" => ArticleKind::Html,
        "md" | "markdown" => ArticleKind::Markdown,
        "txt" | "text" => ArticleKind::Text,
        _ => {
            let head: String = text.trim_start().chars().take(64).collect();
            let head = head.to_ascii_lowercase();
            if head.starts_with("<!doctype html") || head.starts_with("<html") {
                ArticleKind::Html
            } else {
                ArticleKind::Text
            }
        }
    }
}

/// The headline of a plain-text article: its first line that holds anything, when more
/// follows and it reads as a headline (short, not ending as a sentence does). A news text file
/// opens with its headline, and colleagues' files and the corpus list name the article by it.
/// `None` for a text that opens with a paragraph.
fn text_title(text: &str) -> Option<String> {
    const MAX_HEADLINE_CHARS: usize = 200;
    let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
    let first = lines.next()?;
    let more = lines.next().is_some();
    // A sentence ends in a full stop, also inside its closing quotation marks.
    let sentence = first
        .trim_end_matches(['»', '”', '"', '\'', '’', ')', ']'])
        .ends_with(['.', ',', ';', ':']);
    (more && !sentence && first.chars().count() <= MAX_HEADLINE_CHARS).then(|| first.to_owned())
}

fn markdown_title(text: &str) -> Option<String> {
    text.lines()
        .find_map(|line| line.strip_prefix("# "))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_file_is_named_by_its_headline_when_it_opens_with_one() {
        let text = "Governor defends stadium deal\n\nThe governor said on Monday that…\n";
        assert_eq!(
            text_title(text).as_deref(),
            Some("Governor defends stadium deal")
        );
        // A text that opens with a sentence, or holds one line only, has no headline.
        assert_eq!(text_title("The governor said so.\n\nMore.\n"), None);
        assert_eq!(text_title("Il a dit: «Non.»\nLa suite.\n"), None);
        assert_eq!(text_title("One line only\n"), None);
        assert_eq!(text_title(&format!("{}\n\nMore\n", "x".repeat(201))), None);
    }

    #[test]
    fn utf8_bom_is_dropped_and_line_endings_normalized() {
        let decoded = decode(b"\xEF\xBB\xBFone\r\ntwo\rthree\n").ok();
        assert_eq!(
            decoded.map(|d| d.text),
            Some("one\ntwo\nthree\n".to_owned())
        );
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Olá “mundo” 👋".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode(&bytes).ok();
        assert_eq!(
            decoded.as_ref().map(|d| d.text.as_str()),
            Some("Olá “mundo” 👋")
        );
        assert_eq!(decoded.map(|d| d.encoding), Some("UTF-16LE"));
    }

    #[test]
    fn legacy_encoding_is_detected_and_named() {
        let text =
            "Le ministre a déclaré qu’il était très préoccupé par la décision prise à Genève.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let decoded = decode(&bytes).ok();
        assert_eq!(decoded.as_ref().map(|d| d.text.as_str()), Some(text));
        assert_eq!(decoded.as_ref().map(|d| d.guessed), Some(true));
        assert_eq!(decoded.map(|d| d.encoding), Some("windows-1252"));
    }

    #[test]
    fn binary_files_are_refused_with_what_they_look_like() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err("a PNG image".to_owned())
        );
        assert!(decode(b"PK\x03\x04rest").is_err());
        assert!(decode(b"text\0with nul").is_err());
        let noise: Vec<u8> = (0u32..4096)
            .map(|i| i.wrapping_mul(2_654_435_761).to_le_bytes()[1])
            .collect();
        assert!(decode(&noise).is_err());
    }

    #[test]
    fn nothing_else_changes() {
        // No Unicode normalization: a decomposed é stays decomposed; tabs stay.
        let text = "e\u{301}\tcafé  \n\n  spaced";
        assert_eq!(decode(text.as_bytes()).map(|d| d.text), Ok(text.to_owned()));
    }
}
