//! The prompts the workspace asks, drawn as modal dialogs: unsaved changes, conflicts,
//! replacing a file, errors, re-anchoring, recovery, confirmations, typed paths, pickers and
//! help. Each prompt is drawn by a function of its own. A dialog keeps only what is being typed
//! and which row is highlighted; every decision goes back as an action.

mod chooser;
mod forms;
mod picker;
mod scale;
mod verdict;

use egui::{Id, RichText, Ui};

use marginalia_core::Document;
use marginalia_workspace::command::MENUS;
use marginalia_workspace::{Action, Answer, Pending, Preferences, Prompt, count};

use super::command::shortcuts;

/// What is typed in the dialog shown; started afresh for each prompt.
#[derive(Default)]
pub struct DialogForm {
    /// Which prompt the form belongs to.
    owner: Option<u64>,
    /// The text typed (a path, a name, a filter).
    text: String,
    /// The article details being typed: headline, publisher, address, date of publication.
    details: [String; 4],
    /// Whether the first field was given the keyboard focus.
    focused: bool,
    /// The picker's highlighted row, and the filter it was highlighted under.
    highlighted: usize,
    highlighted_for: String,
    /// The file chooser's folder and what it holds.
    chooser: Option<chooser::Chooser>,
    /// The verdict being given.
    verdict: verdict::VerdictForm,
    /// The rating scale being edited.
    scale: scale::ScaleForm,
}

impl DialogForm {
    /// Makes the form the prompt's numbered `id`, starting its fields from what they show.
    fn belong_to(
        &mut self,
        prompt: &Prompt,
        id: u64,
        doc: Option<&Document>,
        preferences: &Preferences,
    ) {
        let (name, publisher, recent) = (
            &preferences.annotator,
            &preferences.publisher,
            &preferences.recent_files,
        );
        let owner = Some(id);
        if self.owner == owner {
            return;
        }
        *self = Self {
            owner,
            ..Self::default()
        };
        match prompt {
            Prompt::TypePath {
                purpose,
                folder,
                proposed,
                ..
            } => {
                self.text.clone_from(proposed);
                self.chooser = Some(chooser::Chooser::new(*purpose, folder, recent));
            }
            Prompt::AnnotatorName => name.clone_into(&mut self.text),
            Prompt::Publisher { .. } => publisher.clone_into(&mut self.text),
            Prompt::Verdict(id) => {
                if let Some(doc) = doc {
                    self.verdict = verdict::VerdictForm::of(doc, *id);
                }
            }
            Prompt::Scale => {
                if let Some(doc) = doc {
                    self.scale = scale::ScaleForm::of(doc.scale());
                }
            }
            Prompt::ArticleDetails { .. } => {
                if let Some(doc) = doc {
                    let article = &doc.article;
                    self.details = [
                        article.title.clone(),
                        article.source.clone(),
                        article.url.clone(),
                        article.date.clone(),
                    ];
                }
            }
            Prompt::Unsaved { .. }
            | Prompt::Conflict { .. }
            | Prompt::Replace { .. }
            | Prompt::Error { .. }
            | Prompt::Reanchor(_)
            | Prompt::Recover { .. }
            | Prompt::ConfirmDelete { .. }
            | Prompt::ConfirmDeleteSpeaker { .. }
            | Prompt::DroppedRon { .. }
            | Prompt::PickSpeaker(_)
            | Prompt::PickRespondsTo(_)
            | Prompt::Shortcuts
            | Prompt::About => {}
        }
    }
}

/// What a dialog needs besides its prompt: the keys of this frame, and where decisions go.
struct Answers<'a> {
    escape: bool,
    enter: bool,
    actions: &'a mut Vec<Action>,
}

impl Answers<'_> {
    fn answer(&mut self, answer: Answer) {
        self.actions.push(Action::Answer(answer));
    }

    /// A row of buttons, each giving its answer; Esc gives `Cancel` when it is among them.
    fn buttons_ui(&mut self, ui: &mut Ui, buttons: &[(&str, Answer)]) {
        ui.horizontal(|ui| {
            for (text, answer) in buttons {
                let cancel = *answer == Answer::Cancel && self.escape;
                if ui.button(*text).clicked() || cancel {
                    self.answer(answer.clone());
                }
            }
        });
    }

    /// A Close button, also given by Esc and Enter.
    fn close_ui(&mut self, ui: &mut Ui) {
        if ui.button("Close").clicked() || self.escape || self.enter {
            self.answer(Answer::Cancel);
        }
    }
}

/// Shows `prompt` (numbered `id`) over the window; returns what the user decided.
pub fn prompt_ui(
    ctx: &egui::Context,
    prompt: &Prompt,
    id: u64,
    form: &mut DialogForm,
    doc: Option<&Document>,
    preferences: &Preferences,
) -> Vec<Action> {
    form.belong_to(prompt, id, doc, preferences);
    let mut actions = Vec::new();
    let (escape, enter) = ctx.input(|i| {
        (
            i.key_pressed(egui::Key::Escape),
            i.key_pressed(egui::Key::Enter),
        )
    });
    let mut answers = Answers {
        escape,
        enter,
        actions: &mut actions,
    };
    egui::Modal::new(Id::unique("marginalia-dialog")).show(ctx, |ui| {
        // The list of shortcuts has two columns and wants the room; a question reads best
        // narrower.
        let width: f32 = match prompt {
            Prompt::Shortcuts | Prompt::Scale => 680.0,
            Prompt::TypePath { .. } => 720.0,
            _ => 480.0,
        };
        ui.set_max_width(width.min(ctx.content_rect().width() - 48.0));
        let a = &mut answers;
        match prompt {
            Prompt::Unsaved { then } => unsaved_ui(ui, then, a),
            Prompt::Error { title, message } => error_ui(ui, title, message, a),
            Prompt::Replace { path, .. } => replace_ui(ui, path, a),
            Prompt::Conflict { path, .. } => conflict_ui(ui, path, a),
            Prompt::AnnotatorName => forms::annotator_ui(ui, form, a),
            Prompt::Publisher { then_export } => forms::publisher_ui(ui, form, *then_export, a),
            Prompt::ArticleDetails { attachments } => {
                forms::article_details_ui(ui, form, doc, attachments, a);
            }
            Prompt::TypePath { purpose, .. } => {
                if let Some(chooser) = &mut form.chooser {
                    let first = !std::mem::replace(&mut form.focused, true);
                    chooser::chooser_ui(ui, chooser, &mut form.text, first, *purpose, a);
                }
            }
            Prompt::ConfirmDelete { id, responses } => confirm_delete_ui(ui, *id, *responses, a),
            Prompt::ConfirmDeleteSpeaker { uses, .. } => confirm_delete_speaker_ui(ui, *uses, a),
            Prompt::PickSpeaker(annotation) => {
                picker::picker_ui(ui, form, doc, picker::Kind::Speaker, *annotation, a);
            }
            Prompt::PickRespondsTo(annotation) => {
                picker::picker_ui(ui, form, doc, picker::Kind::RespondsTo, *annotation, a);
            }
            Prompt::Verdict(annotation) => verdict::verdict_ui(ui, form, doc, *annotation, a),
            Prompt::Scale => scale::scale_ui(ui, &mut form.scale, doc, a),
            Prompt::DroppedRon { path } => dropped_ui(ui, path, a),
            Prompt::Reanchor(reanchor) => reanchor_ui(ui, reanchor, a),
            Prompt::Recover { entries } => recover_ui(ui, entries, a),
            Prompt::Shortcuts => shortcuts_ui(ui, a),
            Prompt::About => about_ui(ui, a),
        }
    });
    actions
}

fn unsaved_ui(ui: &mut Ui, then: &Pending, a: &mut Answers<'_>) {
    ui.heading("Save your changes?");
    let what = match then {
        Pending::Quit => "before closing",
        Pending::Open(_) | Pending::OpenDialog | Pending::Corpus(_) => {
            "before opening another file"
        }
    };
    ui.label(format!(
        "This document has changes that are not saved. Save them {what}?"
    ));
    ui.add_space(8.0);
    a.buttons_ui(
        ui,
        &[
            ("Save", Answer::Save),
            ("Discard", Answer::Discard),
            ("Cancel", Answer::Cancel),
        ],
    );
}

fn error_ui(ui: &mut Ui, title: &str, message: &str, a: &mut Answers<'_>) {
    ui.heading(title);
    ui.label(message);
    ui.add_space(8.0);
    if ui.button("OK").clicked() || a.escape || a.enter {
        a.answer(Answer::Cancel);
    }
}

fn replace_ui(ui: &mut Ui, path: &std::path::Path, a: &mut Answers<'_>) {
    ui.heading("Replace the file?");
    let backup = marginalia_io::file_name_of(&marginalia_io::format::backup_path(path));
    ui.label(format!(
        "{} already exists. Replacing it puts this document in its place; the file there now \
         is kept as {backup}.",
        path.display(),
    ));
    ui.add_space(8.0);
    a.buttons_ui(
        ui,
        &[("Replace", Answer::Replace), ("Cancel", Answer::Cancel)],
    );
}

fn conflict_ui(ui: &mut Ui, path: &std::path::Path, a: &mut Answers<'_>) {
    ui.heading("The file changed on disk");
    ui.label(format!(
        "{} was changed by something else since you opened it (a colleague, or a sync folder). \
         Saving now would replace their version.",
        path.display()
    ));
    ui.horizontal(|ui| {
        let review = ui
            .button("Review theirs")
            .on_hover_text("Compare their version with yours and take what is right");
        if review.clicked() {
            a.answer(Answer::Review);
        }
        if ui.button("Save as…").clicked() {
            a.answer(Answer::SaveAs);
        }
        let overwrite = ui
            .button("Overwrite")
            .on_hover_text("Their version is kept as FILE.ron.bak");
        if overwrite.clicked() {
            a.answer(Answer::Overwrite);
        }
        if ui.button("Cancel").clicked() || a.escape {
            a.answer(Answer::Cancel);
        }
    });
}

fn confirm_delete_ui(
    ui: &mut Ui,
    id: marginalia_core::AnnotationId,
    responses: usize,
    a: &mut Answers<'_>,
) {
    ui.heading("Delete this annotation?");
    let others = count(
        responses,
        "other annotation responds",
        "other annotations respond",
    );
    ui.label(format!(
        "{others} to annotation {id}. Deleting it unlinks them; they stay in the document. You \
         can undo this."
    ));
    a.buttons_ui(
        ui,
        &[
            ("Unlink and delete", Answer::Confirm),
            ("Cancel", Answer::Cancel),
        ],
    );
}

fn confirm_delete_speaker_ui(ui: &mut Ui, uses: usize, a: &mut Answers<'_>) {
    ui.heading("Delete this speaker?");
    let named = count(uses, "annotation names", "annotations name");
    ui.label(format!(
        "{named} this speaker. Deleting it leaves them without a speaker. You can undo this, or \
         merge the speaker into another instead."
    ));
    a.buttons_ui(
        ui,
        &[
            ("Unassign and delete", Answer::Confirm),
            ("Cancel", Answer::Cancel),
        ],
    );
}

fn dropped_ui(ui: &mut Ui, path: &std::path::Path, a: &mut Answers<'_>) {
    ui.heading("Open or review?");
    let name = marginalia_io::file_name_of(path);
    ui.label(format!(
        "Open {name} in place of this document, or review it against this document to compare \
         and merge?"
    ));
    a.buttons_ui(
        ui,
        &[
            ("Review", Answer::Review),
            ("Open", Answer::Open),
            ("Cancel", Answer::Cancel),
        ],
    );
}

fn reanchor_ui(ui: &mut Ui, reanchor: &marginalia_workspace::Reanchor, a: &mut Answers<'_>) {
    let name = marginalia_io::file_name_of(&reanchor.path);
    let tally = reanchor.tally;
    ui.heading("The article text was edited");
    ui.label(format!(
        "The text inside {name} was changed outside Marginalia after it was annotated, so the \
         annotations' places no longer fit it. Marginalia can place them again from the words \
         they quote and the words around them:"
    ));
    ui.add_space(4.0);
    ui.label(format!(
        "• {} where they were",
        count(tally.stayed, "stays", "stay")
    ));
    ui.label(format!(
        "• {} to where their words are now",
        count(tally.moved, "moves", "move")
    ));
    ui.label(format!(
        "• {} be placed with confidence: kept as orphans in the Orphans tab, for you to place",
        count(tally.orphaned, "cannot", "cannot")
    ));
    ui.add_space(4.0);
    ui.label(RichText::new("Nothing is written until you save.").weak());
    ui.add_space(8.0);
    a.buttons_ui(
        ui,
        &[
            ("Re-anchor and open", Answer::Open),
            ("Cancel", Answer::Cancel),
        ],
    );
}

fn recover_ui(ui: &mut Ui, entries: &[marginalia_io::recovery::Recovered], a: &mut Answers<'_>) {
    ui.heading("Restore unsaved changes?");
    ui.label("Marginalia did not close normally last time. These changes were not saved:");
    for entry in entries {
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} (written {})",
                entry.meta.name, entry.meta.written
            ));
            if ui.button("Restore").clicked() {
                a.actions.push(Action::Restore(entry.clone()));
            }
            if ui.button("Discard").clicked() {
                a.actions.push(Action::DiscardRecovered(entry.file.clone()));
            }
        });
    }
    if ui.button("Decide later").clicked() {
        a.answer(Answer::Cancel);
    }
}

fn shortcuts_ui(ui: &mut Ui, a: &mut Answers<'_>) {
    ui.heading("Keyboard shortcuts");
    let ctx = ui.ctx().clone();
    let max_height = ctx.content_rect().height() * 0.7;
    egui::ScrollArea::vertical()
        .max_height(max_height)
        // As wide as the dialog lets it be, so the columns know their room from the start.
        .auto_shrink([false, true])
        .show(ui, |ui| {
            // Each column wraps within its share of the dialog rather than running past it.
            let column = (ui.available_width() / 2.0 - 12.0).max(120.0);
            egui::Grid::new("shortcuts")
                .striped(true)
                .max_col_width(column)
                .show(ui, |ui| {
                    for (keys, what) in [
                        ("Drag, double-click, Shift+click", "Select text"),
                        (
                            "← → ↑ ↓",
                            "Move the caret (from the first character in view)",
                        ),
                        (
                            "Ctrl+← →, Home, End, Ctrl+Home, Ctrl+End, Page Up, Page Down",
                            "By word, to the line's ends, the article's ends, by a page",
                        ),
                        ("Shift with any of these", "Select what the caret passes"),
                        (
                            "1, 2, 3 … (a label's key)",
                            "Label the selection, or relabel the selected annotation",
                        ),
                        ("Click a highlight", "Select its annotation"),
                        ("Drag an end of the selected annotation", "Resize it"),
                        (
                            "Esc",
                            "Close what is open, or leave a list, a field or the menus for \
                             the article, else clear the selection",
                        ),
                        (
                            "F6, Shift+F6",
                            "Move between the article, the side panel and the folder's list",
                        ),
                        (
                            "↑ ↓, Home, End, Page Up, Page Down (in a list or a picker)",
                            "Move between the rows; Enter or Space opens or takes the row",
                        ),
                        (
                            "Tab, Shift+Tab",
                            "Move to the next or previous button or field (in the article: \
                             the next or previous suggested quote, when there are some)",
                        ),
                        (
                            "F10, or Alt alone",
                            "The menus: ← → between them, Enter or ↓ opens one, ↑ ↓ walk it, \
                             Enter runs the command",
                        ),
                    ] {
                        ui.label(keys);
                        ui.add(egui::Label::new(what).wrap());
                        ui.end_row();
                    }
                    // Every command: its keys, or the menu it is in (F10 reaches it).
                    for (menu, commands) in MENUS {
                        for &command in commands.iter().flatten() {
                            let keys: Vec<String> = shortcuts(command)
                                .iter()
                                .map(|s| ctx.format_shortcut(s))
                                .collect();
                            if keys.is_empty() {
                                ui.label(RichText::new(format!("{menu} menu")).weak());
                            } else {
                                ui.label(keys.join(", "));
                            }
                            ui.add(egui::Label::new(command.text()).wrap());
                            ui.end_row();
                        }
                    }
                });
        });
    a.close_ui(ui);
}

fn about_ui(ui: &mut Ui, a: &mut Answers<'_>) {
    ui.heading("Marginalia");
    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
    ui.label(
        "Annotate who said what in news articles: claims, the denials and reactions that answer \
         them, and the people behind each. Your work is saved as plain RON files that colleagues \
         can review and merge.",
    );
    ui.label(RichText::new("Everything stays on this computer.").weak());
    a.close_ui(ui);
}
