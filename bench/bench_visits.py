"""Visits under load: concurrent approvals fighting for one room, and the public availability
calendar for a year ahead with 5,000 visits.

Runs against its own database (``<DATABASE_URL name>_bench_visits``, created and filled once)
and prints, for 50 concurrent approvals of overlapping visits in the same room and time, how
many succeeded, the messages the others got and the time it took; then the calendar page's
render time and its query count with few and with 5,000 visits.

    .venv/bin/python bench/bench_visits.py            # BENCH_APPROVALS=50 by default
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
APPROVALS = int(os.environ.get("BENCH_APPROVALS", "50"))
VISITS = 5_000
ROOMS = 20


def setup_django() -> None:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/humas")
    parts = urlsplit(url)
    os.environ.update(
        {
            "DATABASE_URL": urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_bench_visits")),
            "DJANGO_SETTINGS_MODULE": "humas.settings",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "LOG_LEVEL": "ERROR",
            "DB_CONN_MAX_AGE": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "HUMAS_VAR_DIR": str(Path(os.environ.get("HUMAS_VAR_DIR", str(ROOT / "var"))) / "bench-visits"),
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from humas.celery import app

    app.conf.task_always_eager = True  # mail is sent in-process to the locmem backend


def ensure_database() -> None:
    from benchdb import ensure_database as create_and_migrate  # same folder

    create_and_migrate(collectstatic=True)


def _visit(n: int, **fields: object) -> object:
    from django.utils import timezone

    from visits.models import Visit

    now = timezone.now()
    return Visit(
        reference=f"BENCH/{n}",
        year=2099,
        sequence=n,
        institution=f"Instansi Bench {n}",
        kind="regional",
        leader_name="Ketua",
        leader_position="Kepala Bagian",
        contact_name="Narahubung",
        contact_phone="081234567890",
        contact_email=f"bench{n}@example.id",
        participants_count=10,
        purpose="Bench",
        preferred_start=now + timedelta(days=30),
        request_letter="visits/permohonan/bench.pdf",
        token_hash="-",  # noqa: S106 (no link is ever opened in the bench)
        token_expires_at=now + timedelta(days=400),
        requested_at=now - timedelta(days=10),
        **fields,
    )


def fill_year() -> None:
    """5,000 confirmed visits over the next twelve months in 20 rooms, none overlapping."""
    from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
    from django.utils import timezone

    from visits.availability import at
    from visits.models import Room, Visit

    if Visit.objects.filter(reference__startswith="BENCH/").count() >= VISITS:
        return
    Visit.objects.filter(reference__startswith="BENCH/").delete()
    rooms = [Room.objects.get_or_create(name=f"Ruang Bench {n}", defaults={"capacity": 50})[0] for n in range(ROOMS)]
    today = timezone.localdate()
    batch, n, day = [], 0, today + timedelta(days=1)
    from datetime import time as clock

    while n < VISITS:
        if day.weekday() < 5:
            for room in rooms:
                if n >= VISITS:
                    break
                hour = 8 + (n % 3) * 2
                start = at(day, clock(hour))
                slot = DateTimeTZRange(start, start + timedelta(hours=2))
                batch.append(_visit(n, status="confirmed", room=room, slot=slot))
                n += 1
        day += timedelta(days=1)
    Visit.objects.bulk_create(batch, batch_size=1000)


def bench_approvals() -> dict[str, object]:
    """``APPROVALS`` requests for the same room and time, approved at once from as many threads."""
    from django.db import connection
    from django.utils import timezone

    from humas.models import User
    from visits import services
    from visits.availability import at
    from visits.models import Room, Visit

    Visit.objects.filter(reference__startswith="RACE/").delete()
    room, _ = Room.objects.get_or_create(name="Ruang Rebutan", defaults={"capacity": 50})
    actor, _ = User.objects.get_or_create(username="koordinator-bench", defaults={"is_staff": True})
    contenders = []
    for n in range(APPROVALS):
        visit = _visit(100_000 + n)
        visit.reference = f"RACE/{n}"  # type: ignore[attr-defined]
        contenders.append(visit)
    Visit.objects.bulk_create(contenders)
    ids = list(Visit.objects.filter(reference__startswith="RACE/").values_list("pk", flat=True))
    from datetime import time as clock

    start = at(timezone.localdate() + timedelta(days=400), clock(9))
    barrier = threading.Barrier(len(ids))
    outcomes: list[str] = []
    latencies: list[float] = []
    lock = threading.Lock()

    def approve(visit_id: int) -> None:
        try:
            barrier.wait()
            began = time.perf_counter()
            try:
                services.visit_approve(
                    visit_id=visit_id, actor=actor, start=start, end=start + timedelta(hours=2), room_id=room.pk
                )
                outcome = "ok"
            except services.VisitError as error:
                outcome = error.message
            except Exception as error:  # e.g. the server's connection limit on a shared machine
                outcome = f"error: {type(error).__name__}: {error}"[:120]
            with lock:
                outcomes.append(outcome)
                latencies.append(time.perf_counter() - began)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(visit_id,)) for visit_id in ids]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - began
    confirmed = Visit.objects.filter(reference__startswith="RACE/", status="confirmed").count()
    return {
        "outcomes": Counter(outcomes),
        "confirmed_in_db": confirmed,
        "took_s": took,
        "p50_ms": statistics.median(latencies) * 1000,
        "max_ms": max(latencies) * 1000,
    }


def bench_calendar() -> list[tuple[str, float, int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    rows = []
    for label in ("first", "second", "third"):
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            response = client.get("/kunjungan/kalender/")
            took = time.perf_counter() - began
        assert response.status_code == 200, response.status_code
        rows.append((label, took * 1000, len(queries)))
    return rows


def main() -> None:
    setup_django()
    ensure_database()
    from visits.models import Visit

    Visit.objects.filter(reference__startswith="BENCH/").delete()
    print("== availability calendar, 12 months, no visits")
    few = bench_calendar()
    for label, ms, count in few:
        print(f"  render {label:<6} {ms:8.1f} ms  {count} queries")
    fill_year()
    print(f"== availability calendar, 12 months, {Visit.objects.filter(status='confirmed').count()} confirmed visits")
    many = bench_calendar()
    for label, ms, count in many:
        print(f"  render {label:<6} {ms:8.1f} ms  {count} queries")
    print(f"  query count constant: {few[-1][2] == many[-1][2]}")
    print(f"== {APPROVALS} concurrent approvals of overlapping visits, same room and time")
    result = bench_approvals()
    for outcome, count in result["outcomes"].items():  # type: ignore[attr-defined]
        print(f"  {count:3d} × {outcome}")
    print(f"  confirmed in the database: {result['confirmed_in_db']}")
    took, p50, slowest = result["took_s"], result["p50_ms"], result["max_ms"]
    print(f"  wall time {took:.2f} s, per approval p50 {p50:.0f} ms, max {slowest:.0f} ms")


if __name__ == "__main__":
    main()
