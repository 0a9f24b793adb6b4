//! Right-to-left and mixed-direction paragraphs in the article pane.
//!
//! egui shapes each word in its own direction (a Hebrew or Arabic word comes out of the shaper
//! right to left, joined and with its marks), but it places the words of a row left to right in
//! the text's order and every row at the left. Here each row of a laid-out paragraph is put in
//! visual order by the Unicode bidirectional algorithm (UAX #9, from the `unicode-bidi`
//! crate): the paragraph's direction comes from its first strong character, the levels are
//! resolved per row (white space at the end of a row at the paragraph's level), and the row's
//! grapheme clusters are moved, each with all its glyphs, to their places. The rows of a
//! right-to-left paragraph are aligned on the right.
//!
//! Glyphs keep their order in the galley, so the [`GlyphMap`] made from it still says which
//! code point each glyph draws; only positions change, and hit-testing, highlights and the
//! caret go through those positions. Offsets stay logical code points throughout.

use std::sync::Arc;

use egui::Galley;
use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};
use unicode_segmentation::UnicodeSegmentation as _;

use super::GlyphMap;

/// Whether anything in `text` may be drawn right to left, by the bidirectional algorithm or by
/// the shaper: a right-to-left letter, an explicit right-to-left embedding, override or
/// isolate, or any character of a right-to-left script (the shaper runs Arabic-Indic and
/// Persian digits right to left, where the algorithm wants them left to right).
pub fn has_right_to_left(text: &str) -> bool {
    // Nothing before U+0590 (Hebrew) is right to left: most text is passed over without a
    // look-up, and text without a byte of such a character at once.
    text.bytes().any(|b| b >= 0xD6)
        && text.chars().any(|c| {
            c >= '\u{590}'
                && (matches!(u32::from(c),
                    0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x1_0800..=0x1_0FFF
                    | 0x1_E800..=0x1_EFFF)
                    || matches!(
                        bidi_class(c),
                        BidiClass::R
                            | BidiClass::AL
                            | BidiClass::AN
                            | BidiClass::RLE
                            | BidiClass::RLO
                            | BidiClass::RLI
                    ))
        })
}

/// Whether the paragraph `text` runs right to left: its first strong character is a
/// right-to-left one (UAX #9, rules P2 and P3).
pub fn is_right_to_left(text: &str) -> bool {
    // Text of isolates (LRI, RLI, FSI up to their PDI) is passed over, as rule P2 says.
    let mut isolated = 0usize;
    for c in text.chars() {
        match bidi_class(c) {
            BidiClass::LRI | BidiClass::RLI | BidiClass::FSI => isolated += 1,
            BidiClass::PDI => isolated = isolated.saturating_sub(1),
            BidiClass::L if isolated == 0 => return false,
            BidiClass::R | BidiClass::AL if isolated == 0 => return true,
            BidiClass::B => return false,
            _ => {}
        }
    }
    false
}

/// The text to lay out for `text`: each mirrored character (brackets, guillemets, `<`…)
/// that the bidirectional algorithm puts in a right-to-left run replaced by its mirror image
/// (UAX #9, rule L4), code point for code point, so offsets are unchanged. `None` when there
/// is nothing to mirror.
pub fn mirrored(text: &str) -> Option<String> {
    if !has_right_to_left(text) || !text.chars().any(unicode_bidi_mirroring::is_mirroring) {
        return None;
    }
    let bidi = BidiInfo::new(text, None);
    Some(
        text.char_indices()
            .map(|(byte, c)| {
                let rtl = bidi.levels.get(byte).is_some_and(Level::is_rtl);
                rtl.then(|| unicode_bidi_mirroring::get_mirrored(c))
                    .flatten()
                    .unwrap_or(c)
            })
            .collect(),
    )
}

/// A paragraph put in visual order by [`in_visual_order`].
pub struct Arranged {
    /// The galley, each row in visual order.
    pub galley: Arc<Galley>,
    /// The paragraph runs right to left (its rows are aligned on the right).
    pub right_to_left: bool,
    /// Where the caret can stand, in the order ← and → pass through them (see [`Stop`]).
    pub stops: Vec<Stop>,
}

/// A place the caret can stand in a paragraph in visual order: at code point boundary
/// `offset`, drawn at `x` on row `row`.
///
/// Read left to right, a paragraph's stops are its rows' cluster edges, each row left to right,
/// the rows top down (bottom up in a right-to-left paragraph, whose rows read from the right).
/// At the edge of a cluster drawn right to left, the boundary is its logical end on the left
/// and its start on the right; where the direction changes, one boundary can stand in two
/// places, and the caret goes through both, as it does in a browser.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stop {
    /// The code point boundary, from the paragraph's start.
    pub offset: usize,
    /// Where it is drawn, from the galley's left.
    pub x: f32,
    /// The galley row it is on.
    pub row: usize,
}

/// `galley`, laid out from `text` and mapped by `map`, with each row in visual order and, for a
/// right-to-left paragraph, aligned on the right of `wrap_width`. `None` when nothing in the
/// text runs right to left (the galley is right as it is, and the caret moves in the text's
/// order).
///
/// The map then takes each character's direction from the levels resolved here, not from
/// the shaper's runs: a comma or a space between Hebrew words is shaped on its own, left to
/// right, but stands in a right-to-left run, and a click on it counts its halves that way.
pub fn in_visual_order(
    galley: &Galley,
    text: &str,
    map: &mut GlyphMap,
    wrap_width: f32,
) -> Option<Arranged> {
    if !has_right_to_left(text) {
        return None;
    }
    let bidi = BidiInfo::new(text, None);
    let right_to_left = bidi.paragraphs.first().is_some_and(|p| p.level.is_rtl());
    let byte_of_char: Vec<usize> = text
        .char_indices()
        .map(|(byte, _)| byte)
        .chain(std::iter::once(text.len()))
        .collect();
    let chars = byte_of_char.len() - 1;
    let mut cluster_of = Vec::with_capacity(chars);
    // Where each cluster starts, and one more for the end.
    let mut bounds = vec![0];
    for (n, grapheme) in text.graphemes(true).enumerate() {
        let count = grapheme.chars().count();
        cluster_of.extend(std::iter::repeat_n(n, count));
        bounds.push(cluster_of.len());
    }

    // The first code point of each row, in the text's order: rows break in logical order.
    let mut first_glyph = 0;
    let mut row_glyphs = Vec::with_capacity(galley.rows.len());
    for placed in &galley.rows {
        row_glyphs.push(first_glyph..first_glyph + placed.glyphs.len());
        first_glyph += placed.glyphs.len();
    }
    let row_starts: Vec<usize> = row_glyphs
        .iter()
        .map(|glyphs| {
            glyphs
                .clone()
                .map(|g| map.char_of_glyph(g))
                .min()
                .unwrap_or(chars)
        })
        .collect();

    let mut out = galley.clone();
    let mut rows_stops: Vec<Vec<Stop>> = Vec::with_capacity(out.rows.len());
    let mut right_to_left_chars = vec![right_to_left; chars];
    for (r, placed) in out.rows.iter_mut().enumerate() {
        let start = row_starts.get(r).copied().unwrap_or(chars).min(chars);
        let end = row_starts
            .get(r + 1..)
            .and_then(|later| later.iter().copied().find(|&s| s > start))
            .unwrap_or(chars)
            .max(start);
        let glyphs = row_glyphs.get(r).cloned().unwrap_or_default();
        let row = Arc::make_mut(&mut placed.row);
        let mut edges = Vec::new();
        if start < end {
            let levels = row_levels(&bidi, &byte_of_char, start, end);
            for (rtl, level) in right_to_left_chars.iter_mut().skip(start).zip(&levels) {
                *rtl = level.is_rtl();
            }
            let order = BidiInfo::reorder_visual(&levels);
            let placed_clusters = place_clusters(row, glyphs, map, &cluster_of, start, &order);
            for (k, left, width) in placed_clusters {
                let (Some(&from), Some(&to)) = (bounds.get(k), bounds.get(k + 1)) else {
                    continue;
                };
                let rtl = levels
                    .get(from.saturating_sub(start))
                    .is_some_and(Level::is_rtl);
                let (on_left, on_right) = if rtl { (to, from) } else { (from, to) };
                edges.push((on_left, left));
                edges.push((on_right, left + width));
            }
        }
        if right_to_left {
            placed.pos.x = (wrap_width - row.size.x).max(0.0);
        }
        if edges.is_empty() {
            // An empty row: the caret at its start.
            edges.push((start, if right_to_left { row.size.x } else { 0.0 }));
        }
        let row_x = placed.pos.x;
        let to_stop = |(offset, x)| Stop {
            offset,
            x: row_x + x,
            row: r,
        };
        rows_stops.push(edges.into_iter().map(to_stop).collect());
    }
    if right_to_left {
        rows_stops.reverse();
    }
    let mut stops: Vec<Stop> = rows_stops.into_iter().flatten().collect();
    // Between clusters and where rows meet, a boundary once.
    stops.dedup_by_key(|stop| stop.offset);
    map.set_directions(&right_to_left_chars);
    let mut bounds = egui::Rect::NOTHING;
    for placed in &out.rows {
        bounds = bounds.union(placed.visuals.mesh_bounds.translate(placed.pos.to_vec2()));
    }
    out.mesh_bounds = bounds;
    if right_to_left {
        out.rect.max.x = out.rect.max.x.max(wrap_width);
    }
    Some(Arranged {
        galley: Arc::new(out),
        right_to_left,
        stops,
    })
}

/// The levels of code points `[start, end)` as one row: rule L1 applied to that row.
fn row_levels(bidi: &BidiInfo<'_>, byte_of_char: &[usize], start: usize, end: usize) -> Vec<Level> {
    let mut levels = Vec::with_capacity(end - start);
    let mut at = start;
    // A row may cross a paragraph separator (U+2029 inside a line): each part at its own
    // paragraph's levels.
    while at < end {
        let byte = byte_of_char.get(at).copied().unwrap_or_default();
        let Some(para) = bidi.paragraphs.iter().find(|p| p.range.contains(&byte)) else {
            break;
        };
        let part_end = byte_of_char
            .iter()
            .position(|&b| b >= para.range.end)
            .unwrap_or(end)
            .clamp(at + 1, end);
        let line = byte..byte_of_char
            .get(part_end)
            .copied()
            .unwrap_or(para.range.end);
        let all = bidi.reordered_levels_per_char(para, line);
        levels.extend(all.get(at..part_end).unwrap_or_default());
        at = part_end;
    }
    levels.resize(end - start, Level::ltr());
    levels
}

/// Moves the glyphs of one row so that its grapheme clusters stand in `order` (the row's code
/// points, from `start`, in visual order), each cluster's glyphs keeping their places relative
/// to one another (marks on their letter, the letters of a ligature together). Gives each
/// cluster, left to right, with its left edge and width on the row.
fn place_clusters(
    row: &mut egui::epaint::text::Row,
    glyphs: std::ops::Range<usize>,
    map: &GlyphMap,
    cluster_of: &[usize],
    start: usize,
    order: &[usize],
) -> Vec<(usize, f32, f32)> {
    let cluster = |c: usize| cluster_of.get(c).copied().unwrap_or(usize::MAX);
    // The clusters in visual order, each once.
    let mut visual: Vec<usize> = Vec::new();
    for &n in order {
        let k = cluster(start + n);
        if visual.last() != Some(&k) && !visual.contains(&k) {
            visual.push(k);
        }
    }
    // Each glyph's cluster, and each cluster's left edge and width as laid out.
    let of_glyph: Vec<usize> = glyphs.map(|g| cluster(map.char_of_glyph(g))).collect();
    let mut cursor = 0.0;
    let mut placed = Vec::with_capacity(visual.len());
    let mut moves: Vec<(usize, f32)> = Vec::with_capacity(visual.len());
    for &k in &visual {
        let mut left = f32::INFINITY;
        let mut width = 0.0;
        for (glyph, _) in row.glyphs.iter().zip(&of_glyph).filter(|(_, c)| **c == k) {
            if glyph.advance_width > 0.0 {
                left = left.min(glyph.pos.x);
            }
            width += glyph.advance_width;
        }
        if left.is_finite() {
            moves.push((k, cursor - left));
        } else {
            moves.push((k, 0.0));
        }
        placed.push((k, cursor, width));
        cursor += width;
    }
    // Glyphs of a cluster with no width of its own (a merged letter) stay where the cluster
    // before them in the text went.
    let vertices = &mut row.visuals.mesh.vertices;
    for (glyph, k) in row.glyphs.iter_mut().zip(&of_glyph) {
        let Some(&(_, dx)) = moves.iter().find(|(c, _)| c == k) else {
            continue;
        };
        if dx == 0.0 {
            continue;
        }
        glyph.pos.x += dx;
        if !glyph.uv_rect.is_nothing() {
            let first = glyph.first_vertex as usize;
            for vertex in vertices.iter_mut().skip(first).take(4) {
                vertex.pos.x += dx;
            }
        }
    }
    row.visuals.mesh_bounds = row.visuals.mesh.calc_bounds();
    placed
}

#[cfg(test)]
mod tests {
    use super::{has_right_to_left, is_right_to_left};

    #[test]
    fn brackets_in_right_to_left_runs_are_mirrored_one_for_one() {
        let text = "Ana said «שלום (עולם)» and (so)";
        let shown = super::mirrored(text).unwrap_or_default();
        assert_eq!(shown.chars().count(), text.chars().count());
        assert_eq!(shown, "Ana said «שלום )עולם(» and (so)");
        assert_eq!(super::mirrored("Ana (so)"), None);
    }

    #[test]
    fn the_first_strong_character_gives_the_direction() {
        assert!(is_right_to_left("«שלום», said Ana"));
        assert!(!is_right_to_left("Ana said «שלום»"));
        assert!(is_right_to_left("2024 قال الوزير"));
        assert!(!is_right_to_left("2024"));
        assert!(has_right_to_left("Ana said «שלום»"));
        assert!(!has_right_to_left("Ana said 2024"));
    }
}
