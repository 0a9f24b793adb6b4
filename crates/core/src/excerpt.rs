//! Text shown in short: white space collapsed, long text cut with an ellipsis, and the one-line
//! title of an annotation that lists, pickers, messages and the command line show.

use crate::{Annotation, Document};

/// `text` with every run of white space (line breaks too) as one space, and none at the ends.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max_chars` characters of `text`, white space collapsed, ending in "…" when cut
/// (the ellipsis counts among the `max_chars`).
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let collapsed = collapse_whitespace(text);
    if collapsed.chars().count() <= max_chars {
        return collapsed;
    }
    let mut short: String = collapsed
        .chars()
        .take(max_chars.saturating_sub(1))
        .collect();
    short.push('…');
    short
}

/// "Claim #3: “quote…” — Speaker": an annotation in one line, its quote cut to `quote_chars`.
pub fn annotation_title(doc: &Document, ann: &Annotation, quote_chars: usize) -> String {
    let label = doc.label_name(ann);
    let speaker = doc
        .speaker_of(ann)
        .map(|s| format!(" — {}", s.name))
        .unwrap_or_default();
    format!(
        "{label} #{}: “{}”{speaker}",
        ann.id,
        excerpt(&ann.exact, quote_chars)
    )
}

/// "Claim, Jeff Sessions, rated False: I should not be involved…": an annotation as a screen
/// reader says it, label first, then who said it and its verdict, then the quote cut to
/// `quote_chars`.
pub fn annotation_spoken(doc: &Document, ann: &Annotation, quote_chars: usize) -> String {
    let label = doc.label_name(ann);
    let speaker = doc
        .speaker_of(ann)
        .map(|s| format!(", {}", s.name))
        .unwrap_or_default();
    let verdict = doc
        .rating_of(ann)
        .map(|r| format!(", rated {}", r.name))
        .unwrap_or_default();
    format!(
        "{label}{speaker}{verdict}: {}",
        excerpt(&ann.exact, quote_chars)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_is_collapsed_and_long_text_cut_to_its_length() {
        assert_eq!(collapse_whitespace("  a\n\tb   c "), "a b c");
        assert_eq!(excerpt("a  b", 3), "a b");
        assert_eq!(excerpt("abcdef", 4), "abc…");
        assert_eq!(excerpt("abcdef", 4).chars().count(), 4);
        assert_eq!(excerpt("שָׁלוֹם עולם", 3).chars().count(), 3);
        assert_eq!(excerpt("", 5), "");
    }

    #[test]
    fn an_annotation_reads_as_its_label_number_quote_and_speaker() {
        let doc = crate::markup::document("Head\n[We will not back down]{claim} here")
            .unwrap_or_else(|| panic!("markup"));
        let ann = &doc.annotations()[0];
        assert_eq!(
            annotation_title(&doc, ann, 10),
            format!("Claim #{}: “We will n…”", ann.id)
        );
    }

    #[test]
    fn an_annotation_is_spoken_as_its_label_speaker_and_quote() {
        let mut doc = crate::markup::document("Head\n[We will not back down]{claim} here")
            .unwrap_or_else(|| panic!("markup"));
        let id = doc.annotations()[0].id;
        assert_eq!(
            annotation_spoken(&doc, &doc.annotations()[0], 10),
            "Claim: We will n…"
        );
        let edit = crate::Edit::assign_speaker_named(&doc, id, "Jeff Sessions");
        doc.apply(edit).unwrap_or_else(|p| panic!("{p}"));
        assert_eq!(
            annotation_spoken(&doc, &doc.annotations()[0], 100),
            "Claim, Jeff Sessions: We will not back down"
        );
    }
}
