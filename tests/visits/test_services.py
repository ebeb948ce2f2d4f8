"""The visit workflow through its services: request, hold, approve, propose, decline, cancel,
waiting list, reschedule invites, reminders, check-in, report and release draft."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

from humas.models import AuditEntry
from humas.roles import Role
from releases.models import Release
from tests.factories.humas import staff_user
from tests.factories.visits import RoomFactory, TopicFactory, confirm_visit, jakarta, submit_visit
from tests.helpers import image_upload, pdf_upload
from visits import services
from visits.models import Visit, VisitEmail, VisitStatus, WaitingListEntry

pytestmark = pytest.mark.django_db

NOW = jakarta(2026, 3, 2, 8)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def coordinator() -> object:
    return staff_user(Role.VISIT_COORDINATOR, email="koordinator@harapanjaya.go.id")


def _emails(visit: Visit) -> list[VisitEmail]:
    return list(VisitEmail.objects.filter(visit=visit))


def test_submit_gives_a_reference_holds_a_room_and_mails_the_status_link(
    django_capture_on_commit_callbacks: object,
) -> None:
    RoomFactory(name="Ruang Kecil", capacity=10)
    big = RoomFactory(name="Ruang Besar", capacity=40)
    topic = TopicFactory(name="Media sosial")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        submitted = submit_visit(topic_ids=[topic.pk])
    visit = submitted.visit
    assert visit.reference == "001/KUNJ/HUMAS/III/2026"
    assert visit.status == VisitStatus.REQUESTED
    assert visit.room == big  # the smallest room that seats 20
    assert visit.holds_slot and visit.hold_until == NOW + timedelta(days=5)
    assert visit.participants.count() == 2
    assert list(visit.topics.all()) == [topic]
    assert visit.token_hash != submitted.token and len(submitted.token) >= 40
    [message] = mail.outbox
    assert message.to == ["rina@dprd-sukamaju.go.id"]
    assert "001/KUNJ/HUMAS/III/2026" in message.subject
    assert f"/kunjungan/status/{visit.pk}/{submitted.token}/" in message.body
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    assert AuditEntry.objects.filter(action="visits.visit.submit", object_id=str(visit.pk)).exists()
    assert visit.events.get().holder == "Koordinator Kunjungan"


def test_two_pending_requests_are_not_both_promised_the_same_time() -> None:
    RoomFactory(capacity=40)
    submit_visit()
    with pytest.raises(services.VisitError) as error:
        submit_visit(institution="Pemkab Lain")
    assert "tidak ada ruangan" in error.value.message
    assert Visit.objects.count() == 1


def test_a_fake_pdf_letter_is_refused_and_nothing_is_stored() -> None:
    RoomFactory()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("surat.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.visit_submit(data=submit_data(), request_letter=fake)
    assert Visit.objects.count() == 0


def submit_data() -> services.VisitData:
    from tests.factories.visits import visit_data

    return visit_data()


def test_approve_confirms_with_room_hosts_and_agenda_and_mails_invite_and_letter(
    coordinator: object, django_capture_on_commit_callbacks: object
) -> None:
    room = RoomFactory(capacity=40)
    host = staff_user(Role.HUMAS_ADMIN, email="kabag@harapanjaya.go.id", first_name="Kabag", last_name="Humas")
    visit = submit_visit().visit
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        booking = confirm_visit(visit, coordinator, room=room, host_ids=[host.pk], agenda="Paparan media sosial")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CONFIRMED and not visit.holds_slot
    assert visit.slot.lower == jakarta(2026, 3, 12, 9)
    assert list(visit.hosts.all()) == [host]
    assert booking.warnings == []
    contact, hosts = mail.outbox
    assert hosts.to == ["kabag@harapanjaya.go.id"]
    names = {name for name, _content, _type in contact.attachments}
    assert names == {"undangan.ics", "surat-balasan-001-KUNJ-HUMAS-III-2026.pdf", "kode-kedatangan.png"}
    ics = next(content for name, content, _t in contact.attachments if name.endswith(".ics"))
    assert "METHOD:REQUEST" in ics and "SEQUENCE:0" in ics
    assert "DTSTART:20260312T020000Z" in ics  # 09:00 WIB
    pdf = next(content for name, content, _t in contact.attachments if name.endswith(".pdf"))
    assert pdf.startswith(b"%PDF")
    assert services.checkin_code(visit) in contact.body


def test_concurrent_style_double_booking_gets_the_clear_message(coordinator: object) -> None:
    room = RoomFactory(capacity=40)
    first = submit_visit().visit
    second = submit_visit(preferred_start=jakarta(2026, 3, 13, 9)).visit
    confirm_visit(first, coordinator, room=room)
    with pytest.raises(services.VisitError) as error:
        confirm_visit(second, coordinator, room=room, start=jakarta(2026, 3, 12, 10))
    assert error.value.message == "Ruangan sudah terpakai pada waktu itu, pilih waktu lain"
    second.refresh_from_db()
    assert second.status == VisitStatus.REQUESTED
    assert second.slot.lower == jakarta(2026, 3, 13, 9)


def test_the_database_refuses_overlapping_confirmed_visits_in_one_room(coordinator: object) -> None:
    room = RoomFactory(capacity=40)
    confirm_visit(submit_visit().visit, coordinator, room=room)
    other = submit_visit(preferred_start=jakarta(2026, 3, 13, 9)).visit
    other.status, other.room = VisitStatus.CONFIRMED, room
    other.slot = DateTimeTZRange(jakarta(2026, 3, 12, 10), jakarta(2026, 3, 12, 11))
    with pytest.raises(IntegrityError, match="visits_no_double_booking"), transaction.atomic():
        other.save()


def test_too_many_participants_for_the_room_is_refused(coordinator: object) -> None:
    small = RoomFactory(capacity=10)
    RoomFactory(capacity=40)
    visit = submit_visit().visit
    with pytest.raises(services.VisitError) as error:
        confirm_visit(visit, coordinator, room=small)
    assert "melebihi kapasitas" in error.value.message
    visit.refresh_from_db()
    assert visit.status == VisitStatus.REQUESTED


def test_a_host_booked_in_two_overlapping_visits_gets_a_warning(coordinator: object) -> None:
    RoomFactory(capacity=40)
    RoomFactory(capacity=40)
    host = staff_user(Role.HUMAS_ADMIN)
    first = submit_visit().visit
    second = submit_visit(institution="Universitas Padjajaran").visit  # held in the other room
    assert first.room != second.room
    confirm_visit(first, coordinator, host_ids=[host.pk])
    booking = confirm_visit(second, coordinator, host_ids=[host.pk])
    assert len(booking.warnings) == 1
    assert first.reference in booking.warnings[0]


def test_proposal_accepted_through_the_link_confirms(coordinator: object) -> None:
    room = RoomFactory(capacity=40)
    visit = submit_visit().visit
    services.visit_propose(
        visit_id=visit.pk,
        actor=coordinator,
        start=jakarta(2026, 3, 16, 9),
        end=jakarta(2026, 3, 16, 11),
        room_id=room.pk,
        note="Tanggal 12 ada rapat paripurna",
    )
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PROPOSED and visit.holds_slot
    services.visit_proposal_respond(visit_id=visit.pk, accept=True)
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CONFIRMED
    assert visit.slot.lower == jakarta(2026, 3, 16, 9)


def test_proposal_declined_goes_back_to_the_queue_without_a_hold(coordinator: object) -> None:
    room = RoomFactory(capacity=40)
    visit = submit_visit().visit
    services.visit_propose(
        visit_id=visit.pk,
        actor=coordinator,
        start=jakarta(2026, 3, 16, 9),
        end=jakarta(2026, 3, 16, 11),
        room_id=room.pk,
    )
    services.visit_proposal_respond(visit_id=visit.pk, accept=False, note="Kami hanya bisa tanggal 12")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.REQUESTED and not visit.holds_slot


def test_decline_needs_a_reason_and_mails_it(coordinator: object, django_capture_on_commit_callbacks: object) -> None:
    RoomFactory(capacity=40)
    visit = submit_visit().visit
    with pytest.raises(services.VisitError):
        services.visit_decline(visit_id=visit.pk, actor=coordinator, reason=" ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.visit_decline(visit_id=visit.pk, actor=coordinator, reason="Pimpinan sedang dinas luar")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DECLINED and not visit.holds_slot
    assert "Pimpinan sedang dinas luar" in mail.outbox[0].body


def test_reschedule_sends_the_same_uid_with_a_higher_sequence_and_cancel_sends_method_cancel(
    coordinator: object, django_capture_on_commit_callbacks: object
) -> None:
    room = RoomFactory(capacity=40)
    visit = submit_visit().visit
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        confirm_visit(visit, coordinator, room=room)
        services.visit_reschedule(
            visit_id=visit.pk,
            actor=coordinator,
            start=jakarta(2026, 3, 17, 9),
            end=jakarta(2026, 3, 17, 11),
            room_id=room.pk,
        )
        services.visit_cancel(visit_id=visit.pk, actor=None, reason="Anggaran perjalanan ditunda")
    invites = [content for message in mail.outbox for name, content, _t in message.attachments if name.endswith(".ics")]
    uid = f"UID:kunjungan-{visit.pk}@harapanjaya.go.id"
    assert all(uid in ics for ics in invites)
    assert "SEQUENCE:0" in invites[0] and "SEQUENCE:1" in invites[1] and "SEQUENCE:2" in invites[2]
    assert "METHOD:CANCEL" in invites[2] and "STATUS:CANCELLED" in invites[2]
    assert "DTSTART:20260317T020000Z" in invites[1]


def test_cancellation_offers_the_slot_to_the_first_waiting_request_with_a_time_limited_link(
    coordinator: object, django_capture_on_commit_callbacks: object
) -> None:
    room = RoomFactory(capacity=40)
    from tests.factories.visits import receiving_rules

    receiving_rules(3, start=jakarta(2026, 1, 1, 9).time(), end=jakarta(2026, 1, 1, 11).time())
    booked = submit_visit().visit
    confirm_visit(booked, coordinator, room=room)
    with pytest.raises(services.VisitError):
        submit_visit(institution="Pemkot Lain")  # the day is full
    waiting = submit_visit(institution="Pemkot Lain", join_waiting_list=True)
    assert waiting.waiting and waiting.visit.room is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.visit_cancel(visit_id=booked.pk, actor=None, reason="Batal")
    entry = WaitingListEntry.objects.get(visit=waiting.visit)
    assert entry.status == WaitingListEntry.Status.OFFERED
    offer = next(m for m in mail.outbox if m.to == ["rina@dprd-sukamaju.go.id"] and "Tawaran" in m.subject)
    link = next(line for line in offer.body.splitlines() if "/kunjungan/tawaran/" in line)
    token = link.rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(services.VisitError):
        services.waiting_accept(entry_id=entry.pk, token="salah")
    with time_machine.travel(NOW + timedelta(hours=49), tick=False), pytest.raises(services.VisitError) as error:
        services.waiting_accept(entry_id=entry.pk, token=token)
    assert "kedaluwarsa" in error.value.message
    services.waiting_accept(entry_id=entry.pk, token=token)
    visit = Visit.objects.get(pk=waiting.visit.pk)
    assert visit.holds_slot and visit.room == room and visit.slot.lower == jakarta(2026, 3, 12, 9)


def test_reschedule_request_before_and_after_the_cut_off(coordinator: object) -> None:
    room = RoomFactory(capacity=40)
    visit = submit_visit().visit
    confirm_visit(visit, coordinator, room=room)
    services.visit_request_reschedule(visit_id=visit.pk, note="Mohon dimundurkan sepekan")
    visit.refresh_from_db()
    assert visit.reschedule_request == "Mohon dimundurkan sepekan"
    # Three working days before Thursday 12 March is Monday 9 March: Tuesday 10 March is too late.
    with time_machine.travel(jakarta(2026, 3, 10, 8), tick=False), pytest.raises(services.VisitError) as error:
        services.visit_request_reschedule(visit_id=visit.pk, note="Lagi")
    assert "09-03-2026" in error.value.message


def test_holds_expire_and_free_the_slot() -> None:
    RoomFactory(capacity=40)
    visit = submit_visit().visit
    assert services.holds_expire(now=NOW + timedelta(days=4)) == 0
    assert services.holds_expire(now=NOW + timedelta(days=6)) == 1
    visit.refresh_from_db()
    assert not visit.holds_slot
    submit_visit(institution="Pemkab Lain")  # now the time can be held by another request


def test_reminders_go_to_contact_and_hosts_the_day_before_once(
    coordinator: object, django_capture_on_commit_callbacks: object
) -> None:
    room = RoomFactory(capacity=40)
    host = staff_user(Role.HUMAS_ADMIN, email="kabag@harapanjaya.go.id")
    visit = submit_visit().visit
    confirm_visit(visit, coordinator, room=room, host_ids=[host.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert services.reminders_send(today=jakarta(2026, 3, 10).date()) == 0
        assert services.reminders_send(today=jakarta(2026, 3, 11).date()) == 1
        assert services.reminders_send(today=jakarta(2026, 3, 11).date()) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["kabag@harapanjaya.go.id", "rina@dprd-sukamaju.go.id"]


def test_check_in_code_works_once_on_the_day_only(coordinator: object) -> None:
    room = RoomFactory(capacity=40)
    visit = submit_visit().visit
    confirm_visit(visit, coordinator, room=room)
    visit.refresh_from_db()
    code = services.checkin_code(visit)
    with pytest.raises(services.VisitError) as early:
        services.visit_check_in(code=code, actor=coordinator)
    assert "bukan hari ini" in early.value.message
    with pytest.raises(services.VisitError) as forged:
        services.visit_check_in(code=code[:-3] + "abc", actor=coordinator)
    assert forged.value.message == "Kode kedatangan tidak sah."
    with time_machine.travel(jakarta(2026, 3, 12, 8, 45), tick=False):
        services.visit_check_in(code=code, actor=coordinator)
        with pytest.raises(services.VisitError) as again:
            services.visit_check_in(code=code, actor=coordinator)
    assert "sudah dipakai" in again.value.message


def test_report_with_photos_then_release_draft_linked_both_ways(coordinator: object) -> None:
    room = RoomFactory(capacity=40)
    visit = submit_visit().visit
    confirm_visit(visit, coordinator, room=room)
    with pytest.raises(services.VisitError):
        services.report_save(visit_id=visit.pk, actor=coordinator, attendance=18, summary="Terlalu dini")
    with time_machine.travel(jakarta(2026, 3, 12, 13), tick=False):
        services.report_save(
            visit_id=visit.pk,
            actor=coordinator,
            attendance=18,
            summary="Rombongan mempelajari pengelolaan kanal media sosial.",
            follow_ups="Kirim SOP media sosial",
            photos=[image_upload("foto1.jpg")],
        )
        release = services.visit_create_release_draft(visit_id=visit.pk, actor=coordinator)
        with pytest.raises(services.VisitError):
            services.visit_create_release_draft(visit_id=visit.pk, actor=coordinator)
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DONE
    assert visit.release == release
    assert list(release.visits.all()) == [visit]  # and back from the release
    assert release.status == Release.Status.DRAFT and release.author == coordinator
    assert "DPRD Kabupaten Sukamaju" in release.title
    assert "media sosial" in release.body
    assert release.images.count() == 1


def test_release_draft_needs_a_report(coordinator: object) -> None:
    RoomFactory(capacity=40)
    visit = submit_visit().visit
    with pytest.raises(services.VisitError) as error:
        services.visit_create_release_draft(visit_id=visit.pk, actor=coordinator)
    assert error.value.message == "Buat laporan kunjungan terlebih dahulu."


def test_status_token_unknown_expired_or_for_another_visit_is_refused() -> None:
    RoomFactory(capacity=40)
    RoomFactory(capacity=40)
    one = submit_visit()
    other = submit_visit(institution="Pemkab Lain")
    assert services.visit_for_token(one.visit.pk, one.token) == one.visit
    for visit_id, token in ((one.visit.pk, "tidak-ada"), (one.visit.pk, other.token), (987654, one.token)):
        with pytest.raises(services.VisitError) as error:
            services.visit_for_token(visit_id, token)
        assert "Tautan tidak sah" in error.value.message
    with pytest.raises(services.VisitError) as expired:
        services.visit_for_token(one.visit.pk, one.token, now=NOW + timedelta(days=80))
    assert "kedaluwarsa" in expired.value.message


def test_pdf_upload_helper_is_a_valid_letter() -> None:
    from humas.uploads import check_pdf

    assert check_pdf(pdf_upload()).kind == "pdf"


def test_coordinator_booking_on_a_holiday_or_blackout_is_warned(coordinator: object) -> None:
    from visits.models import Blackout

    room = RoomFactory(capacity=40)
    Blackout.objects.create(
        start_date=jakarta(2026, 3, 13).date(), end_date=jakarta(2026, 3, 13).date(), reason="Rakor"
    )
    visit = submit_visit().visit
    booking = confirm_visit(visit, coordinator, room=room, start=jakarta(2026, 3, 19, 9))
    assert booking.warnings == ["Perhatian: 19-03-2026 bukan hari kerja (Hari Suci Nyepi)."]
    other = submit_visit(institution="Pemkab Lain").visit
    moved = confirm_visit(other, coordinator, room=room, start=jakarta(2026, 3, 13, 9))
    assert moved.warnings == ["Perhatian: 13-03-2026 termasuk masa tidak menerima kunjungan (Rakor)."]
