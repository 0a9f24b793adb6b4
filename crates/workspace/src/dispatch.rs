//! The one place an [`Action`] is applied: every action and every command matched by name, so
//! an action nobody handles does not compile.

use std::path::PathBuf;

use marginalia_core::{AnnotationId, Edit};
use marginalia_io as io;

use crate::corpus::{self, CorpusAction};
use crate::{
    Action, Command, Effect, FilePurpose, Pending, Prompt, SuggestionAction, Workspace, count,
};

impl Workspace {
    /// Applies `action`, then brings what is derived from the document (suggestions still to
    /// decide, the review's differences) up to date; returns what only the window can do.
    #[must_use = "the window must carry out the effects"]
    pub fn apply(&mut self, action: Action) -> Vec<Effect> {
        self.run(action);
        self.sync_suggestions();
        self.refresh_review();
        self.sync_corpus();
        std::mem::take(&mut self.effects)
    }

    fn run(&mut self, action: Action) {
        match action {
            Action::Command(command) => self.command(command),
            Action::Tick => self.tick(),
            Action::FinishReading => {
                self.finish_reading();
                self.finish_reading_corpus();
            }
            Action::OpenSample => self.open_sample(),
            Action::OpenDocument { doc, path } => self.open_document(*doc, path),
            Action::ReviewDocument { theirs, path } => self.review_document(*theirs, path),
            Action::SaveTo(path) => self.path_chosen(FilePurpose::Save, path, None, false),
            Action::Edit(edit) => {
                self.edit(edit, None);
            }
            Action::EditGrouped(edit, group) => {
                self.edit(edit, Some(group));
            }
            Action::EndGroup => {
                if let Some(open) = &mut self.open {
                    open.end_group();
                }
            }
            Action::Label(label) => self.label(&label),
            Action::SetPublisher { name, then_export } => {
                name.trim().clone_into(&mut self.prefs.publisher);
                if then_export && !self.publisher().is_empty() {
                    self.command(Command::Export(io::export::Format::ClaimReview));
                }
            }
            Action::Rate { id, verdict } => self.rate(id, verdict.map(|v| *v)),
            Action::Suggestion(action) => self.suggestion_action(action),
            Action::Select(id) => self.select(id),
            Action::SelectText(text) => self.select_text(text),
            Action::ClearSelection => self.clear_selection(),
            Action::LinkTo(target) => self.link_to(target),
            Action::CancelLink => self.selection.link_from = None,
            Action::Show(id) => self.show_annotation(id),
            Action::ScrollToChar(c) => self.effects.push(Effect::ScrollTo(c)),
            Action::Delete(id) => self.delete(id),
            Action::DeleteSpeaker(id) => self.delete_speaker(id),
            Action::ResizeToSelection(id) => self.resize_to_selection(id),
            Action::LabelMatches(label) => self.label_matches(&label),
            Action::FindText(text) => self.find_text(&text),
            Action::SetFindQuery(query) => {
                self.find.query = query;
                self.refresh_matches();
            }
            Action::SetFindLabel(label) => self.find.label = Some(label),
            Action::CloseFind => {
                self.find.open = false;
                self.refresh_matches();
            }
            Action::Open(path) if path.is_dir() => self.open_folder(&path),
            Action::Open(path) => self.when_saved_or_discarded(Pending::Open(path)),
            Action::OpenFolder(path) => self.open_folder(&path),
            Action::OpenAttachment(index) => self.open_attachment(index),
            Action::Pick(purpose) => self.pick(purpose, None),
            Action::Corpus(action) => self.corpus_action(action),
            Action::Dropped(path) => self.dropped(path),
            Action::StartReview(path) => self.start_review(&path),
            Action::ReviewDecision(decision) => self.review_decision(decision),
            Action::EndReview => self.end_review(),
            Action::PathChosen { path, confirmed } => {
                if let Some((purpose, then)) = self.picking.take()
                    && let Some(path) = path
                {
                    self.path_chosen(purpose, path, then, confirmed);
                }
            }
            Action::Answer(answer) => self.answer(answer),
            Action::Restore(entry) => {
                self.take_recover_entry(&entry.file);
                self.restore(&entry);
            }
            Action::DiscardRecovered(file) => {
                self.take_recover_entry(&file);
                io::recovery::discard(&file);
            }
            Action::CancelRead => self.cancel_read(),
            Action::SetAnnotator(name) => self.set_annotator(&name),
        }
    }

    fn select(&mut self, id: Option<AnnotationId>) {
        if id.is_some() {
            self.blur_suggestion();
        }
        self.selection.annotation = id;
        self.selection.link_from = None;
    }

    fn select_text(&mut self, text: Option<(usize, usize)>) {
        if text.is_some_and(|(a, b)| a != b) {
            self.blur_suggestion();
        }
        self.selection.text = text;
    }

    /// Esc: leaves link mode when in it, else clears the selection.
    fn clear_selection(&mut self) {
        self.blur_suggestion();
        if self.selection.link_from.take().is_none() {
            self.selection.text = None;
            self.selection.annotation = None;
        }
    }

    /// In link mode, makes the annotation it started from respond to `target`.
    fn link_to(&mut self, target: AnnotationId) {
        if let Some(from) = self.selection.link_from.take() {
            self.edit(
                Edit::Link {
                    id: from,
                    responds_to: Some(target),
                },
                None,
            );
        }
    }

    fn show_annotation(&mut self, id: AnnotationId) {
        self.selection.annotation = Some(id);
        if let Some(ann) = self.open.as_ref().and_then(|o| o.doc().annotation(id)) {
            self.effects.push(Effect::ScrollTo(ann.start));
        }
    }

    /// Opens the find bar on the first words of `text` (an orphan's quote) and goes to the
    /// first match.
    fn find_text(&mut self, text: &str) {
        self.find.open = true;
        self.find.query = text
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        self.refresh_matches();
        self.step_match(true);
    }

    /// A dropped annotation file, while a document is open, may be opened or reviewed; anything
    /// else is opened.
    fn dropped(&mut self, path: PathBuf) {
        if io::is_annotation_file(&path) && self.open.is_some() {
            self.ask(Prompt::DroppedRon { path });
        } else {
            self.when_saved_or_discarded(Pending::Open(path));
        }
    }

    fn cancel_read(&mut self) {
        if let Some(reading) = self.reading.take() {
            self.status = Some(format!(
                "Stopped reading {}; nothing changed",
                reading.loading.job().path().display()
            ));
        }
    }

    fn set_annotator(&mut self, name: &str) {
        name.trim().clone_into(&mut self.prefs.annotator);
        if let Some(corpus) = &mut self.corpus {
            corpus.set_me(name);
        }
    }

    /// Shows my open file's unsaved changes in the corpus's counts and comparison, or the files
    /// as read when it has none.
    fn sync_corpus(&mut self) {
        let Some(corpus) = &mut self.corpus else {
            return;
        };
        match &self.open {
            Some(open) if open.is_dirty() => {
                if let Some(path) = open.path() {
                    corpus.show_unsaved(path, open.doc(), open.revision());
                }
            }
            _ => corpus.show_as_read(),
        }
    }

    /// What the window sends before each frame: a file finished reading, a corpus reading
    /// arrived, the recovery copy is due.
    fn tick(&mut self) {
        self.poll_reading();
        if let Some(wait) = self.autosave() {
            self.effects.push(Effect::WakeAfter(wait));
        }
    }

    fn command(&mut self, command: Command) {
        if command.needs_document() && self.open.is_none() {
            self.status = Some("Open an article or an annotation file first.".to_owned());
            return;
        }
        if command.needs_corpus() && self.corpus.is_none() {
            self.status = Some("Open a folder of articles first (File ▸ Open folder…).".to_owned());
            return;
        }
        match command {
            Command::Open => self.when_saved_or_discarded(Pending::OpenDialog),
            Command::OpenFolder => self.pick(FilePurpose::OpenFolder, None),
            Command::OpenRecent => {}
            Command::SearchCorpus => {
                self.corpus_action(CorpusAction::Tab(corpus::Tab::Search));
                self.effects.push(Effect::FocusCorpusSearch);
            }
            Command::NextNotDone => self.corpus_action(CorpusAction::NextNotDone),
            Command::PreviousNotDone => self.corpus_action(CorpusAction::PreviousNotDone),
            Command::SetStatus(status) => {
                if self.edit(Edit::SetStatus(status), None).is_some() {
                    self.status = Some(format!("This article is now {}", status.name()));
                }
            }
            Command::CloseCorpus => self.corpus_action(CorpusAction::Close),
            Command::Save => self.save(None),
            Command::SaveAs => self.save_as(None),
            Command::Review => self.pick(FilePurpose::Review, None),
            Command::Export(format) if format.needs_publisher() && self.publisher().is_empty() => {
                self.ask(Prompt::Publisher { then_export: true });
            }
            Command::Export(format) => self.pick(FilePurpose::Export(format), None),
            Command::Publisher => self.ask(Prompt::Publisher { then_export: false }),
            Command::EditScale => self.ask(Prompt::Scale),
            Command::ArticleDetails => {
                let attachments = self.article_attachments();
                self.ask(Prompt::ArticleDetails { attachments });
            }
            Command::Annotator => self.ask(Prompt::AnnotatorName),
            Command::Quit => self.quit(),
            Command::Undo | Command::Redo => self.undo_redo(command == Command::Undo),
            Command::Delete => {
                if let Some(id) = self.selected_or_say() {
                    self.delete(id);
                }
            }
            Command::PickSpeaker => {
                if let Some(id) = self.selected_or_say() {
                    self.ask(Prompt::PickSpeaker(id));
                }
            }
            Command::PickRespondsTo => {
                if let Some(id) = self.selected_or_say() {
                    self.ask(Prompt::PickRespondsTo(id));
                }
            }
            Command::Rate => {
                if let Some(id) = self.selected_or_say() {
                    self.ask(Prompt::Verdict(id));
                }
            }
            Command::LinkInArticle => {
                if let Some(id) = self.selected_or_say() {
                    self.selection.link_from = Some(id);
                }
            }
            Command::Find => {
                self.find.open = true;
                self.refresh_matches();
                self.effects.push(Effect::FocusFind);
            }
            Command::FindNext | Command::FindPrevious => {
                self.step_match(command == Command::FindNext);
            }
            Command::ZoomIn => self.prefs.zoom_by(1),
            Command::ZoomOut => self.prefs.zoom_by(-1),
            Command::ZoomReset => self.prefs.zoom = 1.0,
            Command::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            Command::ToggleSidePanel => self.effects.push(Effect::ToggleSidePanel),
            Command::ToggleSuggestions => {
                self.prefs.suggestions = !self.prefs.suggestions;
                self.sync_suggestions();
                self.status = Some(match &self.suggestions {
                    Some(s) => format!(
                        "{} to decide: Tab goes to the next, a label's key accepts it with its \
                         speaker, Backspace dismisses it.",
                        count(s.left(), "suggested quotation", "suggested quotations")
                    ),
                    None if self.prefs.suggestions => {
                        "Suggested quotes will show in the articles you open.".to_owned()
                    }
                    None => "Suggested quotes hidden.".to_owned(),
                });
            }
            Command::NextSuggestion | Command::PreviousSuggestion => {
                self.step_suggestion(command == Command::NextSuggestion);
            }
            Command::DismissSuggestion => self.suggestion_action(SuggestionAction::Dismiss),
            Command::Shortcuts => self.ask(Prompt::Shortcuts),
            Command::About => self.ask(Prompt::About),
        }
    }

    /// The selected annotation for a command that acts on it; else says to select one.
    fn selected_or_say(&mut self) -> Option<AnnotationId> {
        let id = self.selected_annotation();
        if id.is_none() {
            self.status = Some("Select an annotation first: click its highlight.".to_owned());
        }
        id
    }

    /// The selected annotation, when it still exists.
    pub(super) fn selected_annotation(&self) -> Option<AnnotationId> {
        let id = self.selection.annotation?;
        self.open.as_ref()?.doc().annotation(id).map(|a| a.id)
    }
}
