from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.core.cache import cache
from django.test import Client

from humas.models import User
from humas.roles import Role
from tests.factories.humas import staff_user


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: their gunicorn and Celery worker live until the session ends and
    consume from this process's Redis broker, so earlier tests that run their own worker
    would otherwise share their tasks with it."""
    items.sort(key=lambda item: "tests/e2e/" in str(item.fspath))


@pytest.fixture(autouse=True)
def _clean_cache() -> Iterator[None]:
    """Each xdist worker has its own Redis database, so clearing it touches no other test."""
    from celery.result import _set_task_join_will_block

    cache.clear()
    # Celery keeps "result.get() would block" in a process-wide flag that its worker threads set
    # and restore around tasks; a test that ran a real worker can leave it set for the next test.
    _set_task_join_will_block(False)
    yield


@pytest.fixture
def make_staff(db: None) -> Callable[..., User]:
    return staff_user


@pytest.fixture
def login_as(client: Client, make_staff: Callable[..., User]) -> Callable[[Role], User]:
    """Sign the test client in as a new user holding ``role``."""

    def _login(role: Role) -> User:
        user = make_staff(role)
        client.force_login(user)
        return user

    return _login


@pytest.fixture
def celery_worker(transactional_db: None) -> Iterator[None]:
    """A real worker on the Redis broker; tasks queued with ``.delay()`` run in it."""
    from tests.celery_worker import running_worker

    with running_worker():
        yield


@pytest.fixture
def broker_down() -> Iterator[None]:
    """Point the Celery app at a port where nothing listens, as when Redis is down."""
    from humas.celery import app

    def reset_pools() -> None:
        from kombu import pools

        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None
        pools.reset()  # kombu's shared producer registry still points at the closed pool

    original = app.conf.broker_url
    app.conf.task_always_eager = False
    reset_pools()
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        yield
    finally:
        reset_pools()
        app.conf.broker_url = original
        app.conf.task_always_eager = True
