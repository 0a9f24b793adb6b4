//! Suggested quotations: the direct quotations of a news article and who said them, by the rule
//! in the README's "Quote suggestions" section. Offline and deterministic: quotation marks are
//! paired per paragraph, each quotation's sentence is read for an attribution ("X said",
//! "said X", "according to X", "X, the party's leader, told the BBC"), pronouns go to the most
//! recent speaker who fits, and a surname goes to the fullest name the article gives.

use std::ops::Range;

use std::collections::HashMap;

mod lexicon;

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
    for (index, paragraph) in paragraphs.iter().enumerate().skip(1) {
        let next_opens = paragraphs
            .get(index + 1)
            .and_then(|next| first_char(text, next))
            .and_then(opening_family);
        scan_paragraph(text, paragraph.clone(), index, next_opens, &mut raw);
    }
    let names = NameIndex::new(text);
    let attributed = attribute(text, &paragraphs, &raw, &names);
    to_suggestions(text, &raw, attributed)
}

// ---------------------------------------------------------------------------------------------
// Quotation marks

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
fn opening_family(c: char) -> Option<u8> {
    match c {
        '"' | '“' | '„' | '”' => Some(0),
        '\'' | '‘' | '‚' => Some(1),
        '«' | '»' | '‹' => Some(2),
        '「' | '『' => Some(3),
        _ => None,
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
    kind: Kind,
    /// Byte just after the opening mark.
    inner: usize,
}

/// A quotation found by its marks, before attribution.
#[derive(Clone, Debug)]
struct Raw {
    /// Paragraph index.
    paragraph: usize,
    /// Byte of the opening mark.
    open: usize,
    /// The words, trimmed of white space: bytes.
    inner: Range<usize>,
    /// Byte just after the closing mark (or the end of the words when none).
    after: usize,
    /// Punctuation just inside the closing mark (`,` `.` `!` `?`), if any.
    last_char: Option<char>,
    /// The quotation runs on into the next paragraph (the newspaper style of rule 5).
    runs_on: bool,
    /// Closed by its mark (not ended at a sentence or paragraph end).
    closed: bool,
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

fn is_mark(c: char) -> bool {
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

/// Finds the outermost quotations of one paragraph.
fn scan_paragraph(
    text: &str,
    paragraph: Range<usize>,
    index: usize,
    next_opens: Option<u8>,
    out: &mut Vec<Raw>,
) {
    let mut from = paragraph.start;
    'scan: while from < paragraph.end {
        let mut stack: Vec<Open> = Vec::new();
        let slice = &text[from..paragraph.end];
        let mut prev = text[..from].chars().next_back().filter(|p| *p != '\n');
        let mut chars = slice.char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            let at = from + offset;
            let next = chars.peek().map(|(_, n)| *n);
            if is_mark(c) {
                let after = at + c.len_utf8();
                match classify(c, prev, next, &stack, &text[after..paragraph.end]) {
                    Some(Mark::Open(kind)) => stack.push(Open { kind, inner: after }),
                    Some(Mark::Close(kind)) => {
                        if let Some(depth) = stack.iter().rposition(|open| open.kind == kind) {
                            if depth == 0 {
                                let inner = stack[0].inner..at;
                                out.push(raw(text, index, inner, after, true, false));
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
            out.push(raw(
                text,
                index,
                outer.inner..paragraph.end,
                paragraph.end,
                false,
                true,
            ));
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

fn raw(
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

// ---------------------------------------------------------------------------------------------
// Paragraphs, sentences and words

fn paragraphs(text: &str) -> Vec<Range<usize>> {
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

fn first_char(text: &str, range: &Range<usize>) -> Option<char> {
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
fn sentence_end(text: &str, range: Range<usize>) -> Option<usize> {
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
fn sentence_start(text: &str, from: usize, at: usize) -> usize {
    let mut start = from;
    while let Some(end) = sentence_end(text, start..at) {
        if end >= at {
            break;
        }
        start = end;
    }
    start
}

#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    text: &'a str,
    at: usize,
    word: bool,
    /// The kinds of [`lexicon`] the word belongs to.
    flags: u32,
}

impl Token<'_> {
    fn is(&self, word: &str) -> bool {
        self.word && self.text.eq_ignore_ascii_case(word)
    }

    fn has(&self, kind: u32) -> bool {
        self.flags & kind != 0
    }

    fn is_punct(&self, c: char) -> bool {
        !self.word && self.text.starts_with(c)
    }

    fn end(&self) -> usize {
        self.at + self.text.len()
    }

    fn capitalized(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// A letter or digit, ASCII first.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric())
}

fn tokens(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    scan_tokens(text, range, lexicon::flags)
}

/// The words and punctuation of `range`, each word's kinds from `flags_of`.
fn scan_tokens(text: &str, range: Range<usize>, flags_of: impl Fn(&str) -> u32) -> Vec<Token<'_>> {
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

// ---------------------------------------------------------------------------------------------
// Attribution

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

fn is_verb(token: &Token) -> bool {
    token.word && token.has(lexicon::VERB)
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
    !token.word || token.has(lexicon::VERB | lexicon::STOP)
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
    let mut range = range;
    while range.start < range.end && !starts_subject(&tokens[range.start]) {
        range.start += 1;
    }
    let words = range.len();
    if words == 0 || words > 8 {
        return None;
    }
    let slice = &tokens[range.clone()];
    if slice.iter().any(|t| !t.word || is_stop(t)) || slice.iter().all(is_date_word) {
        return None;
    }
    // A lone pronoun is a subject; other pronouns inside a phrase are not.
    if words > 1 && slice.iter().any(|t| t.has(lexicon::PRONOUN)) {
        return None;
    }
    Some(range)
}

/// Days and months: "on Thursday," is never who spoke.
fn is_date_word(token: &Token) -> bool {
    token.has(lexicon::DATE) || token.text.chars().all(char::is_numeric)
}

/// Whether a subject names someone (a proper name) rather than describing them.
fn is_proper(tokens: &[Token], range: &Range<usize>) -> bool {
    let words: Vec<&str> = tokens[range.clone()].iter().map(|t| t.text).collect();
    is_proper_name(&words)
}

/// Whether words name someone: capitalized at both ends, not opened by a determiner, a
/// pronoun or a possessive ("Pike's barrister" describes).
fn is_proper_name(words: &[&str]) -> bool {
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
fn subject_before(tokens: &[Token], verb: usize) -> Option<Range<usize>> {
    let mut end = verb;
    while end > 0 && is_auxiliary(&tokens[end - 1]) {
        end -= 1;
    }
    if end == 0 || !tokens[end - 1].is_punct(',') {
        let start = words_back(tokens, end);
        return valid_subject(tokens, start..end);
    }
    if tokens[verb].text.ends_with("ing") {
        let first = tokens.iter().position(|t| t.word)?;
        return subject_after(tokens, first);
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

/// The subject after an inverted verb or "according to": "said Mr Abbas", "said a spokesman
/// for the ministry, Jane Doe".
fn subject_after(tokens: &[Token], start: usize) -> Option<Range<usize>> {
    let end = words_forward(tokens, start);
    let first = valid_subject(tokens, start..end);
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
fn cue_at(text: &str, tokens: &[Token], verb: usize) -> (String, LabelHint) {
    let token = tokens[verb];
    let hint = hint_of(token.flags).unwrap_or(LabelHint::Claim);
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
struct Attribution {
    /// The subject as written.
    subject: Range<usize>,
    cue: Option<String>,
    hint: LabelHint,
}

/// Who "according to" credits: the words up to the next punctuation ("according to two
/// people familiar with the matter,").
fn according_subject(tokens: &[Token], start: usize) -> Option<Range<usize>> {
    let end = tokens[start..]
        .iter()
        .position(|t| !t.word)
        .map_or(tokens.len(), |i| start + i);
    let range = start..end;
    let first = tokens.get(start)?;
    (!range.is_empty() && range.len() <= 10 && starts_subject(first)).then_some(range)
}

fn according_to(tokens: &[Token]) -> Option<usize> {
    tokens
        .windows(2)
        .position(|pair| pair[0].is("according") && pair[1].is("to"))
}

fn span_of(tokens: &[Token], range: &Range<usize>) -> Range<usize> {
    tokens[range.start].at..tokens[range.end - 1].end()
}

/// An attribution after a quotation: `, Mr Abbas said`, `, said Mr Abbas`, `, he added`,
/// `, according to X`.
fn attribution_after(text: &str, tokens: &[Token]) -> Option<Attribution> {
    let first = tokens.iter().position(|t| t.word)?;
    if let Some(at) = according_to(tokens).filter(|at| *at <= first + 6) {
        let subject = according_subject(tokens, at + 2)?;
        return Some(Attribution {
            subject: span_of(tokens, &subject),
            cue: Some(text[tokens[at].at..tokens[at + 1].end()].to_owned()),
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
fn attribution_before(text: &str, tokens: &[Token]) -> Option<Attribution> {
    if let Some(at) = according_to(tokens)
        && let Some(subject) = according_subject(tokens, at + 2)
    {
        return Some(Attribution {
            subject: span_of(tokens, &subject),
            cue: Some(text[tokens[at].at..tokens[at + 1].end()].to_owned()),
            hint: LabelHint::Claim,
        });
    }
    let verbs: Vec<usize> = (0..tokens.len()).filter(|&i| is_verb(&tokens[i])).collect();
    if let Some(&last) = verbs.last() {
        let (cue, hint) = cue_at(text, tokens, last);
        for &verb in verbs.iter().rev() {
            if let Some(subject) = subject_before(tokens, verb) {
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
        let subject = valid_subject(tokens, 0..end)?;
        return Some(Attribution {
            subject: span_of(tokens, &subject),
            cue: None,
            hint: LabelHint::Claim,
        });
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Speakers

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
    /// A body or several people: "officials", "the ministry".
    Plural,
}

/// `Male` or `Female` when `word` is of the kind `male` or `female` of the lexicon.
fn gender_of(word: &str, male: u32, female: u32) -> Option<Gender> {
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

fn noun_gender(word: &str) -> Option<Gender> {
    let plural = lexicon::flags(word) & lexicon::PLURAL_NOUN != 0
        || (word.len() > 3 && word.ends_with('s') && !word.ends_with("ss"));
    gender_of(word, lexicon::MALE_NOUN, lexicon::FEMALE_NOUN)
        .or_else(|| plural.then_some(Gender::Plural))
}

fn first_name_gender(word: &str) -> Option<Gender> {
    gender_of(word, lexicon::MALE_NAME, lexicon::FEMALE_NAME)
}

/// Words of an office that come before a name: "Prime Minister", "Foreign Secretary".
fn is_office_word(word: &str) -> bool {
    lexicon::flags(word) & lexicon::OFFICE != 0
}

fn is_particle(word: &str) -> bool {
    lexicon::flags(word) & lexicon::PARTICLE != 0
}

/// Someone named in the article, where.
#[derive(Clone, Debug)]
struct Mention {
    at: usize,
    paragraph: usize,
    /// The fullest name the article gives them.
    name: String,
    gender: Option<Gender>,
    /// Named with a title ("Mr Abbas"), so surely a person.
    titled: bool,
}

/// A person's name as the article gives it fullest, found by surname; their gender where a
/// title or first name tells it; and where each is mentioned.
struct NameIndex {
    /// Surname (lower case) → full name.
    full: HashMap<String, String>,
    /// Surname (lower case) → gender.
    gender: HashMap<String, Gender>,
    /// People mentioned, in the order of the text.
    mentions: Vec<Mention>,
}

/// A run of capitalized words: a name, perhaps with titles or an office before it.
struct Run<'a> {
    paragraph: usize,
    tokens: Vec<Token<'a>>,
}

impl NameIndex {
    fn new(text: &str) -> Self {
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
        for (paragraph, range) in paragraphs(text).into_iter().enumerate() {
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
                runs.push(Run {
                    paragraph,
                    tokens: tokens[start..end].to_vec(),
                });
                i = end;
            }
        }
        let mut index = Self {
            full: HashMap::new(),
            gender: HashMap::new(),
            mentions: Vec::new(),
        };
        for run in &runs {
            index.learn(text, run);
        }
        for run in &runs {
            index.mention(text, run);
        }
        index
    }

    /// The name in a run: the words after its last title, office or function word.
    fn name_of<'r, 'a>(run: &'r Run<'a>) -> (&'r [Token<'a>], bool) {
        let name_start = run
            .tokens
            .iter()
            .rposition(|t| t.has(lexicon::TITLE | lexicon::OFFICE | lexicon::FUNCTION))
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
        let gender = run
            .tokens
            .iter()
            .find_map(|t| title_gender(t.text))
            .or_else(|| {
                (name.len() >= 2)
                    .then(|| first_name_gender(first.text))
                    .flatten()
            });
        if let Some(gender) = gender {
            self.gender.entry(surname.clone()).or_insert(gender);
        }
        if name.len() >= 2 {
            let full = strip_possessive(&text[first.at..last.end()]).to_owned();
            self.full.entry(surname).or_insert(full);
        }
    }

    fn mention(&mut self, text: &str, run: &Run) {
        let (name, titled) = Self::name_of(run);
        let (Some(first), Some(last)) = (name.first(), name.last()) else {
            return;
        };
        let surname = surname_of(last.text);
        let full = self.full.get(&surname);
        if !titled && full.is_none() {
            return;
        }
        let name = full
            .cloned()
            .unwrap_or_else(|| strip_possessive(&text[run.tokens[0].at..last.end()]).to_owned());
        self.mentions.push(Mention {
            at: first.at,
            paragraph: run.paragraph,
            name,
            gender: self.gender.get(&surname).copied(),
            titled,
        });
    }
}

fn strip_possessive(name: &str) -> &str {
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
enum Named {
    Pronoun(String),
    Someone {
        name: String,
        gender: Option<Gender>,
    },
}

fn name_subject(text: &str, subject: Range<usize>, names: &NameIndex) -> Named {
    let written = &text[subject];
    let words: Vec<&str> = written.split_whitespace().collect();
    if let [word] = words.as_slice()
        && lexicon::flags(word) & lexicon::PRONOUN != 0
    {
        return Named::Pronoun(word.to_lowercase());
    }
    if !is_proper_name(&words) {
        let gender = words.iter().rev().find_map(|w| noun_gender(w));
        return Named::Someone {
            name: written.to_owned(),
            gender,
        };
    }
    // The name among the words: "Hamas official Basem Naim", "Dr Lena Hartmann of the
    // University of Konstanz", "Detective Constable Ravi Shah".
    let before_tail = words
        .iter()
        .position(|w| ["of", "at", "from", "for", "in"].contains(w))
        .unwrap_or(words.len());
    let mut runs: Vec<&[&str]> = Vec::new();
    let mut start = 0;
    for (i, word) in words[..before_tail].iter().enumerate() {
        let name_word = word.chars().next().is_some_and(char::is_uppercase)
            && lexicon::flags(word) & lexicon::TITLE == 0
            && !is_office_word(word);
        if !name_word && !is_particle(word) {
            if start < i {
                runs.push(&words[start..i]);
            }
            start = i + 1;
        }
    }
    if start < before_tail {
        runs.push(&words[start..before_tail]);
    }
    let known = |run: &&[&str]| {
        run.len() >= 2
            || run
                .last()
                .is_some_and(|w| names.full.contains_key(&surname_of(w)))
    };
    let Some(rest) = runs
        .iter()
        .rev()
        .find(|run| known(run))
        .or(runs.last())
        .copied()
    else {
        let gender = words.iter().rev().find_map(|w| noun_gender(w));
        return Named::Someone {
            name: written.to_owned(),
            gender,
        };
    };
    let title = words.iter().find_map(|w| title_gender(w));
    let surname = surname_of(rest.last().copied().unwrap_or_default());
    let gender = title
        .or_else(|| names.gender.get(&surname).copied())
        .or_else(|| rest.first().and_then(|w| first_name_gender(w)));
    let name = if rest.len() == 1 {
        names
            .full
            .get(&surname)
            .cloned()
            .unwrap_or_else(|| strip_possessive(written).to_owned())
    } else {
        rest.join(" ")
    };
    Named::Someone { name, gender }
}

/// A speaker credited so far, for pronouns and quotations known from context.
#[derive(Clone, Debug)]
struct Credited {
    name: String,
    gender: Option<Gender>,
    paragraph: usize,
}

fn fits(pronoun: &str, gender: Option<Gender>) -> bool {
    match pronoun {
        "he" => matches!(gender, Some(Gender::Male) | None),
        "she" => matches!(gender, Some(Gender::Female) | None),
        _ => matches!(gender, Some(Gender::Plural) | None),
    }
}

fn resolve(
    pronoun: &str,
    credited: &[Credited],
    names: &NameIndex,
    at: usize,
    paragraph: usize,
) -> Option<(String, Option<Gender>)> {
    let wanted = match pronoun {
        "he" => Some(Gender::Male),
        "she" => Some(Gender::Female),
        _ => Some(Gender::Plural),
    };
    let before = names.mentions.partition_point(|m| m.at < at);
    let mentions = names.mentions[..before].iter().rev();
    // Someone named earlier in the same paragraph who fits: of that gender, or a speaker
    // already.
    let spoke = |name: &str| credited.iter().any(|c| c.name == name);
    if wanted != Some(Gender::Plural)
        && let Some(m) = mentions
            .clone()
            .take_while(|m| m.paragraph == paragraph)
            .find(|m| m.gender == wanted || (m.gender.is_none() && (m.titled || spoke(&m.name))))
    {
        return Some((m.name.clone(), wanted));
    }
    // The most recent speaker of that gender; someone named of that gender; the most recent
    // speaker who may be.
    let recent = credited.iter().rev().take(40);
    if let Some(found) = recent.clone().find(|c| c.gender == wanted) {
        return Some((found.name.clone(), found.gender));
    }
    if let Some(m) = mentions.clone().take(200).find(|m| m.gender == wanted) {
        return Some((m.name.clone(), wanted));
    }
    recent
        .clone()
        .find(|c| fits(pronoun, c.gender))
        .map(|found| (found.name.clone(), wanted))
}

struct Found {
    speaker: Option<String>,
    cue: Option<String>,
    hint: LabelHint,
}

/// The attribution of the `k`th quotation of a paragraph, from its own sentence: after it for
/// a whole utterance (`"…," she said`), else before it (`She said the plan was "…"`).
fn attribution_of(
    text: &str,
    paragraph: &Range<usize>,
    quotes: &[Raw],
    k: usize,
) -> Option<Attribution> {
    let quote = &quotes[k];
    let before_from = if k == 0 {
        paragraph.start
    } else {
        quotes[k - 1].after
    };
    let after_to = quotes.get(k + 1).map_or(paragraph.end, |q| q.open);
    let left = sentence_start(text, before_from, quote.open)..quote.open;
    let right_end = sentence_end(text, quote.after..after_to).unwrap_or(after_to);
    let left_tokens = tokens(text, left);
    let right_tokens = tokens(text, quote.after..right_end);
    let comma_after = right_tokens.first().is_some_and(|t| t.is_punct(','));
    let full_utterance = matches!(quote.last_char, Some(',' | '!' | '?' | '—' | '…'))
        || (quote.closed && comma_after);
    let after = if matches!(quote.last_char, Some('.')) {
        // `"We won." Smith said.` only: a short attribution of its own.
        attribution_after(text, &right_tokens)
            .filter(|_| right_tokens.len() <= 6 && right_tokens.first().is_some_and(|t| t.word))
    } else if quote.closed || comma_after {
        attribution_after(text, &right_tokens)
    } else {
        None
    };
    let before = attribution_before(text, &left_tokens);
    if full_utterance {
        after.or(before)
    } else {
        before.or(after)
    }
}

/// Attributes every quotation, in order, keeping who was credited for pronouns and context.
fn attribute(
    text: &str,
    paragraphs: &[Range<usize>],
    raw: &[Raw],
    names: &NameIndex,
) -> Vec<Option<Found>> {
    let mut out: Vec<Option<Found>> = Vec::with_capacity(raw.len());
    let mut credited: Vec<Credited> = Vec::new();
    let mut next_quote = 0;
    for (p, paragraph) in paragraphs.iter().enumerate() {
        let first = next_quote;
        while next_quote < raw.len() && raw[next_quote].paragraph == p {
            next_quote += 1;
        }
        let quotes = &raw[first..next_quote];
        if quotes.is_empty() {
            if p > 0 {
                reported_speech(text, paragraph.clone(), p, names, &mut credited);
            }
            continue;
        }
        for (k, quote) in quotes.iter().enumerate() {
            let index = first + k;
            let Some(attribution) = attribution_of(text, paragraph, quotes, k) else {
                let leads = text[paragraph.start..quote.open].trim().is_empty();
                let found = from_context(leads, k, &out, index, p, &credited, raw);
                out.push(found);
                continue;
            };
            let speaker = match name_subject(text, attribution.subject, names) {
                Named::Pronoun(pronoun) => resolve(&pronoun, &credited, names, quote.open, p),
                Named::Someone { name, gender } => Some((name, gender)),
            };
            let speaker = speaker.map(|(name, gender)| {
                credited.push(Credited {
                    name: name.clone(),
                    gender,
                    paragraph: p,
                });
                name
            });
            let found = Some(Found {
                speaker,
                cue: attribution.cue,
                hint: attribution.hint,
            });
            out.push(found);
        }
    }
    // Rule 5: a quotation running over paragraphs has one speaker, wherever it is named.
    for i in (0..raw.len()).rev() {
        if raw[i].runs_on
            && let Some(next) = i.checked_add(1).filter(|n| *n < raw.len())
            && out[i].as_ref().is_none_or(|f| f.speaker.is_none())
            && let Some(speaker) = out[next].as_ref().and_then(|f| f.speaker.clone())
        {
            let hint = out[next].as_ref().map_or(LabelHint::Claim, |f| f.hint);
            out[i] = Some(Found {
                speaker: Some(speaker),
                cue: out[i].as_ref().and_then(|f| f.cue.clone()),
                hint,
            });
        }
    }
    out
}

/// A quotation with no attribution of its own: the second half of an interrupted quotation,
/// a paragraph that continues a quotation, or a paragraph of quotation after a speaker's.
fn from_context(
    leads: bool,
    k: usize,
    out: &[Option<Found>],
    index: usize,
    paragraph: usize,
    credited: &[Credited],
    raw: &[Raw],
) -> Option<Found> {
    if k > 0 {
        let previous = out.get(index - 1)?.as_ref()?;
        return Some(Found {
            speaker: previous.speaker.clone(),
            cue: previous.cue.clone(),
            hint: previous.hint,
        });
    }
    let continues =
        index > 0 && raw[index - 1].runs_on && raw[index - 1].paragraph + 1 == paragraph;
    if continues {
        let previous = out.get(index - 1)?.as_ref()?;
        return Some(Found {
            speaker: previous.speaker.clone(),
            cue: None,
            hint: previous.hint,
        });
    }
    let last = credited.last()?;
    (leads && last.paragraph + 1 == paragraph).then(|| Found {
        speaker: Some(last.name.clone()),
        cue: None,
        hint: LabelHint::Claim,
    })
}

/// A paragraph of reported speech ("Mr Abbas said the talks had failed."): its speaker is
/// the one a following pronoun or quotation may mean.
fn reported_speech(
    text: &str,
    paragraph: Range<usize>,
    p: usize,
    names: &NameIndex,
    credited: &mut Vec<Credited>,
) {
    let mut start = paragraph.start;
    while start < paragraph.end {
        let end = sentence_end(text, start..paragraph.end).unwrap_or(paragraph.end);
        let sentence = tokens(text, start..end);
        if let Some(verb) = sentence.iter().position(is_verb)
            && let Some(subject) = subject_before(&sentence, verb)
        {
            let subject = span_of(&sentence, &subject);
            let speaker = match name_subject(text, subject, names) {
                Named::Pronoun(pronoun) => resolve(&pronoun, credited, names, start, p),
                Named::Someone { name, gender } => Some((name, gender)),
            };
            if let Some((name, gender)) = speaker {
                credited.push(Credited {
                    name,
                    gender,
                    paragraph: p,
                });
            }
        }
        start = end;
    }
}

// ---------------------------------------------------------------------------------------------
// Filtering and offsets

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
        // One word: a scare quote, unless it is a whole utterance with its own attribution.
        let utterance = matches!(quote.last_char, Some(',' | '!' | '?' | '.'));
        return !(utterance && found.cue.is_some());
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
    word_before && word_after && words.len() <= 3
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
