//! Snapshot images of the window, looked at by eye before they were committed. Run with
//! `cargo test --features snapshot`; `UPDATE_SNAPSHOTS=1` rewrites them after an intended change.
#![cfg(feature = "snapshot")]

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use marginalia::ui::{MarginaliaApp, Preferences, StartOptions};
use marginalia_core::AnnotationId;
use marginalia_workspace::Action;

fn app(file: Option<&str>, dark: bool) -> Harness<'static, MarginaliaApp> {
    app_sized(file, dark, egui::vec2(1280.0, 800.0))
}

fn app_sized(file: Option<&str>, dark: bool, size: egui::Vec2) -> Harness<'static, MarginaliaApp> {
    let start = StartOptions {
        file: file.map(|f| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("sample_docs")
                .join(f)
        }),
        preferences: Some(Preferences {
            annotator: "Ana Ruiz".to_owned(),
            dark,
            ..Preferences::default()
        }),
        native_dialogs: false,
        ..StartOptions::default()
    };
    let mut harness = Harness::builder()
        .with_size(size)
        .allow_missing_glyphs()
        .with_theme(if dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        })
        .build_eframe(move |cc| MarginaliaApp::new(cc, start));
    // The system's fonts for the scripts the bundled font lacks (Hebrew, Arabic), as the
    // window has them.
    harness.ctx.add_font_provider(std::sync::Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    ));
    harness.state_mut().finish_loading();
    harness.run_steps(4);
    harness
}

/// Rates annotation `id` of the open document as the verdict dialog does.
fn rate(harness: &mut Harness<'static, MarginaliaApp>, id: u64, rating: &str, conclusion: &str) {
    let verdict = marginalia_core::Verdict {
        rating: rating.to_owned(),
        conclusion: conclusion.to_owned(),
        ..marginalia_core::Verdict::default()
    };
    harness.state_mut().act(Action::Rate {
        id: AnnotationId(id),
        verdict: Some(Box::new(verdict)),
    });
}

#[test]
fn sample_article_light() {
    let mut harness = app(None, false);
    harness.snapshot("sample_article_light");
}

#[test]
fn selected_claim_with_responses_dark() {
    let mut harness = app(None, true);
    rate(
        &mut harness,
        4,
        "mostly-true",
        "He did not disclose two meetings with the ambassador.",
    );
    rate(&mut harness, 1, "false", "");
    harness
        .state_mut()
        .act(Action::Select(Some(AnnotationId(4))));
    harness.run_steps(3);
    harness.snapshot("selected_claim_with_responses_dark");
}

#[test]
fn threads_view_light() {
    use egui_kittest::kittest::Queryable as _;
    let mut harness = app(None, false);
    rate(&mut harness, 1, "half-true", "");
    rate(&mut harness, 4, "mostly-true", "");
    harness.get_by_label("Threads").click();
    harness.run_steps(3);
    harness.snapshot("threads_view_light");
}

#[test]
fn review_mode_light() {
    let mut harness = app(Some("sessions-recusal.ron"), false);
    let theirs =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_docs/sessions-recusal.colleague.ron");
    harness.state_mut().start_review(&theirs);
    harness.state_mut().finish_loading();
    harness.run_steps(4);
    // The status bar shows where the files are, which differs between machines.
    harness.mask(egui::Rect::from_min_max(
        egui::pos2(0.0, 770.0),
        egui::pos2(1280.0, 800.0),
    ));
    harness.snapshot("review_mode_light");
}

#[test]
fn text_selected_over_highlights_dark() {
    let mut harness = app(None, true);
    // From inside a claim across plain text into the next paragraph: the selection must read
    // clearly over a highlight and over plain text alike.
    harness
        .state_mut()
        .act(Action::SelectText(Some((240, 330))));
    harness.run_steps(3);
    harness.snapshot("text_selected_over_highlights_dark");
}

/// A right-to-left article: each paragraph laid out right to left and aligned on the right,
/// its tags in the right margin, highlights on the words annotated.
fn right_to_left_sample(file: &str, dark: bool, name: &str) {
    let mut harness = app(Some(file), dark);
    // The status bar shows where the file is, which differs between machines.
    harness.mask(egui::Rect::from_min_max(
        egui::pos2(0.0, 770.0),
        egui::pos2(1280.0, 800.0),
    ));
    harness.snapshot(name);
}

#[test]
fn hebrew_sample_light() {
    right_to_left_sample("festival-budget-he.ron", false, "hebrew_sample_light");
}

#[test]
fn hebrew_sample_dark() {
    right_to_left_sample("festival-budget-he.ron", true, "hebrew_sample_dark");
}

#[test]
fn arabic_sample_light() {
    right_to_left_sample("fuel-prices-ar.ron", false, "arabic_sample_light");
}

#[test]
fn arabic_sample_dark() {
    right_to_left_sample("fuel-prices-ar.ron", true, "arabic_sample_dark");
}

/// The sample at a window size, an annotation selected; in light, the side panel shown (the
/// drawer opened with Ctrl+B where the window is narrow), in dark the drawer left closed.
fn window_size(width: f32, height: f32, dark: bool) {
    let mut harness = app_sized(None, dark, egui::vec2(width, height));
    harness
        .state_mut()
        .act(Action::Select(Some(AnnotationId(4))));
    harness.run_steps(3);
    let narrow = harness.query_by_label_contains("Annotations (").is_none();
    if narrow && !dark {
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B);
        harness.run_steps(3);
    }
    let theme = if dark { "dark" } else { "light" };
    harness.snapshot(format!("window_{width}x{height}_{theme}"));
}

#[test]
fn window_640x480_light() {
    window_size(640.0, 480.0, false);
}

#[test]
fn window_640x480_dark() {
    window_size(640.0, 480.0, true);
}

#[test]
fn window_800x600_light() {
    window_size(800.0, 600.0, false);
}

#[test]
fn window_800x600_dark() {
    window_size(800.0, 600.0, true);
}

#[test]
fn window_960x1040_light() {
    window_size(960.0, 1040.0, false);
}

#[test]
fn window_960x1040_dark() {
    window_size(960.0, 1040.0, true);
}

#[test]
fn window_1366x768_light() {
    window_size(1366.0, 768.0, false);
}

#[test]
fn window_1366x768_dark() {
    window_size(1366.0, 768.0, true);
}
