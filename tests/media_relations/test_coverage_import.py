"""CSV import of coverage: bad rows reported by line and reason; nothing stored unless skipping is chosen."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from humas.roles import Role
from media_relations.models import CoverageItem
from tests.factories.media_events import CoverageItemFactory, OutletFactory
from tests.factories.releases import PublishedReleaseFactory

pytestmark = pytest.mark.django_db
HEADER = "judul,media,terbit,jenis,tautan,nada,jangkauan,siaran_pers\n"


def upload(text: str, encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("kliping.csv", text.encode(encoding), content_type="text/csv")


def post(client, text: str, *, skip: bool = False, encoding: str = "utf-8"):  # type: ignore[no-untyped-def]
    data = {"file": upload(text, encoding)}
    if skip:
        data["skip_bad_rows"] = "on"
    return client.post(reverse("media_relations:coverage-import"), data, follow=True)


def test_good_file_is_stored_with_outlets_and_releases_matched(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    outlet = OutletFactory(name="Radar Harapan")
    release = PublishedReleaseFactory(slug="taman-kota")
    text = HEADER + (
        "Taman kota dibuka,radar harapan,2026-11-20 09:00,daring,https://radar.example/1,positif,5000,taman-kota\n"
        "Koran pagi,Koran Lokal,20-11-2026,cetak,,netral,,\n"
    )
    response = post(client, "\ufeff" + text)
    assert "2 kliping tersimpan." in response.content.decode()
    first, second = CoverageItem.objects.order_by("title")
    assert second.title == "Taman kota dibuka" and second.outlet == outlet and second.release == release
    assert first.outlet is None and first.outlet_name == "Koran Lokal" and first.medium == "print"


def test_bad_rows_are_listed_and_nothing_is_stored(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    CoverageItemFactory(url="https://lama.example/x", url_key="lama.example/x")
    text = HEADER + (
        "Baik,Media A,2026-11-20 09:00,daring,https://a.example/1,positif,,\n"
        "Tanpa tanggal,Media A,,daring,,,,\n"
        "Jenis aneh,Media A,2026-11-20,majalah,,,,\n"
        "Nada aneh,Media A,2026-11-20,daring,,marah,,\n"
        "Ganda,Media A,2026-11-20,daring,http://www.a.example/1/,,,\n"
        "Sudah ada,Media A,2026-11-20,daring,https://lama.example/x,,,\n"
        "Rilis hilang,Media A,2026-11-20,daring,,,,tidak-ada\n"
    )
    body = post(client, text).content.decode()
    assert "Tidak ada yang disimpan: 6 baris bermasalah." in body
    assert "Baris 3: kolom wajib kosong: terbit" in body
    assert "Baris 4: jenis media \u201cmajalah\u201d tidak dikenal" in body
    assert "Baris 5: nada \u201cmarah\u201d bukan positif, netral, atau negatif" in body
    assert "Baris 6: tautan sama dengan baris 2" in body
    assert "Baris 7: tautan sudah tercatat sebelumnya" in body
    assert "Baris 8: siaran pers \u201ctidak-ada\u201d tidak ditemukan" in body
    assert CoverageItem.objects.count() == 1


def test_skipping_bad_rows_stores_the_good_ones(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    text = HEADER + "Baik,Media A,2026-11-20 09:00,daring,,positif,,\nBuruk,Media A,kemarin,daring,,,,\n"
    body = post(client, text, skip=True).content.decode()
    assert "1 kliping tersimpan." in body and "1 baris dilewati" in body and "Baris 3: waktu terbit" in body
    assert list(CoverageItem.objects.values_list("title", flat=True)) == ["Baik"]


def test_wrong_encoding_is_refused_clearly(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    body = post(
        client, HEADER + "Berita “khusus” é,Media A,2026-11-20,daring,,,,\n", encoding="cp1252"
    ).content.decode()
    assert "Berkas bukan teks UTF-8" in body
    assert not CoverageItem.objects.exists()


def test_missing_columns_are_named(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    body = post(client, "judul,tautan\nA,https://a.example\n").content.decode()
    assert "Kolom wajib tidak ada: media, terbit, jenis." in body
    assert not CoverageItem.objects.exists()


def test_semicolon_separated_file_from_spreadsheet_is_read(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    post(client, HEADER.replace(",", ";") + "Baik;Media A;2026-11-20 09:00;televisi;;negatif;;\n")
    item = CoverageItem.objects.get()
    assert (item.medium, item.tone) == ("tv", "negative")


def test_oversized_file_is_refused(client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.MEDIA_OFFICER)
    body = post(client, HEADER + "x" * (5 * 1024 * 1024 + 10)).content.decode()
    assert "Berkas CSV terlalu besar" in body
    assert not CoverageItem.objects.exists()
