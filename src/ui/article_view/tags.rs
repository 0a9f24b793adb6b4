//! Label tags in the margin, on each paragraph's start side, beside the row where each
//! annotation starts.

use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, pos2, vec2};

use super::{ArticleInput, ArticleView, Paragraph, TAG_MARGIN, TAG_TEXT_SIZE};
use crate::ui::labels::{contrasting_text, label_color};

/// A tag in the margin: an annotation's label and speaker, or a suggested quotation's speaker.
pub(super) struct Tag {
    /// Where its span starts.
    start: usize,
    text: String,
    color: Color32,
    /// A suggestion: outlined, not filled.
    suggested: bool,
    /// Selected, or in focus.
    strong: bool,
}

impl ArticleView {
    /// The tags of paragraph `index`: a label tag for each annotation that starts in it, and
    /// an outlined one with the speaker of each suggested quotation.
    pub(super) fn tags(
        &self,
        input: &ArticleInput<'_>,
        index: usize,
        paragraph: &Paragraph,
    ) -> Vec<Tag> {
        let doc = input.doc;
        let mut tags: Vec<Tag> = self
            .spans_of(doc, index)
            .into_iter()
            .filter(|ann| ann.start >= paragraph.start_char)
            .map(|ann| {
                let name = doc.label_name(ann);
                Tag {
                    start: ann.start,
                    text: match doc.speaker_of(ann) {
                        Some(speaker) => format!("{name} · {}", speaker.name),
                        None => name.to_owned(),
                    },
                    color: label_color(doc, &ann.label),
                    suggested: false,
                    strong: input.selection.annotation == Some(ann.id),
                }
            })
            .collect();
        if let Some(suggestions) = input.suggestions {
            let current = suggestions.current().map(|s| s.start);
            tags.extend(
                suggestions
                    .pending_in(paragraph.start_char, paragraph.end_char)
                    .filter(|s| s.start >= paragraph.start_char)
                    .map(|s| Tag {
                        start: s.start,
                        text: s
                            .speaker
                            .clone()
                            .unwrap_or_else(|| "Speaker unknown".to_owned()),
                        color: label_color(doc, s.label.id()),
                        suggested: true,
                        strong: current == Some(s.start),
                    }),
            );
        }
        tags
    }

    /// Tags in the margin, on the row where their span starts: a label tag for each
    /// annotation that starts in the paragraph, and an outlined one with the speaker of each
    /// suggested quotation. A tag too long for the room left is cut with an ellipsis; hovering
    /// it shows the whole of it.
    pub(super) fn paint_tags(&self, ui: &Ui, input: &ArticleInput<'_>, at: Pos2, index: usize) {
        /// Narrower than this, a tag says nothing worth reading.
        const MIN_TAG_WIDTH: f32 = 36.0;
        let (Some(paragraph), Some(laid)) = (self.paragraphs.get(index), self.laid(index)) else {
            return;
        };
        let tags = self.tags(input, index, paragraph);
        let painter = ui.painter();
        let font = FontId::proportional(TAG_TEXT_SIZE);
        // Tags go in the margin on the paragraph's start side, nearest the text first: left
        // of it, or right of it in a right-to-left paragraph.
        let wrap_width = self.style.map_or(0.0, |s| s.wrap_width);
        let right_side = laid.right_to_left && self.right_margin;
        let (near, far) = if right_side {
            (
                at.x + wrap_width + 10.0,
                at.x + wrap_width + TAG_MARGIN - 4.0,
            )
        } else {
            (at.x - 10.0, at.x - TAG_MARGIN + 4.0)
        };
        let mut free_by_row: Vec<(f32, f32)> = Vec::new();
        for tag in tags {
            // The row the span's first character is drawn on.
            let Some(row_rect) =
                laid.map
                    .char_box(&laid.galley, at, tag.start - paragraph.start_char)
            else {
                continue;
            };
            let y = row_rect.min.y;
            let row = free_by_row
                .iter()
                .position(|(row_y, _)| (*row_y - y).abs() < 1.0)
                .unwrap_or_else(|| {
                    free_by_row.push((y, near));
                    free_by_row.len() - 1
                });
            let Some((_, free)) = free_by_row.get_mut(row) else {
                continue;
            };
            let room = (*free - far).abs() - 6.0;
            if room < MIN_TAG_WIDTH {
                continue;
            }
            let text_color = if tag.suggested {
                ui.visuals().text_color()
            } else {
                contrasting_text(tag.color)
            };
            let mut job = LayoutJob::simple_singleline(tag.text.clone(), font.clone(), text_color);
            job.wrap = TextWrapping::truncate_at_width(room);
            let galley = painter.layout_job(job);
            let size = galley.size() + vec2(10.0, 4.0);
            let left = if right_side { *free } else { *free - size.x };
            let rect =
                Rect::from_min_size(pos2(left, y + (row_rect.height() - size.y) / 2.0), size);
            if tag.suggested {
                let width = if tag.strong { 2.0 } else { 1.0 };
                painter.rect_stroke(rect, 4.0, Stroke::new(width, tag.color), StrokeKind::Inside);
            } else {
                let fill = if tag.strong {
                    tag.color
                } else {
                    tag.color.gamma_multiply(0.85)
                };
                painter.rect_filled(rect, 4.0, fill);
            }
            let elided = galley.elided;
            painter.galley(rect.min + vec2(5.0, 2.0), galley, text_color);
            if elided {
                let id = ui.scope_id().with(("tag", tag.start, tag.suggested));
                ui.interact(rect, id, Sense::hover())
                    .on_hover_text(tag.text);
            }
            *free = if right_side {
                left + size.x + 4.0
            } else {
                left - 4.0
            };
        }
    }
}
