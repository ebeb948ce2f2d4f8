"""Forms validate input and hand clean data to a service; they change nothing themselves."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from humas.models import User
from humas.public_forms import SpamTrapMixin
from humas.uploads import check_office, check_pdf
from visits import availability
from visits.models import Blackout, InstitutionKind, ReceivingRule, Room, Topic
from visits.services import MAX_PARTICIPANT_ROWS, VisitData

PHONE = re.compile(r"^\+?[0-9][0-9 \-]{6,18}[0-9]$")
TEXTAREA = {"rows": 3, "class": "form-control"}


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


def local_datetime(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=availability.local_zone())


def parse_participant_lines(text: str) -> list[tuple[str, str]]:
    """One participant per line: ``Name`` or ``Name, Position`` (a tab or semicolon works too)."""
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        parts = re.split(r"[,;\t]", line, maxsplit=1)
        name, position = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
        if name:
            rows.append((name[:150], position[:150]))
    return rows


def _rows_to_participants(rows: list[list[Any]]) -> list[tuple[str, str]]:
    found = []
    for row in rows:
        cells = [str(cell).strip() if cell is not None else "" for cell in row[:2]] + ["", ""]
        name, position = cells[0], cells[1]
        if not name or name.lower() in {"nama", "name"}:
            continue
        found.append((name[:150], position[:150]))
    return found


def read_participant_file(upload: Any) -> list[tuple[str, str]]:
    """Participants from an XLSX or CSV sheet: name in the first column, position in the second."""
    head = upload.read(4)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        check_office(upload, kinds=("xlsx",))
        try:
            sheet = load_workbook(upload, read_only=True, data_only=True).active
        except Exception:  # openpyxl raises many kinds for a damaged workbook
            raise ValidationError(_("Berkas XLSX tidak dapat dibaca.")) from None
        rows = [list(row) for row in sheet.iter_rows(max_row=MAX_PARTICIPANT_ROWS + 1, values_only=True)]
        return _rows_to_participants(rows)
    raw = upload.read(512 * 1024)
    upload.seek(0)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Daftar peserta harus berupa XLSX atau CSV (UTF-8).")) from None
    if "\x00" in text:
        raise ValidationError(_("Daftar peserta harus berupa XLSX atau CSV (UTF-8)."))
    dialect: Any = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    return _rows_to_participants(list(csv.reader(io.StringIO(text), dialect)))


class VisitRequestForm(SpamTrapMixin, forms.Form):
    institution = forms.CharField(label=_("Nama instansi"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis instansi"), choices=InstitutionKind.choices)
    leader_name = forms.CharField(label=_("Nama ketua rombongan"), max_length=150)
    leader_position = forms.CharField(label=_("Jabatan ketua rombongan"), max_length=150)
    contact_name = forms.CharField(label=_("Nama narahubung"), max_length=150)
    contact_phone = forms.CharField(label=_("Telepon narahubung"), max_length=30)
    contact_whatsapp = forms.BooleanField(label=_("Nomor ini dapat dihubungi lewat WhatsApp"), required=False)
    contact_email = forms.EmailField(label=_("Surel narahubung"))
    participants_count = forms.IntegerField(label=_("Jumlah peserta"), min_value=1, max_value=1000)
    purpose = forms.CharField(label=_("Maksud dan tujuan kunjungan"), widget=forms.Textarea(attrs=TEXTAREA))
    topics = forms.ModelMultipleChoiceField(
        label=_("Topik"),
        queryset=Topic.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics_other = forms.CharField(label=_("Topik lain"), max_length=300, required=False)
    preferred_date = forms.DateField(
        label=_("Tanggal yang diinginkan"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    preferred_time = forms.TimeField(
        label=_("Jam mulai"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    alternative_date = forms.DateField(
        label=_("Tanggal alternatif"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    alternative_time = forms.TimeField(
        label=_("Jam alternatif"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    request_letter = forms.FileField(
        label=_("Surat permohonan (PDF)"),
        help_text=_("Surat resmi instansi, ditandatangani. Hanya PDF, paling besar 20 MB."),
    )
    assignment_letter = forms.FileField(label=_("Surat tugas (PDF, bila ada)"), required=False)
    participants_text = forms.CharField(
        label=_("Daftar peserta"),
        required=False,
        help_text=_("Satu orang per baris: Nama, Jabatan."),
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
    )
    participants_file = forms.FileField(
        label=_("Atau unggah daftar peserta (XLSX/CSV)"),
        required=False,
        help_text=_("Kolom pertama nama, kolom kedua jabatan."),
    )
    join_waiting_list = forms.BooleanField(
        label=_("Bila hari itu penuh, masukkan permohonan ke daftar tunggu"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
        self.day_status: availability.DayStatus | None = None

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data["contact_phone"].strip()
        if not PHONE.match(phone):
            raise ValidationError(_("Nomor telepon tidak sah. Contoh: 0812 3456 7890."))
        return phone

    def clean_request_letter(self) -> Any:
        upload = self.cleaned_data["request_letter"]
        check_pdf(upload)
        return upload

    def clean_assignment_letter(self) -> Any:
        upload = self.cleaned_data.get("assignment_letter")
        if upload:
            check_pdf(upload)
        return upload

    def clean_participants_file(self) -> list[tuple[str, str]] | None:
        upload = self.cleaned_data.get("participants_file")
        return read_participant_file(upload) if upload else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        participants = data.get("participants_file") or parse_participant_lines(data.get("participants_text") or "")
        data["participants"] = participants
        count = data.get("participants_count")
        if count and len(participants) > count:
            self.add_error(
                "participants_text",
                _("Daftar berisi %(rows)s orang, lebih banyak dari jumlah peserta (%(n)s).")
                % {"rows": len(participants), "n": count},
            )
        day, moment = data.get("preferred_date"), data.get("preferred_time")
        if day and moment and count:
            start = local_datetime(day, moment)
            status, _room, error = availability.check_request(
                start, count, allow_full=bool(data.get("join_waiting_list"))
            )
            self.day_status = status
            if error:
                self.add_error("preferred_date", error)
            data["preferred_start"] = start
        alt_day, alt_time = data.get("alternative_date"), data.get("alternative_time")
        data["alternative_start"] = None
        if alt_day:
            alternative = local_datetime(alt_day, alt_time or moment or time(9))
            alt_status = availability.Availability(alt_day, alt_day).status(alt_day)
            if alt_status.code not in (availability.AVAILABLE, "full"):
                self.add_error("alternative_date", alt_status.reason)
            data["alternative_start"] = alternative
        return data

    def visit_data(self) -> VisitData:
        data = self.cleaned_data
        return VisitData(
            institution=data["institution"],
            kind=data["kind"],
            leader_name=data["leader_name"],
            leader_position=data["leader_position"],
            contact_name=data["contact_name"],
            contact_phone=data["contact_phone"],
            contact_whatsapp=data["contact_whatsapp"],
            contact_email=data["contact_email"],
            participants_count=data["participants_count"],
            purpose=data["purpose"],
            topics_other=data["topics_other"],
            topic_ids=[topic.pk for topic in data["topics"]],
            preferred_start=data["preferred_start"],
            alternative_start=data["alternative_start"],
            participants=data["participants"],
        )


def coordinators() -> Any:
    return User.objects.filter(is_active=True, is_staff=True).order_by("first_name", "last_name")


class SlotForm(forms.Form):
    day = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start_time = forms.TimeField(label=_("Mulai"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label=_("Selesai"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    room = forms.ModelChoiceField(label=_("Ruangan"), queryset=Room.objects.filter(is_active=True))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("day") and data.get("start_time") and data.get("end_time"):
            data["start"] = local_datetime(data["day"], data["start_time"])
            data["end"] = local_datetime(data["day"], data["end_time"])
            if data["end"] <= data["start"]:
                self.add_error("end_time", _("Waktu selesai harus setelah waktu mulai."))
            elif data["start"] <= timezone.now():
                self.add_error("day", _("Waktu kunjungan sudah lewat."))
        return data


class ApproveForm(SlotForm):
    hosts = forms.ModelMultipleChoiceField(
        label=_("Pejabat penerima"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hosts"].queryset = coordinators()  # type: ignore[attr-defined]
        self.fields["hosts"].label_from_instance = lambda user: user.display_name  # type: ignore[attr-defined]


class ProposeForm(SlotForm):
    note = forms.CharField(label=_("Catatan untuk rombongan"), required=False, widget=forms.Textarea(attrs=TEXTAREA))


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Alasan penolakan"), widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class ForwardForm(forms.Form):
    holder = forms.ChoiceField(
        label=_("Teruskan kepada"),
        choices=[
            ("Kepala Bagian Humas", _("Kepala Bagian Humas")),
            ("Asisten / Sekretaris Daerah", _("Asisten / Sekretaris Daerah")),
            ("Pimpinan daerah", _("Pimpinan daerah")),
            ("Koordinator Kunjungan", _("Koordinator Kunjungan")),
        ],
    )
    note = forms.CharField(label=_("Catatan disposisi"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pembatalan"), widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class RescheduleRequestForm(forms.Form):
    note = forms.CharField(
        label=_("Waktu yang Anda usulkan dan alasannya"), widget=forms.Textarea(attrs=TEXTAREA), max_length=1000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Kode kedatangan"), max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
        self.fields["code"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "off"})


class DayRecordForm(forms.Form):
    spd_signed = forms.BooleanField(label=_("SPD rombongan sudah ditandatangani dan dicap"), required=False)
    spd_notes = forms.CharField(label=_("Catatan SPD"), max_length=300, required=False)
    souvenirs_given = forms.CharField(label=_("Cendera mata yang kami berikan"), max_length=300, required=False)
    souvenirs_received = forms.CharField(label=_("Cendera mata yang kami terima"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleImageField, self).clean(item, initial) for item in files]


class ReportForm(forms.Form):
    attendance = forms.IntegerField(label=_("Jumlah hadir"), min_value=0)
    summary = forms.CharField(label=_("Ringkasan kunjungan"), widget=forms.Textarea(attrs={"rows": 6}))
    follow_ups = forms.CharField(label=_("Tindak lanjut"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    photos = MultipleImageField(label=_("Foto (JPEG/PNG/WebP)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_photos(self) -> list[Any]:
        from humas.uploads import check_image

        photos = self.cleaned_data.get("photos") or []
        for photo in photos:
            check_image(photo)
        return photos


class BlackoutForm(forms.ModelForm):
    class Meta:
        model = Blackout
        fields = ["start_date", "end_date", "reason"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("Tanggal akhir tidak boleh sebelum tanggal mulai."))
        return data


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name", "location", "capacity", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class ReceivingRuleForm(forms.ModelForm):
    class Meta:
        model = ReceivingRule
        fields = ["weekday", "start_time", "end_time"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
