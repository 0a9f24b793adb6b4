//! What the user has selected: text in the article, an annotation, and whether the next click
//! on a highlight links the selected annotation to it.

use marginalia_core::AnnotationId;

/// The selection in the article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Text selected as (anchor, head) code points; equal when only a caret.
    pub text: Option<(usize, usize)>,
    /// The selected annotation.
    pub annotation: Option<AnnotationId>,
    /// While set, the next click on a highlight makes this annotation respond to it.
    pub link_from: Option<AnnotationId>,
}

impl Selection {
    /// The selected text range, ordered, when it is not empty.
    pub fn range(&self) -> Option<(usize, usize)> {
        let (a, b) = self.text?;
        (a != b).then_some((a.min(b), a.max(b)))
    }

    /// Where the caret (the selection's head) is.
    pub fn caret(&self) -> Option<usize> {
        self.text.map(|(_, head)| head)
    }
}

/// The find bar: what is searched, the matches, and the label "Label every match" gives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Find {
    /// Whether the bar is shown.
    pub open: bool,
    /// The text searched for.
    pub query: String,
    /// Every match, in text order.
    pub matches: Vec<(usize, usize)>,
    /// Index into `matches` of the current match.
    pub current: Option<usize>,
    /// The label chosen for "Label every match".
    pub label: Option<String>,
}
