"""In a real browser (Chromium against gunicorn, strict CSP): a writer drafts a release with
CKEditor 5 and a photo, a Redaktur approves and publishes it, and the public sees it."""

from __future__ import annotations

import time

import pytest

from humas.roles import Role
from releases.models import Release
from tests.e2e.conftest import sign_in
from tests.factories.humas import UnitFactory, staff_user
from tests.helpers import image_bytes

pytestmark = pytest.mark.e2e


def test_writer_drafts_with_ckeditor_and_photo_redaktur_publishes_public_sees_it(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    UnitFactory(short_name="Dinkes", name="Dinas Kesehatan")
    writer, editor = staff_user(Role.WRITER), staff_user(Role.EDITOR)
    sign_in(page, writer)
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
    sign_in(page, editor)
    page.goto(f"/siaran-pers/redaksi/{release.pk}/")
    page.get_by_role("button", name="Setujui").click()
    page.get_by_role("button", name="Terbitkan").click()
    page.get_by_text("Terbit", exact=True).first.wait_for()
    page.context.clear_cookies()
    page.goto("/siaran-pers/")
    page.get_by_role("link", name="Posyandu Serentak di Seluruh Kelurahan").click()
    assert page.get_by_role("img", name="Kader menimbang balita").is_visible()
    assert page.problems.serious == [], page.problems.serious
    _download_presskit(page, tmp_path)


def _download_presskit(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The worker beside the portal builds the kit after publication; until it is ready the
    link answers with a "being prepared" page, so a reader tries again as a person would."""
    import zipfile

    link = page.get_by_role("link", name="Unduh press kit")
    href = link.get_attribute("href")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        response = page.request.get(href)
        if response.status == 200:
            break
        assert response.status == 503, response.status
        time.sleep(1)
    else:
        raise AssertionError("the press kit was never built")
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as kit:
        names = kit.namelist()
    assert "metadata.json" in names and any(name.endswith(".pdf") for name in names), names


def _published_with_photo() -> Release:
    from releases.services import release_image_add
    from tests.factories.releases import MediaContactFactory, PublishedReleaseFactory
    from tests.helpers import image_upload

    release = PublishedReleaseFactory(title="Festival Budaya Digelar di Alun-Alun")
    release_image_add(
        release_id=release.pk,
        actor=staff_user(Role.EDITOR),
        file=image_upload(width=1600, height=1000),
        caption="Penari membuka festival",
        credit="Humas",
        alt_text="Penari di panggung alun-alun",
    )
    MediaContactFactory(release=release)
    return release


def test_newsroom_pages_have_no_serious_accessibility_violation_and_fit_a_phone(page) -> None:  # type: ignore[no-untyped-def]
    from tests.e2e.conftest import axe_violations, has_horizontal_scroll

    release = _published_with_photo()
    for path in ["/siaran-pers/", "/siaran-pers/?q=festival", release.get_absolute_url()]:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(path)
        assert axe_violations(page) == [], path
        page.set_viewport_size({"width": 360, "height": 800})
        page.goto(path)
        assert not has_horizontal_scroll(page), path
    assert page.problems.serious == [], page.problems.serious


def test_staff_release_pages_have_no_serious_accessibility_violation(page) -> None:  # type: ignore[no-untyped-def]
    from tests.e2e.conftest import axe_violations

    release = _published_with_photo()
    sign_in(page, staff_user(Role.EDITOR))
    for path in ["/siaran-pers/redaksi/", f"/siaran-pers/redaksi/{release.pk}/", "/siaran-pers/redaksi/baru/"]:
        page.goto(path)
        if path.endswith("baru/"):
            page.locator(".ck-editor__editable").wait_for(timeout=15000)
        assert axe_violations(page) == [], path
    assert page.problems.serious == [], page.problems.serious
