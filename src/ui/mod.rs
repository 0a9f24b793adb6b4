//! The window: it draws the [`crate::workspace::Workspace`] and sends it actions; it owns no
//! rules about annotations and no state of the document. The app shell ([`app`]) lays out the
//! panels and carries out the workspace's effects; each other module draws one thing.

mod app;
mod article_view;
mod command;
mod corpus_panel;
mod dialogs;
mod file_dialogs;
mod find_bar;
mod glyph_map;
mod menus;
mod review_panel;
mod side_panel;
mod speakers_view;
mod status_bar;
mod threads_view;

use std::path::PathBuf;
use std::process::ExitCode;

pub use crate::workspace::Preferences;
pub use app::{MarginaliaApp, StartOptions};
pub use article_view::ArticleView;
pub use glyph_map::GlyphMap;

use crate::core::Edit;
use crate::workspace::Action;

/// The key preferences are stored under in eframe's storage.
const STORAGE_KEY: &str = "marginalia-preferences";

/// Seconds between recovery writes in the window (at most 30, as promised to users).
const AUTOSAVE_SECONDS: f64 = 10.0;

/// Opens the window and runs until it closes.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Marginalia")
            .with_app_id("marginalia")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let start = StartOptions {
        file,
        preferences: None,
        native_dialogs: true,
        recovery_dir: eframe::storage_dir("marginalia").map(|d| d.join("recovery")),
        autosave_seconds: AUTOSAVE_SECONDS,
    };
    let result = eframe::run_native(
        "Marginalia",
        options,
        Box::new(move |cc| Ok(Box::new(MarginaliaApp::new(cc, start)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!(
                "error: cannot open the window: {error}. On a machine without a display, use the \
                 command line (marginalia --help)."
            );
            ExitCode::FAILURE
        }
    }
}

/// Keeps a text field and the document in step: pushes `edit` (grouped, so a burst of typing
/// undoes at once) when the user typed, and shows the document's value again when it changed
/// elsewhere (an undo) while the field is not being edited.
pub(crate) fn sync_text_field(
    response: &egui::Response,
    text: &mut String,
    current: &str,
    actions: &mut Vec<Action>,
    edit: impl FnOnce(String) -> Edit,
    group: u64,
) {
    if response.changed() {
        actions.push(Action::EditGrouped(edit(text.clone()), group));
    } else if !response.has_focus() && text != current {
        current.clone_into(text);
    }
    if response.lost_focus() {
        actions.push(Action::EndGroup);
    }
}

/// The first `max_chars` characters of a quote, white space collapsed, with an ellipsis
/// when cut.
pub fn short_quote(text: &str, max_chars: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        collapsed
    } else {
        let mut short: String = collapsed
            .chars()
            .take(max_chars.saturating_sub(1))
            .collect();
        short.push('…');
        short
    }
}
