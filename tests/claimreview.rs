//! The `ClaimReview` export checked offline against the schema.org vocabulary (release 30.0, read
//! from the shared folder beside the checkout, or `MARGINALIA_SCHEMAORG`): every `@type` is a
//! schema.org class, every property is a schema.org property whose domain covers the object's
//! type or a type it is a kind of, and whose range admits the value (a node of a fitting type,
//! text where text is allowed, a number where a number is, a date where a date is). And against
//! what Google's `ClaimReview` documentation requires: `claimReviewed`, `reviewRating` with
//! `alternateName`, `url` and `author` with a name.
#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use marginalia_core::{AnnotationId, Document, Edit, Verdict};
use marginalia_io::export::{self, ExportError, Format, Options, Source};
use marginalia_io::format;
use serde_json::Value;

/// The schema.org vocabulary: classes with their supertypes, properties with their domains and
/// ranges.
struct Vocabulary {
    supertypes: HashMap<String, Vec<String>>,
    properties: HashMap<String, (Vec<String>, Vec<String>)>,
}

fn ids(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().flat_map(|i| ids(Some(i))).collect(),
        Some(Value::Object(object)) => object
            .get("@id")
            .and_then(Value::as_str)
            .map(|id| id.trim_start_matches("schema:").to_owned())
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

impl Vocabulary {
    fn read(path: &Path) -> Self {
        let text = std::fs::read_to_string(path).unwrap();
        let vocabulary: Value = serde_json::from_str(&text).unwrap();
        let mut supertypes = HashMap::new();
        let mut properties = HashMap::new();
        for node in vocabulary["@graph"].as_array().unwrap() {
            let Some(id) = node["@id"].as_str().and_then(|i| i.strip_prefix("schema:")) else {
                continue;
            };
            let kinds: Vec<&str> = match &node["@type"] {
                Value::String(kind) => vec![kind.as_str()],
                Value::Array(kinds) => kinds.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if kinds.contains(&"rdf:Property") {
                let domains = ids(node.get("schema:domainIncludes"));
                let ranges = ids(node.get("schema:rangeIncludes"));
                properties.insert(id.to_owned(), (domains, ranges));
            } else if kinds.contains(&"rdfs:Class") || kinds.contains(&"schema:DataType") {
                supertypes.insert(id.to_owned(), ids(node.get("rdfs:subClassOf")));
            }
        }
        Self {
            supertypes,
            properties,
        }
    }

    /// `kind` and every class it is a kind of.
    fn lineage(&self, kind: &str) -> HashSet<String> {
        let mut seen = HashSet::from([kind.to_owned()]);
        let mut stack = vec![kind.to_owned()];
        while let Some(next) = stack.pop() {
            for parent in self.supertypes.get(&next).into_iter().flatten() {
                if seen.insert(parent.clone()) {
                    stack.push(parent.clone());
                }
            }
        }
        seen
    }

    /// Whether a literal fits one of `ranges`.
    fn admits_literal(&self, ranges: &[String], value: &Value) -> bool {
        let fits = |kind: &str| {
            ranges
                .iter()
                .any(|r| r == kind || self.lineage(r).contains(kind))
        };
        match value {
            Value::Number(_) => fits("Number"),
            Value::String(text) => {
                fits("Text")
                    || (fits("Date") && is_date(text))
                    || (fits("DateTime") && is_date(text.get(..10).unwrap_or(text)))
            }
            _ => false,
        }
    }

    /// Every problem of `node` (a JSON-LD object) and the nodes inside it, with its path.
    fn problems(&self, node: &Value, path: &str, out: &mut Vec<String>) {
        let Some(object) = node.as_object() else {
            out.push(format!("{path}: not an object"));
            return;
        };
        let Some(kind) = object.get("@type").and_then(Value::as_str) else {
            out.push(format!("{path}: no @type"));
            return;
        };
        if !self.supertypes.contains_key(kind) {
            out.push(format!("{path}: {kind} is not a schema.org class"));
            return;
        }
        let lineage = self.lineage(kind);
        for (key, value) in object {
            if key.starts_with('@') {
                continue;
            }
            let here = format!("{path}.{key}");
            let Some((domains, ranges)) = self.properties.get(key) else {
                out.push(format!("{here}: not a schema.org property"));
                continue;
            };
            if !domains.iter().any(|d| lineage.contains(d)) {
                out.push(format!(
                    "{here}: not a property of {kind} (domain {domains:?})"
                ));
            }
            let values = match value {
                Value::Array(items) => items.iter().collect(),
                single => vec![single],
            };
            for item in values {
                if let Some(inner) = item.get("@type").and_then(Value::as_str) {
                    let inner_lineage = self.lineage(inner);
                    if !ranges.iter().any(|r| inner_lineage.contains(r)) {
                        out.push(format!("{here}: a {inner} is not in its range {ranges:?}"));
                    }
                    self.problems(item, &here, out);
                } else if !self.admits_literal(ranges, item) {
                    out.push(format!("{here}: {item} is not in its range {ranges:?}"));
                }
            }
        }
    }
}

fn is_date(text: &str) -> bool {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &format).is_ok()
}

fn vocabulary_path() -> Option<PathBuf> {
    let path = std::env::var_os("MARGINALIA_SCHEMAORG").map_or_else(
        || {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/schemaorg/schemaorg-current-https.jsonld")
        },
        PathBuf::from,
    );
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the schema.org vocabulary is not at {}",
        path.display()
    );
    eprintln!(
        "skipped: the schema.org vocabulary is not at {}",
        path.display()
    );
    None
}

fn sample(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_docs")
        .join(name);
    format::load(&path).unwrap()
}

/// The sample article with three claims rated: one by a person, one by a body, one off the
/// scale, two with a published fact-check.
fn rated_sample() -> Document {
    let mut doc = sample("sessions-recusal.ron");
    doc.article.date = "2017-03-02".to_owned();
    doc.article.url = "https://www.nbcnews.com/news/us-news/sessions-recuse".to_owned();
    let claims: Vec<AnnotationId> = doc
        .annotations()
        .iter()
        .filter(|a| a.label == "claim")
        .map(|a| a.id)
        .collect();
    let ratings = [
        ("false", "https://example.org/checks/sessions-meetings"),
        ("mostly-true", "https://example.org/checks/nbc-report"),
        ("unsupported", ""),
    ];
    for (id, (rating, url)) in claims.into_iter().zip(ratings) {
        let verdict = Verdict {
            rating: rating.to_owned(),
            conclusion: "Records show two meetings </script> with the ambassador.".to_owned(),
            sources: vec![
                "https://example.org/hearing-transcript".to_owned(),
                "Senate Judiciary Committee, 10 January 2017".to_owned(),
            ],
            by: "Ana Ruiz".to_owned(),
            date: "2026-12-07T10:00:00Z".to_owned(),
            url: url.to_owned(),
        };
        let edit = Edit::SetVerdict {
            id,
            verdict: Some(verdict),
        };
        doc.apply(edit).unwrap();
    }
    doc
}

fn export(doc: &Document, format: Format, publisher: &str) -> Result<String, ExportError> {
    let sources = [Source {
        doc,
        name: "sessions-recusal",
    }];
    let bytes = export::to_bytes(format, &sources, Options { publisher })?;
    Ok(String::from_utf8(bytes).unwrap())
}

#[test]
fn every_review_fits_the_schema_org_vocabulary_and_what_google_requires() {
    let doc = rated_sample();
    let json = export(&doc, Format::ClaimReview, "Riverside Fact Desk").unwrap();
    let reviews: Value = serde_json::from_str(&json).unwrap();
    let reviews = reviews.as_array().unwrap();
    assert_eq!(reviews.len(), 3, "one review per rated claim");
    for (n, review) in reviews.iter().enumerate() {
        assert_eq!(review["@context"], "https://schema.org");
        let claimed = review["claimReviewed"].as_str().unwrap();
        assert!(
            doc.annotations().iter().any(|a| a.exact == claimed),
            "{claimed}"
        );
        assert!(review["reviewRating"]["alternateName"].is_string(), "{n}");
        assert_eq!(review["author"]["name"], "Riverside Fact Desk");
        assert_eq!(review["author"]["@type"], "Organization");
        assert_eq!(review["datePublished"], "2026-12-07");
        let appearance = &review["itemReviewed"]["appearance"];
        assert_eq!(appearance["headline"], doc.article.title.as_str());
        assert_eq!(appearance["url"], doc.article.url.as_str());
    }
    let [first, second, third] = [&reviews[0], &reviews[1], &reviews[2]];
    assert_eq!(first["reviewRating"]["ratingValue"], 1);
    assert_eq!(first["reviewRating"]["bestRating"], 5);
    assert_eq!(first["reviewRating"]["worstRating"], 1);
    assert_eq!(first["reviewRating"]["alternateName"], "False");
    assert!(first["url"].is_string() && second["url"].is_string());
    // Off the scale: named, with no number.
    assert_eq!(third["reviewRating"]["alternateName"], "Unsupported");
    assert!(third["reviewRating"].get("ratingValue").is_none());
    assert!(
        third.get("url").is_none(),
        "no published fact-check, no url"
    );
    let authors: Vec<&str> = reviews
        .iter()
        .map(|r| r["itemReviewed"]["author"]["@type"].as_str().unwrap_or(""))
        .collect();
    assert!(
        authors.contains(&"Person") && authors.contains(&"Organization"),
        "{authors:?}"
    );

    let Some(path) = vocabulary_path() else {
        return;
    };
    let vocabulary = Vocabulary::read(&path);
    let mut problems = Vec::new();
    for (n, review) in reviews.iter().enumerate() {
        vocabulary.problems(review, &format!("review {n}"), &mut problems);
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // The check itself finds what does not fit.
    let mut broken = reviews[0].clone();
    broken["reviewRating"]["ratingValue"] = Value::Bool(true);
    broken["itemReviewed"]["appearance"]["verdict"] = Value::from("x");
    broken["author"]["@type"] = Value::from("Rating");
    broken["datePublished"] = Value::from("7 December");
    let mut found = Vec::new();
    vocabulary.problems(&broken, "broken", &mut found);
    assert_eq!(found.len(), 4, "{found:#?}");
}

#[test]
fn the_html_page_carries_the_reviews_as_json_ld() {
    let doc = rated_sample();
    let page = export(&doc, Format::Html, "Riverside Fact Desk").unwrap();
    let start = page.find("<script type=\"application/ld+json\">").unwrap();
    let json = page
        .get(start..)
        .and_then(|s| s.split_once('>'))
        .and_then(|(_, rest)| rest.split_once("</script>"))
        .map(|(json, _)| json)
        .unwrap();
    let reviews: Value = serde_json::from_str(json).unwrap();
    let standalone = export(&doc, Format::ClaimReview, "Riverside Fact Desk").unwrap();
    assert_eq!(reviews, serde_json::from_str::<Value>(&standalone).unwrap());
    // The conclusion's `</script>` cannot end the script early.
    assert_eq!(page.matches("</script>").count(), 1);
    // Nothing rated, no script.
    let unrated = export(&sample("sessions-recusal.ron"), Format::Html, "").unwrap();
    assert!(!unrated.contains("application/ld+json"));
}

#[test]
fn a_claimreview_export_needs_a_publisher_and_a_verdict() {
    let doc = rated_sample();
    let error = export(&doc, Format::ClaimReview, "  ").err().unwrap();
    assert!(error.to_string().contains("--publisher"), "{error}");
    let unrated = sample("sessions-recusal.ron");
    let error = export(&unrated, Format::ClaimReview, "Desk").err().unwrap();
    assert!(
        error.to_string().contains("no claim has a verdict"),
        "{error}"
    );
}
