"""The PPID panel of the staff dashboard: counts only, a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from humas.dashboard import Counter, Panel
from humas.models import User
from humas.workdays import add_working_days
from ppid.deadlines import REMINDER_DAYS
from ppid.models import OPEN_STATUSES, InfoRequest, Objection, ObjectionStatus


def panels(user: User) -> list[Panel]:
    if not user.has_perm("ppid.view_inforequest"):
        return []
    today = timezone.localdate()
    soon = add_working_days(today, REMINDER_DAYS[0])
    requests = InfoRequest.objects.filter(status__in=OPEN_STATUSES).aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(deadline__lt=today)),
        soon=Count("pk", filter=Q(deadline__gte=today, deadline__lte=soon)),
    )
    objections = Objection.objects.filter(status=ObjectionStatus.FILED).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today))
    )
    inbox = reverse("ppid:inbox")
    return [
        Panel(
            title=_("Layanan informasi publik (PPID)"),
            counters=[
                Counter(_("Permohonan terbuka"), requests["open"], inbox),
                Counter(_("Jatuh tempo ≤ 3 hari kerja"), requests["soon"], f"{inbox}?tenggat=segera", "warning"),
                Counter(_("Melewati batas waktu"), requests["overdue"], f"{inbox}?tenggat=lewat", "danger"),
                Counter(_("Keberatan terbuka"), objections["open"], reverse("ppid:objections")),
                Counter(_("Keberatan lewat waktu"), objections["overdue"], reverse("ppid:objections"), "danger"),
            ],
        )
    ]
