//! Importing many articles at once: every article of a corpus that has no annotation file yet
//! gets one, several at a time, each written atomically beside its article.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use marginalia_core::{Document, Label};
use marginalia_io::{self as io, format};

/// What importing one article did.
#[derive(Debug)]
pub enum Outcome {
    /// The file written.
    Written(PathBuf),
    /// The article has an annotation file already.
    Skipped,
    /// Why it failed; nothing was written for it.
    Failed(String),
}

/// What a new file gets besides the article.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Who will annotate: the file's annotator, and part of its name.
    pub annotator: String,
    /// The outlet, for every file.
    pub source: String,
    /// The labels every file starts with.
    pub labels: Vec<Label>,
    /// The rating scale every file starts with.
    pub scale: Option<marginalia_core::Scale>,
}

/// Imports `article` into a new file named by [`super::default_file_name`] (never replacing
/// one).
pub fn import_one(article: &Path, settings: &Settings) -> Outcome {
    let target = io::free_path(&super::default_file_name(article, &settings.annotator));
    let options = io::NewDocumentOptions {
        title: None,
        source: settings.source.clone(),
        url: String::new(),
        annotator: settings.annotator.clone(),
        labels: settings.labels.clone(),
        scale: settings.scale.clone(),
    };
    let mut doc = match io::new_document(article, Some(&target), options) {
        Ok((doc, _)) => doc,
        Err(error) => return Outcome::Failed(error.to_string()),
    };
    doc.modified = format::now_rfc3339();
    match write_new(&doc, &target) {
        Ok(()) => Outcome::Written(target),
        Err(error) => Outcome::Failed(error),
    }
}

/// Writes a new file, refusing to replace one that appeared meanwhile.
fn write_new(doc: &Document, target: &Path) -> Result<(), String> {
    if std::fs::symlink_metadata(target).is_ok() {
        return Err(format!(
            "{} appeared while importing; nothing was replaced",
            target.display()
        ));
    }
    format::save(doc, target).map_err(|e| e.to_string())
}

/// Imports every article of `corpus` that has no annotation file, several at a time. Returns
/// each article's path (relative) with what happened, in corpus order.
/// Articles that could not be read fail here too.
pub fn import_missing(corpus: &super::Corpus, settings: &Settings) -> Vec<(PathBuf, Outcome)> {
    let unreadable = corpus
        .problems
        .iter()
        .filter(|p| super::is_article_file(&p.path))
        .map(|p| (p.path.clone(), Outcome::Failed(p.message.clone())));
    let imported: Vec<(PathBuf, Outcome)> = corpus
        .articles
        .par_iter()
        .filter_map(|article| {
            let path = article.article_path.as_ref()?;
            let outcome = if article.files.is_empty() {
                import_one(&corpus.path_of(path), settings)
            } else {
                Outcome::Skipped
            };
            Some((path.clone(), outcome))
        })
        .collect();
    imported.into_iter().chain(unreadable).collect()
}
