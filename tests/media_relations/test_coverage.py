"""Coverage monitoring: entry by form, pasted link (Open Graph) and CSV; duplicates; the clipping file."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_httpserver import HTTPServer

from humas.models import AuditEntry
from humas.roles import Role
from media_relations.coverage_fetch import parse_preview
from media_relations.coverage_services import normalise_url
from media_relations.models import CoverageItem
from tests.factories.media_events import CoverageItemFactory, OutletFactory
from tests.factories.releases import PublishedReleaseFactory
from tests.helpers import image_upload, pdf_upload

pytestmark = pytest.mark.django_db
JKT = ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def _local_pages_allowed(settings) -> None:  # type: ignore[no-untyped-def]
    """pytest-httpserver listens on 127.0.0.1, which the portal refuses to fetch in production."""
    settings.MEDIA_COVERAGE_FETCH_PRIVATE_HOSTS = True


ARTICLE = """<!doctype html><html><head><title>Judul di tab | Harian Contoh</title>
<meta property="og:title" content="Wali Kota Resmikan Taman Kota Baru">
<meta property="og:site_name" content="Harian Contoh">
<meta property="article:published_time" content="2026-11-20T08:15:00+07:00">
</head><body><p>Isi berita.</p></body></html>"""


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "url": "https://www.berita.example/kota/taman-baru/?utm_source=wa",
        "title": "Taman kota baru dibuka",
        "outlet_name": "Warta Harapan",
        "published_at": "2026-11-20T09:30",
        "medium": "online",
        "tone": "positive",
        "reach": "12000",
    }
    data.update(overrides)
    return data


def test_normalised_url_ignores_scheme_www_slash_tracking_and_fragment() -> None:
    key = "berita.example/kota/taman-baru"
    assert normalise_url("https://www.Berita.example/kota/taman-baru/?utm_source=wa&fbclid=x#komentar") == key
    assert normalise_url("http://berita.example/kota/taman-baru") == key
    assert normalise_url("https://berita.example/read?id=5&utm_medium=x") == "berita.example/read?id=5"


def test_officer_logs_coverage_by_form(client, login_as) -> None:  # type: ignore[no-untyped-def]
    officer = login_as(Role.MEDIA_OFFICER)
    release = PublishedReleaseFactory()
    response = client.post(reverse("media_relations:coverage-create"), form_data(release=release.pk), follow=True)
    assert "Kliping \u201cTaman kota baru dibuka\u201d tercatat." in response.content.decode()
    item = CoverageItem.objects.get()
    assert item.logged_by == officer and item.release == release and item.reach == 12000
    assert item.published_at == datetime(2026, 11, 20, 9, 30, tzinfo=JKT)
    assert item.url_key == "berita.example/kota/taman-baru"
    assert AuditEntry.objects.filter(action="media_relations.coverage.create").count() == 1


def test_duplicate_url_is_refused_with_the_existing_item(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    CoverageItemFactory(
        url="http://berita.example/kota/taman-baru", url_key="berita.example/kota/taman-baru", title="Yang pertama"
    )
    response = client.post(reverse("media_relations:coverage-create"), form_data())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Berita dengan tautan ini sudah tercatat: \u201cYang pertama\u201d" in body
    assert CoverageItem.objects.count() == 1


def test_outlet_is_required(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    response = client.post(reverse("media_relations:coverage-create"), form_data(outlet_name=""))
    assert "Pilih media dari direktori atau tulis nama medianya." in response.content.decode()
    assert not CoverageItem.objects.exists()


def test_clipping_must_really_be_a_pdf_or_image(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    fake = SimpleUploadedFile("kliping.pdf", b"bukan pdf sama sekali", content_type="application/pdf")
    response = client.post(reverse("media_relations:coverage-create"), form_data(clipping=fake))
    assert "bukan gambar JPEG, PNG, atau WebP" in response.content.decode()
    assert not CoverageItem.objects.exists()


def test_clipping_pdf_is_private_and_served_to_staff_only(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    client.post(reverse("media_relations:coverage-create"), form_data(clipping=pdf_upload("koran.pdf")))
    item = CoverageItem.objects.get()
    with pytest.raises(ValueError):
        item.clipping.url  # noqa: B018  (private storage has no URL)
    response = client.get(reverse("media_relations:coverage-file", args=[item.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.logout()
    assert client.get(reverse("media_relations:coverage-file", args=[item.pk])).status_code == 302


def test_clipping_image_accepted(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    client.post(reverse("media_relations:coverage-create"), form_data(clipping=image_upload("koran.png", fmt="PNG")))
    assert CoverageItem.objects.get().clipping.name.endswith(".png")


def test_paste_url_prefills_title_time_and_outlet(client, login_as, httpserver: HTTPServer) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    outlet = OutletFactory(name="Harian Contoh")
    httpserver.expect_request("/kota/taman").respond_with_data(ARTICLE, content_type="text/html; charset=utf-8")
    response = client.post(reverse("media_relations:coverage-paste"), {"url": httpserver.url_for("/kota/taman")})
    body = response.content.decode()
    assert "Judul dan waktu terbit dibaca dari halaman berita." in body
    form = response.context["form"]
    assert form.initial["title"] == "Wali Kota Resmikan Taman Kota Baru"
    assert form.initial["published_at"] == datetime(2026, 11, 20, 8, 15)
    assert form.initial["outlet"] == outlet.pk
    assert 'value="Wali Kota Resmikan Taman Kota Baru"' in body
    assert not CoverageItem.objects.exists()


def test_paste_url_that_cannot_be_read_asks_the_user(client, login_as, httpserver: HTTPServer) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    httpserver.expect_request("/hilang").respond_with_data("tidak ada", status=404)
    response = client.post(reverse("media_relations:coverage-paste"), {"url": httpserver.url_for("/hilang")})
    assert "Halaman tidak dapat dibaca. Isi judul dan waktu terbitnya sendiri." in response.content.decode()
    assert response.context["form"].initial["title"] == ""


def test_paste_url_already_logged_is_refused(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    CoverageItemFactory(url="https://berita.example/a", url_key="berita.example/a", title="Sudah ada")
    response = client.post(reverse("media_relations:coverage-paste"), {"url": "https://www.berita.example/a/"})
    assert "sudah tercatat: \u201cSudah ada\u201d" in response.content.decode()


def test_preview_falls_back_to_title_tag_and_date_meta() -> None:
    preview = parse_preview('<title> Berita  Kota </title><meta name="pubdate" content="2026-11-02">')
    assert preview.title == "Berita Kota"
    assert preview.published_at == datetime(2026, 11, 2, tzinfo=JKT)
    assert not parse_preview("<p>kosong</p>").found


def test_paste_url_follows_a_redirect(client, login_as, httpserver: HTTPServer) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    httpserver.expect_request("/pendek").respond_with_data("", status=301, headers={"Location": "/kota/taman"})
    httpserver.expect_request("/kota/taman").respond_with_data(ARTICLE, content_type="text/html")
    response = client.post(reverse("media_relations:coverage-paste"), {"url": httpserver.url_for("/pendek")})
    assert response.context["form"].initial["title"] == "Wali Kota Resmikan Taman Kota Baru"


def test_paste_url_never_reaches_the_office_network(client, login_as, httpserver: HTTPServer, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_COVERAGE_FETCH_PRIVATE_HOSTS = False
    login_as(Role.MEDIA_OFFICER)
    httpserver.expect_request("/rahasia").respond_with_data(ARTICLE, content_type="text/html")
    response = client.post(reverse("media_relations:coverage-paste"), {"url": httpserver.url_for("/rahasia")})
    assert "Halaman tidak dapat dibaca" in response.content.decode()
    assert httpserver.log == []


def test_officer_corrects_the_tone_and_cannot_take_another_items_link(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    item = CoverageItemFactory(url="https://a.example/1", url_key="a.example/1", tone="neutral", title="Berita A")
    CoverageItemFactory(url="https://b.example/2", url_key="b.example/2", title="Berita B")
    url = reverse("media_relations:coverage-edit", args=[item.pk])
    data = form_data(url="https://a.example/1", title="Berita A", tone="negative")
    response = client.post(url, data, follow=True)
    assert "Kliping diperbarui." in response.content.decode()
    item.refresh_from_db()
    assert item.tone == "negative"
    assert AuditEntry.objects.filter(action="media_relations.coverage.update", old_state="neutral").exists()
    response = client.post(url, {**data, "url": "https://www.b.example/2/"})
    assert "sudah tercatat: \u201cBerita B\u201d" in response.content.decode()
    item.refresh_from_db()
    assert item.url_key == "a.example/1"


def test_logging_from_a_release_report_preselects_the_release(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    release = PublishedReleaseFactory()
    report = client.get(reverse("media_relations:coverage-release", args=[release.pk])).content.decode()
    link = f"{reverse('media_relations:coverage-create')}?siaran={release.pk}"
    assert link in report
    form = client.get(link).context["form"]
    assert str(form["release"].value()) == str(release.pk)
