//! Nothing is lost: the previous version is kept as FILE.ron.bak, links are followed or
//! refused, a file changed on disk is not overwritten silently, and unsaved changes survive a
//! crash in the recovery folder.

mod support;

use support::{copy_of, sample, settle, text_edited_by_hand, window as app};

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use marginalia::ui::{MarginaliaApp, Preferences, StartOptions};
use marginalia_core::AnnotationId;
use marginalia_io::format;
use marginalia_workspace::{Action, Clock, Prompt};

#[test]
fn saving_keeps_the_previous_version_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of(dir.path(), "festival-funding.ron");
    let before = std::fs::read(&path).unwrap();
    let mut doc = format::load(&path).unwrap();
    doc.annotator = "Someone else".into();
    format::save_keeping_backup(&doc, &path).unwrap();
    assert_eq!(
        std::fs::read(dir.path().join("festival-funding.ron.bak")).unwrap(),
        before
    );
    assert_eq!(format::load(&path).unwrap().annotator, "Someone else");
}

#[cfg(unix)]
#[test]
fn a_link_is_followed_and_a_dangling_link_refused() {
    let dir = tempfile::tempdir().unwrap();
    let real = copy_of(dir.path(), "festival-funding.ron");
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let mut doc = format::load(&link).unwrap();
    doc.annotator = "Through the link".into();
    format::save_keeping_backup(&doc, &link).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert_eq!(format::load(&real).unwrap().annotator, "Through the link");

    let dangling = dir.path().join("dangling.ron");
    std::os::unix::fs::symlink(dir.path().join("nowhere.ron"), &dangling).unwrap();
    let error = format::save_keeping_backup(&doc, &dangling)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("link to a file that does not exist"),
        "{error}"
    );
    assert!(!dir.path().join("nowhere.ron").exists());
}

#[test]
fn saving_into_a_missing_folder_changes_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let doc = format::load(&sample("festival-funding.ron")).unwrap();
    let error =
        format::save_keeping_backup(&doc, &dir.path().join("missing").join("x.ron")).unwrap_err();
    assert!(error.to_string().contains("not changed"), "{error}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

fn options(file: Option<PathBuf>, recovery_dir: Option<PathBuf>) -> StartOptions {
    StartOptions {
        file,
        preferences: Some(Preferences {
            annotator: "Ana Ruiz".to_owned(),
            ..Preferences::default()
        }),
        native_dialogs: false,
        recovery_dir,
        autosave_seconds: 0.0,
        reading: None,
        clock: Clock::manual(),
    }
}

fn relabel_first(harness: &mut Harness<'_, MarginaliaApp>) {
    harness
        .state_mut()
        .act(Action::Select(Some(AnnotationId(1))));
    harness.key_press(Key::Num3);
    harness.run_steps(3);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of(dir.path(), "festival-funding.ron");
    let mut harness = app(options(Some(path.clone()), None));
    // A colleague saves the same file meanwhile.
    let mut theirs = format::load(&path).unwrap();
    theirs.annotator = "Colleague".into();
    format::save(&theirs, &path).unwrap();
    let their_bytes = std::fs::read(&path).unwrap();

    relabel_first(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(3);
    assert!(
        matches!(harness.state().dialog(), Some(Prompt::Conflict { .. })),
        "{:?}",
        harness.state().dialog()
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        their_bytes,
        "nothing written yet"
    );

    // Review theirs opens the review of the file on disk.
    harness
        .get_by_role_and_label(Role::Button, "Review theirs")
        .click();
    harness.run_steps(1);
    settle(&mut harness);
    assert!(harness.state().reviewing());
    harness.get_by_label("End review").click();
    harness.run_steps(2);

    // Saving again asks again; overwriting keeps their version as .bak.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(3);
    harness
        .get_by_role_and_label(Role::Button, "Overwrite")
        .click();
    harness.run_steps(3);
    assert!(!harness.state().document().unwrap().is_dirty());
    assert_eq!(
        std::fs::read(dir.path().join("festival-funding.ron.bak")).unwrap(),
        their_bytes
    );
    assert_eq!(
        format::load(&path)
            .unwrap()
            .annotation(AnnotationId(1))
            .map(|a| a.label.clone())
            .as_deref(),
        Some("reaction")
    );

    // Touching the file without changing it is not a conflict.
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    harness
        .state_mut()
        .act(Action::Select(Some(AnnotationId(1))));
    harness.key_press(Key::Num1);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(3);
    assert!(
        harness.state().dialog().is_none(),
        "{:?}",
        harness.state().dialog()
    );
    assert!(!harness.state().document().unwrap().is_dirty());
}

#[test]
fn unsaved_changes_survive_a_crash_and_are_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let path = copy_of(dir.path(), "festival-funding.ron");
    {
        let mut harness = app(options(Some(path.clone()), Some(recovery.clone())));
        assert_eq!(
            support::recovery_copies(&recovery),
            0,
            "nothing unsaved, nothing written"
        );
        relabel_first(&mut harness);
        assert_eq!(
            support::recovery_copies(&recovery),
            1,
            "the change was written for recovery"
        );
        // The window is dropped without saving: a crash.
    }
    assert_eq!(
        format::load(&path)
            .unwrap()
            .annotation(AnnotationId(1))
            .map(|a| a.label.clone())
            .as_deref(),
        Some("claim"),
        "the user's file is untouched"
    );

    let mut harness = app(options(None, Some(recovery.clone())));
    assert!(
        matches!(harness.state().dialog(), Some(Prompt::Recover { .. })),
        "{:?}",
        harness.state().dialog()
    );
    harness
        .get_by_role_and_label(Role::Button, "Restore")
        .click();
    harness.run_steps(3);
    let open = harness.state().document().unwrap();
    assert_eq!(open.path(), Some(path.as_path()));
    assert!(open.is_dirty(), "restored changes are unsaved");
    assert_eq!(
        open.doc()
            .annotation(AnnotationId(1))
            .map(|a| a.label.as_str()),
        Some("reaction")
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(3);
    assert_eq!(
        support::recovery_copies(&recovery),
        0,
        "a save removes the recovery copy"
    );
    assert_eq!(
        format::load(&path)
            .unwrap()
            .annotation(AnnotationId(1))
            .map(|a| a.label.clone())
            .as_deref(),
        Some("reaction")
    );
}

#[test]
fn discarding_changes_removes_the_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let path = copy_of(dir.path(), "festival-funding.ron");
    let mut harness = app(options(Some(path), Some(recovery.clone())));
    relabel_first(&mut harness);
    assert_eq!(support::recovery_copies(&recovery), 1);
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run_steps(3);
    harness.get_by_label("Discard").click();
    harness.run_steps(2);
    assert_eq!(support::recovery_copies(&recovery), 0);
}

#[cfg(unix)]
#[test]
fn a_device_is_never_replaced_by_a_save() {
    let doc = format::load(&sample("festival-funding.ron")).unwrap();
    let error = format::save(&doc, Path::new("/dev/null"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("not a regular file"), "{error}");
    assert!(!Path::new("/dev/null").is_file());
}

#[test]
fn an_orphan_is_placed_again_by_selecting_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = format::load(&sample("festival-funding.ron")).unwrap();
    // Annotation 5 loses its place: it becomes an orphan.
    let lost = doc.annotation(AnnotationId(5)).cloned().unwrap();
    doc.apply(marginalia_core::Edit::Batch(vec![
        marginalia_core::Edit::RemoveAnnotation(AnnotationId(5)),
        marginalia_core::Edit::AddOrphan(lost.clone()),
    ]))
    .unwrap();
    let path = dir.path().join("with-orphan.ron");
    format::save(&doc, &path).unwrap();

    let mut harness = app(options(Some(path), None));
    harness.get_by_label("Orphans (1)").click();
    harness.run_steps(2);
    harness
        .state_mut()
        .act(Action::SelectText(Some((lost.start, lost.end))));
    harness.run_steps(2);
    harness.get_by_label("Place on selection").click();
    harness.run_steps(3);
    let open = harness.state().document().unwrap();
    assert!(open.doc().orphans().is_empty());
    let placed = open.doc().annotation(AnnotationId(5)).cloned().unwrap();
    assert_eq!(
        (placed.exact.as_str(), placed.speaker),
        (lost.exact.as_str(), lost.speaker)
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        harness.state().document().unwrap().doc().orphans().len(),
        1,
        "undo puts it back"
    );
}

#[test]
fn a_file_whose_text_was_edited_by_hand_opens_re_anchored_when_the_user_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let path = text_edited_by_hand(dir.path());
    let before = std::fs::read(&path).unwrap();

    // Cancel: nothing opens, nothing is written.
    let mut harness = app(options(Some(path.clone()), None));
    harness.get_by_label("The article text was edited");
    harness.get_by_label("• 13 move to where their words are now");
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.run_steps(2);
    assert!(harness.state().document().is_none());
    assert!(harness.state().dialog().is_none());
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // Re-anchor: the document opens unsaved, the orphan is shown, and saving writes a file
    // that loads as it is.
    let mut harness = app(options(Some(path.clone()), None));
    harness
        .get_by_role_and_label(Role::Button, "Re-anchor and open")
        .click();
    harness.run_steps(3);
    let open = harness.state().document().unwrap();
    assert!(open.is_dirty(), "re-anchored places are not saved yet");
    assert_eq!(open.doc().annotations().len(), 13);
    assert_eq!(open.doc().orphans().len(), 1);
    assert!(
        harness
            .state()
            .status()
            .is_some_and(|s| s.contains("0 stayed, 13 moved, 1 became orphans")),
        "{:?}",
        harness.state().status()
    );
    harness.get_by_label_contains("applauded Sessions’ move on Twitter");
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written yet");
    assert!(harness.state_mut().save_to(&path));
    let saved = format::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.annotations().len(), 13);
    assert_eq!(saved.orphans().len(), 1);
}

#[test]
fn reviewing_a_colleague_file_whose_text_was_edited_places_theirs_again() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = text_edited_by_hand(dir.path());
    let mut harness = app(options(Some(sample("sessions-recusal.ron")), None));
    harness.state_mut().start_review(&theirs);
    settle(&mut harness);
    assert!(harness.state().reviewing());
    let status = harness.state().status().unwrap_or_default().to_owned();
    assert!(status.contains("placed again"), "{status}");
}

/// A file that cannot be read until something writes to it: reading blocks, as on a slow
/// network folder.
#[cfg(unix)]
fn slow_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap_or_else(|e| panic!("mkfifo: {e}"));
    assert!(made.success());
    path
}

#[cfg(unix)]
#[test]
fn a_slow_read_keeps_the_window_drawing_and_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let slow = slow_file(dir.path(), "slow.txt");
    let clock = Clock::manual();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .allow_missing_glyphs()
        .build_eframe({
            let start = StartOptions {
                clock: clock.clone(),
                ..options(Some(slow.clone()), None)
            };
            move |cc| MarginaliaApp::new(cc, start)
        });
    // Frames go on while the file is read; a quick read shows no notice (it would flicker),
    // one that takes a moment does.
    harness.run_steps(3);
    assert!(harness.state().loading().is_some());
    assert!(harness.query_by_label("Opening slow.txt…").is_none());
    clock.advance(std::time::Duration::from_millis(400));
    harness.run_steps(2);
    assert!(harness.state().loading().is_some());
    harness.get_by_label("Opening slow.txt…");
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.run_steps(2);
    assert!(harness.state().loading().is_none());
    assert!(
        harness
            .state()
            .status()
            .is_some_and(|s| s.starts_with("Stopped reading")),
        "{:?}",
        harness.state().status()
    );
    // Let the abandoned reader finish: its answer goes nowhere.
    std::fs::write(&slow, "Late text.").unwrap();
    harness.run_steps(3);
    assert!(harness.state().document().is_none());
}

#[cfg(unix)]
#[test]
fn an_edit_made_while_a_file_is_read_is_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let slow = slow_file(dir.path(), "slow.txt");
    let mut harness = app(options(Some(sample("festival-funding.ron")), None));
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(support::Dropped(slow.clone())));
    harness.run_steps(2);
    assert!(harness.state().loading().is_some());
    // An edit lands before the reading notice covers the window (a note typed, say).
    harness
        .state_mut()
        .act(Action::Edit(marginalia_core::Edit::SetNote {
            id: AnnotationId(1),
            note: "typed while the file was read".to_owned(),
        }));
    std::fs::write(&slow, "The new article.").unwrap();
    settle(&mut harness);
    assert!(
        matches!(harness.state().dialog(), Some(Prompt::Unsaved { .. })),
        "{:?}",
        harness.state().dialog()
    );
    let open = harness.state().document().unwrap();
    assert_eq!(open.display_name(), "festival-funding.ron");
    assert!(open.is_dirty(), "the edit is still there");
}
