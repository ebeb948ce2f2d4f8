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


def test_a_failing_task_is_logged_with_its_name_id_and_object_ids(caplog: pytest.LogCaptureFixture) -> None:
    from humas.celery import app

    @app.task(name="tests.always_fails")
    def always_fails(release_id: int) -> None:
        raise RuntimeError("platform refused")

    result = always_fails.apply(args=[42], task_id="uji-123", throw=False)
    assert result.failed()
    record = next(r for r in caplog.records if r.name == "humas.tasks" and "task failed" in r.getMessage())
    assert record.task == "tests.always_fails"
    assert record.task_id == "uji-123"
    assert record.task_args == "[42]"
    assert "platform refused" in record.getMessage()
