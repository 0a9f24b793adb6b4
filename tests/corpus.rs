//! A folder of articles read as a corpus: grouping by text, status per annotator, the
//! problems a shared folder has (each named, the rest still working), and the corpus commands
//! run as a user runs them.

use std::path::Path;
use std::process::Output;

use marginalia_core::Status;
use marginalia_core::review::PairKind;
use marginalia_corpus::Corpus;
use serde_json::Value;

mod support;

use support::marginalia;

fn json_of(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&output.stdout));
    })
}

fn run(args: &[&str]) -> Output {
    marginalia(args)
}

fn problems_about(corpus: &Corpus, path: &str) -> Vec<String> {
    corpus
        .problems
        .iter()
        .filter(|p| p.path == Path::new(path))
        .map(|p| p.message.clone())
        .collect()
}

#[test]
fn the_sample_corpus_groups_files_by_article_with_each_status() {
    let corpus = Corpus::open(&support::sample("corpus")).unwrap();
    assert_eq!(corpus.articles.len(), 4);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_eq!(corpus.config.name, "Riverside coverage, November");
    assert_eq!(corpus.annotators(), ["Ana Ruiz", "Ben Okafor"]);
    let ledger = corpus
        .articles
        .iter()
        .find(|a| a.title.starts_with("Water bills"))
        .unwrap();
    assert_eq!(
        ledger.article_path.as_deref(),
        Some(Path::new("water-rates-ledger.txt"))
    );
    assert_eq!(ledger.files.len(), 2);
    assert_eq!(ledger.status_of("ana ruiz"), Status::Done);
    let library = corpus
        .articles
        .iter()
        .find(|a| a.title.starts_with("Central library"))
        .unwrap();
    assert!(library.files.is_empty());
    assert_eq!(library.status_of("Ana Ruiz"), Status::NotStarted);
    assert_eq!(corpus.done_by("Ana Ruiz"), 2);
    assert_eq!(corpus.done_by("Ben Okafor"), 1);
}

#[test]
fn status_json_lists_every_article_file_and_count() {
    let json = json_of(&run(&[
        "corpus",
        "status",
        support::sample("corpus").to_str().unwrap(),
        "--json",
    ]));
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 4);
    let library = articles
        .iter()
        .find(|a| a["article_path"] == "library-hours.html")
        .unwrap();
    assert_eq!(library["files"], serde_json::json!([]));
    assert_eq!(library["title"], "Central library to close on Sundays");
    let ledger = articles
        .iter()
        .find(|a| a["article_path"] == "water-rates-ledger.txt")
        .unwrap();
    let ana = &ledger["files"][0];
    assert_eq!(ana["path"], "water-rates-ledger.ana-ruiz.ron");
    assert_eq!(ana["annotator"], "Ana Ruiz");
    assert_eq!(ana["status"], "done");
    assert_eq!(ana["annotations"], 4);
    assert_eq!(
        ana["per_label"],
        serde_json::json!({"claim": 1, "denial": 2, "reaction": 1})
    );
    assert_eq!(ledger["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(
        json["annotators"],
        serde_json::json!(["Ana Ruiz", "Ben Okafor"])
    );
    assert_eq!(json["problems"], serde_json::json!([]));
}

#[test]
fn a_renamed_or_moved_file_still_belongs_to_its_article() {
    let (_dir, root) = support::corpus_copy();
    std::fs::create_dir(root.join("ben")).unwrap();
    std::fs::rename(
        root.join("water-rates-ledger.ben-okafor.ron"),
        root.join("ben/ledger-notes.ron"),
    )
    .unwrap();
    let corpus = Corpus::open(&root).unwrap();
    assert_eq!(corpus.articles.len(), 4, "no new article appears");
    let ledger = corpus
        .articles
        .iter()
        .find(|a| a.title.starts_with("Water bills"))
        .unwrap();
    let paths: Vec<&Path> = ledger.files.iter().map(|f| f.path.as_path()).collect();
    assert_eq!(
        paths,
        [
            Path::new("water-rates-ledger.ana-ruiz.ron"),
            Path::new("ben/ledger-notes.ron")
        ]
    );
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
}

#[test]
fn two_files_of_mine_for_one_article_are_a_problem_naming_both() {
    let (_dir, root) = support::corpus_copy();
    std::fs::copy(
        root.join("stadium-deal.ana-ruiz.ron"),
        root.join("stadium-deal.ana-ruiz-2.ron"),
    )
    .unwrap();
    let corpus = Corpus::open(&root).unwrap();
    let problems = problems_about(&corpus, "stadium-deal.ana-ruiz.ron");
    assert_eq!(problems.len(), 1, "{:?}", corpus.problems);
    assert!(
        problems[0].contains("two files") && problems[0].contains("stadium-deal.ana-ruiz-2.ron"),
        "{problems:?}"
    );
    // Both files are still listed; nothing was hidden.
    assert_eq!(corpus.articles.len(), 4);
    let stadium = corpus
        .articles
        .iter()
        .find(|a| a.title.starts_with("Governor"))
        .unwrap();
    assert_eq!(stadium.files.len(), 3);
}

#[test]
fn a_file_annotated_on_another_version_of_its_article_says_how_to_reanchor() {
    let (_dir, root) = support::corpus_copy();
    let article = root.join("stadium-deal.txt");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replace("on Monday", "on Monday morning")).unwrap();
    let corpus = Corpus::open(&root).unwrap();
    for file in ["stadium-deal.ana-ruiz.ron", "stadium-deal.ben-okafor.ron"] {
        let problems = problems_about(&corpus, file);
        assert_eq!(problems.len(), 1, "{file}: {:?}", corpus.problems);
        assert!(
            problems[0].contains("another version of stadium-deal.txt")
                && problems[0].contains("marginalia reanchor"),
            "{problems:?}"
        );
    }
    // The new text is an article of its own, not yet annotated; the old files keep theirs.
    assert_eq!(corpus.articles.len(), 5);
}

#[test]
fn unreadable_and_half_written_files_are_problems_and_the_rest_works() {
    let (_dir, root) = support::corpus_copy();
    std::fs::write(
        root.join("broken.ron"),
        "(format: \"marginalia\", version: 2, article: (",
    )
    .unwrap();
    let whole = std::fs::read_to_string(root.join("water-rates-herald.ben-okafor.ron")).unwrap();
    // A sync client halfway through writing a colleague's file.
    std::fs::write(
        root.join("water-rates-herald.colleague.ron"),
        &whole[..whole.len() / 2],
    )
    .unwrap();
    std::fs::write(root.join("scan.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let corpus = Corpus::open(&root).unwrap();
    let broken = problems_about(&corpus, "broken.ron");
    assert_eq!(broken.len(), 1, "{:?}", corpus.problems);
    assert!(broken[0].contains("1:"), "names the place: {broken:?}");
    let syncing = problems_about(&corpus, "water-rates-herald.colleague.ron");
    assert!(
        syncing[0].contains("may still be being written or synced"),
        "{syncing:?}"
    );
    let binary = problems_about(&corpus, "scan.txt");
    assert!(binary[0].contains("does not hold text"), "{binary:?}");
    assert_eq!(
        corpus.articles.len(),
        4,
        "the rest of the corpus still works"
    );
    assert_eq!(corpus.done_by("Ana Ruiz"), 2);
    let status = run(&["corpus", "status", root.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(text.contains("Problems\n  broken.ron: "), "{text}");
}

#[test]
fn refreshing_reads_a_colleagues_new_file_and_forgets_a_removed_one() {
    let (_dir, root) = support::corpus_copy();
    let mut corpus = Corpus::open(&root).unwrap();
    assert!(!corpus.refresh(), "nothing changed");
    let mut doc = marginalia_io::format::load(&root.join("stadium-deal.ben-okafor.ron")).unwrap();
    doc.annotator = "Chloé Martin".to_owned();
    marginalia_io::format::save(&doc, &root.join("stadium-deal.chloe-martin.ron")).unwrap();
    assert!(corpus.refresh());
    assert_eq!(
        corpus.annotators(),
        ["Ana Ruiz", "Ben Okafor", "Chloé Martin"]
    );
    std::fs::remove_file(root.join("stadium-deal.chloe-martin.ron")).unwrap();
    assert!(corpus.refresh());
    assert_eq!(corpus.annotators(), ["Ana Ruiz", "Ben Okafor"]);
}

#[test]
fn importing_a_folder_imports_only_what_has_no_file_and_reports_failures() {
    let (_dir, root) = support::corpus_copy();
    std::fs::write(root.join("scan.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::create_dir(root.join("more")).unwrap();
    std::fs::write(
        root.join("more/ferry.txt"),
        "Ferry fares frozen\n\n\"Fares stay where they are,\" said Ana Ruiz.\n",
    )
    .unwrap();
    let output = run(&["import", root.to_str().unwrap(), "--annotator", "Dana Lee"]);
    assert_eq!(output.status.code(), Some(1), "scan.txt failed");
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        out.contains("2 imported, 3 skipped (already have a file), 1 failed"),
        "{out}"
    );
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("scan.txt") && err.contains("does not hold text"),
        "{err}"
    );
    let ferry = marginalia_io::format::load(&root.join("more/ferry.dana-lee.ron")).unwrap();
    assert_eq!(ferry.annotator, "Dana Lee");
    assert_eq!(ferry.status(), Status::NotStarted);
    assert_eq!(ferry.article.path, "ferry.txt");
    let labels: Vec<&str> = ferry.labels().iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        labels,
        ["claim", "denial", "reaction"],
        "the corpus label set"
    );
    assert!(root.join("library-hours.dana-lee.ron").is_file());
    // Nobody else's file was touched, and a second run has nothing left to do.
    let again = run(&["import", root.to_str().unwrap(), "--annotator", "Dana Lee"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 imported, 5 skipped"));
}

#[test]
fn search_finds_quotes_notes_and_speakers_with_filters() {
    let dir = support::sample("corpus");
    let json = json_of(&run(&[
        "search",
        dir.to_str().unwrap(),
        "general",
        "fund",
        "--json",
    ]));
    let matches = json["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 4);
    let first = &matches[0];
    for key in [
        "path",
        "sha256",
        "title",
        "annotator",
        "id",
        "label",
        "start",
        "end",
        "text",
        "speaker",
    ] {
        assert!(first.get(key).is_some(), "{key} missing from {first}");
    }
    let by_speaker = json_of(&run(&[
        "search",
        dir.to_str().unwrap(),
        "--speaker",
        "ortiz",
        "--label",
        "Denial",
        "--annotator",
        "ben okafor",
        "--json",
    ]));
    let found = by_speaker["matches"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["text"], "Not one cent goes to the general fund");
    assert_eq!(found[0]["speaker"], "Lena Ortiz");
    let none = run(&["search", dir.to_str().unwrap(), "zebra"]);
    assert_eq!(
        none.status.code(),
        Some(1),
        "nothing found exits 1, as grep"
    );
}

#[test]
fn speakers_merge_titles_surnames_and_aliases_across_files() {
    let (_dir, root) = support::corpus_copy();
    let json = json_of(&run(&["speakers", root.to_str().unwrap(), "--json"]));
    let people = json["speakers"].as_array().unwrap();
    let named = |name: &str| people.iter().find(|p| p["name"] == name).cloned();
    let ortiz = named("Lena Ortiz").expect("one Lena Ortiz");
    assert_eq!(
        ortiz["aliases"],
        serde_json::json!(["Mayor Lena Ortiz", "Ortiz"])
    );
    assert_eq!(ortiz["articles"], 2);
    let becker = named("Tom Becker").unwrap();
    assert_eq!(
        becker["aliases"],
        serde_json::json!(["Becker", "Councillor Tom Becker"])
    );
    assert!(
        named("Paul Hanley").unwrap()["aliases"]
            .as_array()
            .unwrap()
            .contains(&Value::from("the governor"))
    );
    // A merge decided by hand is kept in the corpus file.
    let merge = run(&[
        "speakers",
        root.to_str().unwrap(),
        "--merge",
        "Sen. Rosa Delgado",
        "--into",
        "Rosa M. Delgado",
    ]);
    assert!(
        merge.status.success(),
        "{}",
        String::from_utf8_lossy(&merge.stderr)
    );
    let config = std::fs::read_to_string(root.join("marginalia-corpus.ron")).unwrap();
    assert!(config.contains("Rosa M. Delgado"), "{config}");
    let json = json_of(&run(&["speakers", root.to_str().unwrap(), "--json"]));
    let people = json["speakers"].as_array().unwrap();
    assert!(people.iter().any(|p| p["name"] == "Rosa M. Delgado"
        && p["aliases"] == serde_json::json!(["Sen. Rosa Delgado"])));
    // Everything a person said, as Markdown and CSV.
    let md = run(&[
        "speakers",
        root.to_str().unwrap(),
        "--person",
        "mayor ortiz",
    ]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.starts_with("# Lena Ortiz\n") && md.contains("> Not one cent"),
        "{md}"
    );
    let csv = run(&[
        "speakers",
        root.to_str().unwrap(),
        "--person",
        "Ortiz",
        "--format",
        "csv",
    ]);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    assert_eq!(reader.records().count(), 4);
}

#[test]
fn compare_pools_every_shared_article_of_two_annotators() {
    let dir = support::sample("corpus");
    let json = json_of(&run(&["compare", dir.to_str().unwrap(), "--json"]));
    let pairs = json["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 1);
    let pair = &pairs[0];
    assert_eq!(
        (&pair["a"], &pair["b"]),
        (&Value::from("Ana Ruiz"), &Value::from("Ben Okafor"))
    );
    assert_eq!(pair["articles"], 3);
    // Pooled counts are the sums of comparing each article's two files.
    let corpus = Corpus::open(&dir).unwrap();
    let (mut exact, mut boundary, mut sizes) = (0, 0, 0);
    for article in corpus.articles.iter().filter(|a| a.files.len() == 2) {
        let (a, b) = (&article.files[0].doc, &article.files[1].doc);
        let review = marginalia_core::review::Review::new(a, b);
        exact += review.pairing.of_kind(PairKind::Exact).count();
        boundary += review.pairing.of_kind(PairKind::Boundary).count();
        sizes += a.annotations().len() + b.annotations().len();
    }
    assert_eq!(pair["exact"], exact);
    assert_eq!(pair["boundary"], boundary);
    let f1 = pair["exact_f1"].as_f64().unwrap();
    assert!((f1 - 2.0 * exact as f64 / sizes as f64).abs() < 1e-12);
    let overlap = pair["overlap_f1"].as_f64().unwrap();
    assert!((overlap - 2.0 * (exact + boundary) as f64 / sizes as f64).abs() < 1e-12);
    assert_eq!(pair["per_article"].as_array().unwrap().len(), 3);
    let alpha = &pair["alpha_u"];
    for label in ["claim", "denial", "reaction"] {
        let value = alpha["per_label"][label].as_f64().unwrap();
        assert!((-1.0..=1.0).contains(&value), "{label}: {value}");
    }
    assert!(alpha["all"].is_f64() && alpha["mean"].is_f64());
}

#[test]
fn exporting_a_folder_writes_every_annotators_spans() {
    let dir = support::sample("corpus");
    let out = tempfile::tempdir().unwrap();
    let csv_path = out.path().join("all.csv");
    let output = run(&[
        "export",
        dir.to_str().unwrap(),
        "--format",
        "csv",
        "-o",
        csv_path.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        rows.len(),
        4 + 4 + 4 + 2 + 3,
        "every annotation of every file"
    );
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    use std::io::Read as _;
    let dir = tempfile::tempdir().unwrap();
    // About 94 KB of JSON: more than a pipe holds, so the writer meets the closed end.
    marginalia_fixtures::write_corpus(dir.path(), 200, 200).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(["corpus", "status", dir.path().to_str().unwrap(), "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut start = [0u8; 16];
    stdout.read_exact(&mut start).unwrap();
    assert_eq!(&start[..12], b"{\"name\":\"\",\"");
    // Like `| head -c 16`: the reader goes away with most of the output unread.
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(output.status.code(), Some(0), "{err}");
}

#[test]
fn a_quotation_two_annotators_marked_counts_once_and_says_who_gave_which_label() {
    let (_dir, root) = support::corpus_copy();
    let corpus = Corpus::open(&root).unwrap();
    let people = marginalia_corpus::speakers::people(&corpus);
    let becker = marginalia_corpus::speakers::find(&people, "Tom Becker").unwrap();
    // Three things said, each listed once: two labelled differently by the two annotators.
    assert_eq!(becker.quotes.len(), 3);
    assert_eq!(becker.labelled_differently, 2);
    assert_eq!(becker.per_label.values().sum::<usize>(), 1);
    let tax = becker
        .quotes
        .iter()
        .find(|q| q.text.starts_with("This is a tax rise"))
        .unwrap();
    assert_eq!(tax.label, "Denial / Reaction");
    assert_eq!(tax.annotators, "Ana Ruiz (Denial), Ben Okafor (Reaction)");
    assert_eq!(
        marginalia_corpus::speakers::person_counts(becker),
        "claim 1, labelled differently 2"
    );
}

#[test]
fn verdicts_are_compared_across_the_corpus_and_make_each_persons_record() {
    let corpus = Corpus::open(&support::sample("corpus")).unwrap();
    let pairs = marginalia_corpus::compare::pairs(&corpus);
    let [pair] = pairs.as_slice() else {
        panic!("one pair of annotators: {pairs:?}");
    };
    let v = &pair.verdicts;
    assert_eq!((v.rated, v.same_rating, v.on_scale), (5, 1, 5));
    // The figures scikit-learn (cohen_kappa_score, quadratic) and the krippendorff package
    // (ordinal) give for the same ranks; `.ci/verdicts.py` recomputes them on every run.
    let close = |got: Option<f64>, want: f64| {
        assert!(
            (got.unwrap_or(f64::NAN) - want).abs() < 1e-9,
            "{got:?} is not {want}"
        );
    };
    close(v.weighted_kappa, 0.782_608_695_652_173_8);
    close(v.alpha_ordinal, 0.758_823_529_411_764_7);

    let people = marginalia_corpus::speakers::people(&corpus);
    let hanley = marginalia_corpus::speakers::find(&people, "Paul Hanley").unwrap();
    assert_eq!(
        marginalia_corpus::speakers::person_record(hanley),
        "rated False 1"
    );
    let ortiz = marginalia_corpus::speakers::find(&people, "Lena Ortiz").unwrap();
    assert_eq!(ortiz.rated_differently, 1, "Mostly true against True");
    let quotes = marginalia_corpus::speakers::quotes_markdown(ortiz);
    assert!(quotes.contains("verdict Mostly true / True"), "{quotes}");

    let text = run(&["compare", &support::sample("corpus").to_string_lossy()]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("verdicts: 5 claim(s) both rated, 1 the same; weighted kappa (quadratic) 0.783, alpha (ordinal) 0.759"),
        "{text}"
    );
}

#[test]
fn a_corpus_exports_its_verdicts_as_claimreview_by_its_publisher() {
    let folder = support::sample("corpus");
    let output = run(&["export", "-f", "claimreview", &folder.to_string_lossy()]);
    let reviews = json_of(&output);
    let reviews = reviews.as_array().unwrap();
    // Every rated annotation of every annotator's file: Ana 7, Ben 5.
    assert_eq!(reviews.len(), 12);
    assert!(
        reviews
            .iter()
            .all(|r| r["author"]["name"] == "Riverside Fact Desk")
    );
    let named = run(&[
        "export",
        "-f",
        "claimreview",
        "--publisher",
        "Harbor Checks",
        &folder.join("stadium-deal.ana-ruiz.ron").to_string_lossy(),
    ]);
    let reviews = json_of(&named);
    assert_eq!(reviews[0]["author"]["name"], "Harbor Checks");
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "False");
    assert_eq!(
        reviews[0]["itemReviewed"]["author"]["name"],
        "Gov. Paul Hanley"
    );
}

#[test]
fn new_files_of_a_corpus_start_with_its_rating_scale_and_a_broken_one_is_refused() {
    let (_dir, root) = support::corpus_copy();
    let config = root.join("marginalia-corpus.ron");
    let shared = "    scale: (best: 3, worst: 1, ratings: [\n        \
        (id: \"accurate\", name: \"Accurate\", color: \"#2E7D32\", value: Some(3)),\n        \
        (id: \"misleading\", name: \"Misleading\", color: \"#F9A825\", value: Some(2)),\n        \
        (id: \"wrong\", name: \"Wrong\", color: \"#C62828\", value: Some(1)),\n    ]),\n)";
    let text = std::fs::read_to_string(&config).unwrap();
    let with_scale = text.trim_end().strip_suffix(')').unwrap().to_owned() + shared;
    std::fs::write(&config, &with_scale).unwrap();
    let output = run(&["import", root.to_str().unwrap(), "--annotator", "Dana Lee"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let made = marginalia_io::format::load(&root.join("library-hours.dana-lee.ron")).unwrap();
    let names: Vec<&str> = made
        .scale()
        .ratings
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, ["Accurate", "Misleading", "Wrong"]);
    assert_eq!((made.scale().best, made.scale().worst), (3, 1));

    std::fs::write(
        &config,
        with_scale.replace("value: Some(2)", "value: Some(7)"),
    )
    .unwrap();
    let corpus = Corpus::open(&root).unwrap();
    let problems = problems_about(&corpus, "marginalia-corpus.ron");
    assert!(
        problems.iter().any(|p| p.contains("value 7 is outside")),
        "{problems:?}"
    );
}
