"""Staff pages of the social channels, mounted at /staf/kanal/ (namespace ``channels``)."""

from django.urls import URLPattern, URLResolver

app_name = "channels"

urlpatterns: list[URLPattern | URLResolver] = []
