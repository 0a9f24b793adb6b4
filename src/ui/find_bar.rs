//! The find bar: the text searched for, the matches, and "Label every match".

use egui::Ui;

use marginalia_core::Document;
use marginalia_workspace::{Action, Command, Find, count};

/// The find bar's own state: the text being typed, and whether it should take the focus.
#[derive(Default)]
pub struct FindBar {
    query: String,
    focus: bool,
}

impl FindBar {
    /// Gives the search field the keyboard focus on the next frame.
    pub fn focus(&mut self) {
        self.focus = true;
    }

    /// Draws the bar for `find` over `doc`.
    pub fn ui(&mut self, ui: &mut Ui, doc: &Document, find: &Find, actions: &mut Vec<Action>) {
        ui.horizontal_wrapped(|ui| {
            let caption = ui.label("Find");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("Words in the article")
                        .desired_width(260.0),
                )
                .labelled_by(caption.id);
            if self.focus {
                response.request_focus();
                self.focus = false;
            }
            if response.changed() {
                actions.push(Action::SetFindQuery(self.query.clone()));
            } else if !response.has_focus() && self.query != find.query {
                // Set elsewhere (an orphan's quote): show it.
                self.query.clone_from(&find.query);
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                actions.push(Action::Command(Command::FindNext));
                response.request_focus();
            }
            let matches = find.matches.len();
            if !find.query.is_empty() {
                ui.label(match find.current {
                    Some(i) => format!("{} of {matches}", i + 1),
                    None => count(matches, "match", "matches"),
                });
            }
            if ui.button("Previous").clicked() {
                actions.push(Action::Command(Command::FindPrevious));
            }
            if ui.button("Next").clicked() {
                actions.push(Action::Command(Command::FindNext));
            }
            ui.separator();
            let labels = doc.labels();
            let chosen = find
                .label
                .as_ref()
                .and_then(|l| doc.label(l))
                .or_else(|| labels.first());
            if let Some(chosen) = chosen {
                let mut selected = chosen.id.clone();
                let caption = ui.label("Label as");
                egui::ComboBox::from_id_salt("find-label")
                    .selected_text(&chosen.name)
                    .show_ui(ui, |ui| {
                        for label in labels {
                            ui.selectable_value(&mut selected, label.id.clone(), &label.name);
                        }
                    })
                    .response
                    .labelled_by(caption.id);
                if selected != chosen.id {
                    actions.push(Action::SetFindLabel(selected.clone()));
                }
                if ui
                    .add_enabled(matches > 0, egui::Button::new("Label every match"))
                    .clicked()
                {
                    actions.push(Action::LabelMatches(selected));
                }
            }
            if ui.button("Close").clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape)) && response.has_focus()
            {
                actions.push(Action::CloseFind);
            }
        });
    }
}
