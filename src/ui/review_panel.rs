//! Review mode: a colleague's file shown against mine. The panel holds the agreement table and
//! the differences grouped by kind, each with take theirs, keep mine or keep both; every
//! decision that changes my document is an undoable edit, and what is taken stays in mine when
//! the review ends.

use std::collections::BTreeSet;
use std::path::PathBuf;

use egui::{Color32, RichText, Ui};

use crate::core::review::{PairKind, Review, take_theirs_edit};
use crate::core::{Annotation, AnnotationId, Document, Edit};

use super::article_view::{MarkKind, ReviewMark, label_color};
use super::{Action, short_quote};

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
}

impl Difference {
    /// The headings differences are grouped under, in order.
    const GROUPS: [&'static str; 4] = [
        "Label conflicts",
        "Boundary differences",
        "Only theirs",
        "Only mine",
    ];

    /// The heading this difference is listed under.
    fn group(self) -> &'static str {
        match self {
            Self::LabelConflict(..) => Self::GROUPS[0],
            Self::Boundary(..) => Self::GROUPS[1],
            Self::OnlyTheirs(_) => Self::GROUPS[2],
            Self::OnlyMine(_) => Self::GROUPS[3],
        }
    }
}

/// A review in progress.
pub struct ReviewSession {
    /// Their document as loaded.
    pub theirs: Document,
    /// Their file, for the panel's heading.
    pub path: PathBuf,
    /// The pairing and figures, for `revision` of my document.
    review: Review,
    revision: u64,
    /// Differences the reviewer decided to leave as mine.
    kept_mine: BTreeSet<Difference>,
    /// The marks for the article, made for `revision`.
    marks: Vec<ReviewMark>,
    /// Which kind of difference the panel lists (an index into `Difference::GROUPS`, or one
    /// past it for their annotations not found in my text).
    group: usize,
}

/// The height of one difference in the panel's list, in points.
const DIFFERENCE_ROW_HEIGHT: f32 = 92.0;

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
            group: 0,
        };
        session.marks = session.make_marks(mine);
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
        true
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
        out.retain(|d| !self.kept_mine.contains(d));
        out
    }

    /// Every span of theirs, styled by how it pairs, and an outline around mine that only I
    /// have, sorted by start.
    fn make_marks(&self, mine: &Document) -> Vec<ReviewMark> {
        let review = &self.review;
        let color = |ann: &Annotation| label_color(&self.theirs, &ann.label);
        let mut marks = Vec::new();
        for pair in &review.pairing.pairs {
            if let Some(t) = review.their(pair.theirs) {
                let kind = match pair.kind {
                    PairKind::Exact => MarkKind::Agrees,
                    PairKind::LabelConflict => MarkKind::LabelConflict,
                    PairKind::Boundary => MarkKind::Boundary,
                };
                marks.push(ReviewMark {
                    start: t.start,
                    end: t.end,
                    color: color(t),
                    kind,
                });
            }
        }
        for t in review
            .pairing
            .only_theirs
            .iter()
            .filter_map(|id| review.their(*id))
        {
            marks.push(ReviewMark {
                start: t.start,
                end: t.end,
                color: color(t),
                kind: MarkKind::OnlyTheirs,
            });
        }
        for m in review
            .pairing
            .only_mine
            .iter()
            .filter_map(|id| mine.annotation(*id))
        {
            marks.push(ReviewMark {
                start: m.start,
                end: m.end,
                color: Color32::RED,
                kind: MarkKind::OnlyMine,
            });
        }
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
                        crate::core::Label {
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
        }
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

    /// Draws the review panel.
    pub fn ui(&mut self, ui: &mut Ui, mine: &Document, revision: u64, actions: &mut Vec<Action>) {
        self.refresh(mine, revision);
        let name = super::file_name_of(&self.path);
        ui.horizontal(|ui| {
            ui.heading("Review");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("End review").clicked() {
                    actions.push(Action::EndReview);
                }
            });
        });
        let by = if self.theirs.annotator.is_empty() {
            String::new()
        } else {
            format!(" by {}", self.theirs.annotator)
        };
        ui.label(format!("Theirs: {name}{by}"));
        if !self.review.same_text {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "Their text differs from mine: {} of their annotations were placed by quote, {} could not be.",
                    self.review.theirs.len(),
                    self.review.orphans.len()
                ),
            );
        }
        ui.label(RichText::new("Mine are highlighted; theirs are underlined: thin where we agree, thick where only they have it, dashed for another label, dotted for other ends. Mine that only I have are outlined in red.").small().weak());
        ui.separator();
        self.agreement_ui(ui);
        ui.separator();
        self.differences_ui(ui, mine, actions);
    }

    fn agreement_ui(&self, ui: &mut Ui) {
        let figure = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"));
        let a = &self.review.agreement;
        egui::Grid::new("agreement")
            .striped(true)
            .spacing(egui::vec2(10.0, 4.0))
            .show(ui, |ui| {
                for heading in [
                    "Label",
                    "Mine",
                    "Theirs",
                    "Exact",
                    "Bound.",
                    "Exact F1",
                    "Overlap F1",
                    "κ",
                ] {
                    ui.label(RichText::new(heading).strong().small());
                }
                ui.end_row();
                for (label, l) in &a.per_label {
                    ui.label(label);
                    for n in [l.mine, l.theirs, l.exact, l.boundary] {
                        ui.label(n.to_string());
                    }
                    for v in [l.exact_f1, l.overlap_f1, l.kappa] {
                        ui.label(figure(v));
                    }
                    ui.end_row();
                }
                ui.label(RichText::new("All").strong());
                let pairing = &self.review.pairing;
                let exact = pairing.of_kind(PairKind::Exact).count();
                let boundary = pairing.of_kind(PairKind::Boundary).count();
                let mine_count: usize = a.per_label.values().map(|l| l.mine).sum();
                for n in [mine_count, self.review.theirs.len(), exact, boundary] {
                    ui.label(RichText::new(n.to_string()).strong());
                }
                for v in [a.exact_f1, a.overlap_f1, a.kappa_mean] {
                    ui.label(RichText::new(figure(v)).strong());
                }
                ui.end_row();
            });
        ui.label(
            RichText::new("κ for all is the mean over the labels; — where a figure is undefined.")
                .small()
                .weak(),
        );
    }

    fn differences_ui(&mut self, ui: &mut Ui, mine: &Document, actions: &mut Vec<Action>) {
        let differences = self.differences();
        let count = |title: &str| differences.iter().filter(|d| d.group() == title).count();
        let counts: Vec<usize> = Difference::GROUPS.iter().map(|t| count(t)).collect();
        // Show the chosen kind, or the first with something left to decide.
        if counts.get(self.group).copied().unwrap_or(0) == 0
            && self.group < Difference::GROUPS.len()
        {
            self.group =
                counts
                    .iter()
                    .position(|&n| n > 0)
                    .unwrap_or(if self.review.orphans.is_empty() {
                        0
                    } else {
                        Difference::GROUPS.len()
                    });
        }
        ui.horizontal_wrapped(|ui| {
            for (n, title) in Difference::GROUPS.iter().enumerate() {
                let text = format!("{title} ({})", counts.get(n).copied().unwrap_or(0));
                ui.selectable_value(&mut self.group, n, text);
            }
            if !self.review.orphans.is_empty() {
                let text = format!("Not found in my text ({})", self.review.orphans.len());
                ui.selectable_value(&mut self.group, Difference::GROUPS.len(), text);
            }
        });
        ui.horizontal(|ui| {
            let only_theirs = counts.get(2).copied().unwrap_or(0);
            if (only_theirs > 0 || !self.review.orphans.is_empty())
                && ui.button("Take all that only they have").clicked()
            {
                actions.push(Action::Review(ReviewAction::TakeAllOnlyTheirs));
            }
            if !self.kept_mine.is_empty()
                && ui
                    .button(format!("Reconsider {} kept as mine", self.kept_mine.len()))
                    .clicked()
            {
                actions.push(Action::Review(ReviewAction::Reconsider));
            }
        });
        if let Some(title) = Difference::GROUPS.get(self.group) {
            let items: Vec<Difference> = differences
                .into_iter()
                .filter(|d| d.group() == *title)
                .collect();
            if items.is_empty() {
                ui.label(RichText::new("Nothing left to decide here.").weak());
            }
            egui::ScrollArea::vertical()
                .id_salt("review-differences")
                .auto_shrink([false, false])
                .show_rows(ui, DIFFERENCE_ROW_HEIGHT, items.len(), |ui, range| {
                    for difference in items.get(range).unwrap_or_default() {
                        self.difference_ui(ui, mine, *difference, actions);
                    }
                });
        } else {
            ui.label(
                RichText::new("“Take all that only they have” keeps these as orphans in my file.")
                    .small()
                    .weak(),
            );
            let orphans = &self.review.orphans;
            egui::ScrollArea::vertical()
                .id_salt("review-orphans")
                .auto_shrink([false, false])
                .show_rows(ui, 20.0, orphans.len(), |ui, range| {
                    for orphan in orphans.get(range).unwrap_or_default() {
                        ui.label(format!(
                            "#{} {}: “{}”",
                            orphan.id,
                            orphan.label,
                            short_quote(&orphan.exact, 80)
                        ));
                    }
                });
        }
    }

    fn difference_ui(
        &self,
        ui: &mut Ui,
        mine: &Document,
        difference: Difference,
        actions: &mut Vec<Action>,
    ) {
        let review = &self.review;
        let label_name = |doc: &Document, ann: &Annotation| {
            doc.label(&ann.label)
                .map_or(ann.label.clone(), |l| l.name.clone())
        };
        let (text, anchor, both) = match difference {
            Difference::LabelConflict(m, t) | Difference::Boundary(m, t) => {
                let (Some(mine_ann), Some(theirs_ann)) = (mine.annotation(m), review.their(t))
                else {
                    return;
                };
                let text = if matches!(difference, Difference::LabelConflict(..)) {
                    format!(
                        "“{}”\nmine: {} · theirs: {}",
                        short_quote(&mine_ann.exact, 70),
                        label_name(mine, mine_ann),
                        label_name(&self.theirs, theirs_ann)
                    )
                } else {
                    format!(
                        "{}\nmine: “{}”\ntheirs: “{}”",
                        label_name(mine, mine_ann),
                        short_quote(&mine_ann.exact, 60),
                        short_quote(&theirs_ann.exact, 60)
                    )
                };
                (text, mine_ann.start, true)
            }
            Difference::OnlyTheirs(t) => {
                let Some(theirs_ann) = review.their(t) else {
                    return;
                };
                (
                    format!(
                        "{}: “{}”",
                        label_name(&self.theirs, theirs_ann),
                        short_quote(&theirs_ann.exact, 80)
                    ),
                    theirs_ann.start,
                    false,
                )
            }
            Difference::OnlyMine(m) => {
                let Some(mine_ann) = mine.annotation(m) else {
                    return;
                };
                (
                    format!(
                        "{}: “{}”",
                        label_name(mine, mine_ann),
                        short_quote(&mine_ann.exact, 80)
                    ),
                    mine_ann.start,
                    false,
                )
            }
        };
        let size = egui::vec2(ui.available_width(), DIFFERENCE_ROW_HEIGHT);
        ui.allocate_ui(size, |ui| {
            ui.set_min_height(DIFFERENCE_ROW_HEIGHT - 6.0);
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                if ui
                    .add(egui::Label::new(&text).sense(egui::Sense::click()))
                    .on_hover_text("Show in the article")
                    .clicked()
                {
                    actions.push(Action::ScrollToChar(anchor));
                }
                ui.horizontal(|ui| {
                    let take = match difference {
                        Difference::OnlyMine(_) => "Delete mine",
                        _ => "Take theirs",
                    };
                    if ui.button(take).clicked() {
                        actions.push(Action::Review(ReviewAction::TakeTheirs(difference)));
                    }
                    if ui.button("Keep mine").clicked() {
                        actions.push(Action::Review(ReviewAction::KeepMine(difference)));
                    }
                    if both && ui.button("Keep both").clicked() {
                        actions.push(Action::Review(ReviewAction::KeepBoth(difference)));
                    }
                });
            });
        });
    }
}

/// A reviewer's decision, applied after the frame.
#[derive(Clone, Copy, Debug)]
pub enum ReviewAction {
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
