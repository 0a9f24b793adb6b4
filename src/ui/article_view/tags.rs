//! Label tags in the margin, on each paragraph's start side, beside the row where each
//! annotation starts.

use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, pos2, vec2};

use super::{ArticleInput, ArticleView, Paragraph, TAG_MARGIN, TAG_TEXT_SIZE};
use crate::ui::labels::{contrasting_text, label_color, rating_color};

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
    /// The colour of the annotation's verdict, marked on the tag's edge.
    rating: Option<Color32>,
}

/// How wide the verdict's mark is at a rated tag's start.
const RATING_EDGE: f32 = 7.0;

impl Tag {
    /// Where its text starts within its frame: past the verdict's mark when it has one.
    fn text_inset(&self) -> f32 {
        if self.rating.is_some() {
            5.0 + RATING_EDGE
        } else {
            5.0
        }
    }

    /// The room its frame takes beyond its text.
    fn padding(&self) -> f32 {
        TAG_PADDING + self.text_inset() - 5.0
    }
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
                let mut text = doc.label_name(ann).to_owned();
                if let Some(speaker) = doc.speaker_of(ann) {
                    text = format!("{text} · {}", speaker.name);
                }
                let rating = doc.rating_of(ann);
                if let Some(rating) = rating {
                    text = format!("{text} · {}", rating.name);
                }
                Tag {
                    start: ann.start,
                    text,
                    color: label_color(doc, &ann.label),
                    suggested: false,
                    strong: input.selection.annotation == Some(ann.id),
                    rating: rating.map(rating_color),
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
                        rating: None,
                    }),
            );
        }
        tags
    }

    /// Tags in the margin, on the row where their span starts: a label tag for each
    /// annotation that starts in the paragraph, and an outlined one with the speaker of each
    /// suggested quotation. Tags that share a row share its margin ([`fit_tags`]); a tag cut
    /// short shows the whole of itself on hover.
    pub(super) fn paint_tags(&self, ui: &Ui, input: &ArticleInput<'_>, at: Pos2, index: usize) {
        let (Some(paragraph), Some(laid)) = (self.paragraphs.get(index), self.laid(index)) else {
            return;
        };
        let painter = ui.painter();
        let font = FontId::proportional(TAG_TEXT_SIZE);
        // Tags go in the margin on the paragraph's start side, nearest the text first: left
        // of it, or right of it in a right-to-left paragraph.
        let wrap_width = self.style.map_or(0.0, |s| s.wrap_width);
        let right_side = laid.right_to_left && self.right_margin;
        let near = if right_side {
            at.x + wrap_width + 10.0
        } else {
            at.x - 10.0
        };
        // From 10 points off the text to the margin's outer edge, and on into the space beside
        // the column where the window is wider than it (up to twice the margin).
        let pane = ui.clip_rect();
        let beside = if right_side {
            pane.right() - 8.0 - near
        } else {
            near - (pane.left() + 8.0)
        };
        let room = beside.clamp(self.tag_margin - 10.0, 2.0 * TAG_MARGIN);
        // The tags of each row, by the row's top; rows in the order first met.
        let mut rows: Vec<(f32, Rect, Vec<Tag>)> = Vec::new();
        for tag in self.tags(input, index, paragraph) {
            let Some(row_rect) =
                laid.map
                    .char_box(&laid.galley, at, tag.start - paragraph.start_char)
            else {
                continue;
            };
            let y = row_rect.min.y;
            match rows
                .iter_mut()
                .find(|(row_y, _, _)| (*row_y - y).abs() < 1.0)
            {
                Some((_, _, tags)) => tags.push(tag),
                None => rows.push((y, row_rect, vec![tag])),
            }
        }
        for (y, row_rect, tags) in rows {
            let text_color = |tag: &Tag| {
                if tag.suggested {
                    ui.visuals().text_color()
                } else {
                    contrasting_text(tag.color)
                }
            };
            // Each tag laid out whole once: its width, and what is drawn when it is not cut.
            let whole: Vec<_> = tags
                .iter()
                .map(|tag| {
                    let job = LayoutJob::simple_singleline(
                        tag.text.clone(),
                        font.clone(),
                        text_color(tag),
                    );
                    painter.layout_job(job)
                })
                .collect();
            let natural: Vec<f32> = tags
                .iter()
                .zip(&whole)
                .map(|(tag, g)| g.size().x + tag.padding())
                .collect();
            let (widths, hidden) = fit_tags(&natural, room);
            let mut free = near;
            for (n, ((tag, width), whole)) in tags.iter().zip(&widths).zip(&whole).enumerate() {
                let color = text_color(tag);
                let galley = if *width >= whole.size().x + tag.padding() {
                    whole.clone()
                } else {
                    let mut job =
                        LayoutJob::simple_singleline(tag.text.clone(), font.clone(), color);
                    job.wrap = TextWrapping::truncate_at_width(width - tag.padding());
                    painter.layout_job(job)
                };
                let size = vec2(*width, galley.size().y + 4.0);
                let left = if right_side { free } else { free - size.x };
                let rect =
                    Rect::from_min_size(pos2(left, y + (row_rect.height() - size.y) / 2.0), size);
                paint_tag(painter, tag, rect);
                let elided = galley.elided;
                painter.galley(rect.min + vec2(tag.text_inset(), 2.0), galley, color);
                if elided {
                    let id = ui.scope_id().with(("tag", tag.start, n));
                    ui.interact(rect, id, Sense::hover())
                        .on_hover_text(&tag.text);
                }
                free = if right_side {
                    left + size.x + TAG_GAP
                } else {
                    left - TAG_GAP
                };
            }
            if hidden > 0 {
                let rest: Vec<&str> = tags[widths.len()..]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect();
                let left_of = |width: f32| if right_side { free } else { free - width };
                more_tags_ui(ui, &font, left_of, (y, row_rect.height()), &rest);
            }
        }
    }
}

/// Room a tag's text leaves for its frame, in points.
const TAG_PADDING: f32 = 10.0;
/// Between two tags of one row.
const TAG_GAP: f32 = 4.0;
/// Narrower than this, a tag says nothing worth reading.
const MIN_TAG_WIDTH: f32 = 36.0;
/// Room the "+N" tag takes when some tags of a row do not fit.
const MORE_WIDTH: f32 = 28.0;

/// The widths the tags of one row get, nearest the text first, from their `natural` widths and
/// the `room` of the margin: each its natural width when all fit; else an equal share, what a
/// narrow tag leaves going to the others; and when even [`MIN_TAG_WIDTH`] each is too much, as
/// many as fit beside a "+N" tag. Returns the widths of the tags shown and how many are not.
fn fit_tags(natural: &[f32], room: f32) -> (Vec<f32>, usize) {
    let gaps = |n: usize| TAG_GAP * n.saturating_sub(1) as f32;
    let total: f32 = natural.iter().sum::<f32>() + gaps(natural.len());
    if total <= room {
        return (natural.to_vec(), 0);
    }
    // How many fit at the least width, keeping room for "+N" when some are left out.
    let mut shown = natural.len();
    while shown > 0 {
        let more = if shown < natural.len() {
            MORE_WIDTH + TAG_GAP
        } else {
            0.0
        };
        let least: f32 = natural[..shown].iter().map(|w| w.min(MIN_TAG_WIDTH)).sum();
        if least + gaps(shown) + more <= room {
            break;
        }
        shown -= 1;
    }
    let more = if shown < natural.len() {
        MORE_WIDTH + TAG_GAP
    } else {
        0.0
    };
    let mut left = room - gaps(shown) - more;
    // Equal shares, narrow tags first: what one does not need goes to the wider ones.
    let mut order: Vec<usize> = (0..shown).collect();
    order.sort_by(|a, b| natural[*a].total_cmp(&natural[*b]));
    let mut widths = vec![0.0; shown];
    for (k, &i) in order.iter().enumerate() {
        let share = left / (shown - k) as f32;
        let width = natural[i].min(share);
        widths[i] = width;
        left -= width;
    }
    (widths, natural.len() - shown)
}

/// The "+N" tag of a row whose tags do not all fit: how many more there are, named on hover.
/// `left_of` places it from its width; `row` is the row's top and height.
fn more_tags_ui(
    ui: &Ui,
    font: &FontId,
    left_of: impl Fn(f32) -> f32,
    (top, height): (f32, f32),
    rest: &[&str],
) {
    let painter = ui.painter();
    let job = LayoutJob::simple_singleline(
        format!("+{}", rest.len()),
        font.clone(),
        ui.visuals().text_color(),
    );
    let galley = painter.layout_job(job);
    let size = galley.size() + vec2(TAG_PADDING, 4.0);
    let frame = Rect::from_min_size(pos2(left_of(size.x), top + (height - size.y) / 2.0), size);
    painter.rect_stroke(
        frame,
        4.0,
        Stroke::new(1.0, ui.visuals().weak_text_color()),
        StrokeKind::Inside,
    );
    painter.galley(
        frame.min + vec2(5.0, 2.0),
        galley,
        ui.visuals().text_color(),
    );
    let id = ui.scope_id().with(("more-tags", top.to_bits()));
    ui.interact(frame, id, Sense::hover())
        .on_hover_text(rest.join("\n"));
}

/// A tag's frame: filled in its label's colour, or outlined for a suggestion; stronger when
/// selected or in focus.
fn paint_tag(painter: &egui::Painter, tag: &Tag, rect: Rect) {
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
    if let Some(rating) = tag.rating {
        // The verdict's colour down the tag's start, edged in white to read on any label.
        let edge = Rect::from_min_size(rect.min, vec2(RATING_EDGE, rect.height()));
        painter.rect_filled(edge, 4.0, Color32::WHITE);
        painter.rect_filled(edge.shrink(1.0), 3.0, rating);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(widths: &[f32]) -> f32 {
        widths.iter().sum::<f32>() + TAG_GAP * widths.len().saturating_sub(1) as f32
    }

    #[test]
    fn tags_that_fit_keep_their_width() {
        assert_eq!(fit_tags(&[40.0, 50.0], 130.0), (vec![40.0, 50.0], 0));
    }

    #[test]
    fn two_tags_of_one_row_share_it_and_a_narrow_one_leaves_room_to_the_other() {
        let (widths, hidden) = fit_tags(&[120.0, 120.0], 130.0);
        assert_eq!(hidden, 0, "both are shown");
        assert!((widths[0] - widths[1]).abs() < 0.01);
        assert!(sum(&widths) <= 130.0 + 0.01);
        let (widths, _) = fit_tags(&[40.0, 200.0], 130.0);
        assert!((widths[0] - 40.0).abs() < 0.01, "{widths:?}");
        assert!(
            (sum(&widths) - 130.0).abs() < 0.01,
            "the rest goes to the long one: {widths:?}"
        );
    }

    #[test]
    fn more_tags_than_fit_end_in_a_count_of_the_rest() {
        let (widths, hidden) = fit_tags(&[100.0; 6], 130.0);
        assert!(hidden > 0 && !widths.is_empty(), "{widths:?} {hidden}");
        assert_eq!(widths.len() + hidden, 6);
        assert!(widths.iter().all(|w| *w >= MIN_TAG_WIDTH - 0.01));
        assert!(sum(&widths) + MORE_WIDTH + TAG_GAP <= 130.0 + 0.01);
    }
}
