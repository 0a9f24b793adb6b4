//! Quote suggestions measured against articles written for Marginalia in several newspaper
//! styles (`tests/quotes/`), each quotation marked by hand with its speaker by the rule in the
//! README: `⟦words⟧{Speaker}`. Precision, recall and F1 of spans (exact, and overlapping by at
//! least half of the longer span) and the share of found quotations whose speaker is right.

use std::path::Path;

use marginalia_core::quotes::suggest;
use marginalia_fixtures::quote_scores::{MarkedQuote, parse_marked_quotes, score_folder};

/// The article text without marks, and the quotations marked in it (offsets in code points).
fn parse(marked: &str) -> (String, Vec<MarkedQuote>) {
    parse_marked_quotes(marked).unwrap_or_else(|| panic!("the marks do not balance: {marked}"))
}

/// Scores one folder, prints the figures and checks them against the targets.
fn check(folder: &str) {
    let scores = score_folder(&Path::new(env!("CARGO_MANIFEST_DIR")).join(folder))
        .unwrap_or_else(|e| panic!("{e}"));
    let report = scores.report(folder);
    println!("{report}");
    let (_, _, f_exact) = scores.exact_spans();
    let (_, _, f_overlap) = scores.overlapping_spans();
    let speaker = scores.speaker_accuracy();
    assert!(f_exact >= 0.85, "exact-span F1 {f_exact:.3}\n{report}");
    assert!(f_overlap >= 0.90, "overlap F1 {f_overlap:.3}\n{report}");
    assert!(speaker >= 0.86, "speaker accuracy {speaker:.3}\n{report}");
}

/// The articles the rules were developed on.
#[test]
fn suggestions_find_the_quotations_and_their_speakers() {
    check("tests/quotes");
}

/// Articles written once the rules were first settled; their misses then changed the rules.
#[test]
fn suggestions_hold_on_a_second_set() {
    check("tests/quotes/second");
}

/// Articles written after the rules were settled, and never used to change them.
#[test]
fn suggestions_hold_on_articles_never_tuned_on() {
    check("tests/quotes/unseen");
}

/// Articles written for the kinds of quotation news style has beyond a quotation and its cue in
/// one sentence (paragraphs that continue a quotation, quotations with no cue, speakers given
/// by their office, bodies by a short name, quoted fragments in a list), each labelled too.
#[test]
fn suggestions_find_every_kind() {
    check("tests/quotes/kinds");
}

/// Articles written after the rules for every kind; their misses then changed the rules.
#[test]
fn suggestions_hold_on_a_third_set() {
    check("tests/quotes/third");
}

/// Articles written after the rules were measured on published news (offices "of" something,
/// first names, "the outlet", quoted phrases in a sentence about someone, a quotation
/// interrupted before its cue, a paragraph left unmarked inside a running quotation, passives,
/// "went on to say", "says X" after the words).
#[test]
fn suggestions_hold_on_wire_and_regional_copy() {
    check("tests/quotes/wire");
}

#[test]
fn marks_in_the_test_articles_read_back() {
    let (text, expected) = parse("H\n“⟦We won,⟧{Ana Ruiz}” she said.");
    assert_eq!(text, "H\n“We won,” she said.");
    assert_eq!((expected[0].start, expected[0].end), (3, 10));
    assert_eq!(expected[0].speaker, "Ana Ruiz");
    assert_eq!(expected[0].label, None);
    let (_, labelled) = parse("H\n“⟦No,⟧{Ana Ruiz|denial}” she said.");
    assert_eq!(labelled[0].label.as_deref(), Some("denial"));
}

/// Every suggestion of a sample corpus article: its speaker and the label its cue hints at.
fn speakers_and_hints(name: &str) -> Vec<(String, &'static str)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_docs/corpus")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    suggest(&text)
        .into_iter()
        .map(|s| (s.speaker.unwrap_or_default(), s.label.id()))
        .collect()
}

#[test]
fn the_sample_corpus_comes_out_right() {
    let owned = |list: &[(&str, &'static str)]| -> Vec<(String, &'static str)> {
        list.iter().map(|(s, l)| ((*s).to_owned(), *l)).collect()
    };
    // "The team's owner, Carl Jensen, welcomed…": "he said" is Jensen, a reaction; "the
    // governor" is the Gov. Paul Hanley the article names, who "rejected suggestions": a denial.
    assert_eq!(
        speakers_and_hints("stadium-deal.txt"),
        owned(&[
            ("Paul Hanley", "claim"),
            ("Rosa Delgado", "denial"),
            ("Rosa Delgado", "denial"),
            ("Carl Jensen", "reaction"),
            ("Paul Hanley", "denial"),
        ])
    );
    assert_eq!(
        speakers_and_hints("water-rates-ledger.txt"),
        owned(&[
            ("Lena Ortiz", "claim"),
            ("Tom Becker", "denial"),
            ("Lena Ortiz", "denial"),
            ("Maria Lopez", "claim"),
        ])
    );
}
