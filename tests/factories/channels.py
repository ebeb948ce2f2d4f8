from __future__ import annotations

from typing import Any

import factory

from releases.channels.crypto import encrypt_credentials
from releases.channels.models import Channel, Platform

CREDENTIALS = {
    Platform.X: {"access_token": "x-user-token-abc123XYZ"},
    Platform.FACEBOOK: {"access_token": "EAAB-page-token-123456"},
    Platform.INSTAGRAM: {"access_token": "EAAB-ig-token-654321"},
    Platform.TELEGRAM: {"bot_token": "123456:ABC-DEF1234ghIkl"},
    Platform.MASTODON: {"access_token": "masto-token-987654321"},
    Platform.WEBHOOK: {"secret": "rahasia-webhook-bersama-123"},
}
ACCOUNTS = {
    Platform.X: "@pemkotharapan",
    Platform.FACEBOOK: "1122334455",
    Platform.INSTAGRAM: "17841400000000001",
    Platform.TELEGRAM: "@infoharapanjaya",
    Platform.MASTODON: "@humas@mastodon.example",
    Platform.WEBHOOK: "Gerbang WhatsApp",
}


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel

    platform = Platform.X
    name = factory.Sequence(lambda n: f"Kanal {n}")
    account = factory.LazyAttribute(lambda c: ACCOUNTS[Platform(c.platform)])
    base_url = "http://127.0.0.1:9/"
    enabled = True
    selected_by_default = True
    message_template = "{title}\n\n{link}\n\n{hashtags}"
    hashtags = "#HarapanJaya"
    credentials_encrypted = factory.LazyAttribute(lambda c: encrypt_credentials(CREDENTIALS[Platform(c.platform)]))


def channel_for(platform: str, base_url: str, **kwargs: Any) -> Channel:
    return ChannelFactory(platform=platform, base_url=base_url, name=kwargs.pop("name", f"{platform} uji"), **kwargs)
