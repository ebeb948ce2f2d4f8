"""Deadline arithmetic on the real 2026 calendar (national holidays and cuti bersama)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from humas.models import CalendarDay
from humas.roles import Role
from ppid import deadlines
from ppid.models import Status
from ppid.services import request_transition
from tests.factories.humas import staff_user
from tests.factories.ppid import jakarta, submit

pytestmark = pytest.mark.django_db


def test_request_received_before_nyepi_and_idul_fitri_is_due_thursday_2_april_2026() -> None:
    req = submit(received_at=jakarta(2026, 3, 12)).request
    assert req.received_date == date(2026, 3, 12)
    assert req.due_date == req.deadline == date(2026, 4, 2)
    explained = deadlines.explain(req.received_date, 10)
    skipped = {day.day for day in explained.skipped}
    # Nyepi (19 Mar), cuti bersama (18, 20, 23, 24 Mar), Idul Fitri (21 Sat, 22 Sun: weekend, not listed)
    assert {date(2026, 3, 18), date(2026, 3, 19), date(2026, 3, 20), date(2026, 3, 23), date(2026, 3, 24)} <= skipped
    assert all(day.day.weekday() < 5 for day in explained.skipped)


def test_request_filed_on_saturday_counts_from_the_next_working_day() -> None:
    # Saturday 7 Feb 2026; day 1 is Monday 9 Feb; 16 Feb is cuti bersama and 17 Feb Imlek.
    req = submit(received_at=jakarta(2026, 2, 7, 14)).request
    assert req.received_date.weekday() == 5
    assert req.deadline == date(2026, 2, 24)


def test_request_sent_late_evening_jakarta_time_counts_from_that_local_date() -> None:
    # 23:30 WIB on Friday 4 Dec is still 16:30 UTC the same day; 00:30 WIB Saturday is Friday in UTC.
    saturday_local = datetime(2026, 12, 4, 17, 30, tzinfo=UTC)
    req = submit(received_at=saturday_local).request
    assert req.received_date == date(2026, 12, 5)


def test_request_over_christmas_skips_christmas_cuti_bersama_and_office_closure() -> None:
    CalendarDay.objects.create(date=date(2026, 12, 31), kind=CalendarDay.Kind.CLOSED, description="Tutup buku")
    req = submit(received_at=jakarta(2026, 12, 21)).request
    explained = deadlines.explain(req.received_date, 10)
    reasons = {day.day: day.reason for day in explained.skipped}
    assert date(2026, 12, 25) in reasons
    assert reasons[date(2026, 12, 31)] == "Tutup buku"
    assert date(2027, 1, 1) in reasons
    assert req.deadline == explained.due
    assert req.deadline > date(2027, 1, 1)


def test_extension_adds_at_most_seven_working_days_to_the_original_due_date() -> None:
    officer = staff_user(Role.PPID_OFFICER)
    req = submit(received_at=jakarta(2026, 3, 12)).request
    with time_machine.travel(jakarta(2026, 3, 30), tick=False):
        req = request_transition(request_id=req.pk, to=Status.EXTENDED, actor=officer, extension_reason="Data di OPD")
    # 2 Apr + 7 working days: 3 Apr is Good Friday, so 6, 7, 8, 9, 10, 13, 14 April.
    assert req.deadline == date(2026, 4, 14)
    assert req.due_date == date(2026, 4, 2)


def test_objection_and_dispute_windows_count_working_days() -> None:
    assert deadlines.objection_window_end(date(2026, 4, 2)) == deadlines.add_working_days(date(2026, 4, 2), 30)
    assert deadlines.dispute_window_end(date(2026, 12, 21)) > date(2027, 1, 4)


def test_days_left_counts_working_days_with_one_calendar_query(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(1):
        left = deadlines.DaysLeft(date(2026, 3, 12), [date(2026, 4, 2), date(2026, 3, 10)])
    assert left(date(2026, 4, 2)) == 10
    assert left(date(2026, 3, 10)) == -2
    assert deadlines.tone(-1, is_open=True) == "danger"
    assert deadlines.tone(3, is_open=True) == "warning"
    assert deadlines.tone(-1, is_open=False) == "secondary"
