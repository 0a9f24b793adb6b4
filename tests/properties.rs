//! Random sequences of edits, as a session of clicks and keys would make them (labels, spans,
//! speakers with merges and deletes, links, batches, undo and redo): the document always keeps
//! every rule, finding an annotation by id always finds the right one, and undoing everything
//! gives back the original exactly.

use marginalia_core::validate::{check_document, warnings};
use marginalia_core::{
    Annotation, AnnotationId, Document, Edit, History, Speaker, SpeakerId, Verdict,
};
use marginalia_fixtures as fixtures;
use proptest::prelude::*;

/// One step of a session, with numbers the step turns into ids and offsets of the document
/// as it is then.
#[derive(Clone, Debug)]
enum Step {
    Add {
        start: usize,
        len: usize,
        label: usize,
    },
    Remove(usize),
    RemoveUnlinking(usize),
    Relabel {
        which: usize,
        label: usize,
    },
    Resize {
        which: usize,
        start: usize,
        len: usize,
    },
    AddSpeaker(String),
    SetSpeaker {
        which: usize,
        speaker: usize,
    },
    AssignNamed {
        which: usize,
        name: String,
    },
    MergeSpeakers {
        from: usize,
        into: usize,
    },
    DeleteSpeaker(usize),
    Link {
        which: usize,
        target: usize,
    },
    Unlink(usize),
    Note {
        which: usize,
        note: String,
    },
    Batch(Vec<(usize, usize, usize)>),
    Rate {
        which: usize,
        rating: usize,
    },
    Unrate(usize),
    DropRating(usize),
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    let name = prop::sample::select(vec!["Ana Ruiz", "ana ruiz ", "כהן נועה", "Ben", "李雷"])
        .prop_map(str::to_owned);
    prop_oneof![
        4 => (0..2_000usize, 1..60usize, 0..5usize)
            .prop_map(|(start, len, label)| Step::Add { start, len, label }),
        1 => (0..64usize).prop_map(Step::Remove),
        1 => (0..64usize).prop_map(Step::RemoveUnlinking),
        1 => (0..64usize, 0..5usize).prop_map(|(which, label)| Step::Relabel { which, label }),
        1 => (0..64usize, 0..2_000usize, 1..60usize)
            .prop_map(|(which, start, len)| Step::Resize { which, start, len }),
        1 => name.clone().prop_map(Step::AddSpeaker),
        1 => (0..64usize, 0..8usize).prop_map(|(which, speaker)| Step::SetSpeaker { which, speaker }),
        1 => (0..64usize, name).prop_map(|(which, name)| Step::AssignNamed { which, name }),
        1 => (0..8usize, 0..8usize).prop_map(|(from, into)| Step::MergeSpeakers { from, into }),
        1 => (0..8usize).prop_map(Step::DeleteSpeaker),
        2 => (0..64usize, 0..64usize).prop_map(|(which, target)| Step::Link { which, target }),
        1 => (0..64usize).prop_map(Step::Unlink),
        1 => (0..64usize, "[a-z «»\"]{0,12}").prop_map(|(which, note)| Step::Note { which, note }),
        1 => prop::collection::vec((0..2_000usize, 1..40usize, 0..5usize), 1..6).prop_map(Step::Batch),
        1 => (0..64usize, 0..8usize).prop_map(|(which, rating)| Step::Rate { which, rating }),
        1 => (0..64usize).prop_map(Step::Unrate),
        1 => (0..8usize).prop_map(Step::DropRating),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

fn nth_annotation(doc: &Document, n: usize) -> Option<AnnotationId> {
    let all = doc.annotations();
    (!all.is_empty()).then(|| all[n % all.len()].id)
}

fn nth_speaker(doc: &Document, n: usize) -> Option<SpeakerId> {
    let all = doc.speakers();
    (!all.is_empty()).then(|| all[n % all.len()].id)
}

fn label_id(doc: &Document, n: usize) -> String {
    let labels = doc.labels();
    labels[n % labels.len()].id.clone()
}

/// A new annotation on whole words around `[start, start + len)`, if there is text there.
fn new_annotation(
    doc: &Document,
    id: AnnotationId,
    start: usize,
    len: usize,
    label: &str,
) -> Option<Annotation> {
    let total = doc.article.len_chars();
    let start = start % total.max(1);
    let (start, end) = doc
        .article
        .snap_selection(start, (start + len).min(total))?;
    Annotation::on_text(&doc.article, id, label, start, end)
}

/// The edit a step makes of the document as it is, or `None` for undo, redo and steps with
/// nothing to act on.
fn edit_of(doc: &Document, step: &Step) -> Option<Edit> {
    Some(match step {
        Step::Add { start, len, label } => {
            let label = label_id(doc, *label);
            Edit::AddAnnotation(new_annotation(
                doc,
                doc.next_annotation_id(),
                *start,
                *len,
                &label,
            )?)
        }
        Step::Remove(n) => Edit::RemoveAnnotation(nth_annotation(doc, *n)?),
        Step::RemoveUnlinking(n) => Edit::remove_unlinking_responses(doc, nth_annotation(doc, *n)?),
        Step::Relabel { which, label } => Edit::Relabel {
            id: nth_annotation(doc, *which)?,
            label: label_id(doc, *label),
        },
        Step::Resize { which, start, len } => {
            let id = nth_annotation(doc, *which)?;
            let placed = new_annotation(doc, id, *start, *len, "claim")?;
            Edit::Resize {
                id,
                start: placed.start,
                end: placed.end,
            }
        }
        Step::AddSpeaker(name) => Edit::add_speaker(
            doc,
            Speaker {
                id: doc.next_speaker_id(),
                name: name.clone(),
                role: String::new(),
            },
        ),
        Step::SetSpeaker { which, speaker } => Edit::SetSpeaker {
            id: nth_annotation(doc, *which)?,
            speaker: nth_speaker(doc, *speaker),
        },
        Step::AssignNamed { which, name } => {
            Edit::assign_speaker_named(doc, nth_annotation(doc, *which)?, name)
        }
        Step::MergeSpeakers { from, into } => {
            let (from, into) = (nth_speaker(doc, *from)?, nth_speaker(doc, *into)?);
            if from == into {
                return None;
            }
            Edit::merge_speakers(doc, from, into)
        }
        Step::DeleteSpeaker(n) => Edit::remove_speaker_unassigning(doc, nth_speaker(doc, *n)?),
        Step::Link { which, target } => Edit::Link {
            id: nth_annotation(doc, *which)?,
            responds_to: nth_annotation(doc, *target),
        },
        Step::Unlink(n) => Edit::Link {
            id: nth_annotation(doc, *n)?,
            responds_to: None,
        },
        Step::Note { which, note } => Edit::SetNote {
            id: nth_annotation(doc, *which)?,
            note: note.clone(),
        },
        Step::Batch(spans) => {
            let mut next = doc.next_annotation_id().0;
            let mut edits = Vec::new();
            for &(start, len, label) in spans {
                let label = label_id(doc, label);
                if let Some(ann) = new_annotation(doc, AnnotationId(next), start, len, &label) {
                    edits.push(Edit::AddAnnotation(ann));
                    next += 1;
                }
            }
            Edit::Batch(edits)
        }
        Step::Rate { which, rating } => {
            let ratings = &doc.scale().ratings;
            let rating = ratings.get(rating % ratings.len().max(1))?;
            Edit::SetVerdict {
                id: nth_annotation(doc, *which)?,
                verdict: Some(Verdict {
                    rating: rating.id.clone(),
                    conclusion: "Checked «against» the record.".to_owned(),
                    ..Verdict::default()
                }),
            }
        }
        Step::Unrate(n) => Edit::SetVerdict {
            id: nth_annotation(doc, *n)?,
            verdict: None,
        },
        Step::DropRating(n) => {
            // Refused while a claim is rated so; the document must stay sound either way.
            let mut scale = doc.scale().clone();
            let index = n % scale.ratings.len().max(1);
            (scale.ratings.len() > 1).then(|| scale.ratings.remove(index))?;
            Edit::SetScale(scale)
        }
        Step::Undo | Step::Redo => return None,
    })
}

/// Every rule holds, nothing is repeated, and every annotation is found by its id.
fn assert_sound(doc: &Document) {
    let problems = check_document(doc, None);
    assert!(problems.is_empty(), "{problems:?}");
    let repeated = warnings(doc);
    assert!(repeated.is_empty(), "{repeated:?}");
    for ann in doc.annotations() {
        assert_eq!(
            doc.annotation(ann.id),
            Some(ann),
            "annotation {} by id",
            ann.id
        );
    }
    let keys: Vec<_> = doc.annotations().iter().map(Annotation::sort_key).collect();
    assert!(keys.is_sorted(), "annotations stay in file order");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_session_keeps_the_document_sound_and_undoes_to_the_original(
        steps in prop::collection::vec(step(), 1..60)
    ) {
        let original = fixtures::document(6_000, 40, 11);
        let mut doc = original.clone();
        let mut history = History::new();
        for step in &steps {
            match step {
                Step::Undo => {
                    let _undone = history.undo(&mut doc);
                }
                Step::Redo => {
                    let _redone = history.redo(&mut doc);
                }
                step => {
                    if let Some(edit) = edit_of(&doc, step) {
                        // A refused edit leaves the document as it was.
                        let before = doc.clone();
                        if history.apply(&mut doc, edit).is_err() {
                            prop_assert_eq!(&doc, &before);
                        }
                    }
                }
            }
            assert_sound(&doc);
        }
        while history.can_undo() {
            prop_assert_eq!(history.undo(&mut doc), Ok(true));
        }
        prop_assert_eq!(&doc, &original);
        prop_assert!(!history.is_dirty());
    }
}
