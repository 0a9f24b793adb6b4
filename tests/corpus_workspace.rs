//! A corpus open in the window, on the workspace alone: the list with my status, opening an
//! article that has no file of mine (mine is made at my first change, nobody else's touched),
//! next article not done, search that opens the article at the span, reviewing a colleague
//! across the corpus, a colleague's new file seen while the folder is open, people merged.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use marginalia_core::{Edit, Status};
use marginalia_corpus::search::Query;
use marginalia_io::format;
use marginalia_workspace::corpus::Tab;
use marginalia_workspace::{
    Action, Command, CorpusAction, Effect, Options, Preferences, ReviewDecision, Workspace,
};

#[allow(
    clippy::needless_pass_by_value,
    reason = "the shape `unwrap_or_else` takes"
)]
fn fail<T>(error: std::io::Error) -> T {
    panic!("{error}")
}

/// Every file of the folder and its bytes.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(root)
        .unwrap_or_else(fail)
        .map(|e| {
            let path = e.unwrap_or_else(fail).path();
            let bytes = std::fs::read(&path).unwrap_or_else(fail);
            (path, bytes)
        })
        .collect()
}

/// A workspace working as Ana Ruiz with the corpus at `root` open and read.
fn with_corpus(root: &Path) -> Workspace {
    let mut ws = Workspace::new(
        Options {
            preferences: Preferences {
                annotator: "Ana Ruiz".to_owned(),
                ..Preferences::default()
            },
            native_dialogs: false,
            recovery_dir: None,
            autosave_seconds: 0.0,
            ..Options::default()
        },
        Arc::new(|| {}),
    );
    let effects = ws.apply(Action::OpenFolder(root.to_owned()));
    assert!(effects.is_empty());
    finish(&mut ws);
    ws
}

/// The index of the article whose title starts with `title`.
fn article(ws: &Workspace, title: &str) -> usize {
    let Some(view) = ws.corpus().and_then(|c| c.view()) else {
        panic!("the folder is not read")
    };
    view.corpus
        .articles
        .iter()
        .position(|a| a.title.starts_with(title))
        .unwrap_or_else(|| panic!("no article {title}"))
}

fn open_article(ws: &mut Workspace, title: &str) -> Vec<Effect> {
    let index = article(ws, title);
    let effects = ws.apply(Action::Corpus(CorpusAction::Open(index)));
    finish(ws);
    effects
}

fn title_open(ws: &Workspace) -> String {
    ws.document()
        .map(|o| o.doc().article.title.clone())
        .unwrap_or_default()
}

/// Polls the corpus until `done` holds or ten seconds pass.
fn wait_for(ws: &mut Workspace, done: impl Fn(&Workspace) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        let _ = ws.apply(Action::Tick);
        if done(ws) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn the_list_counts_what_i_have_done() {
    let (_dir, root) = support::corpus_copy();
    let ws = with_corpus(&root);
    let session = ws.corpus().unwrap();
    assert_eq!(session.rows().len(), 4);
    assert_eq!(session.done(), (2, 4));
    assert_eq!(session.me(), "Ana Ruiz");
}

#[test]
fn filter_and_sort_change_the_list() {
    let (_dir, root) = support::corpus_copy();
    let mut ws = with_corpus(&root);
    let _ = ws.apply(Action::Corpus(CorpusAction::Filter("water".to_owned())));
    assert_eq!(ws.corpus().unwrap().rows().len(), 2);
    let _ = ws.apply(Action::Corpus(CorpusAction::Filter(String::new())));
    let _ = ws.apply(Action::Corpus(CorpusAction::StatusFilter(Some(
        Status::Done,
    ))));
    assert_eq!(ws.corpus().unwrap().rows().len(), 2);
    let _ = ws.apply(Action::Corpus(CorpusAction::StatusFilter(None)));
    let _ = ws.apply(Action::Corpus(CorpusAction::Sort(
        marginalia_workspace::corpus::Sort::Status,
    )));
    let session = ws.corpus().unwrap();
    let view = session.view().unwrap();
    let first = &view.corpus.articles[session.rows()[0]];
    assert_eq!(first.status_of("Ana Ruiz"), Status::NotStarted);
}

#[test]
fn an_article_without_my_file_gets_mine_at_my_first_change_only() {
    let (_dir, root) = support::corpus_copy();
    let before = files(&root);
    let mut ws = with_corpus(&root);
    open_article(&mut ws, "Central library");
    assert_eq!(title_open(&ws), "Central library to close on Sundays");
    let mine = root.join("library-hours.ana-ruiz.ron");
    assert!(!mine.exists(), "opening alone writes nothing");
    assert_eq!(ws.document().unwrap().doc().status(), Status::NotStarted);
    assert_eq!(files(&root), before);

    // The first change makes my file, with the corpus's labels, in progress.
    let _ = ws.apply(Action::SelectText(Some((0, 7))));
    let _ = ws.apply(Action::Label("claim".to_owned()));
    let saved = format::load(&mine).unwrap();
    assert_eq!(saved.annotator, "Ana Ruiz");
    assert_eq!(saved.status(), Status::InProgress);
    assert_eq!(saved.annotations().len(), 1);
    assert_eq!(saved.annotations()[0].exact, "Central");
    assert_eq!(saved.article.path, "library-hours.html");
    assert_eq!(ws.document().unwrap().path(), Some(mine.as_path()));
    // Nobody else's file changed.
    let after = files(&root);
    for (path, bytes) in &before {
        assert_eq!(after.get(path), Some(bytes), "{} changed", path.display());
    }
    assert_eq!(after.len(), before.len() + 1);

    // Marking it done is saved like any change.
    let _ = ws.apply(Action::Command(Command::SetStatus(Status::Done)));
    let _ = ws.apply(Action::Command(Command::Save));
    assert_eq!(format::load(&mine).unwrap().status(), Status::Done);
    // The folder is watched: the list sees it.
    assert!(wait_for(&mut ws, |ws| ws.corpus().unwrap().done() == (3, 4)));
}

#[test]
fn next_not_done_skips_what_i_marked_done() {
    let (_dir, root) = support::corpus_copy();
    let mut ws = with_corpus(&root);
    // In title order: library (no file), herald (done), stadium (in progress), ledger (done).
    let _ = ws.apply(Action::Command(Command::NextNotDone));
    finish(&mut ws);
    assert_eq!(title_open(&ws), "Central library to close on Sundays");
    let _ = ws.apply(Action::Command(Command::NextNotDone));
    finish(&mut ws);
    assert_eq!(
        title_open(&ws),
        "Governor defends stadium deal as critics cry foul"
    );
    let _ = ws.apply(Action::Command(Command::NextNotDone));
    finish(&mut ws);
    assert_eq!(
        title_open(&ws),
        "Central library to close on Sundays",
        "round again"
    );
    let _ = ws.apply(Action::Command(Command::PreviousNotDone));
    finish(&mut ws);
    assert_eq!(
        title_open(&ws),
        "Governor defends stadium deal as critics cry foul"
    );
}

#[test]
fn a_search_hit_opens_its_article_at_the_span() {
    let (_dir, root) = support::corpus_copy();
    let mut ws = with_corpus(&root);
    let effects = ws.apply(Action::Command(Command::SearchCorpus));
    assert!(effects.contains(&Effect::FocusCorpusSearch));
    assert_eq!(ws.corpus().unwrap().tab, Tab::Search);
    let query = Query {
        text: "fixed incomes".to_owned(),
        ..Query::default()
    };
    let _ = ws.apply(Action::Corpus(CorpusAction::Search(query)));
    let hits = ws.corpus().unwrap().hits().to_vec();
    assert_eq!(hits.len(), 1);
    let _ = ws.apply(Action::Corpus(CorpusAction::OpenHit(hits[0])));
    let effects = finish(&mut ws);
    assert_eq!(title_open(&ws), "Council approves steep water rate rise");
    let text = ws.document().unwrap().doc().article.text().to_owned();
    let at = text.find("People on fixed incomes").unwrap();
    let at = text[..at].chars().count();
    assert_eq!(effects, [Effect::ScrollTo(at)]);
    // The span is marked: my annotation of it, else its text, ready to label.
    let doc = ws.document().unwrap().doc();
    let selection = ws.selection();
    let marked = match selection.annotation {
        Some(id) => doc.annotation(id).map(|a| (a.start, a.end)),
        None => selection.text,
    };
    let (start, end) = marked.unwrap_or_else(|| panic!("nothing marked: {selection:?}"));
    assert_eq!(start, at);
    assert!(
        doc.article
            .slice_chars(start, end)
            .is_some_and(|t| t.contains("fixed incomes")),
        "{:?}",
        doc.article.slice_chars(start, end)
    );
}

#[test]
fn reviewing_a_colleague_lists_shared_articles_by_disagreement_and_opens_each_in_review() {
    let (_dir, root) = support::corpus_copy();
    let mut ws = with_corpus(&root);
    let _ = ws.apply(Action::Corpus(CorpusAction::ReviewAgainst(Some(
        "Ben Okafor".to_owned(),
    ))));
    let session = ws.corpus().unwrap();
    let (who, pair) = session.review().unwrap();
    assert_eq!(who, "Ben Okafor");
    let pair = pair.unwrap();
    assert_eq!(pair.articles, 3);
    let view = session.view().unwrap();
    let differences: Vec<usize> = session
        .rows()
        .iter()
        .map(|&i| session.differences(&view.corpus.articles[i]).unwrap())
        .collect();
    assert_eq!(differences.len(), 3, "only the shared articles");
    assert!(
        differences.windows(2).all(|w| w[0] >= w[1]),
        "{differences:?}"
    );
    let first = session.rows()[0];
    let _ = ws.apply(Action::Corpus(CorpusAction::Open(first)));
    finish(&mut ws);
    finish(&mut ws);
    let review = ws.review().expect("opened in review mode");
    let theirs = review.path().to_string_lossy();
    assert!(theirs.ends_with(".ben-okafor.ron"), "{theirs}");
}

#[test]
fn a_colleagues_new_file_shows_while_the_folder_is_open() {
    let (_dir, root) = support::corpus_copy();
    let mut ws = with_corpus(&root);
    let mut doc = format::load(&root.join("stadium-deal.ben-okafor.ron")).unwrap();
    doc.annotator = "Chloé Martin".to_owned();
    doc.apply(Edit::SetStatus(Status::Done)).unwrap();
    format::save(&doc, &root.join("stadium-deal.chloe-martin.ron")).unwrap();
    let seen = wait_for(&mut ws, |ws| {
        ws.corpus()
            .and_then(|c| c.view())
            .is_some_and(|v| v.corpus.annotators().len() == 3)
    });
    assert!(seen, "the new file was not seen");
}

#[test]
fn people_merged_by_hand_are_kept_in_the_corpus_file() {
    let (_dir, root) = support::corpus_copy();
    let mut ws = with_corpus(&root);
    let _ = ws.apply(Action::Corpus(CorpusAction::MergePeople {
        name: "Devon Price".to_owned(),
        into: "Maria Lopez".to_owned(),
    }));
    let config = std::fs::read_to_string(root.join("marginalia-corpus.ron")).unwrap();
    assert!(config.contains("Devon Price"), "{config}");
    let merged = wait_for(&mut ws, |ws| {
        ws.corpus()
            .and_then(|c| c.view())
            .and_then(|v| v.people.as_ref())
            .is_some_and(|people| {
                people.iter().any(|p| {
                    p.name == "Maria Lopez" && p.aliases.contains(&"Devon Price".to_owned())
                })
            })
    });
    assert!(merged);
}

#[test]
fn the_list_shows_the_suggested_quotes_i_have_left() {
    let (_dir, root) = support::corpus_copy();
    let mut ws = with_corpus(&root);
    assert!(wait_for(&mut ws, |ws| {
        ws.corpus()
            .and_then(|c| c.view())
            .is_some_and(|v| v.suggested.is_some())
    }));
    let session = ws.corpus().unwrap();
    let view = session.view().unwrap();
    let suggested = view.suggested.as_ref().unwrap();
    for article in &view.corpus.articles {
        let total = suggested[&article.sha256].len();
        let left = session.suggestions_left(article).unwrap();
        match article.file_of("Ana Ruiz") {
            // Ana annotated the quotations of her articles: fewer are left for her.
            Some(file) if !file.doc.annotations().is_empty() => {
                assert!(left < total, "{}: {left} of {total}", article.title);
            }
            _ => assert_eq!(left, total, "{}", article.title),
        }
    }
    assert!(suggested.values().map(|s| s.len()).sum::<usize>() >= 10);
}

/// Waits for the file being read, and takes it up; what that asks of the window.
fn finish(ws: &mut Workspace) -> Vec<Effect> {
    ws.apply(Action::FinishReading)
}

#[test]
fn unsaved_changes_count_in_the_list_at_once_and_discarding_them_undoes_that() {
    let (_dir, root) = support::corpus_copy();
    let mut ws = with_corpus(&root);
    let _ = ws.apply(Action::Corpus(CorpusAction::ReviewAgainst(Some(
        "Ben Okafor".to_owned(),
    ))));
    let session = ws.corpus().unwrap();
    let first = session.rows()[0];
    let differences_of = |ws: &Workspace| {
        let session = ws.corpus().unwrap();
        let view = session.view().unwrap();
        session
            .differences(&view.corpus.articles[first])
            .unwrap_or_default()
    };
    let (done, total) = session.done();
    let before = differences_of(&ws);
    assert!(before > 0);
    let _ = ws.apply(Action::Corpus(CorpusAction::Open(first)));
    finish(&mut ws);
    finish(&mut ws);
    let status = ws.document().unwrap().doc().status();
    // Taking the colleague's side of a difference, and marking the article done: the row and
    // the count say so before anything is saved.
    let difference = ws.review().unwrap().differences()[0];
    let _ = ws.apply(Action::ReviewDecision(ReviewDecision::TakeTheirs(
        difference,
    )));
    let _ = ws.apply(Action::Command(Command::SetStatus(Status::Done)));
    assert!(
        differences_of(&ws) < before,
        "{} then {before}",
        differences_of(&ws)
    );
    let expected = if status == Status::Done {
        done
    } else {
        done + 1
    };
    assert_eq!(ws.corpus().unwrap().done(), (expected, total));
    // Undone back to the file as saved, the list is as read again.
    while ws.document().unwrap().is_dirty() {
        let _ = ws.apply(Action::Command(Command::Undo));
    }
    assert_eq!(differences_of(&ws), before);
    assert_eq!(ws.corpus().unwrap().done(), (done, total));
}

#[test]
fn the_list_filters_articles_by_their_verdicts() {
    use marginalia_workspace::VerdictFilter;
    let (_dir, root) = support::corpus_copy();
    let mut ws = with_corpus(&root);
    let titles = |ws: &marginalia_workspace::Workspace| -> Vec<String> {
        let session = ws.corpus().unwrap();
        let view = session.view().unwrap();
        session
            .rows()
            .iter()
            .map(|&i| view.corpus.articles[i].title.clone())
            .collect()
    };
    assert_eq!(
        ws.corpus().unwrap().ratings(),
        [
            "False",
            "Half true",
            "Mostly false",
            "Mostly true",
            "True",
            "Unsupported"
        ]
    );
    let filter = |ws: &mut marginalia_workspace::Workspace, f: Option<VerdictFilter>| {
        let _ = ws.apply(Action::Corpus(CorpusAction::VerdictFilter(f)));
    };
    filter(&mut ws, Some(VerdictFilter::Rated));
    assert_eq!(titles(&ws).len(), 3, "{:?}", titles(&ws));
    filter(&mut ws, Some(VerdictFilter::Unrated));
    assert_eq!(titles(&ws), ["Central library to close on Sundays"]);
    filter(&mut ws, Some(VerdictFilter::Rating("False".to_owned())));
    let mut rated_false = titles(&ws);
    rated_false.sort();
    assert_eq!(
        rated_false,
        [
            "Governor defends stadium deal as critics cry foul",
            "Water bills to rise 12 percent as council backs mayor's plan"
        ]
    );
    filter(&mut ws, None);
    assert_eq!(titles(&ws).len(), 4);
}
