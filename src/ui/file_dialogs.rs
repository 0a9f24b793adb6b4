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

    /// Starts finding out, on a thread of its own, whether the system's dialogs can be shown
    /// here ([`available`]): the answer is wanted once the window exists, and asking the
    /// session bus should not hold up its start.
    pub fn probe() -> Probe {
        let (sender, receiver) = channel();
        let spawned = std::thread::Builder::new()
            .name("marginalia-dialogs-probe".to_owned())
            .spawn(move || sender.send(available()).ok());
        if spawned.is_err() {
            let (sender, receiver) = channel();
            sender.send(available()).ok();
            return Probe(receiver);
        }
        Probe(receiver)
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

/// Whether the system's dialogs answer in this place.
pub struct Probe(Receiver<bool>);

impl Probe {
    /// The answer, waiting at most `wait` for it; no when it has not come by then.
    pub fn answer(self, wait: std::time::Duration) -> bool {
        self.0.recv_timeout(wait).unwrap_or(false)
    }
}

/// Whether a system file dialog can be shown here: on Linux and the BSDs, zenity is
/// installed or a desktop portal is on the session bus (running, or started when asked). A session bus alone is not
/// enough: many desktops, and every machine without one, have the bus and no portal, and a
/// dialog asked of a portal that is not there never opens.
#[cfg(all(unix, not(target_os = "macos")))]
fn available() -> bool {
    let has_zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    has_zenity || portal_on_bus()
}

/// Windows and macOS always have their dialogs.
#[cfg(not(all(unix, not(target_os = "macos"))))]
fn available() -> bool {
    true
}

#[cfg(all(unix, not(target_os = "macos")))]
/// Whether the desktop portal owns its name on the session bus or can be started by it; the
/// bus is asked without starting anything.
fn portal_on_bus() -> bool {
    const PORTAL: &str = "org.freedesktop.portal.Desktop";
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none_or(|v| v.is_empty()) {
        return false;
    }
    let asked = zbus::block_on(async {
        let connection = zbus::Connection::session().await.ok()?;
        let bus = zbus::fdo::DBusProxy::new(&connection).await.ok()?;
        let name = zbus::names::BusName::try_from(PORTAL).ok()?;
        if bus.name_has_owner(name).await.ok()? {
            return Some(true);
        }
        let startable = bus.list_activatable_names().await.ok()?;
        Some(startable.iter().any(|n| n.as_str() == PORTAL))
    });
    asked.unwrap_or(false)
}

/// Shows the system's dialog for `purpose` and waits for the user.
fn show(purpose: FilePurpose, folder: Option<PathBuf>, name: Option<String>) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new().set_title(purpose.title_and_verb().0);
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    if let Some(name) = name {
        dialog = dialog.set_file_name(name);
    }
    let extensions = purpose.extensions();
    if !extensions.is_empty() {
        let kinds = match purpose {
            FilePurpose::Open => "Articles and annotation files",
            FilePurpose::Save | FilePurpose::Review => "Marginalia annotation file",
            FilePurpose::Export(format) => format.name(),
            _ => extensions[0],
        };
        dialog = dialog.add_filter(kinds, &extensions);
    }
    if purpose.wants_folder() {
        dialog.pick_folder()
    } else if purpose.writes() {
        dialog.save_file().map(|path| purpose.finish_path(path))
    } else {
        dialog.pick_file()
    }
}
