//! Search across a corpus: quotes, notes and speakers of every annotation file, each folded to
//! lower case once, so that a query is a scan of memory.

use serde::Serialize;

use super::Corpus;
use marginalia_core::names::same_annotator;

/// What to look for; every part given must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Words in the quote, the note or the speaker's name (case ignored).
    pub text: String,
    /// Part of the speaker's name (case ignored).
    pub speaker: String,
    /// The label's id or name (case ignored).
    pub label: String,
    /// The annotator (as names are compared).
    pub annotator: String,
}

impl Query {
    /// Whether nothing is asked for.
    pub fn is_empty(&self) -> bool {
        [&self.text, &self.speaker, &self.label, &self.annotator]
            .iter()
            .all(|part| part.trim().is_empty())
    }
}

/// One annotation found, with what the JSON output and the window show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Match {
    /// The annotation file, relative to the corpus folder (`/` separators).
    pub path: String,
    /// The article's SHA-256.
    pub sha256: String,
    /// The article's title.
    pub title: String,
    /// Who annotated it.
    pub annotator: String,
    /// The annotation's id in its file.
    pub id: u64,
    /// The label's id.
    pub label: String,
    /// Start, in code points.
    pub start: usize,
    /// End, in code points (exclusive).
    pub end: usize,
    /// The quote.
    pub text: String,
    /// The speaker's name, when one is set.
    pub speaker: Option<String>,
}

/// Where an annotation is: article, file and annotation index in the corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Corpus::articles`].
    pub article: usize,
    /// Index into that article's files.
    pub file: usize,
    /// Index into that file's annotations.
    pub annotation: usize,
}

/// Every annotation of a corpus, folded for searching. Build once per reading of the corpus.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    rows: Vec<Row>,
}

#[derive(Clone, Debug)]
struct Row {
    hit: Hit,
    /// Quote, note and speaker, lower case, separated by a character no query holds.
    haystack: String,
    speaker: String,
    label_id: String,
    label_name: String,
}

const SEPARATOR: char = '\u{1}';

impl SearchIndex {
    /// Folds every annotation of `corpus`.
    pub fn build(corpus: &Corpus) -> Self {
        let mut rows = Vec::new();
        for (a, article) in corpus.articles.iter().enumerate() {
            for (f, file) in article.files.iter().enumerate() {
                let doc = &file.doc;
                for (i, ann) in doc.annotations().iter().enumerate() {
                    let speaker = doc
                        .speaker_of(ann)
                        .map(|s| s.name.to_lowercase())
                        .unwrap_or_default();
                    let haystack = format!(
                        "{}{SEPARATOR}{}{SEPARATOR}{speaker}",
                        ann.exact.to_lowercase(),
                        ann.note.to_lowercase()
                    );
                    rows.push(Row {
                        hit: Hit {
                            article: a,
                            file: f,
                            annotation: i,
                        },
                        haystack,
                        speaker,
                        label_id: ann.label.clone(),
                        label_name: doc.label_name(ann).to_lowercase(),
                    });
                }
            }
        }
        Self { rows }
    }

    /// The annotations matching `query`, in corpus order (grouped by article).
    pub fn find(&self, corpus: &Corpus, query: &Query) -> Vec<Hit> {
        let text = query.text.trim().to_lowercase();
        let speaker = query.speaker.trim().to_lowercase();
        let label = query.label.trim().to_lowercase();
        let annotator = query.annotator.trim();
        self.rows
            .iter()
            .filter(|row| text.is_empty() || row.haystack.contains(&text))
            .filter(|row| speaker.is_empty() || row.speaker.contains(&speaker))
            .filter(|row| label.is_empty() || row.label_id == label || row.label_name == label)
            .filter(|row| {
                annotator.is_empty()
                    || corpus
                        .articles
                        .get(row.hit.article)
                        .and_then(|a| a.files.get(row.hit.file))
                        .is_some_and(|f| same_annotator(f.annotator(), annotator))
            })
            .map(|row| row.hit)
            .collect()
    }
}

/// What a hit is, for printing or JSON.
pub fn describe(corpus: &Corpus, hit: Hit) -> Option<Match> {
    let article = corpus.articles.get(hit.article)?;
    let file = article.files.get(hit.file)?;
    let ann = file.doc.annotations().get(hit.annotation)?;
    Some(Match {
        path: file.path.to_string_lossy().replace('\\', "/"),
        sha256: article.sha256.clone(),
        title: article.title.clone(),
        annotator: file.annotator().to_owned(),
        id: ann.id.0,
        label: ann.label.clone(),
        start: ann.start,
        end: ann.end,
        text: ann.exact.clone(),
        speaker: file.doc.speaker_of(ann).map(|s| s.name.clone()),
    })
}
