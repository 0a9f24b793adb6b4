//! Labelled spans: the one flat list every export is written from, each annotation with its
//! label, speaker, link and note resolved, in text order.

use super::model::{AnnotationId, Document, Label, Speaker};

/// An annotation as exports see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelledSpan<'a> {
    /// The annotation's id.
    pub id: AnnotationId,
    /// The label; `None` only for a label missing from the document (never after loading).
    pub label: Option<&'a Label>,
    /// The label's id as the annotation names it.
    pub label_id: &'a str,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The text at `[start, end)`.
    pub text: &'a str,
    /// Up to 32 code points before.
    pub prefix: &'a str,
    /// Up to 32 code points after.
    pub suffix: &'a str,
    /// Who said it.
    pub speaker: Option<&'a Speaker>,
    /// The annotation it answers.
    pub responds_to: Option<AnnotationId>,
    /// The annotator's note.
    pub note: &'a str,
}

impl LabelledSpan<'_> {
    /// The label's display name, or its id when the label is missing.
    pub fn label_name(&self) -> &str {
        self.label.map_or(self.label_id, |l| l.name.as_str())
    }

    /// The speaker's name, or "" when there is none.
    pub fn speaker_name(&self) -> &str {
        self.speaker.map_or("", |s| s.name.as_str())
    }
}

/// Every placed annotation of `doc` as a labelled span, sorted by `(start, end, id)`.
pub fn labelled_spans(doc: &Document) -> Vec<LabelledSpan<'_>> {
    doc.annotations()
        .iter()
        .map(|a| LabelledSpan {
            id: a.id,
            label: doc.label(&a.label),
            label_id: &a.label,
            start: a.start,
            end: a.end,
            text: &a.exact,
            prefix: &a.prefix,
            suffix: &a.suffix,
            speaker: a.speaker.and_then(|s| doc.speaker(s)),
            responds_to: a.responds_to,
            note: &a.note,
        })
        .collect()
}
