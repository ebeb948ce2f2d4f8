"""Checking and normalising contact details, shared by the forms and the CSV import."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

_PHONE_NOISE = re.compile(r"[\s\-().]")
# Indonesian numbers: 0 or +62/62 then 8 to 13 digits (mobile 08xx, landline 0xx).
_PHONE = re.compile(r"^(?:\+62|62|0)[1-9][0-9]{7,12}$")


def normalize_phone(value: str) -> str:
    """``"0812-3456 7890"`` → ``"081234567890"``; ``"+62 812..."`` keeps its ``+62``.

    Raises ValidationError with an Indonesian message for anything else."""
    raw = (value or "").strip()
    if not raw:
        return ""
    compact = _PHONE_NOISE.sub("", raw)
    if not _PHONE.match(compact):
        raise ValidationError(
            _(
                "Nomor telepon “%(value)s” tidak sah. Tulis nomor Indonesia, "
                "misalnya 0812-3456-7890 atau +62 812 3456 7890."
            )
            % {"value": raw[:40]},
            code="bad_phone",
        )
    return compact


def normalize_email(value: str) -> str:
    email = (value or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("Alamat surel “%(value)s” tidak sah.") % {"value": email[:80]}, code="bad_email"
        ) from None
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"
