//! Verdicts in the window, by the keyboard alone: V on a selected claim opens its verdict, ↑ ↓
//! choose the rating from the conclusion field, Enter saves, Esc cancels; the verdict is one
//! undo step, signed with the annotator's name and dated; a screen reader hears it with the
//! claim; the side panel and the Threads tab show it.

mod support;

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use marginalia::ui::MarginaliaApp;
use marginalia_core::AnnotationId;
use support::{annotation, app, sample, settle};

fn press(harness: &mut Harness<'_, MarginaliaApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run_steps(3);
}

fn type_text(harness: &mut Harness<'_, MarginaliaApp>, text: &str) {
    harness
        .input_mut()
        .events
        .push(Event::Text(text.to_owned()));
    harness.run_steps(3);
}

/// Selects annotation `id` as the keyboard does: F6 into the list, then down its rows.
fn select(harness: &mut Harness<'_, MarginaliaApp>, id: u64) {
    let open = harness
        .state()
        .document()
        .unwrap_or_else(|| panic!("no document"));
    let rows = marginalia_workspace::lists::AnnotationFilter::default().ids(open.doc());
    let row = rows
        .iter()
        .position(|r| *r == AnnotationId(id))
        .unwrap_or_else(|| panic!("annotation {id} is not listed"));
    press(harness, Modifiers::NONE, Key::Escape);
    press(harness, Modifiers::NONE, Key::F6);
    press(harness, Modifiers::NONE, Key::Home);
    for _ in 0..row {
        press(harness, Modifiers::NONE, Key::ArrowDown);
    }
    press(harness, Modifiers::NONE, Key::Enter);
    assert_eq!(harness.state().selected(), Some(AnnotationId(id)));
    // Back to the article, the selection kept, so that V is a command and not a letter.
    press(harness, Modifiers::NONE, Key::Escape);
}

fn claims(harness: &Harness<'_, MarginaliaApp>) -> Vec<u64> {
    let open = harness
        .state()
        .document()
        .unwrap_or_else(|| panic!("no document"));
    let doc = open.doc();
    doc.annotations()
        .iter()
        .filter(|a| a.label == "claim")
        .map(|a| a.id.0)
        .collect()
}

#[test]
fn three_claims_are_rated_by_the_keyboard_alone() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = support::copy_of(dir.path(), "sessions-recusal.ron");
    let mut harness = app(Some(path));
    settle(&mut harness);
    let claims = claims(&harness);
    assert!(claims.len() >= 3);

    // The first: four down from True is False, with a conclusion and a source.
    select(&mut harness, claims[0]);
    press(&mut harness, Modifiers::NONE, Key::V);
    let _ = harness.get_by_label("Conclusion");
    for _ in 0..4 {
        press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    }
    type_text(&mut harness, "He met the ambassador twice in 2016.");
    press(&mut harness, Modifiers::NONE, Key::Tab);
    type_text(&mut harness, "https://example.org/hearing");
    press(&mut harness, Modifiers::COMMAND, Key::Enter);
    let rated = annotation(&harness, claims[0]);
    let verdict = rated.verdict.unwrap_or_else(|| panic!("not rated"));
    assert_eq!(verdict.rating, "false");
    assert_eq!(verdict.conclusion, "He met the ambassador twice in 2016.");
    assert_eq!(verdict.sources, ["https://example.org/hearing"]);
    assert_eq!(verdict.by, "Test Annotator");
    assert!(verdict.day().is_some(), "dated: {}", verdict.date);
    assert!(
        harness.query_by_label("Conclusion").is_none(),
        "the dialog closed"
    );

    // The second: Enter at once takes the first rating.
    select(&mut harness, claims[1]);
    press(&mut harness, Modifiers::NONE, Key::V);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        annotation(&harness, claims[1]).verdict.map(|v| v.rating),
        Some("true".to_owned())
    );

    // The third: down past the end stays on the last rating, up once is False.
    select(&mut harness, claims[2]);
    press(&mut harness, Modifiers::NONE, Key::V);
    for _ in 0..9 {
        press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    }
    press(&mut harness, Modifiers::NONE, Key::ArrowUp);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        annotation(&harness, claims[2]).verdict.map(|v| v.rating),
        Some("false".to_owned())
    );

    // Each verdict is one undo step.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(annotation(&harness, claims[2]).verdict.is_none());
    press(&mut harness, Modifiers::COMMAND, Key::Y);
    assert!(annotation(&harness, claims[2]).verdict.is_some());

    // Saved, the file holds them.
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let saved = dir.path().join("sessions-recusal.ron");
    let doc = marginalia_io::format::load(&saved).unwrap_or_else(|e| panic!("{e}"));
    let rated = doc
        .annotations()
        .iter()
        .filter(|a| a.verdict.is_some())
        .count();
    assert_eq!(rated, 3);
}

#[test]
fn esc_changes_nothing_and_the_verdict_is_heard_and_shown() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    settle(&mut harness);
    let first = claims(&harness)[0];
    select(&mut harness, first);
    press(&mut harness, Modifiers::NONE, Key::V);
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    type_text(&mut harness, "Not saved");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(annotation(&harness, first).verdict.is_none());
    assert_eq!(
        harness.state().selected(),
        Some(AnnotationId(first)),
        "Esc closed only the dialog"
    );

    press(&mut harness, Modifiers::NONE, Key::V);
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        annotation(&harness, first).verdict.map(|v| v.rating),
        Some("mostly-true".to_owned())
    );
    // Opened again, the dialog starts from the verdict as it is: Enter changes nothing.
    let revision = harness.state().document().map(|o| o.history().revision());
    press(&mut harness, Modifiers::NONE, Key::V);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        harness.state().document().map(|o| o.history().revision()),
        revision
    );
    // A screen reader hears the rating with the claim, in the article and in the list; the
    // side panel's verdict button names it.
    let spoken = harness.query_all_by(|node| {
        node.label()
            .is_some_and(|l| l.contains("rated Mostly true"))
    });
    assert!(spoken.count() >= 2, "the claim is heard with its rating");
    let _ = harness.get_by_label("Verdict: Mostly true");
}

#[test]
fn the_rating_scale_is_edited_in_a_dialog_as_one_undoable_edit() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    settle(&mut harness);
    let first = claims(&harness)[0];
    select(&mut harness, first);
    press(&mut harness, Modifiers::NONE, Key::V);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    open_scale_renaming_false_to_wrong(&mut harness);
    // Removing the rating a claim has is refused in the dialog, which stays open.
    let removes = harness.query_all_by_label("Remove").count();
    assert_eq!(removes, 6);
    if let Some(remove) = harness.get_all_by_label("Remove").next() {
        remove.click();
    }
    harness.run_steps(2);
    // The pointer comes onto Apply before it presses, as a person's does.
    harness.get_by_label("Apply").hover();
    harness.run_steps(1);
    harness.get_by_label("Apply").click();
    harness.run_steps(3);
    let refused = harness.query_all_by(|n| {
        n.value()
            .is_some_and(|v| v.contains("claims are rated True"))
            || n.label()
                .is_some_and(|l| l.contains("claims are rated True"))
    });
    assert!(refused.count() >= 1, "the dialog says why");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(rating_names(&harness)[4], "False", "Esc changed nothing");

    // Again, only renamed: applied as one step, and undone.
    open_scale_renaming_false_to_wrong(&mut harness);
    harness.get_by_label("Apply").click();
    harness.run_steps(3);
    assert_eq!(rating_names(&harness)[4], "Wrong");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(rating_names(&harness)[4], "False");
}

/// Opens Edit ▸ Rating scale… and types "Wrong" over the name "False".
fn open_scale_renaming_false_to_wrong(harness: &mut Harness<'_, MarginaliaApp>) {
    harness
        .state_mut()
        .act(marginalia_workspace::Action::Command(
            marginalia_workspace::Command::EditScale,
        ));
    harness.run_steps(3);
    harness
        .get_by(|n| {
            n.role() == egui::accesskit::Role::TextInput && n.value().as_deref() == Some("False")
        })
        .click();
    harness.run_steps(2);
    press(harness, Modifiers::COMMAND, Key::A);
    type_text(harness, "Wrong");
}

fn rating_names(harness: &Harness<'_, MarginaliaApp>) -> Vec<String> {
    let open = harness
        .state()
        .document()
        .unwrap_or_else(|| panic!("no document"));
    open.doc()
        .scale()
        .ratings
        .iter()
        .map(|r| r.name.clone())
        .collect()
}
