"""Which days a delegation may ask for: receiving days, working days over the 2026 holidays,
the lead time, blackouts and full rooms."""

from __future__ import annotations

from datetime import date, time

import pytest
import time_machine

from humas.models import CalendarDay
from humas.roles import Role
from tests.factories.humas import staff_user
from tests.factories.visits import RoomFactory, confirm_visit, jakarta, receiving_rules, submit_visit
from visits.availability import Availability, check_request, earliest_day, months_ahead
from visits.models import Blackout

pytestmark = pytest.mark.django_db


def codes(start: date, end: date, today: date) -> dict[date, str]:
    availability = Availability(start, end, today=today)
    days = [date.fromordinal(n) for n in range(start.toordinal(), end.toordinal() + 1)]
    return {day: availability.status(day).code for day in days}


def test_lead_time_of_seven_working_days_skips_nyepi_and_idul_fitri_2026() -> None:
    # Friday 13 March 2026: 16, 17 March, then Nyepi, Idul Fitri and cuti bersama (18-24), then 25-31.
    assert earliest_day(date(2026, 3, 13)) == date(2026, 3, 31)


def test_calendar_around_nyepi_and_idul_fitri_2026() -> None:
    RoomFactory(capacity=50)
    found = codes(date(2026, 3, 16), date(2026, 3, 26), today=date(2026, 3, 2))
    assert found[date(2026, 3, 16)] == "available"
    assert found[date(2026, 3, 17)] == "available"
    for holiday in (date(2026, 3, 18), date(2026, 3, 19), date(2026, 3, 20), date(2026, 3, 23), date(2026, 3, 24)):
        assert found[holiday] == "holiday", holiday
    assert found[date(2026, 3, 21)] == "not_receiving"  # Saturday (and Idul Fitri)
    assert found[date(2026, 3, 22)] == "not_receiving"
    assert found[date(2026, 3, 25)] == "available"


def test_holiday_reason_is_named_in_indonesian() -> None:
    RoomFactory()
    status = Availability(date(2026, 8, 17), date(2026, 8, 17), today=date(2026, 7, 1)).status(date(2026, 8, 17))
    assert status.code == "holiday"
    assert "Kemerdekaan" in status.reason


def test_days_too_soon_and_past_are_refused() -> None:
    RoomFactory()
    found = codes(date(2026, 3, 1), date(2026, 3, 12), today=date(2026, 3, 2))
    assert found[date(2026, 3, 2)] == "past"
    assert found[date(2026, 3, 10)] == "too_soon"
    assert found[date(2026, 3, 11)] == "available"  # the 7th working day after Monday 2 March


def test_only_the_configured_receiving_days_can_be_requested() -> None:
    RoomFactory()
    receiving_rules(1, 3)  # Tuesday and Thursday, 08:00-12:00
    found = codes(date(2026, 4, 6), date(2026, 4, 10), today=date(2026, 3, 2))
    assert [found[date(2026, 4, d)] for d in range(6, 11)] == [
        "not_receiving",
        "available",
        "not_receiving",
        "available",
        "not_receiving",
    ]


def test_office_closure_and_blackout_close_a_day() -> None:
    RoomFactory()
    CalendarDay.objects.create(date=date(2026, 4, 7), kind=CalendarDay.Kind.CLOSED, description="Rapat kerja")
    Blackout.objects.create(start_date=date(2026, 4, 8), end_date=date(2026, 4, 9), reason="HUT Kota")
    found = codes(date(2026, 4, 7), date(2026, 4, 10), today=date(2026, 3, 2))
    assert found[date(2026, 4, 7)] == "holiday"
    assert found[date(2026, 4, 8)] == found[date(2026, 4, 9)] == "blackout"
    assert found[date(2026, 4, 10)] == "available"


@time_machine.travel(jakarta(2026, 3, 2, 8), tick=False)
def test_a_day_whose_rooms_are_booked_through_the_hours_is_full() -> None:
    receiving_rules(3)  # Thursday 08:00-12:00: room for two visits of two hours
    room = RoomFactory(capacity=30)
    coordinator = staff_user(Role.VISIT_COORDINATOR)
    for hour in (8, 10):
        visit = submit_visit(preferred_start=jakarta(2026, 3, 12, hour)).visit
        confirm_visit(visit, coordinator, room=room)
    status, found_room, error = check_request(jakarta(2026, 3, 12, 9), 10)
    assert status.code == "full"
    assert found_room is None
    assert error == "Jadwal ruangan pada hari ini sudah penuh."


@time_machine.travel(jakarta(2026, 3, 2, 8), tick=False)
def test_hours_outside_the_receiving_hours_are_refused() -> None:
    receiving_rules(3, start=time(8), end=time(12))
    RoomFactory()
    _status, _room, error = check_request(jakarta(2026, 3, 12, 11), 10)
    assert error is not None and "08:00–12:00" in error


@time_machine.travel(jakarta(2026, 3, 2, 8), tick=False)
def test_more_participants_than_the_largest_room_is_refused() -> None:
    RoomFactory(capacity=25)
    RoomFactory(capacity=60)
    _status, _room, error = check_request(jakarta(2026, 3, 12, 9), 61)
    assert error == "Jumlah peserta melebihi kapasitas ruangan terbesar kami (60 orang)."


def test_twelve_months_take_the_same_queries_with_few_or_many_visits(django_assert_max_num_queries: object) -> None:
    RoomFactory()
    with time_machine.travel(jakarta(2026, 3, 2, 8), tick=False):
        with django_assert_max_num_queries(6):  # type: ignore[operator]
            months = months_ahead(date(2026, 3, 2), 12)
        assert len(months) == 12
        coordinator = staff_user(Role.VISIT_COORDINATOR)
        for day in (12, 13, 16):
            confirm_visit(submit_visit(preferred_start=jakarta(2026, 3, day, 9)).visit, coordinator)
        with django_assert_max_num_queries(6):  # type: ignore[operator]
            months_ahead(date(2026, 3, 2), 12)
