"""The public newsroom: list, search, detail, attachments and press kits.

Pages for anonymous visitors are cached in Redis under the current generation
(releases/cache.py): whole pages for visitors without a session, with each visitor's own CSRF
token put in per response; otherwise the article or list fragment, with the page around it
rendered per request.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from humas.models import User
from humas.private_media import private_file_response
from humas.tasking import send_task
from releases import presskit, selectors, services
from releases.cache import CSRF_PLACEHOLDER, cached_fragment, cached_page, page_cacheable
from releases.forms import PublicFilterForm
from releases.models import Release, ReleaseAttachment, ReleaseImage
from releases.public_context import article_context

PAGE_SIZE = 20


def _cacheable(request: HttpRequest) -> bool:
    return not request.user.is_authenticated and request.method == "GET"


def _key(request: HttpRequest, name: str) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"{name}:{get_language()}:{digest}"


def _highlight(snippet: str) -> str:
    text = escape(snippet)
    return mark_safe(text.replace(selectors.MARK_START, "<mark>").replace(selectors.MARK_END, "</mark>"))  # noqa: S308


def _list_fragment(request: HttpRequest, form: PublicFilterForm) -> str:
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.public_list(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    items = []
    for release in page.object_list:
        snippet = getattr(release, "snippet", "")
        items.append(
            {"release": release, "lead_image": release.lead_image, "snippet": _highlight(snippet) if snippet else ""}
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string(
        "releases/_list.html",
        {"page_obj": page, "items": items, "query": query.urlencode(), "searching": bool(filters.get("q"))},
        request=None,
    )


def index(request: HttpRequest) -> HttpResponse:
    if page_cacheable(request):
        return cached_page(
            request, _key(request, "list-page"), lambda: _index(request, {"csrf_token": CSRF_PLACEHOLDER})
        )
    return _index(request)


def _index(request: HttpRequest, extra: dict[str, str] | None = None) -> HttpResponse:
    form = PublicFilterForm(request.GET or None)
    build = lambda: _list_fragment(request, form)  # noqa: E731
    fragment = cached_fragment(_key(request, "list"), build) if _cacheable(request) else build()
    context = {"form": form, "fragment": mark_safe(fragment), **(extra or {})}  # noqa: S308
    return render(request, "releases/index.html", context)


def _detail_queryset() -> QuerySet[Release]:
    return (
        Release.objects.select_related("unit", "category")
        .defer("search_vector")
        .prefetch_related(
            "tags",
            "attachments",
            "media_contacts",
            "corrections",
            Prefetch("images", queryset=ReleaseImage.objects.all()),
        )
    )


def may_see_embargoed(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.has_perm("releases.view_embargoed_release"))


def visible_release(request: HttpRequest, slug: str) -> tuple[Release, bool]:
    """The release if this visitor may read it now, and whether it is still under embargo; else 404."""
    release: Release = get_object_or_404(_detail_queryset(), slug=slug)
    if release.is_public:
        return release, False
    if release.is_embargoed and may_see_embargoed(request.user):
        return release, True
    raise Http404


def _article(request: HttpRequest, release: Release, embargoed: bool) -> str:
    context = article_context(release)
    context["related"] = selectors.related_releases(release)
    context["embargoed"] = embargoed
    return render_to_string("releases/_article.html", context, request=None)


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    if page_cacheable(request):
        extra = {"csrf_token": CSRF_PLACEHOLDER}
        return cached_page(request, _key(request, "detail-page"), lambda: _detail(request, slug, extra))
    return _detail(request, slug)


def _detail(request: HttpRequest, slug: str, extra: dict[str, str] | None = None) -> HttpResponse:
    withdrawn = Release.objects.filter(slug=slug, status=Release.Status.WITHDRAWN, went_public_at__isnull=False).first()
    if withdrawn is not None:
        return render(request, "releases/withdrawn.html", {"release": withdrawn, **(extra or {})}, status=410)
    release, embargoed = visible_release(request, slug)
    build = lambda: _article(request, release, embargoed)  # noqa: E731
    fragment = cached_fragment(_key(request, "detail"), build) if _cacheable(request) and not embargoed else build()
    context = article_context(release)
    context.update({"fragment": mark_safe(fragment), "embargoed": embargoed, **(extra or {})})  # noqa: S308
    return render(request, "releases/detail.html", context)


def attachment(request: HttpRequest, slug: str, attachment_id: int) -> HttpResponseBase:
    release, _embargoed = visible_release(request, slug)
    item = get_object_or_404(ReleaseAttachment, pk=attachment_id, release=release)
    return private_file_response(item.file, download_name=item.download_name)


def presskit_download(request: HttpRequest, slug: str) -> HttpResponseBase:
    """The press kit ZIP, streamed from storage; each download is logged."""
    release, _embargoed = visible_release(request, slug)
    if not release.presskit_file or release.presskit_version != release.content_version:
        from releases.tasks import build_presskit

        send_task(build_presskit, release.pk)
        response = render(request, "releases/presskit_pending.html", {"release": release}, status=503)
        response["Retry-After"] = "30"
        return response
    user = request.user if isinstance(request.user, User) else None
    services.presskit_download_log(release=release, user=user)
    download: HttpResponseBase = private_file_response(
        release.presskit_file, download_name=presskit.download_name(release)
    )
    download["Content-Type"] = "application/zip"
    return download


def robots_txt(request: HttpRequest) -> HttpResponse:
    from django.conf import settings

    lines = [
        "User-agent: *",
        "Disallow: /staf/",
        "Disallow: /admin/",
        "Disallow: /siaran-pers/redaksi/",
        "Disallow: /masuk/",
        "Disallow: /akun/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
