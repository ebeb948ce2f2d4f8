"""Site-wide files the releases app answers for: ``/sitemap.xml`` and ``/robots.txt``."""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path

from releases.cache import cached_fragment
from releases.sitemaps import SITEMAPS
from releases.views import robots_txt


def _render_sitemap(request: HttpRequest) -> str:
    response = sitemap_views.sitemap(request, sitemaps=SITEMAPS)
    assert isinstance(response, TemplateResponse)
    return response.render().content.decode()


def sitemap(request: HttpRequest) -> HttpResponse:
    body = cached_fragment(f"sitemap:{request.get_full_path()}", lambda: _render_sitemap(request))
    return HttpResponse(body, content_type="application/xml")


urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
]
