"""``manage.py seed_demo``: realistic demo data for every app. Running it twice changes nothing."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from humas.demo import logins

PROJECT_APPS = ["humas", "releases", "media_relations", "ppid", "visits"]


class Command(BaseCommand):
    help = "Isi data demo (unit kerja, pengguna per peran, dan data tiap modul)."

    def handle(self, *args: Any, **options: Any) -> None:
        for label in PROJECT_APPS:
            module_name = f"{apps.get_app_config(label).name}.demo"
            if find_spec(module_name) is None:
                continue
            with transaction.atomic():
                import_module(module_name).seed(out=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Data demo siap. Akun demo:"))
        for role, username, password in logins():
            self.stdout.write(f"  {role:<24} {username:<16} {password}")
