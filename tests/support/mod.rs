//! Helpers the integration tests share: sample paths, a window driven headless, a dropped
//! file, clicks, and the command line.
#![allow(dead_code, reason = "each test file uses a part of these helpers")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use marginalia::ui::{MarginaliaApp, Preferences, StartOptions};
use marginalia_core::{Annotation, AnnotationId};

/// A file of `sample_docs/`.
pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_docs")
        .join(name)
}

/// A copy of the sample corpus (`sample_docs/corpus`) in a fresh folder, to change freely:
/// the folder that holds it (removed when dropped) and the copy.
pub fn corpus_copy() -> (tempfile::TempDir, PathBuf) {
    let fail = |e: std::io::Error| -> ! { panic!("{e}") };
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let root = dir.path().join("corpus");
    std::fs::create_dir(&root).unwrap_or_else(|e| fail(e));
    for entry in std::fs::read_dir(sample("corpus")).unwrap_or_else(|e| fail(e)) {
        let entry = entry.unwrap_or_else(|e| fail(e));
        std::fs::copy(entry.path(), root.join(entry.file_name())).unwrap_or_else(|e| fail(e));
    }
    (dir, root)
}

/// A copy of a sample in `dir`, to change freely.
pub fn copy_of(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(sample(name), &to).unwrap_or_else(|e| panic!("{e}"));
    to
}

/// A test e-mail of `tests/emails/` copied into `dir` (the article is read from beside it).
pub fn email_copy(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/emails")
        .join(name);
    std::fs::copy(from, &to).unwrap_or_else(|e| panic!("{e}"));
    to
}

/// The article the test e-mails and documents were made from (`sample_docs/corpus/
/// stadium-deal.txt`): its headline and its paragraphs.
pub fn stadium_article() -> (String, Vec<String>) {
    let text = std::fs::read_to_string(sample("corpus/stadium-deal.txt"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut lines = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned);
    let headline = lines.next().unwrap_or_default();
    (headline, lines.collect())
}

/// The sessions sample with its article text edited by hand (`from` replaced by `to` in the
/// text only, not in the quotes), written to `dir`: a file whose annotations must be placed
/// again. The edit shortens the first sentence, moving every annotation, and removes the
/// sentence annotation 14 quotes, making it an orphan.
pub fn text_edited_by_hand(dir: &Path) -> PathBuf {
    let ron =
        std::fs::read_to_string(sample("sessions-recusal.ron")).unwrap_or_else(|e| panic!("{e}"));
    let edited: Vec<String> = ron
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("text: \"") {
                line.replacen(
                    "Attorney General Jeff Sessions delivers",
                    "Attorney General Jeff Sessions gives",
                    1,
                )
                .replacen(
                    "Sen. Lindsey Graham (R-South Carolina) applauded Sessions’ move on Twitter.",
                    "",
                    1,
                )
            } else {
                line.to_owned()
            }
        })
        .collect();
    let path = dir.join("edited.ron");
    std::fs::write(&path, edited.join("\n") + "\n").unwrap_or_else(|e| panic!("{e}"));
    path
}

/// How the window starts in tests: `file` open, an annotator already known, no native
/// dialogs (a typed path stands in), no crash recovery.
pub fn start(file: Option<PathBuf>) -> StartOptions {
    StartOptions {
        file,
        preferences: Some(Preferences {
            annotator: "Test Annotator".to_owned(),
            ..Preferences::default()
        }),
        native_dialogs: false,
        ..StartOptions::default()
    }
}

/// The real app in a 1280×800 headless window, settled.
pub fn window(start: StartOptions) -> Harness<'static, MarginaliaApp> {
    window_stepping(start, 0.25)
}

/// The real app in a 1280×800 headless window, settled, its frames `step_seconds` apart
/// (short enough for a double-click when tests click twice).
pub fn window_stepping(start: StartOptions, step_seconds: f32) -> Harness<'static, MarginaliaApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_step_dt(step_seconds)
        // The samples hold Hebrew and emoji; test machines may lack fonts for them.
        .allow_missing_glyphs()
        .build_eframe(move |cc| MarginaliaApp::new(cc, start));
    // The system's fonts for the scripts the bundled font lacks, as the window has them.
    harness.ctx.add_font_provider(std::sync::Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    ));
    settle(&mut harness);
    harness
}

/// Waits for a file being read, if any, and runs the frames that show it.
pub fn settle(harness: &mut Harness<'_, MarginaliaApp>) {
    harness.state_mut().finish_loading();
    harness.run_steps(3);
}

/// The annotation with this id in the open document.
pub fn annotation(harness: &Harness<'_, MarginaliaApp>, id: u64) -> Annotation {
    let found = harness
        .state()
        .document()
        .and_then(|o| o.doc().annotation(AnnotationId(id)).cloned());
    found.unwrap_or_else(|| panic!("no annotation {id}"))
}

/// The article text of the open document.
pub fn article_text(harness: &Harness<'_, MarginaliaApp>) -> String {
    let text = harness
        .state()
        .document()
        .map(|o| o.doc().article.text().to_owned());
    text.unwrap_or_else(|| panic!("no document open"))
}

/// A primary click at `pos`.
pub fn click_at(harness: &mut Harness<'_, MarginaliaApp>, pos: Pos2) {
    harness.event(Event::PointerMoved(pos));
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.step();
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(2);
}

/// A file dropped onto the window.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// How many recovery copies (annotation files) the recovery folder `dir` holds.
pub fn recovery_copies(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "ron"))
            })
            .count()
    })
}

/// Runs the built `marginalia` binary with `args`.
pub fn marginalia(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run marginalia: {e}"))
}

/// The preferences the window tests start with: a known annotator, else the defaults.
pub fn prefs() -> Preferences {
    Preferences {
        annotator: "Test Annotator".to_owned(),
        ..Preferences::default()
    }
}

pub fn app(file: Option<PathBuf>) -> Harness<'static, MarginaliaApp> {
    app_with(file, prefs())
}

/// The window with `file` open and `preferences` as if stored from an earlier run.
pub fn app_with(
    file: Option<PathBuf>,
    preferences: Preferences,
) -> Harness<'static, MarginaliaApp> {
    window(StartOptions {
        preferences: Some(preferences),
        ..start(file)
    })
}

pub fn annotation_count(harness: &Harness<'_, MarginaliaApp>) -> usize {
    harness
        .state()
        .document()
        .map_or(0, |o| o.doc().annotations().len())
}

pub fn is_dirty(harness: &Harness<'_, MarginaliaApp>) -> bool {
    harness
        .state()
        .document()
        .is_some_and(marginalia_workspace::OpenDocument::is_dirty)
}

/// Screen position of the middle of code point `c`, as the article is laid out now.
pub fn char_pos(harness: &Harness<'_, MarginaliaApp>, c: usize) -> Pos2 {
    let rect = harness.state().article_view().and_then(|v| v.char_rect(c));
    rect.map_or_else(|| panic!("code point {c} is not on screen"), |r| r.center())
}

/// Drags the mouse in the article from code point `from` to `to`.
pub fn drag_select(harness: &mut Harness<'_, MarginaliaApp>, from: usize, to: usize) {
    let start = char_pos(harness, from);
    let end = char_pos(harness, to);
    harness.event(Event::PointerMoved(start));
    harness.event(Event::PointerButton {
        pos: start,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.step();
    let middle = start + (end - start) / 2.0;
    harness.event(Event::PointerMoved(middle));
    harness.step();
    harness.event(Event::PointerMoved(end));
    harness.step();
    harness.event(Event::PointerButton {
        pos: end,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(2);
}

/// The share of the words `want` that `got` has in the same order: one less the word-level
/// edit distance over the number of words wanted.
pub fn word_accuracy(got: &[&str], want: &[&str]) -> f64 {
    let mut row: Vec<usize> = (0..=got.len()).collect();
    for (i, w) in want.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, g) in got.iter().enumerate() {
            let substitution = diagonal + usize::from(w != g);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    1.0 - row[got.len()] as f64 / want.len() as f64
}
