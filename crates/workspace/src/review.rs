//! A review in progress: a colleague's file against mine, the differences still open and the
//! edits that take their side. Every decision that changes my document is an undoable edit,
//! and what is taken stays in mine when the review ends.

use std::collections::BTreeSet;
use std::path::PathBuf;

use marginalia_core::review::{PairKind, Review, take_theirs_edit};
use marginalia_core::{Annotation, AnnotationId, Document, Edit};

/// How a colleague's span relates to mine, for the way it is drawn in review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// Theirs agrees exactly with one of mine: a thin line.
    Agrees,
    /// Same span, another label: a dashed line.
    LabelConflict,
    /// Overlapping, same label, other ends: a dotted line.
    Boundary,
    /// Only they have it: a thick line.
    OnlyTheirs,
    /// Only I have it: a dashed outline around my highlight.
    OnlyMine,
}

/// A span drawn over the article in review mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewMark {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The label it carries (theirs for their spans).
    pub label: String,
    /// How it is drawn.
    pub kind: MarkKind,
}

/// A difference between mine and theirs, by the ids on each side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Difference {
    /// Same span, other label.
    LabelConflict(AnnotationId, AnnotationId),
    /// Overlapping, same label.
    Boundary(AnnotationId, AnnotationId),
    /// Only they have it (their id).
    OnlyTheirs(AnnotationId),
    /// Only I have it (my id).
    OnlyMine(AnnotationId),
    /// Paired (mine, theirs), with another verdict or one only one of us gave.
    Verdict(AnnotationId, AnnotationId),
}

impl Difference {
    /// The headings differences are grouped under, in order.
    pub const GROUPS: [&'static str; 5] = [
        "Label conflicts",
        "Boundary differences",
        "Only theirs",
        "Only mine",
        "Verdicts",
    ];

    /// The heading this difference is listed under.
    pub fn group(self) -> &'static str {
        match self {
            Self::LabelConflict(..) => Self::GROUPS[0],
            Self::Boundary(..) => Self::GROUPS[1],
            Self::OnlyTheirs(_) => Self::GROUPS[2],
            Self::OnlyMine(_) => Self::GROUPS[3],
            Self::Verdict(..) => Self::GROUPS[4],
        }
    }
}

/// A review in progress.
pub struct ReviewSession {
    /// Their document as loaded.
    theirs: Document,
    /// Their file.
    path: PathBuf,
    /// The pairing and figures, for `revision` of my document.
    review: Review,
    revision: u64,
    /// Differences the reviewer decided to leave as mine.
    kept_mine: BTreeSet<Difference>,
    /// The marks for the article, made for `revision`.
    marks: Vec<ReviewMark>,
    /// The rating of my side of each pair, in the pairing's order, made for `revision`.
    mine_ratings: Vec<Option<String>>,
}

impl ReviewSession {
    /// A review of `theirs` (from `path`) against `mine` at `revision`.
    pub fn new(mine: &Document, revision: u64, theirs: Document, path: PathBuf) -> Self {
        let review = Review::new(mine, &theirs);
        let mut session = Self {
            theirs,
            path,
            review,
            revision,
            kept_mine: BTreeSet::new(),
            marks: Vec::new(),
            mine_ratings: Vec::new(),
        };
        session.marks = session.make_marks(mine);
        session.mine_ratings = session.paired_ratings(mine);
        session
    }

    /// Recomputes the review and the marks when my document changed; returns whether it did.
    pub fn refresh(&mut self, mine: &Document, revision: u64) -> bool {
        if revision == self.revision {
            return false;
        }
        self.review = Review::new(mine, &self.theirs);
        self.revision = revision;
        self.marks = self.make_marks(mine);
        self.mine_ratings = self.paired_ratings(mine);
        true
    }

    /// Their document as loaded.
    pub fn theirs(&self) -> &Document {
        &self.theirs
    }

    /// Their file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// The pairing and the agreement figures.
    pub fn review(&self) -> &Review {
        &self.review
    }

    /// The differences the reviewer decided to leave as mine.
    pub fn kept_mine(&self) -> &BTreeSet<Difference> {
        &self.kept_mine
    }

    /// The marks to draw over the article.
    pub fn marks(&self) -> &[ReviewMark] {
        &self.marks
    }

    /// The differences still open, by kind.
    pub fn differences(&self) -> Vec<Difference> {
        let pairing = &self.review.pairing;
        let mut out: Vec<Difference> = pairing
            .pairs
            .iter()
            .filter_map(|p| match p.kind {
                PairKind::Exact => None,
                PairKind::LabelConflict => Some(Difference::LabelConflict(p.mine, p.theirs)),
                PairKind::Boundary => Some(Difference::Boundary(p.mine, p.theirs)),
            })
            .collect();
        out.extend(
            pairing
                .only_theirs
                .iter()
                .map(|id| Difference::OnlyTheirs(*id)),
        );
        out.extend(pairing.only_mine.iter().map(|id| Difference::OnlyMine(*id)));
        // Verdicts agree when they give the same rating: the wording of conclusions differs
        // between any two people.
        out.extend(
            pairing
                .pairs
                .iter()
                .zip(&self.mine_ratings)
                .filter(|(p, mine)| {
                    let theirs = self.review.their(p.theirs).and_then(|a| a.verdict.as_ref());
                    mine.as_deref() != theirs.map(|v| v.rating.as_str())
                })
                .map(|(p, _)| Difference::Verdict(p.mine, p.theirs)),
        );
        out.retain(|d| !self.kept_mine.contains(d));
        out
    }

    /// The rating of my side of each pair, in the pairing's order.
    fn paired_ratings(&self, mine: &Document) -> Vec<Option<String>> {
        self.review
            .pairing
            .pairs
            .iter()
            .map(|p| {
                let verdict = mine.annotation(p.mine).and_then(|a| a.verdict.as_ref());
                verdict.map(|v| v.rating.clone())
            })
            .collect()
    }

    /// Every span of theirs, styled by how it pairs, and an outline around mine that only I
    /// have, sorted by start.
    fn make_marks(&self, mine: &Document) -> Vec<ReviewMark> {
        let review = &self.review;
        let mark = |ann: &Annotation, kind| ReviewMark {
            start: ann.start,
            end: ann.end,
            label: ann.label.clone(),
            kind,
        };
        let mut marks = Vec::new();
        for pair in &review.pairing.pairs {
            if let Some(t) = review.their(pair.theirs) {
                let kind = match pair.kind {
                    PairKind::Exact => MarkKind::Agrees,
                    PairKind::LabelConflict => MarkKind::LabelConflict,
                    PairKind::Boundary => MarkKind::Boundary,
                };
                marks.push(mark(t, kind));
            }
        }
        let pairing = &review.pairing;
        let only_theirs = pairing
            .only_theirs
            .iter()
            .filter_map(|id| review.their(*id));
        marks.extend(only_theirs.map(|t| mark(t, MarkKind::OnlyTheirs)));
        let only_mine = pairing
            .only_mine
            .iter()
            .filter_map(|id| mine.annotation(*id));
        marks.extend(only_mine.map(|m| mark(m, MarkKind::OnlyMine)));
        marks.sort_by_key(|m| (m.start, m.end));
        marks
    }

    /// The edit that takes their side of a difference, if it changes my document.
    pub fn take_theirs(&self, mine: &Document, difference: Difference) -> Option<Edit> {
        let review = &self.review;
        match difference {
            Difference::LabelConflict(m, t) => {
                let theirs = review.their(t)?;
                let mut edits = Vec::new();
                if mine.label(&theirs.label).is_none() {
                    let label = self.theirs.label(&theirs.label)?.clone();
                    edits.push(Edit::add_label(
                        mine,
                        marginalia_core::Label {
                            key: String::new(),
                            ..label
                        },
                    ));
                }
                edits.push(Edit::Relabel {
                    id: m,
                    label: theirs.label.clone(),
                });
                Some(Edit::Batch(edits))
            }
            Difference::Boundary(m, t) => {
                let theirs = review.their(t)?;
                Some(Edit::Resize {
                    id: m,
                    start: theirs.start,
                    end: theirs.end,
                })
            }
            Difference::OnlyTheirs(t) => self.keep_both(mine, t),
            Difference::OnlyMine(m) => Some(Edit::remove_unlinking_responses(mine, m)),
            Difference::Verdict(m, t) => self.take_their_verdict(mine, m, t),
        }
    }

    /// The edit that gives my annotation `m` their annotation `t`'s verdict, their rating
    /// added to my scale when mine lacks it.
    fn take_their_verdict(
        &self,
        mine: &Document,
        m: AnnotationId,
        t: AnnotationId,
    ) -> Option<Edit> {
        let verdict = self.review.their(t)?.verdict.clone();
        let mut edits = Vec::new();
        if let Some(v) = &verdict
            && mine.scale().rating(&v.rating).is_none()
        {
            let mut scale = mine.scale().clone();
            let mut rating = self.theirs.scale().rating(&v.rating)?.clone();
            if rating
                .value
                .is_some_and(|value| scale.ratings.iter().any(|r| r.value == Some(value)))
            {
                rating.value = None;
            }
            scale.ratings.push(rating);
            edits.push(Edit::SetScale(scale));
        }
        edits.push(Edit::SetVerdict {
            id: m,
            verdict: verdict.map(|v| *v),
        });
        Some(Edit::Batch(edits))
    }

    /// The edit that adds their annotation `t` beside mine.
    pub fn keep_both(&self, mine: &Document, t: AnnotationId) -> Option<Edit> {
        let theirs = self.review.their(t)?;
        Some(take_theirs_edit(
            mine,
            &self.theirs,
            &[theirs],
            &[],
            &self.review.pairing,
        ))
    }

    /// The edit that takes everything only they have (and keeps their orphans as orphans).
    pub fn take_all_only_theirs(&self, mine: &Document) -> Edit {
        self.review.take_only_theirs(mine, &self.theirs)
    }

    /// Leaves a difference as mine.
    pub fn keep_mine(&mut self, difference: Difference) {
        self.kept_mine.insert(difference);
    }

    /// Shows the differences left as mine again.
    pub fn reconsider(&mut self) {
        self.kept_mine.clear();
    }
}

/// A reviewer's decision.
#[derive(Clone, Copy, Debug)]
pub enum ReviewDecision {
    /// Make mine like theirs (relabel, resize, add, or delete mine).
    TakeTheirs(Difference),
    /// Leave mine as it is.
    KeepMine(Difference),
    /// Add theirs beside mine.
    KeepBoth(Difference),
    /// Take every annotation only they have.
    TakeAllOnlyTheirs,
    /// Show the differences kept as mine again.
    Reconsider,
}
