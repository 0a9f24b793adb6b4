//! The words quote suggestions know (`words.txt`, and the titles of `core::names`), each with
//! the kinds it belongs to as bit flags, looked up once per word of the text.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// An attribution verb hinting at a claim.
pub const CLAIM: u32 = 1;
/// An attribution verb hinting at a denial.
pub const DENIAL: u32 = 1 << 1;
/// An attribution verb hinting at a reaction.
pub const REACTION: u32 = 1 << 2;
/// Any attribution verb.
pub const VERB: u32 = CLAIM | DENIAL | REACTION;
/// May stand between a subject and its verb.
pub const AUXILIARY: u32 = 1 << 3;
/// Never part of a speaker's name or description.
pub const STOP: u32 = 1 << 4;
/// Stands for a speaker.
pub const PRONOUN: u32 = 1 << 5;
/// May open a description of a speaker.
pub const DETERMINER: u32 = 1 << 6;
/// A day, month or time.
pub const DATE: u32 = 1 << 7;
/// A word of an office before a name.
pub const OFFICE: u32 = 1 << 8;
/// Begins a sentence, never a name.
pub const FUNCTION: u32 = 1 << 9;
/// A lower-case part of a name.
pub const PARTICLE: u32 = 1 << 10;
/// Its full stop ends no sentence.
pub const ABBREVIATION: u32 = 1 << 11;
/// A title ("Mr", "Sen.", "President").
pub const TITLE: u32 = 1 << 12;
/// A title of a man.
pub const MALE_TITLE: u32 = 1 << 13;
/// A title of a woman.
pub const FEMALE_TITLE: u32 = 1 << 14;
/// A noun for a man.
pub const MALE_NOUN: u32 = 1 << 15;
/// A noun for a woman.
pub const FEMALE_NOUN: u32 = 1 << 16;
/// A noun for a body or several people.
pub const PLURAL_NOUN: u32 = 1 << 17;

const KINDS: &[(&str, u32)] = &[
    ("claim", CLAIM),
    ("denial", DENIAL),
    ("reaction", REACTION),
    ("auxiliary", AUXILIARY),
    ("stop", STOP),
    ("pronoun", PRONOUN),
    ("determiner", DETERMINER),
    ("date", DATE),
    ("office", OFFICE),
    ("function", FUNCTION),
    ("particle", PARTICLE),
    ("abbreviation", ABBREVIATION),
    ("male-title", MALE_TITLE),
    ("female-title", FEMALE_TITLE),
    ("male-noun", MALE_NOUN),
    ("female-noun", FEMALE_NOUN),
    ("plural-noun", PLURAL_NOUN),
];

const WORDS: &str = include_str!("words.txt");

/// A multiplicative hash of a few bytes: the words looked up are short and not chosen by an
/// adversary who could profit from collisions (a slower lookup at worst).
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Lexicon = HashMap<&'static [u8], u32, BuildHasherDefault<WordHasher>>;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lexicon = Lexicon::default();
    for (kind, words) in WORDS
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once(": "))
    {
        let flag = KINDS
            .iter()
            .find(|(name, _)| *name == kind)
            .map_or(0, |(_, flag)| *flag);
        for word in words.split_whitespace() {
            *lexicon.entry(word.as_bytes()).or_default() |= flag;
        }
    }
    for title in super::super::names::TITLES {
        *lexicon.entry(title.as_bytes()).or_default() |= TITLE;
    }
    lexicon
});

/// The kinds `word` belongs to, any case, with or without a final full stop.
pub fn flags(word: &str) -> u32 {
    const LONGEST: usize = 24;
    let word = word.trim_end_matches('.');
    if word.len() > LONGEST {
        return 0;
    }
    // Lower case, in UTF-8, on the stack: most words are ASCII; French and German ones
    // ("déclaré", "begrüßte") take a few more bytes.
    let mut buffer = [0u8; 2 * LONGEST];
    let mut len = 0;
    for c in word.chars() {
        let c = if c == '’' { '\'' } else { c };
        if c.is_ascii() {
            buffer[len] = c.to_ascii_lowercase() as u8;
            len += 1;
            continue;
        }
        for lower in c.to_lowercase() {
            if len + lower.len_utf8() > buffer.len() {
                return 0;
            }
            len += lower.encode_utf8(&mut buffer[len..]).len();
        }
    }
    LEXICON.get(&buffer[..len]).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_in_the_word_list_is_known() {
        for line in WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (kind, _) = line.split_once(": ").unwrap_or_else(|| panic!("{line:?}"));
            assert!(KINDS.iter().any(|(name, _)| *name == kind), "{kind}");
        }
    }

    #[test]
    fn words_are_found_in_any_case() {
        assert_eq!(flags("Said") & VERB, CLAIM);
        assert_eq!(flags("DENIED") & VERB, DENIAL);
        assert_ne!(flags("Sen.") & TITLE, 0);
        assert_ne!(flags("it’s") & STOP, 0);
        assert_eq!(flags("Ħello"), 0);
        assert_eq!(flags("a-very-long-word-beyond-any-listed-one"), 0);
    }
}
