//! The speakers view: add, rename, give a role, merge two, delete. Every change is an edit.

use std::collections::HashMap;

use egui::{RichText, Ui};

use marginalia_core::{Document, Edit, Speaker, SpeakerId};

use marginalia_workspace::count;

use super::{Action, sync_text_field};

/// The speakers view's state: the fields being typed in.
#[derive(Default)]
pub struct SpeakersView {
    new_name: String,
    /// Name and role being edited, per speaker.
    fields: HashMap<SpeakerId, (String, String)>,
}

/// The undo group of typing in one speaker's field, so a burst of typing undoes at once.
fn typing_group(id: SpeakerId, field: u64) -> u64 {
    0x5350_4B00_0000_0000 ^ (id.0 << 2) ^ field
}

impl SpeakersView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, doc: &Document, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            let caption = ui.label("New speaker");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.new_name)
                        .hint_text("Name")
                        .desired_width(180.0),
                )
                .labelled_by(caption.id);
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let name = self.new_name.trim().to_owned();
            if (ui
                .add_enabled(!name.is_empty(), egui::Button::new("Add speaker"))
                .clicked()
                || enter)
                && !name.is_empty()
            {
                let speaker = Speaker {
                    id: doc.next_speaker_id(),
                    name,
                    role: String::new(),
                };
                actions.push(Action::Edit(Edit::add_speaker(doc, speaker)));
                self.new_name.clear();
            }
        });
        if doc.speakers().is_empty() {
            ui.label(RichText::new("No speakers yet. Add one here, or make one from selected text in an annotation's details.").weak());
            return;
        }
        egui::ScrollArea::vertical()
            .id_salt("speakers")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for speaker in doc.speakers() {
                    self.speaker_ui(ui, doc, speaker, actions);
                    ui.separator();
                }
            });
    }

    fn speaker_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        speaker: &Speaker,
        actions: &mut Vec<Action>,
    ) {
        let uses = doc
            .annotations()
            .iter()
            .filter(|a| a.speaker == Some(speaker.id))
            .count();
        let (name, role) = self
            .fields
            .entry(speaker.id)
            .or_insert_with(|| (speaker.name.clone(), speaker.role.clone()));
        egui::Grid::new(("speaker", speaker.id.0))
            .num_columns(2)
            .show(ui, |ui| {
                let caption = ui.label("Name");
                let response = ui.text_edit_singleline(name).labelled_by(caption.id);
                sync_text_field(
                    &response,
                    name,
                    &speaker.name,
                    actions,
                    |text| Edit::RenameSpeaker {
                        id: speaker.id,
                        name: text,
                    },
                    typing_group(speaker.id, 1),
                );
                ui.end_row();
                let caption = ui.label("Role");
                let response = ui
                    .add(egui::TextEdit::singleline(role).hint_text("Senator, spokesperson…"))
                    .labelled_by(caption.id);
                sync_text_field(
                    &response,
                    role,
                    &speaker.role,
                    actions,
                    |text| Edit::SetSpeakerRole {
                        id: speaker.id,
                        role: text,
                    },
                    typing_group(speaker.id, 2),
                );
                ui.end_row();
            });
        ui.horizontal(|ui| {
            ui.label(RichText::new(count(uses, "annotation", "annotations")).weak());
            let others: Vec<&Speaker> = doc
                .speakers()
                .iter()
                .filter(|s| s.id != speaker.id)
                .collect();
            if !others.is_empty() {
                ui.menu_button("Merge into…", |ui| {
                    for other in others {
                        if ui
                            .button(&other.name)
                            .on_hover_text(format!(
                                "{}'s annotations go to {}",
                                speaker.name, other.name
                            ))
                            .clicked()
                        {
                            actions.push(Action::Edit(Edit::merge_speakers(
                                doc, speaker.id, other.id,
                            )));
                            ui.close();
                        }
                    }
                });
            }
            if ui.button("Delete").clicked() {
                actions.push(Action::DeleteSpeaker(speaker.id));
            }
        });
    }
}
