//! The article: its normalized text, where it came from, its SHA-256, and fast conversion
//! between code point offsets (the unit of every file, export and message) and byte offsets
//! (the unit Rust strings are sliced in).

use std::ops::Range;

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use sha2::{Digest as _, Sha256};
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation as _};

/// How many code points lie between two stored byte positions of the offset index.
const CHECKPOINT_STRIDE_CHARS: usize = 64;

/// How many code points of context `prefix` and `suffix` keep on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// An article's text and metadata. The text is immutable: every offset refers to it.
#[derive(Clone, Debug)]
pub struct Article {
    /// Headline or other short name shown to the user.
    pub title: String,
    /// Publisher or outlet, free text, may be empty.
    pub source: String,
    /// Where the article was published, may be empty.
    pub url: String,
    /// When it was published, as given (`2026-12-07` or RFC 3339), may be empty.
    pub date: String,
    /// Where the article was imported from, relative to the annotation file where possible.
    pub path: String,
    text: String,
    sha256: String,
    index: CharIndex,
}

impl PartialEq for Article {
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title
            && self.source == other.source
            && self.url == other.url
            && self.date == other.date
            && self.path == other.path
            && self.text == other.text
    }
}

impl Eq for Article {}

impl Article {
    /// Builds an article from its normalized text, computing its hash and offset index.
    pub fn new(text: String) -> Self {
        let sha256 = sha256_hex(&text);
        let index = CharIndex::new(&text);
        Self {
            title: String::new(),
            source: String::new(),
            url: String::new(),
            date: String::new(),
            path: String::new(),
            text,
            sha256,
            index,
        }
    }

    /// The normalized text every offset refers to.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Lowercase hex SHA-256 of the text in UTF-8.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Length of the text in code points.
    pub fn len_chars(&self) -> usize {
        self.index.len_chars
    }

    /// Byte offset of the code point at `char_offset`; `len_chars()` maps to the text's length.
    pub fn byte_of_char(&self, char_offset: usize) -> Option<usize> {
        self.index.byte_of_char(&self.text, char_offset)
    }

    /// Code point offset of `byte_offset`, which must lie on a character boundary.
    pub fn char_of_byte(&self, byte_offset: usize) -> Option<usize> {
        self.index.char_of_byte(&self.text, byte_offset)
    }

    /// Byte range of the half-open code point range `[start_char, end_char)`.
    pub fn byte_range(&self, start_char: usize, end_char: usize) -> Option<Range<usize>> {
        if start_char > end_char {
            return None;
        }
        Some(self.byte_of_char(start_char)?..self.byte_of_char(end_char)?)
    }

    /// The text of `[start_char, end_char)`, or `None` when the range is not inside the text.
    pub fn slice_chars(&self, start_char: usize, end_char: usize) -> Option<&str> {
        let range = self.byte_range(start_char, end_char)?;
        self.text.get(range)
    }

    /// Up to [`CONTEXT_CHARS`] code points before `start_char` and after `end_char`.
    pub fn context(&self, start_char: usize, end_char: usize) -> (String, String) {
        let before = start_char.saturating_sub(CONTEXT_CHARS);
        let after = end_char.saturating_add(CONTEXT_CHARS).min(self.len_chars());
        let prefix = self.slice_chars(before, start_char).unwrap_or_default();
        let suffix = self.slice_chars(end_char, after).unwrap_or_default();
        (prefix.to_owned(), suffix.to_owned())
    }

    /// Turns a raw selection into the span a new annotation gets: widened to whole grapheme
    /// clusters, then trimmed of surrounding white space. `None` when nothing but white space
    /// (or nothing at all) is selected.
    pub fn snap_selection(&self, start_char: usize, end_char: usize) -> Option<(usize, usize)> {
        let (lo, hi) = (start_char.min(end_char), start_char.max(end_char));
        let hi = hi.min(self.len_chars());
        let mut start_byte = self.byte_of_char(lo)?;
        let mut end_byte = self.byte_of_char(hi)?;
        start_byte = grapheme_boundary_at_or_before(&self.text, start_byte);
        end_byte = grapheme_boundary_at_or_after(&self.text, end_byte);
        let selected = self.text.get(start_byte..end_byte)?;
        let trimmed_start = selected.trim_start();
        let leading = selected.len() - trimmed_start.len();
        let trimmed = trimmed_start.trim_end();
        if trimmed.is_empty() {
            return None;
        }
        let new_start = start_byte + leading;
        let new_end = new_start + trimmed.len();
        Some((self.char_of_byte(new_start)?, self.char_of_byte(new_end)?))
    }

    /// Widens `[start_char, end_char)` so that neither end falls inside a word: a drag that
    /// starts in the middle of "Sessions" takes the whole word.
    pub fn expand_to_words(&self, start_char: usize, end_char: usize) -> (usize, usize) {
        let (lo, hi) = (start_char.min(end_char), start_char.max(end_char));
        let inside = |at: usize| at > 0 && self.word_at(at).is_some_and(|(s, e)| s < at && at < e);
        let start = if inside(lo) {
            self.word_at(lo).map_or(lo, |(s, _)| s)
        } else {
            lo
        };
        let end = if inside(hi) {
            self.word_at(hi).map_or(hi, |(_, e)| e)
        } else {
            hi
        };
        (start, end)
    }

    /// The code point range of the word around `char_offset` (or ending there), for
    /// double-click selection: a word as Unicode's word boundaries (UAX #29) find it, so a
    /// letter keeps its marks ("e\u{301}tude", Arabic with its vowels), a Persian word its
    /// zero-width non-joiner, and "can’t", "3.5" and "12,000" stay whole. In scripts written
    /// without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar), where those rules split
    /// every character, a model of the language finds the word within the run, as a browser's
    /// double-click does.
    pub fn word_at(&self, char_offset: usize) -> Option<(usize, usize)> {
        let byte = self.byte_of_char(char_offset.min(self.len_chars()))?;
        // Words never cross a line: look only at this one.
        let line_start = self.text.get(..byte)?.rfind('\n').map_or(0, |n| n + 1);
        let line_end = self
            .text
            .get(byte..)?
            .find('\n')
            .map_or(self.text.len(), |n| byte + n);
        let line = self.text.get(line_start..line_end)?;
        let at = byte - line_start;
        let segments: Vec<(usize, &str)> = line.split_word_bound_indices().collect();
        let is_word = |segment: &str| segment.chars().any(char::is_alphanumeric);
        let found = segments
            .iter()
            .position(|&(start, segment)| start <= at && at < start + segment.len())
            .filter(|&n| is_word(segments[n].1))
            .or_else(|| {
                segments
                    .iter()
                    .position(|&(start, segment)| start + segment.len() == at)
                    .filter(|&n| is_word(segments[n].1))
            })?;
        let (mut first, mut last) = (found, found);
        if is_unspaced(segments[found].1) {
            // The run around it, as far as the model needs to see: its time grows with the
            // text it reads, and a word is far shorter.
            while first > 0 && found - first < MODEL_CONTEXT && is_unspaced(segments[first - 1].1) {
                first -= 1;
            }
            while last - found < MODEL_CONTEXT
                && segments.get(last + 1).is_some_and(|&(_, s)| is_unspaced(s))
            {
                last += 1;
            }
        }
        let mut start = line_start + segments[first].0;
        let mut end = line_start + segments[last].0 + segments[last].1.len();
        if first != last {
            let (from, to) = word_in_run(&self.text[start..end], byte - start);
            (start, end) = (start + from, start + to);
        }
        Some((self.char_of_byte(start)?, self.char_of_byte(end)?))
    }
}

/// How many characters (grapheme clusters) on each side of a double-click in a script without
/// spaces the word model reads: several times the longest word.
const MODEL_CONTEXT: usize = 40;

/// The byte range of the word at (or ending at) byte `at` of `run`, a run of text in scripts
/// written without spaces, as `icu_segmenter`'s models of those languages split it: its
/// dictionary for Chinese and Japanese, its LSTM model for Thai, Lao, Khmer and Myanmar.
fn word_in_run(run: &str, at: usize) -> (usize, usize) {
    let bounds: Vec<usize> = WordSegmenter::new_auto(WordBreakInvariantOptions::default())
        .segment_str(run)
        .collect();
    let words: Vec<(usize, usize)> = bounds.windows(2).map(|pair| (pair[0], pair[1])).collect();
    let around = words.iter().find(|&&(from, to)| from <= at && at < to);
    let ending_here = || words.iter().find(|&&(_, to)| to == at);
    around
        .or_else(ending_here)
        .copied()
        .unwrap_or((0, run.len()))
}

/// Whether a word segment is in a script written without spaces between words, where Unicode's
/// word boundaries (without a dictionary) fall between every character.
fn is_unspaced(segment: &str) -> bool {
    segment.chars().next().is_some_and(|c| {
        needs_word_model(c)
            || matches!(u32::from(c),
                0x3040..=0x30FF // Hiragana, Katakana
                | 0x3400..=0x4DBF // CJK Extension A
                | 0x4E00..=0x9FFF // CJK Unified Ideographs
                | 0xF900..=0xFAFF // CJK Compatibility Ideographs
                | 0x20000..=0x3FFFF) // CJK Extensions B and later
    })
}

/// Whether `c` is a letter of a script written without spaces between words, whose words only
/// a model of the language finds: Thai, Lao, Myanmar and Khmer (UAX #14's class SA). Where
/// such text wraps, and what a double-click on it takes, both come from here.
pub fn needs_word_model(c: char) -> bool {
    matches!(u32::from(c),
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F | 0xA9E0..=0xA9FF | 0xAA60..=0xAA7F // Myanmar
        | 0x1780..=0x17FF | 0x19E0..=0x19FF) // Khmer
}

/// Most matches [`Article::find_all`] returns.
pub const MAX_MATCHES: usize = 10_000;

impl Article {
    /// Every occurrence of `query`, as code point ranges, at most [`MAX_MATCHES`]. The search
    /// ignores case unless the query has a capital letter.
    pub fn find_all(&self, query: &str) -> Vec<(usize, usize)> {
        if query.is_empty() {
            return Vec::new();
        }
        let ignore_case = !query.chars().any(char::is_uppercase);
        // Each character maps to exactly one, so positions in `haystack` match the text's.
        let fold = |c: char| {
            if ignore_case {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                c
            }
        };
        let haystack: String = self.text.chars().map(fold).collect();
        let needle: String = query.chars().map(fold).collect();
        let needle_chars = needle.chars().count();
        let mut found = Vec::new();
        let (mut byte, mut char_offset) = (0usize, 0usize);
        for (match_byte, _) in haystack.match_indices(&needle).take(MAX_MATCHES) {
            char_offset += haystack
                .get(byte..match_byte)
                .map_or(0, |s| s.chars().count());
            byte = match_byte;
            found.push((char_offset, char_offset + needle_chars));
        }
        found
    }
}

/// Lowercase hex SHA-256 of `text` in UTF-8.
pub fn sha256_hex(text: &str) -> String {
    sha256_hex_bytes(text.as_bytes())
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex_bytes(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut hex = String::with_capacity(64);
    for byte in Sha256::digest(bytes) {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

fn grapheme_boundary_at_or_before(text: &str, byte: usize) -> usize {
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => byte,
        _ => cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0),
    }
}

fn grapheme_boundary_at_or_after(text: &str, byte: usize) -> usize {
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => byte,
        _ => cursor
            .next_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(text.len()),
    }
}

/// Byte positions of every [`CHECKPOINT_STRIDE_CHARS`]-th code point, so that a conversion
/// scans at most one stride of text. Pure ASCII text needs no table at all.
#[derive(Clone, Debug)]
struct CharIndex {
    len_chars: usize,
    ascii: bool,
    /// `checkpoints[i]` is the byte offset of code point `i * CHECKPOINT_STRIDE_CHARS`.
    checkpoints: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                len_chars: text.len(),
                ascii: true,
                checkpoints: Vec::new(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_STRIDE_CHARS + 1);
        let mut len_chars = 0;
        for (byte, _) in text.char_indices() {
            if len_chars % CHECKPOINT_STRIDE_CHARS == 0 {
                checkpoints.push(byte);
            }
            len_chars += 1;
        }
        Self {
            len_chars,
            ascii: false,
            checkpoints,
        }
    }

    fn byte_of_char(&self, text: &str, char_offset: usize) -> Option<usize> {
        if char_offset > self.len_chars {
            return None;
        }
        if self.ascii {
            return Some(char_offset);
        }
        if char_offset == self.len_chars {
            return Some(text.len());
        }
        let checkpoint = *self
            .checkpoints
            .get(char_offset / CHECKPOINT_STRIDE_CHARS)?;
        let within = char_offset % CHECKPOINT_STRIDE_CHARS;
        text.get(checkpoint..)?
            .char_indices()
            .nth(within)
            .map(|(byte, _)| checkpoint + byte)
    }

    fn char_of_byte(&self, text: &str, byte_offset: usize) -> Option<usize> {
        if byte_offset > text.len() || !text.is_char_boundary(byte_offset) {
            return None;
        }
        if self.ascii {
            return Some(byte_offset);
        }
        let slot = self.checkpoints.partition_point(|&b| b <= byte_offset);
        let slot = slot.checked_sub(1)?;
        let checkpoint = *self.checkpoints.get(slot)?;
        let within = text.get(checkpoint..byte_offset)?.chars().count();
        Some(slot * CHECKPOINT_STRIDE_CHARS + within)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_round_trip_on_mixed_text() {
        let text = "Ané said “hi” 👋🏽 to שלום and e\u{301}.\n".repeat(20);
        let article = Article::new(text.clone());
        assert_eq!(article.len_chars(), text.chars().count());
        for (char_offset, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(article.byte_of_char(char_offset), Some(byte));
            assert_eq!(article.char_of_byte(byte), Some(char_offset));
        }
        assert_eq!(article.byte_of_char(article.len_chars()), Some(text.len()));
        assert_eq!(article.byte_of_char(article.len_chars() + 1), None);
        assert_eq!(article.char_of_byte(1 + text.find('“').unwrap_or(0)), None);
    }

    #[test]
    fn ascii_text_needs_no_table() {
        let article = Article::new("plain text".to_owned());
        assert_eq!(article.slice_chars(6, 10), Some("text"));
        assert_eq!(article.slice_chars(6, 11), None);
        assert_eq!(article.slice_chars(7, 6), None);
    }

    #[test]
    fn sha256_is_lowercase_hex() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn context_is_capped_at_32_code_points() {
        let article = Article::new(format!("{}X{}", "é".repeat(40), "ü".repeat(40)));
        let (prefix, suffix) = article.context(40, 41);
        assert_eq!(prefix, "é".repeat(32));
        assert_eq!(suffix, "ü".repeat(32));
        let (prefix, _) = article.context(3, 4);
        assert_eq!(prefix, "é".repeat(3));
    }

    #[test]
    fn selection_is_trimmed_and_snapped_to_graphemes() {
        // "  e\u{301}x 👍🏽  ": a combining accent and an emoji with a skin tone modifier.
        let article = Article::new("  e\u{301}x 👍🏽  ".to_owned());
        // Starting inside "e + accent" at the accent widens to the base letter.
        assert_eq!(article.snap_selection(3, 5), Some((2, 5)));
        // Ending inside the emoji (after the thumb, before the modifier) widens to include it.
        assert_eq!(article.snap_selection(0, 7), Some((2, 8)));
        assert_eq!(article.snap_selection(0, 6), Some((2, 5)));
        // Backwards selections are fine.
        assert_eq!(article.snap_selection(9, 0), Some((2, 8)));
        assert_eq!(article.snap_selection(0, 2), None);
        assert_eq!(article.snap_selection(0, 0), None);
    }

    #[test]
    fn find_all_is_case_smart_and_counts_code_points() {
        let article = Article::new("Under “under” UNDER Élie".to_owned());
        assert_eq!(article.find_all("under"), vec![(0, 5), (7, 12), (14, 19)]);
        assert_eq!(article.find_all("UNDER"), vec![(14, 19)]);
        assert_eq!(article.find_all("élie"), vec![(20, 24)]);
        assert_eq!(article.find_all(""), vec![]);
        assert_eq!(article.find_all("aa"), vec![]);
        let repeated = Article::new("aaaa".to_owned());
        assert_eq!(repeated.find_all("aa"), vec![(0, 2), (2, 4)]);
    }

    #[test]
    fn selections_widen_to_whole_words() {
        let article = Article::new("Sen. Richard Blumenthal said".to_owned());
        assert_eq!(article.expand_to_words(7, 16), (5, 23));
        assert_eq!(article.expand_to_words(16, 7), (5, 23));
        assert_eq!(article.expand_to_words(5, 12), (5, 12));
        assert_eq!(article.expand_to_words(4, 13), (4, 13));
    }

    #[test]
    fn word_at_finds_words_with_apostrophes() {
        let article = Article::new("Sessions’ recusal, he can’t say.".to_owned());
        // A closing apostrophe is punctuation, as in a browser; inside a word it is not.
        assert_eq!(article.word_at(3), Some((0, 8)));
        assert_eq!(article.word_at(12), Some((10, 17)));
        assert_eq!(article.word_at(17), Some((10, 17)));
        assert_eq!(article.word_at(18), None);
        assert_eq!(article.word_at(24), Some((22, 27)));
    }
}
