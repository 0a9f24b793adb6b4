//! Labelled spans: the one flat list every export is written from, each annotation with its
//! label, speaker, link and note resolved, in text order; and the questions asked of spans
//! where they overlap (which annotation a click at a character means, what is drawn over what,
//! what is linked to what).

use super::model::{Annotation, AnnotationId, Document, Label, Speaker};
use super::verdict::{Rating, Verdict};

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
    /// The fact-check verdict on it.
    pub verdict: Option<&'a Verdict>,
    /// The verdict's rating on the document's scale.
    pub rating: Option<&'a Rating>,
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

impl<'a> LabelledSpan<'a> {
    /// The verdict's rating name (its rating's id when the scale lacks it), or "" when it has
    /// no verdict.
    pub fn rating_name(&self) -> &'a str {
        match (self.rating, self.verdict) {
            (Some(rating), _) => &rating.name,
            (None, Some(verdict)) => &verdict.rating,
            (None, None) => "",
        }
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
            verdict: a.verdict.as_deref(),
            rating: doc.rating_of(a),
        })
        .collect()
}

/// The annotation a click at code point `c` means: of those covering it, the shortest (an
/// annotation inside another is reached where it is).
pub fn innermost_at(doc: &Document, c: usize) -> Option<&Annotation> {
    doc.annotations_overlapping(c, c.saturating_add(1))
        .min_by_key(|a| a.end - a.start)
}

/// The annotations linked to any of `ids` (those it answers and those that answer it), and
/// `ids`' own, in text order.
pub fn linked_to<'d>(doc: &'d Document, ids: &[AnnotationId]) -> Vec<&'d Annotation> {
    if ids.is_empty() {
        return Vec::new();
    }
    // What `ids` answer, looked up once, not once per annotation.
    let answered: Vec<AnnotationId> = ids
        .iter()
        .filter_map(|&id| doc.annotation(id)?.responds_to)
        .collect();
    doc.annotations()
        .iter()
        .filter(|a| {
            ids.contains(&a.id)
                || answered.contains(&a.id)
                || a.responds_to.is_some_and(|target| ids.contains(&target))
        })
        .collect()
}

/// How overlapping spans are drawn over the piece of text `[from, to)`: the innermost span
/// covering it fills it in its colour, and where two or more cover it the outermost is
/// underlined, so both stay visible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layers<'a> {
    /// The shortest span covering the piece.
    pub fill: Option<&'a Annotation>,
    /// The longest span covering it, when another covers it too.
    pub underline: Option<&'a Annotation>,
}

/// The [`Layers`] of `spans` over `[from, to)`. Among spans of one length the fill is the one
/// listed last and the underline the one listed first, so two annotations of the same span
/// both show.
pub fn layers<'a>(spans: &[&'a Annotation], from: usize, to: usize) -> Layers<'a> {
    let mut covering = spans
        .iter()
        .copied()
        .filter(|a| a.start <= from && a.end >= to);
    let Some(first) = covering.next() else {
        return Layers {
            fill: None,
            underline: None,
        };
    };
    let (mut inner, mut outer, mut count) = (first, first, 1);
    for span in covering {
        count += 1;
        if span.end - span.start <= inner.end - inner.start {
            inner = span;
        }
        if span.end - span.start > outer.end - outer.start {
            outer = span;
        }
    }
    Layers {
        fill: Some(inner),
        underline: (count >= 2).then_some(outer),
    }
}

#[cfg(test)]
mod overlap_tests {
    use super::*;
    use crate::markup::document;

    /// "[Taxes [will]{denial} fall]{claim}, [said]{reaction} Ana": spans 1 (claim), 2 (denial,
    /// inside it) and 3 (reaction).
    fn doc() -> Document {
        document("Head\n[Taxes [will]{denial} fall]{claim}, [said]{reaction} Ana")
            .unwrap_or_else(|| panic!("markup"))
    }

    fn id_at(doc: &Document, word: &str) -> Option<AnnotationId> {
        let at = doc.article.text().find(word)?;
        innermost_at(doc, doc.article.text()[..at].chars().count()).map(|a| a.id)
    }

    #[test]
    fn a_click_means_the_innermost_annotation_there() {
        let doc = doc();
        let by_label = |label: &str| {
            doc.annotations()
                .iter()
                .find(|a| a.label == label)
                .map(|a| a.id)
        };
        assert_eq!(id_at(&doc, "will"), by_label("denial"));
        assert_eq!(id_at(&doc, "Taxes"), by_label("claim"));
        assert_eq!(id_at(&doc, "said"), by_label("reaction"));
        assert_eq!(id_at(&doc, "Ana"), None);
    }

    #[test]
    fn the_inner_span_fills_and_the_outer_is_underlined_where_both_cover() {
        let doc = doc();
        let spans: Vec<&Annotation> = doc.annotations().iter().collect();
        let claim = spans.iter().find(|a| a.label == "claim").copied();
        let denial = spans.iter().find(|a| a.label == "denial").copied();
        let (Some(claim), Some(denial)) = (claim, denial) else {
            panic!("spans")
        };
        let both = layers(&spans, denial.start, denial.end);
        assert_eq!((both.fill, both.underline), (Some(denial), Some(claim)));
        let one = layers(&spans, claim.start, denial.start);
        assert_eq!((one.fill, one.underline), (Some(claim), None));
        // Two annotations of one span: one fills, the other is underlined.
        let mut twin = claim.clone();
        twin.id = AnnotationId(99);
        twin.label = "reaction".to_owned();
        let same = layers(&[claim, &twin], claim.start, claim.end);
        assert_eq!((same.fill, same.underline), (Some(&twin), Some(claim)));
        let none = layers(&spans, claim.end + 1, claim.end + 2);
        assert_eq!((none.fill, none.underline), (None, None));
    }

    #[test]
    fn links_reach_both_ways_and_include_the_annotation_itself() {
        let mut doc = doc();
        let ids: Vec<AnnotationId> = doc.annotations().iter().map(|a| a.id).collect();
        let claim = doc
            .annotations()
            .iter()
            .find(|a| a.label == "claim")
            .map(|a| a.id);
        let reaction = doc
            .annotations()
            .iter()
            .find(|a| a.label == "reaction")
            .map(|a| a.id);
        let (Some(claim), Some(reaction)) = (claim, reaction) else {
            panic!("spans")
        };
        doc.apply(crate::Edit::Link {
            id: reaction,
            responds_to: Some(claim),
        })
        .unwrap_or_else(|p| panic!("{p}"));
        let of =
            |id| -> Vec<AnnotationId> { linked_to(&doc, &[id]).iter().map(|a| a.id).collect() };
        assert_eq!(of(claim), [claim, reaction]);
        assert_eq!(of(reaction), [claim, reaction]);
        assert_eq!(linked_to(&doc, &[]).len(), 0);
        assert_eq!(ids.len(), 3);
    }
}
