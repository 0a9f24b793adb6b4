//! Benchmarks of the window, headless: a frame is the app's whole UI pass on a bare
//! `egui::Context` (`run_ui`) plus tessellation, at 1280×800, on the large fixture.
//! `cargo bench --bench window` measures them; targets are in the README.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use egui::{Event, Key, Modifiers, Pos2, RawInput, Rect, vec2};
use marginalia::ui::{MarginaliaApp, Preferences, StartOptions};
use marginalia_core::{AnnotationId, Document};
use marginalia_fixtures as fixtures;
use marginalia_workspace::Action;

struct Window {
    ctx: egui::Context,
    app: MarginaliaApp,
}

impl Window {
    fn new(doc: &Document) -> Self {
        let ctx = egui::Context::default();
        let start = StartOptions {
            file: None,
            preferences: Some(Preferences {
                annotator: "Bench".to_owned(),
                ..Preferences::default()
            }),
            native_dialogs: false,
            ..StartOptions::default()
        };
        let mut app = MarginaliaApp::headless(&ctx, start);
        app.open_document(doc.clone(), Some(PathBuf::from("large.ron")));
        Self { ctx, app }
    }

    /// One frame with `events`, tessellated; returns the number of primitives.
    fn frame(&mut self, events: Vec<Event>) -> usize {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
            events,
            ..RawInput::default()
        };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.frame_ui(ui));
        self.ctx
            .tessellate(output.shapes, output.pixels_per_point)
            .len()
    }

    /// Frames until the window is settled (fonts laid out, scroll done).
    fn settle(&mut self) {
        for _ in 0..4 {
            self.frame(Vec::new());
        }
    }

    /// Shows annotation `id` and settles; the code point just after it, where fresh text to
    /// annotate starts.
    fn settle_at(&mut self, id: AnnotationId) -> usize {
        self.app.show_annotation(id);
        self.settle();
        self.app
            .document()
            .and_then(|o| o.doc().annotation(id))
            .map_or(0, |a| a.end + 1)
    }

    /// Selects fresh text after `base` for round `round` (untimed).
    fn select(&mut self, base: usize, round: usize) {
        let start = base + (round % 50) * 3;
        self.app.act(Action::SelectText(Some((start, start + 12))));
        self.frame(Vec::new());
    }

    /// `iterations` rounds of adding an annotation to fresh text after `base`: each times the
    /// key press and the frame after it, then undoes it (untimed).
    fn time_adding(&mut self, base: usize, round: &mut usize, iterations: u64) -> Duration {
        let mut total = Duration::ZERO;
        for _ in 0..iterations {
            *round += 1;
            self.select(base, *round);
            let started = Instant::now();
            self.frame(vec![key(Key::Num1, Modifiers::NONE)]);
            black_box(self.frame(Vec::new()));
            total += started.elapsed();
            self.frame(vec![key(Key::Z, Modifiers::COMMAND)]);
            self.frame(Vec::new());
        }
        total
    }
}

fn key(key: Key, modifiers: Modifiers) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    }
}

fn window(c: &mut Criterion) {
    let large = fixtures::large();
    let colleague = fixtures::colleague(&large, 42);
    let middle = large.annotations()[large.annotations().len() / 2].id;
    let mut group = c.benchmark_group("window");
    group.sample_size(20);

    group.bench_function("first frame after opening", |b| {
        b.iter_batched(
            || Window::new(&large),
            // The window is returned, so criterion drops it outside the timing.
            |mut w| {
                w.frame(Vec::new());
                w
            },
            BatchSize::LargeInput,
        );
    });

    let mut w = Window::new(&large);
    w.settle();
    group.bench_function("steady frame", |b| b.iter(|| w.frame(Vec::new())));

    let wheel = || {
        vec![
            Event::PointerMoved(Pos2::new(450.0, 400.0)),
            Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: vec2(0.0, -700.0),
                phase: egui::TouchPhase::Move,
                modifiers: Modifiers::NONE,
                source: egui::MouseWheelSource::Wheel,
            },
        ]
    };
    group.bench_function("scroll a page per frame", |b| b.iter(|| w.frame(wheel())));

    let mut flip = false;
    group.bench_function("jump to an annotation", |b| {
        b.iter(|| {
            // Alternate between the middle and the start, so each jump moves far.
            flip = !flip;
            w.app
                .show_annotation(if flip { middle } else { AnnotationId(1) });
            w.frame(Vec::new())
        });
    });

    // Adding and undoing, in a window that has been running: each round selects fresh text
    // (untimed), then times the key press and the frame after it; the undo that restores the
    // document is timed separately below.
    let mut w = Window::new(&large);
    let base = w.settle_at(middle);
    let mut round = 0;
    group.bench_function("add an annotation, with the next frame", |b| {
        b.iter_custom(|iterations| w.time_adding(base, &mut round, iterations));
    });

    group.bench_function("undo", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                round += 1;
                w.select(base, round);
                w.frame(vec![key(Key::Num1, Modifiers::NONE)]);
                w.frame(Vec::new());
                let started = Instant::now();
                black_box(w.frame(vec![key(Key::Z, Modifiers::COMMAND)]));
                total += started.elapsed();
                w.frame(Vec::new());
            }
            total
        });
    });

    let mut review = Window::new(&large);
    review
        .app
        .review_document(colleague.clone(), PathBuf::from("large.colleague.ron"));
    review.settle();
    group.bench_function("review mode frame", |b| b.iter(|| review.frame(Vec::new())));
    group.finish();
}

/// The window on 2 MB of Arabic with 10,000 annotations: every paragraph right to left, its
/// rows put in visual order.
fn window_arabic(c: &mut Criterion) {
    let mut group = c.benchmark_group("window");
    group.sample_size(20);
    let mut round = 0;
    let arabic = fixtures::large_arabic();
    group.bench_function("first frame after opening, Arabic", |b| {
        b.iter_batched(
            || Window::new(&arabic),
            |mut w| {
                w.frame(Vec::new());
                w
            },
            BatchSize::LargeInput,
        );
    });
    let mut w = Window::new(&arabic);
    w.settle();
    group.bench_function("steady frame, Arabic", |b| b.iter(|| w.frame(Vec::new())));
    let base = w.settle_at(arabic.annotations()[arabic.annotations().len() / 2].id);
    group.bench_function("add an annotation, with the next frame, Arabic", |b| {
        b.iter_custom(|iterations| w.time_adding(base, &mut round, iterations));
    });

    group.finish();
}

/// The window with a folder of 2,000 news-sized articles, two annotators' files each.
fn corpus(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fixtures::write_corpus(dir.path(), 2_000, 2_000).unwrap_or_else(|e| panic!("{e}"));
    let start = || StartOptions {
        file: Some(dir.path().to_owned()),
        preferences: Some(Preferences {
            annotator: "Fixture".to_owned(),
            ..Preferences::default()
        }),
        native_dialogs: false,
        ..StartOptions::default()
    };
    let listed = |w: &Window| {
        w.app
            .workspace()
            .corpus()
            .is_some_and(|c| c.view().is_some())
    };
    let mut group = c.benchmark_group("corpus window");
    group.sample_size(10);
    group.bench_function(
        "open a folder of 2,000 articles until the list is drawn",
        |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let began = Instant::now();
                    let ctx = egui::Context::default();
                    let mut w = Window {
                        app: MarginaliaApp::headless(&ctx, start()),
                        ctx,
                    };
                    // Frames as a window draws them while it waits: one per 16 ms.
                    while !listed(&w) {
                        w.frame(Vec::new());
                        std::thread::sleep(Duration::from_millis(16));
                    }
                    w.frame(Vec::new());
                    total += began.elapsed();
                }
                total
            });
        },
    );
    let ctx = egui::Context::default();
    let mut w = Window {
        app: MarginaliaApp::headless(&ctx, start()),
        ctx,
    };
    let counted = |w: &Window| {
        w.app
            .workspace()
            .corpus()
            .and_then(|c| c.view())
            .is_some_and(|v| v.people.is_some())
    };
    while !counted(&w) {
        w.frame(Vec::new());
        std::thread::sleep(Duration::from_millis(5));
    }
    w.app
        .act(Action::Corpus(marginalia_workspace::CorpusAction::Open(0)));
    w.app.finish_loading();
    w.settle();
    group.bench_function("steady frame with the corpus panel and an article", |b| {
        b.iter(|| w.frame(Vec::new()));
    });
    group.finish();
}

criterion_group!(benches, window, window_arabic, corpus);
criterion_main!(benches);
