"""Legal deadlines of UU 14/2008 and Perki 1/2021, all counted on the shared working-day calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from humas.workdays import NonWorkingDay, WorkingCalendar, add_working_days, add_working_days_explained

ANSWER_DAYS = 10
EXTENSION_DAYS = 7
OBJECTION_WINDOW_DAYS = 30
OBJECTION_ANSWER_DAYS = 30
DISPUTE_WINDOW_DAYS = 14
REMINDER_DAYS = (3, 1)


@dataclass(frozen=True)
class Deadline:
    start: date
    working_days: int
    due: date
    skipped: list[NonWorkingDay]


def received_date(moment: datetime) -> date:
    """The office-local date of a receipt: a request sent at 23:30 WIB counts from that day."""
    return timezone.localdate(moment)


def explain(start: date, working_days: int) -> Deadline:
    due, skipped = add_working_days_explained(start, working_days)
    return Deadline(start, working_days, due, skipped)


def answer_due(received: date) -> date:
    return add_working_days(received, ANSWER_DAYS)


def extended_due(original_due: date) -> date:
    return add_working_days(original_due, EXTENSION_DAYS)


def objection_window_end(reason_arose: date) -> date:
    return add_working_days(reason_arose, OBJECTION_WINDOW_DAYS)


def objection_answer_due(filed: date) -> date:
    return add_working_days(filed, OBJECTION_ANSWER_DAYS)


def dispute_window_end(decided: date) -> date:
    return add_working_days(decided, DISPUTE_WINDOW_DAYS)


class DaysLeft:
    """Working days left until each deadline, for many rows with one calendar query."""

    def __init__(self, today: date, deadlines: list[date]) -> None:
        self.today = today
        self.low = min([today, *deadlines])
        high = max([today, *deadlines])
        calendar = WorkingCalendar(self.low, high)
        # Working days from ``low`` up to each day, so each row costs one subtraction.
        self.upto: list[int] = []
        count = 0
        for offset in range((high - self.low).days + 1):
            count += calendar.is_working_day(self.low + timedelta(days=offset))
            self.upto.append(count)

    def __call__(self, deadline: date) -> int:
        """Working days after today up to the deadline (negative: after the deadline up to today)."""
        return self.upto[(deadline - self.low).days] - self.upto[(self.today - self.low).days]


def tone(days_left: int, *, is_open: bool) -> str:
    """Bootstrap colour of a deadline: red when overdue, amber within three working days."""
    if not is_open:
        return "secondary"
    if days_left < 0:
        return "danger"
    if days_left <= REMINDER_DAYS[0]:
        return "warning"
    return "success"
