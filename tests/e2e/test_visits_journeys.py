"""In a real browser (Chromium against gunicorn, strict CSP, a real Celery worker): a delegation
finds an available day and requests a visit with its letter, the coordinator confirms it with a
room and a host, and the delegation's link then shows the confirmation, its QR code and letter."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from humas.roles import Role
from tests.e2e.conftest import sign_in
from tests.factories.humas import staff_user
from tests.factories.visits import RoomFactory, TopicFactory
from tests.helpers import pdf_bytes
from tests.helpers import pdf_upload as _pdf_upload
from visits.availability import Availability
from visits.models import Visit, VisitEmail, VisitStatus

pytestmark = pytest.mark.e2e


def _first_available_day():  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    span = Availability(today, today + timedelta(days=60), today=today)
    return next(today + timedelta(days=n) for n in range(1, 60) if span.status(today + timedelta(days=n)).is_available)


def _request_visit(page, tmp_path) -> str:  # type: ignore[no-untyped-def]
    day = _first_available_day()
    page.goto("/kunjungan/kalender/")
    page.locator(f'a[href="/kunjungan/permohonan/?tanggal={day:%Y-%m-%d}"]').click()
    page.wait_for_url("**/kunjungan/permohonan/**")
    page.get_by_label("Nama instansi").fill("DPRD Kabupaten Sukamaju")
    page.get_by_label("Jenis instansi").select_option(label="DPRD daerah lain")
    page.get_by_label("Nama ketua rombongan").fill("H. Ahmad Fauzi")
    page.get_by_label("Jabatan ketua rombongan").fill("Ketua Komisi I")
    page.get_by_label("Nama narahubung").fill("Rina Marlina")
    page.get_by_label("Telepon narahubung").fill("0812 3456 7890")
    page.get_by_label("Surel narahubung").fill("rina@dprd-sukamaju.go.id")
    page.get_by_label("Jumlah peserta").fill("12")
    page.get_by_label("Maksud dan tujuan kunjungan").fill("Studi banding pengelolaan media sosial")
    page.get_by_label("Media sosial").check()
    page.get_by_label("Jam mulai").fill("09:00")
    letter = tmp_path / "surat-permohonan.pdf"
    letter.write_bytes(pdf_bytes())
    page.get_by_label("Surat permohonan (PDF)").set_input_files(str(letter))
    page.locator("#id_participants_text").fill("H. Ahmad Fauzi, Ketua Komisi I\nDedi Supriadi, Anggota")
    page.wait_for_timeout(2100)  # the spam trap refuses forms sent within two seconds
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_url("**/kunjungan/status/**")
    page.get_by_text("Diajukan", exact=True).wait_for()
    return page.url


def test_delegation_requests_coordinator_confirms_delegation_gets_confirmation(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    RoomFactory(name="Ruang Rapat Humas", capacity=25)
    TopicFactory(name="Media sosial")
    coordinator = staff_user(Role.VISIT_COORDINATOR, first_name="Andi", last_name="Pratama")
    status_url = _request_visit(page, tmp_path)
    visit = Visit.objects.get()
    assert visit.holds_slot and visit.participants.count() == 2
    assert page.problems.serious == [], page.problems.serious

    page.context.clear_cookies()
    sign_in(page, coordinator)
    page.goto("/kunjungan/staf/")
    page.get_by_role("link", name=visit.reference).click()
    form = page.locator("#form-setujui")
    form.get_by_label("Andi Pratama").check()
    form.get_by_label("Agenda").fill("Paparan pengelolaan media sosial dan diskusi")
    form.get_by_role("button", name="Setujui").click()
    page.get_by_text("Kunjungan dikonfirmasi", exact=False).first.wait_for()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CONFIRMED and list(visit.hosts.all()) == [coordinator]
    assert page.problems.serious == [], page.problems.serious

    # The worker process sends the confirmation with its invite and letter.
    page.wait_for_timeout(500)
    for _attempt in range(60):
        if not VisitEmail.objects.filter(sent_at=None).exists():
            break
        page.wait_for_timeout(500)
    assert not VisitEmail.objects.filter(sent_at=None).exists()
    confirmation = VisitEmail.objects.filter(ics__contains="METHOD:REQUEST", attach_letter=True).get()
    assert confirmation.to == ["rina@dprd-sukamaju.go.id"]

    page.context.clear_cookies()
    page.goto(status_url)
    page.get_by_text("Dikonfirmasi", exact=True).wait_for()
    assert page.get_by_role("img", name="Kode QR kedatangan").is_visible()
    letter = page.request.get(status_url + "surat-balasan.pdf")
    assert letter.ok and letter.body().startswith(b"%PDF")
    invite = page.request.get(status_url + "undangan.ics")
    assert b"BEGIN:VEVENT" in invite.body()
    assert page.problems.serious == [], page.problems.serious


def test_visit_pages_have_no_serious_accessibility_violation_and_fit_a_phone(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.e2e.conftest import OUTPUT, axe_violations, has_horizontal_scroll, sign_in
    from tests.factories.visits import visit_data
    from visits import services

    RoomFactory(name="Ruang Rapat Humas", capacity=25)
    TopicFactory(name="Media sosial")
    # Made in the test process: gunicorn's content-type cache is stale after the previous test's
    # flush, so this test only reads through the browser.
    day = _first_available_day()
    start = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time())) + timedelta(hours=9)
    submitted = services.visit_submit(
        data=visit_data(preferred_start=start, participants_count=12), request_letter=_pdf_upload()
    )
    status_url = services.status_path(submitted.visit, submitted.token)
    for path in ["/kunjungan/", "/kunjungan/kalender/", "/kunjungan/permohonan/", status_url]:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(path)
        assert axe_violations(page) == [], path
        page.set_viewport_size({"width": 360, "height": 800})
        page.goto(path)
        assert not has_horizontal_scroll(page), path
    visit = Visit.objects.get()
    sign_in(page, staff_user(Role.VISIT_COORDINATOR))
    for path in [
        "/kunjungan/staf/",
        f"/kunjungan/staf/{visit.pk}/",
        "/kunjungan/staf/kedatangan/",
        "/kunjungan/staf/kalender/",
        "/kunjungan/staf/statistik/",
        "/kunjungan/staf/libur/",
    ]:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(path)
        assert axe_violations(page) == [], path
        name = path.strip("/").replace("/", "-")
        page.screenshot(path=str(OUTPUT / f"visits-{name}.png"), full_page=True)
        page.set_viewport_size({"width": 360, "height": 800})
        page.goto(path)
        if path.endswith("kedatangan/"):
            assert not has_horizontal_scroll(page), path  # the check-in page is used on a phone
    assert page.problems.serious == [], page.problems.serious
