//! A page's glyphs in reading order: glyphs become words by the gaps between them, words
//! become blocks of lines by the white space between columns.
//!
//! Columns are found by cutting the page along white space (the "XY-cut"): the page is swept
//! top to bottom in bands, and consecutive bands that share an empty vertical strip at least
//! as wide as a letter make a section; a section with words on both sides of its strip is read
//! left side first, each side cut again the same way. A headline spanning two columns covers
//! their gutter, so it stays a section of its own above them. Two bands alone are never cut:
//! two lines of justified text can happen to leave a gap at the same place.

use super::glyphs::{Glyph, Page};

/// Gap between two glyphs, in font sizes, above which they belong to different words.
const WORD_GAP: f32 = 0.12;
/// Narrowest gutter between columns, in font sizes.
const GUTTER: f32 = 0.9;
/// Deepest nesting of columns within columns.
const MAX_DEPTH: usize = 8;

/// A word: glyphs drawn next to each other on one baseline.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Word {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub baseline: f32,
    pub size: f32,
}

impl Word {
    pub fn top(&self) -> f32 {
        self.baseline - 0.8 * self.size
    }

    pub fn bottom(&self) -> f32 {
        self.baseline + 0.25 * self.size
    }

    fn centre(&self) -> f32 {
        f32::midpoint(self.x0, self.x1)
    }
}

/// One line of a block: its words joined, and where it stands.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Line {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub baseline: f32,
    /// The largest font size on the line (a footnote mark is smaller).
    pub size: f32,
    /// How wide its first word is.
    pub first_width: f32,
    /// The raised small marks on it: footnote references.
    pub marks: Vec<String>,
}

/// Lines read one after another: a column, or a part of one.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Block {
    pub lines: Vec<Line>,
    /// The column the lines stand in: blocks one after another in the same column share it.
    pub column: usize,
    /// The column's left edge.
    pub x0: f32,
    /// The column's right edge.
    pub x1: f32,
}

/// The words of `page`, in the order it draws them. Blanks only separate: a word ends where
/// the next glyph leaves a gap, whatever the page draws in it.
pub(super) fn words(page: &Page) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut current: Option<Word> = None;
    for glyph in page.glyphs.iter().filter(|g| !g.is_blank()) {
        match current.as_mut() {
            Some(word) if continues(word, glyph) => {
                word.text.push_str(&glyph.text);
                word.x1 = word.x1.max(glyph.end);
                word.size = word.size.max(glyph.size);
            }
            _ => {
                words.extend(current.take());
                current = Some(Word {
                    text: glyph.text.clone(),
                    x0: glyph.x,
                    x1: glyph.end.max(glyph.x),
                    baseline: glyph.baseline,
                    size: glyph.size,
                });
            }
        }
    }
    words.extend(current);
    words
}

fn continues(word: &Word, glyph: &Glyph) -> bool {
    let size = word.size.max(glyph.size);
    let gap = glyph.x - word.x1;
    (glyph.baseline - word.baseline).abs() <= 0.2 * size
        && gap <= WORD_GAP * size
        && gap >= -0.5 * size
}

/// `words` in reading order, as blocks of lines.
/// Blocks get column numbers from `columns` on, and leave it at the next unused one.
pub(super) fn blocks(words: Vec<Word>, columns: &mut usize) -> Vec<Block> {
    let mut out = Vec::new();
    cut(words, 0, columns, &mut out);
    out
}

fn cut(words: Vec<Word>, depth: usize, columns: &mut usize, out: &mut Vec<Block>) {
    if words.is_empty() {
        return;
    }
    let column = *columns;
    *columns += 1;
    let gutter = median(words.iter().map(|w| w.size)) * GUTTER;
    let (x0, x1) = extent(&words);
    let bands = bands(words);
    let gaps: Vec<Vec<(f32, f32)>> = bands.iter().map(|b| gaps(b, x0, x1, gutter)).collect();
    let mut bands = bands.into_iter();
    let mut i = 0;
    while i < gaps.len() {
        let mut common = gaps[i].clone();
        let mut j = i + 1;
        while let Some(next) = gaps.get(j) {
            let shared = intersect(&common, next, gutter);
            if shared.is_empty() {
                break;
            }
            common = shared;
            j += 1;
        }
        let section: Vec<Word> = bands.by_ref().take(j - i).flatten().collect();
        let split = (j - i != 2 && depth < MAX_DEPTH)
            .then(|| interior(&common, &section))
            .flatten();
        match split {
            Some(at) => {
                let (left, right) = section.into_iter().partition(|w| w.centre() < at);
                cut(left, depth + 1, columns, out);
                cut(right, depth + 1, columns, out);
            }
            None => out.push(Block {
                lines: lines(section),
                column,
                x0,
                x1,
            }),
        }
        i = j;
    }
}

/// The words grouped in horizontal bands, top to bottom: a band ends where no word reaches
/// down to the next.
fn bands(mut words: Vec<Word>) -> Vec<Vec<Word>> {
    words.sort_by(|a, b| a.top().total_cmp(&b.top()));
    let mut bands: Vec<Vec<Word>> = Vec::new();
    let mut bottom = f32::NEG_INFINITY;
    for word in words {
        match bands.last_mut() {
            Some(band) if word.top() < bottom => {
                bottom = bottom.max(word.bottom());
                band.push(word);
            }
            _ => {
                bottom = word.bottom();
                bands.push(vec![word]);
            }
        }
    }
    bands
}

/// The empty strips of a band between `x0` and `x1`, at least `min` wide.
fn gaps(band: &[Word], x0: f32, x1: f32, min: f32) -> Vec<(f32, f32)> {
    let mut spans: Vec<(f32, f32)> = band.iter().map(|w| (w.x0, w.x1)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut gaps = Vec::new();
    let mut reached = x0;
    for (start, end) in spans {
        if start - reached >= min {
            gaps.push((reached, start));
        }
        reached = reached.max(end);
    }
    if x1 - reached >= min {
        gaps.push((reached, x1));
    }
    gaps
}

/// The strips both `a` and `b` leave empty, at least `min` wide.
fn intersect(a: &[(f32, f32)], b: &[(f32, f32)], min: f32) -> Vec<(f32, f32)> {
    let mut shared = Vec::new();
    for &(a0, a1) in a {
        for &(b0, b1) in b {
            let (s, e) = (a0.max(b0), a1.min(b1));
            if e - s >= min {
                shared.push((s, e));
            }
        }
    }
    shared
}

/// The middle of the widest strip with words of `section` on both sides.
fn interior(strips: &[(f32, f32)], section: &[Word]) -> Option<f32> {
    let (x0, x1) = extent(section);
    strips
        .iter()
        .filter(|&&(s, e)| s > x0 && e < x1)
        .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
        .map(|&(s, e)| f32::midpoint(s, e))
}

fn extent(words: &[Word]) -> (f32, f32) {
    words
        .iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), w| {
            (a.min(w.x0), b.max(w.x1))
        })
}

/// Words read as lines: a word joins the line it shares most of its height with.
fn lines(mut words: Vec<Word>) -> Vec<Line> {
    words.sort_by(|a, b| (a.top() + a.bottom()).total_cmp(&(b.top() + b.bottom())));
    let mut rows: Vec<Vec<Word>> = Vec::new();
    for word in words {
        let row = rows.iter_mut().rev().take(3).find(|row| {
            let (top, bottom) = row
                .iter()
                .fold((f32::INFINITY, f32::NEG_INFINITY), |(t, b), w| {
                    (t.min(w.top()), b.max(w.bottom()))
                });
            let overlap = bottom.min(word.bottom()) - top.max(word.top());
            overlap >= 0.5 * (bottom - top).min(word.bottom() - word.top())
        });
        match row {
            Some(row) => row.push(word),
            None => rows.push(vec![word]),
        }
    }
    let mut lines: Vec<Line> = rows.into_iter().map(line).collect();
    lines.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    lines
}

/// One row's words left to right, a space between two where the page leaves one.
fn line(mut words: Vec<Word>) -> Line {
    words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let main = words
        .iter()
        .max_by(|a, b| a.size.total_cmp(&b.size))
        .map_or((0.0, 0.0), |w| (w.baseline, w.size));
    let marks = words
        .iter()
        .filter(|w| {
            w.size <= 0.8 * main.1
                && w.baseline < main.0 - 0.15 * main.1
                && w.text.chars().count() <= 3
        })
        .map(|w| w.text.clone())
        .collect();
    let mut text = String::new();
    let mut reached = f32::NEG_INFINITY;
    for word in &words {
        if !text.is_empty() && word.x0 - reached > WORD_GAP * main.1 {
            text.push(' ');
        }
        text.push_str(&word.text);
        reached = reached.max(word.x1);
    }
    Line {
        text,
        x0: words.first().map_or(0.0, |w| w.x0),
        x1: reached,
        baseline: main.0,
        size: main.1,
        first_width: words.first().map_or(0.0, |w| w.x1 - w.x0),
        marks,
    }
}

/// The middle value, 0 for none.
pub(super) fn median(values: impl Iterator<Item = f32>) -> f32 {
    let mut values: Vec<f32> = values.collect();
    values.sort_by(f32::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs for `text` at `x`, one per character, 5 points wide, spaces as blanks.
    fn glyphs(text: &str, x: f32, baseline: f32, size: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| {
                let x = x + 5.0 * i as f32;
                Glyph {
                    text: c.to_string(),
                    x,
                    end: x + 5.0,
                    baseline,
                    size,
                }
            })
            .collect()
    }

    fn read(page: &Page) -> Vec<String> {
        blocks(words(page), &mut 0)
            .into_iter()
            .flat_map(|b| b.lines)
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn a_headline_over_two_columns_then_the_left_column_then_the_right() {
        let mut page = Page {
            width: 400.0,
            height: 400.0,
            glyphs: glyphs("Flood money never spent", 10.0, 20.0, 20.0),
        };
        for (i, (left, right)) in [
            ("left one", "right one"),
            ("left two", "right two"),
            ("left three", "right three"),
        ]
        .iter()
        .enumerate()
        {
            let baseline = 60.0 + 12.0 * i as f32;
            // Drawn across, as a page laid out line by line would be.
            page.glyphs.extend(glyphs(left, 10.0, baseline, 10.0));
            page.glyphs.extend(glyphs(right, 200.0, baseline, 10.0));
        }
        assert_eq!(
            read(&page),
            [
                "Flood money never spent",
                "left one",
                "left two",
                "left three",
                "right one",
                "right two",
                "right three"
            ]
        );
    }

    #[test]
    fn a_blank_of_no_width_does_not_part_a_word() {
        let mut glyphs = glyphs("Department", 10.0, 20.0, 10.0);
        // A soft hyphen a browser wrote as a space of no width inside the word.
        glyphs.insert(
            5,
            Glyph {
                text: " ".into(),
                x: 35.0,
                end: 35.0,
                baseline: 20.0,
                size: 10.0,
            },
        );
        let page = Page {
            width: 200.0,
            height: 100.0,
            glyphs,
        };
        assert_eq!(read(&page), ["Department"]);
    }
}
