"""``manage.py ppid_anonymise [--years N] [--dry-run]``: the PPID retention rule."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ppid import services


class Command(BaseCommand):
    help = (
        "Anonimkan permohonan informasi yang selesai lebih dari N tahun lalu "
        "(data pribadi dan pindaian identitas dihapus; statistik tetap)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--years",
            type=int,
            default=None,
            help="Masa retensi dalam tahun (bawaan: PPID_RETENTION_YEARS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Hanya hitung, tanpa mengubah data.")

    def handle(self, *args: Any, **options: Any) -> None:
        years = options["years"] if options["years"] is not None else settings.PPID_RETENTION_YEARS
        if years < 1:
            raise CommandError("Masa retensi paling sedikit 1 tahun.")
        if options["dry_run"]:
            count = services.anonymisable(services.retention_cutoff(years=years)).count()
            self.stdout.write(f"{count} permohonan akan dianonimkan (selesai lebih dari {years} tahun lalu).")
            return
        count = services.requests_anonymise(years=years)
        self.stdout.write(
            self.style.SUCCESS(f"{count} permohonan dianonimkan (selesai lebih dari {years} tahun lalu).")
        )
