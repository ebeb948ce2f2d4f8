from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "humas:worker-heartbeat"


@shared_task(name="humas.tasks.heartbeat")
def heartbeat() -> None:
    """Queued by beat every minute and run by a worker: the health page shows when both last worked."""
    cache.set(HEARTBEAT_KEY, timezone.now().isoformat(), timeout=None)
