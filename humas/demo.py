"""Demo data for the core: units and one user per role. Idempotent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.contrib.auth.models import Group
from django.utils.text import slugify

from humas.models import CalendarDay, Unit, User
from humas.roles import Role

UNITS = [
    ("Bagian Hubungan Masyarakat Sekretariat Daerah", "Humas Setda", Unit.Kind.BAGIAN),
    ("Dinas Komunikasi dan Informatika", "Diskominfo", Unit.Kind.DINAS),
    ("Dinas Kesehatan", "Dinkes", Unit.Kind.DINAS),
    ("Dinas Pendidikan", "Disdik", Unit.Kind.DINAS),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", Unit.Kind.DINAS),
    ("Dinas Perhubungan", "Dishub", Unit.Kind.DINAS),
    ("Dinas Pariwisata dan Kebudayaan", "Disparbud", Unit.Kind.DINAS),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", Unit.Kind.BADAN),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", Unit.Kind.BADAN),
    ("Kecamatan Sukamaju", "Kec. Sukamaju", Unit.Kind.KECAMATAN),
    ("Rumah Sakit Umum Daerah Harapan Jaya", "RSUD", Unit.Kind.RSUD),
]

# username, first name, last name, role, unit short name, position
USERS = [
    ("penulis", "Rina", "Wulandari", Role.WRITER, "Humas Setda", "Pranata Humas Ahli Pertama"),
    ("penulis.dinkes", "Agus", "Setiawan", Role.WRITER, "Dinkes", "Pengelola Informasi Dinas Kesehatan"),
    ("redaktur", "Dewi", "Kartikasari", Role.EDITOR, "Humas Setda", "Kepala Subbagian Publikasi"),
    ("admin", "Bambang", "Hermawan", Role.HUMAS_ADMIN, "Humas Setda", "Kepala Bagian Humas"),
    ("media", "Siti", "Rahmawati", Role.MEDIA_OFFICER, "Humas Setda", "Pranata Humas Ahli Muda"),
    ("ppid", "Hendra", "Gunawan", Role.PPID_OFFICER, "Diskominfo", "Petugas Layanan Informasi"),
    ("atasan.ppid", "Yuliani", "Permatasari", Role.PPID_SUPERIOR, "Humas Setda", "Sekretaris Daerah (Atasan PPID)"),
    ("protokol", "Andi", "Pratama", Role.VISIT_COORDINATOR, "Humas Setda", "Analis Protokol"),
]

CLOSURES = [(date(2026, 12, 31), CalendarDay.Kind.CLOSED, "Kantor tutup: tutup buku akhir tahun")]


def demo_password(username: str) -> str:
    return f"humas-{username}-2026"


def seed(*, out: Callable[[str], None]) -> None:
    for name, short, kind in UNITS:
        Unit.objects.get_or_create(short_name=short, defaults={"name": name, "kind": kind, "slug": slugify(short)})
    for day, day_kind, description in CLOSURES:
        CalendarDay.objects.get_or_create(date=day, defaults={"kind": day_kind, "description": description})
    for username, first, last, role, unit, position in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username.replace('.', '-')}@harapanjaya.go.id",
                "unit": Unit.objects.get(short_name=unit),
                "position": position,
                "is_staff": True,
            },
        )
        if created:
            user.set_password(demo_password(username))
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=role.value))
    out(f"Unit kerja: {Unit.objects.count()}, pengguna staf demo: {len(USERS)}")


def logins() -> list[tuple[str, str, str]]:
    """(role, username, password) for the README and the ``make run`` banner."""
    return [(str(role.label), username, demo_password(username)) for username, _f, _l, role, _u, _p in USERS]
