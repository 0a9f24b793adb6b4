//! Every rule a document must keep, in one place: the file loader, the edits and the command
//! line all ask these functions, and none of them checks a rule of its own.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::model::{Annotation, AnnotationId, Dismissed, Document, Label, SpeakerId};

/// Where in a document a problem lies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The article text or its metadata.
    Article,
    /// The label with this id.
    Label(String),
    /// The speaker with this id.
    Speaker(SpeakerId),
    /// The placed annotation with this id.
    Annotation(AnnotationId),
    /// The orphan annotation with this id.
    Orphan(AnnotationId),
    /// The rating scale.
    Scale,
    /// The rating of the scale with this id.
    Rating(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Article => f.write_str("article"),
            Self::Label(id) => write!(f, "label {id:?}"),
            Self::Speaker(id) => write!(f, "speaker {id}"),
            Self::Annotation(id) => write!(f, "annotation {id}"),
            Self::Orphan(id) => write!(f, "orphan {id}"),
            Self::Scale => f.write_str("scale"),
            Self::Rating(id) => write!(f, "rating {id:?}"),
        }
    }
}

/// What kind of rule a problem breaks, for callers that act on it (the window selects the
/// annotation a refused duplicate would have repeated) rather than only show the message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ProblemKind {
    /// Any other broken rule; the message says which.
    #[default]
    Invalid,
    /// The same span with the same label exists already, as this annotation.
    DuplicateAnnotation(AnnotationId),
    /// Another label already answers to this key.
    KeyTaken {
        /// The label that has the key.
        label: String,
    },
    /// Something still uses what was to be removed (annotations name a speaker or a label,
    /// or respond to an annotation).
    InUse,
    /// A link would make responses loop back on themselves.
    Loop,
    /// What the edit names does not exist.
    Missing,
}

/// One broken rule: where, and a message that says what is wrong and what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {message}")]
pub struct Problem {
    /// Where the problem lies.
    pub place: Place,
    /// What is wrong and what to do about it.
    pub message: String,
    /// Which kind of rule it breaks.
    pub kind: ProblemKind,
}

impl Problem {
    /// A problem at `place`.
    pub fn new(place: Place, message: impl Into<String>) -> Self {
        Self {
            place,
            message: message.into(),
            kind: ProblemKind::Invalid,
        }
    }

    /// The same problem, of `kind`.
    #[must_use]
    pub fn of_kind(mut self, kind: ProblemKind) -> Self {
        self.kind = kind;
        self
    }
}

/// The annotation other than `ann` with `ann`'s span and label, if there is one: the same span
/// with the same label is one annotation, never two.
pub fn duplicate_of<'d>(doc: &'d Document, ann: &Annotation) -> Option<&'d Annotation> {
    // Annotations are sorted by (start, end, id): those with this span sit together.
    let span = (ann.start, ann.end);
    let from = doc.annotations.partition_point(|a| (a.start, a.end) < span);
    doc.annotations
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|a| (a.start, a.end) == span)
        .find(|a| a.id != ann.id && a.label == ann.label)
}

/// The problem of `ann` repeating `existing`.
pub fn duplicate_problem(ann: &Annotation, existing: AnnotationId) -> Problem {
    Problem::new(
        Place::Annotation(ann.id),
        format!(
            "annotation {existing} already has this span and label; use it, or give this one \
             another span or label"
        ),
    )
    .of_kind(ProblemKind::DuplicateAnnotation(existing))
}

/// The label other than `label` that answers to `label`'s key (letters in either case), if any.
pub fn key_taken_by<'d>(doc: &'d Document, label: &Label) -> Option<&'d Label> {
    doc.labels
        .iter()
        .find(|l| l.id != label.id && l.answers_to(&label.key))
}

/// The problem of `label` taking the key that `holder` has.
pub fn key_taken_problem(label: &Label, holder: &Label) -> Problem {
    Problem::new(
        Place::Label(label.id.clone()),
        format!(
            "key {:?} already applies the label {:?}; choose another key or none",
            label.key, holder.name
        ),
    )
    .of_kind(ProblemKind::KeyTaken {
        label: holder.id.clone(),
    })
}

/// What a document may hold but should not: problems that do not stop a file from loading
/// (files written before these rules were kept, or by hand), reported by `check` and when the
/// window opens the file. Two annotations with the same span and label; two labels with one key
/// (the key then applies the first).
pub fn warnings(doc: &Document) -> Vec<Problem> {
    let mut warnings = Vec::new();
    for ann in &doc.annotations {
        if let Some(existing) = duplicate_of(doc, ann)
            && existing.id < ann.id
        {
            warnings.push(duplicate_problem(ann, existing.id));
        }
    }
    for (index, label) in doc.labels.iter().enumerate() {
        if let Some(holder) = key_taken_by(doc, label)
            && doc.labels.iter().position(|l| l.id == holder.id) < Some(index)
        {
            warnings.push(key_taken_problem(label, holder));
        }
    }
    warnings.extend(
        doc.labels
            .iter()
            .filter_map(|label| label_name_problem(&label.id, &label.name)),
    );
    warnings
}

/// The problem with naming label `id` `name`, if any: a label needs a name, which its buttons,
/// tags and exports show. (Files that have a label without one still load, with a warning.)
pub fn label_name_problem(id: &str, name: &str) -> Option<Problem> {
    name.trim().is_empty().then(|| {
        Problem::new(
            Place::Label(id.to_owned()),
            "a label needs a name; give it one",
        )
    })
}

/// Whether `id` is a valid label id: `[a-z0-9_-]+`.
pub fn is_valid_label_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// Problems with one label on its own (id, colour, key).
pub fn label_problems(label: &Label) -> Vec<Problem> {
    let place = || Place::Label(label.id.clone());
    let mut problems = Vec::new();
    if !is_valid_label_id(&label.id) {
        problems.push(Problem::new(
            place(),
            "a label id may use only a-z, 0-9, '_' and '-', and may not be empty; rename it",
        ));
    }
    if super::model::parse_hex_color(&label.color).is_none() {
        problems.push(Problem::new(
            place(),
            format!(
                "colour {:?} is not of the form #RRGGBB (for example \"#E4572E\"); fix it",
                label.color
            ),
        ));
    }
    if label.key.chars().count() > 1 {
        problems.push(Problem::new(
            place(),
            format!(
                "key {:?} must be a single character or empty; shorten it",
                label.key
            ),
        ));
    }
    problems
}

/// Problems with one placed annotation against the document around it: its offsets and quote,
/// and whether its label, speaker and the annotation it answers exist.
pub fn annotation_problems(doc: &Document, ann: &Annotation) -> Vec<Problem> {
    let mut problems = reference_problems(doc, ann, Place::Annotation(ann.id));
    let place = || Place::Annotation(ann.id);
    let len = doc.article.len_chars();
    if ann.start >= ann.end {
        problems.push(Problem::new(
            place(),
            format!(
                "start {} must be less than end {}; fix the offsets",
                ann.start, ann.end
            ),
        ));
    } else if ann.end > len {
        problems.push(Problem::new(
            place(),
            format!(
                "end {} is past the end of the text ({len} code points); fix the offsets",
                ann.end
            ),
        ));
    } else if doc.article.slice_chars(ann.start, ann.end) != Some(ann.exact.as_str()) {
        let found = doc
            .article
            .slice_chars(ann.start, ann.end)
            .unwrap_or_default();
        problems.push(Problem::new(
            place(),
            format!(
                "exact {:?} is not the text at [{}, {}), which reads {:?}; \
                 the offsets or the article changed",
                ellipsize(&ann.exact),
                ann.start,
                ann.end,
                ellipsize(found)
            ),
        ));
    }
    if ann.responds_to == Some(ann.id) {
        problems.push(Problem::new(
            place(),
            "it responds to itself; link it to the claim it answers instead",
        ));
    }
    problems
}

/// Problems with an orphan: the things it refers to (its offsets are not checked).
pub fn orphan_problems(doc: &Document, orphan: &Annotation) -> Vec<Problem> {
    reference_problems(doc, orphan, Place::Orphan(orphan.id))
}

/// Problems with the things an annotation (placed or orphan) refers to.
fn reference_problems(doc: &Document, ann: &Annotation, place: Place) -> Vec<Problem> {
    let mut problems = Vec::new();
    if ann.id.0 == 0 {
        problems.push(Problem::new(
            place.clone(),
            "ids must be positive; renumber it",
        ));
    }
    if doc.label(&ann.label).is_none() {
        problems.push(Problem::new(
            place.clone(),
            format!(
                "label {:?} is not among the file's labels; add it to `labels` or relabel",
                ann.label
            ),
        ));
    }
    if let Some(speaker) = ann.speaker
        && doc.speaker(speaker).is_none()
    {
        problems.push(Problem::new(
            place.clone(),
            format!("speaker {speaker} does not exist; add it to `speakers` or remove the speaker"),
        ));
    }
    if let Some(target) = ann.responds_to
        && doc.annotation(target).is_none()
        && !doc.orphans.iter().any(|o| o.id == target)
    {
        problems.push(Problem::new(
            place.clone(),
            format!("responds_to {target} names no annotation; link it to one that exists"),
        ));
    }
    if let Some(verdict) = &ann.verdict {
        problems.extend(crate::verdict::verdict_problem(&doc.scale, verdict, place));
    }
    problems
}

/// Whether linking `from` to answer `to` would make a chain of responses loop back on itself.
pub fn link_creates_cycle(doc: &Document, from: AnnotationId, to: AnnotationId) -> bool {
    responders(doc, from).contains(&to)
}

/// `id` and every annotation that responds to it, directly or through others: the
/// annotations `id` may not be linked to, since that would close a loop.
pub fn responders(doc: &Document, id: AnnotationId) -> HashSet<AnnotationId> {
    let mut children: HashMap<AnnotationId, Vec<AnnotationId>> = HashMap::new();
    for ann in doc.annotations.iter().chain(&doc.orphans) {
        if let Some(target) = ann.responds_to {
            children.entry(target).or_default().push(ann.id);
        }
    }
    let mut found = HashSet::from([id]);
    let mut stack = vec![id];
    while let Some(next) = stack.pop() {
        for &child in children.get(&next).map(Vec::as_slice).unwrap_or_default() {
            if found.insert(child) {
                stack.push(child);
            }
        }
    }
    found
}

/// Ids of annotations whose `responds_to` chain loops, each loop reported once at its
/// smallest id.
fn cycles(doc: &Document) -> Vec<AnnotationId> {
    let parent: HashMap<AnnotationId, AnnotationId> = doc
        .annotations
        .iter()
        .chain(&doc.orphans)
        .filter_map(|a| Some((a.id, a.responds_to?)))
        .filter(|(id, target)| id != target)
        .collect();
    let mut done: HashSet<AnnotationId> = HashSet::new();
    let mut found = Vec::new();
    let mut starts: Vec<AnnotationId> = parent.keys().copied().collect();
    starts.sort_unstable();
    for start in starts {
        let mut path = Vec::new();
        let mut on_path = HashSet::new();
        let mut current = Some(start);
        while let Some(id) = current {
            if done.contains(&id) {
                break;
            }
            if !on_path.insert(id) {
                let loop_start = path.iter().position(|&p| p == id).unwrap_or(0);
                if let Some(&smallest) = path.get(loop_start..).and_then(|l| l.iter().min()) {
                    found.push(smallest);
                }
                break;
            }
            path.push(id);
            current = parent.get(&id).copied();
        }
        done.extend(path);
    }
    found.sort_unstable();
    found
}

/// Every problem in a document. `declared_sha256` is the hash a file gave for its text.
pub fn check_document(doc: &Document, declared_sha256: Option<&str>) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(declared) = declared_sha256
        && declared != doc.article.sha256()
    {
        problems.push(Problem::new(
            Place::Article,
            format!(
                "sha256 {declared:?} does not match the text (its hash is {}); \
                 the text was edited outside Marginalia: restore it, or re-anchor the file",
                doc.article.sha256()
            ),
        ));
    }

    let mut label_ids = HashSet::new();
    for label in &doc.labels {
        problems.extend(label_problems(label));
        if !label_ids.insert(label.id.as_str()) {
            problems.push(Problem::new(
                Place::Label(label.id.clone()),
                "this label id is used twice; rename one",
            ));
        }
    }

    problems.extend(doc.scale.problems());

    let mut speaker_ids = HashSet::new();
    for speaker in &doc.speakers {
        if speaker.id.0 == 0 {
            problems.push(Problem::new(
                Place::Speaker(speaker.id),
                "ids must be positive; renumber it",
            ));
        }
        if !speaker_ids.insert(speaker.id) {
            problems.push(Problem::new(
                Place::Speaker(speaker.id),
                "this speaker id is used twice; renumber one",
            ));
        }
    }

    let mut annotation_ids = HashSet::new();
    for ann in &doc.annotations {
        problems.extend(annotation_problems(doc, ann));
        if !annotation_ids.insert(ann.id) {
            problems.push(Problem::new(
                Place::Annotation(ann.id),
                "this annotation id is used twice; renumber one",
            ));
        }
    }
    for orphan in &doc.orphans {
        problems.extend(orphan_problems(doc, orphan));
        if !annotation_ids.insert(orphan.id) {
            problems.push(Problem::new(
                Place::Orphan(orphan.id),
                "this id is used twice among annotations and orphans; renumber one",
            ));
        }
    }
    problems.extend(
        doc.dismissed
            .iter()
            .filter_map(|span| dismissed_problem(doc, *span)),
    );
    for id in cycles(doc) {
        problems.push(Problem::new(
            Place::Annotation(id),
            "its responds_to links form a loop; unlink one of them",
        ));
    }
    problems
}

/// What is wrong with a dismissed suggestion's span, if anything: it must be a non-empty span
/// of the text.
pub fn dismissed_problem(doc: &Document, span: Dismissed) -> Option<Problem> {
    let len = doc.article.len_chars();
    (span.start >= span.end || span.end > len).then(|| {
        Problem::new(
            Place::Article,
            format!(
                "the dismissed suggestion {}..{} is not a span of the text ({len} characters); \
                 remove it from `dismissed`",
                span.start, span.end
            ),
        )
    })
}

/// Shortens a long quote for a message.
fn ellipsize(text: &str) -> String {
    crate::excerpt::excerpt(text, 61)
}
