"""Queueing follow-up work safely.

Work to be done is always a database row first; the queue carries only its id. If Redis is
down when a transaction commits, the message is dropped with a warning and the periodic sweep
of the owning app re-queues the row later, so the user's action never fails because of it.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger("humas.tasks")


def send_task(task: Task, *args: Any) -> bool:
    """Queue ``task(*args)`` now; return False (and log) when the broker is unreachable."""
    try:
        task.apply_async(args=args)
    except (OperationalError, ConnectionError, OSError) as exc:
        logger.warning(
            "broker unreachable, left for the sweep",
            extra={"task": task.name, "task_args": repr(args), "error": str(exc)},
        )
        return False
    return True


def enqueue_on_commit(task: Task, *args: Any) -> None:
    """Queue ``task(*args)`` once the surrounding transaction commits."""
    transaction.on_commit(lambda: send_task(task, *args))
