"""Each adapter against a local server that checks the documented requests and answers with the
documented success and error bodies."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from releases.channels.adapters.facebook import FacebookAdapter
from releases.channels.adapters.instagram import InstagramAdapter
from releases.channels.adapters.mastodon import MastodonAdapter
from releases.channels.adapters.telegram import TelegramAdapter
from releases.channels.adapters.webhook import WebhookAdapter
from releases.channels.adapters.x import XAdapter
from releases.channels.errors import NotSent, NotSupported, OutcomeUnknown, RateLimited, Rejected
from tests.helpers import image_bytes
from tests.releases.channels.conftest import LINK, make_post

X_TOKEN = {"access_token": "x-user-token"}


def x_adapter(server: HTTPServer) -> XAdapter:
    return XAdapter(base_url=server.url_for("/x"), account="@pemkot", credentials=X_TOKEN)


def sleeping(seconds: float, body: dict[str, object]) -> object:
    def handler(request: Request) -> Response:
        time.sleep(seconds)
        return Response(json.dumps(body), status=201, content_type="application/json")

    return handler


# --- X ----------------------------------------------------------------------------------------


def test_x_posts_text_with_bearer_user_token(fake: HTTPServer) -> None:
    fake.expect_oneshot_request(
        "/x/2/tweets", method="POST", headers={"Authorization": "Bearer x-user-token"}, json={"text": make_post().text}
    ).respond_with_json({"data": {"id": "1445880548472328192", "text": make_post().text}}, status=201)

    posted = x_adapter(fake).publish(make_post())

    fake.check_assertions()
    assert posted.remote_id == "1445880548472328192"
    assert posted.remote_url == "https://x.com/pemkot/status/1445880548472328192"


def test_x_uploads_the_image_first_then_attaches_its_media_id(fake: HTTPServer) -> None:
    seen: dict[str, object] = {}

    def upload(request: Request) -> Response:
        seen["category"] = request.form.get("media_category")
        seen["bytes"] = request.files["media"].read()
        seen["auth"] = request.headers.get("Authorization")
        return Response(json.dumps({"data": {"id": "1880028106020515840", "media_key": "3_188"}}), 200)

    fake.expect_oneshot_request("/x/2/media/upload", method="POST").respond_with_handler(upload)
    fake.expect_oneshot_request(
        "/x/2/tweets", method="POST", json={"text": "Foto", "media": {"media_ids": ["1880028106020515840"]}}
    ).respond_with_json({"data": {"id": "77", "text": "Foto"}}, status=201)

    posted = x_adapter(fake).publish(make_post(text="Foto", image=image_bytes(), image_name="a.jpg"))

    fake.check_assertions()
    assert seen == {"category": "tweet_image", "bytes": image_bytes(), "auth": "Bearer x-user-token"}
    assert posted.remote_id == "77"


def test_x_rate_limit_carries_retry_after(fake: HTTPServer) -> None:
    fake.expect_request("/x/2/tweets").respond_with_json(
        {"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429},
        status=429,
        headers={"Retry-After": "120"},
    )
    with pytest.raises(RateLimited) as caught:
        x_adapter(fake).publish(make_post())
    assert caught.value.retry_after == 120


def test_x_unauthorized_is_a_credentials_rejection(fake: HTTPServer) -> None:
    fake.expect_request("/x/2/tweets").respond_with_json(
        {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}, status=401
    )
    with pytest.raises(Rejected) as caught:
        x_adapter(fake).publish(make_post())
    assert caught.value.credentials and caught.value.status_code == 401
    assert "Unauthorized" in caught.value.message


def test_x_duplicate_content_is_rejected_without_blaming_credentials(fake: HTTPServer) -> None:
    fake.expect_request("/x/2/tweets").respond_with_json(
        {
            "detail": "You are not allowed to create a Tweet with duplicate content.",
            "status": 403,
            "title": "Forbidden",
        },
        status=403,
    )
    with pytest.raises(Rejected) as caught:
        x_adapter(fake).publish(make_post())
    assert not caught.value.credentials
    assert "duplicate content" in caught.value.message


def test_x_server_error_means_outcome_unknown(fake: HTTPServer) -> None:
    fake.expect_request("/x/2/tweets").respond_with_json({"title": "Internal Error"}, status=500)
    with pytest.raises(OutcomeUnknown):
        x_adapter(fake).publish(make_post())


def test_x_timeout_after_sending_means_outcome_unknown(fake: HTTPServer, short_timeout: None) -> None:
    fake.expect_request("/x/2/tweets").respond_with_handler(sleeping(1.5, {"data": {"id": "1"}}))
    with pytest.raises(OutcomeUnknown):
        x_adapter(fake).publish(make_post())


def test_connection_refused_proves_nothing_was_sent(closed_port: str) -> None:
    adapter = XAdapter(base_url=closed_port, account="@pemkot", credentials=X_TOKEN)
    with pytest.raises(NotSent):
        adapter.publish(make_post())


def test_x_finds_a_recent_post_carrying_the_link(fake: HTTPServer) -> None:
    fake.expect_request("/x/2/users/me").respond_with_json({"data": {"id": "2244994945", "username": "pemkot"}})
    fake.expect_request(
        "/x/2/users/2244994945/tweets", query_string={"max_results": "20", "tweet.fields": "entities,created_at"}
    ).respond_with_json(
        {
            "data": [
                {
                    "id": "10",
                    "text": "lain https://t.co/a",
                    "entities": {"urls": [{"expanded_url": "https://lain.id"}]},
                },
                {"id": "11", "text": "taman https://t.co/b", "entities": {"urls": [{"expanded_url": LINK}]}},
            ],
            "meta": {"result_count": 2},
        }
    )
    found = x_adapter(fake).find(make_post())
    assert found is not None and found.remote_id == "11"


def test_x_deletes_a_post(fake: HTTPServer) -> None:
    fake.expect_oneshot_request("/x/2/tweets/11", method="DELETE").respond_with_json({"data": {"deleted": True}})
    x_adapter(fake).delete("11")
    fake.check_assertions()


# --- Facebook ---------------------------------------------------------------------------------


def fb_adapter(server: HTTPServer) -> FacebookAdapter:
    return FacebookAdapter(
        base_url=server.url_for("/graph/v25.0"), account="1122", credentials={"access_token": "PAGE"}
    )


def test_facebook_posts_message_and_link_to_the_page_feed(fake: HTTPServer) -> None:
    seen: dict[str, str] = {}

    def feed(request: Request) -> Response:
        seen.update(request.form.to_dict())
        return Response(json.dumps({"id": "1122_998877"}), 200, content_type="application/json")

    fake.expect_oneshot_request("/graph/v25.0/1122/feed", method="POST").respond_with_handler(feed)
    posted = fb_adapter(fake).publish(make_post())
    assert seen == {"message": make_post().text, "link": LINK, "access_token": "PAGE"}
    assert posted == posted.__class__("1122_998877", "https://www.facebook.com/1122_998877")


def test_facebook_posts_an_image_through_page_photos(fake: HTTPServer) -> None:
    seen: dict[str, str] = {}

    def photos(request: Request) -> Response:
        seen.update(request.form.to_dict())
        return Response(json.dumps({"id": "5566", "post_id": "1122_5566"}), 200, content_type="application/json")

    fake.expect_oneshot_request("/graph/v25.0/1122/photos", method="POST").respond_with_handler(photos)
    posted = fb_adapter(fake).publish(make_post(image=b"x", image_url="http://testserver/unggahan/a.jpg"))
    assert seen == {"url": "http://testserver/unggahan/a.jpg", "caption": make_post().text, "access_token": "PAGE"}
    assert posted.remote_id == "1122_5566"


def test_facebook_expired_token_flags_credentials(fake: HTTPServer) -> None:
    fake.expect_request("/graph/v25.0/1122/feed").respond_with_json(
        {
            "error": {
                "message": "Error validating access token: Session has expired.",
                "type": "OAuthException",
                "code": 190,
                "error_subcode": 463,
                "fbtrace_id": "AbCd",
            }
        },
        status=400,
    )
    with pytest.raises(Rejected) as caught:
        fb_adapter(fake).publish(make_post())
    assert caught.value.credentials and "Session has expired" in caught.value.message


def test_facebook_rate_limit_code_is_retried_later(fake: HTTPServer) -> None:
    fake.expect_request("/graph/v25.0/1122/feed").respond_with_json(
        {"error": {"message": "(#32) Page request limit reached", "type": "OAuthException", "code": 32}}, status=400
    )
    with pytest.raises(RateLimited):
        fb_adapter(fake).publish(make_post())


def test_facebook_transient_server_error_is_unknown(fake: HTTPServer) -> None:
    fake.expect_request("/graph/v25.0/1122/feed").respond_with_json(
        {"error": {"message": "An unexpected error has occurred.", "code": 2, "is_transient": True}}, status=500
    )
    with pytest.raises(OutcomeUnknown):
        fb_adapter(fake).publish(make_post())


def test_facebook_finds_and_deletes_a_post(fake: HTTPServer) -> None:
    fake.expect_request(
        "/graph/v25.0/1122/feed",
        method="GET",
        query_string={"fields": "id,message,permalink_url", "limit": "25", "access_token": "PAGE"},
    ).respond_with_json({"data": [{"id": "1122_1", "message": f"x {LINK}", "permalink_url": "https://fb.com/p/1"}]})
    fake.expect_oneshot_request(
        "/graph/v25.0/1122_1", method="DELETE", query_string={"access_token": "PAGE"}
    ).respond_with_json({"success": True})
    adapter = fb_adapter(fake)
    found = adapter.find(make_post())
    assert found is not None and found.remote_url == "https://fb.com/p/1"
    adapter.delete("1122_1")
    fake.check_assertions()


# --- Instagram --------------------------------------------------------------------------------


def ig_adapter(server: HTTPServer) -> InstagramAdapter:
    return InstagramAdapter(base_url=server.url_for("/graph/v25.0"), account="1784", credentials={"access_token": "IG"})


def test_instagram_creates_a_container_then_publishes_it(fake: HTTPServer) -> None:
    forms: list[dict[str, str]] = []

    def form_answer(body: dict[str, str]) -> object:
        def handler(request: Request) -> Response:
            forms.append(request.form.to_dict())
            return Response(json.dumps(body), 200, content_type="application/json")

        return handler

    post = make_post(image=b"x", image_url="http://testserver/unggahan/ig.jpg")
    fake.expect_oneshot_request("/graph/v25.0/1784/media", method="POST").respond_with_handler(
        form_answer({"id": "c1"})
    )
    fake.expect_request(
        "/graph/v25.0/c1", query_string={"fields": "status_code", "access_token": "IG"}
    ).respond_with_json({"status_code": "FINISHED", "id": "c1"})
    fake.expect_oneshot_request("/graph/v25.0/1784/media_publish", method="POST").respond_with_handler(
        form_answer({"id": "17920238422030506"})
    )
    fake.expect_request("/graph/v25.0/17920238422030506").respond_with_json(
        {"permalink": "https://www.instagram.com/p/DAbc/", "id": "17920238422030506"}
    )

    posted = ig_adapter(fake).publish(post)

    assert forms == [
        {"image_url": "http://testserver/unggahan/ig.jpg", "caption": post.text, "access_token": "IG"},
        {"creation_id": "c1", "access_token": "IG"},
    ]
    assert posted.remote_id == "17920238422030506"
    assert posted.remote_url == "https://www.instagram.com/p/DAbc/"


def test_instagram_container_timeout_proves_nothing_was_published(fake: HTTPServer, short_timeout: None) -> None:
    fake.expect_request("/graph/v25.0/1784/media").respond_with_handler(sleeping(1.5, {"id": "c1"}))
    with pytest.raises(NotSent):
        ig_adapter(fake).publish(make_post(image=b"x", image_url="http://testserver/a.jpg"))


def test_instagram_cannot_delete_and_says_so(fake: HTTPServer) -> None:
    with pytest.raises(NotSupported, match="Instagram"):
        ig_adapter(fake).delete("1")


# --- Telegram ---------------------------------------------------------------------------------


def tg_adapter(server: HTTPServer) -> TelegramAdapter:
    return TelegramAdapter(base_url=server.url_for("/tg"), account="@infokota", credentials={"bot_token": "123:ABC"})


def test_telegram_sends_a_message_to_the_channel(fake: HTTPServer) -> None:
    fake.expect_oneshot_request(
        "/tg/bot123:ABC/sendMessage", method="POST", json={"chat_id": "@infokota", "text": make_post().text}
    ).respond_with_json(
        {
            "ok": True,
            "result": {"message_id": 42, "chat": {"id": -1001234, "title": "Info Kota", "username": "infokota"}},
        }
    )
    posted = tg_adapter(fake).publish(make_post())
    fake.check_assertions()
    assert posted.remote_id == "42" and posted.remote_url == "https://t.me/infokota/42"


def test_telegram_sends_a_photo_with_caption_as_multipart(fake: HTTPServer) -> None:
    seen: dict[str, object] = {}

    def handler(request: Request) -> Response:
        seen.update(request.form.to_dict(), photo=request.files["photo"].read())
        body = {"ok": True, "result": {"message_id": 43, "chat": {"id": -100, "username": "infokota"}}}
        return Response(json.dumps(body), 200, content_type="application/json")

    fake.expect_oneshot_request("/tg/bot123:ABC/sendPhoto", method="POST").respond_with_handler(handler)
    tg_adapter(fake).publish(make_post(text="Keterangan", image=b"JPEGDATA"))
    assert seen == {"chat_id": "@infokota", "caption": "Keterangan", "photo": b"JPEGDATA"}


def test_telegram_429_uses_retry_after_from_the_body(fake: HTTPServer) -> None:
    fake.expect_request("/tg/bot123:ABC/sendMessage").respond_with_json(
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 7",
            "parameters": {"retry_after": 7},
        },
        status=429,
    )
    with pytest.raises(RateLimited) as caught:
        tg_adapter(fake).publish(make_post())
    assert caught.value.retry_after == 7


def test_telegram_bot_removed_from_channel_flags_credentials(fake: HTTPServer) -> None:
    fake.expect_request("/tg/bot123:ABC/sendMessage").respond_with_json(
        {"ok": False, "error_code": 403, "description": "Forbidden: bot is not a member of the channel chat"},
        status=403,
    )
    with pytest.raises(Rejected) as caught:
        tg_adapter(fake).publish(make_post())
    assert caught.value.credentials and "not a member" in caught.value.message


def test_telegram_cannot_check_history_but_deletes_messages(fake: HTTPServer) -> None:
    fake.expect_oneshot_request(
        "/tg/bot123:ABC/deleteMessage", json={"chat_id": "@infokota", "message_id": 42}
    ).respond_with_json({"ok": True, "result": True})
    adapter = tg_adapter(fake)
    with pytest.raises(NotSupported):
        adapter.find(make_post())
    adapter.delete("42")
    fake.check_assertions()


# --- Mastodon ---------------------------------------------------------------------------------


def masto_adapter(server: HTTPServer) -> MastodonAdapter:
    return MastodonAdapter(base_url=server.url_for("/masto"), account="@humas", credentials={"access_token": "MT"})


def test_mastodon_posts_a_status_with_the_delivery_idempotency_key(fake: HTTPServer) -> None:
    fake.expect_oneshot_request(
        "/masto/api/v1/statuses",
        method="POST",
        headers={"Authorization": "Bearer MT", "Idempotency-Key": "kunci-uji-123"},
        json={"status": make_post().text, "visibility": "public"},
    ).respond_with_json({"id": "103704874086360371", "url": "https://masto.example/@humas/103704874086360371"})
    posted = masto_adapter(fake).publish(make_post())
    fake.check_assertions()
    assert posted.remote_id == "103704874086360371"


def test_mastodon_waits_for_media_processing_before_posting(fake: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("releases.channels.adapters.mastodon.POLL_SECONDS", 0.01)
    fake.expect_oneshot_request("/masto/api/v2/media", method="POST").respond_with_json(
        {"id": "22348641", "type": "image", "url": None}, status=202
    )
    fake.expect_oneshot_request("/masto/api/v1/media/22348641").respond_with_json(
        {"id": "22348641", "type": "image", "url": "https://files.masto.example/a.jpg"}
    )
    fake.expect_oneshot_request(
        "/masto/api/v1/statuses",
        method="POST",
        json={"status": "Foto", "visibility": "public", "media_ids": ["22348641"]},
    ).respond_with_json({"id": "9", "url": "https://masto.example/@humas/9"})
    masto_adapter(fake).publish(make_post(text="Foto", image=b"JPEG"))
    fake.check_assertions()


def test_mastodon_validation_error_is_rejected_with_its_message(fake: HTTPServer) -> None:
    fake.expect_request("/masto/api/v1/statuses").respond_with_json(
        {"error": "Validation failed: Text character limit of 500 exceeded"}, status=422
    )
    with pytest.raises(Rejected, match="character limit of 500"):
        masto_adapter(fake).publish(make_post())


def test_mastodon_invalid_token(fake: HTTPServer) -> None:
    fake.expect_request("/masto/api/v1/statuses").respond_with_json(
        {"error": "The access token is invalid"}, status=401
    )
    with pytest.raises(Rejected) as caught:
        masto_adapter(fake).publish(make_post())
    assert caught.value.credentials


def test_mastodon_reads_the_instance_limits_when_verifying(fake: HTTPServer) -> None:
    fake.expect_request("/masto/api/v1/accounts/verify_credentials").respond_with_json(
        {"id": "14715", "username": "humas", "acct": "humas"}
    )
    fake.expect_request("/masto/api/v2/instance").respond_with_json(
        {
            "domain": "masto.example",
            "configuration": {"statuses": {"max_characters": 1000, "characters_reserved_per_url": 23}},
        }
    )
    info = masto_adapter(fake).verify()
    assert info.label == "@humas"
    assert info.details == {"max_characters": 1000, "characters_reserved_per_url": 23}


def test_mastodon_finds_a_status_carrying_the_link_in_its_html(fake: HTTPServer) -> None:
    fake.expect_request("/masto/api/v1/accounts/verify_credentials").respond_with_json({"id": "14715", "acct": "humas"})
    escaped = LINK.replace("&", "&amp;")
    fake.expect_request("/masto/api/v1/accounts/14715/statuses", query_string={"limit": "20"}).respond_with_json(
        [{"id": "5", "url": "https://m/5", "content": f'<p>Taman <a href="{escaped}">{escaped}</a></p>'}]
    )
    found = masto_adapter(fake).find(make_post())
    assert found is not None and found.remote_id == "5"


# --- webhook ----------------------------------------------------------------------------------


def test_webhook_posts_signed_json(fake: HTTPServer) -> None:
    seen: dict[str, object] = {}

    def handler(request: Request) -> Response:
        seen["body"] = request.get_data()
        seen["headers"] = dict(request.headers)
        return Response(json.dumps({"id": "wa-77"}), 200, content_type="application/json")

    fake.expect_oneshot_request("/hook", method="POST").respond_with_handler(handler)
    adapter = WebhookAdapter(base_url=fake.url_for("/hook"), account="WA", credentials={"secret": "rahasia"})

    posted = adapter.publish(make_post())

    headers = seen["headers"]
    assert isinstance(headers, dict)
    body = seen["body"]
    assert isinstance(body, bytes)
    expected = hmac.new(b"rahasia", headers["X-Humas-Timestamp"].encode() + b"." + body, hashlib.sha256).hexdigest()
    assert headers["X-Humas-Signature"] == f"sha256={expected}"
    assert headers["Idempotency-Key"] == "kunci-uji-123"
    assert json.loads(body) == {
        "event": "release.published",
        "delivery": "kunci-uji-123",
        "title": "Pemkot Resmikan Taman Kota",
        "text": make_post().text,
        "url": LINK,
        "image_url": "",
    }
    assert posted.remote_id == "wa-77"


def test_webhook_refused_signature_flags_credentials(fake: HTTPServer) -> None:
    fake.expect_request("/hook").respond_with_json({"error": "bad signature"}, status=401)
    adapter = WebhookAdapter(base_url=fake.url_for("/hook"), account="WA", credentials={"secret": "salah"})
    with pytest.raises(Rejected) as caught:
        adapter.publish(make_post())
    assert caught.value.credentials and "bad signature" in caught.value.message


def test_the_shared_tls_context_still_verifies_certificates_and_host_names() -> None:
    import ssl

    from releases.channels.client import _ssl_context

    context = _ssl_context()
    assert context is _ssl_context()  # built once per process (the CA bundle is costly to load)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
