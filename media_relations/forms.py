"""Forms validate input only; the views hand cleaned data to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from humas.forms import StyledFormMixin
from humas.models import Unit
from humas.public_forms import SpamTrapMixin
from humas.uploads import check_document
from media_relations.contacts import normalize_email, normalize_phone
from media_relations.models import AlertPreference, Beat, DistributionList, Journalist, Outlet
from releases.models import Category, Release

MAX_CARD_BYTES = 8 * 1024 * 1024
MAX_CSV_BYTES = 2 * 1024 * 1024
BAD_EMAIL = _("Alamat surel tidak sah. Contoh yang benar: nama@media.co.id.")


class ContactFieldsMixin:
    cleaned_data: dict[str, Any]

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data.get("email", ""))

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data.get("phone", ""))


class JournalistFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Cari nama, media, atau surel"), required=False)
    jenis = forms.ChoiceField(label=_("Jenis media"), required=False, choices=[("", _("Semua")), *Outlet.Kind.choices])
    desk = forms.ModelChoiceField(
        label=_("Desk liputan"), required=False, queryset=Beat.objects.all(), to_field_name="slug"
    )
    wilayah = forms.CharField(label=_("Wilayah liputan"), required=False)
    verifikasi = forms.ChoiceField(
        label=_("Verifikasi"), required=False, choices=[("", _("Semua")), *Journalist.Verification.choices]
    )
    terpental = forms.BooleanField(label=_("Hanya surel terpental"), required=False)
    minta_hapus = forms.BooleanField(label=_("Hanya yang minta dihapus"), required=False)

    def filter(self, found: QuerySet[Journalist], *, with_contact: bool) -> QuerySet[Journalist]:
        data = self.cleaned_data
        if data.get("q"):
            term = data["q"]
            match = Q(name__icontains=term) | Q(outlet__name__icontains=term) | Q(notes__icontains=term)
            if with_contact:
                match |= Q(email__icontains=term) | Q(phone__icontains=term)
            found = found.filter(match)
        if data.get("jenis"):
            found = found.filter(outlet__kind=data["jenis"])
        if data.get("desk"):
            found = found.filter(beats=data["desk"])
        if data.get("wilayah"):
            found = found.filter(outlet__coverage_area__icontains=data["wilayah"])
        if data.get("verifikasi"):
            found = found.filter(verification=data["verifikasi"])
        if data.get("terpental"):
            found = found.filter(bounced_at__isnull=False)
        if data.get("minta_hapus"):
            found = found.filter(deletion_requested_at__isnull=False)
        return found.distinct() if data.get("desk") else found


class OutletFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Cari nama media"), required=False)
    jenis = forms.ChoiceField(label=_("Jenis media"), required=False, choices=[("", _("Semua")), *Outlet.Kind.choices])
    wilayah = forms.CharField(label=_("Wilayah liputan"), required=False)

    def filter(self, found: QuerySet[Outlet]) -> QuerySet[Outlet]:
        data = self.cleaned_data
        if data.get("q"):
            found = found.filter(name__icontains=data["q"])
        if data.get("jenis"):
            found = found.filter(kind=data["jenis"])
        if data.get("wilayah"):
            found = found.filter(coverage_area__icontains=data["wilayah"])
        return found


class OutletForm(StyledFormMixin, forms.ModelForm):
    website = forms.URLField(label=_("Situs web"), required=False, assume_scheme="https")

    class Meta:
        model = Outlet
        fields = ["name", "kind", "coverage_area", "website", "address"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if Outlet.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Media bernama “%(name)s” sudah ada.") % {"name": name})
        return name


class JournalistForm(ContactFieldsMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Journalist
        fields = ["name", "outlet", "beats", "email", "phone", "press_card_number", "press_card_issuer", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3}), "beats": forms.CheckboxSelectMultiple}
        error_messages = {"email": {"invalid": BAD_EMAIL}}

    consent = forms.ChoiceField(
        label=_("Persetujuan menerima surel"),
        required=False,
        choices=[("", _("Belum ada persetujuan")), *[(c.value, c.label) for c in Journalist.ConsentSource]],
        help_text=_("UU 27/2022: tanpa persetujuan, wartawan tidak dikirimi siaran pers."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].initial = self.instance.consent_source
        self.fields["beats"].widget.attrs["class"] = "form-check-input"

    def clean_email(self) -> str:
        email = super().clean_email()
        if Journalist.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Wartawan dengan surel %(email)s sudah ada di direktori.") % {"email": email})
        return email


class RefuseForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan penolakan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class ImportUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV"),
        help_text=_(
            "UTF-8, kolom: nama, surel, media, jenis_media; opsional: telepon, desk, wilayah, nomor_kartu_pers, "
            "penerbit_kartu_pers, catatan, persetujuan."
        ),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise ValidationError(_("Berkas terlalu besar. Batasnya 2 MB."))
        if upload.size == 0:
            raise ValidationError(_("Berkas kosong."))
        return bytes(upload.read())


class RegistrationForm(ContactFieldsMixin, SpamTrapMixin, StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    outlet = forms.ModelChoiceField(label=_("Media"), queryset=Outlet.objects.all())
    email = forms.EmailField(label=_("Surel"), error_messages={"invalid": BAD_EMAIL})
    phone = forms.CharField(label=_("Nomor telepon"), max_length=25)
    press_card_number = forms.CharField(label=_("Nomor kartu pers"), max_length=60)
    press_card_issuer = forms.CharField(label=_("Penerbit kartu pers"), max_length=120)
    press_card_image = forms.FileField(
        label=_("Foto atau pindaian kartu pers"), help_text=_("JPEG, PNG, WebP, atau PDF, paling besar 8 MB.")
    )
    password = forms.CharField(label=_("Kata sandi"), widget=forms.PasswordInput(render_value=False))
    consent = forms.BooleanField(
        label=_(
            "Saya setuju data saya (nama, media, surel, telepon, kartu pers) disimpan Bagian Humas dan dipakai untuk "
            "mengirimi saya siaran pers dan undangan, sesuai UU 27/2022 tentang Pelindungan Data Pribadi. "
            "Saya dapat berhenti berlangganan atau meminta data dihapus kapan saja."
        ),
        error_messages={"required": _("Persetujuan diperlukan untuk mendaftar.")},
    )

    def clean_email(self) -> str:
        email = super().clean_email()
        if Journalist.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                _("Surel %(email)s sudah terdaftar. Masuk dengan akun itu atau hubungi Bagian Humas.")
                % {"email": email}
            )
        return email

    def clean_press_card_image(self) -> Any:
        upload = self.cleaned_data["press_card_image"]
        check_document(upload, allow=("pdf", "image"), max_bytes=MAX_CARD_BYTES)
        return upload

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class OwnRecordForm(ContactFieldsMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Journalist
        fields = ["name", "outlet", "phone", "press_card_number", "press_card_issuer"]


class AlertPreferenceForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = AlertPreference
        fields = ["enabled", "categories", "units"]
        widgets = {"categories": forms.CheckboxSelectMultiple, "units": forms.CheckboxSelectMultiple}
        help_texts = {
            "categories": _("Kosongkan untuk semua kategori."),
            "units": _("Kosongkan untuk semua unit."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = Category.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["units"].queryset = Unit.objects.order_by("name")  # type: ignore[attr-defined]


class DistributionListForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = DistributionList
        fields = ["name", "description", "members"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "members": forms.SelectMultiple(attrs={"size": 12}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = Journalist.objects.select_related("outlet").order_by("name")  # type: ignore[attr-defined]
        self.fields["members"].label_from_instance = lambda j: f"{j.name} ({j.outlet or '-'})"  # type: ignore[attr-defined]


class SendingForm(StyledFormMixin, forms.Form):
    release = forms.ModelChoiceField(label=_("Siaran pers"), queryset=Release.objects.none())
    advance_copy = forms.BooleanField(
        label=_("Kirim sebagai salinan awal berembargo (hanya wartawan terverifikasi)"), required=False
    )
    distribution_list = forms.ModelChoiceField(
        label=_("Daftar distribusi"), required=False, queryset=DistributionList.objects.all()
    )
    beat = forms.ModelChoiceField(label=_("Segmen: desk liputan"), required=False, queryset=Beat.objects.all())
    outlet_kind = forms.ChoiceField(
        label=_("Segmen: jenis media"), required=False, choices=[("", _("Semua")), *Outlet.Kind.choices]
    )
    area = forms.CharField(label=_("Segmen: wilayah liputan"), required=False, max_length=120)
    confirm_resend = forms.BooleanField(
        label=_("Kirim ulang kepada penerima yang sudah pernah menerima siaran pers ini"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["release"].queryset = Release.objects.filter(  # type: ignore[attr-defined]
            status__in=[Release.Status.SCHEDULED, Release.Status.PUBLISHED]
        ).order_by("-publish_at")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(k) for k in ("distribution_list", "beat", "outlet_kind", "area")):
            raise ValidationError(_("Pilih daftar distribusi atau setidaknya satu segmen penerima."))
        return data
