//! Dialogs: unsaved changes, errors, the annotator's name, confirmations, help; and the native
//! file dialogs, which run off the UI thread so the window never freezes.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use egui::{Id, RichText};

use crate::core::{AnnotationId, Document, Edit, Speaker, threads::CLAIM_LABEL, validate};

use super::command::UiCommand;

/// What waits for unsaved changes to be saved or discarded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Close the window.
    Quit,
    /// Open this file.
    Open(PathBuf),
    /// Show the open dialog.
    OpenDialog,
}

/// What a path is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// A file to open.
    Open,
    /// Where to save.
    Save,
    /// Where to export (a file, or a folder for brat).
    Export(crate::io::export::Format),
    /// A colleague's annotation file to review against mine.
    Review,
}

/// A dialog over the window.
#[derive(Clone, Debug)]
pub enum Dialog {
    /// Save, discard or cancel before `then`.
    Unsaved {
        /// What follows a save or discard.
        then: Pending,
    },
    /// Something failed.
    Error {
        /// What failed.
        title: String,
        /// Why, and what to do.
        message: String,
    },
    /// Who is annotating.
    AnnotatorName {
        /// The name being typed.
        name: String,
        /// Whether the name field was given the keyboard focus (once, when first shown).
        focused: bool,
    },
    /// What is said about the article: headline, publisher, address.
    ArticleDetails {
        /// The headline being typed.
        title: String,
        /// The publisher being typed.
        source: String,
        /// The address being typed.
        url: String,
        /// Whether the headline field was given the keyboard focus (once, when first shown).
        focused: bool,
    },
    /// Delete an annotation that others respond to?
    ConfirmDelete {
        /// The annotation.
        id: AnnotationId,
        /// How many respond to it.
        responses: usize,
    },
    /// No native file dialog can be shown: type a path.
    PathPrompt {
        /// Open or save.
        purpose: FilePurpose,
        /// The path being typed.
        path: String,
        /// What follows a save.
        then: Option<Pending>,
        /// Whether the path field was given the keyboard focus (once, when first shown).
        focused: bool,
    },
    /// Choose from a list that filters as you type.
    Picker {
        /// What is chosen.
        kind: PickerKind,
        /// The annotation it is chosen for.
        annotation: AnnotationId,
        /// The text typed so far.
        filter: String,
        /// Whether the filter field was given the keyboard focus (once, when first shown).
        focused: bool,
    },
    /// Delete a speaker that annotations name?
    ConfirmDeleteSpeaker {
        /// The speaker.
        id: crate::core::SpeakerId,
        /// How many annotations name it.
        uses: usize,
    },
    /// An annotation file was dropped while a document is open: open it, or review it?
    DroppedRon {
        /// The dropped file.
        path: PathBuf,
    },
    /// The file changed on disk since it was opened: overwrite, save as, or review theirs?
    Conflict {
        /// The file.
        path: PathBuf,
        /// What follows a save.
        then: Option<Pending>,
    },
    /// The file's article text was edited by hand: open it with its annotations placed
    /// again on the new text?
    Reanchor(Box<Reanchor>),
    /// Unsaved changes from a window that did not close normally.
    Recover {
        /// The recovery copies found.
        entries: Vec<crate::io::recovery::Recovered>,
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
    pub tally: crate::core::anchor::Tally,
    /// The document with its annotations placed on the edited text.
    pub document: Document,
    /// The file as read.
    pub fingerprint: Option<crate::io::format::Fingerprint>,
}

/// What a picker chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerKind {
    /// The annotation's speaker.
    Speaker,
    /// The annotation it responds to.
    RespondsTo,
}

/// What the user decided in a dialog.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// Apply this change.
    Apply(Edit),
    /// Save over the file although it changed on disk, then go on.
    Overwrite(PathBuf, Option<Pending>),
    /// Save elsewhere, then go on.
    SaveAs(Option<Pending>),
    /// Open this recovery copy.
    Restore(crate::io::recovery::Recovered),
    /// Open this re-anchored document.
    Reanchor(Box<Reanchor>),
    /// Delete this recovery copy.
    DiscardRecovered(PathBuf),
    /// Open this file (after asking about unsaved changes).
    Open(PathBuf),
    /// Review this file against mine.
    Review(PathBuf),
    /// Unassign the speaker everywhere and delete it.
    DeleteSpeakerUnassigning(crate::core::SpeakerId),
    /// Save, then go on.
    Save(Pending),
    /// Drop the changes and go on.
    Discard(Pending),
    /// The annotator's name.
    Annotator(String),
    /// Unlink the responses and delete.
    DeleteUnlinking(AnnotationId),
    /// A typed path.
    PathChosen(FilePurpose, PathBuf, Option<Pending>),
}

impl Dialog {
    /// Shows the dialog; returns it again while it stays open, and what was decided.
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per dialog, each short; together they read as the list of dialogs"
    )]
    pub fn show(
        mut self,
        ctx: &egui::Context,
        doc: Option<&Document>,
    ) -> (Option<Self>, Option<Outcome>) {
        let mut outcome = None;
        let mut close = false;
        let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        egui::Modal::new(Id::unique("marginalia-dialog")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            match &mut self {
                Self::Unsaved { then } => {
                    ui.heading("Save your changes?");
                    let what = match then {
                        Pending::Quit => "before closing",
                        Pending::Open(_) | Pending::OpenDialog => "before opening another file",
                    };
                    ui.label(format!("This document has changes that are not saved. Save them {what}?"));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            outcome = Some(Outcome::Save(then.clone()));
                            close = true;
                        }
                        if ui.button("Discard").clicked() {
                            outcome = Some(Outcome::Discard(then.clone()));
                            close = true;
                        }
                        if ui.button("Cancel").clicked() || escape {
                            close = true;
                        }
                    });
                }
                Self::Error { title, message } => {
                    ui.heading(title.as_str());
                    ui.label(message.as_str());
                    ui.add_space(8.0);
                    if ui.button("OK").clicked() || escape {
                        close = true;
                    }
                }
                Self::AnnotatorName { name, focused } => {
                    ui.heading("Who is annotating?");
                    ui.label("Your name is written into the annotation files you make, so colleagues know whose work they review.");
                    let caption = ui.label("Your name");
                    let response = ui.add(egui::TextEdit::singleline(name).hint_text("First and last name")).labelled_by(caption.id);
                    if !*focused {
                        response.request_focus();
                        *focused = true;
                    }
                    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.horizontal(|ui| {
                        let ok = ui.add_enabled(!name.trim().is_empty(), egui::Button::new("OK"));
                        if (ok.clicked() || enter) && !name.trim().is_empty() {
                            outcome = Some(Outcome::Annotator(name.trim().to_owned()));
                            close = true;
                        }
                        if ui.button("Later").clicked() || escape {
                            close = true;
                        }
                    });
                }
                Self::ArticleDetails { title, source, url, focused } => {
                    ui.heading("Article details");
                    ui.label("Written into the annotation file and every export, so the article can be found again. The text itself does not change.");
                    ui.add_space(4.0);
                    let mut enter = false;
                    egui::Grid::new("article-details").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
                        for (n, (caption, value, hint)) in [
                            ("Headline", &mut *title, "As published"),
                            ("Publisher", &mut *source, "Outlet or agency"),
                            ("Address", &mut *url, "https://…"),
                        ]
                        .into_iter()
                        .enumerate()
                        {
                            let caption = ui.label(caption);
                            let response = ui
                                .add(egui::TextEdit::singleline(value).hint_text(hint).desired_width(320.0))
                                .labelled_by(caption.id);
                            if n == 0 && !*focused {
                                response.request_focus();
                                *focused = true;
                            }
                            enter |= response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                            ui.end_row();
                        }
                    });
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("OK").clicked() || enter {
                            if let Some(doc) = doc {
                                let (title, source, url) = (title.trim(), source.trim(), url.trim());
                                let article = &doc.article;
                                if (title, source, url) != (article.title.as_str(), article.source.as_str(), article.url.as_str()) {
                                    outcome = Some(Outcome::Apply(Edit::SetArticleDetails {
                                        title: title.to_owned(),
                                        source: source.to_owned(),
                                        url: url.to_owned(),
                                    }));
                                }
                            }
                            close = true;
                        }
                        if ui.button("Cancel").clicked() || escape {
                            close = true;
                        }
                    });
                }
                Self::ConfirmDelete { id, responses } => {
                    ui.heading("Delete this annotation?");
                    ui.label(format!(
                        "{responses} other annotation(s) respond to annotation {id}. Deleting it unlinks them; they stay in the document. You can undo this."
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Unlink and delete").clicked() {
                            outcome = Some(Outcome::DeleteUnlinking(*id));
                            close = true;
                        }
                        if ui.button("Cancel").clicked() || escape {
                            close = true;
                        }
                    });
                }
                Self::PathPrompt {
                    purpose,
                    path,
                    then,
                    focused,
                } => {
                    let (heading, action) = match purpose {
                        FilePurpose::Open => ("Open a file", "Open"),
                        FilePurpose::Save => ("Save as", "Save"),
                        FilePurpose::Export(crate::io::export::Format::Brat) => {
                            ("Export to a brat folder", "Export")
                        }
                        FilePurpose::Export(_) => ("Export as", "Export"),
                        FilePurpose::Review => ("Review a colleague's file", "Review"),
                    };
                    ui.heading(heading);
                    ui.label("No file dialog is available on this system. Type the file's path here, pass it on the command line (marginalia FILE), or drop the file onto the window.");
                    let caption = ui.label("Path");
                    let response = ui
                        .add(egui::TextEdit::singleline(path).hint_text("/path/to/file").desired_width(f32::INFINITY))
                        .labelled_by(caption.id);
                    if !*focused {
                        response.request_focus();
                        *focused = true;
                    }
                    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.horizontal(|ui| {
                        if (ui.button(action).clicked() || enter) && !path.trim().is_empty() {
                            outcome = Some(Outcome::PathChosen(*purpose, PathBuf::from(path.trim()), then.take()));
                            close = true;
                        }
                        if ui.button("Cancel").clicked() || escape {
                            close = true;
                        }
                    });
                }
                Self::Picker {
                    kind,
                    annotation,
                    filter,
                    focused,
                } => {
                    let Some(doc) = doc else {
                        close = true;
                        return;
                    };
                    let heading = match kind {
                        PickerKind::Speaker => "Who said it?",
                        PickerKind::RespondsTo => "What does it respond to?",
                    };
                    ui.heading(heading);
                    let caption = ui.label("Filter");
                    let response = ui
                        .add(
                            egui::TextEdit::singleline(filter)
                                .hint_text("Type to filter")
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(caption.id);
                    if !*focused {
                        response.request_focus();
                        *focused = true;
                    }
                    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    let mut choices = picker_choices(doc, *kind, *annotation, filter);
                    let more = choices.len().saturating_sub(MAX_CHOICES_SHOWN);
                    choices.truncate(MAX_CHOICES_SHOWN);
                    egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                        for (n, (text, edit)) in choices.iter().enumerate() {
                            let first = n == 0;
                            if ui.selectable_label(first && !filter.is_empty(), text).clicked()
                                || (first && enter)
                            {
                                outcome = Some(Outcome::Apply(edit.clone()));
                                close = true;
                            }
                        }
                        if choices.is_empty() {
                            ui.label(RichText::new("Nothing matches.").weak());
                        }
                        if more > 0 {
                            ui.label(RichText::new(format!("{more} more: type to narrow the list.")).weak());
                        }
                    });
                    if ui.button("Cancel").clicked() || escape {
                        close = true;
                    }
                }
                Self::ConfirmDeleteSpeaker { id, uses } => {
                    ui.heading("Delete this speaker?");
                    ui.label(format!(
                        "{uses} annotation(s) name this speaker. Deleting it leaves them without a speaker. You can undo this, or merge the speaker into another instead."
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Unassign and delete").clicked() {
                            outcome = Some(Outcome::DeleteSpeakerUnassigning(*id));
                            close = true;
                        }
                        if ui.button("Cancel").clicked() || escape {
                            close = true;
                        }
                    });
                }
                Self::DroppedRon { path } => {
                    ui.heading("Open or review?");
                    let name = super::file_name_of(path);
                    ui.label(format!("Open {name} in place of this document, or review it against this document to compare and merge?"));
                    ui.horizontal(|ui| {
                        if ui.button("Review").clicked() {
                            outcome = Some(Outcome::Review(path.clone()));
                            close = true;
                        }
                        if ui.button("Open").clicked() {
                            outcome = Some(Outcome::Open(path.clone()));
                            close = true;
                        }
                        if ui.button("Cancel").clicked() || escape {
                            close = true;
                        }
                    });
                }
                Self::Conflict { path, then } => {
                    ui.heading("The file changed on disk");
                    ui.label(format!(
                        "{} was changed by something else since you opened it (a colleague, or a sync folder). Saving now would replace their version.",
                        path.display()
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Review theirs").on_hover_text("Compare their version with yours and take what is right").clicked() {
                            outcome = Some(Outcome::Review(path.clone()));
                            close = true;
                        }
                        if ui.button("Save as…").clicked() {
                            outcome = Some(Outcome::SaveAs(then.take()));
                            close = true;
                        }
                        if ui.button("Overwrite").on_hover_text("Their version is kept as FILE.ron.bak").clicked() {
                            outcome = Some(Outcome::Overwrite(path.clone(), then.take()));
                            close = true;
                        }
                        if ui.button("Cancel").clicked() || escape {
                            close = true;
                        }
                    });
                }
                Self::Reanchor(reanchor) => {
                    let name = super::file_name_of(&reanchor.path);
                    let tally = reanchor.tally;
                    ui.heading("The article text was edited");
                    ui.label(format!(
                        "The text inside {name} was changed outside Marginalia after it was annotated, so the annotations' places no longer fit it. Marginalia can place them again from the words they quote and the words around them:"
                    ));
                    ui.add_space(4.0);
                    ui.label(format!("• {} stay where they were", tally.stayed));
                    ui.label(format!("• {} move to where their words are now", tally.moved));
                    ui.label(format!(
                        "• {} cannot be placed with confidence: kept as orphans in the Orphans tab, for you to place",
                        tally.orphaned
                    ));
                    ui.add_space(4.0);
                    ui.label(RichText::new("Nothing is written until you save.").weak());
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Re-anchor and open").clicked() {
                            outcome = Some(Outcome::Reanchor(reanchor.clone()));
                            close = true;
                        }
                        if ui.button("Cancel").clicked() || escape {
                            close = true;
                        }
                    });
                }
                Self::Recover { entries } => {
                    ui.heading("Restore unsaved changes?");
                    ui.label("Marginalia did not close normally last time. These changes were not saved:");
                    let mut handled = None;
                    for (n, entry) in entries.iter().enumerate() {
                        ui.horizontal(|ui| {
                            ui.label(format!("{} (written {})", entry.meta.name, entry.meta.written));
                            if ui.button("Restore").clicked() {
                                outcome = Some(Outcome::Restore(entry.clone()));
                                handled = Some(n);
                            }
                            if ui.button("Discard").clicked() {
                                outcome = Some(Outcome::DiscardRecovered(entry.file.clone()));
                                handled = Some(n);
                            }
                        });
                    }
                    if let Some(n) = handled {
                        entries.remove(n);
                        // Restoring replaces the open document: one at a time.
                        if entries.is_empty() || matches!(outcome, Some(Outcome::Restore(_))) {
                            close = true;
                        }
                    }
                    if ui.button("Decide later").clicked() {
                        close = true;
                    }
                }
                Self::Shortcuts => {
                    ui.heading("Keyboard shortcuts");
                    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                        for (keys, what) in [
                            ("Drag, double-click, Shift+click", "Select text"),
                            ("Shift+← →", "Extend the selection"),
                            ("1, 2, 3 … (a label's key)", "Label the selection, or relabel the selected annotation"),
                            ("Click a highlight", "Select its annotation"),
                            ("Drag an end of the selected annotation", "Resize it"),
                            ("Esc", "Clear the selection"),
                        ] {
                            ui.label(keys);
                            ui.label(what);
                            ui.end_row();
                        }
                        for command in UiCommand::ALL {
                            if command.shortcuts().is_empty() {
                                continue;
                            }
                            let keys: Vec<String> = command.shortcuts().iter().map(|s| ctx.format_shortcut(s)).collect();
                            ui.label(keys.join(", "));
                            ui.label(command.text());
                            ui.end_row();
                        }
                    });
                    if ui.button("Close").clicked() || escape {
                        close = true;
                    }
                }
                Self::About => {
                    ui.heading("Marginalia");
                    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                    ui.label("Annotate who said what in news articles: claims, the denials and reactions that answer them, and the people behind each. Your work is saved as plain RON files that colleagues can review and merge.");
                    ui.label(RichText::new("Everything stays on this computer.").weak());
                    if ui.button("Close").clicked() || escape {
                        close = true;
                    }
                }
            }
        });
        ((!close).then_some(self), outcome)
    }
}

/// A file chosen in a native dialog.
#[derive(Debug)]
pub enum Picked {
    /// Open this file.
    Open(PathBuf),
    /// Review this file against mine.
    Review(PathBuf),
    /// Save here, then go on.
    Save(PathBuf, Option<Pending>),
    /// Export in this format here.
    Export(crate::io::export::Format, PathBuf),
}

/// Native file dialogs on a worker thread; the result is polled each frame.
pub struct FileDialogs {
    /// Woken when the user has chosen; `None` when native dialogs are off.
    ctx: Option<egui::Context>,
    receiver: Option<Receiver<Option<Picked>>>,
}

impl FileDialogs {
    /// Dialogs that wake `ctx` when the user has chosen; `enabled: false` never shows one
    /// (tests, where the typed-path prompt stands in).
    pub fn new(ctx: egui::Context, enabled: bool) -> Self {
        Self {
            ctx: enabled.then_some(ctx),
            receiver: None,
        }
    }

    /// Whether a native dialog can be shown: a desktop portal on the session bus, or zenity.
    pub fn available(&self) -> bool {
        if self.ctx.is_none() {
            return false;
        }
        let has_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
        let has_zenity = std::env::var_os("PATH").is_some_and(|paths| {
            std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file())
        });
        has_bus || has_zenity
    }

    /// Shows the open dialog, unless one is already showing.
    pub fn open(&mut self) {
        self.spawn(|| {
            rfd::FileDialog::new()
                .set_title("Open an article or annotation file")
                .add_filter(
                    "Articles and annotation files",
                    &["ron", "txt", "md", "html", "htm"],
                )
                .pick_file()
                .map(Picked::Open)
        });
    }

    /// Shows a dialog for a colleague's annotation file to review.
    pub fn review(&mut self) {
        self.spawn(|| {
            rfd::FileDialog::new()
                .set_title("Review a colleague's annotation file")
                .add_filter("Marginalia annotation file", &["ron"])
                .pick_file()
                .map(Picked::Review)
        });
    }

    /// Shows the save dialog, proposing `suggested`.
    pub fn save(&mut self, suggested: Option<PathBuf>, then: Option<Pending>) {
        self.spawn(move || {
            let mut dialog = rfd::FileDialog::new()
                .set_title("Save annotations as")
                .add_filter("Marginalia annotation file", &["ron"]);
            if let Some(suggested) = &suggested {
                if let Some(folder) = suggested.parent().filter(|p| !p.as_os_str().is_empty()) {
                    dialog = dialog.set_directory(folder);
                }
                if let Some(name) = suggested.file_name() {
                    dialog = dialog.set_file_name(name.to_string_lossy());
                }
            }
            dialog.save_file().map(|path| {
                let path = if path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                };
                Picked::Save(path, then)
            })
        });
    }

    /// Shows a dialog for where to export: a file, or a folder for brat.
    pub fn export(&mut self, format: crate::io::export::Format, suggested: Option<PathBuf>) {
        self.spawn(move || {
            let mut dialog = rfd::FileDialog::new();
            if let Some(folder) = suggested
                .as_ref()
                .and_then(|s| s.parent())
                .filter(|p| !p.as_os_str().is_empty())
            {
                dialog = dialog.set_directory(folder);
            }
            match format.extension() {
                None => dialog
                    .set_title("Export to a brat folder")
                    .pick_folder()
                    .map(|path| Picked::Export(format, path)),
                Some(extension) => {
                    if let Some(name) = suggested.as_ref().and_then(|s| s.file_name()) {
                        dialog = dialog.set_file_name(name.to_string_lossy());
                    }
                    dialog
                        .set_title(format!("Export as {}", format.name()))
                        .add_filter(format.name(), &[extension])
                        .save_file()
                        .map(|path| Picked::Export(format, path))
                }
            }
        });
    }

    fn spawn(&mut self, show: impl FnOnce() -> Option<Picked> + Send + 'static) {
        if self.receiver.is_some() || !self.available() {
            return;
        }
        let Some(ctx) = self.ctx.clone() else {
            return;
        };
        let (sender, receiver) = channel();
        self.receiver = Some(receiver);
        std::thread::spawn(move || {
            let picked = show();
            let _ = sender.send(picked);
            ctx.request_repaint();
        });
    }

    /// What the user chose, once the dialog has closed.
    pub fn poll(&mut self) -> Option<Picked> {
        let receiver = self.receiver.as_ref()?;
        match receiver.try_recv() {
            Ok(picked) => {
                self.receiver = None;
                picked
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.receiver = None;
                None
            }
        }
    }
}

/// How many choices a picker lists at once; typing narrows the rest.
const MAX_CHOICES_SHOWN: usize = 200;

/// The choices a picker offers for `filter`, each with the change it makes; the first is
/// what Enter picks.
fn picker_choices(
    doc: &Document,
    kind: PickerKind,
    annotation: AnnotationId,
    filter: &str,
) -> Vec<(String, Edit)> {
    let Some(ann) = doc.annotation(annotation) else {
        return Vec::new();
    };
    let needle = filter.trim().to_lowercase();
    let matches = |text: &str| needle.is_empty() || text.to_lowercase().contains(&needle);
    let mut choices = Vec::new();
    match kind {
        PickerKind::Speaker => {
            for speaker in doc.speakers() {
                let text = if speaker.role.is_empty() {
                    speaker.name.clone()
                } else {
                    format!("{} ({})", speaker.name, speaker.role)
                };
                if matches(&text) {
                    let edit = Edit::SetSpeaker {
                        id: annotation,
                        speaker: Some(speaker.id),
                    };
                    choices.push((text, edit));
                }
            }
            let name = filter.trim();
            let exists = doc
                .speakers()
                .iter()
                .any(|s| s.name.eq_ignore_ascii_case(name));
            if !name.is_empty() && !exists {
                let speaker = Speaker {
                    id: doc.next_speaker_id(),
                    name: name.to_owned(),
                    role: String::new(),
                };
                let id = speaker.id;
                let edit = Edit::Batch(vec![
                    Edit::add_speaker(doc, speaker),
                    Edit::SetSpeaker {
                        id: annotation,
                        speaker: Some(id),
                    },
                ]);
                choices.push((format!("New speaker “{name}”"), edit));
            }
            if needle.is_empty() && ann.speaker.is_some() {
                let edit = Edit::SetSpeaker {
                    id: annotation,
                    speaker: None,
                };
                choices.push(("Nobody".to_owned(), edit));
            }
        }
        PickerKind::RespondsTo => {
            // Claims first, then everything else that can be answered without a loop.
            let excluded = validate::responders(doc, annotation);
            let mut targets: Vec<_> = doc
                .annotations()
                .iter()
                .filter(|t| !excluded.contains(&t.id))
                .collect();
            targets.sort_by_key(|t| (t.label != CLAIM_LABEL, t.start));
            for target in targets {
                let text = super::side_panel::annotation_title(doc, target, 80);
                if matches(&text) {
                    let edit = Edit::Link {
                        id: annotation,
                        responds_to: Some(target.id),
                    };
                    choices.push((text, edit));
                }
            }
            if needle.is_empty() && ann.responds_to.is_some() {
                let edit = Edit::Link {
                    id: annotation,
                    responds_to: None,
                };
                choices.push(("Nothing".to_owned(), edit));
            }
        }
    }
    choices
}
