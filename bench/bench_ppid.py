"""PPID at scale: the inbox and the annual report with 1,000 and 100,000 requests (render time
and query count, which must not grow with the data), and 50 concurrent submissions (threads,
each on its own database connection) that must get 50 distinct, gapless register numbers.

Runs on its own database (``humas_bench_ppid`` next to DATABASE_URL's), refilled on each run
with bulk_create, so it never touches the development or test data.

    .venv/bin/python bench/bench_ppid.py            # 1k and 100k
    BENCH_PPID_ROWS=20000 .venv/bin/python bench/bench_ppid.py
"""

from __future__ import annotations

import hashlib
import os
import random
import statistics
import sys
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
BIG = int(os.environ.get("BENCH_PPID_ROWS", "100000"))
SMALL = 1_000
CONCURRENT = 50
REPEAT = 5


def setup_django() -> None:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/humas")
    parts = urlsplit(url)
    os.environ.update(
        {
            "DATABASE_URL": urlunsplit(parts._replace(path="/humas_bench_ppid")),
            "HUMAS_VAR_DIR": str(Path(os.environ.get("HUMAS_VAR_DIR", str(ROOT / "var"))) / "bench-ppid"),
            "DJANGO_SETTINGS_MODULE": "humas.settings",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver,127.0.0.1",
            "LOG_LEVEL": "WARNING",
            "CACHE_KEY_PREFIX": "humas-bench-ppid",
            "DB_CONN_MAX_AGE": "0",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_database() -> None:
    from benchdb import ensure_database as create_and_migrate  # same folder

    create_and_migrate(collectstatic=True)


def reset() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE ppid_reminder, ppid_requesteremail, ppid_requestnote, ppid_requestdocument, "
            "ppid_objection, ppid_inforequest, ppid_registercounter RESTART IDENTITY CASCADE"
        )


class Calendar:
    """Working days of 2024–2027 in memory, so 100k due dates need no query each."""

    def __init__(self) -> None:
        from humas.workdays import WorkingCalendar

        self.start = date(2024, 12, 1)
        calendar = WorkingCalendar(self.start, date(2027, 12, 31))
        self.days = [
            self.start + timedelta(n)
            for n in range((date(2027, 12, 31) - self.start).days + 1)
            if calendar.is_working_day(self.start + timedelta(n))
        ]
        self.index = {day: i for i, day in enumerate(self.days)}

    def add(self, start: date, n: int) -> date:
        i = next(j for j in range(self.index.get(start, 0), len(self.days)) if self.days[j] > start)
        return self.days[i + n - 1]


def fill(total: int, start_seq: int, calendar: Calendar, today: date) -> None:
    """Requests spread over the 2026 register up to ``today``: 3 % still open (recent), the rest
    answered (60 % granted, 20 % partly, 20 % refused), 8 % extended, 4 % objected to."""
    from django.utils import timezone

    from ppid.models import InfoRequest, Objection, RegisterCounter
    from ppid.numbering import format_number

    rng = random.Random(start_seq)
    span = (today - date(2026, 1, 2)).days
    batch: list[InfoRequest] = []
    created: list[InfoRequest] = []
    for n in range(start_seq + 1, start_seq + total + 1):
        is_open = rng.random() < 0.03
        received = (
            today - timedelta(days=rng.randint(0, 20))
            if is_open
            else date(2026, 1, 2) + timedelta(days=rng.randint(0, span - 40))
        )
        due = calendar.add(received, 10)
        extended = rng.random() < 0.08
        deadline = calendar.add(due, 7) if extended else due
        status, decision, basis, ground, days, answered = "in_process", "", "", "", None, None
        if not is_open:
            days = rng.randint(1, 17 if extended else 12)
            answered = calendar.add(received, days)
            roll = rng.random()
            decision = "granted" if roll < 0.6 else "partly_granted" if roll < 0.8 else "refused"
            if decision == "refused":
                basis = "exempt" if rng.random() < 0.5 else "not_held"
                ground = rng.choice("abcdefghij") if basis == "exempt" else ""
            status = "closed" if rng.random() < 0.5 else "answered"
        moment = timezone.make_aware(datetime.combine(received, datetime.min.time()).replace(hour=9))
        batch.append(
            InfoRequest(
                number=format_number(n, "request", received),
                year=2026,
                sequence=n,
                channel="web",
                requester_type="individual",
                name=f"Pemohon {n}",
                nik="3273015708900002",
                address="Jl. Bench",
                phone="081234567890",
                information=f"Informasi nomor {n}",
                purpose="Bench",
                obtain_method="soft_copy",
                delivery_method="email",
                token_hash=hashlib.sha256(str(n).encode()).hexdigest(),
                received_at=moment,
                received_date=received,
                due_date=due,
                deadline=deadline,
                extension_reason="Bench" if extended else "",
                extended_at=moment if extended else None,
                status=status,
                decision=decision,
                refusal_basis=basis,
                exempt_ground=ground,
                consequence_test="Uji konsekuensi" if ground else "",
                answer="Jawaban" if answered else "",
                answered_at=moment if answered else None,
                answered_date=answered,
                working_days_to_answer=days,
            )
        )
        if len(batch) == 5000:
            created += InfoRequest.objects.bulk_create(batch)
            batch = []
    created += InfoRequest.objects.bulk_create(batch)
    objections = []
    last_objection = Objection.objects.filter(year=2026).count()
    for req in created:
        if req.answered_date and rng.random() < 0.04:
            last_objection += 1
            filed = calendar.add(req.answered_date, 3)
            decided = rng.random() < 0.7
            objections.append(
                Objection(
                    request=req,
                    number=format_number(last_objection, "objection", filed),
                    year=2026,
                    sequence=last_objection,
                    reasons=["e"],
                    description="Bench",
                    filed_at=timezone.make_aware(datetime.combine(filed, datetime.min.time())),
                    filed_date=filed,
                    due_date=calendar.add(filed, 30),
                    status="decided" if decided else "filed",
                    decision=rng.choice(["upheld", "rejected"]) if decided else "",
                    decided_date=calendar.add(filed, 10) if decided else None,
                )
            )
    Objection.objects.bulk_create(objections, batch_size=5000)
    for register, last in (("request", start_seq + total), ("objection", last_objection)):
        RegisterCounter.objects.update_or_create(register=register, year=2026, defaults={"last": last})


def measure(client: Any, path: str) -> tuple[float, float, int]:
    """Median and worst render time (ms) over REPEAT requests, and the query count."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm up
    times = []
    for _ in range(REPEAT):
        cache.delete("ppid:performance:2026")  # measure the public performance page uncached
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times), max(times), len(queries)


PAGES = {
    "inbox (open, by deadline)": "/ppid/staf/",
    "inbox (all)": "/ppid/staf/?status=semua",
    "annual report 2026": "/ppid/staf/laporan/?tahun=2026",
    "request register 2026": "/ppid/staf/register/?tahun=2026",
    "public performance 2026": "/ppid/kinerja/?tahun=2026",
}


def pages(label: str) -> dict[str, int]:
    from django.test import Client

    from humas.models import User
    from humas.roles import Role
    from ppid.models import InfoRequest

    officer, _ = User.objects.get_or_create(username="bench-ppid", defaults={"is_staff": True})
    from django.contrib.auth.models import Group

    officer.groups.add(Group.objects.get(name=Role.PPID_OFFICER.value))
    client = Client()
    client.force_login(officer)
    print(f"\n{label}: {InfoRequest.objects.count():,} requests ({InfoRequest.objects.open().count():,} open)")
    counts = {}
    for name, path in PAGES.items():
        median, worst, queries = measure(client, path)
        counts[name] = queries
        print(f"  {name:<28} median {median:7.1f} ms   max {worst:7.1f} ms   {queries:2d} queries")
    return counts


def concurrent_submissions() -> None:
    from django.db import connection

    from ppid.models import InfoRequest, RegisterCounter
    from ppid.services import RequesterData, request_submit

    before = RegisterCounter.objects.get(register="request", year=2026).last
    barrier = threading.Barrier(CONCURRENT)
    numbers: list[str] = []
    errors: list[str] = []
    lock = threading.Lock()

    def submit(n: int) -> None:
        try:
            data = RequesterData(
                requester_type="individual",
                name=f"Serentak {n}",
                nik="3273015708900002",
                address="Jl. Serentak",
                phone="081234567890",
                information=f"Permohonan serentak {n}",
                purpose="Bench",
                obtain_method="soft_copy",
                delivery_method="email",
            )
            barrier.wait()
            submitted = request_submit(data=data, identity_document=None)
            with lock:
                numbers.append(submitted.request.number)
        except Exception as error:
            with lock:
                errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(CONCURRENT)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    sequences = sorted(InfoRequest.objects.filter(number__in=numbers).values_list("sequence", flat=True))
    gapless = sequences == list(range(before + 1, before + CONCURRENT + 1))
    print(
        f"\n{CONCURRENT} concurrent submissions (threads, own connections): {len(numbers)} stored, "
        f"{len(set(numbers))} distinct numbers, sequences {sequences[0] if sequences else '-'}–"
        f"{sequences[-1] if sequences else '-'}, gapless: {gapless}, errors: {len(errors)}, "
        f"{elapsed:.2f} s in all"
    )
    for error in errors[:5]:
        print("   ", error)


def main() -> None:
    setup_django()
    ensure_database()
    from django.utils import timezone

    today = timezone.localdate()
    calendar = Calendar()
    reset()
    started = time.perf_counter()
    fill(SMALL, 0, calendar, today)
    print(f"Filled {SMALL:,} requests in {time.perf_counter() - started:.1f} s")
    small = pages(f"{SMALL:,} rows")
    started = time.perf_counter()
    fill(BIG - SMALL, SMALL, calendar, today)
    print(f"\nFilled {BIG - SMALL:,} more requests in {time.perf_counter() - started:.1f} s (bulk_create)")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE ppid_inforequest; ANALYZE ppid_objection")
    big = pages(f"{BIG:,} rows")
    print("\nQuery counts equal at both sizes:", small == big, "" if small == big else f"{small} vs {big}")
    concurrent_submissions()


if __name__ == "__main__":
    main()
