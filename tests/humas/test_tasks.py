import time

import pytest
from django.core.cache import cache

from humas.tasking import send_task
from humas.tasks import HEARTBEAT_KEY, heartbeat


@pytest.mark.celery_worker
def test_real_worker_runs_the_heartbeat_queued_on_redis(celery_worker: None) -> None:
    cache.delete(HEARTBEAT_KEY)
    heartbeat.delay()
    deadline = time.monotonic() + 20
    while cache.get(HEARTBEAT_KEY) is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert cache.get(HEARTBEAT_KEY) is not None


def test_queueing_with_the_broker_down_returns_false_quickly_and_logs(
    broker_down: None, caplog: pytest.LogCaptureFixture
) -> None:
    started = time.monotonic()
    assert send_task(heartbeat) is False
    assert time.monotonic() - started < 15
    assert "broker unreachable" in caplog.text
