"""In a real browser (Chromium against gunicorn, strict CSP): a journalist registers with a
press-card photo, confirms the email, is verified by the media officer, signs in and downloads
an embargoed press kit (the download is logged)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from humas.roles import Role
from media_relations.models import AccountConfirmation, Journalist
from media_relations.services import hash_token
from releases.models import PressKitDownload
from tests.e2e.conftest import sign_in
from tests.factories.humas import staff_user
from tests.factories.media_relations import OutletFactory
from tests.helpers import image_bytes

pytestmark = pytest.mark.e2e
PASSWORD = "Kata-Sandi-Wartawan-2026!"


def _embargoed_release():  # type: ignore[no-untyped-def]
    from releases.presskit import presskit_build
    from tests.factories.releases import PublishedReleaseFactory

    release = PublishedReleaseFactory(
        title="APBD Perubahan 2027 Disepakati", embargo_until=timezone.now() + timedelta(hours=20)
    )
    assert presskit_build(release_id=release.pk)
    return release


def test_journalist_registers_is_verified_and_downloads_an_embargoed_press_kit(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.e2e.conftest import axe_violations, has_horizontal_scroll, sign_in

    OutletFactory(name="Harian Harapan Jaya")
    release = _embargoed_release()
    officer = staff_user(Role.MEDIA_OFFICER)

    # 1. Registration, on a phone-sized screen.
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/media/daftar/")
    assert not has_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert axe_violations(page) == []
    card = tmp_path / "kartu-pers.jpg"
    card.write_bytes(image_bytes(900, 560))
    page.get_by_label("Nama lengkap").fill("Rina Kartika")
    # "Media" and "Surel" also appear in the consent text's label: pick these two by id.
    page.locator("#id_outlet").select_option(label="Harian Harapan Jaya")
    page.locator("#id_email").fill("rina@harianharapanjaya.example.id")
    page.get_by_label("Nomor telepon").fill("0812-1111-0001")
    page.get_by_label("Nomor kartu pers").fill("PWI-0001")
    page.get_by_label("Penerbit kartu pers").fill("PWI Provinsi Jaya")
    page.get_by_label("Foto atau pindaian kartu pers").set_input_files(str(card))
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_label("Saya setuju", exact=False).check()
    time.sleep(2.2)  # the spam trap refuses forms sent within two seconds of loading
    page.get_by_role("button", name="Daftar").click()
    page.get_by_role("heading", name="Pendaftaran diterima").wait_for()
    journalist = Journalist.objects.get()
    assert journalist.consent_source == "registration" and not journalist.user.is_active

    # 2. The confirmation link. The mail went to gunicorn's in-memory outbox, which this process
    # cannot read; the link's token is only stored hashed, so the test sets a token it knows.
    AccountConfirmation.objects.filter(journalist=journalist).update(token_hash=hash_token("tautan-e2e"))
    page.goto("/media/konfirmasi/tautan-e2e/")
    page.get_by_role("button", name="Konfirmasi surel saya").click()
    page.get_by_text("Surel Anda telah dikonfirmasi").wait_for()

    # 3. The media officer verifies the press card.
    sign_in(page, officer.username, "kata-sandi-uji-123", "**/staf/")
    assert page.get_by_text("Menunggu verifikasi").first.is_visible()
    page.goto("/media/staf/?verifikasi=pending")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Rina Kartika").click()
    page.get_by_role("button", name="Verifikasi").click()
    page.get_by_text("telah diverifikasi dan diberi tahu lewat surel").wait_for()
    assert page.get_by_test_id("verification").inner_text().startswith("Terverifikasi")
    page.context.clear_cookies()

    # 4. The journalist signs in and downloads the embargoed press kit.
    sign_in(page, "rina@harianharapanjaya.example.id", PASSWORD, "**/")
    page.goto("/media/akun/press-kit/")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 800})
    assert not has_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.get_by_text("EMBARGO sampai", exact=False).first.is_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Unduh press kit: {release.title}").click()
    assert download_info.value.suggested_filename == f"press-kit-{release.slug}.zip"
    log = PressKitDownload.objects.get()
    assert log.user == Journalist.objects.get().user and log.before_embargo is True
    # The release page itself carries the embargo time.
    page.goto(release.get_absolute_url())
    assert page.get_by_text("EMBARGO: tidak untuk disiarkan sebelum", exact=False).is_visible()
    assert page.problems.serious == [], page.problems.serious


def test_media_officer_sends_a_release_to_a_list_and_watches_the_progress(page) -> None:  # type: ignore[no-untyped-def]
    from tests.e2e.conftest import axe_violations, has_horizontal_scroll
    from tests.factories.media_relations import DistributionListFactory, JournalistFactory
    from tests.factories.releases import PublishedReleaseFactory

    release = PublishedReleaseFactory(title="Pasar Rakyat Dibuka Kembali")
    members = [JournalistFactory() for _ in range(12)] + [JournalistFactory(consent_at=None, consent_source="")]
    DistributionListFactory(name="Wartawan Balai Kota", members=members)
    officer = staff_user(Role.MEDIA_OFFICER)
    sign_in(page, officer.username, "kata-sandi-uji-123", "**/staf/")
    page.goto("/media/staf/pengiriman/baru/")
    assert axe_violations(page) == []
    page.get_by_label("Siaran pers *").select_option(label=release.title)
    page.get_by_label("Daftar distribusi", exact=True).select_option(label="Wartawan Balai Kota")
    page.get_by_role("button", name="Kirim", exact=True).click()
    page.wait_for_url("**/media/staf/pengiriman/*/")
    progress = page.locator("#sending-progress")
    # progress.js polls the status endpoint until the worker has sent every batch.
    page.wait_for_function("() => document.getElementById('sending-progress').dataset.done === '1'", timeout=30000)
    assert progress.locator('[data-field="sent"]').inner_text() == "12"
    assert progress.locator('[data-field="skipped"]').inner_text() == "1"
    assert progress.locator('[data-field="status_label"]').inner_text() == "Selesai"
    assert page.get_by_text("Belum ada persetujuan").is_visible()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 800})
    assert not has_horizontal_scroll(page)
    assert page.problems.serious == [], page.problems.serious


def test_media_staff_and_journalist_pages_have_no_serious_accessibility_violation(page) -> None:  # type: ignore[no-untyped-def]
    from tests.e2e.conftest import axe_violations, has_horizontal_scroll
    from tests.factories.media_relations import BeatFactory, DistributionListFactory, VerifiedJournalistFactory

    journalist = VerifiedJournalistFactory(beats=[BeatFactory(name="Kesehatan")])
    group = DistributionListFactory(members=[journalist])
    sign_in(page, staff_user(Role.MEDIA_OFFICER).username, "kata-sandi-uji-123", "**/staf/")
    paths = [
        "/media/staf/",
        f"/media/staf/wartawan/{journalist.pk}/",
        "/media/staf/wartawan/baru/",
        "/media/staf/wartawan/impor/",
        "/media/staf/media/",
        "/media/staf/daftar-distribusi/",
        f"/media/staf/daftar-distribusi/{group.pk}/",
        "/media/staf/pengiriman/",
    ]
    for path in paths:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(path)
        assert axe_violations(page) == [], path
        page.set_viewport_size({"width": 360, "height": 800})
        assert not has_horizontal_scroll(page), path
    page.context.clear_cookies()
    journalist.user.set_password(PASSWORD)
    journalist.user.save()
    sign_in(page, journalist.user.username, PASSWORD, "**/")
    for path in ["/media/", "/media/akun/", "/media/akun/notifikasi/", "/media/akun/undangan/"]:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(path)
        assert axe_violations(page) == [], path
        page.set_viewport_size({"width": 360, "height": 800})
        assert not has_horizontal_scroll(page), path
    assert page.problems.serious == [], page.problems.serious
