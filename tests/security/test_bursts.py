"""Limits that must hold when one address fires many requests at the same moment, not only
one after another: the login lockout and the public forms' rate limit."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from humas.roles import Role
from ppid.models import InfoRequest
from tests.factories.humas import staff_user
from tests.ppid.test_public import form_data

pytestmark = pytest.mark.django_db(transaction=True)

BURST = 24


def _burst(action: Callable[[int], int], count: int = BURST) -> list[int]:
    """Run ``action(i)`` in ``count`` threads released together; their status codes."""
    start = threading.Barrier(count)
    statuses: list[int] = []
    lock = threading.Lock()

    def run(index: int) -> None:
        try:
            start.wait()
            status = action(index)
            with lock:
                statuses.append(status)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_a_burst_of_wrong_passwords_locks_the_account_and_the_right_one_then_fails() -> None:
    user = staff_user(Role.EDITOR)

    def attempt(_index: int) -> int:
        response = Client().post(reverse("humas:login"), {"username": user.username, "password": "tebakan-salah"})
        return response.status_code

    statuses = _burst(attempt)
    assert len(statuses) == BURST and 302 not in statuses
    client = Client()
    response = client.post(reverse("humas:login"), {"username": user.username, "password": "kata-sandi-uji-123"})
    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_burst_of_public_requests_from_one_address_stores_no_more_than_the_limit(settings: Any) -> None:
    settings.PUBLIC_FORM_RATE = "5/h"

    def submit(index: int) -> int:
        return Client().post(reverse("ppid:request"), form_data(name=f"Pemohon Serentak {index}")).status_code

    statuses = _burst(submit)
    assert statuses.count(302) == 5, statuses
    assert statuses.count(429) == BURST - 5
    assert InfoRequest.objects.count() == 5
    numbers = sorted(InfoRequest.objects.values_list("sequence", flat=True))
    assert numbers == [1, 2, 3, 4, 5]  # the refused ones took no register number
