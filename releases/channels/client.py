"""All outbound HTTP of the social channels goes through here: timeouts always set, and transport
failures sorted into "provably not sent" (safe to retry) and "outcome unknown" (may have posted)."""

from __future__ import annotations

import email.utils
import functools
import os
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import httpx

from releases.channels.errors import NotSent, OutcomeUnknown


def _timeout() -> httpx.Timeout:
    # CHANNEL_HTTP_TIMEOUT (seconds to wait for an answer); connecting gets at most 5 seconds.
    read = float(os.environ.get("CHANNEL_HTTP_TIMEOUT", "20"))
    return httpx.Timeout(read, connect=min(5.0, read))


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One verifying TLS context per process: building one loads the whole CA bundle, which cost
    more CPU than the rest of a delivery together (bench/bench_channels.py), so clients share it."""
    return httpx.create_ssl_context()


@contextmanager
def http_client(base_url: str, headers: dict[str, str] | None = None) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=base_url.rstrip("/"),
        headers={"User-Agent": "PortalHumas/1.0", **(headers or {})},
        timeout=_timeout(),
        verify=_ssl_context(),
        follow_redirects=False,
    ) as client:
        yield client


def send(client: httpx.Client, method: str, url: str, **kwargs: object) -> httpx.Response:
    """One request. Connection failures before anything was sent raise ``NotSent``; a timeout or a
    broken connection after the request left raise ``OutcomeUnknown``."""
    try:
        return client.request(method, url, **kwargs)  # type: ignore[arg-type]
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        raise NotSent(f"Tidak dapat terhubung ke {_host(client, url)}: {exc}") from exc
    except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
        raise OutcomeUnknown(f"Tidak ada jawaban dari {_host(client, url)} setelah permintaan terkirim: {exc}") from exc


def _host(client: httpx.Client, url: str) -> str:
    return httpx.URL(url).host or client.base_url.host


def retry_after_seconds(response: httpx.Response, default: float = 60.0) -> float:
    """Seconds from ``Retry-After`` (seconds or an HTTP date), else ``x-rate-limit-reset`` (epoch)."""
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    if value:
        parsed = email.utils.parsedate_to_datetime(value)
        if parsed is not None:
            return max(0.0, (parsed - datetime.now(UTC)).total_seconds())
    reset = response.headers.get("x-rate-limit-reset", "").strip()
    if reset.isdigit():
        return max(0.0, float(reset) - datetime.now(UTC).timestamp())
    return default
