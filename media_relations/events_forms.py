"""Forms of press conferences: the event, the invitation list, the RSVP and the check-in search."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from humas.forms import StyledFormMixin
from media_relations.models import Beat, Journalist, Outlet
from media_relations.models_events import MAX_CREW, Event, Invitation
from releases.models import Release


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(StyledFormMixin, forms.ModelForm):
    online_url = forms.URLField(label=_("Tautan daring"), required=False, assume_scheme="https")
    releases = forms.ModelMultipleChoiceField(
        label=_("Siaran pers terkait"),
        required=False,
        queryset=Release.objects.order_by("-created_at"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Event
        fields = ["title", "starts_at", "ends_at", "place", "online_url", "host_officials", "topics", "capacity"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "host_officials": forms.Textarea(attrs={"rows": 3}),
            "topics": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Waktu selesai harus sesudah waktu mulai."))
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Isi tempat acara atau tautan daringnya."))
        return data

    def event_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class InviteForm(StyledFormMixin, forms.Form):
    journalists = forms.ModelMultipleChoiceField(
        label=_("Wartawan pilihan"),
        required=False,
        queryset=Journalist.objects.select_related("outlet").order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    beats = forms.ModelMultipleChoiceField(
        label=_("Atau semua wartawan pada desk"),
        required=False,
        queryset=Beat.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    outlet_kinds = forms.MultipleChoiceField(
        label=_("Atau semua wartawan dari jenis media"),
        required=False,
        choices=Outlet.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("journalists") or data.get("beats") or data.get("outlet_kinds")):
            raise forms.ValidationError(_("Pilih wartawan, desk liputan, atau jenis media yang akan diundang."))
        return data


class RsvpForm(StyledFormMixin, forms.Form):
    response = forms.ChoiceField(
        label=_("Kehadiran Anda"),
        choices=[(c, label) for c, label in Invitation.Response.choices if c != Invitation.Response.PENDING],
        widget=forms.RadioSelect,
    )
    crew_count = forms.IntegerField(
        label=_("Jumlah kru pendamping (juru kamera, fotografer)"),
        min_value=0,
        max_value=MAX_CREW,
        initial=0,
        required=False,
    )


class CheckInSearchForm(forms.Form):
    q = forms.CharField(label=_("Cari nama wartawan atau media"), required=False, max_length=100)
