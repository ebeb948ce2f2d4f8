from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaRelationsConfig(AppConfig):
    name = "media_relations"
    verbose_name = _("Hubungan Media")

    # media-b (events, coverage), until the lead merges: wiring of events_roles.
    @property
    def role_permissions(self) -> dict[str, set[str]]:
        from media_relations.events_roles import PERMISSIONS

        return PERMISSIONS

    @property
    def staff_nav(self) -> list[tuple[Any, str, str]]:
        from media_relations.events_roles import STAFF_NAV

        return STAFF_NAV

    dashboard_panels = "media_relations.events_roles.panels"

    def ready(self) -> None:
        from media_relations import events_tasks  # noqa: F401  (the worker registers the tasks)
