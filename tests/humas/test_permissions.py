"""The permission matrix: every role against every staff URL of the core.

Apps add their own rows in their own test modules with ``assert_matrix``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from django.test import Client
from django.urls import reverse

from humas.roles import Role
from tests.factories.humas import UserFactory, staff_user

pytestmark = pytest.mark.django_db

ALL_STAFF = set(Role)

CORE_MATRIX: dict[str, set[Role]] = {
    reverse("humas:dashboard"): ALL_STAFF,
    reverse("humas:audit"): {Role.HUMAS_ADMIN},
    reverse("humas:password_change"): ALL_STAFF,
}


def assert_matrix(matrix: dict[str, set[Role]], roles: Iterable[Role] = Role) -> None:
    """For each URL: allowed roles get 200, other roles 403, anonymous users go to the login page."""
    failures = []
    users = {role: staff_user(role) for role in roles}
    for url, allowed in matrix.items():
        anonymous = Client().get(url)
        if anonymous.status_code != 302 or "/masuk/" not in anonymous["Location"]:
            failures.append(f"anonymous {url}: {anonymous.status_code}")
        for role, user in users.items():
            client = Client()
            client.force_login(user)
            status = client.get(url).status_code
            expected = 200 if role in allowed else 403
            if status != expected:
                failures.append(f"{role.value} {url}: {status}, expected {expected}")
    assert not failures, "\n".join(failures)


def test_core_staff_pages_follow_the_permission_matrix() -> None:
    assert_matrix(CORE_MATRIX)


def test_user_without_a_role_cannot_open_the_staff_area(client: Client) -> None:
    client.force_login(UserFactory())
    assert client.get(reverse("humas:dashboard")).status_code == 403


def test_each_staff_role_lands_on_the_dashboard_after_login(client: Client) -> None:
    client.force_login(staff_user(Role.PPID_OFFICER))
    response = client.get(reverse("humas:after-login"))
    assert response["Location"] == reverse("humas:dashboard")


def test_staff_navigation_shows_the_audit_link_only_to_those_allowed(client: Client) -> None:
    client.force_login(staff_user(Role.WRITER))
    assert reverse("humas:audit") not in client.get(reverse("humas:dashboard")).content.decode()
    client.force_login(staff_user(Role.HUMAS_ADMIN))
    assert reverse("humas:audit") in client.get(reverse("humas:dashboard")).content.decode()
