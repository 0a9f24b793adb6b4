//! Speakers: the speaker credited to each quotation, from its own sentence (its attribution's
//! subject, pronouns resolved) or from the paragraphs before it (the one a paragraph is about,
//! the speaker just quoted, whoever issued a list), and the label each is hinted.

use std::ops::Range;

use super::LabelHint;
use super::attribution::{
    Attribution, attribution_after, attribution_before, hint_at, is_proper, is_proper_name,
    is_verb, span_of, subject_after, subject_before,
};
use super::hints;
use super::lexicon;
use super::marks::Raw;
use super::people::{Gender, NameIndex, Named, name_subject};
use super::roles::is_body_word;
use super::sentences::{
    Token, opens_phrase, sentence_end, sentence_start, sentence_start_near, sentences_of, tokens,
};

/// A speaker credited so far, for pronouns and quotations known from context.
#[derive(Clone, Debug)]
struct Credited {
    name: String,
    gender: Option<Gender>,
    pub(super) paragraph: usize,
    /// Credited by "reported": a newspaper, broadcaster or agency, for "the outlet said".
    reported: bool,
}

/// A verb that may come before its subject ("…, says Minister Aziz Said Rahman."), for it
/// takes no object: after "welcomed" comes what was welcomed.
fn takes_no_object(verb: &Token) -> bool {
    const INVERTED: &[&str] = &[
        "says",
        "said",
        "adds",
        "added",
        "argues",
        "argued",
        "insists",
        "insisted",
        "explains",
        "explained",
        "writes",
        "wrote",
        "warns",
        "warned",
        "concluded",
        "continued",
    ];
    INVERTED.iter().any(|w| verb.is(w))
}

/// Whether a cue is "reported": its subject is a news outlet.
fn is_report(cue: &str) -> bool {
    ["reported", "reports", "reporting"]
        .iter()
        .any(|w| cue.eq_ignore_ascii_case(w))
}

/// "the outlet", "the network", "the newspaper": the outlet last credited with a report.
fn outlet_named(name: &str, credited: &[Credited]) -> Option<String> {
    const OUTLETS: &[&str] = &[
        "outlet",
        "network",
        "newspaper",
        "paper",
        "broadcaster",
        "channel",
        "station",
        "magazine",
        "website",
        "site",
        "publication",
        "daily",
        "tabloid",
        "agency",
    ];
    let noun = name.strip_prefix("the ")?;
    OUTLETS.contains(&noun).then_some(())?;
    credited
        .iter()
        .rev()
        .take(40)
        .find(|c| c.reported)
        .map(|c| c.name.clone())
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
    // He or she is a person, not a body the paragraph names ("a meeting with Eastfield Council").
    let in_paragraph = mentions
        .clone()
        .take_while(|m| m.paragraph == paragraph)
        .filter(|m| !m.is_body());
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

impl Found {
    /// A speaker known from the text around the quotation, with no cue of its own.
    fn without_cue(name: String, hint: LabelHint) -> Self {
        Self {
            speaker: Some(name),
            cue: None,
            hint,
        }
    }
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
        // A quoted phrase is credited by a cue after it only where the cue closes the sentence
        // ("…to end the violence, Mr Abbas added."), not by a clause that goes on about
        // something else ("…, prosecutors have indicated their readiness to provide…").
        let closes = |a: &Attribution| {
            right_tokens
                .iter()
                .filter(|t| t.word && t.at >= a.subject.end)
                .count()
                <= 8
        };
        before.or(after.filter(closes))
    }
}

/// The attribution of a quotation interrupted before its cue: "“X,” given that Brandt “Y,”
/// the analyst wrote": the next quotation's (of `attributions`, one per quotation), when it is
/// in the same sentence.
fn later_in_sentence(
    text: &str,
    quotes: &[Raw],
    k: usize,
    attributions: &[Option<Attribution>],
) -> Option<Attribution> {
    let next = quotes.get(k + 1)?;
    let later = attributions.get(k + 1)?.as_ref()?;
    if sentence_end(text, quotes[k].after..next.open).is_some() {
        return None;
    }
    Some(later.clone())
}

/// A quoted phrase inside a sentence about someone, with no cue: "Verbeek was “very
/// proud” of his boys" — the words of the one the sentence is about, named before them.
fn subject_of_own_sentence(
    text: &str,
    paragraph: &Range<usize>,
    quote: &Raw,
    names: &NameIndex,
) -> Option<String> {
    let start = sentence_start_near(text, paragraph.start, quote.open);
    let before = &text[start..quote.open];
    if before.trim().is_empty() || text[quote.inner.clone()].split_whitespace().count() < 2 {
        return None;
    }
    let end = sentence_end(text, quote.after..paragraph.end).unwrap_or(paragraph.end);
    let (name, _) = sentence_subject(text, start..end, names, false)?;
    let last = name.rsplit(' ').next()?;
    before.contains(last).then_some(name)
}

/// Whom a sentence opening with a pronoun is about: "He also wanted the residents to know…".
fn pronoun_subject(
    text: &str,
    sentence: &Range<usize>,
    credited: &[Credited],
    names: &NameIndex,
    p: usize,
) -> Option<(String, Option<Gender>)> {
    let tokens = tokens(text, sentence.clone());
    let first = tokens.iter().find(|t| t.word)?;
    let pronoun = first.text.to_lowercase();
    (first.has(lexicon::PRONOUN) && pronoun != "it")
        .then(|| resolve(&pronoun, credited, names, sentence.start, p))
        .flatten()
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
    // The first eight words, offices and titles aside ("Minister of Public Health, Social
    // Development and Labor, the Hon. Adriaan De Wolde").
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.word && !t.has(lexicon::TITLE | lexicon::OFFICE))
        .take(8)
        .collect();
    let limit = words.last()?.end();
    let opening = |at: usize| {
        tokens
            .iter()
            .take_while(|t| t.at < at)
            .all(|t| t.has(lexicon::TITLE | lexicon::OFFICE))
    };
    // Not a name in a phrase after the subject: "The MPs, from the Harbour Alliance pact".
    let in_subject = |at: usize| {
        !tokens
            .iter()
            .take_while(|t| t.at < at)
            .any(|t| opens_phrase(t) || t.is("from"))
    };
    let from = names.mentions.partition_point(|m| m.at < sentence.start);
    if let Some(m) = names.mentions[from..]
        .first()
        .filter(|m| m.at < limit)
        .filter(|m| {
            if at_start {
                opening(m.at)
            } else {
                in_subject(m.at)
            }
        })
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
                    .and_then(|s| {
                        // "He said the Government was prepared…": he, not the Government.
                        pronoun_subject(text, s, &credited, names, p)
                            .or_else(|| sentence_subject(text, s.clone(), names, false))
                    })
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
        // Each quotation's own attribution, read once: a quotation cut off before its cue takes
        // the next one's.
        let attributions: Vec<Option<Attribution>> = (0..quotes.len())
            .map(|k| attribution_of(text, paragraph, quotes, k))
            .collect();
        for (k, quote) in quotes.iter().enumerate() {
            let index = first + k;
            let own = attributions[k]
                .clone()
                .or_else(|| later_in_sentence(text, quotes, k, &attributions));
            let Some(attribution) = own else {
                let leads = text[paragraph.start..quote.open].trim().is_empty();
                let found = if k == 0 && list_item {
                    list_owner(text, context.list_intro.as_ref(), names)
                        .map(|(name, _)| Found::without_cue(name, LabelHint::Claim))
                } else {
                    from_context(leads, k, &out, index, p, &credited, raw, &context).or_else(|| {
                        let lead = lead.as_ref().filter(|l| k == 0 && l.paragraph == p);
                        from_own_paragraph(text, paragraph, quote, names, lead)
                    })
                };
                credit_from_context(found.as_ref(), &mut credited, &context, p);
                out.push(found);
                continue;
            };
            let speaker = match name_subject(text, attribution.subject, names) {
                Named::Pronoun(pronoun) => resolve(&pronoun, &credited, names, quote.open, p),
                Named::Someone { name, gender } => match outlet_named(&name, &credited) {
                    Some(outlet) => Some((outlet, Some(Gender::Plural))),
                    None => Some((name, gender)),
                },
            };
            let reported = attribution.cue.as_deref().is_some_and(is_report);
            let speaker = speaker.map(|(name, gender)| {
                credited.push(Credited {
                    name: name.clone(),
                    gender,
                    paragraph: p,
                    reported,
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

/// A quotation with no cue, not led by the paragraphs before: a phrase in a sentence about
/// someone ("Verbeek was “very proud” of his boys"), or the words of the speaker of the
/// reported speech before it in its paragraph (`lead`: "Dunmore indicated that … . “It is not
/// the case…”").
fn from_own_paragraph(
    text: &str,
    paragraph: &Range<usize>,
    quote: &Raw,
    names: &NameIndex,
    lead: Option<&Lead>,
) -> Option<Found> {
    if let Some(name) = subject_of_own_sentence(text, paragraph, quote, names) {
        return Some(Found::without_cue(name, LabelHint::Claim));
    }
    lead.map(|lead| Found::without_cue(lead.name.clone(), lead.hint))
}

/// Keeps a speaker found from context for the pronouns and quotations after it, with the
/// gender known of them.
fn credit_from_context(
    found: Option<&Found>,
    credited: &mut Vec<Credited>,
    context: &Context,
    p: usize,
) {
    let Some(name) = found.and_then(|f| f.speaker.clone()) else {
        return;
    };
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
        reported: false,
    });
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
        return Some(Found::without_cue(name.clone(), hint));
    }
    let last = credited.last()?;
    (last.paragraph + 1 == paragraph)
        .then(|| Found::without_cue(last.name.clone(), LabelHint::Claim))
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
        // "The opposition is wasting the house's time, says Minister Aziz Said Rahman.": the
        // subject after the verb, when none comes before it.
        let inverted =
            (verb > 0 && sentence[verb - 1].is_punct(',') && takes_no_object(&sentence[verb]))
                .then(|| subject_after(&sentence, verb + 1))
                .flatten()
                .filter(|s| sentence.get(s.end).is_none_or(|t| !t.word))
                // A name, not a clause: "…, said the utility accepted the ruling" is not.
                .filter(|s| is_proper(&sentence, s));
        let subject = inverted
            .or_else(|| subject_before(&sentence, verb))
            .map(|s| span_of(&sentence, &s));
        let by_subject = subject.clone().map(|subject| {
            let proper =
                is_proper_name(&text[subject.clone()].split_whitespace().collect::<Vec<_>>());
            (name_subject(text, subject, names), proper)
        });
        let speaker = match by_subject {
            Some((Named::Pronoun(pronoun), _)) => {
                // "Sean Tully farms at Ardmore and he echoed…": whom the sentence names
                // before the pronoun counts.
                let at = subject.as_ref().map_or(range.start, |s| s.start);
                resolve(&pronoun, credited, names, at, p).map(|s| (s, false))
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
                reported: is_report(sentence[verb].text),
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
