//! The annotation model: labels, speakers, annotations and the document that holds them
//! beside its article. Documents change only through [`crate::edit::Edit`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::article::Article;
use super::verdict::{Rating, Scale, Verdict};

/// Identifies an annotation within one file; positive.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct AnnotationId(pub u64);

/// Identifies a speaker within one file; positive.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct SpeakerId(pub u64);

impl std::fmt::Display for AnnotationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::fmt::Display for SpeakerId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// How far an annotator has got with an article, as they say it: stored in their file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Nothing done yet.
    #[default]
    NotStarted,
    /// Begun, not finished.
    InProgress,
    /// Finished.
    Done,
}

impl Status {
    /// Every status, in the order work goes.
    pub const ALL: [Self; 3] = [Self::NotStarted, Self::InProgress, Self::Done];

    /// The name in files and JSON: `not_started`, `in_progress`, `done`.
    pub fn id(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::InProgress => "in_progress",
            Self::Done => "done",
        }
    }

    /// The status named `id` in a file or on the command line.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// How people read it: "not started", "in progress", "done".
    pub fn name(self) -> &'static str {
        match self {
            Self::NotStarted => "not started",
            Self::InProgress => "in progress",
            Self::Done => "done",
        }
    }

    /// The status of a file that says none (format version 1): not started when it has no
    /// annotations, else in progress.
    pub fn implied(annotations: usize) -> Self {
        if annotations == 0 {
            Self::NotStarted
        } else {
            Self::InProgress
        }
    }
}

/// A kind of span: claim, denial, reaction, or one the user added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Stable identifier, `[a-z0-9_-]+`.
    pub id: String,
    /// Name shown to the user.
    pub name: String,
    /// Highlight colour, `#RRGGBB`.
    pub color: String,
    /// Keyboard key that applies the label: one character, or empty for none.
    #[serde(default)]
    pub key: String,
}

impl Label {
    /// Whether a press of `key` applies this label: the same character, letters in either
    /// case. A label with no key answers to none.
    pub fn answers_to(&self, key: &str) -> bool {
        !self.key.is_empty() && !key.is_empty() && self.key.to_lowercase() == key.to_lowercase()
    }
}

impl Label {
    /// The label's colour as red, green and blue, when it is a valid `#RRGGBB`.
    pub fn rgb(&self) -> Option<[u8; 3]> {
        parse_hex_color(&self.color)
    }
}

/// An id made from `name` that `taken` does not hold: lower case, runs of anything but
/// `a-z 0-9 _ -` as `-` (`fallback` when nothing is left), then `-2`, `-3`… when taken.
pub fn new_id(name: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut base = String::new();
    for c in name.trim().to_lowercase().chars() {
        let c = if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            c
        } else {
            '-'
        };
        if !(c == '-' && base.ends_with('-')) {
            base.push(c);
        }
    }
    let base = match base.trim_matches('-') {
        "" => fallback.to_owned(),
        trimmed => trimmed.to_owned(),
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Parses `#RRGGBB` (either case) into red, green and blue.
pub fn parse_hex_color(color: &str) -> Option<[u8; 3]> {
    let hex = color.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
    };
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// Someone whose words the article reports, or the outlet itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// Positive, unique within the file.
    pub id: SpeakerId,
    /// Name as the user wrote it.
    pub name: String,
    /// Title or role, may be empty.
    #[serde(default)]
    pub role: String,
}

/// A labelled span of the article. Offsets count code points, half-open `[start, end)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Positive, unique within the file.
    pub id: AnnotationId,
    /// Id of the label.
    pub label: String,
    /// First code point of the span.
    pub start: usize,
    /// One past the last code point of the span.
    pub end: usize,
    /// The text at `[start, end)`.
    pub exact: String,
    /// Up to 32 code points before the span, for re-anchoring.
    #[serde(default)]
    pub prefix: String,
    /// Up to 32 code points after the span, for re-anchoring.
    #[serde(default)]
    pub suffix: String,
    /// Who said it.
    #[serde(default)]
    pub speaker: Option<SpeakerId>,
    /// The annotation this one answers (a denial or reaction answering a claim).
    #[serde(default)]
    pub responds_to: Option<AnnotationId>,
    /// Free text from the annotator.
    #[serde(default)]
    pub note: String,
    /// A fact-checker's verdict on it (format version 4); boxed, so that the many annotations
    /// without one stay small.
    #[serde(default)]
    pub verdict: Option<Box<Verdict>>,
}

impl Annotation {
    /// A new annotation of `label` on `[start, end)` of `article`, with its quote and context
    /// taken from the text. `None` when the range is not inside the text.
    pub fn on_text(
        article: &Article,
        id: AnnotationId,
        label: &str,
        start: usize,
        end: usize,
    ) -> Option<Self> {
        let exact = article.slice_chars(start, end)?.to_owned();
        let (prefix, suffix) = article.context(start, end);
        Some(Self {
            id,
            label: label.to_owned(),
            start,
            end,
            exact,
            prefix,
            suffix,
            speaker: None,
            responds_to: None,
            note: String::new(),
            verdict: None,
        })
    }

    /// The order annotations are kept and written in: `(start, end, id)`.
    pub fn sort_key(&self) -> (usize, usize, AnnotationId) {
        (self.start, self.end, self.id)
    }

    /// Whether the span covers any code point of `[start, end)`.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }
}

/// A suggested quotation the annotator dismissed: its span, in code points, so that it is not
/// suggested again.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Dismissed {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// An annotated article: everything one annotation file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The article and its text.
    pub article: Article,
    /// Who annotated it.
    pub annotator: String,
    /// When it was last saved, RFC 3339 in UTC; may be empty for a document never saved.
    pub modified: String,
    /// How far the annotator has got; changed through [`crate::Edit::SetStatus`].
    pub(crate) status: Status,
    pub(crate) labels: Vec<Label>,
    /// The ratings verdicts are given on.
    pub(crate) scale: Scale,
    pub(crate) speakers: Vec<Speaker>,
    /// Sorted by [`Annotation::sort_key`].
    pub(crate) annotations: Vec<Annotation>,
    /// Where each placed annotation sits, so that finding one by id is a binary search.
    pub(crate) span_of: HashMap<AnnotationId, (usize, usize)>,
    pub(crate) orphans: Vec<Annotation>,
    /// Sorted, without repeats.
    pub(crate) dismissed: Vec<Dismissed>,
}

impl Document {
    /// A document with no annotations on `article`, using `labels`.
    pub fn new(article: Article, labels: Vec<Label>) -> Self {
        Self {
            article,
            annotator: String::new(),
            modified: String::new(),
            status: Status::NotStarted,
            labels,
            scale: Scale::default(),
            speakers: Vec::new(),
            annotations: Vec::new(),
            span_of: HashMap::new(),
            orphans: Vec::new(),
            dismissed: Vec::new(),
        }
    }

    /// Builds a document from parts read from a file, checking every rule of the format.
    /// Returns every problem found when any rule is broken.
    pub fn from_parts(parts: DocumentParts) -> Result<Self, Vec<super::validate::Problem>> {
        let mut annotations = parts.annotations;
        annotations.sort_by_key(Annotation::sort_key);
        let span_of = annotations
            .iter()
            .map(|a| (a.id, (a.start, a.end)))
            .collect();
        let mut dismissed = parts.dismissed;
        dismissed.sort_unstable();
        dismissed.dedup();
        let doc = Self {
            article: parts.article,
            annotator: parts.annotator,
            modified: parts.modified,
            status: parts.status,
            labels: parts.labels,
            scale: parts.scale,
            speakers: parts.speakers,
            annotations,
            span_of,
            orphans: parts.orphans,
            dismissed,
        };
        let problems = super::validate::check_document(&doc, parts.declared_sha256.as_deref());
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut doc = doc;
        // Context is a hint for re-anchoring; keep it exactly what the text says.
        for ann in &mut doc.annotations {
            (ann.prefix, ann.suffix) = doc.article.context(ann.start, ann.end);
        }
        Ok(doc)
    }

    /// The suggested quotations dismissed, sorted.
    pub fn dismissed(&self) -> &[Dismissed] {
        &self.dismissed
    }

    /// Whether the suggestion of `[start, end)` was dismissed.
    pub fn is_dismissed(&self, start: usize, end: usize) -> bool {
        self.dismissed
            .binary_search(&Dismissed { start, end })
            .is_ok()
    }

    /// How far the annotator has got with the article.
    pub fn status(&self) -> Status {
        self.status
    }

    /// The labels, in the order the user sees them.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// The rating scale verdicts are given on.
    pub fn scale(&self) -> &Scale {
        &self.scale
    }

    /// The rating of an annotation's verdict, if it has one on the scale.
    pub fn rating_of(&self, ann: &Annotation) -> Option<&Rating> {
        ann.verdict
            .as_ref()
            .and_then(|v| self.scale.rating(&v.rating))
    }

    /// The name an annotation's verdict shows: its rating's name, or the rating's id when the
    /// scale lacks it; `None` without a verdict.
    pub fn rating_name<'a>(&'a self, ann: &'a Annotation) -> Option<&'a str> {
        let verdict = ann.verdict.as_ref()?;
        Some(
            self.scale
                .rating(&verdict.rating)
                .map_or(verdict.rating.as_str(), |r| r.name.as_str()),
        )
    }

    /// The speakers, in the order they were added.
    pub fn speakers(&self) -> &[Speaker] {
        &self.speakers
    }

    /// The annotations, sorted by `(start, end, id)`.
    pub fn annotations(&self) -> &[Annotation] {
        &self.annotations
    }

    /// Annotations that could not be placed on this text.
    pub fn orphans(&self) -> &[Annotation] {
        &self.orphans
    }

    /// The label with this id.
    pub fn label(&self, id: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.id == id)
    }

    /// The name an annotation's label shows: the label's name, or its id when the label is
    /// missing.
    pub fn label_name<'a>(&'a self, ann: &'a Annotation) -> &'a str {
        self.label(&ann.label)
            .map_or(ann.label.as_str(), |l| l.name.as_str())
    }

    /// Who said an annotation, if anyone.
    pub fn speaker_of(&self, ann: &Annotation) -> Option<&Speaker> {
        ann.speaker.and_then(|s| self.speaker(s))
    }

    /// The label a press of `key` applies ([`Label::answers_to`]); the first, when a file
    /// written by hand gives two labels one key.
    pub fn label_for_key(&self, key: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.answers_to(key))
    }

    /// The speaker with this id.
    pub fn speaker(&self, id: SpeakerId) -> Option<&Speaker> {
        self.speakers.iter().find(|s| s.id == id)
    }

    /// The speaker named `name`, matched as everywhere in Marginalia
    /// ([`crate::names::same_speaker`]).
    pub fn speaker_named(&self, name: &str) -> Option<&Speaker> {
        self.speakers
            .iter()
            .find(|s| crate::names::same_speaker(&s.name, name))
    }

    /// A label id made from `name` that no label uses yet: lower case, runs of anything but
    /// `a-z 0-9 _ -` as `-`, then `-2`, `-3`… when taken.
    pub fn new_label_id(&self, name: &str) -> String {
        new_id(name, "label", |id| self.label(id).is_some())
    }

    /// Whether `scale` may replace the document's: it keeps its rules, and every rating a
    /// verdict names is still on it. The problem when not.
    pub fn scale_problem(&self, scale: &Scale) -> Option<super::validate::Problem> {
        use super::validate::{Place, Problem, ProblemKind};
        if let Some(problem) = scale.problems().into_iter().next() {
            return Some(problem);
        }
        let left_off = self
            .annotations
            .iter()
            .chain(&self.orphans)
            .filter_map(|a| a.verdict.as_ref())
            .find(|v| scale.rating(&v.rating).is_none())?;
        let name = self
            .scale
            .rating(&left_off.rating)
            .map_or(left_off.rating.as_str(), |r| r.name.as_str());
        Some(
            Problem::new(
                Place::Rating(left_off.rating.clone()),
                format!(
                    "claims are rated {name}; keep the rating, or rate those claims again first"
                ),
            )
            .of_kind(ProblemKind::InUse),
        )
    }

    /// The annotation (placed, not orphan) with this id.
    pub fn annotation(&self, id: AnnotationId) -> Option<&Annotation> {
        self.annotation_index(id)
            .and_then(|i| self.annotations.get(i))
    }

    /// Position of the annotation with this id in [`Self::annotations`].
    pub(crate) fn annotation_index(&self, id: AnnotationId) -> Option<usize> {
        let &(start, end) = self.span_of.get(&id)?;
        self.annotations
            .binary_search_by_key(&(start, end, id), Annotation::sort_key)
            .ok()
    }

    /// The id a new annotation gets: one more than the largest in use (orphans included).
    pub fn next_annotation_id(&self) -> AnnotationId {
        let max = self
            .annotations
            .iter()
            .chain(&self.orphans)
            .map(|a| a.id.0)
            .max()
            .unwrap_or(0);
        AnnotationId(max + 1)
    }

    /// The id a new speaker gets: one more than the largest in use.
    pub fn next_speaker_id(&self) -> SpeakerId {
        SpeakerId(self.speakers.iter().map(|s| s.id.0).max().unwrap_or(0) + 1)
    }

    /// Annotations whose span covers any code point of `[start, end)`, in file order.
    pub fn annotations_overlapping(
        &self,
        start: usize,
        end: usize,
    ) -> impl Iterator<Item = &Annotation> {
        // Sorted by start: everything past `end` can be skipped by binary search.
        let upper = self.annotations.partition_point(|a| a.start < end);
        self.annotations
            .get(..upper)
            .unwrap_or_default()
            .iter()
            .filter(move |a| a.overlaps(start, end))
    }

    /// Annotations that answer `id`.
    pub fn responses_to(&self, id: AnnotationId) -> impl Iterator<Item = &Annotation> {
        self.annotations
            .iter()
            .filter(move |a| a.responds_to == Some(id))
    }

    /// How many annotations carry each label, in label order (labels with none included).
    pub fn counts_per_label(&self) -> Vec<(&Label, usize)> {
        self.labels
            .iter()
            .map(|l| {
                let n = self.annotations.iter().filter(|a| a.label == l.id).count();
                (l, n)
            })
            .collect()
    }
}

/// The raw parts of a document as a file holds them, before validation.
#[derive(Clone, Debug)]
pub struct DocumentParts {
    /// The article, its hash computed from its text.
    pub article: Article,
    /// The hash the file declared, checked against the text when present.
    pub declared_sha256: Option<String>,
    /// Who annotated it.
    pub annotator: String,
    /// When it was last saved.
    pub modified: String,
    /// How far the annotator has got.
    pub status: Status,
    /// Labels in file order.
    pub labels: Vec<Label>,
    /// The rating scale (format version 4; older files get the default one).
    pub scale: Scale,
    /// Speakers in file order.
    pub speakers: Vec<Speaker>,
    /// Placed annotations, any order.
    pub annotations: Vec<Annotation>,
    /// Annotations that could not be placed.
    pub orphans: Vec<Annotation>,
    /// Suggested quotations dismissed (format version 3).
    pub dismissed: Vec<Dismissed>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colors_parse_strictly() {
        assert_eq!(parse_hex_color("#E4572E"), Some([0xE4, 0x57, 0x2E]));
        assert_eq!(parse_hex_color("#e4572e"), Some([0xE4, 0x57, 0x2E]));
        assert_eq!(parse_hex_color("E4572E"), None);
        assert_eq!(parse_hex_color("#E4572"), None);
        assert_eq!(parse_hex_color("#E4572G"), None);
        assert_eq!(parse_hex_color("#+1+2+3"), None);
        assert_eq!(parse_hex_color("#éé"), None);
    }

    #[test]
    fn a_key_applies_the_label_that_has_it_in_either_case() {
        let mut doc = crate::markup::document("Head\ntext").unwrap_or_else(|| panic!("markup"));
        assert_eq!(
            doc.label_for_key("2").map(|l| l.id.as_str()),
            Some("denial")
        );
        assert!(doc.label_for_key("").is_none(), "no key is no label's key");
        assert!(doc.label_for_key("9").is_none());
        let edit = crate::Edit::add_label_named(&doc, "Quote", [1, 2, 3], "q");
        doc.apply(edit).unwrap_or_else(|p| panic!("{p}"));
        assert_eq!(
            doc.label_for_key("Q").map(|l| l.name.as_str()),
            Some("Quote")
        );
    }

    #[test]
    fn a_label_needs_a_name_to_be_added_or_renamed() {
        let mut doc = crate::markup::document("Head\ntext").unwrap_or_else(|| panic!("markup"));
        let unnamed = crate::Edit::InsertLabel {
            index: 0,
            label: Label {
                id: "blank".to_owned(),
                name: "  ".to_owned(),
                color: "#112233".to_owned(),
                key: String::new(),
            },
        };
        let refused = doc.apply(unnamed).err().map(|p| p.to_string());
        assert!(refused.is_some_and(|p| p.contains("needs a name")));
        let rename = crate::Edit::RenameLabel {
            id: "claim".to_owned(),
            name: String::new(),
        };
        assert!(doc.apply(rename).is_err());
        assert_eq!(doc.label("claim").map(|l| l.name.as_str()), Some("Claim"));
    }
}
