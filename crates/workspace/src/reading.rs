//! Files read off the UI thread: an annotation file to open, an article to import, a
//! colleague's file to review. However long the reading takes (a large file, a slow network
//! folder, an HTML page near its budget), the window keeps drawing; what comes back is applied
//! between frames.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use marginalia_core::Document;
use marginalia_core::anchor::Tally;
use marginalia_io as io;

/// Wakes the window when a read is done (asks it for a frame).
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// What is read, and what for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Job {
    /// Open this file: an annotation file, or an article to import.
    Open(PathBuf),
    /// Review this colleague's annotation file against the open document.
    Review(PathBuf),
    /// Import this article of a corpus to annotate, my file to be written as `target` with
    /// the corpus's labels.
    Annotate {
        /// The article.
        article: PathBuf,
        /// My file, written on my first change.
        target: PathBuf,
        /// The labels it starts with.
        labels: Vec<marginalia_core::Label>,
        /// The rating scale it starts with.
        scale: Option<marginalia_core::Scale>,
    },
}

impl Job {
    /// The file read.
    pub fn path(&self) -> &Path {
        match self {
            Self::Open(path) | Self::Review(path) => path,
            Self::Annotate { article, .. } => article,
        }
    }
}

/// What a finished read brought.
#[derive(Debug)]
pub enum Read {
    /// An annotation file to open, with what it was on disk.
    Annotations(Result<(Document, io::format::Fingerprint), io::format::LoadError>),
    /// An article imported into a new document, to be saved by default as `ron_path`.
    Article {
        /// Where Save as… proposes to save: beside the article, never over another file.
        ron_path: PathBuf,
        /// The new document and how its text was read.
        result: Result<(Document, io::import::ImportedArticle), io::import::ImportError>,
    },
    /// A colleague's annotation file, re-anchored on its own text when that was edited.
    Theirs(Result<(Document, Option<Tally>), io::format::LoadError>),
    /// The reading thread stopped without an answer (a bug; the message says so).
    Lost,
}

/// A read in progress.
pub struct Loading {
    job: Job,
    receiver: Receiver<Read>,
}

impl std::fmt::Debug for Loading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loading")
            .field("job", &self.job)
            .finish_non_exhaustive()
    }
}

impl Loading {
    /// Starts reading on a thread of its own; `wake` is called when it is done.
    pub fn start(job: Job, annotator: &str, wake: Waker) -> Self {
        let (sender, receiver) = channel();
        let (work, by) = (job.clone(), annotator.to_owned());
        let spawned = std::thread::Builder::new()
            .name("marginalia-read".to_owned())
            .spawn(move || {
                // The receiver is gone when the user cancelled: nothing to tell.
                sender.send(read(work, by)).ok();
                wake();
            });
        if spawned.is_err() {
            // No thread could be made: read here rather than not at all.
            let (sender, receiver) = channel();
            sender.send(read(job.clone(), annotator.to_owned())).ok();
            return Self { job, receiver };
        }
        Self { job, receiver }
    }

    /// What is being read.
    pub fn job(&self) -> &Job {
        &self.job
    }

    /// The outcome, once the read is done.
    pub fn poll(&self) -> Option<Read> {
        match self.receiver.try_recv() {
            Ok(read) => Some(read),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Read::Lost),
        }
    }

    /// Waits for the outcome (tests, and benchmarks that time whole opens).
    pub fn wait(self) -> Read {
        self.receiver.recv().unwrap_or(Read::Lost)
    }
}

fn read(job: Job, annotator: String) -> Read {
    match job {
        Job::Annotate {
            article,
            target,
            labels,
            scale,
        } => {
            let options = io::NewDocumentOptions {
                annotator,
                labels,
                scale,
                ..Default::default()
            };
            let result = io::new_document(&article, Some(&target), options);
            Read::Article {
                ron_path: target,
                result,
            }
        }
        Job::Review(path) => Read::Theirs(io::format::load_reanchoring(&path)),
        Job::Open(path) => {
            if io::is_annotation_file(&path) {
                Read::Annotations(io::format::load_with_fingerprint(&path))
            } else {
                let ron_path =
                    io::free_path(&marginalia_corpus::default_file_name(&path, &annotator));
                let options = io::NewDocumentOptions {
                    annotator,
                    ..Default::default()
                };
                let result = io::new_document(&path, Some(&ron_path), options);
                Read::Article { ron_path, result }
            }
        }
    }
}
