//! Prints the sizes of the benchmark fixtures and writes the large one, its colleague's copy
//! and the HTML pages (a large news page and two hostile ones) to a folder, for the
//! whole-process measurements in benches/process.sh.
fn main() {
    let folder = std::env::args().nth(1).unwrap_or_else(|| ".".to_owned());
    let large = marginalia_fixtures::large();
    let colleague = marginalia_fixtures::colleague(&large, 42);
    println!(
        "large: {} bytes, {} code points, {} annotations, {} speakers",
        large.article.text().len(),
        large.article.len_chars(),
        large.annotations().len(),
        large.speakers().len()
    );
    for (doc, name) in [(&large, "large.ron"), (&colleague, "large.colleague.ron")] {
        let path = std::path::Path::new(&folder).join(name);
        if let Err(error) = marginalia_io::format::save(doc, &path) {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
        println!("wrote {}", path.display());
    }
    let pages = [
        ("page.html", marginalia_fixtures::html_page(2_000_000, 7)),
        (
            "deep.html",
            marginalia_fixtures::hostile_html(1_000_000, 0, 0),
        ),
        (
            "clones.html",
            marginalia_fixtures::hostile_html(0, 20_000, 200_000),
        ),
    ];
    for (name, html) in pages {
        let path = std::path::Path::new(&folder).join(name);
        if let Err(error) = std::fs::write(&path, html) {
            eprintln!("error: {}: {error}", path.display());
            std::process::exit(1);
        }
        println!("wrote {}", path.display());
    }
}
