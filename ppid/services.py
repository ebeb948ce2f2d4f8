"""Every write of the PPID app: filing, the request state machine, objections, reminders."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from humas import audit
from humas.models import User
from humas.tasking import enqueue_on_commit
from humas.workdays import working_days_between
from ppid import deadlines
from ppid.models import (
    Channel,
    Decision,
    DipDocument,
    DipItem,
    DisputeOutcome,
    InfoRequest,
    Objection,
    ObjectionDecision,
    ObjectionReason,
    ObjectionStatus,
    RefusalBasis,
    RegisterCounter,
    RequestDocument,
    RequesterEmail,
    RequestNote,
    ServiceInfo,
    ServiceReportText,
    Status,
)
from ppid.numbering import next_number

REQUESTER = "Pemohon"


class PpidError(Exception):
    """A refused action, with a message for the person who tried it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {Status.IN_PROCESS, Status.EXTENDED, Status.ANSWERED},
    Status.IN_PROCESS: {Status.EXTENDED, Status.ANSWERED},
    Status.EXTENDED: {Status.ANSWERED},
    Status.ANSWERED: {Status.CLOSED},
    Status.CLOSED: set(),
}
# Steps the requester is told about by email.
PUBLIC_STEPS = {Status.IN_PROCESS, Status.EXTENDED, Status.ANSWERED}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(request: InfoRequest, token: str) -> bool:
    return secrets.compare_digest(hash_token(token or ""), request.token_hash)


def tracking_path(request: InfoRequest, token: str) -> str:
    return reverse("ppid:track", args=[request.pk, token])


@dataclass
class RequesterData:
    requester_type: str
    name: str
    address: str
    phone: str
    information: str
    purpose: str
    obtain_method: str
    delivery_method: str
    nik: str = ""
    entity_registration: str = ""
    email: str = ""
    occupation: str = ""
    on_behalf: bool = False


@dataclass
class Submitted:
    request: InfoRequest
    token: str


def _queue_email(request: InfoRequest, template: str, context: dict[str, object]) -> None:
    if not request.email:
        return
    context = {"req": request, "office": settings.OFFICE_NAME, **context}
    subject = f"[{request.number}] " + render_to_string(f"ppid/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"ppid/email/{template}.txt", context)
    email = RequesterEmail.objects.create(request=request, to=request.email, subject=subject[:200], body=body)
    from ppid.tasks import send_requester_email

    enqueue_on_commit(send_requester_email, email.pk)


@transaction.atomic
def request_submit(
    *,
    data: RequesterData,
    identity_document: UploadedFile | None,
    power_of_attorney: UploadedFile | None = None,
    channel: str = Channel.WEB,
    actor: User | None = None,
    received_at: datetime | None = None,
) -> Submitted:
    """Register a request: its gapless number, its deadline, the audit entry and the
    confirmation email with the tracking link, all in one transaction."""
    received_at = received_at or timezone.now()
    received = deadlines.received_date(received_at)
    sequence, number = next_number(RegisterCounter.Register.REQUEST, received)
    token = secrets.token_urlsafe(32)
    due = deadlines.answer_due(received)
    request = InfoRequest(
        number=number,
        year=received.year,
        sequence=sequence,
        channel=channel,
        token_hash=hash_token(token),
        received_at=received_at,
        received_date=received,
        due_date=due,
        deadline=due,
        **data.__dict__,
    )
    if identity_document is not None:
        request.identity_document.save(identity_document.name or "identitas", identity_document, save=False)
    if power_of_attorney is not None:
        request.power_of_attorney.save(power_of_attorney.name or "kuasa", power_of_attorney, save=False)
    request.save()
    audit.record(
        actor=actor,
        obj=request,
        action="ppid.request.submit",
        new=Status.RECEIVED,
        note=str(Channel(channel).label),
        actor_label="" if actor else REQUESTER,
    )
    link = settings.SITE_URL.rstrip("/") + tracking_path(request, token)
    _queue_email(request, "submitted", {"link": link})
    return Submitted(request, token)


@dataclass
class AnswerData:
    decision: str
    answer: str
    refusal_basis: str = ""
    exempt_ground: str = ""
    consequence_test: str = ""
    dip_item: DipItem | None = None
    fee: int = 0
    documents: Sequence[tuple[str, UploadedFile]] = field(default_factory=list)


def _check_answer(answer: AnswerData) -> None:
    if answer.decision not in Decision.values:
        raise PpidError(_("Pilih putusan atas permohonan."))
    if not answer.answer.strip():
        raise PpidError(_("Tuliskan isi jawaban (pemberitahuan tertulis)."))
    if answer.decision == Decision.REFUSED and answer.refusal_basis not in RefusalBasis.values:
        raise PpidError(_("Penolakan harus menyebutkan dasar hukumnya."))
    if answer.refusal_basis == RefusalBasis.EXEMPT:
        if answer.dip_item is not None:
            if not answer.dip_item.is_exempt:
                raise PpidError(_("Item DIP yang dirujuk bukan informasi yang dikecualikan."))
            answer.exempt_ground = answer.exempt_ground or answer.dip_item.exempt_ground
            answer.consequence_test = answer.consequence_test or answer.dip_item.consequence_test
        if not answer.exempt_ground or not answer.consequence_test.strip():
            raise PpidError(
                _(
                    "Penolakan karena informasi dikecualikan harus menyebut pasal 17 yang dipakai "
                    "dan uji konsekuensinya."
                )
            )


def _apply_answer(request: InfoRequest, answer: AnswerData, now: datetime) -> None:
    _check_answer(answer)
    refused = answer.decision == Decision.REFUSED
    request.decision = answer.decision
    request.answer = answer.answer
    request.refusal_basis = answer.refusal_basis if refused else ""
    exempt = refused and answer.refusal_basis == RefusalBasis.EXEMPT
    request.exempt_ground = answer.exempt_ground if exempt else ""
    request.consequence_test = answer.consequence_test if exempt else ""
    request.dip_item = answer.dip_item if exempt else None
    request.fee = answer.fee
    request.answered_at = now
    request.answered_date = timezone.localdate(now)
    request.working_days_to_answer = max(0, working_days_between(request.received_date, request.answered_date))
    for title, upload in answer.documents:
        document = RequestDocument(request=request, title=title)
        document.file.save(upload.name or "dokumen", upload, save=False)
        document.save()


@transaction.atomic
def request_transition(
    *,
    request_id: int,
    to: str,
    actor: User,
    note: str = "",
    extension_reason: str = "",
    answer: AnswerData | None = None,
) -> InfoRequest:
    """Move a request along received → in process → (extended) → answered → closed."""
    request = InfoRequest.objects.select_for_update().get(pk=request_id)
    if to not in ALLOWED_TRANSITIONS[request.status]:
        raise PpidError(
            _("Permohonan berstatus %(old)s tidak dapat diubah menjadi %(new)s.")
            % {"old": request.get_status_display(), "new": Status(to).label}
        )
    now = timezone.now()
    old = request.status
    if to == Status.EXTENDED:
        if not extension_reason.strip():
            raise PpidError(_("Perpanjangan waktu harus disertai alasan tertulis."))
        if timezone.localdate(now) > request.due_date:
            raise PpidError(_("Perpanjangan hanya dapat diberikan sebelum batas 10 hari kerja berakhir."))
        request.extension_reason = extension_reason.strip()
        request.extended_at = now
        request.deadline = deadlines.extended_due(request.due_date)
        note = note or request.extension_reason
    elif to == Status.ANSWERED:
        if answer is None:
            raise PpidError(_("Jawaban belum diisi."))
        _apply_answer(request, answer, now)
    elif to == Status.CLOSED:
        request.closed_at = now
    request.status = to
    request.save()
    audit.record(actor=actor, obj=request, action="ppid.request.transition", old=old, new=to, note=note)
    if to in PUBLIC_STEPS:
        _queue_email(request, f"status_{to}", {})
    return request


@transaction.atomic
def request_assign(*, request_id: int, actor: User, officer: User | None, unit_id: int | None) -> InfoRequest:
    request = InfoRequest.objects.select_for_update().get(pk=request_id)
    old = f"{request.assigned_officer_id or '-'}/{request.assigned_unit_id or '-'}"
    request.assigned_officer = officer
    request.assigned_unit_id = unit_id
    request.save(update_fields=["assigned_officer", "assigned_unit", "updated_at"])
    new = f"{request.assigned_officer_id or '-'}/{request.assigned_unit_id or '-'}"
    audit.record(actor=actor, obj=request, action="ppid.request.assign", old=old, new=new)
    return request


@transaction.atomic
def request_add_note(*, request_id: int, actor: User, text: str) -> RequestNote:
    if not text.strip():
        raise PpidError(_("Catatan tidak boleh kosong."))
    request = InfoRequest.objects.get(pk=request_id)
    note = RequestNote.objects.create(request=request, author=actor, text=text.strip())
    audit.record(actor=actor, obj=request, action="ppid.request.note", note=_("Catatan internal ditambahkan"))
    return note


# Objections -------------------------------------------------------------------------------


def objection_reasons(request: InfoRequest, today: date) -> dict[str, date]:
    """The Pasal 35(1) reasons that fit this request's history, each with the day it arose."""
    found: dict[str, date] = {ObjectionReason.B: request.received_date}
    answered = request.answered_date
    if answered is None:
        if request.is_open and today > request.deadline:
            found[ObjectionReason.C] = request.deadline
        return found
    if request.decision == Decision.REFUSED and request.refusal_basis == RefusalBasis.EXEMPT:
        found[ObjectionReason.A] = answered
    found[ObjectionReason.D] = answered
    if request.decision in (Decision.PARTLY_GRANTED, Decision.REFUSED):
        found[ObjectionReason.E] = answered
    if request.fee > 0:
        found[ObjectionReason.F] = answered
    if request.answered_late:
        found[ObjectionReason.G] = answered
    return dict(sorted(found.items()))


def objection_open_reasons(request: InfoRequest, today: date) -> dict[str, date]:
    """Reasons still inside their 30-working-day window (value: the window's last day)."""
    ends = {
        reason: deadlines.objection_window_end(arose) for reason, arose in objection_reasons(request, today).items()
    }
    return {reason: end for reason, end in ends.items() if today <= end}


@transaction.atomic
def objection_file(*, request_id: int, reasons: Sequence[str], description: str) -> Objection:
    """File the requester's objection; refused when a reason does not apply or its window closed."""
    request = InfoRequest.objects.select_for_update().get(pk=request_id)
    if Objection.objects.filter(request=request).exists():
        raise PpidError(_("Keberatan atas permohonan ini sudah diajukan."))
    now = timezone.now()
    today = timezone.localdate(now)
    if not reasons:
        raise PpidError(_("Pilih sedikitnya satu alasan keberatan."))
    if not description.strip():
        raise PpidError(_("Uraikan keberatan Anda."))
    fitting = objection_reasons(request, today)
    still_open = objection_open_reasons(request, today)
    for reason in reasons:
        if reason not in fitting:
            raise PpidError(_("Alasan keberatan “%(r)s” tidak sesuai dengan riwayat permohonan ini.") % {"r": reason})
        if reason not in still_open:
            end = deadlines.objection_window_end(fitting[reason])
            raise PpidError(
                _("Batas waktu pengajuan keberatan dengan alasan “%(r)s” telah lewat pada %(end)s (30 hari kerja).")
                % {"r": reason, "end": f"{end:%d-%m-%Y}"}
            )
    sequence, number = next_number(RegisterCounter.Register.OBJECTION, today)
    objection = Objection.objects.create(
        request=request,
        number=number,
        year=today.year,
        sequence=sequence,
        reasons=sorted(set(reasons)),
        description=description.strip(),
        filed_at=now,
        filed_date=today,
        due_date=deadlines.objection_answer_due(today),
    )
    audit.record(
        actor=None, actor_label=REQUESTER, obj=objection, action="ppid.objection.file", new=ObjectionStatus.FILED
    )
    _queue_email(request, "objection_filed", {"objection": objection})
    return objection


def _locked_objection(objection_id: int, expected: str) -> Objection:
    objection = Objection.objects.select_for_update().select_related("request").get(pk=objection_id)
    if objection.status != expected:
        raise PpidError(
            _("Keberatan berstatus %(s)s; tindakan ini tidak dapat dilakukan.") % {"s": objection.get_status_display()}
        )
    return objection


@transaction.atomic
def objection_decide(*, objection_id: int, actor: User, decision: str, text: str) -> Objection:
    """The Atasan PPID's written answer to the objection."""
    objection = _locked_objection(objection_id, ObjectionStatus.FILED)
    if decision not in ObjectionDecision.values:
        raise PpidError(_("Pilih putusan keberatan."))
    if not text.strip():
        raise PpidError(_("Tuliskan pertimbangan dan tanggapan atas keberatan."))
    now = timezone.now()
    objection.decision = decision
    objection.decision_text = text.strip()
    objection.decided_at = now
    objection.decided_date = timezone.localdate(now)
    objection.decided_by = actor
    objection.status = ObjectionStatus.DECIDED
    objection.save()
    audit.record(actor=actor, obj=objection, action="ppid.objection.decide", old=ObjectionStatus.FILED, new=decision)
    _queue_email(objection.request, "objection_decided", {"objection": objection})
    return objection


@transaction.atomic
def objection_record_dispute(*, objection_id: int, actor: User | None, filed_date: date) -> Objection:
    """The requester took the matter to the Komisi Informasi (within 14 working days)."""
    objection = _locked_objection(objection_id, ObjectionStatus.DECIDED)
    assert objection.decided_date is not None
    end = deadlines.dispute_window_end(objection.decided_date)
    today = timezone.localdate()
    if actor is None and today > end:
        # The requester records it online only while the window runs; later, the office does.
        raise PpidError(
            _(
                "Batas waktu pengajuan sengketa (14 hari kerja) telah lewat pada %(end)s. "
                "Bila Anda sudah mengajukannya, hubungi petugas PPID."
            )
            % {"end": f"{end:%d-%m-%Y}"}
        )
    if not objection.decided_date <= filed_date <= min(end, today):
        raise PpidError(
            _("Sengketa harus diajukan antara %(start)s dan %(end)s (14 hari kerja setelah tanggapan atasan).")
            % {"start": f"{objection.decided_date:%d-%m-%Y}", "end": f"{end:%d-%m-%Y}"}
        )
    objection.dispute_filed_date = filed_date
    objection.status = ObjectionStatus.DISPUTED
    objection.save()
    audit.record(
        actor=actor,
        actor_label="" if actor else REQUESTER,
        obj=objection,
        action="ppid.objection.dispute",
        old=ObjectionStatus.DECIDED,
        new=ObjectionStatus.DISPUTED,
    )
    return objection


@transaction.atomic
def objection_record_outcome(*, objection_id: int, actor: User, outcome: str, note: str = "") -> Objection:
    objection = _locked_objection(objection_id, ObjectionStatus.DISPUTED)
    if outcome not in DisputeOutcome.values:
        raise PpidError(_("Pilih hasil sengketa."))
    objection.dispute_outcome = outcome
    objection.dispute_note = note.strip()
    objection.status = ObjectionStatus.DISPUTE_RESOLVED
    objection.save()
    audit.record(actor=actor, obj=objection, action="ppid.objection.outcome", old=ObjectionStatus.DISPUTED, new=outcome)
    return objection


# DIP catalogue, service page, report narrative ----------------------------------------------


@transaction.atomic
def dip_item_save(*, form: forms.ModelForm[DipItem], actor: User) -> DipItem:
    """Create or update a DIP item; an item that becomes exempt loses its public documents."""
    created = form.instance.pk is None
    item = form.save()
    if item.is_exempt:
        for document in item.documents.all():
            document.file.delete(save=False)
        item.documents.all().delete()
    audit.record(actor=actor, obj=item, action="ppid.dip.create" if created else "ppid.dip.update", new=item.category)
    return item


@transaction.atomic
def dip_document_add(*, item_id: int, actor: User, title: str, upload: UploadedFile) -> DipDocument:
    item = DipItem.objects.select_for_update().get(pk=item_id)
    if item.is_exempt:
        raise PpidError(_("Informasi yang dikecualikan tidak boleh memiliki dokumen unduhan."))
    document = DipDocument(item=item, title=title)
    document.file.save(upload.name or "dokumen", upload, save=False)
    document.save()
    audit.record(actor=actor, obj=item, action="ppid.dip.document_add", note=title)
    return document


@transaction.atomic
def dip_document_delete(*, document_id: int, actor: User) -> None:
    document = DipDocument.objects.select_related("item").get(pk=document_id)
    audit.record(actor=actor, obj=document.item, action="ppid.dip.document_delete", note=document.title)
    document.file.delete(save=False)
    document.delete()


@transaction.atomic
def service_info_save(*, form: forms.ModelForm[ServiceInfo], actor: User) -> ServiceInfo:
    info = form.save(commit=False)
    info.pk = 1
    info.save()
    audit.record(actor=actor, obj=info, action="ppid.service_info.update")
    return info


@transaction.atomic
def report_text_save(
    *, form: forms.ModelForm[ServiceReportText], year: int, quarter: int, actor: User
) -> ServiceReportText:
    text = form.save(commit=False)
    text.year, text.quarter = year, quarter
    text.save()
    audit.record(actor=actor, obj=text, action="ppid.report_text.update", note=f"{year}/{quarter}")
    return text


# Retention ----------------------------------------------------------------------------------

ANONYMISED_NAME = "Pemohon (dianonimkan)"
# Objections still running keep their request's data until they end.
_RUNNING_OBJECTION = Q(objection__status__in=[ObjectionStatus.FILED, ObjectionStatus.DISPUTED])


def retention_cutoff(*, years: int, now: datetime | None = None) -> datetime:
    now = now or timezone.now()
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def anonymisable(cutoff: datetime) -> QuerySet[InfoRequest]:
    """Closed before ``cutoff``, not yet anonymised, with no objection or dispute still running."""
    return (
        InfoRequest.objects.filter(status=Status.CLOSED, closed_at__lt=cutoff, anonymised_at=None)
        .exclude(_RUNNING_OBJECTION)
        .order_by("id")
    )


@transaction.atomic
def request_anonymise(*, request_id: int, actor: User | None = None) -> bool:
    """Strip one closed request of its requester's personal data, keeping what the registers
    count (number, dates, channel, outcome, refusal basis, working days, fee). The identity
    scans are deleted from storage once the transaction commits. False when already done."""
    request = InfoRequest.objects.select_for_update().get(pk=request_id)
    if request.anonymised_at is not None:
        return False
    if request.status != Status.CLOSED:
        raise PpidError(_("Hanya permohonan yang sudah selesai yang dapat dianonimkan."))
    files = [f.name for f in (request.identity_document, request.power_of_attorney) if f and f.name]
    storage = request.identity_document.storage
    request.name = ANONYMISED_NAME
    request.nik = request.entity_registration = ""
    request.address = request.phone = request.email = request.occupation = ""
    request.purpose = ""
    request.on_behalf = False
    request.identity_document = request.power_of_attorney = ""  # type: ignore[assignment]
    request.token_hash = hash_token(secrets.token_urlsafe(32))  # no tracking link opens it again
    request.anonymised_at = timezone.now()
    request.save()
    request.emails.all().delete()  # the outbox copies hold the address and the tracking link
    Objection.objects.filter(request=request).update(description=_("(dianonimkan)"), dispute_note="")
    audit.record(
        actor=actor,
        actor_label="" if actor else "Sistem (retensi)",
        obj=request,
        action="ppid.request.anonymise",
        note=_("%(n)d berkas identitas dihapus") % {"n": len(files)},
    )

    def delete_files() -> None:
        for name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return True


def requests_anonymise(*, years: int, now: datetime | None = None, actor: User | None = None) -> int:
    """Anonymise every request closed more than ``years`` years ago; one transaction each, so a
    long run holds no lock for long and can be interrupted and resumed. Returns how many."""
    if years < 1:
        raise PpidError(_("Masa retensi paling sedikit 1 tahun."))
    cutoff = retention_cutoff(years=years, now=now)
    done = 0
    for request_id in anonymisable(cutoff).values_list("id", flat=True).iterator(chunk_size=500):
        done += request_anonymise(request_id=request_id, actor=actor)
    return done
