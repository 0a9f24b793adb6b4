//! The command line, run as a user runs it: exit codes and messages on good and bad input.

use std::path::{Path, PathBuf};
use std::process::Output;

mod support;

use support::marginalia;

fn sample(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_docs")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn check_prints_one_summary_per_valid_file() {
    let output = marginalia(&[
        "check",
        &sample("sessions-recusal.ron"),
        &sample("festival-funding.ron"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("sessions-recusal.ron: ok: \"Sessions recuses himself from Russia investigation\", 2026 characters, 14 annotation(s) (claim 5, denial 3, reaction 6), 5 speaker(s), 4 thread(s), 1 unanswered claim(s), 0 response(s) answering nothing"), "{out}");
}

#[test]
fn check_reports_every_problem_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    let text = std::fs::read_to_string(sample("sessions-recusal.ron")).unwrap();
    let text = text
        .replacen("speaker: Some(5),", "speaker: Some(42),", 1)
        .replacen("end: 155,", "end: 9999,", 1);
    std::fs::write(&bad, text).unwrap();
    let output = marginalia(&[
        "check",
        &sample("festival-funding.ron"),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("festival-funding.ron: ok"),
        "valid files still get their line"
    );
    let err = stderr(&output);
    assert!(err.contains("bad.ron: 2 problem(s)"), "{err}");
    assert!(
        err.contains("annotation 1: speaker 42 does not exist"),
        "{err}"
    );
    assert!(
        err.contains("annotation 1: end 9999 is past the end of the text"),
        "{err}"
    );
}

/// Every kind of hostile file is refused with exit 1 and a message, never a panic (101).
#[test]
fn hostile_files_exit_1_never_101() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("json", b"{\"format\": \"marginalia\"}".to_vec()),
        ("not-ron", b"hello there".to_vec()),
        ("nul", b"(format: \"marginalia\", version: 1\0)".to_vec()),
        ("invalid-utf8", b"(format: \"\xc3\x28\")".to_vec()),
        (
            "deep",
            format!("{}{}", "(".repeat(10_000), ")".repeat(10_000)).into_bytes(),
        ),
        ("v2", b"(format: \"marginalia\", version: 2)".to_vec()),
        ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(format!("{name}.ron"));
        std::fs::write(&path, bytes).unwrap();
        let output = marginalia(&["check", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{name}: {}", stderr(&output));
        assert!(
            stderr(&output).contains(&format!("{name}.ron")),
            "{name}: {}",
            stderr(&output)
        );
    }
    let missing = marginalia(&["check", dir.path().join("missing.ron").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("cannot read"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(marginalia(&["check"]).status.code(), Some(2));
    assert_eq!(marginalia(&["frobnicate", "x", "y"]).status.code(), Some(2));
    assert_eq!(marginalia(&["import"]).status.code(), Some(2));
}

#[test]
fn help_and_version() {
    let help = marginalia(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("import") && stdout(&help).contains("check"));
    let version = marginalia(&["--version"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("marginalia {}", env!("CARGO_PKG_VERSION"))
    );
}

fn copy_to(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(sample(name), &to).unwrap_or_else(|e| panic!("{e}"));
    to
}

#[test]
fn import_writes_an_annotation_file_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let article = copy_to(dir.path(), "harbor-bridge-tolls.html");
    let output = marginalia(&[
        "import",
        article.to_str().unwrap(),
        "--source",
        "The Riverside Ledger",
        "--annotator",
        "Ana Ruiz",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // Named for its annotator, so colleagues' files of one article sit side by side.
    let ron = dir.path().join("harbor-bridge-tolls.ana-ruiz.ron");
    let doc = marginalia_io::format::load(&ron).unwrap();
    assert_eq!(
        doc.article.title,
        "Harbor bridge tolls to double, council says"
    );
    assert_eq!(doc.article.source, "The Riverside Ledger");
    assert_eq!(doc.article.path, "harbor-bridge-tolls.html");
    assert_eq!(doc.annotator, "Ana Ruiz");
    assert_eq!(doc.labels().len(), 3);
    let text = doc.article.text();
    assert!(text.starts_with("Harbor bridge tolls to double, council says\n\nBy Staff Reporter\n\nThe city council said"), "{text}");
    for furniture in [
        "analytics",
        "Subscribe",
        "Sport",
        "Share",
        "Related",
        "rights reserved",
    ] {
        assert!(!text.contains(furniture), "{furniture} leaked into {text}");
    }
    assert_eq!(
        marginalia(&["check", ron.to_str().unwrap()]).status.code(),
        Some(0)
    );

    // A second import refuses to replace the file unless told to.
    let again = marginalia(&[
        "import",
        article.to_str().unwrap(),
        "--annotator",
        "Ana Ruiz",
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("exists already"),
        "{}",
        stderr(&again)
    );
    let forced = marginalia(&[
        "import",
        article.to_str().unwrap(),
        "--annotator",
        "Ana Ruiz",
        "--force",
        "--title",
        "Tolls",
    ]);
    assert_eq!(forced.status.code(), Some(0));
    assert_eq!(
        marginalia_io::format::load(&ron).unwrap().article.title,
        "Tolls"
    );
}

#[test]
fn import_normalizes_text_and_names_a_guessed_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("legacy.txt");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252
        .encode("Le maire a déclaré: «Je n’ai rien signé.»\r\nLa réponse fut immédiate.\r");
    std::fs::write(&article, &bytes).unwrap();
    let out = dir.path().join("out.ron");
    let output = marginalia(&[
        "import",
        article.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("windows-1252 (guessed"),
        "{}",
        stdout(&output)
    );
    let doc = marginalia_io::format::load(&out).unwrap();
    assert_eq!(
        doc.article.text(),
        "Le maire a déclaré: «Je n’ai rien signé.»\nLa réponse fut immédiate.\n"
    );
    assert_eq!(doc.article.title, "legacy");
}

#[test]
fn import_refuses_what_is_not_text_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
            "a PNG image",
        ),
        ("archive.txt", b"PK\x03\x04\x14\0\0\0\x08\0", "zip"),
        (
            "noise.txt",
            &[
                0x01, 0x02, 0x03, 0x9c, 0xff, 0x00, 0x13, 0x88, 0x07, 0x1b, 0x00, 0x42,
            ],
            "binary",
        ),
        ("blank.txt", b"  \r\n\r\n ", "no text"),
    ];
    for (name, bytes, expected) in cases {
        let article = dir.path().join(name);
        std::fs::write(&article, bytes).unwrap();
        let output = marginalia(&["import", article.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        assert!(
            stderr(&output).contains(expected),
            "{name}: {}",
            stderr(&output)
        );
        assert!(
            !article.with_extension("ron").exists(),
            "{name}: an output was written"
        );
    }
    let missing = marginalia(&["import", dir.path().join("nope.txt").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn files_over_the_size_caps_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse files: large on paper, nothing written to disk.
    let article = dir.path().join("huge.txt");
    let file = std::fs::File::create(&article).unwrap();
    file.set_len(marginalia_io::import::MAX_ARTICLE_BYTES + 1)
        .unwrap();
    let output = marginalia(&["import", article.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("larger than"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("huge.ron").exists());

    let ron = dir.path().join("huge.ron");
    let file = std::fs::File::create(&ron).unwrap();
    file.set_len(marginalia_io::format::MAX_FILE_BYTES + 1)
        .unwrap();
    let output = marginalia(&["check", ron.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("more than the 268435456 bytes"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn threads_prints_claims_with_their_responses_indented() {
    let output = marginalia(&["threads", &sample("sessions-recusal.ron")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let golden =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/sessions-recusal.threads.txt");
    assert_eq!(stdout(&output), std::fs::read_to_string(golden).unwrap());

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("looped.ron");
    let text = std::fs::read_to_string(sample("sessions-recusal.ron")).unwrap();
    let at = text.find("            id: 4,\n            label").unwrap();
    let rest = text[at..].replacen("responds_to: None,", "responds_to: Some(5),", 1);
    std::fs::write(&bad, format!("{}{rest}", &text[..at])).unwrap();
    let output = marginalia(&["threads", bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("annotation 4: its responds_to links form a loop"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn export_writes_to_standard_output_or_a_file() {
    let output = marginalia(&[
        "export",
        &sample("sessions-recusal.ron"),
        &sample("festival-funding.ron"),
        "--format",
        "jsonl",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 2);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.md");
    let output = marginalia(&[
        "export",
        &sample("sessions-recusal.ron"),
        "-f",
        "md",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("# Sessions recuses himself")
    );

    let brat = marginalia(&["export", &sample("sessions-recusal.ron"), "-f", "brat"]);
    assert_eq!(brat.status.code(), Some(2), "brat needs a folder");
    assert!(stderr(&brat).contains("-o DIR"));
    let folder = dir.path().join("brat");
    let brat = marginalia(&[
        "export",
        &sample("sessions-recusal.ron"),
        "-f",
        "brat",
        "-o",
        folder.to_str().unwrap(),
    ]);
    assert_eq!(brat.status.code(), Some(0), "{}", stderr(&brat));
    assert!(folder.join("sessions-recusal.ann").is_file());

    let unknown = marginalia(&["export", &sample("sessions-recusal.ron"), "-f", "docx"]);
    assert_eq!(unknown.status.code(), Some(2));
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "not ron").unwrap();
    let failed = marginalia(&[
        "export",
        bad.to_str().unwrap(),
        "-f",
        "csv",
        "-o",
        dir.path().join("x.csv").to_str().unwrap(),
    ]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        !dir.path().join("x.csv").exists(),
        "nothing is written when an input is bad"
    );
}

#[test]
fn a_file_whose_text_was_edited_by_hand_is_explained_and_re_anchored() {
    let dir = tempfile::tempdir().unwrap();
    let edited = support::text_edited_by_hand(dir.path());
    let edited = edited.to_str().unwrap();
    let checked = marginalia(&["check", edited]);
    assert_eq!(checked.status.code(), Some(1));
    assert!(
        stderr(&checked).contains("changed outside Marginalia")
            && stderr(&checked).contains("0 stayed, 13 moved, 1 became orphans"),
        "{}",
        stderr(&checked)
    );
    let out = dir.path().join("out.ron");
    let output = marginalia(&["reanchor", edited, "-o", out.to_str().unwrap()]);
    sessions_reanchored(&output, &out);
}

/// `reanchor` succeeded on the sessions sample after the Graham sentence was removed: 13
/// annotations moved, the one quoting that sentence became an orphan; the written file.
fn sessions_reanchored(output: &Output, out: &Path) -> marginalia_core::Document {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
    assert!(
        stdout(output).contains("0 stayed, 13 moved, 1 became orphans"),
        "{}",
        stdout(output)
    );
    let doc = marginalia_io::format::load(out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.annotations().len(), 13);
    assert_eq!(doc.orphans().len(), 1);
    assert_eq!(
        doc.orphans()[0].exact,
        "applauded Sessions’ move on Twitter"
    );
    doc
}

#[test]
fn reanchor_places_annotations_on_a_new_version_of_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample("sessions-recusal.txt")).unwrap();
    // The new version: an editor's note in front, one quote lightly edited, one sentence gone.
    let edited = format!("Editor's note: this story was updated.\n\n{text}")
        .replace(
            "those remarks are unbelievable to me and are false",
            "those remarks are unbelievable to me, and false",
        )
        .replace(
            "Sen. Lindsey Graham (R-South Carolina) applauded Sessions’ move on Twitter.",
            "",
        );
    let new_article = dir.path().join("new.txt");
    std::fs::write(&new_article, edited).unwrap();
    let out = dir.path().join("out.ron");
    let output = marginalia(&[
        "reanchor",
        &sample("sessions-recusal.ron"),
        "--article",
        new_article.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let doc = sessions_reanchored(&output, &out);
    let edited_quote = doc.annotation(marginalia_core::AnnotationId(10)).unwrap();
    assert_eq!(
        edited_quote.exact,
        "those remarks are unbelievable to me, and false"
    );
    assert_eq!(
        marginalia(&["check", out.to_str().unwrap()]).status.code(),
        Some(0)
    );
}

#[test]
fn compare_of_two_different_articles_says_so() {
    let out = marginalia(&[
        "compare",
        &sample("festival-funding.ron"),
        &sample("sessions-recusal.ron"),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("These look like two different articles"),
        "{stdout}"
    );
}

#[test]
fn check_warns_of_an_annotation_repeated_with_the_same_span_and_label() {
    let dir = tempfile::tempdir().unwrap();
    let ron = std::fs::read_to_string(sample("festival-funding.ron")).unwrap();
    // A file written before repeats were refused: annotation 1 twice, under another id.
    let annotations = ron.find("annotations: [").unwrap();
    let start = annotations
        + ron[annotations..]
            .find("        (\n            id: 1,")
            .unwrap();
    let end = start + ron[start..].find("        ),\n").unwrap() + "        ),\n".len();
    let twin = ron[start..end].replacen("id: 1,", "id: 99,", 1);
    let edited = format!("{}{twin}{}", &ron[..end], &ron[end..]);
    let path = dir.path().join("twice.ron");
    std::fs::write(&path, edited).unwrap();
    let out = marginalia(&["check", &path.display().to_string()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "it still loads: {stdout}");
    assert!(
        stdout.contains("warning: annotation 99: annotation 1 already has this span and label"),
        "{stdout}"
    );
}

#[test]
fn suggest_prints_the_quotations_of_an_article_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("talks.txt");
    std::fs::write(
        &article,
        "Talks collapse\r\nPresident Mahmoud Abbas spoke on Monday.\r\n\
         “We will not back down,” Mr Abbas said. “We leave with nothing.”\r\n",
    )
    .unwrap();
    let output = marginalia(&["suggest", article.to_str().unwrap(), "--json"]);
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let quotes = json["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 2, "{json}");
    // Offsets are code points into the text as `import` makes it (newlines normalized).
    let text: Vec<char> = marginalia_io::import::import_article(&article)
        .unwrap()
        .text
        .chars()
        .collect();
    for quote in quotes {
        let offset = |key: &str| usize::try_from(quote[key].as_u64().unwrap()).unwrap();
        let words: String = text[offset("start")..offset("end")].iter().collect();
        assert_eq!(quote["text"], words.as_str());
        assert_eq!(quote["speaker"], "Mahmoud Abbas");
        assert_eq!(quote["cue"], "said");
        assert_eq!(quote["label"], "claim");
    }
    // An annotation file gives its text's quotations.
    let ron = support::sample("sessions-recusal.ron");
    let output = marginalia(&["suggest", ron.to_str().unwrap(), "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(json["quotes"].as_array().unwrap().len() >= 5, "{json}");
    // A folder: one JSON object per article.
    let (_dir, corpus) = support::corpus_copy();
    let output = marginalia(&["suggest", corpus.to_str().unwrap(), "--json"]);
    assert!(output.status.success(), "{output:?}");
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    for line in &lines {
        assert!(line["path"].is_string() && line["sha256"].as_str().unwrap().len() == 64);
        assert!(line["quotes"].is_array());
    }
    // A file that is not there says so.
    let output = marginalia(&["suggest", "no-such-article.txt"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-article.txt"));
}

#[test]
fn hebrew_quotes_and_names_are_set_apart_for_the_terminal_english_ones_are_not() {
    let hebrew = marginalia(&["threads", &sample("festival-budget-he.ron")]);
    assert_eq!(hebrew.status.code(), Some(0), "{}", stderr(&hebrew));
    let out = stdout(&hebrew);
    let doc = marginalia_io::format::load(Path::new(&sample("festival-budget-he.ron")))
        .unwrap_or_else(|e| panic!("{e}"));
    for ann in doc.annotations() {
        // Each quotation whole, between a first-strong isolate and its end.
        let quote = ann.exact.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            out.contains(&format!("“\u{2068}{quote}\u{2069}”")),
            "{quote:?} not isolated in {out}"
        );
    }
    // In an English file, English quotes as they are; a Hebrew speaker's name set apart.
    let english = stdout(&marginalia(&["threads", &sample("festival-funding.ron")]));
    assert!(
        english.contains("“The budget simply can’t stretch to every event”"),
        "{english}"
    );
    assert!(!english.contains("“\u{2068}"), "{english}");
    assert!(
        english.contains("\u{2068}נועה כהן (Noa Cohen)\u{2069}"),
        "{english}"
    );
}

#[test]
fn threads_print_each_verdict_beside_its_claim() {
    let path = support::sample("corpus/water-rates-ledger.ana-ruiz.ron");
    let output = marginalia(&["threads", &path.to_string_lossy()]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains(
            "· verdict: Mostly false — About a fifth of the increase goes to the reserve, not to mains."
        ),
        "{text}"
    );
}
