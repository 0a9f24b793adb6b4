//! Benchmarks of a newsroom's corpus: 2,000 news-sized articles (about 5 KB, 20 annotations
//! each) with two annotators' files each. Reading the folder, reading it again when nothing
//! changed, building the search index, a search, everyone's speakers, and comparing two
//! annotators over 100 articles. Targets are in the README; `cargo bench --bench corpus`
//! measures them. The whole-process figures are in `benches/process.sh`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia_corpus::search::{Query, SearchIndex};
use marginalia_corpus::{Corpus, compare, speakers};
use marginalia_fixtures as fixtures;

fn corpus(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let big = dir.path().join("big");
    let small = dir.path().join("small");
    fixtures::write_corpus(&big, 2_000, 2_000).unwrap_or_else(|e| panic!("{e}"));
    fixtures::write_corpus(&small, 100, 100).unwrap_or_else(|e| panic!("{e}"));
    let open = |path: &std::path::Path| Corpus::open(path).unwrap_or_else(|e| panic!("{e}"));

    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.bench_function("open 2,000 articles", |b| {
        b.iter(|| open(black_box(&big)).articles.len());
    });
    let mut read = open(&big);
    group.bench_function("refresh 2,000 articles, nothing changed", |b| {
        b.iter(|| black_box(&mut read).refresh());
    });
    group.bench_function("search index of 2,000 articles", |b| {
        b.iter(|| SearchIndex::build(black_box(&read)));
    });
    let index = SearchIndex::build(&read);
    let query = Query {
        text: "council said".to_owned(),
        ..Query::default()
    };
    group.bench_function("search 2,000 articles", |b| {
        b.iter(|| index.find(black_box(&read), black_box(&query)).len());
    });
    group.bench_function("speakers of 2,000 articles", |b| {
        b.iter(|| speakers::people(black_box(&read)).len());
    });
    let hundred = open(&small);
    group.bench_function("compare two annotators over 100 articles", |b| {
        b.iter(|| compare::pairs(black_box(&hundred)).len());
    });
    group.finish();
}

criterion_group!(benches, corpus);
criterion_main!(benches);
