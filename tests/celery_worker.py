"""A real Celery worker, in a thread of the test process, consuming from the test Redis broker.

Use through the ``celery_worker`` fixture in tests marked ``transactional_db``: the worker
has its own database connection and must see committed rows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from celery.contrib.testing.worker import start_worker
from celery.result import _set_task_join_will_block

from humas.celery import app


@contextmanager
def running_worker(concurrency: int = 1) -> Iterator[None]:
    app.conf.task_always_eager = False
    root_level = logging.getLogger().level  # the embedded worker lowers it to ERROR for the process
    try:
        with start_worker(app, pool="threads", concurrency=concurrency, perform_ping_check=False, shutdown_timeout=15):
            logging.getLogger().setLevel(root_level)
            yield
    finally:
        logging.getLogger().setLevel(root_level)
        app.conf.task_always_eager = True
        # A started worker marks the whole process as one where result.get() would block; the
        # eager tests that run after it in the same process wait on results legitimately.
        _set_task_join_will_block(False)
