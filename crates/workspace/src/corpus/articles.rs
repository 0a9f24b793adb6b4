//! Opening an article of the corpus from the workspace: my file, or the article with my file
//! made at my first change, reviewed against the colleague compared with; the corpus panel's
//! requests that need the workspace (opening, merging people, writing someone's quotes).
use std::path::{Path, PathBuf};

use marginalia_corpus::speakers;

use super::{CorpusAction, CorpusSession, QuotesFormat};
use crate::Workspace;

/// What opening an article of the corpus opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArticleFile {
    /// My annotation file.
    Mine(PathBuf),
    /// The article, to annotate into `target` (written on my first change).
    Article {
        /// The article file.
        article: PathBuf,
        /// My file to be.
        target: PathBuf,
        /// The corpus's labels.
        labels: Vec<marginalia_core::Label>,
        /// The corpus's rating scale.
        scale: Option<marginalia_core::Scale>,
    },
    /// The article's text as a colleague's file holds it (no article file is in the folder).
    Text {
        /// A new document of mine on that text.
        doc: Box<marginalia_core::Document>,
        /// My file to be.
        target: PathBuf,
    },
}

/// An article of the corpus to open, and what follows once it is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusOpen {
    /// What is opened.
    pub file: ArticleFile,
    /// A colleague's file to review it against.
    pub review: Option<PathBuf>,
    /// A span to show, `[start, end)` in code points: brought into view, and selected (the
    /// annotation of exactly that span, else its text) when it is not empty.
    pub show: Option<(usize, usize)>,
}

impl Workspace {
    /// The corpus open beside the document, if any.
    pub fn corpus(&self) -> Option<&CorpusSession> {
        self.corpus.as_ref()
    }

    /// Waits for the corpus's first full reading, if a corpus is open.
    pub(crate) fn finish_reading_corpus(&mut self) {
        if let Some(session) = &mut self.corpus {
            session.wait_until_read();
        }
    }

    /// Opens `root` as the corpus, reading and watching it off the UI thread.
    pub(crate) fn open_folder(&mut self, root: &Path) {
        self.corpus = Some(CorpusSession::start(
            root,
            &self.prefs.annotator,
            self.wake.clone(),
        ));
        self.prefs.remember(root);
        self.status = Some(format!("Reading the folder {}…", root.display()));
        if self.prefs.annotator.trim().is_empty() {
            // Files of mine are named and counted by my name.
            self.ask(crate::Prompt::AnnotatorName);
        }
    }

    /// Applies what the corpus panel asked.
    pub(crate) fn corpus_action(&mut self, action: CorpusAction) {
        let Some(session) = &mut self.corpus else {
            return;
        };
        match action {
            CorpusAction::Filter(text) => session.set_filter(text),
            CorpusAction::StatusFilter(status) => session.set_status_filter(status),
            CorpusAction::VerdictFilter(filter) => session.set_verdict_filter(filter),
            CorpusAction::Sort(sort) => session.set_sort(sort),
            CorpusAction::Tab(tab) => session.tab = tab,
            CorpusAction::Search(query) => session.search_for(query),
            CorpusAction::ReviewAgainst(who) => session.review_against(who),
            CorpusAction::SelectPerson(name) => session.person = name,
            CorpusAction::Refresh => session.refresh(),
            CorpusAction::Open(index) => self.open_corpus_article(index, None),
            CorpusAction::OpenAt(index, at) => self.open_corpus_article(index, Some((at, at))),
            CorpusAction::OpenHit(hit) => {
                let span = session.view().and_then(|v| {
                    let file = v.corpus.articles.get(hit.article)?.files.get(hit.file)?;
                    file.doc
                        .annotations()
                        .get(hit.annotation)
                        .map(|a| (a.start, a.end))
                });
                self.open_corpus_article(hit.article, span);
            }
            CorpusAction::NextNotDone | CorpusAction::PreviousNotDone => {
                let current = self
                    .open
                    .as_ref()
                    .map(|o| o.doc().article.sha256().to_owned());
                let forward = action == CorpusAction::NextNotDone;
                match session.next_not_done(current.as_deref(), forward) {
                    Some(index) => self.open_corpus_article(index, None),
                    None => {
                        self.status = Some("Every article in the list is done.".to_owned());
                    }
                }
            }
            CorpusAction::MergePeople { name, into } => match session.merge_people(&name, &into) {
                Ok(()) => {
                    self.status = Some(format!(
                        "{name} is now counted as {into} (kept in {})",
                        marginalia_corpus::CONFIG_FILE
                    ));
                }
                Err(message) => self.show_error("The people could not be merged", message),
            },
            CorpusAction::Close => {
                self.corpus = None;
                self.status = Some("Closed the folder.".to_owned());
            }
        }
    }

    /// Opens the article at `index` of the corpus: my file, or the article with my file made
    /// at my first change; reviewed against the colleague being compared with, if any.
    fn open_corpus_article(&mut self, index: usize, show: Option<(usize, usize)>) {
        let Some(session) = &self.corpus else {
            return;
        };
        let Some(view) = session.view() else {
            return;
        };
        let corpus = &view.corpus;
        let Some(article) = corpus.articles.get(index) else {
            return;
        };
        let me = session.me();
        let review = session
            .review()
            .and_then(|(who, _)| article.file_of(who))
            .map(|f| corpus.path_of(&f.path));
        let target = || marginalia_io::free_path(&corpus.new_file_path(article, me));
        let labels = corpus.config.new_file_labels();
        let scale = corpus.config.scale.clone();
        let file = if let Some(mine) = article.file_of(me) {
            ArticleFile::Mine(corpus.path_of(&mine.path))
        } else if let Some(path) = &article.article_path {
            ArticleFile::Article {
                article: corpus.path_of(path),
                target: target(),
                labels,
                scale,
            }
        } else if let Some(theirs) = article.files.first() {
            let mut doc = marginalia_core::Document::new(theirs.doc.article.clone(), labels);
            doc.annotator = me.to_owned();
            if let Some(scale) = scale {
                // The corpus's scale kept its rules when its settings were read.
                let _ = doc.apply(marginalia_core::Edit::SetScale(scale));
            }
            ArticleFile::Text {
                doc: Box::new(doc),
                target: target(),
            }
        } else {
            return;
        };
        // The article already open as mine: show the place, start the review.
        let already = match (&file, self.open.as_ref()) {
            (ArticleFile::Mine(path), Some(open)) => open.path() == Some(path.as_path()),
            _ => false,
        };
        let open = CorpusOpen { file, review, show };
        if already {
            self.then_corpus(open.review, open.show);
        } else {
            self.when_saved_or_discarded(crate::Pending::Corpus(Box::new(open)));
        }
    }

    /// Opens an article of the corpus once unsaved changes are saved or discarded.
    pub(crate) fn resume_corpus(&mut self, open: CorpusOpen) {
        self.then_review = open.review;
        self.then_show = open.show;
        match open.file {
            ArticleFile::Mine(path) => self.open_now(&path),
            ArticleFile::Article {
                article,
                target,
                labels,
                scale,
            } => self.start_reading(crate::Job::Annotate {
                article,
                target,
                labels,
                scale,
            }),
            ArticleFile::Text { doc, target } => {
                let name = marginalia_io::file_name_of(&target);
                let open =
                    crate::OpenDocument::new(*doc, marginalia_core::History::new(), None, name)
                        .suggesting(Some(target.clone()));
                self.show(open);
                self.create_on_change = Some(target);
                let (review, show) = (self.then_review.take(), self.then_show.take());
                self.then_corpus(review, show);
            }
        }
    }

    /// A file name for everything the selected person said, in the corpus folder.
    pub(crate) fn quotes_file_name(&self, format: QuotesFormat) -> Option<PathBuf> {
        let session = self.corpus.as_ref()?;
        let person = session.selected_person()?;
        let name = format!(
            "{}-quotes.{}",
            marginalia_corpus::slug(&person.name),
            format.extension()
        );
        Some(marginalia_io::free_path(&session.root().join(name)))
    }

    /// Writes everything the selected person said to `path`.
    pub(crate) fn export_quotes(&mut self, format: QuotesFormat, path: &Path) {
        let Some(person) = self
            .corpus
            .as_ref()
            .and_then(CorpusSession::selected_person)
        else {
            return;
        };
        let text = match format {
            QuotesFormat::Md => Ok(speakers::quotes_markdown(person)),
            QuotesFormat::Csv => speakers::quotes_csv(person).map_err(|e| e.to_string()),
        };
        let written = text.and_then(|text| {
            marginalia_io::format::write_atomically(path, text.as_bytes())
                .map_err(|e| e.to_string())
        });
        match written {
            Ok(()) => {
                self.status = Some(format!(
                    "Wrote {} of {} to {}",
                    crate::count(person.quotes.len(), "quote", "quotes"),
                    person.name,
                    path.display()
                ));
            }
            Err(message) => self.show_error("The quotes were not written", message),
        }
    }

    /// What follows opening an article of the corpus: a review, a place to show.
    pub(crate) fn then_corpus(&mut self, review: Option<PathBuf>, show: Option<(usize, usize)>) {
        if let Some(theirs) = review {
            self.start_review(&theirs);
        }
        let Some((start, end)) = show else {
            return;
        };
        self.effects.push(crate::Effect::ScrollTo(start));
        if start == end {
            return;
        }
        // The annotation of exactly that span in my file (a search may have found a
        // colleague's), else the span's text, ready to label.
        let mine = self.open.as_ref().and_then(|open| {
            open.doc()
                .annotations_overlapping(start, end)
                .find(|a| (a.start, a.end) == (start, end))
                .map(|a| a.id)
        });
        self.selection.annotation = mine;
        self.selection.text = if mine.is_some() {
            None
        } else {
            Some((start, end))
        };
    }
}
