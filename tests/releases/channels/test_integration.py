"""The whole path through the real release services and a real Celery worker on Redis.

A writer drafts and submits with ``releases.services``, another Redaktur approves and publishes
(or schedules, and the ``publish_due`` beat task publishes), the worker posts to the fake
platforms. Nothing here fires the release signals by hand.

The worker runs in real time, so "time passes" is shown by moving the outbox's own clocks
(``next_attempt_at``, ``queued_at``, ``claimed_at``) back, never the clock forward.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_httpserver import HTTPServer

from humas.models import User
from humas.roles import Role
from releases import services as release_services
from releases.channels import rules, services
from releases.channels.models import Channel, ChannelAttempt, ChannelDelivery
from releases.channels.models import DeliveryStatus as S
from releases.models import Release
from tests.celery_worker import running_worker
from tests.factories.channels import ChannelFactory
from tests.factories.humas import UnitFactory, staff_user
from tests.helpers import image_bytes
from tests.releases.channels.fakes import PREFIX, TEXT_PLATFORMS, FakePlatforms

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def wait_for(condition: Callable[[], bool], seconds: float = 45.0, what: str = "the worker") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def all_posted(release: Release) -> bool:
    rows = ChannelDelivery.objects.filter(release=release)
    return rows.exists() and not rows.exclude(status=S.POSTED).exists()


def time_passes(minutes: float) -> None:
    """Move every delivery's clocks back, as if ``minutes`` had gone by."""
    delta = timedelta(minutes=minutes)
    ChannelDelivery.objects.update(
        next_attempt_at=F("next_attempt_at") - delta,
        queued_at=F("queued_at") - delta,
        claimed_at=F("claimed_at") - delta,
    )


def submitted_release(writer: User, **kwargs: object) -> Release:
    release = release_services.release_create_draft(
        author=writer,
        unit=UnitFactory(short_name="Dishub", name="Dinas Perhubungan"),
        title="Bus Listrik Gratis Mulai Beroperasi",
        lead="Lima bus listrik melayani rute alun-alun sampai terminal setiap hari.",
        body="<p>Layanan berjalan pukul 06.00 sampai 21.00 WIB.</p>",
        **kwargs,  # type: ignore[arg-type]
    )
    return release_services.release_submit(release_id=release.pk, actor=writer)


@pytest.fixture
def platforms(fake: HTTPServer) -> FakePlatforms:
    return FakePlatforms(fake).install()


def test_a_release_approved_and_published_through_the_services_is_posted_once_everywhere_and_linked_in_the_panel(
    celery_worker: None, platforms: FakePlatforms, fake: HTTPServer, client: Client
) -> None:
    channels = {c.platform: c for c in platforms.channels([*TEXT_PLATFORMS, "instagram"])}
    spare_x = ChannelFactory(
        platform="x", name="X cadangan", base_url=fake.url_for(PREFIX["x"]), selected_by_default=False
    )
    writer, editor = staff_user(Role.WRITER), staff_user(Role.EDITOR)
    release = submitted_release(writer)
    # The Redaktur reviews the per-channel versions: Telegram gets its own text, Instagram its photo.
    telegram_text = f"Bus listrik gratis! {services.release_link(release, channels['telegram'])}"
    services.version_save(
        release=release, channel=channels["telegram"], selected=True, text=telegram_text, actor=editor
    )
    photo = rules.prepare_image(ContentFile(image_bytes(1080, 1080), name="bus.jpg"), channel=channels["instagram"])
    services.version_save(
        release=release,
        channel=channels["instagram"],
        selected=True,
        text="Bus listrik gratis mulai hari ini #HarapanJaya",
        image=photo,
        actor=editor,
    )

    release_services.release_approve(release_id=release.pk, actor=editor)
    assert not ChannelDelivery.objects.exists()  # approval alone posts nothing
    release = release_services.release_publish(release_id=release.pk, actor=editor)
    assert release.status == Release.Status.PUBLISHED

    wait_for(lambda: all_posted(release))
    time.sleep(1.0)  # a duplicate would arrive now
    deliveries = {d.channel.platform: d for d in ChannelDelivery.objects.select_related("channel")}
    assert set(deliveries) == set(channels)  # the spare X channel was not chosen
    assert not ChannelDelivery.objects.filter(channel=spare_x).exists()
    for platform, delivery in deliveries.items():
        assert platforms.count(platform) == 1, platform
        assert platforms.posts[platform][0]["id"] in delivery.remote_id, platform
        assert delivery.attempt_count == 1, platform
        assert list(delivery.attempts.values_list("kind", "outcome")) == [("post", "ok")], platform
        if platform != "webhook":  # the gateway answers with an id only
            assert delivery.remote_url.startswith("https://"), platform
    assert platforms.posts["telegram"][0]["text"] == telegram_text
    assert platforms.posts["instagram"][0]["image_url"].startswith("http://testserver/unggahan/kanal/")
    assert "utm_source=x" in platforms.posts["x"][0]["text"]

    client.force_login(editor)
    page = client.get(reverse("releases:staff-detail", args=[release.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Status keseluruhan: Terunggah" in html
    assert html.count(">Terunggah</span>") == len(channels)
    for platform, delivery in deliveries.items():
        if delivery.remote_url:
            assert f'href="{delivery.remote_url}"' in html, platform
    assert f"<code>{deliveries['webhook'].remote_id}</code>" in html
    assert "Kirim ulang" not in html  # nothing failed, nothing to retry


def test_a_scheduled_release_is_posted_once_when_the_publish_due_beat_task_publishes_it(
    celery_worker: None, platforms: FakePlatforms
) -> None:
    from releases.tasks import publish_due

    channels = platforms.channels()
    writer, editor = staff_user(Role.WRITER), staff_user(Role.EDITOR)
    release = submitted_release(writer, publish_at=timezone.now() + timedelta(seconds=3))
    release_services.release_approve(release_id=release.pk, actor=editor)
    release = release_services.release_publish(release_id=release.pk, actor=editor)
    assert release.status == Release.Status.SCHEDULED

    publish_due.delay()  # not due yet: the beat run publishes and posts nothing
    time.sleep(1.0)
    assert Release.objects.get(pk=release.pk).status == Release.Status.SCHEDULED
    assert not ChannelDelivery.objects.exists()
    assert sum(platforms.count(c.platform) for c in channels) == 0

    wait_for(lambda: timezone.now() > release.publish_at, what="the publication time")  # type: ignore[operator]
    publish_due.delay()  # the beat task, through the broker, run by the worker
    publish_due.delay()  # an overlapping second run adds nothing
    wait_for(lambda: all_posted(release))
    time.sleep(1.0)
    assert Release.objects.get(pk=release.pk).status == Release.Status.PUBLISHED
    assert ChannelDelivery.objects.count() == len(channels)
    assert all(platforms.count(c.platform) == 1 for c in channels)
    assert all(d.remote_id for d in ChannelDelivery.objects.all())


def test_broker_down_when_the_redaktur_publishes_then_redis_returns_and_the_sweep_posts_each_once(
    platforms: FakePlatforms, broker_down: None
) -> None:
    from humas.celery import app

    channels = platforms.channels()
    writer, editor = staff_user(Role.WRITER), staff_user(Role.EDITOR)
    release = submitted_release(writer)
    release_services.release_approve(release_id=release.pk, actor=editor)
    release = release_services.release_publish(release_id=release.pk, actor=editor)  # Redis is unreachable

    assert Release.objects.get(pk=release.pk).status == Release.Status.PUBLISHED  # the editor's action worked
    assert set(ChannelDelivery.objects.values_list("status", flat=True)) == {S.PENDING}
    assert ChannelDelivery.objects.count() == len(channels)  # nothing is lost: the outbox has every row
    assert sum(platforms.count(c.platform) for c in channels) == 0

    _broker_back(app)
    with running_worker():
        assert services.deliveries_sweep()["requeued"] == 0  # queued moments ago: not stalled yet
        time_passes(3)
        assert services.deliveries_sweep()["requeued"] == len(channels)
        wait_for(lambda: all_posted(release))
        time.sleep(1.0)
        assert services.deliveries_sweep()["requeued"] == 0
    assert all(platforms.count(c.platform) == 1 for c in channels)


def _broker_back(app: object) -> None:
    """Undo ``broker_down`` (its own teardown does the same again, harmlessly)."""
    from django.conf import settings
    from kombu import pools

    if app._pool is not None:  # type: ignore[attr-defined]
        app._pool.force_close_all()  # type: ignore[attr-defined]
    app._pool = None  # type: ignore[attr-defined]
    app.amqp._producer_pool = None  # type: ignore[attr-defined]
    pools.reset()
    app.conf.broker_url = settings.CELERY_BROKER_URL  # type: ignore[attr-defined]


def test_one_channel_answering_500_for_a_while_does_not_hold_back_the_others(
    celery_worker: None, platforms: FakePlatforms
) -> None:
    channels = platforms.channels()
    platforms.faults["webhook"] = ["500", "500", "500"]
    writer, editor = staff_user(Role.WRITER), staff_user(Role.EDITOR)
    release = submitted_release(writer)
    release_services.release_approve(release_id=release.pk, actor=editor)
    release_services.release_publish(release_id=release.pk, actor=editor)

    others = ChannelDelivery.objects.exclude(channel__platform="webhook")
    wait_for(lambda: others.filter(status=S.POSTED).count() == len(channels) - 1)
    hook = ChannelDelivery.objects.get(channel__platform="webhook")
    wait_for(lambda: ChannelDelivery.objects.get(pk=hook.pk).status == S.UNKNOWN)
    # Every other channel went out on its first attempt while the gateway was failing.
    assert all(d.attempts.count() == 1 for d in others)

    def settled_after(posts: int) -> bool:
        row = ChannelDelivery.objects.get(pk=hook.pk)
        finished = row.attempts.filter(kind="post").exclude(outcome=ChannelAttempt.Outcome.STARTED).count()
        return finished > posts and row.status in (S.UNKNOWN, S.POSTED)

    rounds = 0
    while ChannelDelivery.objects.get(pk=hook.pk).status != S.POSTED:
        rounds += 1
        assert rounds <= 4, "the webhook never recovered"
        tried = hook.attempts.filter(kind="post").count()
        time_passes(2)  # the check delay has passed
        assert services.deliveries_sweep()["checks"] == 1  # only the failing row is looked at
        # The gateway offers no lookup but deduplicates on the delivery's key, so the check sends it
        # again: one more post attempt per round.
        wait_for(lambda tried=tried: settled_after(tried))  # type: ignore[misc]
    hook.refresh_from_db()
    outcomes = list(hook.attempts.filter(kind="post").order_by("started_at").values_list("outcome", flat=True))
    assert outcomes == ["unknown", "unknown", "unknown", "ok"]
    assert platforms.count("webhook") == 1
    assert all(platforms.count(c.platform) == 1 for c in channels)
    assert all(d.attempts.count() == 1 for d in others)  # nothing else was touched meanwhile


def test_a_channel_whose_credentials_are_refused_fails_at_once_and_the_others_still_post(
    celery_worker: None, platforms: FakePlatforms
) -> None:
    from django.core import mail

    admin = staff_user(Role.HUMAS_ADMIN)
    channels = platforms.channels()
    platforms.faults["x"] = ["401"]
    writer, editor = staff_user(Role.WRITER), staff_user(Role.EDITOR)
    release = submitted_release(writer)
    release_services.release_approve(release_id=release.pk, actor=editor)
    release_services.release_publish(release_id=release.pk, actor=editor)

    wait_for(lambda: not ChannelDelivery.objects.filter(status__in=[S.PENDING, S.SENDING]).exists())
    x = ChannelDelivery.objects.get(channel__platform="x")
    assert x.status == S.FAILED and x.last_error == "X: Unauthorized"
    assert x.attempts.get().status_code == 401
    wait_for(lambda: Channel.objects.get(pk=x.channel_id).health == Channel.Health.FAILING)
    assert ChannelDelivery.objects.filter(status=S.POSTED).count() == len(channels) - 1
    assert ChannelAttempt.objects.filter(delivery=x).count() == 1  # a 4xx is never retried by itself
    wait_for(lambda: len(mail.outbox) == 1, what="the admins' e-mail")
    assert mail.outbox[0].to == [admin.email] and "Kanal x" in mail.outbox[0].subject


@pytest.fixture
def worker_process() -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    """Start a real worker *process* (not a thread) on the test database and broker, so that a test
    can kill it with SIGKILL in the middle of a call, as the kernel's OOM killer or a power cut would."""
    from django.db import connection

    from humas.celery import app

    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "humas.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "DB_CONN_MAX_AGE": "0",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "humas", "worker", "--pool", "threads", "--concurrency", "5",
             "--loglevel", "WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle"],
            cwd=Path(__file__).resolve().parents[3],
            env=env,
        )  # fmt: skip
        started.append(process)
        return process

    app.conf.task_always_eager = False  # this test process queues through Redis
    try:
        yield start
    finally:
        app.conf.task_always_eager = True
        for process in started:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)


def test_a_worker_process_killed_after_the_platforms_accepted_causes_no_second_post(
    platforms: FakePlatforms, worker_process: Callable[[], subprocess.Popen[bytes]], client: Client
) -> None:
    channels = platforms.channels()
    for channel in channels:  # every platform keeps the post, then is slow to answer
        platforms.faults[channel.platform] = ["accept_then_hang"]
    platforms.hang_seconds = 8.0
    writer, editor = staff_user(Role.WRITER), staff_user(Role.EDITOR)
    release = submitted_release(writer)
    release_services.release_approve(release_id=release.pk, actor=editor)
    release_services.release_publish(release_id=release.pk, actor=editor)

    worker = worker_process()
    wait_for(lambda: all(platforms.count(c.platform) == 1 for c in channels), what="every platform to accept")
    worker.send_signal(signal.SIGKILL)  # dies before any answer (and so any id) was stored
    worker.wait(timeout=10)
    assert set(ChannelDelivery.objects.values_list("status", flat=True)) == {S.SENDING}
    assert set(ChannelAttempt.objects.values_list("outcome", flat=True)) == {ChannelAttempt.Outcome.STARTED}

    with running_worker():  # a new worker; the sweep runs beside it
        assert services.deliveries_sweep() == {"requeued": 0, "lost": 0, "checks": 0}  # within the lease
        time_passes(11)  # the 10-minute lease ran out
        counts = services.deliveries_sweep()
        assert counts["lost"] == len(channels)
        assert counts["checks"] == len(channels) - 1  # Telegram offers no way to look
        checkable = ChannelDelivery.objects.exclude(channel__platform="telegram")
        wait_for(lambda: checkable.filter(status=S.POSTED).count() == len(channels) - 1)
        time.sleep(1.0)

    for channel in channels:
        assert platforms.count(channel.platform) == 1, channel.platform
    by_platform = {d.channel.platform: d for d in ChannelDelivery.objects.select_related("channel")}
    for platform in ("x", "facebook", "mastodon"):  # found among the account's recent posts
        delivery = by_platform[platform]
        assert platforms.posts[platform][0]["id"] in delivery.remote_id, platform
        kinds = list(delivery.attempts.order_by("started_at", "id").values_list("kind", "outcome"))
        assert kinds == [("post", "unknown"), ("check", "ok")], platform
    # The gateway deduplicates on the delivery's Idempotency-Key: sent again, kept once.
    assert by_platform["webhook"].status == S.POSTED
    telegram = by_platform["telegram"]
    assert telegram.status == S.UNKNOWN and telegram.remote_id == ""
    assert "Pekerja berhenti" in telegram.last_error

    client.force_login(editor)  # staff decide for Telegram from the panel
    html = client.get(reverse("releases:staff-detail", args=[release.pk])).content.decode()
    assert "Status keseluruhan: Hasil tidak pasti" in html
    assert html.count("Kirim ulang") == 1 and html.count("Tandai terunggah") == 1


def test_platforms_timing_out_after_accepting_get_no_second_post(
    celery_worker: None, platforms: FakePlatforms, short_timeout: None
) -> None:
    channels = platforms.channels()
    for channel in channels:
        platforms.faults[channel.platform] = ["accept_then_hang"]
    platforms.hang_seconds = 1.5  # longer than CHANNEL_HTTP_TIMEOUT=0.5
    writer, editor = staff_user(Role.WRITER), staff_user(Role.EDITOR)
    release = submitted_release(writer)
    release_services.release_approve(release_id=release.pk, actor=editor)
    release_services.release_publish(release_id=release.pk, actor=editor)

    wait_for(lambda: ChannelDelivery.objects.filter(status=S.UNKNOWN).count() == len(channels))
    assert all(platforms.count(c.platform) == 1 for c in channels)
    assert services.deliveries_sweep()["checks"] == 0  # the check waits for the platform to catch up
    time_passes(2)
    assert services.deliveries_sweep()["checks"] == len(channels) - 1  # not Telegram
    checkable = ChannelDelivery.objects.exclude(channel__platform="telegram")
    wait_for(lambda: checkable.filter(status=S.POSTED).count() == len(channels) - 1)
    time.sleep(2.0)  # the fake platforms answer late; a second post would arrive now

    assert all(platforms.count(c.platform) == 1 for c in channels)
    for delivery in checkable:
        assert delivery.remote_id, delivery.channel.platform
    telegram = ChannelDelivery.objects.get(channel__platform="telegram")
    assert telegram.status == S.UNKNOWN  # no way to look: staff decide from the panel
    assert telegram.attempts.get().outcome == ChannelAttempt.Outcome.UNKNOWN
