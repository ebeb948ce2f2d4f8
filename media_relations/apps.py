from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_MODELS = ("outlet", "journalist", "beat", "distributionlist", "sending")


class MediaRelationsConfig(AppConfig):
    name = "media_relations"
    verbose_name = _("Hubungan Media")

    @property
    def role_permissions(self) -> dict[str, set[str]]:
        from humas.roles import Role  # needs the auth models, loaded after the app registry
        from media_relations.events_roles import PERMISSIONS as EVENTS_AND_COVERAGE

        codes = {f"media_relations.{verb}_{model}" for model in _MODELS for verb in ("view", "add", "change", "delete")}
        codes |= {"media_relations.view_journalist_contact", "media_relations.view_sendingrecipient"}
        merged: dict[str, set[str]] = {Role.MEDIA_OFFICER: codes}
        for role, more in EVENTS_AND_COVERAGE.items():
            merged[role] = merged.get(role, set()) | more
        return merged

    @property
    def staff_nav(self) -> list[tuple[Any, str, str]]:
        from media_relations.events_roles import STAFF_NAV

        return [
            (_("Direktori wartawan"), "media_relations:staff-journalists", "media_relations.view_journalist"),
            (_("Media"), "media_relations:staff-outlets", "media_relations.view_outlet"),
            (_("Distribusi siaran pers"), "media_relations:staff-sendings", "media_relations.view_sending"),
            *STAFF_NAV,
        ]

    dashboard_panels = "media_relations.dashboard.panels"

    def ready(self) -> None:
        from media_relations import events_tasks  # noqa: F401  (the worker registers the tasks)
