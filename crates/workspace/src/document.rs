//! A document open in the window: the annotated article, its undo history and the file it
//! belongs to. Every change goes through [`History`], so the unsaved marker, undo and redo
//! come from one place.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use marginalia_core::{Document, Edit, History, Problem};
use marginalia_io as io;

/// Why a document was not saved; it is then exactly as it was, unsaved.
#[derive(Debug)]
pub enum SaveFailure {
    /// Who saved it and when could not be written into the document.
    Details(Problem),
    /// The file could not be written.
    Write(io::format::SaveError),
}

impl std::fmt::Display for SaveFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Details(problem) => write!(
                f,
                "who saved it and when could not be recorded in the document ({problem}); \
                 nothing was written. Fix what the problem names, then save again"
            ),
            Self::Write(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for SaveFailure {}

/// A document open in the window.
#[derive(Debug)]
pub struct OpenDocument {
    /// Tells this opening of a document from any other, for views made for it.
    id: u64,
    doc: Document,
    history: History,
    /// The file Save writes to; `None` until saved somewhere (a new import, the sample).
    path: Option<PathBuf>,
    /// Where Save as… proposes to save.
    suggested_path: Option<PathBuf>,
    /// The name shown in the title and status bar.
    display_name: String,
    /// The file on disk as last read or written, to notice when something else changes it.
    disk: Option<io::format::Fingerprint>,
}

impl OpenDocument {
    /// `doc` as read from `path` (none for a document not saved anywhere yet), shown as
    /// `display_name`.
    pub fn new(
        doc: Document,
        history: History,
        path: Option<PathBuf>,
        display_name: String,
    ) -> Self {
        static LAST: AtomicU64 = AtomicU64::new(0);
        Self {
            id: LAST.fetch_add(1, Ordering::Relaxed),
            doc,
            history,
            suggested_path: path.clone(),
            path,
            display_name,
            disk: None,
        }
    }

    /// The same, proposing `suggested` for Save as….
    #[must_use]
    pub fn suggesting(mut self, suggested: Option<PathBuf>) -> Self {
        self.suggested_path = suggested;
        self
    }

    /// The same, knowing what the file on disk was when it was read.
    #[must_use]
    pub fn with_disk(mut self, disk: Option<io::format::Fingerprint>) -> Self {
        self.disk = disk;
        self
    }

    /// A number no other opened document has: a view made for another is stale.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The annotated article.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// Its undo history and unsaved marker.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The file Save writes to; `None` until saved somewhere.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Where Save as… proposes to save.
    pub fn suggested_path(&self) -> Option<&Path> {
        self.suggested_path.as_deref()
    }

    /// The name shown in the title and status bar.
    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    /// The file on disk as last read or written.
    pub fn disk(&self) -> Option<&io::format::Fingerprint> {
        self.disk.as_ref()
    }

    /// Whether the document differs from its file.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Changes whenever the document does.
    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    /// The folder of the document's file (or of where it would be saved), where typed
    /// relative paths are taken from.
    pub fn folder(&self) -> Option<&Path> {
        self.path
            .as_deref()
            .or(self.suggested_path.as_deref())
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
    }

    /// Applies `edit` as an undo step, grouped with the previous one of the same `group`.
    pub fn apply(&mut self, edit: Edit, group: Option<u64>) -> Result<(), Problem> {
        self.history.apply_grouped(&mut self.doc, edit, group)
    }

    /// Ends any group of edits.
    pub fn end_group(&mut self) {
        self.history.end_group();
    }

    /// Undoes the last step; returns whether there was one.
    pub fn undo(&mut self) -> Result<bool, Problem> {
        self.history.undo(&mut self.doc)
    }

    /// Redoes the last undone step; returns whether there was one.
    pub fn redo(&mut self) -> Result<bool, Problem> {
        self.history.redo(&mut self.doc)
    }

    /// Saves to `path` (keeping the file it replaces as `FILE.ron.bak`), writing who annotated
    /// it (`annotator` when the document names nobody) and when. On success the document is
    /// clean and belongs to `path`; on failure it is exactly as it was.
    pub fn save_to(&mut self, path: &Path, annotator: &str) -> Result<(), SaveFailure> {
        let annotator = if self.doc.annotator.is_empty() {
            annotator.to_owned()
        } else {
            self.doc.annotator.clone()
        };
        // Who and when change like everything else, through an edit, but outside the undo
        // history: they are what the file says, not something the user did.
        let details = Edit::SetFileDetails {
            annotator,
            modified: io::format::now_rfc3339(),
        };
        let restore = self.doc.apply(details).map_err(SaveFailure::Details)?;
        match io::format::save_keeping_backup(&self.doc, path) {
            Ok(disk) => {
                self.disk = Some(disk);
                self.history.mark_saved();
                self.path = Some(path.to_owned());
                self.suggested_path = Some(path.to_owned());
                self.display_name = io::file_name_of(path);
                Ok(())
            }
            Err(error) => {
                let restored = self.doc.apply(restore);
                debug_assert!(restored.is_ok(), "the file details could not be restored");
                Err(SaveFailure::Write(error))
            }
        }
    }

    /// Says that work on the article has begun (in progress) when it had not started: what a
    /// file made at my first change says. Outside the undo history, like who saved it: undoing
    /// that first change does not unsay it.
    pub fn begin_work(&mut self) {
        if self.doc.status() == marginalia_core::Status::NotStarted {
            let begun = self
                .doc
                .apply(Edit::SetStatus(marginalia_core::Status::InProgress));
            debug_assert!(begun.is_ok(), "a status is always accepted");
        }
    }

    /// Whether `path` is this document's file and something else changed it since it was
    /// read or written.
    pub fn changed_on_disk(&self, path: &Path) -> bool {
        self.path.as_deref() == Some(path)
            && self
                .disk
                .as_ref()
                .is_some_and(|disk| !io::format::unchanged_since(path, disk))
    }
}
