"""Thin Celery tasks: load by id, call the service."""

from __future__ import annotations

from celery import shared_task

from humas.tasking import send_task
from media_relations import mailing


@shared_task(name="media_relations.tasks.send_batch", acks_late=True)
def send_batch(batch_id: int) -> int:
    return mailing.batch_send(batch_id=batch_id)


@shared_task(name="media_relations.tasks.sweep_sendings")
def sweep_sendings() -> int:
    """Re-queue batches that stalled (the outbox rule: the rows are the truth, the queue a hint)."""
    ids = mailing.stalled_batches()
    for batch_id in ids:
        send_task(send_batch, batch_id)
    return len(ids)
