//! The commands of the window: one list that gives each its text and shortcut, read by the
//! menus, the shortcut handler and the help window alike.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A command the user can give from a menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiCommand {
    /// Open an article or annotation file with a dialog.
    Open,
    /// Save to the current file, or ask where when there is none.
    Save,
    /// Save to a file chosen with a dialog.
    SaveAs,
    /// Review a colleague's annotation file against mine.
    Review,
    /// Close the window.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Delete the selected annotation.
    Delete,
    /// Pick the selected annotation's speaker from a list that filters as you type.
    PickSpeaker,
    /// Pick what the selected annotation responds to from a list that filters as you type.
    PickRespondsTo,
    /// Pick what the selected annotation responds to by clicking it in the article.
    LinkInArticle,
    /// Show the find bar.
    Find,
    /// Go to the next match.
    FindNext,
    /// Go to the previous match.
    FindPrevious,
    /// Larger article text.
    ZoomIn,
    /// Smaller article text.
    ZoomOut,
    /// Article text at its normal size.
    ZoomReset,
    /// Switch between light and dark.
    ToggleTheme,
    /// List the keyboard shortcuts.
    Shortcuts,
    /// Say what Marginalia is.
    About,
}

impl UiCommand {
    /// Every command, in menu order.
    pub const ALL: [Self; 20] = [
        Self::Open,
        Self::Save,
        Self::SaveAs,
        Self::Review,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::Delete,
        Self::PickSpeaker,
        Self::PickRespondsTo,
        Self::LinkInArticle,
        Self::Find,
        Self::FindNext,
        Self::FindPrevious,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ZoomReset,
        Self::ToggleTheme,
        Self::Shortcuts,
        Self::About,
    ];

    /// The command's name in menus.
    pub fn text(self) -> &'static str {
        match self {
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::Review => "Review a colleague's file…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Delete => "Delete annotation",
            Self::PickSpeaker => "Set speaker…",
            Self::PickRespondsTo => "Responds to…",
            Self::LinkInArticle => "Responds to: click it in the article",
            Self::Find => "Find…",
            Self::FindNext => "Find next",
            Self::FindPrevious => "Find previous",
            Self::ZoomIn => "Larger text",
            Self::ZoomOut => "Smaller text",
            Self::ZoomReset => "Normal text size",
            Self::ToggleTheme => "Light or dark theme",
            Self::Shortcuts => "Keyboard shortcuts",
            Self::About => "About Marginalia",
        }
    }

    /// The main shortcut shown in menus.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// Every shortcut that gives the command.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        const fn cmd(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND, key)
        }
        const fn cmd_shift(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
        }
        const fn plain(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::NONE, key)
        }
        match self {
            Self::Open => vec![cmd(Key::O)],
            Self::Save => vec![cmd(Key::S)],
            Self::SaveAs => vec![cmd_shift(Key::S)],
            Self::Quit => vec![cmd(Key::Q)],
            Self::Undo => vec![cmd(Key::Z)],
            Self::Redo => vec![cmd_shift(Key::Z), cmd(Key::Y)],
            Self::Delete => vec![plain(Key::Delete), plain(Key::Backspace)],
            Self::PickSpeaker => vec![plain(Key::S)],
            Self::PickRespondsTo => vec![plain(Key::R)],
            Self::LinkInArticle => vec![plain(Key::L)],
            Self::Find => vec![cmd(Key::F)],
            Self::FindNext => vec![plain(Key::F3), cmd(Key::G)],
            Self::FindPrevious => vec![
                KeyboardShortcut::new(Modifiers::SHIFT, Key::F3),
                cmd_shift(Key::G),
            ],
            Self::ZoomIn => vec![cmd(Key::Plus), cmd(Key::Equals)],
            Self::ZoomOut => vec![cmd(Key::Minus)],
            Self::ZoomReset => vec![cmd(Key::Num0)],
            Self::ToggleTheme | Self::About | Self::Review => Vec::new(),
            Self::Shortcuts => vec![plain(Key::F1)],
        }
    }

    /// Whether the command's plain-key shortcut must wait while a text field has focus.
    pub fn yields_to_text_fields(self) -> bool {
        self.needs_selected_annotation()
    }

    /// Whether the command acts on the selected annotation.
    pub fn needs_selected_annotation(self) -> bool {
        matches!(
            self,
            Self::Delete | Self::PickSpeaker | Self::PickRespondsTo | Self::LinkInArticle
        )
    }
}
