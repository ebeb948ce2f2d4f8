"""Reads for the staff calendar and the statistics page: a fixed number of queries each."""

from __future__ import annotations

import calendar as pycalendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.db.models import Avg, Count, DateTimeField, F, Func, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.dates import MONTHS

from visits.availability import at
from visits.models import InstitutionKind, Visit, VisitStatus

HELD = (VisitStatus.CONFIRMED, VisitStatus.DONE)


class RangeLower(Func):
    function = "LOWER"
    output_field = DateTimeField()


@dataclass
class GridDay:
    day: date
    in_period: bool
    visits: list[Visit]


@dataclass
class Grid:
    start: date
    end: date
    weeks: list[list[GridDay]]
    previous: date
    next: date
    title: str


def staff_grid(anchor: date, *, week: bool = False) -> Grid:
    """Confirmed, done and tentatively held visits laid out by month or by week; one query."""
    if week:
        start = anchor - timedelta(days=anchor.weekday())
        days = [start + timedelta(days=offset) for offset in range(7)]
        weeks_of_days = [days]
        previous, following = start - timedelta(days=7), start + timedelta(days=7)
        title = f"{days[0]:%d-%m-%Y} – {days[-1]:%d-%m-%Y}"
    else:
        weeks_of_days = pycalendar.Calendar().monthdatescalendar(anchor.year, anchor.month)
        first = anchor.replace(day=1)
        previous = (first - timedelta(days=1)).replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        title = f"{MONTHS[anchor.month]} {anchor.year}"
    first_day, last_day = weeks_of_days[0][0], weeks_of_days[-1][-1]
    visits = (
        Visit.objects.filter(slot__overlap=(at(first_day, time.min), at(last_day + timedelta(days=1), time.min)))
        .filter(Q(status__in=HELD) | Q(holds_slot=True))
        .select_related("room")
        .order_by("slot")
    )
    by_day: dict[date, list[Visit]] = defaultdict(list)
    for visit in visits:
        assert visit.slot is not None
        by_day[timezone.localtime(visit.slot.lower).date()].append(visit)
    weeks = [
        [GridDay(day, week or day.month == anchor.month, by_day.get(day, [])) for day in days] for days in weeks_of_days
    ]
    return Grid(first_day, last_day, weeks, previous, following, title)


@dataclass
class Summary:
    year: int
    total: int
    per_month: list[tuple[str, int]]
    per_kind: list[tuple[str, int]]
    per_topic: list[tuple[str, int]]
    average_lead_days: float | None
    requests: int
    declined: int


def summary(year: int) -> Summary:
    """Visits that took place or are confirmed in ``year``, by month, kind and topic; four queries."""
    start, end = at(date(year, 1, 1), time.min), at(date(year + 1, 1, 1), time.min)
    held = Visit.objects.filter(status__in=HELD).annotate(begins=RangeLower("slot"))
    held = held.filter(begins__gte=start, begins__lt=end)
    months = dict(held.values_list(ExtractMonth("begins")).annotate(n=Count("pk")).order_by())
    kinds = dict(held.values_list("kind").annotate(n=Count("pk")).order_by())
    topics = list(
        held.filter(topics__isnull=False)
        .values_list("topics__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "topics__name")
    )
    lead = held.aggregate(lead=Avg(F("begins") - F("requested_at")))["lead"]
    requested = Visit.objects.filter(requested_at__gte=start, requested_at__lt=end).aggregate(
        n=Count("pk"), declined=Count("pk", filter=Q(status=VisitStatus.DECLINED))
    )
    return Summary(
        year=year,
        total=sum(months.values()),
        per_month=[(str(MONTHS[month]), months.get(month, 0)) for month in range(1, 13)],
        per_kind=[(str(label), kinds.get(value, 0)) for value, label in InstitutionKind.choices],
        per_topic=[(str(name), count) for name, count in topics],
        average_lead_days=round(lead.total_seconds() / 86400, 1) if lead else None,
        requests=requested["n"],
        declined=requested["declined"],
    )
