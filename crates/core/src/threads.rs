//! Claim threads: each annotation that answers nothing is the root of a thread, and the
//! annotations that respond to it (and to those, and so on) nest beneath it. Shared by the
//! threads view, the `threads` and `check` commands and the reports.

use std::collections::HashMap;

use super::model::{Annotation, AnnotationId, Document};

/// The label id that marks a claim, the usual root of a thread.
pub const CLAIM_LABEL: &str = "claim";

/// One annotation in a thread, with the annotations that respond to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadNode {
    /// The annotation.
    pub id: AnnotationId,
    /// Annotations that respond to it, in text order.
    pub responses: Vec<ThreadNode>,
}

impl ThreadNode {
    /// How many annotations respond to this one, directly or through others.
    pub fn response_count(&self) -> usize {
        self.responses.iter().map(|r| 1 + r.response_count()).sum()
    }

    /// The node and everything beneath it, depth first, with each node's depth (0 for self).
    pub fn walk(&self) -> Vec<(usize, AnnotationId)> {
        let mut out = Vec::new();
        let mut stack = vec![(0usize, self)];
        while let Some((depth, node)) = stack.pop() {
            out.push((depth, node.id));
            for child in node.responses.iter().rev() {
                stack.push((depth + 1, child));
            }
        }
        out
    }
}

/// A document's annotations arranged as threads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Threads {
    /// Roots with at least one response, in text order.
    pub threads: Vec<ThreadNode>,
    /// Claims nobody responds to.
    pub unanswered_claims: Vec<AnnotationId>,
    /// Annotations other than claims that respond to nothing and that nothing responds to.
    pub loose: Vec<AnnotationId>,
}

impl Threads {
    /// The annotations outside every thread, under the headings reports give them (the
    /// unanswered claims, the responses that answer nothing), each list possibly empty.
    pub fn outside_threads(&self) -> [(&'static str, &[AnnotationId]); 2] {
        [
            ("Unanswered claims", &self.unanswered_claims),
            ("Responses that answer nothing", &self.loose),
        ]
    }

    /// Arranges `doc`'s placed annotations into threads. A response whose target is an orphan
    /// counts as answering nothing here, since its target is not on this text.
    pub fn of(doc: &Document) -> Self {
        let mut children: HashMap<AnnotationId, Vec<&Annotation>> = HashMap::new();
        let mut roots = Vec::new();
        for ann in doc.annotations() {
            match ann.responds_to.filter(|t| doc.annotation(*t).is_some()) {
                Some(target) => children.entry(target).or_default().push(ann),
                None => roots.push(ann),
            }
        }
        let mut result = Self::default();
        for root in roots {
            let node = build(root.id, &children, 0);
            if !node.responses.is_empty() {
                result.threads.push(node);
            } else if root.label == CLAIM_LABEL {
                result.unanswered_claims.push(root.id);
            } else {
                result.loose.push(root.id);
            }
        }
        result
    }
}

/// Deeper than any real exchange; links are loop-free, this only bounds the work.
const MAX_DEPTH: usize = 256;

fn build(
    id: AnnotationId,
    children: &HashMap<AnnotationId, Vec<&Annotation>>,
    depth: usize,
) -> ThreadNode {
    let responses = if depth >= MAX_DEPTH {
        Vec::new()
    } else {
        children
            .get(&id)
            .map(|list| {
                list.iter()
                    .map(|a| build(a.id, children, depth + 1))
                    .collect()
            })
            .unwrap_or_default()
    };
    ThreadNode { id, responses }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Edit;
    use crate::markup::document;

    fn link(doc: &mut Document, from: u64, to: u64) {
        let edit = Edit::Link {
            id: AnnotationId(from),
            responds_to: Some(AnnotationId(to)),
        };
        assert!(doc.apply(edit).is_ok());
    }

    #[test]
    fn claims_gather_their_responses_in_text_order() {
        // 1 claim, 2 denial of 1, 3 reaction to 2, 4 unanswered claim, 5 loose reaction,
        // 6 reaction of 1.
        let mut doc = document(
            "[A said x]{claim}. [B denied]{denial}. [C laughed]{reaction}. \
             [D said y]{claim}. [E shrugged]{reaction}. [F cheered]{reaction}.",
        )
        .unwrap_or_else(|| panic!("markup"));
        link(&mut doc, 2, 1);
        link(&mut doc, 3, 2);
        link(&mut doc, 6, 1);
        let threads = Threads::of(&doc);
        assert_eq!(threads.threads.len(), 1);
        let thread = &threads.threads[0];
        assert_eq!(thread.response_count(), 3);
        let walk: Vec<(usize, u64)> = thread.walk().into_iter().map(|(d, id)| (d, id.0)).collect();
        assert_eq!(walk, [(0, 1), (1, 2), (2, 3), (1, 6)]);
        assert_eq!(threads.unanswered_claims, [AnnotationId(4)]);
        assert_eq!(threads.loose, [AnnotationId(5)]);
    }
}
