//! How a label looks wherever it is shown: its colour, the text that reads on it, and the
//! tooltip of an annotation.

use egui::{Color32, Ui};

use marginalia_core::{Annotation, Document};

/// The colour of a label, grey when the label is unknown or its colour malformed.
pub fn label_color(doc: &Document, label: &str) -> Color32 {
    doc.label(label)
        .and_then(marginalia_core::Label::rgb)
        .map_or(Color32::GRAY, |[r, g, b]| Color32::from_rgb(r, g, b))
}

/// The colour of a rating, grey when its colour is malformed.
pub fn rating_color(rating: &marginalia_core::Rating) -> Color32 {
    rating
        .rgb()
        .map_or(Color32::GRAY, |[r, g, b]| Color32::from_rgb(r, g, b))
}

/// Black or white, whichever reads better on `background`.
pub fn contrasting_text(background: Color32) -> Color32 {
    let luminance = 0.299 * f32::from(background.r())
        + 0.587 * f32::from(background.g())
        + 0.114 * f32::from(background.b());
    if luminance > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// What hovering a highlight shows: label, speaker, what it answers, note.
pub fn annotation_tooltip_ui(ui: &mut Ui, doc: &Document, ann: &Annotation) {
    let label = doc.label_name(ann);
    ui.strong(label);
    if let Some(speaker) = doc.speaker_of(ann) {
        ui.label(format!("Speaker: {}", speaker.name));
    }
    if let Some(target) = ann.responds_to.and_then(|t| doc.annotation(t)) {
        ui.label(format!(
            "Responds to: {}",
            marginalia_core::excerpt::excerpt(&target.exact, 60)
        ));
    }
    if let Some(rating) = doc.rating_of(ann) {
        ui.label(format!("Verdict: {}", rating.name));
    }
    if !ann.note.is_empty() {
        ui.label(egui::RichText::new(&ann.note).italics());
    }
}
