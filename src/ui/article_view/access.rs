//! The article as a screen reader meets it, through AccessKit (AT-SPI on Linux, UI Automation
//! on Windows, `NSAccessibility` on macOS): a document named by the headline whose text is the
//! article's, in runs of at most 255 characters per paragraph, with the caret and the
//! selection; and after the text, each annotation as a node of its own, named as it is spoken
//! ("Claim, Jeff Sessions: I should not be involved…"), that can take the focus and be
//! activated (it is then selected and shown).
//!
//! An article of up to [`WHOLE_TEXT`] characters is given whole; a longer one as the
//! paragraphs around the view and the caret, so that a long article costs a screen reader
//! what a short one does.

use std::ops::Range;

use egui::accesskit;
use egui::{Id, Rect, Sense, Ui, UiBuilder, vec2};
use unicode_segmentation::UnicodeSegmentation as _;

use marginalia_core::excerpt::annotation_spoken;
use marginalia_workspace::Action;

use super::{ArticleInput, ArticleView};

/// Characters of one text run: AccessKit counts a run's word starts in a byte.
const RUN: usize = 255;
/// Articles up to this many characters are given to screen readers whole.
pub(super) const WHOLE_TEXT: usize = 100_000;
/// Paragraphs given beyond those in view, before and after, in a longer article.
const AROUND: usize = 40;

/// A run of text: its paragraph and the range of that paragraph's characters it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    paragraph: usize,
    chunk: usize,
}

impl ArticleView {
    /// Gives the accessibility tree the article's text, caret, selection and annotations, for
    /// the paragraphs `in_view`; `response` is the article's widget.
    pub(super) fn accessibility(
        &self,
        ui: &mut Ui,
        input: &ArticleInput<'_>,
        response: &egui::Response,
        in_view: Range<usize>,
        actions: &mut Vec<Action>,
    ) {
        let ctx = ui.ctx().clone();
        let id = response.id;
        let title = input.doc.article.title.clone();
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, title.as_str()));
        if ctx.accesskit_node_builder(id, |_| ()).is_none() {
            // No screen reader is listening.
            return;
        }
        let paragraphs = self.given_paragraphs(input, in_view);
        let Some(origin) = self.last_origin else {
            return;
        };
        let width = self.style.map_or(0.0, |s| s.wrap_width);
        let builder = UiBuilder::new().accessibility_parent(id);
        ui.scope_builder(builder, |ui| {
            for index in paragraphs.clone() {
                let top = self.tops.get(index).copied().unwrap_or(0.0);
                let height = self.heights.get(index).copied().unwrap_or(0.0).max(1.0);
                let rect = Rect::from_min_size(origin + vec2(0.0, top), vec2(width, height));
                self.text_runs_ui(ui, input, id, index, rect);
            }
            self.annotations_ui(ui, input, paragraphs.clone(), actions);
        });
        // With nothing selected, the caret stands where it is drawn and the arrows start.
        let selection = input
            .selection
            .text
            .or(Some((self.top_char, self.top_char)));
        let runs = paragraphs;
        ctx.accesskit_node_builder(id, |node| {
            node.set_label(input.doc.article.title.clone());
            if let Some((anchor, head)) = selection
                && let (Some(anchor), Some(focus)) = (
                    self.text_position(id, anchor, &runs),
                    self.text_position(id, head, &runs),
                )
            {
                node.set_text_selection(accesskit::TextSelection { anchor, focus });
            }
        });
    }

    /// The paragraphs whose text a screen reader is given: all of a short article, else those
    /// around the view and the caret.
    fn given_paragraphs(&self, input: &ArticleInput<'_>, in_view: Range<usize>) -> Range<usize> {
        let n = self.paragraphs.len();
        if input.doc.article.len_chars() <= WHOLE_TEXT {
            return 0..n;
        }
        let mut start = in_view.start.saturating_sub(AROUND);
        let mut end = (in_view.end + AROUND).min(n);
        if let Some((anchor, head)) = input.selection.text {
            for c in [anchor, head] {
                let p = self.paragraph_of(c);
                start = start.min(p.saturating_sub(1));
                end = end.max((p + 2).min(n));
            }
        }
        // At most a few hundred paragraphs, whatever the selection spans.
        if end - start > 4 * AROUND + in_view.len() {
            end = (start + 4 * AROUND + in_view.len()).min(n);
        }
        start..end
    }

    /// The characters of paragraph `index` as a screen reader reads them: its text, then the
    /// line break that ends it (all but the last).
    fn paragraph_chars(&self, input: &ArticleInput<'_>, index: usize) -> Vec<char> {
        let Some(p) = self.paragraphs.get(index) else {
            return Vec::new();
        };
        let text = input
            .doc
            .article
            .slice_chars(p.start_char, p.end_char)
            .unwrap_or_default();
        let mut chars: Vec<char> = text.chars().collect();
        if index + 1 < self.paragraphs.len() {
            chars.push('\n');
        }
        chars
    }

    /// Paragraph `index`'s text runs, children of the article's node.
    fn text_runs_ui(
        &self,
        ui: &mut Ui,
        input: &ArticleInput<'_>,
        article: Id,
        index: usize,
        rect: Rect,
    ) {
        let chars = self.paragraph_chars(input, index);
        let right_to_left = self.laid(index).map_or_else(
            || {
                let text: String = chars.iter().collect();
                marginalia_core::direction::is_right_to_left(&text)
            },
            |laid| laid.right_to_left,
        );
        for (chunk, run) in chars.chunks(RUN).enumerate() {
            let run_id = run_id(
                article,
                Run {
                    paragraph: index,
                    chunk,
                },
            );
            // A widget of its own, so that its node hangs under the article's.
            ui.interact(rect, run_id, Sense::hover());
            let value: String = run.iter().collect();
            let lengths: Vec<u8> = run
                .iter()
                .map(|c| u8::try_from(c.len_utf8()).unwrap_or(4))
                .collect();
            let word_starts = word_starts(&value);
            ui.ctx().accesskit_node_builder(run_id, |node| {
                node.set_role(accesskit::Role::TextRun);
                node.set_text_direction(if right_to_left {
                    accesskit::TextDirection::RightToLeft
                } else {
                    accesskit::TextDirection::LeftToRight
                });
                node.set_bounds(accesskit::Rect {
                    x0: rect.min.x.into(),
                    y0: rect.min.y.into(),
                    x1: rect.max.x.into(),
                    y1: rect.max.y.into(),
                });
                node.set_value(value);
                node.set_character_lengths(lengths);
                node.set_word_starts(word_starts);
            });
        }
    }

    /// The annotations that start in `paragraphs`, in the text's order, each a node that can
    /// take the focus and be activated.
    fn annotations_ui(
        &self,
        ui: &mut Ui,
        input: &ArticleInput<'_>,
        paragraphs: Range<usize>,
        actions: &mut Vec<Action>,
    ) {
        let doc = input.doc;
        let (Some(first), Some(last)) = (
            self.paragraphs.get(paragraphs.start),
            self.paragraphs.get(paragraphs.end.saturating_sub(1)),
        ) else {
            return;
        };
        let from = doc
            .annotations()
            .partition_point(|a| a.start < first.start_char);
        for ann in doc.annotations()[from..]
            .iter()
            .take_while(|a| a.start <= last.end_char)
        {
            let id = annotation_node_id(ann.id);
            let rect = self
                .char_rect(ann.start)
                .unwrap_or_else(|| Rect::from_min_size(ui.min_rect().min, vec2(1.0, 1.0)));
            let response = ui.interact(rect, id, Sense::FOCUSABLE);
            let name = annotation_spoken(doc, ann, 200);
            let selected = input.selection.annotation == Some(ann.id);
            response.widget_info(|| {
                let mut info = egui::WidgetInfo::labeled(egui::Role::Mark, true, name.as_str());
                info.selected = Some(selected);
                info
            });
            ui.ctx().accesskit_node_builder(id, |node| {
                node.add_action(accesskit::Action::Click);
            });
            let focused = response.has_focus();
            let activated = ui.input(|i| {
                i.has_accesskit_action_request(id, accesskit::Action::Click)
                    || (focused
                        && (i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Space)))
            });
            if activated {
                actions.push(Action::Show(ann.id));
            }
        }
    }

    /// Where code point boundary `c` stands in the text runs given for `paragraphs`: in its
    /// own paragraph's run when that is given, else at the nearest end of those given.
    fn text_position(
        &self,
        article: Id,
        c: usize,
        paragraphs: &Range<usize>,
    ) -> Option<accesskit::TextPosition> {
        if paragraphs.is_empty() {
            return None;
        }
        let index = self.paragraph_of(c);
        let clamped = index.clamp(paragraphs.start, paragraphs.end - 1);
        let p = self.paragraphs.get(clamped)?;
        let local = match clamped.cmp(&index) {
            std::cmp::Ordering::Less => p.end_char - p.start_char,
            std::cmp::Ordering::Greater => 0,
            std::cmp::Ordering::Equal => c
                .saturating_sub(p.start_char)
                .min(p.end_char - p.start_char),
        };
        // A boundary at a run's end belongs to that run (the end of the last run of the text
        // has nothing after it); the last paragraph of an empty text has no run at all.
        let len = p.end_char - p.start_char + usize::from(clamped + 1 < self.paragraphs.len());
        if len == 0 {
            return clamped.checked_sub(1).and_then(|previous| {
                let p = self.paragraphs.get(previous)?;
                let len = p.end_char - p.start_char + 1;
                Some(position_in(article, previous, len, len))
            });
        }
        Some(position_in(article, clamped, local, len))
    }
}

/// The position of character `local` of paragraph `index`, `len` characters long with its
/// line break.
fn position_in(article: Id, index: usize, local: usize, len: usize) -> accesskit::TextPosition {
    let chunk = if local > 0 && (local.is_multiple_of(RUN) || local == len) {
        (local - 1) / RUN
    } else {
        local / RUN
    };
    accesskit::TextPosition {
        node: run_id(
            article,
            Run {
                paragraph: index,
                chunk,
            },
        )
        .accesskit_id(),
        character_index: local - chunk * RUN,
    }
}

fn run_id(article: Id, run: Run) -> Id {
    article.with(("text-run", run.paragraph, run.chunk))
}

/// The node of annotation `id` in the article.
pub fn annotation_node_id(id: marginalia_core::AnnotationId) -> Id {
    Id::unique(("article-annotation", id.0))
}

/// Where words start in `run`, in characters (Unicode's word boundaries).
fn word_starts(run: &str) -> Vec<u8> {
    let mut starts = Vec::new();
    let mut chars = 0usize;
    for word in run.split_word_bounds() {
        if word.chars().next().is_some_and(char::is_alphanumeric)
            && let Ok(start) = u8::try_from(chars)
            && start > 0
        {
            starts.push(start);
        }
        chars += word.chars().count();
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_at_a_runs_end_stays_in_that_run() {
        let article = Id::unique("a");
        let at = |local, len| position_in(article, 0, local, len);
        let first = run_id(
            article,
            Run {
                paragraph: 0,
                chunk: 0,
            },
        )
        .accesskit_id();
        let second = run_id(
            article,
            Run {
                paragraph: 0,
                chunk: 1,
            },
        )
        .accesskit_id();
        assert_eq!((at(0, 10).node, at(0, 10).character_index), (first, 0));
        assert_eq!((at(10, 10).node, at(10, 10).character_index), (first, 10));
        assert_eq!(
            (at(255, 300).node, at(255, 300).character_index),
            (first, 255)
        );
        assert_eq!(
            (at(256, 300).node, at(256, 300).character_index),
            (second, 1)
        );
        assert_eq!(
            (at(300, 300).node, at(300, 300).character_index),
            (second, 45)
        );
    }

    #[test]
    fn words_start_at_letters_after_the_first() {
        assert_eq!(word_starts("We will, he said."), vec![3, 9, 12]);
        assert_eq!(word_starts("  שלום עולם"), vec![2, 7]);
    }
}
