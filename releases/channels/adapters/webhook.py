"""A generic signed webhook (e.g. a WhatsApp gateway): JSON POSTed to the configured URL with

- ``X-Humas-Event``: ``release.published``, ``release.withdrawn`` or ``ping``
- ``X-Humas-Timestamp``: Unix seconds
- ``X-Humas-Signature``: ``sha256=`` + hex HMAC-SHA256 of ``"<timestamp>.<body>"`` with the shared secret
- ``Idempotency-Key``: the delivery's key; receivers must ignore a key they have seen, which makes
  re-sending after an unknown outcome safe.

A 2xx answer is success; its JSON may carry ``id`` and ``url`` of what the receiver created."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import httpx

from releases.channels.adapters.base import AccountInfo, Adapter, Post, Posted, json_or_empty, raise_for_response
from releases.channels.client import http_client, send

SIGNATURE_HEADER = "X-Humas-Signature"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def _message(response: httpx.Response) -> str:
    body = json_or_empty(response)
    return f"Webhook: {body.get('error') or body.get('message') or response.reason_phrase}"


class WebhookAdapter(Adapter):
    platform = "webhook"
    default_base_url = "https://gateway.example.id/humas"
    can_check = False
    # Receivers deduplicate on Idempotency-Key, so an unknown outcome may simply be sent again.
    resend_is_safe = True

    def _post(self, event: str, payload: dict[str, Any], key: str, *, sent: bool = True) -> httpx.Response:
        body = json.dumps({"event": event, **payload}, ensure_ascii=False, separators=(",", ":")).encode()
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "X-Humas-Event": event,
            "X-Humas-Timestamp": timestamp,
            SIGNATURE_HEADER: sign(self.credentials.get("secret", ""), timestamp, body),
            "Idempotency-Key": key,
        }
        with http_client("") as client:
            response = send(client, "POST", self.base_url, content=body, headers=headers)
        raise_for_response(response, message=_message, credentials_statuses=(401, 403), sent=sent)
        return response

    def publish(self, post: Post) -> Posted:
        payload = {
            "delivery": post.idempotency_key,
            "title": post.title,
            "text": post.text,
            "url": post.link,
            "image_url": post.image_url,
        }
        answer = json_or_empty(self._post("release.published", payload, post.idempotency_key))
        return Posted(str(answer.get("id") or post.idempotency_key), str(answer.get("url") or ""))

    def find(self, post: Post) -> Posted | None:
        return None

    def delete(self, remote_id: str) -> None:
        self._post("release.withdrawn", {"id": remote_id}, f"withdraw-{remote_id}", sent=False)

    def verify(self) -> AccountInfo:
        self._post("ping", {}, f"ping-{int(time.time())}", sent=False)
        return AccountInfo(self.base_url)
