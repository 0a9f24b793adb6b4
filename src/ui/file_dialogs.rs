//! The system's file dialogs, run off the UI thread so the window never freezes while one is
//! open. What the user chose comes back to the workspace as an action.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use marginalia_workspace::FilePurpose;

/// How a system file dialog closed.
#[derive(Debug)]
pub enum Picked {
    /// The user chose this path.
    Chosen(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
}

/// Native file dialogs on a worker thread; the result is polled each frame.
pub struct FileDialogs {
    /// Woken when the user has chosen.
    ctx: egui::Context,
    receiver: Option<Receiver<Option<PathBuf>>>,
}

impl FileDialogs {
    /// Dialogs that wake `ctx` when the user has chosen.
    pub fn new(ctx: egui::Context) -> Self {
        Self {
            ctx,
            receiver: None,
        }
    }

    /// Whether a native dialog can be shown here: a desktop portal on the session bus, or
    /// zenity.
    pub fn available() -> bool {
        let has_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
        let has_zenity = std::env::var_os("PATH").is_some_and(|paths| {
            std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file())
        });
        has_bus || has_zenity
    }

    /// Shows the dialog for `purpose`, starting in `folder` with `name` proposed, unless one
    /// is already showing.
    pub fn pick(&mut self, purpose: FilePurpose, folder: Option<PathBuf>, name: Option<String>) {
        if self.receiver.is_some() {
            return;
        }
        let (sender, receiver) = channel();
        self.receiver = Some(receiver);
        let ctx = self.ctx.clone();
        std::thread::spawn(move || {
            let picked = show(purpose, folder, name);
            // The window is gone when nobody receives: nothing to tell.
            sender.send(picked).ok();
            ctx.request_repaint();
        });
    }

    /// What the user chose, once the dialog has closed.
    pub fn poll(&mut self) -> Option<Picked> {
        let receiver = self.receiver.as_ref()?;
        let picked = match receiver.try_recv() {
            Ok(picked) => picked,
            Err(std::sync::mpsc::TryRecvError::Empty) => return None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
        };
        self.receiver = None;
        Some(match picked {
            Some(path) => Picked::Chosen(path),
            None => Picked::Cancelled,
        })
    }
}

/// Shows the system's dialog for `purpose` and waits for the user.
fn show(purpose: FilePurpose, folder: Option<PathBuf>, name: Option<String>) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new();
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    if let Some(name) = name {
        dialog = dialog.set_file_name(name);
    }
    match purpose {
        FilePurpose::Open => dialog
            .set_title("Open an article or annotation file")
            .add_filter(
                "Articles and annotation files",
                &["ron", "txt", "md", "html", "htm"],
            )
            .pick_file(),
        FilePurpose::OpenFolder => dialog.set_title("Open a folder of articles").pick_folder(),
        FilePurpose::ExportQuotes(format) => dialog
            .set_title("Write their quotes to")
            .add_filter(format.extension(), &[format.extension()])
            .save_file(),
        FilePurpose::Review => dialog
            .set_title("Review a colleague's annotation file")
            .add_filter("Marginalia annotation file", &["ron"])
            .pick_file(),
        FilePurpose::Save => dialog
            .set_title("Save annotations as")
            .add_filter("Marginalia annotation file", &["ron"])
            .save_file()
            .map(|path| {
                if path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                }
            }),
        FilePurpose::Export(format) => match format.extension() {
            None => dialog.set_title("Export to a brat folder").pick_folder(),
            Some(extension) => dialog
                .set_title(format!("Export as {}", format.name()))
                .add_filter(format.name(), &[extension])
                .save_file(),
        },
    }
}
