//! Properties of the article pane over generated paragraphs that mix every script a newsroom
//! reports in: Hebrew, Arabic with its vowel marks and ligatures, Persian with zero-width
//! non-joiners and its own digits, numbers and English inside right-to-left text, Chinese, Thai,
//! emoji sequences, combining marks and the punctuation between them. Each paragraph is laid
//! out and put in visual order exactly as the pane does it, at several widths and zooms, with
//! the system's fonts; what is checked is what a user does with the mouse and the arrows, and
//! what the bidirectional algorithm (UAX #9, from `unicode-bidi`) says the result must be.

use egui::{Pos2, Rect, pos2};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use unicode_bidi::BidiInfo;
use unicode_segmentation::UnicodeSegmentation as _;

use super::GlyphMap;
use super::article_view::tests::{arranged_in, system_fonts};
use super::bidi::Arranged;
use super::caret::{self, Step};
use marginalia_core::Article;

/// Words to build paragraphs from, a few of each kind.
const WORDS: &[&str] = &[
    // Hebrew.
    "מנהלת",
    "הפסטיבל",
    "נועה",
    "כהן",
    "שקל",
    // Arabic, with vowel marks, with the ligature لا and لن, and Arabic-Indic digits.
    "مُحَمَّد",
    "عَلِي",
    "الوزير",
    "لأن",
    "لن",
    "الأسعار",
    "١٢٣",
    // Persian, with a zero-width non-joiner, and Persian digits.
    "می‌خواهم",
    "نمی‌دانم",
    "۱۴۰۲",
    // Numbers and English, also inside right-to-left text.
    "2024",
    "3.5%",
    "12,000",
    "minister",
    "said",
    "AI",
    // Chinese, and Thai written without spaces between its words.
    "外交部",
    "北京",
    "รัฐมนตรีกล่าวว่างบประมาณ",
    "ไม่เพียงพอ",
    // Emoji sequences: a family joined by ZWJ, a flag, a skin tone.
    "👩\u{200d}👩\u{200d}👧",
    "🇮🇱",
    "👍🏽",
    // Combining marks.
    "e\u{301}tude",
    "n\u{303}o",
    "Zoë",
];

/// A paragraph of 1 to 13 words, some with punctuation or brackets around them.
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(WORDS), 0..7_usize), 1..14).prop_map(|words| {
        words
            .iter()
            .map(|&(word, mark)| match mark {
                1 => format!("{word},"),
                2 => format!("{word}:"),
                3 => format!("({word})"),
                4 => format!("\"{word}\""),
                5 => format!("{word}."),
                _ => word.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// A grapheme cluster of a laid-out paragraph, as drawn.
struct Drawn {
    /// Its code points.
    start: usize,
    end: usize,
    /// The box of its glyphs with width, relative to the galley; `None` when no glyph of its
    /// own draws it (the second letter of a ligature, a mark drawn with its letter).
    rect: Option<Rect>,
    /// Drawn right to left, by the bidirectional algorithm.
    right_to_left: bool,
    /// White space only.
    space: bool,
}

/// The clusters of `text`, laid out as `galley` and mapped by `map`, in the text's order.
fn clusters(text: &str, galley: &egui::Galley, map: &GlyphMap) -> Vec<Drawn> {
    let bidi = BidiInfo::new(text, None);
    let mut drawn = Vec::new();
    let mut cluster_of = Vec::new();
    let mut start = 0;
    for (byte, grapheme) in text.grapheme_indices(true) {
        let end = start + grapheme.chars().count();
        cluster_of.extend(std::iter::repeat_n(drawn.len(), end - start));
        drawn.push(Drawn {
            start,
            end,
            rect: None,
            right_to_left: bidi
                .levels
                .get(byte)
                .is_some_and(unicode_bidi::Level::is_rtl),
            space: grapheme.chars().all(char::is_whitespace),
        });
        start = end;
    }
    let mut glyph = 0;
    for row in &galley.rows {
        for g in &row.glyphs {
            let c = map.char_of_glyph(glyph);
            glyph += 1;
            let Some(cluster) = cluster_of.get(c).and_then(|&k| drawn.get_mut(k)) else {
                continue;
            };
            if g.advance_width > 0.0 {
                let x = row.pos.x + g.pos.x;
                let rect = Rect::from_min_max(
                    pos2(x, row.pos.y),
                    pos2(x + g.advance_width, row.pos.y + row.size.y),
                );
                cluster.rect = Some(cluster.rect.map_or(rect, |r| r.union(rect)));
            }
        }
    }
    drawn
}

/// Checks every property on one paragraph laid out at `wrap` and `zoom`.
fn check(ctx: &egui::Context, text: &str, wrap: f32, zoom: f32) -> Result<(), TestCaseError> {
    let Some((map, arranged)) = arranged_in(ctx, &[text], 17.0, zoom, wrap).pop() else {
        return Err(TestCaseError::fail("nothing laid out"));
    };
    let galley = &arranged.galley;
    let drawn = clusters(text, galley, &map);
    let article = Article::new(text.to_owned());
    let at = |p: Pos2| p.to_vec2();

    for (k, cluster) in drawn.iter().enumerate() {
        let Some(rect) = cluster.rect else {
            continue;
        };
        // Clicking the middle of a cluster hits its own code points, and a double-click there
        // selects the word it is in.
        let hit = map.char_under(galley, at(rect.center()));
        prop_assert!(
            (cluster.start..cluster.end).contains(&hit),
            "the middle of cluster {}..{} hit {hit}",
            cluster.start,
            cluster.end
        );
        prop_assert_eq!(article.word_at(hit), article.word_at(cluster.start));

        // A drag starts or ends at the boundary on the side of the cluster the pointer is:
        // its start on its leading half (the right half when it runs right to left), its end
        // on the other; so a drag from one cluster to another selects exactly the clusters
        // from the first to the last, in the text's order.
        if cluster.space {
            continue;
        }
        let quarter = |right: bool| {
            let x = if right {
                rect.left() + rect.width() * 0.75
            } else {
                rect.left() + rect.width() * 0.25
            };
            pos2(x, rect.center().y)
        };
        let leading = quarter(cluster.right_to_left);
        prop_assert_eq!(map.hit(galley, at(leading)), cluster.start, "leading half");
        // The trailing half, where the next cluster in the text has a glyph of its own (else
        // this glyph draws both, as a ligature does).
        if drawn.get(k + 1).is_none_or(|next| next.rect.is_some()) {
            let trailing = quarter(!cluster.right_to_left);
            prop_assert_eq!(map.hit(galley, at(trailing)), cluster.end, "trailing half");
        }
    }

    check_caret(&arranged, &drawn)
}

/// The arrows: every press moves the caret on screen, to the right on → row by row in the
/// paragraph's reading order, and between them the two directions stop at every boundary
/// between clusters.
fn check_caret(arranged: &Arranged, drawn: &[Drawn]) -> Result<(), TestCaseError> {
    let stops = &arranged.stops;
    if stops.is_empty() {
        // Nothing runs right to left: the caret steps in the text's order (tested in
        // `caret`).
        return Ok(());
    }
    let mut reached = std::collections::BTreeSet::new();
    for rightward in [true, false] {
        let first = if rightward { 0 } else { stops.len() - 1 };
        let (mut offset, mut stop) = (stops[first].offset, first);
        reached.insert(offset);
        let mut presses = 0;
        while let Step::To {
            offset: next,
            stop: Some(next_stop),
        } = caret::visual_step(stops, Some(stop), offset, rightward)
        {
            let (from, to) = (stops[stop], stops[next_stop]);
            if from.row == to.row {
                prop_assert!(
                    (to.x > from.x) == rightward && (to.x - from.x).abs() >= 0.5,
                    "{from:?} to {to:?}"
                );
            } else {
                // The next row in reading order: down in a left-to-right paragraph on →.
                let down = rightward != arranged.right_to_left;
                prop_assert_eq!(to.row, if down { from.row + 1 } else { from.row - 1 });
            }
            reached.insert(next);
            (offset, stop) = (next, next_stop);
            presses += 1;
            prop_assert!(presses <= 2 * stops.len(), "the caret goes round");
        }
    }
    for cluster in drawn {
        prop_assert!(
            reached.contains(&cluster.start),
            "{} not reached",
            cluster.start
        );
    }
    Ok(())
}

#[test]
fn clicks_drags_and_arrows_in_generated_mixed_paragraphs_find_the_text_meant() {
    let ctx = system_fonts();
    // The same cases on every run, so a failure is never a matter of luck.
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases: 64,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let strategy = (
        paragraph(),
        prop::sample::select(&[110.0_f32, 190.0, 320.0, 800.0][..]),
        prop::sample::select(&[1.0_f32, 1.25, 2.0][..]),
    );
    let result = runner.run(&strategy, |(text, wrap, zoom)| {
        check(&ctx, &text, wrap, zoom)
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}
