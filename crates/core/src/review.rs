//! Reviewing a colleague's annotations against mine: pairing (exact, label conflict, boundary
//! difference, only mine, only theirs), agreement figures (exact and overlap F1, Cohen's kappa
//! per label over characters), placing their annotations on my text by quote when the texts
//! differ, and the edits that take their work into mine. Definitions are DESIGN.md's.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::edit::Edit;
use super::model::{Annotation, AnnotationId, Document, Label, Speaker, SpeakerId};
use super::verdict::Scale;

/// How a pair of annotations, mine and theirs, relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PairKind {
    /// Same start, end and label.
    Exact,
    /// Same span, different label.
    LabelConflict,
    /// Overlapping spans with the same label.
    Boundary,
}

/// One of my annotations paired with one of theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    /// My annotation.
    pub mine: AnnotationId,
    /// Their annotation.
    pub theirs: AnnotationId,
    /// How they relate.
    pub kind: PairKind,
}

/// The result of pairing two sets of annotations; every annotation appears once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pairing {
    /// Pairs in the order they were made: exact, label conflicts, boundary differences.
    pub pairs: Vec<Pair>,
    /// My annotations with no partner, in text order.
    pub only_mine: Vec<AnnotationId>,
    /// Their annotations with no partner, in text order.
    pub only_theirs: Vec<AnnotationId>,
}

impl Pairing {
    /// The pairs of one kind.
    pub fn of_kind(&self, kind: PairKind) -> impl Iterator<Item = &Pair> {
        self.pairs.iter().filter(move |p| p.kind == kind)
    }
}

fn overlap(a: &Annotation, b: &Annotation) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Pairs `mine` with `theirs` as DESIGN.md defines, each annotation used at most once:
/// exact pairs, then same span with another label, then overlapping with the same label
/// (greedily by longest overlap, ties by the smaller start of mine, then of theirs), then the
/// rest. Both slices may be in any order.
pub fn pair(mine: &[Annotation], theirs: &[Annotation]) -> Pairing {
    let mut mine_sorted: Vec<&Annotation> = mine.iter().collect();
    mine_sorted.sort_by_key(|a| a.sort_key());
    let mut theirs_sorted: Vec<&Annotation> = theirs.iter().collect();
    theirs_sorted.sort_by_key(|a| a.sort_key());
    let mut used_mine: BTreeSet<AnnotationId> = BTreeSet::new();
    let mut used_theirs: BTreeSet<AnnotationId> = BTreeSet::new();
    let mut pairs = Vec::new();

    // Steps 1 and 2: the same span, first with the same label, then with any.
    for kind in [PairKind::Exact, PairKind::LabelConflict] {
        let mut by_span: HashMap<(usize, usize), Vec<&Annotation>> = HashMap::new();
        for t in theirs_sorted
            .iter()
            .filter(|t| !used_theirs.contains(&t.id))
        {
            by_span.entry((t.start, t.end)).or_default().push(t);
        }
        for m in &mine_sorted {
            if used_mine.contains(&m.id) {
                continue;
            }
            let Some(candidates) = by_span.get(&(m.start, m.end)) else {
                continue;
            };
            let found = candidates.iter().find(|t| {
                !used_theirs.contains(&t.id) && ((t.label == m.label) == (kind == PairKind::Exact))
            });
            if let Some(t) = found {
                used_mine.insert(m.id);
                used_theirs.insert(t.id);
                pairs.push(Pair {
                    mine: m.id,
                    theirs: t.id,
                    kind,
                });
            }
        }
    }

    // Step 3: overlapping with the same label, longest overlap first.
    let free_theirs: Vec<&Annotation> = theirs_sorted
        .iter()
        .copied()
        .filter(|t| !used_theirs.contains(&t.id))
        .collect();
    let longest_theirs = free_theirs
        .iter()
        .map(|t| t.end - t.start)
        .max()
        .unwrap_or(0);
    let mut candidates: Vec<(usize, &Annotation, &Annotation)> = Vec::new();
    for m in mine_sorted.iter().filter(|m| !used_mine.contains(&m.id)) {
        // Theirs are sorted by start: only those starting before my end can overlap, and none
        // starting before my start minus their longest span.
        let from = free_theirs.partition_point(|t| t.start + longest_theirs <= m.start);
        let to = free_theirs.partition_point(|t| t.start < m.end);
        for t in free_theirs.get(from..to).unwrap_or_default() {
            let shared = overlap(m, t);
            if shared > 0 && t.label == m.label {
                candidates.push((shared, m, t));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.start.cmp(&b.1.start))
            .then(a.2.start.cmp(&b.2.start))
            .then(a.1.id.cmp(&b.1.id))
            .then(a.2.id.cmp(&b.2.id))
    });
    for (_, m, t) in candidates {
        if used_mine.contains(&m.id) || used_theirs.contains(&t.id) {
            continue;
        }
        used_mine.insert(m.id);
        used_theirs.insert(t.id);
        pairs.push(Pair {
            mine: m.id,
            theirs: t.id,
            kind: PairKind::Boundary,
        });
    }

    Pairing {
        pairs,
        only_mine: mine_sorted
            .iter()
            .filter(|m| !used_mine.contains(&m.id))
            .map(|m| m.id)
            .collect(),
        only_theirs: theirs_sorted
            .iter()
            .filter(|t| !used_theirs.contains(&t.id))
            .map(|t| t.id)
            .collect(),
    }
}

/// Agreement on one label (`marginalia compare --json` writes it as it is).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LabelAgreement {
    /// How many of my annotations carry the label.
    pub mine: usize,
    /// How many of theirs do.
    pub theirs: usize,
    /// Exact pairs with the label.
    pub exact: usize,
    /// Boundary pairs with the label.
    pub boundary: usize,
    /// 2·exact / (mine + theirs); `None` when both are zero.
    pub exact_f1: Option<f64>,
    /// 2·(exact + boundary) / (mine + theirs); `None` when both are zero.
    pub overlap_f1: Option<f64>,
    /// Cohen's kappa over characters; `None` where 1 − pe = 0.
    pub kappa: Option<f64>,
}

/// Agreement between two annotation sets on the same text.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// Over all labels.
    pub exact_f1: Option<f64>,
    /// Over all labels.
    pub overlap_f1: Option<f64>,
    /// Mean of the per-label kappas that are defined, over the labels used in either set.
    pub kappa_mean: Option<f64>,
    /// Per label id, for every label used in either set, sorted by id.
    pub per_label: BTreeMap<String, LabelAgreement>,
    /// On the verdicts of paired annotations.
    pub verdicts: VerdictAgreement,
}

/// Agreement on the verdicts of paired annotations (any kind of pair: the same claim, whatever
/// its label or ends), their ratings ranked on my scale.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct VerdictAgreement {
    /// Pairs both rated.
    pub rated: usize,
    /// Of those, pairs given the same rating.
    pub same_rating: usize,
    /// The ranks (0 for the best) of the pairs both rated on the scale, mine first: the items
    /// of the ordinal figures, and what a corpus pools.
    #[serde(skip)]
    pub ranks: Vec<(usize, usize)>,
    /// How many ranks the scale has.
    #[serde(skip)]
    pub categories: usize,
    /// Cohen's kappa with quadratic weights over [`Self::ranks`].
    pub weighted_kappa: Option<f64>,
}

impl VerdictAgreement {
    /// The verdicts of the pairs of `pairing`, ranked on `scale`.
    pub fn of(
        scale: &Scale,
        mine: &[Annotation],
        theirs: &[Annotation],
        pairing: &Pairing,
    ) -> Self {
        let ordinal = scale.ordinal();
        let mut out = Self {
            categories: ordinal.len(),
            ..Self::default()
        };
        // Most reviews have no verdict on one side: nothing to look up then.
        let rated = |set: &[Annotation]| set.iter().any(|a| a.verdict.is_some());
        if !rated(mine) || !rated(theirs) {
            return out;
        }
        let rank = |id: &str| ordinal.iter().position(|r| r.id == id);
        let mine_by_id: HashMap<AnnotationId, &Annotation> =
            mine.iter().map(|a| (a.id, a)).collect();
        let theirs_by_id: HashMap<AnnotationId, &Annotation> =
            theirs.iter().map(|a| (a.id, a)).collect();
        for pair in &pairing.pairs {
            let m = mine_by_id.get(&pair.mine).and_then(|a| a.verdict.as_ref());
            let t = theirs_by_id
                .get(&pair.theirs)
                .and_then(|a| a.verdict.as_ref());
            let (Some(m), Some(t)) = (m, t) else {
                continue;
            };
            out.rated += 1;
            if m.rating == t.rating {
                out.same_rating += 1;
            }
            if let (Some(a), Some(b)) = (rank(&m.rating), rank(&t.rating)) {
                out.ranks.push((a, b));
            }
        }
        out.weighted_kappa = super::ordinal::weighted_kappa(&out.ranks, out.categories);
        out
    }
}

fn f1(agreeing: usize, mine: usize, theirs: usize) -> Option<f64> {
    let total = mine + theirs;
    (total > 0).then(|| 2.0 * agreeing as f64 / total as f64)
}

/// Sorted, merged code point intervals covered by `spans`.
fn union(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

fn covered(intervals: &[(usize, usize)]) -> usize {
    intervals.iter().map(|(s, e)| e - s).sum()
}

fn intersection(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    let (mut i, mut j, mut total) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        total += x.1.min(y.1).saturating_sub(x.0.max(y.0));
        if x.1 < y.1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    total
}

/// Cohen's kappa for one label over the `len_chars` code points of a text: each code point is
/// 1 in a set when one of its spans with the label covers it. `None` where 1 − pe = 0.
pub fn kappa(len_chars: usize, mine: &[(usize, usize)], theirs: &[(usize, usize)]) -> Option<f64> {
    if len_chars == 0 {
        return None;
    }
    let a = union(mine.to_vec());
    let b = union(theirs.to_vec());
    let n = len_chars as f64;
    let mine_chars = covered(&a) as f64;
    let theirs_chars = covered(&b) as f64;
    let both_chars = intersection(&a, &b) as f64;
    let agree = both_chars + (n - mine_chars - theirs_chars + both_chars);
    let po = agree / n;
    let (pa, pb) = (mine_chars / n, theirs_chars / n);
    let pe = pa * pb + (1.0 - pa) * (1.0 - pb);
    let denominator = 1.0 - pe;
    (denominator.abs() > f64::EPSILON).then(|| (po - pe) / denominator)
}

/// The agreement figures of DESIGN.md for `mine` and `theirs` on a text of `len_chars` code
/// points, given their pairing.
pub fn agreement(
    len_chars: usize,
    scale: &Scale,
    mine: &[Annotation],
    theirs: &[Annotation],
    pairing: &Pairing,
) -> Agreement {
    let labels: BTreeSet<&str> = mine
        .iter()
        .chain(theirs)
        .map(|a| a.label.as_str())
        .collect();
    let label_of: HashMap<AnnotationId, &str> =
        mine.iter().map(|a| (a.id, a.label.as_str())).collect();
    let mut per_label = BTreeMap::new();
    let mut kappas = Vec::new();
    for label in &labels {
        let spans = |set: &[Annotation]| -> Vec<(usize, usize)> {
            set.iter()
                .filter(|a| a.label == *label)
                .map(|a| (a.start, a.end))
                .collect()
        };
        let (mine_spans, theirs_spans) = (spans(mine), spans(theirs));
        let count = |kind: PairKind| {
            pairing
                .of_kind(kind)
                .filter(|p| label_of.get(&p.mine) == Some(label))
                .count()
        };
        let (exact, boundary) = (count(PairKind::Exact), count(PairKind::Boundary));
        let k = kappa(len_chars, &mine_spans, &theirs_spans);
        if let Some(k) = k {
            kappas.push(k);
        }
        per_label.insert(
            (*label).to_owned(),
            LabelAgreement {
                mine: mine_spans.len(),
                theirs: theirs_spans.len(),
                exact,
                boundary,
                exact_f1: f1(exact, mine_spans.len(), theirs_spans.len()),
                overlap_f1: f1(exact + boundary, mine_spans.len(), theirs_spans.len()),
                kappa: k,
            },
        );
    }
    let exact = pairing.of_kind(PairKind::Exact).count();
    let boundary = pairing.of_kind(PairKind::Boundary).count();
    Agreement {
        exact_f1: f1(exact, mine.len(), theirs.len()),
        overlap_f1: f1(exact + boundary, mine.len(), theirs.len()),
        kappa_mean: (!kappas.is_empty()).then(|| kappas.iter().sum::<f64>() / kappas.len() as f64),
        per_label,
        verdicts: VerdictAgreement::of(scale, mine, theirs, pairing),
    }
}

/// Their annotations moved onto my text: kept where the texts agree, else placed where their
/// quote occurs in my text (the occurrence nearest their old position, preferring one whose
/// context matches). What cannot be placed is returned apart, never dropped.
pub fn place_on_my_text(mine: &Document, theirs: &Document) -> (Vec<Annotation>, Vec<Annotation>) {
    if mine.article.sha256() == theirs.article.sha256() {
        return (theirs.annotations().to_vec(), theirs.orphans().to_vec());
    }
    let text = mine.article.text();
    let mut placed = Vec::new();
    let mut orphans = theirs.orphans().to_vec();
    for ann in theirs.annotations() {
        let occurrences: Vec<usize> = if ann.exact.is_empty() {
            Vec::new()
        } else {
            text.match_indices(ann.exact.as_str())
                .filter_map(|(byte, _)| mine.article.char_of_byte(byte))
                .collect()
        };
        let len = ann.exact.chars().count();
        let best = occurrences.iter().copied().min_by_key(|&start| {
            let (prefix, suffix) = mine.article.context(start, start + len);
            let context_miss = usize::from(
                !prefix.ends_with(ann.prefix.as_str()) && !ann.prefix.ends_with(prefix.as_str()),
            ) + usize::from(
                !suffix.starts_with(ann.suffix.as_str())
                    && !ann.suffix.starts_with(suffix.as_str()),
            );
            (context_miss, start.abs_diff(ann.start))
        });
        match best.and_then(|start| {
            Annotation::on_text(&mine.article, ann.id, &ann.label, start, start + len)
        }) {
            Some(mut moved) => {
                moved.speaker = ann.speaker;
                moved.responds_to = ann.responds_to;
                moved.note.clone_from(&ann.note);
                placed.push(moved);
            }
            None => orphans.push(ann.clone()),
        }
    }
    (placed, orphans)
}

/// The edit that adds `take` (annotations of `theirs`, placed on my text) and `orphans` (theirs
/// that could not be placed, kept as orphans) to `mine`: new ids, speakers matched by name
/// (added when new), labels matched by id (added when unknown, without their key), and links
/// kept where their target is taken too or is paired with one of mine.
pub fn take_theirs_edit(
    mine: &Document,
    theirs: &Document,
    take: &[&Annotation],
    orphans: &[&Annotation],
    pairing: &Pairing,
) -> Edit {
    let mut edits = Vec::new();
    let mut labels_added: BTreeSet<&str> = BTreeSet::new();
    let mut speaker_ids: HashMap<SpeakerId, SpeakerId> = HashMap::new();
    let mut next_speaker = mine.next_speaker_id().0;
    let mut index_labels = mine.labels().len();
    let mut index_speakers = mine.speakers().len();
    for ann in take.iter().chain(orphans) {
        if mine.label(&ann.label).is_none() && labels_added.insert(&ann.label) {
            let label = theirs.label(&ann.label).cloned().unwrap_or_else(|| Label {
                id: ann.label.clone(),
                name: ann.label.clone(),
                color: "#888888".to_owned(),
                key: String::new(),
            });
            edits.push(Edit::InsertLabel {
                index: index_labels,
                label: Label {
                    key: String::new(),
                    ..label
                },
            });
            index_labels += 1;
        }
        if let Some(their_speaker) = theirs.speaker_of(ann)
            && !speaker_ids.contains_key(&their_speaker.id)
        {
            let existing = mine.speaker_named(&their_speaker.name);
            let id = if let Some(s) = existing {
                s.id
            } else {
                let id = SpeakerId(next_speaker);
                next_speaker += 1;
                edits.push(Edit::InsertSpeaker {
                    index: index_speakers,
                    speaker: Speaker {
                        id,
                        ..their_speaker.clone()
                    },
                });
                index_speakers += 1;
                id
            };
            speaker_ids.insert(their_speaker.id, id);
        }
    }
    let mut kept_as = repeats(mine, take);
    let added: Vec<&&Annotation> = take
        .iter()
        .filter(|a| !kept_as.contains_key(&a.id))
        .collect();
    let new_ids: HashMap<AnnotationId, AnnotationId> = added
        .iter()
        .copied()
        .chain(orphans)
        .zip(mine.next_annotation_id().0..)
        .map(|(ann, id)| (ann.id, AnnotationId(id)))
        .collect();
    for kept in kept_as.values_mut() {
        if let Some(&new) = new_ids.get(kept) {
            *kept = new;
        }
    }
    let mut paired_mine: HashMap<AnnotationId, AnnotationId> =
        pairing.pairs.iter().map(|p| (p.theirs, p.mine)).collect();
    paired_mine.extend(kept_as);
    let mut links = Vec::new();
    for ann in added {
        let id = new_ids.get(&ann.id).copied().unwrap_or(ann.id);
        let mut added = (*ann).clone();
        added.id = id;
        added.speaker = ann.speaker.and_then(|s| speaker_ids.get(&s).copied());
        added.responds_to = None;
        edits.push(Edit::AddAnnotation(added));
        if let Some(target) = ann.responds_to {
            let mapped = new_ids
                .get(&target)
                .or_else(|| paired_mine.get(&target))
                .copied();
            if let Some(target) = mapped {
                links.push(Edit::Link {
                    id,
                    responds_to: Some(target),
                });
            }
        }
    }
    for orphan in orphans {
        let mut kept = (*orphan).clone();
        kept.id = new_ids.get(&orphan.id).copied().unwrap_or(orphan.id);
        kept.speaker = orphan.speaker.and_then(|s| speaker_ids.get(&s).copied());
        // A link survives only to an annotation that exists in mine after the merge.
        kept.responds_to = orphan
            .responds_to
            .and_then(|t| new_ids.get(&t).or_else(|| paired_mine.get(&t)).copied());
        edits.push(Edit::AddOrphan(kept));
    }
    edits.extend(links);
    Edit::Batch(edits)
}

/// The same span with the same label is one annotation: theirs that repeat one of mine, or one
/// taken before them, are not added again. Returns each such annotation of theirs with the
/// id it is kept as: mine, or (their id) the first of theirs with that span and label.
fn repeats(mine: &Document, take: &[&Annotation]) -> HashMap<AnnotationId, AnnotationId> {
    let mut kept_as = HashMap::new();
    let mut first_of_span: HashMap<(usize, usize, &str), AnnotationId> = HashMap::new();
    for ann in take {
        if let Some(existing) = crate::validate::duplicate_of(mine, ann) {
            kept_as.insert(ann.id, existing.id);
        } else if let Some(&first) = first_of_span.get(&(ann.start, ann.end, ann.label.as_str())) {
            kept_as.insert(ann.id, first);
        } else {
            first_of_span.insert((ann.start, ann.end, ann.label.as_str()), ann.id);
        }
    }
    kept_as
}

/// A review of their annotations against mine, ready to show or print.
#[derive(Clone, Debug)]
pub struct Review {
    /// Their annotations on my text (ids are theirs).
    pub theirs: Vec<Annotation>,
    /// Theirs that could not be placed on my text.
    pub orphans: Vec<Annotation>,
    /// Whether both files annotate the same text (equal SHA-256).
    pub same_text: bool,
    /// The pairing of mine with theirs.
    pub pairing: Pairing,
    /// The agreement figures.
    pub agreement: Agreement,
    /// Where each of their annotations is in [`Self::theirs`], by id.
    their_index: HashMap<AnnotationId, usize>,
}

impl Review {
    /// Places their annotations on my text, pairs them with mine and computes the figures.
    pub fn new(mine: &Document, theirs: &Document) -> Self {
        let (placed, orphans) = place_on_my_text(mine, theirs);
        let pairing = pair(mine.annotations(), &placed);
        let agreement = agreement(
            mine.article.len_chars(),
            mine.scale(),
            mine.annotations(),
            &placed,
            &pairing,
        );
        let their_index = placed.iter().enumerate().map(|(n, a)| (a.id, n)).collect();
        Self {
            theirs: placed,
            orphans,
            same_text: mine.article.sha256() == theirs.article.sha256(),
            pairing,
            agreement,
            their_index,
        }
    }

    /// Their annotation with this id, placed on my text.
    pub fn their(&self, id: AnnotationId) -> Option<&Annotation> {
        self.their_index.get(&id).and_then(|&n| self.theirs.get(n))
    }

    /// The edit that takes every annotation only they have, and keeps their orphans as orphans,
    /// leaving conflicts and boundary differences as mine.
    pub fn take_only_theirs(&self, mine: &Document, theirs: &Document) -> Edit {
        let take: Vec<&Annotation> = self
            .pairing
            .only_theirs
            .iter()
            .filter_map(|id| self.their(*id))
            .collect();
        let orphans: Vec<&Annotation> = self.orphans.iter().collect();
        take_theirs_edit(mine, theirs, &take, &orphans, &self.pairing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::document;

    fn doc(markup: &str) -> Document {
        document(markup).unwrap_or_else(|| panic!("markup {markup:?}"))
    }

    fn ids(list: &[AnnotationId]) -> Vec<u64> {
        list.iter().map(|a| a.0).collect()
    }

    #[test]
    fn pairing_follows_the_four_steps() {
        // Text: "aaaa bbbb cccc dddd eeee" (24 code points).
        // mine:   1 [0,4) claim   2 [5,9) claim    3 [10,14) claim  4 [15,19) denial
        // theirs: 1 [0,4) claim   2 [5,9) denial   3 [10,12) claim  4 [20,24) reaction
        let mine = doc("[aaaa]{claim} [bbbb]{claim} [cccc]{claim} [dddd]{denial} eeee");
        let theirs = doc("[aaaa]{claim} [bbbb]{denial} [cc]{claim}cc dddd [eeee]{reaction}");
        let pairing = pair(mine.annotations(), theirs.annotations());
        let kinds: Vec<(u64, u64, PairKind)> = pairing
            .pairs
            .iter()
            .map(|p| (p.mine.0, p.theirs.0, p.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                (1, 1, PairKind::Exact),
                (2, 2, PairKind::LabelConflict),
                (3, 3, PairKind::Boundary)
            ]
        );
        assert_eq!(ids(&pairing.only_mine), [4]);
        assert_eq!(ids(&pairing.only_theirs), [4]);
    }

    #[test]
    fn boundary_pairs_go_to_the_longest_overlap_then_the_smaller_start() {
        // mine 1 [0,10) claim; theirs 1 [0,3), 2 [2,9): 2 overlaps more and wins.
        let mine = doc("[abcdefghij]{claim}");
        let theirs = doc("[ab[c]{claim}defghi]{claim}j");
        // In the markup, theirs 1 is [0,9) "abcdefghi" and 2 is [2,3) "c".
        let pairing = pair(mine.annotations(), theirs.annotations());
        assert_eq!(
            pairing.pairs,
            [Pair {
                mine: AnnotationId(1),
                theirs: AnnotationId(1),
                kind: PairKind::Boundary
            }]
        );
        assert_eq!(ids(&pairing.only_theirs), [2]);

        // Equal overlaps: the smaller start of mine takes its partner first.
        // mine 1 [0,4) "abcd", 2 [4,8) "efgh"; theirs 1 [2,6) "cdef": both overlap by 2.
        let mine = doc("[abcd]{claim}[efgh]{claim}");
        let theirs = doc("ab[cdef]{claim}gh");
        let pairing = pair(mine.annotations(), theirs.annotations());
        assert_eq!(pairing.pairs.first().map(|p| p.mine), Some(AnnotationId(1)));
        assert_eq!(ids(&pairing.only_mine), [2]);
    }

    #[test]
    fn each_annotation_is_used_at_most_once() {
        // Two identical annotations in mine (a file written before duplicates were refused:
        // it still loads), one in theirs.
        let mut mine = doc("[same]{claim} rest");
        let twin = Annotation::on_text(&mine.article, AnnotationId(2), "claim", 0, 4);
        let Some(twin) = twin else {
            panic!("the twin is a span of the text");
        };
        mine.span_of.insert(twin.id, (twin.start, twin.end));
        mine.annotations.push(twin);
        assert_eq!(crate::validate::warnings(&mine).len(), 1);
        let theirs = doc("[same]{claim} rest");
        let pairing = pair(mine.annotations(), theirs.annotations());
        assert_eq!(pairing.pairs.len(), 1);
        assert_eq!(ids(&pairing.only_mine), [2]);
    }

    #[test]
    fn figures_worked_out_by_hand() {
        let mine = doc("[aaaa]{claim} [bbbb]{claim} [cccc]{claim} [dddd]{denial} eeee");
        let theirs = doc("[aaaa]{claim} [bbbb]{denial} [cc]{claim}cc dddd [eeee]{reaction}");
        let pairing = pair(mine.annotations(), theirs.annotations());
        let figures = agreement(
            24,
            mine.scale(),
            mine.annotations(),
            theirs.annotations(),
            &pairing,
        );
        // |mine| = 4, |theirs| = 4, E = 1, B = 1.
        assert_eq!(figures.exact_f1, Some(2.0 * 1.0 / 8.0));
        assert_eq!(figures.overlap_f1, Some(2.0 * 2.0 / 8.0));
        // claim: mine 3, theirs 2, E 1, B 1.
        let claim = &figures.per_label["claim"];
        assert_eq!(
            (claim.mine, claim.theirs, claim.exact, claim.boundary),
            (3, 2, 1, 1)
        );
        assert_eq!(claim.exact_f1, Some(2.0 / 5.0));
        assert_eq!(claim.overlap_f1, Some(4.0 / 5.0));
        // claim over 24 characters: mine covers [0,4)+[5,9)+[10,14) = 12, theirs [0,4)+[10,12)
        // = 6, both 6. po = (6 + (24 − 12 − 6 + 6)) / 24 = 18/24 = 0.75.
        // pe = (12/24)(6/24) + (12/24)(18/24) = 0.125 + 0.375 = 0.5. kappa = 0.25 / 0.5 = 0.5.
        assert_eq!(claim.kappa, Some(0.5));
        // denial: mine [15,19), theirs [5,9): no overlap. po = (0 + 16)/24 = 2/3;
        // pe = (4/24)(4/24) + (20/24)(20/24) = 16/576 + 400/576 = 416/576.
        // kappa = (384/576 − 416/576) / (160/576) = −32/160 = −0.2.
        let denial = figures.per_label["denial"].kappa.unwrap_or(f64::NAN);
        assert!((denial - -0.2).abs() < 1e-12, "{denial}");
        // reaction: only theirs covers [20,24): po = 20/24; pe = 0·(4/24) + 1·(20/24) = 20/24;
        // kappa = 0 / (4/24) = 0.
        assert_eq!(figures.per_label["reaction"].kappa, Some(0.0));
        let mean = figures.kappa_mean.unwrap_or(f64::NAN);
        assert!((mean - (0.5 - 0.2 + 0.0) / 3.0).abs() < 1e-12, "{mean}");
    }

    #[test]
    fn kappa_is_undefined_when_chance_agreement_is_certain() {
        // Neither set has the label anywhere: pe = 1.
        assert_eq!(kappa(10, &[], &[]), None);
        // Both cover everything: pe = 1.
        assert_eq!(kappa(4, &[(0, 4)], &[(0, 4)]), None);
        // Identical partial coverage: perfect agreement.
        assert_eq!(kappa(4, &[(0, 2)], &[(0, 1), (1, 2)]), Some(1.0));
        let empty = agreement(0, &Scale::default(), &[], &[], &Pairing::default());
        assert_eq!(
            (empty.exact_f1, empty.overlap_f1, empty.kappa_mean),
            (None, None, None)
        );
    }

    #[test]
    fn their_annotations_are_placed_by_quote_on_another_version_of_the_text() {
        let mine = doc("Intro added. Ana said yes. Ben said no. Ana said yes.");
        let theirs =
            doc("Ana said yes. [Ben said no]{denial}. Ana [said yes]{claim}. [Gone]{claim}");
        let (placed, orphans) = place_on_my_text(&mine, &theirs);
        let spans: Vec<(u64, usize, usize)> =
            placed.iter().map(|a| (a.id.0, a.start, a.end)).collect();
        // "said yes" occurs twice in mine; the second one matches its context ("Ana " before,
        // "." after, like theirs) and its old position best.
        assert_eq!(spans, [(1, 27, 38), (2, 44, 52)]);
        assert_eq!(orphans.iter().map(|a| a.id.0).collect::<Vec<_>>(), [3]);
    }

    #[test]
    fn taking_theirs_maps_ids_speakers_labels_and_links() {
        let mut mine = doc("[Claim here]{claim} and a reply.");
        let speaker = Speaker {
            id: SpeakerId(1),
            name: "Ana".into(),
            role: String::new(),
        };
        assert!(mine.apply(Edit::add_speaker(&mine, speaker)).is_ok());
        let mut theirs = doc("[Claim here]{claim} and a [reply]{denial}.");
        for (id, name) in [(5, "ana"), (6, "Ben")] {
            let speaker = Speaker {
                id: SpeakerId(id),
                name: name.into(),
                role: String::new(),
            };
            assert!(theirs.apply(Edit::add_speaker(&theirs, speaker)).is_ok());
        }
        let rumour = Label {
            id: "rumour".into(),
            name: "Rumour".into(),
            color: "#AA00FF".into(),
            key: "9".into(),
        };
        assert!(theirs.apply(Edit::add_label(&theirs, rumour)).is_ok());
        for edit in [
            Edit::SetSpeaker {
                id: AnnotationId(2),
                speaker: Some(SpeakerId(6)),
            },
            Edit::Link {
                id: AnnotationId(2),
                responds_to: Some(AnnotationId(1)),
            },
            Edit::SetSpeaker {
                id: AnnotationId(1),
                speaker: Some(SpeakerId(5)),
            },
        ] {
            assert!(theirs.apply(edit).is_ok());
        }
        let extra = Annotation::on_text(&theirs.article, AnnotationId(3), "rumour", 15, 16);
        assert!(extra.is_some_and(|e| theirs.apply(Edit::AddAnnotation(e)).is_ok()));
        let pairing = pair(mine.annotations(), theirs.annotations());
        let take: Vec<&Annotation> = pairing
            .only_theirs
            .iter()
            .filter_map(|id| theirs.annotation(*id))
            .collect();
        let edit = take_theirs_edit(&mine, &theirs, &take, &[], &pairing);
        let before = mine.clone();
        let undo = mine.apply(edit).unwrap_or_else(|p| panic!("{p}"));
        let reply = mine
            .annotations()
            .iter()
            .find(|a| a.exact == "reply")
            .cloned()
            .unwrap_or_else(|| panic!("reply"));
        // New ids continue mine, in text order: the rumour at 15 gets 2, the reply 3.
        assert_eq!(reply.id, AnnotationId(3), "new ids continue mine");
        assert_eq!(
            reply.responds_to,
            Some(AnnotationId(1)),
            "linked to my paired claim"
        );
        let ben = reply
            .speaker
            .and_then(|s| mine.speaker(s))
            .map(|s| s.name.clone());
        assert_eq!(ben.as_deref(), Some("Ben"), "a new speaker is added");
        assert_eq!(
            mine.speakers().len(),
            2,
            "Ana matched by name, not added again"
        );
        assert!(
            mine.label("rumour").is_some_and(|l| l.key.is_empty()),
            "unknown label added, without its key"
        );
        assert!(mine.apply(undo).is_ok());
        assert_eq!(mine, before);
    }
}
