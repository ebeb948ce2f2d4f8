"""RSS 2.0 and Atom feeds of public releases: all, per category, per unit. Cached per generation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from humas.models import Unit
from releases.cache import cached_fragment
from releases.models import Category, Release

FEED_SIZE = 30


class ReleaseFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def get_object(self, request: HttpRequest, **kwargs: str) -> Category | Unit | None:
        if "category" in kwargs:
            return get_object_or_404(Category, slug=kwargs["category"])
        if "unit" in kwargs:
            return get_object_or_404(Unit, slug=kwargs["unit"])
        return None

    def title(self, obj: Category | Unit | None) -> str:
        base = _("Siaran Pers %(region)s") % {"region": settings.OFFICE_REGION}
        return f"{base} · {obj.name}" if obj else base

    def link(self, obj: Category | Unit | None) -> str:
        return "/siaran-pers/"

    def description(self, obj: Category | Unit | None) -> str:
        return _("Siaran pers resmi dari %(office)s.") % {"office": settings.OFFICE_NAME}

    def items(self, obj: Category | Unit | None) -> QuerySet[Release]:
        releases = (
            Release.objects.public()
            .select_related("unit", "category")
            .defer("body", "search_vector")
            .order_by("-publish_at", "-id")
        )
        if isinstance(obj, Category):
            releases = releases.filter(category=obj)
        elif isinstance(obj, Unit):
            releases = releases.filter(unit=obj)
        return releases[:FEED_SIZE]

    def item_title(self, item: Release) -> str:
        return item.title

    def item_description(self, item: Release) -> str:
        return item.lead

    def item_pubdate(self, item: Release) -> datetime | None:
        return item.public_at

    def item_updateddate(self, item: Release) -> datetime:
        return item.updated_at

    def item_author_name(self, item: Release) -> str:
        return item.unit.name

    def item_categories(self, item: Release) -> list[str]:
        return [item.category.name] if item.category else []

    def item_guid(self, item: Release) -> str:
        return f"{settings.SITE_URL}{item.get_absolute_url()}"

    def item_guid_is_permalink(self, item: Release) -> bool:
        return True

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        content_type = str(getattr(self.feed_type, "content_type", "application/xml"))
        body = cached_fragment(
            f"feed:{self.feed_type.__name__}:{request.path}",
            lambda: super(ReleaseFeed, self).__call__(request, *args, **kwargs).content.decode(),
        )
        return HttpResponse(body, content_type=content_type)


class AtomReleaseFeed(ReleaseFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Category | Unit | None) -> str:
        return self.description(obj)
