from django.urls import path

from releases import feeds, staff_views, views

app_name = "releases"

staff_patterns = [
    path("redaksi/", staff_views.staff_list, name="staff-list"),
    path("redaksi/telaah/", staff_views.staff_queue, name="staff-queue"),
    path("redaksi/baru/", staff_views.staff_create, name="staff-create"),
    path("redaksi/pratinjau-langsung/", staff_views.staff_live_preview, name="staff-live-preview"),
    path("redaksi/unggah-gambar/", staff_views.editor_image_upload, name="editor-image-upload"),
    path("redaksi/<int:pk>/", staff_views.staff_detail, name="staff-detail"),
    path("redaksi/<int:pk>/sunting/", staff_views.staff_edit, name="staff-edit"),
    path("redaksi/<int:pk>/pratinjau/", staff_views.staff_preview, name="staff-preview"),
    path("redaksi/<int:pk>/ralat/", staff_views.staff_correct, name="staff-correct"),
    path("redaksi/<int:pk>/revisi/", staff_views.staff_revisions, name="staff-revisions"),
    path("redaksi/<int:pk>/komentar/", staff_views.staff_comment, name="staff-comment"),
    path("redaksi/<int:pk>/aksi/<slug:action>/", staff_views.staff_transition, name="staff-transition"),
    path("redaksi/<int:pk>/gambar/", staff_views.staff_image_add, name="staff-image-add"),
    path("redaksi/<int:pk>/gambar/<int:image_id>/", staff_views.staff_image_edit, name="staff-image-edit"),
    path("redaksi/<int:pk>/lampiran/", staff_views.staff_attachment_add, name="staff-attachment-add"),
    path(
        "redaksi/<int:pk>/lampiran/<int:attachment_id>/hapus/",
        staff_views.staff_attachment_delete,
        name="staff-attachment-delete",
    ),
    path(
        "redaksi/<int:pk>/lampiran/<int:attachment_id>/",
        staff_views.staff_attachment_download,
        name="staff-attachment-download",
    ),
]

feed_patterns = [
    path("feed/rss/", feeds.ReleaseFeed(), name="feed-rss"),
    path("feed/atom/", feeds.AtomReleaseFeed(), name="feed-atom"),
    path("kategori/<slug:category>/feed/rss/", feeds.ReleaseFeed(), name="category-feed-rss"),
    path("kategori/<slug:category>/feed/atom/", feeds.AtomReleaseFeed(), name="category-feed-atom"),
    path("unit/<slug:unit>/feed/rss/", feeds.ReleaseFeed(), name="unit-feed-rss"),
    path("unit/<slug:unit>/feed/atom/", feeds.AtomReleaseFeed(), name="unit-feed-atom"),
]

urlpatterns = [
    path("", views.index, name="index"),
    *staff_patterns,
    *feed_patterns,
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/press-kit/", views.presskit_download, name="presskit"),
    path("<slug:slug>/lampiran/<int:attachment_id>/", views.attachment, name="attachment"),
]
