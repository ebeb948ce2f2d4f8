from django.urls import path

from visits import views

app_name = "visits"

status = "status/<int:pk>/<str:token>/"
staff = "staf/"

urlpatterns = [
    path("", views.index, name="index"),
    path("kalender/", views.calendar, name="calendar"),
    path("permohonan/", views.request_create, name="request"),
    path(status, views.status, name="status"),
    path(f"{status}tanggapan/", views.status_respond, name="status-respond"),
    path(f"{status}jadwal-ulang/", views.status_reschedule, name="status-reschedule"),
    path(f"{status}batal/", views.status_cancel, name="status-cancel"),
    path(f"{status}surat-balasan.pdf", views.status_letter, name="status-letter"),
    path(f"{status}undangan.ics", views.status_ics, name="status-ics"),
    path("tawaran/<int:pk>/<str:token>/", views.offer, name="offer"),
    path("feed/<str:token>.ics", views.staff_feed, name="feed"),
    path(staff, views.queue, name="queue"),
    path(f"{staff}<int:pk>/", views.detail, name="detail"),
    path(f"{staff}<int:pk>/disposisi/", views.forward, name="forward"),
    path(f"{staff}<int:pk>/setujui/", views.approve, name="approve"),
    path(f"{staff}<int:pk>/usulkan/", views.propose, name="propose"),
    path(f"{staff}<int:pk>/jadwal-ulang/", views.reschedule, name="reschedule"),
    path(f"{staff}<int:pk>/tolak/", views.decline, name="decline"),
    path(f"{staff}<int:pk>/batal/", views.cancel, name="cancel"),
    path(f"{staff}<int:pk>/berkas/<str:which>/", views.letter_file, name="letter-file"),
    path(f"{staff}<int:pk>/surat-balasan.pdf", views.reply_letter, name="reply-letter"),
    path(f"{staff}<int:pk>/daftar-hadir.pdf", views.attendance_pdf, name="attendance-pdf"),
    path(f"{staff}<int:pk>/kehadiran/", views.attendance, name="attendance"),
    path(f"{staff}<int:pk>/hari-h/", views.day_record, name="day-record"),
    path(f"{staff}<int:pk>/laporan/", views.report, name="report"),
    path(f"{staff}<int:pk>/siaran-pers/", views.release_draft, name="release-draft"),
    path(f"{staff}foto/<int:pk>/", views.photo, name="photo"),
    path(f"{staff}kedatangan/", views.checkin, name="checkin"),
    path(f"{staff}kalender/", views.staff_calendar, name="staff-calendar"),
    path(f"{staff}kalender/tautan/", views.feed_token, name="feed-token"),
    path(f"{staff}libur/", views.blackouts, name="blackouts"),
    path(f"{staff}libur/<int:pk>/hapus/", views.blackout_delete, name="blackout-delete"),
    path(f"{staff}statistik/", views.statistics_page, name="statistics"),
    path(f"{staff}statistik.csv", views.statistics_csv, name="statistics-csv"),
]
