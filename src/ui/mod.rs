//! The window: it draws the [`marginalia_workspace::Workspace`] and sends it actions; it owns no
//! rules about annotations and no state of the document. The app shell ([`app`]) lays out the
//! panels and carries out the workspace's effects; each other module draws one thing.

mod app;
mod article_view;
mod bidi;
#[cfg(test)]
mod bidi_properties;
mod caret;
mod command;
mod corpus_panel;
mod dialogs;
mod file_dialogs;
mod find_bar;
mod focus;
mod glyph_map;
mod labels;
mod line_break;
mod menus;
mod review_panel;
mod rows;
mod side_panel;
mod side_place;
mod speakers_view;
mod status_bar;
mod threads_view;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, OnceLock};

pub use app::{MarginaliaApp, StartOptions};
pub use article_view::ArticleView;
pub use glyph_map::GlyphMap;
pub use marginalia_workspace::Preferences;

use marginalia_core::Edit;
use marginalia_workspace::reading::Loading;
use marginalia_workspace::{Action, Job, Waker};

/// The key preferences are stored under in eframe's storage.
const STORAGE_KEY: &str = "marginalia-preferences";

/// Seconds between recovery writes in the window (at most 30, as promised to users).
const AUTOSAVE_SECONDS: f64 = 10.0;

/// Opens the window and runs until it closes.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    // An annotation file is read on a thread of its own while the window and its GL context
    // start, so that the two take the time of the longer rather than of both; the window
    // applies the read on its first frame after it is done (the read wakes it once it exists).
    let window_ctx = Arc::new(OnceLock::<egui::Context>::new());
    let reading = file
        .as_deref()
        .filter(|path| marginalia_io::is_annotation_file(path))
        .map(|path| {
            let ctx = window_ctx.clone();
            let wake: Waker = Arc::new(move || {
                if let Some(ctx) = ctx.get() {
                    ctx.request_repaint();
                }
            });
            // An annotation file's read does not use the annotator's name.
            Loading::start(Job::Open(path.to_owned()), "", wake)
        });
    let dialogs = file_dialogs::FileDialogs::probe();
    let exit_when_drawn = std::env::var_os("MARGINALIA_EXIT_WHEN_DRAWN").is_some();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Marginalia")
            .with_app_id("marginalia")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([640.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let mut start = StartOptions {
        file,
        preferences: None,
        native_dialogs: false,
        recovery_dir: eframe::storage_dir("marginalia").map(|d| d.join("recovery")),
        autosave_seconds: AUTOSAVE_SECONDS,
        reading,
        clock: marginalia_workspace::Clock::system(),
    };
    let result = eframe::run_native(
        "Marginalia",
        options,
        Box::new(move |cc| {
            // Set before the first frame: a read done earlier is applied by that frame.
            window_ctx.set(cc.egui_ctx.clone()).ok();
            // Asked while the window started; a bus that has not answered by now counts as
            // no dialogs, and a path is typed in the window instead.
            start.native_dialogs = dialogs.answer(std::time::Duration::from_millis(300));
            let mut app = MarginaliaApp::new(cc, start);
            if exit_when_drawn {
                app.exit_when_drawn();
            }
            Ok(Box::new(app))
        }),
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
