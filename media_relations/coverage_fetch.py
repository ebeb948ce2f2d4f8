"""Reading an article's title and publication time from its Open Graph / meta tags.

Called inline from the "paste a URL" page with a short timeout: when the page cannot be fetched
or says nothing useful, the preview is empty and the officer types the values in.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

logger = logging.getLogger("humas.media.coverage")

TIMEOUT = httpx.Timeout(5.0, connect=3.0)
MAX_BYTES = 2 * 1024 * 1024
TITLE_KEYS = ("og:title", "twitter:title")
TIME_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
)
SITE_KEYS = ("og:site_name",)


@dataclass(frozen=True)
class Preview:
    title: str = ""
    published_at: datetime | None = None
    site_name: str = ""

    @property
    def found(self) -> bool:
        return bool(self.title or self.published_at)


class _MetaParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and "content" in values:
                self.meta.setdefault(key, values["content"].strip())
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str:
    return next((meta[key] for key in keys if meta.get(key)), "")


def _parse_time(value: str) -> datetime | None:
    if not value:
        return None
    try:
        moment = parse_datetime(value.replace(" ", "T", 1) if "T" not in value else value)
    except ValueError:
        moment = None
    if moment is None:
        day = parse_date(value[:10]) if len(value) >= 10 else None
        if day is None:
            return None
        moment = datetime(day.year, day.month, day.day)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def parse_preview(html: str) -> Preview:
    parser = _MetaParser()
    parser.feed(html)
    title = _first(parser.meta, TITLE_KEYS) or " ".join(parser.title.split())
    return Preview(
        title=title[:400],
        published_at=_parse_time(_first(parser.meta, TIME_KEYS)),
        site_name=_first(parser.meta, SITE_KEYS)[:200],
    )


def _allowed(url: str) -> bool:
    """http(s) to a public address only: the officer's link must not reach the office network.

    ``MEDIA_COVERAGE_FETCH_PRIVATE_HOSTS = True`` (tests, a local mirror) lifts the address check."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return False
    if getattr(settings, "MEDIA_COVERAGE_FETCH_PRIVATE_HOSTS", False):
        return True
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except (socket.gaierror, UnicodeError):
        return False
    return bool(addresses) and all(ipaddress.ip_address(str(a).split("%")[0]).is_global for a in addresses)


def fetch_preview(url: str) -> Preview:
    """Fetch ``url`` (5 s, 2 MB, 3 redirects at most, each checked) and read its meta tags; empty on any failure."""
    try:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=False) as client:
            for _hop in range(4):
                if not _allowed(url):
                    return Preview()
                with client.stream("GET", url, headers={"User-Agent": "PortalHumas-Kliping/1.0"}) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = str(response.url.join(response.headers["location"]))
                        continue
                    if response.status_code != 200 or "html" not in response.headers.get("content-type", "html"):
                        return Preview()
                    body = b""
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > MAX_BYTES:
                            break
                    return parse_preview(body.decode(response.encoding or "utf-8", errors="replace"))
    except httpx.HTTPError as error:
        logger.info("coverage preview failed", extra={"url": url, "error": str(error)})
    return Preview()
