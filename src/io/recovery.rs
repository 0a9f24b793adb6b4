//! Crash recovery: while a document has unsaved changes, the window writes it every few
//! seconds to a recovery folder in the app's data folder (never the user's file). After a
//! crash or a kill, the next start finds the files and offers them back; saving or discarding
//! removes them.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::core::Document;

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
}

fn meta_path(file: &Path) -> PathBuf {
    file.with_extension("meta")
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
        let text = super::format::to_ron_string(doc).map_err(std::io::Error::other)?;
        super::format::write_atomically(&file, text.as_bytes())?;
        let meta = RecoveryMeta {
            original: original.map(Path::to_owned),
            name: name.to_owned(),
            written: super::format::now_rfc3339(),
        };
        let meta = ron::to_string(&meta).map_err(std::io::Error::other)?;
        super::format::write_atomically(&meta_path(&file), meta.as_bytes())
    }

    /// Removes this window's recovery files (after a save, or when changes are discarded).
    pub fn clear(&self) {
        discard(&self.file());
    }

    /// Recovery files left by windows that are gone, newest first. Files this window writes
    /// are not listed.
    pub fn found(&self) -> Vec<Recovered> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<Recovered> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .filter(|p| {
                p.file_stem()
                    .is_some_and(|s| s.to_string_lossy() != self.id)
            })
            .filter_map(|file| {
                let meta = std::fs::read_to_string(meta_path(&file)).ok()?;
                let meta: RecoveryMeta = ron::from_str(&meta).ok()?;
                Some(Recovered { file, meta })
            })
            .collect();
        found.sort_by(|a, b| b.meta.written.cmp(&a.meta.written));
        found
    }
}

/// Removes a recovery file and what is kept beside it.
pub fn discard(file: &Path) {
    let _ = std::fs::remove_file(file);
    let _ = std::fs::remove_file(meta_path(file));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_files_are_found_by_another_window_and_cleared() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let doc = crate::core::markup::document("[A claim]{claim} here")
            .unwrap_or_else(|| panic!("markup"));
        let first = Recovery::new(dir.path().to_owned());
        first
            .write(&doc, Some(Path::new("/tmp/x.ron")), "x.ron")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            first.found().is_empty(),
            "a window does not offer its own file back"
        );
        let second = Recovery::new(dir.path().join(".."));
        let second = Recovery {
            dir: dir.path().to_owned(),
            ..second
        };
        let found = second.found();
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].meta.original.as_deref(),
            Some(Path::new("/tmp/x.ron"))
        );
        let restored = crate::io::format::load(&found[0].file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(restored, doc);
        first.clear();
        assert!(second.found().is_empty());
    }
}
