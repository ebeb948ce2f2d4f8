from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from humas.forms import StyledFormMixin
from humas.models import Unit
from releases.models import Category, MediaContact, Release, Tag
from releases.widgets import RichTextWidget


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class ReleaseForm(StyledFormMixin, forms.ModelForm):
    tags_text = forms.CharField(
        label=_("Tag"), required=False, help_text=_("Pisahkan dengan koma, misalnya: kesehatan, imunisasi")
    )

    class Meta:
        model = Release
        fields = [
            "title",
            "lead",
            "body",
            "dateline_place",
            "unit",
            "category",
            "language",
            "publish_at",
            "embargo_until",
        ]
        widgets = {
            "lead": forms.Textarea(attrs={"rows": 3}),
            "body": RichTextWidget(),
            "publish_at": DateTimeLocalInput(),
            "embargo_until": DateTimeLocalInput(),
        }
        help_texts = {
            "publish_at": _("Kosongkan untuk terbit segera setelah diterbitkan Redaktur."),
            "embargo_until": _("Wartawan terverifikasi dapat membaca sebelum waktu ini; publik tidak."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = Unit.objects.filter(is_active=True)
        self.fields["body"].required = False
        if self.instance.pk:
            self.initial["tags_text"] = ", ".join(tag.name for tag in self.instance.tags.all())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        publish_at, embargo = data.get("publish_at"), data.get("embargo_until")
        if publish_at and embargo and embargo < publish_at:
            self.add_error("embargo_until", _("Waktu embargo tidak boleh sebelum waktu terbit."))
        return data

    def tags(self) -> list[Tag]:
        names = {name.strip()[:60] for name in self.cleaned_data.get("tags_text", "").split(",") if name.strip()}
        tags = []
        for name in sorted(names):
            slug = slugify(name)[:60]
            if slug:
                tag, _created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
                tags.append(tag)
        return tags

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "lead": data["lead"],
            "body": data.get("body") or "",
            "unit": data["unit"],
            "dateline_place": data.get("dateline_place") or "",
            "category": data.get("category"),
            "language": data["language"],
            "tags": self.tags(),
            "publish_at": data.get("publish_at"),
            "embargo_until": data.get("embargo_until"),
        }


class ContactForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = MediaContact
        fields = ["name", "role", "phone", "email"]


ContactFormSet = forms.formset_factory(ContactForm, extra=1, max_num=6, can_delete=True)


def contacts_from(formset: forms.BaseFormSet) -> list[dict[str, str]]:
    return [
        {key: form.cleaned_data.get(key, "") for key in ("name", "role", "phone", "email")}
        for form in formset.forms
        if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class ImageForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Foto (JPEG, PNG, atau WebP)"))
    caption = forms.CharField(label=_("Keterangan foto"), max_length=500, required=False)
    credit = forms.CharField(label=_("Kredit foto"), max_length=200, required=False)
    alt_text = forms.CharField(
        label=_("Teks alternatif"),
        max_length=300,
        required=False,
        help_text=_("Gambaran foto untuk pembaca layar. Wajib sebelum disetujui."),
    )
    is_lead = forms.BooleanField(label=_("Jadikan gambar utama"), required=False)


class ImageEditForm(StyledFormMixin, forms.Form):
    caption = forms.CharField(label=_("Keterangan foto"), max_length=500, required=False)
    credit = forms.CharField(label=_("Kredit foto"), max_length=200, required=False)
    alt_text = forms.CharField(label=_("Teks alternatif"), max_length=300, required=False)
    is_lead = forms.BooleanField(label=_("Gambar utama"), required=False)


class AttachmentForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Lampiran (PDF, DOCX, atau XLSX)"))
    title = forms.CharField(label=_("Judul lampiran"), max_length=200, required=False)


class CommentForm(StyledFormMixin, forms.Form):
    body = forms.CharField(label=_("Komentar"), widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CorrectionForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=250)
    lead = forms.CharField(label=_("Ringkasan"), widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(label=_("Isi"), required=False, widget=RichTextWidget())
    note = forms.CharField(label=_("Catatan ralat (tampil untuk publik)"), widget=forms.Textarea(attrs={"rows": 2}))


class StaffFilterForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua")), *Release.Status.choices])
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.all())
    category = forms.ModelChoiceField(label=_("Kategori"), required=False, queryset=Category.objects.all())
    penulis = forms.CharField(label=_("Penulis"), required=False)
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class PublicFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=200)
    kategori = forms.ModelChoiceField(
        label=_("Kategori"), required=False, queryset=Category.objects.all(), to_field_name="slug"
    )
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.all(), to_field_name="slug")
    tag = forms.SlugField(label=_("Tag"), required=False)
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
