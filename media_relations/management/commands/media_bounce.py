"""Record bounce reports: ``manage.py media_bounce alamat@contoh.id --permanent``.

Meant to be fed by the mail server's bounce processing (one address per line on stdin with
``-``), so the portal needs no inbound webhook."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from media_relations.services import recipient_bounced


class Command(BaseCommand):
    help = "Tandai alamat surel yang terpental (permanen: tidak dikirimi lagi)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("emails", nargs="+", help="alamat surel, atau - untuk membaca dari stdin")
        parser.add_argument("--permanent", action="store_true", help="pentalan permanen (5xx)")

    def handle(self, *args: Any, **options: Any) -> None:
        emails = options["emails"]
        if emails == ["-"]:
            emails = [line.strip() for line in sys.stdin if line.strip()]
        for email in emails:
            marked = recipient_bounced(email=email, permanent=options["permanent"])
            self.stdout.write(f"{email}: {marked}")
