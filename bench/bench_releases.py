"""Public newsroom under load: list and detail pages with 10,000 releases, served by gunicorn.

Runs against its own database (``<DATABASE_URL name>_bench``, created and filled once) and
prints requests per second and p50/p95 latency for each page, cached (anonymous visitors,
served from Redis) and uncached (a signed-in visitor, whose pages are always rendered).

    .venv/bin/python bench/bench_releases.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
RELEASES = 10_000
SECONDS = 6.0
CONCURRENCY = 8
PORT = int(os.environ.get("BENCH_PORT", "8931"))


_ENV: dict[str, str] = {}


def bench_env() -> dict[str, str]:
    if _ENV:
        return dict(_ENV)
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/humas")
    parts = urlsplit(url)
    bench_url = urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_bench"))
    base = int(os.environ.get("TEST_REDIS_DB_BASE", "1"))
    var = os.environ.get("HUMAS_VAR_DIR", str(ROOT / "var"))
    env = {
        **os.environ,
        "DATABASE_URL": bench_url,
        "REDIS_URL": f"redis://127.0.0.1:6379/{base + 8}",
        "CACHE_KEY_PREFIX": "humas-bench",
        "HUMAS_VAR_DIR": str(Path(var) / "bench"),
        "DJANGO_SETTINGS_MODULE": "humas.settings",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "SERVE_PUBLIC_MEDIA": "true",
    }
    _ENV.update(env)
    return dict(env)


def setup_django() -> None:
    os.environ.update(bench_env())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_database() -> None:
    from benchdb import ensure_database as create_and_migrate  # same folder

    create_and_migrate(collectstatic=True)


def fill(count: int = RELEASES) -> None:
    """10,000 published releases over 12 units, 8 categories and 30 tags; 200 with a photo."""
    from django.utils import timezone

    from humas.models import Unit, User
    from releases.models import Category, Release, Tag

    if Release.objects.count() >= count:
        return
    units = [
        Unit.objects.get_or_create(short_name=f"B{n}", defaults={"name": f"Dinas Bench {n}", "slug": f"b-{n}"})[0]
        for n in range(12)
    ]
    cats = [Category.objects.get_or_create(slug=f"kat-{n}", defaults={"name": f"Kategori {n}"})[0] for n in range(8)]
    tags = [Tag.objects.get_or_create(slug=f"tag-{n}", defaults={"name": f"tag {n}"})[0] for n in range(30)]
    user, _ = User.objects.get_or_create(username="bench", defaults={"is_staff": True})
    now = timezone.now()
    words = [
        "pembangunan",
        "jembatan",
        "pelayanan",
        "kesehatan",
        "pendidikan",
        "warga",
        "kota",
        "festival",
        "jalan",
        "banjir",
    ]
    batch = []
    for n in range(count):
        topic = " ".join(words[(n + k) % len(words)] for k in range(3))
        batch.append(
            Release(
                title=f"Siaran pers {n}: {topic}",
                slug=f"siaran-pers-bench-{n}",
                lead=f"Ringkasan siaran pers nomor {n} tentang {topic} di Kota Harapan Jaya.",
                body="".join(f"<p>Paragraf {p} tentang {topic} untuk warga.</p>" for p in range(8)),
                unit=units[n % len(units)],
                category=cats[n % len(cats)],
                author=user,
                last_edited_by=user,
                approved_by=user,
                status=Release.Status.PUBLISHED,
                publish_at=now - timezone.timedelta(minutes=n * 7),
                went_public_at=now - timezone.timedelta(minutes=n * 7),
            )
        )
    Release.objects.bulk_create(batch, batch_size=1000)
    through = Release.tags.through
    ids = list(Release.objects.values_list("pk", flat=True))
    through.objects.bulk_create(
        [through(release_id=pk, tag_id=tags[(pk + k) % len(tags)].pk) for pk in ids for k in range(3)], batch_size=5000
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE releases_release; ANALYZE releases_release_tags")
    from releases.services import release_image_add
    from tests.helpers import image_upload

    for release in Release.objects.order_by("-publish_at")[:40]:
        Release.objects.filter(pk=release.pk).update(status=Release.Status.DRAFT)
        release_image_add(
            release_id=release.pk, actor=user, file=image_upload(width=1800, height=1200), alt_text="foto"
        )
        Release.objects.filter(pk=release.pk).update(status=Release.Status.PUBLISHED)


def session_cookie() -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cache import SessionStore

    from humas.models import User

    user, _ = User.objects.get_or_create(username="pembaca-bench")
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"sessionid={store.session_key}"


def load(paths: list[str], cookie: str = "") -> dict[str, float]:
    import httpx

    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def run(offset: int) -> None:
        nonlocal errors
        headers = {"Cookie": cookie} if cookie else {}
        with httpx.Client(base_url=f"http://127.0.0.1:{PORT}", headers=headers, timeout=30) as client:
            n = offset
            while time.monotonic() < deadline:
                path = paths[n % len(paths)]
                n += CONCURRENCY
                started = time.perf_counter()
                response = client.get(path)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    errors += response.status_code != 200

    threads = [threading.Thread(target=run, args=(i,)) for i in range(CONCURRENCY)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - started
    latencies.sort()
    return {
        "rps": len(latencies) / took,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "n": len(latencies),
        "errors": errors,
    }


def main() -> None:
    setup_django()
    started = time.monotonic()
    ensure_database()
    fill()
    from releases.models import Release

    print(f"data ready: {Release.objects.public().count()} public releases ({time.monotonic() - started:.0f} s)")
    cookie = session_cookie()
    workers = os.environ.get("BENCH_WORKERS", "2")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "humas.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            workers,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=bench_env(),
    )
    try:
        import httpx

        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{PORT}/siaran-pers/", timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        slugs = list(Release.objects.public().values_list("slug", flat=True)[:400])
        lists = ["/siaran-pers/", "/siaran-pers/?page=2", "/siaran-pers/?kategori=kat-3", "/siaran-pers/?page=50"]
        details = [f"/siaran-pers/{slug}/" for slug in slugs]
        print(f"gunicorn: {workers} sync workers; load: {CONCURRENCY} concurrent clients, {SECONDS:.0f} s per scenario")
        print(f"{'page':<28}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'requests':>10}{'errors':>8}")
        for name, paths, cookie_value in [
            ("list, cached (anonymous)", lists, ""),
            ("list, uncached (signed in)", lists, cookie),
            ("detail, cached (anonymous)", details, ""),
            ("detail, uncached (signed in)", details, cookie),
            ("search, uncached", ["/siaran-pers/?q=jembatan+kesehatan", "/siaran-pers/?q=festival"], cookie),
        ]:
            if not cookie_value:
                with httpx.Client(base_url=f"http://127.0.0.1:{PORT}", timeout=30) as warm:
                    for path in paths:  # every page once, so the run measures cache hits
                        warm.get(path)
            r = load(paths, cookie_value)
            print(f"{name:<28}{r['rps']:>8.1f}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['n']:>10}{r['errors']:>8}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
