//! Opening: the sample, files read off the window's thread, re-anchored files, and what a
//! finished read shows.

use std::path::{Path, PathBuf};
use std::time::Instant;

use marginalia_core::{Document, History};
use marginalia_io as io;

use crate::reading::{self, Job, Read};
use crate::{
    Effect, OpenDocument, Pending, Prompt, Reanchor, ReviewSession, Selection, Workspace, count,
};

/// The bundled sample, opened when no file is given. Saving it always asks where.
const SAMPLE_RON: &str = include_str!("../../../sample_docs/sessions-recusal.ron");
/// The sample's name in the window.
const SAMPLE_NAME: &str = "sessions-recusal.ron (sample)";

/// A file being read, with what the workspace was when the reading started.
#[derive(Debug)]
pub(super) struct Reading {
    pub(super) loading: reading::Loading,
    /// When it started, on the workspace's clock.
    pub(super) started: Instant,
    /// The open document's revision then, to notice edits made while it was read.
    revision: Option<u64>,
}

impl Workspace {
    /// Opens the bundled sample as a document not saved anywhere.
    pub(super) fn open_sample(&mut self) {
        match io::format::parse(Path::new(SAMPLE_NAME), SAMPLE_RON.as_bytes()) {
            Ok(doc) => {
                let open = OpenDocument::new(doc, History::new(), None, SAMPLE_NAME.to_owned())
                    .suggesting(Some(PathBuf::from("sessions-recusal.ron")));
                self.show(open);
            }
            Err(error) => self.show_error("The sample could not be opened", error.to_string()),
        }
    }

    /// Shows `doc` in place of the open document (no question asked: callers decide), as if
    /// opened from `path`.
    pub(super) fn open_document(&mut self, doc: Document, path: Option<PathBuf>) {
        let name = path
            .as_deref()
            .map_or_else(|| doc.article.title.clone(), io::file_name_of);
        self.show(OpenDocument::new(doc, History::new(), path, name));
    }

    /// Starts reading `path` to open it in place of the open document (callers ask about
    /// unsaved changes first).
    pub(super) fn open_now(&mut self, path: &Path) {
        self.start_reading(Job::Open(path.to_owned()));
    }

    /// Starts reviewing `theirs` (already loaded) against the open document.
    pub(super) fn review_document(&mut self, theirs: Document, path: PathBuf) {
        let Some(open) = &self.open else {
            return;
        };
        self.review = Some(ReviewSession::new(
            open.doc(),
            open.revision(),
            theirs,
            path,
        ));
    }

    pub(super) fn start_reading(&mut self, job: Job) {
        let loading = reading::Loading::start(job, &self.prefs.annotator, self.wake.clone());
        self.continue_reading(loading);
    }

    /// Takes over `loading`, the file being read; it is applied when it is done.
    pub(super) fn continue_reading(&mut self, loading: reading::Loading) {
        self.reading = Some(Reading {
            loading,
            started: self.clock.now(),
            revision: self.open.as_ref().map(OpenDocument::revision),
        });
    }

    /// Waits for the file being read, if any, and applies it.
    pub(super) fn finish_reading(&mut self) {
        if let Some(reading) = self.reading.take() {
            let job = reading.loading.job().clone();
            let revision = reading.revision;
            self.apply_read(&job, revision, reading.loading.wait());
        }
    }

    /// Applies a finished read, if any, and the corpus's latest reading.
    pub(super) fn poll_reading(&mut self) {
        if let Some(corpus) = &mut self.corpus {
            corpus.poll();
        }
        let Some(read) = self.reading.as_ref().and_then(|r| r.loading.poll()) else {
            return;
        };
        if let Some(reading) = self.reading.take() {
            self.apply_read(reading.loading.job(), reading.revision, read);
        }
    }

    /// Applies what a finished read brought; `revision` is the open document's when the
    /// reading started.
    pub(super) fn apply_read(&mut self, job: &Job, revision: Option<u64>, read: Read) {
        let path = job.path().to_owned();
        // Edits made while the file was read are not dropped: the user is asked again, and
        // the file read again after.
        let edited_meanwhile = self
            .open
            .as_ref()
            .is_some_and(|o| Some(o.revision()) != revision && o.is_dirty());
        let replaces_document = matches!(
            read,
            Read::Annotations(Ok(_) | Err(io::format::LoadError::TextChanged { .. }))
                | Read::Article { result: Ok(_), .. }
        );
        if edited_meanwhile && replaces_document {
            self.ask(Prompt::Unsaved {
                then: Pending::Open(path),
            });
            return;
        }
        let name = io::file_name_of(&path);
        let opens = matches!(
            read,
            Read::Annotations(Ok(_)) | Read::Article { result: Ok(_), .. }
        );
        let annotate = matches!(job, Job::Annotate { .. });
        let (review, show) = if matches!(job, Job::Review(_)) {
            (None, None)
        } else {
            (self.then_review.take(), self.then_show.take())
        };
        match read {
            Read::Annotations(Ok((doc, disk))) => self.opened(doc, disk, &path),
            Read::Article {
                ron_path,
                result: Ok((doc, _)),
            } if annotate => {
                let open = OpenDocument::new(doc, History::new(), None, name)
                    .suggesting(Some(ron_path.clone()));
                self.show_opened(open, &path);
                self.status = Some(format!(
                    "Opened {}; your file {} is made at your first change",
                    path.display(),
                    io::file_name_of(&ron_path)
                ));
                self.create_on_change = Some(ron_path);
            }
            Read::Annotations(Err(io::format::LoadError::TextChanged {
                tally,
                document,
                fingerprint,
                ..
            })) => {
                self.ask(Prompt::Reanchor(Box::new(Reanchor {
                    path,
                    tally,
                    document: *document,
                    fingerprint,
                })));
            }
            Read::Annotations(Err(error)) => {
                self.show_error("The file could not be opened", error.to_string());
            }
            Read::Article { ron_path, result } => match result {
                Ok((doc, imported)) => {
                    let open = OpenDocument::new(doc, History::unsaved(), None, name)
                        .suggesting(Some(ron_path));
                    self.show_opened(open, &path);
                    self.status = Some(format!(
                        "Imported {}: {}. Save to keep your annotations.",
                        path.display(),
                        imported.read_as()
                    ));
                }
                Err(error) => {
                    self.show_error("The article could not be imported", error.to_string());
                }
            },
            Read::Theirs(Ok((theirs, tally))) => self.reviewing(theirs, tally, &path),
            Read::Theirs(Err(error)) => {
                self.show_error("Their file could not be opened", error.to_string());
            }
            Read::Lost => self.show_error(
                "The file could not be read",
                format!(
                    "Reading {} stopped without an answer. This is a bug in Marginalia; the \
                     open document is unchanged.",
                    path.display()
                ),
            ),
        }
        if opens {
            self.then_corpus(review, show);
        }
    }

    /// Opens an annotation file read from `path`, saying what it holds that it should not.
    pub(super) fn opened(&mut self, doc: Document, disk: io::format::Fingerprint, path: &Path) {
        self.discard_recovery();
        let warnings = marginalia_core::validate::warnings(&doc);
        let name = io::file_name_of(path);
        let open = OpenDocument::new(doc, History::new(), Some(path.to_owned()), name)
            .with_disk(Some(disk));
        self.show_opened(open, path);
        self.status = Some(match warnings.first() {
            None => format!("Opened {}", path.display()),
            Some(first) => format!(
                "Opened {}, with {} to look at: {first}",
                path.display(),
                count(warnings.len(), "thing", "things")
            ),
        });
    }

    /// Starts reviewing their file, read from `path` (re-anchored on its own text when
    /// `tally` says so), and says how their annotations were placed.
    pub(super) fn reviewing(
        &mut self,
        theirs: Document,
        tally: Option<marginalia_core::anchor::Tally>,
        path: &Path,
    ) {
        let Some(open) = &self.open else {
            return;
        };
        let different = open.doc().article.sha256() != theirs.article.sha256();
        self.review_document(theirs, path.to_owned());
        self.status = Some(match (tally, different) {
            (Some(tally), _) => format!(
                "Reviewing {}; its article text had been edited by hand, so its annotations \
                 were placed again on it: {tally}",
                path.display()
            ),
            (None, true) => format!(
                "Reviewing {}: it annotates another version of the article, so its \
                 annotations were placed on mine by their quotes",
                path.display()
            ),
            (None, false) => format!("Reviewing {}", path.display()),
        });
    }

    /// Shows `open` in place of the open document, of any review and of what was selected
    /// or found in the old one.
    pub(super) fn show(&mut self, open: OpenDocument) {
        self.review = None;
        self.create_on_change = None;
        self.selection = Selection::default();
        self.find.matches.clear();
        self.find.current = None;
        self.open = Some(open);
        if self.find.open {
            self.refresh_matches();
        }
        self.suggestions = None;
        self.sync_suggestions();
    }

    /// Shows `open`, read from `path`, and remembers the file among the recent ones.
    pub(super) fn show_opened(&mut self, open: OpenDocument, path: &Path) {
        self.show(open);
        self.prefs.remember(path);
    }

    /// Opens a document re-anchored on its own edited text, as the user agreed.
    pub(super) fn open_reanchored(&mut self, reanchored: Reanchor) {
        let Reanchor {
            path,
            tally,
            document,
            fingerprint,
        } = reanchored;
        self.discard_recovery();
        let name = io::file_name_of(&path);
        let open = OpenDocument::new(document, History::unsaved(), Some(path.clone()), name)
            .with_disk(fingerprint);
        self.show_opened(open, &path);
        self.status = Some(format!(
            "Re-anchored {}: {tally}. Save to keep the new places.",
            path.display()
        ));
        if tally.orphaned > 0 {
            self.effects.push(Effect::ShowOrphans);
        }
    }
}
