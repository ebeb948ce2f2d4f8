"""In a real browser (Chromium against gunicorn, strict CSP, real Celery worker): a citizen files
an information request with a KTP scan, follows the tracking link, an officer answers it in the
staff pages, and the citizen reads the answer letter and files an objection."""

from __future__ import annotations

import re

import pytest

from humas.roles import Role
from ppid.models import InfoRequest, Objection, RequesterEmail
from tests.e2e.conftest import sign_in
from tests.factories.humas import staff_user
from tests.factories.ppid import VALID_NIK, DipItemFactory, ExemptDipItemFactory
from tests.helpers import image_bytes, pdf_bytes

pytestmark = pytest.mark.e2e


def _wait_until(check, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_citizen_files_tracks_gets_the_answer_letter_and_objects(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    officer = staff_user(Role.PPID_OFFICER)
    page.goto("/ppid/")
    page.get_by_role("link", name="Isi formulir").click()
    page.get_by_label("Jenis pemohon").select_option("individual")
    page.get_by_label("Nama lengkap").fill("Budi Santoso")
    page.get_by_label("NIK", exact=False).first.fill(VALID_NIK)
    page.get_by_label("Alamat").fill("Jl. Kenanga 3, Harapan Jaya")
    page.get_by_label("Nomor telepon").fill("081298765432")
    page.get_by_label("Surel").fill("budi@example.id")
    page.get_by_label("Pekerjaan").fill("Guru")
    page.get_by_label("Rincian informasi yang dibutuhkan").fill("Daftar penerima beasiswa daerah 2026")
    page.get_by_label("Tujuan penggunaan informasi").fill("Penelitian")
    page.get_by_label("Cara memperoleh informasi").select_option("soft_copy")
    page.get_by_label("Cara mendapatkan salinan informasi").select_option("email")
    scan = tmp_path / "ktp.jpg"
    scan.write_bytes(image_bytes(1200, 760))
    page.get_by_label("Dokumen identitas").set_input_files(str(scan))
    page.wait_for_timeout(2200)  # the spam trap refuses forms sent within two seconds
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_url(re.compile(r".*/ppid/lacak/\d+/[\w-]+/$"))
    tracking = page.url
    req = InfoRequest.objects.get()
    assert page.get_by_text(req.number).first.is_visible()
    assert page.get_by_text("Permohonan Anda telah diterima").is_visible()
    receipt = page.request.get(tracking + "tanda-bukti.pdf")
    assert receipt.ok and receipt.body().startswith(b"%PDF")
    # The confirmation went through Redis to the real worker, which sent it and marked it.
    _wait_until(lambda: RequesterEmail.objects.filter(request=req, sent_at__isnull=False).exists())
    assert page.problems.serious == [], page.problems.serious

    # An officer works it in the staff pages.
    officer_page = page.context.browser.new_page(base_url=page.url.split("/ppid/")[0])
    sign_in(officer_page, officer)
    officer_page.get_by_role("link", name="Permohonan informasi").first.click()
    officer_page.get_by_role("link", name=req.number).click()
    officer_page.get_by_role("button", name="Tandai sedang diproses").click()
    officer_page.get_by_text("Status permohonan diperbarui").wait_for()
    officer_page.get_by_label("Putusan").select_option("partly_granted")
    officer_page.get_by_label("Isi pemberitahuan tertulis").fill("Daftar penerima terlampir; data NIK tidak diberikan.")
    letter = tmp_path / "daftar.pdf"
    letter.write_bytes(pdf_bytes("Daftar penerima beasiswa"))
    officer_page.get_by_label("Dokumen yang diberikan").set_input_files(str(letter))
    officer_page.get_by_role("button", name="Kirim jawaban").click()
    officer_page.get_by_text("Status permohonan diperbarui: Dijawab").wait_for()
    officer_page.screenshot(path=str(tmp_path / "officer.png"))
    officer_page.close()

    # The citizen sees the answer, downloads the letter and the document, and objects.
    page.goto(tracking)
    assert page.get_by_text("Dikabulkan sebagian").first.is_visible()
    notice = page.request.get(tracking + "pemberitahuan.pdf")
    assert notice.ok and notice.body().startswith(b"%PDF")
    document = page.request.get(page.get_by_role("link", name="daftar.pdf").get_attribute("href"))
    assert document.ok and document.body().startswith(b"%PDF")
    page.get_by_label("e. Tidak dipenuhinya permohonan informasi").check()
    page.get_by_label("Uraian keberatan").fill("NIK penerima memang tidak saya perlukan, tetapi nama sekolahnya ya.")
    page.get_by_role("button", name="Ajukan keberatan").click()
    page.get_by_text("Keberatan Anda telah dicatat.").wait_for()
    objection = Objection.objects.get()
    assert objection.reasons == ["e"] and objection.request_id == req.pk
    assert page.get_by_text(objection.number).first.is_visible()
    assert page.problems.serious == [], page.problems.serious


def test_public_ppid_pages_have_no_serious_accessibility_violation_and_fit_a_phone(page) -> None:  # type: ignore[no-untyped-def]
    from ppid.services import dip_document_add
    from tests.e2e.conftest import axe_violations, has_horizontal_scroll
    from tests.factories.ppid import submit
    from tests.helpers import pdf_upload

    item = DipItemFactory(summary="Laporan realisasi anggaran daerah tahun 2025 beserta catatan atas laporan keuangan")
    dip_document_add(item_id=item.pk, actor=staff_user(Role.PPID_OFFICER), title="LRA 2025", upload=pdf_upload())
    ExemptDipItemFactory()
    submitted = submit()
    paths = [
        "/ppid/",
        "/ppid/permohonan/",
        "/ppid/dip/",
        "/ppid/dip/?kategori=dikecualikan",
        "/ppid/layanan/",
        "/ppid/kinerja/",
        f"/ppid/status/?nomor={submitted.request.number}",
        f"/ppid/lacak/{submitted.request.pk}/{submitted.token}/",
    ]
    for path in paths:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(path)
        assert axe_violations(page) == [], path
        page.set_viewport_size({"width": 360, "height": 800})
        page.goto(path)
        assert not has_horizontal_scroll(page), path
    assert page.problems.serious == [], page.problems.serious
    # The form with its error messages, as a requester who forgot the scan sees it (answered 400).
    page.goto("/ppid/permohonan/")
    page.wait_for_timeout(2200)
    page.get_by_role("button", name="Kirim permohonan").click()
    page.get_by_text("Periksa kembali isian yang ditandai").wait_for()
    assert axe_violations(page) == []
    assert not has_horizontal_scroll(page)
    assert page.problems.errors == []
