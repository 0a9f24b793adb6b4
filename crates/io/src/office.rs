//! Word (`.docx`) and ODF (`.odt`) files to article text: the body's headings and
//! paragraphs in order, list items (each opened with "- "), tables as one line per row (cells
//! separated by " | "), footnotes after the text; headers, footers, comments and deleted tracked
//! changes left out, inserted tracked changes kept. Parts are read within a size cap, so a
//! small file that would unpack to gigabytes (a zip bomb) is refused.

use std::fmt::Write as _;
use std::io::{Cursor, Read};

use roxmltree::{Document, Node};

/// Largest part of a document read, unpacked, in bytes.
pub const MAX_PART_BYTES: u64 = 48 * 1024 * 1024;

const WORD: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const DC: &str = "http://purl.org/dc/elements/1.1/";

/// Why a document could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OfficeError {
    /// Not a zip file, or one without the parts of its kind.
    #[error("it is not a {kind} document ({why})")]
    NotDocument {
        /// "Word" or "ODF".
        kind: &'static str,
        /// What is missing or broken.
        why: String,
    },
    /// A part unpacks to more than [`MAX_PART_BYTES`].
    #[error("its {part} would unpack to more than {max} bytes")]
    TooLarge {
        /// The part.
        part: String,
        /// The cap.
        max: u64,
    },
    /// The file is encrypted (a password-protected document).
    #[error("it is protected by a password; save an unprotected copy and open that")]
    Encrypted,
}

/// A document's text and title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfficeText {
    /// The title in the document's properties, if any.
    pub title: Option<String>,
    /// The text: one paragraph per line.
    pub text: String,
}

/// Reads a `.docx` file's bytes.
pub fn read_docx(bytes: &[u8]) -> Result<OfficeText, OfficeError> {
    let mut zip = open_zip(bytes, "Word")?;
    let body = part(&mut zip, "word/document.xml", "Word")?;
    let body = parse(&body, "Word")?;
    let footnotes = optional_part(&mut zip, "word/footnotes.xml")?;
    let footnotes = match &footnotes {
        Some(xml) => Some(parse(xml, "Word")?),
        None => None,
    };
    let mut lines = Vec::new();
    let mut notes = Vec::new();
    if let Some(body) = body.descendants().find(|n| n.has_tag_name((WORD, "body"))) {
        word_block(body, &mut lines, &mut notes);
    }
    if let Some(footnotes) = &footnotes {
        for (n, id) in notes.into_iter().enumerate() {
            if let Some(note) = footnotes.descendants().find(|n| {
                n.has_tag_name((WORD, "footnote")) && n.attribute((WORD, "id")) == Some(&id)
            }) {
                let mut note_lines = Vec::new();
                word_block(note, &mut note_lines, &mut Vec::new());
                lines.push(format!("[{}] {}", n + 1, note_lines.join(" ")));
            }
        }
    }
    let title = optional_part(&mut zip, "docProps/core.xml")?.and_then(|xml| title_in(&xml));
    Ok(OfficeText {
        title,
        text: join(lines),
    })
}

/// Reads an `.odt` file's bytes.
pub fn read_odt(bytes: &[u8]) -> Result<OfficeText, OfficeError> {
    let mut zip = open_zip(bytes, "OpenDocument")?;
    let manifest = optional_part(&mut zip, "META-INF/manifest.xml")?;
    if manifest.is_some_and(|m| m.contains("encryption-data")) {
        return Err(OfficeError::Encrypted);
    }
    let content = part(&mut zip, "content.xml", "OpenDocument")?;
    let content = parse(&content, "OpenDocument")?;
    let mut lines = Vec::new();
    let mut notes = Vec::new();
    if let Some(body) = content
        .descendants()
        .find(|n| n.has_tag_name((OFFICE, "text")))
    {
        odt_block(body, &mut lines, &mut notes, false);
    }
    for (n, note) in notes.into_iter().enumerate() {
        lines.push(format!("[{}] {note}", n + 1));
    }
    let title = optional_part(&mut zip, "meta.xml")?.and_then(|xml| title_in(&xml));
    Ok(OfficeText {
        title,
        text: join(lines),
    })
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn open_zip<'a>(bytes: &'a [u8], kind: &'static str) -> Result<Zip<'a>, OfficeError> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        // An OLE container: an encrypted .docx (or an old .doc).
        return Err(OfficeError::Encrypted);
    }
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| OfficeError::NotDocument {
        kind,
        why: e.to_string(),
    })
}

fn part(zip: &mut Zip, name: &str, kind: &'static str) -> Result<String, OfficeError> {
    optional_part(zip, name)?.ok_or_else(|| OfficeError::NotDocument {
        kind,
        why: format!("it has no {name}"),
    })
}

/// A part's text, unpacked within the cap; `None` when the file has no such part.
fn optional_part(zip: &mut Zip, name: &str) -> Result<Option<String>, OfficeError> {
    let Ok(file) = zip.by_name(name) else {
        return Ok(None);
    };
    let too_large = || OfficeError::TooLarge {
        part: name.to_owned(),
        max: MAX_PART_BYTES,
    };
    if file.size() > MAX_PART_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    // The declared size may lie: read one byte past the cap to know.
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| OfficeError::NotDocument {
            kind: "zip",
            why: format!("{name}: {e}"),
        })?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(too_large());
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

fn parse<'a>(xml: &'a str, kind: &'static str) -> Result<Document<'a>, OfficeError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 20_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    Document::parse_with_options(xml, options).map_err(|e| OfficeError::NotDocument {
        kind,
        why: e.to_string(),
    })
}

/// The `dc:title` of a properties part.
fn title_in(xml: &str) -> Option<String> {
    let doc = Document::parse(xml).ok()?;
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name((DC, "title")))?
        .text()?
        .trim()
        .to_owned();
    (!title.is_empty()).then_some(title)
}

/// A paragraph's line: a list item opened with "- ".
fn paragraph_line(text: String, listed: bool) -> String {
    if listed && !text.trim().is_empty() {
        format!("- {}", text.trim())
    } else {
        text
    }
}

/// A table row's line: its cells (each the lines of its paragraphs) separated by " | ".
fn row_line(cells: Vec<Vec<String>>) -> String {
    cells
        .into_iter()
        .map(|cell| join(cell).replace('\n', " "))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Paragraphs on their own lines; no empty ones, white space inside a line collapsed.
fn join(lines: Vec<String>) -> String {
    lines
        .into_iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

// --- Word ---------------------------------------------------------------------------------

/// The paragraphs and tables of a body, a cell or a note, in order; footnote ids into `notes`.
fn word_block(node: Node, lines: &mut Vec<String>, notes: &mut Vec<String>) {
    for child in node.children().filter(Node::is_element) {
        match child.tag_name().name() {
            "p" => {
                let mut text = String::new();
                word_runs(child, &mut text, notes);
                let listed = is_list_paragraph(child);
                lines.push(paragraph_line(text, listed));
            }
            "tbl" => {
                for row in child.children().filter(|n| n.has_tag_name((WORD, "tr"))) {
                    let cells: Vec<Vec<String>> = row
                        .children()
                        .filter(|n| n.has_tag_name((WORD, "tc")))
                        .map(|cell| {
                            let mut cell_lines = Vec::new();
                            word_block(cell, &mut cell_lines, notes);
                            cell_lines
                        })
                        .collect();
                    lines.push(row_line(cells));
                }
            }
            // Inserted tracked changes and content controls hold paragraphs too.
            "ins" | "sdt" | "sdtContent" | "customXml" => word_block(child, lines, notes),
            _ => {}
        }
    }
}

/// Whether a Word paragraph is a list item: numbered by its own properties (a numbering id
/// other than 0, which means none) and no heading, or by a list style ("List Bullet", "List
/// Number").
fn is_list_paragraph(paragraph: Node) -> bool {
    let Some(properties) = paragraph.children().find(|n| n.has_tag_name((WORD, "pPr"))) else {
        return false;
    };
    let numbered = properties
        .descendants()
        .find(|n| n.has_tag_name((WORD, "numId")))
        .and_then(|n| n.attribute((WORD, "val")))
        .is_some_and(|id| id != "0");
    let style = properties
        .children()
        .find(|n| n.has_tag_name((WORD, "pStyle")))
        .and_then(|n| n.attribute((WORD, "val")))
        .unwrap_or_default();
    // An outline level makes a heading, numbered or not (LibreOffice numbers its headings
    // with an outline list whose numbers are empty).
    let heading = style.starts_with("Heading")
        || style == "Title"
        || properties
            .children()
            .any(|n| n.has_tag_name((WORD, "outlineLvl")));
    (numbered && !heading) || (style.starts_with("List") && style != "ListParagraph")
}

/// The text of a paragraph's runs: deleted text and comments left out.
fn word_runs(node: Node, out: &mut String, notes: &mut Vec<String>) {
    for child in node.children().filter(Node::is_element) {
        match child.tag_name().name() {
            "t" => out.push_str(child.text().unwrap_or_default()),
            "tab" => out.push('\t'),
            "br" | "cr" => out.push(' '),
            "noBreakHyphen" => out.push('\u{2011}'),
            "footnoteReference" => {
                if let Some(id) = child.attribute((WORD, "id")) {
                    // Numbered in the order of the text, as a reader sees them.
                    notes.push(id.to_owned());
                    let _ = write!(out, "[{}]", notes.len());
                }
            }
            // Deleted text, comments, field codes and drawings are not the article's words.
            "del" | "delText" | "commentReference" | "instrText" | "drawing" | "pPr" | "rPr" => {}
            _ => word_runs(child, out, notes),
        }
    }
}

// --- OpenDocument -------------------------------------------------------------------------

/// The headings, paragraphs, lists and tables of an ODF text body, in order.
fn odt_block(node: Node, lines: &mut Vec<String>, notes: &mut Vec<String>, listed: bool) {
    for child in node.children().filter(Node::is_element) {
        let ns = child.tag_name().namespace();
        match (ns, child.tag_name().name()) {
            (Some(TEXT), "p" | "h") => {
                let mut text = String::new();
                odt_inline(child, &mut text, notes);
                lines.push(paragraph_line(text, listed));
            }
            (Some(TEXT), "list") => odt_block(child, lines, notes, true),
            (Some(TEXT), "list-item" | "list-header" | "section") => {
                odt_block(child, lines, notes, listed);
            }
            (Some(TABLE), "table") => {
                for row in child
                    .descendants()
                    .filter(|n| n.has_tag_name((TABLE, "table-row")))
                {
                    let cells: Vec<Vec<String>> = row
                        .children()
                        .filter(|n| n.has_tag_name((TABLE, "table-cell")))
                        .map(|cell| {
                            let mut cell_lines = Vec::new();
                            odt_block(cell, &mut cell_lines, notes, false);
                            cell_lines
                        })
                        .collect();
                    lines.push(row_line(cells));
                }
            }
            // Tracked changes keep their deleted text here: not the article's words; nor are
            // anything else's.
            _ => {}
        }
    }
}

/// The text of a paragraph: spans, spaces, tabs and line breaks; notes into `notes`.
fn odt_inline(node: Node, out: &mut String, notes: &mut Vec<String>) {
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or_default());
            continue;
        }
        if !child.is_element() {
            continue;
        }
        match (child.tag_name().namespace(), child.tag_name().name()) {
            (Some(TEXT), "s") => {
                let count: usize = child
                    .attribute((TEXT, "c"))
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(1);
                out.push_str(&" ".repeat(count.min(64)));
            }
            (Some(TEXT), "tab") => out.push('\t'),
            (Some(TEXT), "line-break") => out.push(' '),
            (Some(TEXT), "note") => {
                let mut lines = Vec::new();
                if let Some(body) = child
                    .children()
                    .find(|n| n.has_tag_name((TEXT, "note-body")))
                {
                    odt_block(body, &mut lines, &mut Vec::new(), false);
                }
                notes.push(join(lines).replace('\n', " "));
                let _ = write!(out, "[{}]", notes.len());
            }
            // Comments are not the article's words.
            (Some(OFFICE), "annotation" | "annotation-end") => {}
            _ => odt_inline(child, out, notes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_that_unpacks_past_the_cap_is_refused() {
        use std::io::Write as _;
        let mut bytes = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(Cursor::new(&mut bytes));
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("word/document.xml", options)
                .unwrap_or_else(|e| panic!("{e}"));
            let chunk = vec![b' '; 1 << 20];
            for _ in 0..=MAX_PART_BYTES >> 20 {
                zip.write_all(&chunk).unwrap_or_else(|e| panic!("{e}"));
            }
            zip.finish().unwrap_or_else(|e| panic!("{e}"));
        }
        assert!(bytes.len() < 1 << 20, "a small file: {} bytes", bytes.len());
        assert!(matches!(
            read_docx(&bytes),
            Err(OfficeError::TooLarge { .. })
        ));
    }

    #[test]
    fn what_is_not_a_zip_is_refused() {
        assert!(matches!(
            read_docx(b"plain words"),
            Err(OfficeError::NotDocument { .. })
        ));
        assert_eq!(
            read_odt(b"\xD0\xCF\x11\xE0rest"),
            Err(OfficeError::Encrypted)
        );
    }
}
