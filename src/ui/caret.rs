//! Where ← and → move the caret in a paragraph.
//!
//! The arrows move the caret the way it looks: → to the right on screen, also through a
//! Hebrew or Arabic run, where that goes back in the text. Where a paragraph was put in visual
//! order the caret walks its [`Stop`]s; where nothing runs right to left (or the paragraph is
//! not laid out) visual and logical order agree, and it steps over whole grapheme clusters in
//! the paragraph's direction. Either way the caret stands only on code point boundaries
//! between clusters, so a selection made with Shift and the arrows never splits a letter from
//! its marks or an emoji sequence.

use unicode_segmentation::UnicodeSegmentation as _;

use super::bidi::Stop;

/// Where one press of an arrow takes the caret in its paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// To code point boundary `offset` of the paragraph, at its stop `stop` when it has
    /// stops.
    To { offset: usize, stop: Option<usize> },
    /// Off the side of the paragraph it moved towards.
    Out,
}

/// One press of → (`rightward`) or ← from the caret at `offset`, standing at stop `remembered`
/// if that is still where it is, through a paragraph's `stops`. A boundary where the direction
/// changes stands in two places; the remembered stop says which of them the caret is at.
///
/// Every press moves the caret on screen: a stop at the same boundary, or in the same place as
/// the caret (where the direction changes, the end of one run and the start of the next are
/// one place and two boundaries), is passed over. Arriving there, the caret takes the boundary
/// of the run it came through, so a selection grown with Shift covers what the caret passed.
pub fn visual_step(
    stops: &[Stop],
    remembered: Option<usize>,
    offset: usize,
    rightward: bool,
) -> Step {
    let at = remembered
        .filter(|&i| stops.get(i).is_some_and(|s| s.offset == offset))
        .or_else(|| nearest(stops, offset));
    let Some(mut i) = at else {
        return Step::Out;
    };
    let Some(&here) = stops.get(i) else {
        return Step::Out;
    };
    loop {
        let next = if rightward {
            i.checked_add(1)
        } else {
            i.checked_sub(1)
        };
        let Some(stop) = next.and_then(|n| stops.get(n)) else {
            return Step::Out;
        };
        i = next.unwrap_or(i);
        let same_place = stop.row == here.row && (stop.x - here.x).abs() < 0.5;
        if stop.offset != here.offset && stop.offset != offset && !same_place {
            return Step::To {
                offset: stop.offset,
                stop: Some(i),
            };
        }
    }
}

/// The stop the caret at `offset` stands at: the first at that boundary, else (a caret inside
/// a cluster, put there by the mouse) the one nearest to it in the text.
pub fn nearest(stops: &[Stop], offset: usize) -> Option<usize> {
    stops
        .iter()
        .position(|s| s.offset == offset)
        .or_else(|| (0..stops.len()).min_by_key(|&i| stops[i].offset.abs_diff(offset)))
}

/// One step over a whole grapheme cluster of paragraph `text`, from code point boundary
/// `offset`, towards its end (`forward`) or its start.
pub fn logical_step(text: &str, offset: usize, forward: bool) -> Step {
    let mut boundary = 0;
    let mut before = None;
    for grapheme in text.graphemes(true) {
        let next = boundary + grapheme.chars().count();
        if forward && next > offset {
            return Step::To {
                offset: next,
                stop: None,
            };
        }
        if !forward && next >= offset {
            before = (boundary < offset).then_some(boundary);
            break;
        }
        boundary = next;
    }
    match before {
        Some(offset) => Step::To { offset, stop: None },
        None => Step::Out,
    }
}

#[cfg(test)]
mod tests {
    use super::{Step, Stop, logical_step, visual_step};

    fn stops(offsets: &[usize]) -> Vec<Stop> {
        offsets
            .iter()
            .enumerate()
            .map(|(n, &offset)| Stop {
                offset,
                x: n as f32,
                row: 0,
            })
            .collect()
    }

    /// Presses → (or ←) until the caret leaves the paragraph, from `offset`.
    fn walk(stops: &[Stop], offset: usize, rightward: bool) -> Vec<usize> {
        let (mut offset, mut stop, mut seen) = (offset, None, Vec::new());
        while let Step::To { offset: o, stop: s } = visual_step(stops, stop, offset, rightward) {
            seen.push(o);
            (offset, stop) = (o, s);
            assert!(seen.len() < 50, "the caret goes round: {seen:?}");
        }
        seen
    }

    #[test]
    fn the_arrows_walk_a_mixed_row_the_way_it_looks() {
        // "abc אבג" read left to right: a b c, a space, then ג ב א (the Hebrew word's end is
        // on its left). The boundary 4 (after the space, before א) stands in two places.
        let row = stops(&[0, 1, 2, 3, 4, 7, 6, 5, 4]);
        assert_eq!(walk(&row, 0, true), [1, 2, 3, 4, 7, 6, 5, 4]);
        assert_eq!(walk(&row, 4, false), [3, 2, 1, 0]);
        // From the right end (4, right of א), ← walks back through the Hebrew word to the
        // other place of 4, left of ג.
        let from_right = {
            let (mut offset, mut stop, mut seen) = (4, Some(8), Vec::new());
            while let Step::To { offset: o, stop: s } = visual_step(&row, stop, offset, false) {
                seen.push(o);
                (offset, stop) = (o, s);
            }
            seen
        };
        assert_eq!(from_right, [5, 6, 7, 4, 3, 2, 1, 0]);
    }

    #[test]
    fn every_press_moves_the_caret_on_screen() {
        // "ab אב" then "," in a left-to-right paragraph: the end of "ab " and the left end of
        // the Hebrew word are one place (x 3) and two boundaries, 3 and 5; so are the right
        // end of the Hebrew word and the comma's left edge (x 5), boundaries 3 and 5 again.
        let row: Vec<Stop> = [(0, 0.0), (1, 1.0), (2, 2.0), (3, 3.0), (5, 3.0), (4, 4.0)]
            .into_iter()
            .chain([(3, 5.0), (5, 5.0), (6, 6.0)])
            .map(|(offset, x)| Stop { offset, x, row: 0 })
            .collect();
        assert_eq!(walk(&row, 0, true), [1, 2, 3, 4, 3, 6]);
        assert_eq!(walk(&row, 6, false), [5, 4, 5, 2, 1, 0]);
    }

    #[test]
    fn a_caret_inside_a_cluster_moves_from_the_nearest_stop() {
        let row = stops(&[0, 2, 4]);
        assert_eq!(
            visual_step(&row, None, 3, true),
            Step::To {
                offset: 4,
                stop: Some(2)
            }
        );
    }

    #[test]
    fn without_stops_the_caret_steps_over_whole_clusters() {
        // e + combining acute, a family emoji of five code points, then "x".
        let text = "e\u{301}👩\u{200d}👩\u{200d}👧x";
        let forward: Vec<Step> = [0, 2, 7]
            .iter()
            .map(|&o| logical_step(text, o, true))
            .collect();
        assert_eq!(
            forward,
            [
                Step::To {
                    offset: 2,
                    stop: None
                },
                Step::To {
                    offset: 7,
                    stop: None
                },
                Step::To {
                    offset: 8,
                    stop: None
                },
            ]
        );
        assert_eq!(logical_step(text, 8, true), Step::Out);
        assert_eq!(
            logical_step(text, 8, false),
            Step::To {
                offset: 7,
                stop: None
            }
        );
        assert_eq!(
            logical_step(text, 7, false),
            Step::To {
                offset: 2,
                stop: None
            }
        );
        assert_eq!(logical_step(text, 0, false), Step::Out);
        // From inside a cluster, back to its start.
        assert_eq!(
            logical_step(text, 1, false),
            Step::To {
                offset: 0,
                stop: None
            }
        );
    }
}
