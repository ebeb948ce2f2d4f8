"""Dashboard counters of the newsroom: one aggregate query whatever the number of releases."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from humas.dashboard import Counter, Panel
from humas.models import User
from releases.channels.dashboard import panels as channel_panels
from releases.models import Release

Status = Release.Status


def panels(user: User) -> list[Panel]:
    if not user.has_perm("releases.view_release"):
        return []
    mine = Q(author=user)
    counts = Release.objects.aggregate(
        my_drafts=Count("pk", filter=mine & Q(status=Status.DRAFT)),
        my_changes=Count("pk", filter=mine & Q(status=Status.CHANGES_REQUESTED)),
        my_in_review=Count("pk", filter=mine & Q(status=Status.IN_REVIEW)),
        review=Count("pk", filter=Q(status=Status.IN_REVIEW) & ~Q(author=user) & ~Q(last_edited_by=user)),
        approved=Count("pk", filter=Q(status=Status.APPROVED)),
        scheduled=Count("pk", filter=Q(status=Status.SCHEDULED)),
    )
    base = reverse("releases:staff-list")
    counters = [
        Counter(_("Draf saya"), counts["my_drafts"], f"{base}?status=draft&penulis=saya"),
        Counter(
            _("Perlu saya perbaiki"),
            counts["my_changes"],
            f"{base}?status=changes_requested&penulis=saya",
            "warning" if counts["my_changes"] else "secondary",
        ),
        Counter(_("Saya ajukan, menunggu telaah"), counts["my_in_review"], f"{base}?status=in_review&penulis=saya"),
    ]
    if user.has_perm("releases.approve_release"):
        counters.append(
            Counter(
                _("Menunggu telaah saya"),
                counts["review"],
                reverse("releases:staff-queue"),
                "warning" if counts["review"] else "secondary",
            )
        )
    if user.has_perm("releases.publish_release"):
        counters.append(Counter(_("Disetujui, belum terbit"), counts["approved"], f"{base}?status=approved"))
    counters.append(Counter(_("Terjadwal"), counts["scheduled"], f"{base}?status=scheduled"))
    return [Panel(title=_("Siaran pers"), counters=counters), *channel_panels(user)]
