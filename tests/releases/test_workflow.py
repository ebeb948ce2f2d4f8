"""The editorial workflow: four-eyes, scheduling, embargo, withdrawal, correction, revisions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from humas.audit import history_for
from humas.roles import Role
from releases import signals
from releases.models import Comment, Release, Revision
from releases.services import (
    ReleaseError,
    release_approve,
    release_comment_add,
    release_correct,
    release_publish,
    release_publish_due,
    release_request_changes,
    release_submit,
    release_update,
    release_withdraw,
)
from tests.factories.humas import UnitFactory, staff_user
from tests.factories.releases import ReleaseFactory, add_image

pytestmark = pytest.mark.django_db
Status = Release.Status


@pytest.fixture
def published_events() -> Iterator[list[Any]]:
    events: list[Any] = []

    def receiver(sender: Any, release: Release, **kwargs: Any) -> None:
        events.append(("published", release.pk))

    def withdrawn(sender: Any, release: Release, reason: str, **kwargs: Any) -> None:
        events.append(("withdrawn", release.pk, reason))

    signals.release_published.connect(receiver, dispatch_uid="test-published")
    signals.release_withdrawn.connect(withdrawn, dispatch_uid="test-withdrawn")
    yield events
    signals.release_published.disconnect(dispatch_uid="test-published")
    signals.release_withdrawn.disconnect(dispatch_uid="test-withdrawn")


def _edit(release: Release, actor: Any, **changes: Any) -> Release:
    values = {
        "title": release.title,
        "lead": release.lead,
        "body": release.body,
        "unit": release.unit,
        "publish_at": release.publish_at,
        "embargo_until": release.embargo_until,
        **changes,
    }
    return release_update(release_id=release.pk, actor=actor, **values)


def _approved(**kwargs: Any) -> tuple[Release, Any]:
    writer = staff_user(Role.WRITER)
    editor = staff_user(Role.EDITOR)
    release = ReleaseFactory(author=writer, **kwargs)
    release_submit(release_id=release.pk, actor=writer)
    release_approve(release_id=release.pk, actor=editor)
    return release, editor


def test_writer_drafts_redaktur_approves_and_publishes_and_it_is_announced_once(published_events: list[Any]) -> None:
    writer = staff_user(Role.WRITER)
    editor = staff_user(Role.EDITOR)
    release = ReleaseFactory(author=writer)
    release_submit(release_id=release.pk, actor=writer, note="Mohon ditelaah")
    release_approve(release_id=release.pk, actor=editor, note="Layak terbit")
    release = release_publish(release_id=release.pk, actor=editor)
    assert release.status == Status.PUBLISHED and release.is_public
    assert list(Release.objects.public()) == [release]
    assert published_events == [("published", release.pk)]
    assert release_publish_due() == []  # a later beat run does not announce it again
    assert published_events == [("published", release.pk)]
    trail = [(e.action, e.old_state, e.new_state, e.note) for e in history_for(release).order_by("id")]
    assert trail == [
        ("releases.release.transition", "draft", "in_review", "Mohon ditelaah"),
        ("releases.release.transition", "in_review", "approved", "Layak terbit"),
        ("releases.release.transition", "approved", "published", ""),
    ]


def test_writer_cannot_approve_own_release_even_as_redaktur() -> None:
    writer = staff_user(Role.EDITOR)
    writer.groups.add(*staff_user(Role.WRITER).groups.all())
    release = ReleaseFactory(author=writer)
    release_submit(release_id=release.pk, actor=writer)
    with pytest.raises(ReleaseError, match="empat mata"):
        release_approve(release_id=release.pk, actor=writer)
    release.refresh_from_db()
    assert release.status == Status.IN_REVIEW and release.approved_by is None


def test_last_editor_cannot_approve_what_they_edited() -> None:
    editor = staff_user(Role.EDITOR)
    release = ReleaseFactory()
    release_submit(release_id=release.pk, actor=staff_user(Role.WRITER))
    _edit(release, editor, title="Judul yang Disunting Redaktur")
    with pytest.raises(ReleaseError, match="empat mata"):
        release_approve(release_id=release.pk, actor=editor)
    release_approve(release_id=release.pk, actor=staff_user(Role.EDITOR))
    release.refresh_from_db()
    assert release.status == Status.APPROVED


def test_writer_without_the_redaktur_role_cannot_approve() -> None:
    release = ReleaseFactory()
    release_submit(release_id=release.pk, actor=release.author)
    with pytest.raises(ReleaseError, match="tidak berwenang"):
        release_approve(release_id=release.pk, actor=staff_user(Role.WRITER))
    assert Release.objects.get(pk=release.pk).status == Status.IN_REVIEW


def test_other_apps_can_refuse_approval_through_the_check_signal() -> None:
    def problem(sender: Any, release: Release, **kwargs: Any) -> list[str]:
        return ["Versi X terlalu panjang (300 karakter, batas 280)."]

    signals.release_approval_check.connect(problem, dispatch_uid="test-check")
    try:
        release = ReleaseFactory()
        release_submit(release_id=release.pk, actor=release.author)
        with pytest.raises(ReleaseError) as refused:
            release_approve(release_id=release.pk, actor=staff_user(Role.EDITOR))
    finally:
        signals.release_approval_check.disconnect(dispatch_uid="test-check")
    assert refused.value.messages == ["Versi X terlalu panjang (300 karakter, batas 280)."]
    assert Release.objects.get(pk=release.pk).status == Status.IN_REVIEW


def test_every_image_needs_alt_text_before_approval() -> None:
    release = ReleaseFactory()
    add_image(release, alt_text="")
    release_submit(release_id=release.pk, actor=release.author)
    with pytest.raises(ReleaseError, match="teks alternatif"):
        release_approve(release_id=release.pk, actor=staff_user(Role.EDITOR))
    assert Release.objects.get(pk=release.pk).status == Status.IN_REVIEW


def test_changes_requested_needs_a_comment_and_returns_to_the_writer() -> None:
    release = ReleaseFactory()
    editor = staff_user(Role.EDITOR)
    release_submit(release_id=release.pk, actor=release.author)
    with pytest.raises(ReleaseError, match="perlu diperbaiki"):
        release_request_changes(release_id=release.pk, actor=editor, comment="  ")
    assert not Comment.objects.exists()
    release_request_changes(release_id=release.pk, actor=editor, comment="Lengkapi kutipan Wali Kota.")
    release.refresh_from_db()
    assert release.status == Status.CHANGES_REQUESTED
    assert release.comments.get().body == "Lengkapi kutipan Wali Kota."
    release_comment_add(release_id=release.pk, actor=release.author, body="Sudah saya tambahkan.")
    release_submit(release_id=release.pk, actor=release.author)
    assert Release.objects.get(pk=release.pk).status == Status.IN_REVIEW
    assert release.comments.count() == 2


def test_scheduled_release_is_published_by_the_beat_at_its_time_and_announced_once(
    published_events: list[Any],
) -> None:
    publish_at = timezone.now() + timedelta(hours=3)
    release, editor = _approved(publish_at=publish_at)
    release_publish(release_id=release.pk, actor=editor)
    release.refresh_from_db()
    assert release.status == Status.SCHEDULED
    assert not Release.objects.public().exists()
    assert release_publish_due() == []
    with time_machine.travel(publish_at + timedelta(minutes=1), tick=False):
        assert release_publish_due() == [release.pk]
        assert release_publish_due() == []
        assert list(Release.objects.public()) == [release]
    assert published_events == [("published", release.pk)]
    assert Release.objects.get(pk=release.pk).status == Status.PUBLISHED


def test_a_late_beat_never_shows_a_release_early() -> None:
    release, editor = _approved(publish_at=timezone.now() + timedelta(hours=1))
    release_publish(release_id=release.pk, actor=editor)
    # Even a row marked published by mistake stays hidden until its time.
    Release.objects.filter(pk=release.pk).update(status=Status.PUBLISHED)
    assert not Release.objects.public().exists()


def test_embargoed_release_is_not_public_before_its_embargo(published_events: list[Any]) -> None:
    embargo = timezone.now() + timedelta(hours=5)
    release, editor = _approved(embargo_until=embargo)
    release_publish(release_id=release.pk, actor=editor)
    release.refresh_from_db()
    assert release.status == Status.SCHEDULED and release.publish_at is not None
    assert list(Release.objects.under_embargo()) == [release]
    assert not Release.objects.public().exists()
    with time_machine.travel(embargo - timedelta(minutes=1), tick=False):
        assert release_publish_due() == []
    assert published_events == []
    with time_machine.travel(embargo + timedelta(seconds=1), tick=False):
        assert release_publish_due() == [release.pk]
        assert list(Release.objects.public()) == [release]
        assert not Release.objects.under_embargo().exists()
    assert published_events == [("published", release.pk)]


def test_editing_an_approved_or_scheduled_release_sends_it_back_to_review() -> None:
    release, editor = _approved(publish_at=timezone.now() + timedelta(days=1))
    release_publish(release_id=release.pk, actor=editor)
    writer = release.author
    _edit(Release.objects.get(pk=release.pk), writer, lead="Ringkasan baru setelah dijadwalkan.")
    release.refresh_from_db()
    assert release.status == Status.IN_REVIEW and release.approved_by is None
    assert history_for(release).first().new_state == Status.IN_REVIEW


def test_revisions_are_kept_from_the_first_submission_on() -> None:
    release = ReleaseFactory()
    writer = release.author
    _edit(release, writer, title="Draf Kedua")
    assert not Revision.objects.exists()  # drafts before submission keep no history
    release_submit(release_id=release.pk, actor=writer)
    _edit(Release.objects.get(pk=release.pk), writer, title="Draf Ketiga")
    assert list(release.revisions.values_list("number", "title")) == [(2, "Draf Ketiga"), (1, "Draf Kedua")]


def test_withdrawal_needs_a_reason_and_takes_the_release_off_the_public_lists(published_events: list[Any]) -> None:
    release, editor = _approved()
    release_publish(release_id=release.pk, actor=editor)
    with pytest.raises(ReleaseError, match="Alasan"):
        release_withdraw(release_id=release.pk, actor=editor, reason=" ")
    assert Release.objects.get(pk=release.pk).status == Status.PUBLISHED
    release_withdraw(release_id=release.pk, actor=editor, reason="Data anggaran keliru.")
    release.refresh_from_db()
    assert release.status == Status.WITHDRAWN and release.was_withdrawn_publicly
    assert not Release.objects.public().exists()
    assert published_events[-1] == ("withdrawn", release.pk, "Data anggaran keliru.")
    with pytest.raises(ReleaseError):
        _edit(release, release.author, title="Tidak bisa")


def test_writer_cannot_withdraw() -> None:
    release, editor = _approved()
    release_publish(release_id=release.pk, actor=editor)
    with pytest.raises(ReleaseError, match="tidak berwenang"):
        release_withdraw(release_id=release.pk, actor=release.author, reason="Salah")
    assert Release.objects.get(pk=release.pk).status == Status.PUBLISHED


def test_correction_keeps_a_revision_and_a_public_note() -> None:
    release, editor = _approved()
    release_publish(release_id=release.pk, actor=editor)
    with pytest.raises(ReleaseError, match="Catatan ralat"):
        release_correct(release_id=release.pk, actor=editor, title="X", lead="Y", body="", note="")
    correction = release_correct(
        release_id=release.pk,
        actor=editor,
        title=release.title,
        lead="Taman dibuka setiap hari pukul 06.00–22.00.",
        body="<p>Jam buka diperbaiki.</p><script>x</script>",
        note="Jam buka taman sebelumnya tertulis 08.00.",
    )
    release.refresh_from_db()
    assert release.status == Status.PUBLISHED and "script" not in release.body
    assert correction.revision.lead == "Taman dibuka setiap hari pukul 06.00–22.00."
    assert release.corrections.get().note == "Jam buka taman sebelumnya tertulis 08.00."
    assert history_for(release).first().action == "releases.release.correct"


def test_only_drafts_can_be_submitted() -> None:
    release, _editor = _approved()
    with pytest.raises(ReleaseError):
        release_submit(release_id=release.pk, actor=release.author)


def test_draft_service_keeps_its_contract_for_other_apps() -> None:
    from releases.services import release_create_draft

    writer = staff_user(Role.WRITER)
    release = release_create_draft(author=writer, unit=UnitFactory(), title="Redaksi", lead="Lead")
    assert release.slug != "redaksi"  # the staff area's path is never a release's slug
