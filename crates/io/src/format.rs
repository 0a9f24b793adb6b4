//! Annotation file format (version 4; versions 1 to 3 load unchanged): reading, with every
//! check the README's file format section lists, and atomic writing. The field names and their
//! order here are the contract with files in users' hands.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use serde::{Deserialize, Serialize};

use marginalia_core::anchor::{Tally, reanchor_parts};
use marginalia_core::{
    Annotation, Article, Dismissed, Document, DocumentParts, Label, Problem, Scale, Speaker, Status,
};

/// The `format` every annotation file declares.
pub const FORMAT_NAME: &str = "marginalia";
/// The file format version this build writes and the newest it reads. Version 2 added
/// `status`; a version 1 file has none, and reads as [`Status::implied`] by its annotations.
/// Version 3 added `dismissed`, the suggested quotations dismissed; older files have none.
/// Version 4 added fact-check verdicts: the rating `scale` (older files get the default one),
/// each annotation's `verdict`, and the article's `date` of publication.
pub const FORMAT_VERSION: u64 = 4;
/// The oldest file format version this build reads.
pub const OLDEST_VERSION: u64 = 1;
/// Largest annotation file read, in bytes (the article text is embedded, escaped).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Deepest nesting of brackets accepted; a valid file needs 11, as ron counts them (each
/// struct, list and option).
const RECURSION_LIMIT: usize = 32;

/// Why a file could not be loaded. Each message names the file, the place and what to do.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error(
        "{path} is {size} bytes, more than the {max} bytes an annotation file may have; \
         is it really a Marginalia file?"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The cap.
        max: u64,
    },
    /// The file is empty.
    #[error("{path} is empty; it is not an annotation file (was the save interrupted?)")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The bytes are not UTF-8.
    #[error(
        "{path}:{line}:{column}: the file is not UTF-8 text (a binary file, or a text file in \
         another encoding); annotation files are UTF-8"
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Line of the first bad byte, from 1.
        line: usize,
        /// Column (in characters) of the first bad byte, from 1.
        column: usize,
    },
    /// The text is not valid RON of the expected shape.
    #[error(
        "{path}:{line}:{column}: {message}; fix the file in a text editor or ask its sender for \
         a fresh copy"
    )]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The file names another format, or none.
    #[error(
        "{path}: this is not a Marginalia annotation file (its format is {found:?}, expected \
         \"marginalia\")"
    )]
    OtherFormat {
        /// The file.
        path: PathBuf,
        /// The format it declares, or "" when none.
        found: String,
    },
    /// The file was written by a newer Marginalia.
    #[error(
        "{path}: the file is format version {version}, written by a newer Marginalia; this \
         version reads version {FORMAT_VERSION}: update Marginalia to open it (the file was \
         not changed)"
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// The version it declares.
        version: u64,
    },
    /// The file declares a version that never existed.
    #[error("{path}: format version {version} does not exist; the file is damaged")]
    UnknownVersion {
        /// The file.
        path: PathBuf,
        /// The version it declares.
        version: u64,
    },
    /// The article text was edited outside Marginalia after it was annotated (its hash no
    /// longer matches): the annotations were placed again from their quotes, and that is
    /// offered to the user rather than done silently.
    #[error(
        "{path}: the article text was changed outside Marginalia after it was annotated (its \
         sha256 no longer matches the text); placed again from their quotes, {tally}: open the \
         file in Marginalia and choose Re-anchor, or run `marginalia reanchor` on it"
    )]
    TextChanged {
        /// The file.
        path: PathBuf,
        /// What re-anchoring did.
        tally: Tally,
        /// The document re-anchored on the file's text, ready to open.
        document: Box<Document>,
        /// The file as read, when it came from disk.
        fingerprint: Option<Fingerprint>,
    },
    /// The file names a status that does not exist.
    #[error(
        "{path}: the status {found:?} is not one of \"not_started\", \"in_progress\", \"done\"; \
         fix it in a text editor"
    )]
    UnknownStatus {
        /// The file.
        path: PathBuf,
        /// The status it names.
        found: String,
    },
    /// The file parses but breaks rules of the format.
    #[error("{path}: {} problem(s): {}", problems.len(), join_problems(problems))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

fn join_problems(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a document could not be saved. The file on disk is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Writing, syncing or renaming failed.
    #[error("cannot save {path}: {source}; the file on disk was not changed")]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Serializing failed (a bug, not a user error).
    #[error("cannot save {path}: {message}")]
    Serialize {
        /// The file.
        path: PathBuf,
        /// What the serializer said.
        message: String,
    },
}

#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u64>,
}

#[derive(Deserialize)]
struct FileIn {
    format: String,
    version: u64,
    article: ArticleIn,
    #[serde(default)]
    annotator: String,
    #[serde(default)]
    modified: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    labels: Vec<Label>,
    #[serde(default)]
    scale: Option<Scale>,
    #[serde(default)]
    speakers: Vec<Speaker>,
    #[serde(default)]
    annotations: Vec<Annotation>,
    #[serde(default)]
    orphans: Vec<Annotation>,
    #[serde(default)]
    dismissed: Vec<Dismissed>,
}

#[derive(Deserialize)]
struct ArticleIn {
    #[serde(default)]
    title: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    path: String,
    #[serde(default)]
    sha256: Option<String>,
    text: String,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u64,
    article: ArticleOut<'a>,
    annotator: &'a str,
    modified: &'a str,
    status: &'a str,
    labels: &'a [Label],
    scale: &'a Scale,
    speakers: &'a [Speaker],
    annotations: &'a [Annotation],
    orphans: &'a [Annotation],
    dismissed: &'a [Dismissed],
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    title: &'a str,
    source: &'a str,
    url: &'a str,
    date: &'a str,
    path: &'a str,
    sha256: &'a str,
    text: &'a str,
}

fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

fn syntax_error(path: &Path, error: &ron::error::SpannedError) -> LoadError {
    let message = match &error.code {
        ron::Error::ExceededRecursionLimit => {
            "brackets are nested far deeper than any annotation file needs".to_owned()
        }
        other => other.to_string(),
    };
    LoadError::Syntax {
        path: path.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message,
    }
}

/// Reads a file's bytes, refusing one over `max_bytes` before reading it.
pub(crate) fn read_capped(path: &Path, max_bytes: u64) -> Result<Vec<u8>, std::io::Error> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > max_bytes {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("{size} bytes"),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // A file that grows while we read is still cut at the cap.
    file.take(max_bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("more than {max_bytes} bytes"),
        ));
    }
    Ok(bytes)
}

/// Loads and checks an annotation file. Its fingerprint is taken only for a file whose text
/// was changed outside Marginalia (the error carries it, for saving the re-anchored file).
pub fn load(path: &Path) -> Result<Document, LoadError> {
    let bytes = read_file(path)?;
    parse(path, &bytes).map_err(|error| {
        with_fingerprint(error, || {
            Fingerprint::of(&bytes, std::fs::metadata(path).ok().as_ref())
        })
    })
}

fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_capped(path, MAX_FILE_BYTES).map_err(|source| {
        if source.kind() == std::io::ErrorKind::FileTooLarge {
            let size = std::fs::metadata(path).map_or(MAX_FILE_BYTES + 1, |m| m.len());
            LoadError::TooLarge {
                path: path.to_owned(),
                size,
                max: MAX_FILE_BYTES,
            }
        } else {
            LoadError::Read {
                path: path.to_owned(),
                source,
            }
        }
    })
}

/// What a file on disk was when it was read or written, to tell later whether something
/// else has changed it since: size, modification time and SHA-256 of its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// Size in bytes.
    pub len: u64,
    /// Last modification time, when the system reports one.
    pub modified: Option<std::time::SystemTime>,
    /// Lowercase hex SHA-256 of the bytes.
    pub sha256: String,
}

impl Fingerprint {
    /// What the file at `path` is now, read but not parsed; `None` when it cannot be read.
    pub fn read(path: &Path) -> Option<Self> {
        let bytes = read_capped(path, MAX_FILE_BYTES).ok()?;
        Some(Self::of(&bytes, std::fs::metadata(path).ok().as_ref()))
    }

    fn of(bytes: &[u8], metadata: Option<&std::fs::Metadata>) -> Self {
        Self {
            len: bytes.len() as u64,
            modified: metadata.and_then(|m| m.modified().ok()),
            sha256: marginalia_core::article::sha256_hex_bytes(bytes),
        }
    }
}

/// Whether the file at `path` is still what `known` describes. A missing file has nothing to
/// lose, so it counts as unchanged; an unreadable one as changed. The contents are hashed
/// only when the size or the time differ, so a file merely touched is not a change.
pub fn unchanged_since(path: &Path, known: &Fingerprint) -> bool {
    let Ok(metadata) = std::fs::metadata(path) else {
        return !path.exists();
    };
    if metadata.len() == known.len && metadata.modified().ok() == known.modified {
        return true;
    }
    read_capped(path, MAX_FILE_BYTES)
        .is_ok_and(|bytes| Fingerprint::of(&bytes, None).sha256 == known.sha256)
}

/// Loads and checks an annotation file, with the fingerprint of what was read.
pub fn load_with_fingerprint(path: &Path) -> Result<(Document, Fingerprint), LoadError> {
    let bytes = read_file(path)?;
    let fingerprint = Fingerprint::of(&bytes, std::fs::metadata(path).ok().as_ref());
    match parse(path, &bytes) {
        Ok(doc) => Ok((doc, fingerprint)),
        Err(error) => Err(with_fingerprint(error, || fingerprint)),
    }
}

/// `error`, carrying the file's fingerprint (taken only then) when it is a changed text's.
fn with_fingerprint(mut error: LoadError, fingerprint: impl FnOnce() -> Fingerprint) -> LoadError {
    if let LoadError::TextChanged {
        fingerprint: read, ..
    } = &mut error
    {
        *read = Some(fingerprint());
    }
    error
}

/// Loads an annotation file, re-anchoring it when its article text was edited outside
/// Marginalia (for callers whose user asked for that); the tally says what moved.
pub fn load_reanchoring(path: &Path) -> Result<(Document, Option<Tally>), LoadError> {
    match load(path) {
        Ok(doc) => Ok((doc, None)),
        Err(LoadError::TextChanged {
            tally, document, ..
        }) => Ok((*document, Some(tally))),
        Err(other) => Err(other),
    }
}

/// Refuses another format, a newer version, a version that never existed, or none.
fn check_header(
    path: &Path,
    format: Option<String>,
    version: Option<u64>,
) -> Result<(), LoadError> {
    let format = format.unwrap_or_default();
    if format != FORMAT_NAME {
        return Err(LoadError::OtherFormat {
            path: path.to_owned(),
            found: format,
        });
    }
    match version {
        Some(version) if (OLDEST_VERSION..=FORMAT_VERSION).contains(&version) => Ok(()),
        Some(version) if version > FORMAT_VERSION => Err(LoadError::NewerVersion {
            path: path.to_owned(),
            version,
        }),
        Some(version) => Err(LoadError::UnknownVersion {
            path: path.to_owned(),
            version,
        }),
        None => Err(LoadError::Syntax {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: "the file has no `version` field".to_owned(),
        }),
    }
}

/// Parses and checks the bytes of an annotation file; `path` is used in messages only.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Document, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        // The prefix up to `valid_up_to` is valid UTF-8 by definition.
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let column = valid
            .rsplit('\n')
            .next()
            .unwrap_or_default()
            .chars()
            .count()
            + 1;
        LoadError::NotUtf8 {
            path: path.to_owned(),
            line,
            column,
        }
    })?;
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_owned(),
        });
    }
    let options = ron_options();
    // One full parse; the header alone is read only when that fails or names another format
    // or version, so that those get their own message even when the rest of the file has a
    // shape this version does not know.
    let file = match options.from_str::<FileIn>(text) {
        Ok(file) => {
            check_header(path, Some(file.format.clone()), Some(file.version))?;
            file
        }
        Err(error) => {
            if let Ok(header) = options.from_str::<Header>(text) {
                check_header(path, header.format, header.version)?;
            }
            return Err(syntax_error(path, &error));
        }
    };
    let status = match file.status.as_deref() {
        None | Some("") => Status::implied(file.annotations.len()),
        Some(id) => Status::from_id(id).ok_or_else(|| LoadError::UnknownStatus {
            path: path.to_owned(),
            found: id.to_owned(),
        })?,
    };
    let mut article = Article::new(file.article.text);
    article.title = file.article.title;
    article.source = file.article.source;
    article.url = file.article.url;
    article.date = file.article.date;
    article.path = file.article.path;
    let parts = DocumentParts {
        article,
        declared_sha256: file.article.sha256.filter(|s| !s.is_empty()),
        annotator: file.annotator,
        modified: file.modified,
        status,
        labels: file.labels,
        scale: file.scale.unwrap_or_default(),
        speakers: file.speakers,
        annotations: file.annotations,
        orphans: file.orphans,
        dismissed: file.dismissed,
    };
    let text_changed = parts
        .declared_sha256
        .as_deref()
        .is_some_and(|declared| declared != parts.article.sha256());
    if text_changed {
        let (reanchored, tally) = reanchor_parts(parts.clone());
        if let Ok(document) = Document::from_parts(reanchored) {
            return Err(LoadError::TextChanged {
                path: path.to_owned(),
                tally,
                document: Box::new(document),
                fingerprint: None,
            });
        }
        // Something besides the text is wrong: every problem is reported, the hash first.
    }
    Document::from_parts(parts).map_err(|problems| LoadError::Invalid {
        path: path.to_owned(),
        problems,
    })
}

/// The file's text: pretty-printed RON with LF line endings and a final newline,
/// annotations sorted by `(start, end, id)`.
pub fn to_ron_string(doc: &Document) -> Result<String, ron::Error> {
    let out = FileOut {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        article: ArticleOut {
            title: &doc.article.title,
            source: &doc.article.source,
            url: &doc.article.url,
            date: &doc.article.date,
            path: &doc.article.path,
            sha256: doc.article.sha256(),
            text: doc.article.text(),
        },
        annotator: &doc.annotator,
        modified: &doc.modified,
        status: doc.status().id(),
        labels: doc.labels(),
        scale: doc.scale(),
        speakers: doc.speakers(),
        annotations: doc.annotations(),
        orphans: doc.orphans(),
        dismissed: doc.dismissed(),
    };
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false);
    let mut text = ron::Options::default().to_string_pretty(&out, config)?;
    text.push('\n');
    Ok(text)
}

/// Writes `doc` to `path` atomically: a temporary file in the same folder is written and
/// synced, then renamed over `path`, and the folder is synced. On error `path` is untouched.
pub fn save(doc: &Document, path: &Path) -> Result<(), SaveError> {
    let text = to_ron_string(doc).map_err(|e| SaveError::Serialize {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    write_atomically(path, text.as_bytes()).map_err(|source| SaveError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Saves `doc` to `path` like [`save`], first keeping the file it replaces as `FILE.ron.bak`
/// (one generation). Returns the fingerprint of what was written.
pub fn save_keeping_backup(doc: &Document, path: &Path) -> Result<Fingerprint, SaveError> {
    let text = to_ron_string(doc).map_err(|e| SaveError::Serialize {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    let target = resolve_link(path).map_err(|source| SaveError::Write {
        path: path.to_owned(),
        source,
    })?;
    if target.is_file() {
        let backup = backup_path(&target);
        let previous = std::fs::read(&target).and_then(|old| write_atomically(&backup, &old));
        previous.map_err(|source| SaveError::Write {
            path: backup,
            source,
        })?;
    }
    write_atomically(&target, text.as_bytes()).map_err(|source| SaveError::Write {
        path: path.to_owned(),
        source,
    })?;
    let metadata = std::fs::metadata(&target).ok();
    Ok(Fingerprint::of(text.as_bytes(), metadata.as_ref()))
}

/// Where the previous version of `path` is kept: `FILE.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// The file a save to `path` writes: `path` itself, or the file a symbolic link points to (so
/// the link survives). A link to nothing is refused rather than replaced.
fn resolve_link(path: &Path) -> std::io::Result<PathBuf> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(path.to_owned());
    }
    std::fs::canonicalize(path).map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "the path is a link to a file that does not exist; save somewhere else or fix the link",
        )
    })
}

/// Replaces `path` with `bytes` atomically, or leaves it as it was. A symbolic link is
/// followed, so the file it points to is replaced and the link stays.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let path = &resolve_link(path)?;
    if path.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "the path is a folder",
        ));
    }
    // A device, pipe or socket is never replaced by a file.
    if path.exists() && !path.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the path is not a regular file",
        ));
    }
    let mut file = atomic_write_file::AtomicWriteFile::options().open(path)?;
    file.write_all(bytes)?;
    file.flush()?;
    file.commit()
}

/// The current time as RFC 3339 in UTC, to the second, for the `modified` field.
pub fn now_rfc3339() -> String {
    rfc3339(std::time::SystemTime::now()).unwrap_or_default()
}

/// `at` as RFC 3339 in UTC, to the second (`2026-12-07T03:45:20Z`); `None` for an instant
/// the calendar cannot hold.
pub fn rfc3339(at: std::time::SystemTime) -> Option<String> {
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::OffsetDateTime::from(at).format(&format).ok()
}
