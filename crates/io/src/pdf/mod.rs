//! PDF import: the text layer of a PDF, as an article reads. `pdf-extract` (on `lopdf`) reads
//! the file and decodes its fonts; [`glyphs`] keeps each glyph's place on the page; the rest is
//! ours: [`layout`] puts a page's words in reading order (columns, a headline spanning them),
//! [`margins`] takes out running headers, footers and page numbers and keeps footnotes for
//! after the text, and [`flow`] rebuilds paragraphs from lines and joins words a line break
//! hyphenated.
//!
//! A PDF without a text layer (a scan), one locked with a password, or one that cannot be read
//! gets its own [`PdfError`]; a panic inside the reader is caught and reported as a broken file.

mod flow;
mod glyphs;
mod layout;
mod margins;

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

/// Why a PDF gave no article.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The file is locked with a password.
    #[error(
        "it is locked with a password; open it in a PDF reader with the password and save or \
         print a copy without one"
    )]
    Encrypted,
    /// The pages carry images only.
    #[error(
        "its {pages} page(s) hold no text, only images (a scan or a photographed page); run it \
         through text recognition (OCR) and open the result"
    )]
    NoText {
        /// How many pages it has.
        pages: usize,
    },
    /// The file is not a PDF that can be read.
    #[error("it is not a PDF that can be read ({0})")]
    Broken(String),
    /// Reading would take too long or hold too much.
    #[error("{0}")]
    TooComplex(&'static str),
}

/// The text of a PDF, paragraph by paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfText {
    /// The document's title, where its properties give one the text also opens with.
    pub title: Option<String>,
    /// The paragraphs, one per line, footnotes after them.
    pub text: String,
    /// How many pages it has.
    pub pages: usize,
}

/// Reads the text layer of the PDF `bytes`.
pub fn read(bytes: &[u8]) -> Result<PdfText, PdfError> {
    let document = quietly(|| load(bytes)).map_err(|_| broken("the reader stopped"))??;
    let mut collector = glyphs::Collector::new();
    let run = quietly(|| pdf_extract::output_doc(&document, &mut collector));
    if let Some(why) = collector.stopped.take() {
        return Err(why);
    }
    match run {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(broken(&e.to_string())),
        Err(_) => return Err(broken("the reader stopped on a page it could not read")),
    }
    let pages = collector.pages;
    let page_count = pages.len();
    if pages
        .iter()
        .all(|p| p.glyphs.iter().all(glyphs::Glyph::is_blank))
    {
        return Err(PdfError::NoText { pages: page_count });
    }
    let text = text_of(&pages);
    let title = title(&document).filter(|t| opens_with(&text, t));
    Ok(PdfText {
        title,
        text,
        pages: page_count,
    })
}

fn load(bytes: &[u8]) -> Result<lopdf::Document, PdfError> {
    let mut document = lopdf::Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) => PdfError::Encrypted,
        e => broken(&e.to_string()),
    })?;
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    if document.get_pages().is_empty() {
        return Err(broken("it has no pages"));
    }
    spell_out_widths(&mut document);
    Ok(document)
}

/// Most glyph widths one font's ranges may spell out.
const MAX_RANGE_WIDTHS: i64 = 65_536;

/// Rewrites each composite font's glyph widths given as ranges (`first last width`) as lists
/// (`first [width width …]`), the form `pdf-extract` reads right: it takes a range's three
/// numbers all from its first, so every glyph of a range falls back to the default width and
/// the words after it drift along the line.
fn spell_out_widths(document: &mut lopdf::Document) {
    use lopdf::Object;
    let fonts: Vec<(lopdf::ObjectId, Vec<Object>)> = document
        .objects
        .iter()
        .filter_map(|(&id, object)| {
            let dict = object.as_dict().ok()?;
            let subtype = dict.get(b"Subtype").and_then(Object::as_name).ok()?;
            if subtype != b"CIDFontType0" && subtype != b"CIDFontType2" {
                return None;
            }
            let widths = match dict.get(b"W").ok()? {
                Object::Reference(r) => document.get_object(*r).ok()?.as_array().ok()?,
                other => other.as_array().ok()?,
            };
            Some((id, widths.clone()))
        })
        .collect();
    for (id, widths) in fonts {
        let mut spelled = Vec::with_capacity(widths.len());
        let mut budget = MAX_RANGE_WIDTHS;
        let mut rest = widths.as_slice();
        while let [first, next, tail @ ..] = rest {
            if let Object::Array(_) = next {
                spelled.extend([first.clone(), next.clone()]);
                rest = tail;
                continue;
            }
            let [width, tail @ ..] = tail else { break };
            let (Ok(first_id), Ok(last_id)) = (first.as_i64(), next.as_i64()) else {
                break;
            };
            let count = (last_id - first_id + 1).clamp(0, budget);
            budget -= count;
            let count = usize::try_from(count).unwrap_or_default();
            spelled.extend([first.clone(), Object::Array(vec![width.clone(); count])]);
            rest = tail;
        }
        if let Ok(dict) = document.get_dictionary_mut(id) {
            dict.set("W", Object::Array(spelled));
        }
    }
}

fn broken(why: &str) -> PdfError {
    PdfError::Broken(why.to_owned())
}

/// The article text of the collected pages.
fn text_of(pages: &[glyphs::Page]) -> String {
    let words: Vec<(f32, Vec<layout::Word>)> =
        pages.iter().map(|p| (p.height, layout::words(p))).collect();
    let mut columns = 0;
    let mut blocks = Vec::new();
    let mut notes = Vec::new();
    for words in margins::without_running_lines(words) {
        let mut page = layout::blocks(words, &mut columns);
        notes.extend(margins::take_footnotes(&mut page));
        blocks.extend(page);
    }
    let mut paragraphs = flow::paragraphs(&blocks);
    paragraphs.extend(flow::footnotes(&notes));
    paragraphs.join("\n")
}

/// The title in the document's properties.
fn title(document: &lopdf::Document) -> Option<String> {
    let info = document.trailer.get(b"Info").ok()?;
    let info = match info {
        lopdf::Object::Reference(id) => document.get_dictionary(*id).ok()?,
        lopdf::Object::Dictionary(d) => d,
        _ => return None,
    };
    let title = lopdf::decode_text_string(info.get(b"Title").ok()?).ok()?;
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some(title)
}

/// Whether `text` opens with `title` (in its first three lines): a title the document's
/// author gave, not a file name or a template's.
fn opens_with(text: &str, title: &str) -> bool {
    let title = title.to_lowercase();
    text.lines()
        .take(3)
        .any(|line| line.to_lowercase().contains(&title))
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, catching a panic without printing it: the PDF reader can panic on a malformed
/// file, and that is reported as a broken file, not as a crash.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.get() {
                previous(info);
            }
        }));
    });
    QUIET.set(true);
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.set(false);
    result
}
