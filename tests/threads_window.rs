//! Speakers and claim threads in the window: pickers, linking, the threads and speakers views.

mod support;

use support::{annotation, click_at, sample, start, window};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use marginalia::ui::MarginaliaApp;
use marginalia_core::{AnnotationId, SpeakerId};
use marginalia_workspace::{Action, Prompt};

fn app(file: &str) -> Harness<'static, MarginaliaApp> {
    window(start(Some(sample(file))))
}

fn select(harness: &mut Harness<'_, MarginaliaApp>, id: u64) {
    harness
        .state_mut()
        .act(Action::Select(Some(AnnotationId(id))));
    harness.run_steps(2);
}

/// Types into the focused field (pickers focus their filter when they open), then Enter.
fn type_and_enter(harness: &mut Harness<'_, MarginaliaApp>, text: &str) {
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::TextInput, "Filter")
        .type_text(text);
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
}

#[test]
fn s_opens_a_speaker_picker_that_filters_as_you_type() {
    let mut harness = app("festival-funding.ron");
    select(&mut harness, 5);
    harness.key_press(Key::S);
    harness.run_steps(2);
    assert!(matches!(
        harness.state().dialog(),
        Some(Prompt::PickSpeaker(_))
    ));
    type_and_enter(&mut harness, "álv");
    assert!(harness.state().dialog().is_none());
    assert_eq!(
        annotation(&harness, 5).speaker,
        Some(SpeakerId(1)),
        "José Álvarez"
    );
}

#[test]
fn the_speaker_picker_creates_a_speaker_from_what_was_typed() {
    let mut harness = app("festival-funding.ron");
    select(&mut harness, 5);
    harness.key_press(Key::S);
    type_and_enter(&mut harness, "Marco Reyes");
    let open = harness.state().document().unwrap();
    let created = open
        .doc()
        .speakers()
        .iter()
        .find(|s| s.name == "Marco Reyes")
        .cloned()
        .unwrap();
    assert_eq!(annotation(&harness, 5).speaker, Some(created.id));
    // One undo removes the speaker and the assignment together.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        harness.state().document().unwrap().doc().speakers().len(),
        3
    );
}

#[test]
fn a_speaker_is_made_from_selected_text() {
    let mut harness = app("sessions-recusal.ron");
    // Annotation 7, the lawmakers' calls, has no speaker; select "Democratic and Republican
    // lawmakers" further down as its speaker.
    let text = support::article_text(&harness);
    let name = "Democratic and Republican lawmakers";
    let start = text.find(name).map(|b| text[..b].chars().count()).unwrap();
    select(&mut harness, 7);
    harness.state_mut().act(Action::SelectText(Some((
        start,
        start + name.chars().count(),
    ))));
    harness.run_steps(2);
    harness.get_by_label("From selection").click();
    harness.run_steps(3);
    let open = harness.state().document().unwrap();
    let speaker = annotation(&harness, 7)
        .speaker
        .and_then(|s| open.doc().speaker(s))
        .cloned();
    assert_eq!(speaker.map(|s| s.name), Some(name.to_owned()));
}

#[test]
fn r_links_a_response_to_the_claim_picked_by_typing() {
    let mut harness = app("festival-funding.ron");
    // Annotation 4 (a denial) answers claim 1; point it at claim 2 instead.
    select(&mut harness, 4);
    harness.key_press(Key::R);
    type_and_enter(&mut harness, "fewer visitors");
    assert_eq!(annotation(&harness, 4).responds_to, Some(AnnotationId(2)));
}

#[test]
fn the_responds_to_picker_offers_no_link_that_would_loop() {
    let mut harness = app("festival-funding.ron");
    // Claim 2 is answered by 3; letting 2 respond to 3 would loop, so typing 3's words
    // finds nothing and Enter changes nothing.
    select(&mut harness, 2);
    harness.key_press(Key::R);
    type_and_enter(&mut harness, "Attendance rose");
    assert_eq!(annotation(&harness, 2).responds_to, None);
}

#[test]
fn l_links_by_clicking_the_claim_in_the_article() {
    let mut harness = app("festival-funding.ron");
    select(&mut harness, 5);
    harness.key_press(Key::L);
    harness.run_steps(2);
    harness.get_by_label_contains("responds to.");
    let claim = annotation(&harness, 2);
    let pos = harness
        .state()
        .article_view()
        .unwrap()
        .char_rect(claim.start + 2)
        .unwrap()
        .center();
    click_at(&mut harness, pos);
    assert_eq!(annotation(&harness, 5).responds_to, Some(AnnotationId(2)));
    assert!(harness.state().workspace().selection().link_from.is_none());
}

#[test]
fn the_threads_view_lists_claims_with_responses_and_jumps_to_them() {
    let mut harness = app("sessions-recusal.ron");
    harness.get_by_label("Threads").click();
    harness.run_steps(2);
    harness.get_by_label_contains("4 threads · 1 unanswered claim · 0 answering nothing");
    // The unanswered claim is listed under its own heading; clicking a row selects it.
    harness.get_by_label_contains("Unanswered claims (1)");
    let rows = harness
        .query_all_by_label_contains("Claim · Jeff Sessions")
        .count();
    assert!(rows >= 2, "{rows}");
}

#[test]
fn speakers_are_added_merged_and_deleted_from_the_speakers_view() {
    let mut harness = app("festival-funding.ron");
    harness.get_by_label("Speakers (3)").click();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::TextInput, "New speaker")
        .focus();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, "New speaker")
        .type_text("J. Álvarez");
    harness.run_steps(1);
    harness.get_by_label("Add speaker").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().document().unwrap().doc().speakers().len(),
        4
    );

    // Delete the unused new speaker straight away; deleting one in use asks first.
    harness.get_all_by_label("Delete").last().unwrap().click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().document().unwrap().doc().speakers().len(),
        3
    );
    harness.get_all_by_label("Delete").next().unwrap().click();
    harness.run_steps(3);
    assert!(matches!(
        harness.state().dialog(),
        Some(Prompt::ConfirmDeleteSpeaker { uses: 2, .. })
    ));
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);

    // Merge Zoë Müller-Brandt (3) into José Álvarez (1): her annotation follows.
    harness
        .get_all_by_label("Merge into…")
        .last()
        .unwrap()
        .click();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::Button, "José Álvarez")
        .click();
    harness.run_steps(2);
    let open = harness.state().document().unwrap();
    assert_eq!(open.doc().speakers().len(), 2);
    assert_eq!(annotation(&harness, 5).speaker, Some(SpeakerId(1)));
}
