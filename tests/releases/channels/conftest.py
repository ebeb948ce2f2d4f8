from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from releases.channels.adapters import Post


@pytest.fixture(scope="session")
def platform_server() -> Iterator[HTTPServer]:
    """One local HTTP server playing every platform (threaded: a slow answer blocks no other)."""
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def fake(platform_server: HTTPServer) -> Iterator[HTTPServer]:
    platform_server.clear()
    yield platform_server
    platform_server.clear()


@pytest.fixture
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHANNEL_HTTP_TIMEOUT", "0.5")


@pytest.fixture
def closed_port() -> str:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


LINK = "http://testserver/siaran-pers/taman-kota/?utm_source=x&utm_medium=social&utm_campaign=X"


def make_post(**kwargs: object) -> Post:
    values: dict[str, object] = {
        "text": f"Pemkot resmikan taman kota {LINK}",
        "link": LINK,
        "idempotency_key": "kunci-uji-123",
        "title": "Pemkot Resmikan Taman Kota",
    }
    values.update(kwargs)
    return Post(**values)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _fresh_producer_pools_after_broker_down(request: pytest.FixtureRequest) -> Iterator[None]:
    """``broker_down`` closes the app's connection pool, but kombu's process-wide producer registry
    keeps producers bound to it; drop them so later tests (eager tasks too) get new ones."""
    yield
    if "broker_down" in request.fixturenames:
        import kombu.pools

        kombu.pools.reset()
