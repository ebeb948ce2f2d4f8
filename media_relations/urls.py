from django.urls import path

from media_relations import views

app_name = "media_relations"

urlpatterns = [
    path("", views.index, name="index"),
]
