"""Coverage reports: monthly, per release, per outlet; SVG charts, CSV/XLSX/PDF; constant queries; dashboard."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from humas.roles import Role
from tests.factories.media_events import CoverageItemFactory, OutletFactory
from tests.factories.releases import PublishedReleaseFactory

pytestmark = pytest.mark.django_db
JKT = ZoneInfo("Asia/Jakarta")
MONTHLY = reverse("media_relations:coverage-monthly")


def november(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=JKT)


def test_monthly_report_counts_by_tone_and_draws_charts(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    radar = OutletFactory(name="Radar Harapan")
    CoverageItemFactory(outlet=radar, published_at=november(3), tone="positive")
    CoverageItemFactory(outlet=radar, published_at=november(3), tone="negative")
    CoverageItemFactory(outlet=None, outlet_name="Koran Lokal", published_at=november(30, 23), tone="neutral")
    CoverageItemFactory(published_at=datetime(2026, 12, 1, 0, 30, tzinfo=JKT))  # next month in Jakarta
    CoverageItemFactory(published_at=datetime(2026, 10, 31, 23, 0, tzinfo=JKT))
    response = client.get(MONTHLY, {"bulan": "2026-11"})
    body = response.content.decode()
    assert "November 2026: 3 pemberitaan" in body
    assert 'data-tone="positive">1<' in body and 'data-tone="negative">1<' in body
    assert body.count('class="coverage-bar"') >= 3 and "<svg" in body
    assert "Radar Harapan" in body and "Koran Lokal" in body
    days = dict(response.context["days"])
    assert days["3"] == {"positive": 1, "negative": 1} and days["30"] == {"neutral": 1}


def test_monthly_report_queries_do_not_grow(client, login_as, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    CoverageItemFactory(published_at=november(2))
    client.get(MONTHLY, {"bulan": "2026-11"})  # warm the session and permission caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(MONTHLY, {"bulan": "2026-11"})
    for day in range(1, 29):
        CoverageItemFactory(published_at=november(day), outlet=OutletFactory(), tone=["positive", "negative"][day % 2])
    with django_assert_num_queries(len(few)):
        assert client.get(MONTHLY, {"bulan": "2026-11"}).status_code == 200


def test_monthly_exports_csv_xlsx_pdf(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    CoverageItemFactory(published_at=november(5), tone="positive")
    csv_text = client.get(MONTHLY, {"bulan": "2026-11", "unduh": "csv"}).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "Tanggal,Positif,Netral,Negatif,Jumlah"
    assert "2026-11-05,1,0,0,1" in csv_text
    xlsx = client.get(MONTHLY, {"bulan": "2026-11", "unduh": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[6]] == ["2026-11-05", 1, 0, 0, 1]
    pdf = client.get(MONTHLY, {"bulan": "2026-11", "unduh": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")


def test_release_report_shows_outlets_hours_and_tone(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    release = PublishedReleaseFactory(publish_at=november(10, 8))
    CoverageItemFactory(release=release, outlet=OutletFactory(name="Cepat Daring"), published_at=november(10, 10))
    CoverageItemFactory(release=release, outlet=OutletFactory(name="Koran Besok"), published_at=november(11, 8),
                        tone="positive")  # fmt: skip
    CoverageItemFactory(title="Tidak terkait")
    response = client.get(reverse("media_relations:coverage-release", args=[release.pk]))
    body = response.content.decode()
    assert "Dimuat oleh 2 media." in body and "Tidak terkait" not in body
    assert [row["hours"] for row in response.context["rows"]] == [2.0, 24.0]
    assert "<svg" in body
    csv_text = client.get(reverse("media_relations:coverage-release", args=[release.pk]), {"unduh": "csv"}).content
    assert "Cepat Daring" in csv_text.decode("utf-8-sig")
    assert (
        client.get(reverse("media_relations:coverage-release", args=[release.pk]), {"unduh": "pdf"}).content[:5]
        == b"%PDF-"
    )
    listing = client.get(reverse("media_relations:coverage-releases")).content.decode()
    assert release.title in listing


def test_outlet_report_by_month(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    outlet = OutletFactory(name="Radar Harapan")
    CoverageItemFactory(outlet=outlet, published_at=november(3), tone="positive")
    CoverageItemFactory(outlet=outlet, published_at=datetime(2026, 9, 3, tzinfo=JKT), tone="negative")
    url = reverse("media_relations:coverage-outlet", args=[outlet.pk])
    response = client.get(url, {"bulan": "2026-11"})
    months = dict(response.context["months"])
    assert months["Nov 26"] == {"positive": 1} and months["Sep 26"] == {"negative": 1}
    assert "2 pemberitaan tercatat." in response.content.decode()
    xlsx = client.get(url, {"bulan": "2026-11", "unduh": "xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[0] == ("Bulan", "Positif", "Netral", "Negatif", "Jumlah") and ("Nov 26", 1, 0, 0, 1) in rows
    assert "Radar Harapan" in client.get(reverse("media_relations:coverage-outlets")).content.decode()


def test_report_lists_keep_query_count(client, login_as, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    for _ in range(3):
        CoverageItemFactory(release=PublishedReleaseFactory())
    urls = [reverse("media_relations:coverage-list"), reverse("media_relations:coverage-outlets"),
            reverse("media_relations:coverage-releases")]  # fmt: skip
    for url in urls:
        with django_assert_max_num_queries(10):
            client.get(url)
    for _ in range(20):
        CoverageItemFactory(release=PublishedReleaseFactory())
    for url in urls:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_dashboard_shows_this_months_coverage_and_tone(client, login_as) -> None:  # type: ignore[no-untyped-def]
    user = login_as(Role.MEDIA_OFFICER)
    with time_machine.travel(november(20)):
        CoverageItemFactory(published_at=november(2), tone="positive")
        CoverageItemFactory(published_at=november(19), tone="negative")
        CoverageItemFactory(published_at=november(1) - timedelta(days=2))
        body = client.get(reverse("humas:dashboard")).content.decode()
    assert "Pemberitaan dan jumpa pers" in body
    from humas.dashboard import panels_for

    with time_machine.travel(november(20)):
        panel = next(p for p in panels_for(user) if p.title == "Pemberitaan dan jumpa pers")
    assert [(c.label, c.value) for c in panel.counters] == [
        ("Kliping bulan ini", 2), ("Positif", 1), ("Netral", 0), ("Negatif", 1)
    ]  # fmt: skip


def test_writer_cannot_open_coverage_reports(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.WRITER)
    assert client.get(MONTHLY).status_code == 403


def test_release_export_defuses_spreadsheet_formulas_in_titles(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    release = PublishedReleaseFactory()
    CoverageItemFactory(release=release, title='=HYPERLINK("http://jahat.example","klik")')
    content = client.get(reverse("media_relations:coverage-release", args=[release.pk]), {"unduh": "csv"}).content
    assert "'=HYPERLINK" in content.decode("utf-8-sig")
