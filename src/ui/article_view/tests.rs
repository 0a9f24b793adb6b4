//! Tests of the article pane's layout: glyph maps, visual order, hit-testing in every script.

use std::sync::Arc;

use egui::{Galley, vec2};

use super::GlyphMap;
use marginalia_core::Article;

/// Lines mixing scripts: Hebrew (with points), Arabic (joined, with marks), Persian with a
/// zero-width non-joiner, CJK, emoji with joiners and flags, combining marks, dashes.
const MIXED: [&str; 10] = [
    "أعلن الوزير يوم الأحد أن القرار «ضروري» لحماية المال، وقالت سائقة الأجرة: «لا».",
    "قال الوزير «لن نتراجع» أمس، وأضاف أن 2024 كانت سنة صعبة for everyone (all of us).",
    "אבי כהן אמר (בכנס) כי 3.5% מהתקציב יוקצו ל-AI בשנת 2025, said Ana.",
    "وزیر گفت: «من می‌خواهم ۱۲۳ کتاب بخوانم» – Ana.",
    "Name כהן נועה said gamma — and שָׁלוֹם then delta.",
    "The minister, مُحَمَّد عَلِي, said \"no\"; later: می‌خواهم – beta.",
    "Ministry 外交部 said 北京 will respond; omega follows.",
    "Fans 👩‍👩‍👧 cheered 🇮🇱 and 🇵🇸 flags – then epsilon.",
    "Zoë said e\u{301}tude and n\u{303}o—twice—zeta.",
    "מנהלת הפסטיבל, נועה כהן, אמרה: \"זה לא על כסף\" eta.",
];

/// Each line laid out as the article pane does, with the system's fonts for the scripts
/// the bundled font lacks.
fn laid_out(size: f32, pixels_per_point: f32) -> Vec<Arc<Galley>> {
    laid_out_with(&MIXED, size, pixels_per_point, size * 14.0)
}

pub(super) fn laid_out_with(
    lines: &[&str],
    size: f32,
    pixels_per_point: f32,
    wrap: f32,
) -> Vec<Arc<Galley>> {
    laid_out_mapped(lines, size, pixels_per_point, wrap)
        .into_iter()
        .map(|(galley, _)| galley)
        .collect()
}

/// Each line laid out and mapped exactly as the article pane does it (mirrored brackets,
/// rows in visual order), with the system's fonts.
pub(super) fn laid_out_mapped(
    lines: &[&str],
    size: f32,
    pixels_per_point: f32,
    wrap: f32,
) -> Vec<(Arc<Galley>, GlyphMap)> {
    laid_out_in(&system_fonts(), lines, size, pixels_per_point, wrap)
}

/// The box of code point `c` found the slow way: every glyph looked at, the first with
/// width of the nearest code point at or after `c`.
fn char_box_by_scan(map: &GlyphMap, galley: &Galley, c: usize) -> Option<egui::Rect> {
    let mut glyph = 0;
    let mut best: Option<(usize, egui::Rect)> = None;
    for placed in &galley.rows {
        for g in &placed.glyphs {
            let drawn = map.char_of_glyph(glyph);
            glyph += 1;
            if drawn >= c && g.advance_width > 0.0 && best.is_none_or(|(found, _)| drawn < found) {
                let (x0, x1) = (g.pos.x, g.pos.x + g.advance_width);
                best = Some((drawn, row_box(placed, x0, x1)));
            }
        }
    }
    best.map(|(_, rect)| rect).or_else(|| {
        let placed = galley.rows.last()?;
        Some(row_box(placed, placed.size.x, placed.size.x))
    })
}

/// The box from `x0` to `x1` on row `placed`, as tall as the row.
fn row_box(placed: &egui::epaint::text::PlacedRow, x0: f32, x1: f32) -> egui::Rect {
    egui::Rect::from_min_max(
        egui::pos2(placed.pos.x + x0, placed.pos.y),
        egui::pos2(placed.pos.x + x1, placed.pos.y + placed.size.y),
    )
}

#[test]
fn a_characters_box_is_the_one_a_scan_of_every_glyph_finds() {
    for (galley, map) in laid_out_mapped(&MIXED, 16.0, 1.0, 160.0) {
        assert!(galley.rows.len() > 1, "wrapped: {}", galley.job.text);
        for c in 0..=galley.job.text.chars().count() {
            assert_eq!(
                map.char_box(&galley, egui::Pos2::ZERO, c),
                char_box_by_scan(&map, &galley, c),
                "{c} in {}",
                galley.job.text
            );
        }
    }
}

/// A context with the system's fonts for the scripts the bundled font lacks.
pub(in crate::ui) fn system_fonts() -> egui::Context {
    let ctx = egui::Context::default();
    ctx.add_font_provider(Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    ));
    ctx
}

/// Each line laid out and mapped in `ctx`, as the pane does it.
fn laid_out_in(
    ctx: &egui::Context,
    lines: &[&str],
    size: f32,
    pixels_per_point: f32,
    wrap: f32,
) -> Vec<(Arc<Galley>, GlyphMap)> {
    arranged_in(ctx, lines, size, pixels_per_point, wrap)
        .into_iter()
        .map(|(map, arranged)| (arranged.galley, map))
        .collect()
}

/// Each line laid out, mapped and put in visual order in `ctx`, as the pane does it.
pub(in crate::ui) fn arranged_in(
    ctx: &egui::Context,
    lines: &[&str],
    size: f32,
    pixels_per_point: f32,
    wrap: f32,
) -> Vec<(GlyphMap, crate::ui::bidi::Arranged)> {
    ctx.set_pixels_per_point(pixels_per_point);
    let mut laid = Vec::new();
    // Fonts load on the first pass that needs them; lay out on the second.
    for _ in 0..2 {
        laid.clear();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let style = super::Style {
                text_size: size,
                wrap_width: wrap,
                dark: false,
                pixels_per_point,
                markdown: false,
            };
            for line in lines {
                laid.push(super::layout::lay_out(ui.painter(), line, style));
            }
        });
        // No renderer here to take the font atlas.
        output.textures_delta.clear();
    }
    laid
}

fn glyph_chars(galley: &Galley) -> Vec<(char, bool)> {
    galley
        .rows
        .iter()
        .flat_map(|row| row.glyphs.iter().map(|g| (g.chr, g.advance_width > 0.0)))
        .collect()
}

#[test]
fn every_character_in_any_script_is_drawn_by_the_glyph_mapped_to_it() {
    for (size, pixels_per_point) in [(17.0, 1.0), (20.5, 1.25), (14.0, 2.0)] {
        for (line, galley) in MIXED.iter().zip(laid_out(size, pixels_per_point)) {
            // As drawn: brackets in right-to-left runs mirrored.
            let shown =
                marginalia_core::direction::mirrored(line).unwrap_or_else(|| (*line).to_owned());
            let map = GlyphMap::of_galley(&shown, &galley);
            let chars: Vec<char> = shown.chars().collect();
            // Every glyph with width draws the character the map gives it (a glyph
            // carries the first character of its cluster).
            for (g, (chr, wide)) in glyph_chars(&galley).into_iter().enumerate() {
                if wide {
                    assert_eq!(
                        chars.get(map.char_of_glyph(g)),
                        Some(&chr),
                        "{line:?} glyph {g}"
                    );
                }
            }
            // Every character that starts a word is drawn by some glyph.
            for c in 0..chars.len() {
                if chars[c].is_alphanumeric() && (c == 0 || !chars[c - 1].is_alphanumeric()) {
                    assert!(
                        (0..glyph_chars(&galley).len()).any(|g| map.char_of_glyph(g) == c),
                        "{line:?} char {c} {:?} has no glyph",
                        chars[c]
                    );
                }
            }
        }
    }
}

#[test]
fn each_row_reads_left_to_right_in_the_order_the_bidi_algorithm_gives() {
    use unicode_bidi::BidiInfo;
    use unicode_segmentation::UnicodeSegmentation as _;
    for wrap in [160.0, 330.0, 900.0] {
        for (line, (galley, map)) in MIXED.iter().zip(laid_out_mapped(&MIXED, 17.0, 1.0, wrap)) {
            let mut cluster_of = Vec::new();
            for (n, grapheme) in line.graphemes(true).enumerate() {
                cluster_of.extend(std::iter::repeat_n(n, grapheme.chars().count()));
            }
            let byte_of_char: Vec<usize> = line
                .char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(line.len()))
                .collect();
            let bidi = BidiInfo::new(line, None);
            let mut glyph = 0;
            let rows: Vec<Vec<(f32, usize)>> = galley
                .rows
                .iter()
                .map(|row| {
                    let mut drawn = Vec::new();
                    for g in &row.glyphs {
                        if g.advance_width > 0.0 {
                            drawn.push((row.pos.x + g.pos.x, map.char_of_glyph(glyph)));
                        }
                        glyph += 1;
                    }
                    drawn
                })
                .collect();
            let starts: Vec<usize> = rows
                .iter()
                .map(|r| r.iter().map(|&(_, c)| c).min().unwrap_or(usize::MAX))
                .collect();
            for (r, row) in rows.iter().enumerate() {
                let mut row = row.clone();
                row.sort_by(|a, b| a.0.total_cmp(&b.0));
                let mut shown: Vec<usize> = row.iter().map(|&(_, c)| cluster_of[c]).collect();
                shown.dedup();
                let (start, end) = (
                    starts[r],
                    starts.get(r + 1).copied().unwrap_or(byte_of_char.len() - 1),
                );
                // The bidi algorithm's visual runs of this row, each read in its direction.
                let para = &bidi.paragraphs[0];
                let line_bytes = byte_of_char[start]..byte_of_char[end.min(byte_of_char.len() - 1)];
                let (levels, runs) = bidi.visual_runs(para, line_bytes);
                let mut expected = Vec::new();
                for run in runs {
                    let chars: Vec<usize> = (start..end)
                        .filter(|&c| run.contains(&byte_of_char[c]))
                        .collect();
                    let rtl = levels[run.start].is_rtl();
                    let ordered: Box<dyn Iterator<Item = &usize>> = if rtl {
                        Box::new(chars.iter().rev())
                    } else {
                        Box::new(chars.iter())
                    };
                    for &c in ordered {
                        let k = cluster_of[c];
                        if shown.contains(&k) && expected.last() != Some(&k) {
                            expected.push(k);
                        }
                    }
                }
                assert_eq!(shown, expected, "{line:?}, wrap {wrap}, row {r}");
            }
        }
    }
}

#[test]
fn a_click_on_any_character_finds_it_at_any_width_and_zoom() {
    for pixels_per_point in [1.0, 1.21, 2.0] {
        for wrap in [120.0, 250.0, 612.0] {
            let galleys = laid_out_mapped(&MIXED, 17.0, pixels_per_point, wrap);
            for (line, (galley, map)) in MIXED.iter().zip(galleys) {
                let chars: Vec<char> = line.chars().collect();
                for (c, ch) in chars.iter().enumerate() {
                    // Only characters drawn by a glyph of their own can be clicked.
                    let mut own = false;
                    let mut glyph = 0;
                    for row in &galley.rows {
                        for g in &row.glyphs {
                            own |= g.advance_width > 0.0 && map.char_of_glyph(glyph) == c;
                            glyph += 1;
                        }
                    }
                    if !own {
                        continue;
                    }
                    let Some(rect) = map.char_box(&galley, egui::pos2(0.0, 0.0), c) else {
                        panic!("{line:?} char {c} has no box");
                    };
                    assert_eq!(
                        map.char_under(&galley, rect.center().to_vec2()),
                        c,
                        "{line:?} char {c} {ch:?}, wrap {wrap}, zoom {pixels_per_point}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_click_in_the_middle_of_any_word_finds_that_word() {
    for (size, pixels_per_point) in [(17.0, 1.0), (20.5, 1.25)] {
        let galleys = laid_out_mapped(&MIXED, size, pixels_per_point, size * 14.0);
        for (line, (galley, map)) in MIXED.iter().zip(galleys) {
            let article = Article::new((*line).to_owned());
            let chars: Vec<char> = line.chars().collect();
            let mut c = 0;
            while c < chars.len() {
                let Some((start, end)) = article.word_at(c) else {
                    c += 1;
                    continue;
                };
                c = end.max(c + 1);
                if chars.get(start).is_none_or(|ch| !ch.is_alphanumeric()) {
                    continue;
                }
                // The middle of the word's middle character: the glyph with width that
                // carries that character, found from the glyphs themselves.
                let middle = start + (end - start) / 2;
                let mut glyph = 0;
                let mut found = None;
                for row in &galley.rows {
                    for g in &row.glyphs {
                        if g.advance_width > 0.0 && map.char_of_glyph(glyph) == middle {
                            assert_eq!(g.chr, chars[middle], "{line:?}");
                            found.get_or_insert(
                                row.pos + vec2(g.pos.x + g.advance_width / 2.0, row.size.y / 2.0),
                            );
                        }
                        glyph += 1;
                    }
                }
                let Some(pos) = found else {
                    continue; // a mark drawn with its letter
                };
                // As a double-click does: the word of the character under the pointer.
                let clicked = map.char_under(&galley, pos.to_vec2());
                assert_eq!(
                    article.word_at(clicked),
                    Some((start, end)),
                    "{line:?}: clicking the middle of {:?} (char {middle}) found char {clicked}",
                    chars[start..end].iter().collect::<String>()
                );
            }
        }
    }
}

#[test]
fn the_tag_margin_gives_way_in_a_narrow_pane_and_keeps_its_width_in_a_wide_one() {
    let near = |a: f32, b: f32| (a - b).abs() < 0.01;
    assert!(near(super::tag_margin(900.0), super::TAG_MARGIN));
    assert!(near(super::tag_margin(560.0), super::TAG_MARGIN));
    assert!(near(super::tag_margin(300.0), super::NARROW_TAG_MARGIN));
    let between = super::tag_margin(440.0);
    assert!(between > super::NARROW_TAG_MARGIN && between < super::TAG_MARGIN);
}
