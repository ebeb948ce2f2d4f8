"""Private files (ID scans, press cards, letters, embargoed attachments and press kits) are
served only to the roles that may see them: every role, a journalist, a verified journalist
and an anonymous visitor try every private-file view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from humas.models import User
from humas.roles import VERIFIED_JOURNALISTS, Role
from ppid.models import RequestDocument
from releases.models import Release, ReleaseAttachment
from releases.services import release_attachment_add
from tests.factories.humas import UserFactory, staff_user
from tests.factories.ppid import submit
from tests.factories.releases import PublishedReleaseFactory
from tests.helpers import pdf_bytes, pdf_upload

pytestmark = pytest.mark.django_db

JOURNALIST = "journalist"
VERIFIED = "verified journalist"
ANONYMOUS = "anonymous"
EVERYONE = {*Role, JOURNALIST, VERIFIED, ANONYMOUS}
STAFF = set(Role)


@dataclass(frozen=True)
class PrivateFile:
    url: str
    allowed: set[object]


def _attachment(release: Release) -> ReleaseAttachment:
    # Attachments are added while a release is editable; put it back to public afterwards.
    status, went_public_at = release.status, release.went_public_at
    Release.objects.filter(pk=release.pk).update(status=Release.Status.DRAFT)
    attachment = release_attachment_add(
        release_id=release.pk, actor=release.author, file=pdf_upload("lampiran.pdf"), title="Lampiran"
    )
    Release.objects.filter(pk=release.pk).update(status=status, went_public_at=went_public_at)
    return attachment


def _releases_files() -> list[PrivateFile]:
    public = PublishedReleaseFactory()
    embargoed = PublishedReleaseFactory(embargo_until=timezone.now() + timedelta(days=1))
    draft = PublishedReleaseFactory()
    files = []
    for release, public_allowed in ((public, EVERYONE), (embargoed, {VERIFIED, *STAFF_WITH_EMBARGO})):
        attachment = _attachment(release)
        files.append(
            PrivateFile(reverse("releases:attachment", args=[release.slug, attachment.pk]), set(public_allowed))
        )
    draft_attachment = _attachment(draft)
    Release.objects.filter(pk=draft.pk).update(status=Release.Status.DRAFT, went_public_at=None)
    files.append(PrivateFile(reverse("releases:attachment", args=[draft.slug, draft_attachment.pk]), set()))
    files.append(
        PrivateFile(reverse("releases:staff-attachment-download", args=[draft.pk, draft_attachment.pk]), STAFF_RELEASES)
    )
    return files


def _ppid_files() -> list[PrivateFile]:
    submitted = submit()
    req = submitted.request
    document = RequestDocument(request=req, title="Salinan")
    document.file.save("salinan.pdf", ContentFile(pdf_bytes()), save=False)
    document.save()
    ppid = {Role.PPID_OFFICER, Role.PPID_SUPERIOR}
    return [
        PrivateFile(reverse("ppid:identity", args=[req.pk, "identitas"]), ppid),
        PrivateFile(reverse("ppid:document", args=[req.pk, document.pk]), ppid),
    ]


def _visits_files() -> list[PrivateFile]:
    import time_machine

    from tests.factories.visits import RoomFactory, confirm_visit, submit_visit
    from tests.helpers import image_upload
    from tests.visits.test_views import NOW
    from visits.services import report_save

    coordinator = staff_user(Role.VISIT_COORDINATOR)
    RoomFactory(capacity=40)
    with time_machine.travel(NOW, tick=False):
        visit = submit_visit().visit
        confirm_visit(visit, coordinator)
    with time_machine.travel(visit.preferred_start + timedelta(hours=4), tick=False):
        report = report_save(
            visit_id=visit.pk, actor=coordinator, attendance=15, summary="Ringkas", photos=[image_upload()]
        )
    photo = report.photos.get()
    return [
        PrivateFile(reverse("visits:letter-file", args=[visit.pk, "permohonan"]), _roles_with(VISIT_LETTERS)),
        PrivateFile(reverse("visits:photo", args=[photo.pk]), _roles_with(VISIT_VIEW)),
    ]


def _media_files() -> list[PrivateFile]:
    from tests.factories.media_events import CoverageItemFactory

    item = CoverageItemFactory()
    item.clipping.save("koran.pdf", ContentFile(pdf_bytes()))
    return [
        PrivateFile(
            reverse("media_relations:coverage-file", args=[item.pk]), _roles_with("media_relations.view_coverageitem")
        ),
    ]


# Who holds which permission, read from the declared roles so the matrix follows them.
def _roles_with(permission: str) -> set[object]:
    from humas.roles import declared_permissions

    return {role for role, codes in declared_permissions().items() if permission in codes}


STAFF_WITH_EMBARGO: set[object] = set()
STAFF_RELEASES: set[object] = set()
VISIT_LETTERS = "visits.view_visit_letters"
VISIT_VIEW = "visits.view_visit"
BUILDERS: list[Callable[[], list[PrivateFile]]] = [_releases_files, _ppid_files, _visits_files, _media_files]


def _clients() -> dict[object, Client]:
    clients: dict[object, Client] = {ANONYMOUS: Client()}
    for role in Role:
        clients[role] = Client()
        clients[role].force_login(staff_user(role))
    plain: User = UserFactory()
    verified: User = UserFactory()
    verified.groups.add(Group.objects.get(name=VERIFIED_JOURNALISTS))
    for who, user in ((JOURNALIST, plain), (VERIFIED, verified)):
        clients[who] = Client()
        clients[who].force_login(user)
    return clients


def test_every_private_file_is_served_only_to_those_who_may_see_it() -> None:
    STAFF_WITH_EMBARGO.clear()
    STAFF_WITH_EMBARGO.update(_roles_with("releases.view_embargoed_release"))
    STAFF_RELEASES.clear()
    STAFF_RELEASES.update(_roles_with("releases.view_release"))
    files = [file for build in BUILDERS for file in build()]
    clients = _clients()
    failures = []
    for file in files:
        for who, client in clients.items():
            response = client.get(file.url)
            served = response.status_code == 200
            if served != (who in file.allowed):
                failures.append(f"{who}: {file.url} answered {response.status_code}")
            if served:
                assert response["X-Content-Type-Options"] == "nosniff"
                assert "no-store" in response["Cache-Control"]
    assert not failures, "\n".join(failures)
