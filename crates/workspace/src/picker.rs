//! The speaker and responds-to pickers: the choices offered for what is typed, each with the
//! change it makes. The dialog draws them and sends the chosen change.

use marginalia_core::excerpt::annotation_title;
use marginalia_core::threads::CLAIM_LABEL;
use marginalia_core::{AnnotationId, Document, Edit, validate};

/// What a picker chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerKind {
    /// The annotation's speaker.
    Speaker,
    /// The annotation it responds to.
    RespondsTo,
}

/// One row of a picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// What the row says.
    pub text: String,
    /// The change choosing it makes.
    pub edit: Edit,
}

/// How many characters of a quote a responds-to row shows.
const QUOTE_CHARS: usize = 80;

/// The choices a picker of `kind` offers for `annotation` while `filter` is typed, in the order
/// shown: the speakers (or the annotations it can answer, claims first) whose text holds the
/// filter, any case; then a new speaker of the typed name when no speaker has that name
/// ([`marginalia_core::names::same_speaker`]); then, with nothing typed, "Nobody" (or
/// "Nothing") when the annotation has one.
pub fn choices(
    doc: &Document,
    kind: PickerKind,
    annotation: AnnotationId,
    filter: &str,
) -> Vec<Choice> {
    let Some(ann) = doc.annotation(annotation) else {
        return Vec::new();
    };
    let needle = filter.trim().to_lowercase();
    let matches = |text: &str| needle.is_empty() || text.to_lowercase().contains(&needle);
    let mut choices = Vec::new();
    match kind {
        PickerKind::Speaker => {
            for speaker in doc.speakers() {
                let text = if speaker.role.is_empty() {
                    speaker.name.clone()
                } else {
                    format!("{} ({})", speaker.name, speaker.role)
                };
                if matches(&text) {
                    let edit = Edit::SetSpeaker {
                        id: annotation,
                        speaker: Some(speaker.id),
                    };
                    choices.push(Choice { text, edit });
                }
            }
            let name = filter.trim();
            if !name.is_empty() && doc.speaker_named(name).is_none() {
                choices.push(Choice {
                    text: format!("New speaker “{name}”"),
                    edit: Edit::assign_speaker_named(doc, annotation, name),
                });
            }
            if needle.is_empty() && ann.speaker.is_some() {
                choices.push(Choice {
                    text: "Nobody".to_owned(),
                    edit: Edit::SetSpeaker {
                        id: annotation,
                        speaker: None,
                    },
                });
            }
        }
        PickerKind::RespondsTo => {
            // Claims first, then everything else that can be answered without a loop.
            let excluded = validate::responders(doc, annotation);
            let mut targets: Vec<_> = doc
                .annotations()
                .iter()
                .filter(|t| !excluded.contains(&t.id))
                .collect();
            targets.sort_by_key(|t| (t.label != CLAIM_LABEL, t.start));
            for target in targets {
                let text = annotation_title(doc, target, QUOTE_CHARS);
                if matches(&text) {
                    let edit = Edit::Link {
                        id: annotation,
                        responds_to: Some(target.id),
                    };
                    choices.push(Choice { text, edit });
                }
            }
            if needle.is_empty() && ann.responds_to.is_some() {
                choices.push(Choice {
                    text: "Nothing".to_owned(),
                    edit: Edit::Link {
                        id: annotation,
                        responds_to: None,
                    },
                });
            }
        }
    }
    choices
}

#[cfg(test)]
mod tests {
    use marginalia_core::{Speaker, SpeakerId};

    use super::*;

    fn doc() -> Document {
        let mut doc = marginalia_core::markup::document(
            "Head\n[Taxes will fall]{claim}. [They will not]{denial}. [Good news]{reaction}.",
        )
        .unwrap_or_else(|| panic!("markup"));
        for (id, name, role) in [(1, "Sen. Jeff Sessions", ""), (2, "Ana Ruiz", "mayor")] {
            let speaker = Speaker {
                id: SpeakerId(id),
                name: name.to_owned(),
                role: role.to_owned(),
            };
            doc.apply(Edit::add_speaker(&doc, speaker))
                .unwrap_or_else(|p| panic!("{p}"));
        }
        doc
    }

    fn texts(choices: &[Choice]) -> Vec<&str> {
        choices.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn speakers_filter_by_any_part_and_a_new_name_is_offered_once() {
        let doc = doc();
        let first = doc.annotations()[0].id;
        let all = choices(&doc, PickerKind::Speaker, first, "");
        assert_eq!(texts(&all), ["Sen. Jeff Sessions", "Ana Ruiz (mayor)"]);
        let mayor = choices(&doc, PickerKind::Speaker, first, "MAYOR");
        assert_eq!(texts(&mayor), ["Ana Ruiz (mayor)", "New speaker “MAYOR”"]);
        // A name the document has, without its title, is that speaker, not a new one.
        let same = choices(&doc, PickerKind::Speaker, first, "jeff sessions");
        assert_eq!(texts(&same), ["Sen. Jeff Sessions"]);
    }

    #[test]
    fn responses_offer_claims_first_and_nothing_that_would_loop() {
        let mut doc = doc();
        let ids: Vec<AnnotationId> = doc.annotations().iter().map(|a| a.id).collect();
        let (claim, denial, reaction) = (ids[0], ids[1], ids[2]);
        doc.apply(Edit::Link {
            id: denial,
            responds_to: Some(claim),
        })
        .unwrap_or_else(|p| panic!("{p}"));
        // The claim cannot answer its own denial's chain; the reaction can answer either.
        let for_claim = choices(&doc, PickerKind::RespondsTo, claim, "");
        assert!(for_claim.iter().all(|c| !c.text.contains("They will not")));
        let for_reaction = choices(&doc, PickerKind::RespondsTo, reaction, "");
        assert!(for_reaction[0].text.starts_with("Claim"));
        assert_eq!(for_reaction.len(), 2);
        // With a link, "Nothing" takes it away.
        let for_denial = choices(&doc, PickerKind::RespondsTo, denial, "");
        assert_eq!(for_denial.last().map(|c| c.text.as_str()), Some("Nothing"));
    }
}
