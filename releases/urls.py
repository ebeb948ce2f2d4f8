from django.urls import path

from releases import views

app_name = "releases"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
]
