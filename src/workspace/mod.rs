//! The window's state, without the window: the open document and its history, the selection,
//! the find bar, a review in progress, crash recovery, files being read, and the flow of
//! saving, discarding, quitting and conflicts, as one state machine.
//!
//! Menus, shortcuts, panels, dialogs and the review all send one [`Action`]; [`Workspace::apply`]
//! is the one place that applies it. What only the window can do (show a file dialog, scroll,
//! close) comes back as [`Effect`]s; what it asks the user is the [`Prompt`] on top of
//! [`Workspace::prompt`]. The egui modules draw this state and send actions; flows are tested
//! here, without pixels.

pub mod command;
pub mod corpus;
pub mod document;
pub mod prefs;
pub mod reading;
pub mod review;
pub mod selection;
pub mod suggestions;

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::core::{
    Annotation, AnnotationId, Document, Edit, History, Problem, ProblemKind, SpeakerId,
};
use crate::io;
use crate::io::export::Format;

pub use command::Command;
pub use corpus::{CorpusAction, CorpusSession};
pub use document::OpenDocument;
pub use prefs::Preferences;
pub use reading::{Job, Read, Waker};
pub use review::{Difference, ReviewDecision, ReviewSession};
pub use selection::{Find, Selection};
pub use suggestions::{SuggestionAction, Suggestions};

/// Something the user asked for: from a menu, a shortcut, a panel, a dialog or the review.
#[derive(Clone, Debug)]
pub enum Action {
    /// A command of the command table.
    Command(Command),
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
    /// Close the window.
    Close,
}

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
    /// Who is annotating.
    AnnotatorName,
    /// The article's headline, publisher and address.
    ArticleDetails,
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
    pub tally: crate::core::anchor::Tally,
    /// The document with its annotations placed on the edited text.
    pub document: Document,
    /// The file as read.
    pub fingerprint: Option<io::format::Fingerprint>,
}

/// A file being read, with what the workspace was when the reading started.
#[derive(Debug)]
struct Reading {
    loading: reading::Loading,
    started: Instant,
    /// The open document's revision then, to notice edits made while it was read.
    revision: Option<u64>,
}

/// How the workspace starts.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Preferences kept from the last run.
    pub preferences: Preferences,
    /// Whether the system's file dialogs can be shown; without them a path is typed.
    pub native_dialogs: bool,
    /// Where unsaved changes are written for crash recovery; none when `None`.
    pub recovery_dir: Option<PathBuf>,
    /// Seconds between recovery writes while there are unsaved changes.
    pub autosave_seconds: f64,
}

/// The bundled sample, opened when no file is given. Saving it always asks where.
const SAMPLE_RON: &str = include_str!("../../sample_docs/sessions-recusal.ron");
/// The sample's name in the window.
const SAMPLE_NAME: &str = "sessions-recusal.ron (sample)";

/// The window's state.
pub struct Workspace {
    prefs: Preferences,
    open: Option<OpenDocument>,
    selection: Selection,
    find: Find,
    review: Option<ReviewSession>,
    /// What the window asks, each with a number no other prompt had; the last is shown.
    prompts: Vec<(u64, Prompt)>,
    /// The number the next prompt gets.
    next_prompt: u64,
    /// A system file dialog is open for this purpose, with what follows a save.
    picking: Option<(FilePurpose, Option<Pending>)>,
    reading: Option<Reading>,
    wake: Waker,
    native_dialogs: bool,
    recovery: Option<io::recovery::Recovery>,
    autosave_seconds: f64,
    /// The revision last written for recovery, and when.
    recovered: Option<(u64, Instant)>,
    /// The user chose to close with unsaved changes (or has none).
    allow_close: bool,
    /// A short message for the status bar.
    status: Option<String>,
    effects: Vec<Effect>,
    /// The suggested quotations of the open document, while they are shown.
    suggestions: Option<Suggestions>,
    /// The folder of articles open beside the document.
    corpus: Option<CorpusSession>,
    /// Where my file of the open corpus article is written at my first change.
    create_on_change: Option<PathBuf>,
    /// A colleague's file to review once the file being read is open.
    then_review: Option<PathBuf>,
    /// A place to show once the file being read is open.
    then_scroll: Option<usize>,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("open", &self.open.as_ref().map(OpenDocument::display_name))
            .field("selection", &self.selection)
            .field("prompts", &self.prompts)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl Workspace {
    /// A workspace with nothing open; `wake` asks the window for a frame when a file has been
    /// read. Recovery copies left by windows that did not close normally are offered.
    pub fn new(options: Options, wake: Waker) -> Self {
        let mut workspace = Self {
            prefs: options.preferences,
            open: None,
            selection: Selection::default(),
            find: Find::default(),
            review: None,
            prompts: Vec::new(),
            next_prompt: 0,
            picking: None,
            reading: None,
            wake,
            native_dialogs: options.native_dialogs,
            recovery: options.recovery_dir.map(io::recovery::Recovery::new),
            autosave_seconds: options.autosave_seconds,
            recovered: None,
            allow_close: false,
            status: None,
            corpus: None,
            create_on_change: None,
            then_review: None,
            then_scroll: None,
            suggestions: None,
            effects: Vec::new(),
        };
        let found = workspace
            .recovery
            .as_ref()
            .map(io::recovery::Recovery::found)
            .unwrap_or_default();
        if !found.is_empty() {
            workspace.ask(Prompt::Recover { entries: found });
        }
        workspace
    }

    // ---- What the window reads ----

    /// The open document, if any.
    pub fn document(&self) -> Option<&OpenDocument> {
        self.open.as_ref()
    }

    /// The selection in the article.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The find bar.
    pub fn find(&self) -> &Find {
        &self.find
    }

    /// The review in progress, if any.
    pub fn review(&self) -> Option<&ReviewSession> {
        self.review.as_ref()
    }

    /// The prompt shown, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompts.last().map(|(_, prompt)| prompt)
    }

    /// A number that tells the prompt shown from any other, even one of the same kind
    /// (a dialog starts its fields afresh for each).
    pub fn prompt_id(&self) -> Option<u64> {
        self.prompts.last().map(|(id, _)| *id)
    }

    /// How many prompts are up (the one shown and those waiting beneath it).
    pub fn prompt_depth(&self) -> usize {
        self.prompts.len()
    }

    /// The suggested quotations of the open document, while they are shown.
    pub fn suggestions(&self) -> Option<&Suggestions> {
        self.suggestions.as_ref()
    }

    /// Whether `command` can run now: what menus grey out, and whether a plain key gives it.
    pub fn can_run(&self, command: Command) -> bool {
        let open = self.open.as_ref();
        match command {
            Command::Undo => open.is_some_and(|o| o.history().can_undo()),
            Command::Redo => open.is_some_and(|o| o.history().can_redo()),
            Command::NextSuggestion | Command::PreviousSuggestion => {
                self.suggestions.as_ref().is_some_and(|s| s.left() > 0)
            }
            Command::DismissSuggestion => self
                .suggestions
                .as_ref()
                .is_some_and(|s| s.current().is_some()),
            _ if command.needs_selected_annotation() => self.selection.annotation.is_some(),
            _ => !command.needs_document() || open.is_some(),
        }
    }

    /// The preferences in force.
    pub fn preferences(&self) -> &Preferences {
        &self.prefs
    }

    /// The message for the status bar, if any.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// The file being read, and for how long, if any.
    pub fn reading(&self) -> Option<(&Job, std::time::Duration)> {
        self.reading
            .as_ref()
            .map(|r| (r.loading.job(), r.started.elapsed()))
    }

    /// Whether the window may close now (no unsaved changes, or the user chose).
    pub fn close_allowed(&self) -> bool {
        self.allow_close || !self.is_dirty()
    }

    /// The window's title: the document's name, with ● while it has unsaved changes.
    pub fn title(&self) -> String {
        match &self.open {
            Some(open) => {
                let marker = if open.is_dirty() { " ●" } else { "" };
                format!("Marginalia — {}{marker}", open.display_name())
            }
            None => match &self.corpus {
                Some(corpus) => format!("Marginalia — {}", io::file_name_of(corpus.root())),
                None => "Marginalia".to_owned(),
            },
        }
    }

    fn is_dirty(&self) -> bool {
        self.open.as_ref().is_some_and(OpenDocument::is_dirty)
    }

    // ---- Opening ----

    /// Opens the bundled sample as a document not saved anywhere.
    pub fn open_sample(&mut self) {
        match io::format::parse(Path::new(SAMPLE_NAME), SAMPLE_RON.as_bytes()) {
            Ok(doc) => {
                let open = OpenDocument::new(doc, History::new(), None, SAMPLE_NAME.to_owned())
                    .suggesting(Some(PathBuf::from("sessions-recusal.ron")));
                self.show(open);
            }
            Err(error) => self.show_error("The sample could not be opened", error.to_string()),
        }
    }

    /// Shows `doc` in place of the open document (no question asked: callers decide), as if
    /// opened from `path`.
    pub fn open_document(&mut self, doc: Document, path: Option<PathBuf>) {
        let name = path
            .as_deref()
            .map_or_else(|| doc.article.title.clone(), io::file_name_of);
        self.show(OpenDocument::new(doc, History::new(), path, name));
    }

    /// Starts reading `path` to open it in place of the open document (callers ask about
    /// unsaved changes first).
    pub fn open_now(&mut self, path: &Path) {
        self.start_reading(Job::Open(path.to_owned()));
    }

    /// Starts reviewing `theirs` (already loaded) against the open document.
    pub fn review_document(&mut self, theirs: Document, path: PathBuf) {
        let Some(open) = &self.open else {
            return;
        };
        self.review = Some(ReviewSession::new(
            open.doc(),
            open.revision(),
            theirs,
            path,
        ));
    }

    fn start_reading(&mut self, job: Job) {
        let loading = reading::Loading::start(job, &self.prefs.annotator, self.wake.clone());
        self.continue_reading(loading);
    }

    /// Takes over `loading`, a read started before the workspace was (the window starts
    /// reading its file while the window itself starts); it is applied as any other read.
    pub fn continue_reading(&mut self, loading: reading::Loading) {
        self.reading = Some(Reading {
            loading,
            started: Instant::now(),
            revision: self.open.as_ref().map(OpenDocument::revision),
        });
    }

    /// Waits for the file being read, if any, and applies it (tests and benchmarks; the
    /// window polls instead).
    pub fn finish_reading(&mut self) {
        if let Some(reading) = self.reading.take() {
            let job = reading.loading.job().clone();
            let revision = reading.revision;
            self.apply_read(&job, revision, reading.loading.wait());
        }
    }

    /// What a read applied between frames asked of the window (a place to show once an
    /// article of the corpus is open); the window carries it out once its views are made.
    #[must_use = "the window must carry out the effects"]
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Applies a finished read, if any; what the window runs each frame.
    pub fn poll_reading(&mut self) {
        if let Some(corpus) = &mut self.corpus {
            corpus.poll();
        }
        let Some(read) = self.reading.as_ref().and_then(|r| r.loading.poll()) else {
            return;
        };
        if let Some(reading) = self.reading.take() {
            self.apply_read(reading.loading.job(), reading.revision, read);
        }
        self.sync_suggestions();
    }

    /// Applies what a finished read brought; `revision` is the open document's when the
    /// reading started.
    fn apply_read(&mut self, job: &Job, revision: Option<u64>, read: Read) {
        let path = job.path().to_owned();
        // Edits made while the file was read are not dropped: the user is asked again, and
        // the file read again after.
        let edited_meanwhile = self
            .open
            .as_ref()
            .is_some_and(|o| Some(o.revision()) != revision && o.is_dirty());
        let replaces_document = matches!(
            read,
            Read::Annotations(Ok(_) | Err(io::format::LoadError::TextChanged { .. }))
                | Read::Article { result: Ok(_), .. }
        );
        if edited_meanwhile && replaces_document {
            self.ask(Prompt::Unsaved {
                then: Pending::Open(path),
            });
            return;
        }
        let name = io::file_name_of(&path);
        let opens = matches!(
            read,
            Read::Annotations(Ok(_)) | Read::Article { result: Ok(_), .. }
        );
        let annotate = matches!(job, Job::Annotate { .. });
        let (review, scroll) = if matches!(job, Job::Review(_)) {
            (None, None)
        } else {
            (self.then_review.take(), self.then_scroll.take())
        };
        match read {
            Read::Annotations(Ok((doc, disk))) => self.opened(doc, disk, &path),
            Read::Article {
                ron_path,
                result: Ok((doc, _)),
            } if annotate => {
                let open = OpenDocument::new(doc, History::new(), None, name)
                    .suggesting(Some(ron_path.clone()));
                self.show_opened(open, &path);
                self.status = Some(format!(
                    "Opened {}; your file {} is made at your first change",
                    path.display(),
                    io::file_name_of(&ron_path)
                ));
                self.create_on_change = Some(ron_path);
            }
            Read::Annotations(Err(io::format::LoadError::TextChanged {
                tally,
                document,
                fingerprint,
                ..
            })) => {
                self.ask(Prompt::Reanchor(Box::new(Reanchor {
                    path,
                    tally,
                    document: *document,
                    fingerprint,
                })));
            }
            Read::Annotations(Err(error)) => {
                self.show_error("The file could not be opened", error.to_string());
            }
            Read::Article { ron_path, result } => match result {
                Ok((doc, imported)) => {
                    let open = OpenDocument::new(doc, History::unsaved(), None, name)
                        .suggesting(Some(ron_path));
                    self.show_opened(open, &path);
                    let guessed = if imported.encoding_guessed {
                        ", guessed: check the text"
                    } else {
                        ""
                    };
                    self.status = Some(format!(
                        "Imported {} (read as {}{guessed}). Save to keep your annotations.",
                        path.display(),
                        imported.encoding
                    ));
                }
                Err(error) => {
                    self.show_error("The article could not be imported", error.to_string());
                }
            },
            Read::Theirs(Ok((theirs, tally))) => self.reviewing(theirs, tally, &path),
            Read::Theirs(Err(error)) => {
                self.show_error("Their file could not be opened", error.to_string());
            }
            Read::Lost => self.show_error(
                "The file could not be read",
                format!(
                    "Reading {} stopped without an answer. This is a bug in Marginalia; the \
                     open document is unchanged.",
                    path.display()
                ),
            ),
        }
        if opens {
            self.then_corpus(review, scroll);
        }
    }

    /// Opens an annotation file read from `path`, saying what it holds that it should not.
    fn opened(&mut self, doc: Document, disk: io::format::Fingerprint, path: &Path) {
        self.discard_recovery();
        let warnings = crate::core::validate::warnings(&doc);
        let name = io::file_name_of(path);
        let open = OpenDocument::new(doc, History::new(), Some(path.to_owned()), name)
            .with_disk(Some(disk));
        self.show_opened(open, path);
        self.status = Some(match warnings.first() {
            None => format!("Opened {}", path.display()),
            Some(first) => format!(
                "Opened {}, with {} to look at: {first}",
                path.display(),
                count(warnings.len(), "thing", "things")
            ),
        });
    }

    /// Starts reviewing their file, read from `path` (re-anchored on its own text when
    /// `tally` says so), and says how their annotations were placed.
    fn reviewing(
        &mut self,
        theirs: Document,
        tally: Option<crate::core::anchor::Tally>,
        path: &Path,
    ) {
        let Some(open) = &self.open else {
            return;
        };
        let different = open.doc().article.sha256() != theirs.article.sha256();
        self.review_document(theirs, path.to_owned());
        self.status = Some(match (tally, different) {
            (Some(tally), _) => format!(
                "Reviewing {}; its article text had been edited by hand, so its annotations \
                 were placed again on it: {tally}",
                path.display()
            ),
            (None, true) => format!(
                "Reviewing {}: it annotates another version of the article, so its \
                 annotations were placed on mine by their quotes",
                path.display()
            ),
            (None, false) => format!("Reviewing {}", path.display()),
        });
    }

    /// Shows `open` in place of the open document, of any review and of what was selected
    /// or found in the old one.
    fn show(&mut self, open: OpenDocument) {
        self.review = None;
        self.create_on_change = None;
        self.selection = Selection::default();
        self.find.matches.clear();
        self.find.current = None;
        self.open = Some(open);
        if self.find.open {
            self.refresh_matches();
        }
        self.suggestions = None;
        self.sync_suggestions();
    }

    /// Shows `open`, read from `path`, and remembers the file among the recent ones.
    fn show_opened(&mut self, open: OpenDocument, path: &Path) {
        self.show(open);
        self.prefs.remember(path);
    }

    /// Opens a document re-anchored on its own edited text, as the user agreed.
    fn open_reanchored(&mut self, reanchored: Reanchor) {
        let Reanchor {
            path,
            tally,
            document,
            fingerprint,
        } = reanchored;
        self.discard_recovery();
        let name = io::file_name_of(&path);
        let open = OpenDocument::new(document, History::unsaved(), Some(path.clone()), name)
            .with_disk(fingerprint);
        self.show_opened(open, &path);
        self.status = Some(format!(
            "Re-anchored {}: {tally}. Save to keep the new places.",
            path.display()
        ));
        if tally.orphaned > 0 {
            self.effects.push(Effect::ShowOrphans);
        }
    }

    /// Opens a recovery copy left by a window that did not close normally.
    fn restore(&mut self, entry: &io::recovery::Recovered) {
        match io::format::load(&entry.file) {
            Ok(doc) => {
                let path = entry.meta.original.clone();
                // What the file is now, valid or not: saving over it checks against that.
                let disk = path.as_deref().and_then(io::format::Fingerprint::read);
                let open =
                    OpenDocument::new(doc, History::unsaved(), path, entry.meta.name.clone())
                        .with_disk(disk);
                self.show(open);
                io::recovery::discard(&entry.file);
                self.recovered = None;
                self.status = Some(format!(
                    "Restored unsaved changes to {} from {}",
                    entry.meta.name, entry.meta.written
                ));
            }
            Err(error) => {
                self.show_error("The recovery copy could not be opened", error.to_string());
            }
        }
    }

    // ---- Prompts ----

    /// Shows `prompt`; one already shown waits beneath it and comes back when it closes.
    fn ask(&mut self, prompt: Prompt) {
        self.prompts.push((self.next_prompt, prompt));
        self.next_prompt += 1;
    }

    fn show_error(&mut self, title: &str, message: String) {
        self.ask(Prompt::Error {
            title: title.to_owned(),
            message,
        });
    }

    // ---- Applying actions ----

    /// Applies `action`; returns what only the window can do.
    #[must_use = "the window must carry out the effects"]
    pub fn apply(&mut self, action: Action) -> Vec<Effect> {
        self.run(action);
        self.sync_suggestions();
        std::mem::take(&mut self.effects)
    }

    fn run(&mut self, action: Action) {
        match action {
            Action::Command(command) => self.command(command),
            Action::Edit(edit) => {
                self.edit(edit, None);
            }
            Action::EditGrouped(edit, group) => {
                self.edit(edit, Some(group));
            }
            Action::EndGroup => {
                if let Some(open) = &mut self.open {
                    open.end_group();
                }
            }
            Action::Label(label) => self.label(&label),
            Action::Suggestion(action) => self.suggestion_action(action),
            Action::Select(id) => {
                if id.is_some() {
                    self.blur_suggestion();
                }
                self.selection.annotation = id;
                self.selection.link_from = None;
            }
            Action::SelectText(text) => {
                if text.is_some_and(|(a, b)| a != b) {
                    self.blur_suggestion();
                }
                self.selection.text = text;
            }
            Action::ClearSelection => {
                self.blur_suggestion();
                if self.selection.link_from.take().is_none() {
                    self.selection.text = None;
                    self.selection.annotation = None;
                }
            }
            Action::LinkTo(target) => {
                if let Some(from) = self.selection.link_from.take() {
                    self.edit(
                        Edit::Link {
                            id: from,
                            responds_to: Some(target),
                        },
                        None,
                    );
                }
            }
            Action::CancelLink => self.selection.link_from = None,
            Action::Show(id) => {
                self.selection.annotation = Some(id);
                if let Some(ann) = self.open.as_ref().and_then(|o| o.doc().annotation(id)) {
                    self.effects.push(Effect::ScrollTo(ann.start));
                }
            }
            Action::ScrollToChar(c) => self.effects.push(Effect::ScrollTo(c)),
            Action::Delete(id) => self.delete(id),
            Action::DeleteSpeaker(id) => self.delete_speaker(id),
            Action::ResizeToSelection(id) => self.resize_to_selection(id),
            Action::LabelMatches(label) => self.label_matches(&label),
            Action::FindText(text) => {
                self.find.open = true;
                self.find.query = text
                    .split_whitespace()
                    .take(6)
                    .collect::<Vec<_>>()
                    .join(" ");
                self.refresh_matches();
                self.step_match(true);
            }
            Action::SetFindQuery(query) => {
                self.find.query = query;
                self.refresh_matches();
            }
            Action::SetFindLabel(label) => self.find.label = Some(label),
            Action::CloseFind => {
                self.find.open = false;
                self.refresh_matches();
            }
            other => self.run_file_action(other),
        }
    }

    /// Applies an action about files, prompts, recovery and preferences.
    fn run_file_action(&mut self, action: Action) {
        match action {
            Action::Open(path) if path.is_dir() => self.open_folder(&path),
            Action::Open(path) => self.when_saved_or_discarded(Pending::Open(path)),
            Action::OpenFolder(path) => self.open_folder(&path),
            Action::Pick(purpose) => self.pick(purpose, None),
            Action::Corpus(action) => self.corpus_action(action),
            Action::Dropped(path) => {
                if io::is_annotation_file(&path) && self.open.is_some() {
                    self.ask(Prompt::DroppedRon { path });
                } else {
                    self.when_saved_or_discarded(Pending::Open(path));
                }
            }
            Action::StartReview(path) => self.start_review(&path),
            Action::ReviewDecision(decision) => self.review_decision(decision),
            Action::EndReview => self.end_review(),
            Action::PathChosen { path, confirmed } => {
                if let Some((purpose, then)) = self.picking.take()
                    && let Some(path) = path
                {
                    self.path_chosen(purpose, path, then, confirmed);
                }
            }
            Action::Answer(answer) => self.answer(answer),
            Action::Restore(entry) => {
                self.take_recover_entry(&entry.file);
                self.restore(&entry);
            }
            Action::DiscardRecovered(file) => {
                self.take_recover_entry(&file);
                io::recovery::discard(&file);
            }
            Action::CancelRead => {
                if let Some(reading) = self.reading.take() {
                    self.status = Some(format!(
                        "Stopped reading {}; nothing changed",
                        reading.loading.job().path().display()
                    ));
                }
            }
            Action::SetAnnotator(name) => {
                name.trim().clone_into(&mut self.prefs.annotator);
                if let Some(corpus) = &mut self.corpus {
                    corpus.set_me(&name);
                }
            }
            // The actions about the document and the selection, applied by `run`.
            _ => {}
        }
    }

    /// Removes a recovery copy from the recovery prompt, closing it when none is left.
    fn take_recover_entry(&mut self, file: &Path) {
        if let Some((_, Prompt::Recover { entries })) = self.prompts.last_mut() {
            entries.retain(|e| e.file != file);
            // Restoring replaces the open document: one at a time, so the prompt closes.
            if entries.is_empty() || self.open.is_some() {
                self.prompts.pop();
            }
        }
    }

    fn command(&mut self, command: Command) {
        if command.needs_document() && self.open.is_none() {
            self.status = Some("Open an article or an annotation file first.".to_owned());
            return;
        }
        if command.needs_corpus() && self.corpus.is_none() {
            self.status = Some("Open a folder of articles first (File ▸ Open folder…).".to_owned());
            return;
        }
        match command {
            Command::Open => self.when_saved_or_discarded(Pending::OpenDialog),
            Command::OpenFolder => self.pick(FilePurpose::OpenFolder, None),
            Command::OpenRecent => {}
            Command::SearchCorpus => {
                self.corpus_action(CorpusAction::Tab(corpus::Tab::Search));
                self.effects.push(Effect::FocusCorpusSearch);
            }
            Command::NextNotDone => self.corpus_action(CorpusAction::NextNotDone),
            Command::PreviousNotDone => self.corpus_action(CorpusAction::PreviousNotDone),
            Command::SetStatus(status) => {
                if self.edit(Edit::SetStatus(status), None).is_some() {
                    self.status = Some(format!("This article is now {}", status.name()));
                }
            }
            Command::CloseCorpus => self.corpus_action(CorpusAction::Close),
            Command::Save => self.save(None),
            Command::SaveAs => self.save_as(None),
            Command::Review => self.pick(FilePurpose::Review, None),
            Command::Export(format) => self.pick(FilePurpose::Export(format), None),
            Command::ArticleDetails => self.ask(Prompt::ArticleDetails),
            Command::Annotator => self.ask(Prompt::AnnotatorName),
            Command::Quit => self.quit(),
            Command::Undo | Command::Redo => self.undo_redo(command == Command::Undo),
            Command::Delete
            | Command::PickSpeaker
            | Command::PickRespondsTo
            | Command::LinkInArticle => self.selected_annotation_command(command),
            Command::Find => {
                self.find.open = true;
                self.refresh_matches();
                self.effects.push(Effect::FocusFind);
            }
            Command::FindNext | Command::FindPrevious => {
                self.step_match(command == Command::FindNext);
            }
            Command::ZoomIn => self.prefs.zoom_by(1),
            Command::ZoomOut => self.prefs.zoom_by(-1),
            Command::ZoomReset => self.prefs.zoom = 1.0,
            Command::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            Command::ToggleSuggestions => {
                self.prefs.suggestions = !self.prefs.suggestions;
                self.sync_suggestions();
                self.status = Some(match &self.suggestions {
                    Some(s) => format!(
                        "{} to decide: Tab goes to the next, a label's key accepts it with its \
                         speaker, Backspace dismisses it.",
                        count(s.left(), "suggested quotation", "suggested quotations")
                    ),
                    None if self.prefs.suggestions => {
                        "Suggested quotes will show in the articles you open.".to_owned()
                    }
                    None => "Suggested quotes hidden.".to_owned(),
                });
            }
            Command::NextSuggestion | Command::PreviousSuggestion => {
                self.step_suggestion(command == Command::NextSuggestion);
            }
            Command::DismissSuggestion => self.suggestion_action(SuggestionAction::Dismiss),
            Command::Shortcuts => self.ask(Prompt::Shortcuts),
            Command::About => self.ask(Prompt::About),
        }
    }

    /// Runs a command that acts on the selected annotation, or says to select one.
    fn selected_annotation_command(&mut self, command: Command) {
        let Some(id) = self.selected_annotation() else {
            self.status = Some("Select an annotation first: click its highlight.".to_owned());
            return;
        };
        match command {
            Command::PickSpeaker => self.ask(Prompt::PickSpeaker(id)),
            Command::PickRespondsTo => self.ask(Prompt::PickRespondsTo(id)),
            Command::LinkInArticle => self.selection.link_from = Some(id),
            _ => self.delete(id),
        }
    }

    /// The selected annotation, when it still exists.
    fn selected_annotation(&self) -> Option<AnnotationId> {
        let id = self.selection.annotation?;
        self.open.as_ref()?.doc().annotation(id).map(|a| a.id)
    }

    // ---- Changes to the document ----

    /// Applies `edit` as an undo step; a refusal is said in the status bar.
    fn edit(&mut self, edit: Edit, group: Option<u64>) -> Option<()> {
        let open = self.open.as_mut()?;
        match open.apply(edit, group) {
            Ok(()) => {
                self.forget_missing_selection();
                // A corpus article opened without a file of mine: my first change makes it.
                if let Some(target) = self.create_on_change.take() {
                    if let Some(open) = &mut self.open {
                        open.begin_work();
                    }
                    let target = io::free_path(&target);
                    if self.save_checked(&target, None, false) {
                        self.status = Some(format!(
                            "Made your file {} for this article",
                            target.display()
                        ));
                    }
                }
                Some(())
            }
            Err(problem) => {
                self.refused(&problem);
                None
            }
        }
    }

    /// Says why a change was refused, or does what the user meant: a duplicate of an
    /// annotation selects that one.
    fn refused(&mut self, problem: &Problem) {
        match problem.kind {
            ProblemKind::DuplicateAnnotation(existing) => {
                self.selection.annotation = Some(existing);
                self.status = Some(format!(
                    "Annotation {existing} already has that span and label: selected it."
                ));
            }
            _ => self.status = Some(format!("Not changed: {problem}")),
        }
    }

    /// Drops the selected annotation from the selection once it no longer exists.
    fn forget_missing_selection(&mut self) {
        let exists = |id: AnnotationId| {
            self.open
                .as_ref()
                .is_some_and(|o| o.doc().annotation(id).is_some())
        };
        if self.selection.annotation.is_some_and(|id| !exists(id)) {
            self.selection.annotation = None;
        }
        if self.selection.link_from.is_some_and(|id| !exists(id)) {
            self.selection.link_from = None;
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        let Some(open) = &mut self.open else {
            return;
        };
        let result = if undo { open.undo() } else { open.redo() };
        match result {
            Ok(true) => {}
            Ok(false) => {
                self.status = Some(if undo {
                    "Nothing to undo.".to_owned()
                } else {
                    "Nothing to redo.".to_owned()
                });
            }
            Err(problem) => {
                let what = if undo { "undo" } else { "redo" };
                self.status = Some(format!("Could not {what}: {problem}"));
            }
        }
        self.forget_missing_selection();
    }

    /// Labels the selected text (a new annotation) or relabels the selected annotation.
    fn label(&mut self, label: &str) {
        let Some(open) = &self.open else {
            return;
        };
        let doc = open.doc();
        let name = doc
            .label(label)
            .map_or(label, |l| l.name.as_str())
            .to_owned();
        if let Some((start, end)) = self.selection.range() {
            let Some((start, end)) = doc.article.snap_selection(start, end) else {
                self.status = Some("The selection holds only white space.".to_owned());
                return;
            };
            let id = doc.next_annotation_id();
            let Some(ann) = Annotation::on_text(&doc.article, id, label, start, end) else {
                return;
            };
            if self.edit(Edit::AddAnnotation(ann), None).is_some() {
                self.selection.annotation = Some(id);
                self.selection.text = Some((end, end));
            }
        } else if self
            .suggestions
            .as_ref()
            .is_some_and(|s| s.current().is_some())
            && self.selected_annotation().is_none()
        {
            self.suggestion_action(SuggestionAction::Accept(label.to_owned()));
        } else if let Some(id) = self.selected_annotation() {
            if doc.annotation(id).is_some_and(|a| a.label != label) {
                self.edit(
                    Edit::Relabel {
                        id,
                        label: label.to_owned(),
                    },
                    None,
                );
            }
        } else {
            self.status = Some(format!(
                "Select text first (drag, or double-click a word), then press the key to label \
                 it {name}."
            ));
        }
    }

    fn resize_to_selection(&mut self, id: AnnotationId) {
        let snapped = self.selection.range().and_then(|(start, end)| {
            self.open
                .as_ref()
                .and_then(|o| o.doc().article.snap_selection(start, end))
        });
        match snapped {
            Some((start, end)) => {
                self.edit(Edit::Resize { id, start, end }, None);
            }
            None => self.status = Some("Select some text first.".to_owned()),
        }
    }

    fn delete(&mut self, id: AnnotationId) {
        let Some(open) = &self.open else {
            return;
        };
        let responses = open.doc().responses_to(id).count();
        if responses > 0 {
            self.ask(Prompt::ConfirmDelete { id, responses });
        } else {
            self.edit(Edit::RemoveAnnotation(id), None);
        }
    }

    fn delete_speaker(&mut self, id: SpeakerId) {
        let Some(open) = &self.open else {
            return;
        };
        let uses = open
            .doc()
            .annotations()
            .iter()
            .filter(|a| a.speaker == Some(id))
            .count();
        if uses > 0 {
            self.ask(Prompt::ConfirmDeleteSpeaker { id, uses });
        } else {
            self.edit(Edit::RemoveSpeaker(id), None);
        }
    }

    fn label_matches(&mut self, label: &str) {
        let Some(open) = &self.open else {
            return;
        };
        let doc = open.doc();
        let mut next = doc.next_annotation_id().0;
        let mut edits = Vec::new();
        for &(start, end) in &self.find.matches {
            if let Some(ann) =
                Annotation::on_text(&doc.article, AnnotationId(next), label, start, end)
                && crate::core::validate::duplicate_of(doc, &ann).is_none()
            {
                edits.push(Edit::AddAnnotation(ann));
                next += 1;
            }
        }
        let labelled = edits.len();
        if labelled == 0 {
            self.status = Some("Every match already has that label.".to_owned());
        } else if self.edit(Edit::Batch(edits), None).is_some() {
            self.status = Some(format!("Labelled {}.", count(labelled, "match", "matches")));
        }
    }

    // ---- Find ----

    fn step_match(&mut self, forward: bool) {
        let n = self.find.matches.len();
        if n == 0 {
            return;
        }
        let next = match self.find.current {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None => 0,
        };
        self.find.current = Some(next);
        if let Some(&(start, end)) = self.find.matches.get(next) {
            self.effects.push(Effect::ScrollTo(start));
            self.selection.text = Some((start, end));
        }
    }

    fn refresh_matches(&mut self) {
        self.find.current = None;
        self.find.matches = match (&self.open, self.find.open) {
            (Some(open), true) => open.doc().article.find_all(&self.find.query),
            _ => Vec::new(),
        };
    }

    // ---- Review ----

    /// Starts reading the annotation file at `path`, to review it against the open document.
    pub fn start_review(&mut self, path: &Path) {
        if self.open.is_none() {
            self.status = Some(
                "Open your own annotation file first, then review theirs against it.".to_owned(),
            );
            return;
        }
        self.start_reading(Job::Review(path.to_owned()));
    }

    fn end_review(&mut self) {
        if let Some(session) = self.review.take() {
            self.status = Some(format!(
                "Review of {} ended; what you took stays in your document.",
                io::file_name_of(session.path())
            ));
        }
    }

    /// Brings the review up to date with my document; the window calls it before drawing.
    pub fn refresh_review(&mut self) {
        if let (Some(open), Some(session)) = (&self.open, &mut self.review) {
            session.refresh(open.doc(), open.revision());
        }
    }

    fn review_decision(&mut self, decision: ReviewDecision) {
        let (Some(open), Some(session)) = (&self.open, &mut self.review) else {
            return;
        };
        let mine = open.doc();
        let edit = match decision {
            ReviewDecision::TakeTheirs(difference) => session.take_theirs(mine, difference),
            ReviewDecision::KeepBoth(difference) => match difference {
                Difference::LabelConflict(_, t)
                | Difference::Boundary(_, t)
                | Difference::OnlyTheirs(t) => session.keep_both(mine, t),
                Difference::OnlyMine(_) => None,
            },
            ReviewDecision::TakeAllOnlyTheirs => Some(session.take_all_only_theirs(mine)),
            ReviewDecision::KeepMine(difference) => {
                session.keep_mine(difference);
                None
            }
            ReviewDecision::Reconsider => {
                session.reconsider();
                None
            }
        };
        if let Some(edit) = edit {
            self.edit(edit, None);
        }
    }

    // ---- Saving, discarding, quitting ----

    /// Runs `pending` now, or first asks about unsaved changes (once: asking again while the
    /// question is shown changes nothing).
    fn when_saved_or_discarded(&mut self, pending: Pending) {
        if !self.is_dirty() {
            self.resume(pending);
        } else if !self
            .prompts
            .iter()
            .any(|(_, p)| matches!(p, Prompt::Unsaved { then } if *then == pending))
        {
            self.ask(Prompt::Unsaved { then: pending });
        }
    }

    /// Continues what waited for unsaved changes to be saved or discarded.
    fn resume(&mut self, pending: Pending) {
        match pending {
            // Discarding allowed the close already; otherwise there is nothing unsaved.
            Pending::Quit => self.effects.push(Effect::Close),
            Pending::Open(path) => self.open_now(&path),
            Pending::OpenDialog => self.pick(FilePurpose::Open, None),
            Pending::Corpus(open) => self.resume_corpus(*open),
        }
    }

    /// The window is asked to close (the close button, Ctrl+Q).
    fn quit(&mut self) {
        self.when_saved_or_discarded(Pending::Quit);
    }

    /// Asks for a path for `purpose`: the system's dialog, else a typed path.
    fn pick(&mut self, purpose: FilePurpose, then: Option<Pending>) {
        let proposed = self.proposed_path(purpose);
        let folder = proposed
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_owned)
            .or_else(|| {
                self.open
                    .as_ref()
                    .and_then(|o| o.folder().map(Path::to_owned))
            });
        if self.native_dialogs {
            if self.picking.is_none() {
                self.picking = Some((purpose, then));
                self.effects.push(Effect::PickFile {
                    purpose,
                    folder,
                    name: proposed.as_deref().map(io::file_name_of),
                });
            }
        } else {
            let folder = folder
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_default();
            let folder = std::path::absolute(&folder).unwrap_or(folder);
            let proposed = proposed.map_or_else(String::new, |p| {
                let p = std::path::absolute(&p).unwrap_or(p);
                p.strip_prefix(&folder).unwrap_or(&p).display().to_string()
            });
            self.ask(Prompt::TypePath {
                purpose,
                folder,
                proposed,
                then,
            });
        }
    }

    /// The path a dialog proposes for `purpose`: for a save, the document's own file or a
    /// free name beside where it would go; for an export, the document's name with the
    /// format's extension.
    fn proposed_path(&self, purpose: FilePurpose) -> Option<PathBuf> {
        let open = self.open.as_ref()?;
        let base = open.path().or(open.suggested_path());
        match purpose {
            FilePurpose::Open | FilePurpose::Review | FilePurpose::OpenFolder => None,
            FilePurpose::ExportQuotes(format) => self.quotes_file_name(format),
            FilePurpose::Save => match open.path() {
                Some(own) => Some(own.to_owned()),
                None => open.suggested_path().map(io::free_path),
            },
            FilePurpose::Export(format) => {
                let base = base.map_or_else(|| PathBuf::from("annotations.ron"), Path::to_owned);
                Some(match format.extension() {
                    Some(extension) => base.with_extension(extension),
                    None => base.with_file_name(format!("{}-brat", io::file_stem(&base))),
                })
            }
        }
    }

    /// A path was chosen for `purpose`.
    fn path_chosen(
        &mut self,
        purpose: FilePurpose,
        path: PathBuf,
        then: Option<Pending>,
        confirmed: bool,
    ) {
        match purpose {
            FilePurpose::Open => self.when_saved_or_discarded(Pending::Open(path)),
            FilePurpose::OpenFolder => self.open_folder(&path),
            FilePurpose::ExportQuotes(format) => self.export_quotes(format, &path),
            FilePurpose::Review => self.start_review(&path),
            FilePurpose::Export(format) => self.export_to(format, &path),
            FilePurpose::Save => {
                let own = self.open.as_ref().and_then(OpenDocument::path) == Some(path.as_path());
                if !own && !confirmed && std::fs::symlink_metadata(&path).is_ok() {
                    self.ask(Prompt::Replace { path, then });
                } else {
                    self.save_then(&path, then, false);
                }
            }
        }
    }

    /// Saves to the current file, or asks where; `then` runs once saved.
    fn save(&mut self, then: Option<Pending>) {
        match self
            .open
            .as_ref()
            .and_then(OpenDocument::path)
            .map(Path::to_owned)
        {
            Some(path) => self.save_then(&path, then, false),
            None => self.save_as(then),
        }
    }

    fn save_as(&mut self, then: Option<Pending>) {
        self.pick(FilePurpose::Save, then);
    }

    /// Saves to `path`, then runs `then`.
    fn save_then(&mut self, path: &Path, then: Option<Pending>, overwrite: bool) {
        if self.save_checked(path, then.clone(), overwrite)
            && let Some(then) = then
        {
            self.resume(then);
        }
    }

    /// Saves to `path`, keeping the file it replaces as `FILE.ron.bak`. When `path` is the open
    /// file and something else has changed it since it was read, asks what to do instead
    /// (unless `overwrite`), carrying `then` along. On failure says why and leaves the
    /// document as it was, unsaved.
    pub fn save_checked(&mut self, path: &Path, then: Option<Pending>, overwrite: bool) -> bool {
        let Some(open) = &mut self.open else {
            return false;
        };
        if !overwrite && open.changed_on_disk(path) {
            self.ask(Prompt::Conflict {
                path: path.to_owned(),
                then,
            });
            return false;
        }
        match open.save_to(path, &self.prefs.annotator) {
            Ok(()) => {
                self.discard_recovery();
                self.prefs.remember(path);
                self.status = Some(format!("Saved {}", path.display()));
                true
            }
            Err(error) => {
                self.show_error("The file was not saved", error.to_string());
                false
            }
        }
    }

    /// Exports the open document in `format` to `path`; says how it went.
    pub fn export_to(&mut self, format: Format, path: &Path) {
        let Some(open) = &self.open else {
            return;
        };
        let name = open
            .path()
            .or(open.suggested_path())
            .map_or_else(|| "annotations".to_owned(), io::file_stem);
        let source = io::export::Source {
            doc: open.doc(),
            name: &name,
        };
        let exported = open.doc().annotations().len();
        match io::export::write_to_path(format, &[source], path) {
            Ok(()) => {
                self.status = Some(format!(
                    "Exported {} as {} to {}",
                    count(exported, "annotation", "annotations"),
                    format.name(),
                    path.display()
                ));
            }
            Err(error) => self.show_error("The export failed", error.to_string()),
        }
    }

    /// The answer to the prompt on top.
    fn answer(&mut self, answer: Answer) {
        let Some((id, prompt)) = self.prompts.pop() else {
            return;
        };
        match (prompt, answer) {
            (_, Answer::Cancel) => {}
            (Prompt::Unsaved { then }, Answer::Save) => self.save(Some(then)),
            (Prompt::Unsaved { then }, Answer::Discard) => {
                if then == Pending::Quit {
                    self.allow_close = true;
                }
                self.discard_recovery();
                self.resume(then);
            }
            (Prompt::Conflict { path, .. } | Prompt::DroppedRon { path }, Answer::Review) => {
                self.start_review(&path);
            }
            (Prompt::Conflict { then, .. }, Answer::SaveAs) => self.save_as(then),
            (Prompt::Conflict { path, then }, Answer::Overwrite)
            | (Prompt::Replace { path, then }, Answer::Replace) => {
                self.save_then(&path, then, true);
            }
            (Prompt::Reanchor(reanchor), Answer::Open) => self.open_reanchored(*reanchor),
            (Prompt::ConfirmDelete { id, .. }, Answer::Confirm) => {
                if let Some(open) = &self.open {
                    let edit = Edit::remove_unlinking_responses(open.doc(), id);
                    self.edit(edit, None);
                }
            }
            (Prompt::ConfirmDeleteSpeaker { id, .. }, Answer::Confirm) => {
                if let Some(open) = &self.open {
                    let edit = Edit::remove_speaker_unassigning(open.doc(), id);
                    self.edit(edit, None);
                }
            }
            (Prompt::DroppedRon { path }, Answer::Open) => {
                self.when_saved_or_discarded(Pending::Open(path));
            }
            (
                Prompt::TypePath {
                    purpose,
                    folder,
                    then,
                    ..
                },
                Answer::Path(typed),
            ) => {
                let typed = typed.trim();
                if typed.is_empty() {
                    return;
                }
                let path = folder.join(expand_home(typed));
                let path = if purpose == FilePurpose::Save && path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                };
                self.path_chosen(purpose, path, then, false);
            }
            (prompt, _) => {
                // An answer that does not fit the prompt shown: the prompt stays.
                self.prompts.push((id, prompt));
            }
        }
    }

    // ---- Crash recovery ----

    /// Removes this window's recovery copy: its changes were saved or discarded.
    fn discard_recovery(&mut self) {
        if let Some(recovery) = &self.recovery {
            recovery.clear();
        }
        self.recovered = None;
    }

    /// Writes the open document for crash recovery when it has unsaved changes not yet
    /// written and the interval has passed, and removes the copy once the document is clean
    /// again (saved, or undone back to its file). Returns when to come back, if it must.
    pub fn autosave(&mut self) -> Option<std::time::Duration> {
        let (Some(recovery), Some(open)) = (&self.recovery, &self.open) else {
            return None;
        };
        if !open.is_dirty() || self.allow_close {
            // Nothing to keep: clean again, or the changes are discarded and the window
            // closes.
            if self.recovered.is_some() {
                self.discard_recovery();
            }
            return None;
        }
        let revision = open.revision();
        let interval = std::time::Duration::from_secs_f64(self.autosave_seconds.max(0.0));
        match self.recovered {
            Some((written, _)) if written == revision => return None,
            Some((_, at)) if at.elapsed() < interval => {
                return Some(interval.saturating_sub(at.elapsed()));
            }
            _ => {}
        }
        if let Err(error) = recovery.write(open.doc(), open.path(), open.display_name()) {
            self.status = Some(format!("Could not write the recovery copy: {error}"));
        }
        self.recovered = Some((revision, Instant::now()));
        None
    }
}

/// `n` and the noun in its number: "1 annotation", "2 annotations".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `~/x` as a path in the home folder; anything else as it is.
fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(typed),
    }
}
