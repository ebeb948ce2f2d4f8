"""Upload checks by content, never by file name, shared by every app that accepts files.

Each validator reads the file, raises ``ValidationError`` with a clear Indonesian message,
and leaves the file positioned at its start so it can be saved afterwards.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, UnidentifiedImageError

MB = 1024 * 1024
DEFAULT_MAX_IMAGE_BYTES = 15 * MB
DEFAULT_MAX_DOCUMENT_BYTES = 20 * MB
# About 50 megapixels: enough for any camera, far below a decompression bomb.
DEFAULT_MAX_PIXELS = 50_000_000

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
OFFICE_TYPES = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@dataclass(frozen=True)
class CheckedFile:
    kind: str  # "image", "pdf", "docx", "xlsx"
    content_type: str
    extension: str
    width: int = 0
    height: int = 0


def _check_size(file: IO[bytes] | UploadedFile, max_bytes: int) -> None:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
    if size == 0:
        raise ValidationError(_("Berkas kosong."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s). Batas ukurannya %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )


def _head(file: IO[bytes] | UploadedFile, count: int = 8) -> bytes:
    file.seek(0)
    head = file.read(count)
    file.seek(0)
    return head


def check_image(
    file: IO[bytes] | UploadedFile, *, max_bytes: int = DEFAULT_MAX_IMAGE_BYTES, max_pixels: int = DEFAULT_MAX_PIXELS
) -> CheckedFile:
    """A JPEG, PNG or WebP that decodes completely and is not a decompression bomb."""
    _check_size(file, max_bytes)
    not_image = ValidationError(
        _("Berkas ini bukan gambar JPEG, PNG, atau WebP yang utuh. Unggah foto dalam salah satu format itu."),
        code="not_image",
    )
    # WeasyPrint turns on Pillow's global LOAD_TRUNCATED_IMAGES when it is imported, which would
    # let a truncated upload decode "successfully". Our own images are always complete: refuse.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    file.seek(0)
    try:
        with Image.open(file) as image:
            if image.format not in IMAGE_FORMATS:
                raise not_image
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(
                    _("Gambar terlalu besar (%(w)s × %(h)s piksel). Batasnya %(max)s megapiksel.")
                    % {"w": width, "h": height, "max": max_pixels // 1_000_000},
                    code="too_many_pixels",
                )
            image_format = image.format
            image.load()  # decode every byte: a truncated file fails here
    except Image.DecompressionBombError:
        raise ValidationError(
            _("Gambar terlalu besar. Batasnya %(max)s megapiksel.") % {"max": max_pixels // 1_000_000},
            code="too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise not_image from None
    finally:
        file.seek(0)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[image_format]
    return CheckedFile("image", IMAGE_FORMATS[image_format], extension, width, height)


def check_pdf(file: IO[bytes] | UploadedFile, *, max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> CheckedFile:
    """A file that starts with the PDF signature and has an end-of-file marker.

    Readers accept the signature anywhere in the first kilobyte, which is how HTML/PDF
    polyglots are made; ours must start with it."""
    _check_size(file, max_bytes)
    head = _head(file, 8)
    file.seek(0, io.SEEK_END)
    end = file.tell()
    file.seek(max(0, end - 2048))
    tail = file.read()
    file.seek(0)
    if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise ValidationError(_("Berkas ini bukan PDF yang sah. Unggah dokumen dalam format PDF."), code="not_pdf")
    return CheckedFile("pdf", "application/pdf", "pdf")


def check_office(
    file: IO[bytes] | UploadedFile,
    *,
    kinds: tuple[str, ...] = ("docx", "xlsx"),
    max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
) -> CheckedFile:
    """A DOCX or XLSX: a ZIP container holding the part that defines its type."""
    _check_size(file, max_bytes)
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        names = set()
    finally:
        file.seek(0)
    for kind in kinds:
        part, content_type = OFFICE_TYPES[kind]
        if part in names and "[Content_Types].xml" in names:
            return CheckedFile(kind, content_type, kind)
    raise ValidationError(
        _("Berkas ini bukan dokumen %(kinds)s yang sah.") % {"kinds": "/".join(k.upper() for k in kinds)},
        code="not_office",
    )


def check_document(
    file: IO[bytes] | UploadedFile,
    *,
    allow: tuple[str, ...] = ("pdf", "image"),
    max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
) -> CheckedFile:
    """Accept whichever of ``allow`` ("pdf", "image", "docx", "xlsx") the content really is."""
    _check_size(file, max_bytes)
    head = _head(file)
    if "pdf" in allow and head.startswith(b"%PDF-"):
        return check_pdf(file, max_bytes=max_bytes)
    office = tuple(kind for kind in allow if kind in OFFICE_TYPES)
    if office and head.startswith(b"PK\x03\x04"):
        return check_office(file, kinds=office, max_bytes=max_bytes)
    if "image" in allow:
        try:
            return check_image(file, max_bytes=max_bytes)
        except ValidationError as error:
            if error.code != "not_image":
                raise
    names = {"pdf": "PDF", "image": _("gambar JPEG/PNG/WebP"), "docx": "DOCX", "xlsx": "XLSX"}
    raise ValidationError(
        _("Jenis berkas tidak diterima. Yang diterima: %(kinds)s.") % {"kinds": ", ".join(names[k] for k in allow)},
        code="bad_type",
    )
