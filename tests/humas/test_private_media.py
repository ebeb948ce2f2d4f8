import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db.models.fields.files import FieldFile
from django.test import Client

from humas.private_media import private_file_response

pytestmark = pytest.mark.django_db


def test_private_files_have_no_url_and_are_outside_public_media(client: Client) -> None:
    storage = storages["private"]
    name = storage.save("ktp/scan-ktp.pdf", ContentFile(b"%PDF-1.4 data pribadi"))
    try:
        assert not str(storage.path(name)).startswith(str(settings.MEDIA_ROOT))
        with pytest.raises(ValueError):
            storage.url(name)
        assert client.get(settings.MEDIA_URL + name).status_code == 404
        assert client.get(settings.MEDIA_URL + "../private/" + name).status_code in (400, 404)
    finally:
        storage.delete(name)


def test_private_file_response_streams_without_caching() -> None:
    storage = storages["private"]
    name = storage.save("ktp/scan.pdf", ContentFile(b"%PDF-1.4 isi"))
    try:

        class Holder:
            pass

        field_file = FieldFile(Holder(), type("F", (), {"storage": storage, "name": "berkas"})(), name)
        response = private_file_response(field_file, download_name="ktp-pemohon.pdf")
        assert b"".join(response.streaming_content) == b"%PDF-1.4 isi"
        assert response["Cache-Control"] == "private, no-store"
        assert 'attachment; filename="ktp-pemohon.pdf"' in response["Content-Disposition"]
        assert response["Content-Type"] == "application/pdf"
    finally:
        storage.delete(name)
