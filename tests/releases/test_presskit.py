"""Press kits: what the ZIP holds, who may download it, and the Celery task that builds it."""

from __future__ import annotations

import io
import json
import logging
import time
import xml.etree.ElementTree as ET
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from celery.signals import after_setup_logger
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from PIL import Image

from humas.roles import VERIFIED_JOURNALISTS, Role
from releases.models import PressKitDownload, Release
from releases.presskit import presskit_build
from releases.services import release_approve, release_attachment_add, release_publish, release_submit
from tests.factories.humas import UserFactory, staff_user
from tests.factories.releases import MediaContactFactory, PublishedReleaseFactory, ReleaseFactory, add_image
from tests.helpers import docx_bytes, image_upload, pdf_upload

Status = Release.Status


def _zip(response: Any) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _with_content(release: Release) -> Release:
    add_image(release, caption="Wali Kota menanam pohon", credit="Foto: Humas/Andi", alt_text="Wali Kota menanam pohon")
    add_image(release, upload=image_upload(width=3200, height=2000), caption="Warga ikut serta", credit="Humas")
    from django.core.files.uploadedfile import SimpleUploadedFile

    release_attachment_add(release_id=release.pk, actor=release.author, file=pdf_upload(), title="Data Penghijauan")
    release_attachment_add(
        release_id=release.pk,
        actor=release.author,
        file=SimpleUploadedFile("jadwal.docx", docx_bytes()),
        title="Jadwal Kegiatan",
    )
    MediaContactFactory(release=release)
    return release


@pytest.mark.django_db
def test_press_kit_holds_pdf_text_photos_with_xmp_captions_attachments_contacts_terms_and_metadata(
    client: Client,
) -> None:
    release = _with_content(
        ReleaseFactory(
            title="Gerakan Menanam Sejuta Pohon", slug="gerakan-menanam-sejuta-pohon", dateline_place="Harapan Jaya"
        )
    )
    Release.objects.filter(pk=release.pk).update(
        status=Status.PUBLISHED,
        publish_at=timezone.now(),
        went_public_at=timezone.now(),
        approved_by=staff_user(Role.EDITOR),
    )
    assert presskit_build(release_id=release.pk) is True
    assert presskit_build(release_id=release.pk) is False  # already current: not rebuilt
    response = client.get(release.get_presskit_url())
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="press-kit-gerakan-menanam-sejuta-pohon.zip"'
    archive = _zip(response)
    names = set(archive.namelist())
    assert {"siaran-pers.pdf", "siaran-pers.txt", "keterangan-foto.txt", "narahubung-media.txt"} <= names
    assert {
        "ketentuan-penggunaan.txt",
        "metadata.json",
        "lampiran/data-penghijauan.pdf",
        "lampiran/jadwal-kegiatan.docx",
    } <= names
    assert archive.read("siaran-pers.pdf").startswith(b"%PDF")
    text = archive.read("siaran-pers.txt").decode()
    assert "Gerakan Menanam Sejuta Pohon" in text and "HARAPAN JAYA, " in text and "<p>" not in text
    photos = sorted(n for n in names if n.startswith("foto/"))
    assert len(photos) == 6  # two photos, each in print, web and thumbnail size
    with Image.open(io.BytesIO(archive.read("foto/cetak/02-warga-ikut-serta.jpg"))) as print_size:
        assert max(print_size.size) == 3200  # the original's full size is kept for print
        xmp = print_size.info["xmp"].decode()
    assert "Warga ikut serta" in xmp and "<photoshop:Credit>Humas</photoshop:Credit>" in xmp and "dc:rights" in xmp
    with Image.open(io.BytesIO(archive.read("foto/kecil/01-wali-kota-menanam-pohon.jpg"))) as thumb:
        assert max(thumb.size) == 480
        packet = ET.fromstring(thumb.info["xmp"].decode().split("?>", 1)[1].rsplit("<?", 1)[0])  # noqa: S314
    credit = packet.find(".//{http://ns.adobe.com/photoshop/1.0/}Credit")
    assert credit is not None and credit.text == "Foto: Humas/Andi"
    assert "Foto: Humas/Andi" in archive.read("keterangan-foto.txt").decode()
    metadata = json.loads(archive.read("metadata.json"))
    assert metadata["title"] == "Gerakan Menanam Sejuta Pohon" and len(metadata["images"]) == 2
    assert metadata["media_contacts"][0]["name"] == "Siti Rahmawati"
    assert "kredit" in archive.read("ketentuan-penggunaan.txt").decode()
    log = PressKitDownload.objects.get()
    assert log.release == release and log.user is None and log.before_embargo is False


@pytest.mark.django_db
def test_embargoed_press_kit_only_for_verified_journalists_and_logged(client: Client) -> None:
    release = ReleaseFactory()
    add_image(release)
    Release.objects.filter(pk=release.pk).update(
        status=Status.SCHEDULED,
        publish_at=timezone.now(),
        embargo_until=timezone.now() + timedelta(hours=6),
        approved_by=staff_user(Role.EDITOR),
    )
    presskit_build(release_id=release.pk)
    assert client.get(release.get_presskit_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(release.get_presskit_url()).status_code == 404
    assert not PressKitDownload.objects.exists()
    journalist = UserFactory()
    journalist.groups.add(Group.objects.get(name=VERIFIED_JOURNALISTS))
    client.force_login(journalist)
    response = client.get(release.get_presskit_url())
    assert response.status_code == 200 and "EMBARGO" in _zip(response).read("siaran-pers.txt").decode()
    log = PressKitDownload.objects.get()
    assert log.user == journalist and log.before_embargo is True


@pytest.mark.django_db
def test_press_kit_not_built_yet_answers_503_and_draft_press_kit_is_404(client: Client) -> None:
    assert client.get(ReleaseFactory().get_presskit_url()).status_code == 404
    release = PublishedReleaseFactory()
    Release.objects.filter(pk=release.pk).update(presskit_version=0)
    response = client.get(release.get_presskit_url())
    # Built inline by the eager task the view queued, so the next request downloads it.
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert client.get(release.get_presskit_url()).status_code == 200


@pytest.mark.django_db
def test_press_kit_is_rebuilt_when_the_release_changes() -> None:
    release = PublishedReleaseFactory()
    presskit_build(release_id=release.pk)
    first = Release.objects.get(pk=release.pk).presskit_file.name
    add_image(release)  # content changed: version bumped
    release.refresh_from_db()
    assert release.presskit_version != release.content_version
    assert presskit_build(release_id=release.pk) is True
    release.refresh_from_db()
    assert release.presskit_file.name != first and release.presskit_version == release.content_version
    assert not Release._meta.get_field("presskit_file").storage.exists(first)  # the old ZIP is removed


def _keep_root_log_level(sender: Any = None, logger: logging.Logger | None = None, **kwargs: Any) -> None:
    """Celery's embedded test worker sets the root logger to ERROR each time it starts; only the
    first start in a process gets Django's level back (through Django's own setup). A second
    worker in the same test process would otherwise hide every later test's warnings."""
    from django.conf import settings

    if logger is not None:
        logger.setLevel(settings.LOGGING["root"]["level"])


after_setup_logger.connect(_keep_root_log_level, weak=False, dispatch_uid="releases-tests-root-log-level")


@pytest.fixture
def worker_closes_connections() -> Any:
    """The worker thread's own connection closes after each task, so none outlives the test
    and the test database can be dropped at the end of the run."""
    from django.db import connections

    default = connections.settings["default"]
    saved = default["CONN_MAX_AGE"]
    default["CONN_MAX_AGE"] = 0
    yield
    default["CONN_MAX_AGE"] = saved


@pytest.mark.celery_worker
def test_publishing_builds_the_press_kit_in_a_real_worker(worker_closes_connections: None, celery_worker: None) -> None:
    writer = staff_user(Role.WRITER)
    editor = staff_user(Role.EDITOR)
    release = ReleaseFactory(author=writer, last_edited_by=writer)
    add_image(release)
    release_submit(release_id=release.pk, actor=writer)
    release_approve(release_id=release.pk, actor=editor)
    release_publish(release_id=release.pk, actor=editor)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        release.refresh_from_db()
        if release.presskit_file and release.presskit_version == release.content_version:
            break
        time.sleep(0.3)
    assert release.presskit_file, "the worker did not build the press kit"
    response = Client().get(release.get_presskit_url())
    assert response.status_code == 200 and "foto/cetak/01-wali-kota-meninjau-taman.jpg" in _zip(response).namelist()
