"""Facebook Page through the Graph API: ``/{page-id}/feed`` for text and link, ``/{page-id}/photos``
(``url`` + ``caption``) when the version has an image. The Page access token goes in ``access_token``."""

from __future__ import annotations

import httpx

from releases.channels.adapters.base import AccountInfo, Adapter, Post, Posted, json_or_empty
from releases.channels.client import http_client, send
from releases.channels.errors import OutcomeUnknown, RateLimited, Rejected

# Graph API error codes: 190/102 token invalid or expired, 10 and 200–299 missing permission;
# 4, 17, 32 and 613 are rate limits (answered with HTTP 400/403, not 429).
CREDENTIAL_CODES = {102, 190, 10}
RATE_LIMIT_CODES = {4, 17, 32, 613}


def graph_raise(response: httpx.Response, *, sent: bool = True, name: str = "Facebook") -> None:
    if response.status_code < 300:
        return
    error = json_or_empty(response).get("error") or {}
    code = int(error.get("code") or 0)
    text = f"{name}: {error.get('message') or response.reason_phrase} (kode {code})"
    if response.status_code == 429 or code in RATE_LIMIT_CODES:
        raise RateLimited(text, retry_after=300.0, status_code=response.status_code)
    if response.status_code >= 500 or error.get("is_transient"):
        if sent:
            raise OutcomeUnknown(text, status_code=response.status_code)
        raise Rejected(text, status_code=response.status_code)
    credentials = code in CREDENTIAL_CODES or 200 <= code < 300 or response.status_code == 401
    raise Rejected(text, status_code=response.status_code, credentials=credentials)


class FacebookAdapter(Adapter):
    platform = "facebook"
    default_base_url = "https://graph.facebook.com/v25.0"

    @property
    def _token(self) -> str:
        return self.credentials.get("access_token", "")

    def publish(self, post: Post) -> Posted:
        with http_client(self.base_url) as client:
            if post.image_url:
                data = {"url": post.image_url, "caption": post.text, "access_token": self._token}
                response = send(client, "POST", f"/{self.account}/photos", data=data)
                graph_raise(response)
                body = response.json()
                post_id = str(body.get("post_id") or body["id"])
            else:
                data = {"message": post.text, "link": post.link, "access_token": self._token}
                response = send(client, "POST", f"/{self.account}/feed", data=data)
                graph_raise(response)
                post_id = str(response.json()["id"])
        return Posted(post_id, f"https://www.facebook.com/{post_id}")

    def find(self, post: Post) -> Posted | None:
        with http_client(self.base_url) as client:
            params = {"fields": "id,message,permalink_url", "limit": 25, "access_token": self._token}
            response = send(client, "GET", f"/{self.account}/feed", params=params)
            graph_raise(response, sent=False)
            for item in response.json().get("data", []):
                if post.link in (item.get("message") or ""):
                    return Posted(
                        str(item["id"]), item.get("permalink_url") or f"https://www.facebook.com/{item['id']}"
                    )
        return None

    def delete(self, remote_id: str) -> None:
        with http_client(self.base_url) as client:
            response = send(client, "DELETE", f"/{remote_id}", params={"access_token": self._token})
            graph_raise(response, sent=False)
            if not response.json().get("success"):
                raise Rejected("Facebook tidak mengonfirmasi penghapusan.", status_code=response.status_code)

    def verify(self) -> AccountInfo:
        with http_client(self.base_url) as client:
            params = {"fields": "id,name", "access_token": self._token}
            response = send(client, "GET", f"/{self.account}", params=params)
            graph_raise(response, sent=False)
            page = response.json()
        return AccountInfo(str(page.get("name", "")), page)
