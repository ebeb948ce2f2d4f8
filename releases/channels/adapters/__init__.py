"""One adapter per platform behind one interface (``base.Adapter``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from releases.channels.adapters.base import Adapter, Post, Posted
from releases.channels.adapters.facebook import FacebookAdapter
from releases.channels.adapters.instagram import InstagramAdapter
from releases.channels.adapters.mastodon import MastodonAdapter
from releases.channels.adapters.telegram import TelegramAdapter
from releases.channels.adapters.webhook import WebhookAdapter
from releases.channels.adapters.x import XAdapter
from releases.channels.crypto import decrypt_credentials

if TYPE_CHECKING:
    from releases.channels.models import Channel

ADAPTERS: dict[str, type[Adapter]] = {
    cls.platform: cls
    for cls in (XAdapter, FacebookAdapter, InstagramAdapter, TelegramAdapter, MastodonAdapter, WebhookAdapter)
}

__all__ = ["ADAPTERS", "Adapter", "Post", "Posted", "adapter_for"]


def adapter_for(channel: Channel) -> Adapter:
    return ADAPTERS[channel.platform](
        base_url=channel.base_url,
        account=channel.account,
        credentials=decrypt_credentials(channel.credentials_encrypted),
    )
