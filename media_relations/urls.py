from django.urls import path

from media_relations import coverage_urls, events_urls, views

app_name = "media_relations"

urlpatterns = [
    path("", views.index, name="index"),
    # Public: registration and the personal links in emails
    path("daftar/", views.register, name="register"),
    path("daftar/terkirim/", views.register_done, name="register-done"),
    path("konfirmasi/<str:token>/", views.confirm, name="confirm"),
    path("k/<str:token>/", views.click, name="click"),
    path("k/<str:token>/press-kit/", views.click_presskit, name="click-presskit"),
    path("berhenti/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # A journalist's own pages
    path("akun/", views.account, name="account"),
    path("akun/hapus-data/", views.account_delete, name="account-delete"),
    path("akun/notifikasi/", views.account_alerts, name="account-alerts"),
    path("akun/undangan/", views.account_invitations, name="account-invitations"),
    path("akun/press-kit/", views.account_presskits, name="account-presskits"),
    # Staff: directory
    path("staf/", views.staff_journalists, name="staff-journalists"),
    path("staf/wartawan/baru/", views.staff_journalist_create, name="staff-journalist-create"),
    path("staf/wartawan/ekspor.csv", views.staff_journalists_export, name="staff-journalists-export"),
    path("staf/wartawan/impor/", views.staff_journalists_import, name="staff-journalists-import"),
    path("staf/wartawan/<int:pk>/", views.staff_journalist, name="staff-journalist"),
    path("staf/wartawan/<int:pk>/kartu-pers/", views.staff_press_card, name="staff-press-card"),
    path("staf/wartawan/<int:pk>/verifikasi/", views.staff_journalist_verify, name="staff-journalist-verify"),
    path("staf/wartawan/<int:pk>/tolak/", views.staff_journalist_refuse, name="staff-journalist-refuse"),
    path("staf/wartawan/<int:pk>/hapus/", views.staff_journalist_delete, name="staff-journalist-delete"),
    path("staf/media/", views.staff_outlets, name="staff-outlets"),
    path("staf/media/baru/", views.staff_outlet_create, name="staff-outlet-create"),
    path("staf/media/<int:pk>/", views.staff_outlet_edit, name="staff-outlet-edit"),
    # Staff: distribution
    path("staf/daftar-distribusi/", views.staff_lists, name="staff-lists"),
    path("staf/daftar-distribusi/baru/", views.staff_list_create, name="staff-list-create"),
    path("staf/daftar-distribusi/<int:pk>/", views.staff_list_edit, name="staff-list-edit"),
    path("staf/pengiriman/", views.staff_sendings, name="staff-sendings"),
    path("staf/pengiriman/baru/", views.staff_sending_create, name="staff-sending-create"),
    path("staf/pengiriman/<int:pk>/", views.staff_sending, name="staff-sending"),
    path("staf/pengiriman/<int:pk>/status/", views.staff_sending_status, name="staff-sending-status"),
]
# Press conferences and coverage monitoring keep their routes in their own modules.
urlpatterns += events_urls.urlpatterns + coverage_urls.urlpatterns
