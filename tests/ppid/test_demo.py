"""`seed_demo`'s PPID part: every DIP category, requests in every state, fictitious scans; idempotent."""

from __future__ import annotations

from collections import Counter

import pytest
from django.utils import timezone
from PIL import Image

from humas import demo as core_demo
from ppid import demo
from ppid.deadlines import REMINDER_DAYS, DaysLeft
from ppid.models import DipCategory, DipDocument, DipItem, InfoRequest, Objection, ServiceInfo
from ppid.nik import validate_nik

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (DipItem, DipDocument, InfoRequest, Objection, ServiceInfo))


def test_demo_covers_every_category_and_state_and_seeding_twice_changes_nothing() -> None:
    lines: list[str] = []
    core_demo.seed(out=lines.append)
    demo.seed(out=lines.append)
    first = counts()
    demo.seed(out=lines.append)
    assert counts() == first
    assert "PPID:" in lines[-1]

    assert {item.category for item in DipItem.objects.all()} == set(DipCategory.values)
    assert not DipDocument.objects.filter(item__category=DipCategory.EXEMPT).exists()
    assert DipDocument.objects.exists()
    statuses = Counter(InfoRequest.objects.values_list("status", flat=True))
    assert set(statuses) == {"received", "in_process", "extended", "answered", "closed"}
    today = timezone.localdate()
    open_requests = list(InfoRequest.objects.open())
    left = DaysLeft(today, [r.deadline for r in open_requests])
    assert any(0 <= left(r.deadline) <= REMINDER_DAYS[0] for r in open_requests)  # due soon
    assert any(left(r.deadline) < 0 for r in open_requests)  # overdue
    assert InfoRequest.objects.filter(extended_at__isnull=False).count() == 1
    objection = Objection.objects.select_related("request").get()
    assert (objection.request.decision, objection.request.refusal_basis) == ("refused", "exempt")
    assert objection.request.dip_item is not None and objection.request.dip_item.is_exempt
    for request in InfoRequest.objects.all():
        validate_nik(request.nik)
        assert request.email.endswith("@contoh.example")
        with request.identity_document.open("rb") as scan, Image.open(scan) as image:
            assert image.format == "JPEG" and image.size == (856, 540)
