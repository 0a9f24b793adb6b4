//! The article pane: the headline and the text in a comfortable column, highlights in label
//! colours, label tags in the margin, and the mouse and keyboard selection that new
//! annotations are made from. It keeps only what drawing needs (layouts, the drag under
//! way); the selection, the find matches and the review are the workspace's, read each frame,
//! and every change goes back as an [`Action`].
//!
//! Only what is on screen is laid out, one paragraph (line of the text) at a time; each
//! paragraph's layout is cached and rebuilt only when its spans, the column width, the text
//! size, the zoom or the theme change.
//!
//! Offsets are code points; a layout's cursor counts glyphs, and one character can shape to
//! several glyphs (or several characters to one). Every layout carries a [`GlyphMap`] between
//! the two, made from the glyphs it holds, so a click, a highlight or a tag always lands on
//! the characters it means.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash as _, Hasher as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{
    Align, Color32, CursorIcon, FontId, Galley, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, Vec2,
    pos2, vec2,
};

use crate::core::{Annotation, AnnotationId, Document, Edit};

use super::bidi::{Arranged, Stop};
use super::caret::{self, Step};
use super::glyph_map::GlyphMap;
use super::line_break;
use crate::workspace::review::{MarkKind, ReviewMark};
use crate::workspace::{Action, Selection, SuggestionAction, Suggestions};

/// Width of the margin that holds label tags, in points.
const TAG_MARGIN: f32 = 150.0;
/// Distance within which a press grabs an end of the selected annotation, in points.
const HANDLE_GRAB: f32 = 6.0;
/// Size of the tags in the margin, in points.
const TAG_TEXT_SIZE: f32 = 12.0;

/// A tag in the margin: an annotation's label and speaker, or a suggested quotation's speaker.
struct Tag {
    /// Where its span starts.
    start: usize,
    text: String,
    color: Color32,
    /// A suggestion: outlined, not filled.
    suggested: bool,
    /// Selected, or in focus.
    strong: bool,
}

/// One line of the text, laid out on its own.
#[derive(Clone, Copy, Debug)]
struct Paragraph {
    start_char: usize,
    end_char: usize,
}

struct Laid {
    key: u64,
    /// The paragraph's text as laid out, with its right-to-left brackets mirrored; `None` when
    /// that is the text itself. The text never changes, so neither does this.
    mirrored: Option<Arc<str>>,
    /// egui's galley of the paragraph, before its rows were put in visual order.
    source: Arc<Galley>,
    galley: Arc<Galley>,
    map: GlyphMap,
    /// The paragraph runs right to left (its rows are aligned on the right).
    right_to_left: bool,
    /// Where the caret stands as ← and → move it, when anything in the paragraph runs right
    /// to left; empty when the caret moves in the text's order.
    stops: Vec<Stop>,
    highlights: Vec<Highlight>,
}

/// What a drag in the article is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Drag {
    /// Selecting text from `anchor` to `head`.
    Select { anchor: usize, head: usize },
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

/// What the article pane draws, read from the workspace each frame.
pub struct ArticleInput<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its revision, to know when spans changed.
    pub revision: u64,
    /// The selection.
    pub selection: &'a Selection,
    /// Find matches to highlight.
    pub matches: &'a [(usize, usize)],
    /// Index into `matches` of the current match.
    pub current_match: Option<usize>,
    /// In review mode, their spans and my unmatched ones, sorted by start.
    pub marks: &'a [ReviewMark],
    /// In review mode, their document (the colours of their labels).
    pub theirs: Option<&'a Document>,
    /// The article's text size, in points.
    pub text_size: f32,
    /// Suggested quotations, when shown.
    pub suggestions: Option<&'a Suggestions>,
}

/// The article pane's own state: layout caches, the drag under way and the scroll target.
pub struct ArticleView {
    /// Distinguishes this view's scroll position from another document's.
    id: u64,
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
    /// Code point to bring into view on the next frame, and where in the view.
    /// `None` for the least scrolling that shows it (the caret moved by the keyboard).
    scroll_to: Option<(usize, Option<Align>)>,
    /// The first code point in view last frame: the reading position kept across a zoom.
    top_char: usize,
    /// Whether the view was scrolled to the very top (the headline) last frame.
    at_top: bool,
    /// The annotation under the pointer last frame.
    hovered: Option<AnnotationId>,
    drag: Option<Drag>,
    resize_group: u64,
    /// Where the text column sat on screen last frame; for tests and for placing the pointer.
    last_origin: Option<Pos2>,
    /// The article has right-to-left paragraphs, whose tags go in a margin on the right.
    right_margin: bool,
    /// Which of its paragraph's stops the caret stands at, after the arrows moved it: where a
    /// boundary stands in two places, the one it reached.
    caret_stop: Option<(usize, usize)>,
}

/// A number no other view has, so each document keeps its own scroll position.
fn new_view_id() -> u64 {
    static LAST: AtomicU64 = AtomicU64::new(0);
    LAST.fetch_add(1, Ordering::Relaxed)
}

impl ArticleView {
    /// A view of `doc`'s article, scrolled to its top.
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
            id: new_view_id(),
            paragraphs,
            laid: (0..n).map(|_| None).collect(),
            heights: vec![0.0; n],
            tops: vec![0.0; n + 1],
            tops_stale: true,
            style: None,
            longest_span: 0,
            seen_revision: None,
            scroll_to: None,
            top_char: 0,
            at_top: true,
            hovered: None,
            drag: None,
            resize_group: 0,
            last_origin: None,
            caret_stop: None,
            right_margin: doc
                .article
                .text()
                .split('\n')
                .any(super::bidi::is_right_to_left),
        }
    }

    /// Brings code point `c` into view on the next frame.
    pub fn scroll_to(&mut self, c: usize) {
        self.scroll_to = Some((c, Some(Align::Center)));
    }

    /// The screen rectangle of the code point at `char_offset`, as laid out in the last frame;
    /// `None` when that paragraph was not on screen.
    pub fn char_rect(&self, char_offset: usize) -> Option<Rect> {
        let origin = self.last_origin?;
        let index = self.paragraph_of(char_offset);
        let paragraph = self.paragraphs.get(index)?;
        let laid = self.laid.get(index)?.as_ref()?;
        let top = *self.tops.get(index)?;
        let local = char_offset.checked_sub(paragraph.start_char)?;
        laid.map
            .char_box(&laid.galley, origin + vec2(0.0, top), local)
    }

    /// The screen rectangle of the caret standing at code point boundary `c` (a line as tall
    /// as its row), as laid out in the last frame; `None` when that paragraph was not on
    /// screen.
    pub fn caret_at(&self, c: usize) -> Option<Rect> {
        let index = self.paragraph_of(c);
        let at = self.paragraph_origin(self.last_origin?, index);
        self.caret_rect(index, at, c)
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
    fn ensure_laid(&mut self, ui: &Ui, doc: &Document, index: usize) -> Option<()> {
        let style = self.style?;
        let spans = self.spans_of(doc, index);
        let paragraph = *self.paragraphs.get(index)?;
        let mut hasher = DefaultHasher::new();
        for span in &spans {
            (span.start, span.end, &span.label).hash(&mut hasher);
            doc.label(&span.label).map(|l| &l.color).hash(&mut hasher);
        }
        let key = hasher.finish();
        let text = doc
            .article
            .slice_chars(paragraph.start_char, paragraph.end_char)
            .unwrap_or_default();
        // egui's galley of the paragraph, from its cache while the paragraph stays in view; a
        // new one once the font atlas was rebuilt (the glyphs of the old point into the old
        // atlas), and then this paragraph's arrangement is made again too.
        let mirrored = match self.laid(index) {
            Some(laid) => laid.mirrored.clone(),
            None => super::bidi::mirrored(text).map(Arc::from),
        };
        let shown = mirrored.as_deref().unwrap_or(text);
        let source = source_galley(ui.painter(), shown, style);
        if let Some(Some(laid)) = self.laid.get(index)
            && laid.key == key
            && Arc::ptr_eq(&laid.source, &source)
        {
            return Some(());
        }
        let (
            map,
            Arranged {
                galley,
                right_to_left,
                stops,
            },
        ) = arrange(ui.painter(), &source, text, shown, style);
        let highlights = highlights(doc, paragraph, &spans, style, &galley, &map);
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
                mirrored,
                source,
                galley,
                map,
                right_to_left,
                stops,
                highlights,
            });
        }
        Some(())
    }

    fn laid(&self, index: usize) -> Option<&Laid> {
        self.laid.get(index)?.as_ref()
    }

    /// Draws the article and handles the pointer and keyboard in it; what the user does is
    /// pushed to `actions`.
    pub fn ui(&mut self, ui: &mut Ui, input: &ArticleInput<'_>, actions: &mut Vec<Action>) {
        let doc = input.doc;
        let text_size = input.text_size;
        if self.seen_revision != Some(input.revision) {
            self.longest_span = doc
                .annotations()
                .iter()
                .map(|a| a.end - a.start)
                .max()
                .unwrap_or(0);
            self.seen_revision = Some(input.revision);
        }
        let available = ui.available_width();
        let margins = if self.right_margin { 2.0 } else { 1.0 } * TAG_MARGIN;
        let wrap_width = (text_size * 36.0)
            .min(available - margins - 32.0)
            .max(120.0);
        let style = Style {
            text_size,
            wrap_width,
            dark: ui.visuals().dark_mode,
            pixels_per_point: ui.pixels_per_point(),
        };
        if self.style != Some(style) {
            // After a zoom or a resize the text flows anew: keep the selected annotation in
            // view, else the reading position.
            if self.style.is_some() && self.scroll_to.is_none() {
                let selected = input
                    .selection
                    .annotation
                    .and_then(|id| doc.annotation(id))
                    .map(|a| a.start)
                    .filter(|&start| start >= self.top_char);
                self.scroll_to = match (selected, self.at_top) {
                    (Some(start), _) => Some((start, Some(Align::Center))),
                    // At the top the headline stays in view.
                    (None, true) => None,
                    (None, false) => Some((self.top_char, Some(Align::Min))),
                };
            }
            self.reset_layout(style);
        }
        self.refresh_tops();

        let column_width = margins + wrap_width;
        let left_pad = ((available - column_width) / 2.0).max(8.0);
        let scroll_target = self.scroll_to.take();
        let headline = headline_galley(ui, doc, wrap_width, text_size);
        let headline_height = headline.as_ref().map_or(0.0, |g| g.size().y + text_size);

        let scroll = egui::ScrollArea::vertical()
            .id_salt(("article", self.id))
            .auto_shrink([false, false]);
        scroll.show_viewport(ui, |ui, viewport| {
            self.refresh_tops();
            let total =
                self.tops.last().copied().unwrap_or(0.0) + headline_height + text_size * 4.0;
            let (content, response) = ui.allocate_exact_size(
                vec2(available.max(column_width), total),
                Sense::click_and_drag(),
            );
            let top_pad = text_size * 2.0;
            if let Some(headline) = headline {
                ui.painter().galley(
                    content.min + vec2(left_pad + TAG_MARGIN, top_pad),
                    headline,
                    ui.visuals().strong_text_color(),
                );
            }
            let origin = content.min + vec2(left_pad + TAG_MARGIN, top_pad + headline_height);
            self.last_origin = Some(origin);

            if let Some((target, align)) = scroll_target {
                let index = self.paragraph_of(target);
                self.ensure_laid(ui, doc, index);
                self.refresh_tops();
                let top = self.tops.get(index).copied().unwrap_or(0.0);
                let height = self.heights.get(index).copied().unwrap_or(0.0);
                let paragraph =
                    Rect::from_min_size(origin + vec2(0.0, top), vec2(wrap_width, height.max(1.0)));
                let rect = match align {
                    Some(_) => paragraph,
                    // The caret's row, with a row's room around it.
                    None => self
                        .caret_rect(index, paragraph.min, target)
                        .map_or(paragraph, |caret| caret.expand2(vec2(0.0, caret.height()))),
                };
                ui.scroll_to_rect(rect, align);
            }

            let min_y = viewport.min.y - (origin.y - content.min.y);
            let max_y = viewport.max.y - (origin.y - content.min.y);
            let range = self.lay_out_in_view(ui, doc, min_y, max_y);
            if let Some(first) = self.paragraphs.get(range.start) {
                self.top_char = first.start_char;
            }
            self.at_top = viewport.min.y <= 1.0;
            let drawn: Vec<usize> = range.filter(|&index| self.laid(index).is_some()).collect();

            self.paint(ui, input, origin, &drawn);
            self.interact(ui, input, origin, &response, &drawn, actions);
        });
        self.keyboard(ui, input, actions);
    }

    /// Lays out the paragraphs between `min_y` and `max_y` and gives their indices. Where
    /// they turn out shorter than estimated, more come into view: those are laid out too, so
    /// none is missing from the frame.
    fn lay_out_in_view(
        &mut self,
        ui: &Ui,
        doc: &Document,
        min_y: f32,
        max_y: f32,
    ) -> std::ops::Range<usize> {
        let mut range = self.visible(min_y, max_y);
        for _ in 0..8 {
            for index in range.clone() {
                self.ensure_laid(ui, doc, index);
            }
            self.refresh_tops();
            let now = self.visible(min_y, max_y);
            if now == range {
                break;
            }
            range = now;
        }
        range
    }

    fn paragraph_origin(&self, origin: Pos2, index: usize) -> Pos2 {
        origin + vec2(0.0, self.tops.get(index).copied().unwrap_or(0.0))
    }

    /// Rectangles covering code points `[start, end)` within paragraph `index`, placed at
    /// `at`; nothing when the range misses the paragraph.
    fn range_rects(&self, index: usize, at: Pos2, start: usize, end: usize) -> Vec<Rect> {
        let (Some(paragraph), Some(laid)) = (self.paragraphs.get(index), self.laid(index)) else {
            return Vec::new();
        };
        if start >= paragraph.end_char.max(paragraph.start_char + 1) || end <= paragraph.start_char
        {
            return Vec::new();
        }
        let local_start = start.saturating_sub(paragraph.start_char);
        let local_end = end
            .min(paragraph.end_char)
            .saturating_sub(paragraph.start_char);
        laid.map.rects(&laid.galley, at, local_start, local_end)
    }

    /// Where the handle of a span's end is, as a line of no width: `c` is the span's first code
    /// point (`start`) or its last, in paragraph `index` placed at `at`. The start is on the
    /// side its character's run begins (the left, or the right in a right-to-left run), the end
    /// on the side the last character's run ends.
    fn handle_edge(&self, index: usize, at: Pos2, c: usize, start: bool) -> Option<Rect> {
        let paragraph = self.paragraphs.get(index)?;
        let laid = self.laid(index)?;
        let local = c.checked_sub(paragraph.start_char)?;
        let cell = laid.map.char_box(&laid.galley, at, local)?;
        let x = if start == laid.map.is_right_to_left(local) {
            cell.right()
        } else {
            cell.left()
        };
        Some(Rect::from_x_y_ranges(x..=x, cell.y_range()))
    }

    /// Where the caret is drawn, and the arrows move it from: the head of the text selection
    /// (or of the drag selecting it).
    fn caret_head(&self, selection: &Selection) -> Option<usize> {
        match self.drag {
            Some(Drag::Select { head, .. }) => Some(head),
            Some(Drag::Resize { .. }) => None,
            None => selection.text.map(|(_, head)| head),
        }
    }

    /// The text selection to draw: the drag under way, else the workspace's.
    fn shown_selection(&self, selection: &Selection) -> Option<(usize, usize)> {
        match self.drag {
            Some(Drag::Select { anchor, head }) if anchor != head => {
                Some((anchor.min(head), anchor.max(head)))
            }
            Some(Drag::Select { .. }) => None,
            _ => selection.range(),
        }
    }

    fn paint(&self, ui: &Ui, input: &ArticleInput<'_>, origin: Pos2, drawn: &[usize]) {
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
        let linked: Vec<&Annotation> = doc
            .annotations()
            .iter()
            .filter(|a| {
                [selected, hovered].into_iter().flatten().any(|s| {
                    s.responds_to == Some(a.id) || a.responds_to == Some(s.id) || s.id == a.id
                })
            })
            .filter(|a| Some(a.id) != selected_id)
            .collect();
        let text_selection = self.shown_selection(input.selection);
        let caret = self.caret_head(input.selection);
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
    fn paint_suggestions(
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
    fn paint_review_marks(
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

    /// The tags of paragraph `index`: a label tag for each annotation that starts in it, and
    /// an outlined one with the speaker of each suggested quotation.
    fn tags(&self, input: &ArticleInput<'_>, index: usize, paragraph: &Paragraph) -> Vec<Tag> {
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
    fn paint_tags(&self, ui: &Ui, input: &ArticleInput<'_>, at: Pos2, index: usize) {
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

    /// The code point boundary under `pos`, from the paragraphs laid out this frame.
    fn char_at(&self, origin: Pos2, drawn: &[usize], pos: Pos2) -> Option<usize> {
        self.locate(origin, drawn, pos, GlyphMap::hit)
    }

    /// The code point drawn under `pos`, from the paragraphs laid out this frame.
    fn char_under(&self, origin: Pos2, drawn: &[usize], pos: Pos2) -> Option<usize> {
        self.locate(origin, drawn, pos, GlyphMap::char_under)
    }

    /// The code point `find` gives for `pos` in the nearest paragraph laid out this frame.
    fn locate(
        &self,
        origin: Pos2,
        drawn: &[usize],
        pos: Pos2,
        find: fn(&GlyphMap, &Galley, Vec2) -> usize,
    ) -> Option<usize> {
        let y = pos.y - origin.y;
        let index = *drawn.iter().min_by(|a, b| {
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
            distance(**a).total_cmp(&distance(**b))
        })?;
        let paragraph = self.paragraphs.get(index)?;
        let laid = self.laid(index)?;
        let local = pos - self.paragraph_origin(origin, index);
        let found = find(&laid.map, &laid.galley, local);
        Some(paragraph.start_char + found.min(paragraph.end_char - paragraph.start_char))
    }

    fn annotation_at(doc: &Document, char_offset: usize) -> Option<&Annotation> {
        doc.annotations_overlapping(char_offset, char_offset + 1)
            .min_by_key(|a| a.end - a.start)
    }

    fn grabbed_handle(
        &self,
        input: &ArticleInput<'_>,
        origin: Pos2,
        drawn: &[usize],
        pos: Pos2,
    ) -> Option<Drag> {
        let ann = input.doc.annotation(input.selection.annotation?)?;
        // The handles sit where they are painted, at the span's two logical ends.
        for (start, offset) in [(true, ann.start), (false, ann.end.saturating_sub(1))] {
            let index = self.paragraph_of(offset);
            if !drawn.contains(&index) {
                continue;
            }
            let at = self.paragraph_origin(origin, index);
            let edge = self.handle_edge(index, at, offset, start);
            if edge.is_some_and(|edge| edge.expand(HANDLE_GRAB).contains(pos)) {
                return Some(Drag::Resize { id: ann.id, start });
            }
        }
        None
    }

    fn interact(
        &mut self,
        ui: &Ui,
        input: &ArticleInput<'_>,
        origin: Pos2,
        response: &egui::Response,
        drawn: &[usize],
        actions: &mut Vec<Action>,
    ) {
        let doc = input.doc;
        let shift = ui.input(|i| i.modifiers.shift);
        let under_pointer = response
            .hover_pos()
            .and_then(|pos| self.char_under(origin, drawn, pos))
            .and_then(|c| Self::annotation_at(doc, c))
            .map(|a| a.id);
        if under_pointer != self.hovered {
            self.hovered = under_pointer;
            ui.ctx().request_repaint();
        }
        if let Some(pos) = response.hover_pos() {
            if input.selection.link_from.is_some() {
                ui.ctx().set_cursor_icon(if under_pointer.is_some() {
                    CursorIcon::PointingHand
                } else {
                    CursorIcon::NotAllowed
                });
            } else if self.grabbed_handle(input, origin, drawn, pos).is_some() {
                ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
            } else {
                ui.ctx().set_cursor_icon(CursorIcon::Text);
            }
            if !response.dragged()
                && let Some(ann) = under_pointer.and_then(|id| doc.annotation(id))
            {
                let ann = ann.clone();
                response
                    .clone()
                    .on_hover_ui_at_pointer(|ui| annotation_tooltip_ui(ui, doc, &ann));
            }
        }

        // Pressing in the article takes the keyboard from any field (the find bar, a note),
        // so the keys pressed next label and move the selection.
        if ui.input(|i| i.pointer.any_pressed()) && response.contains_pointer() {
            ui.memory_mut(|m| {
                if let Some(focused) = m.focused() {
                    m.surrender_focus(focused);
                }
            });
        }
        if response.drag_started()
            && let Some(pos) = ui
                .input(|i| i.pointer.press_origin())
                .or(response.interact_pointer_pos())
        {
            if let Some(drag) = self.grabbed_handle(input, origin, drawn, pos) {
                self.resize_group += 1;
                self.drag = Some(drag);
            } else if let Some(c) = self.char_at(origin, drawn, pos) {
                let anchor = match (shift, input.selection.text) {
                    (true, Some((anchor, _))) => anchor,
                    _ => c,
                };
                self.drag = Some(Drag::Select { anchor, head: c });
            }
        }
        if response.dragged()
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(c) = self.char_at(origin, drawn, pos)
        {
            match &mut self.drag {
                Some(Drag::Select { head, .. }) => *head = c,
                Some(Drag::Resize { id, start }) => {
                    if let Some(ann) = doc.annotation(*id) {
                        let (new_start, new_end) =
                            if *start { (c, ann.end) } else { (ann.start, c) };
                        if new_start < new_end && (new_start, new_end) != (ann.start, ann.end) {
                            actions.push(Action::EditGrouped(
                                Edit::Resize {
                                    id: *id,
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

        self.clicks(input, origin, response, drawn, shift, actions);
    }

    /// Clicks and double-clicks: select a word, place the caret, select or link a highlight.
    fn clicks(
        &self,
        input: &ArticleInput<'_>,
        origin: Pos2,
        response: &egui::Response,
        drawn: &[usize],
        shift: bool,
        actions: &mut Vec<Action>,
    ) {
        let doc = input.doc;
        let pointer = response.interact_pointer_pos();
        // The character under the pointer (a word, a highlight) and the boundary nearest it
        // (where the caret goes).
        let clicked_char = || pointer.and_then(|pos| self.char_under(origin, drawn, pos));
        let clicked_caret = || pointer.and_then(|pos| self.char_at(origin, drawn, pos));
        if response.double_clicked()
            && let Some(c) = clicked_char()
        {
            if let Some((start, end)) = doc.article.word_at(c) {
                actions.push(Action::SelectText(Some((start, end))));
            }
        } else if response.clicked() && input.selection.link_from.is_some() {
            // Link mode: the clicked highlight is what the selected annotation responds to.
            match clicked_char().and_then(|c| Self::annotation_at(doc, c)) {
                Some(target) => actions.push(Action::LinkTo(target.id)),
                None => actions.push(Action::CancelLink),
            }
        } else if response.clicked()
            && let (Some(c), Some(caret)) = (clicked_char(), clicked_caret())
        {
            if let (true, Some((anchor, _))) = (shift, input.selection.text) {
                actions.push(Action::SelectText(Some((anchor, caret))));
            } else {
                actions.push(Action::SelectText(Some((caret, caret))));
                // Clicking plain text keeps the selected annotation, so that text selected
                // next can become its speaker or its new span; Esc clears it.
                if let Some(ann) = Self::annotation_at(doc, c) {
                    actions.push(Action::Select(Some(ann.id)));
                } else if let Some(suggestion) = input
                    .suggestions
                    .and_then(|s| s.pending_in(c, c + 1).next())
                {
                    actions.push(Action::Suggestion(SuggestionAction::Focus {
                        start: suggestion.start,
                        end: suggestion.end,
                    }));
                }
            }
        }
    }

    /// Ends a drag: a resize closes its undo step, a text selection widens to whole words.
    fn finish_drag(&mut self, doc: &Document, actions: &mut Vec<Action>) {
        match self.drag.take() {
            Some(Drag::Resize { .. }) => actions.push(Action::EndGroup),
            Some(Drag::Select { anchor, head }) => {
                // A dragged selection takes whole words, keeping its direction.
                let (start, end) = doc.article.expand_to_words(anchor, head);
                actions.push(Action::SelectText(Some(if anchor <= head {
                    (start, end)
                } else {
                    (end, start)
                })));
            }
            None => {}
        }
    }

    fn keyboard(&mut self, ui: &Ui, input: &ArticleInput<'_>, actions: &mut Vec<Action>) {
        if ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        let doc = input.doc;
        let mut selection = input.selection.text;
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
            let head = selection.map(|(_, head)| head);
            let moved = match key {
                egui::Key::ArrowLeft | egui::Key::ArrowRight => {
                    head.map(|h| self.step(doc, h, key == egui::Key::ArrowRight))
                }
                egui::Key::Escape => {
                    actions.push(Action::ClearSelection);
                    None
                }
                _ => None,
            };
            if let Some(new_head) = moved {
                let anchor = match selection {
                    Some((anchor, _)) if modifiers.shift => anchor,
                    _ => new_head,
                };
                selection = Some((anchor, new_head));
                actions.push(Action::SelectText(selection));
                self.scroll_to = Some((new_head, None));
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
                actions.push(Action::Label(label.id.clone()));
            }
        }
    }

    /// Where one press of → (`rightward`) or ← takes the caret at `head`: through a laid-out
    /// paragraph's stops when anything in it runs right to left, else cluster by cluster in
    /// its direction, and off its end to the next or previous paragraph.
    fn step(&mut self, doc: &Document, head: usize, rightward: bool) -> usize {
        let index = self.paragraph_of(head);
        let Some(paragraph) = self.paragraphs.get(index).copied() else {
            return head;
        };
        let local = head.saturating_sub(paragraph.start_char);
        let remembered = self
            .caret_stop
            .filter(|&(p, _)| p == index)
            .map(|(_, stop)| stop);
        let (moved, right_to_left) =
            if let Some(laid) = self.laid(index).filter(|l| !l.stops.is_empty()) {
                (
                    caret::visual_step(&laid.stops, remembered, local, rightward),
                    laid.right_to_left,
                )
            } else {
                let text = doc
                    .article
                    .slice_chars(paragraph.start_char, paragraph.end_char)
                    .unwrap_or_default();
                let right_to_left = super::bidi::is_right_to_left(text);
                let moved = caret::logical_step(text, local, rightward != right_to_left);
                (moved, right_to_left)
            };
        match moved {
            Step::To { offset, stop } => {
                self.caret_stop = stop.map(|stop| (index, stop));
                paragraph.start_char + offset
            }
            Step::Out => {
                self.caret_stop = None;
                // Off the start of the text when → in right-to-left text or ← in
                // left-to-right text.
                if rightward == right_to_left {
                    index
                        .checked_sub(1)
                        .and_then(|i| self.paragraphs.get(i))
                        .map_or(head, |previous| previous.end_char)
                } else {
                    self.paragraphs
                        .get(index + 1)
                        .map_or(head, |next| next.start_char)
                }
            }
        }
    }

    /// Where the caret at code point `c` of paragraph `index` (placed at `at`) is drawn: a
    /// line as tall as its row, at the stop the arrows brought it to, else at the edge of its
    /// character that comes first in that character's direction.
    fn caret_rect(&self, index: usize, at: Pos2, c: usize) -> Option<Rect> {
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

/// The article's headline, laid out to the column, when it has one.
fn headline_galley(
    ui: &Ui,
    doc: &Document,
    wrap_width: f32,
    text_size: f32,
) -> Option<Arc<Galley>> {
    let title = doc.article.title.trim();
    // An article whose text opens with its headline shows it there already.
    let opening = doc
        .article
        .text()
        .trim_start()
        .trim_start_matches(['#', ' ']);
    if title.is_empty() || opening.starts_with(title) {
        return None;
    }
    let job = LayoutJob::simple(
        title.to_owned(),
        FontId::proportional(text_size * 1.35),
        ui.visuals().strong_text_color(),
        wrap_width,
    );
    Some(ui.painter().layout_job(job))
}

/// The outline of `rect` in dashes `dash` long, `gap` apart.
fn dashed_rect(painter: &egui::Painter, rect: Rect, stroke: Stroke, dash: f32, gap: f32) {
    let corners = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ];
    painter.extend(egui::Shape::dashed_line(&corners, stroke, dash, gap));
}

/// Paragraph `text` laid out as the pane draws it, with the map from its glyphs to its code
/// points, and whether it runs right to left. Brackets in right-to-left runs are drawn
/// mirrored (the same number of code points), and the rows are put in visual order where
/// anything runs right to left; the map still holds then, as glyphs keep their order and only
/// move.
#[cfg(test)]
fn lay_out(painter: &egui::Painter, text: &str, style: Style) -> (GlyphMap, Arranged) {
    let mirrored = super::bidi::mirrored(text);
    let shown = mirrored.as_deref().unwrap_or(text);
    let source = source_galley(painter, shown, style);
    arrange(painter, &source, text, shown, style)
}

/// The galley egui laid out from `shown` (paragraph `text` with its mirrored brackets) made
/// ready to draw: the map from its glyphs to code points, its rows in visual order where
/// anything runs right to left (with the caret's stops), and whether the paragraph runs right
/// to left.
fn arrange(
    painter: &egui::Painter,
    source: &Arc<Galley>,
    text: &str,
    shown: &str,
    style: Style,
) -> (GlyphMap, Arranged) {
    let broken;
    // Laid out as one unbroken row by `source_galley`: break it where words end.
    let source = if source.job.wrap.max_width.is_infinite() {
        broken = line_break::broken_into_rows(painter, shown, source, style.wrap_width, |row| {
            unwrapped(paragraph_job(row, style))
        });
        &broken
    } else {
        source
    };
    let mut map = GlyphMap::of_galley(shown, source);
    let arranged = super::bidi::in_visual_order(source, text, &mut map, Some(style.wrap_width))
        .unwrap_or_else(|| Arranged {
            galley: source.clone(),
            right_to_left: false,
            stops: Vec::new(),
        });
    (map, arranged)
}

/// egui's galley of paragraph `shown`: broken into rows by egui, or, in a script written
/// without spaces (Thai, Lao, Khmer, Myanmar), as one unbroken row that [`arrange`] breaks
/// where words end. egui keeps it in its cache while it is asked for it each frame.
fn source_galley(painter: &egui::Painter, shown: &str, style: Style) -> Arc<Galley> {
    let job = paragraph_job(shown, style);
    if line_break::has_unspaced_script(shown) {
        painter.layout_job(unwrapped(job))
    } else {
        painter.layout_job(job)
    }
}

/// `job` laid out as one row, however long.
fn unwrapped(mut job: LayoutJob) -> LayoutJob {
    job.wrap.max_width = f32::INFINITY;
    job
}

/// The `LayoutJob` for one paragraph: its text, all in one format, so that the shaper sees
/// whole words (an Arabic word joins across the edge of a highlight). Highlights are painted
/// under it ([`highlights`]).
fn paragraph_job(text: &str, style: Style) -> LayoutJob {
    let text_color = if style.dark {
        Color32::from_gray(225)
    } else {
        Color32::from_gray(30)
    };
    let format = TextFormat {
        font_id: FontId::proportional(style.text_size),
        color: text_color,
        line_height: Some(style.text_size * 1.5),
        ..TextFormat::default()
    };
    let mut job = LayoutJob::single_section(text.to_owned(), format);
    job.wrap.max_width = style.wrap_width;
    job
}

/// A stretch of highlight under a paragraph's text, relative to the paragraph's origin.
#[derive(Clone, Copy, Debug)]
struct Highlight {
    rect: Rect,
    color: Color32,
    /// Drawn as a line under the text (the outer of overlapping spans) rather than a fill.
    underline: bool,
}

/// The highlights of `spans` in `paragraph`, laid out as `galley` and mapped by `map`: where
/// spans overlap, the innermost colours the background and the outermost underlines. A range
/// that crosses a change of direction gets several rectangles.
fn highlights(
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
        let mut covering: Vec<&&Annotation> = spans
            .iter()
            .filter(|a| a.start <= from && a.end >= to)
            .collect();
        covering.sort_by_key(|a| std::cmp::Reverse(a.end - a.start));
        let piece = || {
            rects
                .iter()
                .filter(move |(p, _)| *p == n)
                .map(|&(_, rect)| rect)
        };
        if let Some(inner) = covering.last() {
            let color = label_color(doc, &inner.label).gamma_multiply(alpha);
            out.extend(piece().map(|rect| Highlight {
                rect,
                color,
                underline: false,
            }));
        }
        if covering.len() >= 2
            && let Some(outer) = covering.first()
        {
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

#[cfg(test)]
pub(super) mod tests {
    use std::sync::Arc;

    use egui::{Galley, vec2};

    use super::GlyphMap;
    use crate::core::Article;

    /// Lines mixing scripts: Hebrew (with points), Arabic (joined, with marks), Persian with a
    /// zero-width non-joiner, CJK, emoji with joiners and flags, combining marks, dashes.
    const MIXED: [&str; 10] = [
        "أعلن الوزير يوم الأحد أن القرار «ضروري» لحماية المال، وقالت سائقة الأجرة: «لا».",
        "قال الوزير «لن نتراجع» أمس، وأضاف أن 2024 كانت سنة صعبة for everyone (all of us).",
        "אבי כהן אמר (בכנס) כי 3.5% מהתקציב יוקצו ל-AI בשנת 2025, said Ana.",
        "وزیر گفت: «من می‌خواهم ۱۲۳ کتاب بخوانم» – Ana.",
        "Name כהן נועה said gamma — and שָׁלוֹם then delta.",
        "The minister, مُحَمَّد عَلِي, said \"no\"; later: می‌خواهم – beta.",
        "Ministry 外交部 said 北京 will respond; omega follows.",
        "Fans 👩‍👩‍👧 cheered 🇮🇱 and 🇵🇸 flags – then epsilon.",
        "Zoë said e\u{301}tude and n\u{303}o—twice—zeta.",
        "מנהלת הפסטיבל, נועה כהן, אמרה: \"זה לא על כסף\" eta.",
    ];

    /// Each line laid out as the article pane does, with the system's fonts for the scripts
    /// the bundled font lacks.
    fn laid_out(size: f32, pixels_per_point: f32) -> Vec<Arc<Galley>> {
        laid_out_with(&MIXED, size, pixels_per_point, size * 14.0)
    }

    pub(super) fn laid_out_with(
        lines: &[&str],
        size: f32,
        pixels_per_point: f32,
        wrap: f32,
    ) -> Vec<Arc<Galley>> {
        laid_out_mapped(lines, size, pixels_per_point, wrap)
            .into_iter()
            .map(|(galley, _)| galley)
            .collect()
    }

    /// Each line laid out and mapped exactly as the article pane does it (mirrored brackets,
    /// rows in visual order), with the system's fonts.
    pub(super) fn laid_out_mapped(
        lines: &[&str],
        size: f32,
        pixels_per_point: f32,
        wrap: f32,
    ) -> Vec<(Arc<Galley>, GlyphMap)> {
        laid_out_in(&system_fonts(), lines, size, pixels_per_point, wrap)
    }

    /// The box of code point `c` found the slow way: every glyph looked at, the first with
    /// width of the nearest code point at or after `c`.
    fn char_box_by_scan(map: &GlyphMap, galley: &Galley, c: usize) -> Option<egui::Rect> {
        let mut glyph = 0;
        let mut best: Option<(usize, egui::Rect)> = None;
        for placed in &galley.rows {
            for g in &placed.glyphs {
                let drawn = map.char_of_glyph(glyph);
                glyph += 1;
                if drawn >= c
                    && g.advance_width > 0.0
                    && best.is_none_or(|(found, _)| drawn < found)
                {
                    let (x0, x1) = (g.pos.x, g.pos.x + g.advance_width);
                    best = Some((drawn, row_box(placed, x0, x1)));
                }
            }
        }
        best.map(|(_, rect)| rect).or_else(|| {
            let placed = galley.rows.last()?;
            Some(row_box(placed, placed.size.x, placed.size.x))
        })
    }

    /// The box from `x0` to `x1` on row `placed`, as tall as the row.
    fn row_box(placed: &egui::epaint::text::PlacedRow, x0: f32, x1: f32) -> egui::Rect {
        egui::Rect::from_min_max(
            egui::pos2(placed.pos.x + x0, placed.pos.y),
            egui::pos2(placed.pos.x + x1, placed.pos.y + placed.size.y),
        )
    }

    #[test]
    fn a_characters_box_is_the_one_a_scan_of_every_glyph_finds() {
        for (galley, map) in laid_out_mapped(&MIXED, 16.0, 1.0, 160.0) {
            assert!(galley.rows.len() > 1, "wrapped: {}", galley.job.text);
            for c in 0..=galley.job.text.chars().count() {
                assert_eq!(
                    map.char_box(&galley, egui::Pos2::ZERO, c),
                    char_box_by_scan(&map, &galley, c),
                    "{c} in {}",
                    galley.job.text
                );
            }
        }
    }

    /// A context with the system's fonts for the scripts the bundled font lacks.
    pub(in crate::ui) fn system_fonts() -> egui::Context {
        let ctx = egui::Context::default();
        ctx.add_font_provider(Arc::new(
            egui_system_font_provider::SystemFontProvider::new(),
        ));
        ctx
    }

    /// Each line laid out and mapped in `ctx`, as the pane does it.
    fn laid_out_in(
        ctx: &egui::Context,
        lines: &[&str],
        size: f32,
        pixels_per_point: f32,
        wrap: f32,
    ) -> Vec<(Arc<Galley>, GlyphMap)> {
        arranged_in(ctx, lines, size, pixels_per_point, wrap)
            .into_iter()
            .map(|(map, arranged)| (arranged.galley, map))
            .collect()
    }

    /// Each line laid out, mapped and put in visual order in `ctx`, as the pane does it.
    pub(in crate::ui) fn arranged_in(
        ctx: &egui::Context,
        lines: &[&str],
        size: f32,
        pixels_per_point: f32,
        wrap: f32,
    ) -> Vec<(GlyphMap, super::Arranged)> {
        ctx.set_pixels_per_point(pixels_per_point);
        let mut laid = Vec::new();
        // Fonts load on the first pass that needs them; lay out on the second.
        for _ in 0..2 {
            laid.clear();
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                let style = super::Style {
                    text_size: size,
                    wrap_width: wrap,
                    dark: false,
                    pixels_per_point,
                };
                for line in lines {
                    laid.push(super::lay_out(ui.painter(), line, style));
                }
            });
            // No renderer here to take the font atlas.
            output.textures_delta.clear();
        }
        laid
    }

    fn glyph_chars(galley: &Galley) -> Vec<(char, bool)> {
        galley
            .rows
            .iter()
            .flat_map(|row| row.glyphs.iter().map(|g| (g.chr, g.advance_width > 0.0)))
            .collect()
    }

    #[test]
    fn every_character_in_any_script_is_drawn_by_the_glyph_mapped_to_it() {
        for (size, pixels_per_point) in [(17.0, 1.0), (20.5, 1.25), (14.0, 2.0)] {
            for (line, galley) in MIXED.iter().zip(laid_out(size, pixels_per_point)) {
                // As drawn: brackets in right-to-left runs mirrored.
                let shown = crate::ui::bidi::mirrored(line).unwrap_or_else(|| (*line).to_owned());
                let map = GlyphMap::of_galley(&shown, &galley);
                let chars: Vec<char> = shown.chars().collect();
                // Every glyph with width draws the character the map gives it (a glyph
                // carries the first character of its cluster).
                for (g, (chr, wide)) in glyph_chars(&galley).into_iter().enumerate() {
                    if wide {
                        assert_eq!(
                            chars.get(map.char_of_glyph(g)),
                            Some(&chr),
                            "{line:?} glyph {g}"
                        );
                    }
                }
                // Every character that starts a word is drawn by some glyph.
                for c in 0..chars.len() {
                    if chars[c].is_alphanumeric() && (c == 0 || !chars[c - 1].is_alphanumeric()) {
                        assert!(
                            (0..glyph_chars(&galley).len()).any(|g| map.char_of_glyph(g) == c),
                            "{line:?} char {c} {:?} has no glyph",
                            chars[c]
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn each_row_reads_left_to_right_in_the_order_the_bidi_algorithm_gives() {
        use unicode_bidi::BidiInfo;
        use unicode_segmentation::UnicodeSegmentation as _;
        for wrap in [160.0, 330.0, 900.0] {
            for (line, (galley, map)) in MIXED.iter().zip(laid_out_mapped(&MIXED, 17.0, 1.0, wrap))
            {
                let mut cluster_of = Vec::new();
                for (n, grapheme) in line.graphemes(true).enumerate() {
                    cluster_of.extend(std::iter::repeat_n(n, grapheme.chars().count()));
                }
                let byte_of_char: Vec<usize> = line
                    .char_indices()
                    .map(|(b, _)| b)
                    .chain(std::iter::once(line.len()))
                    .collect();
                let bidi = BidiInfo::new(line, None);
                let mut glyph = 0;
                let rows: Vec<Vec<(f32, usize)>> = galley
                    .rows
                    .iter()
                    .map(|row| {
                        let mut drawn = Vec::new();
                        for g in &row.glyphs {
                            if g.advance_width > 0.0 {
                                drawn.push((row.pos.x + g.pos.x, map.char_of_glyph(glyph)));
                            }
                            glyph += 1;
                        }
                        drawn
                    })
                    .collect();
                let starts: Vec<usize> = rows
                    .iter()
                    .map(|r| r.iter().map(|&(_, c)| c).min().unwrap_or(usize::MAX))
                    .collect();
                for (r, row) in rows.iter().enumerate() {
                    let mut row = row.clone();
                    row.sort_by(|a, b| a.0.total_cmp(&b.0));
                    let mut shown: Vec<usize> = row.iter().map(|&(_, c)| cluster_of[c]).collect();
                    shown.dedup();
                    let (start, end) = (
                        starts[r],
                        starts.get(r + 1).copied().unwrap_or(byte_of_char.len() - 1),
                    );
                    // The bidi algorithm's visual runs of this row, each read in its direction.
                    let para = &bidi.paragraphs[0];
                    let line_bytes =
                        byte_of_char[start]..byte_of_char[end.min(byte_of_char.len() - 1)];
                    let (levels, runs) = bidi.visual_runs(para, line_bytes);
                    let mut expected = Vec::new();
                    for run in runs {
                        let chars: Vec<usize> = (start..end)
                            .filter(|&c| run.contains(&byte_of_char[c]))
                            .collect();
                        let rtl = levels[run.start].is_rtl();
                        let ordered: Box<dyn Iterator<Item = &usize>> = if rtl {
                            Box::new(chars.iter().rev())
                        } else {
                            Box::new(chars.iter())
                        };
                        for &c in ordered {
                            let k = cluster_of[c];
                            if shown.contains(&k) && expected.last() != Some(&k) {
                                expected.push(k);
                            }
                        }
                    }
                    assert_eq!(shown, expected, "{line:?}, wrap {wrap}, row {r}");
                }
            }
        }
    }

    #[test]
    fn a_click_on_any_character_finds_it_at_any_width_and_zoom() {
        for pixels_per_point in [1.0, 1.21, 2.0] {
            for wrap in [120.0, 250.0, 612.0] {
                let galleys = laid_out_mapped(&MIXED, 17.0, pixels_per_point, wrap);
                for (line, (galley, map)) in MIXED.iter().zip(galleys) {
                    let chars: Vec<char> = line.chars().collect();
                    for (c, ch) in chars.iter().enumerate() {
                        // Only characters drawn by a glyph of their own can be clicked.
                        let mut own = false;
                        let mut glyph = 0;
                        for row in &galley.rows {
                            for g in &row.glyphs {
                                own |= g.advance_width > 0.0 && map.char_of_glyph(glyph) == c;
                                glyph += 1;
                            }
                        }
                        if !own {
                            continue;
                        }
                        let Some(rect) = map.char_box(&galley, egui::pos2(0.0, 0.0), c) else {
                            panic!("{line:?} char {c} has no box");
                        };
                        assert_eq!(
                            map.char_under(&galley, rect.center().to_vec2()),
                            c,
                            "{line:?} char {c} {ch:?}, wrap {wrap}, zoom {pixels_per_point}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_click_in_the_middle_of_any_word_finds_that_word() {
        for (size, pixels_per_point) in [(17.0, 1.0), (20.5, 1.25)] {
            let galleys = laid_out_mapped(&MIXED, size, pixels_per_point, size * 14.0);
            for (line, (galley, map)) in MIXED.iter().zip(galleys) {
                let article = Article::new((*line).to_owned());
                let chars: Vec<char> = line.chars().collect();
                let mut c = 0;
                while c < chars.len() {
                    let Some((start, end)) = article.word_at(c) else {
                        c += 1;
                        continue;
                    };
                    c = end.max(c + 1);
                    if chars.get(start).is_none_or(|ch| !ch.is_alphanumeric()) {
                        continue;
                    }
                    // The middle of the word's middle character: the glyph with width that
                    // carries that character, found from the glyphs themselves.
                    let middle = start + (end - start) / 2;
                    let mut glyph = 0;
                    let mut found = None;
                    for row in &galley.rows {
                        for g in &row.glyphs {
                            if g.advance_width > 0.0 && map.char_of_glyph(glyph) == middle {
                                assert_eq!(g.chr, chars[middle], "{line:?}");
                                found.get_or_insert(
                                    row.pos
                                        + vec2(g.pos.x + g.advance_width / 2.0, row.size.y / 2.0),
                                );
                            }
                            glyph += 1;
                        }
                    }
                    let Some(pos) = found else {
                        continue; // a mark drawn with its letter
                    };
                    // As a double-click does: the word of the character under the pointer.
                    let clicked = map.char_under(&galley, pos.to_vec2());
                    assert_eq!(
                        article.word_at(clicked),
                        Some((start, end)),
                        "{line:?}: clicking the middle of {:?} (char {middle}) found char {clicked}",
                        chars[start..end].iter().collect::<String>()
                    );
                }
            }
        }
    }
}
