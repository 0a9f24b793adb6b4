//! Saving, discarding and quitting: the questions asked first, the paths asked for, exports,
//! and the answers to every prompt.

use std::path::{Path, PathBuf};

use marginalia_core::Edit;
use marginalia_io as io;
use marginalia_io::export::Format;

use crate::{Answer, Effect, FilePurpose, OpenDocument, Pending, Prompt, Workspace, count};

impl Workspace {
    /// Runs `pending` now, or first asks about unsaved changes (once: asking again while the
    /// question is shown changes nothing).
    pub(super) fn when_saved_or_discarded(&mut self, pending: Pending) {
        if !self.is_dirty() {
            self.resume(pending);
        } else if !self
            .prompts
            .iter()
            .any(|(_, p)| matches!(p, Prompt::Unsaved { then } if *then == pending))
        {
            self.ask(Prompt::Unsaved { then: pending });
        }
    }

    /// Continues what waited for unsaved changes to be saved or discarded.
    pub(super) fn resume(&mut self, pending: Pending) {
        match pending {
            // Discarding allowed the close already; otherwise there is nothing unsaved.
            Pending::Quit => self.effects.push(Effect::Close),
            Pending::Open(path) => self.open_now(&path),
            Pending::OpenDialog => self.pick(FilePurpose::Open, None),
            Pending::Corpus(open) => self.resume_corpus(*open),
        }
    }

    /// The window is asked to close (the close button, Ctrl+Q).
    pub(super) fn quit(&mut self) {
        self.when_saved_or_discarded(Pending::Quit);
    }

    /// Asks for a path for `purpose`: the system's dialog, else a typed path.
    pub(super) fn pick(&mut self, purpose: FilePurpose, then: Option<Pending>) {
        let proposed = self.proposed_path(purpose);
        let folder = proposed
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_owned)
            .or_else(|| {
                self.open
                    .as_ref()
                    .and_then(|o| o.folder().map(Path::to_owned))
            });
        if self.native_dialogs {
            if self.picking.is_none() {
                self.picking = Some((purpose, then));
                self.effects.push(Effect::PickFile {
                    purpose,
                    folder,
                    name: proposed.as_deref().map(io::file_name_of),
                });
            }
        } else {
            let folder = folder
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_default();
            let folder = std::path::absolute(&folder).unwrap_or(folder);
            let proposed = proposed.map_or_else(String::new, |p| {
                let p = std::path::absolute(&p).unwrap_or(p);
                p.strip_prefix(&folder).unwrap_or(&p).display().to_string()
            });
            self.ask(Prompt::TypePath {
                purpose,
                folder,
                proposed,
                then,
            });
        }
    }

    /// The path a dialog proposes for `purpose`: for a save, the document's own file or a
    /// free name beside where it would go; for an export, the document's name with the
    /// format's extension.
    pub(super) fn proposed_path(&self, purpose: FilePurpose) -> Option<PathBuf> {
        let open = self.open.as_ref()?;
        let base = open.path().or(open.suggested_path());
        match purpose {
            FilePurpose::Open | FilePurpose::Review | FilePurpose::OpenFolder => None,
            FilePurpose::ExportQuotes(format) => self.quotes_file_name(format),
            FilePurpose::Save => match open.path() {
                Some(own) => Some(own.to_owned()),
                None => open.suggested_path().map(io::free_path),
            },
            FilePurpose::Export(format) => {
                let base = base.map_or_else(|| PathBuf::from("annotations.ron"), Path::to_owned);
                Some(match format.extension() {
                    Some(extension) => base.with_extension(extension),
                    None => base.with_file_name(format!("{}-brat", io::file_stem(&base))),
                })
            }
        }
    }

    /// A path was chosen for `purpose`.
    pub(super) fn path_chosen(
        &mut self,
        purpose: FilePurpose,
        path: PathBuf,
        then: Option<Pending>,
        confirmed: bool,
    ) {
        match purpose {
            FilePurpose::Open => self.when_saved_or_discarded(Pending::Open(path)),
            FilePurpose::OpenFolder => self.open_folder(&path),
            FilePurpose::ExportQuotes(format) => self.export_quotes(format, &path),
            FilePurpose::Review => self.start_review(&path),
            FilePurpose::Export(format) => self.export_to(format, &path),
            FilePurpose::Save => {
                let own = self.open.as_ref().and_then(OpenDocument::path) == Some(path.as_path());
                if !own && !confirmed && std::fs::symlink_metadata(&path).is_ok() {
                    self.ask(Prompt::Replace { path, then });
                } else {
                    self.save_then(&path, then, false);
                }
            }
        }
    }

    /// Saves to the current file, or asks where; `then` runs once saved.
    pub(super) fn save(&mut self, then: Option<Pending>) {
        match self
            .open
            .as_ref()
            .and_then(OpenDocument::path)
            .map(Path::to_owned)
        {
            Some(path) => self.save_then(&path, then, false),
            None => self.save_as(then),
        }
    }

    pub(super) fn save_as(&mut self, then: Option<Pending>) {
        self.pick(FilePurpose::Save, then);
    }

    /// Saves to `path`, then runs `then`.
    pub(super) fn save_then(&mut self, path: &Path, then: Option<Pending>, overwrite: bool) {
        if self.save_checked(path, then.clone(), overwrite)
            && let Some(then) = then
        {
            self.resume(then);
        }
    }

    /// Saves to `path`, keeping the file it replaces as `FILE.ron.bak`. When `path` is the open
    /// file and something else has changed it since it was read, asks what to do instead
    /// (unless `overwrite`), carrying `then` along. On failure says why and leaves the
    /// document as it was, unsaved.
    pub(super) fn save_checked(
        &mut self,
        path: &Path,
        then: Option<Pending>,
        overwrite: bool,
    ) -> bool {
        let Some(open) = &mut self.open else {
            return false;
        };
        if !overwrite && open.changed_on_disk(path) {
            self.ask(Prompt::Conflict {
                path: path.to_owned(),
                then,
            });
            return false;
        }
        match open.save_to(path, &self.prefs.annotator) {
            Ok(()) => {
                self.discard_recovery();
                self.prefs.remember(path);
                self.status = Some(format!("Saved {}", path.display()));
                true
            }
            Err(error) => {
                self.show_error("The file was not saved", error.to_string());
                false
            }
        }
    }

    /// The organisation that publishes the fact-checks: the open corpus's, else the app's.
    pub(crate) fn publisher(&self) -> String {
        let of_corpus = self
            .corpus
            .as_ref()
            .and_then(|c| c.view())
            .map(|v| v.corpus.config.publisher.trim().to_owned())
            .filter(|p| !p.is_empty());
        of_corpus.unwrap_or_else(|| self.prefs.publisher.trim().to_owned())
    }

    /// Exports the open document in `format` to `path`; says how it went.
    pub(super) fn export_to(&mut self, format: Format, path: &Path) {
        let Some(open) = &self.open else {
            return;
        };
        let name = open
            .path()
            .or(open.suggested_path())
            .map_or_else(|| "annotations".to_owned(), io::file_stem);
        let source = io::export::Source {
            doc: open.doc(),
            name: &name,
        };
        let exported = open.doc().annotations().len();
        let publisher = self.publisher();
        let options = io::export::Options {
            publisher: &publisher,
        };
        match io::export::write_to_path(format, &[source], options, path) {
            Ok(()) => {
                self.status = Some(format!(
                    "Exported {} as {} to {}",
                    count(exported, "annotation", "annotations"),
                    format.name(),
                    path.display()
                ));
            }
            Err(error) => self.show_error("The export failed", error.to_string()),
        }
    }

    /// The answer to the prompt on top.
    pub(super) fn answer(&mut self, answer: Answer) {
        let Some((id, prompt)) = self.prompts.pop() else {
            return;
        };
        match (prompt, answer) {
            (_, Answer::Cancel) => {}
            (Prompt::Unsaved { then }, Answer::Save) => self.save(Some(then)),
            (Prompt::Unsaved { then }, Answer::Discard) => {
                if then == Pending::Quit {
                    self.allow_close = true;
                }
                self.discard_recovery();
                self.resume(then);
            }
            (Prompt::Conflict { path, .. } | Prompt::DroppedRon { path }, Answer::Review) => {
                self.start_review(&path);
            }
            (Prompt::Conflict { then, .. }, Answer::SaveAs) => self.save_as(then),
            (Prompt::Conflict { path, then }, Answer::Overwrite)
            | (Prompt::Replace { path, then }, Answer::Replace) => {
                self.save_then(&path, then, true);
            }
            (Prompt::Reanchor(reanchor), Answer::Open) => self.open_reanchored(*reanchor),
            (Prompt::ConfirmDelete { id, .. }, Answer::Confirm) => {
                if let Some(open) = &self.open {
                    let edit = Edit::remove_unlinking_responses(open.doc(), id);
                    self.edit(edit, None);
                }
            }
            (Prompt::ConfirmDeleteSpeaker { id, .. }, Answer::Confirm) => {
                if let Some(open) = &self.open {
                    let edit = Edit::remove_speaker_unassigning(open.doc(), id);
                    self.edit(edit, None);
                }
            }
            (Prompt::DroppedRon { path }, Answer::Open) => {
                self.when_saved_or_discarded(Pending::Open(path));
            }
            (
                Prompt::TypePath {
                    purpose,
                    folder,
                    then,
                    ..
                },
                Answer::Path(typed),
            ) => {
                let typed = typed.trim();
                if typed.is_empty() {
                    return;
                }
                let path = purpose.finish_path(folder.join(io::folder::expand_home(typed)));
                self.path_chosen(purpose, path, then, false);
            }
            (prompt, _) => {
                // An answer that does not fit the prompt shown: the prompt stays.
                self.prompts.push((id, prompt));
            }
        }
    }
}
