"""Thin Celery tasks: load by id, call the service."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from humas.tasking import send_task
from visits import letters, services
from visits.models import Visit, VisitEmail
from visits.qr import qr_png

STALLED_AFTER = timedelta(minutes=10)


def _message(email: VisitEmail, visit: Visit) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(email.subject, email.body, None, list(email.to))
    if email.html:
        message.attach_alternative(email.html, "text/html")
    if email.ics:
        method = "CANCEL" if "METHOD:CANCEL" in email.ics else "REQUEST"
        name = "pembatalan.ics" if method == "CANCEL" else "undangan.ics"
        message.attach(name, email.ics, f"text/calendar; charset=utf-8; method={method}")
    if email.attach_letter:
        message.attach(letters.letter_filename(visit), letters.reply_letter_pdf(visit), "application/pdf")
        code = services.checkin_url(visit)
        if code:
            message.attach("kode-kedatangan.png", qr_png(code), "image/png")
    return message


@shared_task(name="visits.tasks.send_visit_email")
def send_visit_email(email_id: int) -> None:
    """Send one outbox row; the row lock and ``sent_at`` keep it from going out twice."""
    with transaction.atomic():
        email = VisitEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id, sent_at=None).first()
        if email is None:
            return
        visit = Visit.objects.select_related("room").get(pk=email.visit_id)
        _message(email, visit).send()
        email.sent_at = timezone.now()
        email.save(update_fields=["sent_at"])


@shared_task(name="visits.tasks.sweep_visit_emails")
def sweep_visit_emails() -> int:
    """Re-queue emails that were never sent (broker down when their transaction committed)."""
    stalled = VisitEmail.objects.filter(sent_at=None, created_at__lt=timezone.now() - STALLED_AFTER)
    ids = list(stalled.values_list("pk", flat=True)[:500])
    for email_id in ids:
        send_task(send_visit_email, email_id)
    return len(ids)


@shared_task(name="visits.tasks.expire_holds")
def expire_holds() -> int:
    return services.holds_expire()


@shared_task(name="visits.tasks.send_reminders")
def send_reminders() -> int:
    return services.reminders_send(today=timezone.localdate())
