"""The public side: filing with a scan, the receipt, tracking, status lookup, objections."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from humas.roles import Role
from ppid.models import Decision, InfoRequest, Objection, RequesterEmail, Status
from ppid.services import AnswerData, request_transition
from tests.factories.humas import staff_user
from tests.factories.ppid import VALID_NIK, jakarta, submit
from tests.helpers import image_upload, pdf_upload, spam_trap_fields

pytestmark = pytest.mark.django_db
URL = "/ppid/permohonan/"


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "requester_type": "individual",
        "name": "Budi Santoso",
        "nik": VALID_NIK,
        "address": "Jl. Kenanga 3",
        "phone": "081298765432",
        "email": "budi@example.id",
        "occupation": "Guru",
        "information": "Daftar penerima beasiswa daerah 2026",
        "purpose": "Penelitian",
        "obtain_method": "soft_copy",
        "delivery_method": "email",
        "identity_document": image_upload("ktp.jpg"),
        **spam_trap_fields(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_public_files_a_request_with_a_scan_and_lands_on_the_receipt(
    client: Client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data())
    req = InfoRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(f"/ppid/lacak/{req.pk}/")
    page = client.get(response["Location"])
    body = page.content.decode()
    assert req.number in body and "Tanda bukti" in body
    assert req.identity_document.name.startswith("ppid/identitas/")
    assert len(mail.outbox) == 1 and response["Location"] in mail.outbox[0].body
    receipt = client.get(response["Location"] + "tanda-bukti.pdf")
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"nik": "1234"}, "nik", "NIK harus terdiri atas 16 angka"),
        ({"nik": "0073015708900002"}, "nik", "Kode wilayah"),
        ({"nik": "3273013202900002"}, "nik", "Tanggal lahir pada NIK"),
        ({"identity_document": None}, "identity_document", "Lampirkan dokumen identitas"),
        (
            {"identity_document": SimpleUploadedFile("ktp.jpg", b"MZ\x90\x00 not an image", "image/jpeg")},
            "identity_document",
            "Jenis berkas tidak diterima",
        ),
        ({"requester_type": "group"}, "power_of_attorney", "Lampirkan surat kuasa"),
        ({"requester_type": "legal_entity", "nik": ""}, "entity_registration", "pengesahan badan hukum wajib"),
        ({"phone": "telepon saya"}, "phone", "Nomor telepon"),
    ],
)
def test_bad_input_is_explained_in_indonesian_keeps_the_typed_text_and_stores_nothing(
    client: Client, overrides: dict[str, Any], field: str, message: str
) -> None:
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    body = response.content.decode()
    assert "Daftar penerima beasiswa daerah 2026" in body and 'value="Budi Santoso"' in body
    assert not InfoRequest.objects.exists() and not RequesterEmail.objects.exists()


def test_oversized_scan_is_refused(client: Client, settings: Any) -> None:
    big = SimpleUploadedFile("ktp.pdf", b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024) + b"\n%%EOF\n", "application/pdf")
    response = client.post(URL, form_data(identity_document=big))
    assert response.status_code == 400
    assert "terlalu besar" in " ".join(response.context["form"].errors["identity_document"])
    assert not InfoRequest.objects.exists()


def test_spam_trap_and_rate_limit_refuse_without_storing(client: Client, settings: Any) -> None:
    response = client.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 400 and "Formulir tidak dapat dikirim" in response.content.decode()
    settings.PUBLIC_FORM_RATE = "2/h"  # the refused spam post above counted as one
    client.post(URL, form_data())
    assert InfoRequest.objects.count() == 1
    response = client.post(URL, form_data())
    assert response.status_code == 429 and "Terlalu banyak" in response.content.decode()
    assert InfoRequest.objects.count() == 1


def test_tampered_token_or_token_of_another_request_gives_404(client: Client) -> None:
    first, second = submit(), submit()
    assert client.get(f"/ppid/lacak/{first.request.pk}/{first.token}/").status_code == 200
    tampered = first.token[:-2] + ("xy" if first.token[-2:] != "xy" else "yx")  # always differs
    assert client.get(f"/ppid/lacak/{first.request.pk}/{tampered}/").status_code == 404
    assert client.get(f"/ppid/lacak/{first.request.pk}/{second.token}/").status_code == 404
    assert client.get(f"/ppid/lacak/{first.request.pk}/{second.token}/tanda-bukti.pdf").status_code == 404


def test_lookup_by_number_shows_status_but_no_personal_data(client: Client) -> None:
    req = submit().request
    body = client.get(reverse("ppid:status"), {"nomor": req.number}).content.decode()
    assert req.get_status_display() in body and req.number in body
    for private in (req.name, req.nik, req.phone, req.email, req.address, "APBD"):
        assert private not in body
    assert "tidak ditemukan" in client.get(reverse("ppid:status"), {"nomor": "999/PPID/I/2026"}).content.decode()


def test_requester_gets_the_answer_letter_and_files_an_objection_from_the_tracking_page(client: Client) -> None:
    submitted = submit(received_at=jakarta(2026, 3, 12))
    base = f"/ppid/lacak/{submitted.request.pk}/{submitted.token}/"
    officer = staff_user(Role.PPID_OFFICER)
    with time_machine.travel(jakarta(2026, 4, 6), tick=False):  # after the 2 April deadline
        answer = AnswerData(
            decision=Decision.PARTLY_GRANTED, answer="Sebagian terlampir.", documents=[("Daftar", pdf_upload())]
        )
        request_transition(request_id=submitted.request.pk, to=Status.ANSWERED, actor=officer, answer=answer)
    with time_machine.travel(jakarta(2026, 4, 8), tick=False):
        page = client.get(base)
        body = page.content.decode()
        assert "Dikabulkan sebagian" in body and "Ajukan keberatan" in body
        offered = {value for value, _label in page.context["objection_form"].fields["reasons"].choices}
        assert offered == {"b", "d", "e", "g"}  # no "a": not refused under Pasal 17
        letter = client.get(base + "pemberitahuan.pdf")
        assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
        document = submitted.request.documents.get()
        assert client.get(f"{base}dokumen/{document.pk}/").status_code == 200
        refused = client.post(base + "keberatan/", {"reasons": ["a"], "description": "Keberatan"})
        assert refused.status_code == 400 and "tidak sesuai" in refused.content.decode()
        assert not Objection.objects.exists()
        filed = client.post(base + "keberatan/", {"reasons": ["e", "g"], "description": "Belum lengkap dan terlambat"})
        assert filed.status_code == 302
    objection = Objection.objects.get()
    assert objection.reasons == ["e", "g"] and objection.request_id == submitted.request.pk
