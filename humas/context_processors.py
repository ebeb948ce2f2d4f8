from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from humas.permissions import is_staff_member

PUBLIC_NAV = [
    (_("Siaran Pers"), "releases:index"),
    (_("Media"), "media_relations:index"),
    (_("PPID"), "ppid:index"),
    (_("Kunjungan"), "visits:index"),
]
CORE_STAFF_NAV = [
    (_("Dasbor"), "humas:dashboard", ""),
    (_("Jejak audit"), "humas:audit", "humas.view_auditentry"),
]


def _links(items: list[tuple[Any, str]]) -> list[dict[str, str]]:
    links = []
    for label, name in items:
        try:
            links.append({"label": str(label), "url": reverse(name)})
        except NoReverseMatch:  # an app that has not routed its page yet
            continue
    return links


def staff_nav(user: Any) -> list[dict[str, str]]:
    entries = list(CORE_STAFF_NAV)
    for config in apps.get_app_configs():
        entries.extend(getattr(config, "staff_nav", []))
    return _links([(label, name) for label, name, perm in entries if not perm or user.has_perm(perm)])


def portal(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    is_staff = bool(user is not None and is_staff_member(user))
    return {
        "SITE_NAME": settings.SITE_NAME,
        "OFFICE_NAME": settings.OFFICE_NAME,
        "OFFICE_REGION": settings.OFFICE_REGION,
        "OFFICE_ADDRESS": settings.OFFICE_ADDRESS,
        "OFFICE_PHONE": settings.OFFICE_PHONE,
        "OFFICE_EMAIL": settings.OFFICE_EMAIL,
        "public_nav": _links(PUBLIC_NAV),
        "is_staff_member": is_staff,
        "staff_nav": staff_nav(user) if is_staff else [],
    }
