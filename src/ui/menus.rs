//! The menu bar and the keyboard shortcuts, both read from the command table
//! ([`marginalia_workspace::command`]) and its keys ([`super::command`]).

use egui::{RichText, Ui};

use marginalia_io::export::Format;
use marginalia_workspace::command::MENUS;
use marginalia_workspace::{Action, Command, Workspace};

use super::command::{self, yields};

/// The menu bar, with `end` drawn at its right end; gives the ids of its menus. With `focus`,
/// its first menu takes the keyboard (F10): ← → move between the menus, Enter or ↓ opens one,
/// ↑ ↓ walk it, Esc leaves.
pub fn menu_bar_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    actions: &mut Vec<Action>,
    focus: bool,
    end: impl FnOnce(&mut Ui),
) -> Vec<egui::Id> {
    let mut ids = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        for (menu, commands) in MENUS {
            let response = ui.menu_button(menu, |ui| {
                let mut exports_shown = false;
                for entry in commands {
                    match entry {
                        None => {
                            ui.separator();
                        }
                        Some(Command::OpenRecent) => recent_files_ui(ui, workspace, actions),
                        // Publishing fact-checks stands on its own, reached by the arrows.
                        Some(command @ Command::Export(Format::ClaimReview)) => {
                            command_button_ui(ui, workspace, *command, actions);
                        }
                        // The other exports, one submenu.
                        Some(Command::Export(_)) if exports_shown => {}
                        Some(Command::Export(_)) => {
                            exports_shown = true;
                            ui.add_enabled_ui(workspace.document().is_some(), |ui| {
                                ui.menu_button("Export", |ui| {
                                    let exports = commands
                                        .iter()
                                        .flatten()
                                        .filter(|c| {
                                            matches!(c, Command::Export(f) if *f != Format::ClaimReview)
                                        });
                                    for command in exports {
                                        command_button_ui(ui, workspace, *command, actions);
                                    }
                                });
                            });
                        }
                        Some(command) => command_button_ui(ui, workspace, *command, actions),
                    }
                }
            });
            if focus && ids.is_empty() {
                response.response.request_focus();
            }
            ids.push(response.response.id);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), end);
    });
    ids
}

/// File ▸ Open recent.
fn recent_files_ui(ui: &mut Ui, workspace: &Workspace, actions: &mut Vec<Action>) {
    ui.menu_button(Command::OpenRecent.text(), |ui| {
        let recent = &workspace.preferences().recent_files;
        if recent.is_empty() {
            ui.label(RichText::new("No recent files").weak());
        }
        for path in recent {
            if ui.button(path.display().to_string()).clicked() {
                actions.push(Action::Open(path.clone()));
                ui.close();
            }
        }
    });
}

/// A menu entry for `command`, with its shortcut, greyed out when it cannot run now.
fn command_button_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    command: Command,
    actions: &mut Vec<Action>,
) {
    let open = workspace.document();
    let text = match command {
        Command::Undo => open
            .and_then(|o| o.history().undo_description())
            .map(|d| format!("Undo {d}")),
        Command::Redo => open
            .and_then(|o| o.history().redo_description())
            .map(|d| format!("Redo {d}")),
        Command::ToggleSuggestions => Some(if workspace.preferences().suggestions {
            "Hide suggested quotes".to_owned()
        } else {
            "Show suggested quotes".to_owned()
        }),
        _ => None,
    };
    let enabled = workspace.can_run(command);
    let mut button = egui::Button::new(text.as_deref().unwrap_or(command.text()));
    if let Some(shortcut) = command::shortcuts(command).first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    if ui.add_enabled(enabled, button).clicked() {
        actions.push(Action::Command(command));
        ui.close();
    }
}

/// The commands whose shortcuts were pressed this frame; `article` is the article's widget,
/// whose keys are the commands' too.
pub fn shortcuts(
    ctx: &egui::Context,
    workspace: &Workspace,
    article: Option<egui::Id>,
    actions: &mut Vec<Action>,
) {
    let typing = ctx.text_edit_focused();
    let elsewhere = ctx
        .memory(egui::Memory::focused)
        .is_some_and(|focused| Some(focused) != article);
    // A label's key wins over a plain-key command on the same key.
    let is_label_key = |key: egui::Key| {
        workspace
            .document()
            .is_some_and(|o| o.doc().label_for_key(key.name()).is_some())
    };
    // A plain key gives a command only when it can run: Backspace deletes the selected
    // annotation, else dismisses the suggestion in focus; Tab is egui's when no suggestion is
    // shown.
    let mut all: Vec<(Command, egui::KeyboardShortcut)> = Command::all()
        .filter(|c| !yields(*c, typing, elsewhere))
        .flat_map(|c| command::shortcuts(c).into_iter().map(move |s| (c, s)))
        .filter(|(_, s)| !(s.modifiers.is_none() && is_label_key(s.logical_key)))
        .filter(|(c, s)| {
            let plain = s.modifiers.is_none() || s.modifiers == egui::Modifiers::SHIFT;
            !plain || workspace.can_run(*c)
        })
        .collect();
    // egui matches shortcuts ignoring extra Shift, so Ctrl+Shift+Z must be tried before
    // Ctrl+Z: the shortcuts with more modifiers go first.
    all.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
    let mut took_tab = false;
    ctx.input_mut(|input| {
        for (command, shortcut) in all {
            if input.consume_shortcut(&shortcut) {
                actions.push(Action::Command(command));
                took_tab |= shortcut.logical_key == egui::Key::Tab;
            }
        }
    });
    if took_tab {
        // Tab went to a suggestion, not to the next widget.
        ctx.memory_mut(|memory| memory.move_focus(egui::FocusDirection::None));
    }
}

fn modifier_count(modifiers: egui::Modifiers) -> usize {
    [
        modifiers.alt,
        modifiers.ctrl,
        modifiers.shift,
        modifiers.mac_cmd,
        modifiers.command,
    ]
    .into_iter()
    .filter(|&m| m)
    .count()
}
