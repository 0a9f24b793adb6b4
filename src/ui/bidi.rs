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
use unicode_bidi::{BidiInfo, Level};

use super::GlyphMap;
pub use marginalia_core::direction::has_right_to_left;
use marginalia_core::direction::mirrored;

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
/// right-to-left paragraph, aligned on the right of `align_width` when given. `None` when
/// nothing in the text runs right to left (the galley is right as it is, and the caret moves
/// in the text's order).
///
/// The map then takes each character's direction from the levels resolved here, not from
/// the shaper's runs: a comma or a space between Hebrew words is shaped on its own, left to
/// right, but stands in a right-to-left run, and a click on it counts its halves that way.
pub fn in_visual_order(
    galley: &Galley,
    text: &str,
    map: &mut GlyphMap,
    align_width: Option<f32>,
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
    // The map's grapheme clusters: mirroring brackets leaves their bounds as they were.
    let (clusters, cluster_of) = (map.clusters(), map.cluster_of());

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
            let placed_clusters = place_clusters(row, glyphs, map, cluster_of, start, &order);
            for (k, left, width) in placed_clusters {
                let Some(&(from, to)) = clusters.get(k) else {
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
        if right_to_left && let Some(width) = align_width {
            placed.pos.x = (width - row.size.x).max(0.0);
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
    if right_to_left && let Some(width) = align_width {
        out.rect.max.x = out.rect.max.x.max(width);
    }
    Some(Arranged {
        galley: Arc::new(out),
        right_to_left,
        stops,
    })
}

/// `galley` (any text laid out by egui: a list row, a label) with its rows in visual order,
/// so a quotation in Hebrew or Arabic reads right in the side panel and the lists as it does
/// in the article. Text with nothing right to left comes back as it is, without a look at its
/// glyphs; other text is arranged once and kept while egui keeps its galley (see
/// [`VisualCache`]), so a list of Arabic quotes costs no more per frame than an English one.
pub fn visual(ctx: &egui::Context, galley: Arc<Galley>) -> Arc<Galley> {
    if !has_right_to_left(&galley.job.text) {
        return galley;
    }
    let pass = ctx.cumulative_pass_nr();
    let key = Arc::as_ptr(&galley) as usize;
    let id = egui::Id::unique(VisualCache::ID);
    let found = ctx.data_mut(|data| {
        data.get_temp_mut_or_default::<VisualCache>(id)
            .get(key, pass)
    });
    if let Some(arranged) = found {
        return arranged;
    }
    // Laid out outside the lock on the context's data: mirroring lays out the text anew.
    let arranged = arrange_visual(ctx, &galley);
    ctx.data_mut(|data| {
        data.get_temp_mut_or_default::<VisualCache>(id)
            .insert(key, pass, galley, arranged.clone());
    });
    arranged
}

/// The galleys [`visual`] arranged, by the galley egui laid out: each entry holds that galley,
/// so its address is not reused while the entry lives, and is dropped once unused for a few
/// passes (egui drops its own galleys after one).
#[derive(Clone, Default)]
struct VisualCache {
    entries: std::collections::HashMap<usize, (Arc<Galley>, Arc<Galley>, u64)>,
}

impl VisualCache {
    const ID: &'static str = "marginalia-visual-order";

    /// The arranged galley of the galley at `key`, marked used in `pass`.
    fn get(&mut self, key: usize, pass: u64) -> Option<Arc<Galley>> {
        let (_, arranged, used) = self.entries.get_mut(&key)?;
        *used = pass;
        Some(arranged.clone())
    }

    /// Keeps `arranged` for `galley`, at `key`, dropping entries unused for a few passes once
    /// there are many.
    fn insert(&mut self, key: usize, pass: u64, galley: Arc<Galley>, arranged: Arc<Galley>) {
        if self.entries.len() >= 256 {
            self.entries
                .retain(|_, (_, _, used)| pass.saturating_sub(*used) <= 2);
        }
        self.entries.insert(key, (galley, arranged, pass));
    }
}

/// `galley` with its brackets mirrored where they run right to left and its rows in visual
/// order (not cached; see [`visual`]).
fn arrange_visual(ctx: &egui::Context, galley: &Arc<Galley>) -> Arc<Galley> {
    let text = galley.job.text.as_str();
    // The text with its mirrored brackets, laid out as the galley was.
    let shown = mirrored(text).map(|shown| {
        let mut job = (*galley.job).clone();
        job.text = shown;
        ctx.fonts_mut(|fonts| fonts.layout_job(job))
    });
    let laid = shown.as_ref().unwrap_or(galley);
    let mut map = GlyphMap::of_galley(&laid.job.text, laid);
    in_visual_order(laid, text, &mut map, None).map_or_else(|| laid.clone(), |a| a.galley)
}

/// `text` for a label, a button or a list row, laid out to the width available in `ui` and in
/// visual order when anything in it runs right to left (see [`visual`]).
pub fn visual_text(ui: &egui::Ui, text: impl Into<egui::WidgetText>) -> egui::WidgetText {
    let text = text.into();
    if !has_right_to_left(text.text()) {
        return text;
    }
    let galley = text.into_galley(
        ui,
        Some(egui::TextWrapMode::Wrap),
        ui.available_width(),
        egui::TextStyle::Body,
    );
    egui::WidgetText::Galley(visual(ui.ctx(), galley))
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
            .partition_point(|&b| b < para.range.end)
            .clamp(at + 1, end);
        let line = byte..byte_of_char
            .get(part_end)
            .copied()
            .unwrap_or(para.range.end);
        // The levels of the whole paragraph, by byte, with rule L1 applied to this line.
        let all = bidi.reordered_levels(para, line);
        levels.extend(
            byte_of_char
                .get(at..part_end)
                .unwrap_or_default()
                .iter()
                .map(|&b| all.get(b).copied().unwrap_or_else(Level::ltr)),
        );
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
    // The row's clusters are consecutive: each is looked up by its place among them.
    let (first, last) = order
        .iter()
        .map(|&n| cluster(start + n))
        .filter(|&k| k != usize::MAX)
        .fold((usize::MAX, 0), |(lo, hi), k| (lo.min(k), hi.max(k)));
    let count = (last + 1).saturating_sub(first);
    let slot = |k: usize| k.checked_sub(first).filter(|&i| i < count);
    // The clusters in visual order, each once.
    let mut seen = vec![false; count];
    let mut visual: Vec<usize> = Vec::with_capacity(count);
    for &n in order {
        let k = cluster(start + n);
        if let Some(i) = slot(k)
            && !seen[i]
        {
            seen[i] = true;
            visual.push(k);
        }
    }
    // Each glyph's cluster, and each cluster's left edge and width as laid out.
    let of_glyph: Vec<Option<usize>> = glyphs
        .map(|g| slot(cluster(map.char_of_glyph(g))))
        .collect();
    let mut lefts = vec![f32::INFINITY; count];
    let mut widths = vec![0.0; count];
    for (glyph, i) in row.glyphs.iter().zip(&of_glyph) {
        let Some(i) = *i else { continue };
        if glyph.advance_width > 0.0 {
            lefts[i] = lefts[i].min(glyph.pos.x);
        }
        widths[i] += glyph.advance_width;
    }
    // How far each cluster's glyphs move: a cluster without width stays where it is.
    let mut moves = vec![0.0; count];
    let mut cursor = 0.0;
    let mut placed = Vec::with_capacity(visual.len());
    for &k in &visual {
        let i = k - first;
        if lefts[i].is_finite() {
            moves[i] = cursor - lefts[i];
        }
        placed.push((k, cursor, widths[i]));
        cursor += widths[i];
    }
    let vertices = &mut row.visuals.mesh.vertices;
    for (glyph, i) in row.glyphs.iter_mut().zip(&of_glyph) {
        let dx = i.map_or(0.0, |i| moves[i]);
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
    #[test]
    fn a_list_row_reads_in_the_order_the_bidi_algorithm_gives() {
        let ctx = crate::ui::article_view::tests::system_fonts();
        for text in [
            "Claim #3: “הם אמרו 2024 שקל” — נועה כהן",
            "“הם אמרו: AI זה לא 12 שקל”",
            "Denial: “قال الوزير 2024 إن الأسعار”",
            "הדלתות פתוחות לתורמים פרטיים (Sponsors)",
        ] {
            let mut shown = Vec::new();
            let mut drawn = String::new();
            // Fonts load on the first pass that needs them; lay out on the second.
            for _ in 0..2 {
                let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                    let job = egui::text::LayoutJob::simple_singleline(
                        text.to_owned(),
                        egui::FontId::proportional(13.0),
                        egui::Color32::WHITE,
                    );
                    let galley = super::visual(ui.ctx(), ui.painter().layout_job(job));
                    // Laid out from the text with its brackets mirrored.
                    let map = super::GlyphMap::of_galley(&galley.job.text, &galley);
                    let mut glyphs: Vec<(f32, usize, char)> = Vec::new();
                    let mut n = 0;
                    for row in &galley.rows {
                        for g in &row.glyphs {
                            if g.advance_width > 0.0 {
                                glyphs.push((row.pos.x + g.pos.x, map.char_of_glyph(n), g.chr));
                            }
                            n += 1;
                        }
                    }
                    glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
                    shown = glyphs.iter().map(|&(_, c, _)| c).collect();
                    drawn = glyphs.iter().map(|&(_, _, chr)| chr).collect();
                });
                output.textures_delta.clear();
            }
            // What the algorithm gives: its visual runs, each read in its direction; only
            // the characters drawn by a glyph of their own (not the hamza of a ligature).
            let bidi = unicode_bidi::BidiInfo::new(text, None);
            let para = &bidi.paragraphs[0];
            let (levels, runs) = bidi.visual_runs(para, para.range.clone());
            let mut expected = Vec::new();
            for run in runs {
                let mut chars: Vec<usize> = text
                    .char_indices()
                    .enumerate()
                    .filter(|(_, (byte, _))| run.contains(byte))
                    .map(|(c, _)| c)
                    .collect();
                if levels[run.start].is_rtl() {
                    chars.reverse();
                }
                expected.extend(chars.into_iter().filter(|c| shown.contains(c)));
            }
            assert_eq!(shown, expected, "{text}");
            // Brackets in a right-to-left run drawn mirrored: they read as brackets should.
            if text.contains("(Sponsors)") {
                assert!(drawn.starts_with("(Sponsors) "), "{drawn}");
            }
        }
    }
}
