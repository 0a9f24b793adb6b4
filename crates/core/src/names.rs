//! People's names as newsrooms write them: when two speaker names across files mean the same
//! person. Case, surrounding and repeated white space, and titles ("Mr", "Sen.", "President")
//! do not matter; a surname alone means the person of that surname in the same article.

/// Titles dropped from the front of a name before names are compared, lower case, without a
/// final full stop.
pub const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "reverend",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "president",
    "vice-president",
    "pres",
    "mayor",
    "councillor",
    "councilor",
    "councilman",
    "councilwoman",
    "alderman",
    "alderwoman",
    "commissioner",
    "inspector",
    "supt",
    "det",
    "judge",
    "justice",
    "gen",
    "general",
    "col",
    "capt",
    "lt",
    "sgt",
    "minister",
    "chancellor",
    "secretary",
    "ambassador",
    "rabbi",
    "imam",
    "sheikh",
    "father",
    "sister",
    "m",
    "mme",
    "shri",
    "sri",
    "smt",
    "shrimati",
    "kumari",
    "hon",
    "honourable",
    "honorable",
    "lieutenant",
    "sergeant",
    "captain",
    "colonel",
    "constable",
    "corporal",
    "commander",
    "admiral",
    "treasurer",
    "premier",
    "datuk",
    "dato",
    "datin",
    "tun",
    "seri",
    "herr",
    "frau",
    "sr",
    "sra",
];

/// Whether `word` (any case, with or without a final full stop) is a title such as "Mr",
/// "Sen." or "President".
pub fn is_title(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    TITLES.iter().any(|title| title.eq_ignore_ascii_case(word))
}

/// The form of `name` that equal people share: lower case, white space collapsed, leading
/// titles dropped (unless nothing else is left). "Sen. Jeff  Sessions" and "jeff sessions"
/// give the same key.
pub fn person_key(name: &str) -> String {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let first_kept = words
        .iter()
        .position(|w| !is_title(w))
        .unwrap_or(words.len());
    let kept = if first_kept < words.len() {
        &words[first_kept..]
    } else {
        &words[..]
    };
    kept.join(" ")
}

/// Whether two speaker names name the same person, as Marginalia matches speakers everywhere
/// (edits, the speaker picker, review and merge, suggestions, the People tab): the same
/// [`person_key`], so case, white space and titles do not matter. "Sen. Jeff Sessions" and
/// "jeff sessions" are one speaker.
pub fn same_speaker(a: &str, b: &str) -> bool {
    a == b || person_key(a) == person_key(b)
}

/// Whether two annotator names (who wrote a file) are the same annotator: equal once white
/// space is trimmed and collapsed and letters are compared without case. Titles count here:
/// an annotator's name is written by the annotator, the same way each time.
pub fn same_annotator(a: &str, b: &str) -> bool {
    let words = |name: &str| {
        name.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    a == b || words(a) == words(b)
}

/// Last words of the names of bodies beyond those quote suggestions know ("NBC News",
/// "Acme Inc.").
const BODY_ENDINGS: &[&str] = &[
    "news",
    "media",
    "press",
    "times",
    "inc",
    "ltd",
    "llc",
    "plc",
    "gmbh",
    "corp",
    "corporation",
    "institute",
    "university",
    "foundation",
    "society",
    "outlet",
    "broadcaster",
];

/// Whether a speaker names a body rather than a person: the name opens with "the" ("the
/// State Audit Office"), ends in a word for a body ("Harbor Authority", "Labour Party", "NBC
/// News"), or such a word is followed by "of" ("Ministry of Finance"); or the role is a body's
/// ("Reporting outlet").
pub fn is_organisation(name: &str, role: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let body = |w: &String| crate::quotes::is_body_word(w) || BODY_ENDINGS.contains(&w.as_str());
    if words(role).last().is_some_and(body) {
        return true;
    }
    let words = words(name);
    words.first().is_some_and(|w| w == "the")
        || words.last().is_some_and(body)
        || words
            .windows(2)
            .any(|pair| matches!(pair, [w, of] if body(w) && of == "of"))
}

/// The surname of a key from [`person_key`]: its last word, when the key has more than one.
pub fn surname(key: &str) -> Option<&str> {
    let mut words = key.rsplit(' ');
    let last = words.next()?;
    words.next().map(|_| last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_told_from_people_by_their_names() {
        for body in [
            "the State Audit Office",
            "Harbor Authority",
            "Labour Party",
            "Ministry of Finance",
            "City Council",
            "NBC News",
        ] {
            assert!(is_organisation(body, ""), "{body}");
        }
        assert!(is_organisation("Reuters", "news agency"));
        for person in [
            "Tom Becker",
            "Police Commissioner Ana Ruiz",
            "נועה כהן",
            "Gov. Paul Hanley",
        ] {
            assert!(!is_organisation(person, "Attorney General"), "{person}");
        }
    }

    #[test]
    fn one_speaker_whatever_the_title_case_or_spacing() {
        assert!(same_speaker("Sen. Jeff Sessions", "Jeff Sessions"));
        assert!(same_speaker(" jeff  SESSIONS", "Mr Jeff Sessions"));
        assert!(!same_speaker("Jeff Sessions", "Jeff Session"));
        assert!(
            !same_speaker("Jeff Sessions", "Sessions"),
            "a surname alone is not a match"
        );
    }

    #[test]
    fn annotators_match_by_case_and_spaces_only() {
        assert!(same_annotator("Ana  Ruiz ", "ana ruiz"));
        assert!(!same_annotator("Dr Ana Ruiz", "Ana Ruiz"));
    }

    #[test]
    fn titles_case_and_spaces_do_not_matter() {
        for name in [
            "Jeff Sessions",
            "  jeff   SESSIONS ",
            "Sen. Jeff Sessions",
            "Mr Jeff Sessions",
        ] {
            assert_eq!(person_key(name), "jeff sessions", "{name}");
        }
        assert_eq!(person_key("President Dr. Ana Ruiz"), "ana ruiz");
        assert_eq!(person_key("נועה  כהן"), "נועה כהן");
        // A name that is only a title stays what it is.
        assert_eq!(person_key("The Mayor"), "the mayor");
        assert_eq!(person_key("Mayor"), "mayor");
    }

    #[test]
    fn surnames_come_from_names_of_several_words() {
        assert_eq!(surname("jeff sessions"), Some("sessions"));
        assert_eq!(surname("sessions"), None);
        assert_eq!(surname(""), None);
    }
}
