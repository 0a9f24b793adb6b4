//! The mouse and the keyboard in the article: hit-testing through the glyph map, clicks,
//! drags, resize handles, and the caret's moves.

use egui::{CursorIcon, Galley, Pos2, Rect, Ui, Vec2, vec2};

use marginalia_core::{Document, Edit};

use crate::ui::caret::{self, Step};
use crate::ui::glyph_map::GlyphMap;
use marginalia_workspace::{Action, SuggestionAction};

use super::{ArticleInput, ArticleView, Drag, HANDLE_GRAB};
use crate::ui::labels::annotation_tooltip_ui;

impl ArticleView {
    /// The code point boundary under `pos`, from the paragraphs laid out this frame.
    pub(super) fn char_at(&self, origin: Pos2, drawn: &[usize], pos: Pos2) -> Option<usize> {
        self.locate(origin, drawn, pos, GlyphMap::hit)
    }

    /// The code point drawn under `pos`, from the paragraphs laid out this frame.
    pub(super) fn char_under(&self, origin: Pos2, drawn: &[usize], pos: Pos2) -> Option<usize> {
        self.locate(origin, drawn, pos, GlyphMap::char_under)
    }

    /// The code point `find` gives for `pos` in the nearest paragraph laid out this frame.
    pub(super) fn locate(
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

    pub(super) fn grabbed_handle(
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

    pub(super) fn interact(
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
            .and_then(|c| marginalia_core::spans::innermost_at(doc, c))
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

        // Pressing in the article gives it the keyboard, from any field (the find bar, a
        // note), so the keys pressed next label and move the selection.
        if ui.input(|i| i.pointer.any_pressed()) && response.contains_pointer() {
            response.request_focus();
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
    pub(super) fn clicks(
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
            match clicked_char().and_then(|c| marginalia_core::spans::innermost_at(doc, c)) {
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
                if let Some(ann) = marginalia_core::spans::innermost_at(doc, c) {
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
    pub(super) fn finish_drag(&mut self, doc: &Document, actions: &mut Vec<Action>) {
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

    pub(super) fn keyboard(
        &mut self,
        ui: &Ui,
        input: &ArticleInput<'_>,
        actions: &mut Vec<Action>,
    ) {
        if !self.has_keys(ui.ctx()) {
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
            // With nothing selected, the caret starts where reading is: the first character
            // in view.
            let head = selection.map_or(self.top_char, |(_, head)| head);
            let word = modifiers.command;
            let moved = match key {
                egui::Key::ArrowLeft | egui::Key::ArrowRight if word => {
                    Some(word_step(&doc.article, head, key == egui::Key::ArrowRight))
                }
                egui::Key::ArrowLeft | egui::Key::ArrowRight => {
                    Some(self.step(doc, head, key == egui::Key::ArrowRight))
                }
                egui::Key::ArrowUp | egui::Key::ArrowDown => {
                    let rows = if key == egui::Key::ArrowUp { -1.0 } else { 1.0 };
                    Some(self.vertical_step(head, rows))
                }
                egui::Key::PageUp | egui::Key::PageDown => {
                    let rows = if key == egui::Key::PageUp {
                        -PAGE_ROWS
                    } else {
                        PAGE_ROWS
                    };
                    Some(self.vertical_step(head, rows))
                }
                egui::Key::Home if word => Some(0),
                egui::Key::End if word => Some(doc.article.len_chars()),
                egui::Key::Home => Some(self.paragraphs[self.paragraph_of(head)].start_char),
                egui::Key::End => Some(self.paragraphs[self.paragraph_of(head)].end_char),
                egui::Key::Escape if input.escape => {
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
            if let Some(label) = doc.label_for_key(key.name()) {
                actions.push(Action::Label(label.id.clone()));
            }
        }
    }

    /// Whether the keys pressed are the article's: it holds the keyboard, or nothing does.
    pub fn has_keys(&self, ctx: &egui::Context) -> bool {
        ctx.memory(egui::Memory::focused)
            .is_none_or(|focused| focused == self.widget_id())
    }

    /// Where ↑ (`rows` < 0) or ↓ takes the caret at `head`, `rows` rows away: the character
    /// under the caret's position that many rows up or down, as laid out in the last frame;
    /// the article's start or end past them, and `head` itself when it is not on screen.
    pub(super) fn vertical_step(&self, head: usize, rows: f32) -> usize {
        let Some(caret) = self.caret_at(head) else {
            return head;
        };
        let (Some(origin), Some(style)) = (self.last_origin, self.style) else {
            return head;
        };
        let row = style.text_size * 1.5;
        let target = caret.center() + vec2(0.0, rows * row);
        let total = self.tops.last().copied().unwrap_or(0.0);
        if target.y < origin.y {
            return 0;
        }
        if target.y > origin.y + total {
            return self.paragraphs.last().map_or(head, |p| p.end_char);
        }
        // The paragraphs laid out near the target, the caret's own among them.
        let laid: Vec<usize> = (0..self.paragraphs.len())
            .filter(|&i| self.laid(i).is_some())
            .collect();
        self.char_at(origin, &laid, target).unwrap_or(head)
    }

    /// Where one press of → (`rightward`) or ← takes the caret at `head`: through a laid-out
    /// paragraph's stops when anything in it runs right to left, else cluster by cluster in
    /// its direction, and off its end to the next or previous paragraph.
    pub(super) fn step(&mut self, doc: &Document, head: usize, rightward: bool) -> usize {
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
                let right_to_left = marginalia_core::direction::is_right_to_left(text);
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
}

/// How many rows Page Up and Page Down move the caret.
const PAGE_ROWS: f32 = 20.0;

/// Where Ctrl+→ (`forward`) or Ctrl+← takes the caret at `head`: to the end of the word it is
/// in or the next one, or to the start of the word it is in or the one before, as a word
/// processor does (words by Unicode's word boundaries, or the language's model).
fn word_step(article: &marginalia_core::Article, head: usize, forward: bool) -> usize {
    let len = article.len_chars();
    if forward {
        let mut c = head;
        while c < len {
            if let Some((_, end)) = article.word_at(c)
                && end > head
            {
                return end;
            }
            c += 1;
        }
        len
    } else {
        let mut c = head;
        while c > 0 {
            c -= 1;
            if let Some((start, _)) = article.word_at(c)
                && start < head
            {
                return start;
            }
        }
        0
    }
}
