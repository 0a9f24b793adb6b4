//! Markdown articles drawn as they read: a heading larger and strong, `*emphasis*` in italics,
//! `**strong**` in the strong text colour, their marks faint. The text and its offsets stay the
//! source's, marks included: an annotation is always exactly the characters of the file.

use std::ops::Range;

/// How a piece of a Markdown paragraph is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Look {
    /// Markup: `#`, `*`, `_`.
    Mark,
    /// Emphasised words.
    Emphasis,
    /// Strong words.
    Strong,
}

/// The heading level of a paragraph (`# Title` is 1), if it is a heading.
pub(super) fn heading_level(paragraph: &str) -> Option<usize> {
    let level = paragraph.bytes().take_while(|&b| b == b'#').count();
    ((1..=6).contains(&level) && paragraph[level..].starts_with(' ')).then_some(level)
}

/// The pieces of `paragraph` drawn other than plain, as byte ranges in order: a heading's
/// `#`s, and each `*…*`, `_…_`, `**…**` or `__…__` whose marks open before a word and close
/// after one, with its marks apart from its words.
pub(super) fn looks(paragraph: &str) -> Vec<(Range<usize>, Look)> {
    let mut out = Vec::new();
    let mut from = 0;
    if let Some(level) = heading_level(paragraph) {
        out.push((0..level, Look::Mark));
        from = level;
    }
    let bytes = paragraph.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let c = bytes[i];
        if c != b'*' && c != b'_' {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == c).count().min(2);
        let mark = &paragraph[i..i + run];
        let before = paragraph[..i].chars().next_back();
        let after = paragraph[i + run..].chars().next();
        let opens = after.is_some_and(|a| !a.is_whitespace())
            && before.is_none_or(|b| b.is_whitespace() || b.is_ascii_punctuation());
        let inner_start = i + run;
        let close = opens
            .then(|| {
                paragraph[inner_start..]
                    .match_indices(mark)
                    .map(|(at, _)| inner_start + at)
                    .find(|&at| {
                        at > inner_start
                            && paragraph[..at]
                                .chars()
                                .next_back()
                                .is_some_and(|b| !b.is_whitespace())
                            && paragraph[at + run..]
                                .chars()
                                .next()
                                .is_none_or(|a| !a.is_alphanumeric())
                    })
            })
            .flatten();
        let Some(close) = close else {
            i += run;
            continue;
        };
        let look = if run == 2 {
            Look::Strong
        } else {
            Look::Emphasis
        };
        out.push((i..inner_start, Look::Mark));
        out.push((inner_start..close, look));
        out.push((close..close + run, Look::Mark));
        i = close + run;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(paragraph: &str) -> Vec<(&str, Look)> {
        looks(paragraph)
            .into_iter()
            .map(|(range, look)| (&paragraph[range], look))
            .collect()
    }

    #[test]
    fn headings_emphasis_and_strong_are_found_with_their_marks_apart() {
        assert_eq!(heading_level("## The budget"), Some(2));
        assert_eq!(heading_level("#hashtag"), None);
        assert_eq!(heading_level("####### seven"), None);
        assert_eq!(
            shown("# A *big* day"),
            [
                ("#", Look::Mark),
                ("*", Look::Mark),
                ("big", Look::Emphasis),
                ("*", Look::Mark),
            ]
        );
        assert_eq!(
            shown("It is **not** over, she said"),
            [
                ("**", Look::Mark),
                ("not", Look::Strong),
                ("**", Look::Mark)
            ]
        );
        assert_eq!(
            shown("*The Valley Herald*"),
            [
                ("*", Look::Mark),
                ("The Valley Herald", Look::Emphasis),
                ("*", Look::Mark)
            ]
        );
    }

    #[test]
    fn marks_inside_words_or_unclosed_are_plain_text() {
        assert_eq!(shown("snake_case_name and 2 * 3 * 4"), []);
        assert_eq!(shown("an *unclosed mark"), []);
        assert_eq!(shown("x"), []);
    }
}
