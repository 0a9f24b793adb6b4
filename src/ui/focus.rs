//! Which part of the window has the keyboard. F6 and Shift+F6 move it between the article,
//! the side panel and the corpus panel; F10, or Alt pressed and released alone, gives it to
//! the menu bar; Esc in a list, a field or the menu bar gives it back to the article, without
//! also clearing the article's selection.

use egui::{Context, Id, Key, Modifiers, Rect};

use super::rows::Entry;

/// What the panels drew last frame, and who held the keyboard then.
#[derive(Default)]
pub struct FocusRing {
    /// The article's widget, when a document is open.
    pub article: Option<Id>,
    /// The side panel's (or the review's) rectangle and where the keyboard enters it; the
    /// rectangle is empty while the panel is hidden (a closed drawer), which F6 shows.
    pub side: Option<(Rect, Entry)>,
    /// The corpus panel's, when a folder is open.
    pub corpus: Option<(Rect, Entry)>,
    /// The menu bar's menus.
    pub menus: Vec<Id>,
    /// The widget that held the keyboard at the end of the last frame.
    held: Option<Id>,
    /// Alt is down, and nothing else was pressed since it went down.
    alt_alone: Option<bool>,
    /// Esc pressed this frame leaves a widget for the article.
    escape_leaves: bool,
    /// The article takes the keyboard once drawn: a document was opened, or the name asked
    /// for was given.
    opened: bool,
    /// F6 showed the hidden side panel: the keyboard enters it once it is drawn.
    enter_side: bool,
}

/// What the keys of this frame ask of the window before it is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Moves {
    /// The menu bar takes the keyboard, its first menu focused.
    pub open_menu: bool,
    /// The hidden side panel is to be shown: the keyboard moves into it.
    pub show_side: bool,
    /// The keyboard left the side panel (F6, or Esc from within it): a drawer closes.
    pub left_side: bool,
}

impl FocusRing {
    /// Reads this frame's F6, F10, Alt and Esc, and moves the keyboard where they say; what
    /// is left for the frame to do is returned. `blocked` while a dialog is open: it keeps
    /// the keyboard.
    pub fn begin_frame(&mut self, ctx: &Context, blocked: bool) -> Moves {
        let focused = ctx.memory(egui::Memory::focused);
        let escape = ctx.input(|i| i.key_pressed(Key::Escape));
        self.escape_leaves = escape && self.held.is_some() && self.held != self.article;
        let mut moves = Moves::default();
        let alt_tap = self.alt_tap(ctx);
        if blocked {
            return moves;
        }
        // Once the panel shown has been drawn: its entry is known then.
        if self.enter_side
            && let Some((rect, entry)) = self.side
            && rect.is_positive()
        {
            self.enter_side = false;
            entry.focus(ctx);
        }
        // egui has already dropped the focus for Esc: who held it last frame tells.
        moves.left_side =
            self.escape_leaves && self.held.is_some_and(|id| self.in_part(ctx, self.side, id));
        // Shift+F6 first: egui's F6 matches it too.
        let (backward, forward, f10) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::SHIFT, Key::F6),
                i.consume_key(Modifiers::NONE, Key::F6),
                i.consume_key(Modifiers::NONE, Key::F10),
            )
        });
        if forward || backward {
            self.cycle(ctx, focused, !backward, &mut moves);
        }
        if f10 || alt_tap {
            let in_menus = focused.is_some_and(|f| self.menus.contains(&f));
            if in_menus {
                self.focus_article(ctx);
            } else {
                moves.open_menu = true;
            }
        }
        moves
    }

    /// Whether Esc pressed this frame is the article's: it did not take the keyboard from
    /// another widget.
    pub fn escape_is_articles(&self) -> bool {
        !self.escape_leaves
    }

    /// After the frame: an Esc that left a widget gives the keyboard to the article, and who
    /// holds it now is remembered.
    pub fn end_frame(&mut self, ctx: &Context) {
        let nothing_focused = ctx.memory(egui::Memory::focused).is_none();
        let opened = self.opened && self.article.is_some() && !ctx.text_edit_focused();
        if (self.escape_leaves && nothing_focused) || opened {
            self.focus_article(ctx);
            self.opened = false;
        }
        self.held = ctx.memory(egui::Memory::focused);
    }

    /// Gives the article the keyboard once it is drawn (a screen reader then follows its
    /// caret), unless a field has it by then: after a document opens, or a field that was
    /// in the way is done with.
    pub fn send_to_article(&mut self) {
        self.opened = true;
    }

    /// Gives the side panel the keyboard once it is drawn (it was just shown).
    pub fn send_to_side(&mut self) {
        self.enter_side = true;
    }

    /// Clears what the panels report, before they draw this frame's.
    pub fn clear_parts(&mut self) {
        self.article = None;
        self.side = None;
        self.corpus = None;
        self.menus.clear();
    }

    fn focus_article(&self, ctx: &Context) {
        if let Some(article) = self.article {
            ctx.memory_mut(|m| m.request_focus(article));
        } else if let Some(focused) = ctx.memory(egui::Memory::focused) {
            ctx.memory_mut(|m| m.surrender_focus(focused));
        }
    }

    /// Whether the widget `id` was drawn inside `part` (and is not the article).
    fn in_part(&self, ctx: &Context, part: Option<(Rect, Entry)>, id: Id) -> bool {
        let rect = ctx.read_response(id).map(|r| r.rect);
        Some(id) != self.article
            && part.is_some_and(|(area, _)| rect.is_some_and(|r| area.contains_rect(r)))
    }

    /// Moves the keyboard to the next part of the window (or the previous one); a hidden
    /// side panel is shown to take it.
    fn cycle(&mut self, ctx: &Context, focused: Option<Id>, forward: bool, moves: &mut Moves) {
        // 0 the article, 1 the side panel, 2 the corpus panel.
        let current = match focused {
            Some(id) if self.in_part(ctx, self.side, id) => 1,
            Some(id) if self.in_part(ctx, self.corpus, id) => 2,
            _ => 0,
        };
        moves.left_side = current == 1;
        for step in 1..=3 {
            let part = if forward {
                (current + step) % 3
            } else {
                (current + 3 - step) % 3
            };
            let entered = match part {
                0 if self.article.is_some() => {
                    self.focus_article(ctx);
                    true
                }
                1 => match self.side {
                    Some((area, _)) if !area.is_positive() => {
                        moves.show_side = true;
                        self.enter_side = true;
                        true
                    }
                    Some((_, entry)) => entry.focus(ctx),
                    None => false,
                },
                2 => self.corpus.is_some_and(|(_, entry)| entry.focus(ctx)),
                _ => false,
            };
            if entered {
                return;
            }
        }
    }

    /// Whether Alt was pressed and released with nothing pressed in between (a pointer
    /// button or another key), as the menus' key on most systems.
    fn alt_tap(&mut self, ctx: &Context) -> bool {
        let events = ctx.input(|i| i.events.clone());
        let mut tapped = false;
        for event in events {
            match event {
                egui::Event::ModifiersChanged(modifiers) if modifiers == Modifiers::ALT => {
                    self.alt_alone.get_or_insert(true);
                }
                egui::Event::ModifiersChanged(modifiers) if modifiers.alt => {
                    self.alt_alone = Some(false);
                }
                egui::Event::ModifiersChanged(_) => {
                    tapped |= self.alt_alone.take() == Some(true);
                }
                egui::Event::Key { .. }
                | egui::Event::Text(_)
                | egui::Event::PointerButton { .. } => {
                    if let Some(alone) = &mut self.alt_alone {
                        *alone = false;
                    }
                }
                _ => {}
            }
        }
        tapped
    }
}
