"""Writes the test e-mails of tests/emails/ with Python's own `email` package, as a mail program
would: a plain message with an encoded subject and a quoted-printable body, and an HTML message
with a text file and a PDF attached. Run from the repository: python3 tests/emails/make_emails.py
"""
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta
from pathlib import Path
import html

here = Path(__file__).parent
root = here.parent.parent
article = (root / "sample_docs/corpus/stadium-deal.txt").read_text(encoding="utf-8")
headline, *paragraphs = [p for p in article.split("\n") if p.strip()]

plain = EmailMessage(policy=SMTP)
plain["From"] = "Zoë Adams <zoe.adams@example.org>"
plain["To"] = "newsdesk@example.org"
plain["Subject"] = headline + " – statement"
plain["Date"] = format_datetime(datetime(2026, 3, 2, 10, 15, tzinfo=timezone(timedelta(hours=1))))
plain.set_content("\n\n".join(paragraphs) + "\n", subtype="plain", charset="utf-8", cte="quoted-printable")
(here / "plain.eml").write_bytes(plain.as_bytes())

rich = EmailMessage(policy=SMTP)
rich["From"] = "Press Office <press@example.gov>"
rich["To"] = "newsdesk@example.org"
rich["Subject"] = headline
rich["Date"] = format_datetime(datetime(2026, 3, 3, 9, 0, tzinfo=timezone.utc))
body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
rich.set_content(f"<html><body><h1>{html.escape(headline)}</h1>\n{body}</body></html>\n", subtype="html", charset="utf-8", cte="base64")
rich.add_attachment("Full statement follows.\n".encode(), maintype="text", subtype="plain", filename="statement.txt")
rich.add_attachment(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", maintype="application", subtype="pdf", filename="Budget 2026.pdf")
(here / "html_with_attachments.eml").write_bytes(rich.as_bytes())
