//! The threads view: each claim with the denials and reactions that answer it nested beneath,
//! then the claims nobody answered and the responses that answer nothing. Clicking a row
//! selects the annotation and scrolls the article to it.

use egui::{RichText, Ui, pos2, vec2};

use marginalia_core::{AnnotationId, Document, Threads};

use marginalia_workspace::count;

use super::Action;
use super::labels::{contrasting_text, label_color, rating_color};
use super::rows::{self, Rows};
use marginalia_core::excerpt::excerpt;

/// A row of the flattened threads list.
#[derive(Clone, Debug)]
enum Row {
    /// A section heading, with whether it lists things to look at.
    Heading(String, bool),
    /// An annotation at a depth, with how many respond to it (roots only).
    Item {
        depth: usize,
        id: AnnotationId,
        responses: Option<usize>,
    },
}

/// The threads view's state: the rows and counts, rebuilt when the document changes.
#[derive(Default)]
pub struct ThreadsView {
    built: Option<Built>,
}

struct Built {
    revision: u64,
    rows: Vec<Row>,
    summary: String,
}

const ROW_HEIGHT: f32 = 40.0;

impl ThreadsView {
    fn built(&mut self, doc: &Document, revision: u64) -> &Built {
        if self.built.as_ref().is_none_or(|b| b.revision != revision) {
            self.built = Some(build(doc, revision));
        }
        self.built.get_or_insert_with(|| build(doc, revision))
    }

    /// Draws the view; gives the list's id ([`rows::focus`]) when it has rows.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        revision: u64,
        selected: Option<AnnotationId>,
        actions: &mut Vec<Action>,
    ) -> Option<egui::Id> {
        let built = self.built(doc, revision);
        ui.label(RichText::new(&built.summary));
        let rows = &built.rows;
        if rows.is_empty() {
            ui.label(RichText::new("No annotations yet.").weak());
            return None;
        }
        let is_item = |i: usize| matches!(rows.get(i), Some(Row::Item { .. }));
        let list = Rows::new(ui, "threads", ROW_HEIGHT, rows.len()).focusable(&is_item);
        let id = list.id();
        list.show(ui, |ui, index, id| {
            if let Some(row) = rows.get(index) {
                row_ui(ui, doc, row, id, selected, actions);
            }
        });
        Some(id)
    }
}

fn build(doc: &Document, revision: u64) -> Built {
    let threads = Threads::of(doc);
    let summary = format!(
        "{} · {} · {} answering nothing",
        count(threads.threads.len(), "thread", "threads"),
        count(
            threads.unanswered_claims.len(),
            "unanswered claim",
            "unanswered claims"
        ),
        threads.loose.len()
    );
    let mut rows = Vec::new();
    for thread in &threads.threads {
        for (depth, id) in thread.walk() {
            let responses = (depth == 0).then(|| thread.response_count());
            rows.push(Row::Item {
                depth,
                id,
                responses,
            });
        }
    }
    for (heading, ids) in [
        ("Unanswered claims", &threads.unanswered_claims),
        ("Responses that answer nothing", &threads.loose),
    ] {
        if ids.is_empty() {
            continue;
        }
        rows.push(Row::Heading(format!("{heading} ({})", ids.len()), true));
        rows.extend(ids.iter().map(|&id| Row::Item {
            depth: 0,
            id,
            responses: None,
        }));
    }
    Built {
        revision,
        rows,
        summary,
    }
}

fn row_ui(
    ui: &mut Ui,
    doc: &Document,
    row: &Row,
    id: egui::Id,
    selected: Option<AnnotationId>,
    actions: &mut Vec<Action>,
) {
    let width = ui.available_width();
    let response = match row {
        Row::Heading(..) => {
            ui.allocate_exact_size(vec2(width, ROW_HEIGHT), egui::Sense::hover())
                .1
        }
        Row::Item { .. } => rows::row_response(ui, id, ROW_HEIGHT),
    };
    let rect = response.rect;
    let painter = ui.painter_at(rect);
    match row {
        Row::Heading(text, warn) => {
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text.as_str()));
            let color = if *warn {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().strong_text_color()
            };
            painter.text(
                rect.left_bottom() + vec2(2.0, -8.0),
                egui::Align2::LEFT_BOTTOM,
                text,
                egui::FontId::proportional(14.0),
                color,
            );
        }
        Row::Item {
            depth,
            id,
            responses,
        } => {
            let Some(ann) = doc.annotation(*id) else {
                return;
            };
            rows::row_background_ui(ui, &response, selected == Some(*id));
            #[expect(
                clippy::cast_precision_loss,
                reason = "depth is small, a few levels at most"
            )]
            let indent = 6.0 + 18.0 * (*depth as f32).min(6.0);
            let color = label_color(doc, &ann.label);
            painter.rect_filled(
                egui::Rect::from_min_size(
                    rect.min + vec2(indent - 6.0, 4.0),
                    vec2(4.0, ROW_HEIGHT - 8.0),
                ),
                2.0,
                color,
            );
            let label = doc.label_name(ann);
            let speaker = doc
                .speaker_of(ann)
                .map_or("no speaker", |s| s.name.as_str());
            let count = match responses {
                Some(1) => "  ·  1 response".to_owned(),
                Some(n) => format!("  ·  {n} responses"),
                None => String::new(),
            };
            let quote = excerpt(&ann.exact, 200);
            let rating = doc.rating_of(ann);
            let verdict = rating.map_or_else(String::new, |r| format!("  ·  verdict: {}", r.name));
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("{label} · {speaker}{count}{verdict}: “{quote}”"),
                )
            });
            let heading = painter.text(
                rect.min + vec2(indent + 2.0, 4.0),
                egui::Align2::LEFT_TOP,
                format!("{label} · {speaker}{count}"),
                egui::FontId::proportional(12.0),
                color,
            );
            if let Some(rating) = rating {
                paint_verdict(&painter, heading, rating);
            }
            let mut job = egui::text::LayoutJob::single_section(
                format!("“{}”", excerpt(&ann.exact, 200)),
                egui::TextFormat::simple(
                    egui::FontId::proportional(13.0),
                    ui.visuals().text_color(),
                ),
            );
            job.wrap = egui::text::TextWrapping::truncate_at_width(width - indent - 8.0);
            let galley = super::bidi::visual(ui.ctx(), ui.painter().layout_job(job));
            painter.galley(
                rect.min + vec2(indent + 2.0, 20.0),
                galley,
                egui::Color32::PLACEHOLDER,
            );
            if response.clicked() {
                actions.push(Action::Show(*id));
            }
        }
    }
}

/// The verdict in its rating's colour, after a row's heading.
fn paint_verdict(painter: &egui::Painter, heading: egui::Rect, rating: &marginalia_core::Rating) {
    let fill = rating_color(rating);
    let galley = painter.layout_no_wrap(
        rating.name.clone(),
        egui::FontId::proportional(11.0),
        contrasting_text(fill),
    );
    let chip = egui::Rect::from_min_size(
        pos2(heading.right() + 8.0, heading.top()),
        galley.size() + vec2(8.0, 2.0),
    );
    painter.rect_filled(chip, 3.0, fill);
    painter.galley(
        chip.min + vec2(4.0, 1.0),
        galley,
        egui::Color32::PLACEHOLDER,
    );
}
