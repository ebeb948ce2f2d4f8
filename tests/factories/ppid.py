"""Builders for PPID tests: requests go through the real service so numbers and deadlines are real."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import factory

from humas.models import Unit
from ppid.models import DipCategory, DipItem, RequesterType
from ppid.services import RequesterData, Submitted, request_submit
from tests.helpers import image_upload

JAKARTA = ZoneInfo("Asia/Jakarta")
VALID_NIK = "3273015708900002"  # Bandung, woman born 17-08-1990


def jakarta(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=JAKARTA)


def requester_data(**overrides: Any) -> RequesterData:
    values: dict[str, Any] = {
        "requester_type": RequesterType.INDIVIDUAL,
        "name": "Sri Lestari",
        "nik": VALID_NIK,
        "address": "Jl. Melati No. 7, Harapan Jaya",
        "phone": "081234567890",
        "email": "sri.lestari@example.id",
        "occupation": "Wiraswasta",
        "information": "Salinan APBD 2026 beserta lampirannya",
        "purpose": "Kajian anggaran warga",
        "obtain_method": "soft_copy",
        "delivery_method": "email",
    }
    values.update(overrides)
    return RequesterData(**values)


def submit(received_at: datetime | None = None, **overrides: Any) -> Submitted:
    return request_submit(
        data=requester_data(**overrides), identity_document=image_upload("ktp.jpg"), received_at=received_at
    )


class DipItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DipItem

    number = factory.Sequence(lambda n: f"DIP-{n:04d}")
    summary = factory.Sequence(lambda n: f"Laporan keuangan daerah bagian {n}")
    category = DipCategory.PERIODIC
    unit = factory.LazyFunction(
        lambda: Unit.objects.get_or_create(
            short_name="Diskominfo", defaults={"name": "Dinas Komunikasi dan Informatika", "slug": "diskominfo"}
        )[0]
    )
    responsible_official = "Kepala Dinas Komunikasi dan Informatika"
    created_when = "2026"
    created_where = "Harapan Jaya"
    formats = "PDF, cetak"
    retention_period = "10 tahun"


class ExemptDipItemFactory(DipItemFactory):
    category = DipCategory.EXEMPT
    summary = "Data pribadi pegawai (rekam medis)"
    exempt_ground = "h"
    consequence_test = "Membuka rekam medis mengungkap rahasia pribadi; kerugiannya lebih besar daripada manfaatnya."
