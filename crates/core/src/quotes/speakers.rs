//! Speakers: the people the article names, pronouns and surnames resolved to them, and the
//! speaker credited to each quotation (its own sentence, else the context).

use std::collections::HashMap;
use std::ops::Range;

use super::LabelHint;
use super::attribution::{
    Attribution, attribution_after, attribution_before, hint_at, is_proper_name, is_verb, span_of,
    subject_before,
};
use super::lexicon;
use super::marks::Raw;
use super::sentences::{Token, paragraphs, scan_tokens, sentence_end, sentence_start, tokens};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
    /// A body or several people: "officials", "the ministry".
    Plural,
}

/// `Male` or `Female` when `word` is of the kind `male` or `female` of the lexicon.
fn gender_of(word: &str, male: u32, female: u32) -> Option<Gender> {
    let flags = lexicon::flags(word);
    if flags & male != 0 {
        Some(Gender::Male)
    } else if flags & female != 0 {
        Some(Gender::Female)
    } else {
        None
    }
}

fn title_gender(word: &str) -> Option<Gender> {
    gender_of(word, lexicon::MALE_TITLE, lexicon::FEMALE_TITLE)
}

fn noun_gender(word: &str) -> Option<Gender> {
    let plural = lexicon::flags(word) & lexicon::PLURAL_NOUN != 0
        || (word.len() > 3 && word.ends_with('s') && !word.ends_with("ss"));
    gender_of(word, lexicon::MALE_NOUN, lexicon::FEMALE_NOUN)
        .or_else(|| plural.then_some(Gender::Plural))
}

fn first_name_gender(word: &str) -> Option<Gender> {
    gender_of(word, lexicon::MALE_NAME, lexicon::FEMALE_NAME)
}

/// Words of an office that come before a name: "Prime Minister", "Foreign Secretary".
fn is_office_word(word: &str) -> bool {
    lexicon::flags(word) & lexicon::OFFICE != 0
}

fn is_particle(word: &str) -> bool {
    lexicon::flags(word) & lexicon::PARTICLE != 0
}

/// Someone named in the article, where.
#[derive(Clone, Debug)]
struct Mention {
    pub(super) at: usize,
    pub(super) paragraph: usize,
    /// The fullest name the article gives them.
    name: String,
    gender: Option<Gender>,
    /// Named with a title ("Mr Abbas"), so surely a person.
    titled: bool,
}

/// A person's name as the article gives it fullest, found by surname; their gender where a
/// title or first name tells it; and where each is mentioned.
pub(super) struct NameIndex {
    /// Surname (lower case) → full name.
    full: HashMap<String, String>,
    /// Surname (lower case) → gender.
    gender: HashMap<String, Gender>,
    /// People mentioned, in the order of the text.
    mentions: Vec<Mention>,
    /// An office or title (lower case, written out: "governor", "finance minister") → the
    /// one person the article gives it to ("Gov. Paul Hanley"); `None` when it gives it to
    /// more than one.
    roles: HashMap<String, Option<String>>,
}

/// An abbreviated title written out, so "Gov. Paul Hanley" answers "the governor".
fn role_word(word: &str) -> String {
    let word = word.trim_end_matches('.').to_lowercase();
    match word.as_str() {
        "gov" => "governor".to_owned(),
        "sen" => "senator".to_owned(),
        "rep" => "representative".to_owned(),
        "pres" => "president".to_owned(),
        "supt" => "superintendent".to_owned(),
        "det" => "detective".to_owned(),
        "gen" => "general".to_owned(),
        "col" => "colonel".to_owned(),
        "capt" => "captain".to_owned(),
        "lt" => "lieutenant".to_owned(),
        "sgt" => "sergeant".to_owned(),
        "prof" => "professor".to_owned(),
        _ => word,
    }
}

/// A run of capitalized words: a name, perhaps with titles or an office before it.
struct Run<'a> {
    pub(super) paragraph: usize,
    pub(super) tokens: Vec<Token<'a>>,
}

impl NameIndex {
    pub(super) fn new(text: &str) -> Self {
        let mut runs = Vec::new();
        // Names are capitalized, their particles short: other words need no lookup.
        let flags_of = |word: &str| {
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            if capital || word.len() <= 4 {
                lexicon::flags(word)
            } else {
                0
            }
        };
        for (paragraph, range) in paragraphs(text).into_iter().enumerate() {
            let tokens = scan_tokens(text, range, flags_of);
            let mut i = 0;
            while i < tokens.len() {
                if !tokens[i].capitalized() {
                    i += 1;
                    continue;
                }
                let start = i;
                let mut end = i + 1;
                while end < tokens.len() {
                    let t = &tokens[end];
                    if t.capitalized() {
                        end += 1;
                    } else if t.word
                        && is_particle(t.text)
                        && tokens.get(end + 1).is_some_and(Token::capitalized)
                    {
                        end += 2;
                    } else {
                        break;
                    }
                }
                runs.push(Run {
                    paragraph,
                    tokens: tokens[start..end].to_vec(),
                });
                i = end;
            }
        }
        let mut index = Self {
            full: HashMap::new(),
            gender: HashMap::new(),
            mentions: Vec::new(),
            roles: HashMap::new(),
        };
        for run in &runs {
            index.learn(text, run);
        }
        for run in &runs {
            index.mention(text, run);
        }
        index
    }

    /// The name in a run: the words after its last title, office or function word.
    fn name_of<'r, 'a>(run: &'r Run<'a>) -> (&'r [Token<'a>], bool) {
        let name_start = run
            .tokens
            .iter()
            .rposition(|t| t.has(lexicon::TITLE | lexicon::OFFICE | lexicon::FUNCTION))
            .map_or(0, |i| i + 1);
        let titled = run.tokens[..name_start]
            .iter()
            .any(|t| t.has(lexicon::TITLE));
        (&run.tokens[name_start..], titled)
    }

    fn learn(&mut self, text: &str, run: &Run) {
        let (name, _) = Self::name_of(run);
        let (Some(first), Some(last)) = (name.first(), name.last()) else {
            return;
        };
        let surname = surname_of(last.text);
        let gender = run
            .tokens
            .iter()
            .find_map(|t| title_gender(t.text))
            .or_else(|| {
                (name.len() >= 2)
                    .then(|| first_name_gender(first.text))
                    .flatten()
            });
        if let Some(gender) = gender {
            self.gender.entry(surname.clone()).or_insert(gender);
        }
        if name.len() >= 2 {
            let full = strip_possessive(&text[first.at..last.end()]).to_owned();
            self.full.entry(surname.clone()).or_insert(full);
        }
        // The offices and titles before the name: "Gov.", "Finance Minister", "State Senator".
        let name_start = run.tokens.len() - name.len();
        let before: Vec<&Token> = run.tokens[..name_start].iter().filter(|t| t.word).collect();
        let Some(role_at) = before
            .iter()
            .rposition(|t| t.has(lexicon::TITLE | lexicon::OFFICE))
        else {
            return;
        };
        let Some(person) = self.full.get(&surname).cloned() else {
            return;
        };
        let words: Vec<String> = before[..=role_at]
            .iter()
            .map(|t| role_word(t.text))
            .collect();
        // The title alone, and with the words before it ("finance minister").
        for from in (0..words.len()).rev() {
            let role = words[from..].join(" ");
            let holder = self
                .roles
                .entry(role)
                .or_insert_with(|| Some(person.clone()));
            if holder.as_deref() != Some(person.as_str()) {
                *holder = None;
            }
        }
    }

    /// The one person the article gives the office `role` to ("governor", "finance
    /// minister"), if it gives it to one.
    fn holder_of(&self, role: &str) -> Option<&str> {
        self.roles.get(role)?.as_deref()
    }

    fn mention(&mut self, text: &str, run: &Run) {
        let (name, titled) = Self::name_of(run);
        let (Some(first), Some(last)) = (name.first(), name.last()) else {
            return;
        };
        let surname = surname_of(last.text);
        let full = self.full.get(&surname);
        if !titled && full.is_none() {
            return;
        }
        let name = full
            .cloned()
            .unwrap_or_else(|| strip_possessive(&text[run.tokens[0].at..last.end()]).to_owned());
        self.mentions.push(Mention {
            at: first.at,
            paragraph: run.paragraph,
            name,
            gender: self.gender.get(&surname).copied(),
            titled,
        });
    }
}

pub(super) fn strip_possessive(name: &str) -> &str {
    name.trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim_end_matches('’')
        .trim_end_matches('\'')
}

fn surname_of(word: &str) -> String {
    strip_possessive(word).to_lowercase()
}

/// A speaker as a subject names them.
#[derive(Clone, Debug)]
enum Named {
    Pronoun(String),
    Someone {
        name: String,
        gender: Option<Gender>,
    },
}

fn name_subject(text: &str, subject: Range<usize>, names: &NameIndex) -> Named {
    let written = &text[subject];
    let words: Vec<&str> = written.split_whitespace().collect();
    if let [word] = words.as_slice()
        && lexicon::flags(word) & lexicon::PRONOUN != 0
    {
        return Named::Pronoun(word.to_lowercase());
    }
    if !is_proper_name(&words) {
        // "the governor", "the finance minister": the person the article gives that office.
        if let Some((first, rest)) = words.split_first()
            && first.eq_ignore_ascii_case("the")
            && !rest.is_empty()
        {
            let role: Vec<String> = rest.iter().map(|w| role_word(w)).collect();
            if let Some(holder) = names.holder_of(&role.join(" ")) {
                let surname = surname_of(holder.rsplit(' ').next().unwrap_or(holder));
                return Named::Someone {
                    name: holder.to_owned(),
                    gender: names.gender.get(&surname).copied(),
                };
            }
        }
        let gender = words.iter().rev().find_map(|w| noun_gender(w));
        return Named::Someone {
            name: written.to_owned(),
            gender,
        };
    }
    // The name among the words: "Hamas official Basem Naim", "Dr Lena Hartmann of the
    // University of Konstanz", "Detective Constable Ravi Shah".
    let before_tail = words
        .iter()
        .position(|w| ["of", "at", "from", "for", "in"].contains(w))
        .unwrap_or(words.len());
    let mut runs: Vec<&[&str]> = Vec::new();
    let mut start = 0;
    for (i, word) in words[..before_tail].iter().enumerate() {
        let name_word = word.chars().next().is_some_and(char::is_uppercase)
            && lexicon::flags(word) & lexicon::TITLE == 0
            && !is_office_word(word);
        if !name_word && !is_particle(word) {
            if start < i {
                runs.push(&words[start..i]);
            }
            start = i + 1;
        }
    }
    if start < before_tail {
        runs.push(&words[start..before_tail]);
    }
    let known = |run: &&[&str]| {
        run.len() >= 2
            || run
                .last()
                .is_some_and(|w| names.full.contains_key(&surname_of(w)))
    };
    let Some(rest) = runs
        .iter()
        .rev()
        .find(|run| known(run))
        .or(runs.last())
        .copied()
    else {
        let gender = words.iter().rev().find_map(|w| noun_gender(w));
        return Named::Someone {
            name: written.to_owned(),
            gender,
        };
    };
    let title = words.iter().find_map(|w| title_gender(w));
    let surname = surname_of(rest.last().copied().unwrap_or_default());
    let gender = title
        .or_else(|| names.gender.get(&surname).copied())
        .or_else(|| rest.first().and_then(|w| first_name_gender(w)));
    let name = if rest.len() == 1 {
        names
            .full
            .get(&surname)
            .cloned()
            .unwrap_or_else(|| strip_possessive(written).to_owned())
    } else {
        rest.join(" ")
    };
    Named::Someone { name, gender }
}

/// A speaker credited so far, for pronouns and quotations known from context.
#[derive(Clone, Debug)]
struct Credited {
    name: String,
    gender: Option<Gender>,
    pub(super) paragraph: usize,
}

fn fits(pronoun: &str, gender: Option<Gender>) -> bool {
    match pronoun {
        "he" => matches!(gender, Some(Gender::Male) | None),
        "she" => matches!(gender, Some(Gender::Female) | None),
        _ => matches!(gender, Some(Gender::Plural) | None),
    }
}

fn resolve(
    pronoun: &str,
    credited: &[Credited],
    names: &NameIndex,
    at: usize,
    paragraph: usize,
) -> Option<(String, Option<Gender>)> {
    let wanted = match pronoun {
        "he" => Some(Gender::Male),
        "she" => Some(Gender::Female),
        _ => Some(Gender::Plural),
    };
    let before = names.mentions.partition_point(|m| m.at < at);
    let mentions = names.mentions[..before].iter().rev();
    // Someone named earlier in the same paragraph who fits: of that gender, or a speaker
    // already.
    let spoke = |name: &str| credited.iter().any(|c| c.name == name);
    if wanted != Some(Gender::Plural)
        && let Some(m) = mentions
            .clone()
            .take_while(|m| m.paragraph == paragraph)
            .find(|m| m.gender == wanted || (m.gender.is_none() && (m.titled || spoke(&m.name))))
    {
        return Some((m.name.clone(), wanted));
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

/// Attributes every quotation, in order, keeping who was credited for pronouns and context.
pub(super) fn attribute(
    text: &str,
    paragraphs: &[Range<usize>],
    raw: &[Raw],
    names: &NameIndex,
) -> Vec<Option<Found>> {
    let mut out: Vec<Option<Found>> = Vec::with_capacity(raw.len());
    let mut credited: Vec<Credited> = Vec::new();
    let mut next_quote = 0;
    for (p, paragraph) in paragraphs.iter().enumerate() {
        let first = next_quote;
        while next_quote < raw.len() && raw[next_quote].paragraph == p {
            next_quote += 1;
        }
        let quotes = &raw[first..next_quote];
        if quotes.is_empty() {
            if p > 0 {
                reported_speech(text, paragraph.clone(), p, names, &mut credited);
            }
            continue;
        }
        // The sentences before the first quotation's own: "The team's owner, Carl Jensen,
        // welcomed the governor's support." Their subject is the one a pronoun after them
        // means, and their verb the reaction or denial a quotation of that speaker is.
        let lead_end = sentence_start(text, paragraph.start, quotes[0].open);
        let lead = if p > 0 && lead_end > paragraph.start {
            reported_speech(text, paragraph.start..lead_end, p, names, &mut credited)
        } else {
            None
        };
        for (k, quote) in quotes.iter().enumerate() {
            let index = first + k;
            let Some(attribution) = attribution_of(text, paragraph, quotes, k) else {
                let leads = text[paragraph.start..quote.open].trim().is_empty();
                let found = from_context(leads, k, &out, index, p, &credited, raw);
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
            // A plain "said" after a sentence in which the same speaker rejected or welcomed
            // something takes that sentence's hint.
            let hint = match &lead {
                Some((name, lead_hint))
                    if attribution.hint == LabelHint::Claim && speaker.as_ref() == Some(name) =>
                {
                    *lead_hint
                }
                _ => attribution.hint,
            };
            let found = Some(Found {
                speaker,
                cue: attribution.cue,
                hint,
            });
            out.push(found);
        }
    }
    // Rule 5: a quotation running over paragraphs has one speaker, wherever it is named.
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
    out
}

/// A quotation with no attribution of its own: the second half of an interrupted quotation,
/// a paragraph that continues a quotation, or a paragraph of quotation after a speaker's.
fn from_context(
    leads: bool,
    k: usize,
    out: &[Option<Found>],
    index: usize,
    paragraph: usize,
    credited: &[Credited],
    raw: &[Raw],
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
    let last = credited.last()?;
    (leads && last.paragraph + 1 == paragraph).then(|| Found {
        speaker: Some(last.name.clone()),
        cue: None,
        hint: LabelHint::Claim,
    })
}

/// Sentences of reported speech ("Mr Abbas said the talks had failed."), a paragraph or the
/// lead of one: each speaker is the one a following pronoun or quotation may mean. Returns the
/// last speaker found, with the label its verb hints at.
fn reported_speech(
    text: &str,
    paragraph: Range<usize>,
    p: usize,
    names: &NameIndex,
    credited: &mut Vec<Credited>,
) -> Option<(String, LabelHint)> {
    let mut last = None;
    let mut start = paragraph.start;
    while start < paragraph.end {
        let end = sentence_end(text, start..paragraph.end).unwrap_or(paragraph.end);
        let sentence = tokens(text, start..end);
        if let Some(verb) = sentence.iter().position(is_verb)
            && let Some(subject) = subject_before(&sentence, verb)
        {
            let subject = span_of(&sentence, &subject);
            let speaker = match name_subject(text, subject, names) {
                Named::Pronoun(pronoun) => resolve(&pronoun, credited, names, start, p),
                Named::Someone { name, gender } => Some((name, gender)),
            };
            if let Some((name, gender)) = speaker {
                last = Some((name.clone(), hint_at(&sentence[verb])));
                credited.push(Credited {
                    name,
                    gender,
                    paragraph: p,
                });
            }
        }
        start = end;
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(text: &str, subject: &str) -> Option<String> {
        let names = NameIndex::new(text);
        let at = text.rfind(subject)?;
        match name_subject(text, at..at + subject.len(), &names) {
            Named::Someone { name, .. } => Some(name),
            Named::Pronoun(_) => None,
        }
    }

    #[test]
    fn a_surname_goes_to_the_fullest_name_the_article_gives() {
        let text = "Headline\nFinance Minister Tom Varga spoke first. Later Varga said no.";
        assert_eq!(named(text, "Varga").as_deref(), Some("Tom Varga"));
    }

    #[test]
    fn a_pronoun_is_not_a_name_and_possessives_are_stripped() {
        assert_eq!(named("Headline\nShe said so.", "She"), None);
        assert_eq!(strip_possessive("Varga’s"), "Varga");
        assert_eq!(strip_possessive("Jones'"), "Jones");
    }
}
