//! Preferences kept by the window between runs: recent files, the annotator's name, text size
//! and theme. Never annotations: those live in the user's files only.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The key preferences are stored under.
pub const STORAGE_KEY: &str = "marginalia-preferences";
/// How many recent files are remembered.
const MAX_RECENT: usize = 10;
/// The article's text size at normal zoom, in points.
pub const ARTICLE_TEXT_SIZE: f32 = 17.0;
/// How much one step of zoom enlarges or shrinks the window.
const ZOOM_STEP: f32 = 1.1;

/// What the window remembers between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    /// Written into new annotation files; asked once.
    pub annotator: String,
    /// How much the whole window (article, panels, tags, dialogs) is enlarged; 1 is normal.
    pub zoom: f32,
    /// Dark theme instead of light.
    pub dark: bool,
    /// Suggested quotations shown in the article.
    pub suggestions: bool,
    /// The organisation that publishes the fact-checks (`ClaimReview`'s author), where no
    /// corpus names one.
    pub publisher: String,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            recent_files: Vec::new(),
            annotator: String::new(),
            zoom: 1.0,
            dark: false,
            suggestions: false,
            publisher: String::new(),
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

    /// The window `steps` steps larger (or smaller, when negative), within bounds.
    pub fn zoom_by(&mut self, steps: i32) {
        let zoom = if self.zoom.is_finite() {
            self.zoom
        } else {
            1.0
        };
        self.zoom = (zoom * ZOOM_STEP.powi(steps)).clamp(0.5, 3.0);
    }
}
