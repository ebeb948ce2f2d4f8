from django.urls import path

from ppid import views

app_name = "ppid"

urlpatterns = [
    path("", views.index, name="index"),
]
