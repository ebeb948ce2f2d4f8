"""Dashboard panel of the social channels (wired as the releases app's ``dashboard_panels``,
or called from it): failed and uncertain deliveries and channels whose credentials fail.
Two queries whatever the amount of data."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from humas.dashboard import Counter, Panel
from humas.models import User
from releases.channels.models import Channel, ChannelDelivery, DeliveryStatus


def panels(user: User) -> list[Panel]:
    if not user.has_perm("releases.view_channeldelivery"):
        return []
    counts = ChannelDelivery.objects.aggregate(
        failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
        unknown=Count("pk", filter=Q(status=DeliveryStatus.UNKNOWN)),
    )
    failing = Channel.objects.filter(enabled=True, health=Channel.Health.FAILING).count()
    failures_url = reverse("channels:failures")
    channels_url = reverse("channels:list") if user.has_perm("releases.view_channel") else ""
    return [
        Panel(
            title=_("Media sosial"),
            counters=[
                Counter(
                    _("Pengiriman gagal"), counts["failed"], failures_url, "danger" if counts["failed"] else "secondary"
                ),
                Counter(
                    _("Hasil tidak pasti"),
                    counts["unknown"],
                    failures_url,
                    "warning" if counts["unknown"] else "secondary",
                ),
                Counter(_("Kanal perlu kredensial baru"), failing, channels_url, "danger" if failing else "secondary"),
            ],
        )
    ]
