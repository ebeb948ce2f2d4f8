"""The working-day calendar shared by PPID deadlines and visit scheduling.

A working day is Monday to Friday, not an Indonesian national holiday, not cuti bersama
(the ``holidays`` package's ``government`` category), and not an office closure, unless the
office has decided to work that day (``CalendarDay`` rows, editable in the admin).

Deadlines count as UU 14/2008 does: day 1 is the first working day *after* the start date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from humas.models import CalendarDay

# Far enough for the longest legal chain (30 + 30 + 14 working days plus holidays).
_MAX_SPAN_DAYS = 400


@lru_cache(maxsize=32)
def national_holidays(year: int) -> dict[date, str]:
    """National holidays and cuti bersama of one year, named in Indonesian."""
    calendar = holidays.country_holidays("ID", years=year, categories=("public", "government"), language="id")
    return dict(calendar.items())


@dataclass(frozen=True)
class NonWorkingDay:
    day: date
    reason: str


class WorkingCalendar:
    """Answers working-day questions for a span of dates with a single query for overrides."""

    def __init__(self, start: date, end: date) -> None:
        self.start, self.end = start, end
        rows = CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind", "description")
        self._overrides = {day: (kind, description) for day, kind, description in rows}

    def reason_closed(self, day: date) -> str | None:
        """Why ``day`` is not a working day, or None when it is one."""
        if not self.start <= day <= self.end:
            raise ValueError(f"{day} is outside the loaded span {self.start}..{self.end}")
        override = self._overrides.get(day)
        if override is not None:
            kind, description = override
            return description if kind == CalendarDay.Kind.CLOSED else None
        holiday = national_holidays(day.year).get(day)
        if holiday:
            return holiday
        if day.weekday() >= 5:
            return "Sabtu" if day.weekday() == 5 else "Minggu"
        return None

    def is_working_day(self, day: date) -> bool:
        return self.reason_closed(day) is None


def _calendar_from(start: date, days: int = _MAX_SPAN_DAYS) -> WorkingCalendar:
    return WorkingCalendar(start, start + timedelta(days=days))


def is_working_day(day: date) -> bool:
    return WorkingCalendar(day, day).is_working_day(day)


def add_working_days(start: date, n: int) -> date:
    """The date of working day ``n`` counted from the day after ``start`` (n >= 1)."""
    return add_working_days_explained(start, n)[0]


def add_working_days_explained(start: date, n: int) -> tuple[date, list[NonWorkingDay]]:
    """Like ``add_working_days``, plus the non-working days skipped on the way (for display)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    calendar = _calendar_from(start, days=max(_MAX_SPAN_DAYS, n * 3))
    skipped: list[NonWorkingDay] = []
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        reason = calendar.reason_closed(day)
        if reason is None:
            counted += 1
        elif day.weekday() < 5:
            skipped.append(NonWorkingDay(day, reason))
    return day, skipped


def working_days_between(a: date, b: date) -> int:
    """Working days after ``a`` up to and including ``b``; negative when ``b`` is before ``a``.

    ``working_days_between(start, add_working_days(start, n)) == n``.
    """
    if b < a:
        return -working_days_between(b, a)
    calendar = WorkingCalendar(a, b)
    return sum(1 for offset in range(1, (b - a).days + 1) if calendar.is_working_day(a + timedelta(days=offset)))


def non_working_days(a: date, b: date) -> list[NonWorkingDay]:
    """Every non-working day from ``a`` to ``b`` inclusive, with its reason."""
    calendar = WorkingCalendar(a, b)
    days = (a + timedelta(days=offset) for offset in range((b - a).days + 1))
    return [NonWorkingDay(day, reason) for day in days if (reason := calendar.reason_closed(day)) is not None]
