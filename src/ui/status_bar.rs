//! The status bar (the file, unsaved changes, counts, the selection, the last message) and the
//! notice shown while a file is being read.

use std::time::Duration;

use egui::{Id, RichText, Ui};

use marginalia_core::Status;
use marginalia_workspace::{Action, Command, Job, Workspace, count};

/// The status bar along the bottom of the window.
pub fn status_bar_ui(ui: &mut Ui, workspace: &Workspace, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let Some(open) = workspace.document() else {
            ui.label("No document open");
            return;
        };
        let file = open.path().map_or_else(
            || format!("{} (not saved yet)", open.display_name()),
            |p| p.display().to_string(),
        );
        ui.label(file);
        if open.is_dirty() {
            ui.label(RichText::new("● Unsaved changes").color(ui.visuals().warn_fg_color));
        }
        ui.separator();
        let doc = open.doc();
        ui.label(format!(
            "{} · {}",
            count(doc.annotations().len(), "annotation", "annotations"),
            count(doc.speakers().len(), "speaker", "speakers")
        ));
        ui.separator();
        // How far I have got with this article: saved in my file, counted in the corpus.
        let status = doc.status();
        ui.menu_button(format!("Status: {}", status.name()), |ui| {
            for choice in Status::ALL {
                if ui
                    .selectable_label(choice == status, choice.name())
                    .clicked()
                    && choice != status
                {
                    actions.push(Action::Command(Command::SetStatus(choice)));
                }
            }
        })
        .response
        .on_hover_text("How far you have got with this article; saved in your file");
        ui.separator();
        let selection = workspace.selection();
        match (selection.range(), selection.caret()) {
            (Some((start, end)), _) => ui.label(format!(
                "Selection {start}–{end} ({})",
                count(end - start, "character", "characters")
            )),
            (None, Some(caret)) => ui.label(format!("Character {caret}")),
            (None, None) => ui.label(count(doc.article.len_chars(), "character", "characters")),
        };
        if let Some(status) = workspace.status() {
            ui.separator();
            let response = ui.add(egui::Label::new(status).truncate());
            // A live region: screen readers say each new message as it comes.
            ui.ctx().accesskit_node_builder(response.id, |node| {
                node.set_live(egui::accesskit::Live::Polite);
            });
            response.on_hover_text(status);
        }
    });
}

/// The reading notice, over everything once a read has taken long enough to notice (a quick
/// one would only flicker); returns whether Cancel was chosen.
pub fn reading_notice_ui(ctx: &egui::Context, job: &Job, waited: Duration) -> bool {
    const NOTICEABLE: Duration = Duration::from_millis(300);
    if waited < NOTICEABLE {
        ctx.request_repaint_after(NOTICEABLE.saturating_sub(waited));
        return false;
    }
    let mut cancel = false;
    let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
    let name = marginalia_io::file_name_of(job.path());
    let doing = match job {
        Job::Open(_) | Job::Annotate { .. } => "Opening",
        Job::Review(_) => "Reading their file",
    };
    egui::Modal::new(Id::unique("marginalia-loading")).show(ctx, |ui| {
        ui.set_min_width(320.0);
        ui.set_max_width(460.0);
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(RichText::new(format!("{doing} {name}…")).strong());
        });
        ui.label(RichText::new(job.path().display().to_string()).weak());
        ui.add_space(8.0);
        if ui.button("Cancel").clicked() || escape {
            cancel = true;
        }
    });
    cancel
}
