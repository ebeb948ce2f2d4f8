"""Roles are Django groups. Their permissions are declared here, in one place, per app.

``sync_roles`` runs from a data migration and after every ``migrate`` (post_migrate), so
permissions that later apps add reach their groups without a hand-written migration each.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WRITER = "Penulis", _("Penulis")
    EDITOR = "Redaktur", _("Redaktur")
    HUMAS_ADMIN = "Admin Humas", _("Admin Humas")
    MEDIA_OFFICER = "Petugas Hubungan Media", _("Petugas Hubungan Media")
    PPID_OFFICER = "Petugas PPID", _("Petugas PPID")
    PPID_SUPERIOR = "Atasan PPID", _("Atasan PPID")
    VISIT_COORDINATOR = "Koordinator Kunjungan", _("Koordinator Kunjungan")


STAFF_ROLES = tuple(Role)

# Non-staff group: journalists whose press card the media-relations officer has verified.
VERIFIED_JOURNALISTS = "Wartawan Terverifikasi"
NON_STAFF_GROUPS: dict[str, set[str]] = {VERIFIED_JOURNALISTS: {"releases.view_embargoed_release"}}
STAFF_AREA = "humas.access_staff_area"

# Every staff role opens the staff area; each app adds its own permissions below.
ROLE_PERMISSIONS: dict[Role, set[str]] = {role: {STAFF_AREA} for role in Role}
ROLE_PERMISSIONS[Role.HUMAS_ADMIN] |= {
    "humas.view_auditentry",
    "humas.view_unit",
    "humas.add_unit",
    "humas.change_unit",
    "humas.view_calendarday",
    "humas.add_calendarday",
    "humas.change_calendarday",
    "humas.delete_calendarday",
}
ROLE_PERMISSIONS[Role.PPID_OFFICER] |= {"humas.view_calendarday", "humas.add_calendarday", "humas.change_calendarday"}
ROLE_PERMISSIONS[Role.VISIT_COORDINATOR] |= {"humas.view_calendarday"}


def _permissions(codes: set[str]) -> list[Permission]:
    found = []
    for code in sorted(codes):
        app_label, codename = code.split(".", 1)
        perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if perm is not None:  # an app not migrated yet; the next post_migrate grants it
            found.append(perm)
    return found


def declared_permissions() -> dict[Role, set[str]]:
    """The core grants above plus each app's ``role_permissions`` from its AppConfig."""
    from django.apps import apps

    merged = {role: set(codes) for role, codes in ROLE_PERMISSIONS.items()}
    for config in apps.get_app_configs():
        for role, codes in getattr(config, "role_permissions", {}).items():
            merged[role] |= set(codes)
    return merged


def sync_roles() -> None:
    """Create each role's group and set its permissions to exactly what is declared."""
    groups = {role.value: codes for role, codes in declared_permissions().items()} | NON_STAFF_GROUPS
    for name, codes in groups.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(codes))
