//! The people and bodies an article names: each name as fully as the article gives it, their
//! gender where the article tells it (a title, a word beside the name, its own pronouns), where
//! each is mentioned, the roles they are given; and whom the subject of an attribution names.

use std::collections::HashMap;
use std::ops::Range;

use super::attribution::is_proper_name;
use super::lexicon;
use super::roles::{Roles, appositions, is_acronym, is_body_word, role_words};
use super::sentences::{Token, opens_phrase, paragraphs, scan_tokens};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
    /// A body or several people: "officials", "the ministry".
    Plural,
}

/// `Male` or `Female` when `word` is of the kind `male` or `female` of the lexicon.
pub(super) fn gender_of(word: &str, male: u32, female: u32) -> Option<Gender> {
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

pub(super) fn noun_gender(word: &str) -> Option<Gender> {
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
    // "Ministerin", "Klinikchefin": the feminine ending; otherwise an office compounded with
    // what it is of ("Gesundheitsminister"), so that English "Minister" is not one.
    let (stem, female) = match word.strip_suffix("in") {
        Some(stem) => (stem, true),
        None => (word, false),
    };
    let ends_with = |office: &str| {
        stem.len() >= office.len()
            && stem.is_char_boundary(stem.len() - office.len())
            && stem[stem.len() - office.len()..].eq_ignore_ascii_case(office)
    };
    let office = OFFICES.iter().find(|office| ends_with(office))?;
    if female {
        Some(Gender::Female)
    } else {
        (stem.len() > office.len()).then_some(Gender::Male)
    }
}

/// The gender a word before a name tells: a title ("Mrs") or a German office ("Ministerin").
fn title_or_office_gender(word: &str) -> Option<Gender> {
    title_gender(word).or_else(|| german_office(word))
}

/// A lower-case word of a role between a body and a person's name: "chief executive",
/// "leader", "analyst" ("of" and "the" are not: "Mara Ellis of the D.C. District").
fn is_role_word(word: &str) -> bool {
    (lexicon::flags(word) & lexicon::OFFICE != 0 && !["of", "the"].contains(&word))
        || [
            "analyst",
            "economist",
            "researcher",
            "professor",
            "lawyer",
            "owner",
            "president",
        ]
        .contains(&word)
}

fn is_particle(word: &str) -> bool {
    lexicon::flags(word) & lexicon::PARTICLE != 0
}

/// Someone named in the article, where.
#[derive(Clone, Debug)]
pub(super) struct Mention {
    pub(super) at: usize,
    pub(super) paragraph: usize,
    /// The fullest name the article gives them.
    pub(super) name: String,
    pub(super) gender: Option<Gender>,
    /// Named with a title ("Mr Abbas"), so surely a person.
    pub(super) titled: bool,
}

impl Mention {
    /// Whether the name is a body's ("Eastfield Council"): never "he" or "she".
    pub(super) fn is_body(&self) -> bool {
        self.name.rsplit(' ').next().is_some_and(is_body_word)
    }
}

/// A person's name as the article gives it fullest, found by surname; their gender where a
/// title or first name tells it; and where each is mentioned.
pub(super) struct NameIndex {
    /// Surname (lower case) → full name.
    pub(super) full: HashMap<String, String>,
    /// First name (lower case) → full name, for one who goes by it alone ("Joop added"); empty
    /// when two people share it.
    first: HashMap<String, String>,
    /// Surname (lower case) → gender.
    pub(super) gender: HashMap<String, Gender>,
    /// Full name → gender, where a description beside the name tells it ("His daughter,
    /// Kylie Whitcombe"); it outranks the surname's, which a family shares.
    pub(super) named_gender: HashMap<String, Gender>,
    /// People mentioned, in the order of the text.
    pub(super) mentions: Vec<Mention>,
    /// Offices, titles and descriptions ("governor", "finance minister", "watchdog") and whom
    /// the article gives them to; acronyms and what they stand for.
    pub(super) roles: Roles,
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
            // The headline is in title case ("Port Strike: Harbour Lines Statement"): its
            // capitals name nobody for sure.
            if paragraph == 0 {
                paragraph_tokens.push(Vec::new());
                continue;
            }
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
                // "Kessler Mills chief executive Dominik Hartl", "Greens leader Tamsin Hale":
                // a body before the role of the person named after it, not a person.
                let role = tokens[end..]
                    .iter()
                    .take_while(|t| t.word && !t.capitalized() && is_role_word(t.text))
                    .count();
                let names_a_body = (1..=3).contains(&role)
                    && tokens.get(end + role).is_some_and(Token::capitalized);
                if !names_a_body {
                    runs.push(Run {
                        paragraph,
                        tokens: tokens[start..end].to_vec(),
                    });
                }
                i = end;
            }
            paragraph_tokens.push(tokens);
        }
        let mut index = Self {
            full: HashMap::new(),
            first: HashMap::new(),
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
        let mut previous_subject = None;
        for tokens in &paragraph_tokens {
            previous_subject = index.learn_pronoun_genders(tokens, previous_subject);
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
    /// `previous_subject`: whom the paragraph before ends about; returns whom this one does.
    fn learn_pronoun_genders(
        &mut self,
        tokens: &[Token],
        mut previous_subject: Option<String>,
    ) -> Option<String> {
        let gender_of_pronoun = |t: &Token| match t.text.to_lowercase().as_str() {
            "he" | "his" | "him" | "himself" => Some(Gender::Male),
            "she" | "her" | "hers" | "herself" => Some(Gender::Female),
            _ => None,
        };
        let mut sentence_start = 0;
        while sentence_start < tokens.len() {
            let end = tokens[sentence_start..]
                .iter()
                .position(|t| t.is_punct('.') || t.is_punct('?') || t.is_punct('!'))
                .map_or(tokens.len(), |i| sentence_start + i + 1);
            let sentence = &tokens[sentence_start..end];
            let (from, to) = (sentence[0].at, sentence[sentence.len() - 1].end());
            // A name inside a quotation that opens the sentence is not its subject: in
            // "“Arjun built a great company,” she said", she is someone else.
            let quoted_end = if sentence[0].text.starts_with(super::marks::is_mark) {
                sentence[1..]
                    .iter()
                    .find(|t| !t.word && t.text.starts_with(super::marks::is_mark))
                    .map_or(to, Token::end)
            } else {
                from
            };
            let first = self.mentions.partition_point(|m| m.at < quoted_end);
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
            // The sentence's subject: among its first eight words, not in a phrase before it
            // ("Following a meeting with Eastfield Council, she said"), and a person, not a body.
            let subject = in_sentence.first().filter(|m| {
                sentence.iter().take(8).any(|t| t.at == m.at)
                    && !sentence
                        .iter()
                        .take_while(|t| t.at < m.at)
                        .any(opens_phrase)
                    && !m.is_body()
            });
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
        previous_subject
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
                let holder = self.written_name(text, &tokens[from..i]);
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
            let Some(first) = name_tokens.first() else {
                continue;
            };
            let holder = self.written_name(text, name_tokens);
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

    /// The fullest name of the one named by `name` (its tokens, at least one): an acronym
    /// spelled out, a surname's full name, a body with its "the".
    pub(super) fn written_name(&self, text: &str, name: &[Token]) -> String {
        let (Some(first), Some(last)) = (name.first(), name.last()) else {
            return String::new();
        };
        let span = first.at..last.end();
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
        if let Some(last) = lone_name(&words)
            && let Some(full) = self.full_name(last)
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
            .find_map(|t| title_or_office_gender(t.text));
        if let Some(gender) = gender {
            self.gender.entry(surname.clone()).or_insert(gender);
        }
        let words: Vec<&str> = name.iter().map(|t| t.text).collect();
        if lone_name(&words).is_none() {
            let full = strip_possessive(&text[first.at..last.end()]).to_owned();
            // The fullest form: "Aziz Said Rahman" over "Aziz Rahman".
            let fuller = |known: &String| {
                same_surname(known, &full)
                    && full.split_whitespace().count() > known.split_whitespace().count()
            };
            let given = first.text.to_lowercase();
            match self.first.get(&given) {
                Some(known) if fuller(known) => {
                    self.first.insert(given, full.clone());
                }
                // Another person with that first name: it names neither.
                Some(known) if !known.is_empty() && !same_surname(known, &full) => {
                    self.first.insert(given, String::new());
                }
                Some(_) => {}
                None => {
                    self.first.insert(given, full.clone());
                }
            }
            match self.full.get(&surname) {
                Some(known) if !fuller(known) => {}
                _ => {
                    self.full.insert(surname.clone(), full);
                }
            }
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
        let words: Vec<&str> = name.iter().map(|t| t.text).collect();
        let alone = lone_name(&words);
        let full = alone.and_then(|word| self.full_name(word));
        if !titled && full.is_none() && alone.is_some() {
            return;
        }
        let own = strip_possessive(&text[first.at..last.end()]);
        let name = if alone.is_none() {
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

    /// The fullest name of the one a single word names: a surname ("Varga" → "Tom Varga"), or
    /// the first name of only one person named in full ("Joop" → "Joop Verbeek").
    pub(super) fn full_name(&self, word: &str) -> Option<&String> {
        let key = surname_of(word);
        self.full
            .get(&key)
            .or_else(|| self.first.get(&key).filter(|full| !full.is_empty()))
    }
}

/// Whether two full names end in the same surname.
fn same_surname(a: &str, b: &str) -> bool {
    let surname = |name: &str| name.split_whitespace().next_back().map(surname_of);
    surname(a) == surname(b)
}

/// The one word a name is, when it is a surname alone: "Varga", "De Wolde", "de Wolde" (its
/// particles aside).
fn lone_name<'w>(words: &[&'w str]) -> Option<&'w str> {
    let (last, before) = words.split_last()?;
    before.iter().all(|w| is_particle(w)).then_some(*last)
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
pub(super) enum Named {
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
    // "the newly minted leader": the leader, whatever words describe them, but not a former
    // or deputy one.
    let dropped = |word: &&str| {
        word.chars().all(char::is_lowercase)
            && ![
                "former",
                "ex",
                "deputy",
                "acting",
                "vice",
                "shadow",
                "assistant",
                "outgoing",
            ]
            .contains(word)
    };
    let holder = (0..role.len())
        .take_while(|&from| rest[..from].iter().all(dropped))
        .find_map(|from| names.roles.holder_of(&role[from..].join(" "), at))?;
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
        .find_map(|w| title_or_office_gender(w))
        .or_else(|| names.named_gender.get(&name).copied())
        .or_else(|| names.gender.get(&surname).copied());
    Some(Named::Someone { name, gender })
}

/// Someone known only by a description, as written ("A spokesman for Mr Blair"), of the gender
/// its nouns tell.
fn described(written: &str, words: &[&str]) -> Named {
    Named::Someone {
        name: written.to_owned(),
        gender: words.iter().rev().find_map(|w| noun_gender(w)),
    }
}

pub(super) fn name_subject(text: &str, subject: Range<usize>, names: &NameIndex) -> Named {
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
        return described(written, &words);
    }
    // The name among the words: "Hamas official Basem Naim", "Dr Lena Hartmann of the
    // University of Konstanz", "Detective Constable Ravi Shah"; an office's "of" is the
    // office's ("Minister of Information Karim Nassar").
    let name_word = |word: &&str| {
        word.chars().next().is_some_and(char::is_uppercase)
            && lexicon::flags(word) & lexicon::TITLE == 0
            && !is_office_word(word)
    };
    let before_tail = words
        .iter()
        .enumerate()
        .position(|(i, w)| {
            ["of", "at", "from", "for", "in"].contains(w) && words[..i].iter().any(name_word)
        })
        .unwrap_or(words.len());
    let mut runs: Vec<&[&str]> = Vec::new();
    let mut start = 0;
    for (i, word) in words[..before_tail].iter().enumerate() {
        if !name_word(word) && !is_particle(word) {
            if start < i {
                runs.push(&words[start..i]);
            }
            start = i + 1;
        }
    }
    if start < before_tail {
        runs.push(&words[start..before_tail]);
    }
    let known = |run: &&[&str]| lone_name(run).is_none_or(|w| names.full_name(w).is_some());
    let Some(rest) = runs
        .iter()
        .rev()
        .find(|run| known(run))
        .or(runs.last())
        .copied()
    else {
        return described(written, &words);
    };
    let title = words.iter().find_map(|w| title_or_office_gender(w));
    let surname = surname_of(rest.last().copied().unwrap_or_default());
    let gender = title.or_else(|| names.gender.get(&surname).copied());
    let name = if let Some(word) = lone_name(rest) {
        names
            .full_name(word)
            .cloned()
            .unwrap_or_else(|| strip_possessive(written).to_owned())
    } else {
        rest.join(" ")
    };
    let gender = names.named_gender.get(&name).copied().or(gender);
    Named::Someone { name, gender }
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
        assert_eq!(german_office("Minister"), None, "English too");
        assert_eq!(german_office("Ministerin"), Some(Gender::Female));
        assert_eq!(german_office("Gesundheitsminister"), Some(Gender::Male));
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
    fn an_office_of_something_is_not_part_of_the_name() {
        let text = "Headline\nMinister of Information Karim Nassar spoke. Later Nassar said no.";
        assert_eq!(
            named(text, "Minister of Information Karim Nassar").as_deref(),
            Some("Karim Nassar")
        );
        assert_eq!(named(text, "Nassar").as_deref(), Some("Karim Nassar"));
    }

    #[test]
    fn a_first_name_alone_or_a_surname_with_its_particle_is_the_full_name() {
        let text =
            "Headline\nCoach Joop Verbeek and Adriaan de Wolde spoke. Joop left. De Wolde stayed.";
        assert_eq!(named(text, "Joop").as_deref(), Some("Joop Verbeek"));
        assert_eq!(named(text, "De Wolde").as_deref(), Some("Adriaan de Wolde"));
        // Two people with one first name: it names neither.
        let shared = "Headline\nAnna Roth and Anna Berg spoke. Anna left.";
        assert_eq!(named(shared, "Anna").as_deref(), Some("Anna"));
    }

    #[test]
    fn a_body_before_a_role_and_a_name_is_no_person() {
        let text = "Headline\nKessler Mills chief executive Dominik Hartl visited. He said so.";
        let names = NameIndex::new(text);
        let mentioned: Vec<&str> = names.mentions.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(mentioned, ["Dominik Hartl"]);
        assert_eq!(names.named_gender.get("Dominik Hartl"), Some(&Gender::Male));
        // "of" after a name is no role: "Mara Ellis of the D.C. District".
        let judge = NameIndex::new("Headline\nJudge Mara Ellis of the D.C. District spoke.");
        assert!(judge.mentions.iter().any(|m| m.name == "Mara Ellis"));
    }

    #[test]
    fn the_fullest_form_of_a_name_wins() {
        let text = "Headline\nMinister Aziz Rahman spoke. Dr Aziz Said Rahman wrote. Rahman left.";
        assert_eq!(named(text, "Rahman").as_deref(), Some("Aziz Said Rahman"));
        assert_eq!(named(text, "Aziz").as_deref(), Some("Aziz Said Rahman"));
    }

    #[test]
    fn a_name_inside_a_quotation_tells_no_gender() {
        let text = "Headline\nArjun Mehta left.\n\"Arjun built this,\" she said.";
        let names = NameIndex::new(text);
        assert_eq!(names.named_gender.get("Arjun Mehta"), None);
    }

    #[test]
    fn a_pronoun_is_not_a_name_and_possessives_are_stripped() {
        assert_eq!(named("Headline\nShe said so.", "She"), None);
        assert_eq!(strip_possessive("Varga’s"), "Varga");
        assert_eq!(strip_possessive("Jones'"), "Jones");
    }
}
