//! Label hints beyond the cue's verb: a sentence that insists something is not so, a sentence
//! that answers someone else's words ("accepted the findings", "when told of the council's
//! statement"), and a quotation that opens by calling a claim untrue.

use super::LabelHint;
use super::sentences::Token;

/// Nouns for what someone else said or found: a sentence about them answers it.
const ANSWERED: &[&str] = &[
    "findings",
    "statement",
    "statements",
    "claim",
    "claims",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "criticism",
    "criticisms",
    "comments",
    "remarks",
    "response",
    "suggestion",
    "suggestions",
    "charges",
    "ruling",
    "decision",
    "verdict",
    "judgment",
    "judgement",
];

/// Verbs that keep something up: with a negation after them, a denial ("insisted the union had
/// not been consulted").
const INSISTING: &[&str] = &[
    "insisted",
    "insists",
    "insisting",
    "maintained",
    "maintains",
];

fn is_negation(token: &Token) -> bool {
    token.word
        && (["not", "never", "no", "nobody", "nothing"]
            .iter()
            .any(|n| token.is(n))
            || token.text.ends_with("n't")
            || token.text.ends_with("n’t"))
}

/// The hint of a sentence of reported speech whose verb, at `verb`, hints `by_verb`.
pub(super) fn of_sentence(sentence: &[Token], verb: usize, by_verb: LabelHint) -> LabelHint {
    if by_verb != LabelHint::Claim {
        return by_verb;
    }
    let after = &sentence[verb + 1..];
    if INSISTING.iter().any(|w| sentence[verb].is(w)) && after.iter().any(is_negation) {
        return LabelHint::Denial;
    }
    // German "wies die Vorwürfe zurück": rejected.
    if (sentence[verb].is("wies") || sentence[verb].is("weist"))
        && after.iter().any(|t| t.is("zurück"))
    {
        return LabelHint::Denial;
    }
    if sentence
        .iter()
        .any(|t| t.word && ANSWERED.iter().any(|w| t.is(w)))
    {
        return LabelHint::Reaction;
    }
    by_verb
}

/// Words that open a quotation calling what was said untrue ("That is simply not true.").
const UNTRUE: &[&str] = &[
    "not true",
    "untrue",
    "false",
    "a lie",
    "nonsense",
    "not the case",
    "no truth",
    "baseless",
    "rubbish",
    "categorically",
];

/// Whether a quotation's first sentence calls what was said untrue.
pub(super) fn calls_untrue(quotation: &str) -> bool {
    let first = quotation
        .split_inclusive(['.', '!', '?'])
        .next()
        .unwrap_or(quotation)
        .to_lowercase();
    first.split_whitespace().count() <= 8 && UNTRUE.iter().any(|w| first.contains(w))
}

#[cfg(test)]
mod tests {
    use super::super::attribution::is_verb;
    use super::super::sentences::tokens;
    use super::*;

    fn hint(sentence: &str) -> LabelHint {
        let tokens = tokens(sentence, 0..sentence.len());
        let verb = tokens.iter().position(is_verb).unwrap_or_default();
        of_sentence(&tokens, verb, LabelHint::Claim)
    }

    #[test]
    fn insisting_on_a_negation_denies_and_answering_reacts() {
        assert_eq!(
            hint("Ms Flynn insisted the union had not been consulted."),
            LabelHint::Denial
        );
        assert_eq!(
            hint("Ms Flynn insisted the union was ready."),
            LabelHint::Claim
        );
        assert_eq!(
            hint("Ana Lindqvist said the government accepted the findings."),
            LabelHint::Reaction
        );
        assert_eq!(
            hint("Ana Lindqvist said the bridge would open."),
            LabelHint::Claim
        );
    }

    #[test]
    fn a_quotation_opening_with_untrue_denies() {
        assert!(calls_untrue(
            "That is simply not true. Our counts show otherwise,"
        ));
        assert!(!calls_untrue(
            "We will build it. It is not true that we must wait for a year or more before it,"
        ));
    }
}
