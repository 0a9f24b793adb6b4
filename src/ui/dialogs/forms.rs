//! The dialogs with fields: the annotator's name, the article's details, and a typed path
//! where the system has no file dialog.

use egui::text::{CCursor, CCursorRange};
use egui::{RichText, Ui};

use marginalia_core::{Document, Edit};
use marginalia_workspace::{Action, Answer, FilePurpose};

use super::{Answers, DialogForm};

pub(super) fn annotator_ui(ui: &mut Ui, form: &mut DialogForm, a: &mut Answers<'_>) {
    ui.heading("Who is annotating?");
    ui.label(
        "Your name is written into the annotation files you save, so colleagues know whose work \
         they review.",
    );
    let caption = ui.label("Your name");
    let response = ui
        .add(egui::TextEdit::singleline(&mut form.text).hint_text("First and last name"))
        .labelled_by(caption.id);
    if !form.focused {
        response.request_focus();
        form.focused = true;
    }
    let entered = response.lost_focus() && a.enter;
    let name = form.text.trim();
    ui.horizontal(|ui| {
        let ok = ui.add_enabled(!name.is_empty(), egui::Button::new("OK"));
        if (ok.clicked() || entered) && !name.is_empty() {
            a.answer(Answer::Cancel);
            a.actions.push(Action::SetAnnotator(name.to_owned()));
        }
        if ui.button("Cancel").clicked() || a.escape {
            a.answer(Answer::Cancel);
        }
    });
}

pub(super) fn article_details_ui(
    ui: &mut Ui,
    form: &mut DialogForm,
    doc: Option<&Document>,
    a: &mut Answers<'_>,
) {
    ui.heading("Article details");
    ui.label(
        "Written into the annotation file and every export, so the article can be found again. \
         The text itself does not change.",
    );
    ui.add_space(4.0);
    let mut entered = false;
    egui::Grid::new("article-details")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let fields = [
                ("Headline", "As published"),
                ("Publisher", "Outlet or agency"),
                ("Address", "https://…"),
            ];
            for (n, ((caption, hint), value)) in
                fields.into_iter().zip(&mut form.details).enumerate()
            {
                let caption = ui.label(caption);
                let field = egui::TextEdit::singleline(value)
                    .hint_text(hint)
                    .desired_width(320.0);
                let response = ui.add(field).labelled_by(caption.id);
                if n == 0 && !form.focused {
                    response.request_focus();
                    form.focused = true;
                }
                entered |= response.lost_focus() && a.enter;
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("OK").clicked() || entered {
            a.answer(Answer::Cancel);
            let [title, source, url] = form.details.clone().map(|v| v.trim().to_owned());
            if let Some(doc) = doc {
                let article = &doc.article;
                if (&title, &source, &url) != (&article.title, &article.source, &article.url) {
                    let edit = Edit::SetArticleDetails { title, source, url };
                    a.actions.push(Action::Edit(edit));
                }
            }
        }
        if ui.button("Cancel").clicked() || a.escape {
            a.answer(Answer::Cancel);
        }
    });
}

pub(super) fn type_path_ui(
    ui: &mut Ui,
    form: &mut DialogForm,
    purpose: FilePurpose,
    folder: &std::path::Path,
    a: &mut Answers<'_>,
) {
    let (heading, verb) = match purpose {
        FilePurpose::Open => ("Open a file", "Open"),
        FilePurpose::Save => ("Save as", "Save"),
        FilePurpose::Export(marginalia_io::export::Format::Brat) => {
            ("Export to a brat folder", "Export")
        }
        FilePurpose::Export(_) => ("Export as", "Export"),
        FilePurpose::Review => ("Review a colleague's file", "Review"),
        FilePurpose::OpenFolder => ("Open a folder of articles", "Open"),
        FilePurpose::ExportQuotes(_) => ("Write their quotes to", "Write"),
    };
    ui.heading(heading);
    let also = if purpose == FilePurpose::Open {
        " You can also drop the file onto the window."
    } else {
        ""
    };
    ui.label(format!(
        "No file dialog is available on this system: type the path.{also}"
    ));
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
        output
            .state
            .cursor
            .set_char_range(Some(CCursorRange::one(end)));
        output.state.store(ui.ctx(), response.id);
        form.focused = true;
    }
    let entered = response.lost_focus() && a.enter;
    ui.horizontal(|ui| {
        if (ui.button(verb).clicked() || entered) && !form.text.trim().is_empty() {
            a.answer(Answer::Path(form.text.clone()));
        }
        if ui.button("Cancel").clicked() || a.escape {
            a.answer(Answer::Cancel);
        }
    });
}
