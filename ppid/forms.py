"""Forms validate input and hand clean data to a service; they change nothing themselves."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from humas.models import Unit, User
from humas.public_forms import SpamTrapMixin
from humas.roles import Role
from humas.uploads import check_document
from ppid.models import (
    Channel,
    Decision,
    DeliveryMethod,
    DipCategory,
    DipItem,
    DisputeOutcome,
    ExemptGround,
    ObjectionDecision,
    ObtainMethod,
    RefusalBasis,
    RequesterType,
    ServiceInfo,
    ServiceReportText,
    Status,
)
from ppid.nik import validate_nik
from ppid.services import RequesterData

PHONE = re.compile(r"^\+?[0-9][0-9 \-]{6,18}[0-9]$")
TEXTAREA = forms.Textarea(attrs={"rows": 3, "class": "form-control"})


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            continue
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif not isinstance(widget, forms.HiddenInput):
            widget.attrs.setdefault("class", "form-control")


def checked_document(upload: Any) -> Any:
    if upload:
        check_document(upload, allow=("pdf", "image"))
    return upload


class RequestFieldsForm(forms.Form):
    requester_type = forms.ChoiceField(label=_("Jenis pemohon"), choices=RequesterType.choices)
    on_behalf = forms.BooleanField(
        label=_("Saya mengajukan atas nama orang lain (melampirkan surat kuasa)"), required=False
    )
    name = forms.CharField(label=_("Nama lengkap / nama badan hukum / nama kelompok"), max_length=200)
    nik = forms.CharField(
        label=_("NIK"),
        max_length=16,
        required=False,
        help_text=_("16 angka sesuai KTP. Wajib bagi perorangan dan wakil kelompok."),
    )
    entity_registration = forms.CharField(
        label=_("Nomor pengesahan badan hukum (Kemenkumham)"), max_length=100, required=False
    )
    address = forms.CharField(label=_("Alamat"), widget=TEXTAREA)
    phone = forms.CharField(label=_("Nomor telepon"), max_length=30)
    email = forms.EmailField(label=_("Surel"), required=False, help_text=_("Untuk tanda bukti dan tautan pelacakan."))
    occupation = forms.CharField(label=_("Pekerjaan"), max_length=100, required=False)
    information = forms.CharField(label=_("Rincian informasi yang dibutuhkan"), widget=TEXTAREA, max_length=5000)
    purpose = forms.CharField(label=_("Tujuan penggunaan informasi"), widget=TEXTAREA, max_length=2000)
    obtain_method = forms.ChoiceField(label=_("Cara memperoleh informasi"), choices=ObtainMethod.choices)
    delivery_method = forms.ChoiceField(label=_("Cara mendapatkan salinan informasi"), choices=DeliveryMethod.choices)
    identity_document = forms.FileField(
        label=_("Dokumen identitas"),
        required=False,
        help_text=_(
            "Perorangan: pindaian KTP. Badan hukum: akta pendirian dan pengesahan Kemenkumham. "
            "Kelompok: surat kuasa dan KTP. Gambar (JPG/PNG/WebP) atau PDF, paling besar 20 MB."
        ),
    )
    power_of_attorney = forms.FileField(
        label=_("Surat kuasa"), required=False, help_text=_("Wajib bila mewakili orang lain atau kelompok.")
    )
    identity_required = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_nik(self) -> str:
        return str(self.cleaned_data.get("nik", "")).replace(" ", "")

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data["phone"]).strip()
        if not PHONE.match(phone):
            raise ValidationError(_("Nomor telepon hanya berisi angka (boleh diawali +), 8 sampai 20 karakter."))
        return phone

    def clean_identity_document(self) -> Any:
        return checked_document(self.cleaned_data.get("identity_document"))

    def clean_power_of_attorney(self) -> Any:
        return checked_document(self.cleaned_data.get("power_of_attorney"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("requester_type")
        if kind in (RequesterType.INDIVIDUAL, RequesterType.GROUP):
            nik = data.get("nik", "")
            if not nik:
                self.add_error("nik", _("NIK wajib diisi."))
            else:
                try:
                    validate_nik(nik)
                except ValidationError as error:
                    self.add_error("nik", error)
        if kind == RequesterType.LEGAL_ENTITY and not data.get("entity_registration"):
            self.add_error("entity_registration", _("Nomor pengesahan badan hukum wajib diisi."))
        needs_attorney = kind == RequesterType.GROUP or data.get("on_behalf")
        if needs_attorney and not data.get("power_of_attorney") and "power_of_attorney" not in self.errors:
            self.add_error("power_of_attorney", _("Lampirkan surat kuasa."))
        if self.identity_required and not data.get("identity_document") and "identity_document" not in self.errors:
            self.add_error("identity_document", _("Lampirkan dokumen identitas (gambar atau PDF)."))
        return data

    def requester_data(self) -> RequesterData:
        d = self.cleaned_data
        return RequesterData(
            requester_type=d["requester_type"],
            on_behalf=d["on_behalf"],
            name=d["name"].strip(),
            nik=d["nik"] if d["requester_type"] != RequesterType.LEGAL_ENTITY else "",
            entity_registration=d["entity_registration"].strip(),
            address=d["address"].strip(),
            phone=d["phone"],
            email=d["email"],
            occupation=d["occupation"].strip(),
            information=d["information"].strip(),
            purpose=d["purpose"].strip(),
            obtain_method=d["obtain_method"],
            delivery_method=d["delivery_method"],
        )


class PublicRequestForm(SpamTrapMixin, RequestFieldsForm):
    pass


class StaffRequestForm(RequestFieldsForm):
    """An officer enters a request that came on paper, by email or by message."""

    channel = forms.ChoiceField(label=_("Diterima melalui"), choices=[c for c in Channel.choices if c[0] != "web"])
    received_at = forms.DateTimeField(
        label=_("Waktu diterima"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Kosongkan bila diterima sekarang."),
    )
    identity_required = False


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Petugas"), queryset=User.objects.none(), required=False)
    unit = forms.ModelChoiceField(label=_("OPD"), queryset=Unit.objects.filter(is_active=True), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = User.objects.filter(groups__name=Role.PPID_OFFICER.value, is_active=True)  # type: ignore[attr-defined]
        _style(self)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Catatan internal (tidak terlihat oleh pemohon)"), widget=TEXTAREA)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class ExtendForm(forms.Form):
    extension_reason = forms.CharField(label=_("Alasan perpanjangan (disampaikan kepada pemohon)"), widget=TEXTAREA)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("Putusan"), choices=Decision.choices)
    answer = forms.CharField(label=_("Isi pemberitahuan tertulis"), widget=forms.Textarea(attrs={"rows": 6}))
    refusal_basis = forms.ChoiceField(
        label=_("Dasar penolakan"), choices=[("", "—"), *RefusalBasis.choices], required=False
    )
    dip_item = forms.ModelChoiceField(
        label=_("Item informasi dikecualikan (DIP)"),
        queryset=DipItem.objects.filter(category=DipCategory.EXEMPT),
        required=False,
    )
    exempt_ground = forms.ChoiceField(
        label=_("Pasal 17 yang dipakai"), choices=[("", "—"), *ExemptGround.choices], required=False
    )
    consequence_test = forms.CharField(label=_("Uji konsekuensi"), widget=TEXTAREA, required=False)
    fee = forms.IntegerField(label=_("Biaya penggandaan (Rp)"), min_value=0, initial=0, required=False)
    documents = forms.FileField(label=_("Dokumen yang diberikan (PDF atau gambar)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_documents(self) -> Any:
        return checked_document(self.cleaned_data.get("documents"))


class StatusForm(forms.Form):
    to = forms.ChoiceField(choices=Status.choices)


class ObjectionForm(forms.Form):
    reasons = forms.MultipleChoiceField(
        label=_("Alasan keberatan (Pasal 35 ayat 1)"), widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(label=_("Uraian keberatan"), widget=TEXTAREA, max_length=5000)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reasons"].choices = choices  # type: ignore[attr-defined]
        self.fields["reasons"].error_messages["invalid_choice"] = _(
            "Alasan “%(value)s” tidak sesuai dengan riwayat permohonan ini atau batas waktunya telah lewat."
        )
        _style(self)


class ObjectionDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Putusan"), choices=ObjectionDecision.choices)
    text = forms.CharField(label=_("Pertimbangan dan tanggapan"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class DisputeForm(forms.Form):
    filed_date = forms.DateField(
        label=_("Tanggal diajukan ke Komisi Informasi"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class DisputeOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Hasil sengketa"), choices=DisputeOutcome.choices)
    note = forms.CharField(label=_("Catatan"), widget=TEXTAREA, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class DipItemForm(forms.ModelForm):
    class Meta:
        model = DipItem
        fields = [
            "number",
            "summary",
            "category",
            "unit",
            "responsible_official",
            "created_when",
            "created_where",
            "formats",
            "retention_period",
            "exempt_ground",
            "consequence_test",
            "is_published",
        ]
        widgets = {"summary": TEXTAREA, "consequence_test": TEXTAREA}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("category") == DipCategory.EXEMPT:
            if not data.get("exempt_ground"):
                self.add_error("exempt_ground", _("Informasi dikecualikan wajib menyebut dasar Pasal 17."))
            if not (data.get("consequence_test") or "").strip():
                self.add_error("consequence_test", _("Informasi dikecualikan wajib disertai uji konsekuensi."))
        elif data.get("exempt_ground"):
            self.add_error("exempt_ground", _("Dasar pengecualian hanya untuk informasi dikecualikan."))
        return data


class DipDocumentForm(forms.Form):
    title = forms.CharField(label=_("Judul dokumen"), max_length=200)
    file = forms.FileField(label=_("Berkas (PDF atau gambar)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_file(self) -> Any:
        return checked_document(self.cleaned_data.get("file"))


class DipFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False)
    kategori = forms.ChoiceField(label=_("Kategori"), choices=[("", _("Semua")), *DipCategory.choices], required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.filter(is_active=True), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class ServiceInfoForm(forms.ModelForm):
    class Meta:
        model = ServiceInfo
        fields = ["maklumat", "hours", "costs", "request_procedure", "objection_procedure"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class ReportTextForm(forms.ModelForm):
    class Meta:
        model = ServiceReportText
        fields = ["policy", "service_run", "obstacles", "recommendations"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class PeriodForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    triwulan = forms.TypedChoiceField(
        label=_("Periode"),
        coerce=int,
        choices=[(0, _("Setahun")), (1, "Triwulan I"), (2, "Triwulan II"), (3, "Triwulan III"), (4, "Triwulan IV")],
        required=False,
        empty_value=0,  # type: ignore[arg-type]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
