//! The speaker and responds-to pickers: a filter field over the choices the workspace offers
//! (`marginalia_workspace::picker`); ↑ ↓ move a highlight, Enter takes the highlighted row, a
//! click takes any row.

use egui::{RichText, Ui};

use marginalia_core::{AnnotationId, Document};
use marginalia_workspace::picker::{self, Choice};
use marginalia_workspace::{Action, Answer};

use super::{Answers, DialogForm};

pub(super) use picker::PickerKind as Kind;

/// How many choices a picker lists at once; typing narrows the rest.
const MAX_CHOICES_SHOWN: usize = 200;

pub(super) fn picker_ui(
    ui: &mut Ui,
    form: &mut DialogForm,
    doc: Option<&Document>,
    kind: Kind,
    annotation: AnnotationId,
    a: &mut Answers<'_>,
) {
    let Some(doc) = doc else {
        a.answer(Answer::Cancel);
        return;
    };
    ui.heading(match kind {
        Kind::Speaker => "Who said it?",
        Kind::RespondsTo => "What does it respond to?",
    });
    let caption = ui.label("Filter");
    let field = egui::TextEdit::singleline(&mut form.text)
        .hint_text("Type to filter; ↑ ↓ and Enter to pick")
        .desired_width(f32::INFINITY);
    let response = ui.add(field).labelled_by(caption.id);
    if !form.focused {
        response.request_focus();
        form.focused = true;
    }
    let entered = response.lost_focus() && a.enter;
    let mut choices = picker::choices(doc, kind, annotation, &form.text);
    let more = choices.len().saturating_sub(MAX_CHOICES_SHOWN);
    choices.truncate(MAX_CHOICES_SHOWN);

    // A new filter starts the highlight on its first row.
    if form.highlighted_for != form.text {
        form.highlighted_for.clone_from(&form.text);
        form.highlighted = 0;
    }
    let (down, up) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::ArrowUp),
        )
    });
    let last = choices.len().saturating_sub(1);
    if down {
        form.highlighted = (form.highlighted + 1).min(last);
    }
    if up {
        form.highlighted = form.highlighted.saturating_sub(1);
    }
    form.highlighted = form.highlighted.min(last);

    let mut taken: Option<&Choice> = None;
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            for (n, choice) in choices.iter().enumerate() {
                let highlighted = n == form.highlighted;
                let row = ui.selectable_label(highlighted, &choice.text);
                if highlighted && (up || down) {
                    row.scroll_to_me(None);
                }
                if row.clicked() || (highlighted && entered) {
                    taken = Some(choice);
                }
            }
            if choices.is_empty() {
                let nothing = match kind {
                    Kind::Speaker => "No speaker yet: type a name to add one.",
                    Kind::RespondsTo => "Nothing it can respond to matches.",
                };
                ui.label(RichText::new(nothing).weak());
            }
            if more > 0 {
                ui.label(RichText::new(format!("{more} more: type to narrow the list.")).weak());
            }
        });
    if let Some(choice) = taken {
        a.answer(Answer::Cancel);
        a.actions.push(Action::Edit(choice.edit.clone()));
    }
    if ui.button("Cancel").clicked() || a.escape {
        a.answer(Answer::Cancel);
    }
}
