//! Exports: labelled spans out of Marginalia in the formats newsrooms and NLP tools read. Core
//! yields the spans ([`marginalia_core::labelled_spans`]); each format has one writer here. The
//! window and the command line call the same writers.

mod brat;
mod claimreview;
mod csv;
mod html;
mod jsonl;
mod md;
mod w3c;
mod xlsx;

pub use md::escape as markdown_escape;

use std::io::Write;
use std::path::{Path, PathBuf};

use marginalia_core::Document;

pub use brat::{brat_ann, brat_fragments};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV, one row per annotation.
    Csv,
    /// An Excel workbook with the CSV's rows, every cell text.
    Xlsx,
    /// One JSON object per article, in the shape spaCy and Prodigy read.
    Jsonl,
    /// brat standoff: a folder with NAME.txt, NAME.ann and annotation.conf.
    Brat,
    /// A W3C Web Annotation JSON-LD `AnnotationCollection`.
    W3c,
    /// A Markdown report an editor reads.
    Md,
    /// The article as a self-contained, printable HTML page with highlights.
    Html,
    /// schema.org `ClaimReview` JSON-LD: one review per claim with a verdict.
    ClaimReview,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Self; 8] = [
        Self::Csv,
        Self::Xlsx,
        Self::Jsonl,
        Self::Brat,
        Self::W3c,
        Self::Md,
        Self::Html,
        Self::ClaimReview,
    ];

    /// The format's short name on the command line (`--format csv`).
    pub fn id(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
            Self::Jsonl => "jsonl",
            Self::Brat => "brat",
            Self::W3c => "w3c",
            Self::Md => "md",
            Self::Html => "html",
            Self::ClaimReview => "claimreview",
        }
    }

    /// The format with this short name.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The format's name in menus.
    pub fn name(self) -> &'static str {
        match self {
            Self::Csv => "CSV spreadsheet",
            Self::Xlsx => "Excel workbook (xlsx)",
            Self::Jsonl => "JSONL (spaCy, Prodigy)",
            Self::Brat => "brat standoff folder",
            Self::W3c => "W3C Web Annotation (JSON-LD)",
            Self::Md => "Markdown report",
            Self::Html => "HTML page",
            Self::ClaimReview => "ClaimReview (fact-check verdicts, JSON-LD)",
        }
    }

    /// Whether the export is a binary file rather than text, never written to a terminal.
    pub fn is_binary(self) -> bool {
        self == Self::Xlsx
    }

    /// The file name extension; `None` for brat, which writes a folder.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Self::Csv => Some("csv"),
            Self::Xlsx => Some("xlsx"),
            Self::Jsonl => Some("jsonl"),
            Self::Brat => None,
            Self::W3c => Some("jsonld"),
            Self::Md => Some("md"),
            Self::Html => Some("html"),
            Self::ClaimReview => Some("json"),
        }
    }

    /// Whether the export needs the publishing organisation ([`Options::publisher`]).
    pub fn needs_publisher(self) -> bool {
        self == Self::ClaimReview
    }
}

/// What an export needs beyond the documents.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// The organisation that publishes the fact-checks (`ClaimReview`'s `author`): from the
    /// corpus's settings, the app's, or `--publisher`.
    pub publisher: &'a str,
}

/// One annotated article to export, with the name its outputs are known by.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The document.
    pub doc: &'a Document,
    /// A short name: the annotation file's stem (brat file names, report headings).
    pub name: &'a str,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// Where.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// brat writes a folder of files, not a stream.
    #[error("brat export writes a folder: name one with -o DIR")]
    BratNeedsFolder,
    /// A spreadsheet cell holds at most 32,767 characters.
    #[error(
        "annotation {annotation}'s {column} is longer than a spreadsheet cell holds \
         (32,767 characters): export it as CSV or JSONL instead"
    )]
    CellTooLong {
        /// The annotation's id.
        annotation: String,
        /// The column, as the header names it.
        column: &'static str,
    },
    /// A worksheet holds at most 1,048,576 rows.
    #[error(
        "more annotations than a spreadsheet holds (1,048,575 rows): export them as CSV or \
         JSONL instead"
    )]
    TooManyRows,
    /// `ClaimReview` names who publishes the fact-checks.
    #[error(
        "ClaimReview names the organisation that publishes the fact-checks: give it with \
         --publisher NAME, or as `publisher` in the corpus's marginalia-corpus.ron"
    )]
    NoPublisher,
    /// Nothing to review: no annotation has a verdict.
    #[error("no claim has a verdict yet: rate claims first (V in the window), then export")]
    NothingRated,
    /// Encoding the output failed (a bug, not a user error).
    #[error("cannot encode the export: {0}")]
    Encode(String),
}

/// Writes `sources` in `format` to `out` (every format but brat).
pub fn write_stream(
    format: Format,
    sources: &[Source<'_>],
    options: Options<'_>,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let bytes = to_bytes(format, sources, options)?;
    out.write_all(&bytes).map_err(|source| ExportError::Write {
        path: PathBuf::from("-"),
        source,
    })
}

/// The export of `sources` in `format` as bytes (every format but brat).
pub fn to_bytes(
    format: Format,
    sources: &[Source<'_>],
    options: Options<'_>,
) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Csv => csv::write(sources),
        Format::Xlsx => xlsx::write(sources),
        Format::Jsonl => Ok(jsonl::write(sources).into_bytes()),
        Format::W3c => Ok(w3c::write(sources).into_bytes()),
        Format::Md => Ok(md::write(sources).into_bytes()),
        Format::Html => Ok(html::write(sources, options.publisher).into_bytes()),
        Format::ClaimReview => {
            if options.publisher.trim().is_empty() {
                return Err(ExportError::NoPublisher);
            }
            if !sources
                .iter()
                .any(|s| s.doc.annotations().iter().any(|a| a.verdict.is_some()))
            {
                return Err(ExportError::NothingRated);
            }
            Ok(claimreview::write(sources, options.publisher).into_bytes())
        }
        Format::Brat => Err(ExportError::BratNeedsFolder),
    }
}

/// Writes `sources` in `format` to `path`: a file written atomically, or for brat a folder
/// (created when missing) holding one `.txt` and `.ann` per source and `annotation.conf`.
pub fn write_to_path(
    format: Format,
    sources: &[Source<'_>],
    options: Options<'_>,
    path: &Path,
) -> Result<(), ExportError> {
    let write = |file: &Path, bytes: &[u8]| {
        super::format::write_atomically(file, bytes).map_err(|source| ExportError::Write {
            path: file.to_owned(),
            source,
        })
    };
    if format == Format::Brat {
        std::fs::create_dir_all(path).map_err(|source| ExportError::Write {
            path: path.to_owned(),
            source,
        })?;
        for (name, bytes) in brat::files(sources) {
            write(&path.join(name), bytes.as_bytes())?;
        }
        Ok(())
    } else {
        write(path, &to_bytes(format, sources, options)?)
    }
}
