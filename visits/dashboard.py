"""The visits panel of the staff dashboard: counts only, a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from humas.dashboard import Counter, Panel
from humas.models import User
from visits.models import Visit, VisitStatus


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def panels(user: User) -> list[Panel]:
    if not user.has_perm("visits.view_visit"):
        return []
    now = timezone.now()
    counts = Visit.objects.aggregate(
        open=Count("pk", filter=Q(status__in=[VisitStatus.REQUESTED, VisitStatus.PROPOSED])),
        week=Count(
            "pk",
            filter=Q(status=VisitStatus.CONFIRMED, slot__startswith__gte=now, slot__startswith__lt=now + timedelta(7)),
        ),
        reports=Count("pk", filter=Q(status=VisitStatus.CONFIRMED, slot__endswith__lt=now)),
        done_year=Count("pk", filter=Q(status=VisitStatus.DONE, slot__startswith__year=timezone.localdate().year)),
    )
    queue = _url("visits:queue")
    return [
        Panel(
            title=_("Kunjungan"),
            counters=[
                Counter(_("Permohonan menunggu keputusan"), counts["open"], queue, "warning"),
                Counter(_("Kunjungan 7 hari ke depan"), counts["week"], _url("visits:staff-calendar")),
                Counter(_("Sudah lewat, belum dilaporkan"), counts["reports"], queue, "danger"),
                Counter(_("Kunjungan selesai tahun ini"), counts["done_year"], _url("visits:statistics")),
            ],
        )
    ]
