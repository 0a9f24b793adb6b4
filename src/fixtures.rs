//! Deterministic test and benchmark fixtures: articles of a chosen size, annotated, and a
//! colleague's perturbed copy. The same seed gives the same bytes on every machine, so
//! benchmark figures compare across runs.

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::core::{Annotation, AnnotationId, Article, Document, Edit, Label, Speaker, SpeakerId};

/// A small, fast, reproducible generator (`SplitMix64`).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % (n.max(1) as u64)).unwrap_or(0)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "council",
    "report",
    "budget",
    "vote",
    "committee",
    "senator",
    "denied",
    "claimed",
    "agency",
    "officials",
    "city",
    "spokesperson",
    "according",
    "to",
    "documents",
    "reviewed",
    "by",
    "reporters",
    "investigation",
    "court",
    "filed",
    "on",
    "Tuesday",
    "and",
    "that",
    "would",
    "not",
    "comment",
    "further",
    "critics",
    "argued",
    "policy",
    "election",
    "campaign",
    "funding",
    "contract",
    "was",
    "signed",
    "in",
    "March",
    "€4.2 million",
    "Zoë",
    "Ærø",
    "naïve",
    "café",
    "— a",
    "“never”",
    "‘again’",
    "said:",
];

/// Words of Arabic news text, with Western and Arabic-Indic digits, guillemets and
/// parentheses (mirrored when drawn right to left), and a few English names, for
/// [`arabic_article_text`].
const ARABIC_WORDS: &[&str] = &[
    "قال",
    "الوزير",
    "إن",
    "الحكومة",
    "المجلس",
    "الميزانية",
    "التقرير",
    "نفى",
    "أكد",
    "النائب",
    "المدينة",
    "المتحدث",
    "وفقاً",
    "لوثائق",
    "اطلع",
    "عليها",
    "الصحفيون",
    "التحقيق",
    "المحكمة",
    "يوم",
    "الثلاثاء",
    "وأضاف",
    "أن",
    "لن",
    "يعلق",
    "المنتقدون",
    "السياسة",
    "الانتخابات",
    "الحملة",
    "التمويل",
    "العقد",
    "في",
    "مارس",
    "4.2 مليون",
    "٢٠٢٤",
    "«أبداً»",
    "(مرة أخرى)",
    "Reuters",
    "قالت:",
];

/// Article text of about `bytes` bytes: paragraphs of sentences, some quoted, with accents,
/// curly quotes and an occasional emoji, separated by blank lines.
pub fn article_text(bytes: usize, seed: u64) -> String {
    text_of(WORDS, bytes, seed)
}

/// Arabic article text of about `bytes` bytes, as [`article_text`]: every paragraph runs right
/// to left, with numbers, brackets and English names inside.
pub fn arabic_article_text(bytes: usize, seed: u64) -> String {
    text_of(ARABIC_WORDS, bytes, seed)
}

fn text_of(words_of: &[&str], bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut text = String::with_capacity(bytes + 512);
    while text.len() < bytes {
        let sentences = 3 + rng.below(5);
        for s in 0..sentences {
            if s > 0 {
                text.push(' ');
            }
            let quoted = rng.chance(30);
            if quoted {
                text.push('“');
            }
            let words = 6 + rng.below(18);
            for w in 0..words {
                if w > 0 {
                    text.push(' ');
                }
                let word = words_of[rng.below(words_of.len())];
                if w == 0 {
                    let mut chars = word.chars();
                    if let Some(first) = chars.next() {
                        text.extend(first.to_uppercase());
                        text.push_str(chars.as_str());
                    }
                } else {
                    text.push_str(word);
                }
            }
            if rng.chance(2) {
                text.push_str(" 👍🏽");
            }
            text.push('.');
            if quoted {
                text.push('”');
            }
        }
        text.push_str("\n\n");
    }
    text
}

/// A news page of about `bytes` bytes of article text: the paragraphs of [`article_text`] in
/// `<p>` elements with inline emphasis and links, inside the furniture of a real page (head
/// with scripts and styles, navigation, share buttons, advertising, related links, footer).
pub fn html_page(bytes: usize, seed: u64) -> String {
    let text = article_text(bytes, seed);
    let mut html = String::with_capacity(bytes * 2);
    html.push_str(
        "<!doctype html><html><head><title>Site | A long story</title>\
         <script>window.dataLayer = [];</script><style>p { margin: 0 }</style></head><body>\
         <header class=\"site-header\"><a href=\"/\">Home</a></header>\
         <nav><a href=\"/world\">World</a> <a href=\"/politics\">Politics</a></nav>\
         <main><article><h1>A long story</h1>",
    );
    for (n, paragraph) in text.split("\n\n").filter(|p| !p.is_empty()).enumerate() {
        if n % 12 == 11 {
            html.push_str("<div class=\"ad-slot\"><a href=\"/buy\">Buy now</a></div>");
        }
        if n % 30 == 29 {
            html.push_str("<aside class=\"related\"><ul><li><a>Related</a></li></ul></aside>");
        }
        html.push_str("<p>");
        for (w, word) in paragraph.split(' ').enumerate() {
            if w > 0 {
                html.push(' ');
            }
            match w % 17 {
                5 => {
                    let _ = write!(html, "<em>{word}</em>");
                }
                11 => {
                    let _ = write!(html, "<a href=\"/t/{w}\">{word}</a>");
                }
                _ => html.push_str(word),
            }
        }
        html.push_str("</p>\n");
    }
    html.push_str(
        "<div class=\"share\"><button>Share</button></div></article></main>\
         <footer>© Site</footer><script>track();</script></body></html>",
    );
    html
}

/// Hostile HTML that makes an unbounded parser work without end: `nested` elements each
/// inside the last (every new one searches all open ones), then `clones` elements left open
/// across a block that closes them, followed by paragraphs that each make the parser copy
/// all of them again.
pub fn hostile_html(nested: usize, clones: usize, paragraphs: usize) -> String {
    let mut html = "<div>".repeat(nested);
    html.push_str("<div>");
    for i in 0..clones {
        let _ = write!(html, "<b id={i}>");
    }
    html.push_str("</div>");
    html.push_str(&"<p>x</p>".repeat(paragraphs));
    html
}

/// The labels of large fixtures: the three defaults and two custom ones.
pub fn labels() -> Vec<Label> {
    let mut labels = crate::core::markup::test_labels();
    for (id, name, color, key) in [
        ("rumour", "Rumour", "#9B5DE5", "4"),
        ("figure", "Figure", "#F15BB5", "5"),
    ] {
        labels.push(Label {
            id: id.to_owned(),
            name: name.to_owned(),
            color: color.to_owned(),
            key: key.to_owned(),
        });
    }
    labels
}

/// An annotated article of about `bytes` bytes with `annotations` annotations (some
/// overlapping), 50 speakers, and half of the denials and reactions linked to a claim.
pub fn document(bytes: usize, annotations: usize, seed: u64) -> Document {
    document_with_speakers(bytes, annotations, 50, seed)
}

/// [`document`] with `speakers` speakers (at least one).
pub fn document_with_speakers(
    bytes: usize,
    annotations: usize,
    speakers: usize,
    seed: u64,
) -> Document {
    annotated(
        article_text(bytes, seed),
        bytes,
        annotations,
        speakers,
        seed,
    )
}

/// `text` (of about `bytes` bytes) with `annotations` annotations and `speakers` speakers, as
/// [`document`] makes them.
fn annotated(
    text: String,
    bytes: usize,
    annotations: usize,
    speakers: usize,
    seed: u64,
) -> Document {
    let speakers = speakers.max(1);
    let mut rng = Rng::new(seed ^ 0xA11CE);
    let mut doc = Document::new(Article::new(text), labels());
    doc.article.title = format!("Fixture of {bytes} bytes, {annotations} annotations");
    doc.article.source = "Marginalia fixtures".to_owned();
    doc.annotator = "Fixture".to_owned();
    doc.modified = "2026-11-28T00:00:00Z".to_owned();
    for n in 1..=speakers as u64 {
        let speaker = Speaker {
            id: SpeakerId(n),
            name: format!("Speaker {n}"),
            role: if n % 3 == 0 {
                "Senator".to_owned()
            } else {
                String::new()
            },
        };
        let edit = Edit::add_speaker(&doc, speaker);
        apply_fixture(&mut doc, edit);
    }
    let len = doc.article.len_chars();
    let label_ids: Vec<String> = doc.labels().iter().map(|l| l.id.clone()).collect();
    // Spread the spans over the text; every tenth overlaps the one before.
    let stride = (len / annotations.max(1)).max(2);
    let mut claims: Vec<AnnotationId> = Vec::new();
    let mut added = Vec::with_capacity(annotations);
    let mut previous: Option<(usize, usize)> = None;
    let mut spans = HashSet::new();
    for n in 0..annotations {
        let (start, end) = match previous {
            Some((s, e)) if n % 10 == 9 && e > s + 2 => (s + (e - s) / 2, e + 1 + rng.below(20)),
            _ => {
                let start = n * stride + rng.below(stride / 2 + 1);
                (start, start + 8 + rng.below(60))
            }
        };
        let end = end.min(len);
        let Some((start, end)) = doc.article.snap_selection(start, end.max(start + 1)) else {
            continue;
        };
        previous = Some((start, end));
        let label = &label_ids[if rng.chance(40) {
            0
        } else {
            rng.below(label_ids.len())
        }];
        let id = AnnotationId(n as u64 + 1);
        // The same span with the same label is one annotation.
        if !spans.insert((start, end, label.clone())) {
            continue;
        }
        let Some(mut ann) = Annotation::on_text(&doc.article, id, label, start, end) else {
            continue;
        };
        ann.speaker = Some(SpeakerId(1 + rng.below(speakers) as u64));
        if rng.chance(10) {
            ann.note = format!("Checked against source {n}.");
        }
        if label == "claim" {
            claims.push(id);
        } else if (label == "denial" || label == "reaction") && rng.chance(50) && !claims.is_empty()
        {
            ann.responds_to = claims
                .get(claims.len() - 1 - rng.below(claims.len().min(20)))
                .copied();
        }
        added.push(Edit::AddAnnotation(ann));
    }
    apply_fixture(&mut doc, Edit::Batch(added));
    doc
}

/// Applies an edit a fixture is built from; fixtures keep every rule, so a refusal is a bug in
/// the fixture.
fn apply_fixture(doc: &mut Document, edit: Edit) {
    if let Err(problem) = doc.apply(edit) {
        panic!("a fixture broke a rule of the document: {problem}");
    }
}

/// A colleague's copy of `doc`: most annotations the same, some relabelled, some with moved
/// ends, some missing, some added.
pub fn colleague(doc: &Document, seed: u64) -> Document {
    let mut rng = Rng::new(seed ^ 0xC011_EA6E);
    let mut theirs = Document::new(doc.article.clone(), doc.labels().to_vec());
    theirs.annotator = "Colleague".to_owned();
    theirs.modified = doc.modified.clone();
    for speaker in doc.speakers() {
        let edit = Edit::add_speaker(&theirs, speaker.clone());
        apply_fixture(&mut theirs, edit);
    }
    let len = doc.article.len_chars();
    let mut edits = Vec::new();
    let mut next = doc.next_annotation_id().0;
    let mut spans = HashSet::new();
    for ann in doc.annotations() {
        let roll = rng.below(100);
        let mut copy = ann.clone();
        copy.responds_to = None;
        if roll < 5 {
            continue;
        }
        if roll < 10 {
            let other = doc
                .labels()
                .iter()
                .find(|l| l.id != ann.label)
                .map_or(ann.label.clone(), |l| l.id.clone());
            copy.label = other;
        } else if roll < 15 {
            let end = (ann.end + 1 + rng.below(5)).min(len);
            if let Some(moved) =
                Annotation::on_text(&doc.article, ann.id, &ann.label, ann.start, end)
            {
                copy = Annotation {
                    speaker: ann.speaker,
                    note: ann.note.clone(),
                    ..moved
                };
            }
        }
        if spans.insert((copy.start, copy.end, copy.label.clone())) {
            edits.push(Edit::AddAnnotation(copy));
        }
        if roll >= 95 {
            let start = (ann.end + 2).min(len.saturating_sub(2));
            if let Some(extra) = doc
                .article
                .snap_selection(start, (start + 12).min(len))
                .and_then(|(s, e)| {
                    Annotation::on_text(&doc.article, AnnotationId(next), "claim", s, e)
                })
                && spans.insert((extra.start, extra.end, extra.label.clone()))
            {
                edits.push(Edit::AddAnnotation(extra));
                next += 1;
            }
        }
    }
    apply_fixture(&mut theirs, Edit::Batch(edits));
    theirs
}

/// The medium fixture: 200 kB, 1,000 annotations.
pub fn medium() -> Document {
    document(200_000, 1_000, 7)
}

/// The large fixture: 2 MB, 10,000 annotations.
pub fn large() -> Document {
    document(2_000_000, 10_000, 42)
}

/// The large fixture in Arabic: 2 MB of right-to-left text, 10,000 annotations.
pub fn large_arabic() -> Document {
    annotated(
        arabic_article_text(2_000_000, 42),
        2_000_000,
        10_000,
        50,
        42,
    )
}

/// Writes a corpus of `articles` news-sized articles (about 5 KB each, `NNNN.txt` in ten
/// folders) to `folder`; the first `annotated` get two annotators' files each (20 annotations
/// of 8 speakers and the colleague's perturbed copy), a third of them marked done.
pub fn write_corpus(
    folder: &std::path::Path,
    articles: usize,
    annotated: usize,
) -> std::io::Result<()> {
    for n in 0..articles {
        let sub = folder.join(format!("desk-{}", n % 10));
        std::fs::create_dir_all(&sub)?;
        let seed = 10_000 + n as u64;
        let mut doc = document_with_speakers(5_000, 20, 8, seed);
        doc.article.title = format!("Article {n}");
        doc.article.path = format!("{n:04}.txt");
        std::fs::write(sub.join(&doc.article.path), doc.article.text())?;
        if n >= annotated {
            continue;
        }
        let status = if n % 3 == 0 {
            crate::core::Status::Done
        } else {
            crate::core::Status::InProgress
        };
        apply_fixture(&mut doc, Edit::SetStatus(status));
        let theirs = colleague(&doc, seed);
        for (doc, name) in [(&doc, "fixture"), (&theirs, "colleague")] {
            let path = sub.join(format!("{n:04}.{name}.ron"));
            crate::io::format::save(doc, &path).map_err(std::io::Error::other)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures_are_deterministic_and_valid() {
        let a = document(20_000, 100, 3);
        let b = document(20_000, 100, 3);
        assert_eq!(a, b);
        assert!(a.article.text().len() >= 20_000);
        assert!(a.annotations().len() > 90, "{}", a.annotations().len());
        assert!(crate::core::validate::check_document(&a, None).is_empty());
        let overlapping = a
            .annotations()
            .windows(2)
            .filter(|w| w[1].start < w[0].end)
            .count();
        assert!(overlapping > 0);
        assert!(a.annotations().iter().any(|x| x.responds_to.is_some()));
        let theirs = colleague(&a, 3);
        assert!(crate::core::validate::check_document(&theirs, None).is_empty());
        assert_ne!(theirs.annotations(), a.annotations());
    }
}

/// A quotation marked by hand in a test article: `[start, end)` in code points, and who said it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkedQuote {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The speaker, as the README's rule names them.
    pub speaker: String,
}

/// Reads an article with its quotations marked `⟦words⟧{Speaker}` (the test articles of
/// `tests/quotes/`): the text without the marks, and the quotations. `None` when a mark is not
/// closed or a `⟧` has no `{speaker}`.
pub fn parse_marked_quotes(marked: &str) -> Option<(String, Vec<MarkedQuote>)> {
    let mut text = String::new();
    let mut chars = 0;
    let mut quotes = Vec::new();
    let mut open = None;
    let mut rest = marked.chars();
    while let Some(c) = rest.next() {
        match c {
            '⟦' => open = Some(chars),
            '⟧' => {
                let start = open.take()?;
                if rest.next()? != '{' {
                    return None;
                }
                let speaker: String = rest.by_ref().take_while(|c| *c != '}').collect();
                quotes.push(MarkedQuote {
                    start,
                    end: chars,
                    speaker,
                });
            }
            _ => {
                text.push(c);
                chars += 1;
            }
        }
    }
    open.is_none().then_some((text, quotes))
}

/// The marked articles (`.txt`) of `folder`, sorted by path: each path and its contents.
pub fn marked_articles(
    folder: &std::path::Path,
) -> std::io::Result<Vec<(std::path::PathBuf, String)>> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            paths.push(path);
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| std::fs::read_to_string(&path).map(|text| (path, text)))
        .collect()
}
