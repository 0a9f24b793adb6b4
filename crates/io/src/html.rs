//! HTML to article text: the headline and the paragraphs of the article, without scripts,
//! styles, navigation, forms or advertising. Parsing is html5ever's (through `scraper`); the
//! choice of what counts as the article is ours, and so is the [`Budget`] that bounds the
//! work: a hostile page (nested a million deep, or built to make the parser clone elements
//! without end) is refused in seconds, with bounded memory, instead of hanging the app.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashSet;
use std::time::{Duration, Instant};

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{ElementRef, Html, HtmlTreeSink, Node, Selector};

/// How much work reading one page may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Wall-clock time for parsing and extraction together.
    pub time: Duration,
    /// Nodes (elements, text runs, comments) the parsed page may hold.
    pub nodes: usize,
}

impl Budget {
    /// What an imported page may take: far more than any real article page needs (a long
    /// page has tens of thousands of nodes and reads in well under a second).
    pub const IMPORT: Self = Self {
        time: Duration::from_secs(10),
        nodes: 1_000_000,
    };
}

/// Why a page was not read to the end.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TooComplex {
    /// Reading took longer than the budget allows.
    #[error("reading it took longer than {} seconds", .0.as_secs_f64())]
    Time(Duration),
    /// The page holds more nodes than the budget allows.
    #[error("it has more than {} elements and text runs", thousands(*.0))]
    Nodes(usize),
}

/// `n` with its digits in groups of three: 1,000,000.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Input is handed to the parser in pieces of this many bytes, the budget checked between.
const CHUNK_BYTES: usize = 16 * 1024;
/// The clock is read once every this many calls from the parser.
const CALLS_PER_CLOCK_READ: u32 = 256;

/// The readable text of an HTML page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The headline (`<h1>`), else the page `<title>`.
    pub title: String,
    /// Headline and paragraphs, one blank line between blocks.
    pub text: String,
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button",
    "iframe", "svg", "canvas", "select", "textarea", "input", "object", "embed", "video", "audio",
    "map", "dialog", "menu",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "figcaption",
    "figure",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "body",
    "title",
];

/// Class or id words that mark advertising, sharing and other page furniture.
const FURNITURE: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "sponsored",
    "promo",
    "newsletter",
    "related",
    "share",
    "sharing",
    "social",
    "cookie",
    "cookies",
    "subscribe",
    "comments",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "paywall",
    "outbrain",
    "taboola",
];

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

/// Extracts the readable article text of an HTML document, within `budget`.
pub fn extract(html: &str, budget: Budget) -> Result<Extracted, TooComplex> {
    let watch = Watch::new(budget);
    let document = parse(html, &watch)?;
    let first_text = |css: &str| {
        selector(css)
            .and_then(|s| {
                document
                    .select(&s)
                    .next()
                    .map(|e| collapse(&e.text().collect::<String>()))
            })
            .filter(|t| !t.is_empty())
    };
    let page_title = first_text("title");
    let headline = first_text("h1");

    // The article element when there is exactly one, else <main>, else the body.
    let root = ["article", "main", "body"]
        .iter()
        .find_map(|css| {
            let s = selector(css)?;
            let mut found = document.select(&s);
            let first = found.next()?;
            (found.next().is_none() || *css == "body").then_some(first)
        })
        .unwrap_or_else(|| document.root_element());

    let holds_headline = holding_headline(&document);
    let mut blocks = blocks_of(root, &holds_headline, &watch)?;
    let title = headline.clone().or(page_title).unwrap_or_default();
    let starts_with_title = blocks.first().is_some_and(|b| *b == title);
    if !title.is_empty() && !starts_with_title {
        blocks.retain(|b| *b != title);
        blocks.insert(0, title.clone());
    }
    Ok(Extracted {
        title,
        text: blocks.join("\n\n"),
    })
}

/// The clock and the node count of one page against its budget.
struct Watch {
    budget: Budget,
    deadline: Instant,
    nodes: Cell<usize>,
    calls: Cell<u32>,
}

impl Watch {
    fn new(budget: Budget) -> Self {
        Self {
            budget,
            deadline: Instant::now() + budget.time,
            nodes: Cell::new(0),
            calls: Cell::new(0),
        }
    }

    fn out_of_time(&self) -> Result<(), TooComplex> {
        if Instant::now() > self.deadline {
            Err(TooComplex::Time(self.budget.time))
        } else {
            Ok(())
        }
    }

    /// Reads the clock on one call in [`CALLS_PER_CLOCK_READ`].
    fn tick(&self) -> Result<(), TooComplex> {
        let calls = self.calls.get().wrapping_add(1);
        self.calls.set(calls);
        if calls.is_multiple_of(CALLS_PER_CLOCK_READ) {
            self.out_of_time()
        } else {
            Ok(())
        }
    }

    fn created(&self) -> Result<(), TooComplex> {
        let nodes = self.nodes.get() + 1;
        self.nodes.set(nodes);
        if nodes > self.budget.nodes {
            return Err(TooComplex::Nodes(self.budget.nodes));
        }
        self.tick()
    }
}

/// Carries a [`TooComplex`] out of the parser, which has no way to stop early: raised with
/// `resume_unwind` (no panic message, no panic hook) and caught in [`parse`].
struct Stop(TooComplex);

fn stop_if(result: Result<(), TooComplex>) {
    if let Err(why) = result {
        std::panic::resume_unwind(Box::new(Stop(why)));
    }
}

/// `scraper`'s tree sink with every call counted against the budget.
struct BoundedSink<'w> {
    inner: HtmlTreeSink,
    watch: &'w Watch,
}

impl BoundedSink<'_> {
    fn tick(&self) {
        stop_if(self.watch.tick());
    }

    fn created(&self) {
        stop_if(self.watch.created());
    }
}

impl TreeSink for BoundedSink<'_> {
    type Handle = NodeId;
    type Output = Html;
    type ElemName<'a>
        = <HtmlTreeSink as TreeSink>::ElemName<'a>
    where
        Self: 'a;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        // Errors come without new nodes (a stray end tag searches the open elements), so
        // they are counted for time too.
        self.tick();
        self.inner.parse_error(msg);
    }

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.created();
        self.inner.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.created();
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.created();
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.created();
        self.inner.append(parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        self.created();
        self.inner
            .append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.created();
        self.inner
            .append_doctype_to_document(name, public_id, system_id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.created();
        self.inner.append_before_sibling(sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.tick();
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.tick();
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.tick();
        self.inner.reparent_children(node, new_parent);
    }
}

/// Parses `html` within the budget `watch` keeps.
fn parse(html: &str, watch: &Watch) -> Result<Html, TooComplex> {
    let run = || {
        let sink = BoundedSink {
            inner: HtmlTreeSink::new(Html::new_document()),
            watch,
        };
        let mut parser = html5ever::parse_document(sink, html5ever::ParseOpts::default());
        let mut rest = html;
        while !rest.is_empty() {
            let mut cut = rest.len().min(CHUNK_BYTES);
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            let (chunk, after) = rest.split_at(cut);
            parser.process(StrTendril::from_slice(chunk));
            stop_if(watch.out_of_time());
            rest = after;
        }
        parser.finish()
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(document) => Ok(document),
        Err(payload) => match payload.downcast::<Stop>() {
            Ok(stop) => Err(stop.0),
            // Not ours: a bug in the parser, passed on as it came.
            Err(other) => std::panic::resume_unwind(other),
        },
    }
}

/// Every element with an `<h1>` inside, found in one pass up from each headline.
fn holding_headline(document: &Html) -> HashSet<NodeId> {
    let mut holding = HashSet::new();
    let Some(h1) = selector("h1") else {
        return holding;
    };
    for headline in document.select(&h1) {
        for ancestor in headline.ancestors() {
            if !holding.insert(ancestor.id()) {
                break;
            }
        }
    }
    holding
}

fn is_furniture(element: ElementRef<'_>, holds_headline: &HashSet<NodeId>) -> bool {
    let value = element.value();
    if SKIPPED.contains(&value.name()) {
        return true;
    }
    if value.attr("hidden").is_some() || value.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(
        value.attr("role"),
        Some("navigation" | "banner" | "complementary" | "contentinfo" | "search")
    ) {
        return true;
    }
    // A page header without the headline is site furniture.
    if value.name() == "header" && !holds_headline.contains(&element.id()) {
        return true;
    }
    let words = value
        .classes()
        .chain(value.id())
        .flat_map(|c| c.split(['-', '_']))
        .map(str::to_ascii_lowercase);
    let mut words = words;
    words.any(|w| FURNITURE.contains(&w.as_str()))
}

/// The text blocks under `root`, white space collapsed, in document order.
fn blocks_of(
    root: ElementRef<'_>,
    holds_headline: &HashSet<NodeId>,
    watch: &Watch,
) -> Result<Vec<String>, TooComplex> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut skipping_depth = 0usize;
    for edge in root.traverse() {
        watch.tick()?;
        match edge {
            Edge::Open(node) => {
                if skipping_depth > 0 {
                    if node.value().is_element() {
                        skipping_depth += 1;
                    }
                    continue;
                }
                match node.value() {
                    Node::Element(element) => {
                        let Some(element_ref) = ElementRef::wrap(node) else {
                            continue;
                        };
                        if is_furniture(element_ref, holds_headline) {
                            skipping_depth = 1;
                        } else if BLOCKS.contains(&element.name()) {
                            flush(&mut current, &mut blocks);
                        } else if element.name() == "br" {
                            current.push('\n');
                        }
                    }
                    // Line breaks in the source are white space; only <br> breaks a line.
                    Node::Text(text) => current.extend(text.chars().map(|c| match c {
                        '\n' | '\r' => ' ',
                        other => other,
                    })),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping_depth > 0 {
                    if node.value().is_element() {
                        skipping_depth -= 1;
                    }
                    continue;
                }
                if let Node::Element(element) = node.value()
                    && BLOCKS.contains(&element.name())
                {
                    flush(&mut current, &mut blocks);
                }
            }
        }
    }
    flush(&mut current, &mut blocks);
    Ok(blocks)
}

fn flush(current: &mut String, blocks: &mut Vec<String>) {
    let text = current
        .split('\n')
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    if !text.is_empty() {
        blocks.push(text);
    }
    current.clear();
}

/// Collapses runs of white space (other than line breaks kept by `<br>`) into one space.
fn collapse(text: &str) -> String {
    marginalia_core::excerpt::collapse_whitespace(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_headline_and_paragraphs_and_drops_furniture() {
        let html = r#"<!doctype html><html><head><title>Site | Story</title>
            <style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
            <body><header class="site-header"><a href="/">Home</a></header>
            <nav><a>World</a> <a>Politics</a></nav>
            <article><h1>Mayor  denies
               report</h1>
            <p>The mayor said, “I never <em>signed</em> it.”</p>
            <div class="ad-slot">Buy now!</div>
            <p>Critics  reacted.<br>Loudly.</p>
            <aside>Related stories</aside>
            </article><footer>© Site</footer></body></html>"#;
        let extracted = read(html);
        assert_eq!(extracted.title, "Mayor denies report");
        assert_eq!(
            extracted.text,
            "Mayor denies report\n\nThe mayor said, “I never signed it.”\n\nCritics reacted.\nLoudly."
        );
    }

    #[test]
    fn page_title_is_used_when_there_is_no_headline() {
        let extracted =
            read("<html><head><title>Just a title</title></head><body><p>Body.</p></body></html>");
        assert_eq!(extracted.title, "Just a title");
        assert_eq!(extracted.text, "Just a title\n\nBody.");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}deep{}", "<div>".repeat(3_000), "</div>".repeat(3_000));
        assert_eq!(read(&html).text, "deep");
    }

    fn read(html: &str) -> Extracted {
        extract(html, Budget::IMPORT).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_page_nested_without_end_runs_out_of_time() {
        // Each new level makes the parser search every open one: quadratic work.
        let html = "<div>".repeat(200_000);
        let budget = Budget {
            time: Duration::from_millis(300),
            nodes: usize::MAX,
        };
        assert_eq!(extract(&html, budget), Err(TooComplex::Time(budget.time)));
    }

    #[test]
    fn limits_are_written_for_people() {
        assert_eq!(
            TooComplex::Nodes(1_000_000).to_string(),
            "it has more than 1,000,000 elements and text runs"
        );
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(0), "0");
        assert_eq!(
            TooComplex::Time(Duration::from_secs(10)).to_string(),
            "reading it took longer than 10 seconds"
        );
    }

    #[test]
    fn headers_holding_the_headline_are_kept_at_any_depth() {
        let html = format!(
            "<body>{}<h1>Deep headline</h1>{}<p>Text.</p></body>",
            "<header>".repeat(2_000),
            "</header>".repeat(2_000)
        );
        assert_eq!(read(&html).text, "Deep headline\n\nText.");
    }
}
