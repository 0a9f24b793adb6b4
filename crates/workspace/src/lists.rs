//! What the window's lists show: the annotation list's filter by label and by words.

use marginalia_core::{Annotation, AnnotationId, Document};

/// The annotation list's filter: a label, and words to find in the quote, the note or the
/// speaker's name (any case).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AnnotationFilter {
    /// Only annotations with this label id, or every label.
    pub label: Option<String>,
    /// Words typed in the search field; empty for all.
    pub search: String,
}

impl AnnotationFilter {
    /// Whether `ann` of `doc` is listed.
    pub fn matches(&self, doc: &Document, ann: &Annotation) -> bool {
        if self.label.as_ref().is_some_and(|label| *label != ann.label) {
            return false;
        }
        let needle = self.search.trim().to_lowercase();
        needle.is_empty()
            || ann.exact.to_lowercase().contains(&needle)
            || ann.note.to_lowercase().contains(&needle)
            || ann
                .speaker
                .and_then(|s| doc.speaker(s))
                .is_some_and(|s| s.name.to_lowercase().contains(&needle))
    }

    /// The ids of the annotations of `doc` listed, in text order.
    pub fn ids(&self, doc: &Document) -> Vec<AnnotationId> {
        doc.annotations()
            .iter()
            .filter(|a| self.matches(doc, a))
            .map(|a| a.id)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use marginalia_core::{Edit, Speaker, SpeakerId};

    use super::*;

    fn doc() -> Document {
        let mut doc = marginalia_core::markup::document(
            "Head\n[Taxes will fall]{claim}. [They will not]{denial}. [Good NEWS]{reaction}.",
        )
        .unwrap_or_else(|| panic!("markup"));
        let speaker = Speaker {
            id: SpeakerId(1),
            name: "Ana Ruiz".to_owned(),
            role: String::new(),
        };
        doc.apply(Edit::add_speaker(&doc, speaker))
            .unwrap_or_else(|p| panic!("{p}"));
        let denial = doc.annotations()[1].id;
        doc.apply(Edit::SetSpeaker {
            id: denial,
            speaker: Some(SpeakerId(1)),
        })
        .unwrap_or_else(|p| panic!("{p}"));
        doc
    }

    fn listed(doc: &Document, label: Option<&str>, search: &str) -> Vec<String> {
        let filter = AnnotationFilter {
            label: label.map(str::to_owned),
            search: search.to_owned(),
        };
        filter
            .ids(doc)
            .into_iter()
            .filter_map(|id| doc.annotation(id).map(|a| a.exact.clone()))
            .collect()
    }

    #[test]
    fn by_label_and_by_words_in_quote_note_or_speaker() {
        let doc = doc();
        assert_eq!(listed(&doc, None, "").len(), 3);
        assert_eq!(listed(&doc, Some("claim"), ""), ["Taxes will fall"]);
        assert_eq!(listed(&doc, None, "news"), ["Good NEWS"]);
        assert_eq!(listed(&doc, None, " ruiz "), ["They will not"]);
        assert_eq!(listed(&doc, Some("claim"), "ruiz"), Vec::<String>::new());
    }
}
