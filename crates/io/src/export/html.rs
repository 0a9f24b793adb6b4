//! The article as one self-contained, printable HTML page: highlights in the label colours,
//! a tag at the start of each span (label and speaker, readable on paper), the speaker and note
//! on hover, and a legend with the count per label. Tags are CSS generated content and a
//! Markdown heading's `#` marks are hidden, so a paragraph copied from the page is the
//! article's words exactly.

use std::fmt::Write as _;

use super::Source;
use marginalia_core::{Document, LabelledSpan, labelled_spans};

/// Escapes text for HTML content and attribute values. Control characters but the tab (a
/// form feed, which browsers draw as a box) become spaces.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push(' '),
            other => out.push(other),
        }
    }
    out
}

/// The length in code points of a Markdown heading's marker (`## ` of `## Title`) at the start
/// of `line`, when the article is Markdown.
fn heading_marker(doc: &Document, line: &str) -> usize {
    let markdown = std::path::Path::new(&doc.article.path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    let hashes = line.chars().take_while(|c| *c == '#').count();
    if !markdown || hashes == 0 || hashes > 6 {
        return 0;
    }
    let spaces = line.chars().skip(hashes).take_while(|c| *c == ' ').count();
    if spaces == 0 { 0 } else { hashes + spaces }
}

const STYLE: &str = "
body { font-family: Georgia, 'Times New Roman', serif; max-width: 42em; margin: 2em auto; padding: 0 1em; line-height: 1.7; color: #222; }
h1 { line-height: 1.2; }
.meta { color: #666; font-size: 0.9em; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; font-family: sans-serif; font-size: 0.85em; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px; margin-right: 0.3em; vertical-align: -0.1em; }
mark { color: inherit; padding: 0.05em 0; border-radius: 2px; }
.tag::before { content: attr(data-tag); font-family: sans-serif; font-size: 0.62em; font-weight: bold; color: #fff; border-radius: 3px; padding: 0.05em 0.35em; margin-inline-end: 0.2em; vertical-align: 0.35em; white-space: nowrap; unicode-bidi: isolate; }
.md-mark { display: none; }
p.heading { font-weight: bold; font-size: 1.2em; }
.verdicts li { margin-bottom: 0.8em; }
.rating { color: #fff; font-family: sans-serif; font-size: 0.8em; border-radius: 3px; padding: 0.05em 0.4em; }
article p { margin: 0 0 1em; white-space: pre-wrap; }
@media print { body { margin: 0; max-width: none; } mark, .tag::before, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
";

fn css_class(label_id: &str) -> String {
    format!("l-{label_id}")
}

fn rgb(color: &str) -> (u8, u8, u8) {
    marginalia_core::model::parse_hex_color(color).map_or((128, 128, 128), |[r, g, b]| (r, g, b))
}

fn hover_text(span: &LabelledSpan<'_>) -> String {
    let mut text = tag_text(span);
    if !span.note.is_empty() {
        let _ = write!(text, " — {}", span.note);
    }
    if let Some(verdict) = span.verdict
        && !verdict.conclusion.trim().is_empty()
    {
        let _ = write!(text, " — {}", verdict.conclusion.trim());
    }
    text
}

/// The tag at a span's start: its label, speaker and verdict.
fn tag_text(span: &LabelledSpan<'_>) -> String {
    let mut text = span.label_name().to_owned();
    if let Some(speaker) = span.speaker {
        let _ = write!(text, " · {}", speaker.name);
    }
    if span.verdict.is_some() {
        let _ = write!(text, " · {}", span.rating_name());
    }
    text
}

fn article(out: &mut String, doc: &Document) {
    let spans = labelled_spans(doc);
    // Spans are sorted by start; those touching a line are found by binary search, bounded
    // below by the longest span.
    let longest = spans.iter().map(|s| s.end - s.start).max().unwrap_or(0);
    let mut line_start = 0usize;
    for line in doc.article.text().split('\n') {
        let line_len = line.chars().count();
        let line_end = line_start + line_len;
        if line_len > 0 {
            let marker_end = line_start + heading_marker(doc, line);
            out.push_str(if marker_end > line_start {
                "<p class=\"heading\" dir=\"auto\">"
            } else {
                "<p dir=\"auto\">"
            });
            let from = spans.partition_point(|s| s.start + longest <= line_start);
            let to = spans.partition_point(|s| s.start < line_end);
            let here: Vec<&LabelledSpan<'_>> = spans
                .get(from..to)
                .unwrap_or_default()
                .iter()
                .filter(|s| s.start < line_end && s.end > line_start)
                .collect();
            let mut cuts = vec![line_start, line_end, marker_end];
            for s in &here {
                cuts.push(s.start.clamp(line_start, line_end));
                cuts.push(s.end.clamp(line_start, line_end));
            }
            cuts.sort_unstable();
            cuts.dedup();
            for pair in cuts.windows(2) {
                let (from, to) = (pair[0], pair[1]);
                let mut covering: Vec<&&LabelledSpan<'_>> = here
                    .iter()
                    .filter(|s| s.start <= from && s.end >= to)
                    .collect();
                // Outer spans open first.
                covering.sort_by_key(|s| (std::cmp::Reverse(s.end - s.start), s.id));
                for s in covering.iter().filter(|s| s.start == from) {
                    let tag = tag_text(s);
                    let _ = write!(
                        out,
                        "<span class=\"tag {}-tag\" data-tag=\"{}\"></span>",
                        css_class(s.label_id),
                        escape(&tag)
                    );
                }
                for s in &covering {
                    let _ = write!(
                        out,
                        "<mark class=\"{}\" data-id=\"{}\" title=\"{}\">",
                        css_class(s.label_id),
                        s.id,
                        escape(&hover_text(s))
                    );
                }
                let piece = doc.article.slice_chars(from, to).unwrap_or_default();
                if to <= marker_end {
                    let _ = write!(out, "<span class=\"md-mark\">{}</span>", escape(piece));
                } else {
                    out.push_str(&escape(piece));
                }
                for _ in &covering {
                    out.push_str("</mark>");
                }
            }
            out.push_str("</p>\n");
        }
        line_start = line_end + 1;
    }
}

fn page_section(out: &mut String, doc: &Document) {
    let _ = writeln!(
        out,
        "<header>\n<h1 dir=\"auto\">{}</h1>",
        escape(&doc.article.title)
    );
    let mut meta = Vec::new();
    if !doc.article.source.is_empty() {
        meta.push(escape(&doc.article.source));
    }
    if !doc.article.url.is_empty() {
        meta.push(format!("<a href=\"{0}\">{0}</a>", escape(&doc.article.url)));
    }
    if !doc.annotator.is_empty() {
        meta.push(format!("Annotated by {}", escape(&doc.annotator)));
    }
    if !doc.modified.is_empty() {
        meta.push(escape(&doc.modified));
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", meta.join(" · "));
    }
    out.push_str("<ul class=\"legend\">\n");
    for (label, count) in doc.counts_per_label() {
        let _ = writeln!(
            out,
            "<li dir=\"auto\"><span class=\"swatch\" style=\"background:{}\"></span>{} ({count})</li>",
            escape(&label.color),
            escape(&label.name)
        );
    }
    out.push_str("</ul>\n</header>\n<article>\n");
    article(out, doc);
    out.push_str("</article>\n");
    verdicts(out, doc);
}

/// A link when `text` is an address, else the text.
fn link_or_text(text: &str) -> String {
    if text.starts_with("https://") || text.starts_with("http://") {
        format!("<a href=\"{0}\">{0}</a>", escape(text))
    } else {
        escape(text)
    }
}

/// The rated claims after the article: the words, who said them, the rating, the conclusion,
/// the sources and the published fact-check.
fn verdicts(out: &mut String, doc: &Document) {
    let rated: Vec<LabelledSpan<'_>> = labelled_spans(doc)
        .into_iter()
        .filter(|s| s.verdict.is_some())
        .collect();
    if rated.is_empty() {
        return;
    }
    out.push_str("<div class=\"verdicts\">\n<h2>Verdicts</h2>\n<ul>\n");
    for span in &rated {
        let Some(verdict) = span.verdict else {
            continue;
        };
        let color = span.rating.map_or("#757575", |r| r.color.as_str());
        let _ = write!(out, "<li dir=\"auto\"><q>{}</q>", escape(span.text));
        if let Some(speaker) = span.speaker {
            let _ = write!(out, " — {}", escape(&speaker.name));
        }
        let _ = write!(
            out,
            " <strong class=\"rating\" style=\"background:{}\">{}</strong>",
            escape(color),
            escape(span.rating_name())
        );
        if !verdict.conclusion.trim().is_empty() {
            let _ = write!(out, " {}", escape(verdict.conclusion.trim()));
        }
        let sources: Vec<String> = verdict.cited().map(link_or_text).collect();
        if !sources.is_empty() {
            let _ = write!(out, "<br>Sources: {}", sources.join(" · "));
        }
        if !verdict.url.trim().is_empty() {
            let _ = write!(out, "<br>Fact-check: {}", link_or_text(verdict.url.trim()));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</div>\n");
}

pub(super) fn write(sources: &[Source<'_>], publisher: &str) -> String {
    let title = match sources {
        [only] => only.doc.article.title.clone(),
        _ => format!("{} annotated articles", sources.len()),
    };
    let mut css = String::from(STYLE);
    let mut seen = std::collections::BTreeSet::new();
    for source in sources {
        for label in source.doc.labels() {
            if seen.insert(label.id.clone()) {
                let (r, g, b) = rgb(&label.color);
                let class = css_class(&label.id);
                let _ = writeln!(
                    css,
                    ".{class} {{ background: rgba({r}, {g}, {b}, 0.28); border-bottom: 2px solid rgb({r}, {g}, {b}); }}\n.{class}-tag::before {{ background: rgb({r}, {g}, {b}); }}"
                );
            }
        }
    }
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"Marginalia\">\n<title>{}</title>\n<style>{css}</style>\n",
        escape(&title)
    );
    if let Some(json) = super::claimreview::script(sources, publisher) {
        let _ = writeln!(out, "<script type=\"application/ld+json\">{json}</script>");
    }
    out.push_str("</head>\n<body>\n");
    for (n, source) in sources.iter().enumerate() {
        if n > 0 {
            out.push_str("<hr>\n");
        }
        out.push_str("<section>\n");
        page_section(&mut out, source.doc);
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
