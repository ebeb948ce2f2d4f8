"""Mastodon: ``POST /api/v1/statuses`` with the delivery's ``Idempotency-Key``, images through
``POST /api/v2/media`` (202 while processing; ``GET /api/v1/media/:id`` until it has a URL), and the
server's own limits from ``GET /api/v2/instance`` (``configuration.statuses``)."""

from __future__ import annotations

import html
import time
from datetime import UTC, datetime

import httpx

from releases.channels.adapters.base import AccountInfo, Adapter, Post, Posted, json_or_empty, raise_for_response
from releases.channels.client import http_client, send
from releases.channels.errors import NotSent, OutcomeUnknown, RateLimited

MEDIA_POLLS = 10
POLL_SECONDS = 1.0


def _message(response: httpx.Response) -> str:
    return f"Mastodon: {json_or_empty(response).get('error') or response.reason_phrase}"


def _raise(response: httpx.Response, *, sent: bool = True) -> None:
    if response.status_code == 429 and "retry-after" not in response.headers:
        reset = response.headers.get("x-ratelimit-reset", "")
        try:
            wait = (datetime.fromisoformat(reset.replace("Z", "+00:00")) - datetime.now(UTC)).total_seconds()
        except ValueError:
            wait = 60.0
        raise RateLimited(_message(response), retry_after=max(wait, 1.0))
    raise_for_response(response, message=_message, sent=sent)


class MastodonAdapter(Adapter):
    platform = "mastodon"
    default_base_url = "https://mastodon.social"

    def _client(self) -> httpx.Client:
        token = self.credentials.get("access_token", "")
        return http_client(self.base_url, {"Authorization": f"Bearer {token}"})  # type: ignore[return-value]

    def _upload(self, client: httpx.Client, post: Post) -> str:
        try:
            response = send(
                client,
                "POST",
                "/api/v2/media",
                files={"file": (post.image_name or "foto.jpg", post.image or b"", "image/jpeg")},
                data={"description": post.title[:1500]},
            )
            _raise(response)
            media = response.json()
            for _ in range(MEDIA_POLLS):
                if media.get("url"):
                    return str(media["id"])
                time.sleep(POLL_SECONDS)
                response = send(client, "GET", f"/api/v1/media/{media['id']}")
                _raise(response)
                media = response.json()
        except OutcomeUnknown as exc:
            raise NotSent(f"Unggah gambar ke Mastodon gagal: {exc.message}") from exc
        raise NotSent("Gambar belum selesai diproses Mastodon; dicoba lagi nanti.")

    def publish(self, post: Post) -> Posted:
        with self._client() as client:
            body: dict[str, object] = {"status": post.text, "visibility": "public"}
            if post.image:
                body["media_ids"] = [self._upload(client, post)]
            response = send(
                client, "POST", "/api/v1/statuses", json=body, headers={"Idempotency-Key": post.idempotency_key}
            )
            _raise(response)
            status = response.json()
        return Posted(str(status["id"]), str(status.get("url") or ""))

    def find(self, post: Post) -> Posted | None:
        with self._client() as client:
            response = send(client, "GET", "/api/v1/accounts/verify_credentials")
            _raise(response, sent=False)
            account_id = response.json()["id"]
            response = send(client, "GET", f"/api/v1/accounts/{account_id}/statuses", params={"limit": 20})
            _raise(response, sent=False)
            for status in response.json():
                if post.link in html.unescape(status.get("content", "")):
                    return Posted(str(status["id"]), str(status.get("url") or ""))
        return None

    def delete(self, remote_id: str) -> None:
        with self._client() as client:
            _raise(send(client, "DELETE", f"/api/v1/statuses/{remote_id}"), sent=False)

    def verify(self) -> AccountInfo:
        with self._client() as client:
            response = send(client, "GET", "/api/v1/accounts/verify_credentials")
            _raise(response, sent=False)
            account = response.json()
            response = send(client, "GET", "/api/v2/instance")
            _raise(response, sent=False)
            statuses = (response.json().get("configuration") or {}).get("statuses") or {}
        details = {
            "max_characters": int(statuses.get("max_characters") or 500),
            "characters_reserved_per_url": int(statuses.get("characters_reserved_per_url") or 23),
        }
        return AccountInfo(f"@{account.get('acct', '')}", details)
