"""Private media: personal data (ID scans, press cards) and files not yet published.

These files live in their own storage with no URL. The only way out is a view that has
checked the user's permission and then calls ``private_file_response``.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePath

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db.models.fields.files import FieldFile
from django.http import FileResponse


class PrivateFileSystemStorage(FileSystemStorage):
    """Local private storage: files have a path but never a URL."""

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; stream them through a permission-checked view")


def get_private_storage() -> Storage:
    """Use as ``FileField(storage=get_private_storage)``: migrations keep the callable, not the backend."""
    return storages["private"]


# What a private file may be served as, decided from its first bytes: a name chosen by whoever
# uploaded it ("ktp.html") must never make the browser render it as a page of the portal.
_SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
]
_ZIP_TYPES = {
    ".zip": "application/zip",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/webp"}
_EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}


def sniffed_content_type(head: bytes, name: str) -> str:
    """The content type the bytes really have, among the few the portal accepts."""
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"PK\x03\x04"):
        return _ZIP_TYPES.get(PurePath(name).suffix.lower(), "application/zip")
    return "application/octet-stream"


def private_file_response(file: FieldFile, *, download_name: str | None = None, inline: bool = False) -> FileResponse:
    """Stream a private file; never cached by shared caches, never sniffed as another type.

    The content type comes from the file's bytes, not its name, and the download name gets the
    matching extension; only PDFs and images are ever shown inline."""
    name = download_name or PurePath(file.name or "berkas").name
    handle = file.open("rb")
    head = handle.read(16)
    handle.seek(0)
    content_type = sniffed_content_type(head, name)
    extension = _EXTENSIONS.get(content_type)
    if extension and mimetypes.guess_type(name)[0] != content_type:
        name = f"{PurePath(name).stem or 'berkas'}{extension}"
    inline = inline and content_type in _INLINE_TYPES
    response = FileResponse(handle, as_attachment=not inline, filename=name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
