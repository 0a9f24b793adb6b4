//! The window's state, without the window: the open document and its history, the selection,
//! the find bar, a review in progress, crash recovery, files being read, and the flow of
//! saving, discarding, quitting and conflicts, as one state machine.
//!
//! Menus, shortcuts, panels, dialogs and the review all send one [`Action`]; [`Workspace::apply`]
//! is the one place that applies it, and the only way the workspace changes. What only the
//! window can do (show a file dialog, scroll, close) comes back as [`Effect`]s; what it asks the
//! user is the [`Prompt`] on top of [`Workspace::prompt`]. Files read, corpus readings and
//! recovery copies are taken up when the window sends [`Action::Tick`]. Time comes from a
//! [`Clock`] the tests set. The egui modules draw this state and send actions; flows are tested
//! here, without pixels.
//!
//! May use `marginalia-core`, `marginalia-io` and `marginalia-corpus`; never a window toolkit
//! (egui, eframe) or a system dialog (rfd): what needs the window is an [`Effect`].

mod action;
mod clock;
pub mod command;
pub mod corpus;
mod dispatch;
pub mod document;
mod editing;
pub mod lists;
mod opening;
pub mod picker;
pub mod prefs;
mod prompt;
pub mod reading;
mod recovery;
pub mod review;
mod reviewing;
mod saving;
pub mod selection;
pub mod suggestions;

use std::path::PathBuf;

use marginalia_io as io;

pub use action::{Action, Answer, Effect};
pub use clock::Clock;
pub use command::Command;
pub use corpus::{CorpusAction, CorpusSession, VerdictFilter};
pub use document::OpenDocument;
pub use prefs::Preferences;
pub use prompt::{FilePurpose, Pending, Prompt, Reanchor};
pub use reading::{Job, Read, Waker};
pub use review::{Difference, ReviewDecision, ReviewSession};
pub use selection::{Find, Selection};
pub use suggestions::{SuggestionAction, Suggestions};

/// How the workspace starts.
#[derive(Debug, Default)]
pub struct Options {
    /// Preferences kept from the last run.
    pub preferences: Preferences,
    /// Whether the system's file dialogs can be shown; without them a path is typed.
    pub native_dialogs: bool,
    /// Where unsaved changes are written for crash recovery; none when `None`.
    pub recovery_dir: Option<PathBuf>,
    /// Seconds between recovery writes while there are unsaved changes.
    pub autosave_seconds: f64,
    /// Where time comes from.
    pub clock: Clock,
    /// A file already being read (the window starts reading its file while the window itself
    /// starts); it is opened as any other read once done.
    pub reading: Option<reading::Loading>,
}

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
    reading: Option<opening::Reading>,
    clock: Clock,
    wake: Waker,
    native_dialogs: bool,
    recovery: Option<io::recovery::Recovery>,
    autosave_seconds: f64,
    /// The revision last written for recovery, and when.
    recovered: Option<(u64, std::time::Instant)>,
    /// The user was told that the recovery copy could not be locked.
    said_unlocked: bool,
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
    /// A span to show (and select) once the file being read is open.
    then_show: Option<(usize, usize)>,
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
            clock: options.clock,
            wake,
            native_dialogs: options.native_dialogs,
            recovery: options.recovery_dir.map(io::recovery::Recovery::new),
            autosave_seconds: options.autosave_seconds,
            recovered: None,
            said_unlocked: false,
            allow_close: false,
            status: None,
            corpus: None,
            create_on_change: None,
            then_review: None,
            then_show: None,
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
        if let Some(loading) = options.reading {
            workspace.continue_reading(loading);
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
            .map(|r| (r.loading.job(), self.clock.since(r.started)))
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

    /// The attachments of the e-mail the open article was read from (none for other articles).
    fn article_attachments(&self) -> Vec<io::email::Attachment> {
        self.article_email()
            .map(|path| io::email::attachments_of(&path))
            .unwrap_or_default()
    }

    /// The e-mail the open article was read from, if it was.
    fn article_email(&self) -> Option<std::path::PathBuf> {
        let open = self.open.as_ref()?;
        let article = &open.doc().article;
        let email = std::path::Path::new(&article.path)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("eml"));
        if !email {
            return None;
        }
        // An unsaved document names its article relative to where it proposes to be saved.
        let beside = open.path().or_else(|| open.suggested_path());
        io::article_file(beside, &article.path)
    }

    /// Saves attachment `index` of the open article's e-mail beside it and opens it as an
    /// article (asking first about unsaved changes, as any opening does).
    fn open_attachment(&mut self, index: usize) {
        let Some(email) = self.article_email() else {
            self.status = Some("This article was not read from an e-mail.".to_owned());
            return;
        };
        match io::email::save_attachment(&email, index) {
            Ok(path) => {
                self.status = Some(format!(
                    "Saved the attachment as {} beside the e-mail.",
                    io::file_name_of(&path)
                ));
                self.when_saved_or_discarded(Pending::Open(path));
            }
            Err(e) => self.status = Some(format!("Cannot open the attachment: {e}.")),
        }
    }

    /// Shows `prompt`; one already shown waits beneath it and comes back when it closes.
    pub(crate) fn ask(&mut self, prompt: Prompt) {
        self.prompts.push((self.next_prompt, prompt));
        self.next_prompt += 1;
    }

    pub(crate) fn show_error(&mut self, title: &str, message: String) {
        self.ask(Prompt::Error {
            title: title.to_owned(),
            message,
        });
    }
}

/// `n` and the noun in its number: "1 annotation", "2 annotations".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
