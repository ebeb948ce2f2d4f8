"""The request state machine, audit entries, emails to the requester, objections."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core import mail

from humas.audit import history_for
from humas.roles import Role
from ppid.models import Decision, InfoRequest, Objection, RefusalBasis, RequesterEmail, Status
from ppid.services import (
    AnswerData,
    PpidError,
    objection_decide,
    objection_file,
    objection_reasons,
    objection_record_dispute,
    request_transition,
    token_matches,
)
from tests.factories.humas import staff_user
from tests.factories.ppid import ExemptDipItemFactory, jakarta, submit
from tests.helpers import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():  # type: ignore[no-untyped-def]
    return staff_user(Role.PPID_OFFICER)


def granted(**kw: object) -> AnswerData:
    return AnswerData(decision=Decision.GRANTED, answer="Terlampir salinan APBD 2026.", **kw)  # type: ignore[arg-type]


def test_submission_queues_a_confirmation_email_with_the_tracking_link(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        submitted = submit(received_at=jakarta(2026, 3, 12))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sri.lestari@example.id"]
    assert "001/PPID/III/2026" in message.subject
    assert f"/ppid/lacak/{submitted.request.pk}/{submitted.token}/" in message.body
    assert "2 April 2026" in message.body
    assert RequesterEmail.objects.get().sent_at is not None
    # Only a hash of the token is stored; it matches the real token and nothing else.
    req = submitted.request
    assert submitted.token not in req.token_hash
    assert token_matches(req, submitted.token)
    assert not token_matches(req, submitted.token[:-1] + ("A" if submitted.token[-1] != "A" else "B"))
    entry = history_for(req).get()
    assert (entry.action, entry.actor_label, entry.new_state) == ("ppid.request.submit", "Pemohon", "received")


def test_full_path_is_audited_and_the_requester_is_told_at_each_public_step(  # type: ignore[no-untyped-def]
    officer, django_capture_on_commit_callbacks
) -> None:
    req = submit(received_at=jakarta(2026, 3, 12)).request
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(jakarta(2026, 3, 16), tick=False):
        request_transition(request_id=req.pk, to=Status.IN_PROCESS, actor=officer)
        request_transition(request_id=req.pk, to=Status.EXTENDED, actor=officer, extension_reason="Menunggu data OPD")
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(jakarta(2026, 4, 8), tick=False):
        request_transition(
            request_id=req.pk, to=Status.ANSWERED, actor=officer, answer=granted(documents=[("APBD", pdf_upload())])
        )
        request_transition(request_id=req.pk, to=Status.CLOSED, actor=officer)
    req.refresh_from_db()
    assert req.status == Status.CLOSED
    assert req.answered_date == date(2026, 4, 8)
    # 13, 16, 17 Mar; 25 Mar to 2 Apr (7); 6, 7, 8 Apr: Nyepi, Idul Fitri and Good Friday skipped
    assert req.working_days_to_answer == 13
    assert not req.answered_late
    assert req.documents.count() == 1
    actions = [(e.old_state, e.new_state) for e in history_for(req).order_by("id")]
    assert actions == [
        ("", "received"),
        ("received", "in_process"),
        ("in_process", "extended"),
        ("extended", "answered"),
        ("answered", "closed"),
    ]
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 3  # in process, extended, answered; closing is internal
    assert "Menunggu data OPD" in mail.outbox[1].body


def test_illegal_transitions_are_refused_and_change_nothing(officer) -> None:  # type: ignore[no-untyped-def]
    req = submit(received_at=jakarta(2026, 3, 12)).request
    with pytest.raises(PpidError, match="tidak dapat diubah"):
        request_transition(request_id=req.pk, to=Status.CLOSED, actor=officer)
    with time_machine.travel(jakarta(2026, 3, 16), tick=False):
        request_transition(request_id=req.pk, to=Status.EXTENDED, actor=officer, extension_reason="Data besar")
        with pytest.raises(PpidError):
            request_transition(request_id=req.pk, to=Status.EXTENDED, actor=officer, extension_reason="Lagi")
    req.refresh_from_db()
    assert req.status == Status.EXTENDED and req.deadline == date(2026, 4, 14)
    assert history_for(req).count() == 2


def test_extension_needs_a_reason_and_must_come_before_the_ten_days_end(officer) -> None:  # type: ignore[no-untyped-def]
    req = submit(received_at=jakarta(2026, 3, 12)).request
    with pytest.raises(PpidError, match="alasan"):
        request_transition(request_id=req.pk, to=Status.EXTENDED, actor=officer)
    with time_machine.travel(jakarta(2026, 4, 3), tick=False), pytest.raises(PpidError, match="sebelum batas"):
        request_transition(request_id=req.pk, to=Status.EXTENDED, actor=officer, extension_reason="Terlambat")
    req.refresh_from_db()
    assert req.status == Status.RECEIVED and req.extended_at is None


def test_refusal_needs_its_legal_basis_and_the_consequence_test(officer) -> None:  # type: ignore[no-untyped-def]
    req = submit().request
    refuse = AnswerData(decision=Decision.REFUSED, answer="Ditolak.")
    with pytest.raises(PpidError, match="dasar hukum"):
        request_transition(request_id=req.pk, to=Status.ANSWERED, actor=officer, answer=refuse)
    refuse.refusal_basis = RefusalBasis.EXEMPT
    with pytest.raises(PpidError, match="uji konsekuensi"):
        request_transition(request_id=req.pk, to=Status.ANSWERED, actor=officer, answer=refuse)
    req.refresh_from_db()
    assert req.status == Status.RECEIVED and req.decision == ""
    item = ExemptDipItemFactory()
    refuse.dip_item = item
    request_transition(request_id=req.pk, to=Status.ANSWERED, actor=officer, answer=refuse)
    req.refresh_from_db()
    assert (req.exempt_ground, req.dip_item_id) == ("h", item.pk)
    assert "rahasia pribadi" in req.consequence_test


def _answered_late_refusal(officer) -> InfoRequest:  # type: ignore[no-untyped-def]
    req = submit(received_at=jakarta(2026, 3, 12)).request
    item = ExemptDipItemFactory()
    answer = AnswerData(decision=Decision.REFUSED, answer="Ditolak.", refusal_basis=RefusalBasis.EXEMPT, dip_item=item)
    with time_machine.travel(jakarta(2026, 4, 6), tick=False):
        request_transition(request_id=req.pk, to=Status.ANSWERED, actor=officer, answer=answer)
    req.refresh_from_db()
    return req


def test_objection_reasons_follow_the_request_history(officer) -> None:  # type: ignore[no-untyped-def]
    fresh = submit(received_at=jakarta(2026, 3, 12)).request
    assert set(objection_reasons(fresh, date(2026, 3, 13))) == {"b"}
    assert set(objection_reasons(fresh, date(2026, 4, 3))) == {"b", "c"}  # not answered by 2 April
    late = _answered_late_refusal(officer)
    assert late.answered_late
    assert set(objection_reasons(late, date(2026, 4, 7))) == {"a", "b", "d", "e", "g"}
    on_time = submit(received_at=jakarta(2026, 3, 12)).request
    with time_machine.travel(jakarta(2026, 3, 20), tick=False):
        request_transition(request_id=on_time.pk, to=Status.ANSWERED, actor=officer, answer=granted())
    on_time.refresh_from_db()
    assert "g" not in objection_reasons(on_time, date(2026, 3, 25))


def test_objection_with_a_reason_that_does_not_apply_is_refused(officer) -> None:  # type: ignore[no-untyped-def]
    req = submit(received_at=jakarta(2026, 3, 12)).request
    with time_machine.travel(jakarta(2026, 3, 20), tick=False):
        request_transition(request_id=req.pk, to=Status.ANSWERED, actor=officer, answer=granted())
        with pytest.raises(PpidError, match="tidak sesuai"):
            objection_file(request_id=req.pk, reasons=["g"], description="Terlambat")
    assert not Objection.objects.exists()


def test_objection_after_its_thirty_working_days_is_refused(officer) -> None:  # type: ignore[no-untyped-def]
    req = _answered_late_refusal(officer)  # answered 6 April 2026
    with time_machine.travel(jakarta(2026, 6, 30), tick=False), pytest.raises(PpidError, match="telah lewat"):
        objection_file(request_id=req.pk, reasons=["a"], description="Saya keberatan")
    assert not Objection.objects.exists()


def test_objection_is_numbered_due_in_thirty_working_days_decided_and_disputed(  # type: ignore[no-untyped-def]
    officer, django_capture_on_commit_callbacks
) -> None:
    req = _answered_late_refusal(officer)
    superior = staff_user(Role.PPID_SUPERIOR)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(jakarta(2026, 4, 10), tick=False):
        objection = objection_file(request_id=req.pk, reasons=["a", "g"], description="Informasi ini bukan rahasia")
    assert objection.number == "001/KEB/PPID/IV/2026"
    assert objection.due_date == date(2026, 5, 29)  # skips 1, 14, 15, 27, 28 May
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(jakarta(2026, 5, 4), tick=False):
        objection_decide(objection_id=objection.pk, actor=superior, decision="rejected", text="Tetap dikecualikan.")
    assert [len(mail.outbox), "Tanggapan" in mail.outbox[-1].subject] == [2, True]
    with time_machine.travel(jakarta(2026, 6, 30), tick=False), pytest.raises(PpidError, match="14 hari kerja"):
        objection_record_dispute(objection_id=objection.pk, actor=None, filed_date=date(2026, 6, 30))
    with time_machine.travel(jakarta(2026, 5, 12), tick=False):
        objection_record_dispute(objection_id=objection.pk, actor=None, filed_date=date(2026, 5, 11))
    objection.refresh_from_db()
    assert objection.status == "disputed" and objection.dispute_filed_date == date(2026, 5, 11)
    assert [e.action for e in history_for(objection).order_by("id")] == [
        "ppid.objection.file",
        "ppid.objection.decide",
        "ppid.objection.dispute",
    ]
