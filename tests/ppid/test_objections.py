"""Objection decision by the Atasan PPID and the dispute (sengketa) steps, through the pages."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from humas.audit import history_for
from humas.roles import Role
from ppid.models import Objection
from ppid.services import objection_decide, objection_file
from tests.factories.humas import staff_user
from tests.factories.ppid import ExemptDipItemFactory, Submitted, answer_at, jakarta, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed() -> tuple[Submitted, Objection]:
    """Received 12 March 2026 (due 2 April), refused under Pasal 17 on 6 April, objected to on 10 April."""
    submitted = submit(jakarta(2026, 3, 12))
    answer_at(submitted, jakarta(2026, 4, 6), "refused", refusal_basis="exempt", dip_item=ExemptDipItemFactory())
    with time_machine.travel(jakarta(2026, 4, 10), tick=False):
        objection = objection_file(request_id=submitted.request.pk, reasons=["a"], description="Bukan rahasia")
    return submitted, objection


@pytest.fixture
def decided(filed: tuple[Submitted, Objection]) -> tuple[Submitted, Objection]:
    """Decided on Monday 4 May 2026: the dispute window ends Tuesday 26 May (14, 15 May are holidays)."""
    submitted, objection = filed
    with time_machine.travel(jakarta(2026, 5, 4), tick=False):
        objection_decide(
            objection_id=objection.pk, actor=staff_user(Role.PPID_SUPERIOR), decision="rejected", text="Tetap"
        )
    objection.refresh_from_db()
    return submitted, objection


def tracking(submitted: Submitted) -> str:
    return reverse("ppid:track", args=[submitted.request.pk, submitted.token])


def test_atasan_ppid_decides_and_the_letter_is_a_pdf_for_staff_and_requester(  # type: ignore[no-untyped-def]
    client: Client, login_as, filed, django_capture_on_commit_callbacks
) -> None:
    submitted, objection = filed
    superior = login_as(Role.PPID_SUPERIOR)
    url = reverse("ppid:objection-decide", args=[objection.pk])
    page = client.get(reverse("ppid:objection-detail", args=[objection.pk])).content.decode()
    assert "Tanggapan Atasan PPID" in page and "Jumat, 29 Mei 2026" in page  # 30 working days, holidays skipped
    mail.outbox.clear()
    with time_machine.travel(jakarta(2026, 4, 20), tick=False), django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "upheld", "text": "Informasi diberikan dengan penghitaman."})
    assert response.status_code == 302
    objection.refresh_from_db()
    assert (objection.status, objection.decision, objection.decided_by_id) == ("decided", "upheld", superior.pk)
    assert objection.decided_date == date(2026, 4, 20)
    assert (
        len(mail.outbox) == 1
        and mail.outbox[0].subject == f"[{submitted.request.number}] Tanggapan atas keberatan Anda"
    )
    html, mimetype = mail.outbox[0].alternatives[0]
    assert mimetype == "text/html" and objection.number in html and "<p>" in html  # multipart text + HTML
    assert [e.action for e in history_for(objection).order_by("id")][-1] == "ppid.objection.decide"
    for letter in (
        client.get(reverse("ppid:objection-letter", args=[objection.pk])),
        Client().get(tracking(submitted) + "keberatan.pdf"),
    ):
        assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    body = Client().get(tracking(submitted)).content.decode()
    assert "Keberatan diterima" in body and "Informasi diberikan dengan penghitaman." in body
    again = client.post(url, {"decision": "rejected", "text": "Ubah"})
    assert again.status_code == 400 and "tidak dapat dilakukan" in again.content.decode()
    objection.refresh_from_db()
    assert objection.decision == "upheld"


def test_decision_needs_its_reasoning_and_only_the_atasan_may_decide(client: Client, login_as, filed) -> None:  # type: ignore[no-untyped-def]
    submitted, objection = filed
    url = reverse("ppid:objection-decide", args=[objection.pk])
    login_as(Role.PPID_OFFICER)
    assert client.post(url, {"decision": "upheld", "text": "Saya putuskan"}).status_code == 403
    login_as(Role.PPID_SUPERIOR)
    empty = client.post(url, {"decision": "upheld", "text": ""})
    assert empty.status_code == 400 and empty.context["decision_form"].errors["text"]
    wrong = client.post(url, {"decision": "mungkin", "text": "x"})
    assert wrong.status_code == 400 and "pilihan yang valid" in " ".join(
        wrong.context["decision_form"].errors["decision"]
    )
    objection.refresh_from_db()
    assert (objection.status, objection.decision, objection.decided_at) == ("filed", "", None)
    assert Client().get(tracking(submitted) + "keberatan.pdf").status_code == 404  # no letter before the decision


def test_requester_records_the_dispute_from_the_tracking_page_within_14_working_days(decided) -> None:  # type: ignore[no-untyped-def]
    submitted, objection = decided
    client = Client()
    with time_machine.travel(jakarta(2026, 5, 26, 16), tick=False):  # the last day of the window
        page = client.get(tracking(submitted))
        assert page.context["dispute_form"] is not None and "26 Mei 2026" in page.content.decode()
        response = client.post(tracking(submitted) + "sengketa/", {"filed_date": "2026-05-25"})
        assert response.status_code == 302
        body = client.get(tracking(submitted)).content.decode()
    objection.refresh_from_db()
    assert (objection.status, objection.dispute_filed_date) == ("disputed", date(2026, 5, 25))
    assert "Diajukan ke Komisi Informasi" in body
    assert [e.actor_label for e in history_for(objection) if e.action == "ppid.objection.dispute"] == ["Pemohon"]


@pytest.mark.parametrize(
    ("today", "filed_date", "expected"),
    [
        ((2026, 5, 27), "2026-05-27", "telah lewat pada 26-05-2026"),  # after the window (26 May)
        ((2026, 5, 27), "2026-05-20", "telah lewat pada 26-05-2026"),  # claimed online after the window
        ((2026, 5, 12), "2026-05-13", "antara 04-05-2026 dan 26-05-2026"),  # a future date
        ((2026, 5, 12), "2026-04-30", "antara 04-05-2026 dan 26-05-2026"),  # before the decision
    ],
)
def test_dispute_outside_the_window_is_refused_with_a_clear_message_and_nothing_stored(  # type: ignore[no-untyped-def]
    decided, today: tuple[int, int, int], filed_date: str, expected: str
) -> None:
    submitted, objection = decided
    with time_machine.travel(jakarta(*today), tick=False):
        response = Client().post(tracking(submitted) + "sengketa/", {"filed_date": filed_date})
    assert response.status_code == 400
    message = " ".join(response.context["dispute_form"].errors["filed_date"])
    assert expected in message and "14 hari kerja" in message
    objection.refresh_from_db()
    assert (objection.status, objection.dispute_filed_date) == ("decided", None)


def test_after_the_window_the_tracking_page_offers_no_dispute_form(decided) -> None:  # type: ignore[no-untyped-def]
    submitted, _objection = decided
    with time_machine.travel(jakarta(2026, 5, 27), tick=False):
        page = Client().get(tracking(submitted))
    assert page.context["dispute_form"] is None and "Catat pengajuan sengketa" not in page.content.decode()


def test_tampered_token_cannot_record_a_dispute(decided) -> None:  # type: ignore[no-untyped-def]
    submitted, objection = decided
    other = submit()
    with time_machine.travel(jakarta(2026, 5, 12), tick=False):
        tampered = submitted.token[:-1] + ("A" if submitted.token[-1] != "A" else "B")
        for token in (tampered, other.token):
            url = reverse("ppid:track-dispute", args=[submitted.request.pk, token])
            assert Client().post(url, {"filed_date": "2026-05-11"}).status_code == 404
    objection.refresh_from_db()
    assert objection.status == "decided"


def test_office_records_the_dispute_and_its_outcome(client: Client, login_as, decided) -> None:  # type: ignore[no-untyped-def]
    submitted, objection = decided
    login_as(Role.PPID_OFFICER)
    url = reverse("ppid:objection-dispute", args=[objection.pk])
    with time_machine.travel(jakarta(2026, 5, 12), tick=False):
        early = client.post(url, {"step": "outcome", "outcome": "granted"})
        assert early.status_code == 400 and "tidak dapat dilakukan" in early.content.decode()
        assert client.post(url, {"step": "dispute", "filed_date": "2026-05-11"}).status_code == 302
        bad = client.post(url, {"step": "outcome", "outcome": "menang"})
        assert bad.status_code == 400
        objection.refresh_from_db()
        assert (objection.status, objection.dispute_outcome) == ("disputed", "")
        page = client.get(reverse("ppid:objection-detail", args=[objection.pk])).content.decode()
        assert "Hasil sengketa" in page
        done = client.post(url, {"step": "outcome", "outcome": "partly", "note": "Putusan KI No. 5/2026"})
        assert done.status_code == 302
    objection.refresh_from_db()
    assert (objection.status, objection.dispute_outcome, objection.dispute_note) == (
        "dispute_resolved",
        "partly",
        "Putusan KI No. 5/2026",
    )
    actions = [e.action for e in history_for(objection).order_by("id")]
    assert actions[-2:] == ["ppid.objection.dispute", "ppid.objection.outcome"]
    public = Client().get(tracking(submitted)).content.decode()
    assert "Dikabulkan sebagian" in public and "Putusan KI No. 5/2026" not in public


def test_objection_list_shows_due_dates_with_colours(client: Client, login_as, filed) -> None:  # type: ignore[no-untyped-def]
    _submitted, objection = filed
    login_as(Role.PPID_SUPERIOR)
    with time_machine.travel(jakarta(2026, 5, 22), tick=False):
        items: list[dict[str, Any]] = client.get(reverse("ppid:objections")).context["items"]
    assert [(i["obj"].pk, i["days_left"], i["tone"]) for i in items] == [(objection.pk, 3, "warning")]


@pytest.mark.parametrize("count", [1, 12])
def test_objection_list_uses_the_same_queries_for_few_or_many(  # type: ignore[no-untyped-def]
    count: int, client: Client, login_as, django_assert_max_num_queries
) -> None:
    for n in range(count):
        submitted = submit(jakarta(2026, 3, 12))
        answer_at(submitted, jakarta(2026, 4, 6), "refused", refusal_basis="not_held")
        with time_machine.travel(jakarta(2026, 4, 10), tick=False):
            objection_file(request_id=submitted.request.pk, reasons=["e"], description=f"Keberatan {n}")
    login_as(Role.PPID_SUPERIOR)
    with time_machine.travel(jakarta(2026, 4, 20), tick=False), django_assert_max_num_queries(8):
        response = client.get(reverse("ppid:objections"))
    assert len(response.context["items"]) == count
