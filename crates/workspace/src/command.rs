//! The commands of the window: one table that gives each its name in menus and whether it
//! needs a selected annotation. Menus, keyboard shortcuts and the shortcuts help all read it;
//! the window adds the keys (`ui::command`).

use marginalia_core::Status;
use marginalia_io::export::Format;

/// A command the user can give from a menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Open an article or annotation file with a dialog.
    Open,
    /// Open a file opened before (a submenu of recent files).
    OpenRecent,
    /// Open a folder of articles as a corpus.
    OpenFolder,
    /// Save to the current file, or ask where when there is none.
    Save,
    /// Save to a file chosen with a dialog.
    SaveAs,
    /// Review a colleague's annotation file against mine.
    Review,
    /// Export the labelled spans in a format, asking where.
    Export(Format),
    /// Edit the article's headline, publisher and address.
    ArticleDetails,
    /// Set the name written into the files you save.
    Annotator,
    /// Set the organisation that publishes the fact-checks.
    Publisher,
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
    /// Give the selected claim a fact-check verdict, or change it.
    Rate,
    /// Edit the ratings verdicts are given on.
    EditScale,
    /// Show the find bar.
    Find,
    /// Go to the next match.
    FindNext,
    /// Go to the previous match.
    FindPrevious,
    /// Enlarge the whole window.
    ZoomIn,
    /// Shrink the whole window.
    ZoomOut,
    /// The window at its normal size.
    ZoomReset,
    /// Switch between light and dark.
    ToggleTheme,
    /// Show or hide the suggested quotations.
    ToggleSuggestions,
    /// Show or hide the side panel (in a narrow window, the drawer over the article).
    ToggleSidePanel,
    /// Go to the next suggested quotation.
    NextSuggestion,
    /// Go to the previous suggested quotation.
    PreviousSuggestion,
    /// Dismiss the suggested quotation in focus, for good.
    DismissSuggestion,
    /// Search the quotes, notes and speakers of the whole corpus.
    SearchCorpus,
    /// Open the next article of the corpus list not marked done.
    NextNotDone,
    /// Open the previous article of the corpus list not marked done.
    PreviousNotDone,
    /// Say how far I have got with the open article.
    SetStatus(Status),
    /// Close the corpus.
    CloseCorpus,
    /// List the keyboard shortcuts.
    Shortcuts,
    /// Say what Marginalia is.
    About,
}

/// The menus, in order, each with its commands; `None` marks a separator.
pub const MENUS: [(&str, &[Option<Command>]); 5] = [
    (
        "File",
        &[
            Some(Command::Open),
            Some(Command::OpenFolder),
            Some(Command::OpenRecent),
            None,
            Some(Command::Save),
            Some(Command::SaveAs),
            None,
            Some(Command::Review),
            Some(Command::Export(Format::Csv)),
            Some(Command::Export(Format::Xlsx)),
            Some(Command::Export(Format::Jsonl)),
            Some(Command::Export(Format::Brat)),
            Some(Command::Export(Format::W3c)),
            Some(Command::Export(Format::Md)),
            Some(Command::Export(Format::Html)),
            Some(Command::Export(Format::ClaimReview)),
            Some(Command::ArticleDetails),
            None,
            Some(Command::Annotator),
            Some(Command::Publisher),
            None,
            Some(Command::Quit),
        ],
    ),
    (
        "Edit",
        &[
            Some(Command::Undo),
            Some(Command::Redo),
            None,
            Some(Command::Delete),
            Some(Command::PickSpeaker),
            Some(Command::PickRespondsTo),
            Some(Command::LinkInArticle),
            Some(Command::Rate),
            Some(Command::EditScale),
            None,
            Some(Command::Find),
            Some(Command::FindNext),
            Some(Command::FindPrevious),
        ],
    ),
    (
        "View",
        &[
            Some(Command::ZoomIn),
            Some(Command::ZoomOut),
            Some(Command::ZoomReset),
            None,
            Some(Command::ToggleTheme),
            Some(Command::ToggleSidePanel),
            None,
            Some(Command::ToggleSuggestions),
            Some(Command::NextSuggestion),
            Some(Command::PreviousSuggestion),
            Some(Command::DismissSuggestion),
        ],
    ),
    (
        "Corpus",
        &[
            Some(Command::SearchCorpus),
            Some(Command::NextNotDone),
            Some(Command::PreviousNotDone),
            None,
            Some(Command::SetStatus(Status::NotStarted)),
            Some(Command::SetStatus(Status::InProgress)),
            Some(Command::SetStatus(Status::Done)),
            None,
            Some(Command::CloseCorpus),
        ],
    ),
    ("Help", &[Some(Command::Shortcuts), Some(Command::About)]),
];

impl Command {
    /// Every command, in menu order.
    pub fn all() -> impl Iterator<Item = Self> {
        MENUS
            .iter()
            .flat_map(|(_, commands)| commands.iter().flatten().copied())
    }

    /// The command's name in menus and in the shortcuts help.
    pub fn text(self) -> &'static str {
        match self {
            Self::Open => "Open…",
            Self::OpenRecent => "Open recent",
            Self::OpenFolder => "Open folder…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::Review => "Review a colleague's file…",
            Self::Export(format) => match format {
                Format::Csv => "Export as CSV…",
                Format::Xlsx => "Export as an Excel workbook…",
                Format::Jsonl => "Export as JSONL…",
                Format::Brat => "Export to a brat folder…",
                Format::W3c => "Export as W3C Web Annotation…",
                Format::Md => "Export as a Markdown report…",
                Format::Html => "Export as a web page…",
                Format::ClaimReview => "Export fact-checks as ClaimReview…",
            },
            Self::ArticleDetails => "Article details…",
            Self::Annotator => "Your name…",
            Self::Publisher => "Fact-check publisher…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Delete => "Delete annotation",
            Self::PickSpeaker => "Set speaker…",
            Self::PickRespondsTo => "Responds to…",
            Self::LinkInArticle => "Responds to: click it in the article",
            Self::Rate => "Verdict…",
            Self::EditScale => "Rating scale…",
            Self::Find => "Find…",
            Self::FindNext => "Find next",
            Self::FindPrevious => "Find previous",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ZoomReset => "Normal size",
            Self::ToggleTheme => "Light or dark theme",
            Self::ToggleSuggestions => "Show or hide suggested quotes",
            Self::ToggleSidePanel => "Show or hide the side panel",
            Self::NextSuggestion => "Next suggested quote",
            Self::PreviousSuggestion => "Previous suggested quote",
            Self::DismissSuggestion => "Dismiss suggested quote",
            Self::SearchCorpus => "Search the corpus…",
            Self::NextNotDone => "Next article not done",
            Self::PreviousNotDone => "Previous article not done",
            Self::SetStatus(Status::NotStarted) => "Mark this article not started",
            Self::SetStatus(Status::InProgress) => "Mark this article in progress",
            Self::SetStatus(Status::Done) => "Mark this article done",
            Self::CloseCorpus => "Close the folder",
            Self::Shortcuts => "Keyboard shortcuts",
            Self::About => "About Marginalia",
        }
    }

    /// Whether the command acts on the selected annotation.
    pub fn needs_selected_annotation(self) -> bool {
        matches!(
            self,
            Self::Delete
                | Self::PickSpeaker
                | Self::PickRespondsTo
                | Self::LinkInArticle
                | Self::Rate
        )
    }

    /// Whether the command acts on an open document.
    pub fn needs_document(self) -> bool {
        matches!(
            self,
            Self::Save
                | Self::SaveAs
                | Self::Review
                | Self::Export(_)
                | Self::ArticleDetails
                | Self::EditScale
                | Self::Find
                | Self::FindNext
                | Self::FindPrevious
                | Self::SetStatus(_)
                | Self::ToggleSidePanel
                | Self::NextSuggestion
                | Self::PreviousSuggestion
                | Self::DismissSuggestion
        ) || self.needs_selected_annotation()
    }

    /// Whether the command acts on an open corpus.
    pub fn needs_corpus(self) -> bool {
        matches!(
            self,
            Self::SearchCorpus | Self::NextNotDone | Self::PreviousNotDone | Self::CloseCorpus
        )
    }
}
