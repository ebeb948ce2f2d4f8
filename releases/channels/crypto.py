"""Channel credentials are encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256).

The key comes from ``CHANNEL_CREDENTIALS_KEY`` (a Fernet key: 32 url-safe base64-encoded bytes,
``python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"``).
In development, without the variable, a key is derived from SECRET_KEY; production refuses to run
without it. Decrypted values never reach templates or logs: ``mask`` shows only their last characters.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_VARIABLE = "CHANNEL_CREDENTIALS_KEY"


class CredentialsUnreadable(Exception):
    """The stored credentials cannot be decrypted with the current key."""


def _fernet() -> Fernet:
    key = os.environ.get(KEY_VARIABLE, "").strip()
    if not key:
        if getattr(settings, "PRODUCTION", False):
            raise ImproperlyConfigured(f"Production needs {KEY_VARIABLE}: a Fernet key for channel credentials")
        digest = hashlib.sha256(f"channel-credentials:{settings.SECRET_KEY}".encode()).digest()
        key = base64.urlsafe_b64encode(digest).decode()
    try:
        return Fernet(key.encode())
    except ValueError as exc:
        raise ImproperlyConfigured(f"{KEY_VARIABLE} is not a valid Fernet key") from exc


def encrypt_credentials(values: dict[str, str]) -> str:
    return _fernet().encrypt(json.dumps(values, sort_keys=True).encode()).decode()


def decrypt_credentials(token: str) -> dict[str, Any]:
    if not token:
        return {}
    try:
        return dict(json.loads(_fernet().decrypt(token.encode())))
    except (InvalidToken, ValueError) as exc:
        raise CredentialsUnreadable from exc


def mask(value: str) -> str:
    """``••••••k3Zq``: enough for staff to recognise a token, never enough to use it."""
    if not value:
        return ""
    return "••••••" + (value[-4:] if len(value) >= 12 else "")
