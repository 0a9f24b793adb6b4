//! Lines in reading order become paragraphs: a paragraph ends where the next line's first word
//! would have fitted at the end of the line before (or, in justified text, where a line stops
//! short of the edge), where the line spacing grows, or where the next line is indented,
//! starts a list item or changes size. It runs on into the next column or page when its last
//! line is full, ends with a hyphen, or the next starts in lower case; not when the column
//! stopped a line short of where full pages end, after a sentence.
//!
//! A word hyphenated at a line end is joined again when the line break made the hyphen: a
//! soft hyphen always; a hyphen-minus when the joined word stands elsewhere in the document, or
//! when nothing in it says otherwise and the text is justified. It is kept when the document
//! marks its breaks with soft hyphens, when the hyphenated word or both halves stand elsewhere,
//! after a digit ("90-year-old"), and in ragged text with no word to tell.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use super::layout::{Block, Line, median};
use super::margins::starts_with_mark;

const SOFT_HYPHEN: char = '\u{AD}';
const HYPHEN: char = '\u{2010}';

/// The paragraphs of `blocks`, read in order, one per line.
pub(super) fn paragraphs(blocks: &[Block]) -> Vec<String> {
    let pitch = pitch(blocks);
    let body = median(blocks.iter().flat_map(|b| &b.lines).map(|l| l.size));
    // Where the text of a full page ends.
    let bottom = blocks
        .iter()
        .flat_map(|b| &b.lines)
        .filter(|l| (l.size - body).abs() <= 0.15 * body)
        .map(|l| l.baseline)
        .fold(f32::NEG_INFINITY, f32::max);
    let justified = justified_columns(blocks);
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    let mut previous: Option<(&Line, &Block)> = None;
    for block in blocks {
        for line in &block.lines {
            let new = previous.is_none_or(|(prev, prev_block)| {
                starts_paragraph(
                    prev,
                    (prev_block, justified.contains(&prev_block.column)),
                    line,
                    block,
                    pitch,
                    bottom,
                )
            });
            match paragraphs.last_mut() {
                Some(p) if !new => p.push(&line.text),
                _ => paragraphs.push(vec![&line.text]),
            }
            previous = Some((line, block));
        }
    }
    let evidence = Evidence::of(blocks.iter().flat_map(|b| &b.lines), !justified.is_empty());
    paragraphs
        .into_iter()
        .map(|lines| clean(&evidence.join(&lines)))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Columns where most lines that run on reach the right edge exactly: justified text.
fn justified_columns(blocks: &[Block]) -> HashSet<usize> {
    let mut counts: HashMap<usize, (usize, usize)> = HashMap::default();
    for block in blocks {
        let entry = counts.entry(block.column).or_default();
        for line in &block.lines {
            entry.0 += usize::from(line.x1 >= block.x1 - 1.0);
            entry.1 += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, (full, all))| all >= 4 && full * 2 >= all)
        .map(|(column, _)| column)
        .collect()
}

/// The usual distance from one baseline to the next, in font sizes.
fn pitch(blocks: &[Block]) -> f32 {
    let lines: Vec<(&Line, usize)> = blocks
        .iter()
        .flat_map(|b| b.lines.iter().map(move |l| (l, b.column)))
        .collect();
    let steps = lines.windows(2).filter_map(|pair| {
        let ((a, column), (b, next_column)) = (pair[0], pair[1]);
        let step = (b.baseline - a.baseline) / a.size;
        (column == next_column && (a.size - b.size).abs() < 0.05 * a.size && step > 0.5)
            .then_some(step)
    });
    let pitch = median(steps);
    if pitch > 0.0 { pitch } else { 1.2 }
}

fn starts_paragraph(
    prev: &Line,
    (prev_block, justified): (&Block, bool),
    line: &Line,
    block: &Block,
    pitch: f32,
    bottom: f32,
) -> bool {
    let size = prev.size.max(line.size);
    if (prev.size - line.size).abs() > 0.15 * size || is_list_item(&line.text) {
        return true;
    }
    let indented = line.x0 > block.x0 + 0.8 * line.size;
    // The line's first word would have fitted at the end of the one before: that line was
    // ended on purpose.
    let fitted = prev.x1 + 0.25 * prev.size + line.first_width < prev_block.x1 - 0.5
        // In justified text only a paragraph's last line stops short of the edge.
        || (justified && prev.x1 < prev_block.x1 - 1.0);
    if prev_block.column != block.column || line.baseline <= prev.baseline {
        // A column that stops a line or more short of where full pages end, after a
        // sentence, stopped with its paragraph.
        let room = bottom - prev.baseline >= 0.9 * pitch * size;
        let stopped = room && ends_sentence(&prev.text) && !starts_lower(&line.text);
        let runs_on = ends_with_hyphen(&prev.text) || starts_lower(&line.text) || !fitted;
        return indented || stopped || !runs_on;
    }
    line.baseline - prev.baseline > pitch * size * 1.25
        || (indented && prev.x0 <= block.x0 + 0.3 * size)
        || (fitted && !ends_with_hyphen(&prev.text))
}

fn is_list_item(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('•' | '◦' | '▪' | '‣' | '●' | '○' | '■' | '□' | '–' | '—' | '-' | '*') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        _ => false,
    }
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| ".!?:\"”’»)…".contains(c))
}

fn ends_with_hyphen(text: &str) -> bool {
    text.ends_with(['-', HYPHEN, SOFT_HYPHEN])
}

fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// What the document says of its own hyphens.
struct Evidence {
    /// Words standing on their own, in lower case.
    words: HashSet<String>,
    /// Words with a hyphen inside a line, in lower case.
    compounds: HashSet<String>,
    /// Whether line-end breaks are marked with soft hyphens while hyphen-minus is kept for
    /// real hyphens.
    marks_breaks: bool,
    /// Whether some of the text is justified, as text a typesetter hyphenates is.
    justified: bool,
}

impl Evidence {
    fn of<'a>(lines: impl Iterator<Item = &'a Line>, justified: bool) -> Self {
        let mut words = HashSet::new();
        let mut compounds = HashSet::new();
        let mut marks_breaks = false;
        let mut soft_inside = false;
        let mut after_break = false;
        for line in lines {
            let text = line.text.as_str();
            marks_breaks |= text.ends_with([SOFT_HYPHEN, HYPHEN]);
            let broken = ends_with_hyphen(text);
            let inside = text.trim_end_matches(['-', HYPHEN, SOFT_HYPHEN]);
            soft_inside |= inside.contains(HYPHEN);
            let tokens: Vec<&str> = inside
                .split(|c: char| c.is_whitespace() || ",.;:!?\"“”()".contains(c))
                .filter(|t| !t.is_empty())
                .collect();
            // The halves of a word broken at a line end are no evidence of themselves.
            let first = usize::from(after_break);
            let last = tokens.len().saturating_sub(usize::from(broken));
            for token in tokens.get(first..last).unwrap_or_default() {
                let token = token
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                if token.contains('-') {
                    compounds.insert(token);
                } else if !token.is_empty() {
                    words.insert(token);
                }
            }
            after_break = broken;
        }
        Self {
            words,
            compounds,
            marks_breaks: marks_breaks && !soft_inside,
            justified,
        }
    }

    /// The lines of one paragraph as one line, words broken at a line end joined again.
    fn join(&self, lines: &[&str]) -> String {
        let mut text = String::new();
        for line in lines {
            let line = line.trim();
            match text.chars().next_back() {
                None => {}
                Some(hyphen @ ('-' | HYPHEN | SOFT_HYPHEN)) if starts_lower(line) => {
                    text.pop();
                    if text.chars().next_back().is_some_and(char::is_alphabetic) {
                        if hyphen == '-' && self.keeps_hyphen(&text, line) {
                            text.push('-');
                        }
                    } else {
                        // After a digit or a sign the hyphen is the word's: "90-year-old".
                        text.push(hyphen);
                        if hyphen != '-' {
                            text.push(' ');
                        }
                    }
                }
                Some(_) => text.push(' '),
            }
            text.push_str(line);
        }
        text
    }

    /// Whether a hyphen-minus between `before` (the text up to it) and `after` is the word's own.
    fn keeps_hyphen(&self, before: &str, after: &str) -> bool {
        if self.marks_breaks {
            return true;
        }
        let left = before
            .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .unwrap_or_default()
            .to_lowercase();
        let right = after
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_lowercase();
        if self.compounds.contains(&format!("{left}-{right}")) {
            return true;
        }
        let joined = format!("{left}{right}");
        if self.words.contains(&joined) {
            return false;
        }
        let halves = left.split('-').all(|p| self.words.contains(p)) && self.words.contains(&right);
        // With no word of the document to tell, ragged text keeps its hyphens: programs
        // hyphenate justified text.
        halves || !self.justified
    }
}

/// A paragraph as an article keeps it: soft hyphens left inside a line dropped, ligatures and
/// other presentation forms decomposed, spaces collapsed.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            SOFT_HYPHEN => {}
            // A symbol font's glyph with no character of its own: a bullet, where it opens a
            // list item.
            '\u{E000}'..='\u{F8FF}' => {
                if out.is_empty() {
                    out.push_str("• ");
                }
            }
            '\u{FB00}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => {
                out.extend(std::iter::once(c).nfkc().filter(|c| *c != '\u{FEFF}'));
            }
            c if c.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.trim_end().to_owned()
}

/// Footnote lines as paragraphs: a note starts at a line opening with a mark.
pub(super) fn footnotes(notes: &[Line]) -> Vec<String> {
    let evidence = Evidence::of(notes.iter(), false);
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    for line in notes {
        match paragraphs.last_mut() {
            Some(p) if !starts_with_mark(&line.text) => p.push(&line.text),
            _ => paragraphs.push(vec![&line.text]),
        }
    }
    paragraphs
        .into_iter()
        .map(|lines| clean(&evidence.join(&lines)))
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, x1: f32, baseline: f32) -> Line {
        Line {
            text: text.to_owned(),
            x0,
            x1,
            baseline,
            size: 10.0,
            first_width: 5.0 * text.split(' ').next().map_or(0, str::len) as f32,
            marks: Vec::new(),
        }
    }

    fn block(lines: Vec<Line>) -> Block {
        Block {
            lines,
            column: 0,
            x0: 0.0,
            x1: 300.0,
        }
    }

    #[test]
    fn a_line_ended_where_the_next_word_would_have_fitted_ends_its_paragraph() {
        let lines = vec![
            line(
                "The council met on Monday and voted to raise the water",
                0.0,
                295.0,
                12.0,
            ),
            line("rates by nine percent.", 0.0, 110.0, 24.0),
            line(
                "Residents said they would appeal against the decision",
                0.0,
                298.0,
                36.0,
            ),
            line("at once.", 0.0, 40.0, 48.0),
        ];
        assert_eq!(
            paragraphs(&[block(lines)]),
            [
                "The council met on Monday and voted to raise the water rates by nine percent.",
                "Residents said they would appeal against the decision at once.",
            ]
        );
    }

    #[test]
    fn hyphens_a_line_break_made_go_and_a_words_own_stay() {
        let lines = vec![
            line("a well-known and long-standing invest-", 0.0, 299.0, 12.0),
            line("igation into the long-", 0.0, 299.0, 24.0),
            line("standing fifty-", 0.0, 299.0, 36.0),
            line("page report and the page of fifty", 0.0, 100.0, 48.0),
        ];
        assert_eq!(
            paragraphs(&[block(lines)]),
            [
                "a well-known and long-standing investigation into the long-standing fifty-page \
              report and the page of fifty"
            ]
        );
        // Where the document marks its breaks with soft hyphens, a hyphen-minus is the word's.
        let lines = vec![
            line("the govern\u{AD}", 0.0, 299.0, 12.0),
            line("ment's self-", 0.0, 299.0, 24.0),
            line("made report", 0.0, 50.0, 36.0),
        ];
        assert_eq!(
            paragraphs(&[block(lines)]),
            ["the government's self-made report"]
        );
    }

    #[test]
    fn ligatures_are_letters_again() {
        assert_eq!(
            clean("o\u{FB03}cial \u{FB01}gures\u{AD}"),
            "official figures"
        );
    }
}
