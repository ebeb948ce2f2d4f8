"""Load and soak: the portal as in production, driven by a mixed load from a second process.

    make load                      # levels 10, 50, 100 for 30 s each, static ratio, 10-minute soak
    .venv/bin/python bench/loadtest.py --seconds 10 --soak-seconds 60     # a quick look

Starts gunicorn (production settings, ``--workers`` sync workers) and a Celery worker on their
own database (``<DATABASE_URL name>_load``, filled once by ``bench/load_data.py``) and Redis
database, then drives them with asyncio clients (a lean keep-alive HTTP/1.1 client for the
GETs, httpx for the form submissions). The mix, by weight: public list 25,
release detail 30, search 10, feeds 10, press-kit download 5, PPID status page by tracking
link 10, PPID status by register number 5, PPID submission with a scan 5. Prints throughput,
p50/p95/p99 latency and errors per level; the ratio of the cached detail page to the same
bytes served as a static file by the same server; and, for the soak, start and end RSS of
every server process and the database connection count.

Differences from a real deployment, on purpose: plain HTTP on loopback (no TLS proxy, so
secure cookies and the HTTPS redirect are off), a public-form rate limit lifted because every
client comes from 127.0.0.1, and mail going to Django's dummy backend.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
PORT = int(os.environ.get("LOAD_PORT", "8941"))
BASE = f"http://127.0.0.1:{PORT}"
SECRET = os.environ.get("LOAD_SECRET_KEY") or secrets.token_urlsafe(64)


_ORIGINAL_ENV = dict(os.environ)


def load_env() -> dict[str, str]:
    """The servers' environment, derived from the caller's (so calling it twice gives the same)."""
    os_env = _ORIGINAL_ENV
    url = os_env.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/humas")
    parts = urlsplit(url)
    base = int(os_env.get("TEST_REDIS_DB_BASE", "1"))
    var = Path(os_env.get("HUMAS_VAR_DIR", str(ROOT / "var"))) / "load"
    return {
        **os_env,
        "HUMAS_ENV": "production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_load")),
        "REDIS_URL": f"redis://127.0.0.1:6379/{base + 10}",
        "CACHE_KEY_PREFIX": "humas-load",
        "HUMAS_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "humas.settings",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": BASE,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "BEHIND_TLS_PROXY": "false",
        "SERVE_PUBLIC_MEDIA": "true",
        "PUBLIC_FORM_RATE": "1000000/h",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "CHANNEL_CREDENTIALS_KEY": os_env.get("CHANNEL_CREDENTIALS_KEY", "")
        or "bG9hZC10ZXN0LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=",
    }


def setup() -> None:
    os.environ.update(load_env())
    import django

    django.setup()
    from benchdb import ensure_database

    ensure_database(collectstatic=True)
    from load_data import fill_all

    started = time.monotonic()
    fill_all(lambda line: print(f"  data: {line} ({time.monotonic() - started:.0f} s)", flush=True))


@dataclass
class Targets:
    lists: list[str]
    details: list[str]
    searches: list[str]
    feeds: list[str]
    presskits: list[str]
    tracks: list[str]
    numbers: list[str]
    static_twin: str
    detail_one: str


def targets() -> Targets:
    """Paths for the mix, and a static file holding exactly the bytes of one cached detail page."""
    from django.conf import settings
    from django.test import Client

    from ppid.models import InfoRequest
    from releases.models import Release

    public = Release.objects.public()
    slugs = list(public.order_by("-publish_at").values_list("slug", flat=True)[:2000])
    kits = list(public.exclude(presskit_file="").values_list("slug", flat=True)[:20])
    tracked = list(InfoRequest.objects.order_by("pk").values_list("pk", flat=True)[:2000])
    numbers = list(InfoRequest.objects.order_by("?").values_list("number", flat=True)[:500])
    detail_one = f"/siaran-pers/{slugs[0]}/"
    body = Client(HTTP_HOST="127.0.0.1").get(detail_one).content
    twin = Path(settings.STATIC_ROOT) / "load-twin.html"
    twin.write_bytes(body)
    return Targets(
        lists=["/siaran-pers/", *[f"/siaran-pers/?page={n}" for n in range(2, 40)], "/siaran-pers/?kategori=kat-3"],
        details=[f"/siaran-pers/{slug}/" for slug in slugs],
        searches=[f"/siaran-pers/?q={q}" for q in ("jembatan", "banjir+kota", "festival", "pelayanan+kesehatan")],
        feeds=["/siaran-pers/feed/rss/", "/siaran-pers/feed/atom/", "/sitemap.xml"],
        presskits=[f"/siaran-pers/{slug}/press-kit/" for slug in kits],
        tracks=[f"/ppid/lacak/{pk}/load-{index}/" for index, pk in enumerate(tracked)],
        numbers=[f"/ppid/status/?nomor={n}" for n in numbers],
        static_twin="/static/load-twin.html",
        detail_one=detail_one,
    )


def scan_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), "lightgray").save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, seconds: float, ok: bool) -> None:
        self.latencies.setdefault(kind, []).append(seconds)
        if not ok:
            self.errors[kind] = self.errors.get(kind, 0) + 1

    @property
    def all(self) -> list[float]:
        return sorted(x for values in self.latencies.values() for x in values)


MIX = [("list", 25), ("detail", 30), ("search", 10), ("feed", 10), ("presskit", 5), ("track", 10), ("number", 5)]
SUBMIT_WEIGHT = 5


async def submit_request(client: object, scan: bytes, rng: random.Random) -> bool:
    """GET the form (for the CSRF cookie and token), then POST it as a browser would."""
    from django.core import signing

    form = await client.get("/ppid/permohonan/")  # type: ignore[attr-defined]
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form.content)
    if form.status_code != 200 or not match:
        return False
    data = {
        "csrfmiddlewaretoken": match.group(1).decode(),
        "requester_type": "individual",
        "name": f"Pemohon Beban {rng.randint(1, 10**6)}",
        "nik": "3273015708900002",
        "address": "Jl. Kenanga 3",
        "phone": "081298765432",
        "email": "pemohon@contoh.example",
        "information": "Daftar penerima beasiswa daerah 2026",
        "purpose": "Penelitian",
        "obtain_method": "soft_copy",
        "delivery_method": "email",
        "website": "",
        "form_started": signing.dumps(time.time() - 30, salt="public-form"),
    }
    files = {"identity_document": ("ktp.jpg", scan, "image/jpeg")}
    response = await client.post("/ppid/permohonan/", data=data, files=files)  # type: ignore[attr-defined]
    return response.status_code == 302 and "/ppid/lacak/" in response.headers.get("location", "")


class KeepAliveClient:
    """A minimal HTTP/1.1 GET client on one keep-alive connection.

    httpx costs more CPU per request than a cached page costs the server, and on a shared
    2-core machine the driver would measure itself; this reads just the status line, the
    headers it needs and the body (by Content-Length or chunked)."""

    def __init__(self) -> None:
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        for attempt in (1, 2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection("127.0.0.1", PORT)
            try:
                return await self._get(path)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _get(self, path: str) -> int:
        assert self.reader is not None and self.writer is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        if "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def drive(t: Targets, clients: int, seconds: float, only: str | None = None) -> tuple[Results, float]:
    import httpx

    results = Results()
    scan = scan_bytes()
    pools = {
        "list": t.lists,
        "detail": t.details,
        "search": t.searches,
        "feed": t.feeds,
        "presskit": t.presskits,
        "track": t.tracks,
        "number": t.numbers,
        "static": [t.static_twin],
        "detail-one": [t.detail_one],
    }
    kinds = [k for k, w in MIX for _ in range(w)] + ["submit"] * SUBMIT_WEIGHT
    deadline = time.monotonic() + seconds

    async def one_client(index: int) -> None:
        rng = random.Random(index)
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        fast = KeepAliveClient()
        async with httpx.AsyncClient(base_url=BASE, timeout=60, limits=limits) as client:
            while time.monotonic() < deadline:
                kind = only or rng.choice(kinds)
                started = time.perf_counter()
                try:
                    if kind == "submit":
                        ok = await submit_request(client, scan, rng)
                    else:
                        ok = await asyncio.wait_for(fast.get(rng.choice(pools[kind])), 60) == 200
                except (TimeoutError, httpx.HTTPError, OSError, asyncio.IncompleteReadError, ValueError):
                    ok = False
                    await fast.close()
                results.add(kind, time.perf_counter() - started, ok)
        await fast.close()

    started = time.monotonic()
    await asyncio.gather(*(one_client(i) for i in range(clients)))
    return results, time.monotonic() - started


def pct(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p))] * 1000


def print_level(clients: int, results: Results, took: float) -> None:
    values = results.all
    errors = sum(results.errors.values())
    print(
        f"{clients:>8}{len(values) / took:>10.1f}{pct(values, 0.5):>9.1f}{pct(values, 0.95):>9.1f}"
        f"{pct(values, 0.99):>9.1f}{len(values):>10}{errors:>8}",
        flush=True,
    )
    if errors:
        print(f"          errors by kind: {results.errors}")


def process_tree(pid: int) -> list[int]:
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return pids
    for child in children:
        pids += process_tree(int(child))
    return pids


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def process_name(pid: int) -> str:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    text = b" ".join(cmd).decode(errors="replace")
    return "gunicorn" if "gunicorn" in text else "celery" if "celery" in text else text[:30]


def db_connections() -> int:
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        name = settings.DATABASES["default"]["NAME"]
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name])
        count = int(cursor.fetchone()[0])
    connection.close()
    return count - 1  # not this one


def start_servers(workers: int) -> list[subprocess.Popen[bytes]]:
    env = load_env()
    log_path = Path(env["HUMAS_VAR_DIR"]) / "servers.log"
    log = log_path.open("ab")
    print(f"server logs: {log_path}")
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "humas.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "humas", "worker", "--concurrency", "2", "--loglevel", "WARNING"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    import httpx

    answer = "no answer"
    for _ in range(150):
        try:
            response = httpx.get(f"{BASE}/sehat/", timeout=5)
            if response.status_code == 200:
                break
            answer = response.text
        except httpx.HTTPError as exc:
            answer = repr(exc)
        time.sleep(0.2)
    else:
        for server in (web, worker):
            server.kill()
        raise SystemExit(f"gunicorn did not answer /sehat/ with 200: {answer}")
    return [web, worker]


async def warm(t: Targets) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=BASE, timeout=60) as client:
        for path in t.lists + t.feeds + t.details[:2000] + [t.detail_one]:
            await client.get(path)


def soak(t: Targets, servers: list[subprocess.Popen[bytes]], clients: int, seconds: float) -> None:
    pids = [pid for server in servers for pid in process_tree(server.pid)]
    start_rss = {pid: rss_mib(pid) for pid in pids}
    start_conns = db_connections()
    results, took = asyncio.run(drive(t, clients, seconds))
    end_pids = [pid for server in servers for pid in process_tree(server.pid)]
    end_conns = db_connections()
    print(f"\nSoak: {clients} clients for {took:.0f} s")
    print(f"{'clients':>8}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'requests':>10}{'errors':>8}")
    print_level(clients, results, took)
    print(f"{'process':<12}{'pid':>8}{'start MiB':>11}{'end MiB':>10}")
    for pid in sorted(set(pids) | set(end_pids)):
        print(f"{process_name(pid):<12}{pid:>8}{start_rss.get(pid, 0):>11.1f}{rss_mib(pid):>10.1f}")
    print(f"database connections: {start_conns} at start, {end_conns} at end")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30, help="per load level")
    parser.add_argument("--levels", default="10,50,100")
    parser.add_argument("--soak-seconds", type=float, default=600)
    parser.add_argument("--soak-clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("LOAD_WORKERS", "5")))
    args = parser.parse_args()
    print("Preparing the load database (first run fills it) ...", flush=True)
    setup()
    t = targets()
    servers = start_servers(args.workers)
    try:
        asyncio.run(warm(t))
        print(f"\ngunicorn {args.workers} sync workers + 1 Celery worker (concurrency 2), production settings")
        print(f"Mixed load, {args.seconds:.0f} s per level")
        print(f"{'clients':>8}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'requests':>10}{'errors':>8}")
        for level in [int(x) for x in args.levels.split(",")]:
            results, took = asyncio.run(drive(t, level, args.seconds))
            print_level(level, results, took)
        by_kind = {k: statistics.median(v) * 1000 for k, v in sorted(results.latencies.items())}
        print("  p50 by kind at the last level (ms): " + ", ".join(f"{k} {v:.0f}" for k, v in by_kind.items()))
        static, s_took = asyncio.run(drive(t, 50, args.seconds / 2, only="static"))
        cached, c_took = asyncio.run(drive(t, 50, args.seconds / 2, only="detail-one"))
        s_rps, c_rps = len(static.all) / s_took, len(cached.all) / c_took
        errors = sum(cached.errors.values()) + sum(static.errors.values())
        print(
            f"\nCached detail page {c_rps:.0f} req/s vs the same bytes as a static file {s_rps:.0f} req/s "
            f"(50 clients): ratio {c_rps / s_rps:.2f}; errors {errors}"
        )
        if args.soak_seconds > 0:
            soak(t, servers, args.soak_clients, args.soak_seconds)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
