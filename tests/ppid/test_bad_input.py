"""Bad input the issue lists, through the pages: a clear Indonesian message and nothing stored."""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from humas.roles import Role
from ppid.models import InfoRequest, Objection, RequesterEmail
from tests.factories.ppid import ExemptDipItemFactory, Submitted, answer_at, jakarta, submit
from tests.helpers import docx_bytes, png_bomb_bytes
from tests.ppid.test_public import URL, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def refused() -> Submitted:
    """Received 12 March 2026, refused under Pasal 17 on Monday 6 April (late: due 2 April)."""
    submitted = submit(jakarta(2026, 3, 12))
    answer_at(submitted, jakarta(2026, 4, 6), "refused", refusal_basis="exempt", dip_item=ExemptDipItemFactory())
    return submitted


def objection_url(submitted: Submitted, token: str | None = None) -> str:
    return reverse("ppid:track-objection", args=[submitted.request.pk, token or submitted.token])


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("ktp.docx", docx_bytes(), "application/pdf"), "Jenis berkas tidak diterima"),
        (SimpleUploadedFile("ktp.png", png_bomb_bytes(), "image/png"), ""),
        (SimpleUploadedFile("ktp.pdf", b"%PDF-1.4\nterpotong", "application/pdf"), ""),
    ],
    ids=["docx-named-pdf", "png-bomb", "truncated-pdf"],
)
def test_a_scan_that_is_not_a_sound_image_or_pdf_is_refused(client: Client, upload, message: str) -> None:  # type: ignore[no-untyped-def]
    response = client.post(URL, form_data(identity_document=upload))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["identity_document"])
    assert errors and message in errors
    assert not InfoRequest.objects.exists() and not RequesterEmail.objects.exists()


def test_a_power_of_attorney_that_is_not_a_document_is_refused(client: Client) -> None:
    bad = SimpleUploadedFile("kuasa.pdf", b"MZ\x90\x00 program", "application/pdf")
    response = client.post(URL, form_data(on_behalf="on", power_of_attorney=bad))
    assert response.status_code == 400
    assert "Jenis berkas tidak diterima" in " ".join(response.context["form"].errors["power_of_attorney"])
    assert not InfoRequest.objects.exists()


def test_officer_entering_a_paper_request_with_a_wrong_nik_is_told_and_nothing_stored(client: Client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.PPID_OFFICER)
    data = {
        "channel": "paper",
        "requester_type": "individual",
        "name": "Pak Darto",
        "nik": "32730101018000",
        "address": "Kp. Cibiru",
        "phone": "0227654321",
        "information": "Peta rawan banjir",
        "purpose": "Keselamatan warga",
        "obtain_method": "hard_copy",
        "delivery_method": "pickup",
    }
    response = client.post(reverse("ppid:staff-create"), data)
    assert response.status_code == 400
    assert "NIK harus terdiri atas 16 angka" in " ".join(response.context["form"].errors["nik"])
    assert "Peta rawan banjir" in response.content.decode()
    assert not InfoRequest.objects.exists()


def test_objection_after_every_window_closed_is_refused_with_a_message(refused: Submitted) -> None:
    client = Client()
    with time_machine.travel(jakarta(2026, 7, 1), tick=False):
        page = client.get(reverse("ppid:track", args=[refused.request.pk, refused.token]))
        assert page.context["objection_form"] is None and "Ajukan keberatan" not in page.content.decode()
        response = client.post(objection_url(refused), {"reasons": ["a"], "description": "Terlambat"}, follow=True)
    assert "Tidak ada alasan keberatan yang masih dapat diajukan" in response.content.decode()
    assert not Objection.objects.exists()


def test_objection_with_a_reason_that_does_not_apply_is_refused_on_the_page(refused: Submitted) -> None:
    with time_machine.travel(jakarta(2026, 4, 8), tick=False):
        offered = Client().get(reverse("ppid:track", args=[refused.request.pk, refused.token]))
        choices = {value for value, _label in offered.context["objection_form"].fields["reasons"].choices}
        assert choices == {"a", "b", "d", "e", "g"}  # no fee was charged, so no "f"; it was answered, so no "c"
        response = Client().post(objection_url(refused), {"reasons": ["a", "f"], "description": "Biaya mahal"})
    assert response.status_code == 400
    errors = " ".join(response.context["objection_form"].errors["reasons"])
    assert "Alasan “f” tidak sesuai dengan riwayat permohonan ini" in errors
    assert "Biaya mahal" in response.content.decode()  # what was typed is kept
    assert not Objection.objects.exists()


def test_objection_without_a_reason_or_description_is_refused(refused: Submitted) -> None:
    with time_machine.travel(jakarta(2026, 4, 8), tick=False):
        response = Client().post(objection_url(refused), {"reasons": [], "description": ""})
    assert response.status_code == 400
    form = response.context["objection_form"]
    assert form.errors["reasons"] and form.errors["description"]
    assert not Objection.objects.exists()


def test_tampered_token_cannot_file_an_objection_or_open_any_document(refused: Submitted) -> None:
    other = submit()
    tampered = refused.token[:-1] + ("A" if refused.token[-1] != "A" else "B")
    with time_machine.travel(jakarta(2026, 4, 8), tick=False):
        for token in (tampered, other.token, ""):
            if token:
                url = objection_url(refused, token)
                assert Client().post(url, {"reasons": ["a"], "description": "x"}).status_code == 404
            for name in ("ppid:track-notice", "ppid:track-receipt", "ppid:track-objection-letter"):
                path = reverse(name, args=[refused.request.pk, token or "x"])
                assert Client().get(path).status_code == 404
    assert not Objection.objects.exists()
