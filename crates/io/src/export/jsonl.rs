//! JSONL: one object per article, `{"text", "spans", "meta"}`, the shape spaCy and Prodigy
//! read. Span offsets are code points, so `text[start:end] == span["text"]` in Python.

use serde::Serialize;

use super::Source;
use marginalia_core::{Scale, Verdict, labelled_spans};

#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    spans: Vec<Span<'a>>,
    meta: Meta<'a>,
}

#[derive(Serialize)]
struct Span<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
    id: u64,
    speaker: Option<&'a str>,
    responds_to: Option<u64>,
    note: &'a str,
    verdict: Option<VerdictOut<'a>>,
}

/// A verdict with its rating's name and value written out.
#[derive(Serialize)]
struct VerdictOut<'a> {
    rating: &'a str,
    rating_name: &'a str,
    value: Option<i64>,
    #[serde(flatten)]
    verdict: &'a Verdict,
}

#[derive(Serialize)]
struct Meta<'a> {
    title: &'a str,
    source: &'a str,
    url: &'a str,
    sha256: &'a str,
    annotator: &'a str,
    labels: Vec<LabelMeta<'a>>,
    scale: &'a Scale,
    speakers: Vec<SpeakerMeta<'a>>,
}

#[derive(Serialize)]
struct LabelMeta<'a> {
    id: &'a str,
    name: &'a str,
    color: &'a str,
}

#[derive(Serialize)]
struct SpeakerMeta<'a> {
    id: u64,
    name: &'a str,
    role: &'a str,
}

pub(super) fn write(sources: &[Source<'_>]) -> String {
    let mut out = String::new();
    for source in sources {
        let doc = source.doc;
        let line = Line {
            text: doc.article.text(),
            spans: labelled_spans(doc)
                .iter()
                .map(|s| Span {
                    start: s.start,
                    end: s.end,
                    label: s.label_id,
                    text: s.text,
                    id: s.id.0,
                    speaker: s.speaker.map(|sp| sp.name.as_str()),
                    responds_to: s.responds_to.map(|r| r.0),
                    note: s.note,
                    verdict: s.verdict.map(|verdict| VerdictOut {
                        rating: &verdict.rating,
                        rating_name: s.rating_name(),
                        value: s.rating.and_then(|r| r.value),
                        verdict,
                    }),
                })
                .collect(),
            meta: Meta {
                title: &doc.article.title,
                source: &doc.article.source,
                url: &doc.article.url,
                sha256: doc.article.sha256(),
                annotator: &doc.annotator,
                labels: doc
                    .labels()
                    .iter()
                    .map(|l| LabelMeta {
                        id: &l.id,
                        name: &l.name,
                        color: &l.color,
                    })
                    .collect(),
                scale: doc.scale(),
                speakers: doc
                    .speakers()
                    .iter()
                    .map(|s| SpeakerMeta {
                        id: s.id.0,
                        name: &s.name,
                        role: &s.role,
                    })
                    .collect(),
            },
        };
        out.push_str(&serde_json::to_string(&line).unwrap_or_default());
        out.push('\n');
    }
    out
}
