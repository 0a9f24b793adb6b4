//! A review in progress, as the workspace runs it: starting, refreshing, deciding, ending.

use std::path::Path;

use marginalia_io as io;

use crate::reading::Job;
use crate::{Difference, ReviewDecision, Workspace};

impl Workspace {
    /// Starts reading the annotation file at `path`, to review it against the open document.
    pub(super) fn start_review(&mut self, path: &Path) {
        if self.open.is_none() {
            self.status = Some(
                "Open your own annotation file first, then review theirs against it.".to_owned(),
            );
            return;
        }
        self.start_reading(Job::Review(path.to_owned()));
    }

    pub(super) fn end_review(&mut self) {
        if let Some(session) = self.review.take() {
            self.status = Some(format!(
                "Review of {} ended; what you took stays in your document.",
                io::file_name_of(session.path())
            ));
        }
    }

    /// Brings the review up to date with my document; the window calls it before drawing.
    pub(super) fn refresh_review(&mut self) {
        if let (Some(open), Some(session)) = (&self.open, &mut self.review) {
            session.refresh(open.doc(), open.revision());
        }
    }

    pub(super) fn review_decision(&mut self, decision: ReviewDecision) {
        let (Some(open), Some(session)) = (&self.open, &mut self.review) else {
            return;
        };
        let mine = open.doc();
        let edit = match decision {
            ReviewDecision::TakeTheirs(difference) => session.take_theirs(mine, difference),
            ReviewDecision::KeepBoth(difference) => match difference {
                Difference::LabelConflict(_, t)
                | Difference::Boundary(_, t)
                | Difference::OnlyTheirs(t) => session.keep_both(mine, t),
                Difference::OnlyMine(_) | Difference::Verdict(..) => None,
            },
            ReviewDecision::TakeAllOnlyTheirs => Some(session.take_all_only_theirs(mine)),
            ReviewDecision::KeepMine(difference) => {
                session.keep_mine(difference);
                None
            }
            ReviewDecision::Reconsider => {
                session.reconsider();
                None
            }
        };
        if let Some(edit) = edit {
            self.edit(edit, None);
        }
    }
}
