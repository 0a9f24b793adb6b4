//! UI preferences kept by eframe between runs: recent files, the annotator's name, text size
//! and theme. Never annotations: those live in the user's files only.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The key preferences are stored under.
pub const STORAGE_KEY: &str = "marginalia-preferences";
/// How many recent files are remembered.
const MAX_RECENT: usize = 10;
/// The article text size when nothing else was chosen, in points.
pub const DEFAULT_TEXT_SIZE: f32 = 17.0;

/// What the window remembers between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    /// Written into new annotation files; asked once.
    pub annotator: String,
    /// Article text size in points.
    pub text_size: f32,
    /// Dark theme instead of light.
    pub dark: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            recent_files: Vec::new(),
            annotator: String::new(),
            text_size: DEFAULT_TEXT_SIZE,
            dark: false,
        }
    }
}

impl Preferences {
    /// Puts `path` first among the recent files.
    pub fn remember(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        self.recent_files.retain(|p| *p != path);
        self.recent_files.insert(0, path);
        self.recent_files.truncate(MAX_RECENT);
    }

    /// Text size one step larger or smaller, within bounds.
    pub fn zoom(&mut self, steps: f32) {
        self.text_size = (self.text_size + steps * 1.5).clamp(10.0, 40.0);
    }
}
