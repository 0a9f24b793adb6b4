//! The article pane: the text in a comfortable column, highlights in label colours, label tags
//! in the margin, and the mouse and keyboard selection that new annotations are made from.
//!
//! Only what is on screen is laid out, one paragraph (line of the text) at a time; each
//! paragraph's layout is cached and rebuilt only when its spans, the column width, the text
//! size or the theme change.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash as _, Hasher as _};
use std::sync::Arc;

use egui::text::{CCursor, CharIndex, LayoutJob, TextFormat};
use egui::{
    Align, Color32, CursorIcon, FontId, Galley, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, Vec2,
    pos2, vec2,
};

use crate::core::{Annotation, AnnotationId, Document, Edit};

use super::Action;

/// Width of the margin that holds label tags, in points.
const TAG_MARGIN: f32 = 150.0;
/// Distance within which a press grabs an end of the selected annotation, in points.
const HANDLE_GRAB: f32 = 6.0;

/// One line of the text, laid out on its own.
#[derive(Clone, Copy, Debug)]
struct Paragraph {
    start_char: usize,
    end_char: usize,
}

struct Laid {
    key: u64,
    galley: Arc<Galley>,
}

/// How a colleague's span relates to mine, for the way it is drawn in review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// Theirs agrees exactly with one of mine: a thin line.
    Agrees,
    /// Same span, another label: a dashed line.
    LabelConflict,
    /// Overlapping, same label, other ends: a dotted line.
    Boundary,
    /// Only they have it: a thick line.
    OnlyTheirs,
    /// Only I have it: a dashed outline around my highlight.
    OnlyMine,
}

/// A span drawn over the article in review mode.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReviewMark {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The colour of the label it carries.
    pub color: Color32,
    /// How it is drawn.
    pub kind: MarkKind,
}

/// What a drag in the article is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Drag {
    /// Selecting text from this anchor.
    Select,
    /// Moving the start (`true`) or end (`false`) of an annotation.
    Resize { id: AnnotationId, start: bool },
}

/// Layout inputs that, when they change, invalidate every paragraph.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Style {
    text_size: f32,
    wrap_width: f32,
    dark: bool,
    pixels_per_point: f32,
}

/// The article pane's state: layout caches, selection and scrolling.
pub struct ArticleView {
    paragraphs: Vec<Paragraph>,
    laid: Vec<Option<Laid>>,
    heights: Vec<f32>,
    /// `tops[i]` is the y of paragraph `i` from the top of the article; one more entry
    /// holds the total height.
    tops: Vec<f32>,
    tops_stale: bool,
    style: Option<Style>,
    /// Longest annotation, in code points, to bound the search for spans of a paragraph.
    longest_span: usize,
    seen_revision: Option<u64>,
    /// Text selection as (anchor, head) code points; equal when only a caret.
    pub selection: Option<(usize, usize)>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// Code point to bring into view on the next frame.
    pub scroll_to: Option<usize>,
    /// While set, the next click on a highlight makes this annotation respond to it.
    pub link_from: Option<AnnotationId>,
    /// The annotation under the pointer last frame.
    hovered: Option<AnnotationId>,
    drag: Option<Drag>,
    resize_group: u64,
    /// Where the text column sat on screen last frame, with its paragraph origins; for tests
    /// and for placing the pointer.
    last_origin: Option<Pos2>,
    /// Find matches to highlight, and the current one.
    pub matches: Vec<(usize, usize)>,
    /// Index into `matches` of the current match.
    pub current_match: Option<usize>,
    /// In review mode, their spans and my unmatched ones, sorted by start.
    pub review_marks: Vec<ReviewMark>,
}

impl ArticleView {
    /// A view of `doc`'s article.
    pub fn new(doc: &Document) -> Self {
        let mut paragraphs = Vec::new();
        let mut start_char = 0;
        for line in doc.article.text().split('\n') {
            let len = line.chars().count();
            paragraphs.push(Paragraph {
                start_char,
                end_char: start_char + len,
            });
            start_char += len + 1;
        }
        let n = paragraphs.len();
        Self {
            paragraphs,
            laid: (0..n).map(|_| None).collect(),
            heights: vec![0.0; n],
            tops: vec![0.0; n + 1],
            tops_stale: true,
            style: None,
            longest_span: 0,
            seen_revision: None,
            selection: None,
            selected: None,
            scroll_to: None,
            link_from: None,
            hovered: None,
            drag: None,
            resize_group: 0,
            last_origin: None,
            matches: Vec::new(),
            current_match: None,
            review_marks: Vec::new(),
        }
    }

    /// The selected text range, ordered, when it is not empty.
    pub fn selected_range(&self) -> Option<(usize, usize)> {
        let (a, b) = self.selection?;
        (a != b).then_some((a.min(b), a.max(b)))
    }

    /// Where the caret (the selection's head) is.
    pub fn caret(&self) -> Option<usize> {
        self.selection.map(|(_, head)| head)
    }

    /// The screen rectangle of the code point at `char_offset`, as laid out in the last frame;
    /// `None` when that paragraph was not on screen.
    pub fn char_rect(&self, char_offset: usize) -> Option<Rect> {
        let origin = self.last_origin?;
        let index = self.paragraph_of(char_offset);
        let paragraph = self.paragraphs.get(index)?;
        let galley = &self.laid.get(index)?.as_ref()?.galley;
        let top = *self.tops.get(index)?;
        let local = char_offset.checked_sub(paragraph.start_char)?;
        let at = origin + vec2(0.0, top);
        range_rects(galley, at, local, local + 1).into_iter().next()
    }

    fn paragraph_of(&self, char_offset: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.end_char < char_offset)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    fn reset_layout(&mut self, style: Style) {
        for (laid, (height, paragraph)) in self
            .laid
            .iter_mut()
            .zip(self.heights.iter_mut().zip(&self.paragraphs))
        {
            *laid = None;
            *height = estimate_height(paragraph, style);
        }
        self.style = Some(style);
        self.tops_stale = true;
    }

    fn refresh_tops(&mut self) {
        if !self.tops_stale {
            return;
        }
        let mut y = 0.0;
        for (top, height) in self.tops.iter_mut().zip(&self.heights) {
            *top = y;
            y += height;
        }
        if let Some(total) = self.tops.last_mut() {
            *total = y;
        }
        self.tops_stale = false;
    }

    /// Paragraphs whose vertical extent meets `[min_y, max_y]`.
    fn visible(&self, min_y: f32, max_y: f32) -> std::ops::Range<usize> {
        let n = self.paragraphs.len();
        let first = self.tops.partition_point(|&t| t <= min_y).saturating_sub(1);
        let last = self.tops.partition_point(|&t| t < max_y).min(n);
        first.min(last)..last
    }

    /// Spans that touch paragraph `index`, found by binary search on the sorted annotations.
    fn spans_of<'d>(&self, doc: &'d Document, index: usize) -> Vec<&'d Annotation> {
        let Some(p) = self.paragraphs.get(index) else {
            return Vec::new();
        };
        let annotations = doc.annotations();
        let from = annotations.partition_point(|a| a.start + self.longest_span < p.start_char);
        let to = annotations.partition_point(|a| a.start < p.end_char.max(p.start_char + 1));
        annotations
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .filter(|a| a.overlaps(p.start_char, p.end_char.max(p.start_char + 1)))
            .collect()
    }

    /// Lays out paragraph `index` unless its cached layout is still right.
    fn ensure_laid(&mut self, ui: &Ui, doc: &Document, index: usize) -> Option<Arc<Galley>> {
        let style = self.style?;
        let spans = self.spans_of(doc, index);
        let paragraph = *self.paragraphs.get(index)?;
        let mut hasher = DefaultHasher::new();
        for span in &spans {
            (span.start, span.end, &span.label).hash(&mut hasher);
            doc.label(&span.label).map(|l| &l.color).hash(&mut hasher);
        }
        let key = hasher.finish();
        if let Some(Some(laid)) = self.laid.get(index)
            && laid.key == key
        {
            return Some(laid.galley.clone());
        }
        let job = paragraph_job(doc, paragraph, &spans, style);
        let galley = ui.painter().layout_job(job);
        let height = paragraph_height(&galley, style);
        if let Some(h) = self.heights.get_mut(index)
            && (*h - height).abs() > 0.01
        {
            *h = height;
            self.tops_stale = true;
        }
        if let Some(slot) = self.laid.get_mut(index) {
            *slot = Some(Laid {
                key,
                galley: galley.clone(),
            });
        }
        Some(galley)
    }

    /// Draws the article and handles the pointer and keyboard in it. Changes to the document
    /// are pushed to `actions`; selection and scrolling change here.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        revision: u64,
        text_size: f32,
        actions: &mut Vec<Action>,
    ) {
        if self.seen_revision != Some(revision) {
            self.longest_span = doc
                .annotations()
                .iter()
                .map(|a| a.end - a.start)
                .max()
                .unwrap_or(0);
            self.seen_revision = Some(revision);
        }
        let available = ui.available_width();
        let wrap_width = (text_size * 36.0)
            .min(available - TAG_MARGIN - 32.0)
            .max(120.0);
        let style = Style {
            text_size,
            wrap_width,
            dark: ui.visuals().dark_mode,
            pixels_per_point: ui.pixels_per_point(),
        };
        if self.style != Some(style) {
            self.reset_layout(style);
        }
        self.refresh_tops();

        let column_width = TAG_MARGIN + wrap_width;
        let left_pad = ((available - column_width) / 2.0).max(8.0);
        let scroll_target = self.scroll_to.take();

        let scroll = egui::ScrollArea::vertical()
            .id_salt("article")
            .auto_shrink([false, false]);
        scroll.show_viewport(ui, |ui, viewport| {
            self.refresh_tops();
            let total = self.tops.last().copied().unwrap_or(0.0) + text_size * 4.0;
            let (content, response) = ui.allocate_exact_size(
                vec2(available.max(column_width), total),
                Sense::click_and_drag(),
            );
            let origin = content.min + vec2(left_pad + TAG_MARGIN, text_size * 2.0);
            self.last_origin = Some(origin);

            if let Some(target) = scroll_target {
                let index = self.paragraph_of(target);
                self.ensure_laid(ui, doc, index);
                self.refresh_tops();
                let top = self.tops.get(index).copied().unwrap_or(0.0);
                let height = self.heights.get(index).copied().unwrap_or(0.0);
                let rect =
                    Rect::from_min_size(origin + vec2(0.0, top), vec2(wrap_width, height.max(1.0)));
                ui.scroll_to_rect(rect, Some(Align::Center));
            }

            let min_y = viewport.min.y - (origin.y - content.min.y);
            let max_y = viewport.max.y - (origin.y - content.min.y);
            let range = self.visible(min_y, max_y);
            let mut drawn: Vec<(usize, Arc<Galley>)> = Vec::with_capacity(range.len());
            for index in range {
                if let Some(galley) = self.ensure_laid(ui, doc, index) {
                    drawn.push((index, galley));
                }
            }
            self.refresh_tops();

            self.paint(ui, doc, origin, &drawn);
            self.interact(ui, doc, origin, &response, &drawn, actions);
        });
        self.keyboard(ui, doc, actions);
    }

    fn paragraph_origin(&self, origin: Pos2, index: usize) -> Pos2 {
        origin + vec2(0.0, self.tops.get(index).copied().unwrap_or(0.0))
    }

    fn paint(&self, ui: &Ui, doc: &Document, origin: Pos2, drawn: &[(usize, Arc<Galley>)]) {
        let painter = ui.painter();
        let text_color = ui.visuals().text_color();
        let selection_color = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
        let match_color = Color32::from_rgba_unmultiplied(255, 200, 0, 90);
        let current_match_color = Color32::from_rgba_unmultiplied(255, 140, 0, 150);
        let selected = self.selected.and_then(|id| doc.annotation(id));
        // The ends of every link of the selected and the hovered annotation are outlined.
        let hovered = self.hovered.and_then(|id| doc.annotation(id));
        let linked: Vec<&Annotation> = doc
            .annotations()
            .iter()
            .filter(|a| {
                [selected, hovered].into_iter().flatten().any(|s| {
                    s.responds_to == Some(a.id) || a.responds_to == Some(s.id) || s.id == a.id
                })
            })
            .filter(|a| Some(a.id) != self.selected)
            .collect();

        for (index, galley) in drawn {
            let Some(paragraph) = self.paragraphs.get(*index) else {
                continue;
            };
            let at = self.paragraph_origin(origin, *index);
            painter.galley(at, galley.clone(), text_color);

            let overlay = |start: usize, end: usize| {
                let local_start = start.saturating_sub(paragraph.start_char);
                let local_end = end
                    .min(paragraph.end_char)
                    .saturating_sub(paragraph.start_char);
                if start < paragraph.end_char.max(paragraph.start_char + 1)
                    && end > paragraph.start_char
                {
                    range_rects(galley, at, local_start, local_end)
                } else {
                    Vec::new()
                }
            };

            for (n, &(start, end)) in self.matches.iter().enumerate() {
                if end <= paragraph.start_char || start >= paragraph.end_char {
                    continue;
                }
                let color = if self.current_match == Some(n) {
                    current_match_color
                } else {
                    match_color
                };
                for rect in overlay(start, end) {
                    painter.rect_filled(rect, 2.0, color);
                }
            }
            if let Some((start, end)) = self.selected_range() {
                for rect in overlay(start, end) {
                    painter.rect_filled(rect, 0.0, selection_color);
                }
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
                // Handles at the two ends, to drag them.
                if ann.start >= paragraph.start_char
                    && let Some(first) = rects.first()
                {
                    painter.rect_filled(handle_rect(first.left_top(), first.height()), 1.0, color);
                }
                if ann.end <= paragraph.end_char
                    && let Some(last) = rects.last()
                {
                    painter.rect_filled(handle_rect(last.right_top(), last.height()), 1.0, color);
                }
            }
            self.paint_review_marks(ui, paragraph, &overlay);
            self.paint_tags(ui, doc, at, *index, galley);
        }
    }

    /// Their spans as lines under the text (style by kind), my unmatched spans outlined.
    fn paint_review_marks(
        &self,
        ui: &Ui,
        paragraph: &Paragraph,
        overlay: &dyn Fn(usize, usize) -> Vec<Rect>,
    ) {
        if self.review_marks.is_empty() {
            return;
        }
        let painter = ui.painter();
        let longest = self
            .review_marks
            .iter()
            .map(|m| m.end - m.start)
            .max()
            .unwrap_or(0);
        let from = self
            .review_marks
            .partition_point(|m| m.start + longest < paragraph.start_char);
        let to = self
            .review_marks
            .partition_point(|m| m.start < paragraph.end_char.max(paragraph.start_char + 1));
        for mark in self.review_marks.get(from..to).unwrap_or_default() {
            for rect in overlay(mark.start, mark.end) {
                let y = rect.bottom() + 1.5;
                let line = [pos2(rect.left(), y), pos2(rect.right(), y)];
                match mark.kind {
                    MarkKind::Agrees => {
                        painter.line_segment(line, Stroke::new(1.0, mark.color));
                    }
                    MarkKind::OnlyTheirs => {
                        painter.line_segment(line, Stroke::new(3.0, mark.color));
                    }
                    MarkKind::LabelConflict => {
                        painter.extend(egui::Shape::dashed_line(
                            &line,
                            Stroke::new(3.0, mark.color),
                            6.0,
                            3.0,
                        ));
                    }
                    MarkKind::Boundary => {
                        painter.extend(egui::Shape::dashed_line(
                            &line,
                            Stroke::new(3.0, mark.color),
                            2.0,
                            2.0,
                        ));
                    }
                    MarkKind::OnlyMine => {
                        let corners = [
                            rect.left_top(),
                            rect.right_top(),
                            rect.right_bottom(),
                            rect.left_bottom(),
                            rect.left_top(),
                        ];
                        painter.extend(egui::Shape::dashed_line(
                            &corners,
                            Stroke::new(1.5, Color32::from_rgb(200, 40, 40)),
                            4.0,
                            3.0,
                        ));
                    }
                }
            }
        }
    }

    /// Label tags in the margin, one for each annotation that starts in the paragraph.
    fn paint_tags(&self, ui: &Ui, doc: &Document, at: Pos2, index: usize, galley: &Galley) {
        let Some(paragraph) = self.paragraphs.get(index) else {
            return;
        };
        let painter = ui.painter();
        let font = FontId::proportional(11.5);
        let mut right_edge_by_row: Vec<(f32, f32)> = Vec::new();
        for ann in self.spans_of(doc, index) {
            if ann.start < paragraph.start_char {
                continue;
            }
            let local = ann.start - paragraph.start_char;
            let row_rect = galley.pos_from_cursor(CCursor::new(local));
            let y = at.y + row_rect.min.y;
            let row = right_edge_by_row
                .iter()
                .position(|(row_y, _)| (*row_y - y).abs() < 1.0)
                .unwrap_or_else(|| {
                    right_edge_by_row.push((y, at.x - 10.0));
                    right_edge_by_row.len() - 1
                });
            let Some((_, right)) = right_edge_by_row.get_mut(row) else {
                continue;
            };
            let color = label_color(doc, &ann.label);
            let name = doc.label_name(ann);
            let speaker = doc.speaker_of(ann).map(|s| short_name(&s.name));
            let text = match speaker {
                Some(speaker) => format!("{name} · {speaker}"),
                None => name.to_owned(),
            };
            let tag = painter.layout_no_wrap(text, font.clone(), contrasting_text(color));
            let size = tag.size() + vec2(10.0, 4.0);
            let left = *right - size.x;
            if left < at.x - TAG_MARGIN + 4.0 {
                continue;
            }
            let rect =
                Rect::from_min_size(pos2(left, y + (row_rect.height() - size.y) / 2.0), size);
            let selected = self.selected == Some(ann.id);
            painter.rect_filled(
                rect,
                4.0,
                if selected {
                    color
                } else {
                    color.gamma_multiply(0.85)
                },
            );
            painter.galley(rect.min + vec2(5.0, 2.0), tag, Color32::WHITE);
            *right = left - 4.0;
        }
    }

    /// The code point under `pos`, from the paragraphs laid out this frame.
    fn char_at(&self, origin: Pos2, drawn: &[(usize, Arc<Galley>)], pos: Pos2) -> Option<usize> {
        let y = pos.y - origin.y;
        let (index, galley) = drawn.iter().min_by(|(a, _), (b, _)| {
            let distance = |i: usize| {
                let top = self.tops.get(i).copied().unwrap_or(0.0);
                let bottom = self.tops.get(i + 1).copied().unwrap_or(top);
                if y < top {
                    top - y
                } else if y > bottom {
                    y - bottom
                } else {
                    0.0
                }
            };
            distance(*a).total_cmp(&distance(*b))
        })?;
        let paragraph = self.paragraphs.get(*index)?;
        let local = pos - self.paragraph_origin(origin, *index);
        let cursor = galley.cursor_from_pos(local);
        Some(
            paragraph.start_char
                + cursor
                    .index
                    .0
                    .min(paragraph.end_char - paragraph.start_char),
        )
    }

    fn annotation_at(doc: &Document, char_offset: usize) -> Option<&Annotation> {
        doc.annotations_overlapping(char_offset, char_offset + 1)
            .min_by_key(|a| a.end - a.start)
    }

    fn grabbed_handle(
        &self,
        doc: &Document,
        origin: Pos2,
        drawn: &[(usize, Arc<Galley>)],
        pos: Pos2,
    ) -> Option<Drag> {
        let ann = doc.annotation(self.selected?)?;
        for (start, offset) in [(true, ann.start), (false, ann.end)] {
            let index = self.paragraph_of(if start {
                offset
            } else {
                offset.saturating_sub(1)
            });
            let (_, galley) = drawn.iter().find(|(i, _)| *i == index)?;
            let paragraph = self.paragraphs.get(index)?;
            let local = offset.saturating_sub(paragraph.start_char);
            let rect = galley
                .pos_from_cursor(CCursor::new(local))
                .translate(self.paragraph_origin(origin, index).to_vec2());
            if rect.expand(HANDLE_GRAB).contains(pos) {
                return Some(Drag::Resize { id: ann.id, start });
            }
        }
        None
    }

    fn interact(
        &mut self,
        ui: &Ui,
        doc: &Document,
        origin: Pos2,
        response: &egui::Response,
        drawn: &[(usize, Arc<Galley>)],
        actions: &mut Vec<Action>,
    ) {
        let shift = ui.input(|i| i.modifiers.shift);
        let under_pointer = response
            .hover_pos()
            .and_then(|pos| self.char_at(origin, drawn, pos))
            .and_then(|c| Self::annotation_at(doc, c))
            .map(|a| a.id);
        if under_pointer != self.hovered {
            self.hovered = under_pointer;
            ui.ctx().request_repaint();
        }
        if let Some(pos) = response.hover_pos() {
            if self.link_from.is_some() {
                ui.ctx().set_cursor_icon(if under_pointer.is_some() {
                    CursorIcon::PointingHand
                } else {
                    CursorIcon::NotAllowed
                });
            } else if self.grabbed_handle(doc, origin, drawn, pos).is_some() {
                ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
            } else {
                ui.ctx().set_cursor_icon(CursorIcon::Text);
            }
            if !response.dragged()
                && let Some(ann) = self
                    .char_at(origin, drawn, pos)
                    .and_then(|c| Self::annotation_at(doc, c))
            {
                let ann = ann.clone();
                response
                    .clone()
                    .on_hover_ui_at_pointer(|ui| annotation_tooltip_ui(ui, doc, &ann));
            }
        }

        if response.drag_started()
            && let Some(pos) = ui
                .input(|i| i.pointer.press_origin())
                .or(response.interact_pointer_pos())
        {
            if let Some(drag) = self.grabbed_handle(doc, origin, drawn, pos) {
                self.resize_group += 1;
                self.drag = Some(drag);
            } else if let Some(c) = self.char_at(origin, drawn, pos) {
                let anchor = match (shift, self.selection) {
                    (true, Some((anchor, _))) => anchor,
                    _ => c,
                };
                self.selection = Some((anchor, c));
                self.drag = Some(Drag::Select);
            }
        }
        if response.dragged()
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(c) = self.char_at(origin, drawn, pos)
        {
            match self.drag {
                Some(Drag::Select) => {
                    if let Some((anchor, _)) = self.selection {
                        self.selection = Some((anchor, c));
                    }
                }
                Some(Drag::Resize { id, start }) => {
                    if let Some(ann) = doc.annotation(id) {
                        let (new_start, new_end) =
                            if start { (c, ann.end) } else { (ann.start, c) };
                        if new_start < new_end && (new_start, new_end) != (ann.start, ann.end) {
                            actions.push(Action::EditGrouped(
                                Edit::Resize {
                                    id,
                                    start: new_start,
                                    end: new_end,
                                },
                                self.resize_group,
                            ));
                        }
                    }
                }
                None => {}
            }
            // Keep the pointer's line in view while dragging past the edge.
            ui.scroll_to_rect(Rect::from_center_size(pos, Vec2::splat(1.0)), None);
        }
        if response.drag_stopped() {
            self.finish_drag(doc, actions);
        }

        self.clicks(doc, origin, response, drawn, shift, actions);
    }

    /// Clicks and double-clicks: select a word, place the caret, select or link a highlight.
    fn clicks(
        &mut self,
        doc: &Document,
        origin: Pos2,
        response: &egui::Response,
        drawn: &[(usize, Arc<Galley>)],
        shift: bool,
        actions: &mut Vec<Action>,
    ) {
        if response.double_clicked()
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(c) = self.char_at(origin, drawn, pos)
        {
            if let Some((start, end)) = doc.article.word_at(c) {
                self.selection = Some((start, end));
            }
        } else if response.clicked()
            && let Some(from) = self.link_from.take()
        {
            // Link mode: the clicked highlight is what `from` responds to.
            let target = response
                .interact_pointer_pos()
                .and_then(|pos| self.char_at(origin, drawn, pos))
                .and_then(|c| Self::annotation_at(doc, c));
            if let Some(target) = target {
                actions.push(Action::Edit(Edit::Link {
                    id: from,
                    responds_to: Some(target.id),
                }));
            }
        } else if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(c) = self.char_at(origin, drawn, pos)
        {
            if let (true, Some((anchor, _))) = (shift, self.selection) {
                self.selection = Some((anchor, c));
            } else {
                self.selection = Some((c, c));
                // Clicking plain text keeps the selected annotation, so that text selected
                // next can become its speaker or its new span; Esc clears it.
                if let Some(ann) = Self::annotation_at(doc, c) {
                    self.selected = Some(ann.id);
                }
            }
        }
    }

    /// Ends a drag: a resize closes its undo step, a text selection widens to whole words.
    fn finish_drag(&mut self, doc: &Document, actions: &mut Vec<Action>) {
        match self.drag {
            Some(Drag::Resize { .. }) => actions.push(Action::EndGroup),
            Some(Drag::Select) => {
                // A dragged selection takes whole words, keeping its direction.
                if let Some((anchor, head)) = self.selection {
                    let (start, end) = doc.article.expand_to_words(anchor, head);
                    self.selection = Some(if anchor <= head {
                        (start, end)
                    } else {
                        (end, start)
                    });
                }
            }
            None => {}
        }
        self.drag = None;
    }

    fn keyboard(&mut self, ui: &Ui, doc: &Document, actions: &mut Vec<Action>) {
        if ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        let len = doc.article.len_chars();
        let events = ui.input(|i| i.events.clone());
        for event in events {
            let egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } = event
            else {
                continue;
            };
            let head = self.caret();
            let moved = match key {
                egui::Key::ArrowLeft => head.map(|h| h.saturating_sub(1)),
                egui::Key::ArrowRight => head.map(|h| (h + 1).min(len)),
                egui::Key::Escape => {
                    if self.link_from.take().is_none() {
                        self.selection = None;
                        self.selected = None;
                    }
                    None
                }
                _ => None,
            };
            if let Some(new_head) = moved {
                let anchor = match self.selection {
                    Some((anchor, _)) if modifiers.shift => anchor,
                    _ => new_head,
                };
                self.selection = Some((anchor, new_head));
                continue;
            }
            if modifiers.any() && !modifiers.shift_only() {
                continue;
            }
            let name = key.name();
            if let Some(label) = doc
                .labels()
                .iter()
                .find(|l| !l.key.is_empty() && l.key.eq_ignore_ascii_case(name))
            {
                actions.push(Action::ApplyLabel(label.id.clone()));
            }
        }
    }
}

/// The `LayoutJob` for one paragraph: its text with each span's background in its label colour.
/// Where spans overlap, the innermost colours the background and the outer one underlines.
fn paragraph_job(
    doc: &Document,
    paragraph: Paragraph,
    spans: &[&Annotation],
    style: Style,
) -> LayoutJob {
    let text = doc
        .article
        .slice_chars(paragraph.start_char, paragraph.end_char)
        .unwrap_or_default();
    let font = FontId::proportional(style.text_size);
    let text_color = if style.dark {
        Color32::from_gray(225)
    } else {
        Color32::from_gray(30)
    };
    let base = TextFormat {
        font_id: font,
        color: text_color,
        line_height: Some(style.text_size * 1.5),
        ..TextFormat::default()
    };
    let mut job = LayoutJob::default();
    job.wrap.max_width = style.wrap_width;
    let mut cuts: Vec<usize> = vec![paragraph.start_char, paragraph.end_char];
    for span in spans {
        cuts.push(span.start.clamp(paragraph.start_char, paragraph.end_char));
        cuts.push(span.end.clamp(paragraph.start_char, paragraph.end_char));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let alpha = if style.dark { 0.45 } else { 0.30 };
    // Byte offset in `text` of each cut, found in one pass over the characters.
    let mut byte_offsets = Vec::with_capacity(cuts.len());
    let mut positions = text
        .char_indices()
        .map(|(byte, _)| byte)
        .chain(std::iter::once(text.len()))
        .enumerate();
    for &cut in &cuts {
        let local = cut - paragraph.start_char;
        let byte = positions
            .by_ref()
            .find(|&(n, _)| n == local)
            .map_or(text.len(), |(_, byte)| byte);
        byte_offsets.push(byte);
    }
    for (pair, bytes) in cuts.windows(2).zip(byte_offsets.windows(2)) {
        let (&[from, to], &[from_byte, to_byte]) = (pair, bytes) else {
            continue;
        };
        let piece = text.get(from_byte..to_byte).unwrap_or_default();
        let mut covering: Vec<&&Annotation> = spans
            .iter()
            .filter(|a| a.start <= from && a.end >= to)
            .collect();
        covering.sort_by_key(|a| std::cmp::Reverse(a.end - a.start));
        let mut format = base.clone();
        if let Some(inner) = covering.last() {
            format.background = label_color(doc, &inner.label).gamma_multiply(alpha);
        }
        if covering.len() >= 2
            && let Some(outer) = covering.first()
        {
            format.underline = Stroke::new(2.5, label_color(doc, &outer.label));
        }
        job.append(piece, 0.0, format);
    }
    if text.is_empty() {
        job.append("", 0.0, base);
    }
    job
}

fn estimate_height(paragraph: &Paragraph, style: Style) -> f32 {
    let chars = (paragraph.end_char - paragraph.start_char) as f32;
    let per_row = (style.wrap_width / (style.text_size * 0.48)).max(1.0);
    let rows = (chars / per_row).ceil().max(1.0);
    rows * style.text_size * 1.5 + gap(paragraph.start_char == paragraph.end_char, style)
}

fn gap(empty: bool, style: Style) -> f32 {
    if empty { 0.0 } else { style.text_size * 0.25 }
}

fn paragraph_height(galley: &Galley, style: Style) -> f32 {
    let empty = galley.job.text.is_empty();
    if empty {
        style.text_size * 0.6
    } else {
        galley.size().y + gap(false, style)
    }
}

/// Rectangles covering local code points `[start, end)` of a galley placed at `at`, one per row.
fn range_rects(galley: &Galley, at: Pos2, start: usize, end: usize) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut row_start = 0usize;
    for placed in &galley.rows {
        let count = placed.char_count_excluding_newline().0;
        let row_end = row_start + count;
        let from = start.max(row_start);
        let to = end.min(row_end);
        if from < to {
            let x0 = placed.pos.x + placed.x_offset(CharIndex(from - row_start));
            let x1 = placed.pos.x + placed.x_offset(CharIndex(to - row_start));
            rects.push(Rect::from_min_max(
                at + vec2(x0, placed.pos.y),
                at + vec2(x1, placed.pos.y + placed.size.y),
            ));
        }
        row_start = row_end + usize::from(placed.ends_with_newline);
    }
    rects
}

fn handle_rect(top: Pos2, height: f32) -> Rect {
    Rect::from_center_size(top + vec2(0.0, height / 2.0), vec2(3.0, height + 4.0))
}

/// The colour of a label, grey when the label is unknown or its colour malformed.
pub fn label_color(doc: &Document, label: &str) -> Color32 {
    doc.label(label)
        .and_then(crate::core::Label::rgb)
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
            super::short_quote(&target.exact, 60)
        ));
    }
    if !ann.note.is_empty() {
        ui.label(egui::RichText::new(&ann.note).italics());
    }
}

/// A speaker's name short enough for a margin tag: the whole name when short, else its last
/// word ("Richard Blumenthal" → "Blumenthal").
fn short_name(name: &str) -> String {
    if name.chars().count() <= 14 {
        name.to_owned()
    } else {
        name.split_whitespace().last().unwrap_or(name).to_owned()
    }
}
