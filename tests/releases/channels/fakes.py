"""Fake platforms on one local HTTP server: each speaks the documented API of its platform,
keeps what it accepted (so "recent posts" answers show it), and can be told to misbehave."""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from releases.channels.models import Channel, Platform
from tests.factories.channels import channel_for

PREFIX = {
    Platform.X: "/x",
    Platform.FACEBOOK: "/fb/v25.0",
    Platform.INSTAGRAM: "/ig/v25.0",
    Platform.TELEGRAM: "/tg",
    Platform.MASTODON: "/masto",
    Platform.WEBHOOK: "/hook",
}
TEXT_PLATFORMS = [Platform.X, Platform.FACEBOOK, Platform.TELEGRAM, Platform.MASTODON, Platform.WEBHOOK]


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json", headers=headers)


@dataclass
class FakePlatforms:
    server: HTTPServer
    delay: float = 0.0
    posts: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    # platform → "500", "429", "401" or "accept_then_hang" for the next N post calls
    faults: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    hang_seconds: float = 2.0
    containers: dict[str, dict[str, str]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def install(self) -> FakePlatforms:
        s = self.server
        s.expect_request("/x/2/tweets", method="POST").respond_with_handler(self._x_post)
        s.expect_request("/x/2/users/me").respond_with_handler(
            lambda r: _json({"data": {"id": "7", "username": "kota"}})
        )
        s.expect_request("/x/2/users/7/tweets").respond_with_handler(self._x_timeline)
        s.expect_request("/fb/v25.0/1122334455/feed", method="POST").respond_with_handler(self._fb_post)
        s.expect_request("/fb/v25.0/1122334455/feed", method="GET").respond_with_handler(self._fb_feed)
        s.expect_request("/tg/bot123456:ABC-DEF1234ghIkl/sendMessage").respond_with_handler(self._tg_post)
        s.expect_request("/masto/api/v1/statuses", method="POST").respond_with_handler(self._masto_post)
        s.expect_request("/masto/api/v1/accounts/verify_credentials").respond_with_handler(
            lambda r: _json({"id": "9", "acct": "humas"})
        )
        s.expect_request("/masto/api/v1/accounts/9/statuses").respond_with_handler(self._masto_timeline)
        s.expect_request("/hook", method="POST").respond_with_handler(self._hook_post)
        s.expect_request("/ig/v25.0/17841400000000001/media", method="POST").respond_with_handler(self._ig_container)
        s.expect_request("/ig/v25.0/17841400000000001/media_publish", method="POST").respond_with_handler(
            self._ig_publish
        )
        s.expect_request("/ig/v25.0/17841400000000001/media", method="GET").respond_with_handler(self._ig_media)
        s.expect_request(re.compile(r"/ig/v25\.0/c\d+")).respond_with_handler(
            lambda r: _json({"status_code": "FINISHED"})
        )
        s.expect_request(re.compile(r"/ig/v25\.0/\d+")).respond_with_handler(
            lambda r: _json({"permalink": f"https://www.instagram.com/p/{r.path.rsplit('/', 1)[-1]}/"})
        )
        return self

    def channels(self, platforms: list[str] | None = None) -> list[Channel]:
        return [
            channel_for(platform, self.server.url_for(PREFIX[Platform(platform)]), name=f"Kanal {platform}")
            for platform in platforms or TEXT_PLATFORMS
        ]

    def count(self, platform: str) -> int:
        return len(self.posts[platform])

    # --- behaviour shared by every platform ---

    def _accept(self, platform: str, record: dict[str, Any]) -> tuple[str | None, str]:
        """Apply a fault if one is queued; otherwise keep the post. Returns (fault, new id)."""
        if self.delay:
            time.sleep(self.delay)
        with self._lock:
            fault = self.faults[platform].pop(0) if self.faults[platform] else None
            if fault in ("500", "429", "401"):
                return fault, ""
            new_id = str(next(self._ids))
            self.posts[platform].append({**record, "id": new_id})
        if fault == "accept_then_hang":
            time.sleep(self.hang_seconds)
        return fault, new_id

    # --- platforms ---

    def _x_post(self, request: Request) -> Response:
        body = request.get_json()
        fault, new_id = self._accept(Platform.X, {"text": body["text"]})
        if fault == "500":
            return _json({"title": "Internal Server Error", "status": 500}, 500)
        if fault == "429":
            return _json({"title": "Too Many Requests", "status": 429}, 429, {"Retry-After": "5"})
        if fault == "401":
            return _json({"title": "Unauthorized", "status": 401, "detail": "Unauthorized"}, 401)
        return _json({"data": {"id": new_id, "text": body["text"]}}, 201)

    def _x_timeline(self, request: Request) -> Response:
        data = [
            {"id": p["id"], "text": p["text"], "entities": {"urls": [{"expanded_url": w} for w in p["text"].split()]}}
            for p in reversed(self.posts[Platform.X])
        ]
        return _json({"data": data[:20], "meta": {"result_count": len(data[:20])}})

    def _fb_post(self, request: Request) -> Response:
        fault, new_id = self._accept(Platform.FACEBOOK, {"message": request.form["message"]})
        if fault == "500":
            return _json(
                {"error": {"message": "An unexpected error has occurred.", "code": 2, "is_transient": True}}, 500
            )
        if fault == "401":
            return _json(
                {"error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190}}, 400
            )
        return _json({"id": f"1122334455_{new_id}"})

    def _fb_feed(self, request: Request) -> Response:
        data = [{"id": f"1122334455_{p['id']}", "message": p["message"]} for p in self.posts[Platform.FACEBOOK]]
        return _json({"data": data})

    def _tg_post(self, request: Request) -> Response:
        body = request.get_json()
        fault, new_id = self._accept(Platform.TELEGRAM, {"text": body["text"]})
        if fault == "500":
            return _json({"ok": False, "error_code": 500, "description": "Internal Server Error"}, 500)
        if fault == "429":
            body = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 3"}
            return _json({**body, "parameters": {"retry_after": 3}}, 429)
        if fault == "401":
            return _json({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)
        result = {"message_id": int(new_id), "chat": {"id": -1001, "username": "infoharapanjaya"}, "text": body["text"]}
        return _json({"ok": True, "result": result})

    def _masto_post(self, request: Request) -> Response:
        key = request.headers.get("Idempotency-Key", "")
        with self._lock:
            for post in self.posts[Platform.MASTODON]:
                if post["key"] == key:  # Mastodon answers a repeated key with the same status
                    return _json({"id": post["id"], "url": f"https://masto.example/@humas/{post['id']}"})
        body = request.get_json()
        fault, new_id = self._accept(Platform.MASTODON, {"content": f"<p>{body['status']}</p>", "key": key})
        if fault == "500":
            return _json({"error": "Internal Server Error"}, 500)
        if fault == "401":
            return _json({"error": "The access token is invalid"}, 401)
        return _json({"id": new_id, "url": f"https://masto.example/@humas/{new_id}"})

    def _masto_timeline(self, request: Request) -> Response:
        return _json(
            [{"id": p["id"], "content": p["content"], "url": ""} for p in reversed(self.posts[Platform.MASTODON])]
        )

    def _ig_container(self, request: Request) -> Response:
        with self._lock:
            container = f"c{next(self._ids)}"
            self.containers[container] = dict(request.form)
        return _json({"id": container})

    def _ig_publish(self, request: Request) -> Response:
        container = self.containers[request.form["creation_id"]]
        fault, new_id = self._accept(Platform.INSTAGRAM, {"caption": container["caption"], **container})
        if fault == "500":
            return _json({"error": {"message": "An unknown error occurred", "code": 1, "is_transient": True}}, 500)
        return _json({"id": new_id})

    def _ig_media(self, request: Request) -> Response:
        return _json({"data": [{"id": p["id"], "caption": p["caption"]} for p in self.posts[Platform.INSTAGRAM]]})

    def _hook_post(self, request: Request) -> Response:
        body = json.loads(request.get_data())
        if body.get("event") != "release.published":
            return _json({"ok": True})
        key = request.headers.get("Idempotency-Key", "")
        with self._lock:
            if any(p["key"] == key for p in self.posts[Platform.WEBHOOK]):
                return _json({"id": key, "duplicate": True})
        fault, new_id = self._accept(Platform.WEBHOOK, {"text": body["text"], "key": key})
        if fault == "500":
            return _json({"error": "gateway down"}, 502)
        return _json({"id": f"wa-{new_id}"})
