//! W3C Web Annotation: one JSON-LD `AnnotationCollection`. Each annotation targets its article
//! (the url, else `urn:sha256:…`) with a `TextQuoteSelector` and a `TextPositionSelector`; its
//! label is a tagging body, its note a commenting body, its speaker an identifying body and its
//! link a linking body pointing at the annotation it answers.

use serde_json::{Value, json};

use super::Source;
use crate::core::{AnnotationId, Document, labelled_spans};

/// The article's IRI: its url when known, else a URN of its text's hash.
fn article_iri(doc: &Document) -> String {
    if doc.article.url.is_empty() {
        format!("urn:sha256:{}", doc.article.sha256())
    } else {
        doc.article.url.clone()
    }
}

/// An annotation's IRI, unique across articles.
fn annotation_iri(doc: &Document, id: AnnotationId) -> String {
    format!("urn:marginalia:{}:{id}", doc.article.sha256())
}

pub(super) fn write(sources: &[Source<'_>]) -> String {
    let mut items = Vec::new();
    for source in sources {
        let doc = source.doc;
        for span in labelled_spans(doc) {
            let mut bodies = vec![json!({
                "type": "TextualBody",
                "purpose": "tagging",
                "value": span.label_id,
                "format": "text/plain",
            })];
            if let Some(speaker) = span.speaker {
                bodies.push(json!({
                    "type": "TextualBody",
                    "purpose": "identifying",
                    "value": speaker.name,
                    "format": "text/plain",
                }));
            }
            if !span.note.is_empty() {
                bodies.push(json!({
                    "type": "TextualBody",
                    "purpose": "commenting",
                    "value": span.note,
                    "format": "text/plain",
                }));
            }
            if let Some(target) = span.responds_to.filter(|t| doc.annotation(*t).is_some()) {
                bodies.push(json!({
                    "type": "SpecificResource",
                    "purpose": "linking",
                    "source": annotation_iri(doc, target),
                }));
            }
            let mut item = json!({
                "id": annotation_iri(doc, span.id),
                "type": "Annotation",
                "motivation": "tagging",
                "body": bodies,
                "target": {
                    "source": article_iri(doc),
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": span.text,
                            "prefix": span.prefix,
                            "suffix": span.suffix,
                        },
                        {
                            "type": "TextPositionSelector",
                            "start": span.start,
                            "end": span.end,
                        },
                    ],
                },
            });
            if let Some(object) = item.as_object_mut() {
                if !doc.annotator.is_empty() {
                    object.insert(
                        "creator".to_owned(),
                        json!({"type": "Person", "name": doc.annotator}),
                    );
                }
                if !doc.modified.is_empty() {
                    object.insert("modified".to_owned(), Value::String(doc.modified.clone()));
                }
            }
            items.push(item);
        }
    }
    let label = match sources {
        [only] => format!("Marginalia annotations of “{}”", only.doc.article.title),
        _ => format!("Marginalia annotations of {} articles", sources.len()),
    };
    let collection = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": label,
        "total": items.len(),
        "first": {
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    let mut out = serde_json::to_string_pretty(&collection).unwrap_or_default();
    out.push('\n');
    out
}
