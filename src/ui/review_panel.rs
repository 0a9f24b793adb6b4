//! Review mode in the window: the agreement table, the differences grouped by kind with take
//! theirs, keep mine or keep both, and the marks over the article. The review itself (pairing,
//! decisions, the edits that take theirs) is the workspace's; this panel draws it and sends
//! actions.

use egui::{RichText, Ui};

use marginalia_core::Document;
use marginalia_core::review::PairKind;
use marginalia_workspace::Action;
use marginalia_workspace::review::{Difference, ReviewDecision, ReviewSession};

use marginalia_core::excerpt::excerpt;

use super::rows::Entry;

/// The height of one difference in the panel's list, in points.
const DIFFERENCE_ROW_HEIGHT: f32 = 92.0;

/// The review panel's own state: which kind of difference it lists.
#[derive(Default)]
pub struct ReviewPanel {
    /// An index into `Difference::GROUPS`, or one past it for their annotations not found in
    /// my text.
    group: usize,
    /// Where the keyboard enters the panel (F6): the first difference's first button, else
    /// "End review".
    entry: Entry,
}

impl ReviewPanel {
    /// Where the keyboard enters the panel (F6), as drawn last frame.
    pub fn entry(&self) -> Entry {
        self.entry
    }

    /// Draws the review panel.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        session: &ReviewSession,
        mine: &Document,
        actions: &mut Vec<Action>,
    ) {
        let name = marginalia_io::file_name_of(session.path());
        ui.horizontal(|ui| {
            ui.heading("Review");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let end = ui.button("End review");
                self.entry = Entry::Widget(end.id);
                if end.clicked() {
                    actions.push(Action::EndReview);
                }
            });
        });
        let by = if session.theirs().annotator.is_empty() {
            String::new()
        } else {
            format!(" by {}", session.theirs().annotator)
        };
        ui.label(format!("Theirs: {name}{by}"));
        if !session.review().same_text && session.review().theirs.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "These look like two different articles: none of their quotes occur in mine.",
            );
        } else if !session.review().same_text {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "Their text differs from mine: {} of their annotations were placed by quote, {} could not be.",
                    session.review().theirs.len(),
                    session.review().orphans.len()
                ),
            );
        }
        ui.label(RichText::new("Mine are highlighted; theirs are underlined: thin where we agree, thick where only they have it, dashed for another label, dotted for other ends. Mine that only I have are outlined in red.").weak());
        ui.separator();
        Self::agreement_ui(ui, session, mine);
        ui.separator();
        self.differences_ui(ui, session, mine, actions);
    }

    fn agreement_ui(ui: &mut Ui, session: &ReviewSession, mine: &Document) {
        /// Each column's heading and what it counts, as the review definitions give it.
        const COLUMNS: [(&str, &str); 8] = [
            ("Label", "The label compared"),
            ("Mine", "How many annotations I have with this label"),
            ("Theirs", "How many annotations they have with this label"),
            (
                "Same",
                "Annotations we both made: same start, end and label",
            ),
            (
                "Other ends",
                "Annotations of the same label that overlap but start or end elsewhere",
            ),
            (
                "Exact F1",
                "2 × same ÷ (mine + theirs): 1 when we agree on every annotation",
            ),
            (
                "Overlap F1",
                "Like exact F1, counting annotations with other ends as agreeing",
            ),
            (
                "Kappa",
                "Cohen's kappa over characters: how far our choice of which characters carry \
                 the label agrees beyond chance (1 is full agreement, 0 is chance)",
            ),
        ];
        let figure = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"));
        let review = session.review();
        let a = &review.agreement;
        let name = |id: &str| {
            mine.label(id)
                .or_else(|| session.theirs().label(id))
                .map_or_else(|| id.to_owned(), |l| l.name.clone())
        };
        egui::Grid::new("agreement")
            .striped(true)
            .spacing(egui::vec2(10.0, 4.0))
            .show(ui, |ui| {
                for (heading, meaning) in COLUMNS {
                    ui.label(RichText::new(heading).strong())
                        .on_hover_text(meaning);
                }
                ui.end_row();
                for (label, l) in &a.per_label {
                    ui.label(name(label));
                    for n in [l.mine, l.theirs, l.exact, l.boundary] {
                        ui.label(n.to_string());
                    }
                    for v in [l.exact_f1, l.overlap_f1, l.kappa] {
                        ui.label(figure(v));
                    }
                    ui.end_row();
                }
                ui.label(RichText::new("All").strong());
                let pairing = &review.pairing;
                let exact = pairing.of_kind(PairKind::Exact).count();
                let boundary = pairing.of_kind(PairKind::Boundary).count();
                let mine_count: usize = a.per_label.values().map(|l| l.mine).sum();
                for n in [mine_count, review.theirs.len(), exact, boundary] {
                    ui.label(RichText::new(n.to_string()).strong());
                }
                for v in [a.exact_f1, a.overlap_f1, a.kappa_mean] {
                    ui.label(RichText::new(figure(v)).strong());
                }
                ui.end_row();
            });
        ui.label(
            RichText::new(
                "Kappa for all is the mean over the labels; — where a figure is undefined. \
                 Hover a heading for what it counts.",
            )
            .weak(),
        );
    }

    fn differences_ui(
        &mut self,
        ui: &mut Ui,
        session: &ReviewSession,
        mine: &Document,
        actions: &mut Vec<Action>,
    ) {
        let differences = session.differences();
        let count = |title: &str| differences.iter().filter(|d| d.group() == title).count();
        let counts: Vec<usize> = Difference::GROUPS.iter().map(|t| count(t)).collect();
        // Show the chosen kind, or the first with something left to decide.
        if counts.get(self.group).copied().unwrap_or(0) == 0
            && self.group < Difference::GROUPS.len()
        {
            self.group = counts.iter().position(|&n| n > 0).unwrap_or(
                if session.review().orphans.is_empty() {
                    0
                } else {
                    Difference::GROUPS.len()
                },
            );
        }
        ui.horizontal_wrapped(|ui| {
            for (n, title) in Difference::GROUPS.iter().enumerate() {
                let text = format!("{title} ({})", counts.get(n).copied().unwrap_or(0));
                ui.selectable_value(&mut self.group, n, text);
            }
            if !session.review().orphans.is_empty() {
                let text = format!("Not found in my text ({})", session.review().orphans.len());
                ui.selectable_value(&mut self.group, Difference::GROUPS.len(), text);
            }
        });
        ui.horizontal(|ui| {
            let only_theirs = counts.get(2).copied().unwrap_or(0);
            if (only_theirs > 0 || !session.review().orphans.is_empty())
                && ui.button("Take all that only they have").clicked()
            {
                actions.push(Action::ReviewDecision(ReviewDecision::TakeAllOnlyTheirs));
            }
            if !session.kept_mine().is_empty()
                && ui
                    .button(format!(
                        "Reconsider {} kept as mine",
                        session.kept_mine().len()
                    ))
                    .clicked()
            {
                actions.push(Action::ReviewDecision(ReviewDecision::Reconsider));
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
                    for (n, difference) in items
                        .get(range.clone())
                        .unwrap_or_default()
                        .iter()
                        .enumerate()
                    {
                        let first = Self::difference_ui(ui, session, mine, *difference, actions);
                        if n == 0
                            && let Some(first) = first
                        {
                            self.entry = Entry::Widget(first);
                        }
                    }
                });
        } else {
            ui.label(
                RichText::new("“Take all that only they have” keeps these as orphans in my file.")
                    .weak(),
            );
            let orphans = &session.review().orphans;
            egui::ScrollArea::vertical()
                .id_salt("review-orphans")
                .auto_shrink([false, false])
                .show_rows(ui, 20.0, orphans.len(), |ui, range| {
                    for orphan in orphans.get(range).unwrap_or_default() {
                        ui.label(super::bidi::visual_text(
                            ui,
                            format!(
                                "#{} {}: “{}”",
                                orphan.id,
                                orphan.label,
                                excerpt(&orphan.exact, 80)
                            ),
                        ));
                    }
                });
        }
    }

    fn difference_ui(
        ui: &mut Ui,
        session: &ReviewSession,
        mine: &Document,
        difference: Difference,
        actions: &mut Vec<Action>,
    ) -> Option<egui::Id> {
        let review = session.review();
        let (text, anchor, both) = match difference {
            Difference::LabelConflict(m, t) | Difference::Boundary(m, t) => {
                let (Some(mine_ann), Some(theirs_ann)) = (mine.annotation(m), review.their(t))
                else {
                    return None;
                };
                let text = if matches!(difference, Difference::LabelConflict(..)) {
                    format!(
                        "“{}”\nmine: {} · theirs: {}",
                        excerpt(&mine_ann.exact, 70),
                        mine.label_name(mine_ann),
                        session.theirs().label_name(theirs_ann)
                    )
                } else {
                    format!(
                        "{}\nmine: “{}”\ntheirs: “{}”",
                        mine.label_name(mine_ann),
                        excerpt(&mine_ann.exact, 60),
                        excerpt(&theirs_ann.exact, 60)
                    )
                };
                (text, mine_ann.start, true)
            }
            Difference::OnlyTheirs(t) => {
                let theirs_ann = review.their(t)?;
                (
                    format!(
                        "{}: “{}”",
                        session.theirs().label_name(theirs_ann),
                        excerpt(&theirs_ann.exact, 80)
                    ),
                    theirs_ann.start,
                    false,
                )
            }
            Difference::OnlyMine(m) => {
                let mine_ann = mine.annotation(m)?;
                (
                    format!(
                        "{}: “{}”",
                        mine.label_name(mine_ann),
                        excerpt(&mine_ann.exact, 80)
                    ),
                    mine_ann.start,
                    false,
                )
            }
            Difference::Verdict(m, t) => {
                let (text, anchor) = verdict_difference(session, mine, m, t)?;
                (text, anchor, false)
            }
        };
        let size = egui::vec2(ui.available_width(), DIFFERENCE_ROW_HEIGHT);
        let mut first = None;
        ui.allocate_ui(size, |ui| {
            ui.set_min_height(DIFFERENCE_ROW_HEIGHT - 6.0);
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                if ui
                    .add(
                        egui::Label::new(super::bidi::visual_text(ui, &text))
                            .sense(egui::Sense::click()),
                    )
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
                    let take = ui.button(take);
                    first = Some(take.id);
                    if take.clicked() {
                        actions.push(Action::ReviewDecision(ReviewDecision::TakeTheirs(
                            difference,
                        )));
                    }
                    if ui.button("Keep mine").clicked() {
                        actions.push(Action::ReviewDecision(ReviewDecision::KeepMine(difference)));
                    }
                    if both && ui.button("Keep both").clicked() {
                        actions.push(Action::ReviewDecision(ReviewDecision::KeepBoth(difference)));
                    }
                });
            });
        });
        first
    }
}

/// A verdict difference as the list shows it: the claim, then each side's rating and
/// conclusion; and where it is in the article.
fn verdict_difference(
    session: &ReviewSession,
    mine: &Document,
    m: marginalia_core::AnnotationId,
    t: marginalia_core::AnnotationId,
) -> Option<(String, usize)> {
    let mine_ann = mine.annotation(m)?;
    let theirs_ann = session.review().their(t)?;
    let said = |doc: &Document, ann: &marginalia_core::Annotation| match (
        &ann.verdict,
        doc.rating_name(ann),
    ) {
        (Some(v), Some(rating)) => {
            if v.conclusion.trim().is_empty() {
                rating.to_owned()
            } else {
                format!("{rating} ({})", excerpt(&v.conclusion, 40))
            }
        }
        _ => "no verdict".to_owned(),
    };
    let text = format!(
        "“{}”\nmine: {} · theirs: {}",
        excerpt(&mine_ann.exact, 60),
        said(mine, mine_ann),
        said(session.theirs(), theirs_ann)
    );
    Some((text, mine_ann.start))
}
