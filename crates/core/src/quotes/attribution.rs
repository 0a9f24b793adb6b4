//! Attribution: the cue in a quotation's sentence ("X said", "said X", "according to X"), its
//! subject, and the label the cue hints at.

use std::ops::Range;

use super::LabelHint;
use super::lexicon;
use super::people::strip_possessive;
use super::sentences::Token;

/// The label an attribution verb hints at.
fn hint_of(flags: u32) -> Option<LabelHint> {
    if flags & lexicon::CLAIM != 0 {
        Some(LabelHint::Claim)
    } else if flags & lexicon::DENIAL != 0 {
        Some(LabelHint::Denial)
    } else if flags & lexicon::REACTION != 0 {
        Some(LabelHint::Reaction)
    } else {
        None
    }
}

/// An attribution verb: in lower case, for a capitalized one is a name ("Aziz Said Rahman")
/// or opens a sentence ("Asked about the cuts, she said").
pub(super) fn is_verb(token: &Token) -> bool {
    token.word && token.has(lexicon::VERB) && !token.capitalized()
}

/// Words between a subject and its verb: "he *later* said", "she *has* denied".
fn is_auxiliary(token: &Token) -> bool {
    token.word
        && (token.has(lexicon::AUXILIARY)
            || (token.text.len() > 4
                && token.text.ends_with("ly")
                && token.text.chars().all(char::is_lowercase)))
}

/// Words a subject never runs back over.
fn is_stop(token: &Token) -> bool {
    !token.word || token.has(lexicon::STOP) || is_verb(token)
}

fn starts_subject(token: &Token) -> bool {
    let bare_plural = token.text.len() > 4
        && token.text.ends_with('s')
        && !token.text.ends_with("ss")
        && token.text.chars().all(char::is_lowercase);
    token.word
        && (token.capitalized()
            || bare_plural
            || token.text.chars().next().is_some_and(char::is_numeric)
            || token.has(lexicon::PRONOUN)
            || token.has(lexicon::DETERMINER))
}

/// A subject as found: token positions in its token list.
fn valid_subject(tokens: &[Token], range: Range<usize>) -> Option<Range<usize>> {
    const LONGEST: usize = 8;
    let mut range = range;
    // A long description ending in a name: "New York-based Hollis Webb Group Inc. analyst
    // Orla Kent" — its last words.
    if range.len() > LONGEST && tokens[range.end - 1].capitalized() {
        range.start = range.end - LONGEST;
    }
    while range.start < range.end && !starts_subject(&tokens[range.start]) {
        range.start += 1;
    }
    let words = range.len();
    if words == 0 || words > LONGEST {
        return None;
    }
    let slice = &tokens[range.clone()];
    let stops = range
        .clone()
        .any(|i| !tokens[i].word || (is_stop(&tokens[i]) && !joins_capitals(tokens, i)));
    if stops || slice.iter().all(is_date_word) {
        return None;
    }
    // A lone pronoun is a subject; other pronouns inside a phrase are not.
    if words > 1 && slice.iter().any(|t| t.has(lexicon::PRONOUN)) {
        return None;
    }
    Some(range)
}

/// Whether the token at `i` is an "and" between capitalized words, inside a name or an office:
/// "Housing and Local Government Minister".
fn joins_capitals(tokens: &[Token], i: usize) -> bool {
    tokens[i].is("and")
        && i > 0
        && tokens[i - 1].capitalized()
        && tokens.get(i + 1).is_some_and(Token::capitalized)
}

/// Days and months: "on Thursday," is never who spoke.
fn is_date_word(token: &Token) -> bool {
    token.has(lexicon::DATE) || token.text.chars().all(char::is_numeric)
}

/// Whether a subject names someone (a proper name) rather than describing them.
pub(super) fn is_proper(tokens: &[Token], range: &Range<usize>) -> bool {
    let words: Vec<&str> = tokens[range.clone()].iter().map(|t| t.text).collect();
    is_proper_name(&words)
}

/// Whether words name someone: capitalized at both ends, not opened by a determiner, a
/// pronoun or a possessive ("Pike's barrister" describes).
pub(super) fn is_proper_name(words: &[&str]) -> bool {
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    capital(first)
        && capital(last)
        && lexicon::flags(first) & (lexicon::PRONOUN | lexicon::DETERMINER) == 0
        && (words.len() == 1 || strip_possessive(first) == *first)
}

/// The run of words ending just before `end` that stops at a stop word or punctuation.
fn words_back(tokens: &[Token], end: usize) -> usize {
    let mut start = end;
    while start > 0 && !is_stop(&tokens[start - 1]) {
        start -= 1;
    }
    start
}

/// The run of words starting at `start` up to a stop word or punctuation.
fn words_forward(tokens: &[Token], start: usize) -> usize {
    let mut end = start;
    while end < tokens.len() && !is_stop(&tokens[end]) {
        end += 1;
    }
    end
}

/// Prefers a proper name over a description: "the party's leader, Jane Doe," → Jane Doe.
fn choose(
    tokens: &[Token],
    first: Option<Range<usize>>,
    second: Option<Range<usize>>,
) -> Option<Range<usize>> {
    match (first, second) {
        (Some(a), Some(b)) => {
            if !is_proper(tokens, &a) && is_proper(tokens, &b) {
                Some(b)
            } else {
                Some(a)
            }
        }
        (a, b) => a.or(b),
    }
}

/// The subject of the verb at `verb`: "Mr Abbas said", "Smith, the party's leader, said",
/// "The Foreign Secretary, Priya Malhotra, who hosted the talks, said", "he later added"; for
/// a participle after a comma ("…, telling staff"), the sentence's subject.
pub(super) fn subject_before(tokens: &[Token], verb: usize) -> Option<Range<usize>> {
    let mut end = verb;
    while end > 0
        && (is_auxiliary(&tokens[end - 1])
            || (end == verb && is_french_auxiliary(&tokens[end - 1])))
    {
        end -= 1;
    }
    // "He went on to say", "she continued to insist".
    if let Some(start) = going_on_to(tokens, end) {
        end = start;
        while end > 0 && is_auxiliary(&tokens[end - 1]) {
            end -= 1;
        }
    }
    // "a goal he said in December was": a pronoun just before its verb is the subject alone.
    if end > 0 && tokens[end - 1].word && tokens[end - 1].has(lexicon::PRONOUN) {
        return Some(end - 1..end);
    }
    // A participle after a comma or a preposition ("…, telling staff", "by accusing", "while
    // insisting"): the sentence's subject.
    if tokens[verb].text.ends_with("ing")
        && end > 0
        && (tokens[end - 1].is_punct(',')
            || ["by", "while", "after", "before", "in", "when"]
                .iter()
                .any(|w| tokens[end - 1].is(w)))
    {
        return sentence_opening_subject(tokens);
    }
    if end == 0 || !tokens[end - 1].is_punct(',') {
        let start = words_back(tokens, end);
        return valid_subject(tokens, start..end);
    }
    // Segments between commas, read back from the verb: clauses ("who hosted the talks")
    // are passed over, names and descriptions kept; a name wins over a description.
    let mut candidates: Vec<Range<usize>> = Vec::new();
    let mut segment_end = end - 1;
    loop {
        let start = words_back(tokens, segment_end);
        let opened_by_comma = start > 0 && tokens[start - 1].is_punct(',');
        if opened_by_comma || start == 0 {
            match valid_subject(tokens, start..segment_end) {
                Some(subject) if subject.start == start || start == 0 => candidates.push(subject),
                _ if candidates.is_empty() => {}
                _ => break,
            }
            if !opened_by_comma || candidates.len() == 2 {
                break;
            }
            segment_end = start - 1;
        } else if candidates.is_empty() {
            // A clause opened by a stop word: go back to the comma before it.
            match tokens[..start].iter().rposition(|t| t.is_punct(',')) {
                Some(comma) => segment_end = comma,
                None => break,
            }
        } else {
            // The leftmost segment, with words before its subject ("In London, the minister").
            candidates.extend(valid_subject(tokens, start..segment_end));
            break;
        }
    }
    let mut candidates = candidates.into_iter();
    let nearest = candidates.next();
    let farther = candidates.next();
    choose(tokens, farther, nearest)
}

/// The subject a sentence opens with, for a participle later in it: the name that opens it
/// ("Council President Francis Acosta closed the meeting by repeating…"), else its first run of
/// words ("The minister left, saying…").
fn sentence_opening_subject(tokens: &[Token]) -> Option<Range<usize>> {
    let first = tokens.iter().position(|t| t.word)?;
    let name_end = tokens[first..]
        .iter()
        .position(|t| !(t.capitalized() || t.is_punct('.') || (t.word && t.has(lexicon::PARTICLE))))
        .map_or(tokens.len(), |i| first + i);
    let name_end = (first..name_end)
        .rev()
        .find(|&i| tokens[i].word)
        .map_or(first, |i| i + 1);
    if name_end > first && !tokens[first].has(lexicon::DETERMINER | lexicon::FUNCTION) {
        return valid_subject(tokens, first..name_end).or_else(|| subject_after(tokens, first));
    }
    subject_after(tokens, first)
}

/// Where "went on to", "goes on to" or "continued to" starts, when it ends just before `end`.
fn going_on_to(tokens: &[Token], end: usize) -> Option<usize> {
    let to = end.checked_sub(1).filter(|&i| tokens[i].is("to"))?;
    let before = to.checked_sub(1)?;
    if ["continued", "continues", "continue"]
        .iter()
        .any(|w| tokens[before].is(w))
    {
        return Some(before);
    }
    let verb = before.checked_sub(1)?;
    (tokens[before].is("on")
        && ["went", "goes", "go", "gone"]
            .iter()
            .any(|w| tokens[verb].is(w)))
    .then_some(verb)
}

/// The subject after an inverted verb or "according to": "said Mr Abbas", "said a spokesman
/// for the ministry, Jane Doe".
pub(super) fn subject_after(tokens: &[Token], start: usize) -> Option<Range<usize>> {
    let mut end = words_forward(tokens, start);
    // "the Housing and Local Government Minister": an "and" inside a capitalized office.
    while end > start && end < tokens.len() && joins_capitals(tokens, end) {
        end = words_forward(tokens, end + 1);
    }
    let first = valid_subject(tokens, start..end);
    // "said Tuesday at the Riverside Hall, Orla Brennan, the branch secretary…": past a date
    // and a place, the name after the comma.
    let end = if first.is_none() {
        tokens[end..]
            .iter()
            .position(|t| t.is_punct(',') || t.is_punct('.'))
            .map_or(end, |i| end + i)
    } else {
        end
    };
    let second = if end < tokens.len() && tokens[end].is_punct(',') {
        let from = end + 1;
        let to = words_forward(tokens, from);
        let closes = tokens.get(to).is_none_or(|t| !t.word);
        valid_subject(tokens, from..to).filter(|_| closes)
    } else {
        None
    };
    choose(tokens, first, second)
}

/// The cue as written: the verb, with the one told ("told the BBC").
/// The label the verb `token` hints at: a claim unless the lexicon says otherwise.
pub(super) fn hint_at(token: &Token) -> LabelHint {
    hint_of(token.flags).unwrap_or(LabelHint::Claim)
}

fn cue_at(text: &str, tokens: &[Token], verb: usize) -> (String, LabelHint) {
    let token = tokens[verb];
    let hint = hint_at(&token);
    let mut end = token.end();
    if token.is("told") || token.is("tells") {
        let object_end = words_forward(tokens, verb + 1).min(verb + 5);
        if object_end > verb + 1 {
            end = tokens[object_end - 1].end();
        }
    }
    (text[token.at..end].to_owned(), hint)
}

#[derive(Clone, Debug)]
pub(super) struct Attribution {
    /// The subject as written.
    pub(super) subject: Range<usize>,
    pub(super) cue: Option<String>,
    pub(super) hint: LabelHint,
}

/// Who "according to" credits: the words up to the next punctuation ("according to two
/// people familiar with the matter,").
fn according_subject(tokens: &[Token], start: usize) -> Option<Range<usize>> {
    // "laut Keller sollen…": in German and French the verb follows the name.
    let foreign = start > 0 && (tokens[start - 1].is("laut") || tokens[start - 1].is("selon"));
    let end = tokens[start..]
        .iter()
        .position(|t| !t.word || (foreign && t.has(lexicon::STOP)))
        .map_or(tokens.len(), |i| start + i);
    let range = start..end;
    let first = tokens.get(start)?;
    (!range.is_empty() && range.len() <= 10 && starts_subject(first)).then_some(range)
}

/// Where "according to" (or French "selon", German "laut") is, and how many words it takes.
fn according_to(tokens: &[Token]) -> Option<(usize, usize)> {
    tokens.iter().enumerate().find_map(|(i, t)| {
        if t.is("according") && tokens.get(i + 1).is_some_and(|n| n.is("to")) {
            Some((i, 2))
        } else if t.is("selon") || t.is("laut") {
            Some((i, 1))
        } else {
            None
        }
    })
}

/// French auxiliaries before a participle: "a déclaré", "ont affirmé".
fn is_french_auxiliary(token: &Token) -> bool {
    ["a", "ont", "avait", "avaient"].iter().any(|w| token.is(w))
}

/// A French inverted attribution: ", a déclaré Sophie Marchand", ", a-t-il affirmé".
fn french_inverted(text: &str, tokens: &[Token], first: usize) -> Option<Attribution> {
    let auxiliary = &tokens[first];
    let verb = tokens.get(first + 1).filter(|t| is_verb(t))?;
    let cue = text[auxiliary.at..verb.end()].to_owned();
    let hint = hint_at(verb);
    let lower = auxiliary.text.to_lowercase();
    if let Some(pronoun) = ["a-t-", "ont-", "avait-", "avaient-"]
        .iter()
        .find_map(|head| lower.strip_prefix(head))
    {
        // The pronoun inside "a-t-il": the subject.
        let end = auxiliary.end();
        return Some(Attribution {
            subject: end - pronoun.len()..end,
            cue: Some(cue),
            hint,
        });
    }
    if !is_french_auxiliary(auxiliary) {
        return None;
    }
    let subject = subject_after(tokens, first + 2)?;
    Some(Attribution {
        subject: span_of(tokens, &subject),
        cue: Some(cue),
        hint,
    })
}

pub(super) fn span_of(tokens: &[Token], range: &Range<usize>) -> Range<usize> {
    tokens[range.start].at..tokens[range.end - 1].end()
}

/// An attribution after a quotation: `, Mr Abbas said`, `, said Mr Abbas`, `, he added`,
/// `, according to X`.
pub(super) fn attribution_after(text: &str, tokens: &[Token]) -> Option<Attribution> {
    let first = tokens.iter().position(|t| t.word)?;
    if let Some((at, width)) = according_to(tokens).filter(|(at, _)| *at <= first + 6) {
        let subject = according_subject(tokens, at + width)?;
        return Some(Attribution {
            subject: span_of(tokens, &subject),
            cue: Some(text[tokens[at].at..tokens[at + width - 1].end()].to_owned()),
            hint: LabelHint::Claim,
        });
    }
    if let Some(attribution) = french_inverted(text, tokens, first) {
        return Some(attribution);
    }
    // "…," as a radio report put it.
    if tokens[first].is("as")
        && let Some(put) = (first + 1..tokens.len().min(first + 10))
            .find(|&i| tokens[i].is("put") && tokens.get(i + 1).is_some_and(|t| t.is("it")))
        && let Some(subject) = valid_subject(tokens, first + 1..put)
    {
        return Some(Attribution {
            subject: span_of(tokens, &subject),
            cue: Some(text[tokens[put].at..tokens[put + 1].end()].to_owned()),
            hint: LabelHint::Claim,
        });
    }
    if is_verb(&tokens[first]) {
        let (cue, hint) = cue_at(text, tokens, first);
        let mut after = first + 1;
        if tokens[first].is("told") || tokens[first].is("tells") {
            return None; // "told reporters" with no subject is not an attribution after
        }
        while after < tokens.len() && is_auxiliary(&tokens[after]) {
            after += 1;
        }
        let subject = subject_after(tokens, after)?;
        return Some(Attribution {
            subject: span_of(tokens, &subject),
            cue: Some(cue),
            hint,
        });
    }
    let verb = tokens.iter().take(16).position(is_verb)?;
    let subject = subject_before(tokens, verb)?;
    let (cue, hint) = cue_at(text, tokens, verb);
    Some(Attribution {
        subject: span_of(tokens, &subject),
        cue: Some(cue),
        hint,
    })
}

/// An attribution before a quotation: `Mr Abbas said:`, `Mr Abbas said the talks were`,
/// `According to X,`, `The minister was defiant:`.
pub(super) fn attribution_before(text: &str, tokens: &[Token]) -> Option<Attribution> {
    if let Some((at, width)) = according_to(tokens)
        && let Some(subject) = according_subject(tokens, at + width)
    {
        return Some(Attribution {
            subject: span_of(tokens, &subject),
            cue: Some(text[tokens[at].at..tokens[at + width - 1].end()].to_owned()),
            hint: LabelHint::Claim,
        });
    }
    let mut verbs: Vec<usize> = (0..tokens.len()).filter(|&i| is_verb(&tokens[i])).collect();
    // "union leaders say members rejected the offer over “…”": words quoted inside someone's
    // reported claim are the claimant's.
    if let Some(say) = verbs.iter().position(|&v| {
        ["say", "says", "said"].iter().any(|w| tokens[v].is(w))
            && subject_before(tokens, v).is_some()
    }) {
        verbs.truncate(say + 1);
    }
    if let Some(&last) = verbs.last() {
        let (cue, hint) = cue_at(text, tokens, last);
        for &verb in verbs.iter().rev() {
            // The passive: "were described by the World Health Organization as".
            let agent = tokens
                .get(verb + 1)
                .filter(|t| t.is("by"))
                .and_then(|_| subject_after(tokens, verb + 2));
            if let Some(subject) = agent.or_else(|| subject_before(tokens, verb)) {
                return Some(Attribution {
                    subject: span_of(tokens, &subject),
                    cue: Some(cue),
                    hint,
                });
            }
        }
        return None;
    }
    // "The minister was defiant: "…"": the sentence's subject, with no cue.
    if tokens.last().is_some_and(|t| t.is_punct(':')) {
        let end = words_forward(tokens, 0);
        // Its verb follows: "Often, it will include a line like this:" has no subject here.
        if !tokens.get(end).is_some_and(|t| t.word) {
            return None;
        }
        let subject = valid_subject(tokens, 0..end)?;
        return Some(Attribution {
            subject: span_of(tokens, &subject),
            cue: None,
            hint: LabelHint::Claim,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::sentences::tokens;

    /// The subject and cue of the attribution in `text`, written after a quotation.
    fn after(text: &str) -> Option<(&str, Option<String>, LabelHint)> {
        let tokens = tokens(text, 0..text.len());
        let found = attribution_after(text, &tokens)?;
        Some((&text[found.subject.clone()], found.cue, found.hint))
    }

    #[test]
    fn the_cue_after_a_quotation_gives_its_subject_either_side_of_the_verb() {
        assert_eq!(
            after(", Mr Abbas said."),
            Some(("Mr Abbas", Some("said".to_owned()), LabelHint::Claim))
        );
        assert_eq!(
            after(", said the minister."),
            Some(("the minister", Some("said".to_owned()), LabelHint::Claim))
        );
        assert_eq!(after(", the rain fell."), None);
    }

    #[test]
    fn french_and_german_attributions_are_read() {
        assert_eq!(
            after(", a déclaré Sophie Marchand, secrétaire générale."),
            Some((
                "Sophie Marchand",
                Some("a déclaré".to_owned()),
                LabelHint::Claim
            ))
        );
        assert_eq!(
            after(", a-t-il affirmé."),
            Some(("il", Some("a-t-il affirmé".to_owned()), LabelHint::Claim))
        );
        assert_eq!(
            after(", sagte er."),
            Some(("er", Some("sagte".to_owned()), LabelHint::Claim))
        );
        let text = "Laut Keller sollen ";
        let tokens = tokens(text, 0..text.len());
        let found = attribution_before(text, &tokens).map(|a| &text[a.subject]);
        assert_eq!(found, Some("Keller"));
    }

    /// The subject and cue of the attribution in `text`, written before a quotation.
    fn before(text: &str) -> Option<(&str, Option<String>)> {
        let tokens = tokens(text, 0..text.len());
        let found = attribution_before(text, &tokens)?;
        Some((&text[found.subject.clone()], found.cue))
    }

    #[test]
    fn subjects_of_going_on_participles_passives_and_pronouns() {
        assert_eq!(before("He went on to say that").map(|(s, _)| s), Some("He"));
        assert_eq!(
            before("Ana Ruiz closed the meeting by repeating that").map(|(s, _)| s),
            Some("Ana Ruiz")
        );
        assert_eq!(
            before("The plan was described by the Consumers Council as").map(|(s, _)| s),
            Some("the Consumers Council")
        );
        assert_eq!(
            before("a goal he said in December was").map(|(s, _)| s),
            Some("he")
        );
        // "Said" inside a name is no verb.
        assert_eq!(
            after(", says Dr Aziz Said Rahman.").map(|(s, _, _)| s),
            Some("Dr Aziz Said Rahman")
        );
        assert_eq!(
            after(", New York-based Hollis Webb Group Inc. analyst Orla Kent wrote.")
                .map(|(s, _, _)| s),
            Some("York-based Hollis Webb Group Inc. analyst Orla Kent")
        );
    }

    #[test]
    fn a_denying_verb_hints_a_denial() {
        let (_, _, hint) = after(", the ministry denied.").unwrap();
        assert_eq!(hint, LabelHint::Denial);
    }
}
