"""Telegram Bot API: ``sendMessage`` / ``sendPhoto`` to a channel where the bot is an admin.
Errors come as ``{"ok": false, "error_code", "description", "parameters": {"retry_after"}}``.
A bot cannot read a channel's history, so an unknown outcome is left to staff."""

from __future__ import annotations

from typing import Any

import httpx

from releases.channels.adapters.base import AccountInfo, Adapter, Post, Posted, json_or_empty
from releases.channels.client import http_client, send
from releases.channels.errors import NotSupported, OutcomeUnknown, RateLimited, Rejected

CAPTION_LIMIT = 1024


def _raise(response: httpx.Response, *, sent: bool = True) -> dict[str, Any]:
    body = json_or_empty(response)
    if response.status_code < 300 and body.get("ok"):
        return body
    code = int(body.get("error_code") or response.status_code)
    text = f"Telegram: {body.get('description') or response.reason_phrase}"
    if code == 429:
        retry_after = float((body.get("parameters") or {}).get("retry_after") or 30)
        raise RateLimited(text, retry_after=retry_after)
    if code >= 500:
        if sent:
            raise OutcomeUnknown(text, status_code=code)
        raise Rejected(text, status_code=code)
    # 401: bad token; 403: the bot was removed from the channel or lost its rights.
    raise Rejected(text, status_code=code, credentials=code in (401, 403))


class TelegramAdapter(Adapter):
    platform = "telegram"
    default_base_url = "https://api.telegram.org"
    can_check = False

    def _path(self, method: str) -> str:
        return f"/bot{self.credentials.get('bot_token', '')}/{method}"

    def publish(self, post: Post) -> Posted:
        with http_client(self.base_url) as client:
            if post.image:
                response = send(
                    client,
                    "POST",
                    self._path("sendPhoto"),
                    data={"chat_id": self.account, "caption": post.text},
                    files={"photo": (post.image_name or "foto.jpg", post.image, "image/jpeg")},
                )
            else:
                response = send(
                    client, "POST", self._path("sendMessage"), json={"chat_id": self.account, "text": post.text}
                )
            message = _raise(response)["result"]
        message_id = str(message["message_id"])
        username = (message.get("chat") or {}).get("username") or self.account.lstrip("@")
        url = f"https://t.me/{username}/{message_id}" if not username.lstrip("-").isdigit() else ""
        return Posted(message_id, url)

    def find(self, post: Post) -> Posted | None:
        raise NotSupported("Bot Telegram tidak dapat membaca riwayat kanal; periksa kanal secara manual.")

    def delete(self, remote_id: str) -> None:
        with http_client(self.base_url) as client:
            payload = {"chat_id": self.account, "message_id": int(remote_id)}
            _raise(send(client, "POST", self._path("deleteMessage"), json=payload), sent=False)

    def verify(self) -> AccountInfo:
        with http_client(self.base_url) as client:
            bot = _raise(send(client, "GET", self._path("getMe")), sent=False)["result"]
            chat = _raise(send(client, "POST", self._path("getChat"), json={"chat_id": self.account}), sent=False)
        return AccountInfo(f"@{bot.get('username', '')} → {chat['result'].get('title', self.account)}", bot)
