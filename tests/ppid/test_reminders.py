"""The daily reminder job, the dashboard panel, and mail sent by a real Celery worker."""

from __future__ import annotations

import time
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from humas.roles import Role
from ppid.models import InfoRequest, Reminder, RequesterEmail
from ppid.reminders import reminders_send
from ppid.tasks import send_deadline_reminders, sweep_requester_emails
from tests.factories.humas import staff_user
from tests.factories.ppid import jakarta, submit


def _assigned(received: date, officer) -> InfoRequest:  # type: ignore[no-untyped-def]
    req = submit(received_at=jakarta(received.year, received.month, received.day)).request
    InfoRequest.objects.filter(pk=req.pk).update(assigned_officer=officer)
    return req


@pytest.mark.django_db
def test_reminders_at_three_and_one_working_days_and_when_overdue_each_sent_once() -> None:
    officer = staff_user(Role.PPID_OFFICER, email="hendra@harapanjaya.go.id")
    req = _assigned(date(2026, 3, 12), officer)  # due Thursday 2 April
    mail.outbox.clear()
    assert reminders_send(today=date(2026, 3, 27)) == 0  # 4 working days left
    assert reminders_send(today=date(2026, 3, 30)) == 1  # 3 left (30 Mar → 31, 1, 2)
    assert reminders_send(today=date(2026, 3, 30)) == 0  # a re-run sends nothing twice
    assert reminders_send(today=date(2026, 4, 1)) == 1  # 1 left
    assert reminders_send(today=date(2026, 4, 6)) == 1  # overdue after Good Friday
    assert reminders_send(today=date(2026, 4, 7)) == 0
    kinds = list(Reminder.objects.filter(request=req).order_by("id").values_list("kind", flat=True))
    assert kinds == ["d3", "d1", "overdue"]
    assert [m.to for m in mail.outbox] == [["hendra@harapanjaya.go.id"]] * 3
    assert req.number in mail.outbox[0].subject and "3 hari kerja" in mail.outbox[0].subject
    assert all(m.alternatives[0][1] == "text/html" for m in mail.outbox)  # multipart text + HTML


@pytest.mark.django_db
def test_answered_requests_get_no_reminders() -> None:
    officer = staff_user(Role.PPID_OFFICER)
    req = _assigned(date(2026, 3, 12), officer)
    InfoRequest.objects.filter(pk=req.pk).update(status="answered", decision="granted")
    assert reminders_send(today=date(2026, 4, 6)) == 0


@pytest.mark.django_db
def test_beat_schedule_runs_the_reminder_task_daily() -> None:
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULE["ppid-deadline-reminders"]["task"] == "ppid.tasks.send_deadline_reminders"
    officer = staff_user(Role.PPID_OFFICER)
    _assigned(date(2026, 3, 12), officer)
    with time_machine.travel(jakarta(2026, 4, 1, 7), tick=False):
        assert send_deadline_reminders.delay().get() == 1
    assert Reminder.objects.get().kind == "d1"


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 25])
def test_dashboard_panel_counts_due_soon_and_overdue_in_fixed_queries(  # type: ignore[no-untyped-def]
    rows: int, client: Client, login_as, django_assert_max_num_queries
) -> None:
    login_as(Role.PPID_OFFICER)
    for _ in range(rows):
        submit(received_at=jakarta(2026, 3, 12))  # due 2 Apr: overdue on 6 Apr
    submit(received_at=jakarta(2026, 3, 25))  # due 9 Apr: due soon on 6 Apr
    from ppid.dashboard import panels

    user = login_as(Role.PPID_OFFICER)
    with time_machine.travel(jakarta(2026, 4, 6), tick=False):
        with django_assert_max_num_queries(6):
            panel = panels(user)[0]
        page = client.get(reverse("humas:dashboard")).content.decode()
    values = {counter.label: counter.value for counter in panel.counters}
    assert values["Melewati batas waktu"] == rows
    assert values["Jatuh tempo ≤ 3 hari kerja"] == 1
    assert "Layanan informasi publik (PPID)" in page
    assert panels(staff_user(Role.WRITER)) == []


@pytest.fixture
def broker_down_then_fresh_pools(broker_down):  # type: ignore[no-untyped-def]
    """``broker_down`` leaves kombu's global producer pool closed; later eager sends in this
    process would fail on it, so drop kombu's pools once the broker is back."""
    yield
    from kombu import pools

    pools.reset()


@pytest.mark.django_db
def test_request_is_stored_and_its_email_left_for_the_sweep_when_the_broker_is_down(  # type: ignore[no-untyped-def]
    broker_down_then_fresh_pools, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        submit()  # the broker is down: the row stays, the request is stored
    email = RequesterEmail.objects.get()
    assert email.sent_at is None and InfoRequest.objects.count() == 1


@pytest.mark.django_db
def test_sweep_sends_stalled_emails() -> None:
    submit()  # on-commit never ran in this transaction-wrapped test: the email is pending
    with time_machine.travel(time.time() + 3600):
        assert sweep_requester_emails() == 1
    assert RequesterEmail.objects.get().sent_at is not None
    assert len(mail.outbox) == 1


@pytest.mark.celery_worker
def test_confirmation_email_is_sent_by_a_real_worker(celery_worker) -> None:  # type: ignore[no-untyped-def]
    submitted = submit()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not RequesterEmail.objects.filter(sent_at__isnull=False).exists():
        time.sleep(0.2)
    assert RequesterEmail.objects.get().sent_at is not None
    assert len(mail.outbox) == 1 and submitted.token in mail.outbox[0].body
