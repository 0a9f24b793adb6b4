//! The side panel: label buttons, the annotation list (filter, search, jump) and the selected
//! annotation's details. It reads the document and pushes actions; it changes nothing itself.

use egui::{Color32, RichText, Ui, vec2};

use marginalia_core::{Annotation, AnnotationId, Document, Edit};

use super::bidi::{visual, visual_text};
use super::labels::label_color;
use super::rows::{self, Entry, Rows};
use super::speakers_view::SpeakersView;
use super::sync_text_field;
use super::threads_view::ThreadsView;
use marginalia_core::excerpt::{annotation_spoken, annotation_title, collapse_whitespace, excerpt};
use marginalia_workspace::{Action, Command, Selection, SuggestionAction, Suggestions};

/// The side panel's own state: filters and fields being typed in.
#[derive(Default)]
pub struct SidePanel {
    /// Show only annotations with this label.
    filter_label: Option<String>,
    /// Show only annotations whose quote, note or speaker contains this.
    search: String,
    /// The note being edited, for which annotation.
    note: Option<(AnnotationId, String)>,
    /// The add-label form, when open.
    new_label: Option<NewLabel>,
    /// Cached list of shown annotations: (revision, filter, search) it was made for.
    shown: Option<(ListKey, Vec<AnnotationId>)>,
    /// Which view fills the middle of the panel.
    tab: Tab,
    threads: ThreadsView,
    speakers: SpeakersView,
    /// Where the keyboard enters the panel (F6): the list shown, else the first tab.
    entry: Entry,
}

/// The views of the middle of the side panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Tab {
    /// Every annotation, filtered and searched.
    #[default]
    Annotations,
    /// Claims with their responses.
    Threads,
    /// The people who speak.
    Speakers,
    /// Annotations that could not be placed on this text.
    Orphans,
}

/// What the shown list depends on: document revision, label filter, search text.
type ListKey = (u64, Option<String>, String);

struct NewLabel {
    name: String,
    color: [u8; 3],
    key: String,
    error: Option<String>,
}

impl SidePanel {
    /// Where the keyboard enters the panel (F6), as drawn last frame.
    pub fn entry(&self) -> Entry {
        self.entry
    }

    /// Shows the orphans, to be placed.
    pub fn show_orphans(&mut self) {
        self.tab = Tab::Orphans;
    }

    /// Forgets what belonged to the document shown before (a note being typed, the list of
    /// its annotations); the tab shown stays.
    pub fn document_changed(&mut self) {
        *self = Self {
            tab: self.tab,
            ..Self::default()
        };
    }

    /// Draws the panel.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        revision: u64,
        view: &Selection,
        suggestions: Option<&Suggestions>,
        actions: &mut Vec<Action>,
    ) {
        let suggestion = suggestions
            .and_then(Suggestions::current)
            .filter(|_| view.annotation.is_none() && view.range().is_none());
        self.labels_ui(ui, doc, view, suggestion.is_some(), actions);
        ui.separator();
        let details_height = if view.annotation.is_some() {
            330.0
        } else if suggestion.is_some() {
            220.0
        } else {
            60.0
        };
        let list_height = (ui.available_height() - details_height).max(120.0);
        ui.horizontal(|ui| {
            for (tab, name) in [
                (
                    Tab::Annotations,
                    format!("Annotations ({})", doc.annotations().len()),
                ),
                (Tab::Threads, "Threads".to_owned()),
                (
                    Tab::Speakers,
                    format!("Speakers ({})", doc.speakers().len()),
                ),
            ] {
                let response =
                    ui.selectable_value(&mut self.tab, tab, RichText::new(name).strong());
                if tab == Tab::Annotations {
                    // The keyboard enters here when the list shown has no row.
                    self.entry = Entry::Widget(response.id);
                }
            }
            if !doc.orphans().is_empty() {
                let name = format!("Orphans ({})", doc.orphans().len());
                let text = RichText::new(name)
                    .strong()
                    .color(ui.visuals().warn_fg_color);
                ui.selectable_value(&mut self.tab, Tab::Orphans, text);
            }
        });

        if self.tab == Tab::Orphans && doc.orphans().is_empty() {
            self.tab = Tab::Annotations;
        }
        ui.allocate_ui(vec2(ui.available_width(), list_height), |ui| {
            match self.tab {
                Tab::Annotations => self.list_ui(ui, doc, revision, view, actions),
                Tab::Threads => {
                    if let Some(list) = self.threads.ui(ui, doc, revision, view.annotation, actions)
                    {
                        self.entry = Entry::List(list);
                    }
                }
                Tab::Speakers => self.speakers.ui(ui, doc, actions),
                Tab::Orphans => orphans_ui(ui, doc, view, actions),
            }
        });
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("details")
            .auto_shrink([false, false])
            .show(ui, |ui| match (suggestion, suggestions) {
                (Some(_), Some(suggestions)) => suggestion_ui(ui, doc, suggestions, actions),
                _ => self.details_ui(ui, doc, view, suggestions, actions),
            });
    }

    fn labels_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        view: &Selection,
        suggestion: bool,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal(|ui| {
            ui.heading("Labels");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.small_button("Add label…").clicked() {
                    self.new_label = Some(NewLabel {
                        name: String::new(),
                        color: [0x9B, 0x5D, 0xE5],
                        key: String::new(),
                        error: None,
                    });
                }
            });
        });
        let hint = if view.range().is_some() {
            "Label the selected text:"
        } else if view.annotation.is_some() {
            "Change the selected annotation's label:"
        } else if suggestion {
            "Accept the suggested quotation as:"
        } else {
            "Select text in the article, then press a label's key or button."
        };
        ui.label(RichText::new(hint).weak());
        ui.horizontal_wrapped(|ui| {
            for label in doc.labels() {
                let color = label_color(doc, &label.id);
                let text = if label.key.is_empty() {
                    label.name.clone()
                } else {
                    format!("{}  {}", label.name, label.key)
                };
                let button = egui::Button::new(
                    RichText::new(text).color(super::labels::contrasting_text(color)),
                )
                .fill(color)
                .min_size(vec2(0.0, 26.0));
                let enabled = view.range().is_some() || view.annotation.is_some() || suggestion;
                let response = ui.add_enabled(enabled, button);
                if response.clicked() {
                    actions.push(Action::Label(label.id.clone()));
                }
            }
        });
        self.new_label_ui(ui, doc, actions);
    }

    fn new_label_ui(&mut self, ui: &mut Ui, doc: &Document, actions: &mut Vec<Action>) {
        let Some(form) = &mut self.new_label else {
            return;
        };
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong("New label");
            egui::Grid::new("new-label").num_columns(2).show(ui, |ui| {
                let caption = ui.label("Name");
                ui.text_edit_singleline(&mut form.name)
                    .labelled_by(caption.id);
                ui.end_row();
                let caption = ui.label("Colour");
                ui.color_edit_button_srgb(&mut form.color)
                    .labelled_by(caption.id);
                ui.end_row();
                let caption = ui.label("Key");
                ui.add(
                    egui::TextEdit::singleline(&mut form.key)
                        .char_limit(1)
                        .desired_width(24.0),
                )
                .labelled_by(caption.id);
                ui.end_row();
            });
            if let Some(error) = &form.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.horizontal(|ui| {
                if ui.button("Add").clicked() {
                    match label_from_form(doc, &form.name, form.color, &form.key) {
                        Ok(edit) => {
                            actions.push(Action::Edit(edit));
                            close = true;
                        }
                        Err(error) => form.error = Some(error),
                    }
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.new_label = None;
        }
    }

    fn shown_ids(&mut self, doc: &Document, revision: u64) -> Vec<AnnotationId> {
        let key = (revision, self.filter_label.clone(), self.search.clone());
        if let Some((cached_key, ids)) = &self.shown
            && *cached_key == key
        {
            return ids.clone();
        }
        let filter = marginalia_workspace::lists::AnnotationFilter {
            label: self.filter_label.clone(),
            search: self.search.clone(),
        };
        let ids = filter.ids(doc);
        self.shown = Some((key, ids.clone()));
        ids
    }

    fn list_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        revision: u64,
        view: &Selection,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal(|ui| {
            let caption = ui.label("Show");
            let selected_text = self
                .filter_label
                .as_ref()
                .and_then(|id| doc.label(id))
                .map_or("All labels".to_owned(), |l| l.name.clone());
            egui::ComboBox::from_id_salt("label-filter")
                .selected_text(selected_text)
                .width(110.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter_label, None, "All labels");
                    for label in doc.labels() {
                        ui.selectable_value(
                            &mut self.filter_label,
                            Some(label.id.clone()),
                            &label.name,
                        );
                    }
                })
                .response
                .labelled_by(caption.id);
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("Search quotes, notes, speakers")
                    .desired_width(f32::INFINITY),
            )
            .on_hover_text("Search annotations")
            .labelled_by(caption.id);
        });
        let ids = self.shown_ids(doc, revision);
        if ids.is_empty() {
            ui.label(
                RichText::new(if doc.annotations().is_empty() {
                    "No annotations yet."
                } else {
                    "No annotation matches."
                })
                .weak(),
            );
            return;
        }
        let row_height = 40.0;
        let rows = Rows::new(ui, "annotation-list", row_height, ids.len());
        self.entry = Entry::List(rows.id());
        rows.show(ui, |ui, index, row| {
            let Some(ann) = ids.get(index).and_then(|id| doc.annotation(*id)) else {
                return;
            };
            let response = rows::row_response(ui, row, row_height);
            annotation_row_ui(ui, doc, ann, view.annotation == Some(ann.id), &response);
            if response.clicked() {
                actions.push(Action::Show(ann.id));
            }
        });
    }

    fn details_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        view: &Selection,
        suggestions: Option<&Suggestions>,
        actions: &mut Vec<Action>,
    ) {
        let Some(ann) = view.annotation.and_then(|id| doc.annotation(id)) else {
            let hint = match suggestions.map(Suggestions::left) {
                Some(0) => "No suggested quotation is left to decide.".to_owned(),
                Some(left) => format!(
                    "{}: press Tab to go to the next.",
                    marginalia_workspace::count(
                        left,
                        "suggested quotation",
                        "suggested quotations"
                    )
                ),
                None => "Click a highlight to see its details.".to_owned(),
            };
            ui.label(RichText::new(hint).weak());
            return;
        };
        ui.horizontal(|ui| {
            ui.heading(format!("Annotation {}", ann.id));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Delete").clicked() {
                    actions.push(Action::Delete(ann.id));
                }
            });
        });
        ui.label(visual_text(
            ui,
            RichText::new(format!("“{}”", excerpt(&ann.exact, 400))).italics(),
        ));
        ui.label(RichText::new(format!("Characters {}–{}", ann.start, ann.end)).weak());
        egui::Grid::new("details")
            .num_columns(2)
            .spacing(vec2(8.0, 6.0))
            .show(ui, |ui| {
                label_row_ui(ui, doc, ann, actions);
                speaker_row_ui(ui, doc, ann, view, actions);
                responds_row_ui(ui, doc, ann, actions);
                verdict_row_ui(ui, doc, ann, actions);
            });

        let caption = ui.label("Note");
        let buffer = match &mut self.note {
            Some((id, text)) if *id == ann.id => text,
            _ => &mut self.note.insert((ann.id, ann.note.clone())).1,
        };
        let response = ui
            .add(
                egui::TextEdit::multiline(buffer)
                    .hint_text("What a reviewer should know about this span")
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(caption.id);
        sync_text_field(
            &response,
            buffer,
            &ann.note,
            actions,
            |note| Edit::SetNote { id: ann.id, note },
            note_group(ann.id),
        );

        ui.horizontal(|ui| {
            let resize = ui.add_enabled(
                view.range().is_some(),
                egui::Button::new("Set span to selection"),
            );
            if resize.clicked() {
                actions.push(Action::ResizeToSelection(ann.id));
            }
            if ui.button("Show in article").clicked() {
                actions.push(Action::Show(ann.id));
            }
        });
    }
}

/// The undo group of typing in one annotation's note, so a burst of typing undoes at once.
fn note_group(id: AnnotationId) -> u64 {
    0x4E4F_5445_0000_0000 ^ id.0
}

/// The suggested quotation in focus: its words, speaker and cue, and what to do with it.
fn suggestion_ui(
    ui: &mut Ui,
    doc: &Document,
    suggestions: &Suggestions,
    actions: &mut Vec<Action>,
) {
    let Some(suggestion) = suggestions.current() else {
        return;
    };
    ui.horizontal(|ui| {
        ui.heading("Suggested quotation");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Dismiss")
                .on_hover_text("It will not be suggested again (Backspace)")
                .clicked()
            {
                actions.push(Action::Suggestion(SuggestionAction::Dismiss));
            }
        });
    });
    ui.label(visual_text(
        ui,
        RichText::new(format!("“{}”", excerpt(&suggestion.text, 400))).italics(),
    ));
    let speaker = suggestion.speaker.as_deref().unwrap_or("unknown");
    let cue = suggestion.cue.as_deref().unwrap_or("known from context");
    ui.label(format!("Speaker: {speaker}"));
    ui.label(RichText::new(format!("Cue: {cue}")).weak());
    ui.label(
        RichText::new("Accept it with a label's key or button above; Tab goes to the next.").weak(),
    );
    let same_speaker = suggestions.of_current_speaker();
    if suggestion.speaker.is_some() && same_speaker.len() > 1 {
        let text = format!("Accept all {} from {speaker} as…", same_speaker.len());
        ui.menu_button(text, |ui| {
            for label in doc.labels() {
                if ui.button(&label.name).clicked() {
                    actions.push(Action::Suggestion(SuggestionAction::AcceptSpeaker(
                        label.id.clone(),
                    )));
                    ui.close();
                }
            }
        });
    }
}

fn annotation_row_ui(
    ui: &Ui,
    doc: &Document,
    ann: &Annotation,
    selected: bool,
    response: &egui::Response,
) {
    let color = label_color(doc, &ann.label);
    let rect = response.rect;
    let (width, height) = (rect.width(), rect.height());
    super::rows::row_background_ui(ui, response, selected);
    let painter = ui.painter();
    painter.rect_filled(
        egui::Rect::from_min_size(rect.min + vec2(2.0, 4.0), vec2(4.0, height - 8.0)),
        2.0,
        color,
    );
    let label = doc.label_name(ann);
    let speaker = doc
        .speaker_of(ann)
        .map(|s| s.name.as_str())
        .unwrap_or_default();
    let text_color = ui.visuals().text_color();
    let first = format!("{label}  {speaker}");
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, annotation_spoken(doc, ann, 200))
    });
    painter.text(
        rect.min + vec2(12.0, 4.0),
        egui::Align2::LEFT_TOP,
        first,
        egui::FontId::proportional(12.0),
        color,
    );
    // One row, cut with an ellipsis where the panel ends.
    let mut job = egui::text::LayoutJob::single_section(
        format!("“{}”", excerpt(&ann.exact, 200)),
        egui::TextFormat::simple(egui::FontId::proportional(13.0), text_color),
    );
    job.wrap = egui::text::TextWrapping::truncate_at_width(width - 16.0);
    let job_galley = visual(ui.ctx(), ui.painter().layout_job(job));
    let clipped = ui.painter().with_clip_rect(rect);
    clipped.galley(
        rect.min + vec2(12.0, 20.0),
        job_galley,
        Color32::PLACEHOLDER,
    );
}

/// A label from the add-label form, with an id made from its name, or why not.
fn label_from_form(doc: &Document, name: &str, color: [u8; 3], key: &str) -> Result<Edit, String> {
    let edit = Edit::add_label_named(doc, name, color, key);
    // Checked here too so the form can say so beside the field; the edit refuses it anyway.
    if let Edit::InsertLabel { label, .. } = &edit {
        if marginalia_core::validate::label_name_problem(&label.id, &label.name).is_some() {
            return Err("Give the label a name.".to_owned());
        }
        if let Some(holder) = marginalia_core::validate::key_taken_by(doc, label) {
            return Err(format!("The key {key} already applies {}.", holder.name));
        }
    }
    Ok(edit)
}

/// A captioned combo box row of a grid: shows `options` (value and text), marks `current`,
/// and returns the value picked when it differs from `current`.
fn choice_row_ui<T: PartialEq + Clone>(
    ui: &mut Ui,
    caption: &str,
    options: &[(T, String)],
    current: &T,
    extra: impl FnOnce(&mut Ui),
) -> Option<T> {
    let caption = ui.label(caption);
    let mut picked = None;
    ui.horizontal(|ui| {
        let shown = options
            .iter()
            .find(|(value, _)| value == current)
            .map_or(String::new(), |(_, text)| text.clone());
        egui::ComboBox::from_id_salt(caption.id)
            .selected_text(shown)
            .width((ui.available_width() - 130.0).clamp(90.0, 170.0))
            .show_ui(ui, |ui| {
                for (value, text) in options {
                    if ui.selectable_label(value == current, text).clicked() && value != current {
                        picked = Some(value.clone());
                    }
                }
            })
            .response
            .labelled_by(caption.id);
        extra(ui);
    });
    ui.end_row();
    picked
}

fn label_row_ui(ui: &mut Ui, doc: &Document, ann: &Annotation, actions: &mut Vec<Action>) {
    let options: Vec<(String, String)> = doc
        .labels()
        .iter()
        .map(|l| (l.id.clone(), l.name.clone()))
        .collect();
    if let Some(label) = choice_row_ui(ui, "Label", &options, &ann.label, |_| {}) {
        actions.push(Action::Edit(Edit::Relabel { id: ann.id, label }));
    }
}

fn speaker_row_ui(
    ui: &mut Ui,
    doc: &Document,
    ann: &Annotation,
    view: &Selection,
    actions: &mut Vec<Action>,
) {
    let mut options = vec![(None, "Nobody".to_owned())];
    options.extend(doc.speakers().iter().map(|s| (Some(s.id), s.name.clone())));
    let from_selection = view
        .range()
        .and_then(|(s, e)| doc.article.slice_chars(s, e))
        .map(collapse_whitespace)
        .filter(|t| !t.is_empty() && t.chars().count() <= 80);
    let mut create = false;
    let picked = choice_row_ui(ui, "Speaker", &options, &ann.speaker, |ui| {
        let button = ui
            .add_enabled(
                from_selection.is_some(),
                egui::Button::new("From selection"),
            )
            .on_hover_text("Make the selected text a new speaker of this annotation");
        create = button.clicked();
    });
    if let Some(speaker) = picked {
        actions.push(Action::Edit(Edit::SetSpeaker {
            id: ann.id,
            speaker,
        }));
    }
    if create && let Some(name) = from_selection {
        actions.push(Action::Edit(Edit::assign_speaker_named(doc, ann.id, &name)));
    }
}

/// The annotation this one answers, as a button that opens the picker (a list of every
/// annotation would be far too long to draw each frame), with ways to pick it in the article
/// or to unlink.
fn responds_row_ui(ui: &mut Ui, doc: &Document, ann: &Annotation, actions: &mut Vec<Action>) {
    let caption = ui.label("Responds to");
    ui.horizontal(|ui| {
        let current = ann
            .responds_to
            .and_then(|t| doc.annotation(t))
            .map_or_else(|| "Nothing".to_owned(), |t| annotation_title(doc, t, 28));
        // The buttons beside it keep their room; a long title is cut, never widening the panel.
        let room = (ui.available_width() - 170.0).max(80.0);
        let button = ui
            .scope(|ui| {
                ui.set_max_width(room);
                ui.add(egui::Button::new(current).truncate())
            })
            .inner
            .labelled_by(caption.id)
            .on_hover_text("Pick from a list that filters as you type (R)");
        if button.clicked() {
            actions.push(Action::Command(Command::PickRespondsTo));
        }
        let in_article = ui
            .button("In article")
            .on_hover_text("Then click the highlight this annotation responds to (L)");
        if in_article.clicked() {
            actions.push(Action::Command(Command::LinkInArticle));
        }
        if ann.responds_to.is_some() && ui.button("Unlink").clicked() {
            actions.push(Action::Edit(Edit::Link {
                id: ann.id,
                responds_to: None,
            }));
        }
    });
    ui.end_row();
}

/// The annotation's verdict, in its rating's colour, with its conclusion; a button opens the
/// verdict dialog.
fn verdict_row_ui(ui: &mut Ui, doc: &Document, ann: &Annotation, actions: &mut Vec<Action>) {
    ui.label("Verdict");
    ui.horizontal_wrapped(|ui| {
        let rating = doc.rating_of(ann);
        let (text, hint) = match rating {
            Some(rating) => {
                let fill = super::labels::rating_color(rating);
                let name = RichText::new(&rating.name)
                    .color(super::labels::contrasting_text(fill))
                    .strong();
                (egui::Button::new(name).fill(fill), "Change the verdict (V)")
            }
            None => (egui::Button::new("Rate…"), "Give this claim a verdict (V)"),
        };
        let button = ui.add(text).on_hover_text(hint);
        button.widget_info(|| {
            let name = rating.map_or("none; rate it", |r| r.name.as_str());
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Verdict: {name}"))
        });
        if button.clicked() {
            actions.push(Action::Command(Command::Rate));
        }
        if let Some(verdict) = &ann.verdict
            && !verdict.conclusion.is_empty()
        {
            ui.label(RichText::new(&verdict.conclusion).italics());
        }
    });
    ui.end_row();
}

/// The annotations that could not be placed on this text, each placed again by selecting
/// where it belongs and pressing "Place on selection".
fn orphans_ui(ui: &mut Ui, doc: &Document, view: &Selection, actions: &mut Vec<Action>) {
    ui.label(
        RichText::new(
            "These annotations lost their place when the text changed. Select where one belongs \
             in the article, then place it; or find its quote.",
        )
        .weak(),
    );
    let selection = view
        .range()
        .and_then(|(start, end)| doc.article.snap_selection(start, end));
    egui::ScrollArea::vertical()
        .id_salt("orphans")
        .auto_shrink([false, false])
        .show_rows(ui, 64.0, doc.orphans().len(), |ui, range| {
            for orphan in doc.orphans().get(range).unwrap_or_default() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let label = doc
                        .label(&orphan.label)
                        .map_or(orphan.label.as_str(), |l| l.name.as_str());
                    ui.label(visual_text(
                        ui,
                        format!("{label} #{}: “{}”", orphan.id, excerpt(&orphan.exact, 70)),
                    ));
                    ui.horizontal(|ui| {
                        let place = ui.add_enabled(
                            selection.is_some(),
                            egui::Button::new("Place on selection"),
                        );
                        if place.clicked()
                            && let Some((start, end)) = selection
                            && let Some(edit) = Edit::place_orphan(doc, orphan.id, start, end)
                        {
                            actions.push(Action::Edit(edit));
                            actions.push(Action::Select(Some(orphan.id)));
                        }
                        if ui.button("Find its quote").clicked() {
                            actions.push(Action::FindText(orphan.exact.clone()));
                        }
                    });
                });
            }
        });
}
