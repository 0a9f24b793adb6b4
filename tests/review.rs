//! Reviewing a colleague's file: the window's review mode on the two samples, and the compare
//! and merge commands.

mod support;

use support::{Dropped, copy_of, marginalia, sample, settle};

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use marginalia::ui::{MarginaliaApp, Preferences, StartOptions};
use marginalia_core::AnnotationId;

fn app(file: PathBuf) -> Harness<'static, MarginaliaApp> {
    let start = StartOptions {
        file: Some(file),
        preferences: Some(Preferences {
            annotator: "Ana Ruiz".to_owned(),
            ..Preferences::default()
        }),
        native_dialogs: false,
        ..StartOptions::default()
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .allow_missing_glyphs()
        .build_eframe(move |cc| MarginaliaApp::new(cc, start));
    settle(&mut harness);
    harness
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one session from start to saved merge, step by step"
)]
fn a_review_session_takes_one_keeps_one_and_saves_the_merge() {
    let dir = tempfile::tempdir().unwrap();
    let mine = copy_of(dir.path(), "sessions-recusal.ron");
    let mut harness = app(mine.clone());
    harness
        .state_mut()
        .start_review(&sample("sessions-recusal.colleague.ron"));
    settle(&mut harness);
    assert!(
        harness.state().reviewing(),
        "{:?} {:?}",
        harness.state().status(),
        harness.state().dialog()
    );
    harness.get_by_label_contains("Theirs: sessions-recusal.colleague.ron by Ben Okafor");
    harness.get_by_label("Label conflicts (1)");
    harness.get_by_label("Boundary differences (1)");
    harness.get_by_label("Only theirs (1)");
    harness.get_by_label("Only mine (1)");

    // The label conflict: take theirs (annotation 3 becomes a denial).
    harness
        .get_all_by_label("Take theirs")
        .next()
        .unwrap()
        .click();
    harness.run_steps(3);
    let label = harness
        .state()
        .document()
        .unwrap()
        .doc()
        .annotation(AnnotationId(3))
        .map(|a| a.label.clone());
    assert_eq!(label.as_deref(), Some("denial"));
    harness.get_by_label("Label conflicts (0)");

    // The boundary difference: keep mine (annotation 12 keeps its longer span).
    harness
        .get_all_by_label("Keep mine")
        .next()
        .unwrap()
        .click();
    harness.run_steps(3);
    harness.get_by_label("Boundary differences (0)");
    let end = harness
        .state()
        .document()
        .unwrap()
        .doc()
        .annotation(AnnotationId(12))
        .map(|a| a.end);
    assert_eq!(end, Some(1838));

    // Everything only they have comes in with a new id.
    harness.get_by_label("Take all that only they have").click();
    harness.run_steps(3);
    let open = harness.state().document().unwrap();
    let added = open
        .doc()
        .annotations()
        .iter()
        .find(|a| a.exact == "he met with ethics lawyers")
        .cloned()
        .unwrap();
    assert_eq!(added.id, AnnotationId(15));
    assert_eq!(
        added
            .speaker
            .and_then(|s| open.doc().speaker(s))
            .map(|s| s.name.clone())
            .as_deref(),
        Some("Jeff Sessions")
    );

    // Every decision that changed mine undoes; undo the last and redo it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        harness
            .state()
            .document()
            .unwrap()
            .doc()
            .annotations()
            .len(),
        14
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(2);

    harness.get_by_label("End review").click();
    harness.run_steps(2);
    assert!(!harness.state().reviewing());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(2);
    let saved = marginalia_io::format::load(&mine).unwrap();
    assert_eq!(saved.annotations().len(), 15);
    assert_eq!(
        saved.annotation(AnnotationId(3)).map(|a| a.label.as_str()),
        Some("denial")
    );
    assert_eq!(
        saved.annotation(AnnotationId(12)).map(|a| a.end),
        Some(1838)
    );
    assert!(
        saved
            .annotations()
            .iter()
            .any(|a| a.exact == "he met with ethics lawyers")
    );
}

#[test]
fn dropping_a_second_annotation_file_offers_a_review() {
    let mut harness = app(sample("sessions-recusal.ron"));
    assert!(
        harness.state().document().is_some(),
        "{:?} {:?}",
        harness.state().status(),
        harness.state().dialog()
    );
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(sample(
            "sessions-recusal.colleague.ron",
        ))));
    harness.run_steps(3);
    harness
        .get_by_role_and_label(Role::Button, "Review")
        .click();
    harness.run_steps(1);
    settle(&mut harness);
    assert!(harness.state().reviewing());
    assert_eq!(
        harness.state().document().unwrap().doc().annotator,
        "Ana Ruiz",
        "mine stays open"
    );
}

#[test]
fn compare_prints_the_table_and_json() {
    let mine = sample("sessions-recusal.ron");
    let theirs = sample("sessions-recusal.colleague.ron");
    let output = marginalia(&["compare", mine.to_str().unwrap(), theirs.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("claim              5      5      4        0     0.800       0.800"),
        "{text}"
    );
    assert!(
        text.contains("Label conflicts (1)") && text.contains("Only theirs (1)"),
        "{text}"
    );

    let output = marginalia(&[
        "compare",
        mine.to_str().unwrap(),
        theirs.to_str().unwrap(),
        "--json",
    ]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // 11 exact of 14 + 14: 22/28; overlap adds the boundary pair: 24/28.
    assert!((value["exact_f1"].as_f64().unwrap() - 22.0 / 28.0).abs() < 1e-12);
    assert!((value["overlap_f1"].as_f64().unwrap() - 24.0 / 28.0).abs() < 1e-12);
    for key in ["label_conflicts", "only_mine", "only_theirs"] {
        assert_eq!(value[key].as_u64(), Some(1), "{key}");
    }
    assert_eq!(value["orphans"].as_u64(), Some(0));
    assert_eq!(value["per_label"]["reaction"]["boundary"].as_u64(), Some(1));
    assert!(value["kappa_mean"].is_f64());
    assert_eq!(value["differences"].as_array().unwrap().len(), 4);
}

#[test]
fn merge_writes_mine_plus_only_theirs_and_never_overwrites_mine_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let mine = copy_of(dir.path(), "sessions-recusal.ron");
    let theirs = sample("sessions-recusal.colleague.ron");
    let before = std::fs::read(&mine).unwrap();
    let out = dir.path().join("merged.ron");
    let output = marginalia(&[
        "merge",
        mine.to_str().unwrap(),
        theirs.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(std::fs::read(&mine).unwrap(), before, "MINE untouched");
    let merged = marginalia_io::format::load(&out).unwrap();
    assert_eq!(merged.annotations().len(), 15);
    assert_eq!(
        merged.annotation(AnnotationId(3)).map(|a| a.label.as_str()),
        Some("claim"),
        "conflicts keep mine"
    );
    let again = marginalia(&[
        "merge",
        mine.to_str().unwrap(),
        theirs.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "an existing OUT needs --force"
    );
    assert_eq!(
        marginalia(&["merge", mine.to_str().unwrap(), theirs.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    // Naming MINE as OUT is the explicit way to update it.
    let into_mine = marginalia(&[
        "merge",
        mine.to_str().unwrap(),
        theirs.to_str().unwrap(),
        "-o",
        mine.to_str().unwrap(),
    ]);
    assert_eq!(into_mine.status.code(), Some(0));
    assert_eq!(
        marginalia_io::format::load(&mine)
            .unwrap()
            .annotations()
            .len(),
        15
    );
}

#[test]
fn their_file_from_another_text_version_is_placed_by_quote() {
    let dir = tempfile::tempdir().unwrap();
    // Their copy of the article has an editor's note in front: the offsets all move.
    let theirs_text = std::fs::read_to_string(sample("sessions-recusal.colleague.ron")).unwrap();
    let doc = marginalia_io::format::parse(Path::new("t.ron"), theirs_text.as_bytes()).unwrap();
    let mut shifted = marginalia_core::Document::new(
        marginalia_core::Article::new(format!("Editor's note: updated.\n\n{}", doc.article.text())),
        doc.labels().to_vec(),
    );
    for speaker in doc.speakers() {
        shifted
            .apply(marginalia_core::Edit::add_speaker(
                &shifted,
                speaker.clone(),
            ))
            .unwrap();
    }
    let shift = "Editor's note: updated.\n\n".chars().count();
    for ann in doc.annotations() {
        let mut moved = marginalia_core::Annotation::on_text(
            &shifted.article,
            ann.id,
            &ann.label,
            ann.start + shift,
            ann.end + shift,
        )
        .unwrap();
        moved.speaker = ann.speaker;
        shifted
            .apply(marginalia_core::Edit::AddAnnotation(moved))
            .unwrap();
    }
    let theirs = dir.path().join("theirs.ron");
    marginalia_io::format::save(&shifted, &theirs).unwrap();
    let output = marginalia(&[
        "compare",
        sample("sessions-recusal.ron").to_str().unwrap(),
        theirs.to_str().unwrap(),
        "--json",
    ]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["orphans"].as_u64(), Some(0));
    assert_eq!(
        value["label_conflicts"].as_u64(),
        Some(1),
        "placed by quote, the same pairs come out"
    );
    assert!((value["exact_f1"].as_f64().unwrap() - 22.0 / 28.0).abs() < 1e-12);
}

#[test]
fn the_agreement_table_speaks_in_words_and_label_names() {
    let mut harness = app(sample("sessions-recusal.ron"));
    harness
        .state_mut()
        .start_review(&sample("sessions-recusal.colleague.ron"));
    settle(&mut harness);
    for heading in ["Same", "Other ends", "Exact F1", "Overlap F1", "Kappa"] {
        harness.get_by_label(heading);
    }
    for jargon in ["Bound.", "κ", "claim", "denial", "reaction"] {
        assert!(
            harness.query_by_label(jargon).is_none(),
            "{jargon:?} is shown in the agreement table"
        );
    }
    harness.get_by_label("Denial");
    harness.get_by_label("Reaction");
}
