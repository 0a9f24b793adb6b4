//! W3C Web Annotation: one JSON-LD `AnnotationCollection`. Each annotation targets its article
//! (the url, else `urn:sha256:…`) with a `TextQuoteSelector` and a `TextPositionSelector`; its
//! label is a tagging body, its note a commenting body, its speaker an identifying body and its
//! link a linking body pointing at the annotation it answers. The collection, its page and
//! every annotation have an `id`; an annotation's names its article, its file (the annotator)
//! and its number, so that several annotators' files of one article never share one.

use serde::Serialize;

use super::Source;
use marginalia_core::article::sha256_hex;
use marginalia_core::{AnnotationId, Document, labelled_spans};

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    first: Page<'a>,
}

/// The Web Annotation context, on the page and every annotation as well as the collection, so
/// that each one taken out on its own still reads (as the W3C test schemas take them).
const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

#[derive(Serialize)]
struct Page<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Creator<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<&'a str>,
    body: Vec<Body<'a>>,
    target: Target<'a>,
}

#[derive(Serialize)]
struct Creator<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body<'a> {
    Text {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        value: &'a str,
        format: &'static str,
    },
    Link {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        source: String,
    },
}

impl<'a> Body<'a> {
    fn text(purpose: &'static str, value: &'a str) -> Self {
        Self::Text {
            kind: "TextualBody",
            purpose,
            value,
            format: "text/plain",
        }
    }
}

#[derive(Serialize)]
struct Target<'a> {
    source: &'a str,
    selector: [Selector<'a>; 2],
}

#[derive(Serialize)]
#[serde(untagged)]
enum Selector<'a> {
    Quote {
        #[serde(rename = "type")]
        kind: &'static str,
        exact: &'a str,
        prefix: &'a str,
        suffix: &'a str,
    },
    Position {
        #[serde(rename = "type")]
        kind: &'static str,
        start: usize,
        end: usize,
    },
}

/// The article's IRI: its url when known, else a URN of its text's hash.
fn article_iri(doc: &Document) -> String {
    if doc.article.url.is_empty() {
        format!("urn:sha256:{}", doc.article.sha256())
    } else {
        doc.article.url.clone()
    }
}

/// What tells one source's annotations from another's of the same article: the first 16 hex
/// digits of the SHA-256 of its annotator's name, and a count when two sources of one
/// article have the same annotator.
fn file_keys(sources: &[Source<'_>]) -> Vec<String> {
    let mut seen: Vec<(String, String)> = Vec::new();
    sources
        .iter()
        .map(|source| {
            let hash = sha256_hex(&source.doc.annotator);
            let base = hash.get(..16).unwrap_or(&hash).to_owned();
            let article = source.doc.article.sha256().to_owned();
            let earlier = seen
                .iter()
                .filter(|(a, b)| *a == article && *b == base)
                .count();
            seen.push((article, base.clone()));
            if earlier == 0 {
                base
            } else {
                format!("{base}-{}", earlier + 1)
            }
        })
        .collect()
}

/// An annotation's IRI, unique across articles and files.
fn annotation_iri(doc: &Document, file_key: &str, id: AnnotationId) -> String {
    format!("urn:marginalia:{}:{file_key}:{id}", doc.article.sha256())
}

pub(super) fn write(sources: &[Source<'_>]) -> String {
    let iris: Vec<String> = sources.iter().map(|s| article_iri(s.doc)).collect();
    let keys = file_keys(sources);
    let mut items = Vec::new();
    for ((source, iri), key) in sources.iter().zip(&iris).zip(&keys) {
        let doc = source.doc;
        for span in labelled_spans(doc) {
            let mut body = vec![Body::text("tagging", span.label_id)];
            if let Some(speaker) = span.speaker {
                body.push(Body::text("identifying", &speaker.name));
            }
            if !span.note.is_empty() {
                body.push(Body::text("commenting", span.note));
            }
            if let Some(target) = span.responds_to.filter(|t| doc.annotation(*t).is_some()) {
                body.push(Body::Link {
                    kind: "SpecificResource",
                    purpose: "linking",
                    source: annotation_iri(doc, key, target),
                });
            }
            items.push(Item {
                context: CONTEXT,
                id: annotation_iri(doc, key, span.id),
                kind: "Annotation",
                motivation: "tagging",
                creator: (!doc.annotator.is_empty()).then_some(Creator {
                    kind: "Person",
                    name: &doc.annotator,
                }),
                modified: (!doc.modified.is_empty()).then_some(doc.modified.as_str()),
                body,
                target: Target {
                    source: iri,
                    selector: [
                        Selector::Quote {
                            kind: "TextQuoteSelector",
                            exact: span.text,
                            prefix: span.prefix,
                            suffix: span.suffix,
                        },
                        Selector::Position {
                            kind: "TextPositionSelector",
                            start: span.start,
                            end: span.end,
                        },
                    ],
                },
            });
        }
    }
    let label = match sources {
        [only] => format!("Marginalia annotations of “{}”", only.doc.article.title),
        _ => format!("Marginalia annotations of {} articles", sources.len()),
    };
    // The same files give the same collection id.
    let mut what = String::new();
    for (source, key) in sources.iter().zip(&keys) {
        what.push_str(source.doc.article.sha256());
        what.push(':');
        what.push_str(key);
        what.push(':');
        what.push_str(&source.doc.modified);
        what.push('\n');
    }
    let id = format!("urn:marginalia:collection:{}", sha256_hex(&what));
    let collection = Collection {
        context: CONTEXT,
        id: id.clone(),
        kind: "AnnotationCollection",
        label,
        total: items.len(),
        first: Page {
            context: CONTEXT,
            id: format!("{id}:page:1"),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    };
    let mut out = serde_json::to_string_pretty(&collection).unwrap_or_default();
    out.push('\n');
    out
}
