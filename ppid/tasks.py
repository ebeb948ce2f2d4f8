"""Thin Celery tasks: load by id, call the service."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from humas.tasking import send_task
from ppid.mail import html_version
from ppid.models import RequesterEmail
from ppid.reminders import reminders_send

STALLED_AFTER = timedelta(minutes=10)


@shared_task(name="ppid.tasks.send_requester_email")
def send_requester_email(email_id: int) -> None:
    """Send one outbox row; the row lock and ``sent_at`` keep it from going out twice."""
    with transaction.atomic():
        email = RequesterEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id, sent_at=None).first()
        if email is None:
            return
        send_mail(email.subject, email.body, None, [email.to], html_message=html_version(email.subject, email.body))
        email.sent_at = timezone.now()
        email.save(update_fields=["sent_at"])


@shared_task(name="ppid.tasks.sweep_requester_emails")
def sweep_requester_emails() -> int:
    """Re-queue emails that were never sent (broker down when their transaction committed)."""
    stalled = RequesterEmail.objects.filter(sent_at=None, created_at__lt=timezone.now() - STALLED_AFTER)
    ids = list(stalled.values_list("pk", flat=True)[:500])
    for email_id in ids:
        send_task(send_requester_email, email_id)
    return len(ids)


@shared_task(name="ppid.tasks.send_deadline_reminders")
def send_deadline_reminders() -> int:
    return reminders_send(today=timezone.localdate())
