"""Writes for press conferences: events, invitations (mail with .ics), RSVPs, reminders, check-in."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from humas import audit
from humas.models import User
from humas.tasking import enqueue_on_commit
from media_relations.models import Journalist
from media_relations.models_events import MAX_CREW, Event, Invitation, hash_token

Response = Invitation.Response
# Invitations not mailed after this long are re-queued by the sweep (the broker may have been down).
SEND_STALL = timedelta(minutes=5)


class EventError(Exception):
    """A refused change, with a message for the user (Indonesian)."""


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def mailable_journalists() -> QuerySet[Journalist]:
    """Contacts who consented (UU 27/2022) and have not bounced, unsubscribed or asked to be deleted."""
    return Journalist.objects.filter(
        consent_at__isnull=False,
        bounced_at__isnull=True,
        unsubscribed_at__isnull=True,
        deletion_requested_at__isnull=True,
    )


# Events ------------------------------------------------------------------------------------------


CALENDAR_FIELDS = ("starts_at", "ends_at", "place", "online_url")


@transaction.atomic
def event_save(
    *, actor: User, data: dict[str, Any], releases: Iterable[Any] = (), event_id: int | None = None
) -> Event:
    """Create an event, or update one (``event_id``), with its linked releases.

    A change of time or place bumps the iCalendar sequence and mails the guests who did not
    decline an updated ``.ics`` (same UID), once each."""
    if event_id is None:
        event = Event(created_by=actor, **data)
        event.save()
        action = "media_relations.event.create"
    else:
        event = Event.objects.select_for_update().get(pk=event_id)
        moved = any(getattr(event, name) != data[name] for name in CALENDAR_FIELDS if name in data)
        for name, value in data.items():
            setattr(event, name, value)
        if moved:
            event.sequence += 1
        event.save()
        action = "media_relations.event.update"
        if moved:
            from media_relations.events_tasks import send_change

            for invitation_id in _change_due(event.pk):
                enqueue_on_commit(send_change, invitation_id)
    event.releases.set(list(releases))
    audit.record(actor=actor, obj=event, action=action, new=timezone.localtime(event.starts_at).isoformat())
    return event


def _change_due(event_id: int | None = None) -> list[int]:
    due = Invitation.objects.filter(
        sent_at__isnull=False, notified_sequence__lt=F("event__sequence"), event__ends_at__gt=timezone.now()
    ).exclude(response=Response.NO)
    if event_id is not None:
        due = due.filter(event_id=event_id)
    return list(due.values_list("pk", flat=True)[:1000])


def changes_due() -> list[int]:
    """Guests still owed the mail about a change of time or place (for the sweep)."""
    return _change_due()


@transaction.atomic
def invitation_notify_change(*, invitation_id: int) -> bool:
    """Mail the changed time or place with the updated ``.ics``; once per change."""
    invitation = (
        Invitation.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("event", "journalist")
        .filter(pk=invitation_id, notified_sequence__lt=F("event__sequence"))
        .exclude(response=Response.NO)
        .first()
    )
    if invitation is None:
        return False
    invitation.notified_sequence = invitation.event.sequence
    invitation.save(update_fields=["notified_sequence"])
    context = {**_event_context(invitation.event), "journalist": invitation.journalist, "invitation": invitation}
    _mail(to=invitation.journalist.email, template="change", context=context, ics=event_ics(invitation.event))
    return True


# Invitations -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InviteOutcome:
    invited: int
    already: int
    no_consent: int


def journalists_for(
    *, chosen: Iterable[int] = (), beat_ids: Iterable[int] = (), outlet_kinds: Iterable[str] = ()
) -> QuerySet[Journalist]:
    """Journalists chosen by hand, or on one of the beats, or at an outlet of one of the kinds."""
    chosen, beat_ids, outlet_kinds = list(chosen), list(beat_ids), list(outlet_kinds)
    query = Q(pk__in=chosen) | Q(beats__in=beat_ids) | Q(outlet__kind__in=outlet_kinds)
    return Journalist.objects.filter(query).distinct()


@transaction.atomic
def invitations_create(*, event_id: int, journalist_ids: Iterable[int], actor: User) -> InviteOutcome:
    """Invite each journalist once; those without consent to be mailed are left out and counted."""
    event = Event.objects.select_for_update().get(pk=event_id)
    if event.starts_at <= timezone.now():
        raise EventError(_("Acara sudah dimulai; undangan tidak dapat dikirim lagi."))
    wanted = set(journalist_ids)
    mailable = set(mailable_journalists().filter(pk__in=wanted).values_list("pk", flat=True))
    already = set(event.invitations.filter(journalist_id__in=mailable).values_list("journalist_id", flat=True))
    new = [
        Invitation(event=event, journalist_id=pk, token_hash=hash_token(_new_token()), invited_by=actor)
        for pk in sorted(mailable - already)
    ]
    created = Invitation.objects.bulk_create(new)
    audit.record(
        actor=actor,
        obj=event,
        action="media_relations.event.invite",
        new=str(len(created)),
        data={"count": len(created)},
    )
    from media_relations.events_tasks import send_invitation

    for invitation in created:
        enqueue_on_commit(send_invitation, invitation.pk)
    return InviteOutcome(invited=len(created), already=len(already), no_consent=len(wanted - mailable))


def event_ics(event: Event) -> bytes:
    """The event as one VEVENT; its UID never changes, so calendars update rather than duplicate."""
    calendar = Calendar()
    calendar.add("prodid", "-//Portal Humas//Acara Media//ID")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    vevent = VEvent()
    host = urlsplit(settings.SITE_URL).hostname or "portal-humas"
    vevent.add("uid", f"media-event-{event.pk}@{host}")
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", timezone.localtime(event.starts_at))
    vevent.add("dtend", timezone.localtime(event.ends_at))
    vevent.add("summary", event.title)
    vevent.add("location", event.place or event.online_url)
    description = "\n".join(part for part in [event.topics, event.host_officials, event.online_url] if part)
    if description:
        vevent.add("description", description)
    if event.online_url:
        vevent.add("url", event.online_url)
    calendar.add_component(vevent)
    calendar.add_missing_timezones()  # a VTIMEZONE for Asia/Jakarta, for clients without a tz database
    return calendar.to_ical()


def _mail(*, to: str, template: str, context: dict[str, Any], ics: bytes | None = None) -> None:
    subject = render_to_string(f"media_relations/events/email/{template}_subject.txt", context).strip()
    text = render_to_string(f"media_relations/events/email/{template}.txt", context)
    html = render_to_string(f"media_relations/events/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, None, [to])
    message.attach_alternative(html, "text/html")
    if ics is not None:
        message.attach("undangan.ics", ics, "text/calendar; charset=utf-8")
    message.send()


def _event_context(event: Event) -> dict[str, Any]:
    return {"event": event, "starts": timezone.localtime(event.starts_at), "ends": timezone.localtime(event.ends_at)}


@transaction.atomic
def invitation_send(*, invitation_id: int) -> bool:
    """Mail the invitation with a fresh RSVP token; a second call for a sent invitation does nothing.

    The token exists only in this message: the row keeps its digest."""
    invitation = (
        Invitation.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("event", "journalist")
        .filter(pk=invitation_id, sent_at__isnull=True)
        .first()
    )
    if invitation is None:
        return False
    token = _new_token()
    invitation.token_hash = hash_token(token)
    invitation.sent_at = timezone.now()
    invitation.notified_sequence = invitation.event.sequence
    invitation.save(update_fields=["token_hash", "sent_at", "notified_sequence"])
    rsvp_url = settings.SITE_URL + reverse("media_relations:event-rsvp", args=[token])
    context = {**_event_context(invitation.event), "journalist": invitation.journalist, "rsvp_url": rsvp_url}
    _mail(to=invitation.journalist.email, template="invitation", context=context, ics=event_ics(invitation.event))
    return True


def invitations_stalled() -> list[int]:
    cutoff = timezone.now() - SEND_STALL
    return list(
        Invitation.objects.filter(
            sent_at__isnull=True, created_at__lt=cutoff, event__starts_at__gt=timezone.now()
        ).values_list("pk", flat=True)[:500]
    )


# RSVP --------------------------------------------------------------------------------------------


def invitation_for_token(token: str) -> Invitation:
    """The invitation a token opens, or ``EventError`` for an unknown token or a past event."""
    invitation = Invitation.objects.select_related("event", "journalist").filter(token_hash=hash_token(token)).first()
    if invitation is None or invitation.sent_at is None:
        raise EventError(_("Tautan undangan ini tidak dikenal. Periksa kembali tautan pada surel undangan Anda."))
    if invitation.event.starts_at <= timezone.now():
        raise EventError(_("Tautan undangan ini sudah kedaluwarsa karena acaranya sudah dimulai."))
    return invitation


def seats_taken(event: Event, *, excluding: int | None = None) -> int:
    confirmed = event.invitations.filter(response=Response.YES)
    if excluding is not None:
        confirmed = confirmed.exclude(pk=excluding)
    total = confirmed.aggregate(people=Sum("crew_count"), count=Count("pk"))
    return (total["people"] or 0) + (total["count"] or 0)


def rsvp_respond(*, token: str, response: str, crew_count: int) -> Invitation:
    """Record the answer given through the invitation's token link."""
    return invitation_respond(invitation=invitation_for_token(token), response=response, crew_count=crew_count)


def invitations_of(user: User) -> QuerySet[Invitation]:
    """A signed-in journalist's own mailed invitations to events still to come, soonest first."""
    return (
        Invitation.objects.filter(journalist__user=user, sent_at__isnull=False, event__ends_at__gt=timezone.now())
        .select_related("event")
        .order_by("event__starts_at")
    )


@transaction.atomic
def invitation_respond(*, invitation: Invitation, response: str, crew_count: int) -> Invitation:
    """Record a journalist's answer. The event row is locked so two last seats are not both given."""
    found = invitation
    event = Event.objects.select_for_update().get(pk=found.event_id)
    if event.starts_at <= timezone.now():
        raise EventError(_("Acara sudah dimulai; jawaban tidak dapat diubah lagi."))
    invitation = Invitation.objects.select_for_update().select_related("journalist").get(pk=found.pk)
    if response not in {Response.YES, Response.NO, Response.MAYBE}:
        raise EventError(_("Pilih jawaban: hadir, mungkin, atau tidak hadir."))
    if not 0 <= crew_count <= MAX_CREW:
        raise EventError(_("Jumlah kru pendamping antara 0 dan %(max)s orang.") % {"max": MAX_CREW})
    if response != Response.YES:
        crew_count = 0
    elif event.capacity is not None and seats_taken(event, excluding=invitation.pk) + 1 + crew_count > event.capacity:
        free = max(0, event.capacity - seats_taken(event, excluding=invitation.pk))
        raise EventError(
            _("Maaf, kapasitas acara tidak cukup: tersisa %(free)s tempat untuk Anda dan kru.") % {"free": free}
        )
    old = invitation.response
    invitation.response, invitation.crew_count, invitation.responded_at = response, crew_count, timezone.now()
    invitation.save(update_fields=["response", "crew_count", "responded_at"])
    audit.record(
        actor=None,
        actor_label=invitation.journalist.name,
        obj=invitation,
        action="media_relations.invitation.rsvp",
        old=old,
        new=response,
        data={"crew_count": crew_count},
    )
    return invitation


# Reminders ---------------------------------------------------------------------------------------


def reminders_due(now: datetime | None = None) -> list[int]:
    """Invitations for events that start tomorrow (office time) whose guests did not decline."""
    today = timezone.localdate(now or timezone.now())
    tomorrow = today + timedelta(days=1)
    return list(
        Invitation.objects.filter(
            event__starts_at__date=tomorrow,
            sent_at__isnull=False,
            reminded_at__isnull=True,
            response__in=[Response.YES, Response.MAYBE, Response.PENDING],
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def invitation_remind(*, invitation_id: int) -> bool:
    """Send the day-before reminder once: ``reminded_at`` is claimed under a row lock."""
    invitation = (
        Invitation.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("event", "journalist")
        .filter(pk=invitation_id, reminded_at__isnull=True)
        .exclude(response=Response.NO)
        .first()
    )
    if invitation is None:
        return False
    invitation.reminded_at = timezone.now()
    invitation.save(update_fields=["reminded_at"])
    context = {**_event_context(invitation.event), "journalist": invitation.journalist, "invitation": invitation}
    _mail(to=invitation.journalist.email, template="reminder", context=context)
    return True


# Check-in ----------------------------------------------------------------------------------------


@transaction.atomic
def invitation_check_in(*, invitation_id: int, actor: User) -> Invitation:
    """Mark a guest present on the event's day; checking in twice keeps the first time."""
    invitation = Invitation.objects.select_for_update(of=("self",)).select_related("event").get(pk=invitation_id)
    event = invitation.event
    today = timezone.localdate()
    if not timezone.localdate(event.starts_at) <= today <= timezone.localdate(event.ends_at):
        raise EventError(_("Kehadiran hanya dapat dicatat pada hari acara."))
    if invitation.checked_in_at is None:
        invitation.checked_in_at, invitation.checked_in_by = timezone.now(), actor
        invitation.save(update_fields=["checked_in_at", "checked_in_by"])
        audit.record(actor=actor, obj=invitation, action="media_relations.invitation.check_in", new="present")
    return invitation
