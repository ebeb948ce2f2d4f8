"""Calendar invites (.ics) for delegations and the staff feed.

Times are written in UTC (``DTSTART:20260310T020000Z``), which every calendar converts to
its own zone, so no VTIMEZONE block is needed. The UID is stable per visit; each reschedule
or cancellation raises SEQUENCE so calendars replace the earlier invite.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from icalendar import Calendar, Event

from visits.models import Visit, VisitStatus

PRODID = "-//Portal Humas//Kunjungan//ID"


def visit_uid(visit: Visit) -> str:
    domain = settings.OFFICE_EMAIL.partition("@")[2] or "portal-humas"
    return f"kunjungan-{visit.pk}@{domain}"


def _event(visit: Visit, *, cancelled: bool = False) -> Event:
    assert visit.slot is not None
    event = Event()
    event.add("uid", visit_uid(visit))
    event.add("sequence", visit.ics_sequence)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", visit.slot.lower.astimezone(UTC))
    event.add("dtend", visit.slot.upper.astimezone(UTC))
    event.add("summary", f"Kunjungan {visit.institution} ({visit.reference})")
    location = visit.room.name if visit.room else ""
    if visit.room and visit.room.location:
        location = f"{location}, {visit.room.location}"
    event.add("location", f"{location} - {settings.OFFICE_NAME}".strip(" -"))
    event.add("description", visit.agenda or visit.purpose)
    event.add("organizer", f"mailto:{settings.OFFICE_EMAIL}")
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def visit_ics(visit: Visit, *, cancelled: bool = False) -> str:
    """One invite: METHOD:REQUEST for a booking or an update, METHOD:CANCEL for a cancellation."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancelled else "REQUEST")
    cal.add_component(_event(visit, cancelled=cancelled))
    return cal.to_ical().decode()


def feed_ics(visits: Iterable[Visit]) -> str:
    """The staff feed: confirmed and pending visits that have a time."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Kunjungan")
    for visit in visits:
        if visit.slot is None:
            continue
        event = _event(visit, cancelled=visit.status == VisitStatus.CANCELLED)
        if visit.status != VisitStatus.CONFIRMED:
            event["status"] = "TENTATIVE"
        cal.add_component(event)
    return cal.to_ical().decode()
