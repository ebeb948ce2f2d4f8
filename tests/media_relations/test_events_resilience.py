"""Press conferences when things go wrong: the broker is down, two guests race for the last seat."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.urls import reverse

from humas.roles import Role
from media_relations import events_services, events_tasks
from media_relations.models import Invitation
from tests.factories.humas import staff_user
from tests.factories.media_events import EventFactory, InvitationFactory, JournalistFactory


@pytest.mark.django_db
def test_inviting_while_the_broker_is_down_keeps_the_invitations(
    broker_down, client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    officer = staff_user(Role.MEDIA_OFFICER)
    client.force_login(officer)
    event = EventFactory()
    journalist = JournalistFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("media_relations:event-invite", args=[event.pk]), {"journalists": [journalist.pk]}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.sent_at is None and mail.outbox == []


@pytest.mark.django_db
def test_sweep_mails_invitations_whose_queueing_was_lost() -> None:
    event = EventFactory()
    stalled = InvitationFactory(event=event, sent_at=None)
    InvitationFactory(event=event)  # already sent
    assert events_tasks.queue_event_mail() == 0  # too fresh: its own message may still be on the way
    with time_machine.travel(stalled.created_at + timedelta(minutes=6)):
        assert events_tasks.queue_event_mail() == 1
    stalled.refresh_from_db()
    assert stalled.sent_at is not None and [m.to for m in mail.outbox] == [[stalled.journalist.email]]
    # Its token changed when it was mailed: the link in the mail opens it.
    assert (
        events_services.invitation_for_token(mail.outbox[0].body.split("/media/undangan/")[1].split("/")[0]) == stalled
    )


@pytest.mark.django_db(transaction=True)
def test_two_guests_racing_for_the_last_seats_do_not_both_get_them() -> None:
    event = EventFactory(capacity=3)
    tokens = ["balapan-satu-abcdefghijklmnopqrstu", "balapan-dua-abcdefghijklmnopqrstuv"]
    for token in tokens:
        InvitationFactory(event=event, token=token)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def answer(token: str) -> None:
        barrier.wait()
        try:
            events_services.rsvp_respond(token=token, response="yes", crew_count=1)
            outcomes.append("ok")
        except events_services.EventError:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(t,)) for t in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["full", "ok"]
    assert events_services.seats_taken(event) == 2


@pytest.mark.django_db
def test_event_detail_page_lists_invitations_and_invite_form(client, login_as, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    event = EventFactory(capacity=10)
    InvitationFactory(event=event, journalist=JournalistFactory(name="Siti Rahma"), response="yes", crew_count=1,
                      responded_at=event.created_at)  # fmt: skip
    with django_assert_max_num_queries(14):
        body = client.get(reverse("media_relations:event-detail", args=[event.pk])).content.decode()
    assert "Siti Rahma" in body and "2 dari 10 tempat terisi" in body and "Kirim undangan" in body
