"""Register numbers: Roman month, per-year sequence, gapless under concurrency and rollbacks."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, transaction

from ppid.models import InfoRequest, RegisterCounter
from ppid.numbering import format_number
from tests.factories.ppid import jakarta, submit


@pytest.mark.django_db
def test_number_has_roman_month_and_restarts_each_year() -> None:
    first = submit(received_at=jakarta(2026, 11, 3)).request
    second = submit(received_at=jakarta(2026, 12, 1)).request
    next_year = submit(received_at=jakarta(2027, 1, 4)).request
    assert first.number == "001/PPID/XI/2026"
    assert second.number == "002/PPID/XII/2026"
    assert next_year.number == "001/PPID/I/2027"
    assert format_number(12, RegisterCounter.Register.OBJECTION, date(2026, 4, 1)) == "012/KEB/PPID/IV/2026"


@pytest.mark.django_db
def test_rolled_back_submission_gives_its_number_back() -> None:
    submit(received_at=jakarta(2026, 5, 4))
    with pytest.raises(RuntimeError), transaction.atomic():
        submit(received_at=jakarta(2026, 5, 4))
        raise RuntimeError("storage failed")
    third = submit(received_at=jakarta(2026, 5, 5)).request
    assert third.number == "002/PPID/V/2026"


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_submissions_get_twenty_gapless_numbers() -> None:
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []

    def file_one() -> None:
        try:
            barrier.wait()
            submit(received_at=jakarta(2026, 6, 10))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=file_one) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequences = sorted(InfoRequest.objects.filter(year=2026).values_list("sequence", flat=True))
    assert sequences == list(range(1, 21))
    assert InfoRequest.objects.values("number").distinct().count() == 20
    assert RegisterCounter.objects.get(register="request", year=2026).last == 20
