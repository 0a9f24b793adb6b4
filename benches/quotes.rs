//! Benchmarks of quote suggestions: a news article of 5,000 characters (the test articles of
//! `tests/quotes/`, marks taken out), the 2 MB fixture article and 2 MB of news articles. Targets are in the README
//! (5 ms and 200 ms); `cargo bench --bench quotes` measures them.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia_core::quotes::suggest;
use marginalia_fixtures as fixtures;

/// The test articles without their marks, one after another, until `chars` characters.
fn news(chars: usize) -> String {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/quotes");
    let texts: Vec<String> = fixtures::quote_scores::marked_articles(&folder)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .filter_map(|(_, marked)| {
            fixtures::quote_scores::parse_marked_quotes(&marked).map(|(text, _)| text)
        })
        .collect();
    assert!(
        !texts.is_empty(),
        "no test articles in {}",
        folder.display()
    );
    let mut text = String::new();
    let mut count = 0;
    'fill: loop {
        for article in &texts {
            for c in article.chars() {
                text.push(c);
                count += 1;
                if count >= chars && c == '\n' {
                    break 'fill;
                }
            }
        }
    }
    text
}

fn quotes(c: &mut Criterion) {
    let article = news(5_000);
    let large = fixtures::large().article.text().to_owned();
    let news_2mb = news(2 * 1024 * 1024);
    let mut group = c.benchmark_group("suggest");
    group.bench_function("news article, 5,000 characters", |b| {
        b.iter(|| suggest(black_box(&article)).len());
    });
    group.sample_size(10);
    group.bench_function("2 MB fixture article", |b| {
        b.iter(|| suggest(black_box(&large)).len());
    });
    group.bench_function("2 MB of news articles", |b| {
        b.iter(|| suggest(black_box(&news_2mb)).len());
    });
    group.finish();
}

criterion_group!(benches, quotes);
criterion_main!(benches);
