"""The portal as the browser tests serve it: the production WSGI and Celery apps, except that
cached content types are forgotten before each request and task.

Between browser tests the test database is flushed, and Django recreates its content types
with new ids; a long-running gunicorn or worker would otherwise keep the old ids and fail on
its next audited write. In production content types never change under a running process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from celery.signals import task_prerun

from humas.celery import app

__all__ = ["app", "application"]


def _forget_content_types(**_kwargs: Any) -> None:
    from django.contrib.contenttypes.models import ContentType  # once Django is set up

    ContentType.objects.clear_cache()


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    from humas.wsgi import application as portal  # sets Django up on first use

    _forget_content_types()
    return portal(environ, start_response)


task_prerun.connect(_forget_content_types)
