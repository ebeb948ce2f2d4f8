"""Small builders shared by tests of every app: real files and valid public-form extras."""

from __future__ import annotations

import io
import time
import zipfile

from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def spam_trap_fields(seconds_ago: float = 10) -> dict[str, str]:
    """What a person's browser posts for ``SpamTrapMixin`` after filling the form for a while."""
    return {"website": "", "form_started": signing.dumps(time.time() - seconds_ago, salt="public-form")}


def image_bytes(width: int = 800, height: int = 600, fmt: str = "JPEG", color: str = "steelblue") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, fmt)
    return buffer.getvalue()


def image_upload(name: str = "foto.jpg", **kwargs: object) -> SimpleUploadedFile:
    fmt = str(kwargs.pop("fmt", "JPEG"))
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, image_bytes(fmt=fmt, **kwargs), content_type=content_type)  # type: ignore[arg-type]


def pdf_bytes(text: str = "Surat permohonan") -> bytes:
    body = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n"
        b"4 0 obj<</Length " + str(len(body)).encode() + b">>stream\n" + body + b"\nendstream endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def pdf_upload(name: str = "surat.pdf", text: str = "Surat permohonan") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def png_bomb_bytes(side: int = 20_000) -> bytes:
    """A small PNG that claims ``side`` × ``side`` pixels (decompresses to gigabytes)."""
    buffer = io.BytesIO()
    Image.new("1", (side, side)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
