//! Fact-check verdicts: the rating scale a newsroom rates claims on, and the verdict on one
//! claim (its rating, a one-sentence conclusion, its sources, who rated it and when). The
//! scale lives in the document beside the labels; a verdict lives on its annotation.

use serde::{Deserialize, Serialize};

use super::validate::{Place, Problem};

/// One step of a rating scale: "True", "Mostly false", "Unsupported".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// Stable identifier, `[a-z0-9_-]+`.
    pub id: String,
    /// Name shown to the user and published (`alternateName` in `ClaimReview`).
    pub name: String,
    /// Colour, `#RRGGBB`.
    pub color: String,
    /// Its place on the scale between the scale's worst and best values; `None` for a rating
    /// off the scale (such as "Unsupported": nothing could be established).
    #[serde(default)]
    pub value: Option<i64>,
}

impl Rating {
    /// The rating's colour as red, green and blue, when it is a valid `#RRGGBB`.
    pub fn rgb(&self) -> Option<[u8; 3]> {
        super::model::parse_hex_color(&self.color)
    }
}

/// The ratings a newsroom gives, from best to worst, and the values the scale runs between.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    /// The value of the best rating (`bestRating`).
    pub best: i64,
    /// The value of the worst rating (`worstRating`).
    pub worst: i64,
    /// The ratings, best first; those off the scale anywhere.
    pub ratings: Vec<Rating>,
}

impl Default for Scale {
    /// True, Mostly true, Half true, Mostly false and False from 5 to 1, and Unsupported off
    /// the scale.
    fn default() -> Self {
        let rating = |id: &str, name: &str, color: &str, value: Option<i64>| Rating {
            id: id.to_owned(),
            name: name.to_owned(),
            color: color.to_owned(),
            value,
        };
        Self {
            best: 5,
            worst: 1,
            ratings: vec![
                rating("true", "True", "#2E7D32", Some(5)),
                rating("mostly-true", "Mostly true", "#7CB342", Some(4)),
                rating("half-true", "Half true", "#F9A825", Some(3)),
                rating("mostly-false", "Mostly false", "#EF6C00", Some(2)),
                rating("false", "False", "#C62828", Some(1)),
                rating("unsupported", "Unsupported", "#757575", None),
            ],
        }
    }
}

impl Scale {
    /// The rating with this id.
    pub fn rating(&self, id: &str) -> Option<&Rating> {
        self.ratings.iter().find(|r| r.id == id)
    }

    /// The ratings on the scale (with a value), from best to worst: the ordinal categories
    /// agreement is computed over.
    pub fn ordinal(&self) -> Vec<&Rating> {
        let mut on_scale: Vec<&Rating> =
            self.ratings.iter().filter(|r| r.value.is_some()).collect();
        let towards_worst = |r: &&Rating| {
            let value = r.value.unwrap_or_default();
            if self.best >= self.worst {
                -value
            } else {
                value
            }
        };
        on_scale.sort_by_key(towards_worst);
        on_scale
    }

    /// Every rule a scale keeps: ratings with valid, distinct ids, names and colours; values
    /// distinct and between the worst and the best; best and worst not equal.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let place = |id: &str| Place::Rating(id.to_owned());
        if self.best == self.worst {
            problems.push(Problem::new(
                Place::Scale,
                format!(
                    "the best and the worst value are both {}; give the scale two ends",
                    self.best
                ),
            ));
        }
        let (low, high) = (self.best.min(self.worst), self.best.max(self.worst));
        for (index, rating) in self.ratings.iter().enumerate() {
            if !super::validate::is_valid_label_id(&rating.id) {
                problems.push(Problem::new(
                    place(&rating.id),
                    "a rating id may use only a-z, 0-9, '_' and '-', and may not be empty; rename it",
                ));
            }
            let earlier = self.ratings.get(..index).unwrap_or_default();
            if earlier.iter().any(|r| r.id == rating.id) {
                problems.push(Problem::new(
                    place(&rating.id),
                    "this rating id is used twice; rename one",
                ));
            }
            if rating.name.trim().is_empty() {
                problems.push(Problem::new(
                    place(&rating.id),
                    "a rating needs a name; give it one",
                ));
            }
            if rating.rgb().is_none() {
                problems.push(Problem::new(
                    place(&rating.id),
                    format!(
                        "colour {:?} is not of the form #RRGGBB (for example \"#C62828\"); fix it",
                        rating.color
                    ),
                ));
            }
            if let Some(value) = rating.value {
                if !(low..=high).contains(&value) {
                    problems.push(Problem::new(
                        place(&rating.id),
                        format!(
                            "value {value} is outside the scale, which runs from {} (worst) to {} \
                             (best); change the value or the scale's ends",
                            self.worst, self.best
                        ),
                    ));
                }
                if earlier.iter().any(|r| r.value == Some(value)) {
                    problems.push(Problem::new(
                        place(&rating.id),
                        format!("value {value} is given to two ratings; give each its own"),
                    ));
                }
            }
        }
        if self.ratings.is_empty() {
            problems.push(Problem::new(
                Place::Scale,
                "the scale has no ratings; add at least one",
            ));
        }
        problems
    }
}

/// A fact-checker's verdict on a claim.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Id of a rating of the document's scale.
    pub rating: String,
    /// The conclusion, in a sentence.
    #[serde(default)]
    pub conclusion: String,
    /// Links or notes the verdict rests on, one per entry.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Who rated it.
    #[serde(default)]
    pub by: String,
    /// When it was rated, RFC 3339 in UTC.
    #[serde(default)]
    pub date: String,
    /// Where the fact-check is published, may be empty.
    #[serde(default)]
    pub url: String,
}

impl Verdict {
    /// The sources, trimmed, empty ones left out.
    pub fn cited(&self) -> impl Iterator<Item = &str> {
        self.sources
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }

    /// The day it was rated (`YYYY-MM-DD`), when its date says.
    pub fn day(&self) -> Option<&str> {
        let day = self.date.get(..10)?;
        let b = day.as_bytes();
        let digits = |range: std::ops::Range<usize>| {
            b.get(range)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        };
        let dated = digits(0..4)
            && b.get(4) == Some(&b'-')
            && digits(5..7)
            && b.get(7) == Some(&b'-')
            && digits(8..10);
        dated.then_some(day)
    }
}

/// The problem with `verdict` on `place` against `scale`, if any: its rating must be one of
/// the scale's.
pub fn verdict_problem(scale: &Scale, verdict: &Verdict, place: Place) -> Option<Problem> {
    scale.rating(&verdict.rating).is_none().then(|| {
        Problem::new(
            place,
            format!(
                "its verdict's rating {:?} is not on the file's scale; add it to `scale` or \
                 rate the claim again",
                verdict.rating
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_scale_keeps_its_rules_and_ranks_best_first() {
        let scale = Scale::default();
        assert!(scale.problems().is_empty(), "{:?}", scale.problems());
        // Unsupported is off the scale, so it has no rank.
        assert_eq!(
            ids(&scale),
            ["true", "mostly-true", "half-true", "mostly-false", "false"]
        );
    }

    /// The ratings on the scale, by rank (0 for the best).
    fn ids(scale: &Scale) -> Vec<&str> {
        scale.ordinal().iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn a_scale_whose_best_value_is_low_ranks_by_it() {
        let mut scale = Scale {
            best: 1,
            worst: 5,
            ..Scale::default()
        };
        for rating in &mut scale.ratings {
            rating.value = rating.value.map(|v| 6 - v);
        }
        assert!(scale.problems().is_empty());
        let best_first = ["true", "mostly-true", "half-true", "mostly-false", "false"];
        assert_eq!(ids(&scale), best_first);
        // Reordered in the list, the ranks follow the values.
        scale.ratings.reverse();
        assert_eq!(ids(&scale), best_first);
    }

    #[test]
    fn broken_scales_say_what_is_wrong() {
        let mut scale = Scale {
            worst: 5,
            ..Scale::default()
        };
        if let Some(r) = scale.ratings.get_mut(1) {
            r.value = Some(9);
            r.id = "True!".to_owned();
            r.color = "green".to_owned();
        }
        if let Some(r) = scale.ratings.get_mut(2) {
            r.value = Some(5);
            r.name = " ".to_owned();
        }
        let messages: Vec<String> = scale.problems().iter().map(ToString::to_string).collect();
        let all = messages.join("\n");
        for expected in [
            "both 5",
            "value 9 is outside",
            "may use only a-z",
            "colour \"green\"",
            "needs a name",
            "value 5 is given to two ratings",
        ] {
            assert!(all.contains(expected), "{expected:?} in {all}");
        }
        assert!(
            Scale {
                ratings: Vec::new(),
                ..Scale::default()
            }
            .problems()
            .iter()
            .any(|p| p.message.contains("no ratings"))
        );
    }

    #[test]
    fn a_verdicts_day_is_read_from_its_date() {
        let mut verdict = Verdict {
            date: "2026-12-07T10:00:00Z".to_owned(),
            ..Verdict::default()
        };
        assert_eq!(verdict.day(), Some("2026-12-07"));
        verdict.date = "yesterday".to_owned();
        assert_eq!(verdict.day(), None);
        verdict.date = "2026-1".to_owned();
        assert_eq!(verdict.day(), None);
    }
}
