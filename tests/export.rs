//! Exports: golden files of every format from the sample, each parsed back by a real reader
//! with every span's text compared against the article at its offsets, brat's rules, and
//! offsets that are code points on text with emoji, combining marks and CRLF origins.
//!
//! Set `MARGINALIA_BLESS=1` to rewrite the golden files after an intended change.
#![allow(
    clippy::unwrap_used,
    clippy::cast_possible_truncation,
    reason = "test helpers: a failed unwrap is a failed test, and offsets here are small"
)]

#[path = "exports/hard_cases.rs"]
mod hard_cases;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use marginalia_core::{Annotation, AnnotationId, Document, Edit, Speaker, SpeakerId};
use marginalia_io::export::{self, Format, Source};
use marginalia_io::format;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_docs")
        .join(name)
}

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/export")
        .join(name)
}

fn load(name: &str) -> Document {
    format::load(&sample(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn check_golden(name: &str, actual: &str) {
    let path = golden(name);
    if std::env::var_os("MARGINALIA_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

fn bytes(format: Format, docs: &[(&Document, &str)]) -> String {
    let sources: Vec<Source<'_>> = docs
        .iter()
        .map(|(doc, name)| Source { doc, name })
        .collect();
    String::from_utf8(export::to_bytes(format, &sources, export::Options::default()).unwrap())
        .unwrap()
}

/// The text of code points `[start, end)`, as Python's `text[start:end]` gives it.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn golden_files_of_every_stream_format() {
    let doc = load("sessions-recusal.ron");
    for (format, ext) in [
        (Format::Csv, "csv"),
        (Format::Jsonl, "jsonl"),
        (Format::W3c, "jsonld"),
        (Format::Md, "md"),
        (Format::Html, "html"),
    ] {
        check_golden(
            &format!("sessions-recusal.{ext}"),
            &bytes(format, &[(&doc, "sessions-recusal")]),
        );
    }
}

#[test]
fn golden_brat_folder() {
    let doc = load("sessions-recusal.ron");
    let dir = tempfile::tempdir().unwrap();
    export::write_to_path(
        Format::Brat,
        &[Source {
            doc: &doc,
            name: "sessions-recusal",
        }],
        export::Options::default(),
        dir.path(),
    )
    .unwrap();
    for name in [
        "sessions-recusal.txt",
        "sessions-recusal.ann",
        "annotation.conf",
        "visual.conf",
    ] {
        let written = std::fs::read_to_string(dir.path().join(name)).unwrap();
        check_golden(&format!("brat/{name}"), &written);
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sessions-recusal.txt")).unwrap(),
        doc.article.text()
    );
}

#[test]
fn csv_reads_back_with_every_span_at_its_offsets() {
    let mine = load("sessions-recusal.ron");
    let festival = load("festival-funding.ron");
    let out = bytes(Format::Csv, &[(&mine, "a"), (&festival, "b")]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header.join(","),
        "id,label,label_name,start,end,text,speaker,responds_to,note,annotator,article_title,\
         article_sha256,verdict,verdict_value,conclusion,verdict_sources,rated_by,rated_on,\
         fact_check_url"
    );
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        let doc = if &record[11] == mine.article.sha256() {
            &mine
        } else {
            &festival
        };
        let (start, end): (usize, usize) = (record[3].parse().unwrap(), record[4].parse().unwrap());
        assert_eq!(
            &record[5],
            chars(doc.article.text(), start, end),
            "row {rows}"
        );
        let ann = doc
            .annotation(AnnotationId(record[0].parse().unwrap()))
            .unwrap();
        assert_eq!(&record[1], ann.label);
        assert_eq!(&record[8], ann.note);
        assert_eq!(record[7].parse::<u64>().ok(), ann.responds_to.map(|r| r.0));
        let speaker = ann
            .speaker
            .and_then(|s| doc.speaker(s))
            .map_or("", |s| s.name.as_str());
        assert_eq!(&record[6], speaker);
        rows += 1;
    }
    assert_eq!(
        rows,
        mine.annotations().len() + festival.annotations().len()
    );
    assert!(out.contains("\r\n"), "RFC 4180 line ends");
}

#[test]
fn jsonl_reads_back_with_every_span_at_its_offsets() {
    let mine = load("sessions-recusal.ron");
    let festival = load("festival-funding.ron");
    let out = bytes(Format::Jsonl, &[(&mine, "a"), (&festival, "b")]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    for (line, doc) in lines.iter().zip([&mine, &festival]) {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = value["text"].as_str().unwrap();
        assert_eq!(text, doc.article.text());
        let spans = value["spans"].as_array().unwrap();
        assert_eq!(spans.len(), doc.annotations().len());
        for span in spans {
            let (start, end) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(span["text"].as_str().unwrap(), chars(text, start, end));
            assert!(
                span["label"].is_string() && span["id"].is_u64() && span.get("speaker").is_some()
            );
            assert!(span.get("responds_to").is_some() && span["note"].is_string());
        }
        assert_eq!(value["meta"]["sha256"].as_str(), Some(doc.article.sha256()));
        assert_eq!(
            value["meta"]["title"].as_str(),
            Some(doc.article.title.as_str())
        );
        assert_eq!(
            value["meta"]["annotator"].as_str(),
            Some(doc.annotator.as_str())
        );
    }
}

#[test]
fn w3c_reads_back_as_an_annotation_collection() {
    let doc = load("sessions-recusal.ron");
    let value: serde_json::Value =
        serde_json::from_str(&bytes(Format::W3c, &[(&doc, "s")])).unwrap();
    assert_eq!(value["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(value["type"], "AnnotationCollection");
    let items = value["first"]["items"].as_array().unwrap();
    assert_eq!(value["total"].as_u64(), Some(items.len() as u64));
    let ids: HashSet<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), doc.annotations().len());
    let mut links = 0;
    // Each annotation and the page read alone, as the W3C test schemas take them.
    assert_eq!(value["first"]["@context"], value["@context"]);
    for item in items {
        assert_eq!(item["type"], "Annotation");
        assert_eq!(item["@context"], value["@context"]);
        let selectors = item["target"]["selector"].as_array().unwrap();
        let quote = selectors
            .iter()
            .find(|s| s["type"] == "TextQuoteSelector")
            .unwrap();
        let position = selectors
            .iter()
            .find(|s| s["type"] == "TextPositionSelector")
            .unwrap();
        let (start, end) = (
            position["start"].as_u64().unwrap() as usize,
            position["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            quote["exact"].as_str().unwrap(),
            chars(doc.article.text(), start, end)
        );
        assert_eq!(
            item["target"]["source"],
            format!("urn:sha256:{}", doc.article.sha256())
        );
        let bodies = item["body"].as_array().unwrap();
        assert!(bodies.iter().any(|b| b["purpose"] == "tagging"));
        for link in bodies.iter().filter(|b| b["purpose"] == "linking") {
            assert!(
                ids.contains(link["source"].as_str().unwrap()),
                "links point at annotations in the collection"
            );
            links += 1;
        }
    }
    assert_eq!(
        links,
        doc.annotations()
            .iter()
            .filter(|a| a.responds_to.is_some())
            .count()
    );
    // The collection and its page have ids (a MUST of the model, §5.1 and §5.2).
    let collection_id = value["id"].as_str().unwrap();
    assert!(collection_id.starts_with("urn:marginalia:collection:"));
    assert_eq!(value["first"]["id"], format!("{collection_id}:page:1"));
}

#[test]
fn w3c_ids_are_unique_across_annotators_of_one_article() {
    let mine = load("sessions-recusal.ron");
    let theirs = load("sessions-recusal.colleague.ron");
    let value: serde_json::Value = serde_json::from_str(&bytes(
        Format::W3c,
        &[(&mine, "mine"), (&theirs, "theirs"), (&mine, "mine again")],
    ))
    .unwrap();
    let items = value["first"]["items"].as_array().unwrap();
    let expected = 2 * mine.annotations().len() + theirs.annotations().len();
    assert_eq!(items.len(), expected);
    let ids: HashSet<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), expected, "every annotation has an id of its own");
    // Links point at the annotation of their own file.
    for item in items {
        let id = item["id"].as_str().unwrap();
        let file = &id[..id.rfind(':').unwrap()];
        for body in item["body"].as_array().unwrap() {
            if let Some(target) = body["source"].as_str() {
                assert!(ids.contains(target) && target.starts_with(file), "{target}");
            }
        }
    }
}

/// The lines of `text` as Python's `str.splitlines` gives them, which is how brat reads a
/// `.ann` file.
fn python_splitlines(text: &str) -> Vec<&str> {
    let breaks = |c: char| {
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
    };
    let mut lines: Vec<&str> = text.split(breaks).collect();
    if text.ends_with(breaks) {
        lines.pop();
    }
    lines
}

/// Checks a brat `.ann` against `text` by brat's rules: lines as Python's `splitlines` reads
/// them, tab-separated fields (the text field is the rest of the line, tabs and all), ids
/// unique, fragments within one line each, text field equal to the fragments joined by
/// spaces, relations and notes pointing at text-bound annotations, types declared in the
/// config.
fn check_brat(ann: &str, text: &str, conf: &str) {
    let entities: HashSet<&str> = conf
        .split("[entities]")
        .nth(1)
        .unwrap()
        .split('[')
        .next()
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut text_ids = HashSet::new();
    let mut ids = HashSet::new();
    for line in python_splitlines(ann) {
        let fields: Vec<&str> = line.splitn(3, '\t').collect();
        let id = fields[0];
        assert!(ids.insert(id.to_owned()), "duplicate id {id}");
        match id.chars().next() {
            Some('T') => {
                assert_eq!(fields.len(), 3, "{line}");
                let (kind, bounds) = fields[1].split_once(' ').unwrap();
                assert!(entities.contains(kind), "type {kind} not declared");
                let mut pieces = Vec::new();
                for fragment in bounds.split(';') {
                    let (s, e) = fragment.split_once(' ').unwrap();
                    let (s, e): (usize, usize) = (s.parse().unwrap(), e.parse().unwrap());
                    assert!(s < e, "{line}");
                    let piece = chars(text, s, e);
                    assert_eq!(
                        python_splitlines(&piece),
                        [piece.as_str()],
                        "a fragment crosses a line break: {line}"
                    );
                    pieces.push(piece);
                }
                assert_eq!(fields[2], pieces.join(" "), "{line}");
                text_ids.insert(id.to_owned());
            }
            Some('R') => {
                assert_eq!(fields.len(), 2, "{line}");
                let parts: Vec<&str> = fields[1].split(' ').collect();
                assert_eq!(parts[0], "Responds_to");
                for arg in &parts[1..] {
                    let target = arg.split_once(':').unwrap().1;
                    assert!(text_ids.contains(target), "{line} points at {target}");
                }
            }
            Some('#') => {
                assert_eq!(fields.len(), 3, "{line}");
                let target = fields[1].strip_prefix("AnnotatorNotes ").unwrap();
                assert!(text_ids.contains(target), "{line}");
            }
            _ => panic!("unexpected line {line}"),
        }
    }
    assert!(conf.contains("Responds_to\tArg1:<ENTITY>, Arg2:<ENTITY>"));
    assert!(conf.contains("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>"));
}

#[test]
fn brat_keeps_brats_rules() {
    let doc = load("sessions-recusal.ron");
    let dir = tempfile::tempdir().unwrap();
    let festival = load("festival-funding.ron");
    let sources = [
        Source {
            doc: &doc,
            name: "sessions",
        },
        Source {
            doc: &festival,
            name: "festival",
        },
    ];
    export::write_to_path(
        Format::Brat,
        &sources,
        export::Options::default(),
        dir.path(),
    )
    .unwrap();
    let conf = std::fs::read_to_string(dir.path().join("annotation.conf")).unwrap();
    for (name, doc) in [("sessions", &doc), ("festival", &festival)] {
        let ann = std::fs::read_to_string(dir.path().join(format!("{name}.ann"))).unwrap();
        let text = std::fs::read_to_string(dir.path().join(format!("{name}.txt"))).unwrap();
        check_brat(&ann, &text, &conf);
        assert_eq!(
            ann.lines().filter(|l| l.starts_with('T')).count(),
            doc.annotations().len()
        );
    }
    // The sample's Trump reaction crosses a paragraph break: two fragments.
    let ann = std::fs::read_to_string(dir.path().join("sessions.ann")).unwrap();
    assert!(
        ann.contains("T6\treaction 855 863;865 892\the had “ total” confidence in his AG"),
        "{ann}"
    );
}

#[test]
fn offsets_are_code_points_on_emoji_combining_marks_and_crlf_text() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("tricky.txt");
    // CRLF line ends, an emoji with a skin tone, a family emoji (ZWJ), a decomposed accent,
    // Hebrew, and curly quotes.
    let raw = "Zoe\u{308} said “great 👍🏽”.\r\n\r\nThe family 👨‍👩‍👧 of נועה replied: “no”.\r\nCafe\u{301} owners\tcheered.\r\n";
    std::fs::write(&article, raw).unwrap();
    let (mut doc, _) =
        marginalia_io::new_document(&article, None, marginalia_io::NewDocumentOptions::default())
            .unwrap();
    assert!(!doc.article.text().contains('\r'));
    let text = doc.article.text().to_owned();
    doc.apply(Edit::add_speaker(
        &doc,
        Speaker {
            id: SpeakerId(1),
            name: "נועה".into(),
            role: String::new(),
        },
    ))
    .unwrap();
    for (n, quote) in [
        "great 👍🏽",
        "The family 👨‍👩‍👧 of נועה",
        "no",
        "Cafe\u{301} owners\tcheered",
        "said “great 👍🏽”.\n\nThe family",
    ]
    .iter()
    .enumerate()
    {
        let byte = text.find(quote).unwrap();
        let start = text[..byte].chars().count();
        let end = start + quote.chars().count();
        let mut ann = Annotation::on_text(
            &doc.article,
            AnnotationId(n as u64 + 1),
            "claim",
            start,
            end,
        )
        .unwrap();
        ann.speaker = Some(SpeakerId(1));
        ann.note = "a \"note\", with, commas\nand a line".into();
        doc.apply(Edit::AddAnnotation(ann)).unwrap();
    }
    let value: serde_json::Value =
        serde_json::from_str(bytes(Format::Jsonl, &[(&doc, "t")]).trim()).unwrap();
    for span in value["spans"].as_array().unwrap() {
        let (start, end) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(span["text"].as_str().unwrap(), chars(&text, start, end));
    }
    // "great 👍🏽" starts after "Zoe", U+0308, " said “": code point 11, byte 13.
    let great = value["spans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == 1)
        .unwrap();
    assert_eq!(great["start"], 11);
    assert_eq!(
        great["end"], 19,
        "\"great \" and the emoji with its skin tone: 6 + 2 code points"
    );
    let out = bytes(Format::Csv, &[(&doc, "t")]);
    for record in csv::Reader::from_reader(out.as_bytes()).records() {
        let record = record.unwrap();
        assert_eq!(
            &record[5],
            chars(
                &text,
                record[3].parse().unwrap(),
                record[4].parse().unwrap()
            )
        );
        assert_eq!(&record[8], "a \"note\", with, commas\nand a line");
    }
    let conf_dir = tempfile::tempdir().unwrap();
    export::write_to_path(
        Format::Brat,
        &[Source {
            doc: &doc,
            name: "tricky",
        }],
        export::Options::default(),
        conf_dir.path(),
    )
    .unwrap();
    let ann = std::fs::read_to_string(conf_dir.path().join("tricky.ann")).unwrap();
    let conf = std::fs::read_to_string(conf_dir.path().join("annotation.conf")).unwrap();
    check_brat(&ann, &text, &conf);
}

#[test]
fn brat_reads_tabs_every_line_break_and_any_label_name() {
    // A span with a tab, spans across a form feed, U+2028, U+2029 and NEL, a note with them,
    // a label whose name brat's configuration would read as a macro, and nested spans.
    let markup = "[Ana\tsaid]{claim} [one\u{0C}two\u{2028}three\u{85}four\u{2029}five]{odd} \
                  [[nested]{claim} outer]{odd}";
    let (text, spans) = marginalia_core::markup::parse(markup).unwrap();
    let mut doc = Document::new(
        marginalia_core::Article::new(text.clone()),
        marginalia_io::default_labels(),
    );
    doc.apply(Edit::add_label_named(
        &doc,
        "Odd <b>|name</b>",
        [9, 9, 9],
        "4",
    ))
    .unwrap();
    let odd = doc.labels()[3].id.clone();
    for (n, span) in spans.iter().enumerate() {
        let label = if span.label == "odd" {
            odd.as_str()
        } else {
            "claim"
        };
        let id = doc.next_annotation_id();
        let mut ann =
            marginalia_core::Annotation::on_text(&doc.article, id, label, span.start, span.end)
                .unwrap();
        if n == 1 {
            ann.note = "first\u{2028}second\u{85}third\tfourth".to_owned();
        }
        doc.apply(Edit::AddAnnotation(ann)).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let sources = [Source {
        doc: &doc,
        name: "hard",
    }];
    export::write_to_path(
        Format::Brat,
        &sources,
        export::Options::default(),
        dir.path(),
    )
    .unwrap();
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    let (ann, conf, visual) = (
        read("hard.ann"),
        read("annotation.conf"),
        read("visual.conf"),
    );
    assert_eq!(read("hard.txt"), text);
    check_brat(&ann, &text, &conf);
    assert!(
        ann.contains("Ana\tsaid"),
        "the tab is written as it is: {ann}"
    );
    let fragments = ann.lines().nth(1).unwrap().split('\t').nth(1).unwrap();
    assert_eq!(fragments.matches(';').count(), 4, "{fragments}");
    let note = ann.lines().find(|l| l.starts_with('#')).unwrap();
    assert_eq!(python_splitlines(note), [note], "{note:?}");
    assert!(note.ends_with("first second third fourth"), "{note:?}");
    let odd_line = visual.lines().find(|l| l.starts_with(&odd)).unwrap();
    assert!(!odd_line[odd.len()..].contains(['<', '>']), "{odd_line}");
    assert_eq!(odd_line.matches('|').count(), 1, "{odd_line}");
}

#[test]
fn custom_labels_speakers_links_and_notes_are_never_dropped() {
    let doc = load("sessions-recusal.ron");
    let mut doc = doc;
    let rumour = marginalia_core::Label {
        id: "rumour".into(),
        name: "Rumour".into(),
        color: "#AA00FF".into(),
        key: "4".into(),
    };
    doc.apply(Edit::add_label(&doc, rumour)).unwrap();
    doc.apply(Edit::Relabel {
        id: AnnotationId(7),
        label: "rumour".into(),
    })
    .unwrap();
    for format in [
        Format::Csv,
        Format::Jsonl,
        Format::W3c,
        Format::Md,
        Format::Html,
    ] {
        let out = bytes(format, &[(&doc, "s")]);
        assert!(
            out.contains("rumour") || out.contains("Rumour"),
            "{format:?} lost the custom label"
        );
        assert!(out.contains("Lindsey Graham"), "{format:?} lost a speaker");
        assert!(
            out.contains("Lawmakers are not named here."),
            "{format:?} lost a note"
        );
    }
    let md = bytes(Format::Md, &[(&doc, "s")]);
    let rumour = md.find("**Rumour — no speaker** (#7)").unwrap();
    assert!(
        md[rumour..].contains("\n> **Reaction — Jeff Sessions** (#11)\n"),
        "the link nests the reaction in the rumour's quote: {md}"
    );
}

/// The text a reader copies from the page: elements hidden by the page's style left out,
/// tags removed, entities read.
fn copied_text(html: &str) -> Vec<String> {
    let article = html
        .split("<article>")
        .nth(1)
        .unwrap()
        .split("</article>")
        .next()
        .unwrap();
    let mut paragraphs = Vec::new();
    for paragraph in article.split("</p>").filter(|p| p.contains("<p")) {
        let mut text = String::new();
        let mut rest = paragraph.trim_start();
        while let Some(open) = rest.find('<') {
            text.push_str(&rest[..open]);
            rest = &rest[open..];
            if rest.starts_with("<span class=\"md-mark\">") {
                let close = rest.find("</span>").unwrap();
                rest = &rest[close + "</span>".len()..];
            } else {
                let close = rest.find('>').unwrap();
                rest = &rest[close + 1..];
            }
        }
        text.push_str(rest);
        let text = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        paragraphs.push(text);
    }
    paragraphs
}

#[test]
fn a_paragraph_copied_from_the_page_is_the_articles_words() {
    let doc = load("sessions-recusal.ron");
    let html = bytes(Format::Html, &[(&doc, "s")]);
    assert!(
        html.contains("data-tag=\"Claim · Jeff Sessions\""),
        "tags are there to see"
    );
    let lines: Vec<&str> = doc
        .article
        .text()
        .lines()
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(copied_text(&html), lines, "no tag text among the words");

    // A Markdown article: its heading's marks are hidden, a form feed is a space.
    let mut festival = load("festival-funding.ron");
    assert_eq!(festival.article.path, "festival-funding.md");
    let html = bytes(Format::Html, &[(&festival, "f")]);
    let heading = festival.article.text().lines().next().unwrap();
    assert!(heading.starts_with("# "));
    let copied = copied_text(&html);
    assert_eq!(copied[0], heading.trim_start_matches("# "));
    assert!(html.contains("<p class=\"heading\" dir=\"auto\"><span class=\"md-mark\"># </span>"));
    // Each paragraph takes its direction from its own first strong character (Hebrew and
    // Arabic paragraphs right to left, in a browser as in the window).
    let hard = bytes(Format::Html, &[(&hard_cases::hard_cases(), "h")]);
    let paragraphs = hard.matches("<p").count() - hard.matches("<p class=\"meta\"").count();
    assert_eq!(
        hard.matches("<p dir=\"auto\">").count(),
        paragraphs,
        "{hard}"
    );
    festival.article = {
        let mut article = marginalia_core::Article::new("One\u{0C}two <b>".to_owned());
        article.path = "x.txt".to_owned();
        article
    };
    let html = bytes(Format::Html, &[(&festival, "g")]);
    assert_eq!(copied_text(&html), ["One two <b>"]);
}

#[test]
fn the_hard_cases_file_is_the_one_this_test_builds() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/exports/hard-cases.ron");
    let built = format::to_ron_string(&hard_cases::hard_cases()).unwrap();
    if std::env::var_os("MARGINALIA_BLESS").is_some() {
        std::fs::write(&path, &built).unwrap();
    }
    let loaded = format::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(format::to_ron_string(&loaded).unwrap(), built);
}

#[test]
fn the_xlsx_workbook_reads_back_as_the_csv_with_every_cell_text() {
    use calamine::{Data, Reader as _, Xlsx};
    let hard = hard_cases::hard_cases();
    let mine = load("sessions-recusal.ron");
    let mut formula = mine.clone();
    let first = formula.annotations()[0].id;
    formula
        .apply(Edit::SetNote {
            id: first,
            note: "=HYPERLINK(\"http://example.com\",\"click\")".to_owned(),
        })
        .unwrap();
    let docs = [(&hard, "hard"), (&formula, "s")];
    let sources: Vec<Source<'_>> = docs
        .iter()
        .map(|(doc, name)| Source { doc, name })
        .collect();
    let workbook = export::to_bytes(Format::Xlsx, &sources, export::Options::default()).unwrap();
    let mut xlsx: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(workbook)).unwrap();
    let sheet = xlsx.worksheet_range("Annotations").unwrap();
    let cells: Vec<Vec<String>> = sheet
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::String(text) => text.clone(),
                    Data::Empty => String::new(),
                    other => panic!("a cell is not text: {other:?}"),
                })
                .collect()
        })
        .collect();
    let csv = bytes(Format::Csv, &docs);
    let expected: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(
        cells, expected,
        "the workbook holds the CSV's cells exactly"
    );
    assert_eq!(
        cells.len(),
        1 + hard.annotations().len() + formula.annotations().len()
    );
    for row in &cells[1..=hard.annotations().len()] {
        let (start, end) = (row[3].parse().unwrap(), row[4].parse().unwrap());
        assert_eq!(row[5], chars(hard.article.text(), start, end));
    }
    assert!(cells.iter().any(|row| row[8].starts_with("=HYPERLINK(")));
    // Text that looks like the workbook's own escapes of control characters stays as written.
    let mut escapes = mine;
    escapes
        .apply(Edit::SetNote {
            id: first,
            note: "_x000C_ and \u{0C}".to_owned(),
        })
        .unwrap();
    let workbook = export::to_bytes(
        Format::Xlsx,
        &[Source {
            doc: &escapes,
            name: "e",
        }],
        export::Options::default(),
    )
    .unwrap();
    let mut xlsx: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(workbook)).unwrap();
    let sheet = xlsx.worksheet_range("Annotations").unwrap();
    let notes: Vec<String> = sheet.rows().skip(1).map(|row| row[8].to_string()).collect();
    assert!(
        notes.contains(&"_x000C_ and \u{0C}".to_owned()),
        "{notes:?}"
    );
}

#[test]
fn the_markdown_report_uses_only_what_both_renderers_read() {
    // Rendered by markdown-it and Python-Markdown in CI (`.ci/consumers`); here, the rules.
    let hard = hard_cases::hard_cases();
    let md = bytes(Format::Md, &[(&hard, "h")]);
    for line in md.lines() {
        assert!(
            !line.ends_with('\\') || line.ends_with("\\\\"),
            "a backslash line break: {line}"
        );
        assert!(
            !line.contains("\\<") && !line.contains("\\|"),
            "an escape Python-Markdown shows: {line}"
        );
        assert!(
            !line.trim_start_matches(['>', ' ']).starts_with('|'),
            "a table row: {line}"
        );
    }
    assert!(
        md.contains("&lt;script>alert(1)&lt;/script> & \\*stars\\*"),
        "{md}"
    );
    assert!(
        md.contains("*&amp;amp; \\*not\\*"),
        "an entity in a note stays as written: {md}"
    );
    // Two threads, or two loose annotations, never meet as two block quotes with only a blank
    // line between them (Python-Markdown would join them): a bold line always comes between.
    let lines: Vec<&str> = md.lines().collect();
    for window in lines.windows(3) {
        if window[1].is_empty() && window[0].starts_with('>') {
            assert!(!window[2].starts_with('>'), "{window:?}");
        }
    }
}

/// The MUSTs of the Web Annotation model that the W3C test suite's schemas check, for the
/// shapes this export writes (§3.1–3.3 for annotations, §4.2 for the selectors, §5.1 and §5.2
/// for the collection and its page).
fn check_w3c_musts(value: &serde_json::Value) {
    const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
    const MOTIVATIONS: [&str; 13] = [
        "assessing",
        "bookmarking",
        "classifying",
        "commenting",
        "describing",
        "editing",
        "highlighting",
        "identifying",
        "linking",
        "moderating",
        "questioning",
        "replying",
        "tagging",
    ];
    let iri = |v: &serde_json::Value| {
        v.as_str()
            .is_some_and(|s| s.contains(':') && !s.contains(char::is_whitespace))
    };
    let count = |v: &serde_json::Value| v.as_u64().is_some();
    assert_eq!(value["@context"], CONTEXT);
    assert!(iri(&value["id"]), "collection id {}", value["id"]);
    assert_eq!(value["type"], "AnnotationCollection");
    assert!(value["label"].is_string() && count(&value["total"]));
    let page = &value["first"];
    assert_eq!(page["@context"], CONTEXT);
    assert!(iri(&page["id"]) && page["type"] == "AnnotationPage" && count(&page["startIndex"]));
    for item in page["items"].as_array().unwrap() {
        assert_eq!(item["@context"], CONTEXT);
        assert!(iri(&item["id"]) && item["type"] == "Annotation", "{item}");
        assert!(
            item.get("bodyValue").is_none(),
            "body and bodyValue never both"
        );
        assert!(MOTIVATIONS.contains(&item["motivation"].as_str().unwrap()));
        if let Some(creator) = item.get("creator") {
            assert!(creator["type"] == "Person" && creator["name"].is_string());
        }
        if let Some(modified) = item.get("modified") {
            let modified = modified.as_str().unwrap();
            assert!(
                time::OffsetDateTime::parse(
                    modified,
                    &time::format_description::well_known::Rfc3339
                )
                .is_ok(),
                "{modified}"
            );
        }
        for body in item["body"].as_array().unwrap() {
            assert!(
                MOTIVATIONS.contains(&body["purpose"].as_str().unwrap()),
                "{body}"
            );
            match body["type"].as_str().unwrap() {
                "TextualBody" => assert!(body["value"].is_string() && body.get("source").is_none()),
                "SpecificResource" => assert!(iri(&body["source"]) && body.get("value").is_none()),
                other => panic!("a body of type {other}"),
            }
        }
        let target = &item["target"];
        assert!(iri(&target["source"]), "{target}");
        for selector in target["selector"].as_array().unwrap() {
            match selector["type"].as_str().unwrap() {
                "TextQuoteSelector" => assert!(selector["exact"].is_string()),
                "TextPositionSelector" => {
                    assert!(count(&selector["start"]) && count(&selector["end"]));
                    assert!(selector["start"].as_u64() <= selector["end"].as_u64());
                }
                other => panic!("a selector of type {other}"),
            }
        }
    }
}

#[test]
fn w3c_keeps_the_models_musts_on_the_hard_cases_and_several_files() {
    let hard = hard_cases::hard_cases();
    let (mine, theirs) = (
        load("sessions-recusal.ron"),
        load("sessions-recusal.colleague.ron"),
    );
    for docs in [
        vec![(&hard, "h")],
        vec![(&hard, "h"), (&mine, "m"), (&theirs, "t")],
    ] {
        let value: serde_json::Value = serde_json::from_str(&bytes(Format::W3c, &docs)).unwrap();
        check_w3c_musts(&value);
    }
}
