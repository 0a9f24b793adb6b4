//! The keys of the command table: which shortcut gives each command. Menus show them, the
//! shortcut handler reads them, and the shortcuts help lists them, all from here.

use egui::{Key, KeyboardShortcut, Modifiers};

use marginalia_workspace::Command;

/// Every shortcut that gives `command`, the one shown in menus first.
pub fn shortcuts(command: Command) -> Vec<KeyboardShortcut> {
    const fn cmd(key: Key) -> KeyboardShortcut {
        KeyboardShortcut::new(Modifiers::COMMAND, key)
    }
    const fn cmd_shift(key: Key) -> KeyboardShortcut {
        KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
    }
    const fn plain(key: Key) -> KeyboardShortcut {
        KeyboardShortcut::new(Modifiers::NONE, key)
    }
    match command {
        Command::Open => vec![cmd(Key::O)],
        Command::OpenFolder => vec![cmd_shift(Key::O)],
        Command::SearchCorpus => vec![cmd_shift(Key::F)],
        Command::NextNotDone => vec![cmd(Key::PageDown)],
        Command::PreviousNotDone => vec![cmd(Key::PageUp)],
        Command::SetStatus(marginalia_core::Status::Done) => vec![cmd_shift(Key::D)],
        Command::Save => vec![cmd(Key::S)],
        Command::SaveAs => vec![cmd_shift(Key::S)],
        Command::Quit => vec![cmd(Key::Q)],
        Command::Undo => vec![cmd(Key::Z)],
        Command::Redo => vec![cmd_shift(Key::Z), cmd(Key::Y)],
        Command::Delete => vec![plain(Key::Delete), plain(Key::Backspace)],
        Command::PickSpeaker => vec![plain(Key::S)],
        Command::PickRespondsTo => vec![plain(Key::R)],
        Command::LinkInArticle => vec![plain(Key::L)],
        Command::Rate => vec![plain(Key::V)],
        Command::Find => vec![cmd(Key::F)],
        Command::FindNext => vec![plain(Key::F3), cmd(Key::G)],
        Command::FindPrevious => vec![
            KeyboardShortcut::new(Modifiers::SHIFT, Key::F3),
            cmd_shift(Key::G),
        ],
        Command::ZoomIn => vec![cmd(Key::Plus), cmd(Key::Equals)],
        Command::ZoomOut => vec![cmd(Key::Minus)],
        Command::ZoomReset => vec![cmd(Key::Num0)],
        Command::Shortcuts => vec![plain(Key::F1)],
        Command::ToggleSuggestions => vec![cmd_shift(Key::U)],
        Command::ToggleSidePanel => vec![cmd(Key::B)],
        Command::NextSuggestion => vec![plain(Key::Tab)],
        Command::PreviousSuggestion => vec![KeyboardShortcut::new(Modifiers::SHIFT, Key::Tab)],
        Command::DismissSuggestion => vec![plain(Key::Backspace)],
        Command::OpenRecent
        | Command::Review
        | Command::Export(_)
        | Command::ArticleDetails
        | Command::Annotator
        | Command::Publisher
        | Command::EditScale
        | Command::ToggleTheme
        | Command::SetStatus(_)
        | Command::CloseCorpus
        | Command::About => Vec::new(),
    }
}

/// Whether a command's plain-key shortcut gives way: to a text field that has the keyboard
/// (`typing`), and for the suggestions' Tab, Shift+Tab and Backspace, to any widget but the
/// article that has it (`elsewhere`: Tab then walks the widgets).
pub fn yields(command: Command, typing: bool, elsewhere: bool) -> bool {
    let suggestion_key = matches!(
        command,
        Command::NextSuggestion | Command::PreviousSuggestion | Command::DismissSuggestion
    );
    (typing && (command.needs_selected_annotation() || suggestion_key))
        || (elsewhere && suggestion_key)
}
