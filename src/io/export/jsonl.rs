//! JSONL: one object per article, `{"text", "spans", "meta"}`, the shape spaCy and Prodigy
//! read. Span offsets are code points, so `text[start:end] == span["text"]` in Python.

use serde_json::{Value, json};

use super::Source;
use crate::core::labelled_spans;

pub(super) fn write(sources: &[Source<'_>]) -> String {
    let mut out = String::new();
    for source in sources {
        let doc = source.doc;
        let spans: Vec<Value> = labelled_spans(doc)
            .iter()
            .map(|s| {
                json!({
                    "start": s.start,
                    "end": s.end,
                    "label": s.label_id,
                    "text": s.text,
                    "id": s.id.0,
                    "speaker": s.speaker.map(|sp| sp.name.as_str()),
                    "responds_to": s.responds_to.map(|r| r.0),
                    "note": s.note,
                })
            })
            .collect();
        let labels: Vec<Value> = doc
            .labels()
            .iter()
            .map(|l| json!({"id": l.id, "name": l.name, "color": l.color}))
            .collect();
        let speakers: Vec<Value> = doc
            .speakers()
            .iter()
            .map(|s| json!({"id": s.id.0, "name": s.name, "role": s.role}))
            .collect();
        let line = json!({
            "text": doc.article.text(),
            "spans": spans,
            "meta": {
                "title": doc.article.title,
                "source": doc.article.source,
                "url": doc.article.url,
                "sha256": doc.article.sha256(),
                "annotator": doc.annotator,
                "labels": labels,
                "speakers": speakers,
            },
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}
