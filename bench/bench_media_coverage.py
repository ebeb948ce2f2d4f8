"""Monthly coverage report over 50,000 coverage items: render time and query count.

Runs in-process (Django test client, signed-in media officer) against its own database
(``<DATABASE_URL name>_coverage_bench``), filled first to 1,000 and then to 50,000 items spread
over the last 12 months across 200 outlets and 300 releases. Prints the median render time of the
HTML report and of its CSV and PDF exports, and the query count, at both sizes: the query
count must be equal.

    .venv/bin/python bench/bench_media_coverage.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
SIZES = (1_000, 50_000)
RUNS = 5


def setup_django() -> None:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/humas")
    parts = urlsplit(url)
    os.environ.update(
        {
            "DATABASE_URL": urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_coverage_bench")),
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9"),
            "CACHE_KEY_PREFIX": "humas-coverage-bench",
            "HUMAS_VAR_DIR": str(Path(os.environ.get("HUMAS_VAR_DIR", str(ROOT / "var"))) / "coverage-bench"),
            "DJANGO_SETTINGS_MODULE": "humas.settings",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_database() -> None:
    from benchdb import ensure_database as create_and_migrate  # same folder

    create_and_migrate(collectstatic=True)


def officer():  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import Group

    from humas.models import Unit, User
    from humas.roles import Role

    user, created = User.objects.get_or_create(username="bench-media", defaults={"is_staff": True})
    if created:
        user.unit = Unit.objects.get_or_create(
            short_name="Humas Setda", defaults={"name": "Bagian Humas", "slug": "humas"}
        )[0]
        user.save()
        user.groups.add(Group.objects.get(name=Role.MEDIA_OFFICER.value))
    return user


def fill_to(total: int, user) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from media_relations.models import CoverageItem, Medium, Outlet, Tone
    from releases.models import Release

    have = CoverageItem.objects.count()
    if have >= total:
        return
    rng = random.Random(have)
    outlets = list(Outlet.objects.values_list("pk", flat=True)) or [
        o.pk
        for o in Outlet.objects.bulk_create(
            [Outlet(name=f"Media Bench {i}", kind=rng.choice(Outlet.Kind.values)) for i in range(200)]
        )
    ]
    releases = list(Release.objects.values_list("pk", flat=True)[:300]) or [None]
    now = timezone.now()
    batch = []
    for index in range(have, total):
        batch.append(
            CoverageItem(
                outlet_id=rng.choice(outlets),
                title=f"Berita bench nomor {index}",
                url=f"https://bench.example/berita/{index}",
                url_key=f"bench.example/berita/{index}",
                published_at=now - timedelta(minutes=rng.randint(0, 365 * 24 * 60)),
                medium=rng.choice(Medium.values),
                tone=rng.choice(Tone.values),
                reach=rng.choice([None, 1000, 25000]),
                release_id=rng.choice(releases) if rng.random() < 0.3 else None,
                logged_by=user,
            )
        )
        if len(batch) == 5000:
            CoverageItem.objects.bulk_create(batch)
            batch = []
    CoverageItem.objects.bulk_create(batch)


def measure(client, path: str) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm the session, the permission cache and the template loader
    timings = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings), len(queries)


def main() -> None:
    setup_django()
    ensure_database()
    from django.test import Client
    from django.utils import timezone

    from media_relations.models import CoverageItem

    user = officer()
    client = Client()
    client.force_login(user)
    month = timezone.localdate().replace(day=1) - timedelta(days=1)
    base = f"/media/kliping/laporan/bulanan/?bulan={month:%Y-%m}"
    print(f"monthly coverage report, month {month:%Y-%m}, median of {RUNS} renders")
    print(f"{'items':>8} {'in month':>9} {'HTML ms':>9} {'CSV ms':>8} {'PDF ms':>8} {'queries':>8}")
    counts = []
    for size in SIZES:
        if CoverageItem.objects.count() > size:
            CoverageItem.objects.all().delete()
        fill_to(size, user)
        in_month = CoverageItem.objects.filter(published_at__year=month.year, published_at__month=month.month).count()
        html_ms, queries = measure(client, base)
        csv_ms, _csv_queries = measure(client, base + "&unduh=csv")
        pdf_ms, _pdf_queries = measure(client, base + "&unduh=pdf")
        counts.append(queries)
        print(f"{size:>8} {in_month:>9} {html_ms:>9.1f} {csv_ms:>8.1f} {pdf_ms:>8.1f} {queries:>8}")
    print("query count constant:", "yes" if len(set(counts)) == 1 else f"NO {counts}")
    if len(set(counts)) != 1:
        sys.exit(1)


if __name__ == "__main__":
    main()
