//! Benchmarks of everything that needs no window, on the large fixture (2 MB of text, 10,000
//! annotations): open (parse, validate, index), save, compare with a colleague's copy, and
//! every export; and the text of a news page with 2 MB of article. Targets are in the README; `cargo bench --bench files` measures them.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia_core::review::Review;
use marginalia_fixtures as fixtures;
use marginalia_io::export::{self, Format, Source};
use marginalia_io::{format, html};

fn files(c: &mut Criterion) {
    let large = fixtures::large();
    let colleague = fixtures::colleague(&large, 42);
    let bytes = format::to_ron_string(&large)
        .unwrap_or_default()
        .into_bytes();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("large.ron");

    let mut group = c.benchmark_group("large");
    group.sample_size(20);
    group.bench_function("open", |b| {
        b.iter(|| {
            format::parse(Path::new("large.ron"), black_box(&bytes)).map(|d| d.annotations().len())
        });
    });
    group.bench_function("save", |b| {
        b.iter(|| format::save(black_box(&large), &path));
    });
    group.bench_function("compare", |b| {
        b.iter(|| Review::new(black_box(&large), black_box(&colleague)));
    });
    let sources = [Source {
        doc: &large,
        name: "large",
    }];
    for format in [
        Format::Csv,
        Format::Jsonl,
        Format::W3c,
        Format::Md,
        Format::Html,
    ] {
        group.bench_function(format!("export {format:?}"), |b| {
            b.iter(|| {
                export::to_bytes(format, black_box(&sources), export::Options::default())
                    .map(|v| v.len())
            });
        });
    }
    let brat = dir.path().join("brat");
    group.bench_function("export Brat", |b| {
        b.iter(|| {
            export::write_to_path(
                Format::Brat,
                black_box(&sources),
                export::Options::default(),
                &brat,
            )
        });
    });
    let page = fixtures::html_page(2_000_000, 7);
    group.bench_function("html page text (2 MB of article)", |b| {
        b.iter(|| html::extract(black_box(&page), html::Budget::IMPORT).map(|e| e.text.len()));
    });
    group.finish();
}

criterion_group!(benches, files);
criterion_main!(benches);
