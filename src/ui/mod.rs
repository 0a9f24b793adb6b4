//! The window: menus, the article pane, the side panel, the status bar and the dialogs. The UI
//! owns no rules about annotations: it collects [`Action`]s while it draws and applies them
//! after the frame, every document change going through `core`'s edits and history.

mod article_view;
mod command;
mod dialogs;
mod loading;
mod prefs;
mod review_panel;
mod side_panel;
mod speakers_view;
mod threads_view;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use egui::{RichText, Ui};

use crate::core::{Annotation, AnnotationId, Document, Edit, History, SpeakerId};
use crate::io;

pub use article_view::ArticleView;
pub use command::UiCommand;
pub use dialogs::Dialog;
pub use loading::Job;
pub use prefs::Preferences;

use dialogs::{FileDialogs, FilePurpose, Pending};
use review_panel::{ReviewAction, ReviewSession};
use side_panel::SidePanel;

/// The bundled sample, opened when no file is given. Saving it always asks where.
const SAMPLE_RON: &str = include_str!("../../sample_docs/sessions-recusal.ron");
/// The sample's name in the window.
const SAMPLE_NAME: &str = "sessions-recusal.ron (sample)";

/// Something the user asked for while a frame was drawn, applied after it.
#[derive(Clone, Debug)]
pub enum Action {
    /// A menu or keyboard command.
    Command(UiCommand),
    /// A change to the document, one undo step.
    Edit(Edit),
    /// A change merged with the previous one of the same group (a drag, typing).
    EditGrouped(Edit, u64),
    /// Ends the current group of changes.
    EndGroup,
    /// Label the selected text, or relabel the selected annotation.
    ApplyLabel(String),
    /// Select an annotation, or none.
    Select(Option<AnnotationId>),
    /// Bring an annotation into view.
    ScrollTo(AnnotationId),
    /// Delete an annotation, asking first when others respond to it.
    Delete(AnnotationId),
    /// Delete a speaker, asking first when annotations name it.
    DeleteSpeaker(SpeakerId),
    /// Move an annotation onto the selected text.
    ResizeToSelection(AnnotationId, usize, usize),
    /// Open a file, asking about unsaved changes first.
    Open(PathBuf),
    /// Label every find match with this label.
    LabelMatches(String),
    /// Export the document in this format, asking where.
    Export(crate::io::export::Format),
    /// Review a colleague's file against mine.
    StartReview(PathBuf),
    /// A decision in review mode.
    Review(ReviewAction),
    /// Leave review mode; what was taken stays in mine.
    EndReview,
    /// Bring a code point into view.
    ScrollToChar(usize),
    /// Open the find bar on this text.
    FindText(String),
}

/// A document open in the window.
pub struct OpenDocument {
    /// The annotated article.
    pub doc: Document,
    /// Its undo history and unsaved marker.
    pub history: History,
    /// The file Save writes to; `None` until saved somewhere (a new import, the sample).
    pub path: Option<PathBuf>,
    /// Where Save as… proposes to save.
    pub suggested_path: Option<PathBuf>,
    /// The name shown in the title and status bar.
    pub display_name: String,
    /// The article pane.
    pub view: ArticleView,
    /// The file on disk as last read or written, to notice when something else changes it.
    pub disk: Option<io::format::Fingerprint>,
}

impl OpenDocument {
    fn new(doc: Document, history: History, path: Option<PathBuf>, display_name: String) -> Self {
        let view = ArticleView::new(&doc);
        Self {
            doc,
            history,
            suggested_path: path.clone(),
            path,
            display_name,
            view,
            disk: None,
        }
    }
}

/// A file being read, with what the window was when the reading started.
struct Reading {
    loading: loading::Loading,
    /// When it started, in seconds of egui time.
    since: f64,
    /// The open document's revision then, to notice edits made while it was read.
    revision: Option<u64>,
}

/// The find bar's state.
#[derive(Default)]
struct Find {
    open: bool,
    query: String,
    focus: bool,
    searched: Option<(String, u64)>,
    label: Option<String>,
}

/// The Marginalia window.
pub struct MarginaliaApp {
    prefs: Preferences,
    open: Option<OpenDocument>,
    side: SidePanel,
    dialog: Option<Dialog>,
    /// Dialogs waiting behind the one shown (one raised while another was open).
    waiting_dialogs: Vec<Dialog>,
    /// A file being read off the UI thread.
    loading: Option<Reading>,
    ctx: egui::Context,
    file_dialogs: FileDialogs,
    find: Find,
    /// The colleague's file being reviewed, if any.
    review: Option<ReviewSession>,
    /// Crash recovery of unsaved changes, when a folder for it is known.
    recovery: Option<io::recovery::Recovery>,
    autosave_seconds: f64,
    /// The revision last written for recovery, and when.
    recovered_revision: Option<(u64, f64)>,
    actions: Vec<Action>,
    /// A short message in the status bar (saved, refused edit, …).
    status: Option<String>,
    allow_close: bool,
    title: String,
}

/// How the window starts.
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    /// A file to open; the bundled sample when `None`.
    pub file: Option<PathBuf>,
    /// Preferences to start with instead of the stored ones (tests).
    pub preferences: Option<Preferences>,
    /// Whether File ▸ Open… and Save as… use the system's dialogs; without them a path is
    /// typed in.
    pub native_dialogs: bool,
    /// Where unsaved changes are written for crash recovery; none when `None`.
    pub recovery_dir: Option<PathBuf>,
    /// Seconds between recovery writes while there are unsaved changes.
    pub autosave_seconds: f64,
}

/// Seconds between recovery writes in the window (at most 30, as promised to users).
const AUTOSAVE_SECONDS: f64 = 10.0;

/// Opens the window and runs until it closes.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Marginalia")
            .with_app_id("marginalia")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let start = StartOptions {
        file,
        preferences: None,
        native_dialogs: true,
        recovery_dir: eframe::storage_dir("marginalia").map(|d| d.join("recovery")),
        autosave_seconds: AUTOSAVE_SECONDS,
    };
    let result = eframe::run_native(
        "Marginalia",
        options,
        Box::new(move |cc| Ok(Box::new(MarginaliaApp::new(cc, start)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!(
                "error: cannot open the window: {error}. On a machine without a display, use the \
                 command line (marginalia --help)."
            );
            ExitCode::FAILURE
        }
    }
}

impl MarginaliaApp {
    /// The app, with stored preferences and the file (or the sample) open.
    pub fn new(cc: &eframe::CreationContext<'_>, mut start: StartOptions) -> Self {
        if start.preferences.is_none() {
            start.preferences = cc
                .storage
                .and_then(|s| eframe::get_value(s, prefs::STORAGE_KEY));
        }
        Self::headless(&cc.egui_ctx, start)
    }

    /// The app on a bare `egui::Context`, without eframe (benchmarks); preferences come only
    /// from `start`.
    pub fn headless(ctx: &egui::Context, start: StartOptions) -> Self {
        let prefs = start.preferences.unwrap_or_default();
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        ctx.set_theme(if prefs.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        let mut app = Self {
            prefs,
            open: None,
            side: SidePanel::default(),
            dialog: None,
            waiting_dialogs: Vec::new(),
            loading: None,
            ctx: ctx.clone(),
            file_dialogs: FileDialogs::new(ctx.clone(), start.native_dialogs),
            find: Find::default(),
            review: None,
            recovery: start.recovery_dir.map(io::recovery::Recovery::new),
            autosave_seconds: start.autosave_seconds,
            recovered_revision: None,
            actions: Vec::new(),
            status: None,
            allow_close: false,
            title: String::new(),
        };
        match start.file {
            Some(path) => app.open_now(&path),
            None => app.open_sample(),
        }
        let found = app
            .recovery
            .as_ref()
            .map(io::recovery::Recovery::found)
            .unwrap_or_default();
        if !found.is_empty() {
            app.dialog = Some(Dialog::Recover { entries: found });
        }
        if app.prefs.annotator.is_empty() && app.dialog.is_none() {
            app.dialog = Some(Dialog::AnnotatorName {
                name: String::new(),
                focused: false,
            });
        }
        app
    }

    /// Shows `doc` in place of the open document (no question asked: callers decide), as if
    /// opened from `path`.
    pub fn open_document(&mut self, doc: Document, path: Option<PathBuf>) {
        self.end_review();
        let name = path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || doc.article.title.clone(),
            |n| n.to_string_lossy().into_owned(),
        );
        self.open = Some(OpenDocument::new(doc, History::new(), path, name));
        self.find.searched = None;
    }

    /// Brings annotation `id` into view on the next frame and selects it.
    pub fn show_annotation(&mut self, id: AnnotationId) {
        self.actions.push(Action::Select(Some(id)));
        self.actions.push(Action::ScrollTo(id));
    }

    /// Starts reviewing `theirs` (already loaded) against the open document.
    pub fn review_document(&mut self, theirs: Document, path: PathBuf) {
        let Some(open) = &mut self.open else {
            return;
        };
        let session = ReviewSession::new(&open.doc, open.history.revision(), theirs, path);
        open.view.review_marks = session.marks().to_vec();
        self.review = Some(session);
    }

    /// One whole frame of the window in `ui` (what eframe runs each frame).
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.logic_pass(&ctx);
        self.ui_pass(ui);
    }

    /// The open document, if any.
    pub fn document(&self) -> Option<&OpenDocument> {
        self.open.as_ref()
    }

    /// The open document, mutably (tests set selections through it).
    pub fn document_mut(&mut self) -> Option<&mut OpenDocument> {
        self.open.as_mut()
    }

    /// The dialog shown, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// The preferences in force.
    pub fn preferences(&self) -> &Preferences {
        &self.prefs
    }

    /// The message in the status bar, if any.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// The window title as last sent.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Whether the window may close now (no unsaved changes, or the user chose).
    pub fn close_allowed(&self) -> bool {
        self.allow_close || !self.is_dirty()
    }

    fn is_dirty(&self) -> bool {
        self.open.as_ref().is_some_and(|o| o.history.is_dirty())
    }

    fn open_sample(&mut self) {
        match io::format::parse(Path::new(SAMPLE_NAME), SAMPLE_RON.as_bytes()) {
            Ok(doc) => {
                let mut open = OpenDocument::new(doc, History::new(), None, SAMPLE_NAME.to_owned());
                open.suggested_path = Some(PathBuf::from("sessions-recusal.ron"));
                self.open = Some(open);
            }
            Err(error) => self.show_error("The sample could not be opened", error.to_string()),
        }
    }

    /// Starts reading `path`, to open it in place of the open document once read (callers
    /// ask about unsaved changes first).
    fn open_now(&mut self, path: &Path) {
        self.start_reading(Job::Open(path.to_owned()));
    }

    fn start_reading(&mut self, job: Job) {
        self.loading = Some(Reading {
            loading: loading::Loading::start(&self.ctx, job, &self.prefs.annotator),
            since: self.ctx.input(|i| i.time),
            revision: self.open.as_ref().map(|o| o.history.revision()),
        });
    }

    /// The file being read, if any.
    pub fn loading(&self) -> Option<&Job> {
        self.loading.as_ref().map(|r| r.loading.job())
    }

    /// Waits for the file being read, if any, and applies it (tests and benchmarks; the
    /// window polls instead).
    pub fn finish_loading(&mut self) {
        if let Some(reading) = self.loading.take() {
            let job = reading.loading.job().clone();
            let revision = reading.revision;
            self.apply_read(&job, revision, reading.loading.wait());
        }
    }

    fn poll_loading(&mut self) {
        let Some(read) = self.loading.as_ref().and_then(|r| r.loading.poll()) else {
            return;
        };
        if let Some(reading) = self.loading.take() {
            self.apply_read(reading.loading.job(), reading.revision, read);
        }
    }

    /// Applies what a finished read brought; `revision` is the open document's when the
    /// reading started.
    fn apply_read(&mut self, job: &Job, revision: Option<u64>, read: loading::Read) {
        let path = job.path().to_owned();
        // Edits made while the file was read (before the notice covered the window) are
        // not dropped: the user is asked again, and the file read again after.
        let edited_meanwhile = self
            .open
            .as_ref()
            .is_some_and(|o| Some(o.history.revision()) != revision && o.history.is_dirty());
        let replaces_document = matches!(
            read,
            loading::Read::Annotations(Ok(_) | Err(io::format::LoadError::TextChanged { .. }))
                | loading::Read::Article { result: Ok(_), .. }
        );
        if edited_meanwhile && replaces_document {
            self.raise(Dialog::Unsaved {
                then: Pending::Open(path),
            });
            return;
        }
        let name = file_name_of(&path);
        match read {
            loading::Read::Annotations(Ok((doc, disk))) => {
                self.discard_recovery();
                let mut open = OpenDocument::new(doc, History::new(), Some(path.clone()), name);
                open.disk = Some(disk);
                self.show_opened(open, &path);
                self.status = Some(format!("Opened {}", path.display()));
            }
            loading::Read::Annotations(Err(io::format::LoadError::TextChanged {
                tally,
                document,
                fingerprint,
                ..
            })) => {
                self.raise(Dialog::Reanchor(Box::new(dialogs::Reanchor {
                    path,
                    tally,
                    document: *document,
                    fingerprint,
                })));
            }
            loading::Read::Annotations(Err(error)) => {
                self.show_error("The file could not be opened", error.to_string());
            }
            loading::Read::Article { ron_path, result } => match result {
                Ok((doc, imported)) => {
                    let mut open = OpenDocument::new(doc, History::unsaved(), None, name);
                    open.suggested_path = Some(ron_path);
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
            loading::Read::Theirs(Ok((theirs, tally))) => {
                if self.open.is_none() {
                    return;
                }
                self.review_document(theirs, path.clone());
                self.status = Some(match tally {
                    None => format!("Reviewing {}", path.display()),
                    Some(tally) => format!(
                        "Reviewing {}; its article text had been edited by hand, so its \
                         annotations were placed again on it: {tally}",
                        path.display()
                    ),
                });
            }
            loading::Read::Theirs(Err(error)) => {
                self.show_error("Their file could not be opened", error.to_string());
            }
            loading::Read::Lost => self.show_error(
                "The file could not be read",
                format!(
                    "Reading {} stopped without an answer. This is a bug in Marginalia; the \
                     open document is unchanged.",
                    path.display()
                ),
            ),
        }
    }

    /// Opens a document re-anchored on its own edited text, as the user agreed.
    fn open_reanchored(&mut self, reanchored: dialogs::Reanchor) {
        let dialogs::Reanchor {
            path,
            tally,
            document,
            fingerprint,
        } = reanchored;
        self.discard_recovery();
        let name = file_name_of(&path);
        let mut open = OpenDocument::new(document, History::unsaved(), Some(path.clone()), name);
        open.disk = fingerprint;
        self.show_opened(open, &path);
        self.status = Some(format!(
            "Re-anchored {}: {tally}. Save to keep the new places.",
            path.display()
        ));
        if tally.orphaned > 0 {
            self.side.show_orphans();
        }
    }

    /// Shows `open`, read from `path`, in place of the open document and of any review.
    fn show_opened(&mut self, open: OpenDocument, path: &Path) {
        self.end_review();
        self.open = Some(open);
        self.prefs.remember(path);
        self.find.searched = None;
    }

    /// Shows `dialog`; one already shown waits behind it and comes back when it closes.
    fn raise(&mut self, dialog: Dialog) {
        if let Some(shown) = self.dialog.replace(dialog) {
            self.waiting_dialogs.push(shown);
        }
    }

    fn show_error(&mut self, title: &str, message: String) {
        self.raise(Dialog::Error {
            title: title.to_owned(),
            message,
        });
    }

    /// Saves to `path`; on failure says why and leaves the document unsaved.
    pub fn save_to(&mut self, path: &Path) -> bool {
        self.save_checked(path, None, false)
    }

    /// Saves to `path`, keeping the file it replaces as `FILE.ron.bak`. When `path` is the open
    /// file and something else has changed it since it was read, asks what to do instead
    /// (unless `overwrite`), carrying `then` along.
    fn save_checked(&mut self, path: &Path, then: Option<Pending>, overwrite: bool) -> bool {
        let Some(open) = &mut self.open else {
            return false;
        };
        let changed_on_disk = open.path.as_deref() == Some(path)
            && open
                .disk
                .as_ref()
                .is_some_and(|disk| !io::format::unchanged_since(path, disk));
        if changed_on_disk && !overwrite {
            self.dialog = Some(Dialog::Conflict {
                path: path.to_owned(),
                then,
            });
            return false;
        }
        let previous = std::mem::replace(&mut open.doc.modified, io::format::now_rfc3339());
        if open.doc.annotator.is_empty() {
            open.doc.annotator.clone_from(&self.prefs.annotator);
        }
        match io::format::save_keeping_backup(&open.doc, path) {
            Ok(disk) => {
                open.disk = Some(disk);
                open.history.mark_saved();
                if let Some(recovery) = &self.recovery {
                    recovery.clear();
                }
                self.recovered_revision = None;
                open.path = Some(path.to_owned());
                open.suggested_path = Some(path.to_owned());
                open.display_name = file_name_of(path);
                self.prefs.remember(path);
                self.status = Some(format!("Saved {}", path.display()));
                true
            }
            Err(error) => {
                open.doc.modified = previous;
                self.show_error("The file was not saved", error.to_string());
                false
            }
        }
    }

    /// Saves to the current file, or asks where; `then` runs once saved.
    fn save(&mut self, then: Option<Pending>) {
        let path = self.open.as_ref().and_then(|o| o.path.clone());
        match path {
            Some(path) => {
                if self.save_checked(&path, then.clone(), false)
                    && let Some(then) = then
                {
                    self.resume(then);
                }
            }
            None => self.save_as(then),
        }
    }

    fn save_as(&mut self, then: Option<Pending>) {
        let suggested = self.open.as_ref().and_then(|o| o.suggested_path.clone());
        if self.file_dialogs.available() {
            self.file_dialogs.save(suggested, then);
        } else {
            self.dialog = Some(Dialog::PathPrompt {
                purpose: FilePurpose::Save,
                focused: false,
                path: self
                    .open
                    .as_ref()
                    .and_then(|o| o.suggested_path.as_ref())
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                then,
            });
        }
    }

    /// Starts reading the annotation file at `path`, to review it against the open document.
    pub fn start_review(&mut self, path: &Path) {
        if self.open.is_none() {
            return;
        }
        self.start_reading(Job::Review(path.to_owned()));
    }

    /// Whether a review is in progress.
    pub fn reviewing(&self) -> bool {
        self.review.is_some()
    }

    fn end_review(&mut self) {
        self.review = None;
        if let Some(open) = &mut self.open {
            open.view.review_marks.clear();
        }
    }

    fn review_decision(&mut self, decision: ReviewAction) {
        let (Some(open), Some(session)) = (&self.open, &mut self.review) else {
            return;
        };
        let edit = match decision {
            ReviewAction::TakeTheirs(difference) => session.take_theirs(&open.doc, difference),
            ReviewAction::KeepBoth(difference) => match difference {
                review_panel::Difference::LabelConflict(_, t)
                | review_panel::Difference::Boundary(_, t)
                | review_panel::Difference::OnlyTheirs(t) => session.keep_both(&open.doc, t),
                review_panel::Difference::OnlyMine(_) => None,
            },
            ReviewAction::TakeAllOnlyTheirs => Some(session.take_all_only_theirs(&open.doc)),
            ReviewAction::KeepMine(difference) => {
                session.keep_mine(difference);
                None
            }
            ReviewAction::Reconsider => {
                session.reconsider();
                None
            }
        };
        if let Some(edit) = edit {
            self.apply_edit(edit, None);
        }
    }

    /// Asks where to export in `format`, then exports.
    fn export(&mut self, format: crate::io::export::Format) {
        let Some(open) = &self.open else {
            return;
        };
        let base = open
            .path
            .clone()
            .or_else(|| open.suggested_path.clone())
            .unwrap_or_else(|| PathBuf::from("annotations.ron"));
        let suggested = match format.extension() {
            Some(extension) => base.with_extension(extension),
            None => base.with_file_name(format!("{}-brat", crate::cli::file_stem(&base))),
        };
        if self.file_dialogs.available() {
            self.file_dialogs.export(format, Some(suggested));
        } else {
            self.dialog = Some(Dialog::PathPrompt {
                purpose: FilePurpose::Export(format),
                focused: false,
                path: suggested.display().to_string(),
                then: None,
            });
        }
    }

    /// Exports the open document in `format` to `path`; says how it went.
    pub fn export_to(&mut self, format: crate::io::export::Format, path: &Path) {
        let Some(open) = &self.open else {
            return;
        };
        let name = open
            .path
            .as_deref()
            .or(open.suggested_path.as_deref())
            .map_or_else(|| "annotations".to_owned(), crate::cli::file_stem);
        let source = crate::io::export::Source {
            doc: &open.doc,
            name: &name,
        };
        match crate::io::export::write_to_path(format, &[source], path) {
            Ok(()) => {
                self.status = Some(format!(
                    "Exported {} annotations as {} to {}",
                    open.doc.annotations().len(),
                    format.name(),
                    path.display()
                ));
            }
            Err(error) => self.show_error("The export failed", error.to_string()),
        }
    }

    /// Removes this window's recovery copy: its changes were saved or discarded.
    fn discard_recovery(&mut self) {
        if let Some(recovery) = &self.recovery {
            recovery.clear();
        }
        self.recovered_revision = None;
    }

    /// Writes the open document for crash recovery when it has unsaved changes not yet
    /// written and the interval has passed; asks for a frame when the interval ends.
    fn autosave(&mut self, ctx: &egui::Context) {
        let (Some(recovery), Some(open)) = (&self.recovery, &self.open) else {
            return;
        };
        // Nothing to keep once the changes are discarded and the window is closing.
        if !open.history.is_dirty() || self.allow_close {
            return;
        }
        let revision = open.history.revision();
        let now = ctx.input(|i| i.time);
        let due = match self.recovered_revision {
            Some((written, _)) if written == revision => return,
            Some((_, at)) => at + self.autosave_seconds <= now,
            None => true,
        };
        if !due {
            let wait = (self.recovered_revision.map_or(0.0, |(_, at)| at) + self.autosave_seconds
                - now)
                .max(0.1);
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
            return;
        }
        match recovery.write(&open.doc, open.path.as_deref(), &open.display_name) {
            Ok(()) => self.recovered_revision = Some((revision, now)),
            Err(error) => {
                self.status = Some(format!("Could not write the recovery copy: {error}"));
                self.recovered_revision = Some((revision, now));
            }
        }
    }

    /// Opens a recovery copy left by a window that did not close normally.
    fn restore(&mut self, entry: &io::recovery::Recovered) {
        match io::format::load(&entry.file) {
            Ok(doc) => {
                self.end_review();
                let path = entry.meta.original.clone();
                let mut open = OpenDocument::new(
                    doc,
                    History::unsaved(),
                    path.clone(),
                    entry.meta.name.clone(),
                );
                // What the file is now, valid or not: saving over it checks against that.
                open.disk = path.as_deref().and_then(io::format::Fingerprint::read);
                self.open = Some(open);
                io::recovery::discard(&entry.file);
                self.recovered_revision = None;
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

    /// Continues what waited for unsaved changes to be saved or discarded.
    fn resume(&mut self, pending: Pending) {
        match pending {
            Pending::Quit => {
                self.allow_close = true;
                self.actions.push(Action::Command(UiCommand::Quit));
            }
            Pending::Open(path) => self.open_now(&path),
            Pending::OpenDialog => {
                if self.file_dialogs.available() {
                    self.file_dialogs.open();
                } else {
                    self.dialog = Some(Dialog::PathPrompt {
                        purpose: FilePurpose::Open,
                        focused: false,
                        path: String::new(),
                        then: None,
                    });
                }
            }
        }
    }

    /// Runs `pending` now, or first asks about unsaved changes.
    fn when_saved_or_discarded(&mut self, pending: Pending) {
        if self.is_dirty() {
            self.dialog = Some(Dialog::Unsaved { then: pending });
        } else {
            self.resume(pending);
        }
    }

    fn apply_edit(&mut self, edit: Edit, group: Option<u64>) {
        let Some(open) = &mut self.open else {
            return;
        };
        if let Err(problem) = open.history.apply_grouped(&mut open.doc, edit, group) {
            self.status = Some(format!("Not changed: {problem}"));
        }
    }

    fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Command(command) => self.run_command(ctx, command),
            Action::Edit(edit) => self.apply_edit(edit, None),
            Action::EditGrouped(edit, group) => self.apply_edit(edit, Some(group)),
            Action::EndGroup => {
                if let Some(open) = &mut self.open {
                    open.history.end_group();
                }
            }
            Action::ApplyLabel(label) => self.apply_label(&label),
            Action::Select(id) => {
                if let Some(open) = &mut self.open {
                    open.view.selected = id;
                }
            }
            Action::ScrollTo(id) => {
                if let Some(open) = &mut self.open
                    && let Some(ann) = open.doc.annotation(id)
                {
                    open.view.scroll_to = Some(ann.start);
                }
            }
            Action::Delete(id) => self.delete(id),
            Action::DeleteSpeaker(id) => self.delete_speaker(id),
            Action::ResizeToSelection(id, start, end) => {
                let snapped = self
                    .open
                    .as_ref()
                    .and_then(|o| o.doc.article.snap_selection(start, end));
                match snapped {
                    Some((start, end)) => self.apply_edit(Edit::Resize { id, start, end }, None),
                    None => self.status = Some("Select some text first.".to_owned()),
                }
            }
            Action::Open(path) => self.when_saved_or_discarded(Pending::Open(path)),
            Action::LabelMatches(label) => self.label_matches(&label),
            Action::Export(format) => self.export(format),
            Action::StartReview(path) => self.start_review(&path),
            Action::Review(decision) => self.review_decision(decision),
            Action::EndReview => self.end_review(),
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
            Action::ScrollToChar(c) => {
                if let Some(open) = &mut self.open {
                    open.view.scroll_to = Some(c);
                }
            }
        }
    }

    /// Labels the selected text (a new annotation) or relabels the selected annotation.
    fn apply_label(&mut self, label: &str) {
        let Some(open) = &mut self.open else {
            return;
        };
        if let Some((start, end)) = open.view.selected_range() {
            let Some((start, end)) = open.doc.article.snap_selection(start, end) else {
                self.status = Some("The selection holds only white space.".to_owned());
                return;
            };
            let id = open.doc.next_annotation_id();
            let Some(ann) = Annotation::on_text(&open.doc.article, id, label, start, end) else {
                return;
            };
            match open.history.apply(&mut open.doc, Edit::AddAnnotation(ann)) {
                Ok(()) => {
                    open.view.selected = Some(id);
                    open.view.selection = Some((end, end));
                }
                Err(problem) => self.status = Some(format!("Not added: {problem}")),
            }
        } else if let Some(id) = open.view.selected
            && open.doc.annotation(id).is_some_and(|a| a.label != label)
        {
            self.apply_edit(
                Edit::Relabel {
                    id,
                    label: label.to_owned(),
                },
                None,
            );
        }
    }

    fn delete(&mut self, id: AnnotationId) {
        let Some(open) = &mut self.open else {
            return;
        };
        let responses = open.doc.responses_to(id).count();
        if responses > 0 {
            self.dialog = Some(Dialog::ConfirmDelete { id, responses });
            return;
        }
        if open
            .history
            .apply(&mut open.doc, Edit::RemoveAnnotation(id))
            .is_ok()
        {
            open.view.selected = None;
        }
    }

    fn delete_speaker(&mut self, id: SpeakerId) {
        let Some(open) = &mut self.open else {
            return;
        };
        let uses = open
            .doc
            .annotations()
            .iter()
            .filter(|a| a.speaker == Some(id))
            .count();
        if uses > 0 {
            self.dialog = Some(Dialog::ConfirmDeleteSpeaker { id, uses });
        } else {
            self.apply_edit(Edit::RemoveSpeaker(id), None);
        }
    }

    fn label_matches(&mut self, label: &str) {
        let Some(open) = &mut self.open else {
            return;
        };
        let mut next = open.doc.next_annotation_id().0;
        let mut edits = Vec::new();
        for &(start, end) in &open.view.matches {
            let exists = open
                .doc
                .annotations_overlapping(start, end)
                .any(|a| a.start == start && a.end == end && a.label == label);
            if exists {
                continue;
            }
            if let Some(ann) =
                Annotation::on_text(&open.doc.article, AnnotationId(next), label, start, end)
            {
                edits.push(Edit::AddAnnotation(ann));
                next += 1;
            }
        }
        let count = edits.len();
        if count == 0 {
            self.status = Some("Every match already has that label.".to_owned());
            return;
        }
        match open.history.apply(&mut open.doc, Edit::Batch(edits)) {
            Ok(()) => self.status = Some(format!("Labelled {count} matches.")),
            Err(problem) => self.status = Some(format!("Not labelled: {problem}")),
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::Open => self.when_saved_or_discarded(Pending::OpenDialog),
            UiCommand::Review => {
                if self.open.is_none() {
                    self.status = Some(
                        "Open your own annotation file first, then review theirs against it."
                            .to_owned(),
                    );
                } else if self.file_dialogs.available() {
                    self.file_dialogs.review();
                } else {
                    self.dialog = Some(Dialog::PathPrompt {
                        purpose: FilePurpose::Review,
                        focused: false,
                        path: String::new(),
                        then: None,
                    });
                }
            }
            UiCommand::Save => self.save(None),
            UiCommand::SaveAs => self.save_as(None),
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Undo | UiCommand::Redo => {
                if let Some(open) = &mut self.open {
                    let result = if command == UiCommand::Undo {
                        open.history.undo(&mut open.doc)
                    } else {
                        open.history.redo(&mut open.doc)
                    };
                    if let Err(problem) = result {
                        self.status = Some(format!(
                            "Could not {}: {problem}",
                            command.text().to_lowercase()
                        ));
                    }
                    if let Some(id) = open.view.selected
                        && open.doc.annotation(id).is_none()
                    {
                        open.view.selected = None;
                    }
                }
            }
            UiCommand::Delete
            | UiCommand::PickSpeaker
            | UiCommand::PickRespondsTo
            | UiCommand::LinkInArticle => self.selected_annotation_command(command),
            UiCommand::Find => {
                self.find.open = true;
                self.find.focus = true;
            }
            UiCommand::FindNext | UiCommand::FindPrevious => {
                self.step_match(command == UiCommand::FindNext);
            }
            UiCommand::ZoomIn => self.prefs.zoom(1.0),
            UiCommand::ZoomOut => self.prefs.zoom(-1.0),
            UiCommand::ZoomReset => self.prefs.text_size = prefs::DEFAULT_TEXT_SIZE,
            UiCommand::ToggleTheme => {
                self.prefs.dark = !self.prefs.dark;
                ctx.set_theme(if self.prefs.dark {
                    egui::Theme::Dark
                } else {
                    egui::Theme::Light
                });
            }
            UiCommand::Shortcuts => self.dialog = Some(Dialog::Shortcuts),
            UiCommand::About => self.dialog = Some(Dialog::About),
        }
    }

    /// Runs a command that acts on the selected annotation, or says to select one.
    fn selected_annotation_command(&mut self, command: UiCommand) {
        let Some(id) = self.open.as_ref().and_then(|o| o.view.selected) else {
            self.status = Some("Select an annotation first: click its highlight.".to_owned());
            return;
        };
        let picker = |kind| Dialog::Picker {
            kind,
            annotation: id,
            filter: String::new(),
            focused: false,
        };
        match command {
            UiCommand::PickSpeaker => self.dialog = Some(picker(dialogs::PickerKind::Speaker)),
            UiCommand::PickRespondsTo => {
                self.dialog = Some(picker(dialogs::PickerKind::RespondsTo));
            }
            UiCommand::LinkInArticle => {
                if let Some(open) = &mut self.open {
                    open.view.link_from = Some(id);
                }
            }
            _ => self.delete(id),
        }
    }

    fn step_match(&mut self, forward: bool) {
        let Some(open) = &mut self.open else {
            return;
        };
        let view = &mut open.view;
        if view.matches.is_empty() {
            return;
        }
        let n = view.matches.len();
        let next = match view.current_match {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None => 0,
        };
        view.current_match = Some(next);
        if let Some(&(start, end)) = view.matches.get(next) {
            view.scroll_to = Some(start);
            view.selection = Some((start, end));
        }
    }

    fn refresh_matches(&mut self) {
        let Some(open) = &mut self.open else {
            return;
        };
        let key = (self.find.query.clone(), 0);
        if !self.find.open {
            open.view.matches.clear();
            open.view.current_match = None;
            self.find.searched = None;
            return;
        }
        if self.find.searched.as_ref() == Some(&key) {
            return;
        }
        open.view.matches = open.doc.article.find_all(&self.find.query);
        open.view.current_match = None;
        self.find.searched = Some(key);
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        // egui matches shortcuts ignoring extra Shift, so Ctrl+Shift+Z must be tried before
        // Ctrl+Z: the shortcuts with more modifiers go first.
        // A label's key wins over a plain-key command on the same key.
        let label_keys: Vec<egui::Key> = self
            .open
            .iter()
            .flat_map(|o| o.doc.labels())
            .filter_map(|l| egui::Key::from_name(&l.key.to_uppercase()))
            .collect();
        let mut shortcuts: Vec<(UiCommand, egui::KeyboardShortcut)> = UiCommand::ALL
            .into_iter()
            .filter(|c| !(typing && c.yields_to_text_fields()))
            .flat_map(|c| c.shortcuts().into_iter().map(move |s| (c, s)))
            .filter(|(_, s)| !(s.modifiers.is_none() && label_keys.contains(&s.logical_key)))
            .collect();
        shortcuts.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        ctx.input_mut(|input| {
            for (command, shortcut) in shortcuts {
                if input.consume_shortcut(&shortcut) {
                    self.actions.push(Action::Command(command));
                }
            }
        });
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            let is_ron = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
            if is_ron && self.open.is_some() {
                self.dialog = Some(Dialog::DroppedRon { path });
            } else {
                self.actions.push(Action::Open(path));
            }
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.command_button(ui, UiCommand::Open);
                ui.menu_button("Open recent", |ui| {
                    if self.prefs.recent_files.is_empty() {
                        ui.label(RichText::new("No recent files").weak());
                    }
                    for path in self.prefs.recent_files.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.actions.push(Action::Open(path));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                self.command_button(ui, UiCommand::Save);
                self.command_button(ui, UiCommand::SaveAs);
                ui.separator();
                self.command_button(ui, UiCommand::Review);
                ui.add_enabled_ui(self.open.is_some(), |ui| {
                    ui.menu_button("Export", |ui| {
                        for format in crate::io::export::Format::ALL {
                            if ui.button(format!("{}…", format.name())).clicked() {
                                self.actions.push(Action::Export(format));
                                ui.close();
                            }
                        }
                    });
                });
                let article = self.open.as_ref().map(|o| &o.doc.article);
                if ui
                    .add_enabled(article.is_some(), egui::Button::new("Article details…"))
                    .on_hover_text("Headline, publisher and address of the article")
                    .clicked()
                    && let Some(article) = article
                {
                    self.dialog = Some(Dialog::ArticleDetails {
                        title: article.title.clone(),
                        source: article.source.clone(),
                        url: article.url.clone(),
                        focused: false,
                    });
                    ui.close();
                }
                ui.separator();
                if ui.button("Annotator name…").clicked() {
                    self.dialog = Some(Dialog::AnnotatorName {
                        name: self.prefs.annotator.clone(),
                        focused: false,
                    });
                    ui.close();
                }
                ui.separator();
                self.command_button(ui, UiCommand::Quit);
            });
            ui.menu_button("Edit", |ui| {
                let (undo, redo) = self.open.as_ref().map_or((None, None), |o| {
                    (o.history.undo_description(), o.history.redo_description())
                });
                let undo_text = undo.map_or("Undo".to_owned(), |d| format!("Undo {d}"));
                let redo_text = redo.map_or("Redo".to_owned(), |d| format!("Redo {d}"));
                self.command_button_text(ui, UiCommand::Undo, &undo_text, undo.is_some());
                self.command_button_text(ui, UiCommand::Redo, &redo_text, redo.is_some());
                ui.separator();
                let selected = self
                    .open
                    .as_ref()
                    .is_some_and(|o| o.view.selected.is_some());
                for command in UiCommand::ALL
                    .into_iter()
                    .filter(|c| c.needs_selected_annotation())
                {
                    self.command_button_text(ui, command, command.text(), selected);
                }
                ui.separator();
                self.command_button(ui, UiCommand::Find);
                self.command_button(ui, UiCommand::FindNext);
                self.command_button(ui, UiCommand::FindPrevious);
            });
            ui.menu_button("View", |ui| {
                self.command_button(ui, UiCommand::ZoomIn);
                self.command_button(ui, UiCommand::ZoomOut);
                self.command_button(ui, UiCommand::ZoomReset);
                ui.separator();
                self.command_button(ui, UiCommand::ToggleTheme);
            });
            ui.menu_button("Help", |ui| {
                self.command_button(ui, UiCommand::Shortcuts);
                self.command_button(ui, UiCommand::About);
            });
        });
    }

    fn command_button(&mut self, ui: &mut Ui, command: UiCommand) {
        self.command_button_text(ui, command, command.text(), true);
    }

    fn command_button_text(&mut self, ui: &mut Ui, command: UiCommand, text: &str, enabled: bool) {
        let mut button = egui::Button::new(text);
        if let Some(shortcut) = command.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui.add_enabled(enabled, button).clicked() {
            self.actions.push(Action::Command(command));
            ui.close();
        }
    }

    fn status_bar_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let Some(open) = &self.open else {
                ui.label("No document open");
                return;
            };
            let file = open.path.as_ref().map_or_else(
                || format!("{} (not saved yet)", open.display_name),
                |p| p.display().to_string(),
            );
            ui.label(file);
            if open.history.is_dirty() {
                ui.label(RichText::new("● Unsaved changes").color(ui.visuals().warn_fg_color));
            }
            ui.separator();
            ui.label(format!(
                "{} annotations · {} speakers",
                open.doc.annotations().len(),
                open.doc.speakers().len()
            ));
            ui.separator();
            match (open.view.selected_range(), open.view.caret()) {
                (Some((start, end)), _) => ui.label(format!(
                    "Selection {start}–{end} ({} characters)",
                    end - start
                )),
                (None, Some(caret)) => ui.label(format!("Character {caret}")),
                (None, None) => ui.label(format!("{} characters", open.doc.article.len_chars())),
            };
            if let Some(status) = &self.status {
                ui.separator();
                ui.label(RichText::new(status).weak());
            }
        });
    }

    fn find_bar_ui(&mut self, ui: &mut Ui) {
        let Some(open) = &self.open else {
            return;
        };
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            let caption = ui.label("Find");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.find.query)
                        .hint_text("Words in the article")
                        .desired_width(260.0),
                )
                .labelled_by(caption.id);
            if self.find.focus {
                response.request_focus();
                self.find.focus = false;
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                actions.push(Action::Command(UiCommand::FindNext));
                response.request_focus();
            }
            let count = open.view.matches.len();
            let position = open
                .view
                .current_match
                .map_or(String::new(), |i| format!("{} of ", i + 1));
            ui.label(if self.find.query.is_empty() {
                String::new()
            } else {
                format!("{position}{count} matches")
            });
            if ui.button("Previous").clicked() {
                actions.push(Action::Command(UiCommand::FindPrevious));
            }
            if ui.button("Next").clicked() {
                actions.push(Action::Command(UiCommand::FindNext));
            }
            ui.separator();
            let labels = open.doc.labels();
            let chosen = self
                .find
                .label
                .clone()
                .filter(|l| labels.iter().any(|x| x.id == *l))
                .or_else(|| labels.first().map(|l| l.id.clone()));
            if let Some(chosen) = chosen {
                let name = open
                    .doc
                    .label(&chosen)
                    .map_or(chosen.clone(), |l| l.name.clone());
                let mut selected = chosen.clone();
                let caption = ui.label("Label as");
                egui::ComboBox::from_id_salt("find-label")
                    .selected_text(name)
                    .show_ui(ui, |ui| {
                        for label in labels {
                            ui.selectable_value(&mut selected, label.id.clone(), &label.name);
                        }
                    })
                    .response
                    .labelled_by(caption.id);
                self.find.label = Some(selected.clone());
                if ui
                    .add_enabled(count > 0, egui::Button::new("Label every match"))
                    .clicked()
                {
                    actions.push(Action::LabelMatches(selected));
                }
            }
            if ui.button("Close").clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape)) && response.has_focus()
            {
                self.find.open = false;
            }
        });
        self.actions.extend(actions);
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.open {
            Some(open) => {
                let marker = if open.history.is_dirty() { " ●" } else { "" };
                format!("Marginalia — {}{marker}", open.display_name)
            }
            None => "Marginalia".to_owned(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn welcome_ui(&mut self, ui: &mut Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(80.0);
            ui.heading("Marginalia");
            ui.label("Open an article (.txt, .md, .html) or an annotation file (.ron), or drop one here.");
            ui.add_space(12.0);
            if ui.button("Open…").clicked() {
                self.actions.push(Action::Command(UiCommand::Open));
            }
            if !self.prefs.recent_files.is_empty() {
                ui.add_space(16.0);
                ui.strong("Recent files");
                for path in self.prefs.recent_files.clone() {
                    if ui.link(path.display().to_string()).clicked() {
                        self.actions.push(Action::Open(path));
                    }
                }
            }
        });
    }
}

fn modifier_count(modifiers: egui::Modifiers) -> usize {
    [
        modifiers.alt,
        modifiers.ctrl,
        modifiers.shift,
        modifiers.mac_cmd,
        modifiers.command,
    ]
    .into_iter()
    .filter(|&m| m)
    .count()
}

/// Keeps a text field and the document in step: pushes `edit` (grouped, so a burst of typing
/// undoes at once) when the user typed, and shows the document's value again when it changed
/// elsewhere (an undo) while the field is not being edited.
pub(crate) fn sync_text_field(
    response: &egui::Response,
    text: &mut String,
    current: &str,
    actions: &mut Vec<Action>,
    edit: impl FnOnce(String) -> Edit,
    group: u64,
) {
    if response.changed() {
        actions.push(Action::EditGrouped(edit(text.clone()), group));
    } else if !response.has_focus() && text != current {
        current.clone_into(text);
    }
    if response.lost_focus() {
        actions.push(Action::EndGroup);
    }
}

/// The name of the file at `path` as the window shows it: its file name, else the whole path.
pub(crate) fn file_name_of(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The first `max_chars` characters of a quote, white space collapsed, with an ellipsis
/// when cut.
pub fn short_quote(text: &str, max_chars: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        collapsed
    } else {
        let mut short: String = collapsed
            .chars()
            .take(max_chars.saturating_sub(1))
            .collect();
        short.push('…');
        short
    }
}

impl eframe::App for MarginaliaApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.logic_pass(ctx);
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.ui_pass(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::STORAGE_KEY, &self.prefs);
    }
}

impl MarginaliaApp {
    /// What runs before each frame: the close request, the native dialogs' answers, the
    /// recovery copy.
    fn logic_pass(&mut self, ctx: &egui::Context) {
        self.autosave(ctx);
        self.poll_loading();
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_allowed() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            if !matches!(self.dialog, Some(Dialog::Unsaved { .. })) {
                self.dialog = Some(Dialog::Unsaved {
                    then: Pending::Quit,
                });
            }
        }
        if let Some(result) = self.file_dialogs.poll() {
            match result {
                dialogs::Picked::Open(path) => self.open_now(&path),
                dialogs::Picked::Review(path) => self.start_review(&path),
                dialogs::Picked::Export(format, path) => self.export_to(format, &path),
                dialogs::Picked::Save(path, then) => {
                    if self.save_to(&path)
                        && let Some(then) = then
                    {
                        self.resume(then);
                    }
                }
            }
        }
    }

    /// The frame's UI, then the actions it collected.
    fn ui_pass(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if self.dialog.is_none() && self.loading.is_none() {
            self.shortcuts(&ctx);
        }
        self.dropped_files(&ctx);
        self.refresh_matches();

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar_ui(ui));
        if self.open.is_some() {
            let mut actions = std::mem::take(&mut self.actions);
            if let Some(open) = &mut self.open {
                let revision = open.history.revision();
                let side = &mut self.side;
                let review = &mut self.review;
                if let Some(session) = review.as_mut()
                    && session.refresh(&open.doc, revision)
                {
                    open.view.review_marks = session.marks().to_vec();
                }
                egui::Panel::right("side")
                    .resizable(true)
                    .default_size(390.0)
                    .min_size(280.0)
                    .show(ui, |ui| match review.as_mut() {
                        Some(session) => session.ui(ui, &open.doc, revision, &mut actions),
                        None => side.ui(ui, &open.doc, revision, &open.view, &mut actions),
                    });
            }
            if self.find.open {
                egui::Panel::top("find").show(ui, |ui| self.find_bar_ui(ui));
            }
            if let Some(from) = self.open.as_ref().and_then(|o| o.view.link_from) {
                egui::Panel::top("link-mode").show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new(format!(
                                "Click the highlight that annotation {from} responds to."
                            ))
                            .strong(),
                        );
                        if ui.button("Cancel").clicked()
                            && let Some(open) = &mut self.open
                        {
                            open.view.link_from = None;
                        }
                    });
                });
            }
            let text_size = self.prefs.text_size;
            egui::CentralPanel::default().show(ui, |ui| {
                if let Some(open) = &mut self.open {
                    let revision = open.history.revision();
                    open.view
                        .ui(ui, &open.doc, revision, text_size, &mut actions);
                }
            });
            actions.append(&mut self.actions);
            self.actions = actions;
        } else {
            egui::CentralPanel::default().show(ui, |ui| self.welcome_ui(ui));
        }

        // A dialog waits while a file is read: the reading decides what comes next.
        if let Some(dialog) = self.dialog.take_if(|_| self.loading.is_none()) {
            let (keep, outcome) = dialog.show(&ctx, self.open.as_ref().map(|o| &o.doc));
            self.dialog = keep;
            if let Some(outcome) = outcome {
                self.dialog_outcome(outcome);
            }
        }
        if self.dialog.is_none() {
            self.dialog = self.waiting_dialogs.pop();
        }
        self.loading_ui(&ctx);

        for action in std::mem::take(&mut self.actions) {
            self.run_action(&ctx, action);
        }
        self.update_title(&ctx);
    }
}

impl MarginaliaApp {
    /// The reading modal, over everything once a read has taken long enough to notice (a
    /// quick one would only flicker).
    fn loading_ui(&mut self, ctx: &egui::Context) {
        const NOTICEABLE_SECONDS: f64 = 0.3;
        let Some(Reading { loading, since, .. }) = &self.loading else {
            return;
        };
        let waited = ctx.input(|i| i.time) - since;
        if waited < NOTICEABLE_SECONDS {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                NOTICEABLE_SECONDS - waited,
            ));
            return;
        }
        if loading.ui(ctx) {
            let path = loading.job().path().display().to_string();
            self.loading = None;
            self.status = Some(format!("Stopped reading {path}; nothing changed"));
        }
    }

    fn dialog_outcome(&mut self, outcome: dialogs::Outcome) {
        match outcome {
            dialogs::Outcome::Apply(edit) => self.apply_edit(edit, None),
            dialogs::Outcome::Open(path) => self.when_saved_or_discarded(Pending::Open(path)),
            dialogs::Outcome::Review(path) => self.start_review(&path),
            dialogs::Outcome::DeleteSpeakerUnassigning(id) => {
                if let Some(open) = &self.open {
                    let edit = Edit::remove_speaker_unassigning(&open.doc, id);
                    self.apply_edit(edit, None);
                }
            }
            dialogs::Outcome::Save(then) => self.save(Some(then)),
            dialogs::Outcome::Discard(then) => {
                if then == Pending::Quit {
                    self.allow_close = true;
                }
                self.discard_recovery();
                self.resume(then);
            }
            dialogs::Outcome::Overwrite(path, then) => {
                if self.save_checked(&path, None, true)
                    && let Some(then) = then
                {
                    self.resume(then);
                }
            }
            dialogs::Outcome::SaveAs(then) => self.save_as(then),
            dialogs::Outcome::Restore(entry) => self.restore(&entry),
            dialogs::Outcome::Reanchor(reanchored) => self.open_reanchored(*reanchored),
            dialogs::Outcome::DiscardRecovered(file) => io::recovery::discard(&file),
            dialogs::Outcome::Annotator(name) => {
                self.prefs.annotator = name;
                if let Some(open) = &mut self.open
                    && open.doc.annotator.is_empty()
                    && open.path.is_none()
                {
                    open.doc.annotator.clone_from(&self.prefs.annotator);
                }
            }
            dialogs::Outcome::DeleteUnlinking(id) => {
                if let Some(open) = &mut self.open {
                    let edit = Edit::remove_unlinking_responses(&open.doc, id);
                    if open.history.apply(&mut open.doc, edit).is_ok() {
                        open.view.selected = None;
                    }
                }
            }
            dialogs::Outcome::PathChosen(purpose, path, then) => match purpose {
                FilePurpose::Open => self.when_saved_or_discarded(Pending::Open(path)),
                FilePurpose::Export(format) => self.export_to(format, &path),
                FilePurpose::Review => self.start_review(&path),
                FilePurpose::Save => {
                    if self.save_to(&path)
                        && let Some(then) = then
                    {
                        self.resume(then);
                    }
                }
            },
        }
    }
}
