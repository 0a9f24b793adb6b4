//! Crash recovery: while a document has unsaved changes, the window writes it every few
//! seconds to a recovery folder in the app's data folder (never the user's file). After a
//! crash or a kill, the next start finds the files and offers them back; saving or discarding
//! removes them.
//!
//! A window holds a lock on a file beside its copy for as long as it runs; the system
//! releases it when the process ends however it ends. Another window offers only copies
//! whose lock it can take: those of windows that are gone, never those of one still open.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use marginalia_core::Document;

/// What a recovery file is for, kept beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryMeta {
    /// The file the document was opened from or saved to, if any.
    pub original: Option<PathBuf>,
    /// The name the window showed.
    pub name: String,
    /// When it was written, RFC 3339 in UTC.
    pub written: String,
}

/// A recovery file found at start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovered {
    /// The recovery copy of the document (an ordinary annotation file).
    pub file: PathBuf,
    /// What it is for.
    pub meta: RecoveryMeta,
}

/// This window's recovery files.
#[derive(Clone, Debug)]
pub struct Recovery {
    dir: PathBuf,
    id: String,
    /// The lock that says this window still runs, taken at the first write; why it could not
    /// be taken when it could not (the folder's file system has no locks, say: another window
    /// may then offer this one's copy while it still runs).
    held: Arc<OnceLock<Result<HeldLock, String>>>,
}

/// The lock a running window holds beside its copy. When the window lets it go with no copy
/// left (it saved or discarded its changes), the lock file is removed too, so none pile up.
#[derive(Debug)]
struct HeldLock {
    /// Open for as long as the window runs; the system releases the lock however it ends.
    _file: File,
    /// The recovery copy it guards.
    copy: PathBuf,
}

impl Drop for HeldLock {
    fn drop(&mut self) {
        if !self.copy.exists() {
            std::fs::remove_file(lock_path(&self.copy)).ok();
        }
    }
}

fn meta_path(file: &Path) -> PathBuf {
    file.with_extension("meta")
}

fn lock_path(file: &Path) -> PathBuf {
    file.with_extension("lock")
}

/// Whether the window that wrote `file` still runs: it holds the lock beside the file.
fn in_use(file: &Path) -> bool {
    let Ok(lock) = File::options().write(true).open(lock_path(file)) else {
        return false;
    };
    // Taken means nobody holds it; it is let go when `lock` closes.
    matches!(lock.try_lock(), Err(TryLockError::WouldBlock))
}

impl Recovery {
    /// Recovery in `dir`, under a name no other running window uses.
    pub fn new(dir: PathBuf) -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Self {
            dir,
            id: format!("recovery-{}-{nanos}", std::process::id()),
            held: Arc::default(),
        }
    }

    /// The folder recovery files are kept in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn file(&self) -> PathBuf {
        self.dir.join(format!("{}.ron", self.id))
    }

    /// Writes `doc` (atomically) with what it is for.
    pub fn write(
        &self,
        doc: &Document,
        original: Option<&Path>,
        name: &str,
    ) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let file = self.file();
        self.held.get_or_init(|| {
            let lock_file = lock_path(&file);
            let lock = File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&lock_file)
                .map_err(|error| format!("{}: {error}", lock_file.display()))?;
            lock.try_lock()
                .map_err(|error| format!("{}: {error}", lock_file.display()))?;
            Ok(HeldLock {
                _file: lock,
                copy: file.clone(),
            })
        });
        // What the copy is for goes first: a crash between the two writes leaves a copy whose
        // meta is at worst a write older, never a copy without one (and a copy without one is
        // offered all the same).
        let meta = RecoveryMeta {
            original: original.map(Path::to_owned),
            name: name.to_owned(),
            written: super::format::now_rfc3339(),
        };
        let meta = ron::to_string(&meta).map_err(std::io::Error::other)?;
        super::format::write_atomically(&meta_path(&file), meta.as_bytes())?;
        let text = super::format::to_ron_string(doc).map_err(std::io::Error::other)?;
        super::format::write_atomically(&file, text.as_bytes())
    }

    /// Why this window could not lock its copy, if it could not: another window may then
    /// offer the copy while this one still runs. `None` before the first write, and once the
    /// lock is held.
    pub fn unlocked(&self) -> Option<&str> {
        self.held.get()?.as_ref().err().map(String::as_str)
    }

    /// Removes this window's recovery files (after a save, or when changes are discarded).
    pub fn clear(&self) {
        discard(&self.file());
    }

    /// Recovery files left by windows that are gone, newest first. Files this window or
    /// another running window writes are not listed.
    pub fn found(&self) -> Vec<Recovered> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        // Locks of windows that are gone and left no copy (they saved or discarded).
        for lock in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "lock"))
        {
            let copy = lock.with_extension("ron");
            if !copy.exists() && !in_use(&copy) {
                let _ = std::fs::remove_file(lock);
            }
        }
        let mut found: Vec<Recovered> = paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .filter(|p| {
                p.file_stem()
                    .is_some_and(|s| s.to_string_lossy() != self.id)
            })
            .filter(|p| !in_use(p))
            .map(|file| {
                let meta = std::fs::read_to_string(meta_path(&file))
                    .ok()
                    .and_then(|meta| ron::from_str(&meta).ok())
                    .unwrap_or_else(|| meta_of_bare_copy(&file));
                Recovered { file, meta }
            })
            .collect();
        found.sort_by(|a, b| b.meta.written.cmp(&a.meta.written));
        found
    }
}

/// What a copy whose meta is missing or unreadable is taken to be: a document saved nowhere,
/// named by its title (else its first line), written when the copy was.
fn meta_of_bare_copy(file: &Path) -> RecoveryMeta {
    let name = super::format::load(file)
        .ok()
        .and_then(|doc| {
            let title = doc.article.title.trim();
            let first_line = doc
                .article
                .text()
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty());
            let name = if title.is_empty() { first_line? } else { title };
            Some(name.chars().take(80).collect::<String>())
        })
        .unwrap_or_else(|| "an unsaved document".to_owned());
    let written = std::fs::metadata(file)
        .and_then(|m| m.modified())
        .ok()
        .and_then(super::format::rfc3339)
        .unwrap_or_default();
    RecoveryMeta {
        original: None,
        name,
        written,
    }
}

/// Removes a recovery file and what is kept beside it. The lock stays while its window
/// runs, and is cleared by a later [`Recovery::found`] once it is gone.
pub fn discard(file: &Path) {
    let _ = std::fs::remove_file(file);
    let _ = std::fs::remove_file(meta_path(file));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_whose_meta_is_lost_is_offered_all_the_same() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let doc = marginalia_core::markup::document("Budget row\n[A claim]{claim} here")
            .unwrap_or_else(|| panic!("markup"));
        let crashed = Recovery::new(dir.path().to_owned());
        crashed
            .write(&doc, Some(Path::new("/tmp/x.ron")), "x.ron")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(crashed.unlocked(), None, "the lock is held");
        let file = crashed.file();
        drop(crashed);
        std::fs::remove_file(meta_path(&file)).unwrap_or_else(|e| panic!("{e}"));
        let found = Recovery::new(dir.path().to_owned()).found();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].meta.name, "Budget row");
        assert_eq!(found[0].meta.original, None);
        assert!(found[0].meta.written.ends_with('Z'), "{:?}", found[0].meta);
    }

    #[test]
    fn written_files_are_found_by_another_window_and_cleared() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let doc = marginalia_core::markup::document("[A claim]{claim} here")
            .unwrap_or_else(|| panic!("markup"));
        let first = Recovery::new(dir.path().to_owned());
        first
            .write(&doc, Some(Path::new("/tmp/x.ron")), "x.ron")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            first.found().is_empty(),
            "a window does not offer its own file back"
        );
        let second = Recovery::new(dir.path().to_owned());
        assert!(
            second.found().is_empty(),
            "the copy of a window still open is not offered to another"
        );
        // The first window ends (a crash: its copy stays, the system lets its lock go).
        let first_file = first.file();
        drop(first);
        let found = second.found();
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].meta.original.as_deref(),
            Some(Path::new("/tmp/x.ron"))
        );
        let restored = crate::format::load(&found[0].file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(restored, doc);
        discard(&first_file);
        assert!(second.found().is_empty());
        // A window that saved (no copy left) removes its own lock when it closes.
        second
            .write(&doc, None, "y.ron")
            .unwrap_or_else(|e| panic!("{e}"));
        let second_file = second.file();
        second.clear();
        drop(second);
        assert!(
            !lock_path(&second_file).exists(),
            "a window that closes with nothing to recover leaves no lock behind"
        );
        assert!(
            !lock_path(&first_file).exists(),
            "the lock of a window that is gone is cleared"
        );
    }
}
