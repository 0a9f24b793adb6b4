//! A small markup for writing annotated text inline, used by tests and examples:
//! `"[Sessions said]{claim} he [met]{denial}"`. Spans may nest; `[` opens one and `]{label}`
//! closes the innermost. Offsets come out in code points.

use super::Article;
use super::model::{Annotation, AnnotationId, Document, Label};

/// A span read from markup: `[start, end)` in code points, and its label id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkedSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Label id.
    pub label: String,
}

/// Splits marked-up text into the plain text and its spans, in the order they open.
/// `None` when brackets do not balance or a `]` has no `{label}`.
pub fn parse(markup: &str) -> Option<(String, Vec<MarkedSpan>)> {
    let mut text = String::new();
    let mut len_chars = 0usize;
    let mut open: Vec<usize> = Vec::new();
    let mut spans: Vec<(usize, MarkedSpan)> = Vec::new();
    let mut opened = 0usize;
    let mut open_order: Vec<usize> = Vec::new();
    let mut chars = markup.chars();
    while let Some(c) = chars.next() {
        match c {
            '[' => {
                open.push(len_chars);
                open_order.push(opened);
                opened += 1;
            }
            ']' => {
                let start = open.pop()?;
                let order = open_order.pop()?;
                if chars.next()? != '{' {
                    return None;
                }
                let label: String = chars.by_ref().take_while(|&c| c != '}').collect();
                spans.push((
                    order,
                    MarkedSpan {
                        start,
                        end: len_chars,
                        label,
                    },
                ));
            }
            _ => {
                text.push(c);
                len_chars += 1;
            }
        }
    }
    if !open.is_empty() {
        return None;
    }
    spans.sort_by_key(|(order, _)| *order);
    Some((text, spans.into_iter().map(|(_, s)| s).collect()))
}

/// The labels markup documents use: claim, denial and reaction.
pub fn test_labels() -> Vec<Label> {
    [
        ("claim", "Claim", "#E4572E", "1"),
        ("denial", "Denial", "#3D5A80", "2"),
        ("reaction", "Reaction", "#2A9D8F", "3"),
    ]
    .into_iter()
    .map(|(id, name, color, key)| Label {
        id: id.to_owned(),
        name: name.to_owned(),
        color: color.to_owned(),
        key: key.to_owned(),
    })
    .collect()
}

/// A document from markup, with [`test_labels`] and annotations numbered from 1 in the order
/// their spans open. `None` when the markup is malformed or names an unknown label.
pub fn document(markup: &str) -> Option<Document> {
    let (text, spans) = parse(markup)?;
    let mut doc = Document::new(Article::new(text), test_labels());
    for (n, span) in (1u64..).zip(spans) {
        let ann = Annotation::on_text(
            &doc.article,
            AnnotationId(n),
            &span.label,
            span.start,
            span.end,
        )?;
        doc.apply(super::Edit::AddAnnotation(ann)).ok()?;
    }
    Some(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_spans_in_code_points() {
        let (text, spans) =
            parse("“[Ané [said]{denial}]{claim}” 👋 [x]{reaction}").unwrap_or_default();
        assert_eq!(text, "“Ané said” 👋 x");
        assert_eq!(
            spans,
            [
                MarkedSpan {
                    start: 1,
                    end: 9,
                    label: "claim".into()
                },
                MarkedSpan {
                    start: 5,
                    end: 9,
                    label: "denial".into()
                },
                MarkedSpan {
                    start: 13,
                    end: 14,
                    label: "reaction".into()
                },
            ]
        );
    }

    #[test]
    fn malformed_markup_is_none() {
        assert!(parse("[open").is_none());
        assert!(parse("close]{x}").is_none());
        assert!(parse("[no label]").is_none());
    }
}
