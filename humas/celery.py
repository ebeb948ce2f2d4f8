"""The Celery app: worker and beat both load Django settings from here."""

from __future__ import annotations

import logging
import os
from typing import Any

from celery import Celery
from celery.signals import task_failure

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "humas.settings")

app = Celery("humas")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("humas.tasks")


@task_failure.connect
def log_task_failure(
    sender: Any = None,
    task_id: str | None = None,
    exception: BaseException | None = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
    **_: Any,
) -> None:
    """Every failing task is logged with its name, its id and the object ids it was given."""
    logger.error(
        "task failed: %s",
        exception,
        extra={
            "task": getattr(sender, "name", str(sender)),
            "task_id": task_id,
            "task_args": repr(args or ()),
            "task_kwargs": repr(kwargs or {}),
        },
        exc_info=exception is not None and (type(exception), exception, exception.__traceback__),
    )
