"""In a real browser (Chromium against gunicorn, strict CSP): a writer drafts a release with
CKEditor 5 and a photo, a Redaktur approves and publishes it, and the public sees it."""

from __future__ import annotations

import pytest

from humas.roles import Role
from releases.models import Release
from tests.factories.humas import UnitFactory, staff_user
from tests.helpers import image_bytes

pytestmark = pytest.mark.e2e


def _sign_in(page, user) -> None:  # type: ignore[no-untyped-def]
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill("kata-sandi-uji-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/staf/")


def test_writer_drafts_with_ckeditor_and_photo_redaktur_publishes_public_sees_it(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    UnitFactory(short_name="Dinkes", name="Dinas Kesehatan")
    writer, editor = staff_user(Role.WRITER), staff_user(Role.EDITOR)
    _sign_in(page, writer)
    page.get_by_role("link", name="Ruang Redaksi").click()
    page.get_by_role("link", name="Tulis siaran pers").click()
    page.get_by_label("Judul").fill("Posyandu Serentak di Seluruh Kelurahan")
    page.get_by_label("Ringkasan / teras berita").fill("Dinas Kesehatan memantau tumbuh kembang balita.")
    page.get_by_label("Unit penerbit (OPD)").select_option(label="Dinas Kesehatan")
    editable = page.locator(".ck-editor__editable")
    editable.wait_for(timeout=15000)  # CKEditor 5 started from its static bundle under the CSP
    editable.click()
    page.keyboard.type("Kegiatan melibatkan 1.500 kader posyandu.")
    page.get_by_role("button", name="Pratinjau").click()
    preview = page.locator("#preview-pane")
    preview.get_by_text("Kegiatan melibatkan 1.500 kader posyandu.").wait_for(timeout=10000)
    assert preview.get_by_role("heading", name="Posyandu Serentak di Seluruh Kelurahan").is_visible()
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/redaksi/*/")
    photo = tmp_path / "posyandu.jpg"
    photo.write_bytes(image_bytes(1600, 1000))
    page.get_by_label("Foto (JPEG, PNG, atau WebP)").set_input_files(str(photo))
    page.get_by_label("Teks alternatif").fill("Kader menimbang balita")
    page.get_by_role("button", name="Unggah foto").click()
    page.get_by_text("Foto tersimpan.").wait_for()
    page.get_by_role("button", name="Ajukan untuk ditelaah").click()
    page.get_by_text("Dalam telaah", exact=False).first.wait_for()
    assert page.problems.serious == [], page.problems.serious

    release = Release.objects.get()
    assert "<p>Kegiatan melibatkan 1.500 kader posyandu.</p>" in release.body
    page.context.clear_cookies()
    _sign_in(page, editor)
    page.goto(f"/siaran-pers/redaksi/{release.pk}/")
    page.get_by_role("button", name="Setujui").click()
    page.get_by_role("button", name="Terbitkan").click()
    page.get_by_text("Terbit", exact=True).first.wait_for()
    page.context.clear_cookies()
    page.goto("/siaran-pers/")
    page.get_by_role("link", name="Posyandu Serentak di Seluruh Kelurahan").click()
    assert page.get_by_role("img", name="Kader menimbang balita").is_visible()
    assert page.problems.serious == [], page.problems.serious
