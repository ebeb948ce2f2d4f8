from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from releases.models import Release


class ReleaseSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7
    limit = 5000

    def items(self) -> QuerySet[Release]:
        return Release.objects.public().only("slug", "updated_at", "publish_at").order_by("-publish_at", "-id")

    def lastmod(self, item: Release) -> datetime:
        return item.updated_at


SITEMAPS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {"siaran-pers": ReleaseSitemap}
