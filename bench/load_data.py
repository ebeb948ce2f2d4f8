"""The realistic data set behind ``bench/loadtest.py``, written once into its own database.

10,000 published releases (from ``bench_releases.fill``), 5,000 journalists over 120 outlets,
100,000 PPID requests over 2024-2026 in every state, 5,000 confirmed visits, and 20 press
kits built the way the worker builds them. Bulk inserts, so a fresh database fills in about
two minutes; an already filled one is left as it is.

Tracking links of the first 2,000 requests use the token ``load-<id>`` so the driver can
open them; that is the only thing here a real data set would not have.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

RELEASES = 10_000
JOURNALISTS = 5_000
REQUESTS = 100_000
TRACKED = 2_000


def fill_all(out: Any = print) -> None:
    from bench_releases import fill as fill_releases  # same folder; the driver puts it on sys.path

    fill_releases(RELEASES)
    out("releases ready")
    fill_journalists()
    out("journalists ready")
    fill_requests()
    out("PPID requests ready")
    fill_visits(out)
    build_presskits()
    out("press kits ready")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def fill_journalists() -> None:
    from django.utils import timezone

    from media_relations.models import Journalist, Outlet

    if Journalist.objects.count() >= JOURNALISTS:
        return
    kinds = [k for k, _ in Outlet.Kind.choices]
    outlets = Outlet.objects.bulk_create(
        [Outlet(name=f"Media Uji {n}", kind=kinds[n % len(kinds)], coverage_area="Jawa Barat") for n in range(120)]
    )
    now = timezone.now()
    Journalist.objects.bulk_create(
        [
            Journalist(
                name=f"Wartawan Uji {n}",
                outlet=outlets[n % len(outlets)],
                email=f"wartawan{n}@media-uji.example",
                phone=f"0812{n:08d}",
                verification=Journalist.Verification.VERIFIED if n % 3 else Journalist.Verification.UNVERIFIED,
                verified_at=now if n % 3 else None,
                consent_at=now,
                consent_source=Journalist.ConsentSource.FORM,
            )
            for n in range(JOURNALISTS)
        ],
        batch_size=2000,
    )


def _request_row(n: int, rng: random.Random, start: date) -> dict[str, Any]:
    from ppid.models import Decision, Status

    received = start + timedelta(days=n * 1000 // REQUESTS)
    due = received + timedelta(days=14)
    row: dict[str, Any] = {"received": received, "due": due, "status": Status.RECEIVED, "decision": ""}
    roll = rng.random()
    if received < date(2026, 11, 1) or roll < 0.9:
        row["status"] = Status.CLOSED
        row["decision"] = rng.choice([Decision.GRANTED] * 6 + [Decision.PARTLY_GRANTED] * 2 + [Decision.REFUSED])
        row["answered"] = received + timedelta(days=rng.randint(1, 17))
        row["working_days"] = rng.randint(1, 12)
    elif roll < 0.95:
        row["status"] = Status.IN_PROCESS
    return row


def fill_requests() -> None:
    from django.utils import timezone

    from ppid.models import Decision, InfoRequest, ObtainMethod, RefusalBasis, RegisterCounter, RequesterType
    from ppid.numbering import format_number
    from ppid.services import hash_token

    if InfoRequest.objects.count() >= REQUESTS:
        return
    rng = random.Random(14)
    start = date(2024, 3, 1)
    rows, last = [], {}
    for n in range(REQUESTS):
        row = _request_row(n, rng, start)
        received: date = row["received"]
        last[received.year] = last.get(received.year, 0) + 1
        sequence = last[received.year]
        at = timezone.make_aware(datetime.combine(received, datetime.min.time()) + timedelta(hours=9))
        answered = row.get("answered")
        rows.append(
            InfoRequest(
                number=format_number(sequence, RegisterCounter.Register.REQUEST, received),
                year=received.year,
                sequence=sequence,
                requester_type=RequesterType.INDIVIDUAL,
                name=f"Pemohon Uji {n}",
                nik=f"3273{n % 100:02d}0101900{n % 1000:03d}"[:16],
                address="Jl. Uji No. 1",
                phone=f"0813{n:08d}",
                email=f"pemohon{n}@contoh.example",
                information=f"Salinan dokumen anggaran kegiatan nomor {n}",
                purpose="Penelitian",
                obtain_method=ObtainMethod.SOFT_COPY,
                delivery_method="email",
                token_hash=hash_token(f"load-{n}"),
                received_at=at,
                received_date=received,
                due_date=row["due"],
                deadline=row["due"],
                status=row["status"],
                decision=row["decision"],
                refusal_basis=RefusalBasis.NOT_HELD if row["decision"] == Decision.REFUSED else "",
                answer="Informasi diberikan dalam bentuk salinan elektronik." if answered else "",
                answered_at=at + timedelta(days=(answered - received).days) if answered else None,
                answered_date=answered,
                working_days_to_answer=row.get("working_days"),
                closed_at=at + timedelta(days=20) if answered else None,
            )
        )
    InfoRequest.objects.bulk_create(rows, batch_size=5000)
    for year, count in last.items():
        RegisterCounter.objects.update_or_create(
            register=RegisterCounter.Register.REQUEST, year=year, defaults={"last": count}
        )


def fill_visits(out: Any) -> None:
    """5,000 confirmed visits over the next twelve months, as bench_visits.py lays them out."""
    from bench_visits import fill_year  # same folder

    fill_year()
    out("visits ready")


def build_presskits() -> None:
    from releases.models import Release
    from releases.tasks import build_presskit

    for release in Release.objects.public().order_by("-publish_at")[:20]:
        if not release.presskit_file:
            build_presskit(release.pk)
