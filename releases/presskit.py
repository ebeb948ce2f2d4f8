"""The press kit: one ZIP per release, built by a Celery task and served with a stable name.

The archive is written to a temporary file on disk entry by entry, copying every photo and
attachment in chunks, so the worker's memory does not grow with the size of the photos. The
finished file goes to private storage: a release under embargo has a press kit that only
verified journalists may download.
"""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
import zipfile
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from releases.images import copy_jpeg_with_xmp, xmp_packet
from releases.models import Release, ReleaseImage
from releases.sanitize import html_to_text

CHUNK = 1024 * 1024
DEFAULT_TERMS = (
    "Ketentuan penggunaan press kit\n\n"
    "Teks, foto, dan lampiran dalam press kit ini bebas digunakan untuk pemberitaan dengan "
    "mencantumkan kredit sesuai keterangan foto dan sumber: {office}.\n"
    "Foto tidak boleh diubah sehingga mengubah makna, dan tidak boleh dipakai untuk iklan "
    "atau kepentingan politik.\n"
    "Bila siaran pers berembargo, isinya tidak boleh disiarkan sebelum waktu embargo berakhir."
)


def presskit_terms() -> str:
    """The terms of use: ``PRESSKIT_TERMS`` in settings when the office sets its own."""
    terms = getattr(settings, "PRESSKIT_TERMS", "") or DEFAULT_TERMS
    return str(terms).format(office=settings.OFFICE_NAME)


def download_name(release: Release) -> str:
    return f"press-kit-{release.slug}.zip"


def _copy(source: IO[bytes], target: IO[bytes]) -> None:
    shutil.copyfileobj(source, target, CHUNK)


def _image_entries(release: Release, images: list[ReleaseImage]) -> list[dict[str, Any]]:
    entries = []
    for number, image in enumerate(images, start=1):
        stem = f"{number:02d}-{slugify(image.caption)[:40] or 'foto'}"
        entries.append(
            {
                "image": image,
                "files": {
                    "cetak": f"foto/cetak/{stem}.jpg",
                    "web": f"foto/web/{stem}.jpg",
                    "kecil": f"foto/kecil/{stem}.jpg",
                },
                "caption": image.caption,
                "credit": image.credit,
                "alt_text": image.alt_text,
                "width": image.width,
                "height": image.height,
                "copyright": _("© %(year)s %(office)s")
                % {"year": (release.publish_at or timezone.now()).year, "office": settings.OFFICE_REGION},
            }
        )
    return entries


def _write_images(archive: zipfile.ZipFile, release: Release, entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        image: ReleaseImage = entry["image"]
        packet = xmp_packet(
            title=release.title,
            caption=entry["caption"],
            credit=entry["credit"] or settings.OFFICE_NAME,
            copyright_notice=entry["copyright"],
            alt_text=entry["alt_text"],
        )
        for field, key in ((image.original, "cetak"), (image.web, "web"), (image.thumbnail, "kecil")):
            # JPEG is already compressed: store, do not deflate again.
            with field.open("rb") as source, archive.open(entry["files"][key], "w", force_zip64=True) as target:
                copy_jpeg_with_xmp(source, target, packet, CHUNK)


def _captions(entries: list[dict[str, Any]]) -> str:
    lines = [_("Keterangan foto"), ""]
    for entry in entries:
        lines += [
            entry["files"]["cetak"].rsplit("/", 1)[1],
            f"  {_('Keterangan')}: {entry['caption']}",
            f"  {_('Kredit')}: {entry['credit']}",
            f"  {_('Hak cipta')}: {entry['copyright']}",
            f"  {_('Teks alternatif')}: {entry['alt_text']}",
            f"  {_('Ukuran cetak')}: {entry['width']} × {entry['height']} px",
            "",
        ]
    return "\n".join(lines)


def _contacts(release: Release) -> str:
    lines = [_("Narahubung media"), ""]
    for contact in release.media_contacts.all():
        lines += [contact.name, f"  {contact.role}", f"  {contact.phone}", f"  {contact.email}", ""]
    return "\n".join(lines)


def release_text(release: Release) -> str:
    dateline = f"{release.dateline_place.upper()}, " if release.dateline_place else ""
    when = timezone.localtime(release.publish_at).strftime("%d-%m-%Y %H:%M") if release.publish_at else ""
    parts = [
        release.title,
        "",
        f"{release.unit.name} · {when}",
        "",
        f"{dateline}{release.lead}",
        "",
        html_to_text(release.body),
    ]
    if release.embargo_until:
        embargo = timezone.localtime(release.embargo_until).strftime("%d-%m-%Y %H:%M %Z")
        parts.insert(0, _("EMBARGO sampai %(time)s") % {"time": embargo})
    return "\n".join(parts).strip() + "\n"


def release_pdf(release: Release) -> bytes:
    """The release on the office letterhead, rendered by WeasyPrint."""
    from weasyprint import HTML

    lead_image = release.lead_image
    html = render_to_string(
        "releases/presskit/release_pdf.html",
        {
            "release": release,
            "lead_image_path": lead_image.web.path if lead_image else "",
            "lead_image": lead_image,
            "office_name": settings.OFFICE_NAME,
            "office_region": settings.OFFICE_REGION,
            "office_address": settings.OFFICE_ADDRESS,
            "office_phone": settings.OFFICE_PHONE,
            "office_email": settings.OFFICE_EMAIL,
            "site_url": settings.SITE_URL,
        },
    )
    return HTML(string=html, base_url=str(settings.MEDIA_ROOT)).write_pdf()


def _metadata(release: Release, entries: list[dict[str, Any]], version: int) -> str:
    data = {
        "title": release.title,
        "slug": release.slug,
        "url": settings.SITE_URL + release.get_absolute_url(),
        "unit": release.unit.name,
        "category": release.category.name if release.category else None,
        "tags": [tag.name for tag in release.tags.all()],
        "language": release.language,
        "dateline_place": release.dateline_place,
        "publish_at": release.publish_at.isoformat() if release.publish_at else None,
        "embargo_until": release.embargo_until.isoformat() if release.embargo_until else None,
        "content_version": version,
        "built_at": timezone.now().isoformat(),
        "media_contacts": [
            {"name": c.name, "role": c.role, "phone": c.phone, "email": c.email} for c in release.media_contacts.all()
        ],
        "images": [{k: v for k, v in entry.items() if k != "image"} for entry in entries],
        "attachments": [
            {"title": a.title, "file": f"lampiran/{a.download_name}", "type": a.content_type, "size": a.size}
            for a in release.attachments.all()
        ],
        "corrections": [{"note": c.note, "at": c.created_at.isoformat()} for c in release.corrections.all()],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def write_presskit(release: Release, target: IO[bytes], version: int) -> None:
    images = list(release.images.all())
    entries = _image_entries(release, images)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        deflate = {"compress_type": zipfile.ZIP_DEFLATED}
        archive.writestr("siaran-pers.pdf", release_pdf(release), **deflate)
        archive.writestr("siaran-pers.txt", release_text(release), **deflate)
        _write_images(archive, release, entries)
        archive.writestr("keterangan-foto.txt", _captions(entries), **deflate)
        for attachment in release.attachments.all():
            with attachment.file.open("rb") as source, archive.open(f"lampiran/{attachment.download_name}", "w") as out:
                _copy(source, out)
        archive.writestr("narahubung-media.txt", _contacts(release), **deflate)
        archive.writestr("ketentuan-penggunaan.txt", presskit_terms(), **deflate)
        archive.writestr("metadata.json", _metadata(release, entries, version), **deflate)


def presskit_build(*, release_id: int) -> bool:
    """Build and store the press kit of a scheduled or published release.

    Returns False when there was nothing to do: not (yet) due, already current, or the
    release changed while building (the newer version's task, or the sweep, builds it)."""
    release = (
        Release.objects.select_related("unit", "category")
        .prefetch_related("images", "attachments", "media_contacts", "tags", "corrections")
        .get(pk=release_id)
    )
    if release.status not in {Release.Status.SCHEDULED, Release.Status.PUBLISHED}:
        return False
    version = release.content_version
    if release.presskit_version == version and release.presskit_file:
        return False
    with override(release.language), tempfile.TemporaryFile(dir=_temp_dir()) as handle:
        write_presskit(release, handle, version)
        handle.seek(0)
        storage = Release._meta.get_field("presskit_file").storage
        name = storage.save(f"siaran-pers/press-kit/{release.slug}-{secrets.token_urlsafe(8)}.zip", File(handle))
    old = release.presskit_file.name
    updated = Release.objects.filter(pk=release_id, content_version=version).update(
        presskit_file=name, presskit_version=version, presskit_built_at=timezone.now()
    )
    stale = old if updated else name
    if stale:
        storage.delete(stale)
    return bool(updated)


def _temp_dir() -> str:
    path = settings.VAR_DIR / "tmp"
    path.mkdir(parents=True, exist_ok=True)
    return str(path)
