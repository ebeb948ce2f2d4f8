"""Protection for forms that anyone can submit: a rate limit per address and a spam trap."""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"10/h"`` → (10, 3600)."""
    count, _slash, period = rate.partition("/")
    return int(count), _PERIODS[period]


def client_address(request: HttpRequest) -> str:
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0):
        return forwarded.split(",")[-settings.AXES_IPWARE_PROXY_COUNT].strip()
    return request.META.get("REMOTE_ADDR", "")


def rate_limit_exceeded(request: HttpRequest, scope: str, rate: str | None = None) -> bool:
    """Count one submission for this address and scope; True when over the limit.

    A fixed window in Redis: cheap, shared by every web process."""
    limit, period = parse_rate(rate or settings.PUBLIC_FORM_RATE)
    window = int(time.time() // period)
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:24]
    key = f"ratelimit:{scope}:{address}:{window}"
    cache.add(key, 0, timeout=period + 5)
    return cache.incr(key) > limit


class SpamTrapMixin(forms.Form):
    """A hidden field people never fill, and a signed start time: bots fill the field or
    post within a second of loading the form; either is refused with a neutral message."""

    MIN_SECONDS = 2

    website = forms.CharField(
        label=_("Kosongkan kolom ini"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "class": "visually-hidden"}),
    )
    form_started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form_started"].initial = signing.dumps(time.time(), salt="public-form")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        refusal = forms.ValidationError(_("Formulir tidak dapat dikirim. Muat ulang halaman dan coba lagi."))
        if data.get("website"):
            raise refusal
        try:
            started = float(signing.loads(data.get("form_started") or "", salt="public-form", max_age=86400))
        except (signing.BadSignature, ValueError, TypeError):
            raise refusal from None
        if time.time() - started < self.MIN_SECONDS:
            raise refusal
        return data
