//! A corpus: a folder of articles and the annotation files of several annotators, read as one
//! body of work. Files are grouped into articles by the SHA-256 of the article text, never by
//! name, so a renamed or moved file still belongs. Nobody's file is written here: each
//! annotator writes only their own, so a folder shared by git or a synced drive never
//! conflicts. The window and the command line both read it.
//!
//! Uses `marginalia-core` and `marginalia-io`; never draws anything, and knows nothing of the
//! window's state.

pub mod compare;
pub mod import;
pub mod search;
pub mod speakers;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use marginalia_core::names::same_annotator;
use marginalia_core::{Document, Label, Scale, Status};
use marginalia_io::format;
use marginalia_io::import::{ARTICLE_EXTENSIONS, import_article};

/// The optional file at the top of a corpus that holds its name, labels and speaker aliases.
pub const CONFIG_FILE: &str = "marginalia-corpus.ron";
/// A file changed this recently that cannot be read is taken to be still being written.
const SETTLING: Duration = Duration::from_secs(5);

/// What `marginalia-corpus.ron` holds. Every field may be left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Config {
    /// The corpus's name, shown above its articles.
    #[serde(default)]
    pub name: String,
    /// The labels every new annotation file of the corpus starts with (default: claim, denial,
    /// reaction).
    #[serde(default)]
    pub labels: Vec<Label>,
    /// Names decided by hand to be one person.
    #[serde(default)]
    pub speakers: Vec<SpeakerAliases>,
    /// The organisation that publishes the corpus's fact-checks (`ClaimReview`'s author).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub publisher: String,
    /// The rating scale every new annotation file of the corpus starts with (default: True to
    /// False and Unsupported), so that colleagues rate on one scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
}

/// One person and the other names they appear under.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerAliases {
    /// The name shown for the person.
    pub name: String,
    /// Other names that mean the same person.
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Config {
    /// The labels a new file of this corpus starts with.
    pub fn new_file_labels(&self) -> Vec<Label> {
        if self.labels.is_empty() {
            marginalia_io::default_labels()
        } else {
            self.labels.clone()
        }
    }

    /// Reads `marginalia-corpus.ron` in `root`: `Ok(None)` when there is none.
    pub fn read(root: &Path) -> Result<Option<Self>, String> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read it: {e}")),
        };
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let config: Self = options.from_str(&text).map_err(|e| {
            format!(
                "{}:{}: {}; fix it in a text editor (the corpus is read with default labels and no aliases meanwhile)",
                e.span.start.line, e.span.start.col, e.code
            )
        })?;
        for label in &config.labels {
            if let Some(problem) = marginalia_core::validate::label_problems(label).first() {
                return Err(format!("{problem}; fix it in a text editor"));
            }
        }
        if let Some(problem) = config
            .scale
            .as_ref()
            .and_then(|s| s.problems().into_iter().next())
        {
            return Err(format!("{problem}; fix it in a text editor"));
        }
        Ok(Some(config))
    }

    /// Records that `name` is the person `into` (added to `into`'s aliases, `into` listed
    /// when it was not).
    pub fn merge_people(&mut self, name: &str, into: &str) {
        let key = marginalia_core::names::person_key(into);
        let at = self
            .speakers
            .iter()
            .position(|s| marginalia_core::names::person_key(&s.name) == key)
            .unwrap_or_else(|| {
                self.speakers.push(SpeakerAliases {
                    name: into.trim().to_owned(),
                    aliases: Vec::new(),
                });
                self.speakers.len() - 1
            });
        let aliases = &mut self.speakers[at].aliases;
        if !aliases.iter().any(|a| a.trim() == name.trim()) {
            aliases.push(name.trim().to_owned());
        }
    }

    /// Writes the config to `marginalia-corpus.ron` in `root`, atomically.
    pub fn write(&self, root: &Path) -> std::io::Result<()> {
        let pretty = ron::ser::PrettyConfig::new()
            .indentor("    ")
            .new_line("\n")
            .struct_names(false);
        let mut text = ron::ser::to_string_pretty(self, pretty).map_err(std::io::Error::other)?;
        text.push('\n');
        format::write_atomically(&root.join(CONFIG_FILE), text.as_bytes())
    }
}

/// Something in the corpus that needs a person's attention; the rest of the corpus works.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CorpusProblem {
    /// The file, relative to the corpus folder.
    pub path: PathBuf,
    /// What is wrong and what to do.
    pub message: String,
}

/// One annotator's file of an article.
#[derive(Clone, Debug)]
pub struct CorpusFile {
    /// Relative to the corpus folder.
    pub path: PathBuf,
    /// The file as loaded.
    pub doc: Arc<Document>,
}

impl CorpusFile {
    /// Who annotated it, as the file says (trimmed).
    pub fn annotator(&self) -> &str {
        self.doc.annotator.trim()
    }
}

/// One article of the corpus and every annotator's file of it.
#[derive(Clone, Debug)]
pub struct CorpusArticle {
    /// SHA-256 of the article text: what groups the files.
    pub sha256: String,
    /// The title, from an annotation file or else the article.
    pub title: String,
    /// The outlet, from an annotation file; may be "".
    pub source: String,
    /// Length of the text in code points.
    pub len_chars: usize,
    /// The article file, relative to the corpus folder, when one is in the folder.
    pub article_path: Option<PathBuf>,
    /// The annotation files, ordered by annotator then path.
    pub files: Vec<CorpusFile>,
}

impl CorpusArticle {
    /// The file of `annotator` (names compared as speaker names are), if any.
    pub fn file_of(&self, annotator: &str) -> Option<&CorpusFile> {
        self.files
            .iter()
            .find(|f| same_annotator(f.annotator(), annotator))
    }

    /// `annotator`'s status for this article: their file's, or not started without one.
    pub fn status_of(&self, annotator: &str) -> Status {
        self.file_of(annotator)
            .map_or(Status::NotStarted, |f| f.doc.status())
    }

    /// The names of the ratings its claims were given, by anyone.
    pub fn ratings(&self) -> BTreeSet<&str> {
        self.files
            .iter()
            .flat_map(|f| {
                f.doc
                    .annotations()
                    .iter()
                    .filter_map(|a| f.doc.rating_of(a))
            })
            .map(|r| r.name.as_str())
            .collect()
    }

    /// The article's own path, or else its first annotation file's: what to show and open.
    pub fn display_path(&self) -> Option<&Path> {
        self.article_path
            .as_deref()
            .or_else(|| self.files.first().map(|f| f.path.as_path()))
    }
}

/// Size and modification time: whether a file must be read again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

/// What one file of the folder turned out to be.
#[derive(Clone, Debug)]
enum Read {
    Article {
        sha256: String,
        title: String,
        len_chars: usize,
    },
    Annotations(Arc<Document>),
    Failed(String),
}

#[derive(Clone, Debug)]
struct Entry {
    stamp: Stamp,
    read: Read,
}

/// How far a reading of the folder has got, readable from another thread.
#[derive(Debug, Default)]
pub struct Progress {
    /// Files to read.
    pub total: std::sync::atomic::AtomicUsize,
    /// Files read.
    pub done: std::sync::atomic::AtomicUsize,
}

impl Progress {
    /// Files read and files to read.
    pub fn get(&self) -> (usize, usize) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.done.load(Relaxed), self.total.load(Relaxed))
    }
}

/// Why a folder cannot be read as a corpus at all.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The path is not a folder.
    #[error("{0} is not a folder; name the folder that holds the articles")]
    NotAFolder(PathBuf),
}

/// A folder of articles and annotation files, read.
#[derive(Clone, Debug)]
pub struct Corpus {
    /// The folder.
    pub root: PathBuf,
    /// `marginalia-corpus.ron`, or the defaults.
    pub config: Config,
    /// Every article, ordered by title.
    pub articles: Vec<CorpusArticle>,
    /// What needs attention, ordered by path.
    pub problems: Vec<CorpusProblem>,
    /// Every file read, by path relative to the root, to read only what changed next time.
    entries: BTreeMap<PathBuf, Entry>,
    config_stamp: Option<Stamp>,
}

impl Corpus {
    /// The text of `article`: from an annotation file of it, or else read from the article.
    pub fn article_text(&self, article: &CorpusArticle) -> Result<String, String> {
        if let Some(file) = article.files.first() {
            return Ok(file.doc.article.text().to_owned());
        }
        let path = article.article_path.as_ref().ok_or_else(|| {
            format!(
                "the article {:?} has neither a file nor text",
                article.title
            )
        })?;
        import_article(&self.root.join(path))
            .map(|imported| imported.text)
            .map_err(|error| error.to_string())
    }

    /// Reads every article and annotation file below `root`, several at a time.
    pub fn open(root: &Path) -> Result<Self, CorpusError> {
        Self::open_with(root, &Progress::default())
    }

    /// [`Corpus::open`], counting the files read in `progress`.
    pub fn open_with(root: &Path, progress: &Progress) -> Result<Self, CorpusError> {
        if !root.is_dir() {
            return Err(CorpusError::NotAFolder(root.to_owned()));
        }
        let mut corpus = Self {
            root: root.to_owned(),
            config: Config::default(),
            articles: Vec::new(),
            problems: Vec::new(),
            entries: BTreeMap::new(),
            config_stamp: None,
        };
        corpus.refresh_with(progress);
        Ok(corpus)
    }

    /// Reads again what changed on disk since the last reading (a colleague's new file, a
    /// file synced in, one removed). Returns whether anything changed.
    pub fn refresh(&mut self) -> bool {
        self.refresh_with(&Progress::default())
    }

    /// [`Corpus::refresh`], counting the files read in `progress`.
    pub fn refresh_with(&mut self, progress: &Progress) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        let listed = list_files(&self.root);
        let config_stamp = stamp_of(&self.root.join(CONFIG_FILE));
        let mut changed = config_stamp != self.config_stamp;
        self.config_stamp = config_stamp;
        let before = self.entries.len();
        self.entries.retain(|path, _| listed.contains_key(path));
        changed |= self.entries.len() != before;
        let to_read: Vec<(&PathBuf, Stamp)> = listed
            .iter()
            .filter(|(path, stamp)| {
                self.entries.get(*path).is_none_or(|entry| {
                    entry.stamp != **stamp || matches!(entry.read, Read::Failed(_))
                })
            })
            .map(|(path, stamp)| (path, *stamp))
            .collect();
        let root = &self.root;
        progress.done.store(0, Relaxed);
        progress.total.store(to_read.len(), Relaxed);
        let read: Vec<(PathBuf, Entry)> = to_read
            .par_iter()
            .map(|(path, stamp)| {
                let read = read_file(&root.join(path), *stamp);
                progress.done.fetch_add(1, Relaxed);
                (
                    (*path).clone(),
                    Entry {
                        stamp: *stamp,
                        read,
                    },
                )
            })
            .collect();
        for (path, entry) in read {
            let same = self.entries.get(&path).is_some_and(|old| {
                old.stamp == entry.stamp
                    && matches!((&old.read, &entry.read), (Read::Failed(a), Read::Failed(b)) if a == b)
            });
            changed |= !same;
            self.entries.insert(path, entry);
        }
        if changed {
            self.regroup();
        }
        changed
    }

    /// Builds the articles and problems from the files read.
    fn regroup(&mut self) {
        let mut problems = Vec::new();
        self.config = match Config::read(&self.root) {
            Ok(config) => config.unwrap_or_default(),
            Err(message) => {
                problems.push(CorpusProblem {
                    path: PathBuf::from(CONFIG_FILE),
                    message,
                });
                Config::default()
            }
        };
        let mut by_sha: HashMap<String, CorpusArticle> = HashMap::new();
        let mut article_sha: HashMap<&Path, &str> = HashMap::new();
        for (path, entry) in &self.entries {
            match &entry.read {
                Read::Article {
                    sha256,
                    title,
                    len_chars,
                } => {
                    article_sha.insert(path, sha256);
                    let article = by_sha
                        .entry(sha256.clone())
                        .or_insert_with(|| CorpusArticle {
                            sha256: sha256.clone(),
                            title: title.clone(),
                            source: String::new(),
                            len_chars: *len_chars,
                            article_path: None,
                            files: Vec::new(),
                        });
                    // The first path in order stands for the article.
                    if article.article_path.is_none() {
                        article.article_path = Some(path.clone());
                    }
                }
                Read::Annotations(doc) => {
                    let sha256 = doc.article.sha256();
                    let article =
                        by_sha
                            .entry(sha256.to_owned())
                            .or_insert_with(|| CorpusArticle {
                                sha256: sha256.to_owned(),
                                title: doc.article.title.clone(),
                                source: String::new(),
                                len_chars: doc.article.len_chars(),
                                article_path: None,
                                files: Vec::new(),
                            });
                    article.files.push(CorpusFile {
                        path: path.clone(),
                        doc: Arc::clone(doc),
                    });
                }
                Read::Failed(message) => problems.push(CorpusProblem {
                    path: path.clone(),
                    message: message.clone(),
                }),
            }
        }
        problems.extend(other_versions(&by_sha, &article_sha));
        let mut articles: Vec<CorpusArticle> = by_sha.into_values().collect();
        for article in &mut articles {
            article
                .files
                .sort_by(|a, b| (a.annotator(), &a.path).cmp(&(b.annotator(), &b.path)));
            if let Some(file) = article.files.first() {
                file.doc.article.title.clone_into(&mut article.title);
            }
            if let Some(source) = article
                .files
                .iter()
                .map(|f| f.doc.article.source.trim())
                .find(|s| !s.is_empty())
            {
                source.clone_into(&mut article.source);
            }
            problems.extend(repeated_annotators(article));
        }
        articles
            .sort_by_cached_key(|a| (a.title.to_lowercase(), a.display_path().map(Path::to_owned)));
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        self.articles = articles;
        self.problems = problems;
    }

    /// Every annotator named in a file, sorted, each once.
    pub fn annotators(&self) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for file in self.articles.iter().flat_map(|a| &a.files) {
            let name = file.annotator();
            if !seen.iter().any(|s| same_annotator(s, name)) {
                seen.push(name.to_owned());
            }
        }
        seen.sort_by_key(|name| name.to_lowercase());
        seen
    }

    /// How many articles `annotator` has marked done.
    pub fn done_by(&self, annotator: &str) -> usize {
        self.articles
            .iter()
            .filter(|a| a.status_of(annotator) == Status::Done)
            .count()
    }

    /// The index of the article whose text has `sha256`.
    pub fn article_index(&self, sha256: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.sha256 == sha256)
    }

    /// The absolute path of `relative` in the corpus.
    pub fn path_of(&self, relative: &Path) -> PathBuf {
        self.root.join(relative)
    }

    /// Where `annotator`'s new file for `article` goes: `ARTICLE.ANNOTATOR-SLUG.ron` beside the
    /// article (`ARTICLE.ron` without a name), never over an existing file. Absolute.
    pub fn new_file_path(&self, article: &CorpusArticle, annotator: &str) -> PathBuf {
        let beside = article
            .display_path()
            .map_or_else(|| self.root.join("article"), |p| self.root.join(p));
        marginalia_io::free_path(&default_file_name(&beside, annotator))
    }
}

/// Files annotated on another version of an article that is in the folder (its text changed
/// since): each says how to place its annotations on the new text.
fn other_versions(
    by_sha: &HashMap<String, CorpusArticle>,
    article_sha: &HashMap<&Path, &str>,
) -> Vec<CorpusProblem> {
    let mut problems = Vec::new();
    for article in by_sha.values() {
        for file in &article.files {
            let Some(named) = marginalia_io::article_file(Some(&file.path), &file.doc.article.path)
            else {
                continue;
            };
            if let Some(&other) = article_sha.get(named.as_path())
                && other != article.sha256
            {
                problems.push(CorpusProblem {
                    path: file.path.clone(),
                    message: format!(
                        "it was annotated on another version of {} (the article's text has \
                         changed since); place its annotations on the new text with \
                         `marginalia reanchor {} --article {} -o {}`",
                        named.display(),
                        file.path.display(),
                        named.display(),
                        file.path.display(),
                    ),
                });
            }
        }
    }
    problems
}

/// Where an annotation file for the article at `article` goes by default:
/// `ARTICLE.ANNOTATOR-SLUG.ron` beside it, or `ARTICLE.ron` when the annotator has no name.
pub fn default_file_name(article: &Path, annotator: &str) -> PathBuf {
    let stem = marginalia_io::file_stem(article);
    let stem = stem.strip_suffix(".ron").unwrap_or(&stem);
    let slug = slug(annotator);
    let name = if slug.is_empty() {
        format!("{stem}.ron")
    } else {
        format!("{stem}.{slug}.ron")
    };
    article.with_file_name(name)
}

/// A name as it may stand in a file name: letters and digits of any script in lower case,
/// everything else one `-`. "Ana Ruiz" → `ana-ruiz`, "נועה כהן" → `נועה-כהן`.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// Two files of one annotator for one article: each named, so a person can keep one.
fn repeated_annotators(article: &CorpusArticle) -> Vec<CorpusProblem> {
    let mut problems = Vec::new();
    for (i, file) in article.files.iter().enumerate() {
        let Some(first) = article.files[..i]
            .iter()
            .find(|f| same_annotator(f.annotator(), file.annotator()))
        else {
            continue;
        };
        let who = if file.annotator().is_empty() {
            "no annotator named".to_owned()
        } else {
            format!("annotator {:?}", file.annotator())
        };
        problems.push(CorpusProblem {
            path: file.path.clone(),
            message: format!(
                "{who} has two files of {:?}: this one and {}; keep one (merge them with \
                 `marginalia merge`) and remove the other",
                article.title,
                first.path.display()
            ),
        });
    }
    problems
}

/// The article a file names in its `path`, relative to the corpus folder, when that stays
/// inside the folder.
fn stamp_of(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    Some(Stamp {
        len: metadata.len(),
        modified: metadata.modified().ok(),
    })
}

/// The articles and annotation files below `root`, relative to it, with their stamps. Hidden
/// files and folders (a git folder, a sync client's temporary files) are left out.
fn list_files(root: &Path) -> BTreeMap<PathBuf, Stamp> {
    walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && kind_of(e.path()).is_some())
        .filter_map(|e| {
            let relative = e.path().strip_prefix(root).ok()?.to_owned();
            if relative == Path::new(CONFIG_FILE) {
                return None;
            }
            let metadata = e.metadata().ok()?;
            Some((
                relative,
                Stamp {
                    len: metadata.len(),
                    modified: metadata.modified().ok(),
                },
            ))
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Article,
    Annotations,
}

fn kind_of(path: &Path) -> Option<Kind> {
    let extension = path.extension()?.to_string_lossy().to_lowercase();
    if extension == "ron" {
        Some(Kind::Annotations)
    } else if ARTICLE_EXTENSIONS.contains(&extension.as_str()) {
        Some(Kind::Article)
    } else {
        None
    }
}

/// Whether `path` names an article (by its extension).
pub fn is_article_file(path: &Path) -> bool {
    kind_of(path) == Some(Kind::Article)
}

fn recently_changed(stamp: Stamp) -> bool {
    stamp
        .modified
        .and_then(|m| m.elapsed().ok())
        .is_some_and(|age| age < SETTLING)
}

fn read_file(path: &Path, stamp: Stamp) -> Read {
    let failed = |message: String| {
        if recently_changed(stamp) {
            Read::Failed(format!(
                "{message} (it changed moments ago: it may still be being written or synced; it \
                 is read again when it changes)"
            ))
        } else {
            Read::Failed(message)
        }
    };
    match kind_of(path) {
        Some(Kind::Annotations) => match format::load(path) {
            Ok(doc) => Read::Annotations(Arc::new(doc)),
            Err(error) => failed(without_path(&error.to_string(), path)),
        },
        Some(Kind::Article) => match import_article(path) {
            Ok(imported) => {
                let article = marginalia_core::Article::new(imported.text);
                Read::Article {
                    sha256: article.sha256().to_owned(),
                    title: imported.title,
                    len_chars: article.len_chars(),
                }
            }
            Err(error) => failed(without_path(&error.to_string(), path)),
        },
        None => Read::Failed("not an article or annotation file".to_owned()),
    }
}

/// An error's message without the path it starts with (the problem names the file).
fn without_path(message: &str, path: &Path) -> String {
    let shown = path.display().to_string();
    message
        .strip_prefix(&shown)
        .map_or(message, |rest| rest.trim_start_matches(':').trim_start())
        .to_owned()
}

/// The names of every rating given in the corpus, sorted.
pub fn ratings_in_use(corpus: &Corpus) -> Vec<String> {
    let names: BTreeSet<&str> = corpus
        .articles
        .iter()
        .flat_map(CorpusArticle::ratings)
        .collect();
    names.into_iter().map(str::to_owned).collect()
}

/// Counts per label id of a document's annotations, labels with none left out.
pub fn per_label(doc: &Document) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for ann in doc.annotations() {
        *counts.entry(ann.label.clone()).or_insert(0) += 1;
    }
    counts
}

/// Counts per label as "claim 2, denial 1", or "no annotations".
pub fn counts_text(counts: &BTreeMap<String, usize>) -> String {
    if counts.is_empty() {
        return "no annotations".to_owned();
    }
    counts
        .iter()
        .map(|(label, n)| format!("{label} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The spans of each article's suggested quotations (`[start, end)` in code points), by the
/// SHA-256 of its text.
pub type Suggested = HashMap<String, Arc<Vec<(usize, usize)>>>;

/// The suggested quotations of every article, several articles at a time; those in `known`
/// (a text's suggestions never change) are taken from there. An article whose text cannot be
/// read has none.
pub fn suggest_all(corpus: &Corpus, known: &Suggested) -> Suggested {
    corpus
        .articles
        .par_iter()
        .map(|article| {
            let spans = known.get(&article.sha256).cloned().unwrap_or_else(|| {
                let text = corpus.article_text(article).unwrap_or_default();
                let spans = marginalia_core::quotes::suggest(&text)
                    .into_iter()
                    .map(|s| (s.start, s.end))
                    .collect();
                Arc::new(spans)
            });
            (article.sha256.clone(), spans)
        })
        .collect()
}

/// The set of label ids used across the corpus, in the order first seen in files' label lists.
pub fn labels_in_use(corpus: &Corpus) -> Vec<Label> {
    let mut seen = BTreeSet::new();
    let mut labels = Vec::new();
    for label in corpus
        .articles
        .iter()
        .flat_map(|a| &a.files)
        .flat_map(|f| f.doc.labels())
    {
        if seen.insert(label.id.clone()) {
            labels.push(label.clone());
        }
    }
    labels
}
