//! Speakers: the speaker credited to each quotation, from its own sentence (its attribution's
//! subject, pronouns resolved) or from the paragraphs before it (the one a paragraph is about,
//! the speaker just quoted, whoever issued a list), and the label each is hinted.

use std::ops::Range;

use super::LabelHint;
use super::attribution::{
    Attribution, attribution_after, attribution_before, hint_at, is_proper_name, is_verb, span_of,
    subject_before,
};
use super::hints;
use super::lexicon;
use super::marks::Raw;
use super::people::{Gender, NameIndex, Named, name_subject};
use super::roles::is_body_word;
use super::sentences::{Token, sentence_end, sentence_start, sentences_of, tokens};

/// A speaker credited so far, for pronouns and quotations known from context.
#[derive(Clone, Debug)]
struct Credited {
    name: String,
    gender: Option<Gender>,
    pub(super) paragraph: usize,
}

/// The gender a pronoun stands for: English, French and German ("sie" after a verb in the
/// singular, as attributions have it).
fn pronoun_gender(pronoun: &str) -> Gender {
    match pronoun {
        "he" | "il" | "er" => Gender::Male,
        "she" | "elle" | "sie" => Gender::Female,
        _ => Gender::Plural,
    }
}

fn fits(pronoun: &str, gender: Option<Gender>) -> bool {
    gender.is_none() || gender == Some(pronoun_gender(pronoun))
}

fn resolve(
    pronoun: &str,
    credited: &[Credited],
    names: &NameIndex,
    at: usize,
    paragraph: usize,
) -> Option<(String, Option<Gender>)> {
    let wanted = Some(pronoun_gender(pronoun));
    let singular = wanted != Some(Gender::Plural);
    let before = names.mentions.partition_point(|m| m.at < at);
    let mentions = names.mentions[..before].iter().rev();
    // The speaker of a sentence earlier in the paragraph who fits: "A spokesman for Uisce
    // Éireann rejected the figures. '…,' he said".
    if singular
        && let Some(last) = credited.last()
        && last.paragraph == paragraph
        && fits(pronoun, last.gender)
    {
        return Some((last.name.clone(), wanted));
    }
    let in_paragraph = mentions.clone().take_while(|m| m.paragraph == paragraph);
    // "City's coach, Anna Lindqvist, refused to blame the referee. '…,' she said": the one
    // person the paragraph names.
    let alone = in_paragraph.clone().all(|m| {
        in_paragraph
            .clone()
            .next()
            .is_some_and(|n| n.name == m.name)
    });
    // Someone named earlier in the same paragraph who fits: of that gender, or, where nothing
    // tells, titled, the only one named, or a speaker already.
    let spoke = |name: &str| credited.iter().any(|c| c.name == name);
    if singular
        && let Some(m) = in_paragraph.clone().find(|m| {
            m.gender == wanted || (m.gender.is_none() && (m.titled || alone || spoke(&m.name)))
        })
    {
        return Some((m.name.clone(), wanted));
    }
    // The one credited just before, whom nothing in the article gives a gender: "Priya Nair
    // said the lease was being reviewed." then "'…,' she said".
    if singular
        && let Some(last) = credited.last()
        && last.gender.is_none()
        && last.paragraph + 1 >= paragraph
    {
        return Some((last.name.clone(), wanted));
    }
    // The most recent speaker of that gender; someone named of that gender; the most recent
    // speaker who may be.
    let recent = credited.iter().rev().take(40);
    if let Some(found) = recent.clone().find(|c| c.gender == wanted) {
        return Some((found.name.clone(), found.gender));
    }
    if let Some(m) = mentions.clone().take(200).find(|m| m.gender == wanted) {
        return Some((m.name.clone(), wanted));
    }
    recent
        .clone()
        .find(|c| fits(pronoun, c.gender))
        .map(|found| (found.name.clone(), wanted))
}

pub(super) struct Found {
    pub(super) speaker: Option<String>,
    pub(super) cue: Option<String>,
    pub(super) hint: LabelHint,
}

/// The attribution of the `k`th quotation of a paragraph, from its own sentence: after it for
/// a whole utterance (`"…," she said`), else before it (`She said the plan was "…"`).
fn attribution_of(
    text: &str,
    paragraph: &Range<usize>,
    quotes: &[Raw],
    k: usize,
) -> Option<Attribution> {
    let quote = &quotes[k];
    let before_from = if k == 0 {
        paragraph.start
    } else {
        quotes[k - 1].after
    };
    let after_to = quotes.get(k + 1).map_or(paragraph.end, |q| q.open);
    let left = sentence_start(text, before_from, quote.open)..quote.open;
    let right_end = sentence_end(text, quote.after..after_to).unwrap_or(after_to);
    let left_tokens = tokens(text, left);
    let right_tokens = tokens(text, quote.after..right_end);
    let comma_after = right_tokens.first().is_some_and(|t| t.is_punct(','));
    let full_utterance = matches!(quote.last_char, Some(',' | '!' | '?' | '—' | '…'))
        || (quote.closed && comma_after);
    let after = if matches!(quote.last_char, Some('.')) {
        // `"We won." Smith said.` only: a short attribution of its own.
        attribution_after(text, &right_tokens)
            .filter(|_| right_tokens.len() <= 6 && right_tokens.first().is_some_and(|t| t.word))
    } else if quote.closed || comma_after {
        attribution_after(text, &right_tokens)
    } else {
        None
    };
    let before = attribution_before(text, &left_tokens);
    if full_utterance {
        after.or(before)
    } else {
        before.or(after)
    }
}

/// A sentence of reported speech that leads into quotations: its speaker and the label its
/// verb hints at.
#[derive(Clone, Debug)]
struct Lead {
    paragraph: usize,
    name: String,
    hint: LabelHint,
    /// Its subject describes people ("Local business owners") rather than naming one.
    described: bool,
}

impl Lead {
    /// The hint a quotation by `speaker` takes from this lead, when its own cue says no more
    /// than "said": the same speaker's, or one of the people it describes.
    fn hint_for(&self, speaker: Option<&String>) -> Option<LabelHint> {
        (speaker == Some(&self.name) || (self.described && speaker.is_some())).then_some(self.hint)
    }
}

/// What the paragraphs before a quotation tell of it when its own sentence does not.
#[derive(Default)]
struct Context {
    /// Whom the last sentence of the last paragraph without quotations is about.
    subject: Option<(usize, String, Option<Gender>)>,
    /// The last paragraph that is not a list item: the one that introduces a list.
    list_intro: Option<Range<usize>>,
    /// The last lead of a paragraph without quotations.
    lead: Option<Lead>,
}

/// Who issued a list: the subject of the sentence that introduces it, the paragraph's last
/// ("…, including:"), else its first ("The party published its plans. Among them:").
fn list_owner(
    text: &str,
    intro: Option<&Range<usize>>,
    names: &NameIndex,
) -> Option<(String, Option<Gender>)> {
    let sentences = sentences_of(text, intro?);
    sentences
        .iter()
        .rev()
        .take(1)
        .chain(sentences.first())
        .find_map(|s| sentence_subject(text, s.clone(), names, false))
}

/// Whether a paragraph is an item of a list ("- towns on the river would get…").
fn is_list_item(text: &str, paragraph: &Range<usize>) -> bool {
    let line = text[paragraph.clone()].trim_start();
    ["- ", "• ", "* ", "– ", "— "]
        .iter()
        .any(|marker| line.starts_with(marker))
}

/// Whom a sentence is about: the first person the article names among its first eight words,
/// or a body named there ("The opposition Green Party"). With `at_start`, only a name that
/// opens the sentence (after titles) counts.
fn sentence_subject(
    text: &str,
    sentence: Range<usize>,
    names: &NameIndex,
    at_start: bool,
) -> Option<(String, Option<Gender>)> {
    let tokens = tokens(text, sentence.clone());
    let words: Vec<&Token> = tokens.iter().filter(|t| t.word).take(8).collect();
    let limit = words.last()?.end();
    let opening = |at: usize| {
        tokens
            .iter()
            .take_while(|t| t.at < at)
            .all(|t| t.has(lexicon::TITLE | lexicon::OFFICE))
    };
    let from = names.mentions.partition_point(|m| m.at < sentence.start);
    if let Some(m) = names.mentions[from..]
        .first()
        .filter(|m| m.at < limit)
        .filter(|m| !at_start || opening(m.at))
    {
        return Some((m.name.clone(), m.gender));
    }
    if at_start {
        return None;
    }
    let end = tokens
        .iter()
        .position(|t| t.capitalized() && is_body_word(t.text) && t.at < limit)?;
    let mut start = end;
    loop {
        let before = start.checked_sub(1).map(|i| &tokens[i]);
        if before.is_some_and(|t| t.capitalized() && !t.is("the")) {
            start -= 1;
        } else if before.is_some_and(|t| t.is_punct('\'') || t.is_punct('’'))
            && start >= 2
            && tokens[start - 2].capitalized()
        {
            // "Consumers' Association".
            start -= 2;
        } else {
            break;
        }
    }
    Some((
        names.written_name(text, &tokens[start..=end]),
        Some(Gender::Plural),
    ))
}

/// Attributes every quotation, in order, keeping who was credited for pronouns and context.
pub(super) fn attribute(
    text: &str,
    paragraphs: &[Range<usize>],
    raw: &[Raw],
    names: &NameIndex,
) -> Vec<Option<Found>> {
    let mut out: Vec<Option<Found>> = Vec::with_capacity(raw.len());
    let mut credited: Vec<Credited> = Vec::new();
    let mut context = Context::default();
    let mut next_quote = 0;
    for (p, paragraph) in paragraphs.iter().enumerate() {
        let first = next_quote;
        while next_quote < raw.len() && raw[next_quote].paragraph == p {
            next_quote += 1;
        }
        let quotes = &raw[first..next_quote];
        let list_item = is_list_item(text, paragraph);
        if p > 0 && !list_item {
            context.list_intro = Some(paragraph.clone());
        }
        if quotes.is_empty() {
            if p > 0 {
                let sentences = sentences_of(text, paragraph);
                context.lead = reported_speech(text, &sentences, p, names, &mut credited);
                context.subject = sentences
                    .last()
                    .and_then(|s| sentence_subject(text, s.clone(), names, false))
                    .map(|(name, gender)| (p, name, gender));
            }
            continue;
        }
        // The sentences before the first quotation's own: "The team's owner, Carl Jensen,
        // welcomed the governor's support." Their subject is the one a pronoun after them
        // means, and their verb the reaction or denial a quotation of that speaker is.
        let lead_end = sentence_start(text, paragraph.start, quotes[0].open);
        let lead = if p > 0 && lead_end > paragraph.start {
            let sentences = sentences_of(text, &(paragraph.start..lead_end));
            reported_speech(text, &sentences, p, names, &mut credited)
        } else {
            // A paragraph of reported speech just before counts as this one's lead.
            context.lead.clone().filter(|l| l.paragraph + 1 == p)
        };
        for (k, quote) in quotes.iter().enumerate() {
            let index = first + k;
            let Some(attribution) = attribution_of(text, paragraph, quotes, k) else {
                let leads = text[paragraph.start..quote.open].trim().is_empty();
                let found = if k == 0 && list_item {
                    list_owner(text, context.list_intro.as_ref(), names).map(|(name, _)| Found {
                        speaker: Some(name),
                        cue: None,
                        hint: LabelHint::Claim,
                    })
                } else {
                    from_context(leads, k, &out, index, p, &credited, raw, &context)
                };
                if let Some(name) = found.as_ref().and_then(|f| f.speaker.clone()) {
                    let gender = credited
                        .iter()
                        .rev()
                        .find(|c| c.name == name)
                        .and_then(|c| c.gender)
                        .or_else(|| context.subject.as_ref().and_then(|s| s.2));
                    credited.push(Credited {
                        name,
                        gender,
                        paragraph: p,
                    });
                }
                out.push(found);
                continue;
            };
            let speaker = match name_subject(text, attribution.subject, names) {
                Named::Pronoun(pronoun) => resolve(&pronoun, &credited, names, quote.open, p),
                Named::Someone { name, gender } => Some((name, gender)),
            };
            let speaker = speaker.map(|(name, gender)| {
                credited.push(Credited {
                    name: name.clone(),
                    gender,
                    paragraph: p,
                });
                name
            });
            let mut hint = attribution.hint;
            if hint == LabelHint::Claim {
                // A plain "said" after a sentence in which the same speaker rejected or
                // welcomed something takes that sentence's hint; a quotation that opens by
                // calling what was said untrue is a denial.
                hint = lead
                    .as_ref()
                    .and_then(|l| l.hint_for(speaker.as_ref()))
                    .unwrap_or(hint);
                let answers = credited.iter().any(|c| Some(&c.name) != speaker.as_ref());
                if answers && hints::calls_untrue(&text[quote.inner.clone()]) {
                    hint = LabelHint::Denial;
                }
            }
            out.push(Some(Found {
                speaker,
                cue: attribution.cue,
                hint,
            }));
        }
    }
    carry_over_paragraphs(raw, &mut out);
    out
}

/// Rule 5: a quotation running over paragraphs has one speaker, wherever it is named.
fn carry_over_paragraphs(raw: &[Raw], out: &mut [Option<Found>]) {
    for i in (0..raw.len()).rev() {
        if raw[i].runs_on
            && let Some(next) = i.checked_add(1).filter(|n| *n < raw.len())
            && out[i].as_ref().is_none_or(|f| f.speaker.is_none())
            && let Some(speaker) = out[next].as_ref().and_then(|f| f.speaker.clone())
        {
            let hint = out[next].as_ref().map_or(LabelHint::Claim, |f| f.hint);
            out[i] = Some(Found {
                speaker: Some(speaker),
                cue: out[i].as_ref().and_then(|f| f.cue.clone()),
                hint,
            });
        }
    }
}

/// A quotation with no attribution of its own: the second half of an interrupted quotation,
/// a paragraph that continues a quotation, or a paragraph that is a quotation only, after a
/// paragraph about its speaker or a paragraph of the same speaker's quotation.
#[allow(clippy::too_many_arguments)]
fn from_context(
    leads: bool,
    k: usize,
    out: &[Option<Found>],
    index: usize,
    paragraph: usize,
    credited: &[Credited],
    raw: &[Raw],
    context: &Context,
) -> Option<Found> {
    if k > 0 {
        let previous = out.get(index - 1)?.as_ref()?;
        return Some(Found {
            speaker: previous.speaker.clone(),
            cue: previous.cue.clone(),
            hint: previous.hint,
        });
    }
    let continues =
        index > 0 && raw[index - 1].runs_on && raw[index - 1].paragraph + 1 == paragraph;
    if continues {
        let previous = out.get(index - 1)?.as_ref()?;
        return Some(Found {
            speaker: previous.speaker.clone(),
            cue: None,
            hint: previous.hint,
        });
    }
    if !leads {
        return None;
    }
    // The paragraph before, without quotations, is about someone: "Ms Okafor grew up above
    // her mother's bakery." — a quotation of its own paragraph after it is hers.
    if let Some((p, name, _)) = &context.subject
        && p + 1 == paragraph
    {
        let hint = context
            .lead
            .as_ref()
            .filter(|l| l.paragraph == *p)
            .and_then(|l| l.hint_for(Some(name)))
            .unwrap_or(LabelHint::Claim);
        return Some(Found {
            speaker: Some(name.clone()),
            cue: None,
            hint,
        });
    }
    let last = credited.last()?;
    (last.paragraph + 1 == paragraph).then(|| Found {
        speaker: Some(last.name.clone()),
        cue: None,
        hint: LabelHint::Claim,
    })
}

/// Sentences of reported speech ("Mr Abbas said the talks had failed."), a paragraph or the
/// lead of one: each speaker is the one a following pronoun or quotation may mean. Returns the
/// last speaker found, with the label the sentence hints at.
fn reported_speech(
    text: &str,
    sentences: &[Range<usize>],
    p: usize,
    names: &NameIndex,
    credited: &mut Vec<Credited>,
) -> Option<Lead> {
    let mut last = None;
    for range in sentences.iter().cloned() {
        let sentence = tokens(text, range.clone());
        let Some(verb) = sentence.iter().position(is_verb) else {
            continue;
        };
        let subject = subject_before(&sentence, verb).map(|s| span_of(&sentence, &s));
        let by_subject = subject.map(|subject| {
            let proper =
                is_proper_name(&text[subject.clone()].split_whitespace().collect::<Vec<_>>());
            (name_subject(text, subject, names), proper)
        });
        let speaker = match by_subject {
            Some((Named::Pronoun(pronoun), _)) => {
                resolve(&pronoun, credited, names, range.start, p).map(|s| (s, false))
            }
            // "Mr Doyle hit back on Tuesday, accusing…": the name that opens the sentence.
            Some((Named::Someone { .. }, false)) | None
                if let Some(opening) = sentence_subject(text, range.clone(), names, true) =>
            {
                Some((opening, false))
            }
            Some((Named::Someone { name, gender }, proper)) => {
                let described = !proper && gender == Some(Gender::Plural);
                Some(((name, gender), described))
            }
            None => None,
        };
        if let Some(((name, gender), described)) = speaker {
            let hint = hints::of_sentence(&sentence, verb, hint_at(&sentence[verb]));
            last = Some(Lead {
                paragraph: p,
                name: name.clone(),
                hint,
                described,
            });
            credited.push(Credited {
                name,
                gender,
                paragraph: p,
            });
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_are_paragraphs_opened_by_a_dash_or_bullet() {
        let text = "Plans:\n- a \"flood budget\" each year;\n• more staff\nNot a list - here";
        let paragraphs = crate::quotes::sentences::paragraphs(text);
        let items: Vec<bool> = paragraphs.iter().map(|p| is_list_item(text, p)).collect();
        assert_eq!(items, [false, true, true, false]);
    }

    #[test]
    fn a_paragraph_that_is_only_a_quotation_is_the_words_of_whom_the_one_before_is_about() {
        let text = "Headline\nMs Okafor grew up above a bakery.\n\"I learnt everything there.\"";
        let names = NameIndex::new(text);
        let paragraphs = crate::quotes::sentences::paragraphs(text);
        let mut raw = Vec::new();
        crate::quotes::marks::scan_paragraph(text, paragraphs[2].clone(), 2, None, None, &mut raw);
        let found = attribute(text, &paragraphs, &raw, &names);
        let speaker = found[0].as_ref().and_then(|f| f.speaker.clone());
        assert_eq!(speaker.as_deref(), Some("Ms Okafor"));
    }
}
