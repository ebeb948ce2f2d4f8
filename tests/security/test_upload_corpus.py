"""The upload-attack corpus through every upload field of the portal.

Each attack must be refused with a clear message and leave nothing stored. Separately, a file
that really is an image or a PDF but carries a hostile name is served back with the type its
bytes have, never as a page of the portal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from humas.roles import Role
from media_relations.models import CoverageItem
from ppid.models import DipDocument, InfoRequest, RequestDocument
from releases.models import BodyImage, ReleaseAttachment, ReleaseImage
from tests.factories.humas import staff_user
from tests.factories.ppid import DipItemFactory, submit
from tests.factories.releases import ReleaseFactory
from tests.helpers import image_bytes, pdf_bytes, png_bomb_bytes
from tests.ppid.test_public import form_data
from visits.models import Visit, VisitPhoto

pytestmark = pytest.mark.django_db

SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 4000 + b"This program cannot be run"
HTML_PDF_POLYGLOT = b"<html><body><script>alert(1)</script></body></html>\n" + pdf_bytes()
ATTACKS = {
    "decompression-bomb": ("peta.png", png_bomb_bytes(20_000), "image/png"),
    "html-pdf-polyglot": ("surat.pdf", HTML_PDF_POLYGLOT, "application/pdf"),
    "svg-with-script": ("logo.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
    "executable-named-pdf": ("surat-permohonan.pdf", EXECUTABLE, "application/pdf"),
    "oversized": ("besar.pdf", b"%PDF-1.4\n" + b"0" * (31 * 1024 * 1024) + b"\n%%EOF", "application/pdf"),
}
MESSAGES = ("bukan", "terlalu besar", "Jenis berkas tidak diterima", "Gambar terlalu besar")


@dataclass(frozen=True)
class UploadField:
    """Posting one file to one field: returns the response; ``stored`` counts what it made."""

    post: Callable[[Client, SimpleUploadedFile], object]
    stored: type[Model]


def _release_photo(client: Client, upload: SimpleUploadedFile) -> object:
    writer = staff_user(Role.WRITER)
    client.force_login(writer)
    release = ReleaseFactory(author=writer)
    return client.post(
        reverse("releases:staff-image-add", args=[release.pk]), {"file": upload, "alt_text": "x"}, follow=True
    )


def _editor_image(client: Client, upload: SimpleUploadedFile) -> object:
    client.force_login(staff_user(Role.WRITER))
    return client.post(reverse("releases:editor-image-upload"), {"upload": upload}, follow=True)


def _release_attachment(client: Client, upload: SimpleUploadedFile) -> object:
    writer = staff_user(Role.WRITER)
    client.force_login(writer)
    release = ReleaseFactory(author=writer)
    return client.post(
        reverse("releases:staff-attachment-add", args=[release.pk]), {"file": upload, "title": "L"}, follow=True
    )


def _ppid_identity(client: Client, upload: SimpleUploadedFile) -> object:
    return client.post(reverse("ppid:request"), form_data(identity_document=upload), follow=True)


def _ppid_answer_document(client: Client, upload: SimpleUploadedFile) -> object:
    req = submit().request
    client.force_login(staff_user(Role.PPID_OFFICER))
    data = {"to": "answered", "decision": "granted", "answer": "Terlampir", "documents": upload, "fee": "0"}
    client.post(reverse("ppid:transition", args=[req.pk]), {"to": "in_process"})
    return client.post(reverse("ppid:transition", args=[req.pk]), data, follow=True)


def _dip_document(client: Client, upload: SimpleUploadedFile) -> object:
    item = DipItemFactory()
    client.force_login(staff_user(Role.PPID_OFFICER))
    return client.post(
        reverse("ppid:dip-document-add", args=[item.pk]), {"title": "Dokumen", "file": upload}, follow=True
    )


def _visit_letter(which: str) -> Callable[[Client, SimpleUploadedFile], object]:
    def post(client: Client, upload: SimpleUploadedFile) -> object:
        from tests.factories.visits import RoomFactory
        from tests.visits.test_views import NOW, form_data

        RoomFactory(capacity=40)
        with time_machine.travel(NOW, tick=False):
            return client.post(reverse("visits:request"), form_data(**{which: upload}), follow=True)

    return post


def _visit_report_photo(client: Client, upload: SimpleUploadedFile) -> object:
    from tests.factories.visits import RoomFactory, confirm_visit, submit_visit
    from tests.visits.test_views import NOW

    coordinator = staff_user(Role.VISIT_COORDINATOR)
    client.force_login(coordinator)
    RoomFactory(capacity=40)
    with time_machine.travel(NOW, tick=False):
        visit = submit_visit().visit
        confirm_visit(visit, coordinator)
    with time_machine.travel(visit.preferred_start + timedelta(hours=4), tick=False):
        data = {"attendance": "15", "summary": "Ringkas", "photos": upload}
        return client.post(reverse("visits:report", args=[visit.pk]), data, follow=True)


def _coverage_clipping(client: Client, upload: SimpleUploadedFile) -> object:
    from tests.media_relations.test_coverage import form_data as coverage_form

    client.force_login(staff_user(Role.MEDIA_OFFICER))
    return client.post(reverse("media_relations:coverage-create"), coverage_form(clipping=upload), follow=True)


FIELDS = {
    "release-photo": UploadField(_release_photo, ReleaseImage),
    "editor-image": UploadField(_editor_image, BodyImage),
    "release-attachment": UploadField(_release_attachment, ReleaseAttachment),
    "ppid-identity-scan": UploadField(_ppid_identity, InfoRequest),
    "ppid-answer-document": UploadField(_ppid_answer_document, RequestDocument),
    "dip-document": UploadField(_dip_document, DipDocument),
    "visit-request-letter": UploadField(_visit_letter("request_letter"), Visit),
    "visit-assignment-letter": UploadField(_visit_letter("assignment_letter"), Visit),
    "visit-report-photo": UploadField(_visit_report_photo, VisitPhoto),
    "coverage-clipping": UploadField(_coverage_clipping, CoverageItem),
}


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
@pytest.mark.parametrize("field", FIELDS, ids=list(FIELDS))
def test_every_upload_field_refuses_every_attack_and_stores_nothing(client: Client, field: str, attack: str) -> None:
    name, content, content_type = ATTACKS[attack]
    target = FIELDS[field]
    response = target.post(client, SimpleUploadedFile(name, content, content_type=content_type))
    assert response.status_code in {200, 400}, response.status_code  # type: ignore[attr-defined]
    text = response.content.decode()  # type: ignore[attr-defined]
    assert any(message in text for message in MESSAGES), text[:3000]
    assert not target.stored.objects.exists()


def test_a_real_image_named_as_a_web_page_is_served_as_an_image_not_a_page(client: Client) -> None:
    hostile = image_bytes(600, 400) + b"<html><script>alert(document.cookie)</script></html>"
    response = client.post(
        reverse("ppid:request"), form_data(identity_document=SimpleUploadedFile("ktp.html", hostile))
    )
    assert response.status_code == 302
    req = InfoRequest.objects.get()
    client.force_login(staff_user(Role.PPID_OFFICER))
    served = client.get(reverse("ppid:identity", args=[req.pk, "identitas"]))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert ".html" not in served["Content-Disposition"] and ".jpg" in served["Content-Disposition"]
