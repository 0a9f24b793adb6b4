//! Lists of rows that the keyboard walks: rows of one height in a scroll area, each row a
//! widget of its own that can hold the keyboard focus. While a row has it, ↑ ↓ move it to the
//! row before or after, Home and End to the first and last, Page Up and Page Down by a
//! screenful, and the row it lands on scrolls into view; Enter or Space opens the row (egui
//! gives a focused widget a click for them). Only the rows in view are drawn, so a list of
//! ten thousand costs what a screenful does.

use egui::{Id, Key, Modifiers, Response, Sense, Ui, vec2};

/// What a list remembers between frames.
#[derive(Clone, Copy, Debug, Default)]
struct Memory {
    /// The scroll offset and the height of the view last frame.
    offset: f32,
    viewport: f32,
    /// The row to bring into view on the next frame.
    reveal: Option<usize>,
    /// The row that last had the focus, where the focus comes back to.
    last_focused: usize,
    /// How many rows the list had.
    len: usize,
    /// The height the list had to fill.
    room: f32,
}

/// A list of `len` rows, each `height` points tall.
pub struct Rows<'a> {
    id: Id,
    height: f32,
    len: usize,
    /// Whether the keyboard can stop on a row; every row when `None`.
    focusable: Option<&'a dyn Fn(usize) -> bool>,
}

impl<'a> Rows<'a> {
    /// A list whose rows have ids made from `id_salt` and their index.
    pub fn new(ui: &Ui, id_salt: impl egui::AsIdSalt, height: f32, len: usize) -> Self {
        Self {
            id: ui.make_persistent_id(id_salt),
            height,
            len,
            focusable: None,
        }
    }

    /// Rows the keyboard passes over (headings between the rows that open something).
    pub fn focusable(mut self, focusable: &'a dyn Fn(usize) -> bool) -> Self {
        self.focusable = Some(focusable);
        self
    }

    /// The list's id, which [`focus`] takes.
    pub fn id(&self) -> Id {
        self.id
    }

    /// Draws the rows in view with `row`, which gets each row's index and the id its
    /// response must have ([`row_response`]), and moves the focus from row to row.
    pub fn show(self, ui: &mut Ui, mut row: impl FnMut(&mut Ui, usize, Id)) {
        let memory_id = self.id.with("rows");
        let mut memory: Memory = ui.data(|d| d.get_temp(memory_id)).unwrap_or_default();
        memory.len = self.len;
        let step = self.height + ui.spacing().item_spacing.y;
        // When the list's room changes (the details below it grew), the focused row stays in
        // view rather than losing the focus with its place on screen.
        let room = ui.available_height();
        if (room - memory.room).abs() > 0.5
            && ui.memory(|m| m.has_focus(self.id.with(memory.last_focused)))
        {
            memory.reveal = Some(memory.last_focused);
        }
        // The view's height this frame: last frame's, changed as the room did.
        let viewport = (memory.viewport + room - memory.room).max(step);
        memory.room = room;
        let mut area = egui::ScrollArea::vertical()
            .id_salt(self.id)
            .auto_shrink([false, false]);
        if let Some(index) = memory.reveal.take() {
            #[expect(clippy::cast_precision_loss, reason = "row counts are far below 2^24")]
            let top = index as f32 * step;
            let offset = if top < memory.offset {
                top
            } else if top + self.height > memory.offset + viewport {
                top + self.height - viewport
            } else {
                memory.offset
            };
            area = area.vertical_scroll_offset(offset.max(0.0));
        }
        let mut focused = None;
        let output = area.show_rows(ui, self.height, self.len, |ui, range| {
            for index in range {
                let id = self.id.with(index);
                row(ui, index, id);
                if ui.memory(|m| m.has_focus(id)) {
                    focused = Some(index);
                }
            }
        });
        memory.offset = output.state.clamped_offset().y;
        memory.viewport = output.inner_rect.height();
        if let Some(index) = focused {
            memory.last_focused = index;
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a screenful of rows, small and positive"
            )]
            let page = ((memory.viewport / step).floor() as usize).max(1);
            if let Some(target) = self.key_target(ui, index, page) {
                memory.last_focused = target;
                memory.reveal = Some(target);
                ui.memory_mut(|m| {
                    // Instead of egui's move to the nearest widget on screen.
                    m.move_focus(egui::FocusDirection::None);
                    m.request_focus(self.id.with(target));
                });
                ui.ctx().request_repaint();
            }
        }
        ui.data_mut(|d| d.insert_temp(memory_id, memory));
    }

    /// The row a key pressed this frame moves the focus to from row `index`, if any.
    fn key_target(&self, ui: &Ui, index: usize, page: usize) -> Option<usize> {
        let last = self.len.checked_sub(1)?;
        let stops = |i: usize| self.focusable.is_none_or(|f| f(i));
        // The nearest row the keyboard stops on from `from` going `down` (or up), `from`
        // included; none past the ends.
        let nearest = |from: usize, down: bool| -> Option<usize> {
            if down {
                (from..=last).find(|&i| stops(i))
            } else {
                (0..=from.min(last)).rev().find(|&i| stops(i))
            }
        };
        let pressed = |key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        let target = if pressed(Key::ArrowDown) {
            nearest(index + 1, true)
        } else if pressed(Key::ArrowUp) {
            index.checked_sub(1).and_then(|i| nearest(i, false))
        } else if pressed(Key::Home) {
            nearest(0, true)
        } else if pressed(Key::End) {
            nearest(last, false)
        } else if pressed(Key::PageDown) {
            nearest((index + page).min(last), false).filter(|&i| i > index)
        } else if pressed(Key::PageUp) {
            nearest(index.saturating_sub(page), true).filter(|&i| i < index)
        } else {
            None
        };
        target.filter(|&t| t != index)
    }
}

/// Where the keyboard enters a part of the window (F6 moves between the parts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Entry {
    /// Nowhere yet: the part has not been drawn.
    #[default]
    None,
    /// A list: the row that had the focus last.
    List(Id),
    /// A widget.
    Widget(Id),
}

impl Entry {
    /// Gives the keyboard focus to the entry; `false` when there is nothing to focus.
    pub fn focus(self, ctx: &egui::Context) -> bool {
        match self {
            Self::None => false,
            Self::List(id) => focus(ctx, id),
            Self::Widget(id) => {
                ctx.memory_mut(|m| m.request_focus(id));
                true
            }
        }
    }
}

/// Whether a row of the list `id` has the keyboard focus (the row that had it last is the
/// only one that can).
pub fn has_focus(ctx: &egui::Context, id: Id) -> bool {
    let memory = ctx.data(|d| d.get_temp::<Memory>(id.with("rows")));
    memory.is_some_and(|memory| ctx.memory(|m| m.has_focus(id.with(memory.last_focused))))
}

/// Gives the keyboard focus to the list `id`'s row that had it last (its first row the first
/// time), bringing it into view; `false` when the list has no row.
pub fn focus(ctx: &egui::Context, id: Id) -> bool {
    focus_row(ctx, id, None)
}

/// Gives the keyboard focus to the list `id`'s row `index` (or, with none, the row that had
/// it last), bringing it into view once the list is drawn with that many rows; `false` when
/// the list has not been drawn or has no row.
pub fn focus_row(ctx: &egui::Context, id: Id, index: Option<usize>) -> bool {
    let memory_id = id.with("rows");
    let Some(mut memory) = ctx.data(|d| d.get_temp::<Memory>(memory_id)) else {
        return false;
    };
    if memory.len == 0 && index.is_none() {
        return false;
    }
    let index = index.unwrap_or(memory.last_focused.min(memory.len.saturating_sub(1)));
    memory.last_focused = index;
    memory.reveal = Some(index);
    ctx.data_mut(|d| d.insert_temp(memory_id, memory));
    ctx.memory_mut(|m| m.request_focus(id.with(index)));
    true
}

/// Claims a row of `height` across the list for the widget `id`: it answers clicks, and
/// Enter or Space while it has the focus.
pub fn row_response(ui: &mut Ui, id: Id, height: f32) -> Response {
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
    ui.interact(rect, id, Sense::click())
}

/// The background of a row: the selection's colour when `selected`, a lighter one while the
/// pointer is over it, and a frame while it has the keyboard focus. Every list draws its rows
/// alike.
pub fn row_background_ui(ui: &Ui, response: &Response, selected: bool) {
    let visuals = ui.visuals();
    let rect = response.rect;
    let painter = ui.painter();
    if selected {
        painter.rect_filled(rect, 3.0, visuals.selection.bg_fill.gamma_multiply(0.5));
    } else if response.hovered() {
        painter.rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
    }
    if response.has_focus() {
        painter.rect_stroke(
            rect.shrink(1.0),
            3.0,
            visuals.selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
}
