//! The file chooser drawn in the window where the system has no dialog: it lists folders and
//! the files of the kinds asked for, goes into folders and up again, completes a typed path
//! with Tab, is walked by the keyboard, and a file chosen to be written over asks first.

mod support;

use std::path::Path;

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use marginalia::ui::MarginaliaApp;
use marginalia_workspace::Prompt;
use support::{app, copy_of};

fn press(harness: &mut Harness<'_, MarginaliaApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run_steps(3);
}

fn type_text(harness: &mut Harness<'_, MarginaliaApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run_steps(2);
}

/// A folder holding the sample, a folder of reports and files of other kinds.
fn desk() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("a temporary folder: {e}"));
    let ron = copy_of(dir.path(), "festival-funding.ron");
    std::fs::create_dir(dir.path().join("reports")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("photo.jpg"), "x").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("reports/old.ron"), "x").unwrap_or_else(|e| panic!("{e}"));
    (dir, ron)
}

fn save_as(harness: &mut Harness<'_, MarginaliaApp>) {
    press(harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    assert!(
        matches!(harness.state().dialog(), Some(Prompt::TypePath { .. })),
        "the chooser is shown"
    );
}

/// What the chooser's field holds ("Name or path" to write a file, "Path" to read one).
fn field_value(harness: &Harness<'_, MarginaliaApp>) -> Option<String> {
    harness
        .query_by_role_and_label(Role::TextInput, "Name or path")
        .or_else(|| harness.query_by_role_and_label(Role::TextInput, "Path"))
        .and_then(|field| field.value())
}

fn shows_folder(harness: &Harness<'_, MarginaliaApp>, folder: &Path) -> bool {
    harness
        .query_by_label(&folder.display().to_string())
        .is_some()
}

#[test]
fn it_lists_folders_and_files_of_the_kinds_asked_and_nothing_else() {
    let (dir, _) = desk();
    let mut harness = app(Some(dir.path().join("festival-funding.ron")));
    save_as(&mut harness);
    assert!(
        shows_folder(&harness, dir.path()),
        "starts in the document's folder"
    );
    harness.get_by_role_and_label(Role::ListItem, "Folder reports");
    harness.get_by_role_and_label(Role::ListItem, "festival-funding.ron");
    assert!(
        harness
            .query_by_role_and_label(Role::ListItem, "photo.jpg")
            .is_none(),
        "a picture is not an annotation file"
    );
    harness.get_by_label("Folders and .ron files");
}

#[test]
fn tab_completes_a_folder_enter_goes_into_it_and_a_name_saves_there() {
    let (dir, _) = desk();
    let mut harness = app(Some(dir.path().join("festival-funding.ron")));
    save_as(&mut harness);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "rep");
    press(&mut harness, Modifiers::NONE, Key::Tab);
    assert_eq!(field_value(&harness).as_deref(), Some("reports/"));
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let reports = dir.path().join("reports");
    assert!(
        shows_folder(&harness, &reports),
        "Enter on a folder goes into it"
    );
    harness.get_by_role_and_label(Role::ListItem, "old.ron");

    // The field keeps the keyboard: a name typed there saves in the folder shown.
    press(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "mine");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(
        reports.join("mine.ron").is_file(),
        "{:?}",
        harness.state().status()
    );
    assert_eq!(harness.state().dialog().map(|_| ()), None);
}

#[test]
fn the_keyboard_walks_the_list_goes_in_and_up_and_takes_a_file_asking_before_replacing() {
    let (dir, _) = desk();
    let mut harness = app(Some(dir.path().join("festival-funding.ron")));
    save_as(&mut harness);
    // ↓ from the field into the list: its first row is the folder.
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let reports = dir.path().join("reports");
    assert!(
        shows_folder(&harness, &reports),
        "Enter on the folder's row goes in"
    );
    // Backspace in the list goes up; Alt+↑ anywhere too.
    harness
        .get_by_role_and_label(Role::ListItem, "old.ron")
        .focus();
    harness.run_steps(1);
    press(&mut harness, Modifiers::NONE, Key::Backspace);
    assert!(shows_folder(&harness, dir.path()), "Backspace goes up");
    assert!(
        harness
            .get_by_role_and_label(Role::ListItem, "Folder reports")
            .is_focused(),
        "the keyboard lands on the folder it came from"
    );
    press(&mut harness, Modifiers::ALT, Key::ArrowUp);
    assert!(
        shows_folder(&harness, dir.path().parent().unwrap_or(dir.path())),
        "Alt+↑ goes up"
    );

    // Back in by a typed path, the file chosen with Enter is there already: the same
    // question as ever.
    harness
        .get_by_role_and_label(Role::TextInput, "Name or path")
        .focus();
    harness.run_steps(1);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, &reports.display().to_string());
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(shows_folder(&harness, &reports));
    harness
        .get_by_role_and_label(Role::ListItem, "old.ron")
        .focus();
    harness.run_steps(1);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(
        matches!(harness.state().dialog(), Some(Prompt::Replace { .. })),
        "{:?}",
        harness.state().dialog()
    );
    assert_eq!(
        std::fs::read_to_string(reports.join("old.ron"))
            .ok()
            .as_deref(),
        Some("x"),
        "nothing is replaced before the answer"
    );
}

#[test]
fn open_lists_articles_too_and_a_click_on_a_file_opens_it() {
    let (dir, _) = desk();
    std::fs::write(dir.path().join("budget.txt"), "The council met.\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut harness = app(Some(dir.path().join("festival-funding.ron")));
    press(&mut harness, Modifiers::COMMAND, Key::O);
    assert!(matches!(
        harness.state().dialog(),
        Some(Prompt::TypePath { .. })
    ));
    harness.get_by_label("Folders and .ron, .txt, .md, .html, .htm, .eml, .docx, .odt, .pdf files");
    let row = harness.get_by_role_and_label(Role::ListItem, "budget.txt");
    row.click();
    harness.run_steps(2);
    assert_eq!(field_value(&harness).as_deref(), Some("budget.txt"));
    harness.get_by_role_and_label(Role::Button, "Open").click();
    harness.run_steps(3);
    support::settle(&mut harness);
    let open = harness.state().document();
    assert_eq!(
        open.map(|o| o.doc().article.text().to_owned()).as_deref(),
        Some("The council met.\n")
    );
}
