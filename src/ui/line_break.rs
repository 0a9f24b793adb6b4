//! Rows for paragraphs in scripts written without spaces between words: Thai, Lao, Khmer and
//! Myanmar.
//!
//! egui breaks rows at spaces and between CJK characters; in a Thai paragraph it finds
//! neither, and breaks wherever the row is full, inside a word or between a letter and its
//! vowel mark. Such a paragraph is laid out here instead: where a row may end comes from the
//! Unicode line breaking algorithm (UAX #14) with `icu_segmenter`'s model of where words end in
//! these scripts (its LSTM model: its word list splits common Thai phrases wrongly), what fits
//! from the paragraph laid out as one unbroken row, and each row is then laid out on its own
//! and the rows stacked into one galley. Every other paragraph keeps egui's own breaking.

use std::sync::Arc;

use egui::Galley;
use egui::text::LayoutJob;
use icu_segmenter::LineSegmenter;
use icu_segmenter::options::LineBreakOptions;

use super::GlyphMap;

/// Whether `text` has letters of a script egui cannot break: one written without spaces
/// between words, whose words only a model of the language finds.
pub fn has_unspaced_script(text: &str) -> bool {
    // These scripts' letters start with byte E0 (Thai, Lao), E1 (Myanmar, Khmer) or EA in
    // UTF-8; text without one (English with curly quotes, Hebrew, Arabic, Chinese) is passed
    // over without decoding, as it is each frame.
    text.bytes().any(|b| matches!(b, 0xE0 | 0xE1 | 0xEA))
        && text.chars().any(marginalia_core::article::needs_word_model)
}

/// Paragraph `text`, laid out by `job` (its text, unwrapped) as `unbroken` (one row), broken
/// into rows no wider than `width` where UAX #14 allows, each row laid out by `painter`.
pub fn broken_into_rows(
    painter: &egui::Painter,
    text: &str,
    unbroken: &Galley,
    width: f32,
    job: impl Fn(&str) -> LayoutJob,
) -> Arc<Galley> {
    let rows = rows(text, unbroken, width);
    let galleys: Vec<Arc<Galley>> = rows
        .iter()
        .map(|row| painter.layout_job(job(row)))
        .collect();
    Arc::new(Galley::concat(
        Arc::new(job(text)),
        &galleys,
        painter.pixels_per_point(),
    ))
}

/// `text` cut into rows no wider than `width` (a word wider than that alone on its row), at the
/// places UAX #14 allows a break, measured from `unbroken`. White space at the end of a row
/// hangs past its edge, as egui lets it.
fn rows<'t>(text: &'t str, unbroken: &Galley, width: f32) -> Vec<&'t str> {
    // How wide each code point is drawn (the glyphs mapped to it), as bytes of the text.
    let map = GlyphMap::of_galley(text, unbroken);
    let mut advance_at_byte = vec![0.0_f32; text.len() + 1];
    let byte_of_char: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    let mut glyph = 0;
    for placed in &unbroken.rows {
        for g in &placed.glyphs {
            if let Some(&byte) = byte_of_char.get(map.char_of_glyph(glyph))
                && let Some(advance) = advance_at_byte.get_mut(byte)
            {
                *advance += g.advance_width;
            }
            glyph += 1;
        }
    }
    let width_of = |range: std::ops::Range<usize>| -> f32 {
        advance_at_byte.get(range).map_or(0.0, |a| a.iter().sum())
    };
    let trimmed_end =
        |from: usize, to: usize| from + text.get(from..to).map_or(0, |s| s.trim_end().len());

    let segmenter = LineSegmenter::new_auto(LineBreakOptions::default());
    let mut rows = Vec::new();
    let (mut start, mut end) = (0, 0);
    for opportunity in segmenter.segment_str(text).filter(|&b| b > 0) {
        // Would the row, taken to this opportunity, still fit (its trailing white space
        // aside)?
        let fits = width_of(start..trimmed_end(start, opportunity)) <= width;
        if !fits && end > start {
            rows.push(text.get(start..end).unwrap_or_default());
            start = end;
        }
        end = opportunity;
    }
    if start < text.len() || rows.is_empty() {
        rows.push(text.get(start..).unwrap_or_default());
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::has_unspaced_script;
    use crate::ui::article_view::tests::{arranged_in, system_fonts};

    /// "The minister said the festival's budget is not enough for every event this year", with
    /// no space between its words, as Thai is written.
    const THAI: &str = "รัฐมนตรีกล่าวว่างบประมาณของเทศกาลไม่เพียงพอสำหรับทุกงานในปีนี้";

    #[test]
    fn a_thai_paragraph_breaks_between_words_and_within_its_width() {
        // Where its words end, as a Thai reader splits it.
        let words = marginalia_fixtures::THAI_WORDS;
        assert_eq!(words.concat(), THAI);
        let opportunities: Vec<usize> = words
            .iter()
            .scan(0, |at, word| {
                let start = *at;
                *at += word.chars().count();
                Some(start)
            })
            .collect();
        let ctx = system_fonts();
        for wrap in [90.0, 140.0, 260.0] {
            let laid = arranged_in(&ctx, &[THAI], 17.0, 1.0, wrap);
            let (map, arranged) = &laid[0];
            let galley = &arranged.galley;
            assert!(galley.rows.len() > 1, "one row at {wrap}");
            // Where each row starts in the text.
            let mut glyph = 0;
            let mut starts = Vec::new();
            for row in &galley.rows {
                let first = (glyph..glyph + row.glyphs.len())
                    .map(|g| map.char_of_glyph(g))
                    .min()
                    .unwrap_or_default();
                starts.push(first);
                glyph += row.glyphs.len();
            }
            for (r, row) in galley.rows.iter().enumerate() {
                let start = starts[r];
                let end = starts.get(r + 1).copied().unwrap_or(THAI.chars().count());
                assert!(
                    opportunities.contains(&start),
                    "row {r} starts inside a word, at {start}, at width {wrap}"
                );
                // Wider than the column only when it is one word.
                let one_word = opportunities.iter().find(|&&o| o > start) == Some(&end);
                assert!(
                    row.size.x <= wrap + 0.5 || one_word,
                    "row {r} is {} wide, more than {wrap}",
                    row.size.x
                );
            }
        }
    }

    #[test]
    fn only_scripts_without_spaces_are_broken_here() {
        assert!(has_unspaced_script("รัฐมนตรีกล่าวว่า"));
        assert!(has_unspaced_script("Minister ສະບາຍດີ said"));
        assert!(!has_unspaced_script("外交部 said “שלום” – ok"));
    }
}
