//! The window's flows on the workspace alone, without pixels: asking about unsaved changes
//! (once), saving over files, crash recovery, conflicts, labels pressed twice, and what a
//! label key says with nothing selected.

mod support;

use std::path::Path;
use std::sync::Arc;

use marginalia_core::{AnnotationId, Edit, Speaker, SpeakerId};
use marginalia_io::format;
use marginalia_workspace::{
    Action, Answer, Command, Difference, Effect, FilePurpose, Options, Pending, Preferences,
    Prompt, ReviewDecision, SuggestionAction, Suggestions, Workspace,
};
use support::{copy_of, sample};

/// A workspace as the window makes it, with a typed path for file dialogs, recovery in
/// `recovery` when given, and the copy written at every chance.
fn workspace(recovery: Option<&Path>) -> Workspace {
    Workspace::new(
        Options {
            preferences: Preferences {
                annotator: "Test Annotator".to_owned(),
                ..Preferences::default()
            },
            native_dialogs: false,
            recovery_dir: recovery.map(Path::to_owned),
            autosave_seconds: 0.0,
            ..Options::default()
        },
        Arc::new(|| {}),
    )
}

/// `path` opened in a new workspace.
fn opened(path: &Path, recovery: Option<&Path>) -> Workspace {
    let mut ws = workspace(recovery);
    act(&mut ws, Action::Open(path.to_owned()));
    finish(&mut ws);
    assert!(ws.document().is_some(), "{:?}", ws.prompt());
    ws
}

fn act(ws: &mut Workspace, action: Action) -> Vec<Effect> {
    ws.apply(action)
}

/// An edit that changes the document: a note on annotation 1.
fn note(text: &str) -> Action {
    Action::Edit(Edit::SetNote {
        id: AnnotationId(1),
        note: text.to_owned(),
    })
}

fn prompts_unsaved(ws: &Workspace, then: &Pending) -> bool {
    matches!(ws.prompt(), Some(Prompt::Unsaved { then: t }) if t == then)
}

#[test]
fn quitting_with_unsaved_changes_asks_once_and_discard_closes() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = opened(&copy_of(dir.path(), "festival-funding.ron"), None);
    assert_eq!(
        act(&mut ws, Action::Command(Command::Quit)),
        [Effect::Close]
    );

    act(&mut ws, note("changed"));
    assert!(act(&mut ws, Action::Command(Command::Quit)).is_empty());
    assert!(prompts_unsaved(&ws, &Pending::Quit));
    // The close button pressed again while asked: still one question.
    assert!(act(&mut ws, Action::Command(Command::Quit)).is_empty());
    assert_eq!(ws.prompt_depth(), 1, "asked once, not twice");
    assert!(!ws.close_allowed());

    assert_eq!(
        act(&mut ws, Action::Answer(Answer::Discard)),
        [Effect::Close]
    );
    assert!(ws.close_allowed());
    assert!(ws.prompt().is_none());
}

#[test]
fn opening_another_file_asks_and_cancel_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = opened(&copy_of(dir.path(), "festival-funding.ron"), None);
    act(&mut ws, note("changed"));
    let other = sample("sessions-recusal.ron");
    act(&mut ws, Action::Open(other.clone()));
    act(&mut ws, Action::Open(other.clone()));
    assert_eq!(ws.prompt_depth(), 1);
    assert!(prompts_unsaved(&ws, &Pending::Open(other.clone())));
    act(&mut ws, Action::Answer(Answer::Cancel));
    assert!(ws.prompt().is_none());
    assert!(ws.reading().is_none(), "nothing is read after Cancel");
    assert!(
        ws.document()
            .is_some_and(marginalia_workspace::OpenDocument::is_dirty)
    );

    // Save, then the other file opens.
    act(&mut ws, Action::Open(other.clone()));
    act(&mut ws, Action::Answer(Answer::Save));
    finish(&mut ws);
    let open = ws.document().unwrap();
    assert_eq!(open.path(), Some(other.as_path()));
    let saved = format::load(&dir.path().join("festival-funding.ron")).unwrap();
    assert_eq!(saved.annotation(AnnotationId(1)).unwrap().note, "changed");
}

#[test]
fn saving_a_new_import_proposes_a_free_name_and_asks_before_replacing_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let article = copy_of(dir.path(), "sessions-recusal.txt");
    // An annotated file already sits where the import would be saved by default: the
    // article's name with the annotator's.
    let taken = dir.path().join("sessions-recusal.test-annotator.ron");
    std::fs::copy(copy_of(dir.path(), "sessions-recusal.ron"), &taken).unwrap();
    let before = std::fs::read(&taken).unwrap();
    let mut ws = opened(&article, None);
    act(&mut ws, Action::Command(Command::Save));
    let Some(Prompt::TypePath {
        purpose: FilePurpose::Save,
        folder,
        proposed,
        ..
    }) = ws.prompt().cloned()
    else {
        panic!("Save asks where: {:?}", ws.prompt());
    };
    assert_eq!(folder, std::path::absolute(dir.path()).unwrap());
    assert_eq!(
        proposed, "sessions-recusal.test-annotator-2.ron",
        "a name that replaces nothing"
    );

    // Pressing Enter on the name of the existing file asks; Cancel leaves it alone.
    act(
        &mut ws,
        Action::Answer(Answer::Path(
            "sessions-recusal.test-annotator.ron".to_owned(),
        )),
    );
    assert!(matches!(ws.prompt(), Some(Prompt::Replace { .. })));
    act(&mut ws, Action::Answer(Answer::Cancel));
    assert_eq!(std::fs::read(&taken).unwrap(), before, "not replaced");
    assert!(ws.document().unwrap().path().is_none());

    // The proposed name saves without a question.
    act(&mut ws, Action::Command(Command::Save));
    act(&mut ws, Action::Answer(Answer::Path(proposed)));
    assert!(ws.prompt().is_none(), "{:?}", ws.prompt());
    let saved = dir.path().join("sessions-recusal.test-annotator-2.ron");
    assert_eq!(ws.document().unwrap().path(), Some(saved.as_path()));
    assert!(format::load(&saved).is_ok());
    assert_eq!(std::fs::read(&taken).unwrap(), before);
}

#[test]
fn replacing_a_file_when_the_user_agrees_keeps_the_old_one_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let article = copy_of(dir.path(), "sessions-recusal.txt");
    let taken = copy_of(dir.path(), "sessions-recusal.ron");
    let before = std::fs::read(&taken).unwrap();
    let mut ws = opened(&article, None);
    act(&mut ws, Action::Command(Command::SaveAs));
    act(
        &mut ws,
        Action::Answer(Answer::Path(taken.display().to_string())),
    );
    act(&mut ws, Action::Answer(Answer::Replace));
    assert_eq!(ws.document().unwrap().path(), Some(taken.as_path()));
    assert_eq!(std::fs::read(format::backup_path(&taken)).unwrap(), before);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of(dir.path(), "festival-funding.ron");
    let mut ws = opened(&path, None);
    act(&mut ws, note("mine"));
    // A colleague's sync client writes the file meanwhile.
    let mut theirs = format::load(&path).unwrap();
    theirs.annotator = "Colleague".to_owned();
    format::save(&theirs, &path).unwrap();
    let written = std::fs::read(&path).unwrap();

    act(&mut ws, Action::Command(Command::Save));
    assert!(matches!(ws.prompt(), Some(Prompt::Conflict { .. })));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        written,
        "theirs is untouched"
    );
    act(&mut ws, Action::Answer(Answer::Overwrite));
    assert!(!ws.document().unwrap().is_dirty());
    assert_eq!(std::fs::read(format::backup_path(&path)).unwrap(), written);
}

#[test]
fn the_recovery_copy_is_written_removed_when_clean_again_and_offered_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let path = copy_of(dir.path(), "festival-funding.ron");
    let mut ws = opened(&path, Some(&recovery));

    act(&mut ws, note("changed"));
    let _ = ws.apply(Action::Tick);
    assert_eq!(
        support::recovery_copies(&recovery),
        1,
        "written while unsaved"
    );
    // Undo back to the file: nothing is left to recover, so nothing is offered later.
    act(&mut ws, Action::Command(Command::Undo));
    assert!(!ws.document().unwrap().is_dirty());
    let _ = ws.apply(Action::Tick);
    assert_eq!(support::recovery_copies(&recovery), 0, "removed once clean");
    drop(ws);
    assert!(workspace(Some(&recovery)).prompt().is_none());

    // A window that ends with unsaved changes (a crash) leaves its copy, offered next time.
    let mut ws = opened(&path, Some(&recovery));
    act(&mut ws, note("kept by recovery"));
    let _ = ws.apply(Action::Tick);
    drop(ws);
    let mut next = workspace(Some(&recovery));
    let Some(Prompt::Recover { entries }) = next.prompt().cloned() else {
        panic!("the copy is offered: {:?}", next.prompt());
    };
    assert_eq!(entries.len(), 1);
    act(&mut next, Action::Restore(entries[0].clone()));
    let open = next.document().unwrap();
    assert!(open.is_dirty());
    assert_eq!(open.path(), Some(path.as_path()));
    assert_eq!(
        open.doc().annotation(AnnotationId(1)).unwrap().note,
        "kept by recovery"
    );
}

#[test]
fn pressing_a_label_twice_on_the_same_text_selects_the_one_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = opened(&copy_of(dir.path(), "festival-funding.ron"), None);
    let count = |ws: &Workspace| ws.document().unwrap().doc().annotations().len();
    let before = count(&ws);
    let word = ws.document().unwrap().doc().article.word_at(3).unwrap();
    for _ in 0..3 {
        act(&mut ws, Action::SelectText(Some(word)));
        act(&mut ws, Action::Label("reaction".to_owned()));
    }
    assert_eq!(count(&ws), before + 1, "one annotation, not three");
    let added = ws.selection().annotation.unwrap();
    let ann = ws
        .document()
        .unwrap()
        .doc()
        .annotation(added)
        .unwrap()
        .clone();
    assert_eq!(
        (ann.start, ann.end, ann.label.as_str()),
        (word.0, word.1, "reaction")
    );
    assert!(
        ws.status()
            .unwrap()
            .contains("already has that span and label")
    );
}

#[test]
fn a_label_key_with_nothing_selected_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = opened(&copy_of(dir.path(), "festival-funding.ron"), None);
    act(&mut ws, Action::Label("claim".to_owned()));
    let status = ws.status().unwrap_or_default();
    assert!(status.starts_with("Select text first"), "{status}");
    assert!(status.contains("Claim"), "{status}");
}

#[test]
fn a_typed_relative_path_starts_in_the_documents_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = opened(&copy_of(dir.path(), "festival-funding.ron"), None);
    act(
        &mut ws,
        Action::Command(Command::Export(marginalia_io::export::Format::Csv)),
    );
    let Some(Prompt::TypePath {
        folder, proposed, ..
    }) = ws.prompt().cloned()
    else {
        panic!("{:?}", ws.prompt());
    };
    assert_eq!(folder, std::path::absolute(dir.path()).unwrap());
    assert_eq!(proposed, "festival-funding.csv");
    act(&mut ws, Action::Answer(Answer::Path(proposed)));
    assert!(dir.path().join("festival-funding.csv").is_file());
    assert!(ws.status().unwrap().starts_with("Exported 5 annotations"));
}

#[test]
fn opening_another_file_forgets_the_selection_and_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = opened(&copy_of(dir.path(), "sessions-recusal.ron"), None);
    act(&mut ws, Action::Select(Some(AnnotationId(14))));
    act(
        &mut ws,
        Action::StartReview(sample("sessions-recusal.colleague.ron")),
    );
    finish(&mut ws);
    assert!(ws.review().is_some());
    act(&mut ws, Action::EndReview);
    assert!(
        ws.status().unwrap().contains("ended"),
        "ending a review says so: {:?}",
        ws.status()
    );
    act(
        &mut ws,
        Action::StartReview(sample("sessions-recusal.colleague.ron")),
    );
    finish(&mut ws);
    act(&mut ws, Action::Open(sample("festival-funding.ron")));
    finish(&mut ws);
    assert!(ws.review().is_none());
    assert_eq!(ws.selection().annotation, None);
    assert_eq!(ws.document().unwrap().doc().annotations().len(), 5);
}

#[test]
fn a_failed_save_leaves_who_and_when_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let article = copy_of(dir.path(), "sessions-recusal.txt");
    let mut ws = workspace(None);
    act(&mut ws, Action::Open(article.clone()));
    finish(&mut ws);
    let before = ws.document().unwrap().doc().clone();
    assert!(before.modified.is_empty(), "never saved");
    assert!(!save_to(&mut ws, &dir.path().join("missing").join("x.ron")));
    assert!(matches!(ws.prompt(), Some(Prompt::Error { .. })));
    let open = ws.document().unwrap();
    assert_eq!(open.doc(), &before, "annotator and modified restored");
    assert!(open.is_dirty());
    assert!(open.path().is_none());
    // Saved where it can be, they are written.
    let path = dir.path().join("saved.ron");
    assert!(save_to(&mut ws, &path));
    let saved = format::load(&path).unwrap();
    assert_eq!(saved.annotator, "Test Annotator");
    assert!(!saved.modified.is_empty());
    assert!(
        !ws.document().unwrap().history().can_undo(),
        "not an undo step"
    );
}

/// An article with quotations of three speakers, imported into a workspace with suggested
/// quotes shown.
fn with_suggestions(dir: &Path) -> Workspace {
    let article = dir.join("talks.txt");
    std::fs::write(
        &article,
        "Talks resume in Cairo\n\
         Noa Levi told reporters: \"Every day without a deal is a day we may lose him.\"\n\
         \"We are not asking for anything except our people,\" she said.\n\
         Egyptian Foreign Minister Sameh Shoukry said Cairo would \"spare no effort\".\n\
         \"The region cannot afford another month of this,\" Mr Shoukry said.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut ws = opened(&article, None);
    act(&mut ws, Action::Command(Command::ToggleSuggestions));
    assert_eq!(ws.suggestions().map(Suggestions::left), Some(4));
    ws
}

fn current_text(ws: &Workspace) -> Option<String> {
    ws.suggestions()?.current().map(|s| s.text.clone())
}

#[test]
fn accepting_a_suggestion_is_one_undoable_edit_with_its_speaker() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = with_suggestions(dir.path());
    let effects = act(&mut ws, Action::Command(Command::NextSuggestion));
    assert!(matches!(effects.as_slice(), [Effect::ScrollTo(_)]));
    assert_eq!(
        current_text(&ws).as_deref(),
        Some("Every day without a deal is a day we may lose him.")
    );
    act(&mut ws, Action::Label("claim".to_owned()));
    let doc = ws.document().unwrap().doc();
    assert_eq!(doc.annotations().len(), 1);
    let ann = &doc.annotations()[0];
    assert_eq!(
        ann.exact,
        "Every day without a deal is a day we may lose him."
    );
    assert_eq!(
        doc.speaker_of(ann).map(|s| s.name.as_str()),
        Some("Noa Levi")
    );
    // On to the next, whose speaker is the same person: matched, not made twice.
    assert_eq!(
        current_text(&ws).as_deref(),
        Some("We are not asking for anything except our people,")
    );
    act(&mut ws, Action::Label("reaction".to_owned()));
    let doc = ws.document().unwrap().doc();
    assert_eq!((doc.annotations().len(), doc.speakers().len()), (2, 1));
    assert_eq!(ws.suggestions().unwrap().left(), 2);
    // Undo takes back each acceptance whole, speaker and all; the suggestion comes back.
    act(&mut ws, Action::Command(Command::Undo));
    act(&mut ws, Action::Command(Command::Undo));
    let doc = ws.document().unwrap().doc();
    assert_eq!((doc.annotations().len(), doc.speakers().len()), (0, 0));
    assert_eq!(ws.suggestions().unwrap().left(), 4);
    act(&mut ws, Action::Command(Command::Redo));
    assert_eq!(ws.document().unwrap().doc().speakers().len(), 1);
}

#[test]
fn a_suggested_speaker_named_without_a_title_is_the_speaker_with_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = with_suggestions(dir.path());
    let speaker = |id, name: &str| Speaker {
        id: SpeakerId(id),
        name: name.to_owned(),
        role: String::new(),
    };
    let existing = Edit::add_speaker(ws.document().unwrap().doc(), speaker(7, "Ms. Noa Levi"));
    act(&mut ws, Action::Edit(existing));
    act(&mut ws, Action::Command(Command::NextSuggestion));
    act(&mut ws, Action::Label("claim".to_owned()));
    let doc = ws.document().unwrap().doc();
    assert_eq!(doc.speakers().len(), 1, "no second Noa Levi");
    assert_eq!(doc.annotations()[0].speaker, Some(SpeakerId(7)));
    // The picker's typed name goes to the same speaker.
    let edit = Edit::assign_speaker_named(doc, doc.annotations()[0].id, "noa  levi");
    act(&mut ws, Action::Edit(edit));
    assert_eq!(ws.document().unwrap().doc().speakers().len(), 1);
}

#[test]
fn dismissals_are_saved_and_never_suggested_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = with_suggestions(dir.path());
    act(&mut ws, Action::Command(Command::NextSuggestion));
    // Backspace with no annotation selected dismisses the suggestion in focus.
    assert!(ws.can_run(Command::DismissSuggestion));
    assert!(!ws.can_run(Command::Delete));
    act(&mut ws, Action::Command(Command::DismissSuggestion));
    assert_eq!(ws.suggestions().unwrap().left(), 3);
    assert_eq!(ws.document().unwrap().doc().annotations().len(), 0);
    let saved = dir.path().join("talks.ron");
    assert!(save_to(&mut ws, &saved));
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        text.contains("dismissed: [") && text.contains("version: 4,"),
        "{text}"
    );
    // Opened again, the dismissed one stays dismissed; the others are still suggested.
    let mut again = opened(&saved, None);
    act(&mut again, Action::Command(Command::ToggleSuggestions));
    let suggestions = again.suggestions().unwrap();
    assert_eq!(suggestions.left(), 3);
    assert!(
        suggestions
            .pending()
            .all(|s| !s.text.starts_with("Every day"))
    );
}

#[test]
fn all_of_a_speakers_suggestions_are_accepted_at_once_and_a_selection_wins_over_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = with_suggestions(dir.path());
    for _ in 0..3 {
        act(&mut ws, Action::Command(Command::NextSuggestion));
    }
    assert_eq!(current_text(&ws).as_deref(), Some("spare no effort"));
    assert_eq!(ws.suggestions().unwrap().of_current_speaker().len(), 2);
    act(
        &mut ws,
        Action::Suggestion(SuggestionAction::AcceptSpeaker("claim".to_owned())),
    );
    let doc = ws.document().unwrap().doc();
    assert_eq!(doc.annotations().len(), 2);
    assert!(
        doc.annotations()
            .iter()
            .all(|a| { doc.speaker_of(a).map(|s| s.name.as_str()) == Some("Sameh Shoukry") })
    );
    act(&mut ws, Action::Command(Command::Undo));
    assert!(
        ws.document().unwrap().doc().annotations().is_empty(),
        "one step"
    );
    // Text selected after a suggestion is focused: the label goes to the selection.
    act(&mut ws, Action::Command(Command::NextSuggestion));
    act(&mut ws, Action::SelectText(Some((22, 30))));
    assert!(ws.suggestions().unwrap().current().is_none());
    act(&mut ws, Action::Label("claim".to_owned()));
    let doc = ws.document().unwrap().doc();
    assert_eq!(doc.annotations().len(), 1);
    assert_eq!(
        (doc.annotations()[0].start, doc.annotations()[0].end),
        (22, 30)
    );
    // Hidden, they are gone from the window and nothing of them is in the file.
    act(&mut ws, Action::Command(Command::ToggleSuggestions));
    assert!(ws.suggestions().is_none());
}

/// Waits for the file being read, and takes it up; what that asks of the window.
fn finish(ws: &mut Workspace) -> Vec<Effect> {
    ws.apply(Action::FinishReading)
}

/// Saves to `path` as if chosen in a dialog; whether the document is now saved there.
fn save_to(ws: &mut Workspace, path: &Path) -> bool {
    let effects = ws.apply(Action::SaveTo(path.to_owned()));
    assert!(effects.is_empty(), "{effects:?}");
    ws.document()
        .is_some_and(|open| !open.is_dirty() && open.path() == Some(path))
}

#[test]
fn review_decisions_through_the_workspace_leave_no_stale_difference() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = opened(&copy_of(dir.path(), "sessions-recusal.ron"), None);
    act(
        &mut ws,
        Action::StartReview(sample("sessions-recusal.colleague.ron")),
    );
    finish(&mut ws);
    let before = ws.review().unwrap().differences();
    assert!(before.len() >= 2, "{before:?}");
    // Taking theirs changes my document; the differences are brought up to date by apply
    // itself, with no window to ask for it.
    let first = before[0];
    act(
        &mut ws,
        Action::ReviewDecision(ReviewDecision::TakeTheirs(first)),
    );
    let after = ws.review().unwrap().differences();
    assert_eq!(after.len(), before.len() - 1, "{after:?}");
    assert!(!after.contains(&first));
    // Keeping mine sets one aside; reconsidering brings it back.
    let kept = after[0];
    act(
        &mut ws,
        Action::ReviewDecision(ReviewDecision::KeepMine(kept)),
    );
    assert!(!ws.review().unwrap().differences().contains(&kept));
    act(&mut ws, Action::ReviewDecision(ReviewDecision::Reconsider));
    assert!(ws.review().unwrap().differences().contains(&kept));
    // Undo takes the change back, and the difference returns.
    act(&mut ws, Action::Command(Command::Undo));
    assert_eq!(ws.review().unwrap().differences().len(), before.len());
    // Taking every annotation only they have leaves none of that kind.
    act(
        &mut ws,
        Action::ReviewDecision(ReviewDecision::TakeAllOnlyTheirs),
    );
    assert!(
        ws.review()
            .unwrap()
            .differences()
            .iter()
            .all(|d| !matches!(d, Difference::OnlyTheirs(_))),
    );
}

#[test]
fn undoing_says_what_it_undid_in_place_of_what_the_step_said() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = with_suggestions(dir.path());
    act(&mut ws, Action::Command(Command::NextSuggestion));
    act(&mut ws, Action::Command(Command::DismissSuggestion));
    assert!(ws.status().is_some_and(|s| s.starts_with("Dismissed")));
    act(&mut ws, Action::Command(Command::Undo));
    assert_eq!(ws.status(), Some("Undid: dismiss suggestion."));
    act(&mut ws, Action::Command(Command::Redo));
    assert_eq!(ws.status(), Some("Redid: dismiss suggestion."));
}

#[test]
fn an_e_mails_details_list_its_attachments_and_other_articles_have_none() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let email = support::email_copy(dir.path(), "html_with_attachments.eml");
    let mut ws = opened(&email, None);
    assert!(
        ws.document()
            .is_some_and(|o| o.doc().article.source.starts_with("Press Office"))
    );
    act(&mut ws, Action::Command(Command::ArticleDetails));
    let Some(Prompt::ArticleDetails { attachments }) = ws.prompt() else {
        panic!("{:?}", ws.prompt());
    };
    let names: Vec<&str> = attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["statement.txt", "Budget 2026.pdf"]);

    let mut ws = opened(&sample("sessions-recusal.txt"), None);
    act(&mut ws, Action::Command(Command::ArticleDetails));
    assert!(
        matches!(ws.prompt(), Some(Prompt::ArticleDetails { attachments }) if attachments.is_empty())
    );
}

#[test]
fn an_attachment_opens_as_its_own_article_saved_beside_the_e_mail_never_over_a_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let email = support::email_copy(dir.path(), "html_with_attachments.eml");
    let mut ws = opened(&email, None);
    open_attachment(&mut ws, 0);
    let statement = dir.path().join("statement.txt");
    let article = ws.document().map(|o| o.doc().article.clone());
    assert_eq!(
        article.as_ref().map(marginalia_core::Article::text),
        Some("Full statement follows.\n")
    );
    assert_eq!(article.map(|a| a.path), Some("statement.txt".to_owned()));
    assert!(ws.status().is_some_and(|s| s.contains("statement.txt")));

    // The same bytes already there are that file; other bytes there are never replaced.
    let mut ws = opened(&email, None);
    open_attachment(&mut ws, 0);
    assert!(!dir.path().join("statement (2).txt").exists());
    std::fs::write(&statement, "My own notes.").unwrap_or_else(|e| panic!("{e}"));
    let mut ws = opened(&email, None);
    open_attachment(&mut ws, 0);
    assert_eq!(
        std::fs::read_to_string(&statement).ok().as_deref(),
        Some("My own notes.")
    );
    let second = dir.path().join("statement (2).txt");
    assert_eq!(
        std::fs::read_to_string(&second).ok().as_deref(),
        Some("Full statement follows.\n")
    );

    // An attachment that is not a readable article says why, and the e-mail stays open.
    let mut ws = opened(&email, None);
    open_attachment(&mut ws, 1);
    assert!(
        ws.document()
            .is_some_and(|o| o.doc().article.path == "html_with_attachments.eml")
    );
    let said = format!("{:?} {:?}", ws.status(), ws.prompt());
    assert!(said.contains("Budget 2026.pdf"), "{said}");
    act(&mut ws, Action::OpenAttachment(7));
    assert!(ws.status().is_some_and(|s| s.contains("no attachment 8")));
}

/// Opens attachment `index` of the open e-mail, its new annotation set's changes discarded when
/// asked about.
fn open_attachment(ws: &mut Workspace, index: usize) {
    act(ws, Action::OpenAttachment(index));
    if matches!(ws.prompt(), Some(Prompt::Unsaved { .. })) {
        act(ws, Action::Answer(Answer::Discard));
    }
    finish(ws);
}

#[test]
fn review_takes_or_keeps_a_colleagues_verdict_like_a_label() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("ledger.ana-ruiz.ron");
    std::fs::copy(sample("corpus/water-rates-ledger.ana-ruiz.ron"), &mine).unwrap();
    let mut ws = opened(&mine, None);
    act(
        &mut ws,
        Action::StartReview(sample("corpus/water-rates-ledger.ben-okafor.ron")),
    );
    finish(&mut ws);
    let verdicts = |ws: &Workspace| -> Vec<Difference> {
        ws.review()
            .unwrap()
            .differences()
            .into_iter()
            .filter(|d| matches!(d, Difference::Verdict(..)))
            .collect()
    };
    // Annotation 1 is rated Mostly false by both (in other words): no difference. Annotation 2
    // is False against Mostly false, annotation 3 Mostly true against True.
    let before = verdicts(&ws);
    assert_eq!(
        before,
        [
            Difference::Verdict(AnnotationId(2), AnnotationId(2)),
            Difference::Verdict(AnnotationId(3), AnnotationId(3)),
        ]
    );
    act(
        &mut ws,
        Action::ReviewDecision(ReviewDecision::TakeTheirs(before[0])),
    );
    let taken = ws
        .document()
        .unwrap()
        .doc()
        .annotation(AnnotationId(2))
        .unwrap();
    let verdict = taken.verdict.clone().unwrap();
    assert_eq!(verdict.rating, "mostly-false");
    assert_eq!(verdict.by, "Ben Okafor", "their verdict, as they signed it");
    act(
        &mut ws,
        Action::ReviewDecision(ReviewDecision::KeepMine(before[1])),
    );
    assert!(verdicts(&ws).is_empty());
    // Taking theirs is one undo step.
    act(&mut ws, Action::Command(Command::Undo));
    let undone = ws
        .document()
        .unwrap()
        .doc()
        .annotation(AnnotationId(2))
        .unwrap();
    assert_eq!(undone.verdict.as_ref().unwrap().rating, "false");
    // The figures count the verdicts both gave: three pairs, one the same rating.
    let figures = &ws.review().unwrap().review().agreement.verdicts;
    assert_eq!((figures.rated, figures.same_rating), (3, 1));
}

#[test]
fn a_claimreview_export_asks_who_publishes_then_writes_the_reviews() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("stadium.ron");
    std::fs::copy(sample("corpus/stadium-deal.ana-ruiz.ron"), &mine).unwrap();
    let mut ws = opened(&mine, None);
    let export = Command::Export(marginalia_io::export::Format::ClaimReview);
    act(&mut ws, Action::Command(export));
    assert!(
        matches!(ws.prompt(), Some(Prompt::Publisher { then_export: true })),
        "{:?}",
        ws.prompt()
    );
    act(
        &mut ws,
        Action::SetPublisher {
            name: " Riverside Fact Desk ".to_owned(),
            then_export: true,
        },
    );
    assert_eq!(ws.preferences().publisher, "Riverside Fact Desk");
    // Without a system dialog the path is typed.
    assert!(
        matches!(ws.prompt(), Some(Prompt::TypePath { .. })),
        "{:?}",
        ws.prompt()
    );
    act(
        &mut ws,
        Action::Answer(Answer::Path("reviews.json".to_owned())),
    );
    let written = std::fs::read_to_string(dir.path().join("reviews.json")).unwrap();
    let reviews: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(reviews[0]["author"]["name"], "Riverside Fact Desk");
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "False");
    // Named once, the publisher is not asked again.
    act(&mut ws, Action::Command(export));
    assert!(matches!(ws.prompt(), Some(Prompt::TypePath { .. })));
}
