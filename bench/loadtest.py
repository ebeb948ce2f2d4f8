"""Load and soak test of the portal as it runs in production.

    .venv/bin/python bench/loadtest.py            # load: 10, 50 and 100 concurrent clients
    .venv/bin/python bench/loadtest.py --soak 600 # plus a 10-minute soak at 50 clients

Starts gunicorn (production settings, DEBUG off, WhiteNoise) and a Celery worker on a database
of its own (``humas_load``) and Redis database 13, fills it with a realistic data set
(``bench/load_data.py``: 10,000 releases, 5,000 journalists, 100,000 PPID requests, 5,000
visits), then drives a mixed load from this second process: public list, detail, search, feeds,
press-kit downloads, PPID submissions and status checks. Prints throughput, p50/p95/p99 latency
and errors per level, the ratio of the cached detail page to the same bytes served as a static
file, and for the soak the start and end memory of every process and the database connections.
Only 127.0.0.1 is ever contacted; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PORT = int(os.environ.get("LOAD_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
VAR = ROOT / "var" / "load"
ENV = {
    **{k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}},
    "DJANGO_SETTINGS_MODULE": "humas.settings",
    "HUMAS_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "SECURE_HSTS_SECONDS": "0",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "false",
    "BEHIND_TLS_PROXY": "false",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/humas_load",
    "REDIS_URL": "redis://127.0.0.1:6379/13",
    "HUMAS_VAR_DIR": str(VAR),
    "SITE_URL": BASE,
    "PUBLIC_FORM_RATE": "100000000/h",
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    "LOG_LEVEL": "WARNING",
    "AXES_FAILURE_LIMIT": "1000",
}
WEB_WORKERS = int(os.environ.get("LOAD_WEB_WORKERS", str((os.cpu_count() or 2) * 2 + 1)))


def run(*args: str) -> None:
    subprocess.run(args, cwd=ROOT, env=ENV, check=True)


def prepare() -> None:
    run(PY, ".ci/services.py")
    run(PY, "manage.py", "migrate", "--noinput", "--verbosity", "0")
    run(PY, "manage.py", "collectstatic", "--noinput", "--verbosity", "0")
    run(PY, "bench/load_data.py")


def start_servers() -> list[subprocess.Popen[bytes]]:
    log = open(VAR / "servers.log", "ab")  # noqa: SIM115 (kept open for the servers' lifetime)
    web = subprocess.Popen(
        [PY, "-m", "gunicorn", "humas.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", str(WEB_WORKERS),
         "--backlog", "2048", "--log-level", "warning"],
        cwd=ROOT, env=ENV, stdout=log, stderr=log,
    )  # fmt: skip
    worker = subprocess.Popen(
        [PY, "-m", "celery", "-A", "humas", "worker", "--concurrency", "2", "--loglevel", "WARNING"],
        cwd=ROOT, env=ENV, stdout=log, stderr=log,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{BASE}/sehat/", timeout=2).status_code == 200:
                return [web, worker]
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stop_servers([web, worker])
    raise SystemExit(f"the portal did not become healthy; see {VAR / 'servers.log'}")


def stop_servers(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


# --- The mixed load -------------------------------------------------------------------------


@dataclass
class Sample:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


@dataclass
class Targets:
    """What the load asks for, read from the running portal before the clock starts."""

    detail_paths: list[str]
    presskit_paths: list[str]
    search_terms: list[str]
    ppid_status_paths: list[str]
    ppid_form_path: str | None


Scenario = Callable[[httpx.AsyncClient, Targets], Awaitable[httpx.Response]]


async def list_page(client: httpx.AsyncClient, t: Targets) -> httpx.Response:
    return await client.get(f"/siaran-pers/?page={random.randint(1, 20)}")


async def detail_page(client: httpx.AsyncClient, t: Targets) -> httpx.Response:
    return await client.get(random.choice(t.detail_paths))


async def search(client: httpx.AsyncClient, t: Targets) -> httpx.Response:
    return await client.get("/siaran-pers/", params={"q": random.choice(t.search_terms)})


async def feed(client: httpx.AsyncClient, t: Targets) -> httpx.Response:
    return await client.get(random.choice(["/siaran-pers/feed/rss/", "/siaran-pers/feed/atom/"]))


async def presskit(client: httpx.AsyncClient, t: Targets) -> httpx.Response:
    return await client.get(random.choice(t.presskit_paths or t.detail_paths))


async def ppid_status(client: httpx.AsyncClient, t: Targets) -> httpx.Response:
    return await client.get(random.choice(t.ppid_status_paths or ["/ppid/"]))


FORM_FIELD = re.compile(r'name="(csrfmiddlewaretoken|form_started)" value="([^"]+)"')


async def ppid_submit(client: httpx.AsyncClient, t: Targets) -> httpx.Response:
    """A citizen opens the form, fills it for a while, and submits it with a KTP scan."""
    from bench.load_data import ppid_submission  # the fields match the app's own form

    if not t.ppid_form_path:
        return await client.get("/ppid/")
    async with httpx.AsyncClient(base_url=BASE, timeout=30) as citizen:  # own cookies, own CSRF token
        form = await citizen.get(t.ppid_form_path)
        fields = dict(FORM_FIELD.findall(form.text))
        await asyncio.sleep(2.1)  # the spam trap refuses forms posted within two seconds
        data, files = ppid_submission()
        return await citizen.post(t.ppid_form_path, data={**data, **fields}, files=files)


MIX: list[tuple[Scenario, int]] = [
    (list_page, 25),
    (detail_page, 35),
    (search, 10),
    (feed, 8),
    (presskit, 7),
    (ppid_status, 10),
    (ppid_submit, 5),
]


async def client_loop(
    client: httpx.AsyncClient, targets: Targets, mix: list[tuple[Scenario, int]], stop_at: float, sample: Sample
) -> None:
    scenarios, weights = zip(*mix, strict=True)
    while time.monotonic() < stop_at:
        scenario = random.choices(scenarios, weights)[0]
        started = time.perf_counter()
        try:
            response = await scenario(client, targets)
            ok = response.status_code < 400
        except httpx.HTTPError:
            ok = False
        sample.latencies.append(time.perf_counter() - started)
        sample.by_kind[scenario.__name__] = sample.by_kind.get(scenario.__name__, 0) + 1
        if not ok:
            sample.errors += 1


async def drive(
    concurrency: int, seconds: float, targets: Targets, mix: list[tuple[Scenario, int]] = MIX
) -> tuple[Sample, float]:
    """``concurrency`` clients, each sending its next request as soon as the last one answered."""
    sample = Sample()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=BASE, timeout=60, limits=limits) as client:
        started = time.monotonic()
        stop_at = started + seconds
        await asyncio.gather(*(client_loop(client, targets, mix, stop_at, sample) for _ in range(concurrency)))
        elapsed = time.monotonic() - started
    return sample, elapsed


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(label: str, sample: Sample, elapsed: float) -> float:
    count = len(sample.latencies)
    rps = count / elapsed if elapsed else 0.0
    ms = [v * 1000 for v in sample.latencies]
    print(
        f"{label:<28} {count:>7} req {rps:>8.1f} req/s  p50 {percentile(ms, 50):>7.1f} ms  "
        f"p95 {percentile(ms, 95):>7.1f} ms  p99 {percentile(ms, 99):>7.1f} ms  errors {sample.errors}"
    )
    return rps


def read_targets() -> Targets:
    from bench.load_data import targets

    return targets(ENV)


# --- Process and database figures for the soak ---------------------------------------------


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def process_tree(root: int) -> list[int]:
    pids = [root]
    for pid in list(pids):
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists():
            pids.extend(int(c) for c in children.read_text().split())
    for pid in pids[1:]:
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists():
            pids.extend(int(c) for c in children.read_text().split() if int(c) not in pids)
    return pids


def database_connections() -> int:
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres") as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = 'humas_load'").fetchone()
    return int(row[0]) if row else 0


def memory_snapshot(servers: list[subprocess.Popen[bytes]]) -> dict[str, int]:
    names = ["gunicorn", "celery"]
    snapshot = {}
    for name, server in zip(names, servers, strict=True):
        for index, pid in enumerate(process_tree(server.pid)):
            snapshot[f"{name}[{'master' if index == 0 else pid}]"] = rss_kib(pid)
    return snapshot


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", default="10,50,100", help="concurrent clients, comma-separated")
    parser.add_argument("--seconds", type=float, default=30, help="duration of each load level")
    parser.add_argument("--soak", type=float, default=0, help="soak duration in seconds at 50 clients (0: none)")
    parser.add_argument("--skip-prepare", action="store_true", help="reuse the database as it is")
    args = parser.parse_args()

    VAR.mkdir(parents=True, exist_ok=True)
    if not args.skip_prepare:
        prepare()
    servers = start_servers()
    try:
        targets = read_targets()
        print(f"gunicorn: {WEB_WORKERS} workers; data: {Path(VAR / 'data-summary.txt').read_text().strip()}")
        asyncio.run(drive(5, 5, targets))  # warm the caches and the connections
        print(f"\nMixed load, {args.seconds:.0f} s per level")
        for level in (int(x) for x in args.levels.split(",")):
            report(f"{level} clients", *asyncio.run(drive(level, args.seconds, targets)))

        print("\nCached detail page against the same bytes as a static file (50 clients)")
        only_detail: list[tuple[Scenario, int]] = [(detail_page, 1)]
        half = args.seconds / 2
        cached = Targets([targets.detail_paths[0]], [], [], [], None)
        static = Targets(["/static/bench/detail.html"], [], [], [], None)
        detail_rps = report("detail (cached)", *asyncio.run(drive(50, half, cached, only_detail)))
        static_rps = report("static file (WhiteNoise)", *asyncio.run(drive(50, half, static, only_detail)))
        print(f"ratio detail / static: {detail_rps / static_rps:.2f}" if static_rps else "static file not served")

        if args.soak:
            print(f"\nSoak: 50 clients for {args.soak:.0f} s")
            before, connections_before = memory_snapshot(servers), database_connections()
            sample, elapsed = asyncio.run(drive(50, args.soak, targets))
            after, connections_after = memory_snapshot(servers), database_connections()
            report("soak 50 clients", sample, elapsed)
            for name in sorted(before):
                end = after.get(name, 0)
                print(f"  RSS {name:<22} start {before[name] / 1024:>7.1f} MiB  end {end / 1024:>7.1f} MiB")
            print(f"  database connections: start {connections_before}, end {connections_after}")
            print(f"  median latency {statistics.median(sample.latencies) * 1000:.1f} ms")
    finally:
        stop_servers(servers)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
