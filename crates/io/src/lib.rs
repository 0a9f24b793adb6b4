//! Everything that crosses the disk: the annotation file format, article import, exports,
//! recovery copies and the default labels.
//!
//! Uses only `marginalia-core` of Marginalia's crates; never draws anything, and knows
//! nothing of a corpus or the window's state.

pub mod email;
pub mod export;
pub mod folder;
pub mod format;
pub mod html;
pub mod import;
pub mod office;
pub mod pdf;
pub mod recovery;

use std::path::{Path, PathBuf};

use marginalia_core::{Article, Document, Label};

/// The labels a new annotation set starts with (`assets/labels.ron`).
pub fn default_labels() -> Vec<Label> {
    ron::from_str(include_str!("../assets/labels.ron")).unwrap_or_default()
}

/// Metadata given for a new annotation set; empty fields are left empty.
#[derive(Clone, Debug, Default)]
pub struct NewDocumentOptions {
    /// Overrides the title found in the article.
    pub title: Option<String>,
    /// Publisher or outlet.
    pub source: String,
    /// Where it was published.
    pub url: String,
    /// Who annotates.
    pub annotator: String,
    /// The labels to start with (default: [`default_labels`]).
    pub labels: Vec<Label>,
    /// The rating scale to start with (default: [`marginalia_core::Scale::default`]).
    pub scale: Option<marginalia_core::Scale>,
}

/// Imports the article at `article_path` as a new document with the default labels. Its
/// `path` is written relative to the folder of `ron_path` where it can be.
pub fn new_document(
    article_path: &Path,
    ron_path: Option<&Path>,
    options: NewDocumentOptions,
) -> Result<(Document, import::ImportedArticle), import::ImportError> {
    let imported = import::import_article(article_path)?;
    let mut article = Article::new(imported.text.clone());
    article.title = options.title.unwrap_or_else(|| imported.title.clone());
    article.source = if options.source.is_empty() {
        imported.source.clone()
    } else {
        options.source
    };
    article.url = options.url;
    article.date = imported.date.clone();
    article.path = relative_article_path(article_path, ron_path);
    let labels = if options.labels.is_empty() {
        default_labels()
    } else {
        options.labels
    };
    let mut doc = Document::new(article, labels);
    doc.annotator = options.annotator;
    if let Some(scale) = options.scale {
        // A scale that breaks its rules was refused when its settings were read.
        let _ = doc.apply(marginalia_core::Edit::SetScale(scale));
    }
    Ok((doc, imported))
}

/// The article file an annotation file names: its `article_path` (relative to the annotation
/// file's folder, as [`relative_article_path`] writes it; as given when there is no annotation
/// file yet). `None` for an empty path or one that climbs above the root.
pub fn article_file(annotation_file: Option<&Path>, article_path: &str) -> Option<PathBuf> {
    if article_path.is_empty() {
        return None;
    }
    let Some(annotation_file) = annotation_file else {
        return Some(PathBuf::from(article_path));
    };
    let mut joined = annotation_file
        .parent()
        .unwrap_or(Path::new(""))
        .to_path_buf();
    for part in Path::new(article_path).components() {
        match part {
            std::path::Component::Normal(p) => joined.push(p),
            std::path::Component::ParentDir => {
                if !joined.pop() {
                    return None;
                }
            }
            std::path::Component::CurDir => {}
            _ => return None,
        }
    }
    Some(joined)
}

/// `article_path` relative to the folder of `ron_path` where possible, else as given;
/// always with `/` separators.
pub fn relative_article_path(article_path: &Path, ron_path: Option<&Path>) -> String {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    let relative = ron_path
        .and_then(|ron| absolute(ron).parent().map(Path::to_owned))
        .and_then(|folder| pathdiff::diff_paths(absolute(article_path), folder))
        .unwrap_or_else(|| article_path.to_owned());
    relative.to_string_lossy().replace('\\', "/")
}

/// The name of the file at `path` as Marginalia shows it: its file name, else the whole path.
pub fn file_name_of(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Whether `path` names an annotation file (`.ron`, in any case) rather than an article.
pub fn is_annotation_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// The file name of `path` without its extension, or "article" when it has none.
pub fn file_stem(path: &Path) -> String {
    path.file_stem().map_or_else(
        || "article".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// `path` when nothing is there yet, else the first free `STEM-2.EXT`, `STEM-3.EXT`… beside
/// it: a name to propose that replaces nobody's file.
pub fn free_path(path: &Path) -> std::path::PathBuf {
    if std::fs::symlink_metadata(path).is_err() {
        return path.to_owned();
    }
    let stem = file_stem(path);
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (2..=u32::MAX)
        .map(|n| path.with_file_name(format!("{stem}-{n}{extension}")))
        .find(|candidate| std::fs::symlink_metadata(candidate).is_err())
        .unwrap_or_else(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_labels_are_claim_denial_reaction() {
        let labels = default_labels();
        let ids: Vec<&str> = labels.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["claim", "denial", "reaction"]);
        let keys: Vec<&str> = labels.iter().map(|l| l.key.as_str()).collect();
        assert_eq!(keys, ["1", "2", "3"]);
        assert!(
            labels
                .iter()
                .all(|l| marginalia_core::validate::label_problems(l).is_empty())
        );
    }

    #[test]
    fn article_path_is_relative_to_the_annotation_file() {
        assert_eq!(
            relative_article_path(
                Path::new("/a/docs/x.txt"),
                Some(Path::new("/a/notes/x.ron"))
            ),
            "../docs/x.txt"
        );
        assert_eq!(
            relative_article_path(Path::new("/a/x.txt"), Some(Path::new("/a/x.ron"))),
            "x.txt"
        );
    }
}
