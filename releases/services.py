"""Every write to press releases. Other apps call these functions, never the models directly."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from humas import audit
from humas.models import Unit, User
from releases.models import Release
from releases.sanitize import clean_html


def unique_slug(title: str) -> str:
    base = slugify(title)[:250] or "siaran-pers"
    slug, counter = base, 2
    while Release.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


@transaction.atomic
def release_create_draft(*, author: User, unit: Unit, title: str, lead: str, body: str = "") -> Release:
    """A new draft by ``author`` (used by the editor and by other apps, e.g. a visit report)."""
    release = Release.objects.create(
        title=title,
        slug=unique_slug(title),
        lead=lead,
        body=clean_html(body),
        unit=unit,
        author=author,
        last_edited_by=author,
    )
    audit.record(actor=author, obj=release, action="releases.release.create", new=release.status)
    return release
