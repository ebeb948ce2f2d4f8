"""CSV export and import of the journalist directory.

The import is two steps: ``import_preview`` parses and checks every row without writing
anything, reporting each bad row with its line number and reason; ``import_commit`` writes
the good rows in one transaction, and only when the file has no bad row or the user chose to
skip them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from humas import audit
from humas.models import User
from media_relations.contacts import normalize_email, normalize_phone
from media_relations.models import Beat, Journalist, Outlet

REQUIRED = ("nama", "surel", "media", "jenis_media")
OPTIONAL = (
    "telepon",
    "desk",
    "wilayah",
    "nomor_kartu_pers",
    "penerbit_kartu_pers",
    "catatan",
    "persetujuan",
    "verifikasi",
)
CONTACT_COLUMNS = ("surel", "telepon")
_KINDS = (
    {value: value for value in Outlet.Kind.values}
    | {str(label).lower(): value for value, label in Outlet.Kind.choices}
    | {"cetak": "print", "daring": "online", "televisi": "tv", "kantor berita": "agency"}
)
_YES = {"ya", "yes", "y", "1", "true"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, missing columns): nothing is imported."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ImportRow:
    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportPreview:
    rows: list[ImportRow]

    @property
    def good(self) -> list[ImportRow]:
        return [row for row in self.rows if row.ok]

    @property
    def bad(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.ok]


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _(
                "Berkas tidak dapat dibaca sebagai UTF-8 (mungkin disimpan sebagai Windows-1252/ANSI). "
                "Simpan ulang sebagai “CSV UTF-8” lalu unggah lagi. Tidak ada data yang disimpan."
            )
        ) from None


def _reader(text: str) -> csv.DictReader[str]:
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportFileError(
            _("Kolom wajib tidak ada: %(missing)s. Baris pertama berkas harus memuat kolom %(required)s.")
            % {"missing": ", ".join(missing), "required": ", ".join(REQUIRED)}
        )
    reader.fieldnames = header
    return reader


def _consent(value: str) -> datetime | None:
    value = value.strip().lower()
    if not value or value in {"tidak", "no", "0"}:
        return None
    if value in _YES:
        return timezone.now()
    try:
        parsed = datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        raise ValidationError(
            _("Kolom persetujuan “%(value)s” tidak dikenal: isi “ya” atau tanggal (YYYY-MM-DD).") % {"value": value}
        ) from None
    return timezone.make_aware(parsed)


def _check_row(row: ImportRow, seen: dict[str, int], existing: set[str]) -> None:
    values = row.values
    data: dict[str, Any] = {"name": values.get("nama", "").strip()}
    if not data["name"]:
        row.errors.append(_("Nama kosong."))
    checks = (
        ("email", lambda: normalize_email(values.get("surel", ""))),
        ("phone", lambda: normalize_phone(values.get("telepon", ""))),
        ("consent_at", lambda: _consent(values.get("persetujuan", ""))),
    )
    for key, check in checks:
        try:
            data[key] = check()
        except ValidationError as error:
            row.errors.extend(error.messages)
    email = str(data.get("email") or "").lower()
    if email and email in existing:
        row.errors.append(_("Surel %(email)s sudah ada di direktori.") % {"email": email})
    elif email and email in seen:
        row.errors.append(_("Surel %(email)s sama dengan baris %(line)s.") % {"email": email, "line": seen[email]})
    elif email:
        seen[email] = row.line
    kind = _KINDS.get(values.get("jenis_media", "").strip().lower())
    if kind is None:
        row.errors.append(
            _("Jenis media “%(value)s” tidak dikenal. Pilihan: cetak, daring, televisi, radio, kantor berita.")
            % {"value": values.get("jenis_media", "")[:40]}
        )
    outlet = values.get("media", "").strip()
    if not outlet:
        row.errors.append(_("Nama media kosong."))
    data |= {
        "outlet": outlet,
        "kind": kind,
        "area": values.get("wilayah", "").strip()[:120],
        "beats": [b.strip() for b in values.get("desk", "").replace("|", ";").split(";") if b.strip()],
        "press_card_number": values.get("nomor_kartu_pers", "").strip()[:60],
        "press_card_issuer": values.get("penerbit_kartu_pers", "").strip()[:120],
        "notes": values.get("catatan", "").strip(),
    }
    row.data = data


def import_preview(raw: bytes) -> ImportPreview:
    """Parse and check every row; raises ImportFileError when the file itself is unusable."""
    reader = _reader(decode(raw))
    rows = []
    for values in reader:
        # A leading apostrophe is how our export guards against formulas: drop it again.
        clean = {k: (v or "").strip().removeprefix("'") for k, v in values.items() if k and isinstance(v, str)}
        if not any(clean.values()):
            continue
        rows.append(ImportRow(line=reader.line_num, values=clean))
    if not rows:
        raise ImportFileError(_("Berkas tidak memuat satu baris data pun."))
    emails = {normalize_email_or_blank(row.values.get("surel", "")).lower() for row in rows} - {""}
    existing = set(
        Journalist.objects.annotate(lower_email=Lower("email"))
        .filter(lower_email__in=emails)
        .values_list("lower_email", flat=True)
    )
    seen: dict[str, int] = {}
    for row in rows:
        _check_row(row, seen, existing)
    return ImportPreview(rows=rows)


def normalize_email_or_blank(value: str) -> str:
    try:
        return normalize_email(value)
    except ValidationError:
        return ""


@transaction.atomic
def import_commit(*, raw: bytes, skip_bad: bool, actor: User) -> int:
    """Write the good rows (re-checked now); nothing at all when a row is bad and not skipped."""
    preview = import_preview(raw)
    if preview.bad and not skip_bad:
        raise ImportFileError(
            _("Berkas memuat baris bermasalah. Perbaiki berkasnya atau pilih “Lewati baris bermasalah”.")
        )
    outlets = {o.name.lower(): o for o in Outlet.objects.all()}
    beats = {b.name.lower(): b for b in Beat.objects.all()}
    created = 0
    for row in preview.good:
        data = row.data
        outlet = outlets.get(data["outlet"].lower())
        if outlet is None:
            outlet = Outlet.objects.create(name=data["outlet"], kind=data["kind"], coverage_area=data["area"])
            outlets[outlet.name.lower()] = outlet
        journalist = Journalist.objects.create(
            name=data["name"],
            outlet=outlet,
            email=data["email"],
            phone=data["phone"],
            press_card_number=data["press_card_number"],
            press_card_issuer=data["press_card_issuer"],
            notes=data["notes"],
            consent_at=data["consent_at"],
            consent_source=Journalist.ConsentSource.IMPORT if data["consent_at"] else "",
        )
        journalist.beats.set([_beat(beats, name) for name in data["beats"]])
        created += 1
    audit.record(
        actor=actor,
        obj=actor,
        action="media.journalist.imported",
        data={"created": created, "skipped_lines": [row.line for row in preview.bad]},
    )
    return created


def _beat(beats: dict[str, Beat], name: str) -> Beat:
    found = beats.get(name.lower())
    if found is None:
        slug = slugify(name)[:80] or f"desk-{len(beats) + 1}"
        found, _created = Beat.objects.get_or_create(slug=slug, defaults={"name": name[:80]})
        beats[name.lower()] = found
    return found


class _Echo:
    def write(self, value: str) -> str:
        return value


def export_rows(journalists: QuerySet[Journalist], *, with_contact: bool) -> Iterator[str]:
    """The directory as CSV lines, in the import's own columns (contact columns only for those
    allowed to see them), streamed without holding the whole directory in memory."""
    columns = [c for c in (*REQUIRED, *OPTIONAL) if with_contact or c not in CONTACT_COLUMNS]
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(columns)
    for journalist in journalists.select_related("outlet").prefetch_related("beats").iterator(chunk_size=500):
        outlet = journalist.outlet
        values = {
            "nama": journalist.name,
            "surel": journalist.email,
            "media": outlet.name if outlet else "",
            "jenis_media": outlet.kind if outlet else "",
            "telepon": journalist.phone,
            "desk": "; ".join(b.name for b in journalist.beats.all()),
            "wilayah": outlet.coverage_area if outlet else "",
            "nomor_kartu_pers": journalist.press_card_number,
            "penerbit_kartu_pers": journalist.press_card_issuer,
            "catatan": journalist.notes,
            "persetujuan": timezone.localtime(journalist.consent_at).strftime("%Y-%m-%d")
            if journalist.consent_at
            else "",
            "verifikasi": journalist.verification,
        }
        yield writer.writerow([_safe_cell(values[c]) for c in columns])


def _safe_cell(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    return f"'{value}" if value and value[0] in "=+-@\t\r" else value
