//! The window, driven as a user drives it: by mouse, keyboard and the controls' labels, with
//! assertions on the document that results.

mod support;

use support::{
    Dropped, annotation, annotation_count, app, app_with, char_pos, click_at, copy_of, drag_select,
    is_dirty, sample, settle, start, window,
};

use std::path::Path;
use std::sync::Arc;

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use marginalia::ui::{MarginaliaApp, Preferences, StartOptions};
use marginalia_core::AnnotationId;
use marginalia_io::format;
use marginalia_workspace::{Action, Prompt};

#[test]
fn opens_the_sample_when_no_file_is_given() {
    let harness = app(None);
    let state = harness.state();
    assert_eq!(state.title(), "Marginalia — sessions-recusal.ron (sample)");
    assert_eq!(annotation_count(&harness), 14);
    assert!(
        state.document().is_some_and(|o| o.path().is_none()),
        "the sample must never be overwritten"
    );
    harness.get_by_label("Claim  1");
}

#[test]
fn opens_annotation_files_and_articles_by_path() {
    let harness = app(Some(sample("festival-funding.ron")));
    assert_eq!(annotation_count(&harness), 5);
    assert_eq!(harness.state().title(), "Marginalia — festival-funding.ron");

    let harness = app(Some(sample("harbor-bridge-tolls.html")));
    let open = harness.state().document().unwrap();
    assert_eq!(
        open.doc().article.title,
        "Harbor bridge tolls to double, council says"
    );
    assert_eq!(open.doc().annotator, "Test Annotator");
    assert!(open.is_dirty(), "a new import is unsaved");
    assert!(
        harness.state().title().ends_with(" ●"),
        "{}",
        harness.state().title()
    );
}

#[test]
fn a_file_read_before_the_window_starts_opens_in_it_saved_over_only_when_changed() {
    // As `marginalia FILE.ron` does: the read starts first, the window takes it over.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("festival.ron");
    std::fs::copy(sample("festival-funding.ron"), &file).unwrap();
    let woken = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let wake = {
        let woken = woken.clone();
        std::sync::Arc::new(move || woken.store(true, std::sync::atomic::Ordering::SeqCst))
    };
    let loading = marginalia_workspace::reading::Loading::start(
        marginalia_workspace::Job::Open(file.clone()),
        "",
        wake,
    );
    let mut harness = window(StartOptions {
        reading: Some(loading),
        ..start(Some(file.clone()))
    });
    assert!(
        woken.load(std::sync::atomic::Ordering::SeqCst),
        "the read woke the window"
    );
    assert_eq!(annotation_count(&harness), 5);
    assert_eq!(harness.state().title(), "Marginalia — festival.ron");
    assert!(!is_dirty(&harness));
    // It is the file's own document, with its fingerprint: saving writes it in place.
    drag_select(&mut harness, 0, 6);
    harness.key_press(Key::Num1);
    harness.run_steps(2);
    assert!(is_dirty(&harness));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(2);
    assert!(!is_dirty(&harness));
    let saved = marginalia_io::format::load(&file).unwrap();
    assert_eq!(saved.annotations().len(), 6);
}

#[test]
fn dropping_a_file_opens_it() {
    let mut harness = app(None);
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(sample("festival-funding.ron"))));
    harness.run_steps(3);
    // With a document open, a dropped annotation file may be opened or reviewed.
    assert!(matches!(
        harness.state().dialog(),
        Some(Prompt::DroppedRon { .. })
    ));
    harness.get_by_role_and_label(Role::Button, "Open").click();
    harness.run_steps(1);
    settle(&mut harness);
    assert_eq!(annotation_count(&harness), 5);
    assert_eq!(harness.state().title(), "Marginalia — festival-funding.ron");

    // An article dropped opens straight away as a new annotation set.
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(sample("harbor-bridge-tolls.html"))));
    harness.run_steps(1);
    settle(&mut harness);
    assert_eq!(
        harness.state().title(),
        "Marginalia — harbor-bridge-tolls.html ●"
    );
}

#[test]
fn select_text_and_press_a_label_key_then_undo_and_redo() {
    let mut harness = app(Some(sample("festival-funding.md")));
    let text = support::article_text(&harness);
    let quote = "The budget simply can’t stretch to every event";
    let start = text.find(quote).map(|b| text[..b].chars().count()).unwrap();
    let end = start + quote.chars().count();
    // Drag from one character before the quote's start (a space after the opening quote
    // mark is not there, so start on the quote itself) to its last character.
    drag_select(&mut harness, start, end - 1);
    let selected = harness.state().workspace().selection().range();
    assert_eq!(selected.map(|(s, _)| s), Some(start));
    harness.key_press(Key::Num1);
    harness.run_steps(2);
    let open = harness.state().document().unwrap();
    assert_eq!(open.doc().annotations().len(), 1);
    let ann = &open.doc().annotations()[0];
    assert_eq!(ann.label, "claim");
    // The drag ended inside "event"; a dragged selection takes the whole word.
    assert_eq!(ann.exact, quote);
    assert_eq!(harness.state().selected(), Some(ann.id));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(annotation_count(&harness), 0);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_steps(2);
    assert_eq!(annotation_count(&harness), 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(2);
    assert_eq!(annotation_count(&harness), 1);
}

#[test]
fn clicking_a_highlight_selects_it_then_relabel_and_delete() {
    let mut harness = app(Some(sample("festival-funding.ron")));
    // Annotation 3, a denial, has no responses, so it deletes without a question.
    let ann = annotation(&harness, 3);
    let pos = char_pos(&harness, ann.start + 3);
    click_at(&mut harness, pos);
    assert_eq!(harness.state().selected(), Some(AnnotationId(3)));
    harness.key_press(Key::Num3);
    harness.run_steps(2);
    let label = harness
        .state()
        .document()
        .unwrap()
        .doc()
        .annotation(AnnotationId(3))
        .map(|a| a.label.clone());
    assert_eq!(label.as_deref(), Some("reaction"));
    harness.key_press(Key::Delete);
    harness.run_steps(2);
    assert_eq!(annotation_count(&harness), 4);
    assert!(
        harness
            .state()
            .document()
            .unwrap()
            .doc()
            .annotation(AnnotationId(3))
            .is_none()
    );
}

#[test]
fn deleting_a_claim_with_responses_asks_first() {
    let mut harness = app(Some(sample("festival-funding.ron")));
    harness
        .state_mut()
        .act(Action::Select(Some(AnnotationId(1))));
    harness.key_press(Key::Delete);
    harness.run_steps(2);
    assert!(matches!(
        harness.state().dialog(),
        Some(Prompt::ConfirmDelete { responses: 2, .. })
    ));
    harness.get_by_label("Unlink and delete").click();
    harness.run_steps(3);
    let open = harness.state().document().unwrap();
    assert!(open.doc().annotation(AnnotationId(1)).is_none());
    assert_eq!(
        open.doc()
            .annotation(AnnotationId(4))
            .and_then(|a| a.responds_to),
        None
    );
}

fn type_path_and_save(harness: &mut Harness<'_, MarginaliaApp>, path: &Path) {
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run_steps(2);
    assert!(matches!(
        harness.state().dialog(),
        Some(Prompt::TypePath { .. })
    ));
    let field = harness.get_by_role_and_label(Role::TextInput, "Name or path");
    field.click();
    harness.run_steps(1);
    harness.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    harness
        .get_by_role_and_label(Role::TextInput, "Name or path")
        .type_text(&path.display().to_string());
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "Save").click();
    harness.run_steps(3);
}

#[test]
fn save_as_writes_a_file_that_loads_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(None);
    harness
        .state_mut()
        .act(Action::Select(Some(AnnotationId(2))));
    harness.key_press(Key::Num2);
    harness.run_steps(2);
    assert!(is_dirty(&harness));
    let out = dir.path().join("mine.ron");
    type_path_and_save(&mut harness, &out);
    assert!(!is_dirty(&harness), "saved: {:?}", harness.state().dialog());
    assert_eq!(harness.state().title(), "Marginalia — mine.ron");
    let loaded = marginalia_io::format::load(&out).unwrap();
    assert_eq!(
        loaded.annotation(AnnotationId(2)).map(|a| a.label.as_str()),
        Some("denial")
    );
    assert_eq!(
        loaded.annotations(),
        harness.state().document().unwrap().doc().annotations()
    );
    // Ctrl+S now saves in place.
    harness.key_press(Key::Num1);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(2);
    assert!(!is_dirty(&harness));
    let loaded = marginalia_io::format::load(&out).unwrap();
    assert_eq!(
        loaded.annotation(AnnotationId(2)).map(|a| a.label.as_str()),
        Some("claim")
    );
}

#[test]
fn a_failed_save_says_why_and_stays_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(None);
    harness
        .state_mut()
        .act(Action::Select(Some(AnnotationId(2))));
    harness.key_press(Key::Num2);
    harness.run_steps(2);
    type_path_and_save(
        &mut harness,
        &dir.path().join("no-such-folder").join("x.ron"),
    );
    assert!(
        matches!(harness.state().dialog(), Some(Prompt::Error { .. })),
        "{:?}",
        harness.state().dialog()
    );
    assert!(is_dirty(&harness));
    harness.get_by_label("OK").click();
    harness.run_steps(2);
    assert!(harness.state().dialog().is_none());
}

fn request_close(harness: &mut Harness<'_, MarginaliaApp>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run_steps(2);
}

#[test]
fn closing_with_unsaved_changes_asks_save_discard_or_cancel() {
    let mut harness = app(None);
    request_close(&mut harness);
    assert!(
        harness.state().dialog().is_none(),
        "nothing to lose, no question"
    );
    assert!(harness.state().close_allowed());

    harness
        .state_mut()
        .act(Action::Select(Some(AnnotationId(2))));
    harness.key_press(Key::Num2);
    harness.run_steps(2);
    request_close(&mut harness);
    assert!(matches!(
        harness.state().dialog(),
        Some(Prompt::Unsaved { .. })
    ));
    assert!(!harness.state().close_allowed());
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(harness.state().dialog().is_none());
    assert!(is_dirty(&harness), "cancel keeps the changes");

    request_close(&mut harness);
    harness.get_by_label("Discard").click();
    harness.run_steps(2);
    assert!(harness.state().close_allowed());
}

#[test]
fn opening_another_file_with_unsaved_changes_asks_first() {
    let mut harness = app(None);
    harness
        .state_mut()
        .act(Action::Select(Some(AnnotationId(2))));
    harness.key_press(Key::Num2);
    harness.run_steps(2);
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(sample("festival-funding.ron"))));
    harness.run_steps(3);
    harness.get_by_role_and_label(Role::Button, "Open").click();
    harness.run_steps(3);
    assert!(
        matches!(harness.state().dialog(), Some(Prompt::Unsaved { .. })),
        "{:?}",
        harness.state().dialog()
    );
    harness.run_steps(1);
    assert_eq!(annotation_count(&harness), 14, "still the sample");
    harness.get_by_label("Discard").click();
    harness.run_steps(1);
    settle(&mut harness);
    assert_eq!(annotation_count(&harness), 5);
}

#[test]
fn the_annotators_name_is_asked_beside_the_article_not_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_with(
        Some(copy_of(dir.path(), "festival-funding.md")),
        Preferences::default(),
    );
    settle(&mut harness);
    // Nothing covers the article: the name is asked in the side panel.
    assert!(harness.state().dialog().is_none());
    harness.get_by_label("Who is annotating?");
    type_into(&mut harness, "Your name", "Ana Ruiz");
    harness.get_by_role_and_label(Role::Button, "OK").click();
    harness.run_steps(2);
    assert_eq!(harness.state().preferences().annotator, "Ana Ruiz");
    assert!(harness.query_by_label("Who is annotating?").is_none());
    // The first save writes it.
    let path = dir.path().join("festival-funding.ron");
    assert!(harness.state_mut().save_to(&path));
    assert_eq!(format::load(&path).unwrap().annotator, "Ana Ruiz");
}

#[test]
fn find_highlights_matches_and_labels_every_one() {
    let mut harness = app(Some(sample("festival-funding.md")));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::TextInput, "Find")
        .type_text("festival");
    harness.run_steps(2);
    let matches = harness.state().workspace().find().matches.len();
    assert_eq!(matches, 5, "Festival ×1 and festival ×4, case ignored");
    harness.get_by_label("Label every match").click();
    harness.run_steps(2);
    assert_eq!(annotation_count(&harness), 5);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(annotation_count(&harness), 0, "one undo step");
}

#[test]
fn dragging_an_end_of_the_selected_annotation_resizes_it_in_one_undo_step() {
    let mut harness = app(Some(sample("festival-funding.ron")));
    let before = annotation(&harness, 1);
    harness
        .state_mut()
        .act(Action::Select(Some(AnnotationId(1))));
    harness.run_steps(2);
    // Grab the end handle (the right edge of the last character) and drag it two words left.
    let last = harness
        .state()
        .article_view()
        .unwrap()
        .char_rect(before.end - 1)
        .unwrap();
    let grab = last.right_center();
    // "every event" and the space before it are 12 code points.
    let target = harness
        .state()
        .article_view()
        .unwrap()
        .char_rect(before.end - 12)
        .unwrap()
        .left_center();
    harness.event(Event::PointerMoved(grab));
    harness.event(Event::PointerButton {
        pos: grab,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.step();
    for step in 1..=4 {
        harness.event(Event::PointerMoved(
            grab + (target - grab) * (step as f32 / 4.0),
        ));
        harness.step();
    }
    harness.event(Event::PointerButton {
        pos: target,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(2);
    let after = annotation(&harness, 1);
    assert_eq!(after.start, before.start);
    assert_eq!(after.end, before.end - 12, "{:?}", after.exact);
    assert_eq!(after.exact, "The budget simply can’t stretch to");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    let undone = annotation(&harness, 1);
    assert_eq!(undone, before, "the whole drag undoes at once");
}

#[test]
fn a_custom_label_is_added_from_the_side_panel_and_saved_in_the_file() {
    let mut harness = app(Some(sample("festival-funding.ron")));
    harness.get_by_label("Add label…").click();
    harness.run_steps(2);
    type_into(&mut harness, "Name", "Rumour");
    type_into(&mut harness, "Key", "4");
    harness.get_by_label("Add").click();
    harness.run_steps(2);
    let open = harness.state().document().unwrap();
    let label = open.doc().label("rumour").cloned().unwrap();
    assert_eq!((label.name.as_str(), label.key.as_str()), ("Rumour", "4"));
    // The new key labels a selection.
    harness.state_mut().act(Action::SelectText(Some((52, 55))));
    harness.key_press(Key::Num4);
    harness.run_steps(2);
    let open = harness.state().document().unwrap();
    assert!(
        open.doc()
            .annotations()
            .iter()
            .any(|a| a.label == "rumour" && a.exact == "The")
    );
}

/// Focuses the text field labelled `label` and types `text` in place of what it holds.
fn type_into(harness: &mut Harness<'_, MarginaliaApp>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run_steps(1);
}

#[test]
fn a_broken_file_is_refused_with_a_message_and_nothing_opens() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(format: \"marginalia\", version: 1, article: (text: 5))",
    )
    .unwrap();
    let harness = app(Some(bad));
    match harness.state().dialog() {
        Some(Prompt::Error { message, .. }) => assert!(message.contains("bad.ron:1:"), "{message}"),
        other => panic!("expected an error dialog, got {other:?}"),
    }
    assert!(harness.state().document().is_none());
    assert_eq!(harness.state().title(), "Marginalia");
}

#[test]
fn file_export_writes_the_chosen_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(Some(sample("festival-funding.ron")));
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    harness.get_by_label("Export as CSV…").click();
    harness.run_steps(3);
    let out = dir.path().join("festival.csv");
    type_into(&mut harness, "Name or path", &out.display().to_string());
    harness
        .get_by_role_and_label(Role::Button, "Export")
        .click();
    harness.run_steps(3);
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        csv.lines().count(),
        6,
        "a header and five annotations: {csv}"
    );
    assert!(
        harness
            .state()
            .status()
            .unwrap_or_default()
            .starts_with("Exported 5 annotations")
    );

    // brat asks for a folder and fills it.
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    harness.get_by_label("Export to a brat folder…").click();
    harness.run_steps(3);
    let folder = dir.path().join("brat");
    type_into(&mut harness, "Name or path", &folder.display().to_string());
    harness
        .get_by_role_and_label(Role::Button, "Export")
        .click();
    harness.run_steps(3);
    assert!(folder.join("festival-funding.ann").is_file());
    assert!(folder.join("annotation.conf").is_file());
}

#[test]
fn article_details_are_edited_from_the_file_menu_and_undone() {
    let mut harness = app(Some(sample("festival-funding.ron")));
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Article details…").click();
    harness.run_steps(3);
    type_into(&mut harness, "Publisher", "  The Riverside Ledger ");
    type_into(&mut harness, "Address", "https://example.org/festival");
    harness.get_by_role_and_label(Role::Button, "OK").click();
    harness.run_steps(3);
    let article = &harness.state().document().unwrap().doc().article;
    assert_eq!(article.source, "The Riverside Ledger", "trimmed");
    assert_eq!(article.url, "https://example.org/festival");
    assert!(is_dirty(&harness));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    let article = &harness.state().document().unwrap().doc().article;
    assert_eq!(article.source, "");
    assert!(!is_dirty(&harness));
}

#[test]
fn an_e_mails_details_show_its_attachments() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let email = support::email_copy(dir.path(), "html_with_attachments.eml");
    let mut harness = app(Some(email));
    settle(&mut harness);
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Article details…").click();
    harness.run_steps(3);
    harness.get_by_label("Attached to the e-mail");
    harness.get_by_label("statement.txt (text, 24 bytes)");
    harness.get_by_label_contains("Budget 2026.pdf (PDF,");

    // Each button names its attachment to a screen reader; the text one opens as its own
    // article, saved beside the e-mail.
    harness.get_by_label("Open Budget 2026.pdf as article");
    harness
        .get_by_label("Open statement.txt as article")
        .click();
    harness.run_steps(3);
    if harness.query_by_label("Discard").is_some() {
        harness.get_by_label("Discard").click();
    }
    settle(&mut harness);
    assert_eq!(support::article_text(&harness), "Full statement follows.\n");
    assert!(dir.path().join("statement.txt").exists());
}

/// The sample with annotation 1 selected and its speaker picker opened by S.
fn speaker_picker_open() -> Harness<'static, MarginaliaApp> {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    settle(&mut harness);
    harness
        .state_mut()
        .act(Action::Select(Some(AnnotationId(1))));
    harness.run_steps(2);
    harness.key_press(Key::S);
    harness.run_steps(2);
    assert!(matches!(
        harness.state().dialog(),
        Some(Prompt::PickSpeaker(_))
    ));
    harness
}

#[test]
fn escape_in_the_speaker_picker_closes_only_the_picker() {
    let mut harness = speaker_picker_open();
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    assert!(harness.state().dialog().is_none(), "the picker closed");
    assert_eq!(
        harness.state().selected(),
        Some(AnnotationId(1)),
        "the annotation is still selected"
    );
    // A second Esc, with nothing open over the article, clears the selection.
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert_eq!(harness.state().selected(), None);
}

#[test]
fn the_pickers_arrows_move_a_highlight_and_enter_takes_it() {
    let mut harness = speaker_picker_open();
    let doc = harness.state().document().unwrap().doc().clone();
    assert!(doc.speakers().len() >= 3, "the sample has several speakers");
    let third = doc.speakers()[2].id;
    harness.key_press(Key::ArrowDown);
    harness.run_steps(1);
    harness.key_press(Key::ArrowDown);
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert!(harness.state().dialog().is_none());
    assert_eq!(annotation(&harness, 1).speaker, Some(third));
}

#[test]
fn link_mode_moves_nothing_under_the_pointer() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    settle(&mut harness);
    harness
        .state_mut()
        .act(Action::Select(Some(AnnotationId(2))));
    harness.run_steps(2);
    let before = char_pos(&harness, 300);
    harness.key_press(Key::L);
    harness.run_steps(2);
    harness.get_by_label("Click the highlight that annotation 2 responds to.");
    assert_eq!(
        char_pos(&harness, 300),
        before,
        "the article stayed where it was"
    );
}
