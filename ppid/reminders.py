"""Daily deadline reminders: 3 and 1 working days before, and once overdue.

A ``Reminder`` row per (request or objection, kind, deadline) is written in the same
transaction as the email is sent, so a re-run the same day (or a second beat) sends nothing twice;
an extension moves the deadline and so earns fresh reminders.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from humas.models import User
from humas.roles import Role
from humas.workdays import add_working_days
from ppid.mail import html_version
from ppid.models import InfoRequest, Objection, Reminder


def reminder_kind(deadline: date, today: date, one_day: date, three_days: date) -> str | None:
    if deadline < today:
        return Reminder.Kind.OVERDUE
    if deadline <= one_day:
        return Reminder.Kind.ONE_DAY
    if deadline <= three_days:
        return Reminder.Kind.THREE_DAYS
    return None


def _superior_emails() -> list[str]:
    users = User.objects.filter(groups__name=Role.PPID_SUPERIOR.value, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True))) or [settings.OFFICE_EMAIL]


def _send_once(*, kind: str, deadline: date, recipients: list[str], subject: str, body: str, **target: object) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(kind=kind, deadline=deadline, recipient=recipients[0], **target)
            send_mail(subject, body, None, recipients, html_message=html_version(subject, body))
    except IntegrityError:  # already sent for this deadline
        return False
    return True


def _message(kind: str, what: str, number: str, deadline: date, url: str) -> tuple[str, str]:
    label = str(Reminder.Kind(kind).label)
    subject = _("Pengingat %(what)s %(number)s: %(label)s") % {"what": what, "number": number, "label": label}
    body = _("%(what)s %(number)s berbatas waktu %(deadline)s (%(label)s).\n\nBuka: %(url)s\n") % {
        "what": what,
        "number": number,
        "deadline": f"{deadline:%d-%m-%Y}",
        "label": label,
        "url": settings.SITE_URL.rstrip("/") + url,
    }
    return subject, body


def reminders_send(*, today: date) -> int:
    """Send the reminders due today; return how many were sent."""
    one_day, three_days = add_working_days(today, 1), add_working_days(today, 3)
    sent = 0
    requests = InfoRequest.objects.open().filter(deadline__lte=three_days).select_related("assigned_officer")
    for request in requests.iterator():
        kind = reminder_kind(request.deadline, today, one_day, three_days)
        officer = request.assigned_officer
        recipients = [officer.email] if officer and officer.email else [settings.OFFICE_EMAIL]
        subject, body = _message(
            str(kind), _("Permohonan"), request.number, request.deadline, reverse("ppid:detail", args=[request.pk])
        )
        sent += _send_once(
            kind=str(kind),
            deadline=request.deadline,
            recipients=recipients,
            subject=subject,
            body=body,
            request=request,
        )
    objections = Objection.objects.open().filter(due_date__lte=three_days)
    superiors = _superior_emails() if objections.exists() else []
    for objection in objections.iterator():
        kind = reminder_kind(objection.due_date, today, one_day, three_days)
        url = reverse("ppid:objection-detail", args=[objection.pk])
        subject, body = _message(str(kind), _("Keberatan"), objection.number, objection.due_date, url)
        sent += _send_once(
            kind=str(kind),
            deadline=objection.due_date,
            recipients=superiors,
            subject=subject,
            body=body,
            objection=objection,
        )
    return sent
