//! The command line: argument definitions and the headless subcommands, built on `core` and
//! `io`. Every subcommand reports failure through its exit code and never panics.

/// `print!` that ends the process quietly when the reader of standard output has gone (`|
/// head`), as ripgrep does, instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::write_out(format_args!($($arg)*)) };
}

/// `println!` that ends the process quietly when the reader of standard output has gone.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::write_out(format_args!("{}\n", format_args!($($arg)*))) };
}

mod corpus;
mod suggest;

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use marginalia_core::direction::isolated;
use marginalia_core::review::{Pair, PairKind, Review};
use marginalia_core::{Annotation, AnnotationId, Document, Threads};
use marginalia_io::{self as io, format::LoadError};

/// Annotate who said what in news articles: claims, denials and reactions.
#[derive(Debug, Parser)]
#[command(name = "marginalia", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do without a window.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// An article (.txt, .md, .html, .pdf, .eml, .docx, .odt), an annotation file (.ron) or a folder of articles (a
    /// corpus) to open in the window.
    pub file: Option<PathBuf>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import articles into new annotation files with no annotations: one article, several,
    /// or every article of a folder that has no annotation file yet.
    Import(ImportArgs),
    /// What a folder of articles holds: every article, each annotator's counts and status.
    #[command(subcommand)]
    Corpus(CorpusCommand),
    /// Search the quotes, notes and speakers of every annotation file in a folder.
    Search(corpus::SearchArgs),
    /// Every person quoted across a folder, with their quotes per label.
    Speakers(corpus::SpeakersArgs),
    /// Load and check annotation files; print a summary of each, or every problem found.
    Check(CheckArgs),
    /// Print the claim threads of an annotation file as indented plain text.
    Threads(ThreadsArgs),
    /// Export labelled spans to CSV, JSONL, brat, W3C Web Annotation, Markdown or HTML.
    Export(ExportArgs),
    /// Compare a colleague's annotations with mine (two files), or every two annotators of a
    /// folder: agreement figures and differences.
    Compare(CompareArgs),
    /// Write mine plus every annotation only they have (conflicts keep mine).
    Merge(MergeArgs),
    /// Suggest the quotations of an article and who said them: an article, an annotation
    /// file's text, or every article of a folder.
    Suggest(suggest::SuggestArgs),
    /// Place an annotation file's annotations again: on a new version of its article, or on
    /// its own text after that was edited by hand.
    Reanchor(ReanchorArgs),
}

/// Arguments of `marginalia reanchor`.
#[derive(Debug, clap::Args)]
pub struct ReanchorArgs {
    /// The annotation file.
    #[arg(value_name = "FILE.ron")]
    pub file: PathBuf,
    /// The new version of the article (.txt, .md, .html, .pdf, .eml, .docx, .odt); without it, the annotations are
    /// placed again on the text the file holds (after that text was edited by hand).
    #[arg(long, value_name = "NEW")]
    pub article: Option<PathBuf>,
    /// Where to write the re-anchored file.
    #[arg(short, long, value_name = "OUT.ron", required = true)]
    pub output: PathBuf,
    /// Replace OUT when it exists.
    #[arg(long)]
    pub force: bool,
}

/// The subcommands of `marginalia corpus`.
#[derive(Debug, Subcommand)]
pub enum CorpusCommand {
    /// Every article of a folder, with each annotator's counts per label and status.
    Status(corpus::StatusArgs),
}

/// Arguments of `marginalia compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// My annotation file, or a folder of articles to compare every two annotators in.
    #[arg(value_name = "MINE.ron|DIR")]
    pub mine: PathBuf,
    /// Their annotation file (not with a folder).
    #[arg(value_name = "THEIRS.ron")]
    pub theirs: Option<PathBuf>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `marginalia merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// My annotation file.
    #[arg(value_name = "MINE.ron")]
    pub mine: PathBuf,
    /// Their annotation file.
    #[arg(value_name = "THEIRS.ron")]
    pub theirs: PathBuf,
    /// Where to write the merge (MINE is only replaced when named here).
    #[arg(short, long, value_name = "OUT.ron", required = true)]
    pub output: PathBuf,
    /// Replace OUT when it exists and is not MINE.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `marginalia export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Annotation files to export together, or a folder: every annotation file in it.
    #[arg(required = true, value_name = "FILE.ron|DIR")]
    pub files: Vec<PathBuf>,
    /// The format.
    #[arg(short, long, value_parser = export_format())]
    pub format: io::export::Format,
    /// Where to write: a file, or a folder for brat [default: standard output].
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The organisation that publishes the fact-checks (the author of each review) [default: a
    /// folder's `publisher` in marginalia-corpus.ron].
    #[arg(long, value_name = "NAME")]
    pub publisher: Option<String>,
}

/// Parses `--format` from the export formats' short names, listing them in `--help`.
fn export_format() -> impl clap::builder::TypedValueParser<Value = io::export::Format> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(io::export::Format::ALL.map(io::export::Format::id))
        .map(|id| io::export::Format::from_id(&id).unwrap_or(io::export::Format::Csv))
}

/// Arguments of `marginalia threads`.
#[derive(Debug, clap::Args)]
pub struct ThreadsArgs {
    /// The annotation file.
    #[arg(value_name = "FILE.ron")]
    pub file: PathBuf,
}

/// Arguments of `marginalia import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Articles (.txt, .md, .html, .pdf, .eml, .docx, .odt), or folders: every article in them with no annotation file
    /// yet.
    #[arg(required = true, value_name = "ARTICLE|DIR")]
    pub articles: Vec<PathBuf>,
    /// The annotation file to write, for one article [default: ARTICLE.ANNOTATOR.ron beside
    /// it, or ARTICLE.ron without --annotator].
    #[arg(short, long, value_name = "FILE.ron")]
    pub output: Option<PathBuf>,
    /// The article's title [default: its headline, or its file name].
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// The publisher or outlet.
    #[arg(long, value_name = "S", default_value = "")]
    pub source: String,
    /// Where the article was published.
    #[arg(long, value_name = "U", default_value = "")]
    pub url: String,
    /// Who will annotate it.
    #[arg(long, value_name = "NAME", default_value = "")]
    pub annotator: String,
    /// Replace the output file when it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `marginalia check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Annotation files to check.
    #[arg(required = true, value_name = "FILE.ron")]
    pub files: Vec<PathBuf>,
}

/// Runs a headless subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Import(args) => {
            let single = matches!(args.articles.as_slice(), [one] if !one.is_dir());
            if single {
                import(&args)
            } else {
                corpus::import(&args)
            }
        }
        Command::Corpus(CorpusCommand::Status(args)) => corpus::status(&args),
        Command::Search(args) => corpus::search(&args),
        Command::Speakers(args) => corpus::speakers(&args),
        Command::Check(args) => check(&args.files),
        Command::Export(args) => export(&args),
        Command::Compare(args) => compare(&args),
        Command::Merge(args) => merge(&args),
        Command::Reanchor(args) => reanchor(&args),
        Command::Suggest(args) => suggest::run(&args),
        Command::Threads(args) => match io::format::load(&args.file) {
            Ok(doc) => {
                out!("{}", threads_text(&doc));
                ExitCode::SUCCESS
            }
            Err(error) => {
                print_load_error(&error);
                ExitCode::FAILURE
            }
        },
    }
}

fn import(args: &ImportArgs) -> ExitCode {
    let Some(article) = args.articles.first() else {
        return ExitCode::from(2);
    };
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| marginalia_corpus::default_file_name(article, &args.annotator));
    if output == *article {
        eprintln!(
            "error: the output {} would replace the article; name another with -o",
            output.display()
        );
        return ExitCode::FAILURE;
    }
    if output.exists() && !args.force {
        eprintln!(
            "error: {} exists already; choose another name with -o, or pass --force to replace it",
            output.display()
        );
        return ExitCode::FAILURE;
    }
    let options = io::NewDocumentOptions {
        title: args.title.clone(),
        source: args.source.clone(),
        url: args.url.clone(),
        annotator: args.annotator.clone(),
        labels: Vec::new(),
        scale: None,
    };
    let (mut doc, imported) = match io::new_document(article, Some(&output), options) {
        Ok(found) => found,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    doc.modified = io::format::now_rfc3339();
    if let Err(error) = io::format::save(&doc, &output) {
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    outln!(
        "wrote {}: {:?}, {} characters, {}",
        output.display(),
        doc.article.title,
        doc.article.len_chars(),
        imported.read_as(),
    );
    ExitCode::SUCCESS
}

fn export(args: &ExportArgs) -> ExitCode {
    if args.format == io::export::Format::Brat && args.output.is_none() {
        eprintln!("error: brat export writes a folder: name one with -o DIR");
        return ExitCode::from(2);
    }
    if args.format.is_binary() && args.output.is_none() && std::io::stdout().is_terminal() {
        eprintln!(
            "error: an {} export is a binary file: name one with -o FILE.{0}, or redirect the output",
            args.format.id()
        );
        return ExitCode::from(2);
    }
    if let [folder] = args.files.as_slice()
        && folder.is_dir()
    {
        return corpus::export(folder, args);
    }
    let mut docs = Vec::new();
    for path in &args.files {
        match io::format::load(path) {
            Ok(doc) => docs.push((doc, io::file_stem(path))),
            Err(error) => {
                print_load_error(&error);
                return ExitCode::FAILURE;
            }
        }
    }
    let sources: Vec<io::export::Source<'_>> = docs
        .iter()
        .map(|(doc, name)| io::export::Source { doc, name })
        .collect();
    let options = io::export::Options {
        publisher: args.publisher.as_deref().unwrap_or_default(),
    };
    write_export(args.format, &sources, options, args.output.as_deref())
}

/// Writes `sources` in `format` to `output` (standard output without one) and says how many
/// annotations of how many files went there.
fn write_export(
    format: io::export::Format,
    sources: &[io::export::Source<'_>],
    options: io::export::Options<'_>,
    output: Option<&Path>,
) -> ExitCode {
    let result = match output {
        Some(out) => io::export::write_to_path(format, sources, options, out),
        None => io::export::write_stream(format, sources, options, &mut std::io::stdout().lock()),
    };
    match result {
        Ok(()) => {
            if let Some(out) = output {
                let count: usize = sources.iter().map(|s| s.doc.annotations().len()).sum();
                eprintln!(
                    "wrote {count} annotation(s) of {} file(s) to {}",
                    sources.len(),
                    out.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Loads mine and theirs, both at once, or prints why not (mine's problem first).
fn load_pair(mine: &Path, theirs: &Path) -> Option<(Document, Document)> {
    let (mine, theirs) = std::thread::scope(|scope| {
        let theirs = scope.spawn(|| io::format::load(theirs));
        let mine = io::format::load(mine);
        let theirs = theirs
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (mine, theirs)
    });
    let load =
        |loaded: Result<Document, LoadError>| loaded.map_err(|error| print_load_error(&error)).ok();
    Some((load(mine)?, load(theirs)?))
}

fn compare(args: &CompareArgs) -> ExitCode {
    let theirs_path = match (&args.theirs, args.mine.is_dir()) {
        (None, true) => return corpus::compare(&args.mine, args.json),
        (Some(_), true) => {
            eprintln!(
                "error: {} is a folder: compare a folder alone (`marginalia compare DIR`), or two files",
                args.mine.display()
            );
            return ExitCode::from(2);
        }
        (None, false) => {
            eprintln!(
                "error: name their file too (`marginalia compare MINE.ron THEIRS.ron`), or a folder"
            );
            return ExitCode::from(2);
        }
        (Some(theirs), false) => theirs,
    };
    let Some((mine, theirs)) = load_pair(&args.mine, theirs_path) else {
        return ExitCode::FAILURE;
    };
    let review = Review::new(&mine, &theirs);
    if args.json {
        outln!("{}", compare_json(&mine, &review));
    } else {
        out!(
            "{}",
            compare_text(&args.mine, theirs_path, &mine, &theirs, &review)
        );
    }
    ExitCode::SUCCESS
}

fn merge(args: &MergeArgs) -> ExitCode {
    let same_as_mine =
        std::path::absolute(&args.output).ok() == std::path::absolute(&args.mine).ok();
    if args.output.exists() && !same_as_mine && !args.force {
        eprintln!(
            "error: {} exists already; name another with -o, or pass --force to replace it",
            args.output.display()
        );
        return ExitCode::FAILURE;
    }
    let Some((mut mine, theirs)) = load_pair(&args.mine, &args.theirs) else {
        return ExitCode::FAILURE;
    };
    let review = Review::new(&mine, &theirs);
    let taken = review.pairing.only_theirs.len();
    if let Err(problem) = mine.apply(review.take_only_theirs(&mine, &theirs)) {
        eprintln!("error: the merge breaks a rule ({problem}); nothing was written");
        return ExitCode::FAILURE;
    }
    mine.modified = io::format::now_rfc3339();
    if let Err(error) = io::format::save(&mine, &args.output) {
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    outln!(
        "wrote {}: mine plus {taken} annotation(s) only they have, {} of theirs kept as orphans; \
         {} label conflict(s) and {} boundary difference(s) kept as mine",
        args.output.display(),
        review.orphans.len(),
        review.pairing.of_kind(PairKind::LabelConflict).count(),
        review.pairing.of_kind(PairKind::Boundary).count(),
    );
    ExitCode::SUCCESS
}

fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.3}"))
}

fn span_summary(doc_labels: &Document, ann: &Annotation) -> String {
    let label = doc_labels.label_name(ann);
    let short = marginalia_core::excerpt::excerpt(&ann.exact, 71);
    // Hebrew or Arabic set apart, so a terminal that orders text by the bidirectional
    // algorithm keeps the brackets and numbers around it in place.
    format!(
        "#{} {} [{}, {}) “{}”",
        ann.id,
        isolated(label),
        ann.start,
        ann.end,
        isolated(&short)
    )
}

/// The agreement table and the differences, as plain text.
pub fn compare_text(
    mine_path: &Path,
    theirs_path: &Path,
    mine: &Document,
    theirs: &Document,
    review: &Review,
) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Mine:   {} ({}, {} annotations)\nTheirs: {} ({}, {} annotations)",
        mine_path.display(),
        if mine.annotator.is_empty() {
            "no annotator"
        } else {
            &mine.annotator
        },
        mine.annotations().len(),
        theirs_path.display(),
        if theirs.annotator.is_empty() {
            "no annotator"
        } else {
            &theirs.annotator
        },
        theirs.annotations().len(),
    );
    if review.same_text {
        let _ = writeln!(out, "Same text (equal SHA-256).");
    } else if review.theirs.is_empty() && !review.orphans.is_empty() {
        let _ = writeln!(
            out,
            "These look like two different articles: none of their {} annotations' quotes \
             occur in mine, so nothing can be compared. Compare files of the same article.",
            review.orphans.len()
        );
    } else {
        let _ = writeln!(
            out,
            "The texts differ: {} of their annotations placed on mine by quote, {} could not be placed.",
            review.theirs.len(),
            review.orphans.len()
        );
    }
    agreement_table(&mut out, mine, review);
    let _ = writeln!(out, "(kappa for all is the mean over the labels)");
    for (kind, title) in [
        (PairKind::LabelConflict, "Label conflicts"),
        (PairKind::Boundary, "Boundary differences"),
    ] {
        let pairs: Vec<&Pair> = review.pairing.of_kind(kind).collect();
        let _ = writeln!(out, "\n{title} ({})", pairs.len());
        for pair in pairs {
            if let (Some(m), Some(t)) = (mine.annotation(pair.mine), review.their(pair.theirs)) {
                let _ = writeln!(
                    out,
                    "  mine   {}\n  theirs {}",
                    span_summary(mine, m),
                    span_summary(theirs, t)
                );
            }
        }
    }
    let _ = writeln!(out, "\nOnly mine ({})", review.pairing.only_mine.len());
    for ann in review
        .pairing
        .only_mine
        .iter()
        .filter_map(|id| mine.annotation(*id))
    {
        let _ = writeln!(out, "  {}", span_summary(mine, ann));
    }
    let _ = writeln!(out, "\nOnly theirs ({})", review.pairing.only_theirs.len());
    for ann in review
        .pairing
        .only_theirs
        .iter()
        .filter_map(|id| review.their(*id))
    {
        let _ = writeln!(out, "  {}", span_summary(theirs, ann));
    }
    if !review.orphans.is_empty() {
        let _ = writeln!(
            out,
            "\nTheirs that could not be placed on my text ({})",
            review.orphans.len()
        );
        for ann in &review.orphans {
            let _ = writeln!(out, "  {}", span_summary(theirs, ann));
        }
    }
    out
}

/// The agreement table: a row per label, then all.
fn agreement_table(out: &mut String, mine: &Document, review: &Review) {
    use std::fmt::Write as _;
    let a = &review.agreement;
    let _ = writeln!(
        out,
        "\n{:<14} {:>5} {:>6} {:>6} {:>8} {:>9} {:>11} {:>7}",
        "label", "mine", "theirs", "exact", "boundary", "exact F1", "overlap F1", "kappa"
    );
    for (label, l) in &a.per_label {
        let _ = writeln!(
            out,
            "{:<14} {:>5} {:>6} {:>6} {:>8} {:>9} {:>11} {:>7}",
            label,
            l.mine,
            l.theirs,
            l.exact,
            l.boundary,
            figure(l.exact_f1),
            figure(l.overlap_f1),
            figure(l.kappa)
        );
    }
    let _ = writeln!(
        out,
        "{:<14} {:>5} {:>6} {:>6} {:>8} {:>9} {:>11} {:>7}",
        "all",
        mine.annotations().len(),
        review.theirs.len(),
        review.pairing.of_kind(PairKind::Exact).count(),
        review.pairing.of_kind(PairKind::Boundary).count(),
        figure(a.exact_f1),
        figure(a.overlap_f1),
        figure(a.kappa_mean)
    );
    let v = &a.verdicts;
    if v.rated > 0 {
        let _ = writeln!(
            out,
            "\nverdicts: {} claim(s) both rated, {} the same; weighted kappa (quadratic) {}",
            v.rated,
            v.same_rating,
            figure(v.weighted_kappa)
        );
    }
}

/// `marginalia compare --json`: the figures, then every difference with both spans. Written
/// straight from the review (no JSON tree in between: the large fixture has thousands).
pub fn compare_json(mine: &Document, review: &Review) -> String {
    #[derive(serde::Serialize)]
    struct Span<'a> {
        id: u64,
        label: &'a str,
        start: usize,
        end: usize,
        text: &'a str,
    }
    #[derive(serde::Serialize)]
    struct Difference<'a> {
        kind: &'static str,
        mine: Option<Span<'a>>,
        theirs: Option<Span<'a>>,
    }
    #[derive(serde::Serialize)]
    struct Compare<'a> {
        exact_f1: Option<f64>,
        overlap_f1: Option<f64>,
        kappa_mean: Option<f64>,
        exact: usize,
        boundary: usize,
        label_conflicts: usize,
        only_mine: usize,
        only_theirs: usize,
        orphans: usize,
        per_label: &'a std::collections::BTreeMap<String, marginalia_core::review::LabelAgreement>,
        verdicts: &'a marginalia_core::review::VerdictAgreement,
        differences: Vec<Difference<'a>>,
    }
    fn span(ann: &Annotation) -> Span<'_> {
        Span {
            id: ann.id.0,
            label: &ann.label,
            start: ann.start,
            end: ann.end,
            text: &ann.exact,
        }
    }
    let mut differences = Vec::new();
    for pair in &review.pairing.pairs {
        let kind = match pair.kind {
            PairKind::Exact => continue,
            PairKind::LabelConflict => "label_conflict",
            PairKind::Boundary => "boundary",
        };
        if let (Some(m), Some(t)) = (mine.annotation(pair.mine), review.their(pair.theirs)) {
            differences.push(Difference {
                kind,
                mine: Some(span(m)),
                theirs: Some(span(t)),
            });
        }
    }
    let pairing = &review.pairing;
    let only_mine = pairing
        .only_mine
        .iter()
        .filter_map(|id| mine.annotation(*id));
    differences.extend(only_mine.map(|ann| Difference {
        kind: "only_mine",
        mine: Some(span(ann)),
        theirs: None,
    }));
    let only_theirs = pairing
        .only_theirs
        .iter()
        .filter_map(|id| review.their(*id));
    let orphans = review.orphans.iter();
    for (kind, ann) in only_theirs
        .map(|a| ("only_theirs", a))
        .chain(orphans.map(|a| ("orphan", a)))
    {
        differences.push(Difference {
            kind,
            mine: None,
            theirs: Some(span(ann)),
        });
    }
    let compare = Compare {
        exact_f1: review.agreement.exact_f1,
        overlap_f1: review.agreement.overlap_f1,
        kappa_mean: review.agreement.kappa_mean,
        exact: pairing.of_kind(PairKind::Exact).count(),
        boundary: pairing.of_kind(PairKind::Boundary).count(),
        label_conflicts: pairing.of_kind(PairKind::LabelConflict).count(),
        only_mine: pairing.only_mine.len(),
        only_theirs: pairing.only_theirs.len(),
        orphans: review.orphans.len(),
        per_label: &review.agreement.per_label,
        verdicts: &review.agreement.verdicts,
        differences,
    };
    // Serializing plain structs and numbers cannot fail.
    serde_json::to_string(&compare).unwrap_or_default()
}

fn reanchor(args: &ReanchorArgs) -> ExitCode {
    if args.output.exists() && !args.force {
        eprintln!(
            "error: {} exists already; name another with -o, or pass --force to replace it",
            args.output.display()
        );
        return ExitCode::FAILURE;
    }
    // A file whose own text was edited is placed again on that text first.
    let (old, own_text) = match io::format::load_reanchoring(&args.file) {
        Ok(loaded) => loaded,
        Err(error) => {
            print_load_error(&error);
            return ExitCode::FAILURE;
        }
    };
    if let Some(tally) = own_text
        && args.article.is_some()
    {
        outln!(
            "{}: its article text had been edited; on that text, {tally}",
            args.file.display()
        );
    }
    let (doc, tally) = match &args.article {
        None => {
            let tally = own_text.unwrap_or(marginalia_core::anchor::Tally {
                stayed: old.annotations().len(),
                ..Default::default()
            });
            let mut doc = old;
            doc.modified = io::format::now_rfc3339();
            (doc, tally)
        }
        Some(new_article) => {
            let imported = match io::import::import_article(new_article) {
                Ok(imported) => imported,
                Err(error) => {
                    eprintln!("error: {error}");
                    return ExitCode::FAILURE;
                }
            };
            let mut article = marginalia_core::Article::new(imported.text);
            article.title.clone_from(&old.article.title);
            article.source.clone_from(&old.article.source);
            article.url.clone_from(&old.article.url);
            article.date.clone_from(&old.article.date);
            article.path = io::relative_article_path(new_article, Some(&args.output));
            let parts = marginalia_core::DocumentParts {
                article,
                declared_sha256: None,
                annotator: old.annotator.clone(),
                modified: io::format::now_rfc3339(),
                status: old.status(),
                labels: old.labels().to_vec(),
                scale: old.scale().clone(),
                speakers: old.speakers().to_vec(),
                annotations: old.annotations().to_vec(),
                orphans: old.orphans().to_vec(),
                // Dismissals name spans of the old text.
                dismissed: Vec::new(),
            };
            let (parts, tally) = marginalia_core::anchor::reanchor_parts(parts);
            match Document::from_parts(parts) {
                Ok(doc) => (doc, tally),
                Err(problems) => {
                    eprintln!(
                        "error: the re-anchored file would break a rule; nothing was written"
                    );
                    for problem in problems {
                        eprintln!("  {problem}");
                    }
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    if let Err(error) = io::format::save(&doc, &args.output) {
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    outln!("wrote {}: {tally}", args.output.display());
    ExitCode::SUCCESS
}

fn check(files: &[PathBuf]) -> ExitCode {
    let mut all_valid = true;
    for path in files {
        match io::format::load(path) {
            Ok(doc) => {
                outln!("{}", summary_line(path, &doc));
                // What a file may hold but should not: it loads, and the user hears of it.
                for warning in marginalia_core::validate::warnings(&doc) {
                    outln!("  warning: {warning}");
                }
            }
            Err(error) => {
                all_valid = false;
                print_load_error(&error);
            }
        }
    }
    if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Writes to standard output; see [`out!`].
pub(crate) fn write_out(args: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    if let Err(error) = std::io::stdout().lock().write_fmt(args) {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write the output: {error}");
        std::process::exit(1);
    }
}

/// Prints a load error to standard error, one line per problem.
pub fn print_load_error(error: &LoadError) {
    match error {
        LoadError::Invalid { path, problems } => {
            eprintln!("error: {}: {} problem(s)", path.display(), problems.len());
            for problem in problems {
                eprintln!("  {problem}");
            }
        }
        other => eprintln!("error: {other}"),
    }
}

/// One line describing a valid file: title, size, annotations per label and speakers.
pub fn summary_line(path: &Path, doc: &Document) -> String {
    let per_label = doc
        .counts_per_label()
        .iter()
        .map(|(label, n)| format!("{} {n}", label.id))
        .collect::<Vec<_>>()
        .join(", ");
    let orphans = match doc.orphans().len() {
        0 => String::new(),
        n => format!(", {n} orphan(s)"),
    };
    let threads = Threads::of(doc);
    format!(
        "{}: ok: {:?}, {} characters, {} annotation(s) ({per_label}){orphans}, {} speaker(s), \
         {} thread(s), {} unanswered claim(s), {} response(s) answering nothing",
        path.display(),
        doc.article.title,
        doc.article.len_chars(),
        doc.annotations().len(),
        doc.speakers().len(),
        threads.threads.len(),
        threads.unanswered_claims.len(),
        threads.loose.len(),
    )
}

/// The threads of `doc` as indented plain text, ready to paste into a memo: each claim, then
/// the responses beneath it, each with its label and speaker.
pub fn threads_text(doc: &Document) -> String {
    use std::fmt::Write as _;
    let threads = Threads::of(doc);
    let mut out = String::new();
    let line = |out: &mut String, depth: usize, id: AnnotationId| {
        if let Some(ann) = doc.annotation(id) {
            // Writing to a String cannot fail.
            let _ = writeln!(out, "{}{}", "    ".repeat(depth), annotation_line(doc, ann));
        }
    };
    let _ = writeln!(out, "{}", doc.article.title);
    let _ = writeln!(
        out,
        "{} thread(s) · {} unanswered claim(s) · {} response(s) answering nothing",
        threads.threads.len(),
        threads.unanswered_claims.len(),
        threads.loose.len()
    );
    for thread in &threads.threads {
        out.push('\n');
        for (depth, id) in thread.walk() {
            line(&mut out, depth, id);
        }
    }
    for (heading, ids) in threads.outside_threads() {
        if ids.is_empty() {
            continue;
        }
        let _ = write!(out, "\n{heading}\n");
        for &id in ids {
            line(&mut out, 0, id);
        }
    }
    out
}

/// `Label — Speaker [#id]: “quote”`, white space in the quote collapsed.
fn annotation_line(doc: &Document, ann: &Annotation) -> String {
    let label = doc.label_name(ann);
    let speaker = doc
        .speaker_of(ann)
        .map_or("no speaker", |s| s.name.as_str());
    let quote = marginalia_core::excerpt::collapse_whitespace(&ann.exact);
    let mut line = format!(
        "{} — {} [#{}]: “{}”",
        isolated(label),
        isolated(speaker),
        ann.id,
        isolated(&quote)
    );
    if let (Some(verdict), Some(rating)) = (&ann.verdict, doc.rating_name(ann)) {
        line.push_str(" · verdict: ");
        line.push_str(&isolated(rating));
        let conclusion = marginalia_core::excerpt::collapse_whitespace(&verdict.conclusion);
        if !conclusion.is_empty() {
            line.push_str(" — ");
            line.push_str(&isolated(&conclusion));
        }
    }
    line
}
