//! The status bar (the file, unsaved changes, counts, the selection, the last message) and the
//! notice shown while a file is being read.

use std::time::Duration;

use egui::{Id, RichText, Ui};

use marginalia_core::Status;
use marginalia_workspace::{Action, Command, Job, Workspace, count};

/// Below this width the status bar drops what matters least: the folder of the file, then
/// the counts (the side panel has them) and the words around the selection's offsets.
const COMPACT_BELOW: f32 = 960.0;
const TERSE_BELOW: f32 = 760.0;

/// The status bar along the bottom of the window.
pub fn status_bar_ui(ui: &mut Ui, workspace: &Workspace, actions: &mut Vec<Action>) {
    let width = ui.available_width();
    let compact = width < COMPACT_BELOW;
    let terse = width < TERSE_BELOW;
    ui.horizontal(|ui| {
        let Some(open) = workspace.document() else {
            ui.label("No document open");
            return;
        };
        let file = match open.path() {
            None => format!("{} (not saved yet)", open.display_name()),
            Some(path) if compact => marginalia_io::file_name_of(path),
            Some(path) => path.display().to_string(),
        };
        let file = ui.add(egui::Label::new(file).truncate());
        if let Some(path) = open.path() {
            file.on_hover_text(path.display().to_string());
        }
        if open.is_dirty() {
            let unsaved = if terse {
                "● Unsaved"
            } else {
                "● Unsaved changes"
            };
            ui.label(RichText::new(unsaved).color(ui.visuals().warn_fg_color));
        }
        let doc = open.doc();
        if !terse {
            ui.separator();
            ui.label(format!(
                "{} · {}",
                count(doc.annotations().len(), "annotation", "annotations"),
                count(doc.speakers().len(), "speaker", "speakers")
            ));
        }
        ui.separator();
        // How far I have got with this article: saved in my file, counted in the corpus.
        let status = doc.status();
        let menu = if terse {
            status.name().to_owned()
        } else {
            format!("Status: {}", status.name())
        };
        ui.menu_button(menu, |ui| {
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
            (Some((start, end)), _) if compact => ui.label(format!("{start}–{end}")),
            (Some((start, end)), _) => ui.label(format!(
                "Selection {start}–{end} ({})",
                count(end - start, "character", "characters")
            )),
            (None, Some(caret)) if compact => ui.label(format!("At {caret}")),
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
