//! What the workspace asks the user, one [`Prompt`] at a time, and what waits for the answer.

use std::path::PathBuf;

use marginalia_core::{AnnotationId, Document, SpeakerId};
use marginalia_io as io;
use marginalia_io::export::Format;

use crate::corpus;

/// What waits for unsaved changes to be saved or discarded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Close the window.
    Quit,
    /// Open this file.
    Open(PathBuf),
    /// Ask which file to open.
    OpenDialog,
    /// Open an article of the corpus.
    Corpus(Box<corpus::CorpusOpen>),
}

/// What a path is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// A file to open.
    Open,
    /// Where to save.
    Save,
    /// Where to export (a file, or a folder for brat).
    Export(Format),
    /// A colleague's annotation file to review against mine.
    Review,
    /// A folder of articles to open as a corpus.
    OpenFolder,
    /// Where to write everything the selected person of the corpus said.
    ExportQuotes(corpus::QuotesFormat),
}

impl FilePurpose {
    /// The extensions of the files the purpose takes; none when it takes a folder.
    pub fn extensions(self) -> Vec<&'static str> {
        match self {
            Self::Open => std::iter::once("ron")
                .chain(io::import::ARTICLE_EXTENSIONS)
                .collect(),
            Self::Save | Self::Review => vec!["ron"],
            Self::Export(format) => format.extension().into_iter().collect(),
            Self::OpenFolder => Vec::new(),
            Self::ExportQuotes(format) => vec![format.extension()],
        }
    }

    /// Whether the purpose takes a folder rather than a file.
    pub fn wants_folder(self) -> bool {
        self.extensions().is_empty()
    }

    /// Whether the path chosen is written to (a name may be new) rather than read.
    pub fn writes(self) -> bool {
        matches!(self, Self::Save | Self::Export(_) | Self::ExportQuotes(_))
    }

    /// What a dialog for the purpose is titled, and the word on its button.
    pub fn title_and_verb(self) -> (String, &'static str) {
        let (title, verb) = match self {
            Self::Open => ("Open an article or annotation file", "Open"),
            Self::Save => ("Save annotations as", "Save"),
            Self::Export(Format::Brat) => ("Export to a brat folder", "Export"),
            Self::Export(format) => return (format!("Export as {}", format.name()), "Export"),
            Self::Review => ("Review a colleague's annotation file", "Review"),
            Self::OpenFolder => ("Open a folder of articles", "Open"),
            Self::ExportQuotes(_) => ("Write their quotes to", "Write"),
        };
        (title.to_owned(), verb)
    }

    /// The path chosen, with `.ron` added to a file saved under a name without an extension.
    pub fn finish_path(self, path: PathBuf) -> PathBuf {
        if self == Self::Save && path.extension().is_none() {
            path.with_extension("ron")
        } else {
            path
        }
    }
}

/// A question or form the window shows, one at a time; the others wait beneath it.
#[derive(Clone, Debug)]
pub enum Prompt {
    /// Save, discard or cancel before `then`.
    Unsaved {
        /// What follows a save or discard.
        then: Pending,
    },
    /// The file changed on disk since it was opened: overwrite, save as, or review theirs?
    Conflict {
        /// The file.
        path: PathBuf,
        /// What follows a save.
        then: Option<Pending>,
    },
    /// A file exists where the document would be saved: replace it?
    Replace {
        /// The file.
        path: PathBuf,
        /// What follows a save.
        then: Option<Pending>,
    },
    /// Something failed.
    Error {
        /// What failed.
        title: String,
        /// Why, and what to do.
        message: String,
    },
    /// The file's article text was edited by hand: open it re-anchored?
    Reanchor(Box<Reanchor>),
    /// Unsaved changes from a window that did not close normally.
    Recover {
        /// The recovery copies found.
        entries: Vec<io::recovery::Recovered>,
    },
    /// Delete an annotation that others respond to?
    ConfirmDelete {
        /// The annotation.
        id: AnnotationId,
        /// How many respond to it.
        responses: usize,
    },
    /// Delete a speaker that annotations name?
    ConfirmDeleteSpeaker {
        /// The speaker.
        id: SpeakerId,
        /// How many annotations name it.
        uses: usize,
    },
    /// An annotation file was dropped while a document is open: open it, or review it?
    DroppedRon {
        /// The dropped file.
        path: PathBuf,
    },
    /// No system file dialog: a path is typed, relative to `folder`.
    TypePath {
        /// What the path is for.
        purpose: FilePurpose,
        /// Where relative paths are taken from.
        folder: PathBuf,
        /// The path proposed (relative to `folder` where it lies inside it).
        proposed: String,
        /// What follows a save.
        then: Option<Pending>,
    },
    /// Pick the speaker of this annotation.
    PickSpeaker(AnnotationId),
    /// Pick what this annotation responds to.
    PickRespondsTo(AnnotationId),
    /// This annotation's fact-check verdict.
    Verdict(AnnotationId),
    /// The ratings verdicts are given on.
    Scale,
    /// Who is annotating.
    AnnotatorName,
    /// Who publishes the fact-checks (`ClaimReview`'s author).
    Publisher {
        /// Export as `ClaimReview` once it is named.
        then_export: bool,
    },
    /// The article's headline, publisher and address; an e-mail's attachments.
    ArticleDetails {
        /// The attachments of the e-mail the article was read from, if it was.
        attachments: Vec<io::email::Attachment>,
    },
    /// The keyboard shortcuts.
    Shortcuts,
    /// What Marginalia is.
    About,
}

/// An annotation file whose text was edited by hand, re-anchored and waiting for the user's
/// word before it opens.
#[derive(Clone, Debug)]
pub struct Reanchor {
    /// The file.
    pub path: PathBuf,
    /// How many annotations stayed, moved and became orphans.
    pub tally: marginalia_core::anchor::Tally,
    /// The document with its annotations placed on the edited text.
    pub document: Document,
    /// The file as read.
    pub fingerprint: Option<io::format::Fingerprint>,
}
