//! The window from 640×480 up: below a width the side panel is a drawer over the article,
//! opened by Ctrl+B, the menu bar's button or F6, closed by the same, Esc or a click outside;
//! the article keeps its width; the menu bar and the status bar fit.

mod support;

use egui::accesskit::Role;
use egui::{Key, Modifiers, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use marginalia::ui::MarginaliaApp;
use support::{app, sample};

fn press(harness: &mut Harness<'_, MarginaliaApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run_steps(3);
}

fn sized(width: f32, height: f32) -> Harness<'static, MarginaliaApp> {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    harness.set_size(vec2(width, height));
    harness.run_steps(3);
    harness
}

/// Whether the side panel's tabs are on screen.
fn panel_shown(harness: &Harness<'_, MarginaliaApp>) -> bool {
    harness.query_by_label_contains("Annotations (").is_some()
}

fn article_rect(harness: &Harness<'_, MarginaliaApp>) -> Rect {
    let article = harness.get_by_role(Role::Document);
    article.rect()
}

fn article_focused(harness: &Harness<'_, MarginaliaApp>) -> bool {
    let article = harness
        .state()
        .article_view()
        .map(marginalia::ui::ArticleView::widget_id);
    harness.ctx.memory(egui::Memory::focused) == article
}

#[test]
fn in_a_narrow_window_ctrl_b_opens_a_drawer_over_the_article_and_esc_closes_it() {
    let mut harness = sized(640.0, 480.0);
    assert!(
        !panel_shown(&harness),
        "the article has the narrow window to itself"
    );
    let article = article_rect(&harness);
    assert!(article.width() > 500.0, "{article:?}");

    press(&mut harness, Modifiers::COMMAND, Key::B);
    assert!(panel_shown(&harness), "Ctrl+B opens the drawer");
    assert_eq!(
        article_rect(&harness),
        article,
        "the article keeps its width under it"
    );
    assert!(!article_focused(&harness), "the drawer has the keyboard");

    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!panel_shown(&harness), "Esc from within closes it");
    assert!(
        article_focused(&harness),
        "and gives the article the keyboard"
    );
}

#[test]
fn f6_opens_the_drawer_into_its_first_stop_and_leaves_it_closed() {
    let mut harness = sized(640.0, 480.0);
    press(&mut harness, Modifiers::NONE, Key::F6);
    harness.run_steps(2);
    assert!(panel_shown(&harness), "F6 opens the drawer");
    assert!(!article_focused(&harness), "and moves the keyboard into it");
    press(&mut harness, Modifiers::NONE, Key::F6);
    assert!(!panel_shown(&harness), "F6 out of it closes it");
    assert!(article_focused(&harness));
}

#[test]
fn the_button_opens_the_drawer_and_a_click_on_the_article_closes_it() {
    let mut harness = sized(800.0, 600.0);
    assert!(!panel_shown(&harness));
    harness.get_by_label("Side panel").click();
    harness.run_steps(3);
    assert!(panel_shown(&harness));
    let article = article_rect(&harness);
    support::click_at(&mut harness, article.left_top() + vec2(20.0, 60.0));
    harness.run_steps(2);
    assert!(!panel_shown(&harness), "a click outside closes it");
}

#[test]
fn in_a_wide_window_the_panel_docks_and_ctrl_b_hides_it_for_a_wider_article() {
    let mut harness = sized(1366.0, 768.0);
    assert!(panel_shown(&harness));
    let docked = article_rect(&harness);
    press(&mut harness, Modifiers::COMMAND, Key::B);
    assert!(!panel_shown(&harness));
    assert!(article_rect(&harness).width() > docked.width() + 200.0);
    press(&mut harness, Modifiers::COMMAND, Key::B);
    assert!(panel_shown(&harness));
}

#[test]
fn at_640_the_menu_bar_and_the_status_bar_fit_without_overlapping() {
    let harness = sized(640.0, 480.0);
    let help = harness.get_by_label("Help").rect();
    let button = harness.get_by_label("Side panel").rect();
    assert!(help.right() < button.left(), "{help:?} {button:?}");
    assert!(button.right() <= 640.0, "{button:?}");
    // The status bar: the file's name (not its whole path) and the status menu, inside.
    let name = harness.get_by_label("sessions-recusal.ron").rect();
    let status = harness.get_by_label("done").rect();
    assert!(name.right() < status.left());
    assert!(status.right() <= 640.0, "{status:?}");
}

#[test]
fn at_640_the_corpus_list_keeps_its_controls_inside_its_panel() {
    let (_dir, root) = support::corpus_copy();
    let mut start = support::start(Some(root));
    start.preferences = Some(support::prefs());
    let mut harness = support::window(start);
    harness.set_size(vec2(640.0, 480.0));
    harness.run_steps(3);
    let list = harness.get_by_label("Articles").rect();
    for name in ["Show", "Sort"] {
        let combo = harness.get_by_role_and_label(Role::ComboBox, name).rect();
        // The panel is 280 points wide at most in a window 640 wide.
        assert!(
            combo.right() <= 281.0,
            "{name} at {combo:?} beside the list at {list:?}"
        );
    }
}
