//! The corpus panel: every article of the folder with each annotator's counts and status,
//! filtered and sorted; search across the corpus; everyone quoted. Draws what the workspace's
//! corpus session holds and sends [`CorpusAction`]s; the long lists draw only the rows in view.

use std::fmt::Write as _;

use egui::{Color32, FontId, RichText, Ui, vec2};

use marginalia_core::Status;
use marginalia_corpus::search::{Hit, Query};
use marginalia_corpus::speakers::Person;
use marginalia_corpus::{Corpus, CorpusArticle};
use marginalia_workspace::corpus::{CorpusView, HitRow, QuotesFormat, Sort, Tab};
use marginalia_workspace::{
    Action, Command, CorpusAction, CorpusSession, FilePurpose, VerdictFilter, count,
};

use marginalia_core::excerpt::excerpt;

use super::rows::{self, Entry, Rows};

const ARTICLE_ROW: f32 = 58.0;
const HIT_ROW: f32 = 38.0;
const PERSON_ROW: f32 = 38.0;

/// What the panel keeps between frames: the text being typed and what to focus.
#[derive(Default)]
pub struct CorpusPanel {
    filter: String,
    search: String,
    speaker: String,
    focus_search: bool,
    merge_into: String,
    /// Where the keyboard enters the panel (F6): the list shown, else the first tab.
    entry: Entry,
}

/// The colour that says a status at a glance.
fn status_color(ui: &Ui, status: Status) -> Color32 {
    match status {
        Status::NotStarted => ui.visuals().weak_text_color(),
        Status::InProgress => Color32::from_rgb(0xD9, 0x8C, 0x1F),
        Status::Done => Color32::from_rgb(0x2E, 0x9E, 0x5B),
    }
}

fn status_mark(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "○",
        Status::InProgress => "◐",
        Status::Done => "●",
    }
}

impl CorpusPanel {
    /// Where the keyboard enters the panel (F6), as drawn last frame.
    pub fn entry(&self) -> Entry {
        self.entry
    }

    /// Gives the search field the keyboard focus on the next frame.
    pub fn focus_search(&mut self) {
        self.focus_search = true;
    }

    /// Draws the panel; `open_sha` is the article open in the window, if any.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        session: &CorpusSession,
        open_sha: Option<&str>,
        actions: &mut Vec<Action>,
    ) {
        let send = |actions: &mut Vec<Action>, action| actions.push(Action::Corpus(action));
        let Some(view) = session.view() else {
            ui.heading(marginalia_io::file_name_of(session.root()));
            match (session.error(), session.progress()) {
                (Some(error), _) => {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                (None, Some((done, total))) => {
                    ui.label(format!("Reading the folder: {done} of {total} files…"));
                    #[expect(clippy::cast_precision_loss, reason = "a fraction for a bar")]
                    let fraction = if total == 0 {
                        0.0
                    } else {
                        done as f32 / total as f32
                    };
                    ui.add(egui::ProgressBar::new(fraction));
                    ui.ctx()
                        .request_repaint_after(std::time::Duration::from_millis(100));
                }
                (None, None) => {}
            }
            return;
        };
        let corpus = &view.corpus;
        header_ui(ui, session, corpus, actions);
        ui.horizontal(|ui| {
            for (tab, name) in [
                (Tab::Articles, "Articles"),
                (Tab::Search, "Search"),
                (Tab::People, "People"),
            ] {
                let response = ui.selectable_label(session.tab == tab, name);
                if tab == Tab::Articles {
                    // The keyboard enters here when the list shown has no row.
                    self.entry = Entry::Widget(response.id);
                }
                if response.clicked() {
                    send(actions, CorpusAction::Tab(tab));
                }
            }
        });
        ui.separator();
        match session.tab {
            Tab::Articles => self.articles_ui(ui, session, corpus, open_sha, actions),
            Tab::Search => self.search_ui(ui, session, view, actions),
            Tab::People => self.people_ui(ui, session, view, actions),
        }
    }

    fn articles_ui(
        &mut self,
        ui: &mut Ui,
        session: &CorpusSession,
        corpus: &Corpus,
        open_sha: Option<&str>,
        actions: &mut Vec<Action>,
    ) {
        let send = |actions: &mut Vec<Action>, action| actions.push(Action::Corpus(action));
        ui.horizontal(|ui| {
            let response = field_ui(ui, "Filter", &mut self.filter, "title, source or file");
            if response.changed() {
                send(actions, CorpusAction::Filter(self.filter.clone()));
            }
        });
        // Side by side where the panel has the room, else one below the other.
        let one_row = ui.available_width() >= 330.0;
        ui.horizontal(|ui| {
            let shown = session.status_filter.map_or("Any status", |s| s.name());
            let caption = ui.label("Show");
            egui::ComboBox::from_id_salt("corpus-status-filter")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(session.status_filter.is_none(), "Any status")
                        .clicked()
                    {
                        send(actions, CorpusAction::StatusFilter(None));
                    }
                    for status in Status::ALL {
                        let chosen = session.status_filter == Some(status);
                        if ui.selectable_label(chosen, status.name()).clicked() {
                            send(actions, CorpusAction::StatusFilter(Some(status)));
                        }
                    }
                })
                .response
                .labelled_by(caption.id);
            if one_row {
                sort_ui(ui, session, actions);
            }
        });
        if !one_row {
            ui.horizontal(|ui| sort_ui(ui, session, actions));
        }
        verdict_filter_ui(ui, session, actions);
        review_picker_ui(ui, session, actions);
        let rows = session.rows();
        ui.label(
            RichText::new(format!(
                "{} of {} articles",
                rows.len(),
                corpus.articles.len()
            ))
            .weak(),
        );
        let list = Rows::new(ui, "corpus-articles", ARTICLE_ROW, rows.len());
        if !rows.is_empty() {
            self.entry = Entry::List(list.id());
        }
        list.show(ui, |ui, row, id| {
            let Some((index, article)) = rows
                .get(row)
                .and_then(|&index| Some((index, corpus.articles.get(index)?)))
            else {
                return;
            };
            let open = open_sha == Some(article.sha256.as_str());
            if article_row_ui(ui, id, session, article, open).clicked() {
                send(actions, CorpusAction::Open(index));
            }
        });
    }

    fn search_ui(
        &mut self,
        ui: &mut Ui,
        session: &CorpusSession,
        view: &CorpusView,
        actions: &mut Vec<Action>,
    ) {
        let corpus = &view.corpus;
        let mut changed = false;
        ui.horizontal(|ui| {
            let hint = "words in quotes, notes, speakers";
            let response = field_ui(ui, "Words", &mut self.search, hint);
            if std::mem::take(&mut self.focus_search) {
                response.request_focus();
            }
            changed |= response.changed();
        });
        let query = &session.query;
        let mut label = query.label.clone();
        let mut annotator = query.annotator.clone();
        ui.horizontal_wrapped(|ui| {
            let caption = ui.label("Speaker");
            changed |= ui
                .add(egui::TextEdit::singleline(&mut self.speaker).desired_width(90.0))
                .labelled_by(caption.id)
                .changed();
            let labels: Vec<(String, String)> = marginalia_corpus::labels_in_use(corpus)
                .into_iter()
                .map(|l| (l.id, l.name))
                .collect();
            changed |= any_or_one_ui(ui, "Label", "Any label", &mut label, &labels);
            let annotators: Vec<(String, String)> = session
                .annotators()
                .iter()
                .map(|who| (who.clone(), who.clone()))
                .collect();
            changed |= any_or_one_ui(ui, "By", "Anyone's", &mut annotator, &annotators);
        });
        if changed {
            actions.push(Action::Corpus(CorpusAction::Search(Query {
                text: self.search.clone(),
                speaker: self.speaker.clone(),
                label,
                annotator,
            })));
        }
        if view.index.is_none() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Preparing the search…");
            });
            return;
        }
        if session.query.is_empty() {
            ui.label(RichText::new("Type to search every file of the folder.").weak());
            return;
        }
        if let Some(list) = hits_ui(ui, session, corpus, actions) {
            self.entry = Entry::List(list);
        }
    }

    fn people_ui(
        &mut self,
        ui: &mut Ui,
        session: &CorpusSession,
        view: &CorpusView,
        actions: &mut Vec<Action>,
    ) {
        let Some(people) = view.people.as_deref() else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Counting who said what…");
            });
            return;
        };
        if let Some(person) = session.selected_person() {
            self.person_ui(ui, person, people, view, actions);
            return;
        }
        ui.label(RichText::new(format!("{} people quoted", people.len())).weak());
        let list = Rows::new(ui, "corpus-people", PERSON_ROW, people.len());
        if !people.is_empty() {
            self.entry = Entry::List(list.id());
        }
        list.show(ui, |ui, index, id| {
            if let Some(person) = people.get(index) {
                let response = rows::row_response(ui, id, PERSON_ROW);
                let rect = response.rect;
                rows::row_background_ui(ui, &response, false);
                let mut counts = marginalia_corpus::speakers::person_counts(person);
                let record = marginalia_corpus::speakers::person_record(person);
                if !record.is_empty() {
                    counts = format!("{counts} · {record}");
                }
                let strong = ui.visuals().strong_text_color();
                let weak = ui.visuals().weak_text_color();
                text_line(ui, rect, 2.0, &person.name, strong, 14.0);
                text_line(
                    ui,
                    rect,
                    20.0,
                    &format!(
                        "{} · {counts}",
                        count(person.articles, "article", "articles")
                    ),
                    weak,
                    12.0,
                );
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("{}: {counts}", person.name),
                    )
                });
                if response.clicked() {
                    actions.push(Action::Corpus(CorpusAction::SelectPerson(Some(
                        person.name.clone(),
                    ))));
                }
            }
        });
    }

    /// One person: their other names, export, merging, and everything they said.
    fn person_ui(
        &mut self,
        ui: &mut Ui,
        person: &Person,
        people: &[Person],
        view: &CorpusView,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal(|ui| {
            ui.strong(&person.name);
            if ui.small_button("Back to everyone").clicked() {
                actions.push(Action::Corpus(CorpusAction::SelectPerson(None)));
            }
        });
        if !person.aliases.is_empty() {
            ui.label(RichText::new(format!("also {}", person.aliases.join(", "))).weak());
        }
        let record = marginalia_corpus::speakers::person_record(person);
        if !record.is_empty() {
            ui.label(format!("Record: {record}"));
        }
        ui.horizontal(|ui| {
            for (format, text) in [
                (QuotesFormat::Md, "Export as Markdown…"),
                (QuotesFormat::Csv, "Export as CSV…"),
            ] {
                if ui.button(text).clicked() {
                    actions.push(Action::Pick(FilePurpose::ExportQuotes(format)));
                }
            }
        });
        ui.horizontal(|ui| {
            let caption = ui.label("Same person as");
            egui::ComboBox::from_id_salt("corpus-merge")
                .selected_text(if self.merge_into.is_empty() {
                    "…"
                } else {
                    self.merge_into.as_str()
                })
                .show_ui(ui, |ui| {
                    for other in people.iter().filter(|p| p.name != person.name) {
                        ui.selectable_value(&mut self.merge_into, other.name.clone(), &other.name);
                    }
                })
                .response
                .labelled_by(caption.id);
            let ready = !self.merge_into.is_empty();
            if ui.add_enabled(ready, egui::Button::new("Merge")).clicked() {
                actions.push(Action::Corpus(CorpusAction::MergePeople {
                    name: person.name.clone(),
                    into: std::mem::take(&mut self.merge_into),
                }));
                actions.push(Action::Corpus(CorpusAction::SelectPerson(None)));
            }
        });
        ui.separator();
        let list = Rows::new(ui, "corpus-person-quotes", HIT_ROW, person.quotes.len());
        if !person.quotes.is_empty() {
            self.entry = Entry::List(list.id());
        }
        list.show(ui, |ui, index, id| {
            if let Some(quote) = person.quotes.get(index) {
                let response = rows::row_response(ui, id, HIT_ROW);
                let rect = response.rect;
                rows::row_background_ui(ui, &response, false);
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        if quote.verdict.is_empty() {
                            format!("{}: {} ({})", quote.label, quote.text, quote.title)
                        } else {
                            format!(
                                "{}, rated {}: {} ({})",
                                quote.label, quote.verdict, quote.text, quote.title
                            )
                        },
                    )
                });
                let weak = ui.visuals().weak_text_color();
                let text = ui.visuals().text_color();
                text_line(
                    ui,
                    rect,
                    0.0,
                    &if quote.verdict.is_empty() {
                        format!("{} · {}", quote.label, quote.title)
                    } else {
                        format!("{} · {} · {}", quote.label, quote.verdict, quote.title)
                    },
                    weak,
                    12.0,
                );
                text_line(
                    ui,
                    rect,
                    17.0,
                    &format!("“{}”", excerpt(&quote.text, 200)),
                    text,
                    13.0,
                );
                if response.clicked()
                    && let Some(index) = view.corpus.article_index(&quote.sha256)
                {
                    actions.push(Action::Corpus(CorpusAction::OpenAt(index, quote.start)));
                }
            }
        });
    }
}

/// The corpus's name, my progress and the problems to look at.
fn header_ui(ui: &mut Ui, session: &CorpusSession, corpus: &Corpus, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let name = if corpus.config.name.is_empty() {
            marginalia_io::file_name_of(&corpus.root)
        } else {
            corpus.config.name.clone()
        };
        // The buttons first, from the right; the name takes what they leave, cut short there.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("✕")
                .on_hover_text("Close the folder")
                .clicked()
            {
                actions.push(Action::Command(Command::CloseCorpus));
            }
            if ui
                .small_button("⟳")
                .on_hover_text("Read the folder again")
                .clicked()
            {
                actions.push(Action::Corpus(CorpusAction::Refresh));
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.add(egui::Label::new(RichText::new(name).heading()).truncate())
                    .on_hover_text(corpus.root.display().to_string());
            });
        });
    });
    let (done, total) = session.done();
    let me = if session.me().is_empty() {
        "you have no name yet: File ▸ Your name…".to_owned()
    } else {
        format!("{} (you)", session.me())
    };
    ui.label(format!("{done} of {total} done · {me}"));
    if !corpus.problems.is_empty() {
        egui::CollapsingHeader::new(
            RichText::new(format!(
                "{} to look at",
                count(corpus.problems.len(), "problem", "problems")
            ))
            .color(ui.visuals().warn_fg_color),
        )
        .id_salt("corpus-problems")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("corpus-problems-list")
                .max_height(160.0)
                .show(ui, |ui| {
                    for problem in &corpus.problems {
                        ui.label(RichText::new(problem.path.display().to_string()).strong());
                        ui.label(&problem.message);
                    }
                });
        });
    }
}

/// Which colleague my files are compared with, the list then sorted by disagreement.
fn review_picker_ui(ui: &mut Ui, session: &CorpusSession, actions: &mut Vec<Action>) {
    let send = |actions: &mut Vec<Action>, action| actions.push(Action::Corpus(action));
    let colleagues: Vec<&String> = session
        .annotators()
        .iter()
        .filter(|a| !marginalia_core::names::same_annotator(a, session.me()))
        .collect();
    if !colleagues.is_empty() {
        ui.horizontal_wrapped(|ui| {
            let reviewing = session.review().map(|(who, _)| who.to_owned());
            let shown = reviewing.clone().unwrap_or_else(|| "nobody".to_owned());
            let caption = ui.label("Review");
            egui::ComboBox::from_id_salt("corpus-review")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    if ui.selectable_label(reviewing.is_none(), "Nobody").clicked() {
                        send(actions, CorpusAction::ReviewAgainst(None));
                    }
                    for &who in &colleagues {
                        let chosen = reviewing.as_deref() == Some(who.as_str());
                        if ui.selectable_label(chosen, who.as_str()).clicked() {
                            send(actions, CorpusAction::ReviewAgainst(Some(who.clone())));
                        }
                    }
                })
                .response
                .labelled_by(caption.id);
            if let Some((_, pair)) = session.review() {
                let text = pair.map_or_else(
                    || "no article in common: the list is empty while reviewing".to_owned(),
                    |p| {
                        format!(
                            "the list shows only the {} you both annotated, most differences first",
                            count(p.articles, "article", "articles")
                        )
                    },
                );
                ui.label(RichText::new(text).weak());
            }
        });
    }
}

/// The search hits: a heading per article, then its hits; a click opens the article there.
fn hits_ui(
    ui: &mut Ui,
    session: &CorpusSession,
    corpus: &Corpus,
    actions: &mut Vec<Action>,
) -> Option<egui::Id> {
    let (rows, articles) = session.hit_rows();
    let matches = count(session.hits().len(), "match", "matches");
    let in_articles = count(articles, "article", "articles");
    ui.label(RichText::new(format!("{matches} in {in_articles}")).weak());
    let is_hit = |i: usize| matches!(rows.get(i), Some(HitRow::Hit(_)));
    let list = Rows::new(ui, "corpus-hits", HIT_ROW, rows.len()).focusable(&is_hit);
    let id = list.id();
    list.show(ui, |ui, row, id| {
        let Some(&shown) = rows.get(row) else {
            return;
        };
        match shown {
            HitRow::Article(article) => {
                let title = corpus
                    .articles
                    .get(article)
                    .map_or("", |a| a.title.as_str());
                let (rect, _) = ui
                    .allocate_exact_size(vec2(ui.available_width(), HIT_ROW), egui::Sense::hover());
                text_line(
                    ui,
                    rect,
                    14.0,
                    title,
                    ui.visuals().strong_text_color(),
                    14.0,
                );
            }
            HitRow::Hit(hit) => {
                if hit_row_ui(ui, id, corpus, hit).clicked() {
                    actions.push(Action::Corpus(CorpusAction::OpenHit(hit)));
                }
            }
        }
    });
    (!rows.is_empty()).then_some(id)
}

/// A text field filling the row, named by the caption before it.
fn field_ui(ui: &mut Ui, caption: &str, text: &mut String, hint: &str) -> egui::Response {
    let caption = ui.label(caption);
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(ui.available_width()),
    )
    .labelled_by(caption.id)
}

/// One line of text in `rect`, `top` below its top, cut to its width.
fn text_line(ui: &Ui, rect: egui::Rect, top: f32, text: &str, color: Color32, size: f32) {
    let mut job = egui::text::LayoutJob::single_section(
        text.to_owned(),
        egui::TextFormat::simple(FontId::proportional(size), color),
    );
    job.wrap = egui::text::TextWrapping::truncate_at_width(rect.width() - 12.0);
    let galley = super::bidi::visual(ui.ctx(), ui.painter().layout_job(job));
    ui.painter_at(rect)
        .galley(rect.min + vec2(8.0, top), galley, color);
}

/// A row of the article list: title and my status, source and length, each annotator.
fn article_row_ui(
    ui: &mut Ui,
    id: egui::Id,
    session: &CorpusSession,
    article: &CorpusArticle,
    open: bool,
) -> egui::Response {
    let response = rows::row_response(ui, id, ARTICLE_ROW);
    let rect = response.rect;
    let painter = ui.painter_at(rect);
    rows::row_background_ui(ui, &response, open);
    let mine = article.status_of(session.me());
    painter.text(
        rect.left_top() + vec2(2.0, 3.0),
        egui::Align2::LEFT_TOP,
        status_mark(mine),
        FontId::proportional(13.0),
        status_color(ui, mine),
    );
    let strong = ui.visuals().strong_text_color();
    let weak = ui.visuals().weak_text_color();
    let title_rect = rect.with_min_x(rect.left() + 10.0);
    text_line(ui, title_rect, 2.0, &article.title, strong, 14.0);
    let mut details = Vec::new();
    if !article.source.is_empty() {
        details.push(article.source.clone());
    }
    details.push(format!("{} characters", article.len_chars));
    if let Some(n) = session.differences(article) {
        details.push(count(n, "difference", "differences"));
    }
    if let Some(n) = session.suggestions_left(article).filter(|&n| n > 0) {
        details.push(format!(
            "{} left",
            count(n, "suggested quote", "suggested quotes")
        ));
    }
    text_line(ui, title_rect, 20.0, &details.join(" · "), weak, 12.0);
    annotators_line(ui, title_rect, article);
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            format!("{} ({} for you)", article.title, mine.name()),
        )
    });
    response.on_hover_ui(|ui| {
        if let Some(path) = article.display_path() {
            ui.label(RichText::new(path.display().to_string()).weak());
        }
        for file in &article.files {
            let name = if file.annotator().is_empty() {
                "unnamed"
            } else {
                file.annotator()
            };
            ui.label(format!(
                "{name}: {}, {}",
                file.doc.status().name(),
                marginalia_corpus::counts_text(&marginalia_corpus::per_label(&file.doc))
            ));
        }
        if article.files.is_empty() {
            ui.label("No annotation file yet.");
        }
    })
}

/// Each annotator's status (coloured) and counts per label, short: "● Ana 2c 1d 1r".
fn annotators_line(ui: &Ui, rect: egui::Rect, article: &CorpusArticle) {
    let text = ui.visuals().text_color();
    let format = |color| egui::TextFormat::simple(FontId::proportional(12.0), color);
    let mut job = egui::text::LayoutJob::default();
    if article.files.is_empty() {
        job.append(
            "no annotation file yet",
            0.0,
            format(ui.visuals().weak_text_color()),
        );
    }
    for (i, file) in article.files.iter().enumerate() {
        let status = file.doc.status();
        let gap = if i == 0 { 0.0 } else { 10.0 };
        job.append(status_mark(status), gap, format(status_color(ui, status)));
        let first = file
            .annotator()
            .split_whitespace()
            .next()
            .unwrap_or("unnamed");
        let mut line = format!(" {first}");
        for (label, n) in marginalia_corpus::per_label(&file.doc) {
            let _ = write!(line, " {n}{}", label.chars().next().unwrap_or('?'));
        }
        job.append(&line, 0.0, format(text));
    }
    job.wrap = egui::text::TextWrapping::truncate_at_width(rect.width() - 12.0);
    let galley = ui.painter().layout_job(job);
    ui.painter_at(rect)
        .galley(rect.min + vec2(8.0, 37.0), galley, text);
}

/// A search hit: who marked it with which label and speaker, and the quote.
fn hit_row_ui(ui: &mut Ui, id: egui::Id, corpus: &Corpus, hit: Hit) -> egui::Response {
    let response = rows::row_response(ui, id, HIT_ROW);
    let rect = response.rect;
    rows::row_background_ui(ui, &response, false);
    let Some(found) = marginalia_corpus::search::describe(corpus, hit) else {
        return response;
    };
    let label = corpus
        .articles
        .get(hit.article)
        .and_then(|a| a.files.get(hit.file))
        .and_then(|f| f.doc.label(&found.label).map(|l| l.name.clone()))
        .unwrap_or(found.label.clone());
    let weak = ui.visuals().weak_text_color();
    let text = ui.visuals().text_color();
    let who = if found.annotator.is_empty() {
        "unnamed"
    } else {
        &found.annotator
    };
    let speaker = found.speaker.as_deref().unwrap_or("no speaker");
    text_line(
        ui,
        rect,
        0.0,
        &format!("{label} · {speaker} · marked by {who}"),
        weak,
        12.0,
    );
    text_line(
        ui,
        rect,
        17.0,
        &format!("“{}”", excerpt(&found.text, 200)),
        text,
        13.0,
    );
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            format!("{label} · {speaker}: {}", found.text),
        )
    });
    response
}

/// A drop-down captioned `caption` that picks one of `options` (value, text shown) or, as the
/// empty value, `any`; returns whether the choice changed.
fn any_or_one_ui(
    ui: &mut Ui,
    caption: &str,
    any: &str,
    value: &mut String,
    options: &[(String, String)],
) -> bool {
    let shown = options
        .iter()
        .find(|(v, _)| v == value)
        .map_or(any, |(_, text)| text.as_str())
        .to_owned();
    let caption = ui.label(caption);
    let mut changed = false;
    egui::ComboBox::from_id_salt(("corpus-search", caption.id))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            changed |= ui.selectable_value(value, String::new(), any).changed();
            for (v, text) in options {
                changed |= ui.selectable_value(value, v.clone(), text).changed();
            }
        })
        .response
        .labelled_by(caption.id);
    changed
}

/// The corpus list's sort order.
fn sort_ui(ui: &mut Ui, session: &CorpusSession, actions: &mut Vec<Action>) {
    let caption = ui.label("Sort");
    egui::ComboBox::from_id_salt("corpus-sort")
        .selected_text(session.sort.name())
        .show_ui(ui, |ui| {
            for sort in Sort::ALL {
                if ui
                    .selectable_label(session.sort == sort, sort.name())
                    .clicked()
                {
                    actions.push(Action::Corpus(CorpusAction::Sort(sort)));
                }
            }
        })
        .response
        .labelled_by(caption.id);
}

/// The drop-down that lists only the articles with some verdict, none, or one rating.
fn verdict_filter_ui(ui: &mut Ui, session: &CorpusSession, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let caption = ui.label("Verdicts");
        let shown = session
            .verdict_filter
            .as_ref()
            .map_or("Any", VerdictFilter::name);
        egui::ComboBox::from_id_salt("corpus-verdict-filter")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                let mut choices = vec![
                    None,
                    Some(VerdictFilter::Rated),
                    Some(VerdictFilter::Unrated),
                ];
                let ratings = session.ratings().iter();
                choices.extend(ratings.map(|r| Some(VerdictFilter::Rating(r.clone()))));
                for choice in choices {
                    let name = choice
                        .as_ref()
                        .map_or("Any", VerdictFilter::name)
                        .to_owned();
                    let chosen = session.verdict_filter == choice;
                    if ui.selectable_label(chosen, name).clicked() {
                        actions.push(Action::Corpus(CorpusAction::VerdictFilter(choice)));
                    }
                }
            })
            .response
            .labelled_by(caption.id);
    });
}
