//! The file chooser drawn in the window, where the system has no dialog of its own: the
//! folders and the files of the kinds the purpose takes, places to start from (home, the
//! document's folder, the folders of recent files), and a path field that takes a typed path
//! (relative to the folder shown, absolute, or `~/…`) and completes it with Tab. Everything is
//! reachable by keys: ↓ from the field into the list, ↑ ↓ Home End in it, Enter to go into a
//! folder or take a file, Backspace or Alt+↑ for the folder above, Esc to cancel. Choosing a
//! file that is there to be written goes through the same "replace this file?" as the system's
//! dialog.

use std::path::{Path, PathBuf};

use egui::text::{CCursor, CCursorRange};
use egui::{Id, Key, Modifiers, RichText, Ui};

use marginalia_io::folder::{self, Listing};
use marginalia_workspace::{Answer, FilePurpose};

use super::Answers;
use crate::ui::rows::{self, Rows, row_background_ui, row_response};

/// How tall a row of the list is.
const ROW_HEIGHT: f32 = 22.0;

/// The chooser's state while it is shown: the folder it shows, what that holds, and the
/// places it offers.
pub struct Chooser {
    folder: PathBuf,
    listing: Result<Listing, String>,
    places: Vec<(String, PathBuf)>,
    /// The kinds of file shown.
    extensions: Vec<&'static str>,
    /// The list's id once drawn: where ↓ from the field goes.
    list_id: Option<Id>,
}

impl Chooser {
    /// A chooser for `purpose` showing `folder`, with the recent files' folders among its
    /// places.
    pub fn new(purpose: FilePurpose, folder: &Path, recent: &[PathBuf]) -> Self {
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let mut places = Vec::new();
        let mut add = |name: String, path: PathBuf| {
            if path.is_dir() && !places.iter().any(|(_, p)| *p == path) {
                places.push((name, path));
            }
        };
        add("This document's folder".to_owned(), folder.to_owned());
        if let Some(home) = &home {
            add("Home".to_owned(), home.clone());
            for name in ["Desktop", "Documents", "Downloads"] {
                add(name.to_owned(), home.join(name));
            }
        }
        for path in recent.iter().filter_map(|p| p.parent()).take(8) {
            add(marginalia_io::file_name_of(path), path.to_owned());
        }
        let mut chooser = Self {
            folder: PathBuf::new(),
            listing: Ok(Listing::default()),
            places,
            extensions: purpose.extensions(),
            list_id: None,
        };
        chooser.enter(folder.to_owned());
        chooser
    }

    /// Shows `folder`, read afresh.
    fn enter(&mut self, folder: PathBuf) {
        // Absolute, without a trailing `/` or `.` parts, as it is shown.
        let folder: PathBuf = std::path::absolute(&folder)
            .unwrap_or(folder)
            .components()
            .collect();
        self.listing = folder::list(&folder, &self.extensions).map_err(|e| e.to_string());
        self.folder = folder;
    }

    /// Shows the folder above the one shown, if any; gives the row of the folder it came
    /// from there, where the keyboard goes on.
    fn up(&mut self) -> Option<usize> {
        let came_from = marginalia_io::file_name_of(&self.folder);
        let parent = self.folder.parent()?.to_owned();
        self.enter(parent);
        let listing = self.listing.as_ref().ok()?;
        listing.folders.iter().position(|f| *f == came_from)
    }

    /// What `typed` names, from the folder shown.
    fn resolve(&self, typed: &str) -> PathBuf {
        self.folder.join(folder::expand_home(typed.trim()))
    }
}

/// Where the user went in the chooser this frame.
#[derive(Default)]
struct Went {
    /// Into this folder.
    into: Option<PathBuf>,
    /// This path was chosen.
    chosen: Option<PathBuf>,
}

/// Draws the chooser for `purpose`; `text` is the path field.
pub(super) fn chooser_ui(
    ui: &mut Ui,
    chooser: &mut Chooser,
    text: &mut String,
    first: bool,
    purpose: FilePurpose,
    a: &mut Answers<'_>,
) {
    let (title, verb) = purpose.title_and_verb();
    ui.heading(title);
    let field_id = Id::unique("chooser-path");
    header_ui(ui, chooser);
    let mut went = Went::default();
    ui.horizontal_top(|ui| {
        let list_height = (ui.ctx().content_rect().height() - 250.0).clamp(ROW_HEIGHT * 4.0, 320.0);
        // The separator between the columns runs as tall as the row lets it.
        ui.set_max_height(list_height);
        places_ui(ui, chooser, &mut went);
        ui.separator();
        ui.vertical(|ui| {
            ui.set_min_height(list_height);
            list_ui(ui, chooser, text, purpose, a.enter, &mut went);
        });
    });
    let kinds = if purpose.wants_folder() {
        "Folders".to_owned()
    } else {
        let dotted: Vec<String> = chooser.extensions.iter().map(|e| format!(".{e}")).collect();
        format!("Folders and {} files", dotted.join(", "))
    };
    ui.label(RichText::new(kinds).weak().small());
    let entered = field_ui(ui, chooser, text, field_id, first, purpose) && a.enter;

    ui.horizontal(|ui| {
        let take = ui.button(verb).clicked() || entered;
        if ui.button("Cancel").clicked() || a.escape {
            a.answer(Answer::Cancel);
        }
        if take {
            let typed = text.trim();
            let target = chooser.resolve(typed);
            let folder_typed = !typed.is_empty() && target.is_dir();
            if folder_typed && (entered || !purpose.wants_folder()) {
                // A folder typed and entered: go into it.
                went.into = Some(target);
            } else if !typed.is_empty() {
                went.chosen = Some(target);
            } else if purpose.wants_folder() {
                went.chosen = Some(chooser.folder.clone());
            }
        }
    });

    if let Some(path) = went.chosen {
        a.answer(Answer::Path(path.display().to_string()));
    } else if let Some(folder) = went.into {
        chooser.enter(folder);
        if !purpose.writes() {
            text.clear();
        }
        ui.memory_mut(|m| m.request_focus(field_id));
    }
}

/// The Up button and the folder shown; Alt+↑ anywhere and Backspace in the list go up too,
/// and the keyboard lands on the folder it came from.
fn header_ui(ui: &mut Ui, chooser: &mut Chooser) {
    let list_focused = chooser
        .list_id
        .is_some_and(|list| rows::has_focus(ui.ctx(), list));
    let up_key = ui.input_mut(|i| i.consume_key(Modifiers::ALT, Key::ArrowUp))
        || (list_focused && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Backspace)));
    ui.horizontal(|ui| {
        let up = ui
            .add_enabled(chooser.folder.parent().is_some(), egui::Button::new("Up"))
            .on_hover_text("The folder above (Alt+↑)");
        if (up.clicked() || up_key)
            && let Some(row) = chooser.up()
            && let Some(list) = chooser.list_id
            && (list_focused || up_key)
        {
            rows::focus_row(ui.ctx(), list, Some(row));
        }
        ui.add(
            egui::Label::new(RichText::new(chooser.folder.display().to_string()).strong())
                .truncate(),
        );
    });
}

/// The places to start from.
fn places_ui(ui: &mut Ui, chooser: &Chooser, went: &mut Went) {
    ui.vertical(|ui| {
        ui.set_width(150.0);
        ui.label(RichText::new("Places").weak());
        for (name, path) in &chooser.places {
            let here = *path == chooser.folder;
            if ui
                .selectable_label(here, name.as_str())
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                went.into = Some(path.clone());
            }
        }
    });
}

/// The folder's folders and files: a click or Enter on a folder goes into it; a click on a
/// file puts its name in the field, a double-click or Enter takes it.
fn list_ui(
    ui: &mut Ui,
    chooser: &mut Chooser,
    text: &mut String,
    purpose: FilePurpose,
    enter: bool,
    went: &mut Went,
) {
    let listing = match &chooser.listing {
        Err(error) => {
            ui.label(format!("This folder cannot be read: {error}."));
            ui.label(RichText::new("Go up, pick a place, or type a path.").weak());
            return;
        }
        Ok(listing) if listing.folders.is_empty() && listing.files.is_empty() => {
            let what = if purpose.wants_folder() {
                "No folders here."
            } else {
                "No folders and no files of these kinds here."
            };
            ui.label(RichText::new(what).weak());
            return;
        }
        Ok(listing) => listing,
    };
    let len = listing.folders.len() + listing.files.len();
    let list = Rows::new(ui, "chooser-list", ROW_HEIGHT, len);
    chooser.list_id = Some(list.id());
    list.show(ui, |ui, index, id| {
        let (name, is_folder) = match listing.folders.get(index) {
            Some(name) => (name, true),
            None => (&listing.files[index - listing.folders.len()], false),
        };
        let response = row_response(ui, id, ROW_HEIGHT);
        let spoken = if is_folder {
            format!("Folder {name}")
        } else {
            name.clone()
        };
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ListItem, true, spoken.as_str()));
        row_background_ui(ui, &response, !is_folder && *text == *name);
        let (shown, color) = if is_folder {
            (format!("{name}/"), ui.visuals().strong_text_color())
        } else {
            (name.clone(), ui.visuals().text_color())
        };
        ui.painter().text(
            response.rect.left_center() + egui::vec2(6.0, 0.0),
            egui::Align2::LEFT_CENTER,
            shown,
            egui::TextStyle::Body.resolve(ui.style()),
            color,
        );
        if is_folder && response.clicked() {
            went.into = Some(chooser.folder.join(name));
        } else if response.double_clicked() || (response.clicked() && enter) {
            went.chosen = Some(chooser.folder.join(name));
        } else if response.clicked() {
            text.clone_from(name);
        }
    });
}

/// The field for a name or a path: Tab completes, ↓ goes into the list; gives whether it
/// lost the keyboard this frame (Enter, with Enter pressed).
fn field_ui(
    ui: &mut Ui,
    chooser: &Chooser,
    text: &mut String,
    field_id: Id,
    first: bool,
    purpose: FilePurpose,
) -> bool {
    let field_focused = ui.memory(|m| m.has_focus(field_id));
    let caption = ui.label(if purpose.writes() {
        "Name or path"
    } else {
        "Path"
    });
    let tab = field_focused && ui.input(|i| i.key_pressed(Key::Tab) && i.modifiers.is_none());
    if tab && let Some(completed) = folder::complete(&chooser.folder, text, &chooser.extensions) {
        // Tab completes instead of leaving the field.
        ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Tab));
        ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        *text = completed;
        set_caret_at_end(ui, field_id, text);
    }
    if field_focused
        && let Some(list) = chooser.list_id
        && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::ArrowDown))
    {
        ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        rows::focus(ui.ctx(), list);
    }
    let response = ui
        .add(
            egui::TextEdit::singleline(text)
                .id(field_id)
                .hint_text("a name, a path, or ~/…")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(caption.id);
    if first {
        response.request_focus();
        set_caret_at_end(ui, field_id, text);
    }
    ui.label(
        RichText::new("Tab completes the name; ↓ goes to the list.")
            .weak()
            .small(),
    );
    response.lost_focus()
}

/// Puts the field's caret after its text, where a name is changed or completed.
fn set_caret_at_end(ui: &Ui, field_id: Id, text: &str) {
    let mut state = egui::TextEdit::load_state(ui.ctx(), field_id).unwrap_or_default();
    let end = CCursor::new(text.chars().count());
    state.cursor.set_char_range(Some(CCursorRange::one(end)));
    state.store(ui.ctx(), field_id);
}
