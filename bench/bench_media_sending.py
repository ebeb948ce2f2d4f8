"""One release to 5,000 journalists by email, through a local SMTP server, with ONE Celery
worker process (prefork, concurrency 1): time to finish and the worker's peak memory (RSS).

Runs against its own database (``<DATABASE_URL name>_bench``, created and migrated once);
the SMTP server is a small thread in this script that accepts and counts every message.

    .venv/bin/python bench/bench_media_sending.py            # 5,000 recipients
    BENCH_RECIPIENTS=500 .venv/bin/python bench/bench_media_sending.py

``BENCH_REDIS_URL`` picks the broker (default: ``REDIS_URL`` with database 9).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
RECIPIENTS = int(os.environ.get("BENCH_RECIPIENTS", "5000"))
SMTP_PORT = int(os.environ.get("BENCH_SMTP_PORT", "8925"))


_ENV: dict[str, str] = {}


def bench_env() -> dict[str, str]:
    if not _ENV:
        _ENV.update(_make_env())
    return dict(_ENV)


def _make_env() -> dict[str, str]:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/humas")
    parts = urlsplit(url)
    bench_url = urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_bench"))
    redis = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0]
    var = os.environ.get("HUMAS_VAR_DIR", str(ROOT / "var"))
    return {
        **os.environ,
        "DATABASE_URL": bench_url,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", f"{redis}/9"),
        "CACHE_KEY_PREFIX": "humas-bench-media",
        "HUMAS_VAR_DIR": str(Path(var) / "bench"),
        "DJANGO_SETTINGS_MODULE": "humas.settings",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SMTP_PORT),
        "SITE_URL": "http://127.0.0.1:8000",
    }


# Data -------------------------------------------------------------------------------------


def setup_django() -> None:
    os.environ.update(bench_env())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_database() -> None:
    from benchdb import ensure_database as create_and_migrate  # same folder

    create_and_migrate(collectstatic=False)


def fill(count: int) -> tuple[int, int]:
    """``count`` consenting journalists on one list, and one published release. Returns ids."""
    from django.utils import timezone

    from humas.models import Unit, User
    from media_relations.models import DistributionList, Journalist, Outlet
    from releases.models import Release

    user, _ = User.objects.get_or_create(username="bench-media", defaults={"is_staff": True})
    unit, _ = Unit.objects.get_or_create(short_name="BM", defaults={"name": "Bagian Humas Bench", "slug": "bm"})
    outlet, _ = Outlet.objects.get_or_create(name="Media Bench", defaults={"kind": Outlet.Kind.ONLINE})
    have = Journalist.objects.filter(email__endswith="@bench.example.id").count()
    now = timezone.now()
    Journalist.objects.bulk_create(
        [
            Journalist(
                name=f"Wartawan Bench {n}",
                outlet=outlet,
                email=f"w{n}@bench.example.id",
                consent_at=now,
                consent_source=Journalist.ConsentSource.FORM,
            )
            for n in range(have, count)
        ],
        batch_size=1000,
    )
    group, _ = DistributionList.objects.get_or_create(name=f"Bench {count}")
    ids = list(
        Journalist.objects.filter(email__endswith="@bench.example.id").order_by("pk").values_list("pk", flat=True)
    )
    through = DistributionList.members.through
    through.objects.filter(distributionlist_id=group.pk).delete()
    through.objects.bulk_create([through(distributionlist_id=group.pk, journalist_id=pk) for pk in ids[:count]])
    release = Release.objects.create(
        title=f"Siaran pers bench {now:%H%M%S}", slug=f"bench-media-{now:%Y%m%d%H%M%S%f}",
        lead="Pemerintah kota meresmikan layanan baru bagi warga.", body="<p>Isi.</p>",
        unit=unit, author=user, last_edited_by=user, approved_by=user, status=Release.Status.PUBLISHED,
        publish_at=now - timezone.timedelta(minutes=5), went_public_at=now,
    )  # fmt: skip
    return release.pk, group.pk


# Measurement ------------------------------------------------------------------------------


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(p) for p in (task / "children").read_text().split()]
    return found


def start_worker() -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "celery", "-A", "humas", "worker", "--pool", "prefork", "--concurrency", "1",
        "--loglevel", "WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle",
    ]  # fmt: skip
    Path(bench_env()["HUMAS_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    log = open(Path(bench_env()["HUMAS_VAR_DIR"]) / "bench-media-worker.log", "wb")  # noqa: SIM115
    return subprocess.Popen(command, cwd=ROOT, env=bench_env(), stdout=log, stderr=subprocess.STDOUT)


def main() -> None:
    setup_django()
    print("database …", flush=True)
    ensure_database()
    print("data …", flush=True)
    release_id, list_id = fill(RECIPIENTS)
    print("smtp server and worker …", flush=True)
    from tests.media_relations.smtp_server import smtp_server

    with smtp_server(SMTP_PORT, keep=False) as (_port, mailbox):
        figures = run(release_id, list_id)
    for line in figures:
        print(line)
    print(f"SMTP server received: {mailbox.count}")


def run(release_id: int, list_id: int) -> list[str]:
    from humas.models import User
    from media_relations import services
    from media_relations.models import DistributionList, Sending

    worker = start_worker()
    time.sleep(4)  # the worker boots Django before taking tasks
    idle_main = _rss_kb(worker.pid)
    idle_child = max([0, *(_rss_kb(c) for c in _children(worker.pid))])
    peak_main = peak_child = 0
    started = time.monotonic()
    sending = services.sending_create(
        release_id=release_id, advance_copy=False,
        audience=services.Audience(distribution_list=DistributionList.objects.get(pk=list_id)),
        confirm_resend=False, actor=User.objects.get(username="bench-media"),
    )  # fmt: skip
    queued_at = time.monotonic()
    while True:
        peak_main = max(peak_main, _rss_kb(worker.pid))
        peak_child = max([peak_child, *(_rss_kb(c) for c in _children(worker.pid))])
        sending.refresh_from_db()
        if sending.status == Sending.Status.DONE or time.monotonic() - started > 1800:
            break
        if worker.poll() is not None:
            raise SystemExit(f"the worker stopped; see {bench_env()['HUMAS_VAR_DIR']}/bench-media-worker.log")
        time.sleep(0.2)
    finished = time.monotonic()
    worker.terminate()
    worker.wait(timeout=30)
    return [
        f"recipients: {RECIPIENTS}, batches of {services.BATCH_SIZE}, one worker process (prefork, concurrency 1)",
        f"rows written (sending_create): {queued_at - started:.2f} s",
        f"time to finish (create → all sent): {finished - started:.1f} s",
        f"messages per second: {sending.sent_count / (finished - queued_at):.0f}",
        f"sent {sending.sent_count}, failed {sending.failed_count}, skipped {sending.skipped_count}",
        f"worker RSS before sending: main {idle_main / 1024:.0f} MB, child {idle_child / 1024:.0f} MB",
        f"worker peak RSS: main {peak_main / 1024:.0f} MB, child (the one sending) {peak_child / 1024:.0f} MB",
    ]


if __name__ == "__main__":
    socket.setdefaulttimeout(30)
    main()
