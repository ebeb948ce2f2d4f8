"""Demo data of the social channels: one disabled channel per platform with placeholder
credentials, so a newcomer sees the setup without posting anywhere. Idempotent."""

from __future__ import annotations

from collections.abc import Callable

from releases.channels.adapters import ADAPTERS
from releases.channels.crypto import encrypt_credentials
from releases.channels.forms import SECRET_KEYS
from releases.channels.models import Channel, Platform

CHANNELS = [
    (Platform.X, "X Pemkot Harapan Jaya", "@pemkotharapanjaya", "#HarapanJaya #PemkotHarapanJaya"),
    (Platform.FACEBOOK, "Facebook Pemkot Harapan Jaya", "100000000000001", "#HarapanJaya"),
    (Platform.INSTAGRAM, "Instagram @humas.harapanjaya", "17841400000000001", "#HarapanJaya #InfoKota"),
    (Platform.TELEGRAM, "Telegram Info Harapan Jaya", "@infoharapanjaya", "#HarapanJaya"),
    (Platform.MASTODON, "Mastodon @humas", "@humas@mastodon.example", "#HarapanJaya"),
    (Platform.WEBHOOK, "Gerbang WhatsApp Humas", "Gerbang WhatsApp", ""),
]


def seed(*, out: Callable[[str], None]) -> None:
    created = 0
    for platform, name, account, hashtags in CHANNELS:
        _channel, was_created = Channel.objects.get_or_create(
            name=name,
            defaults={
                "platform": platform,
                "account": account,
                "base_url": ADAPTERS[platform].default_base_url,
                "enabled": False,
                "hashtags": hashtags,
                "credentials_encrypted": encrypt_credentials({SECRET_KEYS[platform][0]: "ganti-dengan-token-asli"}),
            },
        )
        created += was_created
    out(f"Kanal media sosial demo (nonaktif): {len(CHANNELS)}, baru: {created}")
