"""Checks of the three services the portal needs: database, cache and broker."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from kombu import Connection


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    cache.set("health:ping", "pong", timeout=10)
    if cache.get("health:ping") != "pong":
        raise RuntimeError("cache did not return what was written")


def check_broker() -> None:
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


CHECKS: dict[str, Callable[[], None]] = {"database": check_database, "cache": check_cache, "broker": check_broker}


def last_heartbeat() -> str | None:
    """When a worker last ran the beat-scheduled heartbeat (ISO time), if ever. Informational:
    a web node stays healthy while workers restart."""
    from humas.tasks import HEARTBEAT_KEY

    try:
        return cache.get(HEARTBEAT_KEY)
    except Exception:  # the cache check already reports the cause
        return None


def run_checks() -> dict[str, str]:
    """``{"database": "ok", "cache": "error: ...", ...}``"""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # any failure of a dependency is a failed check, reported by name
            results[name] = f"error: {type(exc).__name__}"
        else:
            results[name] = "ok"
    return results
