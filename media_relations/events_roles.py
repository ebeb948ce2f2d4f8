"""Permissions, staff menu entries and the dashboard panel of press conferences and coverage.

The lead wires these into ``MediaRelationsConfig`` (role_permissions, staff_nav, dashboard_panels).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from humas.dashboard import Counter, Panel
from humas.models import User
from humas.roles import Role

PERMISSIONS: dict[str, set[str]] = {
    Role.MEDIA_OFFICER: {
        "media_relations.view_event",
        "media_relations.add_event",
        "media_relations.change_event",
        "media_relations.checkin_event",
        "media_relations.view_invitation",
        "media_relations.view_coverageitem",
        "media_relations.add_coverageitem",
        "media_relations.change_coverageitem",
        "media_relations.view_coverage_reports",
    },
    Role.HUMAS_ADMIN: {"media_relations.view_coverageitem", "media_relations.view_coverage_reports"},
    Role.EDITOR: {"media_relations.view_coverageitem", "media_relations.view_coverage_reports"},
}

STAFF_NAV: list[tuple[Any, str, str]] = [
    (gettext_lazy("Jumpa pers"), "media_relations:event-list", "media_relations.view_event"),
    (gettext_lazy("Kliping"), "media_relations:coverage-list", "media_relations.view_coverageitem"),
    (gettext_lazy("Laporan kliping"), "media_relations:coverage-monthly", "media_relations.view_coverage_reports"),
]

DASHBOARD_PANELS = "media_relations.events_roles.panels"


def panels(user: User) -> list[Panel]:
    """This month's coverage by tone and the next press conference's RSVPs: two queries."""
    from media_relations.models import CoverageItem, Event, Tone

    if not user.has_perm("media_relations.view_coverageitem"):
        return []
    now = timezone.localtime()
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = (start + timedelta(days=32)).replace(day=1)
    month = CoverageItem.objects.filter(published_at__gte=start, published_at__lt=end).aggregate(
        total=Count("pk"), **{tone: Count("pk", filter=Q(tone=tone)) for tone in Tone.values}
    )
    report = reverse("media_relations:coverage-monthly") + f"?bulan={start:%Y-%m}"
    counters = [
        Counter(_("Kliping bulan ini"), month["total"], report),
        Counter(_("Positif"), month[Tone.POSITIVE], report, "success"),
        Counter(_("Netral"), month[Tone.NEUTRAL], report),
        Counter(_("Negatif"), month[Tone.NEGATIVE], report, "danger"),
    ]
    lines: list[str] = []
    if user.has_perm("media_relations.view_event"):
        upcoming = (
            Event.objects.filter(starts_at__gte=timezone.now())
            .annotate(yes=Count("invitations", filter=Q(invitations__response="yes")))
            .order_by("starts_at")
            .first()
        )
        if upcoming is not None:
            lines.append(
                _("Jumpa pers berikutnya: %(title)s, %(when)s (%(yes)s wartawan hadir)")
                % {
                    "title": upcoming.title,
                    "when": f"{timezone.localtime(upcoming.starts_at):%d-%m-%Y %H.%M}",
                    "yes": upcoming.yes,
                }
            )
    return [Panel(title=_("Pemberitaan dan jumpa pers"), counters=counters, lines=lines)]
