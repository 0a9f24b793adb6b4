"""Writes the test PDFs of tests/pdfs/ with the software newsrooms' PDFs come from, each beside
`NAME.expected.txt`, the text it was made from (headline, then one paragraph per line):

- `chromium-one-column.pdf`: Chromium's headless --print-to-pdf of a long article, with the
  browser's own running header (date, title) and footer (address, page n/m).
- `chromium-two-columns.pdf`: a headline spanning two justified columns, words hyphenated at
  line ends (soft hyphens the browser turns into "-" where it breaks), compounds with a real
  hyphen, ligature-prone words, a running header and page numbers from CSS page margin boxes.
- `libreoffice.pdf`: LibreOffice's export of a report of several pages (a running header,
  "Page n of m" footers, a footnote, a list, a table, then two justified columns).
- `scan.pdf`: a page that is only an image (ImageMagick's, printed by Chromium), `encrypted.pdf`: the one-column PDF
  with a password (qpdf), `broken.pdf`: the one-column PDF cut short.

Run from the repository, with chromium, soffice, convert and qpdf on the PATH:
python3 tests/pdfs/make_pdfs.py

`python3 tests/pdfs/make_pdfs.py --long OUT.pdf` writes only a 30-page two-column PDF, for
benches/process.sh (Chromium alone).
"""
from pathlib import Path
import html
import re
import shutil
import subprocess
import sys
import tempfile

here = Path(__file__).parent
root = here.parent.parent


def article(path):
    """Headline and paragraphs of a test article, its quotation labels taken out."""
    text = (root / path).read_text(encoding="utf-8")
    text = re.sub(r"⟦(.*?)⟧\{[^}]*\}", r"\1", text)
    headline, *paragraphs = [p for p in text.split("\n") if p.strip()]
    return headline, paragraphs


def soft_hyphens(paragraph):
    """Soft hyphens in the middle of every word of nine letters or more."""
    def split(m):
        word = m.group(0)
        cut = len(word) // 2
        return word[:cut] + "\u00ad" + word[cut:]
    return re.sub(r"[A-Za-z]{9,}", split, paragraph)


def chromium(html_text, pdf, header_footer):
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "article.html"
        page.write_text(html_text, encoding="utf-8")
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", f"--user-data-dir={tmp}/profile", f"--print-to-pdf={pdf}"]
        if not header_footer:
            flags.append("--no-pdf-header-footer")
        subprocess.run(["chromium", *flags, page.as_uri()], check=True, capture_output=True)


def expected(name, headline, paragraphs):
    (here / f"{name}.expected.txt").write_text(
        "\n".join([headline, *paragraphs]) + "\n", encoding="utf-8")


def two_columns(headline, paragraphs, pdf):
    body = "".join(f"<p>{html.escape(soft_hyphens(p))}</p>\n" for p in paragraphs)
    chromium(f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(headline)}</title>
<style>
@page {{ size: A4; margin: 2cm 1.5cm;
  @top-center {{ content: "The Harbour Gazette - Monday 7 December 2026"; font: 9pt serif; }}
  @bottom-right {{ content: "Page " counter(page); font: 9pt serif; }} }}
body {{ font: 10.5pt/1.35 serif; margin: 0; }}
h1 {{ font-size: 22pt; margin: 0 0 12pt; }}
.columns {{ column-count: 2; column-gap: 0.8cm; text-align: justify; }}
p {{ margin: 0 0 6pt; }}
</style></head>
<body><h1>{html.escape(headline)}</h1>
<div class="columns">{body}</div></body></html>""", pdf, header_footer=False)


def main():
    if sys.argv[1:2] == ["--long"]:
        everything = []
        for path in sorted((root / "tests/quotes").glob("*/*.txt")):
            everything += article(path.relative_to(root))[1]
        # About 30 pages of two columns.
        two_columns("Thirty pages of news", everything * 9, Path(sys.argv[2]).resolve())
        return

    # One column, several pages, the browser's header and footer.
    headline, paragraphs = article("tests/quotes/second/court.txt")
    for extra in ["tests/quotes/second/election.txt", "tests/quotes/second/science.txt",
                  "tests/quotes/unseen/strike.txt"]:
        paragraphs += article(extra)[1]
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    chromium(f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
    <title>{html.escape(headline)}</title>
    <style>body {{ font: 15pt/1.5 serif; margin: 0 1cm; }} h1 {{ font-size: 24pt; }}</style></head>
    <body><h1>{html.escape(headline)}</h1>
    {body}</body></html>""", here / "chromium-one-column.pdf", header_footer=True)
    expected("chromium-one-column", headline, paragraphs)

    # Two justified, hyphenated columns under a spanning headline.
    headline, paragraphs = article("tests/quotes/kinds/roles_and_bodies.txt")
    for extra in ["tests/quotes/third/water_charges.txt", "tests/quotes/unseen/wildfire.txt",
                  "tests/quotes/second/middle_east.txt"]:
        paragraphs += article(extra)[1]
    paragraphs.append("The well-known long-term plan was first floated in a fifty-page office "
                      "report, and officials said the final figures would be published in the "
                      "autumn after a difficult, fluffy and efficient affair.")
    two_columns(headline, paragraphs, here / "chromium-two-columns.pdf")
    expected("chromium-two-columns", headline, paragraphs)

    # LibreOffice's export of a report of several pages: a running header, page numbers in the
    # footer, spaced paragraphs, a footnote, a list, a table, then two justified columns.
    headline, paragraphs = article("tests/quotes/kinds/profile_interview.txt")
    for extra in ["tests/quotes/unseen/vaccine.txt", "tests/quotes/kinds/indian_bridge.txt"]:
        paragraphs += article(extra)[1]
    columns = article("tests/quotes/third/harbour_profile.txt")[1]
    columns += article("tests/quotes/kinds/responses.txt")[1]
    x = html.escape
    first = (f'<text:p text:style-name="Body">{x(paragraphs[0])}<text:note text:id="n1" '
             'text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>'
             '<text:p text:style-name="Note">Interview recorded on 2 March.</text:p></text:note-body>'
             '</text:note></text:p>')
    body = "".join(f'<text:p text:style-name="Body">{x(p)}</text:p>' for p in paragraphs[1:])
    items = ["a $400 million public loan", "fifteen years to pay back"]
    listed = "".join(f"<text:list-item><text:p>{x(i)}</text:p></text:list-item>" for i in items)
    rows = [("Seats", "42,000"), ("Opening", "2029")]
    table = "".join(
        '<table:table-row>' + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{x(c)}</text:p></table:table-cell>'
            for c in row) + '</table:table-row>' for row in rows)
    in_columns = "".join(f'<text:p text:style-name="Justified">{x(p)}</text:p>' for p in columns)
    fodt = f"""<?xml version="1.0" encoding="UTF-8"?>
    <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
    <office:meta><dc:title>{x(headline)}</dc:title></office:meta>
    <office:styles>
    <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.25cm" fo:line-height="115%"/><style:text-properties fo:font-size="12pt"/></style:style>
    <style:style style:name="Justified" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:text-align="justify"/></style:style>
    <style:style style:name="Head" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="20pt" fo:font-weight="bold"/></style:style>
    <style:style style:name="Note" style:family="paragraph"><style:text-properties fo:font-size="10pt"/></style:style>
    </office:styles>
    <office:automatic-styles>
    <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>
    <style:style style:name="Two" style:family="section"><style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:section-properties></style:style>
    </office:automatic-styles>
    <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p>PRESS RELEASE - EMBARGOED</text:p></style:header><style:footer><text:p>Page <text:page-number text:select-page="current">1</text:page-number> of <text:page-count>3</text:page-count></text:p></style:footer></style:master-page></office:master-styles>
    <office:body><office:text>
    <text:h text:style-name="Head" text:outline-level="1">{x(headline)}</text:h>
    {first}{body}
    <text:p text:style-name="Body">Key figures:</text:p>
    <text:list>{listed}</text:list>
    <table:table table:name="Figures"><table:table-column table:number-columns-repeated="2"/>{table}</table:table>
    <text:section text:style-name="Two" text:name="Columns">{in_columns}</text:section>
    </office:text></office:body></office:document>
    """
    with tempfile.TemporaryDirectory() as out:
        source = Path(out) / "report.fodt"
        source.write_text(fodt, encoding="utf-8")
        subprocess.run(["soffice", f"-env:UserInstallation=file://{out}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", out, str(source)],
                       check=True, capture_output=True)
        shutil.copy(Path(out) / "report.pdf", here / "libreoffice.pdf")
    paragraphs[0] += "1"
    expected("libreoffice", headline, [
        *paragraphs, "Key figures:", *(f"• {i}" for i in items), *(" ".join(r) for r in rows),
        *columns, "1 Interview recorded on 2 March."])

    # What cannot be read: a scan, a locked file, a broken file.
    with tempfile.TemporaryDirectory() as tmp:
        scan = Path(tmp) / "scan.png"
        subprocess.run(["convert", "-size", "600x800", "xc:white", "-fill", "black", "-pointsize",
                        "40", "-draw", "text 60,120 'Scanned page'", str(scan)], check=True)
        chromium(f'<!doctype html><img src="{scan.as_uri()}" style="width:100%">',
                 here / "scan.pdf", header_footer=False)
    subprocess.run(["qpdf", "--encrypt", "secret", "secret", "256", "--",
                    str(here / "chromium-one-column.pdf"), str(here / "encrypted.pdf")], check=True)
    whole = (here / "chromium-one-column.pdf").read_bytes()
    (here / "broken.pdf").write_bytes(whole[: len(whole) // 3])


if __name__ == "__main__":
    main()
