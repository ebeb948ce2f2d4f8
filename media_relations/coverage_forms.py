"""Forms of coverage monitoring: one item, a pasted link, a CSV file, the report filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from humas.forms import StyledFormMixin
from humas.uploads import check_image, check_pdf
from media_relations.coverage_services import duplicate_message, duplicate_of
from media_relations.events_forms import DateTimeInput
from media_relations.models import Outlet
from media_relations.models_coverage import CoverageItem
from releases.models import Release


class CoverageForm(StyledFormMixin, forms.ModelForm):
    url = forms.URLField(label=_("Tautan"), required=False, max_length=1000, assume_scheme="https")
    outlet = forms.ModelChoiceField(label=_("Media"), required=False, queryset=Outlet.objects.order_by("name"))
    release = forms.ModelChoiceField(
        label=_("Siaran pers terkait"), required=False, queryset=Release.objects.order_by("-created_at")
    )

    class Meta:
        model = CoverageItem
        fields = [
            "url",
            "title",
            "outlet",
            "outlet_name",
            "published_at",
            "medium",
            "tone",
            "reach",
            "release",
            "clipping",
        ]
        widgets = {"published_at": DateTimeInput()}

    def clean_url(self) -> str:
        url: str = self.cleaned_data.get("url", "")
        existing = duplicate_of(url, excluding=self.instance.pk)
        if existing is not None:
            raise forms.ValidationError(duplicate_message(existing), code="duplicate")
        return url

    def clean_clipping(self) -> UploadedFile | None:
        file = self.cleaned_data.get("clipping")
        if isinstance(file, UploadedFile):
            head = file.read(5)
            file.seek(0)
            (check_pdf if head.startswith(b"%PDF-") else check_image)(file)
        return file

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("outlet") and not data.get("outlet_name"):
            self.add_error("outlet", _("Pilih media dari direktori atau tulis nama medianya."))
        return data

    def item_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "clipping"}


class PasteUrlForm(StyledFormMixin, forms.Form):
    url = forms.URLField(label=_("Tautan berita"), max_length=1000, assume_scheme="https")

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        existing = duplicate_of(url)
        if existing is not None:
            raise forms.ValidationError(duplicate_message(existing), code="duplicate")
        return url


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Berkas CSV (UTF-8)"))
    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self) -> UploadedFile:
        file: UploadedFile = self.cleaned_data["file"]
        if (file.size or 0) > self.MAX_BYTES:
            raise forms.ValidationError(_("Berkas CSV terlalu besar; batasnya 5 MB. Bagi menjadi beberapa berkas."))
        return file

    skip_bad_rows = forms.BooleanField(label=_("Lewati baris yang salah dan simpan sisanya"), required=False)
