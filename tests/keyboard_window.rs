//! The window by the keyboard alone: F6 moves between the article, the side panel and the
//! corpus panel; the arrows walk a list and Enter opens its row; Esc leaves a list for the
//! article without clearing the selection; F10 and a tap of Alt reach the menus; the F1 list
//! names every command.

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use marginalia::ui::{ArticleView, MarginaliaApp, Preferences};
use marginalia_core::AnnotationId;
use marginalia_workspace::lists::AnnotationFilter;
use support::{app, sample, settle};

fn press(harness: &mut Harness<'_, MarginaliaApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run_steps(3);
}

fn focused(harness: &Harness<'_, MarginaliaApp>) -> Option<egui::Id> {
    harness.ctx.memory(egui::Memory::focused)
}

fn article_id(harness: &Harness<'_, MarginaliaApp>) -> egui::Id {
    let view = harness.state().article_view();
    view.map_or_else(|| panic!("no article shown"), ArticleView::widget_id)
}

fn selected(harness: &Harness<'_, MarginaliaApp>) -> Option<AnnotationId> {
    harness.state().selected()
}

/// The annotations in the order the side panel lists them.
fn listed(harness: &Harness<'_, MarginaliaApp>) -> Vec<AnnotationId> {
    let open = harness.state().document();
    let open = open.unwrap_or_else(|| panic!("no document open"));
    AnnotationFilter::default().ids(open.doc())
}

#[test]
fn f6_enters_the_annotation_list_where_the_arrows_walk_it_and_enter_selects() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    settle(&mut harness);
    let ids = listed(&harness);
    assert!(ids.len() >= 3, "the sample has annotations to walk");
    assert_eq!(selected(&harness), None);

    press(&mut harness, Modifiers::NONE, Key::F6);
    let first_row = focused(&harness).expect("F6 gives the list the keyboard");
    assert_ne!(first_row, article_id(&harness));
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        selected(&harness),
        Some(ids[0]),
        "Enter opens the first row"
    );

    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    assert_ne!(
        focused(&harness),
        Some(first_row),
        "↓ moves to the next row"
    );
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(selected(&harness), Some(ids[1]));

    press(&mut harness, Modifiers::NONE, Key::End);
    press(&mut harness, Modifiers::NONE, Key::Space);
    assert_eq!(selected(&harness), ids.last().copied(), "End, then Space");
    press(&mut harness, Modifiers::NONE, Key::ArrowUp);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        selected(&harness),
        Some(ids[ids.len() - 2]),
        "↑ goes back one"
    );
    press(&mut harness, Modifiers::NONE, Key::Home);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(selected(&harness), Some(ids[0]), "Home goes to the first");

    // Esc leaves the list for the article and keeps the selection; a second Esc is the
    // article's, and clears it.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(focused(&harness), Some(article_id(&harness)));
    assert_eq!(
        selected(&harness),
        Some(ids[0]),
        "one Esc, one thing closed"
    );
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(selected(&harness), None);

    // The list remembers its row: F6 comes back to it, Shift+F6 goes back to the article,
    // where the arrows move the caret again.
    press(&mut harness, Modifiers::NONE, Key::F6);
    assert_eq!(focused(&harness), Some(first_row));
    press(&mut harness, Modifiers::SHIFT, Key::F6);
    assert_eq!(focused(&harness), Some(article_id(&harness)));
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(
        focused(&harness),
        Some(article_id(&harness)),
        "the arrows stay in the article"
    );
    assert!(
        harness.state().workspace().selection().text.is_some(),
        "and move its caret"
    );
}

#[test]
fn the_arrows_bring_a_row_below_the_view_into_it() {
    // A list far longer than the panel.
    let doc = marginalia_fixtures::medium();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    marginalia_io::format::save(&doc, &path).unwrap();
    let mut harness = app(Some(path));
    settle(&mut harness);
    let ids = listed(&harness);
    press(&mut harness, Modifiers::NONE, Key::F6);
    for n in 0..40 {
        harness.key_press(Key::ArrowDown);
        harness.run_steps(1);
        assert!(focused(&harness).is_some(), "lost at {n}");
    }
    press(&mut harness, Modifiers::NONE, Key::PageDown);
    harness.run_steps(2);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let shown = selected(&harness).expect("a row far down was opened");
    let index = ids.iter().position(|&id| id == shown).unwrap();
    assert!(index > 45, "row {index}: ↓ forty times, then a page");
    let focused_rect = harness
        .ctx
        .read_response(focused(&harness).unwrap())
        .unwrap()
        .rect;
    let screen = harness.ctx.content_rect();
    assert!(
        screen.contains_rect(focused_rect),
        "the focused row {focused_rect:?} is on screen {screen:?}"
    );
}

#[test]
fn f10_and_alt_open_the_menus_and_the_arrows_and_enter_run_a_command() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    settle(&mut harness);
    press(&mut harness, Modifiers::NONE, Key::F10);
    let file = focused(&harness).expect("F10 focuses the first menu");
    assert_ne!(Some(file), Some(article_id(&harness)));
    assert!(harness.get_by_label("File").is_focused());
    // → to Help, Enter opens it, ↓ to its first entry, Enter runs it.
    for _ in 0..4 {
        press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    }
    press(&mut harness, Modifiers::NONE, Key::Enter);
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(
        matches!(
            harness.state().dialog(),
            Some(marginalia_workspace::Prompt::Shortcuts)
        ),
        "Help ▸ Keyboard shortcuts ran: {:?}",
        harness.state().dialog()
    );
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.state().dialog().is_none());

    // Alt pressed and released alone focuses the menus too; a second F10 leaves them.
    harness.event(Event::ModifiersChanged(Modifiers::ALT));
    harness.run_steps(1);
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run_steps(2);
    assert_eq!(focused(&harness), Some(file), "a tap of Alt");
    press(&mut harness, Modifiers::NONE, Key::F10);
    assert_eq!(focused(&harness), Some(article_id(&harness)));
    // Alt with another key is that shortcut, not the menus.
    harness.event(Event::ModifiersChanged(Modifiers::ALT));
    harness.key_press_modifiers(Modifiers::ALT, Key::A);
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run_steps(2);
    assert_eq!(focused(&harness), Some(article_id(&harness)));
}

#[test]
fn the_shortcuts_list_names_every_command_with_its_keys_or_its_menu() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    settle(&mut harness);
    press(&mut harness, Modifiers::NONE, Key::F1);
    for command in marginalia_workspace::Command::all() {
        assert!(
            harness.query_all_by_label(command.text()).next().is_some(),
            "{} is missing",
            command.text()
        );
    }
    for keys in [
        "F6, Shift+F6",
        "F10, or Alt alone",
        "File menu",
        "Help menu",
    ] {
        assert!(harness.query_all_by_label(keys).next().is_some(), "{keys}");
    }
}

#[test]
fn f6_reaches_the_corpus_list_where_enter_opens_the_article_of_the_row() {
    let (_dir, root) = support::corpus_copy();
    let mut start = support::start(Some(PathBuf::from(&root)));
    start.preferences = Some(Preferences {
        annotator: "Ana Ruiz".to_owned(),
        ..Preferences::default()
    });
    let mut harness = support::window(start);
    let title = |harness: &Harness<'_, MarginaliaApp>| {
        harness
            .state()
            .document()
            .map(|o| o.doc().article.title.clone())
    };
    let wait = |harness: &mut Harness<'_, MarginaliaApp>,
                done: &dyn Fn(&Harness<'_, MarginaliaApp>) -> bool| {
        let began = Instant::now();
        while !done(harness) {
            assert!(began.elapsed() < Duration::from_secs(20), "not read");
            std::thread::sleep(Duration::from_millis(20));
            harness.run_steps(1);
        }
        settle(harness);
    };
    wait(&mut harness, &|h| {
        h.state()
            .workspace()
            .corpus()
            .and_then(|c| c.view())
            .is_some()
    });
    // No article is open: F6 goes to the corpus list, and Enter opens its first row.
    press(&mut harness, Modifiers::NONE, Key::F6);
    let row = focused(&harness).expect("the corpus list has the keyboard");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    wait(&mut harness, &|h| h.state().document().is_some());
    let first = title(&harness);
    // The article opened takes the keyboard; F6 goes on to the side panel, then the corpus
    // again, at the same row.
    assert_eq!(focused(&harness), Some(article_id(&harness)));
    press(&mut harness, Modifiers::NONE, Key::F6);
    press(&mut harness, Modifiers::NONE, Key::F6);
    assert_eq!(focused(&harness), Some(row));
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    wait(&mut harness, &|h| title(h) != first);
    // Shift+F6 goes the other way: from the article to the corpus list.
    assert_eq!(focused(&harness), Some(article_id(&harness)));
    press(&mut harness, Modifiers::SHIFT, Key::F6);
    let back = focused(&harness).expect("Shift+F6 from the article is the corpus list");
    let rect = |id| harness.ctx.read_response(id).unwrap().rect;
    assert!(
        (rect(back).left() - rect(row).left()).abs() < 1.0,
        "a row of the corpus list"
    );
    assert!(rect(back).right() < rect(article_id(&harness)).left());
}
