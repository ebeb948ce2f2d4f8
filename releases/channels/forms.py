from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from releases.channels import rules
from releases.channels.adapters import ADAPTERS
from releases.channels.crypto import CredentialsUnreadable, decrypt_credentials, mask
from releases.channels.models import Channel, Platform

# The one secret each platform needs, by its name in the encrypted credentials.
SECRET_KEYS = {
    Platform.X: ("access_token", _("Token akses pengguna OAuth 2.0")),
    Platform.FACEBOOK: ("access_token", _("Token akses Halaman")),
    Platform.INSTAGRAM: ("access_token", _("Token akses (Graph API)")),
    Platform.TELEGRAM: ("bot_token", _("Token bot")),
    Platform.MASTODON: ("access_token", _("Token akses aplikasi")),
    Platform.WEBHOOK: ("secret", _("Rahasia bersama untuk tanda tangan HMAC")),
}


class ChannelForm(forms.ModelForm):
    base_url = forms.URLField(label=_("alamat dasar API"), required=False, max_length=300, assume_scheme="https")
    secret = forms.CharField(
        label=_("Token / rahasia"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = Channel
        fields = [
            "platform",
            "name",
            "account",
            "base_url",
            "enabled",
            "selected_by_default",
            "message_template",
            "hashtags",
        ]
        widgets = {"message_template": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["base_url"].required = False
        self.fields["base_url"].help_text = _("Kosongkan untuk memakai alamat resmi platform.")
        for name, field in self.fields.items():
            if not isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-control" if name != "platform" else "form-select")
            else:
                field.widget.attrs.setdefault("class", "form-check-input")
        if self.instance.pk:
            self.fields["platform"].disabled = True
            current = self._current_secret()
            self.fields["secret"].help_text = (
                _("Tersimpan: %s. Kosongkan untuk tetap memakai yang tersimpan.") % mask(current)
                if current
                else _("Belum ada token tersimpan.")
            )

    def _current_secret(self) -> str:
        try:
            values = decrypt_credentials(self.instance.credentials_encrypted)
        except CredentialsUnreadable:
            return ""
        key = SECRET_KEYS[Platform(self.instance.platform)][0]
        return str(values.get(key, ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        platform = data.get("platform") or self.instance.platform
        if not data.get("base_url") and platform:
            data["base_url"] = ADAPTERS[platform].default_base_url
        if not self.instance.pk and not data.get("secret"):
            self.add_error("secret", _("Isi token atau rahasia kanal ini."))
        return data

    def credentials(self) -> dict[str, str]:
        platform = Platform(self.cleaned_data.get("platform") or self.instance.platform)
        return {SECRET_KEYS[platform][0]: self.cleaned_data.get("secret", "")}


class VersionForm(forms.Form):
    """One channel's version of a release; prefixed with the channel id."""

    selected = forms.BooleanField(label=_("Kirim ke kanal ini"), required=False)
    text = forms.CharField(label=_("Teks"), widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}))
    image = forms.ImageField(label=_("Gambar"), required=False)
    remove_image = forms.BooleanField(label=_("Hapus gambar"), required=False)

    def __init__(self, *args: Any, channel: Channel, has_image: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.channel = channel
        self.has_image = has_image
        self.prepared_image: bytes | None = None
        limit = rules.limit_for(channel, has_image=has_image)
        self.fields["text"].widget.attrs.update(
            {
                "data-count-rule": limit.counter,
                "data-count-max": str(limit.limit),
                "data-url-length": str(limit.url_length),
                "data-counter": f"counter-{channel.pk}",
            }
        )
        self.fields["image"].widget.attrs["class"] = "form-control"
        self.fields["selected"].widget.attrs["class"] = "form-check-input"
        self.fields["remove_image"].widget.attrs["class"] = "form-check-input"
        self.fields["image"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if image:
            self.prepared_image = rules.prepare_image(image, channel=self.channel)
        return image

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors or not data.get("selected"):
            return data
        has_image = bool(self.prepared_image) or (self.has_image and not data.get("remove_image"))
        problems = rules.text_problems(self.channel, data.get("text", ""), has_image=has_image)
        if problems:
            raise ValidationError(problems)
        return data


class MarkPostedForm(forms.Form):
    url = forms.URLField(
        label=_("Alamat unggahan"),
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "form-control form-control-sm", "placeholder": "https://"}),
    )
