from datetime import date

import pytest

from humas.models import CalendarDay
from humas.workdays import (
    add_working_days,
    add_working_days_explained,
    is_working_day,
    non_working_days,
    working_days_between,
)

pytestmark = pytest.mark.django_db


def test_request_received_before_nyepi_and_idul_fitri_is_due_after_cuti_bersama() -> None:
    # DESIGN.md: received Thursday 12 March 2026, due Thursday 2 April 2026.
    assert add_working_days(date(2026, 3, 12), 10) == date(2026, 4, 2)


def test_deadline_explanation_lists_the_skipped_holidays_and_cuti_bersama() -> None:
    due, skipped = add_working_days_explained(date(2026, 3, 12), 10)
    assert due == date(2026, 4, 2)
    assert [day.day for day in skipped] == [
        date(2026, 3, 18),
        date(2026, 3, 19),
        date(2026, 3, 20),
        date(2026, 3, 23),
        date(2026, 3, 24),
    ]
    assert "Nyepi" in skipped[1].reason
    assert "Cuti Bersama" in skipped[0].reason


def test_cuti_bersama_and_national_holidays_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 12, 24))  # cuti bersama Natal
    assert not is_working_day(date(2026, 12, 25))  # Natal
    assert not is_working_day(date(2026, 8, 17))  # Hari Kemerdekaan
    assert is_working_day(date(2026, 12, 23))


def test_request_filed_on_saturday_counts_from_monday() -> None:
    # Saturday 7 Nov 2026: day 1 is Monday 9 Nov, day 10 is Friday 20 Nov.
    assert not is_working_day(date(2026, 11, 7))
    assert add_working_days(date(2026, 11, 7), 1) == date(2026, 11, 9)
    assert add_working_days(date(2026, 11, 7), 10) == date(2026, 11, 20)


def test_christmas_cuti_bersama_pushes_deadline_into_january() -> None:
    # Received Monday 21 Dec 2026: 22, 23, (24 cuti bersama, 25 Natal), 28, 29, 30, 31,
    # (1 Jan Tahun Baru), 4, (5 Jan 2027 Isra Mikraj), 6, 7, 8.
    due = add_working_days(date(2026, 12, 21), 10)
    assert due == date(2027, 1, 8)


def test_office_closure_is_skipped_and_office_working_day_is_counted() -> None:
    CalendarDay.objects.create(date=date(2026, 11, 10), kind=CalendarDay.Kind.CLOSED, description="Kantor tutup")
    assert not is_working_day(date(2026, 11, 10))
    assert add_working_days(date(2026, 11, 9), 1) == date(2026, 11, 11)

    CalendarDay.objects.create(date=date(2026, 11, 14), kind=CalendarDay.Kind.WORKING, description="Sabtu masuk")
    assert is_working_day(date(2026, 11, 14))
    assert add_working_days(date(2026, 11, 13), 1) == date(2026, 11, 14)


def test_working_days_between_is_the_inverse_of_add_working_days() -> None:
    start = date(2026, 3, 12)
    for n in (1, 5, 10, 17, 30):
        assert working_days_between(start, add_working_days(start, n)) == n
    assert working_days_between(date(2026, 4, 2), date(2026, 3, 12)) == -10
    assert working_days_between(start, start) == 0


def test_non_working_days_names_weekends_and_holidays() -> None:
    days = {day.day: day.reason for day in non_working_days(date(2026, 5, 13), date(2026, 5, 17))}
    assert set(days) == {date(2026, 5, 14), date(2026, 5, 15), date(2026, 5, 16), date(2026, 5, 17)}
    assert days[date(2026, 5, 16)] == "Sabtu"


def test_zero_or_negative_working_days_is_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), 0)
