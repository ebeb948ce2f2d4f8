"""The staff dashboard is assembled from panels that each app provides.

An app declares ``dashboard_panels = "app.dashboard.panels"`` on its AppConfig: a function
taking the user and returning a list of ``Panel``. Each provider must use a fixed number of
queries whatever the amount of data (counts, not lists).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from humas.models import User
from humas.workdays import non_working_days


@dataclass
class Counter:
    label: str
    value: int | str
    url: str = ""
    tone: str = "secondary"  # Bootstrap contextual colour: danger for overdue, warning for due soon


@dataclass
class Panel:
    title: str
    counters: list[Counter] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def upcoming_closures_panel() -> Panel:
    today = timezone.localdate()
    closed = [day for day in non_working_days(today, today + timedelta(days=45)) if day.day.weekday() < 5]
    lines = [f"{day.day:%d-%m-%Y}: {day.reason}" for day in closed[:6]]
    return Panel(title=_("Hari libur kerja 45 hari ke depan"), lines=lines or [_("Tidak ada.")])


def panels_for(user: User) -> list[Panel]:
    panels: list[Panel] = []
    for config in apps.get_app_configs():
        provider = getattr(config, "dashboard_panels", None)
        if provider:
            panels.extend(import_string(provider)(user))
    panels.append(upcoming_closures_panel())
    return panels
