//! Scores `marginalia suggest` on a folder of articles whose quotations are marked by hand, for
//! anyone holding articles of their own: each `.txt` is an article (its first line the
//! headline) with every quotation written `⟦words⟧{Speaker}` or `⟦words⟧{Speaker|label}` by the
//! quotation rule in the README. Prints exact and overlapping span precision, recall and F1,
//! speaker accuracy, hints by label, and every miss.
//!
//! `cargo run --release --example score_quotes -- FOLDER...`

use std::path::PathBuf;
use std::process::ExitCode;

use marginalia_fixtures::quote_scores::score_folder;

fn main() -> ExitCode {
    let folders: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if folders.is_empty() {
        eprintln!("usage: score_quotes FOLDER... (folders of marked articles, .txt)");
        return ExitCode::FAILURE;
    }
    for folder in folders {
        match score_folder(&folder) {
            Ok(scores) => println!("{}", scores.report(&folder.display().to_string())),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
