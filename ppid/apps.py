from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_READ = {
    "ppid.view_inforequest",
    "ppid.view_identity_document",
    "ppid.view_ppid_reports",
    "ppid.view_objection",
    "ppid.view_dipitem",
}


class PpidConfig(AppConfig):
    name = "ppid"
    verbose_name = _("PPID")

    @property
    def role_permissions(self) -> dict[str, set[str]]:
        from humas.roles import Role  # needs the auth models, loaded after the app registry

        return {
            Role.PPID_OFFICER: _READ
            | {
                "ppid.handle_inforequest",
                "ppid.add_inforequest",
                "ppid.add_dipitem",
                "ppid.change_dipitem",
                "ppid.delete_dipitem",
                "ppid.change_serviceinfo",
                "ppid.change_servicereporttext",
                "ppid.change_objection",
            },
            Role.PPID_SUPERIOR: _READ | {"ppid.decide_objection", "ppid.change_objection"},
        }

    staff_nav = [
        (_("Permohonan informasi"), "ppid:inbox", "ppid.view_inforequest"),
        (_("Keberatan"), "ppid:objections", "ppid.view_objection"),
        (_("Kelola DIP"), "ppid:dip-manage", "ppid.change_dipitem"),
        (_("Register & laporan PPID"), "ppid:registers", "ppid.view_ppid_reports"),
    ]
    dashboard_panels = "ppid.dashboard.panels"
