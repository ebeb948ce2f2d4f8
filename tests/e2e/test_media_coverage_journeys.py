"""In a real browser (Chromium against gunicorn, strict CSP): a media officer logs a coverage item,
opens the monthly report and sees it in the chart; the check-in page works on a phone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from humas.roles import Role
from media_relations.models import CoverageItem
from tests.e2e.conftest import axe_violations, has_horizontal_scroll, sign_in
from tests.factories.humas import staff_user
from tests.factories.media_events import EventFactory, InvitationFactory, JournalistFactory, OutletFactory

pytestmark = pytest.mark.e2e


def test_officer_logs_coverage_and_sees_it_in_the_monthly_chart(page) -> None:  # type: ignore[no-untyped-def]
    officer = staff_user(Role.MEDIA_OFFICER)
    OutletFactory(name="Radar Harapan")
    sign_in(page, officer)
    page.get_by_role("link", name="Kliping", exact=True).click()
    page.get_by_role("link", name="Isi formulir").click()
    now = timezone.localtime() - timedelta(minutes=5)
    page.get_by_label("Tautan").fill("https://radar.example/kota/taman-baru")
    page.get_by_label("Judul berita").fill("Taman kota baru dibuka untuk warga")
    page.get_by_label("Media", exact=True).select_option(label="Radar Harapan")
    page.get_by_label("Waktu terbit").fill(now.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Jenis media").select_option(label="Daring")
    page.get_by_label("Nada pemberitaan").select_option(label="Positif")
    page.get_by_role("button", name="Simpan kliping").click()
    page.get_by_text("tercatat.").wait_for()
    assert CoverageItem.objects.get().tone == "positive"

    page.get_by_role("link", name="Laporan kliping").click()
    page.get_by_role("heading", name="Laporan kliping bulanan").wait_for()
    chart = page.locator('svg[data-chart="daily"] rect.coverage-bar')
    assert chart.count() == 1 and chart.first.is_visible()
    assert page.locator('[data-tone="positive"]').inner_text() == "1"
    assert "Radar Harapan" in page.locator("table").first.inner_text()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 800})
    assert not has_horizontal_scroll(page)
    assert page.problems.serious == [], page.problems.serious


def test_journalist_answers_by_link_and_is_checked_in_on_a_phone(page) -> None:  # type: ignore[no-untyped-def]
    # One test for both: gunicorn caches content types, which a flush between transactional tests renumbers.
    from media_relations.models import Invitation

    officer = staff_user(Role.MEDIA_OFFICER)
    now = timezone.now()
    event = EventFactory(starts_at=now + timedelta(minutes=3), ends_at=now + timedelta(hours=2))
    invitation = InvitationFactory(
        event=event, token="e2e-rsvp-abcdefghijklmnopqrstuvwxyz", journalist=JournalistFactory(name="Siti Rahma")
    )
    InvitationFactory(
        event=event, journalist=JournalistFactory(name="Joko Santoso"), response="maybe", responded_at=now
    )
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/media/undangan/e2e-rsvp-abcdefghijklmnopqrstuvwxyz/")
    page.get_by_text("Yth. Siti Rahma").wait_for()
    page.get_by_label("Hadir", exact=True).check()
    page.get_by_label("Jumlah kru pendamping").fill("2")
    assert axe_violations(page) == []
    assert not has_horizontal_scroll(page)
    page.get_by_role("button", name="Kirim jawaban").click()
    page.get_by_text("tercatat: Hadir").wait_for()
    invitation = Invitation.objects.get(pk=invitation.pk)
    assert (invitation.response, invitation.crew_count) == ("yes", 2)
    page.goto("/media/undangan/tidak-ada-token-seperti-ini/")
    assert page.get_by_text("Tautan undangan ini tidak dikenal").is_visible()

    sign_in(page, officer)
    page.goto(f"/media/acara/{event.pk}/kehadiran/")
    page.get_by_label("Cari nama wartawan atau media").fill("siti")
    page.get_by_role("button", name="Cari").click()
    assert page.get_by_text("Joko Santoso").count() == 0
    page.get_by_role("button", name="Catat Siti Rahma hadir").click()
    page.get_by_text("Siti Rahma tercatat hadir.").wait_for()
    assert not has_horizontal_scroll(page)
    assert axe_violations(page) == []
    assert Invitation.objects.get(pk=invitation.pk).checked_in_at is not None
    assert all("404" in line for line in page.problems.serious), page.problems.serious
