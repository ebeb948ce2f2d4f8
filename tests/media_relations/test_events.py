"""Press conferences: invitations with .ics, RSVP by token, capacity, reminders, check-in, summary."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from humas.models import AuditEntry
from humas.roles import Role
from media_relations import events_services, events_tasks
from media_relations.models import Beat, Event, Invitation, Outlet
from tests.factories.media_events import (
    CoverageItemFactory,
    EventFactory,
    InvitationFactory,
    JournalistFactory,
    OutletFactory,
)
from tests.factories.releases import PublishedReleaseFactory

pytestmark = pytest.mark.django_db
JKT = ZoneInfo("Asia/Jakarta")


def rsvp_url(token: str) -> str:
    return reverse("media_relations:event-rsvp", args=[token])


def token_from(body: str) -> str:
    match = re.search(r"/media/undangan/([\w-]+)/", body)
    assert match, body
    return match.group(1)


def test_officer_creates_event_with_linked_release(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    release = PublishedReleaseFactory()
    response = client.post(
        reverse("media_relations:event-create"),
        {
            "title": "Jumpa Pers Hari Jadi Kota",
            "starts_at": "2031-05-10T09:00",
            "ends_at": "2031-05-10T11:00",
            "place": "Pendopo Balai Kota",
            "host_officials": "Wali Kota",
            "topics": "Rangkaian acara hari jadi",
            "capacity": "30",
            "releases": [release.pk],
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "media_relations:event-detail", args=[event.pk]
    )
    assert event.starts_at == datetime(2031, 5, 10, 9, 0, tzinfo=JKT)
    assert list(event.releases.all()) == [release]
    assert AuditEntry.objects.filter(action="media_relations.event.create").count() == 1
    page = client.get(response["Location"])
    assert "Jumpa Pers Hari Jadi Kota" in page.content.decode() and release.title in page.content.decode()


def test_event_form_refuses_end_before_start_and_no_place(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    response = client.post(
        reverse("media_relations:event-create"),
        {
            "title": "Acara",
            "starts_at": "2031-05-10T11:00",
            "ends_at": "2031-05-10T09:00",
            "place": "",
            "online_url": "",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Waktu selesai harus sesudah waktu mulai." in body
    assert "Isi tempat acara atau tautan daringnya." in body
    assert not Event.objects.exists()


def test_invitations_mailed_with_ics_and_personal_rsvp_link(
    client, login_as, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    event = EventFactory(
        starts_at=datetime(2031, 5, 10, 9, 0, tzinfo=JKT), ends_at=datetime(2031, 5, 10, 11, 0, tzinfo=JKT)
    )
    beat = Beat.objects.create(name="Pemerintahan", slug="pemerintahan")
    on_beat = JournalistFactory(name="Ani Beat")
    on_beat.beats.add(beat)
    chosen = JournalistFactory(name="Budi Pilihan")
    no_consent = JournalistFactory(name="Cici Tanpa Izin", consent_at=None, consent_source="")
    no_consent.beats.add(beat)
    tv = JournalistFactory(name="Dedi TV", outlet=OutletFactory(kind=Outlet.Kind.TV))
    JournalistFactory(name="Eko Tidak Dipilih")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("media_relations:event-invite", args=[event.pk]),
            {"journalists": [chosen.pk], "beats": [beat.pk], "outlet_kinds": ["tv"]},
            follow=True,
        )
    assert "3 undangan dikirim" in response.content.decode()
    assert "1 dilewati" in response.content.decode()
    assert {m.to[0] for m in mail.outbox} == {on_beat.email, chosen.email, tv.email}
    message = mail.outbox[0]
    assert "Undangan: " in message.subject and "10-05-2031 09.00 WIB" in message.subject
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    name, ics, mimetype = message.attachments[0]
    assert name == "undangan.ics" and mimetype.startswith("text/calendar")
    vevent = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(vevent["UID"]) == f"media-event-{event.pk}@{urlsplit(settings.SITE_URL).hostname}"
    assert vevent.decoded("DTSTART") == datetime(2031, 5, 10, 9, 0, tzinfo=JKT)
    assert vevent["DTSTART"].params["TZID"] == "Asia/Jakarta"
    assert [str(tz["TZID"]) for tz in Calendar.from_ical(ics).walk("VTIMEZONE")] == ["Asia/Jakarta"]
    # Each link opens its own invitation only.
    tokens = {m.to[0]: token_from(m.body) for m in mail.outbox}
    assert len(set(tokens.values())) == 3
    page = client.get(rsvp_url(tokens[chosen.email]))
    assert "Yth. Budi Pilihan" in page.content.decode()
    # Inviting again sends nothing new.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("media_relations:event-invite", args=[event.pk]), {"journalists": [chosen.pk]}, follow=True
        )
    assert "0 undangan dikirim; 1 sudah diundang" in response.content.decode()
    assert mail.outbox == []
    assert Invitation.objects.count() == 3


def test_invite_with_nothing_chosen_is_refused(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    event = EventFactory()
    response = client.post(reverse("media_relations:event-invite", args=[event.pk]), {}, follow=True)
    assert "Pilih wartawan, desk liputan, atau jenis media" in response.content.decode()
    assert not Invitation.objects.exists()


def test_rsvp_yes_with_crew_then_change_to_no(client) -> None:  # type: ignore[no-untyped-def]
    invitation = InvitationFactory(token="rahasia-satu-abcdefghijklmnopqrst")
    response = client.post(rsvp_url("rahasia-satu-abcdefghijklmnopqrst"), {"response": "yes", "crew_count": "2"})
    assert "tercatat: Hadir" in response.content.decode()
    invitation.refresh_from_db()
    assert (invitation.response, invitation.crew_count, invitation.seats) == ("yes", 2, 3)
    assert invitation.responded_at is not None
    client.post(rsvp_url("rahasia-satu-abcdefghijklmnopqrst"), {"response": "no", "crew_count": "2"})
    invitation.refresh_from_db()
    assert (invitation.response, invitation.crew_count) == ("no", 0)
    assert AuditEntry.objects.filter(action="media_relations.invitation.rsvp").count() == 2


def test_rsvp_unknown_token_gets_clear_message(client) -> None:  # type: ignore[no-untyped-def]
    InvitationFactory(token="benar-abcdefghijklmnopqrstuvwxyz")
    response = client.post(rsvp_url("salah-abcdefghijklmnopqrstuvwxyz"), {"response": "yes", "crew_count": "0"})
    assert response.status_code == 404
    assert "Tautan undangan ini tidak dikenal" in response.content.decode()
    assert Invitation.objects.get().response == "pending"


def test_rsvp_after_event_started_is_expired(client) -> None:  # type: ignore[no-untyped-def]
    invitation = InvitationFactory(token="kedaluwarsa-abcdefghijklmnopqrstu")
    with time_machine.travel(invitation.event.starts_at + timedelta(minutes=1)):
        response = client.post(rsvp_url("kedaluwarsa-abcdefghijklmnopqrstu"), {"response": "yes", "crew_count": "0"})
    assert response.status_code == 404
    assert "sudah kedaluwarsa" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.response == "pending" and invitation.responded_at is None


def test_rsvp_respects_capacity(client) -> None:  # type: ignore[no-untyped-def]
    event = EventFactory(capacity=4)
    InvitationFactory(event=event, response="yes", crew_count=2, responded_at=event.created_at)
    late = InvitationFactory(event=event, token="terlambat-abcdefghijklmnopqrstuv")
    response = client.post(rsvp_url("terlambat-abcdefghijklmnopqrstuv"), {"response": "yes", "crew_count": "1"})
    assert "kapasitas acara tidak cukup: tersisa 1 tempat" in response.content.decode()
    late.refresh_from_db()
    assert late.response == "pending"
    client.post(rsvp_url("terlambat-abcdefghijklmnopqrstuv"), {"response": "yes", "crew_count": "0"})
    late.refresh_from_db()
    assert late.response == "yes" and events_services.seats_taken(event) == 4


def test_rsvp_crew_count_out_of_range_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    invitation = InvitationFactory(token="kru-banyak-abcdefghijklmnopqrstuv")
    response = client.post(rsvp_url("kru-banyak-abcdefghijklmnopqrstuv"), {"response": "yes", "crew_count": "50"})
    assert response.status_code == 200 and "lebih kecil dari atau sama dengan 10" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.response == "pending"


def test_reminders_go_out_the_day_before_once() -> None:
    event = EventFactory(
        starts_at=datetime(2031, 5, 10, 9, 0, tzinfo=JKT), ends_at=datetime(2031, 5, 10, 11, 0, tzinfo=JKT)
    )
    coming = InvitationFactory(event=event, response="yes", responded_at=event.created_at)
    InvitationFactory(event=event, response="no", responded_at=event.created_at)
    with time_machine.travel(datetime(2031, 5, 8, 10, 0, tzinfo=JKT)):
        assert events_tasks.queue_event_mail() == 0
    with time_machine.travel(datetime(2031, 5, 9, 7, 0, tzinfo=JKT)):
        assert events_tasks.queue_event_mail() == 1
        assert events_tasks.queue_event_mail() == 0
    assert [m.to[0] for m in mail.outbox] == [coming.journalist.email]
    assert mail.outbox[0].subject.startswith("Pengingat besok:")
    coming.refresh_from_db()
    assert coming.reminded_at is not None


def test_checkin_on_phone_search_and_tap(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    event = EventFactory()
    siti = InvitationFactory(
        event=event, journalist=JournalistFactory(name="Siti Rahma"), response="yes", responded_at=event.created_at
    )
    InvitationFactory(event=event, journalist=JournalistFactory(name="Joko Santoso"))
    with time_machine.travel(event.starts_at + timedelta(minutes=5)):
        page = client.get(reverse("media_relations:event-checkin", args=[event.pk]), {"q": "siti"})
        body = page.content.decode()
        assert "Siti Rahma" in body and "Joko Santoso" not in body
        response = client.post(reverse("media_relations:invitation-checkin", args=[event.pk, siti.pk]), {"q": "siti"})
        assert response["Location"].endswith("?q=siti")
        client.post(reverse("media_relations:invitation-checkin", args=[event.pk, siti.pk]))
    siti.refresh_from_db()
    assert siti.checked_in_at == event.starts_at + timedelta(minutes=5) or siti.checked_in_at is not None
    assert AuditEntry.objects.filter(action="media_relations.invitation.check_in").count() == 1


def test_checkin_refused_before_event_day(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    invitation = InvitationFactory()
    response = client.post(
        reverse("media_relations:invitation-checkin", args=[invitation.event_id, invitation.pk]), follow=True
    )
    assert "Kehadiran hanya dapat dicatat pada hari acara." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.checked_in_at is None


def test_summary_shows_attendance_outlets_and_linked_coverage(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    release = PublishedReleaseFactory()
    event = EventFactory()
    event.releases.add(release)
    outlet = OutletFactory(name="Radar Harapan")
    InvitationFactory(
        event=event,
        journalist=JournalistFactory(outlet=outlet),
        response="yes",
        crew_count=1,
        responded_at=event.created_at,
        checked_in_at=event.starts_at,
    )
    InvitationFactory(event=event, response="no", responded_at=event.created_at)
    CoverageItemFactory(release=release, title="Kota siapkan hari jadi meriah")
    CoverageItemFactory(title="Berita lain")
    body = client.get(reverse("media_relations:event-summary", args=[event.pk])).content.decode()
    assert "Radar Harapan (1)" in body
    assert "Kota siapkan hari jadi meriah" in body and "Berita lain" not in body
    assert 'id="present-count">1<' in body


def test_event_list_query_count_is_constant(client, login_as, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    url = reverse("media_relations:event-list")
    EventFactory()
    with django_assert_max_num_queries(8):
        client.get(url)
    for _ in range(15):
        InvitationFactory(event=EventFactory())
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def test_journalist_without_role_cannot_open_event_pages(client) -> None:  # type: ignore[no-untyped-def]
    from tests.factories.humas import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("media_relations:event-list")).status_code == 403


@pytest.mark.celery_worker
def test_invitation_is_mailed_by_a_real_worker(celery_worker) -> None:  # type: ignore[no-untyped-def]
    from tests.factories.humas import staff_user

    officer = staff_user(Role.MEDIA_OFFICER)
    event = EventFactory()
    journalist = JournalistFactory()
    events_services.invitations_create(event_id=event.pk, journalist_ids=[journalist.pk], actor=officer)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not Invitation.objects.filter(sent_at__isnull=False).exists():
        time.sleep(0.2)
    assert Invitation.objects.get().sent_at is not None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [journalist.email]
    assert mail.outbox[0].attachments[0][0] == "undangan.ics"


def test_signed_in_journalist_sees_and_answers_own_invitations(client) -> None:  # type: ignore[no-untyped-def]
    from tests.factories.humas import UserFactory

    user = UserFactory()
    mine = InvitationFactory(journalist=JournalistFactory(user=user), event=EventFactory(title="Jumpa Pers Anggaran"))
    other = InvitationFactory(event=EventFactory(title="Acara Orang Lain"))
    client.force_login(user)
    body = client.get(reverse("media_relations:my-invitations")).content.decode()
    assert "Jumpa Pers Anggaran" in body and "Acara Orang Lain" not in body
    response = client.post(
        reverse("media_relations:my-invitations"),
        {"invitation": mine.pk, "response": "maybe", "crew_count": "1"},
        follow=True,
    )
    assert "tersimpan" in response.content.decode()
    mine.refresh_from_db()
    assert mine.response == "maybe"
    # Someone else's invitation cannot be answered from this page.
    assert (
        client.post(reverse("media_relations:my-invitations"), {"invitation": other.pk, "response": "yes"}).status_code
        == 404
    )
    other.refresh_from_db()
    assert other.response == "pending"


def test_moving_the_event_mails_an_updated_calendar_entry_once(
    client, login_as, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    event = EventFactory(
        starts_at=datetime(2031, 5, 10, 9, 0, tzinfo=JKT), ends_at=datetime(2031, 5, 10, 11, 0, tzinfo=JKT)
    )
    coming = InvitationFactory(event=event, response="yes", responded_at=event.created_at)
    InvitationFactory(event=event, response="no", responded_at=event.created_at)
    data = {
        "title": event.title,
        "starts_at": "2031-05-10T13:00",
        "ends_at": "2031-05-10T15:00",
        "place": event.place,
        "capacity": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("media_relations:event-edit", args=[event.pk]), data)
    assert [m.to for m in mail.outbox] == [[coming.journalist.email]]
    message = mail.outbox[0]
    assert message.subject.startswith("Perubahan acara:") and "13.00 WIB" in message.subject
    vevent = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert int(vevent["SEQUENCE"]) == 1 and vevent.decoded("DTSTART") == datetime(2031, 5, 10, 13, 0, tzinfo=JKT)
    assert str(vevent["UID"]).startswith(f"media-event-{event.pk}@")
    # Saving again without moving it, or the sweep running, sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("media_relations:event-edit", args=[event.pk]), {**data, "topics": "Agenda baru"})
    assert events_tasks.queue_event_mail() == 0
    assert len(mail.outbox) == 1
