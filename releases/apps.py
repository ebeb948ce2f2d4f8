from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

WRITER_PERMS = {
    "releases.view_release",
    "releases.add_release",
    "releases.change_release",
    "releases.view_revision",
    "releases.add_comment",
}
EDITOR_PERMS = WRITER_PERMS | {
    "releases.approve_release",
    "releases.publish_release",
    "releases.withdraw_release",
    "releases.view_presskitdownload",
}


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = _("Siaran Pers")
    # Keyed by the roles' values (humas.roles.Role): importing it here would load auth models too early.
    role_permissions = {
        "Penulis": WRITER_PERMS,
        "Redaktur": EDITOR_PERMS,
        "Admin Humas": {
            "releases.view_release",
            "releases.view_presskitdownload",
            "releases.view_category",
            "releases.add_category",
            "releases.change_category",
            "releases.view_tag",
            "releases.add_tag",
            "releases.change_tag",
        },
        "Petugas Hubungan Media": {"releases.view_release", "releases.view_presskitdownload"},
    }
    staff_nav = [
        (_("Ruang Redaksi"), "releases:staff-list", "releases.view_release"),
        (_("Antrean telaah"), "releases:staff-queue", "releases.approve_release"),
        (_("Kanal media sosial"), "channels:list", "releases.view_channel"),
    ]
    dashboard_panels = "releases.dashboard.panels"

    def ready(self) -> None:
        from releases.channels import receivers  # noqa: F401 (connects the channels' receivers)
        from releases.channels.roles import ROLE_PERMISSIONS as CHANNEL_PERMISSIONS

        merged = {role: set(codes) for role, codes in self.role_permissions.items()}
        for role, codes in CHANNEL_PERMISSIONS.items():
            merged[role.value] = merged.get(role.value, set()) | codes
        self.role_permissions = merged
