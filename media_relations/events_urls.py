"""Routes of press conferences; the lead includes them under /media/ in the media_relations namespace."""

from django.urls import path

from media_relations import events_views as views

urlpatterns = [
    path("acara/", views.event_list, name="event-list"),
    path("acara/baru/", views.event_create, name="event-create"),
    path("acara/<int:pk>/", views.event_detail, name="event-detail"),
    path("acara/<int:pk>/ubah/", views.event_edit, name="event-edit"),
    path("acara/<int:pk>/undang/", views.event_invite, name="event-invite"),
    path("acara/<int:pk>/kehadiran/", views.event_checkin, name="event-checkin"),
    path("acara/<int:pk>/kehadiran/<int:invitation_pk>/", views.invitation_checkin, name="invitation-checkin"),
    path("acara/<int:pk>/ringkasan/", views.event_summary, name="event-summary"),
    path("undangan/<str:token>/", views.event_rsvp, name="event-rsvp"),
    path("undangan-saya/", views.my_invitations, name="my-invitations"),
]
