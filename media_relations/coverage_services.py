"""Writes for coverage monitoring: one item from the form, many from a CSV file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from humas import audit
from humas.models import User
from media_relations.models import Outlet
from media_relations.models_coverage import CoverageItem, Medium, Tone
from releases.models import Release

TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "igshid", "mc_", "_ga", "ref")


class CoverageError(Exception):
    """A refused write, with a message for the user (Indonesian)."""


def normalise_url(url: str) -> str:
    """The key two links to one article share: host without ``www.``, path, meaningful parameters."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in {80, 443}:
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or ""
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(TRACKING_PARAMS)
    )
    return host + path + (f"?{urlencode(query)}" if query else "")


def duplicate_of(url: str, *, excluding: int | None = None) -> CoverageItem | None:
    key = normalise_url(url)
    if not key:
        return None
    found = CoverageItem.objects.filter(url_key=key)
    if excluding is not None:
        found = found.exclude(pk=excluding)
    return found.first()


def duplicate_message(item: CoverageItem) -> str:
    return _("Berita dengan tautan ini sudah tercatat: “%(title)s” (%(outlet)s, %(day)s).") % {
        "title": item.title,
        "outlet": item.outlet_label,
        "day": f"{timezone.localtime(item.published_at):%d-%m-%Y}",
    }


@transaction.atomic
def coverage_create(*, actor: User, data: dict[str, Any], clipping: UploadedFile | None = None) -> CoverageItem:
    """Log one coverage item; a link already logged is refused (the unique index is the guarantee)."""
    item = CoverageItem(logged_by=actor, **data)
    item.url_key = normalise_url(item.url)
    existing = duplicate_of(item.url)
    if existing is not None:
        raise CoverageError(duplicate_message(existing))
    if clipping:
        item.clipping.save(clipping.name or "kliping", clipping, save=False)
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise CoverageError(_("Berita dengan tautan ini baru saja dicatat oleh petugas lain.")) from None
    audit.record(actor=actor, obj=item, action="media_relations.coverage.create", new=item.tone)
    return item


@transaction.atomic
def coverage_update(
    *, item_id: int, actor: User, data: dict[str, Any], clipping: UploadedFile | None = None
) -> CoverageItem:
    """Correct a logged item (tone, release, outlet ...); its link must stay unique."""
    item = CoverageItem.objects.select_for_update().get(pk=item_id)
    existing = duplicate_of(data.get("url", item.url), excluding=item.pk)
    if existing is not None:
        raise CoverageError(duplicate_message(existing))
    old_tone = item.tone
    for name, value in data.items():
        setattr(item, name, value)
    item.url_key = normalise_url(item.url)
    if clipping:
        item.clipping.save(clipping.name or "kliping", clipping, save=False)
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise CoverageError(_("Berita dengan tautan ini baru saja dicatat oleh petugas lain.")) from None
    audit.record(actor=actor, obj=item, action="media_relations.coverage.update", old=old_tone, new=item.tone)
    return item


# CSV import -------------------------------------------------------------------------------------

COLUMNS = ["judul", "media", "terbit", "jenis", "tautan", "nada", "jangkauan", "siaran_pers"]
REQUIRED = ["judul", "media", "terbit", "jenis"]
MEDIUM_NAMES = {str(label).lower(): value for value, label in Medium.choices} | {v: v for v in Medium.values}
TONE_NAMES = {str(label).lower(): value for value, label in Tone.choices} | {v: v for v in Tone.values}


@dataclass
class ImportResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line in the file, reason)
    file_error: str = ""
    stored: int = 0


def _read_text(file: IO[bytes]) -> str:
    raw = file.read()
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CoverageError(
            _("Berkas bukan teks UTF-8. Simpan ulang dari spreadsheet sebagai “CSV UTF-8” lalu unggah lagi.")
        ) from None


def _parse_time(value: str) -> datetime:
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return timezone.make_aware(datetime.strptime(value, fmt))
        except ValueError:
            continue
    raise ValueError(_("waktu terbit “%(v)s” tidak dikenali (pakai TTTT-BB-HH JJ:MM)") % {"v": value})


def _parse_row(row: dict[str, str], outlets: dict[str, int], releases: dict[str, int]) -> dict[str, Any]:
    values = {key: (row.get(key) or "").strip() for key in COLUMNS}
    missing = [key for key in REQUIRED if not values[key]]
    if missing:
        raise ValueError(_("kolom wajib kosong: %(cols)s") % {"cols": ", ".join(missing)})
    medium = MEDIUM_NAMES.get(values["jenis"].lower())
    if medium is None:
        raise ValueError(_("jenis media “%(v)s” tidak dikenal") % {"v": values["jenis"]})
    tone = TONE_NAMES.get((values["nada"] or "netral").lower())
    if tone is None:
        raise ValueError(_("nada “%(v)s” bukan positif, netral, atau negatif") % {"v": values["nada"]})
    if values["tautan"]:
        try:
            URLValidator(schemes=["http", "https"])(values["tautan"])
        except ValidationError:
            raise ValueError(_("tautan “%(v)s” bukan alamat web yang sah") % {"v": values["tautan"]}) from None
    reach = None
    if values["jangkauan"]:
        if not values["jangkauan"].replace(".", "").isdigit():
            raise ValueError(_("jangkauan harus bilangan bulat"))
        reach = int(values["jangkauan"].replace(".", ""))
    release_id = None
    if values["siaran_pers"]:
        release_id = releases.get(values["siaran_pers"].lower())
        if release_id is None:
            raise ValueError(_("siaran pers “%(v)s” tidak ditemukan") % {"v": values["siaran_pers"]})
    outlet_id = outlets.get(values["media"].lower())
    return {
        "title": values["judul"][:400],
        "outlet_id": outlet_id,
        "outlet_name": "" if outlet_id else values["media"][:200],
        "published_at": _parse_time(values["terbit"]),
        "medium": medium,
        "url": values["tautan"],
        "tone": tone,
        "reach": reach,
        "release_id": release_id,
    }


def parse_csv(file: IO[bytes]) -> ImportResult:
    """Check every row; nothing is stored here. Lines are counted as in the file (header is 1)."""
    result = ImportResult()
    try:
        text = _read_text(file)
    except CoverageError as error:
        result.file_error = str(error)
        return result
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        result.file_error = _("Kolom wajib tidak ada: %(cols)s. Baris judul harus memuat: %(all)s.") % {
            "cols": ", ".join(missing),
            "all": ", ".join(COLUMNS),
        }
        return result
    reader.fieldnames = header
    outlets = {name.lower(): pk for pk, name in Outlet.objects.values_list("pk", "name")}
    releases = {slug.lower(): pk for pk, slug in Release.objects.values_list("pk", "slug")}
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        try:
            data = _parse_row(row, outlets, releases)
        except ValueError as error:
            result.errors.append((line, str(error)))
            continue
        key = normalise_url(data["url"])
        if key and key in seen:
            result.errors.append((line, _("tautan sama dengan baris %(line)s") % {"line": seen[key]}))
            continue
        if key:
            seen[key] = line
        data["url_key"] = key
        data["line"] = line
        result.rows.append(data)
    logged = set(CoverageItem.objects.filter(url_key__in=list(seen)).values_list("url_key", flat=True))
    for data in [row for row in result.rows if row["url_key"] in logged]:
        result.errors.append((data["line"], _("tautan sudah tercatat sebelumnya")))
        result.rows.remove(data)
    result.errors.sort()
    if not result.rows and not result.errors:
        result.file_error = _("Berkas tidak berisi baris data.")
    return result


@transaction.atomic
def coverage_import(*, actor: User, file: IO[bytes], skip_bad_rows: bool) -> ImportResult:
    """Store the file's rows: all of them, or (``skip_bad_rows``) the good ones; never half a file by accident."""
    result = parse_csv(file)
    if result.file_error or (result.errors and not skip_bad_rows):
        return result
    items = [CoverageItem(logged_by=actor, **{k: v for k, v in row.items() if k != "line"}) for row in result.rows]
    try:
        with transaction.atomic():
            CoverageItem.objects.bulk_create(items, batch_size=1000)
    except IntegrityError:
        result.file_error = _(
            "Sebagian tautan baru saja dicatat oleh petugas lain; tidak ada yang disimpan. Coba lagi."
        )
        return result
    result.stored = len(items)
    audit.record(
        actor=actor,
        obj=actor,
        action="media_relations.coverage.import",
        new=str(len(items)),
        data={"stored": len(items), "skipped": len(result.errors)},
    )
    return result
