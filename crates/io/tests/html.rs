//! HTML import on generated pages: a long news page, and a page built to make the parser
//! clone elements without end.

use std::time::Duration;

use marginalia_fixtures as fixtures;
use marginalia_io::html::{Budget, Extracted, TooComplex, extract};

fn read(html: &str) -> Extracted {
    extract(html, Budget::IMPORT).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_news_page_reads_to_its_headline_and_paragraphs() {
    let page = fixtures::html_page(20_000, 7);
    let text = fixtures::article_text(20_000, 7);
    let paragraphs: Vec<&str> = text
        .split("\n\n")
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>();
    let expected = format!("A long story\n\n{}", paragraphs.join("\n\n"));
    assert_eq!(read(&page).text, expected);
}

#[test]
fn a_page_that_makes_the_parser_clone_elements_stops_at_the_node_cap() {
    // Formatting elements left open are cloned again before every later text run:
    // 40 kB of input asks for millions of nodes.
    let html = fixtures::hostile_html(0, 2_000, 2_000);
    let budget = Budget {
        time: Duration::from_mins(1),
        nodes: 100_000,
    };
    assert_eq!(extract(&html, budget), Err(TooComplex::Nodes(100_000)));
}
