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


def private_file_response(file: FieldFile, *, download_name: str | None = None, inline: bool = False) -> FileResponse:
    """Stream a private file; never cached by shared caches, never sniffed as another type."""
    name = download_name or PurePath(file.name or "berkas").name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(file.open("rb"), as_attachment=not inline, filename=name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
