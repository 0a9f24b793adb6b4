//! Undo and redo as two stacks of edits with their inverses, and the unsaved marker derived
//! from them. History lives in memory only; it is never written to a file.

use std::sync::atomic::{AtomicU64, Ordering};

use super::edit::Edit;
use super::model::Document;
use super::validate::Problem;

/// One undoable step.
#[derive(Clone, Debug)]
struct Step {
    /// Identifies the document state this step leads to.
    state: u64,
    forward: Edit,
    inverse: Edit,
    /// Steps with the same group that follow each other merge into one (a whole drag).
    group: Option<u64>,
}

/// The undo and redo stacks of one document.
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The state the document was in when this history began.
    first_state: u64,
    /// The state that matches the file on disk; `None` when no state does.
    saved_state: Option<u64>,
}

/// States are numbered across every history of the process, so no two documents, nor two
/// states of one, share a number: whatever is derived from a revision (the annotation list,
/// the threads) can never be mistaken for another document's.
fn new_state() -> u64 {
    static LAST: AtomicU64 = AtomicU64::new(0);
    LAST.fetch_add(1, Ordering::Relaxed) + 1
}

impl Default for History {
    fn default() -> Self {
        Self::unsaved()
    }
}

impl History {
    /// A history whose current state is the saved one.
    pub fn new() -> Self {
        let mut history = Self::unsaved();
        history.saved_state = Some(history.first_state);
        history
    }

    /// A history whose current state has never been saved (a new import, a restored file).
    pub fn unsaved() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            first_state: new_state(),
            saved_state: None,
        }
    }

    /// Applies `edit` to `doc` as a new undo step.
    pub fn apply(&mut self, doc: &mut Document, edit: Edit) -> Result<(), Problem> {
        self.apply_grouped(doc, edit, None)
    }

    /// Applies `edit`; when the previous step has the same `group`, the two become one step,
    /// so a drag of many small resizes undoes at once.
    pub fn apply_grouped(
        &mut self,
        doc: &mut Document,
        edit: Edit,
        group: Option<u64>,
    ) -> Result<(), Problem> {
        let inverse = doc.apply(edit.clone())?;
        let state = new_state();
        self.redo.clear();
        if let Some(last) = self.undo.last_mut()
            && group.is_some()
            && last.group == group
        {
            // Kept flat, so a long drag does not nest batches deeply.
            let forward = std::mem::replace(&mut last.forward, Edit::Batch(Vec::new()));
            let mut forwards = into_edits(forward);
            forwards.push(edit);
            last.forward = Edit::Batch(forwards);
            let earlier_inverse = std::mem::replace(&mut last.inverse, Edit::Batch(Vec::new()));
            let mut inverses = vec![inverse];
            inverses.extend(into_edits(earlier_inverse));
            last.inverse = Edit::Batch(inverses);
            last.state = state;
            return Ok(());
        }
        self.undo.push(Step {
            state,
            forward: edit,
            inverse,
            group,
        });
        Ok(())
    }

    /// Undoes the last step; returns whether there was one.
    pub fn undo(&mut self, doc: &mut Document) -> Result<bool, Problem> {
        let Some(mut step) = self.undo.pop() else {
            return Ok(false);
        };
        match doc.apply(step.inverse.clone()) {
            Ok(forward) => {
                step.forward = forward;
                step.group = None;
                self.redo.push(step);
                Ok(true)
            }
            Err(problem) => {
                self.undo.push(step);
                Err(problem)
            }
        }
    }

    /// Redoes the last undone step; returns whether there was one.
    pub fn redo(&mut self, doc: &mut Document) -> Result<bool, Problem> {
        let Some(mut step) = self.redo.pop() else {
            return Ok(false);
        };
        match doc.apply(step.forward.clone()) {
            Ok(inverse) => {
                step.inverse = inverse;
                self.undo.push(step);
                Ok(true)
            }
            Err(problem) => {
                self.redo.push(step);
                Err(problem)
            }
        }
    }

    /// What undo would undo, for the menu.
    pub fn undo_description(&self) -> Option<&'static str> {
        self.undo.last().map(|s| s.forward.describe())
    }

    /// What redo would redo, for the menu.
    pub fn redo_description(&self) -> Option<&'static str> {
        self.redo.last().map(|s| s.forward.describe())
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Ends any group, so that the next grouped edit starts a new step.
    pub fn end_group(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.group = None;
        }
    }

    fn current_state(&self) -> u64 {
        self.undo.last().map_or(self.first_state, |s| s.state)
    }

    /// Changes whenever the document does (an edit, an undo, a redo), so views can tell
    /// when to refresh what they derived from it.
    pub fn revision(&self) -> u64 {
        self.current_state()
    }

    /// Records that the current state is what the file on disk holds.
    pub fn mark_saved(&mut self) {
        self.saved_state = Some(self.current_state());
    }

    /// Whether the document differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.current_state())
    }
}

fn into_edits(edit: Edit) -> Vec<Edit> {
    match edit {
        Edit::Batch(edits) => edits,
        other => vec![other],
    }
}
