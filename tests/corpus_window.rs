//! The corpus panel in the real window, driven by mouse and keyboard: the list appears, a
//! row opens its article, Ctrl+Shift+F searches and a hit opens its article, the status bar
//! sets my status.

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use marginalia::ui::{MarginaliaApp, Preferences};
use marginalia_core::Status;

/// The window on a copy of the sample corpus, working as Ana Ruiz, once the list is drawn.
fn corpus_window() -> (tempfile::TempDir, Harness<'static, MarginaliaApp>) {
    corpus_window_with(|_| {})
}

/// The window on a copy of the sample corpus, changed by `change` before it opens.
fn corpus_window_with(
    change: impl FnOnce(&std::path::Path),
) -> (tempfile::TempDir, Harness<'static, MarginaliaApp>) {
    let (dir, root) = support::corpus_copy();
    change(&root);
    let mut start = support::start(Some(PathBuf::from(&root)));
    start.preferences = Some(Preferences {
        annotator: "Ana Ruiz".to_owned(),
        ..Preferences::default()
    });
    let mut harness = support::window(start);
    let began = Instant::now();
    while harness
        .state()
        .workspace()
        .corpus()
        .and_then(|c| c.view())
        .is_none_or(|v| v.index.is_none())
    {
        assert!(
            began.elapsed() < Duration::from_secs(20),
            "the folder was not read"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
    harness.run_steps(2);
    (dir, harness)
}

fn open_title(harness: &Harness<'_, MarginaliaApp>) -> String {
    harness
        .state()
        .document()
        .map(|o| o.doc().article.title.clone())
        .unwrap_or_default()
}

#[test]
fn a_row_opens_its_article_and_the_status_bar_marks_it_done() {
    let (_dir, mut harness) = corpus_window();
    harness.get_by_label("2 of 4 done · Ana Ruiz (you)");
    harness
        .get_by_label("Governor defends stadium deal as critics cry foul (in progress for you)")
        .click();
    harness.run_steps(1);
    support::settle(&mut harness);
    assert_eq!(
        open_title(&harness),
        "Governor defends stadium deal as critics cry foul"
    );
    harness.get_by_label("Status: in progress").click();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "done")
        .click();
    harness.run_steps(2);
    let doc = harness.state().document().map(|o| o.doc().status());
    assert_eq!(doc, Some(Status::Done));
}

#[test]
fn ctrl_shift_f_searches_the_corpus_and_a_hit_opens_its_article() {
    let (_dir, mut harness) = corpus_window();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run_steps(2);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Words")
        .type_text("great day");
    harness.run_steps(2);
    harness.get_by_label("1 match in 1 article");
    harness
        .get_by_label("Reaction · Carl Jensen: This is a great day for the fans")
        .click();
    harness.run_steps(1);
    support::settle(&mut harness);
    assert_eq!(
        open_title(&harness),
        "Governor defends stadium deal as critics cry foul"
    );
}

#[test]
fn a_long_corpus_name_is_cut_before_the_buttons_not_under_them() {
    let long = "The Riverside Valley newsroom's coverage of the water rates, November and December";
    let (_dir, harness) = corpus_window_with(|root| {
        let config = root.join("marginalia-corpus.ron");
        let text = std::fs::read_to_string(&config).unwrap();
        let text = text.replace("Riverside coverage, November", long);
        std::fs::write(&config, text).unwrap();
    });
    let refresh = harness.get_by_label("⟳").rect();
    let name = harness.get_by_label_contains("The Riverside Valley").rect();
    assert!(
        name.right() <= refresh.left(),
        "the name ends at {} and the button starts at {}",
        name.right(),
        refresh.left()
    );
}
