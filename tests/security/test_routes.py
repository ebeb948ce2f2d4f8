"""Every URL the project routes, enumerated from the resolver, so a new view cannot skip its checks.

Each route is either declared public (anyone may open it), declared open to signed-in users
without a staff role (journalists' own pages), or it must refuse anonymous visitors and
signed-in users without a role. Every state-changing request without a CSRF token is refused.
A route missing from the declarations below makes these tests fail until someone decides.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories.humas import UserFactory

pytestmark = pytest.mark.django_db

# Each app declares its own public and journalist routes in tests/<app>/routes.py (PUBLIC,
# SIGNED_IN, CSRF_EXEMPT), so apps add routes without touching one shared list.
PUBLIC: set[str] = {
    "home",
    "health",
    "set_language",
    "humas:login",
    "humas:logout",
    "humas:after-login",
    "humas:password_reset",
    "humas:password_reset_done",
    "humas:password_reset_confirm",
    "humas:password_reset_complete",
}
# Routes a signed-in user without a staff role may open (their own account pages).
SIGNED_IN: set[str] = {
    "humas:password_change",
    "humas:password_change_done",
}
# Routes that accept a state-changing request without a CSRF token, and why.
CSRF_EXEMPT: dict[str, str] = {}
for _app in ("releases", "media_relations", "ppid", "visits"):
    try:
        _declared = importlib.import_module(f"tests.{_app}.routes")
    except ModuleNotFoundError:
        continue
    PUBLIC |= set(getattr(_declared, "PUBLIC", set()))
    SIGNED_IN |= set(getattr(_declared, "SIGNED_IN", set()))
    CSRF_EXEMPT |= dict(getattr(_declared, "CSRF_EXEMPT", {}))
# Mounted applications with checks of their own.
SKIPPED_PREFIXES = ("admin/", "unggahan/", "static/")

# A value for each path converter that matches no real object.
SAMPLES = {
    "int": "987654",
    "slug": "tidak-ada-contoh",
    "str": "tidak-ada",
    "path": "tidak/ada",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


@dataclass(frozen=True)
class Route:
    name: str
    path: str


def _sample_path(route: str) -> str:
    def replace(match: re.Match[str]) -> str:
        converter = match.group(1) or "str"
        return SAMPLES.get(converter, "tidak-ada")

    return "/" + re.sub(r"<(?:(\w+):)?\w+>", replace, route)


def _walk(patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from _walk(pattern.url_patterns, prefix + route, inner)
        elif pattern.name:
            full = prefix + route
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield Route(name=name, path=_sample_path(full))


def project_routes() -> list[Route]:
    routes = [r for r in _walk(get_resolver().url_patterns) if not r.path.lstrip("/").startswith(SKIPPED_PREFIXES)]
    return sorted(set(routes), key=lambda r: r.name)


ROUTES = project_routes()
PROTECTED = [r for r in ROUTES if r.name not in PUBLIC | SIGNED_IN]


def _refused(status: int) -> bool:
    # 302 to the login page, 403, 404 for an object that does not exist, 405 for a POST-only action.
    return status in {302, 403, 404, 405}


def test_every_declared_route_still_exists() -> None:
    names = {route.name for route in ROUTES}
    assert PUBLIC | SIGNED_IN | set(CSRF_EXEMPT) <= names, (PUBLIC | SIGNED_IN | set(CSRF_EXEMPT)) - names


@pytest.mark.parametrize("route", PROTECTED, ids=lambda r: r.name)
def test_anonymous_visitor_is_refused_on_every_non_public_route(route: Route) -> None:
    response = Client().get(route.path)
    assert _refused(response.status_code), f"{route.name} {route.path}: {response.status_code}"
    if response.status_code == 302:
        assert "/masuk/" in response["Location"], f"{route.name} redirects to {response['Location']}"


@pytest.mark.parametrize("route", PROTECTED, ids=lambda r: r.name)
def test_signed_in_user_without_a_staff_role_is_refused_on_every_staff_route(route: Route) -> None:
    client = Client()
    client.force_login(UserFactory())
    response = client.get(route.path)
    assert response.status_code in {403, 404, 405}, f"{route.name} {route.path}: {response.status_code}"


@pytest.mark.parametrize("route", [r for r in ROUTES if r.name not in CSRF_EXEMPT], ids=lambda r: r.name)
def test_posting_without_a_csrf_token_is_refused_on_every_route(route: Route) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(is_superuser=True))
    response = client.post(route.path, {"confirm": "1"})
    # 403 from the CSRF check; 405 where the route takes no POST at all.
    assert response.status_code in {403, 405}, f"{route.name} {route.path}: {response.status_code}"
