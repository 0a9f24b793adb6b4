//! Offices, descriptions and short names as the article itself gives them: who "the minister"
//! or "the watchdog" is ("The finance minister, Tom Varga,", "The SAO, the country's spending
//! watchdog,"), and what "the SAO" stands for ("the State Audit Office").

use std::collections::HashMap;

use super::lexicon;
use super::sentences::Token;

/// Whether `word` ends the name of a body: "Office", "Party", "Council".
pub(crate) fn is_body_word(word: &str) -> bool {
    lexicon::flags(&word.to_lowercase()) & lexicon::PLURAL_NOUN != 0
}

/// A role given to someone, and where.
#[derive(Clone, Debug)]
pub(super) struct Given {
    pub(super) at: usize,
    pub(super) holder: String,
}

/// The roles and short names of one article.
#[derive(Default)]
pub(super) struct Roles {
    /// A role, lower case and written out ("governor", "finance minister", "watchdog") → whom
    /// the article gives it to, in the order of the text.
    given: HashMap<String, Vec<Given>>,
    /// An acronym ("SAO") → the body it stands for, as the article names it fullest ("the State
    /// Audit Office").
    acronyms: HashMap<String, String>,
}

impl Roles {
    /// Records that the article gives `words` (the role's words, lower case) to `holder` at
    /// `at`: the whole role and each shorter tail of it ("finance minister", "minister").
    pub(super) fn give(&mut self, words: &[String], holder: &str, at: usize) {
        // "minister for housing" is a minister too.
        if let Some(head) = words.iter().position(|w| w == "for" || w == "of")
            && head > 0
        {
            self.give(&words[..head], holder, at);
        }
        for from in 0..words.len() {
            let role = words[from..].join(" ");
            let holders = self.given.entry(role).or_default();
            if holders.iter().all(|g| g.holder != holder || g.at != at) {
                holders.push(Given {
                    at,
                    holder: holder.to_owned(),
                });
            }
        }
    }

    /// Whom "the `role`" at `at` means: the one person or body the article gives it to, or,
    /// where it gives it to several, the one it gave it to last before `at`.
    pub(super) fn holder_of(&self, role: &str, at: usize) -> Option<&str> {
        let holders = self.given.get(role)?;
        let first = holders.first()?;
        if holders.iter().all(|g| g.holder == first.holder) {
            return Some(&first.holder);
        }
        holders
            .iter()
            .filter(|g| g.at < at)
            .max_by_key(|g| g.at)
            .map(|g| g.holder.as_str())
    }

    /// The body an acronym stands for, if the article spells it out.
    pub(super) fn expand(&self, acronym: &str) -> Option<&str> {
        self.acronyms.get(acronym).map(String::as_str)
    }

    /// Learns the acronym of a run of capitalized words ("State Audit Office" → SAO); `the`
    /// when the article writes "the" before it.
    pub(super) fn learn_acronym(&mut self, name: &[Token], the: bool) {
        let capitals: Vec<char> = name
            .iter()
            .filter(|t| t.capitalized())
            .filter_map(|t| t.text.chars().next())
            .collect();
        if capitals.len() < 2 || name.iter().any(|t| is_acronym(t.text) || !t.word) {
            return;
        }
        let words: Vec<&str> = name.iter().map(|t| t.text).collect();
        let written = words.join(" ");
        let full = if the {
            format!("the {written}")
        } else {
            written
        };
        let acronym: String = capitals.iter().collect();
        self.acronyms.entry(acronym).or_insert(full);
    }
}

/// A word of capitals only ("SAO", "NHS"): an acronym.
pub(super) fn is_acronym(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(|c| c.is_ascii_uppercase())
}

/// The role words of a description, lower case: what follows its determiner and any
/// possessive ("the country's spending watchdog" → spending watchdog).
pub(super) fn role_words(description: &[Token]) -> Vec<String> {
    let after_owner = description
        .iter()
        .rposition(|t| t.text.ends_with("'s") || t.text.ends_with("’s"))
        .map_or(0, |i| i + 1);
    description[after_owner..]
        .iter()
        .filter(|t| t.word && lexicon::flags(t.text) & lexicon::DETERMINER == 0)
        .map(|t| t.text.to_lowercase())
        .collect()
}

/// The appositions of a paragraph's tokens: (description, name) for "the finance minister,
/// Tom Varga," and for "Grace Flynn, the union's regional secretary". Each is a pair of
/// token ranges.
pub(super) fn appositions(
    tokens: &[Token],
) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let is_comma = |i: usize| tokens.get(i).is_some_and(|t| t.is_punct(','));
    let ends = |i: usize| {
        tokens
            .get(i)
            .is_none_or(|t| t.is_punct(',') || t.is_punct('.') || t.has(lexicon::VERB))
    };
    for comma in (0..tokens.len()).filter(|&i| is_comma(i)) {
        // A description before the comma, a name after it: "the finance minister, Tom Varga,".
        if let Some(description) = description_back(tokens, comma) {
            let name_end = capital_run(tokens, comma + 1);
            if name_end > comma + 1 && ends(name_end) {
                out.push((description, comma + 1..name_end));
            }
        }
        // A name before the comma, a description after it: "Grace Flynn, the union's…,".
        let name_start = capital_run_back(tokens, comma);
        if name_start < comma
            && tokens.get(comma + 1).is_some_and(|t| t.is("the"))
            && let Some(description) = description_forward(tokens, comma + 1)
        {
            out.push((description, name_start..comma));
        }
    }
    out
}

/// Whether a word may stand inside a description: not a verb, a stop word (but "and") or
/// punctuation.
fn in_description(t: &Token) -> bool {
    // The names' scan looks up capitalized and short words only: look up the rest here.
    t.word && (t.is("and") || lexicon::flags(t.text) & (lexicon::VERB | lexicon::STOP) == 0)
}

fn is_possessive(t: &Token) -> bool {
    t.text.ends_with("'s") || t.text.ends_with("’s")
}

/// "the … noun" or "Owner's … noun" ending just before `end`, at most six words: "the finance
/// minister", "The Minister for Housing", "Uisce Éireann's chief executive".
fn description_back(tokens: &[Token], end: usize) -> Option<std::ops::Range<usize>> {
    let mut start = end;
    while start > 0 && end - start <= 6 {
        let t = &tokens[start - 1];
        let determiner = ["the", "his", "her", "their", "its"]
            .iter()
            .any(|d| t.is(d));
        if determiner || (is_possessive(t) && start < end) {
            // The owner's whole name: "Uisce Éireann's".
            let mut from = start - 1;
            if !determiner {
                while from > 0 && tokens[from - 1].capitalized() {
                    from -= 1;
                }
            }
            return (end > start).then_some(from..end);
        }
        if !in_description(t) {
            return None;
        }
        start -= 1;
    }
    None
}

/// "the … noun" from `start` (at "the") to the comma or full stop after it.
fn description_forward(tokens: &[Token], start: usize) -> Option<std::ops::Range<usize>> {
    let mut end = start + 1;
    while end < tokens.len() && end - start <= 7 {
        let t = &tokens[end];
        if t.is_punct(',') || t.is_punct('.') {
            return (end > start + 1).then_some(start..end);
        }
        if !in_description(t) || t.capitalized() {
            return None;
        }
        end += 1;
    }
    (end == tokens.len() && end > start + 1).then_some(start..end)
}

/// The end of the run of capitalized words from `start`.
fn capital_run(tokens: &[Token], start: usize) -> usize {
    let mut end = start;
    while tokens.get(end).is_some_and(Token::capitalized) {
        end += 1;
    }
    end
}

/// The start of the run of capitalized words ending just before `end`.
fn capital_run_back(tokens: &[Token], end: usize) -> usize {
    let mut start = end;
    while start > 0 && tokens[start - 1].capitalized() {
        start -= 1;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::super::sentences::tokens;
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        let tokens = tokens(text, 0..text.len());
        let words = |r: std::ops::Range<usize>| {
            tokens[r]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ")
        };
        appositions(&tokens)
            .into_iter()
            .map(|(d, n)| (words(d), words(n)))
            .collect()
    }

    #[test]
    fn descriptions_beside_names_are_found_either_way_round() {
        assert_eq!(
            pairs("His daughter, Kylie Whitcombe, runs the office."),
            [("His daughter".to_owned(), "Kylie Whitcombe".to_owned())]
        );
        assert_eq!(
            pairs("The finance minister, Tom Varga, was guarded."),
            [("The finance minister".to_owned(), "Tom Varga".to_owned())]
        );
        assert_eq!(
            pairs("said Grace Flynn, the union's regional secretary."),
            [(
                "the union's regional secretary".to_owned(),
                "Grace Flynn".to_owned()
            )]
        );
        assert!(pairs("In March, the council said no.").is_empty());
    }

    #[test]
    fn a_role_given_to_several_means_the_last_given_before() {
        let mut roles = Roles::default();
        let words = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        roles.give(&words("prime minister"), "Ana Lindqvist", 10);
        roles.give(&words("finance minister"), "Tom Varga", 50);
        assert_eq!(roles.holder_of("minister", 60), Some("Tom Varga"));
        assert_eq!(roles.holder_of("minister", 20), Some("Ana Lindqvist"));
        assert_eq!(roles.holder_of("prime minister", 60), Some("Ana Lindqvist"));
        let text = "the country's spending watchdog";
        assert_eq!(
            role_words(&tokens(text, 0..text.len())),
            ["spending", "watchdog"]
        );
    }

    #[test]
    fn an_acronym_stands_for_the_capitals_of_a_name() {
        let text = "a report by the State Audit Office";
        let tokens = tokens(text, 0..text.len());
        let mut roles = Roles::default();
        roles.learn_acronym(&tokens[4..], true);
        assert_eq!(roles.expand("SAO"), Some("the State Audit Office"));
        assert!(is_acronym("SAO") && !is_acronym("Sao") && !is_acronym("A"));
    }
}
