//! What the window sends the workspace ([`Action`]), the answers to its prompts ([`Answer`]),
//! and what only the window can carry out ([`Effect`]).

use std::path::PathBuf;
use std::time::Duration;

use marginalia_core::{AnnotationId, Document, Edit, SpeakerId};
use marginalia_io as io;

use crate::corpus::CorpusAction;
use crate::{Command, FilePurpose, ReviewDecision, SuggestionAction};

/// Something the user asked for: from a menu, a shortcut, a panel, a dialog or the review.
#[derive(Clone, Debug)]
pub enum Action {
    /// A command of the command table.
    Command(Command),
    /// A frame begins: take up a file that finished reading and the corpus's latest reading,
    /// and write the recovery copy when it is due.
    Tick,
    /// Wait for the file being read and for the first full reading of the corpus, if any, and
    /// take them up (tests and benchmarks; the window sends [`Action::Tick`] instead).
    FinishReading,
    /// Open the bundled sample, not saved anywhere.
    OpenSample,
    /// Show a document made in memory in place of the open one, as if opened from `path`;
    /// nothing is asked (callers decide).
    OpenDocument {
        /// The document.
        doc: Box<Document>,
        /// Where it is taken to come from.
        path: Option<PathBuf>,
    },
    /// Review a colleague's document, already read, against the open one.
    ReviewDocument {
        /// Their document.
        theirs: Box<Document>,
        /// Their file.
        path: PathBuf,
    },
    /// Save to this path as if it had been chosen in a file dialog: a file there that is not
    /// the document's own is replaced only once the user agrees.
    SaveTo(PathBuf),
    /// A change to the document, one undo step.
    Edit(Edit),
    /// A change merged with the previous one of the same group (a drag, typing).
    EditGrouped(Edit, u64),
    /// Ends the current group of changes.
    EndGroup,
    /// Label the selected text, or relabel the selected annotation.
    Label(String),
    /// Select an annotation, or none.
    Select(Option<AnnotationId>),
    /// Set the text selection as (anchor, head) code points, or clear it.
    SelectText(Option<(usize, usize)>),
    /// Clear the selection, or leave link mode when in it (Esc).
    ClearSelection,
    /// Make `from` respond to the annotation clicked in link mode.
    LinkTo(AnnotationId),
    /// Leave link mode.
    CancelLink,
    /// Bring an annotation into view and select it.
    Show(AnnotationId),
    /// Focus, accept or dismiss a suggested quotation.
    Suggestion(SuggestionAction),
    /// Bring a code point into view.
    ScrollToChar(usize),
    /// Delete an annotation, asking first when others respond to it.
    Delete(AnnotationId),
    /// Delete a speaker, asking first when annotations name it.
    DeleteSpeaker(SpeakerId),
    /// Move an annotation onto the selected text.
    ResizeToSelection(AnnotationId),
    /// Label every find match with this label.
    LabelMatches(String),
    /// Open the find bar on this text (an orphan's quote).
    FindText(String),
    /// The text searched for, as typed.
    SetFindQuery(String),
    /// The label "Label every match" gives.
    SetFindLabel(String),
    /// Close the find bar.
    CloseFind,
    /// Open a file, asking about unsaved changes first.
    Open(PathBuf),
    /// Save attachment N (from 0) of the open article's e-mail beside it and open it.
    OpenAttachment(usize),
    /// A file was dropped onto the window.
    Dropped(PathBuf),
    /// Review this colleague's file against mine.
    StartReview(PathBuf),
    /// A decision in review mode.
    ReviewDecision(ReviewDecision),
    /// Leave review mode; what was taken stays in mine.
    EndReview,
    /// A file dialog closed: the path chosen, or `None` when cancelled. `confirmed` when the
    /// system's dialog already asked about replacing an existing file.
    PathChosen {
        /// The path chosen.
        path: Option<PathBuf>,
        /// Whether the user already agreed to replace a file there.
        confirmed: bool,
    },
    /// The answer to the prompt shown.
    Answer(Answer),
    /// Open this recovery copy.
    Restore(io::recovery::Recovered),
    /// Delete this recovery copy.
    DiscardRecovered(PathBuf),
    /// Stop reading the file being read.
    CancelRead,
    /// The annotator's name, written into the files they save.
    SetAnnotator(String),
    /// The organisation that publishes the fact-checks; then the `ClaimReview` export, when
    /// that is what asked for it.
    SetPublisher {
        /// Its name.
        name: String,
        /// Go on to export.
        then_export: bool,
    },
    /// Gives the annotation this verdict (who rated it and when are filled in), or none.
    Rate {
        /// The annotation.
        id: AnnotationId,
        /// The rating, conclusion, sources and address.
        verdict: Option<Box<marginalia_core::Verdict>>,
    },
    /// Open a folder of articles as a corpus beside the open document.
    OpenFolder(PathBuf),
    /// Something the corpus panel asks.
    Corpus(CorpusAction),
    /// Ask for a path for this purpose (a system dialog, or typed).
    Pick(FilePurpose),
}

/// The user's answer to the prompt on top.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Save, then go on.
    Save,
    /// Drop the changes and go on.
    Discard,
    /// Close the prompt and do nothing.
    Cancel,
    /// Save over a file that changed on disk.
    Overwrite,
    /// Save elsewhere.
    SaveAs,
    /// Review the other version.
    Review,
    /// Replace the file at the path chosen.
    Replace,
    /// Open (a dropped file, a re-anchored document).
    Open,
    /// Go ahead (delete what others depend on).
    Confirm,
    /// A path typed by hand; relative to the document's folder.
    Path(String),
}

/// What only the window can do, asked for by [`Workspace::apply`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Show the system's file dialog for `purpose`, starting in `folder` with `name`.
    PickFile {
        /// What the file is for.
        purpose: FilePurpose,
        /// The folder to start in.
        folder: Option<PathBuf>,
        /// The file name proposed.
        name: Option<String>,
    },
    /// Bring this code point into view.
    ScrollTo(usize),
    /// Give the find bar's field the keyboard focus.
    FocusFind,
    /// Give the corpus search field the keyboard focus.
    FocusCorpusSearch,
    /// Show the orphans, to be placed.
    ShowOrphans,
    /// Show the side panel, or hide it (in a narrow window, open or close its drawer).
    ToggleSidePanel,
    /// Close the window.
    Close,
    /// Send [`Action::Tick`] again after this long, even without input (the recovery copy
    /// falls due).
    WakeAfter(Duration),
}
