//! Laying out the article: each paragraph's galley, put in visual order with its glyph map,
//! cached until its spans, the column, the text size, the zoom or the theme change; the
//! heights that place paragraphs, estimated until laid out; only the paragraphs in view.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash as _, Hasher as _};
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Pos2, Rect, Ui, vec2};

use marginalia_core::{Annotation, Document};

use crate::ui::bidi::Arranged;
use crate::ui::glyph_map::GlyphMap;
use crate::ui::line_break;

use super::paint::highlights;
use super::{ArticleView, Laid, Paragraph, Style};

impl ArticleView {
    pub(super) fn reset_layout(&mut self, style: Style) {
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

    pub(super) fn refresh_tops(&mut self) {
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
    pub(super) fn visible(&self, min_y: f32, max_y: f32) -> std::ops::Range<usize> {
        let n = self.paragraphs.len();
        let first = self.tops.partition_point(|&t| t <= min_y).saturating_sub(1);
        let last = self.tops.partition_point(|&t| t < max_y).min(n);
        first.min(last)..last
    }

    /// Spans that touch paragraph `index`, found by binary search on the sorted annotations.
    pub(super) fn spans_of<'d>(&self, doc: &'d Document, index: usize) -> Vec<&'d Annotation> {
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
    pub(super) fn ensure_laid(&mut self, ui: &Ui, doc: &Document, index: usize) -> Option<()> {
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
            None => marginalia_core::direction::mirrored(text).map(Arc::from),
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

    pub(super) fn laid(&self, index: usize) -> Option<&Laid> {
        self.laid.get(index)?.as_ref()
    }

    /// Lays out the paragraphs between `min_y` and `max_y` and gives their indices. Where
    /// they turn out shorter than estimated, more come into view: those are laid out too, so
    /// none is missing from the frame.
    pub(super) fn lay_out_in_view(
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

    pub(super) fn paragraph_origin(&self, origin: Pos2, index: usize) -> Pos2 {
        origin + vec2(0.0, self.tops.get(index).copied().unwrap_or(0.0))
    }

    /// Rectangles covering code points `[start, end)` within paragraph `index`, placed at
    /// `at`; nothing when the range misses the paragraph.
    pub(super) fn range_rects(
        &self,
        index: usize,
        at: Pos2,
        start: usize,
        end: usize,
    ) -> Vec<Rect> {
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
    pub(super) fn handle_edge(
        &self,
        index: usize,
        at: Pos2,
        c: usize,
        start: bool,
    ) -> Option<Rect> {
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
}

/// The article's headline, laid out to the column, when it has one.
pub(super) fn headline_galley(
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

/// The galley egui laid out from `shown` (paragraph `text` with its mirrored brackets) made
/// ready to draw: the map from its glyphs to code points, its rows in visual order where
/// anything runs right to left (with the caret's stops), and whether the paragraph runs right
/// to left.
pub(super) fn arrange(
    painter: &egui::Painter,
    source: &Arc<Galley>,
    text: &str,
    shown: &str,
    style: Style,
) -> (GlyphMap, Arranged) {
    let broken;
    // Laid out as one unbroken row by `source_galley`: break it where words end.
    let source = if source.job.wrap.max_width.is_infinite() {
        // Rows of a paragraph broken where words end are laid out plain.
        let plain = Style {
            markdown: false,
            ..style
        };
        broken = line_break::broken_into_rows(painter, shown, source, style.wrap_width, |row| {
            unwrapped(paragraph_job(row, plain))
        });
        &broken
    } else {
        source
    };
    let mut map = GlyphMap::of_galley(shown, source);
    let arranged = crate::ui::bidi::in_visual_order(source, text, &mut map, Some(style.wrap_width))
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
pub(super) fn source_galley(painter: &egui::Painter, shown: &str, style: Style) -> Arc<Galley> {
    let job = paragraph_job(shown, style);
    if line_break::has_unspaced_script(shown) {
        painter.layout_job(unwrapped(job))
    } else {
        painter.layout_job(job)
    }
}

/// `job` laid out as one row, however long.
pub(super) fn unwrapped(mut job: LayoutJob) -> LayoutJob {
    job.wrap.max_width = f32::INFINITY;
    job
}

/// The `LayoutJob` for one paragraph: its text, all in one format, so that the shaper sees
/// whole words (an Arabic word joins across the edge of a highlight). Highlights are painted
/// under it ([`highlights`]).
pub(super) fn paragraph_job(text: &str, style: Style) -> LayoutJob {
    let text_color = if style.dark {
        Color32::from_gray(225)
    } else {
        Color32::from_gray(30)
    };
    let heading = style
        .markdown
        .then(|| super::markdown::heading_level(text))
        .flatten();
    // A heading is larger and strong, its rows as tall as its letters.
    let size = match heading {
        Some(1) => style.text_size * 1.45,
        Some(2) => style.text_size * 1.3,
        Some(_) => style.text_size * 1.15,
        None => style.text_size,
    };
    let format = TextFormat {
        font_id: FontId::proportional(size),
        color: if heading.is_some() {
            strong_text(style)
        } else {
            text_color
        },
        line_height: Some(size * 1.5),
        ..TextFormat::default()
    };
    let looks = if style.markdown {
        super::markdown::looks(text)
    } else {
        Vec::new()
    };
    if looks.is_empty() {
        let mut job = LayoutJob::single_section(text.to_owned(), format);
        job.wrap.max_width = style.wrap_width;
        return job;
    }
    let mut job = LayoutJob::default();
    let mut at = 0;
    for (range, look) in looks {
        if at < range.start {
            job.append(&text[at..range.start], 0.0, format.clone());
        }
        let mut piece = format.clone();
        match look {
            super::markdown::Look::Mark => piece.color = format.color.gamma_multiply(0.45),
            super::markdown::Look::Emphasis => piece.italics = true,
            super::markdown::Look::Strong => piece.color = strong_text(style),
        }
        job.append(&text[range.clone()], 0.0, piece);
        at = range.end;
    }
    if at < text.len() {
        job.append(&text[at..], 0.0, format);
    }
    job.wrap.max_width = style.wrap_width;
    job
}

/// The colour of strong text in the article: a heading, `**strong**` words.
fn strong_text(style: Style) -> Color32 {
    if style.dark {
        Color32::WHITE
    } else {
        Color32::BLACK
    }
}

pub(super) fn estimate_height(paragraph: &Paragraph, style: Style) -> f32 {
    let chars = (paragraph.end_char - paragraph.start_char) as f32;
    let per_row = (style.wrap_width / (style.text_size * 0.48)).max(1.0);
    let rows = (chars / per_row).ceil().max(1.0);
    rows * style.text_size * 1.5 + gap(paragraph.start_char == paragraph.end_char, style)
}

pub(super) fn gap(empty: bool, style: Style) -> f32 {
    if empty { 0.0 } else { style.text_size * 0.25 }
}

pub(super) fn paragraph_height(galley: &Galley, style: Style) -> f32 {
    let empty = galley.job.text.is_empty();
    if empty {
        style.text_size * 0.6
    } else {
        galley.size().y + gap(false, style)
    }
}

pub(super) fn handle_rect(top: Pos2, height: f32) -> Rect {
    Rect::from_center_size(top + vec2(0.0, height / 2.0), vec2(3.0, height + 4.0))
}

/// Paragraph `text` laid out as the pane draws it, with the map from its glyphs to its code
/// points, and whether it runs right to left. Brackets in right-to-left runs are drawn
/// mirrored (the same number of code points), and the rows are put in visual order where
/// anything runs right to left; the map still holds then, as glyphs keep their order and only
/// move.
#[cfg(test)]
pub(super) fn lay_out(painter: &egui::Painter, text: &str, style: Style) -> (GlyphMap, Arranged) {
    let mirrored = marginalia_core::direction::mirrored(text);
    let shown = mirrored.as_deref().unwrap_or(text);
    let source = source_galley(painter, shown, style);
    arrange(painter, &source, text, shown, style)
}
