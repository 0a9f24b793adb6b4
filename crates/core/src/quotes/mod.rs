//! Suggested quotations: the direct quotations of a news article and who said them, by the rule
//! in the README's "Quote suggestions" section. Offline and deterministic: quotation marks are
//! paired per paragraph, each quotation's sentence is read for an attribution ("X said",
//! "said X", "according to X", "X, the party's leader, told the BBC"), pronouns go to the most
//! recent speaker who fits, and a surname goes to the fullest name the article gives.

mod attribution;
mod hints;
mod lexicon;
mod marks;
mod people;
mod roles;
mod sentences;
mod speakers;

pub(crate) use roles::is_body_word;

use marks::{Raw, bridging, opening_family, scan_paragraph, unmarked_continuation};
use people::NameIndex;
use sentences::{first_char, paragraphs};
use speakers::{Found, attribute};

/// The label a suggestion's cue hints at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LabelHint {
    /// Anything said: the default.
    Claim,
    /// Denied, rejected, dismissed…
    Denial,
    /// Welcomed, criticised, responded…
    Reaction,
}

impl LabelHint {
    /// The id of the default label it means (`assets/labels.ron`).
    pub fn id(self) -> &'static str {
        match self {
            Self::Claim => "claim",
            Self::Denial => "denial",
            Self::Reaction => "reaction",
        }
    }
}

/// One suggested quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// First code point of the words inside the marks.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The words: the article's text from `start` to `end`.
    pub text: String,
    /// Who said them, as fully as the article names them, or an unnamed source as written.
    pub speaker: Option<String>,
    /// The attribution as written ("said", "told the BBC", "according to"), or none when the
    /// speaker is known from context.
    pub cue: Option<String>,
    /// The label the cue hints at.
    pub label: LabelHint,
}

/// The quotations of `text`, sorted by start. The first line is the headline: quotation marks
/// there are not quotations.
pub fn suggest(text: &str) -> Vec<Suggestion> {
    let paragraphs = paragraphs(text);
    let mut raw = Vec::new();
    let mut carried = None;
    for (index, paragraph) in paragraphs.iter().enumerate().skip(1) {
        let next = paragraphs.get(index + 1);
        let next_opens = next
            .and_then(|next| first_char(text, next))
            .and_then(opening_family);
        // Some newsrooms open no mark where a quotation goes on into the next paragraph: it
        // closes there, or it goes on unmarked into one that opens with a mark again.
        let next_continues = next.and_then(|next| {
            unmarked_continuation(text, next)
                .or_else(|| bridging(text, next, paragraphs.get(index + 2)?))
        });
        let before = raw.len();
        scan_paragraph(
            text,
            paragraph.clone(),
            index,
            next_opens.or(next_continues),
            carried,
            &mut raw,
        );
        let runs_on = raw[before..].last().is_some_and(|r: &Raw| r.runs_on);
        carried = next_continues.filter(|_| runs_on && next_opens.is_none());
    }
    let names = NameIndex::new(text);
    let attributed = attribute(text, &paragraphs, &raw, &names);
    to_suggestions(text, &raw, attributed)
}

// ---------------------------------------------------------------------------------------------
/// Rule 2: not a quotation, whoever is credited.
fn is_not_quotation(text: &str, quote: &Raw, found: &Found) -> bool {
    const SMALL: &[&str] = &[
        "of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "by", "with", "or", "from",
    ];
    let words: Vec<&str> = text[quote.inner.clone()].split_whitespace().collect();
    if words.is_empty() {
        return true;
    }
    if words.len() == 1 {
        // One word: a scare quote, unless it is a whole utterance with its own attribution,
        // opening its sentence (“No,” she said), not a word of it (rates the stock a “buy.”).
        let utterance = matches!(quote.last_char, Some(',' | '!' | '?' | '.'));
        let alone = text[..quote.open]
            .trim_end_matches([' ', '\t'])
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '\n' | '.' | '!' | '?' | ':' | '”' | '"' | '»'));
        return !(utterance && alone && found.cue.is_some());
    }
    // Titles of works and campaigns: every word capitalized, no closing punctuation.
    let title_case = words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
            || SMALL.contains(w)
    });
    let ends_plain = quote
        .last_char
        .is_some_and(|c| c.is_alphanumeric() || c == '.');
    if title_case && ends_plain {
        return true;
    }
    // A nickname between a first name and a surname: Dwayne "The Rock" Johnson.
    let before = text[..quote.open].trim_end_matches(' ');
    let after = text.get(quote.after..).unwrap_or_default();
    let word_before = before.rsplit(char::is_whitespace).next().is_some_and(|w| {
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
    });
    let word_after = after
        .strip_prefix(' ')
        .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase));
    let plain = quote.last_char.is_some_and(char::is_alphanumeric);
    word_before && word_after && plain && words.len() <= 3
}

fn to_suggestions(text: &str, raw: &[Raw], found: Vec<Option<Found>>) -> Vec<Suggestion> {
    let mut out = Vec::new();
    let mut chars = 0usize;
    let mut byte = 0usize;
    for (quote, found) in raw.iter().zip(found) {
        let Some(found) = found else {
            continue;
        };
        if found.speaker.is_none() && found.cue.is_none() {
            continue;
        }
        if is_not_quotation(text, quote, &found) {
            continue;
        }
        // Quotations come in the order of the text, one after another.
        let Some(gap) = text.get(byte..quote.inner.start) else {
            continue;
        };
        chars += gap.chars().count();
        let start = chars;
        let words = &text[quote.inner.clone()];
        chars += words.chars().count();
        byte = quote.inner.end;
        out.push(Suggestion {
            start,
            end: chars,
            text: words.to_owned(),
            speaker: found.speaker,
            cue: found.cue,
            label: found.hint,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        suggest(&format!("Headline\n{text}"))
            .into_iter()
            .map(|s| (s.text, s.speaker, s.cue))
            .collect()
    }

    fn q(text: &str, speaker: &str, cue: Option<&str>) -> (String, Option<String>, Option<String>) {
        (
            text.to_owned(),
            Some(speaker.to_owned()),
            cue.map(str::to_owned),
        )
    }

    #[test]
    fn speaker_after_and_before() {
        assert_eq!(
            one("“We will not back down,” Mr Abbas said."),
            [q("We will not back down,", "Mr Abbas", Some("said"))]
        );
        assert_eq!(
            one("\"It was a mistake,\" said a Downing Street spokesman."),
            [q(
                "It was a mistake,",
                "a Downing Street spokesman",
                Some("said")
            )]
        );
        assert_eq!(
            one("Jane Doe, the party's leader, told the BBC: \"We are ready.\""),
            [q("We are ready.", "Jane Doe", Some("told the BBC"))]
        );
        assert_eq!(
            one("According to Jane Doe, “the vote is lost”."),
            [q("the vote is lost", "Jane Doe", Some("According to"))]
        );
    }

    #[test]
    fn names_titles_and_pronouns() {
        let found = one("Palestinian President Mahmoud Abbas spoke on Monday.\n\
             “We will not back down,” Mr Abbas said.\n\
             “The talks are over,” he added.");
        assert_eq!(
            found,
            [
                q("We will not back down,", "Mahmoud Abbas", Some("said")),
                q("The talks are over,", "Mahmoud Abbas", Some("added")),
            ]
        );
    }

    #[test]
    fn interrupted_and_running_on() {
        // A pronoun with nobody to refer to: the quotations stand, with their cue.
        let unknown = suggest("H\n“We won,” she said. “They lost.”");
        assert_eq!(unknown.len(), 2);
        assert!(
            unknown
                .iter()
                .all(|s| s.speaker.is_none() && s.cue.as_deref() == Some("said"))
        );
        let found = one(
            "Jane Doe spoke.\n“We won,” Ms Doe said. “They lost.”\n“First paragraph.\n“Second paragraph.”",
        );
        assert_eq!(
            found,
            [
                q("We won,", "Jane Doe", Some("said")),
                q("They lost.", "Jane Doe", Some("said")),
                q("First paragraph.", "Jane Doe", None),
                q("Second paragraph.", "Jane Doe", None),
            ]
        );
    }

    #[test]
    fn not_quotations() {
        assert!(one("She starred in “The Lord of the Rings” last year, Ms Doe said.").is_empty());
        assert!(one("The so-called “reform” was dropped, Ms Doe said.").is_empty());
        assert!(one("Dwayne “The Rock” Johnson arrived.").is_empty());
        assert!(suggest("“Quoted headline words” here\nNothing else.").is_empty());
        assert!(one("The words “nobody said this” appear.").is_empty());
        // Examples nobody said, after a colon whose sentence has no subject before its verb.
        assert!(
            one("Often, a story carries a line like this: \"Jo Bloggs would not comment,\" or \"Sam Roe did not answer calls.\"").is_empty()
        );
        // One word inside a sentence, beside a cue: a rating, not an utterance.
        assert!(
            one("“Prices rose,” said Ann Lee, who rates the stock a “buy.”")
                .iter()
                .all(|(words, _, _)| words != "buy.")
        );
        assert_eq!(one("“No,” she said.").len(), 1);
    }

    #[test]
    fn a_quotation_goes_on_through_a_paragraph_left_unmarked() {
        let found = one(
            "Jane Doe issued a statement.\n“We were not told.\nNobody called us.\n“We will fight it,” Ms Doe concluded",
        );
        let words: Vec<&str> = found.iter().map(|(w, _, _)| w.as_str()).collect();
        assert_eq!(
            words,
            [
                "We were not told.",
                "Nobody called us.",
                "We will fight it,"
            ]
        );
        assert!(
            found
                .iter()
                .all(|(_, s, _)| s.as_deref() == Some("Jane Doe"))
        );
    }

    #[test]
    fn partial_quotes_and_marks_of_every_style() {
        assert_eq!(
            one("Mr Abbas said the government was exerting \"a 100% effort\" to end the violence."),
            [q("a 100% effort", "Mr Abbas", Some("said"))]
        );
        assert_eq!(
            one("« C’est fini », said Marie Dupont."),
            [q("C’est fini", "Marie Dupont", Some("said"))]
        );
        assert_eq!(
            one("„Wir schaffen das“, said Angela Merkel."),
            [q("Wir schaffen das", "Angela Merkel", Some("said"))]
        );
        assert_eq!(
            one("'The players' union is strong,' Ms Doe said."),
            [q("The players' union is strong,", "Ms Doe", Some("said"))]
        );
    }

    #[test]
    fn doubled_apostrophes_and_as_someone_put_it() {
        assert_eq!(
            one("Mr Ashby said the package ''was days away'' from being finalised."),
            [q("was days away", "Mr Ashby", Some("said"))]
        );
        assert_eq!(
            one("The gulls eat the chips \"like children eat sweets,\" as a radio report put it."),
            [q(
                "like children eat sweets,",
                "a radio report",
                Some("put it")
            )]
        );
    }

    #[test]
    fn unclosed_quotation_ends_with_its_sentence() {
        assert_eq!(
            one("Mr Abbas said: “We will not back down. Then he left."),
            [q("We will not back down.", "Mr Abbas", Some("said"))]
        );
    }

    #[test]
    fn label_hints() {
        let found = suggest("H\n“That is false,” Mr Abbas denied.\n“A fine day,” Ms Doe welcomed.");
        let hints: Vec<_> = found.iter().map(|s| s.label).collect();
        assert_eq!(hints, [LabelHint::Denial, LabelHint::Reaction]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Any text, however its marks pair: no panic, and each suggestion is exactly the text
        /// at its offsets, in order, none overlapping another.
        #[test]
        fn any_text_gives_suggestions_that_are_its_own_words(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "“", "”", "\"", "'", "‘", "’", "«", "»", "„", "‚", "「", "」", "‹", "›", " ",
                "\n", ".", ",", "!", "?", ":", "—", "said", "told the BBC", "Mr", "Ms", "Abbas",
                "Jane Doe", "he", "she", "they", "according to", "the minister", "a spokesman",
                "who", "that", "players'", "don't", "é", "👍🏽", "Sen.", "U.S.", "de", "Monday",
            ]), 0..120),
        ) {
            let text: String = pieces.concat();
            let chars: Vec<char> = text.chars().collect();
            let found = suggest(&text);
            let mut last_end = 0;
            for s in &found {
                proptest::prop_assert!(s.start < s.end && s.end <= chars.len());
                proptest::prop_assert!(s.start >= last_end);
                let words: String = chars[s.start..s.end].iter().collect();
                proptest::prop_assert_eq!(&words, &s.text);
                last_end = s.end;
            }
        }
    }

    #[test]
    fn offsets_are_code_points() {
        let text = "Ĥéadline ✓\n“Ça marche très bien,” Mr Émile Zola said.";
        let found = suggest(text);
        let s = &found[0];
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text);
    }
}
