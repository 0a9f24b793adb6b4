//! Paragraphs, sentences and words: where a quotation's sentence starts and ends, and its
//! words with what the lexicon knows of each.

use std::ops::Range;

use super::lexicon;
use super::marks::is_mark;

pub(super) fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.len();
        if !line.trim().is_empty() {
            out.push(start..end);
        }
        start = end + 1;
    }
    out
}

pub(super) fn first_char(text: &str, range: &Range<usize>) -> Option<char> {
    text[range.clone()].trim_start().chars().next()
}

/// Whether the full stop after `word` ends no sentence: an abbreviation or an initial.
fn is_abbreviation(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    let mut chars = bare.chars();
    let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    initial || lexicon::flags(bare) & lexicon::ABBREVIATION != 0
}

/// The byte just after the first sentence end in `range`: `.`, `!` or `?` followed by white
/// space or the end, not the full stop of an abbreviation.
pub(super) fn sentence_end(text: &str, range: Range<usize>) -> Option<usize> {
    let slice = &text[range.clone()];
    let mut chars = slice.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let next = chars.peek().map(|(_, n)| *n);
        if !next.is_none_or(char::is_whitespace) {
            continue;
        }
        if c == '.' {
            let word_start = slice[..offset]
                .char_indices()
                .rfind(|&(_, ch)| ch.is_whitespace() || is_mark(ch) || ch == '(')
                .map_or(0, |(i, ch)| i + ch.len_utf8());
            if is_abbreviation(&slice[word_start..offset]) {
                continue;
            }
        }
        return Some(range.start + offset + c.len_utf8());
    }
    None
}

/// The start of the sentence that `at` is in, not before `from`.
pub(super) fn sentence_start(text: &str, from: usize, at: usize) -> usize {
    let mut start = from;
    while let Some(end) = sentence_end(text, start..at) {
        if end >= at {
            break;
        }
        start = end;
    }
    start
}

/// The start of the sentence that `at` is in, not before `from` nor more than a thousand bytes
/// before `at`: for each quotation of a long paragraph, without reading it from its start each
/// time.
pub(super) fn sentence_start_near(text: &str, from: usize, at: usize) -> usize {
    const LONGEST: usize = 1_000;
    let near = text.floor_char_boundary(at.saturating_sub(LONGEST));
    sentence_start(text, from.max(near), at)
}

/// The sentences of a paragraph (or any range), as byte ranges.
pub(super) fn sentences_of(text: &str, range: &Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    while start < range.end {
        let end = sentence_end(text, start..range.end).unwrap_or(range.end);
        out.push(start..end);
        start = end;
    }
    out
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Token<'a> {
    pub(super) text: &'a str,
    pub(super) at: usize,
    pub(super) word: bool,
    /// The kinds of [`lexicon`] the word belongs to.
    pub(super) flags: u32,
}

impl Token<'_> {
    pub(super) fn is(&self, word: &str) -> bool {
        self.word && self.text.eq_ignore_ascii_case(word)
    }

    pub(super) fn has(&self, kind: u32) -> bool {
        self.flags & kind != 0
    }

    pub(super) fn is_punct(&self, c: char) -> bool {
        !self.word && self.text.starts_with(c)
    }

    pub(super) fn end(&self) -> usize {
        self.at + self.text.len()
    }

    pub(super) fn capitalized(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Whether a word puts the words after it in a phrase before a sentence's subject, not in the
/// subject: a stop word other than "and" ("Following a meeting with Eastfield Council, she
/// said").
pub(super) fn opens_phrase(token: &Token) -> bool {
    token.word && token.has(lexicon::STOP) && !token.is("and")
}

/// A letter or digit, ASCII first.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric())
}

pub(super) fn tokens(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    scan_tokens(text, range, lexicon::flags)
}

/// The words and punctuation of `range`, each word's kinds from `flags_of`.
pub(super) fn scan_tokens(
    text: &str,
    range: Range<usize>,
    flags_of: impl Fn(&str) -> u32,
) -> Vec<Token<'_>> {
    let slice = &text[range.clone()];
    let mut out = Vec::new();
    let mut chars = slice.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if is_word_char(c) {
            let mut end = offset + c.len_utf8();
            while let Some(&(i, n)) = chars.peek() {
                let joins = matches!(n, '\'' | '’' | '-' | '.' | '%')
                    && slice[i + n.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_word_char);
                if is_word_char(n) || n == '%' || joins {
                    end = i + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            // "Sen." and "Mr.": the stop belongs to the word.
            if let Some(&(i, '.')) = chars.peek()
                && is_abbreviation(&slice[offset..end])
            {
                end = i + 1;
                chars.next();
            }
            let word = &slice[offset..end];
            out.push(Token {
                text: word,
                at: range.start + offset,
                word: true,
                flags: flags_of(word),
            });
        } else {
            out.push(Token {
                text: &slice[offset..offset + c.len_utf8()],
                at: range.start + offset,
                word: false,
                flags: 0,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_ends_at_its_stop_not_at_an_abbreviation() {
        let text = "Mr. Abbas said so. Then he left.";
        let end = sentence_end(text, 0..text.len()).unwrap();
        assert_eq!(&text[..end], "Mr. Abbas said so.");
        let start = sentence_start(text, 0, text.len() - 3);
        assert_eq!(text[start..].trim_start(), "Then he left.");
    }

    #[test]
    fn words_carry_what_the_lexicon_knows_of_them() {
        let text = "Mr Abbas said";
        let tokens = tokens(text, 0..text.len());
        let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        assert_eq!(words, ["Mr", "Abbas", "said"]);
        assert!(tokens[2].has(lexicon::VERB));
        assert!(tokens[1].capitalized());
    }
}
