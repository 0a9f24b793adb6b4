//! The toolkit's floor for start-up: an eframe window of Marginalia's size, with the same
//! features and options, that draws one label and ends the process once that frame is on
//! screen (the frame after it begins). `benches/process.sh` times it beside the real window.

use std::process::ExitCode;

fn main() -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Empty window")
            .with_app_id("marginalia-empty-window")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([640.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Empty window",
        options,
        Box::new(|cc| {
            // The window's text options (whole-pixel glyphs).
            cc.egui_ctx
                .all_styles_mut(|style| style.visuals.text_options.subpixel_binning = false);
            Ok(Box::new(Empty::default()))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot open the window: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Counts the frames drawn.
#[derive(Default)]
struct Empty {
    frames: u32,
}

impl eframe::App for Empty {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if self.frames > 0 {
            // The frame before this one is on screen.
            std::process::exit(0);
        }
        self.frames += 1;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("Marginalia");
        });
        ui.ctx().request_repaint();
    }
}
