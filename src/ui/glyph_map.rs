//! Between a paragraph's laid-out glyphs and its code points.
//!
//! egui lays a paragraph out as glyphs and counts its cursor in glyphs, but glyphs and code
//! points differ: a character can shape to several glyphs or none (marks join their base, a
//! flag is one glyph for two code points), and a run of Hebrew or Arabic comes out of the
//! shaper in visual order, right to left, followed by zero-width glyphs for the characters
//! the shaper merged. Counting glyphs as characters put a click or a highlight several code
//! points away from where it was meant after such a run. A [`GlyphMap`] says which code point
//! each glyph draws, worked out from the characters the glyphs carry, and the geometry here
//! (highlight rectangles, hit-testing, a character's box) goes through it, so the annotation
//! made is always the text the user selected.

use egui::{Galley, Pos2, Rect, Vec2, vec2};
use unicode_segmentation::UnicodeSegmentation as _;

/// Which code point each glyph of a laid-out paragraph draws.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GlyphMap {
    /// For each glyph, in layout order, the code point (from the paragraph's start) it draws.
    char_of_glyph: Vec<usize>,
    /// For each glyph, whether it belongs to a run drawn right to left.
    right_to_left: Vec<bool>,
    /// How many code points the paragraph has.
    chars: usize,
    /// The grapheme clusters, as (first code point, one past the last).
    clusters: Vec<(usize, usize)>,
    /// For each code point, the cluster it belongs to.
    cluster_of: Vec<usize>,
    /// For each code point, the glyph [`Self::char_box`] gives its box: the first glyph with
    /// width of that code point, else of the nearest one after it; `None` past the last.
    box_glyph: Vec<Option<usize>>,
}

impl GlyphMap {
    /// The map for `glyphs` laid out from `text`: for each glyph, the character it stands
    /// for and whether it has width.
    pub fn new(text: &str, glyphs: &[(char, bool)]) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut aligner = Aligner::new(text, &chars, glyphs);
        aligner.align();
        let mut box_glyph = vec![None; chars.len()];
        for (glyph, (&c, &(_, wide))) in aligner.char_of_glyph.iter().zip(glyphs).enumerate() {
            if let Some(slot @ None) = box_glyph.get_mut(c).filter(|_| wide) {
                *slot = Some(glyph);
            }
        }
        for c in (0..box_glyph.len().saturating_sub(1)).rev() {
            if box_glyph[c].is_none() {
                box_glyph[c] = box_glyph[c + 1];
            }
        }
        Self {
            char_of_glyph: aligner.char_of_glyph,
            right_to_left: aligner.right_to_left,
            chars: chars.len(),
            clusters: aligner.clusters,
            cluster_of: aligner.cluster_of,
            box_glyph,
        }
    }

    /// The map of a laid-out paragraph of `text`.
    pub fn of_galley(text: &str, galley: &Galley) -> Self {
        let glyphs: Vec<(char, bool)> = galley
            .rows
            .iter()
            .flat_map(|row| row.glyphs.iter().map(|g| (g.chr, g.advance_width > 0.0)))
            .collect();
        Self::new(text, &glyphs)
    }

    /// The code point glyph `glyph` draws; the paragraph's length past the last glyph.
    pub fn char_of_glyph(&self, glyph: usize) -> usize {
        self.char_of_glyph.get(glyph).copied().unwrap_or(self.chars)
    }

    /// Rectangles covering code points `[start, end)` of `galley` placed at `at`: one for each
    /// stretch of touching glyphs on a row, left to right, so a range that crosses a change of
    /// direction (its glyphs apart on screen) is covered piece by piece.
    pub fn rects(&self, galley: &Galley, at: Pos2, start: usize, end: usize) -> Vec<Rect> {
        self.pieces(galley, at, &[start, end])
            .into_iter()
            .map(|(_, rect)| rect)
            .collect()
    }

    /// The rectangles of each range between neighbouring `cuts` (sorted code points), as
    /// [`Self::rects`] gives them, in one pass over the glyphs: `(n, rect)` for a rectangle of
    /// the range from `cuts[n]` to `cuts[n + 1]`.
    pub fn pieces(&self, galley: &Galley, at: Pos2, cuts: &[usize]) -> Vec<(usize, Rect)> {
        let (Some(&first), Some(&last)) = (cuts.first(), cuts.last()) else {
            return Vec::new();
        };
        let mut rects = Vec::new();
        let mut glyph = 0;
        let mut spans: Vec<(usize, f32, f32)> = Vec::new();
        for placed in &galley.rows {
            spans.clear();
            for g in &placed.glyphs {
                let c = self.char_of_glyph(glyph);
                glyph += 1;
                if (first..last).contains(&c) && g.advance_width > 0.0 {
                    let piece = cuts.partition_point(|&cut| cut <= c) - 1;
                    spans.push((piece, g.pos.x, g.pos.x + g.advance_width));
                }
            }
            spans.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let mut open: Option<(usize, f32, f32)> = None;
            for &(piece, x0, x1) in &spans {
                match open {
                    // Touching (glyph positions are rounded to pixels): one stretch, or
                    // its pieces would show seams.
                    Some((p, a, b)) if p == piece && x0 <= b + 1.5 => {
                        open = Some((p, a, b.max(x1)));
                    }
                    Some((p, a, b)) => {
                        rects.push((p, row_rect(placed, at, a, b)));
                        open = Some((piece, x0, x1));
                    }
                    None => open = Some((piece, x0, x1)),
                }
            }
            if let Some((p, a, b)) = open {
                rects.push((p, row_rect(placed, at, a, b)));
            }
        }
        rects.retain(|(_, r)| r.width() > 0.0);
        rects
    }

    /// Gives each glyph the direction of the code point it draws: `right_to_left[c]` for code
    /// point `c`, as the bidirectional algorithm resolved it.
    pub fn set_directions(&mut self, right_to_left: &[bool]) {
        for (rtl, &c) in self.right_to_left.iter_mut().zip(&self.char_of_glyph) {
            if let Some(&resolved) = right_to_left.get(c) {
                *rtl = resolved;
            }
        }
    }

    /// Whether code point `c` is drawn in a run that goes right to left.
    pub fn is_right_to_left(&self, c: usize) -> bool {
        self.char_of_glyph
            .iter()
            .position(|&drawn| drawn == c)
            .and_then(|glyph| self.right_to_left.get(glyph).copied())
            .unwrap_or(false)
    }

    /// The box of code point `c` (its first glyph with width, from `galley` placed at `at`): a
    /// zero-width box at the end of the last row for the end of the paragraph.
    pub fn char_box(&self, galley: &Galley, at: Pos2, c: usize) -> Option<Rect> {
        if let Some(mut glyph) = self.box_glyph.get(c).copied().flatten() {
            for placed in &galley.rows {
                match placed.glyphs.get(glyph) {
                    Some(g) => {
                        return Some(row_rect(placed, at, g.pos.x, g.pos.x + g.advance_width));
                    }
                    None => glyph -= placed.glyphs.len(),
                }
            }
        }
        // Past the last glyph: the end of the last row.
        let placed = galley.rows.last()?;
        Some(row_rect(placed, at, placed.size.x, placed.size.x))
    }

    /// The code point boundary under `pos` (relative to the galley): before the grapheme
    /// cluster whose glyph is under it, or after it when `pos` is on the glyph's later half in
    /// its own direction. Where a caret goes, and where a drag starts and ends: never inside a
    /// cluster, even where the font draws one (an emoji sequence it has no single glyph for)
    /// with several glyphs.
    pub fn hit(&self, galley: &Galley, pos: Vec2) -> usize {
        match self.under(galley, pos) {
            Some((c, true)) => self.after(c),
            Some((c, false)) => self.cluster(c).0,
            None => 0,
        }
    }

    /// The paragraph's grapheme clusters, in the text's order, as (first code point, one
    /// past the last).
    pub fn clusters(&self) -> &[(usize, usize)] {
        &self.clusters
    }

    /// For each code point, the index in [`Self::clusters`] of the cluster it belongs to.
    pub fn cluster_of(&self) -> &[usize] {
        &self.cluster_of
    }

    /// The grapheme cluster code point `c` belongs to.
    fn cluster(&self, c: usize) -> (usize, usize) {
        self.cluster_of
            .get(c)
            .and_then(|&k| self.clusters.get(k))
            .copied()
            .unwrap_or((c, c))
    }

    /// The code point whose glyph is under `pos`, or the nearest on its row: what a
    /// double-click takes the word of, and what a click on a highlight selects.
    pub fn char_under(&self, galley: &Galley, pos: Vec2) -> usize {
        self.under(galley, pos).map_or(0, |(c, _)| c)
    }

    /// The code point drawn under `pos` (or nearest to it on its row), and whether `pos` is
    /// past its middle in its own direction.
    fn under(&self, galley: &Galley, pos: Vec2) -> Option<(usize, bool)> {
        let row_index = galley
            .rows
            .iter()
            .position(|placed| pos.y < placed.pos.y + placed.size.y)
            .unwrap_or_else(|| galley.rows.len().saturating_sub(1));
        let first_glyph: usize = galley
            .rows
            .iter()
            .take(row_index)
            .map(|placed| placed.glyphs.len())
            .sum();
        let placed = galley.rows.get(row_index)?;
        let x = pos.x - placed.pos.x;
        let mut nearest: Option<(f32, usize, bool)> = None;
        for (n, g) in placed.glyphs.iter().enumerate() {
            if g.advance_width <= 0.0 {
                continue;
            }
            let glyph = first_glyph + n;
            let (x0, x1) = (g.pos.x, g.pos.x + g.advance_width);
            let c = self.char_of_glyph(glyph);
            let rtl = self.right_to_left.get(glyph).copied().unwrap_or(false);
            if (x0..x1).contains(&x) {
                let later_half = if rtl {
                    x < f32::midpoint(x0, x1)
                } else {
                    x >= f32::midpoint(x0, x1)
                };
                return Some((c, later_half));
            }
            let distance = if x < x0 { x0 - x } else { x - x1 };
            // Beside the row's text: the boundary on the side the pointer is.
            let beyond = (x >= x1) != rtl;
            if nearest.is_none_or(|(d, _, _)| distance < d) {
                nearest = Some((distance, c, beyond));
            }
        }
        nearest
            .map(|(_, c, beyond)| (c, beyond))
            .or(Some((self.char_of_glyph(first_glyph), false)))
    }

    /// The boundary after code point `c`'s cluster and the code points drawn with it.
    fn after(&self, c: usize) -> usize {
        // The next code point past the cluster that any glyph draws, else the end.
        let end = self.cluster(c).1.max(c + 1);
        self.char_of_glyph
            .iter()
            .copied()
            .filter(|&other| other >= end)
            .min()
            .map_or(self.chars, |next| self.cluster(next).0.max(end))
    }
}

fn row_rect(placed: &egui::epaint::text::PlacedRow, at: Pos2, x0: f32, x1: f32) -> Rect {
    Rect::from_min_max(
        at + vec2(placed.pos.x + x0, placed.pos.y),
        at + vec2(placed.pos.x + x1, placed.pos.y + placed.size.y),
    )
}

/// Walks the glyphs in layout order, placing each on a code point.
struct Aligner<'a> {
    chars: &'a [char],
    glyphs: &'a [(char, bool)],
    /// The grapheme clusters, as (first code point, one past the last).
    clusters: Vec<(usize, usize)>,
    /// For each code point, the cluster it belongs to.
    cluster_of: Vec<usize>,
    /// The first code point not yet drawn.
    next: usize,
    /// The code point drawn last.
    last: Option<usize>,
    /// The code points of the run just placed right to left, while no glyph has gone forward
    /// since: a glyph without width that draws one of them is a leftover of that run.
    reversed: Option<std::ops::Range<usize>>,
    char_of_glyph: Vec<usize>,
    right_to_left: Vec<bool>,
}

impl<'a> Aligner<'a> {
    /// How far ahead a glyph's character is looked for when characters before it drew no
    /// glyph of their own.
    const LOOK_AHEAD: usize = 4;

    fn new(text: &str, chars: &'a [char], glyphs: &'a [(char, bool)]) -> Self {
        let mut clusters = Vec::new();
        let mut cluster_of = Vec::with_capacity(chars.len());
        let mut c = 0;
        for grapheme in text.graphemes(true) {
            let len = grapheme.chars().count();
            cluster_of.extend(std::iter::repeat_n(clusters.len(), len));
            clusters.push((c, c + len));
            c += len;
        }
        Self {
            chars,
            glyphs,
            clusters,
            cluster_of,
            next: 0,
            last: None,
            reversed: None,
            char_of_glyph: Vec::with_capacity(glyphs.len()),
            right_to_left: Vec::with_capacity(glyphs.len()),
        }
    }

    fn align(&mut self) {
        let mut i = 0;
        while let Some(&(chr, wide)) = self.glyphs.get(i) {
            // The shaper may add a glyph without width for a letter of the word it just drew
            // right to left (Arabic لن): it is drawn with that word, not the next one.
            if !wide
                && let Some(run) = self.reversed.clone()
                && let Some(at) = self
                    .chars
                    .get(run.clone())
                    .and_then(|cs| cs.iter().position(|&c| c == chr))
            {
                self.place(run.start + at, true);
                i += 1;
                continue;
            }
            // The shaper draws every run of Hebrew or Arabic letters right to left: read a
            // glyph of such a letter as the start of a run backwards first, even where the
            // glyphs would also read forwards (a word that begins and ends with one letter).
            let right_to_left_letter = matches!(
                unicode_bidi::bidi_class(chr),
                unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
            );
            if (right_to_left_letter || !self.goes_forward(i))
                && let Some(consumed) = self.reversed_run(i)
            {
                i += consumed;
                continue;
            }
            // A glyph without width stands for the very next character (the second half of a
            // ligature or a flag) or is drawn with the last one; only a glyph with width may
            // skip characters that drew nothing.
            let look = if wide { Self::LOOK_AHEAD } else { 1 };
            let ahead = self
                .chars
                .get(self.next..(self.next + look).min(self.chars.len()));
            let found = ahead.and_then(|ahead| ahead.iter().position(|&c| c == chr));
            let c = match found {
                // The next character (or one a little after, the ones between drew nothing).
                Some(skip) => {
                    let c = self.next + skip;
                    self.next = c + 1;
                    c
                }
                // Another glyph of the character before (a mark, a part of it), or one the
                // shaper added after a run: drawn with the last character placed.
                None => self.last.unwrap_or(0),
            };
            self.place(c, false);
            if wide {
                self.reversed = None;
            }
            i += 1;
        }
    }

    /// Whether glyph `i` reads as the next character in the text's own order, and the glyph
    /// after it as the character after that.
    fn goes_forward(&self, i: usize) -> bool {
        let (Some(&(chr, _)), Some(&expected)) = (self.glyphs.get(i), self.chars.get(self.next))
        else {
            return false;
        };
        if chr != expected {
            return false;
        }
        match self.glyphs.get(i + 1) {
            None | Some((_, false)) => true,
            Some(&(following, true)) => {
                // The glyph after draws the next cluster, or more of this one, or starts a
                // run drawn right to left from the next cluster on.
                let cluster = self.cluster_of.get(self.next).copied().unwrap_or(0);
                let next_cluster = self.clusters.get(cluster + 1).map(|&(a, _)| a);
                next_cluster.is_none_or(|a| self.chars.get(a) == Some(&following))
                    || self.holds(cluster, following)
                    || self.read_reversed(i + 1, cluster + 1).is_some()
            }
        }
    }

    fn holds(&self, cluster: usize, chr: char) -> bool {
        self.clusters
            .get(cluster)
            .and_then(|&(a, b)| self.chars.get(a..b))
            .is_some_and(|cs| cs.contains(&chr))
    }

    fn place(&mut self, c: usize, right_to_left: bool) {
        self.char_of_glyph.push(c);
        self.right_to_left.push(right_to_left);
        self.last = Some(c);
    }

    /// Places a run the shaper drew right to left, starting at glyph `first`: its glyphs
    /// come last cluster first, back to the first code point not yet drawn. Returns how many
    /// glyphs it placed, or `None` when the glyphs do not read so.
    fn reversed_run(&mut self, first: usize) -> Option<usize> {
        let from = *self.cluster_of.get(self.next)?;
        let (last, placed) = self.read_reversed(first, from)?;
        let consumed = placed.len();
        let first = self.clusters.get(from).map_or(0, |&(a, _)| a);
        for cluster in placed {
            let c = self.clusters.get(cluster).map_or(0, |&(a, _)| a);
            self.place(c, true);
        }
        self.next = self
            .clusters
            .get(last)
            .map_or(self.chars.len(), |&(_, b)| b);
        self.reversed = Some(first..self.next);
        Some(consumed)
    }

    /// Reads the glyphs from `first` as a run drawn right to left whose first cluster is
    /// `from`: the run's last cluster and the cluster of each glyph, or `None`. Each glyph
    /// draws the cluster before the last one's; only when no run reads so are clusters drawn
    /// by a ligature (and so by no glyph of their own) passed over.
    fn read_reversed(&self, first: usize, from: usize) -> Option<(usize, Vec<usize>)> {
        self.read_reversed_passing(first, from, false)
            .or_else(|| self.read_reversed_passing(first, from, true))
    }

    fn read_reversed_passing(
        &self,
        first: usize,
        from: usize,
        skip: bool,
    ) -> Option<(usize, Vec<usize>)> {
        let (&(chr, _), rest) = self.glyphs.get(first..)?.split_first()?;
        // The nearest cluster that reads back to `from` is the run's last.
        for last in from + 1..self.clusters.len() {
            if !self.holds(last, chr) {
                continue;
            }
            let mut placed = vec![last];
            let mut current = last;
            for &(chr, _) in rest {
                // A glyph of the cluster before (its letter, or a mark or joiner drawn ahead
                // of the letter), else another glyph of this cluster, else of a cluster one
                // or two further back (the clusters between drawn by a ligature, as the
                // hamza of Arabic لأ).
                if current > from && self.holds(current - 1, chr) {
                    current -= 1;
                } else if self.holds(current, chr) {
                } else if let Some(back) = (2..=3)
                    .filter(|_| skip)
                    .find(|&back| current >= from + back && self.holds(current - back, chr))
                {
                    current -= back;
                } else {
                    break;
                }
                placed.push(current);
            }
            if current == from {
                return Some((last, placed));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::GlyphMap;

    fn glyphs(chars: &str) -> Vec<(char, bool)> {
        chars.chars().map(|c| (c, true)).collect()
    }

    #[test]
    fn one_glyph_per_character_maps_one_to_one() {
        let map = GlyphMap::new("abc", &glyphs("abc"));
        assert_eq!(
            (0..=3).map(|g| map.char_of_glyph(g)).collect::<Vec<_>>(),
            [0, 1, 2, 3]
        );
    }

    #[test]
    fn a_right_to_left_run_is_placed_last_character_first() {
        // "Name כהן gamma": the shaper gives ן ה כ, then a zero-width glyph for a merged one.
        let text = "Name כהן gamma";
        let mut laid = glyphs("Name ");
        laid.extend(glyphs("ןהכ"));
        laid.push(('ה', false));
        laid.extend(glyphs(" gamma"));
        let map = GlyphMap::new(text, &laid);
        let placed: Vec<usize> = (0..laid.len()).map(|g| map.char_of_glyph(g)).collect();
        assert_eq!(&placed[5..8], [7, 6, 5]);
        let gamma = text.chars().position(|c| c == 'g').unwrap_or_default();
        assert_eq!(placed[9], gamma - 1, "the space after the run is the space");
        assert_eq!(placed[10], gamma, "the glyph of g draws g");
    }

    #[test]
    fn marks_are_drawn_with_their_letter_in_either_direction() {
        // שָׁלוֹם: the shaper's glyphs carry the base letter of each cluster.
        let text = "a שָׁלוֹם b";
        let laid = [
            ('a', true),
            (' ', true),
            ('ם', true),
            ('ו', true),
            ('ו', false),
            ('ל', true),
            ('ש', true),
            ('ש', false),
            ('ש', false),
            (' ', true),
            ('b', true),
        ];
        let map = GlyphMap::new(text, &laid);
        let placed: Vec<usize> = (0..laid.len()).map(|g| map.char_of_glyph(g)).collect();
        assert_eq!(placed, [0, 1, 8, 6, 6, 5, 2, 2, 2, 9, 10]);
    }

    #[test]
    fn characters_drawn_by_no_glyph_are_skipped() {
        // A flag of two regional indicators drawn as one glyph, then "x".
        let map = GlyphMap::new("\u{1F1EE}\u{1F1F1}x", &glyphs("\u{1F1EE}x"));
        assert_eq!(map.char_of_glyph(1), 2, "the glyph of x draws x");
    }

    #[test]
    fn repeated_letters_are_not_mistaken_for_extra_glyphs() {
        let map = GlyphMap::new("aab", &glyphs("aab"));
        assert_eq!(map.char_of_glyph(1), 1);
        assert_eq!(map.char_of_glyph(2), 2);
    }
}
