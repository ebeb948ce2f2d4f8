from django.urls import path

from ppid import views

app_name = "ppid"

track = "lacak/<int:pk>/<str:token>/"
staff = "staf/"

urlpatterns = [
    path("", views.index, name="index"),
    path("permohonan/", views.request_create, name="request"),
    path("status/", views.status_lookup, name="status"),
    path(track, views.track, name="track"),
    path(f"{track}tanda-bukti.pdf", views.track_receipt_pdf, name="track-receipt"),
    path(f"{track}pemberitahuan.pdf", views.track_notice_pdf, name="track-notice"),
    path(f"{track}dokumen/<int:doc>/", views.track_document, name="track-document"),
    path(f"{track}keberatan/", views.track_objection, name="track-objection"),
    path(f"{track}keberatan.pdf", views.track_objection_pdf, name="track-objection-letter"),
    path(f"{track}sengketa/", views.track_dispute, name="track-dispute"),
    path("dip/", views.dip_list, name="dip"),
    path("layanan/", views.service_info, name="service-info"),
    path("kinerja/", views.performance, name="performance"),
    path(staff, views.inbox, name="inbox"),
    path(f"{staff}baru/", views.staff_create, name="staff-create"),
    path(f"{staff}<int:pk>/", views.detail, name="detail"),
    path(f"{staff}<int:pk>/status/", views.transition, name="transition"),
    path(f"{staff}<int:pk>/tugaskan/", views.assign, name="assign"),
    path(f"{staff}<int:pk>/catatan/", views.add_note, name="note"),
    path(f"{staff}<int:pk>/berkas/<str:which>/", views.identity_document, name="identity"),
    path(f"{staff}<int:pk>/surat/<str:kind>.pdf", views.staff_letter, name="letter"),
    path(f"{staff}<int:pk>/dokumen/<int:doc>/", views.staff_document, name="document"),
    path(f"{staff}keberatan/", views.objections, name="objections"),
    path(f"{staff}keberatan/<int:pk>/", views.objection_detail, name="objection-detail"),
    path(f"{staff}keberatan/<int:pk>/putus/", views.objection_decide, name="objection-decide"),
    path(f"{staff}keberatan/<int:pk>/sengketa/", views.objection_dispute, name="objection-dispute"),
    path(f"{staff}keberatan/<int:pk>/surat.pdf", views.objection_letter, name="objection-letter"),
    path(f"{staff}dip/", views.dip_manage, name="dip-manage"),
    path(f"{staff}dip/baru/", views.dip_edit, name="dip-create"),
    path(f"{staff}dip/<int:pk>/", views.dip_edit, name="dip-edit"),
    path(f"{staff}dip/<int:pk>/dokumen/", views.dip_document_add, name="dip-document-add"),
    path(f"{staff}dip/<int:pk>/dokumen/<int:doc>/hapus/", views.dip_document_delete, name="dip-document-delete"),
    path(f"{staff}layanan/", views.service_info_edit, name="service-info-edit"),
    path(f"{staff}register/", views.registers, name="registers"),
    path(f"{staff}laporan/", views.report, name="report"),
    path(f"{staff}laporan/<int:year>/<int:quarter>/narasi/", views.report_text_edit, name="report-text"),
]
