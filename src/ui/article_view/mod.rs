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

mod access;
mod input;
mod layout;
mod markdown;
mod paint;
mod tags;
#[cfg(test)]
pub(super) mod tests;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use egui::{Align, Galley, Pos2, Rect, Sense, Ui, vec2};

use marginalia_core::{AnnotationId, Document};

use super::bidi::Stop;
use super::glyph_map::GlyphMap;
use marginalia_workspace::review::ReviewMark;
use marginalia_workspace::{Action, Selection, Suggestions};

use layout::headline_galley;
use paint::Highlight;

/// Width of the margin that holds label tags, in points; in a narrow pane it gives way, down
/// to [`NARROW_TAG_MARGIN`], so the text keeps a readable width (tags are cut to fit).
const TAG_MARGIN: f32 = 150.0;
const NARROW_TAG_MARGIN: f32 = 90.0;

/// The tag margin for a pane `available` points wide: the whole margin from 560 points, a
/// quarter of every point less, down to the narrow margin at 320.
fn tag_margin(available: f32) -> f32 {
    (TAG_MARGIN - (560.0 - available).max(0.0) * 0.25).max(NARROW_TAG_MARGIN)
}
/// Distance within which a press grabs an end of the selected annotation, in points.
const HANDLE_GRAB: f32 = 6.0;
/// Size of the tags in the margin, in points.
const TAG_TEXT_SIZE: f32 = 12.0;

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
    /// The article is Markdown: headings and emphasis are drawn as they read.
    markdown: bool,
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
    /// Whether the article takes keys this frame: not while a dialog is over it, nor in the
    /// frame one closed (egui may run a frame twice with the same keys: the Esc that closed a
    /// dialog must not also clear the selection).
    pub keys: bool,
    /// Whether Esc is the article's this frame: not when it took the keyboard from a list, a
    /// field or the menu bar (it returns to the article, and clears nothing).
    pub escape: bool,
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
    /// The tag margin's width this frame ([`tag_margin`]).
    tag_margin: f32,
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
                .any(marginalia_core::direction::is_right_to_left),
            tag_margin: TAG_MARGIN,
        }
    }

    /// The article's widget: it holds the keyboard while the caret moves in the text.
    pub fn widget_id(&self) -> egui::Id {
        egui::Id::unique(("article-text", self.id))
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

    /// Notes what a new revision of the document changed that the frame needs: the longest
    /// annotation.
    fn note_revision(&mut self, input: &ArticleInput<'_>) {
        if self.seen_revision != Some(input.revision) {
            self.longest_span = input
                .doc
                .annotations()
                .iter()
                .map(|a| a.end - a.start)
                .max()
                .unwrap_or(0);
            self.seen_revision = Some(input.revision);
        }
    }

    /// Draws the article and handles the pointer and keyboard in it; what the user does is
    /// pushed to `actions`.
    pub fn ui(&mut self, ui: &mut Ui, input: &ArticleInput<'_>, actions: &mut Vec<Action>) {
        let doc = input.doc;
        let text_size = input.text_size;
        self.note_revision(input);
        let available = ui.available_width();
        self.tag_margin = tag_margin(available);
        let margins = if self.right_margin { 2.0 } else { 1.0 } * self.tag_margin;
        let wrap_width = (text_size * 36.0)
            .min(available - margins - 32.0)
            .max(120.0);
        let style = Style {
            text_size,
            wrap_width,
            dark: ui.visuals().dark_mode,
            pixels_per_point: ui.pixels_per_point(),
            markdown: is_markdown(&doc.article.path),
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
        // Where the text starts: the column centred, past its tag margin.
        let text_left = ((available - column_width) / 2.0).max(8.0) + self.tag_margin;
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
            let (content, _) =
                ui.allocate_exact_size(vec2(available.max(column_width), total), Sense::hover());
            let response = ui.interact(content, self.widget_id(), Sense::click_and_drag());
            keep_arrows(ui, &response);
            let top_pad = text_size * 2.0;
            if let Some(headline) = headline {
                ui.painter().galley(
                    content.min + vec2(text_left, top_pad),
                    headline,
                    ui.visuals().strong_text_color(),
                );
            }
            let origin = content.min + vec2(text_left, top_pad + headline_height);
            self.last_origin = Some(origin);

            if let Some((target, align)) = scroll_target {
                let index = self.paragraph_of(target);
                self.ensure_laid(ui, doc, index);
                self.refresh_tops();
                let top = self.tops.get(index).copied().unwrap_or(0.0);
                let height = self.heights.get(index).copied().unwrap_or(0.0);
                let paragraph =
                    Rect::from_min_size(origin + vec2(0.0, top), vec2(wrap_width, height.max(1.0)));
                // The row of the target character, not its whole paragraph: a paragraph can be
                // taller than many screens. Without an alignment, with a row's room around it.
                let row = self.caret_rect(index, paragraph.min, target);
                let rect = match (row, align) {
                    (Some(row), Some(_)) => row,
                    (Some(row), None) => row.expand2(vec2(0.0, row.height())),
                    (None, _) => paragraph,
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
            let drawn: Vec<usize> = range
                .clone()
                .filter(|&index| self.laid(index).is_some())
                .collect();

            self.paint(ui, input, origin, &drawn);
            self.interact(ui, input, origin, &response, &drawn, actions);
            self.accessibility(ui, input, &response, range, actions);
        });
        if input.keys {
            self.keyboard(ui, input, actions);
        }
    }
}

/// While the article has the keyboard, the arrows move its caret and Esc clears its
/// selection, rather than egui moving the focus to another widget.
fn keep_arrows(ui: &Ui, response: &egui::Response) {
    if response.has_focus() {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                response.id,
                egui::EventFilter {
                    tab: false,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: true,
                },
            );
        });
    }
}

/// Whether an article read from `path` (as its annotation file records it) is Markdown.
fn is_markdown(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}
