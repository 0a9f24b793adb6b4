//! Writes a benchmark corpus: `corpus_fixture FOLDER ARTICLES ANNOTATED` writes ARTICLES
//! news-sized articles to FOLDER, the first ANNOTATED with two annotators' files each, for the
//! whole-process corpus figures in benches/process.sh.
fn main() {
    let mut args = std::env::args().skip(1);
    let folder = args.next().unwrap_or_else(|| ".".to_owned());
    let number =
        |arg: Option<String>, default: usize| arg.and_then(|a| a.parse().ok()).unwrap_or(default);
    let articles = number(args.next(), 2_000);
    let annotated = number(args.next(), articles);
    if let Err(error) =
        marginalia_fixtures::write_corpus(std::path::Path::new(&folder), articles, annotated)
    {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
    println!("wrote {articles} articles, {annotated} with two annotators' files, to {folder}");
}
