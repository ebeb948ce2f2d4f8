"""End to end with a real Celery worker on the Redis broker."""

from __future__ import annotations

import time

import pytest
from django.core.files.base import ContentFile
from pytest_httpserver import HTTPServer

from releases.channels import rules
from releases.channels.models import ChannelDelivery, ChannelVersion
from releases.channels.models import DeliveryStatus as S
from releases.models import Release
from tests.factories.releases import ReleaseFactory
from tests.helpers import image_bytes
from tests.releases.channels.fakes import TEXT_PLATFORMS, FakePlatforms
from tests.releases.channels.helpers import make_public

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def wait_for(condition: object, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the worker")


def test_a_published_release_reaches_every_channel_exactly_once(celery_worker: None, fake: HTTPServer) -> None:
    platforms = FakePlatforms(fake).install()
    channels = platforms.channels([*TEXT_PLATFORMS, "instagram"])
    instagram = next(c for c in channels if c.platform == "instagram")
    release = ReleaseFactory(status=Release.Status.APPROVED)
    version = ChannelVersion(release=release, channel=instagram, text=f"Taman kota baru #HarapanJaya {release.title}")
    photo = rules.prepare_image(ContentFile(image_bytes(1080, 1080), name="taman.jpg"), channel=instagram)
    version.image.save("taman.jpg", ContentFile(photo), save=False)
    version.save()

    make_public(release)  # commits: the outbox rows exist, the worker gets their ids

    wait_for(lambda: not ChannelDelivery.objects.exclude(status=S.POSTED).exists())
    time.sleep(0.5)  # a duplicate would show up now
    deliveries = {d.channel.platform: d for d in ChannelDelivery.objects.select_related("channel")}
    assert set(deliveries) == {c.platform for c in channels}
    for platform, delivery in deliveries.items():
        assert platforms.count(platform) == 1, platform
        assert platforms.posts[platform][0]["id"] in delivery.remote_id, platform
    assert platforms.posts["instagram"][0]["image_url"].startswith("http://testserver/unggahan/kanal/")
    assert deliveries["instagram"].remote_url.startswith("https://www.instagram.com/p/")
