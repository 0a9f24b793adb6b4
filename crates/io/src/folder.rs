//! What a folder holds, for the file chooser drawn in the window where the system has no
//! dialog: its folders, and its files of the kinds asked for; and the completion of a path
//! being typed.

use std::path::{Path, PathBuf};

/// The folders and the files of the wanted kinds in a folder, each sorted by name as a
/// person reads (case aside). Names that start with a dot are left out, as file managers do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// The folders' names.
    pub folders: Vec<String>,
    /// The files' names.
    pub files: Vec<String>,
}

/// Lists `folder`: every folder in it, and the files whose extension is one of `extensions`
/// (in any case); no files when `extensions` is empty (a folder is being chosen). Entries
/// that cannot be read are skipped; a folder that cannot be read is an error.
pub fn list(folder: &Path, extensions: &[&str]) -> std::io::Result<Listing> {
    let mut listing = Listing::default();
    for entry in std::fs::read_dir(folder)? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        // A link counts as what it points to.
        let is_folder = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir());
        if is_folder {
            listing.folders.push(name);
        } else if has_extension(&name, extensions) {
            listing.files.push(name);
        }
    }
    listing.folders.sort_by_cached_key(|n| sort_key(n));
    listing.files.sort_by_cached_key(|n| sort_key(n));
    Ok(listing)
}

/// Whether the file name `name` ends in one of `extensions`, in any case.
fn has_extension(name: &str, extensions: &[&str]) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

fn sort_key(name: &str) -> (String, String) {
    (name.to_lowercase(), name.to_owned())
}

/// The completion of the path `typed` (relative to `base`, or absolute, or `~/…`): the
/// longest text it can grow to that every entry of its folder whose name starts with its last
/// part shares, with a `/` after a folder's whole name; `None` when nothing longer fits.
/// Only folders and files of `extensions` count.
pub fn complete(base: &Path, typed: &str, extensions: &[&str]) -> Option<String> {
    let (folder_part, start) = match typed.rfind(['/', std::path::MAIN_SEPARATOR]) {
        Some(i) => typed.split_at(i + 1),
        None => ("", typed),
    };
    let folder = base.join(expand_home(folder_part));
    let listing = list(&folder, extensions).ok()?;
    let fits = |name: &&String| name.starts_with(start);
    let folders: Vec<&String> = listing.folders.iter().filter(fits).collect();
    let files: Vec<&String> = listing.files.iter().filter(fits).collect();
    let mut names = folders.iter().chain(files.iter());
    let first = names.next()?;
    let shared = names.fold(first.as_str(), |shared, name| {
        let common = shared
            .char_indices()
            .zip(name.chars())
            .find(|((_, a), b)| a != b)
            .map_or(shared.len().min(name.len()), |((i, _), _)| i);
        &shared[..common]
    });
    let one_folder = folders.len() == 1 && files.is_empty();
    let completed = if one_folder {
        format!("{folder_part}{shared}/")
    } else {
        format!("{folder_part}{shared}")
    };
    (completed.len() > typed.len()).then_some(completed)
}

/// `~/x` as a path in the home folder; anything else as it is.
pub fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ if typed == "~" => std::env::var_os("HOME").map_or_else(|| typed.into(), PathBuf::from),
        _ => PathBuf::from(typed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for name in [
            "budget.txt",
            "Budget-notes.md",
            "photo.jpg",
            ".hidden.txt",
            "b.RON",
        ] {
            std::fs::write(dir.path().join(name), "x").expect("a file");
        }
        for name in ["reports", "Archive", ".git"] {
            std::fs::create_dir(dir.path().join(name)).expect("a folder");
        }
        dir
    }

    #[test]
    fn a_listing_has_the_folders_and_the_files_of_the_kinds_asked_sorted_without_dot_names() {
        let dir = folder();
        let listing = list(dir.path(), &["txt", "md", "ron"]).expect("listed");
        assert_eq!(listing.folders, ["Archive", "reports"]);
        assert_eq!(listing.files, ["b.RON", "Budget-notes.md", "budget.txt"]);
        let folders_only = list(dir.path(), &[]).expect("listed");
        assert!(folders_only.files.is_empty());
    }

    #[test]
    fn a_folder_that_is_not_there_is_an_error() {
        let dir = folder();
        assert!(list(&dir.path().join("missing"), &["txt"]).is_err());
    }

    #[test]
    fn completion_grows_to_what_the_names_share_and_ends_a_lone_folder_with_a_slash() {
        let dir = folder();
        let base = dir.path();
        let kinds = ["txt", "md", "ron"];
        assert_eq!(complete(base, "rep", &kinds).as_deref(), Some("reports/"));
        assert_eq!(complete(base, "bud", &kinds).as_deref(), Some("budget.txt"));
        // "b.RON" and "budget.txt" share only "b": nothing longer to give.
        assert_eq!(complete(base, "b", &kinds), None);
        assert_eq!(complete(base, "photo", &kinds), None);
        std::fs::write(base.join("reports/march.txt"), "x").expect("a file");
        assert_eq!(
            complete(base, "reports/m", &kinds).as_deref(),
            Some("reports/march.txt")
        );
        let absolute = format!("{}/Arch", base.display());
        assert_eq!(
            complete(Path::new("/elsewhere"), &absolute, &kinds),
            Some(format!("{}/Archive/", base.display()))
        );
    }
}
