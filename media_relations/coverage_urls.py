"""Routes of coverage monitoring; the lead includes them under /media/ in the media_relations namespace."""

from django.urls import path

from media_relations import coverage_views as views

urlpatterns = [
    path("kliping/", views.coverage_list, name="coverage-list"),
    path("kliping/baru/", views.coverage_create, name="coverage-create"),
    path("kliping/tempel-tautan/", views.coverage_paste, name="coverage-paste"),
    path("kliping/impor/", views.coverage_import, name="coverage-import"),
    path("kliping/<int:pk>/ubah/", views.coverage_edit, name="coverage-edit"),
    path("kliping/<int:pk>/berkas/", views.coverage_file, name="coverage-file"),
    path("kliping/laporan/bulanan/", views.report_monthly, name="coverage-monthly"),
    path("kliping/laporan/siaran-pers/", views.report_releases, name="coverage-releases"),
    path("kliping/laporan/siaran-pers/<int:pk>/", views.report_release, name="coverage-release"),
    path("kliping/laporan/media/", views.report_outlets, name="coverage-outlets"),
    path("kliping/laporan/media/<int:pk>/", views.report_outlet, name="coverage-outlet"),
]
