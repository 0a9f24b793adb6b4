//! brat standoff: `NAME.txt` holds the article text, `NAME.ann` the annotations (`T` text
//! bounds, `R` relations for links, `#` notes for speakers and notes), and `annotation.conf`
//! and `visual.conf` declare the labels so that brat opens the folder as it is.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Source;
use marginalia_core::{Document, labelled_spans};

/// The brat relation type for a response and the claim it answers.
const RESPONDS_TO: &str = "Responds_to";

/// Whether brat's reader ends a line at `c`: it splits `.ann` files with Python's
/// `str.splitlines`, which breaks at these, not only at `\n`.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0B}'
            | '\u{0C}'
            | '\u{1C}'
            | '\u{1D}'
            | '\u{1E}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// The pieces of `[start, end)` between line breaks (every break brat's reader knows), each as
/// a code point range; brat writes a span that crosses a line break as such fragments.
pub fn brat_fragments(doc: &Document, start: usize, end: usize) -> Vec<(usize, usize)> {
    let Some(text) = doc.article.slice_chars(start, end) else {
        return Vec::new();
    };
    let mut fragments = Vec::new();
    let mut from = start;
    for line in text.split(is_line_break) {
        let to = from + line.chars().count();
        if to > from {
            fragments.push((from, to));
        }
        from = to + 1;
    }
    fragments
}

/// One line of a `#` note: tabs and every line break brat's reader knows become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\t' || is_line_break(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A label name as `visual.conf` may hold it: `<` and `>` open and close brat's macros and `|`
/// separates a label's names, so each becomes a look-alike; line breaks become spaces.
fn conf_name(name: &str) -> String {
    one_line(name)
        .chars()
        .map(|c| match c {
            '<' => '‹',
            '>' => '›',
            '|' => '¦',
            _ => c,
        })
        .collect()
}

/// The `.ann` file of one document.
pub fn brat_ann(doc: &Document) -> String {
    let mut ann = String::new();
    let mut relation = 0u64;
    let mut note = 0u64;
    // Writing to a String cannot fail, hence the ignored results below.
    for span in labelled_spans(doc) {
        let fragments = brat_fragments(doc, span.start, span.end);
        let bounds = fragments
            .iter()
            .map(|(s, e)| format!("{s} {e}"))
            .collect::<Vec<_>>()
            .join(";");
        let text = fragments
            .iter()
            .filter_map(|&(s, e)| doc.article.slice_chars(s, e))
            .collect::<Vec<_>>()
            .join(" ");
        // The text exactly, tabs and all: brat compares it with the document's.
        let _ = writeln!(ann, "T{}\t{} {bounds}\t{text}", span.id, span.label_id);
        let mut notes = Vec::new();
        if let Some(speaker) = span.speaker {
            if speaker.role.is_empty() {
                notes.push(format!("Speaker: {}", speaker.name));
            } else {
                notes.push(format!("Speaker: {} ({})", speaker.name, speaker.role));
            }
        }
        if !span.note.is_empty() {
            notes.push(format!("Note: {}", span.note));
        }
        if !notes.is_empty() {
            note += 1;
            let _ = writeln!(
                ann,
                "#{note}\tAnnotatorNotes T{}\t{}",
                span.id,
                one_line(&notes.join(" — "))
            );
        }
    }
    for span in labelled_spans(doc) {
        if let Some(target) = span.responds_to.filter(|t| doc.annotation(*t).is_some()) {
            relation += 1;
            let _ = writeln!(
                ann,
                "R{relation}\t{RESPONDS_TO} Arg1:T{} Arg2:T{target}",
                span.id
            );
        }
    }
    ann
}

/// Every file of a brat export: a `.txt` and `.ann` per source (names made unique), then the
/// configuration shared by all.
pub(super) fn files(sources: &[Source<'_>]) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    // Label id → (name, colour), first definition wins.
    let mut labels: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for source in sources {
        let base = safe_name(source.name);
        let count = used.entry(base.clone()).or_insert(0);
        *count += 1;
        let name = if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        };
        files.push((format!("{name}.txt"), source.doc.article.text().to_owned()));
        files.push((format!("{name}.ann"), brat_ann(source.doc)));
        for label in source.doc.labels() {
            if !labels.contains_key(&label.id) {
                order.push(label.id.clone());
                labels.insert(label.id.clone(), (label.name.clone(), label.color.clone()));
            }
        }
    }
    let mut conf = String::from("# Written by Marginalia: its labels and links.\n[entities]\n");
    let mut visual = String::from("[labels]\n");
    let mut drawing = String::from("[drawing]\n");
    for id in &order {
        if let Some((name, color)) = labels.get(id) {
            let _ = writeln!(conf, "{id}");
            let _ = writeln!(visual, "{id} | {}", conf_name(name));
            let _ = writeln!(drawing, "{id}\tbgColor:{color}");
        }
    }
    let _ = write!(
        conf,
        "\n[relations]\n{RESPONDS_TO}\tArg1:<ENTITY>, Arg2:<ENTITY>\n\
         # Spans of any labels may nest or overlap.\n\
         <OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n"
    );
    let _ = writeln!(visual, "{RESPONDS_TO} | Responds to");
    let _ = writeln!(drawing, "{RESPONDS_TO}\tcolor:#444444, dashArray:3-3");
    files.push(("annotation.conf".to_owned(), conf));
    files.push(("visual.conf".to_owned(), format!("{visual}\n{drawing}")));
    files
}

/// A file name from a source name: letters, digits, `-`, `_` and `.` kept, others `_`.
fn safe_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_matches('.').to_owned();
    if safe.is_empty() {
        "article".to_owned()
    } else {
        safe
    }
}
