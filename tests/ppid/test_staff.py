"""Staff pages: permissions, the inbox, handling a request, private scans, letters."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from humas.roles import Role
from ppid.models import InfoRequest, RequestNote, Status
from tests.factories.ppid import jakarta, submit
from tests.helpers import pdf_upload
from tests.humas.test_permissions import assert_matrix

pytestmark = pytest.mark.django_db
PPID = {Role.PPID_OFFICER, Role.PPID_SUPERIOR}


def test_staff_pages_follow_the_permission_matrix() -> None:
    req = submit().request
    assert_matrix(
        {
            reverse("ppid:inbox"): PPID,
            reverse("ppid:detail", args=[req.pk]): PPID,
            reverse("ppid:identity", args=[req.pk, "identitas"]): PPID,
            reverse("ppid:staff-create"): {Role.PPID_OFFICER},
            reverse("ppid:objections"): PPID,
            reverse("ppid:dip-manage"): {Role.PPID_OFFICER},
            reverse("ppid:dip-create"): {Role.PPID_OFFICER},
            reverse("ppid:service-info-edit"): {Role.PPID_OFFICER},
            reverse("ppid:registers"): PPID,
            reverse("ppid:report"): PPID,
            reverse("ppid:report-text", args=[2026, 0]): {Role.PPID_OFFICER},
        }
    )


def test_only_officers_may_change_a_request(client: Client, login_as) -> None:  # type: ignore[no-untyped-def]
    req = submit().request
    login_as(Role.PPID_SUPERIOR)
    response = client.post(reverse("ppid:transition", args=[req.pk]), {"to": "in_process"})
    assert response.status_code == 403
    login_as(Role.WRITER)
    assert client.post(reverse("ppid:note", args=[req.pk]), {"text": "x"}).status_code == 403
    req.refresh_from_db()
    assert req.status == Status.RECEIVED and not RequestNote.objects.exists()


@pytest.mark.parametrize("rows", [1, 30])
def test_inbox_uses_the_same_few_queries_for_one_row_or_thirty(  # type: ignore[no-untyped-def]
    rows: int, client: Client, login_as, django_assert_max_num_queries
) -> None:
    officer = login_as(Role.PPID_OFFICER)
    for _ in range(rows):
        req = submit(received_at=jakarta(2026, 3, 12)).request
        InfoRequest.objects.filter(pk=req.pk).update(assigned_officer=officer)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("ppid:inbox"), {"status": "semua"})
    assert len(response.context["items"]) == rows


def test_inbox_masks_nik_and_phone_and_colours_overdue_and_due_soon(client: Client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.PPID_OFFICER)
    overdue = submit(received_at=jakarta(2026, 3, 12)).request  # due 2 April
    soon = submit(received_at=jakarta(2026, 3, 25)).request  # due 9 April (3 Apr is Good Friday)
    with time_machine.travel(jakarta(2026, 4, 6), tick=False):
        body = client.get(reverse("ppid:inbox")).content.decode()
        items = {item["req"].pk: item for item in client.get(reverse("ppid:inbox")).context["items"]}
        lewat = client.get(reverse("ppid:inbox"), {"tenggat": "lewat"}).context["items"]
    assert "3273015708900002" not in body and "3273********0002" in body
    assert "081234567890" not in body and "0812*****890" in body
    assert items[overdue.pk]["tone"] == "danger" and items[overdue.pk]["days_left"] == -1  # Good Friday is not counted
    assert items[soon.pk]["tone"] == "warning" and items[soon.pk]["days_left"] == 3
    assert [item["req"].pk for item in lewat] == [overdue.pk]


def test_detail_explains_the_due_date_with_the_skipped_holidays(client: Client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.PPID_OFFICER)
    req = submit(received_at=jakarta(2026, 3, 12)).request
    body = client.get(reverse("ppid:detail", args=[req.pk])).content.decode()
    assert "Kamis, 2 April 2026" in body
    assert "Hari Suci Nyepi" in body and "Idul Fitri" in body


def test_officer_works_a_request_through_the_pages(client: Client, login_as) -> None:  # type: ignore[no-untyped-def]
    officer = login_as(Role.PPID_OFFICER)
    submitted = submit(received_at=jakarta(2026, 3, 12))
    req = submitted.request
    url = reverse("ppid:transition", args=[req.pk])
    with time_machine.travel(jakarta(2026, 3, 16), tick=False):
        assert client.post(url, {"to": "in_process"}).status_code == 302
        assert client.post(reverse("ppid:assign", args=[req.pk]), {"officer": officer.pk}).status_code == 302
        assert client.post(reverse("ppid:note", args=[req.pk]), {"text": "Minta data ke BPKAD"}).status_code == 302
        missing = client.post(url, {"to": "answered", "decision": "refused", "answer": "Ditolak"})
        assert missing.status_code == 400 and "dasar hukum" in missing.content.decode()
        answered = client.post(
            url, {"to": "answered", "decision": "granted", "answer": "Terlampir", "documents": pdf_upload(), "fee": "0"}
        )
        assert answered.status_code == 302
    req.refresh_from_db()
    assert (req.status, req.decision, req.assigned_officer_id) == (Status.ANSWERED, "granted", officer.pk)
    letter = client.get(reverse("ppid:letter", args=[req.pk, "pemberitahuan"]))
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    # Internal notes never reach the requester's page.
    public = Client().get(f"/ppid/lacak/{req.pk}/{submitted.token}/").content.decode()
    assert "Minta data ke BPKAD" not in public and "Terlampir" in public


def test_identity_scan_is_streamed_privately_only_to_ppid_roles(client: Client, login_as) -> None:  # type: ignore[no-untyped-def]
    req = submit().request
    login_as(Role.PPID_SUPERIOR)
    response = client.get(reverse("ppid:identity", args=[req.pk, "identitas"]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"  # the JPEG itself
    with pytest.raises(ValueError):
        req.identity_document.url  # noqa: B018 (private files have no URL)


def test_officer_enters_a_paper_request_with_its_channel_and_receipt_time(client: Client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.PPID_OFFICER)
    response = client.post(
        reverse("ppid:staff-create"),
        {
            "channel": "paper",
            "received_at": "2026-03-12T15:00",
            "requester_type": "individual",
            "name": "Pak Darto",
            "nik": "3273010101800001",
            "address": "Kp. Cibiru",
            "phone": "0227654321",
            "information": "Peta rawan banjir",
            "purpose": "Keselamatan warga",
            "obtain_method": "hard_copy",
            "delivery_method": "pickup",
        },
    )
    assert response.status_code == 302
    req = InfoRequest.objects.get()
    assert (req.channel, req.received_date, req.deadline) == ("paper", date(2026, 3, 12), date(2026, 4, 2))


def test_rendering_a_letter_leaves_truncated_image_uploads_refused(client: Client, login_as) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    from humas.uploads import check_image
    from tests.helpers import image_bytes

    login_as(Role.PPID_OFFICER)
    req = submit().request
    assert client.get(reverse("ppid:letter", args=[req.pk, "tanda-bukti"])).status_code == 200
    truncated = image_bytes(fmt="JPEG")[:-2000]

    with pytest.raises(ValidationError):
        check_image(io.BytesIO(truncated))
