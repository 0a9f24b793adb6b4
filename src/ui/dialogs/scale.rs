//! The rating scale: each rating's name, colour and value (empty for a rating off the scale),
//! moved up and down, added and removed, and the values of the best and the worst. Applied as
//! one undoable edit once it keeps its rules; what is wrong is said in the dialog, which stays.

use egui::{Color32, RichText, Ui};

use marginalia_core::model::new_id;
use marginalia_core::{Document, Edit, Rating, Scale};
use marginalia_workspace::{Action, Answer};

use super::Answers;

/// One rating as it is typed.
#[derive(Clone, Default)]
struct RatingRow {
    /// Its id: kept for a rating the scale had, made from the name for a new one.
    id: Option<String>,
    name: String,
    color: [u8; 3],
    value: String,
}

/// The scale as it is typed.
#[derive(Default)]
pub(super) struct ScaleForm {
    best: String,
    worst: String,
    rows: Vec<RatingRow>,
    /// Why the last Apply was refused.
    problem: Option<String>,
}

impl ScaleForm {
    /// The form for `scale` as it is.
    pub(super) fn of(scale: &Scale) -> Self {
        Self {
            best: scale.best.to_string(),
            worst: scale.worst.to_string(),
            rows: scale
                .ratings
                .iter()
                .map(|r| RatingRow {
                    id: Some(r.id.clone()),
                    name: r.name.clone(),
                    color: r.rgb().unwrap_or([128, 128, 128]),
                    value: r.value.map(|v| v.to_string()).unwrap_or_default(),
                })
                .collect(),
            problem: None,
        }
    }

    /// The scale typed, or what is wrong with a number.
    fn scale(&self) -> Result<Scale, String> {
        let number = |text: &str, what: &str| {
            text.trim()
                .parse::<i64>()
                .map_err(|_| format!("{what} {:?} is not a whole number", text.trim()))
        };
        let mut ratings: Vec<Rating> = Vec::new();
        for row in &self.rows {
            let value = match row.value.trim() {
                "" => None,
                text => Some(number(
                    text,
                    &format!("the value of {:?}", row.name.trim()),
                )?),
            };
            let id = row.id.clone().unwrap_or_else(|| {
                new_id(&row.name, "rating", |id| {
                    ratings.iter().any(|r| r.id == id)
                        || self.rows.iter().any(|r| r.id.as_deref() == Some(id))
                })
            });
            let [r, g, b] = row.color;
            ratings.push(Rating {
                id,
                name: row.name.trim().to_owned(),
                color: format!("#{r:02X}{g:02X}{b:02X}"),
                value,
            });
        }
        Ok(Scale {
            best: number(&self.best, "the best value")?,
            worst: number(&self.worst, "the worst value")?,
            ratings,
        })
    }
}

pub(super) fn scale_ui(
    ui: &mut Ui,
    form: &mut ScaleForm,
    doc: Option<&Document>,
    a: &mut Answers<'_>,
) {
    let Some(doc) = doc else {
        a.answer(Answer::Cancel);
        return;
    };
    ui.heading("Rating scale");
    ui.label(
        "The ratings verdicts are given on, best first. A value places a rating between the \
         worst and the best (published as its ratingValue); leave it empty for a rating off \
         the scale, such as Unsupported.",
    );
    ui.add_space(4.0);
    ends_ui(ui, form);
    ui.add_space(4.0);
    rows_ui(ui, form);
    if ui.button("Add a rating").clicked() {
        form.rows.push(RatingRow {
            color: [117, 117, 117],
            ..RatingRow::default()
        });
    }
    if let Some(problem) = &form.problem {
        ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Apply").clicked() {
            let checked = form.scale().and_then(|scale| {
                doc.scale_problem(&scale)
                    .map_or(Ok(scale), |p| Err(p.to_string()))
            });
            match checked {
                Ok(scale) => {
                    a.answer(Answer::Cancel);
                    if &scale != doc.scale() {
                        a.actions.push(Action::Edit(Edit::SetScale(scale)));
                    }
                }
                Err(problem) => form.problem = Some(problem),
            }
        }
        if ui.button("Cancel").clicked() || a.escape {
            a.answer(Answer::Cancel);
        }
    });
}

/// The values of the best and the worst rating.
fn ends_ui(ui: &mut Ui, form: &mut ScaleForm) {
    ui.horizontal(|ui| {
        for (caption, value) in [
            ("Best value", &mut form.best),
            ("Worst value", &mut form.worst),
        ] {
            let caption = ui.label(caption);
            ui.add(egui::TextEdit::singleline(value).desired_width(48.0))
                .labelled_by(caption.id);
        }
    });
}

/// A row per rating: name, colour, value, moved up or down, removed.
fn rows_ui(ui: &mut Ui, form: &mut ScaleForm) {
    let mut moved: Option<(usize, usize)> = None;
    let mut removed: Option<usize> = None;
    let last = form.rows.len().saturating_sub(1);
    egui::Grid::new("scale-ratings")
        .num_columns(5)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            let captions = ["Name", "Colour", "Value"].map(|c| ui.strong(c).id);
            ui.label("");
            ui.label("");
            ui.end_row();
            for (n, row) in form.rows.iter_mut().enumerate() {
                let name = ui.add(
                    egui::TextEdit::singleline(&mut row.name)
                        .hint_text("Name")
                        .desired_width(180.0),
                );
                name.labelled_by(captions[0]);
                let mut color = Color32::from_rgb(row.color[0], row.color[1], row.color[2]);
                if ui
                    .color_edit_button_srgba(&mut color)
                    .labelled_by(captions[1])
                    .changed()
                {
                    row.color = [color.r(), color.g(), color.b()];
                }
                ui.add(
                    egui::TextEdit::singleline(&mut row.value)
                        .hint_text("off")
                        .desired_width(48.0),
                )
                .labelled_by(captions[2])
                .on_hover_text("Its value; empty for a rating off the scale");
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(n > 0, egui::Button::new("↑"))
                        .on_hover_text("Move up")
                        .clicked()
                    {
                        moved = Some((n, n - 1));
                    }
                    if ui
                        .add_enabled(n < last, egui::Button::new("↓"))
                        .on_hover_text("Move down")
                        .clicked()
                    {
                        moved = Some((n, n + 1));
                    }
                });
                if ui.button("Remove").clicked() {
                    removed = Some(n);
                }
                ui.end_row();
            }
        });
    if let Some((from, to)) = moved {
        form.rows.swap(from, to);
    }
    if let Some(n) = removed {
        form.rows.remove(n);
    }
}
