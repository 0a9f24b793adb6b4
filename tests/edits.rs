//! Every edit, its undo, and the rules it keeps, on documents written in inline markup.

use marginalia_core::markup::document;
use marginalia_core::{
    Annotation, AnnotationId, Document, Edit, History, Label, Speaker, SpeakerId,
};

fn doc(markup: &str) -> Document {
    document(markup).unwrap_or_else(|| panic!("bad markup {markup:?}"))
}

fn speaker(id: u64, name: &str) -> Speaker {
    Speaker {
        id: SpeakerId(id),
        name: name.to_owned(),
        role: String::new(),
    }
}

/// Applies `edit`, checks `expect` on the result, then undoes it and checks the document is
/// exactly as before, then redoes it and checks it matches the first result.
fn apply_and_undo(before: &Document, edit: Edit, expect: impl Fn(&Document)) {
    let mut doc = before.clone();
    let mut history = History::new();
    history
        .apply(&mut doc, edit)
        .unwrap_or_else(|p| panic!("edit refused: {p}"));
    expect(&doc);
    assert!(history.is_dirty());
    let after = doc.clone();
    assert_eq!(history.undo(&mut doc), Ok(true));
    assert_eq!(&doc, before, "undo did not restore the document");
    assert!(!history.is_dirty());
    assert_eq!(history.redo(&mut doc), Ok(true));
    assert_eq!(doc, after, "redo did not repeat the edit");
}

fn refused(before: &Document, edit: Edit) -> String {
    let mut doc = before.clone();
    let problem = doc
        .apply(edit)
        .err()
        .map(|p| p.to_string())
        .unwrap_or_default();
    assert_eq!(&doc, before, "a refused edit changed the document");
    assert!(!problem.is_empty(), "the edit was not refused");
    problem
}

#[test]
fn add_annotation_keeps_sort_order_and_takes_quote_and_context() {
    let before = doc("Sessions [said]{claim} he met [officials]{claim}.");
    let ann = Annotation::on_text(&before.article, AnnotationId(3), "denial", 0, 8);
    let ann = ann.unwrap_or_else(|| panic!("span"));
    apply_and_undo(&before, Edit::AddAnnotation(ann), |doc| {
        let ids: Vec<u64> = doc.annotations().iter().map(|a| a.id.0).collect();
        assert_eq!(ids, [3, 1, 2]);
        let added = doc.annotation(AnnotationId(3));
        assert_eq!(added.map(|a| a.exact.as_str()), Some("Sessions"));
        assert_eq!(
            added.map(|a| a.suffix.as_str()),
            Some(" said he met officials.")
        );
    });
}

#[test]
fn add_annotation_refuses_bad_offsets_ids_and_labels() {
    let before = doc("[One]{claim} two");
    let mut ann = before.annotations()[0].clone();
    assert!(refused(&before, Edit::AddAnnotation(ann.clone())).contains("not in use"));
    ann.id = AnnotationId(0);
    assert!(refused(&before, Edit::AddAnnotation(ann.clone())).contains("positive"));
    ann.id = AnnotationId(2);
    ann.end = 99;
    assert!(refused(&before, Edit::AddAnnotation(ann.clone())).contains("past the end"));
    ann.end = 3;
    ann.label = "rumour".to_owned();
    assert!(refused(&before, Edit::AddAnnotation(ann.clone())).contains("rumour"));
    ann.label = "claim".to_owned();
    ann.exact = "Uno".to_owned();
    assert!(refused(&before, Edit::AddAnnotation(ann)).contains("is not the text"));
}

#[test]
fn remove_annotation_and_undo() {
    let before = doc("[One]{claim} [two]{reaction}");
    apply_and_undo(&before, Edit::RemoveAnnotation(AnnotationId(1)), |doc| {
        assert_eq!(doc.annotations().len(), 1);
    });
    assert!(refused(&before, Edit::RemoveAnnotation(AnnotationId(9))).contains("no annotation"));
}

#[test]
fn deleting_a_claim_with_responses_is_refused_unless_they_are_unlinked() {
    let mut before = doc("[Claim]{claim} then [denial]{denial}");
    before
        .apply(Edit::Link {
            id: AnnotationId(2),
            responds_to: Some(AnnotationId(1)),
        })
        .unwrap_or_else(|p| panic!("{p}"));
    assert!(refused(&before, Edit::RemoveAnnotation(AnnotationId(1))).contains("respond to it"));
    let edit = Edit::remove_unlinking_responses(&before, AnnotationId(1));
    apply_and_undo(&before, edit, |doc| {
        assert!(doc.annotation(AnnotationId(1)).is_none());
        assert_eq!(
            doc.annotation(AnnotationId(2)).and_then(|a| a.responds_to),
            None
        );
    });
}

#[test]
fn relabel_and_undo() {
    let before = doc("[One]{claim}");
    apply_and_undo(
        &before,
        Edit::Relabel {
            id: AnnotationId(1),
            label: "denial".into(),
        },
        |doc| {
            assert_eq!(doc.annotations()[0].label, "denial");
        },
    );
    assert!(
        refused(
            &before,
            Edit::Relabel {
                id: AnnotationId(1),
                label: "nope".into()
            }
        )
        .contains("no label")
    );
}

#[test]
fn resize_updates_quote_and_resorts() {
    let before = doc("[Alpha]{claim} beta [gamma]{claim}");
    apply_and_undo(
        &before,
        Edit::Resize {
            id: AnnotationId(2),
            start: 0,
            end: 10,
        },
        |doc| {
            let ann = doc.annotation(AnnotationId(2));
            assert_eq!(ann.map(|a| a.exact.as_str()), Some("Alpha beta"));
            let ids: Vec<u64> = doc.annotations().iter().map(|a| a.id.0).collect();
            assert_eq!(ids, [1, 2]);
        },
    );
    assert!(
        refused(
            &before,
            Edit::Resize {
                id: AnnotationId(1),
                start: 3,
                end: 3
            }
        )
        .contains("less than")
    );
    assert!(
        refused(
            &before,
            Edit::Resize {
                id: AnnotationId(1),
                start: 3,
                end: 300
            }
        )
        .contains("not a span")
    );
}

#[test]
fn a_drag_of_resizes_is_one_undo_step() {
    let mut doc = doc("[Alpha]{claim} beta gamma");
    let original = doc.clone();
    let mut history = History::new();
    for end in 6..=16 {
        history
            .apply_grouped(
                &mut doc,
                Edit::Resize {
                    id: AnnotationId(1),
                    start: 0,
                    end,
                },
                Some(7),
            )
            .unwrap_or_else(|p| panic!("{p}"));
    }
    history.end_group();
    assert_eq!(doc.annotations()[0].exact, "Alpha beta gamma");
    assert_eq!(history.undo(&mut doc), Ok(true));
    assert_eq!(doc, original);
    assert!(!history.can_undo());
    assert_eq!(history.redo(&mut doc), Ok(true));
    assert_eq!(doc.annotations()[0].exact, "Alpha beta gamma");
}

#[test]
fn speaker_link_and_note_edits_undo() {
    let mut before = doc("[One]{claim} [two]{denial}");
    before
        .apply(Edit::add_speaker(&before, speaker(1, "Ana")))
        .unwrap_or_else(|p| panic!("{p}"));
    apply_and_undo(
        &before,
        Edit::SetSpeaker {
            id: AnnotationId(1),
            speaker: Some(SpeakerId(1)),
        },
        |doc| {
            assert_eq!(doc.annotations()[0].speaker, Some(SpeakerId(1)));
        },
    );
    assert!(
        refused(
            &before,
            Edit::SetSpeaker {
                id: AnnotationId(1),
                speaker: Some(SpeakerId(4))
            }
        )
        .contains("no speaker")
    );
    apply_and_undo(
        &before,
        Edit::Link {
            id: AnnotationId(2),
            responds_to: Some(AnnotationId(1)),
        },
        |doc| {
            assert_eq!(doc.annotations()[1].responds_to, Some(AnnotationId(1)));
        },
    );
    apply_and_undo(
        &before,
        Edit::SetNote {
            id: AnnotationId(2),
            note: "Says \"no\" \\ 👎".into(),
        },
        |doc| {
            assert_eq!(doc.annotations()[1].note, "Says \"no\" \\ 👎");
        },
    );
}

#[test]
fn links_to_self_and_cycles_are_refused() {
    let mut before = doc("[a]{claim} [b]{denial} [c]{reaction}");
    assert!(
        refused(
            &before,
            Edit::Link {
                id: AnnotationId(1),
                responds_to: Some(AnnotationId(1))
            }
        )
        .contains("itself")
    );
    before
        .apply(Edit::Link {
            id: AnnotationId(2),
            responds_to: Some(AnnotationId(1)),
        })
        .unwrap_or_else(|p| panic!("{p}"));
    before
        .apply(Edit::Link {
            id: AnnotationId(3),
            responds_to: Some(AnnotationId(2)),
        })
        .unwrap_or_else(|p| panic!("{p}"));
    // 1 → 3 would close the loop 1 → 3 → 2 → 1.
    assert!(
        refused(
            &before,
            Edit::Link {
                id: AnnotationId(1),
                responds_to: Some(AnnotationId(3))
            }
        )
        .contains("loop")
    );
    assert!(
        refused(
            &before,
            Edit::Link {
                id: AnnotationId(1),
                responds_to: Some(AnnotationId(2))
            }
        )
        .contains("loop")
    );
    assert!(
        refused(
            &before,
            Edit::Link {
                id: AnnotationId(1),
                responds_to: Some(AnnotationId(8))
            }
        )
        .contains("no annotation")
    );
}

#[test]
fn label_edits_undo_and_keep_rules() {
    let before = doc("[One]{claim}");
    let rumour = Label {
        id: "rumour".into(),
        name: "Rumour".into(),
        color: "#AA00FF".into(),
        key: "4".into(),
    };
    apply_and_undo(&before, Edit::add_label(&before, rumour.clone()), |doc| {
        assert_eq!(doc.labels().last(), Some(&rumour));
    });
    let mut bad = rumour.clone();
    bad.color = "purple".into();
    assert!(refused(&before, Edit::add_label(&before, bad)).contains("#RRGGBB"));
    let mut bad = rumour;
    bad.id = "Rumour!".into();
    assert!(refused(&before, Edit::add_label(&before, bad)).contains("a-z"));
    apply_and_undo(
        &before,
        Edit::RenameLabel {
            id: "claim".into(),
            name: "Assertion".into(),
        },
        |doc| {
            assert_eq!(doc.labels()[0].name, "Assertion");
        },
    );
    apply_and_undo(
        &before,
        Edit::RecolorLabel {
            id: "claim".into(),
            color: "#000000".into(),
        },
        |doc| {
            assert_eq!(doc.labels()[0].color, "#000000");
        },
    );
    apply_and_undo(
        &before,
        Edit::SetLabelKey {
            id: "claim".into(),
            key: "c".into(),
        },
        |doc| {
            assert_eq!(doc.labels()[0].key, "c");
        },
    );
    assert!(
        refused(
            &before,
            Edit::SetLabelKey {
                id: "claim".into(),
                key: "cc".into()
            }
        )
        .contains("single character")
    );
    assert!(refused(&before, Edit::RemoveLabel("claim".into())).contains("relabel them first"));
    // Removing an unused label and undoing puts it back where it was.
    apply_and_undo(&before, Edit::RemoveLabel("denial".into()), |doc| {
        let ids: Vec<&str> = doc.labels().iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["claim", "reaction"]);
    });
}

#[test]
fn speaker_edits_and_merge_undo() {
    let mut before = doc("[One]{claim} [two]{denial} [three]{reaction}");
    for (id, name) in [(1, "J. Sessions"), (2, "Jeff Sessions")] {
        before
            .apply(Edit::add_speaker(&before, speaker(id, name)))
            .unwrap_or_else(|p| panic!("{p}"));
    }
    for (ann, s) in [(1, 1), (2, 2), (3, 1)] {
        before
            .apply(Edit::SetSpeaker {
                id: AnnotationId(ann),
                speaker: Some(SpeakerId(s)),
            })
            .unwrap_or_else(|p| panic!("{p}"));
    }
    apply_and_undo(
        &before,
        Edit::add_speaker(&before, speaker(3, "Blumenthal")),
        |doc| {
            assert_eq!(doc.speakers().len(), 3);
        },
    );
    assert!(refused(&before, Edit::add_speaker(&before, speaker(1, "Dup"))).contains("not in use"));
    apply_and_undo(
        &before,
        Edit::RenameSpeaker {
            id: SpeakerId(1),
            name: "Sessions".into(),
        },
        |doc| {
            assert_eq!(doc.speakers()[0].name, "Sessions");
        },
    );
    apply_and_undo(
        &before,
        Edit::SetSpeakerRole {
            id: SpeakerId(1),
            role: "Attorney General".into(),
        },
        |doc| {
            assert_eq!(doc.speakers()[0].role, "Attorney General");
        },
    );
    assert!(refused(&before, Edit::RemoveSpeaker(SpeakerId(1))).contains("reassign or merge"));
    let merge = Edit::merge_speakers(&before, SpeakerId(1), SpeakerId(2));
    apply_and_undo(&before, merge, |doc| {
        assert_eq!(doc.speakers().len(), 1);
        assert!(
            doc.annotations()
                .iter()
                .all(|a| a.speaker == Some(SpeakerId(2)))
        );
    });
}

#[test]
fn a_failing_batch_changes_nothing() {
    let before = doc("[One]{claim} [two]{denial}");
    let batch = Edit::Batch(vec![
        Edit::SetNote {
            id: AnnotationId(1),
            note: "first".into(),
        },
        Edit::Relabel {
            id: AnnotationId(2),
            label: "missing".into(),
        },
    ]);
    refused(&before, batch);
}

#[test]
fn dirty_flag_follows_undo_redo_and_save() {
    let mut doc = doc("[One]{claim} two");
    let mut history = History::new();
    assert!(!history.is_dirty());
    history
        .apply(
            &mut doc,
            Edit::SetNote {
                id: AnnotationId(1),
                note: "a".into(),
            },
        )
        .unwrap_or_else(|p| panic!("{p}"));
    history.mark_saved();
    assert!(!history.is_dirty());
    history
        .apply(
            &mut doc,
            Edit::SetNote {
                id: AnnotationId(1),
                note: "b".into(),
            },
        )
        .unwrap_or_else(|p| panic!("{p}"));
    assert!(history.is_dirty());
    assert_eq!(history.undo(&mut doc), Ok(true));
    assert!(!history.is_dirty(), "back at the saved state");
    assert_eq!(history.undo(&mut doc), Ok(true));
    assert!(history.is_dirty());
    // A new edit after undoing past the save makes the saved state unreachable.
    history
        .apply(
            &mut doc,
            Edit::SetNote {
                id: AnnotationId(1),
                note: "c".into(),
            },
        )
        .unwrap_or_else(|p| panic!("{p}"));
    assert!(history.is_dirty());
    assert!(!history.can_redo());
    assert_eq!(history.undo_description(), Some("edit note"));
    assert!(History::unsaved().is_dirty());
}

#[test]
fn new_ids_take_max_plus_one() {
    let doc = doc("[a]{claim} [b]{claim} [c]{claim}");
    assert_eq!(doc.next_annotation_id(), AnnotationId(4));
    assert_eq!(doc.next_speaker_id(), SpeakerId(1));
    let overlapping: Vec<u64> = doc.annotations_overlapping(1, 3).map(|a| a.id.0).collect();
    assert_eq!(overlapping, [2]);
}

#[test]
fn deleting_a_speaker_in_use_can_unassign_first() {
    let mut before = doc("[One]{claim} [two]{denial}");
    before
        .apply(Edit::add_speaker(&before, speaker(1, "Ana")))
        .unwrap_or_else(|p| panic!("{p}"));
    before
        .apply(Edit::SetSpeaker {
            id: AnnotationId(2),
            speaker: Some(SpeakerId(1)),
        })
        .unwrap_or_else(|p| panic!("{p}"));
    let edit = Edit::remove_speaker_unassigning(&before, SpeakerId(1));
    apply_and_undo(&before, edit, |doc| {
        assert!(doc.speakers().is_empty());
        assert!(doc.annotations().iter().all(|a| a.speaker.is_none()));
    });
}

#[test]
fn article_details_edit_and_undo_without_touching_the_text() {
    let before = doc("The mayor [denied it]{denial}.");
    apply_and_undo(
        &before,
        Edit::SetArticleDetails {
            title: "Mayor denies report".to_owned(),
            source: "The Ledger".to_owned(),
            url: "https://example.org/mayor".to_owned(),
            date: "2026-12-07".to_owned(),
        },
        |after| {
            assert_eq!(after.article.title, "Mayor denies report");
            assert_eq!(after.article.source, "The Ledger");
            assert_eq!(after.article.url, "https://example.org/mayor");
            assert_eq!(after.article.date, "2026-12-07");
            assert_eq!(after.article.text(), before.article.text());
            assert_eq!(after.annotations(), before.annotations());
        },
    );
}

fn verdict(rating: &str) -> marginalia_core::Verdict {
    marginalia_core::Verdict {
        rating: rating.to_owned(),
        conclusion: "The record shows otherwise.".to_owned(),
        sources: vec!["https://example.org/minutes".to_owned()],
        by: "Ana Ruiz".to_owned(),
        date: "2026-12-07T10:00:00Z".to_owned(),
        url: String::new(),
    }
}

#[test]
fn a_verdict_is_given_changed_and_cleared_as_undoable_edits() {
    let before = doc("Sessions [said]{claim} he met [officials]{denial}.");
    let id = AnnotationId(1);
    let rate = Edit::SetVerdict {
        id,
        verdict: Some(verdict("false")),
    };
    apply_and_undo(&before, rate.clone(), |doc| {
        let rated = doc.annotation(id).and_then(|a| doc.rating_of(a));
        assert_eq!(rated.map(|r| r.name.as_str()), Some("False"));
    });
    let mut rated = before.clone();
    rated.apply(rate).unwrap_or_else(|p| panic!("{p}"));
    let clear = Edit::SetVerdict { id, verdict: None };
    apply_and_undo(&rated, clear, |doc| {
        assert!(doc.annotation(id).is_some_and(|a| a.verdict.is_none()));
    });
    // A rating the scale does not have is refused; so is an annotation that does not exist.
    let unknown = Edit::SetVerdict {
        id,
        verdict: Some(verdict("pants-on-fire")),
    };
    assert!(refused(&before, unknown).contains("not on the file's scale"));
    let missing = Edit::SetVerdict {
        id: AnnotationId(9),
        verdict: Some(verdict("true")),
    };
    assert!(refused(&before, missing).contains("no annotation"));
}

#[test]
fn the_scale_changes_as_one_edit_and_keeps_the_ratings_in_use() {
    let mut rated = doc("Sessions [said]{claim} he met officials.");
    let rate = Edit::SetVerdict {
        id: AnnotationId(1),
        verdict: Some(verdict("half-true")),
    };
    rated.apply(rate).unwrap_or_else(|p| panic!("{p}"));
    let mut renamed = rated.scale().clone();
    for rating in &mut renamed.ratings {
        if rating.id == "half-true" {
            rating.name = "Half right".to_owned();
            rating.color = "#FFD700".to_owned();
        }
    }
    renamed.ratings.retain(|r| r.id != "unsupported");
    apply_and_undo(&rated, Edit::SetScale(renamed), |doc| {
        let rating = doc
            .annotation(AnnotationId(1))
            .and_then(|a| doc.rating_of(a));
        assert_eq!(rating.map(|r| r.name.as_str()), Some("Half right"));
        assert_eq!(doc.scale().ratings.len(), 5);
    });
    let mut without = rated.scale().clone();
    without.ratings.retain(|r| r.id != "half-true");
    assert!(refused(&rated, Edit::SetScale(without)).contains("claims are rated Half true"));
    let mut broken = rated.scale().clone();
    broken.best = broken.worst;
    assert!(refused(&rated, Edit::SetScale(broken)).contains("two ends"));
}
