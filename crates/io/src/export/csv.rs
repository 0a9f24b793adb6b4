//! CSV (RFC 4180, UTF-8, CRLF): one row per annotation, sorted by start, several articles in
//! one file.

use super::{ExportError, Source};
use marginalia_core::{Verdict, labelled_spans};

/// The header row, exactly.
pub const HEADER: [&str; 19] = [
    "id",
    "label",
    "label_name",
    "start",
    "end",
    "text",
    "speaker",
    "responds_to",
    "note",
    "annotator",
    "article_title",
    "article_sha256",
    "verdict",
    "verdict_value",
    "conclusion",
    "verdict_sources",
    "rated_by",
    "rated_on",
    "fact_check_url",
];

/// Every annotation of `sources` as its row of cells under [`HEADER`], sorted by start within
/// each article. The CSV and the xlsx export write these same cells.
pub(super) fn rows<'a>(sources: &'a [Source<'a>]) -> impl Iterator<Item = [String; 19]> + 'a {
    sources.iter().flat_map(|source| {
        let doc = source.doc;
        labelled_spans(doc).into_iter().map(move |span| {
            let verdict = |f: fn(&Verdict) -> String| span.verdict.map(f).unwrap_or_default();
            [
                span.id.to_string(),
                span.label_id.to_owned(),
                span.label_name().to_owned(),
                span.start.to_string(),
                span.end.to_string(),
                span.text.to_owned(),
                span.speaker_name().to_owned(),
                span.responds_to.map(|r| r.to_string()).unwrap_or_default(),
                span.note.to_owned(),
                doc.annotator.clone(),
                doc.article.title.clone(),
                doc.article.sha256().to_owned(),
                span.rating_name().to_owned(),
                span.rating
                    .and_then(|r| r.value)
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                verdict(|v| v.conclusion.clone()),
                verdict(|v| v.sources.join("\n")),
                verdict(|v| v.by.clone()),
                verdict(|v| v.date.clone()),
                verdict(|v| v.url.clone()),
            ]
        })
    })
}

pub(super) fn write(sources: &[Source<'_>]) -> Result<Vec<u8>, ExportError> {
    let encode = |e: ::csv::Error| ExportError::Encode(e.to_string());
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(HEADER).map_err(encode)?;
    for row in rows(sources) {
        writer.write_record(&row).map_err(encode)?;
    }
    writer
        .into_inner()
        .map_err(|e| ExportError::Encode(e.to_string()))
}
