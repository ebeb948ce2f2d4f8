"""The Daftar Informasi Publik: the public catalogue, its exempt list and staff management."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from humas.models import Unit
from humas.roles import Role
from ppid.models import DipCategory, DipDocument, DipItem
from ppid.services import PpidError, dip_document_add
from tests.factories.humas import staff_user
from tests.factories.ppid import DipItemFactory, ExemptDipItemFactory
from tests.helpers import pdf_upload

pytestmark = pytest.mark.django_db
URL = "/ppid/dip/"


def numbers(response: Any) -> list[str]:
    return [item.number for item in response.context["page"]]


def test_public_list_shows_the_standard_columns_and_downloadable_documents(client: Client) -> None:
    item = DipItemFactory(number="B-001", summary="Laporan realisasi anggaran 2025", retention_period="10 tahun")
    dip_document_add(item_id=item.pk, actor=staff_user(Role.PPID_OFFICER), title="LRA 2025", upload=pdf_upload())
    DipItemFactory(number="X-001", summary="Konsep yang belum terbit", is_published=False)
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200 and numbers(response) == ["B-001"]
    for shown in (
        "B-001",
        "Laporan realisasi anggaran 2025",
        "Informasi berkala",
        "Dinas Komunikasi dan Informatika",
        "Kepala Dinas Komunikasi dan Informatika",
        "2026, Harapan Jaya",
        "PDF, cetak",
        "10 tahun",
    ):
        assert shown in body, shown
    document = DipDocument.objects.get()
    assert f'href="{document.file.url}"' in body and "LRA 2025" in body
    assert "Konsep yang belum terbit" not in body


def test_search_and_filters_narrow_the_list(client: Client) -> None:
    other_unit = Unit.objects.create(name="Badan Pengelola Keuangan Daerah", short_name="BPKAD", slug="bpkad")
    DipItemFactory(number="B-001", summary="Laporan keuangan tahunan")
    DipItemFactory(number="S-001", summary="Peringatan dini banjir", category=DipCategory.IMMEDIATE)
    DipItemFactory(number="T-001", summary="Daftar aset daerah", category=DipCategory.ON_REQUEST, unit=other_unit)
    ExemptDipItemFactory(number="K-001")
    assert numbers(client.get(URL)) == ["B-001", "K-001", "S-001", "T-001"]  # ordered by category, then number
    assert numbers(client.get(URL, {"q": "banjir"})) == ["S-001"]
    assert numbers(client.get(URL, {"q": "t-001"})) == ["T-001"]
    assert numbers(client.get(URL, {"kategori": "setiap_saat"})) == ["T-001"]
    assert numbers(client.get(URL, {"unit": other_unit.pk})) == ["T-001"]
    assert numbers(client.get(URL, {"q": "laporan", "kategori": "serta_merta"})) == []
    assert "Tidak ada informasi yang cocok" in client.get(URL, {"q": "tidak-ada-sama-sekali"}).content.decode()


def test_exempt_list_shows_the_pasal_17_ground_and_consequence_test_and_no_documents(client: Client) -> None:
    item = ExemptDipItemFactory(number="K-001")
    body = client.get(URL, {"kategori": "dikecualikan"}).content.decode()
    assert "Pasal 17 huruf h: mengungkap rahasia pribadi" in body
    assert "Membuka rekam medis mengungkap rahasia pribadi" in body
    assert "Dapat diminta" not in body  # no download cell for an exempt item
    with pytest.raises(PpidError, match="tidak boleh memiliki dokumen"):
        dip_document_add(item_id=item.pk, actor=staff_user(Role.PPID_OFFICER), title="Bocoran", upload=pdf_upload())
    assert not DipDocument.objects.exists()


def test_staff_create_an_item_and_an_exempt_item_needs_its_ground(client: Client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.PPID_OFFICER)
    unit = DipItemFactory().unit
    data = {
        "number": "K-009",
        "summary": "Berkas penyidikan",
        "category": "dikecualikan",
        "unit": unit.pk,
        "responsible_official": "Sekretaris Daerah",
        "created_when": "2026",
        "created_where": "Harapan Jaya",
        "formats": "cetak",
        "retention_period": "5 tahun",
        "exempt_ground": "",
        "consequence_test": "",
        "is_published": "on",
    }
    refused = client.post(reverse("ppid:dip-create"), data)
    assert refused.status_code == 400
    errors = refused.context["form"].errors
    assert "wajib menyebut dasar Pasal 17" in " ".join(errors["exempt_ground"])
    assert "uji konsekuensi" in " ".join(errors["consequence_test"])
    assert not DipItem.objects.filter(number="K-009").exists()
    data |= {"exempt_ground": "a", "consequence_test": "Membuka berkas menghambat penyidikan yang berjalan."}
    created = client.post(reverse("ppid:dip-create"), data)
    assert created.status_code == 302
    item = DipItem.objects.get(number="K-009")
    assert (item.category, item.exempt_ground) == ("dikecualikan", "a")
    wrong = client.post(reverse("ppid:dip-create"), data | {"number": "B-009", "category": "berkala"})
    assert wrong.status_code == 400 and "hanya untuk informasi dikecualikan" in wrong.content.decode()


def test_staff_add_and_remove_documents_and_an_item_turned_exempt_loses_them(client: Client, login_as) -> None:  # type: ignore[no-untyped-def]
    login_as(Role.PPID_OFFICER)
    item = DipItemFactory(number="B-002")
    add = reverse("ppid:dip-document-add", args=[item.pk])
    not_pdf = client.post(add, {"title": "Program", "file": SimpleUploadedFile("x.pdf", b"MZ\x90", "application/pdf")})
    assert not_pdf.status_code == 400 and "Jenis berkas tidak diterima" in not_pdf.content.decode()
    assert not DipDocument.objects.exists()
    assert client.post(add, {"title": "Rencana kerja", "file": pdf_upload()}).status_code == 302
    document = DipDocument.objects.get()
    assert client.get(URL).content.decode().count("Rencana kerja") == 1
    stored = document.file.path
    edit = reverse("ppid:dip-edit", args=[item.pk])
    form = client.get(edit).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data |= {
        "unit": item.unit_id,
        "category": "dikecualikan",
        "exempt_ground": "h",
        "consequence_test": "Berisi data pribadi.",
        "is_published": "on",
    }
    assert client.post(edit, data).status_code == 302
    assert not DipDocument.objects.exists()
    assert not os.path.exists(stored)


def test_dip_management_is_for_ppid_officers_only(client: Client, login_as) -> None:  # type: ignore[no-untyped-def]
    item = DipItemFactory()
    login_as(Role.PPID_SUPERIOR)
    assert client.get(reverse("ppid:dip-manage")).status_code == 403
    response = client.post(reverse("ppid:dip-document-add", args=[item.pk]), {"title": "x", "file": pdf_upload()})
    assert response.status_code == 403
    assert not DipDocument.objects.exists()


@pytest.mark.parametrize("count", [1, 20])
def test_public_dip_list_uses_few_queries_whatever_the_number_of_items(  # type: ignore[no-untyped-def]
    count: int, client: Client, django_assert_max_num_queries
) -> None:
    officer = staff_user(Role.PPID_OFFICER)
    for n in range(count):
        item = DipItemFactory()
        if n % 2:
            dip_document_add(item_id=item.pk, actor=officer, title=f"Dokumen {n}", upload=pdf_upload())
    with django_assert_max_num_queries(6):
        response = client.get(URL)
    assert len(numbers(response)) == count
