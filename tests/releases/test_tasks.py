"""Beat jobs: scheduled publishing and the press-kit sweep, called as Celery runs them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from humas.roles import Role
from releases import tasks
from releases.models import Release
from releases.services import release_approve, release_publish, release_submit
from tests.factories.humas import staff_user
from tests.factories.releases import PublishedReleaseFactory, ReleaseFactory

pytestmark = pytest.mark.django_db


def test_beat_schedule_runs_the_releases_jobs() -> None:
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"releases.tasks.publish_due", "releases.tasks.sweep_presskits"} <= tasks_scheduled


def test_publish_due_task_publishes_what_is_due_and_queues_its_press_kit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    release = ReleaseFactory(publish_at=timezone.now() + timedelta(minutes=30))
    editor = staff_user(Role.EDITOR)
    release_submit(release_id=release.pk, actor=release.author)
    release_approve(release_id=release.pk, actor=editor)
    release_publish(release_id=release.pk, actor=editor)
    later = timezone.now() + timedelta(hours=1)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert tasks.publish_due.delay().get() == [release.pk]
    release.refresh_from_db()
    assert release.status == Release.Status.PUBLISHED
    assert release.presskit_file and release.presskit_version == release.content_version


def test_sweep_rebuilds_missing_press_kits_only() -> None:
    stale = PublishedReleaseFactory()
    ReleaseFactory()  # drafts have no press kit
    assert tasks.sweep_presskits.delay().get() == 1  # eager: the queued build ran inline
    stale.refresh_from_db()
    assert stale.presskit_file and stale.presskit_version == stale.content_version
    assert tasks.sweep_presskits.delay().get() == 0
