from django.urls import path

from media_relations import views

app_name = "media_relations"

urlpatterns = [
    path("", views.index, name="index"),
]
from media_relations import coverage_urls, events_urls  # noqa: E402  (media-b, until the lead merges)

urlpatterns += events_urls.urlpatterns + coverage_urls.urlpatterns
