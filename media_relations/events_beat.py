"""Periodic jobs of press conferences (merged by the lead into media_relations/beat.py)."""

from celery.schedules import crontab

SCHEDULE = {
    # Every 15 minutes: day-before reminders are idempotent (reminded_at), so running often is safe.
    "media-events-mail": {"task": "media_relations.events_tasks.queue_event_mail", "schedule": crontab(minute="*/15")},
}
