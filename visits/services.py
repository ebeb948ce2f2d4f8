"""Every write of the visits app: requests, scheduling, the delegation's link, the day, the report.

Double booking is refused by the database (the exclusion constraint on ``Visit``); the code
checks first for a friendly message, and turns the constraint's IntegrityError, which is what
a concurrent approval meets, into the same message.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from humas import audit
from humas.models import Unit, User
from humas.tasking import enqueue_on_commit
from humas.uploads import check_image, check_pdf
from humas.workdays import WorkingCalendar, working_days_between
from visits import availability, invites
from visits.models import (
    Blackout,
    Participant,
    Room,
    Visit,
    VisitCounter,
    VisitEmail,
    VisitEvent,
    VisitPhoto,
    VisitReport,
    VisitStatus,
    WaitingListEntry,
)

DELEGATION = "Rombongan"
COORDINATOR_DESK = "Koordinator Kunjungan"
MAX_PARTICIPANT_ROWS = 500
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
CHECKIN_SALT = "visits.checkin"


class VisitError(Exception):
    """A refused action, with a message for the person who tried it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def room_taken() -> str:
    return _("Ruangan sudah terpakai pada waktu itu, pilih waktu lain")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(stored_hash: str, token: str) -> bool:
    return bool(stored_hash) and secrets.compare_digest(hash_token(token or ""), stored_hash)


def status_path(visit: Visit, token: str) -> str:
    return reverse("visits:status", args=[visit.pk, token])


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _lock(visit_id: int) -> Visit:
    return Visit.objects.select_for_update(of=("self",)).select_related("room").get(pk=visit_id)


def _require(visit: Visit, allowed: Sequence[str]) -> None:
    if visit.status not in allowed:
        raise VisitError(
            _("Tindakan ini tidak dapat dilakukan untuk kunjungan berstatus %(status)s.")
            % {"status": visit.get_status_display()}
        )


def _event(visit: Visit, kind: str, *, actor: User | None = None, holder: str = "", note: str = "") -> None:
    VisitEvent.objects.create(visit=visit, kind=kind, actor=actor, holder=holder, note=note)


def _audit(visit: Visit, action: str, *, actor: User | None, old: str = "", note: str = "", **data: Any) -> None:
    label = "" if actor else DELEGATION
    audit.record(
        actor=actor,
        obj=visit,
        action=f"visits.visit.{action}",
        old=old,
        new=visit.status,
        note=note,
        actor_label=label,
        data=data or None,
    )


def _queue_email(
    visit: Visit,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    to: list[str] | None = None,
    ics: str = "",
    attach_letter: bool = False,
) -> VisitEmail | None:
    """Write the mail as an outbox row (text and HTML) and queue its sending after commit."""
    recipients = [address for address in (to or [visit.contact_email]) if address]
    if not recipients:
        return None
    context = {"visit": visit, "office": settings.OFFICE_NAME, **(context or {})}
    subject = render_to_string(f"visits/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"visits/email/{template}.txt", context)
    html = render_to_string("visits/email/base.html", {**context, "body": body, "subject": subject})
    email = VisitEmail.objects.create(
        visit=visit,
        to=recipients,
        subject=f"[{visit.reference}] {subject}"[:200],
        body=body,
        html=html,
        ics=ics,
        attach_letter=attach_letter,
    )
    from visits.tasks import send_visit_email

    enqueue_on_commit(send_visit_email, email.pk)
    return email


def _next_reference(day: date) -> tuple[int, str]:
    VisitCounter.objects.get_or_create(year=day.year)
    counter = VisitCounter.objects.select_for_update().get(year=day.year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, f"{counter.last:03d}/KUNJ/HUMAS/{ROMAN[day.month - 1]}/{day.year}"


def _save_booking(visit: Visit, fields: list[str]) -> None:
    """Save a change of room, time or hold; the exclusion constraint has the last word."""
    try:
        with transaction.atomic():
            visit.save(update_fields=[*fields, "updated_at"])
    except IntegrityError as error:
        if "visits_no_double_booking" in str(error):
            raise VisitError(room_taken()) from None
        raise


def _check_free(room: Room, start: datetime, end: datetime, *, exclude: int | None) -> None:
    if Visit.objects.filter(availability.slot_conflicts(room.pk, start, end, exclude=exclude)).exists():
        raise VisitError(room_taken())


def _hold_until(now: datetime) -> datetime:
    return now + timedelta(days=settings.VISITS_HOLD_DAYS)


# Requests (public) ------------------------------------------------------------------------


@dataclass
class VisitData:
    institution: str
    kind: str
    leader_name: str
    leader_position: str
    contact_name: str
    contact_phone: str
    contact_email: str
    participants_count: int
    purpose: str
    preferred_start: datetime
    alternative_start: datetime | None = None
    contact_whatsapp: bool = True
    topics_other: str = ""
    topic_ids: list[int] = field(default_factory=list)
    participants: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Submitted:
    visit: Visit
    token: str
    waiting: bool = False


@transaction.atomic
def visit_submit(
    *,
    data: VisitData,
    request_letter: UploadedFile,
    assignment_letter: UploadedFile | None = None,
    join_waiting_list: bool = False,
    now: datetime | None = None,
) -> Submitted:
    """Register a request: its reference, a tentative hold of a free room for the preferred
    time (or a waiting-list place on a full day), the trail, the audit entry and the mail."""
    now = now or timezone.now()
    check_pdf(request_letter)
    if assignment_letter:
        check_pdf(assignment_letter)
    if len(data.participants) > data.participants_count:
        raise VisitError(_("Daftar peserta lebih panjang dari jumlah peserta yang diisi."))
    status, room, error = availability.check_request(
        data.preferred_start, data.participants_count, today=timezone.localdate(now), allow_full=join_waiting_list
    )
    if error:
        raise VisitError(error)
    waiting = room is None
    sequence, reference = _next_reference(timezone.localdate(now))
    token = secrets.token_urlsafe(32)
    start = data.preferred_start
    visit = Visit(
        reference=reference,
        year=timezone.localdate(now).year,
        sequence=sequence,
        institution=data.institution,
        kind=data.kind,
        leader_name=data.leader_name,
        leader_position=data.leader_position,
        contact_name=data.contact_name,
        contact_phone=data.contact_phone,
        contact_whatsapp=data.contact_whatsapp,
        contact_email=data.contact_email,
        participants_count=data.participants_count,
        purpose=data.purpose,
        topics_other=data.topics_other,
        preferred_start=start,
        alternative_start=data.alternative_start,
        token_hash=hash_token(token),
        token_expires_at=start + timedelta(days=settings.VISITS_TOKEN_DAYS),
        requested_at=now,
    )
    if not waiting:
        visit.room = room
        visit.slot = DateTimeTZRange(start, start + availability.visit_duration())
        visit.holds_slot = True
        visit.hold_until = _hold_until(now)
    visit.request_letter.save("permohonan.pdf", request_letter, save=False)
    if assignment_letter:
        visit.assignment_letter.save("surat-tugas.pdf", assignment_letter, save=False)
    try:
        with transaction.atomic():
            visit.save()
    except IntegrityError as error_:
        if "visits_no_double_booking" in str(error_):
            raise VisitError(_("Jadwal itu baru saja terisi. Pilih jam atau hari lain.")) from None
        raise
    visit.topics.set(data.topic_ids)
    Participant.objects.bulk_create(
        Participant(visit=visit, name=name, position=position, position_in_list=index)
        for index, (name, position) in enumerate(data.participants[:MAX_PARTICIPANT_ROWS])
    )
    if waiting:
        WaitingListEntry.objects.create(visit=visit, day=status.day, created_at=now)
    _event(visit, VisitEvent.Kind.RECEIVED, holder=COORDINATOR_DESK, note=_("Permohonan daring"))
    _audit(visit, "submit", actor=None, waiting=waiting)
    link = absolute(status_path(visit, token))
    _queue_email(visit, "submitted", {"link": link, "waiting": waiting})
    return Submitted(visit=visit, token=token, waiting=waiting)


def visit_for_token(visit_id: int, token: str, *, now: datetime | None = None) -> Visit:
    """The visit a status link points to; VisitError for an unknown, expired or foreign token."""
    visit = Visit.objects.select_related("room").filter(pk=visit_id).first()
    if visit is None or not token_matches(visit.token_hash, token):
        raise VisitError(_("Tautan tidak sah. Periksa kembali tautan dari surel konfirmasi Anda."))
    if visit.token_expires_at < (now or timezone.now()):
        raise VisitError(_("Tautan ini sudah kedaluwarsa. Hubungi kami untuk informasi kunjungan Anda."))
    return visit


# Disposition and scheduling (coordinator) ---------------------------------------------------


@transaction.atomic
def visit_forward(*, visit_id: int, actor: User, holder: str, note: str = "") -> Visit:
    """Record that the request now sits with ``holder`` (the Kabag, the leadership ...)."""
    visit = _lock(visit_id)
    _require(visit, [VisitStatus.REQUESTED, VisitStatus.PROPOSED])
    _event(visit, VisitEvent.Kind.FORWARDED, actor=actor, holder=holder, note=note)
    _audit(visit, "forward", actor=actor, old=visit.status, note=f"{holder}: {note}".strip(": "))
    return visit


@dataclass
class Booking:
    visit: Visit
    warnings: list[str]


def _validate_slot(visit: Visit, room: Room, start: datetime, end: datetime) -> None:
    if end <= start:
        raise VisitError(_("Waktu selesai harus setelah waktu mulai."))
    if timezone.localtime(start).date() != timezone.localtime(end).date():
        raise VisitError(_("Kunjungan harus mulai dan selesai pada hari yang sama."))
    if visit.participants_count > room.capacity:
        raise VisitError(
            _("Jumlah peserta (%(n)s) melebihi kapasitas %(room)s (%(cap)s orang).")
            % {"n": visit.participants_count, "room": room.name, "cap": room.capacity}
        )


def host_overlaps(visit: Visit, host_ids: Sequence[int], start: datetime, end: datetime) -> list[str]:
    """Warnings for hosts already booked in another visit at that time."""
    clashes = (
        Visit.objects.blocking()
        .filter(slot__overlap=(start, end), hosts__in=host_ids)
        .exclude(pk=visit.pk)
        .values_list("reference", "institution", "hosts__first_name", "hosts__last_name", "hosts__username")
        .distinct()
    )
    return [
        _("%(host)s juga menerima %(institution)s (%(ref)s) pada waktu yang bertumpang tindih.")
        % {"host": f"{first} {last}".strip() or username, "institution": institution, "ref": reference}
        for reference, institution, first, last, username in clashes
    ]


def _book(visit: Visit, *, room: Room, start: datetime, end: datetime) -> None:
    _validate_slot(visit, room, start, end)
    _check_free(room, start, end, exclude=visit.pk)
    visit.room = room
    visit.slot = DateTimeTZRange(start, end)


def _confirmation_mail(visit: Visit, template: str, context: dict[str, Any] | None = None) -> None:
    hosts = [host.email for host in visit.hosts.all() if host.email]
    extra = {"checkin_code": checkin_code(visit), **(context or {})}
    _queue_email(visit, template, extra, ics=invites.visit_ics(visit), attach_letter=True)
    if hosts:
        _queue_email(visit, "host_booked", extra, to=hosts, ics=invites.visit_ics(visit))


@transaction.atomic
def visit_approve(
    *,
    visit_id: int,
    actor: User,
    start: datetime,
    end: datetime,
    room_id: int,
    host_ids: Sequence[int] = (),
    agenda: str = "",
) -> Booking:
    """Confirm a request with its room, time, hosts and agenda; mail the invite and the letter."""
    visit = _lock(visit_id)
    _require(visit, [VisitStatus.REQUESTED, VisitStatus.PROPOSED])
    room = Room.objects.get(pk=room_id)
    old = visit.status
    _book(visit, room=room, start=start, end=end)
    visit.status = VisitStatus.CONFIRMED
    visit.holds_slot, visit.hold_until = False, None
    visit.agenda = agenda.strip()
    visit.coordinator = actor
    visit.confirmed_at = visit.decided_at = timezone.now()
    visit.checkin_nonce = secrets.token_hex(8)
    visit.token_expires_at = end + timedelta(days=settings.VISITS_TOKEN_DAYS)
    fields = ["status", "room", "slot", "holds_slot", "hold_until", "agenda", "coordinator", "confirmed_at"]
    _save_booking(visit, [*fields, "decided_at", "checkin_nonce", "token_expires_at"])
    visit.hosts.set(host_ids)
    WaitingListEntry.objects.filter(visit=visit).delete()
    _event(visit, VisitEvent.Kind.DECIDED, actor=actor, holder=COORDINATOR_DESK, note=_("Disetujui"))
    _audit(visit, "approve", actor=actor, old=old, note=f"{room.name} {timezone.localtime(start):%d-%m-%Y %H:%M}")
    _confirmation_mail(visit, "confirmed")
    return Booking(visit=visit, warnings=host_overlaps(visit, host_ids, start, end) + day_warnings(start))


def day_warnings(start: datetime) -> list[str]:
    """Staff may book outside the public rules, but are told when the day is closed."""
    day = timezone.localtime(start).date()
    warnings = []
    reason = WorkingCalendar(day, day).reason_closed(day)
    if reason:
        warnings.append(
            _("Perhatian: %(day)s bukan hari kerja (%(reason)s).") % {"day": f"{day:%d-%m-%Y}", "reason": reason}
        )
    blackout = Blackout.objects.filter(start_date__lte=day, end_date__gte=day).first()
    if blackout:
        warnings.append(
            _("Perhatian: %(day)s termasuk masa tidak menerima kunjungan (%(reason)s).")
            % {"day": f"{day:%d-%m-%Y}", "reason": blackout.reason}
        )
    return warnings


@transaction.atomic
def visit_reschedule(*, visit_id: int, actor: User, start: datetime, end: datetime, room_id: int) -> Booking:
    """Move a confirmed visit; the delegation gets an updated invite (same UID, next SEQUENCE)."""
    visit = _lock(visit_id)
    _require(visit, [VisitStatus.CONFIRMED])
    room = Room.objects.get(pk=room_id)
    _book(visit, room=room, start=start, end=end)
    visit.ics_sequence += 1
    visit.reschedule_request = ""
    visit.reminder_sent_at = None
    visit.token_expires_at = end + timedelta(days=settings.VISITS_TOKEN_DAYS)
    fields = ["room", "slot", "ics_sequence", "reschedule_request", "reminder_sent_at", "token_expires_at"]
    _save_booking(visit, fields)
    _event(visit, VisitEvent.Kind.DECIDED, actor=actor, holder=COORDINATOR_DESK, note=_("Dijadwalkan ulang"))
    _audit(visit, "reschedule", actor=actor, old=visit.status, note=f"{timezone.localtime(start):%d-%m-%Y %H:%M}")
    _confirmation_mail(visit, "rescheduled")
    host_ids = list(visit.hosts.values_list("pk", flat=True))
    return Booking(visit=visit, warnings=host_overlaps(visit, host_ids, start, end) + day_warnings(start))


@transaction.atomic
def visit_propose(*, visit_id: int, actor: User, start: datetime, end: datetime, room_id: int, note: str = "") -> Visit:
    """Offer the delegation another time; the slot is held until it answers or the hold ends."""
    visit = _lock(visit_id)
    _require(visit, [VisitStatus.REQUESTED, VisitStatus.PROPOSED])
    room = Room.objects.get(pk=room_id)
    old = visit.status
    _book(visit, room=room, start=start, end=end)
    visit.status = VisitStatus.PROPOSED
    visit.holds_slot, visit.hold_until = True, _hold_until(timezone.now())
    visit.proposal_note = note.strip()
    visit.coordinator = actor
    _save_booking(visit, ["status", "room", "slot", "holds_slot", "hold_until", "proposal_note", "coordinator"])
    WaitingListEntry.objects.filter(visit=visit).delete()
    _event(visit, VisitEvent.Kind.PROPOSED, actor=actor, holder=DELEGATION, note=note)
    _audit(visit, "propose", actor=actor, old=old, note=f"{timezone.localtime(start):%d-%m-%Y %H:%M}")
    _queue_email(visit, "proposed", {"note": note})
    return visit


@transaction.atomic
def visit_proposal_respond(*, visit_id: int, accept: bool, note: str = "") -> Visit:
    """The delegation accepts the proposed time (confirmed) or declines it (back to the queue)."""
    visit = _lock(visit_id)
    _require(visit, [VisitStatus.PROPOSED])
    assert visit.slot is not None and visit.room is not None
    if accept:
        _check_free(visit.room, visit.slot.lower, visit.slot.upper, exclude=visit.pk)
        visit.status = VisitStatus.CONFIRMED
        visit.confirmed_at = visit.decided_at = timezone.now()
        visit.checkin_nonce = secrets.token_hex(8)
        visit.token_expires_at = visit.slot.upper + timedelta(days=settings.VISITS_TOKEN_DAYS)
    else:
        visit.status = VisitStatus.REQUESTED
    visit.holds_slot, visit.hold_until = False, None
    fields = ["status", "holds_slot", "hold_until", "confirmed_at", "decided_at", "checkin_nonce", "token_expires_at"]
    _save_booking(visit, fields)
    label = _("Menerima usulan waktu") if accept else _("Menolak usulan waktu")
    _event(visit, VisitEvent.Kind.DELEGATION, holder=COORDINATOR_DESK, note=f"{label}. {note}".strip(". "))
    _audit(visit, "accept" if accept else "reject_proposal", actor=None, old=VisitStatus.PROPOSED, note=note)
    if accept:
        _confirmation_mail(visit, "confirmed")
    else:
        _queue_email(visit, "proposal_declined", {"note": note})
    return visit


@transaction.atomic
def visit_decline(*, visit_id: int, actor: User, reason: str) -> Visit:
    if not reason.strip():
        raise VisitError(_("Alasan penolakan wajib diisi."))
    visit = _lock(visit_id)
    _require(visit, [VisitStatus.REQUESTED, VisitStatus.PROPOSED])
    old = visit.status
    visit.status = VisitStatus.DECLINED
    visit.decline_reason = reason.strip()
    visit.holds_slot, visit.hold_until = False, None
    visit.decided_at = timezone.now()
    visit.coordinator = actor
    visit.save(update_fields=["status", "decline_reason", "holds_slot", "hold_until", "decided_at", "coordinator"])
    WaitingListEntry.objects.filter(visit=visit).delete()
    _event(visit, VisitEvent.Kind.DECIDED, actor=actor, holder=COORDINATOR_DESK, note=_("Ditolak: ") + reason)
    _audit(visit, "decline", actor=actor, old=old, note=reason)
    _queue_email(visit, "declined", {"reason": reason})
    return visit


@transaction.atomic
def visit_cancel(*, visit_id: int, actor: User | None, reason: str, now: datetime | None = None) -> Visit:
    """Cancel by the delegation (``actor`` None) or the office; a confirmed visit's invite is
    cancelled and its slot offered to the first request waiting for that day."""
    now = now or timezone.now()
    visit = _lock(visit_id)
    _require(visit, [VisitStatus.REQUESTED, VisitStatus.PROPOSED, VisitStatus.CONFIRMED])
    if visit.slot is not None and visit.slot.lower <= now and visit.status == VisitStatus.CONFIRMED:
        raise VisitError(_("Kunjungan yang sudah berlangsung tidak dapat dibatalkan."))
    old = visit.status
    visit.status = VisitStatus.CANCELLED
    visit.cancel_reason = reason.strip()
    visit.holds_slot, visit.hold_until = False, None
    if old == VisitStatus.CONFIRMED:
        visit.ics_sequence += 1
    visit.save(update_fields=["status", "cancel_reason", "holds_slot", "hold_until", "ics_sequence"])
    WaitingListEntry.objects.filter(visit=visit).delete()
    who = COORDINATOR_DESK if actor else DELEGATION
    _event(visit, VisitEvent.Kind.DECIDED if actor else VisitEvent.Kind.DELEGATION, actor=actor, note=reason)
    _audit(visit, "cancel", actor=actor, old=old, note=f"{who}: {reason}")
    if old == VisitStatus.CONFIRMED:
        cancel = invites.visit_ics(visit, cancelled=True)
        _queue_email(visit, "cancelled", {"reason": reason, "by_office": bool(actor)}, ics=cancel)
        hosts = [host.email for host in visit.hosts.all() if host.email]
        if hosts:
            _queue_email(visit, "cancelled", {"reason": reason, "by_office": bool(actor)}, to=hosts, ics=cancel)
    else:
        _queue_email(visit, "cancelled", {"reason": reason, "by_office": bool(actor)})
    if visit.room is not None and visit.slot is not None and old in (VisitStatus.CONFIRMED, VisitStatus.PROPOSED):
        waiting_offer_next(room=visit.room, slot=visit.slot, now=now)
    return visit


def reschedule_deadline(visit: Visit) -> date | None:
    """The last day the delegation may still ask to reschedule through its link."""
    if visit.slot is None:
        return None
    start = timezone.localtime(visit.slot.lower).date()
    day = start
    while working_days_between(day, start) < settings.VISITS_RESCHEDULE_CUTOFF_WORKING_DAYS:
        day -= timedelta(days=1)
    return day


@transaction.atomic
def visit_request_reschedule(*, visit_id: int, note: str, today: date | None = None) -> Visit:
    """The delegation asks for another time; the coordinator then reschedules or keeps it."""
    if not note.strip():
        raise VisitError(_("Tuliskan waktu yang Anda usulkan dan alasannya."))
    visit = _lock(visit_id)
    _require(visit, [VisitStatus.CONFIRMED])
    deadline = reschedule_deadline(visit)
    if deadline is not None and (today or timezone.localdate()) > deadline:
        raise VisitError(
            _("Batas waktu permintaan penjadwalan ulang sudah lewat (%(day)s). Silakan hubungi kami.")
            % {"day": f"{deadline:%d-%m-%Y}"}
        )
    visit.reschedule_request = note.strip()
    visit.save(update_fields=["reschedule_request", "updated_at"])
    _event(visit, VisitEvent.Kind.DELEGATION, holder=COORDINATOR_DESK, note=_("Minta jadwal ulang: ") + note)
    _audit(visit, "reschedule_request", actor=None, old=visit.status, note=note)
    _queue_email(visit, "reschedule_requested", {"note": note})
    return visit


# Waiting list --------------------------------------------------------------------------------


def waiting_offer_next(*, room: Room, slot: DateTimeTZRange, now: datetime) -> WaitingListEntry | None:
    """Offer a freed slot to the first waiting request for that day that fits the room."""
    day = timezone.localtime(slot.lower).date()
    entry = (
        WaitingListEntry.objects.select_for_update(skip_locked=True)
        .select_related("visit")
        .filter(day=day, status=WaitingListEntry.Status.WAITING, visit__participants_count__lte=room.capacity)
        .filter(visit__status=VisitStatus.REQUESTED)
        .order_by("created_at", "id")
        .first()
    )
    if entry is None:
        return None
    token = secrets.token_urlsafe(32)
    entry.status = WaitingListEntry.Status.OFFERED
    entry.offered_room = room
    entry.offered_slot = slot
    entry.offer_token_hash = hash_token(token)
    entry.offer_expires_at = now + timedelta(hours=settings.VISITS_OFFER_HOURS)
    entry.save()
    link = absolute(reverse("visits:offer", args=[entry.pk, token]))
    _audit(entry.visit, "waiting_offer", actor=None, old=entry.visit.status, note=room.name)
    _queue_email(entry.visit, "offer", {"link": link, "entry": entry})
    return entry


def offer_for_token(entry_id: int, token: str, *, now: datetime | None = None) -> WaitingListEntry:
    entry = WaitingListEntry.objects.select_related("visit", "offered_room").filter(pk=entry_id).first()
    if entry is None or not token_matches(entry.offer_token_hash, token):
        raise VisitError(_("Tautan tidak sah. Periksa kembali tautan dari surel penawaran."))
    expires = entry.offer_expires_at
    if entry.status != WaitingListEntry.Status.OFFERED or expires is None or expires < (now or timezone.now()):
        raise VisitError(_("Tawaran jadwal ini sudah kedaluwarsa atau sudah digunakan."))
    return entry


@transaction.atomic
def waiting_accept(*, entry_id: int, token: str, now: datetime | None = None) -> Visit:
    """The waiting delegation takes the offered slot: its request now holds it tentatively."""
    now = now or timezone.now()
    entry = offer_for_token(entry_id, token, now=now)
    entry = WaitingListEntry.objects.select_for_update().get(pk=entry.pk)
    visit = _lock(entry.visit_id)
    room, slot = entry.offered_room, entry.offered_slot
    if room is None or slot is None:
        raise VisitError(_("Tawaran jadwal ini sudah kedaluwarsa atau sudah digunakan."))
    _check_free(room, slot.lower, slot.upper, exclude=visit.pk)
    visit.room, visit.slot = room, slot
    visit.holds_slot, visit.hold_until = True, _hold_until(now)
    _save_booking(visit, ["room", "slot", "holds_slot", "hold_until"])
    entry.status = WaitingListEntry.Status.ACCEPTED
    entry.save(update_fields=["status"])
    _event(visit, VisitEvent.Kind.DELEGATION, holder=COORDINATOR_DESK, note=_("Menerima tawaran dari daftar tunggu"))
    _audit(visit, "waiting_accept", actor=None, old=visit.status, note=room.name)
    return visit


# Periodic work ------------------------------------------------------------------------------


def holds_expire(*, now: datetime | None = None) -> int:
    """Release tentative holds whose time is up, and waiting-list offers nobody took."""
    now = now or timezone.now()
    released = Visit.objects.filter(holds_slot=True, hold_until__lt=now).update(holds_slot=False, updated_at=now)
    WaitingListEntry.objects.filter(status=WaitingListEntry.Status.OFFERED, offer_expires_at__lt=now).update(
        status=WaitingListEntry.Status.EXPIRED
    )
    return released


def reminders_send(*, today: date | None = None) -> int:
    """Mail the contact and the hosts of every confirmed visit that takes place tomorrow."""
    tomorrow = (today or timezone.localdate()) + timedelta(days=1)
    lower = availability.at(tomorrow, datetime.min.time())
    due = Visit.objects.filter(
        status=VisitStatus.CONFIRMED,
        reminder_sent_at=None,
        slot__startswith__gte=lower,
        slot__startswith__lt=lower + timedelta(days=1),
    )
    count = 0
    for visit_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            visit = Visit.objects.select_for_update(skip_locked=True).filter(pk=visit_id, reminder_sent_at=None).first()
            if visit is None:
                continue
            visit.reminder_sent_at = timezone.now()
            visit.save(update_fields=["reminder_sent_at"])
            hosts = [host.email for host in visit.hosts.all() if host.email]
            _queue_email(visit, "reminder", {"checkin_code": checkin_code(visit)})
            if hosts:
                _queue_email(visit, "reminder", {"for_hosts": True}, to=hosts)
            count += 1
    return count


# The day --------------------------------------------------------------------------------------


def checkin_code(visit: Visit) -> str:
    """A signed code naming the visit and its one-time nonce; shown as a QR code and as text."""
    if not visit.checkin_nonce:
        return ""
    return signing.dumps({"v": visit.pk, "n": visit.checkin_nonce}, salt=CHECKIN_SALT, compress=True)


def checkin_url(visit: Visit) -> str:
    code = checkin_code(visit)
    return absolute(reverse("visits:checkin") + f"?kode={code}") if code else ""


@transaction.atomic
def visit_check_in(*, code: str, actor: User, now: datetime | None = None) -> Visit:
    """Check a delegation in with the code from its confirmation; each code works once."""
    now = now or timezone.now()
    try:
        payload = signing.loads(code.strip(), salt=CHECKIN_SALT)
        visit_id, nonce = int(payload["v"]), str(payload["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise VisitError(_("Kode kedatangan tidak sah.")) from None
    visit = Visit.objects.select_for_update().filter(pk=visit_id).first()
    if visit is None or not visit.checkin_nonce or not secrets.compare_digest(nonce, visit.checkin_nonce):
        raise VisitError(_("Kode kedatangan tidak sah."))
    if visit.checked_in_at is not None:
        raise VisitError(
            _("Kode ini sudah dipakai: rombongan tercatat datang pukul %(time)s.")
            % {"time": f"{timezone.localtime(visit.checked_in_at):%H:%M}"}
        )
    if visit.status != VisitStatus.CONFIRMED or visit.slot is None:
        raise VisitError(_("Kunjungan ini tidak berstatus dikonfirmasi."))
    if timezone.localtime(visit.slot.lower).date() != timezone.localtime(now).date():
        raise VisitError(
            _("Kunjungan ini dijadwalkan pada %(day)s, bukan hari ini.")
            % {"day": f"{timezone.localtime(visit.slot.lower):%d-%m-%Y}"}
        )
    visit.checked_in_at = now
    visit.save(update_fields=["checked_in_at", "updated_at"])
    _audit(visit, "check_in", actor=actor, old=visit.status)
    return visit


@transaction.atomic
def attendance_record(*, visit_id: int, actor: User, present_ids: Sequence[int]) -> Visit:
    visit = _lock(visit_id)
    _require(visit, [VisitStatus.CONFIRMED, VisitStatus.DONE])
    visit.participants.update(attended=False)
    visit.participants.filter(pk__in=present_ids).update(attended=True)
    _audit(visit, "attendance", actor=actor, old=visit.status, note=str(len(present_ids)))
    return visit


@transaction.atomic
def visit_record_day(
    *,
    visit_id: int,
    actor: User,
    spd_signed: bool,
    spd_notes: str = "",
    souvenirs_given: str = "",
    souvenirs_received: str = "",
) -> Visit:
    """The travel letters (SPD) signed and stamped, and the souvenirs exchanged."""
    visit = _lock(visit_id)
    _require(visit, [VisitStatus.CONFIRMED, VisitStatus.DONE])
    visit.spd_signed = spd_signed
    visit.spd_notes = spd_notes.strip()
    visit.souvenirs_given = souvenirs_given.strip()
    visit.souvenirs_received = souvenirs_received.strip()
    visit.save(update_fields=["spd_signed", "spd_notes", "souvenirs_given", "souvenirs_received", "updated_at"])
    _audit(visit, "day_record", actor=actor, old=visit.status, note=spd_notes)
    return visit


# After the visit --------------------------------------------------------------------------------


@transaction.atomic
def report_save(
    *,
    visit_id: int,
    actor: User,
    attendance: int,
    summary: str,
    follow_ups: str = "",
    photos: Sequence[UploadedFile] = (),
    now: datetime | None = None,
) -> VisitReport:
    """Write (or update) the report of a visit that has taken place; the visit becomes done."""
    now = now or timezone.now()
    visit = _lock(visit_id)
    _require(visit, [VisitStatus.CONFIRMED, VisitStatus.DONE])
    if visit.slot is None or visit.slot.lower > now:
        raise VisitError(_("Laporan dapat dibuat setelah kunjungan berlangsung."))
    for photo in photos:
        check_image(photo)
    report, _created = VisitReport.objects.update_or_create(
        visit=visit,
        defaults={"attendance": attendance, "summary": summary.strip(), "follow_ups": follow_ups.strip()},
        create_defaults={
            "attendance": attendance,
            "summary": summary.strip(),
            "follow_ups": follow_ups.strip(),
            "author": actor,
        },
    )
    for photo in photos:
        item = VisitPhoto(report=report)
        item.image.save(photo.name or "foto.jpg", photo, save=False)
        item.save()
    old = visit.status
    visit.status = VisitStatus.DONE
    visit.save(update_fields=["status", "updated_at"])
    _audit(visit, "report", actor=actor, old=old, note=f"{len(photos)} foto")
    return report


def _release_body(visit: Visit, report: VisitReport) -> str:
    return render_to_string("visits/release_body.html", {"visit": visit, "report": report})


@transaction.atomic
def visit_create_release_draft(*, visit_id: int, actor: User) -> Any:
    """One action: a press-release draft from the report (title, lead, body, photos), authored
    by the coordinator and linked to the visit."""
    from releases.services import release_create_draft, release_image_add

    visit = _lock(visit_id)
    report = VisitReport.objects.filter(visit=visit).first()
    if report is None:
        raise VisitError(_("Buat laporan kunjungan terlebih dahulu."))
    if visit.release_id is not None:
        raise VisitError(_("Draf siaran pers untuk kunjungan ini sudah ada."))
    unit = actor.unit or Unit.objects.filter(is_active=True).order_by("pk").first()
    if unit is None:
        raise VisitError(_("Akun Anda belum terhubung dengan unit kerja."))
    assert visit.slot is not None
    day = timezone.localtime(visit.slot.lower)
    names = {"institution": visit.institution, "office": settings.OFFICE_REGION}
    title = _("%(institution)s Kunjungi %(office)s") % names
    lead = _(
        "%(leader)s (%(position)s) memimpin rombongan %(institution)s dalam kunjungan ke %(region)s pada %(day)s."
    ) % {
        "leader": visit.leader_name,
        "position": visit.leader_position,
        "institution": visit.institution,
        "region": settings.OFFICE_REGION,
        "day": f"{day:%d-%m-%Y}",
    }
    body = _release_body(visit, report)
    release = release_create_draft(author=actor, unit=unit, title=title[:200], lead=lead, body=body)
    for photo in report.photos.all():
        with photo.image.open("rb") as handle:
            content = handle.read()
        upload = SimpleUploadedFile((photo.image.name or "foto.jpg").rsplit("/", 1)[-1], content)
        release_image_add(release_id=release.pk, actor=actor, file=upload, caption=photo.caption)
    visit.release = release
    visit.save(update_fields=["release", "updated_at"])
    _audit(visit, "release_draft", actor=actor, old=visit.status, note=str(release.pk))
    return release


def lead_days(visit: Visit) -> int | None:
    if visit.slot is None:
        return None
    return (timezone.localtime(visit.slot.lower).date() - timezone.localtime(visit.requested_at).date()).days


# Blackouts --------------------------------------------------------------------------------------------


@transaction.atomic
def blackout_add(*, actor: User, start_date: date, end_date: date, reason: str) -> Blackout:
    if end_date < start_date:
        raise VisitError(_("Tanggal akhir tidak boleh sebelum tanggal mulai."))
    blackout = Blackout.objects.create(start_date=start_date, end_date=end_date, reason=reason, created_by=actor)
    audit.record(actor=actor, obj=blackout, action="visits.blackout.add", new=str(blackout))
    return blackout


@transaction.atomic
def blackout_delete(*, blackout_id: int, actor: User) -> None:
    blackout = Blackout.objects.select_for_update().get(pk=blackout_id)
    audit.record(actor=actor, obj=blackout, action="visits.blackout.delete", old=str(blackout))
    blackout.delete()
