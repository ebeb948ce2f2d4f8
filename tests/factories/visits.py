"""Builders for visits tests: requests and bookings go through the real services."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import factory

from humas.models import User
from tests.helpers import pdf_upload
from visits import services
from visits.models import ReceivingRule, Room, Topic, Visit

JAKARTA = ZoneInfo("Asia/Jakarta")


def jakarta(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=JAKARTA)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    name = factory.Sequence(lambda n: f"Ruang Rapat {n}")
    location = "Gedung Sate Lt. 2"
    capacity = 40


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = factory.Iterator(["Kehumasan", "Media sosial", "PPID", "Protokol"])


def receiving_rules(*weekdays: int, start: time = time(8), end: time = time(12)) -> list[ReceivingRule]:
    return [ReceivingRule.objects.create(weekday=day, start_time=start, end_time=end) for day in weekdays]


def visit_data(**overrides: Any) -> services.VisitData:
    values: dict[str, Any] = {
        "institution": "DPRD Kabupaten Sukamaju",
        "kind": "dprd",
        "leader_name": "H. Ahmad Fauzi",
        "leader_position": "Ketua Komisi I",
        "contact_name": "Rina Marlina",
        "contact_phone": "081234567890",
        "contact_email": "rina@dprd-sukamaju.go.id",
        "participants_count": 20,
        "purpose": "Studi banding pengelolaan media sosial pemerintah daerah",
        "preferred_start": jakarta(2026, 3, 12, 9),
        "participants": [("H. Ahmad Fauzi", "Ketua Komisi I"), ("Dedi Supriadi", "Anggota")],
    }
    values.update(overrides)
    return services.VisitData(**values)


def submit_visit(*, join_waiting_list: bool = False, **overrides: Any) -> services.Submitted:
    return services.visit_submit(
        data=visit_data(**overrides), request_letter=pdf_upload(), join_waiting_list=join_waiting_list
    )


def confirm_visit(
    visit: Visit, actor: User, *, room: Room | None = None, start: datetime | None = None, hours: int = 2, **kw: Any
) -> services.Booking:
    start = start or visit.preferred_start
    room = room or visit.room
    assert room is not None
    return services.visit_approve(
        visit_id=visit.pk, actor=actor, start=start, end=start + timedelta(hours=hours), room_id=room.pk, **kw
    )
