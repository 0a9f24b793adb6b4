//! The dialogs with fields: the annotator's name, the fact-check publisher and the article's
//! details.

use egui::Ui;

use marginalia_core::{Document, Edit};
use marginalia_workspace::{Action, Answer};

use super::{Answers, DialogForm};

/// The words of a dialog that asks for one name.
struct NameQuestion<'a> {
    heading: &'a str,
    explanation: &'a str,
    caption: &'a str,
    hint: &'a str,
    ok: &'a str,
}

/// A dialog asking for one name: the field has the keyboard, Enter or the OK button gives the
/// name (trimmed, never empty), Esc or Cancel closes it.
fn name_ui(
    ui: &mut Ui,
    form: &mut DialogForm,
    question: &NameQuestion<'_>,
    a: &mut Answers<'_>,
) -> Option<String> {
    ui.heading(question.heading);
    ui.label(question.explanation);
    let caption = ui.label(question.caption);
    let response = ui
        .add(egui::TextEdit::singleline(&mut form.text).hint_text(question.hint))
        .labelled_by(caption.id);
    if !form.focused {
        response.request_focus();
        form.focused = true;
    }
    let entered = response.lost_focus() && a.enter;
    let name = form.text.trim();
    let mut given = None;
    ui.horizontal(|ui| {
        let ok = ui.add_enabled(!name.is_empty(), egui::Button::new(question.ok));
        if (ok.clicked() || entered) && !name.is_empty() {
            a.answer(Answer::Cancel);
            given = Some(name.to_owned());
        }
        if ui.button("Cancel").clicked() || a.escape {
            a.answer(Answer::Cancel);
        }
    });
    given
}

pub(super) fn annotator_ui(ui: &mut Ui, form: &mut DialogForm, a: &mut Answers<'_>) {
    let question = NameQuestion {
        heading: "Who is annotating?",
        explanation: "Your name is written into the annotation files you save, so colleagues \
                      know whose work they review.",
        caption: "Your name",
        hint: "First and last name",
        ok: "OK",
    };
    if let Some(name) = name_ui(ui, form, &question, a) {
        a.actions.push(Action::SetAnnotator(name));
    }
}

pub(super) fn publisher_ui(
    ui: &mut Ui,
    form: &mut DialogForm,
    then_export: bool,
    a: &mut Answers<'_>,
) {
    let question = NameQuestion {
        heading: "Who publishes the fact-checks?",
        explanation: "The organisation named as the author of every fact-check a ClaimReview \
                      export describes, as search engines and fact-check databases show it. A \
                      corpus names its own in its settings, and that comes first.",
        caption: "Publisher",
        hint: "Newsroom or fact-checking desk",
        ok: if then_export { "Export" } else { "OK" },
    };
    if let Some(name) = name_ui(ui, form, &question, a) {
        a.actions.push(Action::SetPublisher { name, then_export });
    }
}

pub(super) fn article_details_ui(
    ui: &mut Ui,
    form: &mut DialogForm,
    doc: Option<&Document>,
    attachments: &[marginalia_io::email::Attachment],
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
                ("Published", "YYYY-MM-DD"),
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
    if !attachments.is_empty() {
        ui.add_space(8.0);
        ui.label(egui::RichText::new("Attached to the e-mail").strong());
        for (index, attachment) in attachments.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "{} ({}, {})",
                    attachment.name,
                    attachment.kind(),
                    size_in_words(attachment.bytes)
                ));
                if !attachment.opens_as_article() {
                    return;
                }
                let button = ui.button("Open as article").on_hover_text(
                    "Save it beside the e-mail (never over another file) and open it to annotate",
                );
                // Each button says which attachment it opens to a screen reader.
                let spoken = format!("Open {} as article", attachment.name);
                button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &spoken));
                if button.clicked() {
                    a.answer(Answer::Cancel);
                    a.actions.push(Action::OpenAttachment(index));
                }
            });
        }
        ui.label(
            egui::RichText::new(
                "Open as article saves the attachment beside the e-mail and opens it as a new \
                 article; this one stays as it is.",
            )
            .weak(),
        );
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("OK").clicked() || entered {
            a.answer(Answer::Cancel);
            let [title, source, url, date] = form.details.clone().map(|v| v.trim().to_owned());
            if let Some(doc) = doc {
                let article = &doc.article;
                let now = [&article.title, &article.source, &article.url, &article.date];
                if [&title, &source, &url, &date] != now {
                    let edit = Edit::SetArticleDetails {
                        title,
                        source,
                        url,
                        date,
                    };
                    a.actions.push(Action::Edit(edit));
                }
            }
        }
        if ui.button("Cancel").clicked() || a.escape {
            a.answer(Answer::Cancel);
        }
    });
}

/// A size as people read it: "512 bytes", "14 kB", "2.3 MB".
fn size_in_words(bytes: usize) -> String {
    #[allow(clippy::cast_precision_loss)]
    let value = bytes as f64;
    if bytes < 1_000 {
        format!("{bytes} bytes")
    } else if bytes < 1_000_000 {
        format!("{:.0} kB", value / 1_000.0)
    } else {
        format!("{:.1} MB", value / 1_000_000.0)
    }
}
