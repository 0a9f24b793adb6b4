//! Re-anchoring: placing annotations again on a text that changed, from their quote and its
//! context, as Hypothesis does. An annotation whose offsets still hold stays; otherwise its
//! quote is searched exactly (the occurrence whose context matches best, then the nearest),
//! then approximately near its old place, scored on the quote, its context and the distance.
//! What cannot be placed with confidence becomes an orphan: never dropped, never moved to a
//! wrong place.

use std::fmt;

use super::article::Article;
use super::model::{Annotation, DocumentParts};

/// How much of a quote must survive for an approximate placement (share of its characters).
const MIN_QUOTE_SIMILARITY: f64 = 0.8;
/// Longest quote searched approximately, in code points; longer quotes must match exactly.
const MAX_FUZZY_QUOTE: usize = 400;
/// How far from the old position an approximate match is looked for, in code points.
const FUZZY_WINDOW: usize = 2_000;

/// The outcome of re-anchoring a set of annotations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reanchored {
    /// Annotations placed on the new text (offsets, quote and context updated).
    pub placed: Vec<Annotation>,
    /// Annotations that could not be placed with confidence, as they were.
    pub orphans: Vec<Annotation>,
    /// How many kept their offsets.
    pub kept: usize,
    /// How many moved.
    pub moved: usize,
}

impl Reanchored {
    /// How many stayed, moved and became orphans.
    pub fn tally(&self) -> Tally {
        Tally {
            stayed: self.kept,
            moved: self.moved,
            orphaned: self.orphans.len(),
        }
    }
}

/// What re-anchoring did, in counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Annotations whose offsets still held.
    pub stayed: usize,
    /// Annotations placed somewhere else.
    pub moved: usize,
    /// Annotations that became orphans.
    pub orphaned: usize,
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} stayed, {} moved, {} became orphans",
            self.stayed, self.moved, self.orphaned
        )
    }
}

/// `parts` with its annotations placed again on its own article: what cannot be placed joins
/// the orphans, and the declared hash is dropped (it described another text).
pub fn reanchor_parts(mut parts: DocumentParts) -> (DocumentParts, Tally) {
    let result = reanchor(&parts.annotations, &parts.article);
    let tally = result.tally();
    parts.annotations = result.placed;
    parts.orphans.extend(result.orphans);
    parts.declared_sha256 = None;
    // Dismissed suggestions name spans of the old text; the new text has its own.
    parts.dismissed.clear();
    (parts, tally)
}

/// Places every annotation on `article` or makes it an orphan.
pub fn reanchor(annotations: &[Annotation], article: &Article) -> Reanchored {
    let mut out = Reanchored::default();
    for ann in annotations {
        if article.slice_chars(ann.start, ann.end) == Some(ann.exact.as_str()) {
            out.kept += 1;
            out.placed.push(on(article, ann, ann.start, ann.end));
            continue;
        }
        match locate(ann, article) {
            Some((start, end)) => {
                out.moved += 1;
                out.placed.push(on(article, ann, start, end));
            }
            None => out.orphans.push(ann.clone()),
        }
    }
    out
}

fn on(article: &Article, ann: &Annotation, start: usize, end: usize) -> Annotation {
    let mut placed = ann.clone();
    placed.start = start;
    placed.end = end;
    placed.exact = article
        .slice_chars(start, end)
        .unwrap_or_default()
        .to_owned();
    (placed.prefix, placed.suffix) = article.context(start, end);
    placed
}

/// How much of the expected context is found: the share of its characters equal to the found
/// context's, the two aligned at the side that touches the quote (the end of a prefix, the
/// start of a suffix).
fn context_similarity(expected: &str, found: &str, aligned_at_end: bool) -> f64 {
    let (e, f): (Vec<char>, Vec<char>) = (expected.chars().collect(), found.chars().collect());
    let n = e.len().min(f.len());
    if n == 0 {
        return if e.is_empty() { 1.0 } else { 0.0 };
    }
    let same = if aligned_at_end {
        e.iter()
            .rev()
            .zip(f.iter().rev())
            .take(n)
            .filter(|(a, b)| a == b)
            .count()
    } else {
        e.iter()
            .zip(f.iter())
            .take(n)
            .filter(|(a, b)| a == b)
            .count()
    };
    same as f64 / e.len().max(1) as f64
}

fn context_score(ann: &Annotation, article: &Article, start: usize, end: usize) -> f64 {
    let (prefix, suffix) = article.context(start, end);
    f64::midpoint(
        context_similarity(&ann.prefix, &prefix, true),
        context_similarity(&ann.suffix, &suffix, false),
    )
}

/// Where the annotation's quote is now, if it can be told with confidence.
fn locate(ann: &Annotation, article: &Article) -> Option<(usize, usize)> {
    let len = ann.exact.chars().count();
    if len == 0 {
        return None;
    }
    // Exact occurrences: the best context wins, then the nearest to the old place.
    let exact: Vec<usize> = article
        .text()
        .match_indices(ann.exact.as_str())
        .filter_map(|(byte, _)| article.char_of_byte(byte))
        .collect();
    if !exact.is_empty() {
        let best = exact.iter().copied().max_by(|&a, &b| {
            let score = |s: usize| context_score(ann, article, s, s + len);
            score(a)
                .total_cmp(&score(b))
                .then_with(|| b.abs_diff(ann.start).cmp(&a.abs_diff(ann.start)))
        })?;
        // A quote found several times with no context to tell them apart is ambiguous.
        let ties = exact
            .iter()
            .filter(|&&s| {
                (context_score(ann, article, s, s + len)
                    - context_score(ann, article, best, best + len))
                .abs()
                    < 1e-9
            })
            .count();
        if ties > 1 && context_score(ann, article, best, best + len) < 0.5 {
            return None;
        }
        return Some((best, best + len));
    }
    if len > MAX_FUZZY_QUOTE {
        return None;
    }
    approximate(ann, article, len)
}

/// The best approximate match of the quote near its old place (Sellers' algorithm: edit
/// distance with a free start), accepted only when the quote is mostly intact and its context
/// agrees.
fn approximate(ann: &Annotation, article: &Article, len: usize) -> Option<(usize, usize)> {
    let total = article.len_chars();
    let from = ann.start.saturating_sub(FUZZY_WINDOW).min(total);
    let to = ann.end.saturating_add(FUZZY_WINDOW).min(total);
    let window: Vec<char> = article.slice_chars(from, to)?.chars().collect();
    let quote: Vec<char> = ann.exact.chars().collect();
    // column[i] = best distance of quote[..i] ending at the current text position.
    let mut column: Vec<usize> = (0..=quote.len()).collect();
    let mut best: Option<(usize, usize)> = None; // (distance, end in window)
    for (j, &c) in window.iter().enumerate() {
        let mut diagonal = column[0];
        column[0] = 0;
        for i in 1..=quote.len() {
            let above = column[i];
            let cost = usize::from(quote[i - 1] != c);
            column[i] = (diagonal + cost).min(column[i - 1] + 1).min(above + 1);
            diagonal = above;
        }
        let distance = column[quote.len()];
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, j + 1));
        }
    }
    let (distance, end_in_window) = best?;
    let similarity = 1.0 - distance as f64 / len as f64;
    if similarity < MIN_QUOTE_SIMILARITY {
        return None;
    }
    // Find the start: the same alignment run backwards from the end.
    let start_in_window = start_of_match(&quote, &window[..end_in_window]);
    let (start, end) = (from + start_in_window, from + end_in_window);
    let snapped = article.snap_selection(start, end)?;
    (context_score(ann, article, snapped.0, snapped.1) >= 0.5 || similarity >= 0.95)
        .then_some(snapped)
}

/// Where in `text` the best match of `quote` starts, given that it ends where `text` ends: the
/// reversed quote aligned from the end of `text` backwards (edit distance, fixed start, free
/// end), the shortest of the best alignments.
fn start_of_match(quote: &[char], text: &[char]) -> usize {
    let reversed: Vec<char> = quote.iter().rev().copied().collect();
    let m = reversed.len();
    let mut previous: Vec<usize> = (0..=m).collect();
    let mut best = (previous[m], 0usize);
    for (j, &c) in text.iter().rev().enumerate() {
        let mut current = vec![0usize; m + 1];
        current[0] = j + 1;
        for i in 1..=m {
            let cost = usize::from(reversed[i - 1] != c);
            current[i] = (previous[i - 1] + cost)
                .min(previous[i] + 1)
                .min(current[i - 1] + 1);
        }
        if current[m] < best.0 {
            best = (current[m], j + 1);
        }
        previous = current;
    }
    text.len() - best.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::document;

    fn doc_ann(markup: &str) -> Annotation {
        let doc = document(markup).unwrap_or_else(|| panic!("markup"));
        doc.annotations()[0].clone()
    }

    #[test]
    fn offsets_that_hold_are_kept() {
        let ann = doc_ann("Ana said [yes]{claim} today.");
        let result = reanchor(&[ann], &Article::new("Ana said yes today.".into()));
        assert_eq!((result.kept, result.moved, result.orphans.len()), (1, 0, 0));
    }

    #[test]
    fn a_moved_quote_follows_its_text() {
        let ann = doc_ann("Ana said [yes, twice]{claim} today.");
        let article = Article::new("Editor's note. Ana said yes, twice today.".into());
        let result = reanchor(&[ann], &article);
        assert_eq!(result.moved, 1);
        let placed = &result.placed[0];
        assert_eq!(
            article.slice_chars(placed.start, placed.end),
            Some("yes, twice")
        );
    }

    #[test]
    fn a_repeated_quote_goes_where_its_context_matches() {
        let ann = doc_ann("Ben said no. Ana said [yes]{claim} today. Carl said yes too.");
        let article =
            Article::new("Intro. Carl said yes too. Ben said no. Ana said yes today.".into());
        let result = reanchor(&[ann], &article);
        let placed = &result.placed[0];
        assert_eq!(
            article.slice_chars(placed.start.saturating_sub(9), placed.end),
            Some("Ana said yes")
        );
    }

    #[test]
    fn a_lightly_edited_quote_is_placed_approximately() {
        let ann =
            doc_ann("The mayor said [the budget cannot stretch to every event]{claim} on Monday.");
        let article = Article::new(
            "The mayor said the budget can't stretch to every event on Monday.".into(),
        );
        let result = reanchor(&[ann], &article);
        assert_eq!(result.moved, 1, "{result:?}");
        let placed = &result.placed[0];
        assert_eq!(
            article.slice_chars(placed.start, placed.end),
            Some("the budget can't stretch to every event")
        );
    }

    #[test]
    fn deleted_text_makes_an_orphan() {
        let ann = doc_ann("Ana said [something entirely removed later]{claim}. Then more.");
        let article = Article::new("Ana said. Then more.".into());
        let result = reanchor(std::slice::from_ref(&ann), &article);
        assert_eq!(result.orphans, vec![ann]);
        assert!(result.placed.is_empty());
    }
}
