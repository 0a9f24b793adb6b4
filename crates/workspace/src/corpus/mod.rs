//! A corpus open in the window: the folder read and watched on a thread of its own, the
//! article list as filtered and sorted, the search across it and its people. Egui-free: the
//! corpus panel draws this and sends [`CorpusAction`]s.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use marginalia_core::{Document, Status};
use marginalia_corpus::compare::{self, PairAgreement};
use marginalia_corpus::search::{Hit, Query, SearchIndex};
use marginalia_corpus::speakers::{self, Person};
use marginalia_corpus::{Corpus, CorpusArticle, Progress, Suggested, suggest_all};

use super::reading::Waker;

mod articles;

pub use articles::{ArticleFile, CorpusOpen};

/// How long changes on disk settle before the folder is read again.
const SETTLE: Duration = Duration::from_millis(250);
/// How often the folder is read again when no change was reported (a network drive may not
/// report changes).
const POLL: Duration = Duration::from_secs(20);

/// The corpus as read at one moment, with what is built from it.
#[derive(Debug)]
pub struct CorpusView {
    /// The folder as read.
    pub corpus: Corpus,
    /// Its annotations folded for search; `None` while it is being built.
    pub index: Option<SearchIndex>,
    /// Its people; `None` while they are being counted.
    pub people: Option<Vec<Person>>,
    /// Each article's suggested quotations; `None` while they are being found.
    pub suggested: Option<Arc<Suggested>>,
    /// Counts up with every reading, so what was derived from an older one is known stale.
    pub generation: u64,
}

/// Which articles the list shows by the verdicts their claims were given (by anyone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerdictFilter {
    /// Some claim has a verdict.
    Rated,
    /// No claim has one.
    Unrated,
    /// Some claim has the rating of this name.
    Rating(String),
}

impl VerdictFilter {
    /// Whether `article` passes.
    pub fn admits(&self, article: &CorpusArticle) -> bool {
        let ratings = article.ratings();
        match self {
            Self::Rated => !ratings.is_empty(),
            Self::Unrated => ratings.is_empty(),
            Self::Rating(name) => ratings.contains(name.as_str()),
        }
    }

    /// How the drop-down names it.
    pub fn name(&self) -> &str {
        match self {
            Self::Rated => "Rated",
            Self::Unrated => "Not rated",
            Self::Rating(name) => name,
        }
    }
}

/// What the corpus panel can ask.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CorpusAction {
    /// Show only articles whose title, source or path contains this.
    Filter(String),
    /// Show only articles where my status is this.
    StatusFilter(Option<Status>),
    /// Show only articles with these verdicts.
    VerdictFilter(Option<VerdictFilter>),
    /// Order the list.
    Sort(Sort),
    /// Show a tab.
    Tab(Tab),
    /// Open this article (an index into the corpus's articles): my file, or the article to
    /// annotate, my file made on my first change.
    Open(usize),
    /// Open the article of a search hit at its span.
    OpenHit(Hit),
    /// Open this article at this code point.
    OpenAt(usize, usize),
    /// Open the next article in the list that I have not marked done.
    NextNotDone,
    /// Open the previous article in the list that I have not marked done.
    PreviousNotDone,
    /// Search for this.
    Search(Query),
    /// Compare my files with this colleague's, the list sorted by disagreement; `None` ends it.
    ReviewAgainst(Option<String>),
    /// Select a person on the People tab.
    SelectPerson(Option<String>),
    /// Record in `marginalia-corpus.ron` that `name` is the person `into`.
    MergePeople {
        /// The name to join.
        name: String,
        /// The person it joins.
        into: String,
    },
    /// Read the folder again now.
    Refresh,
    /// Close the corpus.
    Close,
}

/// How everything a person said is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuotesFormat {
    /// A Markdown report.
    Md,
    /// A CSV table.
    Csv,
}

impl QuotesFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Md => "md",
            Self::Csv => "csv",
        }
    }
}

/// The order of the article list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// By title.
    #[default]
    Title,
    /// By outlet, then title.
    Source,
    /// Longest first.
    Length,
    /// Not started first, then in progress, then done (mine).
    Status,
}

impl Sort {
    /// Every order, as the panel lists them.
    pub const ALL: [Self; 4] = [Self::Title, Self::Source, Self::Length, Self::Status];

    /// The order's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Title => "Title",
            Self::Source => "Source",
            Self::Length => "Length",
            Self::Status => "My status",
        }
    }
}

/// The tabs of the corpus panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// Every article.
    #[default]
    Articles,
    /// Search across the corpus.
    Search,
    /// Everyone quoted.
    People,
}

enum Control {
    Changed,
    Refresh,
    Stop,
}

/// A corpus open in the window.
pub struct CorpusSession {
    root: PathBuf,
    view: Option<Arc<CorpusView>>,
    error: Option<String>,
    progress: Arc<Progress>,
    receiver: Receiver<Result<CorpusView, String>>,
    control: Sender<Control>,
    /// The list as shown: indices into the articles, filtered and sorted.
    rows: Vec<usize>,
    /// Search hits for `query` in the current view.
    hits: Vec<Hit>,
    /// The colleague my files are compared with, and the comparison.
    review: Option<(String, Option<PairAgreement>)>,
    /// Every annotator, and how many articles I marked done (counted once per reading).
    annotators: Vec<String>,
    done: usize,
    /// Filter text.
    pub filter: String,
    /// Only articles with this status of mine.
    pub status_filter: Option<Status>,
    /// Only the articles with these verdicts, or all.
    pub verdict_filter: Option<VerdictFilter>,
    /// The names of the ratings given in the corpus.
    ratings: Vec<String>,
    /// The order.
    pub sort: Sort,
    /// The tab shown.
    pub tab: Tab,
    /// What is searched for.
    pub query: Query,
    /// The person whose quotes are shown.
    pub person: Option<String>,
    me: String,
    /// My open file's unsaved state, shown in place of the file as read.
    overlay: Option<Overlay>,
    /// The reading and the open document's revision last looked at for the overlay, whether
    /// or not it could be shown, so each is looked at once and not every frame.
    unsaved_seen: Option<(u64, u64)>,
}

/// My open file of an article with unsaved changes: the list, the done count and the
/// differences with a colleague count it as it is now, not as it was last saved.
#[derive(Debug)]
struct Overlay {
    /// Where in the reading: the article and its file.
    article: usize,
    file: usize,
    /// The file's document as read, put back when the overlay goes.
    disk: Arc<Document>,
    /// The reading it is shown in.
    generation: u64,
}

impl std::fmt::Debug for CorpusSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusSession")
            .field("root", &self.root)
            .field("rows", &self.rows.len())
            .finish_non_exhaustive()
    }
}

impl Drop for CorpusSession {
    fn drop(&mut self) {
        self.control.send(Control::Stop).ok();
    }
}

impl CorpusSession {
    /// Starts reading and watching `root` on a thread of its own; `wake` is called whenever a
    /// new reading is ready. `me` is the annotator the window works as.
    pub fn start(root: &Path, me: &str, wake: Waker) -> Self {
        let (sender, receiver) = channel();
        let (control, commands) = channel();
        let progress = Arc::new(Progress::default());
        let thread_progress = Arc::clone(&progress);
        let thread_root = root.to_owned();
        let watcher_control = control.clone();
        let spawned = std::thread::Builder::new()
            .name("marginalia-corpus".to_owned())
            .spawn(move || {
                watch(
                    &thread_root,
                    &thread_progress,
                    &sender,
                    &commands,
                    watcher_control,
                    &wake,
                );
            });
        let error = spawned
            .err()
            .map(|e| format!("the folder could not be read: {e}"));
        Self {
            root: root.to_owned(),
            view: None,
            error,
            progress,
            receiver,
            control,
            rows: Vec::new(),
            hits: Vec::new(),
            review: None,
            annotators: Vec::new(),
            done: 0,
            filter: String::new(),
            status_filter: None,
            verdict_filter: None,
            ratings: Vec::new(),
            sort: Sort::default(),
            tab: Tab::default(),
            query: Query::default(),
            person: None,
            me: me.trim().to_owned(),
            overlay: None,
            unsaved_seen: None,
        }
    }

    /// Takes a new reading, if one is ready; returns whether one was.
    pub(crate) fn poll(&mut self) -> bool {
        let mut fresh = false;
        while let Ok(read) = self.receiver.try_recv() {
            match read {
                Ok(view) => {
                    self.view = Some(Arc::new(view));
                    self.error = None;
                }
                Err(error) => self.error = Some(error),
            }
            fresh = true;
        }
        if fresh {
            self.recompute();
        }
        fresh
    }

    /// Shows `doc`, open from `path` with unsaved changes at `revision`, in place of that file
    /// as read, when it is a file of the corpus; counts and the comparison follow it.
    pub(crate) fn show_unsaved(&mut self, path: &Path, doc: &Document, revision: u64) {
        let Some(generation) = self.view.as_ref().map(|v| v.generation) else {
            return;
        };
        if self.unsaved_seen == Some((generation, revision)) {
            return;
        }
        self.unsaved_seen = Some((generation, revision));
        let restored = self.restore_read();
        let placed = self.place_unsaved(path, doc);
        if restored || placed {
            self.recompute();
        }
    }

    /// Puts `doc` in place of the file at `path` in the reading; whether it could (the
    /// reading is shared only while the window draws from it: then the next change shows it).
    fn place_unsaved(&mut self, path: &Path, doc: &Document) -> bool {
        let Some(view) = self.view.as_mut().and_then(Arc::get_mut) else {
            return false;
        };
        let corpus = &mut view.corpus;
        let Some(article) = corpus.article_index(doc.article.sha256()) else {
            return false;
        };
        let Some(file) = corpus.articles[article]
            .files
            .iter()
            .position(|f| corpus.path_of(&f.path) == path)
        else {
            return false;
        };
        let slot = &mut corpus.articles[article].files[file].doc;
        let disk = std::mem::replace(slot, Arc::new(doc.clone()));
        self.overlay = Some(Overlay {
            article,
            file,
            disk,
            generation: view.generation,
        });
        true
    }

    /// Shows my files as read again: the open one was saved, or its changes discarded.
    pub(crate) fn show_as_read(&mut self) {
        self.unsaved_seen = None;
        if self.restore_read() {
            self.recompute();
        }
    }

    /// Puts back the file the overlay replaced, in the reading it replaced it in; whether the
    /// reading changed.
    fn restore_read(&mut self) -> bool {
        let Some(overlay) = self.overlay.take() else {
            return false;
        };
        let Some(view) = self.view.as_mut().and_then(Arc::get_mut) else {
            return false;
        };
        if view.generation != overlay.generation {
            // A newer reading of the folder holds the file as it is on disk now.
            return false;
        }
        match view
            .corpus
            .articles
            .get_mut(overlay.article)
            .and_then(|a| a.files.get_mut(overlay.file))
        {
            Some(file) => {
                file.doc = overlay.disk;
                true
            }
            None => false,
        }
    }

    /// Waits for the first reading with everything built (tests and benchmarks).
    pub(crate) fn wait_until_read(&mut self) {
        loop {
            if self
                .view
                .as_ref()
                .is_some_and(|v| v.index.is_some() && v.people.is_some())
                || self.error.is_some()
            {
                return;
            }
            match self.receiver.recv() {
                Ok(Ok(view)) => self.view = Some(Arc::new(view)),
                Ok(Err(error)) => self.error = Some(error),
                Err(_) => return,
            }
            self.recompute();
        }
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The latest reading, once there is one.
    pub fn view(&self) -> Option<&Arc<CorpusView>> {
        self.view.as_ref()
    }

    /// Why the folder could not be read, if it could not.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Files read and files to read, while the first reading is under way.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.view.is_none().then(|| self.progress.get())
    }

    /// The annotator the window works as.
    pub fn me(&self) -> &str {
        &self.me
    }

    /// The articles as listed: indices into the corpus's articles.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// The search hits.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// The search hits as the panel lists them: a heading before the hits of each article, and
    /// how many articles they are in.
    pub fn hit_rows(&self) -> (Vec<HitRow>, usize) {
        hit_rows(&self.hits)
    }

    /// The colleague compared with, and the comparison (`None` when we share no article).
    pub fn review(&self) -> Option<(&str, Option<&PairAgreement>)> {
        self.review
            .as_ref()
            .map(|(who, pair)| (who.as_str(), pair.as_ref()))
    }

    /// "23 of 40 done": articles I marked done, and articles.
    pub fn done(&self) -> (usize, usize) {
        let articles = self.view.as_ref().map_or(0, |v| v.corpus.articles.len());
        (self.done, articles)
    }

    /// Every annotator of the corpus.
    pub fn annotators(&self) -> &[String] {
        &self.annotators
    }

    /// The person selected on the People tab.
    pub fn selected_person(&self) -> Option<&Person> {
        let name = self.person.as_deref()?;
        speakers::find(self.view.as_ref()?.people.as_deref()?, name)
    }

    /// The annotator the window works as changed.
    pub(crate) fn set_me(&mut self, me: &str) {
        me.trim().clone_into(&mut self.me);
        self.recompute();
    }

    /// Filters the list by title, source or file name.
    fn set_filter(&mut self, text: String) {
        self.filter = text;
        self.relist();
    }

    /// Lists only the articles of this status of mine, or all.
    fn set_status_filter(&mut self, status: Option<Status>) {
        self.status_filter = status;
        self.relist();
    }

    /// Lists only the articles with these verdicts, or all.
    fn set_verdict_filter(&mut self, filter: Option<VerdictFilter>) {
        self.verdict_filter = filter;
        self.relist();
    }

    fn set_sort(&mut self, sort: Sort) {
        self.sort = sort;
        self.relist();
    }

    /// Searches the corpus, and shows the search tab.
    fn search_for(&mut self, query: Query) {
        self.query = query;
        self.tab = Tab::Search;
        self.search();
    }

    /// Compares my files with `who`'s, or stops comparing.
    fn review_against(&mut self, who: Option<String>) {
        self.review = who.map(|who| (who, None));
        self.compare();
        self.relist();
    }

    /// Asks the reading thread to read the folder again now.
    fn refresh(&self) {
        self.control.send(Control::Refresh).ok();
    }

    /// Recomputes everything derived from the current view and my name: the annotators, my
    /// done count, the comparison, the list and the hits.
    fn recompute(&mut self) {
        if let Some(view) = &self.view {
            self.annotators = view.corpus.annotators();
            self.ratings = marginalia_corpus::ratings_in_use(&view.corpus);
            self.done = view.corpus.done_by(&self.me);
        }
        self.compare();
        self.relist();
        self.search();
    }

    /// Compares my files with the colleague's, when reviewing one.
    fn compare(&mut self) {
        if let (Some(view), Some((who, pair))) = (&self.view, &mut self.review) {
            *pair = compare::pair(&view.corpus, &self.me, who);
        }
    }

    /// The names of the ratings given in the corpus, sorted.
    pub fn ratings(&self) -> &[String] {
        &self.ratings
    }

    /// The list as filtered and sorted (while reviewing: the shared articles, most
    /// differences first).
    fn relist(&mut self) {
        let Some(view) = &self.view else {
            return;
        };
        let articles = &view.corpus.articles;
        let filter = self.filter.trim().to_lowercase();
        let me = self.me.as_str();
        let mut rows: Vec<usize> = articles
            .iter()
            .enumerate()
            .filter(|(_, a)| filter.is_empty() || matches_filter(a, &filter))
            .filter(|(_, a)| self.status_filter.is_none_or(|s| a.status_of(me) == s))
            .filter(|(_, a)| self.verdict_filter.as_ref().is_none_or(|v| v.admits(a)))
            .map(|(i, _)| i)
            .collect();
        match self.sort {
            Sort::Title => {}
            Sort::Source => rows.sort_by_cached_key(|&i| articles[i].source.to_lowercase()),
            Sort::Length => rows.sort_by_key(|&i| std::cmp::Reverse(articles[i].len_chars)),
            Sort::Status => rows.sort_by_key(|&i| articles[i].status_of(me)),
        }
        if let Some((_, Some(pair))) = &self.review {
            let rank: std::collections::HashMap<&str, usize> = compare::by_disagreement(pair)
                .iter()
                .enumerate()
                .map(|(rank, a)| (a.sha256.as_str(), rank))
                .collect();
            rows.retain(|&i| rank.contains_key(articles[i].sha256.as_str()));
            rows.sort_by_key(|&i| rank.get(articles[i].sha256.as_str()).copied());
        }
        self.rows = rows;
    }

    /// The hits of the query in the current view.
    fn search(&mut self) {
        self.hits = match self.view.as_deref() {
            Some(CorpusView {
                corpus,
                index: Some(index),
                ..
            }) if !self.query.is_empty() => index.find(corpus, &self.query),
            _ => Vec::new(),
        };
    }

    /// How many of the article's suggested quotations I have still to decide (not annotated
    /// in my file, not dismissed); `None` while they are being found.
    pub fn suggestions_left(&self, article: &CorpusArticle) -> Option<usize> {
        let spans = self
            .view
            .as_ref()?
            .suggested
            .as_ref()?
            .get(&article.sha256)?;
        let mine = article.file_of(&self.me).map(|file| &file.doc);
        Some(match mine {
            Some(doc) => spans
                .iter()
                .filter(|&&(start, end)| super::suggestions::is_pending(doc, start, end))
                .count(),
            None => spans.len(),
        })
    }

    /// The differences between my file and the colleague's for an article, when reviewing.
    pub fn differences(&self, article: &CorpusArticle) -> Option<usize> {
        let (_, Some(pair)) = self.review.as_ref()? else {
            return None;
        };
        pair.per_article
            .iter()
            .find(|a| a.sha256 == article.sha256)
            .map(|a| a.differences)
    }

    /// The article after (or before) the one with text `current` in the list that I have not
    /// marked done; from the top (or bottom) when `current` is not listed.
    pub fn next_not_done(&self, current: Option<&str>, forward: bool) -> Option<usize> {
        let corpus = &self.view.as_ref()?.corpus;
        let at = current.and_then(|sha| {
            self.rows
                .iter()
                .position(|&i| corpus.articles[i].sha256 == sha)
        });
        let n = self.rows.len();
        (1..=n)
            .map(|step| match (at, forward) {
                (Some(at), true) => (at + step) % n,
                (Some(at), false) => (at + n - step % n) % n,
                (None, true) => step - 1,
                (None, false) => n - step,
            })
            .map(|row| self.rows[row])
            .find(|&i| {
                Some(corpus.articles[i].sha256.as_str()) != current
                    && corpus.articles[i].status_of(&self.me) != Status::Done
            })
    }

    /// Merges two people by hand: written to `marginalia-corpus.ron`, then read again.
    pub fn merge_people(&self, name: &str, into: &str) -> Result<(), String> {
        let view = self.view.as_ref().ok_or("the folder is still being read")?;
        let mut config = view.corpus.config.clone();
        config.merge_people(name, into);
        config.write(&self.root).map_err(|e| {
            format!(
                "{} could not be written: {e}",
                marginalia_corpus::CONFIG_FILE
            )
        })?;
        self.control.send(Control::Refresh).ok();
        Ok(())
    }
}

fn matches_filter(article: &CorpusArticle, filter: &str) -> bool {
    article.title.to_lowercase().contains(filter)
        || article.source.to_lowercase().contains(filter)
        || article
            .display_path()
            .is_some_and(|p| p.to_string_lossy().to_lowercase().contains(filter))
}

/// The reading thread: reads the folder, then reads it again whenever something in it
/// changes, sending each reading that differs (first the corpus, then with its search index
/// and people built).
fn watch(
    root: &Path,
    progress: &Progress,
    sender: &Sender<Result<CorpusView, String>>,
    commands: &Receiver<Control>,
    changes: Sender<Control>,
    wake: &Waker,
) {
    let mut corpus = match Corpus::open_with(root, progress) {
        Ok(corpus) => corpus,
        Err(error) => {
            sender.send(Err(error.to_string())).ok();
            wake();
            return;
        }
    };
    // Changes on disk arrive as messages; without a watcher the folder is read every POLL.
    let _watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            changes.send(Control::Changed).ok();
        }
    })
    .and_then(|mut watcher| {
        use notify::Watcher as _;
        watcher
            .watch(root, notify::RecursiveMode::Recursive)
            .map(|()| watcher)
    });
    let mut generation = 0;
    let mut suggested = Arc::new(Suggested::new());
    let mut send = |corpus: &Corpus| -> bool {
        generation += 1;
        let quick = CorpusView {
            corpus: corpus.clone(),
            index: None,
            people: None,
            suggested: None,
            generation,
        };
        if sender.send(Ok(quick)).is_err() {
            return false;
        }
        wake();
        generation += 1;
        suggested = Arc::new(suggest_all(corpus, &suggested));
        let full = CorpusView {
            corpus: corpus.clone(),
            index: Some(SearchIndex::build(corpus)),
            people: Some(speakers::people(corpus)),
            suggested: Some(suggested.clone()),
            generation,
        };
        let sent = sender.send(Ok(full)).is_ok();
        wake();
        sent
    };
    if !send(&corpus) {
        return;
    }
    loop {
        match commands.recv_timeout(POLL) {
            Ok(Control::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            Ok(Control::Changed) => {
                // Let a burst of changes (a sync, a git pull) settle first.
                loop {
                    match commands.recv_timeout(SETTLE) {
                        Ok(Control::Stop) => return,
                        Ok(_) => {}
                        Err(_) => break,
                    }
                }
            }
            Ok(Control::Refresh) | Err(RecvTimeoutError::Timeout) => {}
        }
        if corpus.refresh_with(progress) && !send(&corpus) {
            return;
        }
    }
}

/// A row of the search results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HitRow {
    /// The heading of an article's hits: its index in the corpus.
    Article(usize),
    /// One hit.
    Hit(Hit),
}

/// `hits` (grouped by article, as the search gives them) with a heading naming each group's
/// own article before it, and the number of groups.
pub fn hit_rows(hits: &[Hit]) -> (Vec<HitRow>, usize) {
    let mut rows = Vec::with_capacity(hits.len() * 2);
    let mut articles = 0;
    let mut last = None;
    for hit in hits {
        if last != Some(hit.article) {
            rows.push(HitRow::Article(hit.article));
            articles += 1;
            last = Some(hit.article);
        }
        rows.push(HitRow::Hit(*hit));
    }
    (rows, articles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_heading_names_the_article_of_the_hits_below_it() {
        let hit = |article, annotation| Hit {
            article,
            file: 0,
            annotation,
        };
        let (rows, articles) = hit_rows(&[hit(3, 0), hit(3, 1), hit(0, 4), hit(7, 2)]);
        assert_eq!(articles, 3);
        assert_eq!(
            rows,
            [
                HitRow::Article(3),
                HitRow::Hit(hit(3, 0)),
                HitRow::Hit(hit(3, 1)),
                HitRow::Article(0),
                HitRow::Hit(hit(0, 4)),
                HitRow::Article(7),
                HitRow::Hit(hit(7, 2)),
            ]
        );
    }
}
