"""Instagram business account through the Graph API: create a container with ``POST
/{ig-user-id}/media`` (``image_url`` that Instagram fetches itself, ``caption``), wait until its
``status_code`` is FINISHED, then ``POST /{ig-user-id}/media_publish`` with ``creation_id``."""

from __future__ import annotations

import time

from releases.channels.adapters.base import AccountInfo, Adapter, Post, Posted
from releases.channels.adapters.facebook import graph_raise
from releases.channels.client import http_client, send
from releases.channels.errors import NotSent, NotSupported, OutcomeUnknown, Rejected

CONTAINER_POLLS = 10
POLL_SECONDS = 1.0


class InstagramAdapter(Adapter):
    platform = "instagram"
    default_base_url = "https://graph.facebook.com/v25.0"
    can_delete = False

    @property
    def _token(self) -> str:
        return self.credentials.get("access_token", "")

    def publish(self, post: Post) -> Posted:
        if not post.image_url:
            raise Rejected("Instagram memerlukan gambar.")
        with http_client(self.base_url) as client:
            # A container is not a post: failures up to media_publish prove nothing was published.
            try:
                data = {"image_url": post.image_url, "caption": post.text, "access_token": self._token}
                response = send(client, "POST", f"/{self.account}/media", data=data)
                graph_raise(response, name="Instagram")
                container = str(response.json()["id"])
                self._wait_until_ready(client, container)
            except OutcomeUnknown as exc:
                raise NotSent(f"Kontainer Instagram belum jadi: {exc.message}") from exc
            data = {"creation_id": container, "access_token": self._token}
            response = send(client, "POST", f"/{self.account}/media_publish", data=data)
            graph_raise(response, name="Instagram")
            media_id = str(response.json()["id"])
            return Posted(media_id, self._permalink(client, media_id))

    def _wait_until_ready(self, client: object, container: str) -> None:
        for _ in range(CONTAINER_POLLS):
            response = send(
                client,  # type: ignore[arg-type]
                "GET",
                f"/{container}",
                params={"fields": "status_code", "access_token": self._token},
            )
            graph_raise(response, name="Instagram")
            status = response.json().get("status_code")
            if status == "FINISHED":
                return
            if status in {"ERROR", "EXPIRED"}:
                raise Rejected(f"Instagram menolak gambar (status kontainer {status}).")
            time.sleep(POLL_SECONDS)
        raise NotSent("Kontainer Instagram belum selesai diproses; dicoba lagi nanti.")

    def _permalink(self, client: object, media_id: str) -> str:
        try:
            response = send(
                client,  # type: ignore[arg-type]
                "GET",
                f"/{media_id}",
                params={"fields": "permalink", "access_token": self._token},
            )
        except (NotSent, OutcomeUnknown):
            return ""
        return str(response.json().get("permalink", "")) if response.status_code == 200 else ""

    def find(self, post: Post) -> Posted | None:
        with http_client(self.base_url) as client:
            params = {"fields": "id,caption,permalink", "limit": 25, "access_token": self._token}
            response = send(client, "GET", f"/{self.account}/media", params=params)
            graph_raise(response, sent=False, name="Instagram")
            for item in response.json().get("data", []):
                if post.link in (item.get("caption") or ""):
                    return Posted(str(item["id"]), item.get("permalink", ""))
        return None

    def delete(self, remote_id: str) -> None:
        raise NotSupported("API Instagram tidak menyediakan penghapusan unggahan; hapus dari aplikasi Instagram.")

    def verify(self) -> AccountInfo:
        with http_client(self.base_url) as client:
            params = {"fields": "id,username", "access_token": self._token}
            response = send(client, "GET", f"/{self.account}", params=params)
            graph_raise(response, sent=False, name="Instagram")
            account = response.json()
        return AccountInfo(f"@{account.get('username', '')}", account)
