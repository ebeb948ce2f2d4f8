"""Periodic jobs of the releases app (merged into CELERY_BEAT_SCHEDULE)."""

from releases.channels.beat import SCHEDULE as CHANNEL_SCHEDULE

SCHEDULE = {
    "releases-publish-due": {"task": "releases.tasks.publish_due", "schedule": 60.0},
    "releases-sweep-presskits": {"task": "releases.tasks.sweep_presskits", "schedule": 600.0},
}
SCHEDULE.update(CHANNEL_SCHEDULE)
