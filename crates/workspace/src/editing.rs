//! Changes to the document (labelling, resizing, deleting, labelling every match) and the
//! find bar's matches.

use marginalia_core::{Annotation, AnnotationId, Edit, Problem, ProblemKind, SpeakerId};
use marginalia_io as io;

use crate::{Effect, Prompt, SuggestionAction, Workspace, count};

impl Workspace {
    /// Applies `edit` as an undo step; a refusal is said in the status bar.
    pub(super) fn edit(&mut self, edit: Edit, group: Option<u64>) -> Option<()> {
        let open = self.open.as_mut()?;
        match open.apply(edit, group) {
            Ok(()) => {
                self.forget_missing_selection();
                // A corpus article opened without a file of mine: my first change makes it.
                if let Some(target) = self.create_on_change.take() {
                    if let Some(open) = &mut self.open {
                        open.begin_work();
                    }
                    let target = io::free_path(&target);
                    if self.save_checked(&target, None, false) {
                        self.status = Some(format!(
                            "Made your file {} for this article",
                            target.display()
                        ));
                    }
                }
                Some(())
            }
            Err(problem) => {
                self.refused(&problem);
                None
            }
        }
    }

    /// Gives annotation `id` a verdict, signed by the annotator and dated now, or removes it;
    /// a verdict saying what it said already changes nothing.
    pub(super) fn rate(&mut self, id: AnnotationId, verdict: Option<marginalia_core::Verdict>) {
        let Some(open) = &self.open else {
            return;
        };
        let doc = open.doc();
        let Some(old) = doc.annotation(id).map(|a| a.verdict.clone()) else {
            return;
        };
        let verdict = verdict.map(|mut v| {
            v.conclusion = v.conclusion.trim().to_owned();
            v.url = v.url.trim().to_owned();
            v.sources = v
                .sources
                .iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect();
            v.by = if self.prefs.annotator.trim().is_empty() {
                doc.annotator.clone()
            } else {
                self.prefs.annotator.trim().to_owned()
            };
            v
        });
        let unchanged = match (&old, &verdict) {
            (None, None) => true,
            (Some(o), Some(n)) => {
                (&o.rating, &o.conclusion, &o.sources, &o.url)
                    == (&n.rating, &n.conclusion, &n.sources, &n.url)
            }
            _ => false,
        };
        if unchanged {
            return;
        }
        let said = verdict.as_ref().map_or_else(
            || "Verdict removed".to_owned(),
            |v| {
                let name = doc
                    .scale()
                    .rating(&v.rating)
                    .map_or("?", |r| r.name.as_str());
                format!("Rated {name}")
            },
        );
        let verdict = verdict.map(|mut v| {
            v.date = io::format::now_rfc3339();
            v
        });
        if self.edit(Edit::SetVerdict { id, verdict }, None).is_some() {
            self.status = Some(said);
        }
    }

    /// Says why a change was refused, or does what the user meant: a duplicate of an
    /// annotation selects that one.
    pub(super) fn refused(&mut self, problem: &Problem) {
        match problem.kind {
            ProblemKind::DuplicateAnnotation(existing) => {
                self.selection.annotation = Some(existing);
                self.status = Some(format!(
                    "Annotation {existing} already has that span and label: selected it."
                ));
            }
            _ => self.status = Some(format!("Not changed: {problem}")),
        }
    }

    /// Drops the selected annotation from the selection once it no longer exists.
    pub(super) fn forget_missing_selection(&mut self) {
        let exists = |id: AnnotationId| {
            self.open
                .as_ref()
                .is_some_and(|o| o.doc().annotation(id).is_some())
        };
        if self.selection.annotation.is_some_and(|id| !exists(id)) {
            self.selection.annotation = None;
        }
        if self.selection.link_from.is_some_and(|id| !exists(id)) {
            self.selection.link_from = None;
        }
    }

    pub(super) fn undo_redo(&mut self, undo: bool) {
        let Some(open) = &mut self.open else {
            return;
        };
        let history = open.history();
        let what = if undo {
            history.undo_description()
        } else {
            history.redo_description()
        };
        let result = if undo { open.undo() } else { open.redo() };
        match result {
            // Said in place of whatever the status said of the step now undone or redone.
            Ok(true) => {
                let done = if undo { "Undid" } else { "Redid" };
                self.status = what.map(|what| format!("{done}: {what}."));
            }
            Ok(false) => {
                self.status = Some(if undo {
                    "Nothing to undo.".to_owned()
                } else {
                    "Nothing to redo.".to_owned()
                });
            }
            Err(problem) => {
                let what = if undo { "undo" } else { "redo" };
                self.status = Some(format!("Could not {what}: {problem}"));
            }
        }
        self.forget_missing_selection();
    }

    /// Labels the selected text (a new annotation) or relabels the selected annotation.
    pub(super) fn label(&mut self, label: &str) {
        let Some(open) = &self.open else {
            return;
        };
        let doc = open.doc();
        let name = doc
            .label(label)
            .map_or(label, |l| l.name.as_str())
            .to_owned();
        if let Some((start, end)) = self.selection.range() {
            let Some((start, end)) = doc.article.snap_selection(start, end) else {
                self.status = Some("The selection holds only white space.".to_owned());
                return;
            };
            let id = doc.next_annotation_id();
            let Some(ann) = Annotation::on_text(&doc.article, id, label, start, end) else {
                return;
            };
            if self.edit(Edit::AddAnnotation(ann), None).is_some() {
                self.selection.annotation = Some(id);
                self.selection.text = Some((end, end));
            }
        } else if self
            .suggestions
            .as_ref()
            .is_some_and(|s| s.current().is_some())
            && self.selected_annotation().is_none()
        {
            self.suggestion_action(SuggestionAction::Accept(label.to_owned()));
        } else if let Some(id) = self.selected_annotation() {
            if doc.annotation(id).is_some_and(|a| a.label != label) {
                self.edit(
                    Edit::Relabel {
                        id,
                        label: label.to_owned(),
                    },
                    None,
                );
            }
        } else {
            self.status = Some(format!(
                "Select text first (drag, or double-click a word), then press the key to label \
                 it {name}."
            ));
        }
    }

    pub(super) fn resize_to_selection(&mut self, id: AnnotationId) {
        let snapped = self.selection.range().and_then(|(start, end)| {
            self.open
                .as_ref()
                .and_then(|o| o.doc().article.snap_selection(start, end))
        });
        match snapped {
            Some((start, end)) => {
                self.edit(Edit::Resize { id, start, end }, None);
            }
            None => self.status = Some("Select some text first.".to_owned()),
        }
    }

    pub(super) fn delete(&mut self, id: AnnotationId) {
        let Some(open) = &self.open else {
            return;
        };
        let responses = open.doc().responses_to(id).count();
        if responses > 0 {
            self.ask(Prompt::ConfirmDelete { id, responses });
        } else {
            self.edit(Edit::RemoveAnnotation(id), None);
        }
    }

    pub(super) fn delete_speaker(&mut self, id: SpeakerId) {
        let Some(open) = &self.open else {
            return;
        };
        let uses = open
            .doc()
            .annotations()
            .iter()
            .filter(|a| a.speaker == Some(id))
            .count();
        if uses > 0 {
            self.ask(Prompt::ConfirmDeleteSpeaker { id, uses });
        } else {
            self.edit(Edit::RemoveSpeaker(id), None);
        }
    }

    pub(super) fn label_matches(&mut self, label: &str) {
        let Some(open) = &self.open else {
            return;
        };
        let doc = open.doc();
        let mut next = doc.next_annotation_id().0;
        let mut edits = Vec::new();
        for &(start, end) in &self.find.matches {
            if let Some(ann) =
                Annotation::on_text(&doc.article, AnnotationId(next), label, start, end)
                && marginalia_core::validate::duplicate_of(doc, &ann).is_none()
            {
                edits.push(Edit::AddAnnotation(ann));
                next += 1;
            }
        }
        let labelled = edits.len();
        if labelled == 0 {
            self.status = Some("Every match already has that label.".to_owned());
        } else if self.edit(Edit::Batch(edits), None).is_some() {
            self.status = Some(format!("Labelled {}.", count(labelled, "match", "matches")));
        }
    }

    // ---- Find ----

    pub(super) fn step_match(&mut self, forward: bool) {
        let n = self.find.matches.len();
        if n == 0 {
            return;
        }
        let next = match self.find.current {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None => 0,
        };
        self.find.current = Some(next);
        if let Some(&(start, end)) = self.find.matches.get(next) {
            self.effects.push(Effect::ScrollTo(start));
            self.selection.text = Some((start, end));
        }
    }

    pub(super) fn refresh_matches(&mut self) {
        self.find.current = None;
        self.find.matches = match (&self.open, self.find.open) {
            (Some(open), true) => open.doc().article.find_all(&self.find.query),
            _ => Vec::new(),
        };
    }
}
