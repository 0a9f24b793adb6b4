//! The verdict on a claim: its rating on the document's scale (↑ ↓ move it, from any field but
//! the sources), a one-sentence conclusion, the sources one per line, and the address of the
//! published fact-check. Enter or Ctrl+Enter saves, Esc cancels; who rated it and when are the
//! workspace's to fill in.

use egui::{RichText, Ui};

use marginalia_core::{AnnotationId, Document, Verdict};
use marginalia_workspace::{Action, Answer};

use super::{Answers, DialogForm};
use crate::ui::labels::{contrasting_text, rating_color};

/// What is typed in the verdict dialog.
#[derive(Default)]
pub(super) struct VerdictForm {
    /// The rating chosen, an index into the scale.
    rating: usize,
    conclusion: String,
    /// One source per line.
    sources: String,
    url: String,
    /// Whether the conclusion was given the keyboard focus.
    focused: bool,
}

impl VerdictForm {
    /// The form for annotation `id`: its verdict as it is, or the scale's first rating.
    pub(super) fn of(doc: &Document, id: AnnotationId) -> Self {
        let Some(verdict) = doc.annotation(id).and_then(|a| a.verdict.as_ref()) else {
            return Self::default();
        };
        Self {
            rating: doc
                .scale()
                .ratings
                .iter()
                .position(|r| r.id == verdict.rating)
                .unwrap_or(0),
            conclusion: verdict.conclusion.clone(),
            sources: verdict.sources.join("\n"),
            url: verdict.url.clone(),
            focused: false,
        }
    }

    fn verdict(&self, doc: &Document) -> Option<Verdict> {
        let rating = doc.scale().ratings.get(self.rating)?;
        Some(Verdict {
            rating: rating.id.clone(),
            conclusion: self.conclusion.clone(),
            sources: self.sources.lines().map(str::to_owned).collect(),
            url: self.url.clone(),
            ..Verdict::default()
        })
    }
}

pub(super) fn verdict_ui(
    ui: &mut Ui,
    form: &mut DialogForm,
    doc: Option<&Document>,
    id: AnnotationId,
    a: &mut Answers<'_>,
) {
    let Some((doc, ann)) = doc.and_then(|d| Some((d, d.annotation(id)?))) else {
        a.answer(Answer::Cancel);
        return;
    };
    let form = &mut form.verdict;
    ui.heading(format!(
        "Verdict on this {}",
        doc.label_name(ann).to_lowercase()
    ));
    let said = marginalia_core::excerpt::excerpt(&ann.exact, 140);
    let who = doc
        .speaker_of(ann)
        .map_or("no speaker", |s| s.name.as_str());
    ui.label(RichText::new(format!("“{said}” — {who}")).italics());
    ui.add_space(6.0);
    let sources_id = ui.make_persistent_id("verdict-sources");
    let ctrl_enter = ui.input(|i| i.modifiers.command && i.key_pressed(egui::Key::Enter));
    ratings_ui(ui, form, doc, sources_id);
    ui.add_space(6.0);
    let entered = fields_ui(ui, form, sources_id, a.enter);
    ui.label(RichText::new("Enter saves (Ctrl+Enter from the sources); Esc cancels.").weak());
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Save verdict").clicked() || entered || ctrl_enter {
            a.answer(Answer::Cancel);
            a.actions.push(Action::Rate {
                id,
                verdict: form.verdict(doc).map(Box::new),
            });
        }
        if ann.verdict.is_some() && ui.button("Remove verdict").clicked() {
            a.answer(Answer::Cancel);
            a.actions.push(Action::Rate { id, verdict: None });
        }
        if ui.button("Cancel").clicked() || a.escape {
            a.answer(Answer::Cancel);
        }
    });
}

/// The scale's ratings, the chosen one filled in its colour; ↑ ↓ choose, but in the sources.
fn ratings_ui(ui: &mut Ui, form: &mut VerdictForm, doc: &Document, sources_id: egui::Id) {
    let ratings = &doc.scale().ratings;
    let last = ratings.len().saturating_sub(1);
    let in_sources = ui.memory(|m| m.has_focus(sources_id));
    let (down, up) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::ArrowUp),
        )
    });
    if !in_sources {
        if down {
            form.rating = (form.rating + 1).min(last);
        }
        if up {
            form.rating = form.rating.saturating_sub(1);
        }
    }
    form.rating = form.rating.min(last);
    let caption = ui.label("Rating (↑ ↓)");
    ui.horizontal_wrapped(|ui| {
        for (n, rating) in ratings.iter().enumerate() {
            let color = rating_color(rating);
            let chosen = n == form.rating;
            let text = if chosen {
                RichText::new(&rating.name)
                    .color(contrasting_text(color))
                    .strong()
            } else {
                RichText::new(&rating.name)
            };
            let fill = if chosen {
                color
            } else {
                color.gamma_multiply(0.15)
            };
            let button = egui::Button::selectable(chosen, text).fill(fill);
            if ui.add(button).labelled_by(caption.id).clicked() {
                form.rating = n;
            }
        }
    });
}

/// The conclusion, the sources and the address; whether Enter left a one-line field.
fn fields_ui(ui: &mut Ui, form: &mut VerdictForm, sources_id: egui::Id, enter: bool) -> bool {
    let mut entered = false;
    egui::Grid::new("verdict-fields")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let caption = ui.label("Conclusion");
            let field = egui::TextEdit::singleline(&mut form.conclusion)
                .hint_text("In one sentence")
                .desired_width(340.0);
            let response = ui.add(field).labelled_by(caption.id);
            if !form.focused {
                response.request_focus();
                form.focused = true;
            }
            entered |= response.lost_focus() && enter;
            ui.end_row();
            let caption = ui.label("Sources");
            let field = egui::TextEdit::multiline(&mut form.sources)
                .id(sources_id)
                .hint_text("Links or notes, one per line")
                .desired_rows(3)
                .desired_width(340.0);
            ui.add(field).labelled_by(caption.id);
            ui.end_row();
            let caption = ui.label("Fact-check address");
            let field = egui::TextEdit::singleline(&mut form.url)
                .hint_text("https://… where it is published, if it is")
                .desired_width(340.0);
            let response = ui.add(field).labelled_by(caption.id);
            entered |= response.lost_focus() && enter;
            ui.end_row();
        });
    entered
}
