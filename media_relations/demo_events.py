"""Demo data for press conferences and coverage: an upcoming press conference with RSVPs, a past
one with attendance, and coverage items linked to the demo releases. Idempotent.

Called from media_relations/demo.py (after the directory demo); it also works alone, creating
the few outlets and journalists it needs when the directory is empty.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.text import slugify

from humas.models import User
from media_relations.coverage_services import normalise_url
from media_relations.models import CoverageItem, Journalist, Medium, Outlet, Tone
from media_relations.models_events import Event, Invitation, hash_token
from releases.models import Release

OUTLETS = [
    ("Harian Harapan Jaya", Outlet.Kind.PRINT, Medium.PRINT),
    ("HarapanJaya Online", Outlet.Kind.ONLINE, Medium.ONLINE),
    ("TVRI Stasiun Daerah", Outlet.Kind.TV, Medium.TV),
    ("Radio Suara Kota", Outlet.Kind.RADIO, Medium.RADIO),
    ("Antara Biro Daerah", Outlet.Kind.AGENCY, Medium.AGENCY),
    ("Warta Nusantara Daring", Outlet.Kind.ONLINE, Medium.ONLINE),
]
JOURNALISTS = [
    ("Rina Oktaviani", "rina.oktaviani@harian-harapan.example", 0),
    ("Bayu Pratama", "bayu.pratama@harapanjaya-online.example", 1),
    ("Dewi Lestari", "dewi.lestari@tvri-daerah.example", 2),
    ("Agus Salim", "agus.salim@suarakota.example", 3),
    ("Maya Putri", "maya.putri@antara-daerah.example", 4),
    ("Fajar Nugroho", "fajar.nugroho@wartanusantara.example", 5),
]
UPCOMING = "Jumpa Pers Persiapan Hari Jadi Kota Harapan Jaya"
PAST = "Jumpa Pers Capaian Program Kesehatan Gratis"


def _outlets() -> list[Outlet]:
    found = []
    for name, kind, _medium in OUTLETS:
        outlet = Outlet.objects.filter(name__iexact=name).first() or Outlet.objects.create(name=name, kind=kind)
        found.append(outlet)
    return found


def _journalists(outlets: list[Outlet]) -> list[Journalist]:
    mailable = list(
        Journalist.objects.filter(
            consent_at__isnull=False, bounced_at__isnull=True, unsubscribed_at__isnull=True
        ).order_by("pk")[:6]
    )
    if len(mailable) >= 5:
        return mailable
    now = timezone.now()
    people = []
    for name, email, outlet_index in JOURNALISTS:
        journalist = Journalist.objects.filter(email__iexact=email).first() or Journalist.objects.create(
            name=name, email=email, outlet=outlets[outlet_index], consent_at=now,
            consent_source=Journalist.ConsentSource.FORM,
        )  # fmt: skip
        people.append(journalist)
    return people


def _at(day: datetime, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day.date(), time(hour)))


def _event(title: str, start: datetime, *, officer: User, releases: list[Release], capacity: int) -> tuple[Event, bool]:
    existing = Event.objects.filter(title=title).first()
    if existing is not None:
        return existing, False
    event = Event.objects.create(
        title=title, starts_at=start, ends_at=start + timedelta(hours=2), place="Ruang Rapat Utama, Balai Kota",
        host_officials="Wali Kota Harapan Jaya\nSekretaris Daerah\nKepala Bagian Humas", capacity=capacity,
        topics="Agenda, capaian, dan tanya jawab dengan wartawan.", created_by=officer,
    )  # fmt: skip
    event.releases.set(releases)
    return event, True


def _invite(event: Event, journalists: list[Journalist], answers: list[tuple[str, int]], *, officer: User,
            checked_in: bool = False) -> None:  # fmt: skip
    now = timezone.now()
    for journalist, (response, crew) in zip(journalists, answers, strict=False):
        responded = response != Invitation.Response.PENDING
        Invitation.objects.create(
            event=event, journalist=journalist, token_hash=hash_token(f"demo-{event.pk}-{journalist.pk}"),
            response=response, crew_count=crew, responded_at=now if responded else None,
            sent_at=now, invited_by=officer,
            checked_in_at=event.starts_at + timedelta(minutes=10) if checked_in and response == "yes" else None,
            checked_in_by=officer if checked_in and response == "yes" else None,
        )  # fmt: skip


def _coverage(releases: list[Release], outlets: list[Outlet], officer: User) -> int:
    rng = random.Random(5)
    kinds = {name: medium for name, _kind, medium in OUTLETS}
    tones = [Tone.POSITIVE, Tone.POSITIVE, Tone.NEUTRAL, Tone.NEUTRAL, Tone.NEUTRAL, Tone.NEGATIVE]
    items: list[tuple[Outlet, Release | None, str, str, datetime]] = []
    for rel in releases:
        published = rel.went_public_at or rel.publish_at or timezone.now()
        for outlet in rng.sample(outlets, k=rng.randint(2, len(outlets))):
            url = f"https://{slugify(outlet.name)}.example/berita/{rel.slug}"
            items.append((outlet, rel, f"{rel.title} ({outlet.name})", url,
                          published + timedelta(hours=rng.choice([1, 2, 4, 8, 20, 30, 70]))))  # fmt: skip
    now = timezone.now()
    for index in range(60):  # a year of coverage of other news, so the trend has a shape
        outlet = outlets[index % len(outlets)]
        when = now - timedelta(days=rng.randint(0, 360), hours=rng.randint(0, 23))
        items.append((outlet, None, f"Kabar kota pekan ini #{index + 1}",
                      f"https://{slugify(outlet.name)}.example/kabar/{index + 1}", when))  # fmt: skip
    created = 0
    for outlet, release, title, url, when in items:
        if when > now or CoverageItem.objects.filter(url_key=normalise_url(url)).exists():
            continue
        CoverageItem.objects.create(
            outlet=outlet, title=title[:400], url=url, url_key=normalise_url(url), published_at=when,
            medium=kinds.get(outlet.name, Medium.ONLINE), tone=rng.choice(tones),
            reach=rng.choice([None, 5_000, 12_000, 40_000, 150_000]), release=release, logged_by=officer,
        )  # fmt: skip
        created += 1
    return created


def seed(*, out: Callable[[str], None]) -> None:
    officer = User.objects.filter(username="media").first() or User.objects.filter(is_staff=True).order_by("pk").first()
    if officer is None:
        out("Data demo acara/kliping dilewati: belum ada pengguna staf.")
        return
    outlets = _outlets()
    journalists = _journalists(outlets)
    published = list(Release.objects.filter(status=Release.Status.PUBLISHED).order_by("-publish_at"))
    today = timezone.localtime()
    upcoming, new = _event(
        UPCOMING, _at(today + timedelta(days=5), 9), officer=officer, releases=published[:1], capacity=25
    )
    if new:
        Y, M, N, P = (Invitation.Response.YES, Invitation.Response.MAYBE, Invitation.Response.NO,
                      Invitation.Response.PENDING)  # fmt: skip
        _invite(upcoming, journalists, [(Y, 2), (Y, 1), (M, 0), (N, 0), (P, 0), (Y, 0)], officer=officer)
    past, new = _event(PAST, _at(today - timedelta(days=12), 10), officer=officer, releases=published[1:3], capacity=40)
    if new:
        answers = [("yes", 1), ("yes", 0), ("yes", 2), ("no", 0), ("maybe", 0), ("yes", 0)]
        _invite(past, journalists, answers, officer=officer, checked_in=True)
    created = _coverage(published, outlets, officer)
    out(f"Acara media: 2 jumpa pers; kliping: {created} baru ({CoverageItem.objects.count()} seluruhnya).")
