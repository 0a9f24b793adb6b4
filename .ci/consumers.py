"""Marginalia's exports read by the code their users read them with.

Usage: python consumers.py DIR FILE...

DIR holds one export of the annotation files FILE... in every format: `all.csv`, `all.xlsx`,
`all.jsonl`, `all.md`, `all.html` and the brat folder `brat/` (whose `.txt` files are the
articles' texts, found again by their SHA-256). Each check prints what it read; any failure names the file, the
annotation and what differed, and the run exits with status 1.
"""

import csv
import hashlib
import html.parser
import json
import os
import pathlib
import shutil
import sys

failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")


def articles(brat):
    """Every article's text by its SHA-256, from brat's .txt files (written byte for byte)."""
    texts = {}
    for txt in sorted(brat.glob("*.txt")):
        text = txt.read_bytes().decode("utf-8")
        texts[hashlib.sha256(text.encode("utf-8")).hexdigest()] = text
    return texts


def check_csv(path, texts):
    """Python's csv module: every row's text is `text[start:end]` of its article."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    col = {name: n for n, name in enumerate(header)}
    for row in body:
        text = texts[row[col["article_sha256"]]]
        start, end = int(row[col["start"]]), int(row[col["end"]])
        if text[start:end] != row[col["text"]]:
            fail(path.name, f"annotation {row[col['id']]}: {row[col['text']]!r} "
                            f"is not text[{start}:{end}] = {text[start:end]!r}")
    print(f"csv: {len(body)} rows, each text[start:end] of its article")
    return rows


def check_xlsx(path, csv_rows):
    """openpyxl: every cell is stored as text (never a formula or a number); calamine, the
    reader pandas uses, reads the CSV's cells from it exactly (openpyxl leaves Excel's escapes
    of control characters, `_x000C_`, as they are stored)."""
    import openpyxl
    from python_calamine import CalamineWorkbook

    for row in openpyxl.load_workbook(path).active.iter_rows():
        for cell in row:
            if cell.value is not None and cell.data_type != "s":
                fail(path.name, f"cell {cell.coordinate} is {cell.data_type!r}, not text: "
                                f"{cell.value!r}")
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    if rows != csv_rows:
        for n, (mine, theirs) in enumerate(zip(rows, csv_rows)):
            if mine != theirs:
                fail(path.name, f"row {n + 1} differs from the CSV: {mine!r} != {theirs!r}")
                break
        else:
            fail(path.name, f"{len(rows)} rows, the CSV has {len(csv_rows)}")
    print(f"xlsx: {len(rows)} rows, every cell text, equal to the CSV")


def check_jsonl(path):
    """spaCy: every span aligns strictly to tokens, and a DocBin keeps them all."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("xx")
    docs, expected = [], []
    with open(path, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f if line.strip()]
    for n, record in enumerate(lines):
        doc = nlp.make_doc(record["text"])
        spans = []
        for span in record["spans"]:
            where = f"{path.name} line {n + 1} span {span['id']}"
            made = doc.char_span(span["start"], span["end"], label=span["label"],
                                 alignment_mode="strict")
            if made is None:
                fail(where, f"{span['text']!r} does not align to spaCy's tokens")
                continue
            if made.text != span["text"]:
                fail(where, f"spaCy reads {made.text!r}, the export says {span['text']!r}")
            spans.append(made)
        doc.spans["sc"] = spans
        docs.append(doc)
        expected.append([(s.start_char, s.end_char, s.label_, s.text) for s in spans])
    stored = DocBin(docs=docs, store_user_data=True).to_bytes()
    read = list(DocBin().from_bytes(stored).get_docs(nlp.vocab))
    for n, (doc, spans) in enumerate(zip(read, expected)):
        got = [(s.start_char, s.end_char, s.label_, s.text) for s in doc.spans["sc"]]
        if got != spans:
            fail(f"{path.name} line {n + 1}", f"the DocBin round trip changed the spans: {got!r}")
    total = sum(len(s) for s in expected)
    print(f"jsonl: {len(lines)} articles, {total} spans aligned strictly, DocBin round trip equal")


def check_brat(folder):
    """brat's own server code: each .ann read against its .txt, the configurations parsed,
    and every pair of overlapping spans allowed by annotation.conf."""
    from bratsubset import projectconfig
    from bratsubset.annotation import TextAnnotations
    from bratsubset.message import Messager

    config = projectconfig.ProjectConfiguration(str(folder))
    labels = projectconfig.get_labels(str(folder))
    count = 0
    for ann in sorted(folder.glob("*.ann")):
        lines = [line for line in ann.read_text(encoding="utf-8").splitlines() if line]
        document = TextAnnotations(str(ann.with_suffix("")), read_only=True)
        if document.failed_lines:
            fail(ann.name, f"brat could not read lines {document.failed_lines}")
        bounds = list(document.get_textbounds())
        written = [line for line in lines if line.startswith("T")]
        if len(bounds) != len(written):
            fail(ann.name, f"brat read {len(bounds)} of {len(written)} spans")
        for bound in bounds:
            if bound.type not in labels:
                fail(ann.name, f"{bound.id}'s type {bound.type} has no label in visual.conf")
        for a in bounds:
            for b in bounds:
                if a.id >= b.id or not any(s < f and t < e for s, e in a.spans for t, f in b.spans):
                    continue
                if not (config.spans_can_cross(a.type, b.type)
                        and config.span_can_contain(a.type, b.type)
                        and config.span_can_contain(b.type, a.type)
                        and config.spans_can_be_equal(a.type, b.type)):
                    fail(ann.name, f"annotation.conf forbids {a.id} and {b.id} to overlap")
        count += len(bounds)
    messages = Messager.output_json({}).get("messages", [])
    for message, kind, *_ in messages:
        if kind in ("error", "warning"):
            fail(folder.name, f"brat says ({kind}): {message}")
    names = sorted({names[0] for names in labels.values()})
    print(f"brat: {count} spans read by brat's code, no errors; labels {names}")


class Tree(html.parser.HTMLParser):
    """An HTML page as (element path, text) items, white space collapsed: what a reader sees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.path, self.items = [], []

    def handle_starttag(self, tag, attrs):
        self.path.append(tag)
        self.items.append(("<" + "/".join(self.path), ""))

    def handle_endtag(self, tag):
        while self.path:
            if self.path.pop() == tag:
                break

    def handle_data(self, data):
        words = " ".join(data.split())
        if words:
            self.items.append(("/".join(self.path), words))


def tree(page):
    parser = Tree()
    parser.feed(page)
    return parser.items


def check_markdown(path):
    """markdown-it (CommonMark) and Python-Markdown render the report the same, and it shows
    each annotation's words as they are."""
    import markdown
    from markdown_it import MarkdownIt

    source = path.read_text(encoding="utf-8")
    commonmark = tree(MarkdownIt("commonmark").render(source))
    python = tree(markdown.markdown(source))
    if commonmark != python:
        for n, (a, b) in enumerate(zip(commonmark, python)):
            if a != b:
                fail(path.name, f"item {n}: markdown-it reads {a!r}, Python-Markdown {b!r}")
                break
        else:
            fail(path.name, f"markdown-it reads {len(commonmark)} items, Python-Markdown "
                            f"{len(python)}")
    shown = "\n".join(words for _, words in commonmark)
    with open(path.with_suffix(".csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        words = " ".join("".join(" " if c.isspace() or ord(c) < 32 or 0x7F <= ord(c) < 0xA0
                                 else c for c in row["text"]).split())
        if f"“{words}”" not in shown:
            fail(path.name, f"annotation {row['id']}'s words do not show: {words!r}")
    blocks = sum(1 for element, _ in commonmark if element == "<blockquote")
    print(f"md: markdown-it and Python-Markdown agree on {len(commonmark)} items, "
          f"{blocks} block quotes, {len(rows)} annotations' words shown")


# Run in the exported page by Chromium: each paragraph of each article selected as a reader
# selects it, and what the selection holds (what Ctrl+C copies) written into the page.
COPY_PROBE = """
<script>
const copied = [];
for (const section of document.querySelectorAll('section')) {
  const paragraphs = [];
  for (const p of section.querySelectorAll('article p')) {
    const range = document.createRange();
    range.selectNodeContents(p);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    paragraphs.push(selection.toString());
  }
  copied.push({title: section.querySelector('h1').textContent, paragraphs});
}
const out = document.createElement('pre');
out.id = 'marginalia-copied';
out.textContent = JSON.stringify(copied);
document.body.appendChild(out);
</script>
"""


def check_html_copy(page, texts, csv_rows, sources, chromium):
    """Chromium: a paragraph selected and copied from the HTML page is the article's words
    exactly: no tag text (the tags are CSS generated content), no Markdown heading marks,
    tabs and runs of spaces kept; control characters other than tab, which a page cannot
    show, read as spaces."""
    import html
    import re
    import subprocess
    import tempfile

    header, body = csv_rows[0], csv_rows[1:]
    col = {name: n for n, name in enumerate(header)}
    sha_of_title = {row[col["article_title"]]: row[col["article_sha256"]] for row in body}
    markdown = set()
    for source in sources:
        found = re.search(r'path: "(.*?)",\s*sha256: "([0-9a-f]+)"', source.read_text("utf-8"))
        if found and found.group(1).lower().endswith((".md", ".markdown")):
            markdown.add(found.group(2))

    probe = page.with_name("copy-probe.html")
    probe.write_text(page.read_text("utf-8").replace("</body>", COPY_PROBE + "</body>"), "utf-8")
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}", "--dump-dom", probe.as_uri()],
            capture_output=True, text=True, timeout=120, check=True).stdout
    found = re.search(r'<pre id="marginalia-copied">(.*?)</pre>', dom, re.S)
    if not found:
        fail(page.name, "Chromium ran no probe")
        return
    sections = json.loads(html.unescape(found.group(1)))
    count = 0
    for section in sections:
        sha = sha_of_title.get(section["title"])
        if sha is None or sha not in texts:
            fail(page.name, f"no article titled {section['title']!r}")
            continue
        expected = []
        for line in texts[sha].split("\n"):
            if not line:
                continue
            if sha in markdown:
                line = re.sub(r"^#{1,6} +", "", line)
            expected.append("".join(" " if c != "\t" and (ord(c) < 32 or 0x7F <= ord(c) < 0xA0)
                                    else c for c in line))
        copied = section["paragraphs"]
        if len(copied) != len(expected):
            fail(page.name, f"{section['title']!r}: {len(copied)} paragraphs copied, "
                            f"{len(expected)} in the article")
        for n, (got, want) in enumerate(zip(copied, expected)):
            if got != want:
                fail(page.name, f"{section['title']!r} paragraph {n + 1}: copied {got!r}, "
                                f"the article has {want!r}")
        count += len(copied)
    print(f"html: Chromium copied {count} paragraphs of {len(sections)} articles, "
          "each the article's words")


def main():
    folder = pathlib.Path(sys.argv[1])
    sources = [pathlib.Path(p) for p in sys.argv[2:]]
    texts = articles(folder / "brat")
    rows = check_csv(folder / "all.csv", texts)
    check_xlsx(folder / "all.xlsx", rows)
    check_jsonl(folder / "all.jsonl")
    check_brat(folder / "brat")
    check_markdown(folder / "all.md")
    chromium = shutil.which("chromium")
    if chromium:
        check_html_copy(folder / "all.html", texts, rows, sources, chromium)
    elif os.environ.get("CI"):
        fail("all.html", "Chromium is not installed")
    else:
        print("html: skipped, Chromium is not installed")
    for failure in failures:
        print("FAIL", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
