//! Speakers: the people the article names, pronouns and surnames resolved to them, and the
//! speaker credited to each quotation (its own sentence, else the context).

use std::collections::HashMap;
use std::ops::Range;

use super::LabelHint;
use super::attribution::{
    Attribution, attribution_after, attribution_before, hint_at, is_proper_name, is_verb, span_of,
    subject_before,
};
use super::hints;
use super::lexicon;
use super::marks::Raw;
use super::roles::{Roles, appositions, is_acronym, is_body_word, role_words};
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

/// Words of an office that come before a name: "Prime Minister", "Foreign Secretary",
/// "Gesundheitsministerin".
fn is_office_word(word: &str) -> bool {
    lexicon::flags(word) & lexicon::OFFICE != 0 || german_office(word).is_some()
}

/// A German office written as one word before the name ("Gesundheitsministerin Anna Roth",
/// "Klinikchefin Martina Keller"), with the gender its ending tells.
fn german_office(word: &str) -> Option<Gender> {
    const OFFICES: &[&str] = &[
        "minister",
        "chef",
        "sprecher",
        "präsident",
        "direktor",
        "leiter",
        "bürgermeister",
        "kanzler",
        "vorsitzender",
    ];
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let lower = word.to_lowercase();
    OFFICES.iter().find_map(|office| {
        if lower.ends_with(&format!("{office}in")) {
            Some(Gender::Female)
        } else if lower.ends_with(office) {
            Some(Gender::Male)
        } else {
            None
        }
    })
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
    /// Full name → gender, where a description beside the name tells it ("His daughter,
    /// Kylie Whitcombe"); it outranks the surname's, which a family shares.
    named_gender: HashMap<String, Gender>,
    /// People mentioned, in the order of the text.
    mentions: Vec<Mention>,
    /// Offices, titles and descriptions ("governor", "finance minister", "watchdog") and whom
    /// the article gives them to; acronyms and what they stand for.
    roles: Roles,
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
        let mut paragraph_tokens = Vec::new();
        for (paragraph, range) in paragraphs(text).into_iter().enumerate() {
            let tokens = scan_tokens(text, range, flags_of);
            paragraph_tokens.push(tokens.clone());
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
            named_gender: HashMap::new(),
            mentions: Vec::new(),
            roles: Roles::default(),
        };
        for run in &runs {
            index.learn(text, run);
        }
        for run in &runs {
            index.mention(text, run);
        }
        for tokens in &paragraph_tokens {
            index.learn_bodies(text, tokens);
        }
        for tokens in &paragraph_tokens {
            index.learn_appositions(text, tokens);
        }
        for tokens in &paragraph_tokens {
            index.learn_pronoun_genders(tokens);
        }
        for mention in &mut index.mentions {
            if let Some(gender) = index.named_gender.get(&mention.name) {
                mention.gender = Some(*gender);
            }
        }
        index
    }

    /// Genders the article's own pronouns tell: "Doyle said he would…", "Marta Okafor opened
    /// her first restaurant", and "He was blunter." after a sentence about Daniel Reyes.
    fn learn_pronoun_genders(&mut self, tokens: &[Token]) {
        let gender_of_pronoun = |t: &Token| match t.text.to_lowercase().as_str() {
            "he" | "his" | "him" | "himself" => Some(Gender::Male),
            "she" | "her" | "hers" | "herself" => Some(Gender::Female),
            _ => None,
        };
        let mut previous_subject: Option<String> = None;
        let mut sentence_start = 0;
        while sentence_start < tokens.len() {
            let end = tokens[sentence_start..]
                .iter()
                .position(|t| t.is_punct('.') || t.is_punct('?') || t.is_punct('!'))
                .map_or(tokens.len(), |i| sentence_start + i + 1);
            let sentence = &tokens[sentence_start..end];
            let (from, to) = (sentence[0].at, sentence[sentence.len() - 1].end());
            let first = self.mentions.partition_point(|m| m.at < from);
            let in_sentence: Vec<&Mention> = self.mentions[first..]
                .iter()
                .take_while(|m| m.at < to)
                .collect();
            // "He was blunter about the delays.": the one the sentence before was about.
            if let (Some(opening), Some(name)) = (sentence.first(), &previous_subject)
                && (opening.is("he") || opening.is("she"))
                && let Some(gender) = gender_of_pronoun(opening)
            {
                self.named_gender.entry(name.clone()).or_insert(gender);
            }
            let subject = in_sentence
                .first()
                .filter(|m| sentence.iter().take(8).any(|t| t.at == m.at));
            if let Some(subject) = subject {
                let after = sentence
                    .iter()
                    .position(|t| t.at == subject.at)
                    .unwrap_or(0);
                let next_name = in_sentence.get(1).map_or(to, |m| m.at);
                // The first he or she after the subject's name, before anyone else is named.
                if let Some(gender) = sentence[after + 1..]
                    .iter()
                    .take_while(|t| t.at < next_name)
                    .filter(|t| t.is("he") || t.is("she"))
                    .find_map(gender_of_pronoun)
                {
                    self.named_gender
                        .entry(subject.name.clone())
                        .or_insert(gender);
                }
                // "Marta Okafor opened her first restaurant": his or her just after the verb.
                let words_after = &sentence[(after + 1).min(sentence.len())..];
                if let Some(gender) = words_after
                    .iter()
                    .skip_while(|t| t.capitalized())
                    .take(3)
                    .filter(|t| t.is("his") || t.is("her"))
                    .find_map(gender_of_pronoun)
                {
                    self.named_gender
                        .entry(subject.name.clone())
                        .or_insert(gender);
                }
            }
            previous_subject = subject.map(|m| m.name.clone());
            sentence_start = end;
        }
    }

    /// The acronyms of the bodies a paragraph names in full ("the State Audit Office").
    fn learn_bodies(&mut self, text: &str, tokens: &[Token]) {
        let mut i = 0;
        while i < tokens.len() {
            if !tokens[i].capitalized() {
                i += 1;
                continue;
            }
            let start = i;
            // "Commission for Regulation of Utilities": small words inside a name.
            while i < tokens.len()
                && (tokens[i].capitalized()
                    || (["for", "of", "and", "on"].iter().any(|w| tokens[i].is(w))
                        && tokens.get(i + 1).is_some_and(Token::capitalized)))
            {
                i += 1;
            }
            let opened_by_the = tokens[start].is("the");
            let from = if opened_by_the { start + 1 } else { start };
            let the = opened_by_the || (start > 0 && tokens[start - 1].is("the"));
            if i >= from + 2 {
                self.roles.learn_acronym(&tokens[from..i], the);
            }
            if i > from && is_body_word(tokens[i - 1].text) {
                // "the authority" is the one "Maritime Safety Authority" of the article.
                let name = &tokens[from..i];
                let span = name[0].at..name[name.len() - 1].end();
                let holder = self.written_name(text, name, span);
                let head = vec![tokens[i - 1].text.to_lowercase()];
                self.roles.give(&head, &holder, tokens[from].at);
            }
        }
    }

    /// The roles a paragraph gives beside a name: "The finance minister, Tom Varga,", "The SAO,
    /// the country's spending watchdog,".
    fn learn_appositions(&mut self, text: &str, tokens: &[Token]) {
        for (description, name) in appositions(tokens) {
            let words = role_words(&tokens[description]);
            let name_tokens = &tokens[name];
            let (Some(first), Some(last)) = (name_tokens.first(), name_tokens.last()) else {
                continue;
            };
            let holder = self.written_name(text, name_tokens, first.at..last.end());
            // "His daughter, Kylie Whitcombe": the description tells whether she is a woman.
            if let Some(gender) = words
                .iter()
                .rev()
                .find_map(|w| gender_of(w, lexicon::MALE_NOUN, lexicon::FEMALE_NOUN))
            {
                self.named_gender.entry(holder.clone()).or_insert(gender);
            }
            if !words.is_empty() {
                self.roles.give(&words, &holder, first.at);
            }
        }
    }

    /// The fullest name of the one named by `name` (its tokens, at `span`): an acronym
    /// spelled out, a surname's full name, a body with its "the".
    fn written_name(&self, text: &str, name: &[Token], span: Range<usize>) -> String {
        let words: Vec<&str> = name
            .iter()
            .filter(|t| !t.is("the"))
            .map(|t| t.text)
            .collect();
        if let [word] = words.as_slice()
            && is_acronym(word)
            && let Some(full) = self.roles.expand(word)
        {
            return full.to_owned();
        }
        if let [last] = words.as_slice()
            && let Some(full) = self.full.get(&surname_of(last))
            && !is_body_word(last)
        {
            return full.clone();
        }
        let written = strip_possessive(
            text[span]
                .trim_start_matches("The ")
                .trim_start_matches("the "),
        );
        if words.last().is_some_and(|w| is_body_word(w)) {
            format!("the {written}")
        } else {
            written.to_owned()
        }
    }

    /// The name in a run: the words after its last title, office or function word.
    fn name_of<'r, 'a>(run: &'r Run<'a>) -> (&'r [Token<'a>], bool) {
        let name_start = run
            .tokens
            .iter()
            .rposition(|t| {
                t.has(lexicon::TITLE | lexicon::OFFICE | lexicon::FUNCTION)
                    || german_office(t.text).is_some()
            })
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
        // A title tells; otherwise the article's pronouns and descriptions do
        // (`learn_pronoun_genders`, `learn_appositions`).
        let gender = run
            .tokens
            .iter()
            .find_map(|t| title_gender(t.text).or_else(|| german_office(t.text)));
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
        self.roles.give(&words, &person, first.at);
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
        let own = strip_possessive(&text[first.at..last.end()]);
        let name = if name.len() >= 2 {
            own.to_owned()
        } else {
            full.cloned()
                .unwrap_or_else(|| strip_possessive(&text[run.tokens[0].at..last.end()]).to_owned())
        };
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

/// "the governor", "the finance minister", "the watchdog": whom the article gives that role
/// at `at`.
fn office_holder(words: &[&str], at: usize, names: &NameIndex) -> Option<Named> {
    let (first, rest) = words.split_first()?;
    if !first.eq_ignore_ascii_case("the") || rest.is_empty() {
        return None;
    }
    let role: Vec<String> = rest.iter().map(|w| role_word(w)).collect();
    let holder = names.roles.holder_of(&role.join(" "), at)?;
    let last = holder.rsplit(' ').next().unwrap_or(holder);
    let gender = if is_body_word(last) {
        Some(Gender::Plural)
    } else {
        (names.named_gender.get(holder))
            .or_else(|| names.gender.get(&surname_of(last)))
            .copied()
    };
    Some(Named::Someone {
        name: holder.to_owned(),
        gender,
    })
}

/// "die Klinikchefin Martina Keller", "Uisce Éireann's chief executive Niall Gleeson": a
/// description that ends in a person's name the article gives in full. Not "The Rail Delivery
/// Group" (a body's name after its "the") nor "a spokesman for Uisce Éireann".
fn name_ending_description(words: &[&str], names: &NameIndex) -> Option<Named> {
    let tail = words
        .iter()
        .rev()
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase) && !is_office_word(w))
        .count();
    let before = words.get(words.len().checked_sub(tail + 1)?)?;
    let joins = [
        "for", "of", "at", "from", "in", "with", "by", "to", "the", "a", "an",
    ]
    .iter()
    .any(|w| before.eq_ignore_ascii_case(w))
        || lexicon::flags(before) & lexicon::DETERMINER != 0;
    let last = *words.last()?;
    if tail < 2 || joins || is_body_word(last) {
        return None;
    }
    let name = words[words.len() - tail..].join(" ");
    let surname = surname_of(last);
    if names.full.get(&surname) != Some(&name) {
        return None;
    }
    let gender = words
        .iter()
        .find_map(|w| title_gender(w).or_else(|| german_office(w)))
        .or_else(|| names.named_gender.get(&name).copied())
        .or_else(|| names.gender.get(&surname).copied());
    Some(Named::Someone { name, gender })
}

fn name_subject(text: &str, subject: Range<usize>, names: &NameIndex) -> Named {
    let at = subject.start;
    let written = &text[subject];
    let words: Vec<&str> = written.split_whitespace().collect();
    if let [word] = words.as_slice()
        && lexicon::flags(word) & lexicon::PRONOUN != 0
    {
        return Named::Pronoun(word.to_lowercase());
    }
    // "The SAO": the body the article spells out.
    let bare: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !w.eq_ignore_ascii_case("the"))
        .collect();
    if let [word] = bare.as_slice()
        && let Some(full) = names.roles.expand(strip_possessive(word))
    {
        return Named::Someone {
            name: full.to_owned(),
            gender: Some(Gender::Plural),
        };
    }
    if !is_proper_name(&words) {
        // "the governor", "the finance minister": the person the article gives that office.
        if let Some(holder) = office_holder(&words, at, names) {
            return holder;
        }
        if let Some(named) = name_ending_description(&words, names) {
            return named;
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
    let title = words
        .iter()
        .find_map(|w| title_gender(w).or_else(|| german_office(w)));
    let surname = surname_of(rest.last().copied().unwrap_or_default());
    let gender = title.or_else(|| names.gender.get(&surname).copied());
    let name = if rest.len() == 1 {
        names
            .full
            .get(&surname)
            .cloned()
            .unwrap_or_else(|| strip_possessive(written).to_owned())
    } else {
        rest.join(" ")
    };
    let gender = names.named_gender.get(&name).copied().or(gender);
    Named::Someone { name, gender }
}

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
    let before = names.mentions.partition_point(|m| m.at < at);
    let mentions = names.mentions[..before].iter().rev();
    // Someone named earlier in the same paragraph who fits: of that gender, or a speaker
    // already.
    let spoke = |name: &str| credited.iter().any(|c| c.name == name);
    // The speaker of a sentence earlier in the paragraph who fits: "A spokesman for Uisce
    // Éireann rejected the figures. '…,' he said".
    if wanted != Some(Gender::Plural)
        && let Some(last) = credited.last()
        && last.paragraph == paragraph
        && (last.gender == wanted || last.gender.is_none())
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
    if wanted != Some(Gender::Plural)
        && let Some(m) = in_paragraph.clone().find(|m| {
            m.gender == wanted || (m.gender.is_none() && (m.titled || alone || spoke(&m.name)))
        })
    {
        return Some((m.name.clone(), wanted));
    }
    // The one credited just before, whom nothing in the article gives a gender: "Priya Nair
    // said the lease was being reviewed." then "'…,' she said".
    if wanted != Some(Gender::Plural)
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
    /// Who issued a list: the subject of the last paragraph that is not a list item.
    list_owner: Option<(String, Option<Gender>)>,
    /// The last lead of a paragraph without quotations.
    lead: Option<Lead>,
}

/// Whether a paragraph is an item of a list ("- towns on the river would get…").
fn is_list_item(text: &str, paragraph: &Range<usize>) -> bool {
    let line = text[paragraph.clone()].trim_start();
    ["- ", "• ", "* ", "– ", "— "]
        .iter()
        .any(|marker| line.starts_with(marker))
}

/// The sentences of a paragraph, as byte ranges.
fn sentences_of(text: &str, paragraph: &Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = paragraph.start;
    while start < paragraph.end {
        let end = sentence_end(text, start..paragraph.end).unwrap_or(paragraph.end);
        out.push(start..end);
        start = end;
    }
    out
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
    let name = &tokens[start..=end];
    let span = name[0].at..name[name.len() - 1].end();
    Some((names.written_name(text, name, span), Some(Gender::Plural)))
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
            // The sentence that introduces a list is the last ("…, including:"), else the
            // paragraph's first says who ("The party published its plans. Among them:").
            let sentences = sentences_of(text, paragraph);
            context.list_owner = sentences
                .iter()
                .rev()
                .take(1)
                .chain(sentences.first())
                .find_map(|s| sentence_subject(text, s.clone(), names, false));
        }
        if quotes.is_empty() {
            if p > 0 {
                context.lead = reported_speech(text, paragraph.clone(), p, names, &mut credited);
                context.subject = sentences_of(text, paragraph)
                    .pop()
                    .and_then(|s| sentence_subject(text, s, names, false))
                    .map(|(name, gender)| (p, name, gender));
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
            // A paragraph of reported speech just before counts as this one's lead.
            context.lead.clone().filter(|l| l.paragraph + 1 == p)
        };
        for (k, quote) in quotes.iter().enumerate() {
            let index = first + k;
            let Some(attribution) = attribution_of(text, paragraph, quotes, k) else {
                let leads = text[paragraph.start..quote.open].trim().is_empty();
                let found = if k == 0 && list_item {
                    context.list_owner.clone().map(|(name, _)| Found {
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
    paragraph: Range<usize>,
    p: usize,
    names: &NameIndex,
    credited: &mut Vec<Credited>,
) -> Option<Lead> {
    let mut last = None;
    for range in sentences_of(text, &paragraph) {
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
    fn a_german_office_before_a_name_is_not_part_of_it_and_tells_the_gender() {
        let text = "Headline\nGesundheitsministerin Anna Roth sprach. „Nein“, sagte die Klinikchefin Anna Roth.";
        assert_eq!(
            named(text, "Gesundheitsministerin Anna Roth").as_deref(),
            Some("Anna Roth")
        );
        assert_eq!(
            named(text, "die Klinikchefin Anna Roth").as_deref(),
            Some("Anna Roth")
        );
        assert_eq!(german_office("Klinikchefin"), Some(Gender::Female));
        assert_eq!(german_office("Landrat"), None);
        assert_eq!(german_office("klinikchefin"), None);
    }

    #[test]
    fn pronouns_in_the_article_tell_a_persons_gender() {
        let text = "Headline\nKevin Doyle said he would stay. Daniel Reyes handles the accounts. She was blunter.";
        let names = NameIndex::new(text);
        assert_eq!(names.named_gender.get("Kevin Doyle"), Some(&Gender::Male));
        assert_eq!(
            names.named_gender.get("Daniel Reyes"),
            Some(&Gender::Female)
        );
    }

    #[test]
    fn a_pronoun_is_not_a_name_and_possessives_are_stripped() {
        assert_eq!(named("Headline\nShe said so.", "She"), None);
        assert_eq!(strip_possessive("Varga’s"), "Varga");
        assert_eq!(strip_possessive("Jones'"), "Jones");
    }
}
