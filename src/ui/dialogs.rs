//! The prompts the workspace asks, drawn as modal dialogs: unsaved changes, conflicts,
//! replacing a file, errors, re-anchoring, recovery, confirmations, typed paths, pickers and
//! help. A dialog keeps only what is being typed; every decision goes back as an action.

use egui::text::{CCursor, CCursorRange};
use egui::{Id, RichText};

use marginalia_core::{AnnotationId, Document, Edit, threads::CLAIM_LABEL, validate};
use marginalia_workspace::{Action, Answer, Command, FilePurpose, Pending, Prompt, count};

use super::command::shortcuts;

/// What is typed in the dialog shown; started afresh for each prompt.
#[derive(Default)]
pub struct DialogForm {
    /// Which prompt the form belongs to.
    owner: Option<u64>,
    /// The text typed (a path, a name, a filter).
    text: String,
    /// The article details being typed: headline, publisher, address.
    details: [String; 3],
    /// Whether the first field was given the keyboard focus.
    focused: bool,
}

impl DialogForm {
    /// Makes the form the prompt's numbered `id`, starting its fields from what they show.
    fn belong_to(&mut self, prompt: &Prompt, id: u64, doc: Option<&Document>, name: &str) {
        let owner = Some(id);
        if self.owner == owner {
            return;
        }
        *self = Self {
            owner,
            ..Self::default()
        };
        match prompt {
            Prompt::TypePath { proposed, .. } => self.text.clone_from(proposed),
            Prompt::AnnotatorName => name.clone_into(&mut self.text),
            Prompt::ArticleDetails => {
                if let Some(doc) = doc {
                    let article = &doc.article;
                    self.details = [
                        article.title.clone(),
                        article.source.clone(),
                        article.url.clone(),
                    ];
                }
            }
            _ => {}
        }
    }
}

/// Shows `prompt` (numbered `id`) over the window; returns what the user decided.
#[expect(
    clippy::too_many_lines,
    reason = "one arm per prompt, each short; together they read as the list of dialogs"
)]
pub fn prompt_ui(
    ctx: &egui::Context,
    prompt: &Prompt,
    id: u64,
    form: &mut DialogForm,
    doc: Option<&Document>,
    annotator: &str,
) -> Vec<Action> {
    form.belong_to(prompt, id, doc, annotator);
    let mut actions = Vec::new();
    let (escape, enter) = ctx.input(|i| {
        (
            i.key_pressed(egui::Key::Escape),
            i.key_pressed(egui::Key::Enter),
        )
    });
    let answer = |actions: &mut Vec<Action>, answer: Answer| actions.push(Action::Answer(answer));
    egui::Modal::new(Id::unique("marginalia-dialog")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        match prompt {
            Prompt::Unsaved { then } => {
                ui.heading("Save your changes?");
                let what = match then {
                    Pending::Quit => "before closing",
                    Pending::Open(_) | Pending::OpenDialog | Pending::Corpus(_) => {
                        "before opening another file"
                    }
                };
                ui.label(format!("This document has changes that are not saved. Save them {what}?"));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer(&mut actions, Answer::Save);
                    }
                    if ui.button("Discard").clicked() {
                        answer(&mut actions, Answer::Discard);
                    }
                    if ui.button("Cancel").clicked() || escape {
                        answer(&mut actions, Answer::Cancel);
                    }
                });
            }
            Prompt::Error { title, message } => {
                ui.heading(title.as_str());
                ui.label(message.as_str());
                ui.add_space(8.0);
                if ui.button("OK").clicked() || escape || enter {
                    answer(&mut actions, Answer::Cancel);
                }
            }
            Prompt::Replace { path, .. } => {
                ui.heading("Replace the file?");
                ui.label(format!(
                    "{} already exists. Replacing it puts this document in its place; the file there now is kept as {}.",
                    path.display(),
                    marginalia_io::file_name_of(&marginalia_io::format::backup_path(path))
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Replace").clicked() {
                        answer(&mut actions, Answer::Replace);
                    }
                    if ui.button("Cancel").clicked() || escape {
                        answer(&mut actions, Answer::Cancel);
                    }
                });
            }
            Prompt::AnnotatorName => {
                ui.heading("Who is annotating?");
                ui.label("Your name is written into the annotation files you save, so colleagues know whose work they review.");
                let caption = ui.label("Your name");
                let response = ui
                    .add(egui::TextEdit::singleline(&mut form.text).hint_text("First and last name"))
                    .labelled_by(caption.id);
                if !form.focused {
                    response.request_focus();
                    form.focused = true;
                }
                let entered = response.lost_focus() && enter;
                let name = form.text.trim();
                ui.horizontal(|ui| {
                    let ok = ui.add_enabled(!name.is_empty(), egui::Button::new("OK"));
                    if (ok.clicked() || entered) && !name.is_empty() {
                        answer(&mut actions, Answer::Cancel);
                        actions.push(Action::SetAnnotator(name.to_owned()));
                    }
                    if ui.button("Cancel").clicked() || escape {
                        answer(&mut actions, Answer::Cancel);
                    }
                });
            }
            Prompt::ArticleDetails => {
                ui.heading("Article details");
                ui.label("Written into the annotation file and every export, so the article can be found again. The text itself does not change.");
                ui.add_space(4.0);
                let mut entered = false;
                egui::Grid::new("article-details").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
                    for (n, (caption, hint)) in [
                        ("Headline", "As published"),
                        ("Publisher", "Outlet or agency"),
                        ("Address", "https://…"),
                    ]
                    .into_iter()
                    .enumerate()
                    {
                        let caption = ui.label(caption);
                        if let Some(value) = form.details.get_mut(n) {
                            let response = ui
                                .add(egui::TextEdit::singleline(value).hint_text(hint).desired_width(320.0))
                                .labelled_by(caption.id);
                            if n == 0 && !form.focused {
                                response.request_focus();
                                form.focused = true;
                            }
                            entered |= response.lost_focus() && enter;
                        }
                        ui.end_row();
                    }
                });
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("OK").clicked() || entered {
                        answer(&mut actions, Answer::Cancel);
                        let [title, source, url] = form.details.clone().map(|v| v.trim().to_owned());
                        if let Some(doc) = doc {
                            let article = &doc.article;
                            if (&title, &source, &url) != (&article.title, &article.source, &article.url) {
                                actions.push(Action::Edit(Edit::SetArticleDetails { title, source, url }));
                            }
                        }
                    }
                    if ui.button("Cancel").clicked() || escape {
                        answer(&mut actions, Answer::Cancel);
                    }
                });
            }
            Prompt::ConfirmDelete { id, responses } => {
                ui.heading("Delete this annotation?");
                let others = count(*responses, "other annotation responds", "other annotations respond");
                ui.label(format!(
                    "{others} to annotation {id}. Deleting it unlinks them; they stay in the document. You can undo this."
                ));
                ui.horizontal(|ui| {
                    if ui.button("Unlink and delete").clicked() {
                        answer(&mut actions, Answer::Confirm);
                    }
                    if ui.button("Cancel").clicked() || escape {
                        answer(&mut actions, Answer::Cancel);
                    }
                });
            }
            Prompt::TypePath { purpose, folder, .. } => {
                let (heading, verb) = match purpose {
                    FilePurpose::Open => ("Open a file", "Open"),
                    FilePurpose::Save => ("Save as", "Save"),
                    FilePurpose::Export(marginalia_io::export::Format::Brat) => ("Export to a brat folder", "Export"),
                    FilePurpose::Export(_) => ("Export as", "Export"),
                    FilePurpose::Review => ("Review a colleague's file", "Review"),
                    FilePurpose::OpenFolder => ("Open a folder of articles", "Open"),
                    FilePurpose::ExportQuotes(_) => ("Write their quotes to", "Write"),
                };
                ui.heading(heading);
                let also = if *purpose == FilePurpose::Open { " You can also drop the file onto the window." } else { "" };
                ui.label(format!("No file dialog is available on this system: type the path.{also}"));
                ui.label(RichText::new(format!("A relative path starts in {}", folder.display())).weak());
                let caption = ui.label("Path");
                let mut output = egui::TextEdit::singleline(&mut form.text)
                    .hint_text("file name or /path/to/file")
                    .desired_width(f32::INFINITY)
                    .show(ui);
                let response = output.response.response.clone().labelled_by(caption.id);
                if !form.focused {
                    // The caret at the end, where a name is changed or an extension added.
                    response.request_focus();
                    let end = CCursor::new(form.text.chars().count());
                    output.state.cursor.set_char_range(Some(CCursorRange::one(end)));
                    output.state.store(ui.ctx(), response.id);
                    form.focused = true;
                }
                let entered = response.lost_focus() && enter;
                ui.horizontal(|ui| {
                    if (ui.button(verb).clicked() || entered) && !form.text.trim().is_empty() {
                        answer(&mut actions, Answer::Path(form.text.clone()));
                    }
                    if ui.button("Cancel").clicked() || escape {
                        answer(&mut actions, Answer::Cancel);
                    }
                });
            }
            Prompt::PickSpeaker(annotation) | Prompt::PickRespondsTo(annotation) => {
                let Some(doc) = doc else {
                    answer(&mut actions, Answer::Cancel);
                    return;
                };
                let kind = if matches!(prompt, Prompt::PickSpeaker(_)) { PickerKind::Speaker } else { PickerKind::RespondsTo };
                ui.heading(match kind {
                    PickerKind::Speaker => "Who said it?",
                    PickerKind::RespondsTo => "What does it respond to?",
                });
                let caption = ui.label("Filter");
                let response = ui
                    .add(egui::TextEdit::singleline(&mut form.text).hint_text("Type to filter").desired_width(f32::INFINITY))
                    .labelled_by(caption.id);
                if !form.focused {
                    response.request_focus();
                    form.focused = true;
                }
                let entered = response.lost_focus() && enter;
                let mut choices = picker_choices(doc, kind, *annotation, &form.text);
                let more = choices.len().saturating_sub(MAX_CHOICES_SHOWN);
                choices.truncate(MAX_CHOICES_SHOWN);
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    for (n, (text, edit)) in choices.iter().enumerate() {
                        let first = n == 0;
                        if ui.selectable_label(first && !form.text.is_empty(), text).clicked() || (first && entered) {
                            answer(&mut actions, Answer::Cancel);
                            actions.push(Action::Edit(edit.clone()));
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
                    answer(&mut actions, Answer::Cancel);
                }
            }
            Prompt::ConfirmDeleteSpeaker { id: _, uses } => {
                ui.heading("Delete this speaker?");
                let named = count(*uses, "annotation names", "annotations name");
                ui.label(format!(
                    "{named} this speaker. Deleting it leaves them without a speaker. You can undo this, or merge the speaker into another instead."
                ));
                ui.horizontal(|ui| {
                    if ui.button("Unassign and delete").clicked() {
                        answer(&mut actions, Answer::Confirm);
                    }
                    if ui.button("Cancel").clicked() || escape {
                        answer(&mut actions, Answer::Cancel);
                    }
                });
            }
            Prompt::DroppedRon { path } => {
                ui.heading("Open or review?");
                let name = marginalia_io::file_name_of(path);
                ui.label(format!("Open {name} in place of this document, or review it against this document to compare and merge?"));
                ui.horizontal(|ui| {
                    if ui.button("Review").clicked() {
                        answer(&mut actions, Answer::Review);
                    }
                    if ui.button("Open").clicked() {
                        answer(&mut actions, Answer::Open);
                    }
                    if ui.button("Cancel").clicked() || escape {
                        answer(&mut actions, Answer::Cancel);
                    }
                });
            }
            Prompt::Conflict { path, .. } => {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "{} was changed by something else since you opened it (a colleague, or a sync folder). Saving now would replace their version.",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Review theirs").on_hover_text("Compare their version with yours and take what is right").clicked() {
                        answer(&mut actions, Answer::Review);
                    }
                    if ui.button("Save as…").clicked() {
                        answer(&mut actions, Answer::SaveAs);
                    }
                    if ui.button("Overwrite").on_hover_text("Their version is kept as FILE.ron.bak").clicked() {
                        answer(&mut actions, Answer::Overwrite);
                    }
                    if ui.button("Cancel").clicked() || escape {
                        answer(&mut actions, Answer::Cancel);
                    }
                });
            }
            Prompt::Reanchor(reanchor) => {
                let name = marginalia_io::file_name_of(&reanchor.path);
                let tally = reanchor.tally;
                ui.heading("The article text was edited");
                ui.label(format!(
                    "The text inside {name} was changed outside Marginalia after it was annotated, so the annotations' places no longer fit it. Marginalia can place them again from the words they quote and the words around them:"
                ));
                ui.add_space(4.0);
                ui.label(format!("• {} where they were", count(tally.stayed, "stays", "stay")));
                ui.label(format!("• {} to where their words are now", count(tally.moved, "moves", "move")));
                ui.label(format!(
                    "• {} be placed with confidence: kept as orphans in the Orphans tab, for you to place",
                    count(tally.orphaned, "cannot", "cannot")
                ));
                ui.add_space(4.0);
                ui.label(RichText::new("Nothing is written until you save.").weak());
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Re-anchor and open").clicked() {
                        answer(&mut actions, Answer::Open);
                    }
                    if ui.button("Cancel").clicked() || escape {
                        answer(&mut actions, Answer::Cancel);
                    }
                });
            }
            Prompt::Recover { entries } => {
                ui.heading("Restore unsaved changes?");
                ui.label("Marginalia did not close normally last time. These changes were not saved:");
                for entry in entries {
                    ui.horizontal(|ui| {
                        ui.label(format!("{} (written {})", entry.meta.name, entry.meta.written));
                        if ui.button("Restore").clicked() {
                            actions.push(Action::Restore(entry.clone()));
                        }
                        if ui.button("Discard").clicked() {
                            actions.push(Action::DiscardRecovered(entry.file.clone()));
                        }
                    });
                }
                if ui.button("Decide later").clicked() {
                    answer(&mut actions, Answer::Cancel);
                }
            }
            Prompt::Shortcuts => {
                ui.heading("Keyboard shortcuts");
                egui::ScrollArea::vertical().max_height(ui.ctx().content_rect().height() * 0.7).show(ui, |ui| {
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
                        for command in Command::all() {
                            let keys: Vec<String> = shortcuts(command).iter().map(|s| ctx.format_shortcut(s)).collect();
                            if keys.is_empty() {
                                continue;
                            }
                            ui.label(keys.join(", "));
                            ui.label(command.text());
                            ui.end_row();
                        }
                    });
                });
                if ui.button("Close").clicked() || escape || enter {
                    answer(&mut actions, Answer::Cancel);
                }
            }
            Prompt::About => {
                ui.heading("Marginalia");
                ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                ui.label("Annotate who said what in news articles: claims, the denials and reactions that answer them, and the people behind each. Your work is saved as plain RON files that colleagues can review and merge.");
                ui.label(RichText::new("Everything stays on this computer.").weak());
                if ui.button("Close").clicked() || escape || enter {
                    answer(&mut actions, Answer::Cancel);
                }
            }
        }
    });
    actions
}

/// What a picker chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PickerKind {
    /// The annotation's speaker.
    Speaker,
    /// The annotation it responds to.
    RespondsTo,
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
            if !name.is_empty() && doc.speaker_named(name).is_none() {
                let edit = Edit::assign_speaker_named(doc, annotation, name);
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
