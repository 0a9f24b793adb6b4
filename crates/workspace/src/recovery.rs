//! Crash recovery: the copy of unsaved changes written now and then, and removed once they
//! are saved or discarded.

use std::path::Path;
use std::time::Duration;

use marginalia_core::History;
use marginalia_io as io;

use crate::{OpenDocument, Prompt, Workspace};

impl Workspace {
    /// Removes this window's recovery copy: its changes were saved or discarded.
    pub(super) fn discard_recovery(&mut self) {
        if let Some(recovery) = &self.recovery {
            recovery.clear();
        }
        self.recovered = None;
    }

    /// Writes the open document for crash recovery when it has unsaved changes not yet
    /// written and the interval has passed, and removes the copy once the document is clean
    /// again (saved, or undone back to its file). Returns when to come back, if it must.
    pub(super) fn autosave(&mut self) -> Option<Duration> {
        let (Some(recovery), Some(open)) = (&self.recovery, &self.open) else {
            return None;
        };
        if !open.is_dirty() || self.allow_close {
            // Nothing to keep: clean again, or the changes are discarded and the window
            // closes.
            if self.recovered.is_some() {
                self.discard_recovery();
            }
            return None;
        }
        let revision = open.revision();
        let interval = Duration::from_secs_f64(self.autosave_seconds.max(0.0));
        match self.recovered {
            Some((written, _)) if written == revision => return None,
            Some((_, at)) if self.clock.since(at) < interval => {
                return Some(interval.saturating_sub(self.clock.since(at)));
            }
            _ => {}
        }
        match recovery.write(open.doc(), open.path(), open.display_name()) {
            Err(error) => {
                self.status = Some(format!("Could not write the recovery copy: {error}"));
            }
            Ok(()) => {
                if let Some(why) = recovery.unlocked()
                    && !self.said_unlocked
                {
                    self.said_unlocked = true;
                    self.status = Some(format!(
                        "Unsaved changes are copied for recovery, but the copy could not be \
                         locked ({why}): another Marginalia window may offer it while this one \
                         is open. Save often."
                    ));
                }
            }
        }
        self.recovered = Some((revision, self.clock.now()));
        None
    }

    /// Opens a recovery copy left by a window that did not close normally.
    pub(super) fn restore(&mut self, entry: &io::recovery::Recovered) {
        match io::format::load(&entry.file) {
            Ok(doc) => {
                let path = entry.meta.original.clone();
                // What the file is now, valid or not: saving over it checks against that.
                let disk = path.as_deref().and_then(io::format::Fingerprint::read);
                let open =
                    OpenDocument::new(doc, History::unsaved(), path, entry.meta.name.clone())
                        .with_disk(disk);
                self.show(open);
                io::recovery::discard(&entry.file);
                self.recovered = None;
                self.status = Some(format!(
                    "Restored unsaved changes to {} from {}",
                    entry.meta.name, entry.meta.written
                ));
            }
            Err(error) => {
                self.show_error("The recovery copy could not be opened", error.to_string());
            }
        }
    }

    /// Removes a recovery copy from the recovery prompt, closing it when none is left.
    pub(super) fn take_recover_entry(&mut self, file: &Path) {
        if let Some((_, Prompt::Recover { entries })) = self.prompts.last_mut() {
            entries.retain(|e| e.file != file);
            // Restoring replaces the open document: one at a time, so the prompt closes.
            if entries.is_empty() || self.open.is_some() {
                self.prompts.pop();
            }
        }
    }
}
