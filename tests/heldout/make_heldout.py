"""Writes tests/heldout/SET/docs/: the ten articles of tests/heldout/SET/articles/ (written
after the PDF, Word, OpenDocument and e-mail readers were, and not used to tune them before
their first reading), each made into a document the way newsrooms receive them, by the software
that makes such documents:

 1. Chromium, one column, with its own running header and footer
 2. Chromium, two justified hyphenated columns, header and page numbers from CSS
 3. LibreOffice PDF, one column, running header, "Page n of m" footer
 4. LibreOffice PDF, the body in two justified columns
 5. python-docx .docx with a header and footer
 6. LibreOffice .docx with a header and footer
 7. LibreOffice .odt with a header and footer
 8. a plain e-mail (Python's email package), quoted-printable
 9. an HTML e-mail with a PDF attached
10. Chromium, one column over two pages, a CSS running header and page numbers

Run from the repository with chromium, soffice and python-docx, for SET a or b:
python3 tests/heldout/make_heldout.py SET
"""
from datetime import datetime, timezone
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
import html
import shutil
import subprocess
import sys
import tempfile

import docx

here = Path(__file__).parent
sys.path.insert(0, str(here.parent / "pdfs"))
from make_pdfs import chromium, two_columns  # noqa: E402

x = html.escape
if len(sys.argv) != 2 or sys.argv[1] not in ("a", "b"):
    sys.exit("usage: python3 tests/heldout/make_heldout.py a|b")
out = here / sys.argv[1] / "docs"


def article(n):
    path = sorted((out.parent / "articles").glob(f"{n:02}-*.txt"))[0]
    headline, *paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    return path.stem, headline, paragraphs


def one_column(headline, paragraphs, pdf, size, header_footer, running=""):
    body = "".join(f"<p>{x(p)}</p>\n" for p in paragraphs)
    page = ""
    if running:
        page = (f'@page {{ margin: 2cm; @top-left {{ content: "{running}"; font: 8pt sans-serif; }}'
                '@bottom-center { content: counter(page) " / " counter(pages); font: 8pt sans-serif; } }')
    chromium(f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{x(headline)}</title><style>{page} body {{ font: {size}pt/1.45 sans-serif; }}
h1 {{ font-size: {size * 1.8}pt; }}</style></head>
<body><h1>{x(headline)}</h1>
{body}</body></html>""", pdf, header_footer=header_footer)


def fodt(headline, paragraphs, columns):
    body = "".join(f'<text:p text:style-name="Body">{x(p)}</text:p>' for p in paragraphs)
    if columns:
        body = f'<text:section text:style-name="Two" text:name="Columns">{body}</text:section>'
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{x(headline)}</dc:title></office:meta>
<office:styles>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="{'justify' if columns else 'start'}"/><style:text-properties fo:font-size="11pt"/></style:style>
<style:style style:name="Head" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="18pt" fo:font-weight="bold"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/><style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>
<style:style style:name="Two" style:family="section"><style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.6cm"/></style:section-properties></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p>FOR IMMEDIATE RELEASE</text:p></style:header><style:footer><text:p>Page <text:page-number text:select-page="current">1</text:page-number> of <text:page-count>1</text:page-count></text:p></style:footer></style:master-page></office:master-styles>
<office:body><office:text>
<text:h text:style-name="Head" text:outline-level="1">{x(headline)}</text:h>
{body}
</office:text></office:body></office:document>
"""


def soffice(source_text, kind, target):
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source.fodt"
        source.write_text(source_text, encoding="utf-8")
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", kind, "--outdir", tmp, str(source)],
                       check=True, capture_output=True)
        shutil.copy(Path(tmp) / f"source.{kind}", target)


def email(headline, paragraphs, target, rich):
    message = EmailMessage(policy=SMTP)
    message["From"] = "Newsroom <newsroom@example.org>"
    message["To"] = "desk@example.org"
    message["Subject"] = headline
    message["Date"] = format_datetime(datetime(2026, 12, 7, 9, 30, tzinfo=timezone.utc))
    if rich:
        body = "".join(f"<p>{x(p)}</p>\n" for p in paragraphs)
        message.set_content(f"<html><body><h1>{x(headline)}</h1>\n{body}</body></html>\n",
                            subtype="html", charset="utf-8", cte="quoted-printable")
        message.add_attachment((here.parent / "pdfs/libreoffice.pdf").read_bytes(),
                               maintype="application", subtype="pdf", filename="report.pdf")
    else:
        message.set_content("\n\n".join(paragraphs) + "\n", charset="utf-8",
                            cte="quoted-printable")
    target.write_bytes(message.as_bytes())


def main():
    out.mkdir(exist_ok=True)
    made = []
    for n in range(1, 11):
        stem, headline, paragraphs = article(n)
        if n == 1:
            target = out / f"{stem}.pdf"
            one_column(headline, paragraphs, target, 13, header_footer=True)
        elif n == 2:
            target = out / f"{stem}.pdf"
            two_columns(headline, paragraphs, target)
        elif n in (3, 4):
            target = out / f"{stem}.pdf"
            soffice(fodt(headline, paragraphs, columns=n == 4), "pdf", target)
        elif n == 5:
            target = out / f"{stem}.docx"
            document = docx.Document()
            document.core_properties.title = headline
            document.sections[0].header.paragraphs[0].text = "Voltstack GmbH - Press office"
            document.sections[0].footer.paragraphs[0].text = "Page 1"
            document.add_heading(headline, level=1)
            for p in paragraphs:
                document.add_paragraph(p)
            document.save(target)
        elif n in (6, 7):
            target = out / f"{stem}.{'docx' if n == 6 else 'odt'}"
            soffice(fodt(headline, paragraphs, columns=False), target.suffix[1:], target)
        elif n in (8, 9):
            target = out / f"{stem}.eml"
            email(headline, paragraphs, target, rich=n == 9)
        else:
            target = out / f"{stem}.pdf"
            one_column(headline, paragraphs, target, 24, header_footer=False,
                       running="Metro Transit News")
        made.append(target.name)
    print("\n".join(made))


if __name__ == "__main__":
    main()
