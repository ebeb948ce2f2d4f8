from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from releases.models import Release


def index(request: HttpRequest) -> HttpResponse:
    releases = Release.objects.public().select_related("unit", "category")[:20]
    return render(request, "releases/index.html", {"releases": releases})


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    release = get_object_or_404(Release.objects.public().select_related("unit", "category"), slug=slug)
    return render(request, "releases/detail.html", {"release": release})
