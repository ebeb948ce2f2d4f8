"""Demo data for visits: rooms, receiving rules, topics, a blackout period and visits in every
state (requested, proposed, confirmed, declined, cancelled, done with a report). Idempotent:
each visit is keyed by its institution's name."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from humas.models import User
from visits import availability, services
from visits.models import Blackout, ReceivingRule, Room, Topic, Visit

ROOMS = [
    ("Ruang Rapat Humas", "Gedung Sate Lt. 2", 25),
    ("Aula Pendopo", "Pendopo Kota", 120),
]
TOPICS = ["Kehumasan", "Media sosial", "PPID", "Protokol", "Publikasi dan dokumentasi"]
# Tuesday, Wednesday and Thursday, 08:00-15:00.
RULES = [(1, time(8), time(15)), (2, time(8), time(15)), (3, time(8), time(15))]

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# institution, kind, leader, position, participants, topics, final state
VISITS = [
    ("DPRD Kabupaten Sukamaju", "dprd", "H. Ahmad Fauzi", "Ketua Komisi I", 18, ["Media sosial"], "requested"),
    ("Universitas Harapan Bangsa", "education", "Dr. Lina Kusuma", "Dekan FISIP", 40, ["Kehumasan"], "proposed"),
    ("Pemerintah Kabupaten Sindangsari", "regional", "Drs. Bambang", "Kabag Prokopim", 15, ["PPID"], "confirmed"),
    ("Kementerian Komunikasi", "central", "Ir. Hendra Wijaya", "Direktur", 10, ["Protokol"], "declined"),
    ("SMA Negeri 3 Harapan Jaya", "education", "Sri Wahyuni, M.Pd.", "Kepala Sekolah", 30, ["Kehumasan"], "cancelled"),
    (
        "DPRD Kota Mekarsari",
        "dprd",
        "Hj. Nani Suryani",
        "Wakil Ketua",
        20,
        ["Media sosial", "Publikasi dan dokumentasi"],
        "done",
    ),
]


def _photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), "#35608f").save(buffer, "JPEG")
    return SimpleUploadedFile("kunjungan.jpg", buffer.getvalue(), content_type="image/jpeg")


def _available_days(count: int) -> list[date]:
    today = timezone.localdate()
    span = availability.Availability(today, today + timedelta(days=120), today=today)
    days = [today + timedelta(days=n) for n in range(1, 121)]
    return [day for day in days if span.status(day).is_available][:count]


def seed(*, out: Callable[[str], None]) -> None:
    rooms = [
        Room.objects.get_or_create(name=name, defaults={"location": location, "capacity": capacity})[0]
        for name, location, capacity in ROOMS
    ]
    for weekday, start, end in RULES:
        ReceivingRule.objects.get_or_create(weekday=weekday, defaults={"start_time": start, "end_time": end})
    topics = {name: Topic.objects.get_or_create(name=name)[0] for name in TOPICS}
    today = timezone.localdate()
    Blackout.objects.get_or_create(
        reason="Rangkaian Hari Jadi Kota",
        defaults={"start_date": today + timedelta(days=45), "end_date": today + timedelta(days=47)},
    )
    coordinator = User.objects.filter(groups__name="Koordinator Kunjungan").order_by("pk").first()
    if coordinator is None:
        out("visits: tidak ada koordinator kunjungan; lewati data kunjungan")
        return
    days = iter(_available_days(len(VISITS) * 2))
    created = 0
    for institution, kind, leader, position, count, topic_names, state in VISITS:
        if Visit.objects.filter(institution=institution).exists():
            continue
        day = next(days)
        begins = datetime.combine(day, time(9), tzinfo=availability.local_zone())
        data = services.VisitData(
            institution=institution,
            kind=kind,
            leader_name=leader,
            leader_position=position,
            contact_name="Narahubung " + institution.split()[-1],
            contact_phone="081234567890",
            contact_email=f"kunjungan@{institution.split()[-1].lower()}.example.id",
            participants_count=count,
            purpose="Studi banding tata kelola kehumasan pemerintah daerah",
            preferred_start=begins,
            topic_ids=[topics[name].pk for name in topic_names],
            participants=[(leader, position), ("Staf Pendamping", "Pelaksana")],
        )
        visit = services.visit_submit(data=data, request_letter=SimpleUploadedFile("surat.pdf", PDF)).visit
        _advance(visit, state, coordinator, rooms, begins)
        created += 1
    out(f"visits: {Room.objects.count()} ruangan, {created} kunjungan baru")


def _advance(visit: Visit, state: str, coordinator: User, rooms: list[Room], start: datetime) -> None:
    room = rooms[1] if visit.participants_count > rooms[0].capacity else rooms[0]
    end = start + timedelta(hours=2)
    if state == "proposed":
        later = start + timedelta(hours=4)  # the afternoon of the same day
        services.visit_propose(
            visit_id=visit.pk, actor=coordinator, start=later, end=later + timedelta(hours=2), room_id=room.pk
        )
    elif state in ("confirmed", "cancelled"):
        services.visit_approve(
            visit_id=visit.pk, actor=coordinator, start=start, end=end, room_id=room.pk, host_ids=[coordinator.pk]
        )
        if state == "cancelled":
            services.visit_cancel(visit_id=visit.pk, actor=None, reason="Anggaran perjalanan dinas ditunda")
    elif state == "declined":
        services.visit_decline(visit_id=visit.pk, actor=coordinator, reason="Pimpinan sedang tugas luar daerah")
    elif state == "done":
        past = start - timedelta(days=90)
        services.visit_approve(
            visit_id=visit.pk,
            actor=coordinator,
            start=past,
            end=past + timedelta(hours=2),
            room_id=room.pk,
            host_ids=[coordinator.pk],
            agenda="Paparan pengelolaan media sosial; diskusi; kunjungan ke ruang media center",
        )
        services.report_save(
            visit_id=visit.pk,
            actor=coordinator,
            attendance=visit.participants_count,
            summary="Rombongan mempelajari pengelolaan kanal media sosial dan layanan PPID.",
            follow_ups="Mengirimkan SOP pengelolaan media sosial.",
            photos=[_photo()],
        )
        services.visit_create_release_draft(visit_id=visit.pk, actor=coordinator)
