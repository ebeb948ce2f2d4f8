"""Ruang Redaksi in the browser's place: permissions, the editor, transitions, uploads."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from humas.models import User
from humas.roles import Role
from releases.models import BodyImage, Release
from releases.services import release_approve, release_submit
from tests.factories.humas import UnitFactory, UserFactory, staff_user
from tests.factories.releases import PublishedReleaseFactory, ReleaseFactory, add_image
from tests.helpers import image_upload
from tests.humas.test_permissions import assert_matrix

pytestmark = pytest.mark.django_db
Status = Release.Status
# The visit coordinator reads the newsroom and starts drafts: a visit's report becomes one.
READERS = {Role.WRITER, Role.EDITOR, Role.HUMAS_ADMIN, Role.MEDIA_OFFICER, Role.VISIT_COORDINATOR}


def test_staff_pages_follow_the_permission_matrix() -> None:
    release = ReleaseFactory()
    assert_matrix(
        {
            reverse("releases:staff-list"): READERS,
            reverse("releases:staff-queue"): {Role.EDITOR},
            reverse("releases:staff-create"): {Role.WRITER, Role.EDITOR, Role.VISIT_COORDINATOR},
            reverse("releases:staff-detail", args=[release.pk]): READERS,
            reverse("releases:staff-edit", args=[release.pk]): {Role.WRITER, Role.EDITOR},
            reverse("releases:staff-preview", args=[release.pk]): READERS,
            reverse("releases:staff-revisions", args=[release.pk]): READERS,
        }
    )


def _post_release(client: Client, url: str, **extra: str) -> object:
    data = {
        "title": "Pemkot Buka Pendaftaran Beasiswa Pelajar Berprestasi",
        "lead": "Pendaftaran dibuka hingga akhir bulan bagi pelajar SMA dan SMK.",
        "body": '<h2>Syarat</h2><p>Rapor dua semester terakhir.</p><p onclick="x()">Kuota 200 pelajar.</p>',
        "dateline_place": "Harapan Jaya",
        "unit": str(UnitFactory(short_name="Disdik").pk),
        "language": "id",
        "tags_text": "pendidikan, beasiswa",
        "kontak-TOTAL_FORMS": "1",
        "kontak-INITIAL_FORMS": "0",
        "kontak-MIN_NUM_FORMS": "0",
        "kontak-MAX_NUM_FORMS": "6",
        "kontak-0-name": "Rina Wulandari",
        "kontak-0-role": "Pranata Humas",
        "kontak-0-phone": "0812 1111 2222",
        "kontak-0-email": "rina@harapanjaya.go.id",
        **extra,
    }
    return client.post(url, data)


def test_writer_drafts_in_the_editor_and_a_redaktur_approves_and_publishes(
    client: Client, login_as: Callable[[Role], User]
) -> None:
    writer = login_as(Role.WRITER)
    page = client.get(reverse("releases:staff-create"))
    html = page.content.decode()
    assert "django_ckeditor_5/dist/bundle.js" in html and "releases/editor.js" in html
    response = _post_release(client, reverse("releases:staff-create"))
    release = Release.objects.get()
    assert response["Location"] == reverse("releases:staff-detail", args=[release.pk])
    assert release.author == writer and "onclick" not in release.body and "<h2>Syarat</h2>" in release.body
    assert sorted(release.tags.values_list("slug", flat=True)) == ["beasiswa", "pendidikan"]
    assert release.media_contacts.get().email == "rina@harapanjaya.go.id"
    client.post(reverse("releases:staff-image-add", args=[release.pk]), {"file": image_upload(), "alt_text": "Pelajar"})
    assert release.images.count() == 1
    detail = client.get(reverse("releases:staff-detail", args=[release.pk])).content.decode()
    assert "Ajukan untuk ditelaah" in detail and "Setujui" not in detail
    client.post(reverse("releases:staff-transition", args=[release.pk, "submit"]), {"text": ""})
    assert Release.objects.get().status == Status.IN_REVIEW
    # The writer has no approve button and the server refuses a forged request.
    client.post(reverse("releases:staff-transition", args=[release.pk, "approve"]), {"text": ""})
    assert Release.objects.get().status == Status.IN_REVIEW

    client.force_login(staff_user(Role.EDITOR))
    detail = client.get(reverse("releases:staff-detail", args=[release.pk])).content.decode()
    assert "Setujui" in detail and "Minta perbaikan" in detail
    client.post(reverse("releases:staff-transition", args=[release.pk, "approve"]), {"text": "Oke"})
    client.post(reverse("releases:staff-transition", args=[release.pk, "publish"]), {"text": ""})
    release.refresh_from_db()
    assert release.status == Status.PUBLISHED
    public = Client().get(release.get_absolute_url())
    assert public.status_code == 200 and "Pemkot Buka Pendaftaran Beasiswa" in public.content.decode()


def test_redaktur_who_wrote_the_release_sees_no_approve_button(
    client: Client, login_as: Callable[[Role], User]
) -> None:
    editor = login_as(Role.EDITOR)
    release = ReleaseFactory(author=editor, last_edited_by=editor)
    release_submit(release_id=release.pk, actor=editor)
    html = client.get(reverse("releases:staff-detail", args=[release.pk])).content.decode()
    assert ">Setujui<" not in html and "empat mata" in html
    client.post(reverse("releases:staff-transition", args=[release.pk, "approve"]), {"text": ""}, follow=True)
    assert Release.objects.get(pk=release.pk).status == Status.IN_REVIEW


def test_editor_page_has_no_inline_script_under_the_csp(client: Client, login_as: Callable[[Role], User]) -> None:
    login_as(Role.WRITER)
    response = client.get(reverse("releases:staff-edit", args=[ReleaseFactory().pk]))
    html = response.content.decode()
    scripts = re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", html)
    assert scripts == []
    assert "style=" not in html and " onclick=" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert 'id="id_body_script-span" hidden>{' in html  # the editor's configuration, as text


def test_live_preview_renders_the_unsaved_text_sanitised(client: Client, login_as: Callable[[Role], User]) -> None:
    login_as(Role.WRITER)
    release = ReleaseFactory()
    response = client.post(
        reverse("releases:staff-live-preview"),
        {
            "release": str(release.pk),
            "title": "Judul Belum Disimpan",
            "lead": "Ringkasan baru",
            "body": "<p>Isi baru</p><script>alert(1)</script>",
            "unit": str(release.unit_id),
            "language": "id",
        },
    )
    html = response.content.decode()
    assert "Judul Belum Disimpan" in html and "Isi baru" in html and "alert(1)" not in html
    assert Release.objects.get(pk=release.pk).title != "Judul Belum Disimpan"


def test_editor_image_upload_is_staff_only_and_checked(client: Client, login_as: Callable[[Role], User]) -> None:
    url = reverse("releases:editor-image-upload")
    client.force_login(UserFactory())  # signed in, not staff
    assert client.post(url, {"upload": image_upload()}).status_code == 403
    login_as(Role.WRITER)
    refused = client.post(url, {"upload": _fake_jpg()})
    assert refused.status_code == 400 and "bukan gambar" in refused.json()["error"]["message"]
    assert not BodyImage.objects.exists()
    accepted = client.post(url, {"upload": image_upload()})
    assert accepted.status_code == 200 and accepted.json()["url"].startswith("/unggahan/siaran-pers/gambar/")


def _fake_jpg() -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("foto.jpg", b"MZ\x90\x00 bukan foto", content_type="image/jpeg")


def test_editing_an_approved_release_in_the_browser_sends_it_back(
    client: Client, login_as: Callable[[Role], User]
) -> None:
    writer = login_as(Role.WRITER)
    release = ReleaseFactory(author=writer)
    release_submit(release_id=release.pk, actor=writer)
    release_approve(release_id=release.pk, actor=staff_user(Role.EDITOR))
    response = _post_release(client, reverse("releases:staff-edit", args=[release.pk]), title="Judul Baru")
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.status == Status.IN_REVIEW and release.title == "Judul Baru"


def test_revisions_page_shows_a_readable_diff(client: Client, login_as: Callable[[Role], User]) -> None:
    writer = login_as(Role.WRITER)
    release = ReleaseFactory(author=writer, title="Taman Kota Dibuka")
    release_submit(release_id=release.pk, actor=writer)
    _post_release(client, reverse("releases:staff-edit", args=[release.pk]), title="Taman Kota Resmi Dibuka")
    html = client.get(reverse("releases:staff-revisions", args=[release.pk]) + "?a=1&b=2").content.decode()
    assert 'Taman Kota <ins class="diff-added">Resmi </ins>Dibuka' in html
    assert '<del class="diff-removed">' in html  # the lead changed too


def test_published_release_offers_correction_and_withdrawal_to_redaktur_only(
    client: Client, login_as: Callable[[Role], User]
) -> None:
    release = PublishedReleaseFactory()
    login_as(Role.WRITER)
    html = client.get(reverse("releases:staff-detail", args=[release.pk])).content.decode()
    assert "Tarik siaran pers" not in html
    assert client.get(reverse("releases:staff-correct", args=[release.pk])).status_code == 403
    login_as(Role.EDITOR)
    html = client.get(reverse("releases:staff-detail", args=[release.pk])).content.decode()
    assert "Tarik siaran pers" in html and "Ralat" in html
    client.post(reverse("releases:staff-transition", args=[release.pk, "withdraw"]), {"text": ""})
    assert Release.objects.get(pk=release.pk).status == Status.PUBLISHED  # reason required
    client.post(reverse("releases:staff-transition", args=[release.pk, "withdraw"]), {"text": "Data keliru"})
    assert Release.objects.get(pk=release.pk).status == Status.WITHDRAWN


def test_dashboard_shows_what_waits_for_each_user(client: Client, login_as: Callable[[Role], User]) -> None:
    editor = login_as(Role.EDITOR)
    for _ in range(2):
        release = ReleaseFactory()
        release_submit(release_id=release.pk, actor=release.author)
    own = ReleaseFactory(author=editor, last_edited_by=editor)
    release_submit(release_id=own.pk, actor=editor)
    html = client.get(reverse("humas:dashboard")).content.decode()
    match = re.search(r'counter-value text-warning">(\d+)</div>\s*<a href="/siaran-pers/redaksi/telaah/"', html)
    assert match and match.group(1) == "2"


def test_staff_detail_query_count_does_not_grow_with_images(
    client: Client, login_as: Callable[[Role], User], django_assert_max_num_queries: object
) -> None:
    login_as(Role.EDITOR)
    release = ReleaseFactory()
    add_image(release)
    with django_assert_max_num_queries(40) as one:  # type: ignore[operator]
        client.get(reverse("releases:staff-detail", args=[release.pk]))
    for _ in range(4):
        add_image(release)
    with django_assert_max_num_queries(len(one.captured_queries)):  # type: ignore[operator]
        client.get(reverse("releases:staff-detail", args=[release.pk]))


def test_workspace_filters_by_status_unit_author_and_date(client: Client, login_as: Callable[[Role], User]) -> None:
    me = login_as(Role.WRITER)
    mine = ReleaseFactory(author=me, title="Draf Milik Saya")
    other_unit = UnitFactory(short_name="Dishub")
    theirs = ReleaseFactory(title="Draf Dinas Perhubungan", unit=other_unit)
    published = PublishedReleaseFactory(title="Sudah Terbit")
    url = reverse("releases:staff-list")

    def shown(query: str) -> set[str]:
        html = client.get(f"{url}?{query}").content.decode()
        return {r.title for r in (mine, theirs, published) if r.title in html}

    assert shown("") == {mine.title, theirs.title, published.title}
    assert shown("status=published") == {published.title}
    assert shown(f"unit={other_unit.pk}") == {theirs.title}
    assert shown("penulis=saya") == {mine.title}
    assert shown(f"penulis={theirs.author.last_name}") == {theirs.title}
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert shown(f"dari={tomorrow}") == set()


@pytest.mark.parametrize("count", [1, 30])
def test_workspace_query_count_is_constant(
    client: Client, login_as: Callable[[Role], User], count: int, django_assert_max_num_queries: object
) -> None:
    login_as(Role.EDITOR)
    for _ in range(count):
        ReleaseFactory()
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client.get(reverse("releases:staff-list")).status_code == 200
