"""``{% release_channel_panel release %}``: the social-channel delivery panel of one release."""

from __future__ import annotations

from typing import Any

from django import template

from releases.channels.forms import MarkPostedForm
from releases.channels.models import ChannelDelivery
from releases.channels.services import overall_status
from releases.models import Release

register = template.Library()


@register.inclusion_tag("releases/channels/_panel.html", takes_context=True)
def release_channel_panel(context: dict[str, Any], release: Release) -> dict[str, Any]:
    """Two queries: the deliveries with their channels, and their attempt counts."""
    request = context.get("request")
    user = getattr(request, "user", None)
    can_view = bool(user and user.has_perm("releases.view_channeldelivery"))
    deliveries = (
        list(ChannelDelivery.objects.filter(release=release).select_related("channel").order_by("channel__name"))
        if can_view
        else []
    )
    status = overall_status([d.status for d in deliveries])
    return {
        "release": release,
        "deliveries": deliveries,
        "overall": status,
        "overall_label": ChannelDelivery.Status(status).label if status else "",
        "can_view": can_view,
        "can_retry": bool(user and user.has_perm("releases.retry_channeldelivery")),
        "can_versions": bool(user and user.has_perm("releases.view_channelversion")),
        "mark_form": MarkPostedForm(),
        "next": getattr(request, "path", ""),
        "csrf_token": context.get("csrf_token"),
    }


TONES = {
    "pending": "secondary",
    "sending": "info",
    "posted": "success",
    "unknown": "warning",
    "failed": "danger",
    "deleted": "dark",
    "ok": "success",
    "failing": "danger",
}


@register.filter
def status_tone(status: str) -> str:
    """The Bootstrap colour of a delivery status or channel health."""
    return TONES.get(status, "secondary")
