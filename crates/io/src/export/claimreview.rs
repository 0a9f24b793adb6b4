//! `ClaimReview` (schema.org) for what a newsroom publishes: one `ClaimReview` per annotation
//! with a verdict, as search engines and fact-check databases read it. The claim's words are
//! `claimReviewed`; the rating a `Rating` with the scale's values and the rating's name as
//! `alternateName`; the claim itself a `Claim` by its speaker (a `Person`, or an
//! `Organization` when the name is a body's), appearing in the article (a `CreativeWork` with
//! its headline and address); the review's `author` the publishing organisation.

use serde_json::{Map, Value, json};

use super::Source;
use marginalia_core::names::is_organisation;
use marginalia_core::{Document, LabelledSpan, labelled_spans};

/// The schema.org context every review carries, so that each one read on its own still reads.
const CONTEXT: &str = "https://schema.org";

/// Inserts `value` under `key` when `text` is not empty.
fn put_text(object: &mut Map<String, Value>, key: &str, text: &str) {
    if !text.trim().is_empty() {
        object.insert(key.to_owned(), Value::from(text));
    }
}

fn rating(doc: &Document, span: &LabelledSpan<'_>) -> Value {
    let mut rating = Map::new();
    rating.insert("@type".to_owned(), json!("Rating"));
    rating.insert("alternateName".to_owned(), json!(span.rating_name()));
    if let Some(value) = span.rating.and_then(|r| r.value) {
        let scale = doc.scale();
        rating.insert("ratingValue".to_owned(), json!(value));
        rating.insert("bestRating".to_owned(), json!(scale.best));
        rating.insert("worstRating".to_owned(), json!(scale.worst));
    }
    Value::Object(rating)
}

fn claim(doc: &Document, span: &LabelledSpan<'_>) -> Value {
    let mut claim = Map::new();
    claim.insert("@type".to_owned(), json!("Claim"));
    if let Some(speaker) = span.speaker {
        let mut author = Map::new();
        if is_organisation(&speaker.name, &speaker.role) {
            author.insert("@type".to_owned(), json!("Organization"));
            put_text(&mut author, "name", &speaker.name);
        } else {
            author.insert("@type".to_owned(), json!("Person"));
            put_text(&mut author, "name", &speaker.name);
            put_text(&mut author, "jobTitle", &speaker.role);
        }
        claim.insert("author".to_owned(), Value::Object(author));
    }
    let article = &doc.article;
    put_text(&mut claim, "datePublished", &article.date);
    let mut appearance = Map::new();
    appearance.insert("@type".to_owned(), json!("CreativeWork"));
    put_text(&mut appearance, "headline", &article.title);
    put_text(&mut appearance, "url", &article.url);
    put_text(&mut appearance, "datePublished", &article.date);
    if !article.source.trim().is_empty() {
        appearance.insert(
            "publisher".to_owned(),
            json!({"@type": "Organization", "name": article.source}),
        );
    }
    claim.insert("appearance".to_owned(), Value::Object(appearance));
    Value::Object(claim)
}

/// The `ClaimReview` of every annotation with a verdict, in article then text order; the
/// `author` is `publisher`, left out when it is empty.
pub(super) fn reviews(sources: &[Source<'_>], publisher: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for source in sources {
        let doc = source.doc;
        for span in labelled_spans(doc) {
            let Some(verdict) = span.verdict else {
                continue;
            };
            let mut review = Map::new();
            review.insert("@context".to_owned(), json!(CONTEXT));
            review.insert("@type".to_owned(), json!("ClaimReview"));
            review.insert("claimReviewed".to_owned(), json!(span.text));
            review.insert("reviewRating".to_owned(), rating(doc, &span));
            review.insert("itemReviewed".to_owned(), claim(doc, &span));
            if !publisher.trim().is_empty() {
                review.insert(
                    "author".to_owned(),
                    json!({"@type": "Organization", "name": publisher.trim()}),
                );
            }
            if let Some(day) = verdict.day() {
                review.insert("datePublished".to_owned(), json!(day));
            }
            put_text(&mut review, "url", &verdict.url);
            put_text(&mut review, "reviewBody", &verdict.conclusion);
            let sources: Vec<&str> = verdict.cited().collect();
            if !sources.is_empty() {
                review.insert("citation".to_owned(), json!(sources));
            }
            out.push(Value::Object(review));
        }
    }
    out
}

/// The reviews as a JSON-LD array, pretty-printed.
pub(super) fn write(sources: &[Source<'_>], publisher: &str) -> String {
    let mut out = serde_json::to_string_pretty(&Value::Array(reviews(sources, publisher)))
        .unwrap_or_default();
    out.push('\n');
    out
}

/// The reviews for an HTML page's `<script type="application/ld+json">`: JSON with `<` escaped,
/// so no `</script>` in a claim can end the script. `None` when nothing is rated.
pub(super) fn script(sources: &[Source<'_>], publisher: &str) -> Option<String> {
    let reviews = reviews(sources, publisher);
    if reviews.is_empty() {
        return None;
    }
    let json = serde_json::to_string(&Value::Array(reviews)).unwrap_or_default();
    Some(json.replace('<', "\\u003c"))
}
