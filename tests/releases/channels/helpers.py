from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from django.db import transaction

from releases.models import Release
from releases.signals import release_published, release_withdrawn
from tests.factories.releases import ReleaseFactory


def make_public(release: Release) -> None:
    """What the release workflow does when a release becomes public: change it and send the signal
    inside one transaction."""
    from datetime import timedelta

    from django.utils import timezone

    with transaction.atomic():
        release.status = Release.Status.PUBLISHED
        release.publish_at = timezone.now() - timedelta(minutes=1)
        release.save(update_fields=["status", "publish_at"])
        release_published.send(sender=Release, release=release)


def withdraw(release: Release, reason: str = "Data keliru") -> None:
    with transaction.atomic():
        release.status = Release.Status.WITHDRAWN
        release.withdrawn_reason = reason
        release.save(update_fields=["status", "withdrawn_reason"])
        release_withdrawn.send(sender=Release, release=release, reason=reason)


def publish_new(capture: Callable[..., AbstractContextManager[Any]] | None = None, **kwargs: Any) -> Release:
    release = ReleaseFactory(status=Release.Status.APPROVED, **kwargs)
    if capture is None:
        make_public(release)
    else:
        with capture(execute=True):
            make_public(release)
    return release
