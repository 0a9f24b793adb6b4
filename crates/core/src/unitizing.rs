//! Krippendorff's unitizing alpha (αU): chance-corrected agreement of raters who each mark
//! their own spans on one continuum, per category. The definitions follow Krippendorff (1995,
//! 2004) as DKPro Agreement's `KrippendorffAlphaUnitizingAgreement` computes them, so figures
//! from Marginalia and from that implementation can be compared; the tests use its published
//! values.
//!
//! A continuum is one stretch of code points (several articles are laid end to end). Units of
//! one rater and category must not overlap: [`UnitizingStudy::add`] joins overlapping ones.

use std::collections::BTreeSet;

/// One rater's span of one category, `[start, end)` on the continuum.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Unit {
    start: u64,
    end: u64,
}

/// The units of several raters on one continuum.
#[derive(Clone, Debug)]
pub struct UnitizingStudy {
    raters: usize,
    begin: u64,
    length: u64,
    /// Per category, per rater: units sorted by start, none overlapping.
    units: std::collections::BTreeMap<String, Vec<Vec<Unit>>>,
}

impl UnitizingStudy {
    /// A study of `raters` raters on the continuum `[begin, begin + length)`.
    pub fn new(raters: usize, begin: u64, length: u64) -> Self {
        Self {
            raters,
            begin,
            length,
            units: std::collections::BTreeMap::new(),
        }
    }

    /// Adds `rater`'s unit `[start, start + length)` of `category`. A unit that overlaps one the
    /// rater already gave that category is joined with it (the measure is defined for
    /// non-overlapping units); an empty unit or a rater out of range is ignored.
    pub fn add(&mut self, start: u64, length: u64, rater: usize, category: &str) {
        if length == 0 || rater >= self.raters {
            return;
        }
        let raters = self.raters;
        let units = &mut self
            .units
            .entry(category.to_owned())
            .or_insert_with(|| vec![Vec::new(); raters])[rater];
        let mut unit = Unit {
            start,
            end: start + length,
        };
        // Join every unit that overlaps the new one (touching ones stay apart).
        units.retain(|other| {
            let overlaps = other.start < unit.end && unit.start < other.end;
            if overlaps {
                unit.start = unit.start.min(other.start);
                unit.end = unit.end.max(other.end);
            }
            !overlaps
        });
        let at = units.partition_point(|other| other.start < unit.start);
        units.insert(at, unit);
    }

    /// The categories that have at least one unit.
    pub fn categories(&self) -> BTreeSet<&str> {
        self.units.keys().map(String::as_str).collect()
    }

    fn rater_units(&self, category: &str, rater: usize) -> &[Unit] {
        self.units
            .get(category)
            .and_then(|per_rater| per_rater.get(rater))
            .map_or(&[], Vec::as_slice)
    }

    /// Observed disagreement `D_O` of `category`: the squared distances between the raters'
    /// sections, over every pair of raters.
    pub fn observed_disagreement(&self, category: &str) -> f64 {
        let (b, l, r) = (self.begin, self.length, self.raters);
        if r < 2 || l == 0 {
            return 0.0;
        }
        let mut result = 0.0;
        for r1 in 0..r {
            for r2 in r1 + 1..r {
                let mut one = Sections::new(self.rater_units(category, r1), b, l);
                let mut two = Sections::new(self.rater_units(category, r2), b, l);
                let mut pos = b;
                while pos < b + l && (one.more() || two.more()) {
                    one.advance_to(pos);
                    two.advance_to(pos);
                    result += distance(one.current, two.current);
                    pos = one.current.end().min(two.current.end());
                }
            }
        }
        let (r, l) = (r as f64, l as f64);
        result * 2.0 / (r * (r - 1.0) * l * l)
    }

    /// Expected disagreement `D_E` of `category`: what the raters' units would disagree by if
    /// placed anywhere on the continuum.
    pub fn expected_disagreement(&self, category: &str) -> f64 {
        let (b, l, r) = (self.begin, self.length, self.raters);
        let units: Vec<&Unit> = (0..r)
            .flat_map(|rater| self.rater_units(category, rater))
            .collect();
        let count = units.len() as f64;
        let squared_lengths: f64 = units
            .iter()
            .map(|u| {
                let len = (u.end - u.start) as f64;
                len * (len - 1.0)
            })
            .sum();
        // Every gap between one rater's units, longest first, with running sums.
        let mut gaps: Vec<u64> = (0..r)
            .flat_map(|rater| gaps(self.rater_units(category, rater), b, l))
            .collect();
        gaps.sort_unstable_by(|x, y| y.cmp(x));
        let mut prefix = Vec::with_capacity(gaps.len() + 1);
        prefix.push(0.0_f64);
        for &gap in &gaps {
            prefix.push(prefix.last().copied().unwrap_or(0.0) + gap as f64);
        }
        let mut result = 0.0;
        for unit in &units {
            let len = unit.end - unit.start;
            let lf = len as f64;
            let own = (count - 1.0) * (2.0 * lf * lf * lf - 3.0 * lf * lf + lf) / 3.0;
            // Σ (gap − len + 1) over the gaps at least as long as the unit.
            let fitting = gaps.partition_point(|&gap| gap >= len);
            let sum = prefix.get(fitting).copied().unwrap_or(0.0) - fitting as f64 * (lf - 1.0);
            result += own + sum * lf * lf;
        }
        let (r, l) = (r as f64, l as f64);
        let denominator = r * l * (r * l - 1.0) - squared_lengths;
        if denominator == 0.0 {
            return 0.0;
        }
        result * (2.0 / l) / denominator
    }

    /// αU of `category`: 1 − `D_O` / `D_E`, and 0 where the two are equal (as DKPro Agreement).
    pub fn category_alpha(&self, category: &str) -> f64 {
        alpha_of(
            self.observed_disagreement(category),
            self.expected_disagreement(category),
        )
    }

    /// αU over all categories: 1 − mean `D_O` / mean `D_E`; `None` when there is no unit at all.
    pub fn alpha(&self) -> Option<f64> {
        let categories = self.categories();
        if categories.is_empty() {
            return None;
        }
        let n = categories.len() as f64;
        let observed: f64 = categories
            .iter()
            .map(|c| self.observed_disagreement(c))
            .sum();
        let expected: f64 = categories
            .iter()
            .map(|c| self.expected_disagreement(c))
            .sum();
        Some(alpha_of(observed / n, expected / n))
    }
}

#[allow(
    clippy::float_cmp,
    reason = "DKPro Agreement compares exactly; a near miss is a real figure"
)]
fn alpha_of(observed: f64, expected: f64) -> f64 {
    if observed == expected {
        0.0
    } else {
        1.0 - observed / expected
    }
}

/// A section of one rater's segmentation: a unit (`coded`) or the gap up to the next one.
#[derive(Clone, Copy, Debug)]
struct Section {
    start: u64,
    len: u64,
    coded: bool,
}

impl Section {
    fn end(self) -> u64 {
        self.start + self.len
    }
}

/// Walks one rater's sections from the start of the continuum.
struct Sections<'a> {
    units: std::slice::Iter<'a, Unit>,
    next: Option<&'a Unit>,
    current: Section,
    continuum_end: u64,
}

impl<'a> Sections<'a> {
    fn new(units: &'a [Unit], begin: u64, length: u64) -> Self {
        let mut units = units.iter();
        let next = units.next();
        Self {
            units,
            next,
            current: Section {
                start: begin,
                len: 0,
                coded: false,
            },
            continuum_end: begin + length,
        }
    }

    fn more(&self) -> bool {
        self.next.is_some()
    }

    /// Moves to the section starting at `pos` when the current one ends there.
    fn advance_to(&mut self, pos: u64) {
        if pos != self.current.end() {
            return;
        }
        self.current = match self.next {
            Some(unit) if unit.start == pos => {
                self.next = self.units.next();
                Section {
                    start: pos,
                    len: unit.end - unit.start,
                    coded: true,
                }
            }
            next => Section {
                start: pos,
                len: next.map_or(self.continuum_end, |u| u.start) - pos,
                coded: false,
            },
        };
    }
}

/// The lengths of the gaps around `units` on `[begin, begin + length)`.
fn gaps(units: &[Unit], begin: u64, length: u64) -> Vec<u64> {
    let mut gaps = Vec::with_capacity(units.len() + 1);
    let mut pos = begin;
    for unit in units {
        if unit.start > pos {
            gaps.push(unit.start - pos);
        }
        pos = unit.end;
    }
    if begin + length > pos {
        gaps.push(begin + length - pos);
    }
    gaps
}

/// The squared distance between two raters' sections that meet, as Krippendorff defines it:
/// two units that overlap differ by their ends; a unit against a gap that contains it counts
/// its whole length; anything else counts nothing.
fn distance(one: Section, two: Section) -> f64 {
    let (s1, l1, s2, l2) = (
        one.start as f64,
        one.len as f64,
        two.start as f64,
        two.len as f64,
    );
    let begin_diff = s1 - s2;
    let length_diff = l1 - l2;
    if one.coded && two.coded && -l1 < begin_diff && begin_diff < l2 {
        begin_diff * begin_diff + (begin_diff + length_diff) * (begin_diff + length_diff)
    } else if one.coded && !two.coded && -length_diff >= begin_diff && begin_diff >= 0.0 {
        l1 * l1
    } else if !one.coded && two.coded && -length_diff <= begin_diff && begin_diff <= 0.0 {
        l2 * l2
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    //! The expected figures are DKPro Agreement's own test values (its `Krippendorff2004Test`,
    //! `Krippendorff1995Test` and `UnitizingAgreementTest`), from Krippendorff's worked examples.

    use super::*;

    fn section(start: u64, len: u64, coded: bool) -> Section {
        Section { start, len, coded }
    }

    fn close(found: f64, expected: f64, tolerance: f64) {
        assert!(
            (found - expected).abs() <= tolerance,
            "{found} is not {expected} ± {tolerance}"
        );
    }

    #[test]
    fn distances_are_krippendorffs() {
        let x = |s, l| section(s, l, true);
        let gap = |s, l| section(s, l, false);
        close(
            distance(gap(2, 3), x(2, 2)) + distance(x(5, 6), gap(4, 7)),
            40.0,
            0.0,
        );
        close(
            distance(gap(3, 2), x(3, 2)) + distance(x(5, 6), gap(5, 6)),
            40.0,
            0.0,
        );
        for (start, len, expected) in [
            (4, 2, 26.0),
            (5, 2, 16.0),
            (6, 2, 10.0),
            (7, 2, 8.0),
            (6, 4, 2.0),
            (5, 6, 0.0),
        ] {
            close(distance(x(5, 6), x(start, len)), expected, 0.0);
        }
        close(distance(x(225, 70), x(220, 80)), 50.0, 0.0);
        close(distance(x(370, 30), x(355, 20)), 850.0, 0.0);
        close(distance(gap(400, 50), x(400, 20)), 400.0, 0.0);
        close(distance(x(1, 8), x(2, 1)), 37.0, 0.0);
        close(distance(x(1, 8), gap(3, 1)), 0.0, 0.0);
        close(distance(x(1, 8), x(6, 1)), 29.0, 0.0);
        close(distance(gap(9, 2), gap(7, 4)), 0.0, 0.0);
    }

    /// Krippendorff (2004, p. 254).
    fn example_2004() -> UnitizingStudy {
        let mut study = UnitizingStudy::new(2, 150, 300);
        for (start, len, rater, category) in [
            (225, 70, 0, "c"),
            (370, 30, 0, "c"),
            (220, 80, 1, "c"),
            (355, 20, 1, "c"),
            (400, 20, 1, "c"),
            (180, 60, 0, "k"),
            (300, 50, 0, "k"),
            (180, 60, 1, "k"),
            (300, 50, 1, "k"),
        ] {
            study.add(start, len, rater, category);
        }
        study
    }

    #[test]
    fn krippendorff_2004_example() {
        let study = example_2004();
        close(study.observed_disagreement("c"), 0.0144, 0.0001);
        close(study.expected_disagreement("c"), 0.0532, 0.0001);
        close(study.category_alpha("c"), 0.7286, 0.0001);
        close(study.observed_disagreement("k"), 0.0, 0.0001);
        close(study.expected_disagreement("k"), 0.0490, 0.0001);
        close(study.category_alpha("k"), 1.0, 0.0001);
        close(study.alpha().unwrap_or(f64::NAN), 0.8591, 0.0005);
    }

    /// Krippendorff (1995, p. 57), stretched.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "positions are small and positive, cut as DKPro Agreement's test cuts them"
    )]
    fn example_1995(stretch: f64) -> UnitizingStudy {
        let s = |v: f64| (v * stretch) as u64;
        let mut study = UnitizingStudy::new(2, 0, s(24.0));
        let units: &[(f64, f64, usize, &str)] = &[
            (2.0, 8.0, 0, "A"),
            (14.0, 6.0, 0, "A"),
            (4.0, 4.0, 1, "A"),
            (15.0, 2.0, 1, "A"),
            (0.0, 18.0, 0, "B"),
            (0.0, 2.0, 1, "B"),
            (2.0, 1.0, 1, "B"),
            (3.0, 1.0, 1, "B"),
            (4.0, 1.0, 1, "B"),
            (5.0, 1.0, 1, "B"),
            (6.0, 3.0, 1, "B"),
            (9.0, 1.0, 1, "B"),
            (2.0, 6.0, 0, "C"),
            (10.0, 2.0, 0, "C"),
            (14.0, 4.0, 0, "C"),
            (20.0, 2.0, 0, "C"),
            (0.0, 2.0, 1, "C"),
            (4.0, 4.0, 1, "C"),
            (10.0, 4.0, 1, "C"),
            (16.0, 2.0, 1, "C"),
            (20.0, 2.0, 1, "C"),
            (0.0, 2.0, 0, "D"),
            (2.0, 8.0, 0, "D"),
            (10.0, 4.0, 0, "D"),
            (14.0, 6.0, 0, "D"),
            (20.0, 4.0, 0, "D"),
            (0.0, 4.0, 1, "D"),
            (4.0, 4.0, 1, "D"),
            (8.0, 7.0, 1, "D"),
            (15.0, 2.0, 1, "D"),
            (17.0, 7.0, 1, "D"),
        ];
        for &(start, len, rater, category) in units {
            study.add(s(start), s(len), rater, category);
        }
        study
    }

    #[test]
    fn krippendorff_1995_example() {
        let study = example_1995(1.0);
        close(study.observed_disagreement("A"), 0.03125, 0.00001);
        close(study.observed_disagreement("B"), 2.26736, 0.00001);
        close(study.observed_disagreement("C"), 0.02777, 0.00001);
        close(study.observed_disagreement("D"), 0.38715, 0.00001);
        let study = example_1995(1_200_000.0 / 24.0);
        close(study.expected_disagreement("A"), 0.06990, 0.005);
        close(study.expected_disagreement("B"), 1.17731, 0.005);
        close(study.expected_disagreement("C"), 0.08642, 0.005);
        close(study.expected_disagreement("D"), 0.41445, 0.005);
        close(study.category_alpha("A"), 0.553, 0.02);
        close(study.category_alpha("B"), -0.926, 0.02);
        close(study.category_alpha("C"), 0.679, 0.02);
        close(study.category_alpha("D"), 0.066, 0.02);
        for (stretch, expected_c, alpha_c) in [
            (12.0 / 24.0, 0.05494, 0.494),
            (120.0 / 24.0, 0.08234, 0.663),
            (1200.0 / 24.0, 0.08600, 0.677),
        ] {
            let study = example_1995(stretch);
            close(study.observed_disagreement("C"), 0.02777, 0.00001);
            close(study.expected_disagreement("C"), expected_c, 0.005);
            close(study.category_alpha("C"), alpha_c, 0.02);
        }
    }

    #[test]
    fn dkpro_unitizing_examples() {
        // r0: -11111111-   r1: --1-1-1---
        let mut study = UnitizingStudy::new(2, 0, 10);
        study.add(1, 8, 0, "A");
        for start in [2, 4, 6] {
            study.add(start, 1, 1, "A");
        }
        close(study.observed_disagreement("A"), 0.9100, 0.0001);
        close(study.expected_disagreement("A"), 0.5351, 0.0001);
        close(study.category_alpha("A"), -0.7003, 0.0001);

        let mut single = UnitizingStudy::new(3, 0, 20);
        single.add(0, 1, 0, "X");
        assert_eq!(single.alpha(), Some(0.0));
        assert_eq!(UnitizingStudy::new(3, 0, 20).alpha(), None);
    }

    #[test]
    fn overlapping_units_of_one_rater_are_joined() {
        let mut study = UnitizingStudy::new(2, 0, 30);
        study.add(5, 10, 0, "claim");
        study.add(8, 4, 0, "claim");
        study.add(12, 6, 0, "claim");
        study.add(18, 2, 0, "claim");
        assert_eq!(
            study.rater_units("claim", 0),
            [Unit { start: 5, end: 18 }, Unit { start: 18, end: 20 }]
        );
    }
}
