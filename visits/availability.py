"""Which days and times a delegation may ask for.

A day can be requested when the office receives visits on that weekday, it is a working day
(``humas.workdays``: weekends, national holidays, cuti bersama and office closures are not),
it is at least ``VISITS_MIN_LEAD_WORKING_DAYS`` working days after today, no blackout covers
it, and at least one active room still has a free window of a visit's length in the
receiving hours. ``Availability`` answers this for a whole span with a fixed number of
queries, whatever the number of visits.
"""

from __future__ import annotations

import calendar as pycalendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import DateField, DateTimeField, Func, Q, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from humas.workdays import WorkingCalendar, add_working_days
from visits.models import Blackout, ReceivingRule, Room, Visit

AVAILABLE = "available"


class RangeBound(Func):
    output_field = DateTimeField()


@dataclass(frozen=True)
class DayStatus:
    day: date
    code: str  # "available", "past", "too_soon", "not_receiving", "holiday", "blackout", "full"
    reason: str = ""
    hours: tuple[time, time] | None = None

    @property
    def is_available(self) -> bool:
        return self.code == AVAILABLE


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def visit_duration() -> timedelta:
    return timedelta(minutes=settings.VISITS_DEFAULT_DURATION_MINUTES)


def receiving_hours() -> dict[int, tuple[time, time]]:
    """Weekday (0 = Monday) → receiving hours; the default week when no rule is stored."""
    rules = {rule.weekday: (rule.start_time, rule.end_time) for rule in ReceivingRule.objects.all()}
    if rules:
        return rules
    start, end = (time.fromisoformat(value) for value in settings.VISITS_DEFAULT_HOURS)
    return dict.fromkeys(range(5), (start, end))


def earliest_day(today: date) -> date:
    """The first day that may be requested: N working days after today."""
    return add_working_days(today, settings.VISITS_MIN_LEAD_WORKING_DAYS)


def at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=local_zone())


@dataclass
class Availability:
    """Day-by-day answers for ``start``..``end``: five queries, whatever the data."""

    start: date
    end: date
    today: date = field(default_factory=timezone.localdate)
    exclude_visit: int | None = None

    def __post_init__(self) -> None:
        self.earliest = earliest_day(self.today)
        self.hours = receiving_hours()
        self.calendar = WorkingCalendar(self.start, self.end)
        self.blackouts = list(
            Blackout.objects.filter(start_date__lte=self.end, end_date__gte=self.start).values_list(
                "start_date", "end_date", "reason"
            )
        )
        self.rooms = list(Room.objects.filter(is_active=True).order_by("capacity", "name"))
        lower = at(self.start, time.min)
        upper = at(self.end + timedelta(days=1), time.min)
        busy = Visit.objects.blocking().filter(slot__overlap=(lower, upper)).order_by()
        if self.exclude_visit:
            busy = busy.exclude(pk=self.exclude_visit)
        # The bounds as plain timestamps and the local day from the database: no range parsing
        # and no time-zone conversion per row in Python (5,000 visits a year stay cheap).
        local_start = Func(
            Value(settings.TIME_ZONE),
            RangeBound("slot", function="LOWER"),
            function="timezone",
            output_field=DateTimeField(),
        )
        rows = busy.annotate(
            starts=RangeBound("slot", function="LOWER"),
            ends=RangeBound("slot", function="UPPER"),
            local_day=Cast(local_start, DateField()),
        ).values_list("room_id", "local_day", "starts", "ends")
        self.busy: dict[tuple[int, date], list[tuple[datetime, datetime]]] = defaultdict(list)
        for room_id, day, starts, ends in rows:
            self.busy[(room_id, day)].append((starts, ends))
        for windows in self.busy.values():
            windows.sort()

    def _blackout(self, day: date) -> str | None:
        for first, last, reason in self.blackouts:
            if first <= day <= last:
                return str(reason)
        return None

    def room_is_free(self, room: Room, start: datetime, end: datetime) -> bool:
        day = timezone.localtime(start).date()
        return all(end <= lower or start >= upper for lower, upper in self.busy[(room.pk, day)])

    def _has_free_window(self, room: Room, day: date, hours: tuple[time, time]) -> bool:
        """Is there a gap of a visit's length in the room's bookings within the hours?"""
        cursor, close = at(day, hours[0]), at(day, hours[1])
        for lower, upper in self.busy[(room.pk, day)]:
            if lower - cursor >= visit_duration():
                return True
            cursor = max(cursor, upper)
        return close - cursor >= visit_duration()

    def status(self, day: date) -> DayStatus:
        if day <= self.today:
            return DayStatus(day, "past", _("Tanggal sudah lewat."))
        if day < self.earliest:
            return DayStatus(
                day,
                "too_soon",
                _("Terlalu dekat: kunjungan diajukan paling lambat %(n)s hari kerja sebelumnya.")
                % {"n": settings.VISITS_MIN_LEAD_WORKING_DAYS},
            )
        hours = self.hours.get(day.weekday())
        reason = self.calendar.reason_closed(day)
        if reason is not None and day.weekday() < 5:
            return DayStatus(day, "holiday", _("Hari libur: %(reason)s.") % {"reason": reason})
        if hours is None or reason is not None:
            return DayStatus(day, "not_receiving", _("Kantor tidak menerima kunjungan pada hari ini."))
        blackout = self._blackout(day)
        if blackout:
            return DayStatus(day, "blackout", _("Tidak menerima kunjungan: %(reason)s.") % {"reason": blackout})
        if not any(self._has_free_window(room, day, hours) for room in self.rooms):
            return DayStatus(day, "full", _("Jadwal ruangan pada hari ini sudah penuh."), hours)
        return DayStatus(day, AVAILABLE, "", hours)

    def free_room(self, start: datetime, end: datetime, participants: int) -> Room | None:
        """The smallest active room that seats ``participants`` and is free then."""
        for room in self.rooms:
            if room.capacity >= participants and self.room_is_free(room, start, end):
                return room
        return None

    def largest_capacity(self) -> int:
        return max((room.capacity for room in self.rooms), default=0)


def check_request(
    start: datetime, participants: int, *, today: date | None = None, allow_full: bool = False
) -> tuple[DayStatus, Room | None, str | None]:
    """Check a requested start time: (the day's status, a free room or None, an error or None)."""
    local = timezone.localtime(start, local_zone())
    end = local + visit_duration()
    availability = Availability(local.date(), local.date(), today=today or timezone.localdate())
    status = availability.status(local.date())
    if status.code == "full" and not allow_full:
        return status, None, status.reason
    if status.code not in (AVAILABLE, "full"):
        return status, None, status.reason
    assert status.hours is not None
    first, last = status.hours
    if local.time() < first or end > at(local.date(), last):
        message = _(
            "Jam kunjungan di luar jam penerimaan (%(start)s–%(end)s WIB); kunjungan berlangsung %(min)s menit."
        )
        minutes = settings.VISITS_DEFAULT_DURATION_MINUTES
        return status, None, message % {"start": f"{first:%H:%M}", "end": f"{last:%H:%M}", "min": minutes}
    largest = availability.largest_capacity()
    if participants > largest:
        return (
            status,
            None,
            _("Jumlah peserta melebihi kapasitas ruangan terbesar kami (%(max)s orang).") % {"max": largest},
        )
    room = availability.free_room(local, end, participants)
    if room is None and not allow_full:
        return status, None, _("Pada jam itu tidak ada ruangan yang cukup dan masih kosong. Pilih jam atau hari lain.")
    return status, room, None


@dataclass(frozen=True)
class MonthView:
    year: int
    month: int
    weeks: list[list[DayStatus | None]]

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)


def months_ahead(today: date, count: int = 12) -> list[MonthView]:
    """``count`` month grids (Monday first) starting with the current month; one Availability."""
    first = today.replace(day=1)
    last_month = first
    for _step in range(count - 1):
        last_month = (last_month + timedelta(days=32)).replace(day=1)
    end = last_month.replace(day=pycalendar.monthrange(last_month.year, last_month.month)[1])
    availability = Availability(first, end, today=today)
    views = []
    month = first
    for _step in range(count):
        weeks = [
            [availability.status(day) if day.month == month.month else None for day in week]
            for week in pycalendar.Calendar().monthdatescalendar(month.year, month.month)
        ]
        views.append(MonthView(month.year, month.month, weeks))
        month = (month + timedelta(days=32)).replace(day=1)
    return views


def slot_conflicts(room_id: int, start: datetime, end: datetime, *, exclude: int | None = None) -> Q:
    """Filter for visits that would collide with ``room_id`` at ``start``..``end``."""
    query = Q(room_id=room_id, slot__overlap=(start, end)) & (Q(status="confirmed") | Q(holds_slot=True))
    return query & ~Q(pk=exclude) if exclude else query
