//! `marginalia suggest`: the quotations of an article and who said them, as the window
//! suggests them; for a folder, one JSON line per article.

use std::path::Path;
use std::process::ExitCode;

use serde_json::json;

use marginalia_core::quotes::{Suggestion, suggest};
use marginalia_corpus::Corpus;
use marginalia_io as io;

/// Arguments of `marginalia suggest`.
#[derive(Debug, clap::Args)]
pub struct SuggestArgs {
    /// An article (.txt, .md, .html), an annotation file (.ron: its text), or a folder of
    /// articles.
    #[arg(value_name = "FILE|DIR")]
    pub path: std::path::PathBuf,
    /// Print JSON: one object, or one line per article of a folder.
    #[arg(long)]
    pub json: bool,
}

/// `marginalia suggest FILE|DIR`
pub fn run(args: &SuggestArgs) -> ExitCode {
    if args.path.is_dir() {
        return folder(args);
    }
    let text = match text_of(&args.path) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let quotes = suggest(&text);
    if args.json {
        outln!("{}", json!({ "quotes": quotes_json(&quotes) }));
    } else {
        out!("{}", quotes_text(&quotes));
    }
    ExitCode::SUCCESS
}

/// The article text of `path`: an annotation file's, or an article decoded as `import` does.
fn text_of(path: &Path) -> Result<String, String> {
    if io::is_annotation_file(path) {
        io::format::load(path)
            .map(|doc| doc.article.text().to_owned())
            .map_err(|error| error.to_string())
    } else {
        io::import::import_article(path)
            .map(|article| article.text)
            .map_err(|error| error.to_string())
    }
}

fn folder(args: &SuggestArgs) -> ExitCode {
    let corpus = match Corpus::open(&args.path) {
        Ok(corpus) => corpus,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut failed = false;
    for article in &corpus.articles {
        let path = article
            .article_path
            .clone()
            .or_else(|| article.files.first().map(|f| f.path.clone()))
            .unwrap_or_default();
        let shown = path.to_string_lossy().replace('\\', "/");
        let quotes = match corpus.article_text(article) {
            Ok(text) => suggest(&text),
            Err(message) => {
                eprintln!("error: {shown}: {message}");
                failed = true;
                continue;
            }
        };
        if args.json {
            outln!(
                "{}",
                json!({ "path": shown, "sha256": article.sha256, "quotes": quotes_json(&quotes) })
            );
        } else {
            outln!("{shown}: {} quotation(s)", quotes.len());
            out!("{}", indent(&quotes_text(&quotes)));
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The quotations as the JSON array of `suggest --json`.
pub fn quotes_json(quotes: &[Suggestion]) -> serde_json::Value {
    quotes
        .iter()
        .map(|q| {
            json!({
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "speaker": q.speaker,
                "cue": q.cue,
                "label": q.label.id(),
            })
        })
        .collect()
}

/// One line per quotation: where, who, the cue and label, the words.
pub fn quotes_text(quotes: &[Suggestion]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for q in quotes {
        let speaker = q.speaker.as_deref().unwrap_or("(unknown)");
        let cue = q.cue.as_deref().unwrap_or("from context");
        let _ = writeln!(
            out,
            "{}-{}\t{speaker}\t{cue}\t{}\t{}",
            q.start,
            q.end,
            q.label.id(),
            q.text
        );
    }
    out
}

fn indent(text: &str) -> String {
    text.lines().fold(String::new(), |mut out, line| {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
        out
    })
}
