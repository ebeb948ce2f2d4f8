"""Browser tests: Debian's Chromium driven by Playwright against the portal served by gunicorn.

gunicorn runs as in production, in its own process, with a real Celery worker process beside
it, on the test database (the tests commit their data through ``transactional_db``) and on
this xdist worker's Redis database (cache, sessions and broker).
Every test saves a screenshot of its last page under test-output/e2e/; a failing test also
saves the page's HTML and its console log there.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "e2e"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are safe.
# (Set for the whole test process: database setup and teardown happen while the loop runs.)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def portal_url(django_db_setup: None, django_db_blocker: object) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run .ci/system-deps (apt-get install chromium)")
    port = _free_port()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "humas.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "DB_CONN_MAX_AGE": "0",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    log = open(OUTPUT.parent / f"gunicorn-{port}.log", "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tests.e2e.portal:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    # Follow-up work goes through Redis to a real worker process, as in production.
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tests.e2e.portal", "worker", "--pool", "threads", "--concurrency", "2",
         "--loglevel", "INFO", "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        worker.kill()
        pytest.fail("gunicorn did not start; see test-output/gunicorn-*.log")
    yield f"http://127.0.0.1:{port}"
    for process in (server, worker):
        process.terminate()
    for process in (server, worker):
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """Console errors and CSP violations seen by a page."""

    def __init__(self) -> None:
        self.console: list[str] = []
        self.errors: list[str] = []

    def attach(self, page: object) -> None:
        page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))  # type: ignore[attr-defined]
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))  # type: ignore[attr-defined]

    @property
    def serious(self) -> list[str]:
        return self.errors + [line for line in self.console if line.startswith("error")]


@pytest.fixture
def page(browser: object, portal_url: str, transactional_db: None, request: pytest.FixtureRequest) -> Iterator[object]:
    context = browser.new_context(base_url=portal_url, locale="id-ID", viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    problems = PageProblems()
    problems.attach(page)
    page.problems = problems
    yield page
    name = request.node.name
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        (OUTPUT / f"{name}.html").write_text(page.content())
        (OUTPUT / f"{name}.console.log").write_text("\n".join(problems.console + problems.errors))
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]


def axe_violations(page: object, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """Run axe-core in the page and list the violations of the given impacts."""
    # Through the DevTools protocol: the page's CSP (rightly) refuses injected script tags.
    session = page.context.new_cdp_session(page)  # type: ignore[attr-defined]
    session.send("Runtime.evaluate", {"expression": AXE})
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")  # type: ignore[attr-defined]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def has_horizontal_scroll(page: object) -> bool:
    return bool(page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1"))  # type: ignore[attr-defined]


def clean_output() -> None:
    shutil.rmtree(OUTPUT, ignore_errors=True)


def sign_in(page: object, user: object, password: str = "kata-sandi-uji-123", landing: str = "**/staf/") -> None:
    """Sign in through the login form; ``user`` is a User or a username."""
    page.goto("/masuk/")  # type: ignore[attr-defined]
    page.get_by_label("Nama pengguna").fill(getattr(user, "username", user))  # type: ignore[attr-defined]
    page.get_by_label("Kata sandi").fill(password)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Masuk").click()  # type: ignore[attr-defined]
    page.wait_for_url(landing)  # type: ignore[attr-defined]
