from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_COORDINATOR = {
    "visits.view_visit",
    "visits.handle_visit",
    "visits.view_visit_letters",
    "visits.view_visit_statistics",
    "visits.view_room",
    "visits.add_room",
    "visits.change_room",
    "visits.view_blackout",
    "visits.add_blackout",
    "visits.change_blackout",
    "visits.delete_blackout",
    "visits.view_receivingrule",
    "visits.add_receivingrule",
    "visits.change_receivingrule",
    "visits.delete_receivingrule",
    "visits.add_visitreport",
    "visits.change_visitreport",
}


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Kunjungan")

    @property
    def role_permissions(self) -> dict[str, set[str]]:
        from humas.roles import Role  # needs the auth models, loaded after the app registry

        return {
            Role.VISIT_COORDINATOR: _COORDINATOR | {"releases.add_release", "releases.view_release"},
            Role.HUMAS_ADMIN: {"visits.view_visit", "visits.view_visit_statistics"},
        }

    staff_nav = [
        (_("Kunjungan"), "visits:queue", "visits.view_visit"),
        (_("Kalender kunjungan"), "visits:staff-calendar", "visits.view_visit"),
        (_("Statistik kunjungan"), "visits:statistics", "visits.view_visit_statistics"),
    ]
    dashboard_panels = "visits.dashboard.panels"
