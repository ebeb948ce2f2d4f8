"""Celery tasks for press conferences: thin, they take ids and call the services."""

from __future__ import annotations

from celery import shared_task

from humas.tasking import send_task
from media_relations import events_services


@shared_task(autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=600, max_retries=5)
def send_invitation(invitation_id: int) -> bool:
    return events_services.invitation_send(invitation_id=invitation_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=600, max_retries=5)
def send_reminder(invitation_id: int) -> bool:
    return events_services.invitation_remind(invitation_id=invitation_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=600, max_retries=5)
def send_change(invitation_id: int) -> bool:
    return events_services.invitation_notify_change(invitation_id=invitation_id)


@shared_task
def queue_event_mail() -> int:
    """Beat: reminders for tomorrow's events, invitations whose first queueing was lost, and
    changes of time or place not yet mailed."""
    count = 0
    for invitation_id in events_services.changes_due():
        count += send_task(send_change, invitation_id)
    for invitation_id in events_services.reminders_due():
        count += send_task(send_reminder, invitation_id)
    for invitation_id in events_services.invitations_stalled():
        count += send_task(send_invitation, invitation_id)
    return count
