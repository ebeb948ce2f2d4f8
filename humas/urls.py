from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from humas import views
from humas.forms import LoginForm, PortalPasswordChangeForm, PortalPasswordResetForm, PortalSetPasswordForm

admin.site.site_header = _("Administrasi Portal Humas")
admin.site.site_title = _("Portal Humas")

auth_patterns = [
    path("masuk/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("setelah-masuk/", views.after_login, name="after-login"),
    path(
        "akun/kata-sandi/",
        auth_views.PasswordChangeView.as_view(
            form_class=PortalPasswordChangeForm, success_url=reverse_lazy("humas:password_change_done")
        ),
        name="password_change",
    ),
    path("akun/kata-sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "akun/lupa-kata-sandi/",
        auth_views.PasswordResetView.as_view(
            form_class=PortalPasswordResetForm,
            success_url=reverse_lazy("humas:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path("akun/lupa-kata-sandi/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "akun/atur-ulang/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=PortalSetPasswordForm, success_url=reverse_lazy("humas:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path("akun/atur-ulang/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

humas_patterns = [
    *auth_patterns,
    path("staf/", views.dashboard, name="dashboard"),
    path("staf/audit/", views.audit_list, name="audit"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("", include((humas_patterns, "humas"))),
    path("sehat/", views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("siaran-pers/", include("releases.urls")),
    path("", include("releases.root_urls")),  # /sitemap.xml and /robots.txt
    path("staf/kanal/", include("releases.channels.urls")),
    path("media/", include("media_relations.urls")),
    path("ppid/", include("ppid.urls")),
    path("kunjungan/", include("visits.urls")),
]

if settings.SERVE_PUBLIC_MEDIA:
    # Public media only; private media has no URL at all.
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [re_path(rf"^{media_prefix}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
