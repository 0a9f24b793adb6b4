//! The window's text, driven as a user drives it: words selected in every script, zoom, the
//! arrows, and the first frame, with assertions on the document that results.

mod support;

use support::{annotation, annotation_count, app, char_pos, sample, settle, start};

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use marginalia::ui::{MarginaliaApp, Preferences, StartOptions};
use marginalia_core::AnnotationId;
use marginalia_workspace::{Action, Prompt};

/// Lines mixing scripts, as news articles quote names and places.
const MIXED: &str = "Name כהן נועה said gamma — and שָׁלוֹם then delta.
The minister, مُحَمَّد عَلِي, said \"no\"; later: می‌خواهم – beta.
Ministry 外交部 said 北京 will respond; omega follows.
Fans 👩‍👩‍👧 cheered 🇮🇱 and 🇵🇸 flags – then epsilon.
Zoë said e\u{301}tude and n\u{303}o—twice—zeta.
Thai: รัฐมนตรีกล่าวว่างบประมาณของเทศกาล – theta.
מנהלת הפסטיבל, נועה כהן, אמרה: \"זה לא על כסף\" eta.";

/// Double-clicks every word of the open article and checks the selection is that word.
fn double_click_every_word(harness: &mut Harness<'_, MarginaliaApp>) {
    let Some(article) = harness.state().document().map(|o| o.doc().article.clone()) else {
        panic!("no document open");
    };
    let chars: Vec<char> = article.text().chars().collect();
    let mut c = 0;
    let mut words = 0;
    let mut done = 0;
    while c < chars.len() {
        let word = article.word_at(c);
        c += 1;
        let Some((start, end)) = word else {
            continue;
        };
        if start < done || !chars[start].is_alphanumeric() {
            continue;
        }
        done = end;
        // Longer than a double-click after the last one, so these clicks start afresh (and
        // any scrolling has ended).
        harness.run_steps(25);
        let pos = char_pos(harness, start + (end - start) / 2);
        harness.event(Event::PointerMoved(pos));
        harness.step();
        for pressed in [true, false, true, false] {
            harness.event(Event::PointerButton {
                pos,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            harness.step();
        }
        harness.run_steps(2);
        let word: String = chars[start..end].iter().collect();
        assert_eq!(
            harness.state().workspace().selection().range(),
            Some((start, end)),
            "double-clicking {word:?}"
        );
        words += 1;
    }
    assert!(words > 40, "only {words} words");
}

#[test]
fn double_clicking_any_word_of_any_script_selects_that_word_after_zoom_theme_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let mixed = dir.path().join("mixed.txt");
    std::fs::write(&mixed, MIXED).unwrap();
    // Frames a sixtieth of a second apart, so two clicks make a double-click.
    let mut harness = support::window_stepping(start(Some(mixed.clone())), 1.0 / 60.0);
    double_click_every_word(&mut harness);
    // Zoomed in, in the dark, after another file, in a smaller window: still every word.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run_steps(3);
    harness
        .state_mut()
        .act(Action::Command(marginalia_workspace::Command::ToggleTheme));
    harness.run_steps(3);
    harness
        .state_mut()
        .act(Action::Open(sample("festival-funding.ron")));
    // The imported article was never saved: asked, and discarded.
    assert!(matches!(
        harness.state().dialog(),
        Some(Prompt::Unsaved { .. })
    ));
    harness
        .state_mut()
        .act(Action::Answer(marginalia_workspace::Answer::Discard));
    settle(&mut harness);
    assert_eq!(annotation_count(&harness), 5);
    harness.state_mut().act(Action::Open(mixed));
    settle(&mut harness);
    harness.set_size(egui::vec2(1024.0, 700.0));
    harness.run_steps(3);
    assert!(harness.state().preferences().dark);
    double_click_every_word(&mut harness);
}

/// Where the side panel begins: the left edge of its "Labels" heading.
fn side_panel_left(harness: &Harness<'_, MarginaliaApp>) -> f32 {
    harness.get_by_label("Labels").rect().left()
}

#[test]
fn selecting_an_annotation_that_responds_to_another_keeps_the_side_panel_width() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    harness.set_size(egui::vec2(1024.0, 700.0));
    harness.run_steps(3);
    let before = side_panel_left(&harness);
    for id in [5, 6, 14, 1] {
        harness
            .state_mut()
            .act(Action::Select(Some(AnnotationId(id))));
        harness.run_steps(3);
        assert!(
            (side_panel_left(&harness) - before).abs() < 0.5,
            "selecting annotation {id} moved the side panel from {before} to {}",
            side_panel_left(&harness)
        );
    }
}

#[test]
fn zoom_enlarges_the_whole_window_and_keeps_the_selected_annotation_in_view() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    // An annotation near the end, brought into view and selected.
    harness.state_mut().show_annotation(AnnotationId(14));
    harness.run_steps(10);
    let start = annotation(&harness, 14).start;
    for _ in 0..3 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
        harness.run_steps(10);
    }
    let zoom = harness.state().preferences().zoom;
    assert!((zoom - 1.1f32.powi(3)).abs() < 0.01, "zoom {zoom}");
    // The whole window is zoomed, side panel and tags with the article, not the text alone.
    assert!((harness.ctx.zoom_factor() - zoom).abs() < 0.01);
    let screen = harness.ctx.content_rect();
    let rect = char_pos(&harness, start);
    assert!(
        screen.contains(rect),
        "the selected annotation at {rect:?} is out of view ({screen:?})"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run_steps(3);
    assert!((harness.ctx.zoom_factor() - 1.0).abs() < 0.01);
}

#[test]
fn the_typed_path_starts_with_the_caret_at_its_end_and_an_error_closes_with_enter() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(Some(support::copy_of(dir.path(), "festival-funding.ron")));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run_steps(3);
    assert!(matches!(
        harness.state().dialog(),
        Some(Prompt::TypePath { .. })
    ));
    // Where a relative path starts is shown: the document's folder.
    harness.get_by_label(&dir.path().display().to_string());
    // Changing the proposed name at its end: the caret is there.
    for _ in 0..".ron".len() {
        harness.key_press(Key::Backspace);
    }
    harness.event(Event::Text("-copy.ron".to_owned()));
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert!(
        dir.path().join("festival-funding-copy.ron").is_file(),
        "{:?}",
        harness.state().status()
    );

    // An error (a folder that does not exist) closes with Enter.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run_steps(3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(Event::Text("no/such/folder/x.ron".to_owned()));
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert!(matches!(
        harness.state().dialog(),
        Some(Prompt::Error { .. })
    ));
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert!(harness.state().dialog().is_none());
}

#[test]
fn the_annotation_list_is_the_open_files_after_opening_another() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    harness.get_by_label("Annotations (14)");
    // Its row in the list, and its node in the article.
    let before = harness.query_all_by_label_contains("he spoke with Russian officials");
    assert_eq!(before.count(), 2);
    harness
        .state_mut()
        .act(Action::Open(sample("festival-funding.ron")));
    settle(&mut harness);
    harness.get_by_label("Annotations (5)");
    assert!(
        harness
            .query_all_by_label_contains("he spoke with Russian officials")
            .next()
            .is_none(),
        "a row of the file before is still listed"
    );
    assert_eq!(
        harness
            .query_all_by_label_contains("The budget simply can’t stretch")
            .count(),
        2
    );
    // An article just imported says it has none yet.
    harness
        .state_mut()
        .act(Action::Open(sample("sessions-recusal.txt")));
    settle(&mut harness);
    harness.get_by_label("Annotations (0)");
    harness.get_by_label("No annotations yet.");
}

#[test]
fn a_margin_tag_too_long_is_cut_and_shows_all_of_itself_on_hover() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    // Annotation 6, "he had “ total…", starts in the middle of a line that wraps: its tag,
    // with its speaker named at length, is longer than the margin and the room beside it.
    let ann = annotation(&harness, 6);
    let long = "Donald John Trump, the forty-fifth President of the United States";
    harness
        .state_mut()
        .act(Action::Edit(marginalia_core::Edit::RenameSpeaker {
            id: ann.speaker.unwrap(),
            name: long.to_owned(),
        }));
    harness.run_steps(2);
    let text = support::article_text(&harness);
    let before: Vec<char> = text.chars().take(ann.start).collect();
    let paragraph_start = before.iter().rposition(|&c| c == '\n').map_or(0, |p| p + 1);
    let column_left = harness
        .state()
        .article_view()
        .and_then(|v| v.char_rect(paragraph_start))
        .map(|r| r.left())
        .unwrap();
    let row = char_pos(&harness, ann.start);
    // The tag's right part, in the margin, on the row where the span starts.
    let on_tag = egui::pos2(column_left - 30.0, row.y);
    harness.event(Event::PointerMoved(on_tag));
    harness.run_steps(10);
    harness.get_by_label(&format!("Reaction · {long}"));
}

#[test]
fn a_file_opened_after_another_starts_at_its_top() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    harness.state_mut().show_annotation(AnnotationId(14));
    harness.run_steps(10);
    let screen = harness.ctx.content_rect();
    assert!(
        !harness
            .state()
            .article_view()
            .and_then(|v| v.char_rect(0))
            .is_some_and(|r| screen.contains(r.center()))
    );
    harness
        .state_mut()
        .act(Action::Open(sample("festival-funding.ron")));
    settle(&mut harness);
    harness.run_steps(3);
    let first = char_pos(&harness, 0);
    assert!(
        screen.contains(first),
        "the first line at {first:?} is not in view"
    );
}

#[test]
fn the_status_bar_counts_in_words_that_agree_with_the_number() {
    let mut harness = app(Some(sample("festival-funding.md")));
    harness.get_by_label("0 annotations · 0 speakers");
    let text = support::article_text(&harness);
    let start = text
        .find("Deputy")
        .map(|b| text[..b].chars().count())
        .unwrap();
    harness
        .state_mut()
        .act(Action::SelectText(Some((start, start + 6))));
    harness.key_press(Key::Num1);
    harness.run_steps(2);
    harness.get_by_label("1 annotation · 0 speakers");
    harness
        .state_mut()
        .act(Action::SelectText(Some((start, start + 1))));
    harness.run_steps(2);
    harness.get_by_label(&format!("Selection {start}–{} (1 character)", start + 1));
}

#[test]
fn suggested_quotes_are_walked_with_tab_and_accepted_with_a_label_key() {
    let mut harness = app(Some(sample("sessions-recusal.txt")));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::U);
    harness.run_steps(2);
    let left = |h: &Harness<'_, MarginaliaApp>| {
        h.state()
            .workspace()
            .suggestions()
            .map_or(0, marginalia_workspace::Suggestions::left)
    };
    let before = left(&harness);
    assert!(before >= 5, "{before}");
    // Tab goes to a suggestion, not to a widget: the label key that follows accepts it.
    harness.key_press(Key::Tab);
    harness.run_steps(2);
    harness.key_press(Key::Tab);
    harness.run_steps(2);
    let focused = harness
        .state()
        .workspace()
        .suggestions()
        .and_then(|s| s.current().cloned())
        .unwrap();
    harness.key_press(Key::Num2);
    harness.run_steps(2);
    let open = harness.state().document().unwrap();
    let doc = open.doc();
    assert_eq!(doc.annotations().len(), 1);
    let ann = &doc.annotations()[0];
    assert_eq!(
        (ann.start, ann.end, ann.label.as_str()),
        (focused.start, focused.end, "denial")
    );
    assert_eq!(doc.speaker_of(ann).map(|s| s.name.clone()), focused.speaker);
    assert_eq!(left(&harness), before - 1);
    // Backspace dismisses the next one (focused after accepting); Ctrl+Z brings it back.
    harness.key_press(Key::Backspace);
    harness.run_steps(2);
    assert_eq!(left(&harness), before - 2);
    assert_eq!(
        harness.state().document().unwrap().doc().dismissed().len(),
        1
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(left(&harness), before - 1);
    assert_eq!(annotation_count(&harness), 1, "the acceptance stays");
}

/// A right-to-left paragraph, then a left-to-right one with a Hebrew name in it.
const DIRECTIONS: &str = "מנהלת הפסטיבל, נועה כהן, אמרה: זה לא על כסף.
The director, נועה כהן, said no.";

/// Presses `key` (with Shift when `shift`) and gives where the caret is drawn afterwards.
fn press_arrow(harness: &mut Harness<'_, MarginaliaApp>, key: Key, shift: bool) -> (usize, f32) {
    let modifiers = if shift {
        Modifiers::SHIFT
    } else {
        Modifiers::NONE
    };
    harness.key_press_modifiers(modifiers, key);
    harness.run_steps(2);
    let head = harness
        .state()
        .workspace()
        .selection()
        .text
        .map_or_else(|| panic!("no caret"), |(_, head)| head);
    let caret = harness
        .state()
        .article_view()
        .and_then(|v| v.caret_at(head))
        .unwrap_or_else(|| panic!("no caret at {head}"));
    (head, caret.center().x)
}

#[test]
fn the_arrows_move_the_caret_the_way_it_looks_and_shift_selects_the_text_it_passed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("directions.txt");
    std::fs::write(&path, DIRECTIONS).unwrap();
    let mut harness = app(Some(path));
    harness.run_steps(3);

    // In the right-to-left paragraph, ← goes on in the text: five presses with Shift select
    // its first word, which a label key then annotates exactly.
    harness.state_mut().act(Action::SelectText(Some((0, 0))));
    harness.run_steps(2);
    let mut x = f32::INFINITY;
    for _ in 0..5 {
        let (_, now) = press_arrow(&mut harness, Key::ArrowLeft, true);
        assert!(now < x, "the caret went right, to {now}, from {x}");
        x = now;
    }
    assert_eq!(
        harness.state().workspace().selection().range(),
        Some((0, 5))
    );
    harness.key_press(Key::Num1);
    harness.run_steps(2);
    assert_eq!(annotation(&harness, 1).exact, "מנהלת");

    // In the left-to-right paragraph, → from its start to its end: every press moves the
    // caret to the right, through the Hebrew name drawn right to left, and ends at the end.
    let second = DIRECTIONS.split('\n').next().unwrap().chars().count() + 1;
    let end = DIRECTIONS.chars().count();
    harness
        .state_mut()
        .act(Action::SelectText(Some((second, second))));
    harness.run_steps(2);
    let mut x = f32::NEG_INFINITY;
    let mut visited = Vec::new();
    loop {
        let (head, now) = press_arrow(&mut harness, Key::ArrowRight, false);
        assert!(
            now > x,
            "after {visited:?} the caret went left, to {now} at {head}"
        );
        x = now;
        visited.push(head);
        if head == end {
            break;
        }
        assert!(
            visited.len() < 60,
            "the caret never reached the end: {visited:?}"
        );
    }
    // Every boundary of the name was a place the caret stood.
    let name = second + "The director, ".chars().count();
    for offset in name..name + "נועה כהן".chars().count() {
        assert!(
            visited.contains(&offset),
            "{offset} not visited: {visited:?}"
        );
    }
    // Back to the start with Shift: the selection is the whole paragraph.
    loop {
        let (head, _) = press_arrow(&mut harness, Key::ArrowLeft, true);
        if head == second {
            break;
        }
        assert!(head > second && head <= end, "{head}");
    }
    assert_eq!(
        harness.state().workspace().selection().range(),
        Some((second, end))
    );
}

/// One frame of `app` on a bare 1280×800 context, as the window draws it.
fn bare_frame(ctx: &egui::Context, app: &mut MarginaliaApp) {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..egui::RawInput::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.frame_ui(ui));
    // No painter here to take the font atlas's changes.
    output.textures_delta.clear();
}

#[test]
fn the_first_frame_is_drawn_whole_at_the_preferred_zoom_and_theme() {
    // Paragraphs of narrow letters take fewer rows than the pane first estimates, so more of
    // them come into view once laid out; a right-to-left name in each.
    let text: Vec<String> = (1..100)
        .map(|n| format!("{n} נועה כהן {}", "ill lil il ".repeat(30)))
        .collect();
    let text = text.join("\n");
    first_frame_as_it_settles(&text, 1.0, false);
    first_frame_as_it_settles(&text, 1.25, true);
}

/// Opens `text` with the preferences `zoom` and `dark`, and checks that the first frame has
/// that zoom and theme and draws each paragraph in view where the settled window draws it.
fn first_frame_as_it_settles(text: &str, zoom: f32, dark: bool) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("narrow.txt");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let ctx = egui::Context::default();
    let start = StartOptions {
        preferences: Some(Preferences {
            annotator: "Test Annotator".to_owned(),
            zoom,
            dark,
            ..Preferences::default()
        }),
        ..start(Some(path))
    };
    let mut app = MarginaliaApp::headless(&ctx, start);
    app.finish_loading();
    let paragraph_starts: Vec<usize> = std::iter::once(0)
        .chain(
            text.chars()
                .enumerate()
                .filter(|&(_, c)| c == '\n')
                .map(|(n, _)| n + 1),
        )
        .collect();
    let boxes = |app: &MarginaliaApp| -> Vec<Option<egui::Rect>> {
        paragraph_starts
            .iter()
            .map(|&c| app.article_view().and_then(|view| view.char_rect(c)))
            .collect()
    };

    bare_frame(&ctx, &mut app);
    let theme = if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    };
    assert_eq!(ctx.theme(), theme, "the first frame in the preferred theme");
    assert!((ctx.zoom_factor() - zoom).abs() < 1e-6, "and zoom");
    let first = boxes(&app);
    for _ in 0..4 {
        bare_frame(&ctx, &mut app);
    }
    let settled = boxes(&app);
    let screen = ctx.content_rect();
    let mut in_view = 0;
    for (n, (first, settled)) in first.iter().zip(&settled).enumerate() {
        if settled.is_some_and(|rect| rect.intersects(screen)) {
            in_view += 1;
            assert_eq!(
                first, settled,
                "paragraph {n} at zoom {zoom}: in view, where it settles"
            );
        }
    }
    assert!(in_view >= 3, "only {in_view} paragraphs in view");
}

#[test]
fn the_side_panel_is_as_wide_after_a_review_as_before_it() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    settle(&mut harness);
    let before = side_panel_left(&harness);
    harness
        .state_mut()
        .start_review(&sample("sessions-recusal.colleague.ron"));
    settle(&mut harness);
    assert!(harness.state().reviewing());
    harness.state_mut().act(Action::EndReview);
    harness.run_steps(3);
    assert!(!harness.state().reviewing());
    assert!(
        (side_panel_left(&harness) - before).abs() < 1.0,
        "{} then {before}",
        side_panel_left(&harness)
    );
}

#[test]
fn find_brings_a_match_into_view_at_the_end_of_a_very_long_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("long.txt");
    // One paragraph of about 120 kB: many screens tall.
    let sentence = "The council met again on Tuesday and the budget was read in full. ";
    let text = format!(
        "A long record\n\n{}The very last words.\n",
        sentence.repeat(1800)
    );
    std::fs::write(&article, &text).unwrap();
    let mut harness = app(Some(article));
    settle(&mut harness);
    let last = text.chars().count() - "words.\n".chars().count();
    harness
        .state_mut()
        .act(Action::FindText("The very last words".to_owned()));
    harness.run_steps(4);
    let rect = harness
        .state()
        .article_view()
        .and_then(|view| view.char_rect(last))
        .expect("laid out");
    assert!(
        rect.top() >= 0.0 && rect.bottom() <= 800.0,
        "the match is drawn at {rect:?}, off the screen"
    );
}

#[test]
fn a_markdown_heading_is_drawn_larger_on_the_same_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("herald.md");
    std::fs::copy(sample("corpus/water-rates-herald.md"), &article).unwrap();
    let mut harness = app(Some(article));
    settle(&mut harness);
    let text = harness
        .state()
        .document()
        .unwrap()
        .doc()
        .article
        .text()
        .to_owned();
    assert!(
        text.starts_with("# Council approves"),
        "the marks stay in the text"
    );
    let at = |word: &str| text[..text.find(word).unwrap()].chars().count();
    let view = harness.state().article_view().unwrap();
    let heading = view.char_rect(at("Council")).unwrap();
    let body = view.char_rect(at("Riverside households")).unwrap();
    assert!(
        heading.height() > body.height() * 1.2,
        "heading {} against body {}",
        heading.height(),
        body.height()
    );
}

#[test]
fn the_keyboard_alone_moves_the_caret_by_word_line_row_and_article_and_shift_selects() {
    let mut harness = app(Some(sample("sessions-recusal.ron")));
    settle(&mut harness);
    let text = harness
        .state()
        .document()
        .unwrap()
        .doc()
        .article
        .text()
        .to_owned();
    let first_line = text.lines().next().unwrap().chars().count();
    let press = |harness: &mut Harness<'_, MarginaliaApp>, modifiers: Modifiers, key: Key| {
        harness.key_press_modifiers(modifiers, key);
        harness.run_steps(2);
        harness.state().workspace().selection().text
    };
    // Nothing selected: the caret starts at the first character in view.
    assert_eq!(
        press(&mut harness, Modifiers::NONE, Key::ArrowRight),
        Some((1, 1))
    );
    // Ctrl+→ to the end of the word, Ctrl+Shift+→ selects the next one.
    assert_eq!(
        press(&mut harness, Modifiers::COMMAND, Key::ArrowRight),
        Some((8, 8))
    );
    let words = press(
        &mut harness,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::ArrowRight,
    );
    assert_eq!(words, Some((8, 16)), "{:?}", &text[..20]);
    // Ctrl+← back to the start of a word.
    assert_eq!(
        press(&mut harness, Modifiers::COMMAND, Key::ArrowLeft),
        Some((9, 9))
    );
    // End and Home of the line; Ctrl+End and Ctrl+Home of the article.
    let end = press(&mut harness, Modifiers::NONE, Key::End);
    assert_eq!(end, Some((first_line, first_line)));
    assert_eq!(
        press(&mut harness, Modifiers::NONE, Key::Home),
        Some((0, 0))
    );
    let len = text.chars().count();
    assert_eq!(
        press(&mut harness, Modifiers::COMMAND, Key::End),
        Some((len, len))
    );
    assert_eq!(
        press(&mut harness, Modifiers::COMMAND, Key::Home),
        Some((0, 0))
    );
    // ↓ goes to the next row (the first paragraph wraps), Shift+↓ selects down to the row
    // after.
    let (_, down) = press(&mut harness, Modifiers::NONE, Key::ArrowDown).unwrap();
    let row = |harness: &Harness<'_, MarginaliaApp>, c: usize| {
        harness
            .state()
            .article_view()
            .unwrap()
            .char_rect(c)
            .unwrap()
            .top()
    };
    assert!(down > 0 && row(&harness, down) > row(&harness, 0), "{down}");
    let (anchor, head) = press(&mut harness, Modifiers::SHIFT, Key::ArrowDown).unwrap();
    assert_eq!(anchor, down);
    assert!(head > anchor, "{anchor}..{head}");
    assert_eq!(
        press(&mut harness, Modifiers::NONE, Key::ArrowUp).map(|(_, h)| h < head),
        Some(true)
    );
}
