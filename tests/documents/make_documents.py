"""Writes the test documents of tests/documents/ with the software newsrooms' files come from:
python-docx writes `python-docx.docx`; LibreOffice (soffice --headless --convert-to) writes
`libreoffice.odt` and `libreoffice.docx` from `source.fodt`, a flat OpenDocument file holding a
running header and footer, a footnote, a comment, a list, a table and tracked changes (one
insertion, one deletion). Run from the repository, with python-docx installed and soffice on
the PATH: python3 tests/documents/make_documents.py
"""
from pathlib import Path
import shutil
import subprocess
import tempfile

import docx

here = Path(__file__).parent
root = here.parent.parent
article = (root / "sample_docs/corpus/stadium-deal.txt").read_text(encoding="utf-8")
headline, *paragraphs = [p for p in article.split("\n") if p.strip()]

document = docx.Document()
document.core_properties.title = headline
document.sections[0].header.paragraphs[0].text = "PRESS RELEASE - EMBARGOED"
document.sections[0].footer.paragraphs[0].text = "Page 1 of 1"
document.add_heading(headline, level=1)
first = document.add_paragraph(paragraphs[0])
document.add_comment(first.runs, text="Check the loan figure", author="Desk")
for text in paragraphs[1:]:
    document.add_paragraph(text)
document.add_paragraph("Key figures:")
document.add_paragraph("a $400 million public loan", style="List Bullet")
document.add_paragraph("fifteen years to pay back", style="List Bullet")
table = document.add_table(rows=2, cols=2)
table.cell(0, 0).text = "Seats"
table.cell(0, 1).text = "42,000"
table.cell(1, 0).text = "Opening"
table.cell(1, 1).text = "2029"
document.save(here / "python-docx.docx")

with tempfile.TemporaryDirectory() as out:
    for kind in ("odt", "docx"):
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{out}/profile", "--headless",
             "--convert-to", kind, "--outdir", out, str(here / "source.fodt")],
            check=True, capture_output=True,
        )
        shutil.copy(Path(out) / f"source.{kind}", here / f"libreoffice.{kind}")
