"""X (Twitter) API v2: ``POST /2/tweets`` with an OAuth 2.0 user access token (Bearer), images
through ``POST /2/media/upload`` (multipart, ``media_category=tweet_image``)."""

from __future__ import annotations

import httpx

from releases.channels.adapters.base import AccountInfo, Adapter, Post, Posted, json_or_empty, raise_for_response
from releases.channels.client import http_client, send
from releases.channels.errors import NotSent, OutcomeUnknown, Rejected


def _message(response: httpx.Response) -> str:
    body = json_or_empty(response)
    errors = body.get("errors") or []
    detail = body.get("detail") or (errors[0].get("message") if errors else "") or response.reason_phrase
    return f"X: {detail}"


class XAdapter(Adapter):
    platform = "x"
    default_base_url = "https://api.x.com"

    def _client(self) -> httpx.Client:
        token = self.credentials.get("access_token", "")
        return http_client(self.base_url, {"Authorization": f"Bearer {token}"})  # type: ignore[return-value]

    def _upload(self, client: httpx.Client, post: Post) -> str:
        # Uploading creates no post, so any failure here proves nothing was published.
        try:
            response = send(
                client,
                "POST",
                "/2/media/upload",
                files={"media": (post.image_name or "foto.jpg", post.image or b"", "image/jpeg")},
                data={"media_category": "tweet_image"},
            )
            raise_for_response(response, message=_message)
        except OutcomeUnknown as exc:
            raise NotSent(f"Unggah gambar ke X gagal: {exc.message}") from exc
        return str(response.json()["data"]["id"])

    def publish(self, post: Post) -> Posted:
        with self._client() as client:
            body: dict[str, object] = {"text": post.text}
            if post.image:
                body["media"] = {"media_ids": [self._upload(client, post)]}
            response = send(client, "POST", "/2/tweets", json=body)
            raise_for_response(response, message=_message)
            tweet_id = str(response.json()["data"]["id"])
        return Posted(tweet_id, self._url(tweet_id))

    def _url(self, tweet_id: str) -> str:
        return f"https://x.com/{self.account.lstrip('@')}/status/{tweet_id}"

    def _me(self, client: httpx.Client) -> dict[str, str]:
        response = send(client, "GET", "/2/users/me")
        raise_for_response(response, message=_message, sent=False)
        return dict(response.json()["data"])

    def find(self, post: Post) -> Posted | None:
        with self._client() as client:
            me = self._me(client)
            response = send(
                client,
                "GET",
                f"/2/users/{me['id']}/tweets",
                params={"max_results": 20, "tweet.fields": "entities,created_at"},
            )
            raise_for_response(response, message=_message, sent=False)
            for tweet in response.json().get("data", []):
                urls = [u.get("expanded_url", "") for u in (tweet.get("entities") or {}).get("urls", [])]
                if post.link in urls or post.link in tweet.get("text", ""):
                    return Posted(str(tweet["id"]), self._url(str(tweet["id"])))
        return None

    def delete(self, remote_id: str) -> None:
        with self._client() as client:
            response = send(client, "DELETE", f"/2/tweets/{remote_id}")
            raise_for_response(response, message=_message, sent=False)
            if not response.json().get("data", {}).get("deleted"):
                raise Rejected("X tidak mengonfirmasi penghapusan.", status_code=response.status_code)

    def verify(self) -> AccountInfo:
        with self._client() as client:
            me = self._me(client)
        return AccountInfo(f"@{me.get('username', '')}", me)
