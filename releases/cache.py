"""Public pages are cached in Redis under a generation number.

Any change of state or content of any release bumps the generation after commit, so every
cached list, detail page, feed and sitemap is recomputed on its next request. Lists show many
releases at once, so one global generation is both simple and always correct.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "releases:public:generation"
PAGE_TIMEOUT = 300


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY) or 1
    return int(value)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def invalidate_public_pages() -> None:
    """Call inside the transaction that changes a release; takes effect once it commits."""
    transaction.on_commit(_bump)


def cached_fragment(key: str, build: Callable[[], str], timeout: int = PAGE_TIMEOUT) -> str:
    full_key = f"releases:page:{generation()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, timeout)
    return str(value)
