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


def _at(moment: datetime) -> Any:
    import time_machine

    return time_machine.travel(moment, tick=False)


def answer_at(submitted: Submitted, moment: datetime, decision: str = "granted", **fields: Any) -> None:
    """Answer a request as an officer would, on the given office-local day."""
    from humas.roles import Role
    from ppid.services import AnswerData, request_transition
    from tests.factories.humas import staff_user

    officer = fields.pop("officer", None) or staff_user(Role.PPID_OFFICER)
    with _at(moment):
        answer = AnswerData(decision=decision, answer=fields.pop("answer", "Jawaban terlampir."), **fields)
        request_transition(request_id=submitted.request.pk, to="answered", actor=officer, answer=answer)
    submitted.request.refresh_from_db()


def varied_year() -> dict[str, Any]:
    """A 2026 register covering every outcome, refusal reason, extension, lateness, objection and
    dispute (plus one 2025 request objected to in 2026). Working days noted per request."""
    from humas.roles import Role
    from ppid.models import Objection
    from ppid.services import (
        objection_decide,
        objection_file,
        objection_record_dispute,
        objection_record_outcome,
        request_transition,
    )
    from tests.factories.humas import staff_user

    officer = staff_user(Role.PPID_OFFICER)
    superior = staff_user(Role.PPID_SUPERIOR)
    exempt = ExemptDipItemFactory(number="K-001")
    r = {}
    r["old"] = submit(jakarta(2025, 12, 15), name="Pemohon Lama")
    answer_at(r["old"], jakarta(2025, 12, 16), officer=officer)  # 1 working day
    r["jan_fast"] = submit(jakarta(2026, 1, 5), name="Andi")
    answer_at(r["jan_fast"], jakarta(2026, 1, 7), officer=officer)  # 2
    r["jan_partly"] = submit(jakarta(2026, 1, 5), name="Bunga")
    answer_at(r["jan_partly"], jakarta(2026, 1, 19), "partly_granted", officer=officer)  # 9 (16 Jan Isra Mikraj)
    r["feb_not_held"] = submit(jakarta(2026, 2, 2), name="Citra")
    answer_at(r["feb_not_held"], jakarta(2026, 2, 4), "refused", refusal_basis="not_held", officer=officer)  # 2
    r["feb_exempt"] = submit(jakarta(2026, 2, 2), name="Dedi")
    answer_at(
        r["feb_exempt"], jakarta(2026, 2, 13), "refused", refusal_basis="exempt", dip_item=exempt, officer=officer
    )  # 9
    r["apr_extended"] = submit(jakarta(2026, 4, 1), name="Eka")  # due 16 April, extended to 27 April
    with _at(jakarta(2026, 4, 2)):
        request_transition(
            request_id=r["apr_extended"].request.pk, to="extended", actor=officer, extension_reason="Data di OPD lain"
        )
    answer_at(r["apr_extended"], jakarta(2026, 4, 29), officer=officer)  # 19, late
    r["may_late"] = submit(jakarta(2026, 5, 4), name="Fajar")  # due 20 May
    answer_at(r["may_late"], jakarta(2026, 5, 22), fee=5000, officer=officer)  # 12, late
    r["jul_open"] = submit(jakarta(2026, 7, 6), name="Gita")
    r["jul_closed"] = submit(jakarta(2026, 7, 6), name="Hadi")
    answer_at(r["jul_closed"], jakarta(2026, 7, 7), officer=officer)  # 1
    with _at(jakarta(2026, 7, 8)):
        request_transition(request_id=r["jul_closed"].request.pk, to="closed", actor=officer)

    o = {}
    with _at(jakarta(2026, 1, 5)):
        o["old"] = objection_file(request_id=r["old"].request.pk, reasons=["d"], description="Tidak sesuai")
    with _at(jakarta(2026, 1, 12)):
        objection_decide(objection_id=o["old"].pk, actor=superior, decision="rejected", text="Sudah sesuai")
    with _at(jakarta(2026, 2, 10)):
        o["not_held"] = objection_file(request_id=r["feb_not_held"].request.pk, reasons=["e"], description="Ada")
    with _at(jakarta(2026, 2, 20)):
        objection_decide(objection_id=o["not_held"].pk, actor=superior, decision="upheld", text="Diberikan")
    with _at(jakarta(2026, 2, 18)):
        o["exempt"] = objection_file(request_id=r["feb_exempt"].request.pk, reasons=["a", "e"], description="Publik")
    with _at(jakarta(2026, 2, 25)):
        objection_decide(objection_id=o["exempt"].pk, actor=superior, decision="rejected", text="Tetap dikecualikan")
    with _at(jakarta(2026, 3, 2)):
        objection_record_dispute(objection_id=o["exempt"].pk, actor=None, filed_date=jakarta(2026, 3, 2).date())
    with _at(jakarta(2026, 4, 20)):
        objection_record_outcome(objection_id=o["exempt"].pk, actor=officer, outcome="mediated", note="Mediasi")
    with _at(jakarta(2026, 5, 25)):
        o["late"] = objection_file(request_id=r["may_late"].request.pk, reasons=["g", "f"], description="Terlambat")
    for key, objection in o.items():
        o[key] = Objection.objects.get(pk=objection.pk)
    return {"requests": r, "objections": o, "officer": officer, "superior": superior, "exempt_item": exempt}
