"""Mail through the outbox: nothing is lost when the broker is down; the beat jobs are scheduled."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from tests.factories.visits import RoomFactory, jakarta, submit_visit
from visits.models import VisitEmail
from visits.tasks import send_visit_email, sweep_visit_emails

pytestmark = pytest.mark.django_db


def test_request_is_stored_when_the_broker_is_down_and_the_sweep_sends_its_mail_later(
    broker_down: None, django_capture_on_commit_callbacks: object
) -> None:
    RoomFactory(capacity=40)
    with time_machine.travel(jakarta(2026, 3, 2, 8), tick=False):
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            submitted = submit_visit()
        email = VisitEmail.objects.get(visit=submitted.visit)
        assert email.sent_at is None and mail.outbox == []
    send_visit_email(email.pk)  # what the worker does once the sweep has re-queued it
    email.refresh_from_db()
    assert email.sent_at is not None and len(mail.outbox) == 1
    send_visit_email(email.pk)
    assert len(mail.outbox) == 1  # never twice


def test_sweep_requeues_only_stalled_mail() -> None:
    RoomFactory(capacity=40)
    with time_machine.travel(jakarta(2026, 3, 2, 8), tick=False):
        submit_visit()
        assert sweep_visit_emails() == 0
    with time_machine.travel(jakarta(2026, 3, 2, 8) + timedelta(minutes=11), tick=False):
        assert sweep_visit_emails() == 1  # eager in tests: sent right away
    assert VisitEmail.objects.filter(sent_at=None).count() == 0


def test_beat_runs_hold_expiry_reminders_and_the_mail_sweep() -> None:
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"visits.tasks.expire_holds", "visits.tasks.send_reminders", "visits.tasks.sweep_visit_emails"} <= tasks
