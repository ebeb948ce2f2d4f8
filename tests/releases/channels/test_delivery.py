"""The delivery outbox and its state machine, against the fake platforms (tasks run inline)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone
from pytest_httpserver import HTTPServer

from humas.audit import history_for
from humas.roles import Role
from releases.channels import services
from releases.channels.adapters import adapter_for
from releases.channels.models import Channel, ChannelAttempt, ChannelDelivery, ChannelVersion
from releases.channels.models import DeliveryStatus as S
from releases.models import Release
from releases.signals import release_published
from tests.factories.channels import ChannelFactory
from tests.factories.releases import ReleaseFactory
from tests.releases.channels.fakes import FakePlatforms
from tests.releases.channels.helpers import make_public, publish_new, withdraw

pytestmark = pytest.mark.django_db


@pytest.fixture
def platforms(fake: HTTPServer) -> FakePlatforms:
    return FakePlatforms(fake).install()


def later(minutes: float) -> time_machine.travel:
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=True)


def test_publication_posts_once_to_every_chosen_channel_and_stores_the_ids(
    platforms: FakePlatforms, django_capture_on_commit_callbacks: object
) -> None:
    channels = platforms.channels()
    release = publish_new(django_capture_on_commit_callbacks)

    deliveries = list(ChannelDelivery.objects.filter(release=release).select_related("channel"))
    assert len(deliveries) == len(channels)
    assert {d.status for d in deliveries} == {S.POSTED}
    assert all(d.remote_id for d in deliveries)
    x = next(d for d in deliveries if d.channel.platform == "x")
    assert x.remote_url == f"https://x.com/pemkotharapan/status/{x.remote_id}"
    assert all(platforms.count(c.platform) == 1 for c in channels)
    assert "utm_source=x" in x.link and "utm_medium=social" in x.link
    assert x.attempts.get().outcome == ChannelAttempt.Outcome.OK


def test_the_signal_sent_twice_neither_adds_rows_nor_posts_again(
    platforms: FakePlatforms, django_capture_on_commit_callbacks: object
) -> None:
    platforms.channels()
    release = publish_new(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():  # type: ignore[operator]
        release_published.send(sender=Release, release=release)
    assert ChannelDelivery.objects.filter(release=release).count() == 5
    assert platforms.count("x") == 1


def test_a_rolled_back_publication_leaves_no_delivery_and_posts_nothing(platforms: FakePlatforms) -> None:
    platforms.channels()
    release = ReleaseFactory(status=Release.Status.APPROVED)
    with pytest.raises(RuntimeError), transaction.atomic():
        release.status = Release.Status.PUBLISHED
        release.publish_at = timezone.now()
        release.save()
        release_published.send(sender=Release, release=release)
        raise RuntimeError("the publication failed after the signal")
    assert not ChannelDelivery.objects.exists()
    assert platforms.count("x") == 0


def test_only_chosen_and_enabled_channels_get_a_delivery(
    platforms: FakePlatforms, django_capture_on_commit_callbacks: object
) -> None:
    x, facebook, telegram = platforms.channels(["x", "facebook", "telegram"])
    Channel.objects.filter(pk=facebook.pk).update(enabled=False)
    release = ReleaseFactory(status=Release.Status.APPROVED)
    ChannelVersion.objects.create(release=release, channel=telegram, selected=False, text="tidak dipakai")
    ChannelVersion.objects.create(release=release, channel=x, selected=True, text="Versi X khusus http://testserver/a")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        make_public(release)
    assert list(ChannelDelivery.objects.values_list("channel__platform", "text")) == [
        ("x", "Versi X khusus http://testserver/a")
    ]
    assert platforms.posts["x"][0]["text"] == "Versi X khusus http://testserver/a"


def test_rate_limit_waits_for_retry_after_then_posts_once(
    platforms: FakePlatforms, django_capture_on_commit_callbacks: object
) -> None:
    platforms.channels(["telegram"])
    platforms.faults["telegram"] = ["429"]
    release = publish_new(django_capture_on_commit_callbacks)
    delivery = ChannelDelivery.objects.get(release=release)
    assert delivery.status == S.PENDING
    assert delivery.next_attempt_at is not None
    assert delivery.next_attempt_at >= timezone.now() + timedelta(seconds=2)
    assert delivery.attempts.get().status_code == 429

    services.deliveries_sweep()  # not due yet
    assert platforms.count("telegram") == 0
    with later(1):  # the first backoff is at most 45 seconds
        services.deliveries_sweep()
    delivery.refresh_from_db()
    assert delivery.status == S.POSTED and platforms.count("telegram") == 1
    assert delivery.attempts.count() == 2


def test_connection_refused_is_retried_with_backoff_and_attempts_are_logged(
    closed_port: str, django_capture_on_commit_callbacks: object
) -> None:
    ChannelFactory(platform="x", base_url=closed_port)
    release = publish_new(django_capture_on_commit_callbacks)
    delivery = ChannelDelivery.objects.get(release=release)
    attempt = delivery.attempts.get()
    assert delivery.status == S.PENDING and delivery.attempt_count == 1
    assert attempt.outcome == ChannelAttempt.Outcome.RETRY and "Tidak dapat terhubung" in attempt.error
    assert attempt.started_at <= attempt.finished_at  # type: ignore[operator]


def test_backoff_grows_exponentially_with_jitter_and_gives_up_after_the_limit(closed_port: str) -> None:
    first = [services._backoff(1).total_seconds() for _ in range(50)]
    fifth = [services._backoff(5).total_seconds() for _ in range(50)]
    assert min(first) >= 15 and max(first) <= 45 and len(set(first)) > 1
    assert min(fifth) >= 240 and max(fifth) <= 720
    ChannelFactory(platform="x", base_url=closed_port)
    release = ReleaseFactory(status=Release.Status.PUBLISHED, publish_at=timezone.now())
    delivery = services.deliveries_create(release=release)[0]
    ChannelDelivery.objects.filter(pk=delivery.pk).update(attempt_count=services.MAX_ATTEMPTS - 1)
    services.delivery_run(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == S.FAILED and "batas percobaan habis" in delivery.last_error


def test_invalid_credentials_fail_at_once_flag_the_channel_and_mail_the_admins(
    platforms: FakePlatforms, django_capture_on_commit_callbacks: object, make_staff: object
) -> None:
    admin = make_staff(Role.HUMAS_ADMIN)  # type: ignore[operator]
    (channel,) = platforms.channels(["mastodon"])
    platforms.faults["mastodon"] = ["401"]
    release = publish_new(django_capture_on_commit_callbacks)
    delivery = ChannelDelivery.objects.get(release=release)
    channel.refresh_from_db()
    assert delivery.status == S.FAILED and "access token is invalid" in delivery.last_error
    assert channel.health == Channel.Health.FAILING
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [admin.email]
    assert channel.name in mail.outbox[0].subject
    assert "masto-token" not in mail.outbox[0].body


def test_server_error_goes_unknown_and_reposts_only_after_the_check_finds_nothing(
    platforms: FakePlatforms, django_capture_on_commit_callbacks: object
) -> None:
    platforms.channels(["x"])
    platforms.faults["x"] = ["500"]
    release = publish_new(django_capture_on_commit_callbacks)
    delivery = ChannelDelivery.objects.get(release=release)
    assert delivery.status == S.UNKNOWN and platforms.count("x") == 0

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.deliveries_sweep()  # the check is not due yet
    assert ChannelDelivery.objects.get(pk=delivery.pk).status == S.UNKNOWN
    with later(2), django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.deliveries_sweep()
    delivery.refresh_from_db()
    assert delivery.status == S.POSTED and platforms.count("x") == 1
    kinds = list(delivery.attempts.order_by("started_at", "id").values_list("kind", "outcome"))
    assert kinds == [("post", "unknown"), ("check", "not_found"), ("post", "ok")]


def test_platform_timeout_after_accepting_does_not_post_twice(
    platforms: FakePlatforms, django_capture_on_commit_callbacks: object, short_timeout: None
) -> None:
    platforms.channels(["x", "mastodon", "facebook"])
    for platform in ("x", "mastodon", "facebook"):
        platforms.faults[platform] = ["accept_then_hang"]
    platforms.hang_seconds = 1.0
    release = publish_new(django_capture_on_commit_callbacks)
    assert set(ChannelDelivery.objects.values_list("status", flat=True)) == {S.UNKNOWN}

    with later(2), django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.deliveries_sweep()

    for delivery in ChannelDelivery.objects.filter(release=release).select_related("channel"):
        assert delivery.status == S.POSTED, delivery.channel.platform
        assert delivery.remote_id == platforms.posts[delivery.channel.platform][0]["id"].join(
            ["1122334455_", ""] if delivery.channel.platform == "facebook" else ["", ""]
        )
        assert platforms.count(delivery.channel.platform) == 1


def test_without_a_possible_check_an_unknown_delivery_waits_for_staff(
    platforms: FakePlatforms, django_capture_on_commit_callbacks: object, short_timeout: None, make_staff: object
) -> None:
    platforms.channels(["telegram"])
    platforms.faults["telegram"] = ["accept_then_hang"]
    platforms.hang_seconds = 1.0
    release = publish_new(django_capture_on_commit_callbacks)
    with later(30), django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.deliveries_sweep()
    delivery = ChannelDelivery.objects.get(release=release)
    assert delivery.status == S.UNKNOWN and platforms.count("telegram") == 1

    editor = make_staff(Role.EDITOR)  # type: ignore[operator]
    services.delivery_mark_posted(delivery_id=delivery.pk, url="https://t.me/infoharapanjaya/1000", actor=editor)
    delivery.refresh_from_db()
    assert delivery.status == S.POSTED and delivery.remote_url.endswith("/1000")
    assert history_for(delivery).filter(action="releases.channel_delivery.mark_posted", actor=editor).exists()


def test_worker_dying_after_the_platform_accepted_causes_no_second_post(
    platforms: FakePlatforms, django_capture_on_commit_callbacks: object
) -> None:
    channels = platforms.channels(["x", "facebook", "mastodon"])
    release = ReleaseFactory(status=Release.Status.APPROVED)
    with transaction.atomic():  # published, but the queue lost every message
        make_public(release)
    for delivery in ChannelDelivery.objects.filter(release=release).select_related("channel", "release"):
        attempt = services.delivery_claim(delivery_id=delivery.pk)
        assert attempt is not None
        adapter_for(delivery.channel).publish(services._post_for(delivery))
        # ... and the worker dies here, before the id is stored.
    assert set(ChannelDelivery.objects.values_list("status", flat=True)) == {S.SENDING}

    with later(5), django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.deliveries_sweep()  # still within the lease: nothing happens
    assert set(ChannelDelivery.objects.values_list("status", flat=True)) == {S.SENDING}
    with later(11), django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert services.deliveries_sweep()["lost"] == 3
    with later(13), django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.deliveries_sweep()

    assert set(ChannelDelivery.objects.values_list("status", flat=True)) == {S.POSTED}
    assert all(platforms.count(c.platform) == 1 for c in channels)


def test_a_message_lost_by_the_queue_is_requeued_by_the_sweep(
    platforms: FakePlatforms, django_capture_on_commit_callbacks: object
) -> None:
    platforms.channels(["facebook"])
    release = ReleaseFactory(status=Release.Status.APPROVED)
    make_public(release)  # no on-commit callbacks run: the queue never saw the message
    assert ChannelDelivery.objects.get().status == S.PENDING
    services.deliveries_sweep()
    assert platforms.count("facebook") == 0  # queued moments ago: give the worker its time
    with later(3):
        assert services.deliveries_sweep()["requeued"] == 1
    assert ChannelDelivery.objects.get().status == S.POSTED and platforms.count("facebook") == 1


def test_broker_down_at_publication_then_the_sweep_posts_everything_once(
    platforms: FakePlatforms, django_capture_on_commit_callbacks: object, broker_down: None
) -> None:
    from humas.celery import app

    channels = platforms.channels()
    release = ReleaseFactory(status=Release.Status.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        make_public(release)  # the publication itself succeeds
    release.refresh_from_db()
    assert release.status == Release.Status.PUBLISHED
    assert set(ChannelDelivery.objects.values_list("status", flat=True)) == {S.PENDING}
    assert sum(platforms.count(c.platform) for c in channels) == 0

    app.conf.task_always_eager = True  # Redis is back (tasks run inline in this test)
    with later(3):
        assert services.deliveries_sweep()["requeued"] == 5
    assert set(ChannelDelivery.objects.values_list("status", flat=True)) == {S.POSTED}
    assert all(platforms.count(c.platform) == 1 for c in channels)


def test_one_channel_failing_with_500_does_not_delay_the_others(
    platforms: FakePlatforms, django_capture_on_commit_callbacks: object
) -> None:
    platforms.channels()
    platforms.faults["webhook"] = ["500", "500", "500"]
    release = publish_new(django_capture_on_commit_callbacks)
    statuses = dict(ChannelDelivery.objects.filter(release=release).values_list("channel__platform", "status"))
    assert statuses.pop("webhook") == S.UNKNOWN
    assert set(statuses.values()) == {S.POSTED}


def test_withdrawal_deletes_posts_where_allowed_and_records_the_rest(
    platforms: FakePlatforms, fake: HTTPServer, django_capture_on_commit_callbacks: object
) -> None:
    x, telegram = platforms.channels(["x", "telegram"])
    instagram = ChannelFactory(platform="instagram", base_url=fake.url_for("/ig/v25.0"), name="IG")
    release = publish_new(django_capture_on_commit_callbacks)
    ig = ChannelDelivery.objects.get(channel=instagram)
    assert ig.status == S.FAILED  # no image: refused by the platform rules at the adapter
    ChannelDelivery.objects.filter(pk=ig.pk).update(status=S.POSTED, remote_id="1789")
    x_id = ChannelDelivery.objects.get(channel=x).remote_id
    tg_id = ChannelDelivery.objects.get(channel=telegram).remote_id
    fake.expect_oneshot_request(f"/x/2/tweets/{x_id}", method="DELETE").respond_with_json({"data": {"deleted": True}})
    fake.expect_oneshot_request("/tg/bot123456:ABC-DEF1234ghIkl/deleteMessage").respond_with_json(
        {"ok": False, "error_code": 400, "description": "Bad Request: message can't be deleted"}, status=400
    )
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        withdraw(release)

    result = {d.channel.platform: d for d in ChannelDelivery.objects.select_related("channel")}
    assert result["x"].status == S.DELETED and result["x"].withdraw_result == "Unggahan dihapus dari platform."
    assert result["telegram"].status == S.POSTED and "can't be deleted" in result["telegram"].withdraw_result
    assert (
        result["instagram"].status == S.POSTED
        and "hapus dari aplikasi Instagram" in result["instagram"].withdraw_result
    )
    assert tg_id


def test_withdrawal_before_sending_cancels_the_pending_delivery(platforms: FakePlatforms) -> None:
    platforms.channels(["x"])
    release = ReleaseFactory(status=Release.Status.APPROVED)
    make_public(release)  # queued, not sent yet
    withdraw(release)
    delivery = ChannelDelivery.objects.get()
    assert delivery.status == S.FAILED and "ditarik" in delivery.last_error
    assert services.delivery_claim(delivery_id=delivery.pk) is None
    assert platforms.count("x") == 0


def test_staff_retry_only_failed_or_unknown_deliveries(
    platforms: FakePlatforms, django_capture_on_commit_callbacks: object, make_staff: object
) -> None:
    platforms.channels(["x"])
    platforms.faults["x"] = ["401"]
    release = publish_new(django_capture_on_commit_callbacks)
    delivery = ChannelDelivery.objects.get(release=release)
    editor = make_staff(Role.EDITOR)  # type: ignore[operator]
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.delivery_retry(delivery_id=delivery.pk, actor=editor)
    delivery.refresh_from_db()
    assert delivery.status == S.POSTED and platforms.count("x") == 1
    with pytest.raises(services.DeliveryError, match="Hanya pengiriman yang gagal"):
        services.delivery_retry(delivery_id=delivery.pk, actor=editor)
    with pytest.raises(services.DeliveryError):
        services.delivery_mark_posted(delivery_id=delivery.pk, url="https://x.com/a", actor=editor)


def test_overall_status_is_the_most_urgent_one() -> None:
    assert services.overall_status([S.POSTED, S.FAILED, S.PENDING]) == S.FAILED
    assert services.overall_status([S.POSTED, S.UNKNOWN]) == S.UNKNOWN
    assert services.overall_status([S.POSTED, S.POSTED]) == S.POSTED
    assert services.overall_status([S.DELETED, S.DELETED]) == S.DELETED
    assert services.overall_status([]) == ""
