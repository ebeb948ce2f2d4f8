"""The media-relations panel of the staff dashboard: counts only, a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from humas.dashboard import Counter, Panel
from humas.models import User
from media_relations.models import Journalist, Sending


def directory_panels(user: User) -> list[Panel]:
    if not user.has_perm("media_relations.view_journalist"):
        return []
    counts = Journalist.objects.aggregate(
        pending=Count("pk", filter=Q(verification=Journalist.Verification.PENDING)),
        bounced=Count("pk", filter=Q(bounced_at__isnull=False)),
        deletion=Count("pk", filter=Q(deletion_requested_at__isnull=False)),
    )
    directory = reverse("media_relations:staff-journalists")
    lines = []
    for sending in Sending.objects.select_related("release").order_by("-created_at")[:3]:
        when = timezone.localtime(sending.created_at).strftime("%d-%m-%Y %H:%M")
        lines.append(
            _("%(when)s · %(title)s: %(sent)s terkirim, %(failed)s gagal, %(skipped)s dilewati")
            % {
                "when": when,
                "title": sending.release.title[:60],
                "sent": sending.sent_count,
                "failed": sending.failed_count + sending.bounced_count,
                "skipped": sending.skipped_count,
            }
        )
    return [
        Panel(
            title=_("Hubungan media"),
            counters=[
                Counter(_("Menunggu verifikasi"), counts["pending"], f"{directory}?verifikasi=pending", "warning"),
                Counter(_("Surel terpental"), counts["bounced"], f"{directory}?terpental=1", "danger"),
                Counter(_("Minta data dihapus"), counts["deletion"], f"{directory}?minta_hapus=1", "danger"),
            ],
            lines=lines or [_("Belum ada pengiriman siaran pers.")],
        )
    ]


def panels(user: User) -> list[Panel]:
    """The directory and distribution panel, then this month's coverage and the next press conference."""
    from media_relations.events_roles import panels as events_and_coverage

    return directory_panels(user) + events_and_coverage(user)
