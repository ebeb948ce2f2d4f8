"""What the public article template needs, shared by the public page and the staff previews."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from releases.models import Release, ReleaseImage
from releases.sanitize import html_to_text

JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute(url: str) -> str:
    return url if url.startswith("http") else settings.SITE_URL + url


def srcset(image: ReleaseImage) -> str:
    return (
        f"{image.thumbnail.url} {image.thumbnail_width}w, {image.web.url} {image.web_width}w, "
        f"{image.original.url} {image.width}w"
    )


def json_ld(release: Release, images: list[ReleaseImage]) -> SafeString:
    """schema.org NewsArticle, escaped so that no ``</script>`` can close its element."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": release.title[:110],
        "description": release.lead,
        "inLanguage": release.language,
        "mainEntityOfPage": absolute(release.get_absolute_url()) if release.slug else settings.SITE_URL,
        "author": {"@type": "GovernmentOrganization", "name": release.unit.name if release.unit_id else ""},
        "publisher": {"@type": "GovernmentOrganization", "name": settings.OFFICE_REGION},
    }
    if release.publish_at:
        data["datePublished"] = release.public_at.isoformat() if release.public_at else None
        data["dateModified"] = (release.updated_at or release.publish_at).isoformat()
    if images:
        data["image"] = [absolute(image.web.url) for image in images]
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES))  # noqa: S308


def article_context(release: Release, *, saved: bool = True) -> dict[str, Any]:
    images = list(release.images.all()) if saved and release.pk else []
    lead_image = next((image for image in images if image.is_lead), images[0] if images else None)
    gallery = [image for image in images if image is not lead_image]
    return {
        "release": release,
        "lead_image": lead_image,
        "lead_srcset": srcset(lead_image) if lead_image else "",
        "gallery": [(image, srcset(image)) for image in gallery],
        "attachments": list(release.attachments.all()) if saved and release.pk else [],
        "contacts": list(release.media_contacts.all()) if saved and release.pk else [],
        "corrections": list(release.corrections.all()) if saved and release.pk else [],
        "tags": list(release.tags.all()) if saved and release.pk else [],
        "description": html_to_text(release.lead)[:200],
        "canonical_url": absolute(release.get_absolute_url()) if release.slug else "",
        "og_image": absolute(lead_image.web.url) if lead_image else "",
        "json_ld": json_ld(release, images),
        "public_time": release.public_at or timezone.now(),
    }
