"""Register numbers such as ``001/PPID/XI/2026``: gapless per register and year.

A sequence would leave gaps when a transaction rolls back; instead a counter row per year is
locked with SELECT ... FOR UPDATE in the very transaction that inserts the numbered row. The
unique constraint on (year, sequence) of each register is the final guarantee.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from ppid.models import RegisterCounter

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
PREFIX = {RegisterCounter.Register.REQUEST: "PPID", RegisterCounter.Register.OBJECTION: "KEB/PPID"}


def format_number(sequence: int, register: str, day: date) -> str:
    return f"{sequence:03d}/{PREFIX[RegisterCounter.Register(register)]}/{ROMAN[day.month - 1]}/{day.year}"


def next_number(register: str, day: date) -> tuple[int, str]:
    """Take the next number; must run inside the transaction that stores it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the transaction that inserts the row")
    RegisterCounter.objects.get_or_create(register=register, year=day.year)
    counter = RegisterCounter.objects.select_for_update().get(register=register, year=day.year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, format_number(counter.last, register, day)
