"""The one interface every platform adapter implements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import httpx

from releases.channels.client import retry_after_seconds
from releases.channels.errors import OutcomeUnknown, RateLimited, Rejected


@dataclass(frozen=True)
class Post:
    text: str
    link: str
    idempotency_key: str
    title: str = ""
    image: bytes | None = None
    image_name: str = ""
    image_url: str = ""


@dataclass(frozen=True)
class Posted:
    remote_id: str
    remote_url: str = ""


@dataclass
class AccountInfo:
    label: str
    details: dict[str, Any] = field(default_factory=dict)


class Adapter:
    """Speaks one platform's documented HTTP API. Subclasses raise the errors of
    ``releases.channels.errors`` so the delivery service can decide what is safe to retry."""

    platform: ClassVar[str]
    default_base_url: ClassVar[str]
    # True when the platform finds the account's recent posts, so an unknown outcome can be checked.
    can_check: ClassVar[bool] = True
    can_delete: ClassVar[bool] = True
    # True when sending the same post again cannot duplicate it (the receiver deduplicates).
    resend_is_safe: ClassVar[bool] = False

    def __init__(self, *, base_url: str, account: str, credentials: dict[str, str]) -> None:
        self.base_url = base_url.rstrip("/")
        self.account = account.strip()
        self.credentials = credentials

    def publish(self, post: Post) -> Posted:
        raise NotImplementedError

    def find(self, post: Post) -> Posted | None:
        """The post carrying ``post.link`` among the account's recent posts, if any."""
        raise NotImplementedError

    def delete(self, remote_id: str) -> None:
        raise NotImplementedError

    def verify(self) -> AccountInfo:
        """Check the credentials; return who they post as."""
        raise NotImplementedError


def raise_for_response(
    response: httpx.Response,
    *,
    message: Callable[[httpx.Response], str],
    credentials_statuses: tuple[int, ...] = (401,),
    sent: bool = True,
) -> None:
    """Sort an HTTP answer: 2xx returns; 429 → RateLimited; other 4xx → Rejected;
    5xx → OutcomeUnknown when the request may have created something (``sent``), else Rejected."""
    status = response.status_code
    if status < 300:
        return
    text = message(response)
    if status == 429:
        raise RateLimited(text, retry_after=retry_after_seconds(response))
    if status >= 500:
        if sent:
            raise OutcomeUnknown(f"HTTP {status}: {text}", status_code=status)
        raise Rejected(f"HTTP {status}: {text}", status_code=status)
    raise Rejected(text, status_code=status, credentials=status in credentials_statuses)


def json_or_empty(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
