"""The pages: the public calendar and form, the delegation's link, and the coordinator's pages."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from humas.roles import Role
from tests.factories.humas import staff_user
from tests.factories.visits import RoomFactory, TopicFactory, confirm_visit, jakarta, submit_visit
from tests.helpers import image_upload, pdf_upload, spam_trap_fields
from visits import services
from visits.models import Blackout, StaffFeedToken, Visit, VisitStatus

pytestmark = pytest.mark.django_db

NOW = jakarta(2026, 3, 2, 8)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "institution": "Pemerintah Kabupaten Sukamaju",
        "kind": "regional",
        "leader_name": "Drs. Bambang Sutrisno",
        "leader_position": "Kepala Bagian Prokopim",
        "contact_name": "Rina Marlina",
        "contact_phone": "0812 3456 7890",
        "contact_whatsapp": "on",
        "contact_email": "rina@sukamaju.go.id",
        "participants_count": "15",
        "purpose": "Studi banding pengelolaan PPID dan media sosial",
        "topics_other": "Podcast pemerintah",
        "preferred_date": "2026-03-12",
        "preferred_time": "09:00",
        "participants_text": "Drs. Bambang Sutrisno, Kepala Bagian\nSiti Aminah, Analis Humas\n",
        "request_letter": pdf_upload(),
        **spam_trap_fields(),
    }
    data.update(overrides)
    return data


def post_request(client: Client, **overrides: Any) -> Any:
    return client.post(reverse("visits:request"), form_data(**overrides))


def test_calendar_page_shows_twelve_months_with_constant_queries(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    RoomFactory(capacity=40)
    Blackout.objects.create(start_date=jakarta(2026, 4, 1).date(), end_date=jakarta(2026, 4, 2).date(), reason="HUT")
    with django_assert_max_num_queries(8):
        few = client.get(reverse("visits:calendar"))
    coordinator = staff_user(Role.VISIT_COORDINATOR)
    for day in (12, 13, 16, 17):
        confirm_visit(submit_visit(preferred_start=jakarta(2026, 3, day, 9)).visit, coordinator)
    with django_assert_max_num_queries(8):
        many = client.get(reverse("visits:calendar"))
    assert few.status_code == many.status_code == 200
    html = many.content.decode()
    assert html.count("<table") == 12
    assert "Hari Suci Nyepi" in html
    assert 'href="/kunjungan/permohonan/?tanggal=2026-03-11"' in html


def test_delegation_requests_a_visit_and_follows_its_link(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    RoomFactory(capacity=40)
    TopicFactory(name="PPID")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_request(client)
    assert response.status_code == 302, response.content.decode()[:2000]
    visit = Visit.objects.get()
    assert visit.participants_count == 15 and visit.participants.count() == 2
    assert response["Location"].startswith(f"/kunjungan/status/{visit.pk}/")
    page = client.get(response["Location"])
    assert visit.reference in page.content.decode()
    assert "Diajukan" in page.content.decode()
    assert len(mail.outbox) == 1 and response["Location"] in mail.outbox[0].body


def test_participants_are_imported_from_an_xlsx_sheet(client: Client) -> None:
    RoomFactory(capacity=40)
    book = Workbook()
    sheet = book.active
    sheet.append(["Nama", "Jabatan"])
    sheet.append(["Andi Wijaya", "Kasubbag"])
    sheet.append(["Budi Santoso", "Staf"])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("peserta.xlsx", buffer.getvalue())
    response = post_request(client, participants_text="", participants_file=upload)
    assert response.status_code == 302
    assert list(Visit.objects.get().participants.values_list("name", "position")) == [
        ("Andi Wijaya", "Kasubbag"),
        ("Budi Santoso", "Staf"),
    ]


def test_participants_are_imported_from_a_csv_file(client: Client) -> None:
    RoomFactory(capacity=40)
    upload = SimpleUploadedFile("peserta.csv", b"nama;jabatan\nCitra Dewi;Kabid\n")
    assert post_request(client, participants_text="", participants_file=upload).status_code == 302
    assert list(Visit.objects.get().participants.values_list("name", flat=True)) == ["Citra Dewi"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"preferred_date": "2026-02-27"}, "Tanggal sudah lewat."),
        ({"preferred_date": "2026-03-06"}, "Terlalu dekat: kunjungan diajukan paling lambat 7 hari kerja sebelumnya."),
        ({"preferred_date": "2026-03-19"}, "Hari libur: Hari Suci Nyepi."),
        ({"preferred_date": "2026-03-14"}, "Kantor tidak menerima kunjungan pada hari ini."),
        ({"participants_count": "200"}, "Jumlah peserta melebihi kapasitas ruangan terbesar kami (40 orang)."),
        ({"request_letter": ""}, "Bidang ini tidak boleh kosong."),
        (
            {"request_letter": SimpleUploadedFile("surat.pdf", b"<html>bukan pdf</html>")},
            "Berkas ini bukan PDF yang sah. Unggah dokumen dalam format PDF.",
        ),
        ({"participants_count": "1"}, "Daftar berisi 2 orang, lebih banyak dari jumlah peserta (1)."),
        ({"alternative_date": "2026-03-20"}, "Hari libur: Cuti Bersama Hari Raya Idul Fitri."),
        ({"preferred_time": "15:00"}, "Jam kunjungan di luar jam penerimaan (08:00–15:00 WIB)"),
    ],
    ids=[
        "past",
        "too-soon",
        "holiday",
        "weekend",
        "too-many",
        "no-letter",
        "fake-pdf",
        "list-too-long",
        "alternative-on-holiday",
        "outside-hours",
    ],
)
def test_bad_requests_get_a_clear_message_and_store_nothing(
    client: Client, overrides: dict[str, Any], message: str
) -> None:
    RoomFactory(capacity=40)
    with time_machine.travel(NOW, tick=False):
        response = post_request(client, **overrides)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert Visit.objects.count() == 0
    assert mail.outbox == []


def test_a_full_day_offers_the_waiting_list(client: Client) -> None:
    from tests.factories.visits import receiving_rules

    receiving_rules(3, start=jakarta(2026, 1, 1, 9).time(), end=jakarta(2026, 1, 1, 11).time())
    RoomFactory(capacity=40)
    confirm_visit(submit_visit().visit, staff_user(Role.VISIT_COORDINATOR))
    refused = post_request(client)
    assert refused.status_code == 400
    assert "Jadwal ruangan pada hari ini sudah penuh." in refused.content.decode()
    assert "daftar tunggu" in refused.content.decode()
    accepted = post_request(client, join_waiting_list="on")
    assert accepted.status_code == 302
    visit = Visit.objects.get(institution="Pemerintah Kabupaten Sukamaju")
    assert visit.waiting_entry.day == jakarta(2026, 3, 12).date() and visit.room is None


def test_spam_trap_and_rate_limit_refuse(client: Client, settings: Any) -> None:
    RoomFactory(capacity=40)
    assert post_request(client, website="http://spam.example").status_code == 400
    settings.PUBLIC_FORM_RATE = "2/h"  # the refused post above counted as one
    assert post_request(client).status_code == 302
    assert post_request(client).status_code == 429
    assert Visit.objects.count() == 1


def test_status_link_with_a_wrong_or_foreign_token_is_not_found(client: Client) -> None:
    RoomFactory(capacity=40)
    RoomFactory(capacity=40)
    one = submit_visit()
    other = submit_visit(institution="Pemkab Lain")
    assert client.get(services.status_path(one.visit, one.token)).status_code == 200
    assert client.get(reverse("visits:status", args=[one.visit.pk, other.token])).status_code == 404
    assert client.get(reverse("visits:status", args=[one.visit.pk, "salah"])).status_code == 404
    response = client.post(reverse("visits:status-cancel", args=[one.visit.pk, other.token]), {"reason": "x"})
    assert response.status_code == 404
    one.visit.refresh_from_db()
    assert one.visit.status == VisitStatus.REQUESTED


def test_delegation_accepts_a_proposal_then_downloads_letter_and_invite(client: Client) -> None:
    room = RoomFactory(capacity=40)
    coordinator = staff_user(Role.VISIT_COORDINATOR)
    submitted = submit_visit()
    services.visit_propose(
        visit_id=submitted.visit.pk,
        actor=coordinator,
        start=jakarta(2026, 3, 16, 9),
        end=jakarta(2026, 3, 16, 11),
        room_id=room.pk,
    )
    base = services.status_path(submitted.visit, submitted.token)
    assert "Tanggapi usulan waktu" in client.get(base).content.decode()
    client.post(base + "tanggapan/", {"jawaban": "terima"})
    page = client.get(base).content.decode()
    assert "Dikonfirmasi" in page and "data:image/svg+xml;base64," in page
    letter = client.get(base + "surat-balasan.pdf")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    ics = client.get(base + "undangan.ics")
    assert b"BEGIN:VCALENDAR" in ics.content and b"DTSTART:20260316T020000Z" in ics.content


def test_delegation_cancels_through_its_link(client: Client) -> None:
    RoomFactory(capacity=40)
    submitted = submit_visit()
    base = services.status_path(submitted.visit, submitted.token)
    assert client.post(base + "batal/", {"reason": ""}).status_code == 400
    assert client.post(base + "batal/", {"reason": "Agenda berubah"}).status_code == 302
    submitted.visit.refresh_from_db()
    assert submitted.visit.status == VisitStatus.CANCELLED and not submitted.visit.holds_slot


# Staff ---------------------------------------------------------------------------------------------


def test_queue_lists_newest_letters_first_with_constant_queries(
    client: Client, login_as: Any, django_assert_max_num_queries: Any
) -> None:
    login_as(Role.VISIT_COORDINATOR)
    for n in range(2):
        RoomFactory(capacity=40)
        submit_visit(institution=f"Instansi awal {n}")
    with django_assert_max_num_queries(14):
        few = client.get(reverse("visits:queue"))
    for n in range(12):
        RoomFactory(capacity=40)
        submit_visit(institution=f"Instansi lanjut {n}")
    with django_assert_max_num_queries(14):
        many = client.get(reverse("visits:queue"))
    assert few.status_code == many.status_code == 200
    html = many.content.decode()
    assert html.index("Instansi lanjut 11") < html.index("Instansi awal 0")
    assert "Koordinator Kunjungan" in html  # who holds each request


def test_coordinator_approves_from_the_detail_page(client: Client, login_as: Any) -> None:
    coordinator = login_as(Role.VISIT_COORDINATOR)
    room = RoomFactory(capacity=40)
    visit = submit_visit().visit
    assert client.get(reverse("visits:detail", args=[visit.pk])).status_code == 200
    response = client.post(
        reverse("visits:approve", args=[visit.pk]),
        {
            "ok-day": "2026-03-12",
            "ok-start_time": "09:00",
            "ok-end_time": "11:00",
            "ok-room": room.pk,
            "ok-hosts": [coordinator.pk],
            "ok-agenda": "Paparan",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CONFIRMED and list(visit.hosts.all()) == [coordinator]


def test_approving_over_a_booked_room_shows_the_clear_message(client: Client, login_as: Any) -> None:
    coordinator = login_as(Role.VISIT_COORDINATOR)
    room = RoomFactory(capacity=40)
    RoomFactory(capacity=40)
    confirm_visit(submit_visit().visit, coordinator, room=room)
    other = submit_visit(institution="Pemkab Lain").visit
    response = client.post(
        reverse("visits:approve", args=[other.pk]),
        {"ok-day": "2026-03-12", "ok-start_time": "10:00", "ok-end_time": "12:00", "ok-room": room.pk},
    )
    assert response.status_code == 400
    assert "Ruangan sudah terpakai pada waktu itu, pilih waktu lain" in response.content.decode()
    other.refresh_from_db()
    assert other.status == VisitStatus.REQUESTED


def test_forward_and_decline_leave_a_disposition_trail(client: Client, login_as: Any) -> None:
    login_as(Role.VISIT_COORDINATOR)
    RoomFactory(capacity=40)
    visit = submit_visit().visit
    client.post(
        reverse("visits:forward", args=[visit.pk]),
        {"disposisi-holder": "Kepala Bagian Humas", "disposisi-note": "Mohon arahan"},
    )
    client.post(reverse("visits:decline", args=[visit.pk]), {"tolak-reason": "Bertepatan dengan HUT Kota"})
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DECLINED
    assert [e.kind for e in visit.events.all()] == ["received", "forwarded", "decided"]
    assert visit.events.all()[1].holder == "Kepala Bagian Humas"


def test_other_staff_can_not_decide_visits(client: Client, login_as: Any) -> None:
    login_as(Role.WRITER)
    RoomFactory(capacity=40)
    visit = submit_visit().visit
    assert client.get(reverse("visits:detail", args=[visit.pk])).status_code == 403
    assert client.post(reverse("visits:decline", args=[visit.pk]), {"tolak-reason": "x"}).status_code == 403


def test_letters_are_private_files_for_the_coordinator(client: Client, login_as: Any) -> None:
    login_as(Role.VISIT_COORDINATOR)
    RoomFactory(capacity=40)
    visit = submit_visit().visit
    response = client.get(reverse("visits:letter-file", args=[visit.pk, "permohonan"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"


def test_check_in_page_on_a_phone_records_arrival_once(client: Client, login_as: Any) -> None:
    coordinator = login_as(Role.VISIT_COORDINATOR)
    RoomFactory(capacity=40)
    visit = submit_visit().visit
    confirm_visit(visit, coordinator)
    visit.refresh_from_db()
    code = services.checkin_code(visit)
    with time_machine.travel(jakarta(2026, 3, 12, 8, 50), tick=False):
        page = client.get(reverse("visits:checkin") + f"?kode={code}")
        assert code in page.content.decode()
        done = client.post(reverse("visits:checkin"), {"code": code})
        assert done.status_code == 200 and "Tercatat tiba pukul" in done.content.decode()
        again = client.post(reverse("visits:checkin"), {"code": code})
    assert again.status_code == 400 and "sudah dipakai" in again.content.decode()
    bad = client.post(reverse("visits:checkin"), {"code": "kode-palsu"})
    assert "Kode kedatangan tidak sah." in bad.content.decode()


def test_attendance_pdf_spd_and_souvenirs(client: Client, login_as: Any) -> None:
    coordinator = login_as(Role.VISIT_COORDINATOR)
    RoomFactory(capacity=40)
    visit = submit_visit().visit
    confirm_visit(visit, coordinator)
    first = visit.participants.first()
    assert first is not None
    client.post(reverse("visits:attendance", args=[visit.pk]), {"hadir": [first.pk]})
    client.post(
        reverse("visits:day-record", args=[visit.pk]),
        {"hari-spd_signed": "on", "hari-spd_notes": "2 SPD", "hari-souvenirs_given": "Plakat"},
    )
    visit.refresh_from_db()
    assert visit.spd_signed and visit.souvenirs_given == "Plakat"
    assert list(visit.participants.filter(attended=True)) == [first]
    pdf = client.get(reverse("visits:attendance-pdf", args=[visit.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_report_with_photo_and_release_draft_from_the_pages(client: Client, login_as: Any) -> None:
    coordinator = login_as(Role.VISIT_COORDINATOR)
    RoomFactory(capacity=40)
    visit = submit_visit().visit
    confirm_visit(visit, coordinator)
    with time_machine.travel(jakarta(2026, 3, 12, 14), tick=False):
        bad = client.post(
            reverse("visits:report", args=[visit.pk]),
            {"attendance": "15", "summary": "Ringkas", "photos": SimpleUploadedFile("x.jpg", b"not an image")},
        )
        assert bad.status_code == 400 and "bukan gambar" in bad.content.decode()
        assert Visit.objects.get(pk=visit.pk).status == VisitStatus.CONFIRMED
        ok = client.post(
            reverse("visits:report", args=[visit.pk]),
            {"attendance": "15", "summary": "Diskusi PPID berjalan baik.", "photos": image_upload()},
        )
        assert ok.status_code == 302
        client.post(reverse("visits:release-draft", args=[visit.pk]))
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DONE and visit.release is not None
    page = client.get(reverse("visits:detail", args=[visit.pk])).content.decode()
    assert visit.release.title in page


def test_staff_calendar_month_and_week_and_private_feed(
    client: Client, login_as: Any, django_assert_max_num_queries: Any
) -> None:
    coordinator = login_as(Role.VISIT_COORDINATOR)
    RoomFactory(capacity=40)
    visit = submit_visit().visit
    confirm_visit(visit, coordinator)
    with django_assert_max_num_queries(12):
        month = client.get(reverse("visits:staff-calendar") + "?tanggal=2026-03-01")
    assert visit.institution in month.content.decode()
    week = client.get(reverse("visits:staff-calendar") + "?tampilan=minggu&tanggal=2026-03-12")
    assert visit.institution in week.content.decode()
    client.post(reverse("visits:feed-token"))
    page = client.get(reverse("visits:staff-calendar")).content.decode()
    url = page.split('id="feed-url">', 1)[1].split("<", 1)[0]
    token = url.rstrip("/").rsplit("/", 1)[1].removesuffix(".ics")
    assert StaffFeedToken.objects.get().token_hash == services.hash_token(token)
    feed = Client().get(reverse("visits:feed", args=[token]))
    assert feed.status_code == 200 and visit.institution.encode() in feed.content
    assert Client().get(reverse("visits:feed", args=["salah"])).status_code == 404


def test_statistics_page_csv_and_dashboard_panel(client: Client, login_as: Any) -> None:
    coordinator = login_as(Role.VISIT_COORDINATOR)
    RoomFactory(capacity=40)
    topic = TopicFactory(name="Protokol")
    confirm_visit(submit_visit(topic_ids=[topic.pk]).visit, coordinator)
    page = client.get(reverse("visits:statistics") + "?tahun=2026").content.decode()
    assert "Protokol" in page and "DPRD daerah lain" in page
    csv = client.get(reverse("visits:statistics-csv") + "?tahun=2026").content.decode("utf-8-sig")
    assert "Maret,1" in csv and "Protokol,1" in csv
    assert "10.0" in csv  # requested 2 March, visit 12 March
    from visits.dashboard import panels

    [panel] = panels(coordinator)
    assert panel.counters[1].value == 0 and panel.counters[0].value == 0


def test_blackouts_are_managed_by_staff_and_close_the_calendar(client: Client, login_as: Any) -> None:
    login_as(Role.VISIT_COORDINATOR)
    RoomFactory(capacity=40)
    response = client.post(
        reverse("visits:blackouts"), {"start_date": "2026-03-12", "end_date": "2026-03-13", "reason": "Rakor"}
    )
    assert response.status_code == 302
    bad = client.post(
        reverse("visits:blackouts"), {"start_date": "2026-03-13", "end_date": "2026-03-12", "reason": "Salah"}
    )
    assert bad.status_code == 400 and Blackout.objects.count() == 1
    refused = post_request(Client())
    assert "Tidak menerima kunjungan: Rakor." in refused.content.decode()


def test_holds_release_after_their_days(client: Client) -> None:
    RoomFactory(capacity=40)
    visit = submit_visit().visit
    services.holds_expire(now=NOW + timedelta(days=6))
    visit.refresh_from_db()
    assert not visit.holds_slot


def test_reply_letter_only_for_a_confirmed_visit(client: Client, login_as: Any) -> None:
    coordinator = login_as(Role.VISIT_COORDINATOR)
    RoomFactory(capacity=40)
    submitted = submit_visit()
    visit = submitted.visit
    assert client.get(reverse("visits:reply-letter", args=[visit.pk])).status_code == 404
    assert Client().get(services.status_path(visit, submitted.token) + "surat-balasan.pdf").status_code == 404
    confirm_visit(visit, coordinator)
    letter = client.get(reverse("visits:reply-letter", args=[visit.pk]))
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")


def test_feed_of_a_user_who_lost_the_role_stops_working(client: Client, login_as: Any) -> None:
    user = login_as(Role.VISIT_COORDINATOR)
    client.post(reverse("visits:feed-token"))
    url = client.get(reverse("visits:staff-calendar")).content.decode().split('id="feed-url">', 1)[1].split("<", 1)[0]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert Client().get(reverse("visits:feed", args=[token])).status_code == 200
    user.groups.clear()
    from humas.models import User

    fresh = User.objects.get(pk=user.pk)  # a new request loads the user without cached permissions
    assert not fresh.has_perm("visits.view_visit")
    assert Client().get(reverse("visits:feed", args=[token])).status_code == 404


def test_dashboard_shows_the_visits_panel_to_the_coordinator(client: Client, login_as: Any) -> None:
    login_as(Role.VISIT_COORDINATOR)
    RoomFactory(capacity=40)
    submit_visit()
    html = client.get(reverse("humas:dashboard")).content.decode()
    assert "Permohonan menunggu keputusan" in html
    assert 'href="/kunjungan/staf/"' in html
