"""Demo data for media relations: outlets, beats, journalists (some verified with accounts,
one pending), and a distribution list. Idempotent (keyed by names and emails).

Press conferences and coverage come from ``media_relations/demo_events.py`` when it exists."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable

from django.contrib.auth.models import Group
from django.utils import timezone

from humas.demo import demo_password
from humas.models import User
from humas.roles import VERIFIED_JOURNALISTS
from media_relations.models import Beat, DistributionList, Journalist, Outlet

BEATS = ["Pemerintahan", "Kesehatan", "Ekonomi", "Pendidikan", "Infrastruktur"]
# name, kind, area, website
OUTLETS = [
    ("Harian Harapan Jaya", Outlet.Kind.PRINT, "Kota Harapan Jaya", "https://harianharapanjaya.example.id"),
    ("Jaya Online", Outlet.Kind.ONLINE, "Provinsi Jaya", "https://jayaonline.example.id"),
    ("TV Jaya", Outlet.Kind.TV, "Provinsi Jaya", "https://tvjaya.example.id"),
    ("Radio Suara Kota", Outlet.Kind.RADIO, "Kota Harapan Jaya", ""),
    ("Kantor Berita Nusantara Biro Jaya", Outlet.Kind.AGENCY, "Nasional", "https://kbn.example.id"),
]
# name, outlet, email, phone, beats, state ("verified" with an account, "pending", "contact")
JOURNALISTS = [
    (
        "Rina Kartika",
        "Harian Harapan Jaya",
        "rina@harianharapanjaya.example.id",
        "081211110001",
        ["Pemerintahan"],
        "verified",
    ),
    (
        "Bayu Pratama",
        "Jaya Online",
        "bayu@jayaonline.example.id",
        "081211110002",
        ["Ekonomi", "Pemerintahan"],
        "verified",
    ),
    ("Sari Wulandari", "TV Jaya", "sari@tvjaya.example.id", "081211110003", ["Kesehatan"], "verified"),
    ("Dimas Saputra", "Radio Suara Kota", "dimas@suarakota.example.id", "081211110004", ["Infrastruktur"], "pending"),
    (
        "Lestari Ayu",
        "Kantor Berita Nusantara Biro Jaya",
        "lestari@kbn.example.id",
        "081211110005",
        ["Pendidikan"],
        "contact",
    ),
    ("Yusuf Hidayat", "Jaya Online", "yusuf@jayaonline.example.id", "081211110006", ["Kesehatan"], "contact"),
]
LIST_NAME = "Wartawan Balai Kota"


def seed(*, out: Callable[[str], object]) -> None:
    beats = {name: Beat.objects.get_or_create(slug=name.lower(), defaults={"name": name})[0] for name in BEATS}
    outlets = {}
    for name, kind, area, website in OUTLETS:
        outlets[name], _created = Outlet.objects.get_or_create(
            name=name, defaults={"kind": kind, "coverage_area": area, "website": website}
        )
    group = Group.objects.get(name=VERIFIED_JOURNALISTS)
    journalists = [_journalist(row, beats, outlets, group) for row in JOURNALISTS]
    members, _created = DistributionList.objects.get_or_create(
        name=LIST_NAME, defaults={"description": "Wartawan yang meliput Pemerintah Kota setiap hari."}
    )
    members.members.add(*journalists)
    out(f"Hubungan media: {len(outlets)} media, {len(journalists)} wartawan, daftar “{LIST_NAME}”.")
    _seed_events(out)


def _journalist(
    row: tuple[str, str, str, str, list[str], str], beats: dict[str, Beat], outlets: dict[str, Outlet], group: Group
) -> Journalist:
    name, outlet, email, phone, beat_names, state = row
    now = timezone.now()
    journalist, created = Journalist.objects.get_or_create(
        email=email,
        defaults={
            "name": name,
            "outlet": outlets[outlet],
            "phone": phone,
            "press_card_number": f"PWI-{phone[-4:]}" if state != "contact" else "",
            "press_card_issuer": "PWI Provinsi Jaya" if state != "contact" else "",
            "consent_at": now,
            "consent_source": Journalist.ConsentSource.REGISTRATION
            if state != "contact"
            else Journalist.ConsentSource.FORM,
            "verification": {"verified": "verified", "pending": "pending"}.get(state, "unverified"),
            "verified_at": now if state == "verified" else None,
        },
    )
    if created:
        journalist.beats.set([beats[b] for b in beat_names])
    if state != "contact" and journalist.user is None:
        username = email.split("@", 1)[0]
        user, _new = User.objects.get_or_create(
            username=f"wartawan-{username}", defaults={"email": email, "first_name": name}
        )
        if _new:
            user.set_password(demo_password(user.username))
            user.save(update_fields=["password"])
        journalist.user = user
        journalist.save(update_fields=["user"])
    if state == "verified" and journalist.user is not None:
        journalist.user.groups.add(group)
    return journalist


def _seed_events(out: Callable[[str], object]) -> None:
    # ---- media-b: press conferences, RSVPs and coverage items are seeded by demo_events.seed ----
    if importlib.util.find_spec("media_relations.demo_events") is not None:
        importlib.import_module("media_relations.demo_events").seed(out=out)
