//! HTML to article text: the headline and the paragraphs of the article, without scripts,
//! styles, navigation, forms or advertising. Parsing is html5ever's (through `scraper`); the
//! choice of what counts as the article is ours.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

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

/// Extracts the readable article text of an HTML document.
pub fn extract(html: &str) -> Extracted {
    let document = Html::parse_document(html);
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

    let mut blocks = blocks_of(root);
    let title = headline.clone().or(page_title).unwrap_or_default();
    let starts_with_title = blocks.first().is_some_and(|b| *b == title);
    if !title.is_empty() && !starts_with_title {
        blocks.retain(|b| *b != title);
        blocks.insert(0, title.clone());
    }
    Extracted {
        title,
        text: blocks.join("\n\n"),
    }
}

fn is_furniture(element: ElementRef<'_>) -> bool {
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
    if value.name() == "header"
        && selector("h1").is_some_and(|s| element.select(&s).next().is_none())
    {
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
fn blocks_of(root: ElementRef<'_>) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut skipping_depth = 0usize;
    for edge in root.traverse() {
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
                        if is_furniture(element_ref) {
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
    blocks
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
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
        let extracted = extract(html);
        assert_eq!(extracted.title, "Mayor denies report");
        assert_eq!(
            extracted.text,
            "Mayor denies report\n\nThe mayor said, “I never signed it.”\n\nCritics reacted.\nLoudly."
        );
    }

    #[test]
    fn page_title_is_used_when_there_is_no_headline() {
        let extracted = extract(
            "<html><head><title>Just a title</title></head><body><p>Body.</p></body></html>",
        );
        assert_eq!(extracted.title, "Just a title");
        assert_eq!(extracted.text, "Just a title\n\nBody.");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}deep{}", "<div>".repeat(3_000), "</div>".repeat(3_000));
        assert_eq!(extract(&html).text, "deep");
    }
}
