"""Social channels under load: 200 releases × 5 channels, posted by 2 real Celery worker processes
to local fake platforms that answer each post in 50 ms.

Runs against its own database (``<DATABASE_URL name>_bench_channels``, created and migrated on
the first run, emptied of releases and channels on every run) and its own Redis database
(``TEST_REDIS_DB_BASE + 9`` on the Redis of ``REDIS_URL``). The fake platforms are the test suite's
(``tests/releases/channels/fakes.py``) on a threaded HTTP server in this process. Each release
becomes public the way the release workflow does it: status, ``went_public_at`` and the
``release_published`` signal in one transaction (the outbox rows are written there, the
``deliver`` tasks queued after commit); the press kit is left out so that only channel work runs.

    .venv/bin/python bench/bench_channels.py            # BENCH_RELEASES, BENCH_DELAY_MS, BENCH_WORKERS

It prints the time until every delivery is posted, the ideal (platform calls × 50 ms ÷ worker
concurrency), their ratio, duplicate posts (must be 0) and failures.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
RELEASES = int(os.environ.get("BENCH_RELEASES", "200"))
DELAY = float(os.environ.get("BENCH_DELAY_MS", "50")) / 1000
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))  # processes, each `-c 1`
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "600"))


_ENV: dict[str, str] = {}


def bench_env() -> dict[str, str]:
    """Computed once, from the caller's environment (``setup_django`` then overwrites it)."""
    if _ENV:
        return dict(_ENV)
    from cryptography.fernet import Fernet

    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/humas")
    parts = urlsplit(url)
    db_url = urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_bench_channels"))
    redis = urlsplit(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    base = int(os.environ.get("TEST_REDIS_DB_BASE", "1"))
    var = os.environ.get("HUMAS_VAR_DIR", str(ROOT / "var"))
    _ENV.update(
        {
            **os.environ,
            "DATABASE_URL": db_url,
            "REDIS_URL": urlunsplit(redis._replace(path=f"/{base + 9}")),
            "CELERY_BROKER_URL": urlunsplit(redis._replace(path=f"/{base + 9}")),
            "CACHE_KEY_PREFIX": "humas-bench-channels",
            "HUMAS_VAR_DIR": str(Path(var) / "bench-channels"),
            "DJANGO_SETTINGS_MODULE": "humas.settings",
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "SITE_URL": "https://humas.harapanjaya.go.id",
            "CHANNEL_CREDENTIALS_KEY": os.environ.get("CHANNEL_CREDENTIALS_KEY") or Fernet.generate_key().decode(),
        }
    )
    return dict(_ENV)


def setup_django() -> None:
    os.environ.update(bench_env())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)


def ensure_database() -> None:
    from benchdb import ensure_database as create_and_migrate  # same folder

    create_and_migrate(collectstatic=False)


def reset() -> None:
    from releases.channels.models import Channel, ChannelAttempt, ChannelDelivery, ChannelVersion
    from releases.models import Release

    ChannelAttempt.objects.all().delete()
    ChannelDelivery.objects.all().delete()
    ChannelVersion.objects.all().delete()
    Channel.objects.all().delete()
    Release.objects.filter(slug__startswith="bench-kanal-").delete()


def make_releases(count: int) -> list[int]:
    from django.utils import timezone

    from humas.models import Unit, User
    from releases.models import Release

    unit, _ = Unit.objects.get_or_create(short_name="BK", defaults={"name": "Dinas Bench Kanal", "slug": "bk"})
    user, _ = User.objects.get_or_create(username="bench-kanal", defaults={"is_staff": True})
    now = timezone.now()
    Release.objects.bulk_create(
        [
            Release(
                title=f"Siaran pers kanal {n}: layanan warga",
                slug=f"bench-kanal-{n}",
                lead=f"Ringkasan siaran pers nomor {n} untuk media sosial.",
                body="<p>Isi siaran pers.</p>",
                unit=unit,
                author=user,
                last_edited_by=user,
                approved_by=user,
                approved_at=now,
                status=Release.Status.APPROVED,
            )
            for n in range(count)
        ]
    )
    return list(Release.objects.filter(slug__startswith="bench-kanal-").order_by("pk").values_list("pk", flat=True))


def go_public(release_id: int) -> None:
    """What ``releases.services._go_public`` does, without queueing the press kit."""
    from django.db import transaction
    from django.utils import timezone

    from releases.models import Release
    from releases.signals import release_published

    with transaction.atomic():
        release = Release.objects.select_for_update().get(pk=release_id)
        now = timezone.now()
        release.status, release.publish_at, release.went_public_at = Release.Status.PUBLISHED, now, now
        release.save(update_fields=["status", "publish_at", "went_public_at", "updated_at"])
        release_published.send(sender=Release, release=release)


def start_workers(count: int) -> list[subprocess.Popen[bytes]]:
    from humas.celery import app

    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "humas",
                "worker",
                "-c",
                "1",
                "-n",
                f"bench{n}@%h",
                "--loglevel",
                "WARNING",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=bench_env(),
        )
        for n in range(count)
    ]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if len(app.control.ping(timeout=1.0)) >= count:
            return workers
    stop(workers)
    raise SystemExit("the workers did not start")


def stop(workers: list[subprocess.Popen[bytes]]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def main() -> None:
    setup_django()
    ensure_database()
    reset()

    from pytest_httpserver import HTTPServer

    from humas.celery import app
    from releases.channels.models import ChannelDelivery
    from releases.channels.models import DeliveryStatus as S
    from tests.releases.channels.fakes import TEXT_PLATFORMS, FakePlatforms

    app.conf.task_always_eager = False
    app.control.purge()
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    platforms = FakePlatforms(server, delay=DELAY).install()
    channels = platforms.channels(TEXT_PLATFORMS)
    ids = make_releases(RELEASES)
    expected = len(ids) * len(channels)
    workers = start_workers(WORKERS)
    print(f"{len(ids)} releases × {len(channels)} channels = {expected} deliveries; fake platforms answer in "
          f"{DELAY * 1000:.0f} ms; {WORKERS} worker processes × concurrency 1")  # fmt: skip
    try:
        started = time.monotonic()
        for release_id in ids:
            go_public(release_id)
        published = time.monotonic() - started
        deadline = started + TIMEOUT
        done = ChannelDelivery.objects.exclude(status__in=[S.PENDING, S.SENDING])
        finished, progress_at = 0, time.monotonic()
        while finished < expected and time.monotonic() < deadline:
            time.sleep(0.1)
            now_finished = done.count()
            if now_finished > finished:
                finished, progress_at = now_finished, time.monotonic()
            elif time.monotonic() - progress_at > 30:
                print("no progress for 30 s: stopping (see the workers' log above)")
                break
        took = time.monotonic() - started
        time.sleep(2.0)  # a duplicate would arrive now
    finally:
        stop(workers)
        calls = len(server.log)
        server.clear()
        server.stop()

    statuses = Counter(ChannelDelivery.objects.values_list("status", flat=True))
    posts = sum(platforms.count(c.platform) for c in channels)
    duplicates = 0
    for channel in channels:
        texts = Counter(
            str(post.get("text") or post.get("message") or post.get("content"))
            for post in platforms.posts[channel.platform]
        )
        duplicates += sum(n - 1 for n in texts.values())
    ideal = calls * DELAY / WORKERS
    print(f"publishing {len(ids)} releases (outbox rows + queueing): {published:.1f} s")
    print(f"time until all posted:  {took:.1f} s")
    print(f"platform calls:         {calls} (posts accepted: {posts})")
    print(f"ideal (calls × {DELAY * 1000:.0f} ms ÷ {WORKERS}): {ideal:.1f} s")
    print(f"ratio to ideal:         {took / ideal:.2f}" if ideal else "ratio to ideal: n/a")
    print(f"throughput:             {expected / took:.1f} deliveries/s")
    print(f"duplicate posts:        {duplicates}")
    print(f"posted: {statuses.get(S.POSTED, 0)}; failures (failed/unknown/not done): "
          f"{expected - statuses.get(S.POSTED, 0)} {dict(statuses)}")  # fmt: skip
    if duplicates or statuses.get(S.POSTED, 0) != expected:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
