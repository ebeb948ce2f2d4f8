"""Staff pages of the social channels, mounted at /staf/kanal/ (namespace ``channels``)."""

from django.urls import URLPattern, URLResolver, path

from releases.channels import views

app_name = "channels"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.channel_list, name="list"),
    path("baru/", views.channel_create, name="create"),
    path("<int:pk>/ubah/", views.channel_edit, name="edit"),
    path("<int:pk>/uji/", views.channel_test, name="test"),
    path("gagal/", views.failures, name="failures"),
    path("siaran/<int:release_pk>/", views.release_versions, name="versions"),
    path("siaran/<int:release_pk>/kiriman/", views.release_deliveries, name="deliveries"),
    path("kiriman/<int:pk>/ulang/", views.delivery_retry, name="retry"),
    path("kiriman/<int:pk>/tandai/", views.delivery_mark_posted, name="mark-posted"),
]
