//! Files read off the UI thread: an annotation file to open, an article to import, a
//! colleague's file to review. However long the reading takes (a large file, a slow network
//! folder, an HTML page near its budget), the window keeps drawing: a spinner, the file's
//! name and a Cancel button. What comes back is applied between frames.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::{Id, RichText};

use crate::core::Document;
use crate::core::anchor::Tally;
use crate::io;

/// What is read, and what for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Job {
    /// Open this file: an annotation file, or an article to import.
    Open(PathBuf),
    /// Review this colleague's annotation file against the open document.
    Review(PathBuf),
}

impl Job {
    /// The file read.
    pub fn path(&self) -> &Path {
        match self {
            Self::Open(path) | Self::Review(path) => path,
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
        /// Where Save as… proposes to save.
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

impl Loading {
    /// Starts reading on a thread of its own; `ctx` is asked for a frame when it is done.
    pub fn start(ctx: &egui::Context, job: Job, annotator: &str) -> Self {
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        let (work, by) = (job.clone(), annotator.to_owned());
        let spawned = std::thread::Builder::new()
            .name("marginalia-read".to_owned())
            .spawn(move || {
                // The receiver is gone when the user cancelled: nothing to tell.
                let _ = sender.send(read(work, by));
                ctx.request_repaint();
            });
        if spawned.is_err() {
            // No thread could be made: read here rather than not at all.
            let (sender, receiver) = channel();
            let _ = sender.send(read(job.clone(), annotator.to_owned()));
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

    /// A modal with a spinner and the file's name; returns whether Cancel was chosen.
    pub fn ui(&self, ctx: &egui::Context) -> bool {
        let mut cancel = false;
        let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        let name = super::file_name_of(self.job.path());
        let doing = match self.job {
            Job::Open(_) => "Opening",
            Job::Review(_) => "Reading their file",
        };
        egui::Modal::new(Id::unique("marginalia-loading")).show(ctx, |ui| {
            ui.set_min_width(320.0);
            ui.set_max_width(460.0);
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(RichText::new(format!("{doing} {name}…")).strong());
            });
            ui.label(
                RichText::new(self.job.path().display().to_string())
                    .small()
                    .weak(),
            );
            ui.add_space(8.0);
            if ui.button("Cancel").clicked() || escape {
                cancel = true;
            }
        });
        cancel
    }
}

fn read(job: Job, annotator: String) -> Read {
    match job {
        Job::Review(path) => Read::Theirs(io::format::load_reanchoring(&path)),
        Job::Open(path) => {
            let is_ron = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
            if is_ron {
                Read::Annotations(io::format::load_with_fingerprint(&path))
            } else {
                let ron_path = path.with_extension("ron");
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
