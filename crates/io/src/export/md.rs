//! A Markdown report an editor reads: the article's details, the count per label, each thread
//! (the claim with its speaker, its denials and reactions nested in its quote), then the claims
//! nobody answered and the responses that answer nothing. Notes are in italics.
//!
//! The report reads the same in `CommonMark` (markdown-it, GitHub) and in Python-Markdown, which
//! agree on less than it seems: no backslash line breaks (Python-Markdown shows the backslash),
//! no `\<` or `\|` (not escapes there), no tables (an extension there), and never two block
//! quotes with only a blank line between them (Python-Markdown joins them into one). Each
//! annotation is a bold heading line, then a block quote holding its words, its note and the
//! annotations that answer it.

use std::fmt::Write as _;

use super::Source;
use marginalia_core::{Annotation, AnnotationId, Document, Threads};

/// `text` as one line of Markdown inline content that shows exactly these words: white space
/// and control characters (line breaks included) become single spaces, and every character
/// either renderer would read as markup is escaped in a way both read.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
            continue;
        }
        if std::mem::take(&mut space) {
            out.push(' ');
        }
        match c {
            // Backslash escapes both renderers honour, for the characters that are markup
            // anywhere in a line (nothing written here starts a line with the text itself).
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            // Not an escape in Python-Markdown: an entity both read.
            '<' => out.push_str("&lt;"),
            // Only where it would start an entity (`&amp;` would otherwise show as `&`).
            '&' if starts_entity(chars.clone()) => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether the text after a `&` reads as an entity reference: `name;`, `#123;` or `#x1F;`.
fn starts_entity(rest: impl Iterator<Item = char>) -> bool {
    for (len, c) in rest.enumerate() {
        if c == ';' {
            return len > 0;
        }
        if !(c.is_ascii_alphanumeric() || (c == '#' && len == 0)) || len > 32 {
            return false;
        }
    }
    false
}

/// Lines of a report inside nested block quotes, with the separating lines both renderers need.
struct Lines<'a> {
    out: &'a mut String,
    /// The quote depth of the last line written; `None` before the first.
    depth: Option<usize>,
}

impl Lines<'_> {
    /// Writes `line` at quote depth `depth`, after a line holding only the quote markers both
    /// lines share, so each line is its own paragraph and no block quote continues lazily.
    fn push(&mut self, depth: usize, line: &str) {
        if let Some(previous) = self.depth {
            let _ = writeln!(self.out, "{}", "> ".repeat(previous.min(depth)).trim_end());
        }
        // Writing to a String cannot fail, hence the ignored results.
        let _ = writeln!(self.out, "{}{line}", "> ".repeat(depth));
        self.depth = Some(depth);
    }
}

/// One annotation at `depth`: its label and speaker, then one level deeper its words and note.
fn annotation_block(lines: &mut Lines<'_>, doc: &Document, ann: &Annotation, depth: usize) {
    let speaker = doc
        .speaker_of(ann)
        .map_or_else(|| "no speaker".to_owned(), |s| escape(&s.name));
    let label = escape(doc.label_name(ann));
    lines.push(depth, &format!("**{label} — {speaker}** (#{})", ann.id));
    lines.push(depth + 1, &format!("“{}”", escape(&ann.exact)));
    if !ann.note.trim().is_empty() {
        lines.push(depth + 1, &format!("*{}*", escape(&ann.note)));
    }
    if let (Some(verdict), Some(rating)) = (&ann.verdict, doc.rating_name(ann)) {
        let mut line = format!("Verdict: **{}**", escape(rating));
        if !verdict.conclusion.trim().is_empty() {
            let _ = write!(line, " — {}", escape(verdict.conclusion.trim()));
        }
        let by: Vec<String> = [verdict.by.trim(), verdict.day().unwrap_or_default()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(escape)
            .collect();
        if !by.is_empty() {
            let _ = write!(line, " ({})", by.join(", "));
        }
        lines.push(depth + 1, &line);
        let sources: Vec<String> = verdict.cited().map(link_or_text).collect();
        if !sources.is_empty() {
            lines.push(depth + 1, &format!("Sources: {}", sources.join(" · ")));
        }
        if !verdict.url.trim().is_empty() {
            lines.push(
                depth + 1,
                &format!("Fact-check: {}", link_or_text(verdict.url.trim())),
            );
        }
    }
}

/// An address as a Markdown autolink when it is one, else the text escaped.
fn link_or_text(text: &str) -> String {
    let link = text.starts_with("http")
        && !text.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    if link {
        format!("<{text}>")
    } else {
        escape(text)
    }
}

fn details(doc: &Document) -> Vec<String> {
    let mut details = Vec::new();
    if !doc.article.source.is_empty() {
        details.push(format!("Source: {}", escape(&doc.article.source)));
    }
    if !doc.article.url.is_empty() {
        details.push(link_or_text(&doc.article.url));
    }
    if !doc.article.date.is_empty() {
        details.push(format!("Published: {}", escape(&doc.article.date)));
    }
    if !doc.annotator.is_empty() {
        details.push(format!("Annotator: {}", escape(&doc.annotator)));
    }
    if !doc.modified.is_empty() {
        details.push(format!("Saved: {}", escape(&doc.modified)));
    }
    details
}

fn report(out: &mut String, doc: &Document) {
    let _ = writeln!(out, "# {}\n", escape(&doc.article.title));
    let details = details(doc);
    if !details.is_empty() {
        let _ = writeln!(out, "{}\n", details.join(" · "));
    }
    for (label, count) in doc.counts_per_label() {
        let _ = writeln!(out, "- {}: {count}", escape(&label.name));
    }
    let _ = writeln!(out, "- **All: {}**", doc.annotations().len());
    let rated: Vec<String> = doc
        .scale()
        .ratings
        .iter()
        .filter_map(|rating| {
            let n = doc
                .annotations()
                .iter()
                .filter(|a| a.verdict.as_ref().is_some_and(|v| v.rating == rating.id))
                .count();
            (n > 0).then(|| format!("{} {n}", escape(&rating.name)))
        })
        .collect();
    if !rated.is_empty() {
        let _ = writeln!(out, "- Verdicts: {}", rated.join(", "));
    }

    let threads = Threads::of(doc);
    let block = |out: &mut String, items: &mut dyn Iterator<Item = (usize, AnnotationId)>| {
        out.push('\n');
        let mut lines = Lines { out, depth: None };
        for (depth, id) in items {
            if let Some(ann) = doc.annotation(id) {
                annotation_block(&mut lines, doc, ann, depth);
            }
        }
    };
    if !threads.threads.is_empty() {
        let _ = writeln!(out, "\n## Threads");
        for thread in &threads.threads {
            block(out, &mut thread.walk().into_iter());
        }
    }
    for (heading, ids) in threads.outside_threads() {
        if ids.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {heading}");
        for &id in ids {
            block(out, &mut std::iter::once((0, id)));
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
