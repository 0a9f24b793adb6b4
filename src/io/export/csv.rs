//! CSV (RFC 4180, UTF-8, CRLF): one row per annotation, sorted by start, several articles in
//! one file.

use super::{ExportError, Source};
use crate::core::labelled_spans;

/// The header row, exactly.
pub const HEADER: [&str; 12] = [
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
];

pub(super) fn write(sources: &[Source<'_>]) -> Result<Vec<u8>, ExportError> {
    let encode = |e: ::csv::Error| ExportError::Encode(e.to_string());
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(HEADER).map_err(encode)?;
    for source in sources {
        let doc = source.doc;
        for span in labelled_spans(doc) {
            let responds_to = span.responds_to.map(|r| r.to_string()).unwrap_or_default();
            writer
                .write_record([
                    span.id.to_string().as_str(),
                    span.label_id,
                    span.label_name(),
                    span.start.to_string().as_str(),
                    span.end.to_string().as_str(),
                    span.text,
                    span.speaker_name(),
                    responds_to.as_str(),
                    span.note,
                    doc.annotator.as_str(),
                    doc.article.title.as_str(),
                    doc.article.sha256(),
                ])
                .map_err(encode)?;
        }
    }
    writer
        .into_inner()
        .map_err(|e| ExportError::Encode(e.to_string()))
}
