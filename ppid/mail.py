"""The HTML part of PPID mails: every mail goes out as text plus HTML (multipart)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string


def html_version(subject: str, body: str) -> str:
    """The same text as HTML, paragraphs and links kept (the text is escaped)."""
    return render_to_string("ppid/email/base.html", {"subject": subject, "body": body, "office": settings.OFFICE_NAME})
