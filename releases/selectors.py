"""Reads of the public newsroom: filters, full-text search with ranking and highlighted snippets."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, Func, Prefetch, Q, QuerySet, Value

from releases.models import SEARCH_CONFIG, Release, ReleaseImage

# Markers no HTML contains; the template escapes the snippet, then turns them into <mark>.
MARK_START, MARK_END = "\x02", "\x03"


def public_list(filters: dict[str, Any]) -> QuerySet[Release]:
    releases = (
        Release.objects.public()
        .select_related("unit", "category")
        .prefetch_related("tags", Prefetch("images", queryset=ReleaseImage.objects.all()))
        .defer("body", "search_vector")
    )
    if filters.get("kategori"):
        releases = releases.filter(category=filters["kategori"])
    if filters.get("unit"):
        releases = releases.filter(unit=filters["unit"])
    if filters.get("tag"):
        releases = releases.filter(tags__slug=filters["tag"])
    if filters.get("dari"):
        releases = releases.filter(publish_at__date__gte=filters["dari"])
    if filters.get("sampai"):
        releases = releases.filter(publish_at__date__lte=filters["sampai"])
    query = (filters.get("q") or "").strip()
    if not query:
        return releases.order_by("-publish_at", "-id")
    search = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    plain_body = Func(F("body"), Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace")
    return (
        releases.filter(search_vector=search)
        .annotate(
            rank=SearchRank(F("search_vector"), search),
            snippet=SearchHeadline(
                plain_body,
                search,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-publish_at")
    )


def related_releases(release: Release, limit: int = 3) -> list[Release]:
    """Public releases sharing the category or a tag, newest first (one query)."""
    tag_ids = [tag.pk for tag in release.tags.all()]
    candidates = Release.objects.public().exclude(pk=release.pk).defer("body", "search_vector", "lead")
    # A subquery rather than a join: no DISTINCT over wide rows, and the publish-time index orders it.
    tagged = Release.tags.through.objects.filter(tag_id__in=tag_ids).values("release_id")
    match = Q(pk__in=tagged) if tag_ids else Q(pk__in=[])
    if release.category_id:
        match |= Q(category_id=release.category_id)
    return list(candidates.filter(match).order_by("-publish_at", "-id")[:limit])
