//! What a page prints around its text: running headers and footers, page numbers, and
//! footnotes. Headers and footers are dropped; footnotes are kept for after the text.
//!
//! A line in the page's top or bottom margin is a running header or footer when the same
//! line (page numbers aside) stands in the same margin of another page, when it is a page
//! number ("7", "Page 7", "7 of 12", "7/12", "- 7 -"), or when it is the page's outermost line,
//! at its very edge, and set apart from the text: in small print, above a larger headline, or
//! smaller than the text and two lines away from it (what a page of its own can tell).

use std::collections::{HashMap, HashSet};

use super::layout::{Block, Line, Word, median};

/// Share of the page's height at its top and at its bottom where running lines stand.
const MARGIN: f32 = 0.12;
/// Share of the page's height at its very edge where a lone outermost line is a header.
const EDGE: f32 = 0.08;

/// The words of each page with their running headers, footers and page numbers taken out.
pub(super) fn without_running_lines(pages: Vec<(f32, Vec<Word>)>) -> Vec<Vec<Word>> {
    let rows: Vec<Vec<Row>> = pages.iter().map(|(h, words)| rows(words, *h)).collect();
    let mut seen: HashMap<(bool, String), usize> = HashMap::new();
    for page in &rows {
        let mut once: Vec<(bool, String)> = page
            .iter()
            .filter(|r| r.zone.is_some())
            .map(|r| (r.zone == Some(Zone::Top), r.key.clone()))
            .collect();
        once.sort();
        once.dedup();
        for key in once {
            *seen.entry(key).or_default() += 1;
        }
    }
    let body_size = median(pages.iter().flat_map(|(_, w)| w.iter().map(|w| w.size)));
    pages
        .into_iter()
        .zip(rows)
        .map(|((height, words), rows)| {
            let mut drop = vec![false; words.len()];
            for (i, row) in rows.iter().enumerate() {
                let Some(zone) = row.zone else { continue };
                let repeated = seen
                    .get(&(zone == Zone::Top, row.key.clone()))
                    .is_some_and(|&n| n > 1);
                let outermost = if zone == Zone::Top {
                    i == 0
                } else {
                    i + 1 == rows.len()
                };
                let apart = outermost && lone(&rows, i, height, body_size);
                if repeated || is_page_number(&row.text) || apart {
                    for &w in &row.words {
                        drop[w] = true;
                    }
                }
            }
            words
                .into_iter()
                .zip(drop)
                .filter_map(|(w, d)| (!d).then_some(w))
                .collect()
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Zone {
    Top,
    Bottom,
}

/// Words sharing a baseline across the whole page.
struct Row {
    words: Vec<usize>,
    text: String,
    /// The text with every digit a `#` and in lower case: the same on every page.
    key: String,
    top: f32,
    bottom: f32,
    size: f32,
    zone: Option<Zone>,
}

fn rows(words: &[Word], height: f32) -> Vec<Row> {
    let mut order: Vec<usize> = (0..words.len()).collect();
    order.sort_by(|&a, &b| words[a].baseline.total_cmp(&words[b].baseline));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in order {
        match groups.last_mut() {
            Some(g) if (words[i].baseline - words[g[0]].baseline).abs() <= 0.3 * words[i].size => {
                g.push(i);
            }
            _ => groups.push(vec![i]),
        }
    }
    groups
        .into_iter()
        .map(|mut g| {
            g.sort_by(|&a, &b| words[a].x0.total_cmp(&words[b].x0));
            let text = g
                .iter()
                .map(|&i| words[i].text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let key = text
                .chars()
                .map(|c| if c.is_numeric() { '#' } else { c })
                .flat_map(char::to_lowercase)
                .collect();
            let top = g
                .iter()
                .map(|&i| words[i].top())
                .fold(f32::INFINITY, f32::min);
            let bottom = g
                .iter()
                .map(|&i| words[i].bottom())
                .fold(f32::NEG_INFINITY, f32::max);
            let size = g.iter().map(|&i| words[i].size).fold(0.0, f32::max);
            let zone = if bottom < MARGIN * height {
                Some(Zone::Top)
            } else if top > (1.0 - MARGIN) * height {
                Some(Zone::Bottom)
            } else {
                None
            };
            Row {
                words: g,
                text,
                key,
                top,
                bottom,
                size,
                zone,
            }
        })
        .collect()
}

/// Whether row `i`, the first or last of its page, stands at the page's very edge and apart
/// from the text: in small print; or, at the top, above a larger headline; or smaller than the
/// text and at least two lines from it.
fn lone(rows: &[Row], i: usize, height: f32, body_size: f32) -> bool {
    let row = &rows[i];
    let (at_edge, neighbour) = if i == 0 {
        (row.bottom < EDGE * height, rows.get(1))
    } else {
        (row.top > (1.0 - EDGE) * height, rows.get(i.wrapping_sub(1)))
    };
    let gap = neighbour.map_or(0.0, |n| {
        if i == 0 {
            n.top - row.bottom
        } else {
            row.top - n.bottom
        }
    });
    let above_headline =
        i == 0 && neighbour.is_some_and(|n| n.size > 1.2 * row.size) && gap > 0.5 * row.size;
    at_edge
        && (row.size <= 0.8 * body_size
            || above_headline
            || (row.size < body_size * 0.95 && gap > 2.0 * body_size))
}

/// Whether `text` is a page number: "7", "vii", "Page 7", "7 of 12", "7/12", "- 7 -".
pub(super) fn is_page_number(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let lower = lower.trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace());
    let lower = lower
        .strip_prefix("page")
        .or_else(|| lower.strip_prefix("p."))
        .unwrap_or(lower)
        .trim();
    let number = |s: &str| {
        !s.is_empty()
            && (s.chars().all(|c| c.is_ascii_digit())
                || (s.len() <= 6 && s.chars().all(|c| "ivxlc".contains(c))))
    };
    if number(lower) {
        return true;
    }
    let parts: Vec<&str> = lower
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "of")
        .collect();
    parts.len() == 2
        && parts.iter().all(|p| number(p))
        && (lower.contains('/') || lower.contains("of"))
}

/// Takes a page's footnotes out of its blocks: the lines below all of its text, set apart from
/// it, the first opening with a mark raised in the text above (or, in a smaller size, with
/// any mark: a number, `*`, `†`, `‡`, `§`). Each note's mark is parted from its text.
pub(super) fn take_footnotes(blocks: &mut Vec<Block>) -> Vec<Line> {
    let lines: Vec<&Line> = blocks.iter().flat_map(|b| &b.lines).collect();
    let body = median(
        lines
            .iter()
            .flat_map(|l| std::iter::repeat_n(l.size, l.text.chars().count().min(200))),
    );
    let marks: HashSet<&str> = lines
        .iter()
        .flat_map(|l| l.marks.iter().map(String::as_str))
        .collect();
    let opens = |line: &Line| {
        marks.iter().any(|m| mark_of(&line.text, m))
            || (line.size <= body * 0.85 && starts_with_mark(&line.text))
    };
    let mut above = f32::NEG_INFINITY;
    let mut first = None;
    for (i, line) in lines.iter().enumerate() {
        if i > 0
            && opens(line)
            && line.baseline - above > 1.5 * line.size
            && lines[i..]
                .iter()
                .all(|l| l.baseline > above && l.size <= body * 1.05)
        {
            first = Some(i);
            break;
        }
        above = above.max(line.baseline);
    }
    let Some(first) = first else {
        return Vec::new();
    };
    let marks: Vec<String> = marks.into_iter().map(str::to_owned).collect();
    let mut seen = 0;
    let mut notes = Vec::new();
    for block in blocks.iter_mut() {
        let keep = first.saturating_sub(seen).min(block.lines.len());
        seen += block.lines.len();
        notes.extend(block.lines.drain(keep..).map(|mut line| {
            if let Some(m) = marks.iter().find(|m| mark_of(&line.text, m)) {
                line.text = format!("{m} {}", line.text[m.len()..].trim_start());
            }
            line
        }));
    }
    blocks.retain(|b| !b.lines.is_empty());
    notes
}

/// Whether `text` opens with the mark `mark` (and not a longer number).
fn mark_of(text: &str, mark: &str) -> bool {
    text.strip_prefix(mark)
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether `text` opens with a footnote mark: a number, `*`, `†`, `‡`, `§` or a superscript.
pub(super) fn starts_with_mark(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || "*†‡§¹²³⁴⁵⁶⁷⁸⁹".contains(c))
}

#[cfg(test)]
mod tests {
    use super::is_page_number;

    #[test]
    fn page_numbers_in_the_forms_printers_use() {
        for yes in [
            "7",
            "vii",
            "Page 7",
            "page 7 of 12",
            "7 of 12",
            "7/12",
            "- 7 -",
            "p. 3",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "7 killed",
            "Page turner",
            "1 in 5",
            "of",
            "12/7/26, 10:57 PM",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }
}
