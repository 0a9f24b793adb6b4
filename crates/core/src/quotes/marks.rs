//! Quotation marks: which marks open and close each other, and the quotations of a paragraph
//! paired from them (a quotation that runs on into the next paragraph included).

use std::ops::Range;

use super::sentences::sentence_end;

/// Pairs of marks that open and close each other; straight marks count as their curly kin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `"…"`, `“…”`.
    Double,
    /// `'…'`, `‘…’`.
    Single,
    /// `«…»`.
    Guillemet,
    /// `»…«`.
    GuillemetReversed,
    /// `‹…›`.
    GuillemetSingle,
    /// `„…“`.
    Low,
    /// `‚…‘`.
    LowSingle,
    /// `「…」`.
    Corner,
    /// `『…』`.
    WhiteCorner,
}

/// Which family a paragraph's opening mark belongs to, for quotations that run on.
pub(super) fn opening_family(c: char) -> Option<u8> {
    match c {
        '"' | '“' | '„' | '”' => Some(0),
        '\'' | '‘' | '‚' => Some(1),
        '«' | '»' | '‹' => Some(2),
        '「' | '『' => Some(3),
        _ => None,
    }
}

/// The family of the quotation a paragraph goes on with though nothing opens it there: its
/// first quotation mark closes ("…floods," he said.) rather than opens. Apostrophes are passed
/// over.
pub(super) fn unmarked_continuation(text: &str, paragraph: &Range<usize>) -> Option<u8> {
    let slice = &text[paragraph.clone()];
    if slice.trim_start().starts_with(is_mark) {
        return None;
    }
    let mut prev: Option<char> = None;
    for (i, c) in slice.char_indices() {
        if is_double_mark(c) {
            let next = slice[i + c.len_utf8()..].chars().next();
            let closes = match c {
                '”' | '»' => true,
                '"' => {
                    prev.is_some_and(|p| !p.is_whitespace())
                        && next.is_none_or(|n| !n.is_alphanumeric())
                }
                _ => false,
            };
            return closes.then(|| opening_family(c)).flatten();
        }
        prev = Some(c);
    }
    None
}

/// The family of a quotation that goes on through `paragraph`, which has no double marks, into
/// `after`, which opens with one: "“We were not told…" / "Nobody called us…" / "“We will
/// fight it…".
pub(super) fn bridging(text: &str, paragraph: &Range<usize>, after: &Range<usize>) -> Option<u8> {
    if text[paragraph.clone()].contains(is_double_mark) {
        return None;
    }
    let opens = text[after.clone()].trim_start().chars().next()?;
    opening_family(opens).filter(|family| *family != 1 && is_double_mark(opens))
}

/// A quotation mark that is not a single one (an apostrophe may be a single mark or not).
fn is_double_mark(c: char) -> bool {
    is_mark(c) && !matches!(c, '\'' | '’' | '‘' | '‚' | '‹' | '›')
}

/// The kind that opens a quotation of `family` when no mark is seen (a paragraph that goes on
/// with one).
fn kind_of(family: u8) -> Kind {
    match family {
        1 => Kind::Single,
        2 => Kind::Guillemet,
        3 => Kind::Corner,
        _ => Kind::Double,
    }
}

fn family(kind: Kind) -> u8 {
    match kind {
        Kind::Double | Kind::Low => 0,
        Kind::Single | Kind::LowSingle => 1,
        Kind::Guillemet | Kind::GuillemetReversed | Kind::GuillemetSingle => 2,
        Kind::Corner | Kind::WhiteCorner => 3,
    }
}

enum Mark {
    Open(Kind),
    Close(Kind),
}

struct Open {
    pub(super) kind: Kind,
    /// Byte just after the opening mark.
    pub(super) inner: usize,
}

/// A quotation found by its marks, before attribution.
#[derive(Clone, Debug)]
pub(super) struct Raw {
    /// Paragraph index.
    pub(super) paragraph: usize,
    /// Byte of the opening mark.
    pub(super) open: usize,
    /// The words, trimmed of white space: bytes.
    pub(super) inner: Range<usize>,
    /// Byte just after the closing mark (or the end of the words when none).
    pub(super) after: usize,
    /// Punctuation just inside the closing mark (`,` `.` `!` `?`), if any.
    pub(super) last_char: Option<char>,
    /// The quotation runs on into the next paragraph (the newspaper style of rule 5).
    pub(super) runs_on: bool,
    /// Closed by its mark (not ended at a sentence or paragraph end).
    pub(super) closed: bool,
}

fn is_open_context(prev: Option<char>) -> bool {
    prev.is_none_or(|p| {
        p.is_whitespace()
            || matches!(
                p,
                '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '"' | '“' | '„' | '«' | '‘' | '‚'
            )
    })
}

fn classify(
    c: char,
    prev: Option<char>,
    next: Option<char>,
    stack: &[Open],
    rest: &str,
) -> Option<Mark> {
    let has = |kind: Kind| stack.iter().any(|open| open.kind == kind);
    let next_word = next.is_some_and(char::is_alphanumeric);
    let next_space = next.is_none_or(|n| !n.is_alphanumeric());
    let prev_word = prev.is_some_and(char::is_alphanumeric);
    match c {
        '"' => {
            if has(Kind::Double) {
                Some(Mark::Close(Kind::Double))
            } else if next.is_some_and(|n| !n.is_whitespace()) && !prev_word {
                Some(Mark::Open(Kind::Double))
            } else {
                None
            }
        }
        '“' => {
            if has(Kind::Low) {
                Some(Mark::Close(Kind::Low))
            } else {
                Some(Mark::Open(Kind::Double))
            }
        }
        '”' => {
            if has(Kind::Low) {
                Some(Mark::Close(Kind::Low))
            } else if has(Kind::Double) {
                Some(Mark::Close(Kind::Double))
            } else if is_open_context(prev) && next_word {
                Some(Mark::Open(Kind::Double))
            } else {
                None
            }
        }
        '„' => Some(Mark::Open(Kind::Low)),
        '«' => {
            if has(Kind::GuillemetReversed) {
                Some(Mark::Close(Kind::GuillemetReversed))
            } else {
                Some(Mark::Open(Kind::Guillemet))
            }
        }
        '»' => {
            if has(Kind::Guillemet) {
                Some(Mark::Close(Kind::Guillemet))
            } else if is_open_context(prev) && next_word {
                Some(Mark::Open(Kind::GuillemetReversed))
            } else {
                None
            }
        }
        '‹' => Some(Mark::Open(Kind::GuillemetSingle)),
        '›' => has(Kind::GuillemetSingle).then_some(Mark::Close(Kind::GuillemetSingle)),
        '‚' => Some(Mark::Open(Kind::LowSingle)),
        '「' => Some(Mark::Open(Kind::Corner)),
        '」' => has(Kind::Corner).then_some(Mark::Close(Kind::Corner)),
        '『' => Some(Mark::Open(Kind::WhiteCorner)),
        '』' => has(Kind::WhiteCorner).then_some(Mark::Close(Kind::WhiteCorner)),
        '‘' | '’' | '\'' => {
            if prev_word && next_word {
                return None; // an apostrophe: don't, Abbas’s
            }
            if c == '‘' && has(Kind::LowSingle) {
                return Some(Mark::Close(Kind::LowSingle));
            }
            if c != '‘'
                && has(Kind::Single)
                && prev.is_some_and(|p| !p.is_whitespace())
                && next_space
            {
                // "the players' union": a plural possessive, when a closing mark comes later.
                let plural_possessive = matches!(prev, Some('s' | 'S'))
                    && next.is_some_and(char::is_whitespace)
                    && later_single_closer(rest);
                return (!plural_possessive).then_some(Mark::Close(Kind::Single));
            }
            (c != '’' && is_open_context(prev) && next_word).then_some(Mark::Open(Kind::Single))
        }
        _ => None,
    }
}

/// Whether `rest` (the paragraph after a mark) has another mark that would close a single
/// quotation, within the next thousand characters (a quotation is rarely longer; the bound
/// keeps a paragraph full of plural possessives from taking quadratic time).
fn later_single_closer(rest: &str) -> bool {
    const LOOKAHEAD_CHARS: usize = 1_000;
    let mut prev: Option<char> = None;
    let mut chars = rest.chars().take(LOOKAHEAD_CHARS).peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if matches!(c, '’' | '\'')
            && prev.is_some_and(|p| !p.is_whitespace() && p != 's')
            && next.is_none_or(|n| !n.is_alphanumeric())
        {
            return true;
        }
        prev = Some(c);
    }
    false
}

pub(super) fn is_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '”'
            | '„'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '‚'
            | '‘'
            | '’'
            | '\''
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

/// Finds the outermost quotations of one paragraph. `next_opens`: the family of a quotation the
/// next paragraph goes on with (opened again there or not); `carried`: the family of one this
/// paragraph goes on with, unmarked at its start.
pub(super) fn scan_paragraph(
    text: &str,
    paragraph: Range<usize>,
    index: usize,
    next_opens: Option<u8>,
    carried: Option<u8>,
    out: &mut Vec<Raw>,
) {
    let mut from = paragraph.start;
    let first = out.len();
    'scan: while from < paragraph.end {
        let mut stack: Vec<Open> = Vec::new();
        if from == paragraph.start
            && let Some(family) = carried
        {
            stack.push(Open {
                kind: kind_of(family),
                inner: paragraph.start,
            });
        }
        let slice = &text[from..paragraph.end];
        let mut prev = text[..from].chars().next_back().filter(|p| *p != '\n');
        let mut chars = slice.char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            let at = from + offset;
            let mut next = chars.peek().map(|(_, n)| *n);
            // Two apostrophes stand for a double mark in some newspapers' archives:
            // ''was days away''.
            let doubled = c == '\'' && next == Some('\'');
            if doubled {
                chars.next();
                next = chars.peek().map(|(_, n)| *n);
            }
            let (c, width) = if doubled { ('"', 2) } else { (c, c.len_utf8()) };
            if is_mark(c) {
                let after = at + width;
                match classify(c, prev, next, &stack, &text[after..paragraph.end]) {
                    Some(Mark::Open(kind)) => stack.push(Open { kind, inner: after }),
                    Some(Mark::Close(kind)) => {
                        if let Some(depth) = stack.iter().rposition(|open| open.kind == kind) {
                            if depth == 0 {
                                let inner = stack[0].inner..at;
                                let mut quote = raw(text, index, inner, after, true, false);
                                if out.len() == first && carried.is_some() {
                                    // Opened in the paragraph before: nothing here opens it.
                                    quote.open = paragraph.start;
                                }
                                out.push(quote);
                            }
                            stack.truncate(depth);
                        }
                    }
                    None => {}
                }
            }
            prev = Some(c);
        }
        let Some(outer) = stack.first() else {
            return;
        };
        if next_opens == Some(family(outer.kind)) {
            let mut quote = raw(
                text,
                index,
                outer.inner..paragraph.end,
                paragraph.end,
                false,
                true,
            );
            // Carried in from the paragraph before: it opens where this one does.
            quote.open = quote.open.max(paragraph.start);
            out.push(quote);
            return;
        }
        // Rule 6: a quotation never closed ends at the end of its sentence. A stray mark (an
        // apostrophe read as an opening) is dropped when other marks follow it.
        let end = sentence_end(text, outer.inner..paragraph.end).unwrap_or(paragraph.end);
        if text[outer.inner..end].chars().any(is_mark) {
            from = outer.inner;
            continue 'scan;
        }
        out.push(raw(text, index, outer.inner..end, end, false, false));
        from = end;
    }
}

pub(super) fn raw(
    text: &str,
    paragraph: usize,
    inner: Range<usize>,
    after: usize,
    closed: bool,
    runs_on: bool,
) -> Raw {
    let words = &text[inner.clone()];
    let start = inner.start + (words.len() - words.trim_start().len());
    let end = inner.start + words.trim_end().len();
    let end = end.max(start);
    let open = text[..inner.start]
        .char_indices()
        .next_back()
        .map_or(inner.start, |(i, _)| i);
    Raw {
        paragraph,
        open,
        last_char: text[start..end].chars().next_back(),
        inner: start..end,
        after,
        runs_on,
        closed,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_paragraph_may_go_on_with_a_quotation_unmarked() {
        let text = "H\n\"We waited.\nChildren could not reach school,\" she said.\nShe left.";
        let second = 14..text[14..].find('\n').map_or(text.len(), |i| 14 + i);
        assert_eq!(unmarked_continuation(text, &second), Some(0));
        let third = text.rfind('\n').map_or(0, |i| i + 1)..text.len();
        assert_eq!(unmarked_continuation(text, &third), None);
        let it_s = "It’s late,” he said.";
        assert_eq!(unmarked_continuation(it_s, &(0..it_s.len())), Some(0));
    }

    use super::*;
    use crate::quotes::sentences::{first_char, paragraphs};

    /// The quotations the marks of `text` pair, paragraph by paragraph: their words, and
    /// whether each runs on into the next paragraph.
    fn paired(text: &str) -> Vec<(&str, bool)> {
        let paragraphs = paragraphs(text);
        let mut raw = Vec::new();
        for (index, paragraph) in paragraphs.iter().enumerate() {
            let next_opens = paragraphs
                .get(index + 1)
                .and_then(|next| first_char(text, next))
                .and_then(opening_family);
            scan_paragraph(text, paragraph.clone(), index, next_opens, None, &mut raw);
        }
        raw.iter()
            .map(|r| (&text[r.inner.clone()], r.runs_on))
            .collect()
    }

    #[test]
    fn curly_straight_and_angled_marks_pair_and_an_apostrophe_opens_nothing() {
        assert_eq!(paragraphs("Headline\n").len(), 1, "one line, one paragraph");
        assert_eq!(
            paired("“We won’t,” she said. \"No,\" he said. «Jamais», dit-il."),
            [("We won’t,", false), ("No,", false), ("Jamais", false)]
        );
        assert_eq!(paired("The mayor’s plan isn’t new."), []);
    }

    #[test]
    fn a_quotation_left_open_runs_on_when_the_next_paragraph_opens_with_a_mark() {
        let text = "“The first part of it.\n“And the rest,” she said.";
        assert_eq!(
            paired(text),
            [("The first part of it.", true), ("And the rest,", false)]
        );
    }
}
