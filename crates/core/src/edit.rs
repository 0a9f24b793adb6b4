//! The one way a document changes. Each [`Edit`] is checked against the rules in
//! [`super::validate`] before it touches anything, and applying it yields its inverse, from
//! which undo, redo and the unsaved marker all follow ([`super::history`]).

use super::model::{
    Annotation, AnnotationId, Dismissed, Document, Label, Speaker, SpeakerId, Status,
};
use super::validate::{self, Place, Problem, ProblemKind};
use super::verdict::{self, Scale, Verdict};

/// A change to a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Adds a placed annotation; its id must be new.
    AddAnnotation(Annotation),
    /// Removes an annotation nothing responds to.
    RemoveAnnotation(AnnotationId),
    /// Gives an annotation another label.
    Relabel {
        /// The annotation.
        id: AnnotationId,
        /// The new label's id.
        label: String,
    },
    /// Moves an annotation's ends; quote and context follow the text.
    Resize {
        /// The annotation.
        id: AnnotationId,
        /// New start, code points.
        start: usize,
        /// New end, code points.
        end: usize,
    },
    /// Sets or clears who said it.
    SetSpeaker {
        /// The annotation.
        id: AnnotationId,
        /// The speaker, or none.
        speaker: Option<SpeakerId>,
    },
    /// Sets or clears the annotation this one answers.
    Link {
        /// The responding annotation.
        id: AnnotationId,
        /// The annotation it answers, or none.
        responds_to: Option<AnnotationId>,
    },
    /// Replaces an annotation's note.
    SetNote {
        /// The annotation.
        id: AnnotationId,
        /// The new note.
        note: String,
    },
    /// Inserts a label at a position of the label list; its id must be new.
    InsertLabel {
        /// Position in the label list.
        index: usize,
        /// The label.
        label: Label,
    },
    /// Removes a label no annotation uses.
    RemoveLabel(String),
    /// Renames a label (its id stays).
    RenameLabel {
        /// The label's id.
        id: String,
        /// The new name.
        name: String,
    },
    /// Gives a label another colour.
    RecolorLabel {
        /// The label's id.
        id: String,
        /// `#RRGGBB`.
        color: String,
    },
    /// Gives a label another key, or none.
    SetLabelKey {
        /// The label's id.
        id: String,
        /// One character or empty.
        key: String,
    },
    /// Inserts a speaker at a position of the speaker list; its id must be new.
    InsertSpeaker {
        /// Position in the speaker list.
        index: usize,
        /// The speaker.
        speaker: Speaker,
    },
    /// Removes a speaker no annotation names.
    RemoveSpeaker(SpeakerId),
    /// Renames a speaker.
    RenameSpeaker {
        /// The speaker.
        id: SpeakerId,
        /// The new name.
        name: String,
    },
    /// Sets a speaker's role.
    SetSpeakerRole {
        /// The speaker.
        id: SpeakerId,
        /// The new role.
        role: String,
    },
    /// Keeps an annotation that could not be placed on this text; its id must be new.
    AddOrphan(Annotation),
    /// Removes an orphan (when it is placed, or dropped by the user).
    RemoveOrphan(AnnotationId),
    /// Replaces what is said about the article: its headline, publisher, address and date of
    /// publication. The text itself never changes.
    SetArticleDetails {
        /// The headline.
        title: String,
        /// The publisher or outlet.
        source: String,
        /// Where it was published.
        url: String,
        /// When it was published.
        date: String,
    },
    /// Records who annotated the file and when it was saved, as a save writes them. A save
    /// applies it outside the undo history and applies its inverse when the file could not be
    /// written.
    SetFileDetails {
        /// Who annotated it.
        annotator: String,
        /// When it was saved, RFC 3339 in UTC.
        modified: String,
    },
    /// Says how far the annotator has got with the article.
    SetStatus(Status),
    /// Gives an annotation a verdict, replaces it, or clears it.
    SetVerdict {
        /// The annotation.
        id: AnnotationId,
        /// The verdict, or none.
        verdict: Option<Verdict>,
    },
    /// Replaces the rating scale; refused when a verdict's rating would be left off it.
    SetScale(Scale),
    /// Remembers that the suggested quotation of a span was dismissed.
    Dismiss(Dismissed),
    /// Forgets a dismissal: the quotation is suggested again.
    Undismiss(Dismissed),
    /// Several edits as one step: all apply, or none.
    Batch(Vec<Edit>),
}

impl Edit {
    /// Adds `label` at the end of the label list.
    pub fn add_label(doc: &Document, label: Label) -> Self {
        Self::InsertLabel {
            index: doc.labels.len(),
            label,
        }
    }

    /// Adds `speaker` at the end of the speaker list.
    pub fn add_speaker(doc: &Document, speaker: Speaker) -> Self {
        Self::InsertSpeaker {
            index: doc.speakers.len(),
            speaker,
        }
    }

    /// Makes a new speaker named `name` (trimmed) and gives it annotation `annotation`, as one
    /// step; when a speaker of that name exists ([`crate::names::same_speaker`]), gives it that
    /// one instead.
    pub fn assign_speaker_named(doc: &Document, annotation: AnnotationId, name: &str) -> Self {
        if let Some(existing) = doc.speaker_named(name) {
            return Self::SetSpeaker {
                id: annotation,
                speaker: Some(existing.id),
            };
        }
        let speaker = Speaker {
            id: doc.next_speaker_id(),
            name: name.trim().to_owned(),
            role: String::new(),
        };
        let id = speaker.id;
        Self::Batch(vec![
            Self::add_speaker(doc, speaker),
            Self::SetSpeaker {
                id: annotation,
                speaker: Some(id),
            },
        ])
    }

    /// Annotates each of `quotes` (`[start, end)` and a speaker's name) with `label` as one
    /// step, giving each its speaker: the speaker of that name when there is one, else a new
    /// one. Spans already annotated with `label`, or not spans of the text, are passed over;
    /// `None` when none is left.
    pub fn annotate_quotes(
        doc: &Document,
        quotes: &[(usize, usize, Option<&str>)],
        label: &str,
    ) -> Option<Self> {
        let mut added: Vec<Annotation> = Vec::new();
        let mut new_speakers: Vec<Speaker> = Vec::new();
        let mut next_annotation = doc.next_annotation_id().0;
        let mut next_speaker = doc.next_speaker_id().0;
        for &(start, end, speaker) in quotes {
            let id = AnnotationId(next_annotation);
            let Some(mut ann) = Annotation::on_text(&doc.article, id, label, start, end) else {
                continue;
            };
            let repeated = added.iter().any(|a| (a.start, a.end) == (start, end));
            if repeated || validate::duplicate_of(doc, &ann).is_some() {
                continue;
            }
            let name = speaker.map(str::trim).filter(|name| !name.is_empty());
            ann.speaker = name.map(|name| {
                if let Some(existing) = doc.speaker_named(name) {
                    return existing.id;
                }
                if let Some(new) = new_speakers
                    .iter()
                    .find(|s| crate::names::same_speaker(&s.name, name))
                {
                    return new.id;
                }
                let id = SpeakerId(next_speaker);
                next_speaker += 1;
                new_speakers.push(Speaker {
                    id,
                    name: name.to_owned(),
                    role: String::new(),
                });
                id
            });
            next_annotation += 1;
            added.push(ann);
        }
        if added.is_empty() {
            return None;
        }
        let first_index = doc.speakers.len();
        let speakers =
            new_speakers
                .into_iter()
                .enumerate()
                .map(|(i, speaker)| Self::InsertSpeaker {
                    index: first_index + i,
                    speaker,
                });
        Some(Self::Batch(
            speakers
                .chain(added.into_iter().map(Self::AddAnnotation))
                .collect(),
        ))
    }

    /// Places orphan `id` on `[start, end)` of the text, keeping its id, label, speaker and
    /// note, and its link when what it answers is placed; `None` when there is no such orphan
    /// or the range is not a span of the text.
    pub fn place_orphan(
        doc: &Document,
        id: AnnotationId,
        start: usize,
        end: usize,
    ) -> Option<Self> {
        let orphan = doc.orphans.iter().find(|o| o.id == id)?;
        let mut placed = Annotation::on_text(&doc.article, id, &orphan.label, start, end)?;
        placed.speaker = orphan.speaker;
        placed.note.clone_from(&orphan.note);
        placed.responds_to = orphan.responds_to.filter(|t| doc.annotation(*t).is_some());
        Some(Self::Batch(vec![
            Self::RemoveOrphan(id),
            Self::AddAnnotation(placed),
        ]))
    }

    /// Adds a label named `name` (trimmed), with an id made from the name and not yet in use
    /// ("Fact check" → `fact-check`, then `fact-check-2`…).
    pub fn add_label_named(doc: &Document, name: &str, color: [u8; 3], key: &str) -> Self {
        let name = name.trim();
        let label = Label {
            id: doc.new_label_id(name),
            name: name.to_owned(),
            color: format!("#{:02X}{:02X}{:02X}", color[0], color[1], color[2]),
            key: key.to_owned(),
        };
        Self::add_label(doc, label)
    }

    /// Moves every annotation of speaker `from` to speaker `into`, then removes `from`.
    pub fn merge_speakers(doc: &Document, from: SpeakerId, into: SpeakerId) -> Self {
        let mut edits: Vec<Edit> = doc
            .annotations
            .iter()
            .filter(|a| a.speaker == Some(from))
            .map(|a| Self::SetSpeaker {
                id: a.id,
                speaker: Some(into),
            })
            .collect();
        edits.push(Self::RemoveSpeaker(from));
        Self::Batch(edits)
    }

    /// Removes speaker `id` after leaving every annotation that names it without a speaker.
    pub fn remove_speaker_unassigning(doc: &Document, id: SpeakerId) -> Self {
        let mut edits: Vec<Edit> = doc
            .annotations
            .iter()
            .filter(|a| a.speaker == Some(id))
            .map(|a| Self::SetSpeaker {
                id: a.id,
                speaker: None,
            })
            .collect();
        edits.push(Self::RemoveSpeaker(id));
        Self::Batch(edits)
    }

    /// Removes annotation `id` after unlinking every annotation that responds to it.
    pub fn remove_unlinking_responses(doc: &Document, id: AnnotationId) -> Self {
        let mut edits: Vec<Edit> = doc
            .responses_to(id)
            .map(|a| Self::Link {
                id: a.id,
                responds_to: None,
            })
            .collect();
        edits.push(Self::RemoveAnnotation(id));
        Self::Batch(edits)
    }

    /// A short description for menus ("Undo add annotation").
    pub fn describe(&self) -> &'static str {
        match self {
            Self::AddAnnotation(_) => "add annotation",
            Self::RemoveAnnotation(_) => "delete annotation",
            Self::Relabel { .. } => "change label",
            Self::Resize { .. } => "resize annotation",
            Self::SetSpeaker { .. } => "set speaker",
            Self::Link { .. } => "set responds to",
            Self::SetNote { .. } => "edit note",
            Self::InsertLabel { .. } => "add label",
            Self::RemoveLabel(_) => "remove label",
            Self::RenameLabel { .. } => "rename label",
            Self::RecolorLabel { .. } => "change label colour",
            Self::SetLabelKey { .. } => "change label key",
            Self::InsertSpeaker { .. } => "add speaker",
            Self::RemoveSpeaker(_) => "remove speaker",
            Self::RenameSpeaker { .. } => "rename speaker",
            Self::SetSpeakerRole { .. } => "set speaker role",
            Self::AddOrphan(_) => "keep orphan",
            Self::RemoveOrphan(_) => "remove orphan",
            Self::SetArticleDetails { .. } => "edit article details",
            Self::SetFileDetails { .. } => "record who saved it and when",
            Self::SetStatus(_) => "change the article's status",
            Self::SetVerdict { verdict: None, .. } => "remove verdict",
            Self::SetVerdict { .. } => "rate claim",
            Self::SetScale(_) => "change the rating scale",
            Self::Dismiss(_) => "dismiss suggestion",
            Self::Undismiss(_) => "bring back suggestion",
            Self::Batch(edits) => match edits.as_slice() {
                [only] => only.describe(),
                _ => "several changes",
            },
        }
    }
}

fn missing_annotation(id: AnnotationId) -> Problem {
    Problem::new(Place::Annotation(id), "there is no annotation with this id")
        .of_kind(ProblemKind::Missing)
}

fn missing_label(id: &str) -> Problem {
    Problem::new(
        Place::Label(id.to_owned()),
        "there is no label with this id",
    )
    .of_kind(ProblemKind::Missing)
}

fn missing_speaker(id: SpeakerId) -> Problem {
    Problem::new(Place::Speaker(id), "there is no speaker with this id")
        .of_kind(ProblemKind::Missing)
}

/// Refuses `ann` when another annotation has its span and label.
fn refuse_duplicate(doc: &Document, ann: &Annotation) -> Result<(), Problem> {
    validate::duplicate_of(doc, ann).map_or(Ok(()), |existing| {
        Err(validate::duplicate_problem(ann, existing.id))
    })
}

/// Refuses `label` when another label has its key.
fn refuse_taken_key(doc: &Document, label: &Label) -> Result<(), Problem> {
    validate::key_taken_by(doc, label).map_or(Ok(()), |holder| {
        Err(validate::key_taken_problem(label, holder))
    })
}

fn first_problem(problems: Vec<Problem>) -> Result<(), Problem> {
    problems.into_iter().next().map_or(Ok(()), Err)
}

impl Document {
    fn dismiss(&mut self, span: Dismissed) -> Result<Edit, Problem> {
        validate::dismissed_problem(self, span).map_or(Ok(()), Err)?;
        match self.dismissed.binary_search(&span) {
            Ok(_) => Err(Problem::new(
                Place::Article,
                "this suggestion was dismissed already",
            )),
            Err(at) => {
                self.dismissed.insert(at, span);
                Ok(Edit::Undismiss(span))
            }
        }
    }

    fn undismiss(&mut self, span: Dismissed) -> Result<Edit, Problem> {
        let at = self.dismissed.binary_search(&span).map_err(|_| {
            Problem::new(Place::Article, "this suggestion is not dismissed")
                .of_kind(ProblemKind::Missing)
        })?;
        self.dismissed.remove(at);
        Ok(Edit::Dismiss(span))
    }

    /// Applies `edit` when it keeps every rule, and returns the edit that undoes it.
    /// On error the document is unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, Problem> {
        match edit {
            Edit::AddAnnotation(ann) => self.add_annotation(ann),
            Edit::RemoveAnnotation(id) => self.remove_annotation(id),
            Edit::Relabel { id, label } => {
                if self.label(&label).is_none() {
                    return Err(missing_label(&label));
                }
                let mut relabelled = self
                    .annotation(id)
                    .ok_or_else(|| missing_annotation(id))?
                    .clone();
                relabelled.label.clone_from(&label);
                refuse_duplicate(self, &relabelled)?;
                let ann = self.annotation_mut(id)?;
                let old = std::mem::replace(&mut ann.label, label);
                Ok(Edit::Relabel { id, label: old })
            }
            Edit::Resize { id, start, end } => self.resize(id, start, end),
            Edit::SetSpeaker { id, speaker } => {
                if let Some(s) = speaker
                    && self.speaker(s).is_none()
                {
                    return Err(missing_speaker(s));
                }
                let ann = self.annotation_mut(id)?;
                let old = std::mem::replace(&mut ann.speaker, speaker);
                Ok(Edit::SetSpeaker { id, speaker: old })
            }
            Edit::Link { id, responds_to } => self.link(id, responds_to),
            Edit::SetNote { id, note } => {
                let ann = self.annotation_mut(id)?;
                let old = std::mem::replace(&mut ann.note, note);
                Ok(Edit::SetNote { id, note: old })
            }
            Edit::SetArticleDetails {
                title,
                source,
                url,
                date,
            } => Ok(self.set_article_details([title, source, url, date])),
            Edit::SetFileDetails {
                annotator,
                modified,
            } => Ok(Edit::SetFileDetails {
                annotator: std::mem::replace(&mut self.annotator, annotator),
                modified: std::mem::replace(&mut self.modified, modified),
            }),
            Edit::Dismiss(span) => self.dismiss(span),
            Edit::Undismiss(span) => self.undismiss(span),
            Edit::SetStatus(status) => {
                Ok(Edit::SetStatus(std::mem::replace(&mut self.status, status)))
            }
            Edit::SetVerdict { id, verdict } => self.set_verdict(id, verdict),
            Edit::SetScale(scale) => self.set_scale(scale),
            Edit::InsertLabel { index, label } => self.insert_label(index, label),
            Edit::RemoveLabel(id) => self.remove_label(id),
            Edit::RenameLabel { id, name } => self.rename_label(id, name),
            Edit::RecolorLabel { id, color } => self.change_label(&id, |l| {
                let old = std::mem::replace(&mut l.color, color);
                Edit::RecolorLabel {
                    id: l.id.clone(),
                    color: old,
                }
            }),
            Edit::SetLabelKey { id, key } => self.change_label(&id, |l| {
                // Checked against the other labels once changed, in `change_label`.
                let old = std::mem::replace(&mut l.key, key);
                Edit::SetLabelKey {
                    id: l.id.clone(),
                    key: old,
                }
            }),
            Edit::InsertSpeaker { index, speaker } => self.insert_speaker(index, speaker),
            Edit::RemoveSpeaker(id) => self.remove_speaker(id),
            Edit::RenameSpeaker { id, name } => {
                let speaker = self.speaker_mut(id)?;
                let old = std::mem::replace(&mut speaker.name, name);
                Ok(Edit::RenameSpeaker { id, name: old })
            }
            Edit::SetSpeakerRole { id, role } => {
                let speaker = self.speaker_mut(id)?;
                let old = std::mem::replace(&mut speaker.role, role);
                Ok(Edit::SetSpeakerRole { id, role: old })
            }
            Edit::AddOrphan(orphan) => self.add_orphan(orphan),
            Edit::RemoveOrphan(id) => {
                let index = self
                    .orphans
                    .iter()
                    .position(|o| o.id == id)
                    .ok_or_else(|| {
                        Problem::new(Place::Orphan(id), "there is no orphan with this id")
                    })?;
                Ok(Edit::AddOrphan(self.orphans.remove(index)))
            }
            Edit::Batch(edits) => self.apply_batch(edits),
        }
    }

    /// Sets the headline, publisher, address and date; returns the edit that sets them back.
    fn set_article_details(&mut self, [title, source, url, date]: [String; 4]) -> Edit {
        let article = &mut self.article;
        Edit::SetArticleDetails {
            title: std::mem::replace(&mut article.title, title),
            source: std::mem::replace(&mut article.source, source),
            url: std::mem::replace(&mut article.url, url),
            date: std::mem::replace(&mut article.date, date),
        }
    }

    fn set_verdict(&mut self, id: AnnotationId, verdict: Option<Verdict>) -> Result<Edit, Problem> {
        if let Some(verdict) = &verdict
            && let Some(problem) =
                verdict::verdict_problem(&self.scale, verdict, Place::Annotation(id))
        {
            return Err(problem);
        }
        let ann = self.annotation_mut(id)?;
        let old = std::mem::replace(&mut ann.verdict, verdict.map(Box::new));
        Ok(Edit::SetVerdict {
            id,
            verdict: old.map(|v| *v),
        })
    }

    fn set_scale(&mut self, scale: Scale) -> Result<Edit, Problem> {
        self.scale_problem(&scale).map_or(Ok(()), Err)?;
        Ok(Edit::SetScale(std::mem::replace(&mut self.scale, scale)))
    }

    fn rename_label(&mut self, id: String, name: String) -> Result<Edit, Problem> {
        let label = self.label_mut(&id)?;
        // A label from a file written by hand may have had no name: undoing its naming takes
        // it back to none.
        if !label.name.trim().is_empty()
            && let Some(problem) = validate::label_name_problem(&id, &name)
        {
            return Err(problem);
        }
        let old = std::mem::replace(&mut label.name, name);
        Ok(Edit::RenameLabel { id, name: old })
    }

    fn insert_label(&mut self, index: usize, label: Label) -> Result<Edit, Problem> {
        first_problem(validate::label_problems(&label))?;
        if let Some(problem) = validate::label_name_problem(&label.id, &label.name) {
            return Err(problem);
        }
        refuse_taken_key(self, &label)?;
        if self.label(&label.id).is_some() {
            return Err(Problem::new(
                Place::Label(label.id),
                "a label with this id exists already; choose another name",
            ));
        }
        let id = label.id.clone();
        self.labels.insert(index.min(self.labels.len()), label);
        Ok(Edit::RemoveLabel(id))
    }

    fn remove_label(&mut self, id: String) -> Result<Edit, Problem> {
        let in_use = self
            .annotations
            .iter()
            .chain(&self.orphans)
            .filter(|a| a.label == id)
            .count();
        if in_use > 0 {
            return Err(Problem::new(
                Place::Label(id),
                format!("{in_use} annotation(s) use this label; relabel them first"),
            )
            .of_kind(ProblemKind::InUse));
        }
        let index = self
            .labels
            .iter()
            .position(|l| l.id == id)
            .ok_or_else(|| missing_label(&id))?;
        let label = self.labels.remove(index);
        Ok(Edit::InsertLabel { index, label })
    }

    /// Changes a label through `change` (which returns the inverse), keeping the change only
    /// when the label still keeps every rule.
    fn change_label(
        &mut self,
        id: &str,
        change: impl FnOnce(&mut Label) -> Edit,
    ) -> Result<Edit, Problem> {
        let mut changed = self.label_mut(id)?.clone();
        let inverse = change(&mut changed);
        first_problem(validate::label_problems(&changed))?;
        refuse_taken_key(self, &changed)?;
        *self.label_mut(id)? = changed;
        Ok(inverse)
    }

    fn insert_speaker(&mut self, index: usize, speaker: Speaker) -> Result<Edit, Problem> {
        if speaker.id.0 == 0 || self.speaker(speaker.id).is_some() {
            return Err(Problem::new(
                Place::Speaker(speaker.id),
                "a new speaker needs a positive id not in use",
            ));
        }
        let id = speaker.id;
        self.speakers
            .insert(index.min(self.speakers.len()), speaker);
        Ok(Edit::RemoveSpeaker(id))
    }

    fn remove_speaker(&mut self, id: SpeakerId) -> Result<Edit, Problem> {
        let in_use = self
            .annotations
            .iter()
            .chain(&self.orphans)
            .filter(|a| a.speaker == Some(id))
            .count();
        if in_use > 0 {
            return Err(Problem::new(
                Place::Speaker(id),
                format!("{in_use} annotation(s) name this speaker; reassign or merge them first"),
            )
            .of_kind(ProblemKind::InUse));
        }
        let index = self
            .speakers
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| missing_speaker(id))?;
        let speaker = self.speakers.remove(index);
        Ok(Edit::InsertSpeaker { index, speaker })
    }

    fn apply_batch(&mut self, edits: Vec<Edit>) -> Result<Edit, Problem> {
        let mut inverses = Vec::with_capacity(edits.len());
        for edit in edits {
            match self.apply(edit) {
                Ok(inverse) => inverses.push(inverse),
                Err(problem) => {
                    for inverse in inverses.into_iter().rev() {
                        // Each inverse undoes an edit that just succeeded, so it applies.
                        let undone = self.apply(inverse);
                        debug_assert!(undone.is_ok(), "a batch could not be rolled back");
                    }
                    return Err(problem);
                }
            }
        }
        inverses.reverse();
        Ok(Edit::Batch(inverses))
    }

    fn annotation_mut(&mut self, id: AnnotationId) -> Result<&mut Annotation, Problem> {
        let index = self
            .annotation_index(id)
            .ok_or_else(|| missing_annotation(id))?;
        self.annotations
            .get_mut(index)
            .ok_or_else(|| missing_annotation(id))
    }

    fn label_mut(&mut self, id: &str) -> Result<&mut Label, Problem> {
        self.labels
            .iter_mut()
            .find(|l| l.id == id)
            .ok_or_else(|| missing_label(id))
    }

    fn speaker_mut(&mut self, id: SpeakerId) -> Result<&mut Speaker, Problem> {
        self.speakers
            .iter_mut()
            .find(|s| s.id == id)
            .ok_or_else(|| missing_speaker(id))
    }

    fn insert_sorted(&mut self, ann: Annotation) {
        let at = self
            .annotations
            .partition_point(|a| a.sort_key() < ann.sort_key());
        self.span_of.insert(ann.id, (ann.start, ann.end));
        self.annotations.insert(at, ann);
    }

    fn add_annotation(&mut self, ann: Annotation) -> Result<Edit, Problem> {
        if ann.id.0 == 0
            || self.annotation(ann.id).is_some()
            || self.orphans.iter().any(|o| o.id == ann.id)
        {
            return Err(Problem::new(
                Place::Annotation(ann.id),
                "a new annotation needs a positive id not in use",
            ));
        }
        first_problem(validate::annotation_problems(self, &ann))?;
        refuse_duplicate(self, &ann)?;
        if let Some(target) = ann.responds_to
            && validate::link_creates_cycle(self, ann.id, target)
        {
            return Err(cycle_problem(ann.id));
        }
        let id = ann.id;
        self.insert_sorted(ann);
        Ok(Edit::RemoveAnnotation(id))
    }

    fn add_orphan(&mut self, orphan: Annotation) -> Result<Edit, Problem> {
        if orphan.id.0 == 0
            || self.annotation(orphan.id).is_some()
            || self.orphans.iter().any(|o| o.id == orphan.id)
        {
            return Err(Problem::new(
                Place::Orphan(orphan.id),
                "a new orphan needs a positive id not in use",
            ));
        }
        first_problem(validate::orphan_problems(self, &orphan))?;
        let id = orphan.id;
        self.orphans.push(orphan);
        Ok(Edit::RemoveOrphan(id))
    }

    fn remove_annotation(&mut self, id: AnnotationId) -> Result<Edit, Problem> {
        let responses = self.responses_to(id).count();
        if responses > 0 {
            return Err(Problem::new(
                Place::Annotation(id),
                format!("{responses} annotation(s) respond to it; unlink them first"),
            )
            .of_kind(ProblemKind::InUse));
        }
        let index = self
            .annotation_index(id)
            .ok_or_else(|| missing_annotation(id))?;
        let ann = self.annotations.remove(index);
        self.span_of.remove(&ann.id);
        Ok(Edit::AddAnnotation(ann))
    }

    fn resize(&mut self, id: AnnotationId, start: usize, end: usize) -> Result<Edit, Problem> {
        let index = self
            .annotation_index(id)
            .ok_or_else(|| missing_annotation(id))?;
        let old = self
            .annotations
            .get(index)
            .ok_or_else(|| missing_annotation(id))?;
        let (old_start, old_end) = (old.start, old.end);
        let mut resized = Annotation::on_text(&self.article, id, &old.label, start, end)
            .ok_or_else(|| {
                Problem::new(
                    Place::Annotation(id),
                    format!(
                        "[{start}, {end}) is not a span of the text ({} code points)",
                        self.article.len_chars()
                    ),
                )
            })?;
        resized.speaker = old.speaker;
        resized.responds_to = old.responds_to;
        resized.note.clone_from(&old.note);
        first_problem(validate::annotation_problems(self, &resized))?;
        refuse_duplicate(self, &resized)?;
        self.annotations.remove(index);
        self.insert_sorted(resized);
        Ok(Edit::Resize {
            id,
            start: old_start,
            end: old_end,
        })
    }

    fn link(
        &mut self,
        id: AnnotationId,
        responds_to: Option<AnnotationId>,
    ) -> Result<Edit, Problem> {
        if let Some(target) = responds_to {
            if target == id {
                return Err(Problem::new(
                    Place::Annotation(id),
                    "an annotation cannot respond to itself",
                ));
            }
            if self.annotation(target).is_none() {
                return Err(missing_annotation(target));
            }
            if validate::link_creates_cycle(self, id, target) {
                return Err(cycle_problem(id));
            }
        }
        let ann = self.annotation_mut(id)?;
        let old = std::mem::replace(&mut ann.responds_to, responds_to);
        Ok(Edit::Link {
            id,
            responds_to: old,
        })
    }
}

fn cycle_problem(id: AnnotationId) -> Problem {
    Problem::new(
        Place::Annotation(id),
        "this link would make a loop of responses (it already answers this one, directly or \
         through others)",
    )
    .of_kind(ProblemKind::Loop)
}
