//! The file format: the samples load and save byte for byte, version 1 files load unchanged,
//! files from other writers load, and every kind of bad file is refused with a message naming
//! the place.
//!
//! Set `MARGINALIA_BLESS=1` to rewrite the golden samples after an intended format change.

use std::path::{Path, PathBuf};

use marginalia_core::anchor::Tally;
use marginalia_io::format::{self, LoadError};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_docs")
        .join(name)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const SAMPLES: &[&str] = &[
    "sessions-recusal.ron",
    "sessions-recusal.colleague.ron",
    "festival-funding.ron",
    "corpus/stadium-deal.ana-ruiz.ron",
    "corpus/stadium-deal.ben-okafor.ron",
    "corpus/water-rates-herald.ana-ruiz.ron",
    "corpus/water-rates-herald.ben-okafor.ron",
    "corpus/water-rates-ledger.ana-ruiz.ron",
    "corpus/water-rates-ledger.ben-okafor.ron",
];

#[test]
fn samples_load_and_save_to_the_same_bytes() {
    for name in SAMPLES {
        let path = sample(name);
        let doc = format::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let written = format::to_ron_string(&doc).unwrap_or_else(|e| panic!("{e}"));
        if std::env::var_os("MARGINALIA_BLESS").is_some() {
            std::fs::write(&path, &written).unwrap_or_else(|e| panic!("{e}"));
        }
        assert_eq!(written, read(&path), "{name} changed on load and save");
        assert!(!written.contains('\r'));
    }
}

/// A file as an earlier Marginalia wrote it (kept as it was, never blessed): `tests/golden/vN`.
fn golden(version: u64, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/golden/v{version}"))
        .join(name)
}

/// A file as written now, without the fields added after `version`, declaring `version`.
fn as_version(written: &str, version: u64) -> String {
    let mut out = String::new();
    let mut in_scale = false;
    for line in written.lines() {
        if in_scale {
            in_scale = line != "    ),";
            continue;
        }
        let added_in = if line.starts_with("    status:") {
            2
        } else if line == "    dismissed: []," {
            3
        } else if line == "    scale: (" {
            in_scale = true;
            4
        } else if line == "        date: \"\"," || line.trim() == "verdict: None," {
            4
        } else {
            0
        };
        if added_in <= version {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.replace(
        &format!("version: {},", format::FORMAT_VERSION),
        &format!("version: {version},"),
    )
}

/// Files of every earlier version load unchanged: saved again they become the newest version,
/// which is the same file plus the fields added since, each at its default.
#[test]
fn files_of_every_earlier_version_load_unchanged() {
    use marginalia_core::{Scale, Status};
    for version in format::OLDEST_VERSION..format::FORMAT_VERSION {
        for name in ["sessions-recusal.ron", "festival-funding.ron"] {
            let path = golden(version, name);
            let old = read(&path);
            assert!(old.contains(&format!("version: {version},")), "{name}");
            let doc = format::load(&path).unwrap_or_else(|e| panic!("v{version} {name}: {e}"));
            if version < 2 {
                assert_eq!(doc.status(), Status::InProgress, "{name} has annotations");
            }
            if version < 3 {
                assert!(doc.dismissed().is_empty());
            }
            assert_eq!(doc.scale(), &Scale::default());
            assert!(doc.annotations().iter().all(|a| a.verdict.is_none()));
            assert!(doc.article.date.is_empty());
            let written = format::to_ron_string(&doc).unwrap();
            assert!(written.contains(&format!("version: {},", format::FORMAT_VERSION)));
            assert_eq!(as_version(&written, version), old, "v{version} {name}");
        }
    }
    // A version 1 file with no annotations has not been started.
    let empty = "(format: \"marginalia\", version: 1, article: (text: \"Ana said yes.\"))";
    let doc = format::parse(Path::new("empty.ron"), empty.as_bytes()).unwrap();
    assert_eq!(doc.status(), Status::NotStarted);
}

#[test]
fn verdicts_the_scale_and_the_date_are_kept() {
    use marginalia_core::{AnnotationId, Edit, Verdict};
    let mut doc = format::load(&sample("festival-funding.ron")).unwrap();
    let mut scale = doc.scale().clone();
    scale.ratings.truncate(3);
    if let Some(rating) = scale.ratings.get_mut(0) {
        rating.name = "Accurate «as said»".to_owned();
    }
    doc.apply(Edit::SetScale(scale.clone())).unwrap();
    let id = doc.annotations().first().map_or(AnnotationId(0), |a| a.id);
    let verdict = Verdict {
        rating: "mostly-true".to_owned(),
        conclusion: "The budget did grow, by 4 % \"not 6 %\".".to_owned(),
        sources: vec![
            "https://example.org/budget".to_owned(),
            "Council minutes, p. 3".to_owned(),
        ],
        by: "Ana Ruiz".to_owned(),
        date: "2026-12-07T10:00:00Z".to_owned(),
        url: "https://example.org/checks/1".to_owned(),
    };
    doc.apply(Edit::SetVerdict {
        id,
        verdict: Some(verdict.clone()),
    })
    .unwrap();
    doc.article.date = "2026-11-30".to_owned();
    let text = format::to_ron_string(&doc).unwrap();
    let back = format::parse(Path::new("x.ron"), text.as_bytes()).unwrap();
    assert_eq!(back.scale(), &scale);
    assert_eq!(
        back.annotation(id).and_then(|a| a.verdict.clone()),
        Some(Box::new(verdict))
    );
    assert_eq!(back.article.date, "2026-11-30");
    // A rating the scale does not have is refused with its place.
    let unknown = text.replace("rating: \"mostly-true\"", "rating: \"pants-on-fire\"");
    let error = message(unknown.as_bytes());
    assert!(
        error.contains(&format!("annotation {id}"))
            && error.contains("\"pants-on-fire\" is not on"),
        "{error}"
    );
    // So is a scale that breaks its rules.
    let broken = text.replace("best: 5,", "best: 1,");
    assert!(message(broken.as_bytes()).contains("two ends"));
}

#[test]
fn dismissed_suggestions_are_kept_and_bad_ones_refused() {
    use marginalia_core::{Dismissed, Edit};
    let mut doc = format::load(&sample("festival-funding.ron")).unwrap();
    doc.apply(Edit::Dismiss(Dismissed { start: 3, end: 9 }))
        .unwrap();
    let text = format::to_ron_string(&doc).unwrap();
    assert!(
        text.contains("dismissed: [\n        (\n            start: 3,"),
        "{text}"
    );
    let back = format::parse(Path::new("x.ron"), text.as_bytes()).unwrap();
    assert!(back.is_dismissed(3, 9));
    let past_the_end = text.replace(
        "start: 3,\n            end: 9,",
        "start: 3,\n            end: 999999,",
    );
    let error = message(past_the_end.as_bytes());
    assert!(error.contains("dismissed suggestion 3..999999"), "{error}");
}

#[test]
fn the_status_is_kept_and_an_unknown_one_is_refused() {
    use marginalia_core::{Edit, Status};
    let mut doc = format::load(&sample("festival-funding.ron")).unwrap();
    doc.apply(Edit::SetStatus(Status::Done)).unwrap();
    let text = format::to_ron_string(&doc).unwrap();
    assert!(text.contains("status: \"done\","));
    let back = format::parse(Path::new("x.ron"), text.as_bytes()).unwrap();
    assert_eq!(back.status(), Status::Done);
    let error = message(text.replace("\"done\"", "\"finished\"").as_bytes());
    assert!(
        error.contains("\"finished\"") && error.contains("not_started"),
        "{error}"
    );
}

#[test]
fn saving_writes_a_file_that_loads_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let doc = format::load(&sample("festival-funding.ron")).unwrap();
    let out = dir.path().join("copy.ron");
    format::save(&doc, &out).unwrap();
    assert_eq!(format::load(&out).unwrap(), doc);
    // Saving again over it replaces it whole.
    format::save(&doc, &out).unwrap();
    assert_eq!(read(&out), read(&sample("festival-funding.ron")));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn saving_into_a_folder_path_fails_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let doc = format::load(&sample("festival-funding.ron")).unwrap();
    let error = format::save(&doc, dir.path()).unwrap_err().to_string();
    assert!(error.contains("folder"), "{error}");
    assert!(error.contains("not changed"), "{error}");
}

/// A file another correct writer could produce: another field order, comments, optional
/// fields left out, no trailing commas, a bare speaker id.
const HANDWRITTEN: &str = r##"// written by hand
(
  version: 1, format: "marginalia",
  labels: [ (id: "claim", name: "Claim", color: "#e4572e", key: "1") ],
  article: (text: "Ana said: “yes”.\nBen said no.", title: "Hand", sha256: "")  ,
  annotations: [
    (id: 7, label: "claim", start: 10, end: 15, exact: "“yes”", speaker: 1 ),
    (label: "claim", id: 2, start: 0, end: 3, exact: "Ana", responds_to: Some(7), note: "he\"y")
  ],
  speakers: [(id: 1, name: "Ana")]
)"##;

#[test]
fn a_file_from_another_writer_loads() {
    let doc = format::parse(Path::new("hand.ron"), HANDWRITTEN.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.annotations().len(), 2);
    assert_eq!(doc.annotations()[0].id.0, 2, "sorted by start");
    assert_eq!(doc.annotations()[1].prefix, "Ana said: ");
    assert_eq!(doc.annotator, "");
    assert!(doc.orphans().is_empty());
    let with_crlf = HANDWRITTEN.replace('\n', "\r\n");
    assert!(format::parse(Path::new("hand.ron"), with_crlf.as_bytes()).is_ok());
}

/// The Sessions sample with `from` replaced by `to`, once.
fn sessions_with(from: &str, to: &str) -> String {
    let text = read(&sample("sessions-recusal.ron"));
    assert!(text.contains(from), "the sample has no {from:?}");
    text.replacen(from, to, 1)
}

fn load_error(bytes: &[u8]) -> LoadError {
    match format::parse(Path::new("bad.ron"), bytes) {
        Ok(_) => panic!("the bad file loaded"),
        Err(error) => error,
    }
}

fn message(bytes: &[u8]) -> String {
    load_error(bytes).to_string()
}

#[test]
fn syntax_errors_give_line_and_column() {
    let text = read(&sample("sessions-recusal.ron"));
    let truncated = text.get(..text.len() / 2).unwrap();
    let error = message(truncated.as_bytes());
    assert!(error.starts_with("bad.ron:"), "{error}");
    assert!(error.contains("fix the file"), "{error}");

    let error = load_error(sessions_with("    version: 4,\n", "    version: 4\n").as_bytes());
    assert!(
        matches!(error, LoadError::Syntax { line: 4, .. }),
        "{error}"
    );

    for not_ron in [
        "hello, world",
        "{\"format\": \"marginalia\", \"version\": 1}",
        "(format: \"marginalia\", version: 1, article: (text: 5))",
    ] {
        assert!(
            matches!(load_error(not_ron.as_bytes()), LoadError::Syntax { .. }),
            "{not_ron}"
        );
    }
}

#[test]
fn empty_binary_and_deeply_nested_files_are_refused() {
    assert!(matches!(load_error(b""), LoadError::Empty { .. }));
    assert!(matches!(load_error(b" \n\t"), LoadError::Empty { .. }));
    let error = load_error(b"(format: \"marginalia\",\n  x: \"\xff\xfe\")");
    assert!(
        matches!(
            error,
            LoadError::NotUtf8 {
                line: 2,
                column: 7,
                ..
            }
        ),
        "{error}"
    );
    assert!(matches!(
        load_error(b"(format: \"marginalia\"\0)"),
        LoadError::Syntax { .. }
    ));
    let deep = format!(
        "(format: \"marginalia\", version: 1, x: {}{})",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let error = message(deep.as_bytes());
    assert!(error.contains("nested"), "{error}");
}

#[test]
fn other_formats_and_newer_versions_get_their_own_message() {
    let error = load_error(sessions_with("format: \"marginalia\"", "format: \"brat\"").as_bytes());
    assert!(
        matches!(error, LoadError::OtherFormat { ref found, .. } if found == "brat"),
        "{error}"
    );
    let error = load_error(b"(title: \"no format\")");
    assert!(matches!(error, LoadError::OtherFormat { .. }), "{error}");
    // A version 5 file may have any shape; the version alone decides the message.
    let v5 = "(format: \"marginalia\", version: 5, article: Article5(blocks: []))";
    let error = message(v5.as_bytes());
    assert!(
        error.contains("version 5") && error.contains("newer Marginalia"),
        "{error}"
    );
    assert!(matches!(
        load_error(b"(format: \"marginalia\", version: 0)"),
        LoadError::UnknownVersion { .. }
    ));
}

/// Loading fails with problems, the first naming `place` and containing `text`.
fn problem(bytes: &str, place: &str, text: &str) {
    match load_error(bytes.as_bytes()) {
        LoadError::Invalid { problems, .. } => {
            let found = problems
                .iter()
                .any(|p| p.place.to_string() == place && p.message.contains(text));
            assert!(found, "no problem at {place} with {text:?} in {problems:?}");
        }
        other => panic!("expected content problems, got {other}"),
    }
}

#[test]
fn offset_problems_name_the_annotation() {
    // Annotation 1 starts at 87 and ends at 155 in the sample.
    problem(
        &sessions_with("end: 155,", "end: 5000,"),
        "annotation 1",
        "past the end",
    );
    problem(
        &sessions_with("end: 155,", "end: 87,"),
        "annotation 1",
        "less than end",
    );
    problem(
        &sessions_with("end: 155,", "end: 80,"),
        "annotation 1",
        "less than end",
    );
    problem(
        &sessions_with("start: 87,", "start: 88,"),
        "annotation 1",
        "is not the text",
    );
    problem(
        &sessions_with("exact: \"he spoke with", "exact: \"she spoke with"),
        "annotation 1",
        "is not the text",
    );
    let negative = message(sessions_with("start: 87,", "start: -87,").as_bytes());
    assert!(negative.contains("bad.ron:"), "{negative}");
    let huge = message(sessions_with("start: 87,", "start: 99999999999999999999999,").as_bytes());
    assert!(huge.contains("bad.ron:"), "{huge}");
}

#[test]
fn reference_problems_name_the_annotation() {
    problem(
        &sessions_with(
            "label: \"claim\",\n            start: 87",
            "label: \"rumour\",\n            start: 87",
        ),
        "annotation 1",
        "\"rumour\"",
    );
    problem(
        &sessions_with("speaker: Some(5),", "speaker: Some(42),"),
        "annotation 1",
        "speaker 42",
    );
    problem(
        &sessions_with("responds_to: Some(4),", "responds_to: Some(404),"),
        "annotation 5",
        "404",
    );
    problem(
        &sessions_with("id: 2,\n            label", "id: 1,\n            label"),
        "annotation 1",
        "used twice",
    );
    problem(
        &sessions_with("id: 2,\n            name", "id: 1,\n            name"),
        "speaker 1",
        "used twice",
    );
    problem(
        &sessions_with("responds_to: Some(4),", "responds_to: Some(5),"),
        "annotation 5",
        "itself",
    );
}

#[test]
fn loops_of_responses_are_refused() {
    // 4 is a claim answered by 5; making 4 answer 5 closes a loop.
    let text = read(&sample("sessions-recusal.ron"));
    let at = text.find("            id: 4,\n            label").unwrap();
    let rest = text
        .get(at..)
        .unwrap()
        .replacen("responds_to: None,", "responds_to: Some(5),", 1);
    let looped = format!("{}{rest}", text.get(..at).unwrap());
    problem(&looped, "annotation 4", "loop");
}

#[test]
fn label_problems_are_named() {
    problem(
        &sessions_with("color: \"#E4572E\"", "color: \"red\""),
        "label \"claim\"",
        "#RRGGBB",
    );
    problem(
        &sessions_with("id: \"reaction\"", "id: \"Re action\""),
        "label \"Re action\"",
        "a-z",
    );
    problem(
        &sessions_with("key: \"1\"", "key: \"12\""),
        "label \"claim\"",
        "single character",
    );
}

/// The document re-anchored on a file's edited text, and how that went.
fn text_changed(bytes: &str) -> (marginalia_core::Document, Tally) {
    match load_error(bytes.as_bytes()) {
        LoadError::TextChanged {
            tally, document, ..
        } => (*document, tally),
        other => panic!("expected a changed text, got {other}"),
    }
}

#[test]
fn a_text_edited_by_hand_is_offered_for_re_anchoring() {
    let edited = sessions_with(
        "Attorney General Jeff Sessions delivers",
        "Attorney General Jeff Sessions gives",
    );
    let message = load_error(edited.as_bytes()).to_string();
    assert!(
        message.contains("changed outside Marginalia") && message.contains("marginalia reanchor"),
        "{message}"
    );
    let (doc, tally) = text_changed(&edited);
    assert_eq!(tally.stayed + tally.moved + tally.orphaned, 14, "{tally}");
    assert!(tally.moved > 0, "{tally}");
    assert_eq!(doc.annotations().len() + doc.orphans().len(), 14);
    for ann in doc.annotations() {
        assert_eq!(
            doc.article.slice_chars(ann.start, ann.end),
            Some(ann.exact.as_str())
        );
    }
    // The quote "gives" replaced is not quoted by any annotation, so all are placed.
    assert_eq!(tally.orphaned, 0, "{tally}");
}

#[test]
fn a_damaged_hash_alone_moves_nothing() {
    let (doc, tally) = text_changed(&sessions_with("sha256: \"9", "sha256: \"8"));
    assert_eq!(
        tally,
        Tally {
            stayed: 14,
            moved: 0,
            orphaned: 0
        }
    );
    let original = format::load(&sample("sessions-recusal.ron")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.annotations(), original.annotations());
}

#[test]
fn a_changed_text_with_other_problems_reports_them_all() {
    let bad = sessions_with("sha256: \"9", "sha256: \"8").replacen(
        "color: \"#3D5A80\"",
        "color: \"blue\"",
        1,
    );
    problem(&bad, "article", "does not match the text");
    problem(&bad, "label \"denial\"", "#RRGGBB");
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let bad = sessions_with("speaker: Some(5),", "speaker: Some(42),").replacen(
        "color: \"#3D5A80\"",
        "color: \"blue\"",
        1,
    );
    match load_error(bad.as_bytes()) {
        LoadError::Invalid { problems, .. } => assert_eq!(problems.len(), 2, "{problems:?}"),
        other => panic!("{other}"),
    }
}
