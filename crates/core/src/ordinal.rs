//! Agreement on an ordinal scale, for two raters who rated the same items: Cohen's weighted
//! kappa with quadratic weights, and Krippendorff's alpha with the ordinal metric. Categories
//! are ranks `0..categories`; each item is the pair of ranks the two raters gave it.

/// Cohen's kappa with quadratic weights, `1 − Σ w·O / Σ w·E`, where `O` are the observed
/// proportions of each pair of ranks, `E` the proportions the raters' own frequencies would give
/// by chance, and `w = (i − j)²`. `None` with no items or when chance alone explains every
/// disagreement (`Σ w·E = 0`, as when both raters always gave one rank).
pub fn weighted_kappa(items: &[(usize, usize)], categories: usize) -> Option<f64> {
    if items.is_empty() || categories < 2 {
        return None;
    }
    let n = items.len() as f64;
    let mut first = vec![0.0; categories];
    let mut second = vec![0.0; categories];
    let mut observed = 0.0;
    for &(a, b) in items {
        if a >= categories || b >= categories {
            return None;
        }
        *first.get_mut(a)? += 1.0;
        *second.get_mut(b)? += 1.0;
        observed += weight(a, b);
    }
    let mut expected = 0.0;
    for (i, fi) in first.iter().enumerate() {
        for (j, sj) in second.iter().enumerate() {
            expected += weight(i, j) * fi * sj / n;
        }
    }
    (expected > f64::EPSILON).then(|| 1.0 - observed / expected)
}

fn weight(i: usize, j: usize) -> f64 {
    let d = i.abs_diff(j) as f64;
    d * d
}

/// Krippendorff's alpha, ordinal metric, for two raters and no missing values:
/// `1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck` over the coincidence matrix `o` (each item adds
/// one to `o[a][b]` and one to `o[b][a]`), `n_c` its margins, `n = 2 · items`, and
/// `δ_ck = Σ_{g=c..k} n_g − (n_c + n_k) / 2`. `None` with fewer than two items or when every
/// value is one rank.
pub fn alpha_ordinal(items: &[(usize, usize)], categories: usize) -> Option<f64> {
    if items.len() < 2 {
        return None;
    }
    let mut coincidences = vec![vec![0.0; categories]; categories];
    for &(a, b) in items {
        *coincidences.get_mut(a)?.get_mut(b)? += 1.0;
        *coincidences.get_mut(b)?.get_mut(a)? += 1.0;
    }
    let margins: Vec<f64> = coincidences.iter().map(|row| row.iter().sum()).collect();
    let n: f64 = margins.iter().sum();
    let delta = |c: usize, k: usize| {
        let (low, high) = (c.min(k), c.max(k));
        let between: f64 = margins.get(low..=high).unwrap_or_default().iter().sum();
        let ends = f64::midpoint(
            margins.get(c).copied().unwrap_or_default(),
            margins.get(k).copied().unwrap_or_default(),
        );
        (between - ends).powi(2)
    };
    let (mut observed, mut expected) = (0.0, 0.0);
    for c in 0..categories {
        for k in 0..categories {
            let d = delta(c, k);
            observed += coincidences[c][k] * d;
            expected += margins[c] * margins[k] * d;
        }
    }
    (expected > f64::EPSILON).then(|| 1.0 - (n - 1.0) * observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: Option<f64>, want: f64) {
        let got = got.unwrap_or(f64::NAN);
        assert!((got - want).abs() < 1e-9, "{got} is not {want}");
    }

    #[test]
    fn full_agreement_is_one_and_none_is_undefined() {
        let same = [(0, 0), (1, 1), (2, 2), (4, 4)];
        close(weighted_kappa(&same, 5), 1.0);
        close(alpha_ordinal(&same, 5), 1.0);
        assert_eq!(weighted_kappa(&[], 5), None);
        assert_eq!(weighted_kappa(&[(2, 2), (2, 2)], 5), None, "one rank only");
        assert_eq!(alpha_ordinal(&[(3, 3), (3, 3)], 5), None);
        assert_eq!(alpha_ordinal(&[(1, 2)], 5), None, "one item");
    }

    #[test]
    fn weighted_kappa_matches_a_hand_computation() {
        // Raters A = [0, 1, 2], B = [0, 2, 2] over three categories.
        // Σw·O = (1−2)² = 1. Margins A (1, 1, 1), B (1, 0, 2); Σw·E = Σ w_ij a_i b_j / 3
        // = (w01·0 + w02·2 + w10·1 + w12·2 + w20·1 + w21·0) / 3 = (8 + 1 + 2 + 4) / 3 = 5.
        close(
            weighted_kappa(&[(0, 0), (1, 2), (2, 2)], 3),
            1.0 - 1.0 / 5.0,
        );
    }

    #[test]
    fn both_match_the_reference_implementations() {
        // Ten items over ranks 0..4. The figures are those of the Python packages
        // `krippendorff` 0.9.0 (`alpha(level_of_measurement="ordinal")`) and scikit-learn 1.9.1
        // (`cohen_kappa_score(weights="quadratic")`) for the same data.
        let items = [
            (0, 0),
            (1, 1),
            (0, 0),
            (0, 1),
            (2, 2),
            (2, 2),
            (1, 0),
            (2, 2),
            (3, 3),
            (1, 3),
        ];
        close(alpha_ordinal(&items, 4), 0.753_276_699_029_126_2);
        close(weighted_kappa(&items, 4), 0.732_142_857_142_857_2);
        // Swapping the raters changes neither.
        let swapped: Vec<(usize, usize)> = items.iter().map(|&(a, b)| (b, a)).collect();
        close(alpha_ordinal(&swapped, 4), 0.753_276_699_029_126_2);
        close(weighted_kappa(&swapped, 4), 0.732_142_857_142_857_2);
    }
}
