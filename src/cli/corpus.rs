//! The subcommands that read a folder of articles as one corpus: `import DIR`, `corpus status`,
//! `search`, `speakers`, `export DIR` and `compare DIR`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::json;

use super::{ExportArgs, ImportArgs, figure};
use marginalia_core::direction::isolated;
use marginalia_corpus::compare::{self, PairAgreement};
use marginalia_corpus::import::{Outcome, Settings};
use marginalia_corpus::search::{Query, SearchIndex, describe};
use marginalia_corpus::speakers::{self, people};
use marginalia_corpus::{self as corpora, Corpus, per_label};
use marginalia_io as io;

/// Arguments of `marginalia corpus status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// The folder.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `marginalia search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The folder.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Words in the quote, the note or the speaker's name (case ignored); several words are
    /// searched as one phrase.
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,
    /// Only quotes of speakers whose name contains this.
    #[arg(long, value_name = "S")]
    pub speaker: Option<String>,
    /// Only spans with this label (id or name).
    #[arg(long, value_name = "L")]
    pub label: Option<String>,
    /// Only this annotator's files.
    #[arg(long, value_name = "A")]
    pub annotator: Option<String>,
    /// Print one JSON object instead of lines.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `marginalia speakers`.
#[derive(Debug, clap::Args)]
pub struct SpeakersArgs {
    /// The folder.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Print everything this person said instead of the table.
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// How to print `--person`: Markdown or CSV.
    #[arg(long, value_name = "md|csv", default_value = "md", value_parser = ["md", "csv"])]
    pub format: String,
    /// Record in `marginalia-corpus.ron` that NAME is the person named by `--into`.
    #[arg(long, value_name = "NAME", requires = "into")]
    pub merge: Option<String>,
    /// The person `--merge` joins.
    #[arg(long, value_name = "NAME", requires = "merge")]
    pub into: Option<String>,
}

/// Reads the folder, or says why not.
fn open(dir: &Path) -> Option<Corpus> {
    Corpus::open(dir)
        .map_err(|error| eprintln!("error: {error}"))
        .ok()
}

fn relative(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn annotator_name(name: &str) -> &str {
    if name.is_empty() { "(no name)" } else { name }
}

/// `marginalia import DIR|FILES...`
pub fn import(args: &ImportArgs) -> ExitCode {
    if args.output.is_some() || args.title.is_some() || args.force {
        eprintln!("error: -o, --title and --force name one file: import one article to use them");
        return ExitCode::from(2);
    }
    let mut outcomes: Vec<(PathBuf, Outcome)> = Vec::new();
    let mut unreadable = 0;
    for path in &args.articles {
        if path.is_dir() {
            let Some(corpus) = open(path) else {
                unreadable += 1;
                continue;
            };
            let settings = Settings {
                annotator: args.annotator.clone(),
                source: args.source.clone(),
                labels: corpus.config.new_file_labels(),
                scale: corpus.config.scale.clone(),
            };
            outcomes.extend(
                marginalia_corpus::import::import_missing(&corpus, &settings)
                    .into_iter()
                    .map(|(article, outcome)| (path.join(article), outcome)),
            );
        } else {
            let settings = Settings {
                annotator: args.annotator.clone(),
                source: args.source.clone(),
                labels: Vec::new(),
                scale: None,
            };
            outcomes.push((
                path.clone(),
                marginalia_corpus::import::import_one(path, &settings),
            ));
        }
    }
    let (mut written, mut skipped, mut failed) = (0, 0, unreadable);
    for (shown, outcome) in &outcomes {
        match outcome {
            Outcome::Written(path) => {
                written += 1;
                outln!("wrote {}", path.display());
            }
            Outcome::Skipped => skipped += 1,
            Outcome::Failed(why) => {
                failed += 1;
                eprintln!("error: {}: {why}", shown.display());
            }
        }
    }
    outln!("{written} imported, {skipped} skipped (already have a file), {failed} failed");
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `marginalia corpus status DIR`
pub fn status(args: &StatusArgs) -> ExitCode {
    let Some(corpus) = open(&args.dir) else {
        return ExitCode::FAILURE;
    };
    if args.json {
        outln!("{}", status_json(&corpus));
    } else {
        out!("{}", status_text(&corpus));
    }
    ExitCode::SUCCESS
}

/// The corpus status as the JSON `corpus status --json` prints.
pub fn status_json(corpus: &Corpus) -> serde_json::Value {
    let articles: Vec<serde_json::Value> = corpus
        .articles
        .iter()
        .map(|article| {
            let files: Vec<serde_json::Value> = article
                .files
                .iter()
                .map(|file| {
                    json!({
                        "path": relative(&file.path),
                        "annotator": file.annotator(),
                        "status": file.doc.status().id(),
                        "annotations": file.doc.annotations().len(),
                        "per_label": per_label(&file.doc),
                    })
                })
                .collect();
            json!({
                "sha256": article.sha256,
                "title": article.title,
                "article_path": article.article_path.as_deref().map(relative),
                "files": files,
            })
        })
        .collect();
    let problems: Vec<serde_json::Value> = corpus
        .problems
        .iter()
        .map(|p| json!({"path": relative(&p.path), "message": p.message}))
        .collect();
    json!({
        "name": corpus.config.name,
        "articles": articles,
        "annotators": corpus.annotators(),
        "problems": problems,
    })
}

fn status_text(corpus: &Corpus) -> String {
    let mut out = String::new();
    let annotators = corpus.annotators();
    let name = if corpus.config.name.is_empty() {
        corpus.root.display().to_string()
    } else {
        corpus.config.name.clone()
    };
    let _ = writeln!(
        out,
        "{name}: {} article(s), {} annotator(s), {} problem(s)",
        corpus.articles.len(),
        annotators.len(),
        corpus.problems.len()
    );
    for article in &corpus.articles {
        let _ = writeln!(
            out,
            "\n{} ({}, {} characters)",
            article.title,
            article
                .display_path()
                .map_or_else(|| "no file".to_owned(), relative),
            article.len_chars
        );
        if article.files.is_empty() {
            let _ = writeln!(out, "    not imported yet");
        }
        for file in &article.files {
            let _ = writeln!(
                out,
                "    {:<20} {:<12} {}",
                annotator_name(file.annotator()),
                file.doc.status().name(),
                corpora::counts_text(&per_label(&file.doc))
            );
        }
    }
    if !annotators.is_empty() {
        out.push('\n');
    }
    for annotator in &annotators {
        let _ = writeln!(
            out,
            "{}: {} of {} done",
            annotator_name(annotator),
            corpus.done_by(annotator),
            corpus.articles.len()
        );
    }
    problems_text(&mut out, corpus);
    out
}

fn problems_text(out: &mut String, corpus: &Corpus) {
    if corpus.problems.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nProblems");
    for problem in &corpus.problems {
        let _ = writeln!(out, "  {}: {}", relative(&problem.path), problem.message);
    }
}

/// `marginalia search DIR [TEXT]`
pub fn search(args: &SearchArgs) -> ExitCode {
    let Some(corpus) = open(&args.dir) else {
        return ExitCode::FAILURE;
    };
    let query = Query {
        text: args.text.join(" "),
        speaker: args.speaker.clone().unwrap_or_default(),
        label: args.label.clone().unwrap_or_default(),
        annotator: args.annotator.clone().unwrap_or_default(),
    };
    let index = SearchIndex::build(&corpus);
    let hits = index.find(&corpus, &query);
    let matches: Vec<_> = hits
        .iter()
        .filter_map(|hit| describe(&corpus, *hit))
        .collect();
    if args.json {
        outln!("{}", json!({ "matches": matches }));
    } else {
        let mut out = String::new();
        let mut title: Option<&str> = None;
        let mut articles = 0;
        for m in &matches {
            if title != Some(m.title.as_str()) {
                title = Some(&m.title);
                articles += 1;
                let _ = writeln!(out, "\n{}", isolated(&m.title));
            }
            let quote = marginalia_core::excerpt::collapse_whitespace(&m.text);
            let _ = writeln!(
                out,
                "    {} #{} {} [{}, {}) {}: “{}”",
                isolated(annotator_name(&m.annotator)),
                m.id,
                isolated(&m.label),
                m.start,
                m.end,
                isolated(m.speaker.as_deref().unwrap_or("no speaker")),
                isolated(&quote),
            );
        }
        let _ = writeln!(
            out,
            "\n{} match(es) in {articles} article(s)",
            matches.len()
        );
        out!("{}", out.trim_start());
    }
    if matches.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `marginalia speakers DIR`
pub fn speakers(args: &SpeakersArgs) -> ExitCode {
    let Some(mut corpus) = open(&args.dir) else {
        return ExitCode::FAILURE;
    };
    if let (Some(name), Some(into)) = (&args.merge, &args.into) {
        return merge_speakers(&mut corpus, name, into);
    }
    let people = people(&corpus);
    if let Some(name) = &args.person {
        let Some(person) = speakers::find(&people, name) else {
            eprintln!(
                "error: nobody named {name:?} is quoted in {}; `marginalia speakers {}` lists everyone",
                args.dir.display(),
                args.dir.display()
            );
            return ExitCode::FAILURE;
        };
        if args.format == "csv" {
            match speakers::quotes_csv(person) {
                Ok(text) => out!("{text}"),
                Err(error) => {
                    eprintln!("error: {error}");
                    return ExitCode::FAILURE;
                }
            }
        } else {
            out!("{}", speakers::quotes_markdown(person));
        }
        return ExitCode::SUCCESS;
    }
    if args.json {
        outln!("{}", json!({ "speakers": people }));
        return ExitCode::SUCCESS;
    }
    let mut out = String::new();
    for person in &people {
        let aliases = if person.aliases.is_empty() {
            String::new()
        } else {
            format!(" (also {})", person.aliases.join(", "))
        };
        let record = match corpora::speakers::person_record(person) {
            record if record.is_empty() => record,
            record => format!("; {record}"),
        };
        let _ = writeln!(
            out,
            "{}{aliases}: {} article(s), {}{record}",
            person.name,
            person.articles,
            corpora::speakers::person_counts(person)
        );
    }
    let _ = writeln!(out, "{} person(s)", people.len());
    out!("{out}");
    ExitCode::SUCCESS
}

/// Records that `name` is the person `into`, in `marginalia-corpus.ron`.
fn merge_speakers(corpus: &mut Corpus, name: &str, into: &str) -> ExitCode {
    let found = people(corpus);
    let person =
        speakers::find(&found, into).map_or_else(|| into.trim().to_owned(), |p| p.name.clone());
    let mut config = corpus.config.clone();
    config.merge_people(name, &person);
    if let Err(error) = config.write(&corpus.root) {
        eprintln!(
            "error: cannot write {}: {error}; nothing was changed",
            corpus.root.join(corpora::CONFIG_FILE).display()
        );
        return ExitCode::FAILURE;
    }
    outln!(
        "{:?} is now {:?} (kept in {})",
        name.trim(),
        person,
        corpus.root.join(corpora::CONFIG_FILE).display()
    );
    ExitCode::SUCCESS
}

/// `marginalia export DIR`: every annotation file of the folder.
pub fn export(dir: &Path, args: &ExportArgs) -> ExitCode {
    let Some(corpus) = open(dir) else {
        return ExitCode::FAILURE;
    };
    for problem in &corpus.problems {
        eprintln!(
            "warning: {}: {} (left out)",
            relative(&problem.path),
            problem.message
        );
    }
    let files: Vec<&marginalia_corpus::CorpusFile> =
        corpus.articles.iter().flat_map(|a| &a.files).collect();
    let names = export_names(&files);
    let sources: Vec<io::export::Source<'_>> = files
        .iter()
        .zip(&names)
        .map(|(file, name)| io::export::Source {
            doc: &file.doc,
            name,
        })
        .collect();
    let options = io::export::Options {
        publisher: args
            .publisher
            .as_deref()
            .unwrap_or(&corpus.config.publisher),
    };
    super::write_export(args.format, &sources, options, args.output.as_deref())
}

/// A distinct short name per file: its stem, or its path within the folder where stems repeat.
fn export_names(files: &[&marginalia_corpus::CorpusFile]) -> Vec<String> {
    let stems: Vec<String> = files.iter().map(|f| io::file_stem(&f.path)).collect();
    stems
        .iter()
        .zip(files)
        .map(|(stem, file)| {
            if stems.iter().filter(|s| *s == stem).count() == 1 {
                stem.clone()
            } else {
                relative(&file.path.with_extension("")).replace('/', "--")
            }
        })
        .collect()
}

/// `marginalia compare DIR`
pub fn compare(dir: &Path, as_json: bool) -> ExitCode {
    let Some(corpus) = open(dir) else {
        return ExitCode::FAILURE;
    };
    let pairs = compare::pairs(&corpus);
    if as_json {
        outln!("{}", json!({ "pairs": pairs }));
    } else {
        out!("{}", compare_text(&corpus, &pairs));
    }
    ExitCode::SUCCESS
}

fn compare_text(corpus: &Corpus, pairs: &[PairAgreement]) -> String {
    let mut out = String::new();
    if pairs.is_empty() {
        let _ = writeln!(
            out,
            "No two annotators share an article in {}: nothing to compare.",
            corpus.root.display()
        );
    }
    for pair in pairs {
        let (a, b) = (annotator_name(&pair.a), annotator_name(&pair.b));
        let alpha: Vec<String> = pair
            .alpha_u
            .per_label
            .iter()
            .map(|(label, v)| format!("{label} {v:.3}"))
            .collect();
        let _ = writeln!(
            out,
            "{a} and {b}: {} article(s)\n  exact {}, boundary {}, label conflicts {}, only {a} {}, only {b} {}\n  \
             exact F1 {}, overlap F1 {}, kappa (mean) {}, alpha_U {} ({})",
            pair.articles,
            pair.exact,
            pair.boundary,
            pair.label_conflicts,
            pair.only_a,
            pair.only_b,
            figure(pair.exact_f1),
            figure(pair.overlap_f1),
            figure(pair.kappa_mean),
            figure(pair.alpha_u.all),
            alpha.join(", "),
        );
        let v = &pair.verdicts;
        if v.rated > 0 {
            let _ = writeln!(
                out,
                "  verdicts: {} claim(s) both rated, {} the same; weighted kappa (quadratic) {}, \
                 alpha (ordinal) {}",
                v.rated,
                v.same_rating,
                figure(v.weighted_kappa),
                figure(v.alpha_ordinal)
            );
        }
        let _ = writeln!(out, "  most differences first:");
        for article in compare::by_disagreement(pair) {
            let _ = writeln!(
                out,
                "    {:>3} difference(s)  exact F1 {}  {}",
                article.differences,
                figure(article.exact_f1),
                article.title
            );
        }
        out.push('\n');
    }
    problems_text(&mut out, corpus);
    out
}
