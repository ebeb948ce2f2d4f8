"""Public pages are cached in Redis under a generation number.

Any change of state or content of any release bumps the generation after commit, so every
cached list, detail page, feed and sitemap is recomputed on its next request. Lists show many
releases at once, so one global generation is both simple and always correct.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

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


# Whole pages for visitors who bring nothing of their own (no session, no pending message):
# the page is stored with a placeholder where the CSRF token goes, and each response gets
# the visitor's own token, so a cache hit costs no query and no template rendering.
CSRF_PLACEHOLDER = "csrf-token-placeholder-9b1e7c"
_VISITOR_COOKIES = ("sessionid", "messages")


def page_cacheable(request: HttpRequest) -> bool:
    from django.conf import settings

    cookies = {settings.SESSION_COOKIE_NAME, *_VISITOR_COOKIES}
    return (
        request.method == "GET" and not request.user.is_authenticated and not any(c in request.COOKIES for c in cookies)
    )


def cached_page(request: HttpRequest, key: str, render_page: Callable[[], HttpResponse]) -> HttpResponse:
    """``render_page`` must render with ``{"csrf_token": CSRF_PLACEHOLDER}`` in its context;
    only answers with status 200 are stored."""
    from django.middleware.csrf import get_token

    full_key = f"releases:fullpage:{generation()}:{key}"
    body = cache.get(full_key)
    if body is None:
        response = render_page()
        body = response.content.decode()
        if response.status_code != 200:
            response.content = body.replace(CSRF_PLACEHOLDER, get_token(request)).encode()
            return response
        cache.set(full_key, body, PAGE_TIMEOUT)
    return HttpResponse(body.replace(CSRF_PLACEHOLDER, get_token(request)))
