//! Painting the article: highlights under the text, the selection, find matches, suggested
//! quotations and review marks over it, the caret and the resize handles.

use egui::{Color32, Galley, Pos2, Rect, Stroke, StrokeKind, Ui, pos2};

use marginalia_core::{Annotation, Document};

use crate::ui::bidi::Stop;
use crate::ui::caret::{self};
use crate::ui::glyph_map::GlyphMap;
use marginalia_workspace::Selection;
use marginalia_workspace::review::MarkKind;

use super::layout::handle_rect;
use super::{ArticleInput, ArticleView, Drag, Paragraph, Style};
use crate::ui::labels::label_color;

impl ArticleView {
    /// Where the caret is drawn, and the arrows move it from: the head of the text selection
    /// (or of the drag selecting it).
    pub(super) fn caret_head(&self, selection: &Selection) -> Option<usize> {
        match self.drag {
            Some(Drag::Select { head, .. }) => Some(head),
            Some(Drag::Resize { .. }) => None,
            None => selection.text.map(|(_, head)| head),
        }
    }

    /// The text selection to draw: the drag under way, else the workspace's.
    pub(super) fn shown_selection(&self, selection: &Selection) -> Option<(usize, usize)> {
        match self.drag {
            Some(Drag::Select { anchor, head }) if anchor != head => {
                Some((anchor.min(head), anchor.max(head)))
            }
            Some(Drag::Select { .. }) => None,
            _ => selection.range(),
        }
    }

    pub(super) fn paint(&self, ui: &Ui, input: &ArticleInput<'_>, origin: Pos2, drawn: &[usize]) {
        let doc = input.doc;
        let painter = ui.painter();
        let text_color = ui.visuals().text_color();
        // Drawn over the text: strong enough to see over a highlight, light enough to read
        // the text through, with an outline where it ends.
        let selection_fill = {
            let [r, g, b, _] = ui.visuals().selection.bg_fill.to_array();
            let alpha = if ui.visuals().dark_mode { 80 } else { 110 };
            Color32::from_rgba_unmultiplied(r, g, b, alpha)
        };
        let selection_stroke = ui.visuals().selection.stroke;
        let match_color = Color32::from_rgba_unmultiplied(255, 200, 0, 90);
        let current_match_color = Color32::from_rgba_unmultiplied(255, 140, 0, 150);
        let selected_id = input.selection.annotation;
        let selected = selected_id.and_then(|id| doc.annotation(id));
        // The ends of every link of the selected and the hovered annotation are outlined.
        let hovered = self.hovered.and_then(|id| doc.annotation(id));
        let shown: Vec<marginalia_core::AnnotationId> = [selected, hovered]
            .into_iter()
            .flatten()
            .map(|a| a.id)
            .collect();
        let linked: Vec<&Annotation> = marginalia_core::spans::linked_to(doc, &shown)
            .into_iter()
            .filter(|a| Some(a.id) != selected_id)
            .collect();
        let text_selection = self.shown_selection(input.selection);
        // With no text selected, the caret stands where the arrows start from, the first
        // character in view, while the article has the keyboard.
        let caret = self
            .caret_head(input.selection)
            .or_else(|| self.has_keys(ui.ctx()).then_some(self.top_char));
        let caret_stroke = ui.visuals().text_cursor.stroke;

        for &index in drawn {
            let (Some(paragraph), Some(laid)) = (self.paragraphs.get(index), self.laid(index))
            else {
                continue;
            };
            let at = self.paragraph_origin(origin, index);
            for highlight in &laid.highlights {
                let rect = highlight.rect.translate(at.to_vec2());
                if highlight.underline {
                    let y = rect.bottom() - 1.25;
                    painter.hline(rect.x_range(), y, Stroke::new(2.5, highlight.color));
                } else {
                    painter.rect_filled(rect, 0.0, highlight.color);
                }
            }
            painter.galley(at, laid.galley.clone(), text_color);
            let overlay = |start: usize, end: usize| self.range_rects(index, at, start, end);

            for (n, &(start, end)) in input.matches.iter().enumerate() {
                if end <= paragraph.start_char || start >= paragraph.end_char {
                    continue;
                }
                let color = if input.current_match == Some(n) {
                    current_match_color
                } else {
                    match_color
                };
                for rect in overlay(start, end) {
                    painter.rect_filled(rect, 2.0, color);
                }
            }
            if let Some((start, end)) = text_selection {
                for rect in overlay(start, end) {
                    painter.rect_filled(rect, 0.0, selection_fill);
                    painter.rect_stroke(rect, 0.0, selection_stroke, StrokeKind::Inside);
                }
            }
            if let Some(head) = caret
                && self.paragraph_of(head) == index
                && let Some(rect) = self.caret_rect(index, at, head)
            {
                painter.vline(rect.center().x, rect.y_range(), caret_stroke);
            }
            for ann in &linked {
                let color = label_color(doc, &ann.label);
                for rect in overlay(ann.start, ann.end) {
                    painter.rect_stroke(rect, 2.0, Stroke::new(1.0, color), StrokeKind::Outside);
                }
            }
            if let Some(ann) = selected {
                let color = label_color(doc, &ann.label);
                let rects = overlay(ann.start, ann.end);
                for rect in &rects {
                    painter.rect_stroke(*rect, 2.0, Stroke::new(2.0, color), StrokeKind::Outside);
                }
                // Handles at the two logical ends, to drag them: the start on the side its
                // character's run begins, the end on the side the last one's run ends.
                for (c, start) in [(ann.start, true), (ann.end.saturating_sub(1), false)] {
                    // Each end in the paragraph that holds its character.
                    if c < paragraph.start_char || c >= paragraph.end_char {
                        continue;
                    }
                    if let Some(edge) = self.handle_edge(index, at, c, start) {
                        painter.rect_filled(
                            handle_rect(edge.left_top(), edge.height()),
                            1.0,
                            color,
                        );
                    }
                }
            }
            Self::paint_suggestions(ui, input, paragraph, &overlay);
            Self::paint_review_marks(ui, input, paragraph, &overlay);
            self.paint_tags(ui, input, at, index);
        }
    }

    /// Suggested quotations still to decide, outlined with dashes in the colour of the label
    /// their cue hints at; the one in focus with a solid line as well.
    pub(super) fn paint_suggestions(
        ui: &Ui,
        input: &ArticleInput<'_>,
        paragraph: &Paragraph,
        overlay: &dyn Fn(usize, usize) -> Vec<Rect>,
    ) {
        let Some(suggestions) = input.suggestions else {
            return;
        };
        let painter = ui.painter();
        let current = suggestions.current().map(|s| (s.start, s.end));
        for suggestion in suggestions.pending_in(paragraph.start_char, paragraph.end_char) {
            let color = label_color(input.doc, suggestion.label.id());
            let focused = current == Some((suggestion.start, suggestion.end));
            for rect in overlay(suggestion.start, suggestion.end) {
                let rect = rect.expand(1.5);
                if focused {
                    painter.rect_filled(rect, 2.0, color.gamma_multiply(0.18));
                    painter.rect_stroke(rect, 2.0, Stroke::new(2.0, color), StrokeKind::Outside);
                } else {
                    dashed_rect(painter, rect, Stroke::new(1.5, color), 5.0, 3.0);
                }
            }
        }
    }

    /// Their spans as lines under the text (style by kind), my unmatched spans outlined.
    pub(super) fn paint_review_marks(
        ui: &Ui,
        input: &ArticleInput<'_>,
        paragraph: &Paragraph,
        overlay: &dyn Fn(usize, usize) -> Vec<Rect>,
    ) {
        let marks = input.marks;
        if marks.is_empty() {
            return;
        }
        let painter = ui.painter();
        let longest = marks.iter().map(|m| m.end - m.start).max().unwrap_or(0);
        let from = marks.partition_point(|m| m.start + longest < paragraph.start_char);
        let to =
            marks.partition_point(|m| m.start < paragraph.end_char.max(paragraph.start_char + 1));
        for mark in marks.get(from..to).unwrap_or_default() {
            let color = label_color(input.theirs.unwrap_or(input.doc), &mark.label);
            for rect in overlay(mark.start, mark.end) {
                let y = rect.bottom() + 1.5;
                let line = [pos2(rect.left(), y), pos2(rect.right(), y)];
                match mark.kind {
                    MarkKind::Agrees => {
                        painter.line_segment(line, Stroke::new(1.0, color));
                    }
                    MarkKind::OnlyTheirs => {
                        painter.line_segment(line, Stroke::new(3.0, color));
                    }
                    MarkKind::LabelConflict => {
                        painter.extend(egui::Shape::dashed_line(
                            &line,
                            Stroke::new(3.0, color),
                            6.0,
                            3.0,
                        ));
                    }
                    MarkKind::Boundary => {
                        painter.extend(egui::Shape::dashed_line(
                            &line,
                            Stroke::new(3.0, color),
                            2.0,
                            2.0,
                        ));
                    }
                    MarkKind::OnlyMine => {
                        dashed_rect(
                            painter,
                            rect,
                            Stroke::new(1.5, Color32::from_rgb(200, 40, 40)),
                            4.0,
                            3.0,
                        );
                    }
                }
            }
        }
    }

    /// Where the caret at code point `c` of paragraph `index` (placed at `at`) is drawn: a
    /// line as tall as its row, at the stop the arrows brought it to, else at the edge of its
    /// character that comes first in that character's direction.
    pub(super) fn caret_rect(&self, index: usize, at: Pos2, c: usize) -> Option<Rect> {
        let paragraph = self.paragraphs.get(index)?;
        let laid = self.laid(index)?;
        let local = c.checked_sub(paragraph.start_char)?;
        let galley = &laid.galley;
        if laid.stops.is_empty() {
            let rect = laid.map.char_box(galley, at, local)?;
            return Some(Rect::from_x_y_ranges(
                rect.left()..=rect.left(),
                rect.y_range(),
            ));
        }
        let stop = self
            .caret_stop
            .filter(|&(p, stop)| {
                p == index && laid.stops.get(stop).is_some_and(|s| s.offset == local)
            })
            .map(|(_, stop)| stop)
            .or_else(|| caret::nearest(&laid.stops, local))?;
        let Stop { x, row, .. } = *laid.stops.get(stop)?;
        let placed = galley.rows.get(row)?;
        let (top, bottom) = (placed.pos.y, placed.pos.y + placed.size.y);
        Some(Rect::from_x_y_ranges(
            at.x + x..=at.x + x,
            at.y + top..=at.y + bottom,
        ))
    }
}

/// A stretch of highlight under a paragraph's text, relative to the paragraph's origin.
#[derive(Clone, Copy, Debug)]
pub(super) struct Highlight {
    rect: Rect,
    color: Color32,
    /// Drawn as a line under the text (the outer of overlapping spans) rather than a fill.
    underline: bool,
}

/// The highlights of `spans` in `paragraph`, laid out as `galley` and mapped by `map`: where
/// spans overlap, the innermost colours the background and the outermost underlines. A range
/// that crosses a change of direction gets several rectangles.
pub(super) fn highlights(
    doc: &Document,
    paragraph: Paragraph,
    spans: &[&Annotation],
    style: Style,
    galley: &Galley,
    map: &GlyphMap,
) -> Vec<Highlight> {
    let alpha = if style.dark { 0.45 } else { 0.30 };
    let mut cuts: Vec<usize> = vec![paragraph.start_char, paragraph.end_char];
    for span in spans {
        cuts.push(span.start.clamp(paragraph.start_char, paragraph.end_char));
        cuts.push(span.end.clamp(paragraph.start_char, paragraph.end_char));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let local: Vec<usize> = cuts.iter().map(|c| c - paragraph.start_char).collect();
    // A highlight is as tall as the text (and a point more each way), not the whole row, so
    // the rows of a long span stay apart and a find match over it still shows its own colour
    // above and below.
    let text_band = galley
        .rows
        .iter()
        .find_map(|row| row.glyphs.first())
        .map(|g| (g.pos.y - g.font_ascent - 1.0, g.font_height + 2.0));
    let rects: Vec<(usize, Rect)> = map
        .pieces(galley, Pos2::ZERO, &local)
        .into_iter()
        .map(|(n, rect)| match text_band {
            Some((top, height)) => {
                let min = pos2(rect.min.x, rect.min.y + top);
                (n, Rect::from_min_max(min, pos2(rect.max.x, min.y + height)))
            }
            None => (n, rect),
        })
        .collect();
    let mut out = Vec::with_capacity(rects.len());
    for (n, pair) in cuts.windows(2).enumerate() {
        let &[from, to] = pair else {
            continue;
        };
        let layers = marginalia_core::spans::layers(spans, from, to);
        let piece = || {
            rects
                .iter()
                .filter(move |(p, _)| *p == n)
                .map(|&(_, rect)| rect)
        };
        if let Some(inner) = layers.fill {
            let color = label_color(doc, &inner.label).gamma_multiply(alpha);
            out.extend(piece().map(|rect| Highlight {
                rect,
                color,
                underline: false,
            }));
        }
        if let Some(outer) = layers.underline {
            let color = label_color(doc, &outer.label);
            out.extend(piece().map(|rect| Highlight {
                rect,
                color,
                underline: true,
            }));
        }
    }
    out
}

/// The outline of `rect` in dashes `dash` long, `gap` apart.
pub(super) fn dashed_rect(
    painter: &egui::Painter,
    rect: Rect,
    stroke: Stroke,
    dash: f32,
    gap: f32,
) {
    let corners = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ];
    painter.extend(egui::Shape::dashed_line(&corners, stroke, dash, gap));
}
