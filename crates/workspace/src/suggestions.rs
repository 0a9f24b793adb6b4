//! Suggested quotations in the window: found once per opened document (its text never
//! changes), narrowed to those still to decide (not annotated, not dismissed) whenever the
//! document changes, and the one in focus. Accepting or dismissing one is an edit like any
//! other, so it is undone like any other; nothing is written into the file until then.

use super::{Effect, Workspace, count};
use marginalia_core::names::person_key;
use marginalia_core::quotes::{Suggestion, suggest};
use marginalia_core::{Dismissed, Document, Edit};

/// What the user does with suggestions, besides the commands of the command table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SuggestionAction {
    /// Put the suggestion of `[start, end)` in focus (a click on its outline).
    Focus {
        /// First code point.
        start: usize,
        /// One past the last code point.
        end: usize,
    },
    /// Annotate the suggestion in focus with this label, and its speaker.
    Accept(String),
    /// Annotate every suggestion of the focused one's speaker with this label.
    AcceptSpeaker(String),
    /// Dismiss the suggestion in focus.
    Dismiss,
}

/// The suggestions of the open document.
#[derive(Debug)]
pub struct Suggestions {
    /// Every quotation found in the text, sorted by start.
    all: Vec<Suggestion>,
    /// Each one's speaker as people's names compare ([`person_key`]), worked out once: the
    /// side panel asks for a speaker's suggestions every frame.
    speaker_keys: Vec<Option<String>>,
    /// Indices into `all` of those not annotated nor dismissed.
    pending: Vec<usize>,
    /// The document revision `pending` was worked out for.
    revision: Option<u64>,
    /// Index into `all` of the one in focus.
    current: Option<usize>,
}

impl Suggestions {
    /// The suggestions for `doc`'s text.
    pub fn new(doc: &Document) -> Self {
        let all = suggest(doc.article.text());
        let speaker_keys = all
            .iter()
            .map(|s| s.speaker.as_deref().map(person_key))
            .collect();
        Self {
            all,
            speaker_keys,
            pending: Vec::new(),
            revision: None,
            current: None,
        }
    }

    /// Works out again which are still to decide, when `revision` is new.
    pub fn refresh(&mut self, doc: &Document, revision: u64) {
        if self.revision == Some(revision) {
            return;
        }
        self.revision = Some(revision);
        self.pending = (0..self.all.len())
            .filter(|&i| is_pending(doc, self.all[i].start, self.all[i].end))
            .collect();
        if self
            .current
            .is_some_and(|c| self.pending.binary_search(&c).is_err())
        {
            self.current = None;
        }
    }

    /// Those still to decide, sorted by start.
    pub fn pending(&self) -> impl ExactSizeIterator<Item = &Suggestion> + Clone {
        self.pending.iter().map(|&i| &self.all[i])
    }

    /// Those still to decide that overlap `[start, end)`, sorted by start.
    pub fn pending_in(&self, start: usize, end: usize) -> impl Iterator<Item = &Suggestion> {
        // Quotations never overlap one another, so their ends are sorted too.
        let first = self.pending.partition_point(|&i| self.all[i].end <= start);
        self.pending[first..]
            .iter()
            .map(|&i| &self.all[i])
            .take_while(move |s| s.start < end)
    }

    /// How many are still to decide.
    pub fn left(&self) -> usize {
        self.pending.len()
    }

    /// The one in focus.
    pub fn current(&self) -> Option<&Suggestion> {
        self.current.map(|i| &self.all[i])
    }

    /// Those still to decide with the focused one's speaker (names compared as people's
    /// names are), the focused one among them.
    pub fn of_current_speaker(&self) -> Vec<&Suggestion> {
        let Some(key) = self.current.and_then(|i| self.speaker_keys[i].as_ref()) else {
            return self.current().into_iter().collect();
        };
        self.pending
            .iter()
            .filter(|&&i| self.speaker_keys[i].as_ref() == Some(key))
            .map(|&i| &self.all[i])
            .collect()
    }

    /// Focuses the next one still to decide after the focused one (or after `from_char`),
    /// or the one before, going round at the ends.
    pub fn step(&mut self, forward: bool, from_char: usize) -> Option<&Suggestion> {
        if self.pending.is_empty() {
            self.current = None;
            return None;
        }
        let here = self.current.map_or(from_char, |i| self.all[i].start);
        let pending = |k: usize| self.pending[k];
        let position = self.pending.partition_point(|&i| self.all[i].start < here);
        let at_current = self
            .current
            .is_some_and(|c| position < self.pending.len() && pending(position) == c);
        let next = if forward {
            let k = if at_current { position + 1 } else { position };
            if k >= self.pending.len() { 0 } else { k }
        } else if position == 0 {
            self.pending.len() - 1
        } else {
            position - 1
        };
        self.current = Some(pending(next));
        self.current()
    }

    /// Focuses the one still to decide of `[start, end)`; false when there is none.
    pub fn focus(&mut self, start: usize, end: usize) -> bool {
        let found = self
            .pending
            .iter()
            .copied()
            .find(|&i| self.all[i].start == start && self.all[i].end == end);
        if found.is_some() {
            self.current = found;
        }
        found.is_some()
    }

    /// Unfocuses.
    pub fn blur(&mut self) {
        self.current = None;
    }

    /// The edit that annotates `quotes` with `label` and their speakers, as one step.
    pub fn accept_edit(doc: &Document, quotes: &[&Suggestion], label: &str) -> Option<Edit> {
        let spans: Vec<(usize, usize, Option<&str>)> = quotes
            .iter()
            .map(|s| (s.start, s.end, s.speaker.as_deref()))
            .collect();
        Edit::annotate_quotes(doc, &spans, label)
    }

    /// The edit that dismisses `suggestion`.
    pub fn dismiss_edit(suggestion: &Suggestion) -> Edit {
        Edit::Dismiss(Dismissed {
            start: suggestion.start,
            end: suggestion.end,
        })
    }
}

impl Workspace {
    /// Finds the open document's suggestions when they are shown and not found yet, and
    /// which are still to decide after a change; drops them when hidden.
    pub(super) fn sync_suggestions(&mut self) {
        let Some(open) = self.open.as_ref().filter(|_| self.prefs.suggestions) else {
            self.suggestions = None;
            return;
        };
        let suggestions = self
            .suggestions
            .get_or_insert_with(|| Suggestions::new(open.doc()));
        suggestions.refresh(open.doc(), open.revision());
    }

    pub(super) fn blur_suggestion(&mut self) {
        if let Some(suggestions) = &mut self.suggestions {
            suggestions.blur();
        }
    }

    /// Focuses the next (or previous) suggestion and brings it into view.
    pub(super) fn step_suggestion(&mut self, forward: bool) {
        let from = self.selection.caret().unwrap_or(0);
        let Some(suggestions) = &mut self.suggestions else {
            self.status =
                Some("Show suggested quotes first (View ▸ Show suggested quotes).".to_owned());
            return;
        };
        match suggestions.step(forward, from).map(|s| s.start) {
            Some(start) => {
                self.selection.text = None;
                self.selection.annotation = None;
                self.effects.push(Effect::ScrollTo(start));
            }
            None => self.status = Some("No suggested quotation is left to decide.".to_owned()),
        }
    }

    pub(super) fn suggestion_action(&mut self, action: SuggestionAction) {
        self.sync_suggestions();
        let (Some(open), Some(suggestions)) = (&self.open, &mut self.suggestions) else {
            return;
        };
        let doc = open.doc();
        let label_name = |id: &str| doc.label(id).map_or(id, |l| l.name.as_str()).to_owned();
        let (edit, done) = match action {
            SuggestionAction::Focus { start, end } => {
                if suggestions.focus(start, end) {
                    self.selection.text = None;
                    self.selection.annotation = None;
                }
                return;
            }
            SuggestionAction::Accept(label) => {
                let Some(current) = suggestions.current() else {
                    return;
                };
                let who = current.speaker.as_deref().unwrap_or("no speaker");
                let done = format!("Accepted as {}, said by {who}.", label_name(&label));
                (Suggestions::accept_edit(doc, &[current], &label), done)
            }
            SuggestionAction::AcceptSpeaker(label) => {
                let quotes = suggestions.of_current_speaker();
                let who = quotes
                    .first()
                    .and_then(|s| s.speaker.as_deref())
                    .unwrap_or("no speaker")
                    .to_owned();
                let done = format!(
                    "Accepted {} of {who} as {}.",
                    count(quotes.len(), "quotation", "quotations"),
                    label_name(&label)
                );
                (Suggestions::accept_edit(doc, &quotes, &label), done)
            }
            SuggestionAction::Dismiss => {
                let Some(current) = suggestions.current() else {
                    return;
                };
                let edit = Suggestions::dismiss_edit(current);
                (
                    Some(edit),
                    "Dismissed; it will not be suggested again.".to_owned(),
                )
            }
        };
        let Some(edit) = edit else {
            self.status = Some("Nothing to accept: that span is annotated already.".to_owned());
            return;
        };
        let from = suggestions.current().map_or(0, |s| s.start);
        if self.edit(edit, None).is_some() {
            self.sync_suggestions();
            self.status = Some(done);
            // On to the next one, as a person working down the article would.
            if let Some(suggestions) = &mut self.suggestions
                && let Some(next) = suggestions.step(true, from).map(|s| s.start)
            {
                self.effects.push(Effect::ScrollTo(next));
            }
        }
    }
}

/// Whether the suggestion of `[start, end)` is still to decide: not dismissed, and no
/// annotation covers it (an annotation sharing at least half of the longer of the two).
pub(crate) fn is_pending(doc: &Document, start: usize, end: usize) -> bool {
    if doc.is_dismissed(start, end) {
        return false;
    }
    !doc.annotations_overlapping(start, end).any(|a| {
        let shared = a.end.min(end).saturating_sub(a.start.max(start));
        2 * shared >= (a.end - a.start).max(end - start)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use marginalia_core::Article;

    fn doc() -> Document {
        let text = "Talks end\n“We won,” Ana Ruiz said. “They lost.”\n“Again,” Ben Okafor said.";
        Document::new(
            Article::new(text.to_owned()),
            marginalia_io::default_labels(),
        )
    }

    #[test]
    fn stepping_goes_round_and_accepting_takes_them_out() {
        let mut doc = doc();
        let mut suggestions = Suggestions::new(&doc);
        suggestions.refresh(&doc, 1);
        assert_eq!(suggestions.left(), 3);
        let texts = |s: &mut Suggestions, forward: bool| {
            s.step(forward, 0)
                .map(|q| q.text.clone())
                .unwrap_or_default()
        };
        assert_eq!(texts(&mut suggestions, true), "We won,");
        assert_eq!(texts(&mut suggestions, true), "They lost.");
        assert_eq!(texts(&mut suggestions, true), "Again,");
        assert_eq!(texts(&mut suggestions, true), "We won,");
        assert_eq!(texts(&mut suggestions, false), "Again,");
        assert_eq!(suggestions.of_current_speaker().len(), 1);
        suggestions.step(true, 0);
        assert_eq!(
            suggestions.of_current_speaker().len(),
            2,
            "Ana Ruiz said two"
        );

        let ana = suggestions.of_current_speaker();
        let edit = Suggestions::accept_edit(&doc, &ana, "claim").unwrap();
        doc.apply(edit).unwrap();
        assert_eq!(doc.annotations().len(), 2);
        assert_eq!(doc.speakers().len(), 1, "one speaker made for both");
        suggestions.refresh(&doc, 2);
        assert_eq!(suggestions.left(), 1);
        assert!(
            suggestions.current().is_none(),
            "the accepted one left the focus"
        );

        let again = suggestions.step(true, 0).cloned().unwrap();
        doc.apply(Suggestions::dismiss_edit(&again)).unwrap();
        suggestions.refresh(&doc, 3);
        assert_eq!(suggestions.left(), 0);
        assert!(suggestions.step(true, 0).is_none());
    }
}
