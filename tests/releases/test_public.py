from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from humas.roles import Role
from releases.models import Release
from releases.services import release_create_draft
from tests.factories.humas import UnitFactory, staff_user
from tests.factories.releases import PublishedReleaseFactory, ReleaseFactory

pytestmark = pytest.mark.django_db


def test_only_published_releases_past_their_time_and_embargo_are_public(client: Client) -> None:
    now = timezone.now()
    shown = PublishedReleaseFactory(title="Jembatan Baru Dibuka")
    PublishedReleaseFactory(title="Masih Embargo", embargo_until=now + timedelta(hours=2))
    PublishedReleaseFactory(title="Belum Waktunya", publish_at=now + timedelta(hours=2))
    ReleaseFactory(title="Masih Draf")
    assert list(Release.objects.public()) == [shown]
    body = client.get("/siaran-pers/").content.decode()
    assert "Jembatan Baru Dibuka" in body
    assert "Masih Embargo" not in body and "Belum Waktunya" not in body and "Masih Draf" not in body


def test_a_draft_has_no_public_page(client: Client) -> None:
    draft = ReleaseFactory()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_created_by_another_app_is_sanitised_and_audited() -> None:
    writer = staff_user(Role.WRITER)
    release = release_create_draft(
        author=writer,
        unit=UnitFactory(),
        title="Kunjungan Kerja DPRD Kota Sejahtera",
        lead="Delegasi mempelajari layanan PPID.",
        body='<p onclick="alert(1)">Isi</p><script>alert(1)</script>',
    )
    assert release.status == Release.Status.DRAFT
    assert release.slug == "kunjungan-kerja-dprd-kota-sejahtera"
    assert "script" not in release.body and "onclick" not in release.body
    from humas.audit import history_for

    assert [entry.action for entry in history_for(release)] == ["releases.release.create"]
