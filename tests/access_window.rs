//! What a screen reader is given of the window, read from its accessibility tree as AccessKit
//! builds it: the article's text, the caret and the selection; each annotation as a node
//! named as it is spoken, which can be activated; the status bar's messages as a live region.

mod support;

use egui::accesskit::{Live, Role};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use support::{app, sample, settle};

const ARTICLE: &str = "Mayor speaks\n\
                       \n\
                       \"We will not back down,\" said Mayor Dana Levi on Monday.\n\
                       שלום עולם, אמר נתניהו.\n\
                       The council disagreed.";

#[test]
fn the_article_is_read_as_its_text_with_the_caret_and_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mayor.txt");
    std::fs::write(&path, ARTICLE).unwrap();
    let mut harness = app(Some(path));
    settle(&mut harness);
    let text = support::article_text(&harness);
    {
        let article = harness.get_by_role(Role::Document);
        let node = article.accesskit_node();
        assert!(node.supports_text_ranges());
        assert_eq!(node.document_range().text(), text);
    }
    // Ctrl+End, then Shift+Ctrl+← twice: the caret and the words selected are read.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::End);
    harness.run_steps(2);
    {
        let article = harness.get_by_role(Role::Document);
        let node = article.accesskit_node();
        let selection = node.text_selection().unwrap();
        assert!(selection.is_degenerate(), "a caret");
        assert_eq!(
            selection.start().to_global_usv_index(),
            text.chars().count()
        );
    }
    for _ in 0..2 {
        harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowLeft);
        harness.run_steps(2);
    }
    let article = harness.get_by_role(Role::Document);
    let node = article.accesskit_node();
    let selection = node.text_selection().unwrap();
    assert_eq!(selection.text(), "council disagreed.");
}

#[test]
fn each_annotation_is_a_node_named_as_spoken_that_selects_it_when_activated() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    settle(&mut harness);
    let doc = harness.state().document().unwrap().doc().clone();
    let with_speaker = doc
        .annotations()
        .iter()
        .find(|a| a.speaker.is_some())
        .unwrap()
        .clone();
    let name = marginalia_core::excerpt::annotation_spoken(&doc, &with_speaker, 200);
    assert!(name.starts_with(&format!(
        "{}, {}: ",
        doc.label_name(&with_speaker),
        doc.speaker_of(&with_speaker).unwrap().name
    )));
    assert_eq!(harness.state().selected(), None);
    harness
        .get_by_role_and_label(Role::Mark, &name)
        .click_accesskit();
    harness.run_steps(3);
    assert_eq!(harness.state().selected(), Some(with_speaker.id));
    // Every annotation of the sample has its node.
    assert_eq!(
        harness.query_all_by_role(Role::Mark).count(),
        doc.annotations().len()
    );
}

#[test]
fn the_status_bar_is_a_live_region() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    settle(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::End);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowLeft);
    harness.run_steps(2);
    harness.key_press(Key::Num1);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    let status = harness.get_by_label("Undid: add annotation.");
    assert_eq!(status.accesskit_node().live(), Live::Polite);
}
