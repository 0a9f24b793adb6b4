//! Where the side panel goes. Docked at the window's right edge when the window has room for
//! it beside a readable article; in a narrower window, a drawer over the article, so that the
//! article keeps its width and nothing is cut. Either way Ctrl+B and the "Side panel" button
//! in the menu bar show and hide it, and F6 opens the drawer as it moves the keyboard into the
//! panel; Esc from within the drawer, F6 out of it, and a press outside it close it again.

use egui::{Context, Id, Order, Rect, Ui};

/// The narrowest article beside the docked side panel; a window with less room for the
/// two has the drawer.
const ARTICLE_MIN: f32 = 480.0;

/// The side panel's width when docked at first, and the drawer's at most.
pub const SIDE_WIDTH: f32 = 380.0;

/// The narrowest drawer, and the least of the article left visible beside it.
const DRAWER_MIN: f32 = 240.0;
const ARTICLE_BESIDE_DRAWER: f32 = 40.0;

/// How the side panel is shown this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Docked beside the article.
    Docked,
    /// A drawer over the article.
    Drawer,
    /// Not shown: hidden by the user, or a drawer that is closed.
    Hidden,
}

/// Whether the side panel is docked or a drawer, and whether it is shown.
#[derive(Default)]
pub struct SidePlace {
    /// The window is too narrow to dock it.
    narrow: bool,
    /// The user hid the docked panel.
    hidden: bool,
    /// The drawer is open.
    open: bool,
    /// The menu bar's button, which a press outside the drawer does not count on.
    button: Option<Rect>,
}

impl SidePlace {
    /// Decides, for `room` across for the article and the side panel together, whether the
    /// panel docks; a drawer left open closes when the window widens.
    pub fn measure(&mut self, room: f32) {
        self.narrow = room < ARTICLE_MIN + SIDE_WIDTH;
        if !self.narrow {
            self.open = false;
        }
    }

    /// How the panel is shown now.
    pub fn place(&self) -> Place {
        match (self.narrow, self.hidden, self.open) {
            (false, false, _) => Place::Docked,
            (true, _, true) => Place::Drawer,
            _ => Place::Hidden,
        }
    }

    /// Shows the panel, or hides it: Ctrl+B and the button.
    pub fn toggle(&mut self) {
        if self.narrow {
            self.open = !self.open;
        } else {
            self.hidden = !self.hidden;
        }
    }

    /// Shows the panel (the keyboard is moving into it).
    pub fn show(&mut self) {
        if self.narrow {
            self.open = true;
        } else {
            self.hidden = false;
        }
    }

    /// Closes the drawer (the keyboard left it); a docked panel stays.
    pub fn leave(&mut self) {
        self.open = false;
    }

    /// The button at the right end of the menu bar that shows and hides the panel; gives
    /// whether it was clicked.
    pub fn button_ui(&mut self, ui: &mut Ui) -> bool {
        let shown = self.place() != Place::Hidden;
        let response = ui
            .selectable_label(shown, "Side panel")
            .on_hover_text(if self.narrow {
                "The annotations, speakers and details, in a drawer over the article (Ctrl+B)"
            } else {
                "Show or hide the annotations, speakers and details (Ctrl+B)"
            });
        self.button = Some(response.rect);
        response.clicked()
    }

    /// Draws the drawer at the right of `room` with `add_contents` in it, over the article;
    /// gives the drawer's rectangle. Unless `modal` (a dialog is over the window), a press
    /// outside it (but on the button) closes it.
    pub fn drawer_ui(
        &mut self,
        ctx: &Context,
        room: Rect,
        modal: bool,
        add_contents: impl FnOnce(&mut Ui),
    ) -> Rect {
        let width = SIDE_WIDTH
            .min(room.width() - ARTICLE_BESIDE_DRAWER)
            .max(DRAWER_MIN.min(room.width()));
        let rect = Rect::from_min_max(
            egui::pos2(room.right() - width, room.top()),
            room.right_bottom(),
        );
        egui::Area::new(Id::unique("side-drawer"))
            .order(Order::Middle)
            .fixed_pos(rect.min)
            .constrain(false)
            .show(ctx, |ui| {
                ui.set_min_size(rect.size());
                ui.set_max_size(rect.size());
                let visuals = ui.visuals();
                egui::Frame::side_top_panel(ui.style())
                    .stroke(visuals.window_stroke)
                    .shadow(visuals.popup_shadow)
                    .show(ui, |ui| {
                        ui.set_min_size(ui.available_size());
                        add_contents(ui);
                    });
            });
        let pressed_outside = !modal
            && ctx.input(|i| {
                i.pointer.any_pressed()
                    && i.pointer.interact_pos().is_some_and(|p| {
                        !rect.contains(p) && !self.button.is_some_and(|b| b.contains(p))
                    })
            });
        if pressed_outside {
            self.open = false;
        }
        rect
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_window_docks_the_panel_and_a_narrow_one_draws_it_closed() {
        let mut place = SidePlace::default();
        place.measure(1280.0);
        assert_eq!(place.place(), Place::Docked);
        place.measure(640.0);
        assert_eq!(place.place(), Place::Hidden);
    }

    #[test]
    fn the_toggle_hides_the_docked_panel_and_opens_the_drawer() {
        let mut place = SidePlace::default();
        place.measure(1280.0);
        place.toggle();
        assert_eq!(place.place(), Place::Hidden);
        place.toggle();
        assert_eq!(place.place(), Place::Docked);

        place.measure(640.0);
        place.toggle();
        assert_eq!(place.place(), Place::Drawer);
        place.leave();
        assert_eq!(place.place(), Place::Hidden);
    }

    #[test]
    fn a_drawer_left_open_closes_when_the_window_widens_and_stays_closed_when_it_narrows() {
        let mut place = SidePlace::default();
        place.measure(640.0);
        place.show();
        place.measure(1280.0);
        assert_eq!(place.place(), Place::Docked);
        place.measure(640.0);
        assert_eq!(place.place(), Place::Hidden);
    }

    #[test]
    fn the_threshold_keeps_a_readable_article_beside_the_docked_panel() {
        let mut place = SidePlace::default();
        place.measure(ARTICLE_MIN + SIDE_WIDTH);
        assert_eq!(place.place(), Place::Docked);
        place.measure(ARTICLE_MIN + SIDE_WIDTH - 1.0);
        assert_eq!(place.place(), Place::Hidden);
    }
}
