"""Thin Celery tasks: load by id, call a service."""

from __future__ import annotations

from celery import shared_task
from django.db.models import F

from humas.tasking import send_task
from releases.models import Release


@shared_task(name="releases.tasks.publish_due")
def publish_due() -> list[int]:
    from releases.services import release_publish_due

    return release_publish_due()


@shared_task(name="releases.tasks.build_presskit", acks_late=True)
def build_presskit(release_id: int) -> None:
    from releases.presskit import presskit_build

    presskit_build(release_id=release_id)


@shared_task(name="releases.tasks.sweep_presskits")
def sweep_presskits() -> int:
    """Re-queue press kits that are missing or older than their release's content."""
    stale = Release.objects.filter(status__in=[Release.Status.SCHEDULED, Release.Status.PUBLISHED]).exclude(
        presskit_version=F("content_version")
    )
    ids = list(stale.values_list("pk", flat=True)[:200])
    for release_id in ids:
        send_task(build_presskit, release_id)
    return len(ids)
