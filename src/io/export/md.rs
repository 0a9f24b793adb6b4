//! A Markdown report an editor reads: the article's details, the count per label, each thread
//! (the claim with its speaker, its denials and reactions as nested quotes), then the claims
//! nobody answered and the responses that answer nothing. Notes are in italics.

use std::fmt::Write as _;

use super::Source;
use crate::core::{Annotation, AnnotationId, Document, Threads};

/// Escapes the characters Markdown would read as markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '|' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// White space, line breaks included, collapsed to single spaces.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn annotation_block(out: &mut String, doc: &Document, ann: &Annotation, depth: usize) {
    let prefix = "> ".repeat(depth + 1);
    let label = doc.label_name(ann);
    let speaker = doc
        .speaker_of(ann)
        .map_or_else(|| "no speaker".to_owned(), |s| escape(&s.name));
    // Writing to a String cannot fail, hence the ignored results.
    // The backslash ends the line here (a CommonMark hard line break).
    let _ = writeln!(
        out,
        "{prefix}**{} — {speaker}** (#{})\\",
        escape(label),
        ann.id
    );
    let _ = writeln!(out, "{prefix}“{}”", escape(&collapse(&ann.exact)));
    if !ann.note.trim().is_empty() {
        let _ = writeln!(out, "{}", prefix.trim_end());
        let _ = writeln!(out, "{prefix}*{}*", escape(&collapse(&ann.note)));
    }
}

fn report(out: &mut String, doc: &Document) {
    let _ = writeln!(out, "# {}\n", escape(&doc.article.title));
    let mut details = Vec::new();
    if !doc.article.source.is_empty() {
        details.push(format!("Source: {}", escape(&doc.article.source)));
    }
    if !doc.article.url.is_empty() {
        details.push(format!("<{}>", doc.article.url));
    }
    if !doc.annotator.is_empty() {
        details.push(format!("Annotator: {}", escape(&doc.annotator)));
    }
    if !doc.modified.is_empty() {
        details.push(format!("Saved: {}", doc.modified));
    }
    if !details.is_empty() {
        let _ = writeln!(out, "{}\n", details.join(" · "));
    }
    let _ = writeln!(out, "| Label | Annotations |\n| --- | ---: |");
    for (label, count) in doc.counts_per_label() {
        let _ = writeln!(out, "| {} | {count} |", escape(&label.name));
    }
    let _ = writeln!(out, "| **All** | **{}** |", doc.annotations().len());

    let threads = Threads::of(doc);
    let block = |out: &mut String, id: AnnotationId, depth: usize| {
        if let Some(ann) = doc.annotation(id) {
            annotation_block(out, doc, ann, depth);
        }
    };
    if !threads.threads.is_empty() {
        let _ = writeln!(out, "\n## Threads");
        for thread in &threads.threads {
            out.push('\n');
            let mut previous_depth = 0;
            for (depth, id) in thread.walk() {
                if depth > 0 || previous_depth > 0 {
                    // A line holding only the quote markers separates nested blocks.
                    let _ = writeln!(out, "{}", "> ".repeat(depth.max(previous_depth)).trim_end());
                }
                block(out, id, depth);
                previous_depth = depth;
            }
        }
    }
    for (heading, ids) in [
        ("Unanswered claims", &threads.unanswered_claims),
        ("Responses that answer nothing", &threads.loose),
    ] {
        if ids.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {heading}");
        for &id in ids {
            out.push('\n');
            block(out, id, 0);
        }
    }
}

pub(super) fn write(sources: &[Source<'_>]) -> String {
    let mut out = String::new();
    for (n, source) in sources.iter().enumerate() {
        if n > 0 {
            out.push_str("\n---\n\n");
        }
        report(&mut out, source.doc);
    }
    out
}
