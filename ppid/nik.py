"""Plausibility checks for the Nomor Induk Kependudukan (16 digits).

Digits 1–2 province (11–94), 3–4 regency/city, 5–6 district, 7–12 birth date DDMMYY (women
add 40 to the day), 13–16 a serial number. The check catches typing errors, not forgeries.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def birth_date(nik: str) -> date | None:
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    this_year = timezone.localdate().year
    full_year = 2000 + year if 2000 + year <= this_year else 1900 + year
    try:
        return date(full_year, month, day)
    except ValueError:
        return None


def validate_nik(value: str) -> None:
    if len(value) != 16 or not value.isdigit():
        raise ValidationError(_("NIK harus terdiri atas 16 angka."), code="nik_format")
    if not 11 <= int(value[:2]) <= 94 or value[2:4] == "00" or value[4:6] == "00":
        raise ValidationError(
            _("Kode wilayah pada NIK (6 angka pertama) tidak dikenal. Periksa kembali NIK Anda."),
            code="nik_region",
        )
    born = birth_date(value)
    if born is None or born > timezone.localdate():
        raise ValidationError(
            _("Tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak sah. Periksa kembali NIK Anda."),
            code="nik_birth_date",
        )
    if value[12:] == "0000":
        raise ValidationError(_("Nomor urut pada NIK (4 angka terakhir) tidak sah."), code="nik_serial")


def mask_nik(value: str) -> str:
    return f"{value[:4]}{'*' * 8}{value[-4:]}" if len(value) == 16 else ("*" * len(value))


def mask_phone(value: str) -> str:
    digits = value.strip()
    if len(digits) <= 6:
        return "*" * len(digits)
    return f"{digits[:4]}{'*' * (len(digits) - 7)}{digits[-3:]}"
