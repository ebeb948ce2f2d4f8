from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from humas.models import AuditEntry, User


class StyledFormMixin:
    """Adds Bootstrap classes and ``aria-invalid`` to every widget, so templates stay plain."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "_errors", None) or {}:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"


class AuditFilterForm(StyledFormMixin, forms.Form):
    app = forms.ChoiceField(
        label=_("Modul"),
        required=False,
        choices=[
            ("", _("Semua")),
            ("humas", _("Inti")),
            ("releases", _("Siaran pers")),
            ("media_relations", _("Hubungan media")),
            ("ppid", _("PPID")),
            ("visits", _("Kunjungan")),
        ],
    )
    actor = forms.ModelChoiceField(
        label=_("Pelaku"), required=False, queryset=User.objects.filter(is_staff=True).order_by("username")
    )
    object_type = forms.ModelChoiceField(
        label=_("Jenis objek"),
        required=False,
        queryset=ContentType.objects.filter(app_label__in=["humas", "releases", "media_relations", "ppid", "visits"]),
    )
    q = forms.CharField(label=_("Cari objek atau catatan"), required=False, max_length=100)
    date_from = forms.DateField(label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("Tanggal awal harus sebelum tanggal akhir."))
        return data

    def filter(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        data = self.cleaned_data
        if data.get("app"):
            entries = entries.filter(action__startswith=data["app"] + ".")
        if data.get("actor"):
            entries = entries.filter(actor=data["actor"])
        if data.get("object_type"):
            entries = entries.filter(content_type=data["object_type"])
        if data.get("q"):
            entries = entries.filter(Q(object_repr__icontains=data["q"]) | Q(note__icontains=data["q"]))
        zone = timezone.get_current_timezone()
        if data.get("date_from"):
            entries = entries.filter(created_at__gte=datetime.combine(data["date_from"], time.min, zone))
        if data.get("date_to"):
            entries = entries.filter(created_at__lte=datetime.combine(data["date_to"], time.max, zone))
        return entries


class LoginForm(StyledFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."),
        "inactive": _("Akun ini tidak aktif. Hubungi admin Humas."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Nama pengguna")
        self.fields["password"].label = _("Kata sandi")


class PortalPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass


class PortalPasswordResetForm(StyledFormMixin, PasswordResetForm):
    pass


class PortalSetPasswordForm(StyledFormMixin, SetPasswordForm):
    pass
